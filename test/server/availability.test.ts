/** CO-17 over HTTP: GET /api/registers/:id/availability, for the till at that register only (access matrix). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accepted, call, signIn, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
beforeEach(async () => { t = await testServer(); });
afterEach(async () => { await t.close(); });

describe('CO-17 availability read', () => {
  it('CO-17 answers each pickup location with its available quantity for the cart lines; bad input names the field', async () => {
    const token = await signIn(t.url, 'cashier1', 'S1', 'R1');
    const [, , added] = await accepted(t.url, token,
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 45 });
    const lineId = `${String(added!.transactionId)}-1`;
    const answer = await call(t.url, 'GET', `/api/registers/R1/availability?purpose=pickup&lineIds=${lineId}`, { token });
    expect(answer.status).toBe(200);
    const locations = answer.body.locations as { locationId: string; name: string; short: boolean; lines: { available: number }[] }[];
    expect(locations.map((l) => [l.locationId, l.lines[0]!.available, l.short])).toEqual([['S1', 50, false], ['S2', 50, false], ['S3', 40, true]]);
    expect(locations[0]!.name).toBe('Seattle');
    expect(await call(t.url, 'GET', '/api/registers/R1/availability?purpose=fly', { token })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'purpose' } } });
    expect(await call(t.url, 'GET', '/api/registers/R1/availability?purpose=ship&lineIds=nope', { token })).toMatchObject({ status: 404, body: { error: { field: 'lineIds' } } });
    expect(await call(t.url, 'GET', '/api/registers/R2/availability?purpose=ship', { token })).toMatchObject({ status: 403 });
  });
});
