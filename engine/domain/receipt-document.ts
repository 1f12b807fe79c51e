/**
 * The printed receipt of a completed till transaction (a sale, an order's deposit, an edit, a pickup, a return, a
 * cancellation): what the customer takes home. Built once when the transaction completes, from what it did, so a
 * reprint shows the same thing whatever happened to the order since.
 */
import type { AppliedCharge } from './charges.ts';
import type { Catalog } from './catalog.ts';
import type { Minor } from './money.ts';
import type { CustomerOrderContext } from './customer-order.ts';
import { paidTowardsOrder, type Invoice, type TenderMethod } from './payments.ts';
import { amountKept, tendered, transactionDue, type RegisterTransaction, type TransactionKind } from './register-transaction.ts';
import type { ReturnRecord } from './returns.ts';
import { lineAmounts, orderTotals, type SalesLine } from './sales.ts';

/** How many receipts a register keeps to print or email again: a constant, so keeping one costs the same all day. */
export const RECENT_RECEIPTS = 10;

export interface ReceiptLine { productId: string; description: string; quantity: number; unitPrice: Minor; net: Minor; tax: Minor; charges: Minor }

/** The order the transaction was about: its number, total, what is paid and what is still owed. */
export interface ReceiptOrder { orderId: string; channelReference: string; total: Minor; paid: Minor; balanceDue: Minor }

export interface ReceiptDocument {
  transactionId: string;
  kind: TransactionKind;
  /** A quote is printed as such: nothing is paid on it. */
  isQuote: boolean;
  storeId: string;
  storeName: string;
  currency: string;
  registerId: string;
  shiftId: string | null;
  operatorId: string;
  at: number;
  /** The cash-and-carry receipt id, the invoice of a pickup, the RMA of a return (null where there is none). */
  receiptId: string | null;
  invoiceId: string | null;
  rmaNumber: string | null;
  lines: ReceiptLine[];
  net: Minor;
  tax: Minor;
  charges: Minor;
  total: Minor;
  /** What the transaction asked of the customer: positive = paid, negative = refunded. */
  due: Minor;
  tenders: { method: TenderMethod; amount: Minor }[];
  change: Minor;
  order: ReceiptOrder | null;
  cancellationCharge: Minor | null;
}

/** What the transaction's lines come to, as the receipt prints them. */
export interface ReceiptBody { lines: ReceiptLine[]; net: Minor; tax: Minor; charges: Minor; total: Minor }

const describe = (catalog: Catalog, productId: string) => catalog.products.get(productId)?.name ?? productId;

/** A sale or an edit: the cart's lines with their tax and charges. */
export function cartBody(catalog: Catalog, lines: readonly SalesLine[], charges: readonly AppliedCharge[]): ReceiptBody {
  const totals = orderTotals(lines, charges);
  return {
    lines: lines.map((line) => ({ productId: line.productId, description: describe(catalog, line.productId), quantity: line.quantity, unitPrice: line.unitPrice, ...lineAmounts(line, charges) })),
    net: totals.net, tax: totals.tax, charges: totals.charges, total: totals.total,
  };
}

/** A pickup: the invoice it made. */
export function invoiceBody(catalog: Catalog, lines: readonly SalesLine[], invoice: Invoice): ReceiptBody {
  const receiptLines = invoice.lines.map((invoiced) => {
    const line = lines.find((l) => l.lineId === invoiced.lineId);
    const productId = line?.productId ?? invoiced.lineId;
    return { productId, description: describe(catalog, productId), quantity: invoiced.quantity, unitPrice: line?.unitPrice ?? 0, net: invoiced.net, tax: invoiced.tax, charges: invoiced.charges };
  });
  const sum = (pick: (l: ReceiptLine) => Minor) => receiptLines.reduce((total, l) => total + pick(l), 0);
  return { lines: receiptLines, net: sum((l) => l.net), tax: sum((l) => l.tax), charges: sum((l) => l.charges) + invoice.headerCharges, total: invoice.total };
}

/** A return: its refunded lines and charges (negative). */
export function returnBody(catalog: Catalog, lines: readonly { lineId: string; productId: string; unitPrice: Minor }[], record: ReturnRecord): ReceiptBody {
  const receiptLines = record.lines.map((returned) => {
    const line = lines.find((l) => l.lineId === returned.lineId);
    const productId = line?.productId ?? returned.lineId;
    return { productId, description: describe(catalog, productId), quantity: -returned.quantity, unitPrice: line?.unitPrice ?? 0, net: returned.net, tax: returned.tax, charges: 0 };
  });
  const charges = record.charges.reduce((total, c) => total + c.amount, 0);
  return { lines: receiptLines, net: receiptLines.reduce((t, l) => t + l.net, 0), tax: receiptLines.reduce((t, l) => t + l.tax, 0), charges, total: record.total };
}

/** A cancellation prints the charge it levied; its lines are gone. */
export function cancellationBody(charge: Minor): ReceiptBody {
  return { lines: [], net: 0, tax: 0, charges: charge, total: charge };
}

/** What the completion made that the receipt prints: a pickup's invoice, a return's record. */
export interface CompletionMade { invoice: Invoice | null; returnRecord: ReturnRecord | null }

/** The receipt's lines and totals for a transaction of any kind. */
export function receiptBody(catalog: Catalog, transaction: RegisterTransaction, made: CompletionMade): ReceiptBody {
  switch (transaction.kind) {
    case 'sale':
    case 'orderEdit':
      return cartBody(catalog, transaction.cart.lines, transaction.cart.charges);
    case 'pickup':
      return invoiceBody(catalog, transaction.cart.lines, made.invoice!);
    case 'return':
      return returnBody(catalog, transaction.returnOriginal!.source.lines, made.returnRecord!);
    case 'cancellation':
      return cancellationBody(transaction.cancellationCharge ?? 0);
  }
}

/** The order on the receipt: its total, what was paid for it (return refunds aside) and what is still owed. */
export function receiptOrder(order: Pick<CustomerOrderContext, 'orderId' | 'channelReference' | 'lines' | 'charges' | 'payments' | 'cancellation'>): ReceiptOrder {
  const total = orderTotals(order.lines, order.charges).total;
  const paid = paidTowardsOrder(order.payments);
  return { orderId: order.orderId, channelReference: order.channelReference, total, paid, balanceDue: order.cancellation !== null ? 0 : Math.max(0, total - paid) };
}

/** The register's recent receipts with a new one: newest first, at most RECENT_RECEIPTS. */
export function withReceipt(receipts: readonly ReceiptDocument[], receipt: ReceiptDocument): ReceiptDocument[] {
  return [receipt, ...receipts.slice(0, RECENT_RECEIPTS - 1)];
}

export interface ReceiptContext {
  storeId: string;
  registerId: string;
  shiftId: string | null;
  operatorId: string;
  at: number;
  isQuote: boolean;
  references: { receiptId?: string | undefined; invoiceId?: string | undefined; rmaNumber?: string | undefined };
  order: ReceiptOrder | null;
}

/** The receipt of a completed transaction (its tenders all given). */
export function receiptDocument(catalog: Catalog, transaction: RegisterTransaction, body: ReceiptBody, context: ReceiptContext): ReceiptDocument {
  const received = tendered(transaction);
  const store = catalog.stores.get(context.storeId);
  return {
    transactionId: transaction.transactionId, kind: transaction.kind, isQuote: context.isQuote,
    storeId: context.storeId, storeName: store?.name ?? context.storeId, currency: catalog.config.currency,
    registerId: context.registerId, shiftId: context.shiftId, operatorId: context.operatorId, at: context.at,
    receiptId: context.references.receiptId ?? null, invoiceId: context.references.invoiceId ?? null, rmaNumber: context.references.rmaNumber ?? null,
    ...body,
    due: transactionDue(catalog, transaction),
    tenders: transaction.tenders.map(({ method, amount }) => ({ method, amount })),
    change: received - amountKept(catalog, transaction, received),
    order: context.order,
    cancellationCharge: transaction.kind === 'cancellation' ? transaction.cancellationCharge : null,
  };
}
