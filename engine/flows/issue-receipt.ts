/**
 * The receipt of a transaction the register just completed, kept with the register for the till to print (and email)
 * until its next transaction completes. Built from what the completion made: the receipt id, the order and its
 * balance, the pickup's invoice, the return's record.
 */
import type { CommandScope } from '../command-scope.ts';
import { receiptBody, receiptDocument, receiptOrder, RECENT_RECEIPTS } from '../domain/receipt-document.ts';
import type { RegisterTransaction } from '../domain/register-transaction.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import { refuse } from '../domain/violation.ts';
import type { CommandOf } from '../protocol/commands.ts';

/**
 * One of the register's recent receipts (the last one unless named), emailed: an outbound message headquarters' mail
 * service sends (after the P-job).
 */
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
  const { orderId: created, receiptId, invoiceId, rmaNumber } = scope.result as Record<string, string | undefined>;
  const register = scope.context('register', registerId);
  const orderId = created ?? transaction.order?.orderId;
  const order = orderId === undefined ? null : scope.context('order', orderId);
  const made = { invoice: order?.invoices.find((i) => i.invoiceId === invoiceId) ?? null, returnRecord: scope.returnOrders.at(-1)?.record ?? null };
  const receipt = receiptDocument(scope.catalog, transaction, receiptBody(scope.catalog, transaction, made), {
    storeId, registerId, shiftId: register.shift?.shiftId ?? null, operatorId: register.operatorId ?? '', at: scope.now,
    isQuote: transaction.kind === 'sale' && transaction.cart.orderType === 'quote',
    references: { receiptId, invoiceId, rmaNumber }, order: order === null ? null : receiptOrder(order),
  });
  scope.send('register', registerId, { type: 'RECEIPT_ISSUED', receipt });
}
