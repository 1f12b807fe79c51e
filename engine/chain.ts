/**
 * The chain host: the store channel (StoreEngine) and headquarters (HeadquartersEngine), each with its own state,
 * and what moves between them. The real-time service is a synchronous call from a store command (SY-1, CU-4); batch
 * data moves as deliveries through a transport: the P-job's upload to headquarters and its acknowledgement back
 * (SY-2, SY-3), job 1010's distribution package (SY-4). A delivery is a command on the receiving engine; one that
 * finds the store offline is lost, and the next job run sends it again (every item keeps its idempotency key).
 *
 * Jobs run by hand (`headquarters.runJob`) or on their schedules as the virtual clock advances (`clock.advance`).
 * Every engine-level command the chain accepts is reported to `onAccepted` listeners (the durable host journals
 * them), including a real-time call's command at headquarters, which comes before the store command that made it.
 */
import type { InspectionEvent } from 'xstate';
import { buildCatalog, type Catalog } from './domain/catalog.ts';
import type { HeadquartersJob } from './domain/config.ts';
import { calendarDay, planContinuityChildOrders, processContinuityPayments } from './domain/call-center/continuity.ts';
import { authoriseContinuityPayment } from './flows/continuity-enrolments.ts';
import { dueRunCount, salesOrderOf, type BackOffice, type JobRun } from './domain/headquarters.ts';
import { numberingBehind, numbersIn, type Numbering } from './domain/numbering.ts';
import { CommandRefused, refuse } from './domain/violation.ts';
import type { HeadquartersGateway, RealtimeRequest, RealtimeResponse, RecordedCall } from './headquarters-gateway.ts';
import { HeadquartersEngine, type HeadquartersState } from './headquarters-engine.ts';
import type { HeadquartersCommand } from './headquarters-commands.ts';
import { DEFAULT_START } from './ids.ts';
import { chainCommandSchema, parseWith, type ChainCommand, type Command, type CommandOutcome } from './protocol/commands.ts';
import { isCallCenterDeskCommand, type CallCenterDeskCommand } from './protocol/call-center.ts';
import { isSalesOfficeCommand, type SalesOfficeCommand } from './protocol/sales.ts';
import type { FulfillmentFilter } from './protocol/views.ts';
import type { StoreFigures } from './protocol/report.ts';
import { StoreEngine, type EngineState, type StoreChange } from './store-engine.ts';
import { StoreTally } from './store-tally.ts';

/** The continuity batches' filters (CC-15): one parent item, one parent sales order. */
type ContinuityFilters = { itemId?: string | undefined; orderId?: string | undefined };

/** Scheduled job runs one clock advance may make (a year of 5-minute P-jobs would hold the engine for minutes). */
export const MAX_RUNS_PER_ADVANCE = 1000;

/** The P-job sends a long queue in uploads of this many items (headquarters takes at most 5000 at a time). */
const UPLOAD_BATCH = 500;

export { chainCommandSchema, type ChainCommand };
export type ChainResult = CommandOutcome<ChainCommand>;

export interface ChainState { store: EngineState; headquarters: HeadquartersState }

/** What an engine-level command changed: store actors, or headquarters' back office. */
export type ChainChange = ({ engine: 'store' } & StoreChange) | { engine: 'headquarters'; seq: number; command: HeadquartersCommand };

/** A command one engine accepted: what a journal keeps. */
export interface AcceptedEntry { engine: 'store' | 'headquarters'; seq: number; at: number; command: unknown; calls?: RecordedCall[] }

/** A batch message between a store and headquarters. */
export interface Delivery { to: 'store' | 'headquarters'; storeId: string; command: Record<string, unknown> }

/** How deliveries travel: at once (the default), or held, duplicated, reordered or lost by a test. */
export interface Transport { send(delivery: Delivery): void }

export interface ChainOptions {
  seed?: number | undefined;
  startAt?: number | undefined;
  transport?: ((chain: Chain) => Transport) | undefined;
  /** XState inspection of every actor of both engines (the testers' coverage of what a scenario exercised). */
  inspect?: ((event: InspectionEvent) => void) | undefined;
}

/** What happened to deliveries: the network's view, for analysts and the exactly-once tests. */
export interface DeliveryStats { delivered: number; lost: number; refused: number }

/** A clock advance in steps (see Chain.startAdvance). */
export interface ClockAdvance { step(): boolean; result(): Record<string, unknown> }

export class Chain {
  readonly store: StoreEngine;
  readonly headquarters: HeadquartersEngine;
  readonly deliveries: DeliveryStats = { delivered: 0, lost: 0, refused: 0 };
  private readonly listeners: ((entry: AcceptedEntry) => void)[] = [];
  private readonly changeListeners: ((change: ChainChange) => void)[] = [];
  private transport: Transport;
  private readonly tally: StoreTally;

  private constructor(readonly catalog: Catalog, make: (gateway: HeadquartersGateway) => { store: StoreEngine; headquarters: HeadquartersEngine }, options: ChainOptions) {
    const gateway: HeadquartersGateway = { call: (request) => this.realtime(request) };
    ({ store: this.store, headquarters: this.headquarters } = make(gateway));
    this.tally = new StoreTally(this.store);
    this.store.onChange((storeChange) => {
      const change: ChainChange = { engine: 'store', ...storeChange };
      for (const listener of this.changeListeners) listener(change);
    });
    this.transport = options.transport?.(this) ?? { send: (delivery) => this.deliver(delivery) };
  }

  static create(config: unknown, options: ChainOptions = {}): Chain {
    return Chain.fromCatalog(buildCatalog(config), options);
  }

  static fromCatalog(catalog: Catalog, options: ChainOptions = {}): Chain {
    return Chain.restore(catalog, {}, options);
  }

  /** The chain from the state of either side (a side without one starts afresh); takes the state over (`exportState` gives a copy). */
  static restore(catalog: Catalog, state: Partial<ChainState>, options: ChainOptions = {}): Chain {
    const startAt = options.startAt ?? DEFAULT_START;
    return new Chain(catalog, (gateway) => ({
      store: state.store === undefined
        ? StoreEngine.create(catalog, { seed: options.seed, startAt, gateway, inspect: options.inspect })
        : StoreEngine.restore(catalog, state.store, { seed: options.seed, gateway, inspect: options.inspect }),
      headquarters: state.headquarters === undefined
        ? HeadquartersEngine.create(catalog, { startAt, inspect: options.inspect })
        : HeadquartersEngine.restore(catalog, state.headquarters, { inspect: options.inspect }),
    }), options);
  }

  /** Listens to what every engine-level command changed (the live screens follow it); every listener gets the same object. */
  onChange(listener: (change: ChainChange) => void): void {
    this.changeListeners.push(listener);
  }

  /** Listens to every engine-level command accepted (to journal it). */
  onAccepted(listener: (entry: AcceptedEntry) => void): void {
    this.listeners.push(listener);
  }

  get now(): number {
    return this.store.clock.now;
  }

  /** Commands accepted by both engines together: the chain's sequence number. */
  get seq(): number {
    return this.store.seq + this.headquarters.seq;
  }

  // --- Engine-level commands, each reported once accepted ---

  /** A store command: validated already (`Command`), or a delivery as it arrived (checked here). */
  private onStore(command: Command | { delivered: unknown }): ReturnType<StoreEngine['executeNow']> {
    const result = 'delivered' in command ? this.store.executeNow(command.delivered) : this.store.execute(command);
    if (result.ok) this.report({ engine: 'store', seq: result.seq, at: result.at, command: result.command, ...(result.calls === undefined ? {} : { calls: result.calls }) });
    return result;
  }

  /** A headquarters command: one the chain built itself (trusted), or a delivery as it arrived (checked). */
  private onHeadquarters(command: Parameters<HeadquartersEngine['execute']>[0] | { delivered: unknown }): ReturnType<HeadquartersEngine['executeNow']> {
    const result = 'delivered' in command ? this.headquarters.executeNow(command.delivered) : this.headquarters.execute(command);
    if (result.ok) {
      this.report({ engine: 'headquarters', seq: result.seq, at: result.at, command: result.command });
      const change: ChainChange = { engine: 'headquarters', seq: result.seq, command: result.command };
      for (const listener of this.changeListeners) listener(change);
    }
    return result;
  }

  private report(entry: AcceptedEntry): void {
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * SY-1 / CU-4: the real-time service (the store engine calls it only while the store is online). The call carries
   * what it shows of the channel's numbering: headquarters keeps the furthest it has seen (see reconcile).
   */
  private realtime(request: RealtimeRequest): RealtimeResponse {
    if (request.type === 'headquarters.findOrder') return { ok: true, result: { salesOrderId: salesOrderOf(this.headquarters.office, request.channelReference)?.salesOrderId ?? null } };
    const result = this.onHeadquarters({ ...request, numbering: this.shownBy(request) });
    return result.ok ? { ok: true, result: result.result } : { ok: false, error: result.error };
  }

  /**
   * The numbers of the ids a real-time call holds (an order's id and transaction id; a customer's GUID is the random
   * stream's) and how far the stream has gone: all of the channel's numbering that headquarters sees in it.
   */
  private shownBy(request: RealtimeRequest): Numbering {
    const ids = request.type === 'headquarters.createOrder' ? [request.order.orderId, request.order.channelReference.slice(request.order.storeId.length + 1)] : [];
    return { counters: numbersIn(ids), rng: this.store.rng };
  }

  /**
   * A batch message arrives. Lost when the store is offline (nothing moves then); refused when stale (an older
   * distribution package) or malformed. Headquarters answers an upload with its acknowledgement.
   */
  deliver(delivery: Delivery): void {
    if (!this.store.batchReachable(delivery.storeId)) {
      this.deliveries.lost += 1;
      return;
    }
    if (delivery.to === 'store') {
      this.count(this.onStore({ delivered: delivery.command }).ok);
      return;
    }
    const result = this.onHeadquarters({ delivered: delivery.command });
    this.count(result.ok);
    const acknowledged = result.ok && result.command.type === 'headquarters.receiveUpload' ? result.result.acknowledged as string[] : [];
    if (acknowledged.length > 0) this.transport.send({ to: 'store', storeId: delivery.storeId, command: { type: 'sync.acknowledge', storeId: delivery.storeId, keys: acknowledged } });
  }

  private count(ok: boolean): void {
    if (ok) this.deliveries.delivered += 1;
    else this.deliveries.refused += 1;
  }

  // --- Chain commands ---

  /** Validates and applies a command; a refused command changes nothing. */
  executeNow(input: unknown): ChainResult {
    const parsed = parseWith(chainCommandSchema, input);
    return parsed.ok ? this.execute(parsed.command) : parsed;
  }

  /** Applies a command already validated against `chainCommandSchema`. */
  execute(command: ChainCommand): ChainResult {
    try {
      if (isCallCenterDeskCommand(command)) return this.callCenterDesk(command);
      if (isSalesOfficeCommand(command)) return this.salesOffice(command);
      switch (command.type) {
        case 'clock.advance':
          return this.accepted(command, this.advanceClock(command.ms));
        case 'headquarters.runJob':
          return this.accepted(command, { run: this.runJob(command.job, this.storeIdsOf(command.storeIds), { itemId: command.itemId, orderId: command.orderId }) });
        case 'headquarters.schedule': {
          const result = this.onHeadquarters(command);
          return result.ok ? this.accepted(command, result.result) : result;
        }
        case 'callCenter.submitOrder':
          return this.submitCallCenterOrder(command);
        case 'callCenter.cancelEnrolment': {
          const result = this.onHeadquarters({ ...command, type: 'headquarters.cancelEnrolment' });
          return result.ok ? this.accepted(command, result.result) : result;
        }
        case 'callCenter.catalog': {
          const result = this.onHeadquarters({ ...command, type: 'headquarters.catalog' });
          return result.ok ? this.accepted(command, result.result) : result;
        }
        default: {
          const result = this.onStore(command);
          return result.ok ? this.accepted(command, result.result) : result;
        }
      }
    } catch (error) {
      if (error instanceof CommandRefused) return { ok: false, error: error.violation };
      throw error;
    }
  }

  /**
   * CC-2 / CC-21: a submitted call-center order becomes a sales order at headquarters, which sends the store that owns
   * it its distribution package at once (SY-4's package, as job 1010 would: the order appears on the fulfilling
   * locations' screens now). A store that cannot be reached gets it with the next 1010 run; it takes it once.
   */
  private submitCallCenterOrder(command: Extract<ChainCommand, { type: 'callCenter.submitOrder' }>): ChainResult {
    const result = this.onHeadquarters({ type: 'headquarters.acceptCallCenterOrder', order: command.order });
    if (!result.ok) return result;
    const storeId = result.result.storeId as string;
    const sent = this.store.batchReachable(storeId) && this.sendDistribution(storeId);
    return this.accepted(command, { ...result.result, sentToStore: sent });
  }

  /**
   * CC-2..CC-19: a step of an order being taken at the call center; one its submit releases reaches its store at once,
   * as does its cancel (CC-21).
   */
  private callCenterDesk(command: CallCenterDeskCommand): ChainResult {
    const result = this.onHeadquarters({ type: 'headquarters.callCenterDesk', command });
    if (!result.ok) return result;
    const storeId = result.result.released === true || result.result.cancelledAtHeadquarters === true ? result.result.storeId as string : null;
    const sent = storeId !== null && this.store.batchReachable(storeId) && this.sendDistribution(storeId);
    return this.accepted(command, { ...result.result, ...(storeId === null ? {} : { sentToStore: sent }) });
  }

  /** Issue 13: a command of headquarters' sales office, one journaled headquarters command; a pickup quotation reaches its store. */
  private salesOffice(command: SalesOfficeCommand): ChainResult {
    const result = this.onHeadquarters({ type: 'headquarters.salesOffice', command });
    if (!result.ok) return result;
    // A quotation picked up at a store reaches it at once, as a released call-center order does.
    const storeId = typeof result.result.pickupStoreId === 'string' ? result.result.storeId as string : null;
    const sent = storeId !== null && this.store.batchReachable(storeId) && this.sendDistribution(storeId);
    return this.accepted(command, { ...result.result, ...(storeId === null ? {} : { sentToStore: sent }) });
  }

  /** SY-4: sends a store what headquarters has newer than the version it applied; false when there is nothing. */
  private sendDistribution(storeId: string): { customers: number; orders: number } | false {
    const pkg = this.headquarters.distributionFor(storeId, this.store.linkView(storeId).appliedVersion);
    if (pkg === null) return false;
    this.transport.send({ to: 'store', storeId, command: { type: 'sync.applyDistribution', storeId, package: pkg } });
    return { customers: pkg.customers.length, orders: pkg.orders.length + pkg.callCenterOrders.length };
  }

  private accepted(command: ChainCommand, result: Record<string, unknown>): ChainResult {
    return { ok: true, seq: this.seq, at: this.now, command, result };
  }

  private storeIdsOf(storeIds: readonly string[] | undefined): string[] {
    if (storeIds === undefined) return [...this.catalog.stores.keys()];
    storeIds.forEach((storeId, i) => { if (!this.catalog.stores.has(storeId)) refuse('NOT_FOUND', `unknown store "${storeId}"`, `storeIds.${i}`); });
    return [...new Set(storeIds)];
  }

  /** Moves both clocks to `to` (they always read the same). */
  private moveClocks(to: number): void {
    const ms = to - this.now;
    if (ms <= 0) return;
    this.mustAccept(this.onStore({ type: 'clock.advance', ms }));
    this.mustAccept(this.onHeadquarters({ type: 'clock.advance', ms }));
  }

  /** Advances the virtual clock, running every scheduled job that falls due on the way, in time order. */
  private advanceClock(ms: number): Record<string, unknown> {
    const advance = this.startAdvance(ms);
    while (advance.step()) { /* every job due on the way */ }
    return advance.result();
  }

  /**
   * A clock advance taken a job at a time (`step` runs the next job due, and with the last one moves the clock to
   * the end and says false), so that a host can let other work in between. Refused before anything moves when it
   * would run more than MAX_RUNS_PER_ADVANCE jobs.
   */
  startAdvance(ms: number): ClockAdvance {
    const until = this.now + ms;
    // Counted before anything moves: a refused advance leaves the clock and every job where they were.
    const due = dueRunCount(this.headquarters.office, until);
    if (due > MAX_RUNS_PER_ADVANCE) refuse('VALIDATION', `moving the clock that far would run ${due} scheduled jobs (at most ${MAX_RUNS_PER_ADVANCE} at a time): advance in smaller steps`, 'ms');
    const runs: JobRun[] = [];
    let done = false;
    return {
      // The last job and the move to the end go together, so that the last step always changes something.
      step: () => {
        if (done) return false;
        const next = this.headquarters.nextDueJob(until);
        if (next !== null) {
          this.moveClocks(next.at);
          runs.push(this.runJob(next.job, [...this.catalog.stores.keys()]));
          if (this.headquarters.nextDueJob(until) !== null) return true;
        }
        this.moveClocks(until);
        done = true;
        return false;
      },
      result: () => ({ now: this.now, jobsRun: runs.map((r) => ({ job: r.job, at: r.at })) }),
    };
  }

  /**
   * Runs a headquarters job now. P-job: pulls each reachable store's queue. Synchronize customers / orders: at
   * headquarters. 1010: sends each reachable store what is newer than the version it has.
   */
  private runJob(job: HeadquartersJob, storeIds: readonly string[], filters: ContinuityFilters = {}): JobRun {
    if (job === 'synchronizeCustomers' || job === 'synchronizeOrders') {
      const result = this.mustAccept(this.onHeadquarters({ type: `headquarters.${job}` }));
      return result.result.run as JobRun;
    }
    if (job === 'processContinuityPayments' || job === 'createContinuityChildOrders' || job === 'expireCatalogs') {
      const counts = job === 'processContinuityPayments' ? this.processContinuityPayments(filters)
        : job === 'createContinuityChildOrders' ? this.createContinuityChildOrders(filters) : this.expireCatalogs();
      const run: JobRun = { job, at: this.now, counts, stores: [] };
      this.mustAccept(this.onHeadquarters({ type: 'headquarters.recordJobRun', run }));
      return run;
    }
    const stores = storeIds.map((storeId): JobRun['stores'][number] => {
      if (!this.store.batchReachable(storeId)) return { storeId, outcome: 'unreachable', counts: {} };
      if (job === 'P-job') {
        const items = this.store.syncView(storeId).pending;
        const numbering = this.store.numbering();
        for (let from = 0; from < items.length; from += UPLOAD_BATCH) {
          this.transport.send({ to: 'headquarters', storeId, command: { type: 'headquarters.receiveUpload', storeId, items: items.slice(from, from + UPLOAD_BATCH), numbering } });
        }
        return { storeId, outcome: 'completed', counts: { uploaded: items.length, batches: Math.ceil(items.length / UPLOAD_BATCH) } };
      }
      const sent = this.sendDistribution(storeId);
      return { storeId, outcome: 'completed', counts: sent === false ? { customers: 0, orders: 0 } : sent };
    });
    const counts = { storesReached: stores.filter((s) => s.outcome === 'completed').length, storesUnreachable: stores.filter((s) => s.outcome === 'unreachable').length };
    const run: JobRun = { job, at: this.now, counts, stores };
    this.mustAccept(this.onHeadquarters({ type: 'headquarters.recordJobRun', run }));
    return run;
  }

  /**
   * CC-15 "process continuity payments": the due events' charges on the kept cards, asked of the payment service
   * and journaled with its answers (a replay applies the answers, it never asks again).
   */
  private processContinuityPayments(filters: ContinuityFilters): Record<string, number> {
    const runDate = calendarDay(this.now);
    const { outcomes, counts } = processContinuityPayments(this.headquarters.continuity.all(), { runDate, ...filters }, authoriseContinuityPayment,
      (enrolment, event) => this.headquarters.continuityChargeOf(enrolment, event));
    if (outcomes.length > 0) this.mustAccept(this.onHeadquarters({ type: 'headquarters.recordContinuityPayments', runDate, outcomes }));
    return counts;
  }

  /**
   * CC-15 "create continuity child orders": each paid due event becomes a sales order once (its enrolment records it
   * in the same headquarters command), and goes to its store as a submitted call-center order does.
   */
  private createContinuityChildOrders(filters: ContinuityFilters): Record<string, number> {
    const runDate = calendarDay(this.now);
    const { orders, waitingForPayment } = planContinuityChildOrders(this.headquarters.continuity.all(), { runDate, ...filters });
    const stores = new Set<string>();
    for (const plan of orders) {
      const created = this.mustAccept(this.onHeadquarters({ type: 'headquarters.createContinuityChildOrder', enrolmentId: plan.enrolmentId, event: plan.event, runDate }));
      stores.add(created.result.storeId as string);
    }
    for (const storeId of stores) if (this.store.batchReachable(storeId)) this.sendDistribution(storeId);
    return { childOrders: orders.length, waitingForPayment: waitingForPayment.length };
  }

  /**
   * CC-5 "expire catalogs": each approved or published catalog past its expiration date becomes Expired, one journaled
   * catalog command each (by the job, not an operator); a rerun finds none left.
   */
  private expireCatalogs(): Record<string, number> {
    const due = this.headquarters.catalogs.pastExpiration(this.now);
    for (const catalogId of due) this.mustAccept(this.onHeadquarters({ type: 'headquarters.catalog', action: 'expire', catalogId, operatorId: 'expireCatalogs' }));
    return { catalogsExpired: due.length };
  }

  private mustAccept<T extends { ok: boolean }>(result: T): T & { ok: true } {
    if (!result.ok) throw new Error(`chain: an internal command was refused: ${JSON.stringify(result)}`);
    return result as T & { ok: true };
  }

  /**
   * Recovery: a crash between the two journals' writes can keep one engine's move of the clock and lose the other's;
   * the one behind catches up, so that both read the same time again.
   */
  private alignClocks(): void {
    const store = this.store.clock.now;
    const headquarters = this.headquarters.clock.now;
    if (store < headquarters) this.mustAccept(this.onStore({ type: 'clock.advance', ms: headquarters - store }));
    if (headquarters < store) this.mustAccept(this.onHeadquarters({ type: 'clock.advance', ms: store - headquarters }));
  }

  /**
   * Recovery (SY-3): when the store's state is behind headquarters' (a store command lost after the real-time call
   * it made was stored at headquarters, or a channel database restored from a backup), the store's numbering moves
   * past the furthest headquarters has seen from it, so no id is issued twice; and a sale still open at a register
   * whose order headquarters already holds keeps that order's id when it is tendered again. Null: nothing to do.
   */
  reconcile(): Record<string, unknown> | null {
    this.alignClocks();
    const office = this.headquarters.office;
    const behind = office.channelNumbering === null ? null : numberingBehind(this.store.numbering(), office.channelNumbering);
    const reserved: Record<string, string> = {};
    for (const channelReference of this.store.openSales()) {
      const held = salesOrderOf(office, channelReference);
      if (held !== undefined) reserved[channelReference] = held.orderId;
    }
    if (behind === null && Object.keys(reserved).length === 0) return null;
    return this.mustAccept(this.onStore({ type: 'sync.reseed', counters: behind?.counters ?? {}, ...(behind?.rng === undefined ? {} : { rng: behind.rng }), reserved })).result;
  }

  // --- Views ---

  registerView(registerId: string) { return this.store.registerView(registerId); }
  xReport(registerId: string) { return this.store.xReport(registerId); }
  zReports(storeId: string) { return this.store.zReports(storeId); }
  orderView(orderId: string) { return this.store.orderView(orderId); }
  fulfillmentView(locationId: string, filter?: FulfillmentFilter) { return this.store.fulfillmentView(locationId, filter); }
  /** FF-7: the rejected lines headquarters may reset. */
  rejectedLines() { return this.store.rejectedLines(); }
  availabilityView(registerId: string, purpose: 'ship' | 'pickup', lineIds?: readonly string[]) { return this.store.availabilityView(registerId, purpose, lineIds); }
  customerView(idOrAccount: string) { return this.store.customerView(idOrAccount); }
  syncView(storeId: string) { return this.store.syncView(storeId); }
  linkView(storeId: string) { return this.store.linkView(storeId); }
  hasOrder(orderId: string): boolean { return this.store.hasOrder(orderId); }
  orderIds(): string[] { return this.store.orderIds(); }
  customerIds(): string[] { return this.store.customerIds(); }
  receipt(receiptId: string) { return this.store.receipt(receiptId); }
  receiptIds(): string[] { return this.store.receiptIds(); }
  allReturnOrders() { return this.store.allReturnOrders(); }
  backOffice(): BackOffice { return this.headquarters.office; }
  /** The store channel's running totals (the analyst's report). */
  storeFigures(): StoreFigures { return this.tally.read(); }

  exportState(): ChainState {
    return { store: this.store.exportState(), headquarters: this.headquarters.exportState() };
  }
}
