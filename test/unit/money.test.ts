/**
 * Money rules from the top of SPEC.md: integer minor units, percentages round half away from zero to the minor
 * unit, a split amount gives its remainder to the last line.
 */
import { describe, expect, it } from 'vitest';
import { divideRounded, formatMoney, percentOf, proportionOf, splitByWeights, sumMinor, unitPricesFor } from '../../engine/domain/money.ts';

describe('rounding half away from zero', () => {
  it('MONEY rounds exact halves away from zero for positive values', () => {
    expect(divideRounded(5, 10)).toBe(1); // 0.5 -> 1
    expect(divideRounded(15, 10)).toBe(2); // 1.5 -> 2
    expect(divideRounded(25, 10)).toBe(3); // 2.5 -> 3 (not banker's 2)
    expect(divideRounded(1, 2)).toBe(1); // 0.5 -> 1
  });

  it('MONEY rounds exact halves away from zero for negative values', () => {
    expect(divideRounded(-5, 10)).toBe(-1); // -0.5 -> -1
    expect(divideRounded(-15, 10)).toBe(-2); // -1.5 -> -2
    expect(divideRounded(-25, 10)).toBe(-3); // -2.5 -> -3
  });

  it('MONEY rounds non-halves to the nearest unit', () => {
    expect(divideRounded(14, 10)).toBe(1); // 1.4
    expect(divideRounded(16, 10)).toBe(2); // 1.6
    expect(divideRounded(-14, 10)).toBe(-1); // -1.4
    expect(divideRounded(-16, 10)).toBe(-2); // -1.6
    expect(divideRounded(49_999, 100_000)).toBe(0); // 0.49999
  });

  it('MONEY never produces negative zero', () => {
    expect(Object.is(divideRounded(-4, 10), 0)).toBe(true); // -0.4 -> 0, not -0
    expect(Object.is(percentOf(-1, 1000), 0)).toBe(true); // -0.1 -> 0
  });

  it('MONEY rejects a non-positive denominator', () => {
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
    expect(() => divideRounded(1, -3)).toThrow(RangeError);
  });

  it('MONEY percentOf takes basis points and rounds half away from zero', () => {
    expect(percentOf(19_999, 1000)).toBe(2000); // 1999.9 -> 2000
    expect(percentOf(2499, 1000)).toBe(250); // 249.9 -> 250
    expect(percentOf(2290, 500)).toBe(115); // 114.5 -> 115
    expect(percentOf(-2290, 500)).toBe(-115); // -114.5 -> -115
    expect(percentOf(2499, 725)).toBe(181); // 181.1775 -> 181
    expect(percentOf(2490, 725)).toBe(181); // 180.525 -> 181
    expect(percentOf(12_345, 0)).toBe(0);
    expect(percentOf(12_345, 10_000)).toBe(12_345);
  });
});

describe('proportionOf', () => {
  it('MONEY proportionOf is amount x part / whole rounded half away from zero', () => {
    expect(proportionOf(995, 2499, 10_095)).toBe(246); // 2_486_505 / 10_095 = 246.31
    expect(proportionOf(283, 2, 3)).toBe(189); // 188.67
    expect(proportionOf(283, 1, 3)).toBe(94); // 94.33
    expect(proportionOf(3, 1, 2)).toBe(2); // 1.5 -> 2
    expect(proportionOf(-3, 1, 2)).toBe(-2); // -1.5 -> -2
    expect(proportionOf(100, 3, 3)).toBe(100); // the whole
    expect(proportionOf(100, 0, 3)).toBe(0);
  });

  it('MONEY proportionOf and percentOf stay exact when amount x part passes 2^53 (two amounts multiplied)', () => {
    // (2^52 + 3) x 3 = 13,510,798,882,111,497 has no float: the exact half 6,755,399,441,055,748.5 rounds away from zero.
    expect(proportionOf(2 ** 52 + 3, 3, 2)).toBe(6_755_399_441_055_749);
    expect(proportionOf(-(2 ** 52 + 3), 3, 2)).toBe(-6_755_399_441_055_749);
    expect(proportionOf(2 ** 52 + 7, 3, 2)).toBe(6_755_399_441_055_755);
    // 99,999,999,999 x 99,999,999,997 / 100,000,000,000 = 99,999,999,996.00000000003.
    expect(proportionOf(99_999_999_999, 99_999_999_997, 100_000_000_000)).toBe(99_999_999_996);
    expect(percentOf(99_999_999_999_999, 10_000)).toBe(99_999_999_999_999);
  });

  it('MONEY proportionOf of a zero whole is 0', () => {
    expect(proportionOf(995, 0, 0)).toBe(0);
    expect(proportionOf(995, 5, 0)).toBe(0);
  });
});

describe('splitByWeights', () => {
  it('MONEY gives the rounding remainder to the last share', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([33, 33, 34]); // 33.33 each, last = 100 - 66
    expect(splitByWeights(995, [19_999, 2499])).toEqual([884, 111]); // 884.48 -> 884; last = 995 - 884
    expect(splitByWeights(10, [1, 1])).toEqual([5, 5]);
  });

  it('MONEY rounds each share but the last half away from zero', () => {
    // 5 x 1/2 = 2.5 -> 3; the last takes 5 - 3 = 2
    expect(splitByWeights(5, [1, 1])).toEqual([3, 2]);
    // 2 x 1/3 = 0.67 -> 1, twice; the last takes 2 - 2 = 0
    expect(splitByWeights(2, [1, 1, 1])).toEqual([1, 1, 0]);
    // -5 x 1/2 = -2.5 -> -3; the last takes -5 + 3 = -2
    expect(splitByWeights(-5, [1, 1])).toEqual([-3, -2]);
  });

  it('CH-5 never gives a share the opposite sign of the total when every share rounds up', () => {
    // 2 x 1/4 = 0.5 -> 1 for the first two; nothing is left for the third, and the last gets 0, not -1
    expect(splitByWeights(2, [1, 1, 1, 1])).toEqual([1, 1, 0, 0]);
    expect(splitByWeights(-2, [1, 1, 1, 1])).toEqual([-1, -1, 0, 0]);
  });

  it('MONEY handles empty, single and all-zero weights', () => {
    expect(splitByWeights(100, [])).toEqual([]);
    expect(splitByWeights(100, [7])).toEqual([100]);
    expect(splitByWeights(100, [0, 0])).toEqual([0, 100]); // no basis to split: all to the last
    expect(splitByWeights(0, [1, 2, 3])).toEqual([0, 0, 0]);
  });

  it('MONEY shares always sum exactly to the total (seeded sweep)', () => {
    let seed = 20_240_601;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const total = next(200_001) - 100_000;
      const weights = Array.from({ length: 1 + next(8) }, () => next(50_000));
      const shares = splitByWeights(total, weights);
      expect(shares).toHaveLength(weights.length);
      expect(sumMinor(shares)).toBe(total);
      for (const share of shares) expect(Number.isInteger(share)).toBe(true);
      for (const share of shares) expect(Math.sign(share) === -Math.sign(total) && share !== 0).toBe(false);
    }
  });
});

describe('sumMinor', () => {
  it('MONEY sums integer minor units', () => {
    expect(sumMinor([])).toBe(0);
    expect(sumMinor([19_999, 2499, -1299])).toBe(21_199);
  });
});

describe('money as people read it', () => {
  it('MONEY shows minor units in the currency, with no negative zero', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(-250, 'USD')).toBe('-$2.50');
    expect(formatMoney(-0, 'USD')).toBe('$0.00');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });
});

describe('unitPricesFor', () => {
  it('CC-13 units that together cost exactly the amount: one price when it divides, else the remainder a cent dearer', () => {
    expect(unitPricesFor(4, 10_000)).toEqual([{ quantity: 4, unitPrice: 2500 }]);
    expect(unitPricesFor(3, 53_000)).toEqual([{ quantity: 1, unitPrice: 17_666 }, { quantity: 2, unitPrice: 17_667 }]);
    expect(unitPricesFor(1, 0)).toEqual([{ quantity: 1, unitPrice: 0 }]);
    for (const [quantity, amount] of [[7, 1], [9, 99_995], [1000, 123_457]] as const) {
      const parts = unitPricesFor(quantity, amount);
      expect(sumMinor(parts.map((p) => p.quantity * p.unitPrice))).toBe(amount);
      expect(sumMinor(parts.map((p) => p.quantity))).toBe(quantity);
    }
  });
});
