/**
 * CC-2 over the server: an agent submits a call-center order as themself; the order shows at once on the warehouse's
 * fulfilment screen; a cashier cannot submit one (ST-5), nor an agent in another agent's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, command, signIn, testServer, type TestServer } from './server-helpers.ts';

const order = (enteredBy: string) => ({
  orderId: 'CC-000001', callCenterId: 'CC1', enteredBy, customerId: 'C-ANNA', header: { modeCode: 'STD' },
  lines: [{ lineId: 'CC-000001-1', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, modeCode: 'STD', locationId: 'W1' }],
});

describe('CC-2 call-center orders through the server', () => {
  let t: TestServer;
  // The demo chain's call center comes with the call-center screen; here, CC1 with the demo's agents.
  beforeAll(async () => {
    t = await testServer({ config: (c) => {
      c.callCenters = [{
        id: 'CC1', name: 'Phone orders', legalEntity: 'USRT', defaultWarehouseId: 'W1', orderCompletion: true, modesOfDelivery: ['STD', 'PICKUP'],
        paymentMethods: [{ code: 'CARD', name: 'Card', kind: 'card' }], members: ['agent1', 'agent2', 'supervisor1'],
      }];
    } });
  });
  afterAll(async () => { await t.close(); });

  it('CC-2 a cashier cannot submit a call-center order, nor an agent in another agent\'s name; the agent submits as themself', async () => {
    const cashier = await signIn(t.url, 'cashier1', 'S1', 'R1');
    expect(await command(t.url, cashier, { type: 'callCenter.submitOrder', order: order('cashier1') })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'type' } } });
    const agent = await signIn(t.url, 'agent1', 'S1');
    expect(await command(t.url, agent, { type: 'callCenter.submitOrder', order: order('agent2') })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'order.enteredBy' } } });
    const submitted = await command(t.url, agent, { type: 'callCenter.submitOrder', order: order('agent1') });
    expect(submitted).toMatchObject({ status: 200, body: { result: { salesOrderId: expect.any(String), storeId: 'S1' } } });
    const picker = await signIn(t.url, 'picker1', 'W1');
    const screen = await call(t.url, 'GET', '/api/fulfillment/W1', { token: picker });
    expect((screen.body.fulfillment as { lines: { orderId: string }[] }).lines.map((l) => l.orderId)).toContain('CC-000001');
  });
});
