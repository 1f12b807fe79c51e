/**
 * A `BackOffice` for the back-office screens' component tests: headquarters' views as the office words them (a
 * customer Alder Outfitters with an order against agreement AG-1, a quotation, backorders of trail tents waiting on
 * a vendor's purchase line, a prospect, a campaign), every command the screens send kept in `sent`, and the effect
 * of the commands the tests follow (a packing slip lowers what is left to deliver, slips are invoiced, a purchase line
 * received feeds the waiting line...). A test may refuse a command type (`refuse`) the way the office would, and
 * `changed()` plays the office's live room saying something changed.
 */
import { invoicePrintLines } from '../../engine/domain/sales/invoice-document.ts';
import type { RuleViolation } from '../../engine/domain/violation.ts';
import type {
  AgreementDetail, BackorderViews, CampaignDetail, InvoiceView, MoneyView, OfferedAction, PackingSlipView, PipelineView, ProFormaInvoiceView, QuotationDetail,
  SalesOfficeView, SalesOrderDetail, SalesOrderFilter, SalesOrderLineView,
} from '../../engine/protocol/sales.ts';
import { salesOfficeViews } from '../../engine/protocol/sales.ts';
import type { BackOffice, BackOfficeJob, OfficeAnswer, OfficeCommand, ProFormaSource } from '../back-office-client.ts';

export const usd = (amount: number): MoneyView => ({ amount, currency: 'USD' });
const offered = (action: string, label: string): OfferedAction => ({ action, label, offered: true, reason: null });
const refused = (action: string, label: string, reason: string): OfferedAction => ({ action, label, offered: false, reason });
const NO_SLIP = (salesOrderId: string) => `order ${salesOrderId} has no packing slip waiting to be invoiced`;

/** SM-12: the order offers to invoice chosen slips while one waits to be invoiced (as the office's view does). */
function offerSlipInvoice(order: SalesOrderDetail): void {
  const waiting = order.packingSlips.some((s) => s.invoiceId === null);
  const action = order.actions.find((a) => a.action === 'sales.invoicePackingSlips');
  if (action !== undefined) Object.assign(action, { offered: waiting, reason: waiting ? null : NO_SLIP(order.header.salesOrderId) });
}

function line(lineId: string, productName: string, quantity: number, unitPrice: number, extra: Partial<SalesOrderLineView> = {}): SalesOrderLineView {
  return {
    lineId, productId: `P-${productName.split(' ').at(-1)!.toUpperCase()}`, productName, quantity, unitPrice: usd(unitPrice), discount: usd(0), lineAmount: usd(unitPrice * quantity),
    priceSource: 'Base price', deliverRemainder: quantity, invoiceRemainder: 0, delivered: 0, invoiced: 0, cancelled: 0, status: 'Open order', inventory: 'Reserved',
    requestedShipDate: '2027-03-01', confirmedShipDate: null, previousConfirmedShipDate: null, notifyCustomer: false, warehouseId: 'W1', backordered: false, agreement: null, ...extra,
  };
}

/** Alder Outfitters' order released against AG-1: 4 trail tents (one backordered) and 2 camp stoves. */
function alderOrder(): SalesOrderDetail {
  return {
    header: {
      salesOrderId: 'SO-000001', type: 'salesOrder', typeWords: 'Sales order', status: 'Open order', customerAccount: 'C-ALDER', customerName: 'Alder Outfitters',
      orderDate: '2027-02-20', total: usd(4 * 15000 + 2 * 8999), origin: 'quotation', backordered: true, storeId: null,
      priority: 2, rmaNumber: null, quotationId: 'QT-000001', campaignId: null, projectId: null, confirmedOn: '2027-02-20', currency: 'USD',
    },
    lines: [
      line('L1', 'Trail tent', 4, 15000, { priceSource: 'Sales agreement', agreement: { agreementId: 'AG-1', commitmentId: 'C1' }, backordered: true }),
      line('L2', 'Camp stove', 2, 8999),
    ],
    packingSlips: [],
    invoices: [],
    storeDocuments: [],
    agreements: [{ agreementId: 'AG-1', status: 'Effective' }],
    actions: [
      refused('sales.confirmOrder', 'Confirm', 'order SO-000001 was confirmed on 2027-02-20'),
      offered('sales.postPackingSlip', 'Post packing slip'),
      refused('sales.invoiceOrder', 'Invoice', 'order SO-000001 has nothing delivered waiting to be invoiced'),
      refused('sales.invoicePackingSlips', 'Invoice chosen slips', NO_SLIP('SO-000001')),
      offered('sales.cancelRemainder', 'Cancel remainder'),
      offered('sales.changeOrderType', 'Change type'),
    ],
  };
}

/** A journal of Birch Camping's, from the store (a draft: nothing to deliver until it is a sales order). */
function birchJournal(): SalesOrderDetail {
  return {
    header: {
      salesOrderId: 'SO-000002', type: 'journal', typeWords: 'Journal', status: 'Open order', customerAccount: 'C-BIRCH', customerName: 'Birch Camping',
      orderDate: '2027-02-25', total: usd(2499), origin: 'store', backordered: false, storeId: 'S1',
      priority: 5, rmaNumber: null, quotationId: null, campaignId: null, projectId: null, confirmedOn: null, currency: 'USD',
    },
    lines: [line('L1', 'Camp lantern', 1, 2499, { inventory: 'None' })],
    packingSlips: [], invoices: [], agreements: [],
    storeDocuments: [{ number: 'INV-000001', date: '2027-02-26', kind: 'Invoice (picked up)', amount: usd(2749), lines: [{ lineId: 'L1', productId: 'P-LANTERN', productName: 'Camp lantern', quantity: 1 }] }],
    actions: [refused('sales.confirmOrder', 'Confirm', 'a journal is a draft: change its type to Sales order first'), offered('sales.changeOrderType', 'Change type')],
  };
}

function quotation(): QuotationDetail {
  return {
    quotationId: 'QT-000002', partyId: 'PTY-ALDER', partyName: 'Alder Outfitters', partyRole: 'Customer', customerAccount: 'C-ALDER', status: 'Sent',
    createdOn: '2027-02-26', expiryDate: '2027-03-10', expired: false, total: usd(3 * 15000), campaignId: null, salesOrderId: null,
    lines: [{ lineId: 'L1', productId: 'P-TENT', productName: 'Trail tent', quantity: 3, unitPrice: usd(15000), discount: usd(0), lineAmount: usd(45000), priceSource: 'Sales agreement', requestedShipDate: '2027-03-05', warehouseId: 'W1' }],
    sends: 1, lastSentOn: '2027-02-26', closing: null,
    actions: [offered('sales.sendQuotation', 'Send'), offered('sales.confirmQuotation', 'Confirm'), offered('sales.loseQuotation', 'Lost'), refused('sales.cancelQuotation', 'Cancel', 'a sent quotation is lost, not cancelled'),
      offered('sales.extendQuotation', 'Extend expiry'), offered('sales.changeQuotationLines', 'Change lines')],
  };
}

function agreement(): AgreementDetail {
  return {
    agreementId: 'AG-1', customerAccount: 'C-ALDER', customerName: 'Alder Outfitters', status: 'Effective', effective: '2027-01-01', expiration: '2027-12-31', currency: 'USD', commitments: 2,
    commitmentLines: [
      { commitmentId: 'C1', kind: 'Product quantity', productId: 'P-TENT', productName: 'Trail tent', categoryId: null, measure: 'quantity', committed: 20, ordered: 4, delivered: 0, invoiced: 0, remaining: 16, unitPrice: usd(15000), discountPct: 500, maxEnforced: true, priceFixed: true },
      { commitmentId: 'C2', kind: 'Any product amount', productId: null, productName: null, categoryId: null, measure: 'amount', committed: 500000, ordered: 17998, delivered: 0, invoiced: 0, remaining: 482002, unitPrice: null, discountPct: 0, maxEnforced: false, priceFixed: false },
    ],
    salesOrderIds: ['SO-000001'],
    actions: [
      refused('sales.makeAgreementEffective', 'Make effective', 'it is effective already'), offered('sales.closeAgreement', 'Close'),
      refused('sales.addCommitment', 'Add commitment', 'agreement AG-1 is effective: only an agreement on hold takes commitment lines'), offered('sales.releaseOrder', 'Release order'),
      refused('sales.changeAgreementDates', 'Change dates', 'agreement AG-1 is effective: only an agreement on hold changes its dates'),
      refused('sales.removeCommitment', 'Remove commitment', 'agreement AG-1 is effective: only an agreement on hold loses commitment lines'),
      refused('sales.expireAgreement', 'Close as expired', 'agreement AG-1 expires on 2027-12-31: it is closed as expired only after that day'),
    ],
  };
}

function backorders(): BackorderViews {
  return {
    asOf: '2027-03-02',
    byItem: [{ productId: 'P-TENT', productName: 'Trail tent', warehouseId: 'W1', orders: 1, openQuantity: 4, onHand: 1, expectedReceipts: 10, missingReceipts: 0, shortage: 0,
      split: [{ salesOrderId: 'SO-000001', lineId: 'L1', allocated: 1, stillBackordered: 3 }] }],
    byCustomer: [{ customerAccount: 'C-ALDER', customerName: 'Alder Outfitters', lines: [{
      salesOrderId: 'SO-000001', lineId: 'L1', customerAccount: 'C-ALDER', customerName: 'Alder Outfitters', productId: 'P-TENT', productName: 'Trail tent', warehouseId: 'W1',
      priority: 2, orderDate: '2027-02-20', dueDate: '2027-03-01', remaining: 4, status: 'Not delivered', previousConfirmedShipDate: '2027-02-27', notifyCustomer: true,
    }] }],
    byVendor: [{ vendorAccount: 'V-NORTH', vendorName: 'Northwind Tents', lines: [{
      purchaseOrderId: 'PO-000001', lineId: 'PL1', vendorAccount: 'V-NORTH', vendorName: 'Northwind Tents', productId: 'P-TENT', productName: 'Trail tent', warehouseId: 'W1',
      quantity: 10, received: 0, open: 10, expectedDate: '2027-03-04', late: false,
    }] }],
  };
}

function pipeline(): PipelineView {
  return {
    prospects: [{ partyId: 'PTY-CEDAR', name: 'Cedar Scouts', type: 'Organization', roles: ['Prospect', 'Lead contact'], customerAccount: null,
      contacts: [{ contactId: 'K1', name: 'Dana Cedar', channel: 'Email', reachedAt: 'dana@cedar.example', marketingConsent: true }],
      leadIds: ['LD-000001'], opportunityIds: [], quotationIds: [], campaignIds: [] }],
    leads: [{ leadId: 'LD-000001', partyId: 'PTY-CEDAR', partyName: 'Cedar Scouts', topic: 'Tents for the summer camp', createdOn: '2027-02-01', campaignId: null, status: 'Open', opportunityId: null, disqualifiedReason: null }],
    opportunities: [{ opportunityId: 'OPP-000001', partyId: 'PTY-ELM', partyName: 'Elm School', topic: 'Stoves for the outdoor class', openedOn: '2027-02-10', leadId: null, campaignId: null, status: 'Open', closeReason: null, customerAccount: null }],
  };
}

function campaign(): CampaignDetail {
  return {
    campaignId: 'CMP-000001', name: 'Spring camping mailer', type: 'Email', status: 'Active', startsOn: '2027-02-01', endsOn: '2027-04-30', targets: 1,
    responses: { positive: 0, negative: 0, none: 1 },
    targetList: [{ targetId: 'CMP-000001/PTY-CEDAR/K1', partyId: 'PTY-CEDAR', contactId: 'K1', name: 'Dana Cedar', reachedAt: 'dana@cedar.example', from: 'Prospect', response: 'None', respondedOn: null, followUp: null }],
    leftOut: [{ partyId: 'PTY-ELM', partyName: 'Elm School', contactId: 'K2', reason: 'no marketing consent for email' }],
    actions: [refused('marketing.chooseTargets', 'Choose targets', 'campaign CMP-000001 is running: it keeps its targets'), refused('marketing.activateCampaign', 'Activate', 'it is active already'),
      offered('marketing.closeCampaign', 'Close campaign'), refused('marketing.cancelCampaign', 'Cancel campaign', 'campaign CMP-000001 is running: only a planned campaign is cancelled')],
  };
}

/** Cedar Scouts' fall calls, planned: it may be cancelled, not closed (MK-3). */
function plannedCampaign(): CampaignDetail {
  return {
    campaignId: 'CMP-000002', name: 'Fall calls', type: 'Telemarketing', status: 'Planned', startsOn: '2027-09-01', endsOn: '2027-10-31', targets: 0,
    responses: { positive: 0, negative: 0, none: 0 }, targetList: [], leftOut: [],
    actions: [offered('marketing.chooseTargets', 'Choose targets'), refused('marketing.activateCampaign', 'Activate', 'campaign CMP-000002 has no target'),
      refused('marketing.closeCampaign', 'Close campaign', 'campaign CMP-000002 is planned and not launched yet'), offered('marketing.cancelCampaign', 'Cancel campaign')],
  };
}

/** MK-3: a campaign closed or cancelled offers nothing more. */
function ended(c: CampaignDetail, status: string): void {
  c.status = status;
  c.actions = c.actions.map((a) => ({ ...a, offered: false, reason: `campaign ${c.campaignId} is ${status.toLowerCase()}` }));
}

/** A tent per slip at $150.00, taxed 8.25%; printed by the domain's own print lines. */
const slipInvoice = (invoiceId: string, slips: readonly PackingSlipView[], kind: string): InvoiceView => {
  const subtotal = slips.length * 15000;
  const tax = Math.round(subtotal * 0.0825);
  const posted = {
    invoiceId, customerAccount: slips[0]!.customerAccount, currency: 'USD', postedOn: '2027-03-02',
    salesOrderIds: [...new Set(slips.map((s) => s.salesOrderId))], packingSlipIds: slips.map((s) => s.packingSlipId), subtotal, tax, total: subtotal + tax,
    lines: [{ salesOrderId: slips[0]!.salesOrderId, lineId: 'L1', productId: 'P-TENT', mainAccount: null, text: 'Trail tent', quantity: slips.length, amount: subtotal, tax }],
  };
  return {
    ...posted, kind: kind, customerName: 'Alder Outfitters', lines: [], subtotal: usd(subtotal), tax: usd(tax), total: usd(subtotal + tax),
    printLines: invoicePrintLines({ ...posted, kind: 'collective' }),
  };
};

export class FakeBackOffice implements BackOffice {
  readonly currency = 'USD';
  readonly operatorId = 'sales1';
  readonly orderDetails = new Map<string, SalesOrderDetail>([['SO-000001', alderOrder()], ['SO-000002', birchJournal()]]);
  readonly quotationDetails = new Map<string, QuotationDetail>([['QT-000002', quotation()]]);
  readonly agreementDetails = new Map<string, AgreementDetail>([['AG-1', agreement()]]);
  backorderViews = backorders();
  readonly invoiceViews = new Map<string, InvoiceView>();
  pipelineView = pipeline();
  readonly campaignDetails = new Map<string, CampaignDetail>([['CMP-000001', campaign()], ['CMP-000002', plannedCampaign()]]);
  /** Every command sent, in order. */
  readonly sent: OfficeCommand[] = [];
  /** The reads of the order list, with their filters. */
  readonly orderReads: SalesOrderFilter[] = [];
  /** Command types the office refuses, with its refusal. */
  readonly refuse = new Map<OfficeCommand['type'], RuleViolation>();
  private readonly watchers = new Set<(views: readonly SalesOfficeView[]) => void>();
  private numbers = 0;

  constructor(readonly jobs: readonly BackOfficeJob[] = ['sales', 'marketing']) {}

  /** The office's room says these views changed (all of them unless named). */
  changed(views: readonly SalesOfficeView[] = salesOfficeViews): void {
    for (const watcher of this.watchers) watcher(views);
  }

  watch(changed: (views: readonly SalesOfficeView[]) => void): () => void {
    this.watchers.add(changed);
    return () => this.watchers.delete(changed);
  }

  async orders(filter: SalesOrderFilter) {
    this.orderReads.push(filter);
    const words = { openOrder: 'Open order', delivered: 'Delivered', invoiced: 'Invoiced', cancelled: 'Cancelled' } as const;
    return structuredClone([...this.orderDetails.values()].map((d) => d.header)).filter((h) =>
      (filter.type === undefined || h.type === filter.type) && (filter.status === undefined || h.status === words[filter.status])
      && (filter.customer === undefined || `${h.customerAccount} ${h.customerName}`.toLowerCase().includes(filter.customer.toLowerCase()))
      && (filter.origin === undefined || h.origin === filter.origin) && (filter.backordered === undefined || String(h.backordered) === filter.backordered));
  }

  // Each read is a copy, as a read over the wire is: a screen never holds the office's own records.
  async order(id: string) { return structuredClone(this.found(this.orderDetails, id)); }
  async openPackingSlips() { return structuredClone([...this.orderDetails.values()].flatMap((d) => d.packingSlips).filter((s) => s.invoiceId === null)); }
  async quotations() { return structuredClone([...this.quotationDetails.values()]); }
  async quotation(id: string) { return structuredClone(this.found(this.quotationDetails, id)); }
  async agreements() { return structuredClone([...this.agreementDetails.values()]); }
  async agreement(id: string) { return structuredClone(this.found(this.agreementDetails, id)); }
  async backorders() { return structuredClone(this.backorderViews); }
  async invoices() { return structuredClone([...this.invoiceViews.values()]); }
  async invoice(id: string) { return structuredClone(this.found(this.invoiceViews, id)); }
  async pipeline() { return structuredClone(this.pipelineView); }
  async campaigns() { return structuredClone([...this.campaignDetails.values()]); }
  async campaign(id: string) { return structuredClone(this.found(this.campaignDetails, id)); }

  async proForma(source: ProFormaSource): Promise<OfficeAnswer<ProFormaInvoiceView>> {
    const lines = 'salesOrderId' in source
      ? this.found(this.orderDetails, source.salesOrderId).lines.map((l) => ({ text: `${l.productName} x ${l.quantity}`, amount: l.lineAmount.amount }))
      : source.freeText.lines.map((l) => ({ text: `${l.mainAccount} ${l.text}`, amount: l.amount }));
    const subtotal = lines.reduce((n, l) => n + l.amount, 0);
    const tax = Math.round(subtotal * 0.0825);
    const customerAccount = 'salesOrderId' in source ? 'C-ALDER' : source.freeText.customerAccount;
    const printLines = invoicePrintLines({
      proForma: true, kind: 'freeText', customerAccount, currency: 'USD', postedOn: '2027-03-02', salesOrderIds: [], packingSlipIds: [], subtotal, tax, total: subtotal + tax,
      lines: lines.map((l) => ({ salesOrderId: null, lineId: null, productId: null, mainAccount: null, text: l.text, quantity: 1, amount: l.amount, tax: 0 })),
    });
    return { ok: true, value: { proForma: true, customerAccount, lines: [], subtotal: usd(subtotal), tax: usd(tax), total: usd(subtotal + tax), printLines } };
  }

  async send(command: OfficeCommand): Promise<OfficeAnswer<Record<string, unknown>>> {
    this.sent.push(command);
    const refusal = this.refuse.get(command.type);
    if (refusal !== undefined) return { ok: false, error: refusal };
    return { ok: true, value: this.apply(command) };
  }

  private next(prefix: string): string {
    this.numbers += 1;
    return `${prefix}-${String(this.numbers).padStart(6, '0')}`;
  }

  /** What the office would change, for the commands the tests follow. */
  private apply(command: OfficeCommand): Record<string, unknown> {
    switch (command.type) {
      case 'sales.postPackingSlip': {
        const order = this.found(this.orderDetails, command.salesOrderId);
        const packingSlipId = this.next('PSLIP');
        for (const { lineId, quantity } of command.lines) {
          const l = order.lines.find((x) => x.lineId === lineId)!;
          Object.assign(l, { deliverRemainder: l.deliverRemainder - quantity, invoiceRemainder: l.invoiceRemainder + quantity, delivered: l.delivered + quantity });
        }
        order.packingSlips.push({
          packingSlipId, salesOrderId: command.salesOrderId, customerAccount: order.header.customerAccount, postedOn: '2027-03-02', invoiceId: null,
          lines: command.lines.map(({ lineId, quantity }) => ({ lineId, productId: 'P', productName: order.lines.find((x) => x.lineId === lineId)!.productName, quantity })),
        });
        offerSlipInvoice(order);
        return { packingSlipId };
      }
      case 'sales.invoicePackingSlips':
      case 'sales.collectiveInvoice': {
        const invoiceId = this.next('SINV');
        const slips = [...this.orderDetails.values()].flatMap((d) => d.packingSlips).filter((s) => command.packingSlipIds.includes(s.packingSlipId));
        for (const slip of slips) slip.invoiceId = invoiceId;
        for (const order of this.orderDetails.values()) offerSlipInvoice(order);
        this.invoiceViews.set(invoiceId, slipInvoice(invoiceId, slips, command.type === 'sales.collectiveInvoice' ? 'Collective' : 'From packing slips'));
        return { invoiceId };
      }
      case 'sales.receivePurchaseLine': {
        const vendorLine = this.backorderViews.byVendor.flatMap((v) => v.lines).find((l) => l.lineId === command.lineId)!;
        Object.assign(vendorLine, { received: vendorLine.received + command.quantity, open: vendorLine.open - command.quantity });
        return {};
      }
      case 'sales.createAgreement': {
        const agreementId = this.next('AG');
        this.agreementDetails.set(agreementId, {
          agreementId, customerAccount: command.customerAccount, customerName: 'Alder Outfitters', status: 'On hold', effective: command.effective, expiration: command.expiration,
          currency: 'USD', commitments: 0, commitmentLines: [], salesOrderIds: [],
          actions: [
            offered('sales.makeAgreementEffective', 'Make effective'), offered('sales.closeAgreement', 'Close'), offered('sales.addCommitment', 'Add commitment'),
            refused('sales.releaseOrder', 'Release order', `agreement ${agreementId} is on hold: only an effective agreement releases orders`),
            offered('sales.changeAgreementDates', 'Change dates'), offered('sales.removeCommitment', 'Remove commitment'), offered('sales.expireAgreement', 'Close as expired'),
          ],
        });
        return { agreementId };
      }
      case 'sales.addCommitment': {
        const agreement = this.found(this.agreementDetails, command.agreementId);
        const { kind, committed } = command.commitment;
        const commitmentId = `${command.agreementId}-${agreement.commitmentLines.length + 1}`;
        agreement.commitmentLines.push({
          ...command.commitment, commitmentId, kind: kind === 'productQuantity' ? 'Product quantity' : 'Amount', productName: command.commitment.productId ?? null,
          productId: command.commitment.productId ?? null, categoryId: command.commitment.categoryId ?? null, unitPrice: command.commitment.unitPrice == null ? null : usd(command.commitment.unitPrice),
          discountPct: command.commitment.discountPct ?? 0, maxEnforced: command.commitment.maxEnforced ?? false, priceFixed: command.commitment.priceFixed ?? false,
          measure: kind === 'productQuantity' ? 'quantity' : 'amount', committed, ordered: 0, delivered: 0, invoiced: 0, remaining: committed,
        });
        return { agreementId: command.agreementId, commitmentId };
      }
      case 'marketing.closeCampaign': ended(this.found(this.campaignDetails, command.campaignId), 'Closed'); return { campaignId: command.campaignId };
      case 'marketing.cancelCampaign': ended(this.found(this.campaignDetails, command.campaignId), 'Cancelled'); return { campaignId: command.campaignId };
      case 'sales.changeAgreementDates': Object.assign(this.found(this.agreementDetails, command.agreementId), { effective: command.effective, expiration: command.expiration }); return { agreementId: command.agreementId };
      case 'sales.removeCommitment': {
        const agreement = this.found(this.agreementDetails, command.agreementId);
        agreement.commitmentLines = agreement.commitmentLines.filter((c) => c.commitmentId !== command.commitmentId);
        return { agreementId: command.agreementId };
      }
      case 'sales.expireAgreement': Object.assign(this.found(this.agreementDetails, command.agreementId), { status: 'Closed' }); return { agreementId: command.agreementId };
      case 'sales.changeQuotationLines': {
        // SM-15 / SM-8 as the office would: tents at Alder's agreement price, any other item at its base price.
        const quotation = this.found(this.quotationDetails, command.quotationId);
        quotation.lines = command.lines.map((l, i) => {
          const [productName, unitPrice, priceSource] = l.productId === 'P-TENT' ? ['Trail tent', 15000, 'Sales agreement'] : l.productId === 'P-STOVE' ? ['Camp stove', 8999, 'Base price'] : [l.productId, 2499, 'Base price'];
          return { lineId: `L${i + 1}`, productId: l.productId, productName, quantity: l.quantity, unitPrice: usd(unitPrice), discount: usd(0), lineAmount: usd(unitPrice * l.quantity), priceSource, requestedShipDate: l.requestedShipDate, warehouseId: l.warehouseId ?? 'W1' };
        });
        quotation.total = usd(quotation.lines.reduce((n, l) => n + l.lineAmount.amount, 0));
        return { quotationId: command.quotationId };
      }
      case 'sales.confirmQuotation': return { salesOrderId: this.next('SO') };
      case 'sales.createQuotation': return { quotationId: this.next('QT') };
      default: return {};
    }
  }

  private found<T>(records: ReadonlyMap<string, T>, id: string): T {
    const record = records.get(id);
    if (record === undefined) throw Object.assign(new Error(`there is no "${id}"`), { violation: { rule: 'NOT_FOUND', message: `there is no "${id}"` } });
    return record;
  }
}
