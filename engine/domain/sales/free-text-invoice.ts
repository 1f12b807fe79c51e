/**
 * SM-14 free text invoices: a bill with no sales order behind it (a service, a fee, a credit), each line a main
 * account, a text and an amount, taxed by its sales tax group and item tax group. Never an item: goods go through a
 * sales order so stock moves with them.
 */
import type { TaxGroup } from '../config.ts';
import { percentOf, type BasisPoints, type Minor } from '../money.ts';
import type { Numbering } from '../numbering.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import type { InvoiceLine, SalesInvoice } from './types.ts';
import { CALENDAR_DAY, invoiceTotals, numberInvoice, proForma, type InvoiceDraft, type ProFormaInvoice } from './invoice-document.ts';

/** SM-14: whether lines in an item tax group pay the sales tax group's rate (a taxable service) or none (exempt). */
export interface ItemTaxGroup { id: string; taxable: boolean }

/**
 * Tax setup a free text line is taxed by: the sales tax groups with their rates (the catalog's tax groups, CO-12)
 * and the item tax groups.
 */
export interface FreeTextTaxSetup {
  salesTaxGroups: ReadonlyMap<string, TaxGroup>;
  itemTaxGroups: ReadonlyMap<string, ItemTaxGroup>;
}

/** A line as the clerk entered it; an item number, if one was typed, is refused (SM-14). */
export interface FreeTextLineEntry {
  mainAccount: string;
  text: string;
  amount: Minor;
  salesTaxGroup: string;
  itemTaxGroup: string;
  itemNumber?: string | null;
}

export interface FreeTextInvoiceEntry {
  customerAccount: string;
  currency: string;
  invoiceDate: string;
  lines: readonly FreeTextLineEntry[];
}

const blank = (text: string | undefined | null) => text === undefined || text === null || text.trim() === '';

/** The line's tax rate, or why the line cannot be taxed. */
function lineTaxRate(line: FreeTextLineEntry, at: string, setup: FreeTextTaxSetup): BasisPoints | RuleViolation {
  if (blank(line.salesTaxGroup)) return violation('SM-14', 'a free text line needs a sales tax group', `${at}.salesTaxGroup`);
  if (blank(line.itemTaxGroup)) return violation('SM-14', 'a free text line needs an item tax group', `${at}.itemTaxGroup`);
  const salesGroup = setup.salesTaxGroups.get(line.salesTaxGroup);
  if (salesGroup === undefined) return violation('NOT_FOUND', `there is no sales tax group "${line.salesTaxGroup}"`, `${at}.salesTaxGroup`);
  const itemGroup = setup.itemTaxGroups.get(line.itemTaxGroup);
  if (itemGroup === undefined) return violation('NOT_FOUND', `there is no item tax group "${line.itemTaxGroup}"`, `${at}.itemTaxGroup`);
  return itemGroup.taxable ? salesGroup.rate : 0;
}

function invoiceLine(line: FreeTextLineEntry, at: string, setup: FreeTextTaxSetup): InvoiceLine | RuleViolation {
  if (!blank(line.itemNumber)) return violation('SM-14', 'a free text invoice cannot bill an item: put items on a sales order', `${at}.itemNumber`);
  if (blank(line.mainAccount)) return violation('SM-14', 'a free text line needs a main account', `${at}.mainAccount`);
  if (blank(line.text)) return violation('SM-14', 'a free text line needs a text saying what is billed', `${at}.text`);
  if (!Number.isSafeInteger(line.amount) || line.amount === 0) return violation('VALIDATION', 'a free text line needs an amount other than zero', `${at}.amount`);
  const rate = lineTaxRate(line, at, setup);
  if (isViolation(rate)) return rate;
  return { salesOrderId: null, lineId: null, productId: null, mainAccount: line.mainAccount, text: line.text, quantity: 1, amount: line.amount, tax: percentOf(line.amount, rate) };
}

/** SM-14: the free text invoice as it would post, or the first thing wrong with it (field named). */
export function draftFreeTextInvoice(entry: FreeTextInvoiceEntry, setup: FreeTextTaxSetup): InvoiceDraft | RuleViolation {
  if (blank(entry.customerAccount)) return violation('VALIDATION', 'a free text invoice needs a customer account', 'customerAccount');
  if (!/^[A-Z]{3}$/.test(entry.currency)) return violation('VALIDATION', 'the currency must be a three-letter code such as USD', 'currency');
  if (!CALENDAR_DAY.test(entry.invoiceDate)) return violation('VALIDATION', 'the invoice date must be a day written YYYY-MM-DD', 'invoiceDate');
  if (entry.lines.length === 0) return violation('VALIDATION', 'a free text invoice needs at least one line', 'lines');
  const lines: InvoiceLine[] = [];
  for (const [i, line] of entry.lines.entries()) {
    const built = invoiceLine(line, `lines.${i}`, setup);
    if (isViolation(built)) return built;
    lines.push(built);
  }
  return {
    kind: 'freeText', customerAccount: entry.customerAccount, currency: entry.currency, postedOn: entry.invoiceDate,
    salesOrderIds: [], packingSlipIds: [], lines, ...invoiceTotals(lines),
  };
}

/** SM-14: posts the free text invoice under the next invoice number. */
export function postFreeTextInvoice(entry: FreeTextInvoiceEntry, setup: FreeTextTaxSetup, numbering: Numbering): { invoice: SalesInvoice; numbering: Numbering } | RuleViolation {
  const draft = draftFreeTextInvoice(entry, setup);
  return isViolation(draft) ? draft : numberInvoice(draft, numbering);
}

/** SM-14: the pro forma of a free text invoice: the same lines and totals, no number, nothing posted. */
export function proFormaFreeTextInvoice(entry: FreeTextInvoiceEntry, setup: FreeTextTaxSetup): ProFormaInvoice | RuleViolation {
  const draft = draftFreeTextInvoice(entry, setup);
  return isViolation(draft) ? draft : proForma(draft);
}
