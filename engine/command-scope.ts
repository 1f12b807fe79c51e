/**
 * One command's scope: what the command touched and how to take it back, what the actors emitted and where it
 * goes, the real-time call it made, what runs once the rest has succeeded, and what it produced. Flows (engine/
 * flows/) work through it; the host creates one per command and either commits or rolls it back.
 *
 * Undo costs what the command touched: an actor's undo point is its snapshot before the command (snapshots are
 * immutable), the host's tables record each change's inverse.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { ActorRegistry, ContextFor, EventFor, Kind, SnapshotFor } from './actor-registry.ts';
import type { Catalog } from './domain/catalog.ts';
import type { OutboundItem } from './domain/channel-transactions.ts';
import type { CustomerContext } from './domain/customers.ts';
import { CommandRefused, refuse, type RuleViolation } from './domain/violation.ts';
import type { RealtimeRequest, RealtimeResponse, RecordedCall } from './headquarters-gateway.ts';
import type { SeededIds, VirtualClock } from './ids.ts';
import type { OrderIndex } from './order-index.ts';
import type { OutboundQueue } from './outbound-queue.ts';
import type { Receipt, ReturnOrder } from './domain/store-records.ts';
import { explainRefusal } from '../machines/rules.ts';
import { touchedBy, type FulfillmentGroupEvent } from '../machines/fulfillment-group.machine.ts';

/** What the flows reach through a scope: the channel's actors, tables, numbering and master data. */
export interface StoreParts {
  readonly catalog: Catalog;
  readonly clock: VirtualClock;
  readonly ids: SeededIds;
  readonly actors: ActorRegistry;
  readonly receipts: Map<string, Receipt>;
  readonly returnOrders: ReturnOrder[];
  readonly outbound: OutboundQueue;
  readonly orders: OrderIndex;
  /** Account number -> the channel's customer id, for customers created under a temporary id (CU-4). */
  readonly customerOfAccount: Map<string, string>;
}

export interface Touched { kind: Kind; id: string; before: AnyMachineSnapshot | undefined; wasClosed: boolean }

/** What changed at a location: the orders whose lines there changed, the products whose on hand moved. */
export interface LocationChange { orderIds: Set<string>; productIds: Set<string> }

/** Routes what an actor emitted to the actors it concerns (engine/event-routing.ts). */
export type Router = (scope: CommandScope, event: EventObject) => void;

const keyOf = (kind: Kind, id: string) => `${kind}:${id}`;

/** The channel's id of a customer named by its id or its account number (CU-4). */
export function customerIdOf(parts: Pick<StoreParts, 'actors' | 'customerOfAccount'>, idOrAccount: string): string {
  return parts.actors.has('customer', idOrAccount) ? idOrAccount : parts.customerOfAccount.get(idOrAccount) ?? idOrAccount;
}

export class CommandScope {
  private readonly undo: (() => void)[] = [];
  private readonly outbox: EventObject[] = [];
  readonly touched = new Map<string, Touched>();
  readonly locations = new Map<string, LocationChange>();
  /** Stores whose outbound queue changed. */
  readonly queues = new Set<string>();
  readonly receipts: Receipt[] = [];
  readonly returnOrders: ReturnOrder[] = [];
  /** Steps that need headquarters: they run last, so that nothing after an answer from headquarters can fail. */
  readonly last: (() => void)[] = [];
  readonly calls: RecordedCall[] = [];
  /** What the command produced for its caller (order id, receipt, RMA, confirmation number...). */
  result: Record<string, unknown> = {};
  private readonly clockBefore: number;

  constructor(readonly parts: StoreParts, private readonly route: Router, private readonly headquarters: (request: RealtimeRequest) => RealtimeResponse) {
    this.clockBefore = parts.clock.now;
    parts.ids.begin();
  }

  get catalog(): Catalog { return this.parts.catalog; }
  get now(): number { return this.parts.clock.now; }
  get ids(): SeededIds { return this.parts.ids; }

  /** Collects what an actor emitted; routed after the event that made it. */
  emitted(event: EventObject): void {
    this.outbox.push(event);
  }

  // --- Actors ---

  has(kind: Kind, id: string): boolean {
    return this.parts.actors.has(kind, id);
  }

  /** The channel's id of a customer named by its id or its account number (CU-4). */
  customerIdOf(idOrAccount: string): string {
    return customerIdOf(this.parts, idOrAccount);
  }

  snapshot<K extends Kind>(kind: K, id: string, field = `${kind}Id`): SnapshotFor<K> {
    return this.parts.actors.snapshot(kind, id) ?? refuse('NOT_FOUND', `unknown ${kind === 'fulfillment' ? 'location' : kind} "${id}"`, field);
  }

  context<K extends Kind>(kind: K, id: string, field = `${kind}Id`): ContextFor<K> {
    return (this.snapshot(kind, id, field) as AnyMachineSnapshot).context as ContextFor<K>;
  }

  /** Records the actor's undo point the first time the command touches it. */
  private touch(kind: Kind, id: string): void {
    const key = keyOf(kind, id);
    if (this.touched.has(key)) return;
    this.touched.set(key, { kind, id, before: this.parts.actors.snapshot(kind, id), wasClosed: kind === 'order' && this.parts.actors.isClosed(id) });
  }

  /** Starts a new actor (the command's undo stops it). */
  spawn<K extends Kind>(kind: K, id: string, input: unknown): void {
    this.touch(kind, id);
    this.parts.actors.start(kind, id, { input });
    this.afterChange(kind, id);
  }

  /** Sends an event the actor must take (else the command is refused with the chart's reason), then routes what it emits. */
  send<K extends Kind>(kind: K, id: string, event: EventFor<K>, field = `${kind}Id`): void {
    if (!this.parts.actors.has(kind, id)) refuse('NOT_FOUND', `unknown ${kind === 'fulfillment' ? 'location' : kind} "${id}"`, field);
    this.touch(kind, id);
    const actor = this.parts.actors.actor(kind, id)!;
    const before = actor.getSnapshot() as AnyMachineSnapshot;
    actor.send(event);
    const failure = this.parts.actors.failure;
    if (failure !== null) throw new Error(`${kind} ${id} failed on ${event.type}: ${failure.message}`);
    // An event no transition takes leaves the snapshot as it was.
    if (actor.getSnapshot() === before) throw new CommandRefused(explainRefusal(before, event));
    if (kind === 'fulfillment') this.noteLocation(id, event as FulfillmentGroupEvent);
    this.afterChange(kind, id);
    this.drain();
  }

  /** Refuses the command unless the actor would take the event now (a preview: nothing changes). */
  check<K extends Kind>(kind: K, id: string, event: EventFor<K>, field = `${kind}Id`): void {
    const snapshot = this.snapshot(kind, id, field) as AnyMachineSnapshot;
    if (!snapshot.can(event)) throw new CommandRefused(explainRefusal(snapshot, event));
  }

  private noteLocation(locationId: string, event: FulfillmentGroupEvent): void {
    let change = this.locations.get(locationId);
    if (change === undefined) this.locations.set(locationId, (change = { orderIds: new Set(), productIds: new Set() }));
    const { orderIds, productIds } = touchedBy(event);
    for (const orderId of orderIds) change.orderIds.add(orderId);
    for (const productId of productIds) change.productIds.add(productId);
  }

  private afterChange(kind: Kind, id: string): void {
    if (kind === 'customer') this.mirrorCustomer(id);
  }

  /** Keeps the customer directory (and the account number index) as the customer actor says. */
  private mirrorCustomer(customerId: string): void {
    const { catalog, customerOfAccount } = this.parts;
    const snapshot = this.parts.actors.snapshot('customer', customerId);
    if (snapshot === undefined) {
      catalog.customers.delete(customerId);
      return;
    }
    const { record, accountNumber } = snapshot.context as CustomerContext;
    catalog.customers.set(customerId, record);
    if (accountNumber !== null) customerOfAccount.set(accountNumber, customerId);
  }

  /** After a rollback: the customer as it was, and no account number it did not have (a scan, on this rare path only). */
  private restoreCustomer(customerId: string): void {
    for (const [account, id] of this.parts.customerOfAccount) if (id === customerId) this.parts.customerOfAccount.delete(account);
    this.mirrorCustomer(customerId);
  }

  private drain(): void {
    while (this.outbox.length > 0) this.route(this, this.outbox.shift()!);
  }

  // --- Tables ---

  /** Something to undo if the command is refused later. */
  onUndo(step: () => void): void {
    this.undo.push(step);
  }

  queue(item: OutboundItem): void {
    this.undo.push(this.parts.outbound.add(item));
    this.queues.add(item.storeId);
  }

  acknowledge(storeId: string, keys: readonly string[]): number {
    const { removed, undo } = this.parts.outbound.remove(storeId, keys);
    this.undo.push(undo);
    if (removed > 0) this.queues.add(storeId);
    return removed;
  }

  putReceipt(receipt: Receipt): void {
    const before = this.parts.receipts.get(receipt.receiptId);
    this.parts.receipts.set(receipt.receiptId, receipt);
    this.undo.push(() => (before === undefined ? this.parts.receipts.delete(receipt.receiptId) : this.parts.receipts.set(receipt.receiptId, before)));
    this.receipts.push(receipt);
  }

  addReturnOrder(returnOrder: ReturnOrder): void {
    this.parts.returnOrders.push(returnOrder);
    this.undo.push(() => this.parts.returnOrders.pop());
    this.returnOrders.push(returnOrder);
  }

  // --- Headquarters ---

  /** Runs once everything else in the command has succeeded (see `last`). */
  atTheEnd(step: () => void): void {
    this.last.push(step);
  }

  /** A real-time call to headquarters (SY-1, CU-4): one per command, recorded with it. */
  callHeadquarters(request: RealtimeRequest): RealtimeResponse {
    if (this.calls.length > 0) throw new Error(`a command makes one real-time call; ${request.type} would be the second`);
    const response = this.headquarters(request);
    this.calls.push({ request, response });
    return response;
  }

  /** Adds to what the command tells its caller. */
  tell(result: Record<string, unknown>): void {
    this.result = { ...this.result, ...result };
  }

  // --- Ending ---

  /** Takes back everything the command did, newest first. */
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
    const touched = [...this.touched.values()];
    for (let i = touched.length - 1; i >= 0; i--) {
      const { kind, id, before, wasClosed } = touched[i]!;
      this.parts.actors.restore(kind, id, before, wasClosed);
      if (kind === 'customer') this.restoreCustomer(id);
    }
    this.parts.actors.failure = null;
    this.parts.ids.rollback();
    this.parts.clock.now = this.clockBefore;
  }

  end(): void {
    this.parts.ids.end();
  }
}

export type { RuleViolation };
