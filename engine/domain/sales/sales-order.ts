/**
 * Headquarters' sales orders (SM-1..SM-5): the order types, the status derived from the lines (SM-2, SM-13), and the
 * line's inventory transactions from On order to Sold. Every function is pure: records in, new records (or a
 * RuleViolation naming the field at fault) out; nothing is mutated.
 *
 * A line's remainders (types.ts) hold: deliverRemainder = quantity - delivered - cancelled and invoiceRemainder =
 * delivered - invoiced, except on a subscription (SM-3), whose delivered and invoiced are running totals over its
 * cycles while its remainders are the current cycle's.
 */
import type { Minor } from '../money.ts';
import type { Numbering } from '../numbering.ts';
import { violation, type RuleViolation } from '../violation.ts';
import { drawNumber } from './number-sequence.ts';
import { salesOrderTypes, type InventoryStatus, type PriceSource, type SalesLine, type SalesOrderHeader, type SalesOrderRecord, type SalesOrderStatus, type SalesOrderType } from './types.ts';

/** SM-2: a line's own status, by the same words as the order's. */
export type SalesLineStatus = SalesOrderStatus;

/**
 * SM-2 / SM-13: where a line stands, first matching row wins: nothing left to deliver or invoice and something
 * invoiced -> Invoiced; nothing left to deliver but some to invoice -> Delivered; nothing left and nothing
 * delivered, the ordered quantity cancelled -> Cancelled; else Open order.
 */
export function lineStatus(line: SalesLine): SalesLineStatus {
  if (line.deliverRemainder === 0 && line.invoiceRemainder === 0 && line.invoiced !== 0) return 'invoiced';
  if (line.deliverRemainder === 0 && line.invoiceRemainder !== 0) return 'delivered';
  if (line.deliverRemainder === 0 && line.invoiceRemainder === 0 && line.cancelled !== 0) return 'cancelled';
  return 'openOrder';
}

/**
 * SM-2 / SM-13: the order's status from its lines (never stored). Invoiced only when every line's deliver and
 * invoice remainders are 0 and something was invoiced; Delivered when nothing is left to deliver but some is left
 * to invoice; Cancelled when every remainder was cancelled (nothing delivered); else Open order (an order with no
 * lines too).
 */
export function salesOrderStatus(record: SalesOrderRecord): SalesOrderStatus {
  const { lines } = record;
  if (lines.length === 0 || lines.some((l) => l.deliverRemainder !== 0)) return 'openOrder';
  if (lines.some((l) => l.invoiceRemainder !== 0)) return 'delivered';
  if (lines.some((l) => l.invoiced !== 0)) return 'invoiced';
  return lines.some((l) => l.cancelled !== 0) ? 'cancelled' : 'openOrder';
}

/** SM-1 / SM-4: where a new line's inventory transactions start (a journal has none; a return expects stock back). */
export function initialInventory(type: SalesOrderType): InventoryStatus {
  return type === 'journal' ? 'none' : 'onOrder';
}

export interface NewSalesLine {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: Minor;
  discount?: Minor;
  priceSource?: PriceSource;
  requestedShipDate: string;
  confirmedShipDate?: string | null;
  warehouseId: string;
}

const unknownType = () => violation('VALIDATION', 'the order type must be journal, sales order, subscription, returned order or item requirements', 'type');

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

/**
 * A new line of an order of `type`: all of it still to deliver, nothing to invoice. SM-4: a returned order's lines
 * are negative, every other type's positive (a journal, a draft, may hold either until its type is chosen).
 */
export function newSalesLine(type: SalesOrderType, input: NewSalesLine): SalesLine | RuleViolation {
  if (input.lineId === '') return violation('VALIDATION', 'every line needs a line id', 'lineId');
  if (input.productId === '') return violation('VALIDATION', 'choose the item the line sells', 'productId');
  if (!Number.isInteger(input.quantity) || input.quantity === 0) return violation('VALIDATION', 'the quantity must be a whole number other than 0', 'quantity');
  if (type === 'returnedOrder' && input.quantity > 0) return violation('SM-4', 'a returned order takes items back: its quantities are negative', 'quantity');
  if (type !== 'returnedOrder' && type !== 'journal' && input.quantity < 0) return violation('SM-4', 'only a returned order (or a journal drafting one) has negative quantities', 'quantity');
  if (!Number.isInteger(input.unitPrice) || input.unitPrice < 0) return violation('VALIDATION', 'the unit price must be an amount of 0 or more', 'unitPrice');
  const discount = input.discount ?? 0;
  if (!Number.isInteger(discount) || discount < 0) return violation('VALIDATION', 'the discount must be an amount of 0 or more', 'discount');
  if (!isDay(input.requestedShipDate)) return violation('VALIDATION', 'the requested ship date must be a day (YYYY-MM-DD)', 'requestedShipDate');
  const confirmedShipDate = input.confirmedShipDate ?? null;
  if (confirmedShipDate !== null && !isDay(confirmedShipDate)) return violation('VALIDATION', 'the confirmed ship date must be a day (YYYY-MM-DD)', 'confirmedShipDate');
  if (input.warehouseId === '') return violation('VALIDATION', 'choose the warehouse the line ships from', 'warehouseId');
  return {
    lineId: input.lineId,
    productId: input.productId,
    quantity: input.quantity,
    unitPrice: input.unitPrice,
    discount,
    priceSource: input.priceSource ?? 'manual',
    deliverRemainder: input.quantity,
    invoiceRemainder: 0,
    delivered: 0,
    invoiced: 0,
    cancelled: 0,
    inventory: initialInventory(type),
    requestedShipDate: input.requestedShipDate,
    confirmedShipDate,
    previousConfirmedShipDate: null,
    notifyCustomer: false,
    warehouseId: input.warehouseId,
    agreement: null,
  };
}

export interface NewSalesOrder {
  salesOrderId: string;
  type: SalesOrderType;
  customerAccount: string;
  currency: string;
  orderDate: string;
  priority?: number;
  origin?: SalesOrderHeader['origin'];
  campaignId?: string | null;
  quotationId?: string | null;
  /** SM-4: a returned order's RMA number, drawn from its number sequence (`newReturnedOrder` draws it). */
  rmaNumber?: string | null;
  /** SM-4: the project whose item sale creates an Item requirements order. */
  projectId?: string | null;
  /** SM-3: the items under warehouse management (a subscription refuses them). */
  warehouseManaged?: readonly string[];
  lines: readonly NewSalesLine[];
}

/** SM-3: a subscription recurs outside warehouse management: an item under it is refused. */
function subscriptionRefusal(lines: readonly { productId: string }[], warehouseManaged: readonly string[]): RuleViolation | null {
  const managed = lines.find((l) => warehouseManaged.includes(l.productId));
  return managed === undefined ? null : violation('SM-3', `item ${managed.productId} is under warehouse management and cannot be on a subscription`, 'productId');
}

/** A new order with its lines (each as `newSalesLine` makes it); the first bad line refuses the whole order. */
export function newSalesOrder(input: NewSalesOrder): SalesOrderRecord | RuleViolation {
  if (input.salesOrderId === '') return violation('VALIDATION', 'the order needs an order number', 'salesOrderId');
  if (!salesOrderTypes.includes(input.type)) return unknownType();
  if (input.customerAccount === '') return violation('VALIDATION', 'choose the customer account the order is for', 'customerAccount');
  if (!/^[A-Z]{3}$/.test(input.currency)) return violation('VALIDATION', 'the currency must be a three-letter code such as USD', 'currency');
  if (!isDay(input.orderDate)) return violation('VALIDATION', 'the order date must be a day (YYYY-MM-DD)', 'orderDate');
  const priority = input.priority ?? 1;
  if (!Number.isInteger(priority) || priority < 1) return violation('VALIDATION', 'the priority must be a whole number of 1 or more', 'priority');
  const rmaNumber = input.rmaNumber ?? null;
  if (input.type === 'returnedOrder' && (rmaNumber === null || rmaNumber === '')) return violation('SM-4', 'a returned order gets its RMA number when it is created', 'rmaNumber');
  if (input.type !== 'returnedOrder' && rmaNumber !== null) return violation('SM-4', 'only a returned order has an RMA number', 'rmaNumber');
  const projectId = input.projectId ?? null;
  if (input.type === 'itemRequirements' && (projectId === null || projectId === '')) return violation('SM-4', 'item requirements are created only by a project\'s item sale', 'projectId');
  const managed = input.type === 'subscription' ? subscriptionRefusal(input.lines, input.warehouseManaged ?? []) : null;
  if (managed !== null) return managed;
  const lines: SalesLine[] = [];
  for (const entered of input.lines) {
    const line = newSalesLine(input.type, entered);
    if ('rule' in line) return line;
    if (lines.some((l) => l.lineId === line.lineId)) return violation('VALIDATION', `line ${line.lineId} is on the order twice`, 'lineId');
    lines.push(line);
  }
  const header: SalesOrderHeader = {
    salesOrderId: input.salesOrderId,
    type: input.type,
    customerAccount: input.customerAccount,
    currency: input.currency,
    orderDate: input.orderDate,
    priority,
    rmaNumber,
    origin: input.origin ?? 'backOffice',
    campaignId: input.campaignId ?? null,
    quotationId: input.quotationId ?? null,
    projectId,
  };
  return { header, lines };
}

/** What is free to reserve of an item in a warehouse (on hand less what other orders already reserve). */
export interface StockAvailable { productId: string; warehouseId: string; quantity: number }

/**
 * SM-2: the line's inventory transactions after its remainders moved. While some of it is still to deliver the
 * line keeps what it had (On order or Reserved); once nothing is left to deliver it stands where its last unit
 * stands: Deducted by a packing slip, then Sold by the invoice (a returned order's stock is Received, SM-4). A
 * line whose whole remainder was cancelled has no transactions left.
 */
export function inventoryAfter(type: SalesOrderType, line: SalesLine): InventoryStatus {
  if (type === 'journal') return 'none';
  if (line.deliverRemainder !== 0) return line.inventory === 'none' ? 'onOrder' : line.inventory;
  if (line.delivered === 0) return 'none';
  if (type === 'returnedOrder') return 'received';
  return line.invoiceRemainder !== 0 ? 'deducted' : 'sold';
}

const sameSign = (a: number, b: number) => Math.sign(a) === Math.sign(b);
const units = (n: number) => `${Math.abs(n)} ${Math.abs(n) === 1 ? 'unit' : 'units'}`;

/**
 * SM-12 / SM-2: a packing slip (a receipt, on a returned order) posts `quantity` of a line: it lowers the deliver
 * remainder, raises the invoice remainder, and moves the inventory on (Deducted, or Received, once all delivered).
 */
export function deliverLine(type: SalesOrderType, line: SalesLine, quantity: number): SalesLine | RuleViolation {
  if (type === 'journal') return violation('SM-1', 'a journal is a draft: make it a sales order before delivering it', 'type');
  if (!Number.isInteger(quantity) || quantity === 0 || !sameSign(quantity, line.quantity)) {
    return violation('VALIDATION', `the quantity to deliver on line ${line.lineId} must be a whole number with the sign of the line`, 'quantity');
  }
  if (Math.abs(quantity) > Math.abs(line.deliverRemainder)) {
    return violation('SM-12', `line ${line.lineId} has ${units(line.deliverRemainder)} left to deliver, not ${units(quantity)}`, 'quantity');
  }
  const delivered = { ...line, deliverRemainder: line.deliverRemainder - quantity, invoiceRemainder: line.invoiceRemainder + quantity, delivered: line.delivered + quantity };
  return { ...delivered, inventory: inventoryAfter(type, delivered) };
}

/**
 * SM-13 / SM-2: an invoice posts `quantity` delivered units of a line: it lowers the invoice remainder and moves
 * the inventory to Sold once all of it is delivered and invoiced. SM-3: a subscription line whose cycle is then
 * complete starts the next one, its remainders restored (what was cancelled stays cancelled).
 */
export function invoiceLine(type: SalesOrderType, line: SalesLine, quantity: number): SalesLine | RuleViolation {
  if (type === 'journal') return violation('SM-1', 'a journal is a draft: make it a sales order before invoicing it', 'type');
  if (!Number.isInteger(quantity) || quantity === 0 || !sameSign(quantity, line.quantity)) {
    return violation('VALIDATION', `the quantity to invoice on line ${line.lineId} must be a whole number with the sign of the line`, 'quantity');
  }
  if (Math.abs(quantity) > Math.abs(line.invoiceRemainder)) {
    return violation('SM-13', `line ${line.lineId} has ${units(line.invoiceRemainder)} delivered and not invoiced, not ${units(quantity)}`, 'quantity');
  }
  const invoiced = { ...line, invoiceRemainder: line.invoiceRemainder - quantity, invoiced: line.invoiced + quantity };
  if (type === 'subscription' && invoiced.deliverRemainder === 0 && invoiced.invoiceRemainder === 0) {
    return { ...invoiced, deliverRemainder: line.quantity - line.cancelled, inventory: 'onOrder' };
  }
  return { ...invoiced, inventory: inventoryAfter(type, invoiced) };
}

/** A quantity of one line, as a packing slip or an invoice posts it. */
export interface LineQuantity { lineId: string; quantity: number }

function postLines(record: SalesOrderRecord, quantities: readonly LineQuantity[], post: typeof deliverLine): SalesOrderRecord | RuleViolation {
  if (quantities.length === 0) return violation('VALIDATION', 'choose at least one line and its quantity', 'lines');
  const lines = [...record.lines];
  for (const { lineId, quantity } of quantities) {
    const at = lines.findIndex((l) => l.lineId === lineId);
    if (at < 0) return violation('NOT_FOUND', `order ${record.header.salesOrderId} has no line ${lineId}`, 'lineId');
    const posted = post(record.header.type, lines[at]!, quantity);
    if ('rule' in posted) return posted;
    lines[at] = posted;
  }
  return { header: record.header, lines };
}

/** SM-12: a packing slip's quantities posted on the order's lines (all or none). */
export function deliverOrder(record: SalesOrderRecord, quantities: readonly LineQuantity[]): SalesOrderRecord | RuleViolation {
  return postLines(record, quantities, deliverLine);
}

/** SM-13: an invoice's quantities posted on the order's lines (all or none). */
export function invoiceOrder(record: SalesOrderRecord, quantities: readonly LineQuantity[]): SalesOrderRecord | RuleViolation {
  return postLines(record, quantities, invoiceLine);
}

/**
 * SM-2: On order -> Reserved. Each On order line still to deliver is reserved whole from what is available of its
 * item in its warehouse, in line order (decision: a line is reserved whole or stays On order; the host splits a
 * line to reserve part of it). The host computes `available` from on hand less `reservedStock` of all orders.
 */
export function reserveLines(record: SalesOrderRecord, available: readonly StockAvailable[]): SalesOrderRecord | RuleViolation {
  if (record.header.type === 'journal') return violation('SM-1', 'a journal is a draft with no reservations: make it a sales order first', 'type');
  if (record.header.type === 'returnedOrder') return violation('SM-4', 'a returned order receives stock: there is nothing to reserve', 'type');
  const bad = available.find((s) => !Number.isInteger(s.quantity) || s.quantity < 0);
  if (bad !== undefined) return violation('VALIDATION', `what is available of item ${bad.productId} must be a whole number of 0 or more`, 'available');
  const left = new Map(available.map((s) => [`${s.productId}@${s.warehouseId}`, s.quantity]));
  const lines = record.lines.map((line) => {
    const key = `${line.productId}@${line.warehouseId}`;
    const free = left.get(key) ?? 0;
    if (line.inventory !== 'onOrder' || line.deliverRemainder <= 0 || free < line.deliverRemainder) return line;
    left.set(key, free - line.deliverRemainder);
    return { ...line, inventory: 'reserved' as const };
  });
  return lines.every((l, i) => l === record.lines[i]) ? record : { header: record.header, lines };
}

/** SM-2: what the order's Reserved lines hold back, by item and warehouse. */
export function reservedStock(record: SalesOrderRecord): StockAvailable[] {
  const held = new Map<string, StockAvailable>();
  for (const line of record.lines.filter((l) => l.inventory === 'reserved')) {
    const key = `${line.productId}@${line.warehouseId}`;
    const was = held.get(key);
    held.set(key, { productId: line.productId, warehouseId: line.warehouseId, quantity: (was?.quantity ?? 0) + line.deliverRemainder });
  }
  return [...held.values()];
}

/**
 * SM-2: cancels what is left to deliver on the chosen lines (all lines when none are chosen): the remainder moves to
 * `cancelled` and its reservation is released. What was delivered stays to invoice.
 */
export function cancelRemainders(record: SalesOrderRecord, lineIds: readonly string[] | null = null): SalesOrderRecord | RuleViolation {
  const unknown = (lineIds ?? []).find((id) => !record.lines.some((l) => l.lineId === id));
  if (unknown !== undefined) return violation('NOT_FOUND', `order ${record.header.salesOrderId} has no line ${unknown}`, 'lineIds');
  const chosen = (line: SalesLine) => (lineIds === null || lineIds.includes(line.lineId)) && line.deliverRemainder !== 0;
  if (!record.lines.some(chosen)) return violation('SM-2', `order ${record.header.salesOrderId} has nothing left to deliver to cancel`, 'lineIds');
  const lines = record.lines.map((line) => {
    if (!chosen(line)) return line;
    const cancelled = { ...line, cancelled: line.cancelled + line.deliverRemainder, deliverRemainder: 0 };
    return { ...cancelled, inventory: inventoryAfter(record.header.type, cancelled) };
  });
  return { header: record.header, lines };
}

/** SM-4: a returned order, its RMA number drawn from the `RMA` sequence at creation; the sequence is handed back moved on. */
export function newReturnedOrder(input: Omit<NewSalesOrder, 'type' | 'rmaNumber'>, numbering: Numbering): { record: SalesOrderRecord; numbering: Numbering } | RuleViolation {
  const drawn = drawNumber(numbering, 'RMA');
  const record = newSalesOrder({ ...input, type: 'returnedOrder', rmaNumber: drawn.number });
  return 'rule' in record ? record : { record, numbering: drawn.numbering };
}

/** SM-1: an order is confirmed to the customer (again, after a change); a journal is a draft and cannot be. */
export function confirmSalesOrder(record: SalesOrderRecord, on: string): SalesOrderRecord | RuleViolation {
  if (record.header.type === 'journal') return violation('SM-1', 'a journal is a draft: make it a sales order before confirming it', 'type');
  if (!isDay(on)) return violation('VALIDATION', 'the confirmation day must be a day (YYYY-MM-DD)', 'on');
  return { header: { ...record.header, confirmedOn: on }, lines: record.lines };
}

/** What a change of type needs from the host. */
export interface TypeChange {
  /** SM-1: a journal made a sale reserves from this (see `reserveLines`). */
  available: readonly StockAvailable[];
  /** SM-3: the items under warehouse management. */
  warehouseManaged: readonly string[];
  /** SM-4: an order made a returned order takes this RMA number, drawn from the sequence (`drawNumber(numbering, 'RMA')`). */
  rmaNumber: string | null;
}

/**
 * SM-3 / SM-5 (decision): a subscription that takes another type orders what its cycles delivered and what the current
 * cycle has left, so that its remainders read as any other order's.
 */
function allCyclesOrdered(line: SalesLine): SalesLine {
  return { ...line, quantity: line.delivered + line.cancelled + line.deliverRemainder };
}

/** SM-5: why an order cannot become `to`, or null. */
export function typeChangeRefusal(record: SalesOrderRecord, to: SalesOrderType, change: TypeChange): RuleViolation | null {
  const { header, lines } = record;
  const order = `order ${header.salesOrderId}`;
  if (!salesOrderTypes.includes(to)) return unknownType();
  if (to === header.type) return violation('VALIDATION', `${order} already has that type`, 'type');
  if (header.type === 'itemRequirements' && lines.some((l) => l.delivered !== 0)) {
    return violation('SM-5', `${order} is item requirements with items delivered: its type can no longer change`, 'type');
  }
  if (to === 'journal' && lines.some((l) => l.delivered !== 0 || l.invoiced !== 0)) {
    return violation('SM-5', `${order} has packing slips or invoices posted: as a journal it would lose them`, 'type');
  }
  if (to === 'returnedOrder' && lines.some((l) => l.quantity > 0)) return violation('SM-4', `${order} has lines that sell: a returned order only takes items back`, 'lines');
  if (to !== 'returnedOrder' && to !== 'journal' && lines.some((l) => l.quantity < 0)) return violation('SM-4', `${order} has lines that take items back: only a returned order has them`, 'lines');
  if (to === 'returnedOrder' && (change.rmaNumber === null || change.rmaNumber === '')) return violation('SM-4', 'a returned order gets its RMA number from the RMA sequence', 'rmaNumber');
  if (to === 'itemRequirements' && (header.projectId ?? null) === null) return violation('SM-4', 'item requirements are created only by a project\'s item sale', 'type');
  return to === 'subscription' ? subscriptionRefusal(lines, change.warehouseManaged) : null;
}

/**
 * SM-5: the order takes another type, at any status. SM-1: a journal made an order gets its inventory transactions
 * (On order, reserved from what is available); an order made a journal loses them (it cannot have posted any).
 */
export function changeOrderType(record: SalesOrderRecord, to: SalesOrderType, change: TypeChange): SalesOrderRecord | RuleViolation {
  const refused = typeChangeRefusal(record, to, change);
  if (refused !== null) return refused;
  const header = { ...record.header, type: to, rmaNumber: to === 'returnedOrder' ? change.rmaNumber : null };
  const lines = record.header.type === 'subscription' ? record.lines.map(allCyclesOrdered) : record.lines;
  const changed = { header, lines: lines.map((l) => ({ ...l, inventory: inventoryAfter(to, l) })) };
  return record.header.type === 'journal' && to !== 'returnedOrder' ? reserveLines(changed, change.available) : changed;
}
