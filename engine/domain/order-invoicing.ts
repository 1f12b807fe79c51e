/**
 * Invoicing a customer order's lines (FF-5 ship, FF-6 pickup, CO-5 carry-out): the invoice amounts and what is
 * collected for it after deposits (CO-8). Used by the order actor and by the register that tenders a pickup.
 */
import { chargesForLine, headerCharges, type AppliedCharge } from './charges.ts';
import type { LineProgress } from './fulfillment.ts';
import { sumMinor, type Minor } from './money.ts';
import { collectOnInvoice, invoiceLineAmounts, type Invoice, type Payment } from './payments.ts';
import { lineTax, type SalesLine } from './sales.ts';

export interface InvoicedOrder {
  lines: readonly (SalesLine & { progress: LineProgress })[];
  charges: readonly AppliedCharge[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
}

export interface QuantityOfLine { lineId: string; quantity: number }

/** Header charges are invoiced with the first invoice of the order's ship or pickup lines. */
function headerChargesDue(order: InvoicedOrder, kind: Invoice['kind']): Minor {
  if (kind === 'carryOut' || order.invoices.some((i) => i.kind !== 'carryOut')) return 0;
  return sumMinor(headerCharges(order.charges).map((c) => c.amount));
}

export function buildInvoice(order: InvoicedOrder, invoiceId: string, kind: Invoice['kind'], quantities: readonly QuantityOfLine[]): { invoice: Invoice; collect: Minor } {
  const lines = quantities.map(({ lineId, quantity }) => {
    const line = order.lines.find((l) => l.lineId === lineId)!;
    const alreadyInvoiced = kind === 'carryOut' ? 0 : line.progress.invoiced;
    const charges = sumMinor(chargesForLine(order.charges, lineId).map((c) => c.amount));
    return { lineId, ...invoiceLineAmounts(line, lineTax(line), charges, alreadyInvoiced, quantity) };
  });
  const header = headerChargesDue(order, kind);
  const total = sumMinor(lines.map((l) => l.net + l.tax + l.charges)) + header;
  const invoice: Invoice = { invoiceId, kind, lines, headerCharges: header, total };
  return { invoice, collect: collectOnInvoice(order.payments, order.invoices, total) };
}
