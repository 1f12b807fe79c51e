/**
 * The live feed between the server and the screens (Socket.IO). A screen subscribes to rooms of its site and gets
 * their current state, then each change as it happens under a sequence number; after a reconnect it resumes from
 * the last one it applied, or gets a room's current state again.
 *
 * Rooms and what changes in them:
 * - `store:<id>`: `order` (an order row of the store), `sync` (the store's link and queue count), `customer`;
 *   its state is the store's most recent orders and its link (StoreRoomView).
 * - `register:<id>`: `register` (the till's register view without its receipts), `receipts` (the register's recent
 *   receipts, sent only when they change: they are most of the view's size); its state is the whole register view.
 * - `location:<id>`: `locationOrder` (one order's lines, pickup entry and row at the location), `onHand` (the
 *   products whose on hand moved, id = the location); its state is the location's open work (LocationView).
 * - `headquarters`: `headquarters` (the analyst's report, at most every quarter of a second).
 */
import type { RuleViolation } from '../domain/violation.ts';

/**
 * `callCenterHolds` / `priceChangeRequests`: a call center's room (CC-17, CC-20), each the whole list as it now stands.
 * `salesOrders`: the `salesOffice` room (issue 13): the office's order list after a change to it; `salesOfficeChanged`:
 * the office's views a headquarters change touched (SalesOfficeChanged), each screen reading its own again.
 */
export type EnvelopeType = 'register' | 'receipts' | 'order' | 'locationOrder' | 'onHand' | 'sync' | 'customer' | 'headquarters' | 'callCenterHolds' | 'priceChangeRequests' | 'salesOrders'
  | 'salesOfficeChanged';

export interface Envelope { epoch: string; seq: number; at: number; room: string; type: EnvelopeType; id: string; view: unknown }

export interface SubscribeRequest { rooms: string[]; epoch?: string; since?: number }

export type SubscribeReply =
  /** `state` holds the rooms that cannot resume (given whole); `messages` what the others missed. */
  | { ok: true; mode: 'resume'; epoch: string; seq: number; messages: Envelope[]; state: Record<string, unknown> }
  | { ok: true; mode: 'snapshot'; epoch: string; seq: number; state: Record<string, unknown> }
  | { ok: false; error: RuleViolation & { field: string } };
