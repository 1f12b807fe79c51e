/** Engine-level customer order tests (CO-1..CO-9, CO-12) and setup rules (ST-1, ST-5), through executeNow only. */
import { describe, expect, it } from 'vitest';
import { DEMO_ADDRESSES } from '../fixtures/chain.ts';
import {
  PRICE, cart, cartLine, due, listed, newEngine, ok, onHand, openShift, orderLine, quoteAtR1, refused, startSale, tenderDue,
} from './engine-helpers.ts';

describe('CO-1 customer required', () => {
  it('CO-1 ship without a customer is refused (field customerId); the line stays carry-out', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [l1] } = startSale(e, 'R1', null, [{ productId: 'P-TENT' }]);
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' })).toMatchObject({ rule: 'CO-1', field: 'customerId' });
    expect(cartLine(e, 'R1', l1!).delivery.kind).toBe('carryOut');
  });

  it('CO-1 completing a pickup order without a customer is refused at tender and creates nothing', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' }); // pickup needs no address, so no customer yet
    expect(due(e, 'R1')).toBe(275); // (2499 + 250 tax) = 2749 x 10% = 274.9 -> 275
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 })).toMatchObject({ rule: 'CO-1', field: 'customerId' });
    expect(e.orderIds()).toEqual([]);
    expect(e.registerView('R1').transaction!.tenders).toEqual([]);
  });

  it('CO-1 a quote without a customer is refused too; adding the customer lets it complete', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 })).toMatchObject({ rule: 'CO-1', field: 'customerId' });
    ok(e, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 })).toMatchObject({ completed: true, orderId: 'CO-000001' });
  });
});

describe('CO-2 POS operations', () => {
  it('CO-2 scanning the same product twice raises the quantity of its carry-out line; after a ship it starts a new line', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }, { productId: 'P-TENT' }]);
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
    expect(cart(e, 'R1').lines.map((l) => [l.productId, l.quantity])).toEqual([['P-LAMP', 3], ['P-TENT', 1]]);
    expect(cart(e, 'R1').selectedLineId).toBe(lamp);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    expect(cart(e, 'R1').lines.map((l) => [l.productId, l.quantity, l.delivery.kind])).toEqual([['P-LAMP', 3, 'ship'], ['P-TENT', 1, 'carryOut'], ['P-LAMP', 1, 'carryOut']]);
  });

  it('CO-2 ship selected with a highlighted line sets only that line; select another line and pick it up', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    expect(cart(e, 'R1').selectedLineId).toBe(lamp); // the last added line is highlighted
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' });
    expect(cartLine(e, 'R1', lamp!).delivery).toMatchObject({ kind: 'ship', modeCode: 'STD', locationId: 'W1' });
    expect(cartLine(e, 'R1', tent!).delivery.kind).toBe('carryOut');
    ok(e, { type: 'register.selectLine', registerId: 'R1', lineId: tent! });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1' });
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'pickup', modeCode: 'PICKUP', locationId: 'S1' });
    expect(cartLine(e, 'R1', lamp!).delivery.kind).toBe('ship');
  });

  it('CO-2 the picker (lineIds) overrides the highlighted line, and "all" overrides earlier choices', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [tent!] }); // lamp is highlighted
    expect(cartLine(e, 'R1', tent!).delivery.kind).toBe('pickup');
    expect(cartLine(e, 'R1', lamp!).delivery.kind).toBe('carryOut');
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'EXP' });
    expect(cart(e, 'R1').lines.map((l) => [l.delivery.kind, l.delivery.modeCode])).toEqual([['ship', 'EXP'], ['ship', 'EXP']]);
  });

  it('CO-2 "selected" with no highlighted line and no picker choice is refused (field lineIds)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.selectLine', registerId: 'R1', lineId: null });
    expect(refused(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' })).toMatchObject({ rule: 'CO-2', field: 'lineIds' });
    expect(refused(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: ['T-R1-000001-9'] })).toMatchObject({ rule: 'NOT_FOUND', field: 'lineIds' });
  });

  it('CO-2 change mode of delivery switches the selected ship line to EXP; carry out selected brings a line back', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent!], modeCode: 'EXP' });
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'ship', modeCode: 'EXP', locationId: 'W1' });
    expect(cartLine(e, 'R1', lamp!).delivery).toMatchObject({ kind: 'ship', modeCode: 'STD' });
    ok(e, { type: 'register.carryOutSelected', registerId: 'R1', lineIds: [lamp!] });
    expect(cartLine(e, 'R1', lamp!).delivery).toMatchObject({ kind: 'carryOut', modeCode: 'CARRY', locationId: 'S1' });
    // Change mode needs a mode of the chain.
    expect(refused(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [tent!], modeCode: 'NOPE' })).toMatchObject({ rule: 'CO-3', field: 'modeCode' });
  });

  it('CO-2 void transaction leaves nothing: no order, no receipt, no fulfillment line, a fresh next transaction', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.selectLine', registerId: 'R1', lineId: 'T-R1-000001-1' });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 100 }); // partial payment, then void
    expect(ok(e, { type: 'register.void', registerId: 'R1' })).toMatchObject({ transactionId: null });
    expect(e.registerView('R1')).toMatchObject({ state: 'ready', transaction: null, operatorId: 'cashier1' });
    expect(e.orderIds()).toEqual([]);
    expect(e.exportState().store.receipts).toEqual({});
    for (const location of ['S1', 'S2', 'W1']) expect(listed(e, location)).toEqual([]);
    expect(onHand(e, 'W1', 'P-LAMP')).toBe(50);
    expect(startSale(e, 'R1', null, [{ productId: 'P-SOCKS' }]).transactionId).toBe('T-R1-000002');
  });
});

describe('CO-3 ship and pickup lines', () => {
  it('CO-3 ship-from defaults to the store warehouse and must be a ship location of the store\'s fulfillment groups', () => {
    const e = newEngine((c) => {
      // W2 exists but is in no fulfillment group of S1.
      c.locations.push({ id: 'W2', name: 'Remote warehouse', kind: 'warehouse', address: { ...DEMO_ADDRESSES.kentWarehouse } });
    });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', locationId: 'W2' })).toMatchObject({ rule: 'CO-3', field: 'locationId' });
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', locationId: 'NOWHERE' })).toMatchObject({ rule: 'CO-3', field: 'locationId' });
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    // The address comes from the customer (Anna's delivery address).
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'ship', modeCode: 'STD', locationId: 'W1', address: DEMO_ADDRESSES.annaHome });
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', locationId: 'S2' }); // a store flagged ship in FG1
    expect(cartLine(e, 'R1', tent!).delivery.locationId).toBe('S2');
  });

  it('CO-3 the pickup store must be pickup-capable: the warehouse W1 is refused, S2 is accepted', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1', locationId: 'W1' })).toMatchObject({ rule: 'CO-3', field: 'locationId' });
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'pickup', modeCode: 'PICKUP', locationId: 'S1' });
    ok(e, { type: 'register.pickupAll', registerId: 'R1', locationId: 'S2', date: '2026-01-10' });
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'pickup', modeCode: 'PICKUP', locationId: 'S2', date: '2026-01-10' });
  });

  it('CO-3 a ship line takes an explicit address and requested ship date; a non-ship mode is refused', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'CARRY' })).toMatchObject({ rule: 'CO-3', field: 'modeCode' });
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', date: '10/01/2026' })).toMatchObject({ rule: 'VALIDATION', field: 'date' });
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'EXP', address: { ...DEMO_ADDRESSES.calHome }, date: '2026-01-12' });
    expect(cartLine(e, 'R1', tent!).delivery).toMatchObject({ kind: 'ship', modeCode: 'EXP', address: DEMO_ADDRESSES.calHome, date: '2026-01-12' });
  });
});

describe('CO-4 cash-and-carry vs customer order', () => {
  it('CO-4 all carry-out lines make a receipt and no order', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP', quantity: 2 }]);
    expect(due(e, 'R1')).toBe(5498); // 2 x 2499 = 4998 + 10% tax 500 = 5498, all due now
    const result = ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 6000 }); // 502 change
    expect(result).toMatchObject({ completed: true, receiptId: 'T-R1-000001' });
    expect(result.orderId).toBeUndefined();
    expect(e.orderIds()).toEqual([]);
    expect(e.receipt('T-R1-000001')).toMatchObject({ receiptId: 'T-R1-000001', storeId: 'S1', registerId: 'R1', customerId: null, total: 5498, returns: [] });
    expect(listed(e, 'S1')).toEqual([]);
  });

  it('CO-4 one ship line among carry-out lines makes a customer order (hybrid) holding every line', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [tent!] });
    const result = tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    expect(result).toMatchObject({ completed: true, orderId: 'CO-000001' });
    expect(result.receiptId).toBeUndefined();
    expect(e.exportState().store.receipts).toEqual({});
    const order = e.orderView('CO-000001');
    expect(order.lines.map((l) => [l.lineId, l.delivery.kind])).toEqual([[tent, 'ship'], [lamp, 'carryOut']]);
    expect(order.customerId).toBe('C-ANNA');
    expect(order.channelReference).toBe('S1-T-R1-000001');
    expect(listed(e, 'W1')).toEqual([[tent, 'Accepted']]); // carry-out lines never reach fulfillment
    expect(listed(e, 'S1')).toEqual([]);
  });
});

describe('CO-5 amount due', () => {
  it('CO-5 due = deposit % of ship/pickup lines + 100% of carry-out; carry-out lines are invoiced at once', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [tent!] });
    // Modes STD + CARRY differ -> no header charge (CH-3).
    // Ordered: 19999 + 2000 tax = 21999 -> deposit 10% = 2199.9 -> 2200. Carry-out: 2499 + 250 = 2749. Due 4949.
    expect(e.registerView('R1').totals).toMatchObject({ orderedTotal: 21_999, carryOutTotal: 2749, total: 24_748, charges: 0 });
    expect(due(e, 'R1')).toBe(4949);
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    const order = e.orderView('CO-000001');
    expect(order.payments).toEqual([{ paymentId: 'PAY-000001', kind: 'prepayment', method: 'card', amount: 4949 }]);
    expect(order.invoices).toEqual([{
      invoiceId: 'INV-000001', kind: 'carryOut', headerCharges: 0, total: 2749,
      lines: [{ lineId: lamp, quantity: 1, net: 2499, tax: 250, charges: 0 }],
    }]);
    expect(orderLine(e, 'CO-000001', lamp!).progress).toMatchObject({ invoiced: 1 });
    expect(orderLine(e, 'CO-000001', tent!).progress).toMatchObject({ invoiced: 0 });
    expect(order.headerStatus).toBe('PartiallyInvoiced');
    expect(order.paid).toBe(4949);
    // Shipping the tent: invoice 21999, deposit left 4949 - 2749 = 2200 -> 19799 charged to the card token.
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: tent!, quantity: 1 }] });
    const shipped = e.orderView('CO-000001');
    expect(shipped.payments.at(-1)).toEqual({ paymentId: 'PAY-000002', kind: 'capture', method: 'cardToken', amount: 19_799 });
    expect(shipped).toMatchObject({ paid: 24_748, paymentStatus: 'Paid', headerStatus: 'Invoiced' });
  });

  it('CO-5 the deposit base includes the header charge of the ordered lines', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    // 4998 + 500 tax + 995 FREIGHT = 6493 -> 10% = 649.3 -> 649
    expect(e.registerView('R1').totals).toMatchObject({ net: 4998, tax: 500, charges: 995, total: 6493, orderedTotal: 6493, carryOutTotal: 0 });
    expect(due(e, 'R1')).toBe(649);
  });
});

describe('CO-6 B2B deposit', () => {
  it('CO-6 a B2B customer (C-ACME, hierarchy H-ACME) has a 0% deposit; a retail customer pays 10%', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ACME', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(due(e, 'R1')).toBe(0);
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 })).toMatchObject({ orderId: 'CO-000001' });
    expect(e.orderView('CO-000001')).toMatchObject({ customerId: 'C-ACME', payments: [], paid: 0, paymentStatus: 'Unpaid' });

    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(due(e, 'R1')).toBe(275); // 2749 x 10% = 274.9 -> 275
  });
});

describe('CO-7 deposit override', () => {
  it('CO-7 deposit override without the privilege is refused (rule CO-7, field operatorId), also with a lead approver', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(refused(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 1000 })).toMatchObject({ rule: 'CO-7', field: 'operatorId' });
    expect(refused(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 1000, approverId: 'lead1' })).toMatchObject({ rule: 'CO-7', field: 'operatorId' });
    expect(due(e, 'R1')).toBe(2200); // 21999 x 10% = 2199.9 -> 2200
  });

  it('CO-7 deposit override approved by manager1 replaces the deposit and stays within the ordered total', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(refused(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 22_000, approverId: 'manager1' })).toMatchObject({ rule: 'CO-7', field: 'amount' }); // > 21999
    ok(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 1000, approverId: 'manager1' });
    expect(due(e, 'R1')).toBe(1000);
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001')).toMatchObject({ depositOverride: 1000, paid: 1000, paymentStatus: 'PartiallyPaid' });
  });

  it('CO-7 a deposit override on an all carry-out sale is refused', () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    expect(refused(e, { type: 'register.overrideDeposit', registerId: 'R1', amount: 0 })).toMatchObject({ rule: 'CO-7' });
  });
});

describe('CO-8 balance of an order', () => {
  it('CO-8 a ship order with a balance is refused at tender without a card token; with one it completes', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(due(e, 'R1')).toBe(2200); // 21999 (>= 10000: FREIGHT tier 0) x 10% -> 2200
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 2200 })).toMatchObject({ rule: 'CO-8', field: 'cardToken' });
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cardToken', amount: 2200 })).toMatchObject({ rule: 'CO-8', field: 'method' });
    expect(e.orderIds()).toEqual([]);
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 2200, cardToken: 'tok_anna' });
    expect(e.orderView('CO-000001')).toMatchObject({ cardToken: 'tok_anna', paid: 2200 });
  });

  it('CO-8 the card token is charged for the balance when the ship order is invoiced (capture payment)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    expect(ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: tent!, quantity: 1 }] })).toMatchObject({ invoiceId: 'INV-000001' });
    const order = e.orderView('CO-000001');
    expect(order.payments).toEqual([
      { paymentId: 'PAY-000001', kind: 'prepayment', method: 'card', amount: 2200 },
      { paymentId: 'PAY-000002', kind: 'capture', method: 'cardToken', amount: 19_799 }, // 21999 - 2200
    ]);
    expect(order).toMatchObject({ paid: 21_999, paymentStatus: 'Paid', headerStatus: 'Invoiced', state: 'completed' });
  });

  it('CO-8 a ship order accepted at tender without a card token is fully paid and ships with nothing left to capture', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    // The customer hands over the whole 21999 in cash. Either the engine refuses (CO-8: only the deposit is kept,
    // the rest is change, so a token is needed) or it accepts without a token; then the order must be fully paid,
    // or it could never ship (CO-8 at invoicing, no token).
    const result = e.executeNow({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 21_999 });
    if (!result.ok) {
      expect(result.error).toMatchObject({ rule: 'CO-8', field: 'cardToken' });
      return;
    }
    expect(e.orderView('CO-000001').paid).toBe(21_999);
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: tent!, quantity: 1 }] });
    expect(e.orderView('CO-000001')).toMatchObject({ paid: 21_999, paymentStatus: 'Paid', headerStatus: 'Invoiced' });
  });

  it('CO-8 a pickup order needs no token: it pays the balance at pickup', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 2200 });
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ due: 19_799 });
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cardToken', amount: 19_799 })).toMatchObject({ rule: 'CO-8', field: 'method' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 19_799 });
    const order = e.orderView('CO-000001');
    expect(order.payments.at(-1)).toEqual({ paymentId: 'PAY-000002', kind: 'pickup', method: 'card', amount: 19_799 });
    expect(order).toMatchObject({ paid: 21_999, paymentStatus: 'Paid', headerStatus: 'Invoiced' });
  });

  it('CO-8 a pickup order with a card token captured at checkout can be charged to the token at pickup', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'card', amount: 2200, cardToken: 'tok_anna' });
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    ok(e, { type: 'register.tender', registerId: 'R1', method: 'cardToken', amount: 19_799 });
    expect(e.orderView('CO-000001').payments.at(-1)).toMatchObject({ kind: 'pickup', method: 'cardToken', amount: 19_799 });
  });
});

describe('CO-9 quotes', () => {
  it('CO-9 a quote takes no payment and sends nothing to fulfillment', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    expect(due(e, 'R1')).toBe(0);
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 500 })).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 })).toMatchObject({ orderId: 'CO-000001' });
    const quote = e.orderView('CO-000001');
    expect(quote).toMatchObject({ createdAs: 'quote', headerStatus: 'Quote', payments: [], paid: 0 });
    expect(quote.state).toEqual({ quote: 'idle' });
    expect(listed(e, 'S1')).toEqual([]);
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: lamp!, quantity: 1 }] })).toMatchObject({ rule: 'FF-1' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ rule: 'FF-1' });
  });

  it('CO-9 approveQuote turns the quote into an order with the same lines, which reach fulfillment', () => {
    const { e, lamp } = quoteAtR1();
    const quoteLines = e.orderView('CO-000001').lines;
    ok(e, { type: 'order.approveQuote', orderId: 'CO-000001' });
    const order = e.orderView('CO-000001');
    expect(order.state).toEqual({ open: 'idle' });
    expect(order.headerStatus).toBe('Open');
    expect(order.lines).toEqual(quoteLines);
    expect(listed(e, 'S1')).toEqual([[lamp, 'Accepted']]);
    expect(refused(e, { type: 'order.approveQuote', orderId: 'CO-000001' })).toMatchObject({ rule: 'STATE', field: 'orderId' });
    // Nothing was paid, so the whole 4998 + 500 = 5498 is collected at pickup.
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ due: 5498 });
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001')).toMatchObject({ headerStatus: 'Invoiced', paid: 5498, paymentStatus: 'Paid' });
  });
});

describe('CO-12 tax', () => {
  it('CO-12 destination-based tax on S1: shipping to C-CAL (San Diego) is taxed 7.25%, pickup at S1 stays 10%', () => {
    const e = newEngine((c) => { c.stores[0]!.destinationBasedTax = true; });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent, lamp] } = startSale(e, 'R1', 'C-CAL', [{ productId: 'P-TENT' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [tent!] });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [lamp!] });
    expect(cartLine(e, 'R1', tent!).taxRate).toBe(725);
    expect(cartLine(e, 'R1', lamp!).taxRate).toBe(1000);
    // 19999 x 7.25% = 1449.93 -> 1450; 2499 x 10% = 249.9 -> 250; mixed modes -> no charge
    expect(e.registerView('R1').totals).toMatchObject({ net: 22_498, tax: 1700, charges: 0, total: 24_198 });
    expect(due(e, 'R1')).toBe(2420); // 24198 x 10% = 2419.8 -> 2420
  });

  it('CO-12 without destination-based tax the store tax group applies (S1 10% even when shipping to CA)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-CAL', [{ productId: 'P-TENT' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(cartLine(e, 'R1', tent!).taxRate).toBe(1000);
    expect(e.registerView('R1').totals).toMatchObject({ tax: 2000, total: 21_999 });
  });

  it('CO-12 customer-based tax at S2 uses the customer\'s delivery address (Anna, WA 10%); none designated falls back to OR 0%', () => {
    const e = newEngine((c) => { c.stores[1]!.customerBasedTax = true; });
    openShift(e, 'R3', 'cashier2');
    const { lineIds: [anna] } = startSale(e, 'R3', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R3', modeCode: 'STD' });
    expect(cartLine(e, 'R3', anna!).taxRate).toBe(1000);
    ok(e, { type: 'register.void', registerId: 'R3' });
    const { lineIds: [cal] } = startSale(e, 'R3', 'C-CAL', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R3', modeCode: 'STD' });
    expect(cartLine(e, 'R3', cal!).taxRate).toBe(0);
  });
});

describe('ST setup and permissions', () => {
  it('ST-1 without a ship mode of delivery, ship and pickup are refused (rule ST-1); carry-out still sells', () => {
    const e = newEngine((c) => { c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.kind !== 'ship'); });
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' })).toMatchObject({ rule: 'ST-1' });
    expect(refused(e, { type: 'register.pickupAll', registerId: 'R1' })).toMatchObject({ rule: 'ST-1' });
    expect(tenderDue(e, 'R1')).toMatchObject({ receiptId: 'T-R1-000001' });
    expect(e.orderIds()).toEqual([]);
  });

  it('ST-1 without a pickup mode of delivery customer orders are refused too', () => {
    const e = newEngine((c) => { c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.kind !== 'pickup'); });
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    expect(refused(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' })).toMatchObject({ rule: 'ST-1' });
  });

  it('ST-5 a price override needs priceOverride: cashier and lead refused (field unitPrice), manager1 approves', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    expect(refused(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1, unitPrice: 15_000 })).toMatchObject({ rule: 'ST-5', field: 'unitPrice' });
    expect(refused(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1, unitPrice: 15_000, approverId: 'lead1' })).toMatchObject({ rule: 'ST-5', field: 'unitPrice' });
    // Entering the catalog price is no override.
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1, unitPrice: PRICE.TENT });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1, unitPrice: 15_000, approverId: 'manager1' });
    expect(cart(e, 'R1').lines.map((l) => l.unitPrice)).toEqual([19_999, 15_000]);
    expect(e.registerView('R1').totals).toMatchObject({ net: 34_999, tax: 3500 }); // 2000 + 1500
  });

  it('ST-5 staff work only at their own stores (registers and fulfillment screens)', () => {
    const e = newEngine();
    expect(refused(e, { type: 'register.openShift', registerId: 'R3', operatorId: 'cashier1' })).toMatchObject({ rule: 'ST-5', field: 'operatorId' });
    expect(refused(e, { type: 'register.openShift', registerId: 'R1', operatorId: 'nobody' })).toMatchObject({ rule: 'NOT_FOUND', field: 'operatorId' });
    openShift(e, 'R3', 'manager1'); // manager1 works at S1 and S2
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1', locationId: 'S2' });
    tenderDue(e, 'R1');
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'S2', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: lamp!, quantity: 1 }] })).toMatchObject({ rule: 'ST-5', field: 'operatorId' });
    ok(e, { type: 'fulfillment.pick', locationId: 'S2', operatorId: 'cashier2', lines: [{ orderId: 'CO-000001', lineId: lamp!, quantity: 1 }] });
  });
});
