/**
 * Payments and invoices of a customer order, and the statuses derived from them (never stored).
 * Prepayments (deposits) are consumed by invoices in order; what an invoice is not covered by is collected
 * then (CO-8: the card token for a ship order, the pickup tender for a pickup).
 */
import { proportionOf, sumMinor, type Minor } from './money.ts';

export type TenderMethod = 'cash' | 'card' | 'cardToken';
/**
 * Refunds are negative. A cancellation charge above the deposits held is collected from the customer: a positive
 * 'cancellationCharge' row (CO-11). A return refund pays back invoiced goods, so it never eats into the deposits
 * still held.
 */
export type PaymentKind = 'prepayment' | 'capture' | 'pickup' | 'refund' | 'cancellationCharge' | 'returnRefund';

export interface Payment { paymentId: string; kind: PaymentKind; method: TenderMethod; amount: Minor }

export interface InvoiceLine { lineId: string; quantity: number; net: Minor; tax: Minor; charges: Minor }
export interface Invoice {
  invoiceId: string;
  /** Where it was invoiced: carried out or charged at the register, shipped, picked up. */
  kind: 'carryOut' | 'charges' | 'ship' | 'pickup';
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

/** CO-11: what customers paid on cancelling beyond the deposits held. */
export function cancellationChargesCollected(payments: readonly Payment[]): Minor {
  return amountPaid(payments.filter((p) => p.kind === 'cancellationCharge'));
}

/** What was paid for the order's goods and charges: return refunds pay back returned goods and don't count. */
export function paidTowardsOrder(payments: readonly Payment[]): Minor {
  return amountPaid(payments.filter((p) => p.kind !== 'returnRefund'));
}

/** Money paid but not yet consumed by an invoice: the deposits still held (CO-11 refunds these). */
export function unappliedPrepayment(payments: readonly Payment[], invoices: readonly Invoice[]): Minor {
  return Math.max(0, paidTowardsOrder(payments) - amountInvoiced(invoices));
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

/** What the invoices hold of one line so far: units and amounts. */
export function invoicedOfLine(invoices: readonly Invoice[], lineId: string): Omit<InvoiceLine, 'lineId'> {
  const sofar = { quantity: 0, net: 0, tax: 0, charges: 0 };
  for (const invoice of invoices) {
    for (const l of invoice.lines) {
      if (l.lineId !== lineId) continue;
      sofar.quantity += l.quantity;
      sofar.net += l.net;
      sofar.tax += l.tax;
      sofar.charges += l.charges;
    }
  }
  return sofar;
}

/**
 * Invoice amounts for `quantity` more units of a line: the cumulative share of the whole line's net, tax and
 * charges minus what earlier invoices took, so the invoices of a line always add up to the line exactly, even when
 * an edit changed the line's quantity or price after part of it was invoiced.
 */
export function invoiceLineAmounts(
  whole: Omit<InvoiceLine, 'lineId'>,
  sofar: Omit<InvoiceLine, 'lineId'>,
  quantity: number,
): Omit<InvoiceLine, 'lineId'> {
  const share = (total: Minor, taken: Minor) => proportionOf(total, sofar.quantity + quantity, whole.quantity) - taken;
  return { quantity, net: share(whole.net, sofar.net), tax: share(whole.tax, sofar.tax), charges: share(whole.charges, sofar.charges) };
}
