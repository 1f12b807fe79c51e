/**
 * Issue 13, fit with the store channel: a store order's own invoices (and the packing slips of its shipments) reach
 * headquarters with the order's states and show in the office's order view under the store's invoice numbers.
 */
import { describe, expect, it } from 'vitest';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';
import type { Chain } from '../../engine/chain.ts';
import { ok, restart, runAllJobs, started, startSale, tenderDue } from './engine-helpers.ts';
import { withSalesOffice } from './sales-office-helpers.ts';

/** Anna's order at R1: the lamp picked up at S1, the socks shipped from W1; both invoiced, the P-job run after each. */
function shippedAndPickedUp(): { e: Chain; lamp: string; socks: string } {
  const e = started(withSalesOffice);
  const { lineIds: [lamp, socks] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }, { productId: 'P-SOCKS' }]);
  ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp!] });
  ok(e, { type: 'register.shipSelected', registerId: 'R1', lineIds: [socks!], modeCode: 'STD' });
  tenderDue(e, 'R1', { cardToken: 'tok_anna' });
  runAllJobs(e);
  ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: socks!, quantity: 1 }] });
  runAllJobs(e);
  ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup', lines: [{ lineId: lamp!, quantity: 1 }] });
  tenderDue(e, 'R1');
  runAllJobs(e);
  return { e, lamp: lamp!, socks: socks! };
}

describe('a store order\'s own invoices in headquarters\' order view', () => {
  it('SM-12 fit: a store order\'s own invoice numbers show in headquarters\' order view, a shipment\'s packing slip before its invoice', () => {
    const { e, lamp, socks } = shippedAndPickedUp();
    const [shipped, pickedUp] = e.orderView('CO-000001').invoices;
    expect([shipped!.kind, pickedUp!.kind]).toEqual(['ship', 'pickup']);
    const documents = new SalesOfficeViews(e.headquarters.salesOffice).order('SO-000001')!.storeDocuments;
    expect(documents.map((d) => [d.number, d.kind, d.amount.amount])).toEqual([
      [shipped!.invoiceId, `Packing slip for invoice ${shipped!.invoiceId}`, shipped!.total],
      [shipped!.invoiceId, 'Invoice (shipped)', shipped!.total],
      [pickedUp!.invoiceId, 'Invoice (picked up)', pickedUp!.total],
    ]);
    expect(documents.map((d) => d.lines.map((l) => [l.lineId, l.quantity]))).toEqual([[[socks, 1]], [[socks, 1]], [[lamp, 1]]]);
    expect(documents.every((d) => d.amount.currency === 'USD')).toBe(true);
  });

  it('SM-12 the store\'s invoices survive a restart: headquarters replays the states that carried them', () => {
    const { e } = shippedAndPickedUp();
    const before = new SalesOfficeViews(e.headquarters.salesOffice).order('SO-000001')!.storeDocuments;
    const again = restart(e);
    expect(new SalesOfficeViews(again.headquarters.salesOffice).order('SO-000001')!.storeDocuments).toEqual(before);
  });

  it('SM-12 an order state sent without its invoices (before stores sent them) still applies; its invoice is derived from the state', () => {
    const { e } = shippedAndPickedUp();
    const { invoices, ...oldShape } = salesOrderOf(e.backOffice(), 'S1-T-R1-000001')!.order;
    expect(invoices).toHaveLength(2);
    const created = e.headquarters.executeNow({ type: 'headquarters.createOrder', order: { ...oldShape, orderId: 'CO-OLD-1', channelReference: 'S1-OLD-1' }, customer: null });
    expect(created).toMatchObject({ ok: true });
    const salesOrderId = salesOrderOf(e.backOffice(), 'S1-OLD-1')!.salesOrderId;
    expect(new SalesOfficeViews(e.headquarters.salesOffice).order(salesOrderId)!.storeDocuments).toEqual([
      expect.objectContaining({ number: 'S1-OLD-1/0', kind: 'Invoice (picked up, shipped)', amount: { amount: oldShape.invoiced, currency: 'USD' } }),
    ]);
    const again = restart(e);
    expect(new SalesOfficeViews(again.headquarters.salesOffice).order(salesOrderId)!.storeDocuments).toHaveLength(1);
  });

  it('SM-12 a store invoice of a kind headquarters does not know is refused naming its field, and nothing changes', () => {
    const { e } = shippedAndPickedUp();
    const { order } = salesOrderOf(e.backOffice(), 'S1-T-R1-000001')!;
    const bad = { ...order, orderId: 'CO-BAD-1', channelReference: 'S1-BAD-1', invoices: [{ ...order.invoices![0]!, kind: 'mailed' }] };
    const count = Object.keys(e.backOffice().salesOrders).length;
    expect(e.headquarters.executeNow({ type: 'headquarters.createOrder', order: bad, customer: null })).toMatchObject({ ok: false, error: { rule: 'VALIDATION', field: 'order.invoices.0.kind' } });
    expect(Object.keys(e.backOffice().salesOrders)).toHaveLength(count);
  });
});
