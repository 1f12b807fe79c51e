/** Issue 13 / SM-12: a store order's documents from the states headquarters received of it. */
import { describe, expect, it } from 'vitest';
import type { OrderSummary, StoreInvoiceSummary } from '../../../engine/domain/channel-transactions.ts';
import { storeDocuments, type ReceivedOrderState } from '../../../engine/domain/sales/store-documents.ts';

const lamp = { lineId: 'L1', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, delivery: 'pickup', modeCode: 'PICKUP', locationId: 'S1', invoiced: 0, returned: 0 } as const;
const socks = { ...lamp, lineId: 'L2', productId: 'P-SOCKS', unitPrice: 1299, delivery: 'ship', modeCode: 'STD', locationId: 'W1' } as const;
const order = (invoiced: [number, number], invoices?: StoreInvoiceSummary[]): OrderSummary => ({
  orderId: 'CO-1', channelReference: 'S1-CO-1', storeId: 'S1', customerId: 'C-ANNA', createdAt: 0, orderType: 'customerOrder', status: 'Open', paymentStatus: 'Paid',
  lines: [{ ...lamp, invoiced: invoiced[0] }, { ...socks, invoiced: invoiced[1] }], total: 4178, invoiced: invoiced[0] * 2749 + invoiced[1] * 1429, paid: 4178, returned: 0,
  ...(invoices === undefined ? {} : { invoices }),
});
const pickedUp: StoreInvoiceSummary = { invoiceId: 'INV-1', kind: 'pickup', lines: [{ lineId: 'L1', productId: 'P-LAMP', quantity: 1, amount: 2749 }], total: 2749 };
const shipped: StoreInvoiceSummary = { invoiceId: 'INV-2', kind: 'ship', lines: [{ lineId: 'L2', productId: 'P-SOCKS', quantity: 1, amount: 1429 }], total: 1429 };

describe('a store order\'s documents at headquarters', () => {
  it('SM-12 the store\'s invoices, each dated when first received, a shipment\'s packing slip before its invoice; older states without them count for nothing', () => {
    const states: ReceivedOrderState[] = [
      { revision: 2, at: 300, order: order([1, 1], [pickedUp, shipped]) },
      { revision: 0, at: 100, order: order([0, 0]) },
      { revision: 1, at: 200, order: order([1, 0], [pickedUp]) },
    ];
    expect(storeDocuments(states)).toEqual([
      { number: 'INV-1', at: 200, deliveries: ['pickup'], slipOf: null, lines: [{ lineId: 'L1', productId: 'P-LAMP', quantity: 1 }], amount: 2749 },
      { number: 'INV-2', at: 300, deliveries: ['ship'], slipOf: 'INV-2', lines: [{ lineId: 'L2', productId: 'P-SOCKS', quantity: 1 }], amount: 1429 },
      { number: 'INV-2', at: 300, deliveries: ['ship'], slipOf: null, lines: [{ lineId: 'L2', productId: 'P-SOCKS', quantity: 1 }], amount: 1429 },
    ]);
  });

  it('SM-12 states sent without invoices: each state that invoiced more is one invoice, numbered by reference and revision', () => {
    const states: ReceivedOrderState[] = [
      { revision: 0, at: 100, order: order([0, 0]) }, { revision: 4, at: 200, order: order([1, 0]) }, { revision: 7, at: 300, order: order([1, 0]) },
      { revision: 9, at: 400, order: order([1, 1]) },
    ];
    expect(storeDocuments(states).map((d) => [d.number, d.at, d.deliveries, d.slipOf, d.amount])).toEqual([
      ['S1-CO-1/4', 200, ['pickup'], null, 2749], ['S1-CO-1/9', 400, ['ship'], null, 1429],
    ]);
  });
});
