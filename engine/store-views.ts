/**
 * The store channel as its screens and reports read it: pure reads of the actors' current snapshots (live or
 * closed) and the host's tables, each costing what it shows.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { customerIdOf, type StoreParts } from './command-scope.ts';
import { availableUnits, locationAvailability, type LocationAvailability } from './domain/availability.ts';
import { offeredLocations } from './domain/catalog.ts';
import { accountLabel } from './domain/customers.ts';
import { lifecycleOf, orderStatus, type CustomerOrderContext } from './domain/customer-order.ts';
import { fulfillmentList, type FulfillmentFilter, type FulfillmentListRow } from './domain/fulfillment-group.ts';
import { orderOperations, type OperationOffer, type OrderOperation } from './domain/order-operations.ts';
import { transactionDue } from './domain/register-transaction.ts';
import { orderTotals } from './domain/sales.ts';
import { shiftReport, type ShiftReport } from './domain/shift.ts';
import { refuse } from './domain/violation.ts';
import type { CustomerView, LinkView, OrderView, RegisterView, RejectedLineRow } from './protocol/views.ts';
import type { Kind, SnapshotFor } from './actor-registry.ts';
import { batchReachable, linkState, realtimeReachable } from '../machines/sync-channel.machine.ts';

function snapshotOf<K extends Kind>(parts: StoreParts, kind: K, id: string, field: string): SnapshotFor<K> {
  return parts.actors.snapshot(kind, id) ?? refuse('NOT_FOUND', `unknown ${kind === 'fulfillment' ? 'location' : kind} "${id}"`, field);
}

export function registerView(parts: StoreParts, registerId: string): RegisterView {
  const snapshot = snapshotOf(parts, 'register', registerId, 'registerId');
  const { zReports: _zReports, ...context } = snapshot.context;
  const { transaction } = context;
  const customerId = transaction?.cart.customerId ?? null;
  const customer = customerId === null ? null : customerView(parts, customerId);
  return {
    state: snapshot.value,
    ...context,
    due: transaction === null ? 0 : transactionDue(parts.catalog, transaction),
    totals: transaction === null ? null : orderTotals(transaction.cart.lines, transaction.cart.charges),
    customer: customer === null ? null : { customerId: customer.customerId, name: customer.record.name, account: customer.account, pendingSync: customer.pendingSync },
  };
}

/** The X report of the register's open shift, as of now: read any time, nothing reset. */
export function xReport(parts: StoreParts, registerId: string): ShiftReport {
  const { context } = snapshotOf(parts, 'register', registerId, 'registerId');
  if (context.shift === null) refuse('STATE', `no shift is open at register ${registerId}`, 'registerId');
  return shiftReport('X', context, context.shift, parts.clock.now, null);
}

/** A store's Z reports, newest first (each register keeps its own: the read costs the store's registers and reports). */
export function zReports(parts: StoreParts, storeId: string): ShiftReport[] {
  if (!parts.catalog.stores.has(storeId)) refuse('NOT_FOUND', `unknown store "${storeId}"`, 'storeId');
  const reports: ShiftReport[] = [];
  for (const [registerId, registerStore] of parts.catalog.registers) {
    if (registerStore === storeId) reports.push(...(parts.actors.snapshot('register', registerId)?.context.zReports ?? []));
  }
  return reports.sort((a, b) => b.at - a.at || (a.shiftId < b.shiftId ? 1 : -1));
}

/** An order's view from its snapshot (its statuses derived from its lines, invoices and payments). */
export function orderViewOf(snapshot: AnyMachineSnapshot): OrderView {
  const context = snapshot.context as CustomerOrderContext;
  const { headerStatus, paymentStatus, totals, paid } = orderStatus(context, lifecycleOf(snapshot.value as string, context));
  return { ...context, state: snapshot.value, headerStatus, paymentStatus, totals, paid, existsAtHeadquarters: context.salesOrderId !== null };
}

export function orderView(parts: StoreParts, orderId: string): OrderView {
  return orderViewOf(snapshotOf(parts, 'order', orderId, 'orderId'));
}

/** CO-14: what a store's till offers for an order now (its location, its edit feature, whether headquarters answers). */
export function orderOperationsAt(parts: StoreParts, orderId: string, storeId: string): Record<OrderOperation, OperationOffer> {
  const snapshot = snapshotOf(parts, 'order', orderId, 'orderId');
  const store = parts.catalog.stores.get(storeId) ?? refuse('NOT_FOUND', `unknown store "${storeId}"`, 'storeId');
  return orderOperations(snapshot.context, lifecycleOf(snapshot.value as string, snapshot.context), {
    locationId: store.locationId,
    editPartiallyFulfilled: store.functionality.editPartiallyFulfilledOrders,
    headquartersReachable: realtimeReachable(snapshotOf(parts, 'sync', storeId, 'storeId')),
  });
}

export function customerView(parts: StoreParts, idOrAccount: string): CustomerView {
  const snapshot = snapshotOf(parts, 'customer', customerIdOf(parts, idOrAccount), 'customerId');
  const context = snapshot.context;
  return { ...context, state: snapshot.value, account: accountLabel(context.accountNumber), pendingSync: context.accountNumber === null };
}

/** A store's link and how many items wait in its queue. */
export function linkView(parts: StoreParts, storeId: string): LinkView {
  const snapshot = snapshotOf(parts, 'sync', storeId, 'storeId');
  return {
    ...snapshot.context, link: linkState(snapshot), realtimeReachable: realtimeReachable(snapshot), batchReachable: batchReachable(snapshot),
    pending: parts.outbound.size(storeId),
  };
}

export function fulfillmentView(parts: StoreParts, locationId: string, filter: FulfillmentFilter = 'all'): { lines: FulfillmentListRow[]; onHand: Record<string, number> } {
  const { context } = snapshotOf(parts, 'fulfillment', locationId, 'locationId');
  return { lines: fulfillmentList(context, filter), onHand: context.onHand.toJSON() };
}

/** FF-7: the lines the locations rejected, from each location's open work (rejected units stay there until reset). */
export function rejectedLines(parts: StoreParts, locationIds: readonly string[]): RejectedLineRow[] {
  return locationIds.flatMap((locationId) => fulfillmentList(snapshotOf(parts, 'fulfillment', locationId, 'locationId').context)
    .filter((line) => line.progress.rejected > 0)
    .map((line) => ({ orderId: line.orderId, lineId: line.lineId, locationId, productId: line.productId, kind: line.kind, rejected: line.progress.rejected })));
}

/**
 * CO-17: the register's cart lines (all, or `lineIds`) against each location its store offers for shipping from or
 * picking up at. A recalled order's own lines are not counted as taking stock from themselves.
 */
export function availabilityView(parts: StoreParts, registerId: string, purpose: 'ship' | 'pickup', lineIds?: readonly string[]): LocationAvailability[] {
  const { context } = snapshotOf(parts, 'register', registerId, 'registerId');
  const cartLines = context.transaction?.cart.lines ?? [];
  const missing = lineIds?.find((id) => !cartLines.some((l) => l.lineId === id));
  if (missing !== undefined) refuse('NOT_FOUND', `no line "${missing}" in the cart of register ${registerId}`, 'lineIds');
  const wanted = cartLines.filter((l) => lineIds === undefined || lineIds.includes(l.lineId))
    .map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity }));
  const productIds = new Set(wanted.map((l) => l.productId));
  const ownOrder = context.transaction?.order?.orderId;
  return offeredLocations(parts.catalog, context.storeId, purpose).map((locationId) => {
    const location = snapshotOf(parts, 'fulfillment', locationId, 'locationId').context;
    const open = [...location.lines].filter(([orderId]) => orderId !== ownOrder).flatMap(([, lines]) => lines);
    return locationAvailability(locationId, wanted, availableUnits(productIds, (id) => location.onHand.get(id) ?? 0, open));
  });
}
