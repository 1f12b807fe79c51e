/**
 * SM-10 purchase order lines: the open quantity a vendor still owes, its expected date (late the day after), and
 * receiving in part or whole into the warehouse's on-hand; an over-receipt is refused and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  addOnHand, checkPurchaseOrderLine, isLateReceipt, isOpenPurchaseLine, onHandOf, openQuantity, receivePurchaseLine, type OnHand, type Receipt,
} from '../../../engine/domain/sales/purchase-orders.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { purchaseLine } from './backorder-fixture.ts';

const STOCK: readonly OnHand[] = Object.freeze([Object.freeze({ productId: 'P-TENT', warehouseId: 'WH-MAIN', quantity: 3 })]);

function received(found: Receipt | ReturnType<typeof receivePurchaseLine>): Receipt {
  if (isViolation(found)) throw new Error(`refused: ${found.message}`);
  return found;
}

describe('SM-10 purchase order lines', () => {
  it('SM-10 the open quantity is what the vendor still owes', () => {
    const line = purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10', { received: 4 });
    expect(openQuantity(line)).toBe(6);
    expect(isOpenPurchaseLine(line)).toBe(true);
    expect(isOpenPurchaseLine({ ...line, received: 10 })).toBe(false);
  });

  it('SM-10 a receipt is missing the day after its expected date, not on it, and never once received whole', () => {
    const line = purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10');
    expect(isLateReceipt(line, '2027-03-10')).toBe(false);
    expect(isLateReceipt(line, '2027-03-11')).toBe(true);
    expect(isLateReceipt({ ...line, received: 10 }, '2027-03-11')).toBe(false);
  });

  it('SM-10 receiving part of a line adds it to on-hand; the rest stays open', () => {
    const line = Object.freeze(purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10'));
    const first = received(receivePurchaseLine(line, 4, STOCK));
    expect(first.line).toMatchObject({ received: 4 });
    expect(openQuantity(first.line)).toBe(6);
    expect(onHandOf(first.onHand, 'P-TENT', 'WH-MAIN')).toBe(7);
    const rest = received(receivePurchaseLine(first.line, 6, first.onHand));
    expect(openQuantity(rest.line)).toBe(0);
    expect(onHandOf(rest.onHand, 'P-TENT', 'WH-MAIN')).toBe(13);
    expect(STOCK[0]!.quantity).toBe(3);
  });

  it('SM-10 receiving an item the warehouse had none of starts its on-hand', () => {
    const found = received(receivePurchaseLine(purchaseLine('PO-2', 'P-LAMP', 5, '2027-03-10', { warehouseId: 'WH-EAST' }), 5, STOCK));
    expect(found.onHand).toEqual([...STOCK, { productId: 'P-LAMP', warehouseId: 'WH-EAST', quantity: 5 }]);
  });

  it('SM-10 an over-receipt is refused, naming the quantity, and changes nothing', () => {
    const line = Object.freeze(purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10', { received: 7 }));
    expect(receivePurchaseLine(line, 4, STOCK)).toEqual({ rule: 'SM-10', field: 'quantity', message: 'purchase order PO-1 line 1 has only 3 left to receive, not 4' });
    expect(receivePurchaseLine({ ...line, received: 10 }, 1, STOCK)).toMatchObject({ rule: 'SM-10', field: 'quantity', message: 'purchase order PO-1 line 1 is fully received: nothing is left to receive' });
    expect(line.received).toBe(7);
  });

  it.each([0, -2, 1.5, Number.NaN])('SM-10 a receipt of %s is refused', (quantity) => {
    expect(receivePurchaseLine(purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10'), quantity, STOCK)).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
  });

  it.each([
    ['no vendor', { vendorAccount: '' }, 'vendorAccount'],
    ['no warehouse', { warehouseId: ' ' }, 'warehouseId'],
    ['a quantity of zero', { quantity: 0 }, 'quantity'],
    ['more received than ordered', { received: 11 }, 'received'],
    ['an expected date that is no day', { expectedDate: '2027-02-29' }, 'expectedDate'],
  ])('SM-10 a purchase line with %s is refused', (_what, changes, field) => {
    expect(checkPurchaseOrderLine(purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10', changes))).toMatchObject({ rule: 'VALIDATION', field });
  });

  it('SM-10 a purchase line\'s refusal speaks plain words', () => {
    expect(checkPurchaseOrderLine(purchaseLine('PO-1', 'P-TENT', 10, '2027-03-10', { vendorAccount: '' }))).toEqual({ rule: 'VALIDATION', field: 'vendorAccount', message: 'the purchase line needs a vendor' });
  });

  it('SM-10 a well-formed purchase line passes', () => {
    expect(checkPurchaseOrderLine(purchaseLine('PO-1', 'P-TENT', 10, '2028-02-29', { received: 10 }))).toBeNull();
  });

  it('SM-10 on-hand is kept per item and warehouse', () => {
    const stock = addOnHand(addOnHand(STOCK, 'P-TENT', 'WH-EAST', 2), 'P-TENT', 'WH-MAIN', 1);
    expect(onHandOf(stock, 'P-TENT', 'WH-MAIN')).toBe(4);
    expect(onHandOf(stock, 'P-TENT', 'WH-EAST')).toBe(2);
    expect(onHandOf(stock, 'P-LAMP', 'WH-MAIN')).toBe(0);
  });
});
