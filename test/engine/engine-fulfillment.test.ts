/** Engine-level store fulfillment (FF-1..FF-8), through executeNow only. */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import {
  cart, due, listed, newEngine, ok, onHand, openShift, orderLine, refused, startSale, tenderDue, type Item, type Mutator,
} from './engine-helpers.ts';

type Delivery = { ship: string; from?: string } | { pickup: string };

/**
 * C-ANNA orders `items` at R1 (cashier1), each delivered as given (ship mode + ship-from, or pickup store), paying
 * the deposit by card with a token. Returns the order id and its line ids.
 */
function order(e: Chain, items: (Item & { delivery: Delivery })[]): { orderId: string; lines: string[] } {
  if (e.registerView('R1').state === 'closed') openShift(e, 'R1', 'cashier1');
  const { lineIds } = startSale(e, 'R1', 'C-ANNA', items);
  items.forEach((item, i) => {
    const ids = [lineIds[i]!];
    if ('ship' in item.delivery) {
      ok(e, { type: 'register.shipSelected', registerId: 'R1', lineIds: ids, modeCode: item.delivery.ship, ...(item.delivery.from === undefined ? {} : { locationId: item.delivery.from }) });
    } else {
      ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: ids, locationId: item.delivery.pickup });
    }
  });
  const result = tenderDue(e, 'R1', { cardToken: 'tok_anna' });
  return { orderId: result.orderId as string, lines: lineIds };
}

const S1_MANUAL_ACCEPT: Mutator = (c) => { c.stores[0]!.manualAccept = true; };

describe('FF-1 fulfillment list', () => {
  it('FF-1 each location lists only the lines it ships or hands over; filters all / toShip / forPickup', () => {
    const e = newEngine();
    const { lines: [tent, lamp, socks, stove] } = order(e, [
      { productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { pickup: 'S1' } },
      { productId: 'P-SOCKS', delivery: { ship: 'STD' } }, // default ship-from: the store's warehouse W1
      { productId: 'P-STOVE', delivery: { pickup: 'S2' } },
    ]);
    expect(listed(e, 'S1')).toEqual([[tent, 'Accepted'], [lamp, 'Accepted']]);
    expect(listed(e, 'S1', 'toShip')).toEqual([[tent, 'Accepted']]);
    expect(listed(e, 'S1', 'forPickup')).toEqual([[lamp, 'Accepted']]);
    expect(listed(e, 'W1')).toEqual([[socks, 'Accepted']]);
    expect(listed(e, 'W1', 'forPickup')).toEqual([]);
    expect(listed(e, 'S2')).toEqual([[stove, 'Accepted']]);
    expect(e.fulfillmentView('S1').lines[0]).toMatchObject({ orderId: 'CO-000001', productId: 'P-TENT', kind: 'ship', modeCode: 'STD', locationId: 'S1' });
  });

  it('FF-1 a location cannot process a line it does not hold (field lines.N)', () => {
    const e = newEngine();
    const { orderId, lines: [tent, socks] } = order(e, [
      { productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-SOCKS', delivery: { ship: 'STD' } },
    ]);
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 1 }, { orderId, lineId: socks!, quantity: 1 }] })).toMatchObject({ rule: 'FF-1', field: 'lines.1' });
    expect(refused(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: socks!, quantity: 1 }] })).toMatchObject({ rule: 'FF-1', field: 'lines.0' });
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'S9', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 1 }] })).toMatchObject({ rule: 'NOT_FOUND', field: 'locationId' });
  });
});

describe('FF-2 manual accept', () => {
  it('FF-2 with manual accept on S1, ship lines wait in Pending; pickup lines and warehouse lines never do', () => {
    const e = newEngine(S1_MANUAL_ACCEPT);
    const { orderId, lines: [tent, lamp, socks] } = order(e, [
      { productId: 'P-TENT', quantity: 2, delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { pickup: 'S1' } },
      { productId: 'P-SOCKS', delivery: { ship: 'STD', from: 'W1' } },
    ]);
    expect(listed(e, 'S1')).toEqual([[tent, 'Pending'], [lamp, 'Accepted']]);
    expect(listed(e, 'W1')).toEqual([[socks, 'Accepted']]);
    expect(orderLine(e, orderId, tent!).progress.accepted).toBe(false);
    expect(e.orderView(orderId).headerStatus).toBe('Open');
  });

  it('FF-2 nothing is processed before accept: pick list, pick, pack, ship are refused (FF-2)', () => {
    const e = newEngine(S1_MANUAL_ACCEPT);
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', quantity: 2, delivery: { ship: 'STD', from: 'S1' } }]);
    expect(refused(e, { type: 'fulfillment.printPickList', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent! }] })).toMatchObject({ rule: 'FF-2', field: 'lines.0.lineId' });
    expect(refused(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 1 }] })).toMatchObject({ rule: 'FF-2', field: 'lines.0.lineId' });
    expect(refused(e, { type: 'fulfillment.pack', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 1 }] })).toMatchObject({ rule: 'FF-2', field: 'lines.0.lineId' });
    expect(refused(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 1 }] })).toMatchObject({ rule: 'FF-2', field: 'lines.0.lineId' });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(50);
  });

  it('FF-2 only a user with allowAcceptOrder accepts: cashier refused (ST-5), lead accepts; accepting twice is refused', () => {
    const e = newEngine(S1_MANUAL_ACCEPT);
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', quantity: 2, delivery: { ship: 'STD', from: 'S1' } }]);
    expect(refused(e, { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'cashier1', lines: [{ orderId, lineId: tent! }] })).toMatchObject({ rule: 'ST-5', field: 'operatorId' });
    ok(e, { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent! }] });
    expect(listed(e, 'S1')).toEqual([[tent, 'Accepted']]);
    expect(orderLine(e, orderId, tent!).progress.accepted).toBe(true);
    expect(refused(e, { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent! }] })).toMatchObject({ rule: 'FF-2', field: 'lines.0.lineId' });
    ok(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'cashier1', lines: [{ orderId, lineId: tent!, quantity: 2 }] });
    expect(listed(e, 'S1')).toEqual([[tent, 'Picked']]);
  });
});

describe('FF-3 pick', () => {
  it('FF-3 pick partial -> PartiallyPicked, never more than remains, on-hand decremented by what is picked', () => {
    const e = newEngine();
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', quantity: 3, delivery: { ship: 'STD', from: 'S1' } }]);
    const pick = (quantity: number) => ({ type: 'fulfillment.pick' as const, locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity }] });
    ok(e, pick(1));
    expect(listed(e, 'S1')).toEqual([[tent, 'PartiallyPicked']]);
    expect(onHand(e, 'S1', 'P-TENT')).toBe(49);
    expect(e.orderView(orderId).headerStatus).toBe('PartiallyPicked');
    expect(refused(e, pick(3))).toMatchObject({ rule: 'FF-3', field: 'lines.0.quantity' }); // 2 remain
    ok(e, pick(2));
    expect(listed(e, 'S1')).toEqual([[tent, 'Picked']]);
    expect(onHand(e, 'S1', 'P-TENT')).toBe(47);
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 3, packed: 0, invoiced: 0 });
    expect(e.orderView(orderId).headerStatus).toBe('Picked');
    expect(refused(e, pick(1))).toMatchObject({ rule: 'FF-3', field: 'lines.0.quantity' });
    expect(onHand(e, 'W1', 'P-TENT')).toBe(50); // other locations untouched
  });

  it('FF-3 a pick list may mix orders; listed lines show Picking until picked', () => {
    const e = newEngine();
    const first = order(e, [{ productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } }]);
    const second = order(e, [{ productId: 'P-LAMP', quantity: 2, delivery: { ship: 'EXP', from: 'S1' } }]);
    const refs = [{ orderId: first.orderId, lineId: first.lines[0]! }, { orderId: second.orderId, lineId: second.lines[0]! }];
    expect(ok(e, { type: 'fulfillment.printPickList', locationId: 'S1', operatorId: 'lead1', lines: refs })).toMatchObject({ pickListId: 'PL-000001' });
    expect(listed(e, 'S1')).toEqual([[first.lines[0], 'Picking'], [second.lines[0], 'Picking']]);
    expect(orderLine(e, second.orderId, second.lines[0]!).progress.pickListId).toBe('PL-000001');
    ok(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ ...refs[0]!, quantity: 1 }, { ...refs[1]!, quantity: 1 }] });
    expect(listed(e, 'S1')).toEqual([[first.lines[0], 'Picked'], [second.lines[0], 'PartiallyPicked']]);
    expect(e.fulfillmentView('S1').onHand).toMatchObject({ 'P-TENT': 49, 'P-LAMP': 49 });
  });
});

describe('FF-4 pack', () => {
  it('FF-4 pickup lines cannot be packed; one pack takes one mode; -> PartiallyPacked / Packed (back office Delivered)', () => {
    const e = newEngine();
    const { orderId, lines: [tent, lamp, socks] } = order(e, [
      { productId: 'P-TENT', quantity: 2, delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { ship: 'EXP', from: 'S1' } },
      { productId: 'P-SOCKS', delivery: { pickup: 'S1' } },
    ]);
    const pack = (lines: { lineId: string; quantity: number }[]) => ({ type: 'fulfillment.pack' as const, locationId: 'S1', operatorId: 'lead1', orderId, lines });
    expect(refused(e, pack([{ lineId: socks!, quantity: 1 }]))).toMatchObject({ rule: 'FF-4', field: 'lines.0.lineId' });
    expect(refused(e, pack([{ lineId: tent!, quantity: 1 }, { lineId: lamp!, quantity: 1 }]))).toMatchObject({ rule: 'FF-4', field: 'lines' });
    expect(refused(e, pack([{ lineId: tent!, quantity: 3 }]))).toMatchObject({ rule: 'FF-4', field: 'lines.0.quantity' });
    ok(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 2 }] });
    expect(ok(e, pack([{ lineId: tent!, quantity: 1 }]))).toMatchObject({ packingSlipId: 'PS-000001' });
    expect(listed(e, 'S1', 'toShip')).toEqual([[tent, 'PartiallyPacked'], [lamp, 'Accepted']]);
    expect(e.orderView(orderId).headerStatus).toBe('PartiallyDelivered');
    ok(e, pack([{ lineId: tent!, quantity: 1 }]));
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 0, packed: 2 });
    expect(listed(e, 'S1', 'toShip')).toEqual([[tent, 'Packed'], [lamp, 'Accepted']]);
    // Packing unpicked units takes them off the shelf too.
    ok(e, pack([{ lineId: lamp!, quantity: 1 }]));
    expect(e.fulfillmentView('S1').onHand).toMatchObject({ 'P-TENT': 48, 'P-LAMP': 49, 'P-SOCKS': 50 });
  });
});

describe('FF-5 ship', () => {
  it('FF-5 ship consumes packed units first, then picked, then open; each unit leaves the shelf once; -> Invoiced', () => {
    const e = newEngine();
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', quantity: 3, delivery: { ship: 'STD', from: 'S1' } }]);
    // 3 x 19999 = 59997 + 6000 tax = 65997 -> deposit 6599.7 -> 6600
    expect(e.orderView(orderId).paid).toBe(6600);
    ok(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 2 }] });
    ok(e, { type: 'fulfillment.pack', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 1 }] });
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 1, packed: 1, invoiced: 0 });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(48);
    ok(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 1 }] });
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 1, packed: 0, invoiced: 1 });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(48);
    expect(listed(e, 'S1')).toEqual([[tent, 'PartiallyInvoiced']]);
    // Invoice 1: 19999 + 2000 (1/3 of 6000) = 21999 - 6600 deposit = 15399 captured
    expect(e.orderView(orderId).payments.at(-1)).toMatchObject({ kind: 'capture', method: 'cardToken', amount: 15_399 });
    expect(refused(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 3 }] })).toMatchObject({ rule: 'FF-5', field: 'lines.0.quantity' });
    ok(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 2 }] });
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 0, packed: 0, invoiced: 3 });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(47);
    expect(listed(e, 'S1')).toEqual([]); // fully invoiced lines leave the list
    const done = e.orderView(orderId);
    // Invoice 2: 39998 + 4000 = 43998, nothing left of the deposit -> all captured. 6600 + 15399 + 43998 = 65997.
    expect(done.payments.at(-1)).toMatchObject({ kind: 'capture', amount: 43_998 });
    expect(done).toMatchObject({ headerStatus: 'Invoiced', state: 'completed', paid: 65_997, paymentStatus: 'Paid' });
    expect(done.invoices.map((i) => [i.invoiceId, i.kind, i.total])).toEqual([['INV-000001', 'ship', 21_999], ['INV-000002', 'ship', 43_998]]);
  });

  it('FF-5 one shipment may mix ship modes (one invoice); pickup lines cannot be shipped', () => {
    const e = newEngine();
    const { orderId, lines: [tent, lamp, socks] } = order(e, [
      { productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { ship: 'EXP', from: 'S1' } },
      { productId: 'P-SOCKS', delivery: { pickup: 'S1' } },
    ]);
    // 23797 net + 2380 tax = 26177 (mixed modes: no charge) -> deposit 2617.7 -> 2618
    expect(e.orderView(orderId).paid).toBe(2618);
    expect(refused(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: socks!, quantity: 1 }] })).toMatchObject({ rule: 'FF-5', field: 'lines.0.lineId' });
    expect(ok(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 1 }, { lineId: lamp!, quantity: 1 }] })).toMatchObject({ invoiceId: 'INV-000001' });
    const shipped = e.orderView(orderId);
    expect(shipped.invoices).toEqual([{ invoiceId: 'INV-000001', kind: 'ship', headerCharges: 0, total: 24_748, lines: [
      { lineId: tent, quantity: 1, net: 19_999, tax: 2000, charges: 0 },
      { lineId: lamp, quantity: 1, net: 2499, tax: 250, charges: 0 },
    ] }]);
    expect(shipped.payments.at(-1)).toMatchObject({ kind: 'capture', amount: 22_130 }); // 24748 - 2618
    expect(listed(e, 'S1')).toEqual([[socks, 'Accepted']]);
    expect(shipped.headerStatus).toBe('PartiallyInvoiced');
  });
});

describe('FF-6 pick up at the register', () => {
  it('FF-6 pickup loads the whole order (others at qty 0), is tendered for the balance, -> Invoiced', () => {
    const e = newEngine();
    const { orderId, lines: [tent, lamp, socks] } = order(e, [
      { productId: 'P-TENT', delivery: { pickup: 'S1' } },
      { productId: 'P-LAMP', delivery: { pickup: 'S1' } },
      { productId: 'P-SOCKS', delivery: { ship: 'STD' } },
    ]);
    // 26177 total, deposit 2618. Picking up the tent: 21999 - 2618 = 19381.
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: tent!, quantity: 1 }] })).toMatchObject({ due: 19_381 });
    expect(cart(e, 'R1').lines.map((l) => [l.lineId, l.quantity])).toEqual([[tent, 1], [lamp, 0], [socks, 0]]);
    expect(due(e, 'R1')).toBe(19_381);
    expect(ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 20_000 })).toMatchObject({ completed: true, invoiceId: 'INV-000001' }); // 619 change
    let view = e.orderView(orderId);
    expect(view.payments.at(-1)).toMatchObject({ kind: 'pickup', method: 'cash', amount: 19_381 });
    expect(view.invoices.at(-1)).toMatchObject({ invoiceId: 'INV-000001', kind: 'pickup', total: 21_999 });
    expect(view.headerStatus).toBe('PartiallyInvoiced');
    expect(listed(e, 'S1')).toEqual([[lamp, 'Accepted']]);
    expect(onHand(e, 'S1', 'P-TENT')).toBe(49);
    // Default pickup lines: what is left at this store (the lamp): 2749, deposit used up.
    expect(ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup' })).toMatchObject({ due: 2749 });
    tenderDue(e, 'R1');
    expect(listed(e, 'S1')).toEqual([]);
    expect(e.orderView(orderId).headerStatus).toBe('PartiallyInvoiced'); // the socks still ship
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId, lines: [{ lineId: socks!, quantity: 1 }] });
    view = e.orderView(orderId);
    expect(view.payments.at(-1)).toMatchObject({ kind: 'capture', amount: 1429 }); // 1299 + 130
    expect(view).toMatchObject({ headerStatus: 'Invoiced', paid: 26_177, paymentStatus: 'Paid' }); // 2618 + 19381 + 2749 + 1429
  });

  it('FF-6 nothing to pick up at another store; ship lines are not picked up; quantities beyond the line are refused', () => {
    const e = newEngine();
    openShift(e, 'R3', 'cashier2');
    const { orderId, lines: [tent, socks] } = order(e, [
      { productId: 'P-TENT', delivery: { pickup: 'S1' } },
      { productId: 'P-SOCKS', delivery: { ship: 'STD', from: 'S1' } },
    ]);
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R3', orderId, purpose: 'pickup' })).toMatchObject({ rule: 'FF-6', field: 'lines' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: socks!, quantity: 1 }] })).toMatchObject({ rule: 'FF-6', field: 'lines.0.lineId' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: tent!, quantity: 2 }] })).toMatchObject({ rule: 'FF-6', field: 'lines.0.quantity' });
    expect(e.registerView('R1').transaction).toBeNull();
  });
});

describe('FF-7 reject', () => {
  it('FF-7 reject needs allowRejectOrder and takes only unpicked units; headquarters reset returns them to Accepted', () => {
    const e = newEngine();
    const { orderId, lines: [tent, lamp] } = order(e, [
      { productId: 'P-TENT', quantity: 3, delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { ship: 'STD', from: 'S1' } },
    ]);
    const reject = (operatorId: string, lineId: string, quantity: number) =>
      ({ type: 'fulfillment.reject' as const, locationId: 'S1', operatorId, lines: [{ orderId, lineId, quantity }] });
    expect(refused(e, reject('cashier1', lamp!, 1))).toMatchObject({ rule: 'ST-5', field: 'operatorId' });
    ok(e, { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 1 }] });
    expect(refused(e, reject('lead1', tent!, 3))).toMatchObject({ rule: 'FF-7', field: 'lines.0.quantity' }); // only 2 unpicked
    ok(e, reject('lead1', tent!, 2));
    ok(e, reject('lead1', lamp!, 1));
    expect(orderLine(e, orderId, tent!).progress).toMatchObject({ picked: 1, rejected: 2 });
    expect(listed(e, 'S1')).toEqual([[tent, 'Picked'], [lamp, 'Rejected']]); // rejected lines stay listed until reset
    expect(e.orderView(orderId).headerStatus).toBe('Picked'); // the fully rejected lamp is left out
    expect(refused(e, reject('lead1', lamp!, 1))).toMatchObject({ rule: 'FF-7', field: 'lines.0.quantity' });
    ok(e, { type: 'headquarters.resetFulfillment', orderId, lineIds: [lamp!, tent!] });
    expect(listed(e, 'S1')).toEqual([[tent, 'PartiallyPicked'], [lamp, 'Accepted']]);
    expect(orderLine(e, orderId, lamp!).progress).toMatchObject({ rejected: 0, accepted: true });
    expect(refused(e, { type: 'headquarters.resetFulfillment', orderId, lineIds: [lamp!] })).toMatchObject({ rule: 'FF-7' });
  });

  it('FF-7 under manual accept, reset returns rejected ship lines to Pending', () => {
    const e = newEngine(S1_MANUAL_ACCEPT);
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } }]);
    ok(e, { type: 'fulfillment.accept', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent! }] });
    ok(e, { type: 'fulfillment.reject', locationId: 'S1', operatorId: 'manager1', lines: [{ orderId, lineId: tent!, quantity: 1 }] });
    expect(e.orderView(orderId).headerStatus).toBe('Rejected');
    ok(e, { type: 'headquarters.resetFulfillment', orderId, lineIds: [tent!] });
    expect(listed(e, 'S1')).toEqual([[tent, 'Pending']]);
    expect(orderLine(e, orderId, tent!).progress.accepted).toBe(false);
  });

  it('FF-7 rejected units never left the shelf: reject leaves on-hand alone, and after reset they are counted out once when shipped', () => {
    const e = newEngine();
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', quantity: 3, delivery: { ship: 'STD', from: 'S1' } }]);
    ok(e, { type: 'fulfillment.reject', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent!, quantity: 3 }] });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(50);
    ok(e, { type: 'headquarters.resetFulfillment', orderId, lineIds: [tent!] });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(50);
    ok(e, { type: 'fulfillment.ship', locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId: tent!, quantity: 3 }] });
    expect(onHand(e, 'S1', 'P-TENT')).toBe(47); // 50 - the 3 units that physically left
  });
});

describe('FF-8 header status', () => {
  it('FF-8 the order header derives from its lines: Open -> PartiallyPicked -> Picked -> PartiallyDelivered -> Delivered -> PartiallyInvoiced -> Invoiced', () => {
    const e = newEngine();
    const { orderId, lines: [tent, lamp] } = order(e, [
      { productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } },
      { productId: 'P-LAMP', delivery: { ship: 'STD', from: 'S1' } },
    ]);
    const header = () => e.orderView(orderId).headerStatus;
    const step = (type: 'fulfillment.pick' | 'fulfillment.pack' | 'fulfillment.ship', lineId: string) => {
      if (type === 'fulfillment.pick') ok(e, { type, locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId, quantity: 1 }] });
      else ok(e, { type, locationId: 'S1', operatorId: 'lead1', orderId, lines: [{ lineId, quantity: 1 }] });
      return header();
    };
    expect(header()).toBe('Open');
    expect(step('fulfillment.pick', tent!)).toBe('PartiallyPicked');
    expect(step('fulfillment.pick', lamp!)).toBe('Picked');
    expect(step('fulfillment.pack', tent!)).toBe('PartiallyDelivered');
    expect(step('fulfillment.pack', lamp!)).toBe('Delivered');
    expect(step('fulfillment.ship', tent!)).toBe('PartiallyInvoiced');
    expect(step('fulfillment.ship', lamp!)).toBe('Invoiced');
    expect(e.orderView(orderId)).toMatchObject({ state: 'completed', paid: 24_748, paymentStatus: 'Paid' }); // 21999 + 2749
  });

  it('FF-8 a Picking (pick list) line is still Order processing at the header (Open)', () => {
    const e = newEngine();
    const { orderId, lines: [tent] } = order(e, [{ productId: 'P-TENT', delivery: { ship: 'STD', from: 'S1' } }]);
    ok(e, { type: 'fulfillment.printPickList', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId, lineId: tent! }] });
    expect(listed(e, 'S1')).toEqual([[tent, 'Picking']]);
    expect(e.orderView(orderId).headerStatus).toBe('Open');
  });
});
