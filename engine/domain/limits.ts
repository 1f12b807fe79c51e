/**
 * What one sale may hold. Money is exact only in integers up to 2^53; these bounds keep every amount the engine
 * computes from them (a line's amount, a transaction's total with its charges and tax, a deposit) far below that, and
 * refuse a till's typo (a quantity of 1,000,000) with a plain answer instead of taking it.
 *
 * - a line's quantity: 1 to 9,999 units;
 * - any one amount: a price, a line's amount (quantity x unit price), a charge, a deposit, a tender: at most
 *   100,000,000,000 minor units (1,000,000,000.00 in a two-decimal currency);
 * - a transaction: at most 500 lines (a manual charge replaces an earlier one of its code on its line or header), so
 *   its total stays below 10^16 minor units however many charge codes the chain has.
 */
import type { Minor } from './money.ts';
import { violation, type RuleViolation } from './violation.ts';

export const MAX_LINE_QUANTITY = 9_999;
export const MAX_AMOUNT: Minor = 100_000_000_000;
export const MAX_LINES = 500;

/** Refuses a line whose amount would pass MAX_AMOUNT (the quantity is named: it is what a till gets wrong). */
export function checkLineAmount(quantity: number, unitPrice: Minor): RuleViolation | null {
  return quantity * unitPrice > MAX_AMOUNT
    ? violation('LIMIT', 'that line comes to more than one line may hold: lower the quantity or the price', 'quantity')
    : null;
}

/** Refuses a line more once the transaction holds MAX_LINES. */
export function checkLineCount(lines: number): RuleViolation | null {
  return lines >= MAX_LINES ? violation('LIMIT', `a transaction holds at most ${MAX_LINES} lines: finish this one and start another`, 'productId') : null;
}
