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

/** What a line sells for after its coupon discounts: the value charges tier on and tax is taken of (decision). */
function discountedNet(context: Pick<CallCenterOrderContext, 'coupons'>, line: CallCenterLine): Minor {
  return line.quantity * line.unitPrice - lineDiscount(context, line.lineId);
}

/**
 * CH-3 / CC-22: the order's auto charges, matched on the call center as the channel. Header charges use the header's
 * mode (none until one is chosen); line charges each line's mode. Overridden and manual charges are kept (CH-4).
 */
export function callCenterCharges(config: ChainConfig, context: CallCenterOrderContext): AppliedCharge[] {
  if (context.customer === null) return [];
  const fresh = computeAutoCharges({
    config, storeId: context.terms.channelId, customer: context.customer.account,
    lines: context.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, modeCode: l.modeCode, value: discountedNet(context, l) })),
    ...(context.header.modeCode === null ? {} : { headerModeCode: context.header.modeCode }),
  });
  return applyChargeChanges(context.charges, fresh, new Set(context.lines.map((l) => l.lineId)));
}

export interface SummaryLine { lineId: string; net: Minor; discount: Minor; charges: Minor; tax: Minor; total: Minor }

/** CC-6: what the summary shows; money in minor units. Balance = total - payments (negative: paid over). */
export interface CompletionSummary {
  lines: SummaryLine[];
  subtotal: Minor;
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
  return discount === 0 ? [{ quantity: line.quantity, unitPrice: line.unitPrice }] : unitPricesFor(line.quantity, line.quantity * line.unitPrice - discount);
}

/** CC-6: charges are not taxed; tax is taken of each line's discounted net. */
export function completionSummary(context: CallCenterOrderContext): CompletionSummary {
  const lines = context.lines.map((l) => {
    const net = l.quantity * l.unitPrice;
    const discount = lineDiscount(context, l.lineId);
    const charges = lineChargeTotal(context.charges, l.lineId);
    const tax = sumMinor(discountedParts(l, discount).map((part) => percentOf(part.quantity * part.unitPrice, l.taxRate)));
    return { lineId: l.lineId, net, discount, charges, tax, total: net - discount + charges + tax };
  });
  const headerCharges = headerChargeTotal(context.charges);
  const total = sumMinor(lines.map((l) => l.total)) + headerCharges;
  const amounts = resolvePaymentAmounts(context.payments, total);
  const paid = sumMinor(amounts);
  return {
    lines,
    subtotal: sumMinor(lines.map((l) => l.net)),
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
