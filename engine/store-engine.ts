/**
 * The store channel's actor host: one register actor per till, one customer-order actor per open order (closed
 * orders are kept as their final snapshot), one fulfillment-group actor per location, one customer actor per
 * customer the channel knows, one sync-channel actor per store (its link to headquarters).
 *
 * Each command runs in its own scope (command-scope.ts): the handler table (command-handlers.ts) sends it to the
 * actors through the flows (flows/), what actors emit is routed on (event-routing.ts) within the same command, and
 * a refused command is rolled back whole at the cost of what it touched. Headquarters is reached by the real-time
 * service (at most one call per command, made last, its answer recorded for replay) and by the outbound queue of
 * channel transactions the P-job pulls (SY-2, SY-3).
 */
import type { AnyMachineSnapshot, EventObject, InspectionEvent } from 'xstate';
import { ActorRegistry, isClosedOrder, KINDS, persistedSnapshot, storeMachines, type Kind } from './actor-registry.ts';
import { CommandScope, type LocationChange, type StoreParts } from './command-scope.ts';
import { handle } from './command-handlers.ts';
import type { Catalog } from './domain/catalog.ts';
import type { OutboundItem } from './domain/channel-transactions.ts';
import type { CustomerOrderContext } from './domain/customer-order.ts';
import type { FulfillmentFilter, FulfillmentListRow } from './domain/fulfillment-group.ts';
import type { Numbering } from './domain/numbering.ts';
import type { RegisterContext } from './domain/register-transaction.ts';
import type { Receipt, ReturnOrder } from './domain/store-records.ts';
import { CommandRefused } from './domain/violation.ts';
import { routeEmitted } from './event-routing.ts';
import { queueOrderUpdates } from './flows/order-updates.ts';
import { replayGateway, type HeadquartersGateway, type RecordedCall } from './headquarters-gateway.ts';
import { DEFAULT_START, SeededIds, VirtualClock, type IdState } from './ids.ts';
import { OrderIndex } from './order-index.ts';
import { OutboundQueue } from './outbound-queue.ts';
import { parseCommand, type Command, type CommandOutcome } from './protocol/commands.ts';
import type { CustomerView, LinkView, OrderView, RegisterView, RejectedLineRow } from './protocol/views.ts';
import { availabilityView, customerView, fulfillmentView, linkView, orderView, registerView, rejectedLines, xReport, zReports } from './store-views.ts';
import type { ShiftReport } from './domain/shift.ts';
import { batchReachable } from '../machines/sync-channel.machine.ts';

export interface EngineState {
  seq: number;
  clock: number;
  ids: IdState;
  registers: Record<string, unknown>;
  orders: Record<string, unknown>;
  fulfillment: Record<string, unknown>;
  customers: Record<string, unknown>;
  sync: Record<string, unknown>;
  receipts: Record<string, Receipt>;
  returnOrders: ReturnOrder[];
  outbound: Record<string, OutboundItem[]>;
}

const STATE_KEY = { register: 'registers', order: 'orders', fulfillment: 'fulfillment', customer: 'customers', sync: 'sync' } as const satisfies Record<Kind, keyof EngineState>;

/**
 * The engine's state as of one moment, by reference: every part is immutable or a copy, so it can be written out
 * piece by piece while the engine goes on (see persistence/snapshot-store.ts).
 */
export interface CapturedState {
  seq: number;
  clock: number;
  ids: IdState;
  actors: Record<Kind, [string, AnyMachineSnapshot][]>;
  receipts: Receipt[];
  returnOrders: ReturnOrder[];
  outbound: Record<string, OutboundItem[]>;
  /** A snapshot as a persisted snapshot holds it. */
  persisted(kind: Kind, snapshot: AnyMachineSnapshot): unknown;
}

export interface EngineOptions { seed?: number | undefined; startAt?: number | undefined; gateway: HeadquartersGateway; inspect?: ((event: InspectionEvent) => void) | undefined }

export type CommandResult = CommandOutcome<Command> & { calls?: RecordedCall[] };

/** An actor a command changed, as it was before and is after (undefined: it did not exist / no longer does). */
export interface ActorChange { kind: Kind; id: string; before: AnyMachineSnapshot | undefined; after: AnyMachineSnapshot | undefined }

/** What one accepted command changed, for the screens and the report to follow. */
export interface StoreChange {
  seq: number;
  actors: ActorChange[];
  /** What changed at each location: orders whose lines there changed, products whose on hand moved. */
  locations: ReadonlyMap<string, LocationChange>;
  /** Stores whose outbound queue changed. */
  queues: string[];
  /** Receipts made or returned against. */
  receipts: Receipt[];
  returnOrders: ReturnOrder[];
}

/**
 * A register stored before shifts and receipts were kept (an older data directory's snapshot) has none: its open shift
 * counts from its next opening, with no Z report before it.
 */
function withEndOfDay(snapshot: unknown): unknown {
  const { context } = snapshot as { context: Partial<RegisterContext> };
  return { ...(snapshot as object), context: { ...context, shift: context.shift ?? null, zReports: context.zReports ?? [], receipts: context.receipts ?? [] } };
}

export class StoreEngine {
  readonly parts: StoreParts;
  seq = 0;
  private scope: CommandScope | null = null;
  private readonly changeListeners: ((change: StoreChange) => void)[] = [];

  private constructor(chainCatalog: Catalog, private readonly gateway: HeadquartersGateway, options: { seed?: number | undefined; startAt: number; inspect?: ((event: InspectionEvent) => void) | undefined }, state?: EngineState) {
    // The customers change as the channel creates and receives them: this engine's own copy of the directory.
    const catalog: Catalog = { ...chainCatalog, customers: new Map(chainCatalog.customers) };
    const actors = new ActorRegistry(storeMachines(catalog), (event) => this.emitted(event), options.inspect);
    this.parts = {
      catalog, actors, clock: new VirtualClock(state?.clock ?? options.startAt), ids: new SeededIds(options.seed ?? 1, state?.ids),
      receipts: new Map(Object.entries(state?.receipts ?? {})), returnOrders: state?.returnOrders ?? [],
      outbound: new OutboundQueue(state?.outbound ?? {}), orders: new OrderIndex(), customerOfAccount: new Map(),
    };
    if (state === undefined) this.startAfresh();
    else this.restore(state);
    for (const [customerId, snapshot] of actors.snapshots('customer')) {
      const { record, accountNumber } = snapshot.context as { record: never; accountNumber: string | null };
      catalog.customers.set(customerId, record);
      if (accountNumber !== null) this.parts.customerOfAccount.set(accountNumber, customerId);
    }
    // The index lists orders in the order they were made.
    const orders = [...actors.snapshots('order')].map(([, snapshot]) => snapshot.context as CustomerOrderContext);
    orders.sort((a, b) => a.createdAt - b.createdAt || (a.orderId < b.orderId ? -1 : 1));
    for (const order of orders) this.parts.orders.note(order, undefined);
  }

  static create(catalog: Catalog, options: EngineOptions): StoreEngine {
    return new StoreEngine(catalog, options.gateway, { seed: options.seed, startAt: options.startAt ?? DEFAULT_START, inspect: options.inspect });
  }

  /** Takes the state over (no copy: a large one would double the memory at open): pass one nothing else holds. */
  static restore(catalog: Catalog, state: EngineState, options: EngineOptions): StoreEngine {
    return new StoreEngine(catalog, options.gateway, { seed: options.seed, startAt: state.clock, inspect: options.inspect }, state);
  }

  private startAfresh(): void {
    const { catalog, actors, clock } = this.parts;
    for (const [registerId, storeId] of catalog.registers) actors.start('register', registerId, { input: { registerId, storeId } });
    for (const location of catalog.config.locations) {
      const store = catalog.storeAtLocation.get(location.id);
      const onHand = Object.fromEntries(catalog.config.inventory.filter((i) => i.locationId === location.id).map((i) => [i.productId, i.onHand]));
      actors.start('fulfillment', location.id, { input: { locationId: location.id, storeId: store?.id ?? null, manualAccept: store?.manualAccept ?? false, onHand } });
    }
    for (const record of catalog.config.customers) {
      actors.start('customer', record.accountId, { input: { customerId: record.accountId, accountNumber: record.accountId, record, createdAtStoreId: null, createdAt: clock.now, version: 0 } });
    }
    for (const store of catalog.config.stores) actors.start('sync', store.id, { input: { storeId: store.id } });
  }

  private restore(state: EngineState): void {
    this.seq = state.seq;
    const { actors } = this.parts;
    for (const kind of KINDS) {
      for (const [id, snapshot] of Object.entries(state[STATE_KEY[kind]])) actors.start(kind, id, { snapshot: kind === 'register' ? withEndOfDay(snapshot) : snapshot });
    }
    // Closed orders go back to being kept as their final snapshot.
    for (const id of actors.ids('order')) if (isClosedOrder(actors.snapshot('order', id)!)) actors.close(id);
  }

  private emitted(event: EventObject): void {
    if (this.scope === null) throw new Error(`${event.type} emitted outside a command`);
    this.scope.emitted(event);
  }

  // --- Commands ---

  /** Validates, applies and returns the result; nothing is changed by a refused command. */
  executeNow(input: unknown, replay?: { calls: readonly RecordedCall[] }): CommandResult {
    const parsed = parseCommand(input);
    return parsed.ok ? this.execute(parsed.command, replay) : parsed;
  }

  /**
   * Applies a command already validated (by the chain, or built by the host itself). A replay passes the real-time
   * calls the journal recorded for the command, and they answer instead of headquarters.
   */
  execute(command: Command, replay?: { calls: readonly RecordedCall[] }): CommandResult {
    const gateway = replay === undefined ? this.gateway : replayGateway(replay.calls);
    const scope = new CommandScope(this.parts, routeEmitted, (request) => gateway.call(request));
    this.scope = scope;
    try {
      const result = handle(scope, command);
      // What needs headquarters runs last, so that nothing after its answer can fail.
      for (const step of scope.last) step();
      queueOrderUpdates(scope);
      scope.end();
      this.seq += 1;
      this.committed(scope);
      return { ok: true, seq: this.seq, at: this.parts.clock.now, command, result: { ...result, ...scope.result }, ...(scope.calls.length === 0 ? {} : { calls: scope.calls }) };
    } catch (error) {
      scope.rollback();
      if (error instanceof CommandRefused) return { ok: false, error: error.violation };
      throw error;
    } finally {
      this.scope = null;
    }
  }

  /** After a command: the order index takes in its orders, closed orders leave the live set, listeners hear of it. */
  private committed(scope: CommandScope): void {
    const { actors, orders } = this.parts;
    const changes: ActorChange[] = [];
    for (const { kind, id, before } of scope.touched.values()) {
      const after = actors.snapshot(kind, id);
      changes.push({ kind, id, before, after });
      if (kind !== 'order' || after === undefined) continue;
      orders.note(after.context as CustomerOrderContext, before?.context as CustomerOrderContext | undefined);
      if (isClosedOrder(after)) actors.close(id);
    }
    if (this.changeListeners.length === 0) return;
    const change: StoreChange = { seq: this.seq, actors: changes, locations: scope.locations, queues: [...scope.queues], receipts: scope.receipts, returnOrders: scope.returnOrders };
    for (const listener of this.changeListeners) listener(change);
  }

  /** Listens to what every accepted command changed (the live screens and the report follow it). */
  onChange(listener: (change: StoreChange) => void): void {
    this.changeListeners.push(listener);
  }

  // --- Views (pure reads) ---

  get catalog(): Catalog { return this.parts.catalog; }
  get clock(): VirtualClock { return this.parts.clock; }

  registerView(registerId: string): RegisterView { return registerView(this.parts, registerId); }
  xReport(registerId: string): ShiftReport { return xReport(this.parts, registerId); }
  zReports(storeId: string): ShiftReport[] { return zReports(this.parts, storeId); }
  orderView(orderId: string): OrderView { return orderView(this.parts, orderId); }
  customerView(idOrAccount: string): CustomerView { return customerView(this.parts, idOrAccount); }
  linkView(storeId: string): LinkView { return linkView(this.parts, storeId); }
  fulfillmentView(locationId: string, filter: FulfillmentFilter = 'all'): { lines: FulfillmentListRow[]; onHand: Record<string, number> } { return fulfillmentView(this.parts, locationId, filter); }
  rejectedLines(): RejectedLineRow[] { return rejectedLines(this.parts, this.catalog.config.locations.map((l) => l.id)); }
  availabilityView(registerId: string, purpose: 'ship' | 'pickup', lineIds?: readonly string[]) { return availabilityView(this.parts, registerId, purpose, lineIds); }

  /** A store's link with the items waiting in its queue (a read of the whole queue: for the P-job and tests). */
  syncView(storeId: string): Omit<LinkView, 'pending'> & { pending: OutboundItem[] } {
    return { ...this.linkView(storeId), pending: this.parts.outbound.pending(storeId) };
  }

  /** SY-2 / SY-4: whether batch data reaches the store now. */
  batchReachable(storeId: string): boolean {
    const link = this.parts.actors.snapshot('sync', storeId);
    return link !== undefined && batchReachable(link);
  }

  hasOrder(orderId: string): boolean { return this.parts.actors.has('order', orderId); }
  orderIds(): string[] { return [...this.parts.orders.orderIds()]; }
  customerIds(): string[] { return this.parts.actors.ids('customer'); }
  receipt(receiptId: string): Receipt | undefined { return this.parts.receipts.get(receiptId); }
  receiptIds(): string[] { return [...this.parts.receipts.keys()]; }
  allReturnOrders(): readonly ReturnOrder[] { return this.parts.returnOrders; }

  /** The state of the channel's random stream (GUIDs, tokens). */
  get rng(): number {
    return this.parts.ids.rng;
  }

  /** The channel's numbering now: what it sends headquarters with every upload. */
  numbering(): Numbering {
    const { counters, rng } = this.parts.ids.toJSON();
    return { counters, rng };
  }

  /**
   * The channel references of the sales open at the registers that are not orders and hold no reserved order id
   * (recovery: see Chain.reconcile).
   */
  openSales(): string[] {
    const sales: string[] = [];
    for (const registerId of this.parts.catalog.registers.keys()) {
      const { storeId, transaction } = this.parts.actors.snapshot('register', registerId)!.context as RegisterContext;
      if (transaction?.kind !== 'sale') continue;
      const channelReference = `${storeId}-${transaction.transactionId}`;
      if (this.parts.orders.withChannelReference(channelReference) === undefined && this.parts.ids.reservedFor(channelReference) === undefined) sales.push(channelReference);
    }
    return sales;
  }

  capture(): CapturedState {
    const { actors } = this.parts;
    const byKind = Object.fromEntries(KINDS.map((kind) => [kind, [...actors.snapshots(kind)]])) as Record<Kind, [string, AnyMachineSnapshot][]>;
    return {
      seq: this.seq, clock: this.parts.clock.now, ids: this.parts.ids.toJSON(), actors: byKind,
      receipts: [...this.parts.receipts.values()], returnOrders: [...this.parts.returnOrders], outbound: this.parts.outbound.toJSON(),
      persisted: (kind, snapshot) => persistedSnapshot(kind, actors.machines, snapshot),
    };
  }

  /** The whole state as plain data, detached from the engine (actors by id, so that equal states export equal). */
  exportState(): EngineState {
    const captured = this.capture();
    const persisted = (kind: Kind) => Object.fromEntries(captured.actors[kind]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, snapshot]) => [id, captured.persisted(kind, snapshot)]));
    return structuredClone({
      seq: captured.seq, clock: captured.clock, ids: captured.ids,
      registers: persisted('register'), orders: persisted('order'), fulfillment: persisted('fulfillment'), customers: persisted('customer'), sync: persisted('sync'),
      receipts: Object.fromEntries(captured.receipts.map((r) => [r.receiptId, r])), returnOrders: captured.returnOrders, outbound: captured.outbound,
    });
  }
}
