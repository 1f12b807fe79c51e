/**
 * A location room as the fulfilment screen and the pickup board keep it: the room's state when they subscribe (the
 * location's open lines, on hand, pickups waiting and the rows of their orders), then each change as it comes:
 * `locationOrder` (one order's lines, pickup entry and row there now) and `onHand` (the products that moved).
 * Pure, so that tests and both screens read a room the same way.
 */
import type { LocationOrderView, LocationView, OrderRow, Pickup } from '../engine/protocol/views.ts';
import type { Envelope } from './api.ts';

export interface LocationRoom extends Omit<LocationView, 'orders'> {
  /** The rows of the orders that have lines here, by order id. */
  orders: Record<string, OrderRow>;
}

export const emptyRoom = (): LocationRoom => ({ lines: [], onHand: {}, pickups: [], orders: {} });

export function locationRoom(view: LocationView): LocationRoom {
  return { lines: view.lines, onHand: view.onHand, pickups: view.pickups, orders: Object.fromEntries(view.orders.map((o) => [o.orderId, o])) };
}

/** The room after one of its envelopes (others leave it as it is). */
export function applyToRoom(room: LocationRoom, envelope: Envelope): LocationRoom {
  if (envelope.type === 'onHand') return { ...room, onHand: { ...room.onHand, ...(envelope.view as Record<string, number>) } };
  if (envelope.type !== 'locationOrder') return room;
  const orderId = envelope.id;
  const { lines, pickup, order } = envelope.view as LocationOrderView;
  const others = room.lines.filter((l) => l.orderId !== orderId);
  const pickups: Pickup[] = [...room.pickups.filter((p) => p.orderId !== orderId), ...(pickup === null ? [] : [pickup])];
  // An order with nothing left here leaves the room, its row too.
  const { [orderId]: _old, ...orders } = room.orders;
  return { ...room, lines: [...others, ...lines], pickups, orders: lines.length === 0 && pickup === null ? orders : { ...orders, [orderId]: order } };
}
