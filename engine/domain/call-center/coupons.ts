/**
 * Call-center coupons (CC-12, CC-13): the chain's coupon configuration, the check an agent's coupon entry passes,
 * and the discount a coupon gives an order, line by line (so tax is taken on the discounted lines). Redemption, which
 * headquarters records at Submit, is in ./coupon-ledger.ts.
 *
 * Decisions where the spec and the ERP's docs are silent:
 * - A code matches case-insensitively, surrounding spaces ignored (like CO-13's order lookups). An unknown code gets
 *   no "did you mean": an agent must not help a caller guess codes.
 * - Dates are whole days (YYYY-MM-DD), start and end both inclusive; the order date is the day the agent enters the
 *   coupon. Redemption at Submit does not check the dates again: the coupon was valid when the customer used it.
 * - Minimum not met: the coupon is accepted onto the order but not applied ("entered, not applied: spend $X more").
 *   Every recalculation re-evaluates it, so it applies by itself once the lines reach the minimum; only applied
 *   coupons are redeemed at Submit. The same holds for a coupon that would take nothing off (none of its items on
 *   the order yet): a one-time coupon is not used up for nothing. The minimum is measured on the coupon's eligible lines at their prices before any
 *   coupon: what the customer buys of what the coupon covers.
 * - Several coupons on one order apply in the order they were entered, each to what is left of each line after the
 *   coupons before it (so two 10% coupons give 19%, and no line is ever discounted below zero).
 * - Amount off an item price is off each unit (quantity x amount), capped at the line; percent off an item price is
 *   taken per line. Order-total coupons take the eligible lines' total and share the discount over those lines in
 *   proportion to what is left of them.
 * - A line's catalog is the catalog of the source code it was ordered under (null: none). Include/exclude rules are
 *   per dimension (catalogs, items) and a line must pass both; a line with no catalog fails an include-catalogs rule.
 * - Exclusive: no other coupon may be on the order, either way round (entering an exclusive coupon next to others,
 *   or any coupon next to an exclusive one, even one entered but not applied). Orders carry no other discounts yet.
 * - Customer-specific coupons are used once per listed customer (a demanding product does not let one mailed coupon
 *   be used on every order); auto-reissue coupons: see coupon-ledger.ts.
 */
import { z } from 'zod';
import { record } from '../config-record.ts';
import type { ConfigIssue } from '../catalog.ts';
import { MAX_AMOUNT } from '../limits.ts';
import { formatMoney, percentOf, splitByWeights, sumMinor, type Minor } from '../money.ts';
import { didYouMean } from '../suggest.ts';
import { violation, type RuleViolation } from '../violation.ts';
import { usedUp, usedUpMessage, type CouponLedger } from './coupon-ledger.ts';

const id = z.string().min(1).max(64);
const day = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  // 2026-02-30 parses (as March 2nd): a calendar date is one that reads back the same.
  .refine((v) => {
    const at = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(v);
  }, 'not a calendar date');

/** All (no rule), or only / all but the listed catalogs or items. */
const scopeSchema = record({
  rule: z.enum(['all', 'include', 'exclude']).default('all'),
  ids: z.array(id).default([]),
}).refine((s) => (s.rule === 'all') === (s.ids.length === 0), { message: 'list the ids with "include" or "exclude", and none with "all"', path: ['ids'] });
const everything = { rule: 'all' as const, ids: [] };

export const couponUsages = ['oneTime', 'autoReissue', 'customerSpecific'] as const;
export type CouponUsage = (typeof couponUsages)[number];

/** CC-12: a coupon of the chain's configuration. */
export const couponSchema = record({
  /** What the customer reads out; matched case-insensitively. */
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'a coupon code is 1 to 32 letters, digits, - or _, starting with a letter or digit'),
  /** What the agent reads to the customer ("$75 off orders of $750 or more"). */
  description: z.string().max(200).default(''),
  /** Amount off in minor units, or percent off in basis points (1% = 100). */
  off: z.discriminatedUnion('kind', [
    record({ kind: z.literal('amount'), amount: z.number().int().min(1).max(MAX_AMOUNT) }),
    record({ kind: z.literal('percent'), rate: z.number().int().min(1).max(10_000) }),
  ]),
  /** Off the order total, or off the price of each eligible item. */
  appliesTo: z.enum(['orderTotal', 'itemPrice']),
  /** The eligible lines' total the order must reach (minor units), e.g. 75.00 off at >= 750.00. */
  minimumSpend: z.number().int().min(1).max(MAX_AMOUNT).optional(),
  startDate: day,
  endDate: day,
  usage: z.enum(couponUsages),
  /** Customer-specific only: the accounts that may use it. */
  customers: z.array(id).default([]),
  catalogs: scopeSchema.default(everything),
  items: scopeSchema.default(everything),
  /** No other coupon on the same order. */
  exclusive: z.boolean().default(false),
  /** Withdrawn: refused as invalid from now on (a void coupon stays in the configuration for its history). */
  void: z.boolean().default(false),
})
  .refine((c) => c.endDate >= c.startDate, { message: 'the end date comes before the start date', path: ['endDate'] })
  .refine((c) => (c.usage === 'customerSpecific') === (c.customers.length > 0), {
    message: 'a customer-specific coupon lists its customers, and only a customer-specific one does',
    path: ['customers'],
  });
export type Coupon = z.infer<typeof couponSchema>;
export type CouponInput = z.input<typeof couponSchema>;

/** The chain's coupons: no two with the same code (codes match case-insensitively). */
export const couponListSchema = z.array(couponSchema).superRefine((coupons, ctx) => {
  const seen = new Map<string, number>();
  coupons.forEach((coupon, index) => {
    const first = seen.get(couponKey(coupon.code));
    if (first === undefined) seen.set(couponKey(coupon.code), index);
    else ctx.addIssue({ code: 'custom', message: `coupon code "${coupon.code}" is already used by coupon ${first}`, path: [index, 'code'] });
  });
});

/** What the coupons' lists may name: the chain's customers (account ids), products and call-center catalogs. */
export interface CouponReferences {
  customers: { has(id: string): boolean; keys(): Iterable<string> };
  products: { has(id: string): boolean; keys(): Iterable<string> };
  catalogs: { has(id: string): boolean; keys(): Iterable<string> };
}

/**
 * The configuration's coupons checked against the rest of it (the schema sees one coupon at a time): every customer,
 * item and catalog a coupon lists must exist, so a typo does not silently narrow or widen a coupon.
 */
export function couponReferenceIssues(coupons: readonly Coupon[], known: CouponReferences, path = 'coupons'): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (ids: readonly string[], table: CouponReferences[keyof CouponReferences], at: string, what: string) => ids.forEach((id, j) => {
    if (!table.has(id)) issues.push({ path: `${at}.${j}`, message: `unknown ${what} "${id}"${didYouMean(id, table.keys())}` });
  });
  coupons.forEach((coupon, i) => {
    check(coupon.customers, known.customers, `${path}.${i}.customers`, 'customer');
    check(coupon.items.ids, known.products, `${path}.${i}.items.ids`, 'product');
    check(coupon.catalogs.ids, known.catalogs, `${path}.${i}.catalogs.ids`, 'catalog');
  });
  return issues;
}

/** The form a code is matched and recorded in. */
export function couponKey(code: string): string {
  return code.trim().toUpperCase();
}

/** The coupon an agent typed, if the chain has one by that code. */
export function findCoupon(coupons: readonly Coupon[], typed: string): Coupon | undefined {
  const key = couponKey(typed);
  return coupons.find((c) => couponKey(c.code) === key);
}

// ---------------------------------------------------------------------------------------------------------------
// The discount (CC-12, CC-13 "amount off is capped at the eligible total")
// ---------------------------------------------------------------------------------------------------------------

/** An order line as coupons see it. */
export interface CouponLine {
  lineId: string;
  productId: string;
  /** The catalog of the source code the line was ordered under (CC-4); null when it has none. */
  catalogId: string | null;
  quantity: number;
  unitPrice: Minor;
}

/**
 * Why a coupon on the order takes nothing: its covered lines come to less than its minimum spend (by `shortfall`),
 * the order has none of the items it covers, or the coupons before it left nothing of them.
 */
export type NotApplied = 'belowMinimum' | 'noneCovered' | 'nothingLeft';

/** What one coupon on the order does. Only an applied coupon (one that takes something off) is redeemed at Submit. */
export type CouponOutcome =
  | { code: string; applied: true; discount: Minor; lines: { lineId: string; discount: Minor }[] }
  | { code: string; applied: false; why: NotApplied; shortfall: Minor; discount: 0; lines: [] };

export interface OrderDiscount {
  /** One per coupon, in the order given. */
  coupons: CouponOutcome[];
  /** Every line with its amount before coupons, its discount and what is left (`net`, the amount tax is taken on). */
  lines: { lineId: string; amount: Minor; discount: Minor; net: Minor }[];
  discount: Minor;
}

function inScope(scope: Coupon['catalogs'], value: string | null): boolean {
  if (scope.rule === 'all') return true;
  const listed = value !== null && scope.ids.includes(value);
  return scope.rule === 'include' ? listed : !listed;
}

/** Whether a coupon covers a line (its catalog and its item both pass the coupon's rules). */
export function isEligibleLine(coupon: Coupon, line: Pick<CouponLine, 'productId' | 'catalogId'>): boolean {
  return inScope(coupon.catalogs, line.catalogId) && inScope(coupon.items, line.productId);
}

const lineAmount = (line: CouponLine): Minor => line.quantity * line.unitPrice;

/** What the coupon's eligible lines come to before any coupon (what the minimum spend is measured on). */
export function eligibleSpend(coupon: Coupon, lines: readonly CouponLine[]): Minor {
  return sumMinor(lines.filter((l) => isEligibleLine(coupon, l)).map(lineAmount));
}

/** How much more the customer must spend on what the coupon covers to reach its minimum (0: reached, or none). */
export function minimumShortfall(coupon: Coupon, lines: readonly CouponLine[]): Minor {
  return coupon.minimumSpend === undefined ? 0 : Math.max(0, coupon.minimumSpend - eligibleSpend(coupon, lines));
}

/**
 * Shares `total` over lines in proportion to `caps` (what is left of each line) with the house rounding
 * (splitByWeights: the remainder to the last line), then moves any share rounded past its line's cap to the lines
 * before it that have room: a line is never discounted below zero. `total` is at most the sum of the caps.
 */
export function shareCapped(total: Minor, caps: readonly Minor[]): Minor[] {
  const shares = splitByWeights(total, caps);
  let over = 0;
  for (let i = 0; i < shares.length; i++) {
    if (shares[i]! > caps[i]!) {
      over += shares[i]! - caps[i]!;
      shares[i] = caps[i]!;
    }
  }
  for (let i = shares.length - 1; i >= 0 && over > 0; i--) {
    const moved = Math.min(over, caps[i]! - shares[i]!);
    shares[i] = shares[i]! + moved;
    over -= moved;
  }
  return shares;
}

/** One coupon's discount of each eligible line, given what is left of the lines after the coupons before it. */
function couponDiscounts(coupon: Coupon, lines: readonly CouponLine[], left: ReadonlyMap<string, Minor>): { lineId: string; discount: Minor }[] {
  const eligible = lines.filter((l) => isEligibleLine(coupon, l) && left.get(l.lineId)! > 0);
  const caps = eligible.map((l) => left.get(l.lineId)!);
  let discounts: Minor[];
  if (coupon.appliesTo === 'itemPrice') {
    discounts = eligible.map((line, i) => coupon.off.kind === 'amount'
      ? Math.min(caps[i]!, coupon.off.amount * line.quantity)
      : percentOf(caps[i]!, coupon.off.rate));
  } else {
    const base = sumMinor(caps);
    const total = coupon.off.kind === 'amount' ? Math.min(coupon.off.amount, base) : percentOf(base, coupon.off.rate);
    discounts = shareCapped(total, caps);
  }
  return eligible.map((line, i) => ({ lineId: line.lineId, discount: discounts[i]! }));
}

/**
 * CC-12/CC-13: what the coupons on an order (in the order they were entered) take off its lines. A coupon that takes
 * nothing (below its minimum, with its shortfall; none of its items; nothing left) is reported as not applied.
 */
export function discountOrder(lines: readonly CouponLine[], coupons: readonly Coupon[]): OrderDiscount {
  const left = new Map(lines.map((l) => [l.lineId, lineAmount(l)] as const));
  const outcomes = coupons.map((coupon): CouponOutcome => {
    const shortfall = minimumShortfall(coupon, lines);
    const notApplied = (why: NotApplied): CouponOutcome => ({ code: coupon.code, applied: false, why, shortfall, discount: 0, lines: [] });
    if (shortfall > 0) return notApplied('belowMinimum');
    // A coupon that would take nothing off is not applied, so that Submit does not use it up for nothing.
    if (eligibleSpend(coupon, lines) === 0) return notApplied('noneCovered');
    const discounts = couponDiscounts(coupon, lines, left).filter((d) => d.discount > 0);
    if (discounts.length === 0) return notApplied('nothingLeft');
    for (const d of discounts) left.set(d.lineId, left.get(d.lineId)! - d.discount);
    return { code: coupon.code, applied: true, discount: sumMinor(discounts.map((d) => d.discount)), lines: discounts };
  });
  const lineResults = lines.map((l) => {
    const amount = lineAmount(l);
    const net = left.get(l.lineId)!;
    return { lineId: l.lineId, amount, discount: amount - net, net };
  });
  return { coupons: outcomes, lines: lineResults, discount: sumMinor(lineResults.map((l) => l.discount)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Coupon entry (CC-13)
// ---------------------------------------------------------------------------------------------------------------

export interface CouponEntry {
  /** The chain's coupon for the code the agent typed (findCoupon), or undefined when there is none. */
  coupon: Coupon | undefined;
  /** The code as the agent typed it (for the message when there is no such coupon). */
  typedCode: string;
  orderId: string;
  /** The order's customer (account id). */
  customerId: string;
  /** The order date, YYYY-MM-DD. */
  date: string;
  /** The coupons already on the order, applied or not, in the order they were entered. */
  onOrder: readonly Coupon[];
  lines: readonly CouponLine[];
  /** Headquarters' redemptions, as last seen (Submit checks again against the ledger itself). */
  ledger: CouponLedger;
  /** The chain's currency, for amounts in the messages. */
  currency: string;
}

/** Why an entry is refused, for programs; the violation's message says it for the agent. */
export type CouponRefusal = 'invalid' | 'alreadyOnOrder' | 'notYetValid' | 'expired' | 'notListed' | 'redeemed' | 'exclusive';

export type CouponEntryResult =
  /** On the order. `applied` false: entered, not applied, with the message the agent reads ("spend $X more"). */
  | { accepted: true; coupon: Coupon; applied: true; discount: Minor }
  | { accepted: true; coupon: Coupon; applied: false; why: NotApplied; shortfall: Minor; message: string }
  | { accepted: false; reason: CouponRefusal; violation: RuleViolation };

const FIELD = 'couponCode';

function refused(reason: CouponRefusal, message: string): CouponEntryResult {
  return { accepted: false, reason, violation: violation('CC-13', message, FIELD) };
}

/** CC-13: what the agent reads for a coupon on the order that takes nothing off (at entry, and on the summary). */
export function notAppliedMessage(coupon: Coupon, outcome: Pick<Extract<CouponOutcome, { applied: false }>, 'why' | 'shortfall'>, currency: string): string {
  const entered = `coupon ${coupon.code} is entered but not applied`;
  if (outcome.why === 'noneCovered') return `${entered}: it covers none of the items on this order`;
  if (outcome.why === 'nothingLeft') return `${entered}: the coupons before it leave nothing for it to take off`;
  const covered = coupon.catalogs.rule === 'all' && coupon.items.rule === 'all' ? '' : ' on the items it covers';
  return `${entered}: spend ${formatMoney(outcome.shortfall, currency)} more${covered} for it to apply`;
}

/**
 * CC-13: the check a coupon entered on an order passes. Refused (CC-13, field couponCode) when it is unknown or void,
 * already on the order, before its start date or after its end date, not for this customer, already used, or when
 * it and another coupon on the order cannot be combined (Exclusive). A coupon that takes nothing off (its minimum
 * spend not met, none of its items on the order yet) is accepted but not applied.
 */
export function checkCouponEntry(entry: CouponEntry): CouponEntryResult {
  const { coupon } = entry;
  if (coupon === undefined) return refused('invalid', `there is no coupon ${entry.typedCode.trim()}: check the code with the customer`);
  const code = coupon.code;
  if (coupon.void) return refused('invalid', `coupon ${code} has been withdrawn and can no longer be used`);
  if (entry.onOrder.some((c) => couponKey(c.code) === couponKey(code))) return refused('alreadyOnOrder', `coupon ${code} is already on this order`);
  if (entry.date < coupon.startDate) return refused('notYetValid', `coupon ${code} is not valid yet: it can be used from ${coupon.startDate}`);
  if (entry.date > coupon.endDate) return refused('expired', `coupon ${code} expired on ${coupon.endDate}`);
  const used = usedUp(coupon, entry.ledger, entry.customerId, entry.orderId);
  if (used !== null) return refused(used, usedUpMessage(coupon, used));
  const exclusive = entry.onOrder.find((c) => c.exclusive);
  if (exclusive !== undefined) return refused('exclusive', `coupon ${exclusive.code} on this order cannot be combined with other coupons: remove it first to use ${code}`);
  if (coupon.exclusive && entry.onOrder.length > 0) {
    const others = entry.onOrder.map((c) => c.code).join(', ');
    return refused('exclusive', `coupon ${code} cannot be combined with other coupons: remove ${others} first to use it`);
  }
  const outcome = discountOrder(entry.lines, [...entry.onOrder, coupon]).coupons.at(-1)!;
  if (outcome.applied) return { accepted: true, coupon, applied: true, discount: outcome.discount };
  return { accepted: true, coupon, applied: false, why: outcome.why, shortfall: outcome.shortfall, message: notAppliedMessage(coupon, outcome, entry.currency) };
}
