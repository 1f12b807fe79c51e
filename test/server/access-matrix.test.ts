/**
 * ST-5 the role x operation matrix (engine/protocol/access-matrix.ts) against a real server, one table drives it all:
 * every cell the demo's roles must be refused is tried over HTTP and over the socket and refused for the role,
 * changing nothing; every allowed cell gets past the role check; and docs/access.md lists the same matrix.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainConfigInput, Permission } from '../../engine/domain/config.ts';
import {
  COMMAND_ACCESS, heldGrants, JOB_WORK, READ_ACCESS, ROOM_ACCESS, type ChainCommandType, type Grant, type Read, type RoomKind,
} from '../../engine/protocol/access-matrix.ts';
import { SALES_READ_PATHS, salesSamples } from './sales-samples.ts';
import { call, command, DEMO_CHAIN, emitWithAck, PIN, signIn, socketOf, testServer, type Answer, type TestServer } from './server-helpers.ts';

const ACCESS_DOC = fileURLToPath(new URL('../../docs/access.md', import.meta.url));
const config = JSON.parse(await readFile(DEMO_CHAIN, 'utf8')) as ChainConfigInput;

/** Where each demo role signs in: the till's roles at S1's register R1 (the analyst too, as in the issue), the picker at W1. */
const SIGN_INS: Record<string, { operatorId: keyof typeof PIN; siteId: string; registerId?: string }> = {
  cashier: { operatorId: 'cashier1', siteId: 'S1', registerId: 'R1' },
  lead: { operatorId: 'lead1', siteId: 'S1', registerId: 'R1' },
  manager: { operatorId: 'manager1', siteId: 'S1', registerId: 'R1' },
  picker: { operatorId: 'picker1', siteId: 'W1' },
  analyst: { operatorId: 'analyst1', siteId: 'S1', registerId: 'R1' },
  // Signed in at a till, to show that a call-center agent cannot work one (CC-2).
  callCenterAgent: { operatorId: 'agent1', siteId: 'S1', registerId: 'R1' },
  callCenterSupervisor: { operatorId: 'supervisor1', siteId: 'S1' },
  salesOfficeClerk: { operatorId: 'clerk1', siteId: 'S1' },
  marketingCoordinator: { operatorId: 'coordinator1', siteId: 'S1' },
};

interface Place { operatorId: string; locationId: string }

/** A valid command of each type (the schema takes it), aimed at the session's own register, store and location. */
function sample(type: ChainCommandType, p: Place): Record<string, unknown> {
  const line = { orderId: 'CO-000001', lineId: 'T-R1-000001-1' };
  const fulfil = { locationId: p.locationId, operatorId: p.operatorId };
  const desk = { operatorId: p.operatorId, orderId: 'CC-000001' };
  const fields: Record<ChainCommandType, Record<string, unknown>> = {
    'register.openShift': { operatorId: p.operatorId },
    'register.closeShift': {},
    'register.addItem': { productId: 'P-LAMP', quantity: 1 },
    'register.setQuantity': { lineId: 'L1', quantity: 2 },
    'register.removeLine': { lineId: 'L1' },
    'register.selectLine': { lineId: null },
    'register.setCustomer': { customerId: 'C-ANNA' },
    'register.shipAll': { modeCode: 'STD' },
    'register.shipSelected': { modeCode: 'STD' },
    'register.pickupAll': {},
    'register.pickupSelected': {},
    'register.carryOutAll': {},
    'register.carryOutSelected': {},
    'register.changeModeOfDelivery': { modeCode: 'STD' },
    'register.setOrderType': { orderType: 'quote' },
    'register.overrideDeposit': { amount: 0 },
    'register.addCharge': { level: 'header', chargeCode: 'GIFTWRAP', amount: 100 },
    'register.overrideCharge': { key: 'header:FREIGHT', amount: 0, reasonCode: 'GOODWILL' },
    'register.recalculate': {},
    'register.approveQuote': {},
    'register.tender': { method: 'cash', amount: 100 },
    'register.void': {},
    'register.recallOrder': { orderId: 'CO-000001', purpose: 'edit' },
    'register.adjustCancellationCharge': { amount: 0 },
    'register.startReturn': { lookup: { by: 'orderId', value: 'CO-000001' } },
    'register.setReturnLines': { lines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' }] },
    'register.emailReceipt': { email: 'anna@example.com' },
    'customer.create': { customer: { name: 'Eve Example', type: 'person' } },
    'customer.edit': { customerId: 'C-ANNA', changes: { phone: '555 0100' } },
    'customer.issueLoyaltyCard': { customerId: 'C-ANNA' },
    'customer.addToAddressBook': { customerId: 'C-ANNA' },
    'order.approveQuote': { orderId: 'CO-000001' },
    'fulfillment.accept': { ...fulfil, lines: [line] },
    'fulfillment.printPickList': { ...fulfil, lines: [line] },
    'fulfillment.pick': { ...fulfil, lines: [{ ...line, quantity: 1 }] },
    'fulfillment.pack': { ...fulfil, orderId: line.orderId, lines: [{ lineId: line.lineId, quantity: 1 }] },
    'fulfillment.ship': { ...fulfil, orderId: line.orderId, lines: [{ lineId: line.lineId, quantity: 1 }] },
    'fulfillment.reject': { ...fulfil, lines: [{ ...line, quantity: 1 }] },
    'headquarters.resetFulfillment': { orderId: line.orderId, lineIds: [line.lineId] },
    'headquarters.runJob': { job: 'P-job' },
    'headquarters.schedule': { job: 'P-job', everyMinutes: 15 },
    'sync.setLink': { storeId: 'S1', state: 'degraded' },
    'clock.advance': { ms: 60_000 },
    'callCenter.submitOrder': { order: {
      orderId: 'CC-000001', callCenterId: 'CC1', enteredBy: p.operatorId, customerId: 'C-ANNA', header: { modeCode: 'STD' },
      lines: [{ lineId: '1', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, modeCode: 'STD', locationId: 'W1' }],
    } },
    'callCenter.catalog': { action: 'validate', catalogId: 'CAT-SUMMER', operatorId: p.operatorId },
    'callCenter.cancelEnrolment': { enrolmentId: 'EN-CC-000001-1', operatorId: p.operatorId },
    'callCenter.startOrder': { operatorId: p.operatorId, customerId: 'C-ANNA' },
    'callCenter.setHeader': { ...desk, modeCode: 'STD' },
    'callCenter.addLine': { ...desk, productId: 'P-LAMP', quantity: 1 },
    'callCenter.changeLine': { ...desk, lineId: 'CC-000001-1', quantity: 2 },
    'callCenter.removeLine': { ...desk, lineId: 'CC-000001-1' },
    'callCenter.acceptOffer': { ...desk, lineId: 'CC-000001-1', suggestedProductId: 'P-LAMP' },
    'callCenter.enterCoupon': { ...desk, couponCode: 'SAVE10' },
    'callCenter.removeCoupon': { ...desk, couponCode: 'SAVE10' },
    'callCenter.complete': desk,
    'callCenter.createCustomer': { operatorId: p.operatorId, name: 'Dana Field' },
    'callCenter.declineOffer': { ...desk, lineId: 'CC-000001-1', suggestedProductId: 'P-LAMP' },
    'callCenter.addPayment': { ...desk, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-1' },
    'callCenter.removePayment': { ...desk, paymentId: 'CC-000001-P1' },
    'callCenter.submit': desk,
    'callCenter.hold': desk,
    'callCenter.clearHold': { ...desk, holdId: 'CC-000001-H1', variant: 'clear' },
    'callCenter.checkOutHold': { ...desk, holdId: 'CC-000001-H1' },
    'callCenter.releaseHold': { ...desk, holdId: 'CC-000001-H1' },
    'callCenter.overrideHold': { ...desk, holdId: 'CC-000001-H1' },
    'callCenter.changePrice': { ...desk, lineId: 'CC-000001-1', unitPrice: 1000 },
    'callCenter.approvePriceChange': { operatorId: p.operatorId, requestId: 'PCR-000001' },
    'callCenter.rejectPriceChange': { operatorId: p.operatorId, requestId: 'PCR-000001', reason: 'no' },
    'callCenter.leave': desk,
    'callCenter.cancel': desk,
    ...salesSamples(p.operatorId),
  };
  const register = type.startsWith('register.') || type.startsWith('customer.') ? { registerId: 'R1' } : {};
  return { type, ...register, ...fields[type] };
}

/** The path of each read for a session at `locationId`. */
function pathOf(read: Read, locationId: string): string {
  const paths: Record<Read, string> = {
    'GET /api/session': '/api/session',
    'GET /api/registers/:registerId': '/api/registers/R1',
    'GET /api/registers/:registerId/availability': '/api/registers/R1/availability?purpose=pickup',
    'GET /api/orders': '/api/orders',
    'GET /api/orders/:orderId': '/api/orders/CO-000001',
    'GET /api/order-search': '/api/order-search?value=CO-000001',
    'GET /api/order-search/:orderId': '/api/order-search/CO-000001',
    'GET /api/fulfillment/:locationId': `/api/fulfillment/${locationId}`,
    'GET /api/customers?q=&scope=': '/api/customers?q=Anna&scope=all',
    'GET /api/customers/:customerId': '/api/customers/C-ANNA',
    'GET /api/sync/:storeId': '/api/sync/S1',
    'GET /api/report': '/api/report',
    'GET /api/rejected-lines': '/api/rejected-lines',
    'GET /api/registers/:registerId/x-report': '/api/registers/R1/x-report',
    'GET /api/stores/:storeId/z-reports': '/api/stores/S1/z-reports',
    'GET /api/headquarters/receipt-emails': '/api/headquarters/receipt-emails',
    'GET /api/journal': '/api/journal?seq=0',
    'GET /api/call-center/orders/:orderId': '/api/call-center/orders/CC-000001',
    'GET /api/call-center/holds': '/api/call-center/holds',
    'GET /api/call-center/price-change-requests': '/api/call-center/price-change-requests',
    'GET /api/call-center/customers/:customerId': '/api/call-center/customers/C-ANNA',
    'GET /api/call-center/customers?name=&phone=&email=&account=': '/api/call-center/customers?name=Anna',
    'GET /api/call-center/source-codes': '/api/call-center/source-codes?filter=All',
    'GET /api/call-center/items': '/api/call-center/items?text=tent',
    'GET /api/call-center/gift-cards/:cardNumber': '/api/call-center/gift-cards/GC-1001',
    ...SALES_READ_PATHS,
  };
  return paths[read];
}

function roomOf(kind: RoomKind, locationId: string): string {
  return { store: 'store:S1', register: 'register:R1', location: `location:${locationId}`, headquarters: 'headquarters', callCenter: 'callCenter:CC1', salesOffice: 'salesOffice' }[kind];
}

const roles = config.roles.map((r) => ({ id: r.id, permissions: r.permissions ?? [] }));
const commandTypes = Object.keys(COMMAND_ACCESS) as ChainCommandType[];
const reads = Object.keys(READ_ACCESS) as Read[];
const roomKinds = Object.keys(ROOM_ACCESS) as RoomKind[];

/** Every cell: the operation, its grants and the role. */
const cells = roles.flatMap((role) => [
  ...commandTypes.map((type) => ({ role, kind: 'command' as const, name: type, grants: COMMAND_ACCESS[type] as readonly Grant[] })),
  ...reads.map((read) => ({ role, kind: 'read' as const, name: read, grants: READ_ACCESS[read] as readonly Grant[] })),
  ...roomKinds.map((room) => ({ role, kind: 'room' as const, name: room, grants: ROOM_ACCESS[room] as readonly Grant[] })),
]);
const refusedCells = cells.filter((c) => heldGrants(c.grants, c.role.permissions).length === 0);
const allowedCells = cells.filter((c) => heldGrants(c.grants, c.role.permissions).length > 0);

/** The role refusal: 403 ST-5 naming the operation's field, saying whose job it is. */
function expectRoleRefusal(error: { rule: string; field?: string; message: string } | undefined, field: string, grants: readonly Grant[], what: string): void {
  expect(error, what).toMatchObject({ rule: 'ST-5', field });
  for (const grant of grants) if (grant.job !== null) expect(error!.message, what).toContain(JOB_WORK[grant.job]);
  expect(error!.message, what).toMatch(/does not do$/);
}

const isRoleRefusal = (error: { message: string } | undefined) => error !== undefined && /does not do$/.test(error.message);

describe('ST-5 the role x operation matrix', () => {
  let t: TestServer;
  const tokens = new Map<string, string>();
  const sockets = new Map<string, Socket>();
  const place = (roleId: string): Place => {
    const signIn = SIGN_INS[roleId]!;
    return { operatorId: signIn.operatorId, locationId: signIn.siteId };
  };

  beforeAll(async () => {
    t = await testServer();
    for (const role of roles) {
      const where = SIGN_INS[role.id];
      if (where === undefined) throw new Error(`the demo role ${role.id} has no sign-in in this test`);
      const token = await signIn(t.url, where.operatorId, where.siteId, where.registerId);
      tokens.set(role.id, token);
      sockets.set(role.id, await socketOf(t.url, token));
    }
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await t.close();
  });

  it('ST-5 every cell the matrix refuses is refused for the role over HTTP and the socket, and changes nothing', async () => {
    expect(refusedCells.length).toBeGreaterThan(60);
    const before = JSON.stringify(t.durable.chain.exportState());
    for (const cell of refusedCells) {
      const { role, name, grants } = cell;
      const token = tokens.get(role.id)!;
      const socket = sockets.get(role.id)!;
      const what = `${role.id}: ${name}`;
      const at = place(role.id);
      if (cell.kind === 'command') {
        const cmd = sample(cell.name, at);
        const overHttp = await command(t.url, token, cmd);
        expect(overHttp.status, what).toBe(403);
        expectRoleRefusal(overHttp.body.error, 'type', grants, `${what} over HTTP`);
        const overSocket = await emitWithAck<{ ok: boolean; error?: Answer['body']['error'] }>(socket, 'command', { command: cmd });
        expectRoleRefusal(overSocket.error, 'type', grants, `${what} over the socket`);
      } else if (cell.kind === 'read') {
        const answer = await call(t.url, 'GET', pathOf(cell.name, at.locationId), { token });
        expect(answer.status, what).toBe(403);
        expectRoleRefusal(answer.body.error, 'authorization', grants, what);
      } else {
        const reply = await emitWithAck<{ ok: boolean; error?: Answer['body']['error'] }>(socket, 'subscribe', { rooms: [roomOf(cell.name, at.locationId)] });
        expect(reply.ok, what).toBe(false);
        expectRoleRefusal(reply.error, 'rooms.0', grants, what);
      }
    }
    expect(JSON.stringify(t.durable.chain.exportState())).toBe(before);
  });

  it('ST-5 the analyst signed in at a till cannot work it: no shift, sale, customer, cancel or payout, and no customer search (issue 9 #1)', () => {
    const analyst = refusedCells.filter((c) => c.role.id === 'analyst').map((c) => c.name);
    expect(analyst).toEqual(expect.arrayContaining([
      'register.openShift', 'register.closeShift', 'register.addItem', 'register.tender', 'customer.create', 'register.recallOrder',
      'GET /api/customers?q=&scope=', 'GET /api/registers/:registerId', 'register', 'store',
    ]));
  });

  it('CC-2 a call-center agent cannot work a till, and a cashier cannot take call-center orders', () => {
    const refused = (roleId: string) => refusedCells.filter((c) => c.role.id === roleId).map((c) => c.name);
    const tillCommands = commandTypes.filter((type) => type.startsWith('register.'));
    expect(refused('callCenterAgent')).toEqual(expect.arrayContaining([...tillCommands, 'GET /api/registers/:registerId', 'register']));
    expect(allowedCells.filter((c) => c.role.id === 'callCenterAgent').map((c) => c.name)).toContain('callCenter.submitOrder');
    for (const roleId of ['cashier', 'lead', 'manager', 'picker', 'analyst']) expect(refused(roleId), roleId).toContain('callCenter.submitOrder');
  });

  it('ST-5 every cell the matrix allows gets past the role check', async () => {
    for (const cell of allowedCells) {
      const { role, name } = cell;
      const token = tokens.get(role.id)!;
      const at = place(role.id);
      const what = `${role.id}: ${name}`;
      if (cell.kind === 'command') {
        expect(isRoleRefusal((await command(t.url, token, sample(cell.name, at))).body.error), what).toBe(false);
      } else if (cell.kind === 'read') {
        expect(isRoleRefusal((await call(t.url, 'GET', pathOf(cell.name, at.locationId), { token })).body.error), what).toBe(false);
      } else {
        const reply = await emitWithAck<{ ok: boolean; error?: { message: string } }>(sockets.get(role.id)!, 'subscribe', { rooms: [roomOf(cell.name, at.locationId)] });
        expect(isRoleRefusal(reply.error), what).toBe(false);
      }
    }
  });
});

// --- docs/access.md lists the same matrix ---

const PLACE: Record<Grant['at'], string> = {
  register: 'at the register signed in at',
  store: 'at its store',
  location: 'at its location',
  site: 'for its own site',
  chain: 'anywhere',
};

const needs = (grants: readonly Grant[]) => grants.map((g) => `${g.job === null ? 'any session' : `\`${g.job}\``} ${PLACE[g.at]}`).join(', or ');

function cellText(grants: readonly Grant[], permissions: readonly Permission[]): string {
  if (heldGrants(grants, permissions).length > 0) return 'allowed';
  return `refused: no ${[...new Set(grants.map((g) => `\`${g.job}\``))].join(' or ')}`;
}

/** The matrix as docs/access.md shows it: one row per operation, one column per demo role. */
function accessTable(): string {
  const header = `| operation | needs | ${roles.map((r) => r.id).join(' | ')} |`;
  const rule = `|---|---|${roles.map(() => '---').join('|')}|`;
  const row = (name: string, grants: readonly Grant[]) => `| ${name} | ${needs(grants)} | ${roles.map((r) => cellText(grants, r.permissions)).join(' | ')} |`;
  return [
    header, rule,
    ...commandTypes.map((type) => row(`\`${type}\``, COMMAND_ACCESS[type])),
    ...reads.map((read) => row(`\`${read}\``, READ_ACCESS[read])),
    ...roomKinds.map((kind) => row(`room \`${kind === 'headquarters' ? kind : `${kind}:<id>`}\``, ROOM_ACCESS[kind])),
  ].join('\n');
}

const START = '<!-- access matrix: generated from engine/protocol/access-matrix.ts and the demo roles -->';
const END = '<!-- end of access matrix -->';

describe('docs/access.md', () => {
  it('ST-5 lists the same role x operation matrix as engine/protocol/access-matrix.ts (ACCESS_DOC=write rewrites it)', async () => {
    const doc = await readFile(ACCESS_DOC, 'utf8');
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    expect(from, `docs/access.md has the markers ${START} ... ${END}`).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    const generated = `${START}\n${accessTable()}\n${END}`;
    if (process.env.ACCESS_DOC === 'write') await writeFile(ACCESS_DOC, doc.slice(0, from) + generated + doc.slice(to + END.length));
    else expect(doc.slice(from, to + END.length)).toBe(generated);
  });
});
