/**
 * CC-21 cancel propagation (issue 12): the call center is the only place a call-center order is cancelled, and its
 * cancel reaches the rest of the chain in one journaled desk command: headquarters' sales order (payments refunded or
 * voided, nothing charged), the coupons the order redeemed (CC-13), the memberships it made (CC-15) and, with the
 * distribution package pushed at once (SY-4), the owning store's order and its locations' lists. Refused, with
 * nothing changed anywhere, once headquarters knows the store has started on the order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AcceptedEntry, Chain, ChainChange } from '../../engine/chain.ts';
import { cancelsRefusedByStores, salesOrderOf } from '../../engine/domain/headquarters.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { step, tentOrder, withDesk } from './call-center-desk-helpers.ts';
import { chainConfig, listed, newEngine, ok, openShift, refused, restart, startSale, tenderDue, type Mutator } from './engine-helpers.ts';
import demoChain from '../../scenarios/demo-chain.json' with { type: 'json' };

/** The desk's call center with the demo chain's snack club (P-CLUB, a continuity parent item) as well. */
const withClub: Mutator = (c) => {
  withDesk()(c);
  const known = new Set(c.products.map((p) => p.id));
  for (const product of demoChain.products) if (!known.has(product.id)) c.products.push(structuredClone(product) as never);
  Object.assign(c.callCenters![0]!, { continuity: structuredClone(demoChain.callCenters[0]!.continuity) });
};

const deskView = (e: Chain, orderId: string) => e.headquarters.callCenter.orderView(orderId)!;

/** The tent order with coupon SAVE10 on its summary, paid in full by card, submitted (a sales order, at S1). */
function submittedTent(e: Chain, options: { by?: string; coupon?: boolean; customerId?: string } = {}): string {
  const by = options.by ?? 'agent1';
  const orderId = options.customerId === undefined ? tentOrder(e, by) : calsTent(e, by, options.customerId);
  if (options.coupon !== false) step(e, 'callCenter.enterCoupon', orderId, { by, couponCode: 'SAVE10' });
  step(e, 'callCenter.complete', orderId, { by });
  step(e, 'callCenter.addPayment', orderId, { by, methodId: 'CARD', percent: 10_000, cardToken: `TOK-${by}` });
  step(e, 'callCenter.submit', orderId, { by });
  return orderId;
}

/** The tent order for another customer (tentOrder takes Anna's). */
function calsTent(e: Chain, by: string, customerId: string): string {
  const { orderId } = ok(e, { type: 'callCenter.startOrder', operatorId: by, customerId }) as { orderId: string };
  step(e, 'callCenter.addLine', orderId, { by, productId: 'P-TENT', quantity: 1, modeCode: 'STD' });
  return orderId;
}

const cancel = (e: Chain, orderId: string, by = 'agent1') => step(e, 'callCenter.cancel', orderId, { by });

describe('CC-21 the call center cancels its orders, and the cancel reaches headquarters and the store', () => {
  it('CC-21 an order cancelled before it is submitted never reaches headquarters or the store', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    const version = e.backOffice().version;
    expect(cancel(e, orderId)).toMatchObject({ couponsReleased: [], order: { state: 'cancelled' } });
    expect(salesOrderOf(e.backOffice(), orderId)).toBeUndefined();
    expect(e.backOffice().version).toBe(version);
    ok(e, { type: 'headquarters.runJob', job: '1010' });
    expect(e.hasOrder(orderId)).toBe(false);
  });

  it('CC-21 a cancelled order cannot be cancelled again (refused, naming the order)', () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e);
    cancel(e, orderId);
    expect(refused(e, { type: 'callCenter.cancel', operatorId: 'agent1', orderId })).toMatchObject({ field: 'orderId' });
  });

  it('CC-21 cancelled after submit but before distribution: headquarters cancels it and the store never creates it', () => {
    const e = newEngine(withDesk());
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'offline' });
    const orderId = submittedTent(e);
    expect(e.hasOrder(orderId)).toBe(false);
    expect(cancel(e, orderId)).toMatchObject({ cancelledAtHeadquarters: true, storeId: 'S1', sentToStore: false });
    expect(salesOrderOf(e.backOffice(), orderId)!.cancelled).toMatchObject({ by: 'agent1', refusedByStore: false });
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'online' });
    ok(e, { type: 'headquarters.runJob', job: '1010' });
    expect(e.hasOrder(orderId)).toBe(false);
    expect(listed(e, 'W1')).toEqual([]);
    expect(e.linkView('S1').appliedVersion).toBe(e.backOffice().version);
  });

  it('CC-21 cancelled after distribution: the store cancels its order, its lines leave the lists, headquarters voids the card', () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e, { coupon: false });
    expect(listed(e, 'W1')).toEqual([[`${orderId}-1`, 'Accepted']]);
    const changes: ChainChange[] = [];
    e.onChange((change) => changes.push(change));
    expect(cancel(e, orderId)).toMatchObject({ cancelledAtHeadquarters: true, sentToStore: { orders: 1 }, payments: [{ outcome: 'voided' }] });
    expect(e.orderView(orderId)).toMatchObject({ origin: 'callCenter', headerStatus: 'Cancelled' });
    expect(listed(e, 'W1')).toEqual([]);
    // The store's live views hear of it in the same command (the fulfilment screen of W1).
    expect(changes.some((c) => c.engine === 'store' && c.locations.has('W1'))).toBe(true);
    const salesOrder = salesOrderOf(e.backOffice(), orderId)!;
    expect(salesOrder.cancelled!.payments).toEqual([{ paymentId: `${orderId}-P1`, amount: salesOrder.callCenter!.order.payments[0]!.amount, outcome: 'voided' }]);
    expect(deskView(e, orderId)).toMatchObject({ state: 'cancelled' });
  });

  it('CC-21 a prepaid order\'s captured payment is refunded at headquarters, and a pickup line leaves the pickup board', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    step(e, 'callCenter.addLine', orderId, { productId: 'P-LAMP', quantity: 1, modeCode: 'PICKUP', locationId: 'S1' });
    step(e, 'callCenter.complete', orderId);
    step(e, 'callCenter.addPayment', orderId, { methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA', prepay: true });
    step(e, 'callCenter.submit', orderId);
    expect(listed(e, 'S1', 'forPickup')).toEqual([[`${orderId}-2`, 'Accepted']]);
    expect(cancel(e, orderId)).toMatchObject({ payments: [{ outcome: 'refunded' }] });
    expect(listed(e, 'S1', 'forPickup')).toEqual([]);
    expect(e.orderView(orderId)).toMatchObject({ headerStatus: 'Cancelled' });
  });

  it('CC-21 / CC-13 the cancel gives the order\'s one-time coupon back: another customer\'s order can redeem it', () => {
    const e = newEngine(withDesk());
    const first = submittedTent(e);
    expect(cancel(e, first)).toMatchObject({ couponsReleased: ['SAVE10'] });
    const second = submittedTent(e, { by: 'agent2', customerId: 'C-CAL' });
    expect(deskView(e, second)).toMatchObject({ state: 'submitted', salesOrderId: expect.any(String) });
    expect(e.headquarters.callCenter.couponLedger.byCoupon.SAVE10!.map((r) => [r.orderId, r.customerId, r.releasedAt === null])).toEqual([[first, 'C-ANNA', false], [second, 'C-CAL', true]]);
  });

  it('CC-21 / CC-15 the memberships the order made are cancelled with it: no child orders follow', () => {
    const e = newEngine(withClub);
    const orderId = tentOrder(e);
    step(e, 'callCenter.addLine', orderId, { productId: 'P-CLUB', quantity: 1 });
    step(e, 'callCenter.complete', orderId);
    step(e, 'callCenter.addPayment', orderId, { methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' });
    step(e, 'callCenter.submit', orderId);
    expect(e.headquarters.continuity.view()).toMatchObject([{ parentOrderId: orderId, status: 'active' }]);
    expect(cancel(e, orderId)).toMatchObject({ enrolmentsCancelled: [`EN-${orderId}-2`] });
    expect(e.headquarters.continuity.view()).toMatchObject([{ parentOrderId: orderId, status: 'cancelled' }]);
  });

  it('CC-21 refused once headquarters knows the store has picked a line, with nothing changed anywhere', () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e);
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'lead1', lines: [{ orderId, lineId: `${orderId}-1`, quantity: 1 }] });
    for (const job of ['P-job', 'synchronizeOrders'] as const) ok(e, { type: 'headquarters.runJob', job });
    const journal: AcceptedEntry[] = [];
    e.onAccepted((entry) => journal.push(entry));
    const before = JSON.stringify(e.exportState());
    expect(refused(e, { type: 'callCenter.cancel', operatorId: 'agent1', orderId })).toEqual({
      rule: 'CC-21', field: 'orderId', message: 'The store has already picked this order; it can no longer be cancelled from the call center.',
    });
    expect(JSON.stringify(e.exportState())).toBe(before);
    expect(journal).toEqual([]);
    expect(deskView(e, orderId).state).toBe('submitted');
  });

  it('CC-21 a store that started before the cancel reached it keeps the order; headquarters counts the refusal', () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e);
    // Picked at the warehouse, but headquarters has not heard yet (no P-job): the call center's cancel is taken.
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'lead1', lines: [{ orderId, lineId: `${orderId}-1`, quantity: 1 }] });
    expect(cancel(e, orderId)).toMatchObject({ cancelledAtHeadquarters: true, sentToStore: { orders: 1 } });
    expect(e.orderView(orderId).headerStatus).not.toBe('Cancelled');
    expect(cancelsRefusedByStores(e.backOffice())).toBe(0);
    for (const job of ['P-job', 'synchronizeOrders'] as const) ok(e, { type: 'headquarters.runJob', job });
    expect(cancelsRefusedByStores(e.backOffice())).toBe(1);
    expect(salesOrderOf(e.backOffice(), orderId)!.cancelled!.refusedByStore).toBe(true);
  });

  it('CC-21 a package cancels only a call-center order: a store\'s own order stays open (the cancel counted as refused)', () => {
    const e = newEngine(withDesk());
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    const [own] = e.orderIds();
    const forged = {
      salesOrderId: 'SO-999999', storeId: 'S1', acceptedAt: e.now, customer: e.customerView('C-ANNA').record, cancelledAt: e.now,
      order: { orderId: own, callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA', header: { modeCode: 'PICKUP' }, lines: [{ lineId: `${own}-1`, productId: 'P-LAMP', quantity: 1, unitPrice: 2499, modeCode: 'PICKUP', locationId: 'S1' }] },
    };
    const pkg = { version: e.linkView('S1').appliedVersion + 1, customers: [], orders: [], callCenterOrders: [forged] };
    // As the package arrives at the store (a delivery, not a chain command).
    expect(e.store.executeNow({ type: 'sync.applyDistribution', storeId: 'S1', package: pkg })).toMatchObject({ ok: true, result: { callCenterOrders: { cancelled: 0, cancelRefused: 1 } } });
    expect(e.orderView(own!).headerStatus).toBe('Open');
  });

  it('CC-21 the POS still never cancels a call-center order', () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e);
    openShift(e, 'R1', 'cashier1');
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'cancel' })).toMatchObject({ rule: 'CC-21' });
  });

  it('CC-21 durability: the cancel is one journaled command; after a restart the order stays cancelled everywhere', async () => {
    const e = newEngine(withDesk());
    const orderId = submittedTent(e);
    cancel(e, orderId);
    const again = restart(e, withDesk());
    expect(deskView(again, orderId).state).toBe('cancelled');
    expect(again.orderView(orderId).headerStatus).toBe('Cancelled');

    const dir = await mkdtemp(join(tmpdir(), 'cc-cancel-'));
    try {
      const durable = await DurableChain.open(dir, { config: chainConfig(withDesk()) });
      // A lamp to pick up at S1, prepaid by card: taken, submitted and cancelled, each step journaled.
      const lamp = { operatorId: 'agent1', orderId: 'CC-000001' };
      const taken = [
        { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' },
        { type: 'callCenter.addLine', ...lamp, productId: 'P-LAMP', quantity: 1, modeCode: 'PICKUP', locationId: 'S1' },
        { type: 'callCenter.complete', ...lamp },
        { type: 'callCenter.addPayment', ...lamp, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-1', prepay: true },
        { type: 'callCenter.submit', ...lamp },
      ];
      for (const command of taken) expect((await durable.execute(command)).ok, command.type).toBe(true);
      expect(await durable.execute({ type: 'callCenter.cancel', ...lamp })).toMatchObject({ ok: true, result: { cancelledAtHeadquarters: true, payments: [{ outcome: 'refunded' }] } });
      const before = JSON.stringify(durable.chain.exportState());
      await durable.close();
      const reopened = await DurableChain.open(dir);
      try {
        expect(JSON.stringify(reopened.chain.exportState())).toBe(before);
        expect(deskView(reopened.chain, 'CC-000001').state).toBe('cancelled');
        expect(reopened.chain.orderView('CC-000001').headerStatus).toBe('Cancelled');
        expect(salesOrderOf(reopened.chain.backOffice(), 'CC-000001')!.cancelled).toMatchObject({ by: 'agent1' });
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
