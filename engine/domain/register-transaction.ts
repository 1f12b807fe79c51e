/**
 * A register (till) and its transaction (CO-2..CO-11, FF-6, RT-1..RT-3) as the register actor holds them: the
 * context, what the transaction asks of the customer, the rules that refuse a till operation, and the
 * transactions a recall or a return starts.
 */
import { cartAmountDue, checkCompletion, emptyCart, keptOnCompletion, repriceCart, type Cart } from './cart.ts';
import { hasPermission, type Catalog } from './catalog.ts';
import type { CustomerOrderContext, OrderLine } from './customer-order.ts';
import { openQuantity } from './fulfillment.ts';
import { formatMoney, sumMinor, type Minor } from './money.ts';
import { editAmountDue } from './order-edit.ts';
import type { QuantityOfLine } from './order-invoicing.ts';
import { paidTowardsOrder, unappliedPrepayment, type Invoice, type Payment, type TenderMethod } from './payments.ts';
import { calculateReturn, type ReturnRequestLine, type ReturnSource } from './returns.ts';
import type { AppliedCharge } from './charges.ts';
import type { Shift, ShiftReport } from './shift.ts';
import type { ReceiptDocument } from './receipt-document.ts';
import { violation, type RuleViolation } from './violation.ts';

export type TransactionKind = 'sale' | 'orderEdit' | 'cancellation' | 'pickup' | 'return';

export interface Tender { tenderId: string; method: TenderMethod; amount: Minor }

/** What the register needs of an order it recalls (edit, cancel, pick up). */
export interface RecalledOrder {
  orderId: string;
  customerId: string;
  lines: OrderLine[];
  /** The order's payments and invoices: what was paid, invoiced and is still held as deposit (CO-10, CO-11). */
  payments: Payment[];
  invoices: Invoice[];
  cardToken: string | null;
  charges: AppliedCharge[];
  depositOverride: Minor | null;
  isQuote: boolean;
}

/** The original a return is made against (RT-1): a customer order or a cash-and-carry receipt. */
export interface ReturnOriginal { kind: 'order' | 'receipt'; id: string; customerId: string | null; source: ReturnSource }

export interface RegisterTransaction {
  transactionId: string;
  kind: TransactionKind;
  cart: Cart;
  tenders: Tender[];
  /** CO-8: token captured for the balance of a ship (or pickup) order. */
  cardToken: string | null;
  order: RecalledOrder | null;
  /** CO-11: the cancellation charge, proposed from the parameters and adjustable before confirming. */
  cancellationCharge: Minor | null;
  /** FF-6: the lines being picked up and what the customer pays for them. */
  pickupLines: QuantityOfLine[];
  pickupDue: Minor;
  returnOriginal: ReturnOriginal | null;
  returnLines: ReturnRequestLine[];
  /** CO-16: the invoice of the original the return is made against (null: the original has one invoice, or none). */
  returnInvoiceId: string | null;
  /** RT-3: the manager who approved a shipping refund over the limit. */
  approvedBy: string | null;
}

export interface RegisterContext {
  registerId: string;
  storeId: string;
  operatorId: string | null;
  transaction: RegisterTransaction | null;
  /** The open shift and its running totals (null: closed). */
  shift: Shift | null;
  /** The Z reports of the register's closed shifts, oldest first. */
  zReports: ShiftReport[];
  /** The receipts of the last completed transactions, newest first (at most RECENT_RECEIPTS), to print or email again. */
  receipts: ReceiptDocument[];
}

/** A tender as the till sends it. */
export interface TenderRequest { method: TenderMethod; amount: Minor; cardToken?: string | undefined; approverId?: string | undefined }

export function tendered(transaction: RegisterTransaction): Minor {
  return sumMinor(transaction.tenders.map((t) => t.amount));
}

/** What the transaction asks of the customer: positive = pay, negative = refund. */
export function transactionDue(catalog: Catalog, transaction: RegisterTransaction): Minor {
  const { order } = transaction;
  switch (transaction.kind) {
    case 'sale':
      return cartAmountDue(catalog, transaction.cart).due;
    case 'orderEdit':
      return editAmountDue(catalog, transaction.cart, order!);
    case 'cancellation':
      // CO-11: refund = deposits held - charge (negative = the customer owes).
      return (transaction.cancellationCharge ?? 0) - unappliedPrepayment(order!.payments, order!.invoices);
    case 'pickup':
      return transaction.pickupDue;
    case 'return':
      return transaction.returnOriginal === null || transaction.returnLines.length === 0
        ? 0 : calculateReturn(catalog, transaction.returnOriginal.source, transaction.returnLines).total;
  }
}

/** What was paid on the order before this transaction (an edit counts it towards the new total). */
function paidBefore(transaction: RegisterTransaction): Minor {
  return transaction.kind === 'orderEdit' ? paidTowardsOrder(transaction.order!.payments) : 0;
}

/**
 * What a completing transaction keeps of `received`: a refund as tendered; for a sale or an edit the due, and cash
 * beyond it as prepayment up to what the order still owes (the rest is change); otherwise the due.
 */
export function amountKept(catalog: Catalog, transaction: RegisterTransaction, received: Minor): Minor {
  const due = transactionDue(catalog, transaction);
  if (due < 0) return received;
  if (transaction.kind === 'sale' || transaction.kind === 'orderEdit') return keptOnCompletion(transaction.cart, due, paidBefore(transaction), received);
  return Math.min(received, due);
}

/** Whether a tender of `amount` settles the transaction. */
export function completesTransaction(catalog: Catalog, transaction: RegisterTransaction, amount: Minor): boolean {
  const due = transactionDue(catalog, transaction);
  const after = tendered(transaction) + amount;
  return due >= 0 ? after >= due : after === due;
}

/** The register's view of an order it recalls for edit, cancel or pickup. */
export function recalledOrder(order: CustomerOrderContext, isQuote: boolean): RecalledOrder {
  return {
    orderId: order.orderId, customerId: order.customerId, lines: order.lines, payments: order.payments, invoices: order.invoices,
    cardToken: order.cardToken, charges: order.charges, depositOverride: order.depositOverride, isQuote,
  };
}

export function newTransaction(cart: Cart, transactionId: string, kind: TransactionKind, extra: Partial<RegisterTransaction> = {}): RegisterTransaction {
  return {
    transactionId, kind, cart, tenders: [], cardToken: null, order: null, cancellationCharge: null,
    pickupLines: [], pickupDue: 0, returnOriginal: null, returnLines: [], returnInvoiceId: null, approvedBy: null, ...extra,
  };
}

/** CO-10: the edit of a recalled order; existing lines keep their prices and discounts until Recalculate. */
export function editTransaction(catalog: Catalog, storeId: string, transactionId: string, order: RecalledOrder): RegisterTransaction {
  const lines = order.lines.map(({ progress: _progress, ...line }) => ({ ...line, priceLocked: true }));
  const cart = repriceCart(catalog, {
    ...emptyCart(catalog, storeId), customerId: order.customerId, lines, nextLineNumber: lines.length + 1,
    charges: order.charges, depositOverride: order.depositOverride, orderType: order.isQuote ? 'quote' : 'customerOrder',
  });
  return newTransaction(cart, transactionId, 'orderEdit', { order, cardToken: order.cardToken });
}

/** CO-11: the cancellation of a recalled order with its proposed charge. */
export function cancellationTransaction(catalog: Catalog, storeId: string, transactionId: string, order: RecalledOrder, proposedCharge: Minor): RegisterTransaction {
  return newTransaction({ ...emptyCart(catalog, storeId), customerId: order.customerId }, transactionId, 'cancellation', { order, cancellationCharge: proposedCharge });
}

/** FF-6: the whole order loaded in the cart, lines not picked up now at quantity 0. */
export function pickupTransaction(catalog: Catalog, storeId: string, transactionId: string, order: RecalledOrder, lines: readonly QuantityOfLine[], due: Minor): RegisterTransaction {
  const cartLines = order.lines.map(({ progress: _progress, ...line }) => ({ ...line, quantity: lines.find((l) => l.lineId === line.lineId)?.quantity ?? 0, priceLocked: true }));
  const cart = { ...emptyCart(catalog, storeId), customerId: order.customerId, lines: cartLines };
  return newTransaction(cart, transactionId, 'pickup', { order, pickupLines: [...lines], pickupDue: due, cardToken: order.cardToken });
}

/** RT-1: a return against an original found by the register (CO-16: found by one of its invoices, against that invoice). */
export function returnTransaction(catalog: Catalog, storeId: string, transactionId: string, original: ReturnOriginal, invoiceId: string | null = null): RegisterTransaction {
  return newTransaction({ ...emptyCart(catalog, storeId), customerId: original.customerId }, transactionId, 'return', { returnOriginal: original, returnInvoiceId: invoiceId });
}

/** A tender added to the transaction (with the card token and approver it brought). */
export function withTender(transaction: RegisterTransaction, tenderId: string, tender: TenderRequest): RegisterTransaction {
  return {
    ...transaction,
    tenders: [...transaction.tenders, { tenderId, method: tender.method, amount: tender.amount }],
    cardToken: tender.cardToken ?? transaction.cardToken,
    approvedBy: tender.approverId ?? transaction.approvedBy,
  };
}

// --- Rules (null: the rule allows the operation) ---

/** The recalled order's progress for a cart line, if the line was on the order before the edit. */
function recalledProgress(transaction: RegisterTransaction, lineId: string): OrderLine['progress'] | undefined {
  return transaction.order?.lines.find((l) => l.lineId === lineId)?.progress;
}

/** CO-10: the recalled order's lines with invoiced units: their price and charges are what was invoiced. */
export function invoicedLineIds(transaction: RegisterTransaction): Set<string> {
  return new Set((transaction.order?.lines ?? []).filter((l) => l.progress.invoiced > 0).map((l) => l.lineId));
}

/** CO-10: the charges of a line with invoiced units stay as invoiced. */
export function checkChargeOfInvoicedLine(transaction: RegisterTransaction | null, lineId: string | undefined, field: string): RuleViolation | null {
  if (transaction === null || lineId === undefined || !invoicedLineIds(transaction).has(lineId)) return null;
  return violation('CO-10', `line ${lineId} has invoiced units: its charges stay as invoiced`, field);
}

/** CO-10: an edit may not take back what fulfilment has already done to a line. */
export function checkEditOfLine(transaction: RegisterTransaction, lineId: string, change: 'quantity' | 'remove' | 'delivery', quantity = 0): RuleViolation | null {
  const progress = recalledProgress(transaction, lineId);
  if (progress === undefined) return null;
  const processed = progress.quantity - openQuantity(progress);
  const isSoldCarryOut = transaction.order?.lines.find((l) => l.lineId === lineId)?.delivery.kind === 'carryOut';
  if (change === 'quantity' && isSoldCarryOut) {
    return quantity === progress.quantity ? null : violation('CO-10', `line ${lineId} was carried out and invoiced: add a new line instead`, 'quantity');
  }
  if (change === 'quantity') {
    return quantity >= processed ? null : violation('CO-10', `line ${lineId} has ${processed} units in fulfilment: quantity cannot go below that`, 'quantity');
  }
  return processed === 0 ? null : violation('CO-10', `line ${lineId} is in fulfilment: it cannot be ${change === 'remove' ? 'removed' : 're-routed'}`, 'lineId');
}

/** The operator whose permissions an operation needs: the approver, else the operator on the shift. */
/**
 * CO-9: a quote recalled at the till is approved into a sales order with the same lines; the deposit is then due
 * (CO-5). Approving is a manager's override (ST-5, decision): the operator's, or an approving manager's.
 */
export function checkQuoteApproval(catalog: Catalog, transaction: RegisterTransaction | null, approverId: string): RuleViolation | null {
  if (transaction?.kind !== 'orderEdit' || transaction.order?.isQuote !== true) return violation('CO-9', 'only a quote recalled for edit can be approved into an order', 'registerId');
  if (transaction.cart.orderType !== 'quote') return violation('CO-9', `quote ${transaction.order.orderId} is already approved: finish with a tender to collect the deposit`, 'registerId');
  return hasPermission(catalog, approverId, 'managerOverride') ? null : violation('CO-9', 'approving a quote into an order needs the managerOverride permission', 'approverId');
}

export function approverOf(context: RegisterContext, approverId: string | undefined): string {
  return approverId ?? context.operatorId ?? '';
}

/**
 * A tender's amount fits what is due (payments positive, card payments no more than remains, refunds negative and
 * within the refund); CO-8 a card on file to charge; and, when it completes the transaction, what completion needs:
 * CO-1/CO-8/CO-9 for a sale or an edit, RT-1/RT-3 for a return.
 */
export function checkTender(catalog: Catalog, transaction: RegisterTransaction, tender: TenderRequest): RuleViolation | null {
  const due = transactionDue(catalog, transaction);
  const remaining = due - tendered(transaction);
  if (!Number.isInteger(tender.amount)) return violation('VALIDATION', 'the amount is not a valid amount of money', 'amount');
  if (due > 0 || (due === 0 && remaining !== 0)) {
    if (tender.amount <= 0 && !(remaining <= 0 && tender.amount === 0)) return violation('VALIDATION', 'a payment must be positive', 'amount');
    if (tender.method !== 'cash' && tender.amount > remaining) return violation('VALIDATION', `a card payment cannot be more than the ${formatMoney(remaining, catalog.config.currency)} left to pay`, 'amount', { remaining });
  } else if (due < 0) {
    if (tender.amount >= 0 || tender.amount < remaining) return violation('VALIDATION', `the refund is at most ${formatMoney(-remaining, catalog.config.currency)}`, 'amount', { refund: -remaining });
  } else if (tender.amount !== 0) {
    return violation('VALIDATION', 'nothing is due: finish with a zero payment', 'amount');
  }
  if (tender.method === 'cardToken' && (transaction.order?.cardToken ?? transaction.cardToken) === null) {
    return violation('CO-8', 'the order has no card token to charge', 'method');
  }
  if (!completesTransaction(catalog, transaction, tender.amount)) return null;
  const cardToken = tender.cardToken ?? transaction.cardToken ?? transaction.order?.cardToken ?? null;
  if (transaction.kind === 'sale' || transaction.kind === 'orderEdit') {
    const paidAfter = paidBefore(transaction) + amountKept(catalog, transaction, tendered(transaction) + tender.amount);
    const found = checkCompletion(transaction.cart, paidAfter, cardToken);
    if (found !== null) return found;
  }
  if (transaction.kind === 'return') {
    if (transaction.returnLines.length === 0) return violation('RT-1', 'choose the lines to return first', 'lines');
    const calculation = calculateReturn(catalog, transaction.returnOriginal!.source, transaction.returnLines);
    const approvedBy = tender.approverId ?? transaction.approvedBy;
    if (calculation.needsApproval && (approvedBy === undefined || approvedBy === null || !hasPermission(catalog, approvedBy, 'managerOverride'))) {
      const limit = catalog.config.parameters.maxShippingRefundWithoutApproval;
      return violation('RT-3', `refunding more than ${formatMoney(limit, catalog.config.currency)} of shipping needs a manager's approval`, 'approverId', { limit });
    }
  }
  return null;
}

/** ST-5: a shift is opened by staff of the register's store. */
export function checkShiftOperator(catalog: Catalog, storeId: string, operatorId: string): RuleViolation | null {
  const staff = catalog.staff.get(operatorId);
  if (staff === undefined) return violation('NOT_FOUND', `unknown operator "${operatorId}"`, 'operatorId');
  return staff.storeIds.includes(storeId) ? null : violation('ST-5', `operator ${operatorId} does not work at store ${storeId}`, 'operatorId');
}

/** RT-1: customer orders are returnable once invoiced. */
export function checkReturnable(original: ReturnOriginal): RuleViolation | null {
  return original.source.lines.some((l) => l.invoiced > 0)
    ? null : violation('RT-1', 'customer orders are returnable once invoiced: nothing on this original is invoiced yet', 'original');
}
