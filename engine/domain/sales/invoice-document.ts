/**
 * What every sales invoice shares, whether it comes from orders and packing slips (SM-12 / SM-13) or is free text
 * (SM-14): its number from the number sequence, its totals with tax, the pro forma that previews it, and the lines
 * a screen or a printer shows.
 */
import { formatMoney, sumMinor, type Minor } from '../money.ts';
import type { Numbering } from '../numbering.ts';
import { drawNumber } from './number-sequence.ts';
import type { InvoiceLine, SalesInvoice } from './types.ts';

/** Number sequence prefixes of headquarters' sales documents. */
export const INVOICE_PREFIX = 'SINV';
export const PACKING_SLIP_PREFIX = 'PSLIP';

/** An invoice before posting: everything but its number. */
export type InvoiceDraft = Omit<SalesInvoice, 'invoiceId'>;

/** SM-14: the preview of an invoice; it has no number, posts nothing and may be printed any number of times. */
export interface ProFormaInvoice extends InvoiceDraft { proForma: true }

export const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The draft's subtotal, tax and total from its lines. */
export function invoiceTotals(lines: readonly InvoiceLine[]): Pick<SalesInvoice, 'subtotal' | 'tax' | 'total'> {
  const subtotal = sumMinor(lines.map((l) => l.amount));
  const tax = sumMinor(lines.map((l) => l.tax));
  return { subtotal, tax, total: subtotal + tax };
}

export function proForma(draft: InvoiceDraft): ProFormaInvoice {
  return { ...draft, proForma: true };
}

/** The draft posted under the next invoice number. */
export function numberInvoice(draft: InvoiceDraft, numbering: Numbering): { invoice: SalesInvoice; numbering: Numbering } {
  const drawn = drawNumber(numbering, INVOICE_PREFIX);
  return { invoice: { invoiceId: drawn.number, ...draft }, numbering: drawn.numbering };
}

/** One printed line: words on the left, an amount in the invoice's currency on the right (null: none). */
export interface InvoicePrintLine { text: string; amount: string | null }

const isProForma = (invoice: SalesInvoice | ProFormaInvoice): invoice is ProFormaInvoice => 'proForma' in invoice;

function describeLine(line: InvoiceLine): string {
  if (line.productId === null) return `${line.text} (account ${line.mainAccount ?? ''})`;
  return `${line.quantity} x ${line.text}`;
}

/**
 * The invoice as it prints: a heading (a pro forma says so, and that it is not a bill), the customer and date, the
 * orders and packing slips it covers, one line per invoice line, then subtotal, tax and total. Plain text: a screen
 * lays it out, money is already in the invoice's currency.
 */
export function invoicePrintLines(invoice: SalesInvoice | ProFormaInvoice): InvoicePrintLine[] {
  const money = (amount: Minor) => formatMoney(amount, invoice.currency);
  const heading = isProForma(invoice) ? 'Pro forma invoice (not posted, nothing to pay)' : `Invoice ${invoice.invoiceId}`;
  const lines: InvoicePrintLine[] = [
    { text: heading, amount: null },
    { text: `Customer ${invoice.customerAccount}, dated ${invoice.postedOn}`, amount: null },
  ];
  if (invoice.salesOrderIds.length > 0) lines.push({ text: `Sales orders ${invoice.salesOrderIds.join(', ')}`, amount: null });
  if (invoice.packingSlipIds.length > 0) lines.push({ text: `Packing slips ${invoice.packingSlipIds.join(', ')}`, amount: null });
  for (const line of invoice.lines) lines.push({ text: describeLine(line), amount: money(line.amount) });
  lines.push({ text: 'Subtotal', amount: money(invoice.subtotal) }, { text: 'Tax', amount: money(invoice.tax) }, { text: 'Total', amount: money(invoice.total) });
  return lines;
}
