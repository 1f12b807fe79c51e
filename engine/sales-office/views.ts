/**
 * What the back-office screens read of the sales office (engine/protocol/sales.ts), computed from its records every
 * time: statuses are derived (salesOrderStatus, quotationStatus, campaignStatus...) and put in plain words here.
 * The stores' and the call center's orders that reached headquarters, and the stores' returns, are shown through a
 * view adapter over headquarters' own records (never copied into the office).
 */
import { addDays, calendarDay } from '../domain/call-center/continuity.ts';
import { campaignStatus } from '../domain/marketing/campaigns.ts';
import type { Party } from '../domain/marketing/parties.ts';
import { agreementFulfilment, type AgreementStatus } from '../domain/sales/agreements.ts';
import { backordersByCustomer, backordersByItem, backordersByVendor, backorderSplit, isBackordered, type BackorderLine } from '../domain/sales/backorders.ts';
import { proFormaInvoice } from '../domain/sales/documents.ts';
import { storeDocuments, type ReceivedOrderState, type StoreDocument } from '../domain/sales/store-documents.ts';
import { proFormaFreeTextInvoice } from '../domain/sales/free-text-invoice.ts';
import { invoicePrintLines, type ProFormaInvoice } from '../domain/sales/invoice-document.ts';
import { isLateReceipt, openQuantity } from '../domain/sales/purchase-orders.ts';
import { isQuotationExpired, quotationStatus, type Quotation } from '../domain/sales/quotation.ts';
import { lineStatus, salesOrderStatus } from '../domain/sales/sales-order.ts';
import type { InvoiceLine, PurchaseOrderLine, SalesInvoice, SalesLine, SalesOrderRecord, SalesOrderStatus, SalesOrderType } from '../domain/sales/types.ts';
import { isViolation, violation, type RuleViolation } from '../domain/violation.ts';
import type { HqReturnOrder, SalesOrder as StoreSalesOrder } from '../domain/headquarters.ts';
import type {
  AgreementDetail, AgreementRow, FreeTextFields, BackorderLineView, BackorderViews, CampaignDetail, CampaignRow, InvoiceLineView, InvoiceRow, InvoiceView, MoneyView,
  OfferedAction, PartyView, PipelineView, ProFormaInvoiceView, PurchaseOrderLineView, QuotationDetail, QuotationRow, SalesOrderDetail, SalesOrderFilter,
  SalesOrderLineView, SalesOrderRow, StoreDocumentView,
} from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';
import { freeTextEntry, freeTextSetup } from './sales-commands.ts';

export const TYPE_WORDS: Record<SalesOrderType, string> = {
  journal: 'Journal', salesOrder: 'Sales order', subscription: 'Subscription', returnedOrder: 'Returned order', itemRequirements: 'Item requirements',
};
export const STATUS_WORDS: Record<SalesOrderStatus, string> = { openOrder: 'Open order', delivered: 'Delivered', invoiced: 'Invoiced', cancelled: 'Cancelled' };
const INVENTORY_WORDS: Record<SalesLine['inventory'], string> = { none: 'None', onOrder: 'On order', reserved: 'Reserved', deducted: 'Deducted', sold: 'Sold', received: 'Received' };
const PRICE_WORDS: Record<SalesLine['priceSource'], string> = {
  agreement: 'Sales agreement', customerTradeAgreement: 'Customer trade agreement', priceGroupTradeAgreement: 'Price group trade agreement', basePrice: 'Base price',
  sourceCode: 'Source code', channelPriceGroup: 'Channel price group', manual: 'Entered by hand',
};
const INVOICE_KIND_WORDS: Record<SalesInvoice['kind'], string> = { order: 'Sales order', packingSlips: 'From packing slips', collective: 'Collective', freeText: 'Free text' };
const ROLE_WORDS: Record<Party['roles'][number], string> = { prospect: 'Prospect', leadContact: 'Lead contact', opportunityContact: 'Opportunity contact', customer: 'Customer' };
const STORE_DELIVERY_WORDS: Record<StoreDocument['deliveries'][number], string> = { ship: 'shipped', pickup: 'picked up', carryOut: 'carried out', charges: 'charges only' };
const STATUS_OF_AGREEMENT: Record<AgreementStatus, string> = { onHold: 'on hold', effective: 'effective', closed: 'closed' };
const words = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/([A-Z])/g, ' $1').toLowerCase();

/** An action a detail offers, or why not (the refusal the command would get now). */
const offer = (action: string, label: string, refusal: RuleViolation | null): OfferedAction => ({ action, label, offered: refusal === null, reason: refusal?.message ?? null });

const lineAmount = (line: Pick<SalesLine, 'unitPrice' | 'quantity' | 'discount'>) => line.unitPrice * line.quantity - line.discount;

export class SalesOfficeViews {
  constructor(private readonly office: SalesOffice) {}

  private money(amount: number): MoneyView {
    return { amount, currency: this.office.catalog.config.currency };
  }

  private productName(productId: string): string {
    return this.office.catalog.products.get(productId)?.name ?? productId;
  }

  private get today(): string {
    return this.office.today;
  }

  // --- Sales orders ---

  private officeRow(record: SalesOrderRecord): SalesOrderRow {
    const { header } = record;
    return {
      salesOrderId: header.salesOrderId, type: header.type, typeWords: TYPE_WORDS[header.type], status: STATUS_WORDS[salesOrderStatus(record)],
      customerAccount: header.customerAccount, customerName: this.office.customerName(header.customerAccount), orderDate: header.orderDate,
      total: this.money(record.lines.reduce((n, l) => n + lineAmount(l), 0)), origin: header.origin,
      backordered: record.lines.some((l) => isBackordered(record, l, this.today)), storeId: null,
    };
  }

  /** Issue 13: a store's or the call center's order as a Sales order (its own status read from what the store reported). */
  private storeRow(order: StoreSalesOrder): SalesOrderRow {
    const summary = order.order;
    const status: SalesOrderStatus = order.cancelled !== undefined || summary.status === 'Cancelled' ? 'cancelled'
      : summary.status === 'Invoiced' ? 'invoiced' : summary.status === 'Delivered' ? 'delivered' : 'openOrder';
    return {
      salesOrderId: order.salesOrderId, type: 'salesOrder', typeWords: TYPE_WORDS.salesOrder, status: STATUS_WORDS[status], customerAccount: order.customerAccount,
      customerName: this.office.customerName(order.customerAccount), orderDate: calendarDay(order.createdAt), total: this.money(summary.total),
      origin: this.quotationOf(order.salesOrderId) ? 'quotation' : order.createdVia === 'callCenter' ? 'callCenter' : 'store', backordered: false, storeId: order.storeId,
    };
  }

  /** Whether a quotation picked up at a store made this sales order (its origin is the quotation, not the call center). */
  private quotationOf(salesOrderId: string): boolean {
    return this.office.quotations.all().some((q) => q.context.salesOrderId === salesOrderId);
  }

  /** Issue 13: a store's return as a Returned order (its RMA number is its number). */
  private returnRow(ret: HqReturnOrder): SalesOrderRow {
    const account = ret.customerId === null ? '' : ret.customerId;
    return {
      salesOrderId: ret.rmaNumber, type: 'returnedOrder', typeWords: TYPE_WORDS.returnedOrder, status: STATUS_WORDS.invoiced, customerAccount: account,
      customerName: account === '' ? 'No customer' : this.office.customerName(account), orderDate: calendarDay(ret.at), total: this.money(-ret.total),
      origin: 'store', backordered: false, storeId: ret.storeId,
    };
  }

  orders(filter: SalesOrderFilter = {}): SalesOrderRow[] {
    const rows = [
      ...this.office.orderRecords().map((r) => this.officeRow(r)),
      ...[...this.office.host.storeOrders()].map((o) => this.storeRow(o)),
      ...[...this.office.host.storeReturns()].map((r) => this.returnRow(r)),
    ];
    return rows.filter((row) => (filter.type === undefined || row.type === filter.type)
      && (filter.status === undefined || row.status === STATUS_WORDS[filter.status])
      && (filter.customer === undefined || row.customerAccount === filter.customer)
      && (filter.origin === undefined || row.origin === filter.origin)
      && (filter.backordered === undefined || row.backordered === (filter.backordered === 'true')));
  }

  private lineView(record: SalesOrderRecord, line: SalesLine): SalesOrderLineView {
    return {
      lineId: line.lineId, productId: line.productId, productName: this.productName(line.productId), quantity: line.quantity,
      unitPrice: this.money(line.unitPrice), discount: this.money(line.discount), lineAmount: this.money(lineAmount(line)), priceSource: PRICE_WORDS[line.priceSource],
      deliverRemainder: line.deliverRemainder, invoiceRemainder: line.invoiceRemainder, delivered: line.delivered, invoiced: line.invoiced, cancelled: line.cancelled,
      status: STATUS_WORDS[lineStatus(line)], inventory: INVENTORY_WORDS[line.inventory], requestedShipDate: line.requestedShipDate,
      confirmedShipDate: line.confirmedShipDate, previousConfirmedShipDate: line.previousConfirmedShipDate, notifyCustomer: line.notifyCustomer,
      warehouseId: line.warehouseId, backordered: isBackordered(record, line, this.today), agreement: line.agreement,
    };
  }

  /** SM-12: the order's packing slips not invoiced yet. */
  private slipsToInvoice(salesOrderId: string): number {
    return Object.values(this.office.records.packingSlips).filter((s) => s.salesOrderId === salesOrderId && s.invoiceId === null).length;
  }

  /** The order actions the detail offers, each with the reason (from the order's chart and rules) when not offered. */
  private actions(record: SalesOrderRecord): OfferedAction[] {
    const id = record.header.salesOrderId;
    const lines = record.lines.filter((l) => l.deliverRemainder !== 0).map((l) => ({ lineId: l.lineId, quantity: l.deliverRemainder }));
    const invoicing = record.lines.filter((l) => l.invoiceRemainder !== 0).map((l) => ({ lineId: l.lineId, quantity: l.invoiceRemainder }));
    const nothing = (what: string) => violation('SM-12', `order ${id} has nothing ${what}`, 'lines');
    return [
      offer('sales.confirmOrder', 'Confirm', this.office.orders.refusal(id, { type: 'CONFIRM', on: this.today })),
      offer('sales.postPackingSlip', 'Post packing slip', lines.length === 0 ? nothing('left to deliver') : this.office.orders.refusal(id, { type: 'DELIVER', lines })),
      offer('sales.invoiceOrder', 'Invoice', invoicing.length === 0 ? nothing('delivered waiting to be invoiced') : this.office.orders.refusal(id, { type: 'INVOICE', lines: invoicing })),
      offer('sales.invoicePackingSlips', 'Invoice chosen slips', this.slipsToInvoice(id) === 0 ? violation('SM-12', `order ${id} has no packing slip waiting to be invoiced`, 'packingSlipIds') : this.office.orders.refusal(id, { type: 'INVOICE', lines: invoicing })),
      offer('sales.cancelRemainder', 'Cancel remainder', this.office.orders.refusal(id, { type: 'CANCEL_REMAINDERS', lineIds: null })),
      offer('sales.changeOrderType', 'Change type', null),
    ];
  }

  order(salesOrderId: string): SalesOrderDetail | null {
    const record = this.office.order(salesOrderId);
    if (isViolation(record)) return this.storeOrder(salesOrderId);
    const row = this.officeRow(record);
    const { header } = record;
    const agreementIds = [...new Set(record.lines.flatMap((l) => (l.agreement === null ? [] : [l.agreement.agreementId])))];
    return {
      header: { ...row, priority: header.priority, rmaNumber: header.rmaNumber, quotationId: header.quotationId, campaignId: header.campaignId, projectId: header.projectId ?? null, confirmedOn: header.confirmedOn ?? null, currency: header.currency },
      lines: record.lines.map((l) => this.lineView(record, l)),
      packingSlips: Object.values(this.office.records.packingSlips).filter((s) => s.salesOrderId === salesOrderId)
        .map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, productName: this.productName(l.productId) })) })),
      invoices: Object.values(this.office.records.invoices).filter((i) => i.salesOrderIds.includes(salesOrderId)).map((i) => this.invoiceRow(i)),
      storeDocuments: [],
      agreements: agreementIds.map((agreementId) => ({ agreementId, status: this.agreementWords(agreementId) })),
      actions: this.actions(record),
    };
  }

  /** A store's order in the office's detail: its lines as the store reported them (delivered = invoiced there), no office actions. */
  private storeOrder(salesOrderId: string): SalesOrderDetail | null {
    const order = [...this.office.host.storeOrders()].find((o) => o.salesOrderId === salesOrderId);
    if (order === undefined) return null;
    const row = this.storeRow(order);
    return {
      header: { ...row, priority: 5, rmaNumber: null, quotationId: null, campaignId: null, projectId: null, confirmedOn: row.orderDate, currency: this.office.catalog.config.currency },
      lines: order.order.lines.map((l) => ({
        lineId: l.lineId, productId: l.productId, productName: this.productName(l.productId), quantity: l.quantity, unitPrice: this.money(l.unitPrice), discount: this.money(0),
        lineAmount: this.money(l.unitPrice * l.quantity), priceSource: 'Store price', deliverRemainder: l.quantity - l.invoiced, invoiceRemainder: 0, delivered: l.invoiced,
        invoiced: l.invoiced, cancelled: 0, status: l.invoiced >= l.quantity ? STATUS_WORDS.invoiced : STATUS_WORDS.openOrder, inventory: l.invoiced >= l.quantity ? 'Sold' : 'At the store',
        requestedShipDate: row.orderDate, confirmedShipDate: null, previousConfirmedShipDate: null, notifyCustomer: false, warehouseId: l.locationId, backordered: false, agreement: null,
      })),
      packingSlips: [], invoices: [], storeDocuments: storeDocuments(this.receivedStates(order)).map((d) => this.storeDocument(d)), agreements: [],
      actions: [{ action: 'sales.postPackingSlip', label: 'Post packing slip', offered: false, reason: `order ${salesOrderId} is fulfilled by store ${order.storeId}` }],
    };
  }

  /** The store order's states headquarters received and applied (as created, then each revision); its latest alone when none was uploaded. */
  private receivedStates(order: StoreSalesOrder): ReceivedOrderState[] {
    const ours = (summary: { channelReference: string }) => summary.channelReference === order.channelReference;
    const states = [...this.office.host.storeUploads()].flatMap(({ item }): ReceivedOrderState[] => {
      if (item.kind === 'orderCreated' && ours(item.order)) return [{ revision: 0, at: item.at, order: item.order }];
      if (item.kind === 'orderUpdated' && ours(item.order) && item.revision <= order.revision) return [{ revision: item.revision, at: item.at, order: item.order }];
      return [];
    });
    return states.length > 0 ? states : [{ revision: order.revision, at: order.createdAt, order: order.order }];
  }

  private storeDocument(document: StoreDocument): StoreDocumentView {
    const how = document.deliveries.map((d) => STORE_DELIVERY_WORDS[d]).join(', ');
    return {
      number: document.number, date: calendarDay(document.at), kind: document.slipOf === null ? `Invoice (${how})` : `Packing slip for invoice ${document.slipOf}`,
      amount: this.money(document.amount),
      lines: document.lines.map((l) => ({ ...l, productName: this.productName(l.productId) })),
    };
  }

  /** SM-14: the pro forma of what invoicing the order would post now (nothing is posted). */
  proForma(salesOrderId: string): ProFormaInvoiceView | RuleViolation {
    const record = this.office.order(salesOrderId);
    if (isViolation(record)) return record;
    const draft = proFormaInvoice({ from: 'orders', orders: [this.office.postingsOf(record)], invoiceDate: this.today }, () => this.office.taxRate());
    return isViolation(draft) ? draft : this.proFormaView(draft);
  }

  /** SM-14: the pro forma of a free text invoice as entered (the same totals posting would give; nothing is posted). */
  freeTextProForma(entered: FreeTextFields): ProFormaInvoiceView | RuleViolation {
    const config = this.office.config;
    if (config === undefined) return violation('NOT_FOUND', 'the chain has no sales office configured (salesOffice in the chain config)', 'customerAccount');
    const entry = freeTextEntry(this.office, config, entered);
    if (isViolation(entry)) return entry;
    const draft = proFormaFreeTextInvoice(entry, freeTextSetup(this.office, config));
    return isViolation(draft) ? draft : this.proFormaView(draft);
  }

  private proFormaView(draft: ProFormaInvoice): ProFormaInvoiceView {
    return {
      proForma: true, customerAccount: draft.customerAccount, lines: draft.lines.map((l) => this.invoiceLine(l)), subtotal: this.money(draft.subtotal), tax: this.money(draft.tax),
      total: this.money(draft.total), printLines: invoicePrintLines(draft),
    };
  }

  // --- Invoices ---

  private invoiceLine(line: InvoiceLine): InvoiceLineView {
    return { ...line, amount: this.money(line.amount), tax: this.money(line.tax) };
  }

  private invoiceRow(invoice: SalesInvoice): InvoiceRow {
    return {
      invoiceId: invoice.invoiceId, kind: INVOICE_KIND_WORDS[invoice.kind], customerAccount: invoice.customerAccount, customerName: this.office.customerName(invoice.customerAccount),
      postedOn: invoice.postedOn, salesOrderIds: invoice.salesOrderIds, packingSlipIds: invoice.packingSlipIds, total: this.money(invoice.total),
    };
  }

  invoices(): InvoiceRow[] {
    return Object.values(this.office.records.invoices).map((i) => this.invoiceRow(i));
  }

  invoice(invoiceId: string): InvoiceView | null {
    const invoice = this.office.records.invoices[invoiceId];
    if (invoice === undefined) return null;
    return { ...this.invoiceRow(invoice), lines: invoice.lines.map((l) => this.invoiceLine(l)), subtotal: this.money(invoice.subtotal), tax: this.money(invoice.tax), printLines: invoicePrintLines(invoice) };
  }

  // --- Quotations ---

  private quotationRow(q: Quotation): QuotationRow {
    const party = this.office.party(q.partyId);
    return {
      quotationId: q.quotationId, partyId: q.partyId, partyName: isViolation(party) ? q.partyId : party.name, partyRole: q.partyRole === 'prospect' ? 'Prospect' : 'Customer',
      customerAccount: q.customerAccount, status: words(quotationStatus(q)), createdOn: q.createdOn, expiryDate: q.expiryDate, expired: isQuotationExpired(q, this.today),
      total: this.money(q.lines.reduce((n, l) => n + lineAmount(l), 0)), campaignId: q.campaignId, salesOrderId: q.salesOrderId,
    };
  }

  quotations(): QuotationRow[] {
    return this.office.quotations.all().map((s) => this.quotationRow(s.context));
  }

  quotation(quotationId: string): QuotationDetail | null {
    if (!this.office.quotations.has(quotationId)) return null;
    const q = this.office.quotations.snapshot(quotationId).context;
    return {
      ...this.quotationRow(q),
      lines: q.lines.map((l) => ({ ...l, productName: this.productName(l.productId), unitPrice: this.money(l.unitPrice), discount: this.money(l.discount), lineAmount: this.money(lineAmount(l)), priceSource: PRICE_WORDS[l.priceSource] })),
      sends: q.sends, lastSentOn: q.lastSentOn, closing: q.closing === null ? null : { ...q.closing, outcome: words(q.closing.outcome) },
      actions: [
        offer('sales.sendQuotation', 'Send', this.office.quotations.refusal(quotationId, { type: 'SEND', on: this.today })),
        offer('sales.confirmQuotation', 'Confirm', this.office.quotations.refusal(quotationId, { type: 'CONFIRM', salesOrderId: 'next', on: this.today, priority: 5 })),
        offer('sales.loseQuotation', 'Lost', this.office.quotations.refusal(quotationId, { type: 'MARK_LOST', reason: 'reason', on: this.today })),
        offer('sales.cancelQuotation', 'Cancel', this.office.quotations.refusal(quotationId, { type: 'CANCEL', reason: 'reason', on: this.today })),
        // SM-6: any later day not past would do; the day after the later of its expiry and today.
        offer('sales.extendQuotation', 'Extend expiry', this.office.quotations.refusal(quotationId, { type: 'EXTEND_EXPIRY', expiryDate: addDays(q.expiryDate > this.today ? q.expiryDate : this.today, 1), on: this.today })),
        // SM-6: asked with its present lines; the new list is priced again when the command comes.
        offer('sales.changeQuotationLines', 'Change lines', this.office.quotations.refusal(quotationId, { type: 'CHANGE_LINES', lines: q.lines })),
      ],
    };
  }

  // --- Agreements ---

  private agreementWords(agreementId: string): string {
    const state = this.office.agreementState(agreementId);
    return isViolation(state) ? 'Unknown' : words(state.status);
  }

  private agreementRow(agreementId: string): AgreementRow {
    const { agreement } = this.office.agreements.snapshot(agreementId).context;
    return {
      agreementId, customerAccount: agreement.customerAccount, customerName: this.office.customerName(agreement.customerAccount), status: this.agreementWords(agreementId),
      effective: agreement.effective, expiration: agreement.expiration, currency: agreement.currency, commitments: agreement.commitments.length,
    };
  }

  agreements(): AgreementRow[] {
    return this.office.agreements.ids().map((id) => this.agreementRow(id));
  }

  agreement(agreementId: string): AgreementDetail | null {
    if (!this.office.agreements.has(agreementId)) return null;
    const snapshot = this.office.agreements.snapshot(agreementId);
    const { agreement } = snapshot.context;
    const status = String(snapshot.value) as AgreementStatus;
    const orders = this.office.orderRecords();
    const linked = orders.flatMap((o) => o.lines).filter((l) => l.agreement?.agreementId === agreementId);
    const fulfilment = agreementFulfilment(agreement, linked);
    // SM-7: only an agreement on hold has its terms changed.
    const onHold = (what: string) => (status === 'onHold' ? null : violation('SM-7', `agreement ${agreementId} is ${STATUS_OF_AGREEMENT[status]}: only an agreement on hold ${what}`, 'agreementId'));
    return {
      ...this.agreementRow(agreementId),
      commitmentLines: agreement.commitments.map((c, i) => ({
        ...fulfilment[i]!, kind: words(c.kind), productId: c.productId, productName: c.productId === null ? null : this.productName(c.productId), categoryId: c.categoryId,
        unitPrice: c.unitPrice === null ? null : this.money(c.unitPrice), discountPct: c.discountPct, maxEnforced: c.maxEnforced, priceFixed: c.priceFixed,
      })),
      salesOrderIds: orders.filter((o) => o.lines.some((l) => l.agreement?.agreementId === agreementId)).map((o) => o.header.salesOrderId),
      actions: [
        offer('sales.makeAgreementEffective', 'Make effective', this.office.agreements.refusal(agreementId, { type: 'MAKE_EFFECTIVE', on: this.today })),
        offer('sales.closeAgreement', 'Close', this.office.agreements.refusal(agreementId, { type: 'CLOSE', on: this.today })),
        offer('sales.addCommitment', 'Add commitment', onHold('takes commitment lines')),
        offer('sales.releaseOrder', 'Release order', status === 'effective' ? null : violation('SM-8', `agreement ${agreementId} is ${STATUS_OF_AGREEMENT[status]}: only an effective agreement releases orders`, 'agreementId')),
        offer('sales.changeAgreementDates', 'Change dates', onHold('changes its dates')),
        offer('sales.removeCommitment', 'Remove commitment', agreement.commitments.length === 0 ? violation('SM-7', `agreement ${agreementId} has no commitment line to remove`, 'commitmentId') : onHold('loses commitment lines')),
        offer('sales.expireAgreement', 'Close as expired', this.office.agreements.refusal(agreementId, { type: 'EXPIRE', on: this.today })),
      ],
    };
  }

  // --- Backorders and purchase lines (SM-10, SM-11) ---

  private backorderLine(line: BackorderLine): BackorderLineView {
    return { ...line, customerName: this.office.customerName(line.customerAccount), productName: this.productName(line.productId), status: words(line.status) };
  }

  purchaseLine(line: PurchaseOrderLine): PurchaseOrderLineView {
    const vendorName = this.office.config?.vendors.find((v) => v.vendorAccount === line.vendorAccount)?.name ?? line.vendorAccount;
    return { ...line, vendorName, productName: this.productName(line.productId), open: openQuantity(line), late: isLateReceipt(line, this.today) };
  }

  purchaseLines(): PurchaseOrderLineView[] {
    return Object.values(this.office.records.purchaseLines).map((l) => this.purchaseLine(l));
  }

  backorders(): BackorderViews {
    const orders = this.office.orderRecords();
    const purchases = Object.values(this.office.records.purchaseLines);
    const split = backorderSplit(orders, this.office.available(), this.today);
    return {
      asOf: this.today,
      byItem: backordersByItem(orders, purchases, this.office.records.onHand, this.today).map((item) => ({
        ...item, productName: this.productName(item.productId),
        split: split.filter((a) => a.productId === item.productId && a.warehouseId === item.warehouseId)
          .map(({ salesOrderId, lineId, allocated, stillBackordered }) => ({ salesOrderId, lineId, allocated, stillBackordered })),
      })),
      byCustomer: backordersByCustomer(orders, this.today).map((c) => ({ customerAccount: c.customerAccount, customerName: this.office.customerName(c.customerAccount), lines: c.lines.map((l) => this.backorderLine(l)) })),
      byVendor: backordersByVendor(purchases, this.today).map((v) => ({
        vendorAccount: v.vendorAccount, vendorName: this.office.config?.vendors.find((x) => x.vendorAccount === v.vendorAccount)?.name ?? v.vendorAccount,
        lines: v.lines.map((l) => this.purchaseLine(this.office.records.purchaseLines[`${l.purchaseOrderId}/${l.lineId}`]!)),
      })),
    };
  }

  // --- Marketing ---

  private partyView(party: Party): PartyView {
    return {
      partyId: party.partyId, name: party.name, type: words(party.type), roles: party.roles.map((r) => ROLE_WORDS[r]), customerAccount: party.customerAccount,
      contacts: party.contacts.map((c) => ({ ...c, channel: words(c.channel) })), leadIds: party.leadIds, opportunityIds: party.opportunityIds, quotationIds: party.quotationIds, campaignIds: party.campaignIds,
    };
  }

  private partyName(partyId: string): string {
    const party = this.office.party(partyId);
    return isViolation(party) ? partyId : party.name;
  }

  pipeline(): PipelineView {
    return {
      prospects: Object.values(this.office.records.parties).filter((p) => p.customerAccount === null).map((p) => this.partyView(p)),
      leads: this.office.leads.all().map(({ context: l }) => ({
        leadId: l.leadId, partyId: l.partyId, partyName: this.partyName(l.partyId), topic: l.topic, createdOn: l.createdOn, campaignId: l.campaignId,
        status: words(l.status), opportunityId: l.opportunityId, disqualifiedReason: l.disqualifiedReason,
      })),
      opportunities: this.office.opportunities.all().map(({ context: o }) => ({
        opportunityId: o.opportunityId, partyId: o.partyId, partyName: this.partyName(o.partyId), topic: o.topic, openedOn: o.openedOn, leadId: o.leadId,
        campaignId: o.campaignId, status: words(o.status), closeReason: o.closeReason, customerAccount: o.customerAccount,
      })),
    };
  }

  private campaignRow(campaignId: string): CampaignRow {
    const c = this.office.campaigns.snapshot(campaignId).context;
    const count = (response: string) => c.targets.filter((t) => t.response === response).length;
    return {
      campaignId, name: c.name, type: words(c.type), status: words(campaignStatus(c)), startsOn: c.startsOn, endsOn: c.endsOn, targets: c.targets.length,
      responses: { positive: count('positive'), negative: count('negative'), none: count('none') },
    };
  }

  campaigns(): CampaignRow[] {
    return this.office.campaigns.ids().map((id) => this.campaignRow(id));
  }

  campaign(campaignId: string): CampaignDetail | null {
    if (!this.office.campaigns.has(campaignId)) return null;
    const c = this.office.campaigns.snapshot(campaignId).context;
    const FROM = { prospect: 'Prospect', lead: 'Lead', opportunity: 'Opportunity', customer: 'Customer' } as const;
    return {
      ...this.campaignRow(campaignId),
      targetList: c.targets.map((t) => ({
        targetId: t.targetId, partyId: t.partyId, contactId: t.contactId, name: t.name, reachedAt: t.reachedAt, from: FROM[t.from], response: words(t.response), respondedOn: t.respondedOn,
        followUp: t.followUp === null ? null : t.followUp.kind === 'opportunity' ? `Opportunity ${t.followUp.opportunityId}` : `Quotation ${t.followUp.requestId}`,
      })),
      leftOut: c.leftOut.map((l) => ({ ...l, partyName: this.partyName(l.partyId) })),
      actions: [
        offer('marketing.chooseTargets', 'Choose targets', this.office.campaigns.refusal(campaignId, { type: 'CHOOSE_TARGETS', choices: [] })),
        offer('marketing.activateCampaign', 'Activate', this.office.campaigns.refusal(campaignId, { type: 'LAUNCH', on: this.today })),
        offer('marketing.closeCampaign', 'Close campaign', this.office.campaigns.refusal(campaignId, { type: 'CLOSE', on: this.today })),
        offer('marketing.cancelCampaign', 'Cancel campaign', this.office.campaigns.refusal(campaignId, { type: 'CANCEL', on: this.today })),
      ],
    };
  }
}
