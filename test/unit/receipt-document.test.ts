/** The receipt's order figures and the register's recent receipts, as pure functions. */
import { describe, expect, it } from 'vitest';
import { RECENT_RECEIPTS, receiptOrder, withReceipt, type ReceiptDocument } from '../../engine/domain/receipt-document.ts';
import type { OrderLine } from '../../engine/domain/customer-order.ts';

const line = { lineId: 'L1', productId: 'P-LAMP', quantity: 2, unitPrice: 1_000, taxRate: 1_000, priceLocked: false, delivery: { kind: 'pickup' } } as unknown as OrderLine;
const order = (payments: { kind: 'prepayment' | 'returnRefund' | 'pickup'; amount: number }[], cancelled = false) => ({
  orderId: 'CO-000001', channelReference: 'S1-T-R1-000001', lines: [line], charges: [],
  payments: payments.map((p, i) => ({ paymentId: `PAY-${i}`, method: 'cash' as const, ...p })),
  cancellation: cancelled ? { charge: 200 } as never : null,
});

describe('receipt documents', () => {
  it('CO-5 the balance due is the order total less what was paid for it; a return refund does not raise it', () => {
    expect(receiptOrder(order([{ kind: 'prepayment', amount: 220 }]))).toMatchObject({ total: 2_200, paid: 220, balanceDue: 1_980 });
    expect(receiptOrder(order([{ kind: 'prepayment', amount: 220 }, { kind: 'pickup', amount: 1_980 }, { kind: 'returnRefund', amount: -1_100 }])))
      .toMatchObject({ paid: 2_200, balanceDue: 0 });
  });

  it('CO-11 a cancelled order owes nothing more on its receipt', () => {
    expect(receiptOrder(order([{ kind: 'prepayment', amount: 220 }], true)).balanceDue).toBe(0);
  });

  it('a register keeps its last receipts newest first, never more than RECENT_RECEIPTS', () => {
    let kept: ReceiptDocument[] = [];
    for (let i = 1; i <= RECENT_RECEIPTS + 3; i++) kept = withReceipt(kept, { transactionId: `T-${i}` } as ReceiptDocument);
    expect(kept).toHaveLength(RECENT_RECEIPTS);
    expect(kept[0]!.transactionId).toBe(`T-${RECENT_RECEIPTS + 3}`);
    expect(kept.at(-1)!.transactionId).toBe('T-4');
  });
});
