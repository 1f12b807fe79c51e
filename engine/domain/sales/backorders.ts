/**
 * SM-10 / SM-11: backorders. A backorder is a sales order line with something left to deliver the day after its
 * confirmed ship date (else its requested one). The views read them by item (with on-hand and what vendors still
 * owe), by customer and by vendor; the split shares an item's on-hand among its backorder lines in a fixed order; a
 * moved confirmed date keeps the one before and asks staff to tell the customer. Pure: records in, new records (or a
 * refusal) out.
 */
import { violation, type RuleViolation } from '../violation.ts';
import { isCalendarDay } from './days.ts';
import { isLateReceipt, isOpenPurchaseLine, onHandOf, openQuantity, type OnHand } from './purchase-orders.ts';
import type { PurchaseOrderLine, SalesLine, SalesOrderRecord, SalesOrderType } from './types.ts';

/** Orders that deliver to a customer: a journal has no inventory (SM-1), a return receives (SM-4). */
const DELIVERING: readonly SalesOrderType[] = ['salesOrder', 'subscription'];

/** SM-10: the day a line is measured from: its confirmed ship date when it has one, else the requested one. */
export function backorderDate(line: SalesLine): string {
  return line.confirmedShipDate ?? line.requestedShipDate;
}

/** SM-10: the line still has something to deliver and its day has passed (as of `asOf`, not on it). */
export function isBackordered(order: SalesOrderRecord, line: SalesLine, asOf: string): boolean {
  return DELIVERING.includes(order.header.type) && line.deliverRemainder > 0 && backorderDate(line) < asOf;
}

/** One backorder line with what the views and the split need from its order. */
export interface BackorderLine {
  salesOrderId: string;
  lineId: string;
  customerAccount: string;
  productId: string;
  warehouseId: string;
  priority: number;
  orderDate: string;
  /** The day it should have shipped (SM-10). */
  dueDate: string;
  remaining: number;
  /** Partly delivered already, or nothing of it yet. */
  status: 'partlyDelivered' | 'notDelivered';
  /** SM-11: the confirmed date before the last change, and whether the customer is still to be told. */
  previousConfirmedShipDate: string | null;
  notifyCustomer: boolean;
}

/** SM-10: every backorder line as of a day, in the orders' and lines' order. */
export function backorderLines(orders: readonly SalesOrderRecord[], asOf: string): BackorderLine[] {
  return orders.flatMap((order) => order.lines.filter((line) => isBackordered(order, line, asOf)).map((line) => ({
    salesOrderId: order.header.salesOrderId,
    lineId: line.lineId,
    customerAccount: order.header.customerAccount,
    productId: line.productId,
    warehouseId: line.warehouseId,
    priority: order.header.priority,
    orderDate: order.header.orderDate,
    dueDate: backorderDate(line),
    remaining: line.deliverRemainder,
    status: line.delivered > 0 ? 'partlyDelivered' as const : 'notDelivered' as const,
    previousConfirmedShipDate: line.previousConfirmedShipDate,
    notifyCustomer: line.notifyCustomer,
  })));
}

const itemKey = (productId: string, warehouseId: string) => JSON.stringify([productId, warehouseId]);

/** SM-10 by item (an item at a warehouse): what customers wait for, what is there, what vendors owe. */
export interface ItemBackorders {
  productId: string;
  warehouseId: string;
  /** Orders with a backorder line of the item, and the quantity those lines still wait for (the demand). */
  orders: number;
  openQuantity: number;
  onHand: number;
  /** What open purchase lines still bring (late ones included: the vendor still owes them). */
  expectedReceipts: number;
  /** The late part of it: open purchase lines whose expected day has passed. */
  missingReceipts: number;
  /** (decision) demand - on-hand - expected receipts, never below 0 (a surplus is no shortage). */
  shortage: number;
}

/** SM-10: backorders by item, in the order items first appear among the backorder lines. */
export function backordersByItem(
  orders: readonly SalesOrderRecord[], purchaseLines: readonly PurchaseOrderLine[], onHand: readonly OnHand[], asOf: string,
): ItemBackorders[] {
  const items = new Map<string, BackorderLine[]>();
  for (const line of backorderLines(orders, asOf)) {
    const key = itemKey(line.productId, line.warehouseId);
    items.set(key, [...(items.get(key) ?? []), line]);
  }
  return [...items.values()].map((lines) => {
    const { productId, warehouseId } = lines[0]!;
    const owed = purchaseLines.filter((p) => p.productId === productId && p.warehouseId === warehouseId && isOpenPurchaseLine(p));
    const demand = lines.reduce((n, l) => n + l.remaining, 0);
    const stock = onHandOf(onHand, productId, warehouseId);
    const expectedReceipts = owed.reduce((n, p) => n + openQuantity(p), 0);
    return {
      productId, warehouseId,
      orders: new Set(lines.map((l) => l.salesOrderId)).size,
      openQuantity: demand,
      onHand: stock,
      expectedReceipts,
      missingReceipts: owed.filter((p) => isLateReceipt(p, asOf)).reduce((n, p) => n + openQuantity(p), 0),
      shortage: Math.max(0, demand - stock - expectedReceipts),
    };
  });
}

/** SM-10 by customer: the customer's remaining lines, oldest due first. */
export interface CustomerBackorders { customerAccount: string; lines: BackorderLine[] }

export function backordersByCustomer(orders: readonly SalesOrderRecord[], asOf: string): CustomerBackorders[] {
  const customers = new Map<string, BackorderLine[]>();
  for (const line of backorderLines(orders, asOf)) customers.set(line.customerAccount, [...(customers.get(line.customerAccount) ?? []), line]);
  return [...customers].map(([customerAccount, lines]) => ({ customerAccount, lines: [...lines].sort((a, b) => compareText(a.dueDate, b.dueDate)) }));
}

/** SM-10 by vendor: each open purchase line, earliest expected first, and whether it is late. */
export interface VendorBackorders {
  vendorAccount: string;
  lines: { purchaseOrderId: string; lineId: string; productId: string; warehouseId: string; openQuantity: number; expectedDate: string; late: boolean }[];
}

export function backordersByVendor(purchaseLines: readonly PurchaseOrderLine[], asOf: string): VendorBackorders[] {
  const vendors = new Map<string, VendorBackorders['lines']>();
  for (const p of purchaseLines.filter(isOpenPurchaseLine)) {
    const line = { purchaseOrderId: p.purchaseOrderId, lineId: p.lineId, productId: p.productId, warehouseId: p.warehouseId, openQuantity: openQuantity(p), expectedDate: p.expectedDate, late: isLateReceipt(p, asOf) };
    vendors.set(p.vendorAccount, [...(vendors.get(p.vendorAccount) ?? []), line]);
  }
  return [...vendors].map(([vendorAccount, lines]) => ({ vendorAccount, lines: [...lines].sort((a, b) => compareText(a.expectedDate, b.expectedDate)) }));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SM-11 (decision: the tie-break order): higher priority first (a lower number), then the older order date, then
 * the lower order number; lines of one order keep their order on it.
 */
export function splitOrder(a: BackorderLine, b: BackorderLine): number {
  return a.priority - b.priority || compareText(a.orderDate, b.orderDate) || compareText(a.salesOrderId, b.salesOrderId);
}

/** SM-11: what one backorder line gets of the on-hand, and what stays backordered. */
export interface LineAllocation { salesOrderId: string; lineId: string; productId: string; warehouseId: string; allocated: number; stillBackordered: number }

export interface OnHandSplit { allocations: LineAllocation[]; onHandLeft: OnHand[] }

/**
 * SM-11: shares each item's on-hand at its warehouse among the item's backorder lines, in split order; a line takes
 * what is left up to its remainder (in part when that is less), the rest of it stays backordered. Every backorder
 * line gets an allocation (0 when nothing was left for it), in split order.
 */
export function splitOnHand(orders: readonly SalesOrderRecord[], onHand: readonly OnHand[], asOf: string): OnHandSplit {
  // Array.prototype.sort is stable: lines of one order tie and keep their order on it.
  const lines = backorderLines(orders, asOf).sort(splitOrder);
  const left = new Map(onHand.map((h) => [itemKey(h.productId, h.warehouseId), Math.max(0, h.quantity)]));
  const allocations = lines.map((line) => {
    const key = itemKey(line.productId, line.warehouseId);
    const allocated = Math.min(line.remaining, left.get(key) ?? 0);
    if (allocated > 0) left.set(key, left.get(key)! - allocated);
    return { salesOrderId: line.salesOrderId, lineId: line.lineId, productId: line.productId, warehouseId: line.warehouseId, allocated, stillBackordered: line.remaining - allocated };
  });
  const onHandLeft = onHand.map((h) => ({ ...h, quantity: h.quantity > 0 ? left.get(itemKey(h.productId, h.warehouseId))! : h.quantity }));
  return { allocations, onHandLeft };
}

/**
 * SM-11 as the backorder view shows it: a Reserved backorder line already holds its stock (it was reserved whole), so
 * it is allocated its remainder; the free on-hand (`free`: what no order reserves) is split among the lines still On
 * order. Allocations in split order.
 */
export function backorderSplit(orders: readonly SalesOrderRecord[], free: readonly OnHand[], asOf: string): LineAllocation[] {
  const holding = (line: SalesLine) => line.inventory === 'reserved';
  const waiting = orders.map((o) => ({ header: o.header, lines: o.lines.filter((l) => !holding(l)) }));
  const split = splitOnHand(waiting, free, asOf).allocations;
  const held = backorderLines(orders.map((o) => ({ header: o.header, lines: o.lines.filter(holding) })), asOf);
  const rank = new Map(backorderLines(orders, asOf).sort(splitOrder).map((l, i) => [`${l.salesOrderId}/${l.lineId}`, i]));
  const rankOf = (a: LineAllocation) => rank.get(`${a.salesOrderId}/${a.lineId}`)!;
  return [
    ...split,
    ...held.map((l) => ({ salesOrderId: l.salesOrderId, lineId: l.lineId, productId: l.productId, warehouseId: l.warehouseId, allocated: l.remaining, stillBackordered: 0 })),
  ].sort((a, b) => rankOf(a) - rankOf(b));
}

/**
 * SM-11: moves a line's confirmed ship date. A date that replaces another keeps the one before and flags the line
 * "notify customer"; a first confirmation is no change (nothing was promised yet); the same date changes nothing.
 * A line with nothing left to deliver has no date to move.
 */
export function changeConfirmedShipDate(order: SalesOrderRecord, lineId: string, confirmedShipDate: string): SalesOrderRecord | RuleViolation {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (line === undefined) return violation('NOT_FOUND', `order ${order.header.salesOrderId} has no line ${lineId}`, 'lineId');
  if (!isCalendarDay(confirmedShipDate)) return violation('VALIDATION', `the confirmed ship date "${confirmedShipDate}" is not a day as YYYY-MM-DD`, 'confirmedShipDate');
  if (line.deliverRemainder <= 0) return violation('SM-11', `line ${lineId} of order ${order.header.salesOrderId} has nothing left to deliver`, 'confirmedShipDate');
  if (line.confirmedShipDate === confirmedShipDate) return order;
  const moved: SalesLine = line.confirmedShipDate === null
    ? { ...line, confirmedShipDate }
    : { ...line, previousConfirmedShipDate: line.confirmedShipDate, confirmedShipDate, notifyCustomer: true };
  return { ...order, lines: order.lines.map((l) => (l === line ? moved : l)) };
}

/** SM-11: staff told the customer of the new date: the flag clears, the dates stay. */
export function markCustomerNotified(order: SalesOrderRecord, lineId: string): SalesOrderRecord | RuleViolation {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (line === undefined) return violation('NOT_FOUND', `order ${order.header.salesOrderId} has no line ${lineId}`, 'lineId');
  if (!line.notifyCustomer) return violation('SM-11', `line ${lineId} of order ${order.header.salesOrderId} has no new date to tell the customer about`, 'lineId');
  return { ...order, lines: order.lines.map((l) => (l === line ? { ...l, notifyCustomer: false } : l)) };
}
