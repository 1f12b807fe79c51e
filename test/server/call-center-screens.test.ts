/**
 * The call center's screens' own connection (ui/call-center-desk.ts `httpCallCenterDesk` over ui/api.ts `HttpApi`)
 * against a real server on the demo chain: every operation the agent's screen, the hold list and the customer service
 * view make reaches the desk and comes back in the shapes the screens read. The day is in the demo's Spring catalog
 * (2026-03-02). The call center's room tells the supervisor of holds and price change requests as they change, and
 * an order submitted at the desk is on the warehouse's fulfilment room at once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HoldListRow } from '../../engine/domain/call-center/holds.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import type { Envelope } from '../../engine/protocol/messages.ts';
import { startServer, type RunningServer } from '../../engine/server/server.ts';
import { signIn as signInApi, type HttpApi } from '../../ui/api.ts';
import { httpCallCenterDesk, type CallCenterDesk, type DeskAnswer, type PriceChangeRequestRow } from '../../ui/call-center-desk.ts';
import { call, command, DEMO_CHAIN, emitWithAck, PIN, signIn, socketOf } from './server-helpers.ts';

const SPRING_DAY = Date.UTC(2026, 2, 2, 15);

/** The value of an answer the desk must accept. */
function value<T>(answer: DeskAnswer<T>): T {
  if (!answer.ok) throw new Error(`refused: ${answer.error.rule} ${answer.error.field ?? ''} ${answer.error.message}`);
  return answer.value;
}

/** The first message a room sends that `wanted` accepts. */
function heard(socket: Socket, wanted: (envelope: Envelope) => boolean): Promise<Envelope> {
  return new Promise((resolve) => {
    const listener = (envelope: Envelope) => {
      if (!wanted(envelope)) return;
      socket.off('update', listener);
      resolve(envelope);
    };
    socket.on('update', listener);
  });
}

describe('the call center\'s screens on the real desk (demo chain)', () => {
  let dir: string;
  let durable: DurableChain;
  let server: RunningServer;
  const apis: HttpApi[] = [];
  const sockets: Socket[] = [];

  /** A desk as the screens make it, signed in as the operator at Seattle (where the demo's call-center staff sign in). */
  const deskOf = async (operatorId: 'agent1' | 'agent2' | 'supervisor1'): Promise<CallCenterDesk> => {
    const api = await signInApi({ operatorId, pin: PIN[operatorId], siteId: 'S1' }, server.url);
    apis.push(api);
    return httpCallCenterDesk(api);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storefront-cc-screens-'));
    // CC-20: in the demo agent1 may change prices within 5%; agent2 belongs to no group, so files requests.
    const config = JSON.parse(await readFile(DEMO_CHAIN, 'utf8')) as unknown;
    durable = await DurableChain.open(dir, { config, seed: 7, startAt: SPRING_DAY });
    server = await startServer(durable, { screens: { html: '<!doctype html><title>test</title>', script: 'export {};' }, dataDir: dir });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const api of apis) await api.signOut();
    await server.close();
    await durable.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('CC-3 CC-4 CC-10 CC-11 CC-13 CC-6 CC-8 CC-9: an agent finds or creates the customer, takes an order with a source code, cross-sell and coupon, pays and submits; it is on the warehouse\'s fulfilment room at once', async () => {
    const desk = await deskOf('agent1');
    expect([desk.operatorId, desk.supervisor, desk.currency]).toEqual(['agent1', false, 'USD']);

    // CC-3: lookup by name and by account; a customer not found is created at headquarters and found by phone.
    expect((await desk.findCustomers({ name: 'anna' })).map((c) => c.customerId)).toEqual(['C-ANNA']);
    expect((await desk.findCustomers({ account: 'c-cal' })).map((c) => c.name)).toEqual(['Cal Rivera']);
    const dana = value(await desk.createCustomer({ name: 'Dana Field', phone: '(555) 014-2777', email: 'dana@example.com' }));
    expect(dana).toMatchObject({ name: 'Dana Field', email: 'dana@example.com', account: dana.customerId });
    expect(await desk.findCustomers({ phone: '0142777' })).toEqual([dana]);
    expect(value(await desk.startOrder(dana.customerId)).order.customer?.account.name).toBe('Dana Field');

    // CC-4: the Targeted lookup gives the catalogs sent to Anna; the Draft summer catalog's code is never offered.
    const started = value(await desk.startOrder('C-ANNA'));
    const { orderId } = started.order;
    const targeted = await desk.sourceCodes({ filter: 'Targeted', customerId: 'C-ANNA', text: '' });
    expect(targeted.map((c) => c.code)).toEqual(['SPRING26', 'SPRING26-VIP']);
    expect((await desk.sourceCodes({ filter: 'All', customerId: null, text: 'summer' }))).toEqual([]);
    expect(await desk.sourceCodes({ filter: 'Targeted', customerId: 'C-CAL', text: '' })).toEqual([]);
    const headed = value(await desk.setHeader(orderId, { sourceCode: 'spring26', modeCode: 'STD' }, false));
    expect(headed.order.header).toMatchObject({ sourceCode: 'SPRING26', modeCode: 'STD' });
    expect(headed.beginningScripts.map((s) => s.text)).toContain('Thank you for calling about our Spring Trails catalog.');

    // CC-3 items by words; CC-11 the stove's cross-sell is offered and accepted (a new line).
    const [stove] = await desk.findItems('stove');
    expect(stove).toMatchObject({ productId: 'P-STOVE' });
    const added = value(await desk.addLine(orderId, { productId: stove!.productId, quantity: 1 }));
    const fuel = added.prompt.offers.find((o) => o.suggestion.suggestedProductId === 'P-FUEL')!;
    expect(fuel.suggestion.kind).toBe('crossSell');
    const crossSold = value(await desk.answerOffer(orderId, fuel, true));
    expect(crossSold.order.lines.map((l) => [l.productId, l.sourceCode])).toEqual([['P-STOVE', 'SPRING26'], ['P-FUEL', 'SPRING26']]);
    expect(crossSold.itemNames['P-FUEL']).toBeTruthy();

    // CC-13: a one-time percent coupon applies.
    const coupon = value(await desk.enterCoupon(orderId, 'WELCOME10'));
    expect(coupon.entry).toMatchObject({ accepted: true, applied: true });
    expect(coupon.view.summary.discounts).toBeGreaterThan(0);

    // CC-6 / CC-8 / CC-9: the whole total on a card; Submit authorises it and releases the order.
    const paid = value(await desk.addPayment(orderId, { paymentId: 'P1', methodId: 'CARD', share: { percent: 10_000 }, cardToken: 'TOK-ANNA' }));
    expect(paid.paymentMethods.map((m) => m.code)).toEqual(['CASH', 'CHECK', 'CARD', 'GIFT']);
    expect(paid.order.payments).toHaveLength(1);
    expect(paid.endScripts.map((s) => s.text)).toContain('Your spring order ships within two days. Happy trails!');

    const picker = await socketOf(server.url, await signIn(server.url, 'picker1', 'W1'));
    sockets.push(picker);
    expect(await emitWithAck(picker, 'subscribe', { rooms: ['location:W1'] })).toMatchObject({ ok: true });
    const atWarehouse = heard(picker, (e) => e.type === 'locationOrder' && e.id === orderId);
    const submitted = value(await desk.submit(orderId));
    expect([submitted.detailStatus, submitted.paymentStatus]).toEqual(['Submitted', 'Approved']);
    expect((await atWarehouse).view).toMatchObject({ order: { orderId, storeId: 'S1' } });

    // CC-23: the customer service view lists the order, and the catalogs sent to Anna.
    const service = await desk.customerService('C-ANNA');
    expect(service.customer).toMatchObject({ customerId: 'C-ANNA', name: 'Anna Berg' });
    expect(service.orders.find((o) => o.orderId === orderId)).toMatchObject({ status: 'Submitted', detailStatus: 'Submitted', paymentStatus: 'Approved', onHold: false });
    expect(service.orders.find((o) => o.orderId === orderId)!.log.map((e) => e.kind)).toEqual(['created', 'submitted']);
    expect(service.catalogsSent).toEqual([{ catalogId: 'CAT-SPRING', catalogName: 'Spring Trails 2026' }, { catalogId: 'CAT-HOLIDAY', catalogName: 'Holiday Gifts 2026' }]);
  });

  it('CC-17 CC-18 CC-19: a held order agent1 checked out is refused to agent2, taken over by supervisor1 and cleared and submitted; the room tells the supervisor each change', async () => {
    const agent1 = await deskOf('agent1');
    const agent2 = await deskOf('agent2');
    const supervisor = await deskOf('supervisor1');
    expect(supervisor.supervisor).toBe(true);
    const lists: HoldListRow[][] = [];
    let waiting: { wanted: (rows: HoldListRow[]) => boolean; resolve: () => void } | null = null;
    const holdsSay = (wanted: (rows: HoldListRow[]) => boolean) => new Promise<void>((resolve) => {
      if (lists.length > 0 && wanted(lists.at(-1)!)) resolve();
      else waiting = { wanted, resolve };
    });
    supervisor.watch({
      holds: (rows) => {
        lists.push(rows);
        if (waiting?.wanted(rows) === true) { waiting.resolve(); waiting = null; }
      },
      requests: () => {},
    });
    await holdsSay(() => true);

    const { orderId } = value(await agent1.startOrder('C-CAL')).order;
    value(await agent1.setHeader(orderId, { modeCode: 'STD' }, false));
    value(await agent1.addLine(orderId, { productId: 'P-LAMP', quantity: 2 }));
    value(await agent1.addPayment(orderId, { paymentId: 'P1', methodId: 'CARD', share: { percent: 10_000 }, cardToken: 'TOK-CAL' }));
    const held = value(await agent1.placeHold(orderId, { origin: 'summary', code: 'CUSTOMER', reasonCode: 'ADDRESS', notes: 'address to confirm' }));
    expect(held.detailStatus).toBe('On hold');
    await holdsSay((rows) => rows.some((r) => r.orderId === orderId));
    const row = lists.at(-1)!.find((r) => r.orderId === orderId)!;
    expect(row).toMatchObject({ customerName: 'Cal Rivera', code: 'CUSTOMER', reason: 'Confirming the address', checkedOutBy: null });

    expect(value(await agent1.checkOutHold(row.holdId)).find((r) => r.holdId === row.holdId)?.checkedOutBy).toBe('agent1');
    await holdsSay((rows) => rows.some((r) => r.holdId === row.holdId && r.checkedOutBy === 'agent1'));
    const refused = await agent2.clearHold(row.holdId, 'clearAndSubmit');
    expect(refused.ok ? null : refused.error.rule).toBe('CC-18');
    expect(value(await supervisor.overrideCheckOut(row.holdId)).find((r) => r.holdId === row.holdId)?.checkedOutBy).toBe('supervisor1');
    const cleared = value(await supervisor.clearHold(row.holdId, 'clearAndSubmit'));
    expect(cleared.some((r) => r.holdId === row.holdId)).toBe(false);
    await holdsSay((rows) => !rows.some((r) => r.holdId === row.holdId));

    const service = await agent1.customerService('C-CAL');
    expect(service.orders.find((o) => o.orderId === orderId)).toMatchObject({ status: 'Submitted', onHold: false, paymentStatus: 'Approved' });
    expect(service.orders.find((o) => o.orderId === orderId)!.log.map((e) => e.kind)).toEqual(['created', 'held', 'cleared', 'submitted']);
  });

  it('CC-20: agent2 asks for a lower price, the request reaches the supervisor\'s room (the item and agent by name) and supervisor1 approves it; the line takes the price', async () => {
    const agent2 = await deskOf('agent2');
    const supervisor = await deskOf('supervisor1');
    // The set-up names each one's role in words.
    expect(apis.slice(-2).map((api) => api.setup.roleName)).toEqual(['Call-center agent', 'Call-center supervisor']);
    const requests: PriceChangeRequestRow[][] = [];
    const pending = new Promise<void>((resolve) => {
      supervisor.watch({ holds: () => {}, requests: (r) => { requests.push(r); if (r.some((q) => q.status === 'pending')) resolve(); } });
    });
    const { orderId } = value(await agent2.startOrder('C-ANNA')).order;
    value(await agent2.setHeader(orderId, { modeCode: 'STD' }, false));
    const { view } = value(await agent2.addLine(orderId, { productId: 'P-TENT', quantity: 1 }));
    const line = view.order.lines[0]!;
    expect(view.modes.map((m) => m.kind)).toContain('pickup');
    const filed = value(await agent2.changePrice(orderId, line.lineId, Math.round(line.unitPrice * 0.9), 'price match'));
    expect(filed).toMatchObject({ outcome: 'request-filed', view: { order: { lines: [{ unitPrice: line.unitPrice }] } } });
    await pending;
    const request = requests.at(-1)!.find((r) => r.orderId === orderId)!;
    expect(request).toMatchObject({ requestedBy: 'agent2', agentName: expect.any(String), itemName: view.itemNames['P-TENT'], status: 'pending', reason: 'price match' });
    expect(request.itemName).not.toBe('P-TENT');
    expect((await supervisor.priceChangeRequests()).map((r) => r.requestId)).toContain(request.requestId);

    const decided = value(await supervisor.decidePriceChange(request.requestId, { approve: true }));
    expect(decided.find((r) => r.requestId === request.requestId)?.status).toBe('approved');
    // The agent's open order reads itself again (as it does on the room's news) and has the price.
    expect((await agent2.reloadOrder(orderId)).order.lines[0]).toMatchObject({ lineId: line.lineId, unitPrice: Math.round(line.unitPrice * 0.9), priceSource: 'priceChange' });
  });

  it('CC-3: several customers found by name, phone or account are listed; the one chosen is the order\'s customer', async () => {
    const desk = await deskOf('agent1');
    const created = value(await desk.createCustomer({ name: 'Anna Lind', phone: '555-7142', email: '' }));
    value(await desk.createCustomer({ name: 'Annika Berg', phone: '555-7143', email: '' }));
    const names = async (query: Parameters<CallCenterDesk['findCustomers']>[0]) => (await desk.findCustomers(query)).map((c) => c.name);
    expect(await names({ name: 'ann' })).toEqual(expect.arrayContaining(['Anna Berg', 'Anna Lind', 'Annika Berg']));
    expect(await names({ phone: '555-714' })).toEqual(['Anna Lind', 'Annika Berg']);
    expect(await names({ account: created.account.slice(0, -1) })).toEqual(expect.arrayContaining(['Anna Lind', 'Annika Berg']));
    const { order } = value(await desk.startOrder(created.customerId));
    expect(order.customer?.account).toMatchObject({ name: 'Anna Lind', phone: '555-7142' });
  });

  it('bad input to the desk\'s reads is a 400 naming the field; the supervisor\'s address serves the screens', async () => {
    const token = await signIn(server.url, 'agent1', 'S1');
    expect(await call(server.url, 'GET', '/api/call-center/customers', { token })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION', field: 'name' } } });
    expect(await call(server.url, 'GET', '/api/call-center/customers?nmae=Anna', { token })).toMatchObject({ status: 400, body: { error: { rule: 'VALIDATION' } } });
    expect(await call(server.url, 'GET', '/api/call-center/source-codes?filter=Targeted', { token })).toMatchObject({ status: 400, body: { error: { field: 'customerId' } } });
    expect(await call(server.url, 'GET', '/api/call-center/source-codes?filter=Some', { token })).toMatchObject({ status: 400, body: { error: { field: 'filter' } } });
    expect(await call(server.url, 'GET', '/api/call-center/items?text=', { token })).toMatchObject({ status: 400, body: { error: { field: 'text' } } });
    expect(await call(server.url, 'GET', '/api/call-center/customers/C-NOBODY', { token })).toMatchObject({ status: 404, body: { error: { field: 'customerId' } } });
    expect(await call(server.url, 'GET', '/api/call-center/gift-cards/GC-1001', { token })).toMatchObject({ status: 200, body: { giftCard: { number: 'GC-1001', balance: 10_000 } } });
    expect(await command(server.url, token, { type: 'callCenter.createCustomer', operatorId: 'agent1', name: '  ' })).toMatchObject({ status: 400, body: { error: { field: 'command.name' } } });
    expect(await command(server.url, token, { type: 'callCenter.createCustomer', operatorId: 'agent1', name: 'Eve', email: 'eve at home' })).toMatchObject({ status: 400, body: { error: { field: 'command.email' } } });
    // The call center's room is its members' (and supervisors'): no other room by that name, no cashier.
    const agent = await socketOf(server.url, token);
    const cashier = await socketOf(server.url, await signIn(server.url, 'cashier1', 'S1', 'R1'));
    sockets.push(agent, cashier);
    expect(await emitWithAck(agent, 'subscribe', { rooms: ['callCenter:CC9'] })).toMatchObject({ ok: false, error: { rule: 'ST-5', field: 'rooms.0' } });
    expect(await emitWithAck(cashier, 'subscribe', { rooms: ['callCenter:CC1'] })).toMatchObject({ ok: false, error: { rule: 'ST-5', field: 'rooms.0' } });
    expect(await emitWithAck(agent, 'subscribe', { rooms: ['callCenter:CC1'] })).toMatchObject({ ok: true, state: { 'callCenter:CC1': { holds: [], requests: [{ requestId: 'PCR-000001', status: 'approved' }] } } });
    const page = await fetch(`${server.url}/call-center/supervisor`);
    expect(page.status).toBe(200);
  });

  // Last: it closes the demo's Spring catalog for the tests above.
  it('CC-4 CC-5: source codes follow headquarters\' catalog actors: once supervisor1 deactivates the Spring catalog its codes are neither offered nor accepted', async () => {
    const desk = await deskOf('agent1');
    const { orderId } = value(await desk.startOrder('C-ANNA')).order;
    expect((await desk.sourceCodes({ filter: 'All', customerId: null, text: 'spring' })).length).toBe(2);
    const token = await signIn(server.url, 'supervisor1', 'S1');
    expect(await command(server.url, token, { type: 'callCenter.catalog', action: 'deactivate', catalogId: 'CAT-SPRING', operatorId: 'supervisor1' })).toMatchObject({ status: 200 });
    expect(await desk.sourceCodes({ filter: 'All', customerId: null, text: 'spring' })).toEqual([]);
    const refused = await desk.setHeader(orderId, { sourceCode: 'SPRING26' }, false);
    expect(refused.ok ? null : [refused.error.rule, refused.error.field]).toEqual(['CC-5', 'sourceCode']);
  });
});
