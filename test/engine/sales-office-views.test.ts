/**
 * The sales office's views through the host (issue 13): derived statuses in plain words, SM-9's commitment lines,
 * SM-10's three backorder views with SM-11's split, and offered actions with the reason when not offered.
 */
import { describe, expect, it } from 'vitest';
import { salesOrderStatus } from '../../engine/domain/sales/sales-order.ts';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';
import { newEngine, stateJson } from './engine-helpers.ts';
import { acmeOrder, line, office, officeRefused, orderOf, withSalesOffice } from './sales-office-helpers.ts';

const engine = () => newEngine(withSalesOffice);
const views = (e: ReturnType<typeof engine>) => new SalesOfficeViews(e.headquarters.salesOffice);

describe('office views', () => {
  it('SM-9 an agreement shows each commitment line ordered, delivered, invoiced and remaining', () => {
    const e = engine();
    const agreementId = office(e, 'sales.createAgreement', { customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-06-30' }).agreementId as string;
    const commitmentId = office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 10, unitPrice: 15_000, discountPct: 0, maxEnforced: false, priceFixed: false } }).commitmentId as string;
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const id = office(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 4, requestedShipDate: '2026-02-01' }] }).salesOrderId as string;
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 3 }] });
    office(e, 'sales.invoiceOrder', { salesOrderId: id });
    expect(views(e).agreement(agreementId)).toMatchObject({
      status: 'Effective', salesOrderIds: [id],
      commitmentLines: [{ commitmentId, kind: 'Product quantity', measure: 'quantity', committed: 10, ordered: 4, delivered: 3, invoiced: 3, remaining: 6 }],
    });
    expect(views(e).order(id)!.agreements).toEqual([{ agreementId, status: 'Effective' }]);
  });

  it('SM-10 backorders by item, by customer and by vendor; SM-11 the split of what is free', () => {
    const e = engine();
    acmeOrder(e, [line('P-STOVE', 2, '2026-01-04')]);
    const waiting = office(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-ANNA', lines: [line('P-STOVE', 3, '2026-01-04')] }).salesOrderId as string;
    const po = office(e, 'sales.createPurchaseLine', { vendorAccount: 'V-NORD', productId: 'P-STOVE', quantity: 2, expectedDate: '2026-01-09' });
    const backorders = views(e).backorders();
    expect(backorders.byItem).toEqual([expect.objectContaining({ productId: 'P-STOVE', warehouseId: 'HQW', orders: 2, openQuantity: 5, onHand: 2, expectedReceipts: 2, shortage: 1 })]);
    expect(backorders.byItem[0]!.split).toContainEqual({ salesOrderId: waiting, lineId: `${waiting}-1`, allocated: 0, stillBackordered: 3 });
    expect(backorders.byCustomer.map((c) => [c.customerName, c.lines.map((l) => l.status)])).toEqual([['Acme Outfitters', ['Not delivered']], ['Anna Berg', ['Not delivered']]]);
    expect(backorders.byVendor).toEqual([{ vendorAccount: 'V-NORD', vendorName: 'Nordic Gear', lines: [expect.objectContaining({ purchaseOrderId: po.purchaseOrderId, open: 2, late: false })] }]);
    expect(views(e).orders({ backordered: 'true' }).map((r) => r.salesOrderId).sort()).toEqual(['HSO-000001', waiting].sort());
  });

  it('SM-11 the split counts the stock a received purchase line reserved for a backorder line as allocated to it', () => {
    const e = engine();
    acmeOrder(e, [line('P-TENT', 5, '2026-01-04')]);
    const waiting = office(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-ANNA', lines: [line('P-TENT', 3, '2026-01-04')] }).salesOrderId as string;
    const po = office(e, 'sales.createPurchaseLine', { vendorAccount: 'V-NORD', productId: 'P-TENT', quantity: 3, expectedDate: '2026-01-09' });
    expect(views(e).backorders().byItem[0]!.split).toContainEqual({ salesOrderId: waiting, lineId: `${waiting}-1`, allocated: 0, stillBackordered: 3 });
    office(e, 'sales.receivePurchaseLine', { purchaseOrderId: po.purchaseOrderId as string, lineId: '1', quantity: 3 });
    expect(orderOf(e, waiting).lines[0]!.inventory).toBe('reserved');
    expect(views(e).backorders().byItem[0]!.split).toEqual([
      { salesOrderId: 'HSO-000001', lineId: 'HSO-000001-1', allocated: 5, stillBackordered: 0 },
      { salesOrderId: waiting, lineId: `${waiting}-1`, allocated: 3, stillBackordered: 0 },
    ]);
  });

  it('SM-1 the detail offers no packing slip on a journal and says why; SM-6 a quotation says what it offers', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-LAMP', 1)], 'journal');
    const slip = views(e).order(id)!.actions.find((a) => a.action === 'sales.postPackingSlip')!;
    expect(slip).toMatchObject({ offered: false, reason: expect.stringMatching(/journal/) });
    expect(views(e).order(id)!.header).toMatchObject({ typeWords: 'Journal', status: 'Open order' });
    const q = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 2)] }).quotationId as string;
    expect(views(e).quotation(q)).toMatchObject({ status: 'Created', partyRole: 'Customer', total: { amount: 4998, currency: 'USD' } });
    expect(views(e).quotation(q)!.actions.find((a) => a.action === 'sales.loseQuotation')).toMatchObject({ offered: false });
  });

  it('SM-12 SM-6 SM-7 SM-8 MK-3 the views offer invoicing chosen slips, extending, adding commitments, releasing and choosing targets, or say why not', () => {
    const e = engine();
    const action = (actions: { action: string }[], name: string) => actions.find((a) => a.action === name);
    const id = acmeOrder(e, [line('P-TENT', 2)]);
    expect(action(views(e).order(id)!.actions, 'sales.invoicePackingSlips')).toMatchObject({ label: 'Invoice chosen slips', offered: false, reason: `order ${id} has no packing slip waiting to be invoiced` });
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] });
    expect(action(views(e).order(id)!.actions, 'sales.invoicePackingSlips')).toMatchObject({ offered: true, reason: null });

    const q = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-01-10', lines: [line('P-LAMP', 1)] }).quotationId as string;
    expect(action(views(e).quotation(q)!.actions, 'sales.extendQuotation')).toMatchObject({ label: 'Extend expiry', offered: true });
    office(e, 'sales.sendQuotation', { quotationId: q });
    office(e, 'sales.loseQuotation', { quotationId: q, reason: 'too dear' });
    expect(action(views(e).quotation(q)!.actions, 'sales.extendQuotation')).toMatchObject({ offered: false, reason: expect.stringMatching(/lost/) });

    const agreementId = office(e, 'sales.createAgreement', { customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-06-30' }).agreementId as string;
    const onHold = views(e).agreement(agreementId)!.actions;
    expect(action(onHold, 'sales.addCommitment')).toMatchObject({ label: 'Add commitment', offered: true });
    expect(action(onHold, 'sales.releaseOrder')).toMatchObject({ label: 'Release order', offered: false, reason: `agreement ${agreementId} is on hold: only an effective agreement releases orders` });
    office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'anyProductAmount', productId: null, categoryId: null, committed: 100_000, unitPrice: null, discountPct: 0, maxEnforced: false, priceFixed: false } });
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const effective = views(e).agreement(agreementId)!.actions;
    expect(action(effective, 'sales.addCommitment')).toMatchObject({ offered: false, reason: `agreement ${agreementId} is effective: only an agreement on hold takes commitment lines` });
    expect(action(effective, 'sales.releaseOrder')).toMatchObject({ offered: true });

    const campaignId = office(e, 'marketing.createCampaign', { name: 'Spring email', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' }).campaignId as string;
    expect(action(views(e).campaign(campaignId)!.actions, 'marketing.chooseTargets')).toMatchObject({ label: 'Choose targets', offered: true });
    const partyId = office(e, 'marketing.createProspect', { name: 'Trail Club', partyType: 'organization', contacts: [{ name: 'Tess Trail', channel: 'email', reachedAt: 'tess@trail.example', marketingConsent: true }] }).partyId as string;
    office(e, 'marketing.chooseTargets', { campaignId, targets: [{ partyId, from: 'prospect' }] });
    office(e, 'marketing.activateCampaign', { campaignId });
    expect(action(views(e).campaign(campaignId)!.actions, 'marketing.chooseTargets')).toMatchObject({ offered: false, reason: expect.stringMatching(/running/) });
  });

  it('SM-13 a collective invoice refused for one of its orders changes none of them', () => {
    const e = engine();
    const a = acmeOrder(e, [line('P-TENT', 1)]);
    const b = acmeOrder(e, [line('P-LAMP', 1)]);
    office(e, 'sales.postPackingSlip', { salesOrderId: a, lines: [{ lineId: `${a}-1`, quantity: 1 }] });
    const before = stateJson(e);
    expect(officeRefused(e, 'sales.collectiveInvoice', { customerAccount: 'C-ACME', salesOrderIds: [a, b] })).toMatchObject({ rule: 'SM-13', field: 'salesOrderIds.1' });
    expect(stateJson(e)).toBe(before);
    expect(salesOrderStatus(orderOf(e, a))).toBe('delivered');
  });

  it('SM-3 a subscription returns to Open order after each invoice with its remainders restored', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-LAMP', 2)], 'subscription');
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 2 }] });
    office(e, 'sales.invoiceOrder', { salesOrderId: id });
    expect(salesOrderStatus(orderOf(e, id))).toBe('openOrder');
    expect(orderOf(e, id).lines[0]).toMatchObject({ deliverRemainder: 2, delivered: 2, invoiced: 2 });
  });
});
