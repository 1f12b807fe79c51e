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
  CALENDAR_DAY, drawNumber, invoiceTotals, numberInvoice, PACKING_SLIP_PREFIX, proForma, type InvoiceDraft, type ProFormaInvoice,
} from './invoice-document.ts';
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

const sameSign = (a: number, b: number) => Math.sign(a) === Math.sign(b);

function deliverLine(line: SalesLine, quantity: number, returned: boolean): SalesLine {
  const deliverRemainder = line.deliverRemainder - quantity;
  const inventory = deliverRemainder === 0 ? (returned ? 'received' : 'deducted') : line.inventory;
  return { ...line, deliverRemainder, invoiceRemainder: line.invoiceRemainder + quantity, delivered: line.delivered + quantity, inventory };
}

function checkSlipLine(order: SalesOrderRecord, entry: PackingSlipEntry['lines'][number], at: string, seen: Set<string>): SalesLine | RuleViolation {
  const line = order.lines.find((l) => l.lineId === entry.lineId);
  if (line === undefined) return violation('NOT_FOUND', `order ${order.header.salesOrderId} has no line ${entry.lineId}`, `${at}.lineId`);
  if (seen.has(entry.lineId)) return violation('VALIDATION', `line ${entry.lineId} is on the packing slip twice`, `${at}.lineId`);
  seen.add(entry.lineId);
  if (!Number.isSafeInteger(entry.quantity) || entry.quantity === 0 || !sameSign(entry.quantity, line.quantity)) {
    const sign = line.quantity < 0 ? 'a negative' : 'a positive';
    return violation('VALIDATION', `the quantity of line ${entry.lineId} must be ${sign} whole number`, `${at}.quantity`);
  }
  if (Math.abs(entry.quantity) > Math.abs(line.deliverRemainder)) {
    return violation('SM-12', `line ${entry.lineId} has only ${Math.abs(line.deliverRemainder)} left to deliver, not ${Math.abs(entry.quantity)}`, `${at}.quantity`);
  }
  return line;
}

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
  const seen = new Set<string>();
  const delivered: { line: SalesLine; quantity: number }[] = [];
  for (const [i, slipLine] of entry.lines.entries()) {
    const line = checkSlipLine(postings.order, slipLine, `lines.${i}`, seen);
    if (isViolation(line)) return line;
    delivered.push({ line, quantity: slipLine.quantity });
  }
  const drawn = drawNumber(numbering, PACKING_SLIP_PREFIX);
  const packingSlip: PackingSlip = {
    packingSlipId: drawn.id, salesOrderId: header.salesOrderId, customerAccount: header.customerAccount, postedOn: entry.postedOn,
    lines: delivered.map(({ line, quantity }) => ({ lineId: line.lineId, productId: line.productId, quantity })), invoiceId: null,
  };
  const returned = header.type === 'returnedOrder';
  const lines = postings.order.lines.map((l) => {
    const quantity = delivered.find((d) => d.line.lineId === l.lineId)?.quantity;
    return quantity === undefined ? l : deliverLine(l, quantity, returned);
  });
  const transactions = delivered.map(({ line, quantity }): InventoryTransaction => ({
    salesOrderId: header.salesOrderId, lineId: line.lineId, productId: line.productId, warehouseId: line.warehouseId, quantity,
    packingSlipId: drawn.id, postedOn: entry.postedOn, invoiceId: null,
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

function invoiceLineOf(line: SalesLine, quantity: number, returned: boolean): SalesLine {
  const invoiceRemainder = line.invoiceRemainder - quantity;
  const done = invoiceRemainder === 0 && line.deliverRemainder === 0;
  return { ...line, invoiceRemainder, invoiced: line.invoiced + quantity, inventory: done && !returned ? 'sold' : line.inventory };
}

/** SM-13: the invoice's effects on one order: lines invoiced, its slips and their inventory transactions stamped. */
function invoiceOrder(postings: OrderPostings, invoice: SalesInvoice, quantities: readonly InvoicedQuantity[]): OrderPostings {
  const { header } = postings.order;
  const returned = header.type === 'returnedOrder';
  const lines = postings.order.lines.map((l) => {
    const invoiced = quantities.find((q) => q.salesOrderId === header.salesOrderId && q.line.lineId === l.lineId);
    return invoiced === undefined ? l : invoiceLineOf(l, invoiced.quantity, returned);
  });
  const stamped = (packingSlipId: string) => invoice.packingSlipIds.includes(packingSlipId);
  return {
    order: { header, lines },
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
  const posted = numberInvoice(built.draft, numbering);
  return { invoice: posted.invoice, orders: selection.orders.map((o) => invoiceOrder(o, posted.invoice, built.quantities)), numbering: posted.numbering };
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
