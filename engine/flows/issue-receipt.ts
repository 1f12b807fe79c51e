/**
 * The receipt of a transaction the register just completed, kept with the register for the till to print (and email)
 * until its next transaction completes. Built from what the completion made: the receipt id, the order and its
 * balance, the pickup's invoice, the return's record.
 */
import type { CommandScope } from '../command-scope.ts';
import {
  cancellationBody, cartBody, invoiceBody, receiptDocument, RECENT_RECEIPTS, returnBody, type ReceiptBody, type ReceiptOrder,
} from '../domain/receipt-document.ts';
import type { RegisterTransaction } from '../domain/register-transaction.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import { refuse } from '../domain/violation.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { orderViewOf } from '../store-views.ts';

function orderOnReceipt(scope: CommandScope, orderId: string | undefined): ReceiptOrder | null {
  if (orderId === undefined) return null;
  const order = orderViewOf(scope.snapshot('order', orderId));
  const balanceDue = order.headerStatus === 'Cancelled' ? 0 : Math.max(0, order.totals.total - order.paid);
  return { orderId, channelReference: order.channelReference, total: order.totals.total, paid: order.paid, balanceDue };
}

function bodyOf(scope: CommandScope, transaction: RegisterTransaction, invoiceId: string | undefined, orderId: string | undefined): ReceiptBody {
  const { catalog } = scope;
  switch (transaction.kind) {
    case 'sale':
    case 'orderEdit':
      return cartBody(catalog, transaction.cart.lines, transaction.cart.charges);
    case 'pickup': {
      const invoice = scope.context('order', orderId!).invoices.find((i) => i.invoiceId === invoiceId)!;
      return invoiceBody(catalog, transaction.cart.lines, invoice);
    }
    case 'return':
      return returnBody(catalog, transaction.returnOriginal!.source.lines, scope.returnOrders.at(-1)!.record);
    case 'cancellation':
      return cancellationBody(transaction.cancellationCharge ?? 0);
  }
}

/** One of the register's recent receipts (the last one unless named), emailed: an outbound message headquarters' mail service sends (after the P-job). */
export function emailReceipt(scope: CommandScope, command: CommandOf<'register.emailReceipt'>): Record<string, unknown> {
  const { receipts, storeId } = scope.context('register', command.registerId, 'registerId');
  if (receipts.length === 0) refuse('STATE', `register ${command.registerId} has no receipt to email yet: complete a transaction first`, 'registerId');
  const receipt = command.transactionId === undefined ? receipts[0]! : receipts.find((r) => r.transactionId === command.transactionId)
    ?? refuse('NOT_FOUND', `transaction ${command.transactionId} is not among register ${command.registerId}'s last ${RECENT_RECEIPTS} receipts`, 'transactionId');
  const messageId = scope.ids.next('MSG');
  scope.queue({
    key: outboundKey.receiptEmail(storeId, messageId), kind: 'receiptEmail', storeId, at: scope.now,
    email: { messageId, to: command.email, transactionId: receipt.transactionId, registerId: command.registerId, subject: `Your receipt from ${receipt.storeName}`, total: receipt.total },
  });
  return { registerId: command.registerId, messageId };
}

export function issueReceipt(scope: CommandScope, registerId: string, storeId: string, transaction: RegisterTransaction): void {
  const { orderId, receiptId, invoiceId, rmaNumber } = scope.result as Record<string, string | undefined>;
  const register = scope.context('register', registerId);
  const order = orderOnReceipt(scope, orderId ?? transaction.order?.orderId);
  const receipt = receiptDocument(scope.catalog, transaction, bodyOf(scope, transaction, invoiceId, order?.orderId), {
    storeId, registerId, shiftId: register.shift?.shiftId ?? null, operatorId: register.operatorId ?? '', at: scope.now,
    isQuote: transaction.kind === 'sale' && transaction.cart.orderType === 'quote',
    references: { receiptId, invoiceId, rmaNumber }, order,
  });
  scope.send('register', registerId, { type: 'RECEIPT_ISSUED', receipt });
}
