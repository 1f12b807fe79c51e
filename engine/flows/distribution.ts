/**
 * What reaches a store from headquarters by batch: the acknowledgement of an upload (SY-3: acknowledged items leave
 * the outbound queue) and job 1010's package (SY-4: accounts for customers pending sync, master data, orders now at
 * headquarters, and the call-center orders the store fulfils, CC-2).
 */
import type { CommandScope } from '../command-scope.ts';
import type { DistributionPackage } from '../domain/channel-transactions.ts';
import type { CustomerEvent } from '../../machines/customer.machine.ts';
import { receiveCallCenterOrders } from './call-center-orders.ts';

export function acknowledge(scope: CommandScope, storeId: string, keys: readonly string[]): Record<string, unknown> {
  scope.send('sync', storeId, { type: 'ACKNOWLEDGED', keys: [...keys], at: scope.now }, 'storeId');
  const removed = scope.acknowledge(storeId, keys);
  return { storeId, removed, pending: scope.parts.outbound.size(storeId) };
}

export function applyDistribution(scope: CommandScope, storeId: string, pkg: DistributionPackage): Record<string, unknown> {
  scope.send('sync', storeId, { type: 'DISTRIBUTED', version: pkg.version, at: scope.now }, 'package.version');
  let synced = 0;
  let updated = 0;
  let added = 0;
  for (const c of pkg.customers) {
    const known = scope.parts.actors.snapshot('customer', c.channelCustomerId);
    if (known === undefined) {
      scope.spawn('customer', c.channelCustomerId, { customerId: c.channelCustomerId, accountNumber: c.accountNumber, record: c.record, createdAtStoreId: null, createdAt: scope.now, version: c.version });
      added += 1;
      continue;
    }
    const event: CustomerEvent = known.context.accountNumber === null
      ? { type: 'SYNCED', accountNumber: c.accountNumber, record: c.record, version: c.version }
      : { type: 'DISTRIBUTED', record: c.record, version: c.version };
    // What this store already has (its own real-time change, an earlier package) is not applied again.
    if (!known.can(event)) continue;
    scope.send('customer', c.channelCustomerId, event);
    if (event.type === 'SYNCED') synced += 1;
    else updated += 1;
  }
  let confirmed = 0;
  for (const o of pkg.orders) {
    const order = scope.parts.actors.snapshot('order', o.orderId);
    const event = { type: 'HEADQUARTERS_CONFIRMED' as const, salesOrderId: o.salesOrderId };
    // The order headquarters has under this channel reference (after a restore, an order id alone can be reused).
    if (order === undefined || order.context.channelReference !== o.channelReference || !order.can(event)) continue;
    scope.send('order', o.orderId, event);
    confirmed += 1;
  }
  const callCenterOrders = receiveCallCenterOrders(scope, pkg.callCenterOrders);
  return { storeId, version: pkg.version, customers: { synced, updated, added }, ordersConfirmed: confirmed, callCenterOrders };
}
