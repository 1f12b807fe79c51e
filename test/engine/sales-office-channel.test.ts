/**
 * Issue 13, fit with the store channel: the stores' and the call center's orders that reached headquarters appear in
 * the office's order list as Sales orders (origin store / call center), the stores' returns as Returned orders, read
 * from headquarters' own records through a view adapter (never copied into the office).
 */
import { describe, expect, it } from 'vitest';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';
import { listed, newEngine, ok, openShift, runAllJobs, startSale, tenderDue } from './engine-helpers.ts';
import { withDesk } from './call-center-desk-helpers.ts';
import { acmeOrder, line, office, officeRefused, withSalesOffice } from './sales-office-helpers.ts';

describe('store orders and returns in the office', () => {
  it('SM-2 a store\'s order is a Sales order of origin store; SM-4 its return a Returned order; the office\'s own beside them', () => {
    const e = newEngine(withSalesOffice);
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    startSale(e, 'R1', null, [{ productId: 'P-SOCKS' }]);
    tenderDue(e, 'R1');
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000002' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000002-1', quantity: 1, reasonCode: 'DAMAGED' }] });
    tenderDue(e, 'R1');
    runAllJobs(e);
    const own = acmeOrder(e);
    const views = new SalesOfficeViews(e.headquarters.salesOffice);
    const rows = views.orders();
    expect(rows).toContainEqual(expect.objectContaining({ salesOrderId: own, origin: 'backOffice', storeId: null }));
    expect(rows).toContainEqual(expect.objectContaining({ salesOrderId: 'SO-000001', type: 'salesOrder', typeWords: 'Sales order', origin: 'store', storeId: 'S1', customerName: 'Anna Berg' }));
    expect(rows).toContainEqual(expect.objectContaining({ salesOrderId: 'RMA-000001', type: 'returnedOrder', typeWords: 'Returned order', origin: 'store' }));
    expect(views.orders({ origin: 'store', type: 'salesOrder' }).map((r) => r.salesOrderId)).toEqual(['SO-000001']);
    expect(views.order('SO-000001')).toMatchObject({ header: { origin: 'store' }, lines: [{ productId: 'P-LAMP', productName: expect.any(String) }] });
    // Issue 13: the store's own invoice on it, as headquarters received it (the lamp picked up and paid at the till).
    expect(views.order('SO-000001')!.storeDocuments).toEqual([]);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup', lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] });
    tenderDue(e, 'R1');
    runAllJobs(e);
    expect(views.order('SO-000001')!.storeDocuments).toEqual([
      { number: 'INV-000001', date: '2026-01-05', kind: 'Invoice (picked up)', lines: [expect.objectContaining({ productId: 'P-LAMP', quantity: 1 })], amount: { amount: 2749, currency: 'USD' } },
    ]);
    expect(views.order(own)!.storeDocuments).toEqual([]);
    // The store's records stay headquarters' own: the office holds none of them.
    expect(e.headquarters.salesOffice.orders.has('SO-000001')).toBe(false);
  });
});

describe('a quotation picked up at a store', () => {
  /** The chain's call center CC1 carries the pickup to the store; sales1 is a sales clerk, no member of it. */
  const withPickups = (c: Parameters<typeof withSalesOffice>[0]) => {
    withDesk()(c);
    withSalesOffice(c);
  };

  it('SM-6 a quotation confirmed for pickup becomes a sales order at headquarters and a pickup order at the store', () => {
    const e = newEngine(withPickups);
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 2)] }).quotationId as string;
    const confirmed = office(e, 'sales.confirmQuotation', { quotationId, pickupStoreId: 'S1' });
    expect(confirmed).toMatchObject({ quotationId, salesOrderId: 'SO-000001', storeId: 'S1', sentToStore: expect.anything() });
    expect(e.orderView(quotationId)).toMatchObject({ storeId: 'S1', customerId: 'C-ANNA' });
    expect(listed(e, 'S1', 'forPickup').map(([lineId]) => lineId)).toContain(`${quotationId}-1`);
    expect(e.headquarters.salesOffice.quotations.snapshot(quotationId).context.salesOrderId).toBe('SO-000001');
    const row = new SalesOfficeViews(e.headquarters.salesOffice).orders().find((r) => r.salesOrderId === 'SO-000001');
    // The store's order: the quoted 49.98 and S1's 10% tax.
    expect(row).toMatchObject({ origin: 'quotation', storeId: 'S1', total: { amount: 5498 } });
  });

  it('SM-6 CC-2 a sales clerk outside any call center confirms for pickup; the desk still refuses a non-member\'s order', () => {
    const e = newEngine(withPickups);
    expect(e.catalog.config.callCenters[0]!.members).not.toContain('sales1');
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 1)] }).quotationId as string;
    expect(office(e, 'sales.confirmQuotation', { quotationId, pickupStoreId: 'S1' })).toMatchObject({ quotationId, salesOrderId: 'SO-000001', storeId: 'S1' });
    expect(e.orderView(quotationId)).toMatchObject({ storeId: 'S1', customerId: 'C-ANNA' });
    // CC-2 stays the desk's rule: an order submitted as entered by sales1 for CC1 is refused there.
    const modeCode = e.catalog.config.parameters.pickupMode;
    expect(e.headquarters.executeNow({ type: 'headquarters.acceptCallCenterOrder', order: {
      orderId: 'CC1-X1', callCenterId: 'CC1', enteredBy: 'sales1', customerId: 'C-ANNA', header: { modeCode },
      lines: [{ lineId: 'L1', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, modeCode, locationId: e.catalog.stores.get('S1')!.locationId }],
    } })).toMatchObject({ ok: false, error: { rule: 'CC-2', field: 'order.enteredBy' } });
  });

  it('SM-6 a pickup needs a call center in the chain and a known store; refused, nothing changes', () => {
    const e = newEngine(withSalesOffice);
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 1)] }).quotationId as string;
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId, pickupStoreId: 'S1' })).toMatchObject({ rule: 'NOT_FOUND', field: 'pickupStoreId' });
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId, pickupStoreId: 'S9' })).toMatchObject({ rule: 'NOT_FOUND', field: 'pickupStoreId' });
  });
});
