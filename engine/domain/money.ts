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

/**
 * a x b / divisor, rounded half away from zero. Exact when a x b passes 2^53 too (a line's share of an order's
 * charge multiplies two amounts): the product is then taken in BigInt.
 */
function multiplyDivideRounded(a: number, b: number, divisor: number): number {
  const product = a * b;
  // divideRounded works in floats on 2 x product + divisor: exact while that stays below 2^53.
  if (!Number.isInteger(a) || !Number.isInteger(b) || 2 * Math.abs(product) + divisor <= Number.MAX_SAFE_INTEGER) return divideRounded(product, divisor);
  if (divisor <= 0) throw new RangeError('denominator must be positive');
  const exact = BigInt(a) * BigInt(b);
  const magnitude = exact < 0n ? -exact : exact;
  const rounded = (2n * magnitude + BigInt(divisor)) / (2n * BigInt(divisor));
  return Number(exact < 0n ? -rounded : rounded);
}

/** `amount` x `rate` basis points, rounded half away from zero. */
export function percentOf(amount: Minor, rate: BasisPoints): Minor {
  return multiplyDivideRounded(amount, rate, BP_PER_WHOLE);
}

/** `amount` x part/whole, rounded half away from zero (0 when whole is 0). */
export function proportionOf(amount: Minor, part: number, whole: number): Minor {
  if (whole === 0) return 0;
  return multiplyDivideRounded(amount, part, whole);
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

/**
 * `quantity` units that together cost exactly `amount`, at whole unit prices: one price when it divides evenly, else
 * the remainder's units one minor unit dearer (10 units for 99.95: 5 at 9.99 and 5 at 10.00). A discounted line
 * keeps its exact net this way where the lines it becomes know only unit prices.
 */
export function unitPricesFor(quantity: number, amount: Minor): { quantity: number; unitPrice: Minor }[] {
  const base = Math.floor(amount / quantity);
  const dearer = amount - base * quantity;
  return dearer === 0 ? [{ quantity, unitPrice: base }] : [{ quantity: quantity - dearer, unitPrice: base }, { quantity: dearer, unitPrice: base + 1 }];
}

export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
}

/** An amount as staff read it, in the store's currency ("$12.50"): never minor units. */
export function formatMoney(amount: Minor, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // A total of refunds kept as negatives can be -0: nobody should read "-$0.00".
  return format.format(amount === 0 ? 0 : amount / 10 ** digits);
}
