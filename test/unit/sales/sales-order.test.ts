import { describe, expect, it } from 'vitest';
import {
  cancelRemainders, changeOrderType, confirmSalesOrder, deliverLine, deliverOrder, invoiceLine, invoiceOrder, lineStatus, newReturnedOrder, newSalesLine, newSalesOrder, reserveLines,
  reservedStock, salesOrderStatus, type NewSalesLine, type NewSalesOrder, type TypeChange,
} from '../../../engine/domain/sales/sales-order.ts';
import { drawNumber } from '../../../engine/domain/sales/number-sequence.ts';
import type { SalesLine, SalesOrderRecord } from '../../../engine/domain/sales/types.ts';
import { isViolation, type RuleViolation } from '../../../engine/domain/violation.ts';

const tent: NewSalesLine = { lineId: 'L1', productId: 'tent', quantity: 4, unitPrice: 12_500, requestedShipDate: '2026-03-02', warehouseId: 'WH1' };
const lamp: NewSalesLine = { lineId: 'L2', productId: 'lamp', quantity: 2, unitPrice: 2_999, requestedShipDate: '2026-03-02', warehouseId: 'WH1' };
const orderInput: NewSalesOrder = { salesOrderId: 'SO-000001', type: 'salesOrder', customerAccount: 'C-100', currency: 'USD', orderDate: '2026-03-01', lines: [tent, lamp] };

function made<T>(result: T | RuleViolation): T {
  if (isViolation(result)) throw new Error(`refused: ${result.message}`);
  return result;
}

const line = (overrides: Partial<SalesLine>): SalesLine => ({ ...made(newSalesLine('salesOrder', tent)), ...overrides });
const order = (...lines: SalesLine[]): SalesOrderRecord => ({ header: made(newSalesOrder(orderInput)).header, lines });

describe('derived status (SM-2, SM-13)', () => {
  it('SM-2 a new order and its lines are Open order', () => {
    const record = made(newSalesOrder(orderInput));
    expect(salesOrderStatus(record)).toBe('openOrder');
    expect(record.lines.map(lineStatus)).toEqual(['openOrder', 'openOrder']);
  });

  it('SM-2 a line with nothing left to deliver but some to invoice is Delivered', () => {
    expect(lineStatus(line({ deliverRemainder: 0, delivered: 4, invoiceRemainder: 4 }))).toBe('delivered');
    expect(lineStatus(line({ deliverRemainder: 1, delivered: 3, invoiceRemainder: 3 }))).toBe('openOrder');
  });

  it('SM-13 a line is Invoiced when both remainders are 0 and something was invoiced', () => {
    expect(lineStatus(line({ deliverRemainder: 0, delivered: 4, invoiceRemainder: 0, invoiced: 4 }))).toBe('invoiced');
    // Part cancelled, the rest invoiced: still Invoiced.
    expect(lineStatus(line({ deliverRemainder: 0, delivered: 3, cancelled: 1, invoiceRemainder: 0, invoiced: 3 }))).toBe('invoiced');
  });

  it('SM-2 a line whose whole remainder was cancelled is Cancelled', () => {
    expect(lineStatus(line({ deliverRemainder: 0, cancelled: 4 }))).toBe('cancelled');
  });

  it('SM-13 the order is Invoiced only when every line is delivered and invoiced, else unchanged', () => {
    const invoiced = line({ deliverRemainder: 0, delivered: 4, invoiceRemainder: 0, invoiced: 4 });
    const delivered = line({ lineId: 'L2', deliverRemainder: 0, delivered: 4, invoiceRemainder: 4 });
    const open = line({ lineId: 'L3' });
    expect(salesOrderStatus(order(invoiced, invoiced))).toBe('invoiced');
    expect(salesOrderStatus(order(invoiced, delivered))).toBe('delivered');
    expect(salesOrderStatus(order(invoiced, open))).toBe('openOrder');
    expect(salesOrderStatus(order(delivered, open))).toBe('openOrder');
  });

  it('SM-2 the order is Cancelled only when all its remainders were cancelled', () => {
    const cancelled = line({ deliverRemainder: 0, cancelled: 4 });
    const invoiced = line({ lineId: 'L2', deliverRemainder: 0, delivered: 4, invoiceRemainder: 0, invoiced: 4 });
    expect(salesOrderStatus(order(cancelled, { ...cancelled, lineId: 'L2' }))).toBe('cancelled');
    // A cancelled line beside an invoiced one: the order is Invoiced.
    expect(salesOrderStatus(order(cancelled, invoiced))).toBe('invoiced');
    expect(salesOrderStatus(order(cancelled, line({ lineId: 'L3' })))).toBe('openOrder');
  });

  it('SM-2 an order without lines is Open order', () => {
    expect(salesOrderStatus(order())).toBe('openOrder');
  });

  it('SM-4 a returned order status reads the negative remainders the same way', () => {
    const back = made(newSalesLine('returnedOrder', { ...tent, quantity: -2 }));
    expect(salesOrderStatus(order(back))).toBe('openOrder');
    expect(salesOrderStatus(order({ ...back, deliverRemainder: 0, delivered: -2, invoiceRemainder: -2 }))).toBe('delivered');
    expect(salesOrderStatus(order({ ...back, deliverRemainder: 0, delivered: -2, invoiceRemainder: 0, invoiced: -2 }))).toBe('invoiced');
  });
});

describe('new lines and orders (SM-1, SM-2, SM-4)', () => {
  it('SM-2 a new line has all of its quantity to deliver, nothing to invoice, and is On order', () => {
    const made1 = made(newSalesLine('salesOrder', tent));
    expect(made1).toMatchObject({ quantity: 4, deliverRemainder: 4, invoiceRemainder: 0, delivered: 0, invoiced: 0, cancelled: 0, inventory: 'onOrder', discount: 0, priceSource: 'manual', agreement: null, confirmedShipDate: null });
  });

  it('SM-1 a journal line has no inventory transactions', () => {
    expect(made(newSalesLine('journal', tent)).inventory).toBe('none');
    expect(made(newSalesOrder({ ...orderInput, type: 'journal' })).lines.every((l) => l.inventory === 'none')).toBe(true);
  });

  it('SM-4 a returned order line is negative; other types refuse negative quantities', () => {
    expect(made(newSalesLine('returnedOrder', { ...tent, quantity: -2 }))).toMatchObject({ quantity: -2, deliverRemainder: -2, inventory: 'onOrder' });
    expect(newSalesLine('returnedOrder', tent)).toMatchObject({ rule: 'SM-4', field: 'quantity' });
    expect(newSalesLine('salesOrder', { ...tent, quantity: -1 })).toMatchObject({ rule: 'SM-4', field: 'quantity' });
    expect(made(newSalesLine('journal', { ...tent, quantity: -1 })).quantity).toBe(-1);
  });

  it('SM-2 bad line input is refused naming the field', () => {
    expect(newSalesLine('salesOrder', { ...tent, quantity: 0 })).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    expect(newSalesLine('salesOrder', { ...tent, quantity: 1.5 })).toMatchObject({ field: 'quantity' });
    expect(newSalesLine('salesOrder', { ...tent, unitPrice: -1 })).toMatchObject({ field: 'unitPrice' });
    expect(newSalesLine('salesOrder', { ...tent, unitPrice: 1.5 })).toMatchObject({ field: 'unitPrice' });
    expect(newSalesLine('salesOrder', { ...tent, discount: -5 })).toMatchObject({ field: 'discount' });
    expect(newSalesLine('salesOrder', { ...tent, requestedShipDate: '2/3/2026' })).toMatchObject({ field: 'requestedShipDate' });
    expect(newSalesLine('salesOrder', { ...tent, confirmedShipDate: 'soon' })).toMatchObject({ field: 'confirmedShipDate' });
    expect(newSalesLine('salesOrder', { ...tent, productId: '' })).toMatchObject({ field: 'productId' });
    expect(newSalesLine('salesOrder', { ...tent, warehouseId: '' })).toMatchObject({ field: 'warehouseId' });
    expect(newSalesLine('salesOrder', { ...tent, lineId: '' })).toMatchObject({ field: 'lineId' });
  });

  it('SM-2 a new order keeps its header and refuses bad header input naming the field', () => {
    const record = made(newSalesOrder(orderInput));
    expect(record.header).toMatchObject({ salesOrderId: 'SO-000001', type: 'salesOrder', priority: 1, rmaNumber: null, origin: 'backOffice', campaignId: null, quotationId: null, projectId: null });
    expect(newSalesOrder({ ...orderInput, customerAccount: '' })).toMatchObject({ field: 'customerAccount' });
    expect(newSalesOrder({ ...orderInput, currency: 'dollars' })).toMatchObject({ field: 'currency' });
    expect(newSalesOrder({ ...orderInput, orderDate: 'today' })).toMatchObject({ field: 'orderDate' });
    expect(newSalesOrder({ ...orderInput, priority: 0 })).toMatchObject({ field: 'priority' });
    expect(newSalesOrder({ ...orderInput, salesOrderId: '' })).toMatchObject({ field: 'salesOrderId' });
    expect(newSalesOrder({ ...orderInput, type: 'quotation' as never })).toMatchObject({ rule: 'VALIDATION', field: 'type' });
    expect(newSalesOrder({ ...orderInput, lines: [tent, tent] })).toMatchObject({ field: 'lineId' });
    expect(newSalesOrder({ ...orderInput, lines: [tent, { ...lamp, quantity: -1 }] })).toMatchObject({ rule: 'SM-4', field: 'quantity' });
  });

  it('SM-4 a returned order needs its RMA number; no other type has one', () => {
    expect(newSalesOrder({ ...orderInput, type: 'returnedOrder', lines: [{ ...tent, quantity: -1 }] })).toMatchObject({ rule: 'SM-4', field: 'rmaNumber' });
    expect(newSalesOrder({ ...orderInput, rmaNumber: 'RMA-000001' })).toMatchObject({ rule: 'SM-4', field: 'rmaNumber' });
    const back = made(newSalesOrder({ ...orderInput, type: 'returnedOrder', rmaNumber: 'RMA-000001', lines: [{ ...tent, quantity: -1 }] }));
    expect(back.header.rmaNumber).toBe('RMA-000001');
  });

  it('SM-4 item requirements are created only by a project item sale', () => {
    expect(newSalesOrder({ ...orderInput, type: 'itemRequirements' })).toMatchObject({ rule: 'SM-4', field: 'projectId' });
    expect(made(newSalesOrder({ ...orderInput, type: 'itemRequirements', projectId: 'PRJ-7' })).header.projectId).toBe('PRJ-7');
  });
});

const noChange: TypeChange = { available: [], warehouseManaged: [], rmaNumber: null };
const stock = (productId: string, quantity: number) => ({ productId, warehouseId: 'WH1', quantity });
const salesOrder = () => made(newSalesOrder(orderInput));
const journal = () => made(newSalesOrder({ ...orderInput, type: 'journal' }));

describe('SM-1 journal', () => {
  it('SM-1 a journal cannot be confirmed, delivered, invoiced or reserved', () => {
    const draft = journal();
    const before = structuredClone(draft);
    expect(confirmSalesOrder(draft, '2026-03-01')).toMatchObject({ rule: 'SM-1', field: 'type' });
    expect(deliverOrder(draft, [{ lineId: 'L1', quantity: 1 }])).toMatchObject({ rule: 'SM-1', field: 'type' });
    expect(invoiceOrder(draft, [{ lineId: 'L1', quantity: 1 }])).toMatchObject({ rule: 'SM-1', field: 'type' });
    expect(reserveLines(draft, [stock('tent', 10)])).toMatchObject({ rule: 'SM-1', field: 'type' });
    expect(draft).toEqual(before);
  });

  it('SM-1 a journal made a sales order gets its inventory transactions: reserved where stock is available, else On order', () => {
    const made1 = made(changeOrderType(journal(), 'salesOrder', { ...noChange, available: [stock('tent', 4), stock('lamp', 1)] }));
    expect(made1.header.type).toBe('salesOrder');
    expect(made1.lines.map((l) => l.inventory)).toEqual(['reserved', 'onOrder']);
    expect(made(confirmSalesOrder(made1, '2026-03-01')).header.confirmedOn).toBe('2026-03-01');
  });

  it('SM-1 a sales order made a journal again drops its reservations', () => {
    const reserved = made(reserveLines(salesOrder(), [stock('tent', 4)]));
    expect(made(changeOrderType(reserved, 'journal', noChange)).lines.map((l) => l.inventory)).toEqual(['none', 'none']);
  });

  it('SM-1 a confirmation needs a day', () => {
    expect(confirmSalesOrder(salesOrder(), 'Monday')).toMatchObject({ rule: 'VALIDATION', field: 'on' });
  });
});

describe('SM-2 line inventory On order -> Reserved -> Deducted -> Sold', () => {
  it('SM-2 reserves whole lines in line order from what is available, each item and warehouse on its own', () => {
    const twoTents = made(newSalesOrder({ ...orderInput, lines: [tent, { ...tent, lineId: 'L2' }, { ...tent, lineId: 'L3', warehouseId: 'WH2', quantity: 1 }] }));
    const reserved = made(reserveLines(twoTents, [stock('tent', 7), { productId: 'tent', warehouseId: 'WH2', quantity: 1 }]));
    expect(reserved.lines.map((l) => l.inventory)).toEqual(['reserved', 'onOrder', 'reserved']);
    expect(reservedStock(reserved)).toEqual([stock('tent', 4), { productId: 'tent', warehouseId: 'WH2', quantity: 1 }]);
    expect(reserveLines(twoTents, [stock('tent', -1)])).toMatchObject({ rule: 'VALIDATION', field: 'available' });
    expect(reserveLines(twoTents, [stock('tent', 0.5)])).toMatchObject({ rule: 'VALIDATION', field: 'available' });
    // Nothing available: the same record back.
    const record = salesOrder();
    expect(reserveLines(record, [])).toBe(record);
  });

  it('SM-2 a packing slip for all of a line deducts it; part of it keeps the reservation', () => {
    const reserved = made(reserveLines(salesOrder(), [stock('tent', 4)])).lines[0]!;
    const part = made(deliverLine('salesOrder', reserved, 3));
    expect(part).toMatchObject({ deliverRemainder: 1, invoiceRemainder: 3, delivered: 3, inventory: 'reserved' });
    const all = made(deliverLine('salesOrder', part, 1));
    expect(all).toMatchObject({ deliverRemainder: 0, invoiceRemainder: 4, delivered: 4, inventory: 'deducted' });
    expect(lineStatus(all)).toBe('delivered');
  });

  it('SM-2 an invoice for all that was delivered sells it', () => {
    const delivered = made(deliverLine('salesOrder', made(newSalesLine('salesOrder', tent)), 4));
    const part = made(invoiceLine('salesOrder', delivered, 1));
    expect(part).toMatchObject({ invoiceRemainder: 3, invoiced: 1, inventory: 'deducted' });
    const all = made(invoiceLine('salesOrder', part, 3));
    expect(all).toMatchObject({ invoiceRemainder: 0, invoiced: 4, inventory: 'sold' });
    expect(lineStatus(all)).toBe('invoiced');
  });

  it('SM-12 SM-13 more than the remainder, a zero, a fraction or the wrong sign is refused, naming the quantity', () => {
    const line1 = made(newSalesLine('salesOrder', tent));
    expect(deliverLine('salesOrder', line1, 5)).toMatchObject({ rule: 'SM-12', field: 'quantity' });
    expect(deliverLine('salesOrder', line1, 0)).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    expect(deliverLine('salesOrder', line1, 1.5)).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    expect(deliverLine('salesOrder', line1, -1)).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    expect(invoiceLine('salesOrder', line1, 1)).toMatchObject({ rule: 'SM-13', field: 'quantity' });
    const delivered = made(deliverLine('salesOrder', line1, 2));
    expect(invoiceLine('salesOrder', delivered, 3)).toMatchObject({ rule: 'SM-13', field: 'quantity' });
    expect(invoiceLine('salesOrder', delivered, -2)).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
  });

  it('SM-2 the order goes Open order -> Delivered -> Invoiced as its lines do; a refused line changes no line', () => {
    const record = salesOrder();
    const before = structuredClone(record);
    expect(deliverOrder(record, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 3 }])).toMatchObject({ rule: 'SM-12', field: 'quantity' });
    expect(deliverOrder(record, [{ lineId: 'L9', quantity: 1 }])).toMatchObject({ rule: 'NOT_FOUND', field: 'lineId' });
    expect(deliverOrder(record, [])).toMatchObject({ rule: 'VALIDATION', field: 'lines' });
    expect(record).toEqual(before);
    const delivered = made(deliverOrder(record, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 2 }]));
    expect(salesOrderStatus(delivered)).toBe('delivered');
    const part = made(invoiceOrder(delivered, [{ lineId: 'L1', quantity: 4 }]));
    expect(salesOrderStatus(part)).toBe('delivered');
    expect(salesOrderStatus(made(invoiceOrder(part, [{ lineId: 'L2', quantity: 2 }])))).toBe('invoiced');
  });

  it('SM-2 cancelling the remainders cancels the order; cancelling after a part delivery leaves it to invoice', () => {
    const reserved = made(reserveLines(salesOrder(), [stock('tent', 4)]));
    const cancelled = made(cancelRemainders(reserved));
    expect(salesOrderStatus(cancelled)).toBe('cancelled');
    expect(cancelled.lines.map((l) => [l.cancelled, l.deliverRemainder, l.inventory])).toEqual([[4, 0, 'none'], [2, 0, 'none']]);
    expect(reservedStock(cancelled)).toEqual([]);
    const part = made(deliverOrder(salesOrder(), [{ lineId: 'L1', quantity: 1 }]));
    const rest = made(cancelRemainders(part, ['L1']));
    expect(rest.lines[0]).toMatchObject({ cancelled: 3, deliverRemainder: 0, invoiceRemainder: 1, inventory: 'deducted' });
    expect(rest.lines[1]).toEqual(part.lines[1]);
    expect(salesOrderStatus(rest)).toBe('openOrder');
    expect(salesOrderStatus(made(cancelRemainders(rest)))).toBe('delivered');
  });

  it('SM-2 cancelling nothing left, or an unknown line, is refused', () => {
    const cancelled = made(cancelRemainders(salesOrder()));
    expect(cancelRemainders(cancelled)).toMatchObject({ rule: 'SM-2', field: 'lineIds' });
    expect(cancelRemainders(salesOrder(), ['L9'])).toMatchObject({ rule: 'NOT_FOUND', field: 'lineIds' });
  });
});

describe('SM-3 subscription', () => {
  const subscriptionInput: NewSalesOrder = { ...orderInput, type: 'subscription' };

  it('SM-3 after each invoice the totals grow and the order is Open order again with its remainders restored', () => {
    let record = made(newSalesOrder(subscriptionInput));
    for (let cycle = 1; cycle <= 2; cycle++) {
      record = made(deliverOrder(record, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 2 }]));
      expect(salesOrderStatus(record)).toBe('delivered');
      record = made(invoiceOrder(record, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 2 }]));
      expect(salesOrderStatus(record)).toBe('openOrder');
      expect(record.lines[0]).toMatchObject({ delivered: 4 * cycle, invoiced: 4 * cycle, deliverRemainder: 4, invoiceRemainder: 0, inventory: 'onOrder' });
    }
  });

  it('SM-3 a cancelled part stays cancelled in the next cycles', () => {
    let record = made(newSalesOrder({ ...subscriptionInput, lines: [tent] }));
    record = made(deliverOrder(record, [{ lineId: 'L1', quantity: 3 }]));
    record = made(cancelRemainders(record));
    record = made(invoiceOrder(record, [{ lineId: 'L1', quantity: 3 }]));
    expect(record.lines[0]).toMatchObject({ deliverRemainder: 3, cancelled: 1, invoiced: 3 });
  });

  it('SM-3 SM-5 a subscription made a sales order orders what its cycles delivered plus what the current cycle has left', () => {
    let record = made(newSalesOrder({ ...subscriptionInput, lines: [tent] }));
    record = made(deliverOrder(record, [{ lineId: 'L1', quantity: 4 }]));
    record = made(invoiceOrder(record, [{ lineId: 'L1', quantity: 4 }]));
    record = made(deliverOrder(record, [{ lineId: 'L1', quantity: 1 }]));
    const sale = made(changeOrderType(record, 'salesOrder', noChange));
    expect(sale.lines[0]).toMatchObject({ quantity: 8, delivered: 5, invoiced: 4, deliverRemainder: 3, invoiceRemainder: 1 });
    expect(salesOrderStatus(sale)).toBe('openOrder');
  });

  it('SM-3 an item under warehouse management is refused on a subscription, at creation and on a change of type', () => {
    expect(newSalesOrder({ ...subscriptionInput, warehouseManaged: ['lamp'] })).toMatchObject({ rule: 'SM-3', field: 'productId' });
    expect(made(newSalesOrder({ ...orderInput, warehouseManaged: ['lamp'] })).header.type).toBe('salesOrder');
    const record = salesOrder();
    expect(changeOrderType(record, 'subscription', { ...noChange, warehouseManaged: ['lamp'] })).toMatchObject({ rule: 'SM-3', field: 'productId' });
    expect(made(changeOrderType(record, 'subscription', { ...noChange, warehouseManaged: ['stove'] })).header.type).toBe('subscription');
  });
});

describe('SM-4 returned order and item requirements', () => {
  const returnInput = { ...orderInput, lines: [{ ...tent, quantity: -2 }] };

  it('SM-4 a returned order draws its RMA number from the sequence at creation and hands the sequence back', () => {
    const first = made(newReturnedOrder(returnInput, { counters: { CO: 9 }, rng: 1 }));
    expect(first.record.header).toMatchObject({ type: 'returnedOrder', rmaNumber: 'RMA-000001' });
    expect(first.numbering).toEqual({ counters: { CO: 9, RMA: 1 }, rng: 1 });
    const second = made(newReturnedOrder({ ...returnInput, salesOrderId: 'SO-000002' }, first.numbering));
    expect(second.record.header.rmaNumber).toBe('RMA-000002');
    // A refused return draws nothing.
    expect(newReturnedOrder({ ...returnInput, lines: [tent] }, first.numbering)).toMatchObject({ rule: 'SM-4', field: 'quantity' });
  });

  it('SM-4 a returned order receives stock: its receipt makes the line Received, its credit note leaves it there', () => {
    const { record } = made(newReturnedOrder(returnInput, { counters: {}, rng: 1 }));
    expect(reserveLines(record, [stock('tent', 5)])).toMatchObject({ rule: 'SM-4', field: 'type' });
    const part = made(deliverOrder(record, [{ lineId: 'L1', quantity: -1 }]));
    expect(part.lines[0]).toMatchObject({ deliverRemainder: -1, invoiceRemainder: -1, inventory: 'onOrder' });
    expect(deliverOrder(record, [{ lineId: 'L1', quantity: -3 }])).toMatchObject({ rule: 'SM-12', field: 'quantity' });
    expect(deliverOrder(record, [{ lineId: 'L1', quantity: 1 }])).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    const received = made(deliverOrder(part, [{ lineId: 'L1', quantity: -1 }]));
    expect(received.lines[0]!.inventory).toBe('received');
    const credited = made(invoiceOrder(received, [{ lineId: 'L1', quantity: -2 }]));
    expect(credited.lines[0]).toMatchObject({ invoiceRemainder: 0, invoiced: -2, inventory: 'received' });
    expect(salesOrderStatus(credited)).toBe('invoiced');
  });

  it('SM-4 an order becomes a returned order only with negative lines and an RMA number from the sequence', () => {
    const draft = made(newSalesOrder({ ...orderInput, type: 'journal', lines: [{ ...tent, quantity: -2 }] }));
    expect(changeOrderType(draft, 'returnedOrder', noChange)).toMatchObject({ rule: 'SM-4', field: 'rmaNumber' });
    const { number } = drawNumber({ counters: {}, rng: 1 }, 'RMA');
    const back = made(changeOrderType(draft, 'returnedOrder', { ...noChange, rmaNumber: number }));
    expect(back.header.rmaNumber).toBe('RMA-000001');
    expect(back.lines[0]!.inventory).toBe('onOrder');
    expect(changeOrderType(salesOrder(), 'returnedOrder', { ...noChange, rmaNumber: number })).toMatchObject({ rule: 'SM-4', field: 'lines' });
    expect(changeOrderType(back, 'salesOrder', noChange)).toMatchObject({ rule: 'SM-4', field: 'lines' });
    expect(changeOrderType(draft, 'subscription', noChange)).toMatchObject({ rule: 'SM-4', field: 'lines' });
    // Back to a journal before anything was received: no RMA number, no transactions.
    expect(made(changeOrderType(back, 'journal', noChange))).toMatchObject({ header: { rmaNumber: null }, lines: [{ inventory: 'none' }] });
  });

  it('SM-4 only an order a project item sale created can be item requirements', () => {
    expect(changeOrderType(salesOrder(), 'itemRequirements', noChange)).toMatchObject({ rule: 'SM-4', field: 'type' });
    const fromProject = made(newSalesOrder({ ...orderInput, projectId: 'PRJ-7' }));
    expect(made(changeOrderType(fromProject, 'itemRequirements', noChange)).header.type).toBe('itemRequirements');
  });
});

describe('SM-5 change of type', () => {
  const requirements = () => made(newSalesOrder({ ...orderInput, type: 'itemRequirements', projectId: 'PRJ-7' }));

  it('SM-5 the type changes at any status: an invoiced sales order can become a subscription', () => {
    let record = made(deliverOrder(salesOrder(), [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 2 }]));
    record = made(invoiceOrder(record, [{ lineId: 'L1', quantity: 4 }, { lineId: 'L2', quantity: 2 }]));
    const changed = made(changeOrderType(record, 'subscription', noChange));
    expect(changed.header.type).toBe('subscription');
    expect(changed.lines).toEqual(record.lines);
    expect(salesOrderStatus(changed)).toBe('invoiced');
  });

  it('SM-5 item requirements keep their type once delivered', () => {
    const open = requirements();
    expect(made(changeOrderType(open, 'salesOrder', noChange)).header.type).toBe('salesOrder');
    const part = made(deliverOrder(open, [{ lineId: 'L1', quantity: 1 }]));
    const before = structuredClone(part);
    expect(changeOrderType(part, 'salesOrder', noChange)).toMatchObject({ rule: 'SM-5', field: 'type' });
    expect(part).toEqual(before);
  });

  it('SM-5 a change that would drop posted packing slips or invoices is refused', () => {
    const part = made(deliverOrder(salesOrder(), [{ lineId: 'L2', quantity: 1 }]));
    expect(changeOrderType(part, 'journal', noChange)).toMatchObject({ rule: 'SM-5', field: 'type' });
    // A type that keeps the transactions may still be chosen.
    const kept = made(changeOrderType(part, 'subscription', noChange));
    expect(kept.lines).toEqual(part.lines);
  });

  it('SM-5 the same type is no change', () => {
    expect(changeOrderType(salesOrder(), 'salesOrder', noChange)).toMatchObject({ rule: 'VALIDATION', field: 'type' });
    expect(changeOrderType(salesOrder(), 'quotation' as never, noChange)).toMatchObject({ rule: 'VALIDATION', field: 'type' });
  });
});
