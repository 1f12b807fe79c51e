/** Engine-level recall for edit (CO-10) and cancel (CO-11), through executeNow only. */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import {
  cart, cartLine, due, listed, newEngine, ok, openShift, orderLine, refused, startSale, tenderDue, type Mutator,
} from './engine-helpers.ts';

const TENT_LINE = 'T-R1-000001-1';

/** C-ANNA buys one tent for pickup at S1 and pays the 2200 deposit in cash (21999 x 10% = 2199.9 -> 2200): CO-000001. */
function pickupTentOrder(mutate?: Mutator): Chain {
  const e = newEngine(mutate);
  openShift(e, 'R1', 'cashier1');
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
  ok(e, { type: 'register.pickupAll', registerId: 'R1' });
  expect(tenderDue(e, 'R1')).toMatchObject({ orderId: 'CO-000001' });
  return e;
}

/**
 * C-ANNA orders two tents shipped STD from W1 with a card token: 2 x 19999 = 39998 + 4000 tax = 43998 (>= 10000, no
 * freight); deposit 4399.8 -> 4400. CO-000001, line T-R1-000001-1.
 */
function shipTentsOrder(mutate?: Mutator): Chain {
  const e = newEngine(mutate);
  openShift(e, 'R1', 'cashier1');
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 2 }]);
  ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
  expect(due(e, 'R1')).toBe(4400);
  tenderDue(e, 'R1', { cardToken: 'tok_anna' });
  return e;
}

function pickupNow(e: Chain): void {
  ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
  tenderDue(e, 'R1');
}

describe('CO-10 recall for edit', () => {
  it('CO-10 a fully invoiced order can never be recalled for edit, even with edit-partially-fulfilled on', () => {
    const e = pickupTentOrder((c) => { c.stores[0]!.functionality = { editPartiallyFulfilledOrders: true }; });
    pickupNow(e);
    expect(e.orderView('CO-000001').headerStatus).toBe('Invoiced');
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ rule: 'CO-10', field: 'orderId' });
    expect(e.registerView('R1').transaction).toBeNull();
  });

  it('CO-10 a partially fulfilled (picked) order is refused without editPartiallyFulfilledOrders', () => {
    const e = shipTentsOrder();
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: TENT_LINE, quantity: 1 }] });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ rule: 'CO-10', field: 'orderId' });
    expect(e.orderView('CO-000001').editedBy).toBeNull();
    // The refused recall drew no transaction id.
    expect(startSale(e, 'R1', null, [{ productId: 'P-SOCKS' }]).transactionId).toBe('T-R1-000002');
  });

  it('CO-10 with editPartiallyFulfilledOrders a picked order can be edited, but processed units cannot be taken back', () => {
    const e = shipTentsOrder((c) => { c.stores[0]!.functionality = { editPartiallyFulfilledOrders: true }; });
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: TENT_LINE, quantity: 1 }] });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(refused(e, { type: 'register.removeLine', registerId: 'R1', lineId: TENT_LINE })).toMatchObject({ rule: 'CO-10', field: 'lineId' });
    expect(refused(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [TENT_LINE], modeCode: 'EXP' })).toMatchObject({ rule: 'CO-10', field: 'lineId' });
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: TENT_LINE, quantity: 3 });
    // 3 tents: 59997 + 6000 = 65997 -> deposit 6599.7 -> 6600; 4400 already paid -> 2200 (the order's token covers the balance)
    expect(due(e, 'R1')).toBe(2200);
    tenderDue(e, 'R1', { method: 'card' });
    expect(orderLine(e, 'CO-000001', TENT_LINE).progress).toMatchObject({ quantity: 3, picked: 1 });
    expect(listed(e, 'W1')).toEqual([[TENT_LINE, 'PartiallyPicked']]);
    expect(e.orderView('CO-000001')).toMatchObject({ paid: 6600, editedBy: null });
  });

  it('CO-10 recalled lines keep their locked prices, a new line prices normally, Recalculate unlocks all; tender saves', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', unitPrice: 15_000, approverId: 'manager1' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(due(e, 'R1')).toBe(1650); // 15000 + 1500 = 16500 x 10%
    tenderDue(e, 'R1');
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ transactionId: 'T-R1-000002' });
    expect(cartLine(e, 'R1', TENT_LINE)).toMatchObject({ unitPrice: 15_000, priceLocked: true });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1' });
    expect(cartLine(e, 'R1', 'T-R1-000002-2')).toMatchObject({ unitPrice: 2499, priceLocked: false });
    expect(due(e, 'R1')).toBe(275); // (16500 + 2749) = 19249 x 10% = 1924.9 -> 1925, minus 1650 paid
    ok(e, { type: 'register.recalculate', registerId: 'R1' });
    expect(cartLine(e, 'R1', TENT_LINE)).toMatchObject({ unitPrice: 19_999, priceLocked: false });
    expect(due(e, 'R1')).toBe(825); // (21999 + 2749) = 24748 x 10% = 2474.8 -> 2475, minus 1650
    expect(tenderDue(e, 'R1')).toMatchObject({ completed: true, orderId: 'CO-000001' });
    const order = e.orderView('CO-000001');
    expect(order.lines.map((l) => [l.lineId, l.unitPrice])).toEqual([[TENT_LINE, 19_999], ['T-R1-000002-2', 2499]]);
    expect(order.totals.total).toBe(24_748);
    expect(order.paid).toBe(2475);
  });

  it('CO-10 Recalculate leaves lines with invoiced units at the price and charges they were invoiced at', () => {
    // A tent picked up at its manager price, the lamp still waiting: the edit reprices only the lamp.
    const e = newEngine((c) => { c.stores[0]!.functionality = { editPartiallyFulfilledOrders: true }; });
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', unitPrice: 15_000, approverId: 'manager1' }, { productId: 'P-LAMP', unitPrice: 2000, approverId: 'manager1' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup', lines: [{ lineId: TENT_LINE, quantity: 1 }] });
    tenderDue(e, 'R1');
    expect(orderLine(e, 'CO-000001', TENT_LINE).progress.invoiced).toBe(1);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.recalculate', registerId: 'R1' });
    expect(cartLine(e, 'R1', TENT_LINE)).toMatchObject({ unitPrice: 15_000, priceLocked: true });
    expect(cartLine(e, 'R1', 'T-R1-000001-2')).toMatchObject({ unitPrice: 2499, priceLocked: false });
    expect(tenderDue(e, 'R1')).toMatchObject({ completed: true, orderId: 'CO-000001' });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    tenderDue(e, 'R1');
    const order = e.orderView('CO-000001');
    // Everything ordered was invoiced and paid: 15000 + 2499 + 10% tax.
    expect(order.headerStatus).toBe('Invoiced');
    expect(order.totals.total).toBe(19_249);
    expect(order.invoices.reduce((sum, i) => sum + i.total, 0)).toBe(19_249);
    expect([order.paid, order.paymentStatus]).toEqual([19_249, 'Paid']);
  });

  it('CO-10 a charge on a line with invoiced units can be neither added nor overridden in an edit', () => {
    const e = newEngine((c) => { c.stores[0]!.functionality = { editPartiallyFulfilledOrders: true }; });
    openShift(e, 'R1', 'manager1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: TENT_LINE, chargeCode: 'GIFTWRAP', amount: 300 });
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup', lines: [{ lineId: TENT_LINE, quantity: 1 }] });
    tenderDue(e, 'R1');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(refused(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: TENT_LINE, chargeCode: 'GIFTWRAP', amount: 500 })).toMatchObject({ rule: 'CO-10', field: 'lineId' });
    const giftWrap = cart(e, 'R1').charges.find((c) => c.lineId === TENT_LINE)!;
    expect(refused(e, { type: 'register.overrideCharge', registerId: 'R1', key: giftWrap.key, amount: 0, reasonCode: 'GOODWILL' })).toMatchObject({ rule: 'CO-10', field: 'key' });
    // The line still waiting for pickup takes charges as usual.
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: 'T-R1-000001-2', chargeCode: 'GIFTWRAP', amount: 500 });
  });

  it('CO-10 void leaves without saving and releases the order lock', () => {
    const e = pickupTentOrder();
    openShift(e, 'R2', 'lead1');
    const before = e.orderView('CO-000001');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: TENT_LINE, quantity: 2 });
    expect(e.orderView('CO-000001').editedBy).toBe('R1');
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R2', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ rule: 'CONFLICT', field: 'orderId' });
    ok(e, { type: 'register.void', registerId: 'R1' });
    const after = e.orderView('CO-000001');
    expect(after.editedBy).toBeNull();
    expect(after.lines).toEqual(before.lines);
    expect(after.payments).toEqual(before.payments);
    expect(after.state).toEqual({ open: 'idle' });
    ok(e, { type: 'register.recallOrder', registerId: 'R2', orderId: 'CO-000001', purpose: 'edit' });
    expect(e.orderView('CO-000001').editedBy).toBe('R2');
  });

  it('CO-10 tender (the payment operation) saves the edit, and an added ship line is routed to fulfillment', () => {
    const e = pickupTentOrder();
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' });
    // PICKUP + STD: no header charge. 24748 x 10% = 2475 - 2200 paid = 275; a ship line with a balance needs a token.
    expect(due(e, 'R1')).toBe(275);
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 275 })).toMatchObject({ rule: 'CO-8', field: 'cardToken' });
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 275, cardToken: 'tok_e' })).toMatchObject({ completed: true, orderId: 'CO-000001' });
    const order = e.orderView('CO-000001');
    expect(order.lines.map((l) => [l.lineId, l.delivery.kind, l.delivery.locationId])).toEqual([[TENT_LINE, 'pickup', 'S1'], ['T-R1-000002-2', 'ship', 'W1']]);
    expect(order.payments).toEqual([
      { paymentId: 'PAY-000001', kind: 'prepayment', method: 'cash', amount: 2200 },
      { paymentId: 'PAY-000002', kind: 'prepayment', method: 'card', amount: 275 },
    ]);
    expect(order).toMatchObject({ cardToken: 'tok_e', editedBy: null });
    expect(listed(e, 'W1')).toEqual([['T-R1-000002-2', 'Accepted']]);
    expect(listed(e, 'S1')).toEqual([[TENT_LINE, 'Accepted']]);
  });

  it('CO-10 an edit that re-routes an unprocessed line moves it between fulfillment lists', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1'); // 24748 x 10% -> 2475
    expect(listed(e, 'S1')).toEqual([[tent, 'Accepted'], [lamp, 'Accepted']]);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [lamp!], modeCode: 'EXP', locationId: 'S2' });
    expect(due(e, 'R1')).toBe(0); // same total, deposit already paid
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 0, cardToken: 'tok_anna' });
    expect(listed(e, 'S1')).toEqual([[tent, 'Accepted']]);
    expect(listed(e, 'S2')).toEqual([[lamp, 'Accepted']]);
    expect(engineLineDelivery(e, lamp!)).toMatchObject({ kind: 'ship', modeCode: 'EXP', locationId: 'S2' });
  });

  it('CO-5 a carry-out line added in an edit is invoiced at once and paid in full: the order ends fully paid', () => {
    const e = pickupTentOrder(); // 2200 deposit on the 21999 tent
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 }); // stays carry-out
    // deposit 21999 x 10% = 2200 (already paid) + carry-out 2499 + 250 = 2749 in full
    expect(due(e, 'R1')).toBe(2749);
    tenderDue(e, 'R1');
    const edited = e.orderView('CO-000001');
    expect(orderLine(e, 'CO-000001', 'T-R1-000002-2').progress.invoiced).toBe(1);
    expect(edited.invoices).toEqual([expect.objectContaining({ kind: 'carryOut', total: 2749, lines: [expect.objectContaining({ lineId: 'T-R1-000002-2', quantity: 1 })] })]);
    // The tent still owes 21999 - 2200 deposit = 19799 at pickup; the lamp's 2749 paid for the lamp, not the tent.
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ due: 19_799 });
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001')).toMatchObject({ headerStatus: 'Invoiced', paid: 24_748, paymentStatus: 'Paid' }); // 21999 + 2749
  });

  it('CO-5 a pickup line switched to carry-out in an edit is invoiced at once; the order can complete fully paid', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1'); // 24748 x 10% -> 2475
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.carryOutSelected', registerId: 'R1', lineIds: [lamp!] });
    // deposit on the tent 2200 + the lamp in full 2749 = 4949, minus 2475 paid = 2474
    expect(due(e, 'R1')).toBe(2474);
    tenderDue(e, 'R1');
    expect(orderLine(e, 'CO-000001', lamp!).progress.invoiced).toBe(1);
    expect(listed(e, 'S1')).toEqual([[tent, 'Accepted']]);
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ due: 19_799 }); // 21999 - 2200
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001')).toMatchObject({ state: 'completed', headerStatus: 'Invoiced', paid: 24_748, paymentStatus: 'Paid' });
  });

  it('CO-9 a quote recalled for edit stays a quote and takes no payment', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 3 });
    expect(due(e, 'R1')).toBe(0);
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
    expect(e.orderView('CO-000001')).toMatchObject({ headerStatus: 'Quote', payments: [], paid: 0 });
    expect(orderLine(e, 'CO-000001', 'T-R1-000001-1').quantity).toBe(3);
  });

  it('CO-7 a deposit override stays with the order when it is recalled for edit', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 1000, approverId: 'manager1' });
    tenderDue(e, 'R1'); // 1000 instead of 2200
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    // Nothing changed: the approved deposit is already paid, so saving asks for nothing more.
    expect(cart(e, 'R1').depositOverride).toBe(1000);
    expect(due(e, 'R1')).toBe(0);
  });

});

/**
 * C-ANNA: tent for pickup at S1 + lamp carried out (hybrid): due 2200 deposit + 2749 = 4949 paid in cash; then the
 * order is cancelled with the proposed 5% of 21999 = 1100, refund 2200 - 1100 = 1100.
 */
function hybridOrderCancelled(): Chain {
  const e = newEngine();
  openShift(e, 'R1', 'cashier1');
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
  ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [TENT_LINE] });
  expect(due(e, 'R1')).toBe(4949);
  tenderDue(e, 'R1');
  expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ proposedCharge: 1100 });
  ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -1100 });
  return e;
}

function engineLineDelivery(e: Chain, id: string) {
  return orderLine(e, 'CO-000001', id).delivery;
}

describe('CO-11 cancel', () => {
  it('CO-11 proposed charge = 5% of the order total; refund = deposit - charge, recorded as a negative payment', () => {
    const e = pickupTentOrder();
    // 21999 x 5% = 1099.95 -> 1100
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ proposedCharge: 1100 });
    expect(due(e, 'R1')).toBe(-1100); // 1100 charge - 2200 deposit
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 1100 })).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -1100 });
    const order = e.orderView('CO-000001');
    expect(order.state).toBe('cancelled');
    expect(order.headerStatus).toBe('Cancelled');
    expect(order.cancellation).toEqual({ charge: 1100, refund: 1100 });
    expect(order.payments).toEqual([
      { paymentId: 'PAY-000001', kind: 'prepayment', method: 'cash', amount: 2200 },
      { paymentId: 'PAY-000002', kind: 'refund', method: 'cash', amount: -1100 },
    ]);
    expect(order).toMatchObject({ paid: 1100, paymentStatus: 'Paid' });
    expect(listed(e, 'S1')).toEqual([]);
  });

  it('CO-11 the charge is adjustable only with chargeOverride: cashier refused, manager1 approves', () => {
    const e = pickupTentOrder();
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' });
    expect(refused(e, { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 500 })).toMatchObject({ rule: 'CH-4', field: 'operatorId' });
    expect(refused(e, { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 500, approverId: 'lead1' })).toMatchObject({ rule: 'CH-4', field: 'operatorId' });
    ok(e, { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 500, approverId: 'manager1' });
    expect(due(e, 'R1')).toBe(-1700); // 500 - 2200
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -1700 });
    expect(e.orderView('CO-000001')).toMatchObject({ cancellation: { charge: 500, refund: 1700 }, paid: 500, paymentStatus: 'Paid' });
  });

  it('CO-11 a charge above the deposit is collected from the customer as a cancellation charge payment, not a refund', () => {
    const e = pickupTentOrder();
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' });
    ok(e, { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 3000, approverId: 'manager1' });
    expect(due(e, 'R1')).toBe(800); // 3000 - 2200
    tenderDue(e, 'R1');
    const order = e.orderView('CO-000001');
    expect(order.cancellation).toEqual({ charge: 3000, refund: -800 });
    expect(order.payments.at(-1)).toMatchObject({ kind: 'cancellationCharge', method: 'cash', amount: 800 });
    expect(order.payments.filter((p) => p.kind === 'refund')).toEqual([]);
    expect(order).toMatchObject({ paid: 3000, paymentStatus: 'Paid' });
    expect(e.storeFigures().cancellations).toEqual({ count: 1, chargesCollected: 800 });
  });

  it('CO-11 cancelling is refused once picking started, and once invoiced', () => {
    const e = shipTentsOrder();
    ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: TENT_LINE, quantity: 1 }] });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ rule: 'CO-11', field: 'orderId' });
    expect(e.registerView('R1').transaction).toBeNull();

    const invoiced = pickupTentOrder();
    pickupNow(invoiced);
    expect(refused(invoiced, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ rule: 'CO-11', field: 'orderId' });
  });

  it('CO-11 a cancelled order leaves every fulfillment list and can no longer be processed or recalled', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [tent!] });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp!] });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' }); // 24748 x 10% -> 2475
    expect(listed(e, 'W1')).toEqual([[tent, 'Accepted']]);
    expect(listed(e, 'S1')).toEqual([[lamp, 'Accepted']]);
    // 24748 x 5% = 1237.4 -> 1237; refund 2475 - 1237 = 1238
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ proposedCharge: 1237 });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -1238 });
    expect(listed(e, 'W1')).toEqual([]);
    expect(listed(e, 'S1')).toEqual([]);
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: 'CO-000001', lineId: tent!, quantity: 1 }] })).toMatchObject({ rule: 'FF-1' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ rule: 'STATE', field: 'orderId' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ field: 'orderId' });
    expect(e.orderView('CO-000001')).toMatchObject({ headerStatus: 'Cancelled', paid: 1237, paymentStatus: 'Paid' });
  });

  it('CO-11 cancelling a hybrid order: the invoiced carry-out line stays paid for (payment status Paid, not Overpaid)', () => {
    const e = hybridOrderCancelled();
    // Paid 4949 - 1100 refund = 3849 = the carried-out lamp 2749 + the 1100 charge
    expect(e.orderView('CO-000001')).toMatchObject({ headerStatus: 'Cancelled', cancellation: { charge: 1100, refund: 1100 }, paid: 3849, paymentStatus: 'Paid' });
  });

  it('RT-1 the invoiced carry-out line of a cancelled hybrid order can still be returned', () => {
    const e = hybridOrderCancelled();
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-2', quantity: 1, reasonCode: 'DAMAGED' }] });
    expect(due(e, 'R1')).toBe(-2749);
    expect(tenderDue(e, 'R1')).toMatchObject({ completed: true, rmaNumber: 'RMA-000001' });
  });

});
