/**
 * The agent's desk over the server (CC-2..CC-19, CC-23): an agent takes an order step by step as themself, it becomes
 * a sales order on the warehouse's fulfilment screen; a hold agent1 checked out is refused to agent2 and cleared by a
 * supervisor's override; the desk's reads are the call center's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskCallCenter } from '../engine/call-center-desk-helpers.ts';
import { call, command, signIn, testServer, type TestServer } from './server-helpers.ts';

describe('CC-2 the call center\'s desk through the server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await testServer({ config: (c) => { c.callCenters = [structuredClone(deskCallCenter())]; } });
  });
  afterAll(async () => { await t.close(); });

  /** A step that must be accepted; its result. */
  const step = async (token: string, cmd: Record<string, unknown>) => {
    const answer = await command(t.url, token, cmd);
    expect(answer.status, JSON.stringify(answer.body.error)).toBe(200);
    return answer.body.result as Record<string, unknown>;
  };

  it('CC-4 CC-11 CC-13 CC-9 an agent takes an order end to end and it appears on the warehouse\'s fulfilment screen', async () => {
    const agent = await signIn(t.url, 'agent1', 'S1');
    const { orderId } = await step(agent, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' }) as { orderId: string };
    const on = { operatorId: 'agent1', orderId };
    await step(agent, { type: 'callCenter.setHeader', ...on, sourceCode: 'SPRING', modeCode: 'STD' });
    const tent = await step(agent, { type: 'callCenter.addLine', ...on, productId: 'P-TENT', quantity: 1 });
    expect(tent).toMatchObject({ price: { unitPrice: 18_000, source: 'catalog' }, offers: [{ suggestion: { kind: 'crossSell', suggestedProductId: 'P-LAMP' } }] });
    await step(agent, { type: 'callCenter.acceptOffer', ...on, lineId: `${orderId}-1`, suggestedProductId: 'P-LAMP' });
    expect(await step(agent, { type: 'callCenter.enterCoupon', ...on, couponCode: 'SAVE10' })).toMatchObject({ applied: true, discount: 1000 });
    await step(agent, { type: 'callCenter.complete', ...on });
    await step(agent, { type: 'callCenter.addPayment', ...on, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' });
    // The agent works as themself only (ST-5).
    expect(await command(t.url, agent, { type: 'callCenter.submit', operatorId: 'agent2', orderId })).toMatchObject({ status: 403, body: { error: { rule: 'ST-5', field: 'operatorId' } } });
    expect(await step(agent, { type: 'callCenter.submit', ...on })).toMatchObject({ released: true, storeId: 'S1', order: { detailStatus: 'Submitted' } });

    const read = await call(t.url, 'GET', `/api/call-center/orders/${orderId}`, { token: agent });
    expect(read.body.order).toMatchObject({ orderId, lines: [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }], coupons: [{ code: 'SAVE10', applied: true }] });
    const service = await call(t.url, 'GET', '/api/call-center/customers/C-ANNA', { token: agent });
    expect(service.body.customer).toMatchObject({ orders: [{ orderId, detailStatus: 'Submitted', held: false }], catalogsSent: [{ catalogId: 'CAT-SPRING' }] });

    const picker = await signIn(t.url, 'picker1', 'W1');
    const screen = await call(t.url, 'GET', '/api/fulfillment/W1', { token: picker });
    expect((screen.body.fulfillment as { lines: { orderId: string }[] }).lines.map((l) => l.orderId)).toContain(orderId);
    // A picker has no business at the call center's desk.
    expect(await call(t.url, 'GET', `/api/call-center/orders/${orderId}`, { token: picker })).toMatchObject({ status: 403 });
  });

  it('CC-18 a hold checked out by agent1 is refused to agent2 and cleared by a supervisor\'s override', async () => {
    const agent1 = await signIn(t.url, 'agent1', 'S1');
    const agent2 = await signIn(t.url, 'agent2', 'S1');
    const supervisor = await signIn(t.url, 'supervisor1', 'S1');
    const { orderId } = await step(agent1, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' }) as { orderId: string };
    const on = { operatorId: 'agent1', orderId };
    await step(agent1, { type: 'callCenter.addLine', ...on, productId: 'P-LAMP', quantity: 1 });
    await step(agent1, { type: 'callCenter.complete', ...on });
    await step(agent1, { type: 'callCenter.addPayment', ...on, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' });
    const { holdId } = await step(agent1, { type: 'callCenter.hold', ...on, notes: 'address to confirm' }) as { holdId: string };
    await step(agent1, { type: 'callCenter.checkOutHold', ...on, holdId });

    const list = await call(t.url, 'GET', '/api/call-center/holds', { token: agent2 });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.holds).toEqual(expect.arrayContaining([expect.objectContaining({ holdId, checkedOutBy: 'agent1' })]));
    expect(await command(t.url, agent2, { type: 'callCenter.clearHold', operatorId: 'agent2', orderId, holdId, variant: 'clear' })).toMatchObject({ status: 422, body: { error: { rule: 'CC-18', field: 'holdId' } } });
    await step(supervisor, { type: 'callCenter.overrideHold', operatorId: 'supervisor1', orderId, holdId });
    expect(await step(supervisor, { type: 'callCenter.clearHold', operatorId: 'supervisor1', orderId, holdId, variant: 'submitWhenCleared' })).toMatchObject({ released: true });
  });
});
