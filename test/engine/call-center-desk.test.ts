/**
 * The agent's desk at headquarters: an order taken step by step as an actor of the call-center order machine
 * (CC-2..CC-13, CC-16..CC-19, CC-22), every step journaled at headquarters and restored to the same state, a submit
 * that releases the order making it a sales order at its store at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { step, tentOrder, withDesk } from './call-center-desk-helpers.ts';
import { chainConfig, listed, newEngine, ok, refused, restart } from './engine-helpers.ts';

const view = (e: Chain, orderId: string) => e.headquarters.callCenter.orderView(orderId)!;

/** The tent order on its summary, paid in full by card `token`. */
function paidTent(e: Chain, token = 'TOK-ANNA', by = 'agent1'): string {
  const orderId = tentOrder(e, by);
  step(e, 'callCenter.complete', orderId, { by });
  step(e, 'callCenter.addPayment', orderId, { by, methodId: 'CARD', percent: 10_000, cardToken: token });
  return orderId;
}

describe('CC-2 the operator\'s call center is the order\'s channel', () => {
  it('CC-2 an agent starts an order in their call center; a non-member is refused and told it is a plain sales order', () => {
    const e = newEngine(withDesk());
    expect(ok(e, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' })).toMatchObject({ orderId: 'CC-000001', callCenterId: 'CC1', order: { detailStatus: 'Open', customerName: expect.any(String) } });
    expect(refused(e, { type: 'callCenter.startOrder', operatorId: 'cashier1', customerId: 'C-ANNA' })).toMatchObject({ rule: 'CC-2', field: 'operatorId', message: expect.stringContaining('plain sales orders') });
    expect(refused(e, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-NOBODY' })).toMatchObject({ rule: 'NOT_FOUND', field: 'customerId' });
    expect(refused(e, { type: 'callCenter.startOrder', operatorId: 'agent1' })).toMatchObject({ rule: 'VALIDATION', field: 'customerId' });
  });
});

describe('CC-4 / CC-5 / CC-22 header and prices', () => {
  it('CC-4 a source code prices the catalog\'s items (CC-5) and says why; an expired catalog\'s code is refused', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    expect(view(e, orderId).lines[0]).toMatchObject({ productId: 'P-TENT', unitPrice: 18_000, priceSource: 'catalog', sourceCode: 'SPRING', locationId: 'W1' });
    const added = step(e, 'callCenter.addLine', orderId, { productId: 'P-SOCKS', quantity: 2 });
    expect(added).toMatchObject({ price: { source: 'base', why: expect.stringContaining('not in catalog') } });
    expect(refused(e, { type: 'callCenter.setHeader', operatorId: 'agent1', orderId, sourceCode: 'WINTER' })).toMatchObject({ rule: 'CC-4', field: 'sourceCode' });
  });

  it('CC-22 a new header mode moves the lines only when the agent says so; a mode outside the channel is refused', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    step(e, 'callCenter.setHeader', orderId, { modeCode: 'EXP' });
    expect(view(e, orderId).lines[0]!.modeCode).toBe('STD');
    step(e, 'callCenter.setHeader', orderId, { modeCode: 'EXP', updateLines: true });
    expect(view(e, orderId).lines[0]!.modeCode).toBe('EXP');
    expect(refused(e, { type: 'callCenter.setHeader', operatorId: 'agent1', orderId, modeCode: 'CARRY' })).toMatchObject({ rule: 'CC-22', field: 'modeCode' });
  });

  it('CC-3 line steps name the line; a pickup line names its store (CC-22)', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    expect(refused(e, { type: 'callCenter.changeLine', operatorId: 'agent1', orderId, lineId: 'CC-000001-9', quantity: 2 })).toMatchObject({ rule: 'NOT_FOUND', field: 'lineId' });
    expect(refused(e, { type: 'callCenter.addLine', operatorId: 'agent1', orderId, productId: 'P-LAMP', quantity: 1, modeCode: 'PICKUP' })).toMatchObject({ rule: 'CC-22', field: 'locationId' });
    expect(refused(e, { type: 'callCenter.addLine', operatorId: 'agent1', orderId, productId: 'P-LAMP', quantity: 0 })).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    step(e, 'callCenter.addLine', orderId, { productId: 'P-LAMP', quantity: 1, modeCode: 'PICKUP', locationId: 'S1' });
    step(e, 'callCenter.changeLine', orderId, { lineId: 'CC-000001-2', quantity: 3 });
    step(e, 'callCenter.removeLine', orderId, { lineId: 'CC-000001-1' });
    expect(view(e, orderId).lines.map((l) => [l.lineId, l.quantity, l.locationId])).toEqual([['CC-000001-2', 3, 'S1']]);
  });
});

describe('CC-10 / CC-11 guided selling', () => {
  it('CC-10 CC-11 a line brings its scripts and offers; a cross-sell adds the offered item, an up-sell replaces the line\'s', () => {
    const e = newEngine(withDesk());
    const { orderId } = ok(e, { type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' }) as { orderId: string };
    step(e, 'callCenter.setHeader', orderId, { sourceCode: 'SPRING', modeCode: 'STD' });
    const tent = step(e, 'callCenter.addLine', orderId, { productId: 'P-TENT', quantity: 1 });
    expect(tent.scripts).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'The tent sleeps four.' }), expect.objectContaining({ text: 'A lamp for the tent?' })]));
    expect(tent.offers).toEqual([expect.objectContaining({ lineId: 'CC-000001-1', suggestion: expect.objectContaining({ kind: 'crossSell', suggestedProductId: 'P-LAMP' }) })]);
    // The screens' shape of the same answer (ui/call-center-desk.ts): the prompt and the view with its CC-10 scripts.
    expect(tent).toMatchObject({ prompt: { offers: tent.offers }, view: { beginningScripts: [{ text: 'Thank you for ordering from our spring catalog.' }], itemNames: { 'P-TENT': expect.any(String) }, detailStatus: 'Open' } });
    step(e, 'callCenter.acceptOffer', orderId, { lineId: 'CC-000001-1', suggestedProductId: 'P-LAMP' });
    step(e, 'callCenter.addLine', orderId, { productId: 'P-SOCKS', quantity: 2 });
    expect(refused(e, { type: 'callCenter.acceptOffer', operatorId: 'agent1', orderId, lineId: 'CC-000001-3', suggestedProductId: 'P-TENT' })).toMatchObject({ rule: 'CC-11', field: 'suggestedProductId' });
    step(e, 'callCenter.acceptOffer', orderId, { lineId: 'CC-000001-3', suggestedProductId: 'P-STOVE' });
    expect(view(e, orderId).lines.map((l) => [l.productId, l.quantity])).toEqual([['P-TENT', 1], ['P-LAMP', 1], ['P-STOVE', 2]]);
  });
});

describe('CC-13 coupons against headquarters\' ledger', () => {
  it('CC-13 a coupon takes its discount off the summary; an unknown one is refused naming the code', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    expect(step(e, 'callCenter.enterCoupon', orderId, { couponCode: 'save10' })).toMatchObject({ couponCode: 'SAVE10', applied: true, discount: 1000 });
    expect(view(e, orderId).summary).toMatchObject({ discounts: 1000 });
    expect(refused(e, { type: 'callCenter.enterCoupon', operatorId: 'agent1', orderId, couponCode: 'NOPE' })).toMatchObject({ rule: 'CC-13', field: 'couponCode' });
    step(e, 'callCenter.removeCoupon', orderId, { couponCode: 'SAVE10' });
    expect(view(e, orderId).summary).toMatchObject({ discounts: 0 });
  });

  it('CC-13 a coupon\'s discount reaches the store: it charges what the summary said, to the cent', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    step(e, 'callCenter.changeLine', orderId, { lineId: `${orderId}-1`, quantity: 3 });
    step(e, 'callCenter.enterCoupon', orderId, { couponCode: 'SAVE10' });
    step(e, 'callCenter.complete', orderId);
    step(e, 'callCenter.addPayment', orderId, { methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' });
    const summary = view(e, orderId).summary;
    expect(summary).toMatchObject({ subtotal: 54_000, discounts: 1000 });
    step(e, 'callCenter.submit', orderId);
    // 530.00 for three tents does not divide: one at 176.66 and two at 176.67, each taxed as the store taxes a line.
    const atStore = e.orderView(orderId);
    expect(atStore.lines.map((l) => [l.lineId, l.quantity, l.unitPrice])).toEqual([[`${orderId}-1`, 1, 17_666], [`${orderId}-1.2`, 2, 17_667]]);
    expect(atStore.totals.total).toBe(summary.total);
    expect(salesOrderOf(e.backOffice(), orderId)!.order.total).toBe(summary.total);
  });

  it('CC-13 a one-time coupon never redeems twice, even for two agents racing to submit', () => {
    const e = newEngine(withDesk());
    const first = tentOrder(e, 'agent1');
    const second = tentOrder(e, 'agent2');
    // Both enter it before either submits: each entry check reads a ledger with no redemption yet.
    step(e, 'callCenter.enterCoupon', first, { couponCode: 'SAVE10' });
    step(e, 'callCenter.enterCoupon', second, { by: 'agent2', couponCode: 'SAVE10' });
    for (const [orderId, by] of [[first, 'agent1'], [second, 'agent2']] as const) {
      step(e, 'callCenter.complete', orderId, { by });
      step(e, 'callCenter.addPayment', orderId, { by, methodId: 'CARD', percent: 10_000, cardToken: `TOK-${by}` });
    }
    expect(step(e, 'callCenter.submit', first)).toMatchObject({ released: true });
    expect(refused(e, { type: 'callCenter.submit', operatorId: 'agent2', orderId: second })).toMatchObject({ rule: 'CC-13', field: 'couponCode' });
    expect(e.headquarters.callCenter.couponLedger.byCoupon.SAVE10).toHaveLength(1);
    expect(view(e, second).detailStatus).toBe('Open');
  });
});

describe('CC-6 / CC-8 / CC-9 completion, payments and submit', () => {
  it('CC-9 an approved order becomes a sales order and reaches its warehouse at once (CC-2)', () => {
    const e = newEngine(withDesk());
    const orderId = paidTent(e);
    expect(view(e, orderId)).toMatchObject({ state: 'summary', summary: { total: expect.any(Number), balance: 0 } });
    const submitted = step(e, 'callCenter.submit', orderId);
    expect(submitted).toMatchObject({ released: true, salesOrderId: 'SO-000001', storeId: 'S1', order: { detailStatus: 'Submitted', paymentStatus: 'Approved', payments: [{ status: 'Authorized' }] } });
    expect(salesOrderOf(e.backOffice(), orderId)).toMatchObject({ createdVia: 'callCenter' });
    expect(listed(e, 'W1')).toEqual([[`${orderId}-1`, 'Accepted']]);
  });

  it('CC-9 a declined card leaves the order Do not process and not a sales order; a new card submits it', () => {
    const e = newEngine(withDesk());
    const orderId = paidTent(e, 'DECLINE-0001');
    expect(step(e, 'callCenter.submit', orderId)).toMatchObject({ released: false, order: { detailStatus: 'Do not process', paymentStatus: 'Declined', payments: [{ status: 'Not authorized' }] } });
    expect(salesOrderOf(e.backOffice(), orderId)).toBeUndefined();
    step(e, 'callCenter.removePayment', orderId, { paymentId: `${orderId}-P1` });
    step(e, 'callCenter.addPayment', orderId, { methodId: 'CARD', percent: 10_000, cardToken: 'TOK-GOOD' });
    expect(step(e, 'callCenter.submit', orderId)).toMatchObject({ released: true });
  });

  it('CC-6 CC-8 payments are taken only on the summary; a method outside the channel is refused', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    expect(refused(e, { type: 'callCenter.addPayment', operatorId: 'agent1', orderId, methodId: 'CARD', percent: 10_000 })).toMatchObject({ rule: 'CC-7' });
    step(e, 'callCenter.complete', orderId);
    expect(refused(e, { type: 'callCenter.addPayment', operatorId: 'agent1', orderId, methodId: 'VOUCHER', amount: 100 })).toMatchObject({ rule: 'CC-8', field: 'methodId' });
    expect(refused(e, { type: 'callCenter.addPayment', operatorId: 'agent1', orderId, methodId: 'CARD' })).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
  });

  it('CC-7 an order with lines cannot simply be left: the summary opens; cancel ends it', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e);
    expect(step(e, 'callCenter.leave', orderId)).toMatchObject({ order: { state: 'summary' } });
    expect(step(e, 'callCenter.cancel', orderId, { note: 'customer changed their mind' })).toMatchObject({ order: { state: 'cancelled', detailStatus: 'Cancelled' } });
    expect(refused(e, { type: 'callCenter.addLine', operatorId: 'agent1', orderId, productId: 'P-LAMP', quantity: 1 })).toMatchObject({ field: 'orderId' });
  });
});

describe('CC-16 .. CC-19 holds', () => {
  it('CC-17 CC-19 a held order is released by a supervisor\'s clear-and-submit; an agent may not use a supervisor\'s code (CC-16)', () => {
    const e = newEngine(withDesk());
    const orderId = paidTent(e);
    expect(refused(e, { type: 'callCenter.hold', operatorId: 'agent1', orderId, code: 'FRAUD-CHECK' })).toMatchObject({ rule: 'CC-16' });
    const held = step(e, 'callCenter.hold', orderId, { notes: 'customer will call back' });
    expect(held).toMatchObject({ holdId: `${orderId}-H1`, order: { detailStatus: 'On hold', holds: [{ code: 'DEFAULT', daysOnHold: 0 }] } });
    expect(refused(e, { type: 'callCenter.submit', operatorId: 'agent1', orderId })).toMatchObject({ rule: 'CC-17' });
    expect(step(e, 'callCenter.clearHold', orderId, { by: 'supervisor1', holdId: `${orderId}-H1`, variant: 'clearAndSubmit' })).toMatchObject({ released: true, order: { detailStatus: 'Submitted' } });
  });
});

describe('CC-20 price control', () => {
  it('CC-20 a price within the agent\'s tolerance applies; beyond it is refused; an agent of no group files a request a supervisor decides', () => {
    const e = newEngine(withDesk());
    const orderId = tentOrder(e, 'agent2');
    const line = `${orderId}-1`;
    expect(refused(e, { type: 'callCenter.changePrice', operatorId: 'agent2', orderId, lineId: line, unitPrice: 10_000 })).toMatchObject({ rule: 'CC-20', field: 'unitPrice' });
    expect(step(e, 'callCenter.changePrice', orderId, { by: 'agent2', lineId: line, unitPrice: 17_000 })).toMatchObject({ outcome: 'applied', order: { lines: [{ unitPrice: 17_000, priceSource: 'priceChange' }] } });

    const other = tentOrder(e, 'agent1');
    expect(step(e, 'callCenter.changePrice', other, { lineId: `${other}-1`, unitPrice: 15_000, reason: 'price match' })).toMatchObject({ outcome: 'request-filed', requestId: 'PCR-000001', order: { lines: [{ unitPrice: 18_000 }] } });
    expect(e.headquarters.callCenter.priceChangeRequests('CC1')).toEqual([expect.objectContaining({ requestId: 'PCR-000001', status: 'pending', systemPrice: 18_000, requestedPrice: 15_000 })]);
    expect(refused(e, { type: 'callCenter.approvePriceChange', operatorId: 'agent2', requestId: 'PCR-000001' })).toMatchObject({ rule: 'CC-20', field: 'operatorId' });
    expect(refused(e, { type: 'callCenter.rejectPriceChange', operatorId: 'supervisor1', requestId: 'PCR-000001' })).toMatchObject({ rule: 'VALIDATION', field: 'reason' });
    expect(ok(e, { type: 'callCenter.approvePriceChange', operatorId: 'supervisor1', requestId: 'PCR-000001' })).toMatchObject({ request: { status: 'approved', decidedBy: 'supervisor1' } });
    expect(view(e, other).lines[0]).toMatchObject({ unitPrice: 15_000, priceSource: 'priceChange' });
    expect(refused(e, { type: 'callCenter.rejectPriceChange', operatorId: 'supervisor1', requestId: 'PCR-000001', reason: 'too late' })).toMatchObject({ rule: 'CC-20', field: 'requestId' });
  });
});

describe('CC-18 check-out', () => {
  it('CC-18 a hold checked out by agent1 is refused to agent2 and cleared by a supervisor after taking it over', () => {
    const e = newEngine(withDesk());
    const orderId = paidTent(e);
    const holdId = step(e, 'callCenter.hold', orderId).holdId as string;
    expect(step(e, 'callCenter.checkOutHold', orderId, { holdId })).toMatchObject({ checkedOutBy: 'agent1', order: { holds: [{ checkedOut: { by: 'agent1' } }] } });
    expect(refused(e, { type: 'callCenter.checkOutHold', operatorId: 'agent2', orderId, holdId })).toMatchObject({ rule: 'CC-18' });
    expect(refused(e, { type: 'callCenter.clearHold', operatorId: 'agent2', orderId, holdId, variant: 'clear' })).toMatchObject({ rule: 'CC-18', field: 'holdId', message: expect.stringContaining('agent1') });
    expect(refused(e, { type: 'callCenter.overrideHold', operatorId: 'agent2', orderId, holdId })).toMatchObject({ rule: 'CC-18' });
    expect(refused(e, { type: 'callCenter.releaseHold', operatorId: 'agent2', orderId, holdId })).toMatchObject({ rule: 'CC-18' });
    step(e, 'callCenter.overrideHold', orderId, { by: 'supervisor1', holdId });
    expect(e.headquarters.callCenter.holdList('CC1')).toEqual([expect.objectContaining({ holdId, orderId, checkedOutBy: 'supervisor1', daysOnHold: 0, codeDescription: 'Held for review' })]);
    expect(step(e, 'callCenter.clearHold', orderId, { by: 'supervisor1', holdId, variant: 'submitWhenCleared' })).toMatchObject({ released: true });
    expect(e.headquarters.callCenter.holdList('CC1')).toEqual([]);
    expect(refused(e, { type: 'callCenter.checkOutHold', operatorId: 'agent1', orderId, holdId })).toMatchObject({ field: 'holdId' });
  });

  it('CC-17 days on hold count in the hold list; CC-23 customer service lists the customer\'s orders with the held one flagged', () => {
    const e = newEngine(withDesk());
    const held = paidTent(e);
    step(e, 'callCenter.hold', held);
    const submitted = paidTent(e);
    step(e, 'callCenter.submit', submitted);
    ok(e, { type: 'clock.advance', ms: 2 * 86_400_000 });
    expect(e.headquarters.callCenter.holdList()).toEqual([expect.objectContaining({ orderId: held, daysOnHold: 2 })]);
    const service = e.headquarters.callCenter.customerService('C-ANNA');
    expect(service.orders.map((o) => [o.orderId, o.detailStatus, o.held])).toEqual([[submitted, 'Submitted', false], [held, 'On hold', true]]);
    expect(service.orders[1]!.log.map((l) => l.kind)).toEqual(['created', 'held']);
  });
});

describe('durability: every desk step is journaled at headquarters and replays to the same state', () => {
  it('restores the desk from a plain export and from the journal after a restart', async () => {
    const e = newEngine(withDesk());
    const orderId = paidTent(e);
    // A coupon entered on the summary sends the order back to entry (its total changes): complete it again.
    step(e, 'callCenter.enterCoupon', orderId, { couponCode: 'SAVE10' });
    step(e, 'callCenter.complete', orderId);
    const held = paidTent(e);
    step(e, 'callCenter.checkOutHold', held, { holdId: step(e, 'callCenter.hold', held).holdId as string });
    const again = restart(e, withDesk());
    expect(view(again, orderId)).toEqual(view(e, orderId));
    expect(again.headquarters.callCenter.holdList()).toEqual(e.headquarters.callCenter.holdList());
    expect(again.headquarters.callCenter.holdList()[0]).toMatchObject({ checkedOutBy: 'agent1' });
    expect(step(again, 'callCenter.submit', orderId)).toMatchObject({ released: true });

    const dir = await mkdtemp(join(tmpdir(), 'cc-desk-'));
    try {
      const durable = await DurableChain.open(dir, { config: chainConfig(withDesk()) });
      const run = async (command: Record<string, unknown>) => {
        const result = await durable.execute(command);
        if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.message}`);
        return result.result;
      };
      const desk = { operatorId: 'agent1', orderId: 'CC-000001' };
      await run({ type: 'callCenter.startOrder', operatorId: 'agent1', customerId: 'C-ANNA' });
      await run({ type: 'callCenter.setHeader', ...desk, sourceCode: 'SPRING', modeCode: 'STD' });
      await run({ type: 'callCenter.addLine', ...desk, productId: 'P-TENT', quantity: 1 });
      await run({ type: 'callCenter.enterCoupon', ...desk, couponCode: 'SAVE10' });
      await run({ type: 'callCenter.complete', ...desk });
      await run({ type: 'callCenter.addPayment', ...desk, methodId: 'CARD', percent: 10_000, cardToken: 'DECLINE-1' });
      await run({ type: 'callCenter.submit', ...desk });
      await run({ type: 'callCenter.removePayment', ...desk, paymentId: 'CC-000001-P1' });
      await run({ type: 'callCenter.addPayment', ...desk, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-1' });
      expect(await run({ type: 'callCenter.submit', ...desk })).toMatchObject({ released: true });
      const before = JSON.stringify(durable.chain.exportState());
      await durable.close();
      const reopened = await DurableChain.open(dir);
      try {
        expect(JSON.stringify(reopened.chain.exportState())).toBe(before);
        expect(view(reopened.chain, 'CC-000001')).toMatchObject({ detailStatus: 'Submitted', salesOrderId: 'SO-000001' });
        expect(reopened.chain.headquarters.callCenter.couponLedger.byCoupon.SAVE10).toHaveLength(1);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
