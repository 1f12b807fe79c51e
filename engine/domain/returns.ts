/**
 * Returns (RT-1..RT-3): what a return refunds. Tax and charges are refunded as cumulative shares of what the
 * original carried, so several partial returns never refund more than was charged.
 */
import type { Catalog } from './catalog.ts';
import type { AppliedCharge } from './charges.ts';
import { percentOf, proportionOf, sumMinor, type BasisPoints, type Minor } from './money.ts';

/** Refund amounts are negative; a zero stays 0 (not -0), so records survive a JSON round trip unchanged. */
const negative = (amount: Minor): Minor => (amount === 0 ? 0 : -amount);
import { violation, type RuleViolation } from './violation.ts';

export interface ReturnableLine {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: Minor;
  taxRate: BasisPoints;
  invoiced: number;
}

export interface ReturnLineRefund { lineId: string; quantity: number; reasonCode: string; net: Minor; tax: Minor }
export interface ChargeRefund { key: string; chargeCode: string; amount: Minor; shipping: boolean }

/** A posted return (RT-4): amounts are negative, as return lines are. CO-16: the invoice it was made against, if chosen. */
export interface ReturnRecord { rmaNumber: string; invoiceId?: string; lines: ReturnLineRefund[]; charges: ChargeRefund[]; total: Minor }

/** CO-16: an invoice of the original and the units of each line it invoiced. */
export interface ReturnableInvoice { invoiceId: string; lines: readonly { lineId: string; quantity: number }[] }

export interface ReturnSource {
  lines: readonly ReturnableLine[];
  charges: readonly AppliedCharge[];
  returns: readonly ReturnRecord[];
  /** CO-16: a customer order's invoices (a receipt has none to choose from). */
  invoices?: readonly ReturnableInvoice[];
}

export interface ReturnRequestLine { lineId: string; quantity: number; reasonCode: string }

export interface ReturnCalculation {
  lines: ReturnLineRefund[];
  charges: ChargeRefund[];
  /** Positive magnitude of the shipping charges this return refunds. */
  shippingRefund: Minor;
  /** RT-3: cumulative shipping refunds over the maximum without approval need a manager override. */
  needsApproval: boolean;
  total: Minor;
}

export function returnedQuantity(source: ReturnSource, lineId: string): number {
  return sumMinor(source.returns.flatMap((r) => r.lines.filter((l) => l.lineId === lineId).map((l) => l.quantity)));
}

/** CO-16: the invoices a return chooses from (those that invoiced units); with more than one, the return names one. */
export function invoicesToChooseFrom(source: ReturnSource): readonly ReturnableInvoice[] {
  return (source.invoices ?? []).filter((i) => i.lines.some((l) => l.quantity > 0));
}

/** CO-16: units of a line an invoice still has to return: its quantity minus what was returned against it. */
export function returnableOnInvoice(source: ReturnSource, invoice: ReturnableInvoice, lineId: string): number {
  const invoiced = sumMinor(invoice.lines.filter((l) => l.lineId === lineId).map((l) => l.quantity));
  const returned = sumMinor(source.returns.filter((r) => r.invoiceId === invoice.invoiceId).flatMap((r) => r.lines.filter((l) => l.lineId === lineId).map((l) => l.quantity)));
  return invoiced - returned;
}

/**
 * CO-16: a return against a chosen invoice takes back no more of a line than that invoice holds less the returns
 * against it. Without a choice the whole order's invoiced units count (RT-1): the till always asks for the invoice
 * when there are several, scripted returns may leave it out (docs/decisions.md).
 */
export function checkInvoiceChoice(source: ReturnSource, request: readonly { lineId: string; quantity: number }[], invoiceId: string | null): RuleViolation | null {
  if (invoiceId === null) return null;
  const invoice = invoicesToChooseFrom(source).find((i) => i.invoiceId === invoiceId);
  if (invoice === undefined) return violation('CO-16', `invoice "${invoiceId}" is not one of this original's invoices`, 'invoiceId');
  for (const [i, wanted] of request.entries()) {
    const returnable = returnableOnInvoice(source, invoice, wanted.lineId);
    if (wanted.quantity > returnable) {
      return violation('CO-16', `return quantity ${wanted.quantity} exceeds what invoice ${invoiceId} invoiced of this line minus returns against it (${Math.max(0, returnable)})`, `lines.${i}.quantity`);
    }
  }
  return null;
}

/** RT-1 and RT-2: the line exists, quantity <= invoiced - already returned, and a reason code is given; CO-16 the invoice. */
export function checkReturnRequest(catalog: Catalog, source: ReturnSource, request: readonly ReturnRequestLine[], invoiceId: string | null = null): RuleViolation | null {
  if (request.length === 0) return violation('RT-1', 'choose at least one line to return', 'lines');
  const seen = new Set<string>();
  for (const [i, wanted] of request.entries()) {
    const line = source.lines.find((l) => l.lineId === wanted.lineId);
    if (line === undefined) return violation('RT-1', `line "${wanted.lineId}" is not on the original`, `lines.${i}.lineId`);
    if (seen.has(wanted.lineId)) return violation('RT-1', `line "${wanted.lineId}" is listed twice`, `lines.${i}.lineId`);
    seen.add(wanted.lineId);
    if (!catalog.config.parameters.returnReasonCodes.includes(wanted.reasonCode)) {
      return violation('RT-2', `every return line needs a valid reason code; "${wanted.reasonCode}" is not one`, `lines.${i}.reasonCode`);
    }
    const returnable = line.invoiced - returnedQuantity(source, line.lineId);
    if (!Number.isInteger(wanted.quantity) || wanted.quantity <= 0) {
      return violation('RT-1', 'return quantity must be a positive whole number', `lines.${i}.quantity`);
    }
    if (wanted.quantity > returnable) {
      return violation('RT-1', `return quantity ${wanted.quantity} exceeds invoiced minus returned (${returnable})`, `lines.${i}.quantity`);
    }
  }
  return checkInvoiceChoice(source, request, invoiceId);
}

function refundedSoFar(source: ReturnSource, key: string): Minor {
  return -sumMinor(source.returns.flatMap((r) => r.charges.filter((c) => c.key === key).map((c) => c.amount)));
}

function chargeIsRefunded(catalog: Catalog, chargeCode: string): { refunded: boolean; shipping: boolean } {
  const code = catalog.chargeCodes.get(chargeCode);
  const shipping = code?.shipping ?? chargeCode === catalog.config.parameters.shippingChargeCode;
  const refundable = code?.refundable ?? false;
  return { refunded: refundable && (!shipping || catalog.config.parameters.refundShippingCharges), shipping };
}

/**
 * RT-2: return lines are negative, refund = quantity x unit price + tax. RT-3: refundable charges come back,
 * line charges in proportion to the returned quantity, header charges in proportion to the returned value;
 * shipping charges only when "refund shipping charges" is on.
 */
export function calculateReturn(catalog: Catalog, source: ReturnSource, request: readonly ReturnRequestLine[]): ReturnCalculation {
  const returnedAfter = new Map<string, number>();
  const lines = request.map((wanted) => {
    const line = source.lines.find((l) => l.lineId === wanted.lineId)!;
    const before = returnedQuantity(source, line.lineId);
    returnedAfter.set(line.lineId, before + wanted.quantity);
    const fullTax = percentOf(line.quantity * line.unitPrice, line.taxRate);
    const tax = proportionOf(fullTax, before + wanted.quantity, line.quantity) - proportionOf(fullTax, before, line.quantity);
    return { lineId: line.lineId, quantity: wanted.quantity, reasonCode: wanted.reasonCode, net: negative(wanted.quantity * line.unitPrice), tax: negative(tax) };
  });

  const orderNet = sumMinor(source.lines.map((l) => l.quantity * l.unitPrice));
  const returnedNetAfter = sumMinor(
    source.lines.map((l) => (returnedAfter.get(l.lineId) ?? returnedQuantity(source, l.lineId)) * l.unitPrice),
  );
  const charges: ChargeRefund[] = [];
  for (const charge of source.charges) {
    const { refunded, shipping } = chargeIsRefunded(catalog, charge.chargeCode);
    if (!refunded) continue;
    let target: Minor;
    if (charge.lineId !== undefined) {
      const line = source.lines.find((l) => l.lineId === charge.lineId);
      const after = returnedAfter.get(charge.lineId);
      if (line === undefined || after === undefined) continue;
      target = proportionOf(charge.amount, after, line.quantity);
    } else {
      target = proportionOf(charge.amount, returnedNetAfter, orderNet);
    }
    const amount = target - refundedSoFar(source, charge.key);
    if (amount > 0) charges.push({ key: charge.key, chargeCode: charge.chargeCode, amount: negative(amount), shipping });
  }

  const shippingRefund = negative(sumMinor(charges.filter((c) => c.shipping).map((c) => c.amount)));
  const shippingBefore = negative(sumMinor(source.returns.flatMap((r) => r.charges.filter((c) => c.shipping).map((c) => c.amount))));
  const needsApproval =
    shippingRefund > 0 && shippingBefore + shippingRefund > catalog.config.parameters.maxShippingRefundWithoutApproval;
  const total = sumMinor(lines.map((l) => l.net + l.tax)) + sumMinor(charges.map((c) => c.amount));
  return { lines, charges, shippingRefund, needsApproval, total };
}
