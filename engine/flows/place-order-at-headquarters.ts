/**
 * SY-1..SY-3: a new customer order reaches headquarters. Sync mode: created there in real time (with its customer
 * if that is still pending sync, CU-7); unreachable, it falls back to async with "realtime with async backup",
 * else the sale is refused. Async mode, or offline: completed here with its confirmation number and queued.
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import type { Customer } from '../domain/config.ts';
import { orderSummary } from '../domain/customer-order.ts';
import { CommandRefused, refuse } from '../domain/violation.ts';
import { linkState, realtimeReachable } from '../../machines/sync-channel.machine.ts';

export function placeOrderAtHeadquarters(scope: CommandScope, orderId: string): void {
  const order = scope.context('order', orderId, 'orderId');
  const store = scope.catalog.stores.get(order.storeId)!;
  const link = scope.snapshot('sync', store.id, 'storeId');
  const summary = orderSummary(order, order.createdAs === 'quote' ? 'quote' : 'order');
  const queueIt = (mode: string) => {
    scope.queue({ key: outboundKey.order(order.channelReference), kind: 'orderCreated', storeId: store.id, at: scope.now, order: summary });
    scope.tell({ confirmationNumber: order.channelReference, mode });
  };
  if (linkState(link) === 'offline') return queueIt('offline');
  if (store.functionality.createOrderAsync) return queueIt('async');
  if (!realtimeReachable(link)) {
    if (store.functionality.realtimeWithAsyncBackup) return queueIt('asyncBackup');
    refuse('SY-1', `headquarters' real-time service is unreachable from store ${store.id}: the order cannot be created (retry, or turn on realtime with async backup)`, 'registerId');
  }
  const customer = scope.context('customer', scope.customerIdOf(order.customerId));
  const response = scope.callHeadquarters({ type: 'headquarters.createOrder', order: summary, customer: customer.accountNumber === null ? customer.record : null });
  if (!response.ok) throw new CommandRefused(response.error);
  if (customer.accountNumber === null) {
    scope.send('customer', customer.customerId, { type: 'SYNCED', accountNumber: response.result.accountNumber as string, record: response.result.record as Customer, version: response.result.version as number });
  }
  scope.send('order', orderId, { type: 'HEADQUARTERS_CONFIRMED', salesOrderId: response.result.salesOrderId as string });
  scope.tell({ confirmationNumber: order.channelReference, mode: 'realtime', salesOrderId: response.result.salesOrderId });
}
