/** Fulfilment rows, order rows and location views as the server sends them, for the fulfilment and pickup tests. */
import type { OrderRow } from '../api.ts';
import type { FulfillmentListRow, LocationView, Pickup } from '../fulfillment-model.ts';
import type { LocationOrderView } from '../../engine/protocol/views.ts';
import type { LineProgress } from '../../engine/domain/fulfillment.ts';
import { storeLineStatus } from '../../engine/domain/fulfillment.ts';

/** A fulfilment row (status derived from the buckets, as the engine does). */
export function line(orderId: string, lineId: string, productId: string, kind: 'ship' | 'pickup', progress: Partial<LineProgress> & { quantity: number }, extra: Partial<FulfillmentListRow> = {}): FulfillmentListRow {
  const p: LineProgress = { accepted: true, pickListId: null, picked: 0, packed: 0, invoiced: 0, rejected: 0, returned: 0, ...progress };
  return { orderId, lineId, productId, kind, modeCode: kind === 'pickup' ? 'PICKUP' : 'STD', locationId: 'S2', date: null, progress: p, status: storeLineStatus(p), ...extra };
}

/** An order row as the server's lists show it. */
export function orderRow(orderId: string, customerName: string, overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    orderId, channelReference: `S1-T-${orderId}`, storeId: 'S1', customerId: `C-${customerName}`, customerName, createdAt: 1_795_435_200_000,
    headerStatus: 'Open', paymentStatus: 'PartiallyPaid', total: 10_000, paid: 1_000, existsAtHeadquarters: true, editedBy: null, kinds: ['ship'], lines: [],
    ...overrides,
  };
}

/** A location room's state: its lines, pickups waiting, the rows of their orders, on hand. */
export function locationView(lines: FulfillmentListRow[], pickups: Pickup[] = [], orders: OrderRow[] = [], onHand: Record<string, number> = { 'P-TENT': 49, 'P-LAMP': 50, 'P-SOCKS': 50, 'P-STOVE': 50 }): LocationView {
  return { lines, onHand, pickups, orders };
}

/** A `locationOrder` envelope's view: one order's lines at the location now (none: it left), its pickup entry, its row. */
export function locationOrder(order: OrderRow, lines: FulfillmentListRow[], pickup: Pickup | null = null): LocationOrderView {
  return { lines, pickup, order };
}
