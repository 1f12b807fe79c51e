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

/** A posted return (RT-4): amounts are negative, as return lines are. */
export interface ReturnRecord { rmaNumber: string; lines: ReturnLineRefund[]; charges: ChargeRefund[]; total: Minor }

export interface ReturnSource {
  lines: readonly ReturnableLine[];
  charges: readonly AppliedCharge[];
  returns: readonly ReturnRecord[];
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

/** RT-1 and RT-2: the line exists, quantity <= invoiced - already returned, and a reason code is given. */
export function checkReturnRequest(catalog: Catalog, source: ReturnSource, request: readonly ReturnRequestLine[]): RuleViolation | null {
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
  return null;
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
