/**
 * CC-13 coupon redemptions: headquarters' ledger, the single writer of every redemption. Redemption is recorded at
 * Submit; a one-time coupon never redeems twice, even when two agents submit orders carrying it at the same moment:
 * each agent's entry check (coupons.ts) reads a ledger that may already be stale, but Submit goes through
 * `redeemOrder` on headquarters' own ledger, one order after another, and that refuses the second.
 *
 * The ledger is a plain value (JSON, copy on write) so it sits in headquarters' snapshot like the back office.
 *
 * Decisions where the spec and the ERP's docs are silent:
 * - Auto-reissue: the ERP's call-center coupons are "one-time use, automatically reissued, or specific to a
 *   customer", and its docs say no more. Here an auto-reissue coupon is put back in circulation as soon as it is
 *   redeemed: every redemption is recorded (one per order), and the same code is used again, by anyone, until its end
 *   date. No new code is made: the docs speak of none, and the call center has no way to send one to the customer.
 * - Customer-specific coupons are redeemed once per listed customer.
 * - Submitting an order again (a repeat of the same Submit, or a Submit after Clear and modify, CC-19) makes the
 *   order's redemptions exactly the coupons applied on it now: those already recorded stay as they are, new ones are
 *   recorded, coupons taken off the order since are released.
 * - An order cancelled before any invoice gives its coupons back (the redemption is kept, marked released, for the
 *   order's history); once anything of the order is invoiced its coupons stay used, even if the rest is cancelled.
 */
import { violation, type RuleViolation } from '../violation.ts';
import type { Coupon } from './coupons.ts';

export interface Redemption {
  /** The coupon's code as configured. */
  couponCode: string;
  orderId: string;
  customerId: string;
  /** Submit's time on the virtual clock. */
  at: number;
  /** When the order was cancelled before invoicing and the coupon given back; null while it counts as used. */
  releasedAt: number | null;
}

export interface CouponLedger {
  /** Every redemption recorded, per coupon code, oldest first (released ones too). */
  byCoupon: Readonly<Record<string, readonly Redemption[]>>;
  /** The codes each order has redeemed (released ones too), in the order recorded. */
  byOrder: Readonly<Record<string, readonly string[]>>;
}

export const emptyCouponLedger: CouponLedger = { byCoupon: {}, byOrder: {} };

/** The redemptions of a coupon that count as used (not released). */
export function activeRedemptions(ledger: CouponLedger, couponCode: string): Redemption[] {
  return (ledger.byCoupon[couponCode] ?? []).filter((r) => r.releasedAt === null);
}

/** The redemptions of an order that count as used. */
export function orderRedemptions(ledger: CouponLedger, orderId: string): Redemption[] {
  return (ledger.byOrder[orderId] ?? []).flatMap((code) => activeRedemptions(ledger, code).filter((r) => r.orderId === orderId));
}

/** Whether the coupon is used up for this customer and order: the refusal CC-13 gives, or null. */
export function usedUp(coupon: Coupon, ledger: CouponLedger, customerId: string, orderId: string): 'redeemed' | 'notListed' | null {
  if (coupon.usage === 'customerSpecific' && !coupon.customers.includes(customerId)) return 'notListed';
  if (coupon.usage === 'autoReissue') return null;
  const others = activeRedemptions(ledger, coupon.code).filter((r) => r.orderId !== orderId);
  const taken = coupon.usage === 'oneTime' ? others : others.filter((r) => r.customerId === customerId);
  return taken.length > 0 ? 'redeemed' : null;
}

/** The agent's words for a coupon that is used up (entry and Submit say the same). */
export function usedUpMessage(coupon: Coupon, why: 'redeemed' | 'notListed'): string {
  const code = coupon.code;
  if (why === 'notListed') return `coupon ${code} was issued to other customers and cannot be used for this customer`;
  return coupon.usage === 'oneTime'
    ? `coupon ${code} has already been used: it can be used only once`
    : `this customer has already used coupon ${code}: it can be used once per customer`;
}

function withRedemptions(ledger: CouponLedger, couponCode: string, redemptions: readonly Redemption[]): CouponLedger {
  return { ...ledger, byCoupon: { ...ledger.byCoupon, [couponCode]: redemptions } };
}

function released(ledger: CouponLedger, orderId: string, codes: ReadonlySet<string>, at: number): CouponLedger {
  let next = ledger;
  for (const code of codes) {
    next = withRedemptions(next, code, next.byCoupon[code]!.map((r) => r.orderId === orderId && r.releasedAt === null ? { ...r, releasedAt: at } : r));
  }
  return next;
}

export interface OrderSubmission {
  orderId: string;
  customerId: string;
  at: number;
  /** The coupons applied on the order at Submit (entered but not applied ones are not redeemed). */
  coupons: readonly Coupon[];
}

/**
 * CC-13 at Submit: records the order's coupons as used, all or none. Refused (CC-13, field couponCode, naming the
 * coupon) when one of them is used up by another order or not for this customer; the ledger is then unchanged.
 * Submitting the same order again records nothing twice (see the decisions above).
 */
export function redeemOrder(ledger: CouponLedger, submission: OrderSubmission): { ledger: CouponLedger; redeemed: Redemption[] } | RuleViolation {
  const { orderId, customerId, at } = submission;
  for (const coupon of submission.coupons) {
    const why = usedUp(coupon, ledger, customerId, orderId);
    if (why !== null) return violation('CC-13', `${usedUpMessage(coupon, why)}; take it off the order to submit`, 'couponCode');
  }
  const active = orderRedemptions(ledger, orderId);
  const kept = new Set(submission.coupons.map((c) => c.code));
  let next = released(ledger, orderId, new Set(active.filter((r) => !kept.has(r.couponCode)).map((r) => r.couponCode)), at);
  const redeemed: Redemption[] = [];
  const recorded = new Set(active.map((r) => r.couponCode));
  for (const coupon of submission.coupons) {
    if (recorded.has(coupon.code)) continue;
    recorded.add(coupon.code);
    const redemption: Redemption = { couponCode: coupon.code, orderId, customerId, at, releasedAt: null };
    next = withRedemptions(next, coupon.code, [...(next.byCoupon[coupon.code] ?? []), redemption]);
    const codes = next.byOrder[orderId] ?? [];
    if (!codes.includes(coupon.code)) next = { ...next, byOrder: { ...next.byOrder, [orderId]: [...codes, coupon.code] } };
    redeemed.push(redemption);
  }
  return { ledger: next, redeemed };
}

/**
 * An order is cancelled: before any invoice its coupons are given back (a one-time coupon may then be used on
 * another order); once anything of it is invoiced they stay used (`kept`).
 */
export function releaseOrder(ledger: CouponLedger, order: { orderId: string; at: number; invoiced: boolean }): { ledger: CouponLedger; released: Redemption[]; kept: Redemption[] } {
  const active = orderRedemptions(ledger, order.orderId);
  if (order.invoiced || active.length === 0) return { ledger, released: [], kept: active };
  const next = released(ledger, order.orderId, new Set(active.map((r) => r.couponCode)), order.at);
  return { ledger: next, released: active.map((r) => ({ ...r, releasedAt: order.at })), kept: [] };
}
