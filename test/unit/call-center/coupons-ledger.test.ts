/**
 * CC-13 redemption: headquarters' coupon ledger, recorded at Submit, released by a cancellation before invoicing.
 */
import { describe, expect, it } from 'vitest';
import { couponSchema, type Coupon, type CouponInput } from '../../../engine/domain/call-center/coupons.ts';
import {
  activeRedemptions, emptyCouponLedger, orderRedemptions, redeemOrder, releaseOrder, type CouponLedger, type OrderSubmission,
} from '../../../engine/domain/call-center/coupon-ledger.ts';
import { isViolation, type RuleViolation } from '../../../engine/domain/violation.ts';

function coupon(code: string, usage: CouponInput['usage'], customers: string[] = []): Coupon {
  return couponSchema.parse({ code, off: { kind: 'amount', amount: 1_000 }, appliesTo: 'orderTotal', startDate: '2026-01-01', endDate: '2026-12-31', usage, customers });
}

const ONCE = coupon('ONCE', 'oneTime');
const AGAIN = coupon('AGAIN', 'autoReissue');
const MAILED = coupon('MAILED', 'customerSpecific', ['C1', 'C2']);

function redeemed(ledger: CouponLedger, submission: Partial<OrderSubmission> & { orderId: string }): CouponLedger {
  const result = redeemOrder(ledger, { customerId: 'C1', at: 100, coupons: [ONCE], ...submission });
  if (isViolation(result)) throw new Error(result.message);
  return result.ledger;
}

function refused(ledger: CouponLedger, submission: Partial<OrderSubmission> & { orderId: string }): RuleViolation {
  const result = redeemOrder(ledger, { customerId: 'C1', at: 100, coupons: [ONCE], ...submission });
  if (!isViolation(result)) throw new Error('expected a refusal');
  return result;
}

describe('CC-13 redemption at Submit', () => {
  it('CC-13 Submit records each applied coupon with its order, customer and time', () => {
    const result = redeemOrder(emptyCouponLedger, { orderId: 'O1', customerId: 'C1', at: 100, coupons: [ONCE, AGAIN] });
    expect(isViolation(result)).toBe(false);
    if (isViolation(result)) return;
    expect(result.redeemed).toEqual([
      { couponCode: 'ONCE', orderId: 'O1', customerId: 'C1', at: 100, releasedAt: null },
      { couponCode: 'AGAIN', orderId: 'O1', customerId: 'C1', at: 100, releasedAt: null },
    ]);
    expect(orderRedemptions(result.ledger, 'O1').map((r) => r.couponCode)).toEqual(['ONCE', 'AGAIN']);
  });

  it('CC-13 a one-time coupon never redeems twice: the second order is refused and the ledger is unchanged', () => {
    const ledger = redeemed(emptyCouponLedger, { orderId: 'O1' });
    const result = redeemOrder(ledger, { orderId: 'O2', customerId: 'C2', at: 101, coupons: [ONCE] });
    expect(result).toEqual({ rule: 'CC-13', field: 'couponCode', message: 'coupon ONCE has already been used: it can be used only once; take it off the order to submit' });
    expect(activeRedemptions(ledger, 'ONCE')).toHaveLength(1);
  });

  it('CC-13 an order redeems all its coupons or none', () => {
    const ledger = redeemed(emptyCouponLedger, { orderId: 'O1' });
    refused(ledger, { orderId: 'O2', coupons: [AGAIN, ONCE] });
    expect(activeRedemptions(ledger, 'AGAIN')).toEqual([]);
  });

  it('CC-13 the same Submit repeated records nothing twice', () => {
    const once = redeemed(emptyCouponLedger, { orderId: 'O1', coupons: [ONCE, AGAIN] });
    const twice = redeemOrder(once, { orderId: 'O1', customerId: 'C1', at: 200, coupons: [ONCE, AGAIN] });
    expect(twice).toEqual({ ledger: once, redeemed: [] });
  });

  it('CC-13 a Submit after the order was modified gives back the coupons taken off it and records the new ones', () => {
    const first = redeemed(emptyCouponLedger, { orderId: 'O1', coupons: [ONCE] });
    const second = redeemed(first, { orderId: 'O1', coupons: [AGAIN], at: 200 });
    expect(orderRedemptions(second, 'O1').map((r) => r.couponCode)).toEqual(['AGAIN']);
    expect(second.byCoupon.ONCE).toEqual([{ couponCode: 'ONCE', orderId: 'O1', customerId: 'C1', at: 100, releasedAt: 200 }]);
    // Given back: another order may now use it.
    expect(isViolation(redeemOrder(second, { orderId: 'O2', customerId: 'C2', at: 300, coupons: [ONCE] }))).toBe(false);
    // And putting it back on O1 records it afresh.
    expect(orderRedemptions(redeemed(second, { orderId: 'O1', coupons: [AGAIN, ONCE], at: 300 }), 'O1').map((r) => r.couponCode)).toEqual(['ONCE', 'AGAIN']);
  });

  it('CC-13 an auto-reissue coupon is recorded on every order that uses it', () => {
    let ledger = emptyCouponLedger;
    for (const orderId of ['O1', 'O2', 'O3']) ledger = redeemed(ledger, { orderId, coupons: [AGAIN] });
    expect(activeRedemptions(ledger, 'AGAIN').map((r) => r.orderId)).toEqual(['O1', 'O2', 'O3']);
  });

  it('CC-13 a customer-specific coupon redeems once per listed customer, and never for one not listed', () => {
    let ledger = redeemed(emptyCouponLedger, { orderId: 'O1', customerId: 'C1', coupons: [MAILED] });
    expect(refused(ledger, { orderId: 'O2', customerId: 'C1', coupons: [MAILED] }).message).toBe('this customer has already used coupon MAILED: it can be used once per customer; take it off the order to submit');
    ledger = redeemed(ledger, { orderId: 'O3', customerId: 'C2', coupons: [MAILED] });
    expect(refused(ledger, { orderId: 'O4', customerId: 'C9', coupons: [MAILED] }).message).toBe('coupon MAILED was issued to other customers and cannot be used for this customer; take it off the order to submit');
    expect(activeRedemptions(ledger, 'MAILED').map((r) => r.customerId)).toEqual(['C1', 'C2']);
  });
});

describe('CC-13 cancellation gives coupons back before invoicing', () => {
  it('CC-13 an order cancelled before invoicing releases its coupons; the one-time coupon can be used again', () => {
    const ledger = redeemed(emptyCouponLedger, { orderId: 'O1', coupons: [ONCE, AGAIN] });
    const result = releaseOrder(ledger, { orderId: 'O1', at: 500, invoiced: false });
    expect(result.released.map((r) => [r.couponCode, r.releasedAt])).toEqual([['ONCE', 500], ['AGAIN', 500]]);
    expect(result.kept).toEqual([]);
    expect(orderRedemptions(result.ledger, 'O1')).toEqual([]);
    // Kept for the order's history, marked released.
    expect(result.ledger.byCoupon.ONCE).toEqual([{ couponCode: 'ONCE', orderId: 'O1', customerId: 'C1', at: 100, releasedAt: 500 }]);
    expect(isViolation(redeemOrder(result.ledger, { orderId: 'O2', customerId: 'C2', at: 600, coupons: [ONCE] }))).toBe(false);
  });

  it('CC-13 once anything of the order is invoiced its coupons stay used', () => {
    const ledger = redeemed(emptyCouponLedger, { orderId: 'O1' });
    const result = releaseOrder(ledger, { orderId: 'O1', at: 500, invoiced: true });
    expect(result.ledger).toBe(ledger);
    expect(result.released).toEqual([]);
    expect(result.kept.map((r) => r.couponCode)).toEqual(['ONCE']);
    refused(result.ledger, { orderId: 'O2' });
  });

  it('CC-13 cancelling an order without coupons, or twice, changes nothing', () => {
    const ledger = redeemed(emptyCouponLedger, { orderId: 'O1' });
    expect(releaseOrder(ledger, { orderId: 'O7', at: 500, invoiced: false }).ledger).toBe(ledger);
    const once = releaseOrder(ledger, { orderId: 'O1', at: 500, invoiced: false }).ledger;
    expect(releaseOrder(once, { orderId: 'O1', at: 600, invoiced: false })).toEqual({ ledger: once, released: [], kept: [] });
  });

  it('CC-13 the ledger is plain data: it survives a snapshot as JSON', () => {
    const ledger = releaseOrder(redeemed(redeemed(emptyCouponLedger, { orderId: 'O1', coupons: [ONCE, AGAIN] }), { orderId: 'O2', coupons: [AGAIN] }), { orderId: 'O1', at: 9, invoiced: false }).ledger;
    expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger);
  });
});
