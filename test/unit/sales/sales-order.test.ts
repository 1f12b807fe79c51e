import { describe, expect, it } from 'vitest';
import { lineStatus, newSalesLine, newSalesOrder, salesOrderStatus, type NewSalesLine, type NewSalesOrder } from '../../../engine/domain/sales/sales-order.ts';
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
