/**
 * Money is integer minor units (cents); rates are basis points (1% = 100 bp).
 * Rounding is half away from zero to the minor unit; a split gives its remainder to the last share.
 */
export type Minor = number;
export type BasisPoints = number;

export const BP_PER_WHOLE = 10_000;

/** Rounds numerator/denominator half away from zero, in exact integer arithmetic. */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.abs(numerator);
  const rounded = Math.floor((2 * magnitude + denominator) / (2 * denominator));
  return sign * rounded || 0;
}

/** `amount` x `rate` basis points, rounded half away from zero. */
export function percentOf(amount: Minor, rate: BasisPoints): Minor {
  return divideRounded(amount * rate, BP_PER_WHOLE);
}

/** `amount` x part/whole, rounded half away from zero (0 when whole is 0). */
export function proportionOf(amount: Minor, part: number, whole: number): Minor {
  if (whole === 0) return 0;
  return divideRounded(amount * part, whole);
}

/**
 * Splits `total` across shares in proportion to `weights`; the remainder goes to the last share. A share is never
 * rounded past what is left of the total, so no share (the last included) takes the opposite sign of the total.
 */
export function splitByWeights(total: Minor, weights: readonly number[]): Minor[] {
  if (weights.length === 0) return [];
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const shares: Minor[] = [];
  let left = total;
  for (const weight of weights.slice(0, -1)) {
    const rounded = weightSum === 0 ? 0 : proportionOf(total, weight, weightSum);
    const share = total >= 0 ? Math.min(rounded, left) : Math.max(rounded, left);
    shares.push(share);
    left -= share;
  }
  shares.push(left);
  return shares;
}

export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
}
