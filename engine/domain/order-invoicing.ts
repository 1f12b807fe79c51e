/**
 * Invoicing a customer order's lines (FF-5 ship, FF-6 pickup, CO-5 carry-out): the invoice amounts and what is
 * collected for it after deposits (CO-8). Used by the order actor and by the register that tenders a pickup.
 * The order's invoices are the record of what each line has been invoiced; the line buckets follow them.
 */
import { chargesForLine, headerCharges, type AppliedCharge } from './charges.ts';
import type { LineProgress } from './fulfillment.ts';
import { sumMinor, type Minor } from './money.ts';
import { collectOnInvoice, invoicedOfLine, invoiceLineAmounts, type Invoice, type Payment } from './payments.ts';
import { lineNet, lineTax, type SalesLine } from './sales.ts';

export interface InvoicedOrder {
  lines: readonly (SalesLine & { progress: LineProgress })[];
  charges: readonly AppliedCharge[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
}

export interface QuantityOfLine { lineId: string; quantity: number }

/** Whether a ship or pickup line still has units to invoice once `quantities` are invoiced. */
function leavesUnitsToFulfil(order: InvoicedOrder, quantities: readonly QuantityOfLine[]): boolean {
  return order.lines.some((l) => {
    if (l.delivery.kind === 'carryOut') return false;
    const now = sumMinor(quantities.filter((q) => q.lineId === l.lineId).map((q) => q.quantity));
    return l.progress.invoiced + now < l.quantity;
  });
}

/**
 * Header charges not yet invoiced go on the next ship or pickup invoice. An invoice at the register (carry-out or
 * charges only) takes them only when fulfilment has nothing left to invoice, so they are never left behind.
 */
export function headerChargesDue(order: InvoicedOrder, kind: Invoice['kind'], quantities: readonly QuantityOfLine[]): Minor {
  const pending = sumMinor(headerCharges(order.charges).map((c) => c.amount)) - sumMinor(order.invoices.map((i) => i.headerCharges));
  if (pending === 0) return 0;
  const atRegister = kind === 'carryOut' || kind === 'charges';
  return atRegister && leavesUnitsToFulfil(order, quantities) ? 0 : pending;
}

export function buildInvoice(order: InvoicedOrder, invoiceId: string, kind: Invoice['kind'], quantities: readonly QuantityOfLine[]): { invoice: Invoice; collect: Minor } {
  const lines = quantities.map(({ lineId, quantity }) => {
    const line = order.lines.find((l) => l.lineId === lineId)!;
    const whole = { quantity: line.quantity, net: lineNet(line), tax: lineTax(line), charges: sumMinor(chargesForLine(order.charges, lineId).map((c) => c.amount)) };
    return { lineId, ...invoiceLineAmounts(whole, invoicedOfLine(order.invoices, lineId), quantity) };
  });
  const header = headerChargesDue(order, kind, quantities);
  const total = sumMinor(lines.map((l) => l.net + l.tax + l.charges)) + header;
  const invoice: Invoice = { invoiceId, kind, lines, headerCharges: header, total };
  return { invoice, collect: collectOnInvoice(order.payments, order.invoices, total) };
}

/**
 * CO-5: what the register invoices when an order is created or an edit is saved: the lines carried out now, and
 * the header charges when fulfilment will invoice nothing more. Null when there is nothing to invoice.
 */
export function registerInvoice(order: InvoicedOrder, invoiceId: string, carriedOut: readonly QuantityOfLine[]): Invoice | null {
  const kind = carriedOut.length > 0 ? 'carryOut' : 'charges';
  const { invoice } = buildInvoice(order, invoiceId, kind, carriedOut);
  return invoice.lines.length === 0 && invoice.headerCharges === 0 ? null : invoice;
}
