/**
 * Returns (RT-1..RT-4): the register finds the original by receipt, order number, channel reference or invoice; the
 * completed return is posted against it, its goods go back onto the shelf of the store taking them, and it goes to
 * headquarters as a return order with its RMA number.
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import { productQuantities } from '../domain/fulfillment.ts';
import type { TenderMethod } from '../domain/payments.ts';
import type { RegisterTransaction, ReturnOriginal } from '../domain/register-transaction.ts';
import { orderSource, receiptSource } from '../domain/store-records.ts';
import { returnRecord } from '../domain/transaction-completion.ts';
import { refuse } from '../domain/violation.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { moveShelf } from './shelf.ts';

export function startReturn(scope: CommandScope, command: CommandOf<'register.startReturn'>): Record<string, unknown> {
  const original = findOriginal(scope, command.lookup.by, command.lookup.value);
  const transactionId = scope.ids.next(`T-${command.registerId}`);
  // CO-16: an order found by one of its invoices is returned against that invoice (the lines may still name another).
  const invoiceId = command.lookup.by === 'invoiceId' ? original.source.invoices?.find((i) => i.invoiceId === command.lookup.value)?.invoiceId : undefined;
  scope.send('register', command.registerId, { type: 'START_RETURN', transactionId, original, invoiceId }, 'lookup');
  return { registerId: command.registerId, transactionId, original: { kind: original.kind, id: original.id } };
}

/** RT-1: the original by receipt, order number, channel reference or invoice. */
function findOriginal(scope: CommandScope, by: CommandOf<'register.startReturn'>['lookup']['by'], value: string): ReturnOriginal {
  if (by === 'receipt') {
    const receipt = scope.parts.receipts.get(value) ?? refuse('NOT_FOUND', `no receipt "${value}"`, 'lookup.value');
    return { kind: 'receipt', id: receipt.receiptId, customerId: receipt.customerId, source: receiptSource(receipt) };
  }
  const { orders } = scope.parts;
  const orderId = by === 'orderId' ? value : by === 'channelReference' ? orders.withChannelReference(value) : orders.withInvoice(value);
  if (orderId === undefined || !scope.has('order', orderId)) refuse('NOT_FOUND', `no customer order with ${by} "${value}"`, 'lookup.value');
  const order = scope.context('order', orderId);
  return { kind: 'order', id: orderId, customerId: order.customerId, source: orderSource(order) };
}

export function postReturn(scope: CommandScope, storeId: string, transaction: RegisterTransaction, method: TenderMethod): void {
  const original = transaction.returnOriginal!;
  const record = returnRecord(scope.catalog, original, transaction.returnLines, scope.ids.next('RMA'), transaction.returnInvoiceId);
  if (original.kind === 'order') {
    scope.send('order', original.id, { type: 'POST_RETURN', record, payment: { paymentId: scope.ids.next('PAY'), method } });
  } else {
    const receipt = scope.parts.receipts.get(original.id)!;
    scope.putReceipt({ ...receipt, returns: [...receipt.returns, record] });
  }
  // Returned goods go back onto the shelf of the store that takes them back, wherever they left from.
  moveShelf(scope, storeId, 'RETURNED_AT_REGISTER', productQuantities(original.source, record.lines));
  scope.addReturnOrder({ rmaNumber: record.rmaNumber, storeId, original: { kind: original.kind, id: original.id }, customerId: original.customerId, at: scope.now, record });
  // RT-4: posted to headquarters as a return order with its RMA number.
  scope.queue({ key: outboundKey.return(record.rmaNumber), kind: 'return', storeId, at: scope.now, returnOrder: {
    rmaNumber: record.rmaNumber, original: { kind: original.kind, id: original.id }, customerId: original.customerId, total: record.total,
    channelReference: original.kind === 'order' ? scope.context('order', original.id).channelReference : null,
    lines: record.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reasonCode: l.reasonCode })),
  } });
  scope.tell({ rmaNumber: record.rmaNumber });
}
