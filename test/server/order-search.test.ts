/** CO-13 / CO-14 over HTTP: the till's order search spans every store; each row says what this till may do with it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, call, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
let s1: string;
let s2: string;
const search = (token: string, query: string) => call(t.url, 'GET', `/api/order-search${query}`, { token });
const ids = (answer: Awaited<ReturnType<typeof search>>) => (answer.body.orders as { orderId: string }[]).map((o) => o.orderId);

beforeAll(async () => {
  t = await testServer();
  s1 = await signIn(t.url, 'cashier1', 'S1', 'R1');
  s2 = await signIn(t.url, 'cashier2', 'S2', 'R3');
  // CO-000001: Anna's lamp for pickup at Seattle; CO-000002: a lamp shipped from Portland for Anna, from Portland's till.
  await accepted(t.url, s1,
    { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
    { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
    { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
    { type: 'register.pickupAll', registerId: 'R1' },
    { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 });
  await accepted(t.url, s2,
    { type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' },
    { type: 'register.setCustomer', registerId: 'R3', customerId: 'C-ANNA' },
    { type: 'register.addItem', registerId: 'R3', productId: 'P-LAMP', quantity: 1 },
    { type: 'register.pickupAll', registerId: 'R3' },
    { type: 'register.tender', registerId: 'R3', method: 'cash', amount: 250 });
});
afterAll(async () => { await t.close(); });

describe('CO-13 order search', () => {
  it('CO-13 a typed or scanned value finds the order by number, channel reference or receipt id, from any store', async () => {
    expect(ids(await search(s2, '?value=CO-000001'))).toEqual(['CO-000001']);
    expect(ids(await search(s2, '?value=s1-t-r1-000001'))).toEqual(['CO-000001']); // case ignored
    expect(ids(await search(s1, '?value=T-R3-000001'))).toEqual(['CO-000002']); // the receipt of the sale that made it
    expect(ids(await search(s1, '?value=nothing-like-it'))).toEqual([]);
  });

  it('CO-13 filters by store, customer, status and dates; rows show number, reference, customer, date, status, total', async () => {
    expect(ids(await search(s1, ''))).toEqual(['CO-000002', 'CO-000001']);
    expect(ids(await search(s1, '?storeId=S2'))).toEqual(['CO-000002']);
    expect(ids(await search(s1, '?customer=anna&status=Open'))).toEqual(['CO-000002', 'CO-000001']);
    expect(ids(await search(s1, '?status=Invoiced'))).toEqual([]);
    expect(ids(await search(s1, '?from=2026-11-23&to=2026-11-23'))).toEqual(['CO-000002', 'CO-000001']);
    expect(ids(await search(s1, '?from=2026-11-24'))).toEqual([]);
    const [row] = (await search(s1, '?value=CO-000001')).body.orders as Record<string, unknown>[];
    expect(row).toMatchObject({ orderId: 'CO-000001', channelReference: 'S1-T-R1-000001', customerName: expect.any(String), headerStatus: 'Open', total: 2749, storeId: 'S1' });
    expect(typeof row!.createdAt).toBe('number');
  });

  it('CO-13 presets list what waits at this store: to pick up here, to fulfil, to ship from here', async () => {
    expect(ids(await search(s1, '?preset=toPickUp'))).toEqual(['CO-000001']);
    expect(ids(await search(s2, '?preset=toPickUp'))).toEqual(['CO-000002']);
    expect(ids(await search(s1, '?preset=toFulfil'))).toEqual(['CO-000001']);
    expect(ids(await search(s1, '?preset=toShipHere'))).toEqual([]);
  });

  it('CO-14 each row carries what this till may do with the order, with reasons for what it may not', async () => {
    const [there] = (await search(s2, '?value=CO-000001')).body.orders as { operations: Record<string, { offered: boolean; reason?: string }> }[];
    expect(there!.operations.pickup).toEqual({ offered: false, rule: 'FF-6', reason: 'No line of this order is for pickup at this store.' });
    expect(there!.operations.edit).toEqual({ offered: true });
    const details = await call(t.url, 'GET', '/api/order-search/CO-000001', { token: s1 });
    expect(details).toMatchObject({ status: 200, body: { order: { orderId: 'CO-000001', lines: [{ productId: 'P-LAMP' }] }, receiptIds: ['T-R1-000001'], operations: { pickup: { offered: true } } } });
  });

  it('CO-13 bad input names its field and an unknown order is not found', async () => {
    expect(await search(s1, '?from=23-11-2026')).toMatchObject({ status: 400, body: { error: { field: 'from' } } });
    expect(await search(s1, '?preset=everything')).toMatchObject({ status: 400, body: { error: { field: 'preset' } } });
    expect(await search(s1, '?storeId=S9')).toMatchObject({ status: 400, body: { error: { field: 'storeId' } } });
    expect(await search(s1, '?colour=red')).toMatchObject({ status: 400 });
    expect(await call(t.url, 'GET', '/api/order-search/CO-999999', { token: s1 })).toMatchObject({ status: 404, body: { error: { field: 'orderId' } } });
  });
});
