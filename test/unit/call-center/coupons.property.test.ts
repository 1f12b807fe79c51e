/**
 * CC-13 as properties (fast-check).
 *
 * Redemption: orders carrying the same coupon are entered by agents whose view of headquarters' ledger is any
 * earlier version of it (so several may all see the coupon unused), then submitted, submitted again, invoiced and
 * cancelled in any interleaving, headquarters applying each Submit to its own ledger one at a time. Checked after
 * every step: a one-time coupon has at most one redemption in force (a customer-specific one at most one per listed
 * customer); every order whose Submit was accepted with the coupon has its redemption recorded, and no other order
 * has one, except an order cancelled after invoicing, which keeps it; a repeated Submit is never refused and records
 * nothing twice; a Submit is refused exactly when the coupon is used up by another order.
 *
 * Discount: for any lines and coupons, no line is discounted below zero or above its amount, the lines' discounts add
 * up to the coupons' discounts, a coupon discounts only the lines it covers, and a lone coupon takes exactly its
 * amount capped at the eligible total, or its percent of it with the house rounding.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCouponEntry, couponSchema, discountOrder, eligibleSpend, isEligibleLine, type Coupon, type CouponInput, type CouponLine,
} from '../../../engine/domain/call-center/coupons.ts';
import {
  activeRedemptions, emptyCouponLedger, orderRedemptions, redeemOrder, releaseOrder, type CouponLedger,
} from '../../../engine/domain/call-center/coupon-ledger.ts';
import { percentOf, sumMinor } from '../../../engine/domain/money.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

const RUNS = 400;
const CUSTOMERS = ['C0', 'C1', 'C2'] as const;

function makeCoupon(usage: CouponInput['usage']): Coupon {
  return couponSchema.parse({
    code: 'SPRING', off: { kind: 'amount', amount: 1_000 }, appliesTo: 'orderTotal', startDate: '2026-01-01', endDate: '2026-12-31',
    usage, customers: usage === 'customerSpecific' ? ['C0', 'C1'] : [],
  });
}

type Step =
  | { t: 'enter'; order: number; view: number }
  | { t: 'submit'; order: number }
  | { t: 'invoice'; order: number }
  | { t: 'cancel'; order: number };

interface Order { id: string; customerId: string; hasCoupon: boolean; status: 'open' | 'submitted' | 'cancelled'; invoiced: boolean; redeemedAtSubmit: boolean }

const ORDERS = 4;
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('enter' as const), order: fc.nat(ORDERS - 1), view: fc.nat(50) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('submit' as const), order: fc.nat(ORDERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('invoice' as const), order: fc.nat(ORDERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), order: fc.nat(ORDERS - 1) }) },
);

/** Whether another order than `order` holds the coupon the way its usage counts it. */
function takenByAnother(coupon: Coupon, ledger: CouponLedger, order: Order): boolean {
  if (coupon.usage === 'customerSpecific' && !coupon.customers.includes(order.customerId)) return true;
  const others = activeRedemptions(ledger, coupon.code).filter((r) => r.orderId !== order.id);
  if (coupon.usage === 'oneTime') return others.length > 0;
  if (coupon.usage === 'customerSpecific') return others.some((r) => r.customerId === order.customerId);
  return false;
}

function runSchedule(coupon: Coupon, customerPicks: readonly number[], steps: readonly Step[]): { accepted: number; refused: number } {
  const orders: Order[] = customerPicks.map((pick, i) => ({ id: `O${i}`, customerId: CUSTOMERS[pick]!, hasCoupon: false, status: 'open', invoiced: false, redeemedAtSubmit: false }));
  let ledger = emptyCouponLedger;
  const versions: CouponLedger[] = [ledger];
  let at = 0;
  let accepted = 0;
  let refused = 0;

  for (const step of steps) {
    at += 1;
    const order = orders[step.order]!;
    if (step.t === 'enter' && order.status === 'open' && !order.hasCoupon) {
      // The agent's view of the ledger: any version headquarters has had, the newest included.
      const view = versions[step.view % versions.length]!;
      const entry = checkCouponEntry({ coupon, typedCode: coupon.code, orderId: order.id, customerId: order.customerId, date: '2026-06-01', onOrder: [], lines: [], ledger: view, currency: 'USD' });
      if (entry.accepted) order.hasCoupon = true;
    } else if (step.t === 'submit' && order.status !== 'cancelled') {
      const repeat = order.status === 'submitted';
      const expectRefusal = order.hasCoupon && takenByAnother(coupon, ledger, order);
      const before = ledger;
      const result = redeemOrder(ledger, { orderId: order.id, customerId: order.customerId, at, coupons: order.hasCoupon ? [coupon] : [] });
      check(isViolation(result) === expectRefusal, `${order.id}: Submit ${expectRefusal ? 'accepted a used-up coupon' : 'refused'}`);
      if (isViolation(result)) {
        check(result.rule === 'CC-13' && result.field === 'couponCode', `${order.id}: refused by ${result.rule}`);
        // A repeat cannot be refused: its own redemption never counts against it.
        check(!repeat, `${order.id}: a repeated Submit was refused`);
        refused += 1;
        // The agent takes the coupon off the order; the order stays open.
        order.hasCoupon = false;
      } else {
        if (repeat) check(result.ledger === before && result.redeemed.length === 0, `${order.id}: a repeated Submit changed the ledger`);
        ledger = result.ledger;
        if (ledger !== before) versions.push(ledger);
        order.status = 'submitted';
        order.redeemedAtSubmit = order.hasCoupon;
        if (!repeat) accepted += 1;
      }
    } else if (step.t === 'invoice' && order.status === 'submitted') {
      order.invoiced = true;
    } else if (step.t === 'cancel' && order.status !== 'cancelled') {
      const before = ledger;
      ledger = releaseOrder(ledger, { orderId: order.id, at, invoiced: order.invoiced }).ledger;
      if (ledger !== before) versions.push(ledger);
      order.status = 'cancelled';
    }
    checkLedger(coupon, orders, ledger);
  }
  return { accepted, refused };
}

function check(condition: boolean, problem: string): asserts condition {
  if (!condition) throw new Error(problem);
}

function checkLedger(coupon: Coupon, orders: readonly Order[], ledger: CouponLedger): void {
  const active = activeRedemptions(ledger, coupon.code);
  if (coupon.usage === 'oneTime') check(active.length <= 1, `${active.length} redemptions of a one-time coupon`);
  if (coupon.usage === 'customerSpecific') {
    for (const customer of CUSTOMERS) {
      const count = active.filter((r) => r.customerId === customer).length;
      check(count <= (coupon.customers.includes(customer) ? 1 : 0), `${count} redemptions by ${customer}`);
    }
  }
  for (const order of orders) {
    // Recorded for every accepted Submit carrying the coupon; kept by an order cancelled after invoicing.
    const holds = order.redeemedAtSubmit && (order.status === 'submitted' || (order.status === 'cancelled' && order.invoiced));
    const recorded = orderRedemptions(ledger, order.id).map((r) => r.couponCode).join();
    check(recorded === (holds ? coupon.code : ''), `${order.id} (${order.status}${order.invoiced ? ', invoiced' : ''}) has "${recorded}" recorded`);
  }
}

describe('CC-13 redemption under any interleaving (property)', () => {
  it('CC-13 a one-time coupon never redeems twice, even concurrently, and every accepted order has its redemption recorded', () => {
    let totals = { accepted: 0, refused: 0 };
    fc.assert(fc.property(
      fc.constantFrom<CouponInput['usage']>('oneTime', 'customerSpecific', 'autoReissue'),
      fc.array(fc.nat(CUSTOMERS.length - 1), { minLength: ORDERS, maxLength: ORDERS }),
      fc.array(stepArb, { minLength: 10, maxLength: 40 }),
      (usage, customerPicks, steps) => {
        const run = runSchedule(makeCoupon(usage), customerPicks, steps);
        totals = { accepted: totals.accepted + run.accepted, refused: totals.refused + run.refused };
      },
    ), { numRuns: RUNS, seed: 20_261_205 });
    // The schedules reach both outcomes of Submit: the property is not vacuous.
    expect(totals.accepted).toBeGreaterThan(RUNS);
    expect(totals.refused).toBeGreaterThan(10);
  });

  it('CC-13 two agents who both saw the one-time coupon unused: the first Submit redeems it, the second is refused', () => {
    const coupon = makeCoupon('oneTime');
    const enter = (orderId: string) => checkCouponEntry({ coupon, typedCode: 'spring', orderId, customerId: 'C0', date: '2026-06-01', onOrder: [], lines: [], ledger: emptyCouponLedger, currency: 'USD' });
    expect(enter('O1').accepted && enter('O2').accepted).toBe(true);
    const first = redeemOrder(emptyCouponLedger, { orderId: 'O1', customerId: 'C0', at: 1, coupons: [coupon] });
    if (isViolation(first)) throw new Error(first.message);
    const second = redeemOrder(first.ledger, { orderId: 'O2', customerId: 'C1', at: 1, coupons: [coupon] });
    expect(second).toMatchObject({ rule: 'CC-13', message: 'coupon SPRING has already been used: it can be used only once; take it off the order to submit' });
    expect(activeRedemptions(first.ledger, 'SPRING').map((r) => r.orderId)).toEqual(['O1']);
  });
});

const scopeArb = (ids: readonly string[]) => fc.oneof(
  fc.constant({ rule: 'all' as const, ids: [] as string[] }),
  fc.record({ rule: fc.constantFrom('include' as const, 'exclude' as const), ids: fc.subarray([...ids], { minLength: 1 }) }),
);
const couponInputArb: fc.Arbitrary<CouponInput> = fc.record({
  code: fc.constantFrom('A', 'B', 'C'),
  off: fc.oneof(
    fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 1, max: 200_000 }) }),
    fc.record({ kind: fc.constant('percent' as const), rate: fc.integer({ min: 1, max: 10_000 }) }),
  ),
  appliesTo: fc.constantFrom('orderTotal' as const, 'itemPrice' as const),
  minimumSpend: fc.option(fc.integer({ min: 1, max: 300_000 }), { nil: undefined }),
  startDate: fc.constant('2026-01-01'),
  endDate: fc.constant('2026-12-31'),
  usage: fc.constant('autoReissue' as const),
  catalogs: scopeArb(['SPRING', 'FALL']),
  items: scopeArb(['P1', 'P2', 'P3']),
});
const linesArb: fc.Arbitrary<CouponLine[]> = fc.array(fc.record({
  productId: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
  catalogId: fc.constantFrom(null, 'SPRING', 'FALL'),
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPrice: fc.integer({ min: 0, max: 60_000 }),
}), { maxLength: 8 }).map((lines) => lines.map((l, i) => ({ ...l, lineId: `L${i}` })));

describe('CC-12/CC-13 the discount (property)', () => {
  it('CC-13 no line goes below zero, the shares add up, only covered lines are discounted', () => {
    fc.assert(fc.property(linesArb, fc.array(couponInputArb, { maxLength: 3 }), (lines, inputs) => {
      const coupons = inputs.map((c) => couponSchema.parse(c));
      const result = discountOrder(lines, coupons);
      for (const [i, l] of result.lines.entries()) {
        expect(l.amount).toBe(lines[i]!.quantity * lines[i]!.unitPrice);
        expect(l.discount).toBeGreaterThanOrEqual(0);
        expect(l.discount).toBeLessThanOrEqual(l.amount);
        expect(l.net).toBe(l.amount - l.discount);
      }
      expect(result.discount).toBe(sumMinor(result.coupons.map((c) => c.discount)));
      expect(result.discount).toBe(sumMinor(result.lines.map((l) => l.discount)));
      for (const [i, outcome] of result.coupons.entries()) {
        expect(outcome.discount).toBe(sumMinor(outcome.lines.map((l) => l.discount)));
        // Applied exactly when it takes something off; below its minimum it never applies.
        expect(outcome.applied).toBe(outcome.discount > 0);
        if ((coupons[i]!.minimumSpend ?? 0) > eligibleSpend(coupons[i]!, lines)) expect(outcome).toMatchObject({ applied: false, why: 'belowMinimum' });
        for (const share of outcome.lines) expect(isEligibleLine(coupons[i]!, lines.find((l) => l.lineId === share.lineId)!)).toBe(true);
      }
    }), { numRuns: RUNS, seed: 20_261_205 });
  });

  it('CC-13 a lone order-total coupon takes its amount capped at the eligible total, or its percent of it', () => {
    fc.assert(fc.property(linesArb, couponInputArb, (lines, input) => {
      const coupon = couponSchema.parse({ ...input, appliesTo: 'orderTotal', minimumSpend: undefined });
      const eligible = eligibleSpend(coupon, lines);
      const expected = coupon.off.kind === 'amount' ? Math.min(coupon.off.amount, eligible) : percentOf(eligible, coupon.off.rate);
      expect(discountOrder(lines, [coupon]).discount).toBe(expected);
    }), { numRuns: RUNS, seed: 20_261_205 });
  });
});
