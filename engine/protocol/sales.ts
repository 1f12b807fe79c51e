/**
 * Headquarters' sales office at the chain's boundary (SM-1..SM-15, MK-1..MK-4): what the back-office screens read
 * (views: statuses already in plain words, money in minor units with the currency beside it) and the `sales.*` and
 * `marketing.*` commands they send. The rules live in engine/domain/sales and engine/domain/marketing; a bad field is
 * named and changes nothing.
 */
import { z } from 'zod';
import { isoDateSchema } from '../domain/call-center/continuity.ts';
import { MAX_AMOUNT, MAX_LINE_QUANTITY, MAX_LINES } from '../domain/limits.ts';
import { campaignTypes } from '../domain/marketing/campaigns.ts';
import { commitmentKinds, type CommitmentFulfilment } from '../domain/sales/agreements.ts';
import type { ItemBackorders } from '../domain/sales/backorders.ts';
import type { InvoiceLine } from '../domain/sales/types.ts';
import { salesOrderTypes } from '../domain/sales/types.ts';

export { salesOrderTypes, type SalesOrderType } from '../domain/sales/types.ts';

/** Money as a screen shows it: minor units and the store's currency (the screen formats, never prints cents). */
export interface MoneyView { amount: number; currency: string }

/** A command the screen may offer on a record, or why it is not offered (plain words). */
export interface OfferedAction { action: string; label: string; offered: boolean; reason: string | null }

// --- Sales orders (SM-1..SM-5, SM-10..SM-13) ---

export type SalesOrderOrigin = 'backOffice' | 'store' | 'callCenter' | 'quotation' | 'agreementRelease';

export interface SalesOrderRow {
  salesOrderId: string;
  type: (typeof salesOrderTypes)[number];
  /** e.g. "Sales order", "Returned order". */
  typeWords: string;
  /** e.g. "Open order", "Delivered", "Invoiced", "Cancelled". */
  status: string;
  customerAccount: string;
  customerName: string;
  orderDate: string;
  total: MoneyView;
  origin: SalesOrderOrigin;
  /** SM-10: a line waits past its confirmed (else requested) date. */
  backordered: boolean;
  /** The store that took it (store and call-center orders; null for the office's own). */
  storeId: string | null;
}

/** A priced line as orders and quotations both show it. */
export interface PricedLineView {
  lineId: string;
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: MoneyView;
  discount: MoneyView;
  lineAmount: MoneyView;
  /** Where the price came from, in words (SM-15), e.g. "Sales agreement", "Base price". */
  priceSource: string;
  requestedShipDate: string;
  warehouseId: string;
}

export interface SalesOrderLineView extends PricedLineView {
  deliverRemainder: number;
  invoiceRemainder: number;
  delivered: number;
  invoiced: number;
  cancelled: number;
  /** Line status in words. */
  status: string;
  /** SM-2 inventory status in words: "On order", "Reserved", "Deducted", "Sold", "Received", "None". */
  inventory: string;
  confirmedShipDate: string | null;
  previousConfirmedShipDate: string | null;
  notifyCustomer: boolean;
  backordered: boolean;
  agreement: { agreementId: string; commitmentId: string } | null;
}

export interface PackingSlipView {
  packingSlipId: string;
  salesOrderId: string;
  customerAccount: string;
  postedOn: string;
  lines: { lineId: string; productId: string; productName: string; quantity: number }[];
  /** The invoice that took it (SM-12: a slip is invoiced once, whole), or null. */
  invoiceId: string | null;
}

/** SM-13 / SM-14: an invoice line (an order line, or a free text line on a main account) with its money in the currency. */
export interface InvoiceLineView extends Omit<InvoiceLine, 'amount' | 'tax'> { amount: MoneyView; tax: MoneyView }

/** The lines of a printed invoice (amount already formatted in the currency; null for a text-only line). */
export interface InvoicePrintLineView { text: string; amount: string | null }

export interface InvoiceRow {
  invoiceId: string;
  /** "Sales order", "From packing slips", "Collective", "Free text". */
  kind: string;
  customerAccount: string;
  customerName: string;
  postedOn: string;
  salesOrderIds: string[];
  packingSlipIds: string[];
  total: MoneyView;
}

export interface InvoiceView extends InvoiceRow {
  lines: InvoiceLineView[];
  subtotal: MoneyView;
  tax: MoneyView;
  printLines: InvoicePrintLineView[];
}

/** SM-14: a pro forma invoice: same totals, posts nothing, printable as often as wanted. */
export interface ProFormaInvoiceView {
  proForma: true;
  customerAccount: string;
  lines: InvoiceLineView[];
  subtotal: MoneyView;
  tax: MoneyView;
  total: MoneyView;
  printLines: InvoicePrintLineView[];
}

/** Issue 13: a store's invoice or packing slip on its order, read-only (what headquarters received of it). */
export interface StoreDocumentView {
  number: string;
  date: string;
  /** "Invoice (shipped)", "Invoice (picked up)", "Invoice (carried out)", "Packing slip for invoice INV-000001". */
  kind: string;
  lines: { lineId: string; productId: string; productName: string; quantity: number }[];
  amount: MoneyView;
}

export interface SalesOrderDetail {
  header: SalesOrderRow & {
    priority: number;
    rmaNumber: string | null;
    quotationId: string | null;
    campaignId: string | null;
    projectId: string | null;
    confirmedOn: string | null;
    currency: string;
  };
  lines: SalesOrderLineView[];
  packingSlips: PackingSlipView[];
  invoices: InvoiceRow[];
  /** A store's or the call center's order: the store's own invoices (empty for the office's orders). */
  storeDocuments: StoreDocumentView[];
  /** The agreements its lines are released against (SM-8). */
  agreements: { agreementId: string; status: string }[];
  actions: OfferedAction[];
}

// --- Quotations (SM-6) ---

export type QuotationLineView = PricedLineView;

export interface QuotationRow {
  quotationId: string;
  partyId: string;
  partyName: string;
  /** "Prospect" or "Customer". */
  partyRole: string;
  customerAccount: string | null;
  /** "Created", "Sent", "Confirmed", "Lost", "Cancelled". */
  status: string;
  createdOn: string;
  expiryDate: string;
  expired: boolean;
  total: MoneyView;
  campaignId: string | null;
  salesOrderId: string | null;
}

export interface QuotationDetail extends QuotationRow {
  lines: QuotationLineView[];
  sends: number;
  lastSentOn: string | null;
  closing: { outcome: string; reason: string; on: string } | null;
  actions: OfferedAction[];
}

// --- Sales agreements (SM-7..SM-9) ---

/** SM-9: a commitment line with its fulfilment (quantities in units, amounts in minor units of the agreement's currency). */
export interface CommitmentLineView extends CommitmentFulfilment {
  /** "Product quantity", "Product amount", "Category amount", "Any product amount". */
  kind: string;
  productId: string | null;
  productName: string | null;
  categoryId: string | null;
  unitPrice: MoneyView | null;
  discountPct: number;
  maxEnforced: boolean;
  priceFixed: boolean;
}

export interface AgreementRow {
  agreementId: string;
  customerAccount: string;
  customerName: string;
  /** "On hold", "Effective", "Closed". */
  status: string;
  effective: string;
  expiration: string;
  currency: string;
  commitments: number;
}

export interface AgreementDetail extends AgreementRow {
  commitmentLines: CommitmentLineView[];
  /** The orders with lines released against it. */
  salesOrderIds: string[];
  actions: OfferedAction[];
}

// --- Backorders (SM-10, SM-11) ---

export interface BackorderLineView {
  salesOrderId: string;
  lineId: string;
  customerAccount: string;
  customerName: string;
  productId: string;
  productName: string;
  warehouseId: string;
  priority: number;
  orderDate: string;
  dueDate: string;
  remaining: number;
  /** "Partly delivered" or "Not delivered". */
  status: string;
  previousConfirmedShipDate: string | null;
  notifyCustomer: boolean;
}

/** SM-10 by item, with SM-11's split of what is free now among its backorder lines (priority, oldest date, order number). */
export interface ItemBackorderView extends ItemBackorders {
  productName: string;
  split: { salesOrderId: string; lineId: string; allocated: number; stillBackordered: number }[];
}

export interface CustomerBackorderView { customerAccount: string; customerName: string; lines: BackorderLineView[] }

export interface PurchaseOrderLineView {
  purchaseOrderId: string;
  lineId: string;
  vendorAccount: string;
  vendorName: string;
  productId: string;
  productName: string;
  warehouseId: string;
  quantity: number;
  received: number;
  open: number;
  expectedDate: string;
  late: boolean;
}

export interface VendorBackorderView { vendorAccount: string; vendorName: string; lines: PurchaseOrderLineView[] }

export interface BackorderViews {
  asOf: string;
  byItem: ItemBackorderView[];
  byCustomer: CustomerBackorderView[];
  byVendor: VendorBackorderView[];
}

// --- Marketing (MK-1..MK-4) ---

export interface PartyView {
  partyId: string;
  name: string;
  type: string;
  /** "Prospect", "Lead contact", "Opportunity contact", "Customer". */
  roles: string[];
  customerAccount: string | null;
  contacts: { contactId: string; name: string; channel: string; reachedAt: string; marketingConsent: boolean }[];
  leadIds: string[];
  opportunityIds: string[];
  quotationIds: string[];
  campaignIds: string[];
}

export interface LeadView {
  leadId: string;
  partyId: string;
  partyName: string;
  topic: string;
  createdOn: string;
  campaignId: string | null;
  /** "Open", "Qualified", "Disqualified". */
  status: string;
  opportunityId: string | null;
  disqualifiedReason: string | null;
}

export interface OpportunityView {
  opportunityId: string;
  partyId: string;
  partyName: string;
  topic: string;
  openedOn: string;
  leadId: string | null;
  campaignId: string | null;
  /** "Open", "Won", "Lost", "Cancelled". */
  status: string;
  closeReason: string | null;
  customerAccount: string | null;
}

export interface PipelineView { prospects: PartyView[]; leads: LeadView[]; opportunities: OpportunityView[] }

export interface CampaignTargetView {
  targetId: string;
  partyId: string;
  contactId: string;
  name: string;
  reachedAt: string;
  /** "Prospect", "Lead", "Opportunity", "Customer". */
  from: string;
  /** "None", "Positive", "Negative". */
  response: string;
  respondedOn: string | null;
  /** What a positive response led to, e.g. "Quotation Q-000001" or "Opportunity OPP-000002". */
  followUp: string | null;
}

export interface CampaignRow {
  campaignId: string;
  name: string;
  /** "Telemarketing", "Mailing", "Email". */
  type: string;
  /** "Planned", "Active", "Closed", "Cancelled". */
  status: string;
  startsOn: string;
  endsOn: string;
  targets: number;
  responses: { positive: number; negative: number; none: number };
}

export interface CampaignDetail extends CampaignRow {
  targetList: CampaignTargetView[];
  /** MK-3: who was left out and why. */
  leftOut: { partyId: string; partyName: string; contactId: string | null; reason: string }[];
  actions: OfferedAction[];
}

/** Filters of the order list (GET /api/sales/orders?type=&status=&customer=&origin=&backordered=). */
export const salesOrderStatusWords = ['openOrder', 'delivered', 'invoiced', 'cancelled'] as const;
export const salesOrderOrigins = ['backOffice', 'store', 'callCenter', 'quotation', 'agreementRelease'] as const;
export const salesOrderFilterSchema = z.object({
  type: z.enum(salesOrderTypes).optional(),
  status: z.enum(salesOrderStatusWords).optional(),
  customer: z.string().min(1).max(64).optional(),
  origin: z.enum(salesOrderOrigins).optional(),
  backordered: z.enum(['true', 'false']).optional(),
}).strict();
export type SalesOrderFilter = z.infer<typeof salesOrderFilterSchema>;

// --- Commands (one journaled headquarters command each) ---

const id = z.string().min(1).max(64);
const day = isoDateSchema;
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY, `a line holds at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')} units`);
const amount = z.number().int().min(0).max(MAX_AMOUNT);
const reason = (what: string) => z.string().trim().min(1, `say why the ${what}`).max(200);
/** Every office command names who does it (the server makes it the signed-in one). */
const by = { operatorId: id };
const onOrder = { ...by, salesOrderId: id };
const onQuotation = { ...by, quotationId: id };
const onAgreement = { ...by, agreementId: id };
/** SM-4: a returned order's lines are negative, and so is what its packing slip receives (the rules check the sign). */
const slipQuantity = z.number().int().min(-MAX_LINE_QUANTITY).max(MAX_LINE_QUANTITY, `a line holds at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')} units`).refine((n) => n !== 0, 'a packing slip line needs a quantity');
const lineQuantities = z.array(z.object({ lineId: id, quantity: slipQuantity }).strict()).min(1, 'choose at least one line').max(MAX_LINES);

/** An order line as entered: priced by SM-15 unless linked to an agreement commitment at entry (SM-8). */
export const salesLineEntrySchema = z.object({
  productId: id, quantity, requestedShipDate: day, warehouseId: id.optional(),
  agreement: z.object({ agreementId: id, commitmentId: id }).strict().optional(),
}).strict();

const contactSchema = z.object({
  name: z.string().trim().min(1, 'a contact needs a name').max(100),
  channel: z.enum(['email', 'phone', 'mail']),
  reachedAt: z.string().trim().min(1, 'say where the contact is reached').max(254),
  marketingConsent: z.boolean().default(false),
}).strict();

const commitmentSchema = z.object({
  kind: z.enum(commitmentKinds), productId: id.nullable().default(null), categoryId: id.nullable().default(null),
  committed: z.number().int().positive().max(MAX_AMOUNT), unitPrice: amount.nullable().default(null),
  discountPct: z.number().int().min(0).max(10_000).default(0), maxEnforced: z.boolean().default(false), priceFixed: z.boolean().default(false),
}).strict();

/** SM-14: a free text invoice as entered: lines on main accounts, the sales tax group and item tax group they are taxed by. */
const freeTextFields = {
  customerAccount: id, salesTaxGroup: id, itemTaxGroup: id,
  lines: z.array(z.object({ mainAccount: id, text: z.string().trim().min(1, 'a free text line needs its text').max(200), amount: z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT),
    /** SM-14: taken only to be refused by name (a free text invoice bills no item). */
    itemNumber: id.optional() }).strict())
    .min(1, 'a free text invoice needs at least one line').max(MAX_LINES),
};
export type FreeTextFields = z.infer<z.ZodObject<typeof freeTextFields>>;

/**
 * SM-14: the pro forma of a free text invoice is a read (GET /api/sales/pro-forma/free-text): the fields as query
 * parameters, `lines` as JSON text (a list of { mainAccount, text, amount }).
 */
export const freeTextProFormaQuerySchema = z.object({
  ...freeTextFields,
  lines: z.string().max(20_000).transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'lines is JSON text: a list of { mainAccount, text, amount }' });
      return z.NEVER;
    }
  }).pipe(freeTextFields.lines),
}).strict();

export const salesCommandSchema = z.discriminatedUnion('type', [
  // Sales orders (SM-1..SM-5)
  z.object({ type: z.literal('sales.createOrder'), ...by, orderType: z.enum(salesOrderTypes), customerAccount: id, priority: z.number().int().min(1).max(9).default(5),
    lines: z.array(salesLineEntrySchema).max(MAX_LINES).default([]), projectId: id.optional() }).strict(),
  z.object({ type: z.literal('sales.confirmOrder'), ...onOrder }).strict(),
  z.object({ type: z.literal('sales.changeOrderType'), ...onOrder, orderType: z.enum(salesOrderTypes) }).strict(),
  z.object({ type: z.literal('sales.addLine'), ...onOrder, line: salesLineEntrySchema }).strict(),
  z.object({ type: z.literal('sales.changeLine'), ...onOrder, lineId: id, requestedShipDate: day.optional(), unitPrice: amount.optional(), discount: amount.optional() }).strict(),
  z.object({ type: z.literal('sales.cancelRemainder'), ...onOrder, lineIds: z.array(id).max(MAX_LINES).optional() }).strict(),
  z.object({ type: z.literal('sales.changeConfirmedDate'), ...onOrder, lineId: id, confirmedShipDate: day }).strict(),
  z.object({ type: z.literal('sales.markCustomerNotified'), ...onOrder, lineId: id }).strict(),
  // Documents (SM-12..SM-14)
  z.object({ type: z.literal('sales.postPackingSlip'), ...onOrder, lines: lineQuantities }).strict(),
  z.object({ type: z.literal('sales.invoiceOrder'), ...onOrder }).strict(),
  z.object({ type: z.literal('sales.invoicePackingSlips'), ...by, packingSlipIds: z.array(id).min(1, 'choose at least one packing slip').max(MAX_LINES) }).strict(),
  z.object({ type: z.literal('sales.collectiveInvoice'), ...by, customerAccount: id,
    salesOrderIds: z.array(id).max(MAX_LINES).default([]), packingSlipIds: z.array(id).max(MAX_LINES).default([]) }).strict(),
  z.object({ type: z.literal('sales.freeTextInvoice'), ...by, ...freeTextFields }).strict(),
  // Quotations (SM-6)
  z.object({ type: z.literal('sales.createQuotation'), ...by, partyId: id, expiryDate: day, lines: z.array(salesLineEntrySchema).min(1, 'a quotation needs at least one line').max(MAX_LINES),
    campaignId: id.optional() }).strict(),
  z.object({ type: z.literal('sales.sendQuotation'), ...onQuotation }).strict(),
  /**
   * SM-6: the quotation's lines become a sales order; with `pickupStoreId` the customer picks it up at that store: it
   * goes there as the call center's orders do (the confirming operator's call center carries it, CC-2).
   */
  z.object({ type: z.literal('sales.confirmQuotation'), ...onQuotation, pickupStoreId: id.optional() }).strict(),
  z.object({ type: z.literal('sales.loseQuotation'), ...onQuotation, reason: reason('quotation was lost') }).strict(),
  z.object({ type: z.literal('sales.cancelQuotation'), ...onQuotation, reason: reason('quotation is cancelled') }).strict(),
  z.object({ type: z.literal('sales.extendQuotation'), ...onQuotation, expiryDate: day }).strict(),
  // Sales agreements (SM-7..SM-9)
  z.object({ type: z.literal('sales.createAgreement'), ...by, customerAccount: id, effective: day, expiration: day }).strict(),
  z.object({ type: z.literal('sales.addCommitment'), ...onAgreement, commitment: commitmentSchema }).strict(),
  z.object({ type: z.literal('sales.makeAgreementEffective'), ...onAgreement }).strict(),
  z.object({ type: z.literal('sales.closeAgreement'), ...onAgreement }).strict(),
  z.object({ type: z.literal('sales.releaseOrder'), ...onAgreement, lines: z.array(z.object({ commitmentId: id, productId: id, quantity, requestedShipDate: day }).strict())
    .min(1, 'a release order needs at least one line').max(MAX_LINES) }).strict(),
  z.object({ type: z.literal('sales.linkLine'), ...onOrder, lineId: id, agreementId: id, commitmentId: id }).strict(),
  // Purchase order lines (SM-10, SM-11)
  z.object({ type: z.literal('sales.createPurchaseLine'), ...by, vendorAccount: id, productId: id, warehouseId: id.optional(), quantity, expectedDate: day }).strict(),
  z.object({ type: z.literal('sales.receivePurchaseLine'), ...by, purchaseOrderId: id, lineId: id, quantity }).strict(),
]);
export type SalesCommand = z.infer<typeof salesCommandSchema>;

export const marketingCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('marketing.createProspect'), ...by, name: z.string().trim().min(1, 'the prospect needs a name').max(100),
    partyType: z.enum(['person', 'organization']).default('organization'), contacts: z.array(contactSchema).max(20).default([]) }).strict(),
  /** MK-2: a prospect becomes a customer (CU-2 defaults from `storeId`'s default customer). */
  z.object({ type: z.literal('marketing.convertProspect'), ...by, partyId: id, storeId: id.optional() }).strict(),
  z.object({ type: z.literal('marketing.createLead'), ...by, partyId: id, topic: z.string().trim().min(1, 'say what the lead is about').max(200), campaignId: id.optional() }).strict(),
  z.object({ type: z.literal('marketing.qualifyLead'), ...by, leadId: id }).strict(),
  z.object({ type: z.literal('marketing.disqualifyLead'), ...by, leadId: id, reason: reason('lead is disqualified') }).strict(),
  z.object({ type: z.literal('marketing.winOpportunity'), ...by, opportunityId: id, storeId: id.optional() }).strict(),
  z.object({ type: z.literal('marketing.loseOpportunity'), ...by, opportunityId: id, reason: z.string().trim().max(200).optional() }).strict(),
  z.object({ type: z.literal('marketing.cancelOpportunity'), ...by, opportunityId: id, reason: z.string().trim().max(200).optional() }).strict(),
  z.object({ type: z.literal('marketing.createCampaign'), ...by, name: z.string().trim().min(1, 'the campaign needs a name').max(100), campaignType: z.enum(campaignTypes), startsOn: day, endsOn: day }).strict(),
  z.object({ type: z.literal('marketing.chooseTargets'), ...by, campaignId: id,
    targets: z.array(z.object({ partyId: id, from: z.enum(['prospect', 'lead', 'opportunity', 'customer']) }).strict()).min(1, 'choose at least one target').max(MAX_LINES) }).strict(),
  z.object({ type: z.literal('marketing.activateCampaign'), ...by, campaignId: id }).strict(),
  /** MK-4: a positive response may open an opportunity or ask for a quotation (lines given), carrying the campaign id. */
  z.object({ type: z.literal('marketing.recordResponse'), ...by, campaignId: id, targetId: z.string().min(1).max(140), response: z.enum(['none', 'positive', 'negative']),
    followUp: z.enum(['quotation', 'opportunity']).optional(), expiryDate: day.optional(), lines: z.array(salesLineEntrySchema).max(MAX_LINES).optional() }).strict(),
]);
export type MarketingCommand = z.infer<typeof marketingCommandSchema>;

/**
 * The lifecycle steps the machines chart that no command above reaches (engine/sales-office/lifecycle-commands.ts):
 * a quotation's lines changed while open (SM-6), an On hold agreement's dates and commitment lines, an agreement
 * closed past its expiration (SM-7, also headquarters' `expireAgreements` job), a campaign closed or cancelled (MK-3).
 */
export const lifecycleCommandSchema = z.discriminatedUnion('type', [
  /** SM-6: the quotation's lines as they now stand (added, changed or left out), priced again by SM-15. */
  z.object({ type: z.literal('sales.changeQuotationLines'), ...onQuotation, lines: z.array(salesLineEntrySchema).min(1, 'a quotation needs at least one line').max(MAX_LINES) }).strict(),
  z.object({ type: z.literal('sales.changeAgreementDates'), ...onAgreement, effective: day, expiration: day }).strict(),
  z.object({ type: z.literal('sales.removeCommitment'), ...onAgreement, commitmentId: id }).strict(),
  z.object({ type: z.literal('sales.expireAgreement'), ...onAgreement }).strict(),
  z.object({ type: z.literal('marketing.closeCampaign'), ...by, campaignId: id }).strict(),
  z.object({ type: z.literal('marketing.cancelCampaign'), ...by, campaignId: id }).strict(),
]);
export type LifecycleCommand = z.infer<typeof lifecycleCommandSchema>;

/** Every office command, as the command endpoint and the journal carry it. */
export const salesOfficeCommandSchema = z.discriminatedUnion('type', [...salesCommandSchema.options, ...marketingCommandSchema.options, ...lifecycleCommandSchema.options]);
export type SalesOfficeCommand = SalesCommand | MarketingCommand | LifecycleCommand;

const OFFICE_COMMANDS: ReadonlySet<string> = new Set(salesOfficeCommandSchema.options.map((o) => o.shape.type.value));
export const isSalesOfficeCommand = (command: { type: string }): command is SalesOfficeCommand => OFFICE_COMMANDS.has(command.type);

/** The headquarters command that journals one office command (like `headquarters.callCenterDesk`); its day is headquarters' clock's. */
export const salesOfficeAtHeadquartersSchema = z.object({ type: z.literal('headquarters.salesOffice'), command: salesOfficeCommandSchema }).strict();

/** The office's live room: every back-office screen joins it and reads its view again when a notice names it. */
export const SALES_OFFICE_ROOM = 'salesOffice';

/** The office's views, as a `salesOfficeChanged` notice of its room names them: each screen reads again only its own. */
export const salesOfficeViews = ['orders', 'quotations', 'agreements', 'backorders', 'invoices', 'pipeline', 'campaigns'] as const;
export type SalesOfficeView = (typeof salesOfficeViews)[number];
export interface SalesOfficeChanged { changed: SalesOfficeView[] }
