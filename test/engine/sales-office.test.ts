/**
 * Headquarters' sales office through the host (issue 13): every office command is a chain command journaled at
 * headquarters; each rule SM-1..SM-15 is exercised through it, and every refusal changes nothing (`refused` checks
 * the exported state is byte-identical).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { salesOrderStatus } from '../../engine/domain/sales/sales-order.ts';
import { SalesOfficeViews } from '../../engine/sales-office/views.ts';
import { chainConfig, newEngine, ok, PRICE, restart } from './engine-helpers.ts';
import { ACME_TENT, acmeOrder, line, office, officeRefused, orderOf, WHOLESALE_LAMP, withSalesOffice } from './sales-office-helpers.ts';

const engine = () => newEngine(withSalesOffice);
const DAY = 86_400_000;

describe('sales orders by type (SM-1..SM-5)', () => {
  it('SM-1 a journal reserves nothing and cannot be delivered until it becomes a sales order, which reserves', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-TENT', 2)], 'journal');
    expect(orderOf(e, id).lines[0]).toMatchObject({ inventory: 'none' });
    expect(officeRefused(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] }).rule).toBe('SM-1');
    expect(officeRefused(e, 'sales.confirmOrder', { salesOrderId: id }).rule).toBe('SM-1');
    office(e, 'sales.changeOrderType', { salesOrderId: id, orderType: 'salesOrder' });
    expect(orderOf(e, id).lines[0]).toMatchObject({ inventory: 'reserved' });
    office(e, 'sales.confirmOrder', { salesOrderId: id });
    expect(orderOf(e, id).header.confirmedOn).toBe('2026-01-05');
  });

  it('SM-2 a sales order goes Open -> Delivered -> Invoiced, lines Reserved -> Deducted -> Sold; all cancelled is Cancelled', () => {
    const e = engine();
    const id = acmeOrder(e);
    expect(orderOf(e, id).lines[0]).toMatchObject({ inventory: 'reserved' });
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 2 }] });
    expect(salesOrderStatus(orderOf(e, id))).toBe('delivered');
    expect(orderOf(e, id).lines[0]).toMatchObject({ inventory: 'deducted' });
    office(e, 'sales.invoiceOrder', { salesOrderId: id });
    expect(salesOrderStatus(orderOf(e, id))).toBe('invoiced');
    expect(orderOf(e, id).lines[0]).toMatchObject({ inventory: 'sold' });
    const other = acmeOrder(e, [line('P-LAMP', 1)]);
    office(e, 'sales.cancelRemainder', { salesOrderId: other });
    expect(salesOrderStatus(orderOf(e, other))).toBe('cancelled');
    expect(officeRefused(e, 'sales.cancelRemainder', { salesOrderId: other }).rule).toBe('SM-2');
  });

  it('SM-3 a subscription refuses a warehouse-managed item', () => {
    const e = engine();
    expect(officeRefused(e, 'sales.createOrder', { orderType: 'subscription', customerAccount: 'C-ACME', lines: [line('P-SOCKS', 1)] }).rule).toBe('SM-3');
    const id = acmeOrder(e, [line('P-LAMP', 1)], 'subscription');
    expect(orderOf(e, id).header.type).toBe('subscription');
  });

  it('SM-4 a returned order draws its RMA number at creation and holds negative lines', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-TENT', 1)], 'returnedOrder');
    expect(orderOf(e, id).header.rmaNumber).toBe('RMA-000001');
    expect(orderOf(e, id).lines[0]!.quantity).toBe(-1);
    expect(officeRefused(e, 'sales.createOrder', { orderType: 'itemRequirements', customerAccount: 'C-ACME', lines: [line('P-TENT', 1)] }).rule).toBe('SM-4');
    expect(officeRefused(e, 'sales.createOrder', { orderType: 'itemRequirements', customerAccount: 'C-ACME', projectId: 'PRJ-1', lines: [line('P-LAMP', 1)] })).toMatchObject({ rule: 'SM-4', field: 'lines.0.productId' });
  });

  it('SM-5 the type changes at any status, but not from Item requirements once delivered', () => {
    const e = engine();
    const id = office(e, 'sales.createOrder', { orderType: 'itemRequirements', customerAccount: 'C-ACME', projectId: 'PRJ-1', lines: [line('P-TENT', 1)] }).salesOrderId as string;
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] });
    expect(officeRefused(e, 'sales.changeOrderType', { salesOrderId: id, orderType: 'salesOrder' }).rule).toBe('SM-5');
    const sale = acmeOrder(e, [line('P-LAMP', 1)]);
    office(e, 'sales.changeOrderType', { salesOrderId: sale, orderType: 'subscription' });
    expect(orderOf(e, sale).header.type).toBe('subscription');
  });
});

describe('quotations (SM-6)', () => {
  it('SM-6 created, sent (again), confirmed into a sales order with the same lines and prices; final states are read-only', () => {
    const e = engine();
    const { quotationId } = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-01-31', lines: [line('P-TENT', 3)] });
    office(e, 'sales.sendQuotation', { quotationId: quotationId as string });
    office(e, 'sales.sendQuotation', { quotationId: quotationId as string });
    const { salesOrderId } = office(e, 'sales.confirmQuotation', { quotationId: quotationId as string });
    expect(orderOf(e, salesOrderId as string)).toMatchObject({ header: { origin: 'quotation', quotationId }, lines: [{ productId: 'P-TENT', quantity: 3, unitPrice: ACME_TENT }] });
    expect(officeRefused(e, 'sales.sendQuotation', { quotationId: quotationId as string }).rule).toBe('SM-6');
  });

  it('SM-6 lost or cancelled only with a reason; no confirm after expiry until the date is extended', () => {
    const e = engine();
    const q = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-01-06', lines: [line('P-LAMP', 1)] }).quotationId as string;
    office(e, 'sales.sendQuotation', { quotationId: q });
    ok(e, { type: 'clock.advance', ms: 3 * DAY });
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId: q }).rule).toBe('SM-6');
    office(e, 'sales.extendQuotation', { quotationId: q, expiryDate: '2026-02-01' });
    office(e, 'sales.confirmQuotation', { quotationId: q });
    const lost = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-03-01', lines: [line('P-LAMP', 1)] }).quotationId as string;
    office(e, 'sales.sendQuotation', { quotationId: lost });
    expect(officeRefused(e, 'sales.loseQuotation', { quotationId: lost, reason: '' }).field).toBe('reason');
    office(e, 'sales.loseQuotation', { quotationId: lost, reason: 'bought elsewhere' });
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId: lost }).rule).toBe('SM-6');
  });
});

describe('sales agreements (SM-7..SM-9)', () => {
  function agreement(e: ReturnType<typeof engine>, maxEnforced = true) {
    const agreementId = office(e, 'sales.createAgreement', { customerAccount: 'C-ACME', effective: '2026-01-01', expiration: '2026-06-30' }).agreementId as string;
    const commitmentId = office(e, 'sales.addCommitment', { agreementId, commitment: { kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 4, unitPrice: 15_000, discountPct: 0, maxEnforced, priceFixed: true } }).commitmentId as string;
    return { agreementId, commitmentId };
  }

  it('SM-7 an agreement is On hold until made Effective, then Closed', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    expect(String(e.headquarters.salesOffice.agreements.snapshot(agreementId).value)).toBe('onHold');
    expect(officeRefused(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 1, requestedShipDate: '2026-02-01' }] }).rule).toBe('SM-8');
    office(e, 'sales.makeAgreementEffective', { agreementId });
    office(e, 'sales.closeAgreement', { agreementId });
    expect(String(e.headquarters.salesOffice.agreements.snapshot(agreementId).value)).toBe('closed');
    expect(officeRefused(e, 'sales.makeAgreementEffective', { agreementId }).rule).toBe('SM-7');
  });

  it('SM-8 a release order takes the agreement price; a ship date outside its dates is refused; moved outside it unlinks', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const id = office(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 1, requestedShipDate: '2026-02-01' }] }).salesOrderId as string;
    expect(orderOf(e, id)).toMatchObject({ header: { origin: 'agreementRelease' }, lines: [{ unitPrice: 15_000, priceSource: 'agreement', agreement: { agreementId, commitmentId } }] });
    expect(officeRefused(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 1, requestedShipDate: '2026-09-01' }] }).rule).toBe('SM-8');
    office(e, 'sales.changeLine', { salesOrderId: id, lineId: `${id}-1`, requestedShipDate: '2026-09-01' });
    expect(orderOf(e, id).lines[0]).toMatchObject({ agreement: null, unitPrice: ACME_TENT });
    // A line entered on an ordinary order links at entry.
    const entered = office(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [{ ...line('P-TENT', 1), agreement: { agreementId, commitmentId } }] }).salesOrderId as string;
    expect(orderOf(e, entered).lines[0]).toMatchObject({ unitPrice: 15_000, agreement: { agreementId } });
  });

  it('SM-9 Max enforced refuses a quantity past what remains', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    office(e, 'sales.makeAgreementEffective', { agreementId });
    office(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 3, requestedShipDate: '2026-02-01' }] });
    expect(officeRefused(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 2, requestedShipDate: '2026-02-01' }] }).rule).toBe('SM-9');
  });

  it('SM-8 SM-15 a quotation line covered by an Effective agreement takes its price and link; confirming keeps it (SM-9 counts it)', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    // On hold: the quotation is priced by Acme's trade agreement, unlinked.
    const before = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-01-31', lines: [line('P-TENT', 1, '2026-02-01')] }).quotationId as string;
    expect(e.headquarters.salesOffice.quotations.snapshot(before).context.lines[0]).toMatchObject({ unitPrice: ACME_TENT, agreement: null });
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-01-31', lines: [line('P-TENT', 3, '2026-02-01'), line('P-TENT', 1, '2026-09-01')] }).quotationId as string;
    expect(e.headquarters.salesOffice.quotations.snapshot(quotationId).context.lines).toMatchObject([
      { unitPrice: 15_000, priceSource: 'agreement', agreement: { agreementId, commitmentId } },
      { unitPrice: ACME_TENT, agreement: null },
    ]);
    const { salesOrderId } = office(e, 'sales.confirmQuotation', { quotationId });
    expect(orderOf(e, salesOrderId as string).lines[0]).toMatchObject({ unitPrice: 15_000, agreement: { agreementId, commitmentId } });
    const views = new SalesOfficeViews(e.headquarters.salesOffice);
    expect(views.agreement(agreementId)).toMatchObject({ commitmentLines: [{ commitmentId, ordered: 3, remaining: 1 }], salesOrderIds: [salesOrderId] });
  });

  it('SM-8 a quotation line names its agreement; SM-9 confirming checks the room again, refused naming the line', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    const named = { ...line('P-TENT', 3, '2026-02-01'), agreement: { agreementId, commitmentId } };
    expect(officeRefused(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-01-31', lines: [named] })).toMatchObject({ rule: 'SM-8', field: 'lines.0.agreementId' });
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ACME', expiryDate: '2026-01-31', lines: [named] }).quotationId as string;
    office(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 2, requestedShipDate: '2026-02-01' }] });
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId })).toMatchObject({ rule: 'SM-9', field: 'lines.0.quantity' });
  });

  it('SM-9 a line added to an order counts its order\'s other linked lines once', () => {
    const e = engine();
    const { agreementId, commitmentId } = agreement(e);
    office(e, 'sales.makeAgreementEffective', { agreementId });
    const id = office(e, 'sales.releaseOrder', { agreementId, lines: [{ commitmentId, productId: 'P-TENT', quantity: 3, requestedShipDate: '2026-02-01' }] }).salesOrderId as string;
    const linked = { ...line('P-TENT', 1, '2026-02-01'), agreement: { agreementId, commitmentId } };
    office(e, 'sales.addLine', { salesOrderId: id, line: linked });
    expect(orderOf(e, id).lines[1]).toMatchObject({ unitPrice: 15_000, agreement: { agreementId, commitmentId } });
    expect(officeRefused(e, 'sales.addLine', { salesOrderId: id, line: linked })).toMatchObject({ rule: 'SM-9', field: 'line.quantity' });
  });
});

describe('backorders (SM-10, SM-11)', () => {
  it('SM-10 a purchase line cannot receive more than is open; SM-11 receiving splits the stock by priority and reserves', () => {
    const e = engine();
    // The five tents go to the first order; two more orders wait, the second with a higher priority (1).
    acmeOrder(e, [line('P-TENT', 5, '2026-01-05')]);
    const late = office(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-ANNA', priority: 5, lines: [line('P-TENT', 2, '2026-01-05')] }).salesOrderId as string;
    const urgent = office(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-CAL', priority: 1, lines: [line('P-TENT', 2, '2026-01-05')] }).salesOrderId as string;
    expect(orderOf(e, urgent).lines[0]!.inventory).toBe('onOrder');
    const po = office(e, 'sales.createPurchaseLine', { vendorAccount: 'V-NORD', productId: 'P-TENT', quantity: 3, expectedDate: '2026-01-08' });
    expect(officeRefused(e, 'sales.receivePurchaseLine', { purchaseOrderId: po.purchaseOrderId as string, lineId: '1', quantity: 4 }).rule).toBe('SM-10');
    ok(e, { type: 'clock.advance', ms: DAY });
    const received = office(e, 'sales.receivePurchaseLine', { purchaseOrderId: po.purchaseOrderId as string, lineId: '1', quantity: 3 });
    expect(received.allocations).toEqual([
      expect.objectContaining({ salesOrderId: urgent, allocated: 2, stillBackordered: 0 }),
      expect.objectContaining({ salesOrderId: late, allocated: 1, stillBackordered: 1 }),
    ]);
    expect(orderOf(e, urgent).lines[0]!.inventory).toBe('reserved');
    expect(orderOf(e, late).lines[0]!.inventory).toBe('onOrder');
  });

  it('SM-11 a changed confirmed date keeps the old one and flags "notify customer" until told', () => {
    const e = engine();
    const id = acmeOrder(e);
    office(e, 'sales.changeConfirmedDate', { salesOrderId: id, lineId: `${id}-1`, confirmedShipDate: '2026-01-12' });
    expect(orderOf(e, id).lines[0]).toMatchObject({ notifyCustomer: false });
    office(e, 'sales.changeConfirmedDate', { salesOrderId: id, lineId: `${id}-1`, confirmedShipDate: '2026-01-20' });
    expect(orderOf(e, id).lines[0]).toMatchObject({ confirmedShipDate: '2026-01-20', previousConfirmedShipDate: '2026-01-12', notifyCustomer: true });
    office(e, 'sales.markCustomerNotified', { salesOrderId: id, lineId: `${id}-1` });
    expect(orderOf(e, id).lines[0]).toMatchObject({ notifyCustomer: false, previousConfirmedShipDate: '2026-01-12' });
  });
});

describe('packing slips and invoices (SM-12..SM-14)', () => {
  it('SM-12 a slip takes at most the deliver remainder; invoicing from slips needs a slip of every order; collective gathers one account', () => {
    const e = engine();
    const a = acmeOrder(e, [line('P-TENT', 2)]);
    const b = acmeOrder(e, [line('P-LAMP', 1)]);
    expect(officeRefused(e, 'sales.postPackingSlip', { salesOrderId: a, lines: [{ lineId: `${a}-1`, quantity: 3 }] }).field).toBe('lines.0.quantity');
    const slipA = office(e, 'sales.postPackingSlip', { salesOrderId: a, lines: [{ lineId: `${a}-1`, quantity: 1 }] }).packingSlipId as string;
    const slipB = office(e, 'sales.postPackingSlip', { salesOrderId: b, lines: [{ lineId: `${b}-1`, quantity: 1 }] }).packingSlipId as string;
    expect(officeRefused(e, 'sales.collectiveInvoice', { customerAccount: 'C-ANNA', packingSlipIds: [slipA] }).rule).toBe('SM-12');
    const invoice = office(e, 'sales.collectiveInvoice', { customerAccount: 'C-ACME', packingSlipIds: [slipA, slipB] });
    expect(invoice.salesOrderIds).toEqual([a, b]);
    expect(officeRefused(e, 'sales.invoicePackingSlips', { packingSlipIds: [slipA] }).rule).toBe('SM-12');
    expect(e.headquarters.salesOffice.records.packingSlips[slipA]!.invoiceId).toBe(invoice.invoiceId);
  });

  it('SM-13 the order is Invoiced only when every remainder is 0; otherwise its status stays', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-TENT', 2)]);
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] });
    office(e, 'sales.invoiceOrder', { salesOrderId: id });
    expect(salesOrderStatus(orderOf(e, id))).toBe('openOrder');
    expect(orderOf(e, id).lines[0]).toMatchObject({ invoiced: 1, invoiceRemainder: 0, deliverRemainder: 1 });
    expect(officeRefused(e, 'sales.invoiceOrder', { salesOrderId: id }).rule).toBe('SM-13');
    expect(e.headquarters.salesOffice.records.transactions.every((t) => t.invoiceId !== null)).toBe(true);
  });

  it('SM-14 a free text invoice posts main-account lines with tax groups; an unknown item tax group is named', () => {
    const e = engine();
    const posted = office(e, 'sales.freeTextInvoice', { customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE', lines: [{ mainAccount: '401100', text: 'Tent repair', amount: 5000 }] });
    expect(posted.total).toBe(5500);
    expect(officeRefused(e, 'sales.freeTextInvoice', { customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'NOPE', lines: [{ mainAccount: '401100', text: 'x', amount: 100 }] }).field).toBe('lines.0.itemTaxGroup');
    expect(officeRefused(e, 'sales.freeTextInvoice', { customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE', lines: [{ mainAccount: '999', text: 'x', amount: 100 }] }).field).toBe('lines.0.mainAccount');
    expect(officeRefused(e, 'sales.freeTextInvoice', { customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE', lines: [{ mainAccount: '401100', text: 'x', amount: 100, itemNumber: 'P-TENT' }] })).toMatchObject({ rule: 'SM-14', field: 'lines.0.itemNumber' });
  });
});

describe('prices (SM-15)', () => {
  it('SM-15 the customer trade agreement, then the price group, then the base price', () => {
    const e = engine();
    const id = acmeOrder(e, [line('P-TENT', 1), line('P-LAMP', 1), line('P-STOVE', 1)]);
    expect(orderOf(e, id).lines.map((l) => [l.unitPrice, l.priceSource])).toEqual([
      [ACME_TENT, 'customerTradeAgreement'], [WHOLESALE_LAMP, 'priceGroupTradeAgreement'], [PRICE.STOVE, 'basePrice'],
    ]);
  });
});

describe('durability', () => {
  it('a refused command changes nothing and leaves no number drawn', () => {
    const e = engine();
    officeRefused(e, 'sales.createOrder', { orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [line('P-TENT', 1), line('P-NOPE', 1)] });
    expect(acmeOrder(e)).toBe('HSO-000001');
  });

  it('a restart restores the office to the same state', () => {
    const e = engine();
    const id = acmeOrder(e);
    office(e, 'sales.postPackingSlip', { salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] });
    office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 2)] });
    const again = restart(e, withSalesOffice);
    expect(JSON.stringify(again.headquarters.salesOffice.exportState())).toBe(JSON.stringify(e.headquarters.salesOffice.exportState()));
    const [before, after] = [e, again].map((chain) => new SalesOfficeViews(chain.headquarters.salesOffice));
    expect(after!.orders()).toEqual(before!.orders());
    expect(after!.order(id)).toEqual(before!.order(id));
    expect(after!.quotations()).toEqual(before!.quotations());
    expect(after!.backorders()).toEqual(before!.backorders());
    office(again, 'sales.invoiceOrder', { salesOrderId: id });
  });

  it('every office command is journaled at headquarters and the journal replays to the same office', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sales-office-'));
    try {
      const durable = await DurableChain.open(dir, { config: chainConfig(withSalesOffice) });
      const run = async (command: Record<string, unknown>) => {
        const result = await durable.execute({ operatorId: String(command.type).startsWith('marketing.') ? 'marketing1' : 'sales1', ...command });
        if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.message}`);
        return result.result;
      };
      const { salesOrderId } = await run({ type: 'sales.createOrder', orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [line('P-TENT', 2)] });
      await run({ type: 'sales.postPackingSlip', salesOrderId, lines: [{ lineId: `${String(salesOrderId)}-1`, quantity: 1 }] });
      await run({ type: 'sales.invoiceOrder', salesOrderId });
      const { partyId } = await run({ type: 'marketing.createProspect', name: 'Trail Club' });
      await run({ type: 'marketing.convertProspect', partyId });
      await run({ type: 'sales.createPurchaseLine', vendorAccount: 'V-NORD', productId: 'P-TENT', quantity: 3, expectedDate: '2026-01-08' });
      const refusedAnswer = await durable.execute({ type: 'sales.invoiceOrder', operatorId: 'sales1', salesOrderId });
      expect(refusedAnswer.ok).toBe(false);
      const before = JSON.stringify(durable.chain.exportState());
      await durable.close();
      const reopened = await DurableChain.open(dir);
      try {
        expect(JSON.stringify(reopened.chain.exportState())).toBe(before);
        expect(reopened.chain.headquarters.salesOffice.records.invoices['SINV-000001']).toBeDefined();
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
