/**
 * Call-center orders through the chain (CC-2, CC-21, CC-22, CH-3, CO-10): a submitted order becomes a sales order at
 * headquarters, reaches the store that owns it with the distribution package exactly once, and the stores fulfil,
 * hand over and return it like their own while their tills never cancel it (nor edit it with order completion on).
 */
import { describe, expect, it } from 'vitest';
import { Chain, type AcceptedEntry, type Delivery } from '../../engine/chain.ts';
import { computeAutoCharges } from '../../engine/domain/charges.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { orderOperationsAt } from '../../engine/store-views.ts';
import type { SubmittedCallCenterOrder } from '../../engine/protocol/call-center.ts';
import { withCallCenter } from './call-center-helpers.ts';
import { chainConfig, listed, newEngine, ok, openShift, PRICE, refused, restart, runJob, tenderDue } from './engine-helpers.ts';

const ORDER = 'CC-000001';
const TENT = `${ORDER}-1`;
const LAMP = `${ORDER}-2`;

/** Anna's tent shipped from the warehouse and a lamp to pick up at S1, header mode Standard ground, paid by card. */
function order(change: Partial<SubmittedCallCenterOrder> = {}): SubmittedCallCenterOrder {
  return {
    orderId: ORDER, callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA',
    header: { modeCode: 'STD', sourceCode: 'SPRING' },
    lines: [
      { lineId: TENT, productId: 'P-TENT', quantity: 1, unitPrice: 18_000, modeCode: 'STD', locationId: 'W1' },
      { lineId: LAMP, productId: 'P-LAMP', quantity: 1, unitPrice: PRICE.LAMP, modeCode: 'PICKUP', locationId: 'S1' },
    ],
    charges: [],
    payments: [{ paymentId: 'CCP-1', method: 'CARD', amount: 5000, status: 'Paid' }, { paymentId: 'CCP-2', method: 'CARD', amount: 17_000, status: 'Authorized', cardToken: 'TOK-ANNA' }],
    ...change,
  };
}

const submit = (e: Chain, submitted: SubmittedCallCenterOrder = order()) => ok(e, { type: 'callCenter.submitOrder', order: submitted });

function chain(orderCompletion = true): Chain {
  const e = newEngine(withCallCenter(orderCompletion));
  openShift(e, 'R1', 'cashier1');
  return e;
}

describe('CC-2 a submitted call-center order is a sales order at headquarters, fulfilled by the stores', () => {
  it('CC-2 it becomes a sales order (origin call center) and its lines reach the warehouse and the pickup store at once', () => {
    const e = chain();
    expect(submit(e)).toMatchObject({ salesOrderId: 'SO-000001', orderId: ORDER, storeId: 'S1', sentToStore: { orders: 1 } });
    expect(salesOrderOf(e.backOffice(), ORDER)).toMatchObject({ createdVia: 'callCenter', storeId: 'S1', customerAccount: 'C-ANNA', callCenter: { order: { callCenterId: 'CC1' } } });
    expect(e.orderView(ORDER)).toMatchObject({
      origin: 'callCenter', salesOrderId: 'SO-000001', storeId: 'S1', channelReference: ORDER, existsAtHeadquarters: true,
      cardToken: 'TOK-ANNA', payments: [{ paymentId: 'CCP-1', kind: 'prepayment', method: 'card', amount: 5000 }],
    });
    expect(listed(e, 'W1')).toEqual([[TENT, 'Accepted']]);
    expect(listed(e, 'S1', 'forPickup')).toEqual([[LAMP, 'Accepted']]);
  });

  it('CC-2 bad input is refused naming the field and changes nothing; an agent of no call center cannot submit', () => {
    const e = chain();
    expect(refused(e, { type: 'callCenter.submitOrder', order: { ...order(), header: undefined } })).toMatchObject({ rule: 'VALIDATION', field: 'order.header' });
    expect(refused(e, { type: 'callCenter.submitOrder', order: { ...order(), lines: [] } })).toMatchObject({ rule: 'VALIDATION', field: 'order.lines' });
    const unknownProduct = order({ lines: [{ ...order().lines[0]!, productId: 'P-NOPE' }] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: unknownProduct })).toMatchObject({ rule: 'NOT_FOUND', field: 'order.lines.0.productId' });
    const pickupAtWarehouse = order({ lines: [{ ...order().lines[1]!, locationId: 'W1' }] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: pickupAtWarehouse })).toMatchObject({ rule: 'CO-3', field: 'order.lines.0.locationId' });
    const carriedOut = order({ header: { modeCode: 'CARRY' } });
    expect(refused(e, { type: 'callCenter.submitOrder', order: carriedOut })).toMatchObject({ rule: 'CC-22', field: 'order.header.modeCode' });
    expect(refused(e, { type: 'callCenter.submitOrder', order: order({ enteredBy: 'cashier1' }) })).toMatchObject({ rule: 'CC-2', field: 'order.enteredBy' });
    expect(refused(e, { type: 'callCenter.submitOrder', order: order({ callCenterId: 'CC9' }) })).toMatchObject({ rule: 'CC-2', field: 'order.callCenterId' });
    expect(refused(e, { type: 'callCenter.submitOrder', order: order({ customerId: 'C-NOBODY' }) })).toMatchObject({ rule: 'NOT_FOUND', field: 'order.customerId' });
  });

  it('CC-1 only the channel\'s modes of delivery and payment methods are taken', () => {
    const e = newEngine(withCallCenter(true, ['STD', 'PICKUP']));
    const express = order({ lines: [{ ...order().lines[0]!, modeCode: 'EXP' }] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: express })).toMatchObject({ rule: 'CC-1', field: 'order.lines.0.modeCode' });
    expect(refused(e, { type: 'callCenter.submitOrder', order: order({ header: { modeCode: 'EXP' } }) })).toMatchObject({ rule: 'CC-1', field: 'order.header.modeCode' });
    const voucher = order({ payments: [{ paymentId: 'CCP-1', method: 'VOUCHER', amount: 100, status: 'Paid' }] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: voucher })).toMatchObject({ rule: 'CC-1', field: 'order.payments.0.method' });
    const cash = order({ payments: [{ paymentId: 'CCP-1', method: 'CASH', amount: 1000, status: 'Paid' }] });
    submit(e, cash);
    expect(e.orderView(ORDER).payments).toEqual([{ paymentId: 'CCP-1', kind: 'prepayment', method: 'cash', amount: 1000 }]);
  });

  it('CC-9 a declined payment keeps the order at Do not process; CC-7 without order completion the call center takes no payment', () => {
    const e = chain();
    const declined = order({ payments: [{ paymentId: 'CCP-1', method: 'CARD', amount: 22_000, status: 'NotAuthorized' }] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: declined })).toMatchObject({ rule: 'CC-9', field: 'order.payments.0.status' });
    expect(refused(chain(false), { type: 'callCenter.submitOrder', order: order() })).toMatchObject({ rule: 'CC-7', field: 'order.payments' });
    expect(e.orderIds()).toEqual([]);
  });

  it('CC-2 the order is journaled at headquarters like every command, and a restored chain holds the same order', () => {
    const e = chain();
    const entries: AcceptedEntry[] = [];
    e.onAccepted((entry) => entries.push(entry));
    submit(e);
    expect(entries.map((x) => [x.engine, (x.command as { type: string }).type])).toEqual([
      ['headquarters', 'headquarters.acceptCallCenterOrder'], ['store', 'sync.applyDistribution'],
    ]);
    // The journaled command replays to the same sales order on a fresh headquarters.
    const replayed = newEngine(withCallCenter());
    expect(replayed.headquarters.executeNow(entries[0]!.command)).toMatchObject({ ok: true, result: { salesOrderId: 'SO-000001' } });
    expect(salesOrderOf(replayed.backOffice(), ORDER)!.order).toEqual(salesOrderOf(e.backOffice(), ORDER)!.order);
    const again = restart(e, withCallCenter());
    expect(again.orderView(ORDER)).toMatchObject({ origin: 'callCenter', salesOrderId: 'SO-000001' });
  });
});

describe('CH-3 / CC-22 header charges of a call-center order follow the header mode', () => {
  it('CH-3 a header mode of Standard ground charges freight on an order whose lines are shipped and picked up', () => {
    const e = chain();
    const small = order({ lines: [{ ...order().lines[0]!, productId: 'P-SOCKS', unitPrice: PRICE.SOCKS }, order().lines[1]!], payments: [] });
    submit(e, small);
    expect(e.orderView(ORDER).charges).toEqual([expect.objectContaining({ level: 'header', chargeCode: 'FREIGHT', amount: 995 })]);
    // The same lines at a till (no header mode): mixed modes, so no header charge (CH-3 in POS).
    const lines = small.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, modeCode: l.modeCode, value: l.unitPrice * l.quantity }));
    const customer = e.catalog.config.customers.find((c) => c.accountId === 'C-ANNA')!;
    expect(computeAutoCharges({ config: e.catalog.config, storeId: 'S1', customer, lines })).toEqual([]);
  });

  it('CH-3 a header mode of Express air takes no ground freight, whatever the lines; the agent\'s manual charge is kept', () => {
    const e = chain();
    const express = order({ header: { modeCode: 'EXP' }, payments: [], charges: [{ level: 'line', lineId: LAMP, chargeCode: 'GIFTWRAP', amount: 300 }] });
    submit(e, express);
    expect(e.orderView(ORDER).charges).toEqual([expect.objectContaining({ level: 'line', lineId: LAMP, chargeCode: 'GIFTWRAP', amount: 300, source: 'manual' })]);
  });
});

describe('CC-21 / CO-10 the POS fulfils and returns call-center orders, never cancels them, edits them only without completion', () => {
  it('CC-21 the till refuses to cancel a call-center order and, with order completion on, to edit it (CO-10)', () => {
    const e = chain();
    submit(e);
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'cancel' })).toMatchObject({ rule: 'CC-21', field: 'orderId' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'edit' })).toMatchObject({ rule: 'CO-10', field: 'orderId' });
    // CO-14: the till's order screen shows the same, with the reason, and offers the pickup.
    expect(orderOperationsAt(e.store.parts, ORDER, 'S1')).toMatchObject({
      edit: { offered: false, rule: 'CO-10' }, cancel: { offered: false, rule: 'CC-21' }, pickup: { offered: true }, fulfil: { offered: true },
    });
  });

  it('CO-10 without order completion the till may edit a call-center order, and still never cancels it (CC-21)', () => {
    const e = chain(false);
    submit(e, order({ payments: [] }));
    expect(e.orderView(ORDER)).toMatchObject({ origin: 'callCenter', orderCompletion: false });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'cancel' })).toMatchObject({ rule: 'CC-21' });
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'edit' })).toMatchObject({ orderId: ORDER });
  });

  it('CC-21 the warehouse ships it, the store hands over its pickup line at the till, and the till takes a return', () => {
    const e = chain();
    submit(e);
    const picker = { locationId: 'W1', operatorId: 'lead1' };
    ok(e, { type: 'fulfillment.pick', ...picker, lines: [{ orderId: ORDER, lineId: TENT, quantity: 1 }] });
    ok(e, { type: 'fulfillment.pack', ...picker, orderId: ORDER, lines: [{ lineId: TENT, quantity: 1 }] });
    expect(ok(e, { type: 'fulfillment.ship', ...picker, orderId: ORDER, lines: [{ lineId: TENT, quantity: 1 }] })).toMatchObject({ invoiceId: expect.any(String) });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'pickup', lines: [{ lineId: LAMP, quantity: 1 }] });
    tenderDue(e, 'R1');
    expect(e.orderView(ORDER).lines.map((l) => [l.lineId, l.progress.invoiced])).toEqual([[TENT, 1], [LAMP, 1]]);
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: ORDER } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP, quantity: 1, reasonCode: 'DAMAGED' }] });
    expect(tenderDue(e, 'R1')).toMatchObject({ rmaNumber: expect.any(String) });
    expect(e.orderView(ORDER).lines.find((l) => l.lineId === LAMP)!.progress.returned).toBe(1);
  });
});

describe('CC-2 / SY-4 the order reaches its store exactly once', () => {
  /** A chain whose deliveries wait in `held` until the test delivers them. */
  function heldChain(): { e: Chain; held: Delivery[] } {
    const held: Delivery[] = [];
    const e = Chain.create(chainConfig(withCallCenter()), { seed: 1, transport: () => ({ send: (d) => { held.push(d); } }) });
    return { e, held };
  }

  it('CC-2 the push and 1010\'s package, reordered and each delivered twice, leave one order with its lines listed once', () => {
    const { e, held } = heldChain();
    submit(e);
    runJob(e, '1010');
    expect(e.hasOrder(ORDER)).toBe(false);
    const deliveries = held.splice(0).reverse();
    for (const d of [...deliveries, ...deliveries]) e.deliver(d);
    expect(e.orderIds()).toEqual([ORDER]);
    expect(listed(e, 'W1')).toEqual([[TENT, 'Accepted']]);
    expect(listed(e, 'S1', 'forPickup')).toEqual([[LAMP, 'Accepted']]);
    // Each store applies one package (S1 the push or 1010's, whichever came first); the rest is stale (SY-4).
    const stores = new Set(deliveries.map((d) => d.storeId)).size;
    expect(deliveries.filter((d) => d.storeId === 'S1')).toHaveLength(2);
    expect(e.deliveries).toEqual({ delivered: stores, lost: 0, refused: deliveries.length * 2 - stores });
  });

  it('SY-4 a store offline at submission gets the order with the next 1010 run once it is back', () => {
    const e = chain();
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'offline' });
    expect(submit(e)).toMatchObject({ salesOrderId: 'SO-000001', sentToStore: false });
    expect(e.hasOrder(ORDER)).toBe(false);
    runJob(e, '1010');
    expect(e.hasOrder(ORDER)).toBe(false);
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'online' });
    runJob(e, '1010');
    expect(e.orderView(ORDER)).toMatchObject({ origin: 'callCenter', salesOrderId: 'SO-000001' });
    expect(listed(e, 'S1', 'forPickup')).toEqual([[LAMP, 'Accepted']]);
  });

  it('CC-2 a submission sent again takes nothing twice; another order under a taken number is refused (CONFLICT)', () => {
    const e = chain();
    submit(e);
    expect(submit(e)).toMatchObject({ salesOrderId: 'SO-000001', sentToStore: false });
    expect(Object.keys(e.backOffice().salesOrders)).toEqual(['SO-000001']);
    const other = order({ lines: [order().lines[1]!] });
    expect(refused(e, { type: 'callCenter.submitOrder', order: other })).toMatchObject({ rule: 'CONFLICT', field: 'order.orderId' });
  });
});
