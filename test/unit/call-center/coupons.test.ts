/**
 * CC-12 the coupon configuration, CC-13 coupon entry and the discount coupons give an order, line by line.
 */
import { describe, expect, it } from 'vitest';
import {
  checkCouponEntry, couponListSchema, couponReferenceIssues, couponSchema, discountOrder, findCoupon, minimumShortfall,
  notAppliedMessage, shareCapped,
  type Coupon, type CouponEntry, type CouponInput, type CouponLine,
} from '../../../engine/domain/call-center/coupons.ts';
import { emptyCouponLedger, redeemOrder, releaseOrder, type CouponLedger } from '../../../engine/domain/call-center/coupon-ledger.ts';
import { splitByWeights } from '../../../engine/domain/money.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

function coupon(overrides: Partial<CouponInput> = {}): Coupon {
  return couponSchema.parse({
    code: 'SAVE75',
    off: { kind: 'amount', amount: 7_500 },
    appliesTo: 'orderTotal',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    usage: 'autoReissue',
    ...overrides,
  });
}

function line(lineId: string, unitPrice: number, quantity = 1, extra: Partial<CouponLine> = {}): CouponLine {
  return { lineId, productId: `P-${lineId}`, catalogId: null, quantity, unitPrice, ...extra };
}

function entry(c: Coupon | undefined, overrides: Partial<CouponEntry> = {}): CouponEntry {
  return {
    coupon: c,
    typedCode: c?.code ?? 'NOPE',
    orderId: 'O1',
    customerId: 'C1',
    date: '2026-06-15',
    onOrder: [],
    lines: [line('1', 100_000)],
    ledger: emptyCouponLedger,
    currency: 'USD',
    ...overrides,
  };
}

function ledgerWith(c: Coupon, orderId: string, customerId: string): CouponLedger {
  const result = redeemOrder(emptyCouponLedger, { orderId, customerId, at: 1, coupons: [c] });
  if (isViolation(result)) throw new Error(result.message);
  return result.ledger;
}

function refusal(result: ReturnType<typeof checkCouponEntry>) {
  if (result.accepted) throw new Error('expected a refusal');
  return result;
}

describe('CC-12 the coupon configuration', () => {
  it('CC-12 a coupon of 75.00 off orders of 750.00 or more parses with its defaults', () => {
    const parsed = coupon({ minimumSpend: 75_000, description: '$75 off orders of $750' });
    expect(parsed).toMatchObject({
      off: { kind: 'amount', amount: 7_500 }, minimumSpend: 75_000, usage: 'autoReissue', customers: [],
      catalogs: { rule: 'all', ids: [] }, items: { rule: 'all', ids: [] }, exclusive: false, void: false,
    });
  });

  it('CC-12 takes percent off an item price, customer-specific with its customers, include/exclude rules', () => {
    const parsed = coupon({
      off: { kind: 'percent', rate: 1_500 }, appliesTo: 'itemPrice', usage: 'customerSpecific', customers: ['C1', 'C2'],
      catalogs: { rule: 'include', ids: ['SPRING'] }, items: { rule: 'exclude', ids: ['GIFTCARD'] }, exclusive: true,
    });
    expect(parsed.off).toEqual({ kind: 'percent', rate: 1_500 });
    expect(parsed.catalogs).toEqual({ rule: 'include', ids: ['SPRING'] });
  });

  const refusedAt = (input: Record<string, unknown>) => {
    const result = couponSchema.safeParse({ code: 'X1', off: { kind: 'amount', amount: 100 }, appliesTo: 'orderTotal', startDate: '2026-01-01', endDate: '2026-01-31', usage: 'oneTime', ...input });
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
  };

  it('CC-12 refuses a key it does not know, naming it (strict)', () => {
    expect(refusedAt({ minSpend: 75_000 })).toMatch(/minSpend/);
    expect(refusedAt({ off: { kind: 'amount', amount: 100, rate: 5 } })).toMatch(/rate/);
  });

  it('CC-12 refuses dates that are not calendar days, or an end before the start', () => {
    expect(refusedAt({ startDate: '2026-02-30' })).toMatch(/startDate: not a calendar date/);
    expect(refusedAt({ endDate: '31/01/2026' })).toMatch(/endDate: expected a date as YYYY-MM-DD/);
    expect(refusedAt({ startDate: '2026-02-01', endDate: '2026-01-31' })).toMatch(/endDate: the end date comes before the start date/);
  });

  it('CC-12 refuses amounts and rates that give nothing or more than everything', () => {
    expect(refusedAt({ off: { kind: 'amount', amount: 0 } })).toMatch(/off.amount/);
    expect(refusedAt({ off: { kind: 'percent', rate: 10_001 } })).toMatch(/off.rate/);
    expect(refusedAt({ off: { kind: 'percent', rate: 0 } })).toMatch(/off.rate/);
    expect(refusedAt({ minimumSpend: 0 })).toMatch(/minimumSpend/);
  });

  it('CC-12 a customer list goes with a customer-specific coupon and only with one', () => {
    expect(refusedAt({ usage: 'customerSpecific' })).toMatch(/^customers: /);
    expect(refusedAt({ usage: 'oneTime', customers: ['C1'] })).toMatch(/^customers: /);
  });

  it('CC-12 include and exclude list their ids; all lists none', () => {
    expect(refusedAt({ items: { rule: 'include', ids: [] } })).toMatch(/items.ids/);
    expect(refusedAt({ catalogs: { rule: 'all', ids: ['SPRING'] } })).toMatch(/catalogs.ids/);
  });

  it('CC-12 refuses codes with spaces or symbols', () => {
    expect(refusedAt({ code: 'SAVE 75' })).toMatch(/^code: /);
    expect(refusedAt({ code: '' })).toMatch(/^code: /);
  });

  it('CC-12 no two coupons of the chain share a code, whatever its case', () => {
    const input = [coupon(), { ...coupon(), code: 'save75' }];
    const result = couponListSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: [1, 'code'], message: 'coupon code "save75" is already used by coupon 0' });
  });

  it('CC-12 every customer, item and catalog a coupon lists exists in the chain', () => {
    const coupons = [
      coupon({ usage: 'customerSpecific', customers: ['C1', 'WALKIN99'], items: { rule: 'include', ids: ['LAMP', 'TENT2'] } }),
      coupon({ code: 'FALL', catalogs: { rule: 'exclude', ids: ['SPRING26'] } }),
    ];
    const known = { customers: new Set(['C1', 'C2']), products: new Set(['LAMP', 'TENT']), catalogs: new Set(['SPRING']) };
    expect(couponReferenceIssues(coupons, known)).toEqual([
      { path: 'coupons.0.customers.1', message: 'unknown customer "WALKIN99"' },
      { path: 'coupons.0.items.ids.1', message: 'unknown product "TENT2" (did you mean "TENT"?)' },
      { path: 'coupons.1.catalogs.ids.0', message: 'unknown catalog "SPRING26" (did you mean "SPRING"?)' },
    ]);
    expect(couponReferenceIssues([coupon()], known)).toEqual([]);
  });

  it('CC-13 an agent finds a coupon by its code, case and surrounding spaces ignored', () => {
    const coupons = [coupon(), coupon({ code: 'SPRING10' })];
    expect(findCoupon(coupons, '  spring10 ')?.code).toBe('SPRING10');
    expect(findCoupon(coupons, 'SPRING1')).toBeUndefined();
  });
});

describe('CC-13 coupon entry', () => {
  it('CC-13 an unknown code is invalid, and the agent is not offered a code that looks like it', () => {
    const result = refusal(checkCouponEntry(entry(undefined, { typedCode: ' save57 ' })));
    expect(result.reason).toBe('invalid');
    expect(result.violation).toEqual({ rule: 'CC-13', field: 'couponCode', message: 'there is no coupon save57: check the code with the customer' });
  });

  it('CC-13 a void coupon is invalid', () => {
    const result = refusal(checkCouponEntry(entry(coupon({ void: true }))));
    expect(result.reason).toBe('invalid');
    expect(result.violation.message).toBe('coupon SAVE75 has been withdrawn and can no longer be used');
  });

  it('CC-13 outside its dates a coupon is not valid yet or expired; both end days count', () => {
    const c = coupon({ startDate: '2026-03-01', endDate: '2026-03-31' });
    expect(refusal(checkCouponEntry(entry(c, { date: '2026-02-28' })))).toMatchObject({ reason: 'notYetValid', violation: { message: 'coupon SAVE75 is not valid yet: it can be used from 2026-03-01' } });
    expect(refusal(checkCouponEntry(entry(c, { date: '2026-04-01' })))).toMatchObject({ reason: 'expired', violation: { message: 'coupon SAVE75 expired on 2026-03-31' } });
    expect(checkCouponEntry(entry(c, { date: '2026-03-01' })).accepted).toBe(true);
    expect(checkCouponEntry(entry(c, { date: '2026-03-31' })).accepted).toBe(true);
  });

  it('CC-13 a one-time coupon already redeemed on another order is refused; on its own order or once released it is not', () => {
    const c = coupon({ usage: 'oneTime' });
    const ledger = ledgerWith(c, 'O9', 'C2');
    expect(refusal(checkCouponEntry(entry(c, { ledger })))).toMatchObject({ reason: 'redeemed', violation: { rule: 'CC-13', message: 'coupon SAVE75 has already been used: it can be used only once' } });
    expect(checkCouponEntry(entry(c, { ledger, orderId: 'O9' })).accepted).toBe(true);
    const released = releaseOrder(ledger, { orderId: 'O9', at: 2, invoiced: false }).ledger;
    expect(checkCouponEntry(entry(c, { ledger: released })).accepted).toBe(true);
  });

  it('CC-13 a customer-specific coupon is refused for a customer not on its list, and once used by a listed customer', () => {
    const c = coupon({ usage: 'customerSpecific', customers: ['C1', 'C2'] });
    expect(refusal(checkCouponEntry(entry(c, { customerId: 'C3' })))).toMatchObject({ reason: 'notListed', violation: { message: 'coupon SAVE75 was issued to other customers and cannot be used for this customer' } });
    const ledger = ledgerWith(c, 'O9', 'C1');
    expect(refusal(checkCouponEntry(entry(c, { ledger })))).toMatchObject({ reason: 'redeemed', violation: { message: 'this customer has already used coupon SAVE75: it can be used once per customer' } });
    expect(checkCouponEntry(entry(c, { ledger, customerId: 'C2' })).accepted).toBe(true);
  });

  it('CC-13 an auto-reissue coupon is used again after each redemption', () => {
    const c = coupon({ usage: 'autoReissue' });
    expect(checkCouponEntry(entry(c, { ledger: ledgerWith(c, 'O9', 'C1') })).accepted).toBe(true);
  });

  it('CC-13 a coupon is on an order once', () => {
    const c = coupon();
    expect(refusal(checkCouponEntry(entry(c, { onOrder: [coupon({ code: 'save75' })] })))).toMatchObject({ reason: 'alreadyOnOrder', violation: { message: 'coupon SAVE75 is already on this order' } });
  });

  it('CC-13 an exclusive coupon shares the order with no other coupon, either way round', () => {
    const exclusive = coupon({ code: 'ONLYME', exclusive: true });
    const other = coupon({ code: 'SPRING10', off: { kind: 'percent', rate: 1_000 } });
    expect(refusal(checkCouponEntry(entry(exclusive, { onOrder: [other] })))).toMatchObject({ reason: 'exclusive', violation: { message: 'coupon ONLYME cannot be combined with other coupons: remove SPRING10 first to use it' } });
    expect(refusal(checkCouponEntry(entry(other, { onOrder: [exclusive] })))).toMatchObject({ reason: 'exclusive', violation: { message: 'coupon ONLYME on this order cannot be combined with other coupons: remove it first to use SPRING10' } });
    expect(checkCouponEntry(entry(exclusive)).accepted).toBe(true);
    expect(checkCouponEntry(entry(other, { onOrder: [coupon()] })).accepted).toBe(true);
  });

  it('CC-13 minimum not met: the coupon is entered but not applied, and the agent reads how much more to spend', () => {
    const c = coupon({ minimumSpend: 75_000 });
    const result = checkCouponEntry(entry(c, { lines: [line('1', 30_000), line('2', 40_000)] }));
    expect(result).toEqual({ accepted: true, coupon: c, applied: false, why: 'belowMinimum', shortfall: 5_000, message: 'coupon SAVE75 is entered but not applied: spend $50.00 more for it to apply' });
    expect(checkCouponEntry(entry(c, { lines: [line('1', 35_000), line('2', 40_000)] }))).toEqual({ accepted: true, coupon: c, applied: true, discount: 7_500 });
    // The summary says the same from the order's discount.
    const outcome = discountOrder([line('1', 30_000)], [c]).coupons[0]!;
    expect(outcome.applied ? null : notAppliedMessage(c, outcome, 'EUR')).toBe('coupon SAVE75 is entered but not applied: spend €450.00 more for it to apply');
  });

  it('CC-13 the minimum counts only the lines the coupon covers, and says so', () => {
    const c = coupon({ minimumSpend: 75_000, items: { rule: 'exclude', ids: ['P-2'] } });
    const lines = [line('1', 70_000), line('2', 100_000)];
    expect(minimumShortfall(c, lines)).toBe(5_000);
    const result = checkCouponEntry(entry(c, { lines }));
    expect(result).toMatchObject({ applied: false, message: 'coupon SAVE75 is entered but not applied: spend $50.00 more on the items it covers for it to apply' });
  });

  it('CC-13 a coupon that would take nothing off is entered but not applied, so Submit does not use it up', () => {
    const lamps = coupon({ usage: 'oneTime', appliesTo: 'itemPrice', items: { rule: 'include', ids: ['LAMP'] } });
    expect(checkCouponEntry(entry(lamps, { lines: [line('1', 5_000)] }))).toMatchObject({
      accepted: true, applied: false, why: 'noneCovered', shortfall: 0, message: 'coupon SAVE75 is entered but not applied: it covers none of the items on this order',
    });
    const all = coupon({ code: 'ALL', off: { kind: 'percent', rate: 10_000 } });
    expect(checkCouponEntry(entry(coupon({ code: 'MORE' }), { onOrder: [all] }))).toMatchObject({
      accepted: true, applied: false, why: 'nothingLeft', message: 'coupon MORE is entered but not applied: the coupons before it leave nothing for it to take off',
    });
  });

  it('CC-13 checks in the order an agent can act on: invalid before dates, dates before use, use before combination', () => {
    const c = coupon({ usage: 'oneTime', void: true, startDate: '2027-01-01', endDate: '2027-12-31' });
    expect(refusal(checkCouponEntry(entry(c))).reason).toBe('invalid');
    const live = coupon({ usage: 'oneTime', exclusive: true });
    expect(refusal(checkCouponEntry(entry(live, { date: '2027-01-01', ledger: ledgerWith(live, 'O9', 'C2') }))).reason).toBe('expired');
    expect(refusal(checkCouponEntry(entry(live, { ledger: ledgerWith(live, 'O9', 'C2'), onOrder: [coupon({ code: 'OTHER' })] }))).reason).toBe('redeemed');
  });
});

describe('CC-12/CC-13 the discount, line by line', () => {
  it('CC-13 amount off is capped at the eligible total', () => {
    const result = discountOrder([line('1', 2_000), line('2', 3_000)], [coupon({ off: { kind: 'amount', amount: 7_500 } })]);
    expect(result.discount).toBe(5_000);
    expect(result.lines.map((l) => l.net)).toEqual([0, 0]);
  });

  it('CC-12 75.00 off at 750.00 is shared over the lines by their amounts, the remainder on the last line', () => {
    const result = discountOrder([line('1', 33_333), line('2', 33_333), line('3', 33_334)], [coupon({ minimumSpend: 75_000 })]);
    expect(result.coupons[0]).toMatchObject({ applied: true, discount: 7_500 });
    expect(result.lines.map((l) => l.discount)).toEqual(splitByWeights(7_500, [33_333, 33_333, 33_334]));
    expect(result.lines.map((l) => l.discount)).toEqual([2_500, 2_500, 2_500]);
    expect(result.lines.map((l) => l.net)).toEqual([30_833, 30_833, 30_834]);
  });

  it('CC-12 percent off the order total rounds half away from zero, then shares', () => {
    // 12.5% of 1.00 + 0.05 + 0.05 = 0.1375 -> 0.14.
    const result = discountOrder([line('1', 100), line('2', 5), line('3', 5)], [coupon({ off: { kind: 'percent', rate: 1_250 } })]);
    expect(result.discount).toBe(14);
    expect(result.lines.map((l) => l.discount)).toEqual([13, 1, 0]);
  });

  it('CC-12 amount off an item price is off each unit, capped at the line', () => {
    const c = coupon({ appliesTo: 'itemPrice', off: { kind: 'amount', amount: 500 } });
    const result = discountOrder([line('1', 2_000, 3), line('2', 300, 2)], [c]);
    expect(result.lines.map((l) => l.discount)).toEqual([1_500, 600]);
    expect(result.coupons[0]).toMatchObject({ discount: 2_100, lines: [{ lineId: '1', discount: 1_500 }, { lineId: '2', discount: 600 }] });
  });

  it('CC-12 percent off an item price is taken per line with the house rounding', () => {
    const c = coupon({ appliesTo: 'itemPrice', off: { kind: 'percent', rate: 1_000 } });
    // 10% of 0.05 x 3 = 0.015 -> 0.02; 10% of 0.25 = 0.025 -> 0.03.
    expect(discountOrder([line('1', 5, 3), line('2', 25)], [c]).lines.map((l) => l.discount)).toEqual([2, 3]);
  });

  it('CC-12 item and catalog rules choose the lines: include, exclude, and a line without a catalog', () => {
    const lines = [
      line('1', 1_000, 1, { catalogId: 'SPRING' }),
      line('2', 1_000, 1, { catalogId: 'FALL' }),
      line('3', 1_000, 1, { catalogId: null }),
    ];
    const tenPercent = { off: { kind: 'percent' as const, rate: 1_000 }, appliesTo: 'itemPrice' as const };
    const discounts = (c: Coupon) => discountOrder(lines, [c]).lines.map((l) => l.discount);
    expect(discounts(coupon({ ...tenPercent, catalogs: { rule: 'include', ids: ['SPRING'] } }))).toEqual([100, 0, 0]);
    expect(discounts(coupon({ ...tenPercent, catalogs: { rule: 'exclude', ids: ['SPRING'] } }))).toEqual([0, 100, 100]);
    expect(discounts(coupon({ ...tenPercent, items: { rule: 'include', ids: ['P-2', 'P-3'] } }))).toEqual([0, 100, 100]);
    expect(discounts(coupon({ ...tenPercent, items: { rule: 'exclude', ids: ['P-2'] }, catalogs: { rule: 'exclude', ids: ['SPRING'] } }))).toEqual([0, 0, 100]);
    // An order-total coupon is capped at, and shared over, the eligible lines only.
    const orderTotal = discountOrder(lines, [coupon({ catalogs: { rule: 'include', ids: ['FALL'] } })]);
    expect(orderTotal.lines.map((l) => l.discount)).toEqual([0, 1_000, 0]);
  });

  it('CC-12 coupons apply in the order entered, each to what is left: two 10% coupons give 19%', () => {
    const ten = (code: string) => coupon({ code, off: { kind: 'percent', rate: 1_000 } });
    const result = discountOrder([line('1', 10_000)], [ten('A'), ten('B')]);
    expect(result.coupons.map((c) => c.discount)).toEqual([1_000, 900]);
    expect(result.lines[0]).toEqual({ lineId: '1', amount: 10_000, discount: 1_900, net: 8_100 });
  });

  it('CC-13 a coupon below its minimum takes nothing and reports its shortfall; the others still apply', () => {
    const result = discountOrder([line('1', 10_000)], [coupon({ code: 'BIG', minimumSpend: 75_000 }), coupon({ code: 'SMALL', off: { kind: 'amount', amount: 1_000 } })]);
    expect(result.coupons).toEqual([
      { code: 'BIG', applied: false, why: 'belowMinimum', shortfall: 65_000, discount: 0, lines: [] },
      { code: 'SMALL', applied: true, discount: 1_000, lines: [{ lineId: '1', discount: 1_000 }] },
    ]);
  });

  it('CC-13 a share rounded past its line moves to the lines before it: no line is discounted below zero', () => {
    // splitByWeights alone gives the last line (0.01) two cents.
    expect(splitByWeights(29, [10, 10, 10, 1])).toEqual([9, 9, 9, 2]);
    expect(shareCapped(29, [10, 10, 10, 1])).toEqual([9, 9, 10, 1]);
    const result = discountOrder([line('1', 10), line('2', 10), line('3', 10), line('4', 1)], [coupon({ off: { kind: 'amount', amount: 29 } })]);
    expect(result.lines.map((l) => l.net)).toEqual([1, 1, 0, 0]);
  });

  it('CC-12 no coupons, no lines: nothing off', () => {
    expect(discountOrder([line('1', 1_000)], [])).toEqual({ coupons: [], lines: [{ lineId: '1', amount: 1_000, discount: 0, net: 1_000 }], discount: 0 });
    expect(discountOrder([], [coupon()])).toEqual({ coupons: [{ code: 'SAVE75', applied: false, why: 'noneCovered', shortfall: 0, discount: 0, lines: [] }], lines: [], discount: 0 });
  });
});
