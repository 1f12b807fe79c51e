/**
 * A customer order as its actor holds it (CO-9..CO-11, FF-2..FF-8, RT-1, RT-4): the context, the rules that
 * refuse a change, the changes themselves, and what is derived from it (header and payment status, totals, the
 * summary headquarters mirrors). Statuses are derived, never stored.
 */
import type { Catalog } from './catalog.ts';
import type { Collector } from './collector.ts';
import type { AppliedCharge } from './charges.ts';
import type { OrderSummary } from './channel-transactions.ts';
import type { OrderType } from './cart.ts';
import {
  applyInvoice, applyResetFulfillment, checkAccept, checkInvoice, checkPack, checkPick, checkReject, checkReturn, isFulfillmentStarted,
  orderHeaderStatus, type LineProgress, type OrderHeaderStatus,
} from './fulfillment.ts';
import { sumMinor, type Minor } from './money.ts';
import { buildInvoice, type QuantityOfLine } from './order-invoicing.ts';
import { amountInvoiced, amountPaid, paymentStatus, unappliedPrepayment, type Invoice, type Payment, type PaymentStatus, type TenderMethod } from './payments.ts';
import { checkInvoiceChoice, type ReturnRecord } from './returns.ts';
import { orderSource } from './store-records.ts';
import { orderTotals, type OrderTotals, type SalesLine } from './sales.ts';
import { violation, type RuleViolation } from './violation.ts';

export interface OrderLine extends SalesLine { progress: LineProgress }

export interface CustomerOrderContext {
  orderId: string;
  /** How the order was created; a quote becomes a sales order by approval (CO-9), which the state records. */
  createdAs: OrderType;
  /** The channel's own reference (confirmation number) for the order. */
  channelReference: string;
  storeId: string;
  customerId: string;
  createdAt: number;
  origin: 'pos' | 'callCenter';
  /** CC-2: call-center order completion; such orders are never edited in POS (CO-10). */
  orderCompletion: boolean;
  /**
   * Headquarters' sales order (SY-1, SY-2); null while an async order waits to be synchronized, when it can be
   * neither fulfilled, edited nor cancelled (CO-10, CO-11).
   */
  salesOrderId: string | null;
  lines: OrderLine[];
  charges: AppliedCharge[];
  depositOverride: Minor | null;
  /** CO-8: card token captured at checkout for the balance. */
  cardToken: string | null;
  payments: Payment[];
  invoices: Invoice[];
  returns: ReturnRecord[];
  /** The register holding the order recalled for edit (CO-10). */
  editedBy: string | null;
  cancellation: { charge: Minor; refund: Minor } | null;
}

export type CustomerOrderInput = Omit<CustomerOrderContext, 'editedBy' | 'cancellation' | 'returns'>;

/** The payment a register or the card on file makes for an invoice, a cancellation or a return. */
export interface PaymentReceipt { paymentId: string; method: TenderMethod }

/** Lines the fulfillment locations hold for an order (its ship and pickup lines). */
export interface FulfillmentLineAssignment {
  orderId: string;
  lineId: string;
  productId: string;
  kind: 'ship' | 'pickup';
  modeCode: string;
  locationId: string;
  date: string | null;
  /** CO-15: another person who collects (pickup lines). */
  collector?: Collector | undefined;
  progress: LineProgress;
}

/** What an edit saves (CO-10): the new lines and charges, and what the register took and invoiced. */
export interface SavedEdit {
  lines: OrderLine[];
  charges: AppliedCharge[];
  depositOverride: Minor | null;
  cardToken: string | null;
  payments: Payment[];
  invoices: Invoice[];
}

export type OrderLifecycle = 'quote' | 'order' | 'cancelled';

/** The lifecycle an order's state stands for (its top state); one waiting for headquarters is what it was created as. */
export function lifecycleOf(value: string | Record<string, unknown>, context: Pick<CustomerOrderContext, 'createdAs'>): OrderLifecycle {
  const top = typeof value === 'string' ? value : Object.keys(value)[0];
  if (top === 'awaitingHeadquarters') return context.createdAs === 'quote' ? 'quote' : 'order';
  return top === 'cancelled' ? 'cancelled' : top === 'quote' ? 'quote' : 'order';
}

/** The statuses and money of an order, derived from its lines, invoices and payments (FF-8, CO-8). */
export function orderStatus(context: CustomerOrderContext, lifecycle: OrderLifecycle): { headerStatus: OrderHeaderStatus; paymentStatus: PaymentStatus; totals: OrderTotals; paid: Minor; returned: Minor } {
  const totals = orderTotals(context.lines, context.charges);
  const returned = sumMinor(context.returns.map((r) => r.total));
  // A cancelled order owes its cancellation charge and whatever was invoiced (carried out) before it.
  const owed = (lifecycle === 'cancelled' ? (context.cancellation?.charge ?? 0) + amountInvoiced(context.invoices) : totals.total) + returned;
  return {
    headerStatus: orderHeaderStatus(lifecycle, context.lines.map((l) => l.progress)),
    paymentStatus: paymentStatus(owed, context.payments),
    totals,
    paid: amountPaid(context.payments),
    returned,
  };
}

/** The order as headquarters' sales order mirrors it (SY-1, SY-2). */
export function orderSummary(context: CustomerOrderContext, lifecycle: OrderLifecycle): OrderSummary {
  const status = orderStatus(context, lifecycle);
  return {
    orderId: context.orderId, channelReference: context.channelReference, storeId: context.storeId, customerId: context.customerId,
    createdAt: context.createdAt, orderType: context.createdAs, status: status.headerStatus, paymentStatus: status.paymentStatus,
    lines: context.lines.map((l) => ({
      lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, delivery: l.delivery.kind, modeCode: l.delivery.modeCode,
      locationId: l.delivery.locationId, invoiced: l.progress.invoiced, returned: l.progress.returned,
    })),
    total: status.totals.total, invoiced: amountInvoiced(context.invoices), paid: status.paid, returned: status.returned,
    invoices: context.invoices.map((i) => ({
      invoiceId: i.invoiceId, kind: i.kind, total: i.total,
      lines: i.lines.map((l) => ({ lineId: l.lineId, productId: context.lines.find((o) => o.lineId === l.lineId)!.productId, quantity: l.quantity, amount: l.net + l.tax + l.charges })),
    })),
  };
}

/** SY-2: whether two summaries say the same (an order update is sent only when they differ). */
export function sameSummary(a: OrderSummary, b: OrderSummary): boolean {
  if (a.status !== b.status || a.paymentStatus !== b.paymentStatus || a.total !== b.total || a.invoiced !== b.invoiced || a.paid !== b.paid
    || a.returned !== b.returned || a.orderType !== b.orderType || a.customerId !== b.customerId || a.lines.length !== b.lines.length
    || a.invoices?.length !== b.invoices?.length) return false;
  return a.lines.every((l, i) => {
    const o = b.lines[i]!;
    return l.lineId === o.lineId && l.productId === o.productId && l.quantity === o.quantity && l.unitPrice === o.unitPrice && l.delivery === o.delivery
      && l.modeCode === o.modeCode && l.locationId === o.locationId && l.invoiced === o.invoiced && l.returned === o.returned;
  });
}

/** The order's ship and pickup lines as its fulfilment locations hold them. */
export function fulfillmentAssignments(context: CustomerOrderContext): FulfillmentLineAssignment[] {
  return context.lines.flatMap((l) =>
    l.delivery.kind === 'carryOut'
      ? []
      : [{ orderId: context.orderId, lineId: l.lineId, productId: l.productId, kind: l.delivery.kind, modeCode: l.delivery.modeCode,
          locationId: l.delivery.locationId, date: l.delivery.date ?? null, progress: l.progress,
          ...(l.delivery.collector === undefined ? {} : { collector: l.delivery.collector }) }]);
}

/** The fulfilment locations of an order's ship and pickup lines. */
export function locationsOfOrder(context: Pick<CustomerOrderContext, 'lines'>): Set<string> {
  return new Set(context.lines.filter((l) => l.delivery.kind !== 'carryOut').map((l) => l.delivery.locationId));
}

export function isFullyInvoiced(context: Pick<CustomerOrderContext, 'lines'>): boolean {
  return context.lines.length > 0 && context.lines.every((l) => l.progress.invoiced === l.progress.quantity);
}

// --- Rules (null: the rule allows the change) ---

function lineOf(context: CustomerOrderContext, lineId: string): OrderLine | undefined {
  return context.lines.find((l) => l.lineId === lineId);
}

function firstViolation<T>(items: readonly T[], check: (item: T, index: number) => RuleViolation | null): RuleViolation | null {
  for (const [i, item] of items.entries()) {
    const found = check(item, i);
    if (found !== null) return found;
  }
  return null;
}

/** Fulfilment reports name ship and pickup lines of the order, at least one. */
export function checkQuantities(context: CustomerOrderContext, lines: readonly QuantityOfLine[], check: (line: OrderLine, quantity: number) => RuleViolation | null): RuleViolation | null {
  if (lines.length === 0) return violation('VALIDATION', 'name at least one line', 'lines');
  return firstViolation(lines, ({ lineId, quantity }, i) => {
    const line = lineOf(context, lineId);
    if (line === undefined || line.delivery.kind === 'carryOut') return violation('NOT_FOUND', `order ${context.orderId} has no fulfilment line "${lineId}"`, `lines.${i}.lineId`);
    return check(line, quantity);
  });
}

export function checkLineIds(context: CustomerOrderContext, lineIds: readonly string[], check: (line: OrderLine) => RuleViolation | null): RuleViolation | null {
  return checkQuantities(context, lineIds.map((lineId) => ({ lineId, quantity: 0 })), (line) => check(line));
}

/** CO-10: when an order may be recalled for edit at a store. */
export function checkRecallForEdit(catalog: Catalog, context: CustomerOrderContext, storeId: string): RuleViolation | null {
  if (context.origin === 'callCenter' && context.orderCompletion) return violation('CO-10', 'call-center orders with order completion are never edited in POS', 'orderId');
  // The most final reason first: a fully invoiced order is never edited, whatever the feature says.
  if (context.lines.every((l) => l.progress.invoiced === l.progress.quantity)) return violation('CO-10', 'fully invoiced orders can never be edited', 'orderId');
  const started = context.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind));
  const feature = catalog.stores.get(storeId)?.functionality.editPartiallyFulfilledOrders ?? false;
  if (started && !feature) return violation('CO-10', 'partially fulfilled orders can be edited only with the edit-partially-fulfilled-orders feature', 'orderId');
  return null;
}

/** CO-10: an edit is saved or let go only by the register that recalled the order. */
export function checkEditedBy(context: CustomerOrderContext, registerId: string): RuleViolation | null {
  return context.editedBy === registerId ? null : violation('CONFLICT', `order ${context.orderId} is recalled at register ${context.editedBy ?? '(none)'}`, 'registerId');
}

export const checkAcceptLines = (context: CustomerOrderContext, lineIds: readonly string[]) => checkLineIds(context, lineIds, (l) => checkAccept(l.progress));
export const checkPickListLines = (context: CustomerOrderContext, lineIds: readonly string[]) =>
  checkLineIds(context, lineIds, (l) => (l.progress.accepted ? null : violation('FF-2', 'line is Pending: accept it before processing', 'lineIds')));
export const checkPickLines = (context: CustomerOrderContext, lines: readonly QuantityOfLine[]) => checkQuantities(context, lines, (l, q) => checkPick(l.progress, q));
export const checkPackLines = (context: CustomerOrderContext, lines: readonly QuantityOfLine[]) => checkQuantities(context, lines, (l, q) => checkPack(l.progress, l.delivery.kind, q));
export const checkRejectLines = (context: CustomerOrderContext, lines: readonly QuantityOfLine[]) => checkQuantities(context, lines, (l, q) => checkReject(l.progress, q));
export const checkResetLines = (context: CustomerOrderContext, lineIds: readonly string[]) =>
  checkLineIds(context, lineIds, (l) => (l.progress.rejected > 0 ? null : violation('FF-7', 'only rejected lines can be reset', 'lineIds')));

/** FF-5 / FF-6: the units invoiced are there to invoice; CO-8: a ship invoice's balance goes on the card token. */
export function checkInvoiceLines(context: CustomerOrderContext, invoiceId: string, kind: 'ship' | 'pickup', lines: readonly QuantityOfLine[]): RuleViolation | null {
  const found = checkQuantities(context, lines, (l, q) => checkInvoice(l.progress, kind === 'ship' ? 'FF-5' : 'FF-6', q));
  if (found !== null) return found;
  const { collect } = buildInvoice(context, invoiceId, kind, lines);
  if (kind === 'ship' && collect > 0 && context.cardToken === null) {
    return violation('CO-8', `order ${context.orderId} has no card on file for the balance due at shipping: the customer pays it at a till first`, 'orderId', { collect });
  }
  return null;
}

/**
 * CO-11: cancelling is refused once fulfilment has started; the charge is a whole non-negative amount. CC-21: a
 * call-center order is never cancelled in POS.
 */
export function checkCancel(context: CustomerOrderContext, charge: Minor): RuleViolation | null {
  if (context.origin === 'callCenter') return violation('CC-21', 'orders from a call center are cancelled in the call center, never at the store', 'orderId');
  if (context.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind))) {
    return violation('CO-11', 'the order status forbids cancelling: fulfilment has started', 'orderId');
  }
  return Number.isInteger(charge) && charge >= 0 ? null : violation('CO-11', 'cancellation charge must be a non-negative whole amount', 'charge');
}

/** RT-1: returned lines are the order's, no more than invoiced and not yet returned; CO-16 nor than their invoice holds. */
export function checkReturnOf(context: CustomerOrderContext, record: ReturnRecord): RuleViolation | null {
  return firstViolation(record.lines, (r, i) => {
    const line = lineOf(context, r.lineId);
    if (line === undefined) return violation('RT-1', `line "${r.lineId}" is not on order ${context.orderId}`, `lines.${i}.lineId`);
    return checkReturn(line.progress, r.quantity);
  }) ?? (record.invoiceId === undefined ? null : checkInvoiceChoice(orderSource(context), record.lines, record.invoiceId));
}

// --- Changes ---

/** The lines with `apply` applied to the progress of the named ones. */
export function progressLines(context: CustomerOrderContext, lines: readonly QuantityOfLine[], apply: (p: LineProgress, q: number) => LineProgress): OrderLine[] {
  const byLine = new Map(lines.map((l) => [l.lineId, l.quantity]));
  return context.lines.map((l) => (byLine.has(l.lineId) ? { ...l, progress: apply(l.progress, byLine.get(l.lineId)!) } : l));
}

export function markLines(context: CustomerOrderContext, lineIds: readonly string[], apply: (line: OrderLine) => LineProgress): OrderLine[] {
  const ids = new Set(lineIds);
  return context.lines.map((l) => (ids.has(l.lineId) ? { ...l, progress: apply(l) } : l));
}

/** FF-7: headquarters' reset returns rejected units to Accepted (or Pending at a manual-accept location). */
export function resetLines(context: CustomerOrderContext, lineIds: readonly string[], manualAccept: boolean): OrderLine[] {
  return markLines(context, lineIds, (l) => applyResetFulfillment(l.progress, l.delivery.kind, manualAccept));
}

/** FF-5 / FF-6 / CO-8: an invoice, and the payment collecting what deposits do not cover. */
export function invoiceOrder(context: CustomerOrderContext, invoiceId: string, kind: 'ship' | 'pickup', lines: readonly QuantityOfLine[], payment: PaymentReceipt): Pick<CustomerOrderContext, 'lines' | 'invoices' | 'payments'> {
  const { invoice, collect } = buildInvoice(context, invoiceId, kind, lines);
  const payments = collect > 0
    ? [...context.payments, { paymentId: payment.paymentId, kind: kind === 'ship' ? 'capture' as const : 'pickup' as const, method: payment.method, amount: collect }]
    : context.payments;
  return { lines: progressLines(context, lines, applyInvoice), invoices: [...context.invoices, invoice], payments };
}

/**
 * CO-11: refund = deposits held - charge. A negative refund is what the customer owes: collected from them as a
 * cancellation charge payment (positive), not recorded as a refund.
 */
export function cancelOrder(context: CustomerOrderContext, charge: Minor, payment: PaymentReceipt): Pick<CustomerOrderContext, 'payments' | 'cancellation'> {
  const refund = unappliedPrepayment(context.payments, context.invoices) - charge;
  const payments = refund === 0 ? context.payments
    : [...context.payments, { paymentId: payment.paymentId, kind: refund > 0 ? 'refund' as const : 'cancellationCharge' as const, method: payment.method, amount: -refund }];
  return { payments, cancellation: { charge, refund } };
}

/** RT-1 / RT-4: a return posted against the order, with its refund. */
export function postReturn(context: CustomerOrderContext, record: ReturnRecord, payment: PaymentReceipt): Pick<CustomerOrderContext, 'returns' | 'lines' | 'payments'> {
  const returned = new Map(record.lines.map((l) => [l.lineId, l.quantity]));
  return {
    returns: [...context.returns, record],
    lines: context.lines.map((l) => (returned.has(l.lineId) ? { ...l, progress: { ...l.progress, returned: l.progress.returned + returned.get(l.lineId)! } } : l)),
    payments: [...context.payments, { paymentId: payment.paymentId, kind: 'returnRefund' as const, method: payment.method, amount: record.total }],
  };
}

/** CO-10: a saved edit replaces lines and charges and adds what the register took and invoiced. */
export function saveEdit(context: CustomerOrderContext, edit: SavedEdit): Partial<CustomerOrderContext> {
  return {
    lines: edit.lines, charges: edit.charges, depositOverride: edit.depositOverride, cardToken: edit.cardToken ?? context.cardToken,
    payments: [...context.payments, ...edit.payments], invoices: [...context.invoices, ...edit.invoices], editedBy: null,
  };
}
