/**
 * Headquarters' host: the headquarters actor behind its own validated commands, clock and persisted state (its own
 * lowdb file and journal), so that it can run apart from the store channel. Every command is one event: a refused
 * command is refused by the actor's guard and changes nothing.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { Catalog } from './domain/catalog.ts';
import type { DistributionPackage } from './domain/channel-transactions.ts';
import type { HeadquartersJob } from './domain/config.ts';
import { accountOf, checkCallCenterCancel, distributionFor, initialBackOffice, nextDueJob, salesOrderOf, stagedDifferently, type BackOffice, type SalesOrderCancellation } from './domain/headquarters.ts';
import { CallCenterDesk, type DeskState } from './call-center-desk.ts';
import { SalesOffice, type SalesOfficeState } from './sales-office.ts';
import { callCenterCustomerOrder, callCenterOf, type SubmittedCallCenterOrder } from './domain/call-center-submission.ts';
import { orderSummary } from './domain/customer-order.ts';
import { violation, type RuleViolation } from './domain/violation.ts';
import { parseHeadquartersCommand, type HeadquartersCommand } from './headquarters-commands.ts';
import { DEFAULT_START, VirtualClock } from './ids.ts';
import type { CommandOutcome } from './protocol/commands.ts';
import { createHeadquartersMachine, type HeadquartersEvent, type HeadquartersMachine } from '../machines/headquarters.machine.ts';
import { explainRefusal } from '../machines/rules.ts';
import { CallCenterCatalogs, type CatalogSnapshots } from './flows/call-center-catalogs.ts';
import { childOrderOf, ContinuityEnrolments, enrolmentsOf, type EnrolmentSnapshots } from './flows/continuity-enrolments.ts';
import { calendarDay, checkChildOrder, enrolmentStatus, type ContinuityEnrolment, type EnrolmentEvent } from './domain/call-center/continuity.ts';
import type { Minor } from './domain/money.ts';

/**
 * `catalogs`: the call centers' catalog actors (CC-5; absent in a state from before them: as configured); `callCenter`:
 * the call center's desk (absent in a state written before it had one).
 */
export interface HeadquartersState {
  seq: number; clock: number; headquarters: unknown; catalogs?: CatalogSnapshots; enrolments?: EnrolmentSnapshots; callCenter?: DeskState | undefined;
  /** Issue 13: the sales office (absent in a state written before it had one). */
  salesOffice?: SalesOfficeState | undefined;
}

/** The back office's tables that grow with the chain (written record by record in a snapshot). */
export const BACK_OFFICE_TABLES = ['customers', 'accountOfChannelCustomer', 'staged', 'salesOrders', 'salesOrderOfChannelReference', 'salesOrderOfOrderId', 'returnOrders', 'postedReceipts', 'waiting'] as const;
export type BackOfficeTable = typeof BACK_OFFICE_TABLES[number];

export interface HeadquartersCapture {
  seq: number;
  clock: number;
  /** The persisted actor snapshot; its context's tables are the live ones, so write `tables` instead. */
  snapshot: { context: BackOffice };
  tables: { [T in BackOfficeTable]: BackOffice[T] };
  changes: string[];
  catalogs: CatalogSnapshots;
  enrolments: EnrolmentSnapshots;
  callCenter: DeskState;
  salesOffice: SalesOfficeState;
}

/** The commands the back office actor takes (the others are the catalogs', the enrolments' and the clock's). */
type OfficeCommand = Exclude<HeadquartersCommand, { type: 'clock.advance' | 'headquarters.catalog' | 'headquarters.recordContinuityPayments' | 'headquarters.cancelEnrolment' | 'headquarters.createContinuityChildOrder' | 'headquarters.callCenterDesk' | 'headquarters.salesOffice' }>;

/** The order in which jobs due at the same moment run: catalogs out of date first, pull, then create, then distribute. */
export const JOB_ORDER: readonly HeadquartersJob[] = ['expireCatalogs', 'P-job', 'synchronizeCustomers', 'synchronizeOrders', 'processContinuityPayments', 'createContinuityChildOrders', '1010'];

export class HeadquartersEngine {
  readonly clock: VirtualClock;
  seq = 0;
  private readonly actor: Actor<HeadquartersMachine>;
  /** CC-4 / CC-5: the call centers' catalogs. */
  readonly catalogs: CallCenterCatalogs;
  /** CC-14 / CC-15: the continuity enrolments. */
  readonly continuity: ContinuityEnrolments;
  /** CC-2: the call center's orders being taken, and its coupon ledger (CC-13). */
  readonly callCenter: CallCenterDesk;
  /** Issue 13: headquarters' own sales and marketing work (SM-1..SM-15, MK-1..MK-4). */
  readonly salesOffice: SalesOffice;

  private constructor(readonly catalog: Catalog, startAt: number, state?: HeadquartersState, inspect?: (event: InspectionEvent) => void) {
    const machine = createHeadquartersMachine();
    this.clock = new VirtualClock(state?.clock ?? startAt);
    this.seq = state?.seq ?? 0;
    if (state === undefined) {
      this.actor = createActor(machine, { input: { office: initialBackOffice(catalog, startAt) }, ...(inspect === undefined ? {} : { inspect }) });
    } else {
      this.actor = createActor(machine, { snapshot: state.headquarters, ...(inspect === undefined ? {} : { inspect }) } as never);
    }
    this.actor.start();
    this.catalogs = new CallCenterCatalogs(catalog, state?.catalogs, inspect);
    this.continuity = new ContinuityEnrolments(state?.enrolments, inspect);
    this.callCenter = new CallCenterDesk(catalog, {
      now: () => this.clock.now,
      customer: (customerId) => (this.office.customers[customerId] ?? accountOf(this.office, customerId))?.record,
      checkAccept: (order) => this.checkCallCenterOrder(order),
      accept: (order) => this.acceptCallCenterOrder(order),
      checkCancel: (orderId) => checkCallCenterCancel(this.office, orderId),
      cancel: (orderId, by) => this.cancelCallCenterOrder(orderId, by),
      catalogStates: (callCenterId) => this.catalogs.catalogStates(callCenterId),
      customers: () => Object.values(this.office.customers),
      createCustomer: (channelCustomerId, callCenterId, record) =>
        this.sendOffice({ type: 'headquarters.createCustomer', channelCustomerId, storeId: callCenterId, record }) ?? accountOf(this.office, channelCustomerId)!.accountNumber,
    }, state?.callCenter, inspect);
    this.salesOffice = new SalesOffice(catalog, {
      now: () => this.clock.now,
      customer: (accountNumber) => this.office.customers[accountNumber],
      createCustomer: (partyId, storeId, record) =>
        this.sendOffice({ type: 'headquarters.createCustomer', channelCustomerId: partyId, storeId, record }) ?? accountOf(this.office, partyId)!.accountNumber,
      storeOrders: () => Object.values(this.office.salesOrders),
      storeReturns: () => Object.values(this.office.returnOrders),
      storeUploads: () => Object.values(this.office.staged),
      checkPickup: (order) => this.checkCallCenterOrder(order),
      acceptPickup: (order) => this.acceptCallCenterOrder(order),
    }, state?.salesOffice, inspect);
  }

  /** CC-2: why a call-center order (the desk's, or a quotation picked up at a store) cannot become a sales order, with nothing changed. */
  private checkCallCenterOrder(order: SubmittedCallCenterOrder): RuleViolation | null {
    const event = this.callCenterOrderEvent(order, this.clock.now);
    if ('rule' in event) return event;
    const enrolments = this.enrolmentsOf(order);
    return 'rule' in enrolments ? enrolments : null;
  }

  /** CC-2: the sales order of a call-center order `checkCallCenterOrder` passed (with the continuity enrolments it makes, CC-14). */
  private acceptCallCenterOrder(order: SubmittedCallCenterOrder): { salesOrderId: string; storeId: string } {
    const enrolments = this.enrolmentsOf(order) as ContinuityEnrolment[];
    this.actor.send(this.callCenterOrderEvent(order, this.clock.now) as HeadquartersEvent);
    this.continuity.add(enrolments);
    const salesOrder = salesOrderOf(this.office, order.orderId)!;
    return { salesOrderId: salesOrder.salesOrderId, storeId: salesOrder.storeId };
  }

  static create(catalog: Catalog, options: { startAt?: number | undefined; inspect?: ((event: InspectionEvent) => void) | undefined } = {}): HeadquartersEngine {
    return new HeadquartersEngine(catalog, options.startAt ?? DEFAULT_START, undefined, options.inspect);
  }

  /** Takes the state over, as StoreEngine.restore does. */
  static restore(catalog: Catalog, state: HeadquartersState, options: { inspect?: ((event: InspectionEvent) => void) | undefined } = {}): HeadquartersEngine {
    return new HeadquartersEngine(catalog, state.clock, state, options.inspect);
  }

  /** Validates and applies a command; a refused one changes nothing. */
  executeNow(input: unknown): CommandOutcome<HeadquartersCommand> {
    const parsed = parseHeadquartersCommand(input);
    return parsed.ok ? this.execute(parsed.command) : parsed;
  }

  /** Applies a command already validated (or built by the chain itself: its real-time calls, jobs and clock). */
  execute(command: HeadquartersCommand): CommandOutcome<HeadquartersCommand> {
    if (command.type === 'clock.advance') {
      this.clock.now += command.ms;
      return this.accepted(command, { now: this.clock.now });
    }
    if (command.type === 'headquarters.callCenterDesk') {
      const outcome = this.callCenter.execute(command.command);
      return outcome.ok ? this.accepted(command, outcome.result) : outcome;
    }
    if (command.type === 'headquarters.salesOffice') {
      const outcome = this.salesOffice.execute(command.command);
      return outcome.ok ? this.accepted(command, outcome.result) : outcome;
    }
    if (command.type === 'headquarters.catalog') {
      const refused = this.catalogs.apply(command, this.clock.now);
      return refused === null ? this.accepted(command, { catalogId: command.catalogId, status: this.catalogs.catalogStateOf(command.catalogId)!.status }) : { ok: false, error: refused };
    }
    if (command.type === 'headquarters.recordContinuityPayments') {
      const refused = this.continuity.applyPayments(command.outcomes, command.runDate);
      if (refused !== null) throw new Error(`headquarters: a continuity payments run does not fit its enrolments: ${refused.message}`);
      return this.accepted(command, { outcomes: command.outcomes.length });
    }
    if (command.type === 'headquarters.cancelEnrolment') {
      const refused = this.continuity.send(command.enrolmentId, { type: 'CANCEL', on: calendarDay(this.clock.now), by: command.operatorId });
      return refused === null ? this.accepted(command, { enrolmentId: command.enrolmentId, status: 'cancelled' }) : { ok: false, error: refused };
    }
    if (command.type === 'headquarters.createContinuityChildOrder') return this.createChildOrder(command);
    // CC-14 / CC-15: a call-center order that sells a parent item enrols its customer (or, when it cannot, is refused).
    let enrolments: ContinuityEnrolment[] = [];
    if (command.type === 'headquarters.acceptCallCenterOrder') {
      const made = this.enrolmentsOf(command.order);
      if ('rule' in made) return { ok: false, error: made };
      enrolments = made;
    }
    const refused = this.sendOffice(command);
    if (refused !== null) return { ok: false, error: refused };
    this.continuity.add(enrolments);
    return this.accepted(command, this.resultOf(command));
  }

  /** CC-14: the enrolments an order selling parent items makes (why not, when its customer cannot be enrolled). */
  private enrolmentsOf(order: SubmittedCallCenterOrder): ContinuityEnrolment[] | RuleViolation {
    const center = callCenterOf(this.catalog, order);
    return 'rule' in center ? [] : enrolmentsOf(center, order, this.clock.now);
  }

  /** Sends the back office a command's event: why not, when it refuses it (nothing changed then). */
  private sendOffice(command: Parameters<HeadquartersEngine['eventOf']>[0]): RuleViolation | null {
    const event = this.eventOf(command);
    return 'rule' in event ? event : this.sendEvent(event, command.type);
  }

  private sendEvent(event: HeadquartersEvent, what: string): RuleViolation | null {
    const before = this.actor.getSnapshot();
    this.actor.send(event);
    const after = this.actor.getSnapshot();
    if (after.error !== undefined) throw new Error(`headquarters failed on ${what}: ${String(after.error)}`);
    // An event no transition takes leaves the snapshot as it was (and the guards ran before anything changed).
    return after === before ? explainRefusal(before, event) : null;
  }

  /**
   * CC-21: the call center cancels a submitted order (the desk checked `checkCallCenterCancel` first): its sales order
   * is cancelled (payments refunded or voided) and the continuity enrolments it made take no further child orders.
   */
  private cancelCallCenterOrder(orderId: string, by: string): { salesOrderId: string; storeId: string; payments: SalesOrderCancellation['payments']; enrolmentsCancelled: string[] } {
    const refused = this.sendEvent({ type: 'CANCEL_CALL_CENTER_ORDER', orderId, by, at: this.clock.now }, 'CANCEL_CALL_CENTER_ORDER');
    if (refused !== null) throw new Error(`headquarters: the cancel of ${orderId} was checked but refused: ${refused.message}`);
    const enrolled = this.continuity.all().filter((e) => e.parentOrderId === orderId && (enrolmentStatus(e) === 'active' || enrolmentStatus(e) === 'paused'));
    for (const enrolment of enrolled) this.continuity.send(enrolment.enrolmentId, { type: 'CANCEL', on: calendarDay(this.clock.now), by });
    const salesOrder = salesOrderOf(this.office, orderId)!;
    return { salesOrderId: salesOrder.salesOrderId, storeId: salesOrder.storeId, payments: salesOrder.cancelled!.payments, enrolmentsCancelled: enrolled.map((e) => e.enrolmentId) };
  }

  /**
   * CC-15: a paid event's child order, made a sales order as a submitted call-center order is, and recorded on its
   * enrolment in the same command: an event that has one (a rerun, a replay) is refused before anything changes.
   */
  private createChildOrder(command: Extract<HeadquartersCommand, { type: 'headquarters.createContinuityChildOrder' }>): CommandOutcome<HeadquartersCommand> {
    const enrolment = this.continuity.get(command.enrolmentId);
    if (enrolment === undefined) return { ok: false, error: violation('NOT_FOUND', `there is no enrolment "${command.enrolmentId}"`, 'enrolmentId') };
    const due = checkChildOrder(enrolment, command.event, command.runDate);
    if (due !== null) return { ok: false, error: due };
    const order = childOrderOf(enrolment, command.event, this.parentOrderOf(enrolment));
    const refused = this.sendOffice({ type: 'headquarters.acceptCallCenterOrder', order });
    if (refused !== null) return { ok: false, error: refused };
    const salesOrder = salesOrderOf(this.office, order.orderId)!;
    const recorded = this.continuity.send(enrolment.enrolmentId, { type: 'RECORD_CHILD_ORDER', event: command.event, salesOrderId: salesOrder.salesOrderId, on: command.runDate });
    if (recorded !== null) throw new Error(`headquarters: enrolment ${enrolment.enrolmentId} refused its child order: ${recorded.message}`);
    return this.accepted(command, { salesOrderId: salesOrder.salesOrderId, orderId: order.orderId, storeId: salesOrder.storeId });
  }

  private parentOrderOf(enrolment: ContinuityEnrolment): SubmittedCallCenterOrder {
    const parent = salesOrderOf(this.office, enrolment.parentOrderId)?.callCenter?.order;
    if (parent === undefined) throw new Error(`headquarters: enrolment ${enrolment.enrolmentId} has no parent sales order ${enrolment.parentOrderId}`);
    return parent;
  }

  /**
   * CC-15: what an event's child order will cost its customer, priced as it will be made (its share, the tax and the
   * automatic charges of its mode: CH-2, CH-3): what "process continuity payments" charges the kept card.
   */
  continuityChargeOf(enrolment: ContinuityEnrolment, event: EnrolmentEvent): Minor {
    const priced = this.callCenterOrderEvent(childOrderOf(enrolment, event.event, this.parentOrderOf(enrolment)), this.clock.now);
    // An order that cannot be priced cannot be made either (creating it says why): the share alone is charged.
    return 'type' in priced && priced.type === 'ACCEPT_CALL_CENTER_ORDER' ? priced.summary.total : event.amount;
  }

  private accepted(command: HeadquartersCommand, result: Record<string, unknown>): CommandOutcome<HeadquartersCommand> {
    this.seq += 1;
    return { ok: true, seq: this.seq, at: this.clock.now, command, result };
  }

  /** The actor's event for a command (a call-center order that cannot be one: why not). */
  private eventOf(command: OfficeCommand): HeadquartersEvent | RuleViolation {
    const at = this.clock.now;
    switch (command.type) {
      case 'headquarters.createCustomer': return { type: 'CREATE_CUSTOMER', channelCustomerId: command.channelCustomerId, storeId: command.storeId, record: command.record, at, numbering: command.numbering };
      case 'headquarters.updateCustomer': return { type: 'UPDATE_CUSTOMER', accountNumber: command.accountNumber, record: command.record, at, numbering: command.numbering };
      case 'headquarters.issueLoyaltyCard': return { type: 'ISSUE_LOYALTY_CARD', accountNumber: command.accountNumber, at, numbering: command.numbering };
      case 'headquarters.createOrder': return { type: 'CREATE_ORDER', order: command.order, customer: command.customer, at, numbering: command.numbering };
      case 'headquarters.receiveUpload': return { type: 'RECEIVE_UPLOAD', storeId: command.storeId, items: command.items, at, numbering: command.numbering };
      case 'headquarters.synchronizeCustomers': return { type: 'SYNCHRONIZE_CUSTOMERS', at };
      case 'headquarters.synchronizeOrders': return { type: 'SYNCHRONIZE_ORDERS', at };
      case 'headquarters.recordJobRun': return { type: 'JOB_RAN', run: command.run };
      case 'headquarters.schedule': return { type: 'SCHEDULE', job: command.job, everyMinutes: command.everyMinutes, at };
      case 'headquarters.acceptCallCenterOrder': return this.callCenterOrderEvent(command.order, at);
    }
  }

  /**
   * CC-2: the sales order a submitted call-center order becomes, priced as the store will hold it (CH-3: auto charges
   * on the header's mode). The call center names the customer by account number (or the id a channel knows them by).
   */
  private callCenterOrderEvent(order: SubmittedCallCenterOrder, at: number): HeadquartersEvent | RuleViolation {
    const account = this.office.customers[order.customerId] ?? accountOf(this.office, order.customerId);
    if (account === undefined) return violation('NOT_FOUND', `headquarters has no customer account "${order.customerId}"`, 'order.customerId');
    const callCenter = { customer: account.record, order };
    const built = callCenterCustomerOrder(this.catalog, { ...callCenter, acceptedAt: at }, account.channelCustomerId);
    if ('rule' in built) return built;
    return { type: 'ACCEPT_CALL_CENTER_ORDER', summary: orderSummary({ ...built, returns: [], editedBy: null, cancellation: null }, 'order'), callCenter, at };
  }

  /** What the caller learns: the account, sales order, acknowledgement or job outcome the command produced. */
  private resultOf(command: OfficeCommand): Record<string, unknown> {
    const office = this.office;
    switch (command.type) {
      case 'headquarters.createCustomer': {
        const account = accountOf(office, command.channelCustomerId)!;
        return { accountNumber: account.accountNumber, version: account.version };
      }
      case 'headquarters.updateCustomer':
      case 'headquarters.issueLoyaltyCard': {
        const account = office.customers[command.accountNumber]!;
        return { accountNumber: account.accountNumber, record: account.record, version: account.version };
      }
      case 'headquarters.acceptCallCenterOrder': {
        const salesOrder = salesOrderOf(office, command.order.orderId)!;
        return { salesOrderId: salesOrder.salesOrderId, orderId: salesOrder.orderId, storeId: salesOrder.storeId, total: salesOrder.order.total };
      }
      case 'headquarters.createOrder': {
        const account = accountOf(office, command.order.customerId)!;
        return { salesOrderId: salesOrderOf(office, command.order.channelReference)!.salesOrderId, accountNumber: account.accountNumber, record: account.record, version: account.version };
      }
      // SY-3: every key received is acknowledged, also those already staged (a retried or duplicated upload), but for
      // one staged with different content: the store keeps it, and it shows as a conflict.
      case 'headquarters.receiveUpload': {
        const conflicts = command.items.filter((item) => stagedDifferently(office, item)).map((item) => item.key);
        return { acknowledged: command.items.map((item) => item.key).filter((key) => !conflicts.includes(key)), conflicts };
      }
      case 'headquarters.synchronizeCustomers':
      case 'headquarters.synchronizeOrders':
        return { run: office.jobRuns.at(-1) };
      case 'headquarters.recordJobRun':
      case 'headquarters.schedule':
        return { job: command.type === 'headquarters.schedule' ? command.job : command.run.job };
    }
  }

  get office(): BackOffice {
    return this.actor.getSnapshot().context;
  }

  /** SY-4: the package job 1010 sends a store that applied `since` (null: nothing newer). */
  distributionFor(storeId: string, since: number): DistributionPackage | null {
    return distributionFor(this.office, storeId, since);
  }

  nextDueJob(until: number): { job: HeadquartersJob; at: number } | null {
    return nextDueJob(this.office, until, JOB_ORDER);
  }

  exportState(): HeadquartersState {
    return structuredClone({ seq: this.seq, clock: this.clock.now, headquarters: this.actor.getPersistedSnapshot(), catalogs: this.catalogs.snapshots(), enrolments: this.continuity.snapshots(), callCenter: this.callCenter.exportState(), salesOffice: this.salesOffice.exportState() });
  }

  /**
   * The state as of now, by reference, for writing out piece by piece while headquarters goes on: the back office's
   * records are never changed in place (a change puts a new record), so copies of its tables suffice.
   */
  capture(): HeadquartersCapture {
    const persisted = this.actor.getPersistedSnapshot() as unknown as { context: BackOffice };
    const office = persisted.context;
    const tables = Object.fromEntries(BACK_OFFICE_TABLES.map((table) => [table, { ...office[table] }])) as HeadquartersCapture['tables'];
    return { seq: this.seq, clock: this.clock.now, snapshot: persisted, tables, changes: [...office.changes], catalogs: this.catalogs.snapshots(), enrolments: this.continuity.snapshots(), callCenter: this.callCenter.exportState(), salesOffice: this.salesOffice.exportState() };
  }
}
