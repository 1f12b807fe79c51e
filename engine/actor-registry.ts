/**
 * The store channel's actors by kind and id. Open work runs as live actors; closed orders (fully invoiced or
 * cancelled) leave the live set and are kept as their final snapshot, read by views and returns like any other
 * order. A closed order that takes an event again (a return) is brought back to life for that command.
 *
 * Snapshots are immutable (no action changes a context in place), so a snapshot taken before a command is its
 * undo point: restoring an actor starts a new one from that snapshot.
 */
import { createActor, type Actor, type AnyActorLogic, type AnyMachineSnapshot, type EventObject, type InspectionEvent, type SnapshotFrom } from 'xstate';
import type { Catalog } from './domain/catalog.ts';
import { isRevived, revivedFulfillmentGroup, type PersistedFulfillmentGroup } from './domain/fulfillment-group.ts';
import { createCustomerMachine, type CustomerEvent } from '../machines/customer.machine.ts';
import { createCustomerOrderMachine, type CustomerOrderEvent } from '../machines/customer-order.machine.ts';
import { createFulfillmentGroupMachine, type FulfillmentGroupEvent } from '../machines/fulfillment-group.machine.ts';
import { createRegisterMachine, type RegisterEvent } from '../machines/register.machine.ts';
import { createSyncChannelMachine, type SyncChannelEvent } from '../machines/sync-channel.machine.ts';

export type Kind = 'register' | 'order' | 'fulfillment' | 'customer' | 'sync';
export const KINDS: readonly Kind[] = ['register', 'order', 'fulfillment', 'customer', 'sync'];

export function storeMachines(catalog: Catalog) {
  return {
    register: createRegisterMachine(catalog),
    order: createCustomerOrderMachine(catalog),
    fulfillment: createFulfillmentGroupMachine(catalog),
    customer: createCustomerMachine(),
    sync: createSyncChannelMachine(),
  };
}
export type StoreMachines = ReturnType<typeof storeMachines>;
export type SnapshotFor<K extends Kind> = SnapshotFrom<StoreMachines[K]>;
export type ContextFor<K extends Kind> = SnapshotFor<K>['context'];
export type EventFor<K extends Kind> = K extends 'register' ? RegisterEvent : K extends 'order' ? CustomerOrderEvent
  : K extends 'fulfillment' ? FulfillmentGroupEvent : K extends 'customer' ? CustomerEvent : SyncChannelEvent;

/** Whether an order is closed: fully invoiced or cancelled (it then takes returns only). */
export function isClosedOrder(snapshot: AnyMachineSnapshot): boolean {
  return snapshot.value === 'completed' || snapshot.value === 'cancelled';
}

export class ActorRegistry {
  private readonly live: Record<Kind, Map<string, Actor<AnyActorLogic>>> = { register: new Map(), order: new Map(), fulfillment: new Map(), customer: new Map(), sync: new Map() };
  private readonly closedOrders = new Map<string, AnyMachineSnapshot>();
  /** Set when an action threw: the actor stopped, and the command in progress must fail. */
  failure: Error | null = null;

  /** `inspect` observes every actor started (the testers' coverage of a scenario's transitions). */
  constructor(readonly machines: StoreMachines, private readonly emitted: (event: EventObject) => void, private readonly inspect?: (event: InspectionEvent) => void) {}

  has(kind: Kind, id: string): boolean {
    return this.live[kind].has(id) || (kind === 'order' && this.closedOrders.has(id));
  }

  /** The actor's current snapshot, live or closed. */
  snapshot<K extends Kind>(kind: K, id: string): SnapshotFor<K> | undefined {
    const actor = this.live[kind].get(id);
    if (actor !== undefined) return actor.getSnapshot() as SnapshotFor<K>;
    return kind === 'order' ? this.closedOrders.get(id) as SnapshotFor<K> | undefined : undefined;
  }

  /** The live actor, bringing a closed order back to life if need be (`undefined`: no such actor). */
  actor(kind: Kind, id: string): Actor<AnyActorLogic> | undefined {
    const actor = this.live[kind].get(id);
    if (actor !== undefined || kind !== 'order') return actor;
    const closed = this.closedOrders.get(id);
    if (closed === undefined) return undefined;
    this.closedOrders.delete(id);
    return this.start(kind, id, { snapshot: closed });
  }

  /** Starts an actor from its input, or from a snapshot (persisted, or a live one taken earlier). */
  start(kind: Kind, id: string, from: { input: unknown } | { snapshot: unknown }): Actor<AnyActorLogic> {
    const logic = this.machines[kind] as unknown as AnyActorLogic;
    const inspect = this.inspect === undefined ? {} : { inspect: this.inspect };
    const actor = createActor(logic, 'input' in from ? { input: from.input, ...inspect } : { snapshot: revived(kind, from.snapshot) as never, ...inspect });
    actor.on('*', (event) => this.emitted(event));
    // An action that throws stops the actor; record it so the command fails and rolls back instead.
    actor.subscribe({ error: (error) => { this.failure ??= error instanceof Error ? error : new Error(String(error)); } });
    this.live[kind].set(id, actor);
    actor.start();
    return actor;
  }

  /** Puts an actor back as it was (`undefined`: it did not exist). */
  restore(kind: Kind, id: string, before: AnyMachineSnapshot | undefined, wasClosed: boolean): void {
    this.live[kind].get(id)?.stop();
    if (before !== undefined && !wasClosed) {
      this.start(kind, id, { snapshot: before });
      return;
    }
    this.live[kind].delete(id);
    if (before !== undefined) this.closedOrders.set(id, before);
  }

  /** A closed order leaves the live set, kept as its final snapshot. */
  close(orderId: string): void {
    const actor = this.live.order.get(orderId);
    if (actor === undefined) return;
    this.closedOrders.set(orderId, actor.getSnapshot());
    actor.stop();
    this.live.order.delete(orderId);
  }

  isClosed(orderId: string): boolean {
    return this.closedOrders.has(orderId);
  }

  ids(kind: Kind): string[] {
    return kind === 'order' ? [...this.live.order.keys(), ...this.closedOrders.keys()] : [...this.live[kind].keys()];
  }

  /** Every actor's current snapshot (closed orders included). */
  *snapshots(kind: Kind): Generator<[string, AnyMachineSnapshot]> {
    for (const [id, actor] of this.live[kind]) yield [id, actor.getSnapshot()];
    if (kind === 'order') yield* this.closedOrders;
  }

  size(kind: Kind): number {
    return this.live[kind].size + (kind === 'order' ? this.closedOrders.size : 0);
  }

  liveCount(kind: Kind): number {
    return this.live[kind].size;
  }
}

/** A snapshot as its machine takes it back: a location's tables from a persisted snapshot's plain records. */
function revived(kind: Kind, snapshot: unknown): unknown {
  if (kind !== 'fulfillment') return snapshot;
  const { context } = snapshot as { context: PersistedFulfillmentGroup };
  return isRevived(context) ? snapshot : { ...(snapshot as object), context: revivedFulfillmentGroup(context) };
}

/** A snapshot as a persisted snapshot holds it (JSON-ready; a location's tables as plain records). */
export function persistedSnapshot(kind: Kind, machines: StoreMachines, snapshot: AnyMachineSnapshot): unknown {
  const persisted = (machines[kind] as unknown as { getPersistedSnapshot(s: AnyMachineSnapshot): { context: unknown } }).getPersistedSnapshot(snapshot);
  return kind === 'fulfillment' ? { ...persisted, context: JSON.parse(JSON.stringify(persisted.context)) as unknown } : persisted;
}
