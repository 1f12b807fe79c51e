/**
 * SM-10 backorders (a line with something to deliver past its confirmed, else requested, date) and their views by
 * item, customer and vendor; SM-11 the split of on-hand among backorder lines (priority, then oldest order date, then
 * order number), as examples and as properties, and a moved confirmed date that keeps the old one and flags
 * "notify customer".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backorderDate, backorderLines, backordersByCustomer, backordersByItem, backordersByVendor, changeConfirmedShipDate, isBackordered, markCustomerNotified,
  splitOnHand, type BackorderLine,
} from '../../../engine/domain/sales/backorders.ts';
import type { OnHand } from '../../../engine/domain/sales/purchase-orders.ts';
import type { SalesOrderRecord } from '../../../engine/domain/sales/types.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { orderLine, partlyDelivered, purchaseLine, salesOrder } from './backorder-fixture.ts';

const AS_OF = '2027-03-10';

describe('SM-10 what a backorder is', () => {
  const order = salesOrder('SO-1', {}, []);

  it('SM-10 a line with something to deliver is backordered the day after its requested date, not on it', () => {
    const line = orderLine('L1', 'P-TENT', 2, '2027-03-09');
    expect(backorderDate(line)).toBe('2027-03-09');
    expect(isBackordered(order, line, '2027-03-09')).toBe(false);
    expect(isBackordered(order, line, '2027-03-10')).toBe(true);
  });

  it('SM-10 the confirmed date wins over the requested one', () => {
    const line = orderLine('L1', 'P-TENT', 2, '2027-03-01', { confirmedShipDate: '2027-03-12' });
    expect(backorderDate(line)).toBe('2027-03-12');
    expect(isBackordered(order, line, AS_OF)).toBe(false);
    expect(isBackordered(order, { ...line, confirmedShipDate: '2027-03-05' }, AS_OF)).toBe(true);
  });

  it('SM-10 a line delivered in full is no backorder; one delivered in part still is', () => {
    const line = orderLine('L1', 'P-TENT', 3, '2027-03-01');
    expect(isBackordered(order, partlyDelivered(line, 3), AS_OF)).toBe(false);
    expect(isBackordered(order, partlyDelivered(line, 1), AS_OF)).toBe(true);
  });

  it.each(['journal', 'returnedOrder', 'itemRequirements'] as const)('SM-10 a %s has no backorders (it delivers nothing to a customer)', (type) => {
    expect(isBackordered(salesOrder('SO-1', { type }, []), orderLine('L1', 'P-TENT', 2, '2027-03-01'), AS_OF)).toBe(false);
  });

  it('SM-10 a subscription\'s late lines are backorders too', () => {
    expect(isBackordered(salesOrder('SO-1', { type: 'subscription' }, []), orderLine('L1', 'P-TENT', 2, '2027-03-01'), AS_OF)).toBe(true);
  });

  it('SM-10 each backorder line carries its order, customer, due date, what remains and whether part went already', () => {
    const orders = [salesOrder('SO-1', { customerAccount: 'C-7', priority: 2, orderDate: '2027-02-20' }, [
      orderLine('L1', 'P-TENT', 5, '2027-03-01'),
      partlyDelivered(orderLine('L2', 'P-LAMP', 4, '2027-03-02', { confirmedShipDate: '2027-03-04', previousConfirmedShipDate: '2027-03-03', notifyCustomer: true }), 1),
      orderLine('L3', 'P-STOVE', 1, '2027-03-20'),
    ])];
    expect(backorderLines(orders, AS_OF)).toEqual([
      { salesOrderId: 'SO-1', lineId: 'L1', customerAccount: 'C-7', productId: 'P-TENT', warehouseId: 'WH-MAIN', priority: 2, orderDate: '2027-02-20', dueDate: '2027-03-01', remaining: 5, status: 'notDelivered', previousConfirmedShipDate: null, notifyCustomer: false },
      { salesOrderId: 'SO-1', lineId: 'L2', customerAccount: 'C-7', productId: 'P-LAMP', warehouseId: 'WH-MAIN', priority: 2, orderDate: '2027-02-20', dueDate: '2027-03-04', remaining: 3, status: 'partlyDelivered', previousConfirmedShipDate: '2027-03-03', notifyCustomer: true },
    ]);
  });
});

describe('SM-10 backorder views', () => {
  const orders: SalesOrderRecord[] = [
    salesOrder('SO-1', { customerAccount: 'C-1' }, [orderLine('L1', 'P-TENT', 5, '2027-03-01'), orderLine('L2', 'P-TENT', 2, '2027-03-03'), orderLine('L3', 'P-LAMP', 4, '2027-03-08')]),
    salesOrder('SO-2', { customerAccount: 'C-2' }, [orderLine('L1', 'P-TENT', 6, '2027-03-05'), orderLine('L2', 'P-TENT', 9, '2027-03-20')]),
    salesOrder('SO-3', { customerAccount: 'C-1' }, [orderLine('L1', 'P-TENT', 1, '2027-03-02', { warehouseId: 'WH-EAST' })]),
  ];
  const purchases = [
    purchaseLine('PO-1', 'P-TENT', 4, '2027-03-05', { vendorAccount: 'V-1' }),
    purchaseLine('PO-2', 'P-TENT', 10, '2027-03-15', { vendorAccount: 'V-2', received: 7 }),
    purchaseLine('PO-3', 'P-TENT', 8, '2027-03-01', { vendorAccount: 'V-1', received: 8 }),
    purchaseLine('PO-4', 'P-LAMP', 20, '2027-03-02', { vendorAccount: 'V-2', lineId: '2' }),
    purchaseLine('PO-5', 'P-TENT', 3, '2027-03-01', { vendorAccount: 'V-3', warehouseId: 'WH-EAST' }),
  ];
  const onHand: OnHand[] = [{ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 2 }, { productId: 'P-LAMP', warehouseId: 'WH-MAIN', quantity: 30 }];

  it('SM-10 by item: orders and quantity open, on-hand, expected and missing receipts, shortage = demand - on-hand - expected', () => {
    expect(backordersByItem(orders, purchases, onHand, AS_OF)).toEqual([
      // 5 + 2 (SO-1) + 6 (SO-2); SO-2's L2 is not due. PO-1 (4, late) and PO-2's 3 still owed; PO-3 is received.
      { productId: 'P-TENT', warehouseId: 'WH-MAIN', orders: 2, openQuantity: 13, onHand: 2, expectedReceipts: 7, missingReceipts: 4, shortage: 4 },
      // A surplus is no shortage.
      { productId: 'P-LAMP', warehouseId: 'WH-MAIN', orders: 1, openQuantity: 4, onHand: 30, expectedReceipts: 20, missingReceipts: 20, shortage: 0 },
      // Another warehouse is another item's stock.
      { productId: 'P-TENT', warehouseId: 'WH-EAST', orders: 1, openQuantity: 1, onHand: 0, expectedReceipts: 3, missingReceipts: 3, shortage: 0 },
    ]);
  });

  it('SM-10 by item: nothing late, no view', () => {
    expect(backordersByItem(orders, purchases, onHand, '2027-03-01')).toEqual([]);
  });

  it('SM-10 by customer: the remaining lines, oldest due first, with their status', () => {
    const byCustomer = backordersByCustomer([...orders, salesOrder('SO-4', { customerAccount: 'C-2' }, [partlyDelivered(orderLine('L1', 'P-LAMP', 3, '2027-03-04'), 2)])], AS_OF);
    expect(byCustomer.map((c) => [c.customerAccount, c.lines.map((l) => `${l.salesOrderId}/${l.lineId} ${l.remaining} ${l.status}`)])).toEqual([
      ['C-1', ['SO-1/L1 5 notDelivered', 'SO-3/L1 1 notDelivered', 'SO-1/L2 2 notDelivered', 'SO-1/L3 4 notDelivered']],
      ['C-2', ['SO-4/L1 1 partlyDelivered', 'SO-2/L1 6 notDelivered']],
    ]);
  });

  it('SM-10 by vendor: open purchase lines, earliest expected first, late ones marked', () => {
    expect(backordersByVendor(purchases, AS_OF)).toEqual([
      { vendorAccount: 'V-1', lines: [{ purchaseOrderId: 'PO-1', lineId: '1', productId: 'P-TENT', warehouseId: 'WH-MAIN', openQuantity: 4, expectedDate: '2027-03-05', late: true }] },
      { vendorAccount: 'V-2', lines: [
        { purchaseOrderId: 'PO-4', lineId: '2', productId: 'P-LAMP', warehouseId: 'WH-MAIN', openQuantity: 20, expectedDate: '2027-03-02', late: true },
        { purchaseOrderId: 'PO-2', lineId: '1', productId: 'P-TENT', warehouseId: 'WH-MAIN', openQuantity: 3, expectedDate: '2027-03-15', late: false },
      ] },
      { vendorAccount: 'V-3', lines: [{ purchaseOrderId: 'PO-5', lineId: '1', productId: 'P-TENT', warehouseId: 'WH-EAST', openQuantity: 3, expectedDate: '2027-03-01', late: true }] },
    ]);
  });
});

describe('SM-11 splitting on-hand among backorders', () => {
  it('SM-11 priority first, then the oldest order date, then the lower order number; partial allowed, the rest stays backordered', () => {
    const orders = [
      salesOrder('SO-4', { priority: 5, orderDate: '2027-02-01' }, [orderLine('L1', 'P-TENT', 3, '2027-03-01')]),
      salesOrder('SO-3', { priority: 5, orderDate: '2027-02-10' }, [orderLine('L1', 'P-TENT', 2, '2027-03-01')]),
      salesOrder('SO-2', { priority: 5, orderDate: '2027-02-10' }, [orderLine('L1', 'P-TENT', 2, '2027-03-01')]),
      salesOrder('SO-9', { priority: 1, orderDate: '2027-02-28' }, [orderLine('L1', 'P-TENT', 4, '2027-03-05'), orderLine('L2', 'P-LAMP', 1, '2027-03-05')]),
      // Not due yet: it gets nothing and is not listed.
      salesOrder('SO-1', { priority: 1, orderDate: '2027-01-01' }, [orderLine('L1', 'P-TENT', 4, '2027-03-30')]),
    ];
    const onHand = Object.freeze([{ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 9 }, { productId: 'P-STOVE', warehouseId: 'WH-MAIN', quantity: 1 }]);
    const { allocations, onHandLeft } = splitOnHand(orders, onHand, AS_OF);
    expect(allocations.map((a) => `${a.salesOrderId}/${a.lineId} ${a.productId} +${a.allocated} still ${a.stillBackordered}`)).toEqual([
      'SO-9/L1 P-TENT +4 still 0',
      'SO-9/L2 P-LAMP +0 still 1',
      'SO-4/L1 P-TENT +3 still 0',
      'SO-2/L1 P-TENT +2 still 0',
      'SO-3/L1 P-TENT +0 still 2',
    ]);
    expect(onHandLeft).toEqual([{ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 0 }, { productId: 'P-STOVE', warehouseId: 'WH-MAIN', quantity: 1 }]);
    expect(onHand[0]!.quantity).toBe(9);
  });

  it('SM-11 a line takes part of what is left when that is less than its remainder', () => {
    const orders = [salesOrder('SO-1', {}, [orderLine('L1', 'P-TENT', 5, '2027-03-01')]), salesOrder('SO-2', {}, [orderLine('L1', 'P-TENT', 5, '2027-03-01')])];
    const { allocations } = splitOnHand(orders, [{ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 7 }], AS_OF);
    expect(allocations.map((a) => [a.allocated, a.stillBackordered])).toEqual([[5, 0], [2, 3]]);
  });

  it('SM-11 stock at one warehouse does not serve another warehouse\'s lines', () => {
    const orders = [salesOrder('SO-1', {}, [orderLine('L1', 'P-TENT', 2, '2027-03-01', { warehouseId: 'WH-EAST' })])];
    expect(splitOnHand(orders, [{ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 5 }], AS_OF).allocations[0]).toMatchObject({ allocated: 0, stillBackordered: 2 });
  });

  // --- Properties ------------------------------------------------------------------------------------------------

  const PRODUCTS = ['P-A', 'P-B'] as const;
  const WAREHOUSES = ['WH-1', 'WH-2'] as const;
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2027-02-${String(d).padStart(2, '0')}`);
  const lineArb = fc.record({
    productId: fc.constantFrom(...PRODUCTS), warehouseId: fc.constantFrom(...WAREHOUSES), quantity: fc.integer({ min: 1, max: 9 }),
    delivered: fc.integer({ min: 0, max: 9 }), requestedShipDate: day, confirmedShipDate: fc.option(day.map((d) => d.replace('2027-02', '2027-03')), { nil: null }),
  });
  const orderArb = fc.record({ priority: fc.integer({ min: 1, max: 3 }), orderDate: day, lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }) });
  const ordersArb = fc.array(orderArb, { minLength: 0, maxLength: 8 }).map((drafts) => drafts.map((d, i) => salesOrder(`SO-${String(20 - i).padStart(3, '0')}`, { priority: d.priority, orderDate: d.orderDate },
    d.lines.map((l, j) => {
      const line = orderLine(`L${j + 1}`, l.productId, l.quantity, l.requestedShipDate, { warehouseId: l.warehouseId, confirmedShipDate: l.confirmedShipDate });
      return partlyDelivered(line, Math.min(l.delivered, l.quantity));
    }))));
  const onHandArb = fc.tuple(...PRODUCTS.flatMap((productId) => WAREHOUSES.map((warehouseId) => fc.integer({ min: 0, max: 25 }).map((quantity) => ({ productId, warehouseId, quantity })))));
  const asOfArb = fc.integer({ min: 1, max: 31 }).map((d) => `2027-03-${String(d).padStart(2, '0')}`);

  const keyOf = (x: { productId: string; warehouseId: string }) => `${x.productId}@${x.warehouseId}`;

  it('SM-11 property: allocations never exceed on-hand nor a line\'s remainder, and what is taken leaves on-hand', () => {
    fc.assert(fc.property(ordersArb, onHandArb, asOfArb, (orders, onHand, asOf) => {
      const { allocations, onHandLeft } = splitOnHand(orders, onHand, asOf);
      const lines = new Map(backorderLines(orders, asOf).map((l) => [`${l.salesOrderId}/${l.lineId}`, l]));
      expect(allocations).toHaveLength(lines.size);
      for (const a of allocations) {
        const line = lines.get(`${a.salesOrderId}/${a.lineId}`)!;
        expect(a.allocated).toBeGreaterThanOrEqual(0);
        expect(a.allocated).toBeLessThanOrEqual(line.remaining);
        expect(a.allocated + a.stillBackordered).toBe(line.remaining);
      }
      for (const stock of onHand) {
        const taken = allocations.filter((a) => keyOf(a) === keyOf(stock)).reduce((n, a) => n + a.allocated, 0);
        const demand = [...lines.values()].filter((l) => keyOf(l) === keyOf(stock)).reduce((n, l) => n + l.remaining, 0);
        expect(taken).toBeLessThanOrEqual(stock.quantity);
        // Nothing is held back while a line still waits.
        expect(taken).toBe(Math.min(stock.quantity, demand));
        expect(onHandLeft.find((h) => keyOf(h) === keyOf(stock))!.quantity).toBe(stock.quantity - taken);
      }
    }), { numRuns: 300 });
  });

  /** The decision's order, written out apart from the code: a line served before `b`. */
  const servedBefore = (a: BackorderLine, b: BackorderLine) => a.priority < b.priority
    || (a.priority === b.priority && (a.orderDate < b.orderDate || (a.orderDate === b.orderDate && a.salesOrderId < b.salesOrderId)));

  it('SM-11 property: the order is respected: no line gets anything while a line served before it still waits', () => {
    fc.assert(fc.property(ordersArb, onHandArb, asOfArb, (orders, onHand, asOf) => {
      const { allocations } = splitOnHand(orders, onHand, asOf);
      const byId = new Map(backorderLines(orders, asOf).map((l) => [`${l.salesOrderId}/${l.lineId}`, l]));
      const lineOf = (a: { salesOrderId: string; lineId: string }) => byId.get(`${a.salesOrderId}/${a.lineId}`)!;
      for (const first of allocations) {
        if (first.stillBackordered === 0) continue;
        for (const other of allocations.filter((b) => keyOf(b) === keyOf(first) && servedBefore(lineOf(first), lineOf(b)))) expect(other.allocated).toBe(0);
      }
    }), { numRuns: 300 });
  });
});

describe('SM-11 a moved confirmed date', () => {
  const order = Object.freeze(salesOrder('SO-1', {}, [Object.freeze(orderLine('L1', 'P-TENT', 3, '2027-03-01')), Object.freeze(orderLine('L2', 'P-LAMP', 1, '2027-03-01'))]));

  function moved(record: SalesOrderRecord, lineId: string, date: string): SalesOrderRecord {
    const found = changeConfirmedShipDate(record, lineId, date);
    if (isViolation(found)) throw new Error(`refused: ${found.message}`);
    return found;
  }

  it('SM-11 a first confirmation sets the date: nothing was promised before, nobody to notify', () => {
    const confirmed = moved(order, 'L1', '2027-03-12');
    expect(confirmed.lines[0]).toMatchObject({ confirmedShipDate: '2027-03-12', previousConfirmedShipDate: null, notifyCustomer: false });
    expect(confirmed.lines[1]).toBe(order.lines[1]);
  });

  it('SM-11 a changed confirmed date keeps the old and the new date and flags notify customer', () => {
    const twice = moved(moved(order, 'L1', '2027-03-12'), 'L1', '2027-03-20');
    expect(twice.lines[0]).toMatchObject({ confirmedShipDate: '2027-03-20', previousConfirmedShipDate: '2027-03-12', notifyCustomer: true });
    // SM-10: the backorder is measured from the new date.
    expect(isBackordered(twice, twice.lines[0]!, '2027-03-15')).toBe(false);
    const thrice = moved(twice, 'L1', '2027-03-25');
    expect(thrice.lines[0]).toMatchObject({ confirmedShipDate: '2027-03-25', previousConfirmedShipDate: '2027-03-20' });
  });

  it('SM-11 the same date again changes nothing', () => {
    const confirmed = moved(order, 'L1', '2027-03-12');
    expect(changeConfirmedShipDate(confirmed, 'L1', '2027-03-12')).toBe(confirmed);
  });

  it('SM-11 staff told the customer: the flag clears, the dates stay; with nothing to tell, refused', () => {
    const twice = moved(moved(order, 'L1', '2027-03-12'), 'L1', '2027-03-20');
    const told = markCustomerNotified(twice, 'L1');
    expect(isViolation(told) ? told : told.lines[0]).toMatchObject({ confirmedShipDate: '2027-03-20', previousConfirmedShipDate: '2027-03-12', notifyCustomer: false });
    expect(markCustomerNotified(order, 'L1')).toMatchObject({ rule: 'SM-11', field: 'lineId' });
  });

  it('SM-11 refusals name the field and change nothing', () => {
    expect(changeConfirmedShipDate(order, 'L9', '2027-03-12')).toEqual({ rule: 'NOT_FOUND', field: 'lineId', message: 'order SO-1 has no line L9' });
    expect(changeConfirmedShipDate(order, 'L1', '2027-04-31')).toMatchObject({ rule: 'VALIDATION', field: 'confirmedShipDate' });
    const delivered = salesOrder('SO-2', {}, [partlyDelivered(orderLine('L1', 'P-TENT', 3, '2027-03-01'), 3)]);
    expect(changeConfirmedShipDate(delivered, 'L1', '2027-03-12')).toEqual({ rule: 'SM-11', field: 'confirmedShipDate', message: 'line L1 of order SO-2 has nothing left to deliver' });
    expect(markCustomerNotified(order, 'L9')).toMatchObject({ rule: 'NOT_FOUND', field: 'lineId' });
    expect(order.lines[0]!.confirmedShipDate).toBeNull();
  });
});
