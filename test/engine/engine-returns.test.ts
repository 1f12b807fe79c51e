/** Engine-level returns (RT-1..RT-4), through executeNow only. */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { due, newEngine, ok, openShift, orderLine, refused, startSale, tenderDue, type Mutator } from './engine-helpers.ts';

const LAMP_LINE = 'T-R1-000001-1';

/** A cash-and-carry receipt T-R1-000001: 3 lamps = 7497 + 750 tax (749.7 -> 750) = 8247. */
function lampReceipt(): Chain {
  const e = newEngine();
  openShift(e, 'R1', 'cashier1');
  startSale(e, 'R1', null, [{ productId: 'P-LAMP', quantity: 3 }]);
  expect(tenderDue(e, 'R1')).toMatchObject({ receiptId: 'T-R1-000001' });
  expect(e.receipt('T-R1-000001')!.total).toBe(8247);
  return e;
}

/**
 * CO-000001: C-ANNA, 2 lamps shipped STD from W1 and invoiced: 4998 + 500 tax + 995 FREIGHT = 6493
 * (deposit 649, captured 5844). Invoice INV-000001.
 */
function shippedLampsOrder(mutate?: Mutator): Chain {
  const e = newEngine(mutate);
  openShift(e, 'R1', 'cashier1');
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
  ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
  tenderDue(e, 'R1', { cardToken: 'tok_anna' });
  ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: LAMP_LINE, quantity: 2 }] });
  expect(e.orderView('CO-000001')).toMatchObject({ paid: 6493, headerStatus: 'Invoiced' });
  return e;
}

function returnLines(e: Chain, lines: { lineId: string; quantity: number; reasonCode: string }[]): void {
  ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines });
}

describe('RT-1 find the original and returnable quantities', () => {
  it('RT-1 a receipt is found by its id; two returns never exceed what was sold (invoiced - returned)', () => {
    const e = lampReceipt();
    expect(ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000001' } })).toMatchObject({ original: { kind: 'receipt', id: 'T-R1-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-2749); // -(2499 + 250), 250 = 1/3 of the 750 tax
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -2749 })).toMatchObject({ completed: true, rmaNumber: 'RMA-000001' });
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000001' } });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 3, reasonCode: 'DAMAGED' }] })).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 2, reasonCode: 'CHANGED_MIND' }]);
    expect(due(e, 'R1')).toBe(-5498); // -(4998 + (750 - 250))
    tenderDue(e, 'R1');
    const receipt = e.receipt('T-R1-000001')!;
    expect(receipt.returns.map((r) => [r.rmaNumber, r.total])).toEqual([['RMA-000001', -2749], ['RMA-000002', -5498]]);
    expect(receipt.returns.reduce((s, r) => s + r.total, 0)).toBe(-8247); // exactly the receipt total
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000001' } });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }] })).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
  });

  it('RT-1 a customer order is found by order id, channel reference and invoice id', () => {
    const e = shippedLampsOrder();
    for (const lookup of [
      { by: 'orderId', value: 'CO-000001' },
      { by: 'channelReference', value: 'S1-T-R1-000001' },
      { by: 'invoiceId', value: 'INV-000001' },
    ] as const) {
      expect(ok(e, { type: 'register.startReturn', registerId: 'R1', lookup })).toMatchObject({ original: { kind: 'order', id: 'CO-000001' } });
      expect(e.registerView('R1').transaction).toMatchObject({ kind: 'return', returnOriginal: { kind: 'order', id: 'CO-000001', customerId: 'C-ANNA' } });
      ok(e, { type: 'register.void', registerId: 'R1' });
    }
    for (const lookup of [
      { by: 'orderId', value: 'CO-999999' },
      { by: 'channelReference', value: 'S1-T-R1-999999' },
      { by: 'invoiceId', value: 'INV-999999' },
      { by: 'receipt', value: 'T-R1-000001' }, // an order is not a receipt
    ] as const) {
      expect(refused(e, { type: 'register.startReturn', registerId: 'R1', lookup })).toMatchObject({ rule: 'NOT_FOUND', field: 'lookup.value' });
    }
  });

  it('RT-1 a customer order is not returnable before it is invoiced, and only its invoiced units afterwards', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 3 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity: 3 }] });
    expect(refused(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } })).toMatchObject({ rule: 'RT-1' });
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] });
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 2, reasonCode: 'DAMAGED' }] })).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-9', quantity: 1, reasonCode: 'DAMAGED' }] })).toMatchObject({ rule: 'RT-1', field: 'lines.0.lineId' });
    // A tender before any line is chosen cannot complete the return.
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 })).toMatchObject({ rule: 'RT-1' });
    returnLines(e, [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-21_999); // 19999 + 2000 (1/3 of 6000)
  });
});

describe('RT-2 return lines', () => {
  it('RT-2 every return line needs a valid reason code (field lines.N.reasonCode)', () => {
    const e = lampReceipt();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000001' } });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 1 }] })).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.reasonCode' });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'NOPE' }] })).toMatchObject({ rule: 'RT-2', field: 'lines.0.reasonCode' });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 0, reasonCode: 'DAMAGED' }] })).toMatchObject({ rule: 'VALIDATION', field: 'lines.0.quantity' });
  });

  it('RT-2 return lines are negative; refund = quantity x unit price + tax; the order records the refund and the returned units', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1'); // 2200
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    tenderDue(e, 'R1'); // 19799
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-21_999);
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 21_999 })).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -22_000 })).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -21_999 });
    const order = e.orderView('CO-000001');
    expect(order.returns).toEqual([{
      rmaNumber: 'RMA-000001', total: -21_999, charges: [],
      lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED', net: -19_999, tax: -2000 }],
    }]);
    expect(order.payments.at(-1)).toMatchObject({ paymentId: 'PAY-000003', method: 'cash', amount: -21_999 }); // a negative (refund) payment
    expect(orderLine(e, 'CO-000001', 'T-R1-000001-1').progress).toMatchObject({ invoiced: 1, returned: 1 });
    expect(order).toMatchObject({ paid: 0, paymentStatus: 'Paid' }); // owes 21999 - 21999 = 0, paid 2200 + 19799 - 21999 = 0
  });
});

describe('RT-3 shipping refunds', () => {
  it('RT-3 within the maximum (1000) the freight is refunded without approval', () => {
    const e = shippedLampsOrder();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 2, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-6493); // -(4998 + 500 + 995)
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001').returns[0]!.charges).toEqual([{ key: 'H:FREIGHT:AC-GROUND', chargeCode: 'FREIGHT', amount: -995, shipping: true }]);
  });

  it('RT-3 cumulative shipping refunds over the maximum need a manager override (approverId on the tender)', () => {
    const e = shippedLampsOrder((c) => { c.parameters.maxShippingRefundWithoutApproval = 500; });
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }]);
    // Freight share by returned value: 995 x 2499 / 4998 = 497.5 -> 498 (<= 500, no approval)
    expect(due(e, 'R1')).toBe(-3247); // -(2499 + 250 + 498)
    tenderDue(e, 'R1');
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-3246); // -(2499 + 250 + 497): 498 + 497 = 995 > 500 in all
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -3246 })).toMatchObject({ rule: 'RT-3', field: 'approverId' });
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -3246, approverId: 'lead1' })).toMatchObject({ rule: 'RT-3', field: 'approverId' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -3246, approverId: 'manager1' });
    const order = e.orderView('CO-000001');
    expect(order.returns.map((r) => r.total)).toEqual([-3247, -3246]);
    expect(order).toMatchObject({ paid: 0, paymentStatus: 'Paid' }); // 6493 - 3247 - 3246
  });

  it('RT-3 with "refund shipping charges" off the freight is not refunded', () => {
    const e = shippedLampsOrder((c) => { c.parameters.refundShippingCharges = false; });
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 2, reasonCode: 'DAMAGED' }]);
    expect(due(e, 'R1')).toBe(-5498); // 4998 + 500, no freight
  });

  it('RT-3 refundable line charges come back in proportion to the returned quantity', () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: LAMP_LINE, chargeCode: 'GIFTWRAP', amount: 300, reasonCode: 'GIFT' });
    expect(due(e, 'R1')).toBe(580); // 4998 + 500 + 300 = 5798 x 10% = 579.8 -> 580
    tenderDue(e, 'R1');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    expect(due(e, 'R1')).toBe(5218); // 5798 - 580
    tenderDue(e, 'R1');
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'CHANGED_MIND' }]);
    expect(due(e, 'R1')).toBe(-2899); // -(2499 + 250 + 150)
  });
});

describe('RT-4 return orders', () => {
  it('RT-4 every return is posted as a return order with an RMA number (orders and receipts)', () => {
    const e = shippedLampsOrder();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'invoiceId', value: 'INV-000001' } });
    returnLines(e, [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }]);
    tenderDue(e, 'R1'); // -(2499 + 250 + 498) = -3247
    ok(e, { type: 'clock.advance', ms: 60_000 });
    startSale(e, 'R1', null, [{ productId: 'P-SOCKS' }]);
    expect(tenderDue(e, 'R1')).toMatchObject({ receiptId: 'T-R1-000003' }); // 1299 + 130 = 1429
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: 'T-R1-000003' } });
    returnLines(e, [{ lineId: 'T-R1-000003-1', quantity: 1, reasonCode: 'CHANGED_MIND' }]);
    expect(tenderDue(e, 'R1')).toMatchObject({ rmaNumber: 'RMA-000002' });
    const returnOrders = e.allReturnOrders();
    expect(returnOrders.map((r) => ({ rma: r.rmaNumber, store: r.storeId, original: r.original, customer: r.customerId, total: r.record.total }))).toEqual([
      { rma: 'RMA-000001', store: 'S1', original: { kind: 'order', id: 'CO-000001' }, customer: 'C-ANNA', total: -3247 },
      { rma: 'RMA-000002', store: 'S1', original: { kind: 'receipt', id: 'T-R1-000003' }, customer: null, total: -1429 },
    ]);
    expect(returnOrders[1]!.at - returnOrders[0]!.at).toBe(60_000);
    expect(returnOrders[0]!.record).toEqual(e.orderView('CO-000001').returns[0]);
  });
});

describe('CO-16 returns of an order with several invoices', () => {
  /** Anna's two tents for pickup at S1, handed over one at a time: two invoices of one unit each of line T-R1-000001-1. */
  function tentsPickedUpTwice(): { e: Chain; invoices: string[] } {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 2 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    const invoices: string[] = [];
    for (let i = 0; i < 2; i++) {
      ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup', lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] });
      invoices.push(tenderDue(e, 'R1').invoiceId as string);
    }
    expect(e.orderView('CO-000001').invoices.map((i) => i.invoiceId)).toEqual(invoices);
    return { e, invoices };
  }
  const tentLine = (quantity: number) => [{ lineId: 'T-R1-000001-1', quantity, reasonCode: 'DAMAGED' }];

  it('CO-16 an invoice that is not the order\'s is refused, naming invoiceId', () => {
    const { e } = tentsPickedUpTwice();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', invoiceId: 'INV-999999', lines: tentLine(1) })).toMatchObject({ rule: 'CO-16', field: 'invoiceId' });
  });

  it('CO-16 quantity <= that invoice line minus what was already returned against it', () => {
    const { e, invoices: [first, second] } = tentsPickedUpTwice();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    // The line has 2 invoiced units, but the first invoice holds only one of them.
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', invoiceId: first, lines: tentLine(2) })).toMatchObject({ rule: 'CO-16', field: 'lines.0.quantity' });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', invoiceId: first, lines: tentLine(1) });
    expect(e.registerView('R1').transaction!.returnInvoiceId).toBe(first);
    const returned = tenderDue(e, 'R1');
    expect(e.orderView('CO-000001').returns).toEqual([expect.objectContaining({ rmaNumber: returned.rmaNumber, invoiceId: first })]);

    // Found by its first invoice, the return is against that invoice unless the lines name another.
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'invoiceId', value: first! } });
    expect(e.registerView('R1').transaction!.returnInvoiceId).toBe(first);
    expect(refused(e, { type: 'register.setReturnLines', registerId: 'R1', lines: tentLine(1) })).toMatchObject({ rule: 'CO-16', field: 'lines.0.quantity' });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', invoiceId: second, lines: tentLine(1) });
    tenderDue(e, 'R1');
    expect(orderLine(e, 'CO-000001', 'T-R1-000001-1').progress).toMatchObject({ invoiced: 2, returned: 2 });
  });

  it('CO-16 an order with one invoice needs no choice', () => {
    const e = shippedLampsOrder();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: LAMP_LINE, quantity: 1, reasonCode: 'DAMAGED' }] });
  });
});
