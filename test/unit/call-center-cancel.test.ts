/**
 * CC-21 at headquarters (engine/domain/headquarters.ts): when the call center may still cancel a call-center sales
 * order, what the cancel does to its payments and to the next distribution package, and the store's answer counted.
 */
import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../engine/domain/channel-transactions.ts';
import type { SubmittedCallCenterOrder } from '../../engine/domain/call-center-submission.ts';
import {
  cancelCallCenterSalesOrder, cancelsRefusedByStores, checkCallCenterCancel, createSalesOrder, distributionFor, fulfilmentStartedAtStore, initialBackOffice,
  salesOrderOf, type BackOffice,
} from '../../engine/domain/headquarters.ts';
import { demoCatalog } from '../fixtures/chain.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ORDER = 'CC-000001';

const summary = (status: OrderSummary['status'] = 'Open', invoiced = 0): OrderSummary => ({
  orderId: ORDER, channelReference: ORDER, storeId: 'S1', customerId: 'C-ANNA', createdAt: T0, orderType: 'customerOrder', status,
  paymentStatus: 'PartiallyPaid', lines: [{ lineId: `${ORDER}-1`, productId: 'P-LAMP', quantity: 1, unitPrice: 2499, delivery: 'pickup', modeCode: 'PICKUP', locationId: 'S1', invoiced, returned: 0 }],
  total: 2749, invoiced: 0, paid: 1000, returned: 0,
});

const submitted: SubmittedCallCenterOrder = {
  orderId: ORDER, callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA', header: { modeCode: 'PICKUP' },
  lines: [{ lineId: `${ORDER}-1`, productId: 'P-LAMP', quantity: 1, unitPrice: 2499, modeCode: 'PICKUP', locationId: 'S1' }],
  charges: [],
  payments: [
    { paymentId: 'P1', method: 'CASH', amount: 1000, status: 'Paid' },
    { paymentId: 'P2', method: 'CARD', amount: 1749, status: 'Authorized', cardToken: 'TOK' },
  ],
};

/** Headquarters with the call-center order as its sales order SO-000001 (and a store's own order beside it). */
function office(): BackOffice {
  const start = initialBackOffice(demoCatalog(), T0);
  const withOrder = createSalesOrder(start, summary(), 'callCenter', T0, { customer: start.customers['C-ANNA']!.record, order: submitted });
  return createSalesOrder(withOrder, { ...summary(), orderId: 'CO-1', channelReference: 'S1-T-1' }, 'realtime', T0);
}

describe('CC-21 the call center may cancel until headquarters knows the store has started', () => {
  it.each([
    ['Open', 0, false], ['Rejected', 0, false], ['PartiallyPicked', 0, true], ['Picked', 0, true], ['PartiallyDelivered', 0, true],
    ['Delivered', 0, true], ['PartiallyInvoiced', 0, true], ['Invoiced', 0, true], ['Open', 1, true],
  ] as const)('CC-21 header status %s with %i invoiced: started = %s', (status, invoiced, started) => {
    expect(fulfilmentStartedAtStore(summary(status, invoiced))).toBe(started);
  });

  it('CC-21 refused once started, for an order cancelled already, and for a store\'s own order (naming the order)', () => {
    const o = office();
    expect(checkCallCenterCancel(o, ORDER)).toBeNull();
    expect(checkCallCenterCancel(o, 'S1-T-1')).toMatchObject({ rule: 'NOT_FOUND', field: 'orderId' });
    expect(checkCallCenterCancel(o, 'CC-NOPE')).toMatchObject({ rule: 'NOT_FOUND', field: 'orderId' });
    const picked = { ...o, salesOrders: { ...o.salesOrders, 'SO-000001': { ...o.salesOrders['SO-000001']!, order: summary('Picked') } } };
    expect(checkCallCenterCancel(picked, ORDER)).toMatchObject({ rule: 'CC-21', field: 'orderId', message: expect.stringContaining('already picked') });
    const cancelled = cancelCallCenterSalesOrder(office(), ORDER, 'agent1', T0 + 1);
    expect(checkCallCenterCancel(cancelled, ORDER)).toMatchObject({ rule: 'CC-21', field: 'orderId' });
  });
});

describe('CC-21 the cancel at headquarters', () => {
  it('CC-21 refunds the captured payment, voids the authorised card, charges nothing, and is the next package\'s news', () => {
    const before = office();
    const version = before.version;
    const after = cancelCallCenterSalesOrder(before, ORDER, 'agent1', T0 + 1);
    expect(salesOrderOf(after, ORDER)!.cancelled).toEqual({
      at: T0 + 1, by: 'agent1', refusedByStore: false,
      payments: [{ paymentId: 'P1', amount: 1000, outcome: 'refunded' }, { paymentId: 'P2', amount: 1749, outcome: 'voided' }],
    });
    expect(after.version).toBe(version + 1);
    const pkg = distributionFor(after, 'S1', version)!;
    expect(pkg.callCenterOrders).toMatchObject([{ salesOrderId: 'SO-000001', cancelledAt: T0 + 1, order: { orderId: ORDER } }]);
    expect(pkg.orders).toEqual([]);
    expect(cancelsRefusedByStores(after)).toBe(0);
  });
});
