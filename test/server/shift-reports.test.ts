/** End of day over HTTP: open with a float, the X report at the till, close with counts, Z reports for the manager and headquarters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, call, command, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let cashier: string;
beforeAll(async () => {
  t = await testServer();
  cashier = await signIn(t.url, 'cashier1', 'S1', 'R1');
});
afterAll(async () => { await t.close(); });

describe('shift reports over HTTP', () => {
  it('ST-5 the X report is a till read at the register signed in at; without an open shift it is refused (409)', async () => {
    expect(await call(t.url, 'GET', '/api/registers/R1/x-report', { token: cashier })).toMatchObject({ status: 409, body: { error: { field: 'registerId' } } });
    await accepted(t.url, cashier,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1', openingFloat: 20_000 },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 });
    const due = (t.durable.chain.registerView('R1')).due;
    await accepted(t.url, cashier, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: due });
    const x = await call(t.url, 'GET', '/api/registers/R1/x-report', { token: cashier });
    expect(x).toMatchObject({ status: 200, body: { report: { kind: 'X', shiftId: 'SH-R1-000001', openingFloat: 20_000, totals: { sales: due, transactions: 1 } } } });
    expect(await call(t.url, 'GET', '/api/registers/R2/x-report', { token: cashier })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'registerId' } } });
  });

  it('ST-5 closing with a bad count names the field and changes nothing; with counts it answers the Z report', async () => {
    const before = JSON.stringify(t.durable.chain.exportState());
    const bad = await command(t.url, cashier, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: 'lots' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'command.declaration.cash' } } });
    expect(JSON.stringify(t.durable.chain.exportState())).toBe(before);
    const expected = t.durable.chain.xReport('R1').tenders[0]!.expected;
    const [closed] = await accepted(t.url, cashier, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: expected + 100, card: 0 } });
    expect(closed).toMatchObject({ zReport: { kind: 'Z', shiftId: 'SH-R1-000001', overShort: 100 } });
  });

  it('ST-5 Z reports are read by the store\'s manager and by headquarters, not by a cashier, nor by a manager of another store', async () => {
    const manager = await signIn(t.url, 'manager1', 'S1');
    const analyst = await signIn(t.url, 'analyst1', 'S1');
    const elsewhere = await signIn(t.url, 'manager1', 'S2');
    const byManager = await call(t.url, 'GET', '/api/stores/S1/z-reports', { token: manager });
    expect(byManager).toMatchObject({ status: 200, body: { reports: [{ kind: 'Z', shiftId: 'SH-R1-000001', registerId: 'R1', overShort: 100 }] } });
    expect(await call(t.url, 'GET', '/api/stores/S1/z-reports', { token: analyst })).toEqual(byManager);
    expect(await call(t.url, 'GET', '/api/stores/S1/z-reports', { token: cashier })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'authorization' } } });
    expect(await call(t.url, 'GET', '/api/stores/S1/z-reports', { token: elsewhere })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'storeId' } } });
    expect(await call(t.url, 'GET', '/api/stores/S9/z-reports', { token: analyst })).toMatchObject({ status: 404, body: { error: { field: 'storeId' } } });
  });

  it('ST-5 an emailed receipt reaches headquarters, which reads it; a store manager does not', async () => {
    const [emailed] = await accepted(t.url, cashier, { type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com' });
    const analyst = await signIn(t.url, 'analyst1', 'S1');
    await accepted(t.url, analyst, { type: 'headquarters.runJob', job: 'P-job' });
    const read = await call(t.url, 'GET', '/api/headquarters/receipt-emails', { token: analyst });
    expect(read).toMatchObject({ status: 200, body: { emails: [{ storeId: 'S1', sent: false, email: { messageId: emailed!.messageId, to: 'anna@example.com', registerId: 'R1' } }] } });
    const manager = await signIn(t.url, 'manager1', 'S1');
    expect(await call(t.url, 'GET', '/api/headquarters/receipt-emails', { token: manager })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5' } } });
  });
});
