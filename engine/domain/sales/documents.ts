/**
 * Packing slips and invoices of headquarters' sales orders (SM-12, SM-13): posting a slip delivers, posting an invoice
 * bills what was delivered, from the order or from chosen slips, one order or several of one invoice account
 * (collective). Pure: records in, new records out (or the first thing wrong, field named); nothing is changed in place.
 * A pro forma (SM-14) is the same draft, unnumbered, with nothing posted.
 */
import { percentOf, proportionOf, type BasisPoints, type Minor } from '../money.ts';
import type { Numbering } from '../numbering.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import {
  CALENDAR_DAY, invoiceTotals, numberInvoice, PACKING_SLIP_PREFIX, proForma, type InvoiceDraft, type ProFormaInvoice,
} from './invoice-document.ts';
import { drawNumber } from './number-sequence.ts';
import { deliverLine, invoiceOrder } from './sales-order.ts';
import type { InvoiceLine, PackingSlip, SalesInvoice, SalesLine, SalesOrderRecord } from './types.ts';

/**
 * SM-12 / SM-13: the inventory transaction a packing slip posts for one of its lines (stock issued, or received back
 * on a returned order). Invoicing stamps the invoice's number on it: from then on it is sold.
 */
export interface InventoryTransaction {
  salesOrderId: string;
  lineId: string;
  productId: string;
  warehouseId: string;
  quantity: number;
  packingSlipId: string;
  postedOn: string;
  invoiceId: string | null;
}

/** An order with what has been posted against it: the host keeps the three together. */
export interface OrderPostings {
  order: SalesOrderRecord;
  packingSlips: readonly PackingSlip[];
  transactions: readonly InventoryTransaction[];
}

/** SM-12: what the clerk delivers: a quantity of some of the order's lines. */
export interface PackingSlipEntry { postedOn: string; lines: readonly { lineId: string; quantity: number }[] }

/** The host's tax rate for an order line (CO-12's group for the order's delivery, engine/domain/tax.ts). */
export type LineTaxRate = (salesOrderId: string, line: SalesLine) => BasisPoints;

/** SM-12: invoice what the orders have delivered and not yet invoiced, or exactly the chosen packing slips. */
export type InvoiceSelection =
  | { from: 'orders'; orders: readonly OrderPostings[]; invoiceDate: string }
  | { from: 'packingSlips'; orders: readonly OrderPostings[]; packingSlipIds: readonly string[]; invoiceDate: string };

/** A quantity of one order line on an invoice. */
interface InvoicedQuantity { salesOrderId: string; line: SalesLine; quantity: number }

/** A refusal about one slip line, its field named by the line's place on the slip. */
const atSlipLine = (refusal: RuleViolation, at: string): RuleViolation => ({ ...refusal, field: `${at}.${refusal.field ?? 'quantity'}` });

/**
 * SM-12: posts a packing slip: each quantity at most the line's deliver remainder; it lowers that remainder and
 * raises the invoice remainder, the line is delivered at 0 (its stock deducted, or received back on a return), and
 * one inventory transaction per slip line records the movement. The slip's number comes from the sequence.
 */
export function postPackingSlip(
  postings: OrderPostings, entry: PackingSlipEntry, numbering: Numbering,
): { postings: OrderPostings; packingSlip: PackingSlip; numbering: Numbering } | RuleViolation {
  const { header } = postings.order;
  if (header.type === 'journal') return violation('SM-1', `order ${header.salesOrderId} is a journal: make it a sales order before delivering`, 'salesOrderId');
  if (!CALENDAR_DAY.test(entry.postedOn)) return violation('VALIDATION', 'the packing slip date must be a day written YYYY-MM-DD', 'postedOn');
  if (entry.lines.length === 0) return violation('VALIDATION', 'a packing slip needs at least one line', 'lines');
  const lines = [...postings.order.lines];
  const delivered: { line: SalesLine; quantity: number }[] = [];
  for (const [i, { lineId, quantity }] of entry.lines.entries()) {
    const at = lines.findIndex((l) => l.lineId === lineId);
    if (at < 0) return violation('NOT_FOUND', `order ${header.salesOrderId} has no line ${lineId}`, `lines.${i}.lineId`);
    if (delivered.some((d) => d.line.lineId === lineId)) return violation('VALIDATION', `line ${lineId} is on the packing slip twice`, `lines.${i}.lineId`);
    const line = deliverLine(header.type, lines[at]!, quantity);
    if (isViolation(line)) return atSlipLine(line, `lines.${i}`);
    delivered.push({ line: lines[at]!, quantity });
    lines[at] = line;
  }
  const drawn = drawNumber(numbering, PACKING_SLIP_PREFIX);
  const packingSlip: PackingSlip = {
    packingSlipId: drawn.number, salesOrderId: header.salesOrderId, customerAccount: header.customerAccount, postedOn: entry.postedOn,
    lines: delivered.map(({ line, quantity }) => ({ lineId: line.lineId, productId: line.productId, quantity })), invoiceId: null,
  };
  const transactions = delivered.map(({ line, quantity }): InventoryTransaction => ({
    salesOrderId: header.salesOrderId, lineId: line.lineId, productId: line.productId, warehouseId: line.warehouseId, quantity,
    packingSlipId: drawn.number, postedOn: entry.postedOn, invoiceId: null,
  }));
  return {
    postings: { order: { header, lines }, packingSlips: [...postings.packingSlips, packingSlip], transactions: [...postings.transactions, ...transactions] },
    packingSlip,
    numbering: drawn.numbering,
  };
}

/** SM-12: one invoice account and one currency per invoice (a collective invoice gathers one account's orders). */
function checkOneAccount(orders: readonly OrderPostings[]): RuleViolation | null {
  if (orders.length === 0) return violation('VALIDATION', 'choose at least one sales order to invoice', 'salesOrderIds');
  const first = orders[0]!.order.header;
  for (const [i, { order: { header } }] of orders.entries()) {
    if (orders.findIndex((o) => o.order.header.salesOrderId === header.salesOrderId) !== i) {
      return violation('VALIDATION', `order ${header.salesOrderId} is chosen twice`, `salesOrderIds.${i}`);
    }
    if (header.type === 'journal') return violation('SM-1', `order ${header.salesOrderId} is a journal: make it a sales order before invoicing`, `salesOrderIds.${i}`);
    if (header.customerAccount !== first.customerAccount) {
      return violation('SM-12', `one invoice bills one invoice account: order ${header.salesOrderId} is billed to ${header.customerAccount}, not ${first.customerAccount}`, 'customerAccount');
    }
    if (header.currency !== first.currency) {
      return violation('SM-12', `one invoice is in one currency: order ${header.salesOrderId} is in ${header.currency}, not ${first.currency}`, 'currency');
    }
  }
  return null;
}

/** From the orders: every line's invoice remainder (what is delivered and not invoiced), and the slips it covers. */
function fromOrders(orders: readonly OrderPostings[]): { quantities: InvoicedQuantity[]; packingSlipIds: string[] } | RuleViolation {
  const quantities: InvoicedQuantity[] = [];
  for (const [i, { order }] of orders.entries()) {
    const waiting = order.lines.filter((l) => l.invoiceRemainder !== 0);
    if (waiting.length === 0) return violation('SM-13', `order ${order.header.salesOrderId} has nothing delivered waiting to be invoiced`, `salesOrderIds.${i}`);
    quantities.push(...waiting.map((line) => ({ salesOrderId: order.header.salesOrderId, line, quantity: line.invoiceRemainder })));
  }
  const packingSlipIds = orders.flatMap((o) => o.packingSlips.filter((s) => s.invoiceId === null).map((s) => s.packingSlipId));
  return { quantities, packingSlipIds };
}

/** From packing slips: exactly the chosen slips, each posted on one of the orders and not invoiced yet; every order needs one. */
function fromPackingSlips(orders: readonly OrderPostings[], chosen: readonly string[]): { quantities: InvoicedQuantity[]; packingSlipIds: string[] } | RuleViolation {
  const slips: PackingSlip[] = [];
  for (const [i, packingSlipId] of chosen.entries()) {
    const slip = orders.flatMap((o) => o.packingSlips).find((s) => s.packingSlipId === packingSlipId);
    if (slip === undefined) return violation('NOT_FOUND', `packing slip ${packingSlipId} is not posted on the chosen orders`, `packingSlipIds.${i}`);
    if (slips.includes(slip)) return violation('VALIDATION', `packing slip ${packingSlipId} is chosen twice`, `packingSlipIds.${i}`);
    if (slip.invoiceId !== null) return violation('SM-12', `packing slip ${packingSlipId} is already invoiced on ${slip.invoiceId}`, `packingSlipIds.${i}`);
    slips.push(slip);
  }
  const unslipped = orders.find((o) => !slips.some((s) => s.salesOrderId === o.order.header.salesOrderId));
  if (unslipped !== undefined) {
    return violation('SM-12', `choose at least one posted packing slip of order ${unslipped.order.header.salesOrderId}`, 'packingSlipIds');
  }
  const quantities: InvoicedQuantity[] = [];
  for (const slip of slips) {
    const order = orders.find((o) => o.order.header.salesOrderId === slip.salesOrderId)!.order;
    for (const slipLine of slip.lines) {
      const same = quantities.find((q) => q.salesOrderId === slip.salesOrderId && q.line.lineId === slipLine.lineId);
      if (same === undefined) quantities.push({ salesOrderId: slip.salesOrderId, line: order.lines.find((l) => l.lineId === slipLine.lineId)!, quantity: slipLine.quantity });
      else same.quantity += slipLine.quantity;
    }
  }
  return { quantities, packingSlipIds: slips.map((s) => s.packingSlipId) };
}

/** A line's share of `whole` once `units` of it are invoiced (returned lines count their units as positive). */
const shareAt = (whole: Minor, units: number, line: SalesLine) => proportionOf(whole, Math.abs(units), Math.abs(line.quantity));

/**
 * The invoice line for `quantity` more units of an order line: the cumulative share of the line's net (after its
 * discount) and tax minus what earlier invoices took, so a line's invoices always add up to the whole line.
 */
function invoiceLineFor({ salesOrderId, line, quantity }: InvoicedQuantity, rate: BasisPoints): InvoiceLine {
  const net = line.quantity * line.unitPrice - line.discount;
  const tax = percentOf(net, rate);
  const after = line.invoiced + quantity;
  return {
    salesOrderId, lineId: line.lineId, productId: line.productId, mainAccount: null, text: line.productId, quantity,
    amount: shareAt(net, after, line) - shareAt(net, line.invoiced, line),
    tax: shareAt(tax, after, line) - shareAt(tax, line.invoiced, line),
  };
}

function draft(selection: InvoiceSelection, taxRate: LineTaxRate): { draft: InvoiceDraft; quantities: InvoicedQuantity[] } | RuleViolation {
  const { orders } = selection;
  const refusal = checkOneAccount(orders);
  if (refusal !== null) return refusal;
  if (!CALENDAR_DAY.test(selection.invoiceDate)) return violation('VALIDATION', 'the invoice date must be a day written YYYY-MM-DD', 'invoiceDate');
  const chosen = selection.from === 'orders' ? fromOrders(orders) : fromPackingSlips(orders, selection.packingSlipIds);
  if (isViolation(chosen)) return chosen;
  const lines = chosen.quantities.map((q) => invoiceLineFor(q, taxRate(q.salesOrderId, q.line)));
  const { header } = orders[0]!.order;
  const kind = orders.length > 1 ? 'collective' : selection.from === 'orders' ? 'order' : 'packingSlips';
  return {
    draft: {
      kind, customerAccount: header.customerAccount, currency: header.currency, postedOn: selection.invoiceDate,
      salesOrderIds: orders.map((o) => o.order.header.salesOrderId), packingSlipIds: chosen.packingSlipIds, lines, ...invoiceTotals(lines),
    },
    quantities: chosen.quantities,
  };
}

/** SM-13: the orders' lines with the invoiced quantities posted (invoiceOrder), all orders or none. */
function invoicedOrders(orders: readonly OrderPostings[], quantities: readonly InvoicedQuantity[]): SalesOrderRecord[] | RuleViolation {
  const records: SalesOrderRecord[] = [];
  for (const { order } of orders) {
    const ofOrder = quantities.filter((q) => q.salesOrderId === order.header.salesOrderId).map((q) => ({ lineId: q.line.lineId, quantity: q.quantity }));
    const record = invoiceOrder(order, ofOrder);
    if (isViolation(record)) return record;
    records.push(record);
  }
  return records;
}

/** SM-13: the invoice's number stamped on the slips it bills and on their inventory transactions (now sold). */
function stampInvoice(postings: OrderPostings, order: SalesOrderRecord, invoice: SalesInvoice): OrderPostings {
  const stamped = (packingSlipId: string) => invoice.packingSlipIds.includes(packingSlipId);
  return {
    order,
    packingSlips: postings.packingSlips.map((s) => (stamped(s.packingSlipId) ? { ...s, invoiceId: invoice.invoiceId } : s)),
    transactions: postings.transactions.map((t) => (stamped(t.packingSlipId) ? { ...t, invoiceId: invoice.invoiceId } : t)),
  };
}

/**
 * SM-12 / SM-13: posts an invoice for the selection under the next invoice number: each invoiced line's invoice
 * remainder goes down and its inventory transactions carry the invoice number (sold). The orders' status follows
 * from their lines (salesOrderStatus): invoiced only once nothing is left to deliver or invoice.
 */
export function postInvoice(
  selection: InvoiceSelection, taxRate: LineTaxRate, numbering: Numbering,
): { invoice: SalesInvoice; orders: OrderPostings[]; numbering: Numbering } | RuleViolation {
  const built = draft(selection, taxRate);
  if (isViolation(built)) return built;
  const records = invoicedOrders(selection.orders, built.quantities);
  if (isViolation(records)) return records;
  const posted = numberInvoice(built.draft, numbering);
  const orders = selection.orders.map((postings, i) => stampInvoice(postings, records[i]!, posted.invoice));
  return { invoice: posted.invoice, orders, numbering: posted.numbering };
}

/** SM-14: the pro forma of an order invoice: the same lines and totals posting would give; nothing is posted. */
export function proFormaInvoice(selection: InvoiceSelection, taxRate: LineTaxRate): ProFormaInvoice | RuleViolation {
  const built = draft(selection, taxRate);
  return isViolation(built) ? built : proForma(built.draft);
}

/** SM-2 / SM-13: where an inventory transaction stands: stock received back (a return), else issued, and sold once invoiced. */
export function transactionStatus(transaction: InventoryTransaction): 'deducted' | 'received' | 'sold' {
  if (transaction.quantity < 0) return 'received';
  return transaction.invoiceId === null ? 'deducted' : 'sold';
}
