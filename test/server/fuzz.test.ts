/**
 * Hostile and malformed commands against the real server, over HTTP and over the socket (fast-check): every answer is
 * a 2xx or a 4xx (never a 5xx, never a socket error), every refusal names its rule and, when it is the input's fault,
 * the field, in plain words (no stack trace), and a refused command leaves the chain's state byte-equal.
 *
 * Commands are made from one well-formed command per type (with the ids of a chain that has an open till, a sale in
 * progress and a pickup order), then broken: a field dropped, replaced by a hostile value (wrong type, out of range,
 * huge, prototype keys, deep nesting), a field added, the type swapped; or kept well-formed with its values swapped
 * for other ids, quantities and lists that get past the schema into the rules; and whole bodies that are not commands.
 * `FUZZ_RUNS` sets the runs per channel (default 1,100: 2,200 in all).
 */
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, call, emitWithAck, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1100);

let t: TestServer;
const tokens: Record<'till' | 'fulfillment' | 'analyst' | 'manager', string> = { till: '', fulfillment: '', analyst: '', manager: '' };
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await testServer();
  tokens.till = await signIn(t.url, 'cashier1', 'S1', 'R1');
  tokens.manager = await signIn(t.url, 'manager1', 'S1', 'R2');
  tokens.fulfillment = await signIn(t.url, 'lead1', 'S1');
  tokens.analyst = await signIn(t.url, 'analyst1', 'S1');
  // A pickup order at S1 (CO-000001, line T-R1-000001-1), then a sale in progress on R1.
  await accepted(t.url, tokens.till,
    { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
    { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
    { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 },
    { type: 'register.pickupAll', registerId: 'R1' },
  );
  await accepted(t.url, tokens.till, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: t.durable.chain.registerView('R1').due });
  await accepted(t.url, tokens.till, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 });
  for (const token of Object.values(tokens)) sockets.push(await socketOf(t.url, token));
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Sender = keyof typeof tokens;

/** One well-formed command per type, with who would send it. */
const TEMPLATES: { sender: Sender; command: Record<string, Json> }[] = [
  { sender: 'till', command: { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 } },
  { sender: 'till', command: { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000002-1', quantity: 2 } },
  { sender: 'till', command: { type: 'register.removeLine', registerId: 'R1', lineId: 'T-R1-000002-1' } },
  { sender: 'till', command: { type: 'register.selectLine', registerId: 'R1', lineId: 'T-R1-000002-1' } },
  { sender: 'till', command: { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' } },
  { sender: 'till', command: { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' } },
  { sender: 'till', command: { type: 'register.pickupSelected', registerId: 'R1', lineIds: ['T-R1-000002-1'], locationId: 'S1', date: '2026-11-30' } },
  { sender: 'till', command: { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 100 } },
  { sender: 'till', command: { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 } },
  { sender: 'till', command: { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'GIFTWRAP', amount: 500 } },
  { sender: 'till', command: { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' } },
  { sender: 'till', command: { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } } },
  { sender: 'till', command: { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }] } },
  { sender: 'till', command: { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 10 } },
  { sender: 'till', command: { type: 'customer.create', registerId: 'R1', customer: { name: 'Fuzz Test' } } },
  { sender: 'till', command: { type: 'customer.edit', registerId: 'R1', customerId: 'C-ANNA', changes: { email: 'a@example.com' } } },
  { sender: 'manager', command: { type: 'register.closeShift', registerId: 'R2' } },
  { sender: 'manager', command: { type: 'register.addItem', registerId: 'R2', productId: 'P-TENT', quantity: 1, unitPrice: 100 } },
  { sender: 'fulfillment', command: { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity: 1 }] } },
  { sender: 'fulfillment', command: { type: 'fulfillment.pack', locationId: 'S1', operatorId: 'lead1', orderId: 'CO-000001', lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] } },
  { sender: 'fulfillment', command: { type: 'fulfillment.reject', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity: 1 }] } },
  { sender: 'fulfillment', command: { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1' }] } },
  { sender: 'analyst', command: { type: 'headquarters.runJob', job: 'P-job' } },
  { sender: 'analyst', command: { type: 'sync.setLink', storeId: 'S1', state: 'offline' } },
  { sender: 'analyst', command: { type: 'clock.advance', ms: 60_000 } },
  { sender: 'analyst', command: { type: 'headquarters.resetFulfillment', orderId: 'CO-000001', lineIds: ['T-R1-000001-1'] } },
];

/** Values a hostile client puts where a field belongs. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, '', ' ', '0', 'null', '__proto__', 'constructor', 'toString', 'R1\u0000', '💥', 'x'.repeat(5000),
    0, -1, 1.5, -0.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324,
    [], {}, [null], { __proto__: { polluted: true } } as unknown as Json, { constructor: { prototype: { polluted: true } } }, JSON.parse('{"__proto__":{"polluted":true}}') as Json),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 80 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { maxLength: 5 }),
  fc.letrec<{ deep: Json }>((tie) => ({ deep: fc.oneof({ depthSize: 'small' }, fc.constant<Json>(1), fc.array(tie('deep'), { maxLength: 2 })) })).deep,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** A well-formed command broken in one or two ways. */
const brokenCommand = fc.tuple(fc.constantFrom(...TEMPLATES), fc.array(fc.tuple(fc.nat(), fc.nat(9), hostileValue, fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 2 }))
  .map(([{ sender, command }, breaks]) => {
    let broken: Record<string, Json> = structuredClone(command);
    for (const [pick, how, value, name] of breaks) {
      const keys = Object.keys(broken);
      const key = keys[pick % keys.length]!;
      if (how <= 3) broken[key] = value;
      else if (how === 4) delete broken[key];
      else if (how === 5) broken[name === '' ? 'extra' : name] = value;
      else if (how === 6) broken['type'] = TEMPLATES[pick % TEMPLATES.length]!.command['type']!;
      else if (how === 7) broken = { ...broken, type: value };
      else {
        // Deeper: a field of the first nested object or array element.
        const nested = Object.values(broken).find((v): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v))
          ?? (Object.values(broken).find((v): v is Json[] => Array.isArray(v) && typeof v[0] === 'object')?.[0] as Record<string, Json> | undefined);
        if (nested === undefined) broken[key] = value;
        else nested[Object.keys(nested)[pick % Math.max(1, Object.keys(nested).length)] ?? 'x'] = value;
      }
    }
    // A valid clock advance of weeks would only make the run slow, not find anything: keep it within an hour.
    if (broken['type'] === 'clock.advance' && typeof broken['ms'] === 'number' && broken['ms'] > 3_600_000) broken['ms'] = 3_600_000;
    return { sender, body: { command: broken } as Json };
  });

/** Ids of this chain and of nothing, valid in form: they get past the schema into the rules. */
const ID_POOL = ['R1', 'R2', 'R3', 'S1', 'S2', 'W1', 'CO-000001', 'CO-000002', 'CO-999999', 'T-R1-000001', 'T-R1-000001-1', 'T-R1-000002-1',
  'T-R3-000001-1', 'C-ANNA', 'C-WALKIN', 'C-NOBODY', 'P-LAMP', 'P-STOVE', 'P-NOPE', 'STD', 'PICKUP', 'CARRY', 'FREIGHT', 'GIFTWRAP', 'DAMAGED',
  'cashier1', 'lead1', 'manager1', 'analyst1', 'picker1', 'S1-T-R1-000001', 'H:FREIGHT:AC-GROUND', 'x'.repeat(64), 'é', '0'];
const NUMBER_POOL = [0, 1, 2, 3, 50, 51, 9999, 100_000_000_000, 2499, 1, -1];

/**
 * A well-formed command with its values swapped for others of the same kind (ids of this chain or of nothing,
 * quantities and amounts at and around the limits, lists repeated or emptied), in a form the schema takes: these reach
 * the engine's rules, where a missing check would show.
 */
const swappedCommand = fc.tuple(fc.constantFrom(...TEMPLATES), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }))
  .map(([{ sender, command }, swaps]) => {
    const swapped: Record<string, Json> = structuredClone(command);
    const swap = (holder: Record<string, Json>, pick: number, choice: number): void => {
      const keys = Object.keys(holder).filter((key) => key !== 'type');
      const key = keys[pick % Math.max(1, keys.length)];
      if (key === undefined) return;
      const value = holder[key];
      if (typeof value === 'string') holder[key] = ID_POOL[choice % ID_POOL.length]!;
      else if (typeof value === 'number') holder[key] = NUMBER_POOL[choice % NUMBER_POOL.length]!;
      else if (Array.isArray(value) && value.length > 0) {
        if (choice % 3 === 0) holder[key] = [value[0]!, value[0]!];
        else if (typeof value[0] === 'object' && value[0] !== null) swap(value[0] as Record<string, Json>, choice, pick);
        else holder[key] = [ID_POOL[choice % ID_POOL.length]!];
      } else if (typeof value === 'object' && value !== null) swap(value as Record<string, Json>, choice, pick);
    };
    for (const [pick, choice] of swaps) swap(swapped, pick, choice);
    if (swapped['type'] === 'clock.advance' && typeof swapped['ms'] === 'number' && swapped['ms'] > 3_600_000) swapped['ms'] = 3_600_000;
    return { sender, body: { command: swapped } as Json };
  });

/** Bodies that are not `{ command }` at all, or wrap a command wrongly. */
const brokenBody = fc.tuple(fc.constantFrom<Sender>('till', 'fulfillment', 'analyst', 'manager'), fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  hostileValue.map((command) => ({ command })),
  fc.tuple(fc.constantFrom(...TEMPLATES), hostileValue).map(([{ command }, approval]) => ({ command, approval })),
  fc.tuple(fc.constantFrom(...TEMPLATES), fc.string({ maxLength: 8 }), hostileValue).map(([{ command }, key, value]) => ({ command, [key || 'x']: value })),
)).map(([sender, body]) => ({ sender, body }));

/** Some senders send well-formed commands too, so that the chain moves on (sales complete, orders change) under the fuzz. */
const request = fc.oneof(
  { arbitrary: brokenCommand, weight: 3 },
  { arbitrary: swappedCommand, weight: 4 },
  { arbitrary: fc.constantFrom(...TEMPLATES).map(({ sender, command }) => ({ sender, body: { command } as Json })), weight: 1 },
  { arbitrary: brokenBody, weight: 1 },
);

interface Reply { ok: boolean; error?: { rule?: unknown; field?: unknown; message?: unknown } }

const counts = { http: new Map<string, number>(), socket: new Map<string, number>() };
const tally = (channel: 'http' | 'socket', key: string) => counts[channel].set(key, (counts[channel].get(key) ?? 0) + 1);

const stateOf = () => JSON.stringify(t.durable.chain.exportState());

/** What every answer must be: accepted, or refused with its rule, the field when the input is at fault, plain words. */
function checkAnswer(reply: Reply, before: string, body: Json): void {
  const context = `for ${JSON.stringify(body).slice(0, 300)}`;
  if (reply.ok) return;
  const { rule, field, message } = reply.error ?? {};
  expect(typeof rule === 'string' && rule.length > 0, `a rule ${context}`).toBe(true);
  expect(rule, `not an internal failure ${context}`).not.toBe('INTERNAL');
  expect(typeof message === 'string' && message.length > 0 && !/\n\s+at /.test(message), `a plain message ${context}`).toBe(true);
  if (rule === 'VALIDATION') expect(typeof field === 'string' && field.length > 0, `the field ${context}`).toBe(true);
  expect(stateOf(), `a refused command changes nothing ${context}`).toBe(before);
}

describe('fuzz: malformed and hostile commands', () => {
  it('register.setReturnLines on a till whose transaction is a sale is refused as not now (409), over HTTP and the socket', async () => {
    const command = TEMPLATES.find((template) => template.command['type'] === 'register.setReturnLines')!.command;
    const before = stateOf();
    const answer = await call(t.url, 'POST', '/api/commands', { token: tokens.till, body: { command } });
    expect(answer).toMatchObject({ status: 409, body: { ok: false, error: { rule: 'STATE', field: 'registerId' } } });
    expect(await emitWithAck<Reply>(sockets[0]!, 'command', { command })).toMatchObject({ ok: false, error: { rule: 'STATE' } });
    expect(stateOf()).toBe(before);
  });

  it(`over HTTP: ${RUNS} requests, no 5xx, every refusal named, nothing changed by one`, async () => {
    await fc.assert(fc.asyncProperty(request, async ({ sender, body }) => {
      const before = stateOf();
      const answer = await call(t.url, 'POST', '/api/commands', { token: tokens[sender], body });
      tally('http', String(answer.status));
      expect(answer.status, `no 5xx for ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
      checkAnswer(answer.body as Reply, before, body);
    }), { numRuns: RUNS, seed: 20261204 });
    // Bodies that are not JSON, or too large, are refused before any command is read.
    for (const raw of ['{', 'null', '[]', '"command"', '{"command":', '\u0000', `{"command":"${'x'.repeat(300_000)}"}`]) {
      const answer = await call(t.url, 'POST', '/api/commands', { token: tokens.till, raw });
      tally('http', String(answer.status));
      expect(answer.status, `no 5xx for a raw body of ${raw.length} characters`).toBeLessThan(500);
      expect(answer.body.error?.rule).toBeTruthy();
    }
    console.log(`fuzz over HTTP, answers by status: ${JSON.stringify(Object.fromEntries(counts.http))}`);
  }, 240_000);

  it('reads with hostile paths and queries: no 5xx, nothing changed', async () => {
    const before = stateOf();
    const segment = fc.oneof(fc.constantFrom(...ID_POOL, '..', '%00', '%E0%A4%A', '__proto__', 'constructor', ' '), fc.string({ maxLength: 20 }).map(encodeURIComponent));
    const query = fc.dictionary(fc.constantFrom('q', 'status', 'kind', 'limit', 'filter', 'x', '__proto__', 'value', 'customer', 'from', 'to', 'storeId', 'preset'), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', 'NaN', 'all')), { maxKeys: 3 });
    await fc.assert(fc.asyncProperty(
      fc.constantFrom<Sender>('till', 'fulfillment', 'analyst', 'manager'),
      fc.constantFrom('/api/orders', '/api/orders/', '/api/order-search', '/api/order-search/', '/api/registers/', '/api/fulfillment/', '/api/customers', '/api/customers/', '/api/sync/', '/api/report', '/api/session'),
      segment, query,
      async (sender, base, id, params) => {
        const path = `${base}${base.endsWith('/') ? id : ''}?${new URLSearchParams(params).toString()}`;
        const answer = await call(t.url, 'GET', path, { token: tokens[sender] }).catch(() => ({ status: 400, body: { ok: false } }));
        tally('http', `GET ${answer.status}`);
        expect(answer.status, `no 5xx for GET ${path}`).toBeLessThan(500);
      },
    ), { numRuns: 300, seed: 20261206 });
    expect(stateOf()).toBe(before);
    console.log(`fuzz of reads, answers by status: ${JSON.stringify(Object.fromEntries([...counts.http].filter(([key]) => key.startsWith('GET'))))}`);
  }, 120_000);

  it(`over the socket: ${RUNS} messages, every one answered, none INTERNAL, nothing changed by a refusal`, async () => {
    const socketOfSender = { till: sockets[0]!, manager: sockets[1]!, fulfillment: sockets[2]!, analyst: sockets[3]! };
    await fc.assert(fc.asyncProperty(request, async ({ sender, body }) => {
      const before = stateOf();
      // The socket takes the same `{ command, approval? }` as the HTTP body.
      const reply = await emitWithAck<Reply>(socketOfSender[sender], 'command', body);
      tally('socket', reply.ok ? 'accepted' : String(reply.error?.rule));
      checkAnswer(reply, before, body);
    }), { numRuns: RUNS, seed: 20261205 });
    // Junk on the other events, and an event without its answer callback, leave the server serving.
    for (const payload of [null, 42, 'rooms', { rooms: 'store:S1' }, { rooms: [{}] }, { rooms: Array(1000).fill('store:S1') }]) {
      const reply = await emitWithAck<Reply>(socketOfSender.till, 'subscribe', payload);
      expect(reply.ok === true || typeof reply.error?.rule === 'string').toBe(true);
    }
    socketOfSender.till.emit('command', TEMPLATES[0]!.command);
    socketOfSender.till.emit('no-such-event', { command: TEMPLATES[0]!.command });
    expect((await call(t.url, 'GET', '/api/registers/R1', { token: tokens.till })).status).toBe(200);
    console.log(`fuzz over the socket, answers by rule: ${JSON.stringify(Object.fromEntries(counts.socket))}`);
  }, 240_000);
});
