/**
 * The fulfilment screen's reading of its location's lines (pure, so that tests and the screen agree): FF-1 filters,
 * lines grouped by order, and what each operation may still take of a line, from the same quantity buckets the
 * engine checks (engine/domain/fulfillment.ts).
 */
import { openQuantity, uninvoicedQuantity } from '../engine/domain/fulfillment.ts';
import type { FulfillmentFilter, FulfillmentListRow, LocationView, Pickup } from '../engine/protocol/views.ts';
import type { OrderRow } from './api.ts';

export type { FulfillmentFilter, FulfillmentListRow, LocationView, Pickup };

export const FILTERS: readonly { id: FulfillmentFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'toShip', label: 'To ship' },
  { id: 'forPickup', label: 'For pickup' },
];

/** FF-1: all / to ship / for pickup (as the server's fulfillmentList filters). */
export function filterLines(lines: readonly FulfillmentListRow[], filter: FulfillmentFilter): FulfillmentListRow[] {
  return lines.filter((l) => filter === 'all' || (filter === 'toShip' ? l.kind === 'ship' : l.kind === 'pickup'));
}

export const lineKey = (line: { orderId: string; lineId: string }): string => `${line.orderId}/${line.lineId}`;

/** Lines by order, oldest order first (by creation time when the order's row is known, else by id). */
export function groupByOrder(lines: readonly FulfillmentListRow[], orders: Readonly<Record<string, OrderRow>>): { orderId: string; lines: FulfillmentListRow[] }[] {
  const groups = new Map<string, FulfillmentListRow[]>();
  for (const line of lines) groups.set(line.orderId, [...(groups.get(line.orderId) ?? []), line]);
  const created = (orderId: string) => orders[orderId]?.createdAt ?? Number.POSITIVE_INFINITY;
  return [...groups.entries()]
    .map(([orderId, group]) => ({ orderId, lines: group }))
    .sort((a, b) => created(a.orderId) - created(b.orderId) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

/** FF-2: a Pending line waits for a user with allow-accept. */
export const canAccept = (l: FulfillmentListRow): boolean => !l.progress.accepted;
/** FF-3: what is left to pick (the pick prompt's prefill). */
export const toPick = (l: FulfillmentListRow): number => (l.progress.accepted ? openQuantity(l.progress) : 0);
/** FF-3: on a pick list: accepted, something left to pick. */
export const canPrint = (l: FulfillmentListRow): boolean => toPick(l) > 0;
/** FF-4: ship lines pack picked units, then open ones. */
export const toPack = (l: FulfillmentListRow): number => (l.kind === 'ship' && l.progress.accepted ? openQuantity(l.progress) + l.progress.picked : 0);
/** FF-5 / FF-6: everything not yet invoiced (packed, picked, then open units). */
export const toInvoice = (l: FulfillmentListRow): number => (l.progress.accepted ? uninvoicedQuantity(l.progress) : 0);
/** FF-7: units not yet picked or packed. */
export const toReject = (l: FulfillmentListRow): number => openQuantity(l.progress);

/** The order's ship lines that can be packed, by mode of delivery (FF-4: one pack per order and mode). */
export function packGroups(lines: readonly FulfillmentListRow[]): { modeCode: string; lines: FulfillmentListRow[] }[] {
  const byMode = new Map<string, FulfillmentListRow[]>();
  for (const line of lines) if (toPack(line) > 0) byMode.set(line.modeCode, [...(byMode.get(line.modeCode) ?? []), line]);
  return [...byMode.entries()].map(([modeCode, group]) => ({ modeCode, lines: group }));
}

/** FF-5: the order's ship lines that can be shipped (mixed modes allowed). */
export const shippable = (lines: readonly FulfillmentListRow[]): FulfillmentListRow[] => lines.filter((l) => l.kind === 'ship' && toInvoice(l) > 0);

/** FF-6: the order's pickup lines with units to hand over. */
export const pickable = (lines: readonly FulfillmentListRow[]): FulfillmentListRow[] => lines.filter((l) => l.kind === 'pickup' && toInvoice(l) > 0);
