/**
 * A register completed a transaction (the tender that settled it): a cash-and-carry sale becomes a receipt (CO-4),
 * a sale with ship or pickup lines a customer order (CO-4, CO-5) placed at headquarters (SY-1..SY-3), an edit is
 * saved (CO-10), a cancellation made (CO-11), a pickup invoiced (FF-6), a return posted (RT-1..RT-4).
 */
import type { CommandScope } from '../command-scope.ts';
import { manualAcceptAt } from '../domain/catalog.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import { productQuantities } from '../domain/fulfillment.ts';
import { editedOrder } from '../domain/order-edit.ts';
import { buildInvoice, registerInvoice, type InvoicedOrder, type QuantityOfLine } from '../domain/order-invoicing.ts';
import type { Invoice, Payment, TenderMethod } from '../domain/payments.ts';
import { amountKept, tendered, type RegisterTransaction } from '../domain/register-transaction.ts';
import { isCustomerOrder } from '../domain/sales.ts';
import { carriedOut, newOrderLines, registerPayments, saleReceipt } from '../domain/transaction-completion.ts';
import { refuse } from '../domain/violation.ts';
import { issueReceipt } from './issue-receipt.ts';
import { placeOrderAtHeadquarters } from './place-order-at-headquarters.ts';
import { postReturn } from './post-return.ts';
import { moveShelf } from './shelf.ts';

export function completeTransaction(scope: CommandScope, registerId: string, storeId: string, transaction: RegisterTransaction): void {
  settleTransaction(scope, registerId, storeId, transaction);
  issueReceipt(scope, registerId, storeId, transaction);
}

function settleTransaction(scope: CommandScope, registerId: string, storeId: string, transaction: RegisterTransaction): void {
  const kept = amountKept(scope.catalog, transaction, tendered(transaction));
  const method: TenderMethod = transaction.tenders.at(-1)?.method ?? 'cash';
  switch (transaction.kind) {
    case 'sale':
      if (isCustomerOrder(transaction.cart.lines)) createOrder(scope, storeId, transaction, payments(scope, kept, method));
      else recordSale(scope, registerId, storeId, transaction);
      return;
    case 'orderEdit':
      saveOrderEdit(scope, registerId, storeId, transaction, payments(scope, kept, method));
      return;
    case 'cancellation': {
      const { orderId } = transaction.order!;
      scope.send('order', orderId, { type: 'CANCEL', registerId, charge: transaction.cancellationCharge ?? 0, payment: { paymentId: scope.ids.next('PAY'), method } });
      scope.tell({ orderId });
      return;
    }
    case 'pickup':
      handOverPickup(scope, storeId, transaction, method);
      return;
    case 'return':
      postReturn(scope, storeId, transaction, method);
  }
}

function payments(scope: CommandScope, amount: number, method: TenderMethod): Payment[] {
  return registerPayments(amount, method, () => scope.ids.next('PAY'));
}

/** CO-5: the invoice the register issues for carried-out lines (and charges nothing else will invoice), if any. */
function registerInvoices(scope: CommandScope, order: InvoicedOrder, carriedOut: readonly QuantityOfLine[]): Invoice[] {
  const invoice = registerInvoice(order, 'pending', carriedOut);
  return invoice === null ? [] : [{ ...invoice, invoiceId: scope.ids.next('INV') }];
}

/** CO-4: a cash-and-carry sale: a receipt returns can find, posted to headquarters. */
function recordSale(scope: CommandScope, registerId: string, storeId: string, transaction: RegisterTransaction): void {
  const receipt = saleReceipt(transaction.cart, transaction.transactionId, storeId, registerId, scope.now);
  const { receiptId, customerId, total } = receipt;
  scope.putReceipt(receipt);
  scope.queue({ key: outboundKey.receipt(storeId, receiptId), kind: 'receipt', storeId, at: scope.now, receipt: { receiptId, registerId, customerId, total, lines: receipt.lines.length } });
  moveShelf(scope, storeId, 'SOLD_AT_REGISTER', receipt.lines);
  scope.tell({ receiptId });
}

/** CO-4 / CO-5: a customer order; its carry-out lines are invoiced at once and leave the shelf. */
function createOrder(scope: CommandScope, storeId: string, transaction: RegisterTransaction, paid: Payment[]): void {
  const { cart } = transaction;
  const channelReference = `${storeId}-${transaction.transactionId}`;
  const orderId = scope.ids.takeReserved(channelReference) ?? scope.ids.next('CO');
  const lines = newOrderLines(scope.catalog, cart);
  const carried = carriedOut(lines);
  const invoices = registerInvoices(scope, { lines, charges: cart.charges, invoices: [], payments: paid }, carried);
  moveShelf(scope, storeId, 'SOLD_AT_REGISTER', productQuantities({ lines }, carried));
  scope.spawn('order', orderId, {
    orderId, createdAs: cart.orderType, channelReference, storeId, customerId: cart.customerId!,
    createdAt: scope.now, origin: 'pos', orderCompletion: false, salesOrderId: null,
    lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken, payments: paid, invoices,
  });
  scope.atTheEnd(() => placeOrderAtHeadquarters(scope, orderId));
  scope.tell({ orderId });
}

/** CO-10: the edit is saved; lines carried out now (and charges nothing else will invoice) are invoiced at the register. */
function saveOrderEdit(scope: CommandScope, registerId: string, storeId: string, transaction: RegisterTransaction, paid: Payment[]): void {
  const { orderId } = transaction.order!;
  const current = scope.context('order', orderId, 'orderId');
  const { cart } = transaction;
  const edited = editedOrder(cart, current.lines, (locationId) => manualAcceptAt(scope.catalog, locationId));
  const { lines } = edited;
  const invoices = registerInvoices(scope, { lines, charges: cart.charges, invoices: current.invoices, payments: current.payments }, edited.carriedOut);
  moveShelf(scope, storeId, 'SOLD_AT_REGISTER', productQuantities({ lines }, edited.carriedOut));
  scope.send('order', orderId, { type: 'SAVE_EDIT', registerId, lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken, payments: paid, invoices });
  // CO-9: a quote approved at the till becomes a sales order with the lines just saved and the deposit collected.
  const approved = transaction.order!.isQuote && cart.orderType === 'customerOrder';
  if (approved) scope.send('order', orderId, { type: 'APPROVE_QUOTE' });
  scope.tell({ orderId, ...(approved ? { approvedQuote: true } : {}) });
}

/** FF-6: the pickup is invoiced at the register that tendered it, for what was due when it was recalled. */
function handOverPickup(scope: CommandScope, storeId: string, transaction: RegisterTransaction, method: TenderMethod): void {
  const { orderId } = transaction.order!;
  const invoiceId = scope.ids.next('INV');
  const current = scope.context('order', orderId, 'orderId');
  if (buildInvoice(current, invoiceId, 'pickup', transaction.pickupLines).collect !== transaction.pickupDue) {
    refuse('CONFLICT', `order ${orderId} changed since it was recalled: recall it again`, 'orderId');
  }
  scope.send('fulfillment', scope.catalog.stores.get(storeId)!.locationId, { type: 'PICKUP', orderId, invoiceId, lines: transaction.pickupLines });
  scope.send('order', orderId, { type: 'INVOICE', invoiceId, kind: 'pickup', lines: transaction.pickupLines, payment: { paymentId: scope.ids.next('PAY'), method } });
  scope.tell({ orderId, invoiceId });
}
