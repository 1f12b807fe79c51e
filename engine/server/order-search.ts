/**
 * CO-13 order search and CO-14 what each order offers, as the till reads them: results span all stores. A scanned or
 * typed value is looked up in the order index (order number, channel reference, receipt id), a preset walks the
 * store's location list, a store filter that store's list; only a search by filters alone walks the chain's orders,
 * newest first and at most SCAN_LIMIT of them (the answer says when it stopped early).
 */
import type { Chain } from '../chain.ts';
import { lifecycleOf, type CustomerOrderContext } from '../domain/customer-order.ts';
import { openQuantity, orderHeaderStatus, uninvoicedQuantity } from '../domain/fulfillment.ts';
import type { OperationOffer, OrderOperation } from '../domain/order-operations.ts';
import { matchesSearch, normalizedValue, type OrderSearch, type SearchableOrder } from '../domain/order-search.ts';
import { saleReceiptOf } from '../order-index.ts';
import { orderOperationsAt } from '../store-views.ts';
import type { OrderDetails, OrderSearchResult, OrderSearchRow } from '../protocol/views.ts';
import { orderRow, orderScreenView } from './views.ts';
import type { Session } from './sessions.ts';

/** Orders a search by filters alone looks at before it stops (the newest first). */
export const SCAN_LIMIT = 2000;


function contextOf(chain: Chain, orderId: string): { context: CustomerOrderContext; value: string } {
  const snapshot = chain.store.parts.actors.snapshot('order', orderId)!;
  return { context: snapshot.context, value: snapshot.value as string };
}

function receiptIdsOf(context: CustomerOrderContext): string[] {
  return [saleReceiptOf(context), ...context.invoices.map((i) => i.invoiceId)];
}

/** What the search compares of an order, read straight from its snapshot (no totals: they are worked out for hits only). */
function searchable(chain: Chain, orderId: string): SearchableOrder {
  const { context, value } = contextOf(chain, orderId);
  return {
    orderId, channelReference: context.channelReference, receiptIds: receiptIdsOf(context), storeId: context.storeId, customerId: context.customerId,
    customerName: chain.store.catalog.customers.get(context.customerId)?.name ?? context.customerId, createdAt: context.createdAt,
    headerStatus: orderHeaderStatus(lifecycleOf(value, context), context.lines.map((l) => l.progress)),
    lines: context.lines.map((l) => ({ kind: l.delivery.kind, locationId: l.delivery.locationId, open: openQuantity(l.progress), uninvoiced: uninvoicedQuantity(l.progress) })),
  };
}

function operationsFor(chain: Chain, session: Session, orderId: string): Record<OrderOperation, OperationOffer> | null {
  return session.storeId === null ? null : orderOperationsAt(chain.store.parts, orderId, session.storeId);
}

/**
 * The orders to look at (read from the end: newest first): the value's lookups, the preset's location list, the
 * store's list, or all; `madeInOrder` when the list is in the order the orders were made.
 */
function candidates(chain: Chain, session: Session, search: OrderSearch): { ids: readonly string[]; madeInOrder: boolean } {
  const index = chain.store.parts.orders;
  const value = search.value?.trim() ?? '';
  if (value !== '') {
    const wanted = normalizedValue(value);
    const found = [wanted, index.withChannelReference(wanted), index.withReceipt(wanted)].filter((id): id is string => id !== undefined && chain.hasOrder(id));
    return { ids: [...new Set(found)], madeInOrder: false };
  }
  if (search.preset !== undefined) return { ids: index.atLocation(session.locationId), madeInOrder: false };
  return { ids: search.storeId === undefined ? index.orderIds() : index.ofStore(search.storeId), madeInOrder: true };
}

export function searchOrders(chain: Chain, session: Session, search: OrderSearch, limit = 50): OrderSearchResult {
  const { ids, madeInOrder } = candidates(chain, session, search);
  const orders: OrderSearchRow[] = [];
  for (let i = ids.length - 1; i >= 0; i--) {
    if (ids.length - i > SCAN_LIMIT) return { orders, truncated: true };
    const orderId = ids[i]!;
    const order = searchable(chain, orderId);
    // Past the start date nothing older can match.
    if (madeInOrder && search.from !== undefined && order.createdAt < search.from) break;
    if (!matchesSearch(order, search, session.locationId)) continue;
    orders.push({ ...orderRow(chain, orderId), receiptIds: [...order.receiptIds], operations: operationsFor(chain, session, orderId) });
    if (orders.length >= limit) return { orders, truncated: i > 0 };
  }
  return { orders, truncated: false };
}

/** CO-13: one order in full, from any store, with what it offers the asking till; undefined for an unknown order. */
export function orderDetails(chain: Chain, session: Session, orderId: string): OrderDetails | undefined {
  if (!chain.hasOrder(orderId)) return undefined;
  return { order: orderScreenView(chain, orderId), receiptIds: receiptIdsOf(contextOf(chain, orderId).context), operations: operationsFor(chain, session, orderId) };
}
