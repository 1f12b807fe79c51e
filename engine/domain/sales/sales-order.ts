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
import { violation, type RuleViolation } from '../violation.ts';
import type { InventoryStatus, PriceSource, SalesLine, SalesOrderHeader, SalesOrderRecord, SalesOrderStatus, SalesOrderType } from './types.ts';

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

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);

/**
 * A new line of an order of `type`: all of it still to deliver, nothing to invoice. SM-4: a returned order's lines
 * are negative, every other type's positive.
 */
export function newSalesLine(type: SalesOrderType, input: NewSalesLine): SalesLine | RuleViolation {
  if (input.lineId === '') return violation('VALIDATION', 'every line needs a line id', 'lineId');
  if (input.productId === '') return violation('VALIDATION', 'choose the item the line sells', 'productId');
  if (!Number.isInteger(input.quantity) || input.quantity === 0) return violation('VALIDATION', 'the quantity must be a whole number other than 0', 'quantity');
  if (type === 'returnedOrder' && input.quantity > 0) return violation('SM-4', 'a returned order takes items back: its quantities are negative', 'quantity');
  if (type !== 'returnedOrder' && input.quantity < 0) return violation('SM-4', 'only a returned order has negative quantities', 'quantity');
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
  lines: readonly NewSalesLine[];
}

/** A new order with its lines (each as `newSalesLine` makes it); the first bad line refuses the whole order. */
export function newSalesOrder(input: NewSalesOrder): SalesOrderRecord | RuleViolation {
  if (input.salesOrderId === '') return violation('VALIDATION', 'the order needs an order number', 'salesOrderId');
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
