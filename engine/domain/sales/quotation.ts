/**
 * SM-6: a sales quotation for a customer or a prospect (one party id, MK-1), valid until its expiry date. Created ->
 * Sent (sent again as often as needed); Created or Sent -> Confirmed, which makes the sales order with the same lines
 * and prices; Sent -> Lost or Cancelled, with a reason. Confirmed, Lost and Cancelled are final and read-only.
 * (decision) An expired quotation is not confirmed until its expiry date is extended. A prospect is converted to a
 * customer first (MK-2: the marketing side creates the account; the quotation learns it here). MK-4: a quotation a
 * campaign's positive response created carries the campaign id on to its sales order.
 *
 * The status is read from the record (`quotationStatus`), never stored; the quotation machine
 * (machines/quotation.machine.ts) starts from it. Pure: records in, new records (or a refusal) out.
 */
import { violation, type RuleViolation } from '../violation.ts';
import { isCalendarDay } from './days.ts';
import type { SalesLine, SalesOrderRecord } from './types.ts';

export type PartyRole = 'prospect' | 'customer';

/** A quoted line: what its sales order line will order, at the same price (SM-6). */
export type QuotationLine = Pick<SalesLine, 'lineId' | 'productId' | 'quantity' | 'unitPrice' | 'discount' | 'priceSource' | 'requestedShipDate' | 'warehouseId' | 'agreement'>;

/** How a quotation ended without an order. */
export interface QuotationClosing { outcome: 'lost' | 'cancelled'; reason: string; on: string }

export interface Quotation {
  quotationId: string;
  /** MK-1: the same party from prospect to customer. */
  partyId: string;
  partyRole: PartyRole;
  /** The customer account (null for a prospect not converted yet). */
  customerAccount: string | null;
  currency: string;
  createdOn: string;
  expiryDate: string;
  /** MK-4: the campaign whose positive response created it. */
  campaignId: string | null;
  lines: QuotationLine[];
  /** How many times it was sent to the party, and the last day. */
  sends: number;
  lastSentOn: string | null;
  /** The sales order its confirmation made. */
  salesOrderId: string | null;
  closing: QuotationClosing | null;
}

export type QuotationStatus = 'created' | 'sent' | 'confirmed' | 'lost' | 'cancelled';

/** SM-6: where the quotation stands, read from what happened to it. */
export function quotationStatus(quotation: Quotation): QuotationStatus {
  if (quotation.salesOrderId !== null) return 'confirmed';
  if (quotation.closing !== null) return quotation.closing.outcome;
  return quotation.sends > 0 ? 'sent' : 'created';
}

const FINAL_WORDS: Partial<Record<QuotationStatus, string>> = { confirmed: 'is confirmed', lost: 'was lost', cancelled: 'is cancelled' };

/** SM-6: final states are read-only. */
function checkOpen(quotation: Quotation, field: string): RuleViolation | null {
  const final = FINAL_WORDS[quotationStatus(quotation)];
  return final === undefined ? null : violation('SM-6', `quotation ${quotation.quotationId} ${final}: it can no longer be changed`, field);
}

const isBlank = (text: unknown) => typeof text !== 'string' || text.trim() === '';

function checkDay(date: unknown, field: string, words: string): RuleViolation | null {
  return isCalendarDay(date) ? null : violation('VALIDATION', `the ${words} "${String(date)}" is not a day as YYYY-MM-DD`, field);
}

/** A quotation's lines: at least one, ids unique, whole positive quantities, prices and discounts in minor units. */
export function checkQuotationLines(lines: readonly QuotationLine[]): RuleViolation | null {
  if (!Array.isArray(lines) || lines.length === 0) return violation('VALIDATION', 'a quotation needs at least one line', 'lines');
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const at = `lines.${i}`;
    if (isBlank(line.lineId)) return violation('VALIDATION', `line ${i + 1} needs a line id`, `${at}.lineId`);
    if (seen.has(line.lineId)) return violation('VALIDATION', `line id ${line.lineId} is given twice`, `${at}.lineId`);
    seen.add(line.lineId);
    if (isBlank(line.productId)) return violation('VALIDATION', `line ${line.lineId} needs an item`, `${at}.productId`);
    if (isBlank(line.warehouseId)) return violation('VALIDATION', `line ${line.lineId} needs a warehouse`, `${at}.warehouseId`);
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) return violation('VALIDATION', `the quantity of line ${line.lineId} must be a positive whole number`, `${at}.quantity`);
    if (!Number.isInteger(line.unitPrice) || line.unitPrice < 0) return violation('VALIDATION', `the unit price of line ${line.lineId} must be zero or more`, `${at}.unitPrice`);
    if (!Number.isInteger(line.discount) || line.discount < 0 || line.discount > line.quantity * line.unitPrice) {
      return violation('VALIDATION', `the discount of line ${line.lineId} must be from zero to the line's amount`, `${at}.discount`);
    }
    const day = checkDay(line.requestedShipDate, `${at}.requestedShipDate`, 'requested ship date');
    if (day !== null) return day;
  }
  return null;
}

export interface QuotationDraft {
  quotationId: string;
  partyId: string;
  partyRole: PartyRole;
  /** Required for a customer; a prospect has none yet. */
  customerAccount?: string | null;
  currency: string;
  createdOn: string;
  expiryDate: string;
  campaignId?: string | null;
  lines: QuotationLine[];
}

/** SM-6: a new quotation (Created), checked field by field. */
export function createQuotation(draft: QuotationDraft): Quotation | RuleViolation {
  const required = { quotationId: 'number', partyId: 'customer or prospect', currency: 'currency' } as const;
  for (const [field, words] of Object.entries(required) as [keyof typeof required, string][]) {
    if (isBlank(draft[field])) return violation('VALIDATION', `the quotation needs a ${words}`, field);
  }
  if (draft.partyRole !== 'prospect' && draft.partyRole !== 'customer') return violation('VALIDATION', 'the party must be a prospect or a customer', 'partyRole');
  const customerAccount = draft.customerAccount ?? null;
  if (draft.partyRole === 'customer' && isBlank(customerAccount)) return violation('VALIDATION', 'a quotation for a customer needs the customer account', 'customerAccount');
  if (draft.partyRole === 'prospect' && customerAccount !== null) return violation('VALIDATION', 'a prospect has no customer account yet: convert the prospect first', 'customerAccount');
  if (draft.campaignId !== undefined && draft.campaignId !== null && isBlank(draft.campaignId)) return violation('VALIDATION', 'the campaign id is empty', 'campaignId');
  const invalid = checkDay(draft.createdOn, 'createdOn', 'creation date') ?? checkDay(draft.expiryDate, 'expiryDate', 'expiry date') ?? checkQuotationLines(draft.lines);
  if (invalid !== null) return invalid;
  if (draft.expiryDate < draft.createdOn) return violation('SM-6', `the expiry date ${draft.expiryDate} is before the quotation's date ${draft.createdOn}`, 'expiryDate');
  return {
    quotationId: draft.quotationId, partyId: draft.partyId, partyRole: draft.partyRole, customerAccount, currency: draft.currency,
    createdOn: draft.createdOn, expiryDate: draft.expiryDate, campaignId: draft.campaignId ?? null, lines: draft.lines.map((l) => ({ ...l })),
    sends: 0, lastSentOn: null, salesOrderId: null, closing: null,
  };
}

// --- Checks (the machine's guards) and the changes they allow --------------------------------------------------

/** SM-6: Created or Sent may be sent (again). */
export function checkSend(quotation: Quotation, on: string): RuleViolation | null {
  return checkOpen(quotation, 'quotationId') ?? checkDay(on, 'on', 'sending date');
}

export function sendQuotation(quotation: Quotation, on: string): Quotation {
  return { ...quotation, sends: quotation.sends + 1, lastSentOn: on };
}

/** SM-6: the lines of an open quotation may change. */
export function checkChangeLines(quotation: Quotation, lines: readonly QuotationLine[]): RuleViolation | null {
  return checkOpen(quotation, 'lines') ?? checkQuotationLines(lines);
}

export function changeLines(quotation: Quotation, lines: readonly QuotationLine[]): Quotation {
  return { ...quotation, lines: lines.map((l) => ({ ...l })) };
}

/** SM-6 (decision): an open quotation's expiry date moves later, to a day not already past. */
export function checkExtendExpiry(quotation: Quotation, expiryDate: string, on: string): RuleViolation | null {
  const invalid = checkOpen(quotation, 'expiryDate') ?? checkDay(expiryDate, 'expiryDate', 'expiry date') ?? checkDay(on, 'on', 'date of the change');
  if (invalid !== null) return invalid;
  if (expiryDate <= quotation.expiryDate) return violation('SM-6', `the new expiry date must be after ${quotation.expiryDate}`, 'expiryDate');
  return expiryDate < on ? violation('SM-6', `the new expiry date ${expiryDate} has already passed`, 'expiryDate') : null;
}

export function extendExpiry(quotation: Quotation, expiryDate: string): Quotation {
  return { ...quotation, expiryDate };
}

/** MK-1 / MK-2: the prospect became a customer (same party id); the quotation takes the new account. */
export function checkConvertProspect(quotation: Quotation, customerAccount: string): RuleViolation | null {
  const closed = checkOpen(quotation, 'partyRole');
  if (closed !== null) return closed;
  if (quotation.partyRole === 'customer') return violation('MK-2', `the party of quotation ${quotation.quotationId} is already customer ${quotation.customerAccount}`, 'partyRole');
  return isBlank(customerAccount) ? violation('VALIDATION', 'the converted customer\'s account is missing', 'customerAccount') : null;
}

export function convertProspect(quotation: Quotation, customerAccount: string): Quotation {
  return { ...quotation, partyRole: 'customer', customerAccount };
}

/** SM-6: past its expiry date on `on` (it is still good on the day itself). */
export function isQuotationExpired(quotation: Quotation, on: string): boolean {
  return on > quotation.expiryDate;
}

/** What confirming needs from the host: the sales order's number (from its number sequence), the day, its priority. */
export interface ConfirmTerms { salesOrderId: string; on: string; priority: number }

/** SM-6: only an open quotation of a customer (a prospect is converted first), on or before its expiry date. */
export function checkConfirm(quotation: Quotation, terms: ConfirmTerms): RuleViolation | null {
  const invalid = checkOpen(quotation, 'quotationId') ?? checkDay(terms.on, 'on', 'confirmation date');
  if (invalid !== null) return invalid;
  if (isBlank(terms.salesOrderId)) return violation('VALIDATION', 'the sales order needs a number', 'salesOrderId');
  if (!Number.isInteger(terms.priority) || terms.priority < 1) return violation('VALIDATION', 'the order priority must be a whole number from 1 (highest)', 'priority');
  if (quotation.partyRole !== 'customer' || quotation.customerAccount === null) {
    return violation('SM-6', `quotation ${quotation.quotationId} is for a prospect: convert the prospect to a customer before confirming`, 'partyRole');
  }
  if (isQuotationExpired(quotation, terms.on)) return violation('SM-6', `quotation ${quotation.quotationId} expired on ${quotation.expiryDate}: extend its expiry date to confirm it`, 'expiryDate');
  return null;
}

/** SM-6: the quotation confirmed, and the sales order it makes: same lines, same prices, on order (SM-1, SM-2). */
export function confirmQuotation(quotation: Quotation, terms: ConfirmTerms): { quotation: Quotation; salesOrder: SalesOrderRecord } {
  const salesOrder: SalesOrderRecord = {
    header: {
      salesOrderId: terms.salesOrderId,
      type: 'salesOrder',
      customerAccount: quotation.customerAccount!,
      currency: quotation.currency,
      orderDate: terms.on,
      priority: terms.priority,
      rmaNumber: null,
      origin: 'quotation',
      campaignId: quotation.campaignId,
      quotationId: quotation.quotationId,
    },
    lines: quotation.lines.map((line): SalesLine => ({
      ...line, deliverRemainder: line.quantity, invoiceRemainder: 0, delivered: 0, invoiced: 0, cancelled: 0, inventory: 'onOrder',
      confirmedShipDate: null, previousConfirmedShipDate: null, notifyCustomer: false,
    })),
  };
  return { quotation: { ...quotation, salesOrderId: terms.salesOrderId }, salesOrder };
}

/** SM-6: only a sent quotation is lost or cancelled, and with a reason. */
export function checkClose(quotation: Quotation, reason: string, on: string): RuleViolation | null {
  const invalid = checkOpen(quotation, 'quotationId') ?? checkDay(on, 'on', 'date');
  if (invalid !== null) return invalid;
  if (quotationStatus(quotation) !== 'sent') return violation('SM-6', `quotation ${quotation.quotationId} was never sent: only a sent quotation is lost or cancelled`, 'quotationId');
  return isBlank(reason) ? violation('SM-6', `say why quotation ${quotation.quotationId} is closed: a reason is required`, 'reason') : null;
}

export function closeQuotation(quotation: Quotation, outcome: QuotationClosing['outcome'], reason: string, on: string): Quotation {
  return { ...quotation, closing: { outcome, reason: reason.trim(), on } };
}
