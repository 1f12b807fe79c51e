/**
 * Payments and invoices of a customer order, and the statuses derived from them (never stored).
 * Prepayments (deposits) are consumed by invoices in order; what an invoice is not covered by is collected
 * then (CO-8: the card token for a ship order, the pickup tender for a pickup).
 */
import { proportionOf, sumMinor, type Minor } from './money.ts';

export type TenderMethod = 'cash' | 'card' | 'cardToken';
/**
 * Refunds are negative; a cancellation the customer still owes on is a positive 'refund' row. A return refund
 * pays back invoiced goods, so it never eats into the deposits still held.
 */
export type PaymentKind = 'prepayment' | 'capture' | 'pickup' | 'refund' | 'returnRefund';

export interface Payment { paymentId: string; kind: PaymentKind; method: TenderMethod; amount: Minor }

export interface InvoiceLine { lineId: string; quantity: number; net: Minor; tax: Minor; charges: Minor }
export interface Invoice {
  invoiceId: string;
  kind: 'carryOut' | 'ship' | 'pickup';
  lines: InvoiceLine[];
  headerCharges: Minor;
  total: Minor;
}

export function amountPaid(payments: readonly Payment[]): Minor {
  return sumMinor(payments.map((p) => p.amount));
}

export function amountInvoiced(invoices: readonly Invoice[]): Minor {
  return sumMinor(invoices.map((i) => i.total));
}

/** Money paid but not yet consumed by an invoice: the deposits still held (CO-11 refunds these). */
export function unappliedPrepayment(payments: readonly Payment[], invoices: readonly Invoice[]): Minor {
  const paidTowardsInvoices = amountPaid(payments.filter((p) => p.kind !== 'returnRefund'));
  return Math.max(0, paidTowardsInvoices - amountInvoiced(invoices));
}

/** What must be collected when `invoiceTotal` is invoiced, after remaining deposits are applied. */
export function collectOnInvoice(payments: readonly Payment[], invoices: readonly Invoice[], invoiceTotal: Minor): Minor {
  return Math.max(0, invoiceTotal - unappliedPrepayment(payments, invoices));
}

export type PaymentStatus = 'Unpaid' | 'PartiallyPaid' | 'Paid' | 'Overpaid';

/** Payment status of an order from its payments against what it owes. */
export function paymentStatus(amountOwed: Minor, payments: readonly Payment[]): PaymentStatus {
  const paid = amountPaid(payments);
  if (paid > amountOwed) return 'Overpaid';
  if (paid === amountOwed) return 'Paid';
  return paid <= 0 ? 'Unpaid' : 'PartiallyPaid';
}

/**
 * Invoice amounts for `quantity` more units of a line: net exactly, tax and charges as the cumulative share of
 * the whole line's, so the invoices of a line always add up to the line exactly.
 */
export function invoiceLineAmounts(
  line: { quantity: number; unitPrice: Minor },
  lineTaxTotal: Minor,
  lineChargesTotal: Minor,
  alreadyInvoiced: number,
  quantity: number,
): Omit<InvoiceLine, 'lineId'> {
  const share = (total: Minor) =>
    proportionOf(total, alreadyInvoiced + quantity, line.quantity) - proportionOf(total, alreadyInvoiced, line.quantity);
  return { quantity, net: quantity * line.unitPrice, tax: share(lineTaxTotal), charges: share(lineChargesTotal) };
}
