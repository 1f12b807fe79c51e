/** CO-9 at the till: a recalled quote approved into a sales order, its deposit collected, with the permission. */
import { describe, expect, it } from 'vitest';
import { due, listed, ok, quoteAtR1, refused, startSale } from './engine-helpers.ts';

describe('CO-9 quote approval at the till', () => {
  it('CO-9 approving a recalled quote makes the deposit due; the tender saves it as an order whose lines reach fulfilment', () => {
    const { e, lamp } = quoteAtR1();
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(due(e, 'R1')).toBe(0);
    ok(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' });
    // 2 x 24.99 + 10% tax = 54.98; deposit 10% = 5.50.
    expect(due(e, 'R1')).toBe(550);
    expect(e.orderView('CO-000001').state).toEqual({ quote: 'editing' });
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 550 })).toMatchObject({ orderId: 'CO-000001', approvedQuote: true, completed: true });
    const order = e.orderView('CO-000001');
    expect(order.state).toEqual({ open: 'idle' });
    expect(order).toMatchObject({ headerStatus: 'Open', paid: 550, editedBy: null });
    expect(listed(e, 'S1')).toEqual([[lamp, 'Accepted']]);
  });

  it('CO-9 approving needs the managerOverride permission: a cashier alone is refused and nothing changes', () => {
    const { e } = quoteAtR1();
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    const before = JSON.stringify(e.exportState());
    expect(refused(e, { type: 'register.approveQuote', registerId: 'R1' })).toMatchObject({ rule: 'CO-9', field: 'approverId' });
    expect(refused(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'lead1' })).toMatchObject({ rule: 'CO-9', field: 'approverId' });
    expect(JSON.stringify(e.exportState())).toBe(before);
    // Voiding the edit leaves it a quote.
    ok(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' });
    ok(e, { type: 'register.void', registerId: 'R1' });
    expect(e.orderView('CO-000001').state).toEqual({ quote: 'idle' });
  });

  it('CO-9 only a recalled quote is approved, and only once', () => {
    const { e } = quoteAtR1();
    expect(refused(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' })).toMatchObject({ field: 'registerId' });
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 1 }]);
    expect(refused(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' })).toMatchObject({ field: 'registerId' });
    ok(e, { type: 'register.void', registerId: 'R1' });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' });
    expect(refused(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' })).toMatchObject({ rule: 'CO-9', message: expect.stringContaining('already approved') });
  });
});
