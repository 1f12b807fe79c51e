/** CO-11: cancellation charge and refund (engine/domain/cancellation.ts). */
import { describe, expect, it } from 'vitest';
import { cancellationCharge, cancellationRefund } from '../../engine/domain/cancellation.ts';
import { unappliedPrepayment } from '../../engine/domain/payments.ts';
import { demoCatalog } from '../fixtures/chain.ts';

describe('CO-11 cancellation charge', () => {
  it('CO-11 the charge is the cancellation % of the order total, rounded half away from zero', () => {
    const pct = demoCatalog().config.parameters.cancellationChargePct; // 500 bp = 5%
    expect(pct).toBe(500);
    expect(cancellationCharge(9107, pct)).toBe(455); // 455.35 -> 455
    expect(cancellationCharge(3744, pct)).toBe(187); // 187.2 -> 187
    expect(cancellationCharge(2290, pct)).toBe(115); // 114.5 -> 115 (half away from zero)
    expect(cancellationCharge(2270, pct)).toBe(114); // 113.5 -> 114
    expect(cancellationCharge(2289, pct)).toBe(114); // 114.45 -> 114
    expect(cancellationCharge(30, pct)).toBe(2); // 1.5 -> 2
    expect(cancellationCharge(10, pct)).toBe(1); // 0.5 -> 1
  });

  it('CO-11 no charge percentage, or an empty order, means no charge', () => {
    expect(cancellationCharge(9107, 0)).toBe(0);
    expect(cancellationCharge(0, 500)).toBe(0);
    expect(cancellationCharge(9107, 10_000)).toBe(9107);
  });
});

describe('CO-11 cancellation refund', () => {
  it('CO-11 the refund is the deposits paid minus the charge', () => {
    // ordered 9107, deposit 10% = 910.7 -> 911, charge 455
    expect(cancellationRefund(911, 455)).toBe(456);
  });

  it('CO-11 the adjusted charge is used: waived, or raised to the whole deposit', () => {
    expect(cancellationRefund(911, 0)).toBe(911);
    expect(cancellationRefund(911, 911)).toBe(0);
  });

  it('CO-11 a negative refund is what the customer still owes', () => {
    // B2B customer (CO-6): no deposit, the 455 charge is owed
    expect(cancellationRefund(0, 455)).toBe(-455);
    // a deposit overridden down to 100 (CO-7) does not cover a 187 charge
    expect(cancellationRefund(100, 187)).toBe(-87);
  });

  it('CO-11 the deposits paid are the prepayments not yet consumed by an invoice', () => {
    // 2340 paid at the register = 911 deposit + 1429 carry-out, which was invoiced at once
    const payments = [{ paymentId: 'P1', kind: 'prepayment' as const, method: 'card' as const, amount: 2340 }];
    const invoices = [{ invoiceId: 'INV-1', kind: 'carryOut' as const, lines: [], headerCharges: 0, total: 1429 }];
    const deposits = unappliedPrepayment(payments, invoices);
    expect(deposits).toBe(911);
    expect(cancellationRefund(deposits, cancellationCharge(9107, 500))).toBe(456);
  });
});
