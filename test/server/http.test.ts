/** The HTTP API against a real server: sign-in, authorization per site and role (ST-5), bad input, durability. */
import { readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fullDisk } from '../engine/fixtures/full-disk.ts';
import { accepted, call, command, PIN, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
beforeEach(async () => { t = await testServer(); });
afterEach(async () => { await t.close(); });

const state = () => JSON.stringify(t.durable.chain.exportState());
/** Anna's lamp picked up at S1 from R1, started but not tendered. */
const lampSale = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
  { type: 'register.pickupAll', registerId: 'R1' },
];

describe('signing in', () => {
  it('ST-5 staff sign in with their PIN at a site they work at and get a session token', async () => {
    const answer = await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '1111', siteId: 'S1', registerId: 'R1' } });
    expect(answer.status).toBe(201);
    expect(answer.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.body.setup).toMatchObject({ session: { operatorId: 'cashier1', storeId: 'S1', locationId: 'S1', registerId: 'R1', permissions: ['till', 'customers'] }, store: { id: 'S1' } });
    expect(JSON.stringify(answer.body)).not.toContain('scrypt');
  });

  it('ST-5 a wrong PIN and an unknown operator get the same answer; a site the operator does not work at is refused', async () => {
    const wrong = await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '0000', siteId: 'S1' } });
    const unknown = await call(t.url, 'POST', '/api/session', { body: { operatorId: 'nobody', pin: '1111', siteId: 'S1' } });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ status: 401, body: { ok: false, error: { rule: 'UNAUTHENTICATED', field: 'pin' } } });
    expect(await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '1111', siteId: 'S2' } })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'siteId' } } });
    expect(await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '1111', siteId: 'S1', registerId: 'R3' } })).toMatchObject({ status: 404, body: { error: { field: 'registerId' } } });
    expect(await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '1111' } })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'siteId' } } });
  });

  it('ST-5 signing in is rate limited per address, counting failed attempts only (issue 9 #9)', async () => {
    for (let i = 0; i < 12; i++) expect((await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' } })).status).toBe(201);
    const attempts = [];
    // Each wrong PIN for another operator (the lockout per operator is in sessions.test.ts).
    for (let i = 0; i < 11; i++) attempts.push((await call(t.url, 'POST', '/api/session', { body: { operatorId: `guess${i}`, pin: '0000', siteId: 'S1' } })).status);
    expect(attempts.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(attempts[10]).toBe(429);
    expect(await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' } })).toMatchObject({ status: 429, body: { error: { rule: 'RATE_LIMITED' } } });
  });

  it('ST-5 five wrong PINs lock the operator out over HTTP with a plain message (issue 9 #9)', async () => {
    for (let i = 0; i < 5; i++) expect((await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: '0000', siteId: 'S1' } })).status).toBe(401);
    expect(await call(t.url, 'POST', '/api/session', { body: { operatorId: 'cashier1', pin: PIN.cashier1, siteId: 'S1' } })).toMatchObject({
      status: 429, body: { ok: false, error: { rule: 'RATE_LIMITED', field: 'operatorId', message: 'too many wrong PINs for cashier1: try again in 1 minute' } },
    });
  });

  it('every call but signing in needs a live session; signing out ends it', async () => {
    expect(await call(t.url, 'GET', '/api/orders')).toMatchObject({ status: 401, body: { error: { rule: 'UNAUTHENTICATED', field: 'authorization' } } });
    expect(await call(t.url, 'POST', '/api/commands', { token: 'made-up', body: { command: lampSale[0] } })).toMatchObject({ status: 401 });
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    expect((await call(t.url, 'GET', '/api/session', { token })).status).toBe(200);
    expect((await call(t.url, 'DELETE', '/api/session', { token })).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/session', { token })).status).toBe(401);
  });
});

describe('ST-5 permissions are enforced on the server', () => {
  it('ST-5 a cashier token cannot perform a manager-only operation over HTTP, even naming a manager as approver', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, ...lampSale);
    const deposit = { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 };
    const before = state();
    expect(await command(t.url, token, deposit)).toMatchObject({ status: 422, body: { error: { rule: 'CO-7', field: 'operatorId' } } });
    expect(await command(t.url, token, { ...deposit, approverId: 'manager1' })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'approverId' } } });
    expect(await command(t.url, token, deposit, { operatorId: 'manager1', pin: '1234' })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'approval' } } });
    expect(await command(t.url, token, deposit, { operatorId: 'cashier1', pin: PIN.cashier1 })).toMatchObject({ status: 422, body: { error: { rule: 'CO-7' } } });
    expect(state()).toBe(before);
    // The manager's own PIN at the till is the approval.
    expect(await command(t.url, token, deposit, { operatorId: 'manager1', pin: PIN.manager1 })).toMatchObject({ status: 200 });
    expect(t.durable.chain.registerView('R1').transaction?.cart.depositOverride).toBe(0);
  });

  it('ST-5 a cashier signed in at a register whose shift a manager opened acts with the cashier\'s own permissions', async () => {
    const manager = await signIn(t.url, 'manager1', 'S1', 'R1');
    await accepted(t.url, manager, ...lampSale.map((c) => (c.type === 'register.openShift' ? { ...c, operatorId: 'manager1' } : c)));
    const cashier = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const deposit = { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 };
    const before = state();
    expect(await command(t.url, cashier, deposit)).toMatchObject({ status: 422, body: { error: { rule: 'CO-7', field: 'operatorId' } } });
    expect(state()).toBe(before);
    expect(await command(t.url, manager, deposit)).toMatchObject({ status: 200 });
  });

  it('ST-5 every refused approval gets the same answer; too many lock out the cashier asking, not the manager (issue 9 #9)', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, ...lampSale);
    const deposit = { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 };
    const before = state();
    const wrongPin = await command(t.url, token, deposit, { operatorId: 'manager1', pin: '0000' });
    const unknown = await command(t.url, token, deposit, { operatorId: 'nobody', pin: '9999' });
    const elsewhere = await command(t.url, token, deposit, { operatorId: 'cashier2', pin: PIN.cashier2 }); // works at S2
    expect(unknown).toEqual(wrongPin);
    expect(elsewhere).toEqual(wrongPin);
    for (let i = 0; i < 2; i++) expect((await command(t.url, token, deposit, { operatorId: 'manager1', pin: '0000' })).status).toBe(403);
    // Five refusals asked by cashier1: even the right PIN is not tried for a minute.
    expect(await command(t.url, token, deposit, { operatorId: 'manager1', pin: PIN.manager1 })).toMatchObject({
      status: 429, body: { error: { rule: 'RATE_LIMITED', field: 'approval', message: 'too many refused approvals for cashier1: try again in 1 minute' } },
    });
    expect(state()).toBe(before);
    // The manager whose PIN was guessed at still approves at another till.
    const other = await signIn(t.url, 'lead1', 'S1', 'R2');
    await accepted(t.url, other, ...lampSale.map((c) => ({ ...c, registerId: 'R2', ...(c.type === 'register.openShift' ? { operatorId: 'lead1' } : {}) })));
    expect(await command(t.url, other, deposit, { operatorId: 'manager1', pin: '0000' })).toMatchObject({ status: 403, body: { error: { field: 'registerId' } } }); // not its register: no attempt spent
    expect(await command(t.url, other, { ...deposit, registerId: 'R2' }, { operatorId: 'manager1', pin: PIN.manager1 })).toMatchObject({ status: 200 });
  });

  it('ST-5 an approval goes only with commands an approver can matter to', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    expect(await command(t.url, token, lampSale[0]!, { operatorId: 'manager1', pin: PIN.manager1 })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'approval' } } });
  });

  it('ST-5 a store recalls its own orders for edit and cancel, and other stores\' orders only to hand over a pickup at its location', async () => {
    const s1 = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, s1, ...lampSale, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    const s2 = await signIn(t.url, 'cashier2', 'S2', 'R3');
    await accepted(t.url, s2, { type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' });
    const before = state();
    for (const purpose of ['edit', 'cancel', 'pickup']) {
      expect(await command(t.url, s2, { type: 'register.recallOrder', registerId: 'R3', orderId: 'CO-000001', purpose })).toMatchObject({ status: 404, body: { error: { rule: 'NOT_FOUND', field: 'orderId' } } });
    }
    expect(state()).toBe(before);
    expect(await command(t.url, s1, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ status: 200 });
  });

  it('card tokens are masked in every view and answer; a warehouse screen does not look up customers; a till reads only its own register', async () => {
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const answers = await accepted(t.url, till,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
      { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', locationId: 'S1' },
      { type: 'register.tender', registerId: 'R1', method: 'card', amount: 374, cardToken: 'tok_secret_4242' });
    const register = await call(t.url, 'GET', '/api/registers/R1', { token: till });
    const order = await call(t.url, 'GET', '/api/orders/CO-000001', { token: till });
    expect(order.body.order).toMatchObject({ cardToken: '••••4242' });
    // Recalled for edit, the order's token sits in the register's transaction and its recalled order.
    const recalled = await accepted(t.url, till, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    const editing = await call(t.url, 'GET', '/api/registers/R1', { token: till });
    expect((editing.body.register as { transaction: unknown }).transaction).toMatchObject({ cardToken: '••••4242', order: { cardToken: '••••4242' } });
    for (const answer of [JSON.stringify(answers), JSON.stringify(recalled), JSON.stringify(register.body), JSON.stringify(editing.body), JSON.stringify(order.body), JSON.stringify((await call(t.url, 'GET', '/api/orders', { token: till })).body)]) {
      expect(answer).not.toContain('tok_secret');
    }
    expect(await call(t.url, 'GET', '/api/registers/R2', { token: till })).toMatchObject({ status: 403, body: { error: { field: 'registerId' } } });
    const picker = await signIn(t.url, 'picker1', 'W1');
    expect(await call(t.url, 'GET', '/api/customers?q=Anna', { token: picker })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5' } } });
    expect(await call(t.url, 'GET', '/api/customers/C-ANNA', { token: picker })).toMatchObject({ status: 403 });
    expect(await call(t.url, 'GET', '/api/customers?q=Anna', { token: till })).toMatchObject({ status: 200 });
  });

  it('ST-5 headquarters\' work needs the backOffice permission', async () => {
    const cashier = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const manager = await signIn(t.url, 'manager1', 'S1');
    const analyst = await signIn(t.url, 'analyst1', 'S1');
    for (const cmd of [{ type: 'headquarters.runJob', job: 'P-job' }, { type: 'sync.setLink', storeId: 'S1', state: 'offline' }, { type: 'clock.advance', ms: 60_000 }]) {
      expect(await command(t.url, cashier, cmd)).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'type' } } });
      expect(await command(t.url, manager, cmd)).toMatchObject({ status: 403 });
    }
    expect(await command(t.url, analyst, { type: 'headquarters.runJob', job: 'P-job' })).toMatchObject({ status: 200, body: { result: { run: { job: 'P-job' } } } });
    expect((await call(t.url, 'GET', '/api/report', { token: cashier })).status).toBe(403);
    expect(await call(t.url, 'GET', '/api/report', { token: analyst })).toMatchObject({ status: 200, body: { report: { headquarters: { salesOrders: 0 } } } });
  });

  it('FF-7 headquarters reads the lines the locations rejected (GET /api/rejected-lines) and a reset takes a line off the list', async () => {
    const till = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, till, ...lampSale, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    const lead = await signIn(t.url, 'lead1', 'S1');
    await accepted(t.url, lead, { type: 'fulfillment.reject', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity: 1 }] });
    const analyst = await signIn(t.url, 'analyst1', 'S1');
    expect(await call(t.url, 'GET', '/api/rejected-lines', { token: till })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5' } } });
    expect(await call(t.url, 'GET', '/api/rejected-lines', { token: analyst })).toMatchObject({
      status: 200, body: { lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', locationId: 'S1', productId: 'P-LAMP', kind: 'pickup', rejected: 1 }] },
    });
    await accepted(t.url, analyst, { type: 'headquarters.resetFulfillment', orderId: 'CO-000001', lineIds: ['T-R1-000001-1'] });
    expect(await call(t.url, 'GET', '/api/rejected-lines', { token: analyst })).toMatchObject({ status: 200, body: { lines: [] } });
  });

  it('ST-5 a store\'s screens see and act only for their store', async () => {
    const s1 = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const s2 = await signIn(t.url, 'cashier2', 'S2', 'R3');
    await accepted(t.url, s1, ...lampSale, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    expect(await command(t.url, s2, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier2' })).toMatchObject({ status: 403, body: { error: { field: 'registerId' } } });
    expect(await command(t.url, s1, { type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1' })).toMatchObject({ status: 403, body: { error: { field: 'registerId' } } }); // signed in at R1
    const lead = await signIn(t.url, 'lead1', 'S1');
    expect(await command(t.url, lead, { type: 'fulfillment.pick', locationId: 'S2', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'x', quantity: 1 }] })).toMatchObject({ status: 403, body: { error: { field: 'locationId' } } });
    expect(await command(t.url, lead, { type: 'fulfillment.printPickList', locationId: 'S1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1' }] })).toMatchObject({ status: 403, body: { error: { field: 'operatorId' } } });
    expect((await call(t.url, 'GET', '/api/orders', { token: s1 })).body.orders).toHaveLength(1);
    expect((await call(t.url, 'GET', '/api/orders', { token: s2 })).body.orders).toEqual([]);
    expect(await call(t.url, 'GET', '/api/orders/CO-000001', { token: s2 })).toMatchObject({ status: 404 });
    expect(await call(t.url, 'GET', '/api/fulfillment/S1', { token: s2 })).toMatchObject({ status: 403 });
    expect(await call(t.url, 'GET', '/api/registers/R1', { token: s2 })).toMatchObject({ status: 403 });
    expect(await call(t.url, 'GET', '/api/fulfillment/S1', { token: lead })).toMatchObject({ status: 200, body: { fulfillment: { lines: [{ orderId: 'CO-000001', status: 'Accepted' }] } } });
  });

  it('ST-5 accepting Tacoma\'s ship lines is fulfilment work (FF-2): not its cashier\'s, the manager\'s', async () => {
    const till = await signIn(t.url, 'cashier3', 'S3', 'R4');
    await accepted(t.url, till,
      { type: 'register.openShift', registerId: 'R4', operatorId: 'cashier3' },
      { type: 'register.setCustomer', registerId: 'R4', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R4', productId: 'P-LAMP', quantity: 1 },
      { type: 'register.shipAll', registerId: 'R4', modeCode: 'STD', locationId: 'S3' },
      { type: 'register.tender', registerId: 'R4', method: 'card', amount: 374, cardToken: 'tok_1' }); // 10% of 2749 + 995 freight
    const accept = { type: 'fulfillment.accept', locationId: 'S3', lines: [{ orderId: 'CO-000001', lineId: 'T-R4-000001-1' }] };
    expect(await command(t.url, till, { ...accept, operatorId: 'cashier3' })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'type' } } });
    const manager = await signIn(t.url, 'manager1', 'S3');
    expect(await command(t.url, manager, { ...accept, operatorId: 'manager1' })).toMatchObject({ status: 200 });
  });
});

describe('bad input', () => {
  it('bad input gets a 4xx naming the field and changes nothing', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const before = state();
    expect(await call(t.url, 'POST', '/api/commands', { token, raw: '{"command": ' })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'body' } } });
    expect(await command(t.url, token, { type: 'register.explode', registerId: 'R1' })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'command.type' } } });
    expect(await command(t.url, token, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: -1 })).toMatchObject({ status: 400, body: { error: { field: 'command.quantity' } } });
    expect(await call(t.url, 'POST', '/api/commands', { token, body: { command: lampSale[0], extra: 1 } })).toMatchObject({ status: 400, body: { error: { field: 'extra' } } });
    expect(await call(t.url, 'GET', '/api/orders?limit=9999', { token })).toMatchObject({ status: 400, body: { error: { field: 'limit' } } });
    expect(await call(t.url, 'GET', '/api/customers?q=a', { token })).toMatchObject({ status: 400, body: { error: { field: 'q' } } });
    expect(await call(t.url, 'GET', '/api/nothing', { token })).toMatchObject({ status: 404, body: { error: { rule: 'NOT_FOUND' } } });
    expect(await call(t.url, 'POST', '/api/commands', { token, raw: JSON.stringify({ command: { type: 'clock.advance', ms: 1 }, pad: 'x'.repeat(300_000) }) })).toMatchObject({ status: 413 });
    expect(state()).toBe(before);
  });

  it('after a failed journal write the server answers 503 to every call until restarted', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const sides = (t.durable as unknown as { sides: Record<string, { journal: { handle: FileHandle } }> }).sides;
    await sides.store!.journal.handle.close();
    expect(await command(t.url, token, lampSale[0]!)).toMatchObject({ status: 503, body: { error: { rule: 'OUTCOME_UNKNOWN' } } });
    expect(await command(t.url, token, lampSale[0]!)).toMatchObject({ status: 503, body: { error: { rule: 'UNAVAILABLE' } } });
    expect(await call(t.url, 'GET', '/healthz')).toMatchObject({ status: 503, body: { error: { rule: 'UNAVAILABLE', field: 'server' } } });
    expect(await call(t.url, 'GET', '/api/registers/R1', { token })).toMatchObject({ status: 503 });
  });

  it('a refused command answers with its rule and field, and changes nothing', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, lampSale[0]!);
    const before = state();
    expect(await command(t.url, token, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 100 })).toMatchObject({ status: 409, body: { error: { rule: 'STATE' } } });
    expect(await command(t.url, token, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-NOBODY' })).toMatchObject({ status: 404, body: { error: { rule: 'NOT_FOUND', field: 'customerId' } } });
    expect(state()).toBe(before);
  });
});

describe('5 idempotency: commands under a client key', () => {
  it('5 a tender retried after the next sale started returns the first answer and does not complete the next sale', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, ...lampSale.slice(0, 2), { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1 }, { type: 'register.pickupAll', registerId: 'R1' });
    const tender = { type: 'register.tender', registerId: 'R1', method: 'cash', amount: t.durable.chain.registerView('R1').due };
    const sent = { command: tender, commandId: 'R1:tender:7f3a' };
    const first = await call(t.url, 'POST', '/api/commands', { token, body: sent });
    expect(first).toMatchObject({ status: 200, body: { ok: true, result: { orderId: 'CO-000001', completed: true } } });
    // The answer was lost on the way; meanwhile the cashier rang up the next customer's socks (due less than that tender).
    await accepted(t.url, token, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 });
    const before = state();
    expect(t.durable.chain.registerView('R1').due).toBeLessThan(tender.amount);
    const retried = await call(t.url, 'POST', '/api/commands', { token, body: sent });
    expect(retried).toEqual(first);
    expect(state()).toBe(before);
    expect(t.durable.chain.registerView('R1').transaction).toMatchObject({ tenders: [], cart: { lines: [{ productId: 'P-SOCKS' }] } });
  });

  it('5 the same commandId with another command is refused (409, CONFLICT, commandId); a malformed one (400, commandId); neither changes anything', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    expect(await call(t.url, 'POST', '/api/commands', { token, body: { command: lampSale[0], commandId: 'k1' } })).toMatchObject({ status: 200 });
    const before = state();
    expect(await call(t.url, 'POST', '/api/commands', { token, body: { command: lampSale[1], commandId: 'k1' } })).toMatchObject({ status: 409, body: { error: { rule: 'CONFLICT', field: 'commandId' } } });
    expect(await call(t.url, 'POST', '/api/commands', { token, body: { command: lampSale[1], commandId: 'not ok!' } })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'commandId' } } });
    expect(state()).toBe(before);
  });
});

describe('durability and the page', () => {
  it('every accepted command is in the journal before the answer', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, ...lampSale);
    const answer = await command(t.url, token, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
    expect(answer.status).toBe(200);
    const journal = await readFile(join(t.dir, 'store.journal.jsonl'), 'utf8');
    expect(journal.trimEnd().split('\n').map((line) => (JSON.parse(line) as { command: { type: string } }).command.type).at(-1)).toBe('register.tender');
    expect(await readFile(join(t.dir, 'headquarters.journal.jsonl'), 'utf8')).toContain('headquarters.createOrder');
  });

  it('3 /healthz says when snapshots cannot be written (200, JSON) while commands go on, and when they are again', async () => {
    await t.close();
    const disk = fullDisk(/snapshot-\d+\.jsonl/);
    t = await testServer({ durable: { files: disk, snapshotEvery: 3 } });
    expect(await call(t.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true, journal: 'ok', snapshot: { state: 'ok' } } });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
      await accepted(t.url, token, ...lampSale);
      await t.durable.snapshot();
      expect(await call(t.url, 'GET', '/healthz')).toMatchObject({
        status: 200, body: { ok: true, journal: 'ok', snapshot: { state: 'failing', message: expect.stringMatching(/ENOSPC/), attempts: expect.any(Number), since: expect.any(String) } },
      });
      expect(await command(t.url, token, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 })).toMatchObject({ status: 200 });
      disk.on = false;
      await t.durable.snapshot();
      expect(await call(t.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { snapshot: { state: 'ok' } } });
    } finally {
      error.mockRestore();
    }
  });

  it('every answer carries security headers', async () => {
    for (const path of ['/till', '/api/orders', '/healthz']) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('the screens are served for each screen path', async () => {
    for (const path of ['/', '/till', '/fulfillment', '/pickup', '/analyst']) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    expect((await fetch(`${t.url}/app.js`)).headers.get('content-type')).toContain('javascript');
  });
});
