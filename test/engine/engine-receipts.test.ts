/** The receipt of each completed transaction, kept with the register to print: sale, order deposit, pickup, return, cancellation. */
import { describe, expect, it } from 'vitest';
import { due, newEngine, ok, refused, runJob, startSale, tenderDue } from './engine-helpers.ts';
import { receiptEmails } from '../../engine/domain/headquarters.ts';

function shiftAtR1() {
  const engine = newEngine();
  ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1', openingFloat: 5_000 });
  return engine;
}

describe('receipts', () => {
  it('CO-4 a cash-and-carry sale: store, register, shift, operator, lines with tax, tenders and change in the store\'s currency', () => {
    const engine = shiftAtR1();
    startSale(engine, 'R1', null, [{ productId: 'P-SOCKS', quantity: 2 }]);
    const total = due(engine, 'R1');
    const paid = ok(engine, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5_000 });
    const receipt = engine.registerView('R1').receipts[0]!;
    expect(receipt).toMatchObject({
      kind: 'sale', storeId: 'S1', storeName: expect.any(String), currency: 'USD', registerId: 'R1', shiftId: 'SH-R1-000001', operatorId: 'cashier1',
      receiptId: paid.transactionId, total, due: total, tenders: [{ method: 'cash', amount: 5_000 }], change: 5_000 - total, order: null,
    });
    expect(receipt.lines).toEqual([expect.objectContaining({ productId: 'P-SOCKS', quantity: 2, unitPrice: 1299, net: 2598 })]);
    expect(receipt.net + receipt.tax + receipt.charges).toBe(receipt.total);
  });

  it('CO-5 an order\'s deposit prints the order number, what is paid and the balance due; its pickup prints the invoice and no balance left', () => {
    const engine = shiftAtR1();
    startSale(engine, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(engine, { type: 'register.pickupAll', registerId: 'R1' });
    const deposit = due(engine, 'R1');
    const placed = tenderDue(engine, 'R1', { method: 'card', cardToken: 'tok_9' });
    const orderReceipt = engine.registerView('R1').receipts[0]!;
    expect(orderReceipt.order).toMatchObject({ orderId: placed.orderId, paid: deposit, balanceDue: orderReceipt.total - deposit });
    expect(orderReceipt.due).toBe(deposit);
    ok(engine, { type: 'register.recallOrder', registerId: 'R1', orderId: placed.orderId as string, purpose: 'pickup' });
    tenderDue(engine, 'R1');
    const pickup = engine.registerView('R1').receipts[0]!;
    expect(pickup).toMatchObject({ kind: 'pickup', invoiceId: expect.stringMatching(/^INV-/), total: orderReceipt.total, order: { orderId: placed.orderId, balanceDue: 0 } });
  });

  it('RT-2 a return prints its RMA and negative lines; CO-11 a cancellation prints the charge and the refund', () => {
    const engine = shiftAtR1();
    startSale(engine, 'R1', null, [{ productId: 'P-SOCKS', quantity: 2 }]);
    const sale = tenderDue(engine, 'R1');
    ok(engine, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: sale.transactionId as string } });
    ok(engine, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: `${sale.transactionId as string}-1`, quantity: 1, reasonCode: 'DAMAGED' }] });
    tenderDue(engine, 'R1');
    const returned = engine.registerView('R1').receipts[0]!;
    expect(returned).toMatchObject({ kind: 'return', rmaNumber: expect.any(String), lines: [expect.objectContaining({ quantity: -1, net: -1299 })] });
    expect(returned.total).toBeLessThan(0);

    startSale(engine, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(engine, { type: 'register.pickupAll', registerId: 'R1' });
    const placed = tenderDue(engine, 'R1');
    ok(engine, { type: 'register.recallOrder', registerId: 'R1', orderId: placed.orderId as string, purpose: 'cancel' });
    const refund = due(engine, 'R1');
    tenderDue(engine, 'R1');
    const cancelled = engine.registerView('R1').receipts[0]!;
    expect(cancelled).toMatchObject({ kind: 'cancellation', due: refund, total: cancelled.cancellationCharge, order: { orderId: placed.orderId, balanceDue: 0 } });
  });
});

describe('email receipt', () => {
  it('SY-3 an emailed receipt is an outbound message: queued at the store, then received and sent by headquarters exactly once', () => {
    const engine = shiftAtR1();
    expect(refused(engine, { type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com' })).toMatchObject({ rule: 'STATE', field: 'registerId' });
    startSale(engine, 'R1', null, [{ productId: 'P-SOCKS' }]);
    const sale = tenderDue(engine, 'R1');
    expect(refused(engine, { type: 'register.emailReceipt', registerId: 'R1', email: 'not an email' }).field).toBe('email');
    const emailed = ok(engine, { type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com' });
    expect(engine.linkView('S1').pending).toBe(2);
    runJob(engine, 'P-job');
    runJob(engine, 'P-job');
    expect(receiptEmails(engine.backOffice(), 10)).toEqual([
      expect.objectContaining({ storeId: 'S1', sent: false, email: expect.objectContaining({ messageId: emailed.messageId, to: 'anna@example.com', transactionId: sale.transactionId, subject: expect.stringContaining('Your receipt from') }) }),
    ]);
    runJob(engine, 'synchronizeOrders');
    expect(receiptEmails(engine.backOffice(), 10).map((e) => e.sent)).toEqual([true]);
    expect(engine.backOffice().jobRuns.at(-1)!.counts.receiptEmails).toBe(1);
  });
});

describe('recent receipts', () => {
  it('a register keeps its last 10 receipts, newest first, to print or email again; an older one is no longer at hand', () => {
    const engine = shiftAtR1();
    const sales = Array.from({ length: 11 }, () => {
      startSale(engine, 'R1', null, [{ productId: 'P-SOCKS' }]);
      return tenderDue(engine, 'R1').transactionId as string;
    });
    expect(engine.registerView('R1').receipts.map((r) => r.transactionId)).toEqual(sales.slice(1).reverse());
    const again = ok(engine, { type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com', transactionId: sales[1]! });
    expect(again.messageId).toEqual(expect.stringMatching(/^MSG-/));
    expect(refused(engine, { type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com', transactionId: sales[0]! })).toMatchObject({ rule: 'NOT_FOUND', field: 'transactionId' });
  });
});
