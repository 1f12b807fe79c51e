/**
 * CC-6 the completion summary, and the order's auto charges (CH-3 / CC-22): header charges follow the header's mode
 * of delivery, line charges each line's own mode.
 */
import { applyChargeChanges, computeAutoCharges, type AppliedCharge } from '../charges.ts';
import type { ChainConfig } from '../config.ts';
import { percentOf, sumMinor, unitPricesFor, type Minor } from '../money.ts';
import { headerChargeTotal, lineChargeTotal } from '../sales.ts';
import type { CallCenterLine, CallCenterOrderContext } from './order.ts';
import { resolvePaymentAmounts } from './payments.ts';

export function lineDiscount(context: Pick<CallCenterOrderContext, 'coupons'>, lineId: string): Minor {
  return sumMinor(context.coupons.flatMap((c) => c.lines.filter((l) => l.lineId === lineId).map((l) => l.discount)));
}

/** CC-15: a line selling a continuity parent item: its program is billed by the child orders, not by this order. */
export function isContinuityParentLine(context: Pick<CallCenterOrderContext, 'terms'>, line: Pick<CallCenterLine, 'productId'>): boolean {
  return context.terms.continuityParentItems?.includes(line.productId) === true;
}

/**
 * What the order does not bill of a line: its coupon discounts (CC-13), or a continuity parent line's whole amount
 * (CC-15, decision: its child orders bill it, share by share). Submitted as the line's discount, so the store bills
 * the same.
 */
export function unbilledAmount(context: Pick<CallCenterOrderContext, 'coupons' | 'terms'>, line: CallCenterLine): Minor {
  return isContinuityParentLine(context, line) ? line.quantity * line.unitPrice : lineDiscount(context, line.lineId);
}

/** What a line sells for once `discount` is off: the value charges tier on and tax is taken of (decision). */
export function netAfterDiscount(line: Pick<CallCenterLine, 'quantity' | 'unitPrice'>, discount: Minor): Minor {
  return line.quantity * line.unitPrice - discount;
}

/**
 * CH-3 / CC-22: the order's auto charges, matched on the call center as the channel. Header charges use the header's
 * mode (none until one is chosen); line charges each line's mode. Overridden and manual charges are kept (CH-4).
 */
export function callCenterCharges(config: ChainConfig, context: CallCenterOrderContext): AppliedCharge[] {
  if (context.customer === null) return [];
  const fresh = computeAutoCharges({
    config, storeId: context.terms.channelId, customer: context.customer.account,
    lines: context.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, modeCode: l.modeCode, value: netAfterDiscount(l, unbilledAmount(context, l)) })),
    ...(context.header.modeCode === null ? {} : { headerModeCode: context.header.modeCode }),
  });
  return applyChargeChanges(context.charges, fresh, new Set(context.lines.map((l) => l.lineId)));
}

export interface SummaryLine {
  lineId: string;
  net: Minor;
  discount: Minor;
  /** CC-15: a continuity parent line's amount, billed by its child orders (0 for any other line). */
  billedByProgram: Minor;
  charges: Minor;
  tax: Minor;
  total: Minor;
}

/**
 * CC-6: what the summary shows; money in minor units. Subtotal - discounts + charges + tax = total; balance = total -
 * payments (negative: paid over).
 */
export interface CompletionSummary {
  lines: SummaryLine[];
  /** The lines this order bills (continuity parent lines are in `billedByProgram`). */
  subtotal: Minor;
  /** CC-15: continuity programs sold on the order, billed by their child orders as each ships. */
  billedByProgram: Minor;
  discounts: Minor;
  headerCharges: Minor;
  lineCharges: Minor;
  tax: Minor;
  total: Minor;
  payments: { paymentId: string; amount: Minor }[];
  paid: Minor;
  balance: Minor;
}

/**
 * CC-13: a line with coupon discounts reaches the store at discounted unit prices (the store's lines know no
 * discount): one part, or two where the discount does not divide by the quantity. Tax is taken part by part, as the
 * store takes it line by line, so the summary's total is what the store charges.
 */
export function discountedParts(line: Pick<CallCenterLine, 'quantity' | 'unitPrice'>, discount: Minor): { quantity: number; unitPrice: Minor }[] {
  return unitPricesFor(line.quantity, netAfterDiscount(line, discount));
}

/** CC-6: charges are not taxed; tax is taken of what each line bills (its discounted net). */
export function completionSummary(context: CallCenterOrderContext): CompletionSummary {
  const lines = context.lines.map((l): SummaryLine => {
    const net = l.quantity * l.unitPrice;
    const unbilled = unbilledAmount(context, l);
    const billedByProgram = isContinuityParentLine(context, l) ? unbilled : 0;
    const charges = lineChargeTotal(context.charges, l.lineId);
    const tax = sumMinor(discountedParts(l, unbilled).map((part) => percentOf(part.quantity * part.unitPrice, l.taxRate)));
    return { lineId: l.lineId, net, discount: unbilled - billedByProgram, billedByProgram, charges, tax, total: net - unbilled + charges + tax };
  });
  const headerCharges = headerChargeTotal(context.charges);
  const total = sumMinor(lines.map((l) => l.total)) + headerCharges;
  const amounts = resolvePaymentAmounts(context.payments, total);
  const paid = sumMinor(amounts);
  return {
    lines,
    subtotal: sumMinor(lines.map((l) => l.net - l.billedByProgram)),
    billedByProgram: sumMinor(lines.map((l) => l.billedByProgram)),
    discounts: sumMinor(lines.map((l) => l.discount)),
    headerCharges,
    lineCharges: sumMinor(lines.map((l) => l.charges)),
    tax: sumMinor(lines.map((l) => l.tax)),
    total,
    payments: context.payments.map((p, i) => ({ paymentId: p.paymentId, amount: amounts[i]! })),
    paid,
    balance: total - paid,
  };
}
