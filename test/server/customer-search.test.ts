/** CU-8 customer search over HTTP: local (the store's address book) or all stores, and opening a remote customer here. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accepted, call, command, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
beforeEach(async () => { t = await testServer(); });
afterEach(async () => { await t.close(); });

import type { CustomerRow } from '../../engine/protocol/views.ts';

const rows = (body: Record<string, unknown>) => body.customers as CustomerRow[];
const names = (body: Record<string, unknown>) => rows(body).map((c) => c.name);

describe('CU-8 customer search across the chain', () => {
  it('CU-8 Seattle\'s new customer is found in Portland only across all stores, until Portland opens it into its address book', async () => {
    const seattle = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const portland = await signIn(t.url, 'cashier2', 'S2', 'R3');
    await accepted(t.url, seattle, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'customer.create', registerId: 'R1', customer: { name: 'Quinn Harbor Vale', phone: '+1 (206) 555-0142', email: 'quinn@example.com' }, addToTransaction: false });
    await accepted(t.url, portland, { type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' });

    expect(names((await call(t.url, 'GET', '/api/customers?q=vale', { token: seattle })).body)).toEqual(['Quinn Harbor Vale']);
    expect(names((await call(t.url, 'GET', '/api/customers?q=vale', { token: portland })).body)).toEqual([]);
    const all = await call(t.url, 'GET', '/api/customers?q=206-555-0142&scope=all', { token: portland });
    expect(rows(all.body)).toEqual([expect.objectContaining({ name: 'Quinn Harbor Vale', matchedOn: 'phone', inAddressBook: false, homeStore: 'Seattle' })]);
    expect(await call(t.url, 'GET', '/api/customers?q=val&scope=all', { token: portland })).toMatchObject({ status: 400, body: { error: { rule: 'CU-8', field: 'q' } } });
    expect(await call(t.url, 'GET', '/api/customers?q=vale&scope=everywhere', { token: portland })).toMatchObject({ status: 400, body: { error: { field: 'scope' } } });

    const customerId = rows(all.body)[0]!.customerId;
    await accepted(t.url, portland, { type: 'customer.addToAddressBook', registerId: 'R3', customerId });
    expect(names((await call(t.url, 'GET', '/api/customers?q=quinn', { token: portland })).body)).toEqual(['Quinn Harbor Vale']);
    expect(await command(t.url, portland, { type: 'customer.addToAddressBook', registerId: 'R3', customerId })).toMatchObject({ status: 422, body: { error: { rule: 'CU-8', field: 'customerId' } } });
  });

  it('CU-8 a name matches by any word, best match first', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    await accepted(t.url, token, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'customer.create', registerId: 'R1', customer: { name: 'Anna Berg' }, addToTransaction: false },
      { type: 'customer.create', registerId: 'R1', customer: { name: 'Lena Berg' }, addToTransaction: false });
    const found = names((await call(t.url, 'GET', '/api/customers?q=anna%20berg', { token })).body);
    expect(found[0]).toBe('Anna Berg');
    expect(found).toContain('Lena Berg');
  });
});
