/**
 * SM-10: the open purchase order lines a backorder waits on. A line is open while the vendor still owes part of it;
 * it is late (a missing vendor receipt) once its expected date has passed; receiving it, in part or whole, adds the
 * received quantity to the warehouse's on-hand. Pure: records in, new records (or a refusal) out.
 */
import { violation, type RuleViolation } from '../violation.ts';
import { isCalendarDay } from './days.ts';
import type { PurchaseOrderLine } from './types.ts';

/** What a warehouse physically holds of an item (one entry per item and warehouse). */
export interface OnHand { productId: string; warehouseId: string; quantity: number }

/** What the vendor still owes on the line. */
export function openQuantity(line: PurchaseOrderLine): number {
  return line.quantity - line.received;
}

export function isOpenPurchaseLine(line: PurchaseOrderLine): boolean {
  return openQuantity(line) > 0;
}

/** SM-10: a missing vendor receipt: the line is still open the day after it was expected. */
export function isLateReceipt(line: PurchaseOrderLine, asOf: string): boolean {
  return isOpenPurchaseLine(line) && line.expectedDate < asOf;
}

/** The on-hand quantity of an item at a warehouse (0 when the list has none). */
export function onHandOf(onHand: readonly OnHand[], productId: string, warehouseId: string): number {
  return onHand.find((h) => h.productId === productId && h.warehouseId === warehouseId)?.quantity ?? 0;
}

/** The list with `quantity` more of the item at the warehouse (a new entry when it had none). */
export function addOnHand(onHand: readonly OnHand[], productId: string, warehouseId: string, quantity: number): OnHand[] {
  const found = onHand.some((h) => h.productId === productId && h.warehouseId === warehouseId);
  if (!found) return [...onHand, { productId, warehouseId, quantity }];
  return onHand.map((h) => (h.productId === productId && h.warehouseId === warehouseId ? { ...h, quantity: h.quantity + quantity } : h));
}

/** A purchase line as the host records it: whole quantities, received within ordered, an expected day. */
export function checkPurchaseOrderLine(line: PurchaseOrderLine): RuleViolation | null {
  const required = { purchaseOrderId: 'purchase order number', lineId: 'line number', vendorAccount: 'vendor', productId: 'item', warehouseId: 'warehouse' } as const;
  for (const [field, words] of Object.entries(required) as [keyof typeof required, string][]) {
    if (typeof line[field] !== 'string' || line[field].trim() === '') return violation('VALIDATION', `the purchase line needs a ${words}`, field);
  }
  if (!Number.isInteger(line.quantity) || line.quantity <= 0) return violation('VALIDATION', 'the ordered quantity must be a positive whole number', 'quantity');
  if (!Number.isInteger(line.received) || line.received < 0 || line.received > line.quantity) {
    return violation('VALIDATION', `the received quantity must be a whole number from 0 to the ${line.quantity} ordered`, 'received');
  }
  return isCalendarDay(line.expectedDate) ? null : violation('VALIDATION', `the expected date "${line.expectedDate}" is not a day as YYYY-MM-DD`, 'expectedDate');
}

export interface Receipt { line: PurchaseOrderLine; onHand: OnHand[] }

/**
 * SM-10: receives `quantity` of the line into its warehouse, in part or whole. More than the vendor still owes is
 * refused (an over-receipt is a new purchase, not this line), and so is a line with nothing left to receive.
 */
export function receivePurchaseLine(line: PurchaseOrderLine, quantity: number, onHand: readonly OnHand[]): Receipt | RuleViolation {
  if (!Number.isInteger(quantity) || quantity <= 0) return violation('VALIDATION', 'the quantity received must be a positive whole number', 'quantity');
  const open = openQuantity(line);
  const where = `purchase order ${line.purchaseOrderId} line ${line.lineId}`;
  if (open === 0) return violation('SM-10', `${where} is fully received: nothing is left to receive`, 'quantity');
  if (quantity > open) return violation('SM-10', `${where} has only ${open} left to receive, not ${quantity}`, 'quantity');
  return {
    line: { ...line, received: line.received + quantity },
    onHand: addOnHand(onHand, line.productId, line.warehouseId, quantity),
  };
}
