/**
 * The store channel's actor system host: one register actor per till, one customer-order actor per order, one
 * fulfillment-group actor per location, one customer actor per customer the channel knows, one sync-channel actor
 * per store (its link to headquarters). Commands are routed to actors; what actors emit is routed on to other
 * actors in the same command. A refused command is rolled back whole: every actor it touched is restored, the
 * outbound queue, ids and clock too.
 *
 * Headquarters is reached two ways: the real-time service (`HeadquartersGateway`, SY-1, CU-4), at most one call
 * per command and only once everything else in the command has succeeded, its answer recorded with the command so
 * that a replay gets the same answer; and the outbound queue of channel transactions the P-job pulls (SY-2, SY-3).
 */
import { createActor, type Actor, type AnyActorLogic } from 'xstate';
import { type Catalog } from './domain/catalog.ts';
import type { DeliveryRequest } from './domain/cart.ts';
import { cancellationCharge } from './domain/cancellation.ts';
import { outboundKey, REVISION, type DistributionPackage, type OutboundItem } from './domain/channel-transactions.ts';
import type { Customer } from './domain/config.ts';
import { accountLabel, editCustomer, newCustomer, type CreationMode } from './domain/customers.ts';
import { newProgress, productQuantities, uninvoicedQuantity, type OrderHeaderStatus, type ProductQuantity } from './domain/fulfillment.ts';
import { editedOrder } from './domain/order-edit.ts';
import { buildInvoice, registerInvoice, type InvoicedOrder, type QuantityOfLine } from './domain/order-invoicing.ts';
import type { Invoice, Payment, PaymentStatus, TenderMethod } from './domain/payments.ts';
import { calculateReturn, type ReturnRecord, type ReturnSource } from './domain/returns.ts';
import { isCustomerOrder, orderTotals, type OrderTotals, type SalesLine } from './domain/sales.ts';
import { CommandRefused, refuse, violation, type RuleViolation } from './domain/violation.ts';
import type { AppliedCharge } from './domain/charges.ts';
import { parseCommand, type Command, type CommandOf, type CommandOutcome } from './commands.ts';
import type { HeadquartersCommand } from './headquarters-commands.ts';
import { DEFAULT_START, SeededIds, VirtualClock, type IdState } from './ids.ts';
import { OutboundQueue } from './outbound-queue.ts';
import { createCustomerMachine, customerRule, customerStateRule, type CustomerMachine } from '../machines/customer.machine.ts';
import type { CustomerContext, CustomerEvent } from '../machines/customer.types.ts';
import {
  createCustomerOrderMachine, customerOrderRule, customerOrderStateRule, lifecycleOf, orderStatus, orderSummary, type CustomerOrderMachine,
} from '../machines/customer-order.machine.ts';
import type { CustomerOrderContext, CustomerOrderEmitted, CustomerOrderEvent, FulfillmentLineAssignment, OrderLine } from '../machines/customer-order.types.ts';
import { createFulfillmentGroupMachine, fulfillmentGroupRule, fulfillmentList, type FulfillmentGroupMachine, type FulfillmentListRow } from '../machines/fulfillment-group.machine.ts';
import type { FulfillmentFilter, FulfillmentGroupEmitted, FulfillmentGroupEvent } from '../machines/fulfillment-group.types.ts';
import { amountKept, createRegisterMachine, recalledOrder, registerRule, tendered, transactionDue, type RegisterMachine } from '../machines/register.machine.ts';
import type { RecalledOrder, RegisterContext, RegisterEmitted, RegisterEvent, RegisterTransaction, ReturnOriginal } from '../machines/register.types.ts';
import {
  batchReachable, createSyncChannelMachine, linkState, realtimeReachable, syncChannelRule, syncChannelStateRule, type SyncChannelMachine,
  type SyncChannelSnapshot,
} from '../machines/sync-channel.machine.ts';
import type { LinkState, SyncChannelContext, SyncChannelEvent } from '../machines/sync-channel.types.ts';

/** The real-time service calls a store makes (SY-1, CU-4). */
export type RealtimeRequest = Extract<HeadquartersCommand, { type: 'headquarters.createCustomer' | 'headquarters.updateCustomer' | 'headquarters.issueLoyaltyCard' | 'headquarters.createOrder' }>;
export type RealtimeResponse = { ok: true; result: Record<string, unknown> } | { ok: false; error: RuleViolation };
export interface RecordedCall { request: RealtimeRequest; response: RealtimeResponse }

/** How the store reaches headquarters' real-time service (the chain host wires it; a replay answers from the journal). */
export interface HeadquartersGateway { call(request: RealtimeRequest): RealtimeResponse }

export type CommandResult = CommandOutcome<Command> & { calls?: RecordedCall[] };

/** A cash-and-carry sale (CO-4): no order, but a receipt that returns can find (RT-1). */
export interface Receipt {
  receiptId: string;
  storeId: string;
  registerId: string;
  customerId: string | null;
  at: number;
  lines: SalesLine[];
  charges: AppliedCharge[];
  total: number;
  returns: ReturnRecord[];
}

/** RT-4: a return, posted to headquarters as a return order with its RMA number (through the outbound queue). */
export interface ReturnOrder {
  rmaNumber: string;
  storeId: string;
  original: { kind: 'order' | 'receipt'; id: string };
  customerId: string | null;
  at: number;
  record: ReturnRecord;
}

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

export interface EngineOptions { seed?: number | undefined; startAt?: number | undefined; gateway: HeadquartersGateway }

export type Kind = 'register' | 'order' | 'fulfillment' | 'customer' | 'sync';

/** What one accepted command changed: the actors it touched (the sync channel also when its queue changed). */
export interface StoreChange { seq: number; actors: { kind: Kind; id: string }[] }
const KINDS = ['register', 'order', 'fulfillment', 'customer', 'sync'] as const;
const STATE_KEY = { register: 'registers', order: 'orders', fulfillment: 'fulfillment', customer: 'customers', sync: 'sync' } as const;
type Emitted = RegisterEmitted | CustomerOrderEmitted | FulfillmentGroupEmitted;
type EventFor<K extends Kind> = K extends 'register' ? RegisterEvent : K extends 'order' ? CustomerOrderEvent : K extends 'fulfillment' ? FulfillmentGroupEvent
  : K extends 'customer' ? CustomerEvent : SyncChannelEvent;

interface Machines { register: RegisterMachine; order: CustomerOrderMachine; fulfillment: FulfillmentGroupMachine; customer: CustomerMachine; sync: SyncChannelMachine }


/** Answers the real-time calls a journaled command made, in order, instead of calling headquarters again. */
function replayGateway(calls: readonly RecordedCall[]): HeadquartersGateway {
  let next = 0;
  return {
    call(request) {
      const recorded = calls[next++];
      if (recorded === undefined || recorded.request.type !== request.type) throw new Error(`replay: the journal has no recorded ${request.type} call here`);
      return recorded.response;
    },
  };
}

export class StoreEngine {
  readonly clock: VirtualClock;
  readonly ids: SeededIds;
  seq = 0;
  private readonly machines: Machines;
  /** The chain's master data, with the customers this channel knows kept current (CU-1..CU-7). */
  readonly catalog: Catalog;
  private readonly actors: Record<Kind, Map<string, Actor<AnyActorLogic>>> = { register: new Map(), order: new Map(), fulfillment: new Map(), customer: new Map(), sync: new Map() };
  private receipts = new Map<string, Receipt>();
  private returnOrders: ReturnOrder[] = [];
  private outbound: OutboundQueue;
  /** Account number -> the channel's customer id, for customers created under a temporary id (CU-4). */
  private customerOfAccount = new Map<string, string>();
  private outbox: Emitted[] = [];
  private readonly gateway: HeadquartersGateway;
  /** The command in progress: its real-time call (at most one), what runs once the rest succeeded, orders before. */
  private calls: RecordedCall[] = [];
  private callGateway: HeadquartersGateway;
  private onCommit: (() => void)[] = [];
  private ordersBefore = new Map<string, { context: CustomerOrderContext; value: unknown }>();
  /** Undo steps of the command in progress; null outside a command. */
  private undo: (() => void)[] | null = null;
  private touched = new Set<string>();
  /** What the command in progress changed (actors, and sync channels whose queue changed), for the listeners. */
  private changed = new Set<string>();
  private readonly changeListeners: ((change: StoreChange) => void)[] = [];
  private actorFailure: Error | null = null;

  private constructor(chainCatalog: Catalog, options: EngineOptions, state?: EngineState) {
    // The customers change as the channel creates and receives them: this engine's own copy of the directory.
    this.catalog = { ...chainCatalog, customers: new Map(chainCatalog.customers) };
    const catalog = this.catalog;
    this.machines = {
      register: createRegisterMachine(catalog),
      order: createCustomerOrderMachine(catalog),
      fulfillment: createFulfillmentGroupMachine(catalog),
      customer: createCustomerMachine(),
      sync: createSyncChannelMachine(),
    };
    this.gateway = options.gateway;
    this.callGateway = options.gateway;
    this.clock = new VirtualClock(state?.clock ?? options.startAt ?? DEFAULT_START);
    this.ids = new SeededIds(options.seed ?? 1, state?.ids);
    this.outbound = new OutboundQueue(state === undefined ? {} : structuredClone(state.outbound));
    if (state === undefined) {
      for (const [registerId, storeId] of catalog.registers) this.spawn('register', registerId, { input: { registerId, storeId } });
      for (const location of catalog.config.locations) {
        const store = catalog.config.stores.find((s) => s.locationId === location.id);
        const onHand = Object.fromEntries(catalog.config.inventory.filter((i) => i.locationId === location.id).map((i) => [i.productId, i.onHand]));
        this.spawn('fulfillment', location.id, { input: { locationId: location.id, storeId: store?.id ?? null, manualAccept: store?.manualAccept ?? false, onHand } });
      }
      for (const record of catalog.config.customers) {
        this.spawn('customer', record.accountId, { input: { customerId: record.accountId, accountNumber: record.accountId, record, createdAtStoreId: null, createdAt: this.clock.now, version: 0 } });
      }
      for (const store of catalog.config.stores) this.spawn('sync', store.id, { input: { storeId: store.id } });
    } else {
      this.seq = state.seq;
      for (const kind of KINDS) {
        for (const [actorId, snapshot] of Object.entries(state[STATE_KEY[kind]])) this.spawn(kind, actorId, { snapshot });
      }
      this.receipts = new Map(Object.entries(structuredClone(state.receipts)));
      this.returnOrders = structuredClone(state.returnOrders);
      this.outbox = [];
    }
  }

  static create(catalog: Catalog, options: EngineOptions): StoreEngine {
    return new StoreEngine(catalog, options);
  }

  static restore(catalog: Catalog, state: EngineState, options: EngineOptions): StoreEngine {
    return new StoreEngine(catalog, options, state);
  }

  // --- Actors ---

  private spawn(kind: Kind, actorId: string, options: { input?: unknown; snapshot?: unknown }): Actor<AnyActorLogic> {
    const logic = this.machines[kind] as unknown as AnyActorLogic;
    const actor = createActor(logic, options.snapshot === undefined ? { input: options.input } : { snapshot: options.snapshot as never });
    actor.on('*', (event) => this.outbox.push(event as Emitted));
    // An action that throws stops the actor; record it so the command fails and rolls back instead.
    actor.subscribe({ error: (error) => { this.actorFailure ??= error instanceof Error ? error : new Error(String(error)); } });
    this.actors[kind].set(actorId, actor);
    actor.start();
    if (kind === 'customer') this.mirrorCustomer(actorId);
    return actor;
  }

  /** Keeps the customer directory (and the account number index) as the customer actor says. */
  private mirrorCustomer(customerId: string): void {
    const actor = this.actors.customer.get(customerId);
    if (actor === undefined) {
      this.catalog.customers.delete(customerId);
      for (const [account, id] of this.customerOfAccount) if (id === customerId) this.customerOfAccount.delete(account);
      return;
    }
    const { record, accountNumber } = actor.getSnapshot().context as CustomerContext;
    this.catalog.customers.set(customerId, record);
    if (accountNumber !== null) this.customerOfAccount.set(accountNumber, customerId);
  }

  private actor(kind: Kind, actorId: string, field: string): Actor<AnyActorLogic> {
    return this.actors[kind].get(actorId) ?? refuse('NOT_FOUND', `unknown ${kind === 'fulfillment' ? 'location' : kind} "${actorId}"`, field);
  }

  /** Records how to restore an actor the first time the current command touches it. */
  private remember(kind: Kind, actorId: string): void {
    const key = `${kind}:${actorId}`;
    this.changed.add(key);
    if (this.undo === null || this.touched.has(key)) return;
    this.touched.add(key);
    const existing = this.actors[kind].get(actorId);
    if (existing === undefined) {
      this.undo.push(() => {
        this.actors[kind].get(actorId)?.stop();
        this.actors[kind].delete(actorId);
        if (kind === 'customer') this.mirrorCustomer(actorId);
      });
      return;
    }
    const snapshot = existing.getPersistedSnapshot() as unknown as { context: unknown; value: unknown };
    if (kind === 'order') this.ordersBefore.set(actorId, { context: snapshot.context as CustomerOrderContext, value: snapshot.value });
    this.undo.push(() => { existing.stop(); this.spawn(kind, actorId, { snapshot }); });
  }

  private explain(kind: Kind, actor: Actor<AnyActorLogic>, event: { type: string }): RuleViolation {
    const snapshot = actor.getSnapshot();
    const { context } = snapshot;
    const rule = kind === 'register' ? registerRule(this.catalog, context as RegisterContext, event as RegisterEvent)
      : kind === 'order' ? customerOrderRule(this.catalog, context as CustomerOrderContext, event as CustomerOrderEvent)
        : kind === 'customer' ? customerRule(context as CustomerContext, event as CustomerEvent)
          : kind === 'sync' ? syncChannelRule(context as SyncChannelContext, event as SyncChannelEvent)
            : fulfillmentGroupRule(this.catalog, context, event as FulfillmentGroupEvent);
    if (rule !== null) return rule;
    if (kind === 'order') return customerOrderStateRule(snapshot, event as CustomerOrderEvent);
    if (kind === 'customer') return customerStateRule(snapshot, event as CustomerEvent);
    if (kind === 'sync') return syncChannelStateRule(snapshot, event as SyncChannelEvent);
    const where = kind === 'register' ? `register ${(context as RegisterContext).registerId}` : `location ${context.locationId}`;
    return violation('STATE', `${where} cannot take ${event.type} while ${JSON.stringify(snapshot.value)}`, kind === 'register' ? 'registerId' : 'locationId');
  }

  /** Sends an event the actor must accept (else the command is refused with the actor's reason), then routes what it emits. */
  private send<K extends Kind>(kind: K, actorId: string, event: EventFor<K>, field = `${kind}Id`): void {
    const actor = this.actor(kind, actorId, field);
    if (!actor.getSnapshot().can(event)) throw new CommandRefused(this.explain(kind, actor, event));
    this.remember(kind, actorId);
    actor.send(event);
    if (this.actorFailure !== null) throw new Error(`${kind} ${actorId} failed on ${event.type}: ${this.actorFailure.message}`);
    if (kind === 'customer') this.mirrorCustomer(actorId);
    this.drain();
  }

  private check<K extends Kind>(kind: K, actorId: string, event: EventFor<K>, field: string): void {
    const actor = this.actor(kind, actorId, field);
    if (!actor.getSnapshot().can(event)) throw new CommandRefused(this.explain(kind, actor, event));
  }

  private drain(): void {
    while (this.outbox.length > 0) {
      this.route(this.outbox.shift()!);
    }
  }

  private contextOf<T>(kind: Kind, actorId: string, field: string): T {
    return this.actor(kind, actorId, field).getSnapshot().context as T;
  }

  // --- Commands ---

  /**
   * Validates, applies and returns the result; nothing is changed by a refused command. A replay passes the
   * real-time calls the journal recorded for the command, and they answer instead of headquarters.
   */
  executeNow(input: unknown, replay?: { calls: readonly RecordedCall[] }): CommandResult {
    const parsed = parseCommand(input);
    if (!parsed.ok) return parsed;
    const { command } = parsed;
    const ids = this.ids.mark();
    const clock = this.clock.now;
    this.undo = [];
    this.touched.clear();
    this.changed.clear();
    this.outbox = [];
    this.calls = [];
    this.callGateway = replay === undefined ? this.gateway : replayGateway(replay.calls);
    this.onCommit = [];
    this.ordersBefore.clear();
    this.lastCompletion = {};
    this.actorFailure = null;
    try {
      const result = this.handle(command);
      // What needs headquarters runs last, so that nothing after its answer can fail.
      for (const step of this.onCommit) step();
      this.queueOrderUpdates();
      this.seq += 1;
      if (this.changeListeners.length > 0) {
        const change: StoreChange = { seq: this.seq, actors: [...this.changed].map((key) => ({ kind: key.slice(0, key.indexOf(':')) as Kind, id: key.slice(key.indexOf(':') + 1) })) };
        for (const listener of this.changeListeners) listener(change);
      }
      const calls = this.calls;
      return { ok: true, seq: this.seq, at: this.clock.now, command, result: { ...result, ...this.lastCompletion }, ...(calls.length === 0 ? {} : { calls }) };
    } catch (error) {
      for (const step of this.undo.reverse()) step();
      this.ids.reset(ids);
      this.clock.now = clock;
      this.outbox = [];
      this.actorFailure = null;
      if (error instanceof CommandRefused) return { ok: false, error: error.violation };
      throw error;
    } finally {
      this.undo = null;
      this.onCommit = [];
    }
  }

  /** A real-time call to headquarters (SY-1, CU-4): one per command, recorded with it. */
  private callHeadquarters(request: RealtimeRequest): RealtimeResponse {
    if (this.calls.length > 0) throw new Error(`a command makes one real-time call; ${request.type} would be the second`);
    const response = this.callGateway.call(request);
    this.calls.push({ request, response });
    return response;
  }

  private queue(item: OutboundItem): void {
    this.undo?.push(this.outbound.add(item));
    this.changed.add(`sync:${item.storeId}`);
  }

  /** Listens to what every accepted command changed (the live screens follow it). */
  onChange(listener: (change: StoreChange) => void): void {
    this.changeListeners.push(listener);
  }

  /** SY-2: orders already at headquarters send their new state after every command that changed it. */
  private queueOrderUpdates(): void {
    for (const [orderId, before] of this.ordersBefore) {
      const snapshot = this.actors.order.get(orderId)!.getSnapshot();
      const context = snapshot.context as CustomerOrderContext;
      if (context.salesOrderId === null) continue;
      const after = orderSummary(context, lifecycleOf(snapshot.value, context));
      const previous = orderSummary(before.context, lifecycleOf(before.value as never, before.context));
      if (JSON.stringify(after) === JSON.stringify(previous)) continue;
      // Drawn from a counter that recovery moves past every revision headquarters has seen (Chain.reconcile).
      const revision = this.ids.nextNumber(REVISION);
      this.queue({ key: outboundKey.orderUpdate(context.channelReference, revision), kind: 'orderUpdated', storeId: context.storeId, at: this.clock.now, revision, order: after });
    }
  }

  private handle(command: Command): Record<string, unknown> {
    switch (command.type) {
      case 'clock.advance':
        this.clock.now += command.ms;
        return { now: this.clock.now };
      case 'register.openShift':
        return this.toRegister(command, { type: 'OPEN_SHIFT', operatorId: command.operatorId });
      case 'register.closeShift':
        return this.toRegister(command, { type: 'CLOSE_SHIFT' });
      case 'register.addItem':
        return this.toRegister(command, { type: 'ADD_ITEM', transactionId: this.transactionIdFor(command.registerId), productId: command.productId, quantity: command.quantity, unitPrice: command.unitPrice, approverId: command.approverId });
      case 'register.setQuantity':
        return this.toRegister(command, { type: 'SET_QUANTITY', lineId: command.lineId, quantity: command.quantity });
      case 'register.removeLine':
        return this.toRegister(command, { type: 'REMOVE_LINE', lineId: command.lineId });
      case 'register.selectLine':
        return this.toRegister(command, { type: 'SELECT_LINE', lineId: command.lineId });
      case 'register.setCustomer':
        return this.toRegister(command, { type: 'SET_CUSTOMER', transactionId: this.transactionIdFor(command.registerId), customerId: this.customerIdOf(command.customerId) });
      case 'register.shipAll':
      case 'register.shipSelected':
      case 'register.changeModeOfDelivery':
      case 'register.pickupAll':
      case 'register.pickupSelected':
      case 'register.carryOutAll':
      case 'register.carryOutSelected':
        return this.toRegister(command, { type: 'SET_DELIVERY', request: deliveryRequest(command) });
      case 'register.setOrderType':
        return this.toRegister(command, { type: 'SET_ORDER_TYPE', orderType: command.orderType });
      case 'register.overrideDeposit':
        return this.toRegister(command, { type: 'OVERRIDE_DEPOSIT', amount: command.amount, approverId: command.approverId });
      case 'register.addCharge':
        return this.toRegister(command, { type: 'ADD_CHARGE', level: command.level, lineId: command.lineId, chargeCode: command.chargeCode, amount: command.amount, reasonCode: command.reasonCode, approverId: command.approverId });
      case 'register.overrideCharge':
        return this.toRegister(command, { type: 'OVERRIDE_CHARGE', key: command.key, amount: command.amount, reasonCode: command.reasonCode, approverId: command.approverId });
      case 'register.recalculate':
        return this.toRegister(command, { type: 'RECALCULATE' });
      case 'register.tender':
        return this.tender(command);
      case 'register.void':
        return this.toRegister(command, { type: 'VOID' });
      case 'register.recallOrder':
        return this.recallOrder(command);
      case 'register.adjustCancellationCharge':
        return this.toRegister(command, { type: 'ADJUST_CANCELLATION_CHARGE', amount: command.amount, approverId: command.approverId });
      case 'register.startReturn':
        return this.startReturn(command);
      case 'register.setReturnLines':
        return this.toRegister(command, { type: 'SET_RETURN_LINES', lines: command.lines });
      case 'order.approveQuote':
        this.send('order', command.orderId, { type: 'APPROVE_QUOTE' }, 'orderId');
        return { orderId: command.orderId };
      case 'fulfillment.accept':
        return this.toLocation(command, { type: 'ACCEPT', operatorId: command.operatorId, lines: command.lines });
      case 'fulfillment.printPickList':
        return this.toLocation(command, { type: 'PRINT_PICK_LIST', operatorId: command.operatorId, pickListId: this.ids.next('PL'), lines: command.lines });
      case 'fulfillment.pick':
        return this.toLocation(command, { type: 'PICK', operatorId: command.operatorId, lines: command.lines });
      case 'fulfillment.pack':
        return this.toLocation(command, { type: 'PACK', operatorId: command.operatorId, orderId: command.orderId, packingSlipId: this.ids.next('PS'), lines: command.lines });
      case 'fulfillment.ship':
        return this.toLocation(command, { type: 'SHIP', operatorId: command.operatorId, orderId: command.orderId, invoiceId: this.ids.next('INV'), lines: command.lines });
      case 'fulfillment.reject':
        return this.toLocation(command, { type: 'REJECT', operatorId: command.operatorId, lines: command.lines });
      case 'customer.create':
        return this.createCustomer(command);
      case 'customer.edit':
        return this.editCustomer(command);
      case 'customer.issueLoyaltyCard':
        return this.issueLoyaltyCard(command);
      case 'sync.setLink':
        return this.setLink(command.storeId, command.state);
      case 'sync.acknowledge': {
        this.send('sync', command.storeId, { type: 'ACKNOWLEDGED', keys: command.keys, at: this.clock.now }, 'storeId');
        const { removed, undo } = this.outbound.remove(command.storeId, command.keys);
        this.undo?.push(undo);
        return { storeId: command.storeId, removed, pending: this.outbound.size(command.storeId) };
      }
      case 'sync.applyDistribution':
        return this.applyDistribution(command.storeId, command.package);
      case 'sync.reseed':
        this.ids.moveOn(command.counters, command.entropy);
        return { counters: command.counters };
      case 'headquarters.resetFulfillment': {
        const order = this.contextOf<CustomerOrderContext>('order', command.orderId, 'orderId');
        const locations = new Set(order.lines.filter((l) => command.lineIds.includes(l.lineId)).map((l) => l.delivery.locationId));
        if (locations.size === 0) refuse('NOT_FOUND', `order ${command.orderId} has none of these lines`, 'lineIds');
        for (const locationId of locations) {
          const lineIds = order.lines.filter((l) => command.lineIds.includes(l.lineId) && l.delivery.locationId === locationId).map((l) => l.lineId);
          this.send('fulfillment', locationId, { type: 'RESET_FULFILLMENT', orderId: command.orderId, lineIds }, 'lineIds');
        }
        return { orderId: command.orderId };
      }
    }
  }

  private toRegister(command: { registerId: string }, event: RegisterEvent): Record<string, unknown> {
    this.send('register', command.registerId, event, 'registerId');
    const transaction = this.contextOf<RegisterContext>('register', command.registerId, 'registerId').transaction;
    return { registerId: command.registerId, transactionId: transaction?.transactionId ?? null };
  }

  private toLocation(command: { locationId: string }, event: FulfillmentGroupEvent): Record<string, unknown> {
    this.send('fulfillment', command.locationId, event, 'locationId');
    return { locationId: command.locationId, ...('invoiceId' in event ? { invoiceId: event.invoiceId } : {}), ...('packingSlipId' in event ? { packingSlipId: event.packingSlipId } : {}), ...('pickListId' in event ? { pickListId: event.pickListId } : {}) };
  }

  /** A new transaction id only when the register has none open (ADD_ITEM / SET_CUSTOMER start one). */
  private transactionIdFor(registerId: string): string {
    const context = this.contextOf<RegisterContext>('register', registerId, 'registerId');
    return context.transaction?.transactionId ?? this.ids.next(`T-${registerId}`);
  }

  private tender(command: CommandOf<'register.tender'>): Record<string, unknown> {
    const before = this.contextOf<RegisterContext>('register', command.registerId, 'registerId').transaction;
    const result = this.toRegister(command, { type: 'TENDER', tenderId: this.ids.next('TND'), method: command.method, amount: command.amount, cardToken: command.cardToken, approverId: command.approverId });
    const after = this.contextOf<RegisterContext>('register', command.registerId, 'registerId').transaction;
    if (before === null || after !== null) return { ...result, transactionId: before?.transactionId ?? null, completed: false };
    // Cash beyond what the transaction keeps (and anything tendered on what became a quote) is handed back.
    const received = tendered(before) + command.amount;
    return { ...result, transactionId: before.transactionId, completed: true, change: received - amountKept(this.catalog, before, received) };
  }

  /** What the last completed transaction produced (order id, receipt, RMA), for the tender's result. */
  private lastCompletion: Record<string, unknown> = {};

  private recalledOrder(orderId: string): RecalledOrder {
    const snapshot = this.actor('order', orderId, 'orderId').getSnapshot();
    return recalledOrder(snapshot.context as CustomerOrderContext, snapshot.matches('quote'));
  }

  private recallOrder(command: CommandOf<'register.recallOrder'>): Record<string, unknown> {
    const { registerId, orderId } = command;
    const register = this.contextOf<RegisterContext>('register', registerId, 'registerId');
    // SY-3: customer orders live at headquarters; an offline register only sells and creates customers.
    if (linkState(this.syncOf(register.storeId)) === 'offline') refuse('SY-3', `store ${register.storeId} is offline: customer orders can be recalled once it is back online`, 'registerId');
    const transactionId = this.ids.next(`T-${registerId}`);
    const order = this.contextOf<CustomerOrderContext>('order', orderId, 'orderId');
    if (command.purpose === 'edit') {
      this.send('order', orderId, { type: 'RECALL_FOR_EDIT', registerId, storeId: register.storeId }, 'orderId');
      this.send('register', registerId, { type: 'RECALL_EDIT', transactionId, order: this.recalledOrder(orderId) }, 'registerId');
    } else if (command.purpose === 'cancel') {
      const proposedCharge = cancellationCharge(orderTotals(order.lines.filter((l) => l.delivery.kind !== 'carryOut'), order.charges).total, this.catalog.config.parameters.cancellationChargePct);
      // CO-11: a status that forbids cancelling is refused at recall, before the charge is shown.
      this.check('order', orderId, { type: 'CANCEL', registerId, charge: proposedCharge, payment: { paymentId: 'preview', method: 'cash' } }, 'orderId');
      this.send('register', registerId, { type: 'RECALL_CANCEL', transactionId, order: this.recalledOrder(orderId), proposedCharge }, 'registerId');
      return { registerId, transactionId, orderId, proposedCharge };
    } else {
      if (order.salesOrderId === null) refuse('SY-2', `order ${orderId} was created async and is not at headquarters yet: it can be picked up once it is`, 'orderId');
      const store = this.catalog.stores.get(register.storeId)!;
      const lines = command.lines ?? order.lines
        .filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === store.locationId && uninvoicedQuantity(l.progress) > 0)
        .map((l) => ({ lineId: l.lineId, quantity: uninvoicedQuantity(l.progress) }));
      if (lines.length === 0) refuse('FF-6', `order ${orderId} has nothing to pick up at ${store.locationId}`, 'lines');
      // FF-6 / FF-1: picked up at this store, same order and same mode, quantities the location can hand over.
      this.check('fulfillment', store.locationId, { type: 'PICKUP', orderId, invoiceId: 'preview', lines }, 'lines');
      const due = buildInvoice(order, 'preview', 'pickup', lines).collect;
      this.send('register', registerId, { type: 'START_PICKUP', transactionId, order: this.recalledOrder(orderId), lines, due }, 'registerId');
      return { registerId, transactionId, orderId, due };
    }
    return { registerId, transactionId, orderId };
  }

  private startReturn(command: CommandOf<'register.startReturn'>): Record<string, unknown> {
    const original = this.findOriginal(command.lookup.by, command.lookup.value);
    const transactionId = this.ids.next(`T-${command.registerId}`);
    this.send('register', command.registerId, { type: 'START_RETURN', transactionId, original }, 'lookup');
    return { registerId: command.registerId, transactionId, original: { kind: original.kind, id: original.id } };
  }

  /** RT-1: find the original by receipt, order number, channel reference or invoice. */
  private findOriginal(by: 'receipt' | 'orderId' | 'channelReference' | 'invoiceId', value: string): ReturnOriginal {
    if (by === 'receipt') {
      const receipt = this.receipts.get(value) ?? refuse('NOT_FOUND', `no receipt "${value}"`, 'lookup.value');
      return { kind: 'receipt', id: receipt.receiptId, customerId: receipt.customerId, source: receiptSource(receipt) };
    }
    for (const [orderId, actor] of this.actors.order) {
      const order = actor.getSnapshot().context as CustomerOrderContext;
      const matches = by === 'orderId' ? orderId === value : by === 'channelReference' ? order.channelReference === value : order.invoices.some((i) => i.invoiceId === value);
      if (matches) return { kind: 'order', id: orderId, customerId: order.customerId, source: orderSource(order) };
    }
    return refuse('NOT_FOUND', `no customer order with ${by} "${value}"`, 'lookup.value');
  }

  // --- Headquarters: customers (CU-1..CU-7), the link (SY-1..SY-4) ---

  private syncOf(storeId: string): SyncChannelSnapshot {
    return this.actor('sync', storeId, 'storeId').getSnapshot() as SyncChannelSnapshot;
  }

  /** A register with an open shift, and its store. */
  private openRegister(registerId: string): RegisterContext {
    const actor = this.actor('register', registerId, 'registerId');
    const context = actor.getSnapshot().context as RegisterContext;
    if (context.operatorId === null) refuse('STATE', `register ${registerId} has no open shift`, 'registerId');
    return context;
  }

  /** The channel's id of a customer named by its id or its account number (CU-4). */
  private customerIdOf(idOrAccount: string): string {
    return this.actors.customer.has(idOrAccount) ? idOrAccount : this.customerOfAccount.get(idOrAccount) ?? idOrAccount;
  }

  private customerContext(idOrAccount: string, field = 'customerId'): CustomerContext {
    return this.contextOf<CustomerContext>('customer', this.customerIdOf(idOrAccount), field);
  }

  private setLink(storeId: string, state: LinkState): Record<string, unknown> {
    const before = linkState(this.syncOf(storeId));
    if (before !== state) this.send('sync', storeId, { type: state === 'online' ? 'GO_ONLINE' : state === 'degraded' ? 'GO_DEGRADED' : 'GO_OFFLINE' }, 'state');
    return { storeId, link: state, changed: before !== state, pending: this.outbound.size(storeId) };
  }

  /**
   * CU-1..CU-6: a customer created at a register. Async (a temporary GUID, "Pending sync", queued for the P-job)
   * when the store creates customers async (CU-4) or works offline (CU-6, refused offline when the store filters
   * shared customer data tables); otherwise created at headquarters in real time, which must be reachable.
   */
  private createCustomer(command: CommandOf<'customer.create'>): Record<string, unknown> {
    const register = this.openRegister(command.registerId);
    const store = this.catalog.stores.get(register.storeId)!;
    const link = this.syncOf(store.id);
    const offline = linkState(link) === 'offline';
    if (offline && store.filterSharedCustomerDataTables) {
      refuse('CU-6', `store ${store.id} is offline and filters shared customer data tables: customers cannot be created offline`, 'registerId');
    }
    const mode: CreationMode = offline || store.functionality.createCustomerAsync ? 'async' : 'sync';
    if (mode === 'sync' && !realtimeReachable(link)) {
      refuse('CU-4', `headquarters' real-time service is unreachable from store ${store.id}: customers are created there in real time`, 'registerId');
    }
    const customerId = this.ids.guid();
    const record = newCustomer(this.catalog, store.id, customerId, command.customer, mode);
    if ('rule' in record) throw new CommandRefused({ ...record, field: record.field === undefined ? 'customer' : `customer.${record.field}` });
    this.remember('customer', customerId);
    this.spawn('customer', customerId, { input: { customerId, accountNumber: null, record, createdAtStoreId: store.id, createdAt: this.clock.now, version: 0 } });
    if (command.addToTransaction) this.send('register', command.registerId, { type: 'SET_CUSTOMER', transactionId: this.transactionIdFor(command.registerId), customerId }, 'registerId');
    if (mode === 'async') {
      this.queue({ key: outboundKey.customer(customerId), kind: 'customerCreated', storeId: store.id, at: this.clock.now, customer: record });
    } else {
      this.onCommit.push(() => {
        const response = this.callHeadquarters({ type: 'headquarters.createCustomer', channelCustomerId: customerId, storeId: store.id, record });
        if (!response.ok) throw new CommandRefused(response.error);
        this.send('customer', customerId, { type: 'SYNCED', accountNumber: response.result.accountNumber as string, record, version: response.result.version as number });
      });
    }
    this.onCommit.push(() => {
      const { accountNumber } = this.customerContext(customerId);
      this.lastCompletion = { customerId, accountNumber, account: accountLabel(accountNumber), mode: offline ? 'offline' : mode };
    });
    return { registerId: command.registerId };
  }

  /**
   * A change headquarters makes in real time (CU-4: edits are always synchronous), then applies here. `probe` is the
   * change as the customer actor will take it, checked first (CU-5: a customer pending sync has no account yet).
   */
  private changeAtHeadquarters(registerId: string, customer: CustomerContext, probe: CustomerEvent, request: (accountNumber: string) => RealtimeRequest, event: (result: Record<string, unknown>) => CustomerEvent): Record<string, unknown> {
    const register = this.openRegister(registerId);
    this.check('customer', customer.customerId, probe, 'customerId');
    if (!realtimeReachable(this.syncOf(register.storeId))) {
      refuse('CU-4', `customer changes are made at headquarters in real time, and its real-time service is unreachable from store ${register.storeId}`, 'registerId');
    }
    const response = this.callHeadquarters(request(customer.accountNumber!));
    if (!response.ok) throw new CommandRefused(response.error);
    this.send('customer', customer.customerId, event(response.result));
    const after = this.customerContext(customer.customerId);
    return { customerId: after.customerId, accountNumber: after.accountNumber, record: after.record };
  }

  private editCustomer(command: CommandOf<'customer.edit'>): Record<string, unknown> {
    const register = this.openRegister(command.registerId);
    const customer = this.customerContext(command.customerId);
    const record = editCustomer(this.catalog, register.storeId, customer.record, command.changes);
    if ('rule' in record) throw new CommandRefused({ ...record, field: record.field === undefined ? 'changes' : `changes.${record.field}` });
    return this.changeAtHeadquarters(command.registerId, customer, { type: 'EDITED', record, version: customer.version + 1 },
      (accountNumber) => ({ type: 'headquarters.updateCustomer', accountNumber, record }),
      (result) => ({ type: 'EDITED', record: result.record as Customer, version: result.version as number }));
  }

  private issueLoyaltyCard(command: CommandOf<'customer.issueLoyaltyCard'>): Record<string, unknown> {
    const customer = this.customerContext(command.customerId);
    return this.changeAtHeadquarters(command.registerId, customer, { type: 'LOYALTY_CARD_ISSUED', cardId: 'new', version: customer.version + 1 },
      (accountNumber) => ({ type: 'headquarters.issueLoyaltyCard', accountNumber }),
      (result) => ({ type: 'LOYALTY_CARD_ISSUED', cardId: (result.record as Customer).loyaltyCardId!, version: result.version as number }));
  }

  /**
   * SY-1..SY-3: a new customer order reaches headquarters. Sync mode: created there in real time (with its customer
   * if that is still pending sync, CU-7); unreachable, it falls back to async with "realtime with async backup",
   * else the sale is refused. Async mode, or offline: completed here with its confirmation number and queued.
   */
  private placeOrderAtHeadquarters(orderId: string): void {
    const order = this.contextOf<CustomerOrderContext>('order', orderId, 'orderId');
    const store = this.catalog.stores.get(order.storeId)!;
    const link = this.syncOf(store.id);
    const summary = orderSummary(order, order.createdAs === 'quote' ? 'quote' : 'order');
    const queueIt = (mode: string) => {
      this.queue({ key: outboundKey.order(order.channelReference), kind: 'orderCreated', storeId: store.id, at: this.clock.now, order: summary });
      this.lastCompletion = { ...this.lastCompletion, confirmationNumber: order.channelReference, mode };
    };
    if (linkState(link) === 'offline') return queueIt('offline');
    if (store.functionality.createOrderAsync) return queueIt('async');
    if (!realtimeReachable(link)) {
      if (store.functionality.realtimeWithAsyncBackup) return queueIt('asyncBackup');
      refuse('SY-1', `headquarters' real-time service is unreachable from store ${store.id}: the order cannot be created (retry, or turn on realtime with async backup)`, 'registerId');
    }
    const customer = this.customerContext(order.customerId);
    const response = this.callHeadquarters({ type: 'headquarters.createOrder', order: summary, customer: customer.accountNumber === null ? customer.record : null });
    if (!response.ok) throw new CommandRefused(response.error);
    if (customer.accountNumber === null) {
      this.send('customer', customer.customerId, { type: 'SYNCED', accountNumber: response.result.accountNumber as string, record: response.result.record as Customer, version: response.result.version as number });
    }
    this.send('order', orderId, { type: 'HEADQUARTERS_CONFIRMED', salesOrderId: response.result.salesOrderId as string });
    this.lastCompletion = { ...this.lastCompletion, confirmationNumber: order.channelReference, mode: 'realtime', salesOrderId: response.result.salesOrderId };
  }

  /** SY-4: job 1010's package: accounts for customers pending sync, master data, orders now at headquarters. */
  private applyDistribution(storeId: string, pkg: DistributionPackage): Record<string, unknown> {
    this.send('sync', storeId, { type: 'DISTRIBUTED', version: pkg.version, at: this.clock.now }, 'package.version');
    let synced = 0;
    let updated = 0;
    let added = 0;
    for (const c of pkg.customers) {
      const actor = this.actors.customer.get(c.channelCustomerId);
      if (actor === undefined) {
        this.remember('customer', c.channelCustomerId);
        this.spawn('customer', c.channelCustomerId, { input: { customerId: c.channelCustomerId, accountNumber: c.accountNumber, record: c.record, createdAtStoreId: null, createdAt: this.clock.now, version: c.version } });
        added += 1;
        continue;
      }
      const event: CustomerEvent = (actor.getSnapshot().context as CustomerContext).accountNumber === null
        ? { type: 'SYNCED', accountNumber: c.accountNumber, record: c.record, version: c.version }
        : { type: 'DISTRIBUTED', record: c.record, version: c.version };
      // What this store already has (its own real-time change, an earlier package) is not applied again.
      if (!actor.getSnapshot().can(event)) continue;
      this.send('customer', c.channelCustomerId, event);
      if (event.type === 'SYNCED') synced += 1;
      else updated += 1;
    }
    let confirmed = 0;
    for (const o of pkg.orders) {
      const actor = this.actors.order.get(o.orderId);
      const event = { type: 'HEADQUARTERS_CONFIRMED' as const, salesOrderId: o.salesOrderId };
      // The order headquarters has under this channel reference (after a restore, an order id alone can be reused).
      if (actor === undefined || (actor.getSnapshot().context as CustomerOrderContext).channelReference !== o.channelReference) continue;
      if (!actor.getSnapshot().can(event)) continue;
      this.send('order', o.orderId, event);
      confirmed += 1;
    }
    return { storeId, version: pkg.version, customers: { synced, updated, added }, ordersConfirmed: confirmed };
  }

  // --- What actors emit ---

  private route(event: Emitted): void {
    switch (event.type) {
      case 'transactionCompleted':
        this.completeTransaction(event.registerId, event.storeId, event.transaction);
        return;
      case 'transactionVoided':
        if (event.transaction.kind === 'orderEdit' && event.transaction.order !== null) {
          this.send('order', event.transaction.order.orderId, { type: 'RELEASE_EDIT', registerId: event.registerId });
        }
        return;
      case 'fulfillmentRequested':
      case 'fulfillmentChanged':
        this.assignToLocations(event.orderId, event.lines);
        return;
      case 'orderCancelled':
        for (const locationId of this.locationsHolding(event.orderId)) this.send('fulfillment', locationId, { type: 'ORDER_CANCELLED', orderId: event.orderId });
        return;
      case 'accepted':
        this.send('order', event.orderId, { type: 'ACCEPT', lineIds: event.lineIds }, 'lines');
        return;
      case 'pickListed':
        this.send('order', event.orderId, { type: 'PICK_LIST', pickListId: event.pickListId, lineIds: event.lineIds }, 'lines');
        return;
      case 'picked':
        this.send('order', event.orderId, { type: 'PICK', lines: event.lines }, 'lines');
        return;
      case 'packed':
        this.send('order', event.orderId, { type: 'PACK', lines: event.lines }, 'lines');
        return;
      case 'shipped':
        // CO-8: what deposits do not cover is charged to the card token at invoicing.
        this.send('order', event.orderId, { type: 'INVOICE', invoiceId: event.invoiceId, kind: 'ship', lines: event.lines, payment: { paymentId: this.ids.next('PAY'), method: 'cardToken' } }, 'lines');
        return;
      case 'pickedUp':
        // The register that tendered the pickup invoices the order itself (completeTransaction).
        return;
      case 'rejected':
        this.send('order', event.orderId, { type: 'REJECT', lines: event.lines }, 'lines');
        return;
      case 'reset':
        this.send('order', event.orderId, { type: 'RESET_FULFILLMENT', lineIds: event.lineIds, manualAccept: event.manualAccept }, 'lineIds');
        return;
    }
  }

  private locationsHolding(orderId: string): string[] {
    return [...this.actors.fulfillment].filter(([, actor]) => (actor.getSnapshot().context.lines as FulfillmentLineAssignment[]).some((l) => l.orderId === orderId)).map(([id]) => id);
  }

  /** Order lines reach the location that ships or hands them over; a location that lost lines in an edit lets them go. */
  private assignToLocations(orderId: string, lines: FulfillmentLineAssignment[]): void {
    const locations = new Set([...lines.map((l) => l.locationId), ...this.locationsHolding(orderId)]);
    for (const locationId of locations) {
      this.send('fulfillment', locationId, { type: 'ASSIGN', orderId, lines: lines.filter((l) => l.locationId === locationId) }, 'locationId');
    }
  }

  private completeTransaction(registerId: string, storeId: string, transaction: RegisterTransaction): void {
    const kept = amountKept(this.catalog, transaction, transaction.tenders.reduce((sum, t) => sum + t.amount, 0));
    const method: TenderMethod = transaction.tenders.at(-1)?.method ?? 'cash';
    const payments = (amount: number): Payment[] => (amount === 0 ? [] : [{ paymentId: this.ids.next('PAY'), kind: amount > 0 ? 'prepayment' : 'refund', method, amount }]);
    switch (transaction.kind) {
      case 'sale': {
        const { cart } = transaction;
        if (!isCustomerOrder(cart.lines)) {
          const receipt: Receipt = { receiptId: transaction.transactionId, storeId, registerId, customerId: cart.customerId, at: this.clock.now, lines: cart.lines, charges: cart.charges, total: orderTotals(cart.lines, cart.charges).total, returns: [] };
          this.receipts.set(receipt.receiptId, receipt);
          this.undo?.push(() => this.receipts.delete(receipt.receiptId));
          this.queue({ key: outboundKey.receipt(storeId, receipt.receiptId), kind: 'receipt', storeId, at: this.clock.now,
            receipt: { receiptId: receipt.receiptId, registerId, customerId: receipt.customerId, total: receipt.total, lines: receipt.lines.length } });
          this.moveShelf(storeId, 'SOLD_AT_REGISTER', cart.lines);
          this.lastCompletion = { receiptId: receipt.receiptId };
          return;
        }
        const orderId = this.ids.next('CO');
        const lines: OrderLine[] = cart.lines.map((line) => ({ ...line, progress: newProgress(line.quantity, line.delivery.kind, this.manualAcceptAt(line.delivery.locationId)) }));
        const order = { lines, charges: cart.charges, invoices: [], payments: payments(kept) };
        // CO-5: carry-out lines of a hybrid order are invoiced at once.
        const invoices = this.registerInvoices(order, lines.filter((l) => l.delivery.kind === 'carryOut').map((l) => ({ lineId: l.lineId, quantity: l.quantity })));
        this.moveShelf(storeId, 'SOLD_AT_REGISTER', lines.filter((l) => l.delivery.kind === 'carryOut'));
        this.remember('order', orderId);
        this.spawn('order', orderId, { input: {
          orderId, createdAs: cart.orderType, channelReference: `${storeId}-${transaction.transactionId}`, storeId, customerId: cart.customerId!,
          createdAt: this.clock.now, origin: 'pos', orderCompletion: false, salesOrderId: null,
          lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken,
          payments: order.payments, invoices,
        } });
        this.drain();
        this.onCommit.push(() => this.placeOrderAtHeadquarters(orderId));
        this.lastCompletion = { orderId };
        return;
      }
      case 'orderEdit': {
        const recalled = transaction.order!;
        const current = this.contextOf<CustomerOrderContext>('order', recalled.orderId, 'orderId');
        const { lines, carriedOut } = editedOrder(transaction.cart, current.lines, (locationId) => this.manualAcceptAt(locationId));
        // CO-5: lines carried out now (and charges nothing else will invoice) are invoiced at the register.
        const invoices = this.registerInvoices({ lines, charges: transaction.cart.charges, invoices: current.invoices, payments: current.payments }, carriedOut);
        this.moveShelf(storeId, 'SOLD_AT_REGISTER', productQuantities({ lines }, carriedOut));
        this.send('order', recalled.orderId, { type: 'SAVE_EDIT', registerId, lines, charges: transaction.cart.charges, depositOverride: transaction.cart.depositOverride, cardToken: transaction.cardToken, payments: payments(kept), invoices });
        this.lastCompletion = { orderId: recalled.orderId };
        return;
      }
      case 'cancellation': {
        const order = transaction.order!;
        this.send('order', order.orderId, { type: 'CANCEL', registerId, charge: transaction.cancellationCharge ?? 0, payment: { paymentId: this.ids.next('PAY'), method } });
        this.lastCompletion = { orderId: order.orderId };
        return;
      }
      case 'pickup': {
        const order = transaction.order!;
        const invoiceId = this.ids.next('INV');
        const location = this.catalog.stores.get(storeId)!.locationId;
        const current = this.contextOf<CustomerOrderContext>('order', order.orderId, 'orderId');
        if (buildInvoice(current, invoiceId, 'pickup', transaction.pickupLines).collect !== transaction.pickupDue) {
          refuse('CONFLICT', `order ${order.orderId} changed since it was recalled: recall it again`, 'orderId');
        }
        this.send('fulfillment', location, { type: 'PICKUP', orderId: order.orderId, invoiceId, lines: transaction.pickupLines });
        this.send('order', order.orderId, { type: 'INVOICE', invoiceId, kind: 'pickup', lines: transaction.pickupLines, payment: { paymentId: this.ids.next('PAY'), method } });
        this.lastCompletion = { orderId: order.orderId, invoiceId };
        return;
      }
      case 'return': {
        const original = transaction.returnOriginal!;
        const calculation = calculateReturn(this.catalog, original.source, transaction.returnLines);
        const record: ReturnRecord = { rmaNumber: this.ids.next('RMA'), lines: calculation.lines, charges: calculation.charges, total: calculation.total };
        if (original.kind === 'order') {
          this.send('order', original.id, { type: 'POST_RETURN', record, payment: { paymentId: this.ids.next('PAY'), method } });
        } else {
          const receipt = this.receipts.get(original.id)!;
          const updated = { ...receipt, returns: [...receipt.returns, record] };
          this.receipts.set(receipt.receiptId, updated);
          this.undo?.push(() => this.receipts.set(receipt.receiptId, receipt));
        }
        // Returned goods go back onto the shelf of the store that takes them back, wherever they left from.
        this.moveShelf(storeId, 'RETURNED_AT_REGISTER', productQuantities(original.source, record.lines));
        this.returnOrders.push({ rmaNumber: record.rmaNumber, storeId, original: { kind: original.kind, id: original.id }, customerId: original.customerId, at: this.clock.now, record });
        this.undo?.push(() => this.returnOrders.pop());
        // RT-4: posted to headquarters as a return order with its RMA number.
        this.queue({ key: outboundKey.return(record.rmaNumber), kind: 'return', storeId, at: this.clock.now, returnOrder: {
          rmaNumber: record.rmaNumber, original: { kind: original.kind, id: original.id }, customerId: original.customerId, total: record.total,
          channelReference: original.kind === 'order' ? this.contextOf<CustomerOrderContext>('order', original.id, 'orderId').channelReference : null,
          lines: record.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reasonCode: l.reasonCode })),
        } });
        this.lastCompletion = { rmaNumber: record.rmaNumber };
        return;
      }
    }
  }

  /** Units carried out at a store's register leave its shelf; units returned there come back onto it. */
  private moveShelf(storeId: string, type: 'SOLD_AT_REGISTER' | 'RETURNED_AT_REGISTER', lines: readonly ProductQuantity[]): void {
    if (lines.length === 0) return;
    this.send('fulfillment', this.catalog.stores.get(storeId)!.locationId, { type, lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) });
  }

  /** CO-5: the invoice the register issues for carried-out lines (and charges nothing else will invoice), if any. */
  private registerInvoices(order: InvoicedOrder, carriedOut: readonly QuantityOfLine[]): Invoice[] {
    const invoice = registerInvoice(order, 'pending', carriedOut);
    return invoice === null ? [] : [{ ...invoice, invoiceId: this.ids.next('INV') }];
  }

  /** FF-2: manual accept is the fulfilling store's setting; warehouses accept automatically. */
  private manualAcceptAt(locationId: string): boolean {
    return this.catalog.config.stores.find((s) => s.locationId === locationId)?.manualAccept ?? false;
  }

  // --- Views (pure reads) ---

  registerView(registerId: string) {
    const snapshot = this.actor('register', registerId, 'registerId').getSnapshot();
    const context = snapshot.context as RegisterContext;
    const transaction = context.transaction;
    const customerId = transaction?.cart.customerId ?? null;
    const customer = customerId === null ? null : this.customerView(customerId);
    return {
      state: snapshot.value as unknown,
      ...context,
      due: transaction === null ? 0 : transactionDue(this.catalog, transaction),
      totals: transaction === null ? null : orderTotals(transaction.cart.lines, transaction.cart.charges),
      /** The cart's customer as the till shows it (CU-4: "Pending sync" until it has an account). */
      customer: customer === null ? null : { customerId: customer.customerId, name: customer.record.name, account: customer.account, pendingSync: customer.pendingSync },
    };
  }

  orderView(orderId: string): CustomerOrderContext & { state: unknown; headerStatus: OrderHeaderStatus; paymentStatus: PaymentStatus; totals: OrderTotals; paid: number; existsAtHeadquarters: boolean } {
    const snapshot = this.actor('order', orderId, 'orderId').getSnapshot();
    const context = snapshot.context as CustomerOrderContext;
    const { headerStatus, paymentStatus, totals, paid } = orderStatus(context, lifecycleOf(snapshot.value, context));
    return { ...context, state: snapshot.value, headerStatus, paymentStatus, totals, paid, existsAtHeadquarters: context.salesOrderId !== null };
  }

  /** CU-4: a customer with its account, or "Pending sync" while it has none. */
  customerView(idOrAccount: string): CustomerContext & { state: unknown; account: string; pendingSync: boolean } {
    const snapshot = this.actor('customer', this.customerIdOf(idOrAccount), 'customerId').getSnapshot();
    const context = snapshot.context as CustomerContext;
    return { ...context, state: snapshot.value, account: accountLabel(context.accountNumber), pendingSync: context.accountNumber === null };
  }

  customerIds(): string[] {
    return [...this.actors.customer.keys()];
  }

  /** The number the last id of a prefix used (for recovery: see Chain.reconcile). */
  lastNumber(prefix: string): number {
    return this.ids.last(prefix);
  }

  /** A store's link to headquarters: its state, what waits in its outbound queue, the master data version it has. */
  syncView(storeId: string): SyncChannelContext & { link: LinkState; realtimeReachable: boolean; batchReachable: boolean; pending: OutboundItem[] } {
    const snapshot = this.syncOf(storeId);
    return {
      ...snapshot.context, link: linkState(snapshot), realtimeReachable: realtimeReachable(snapshot), batchReachable: batchReachable(snapshot),
      pending: this.outbound.pending(storeId),
    };
  }

  fulfillmentView(locationId: string, filter: FulfillmentFilter = 'all'): { lines: FulfillmentListRow[]; onHand: Record<string, number> } {
    const context = this.contextOf<{ lines: FulfillmentLineAssignment[]; onHand: Record<string, number> }>('fulfillment', locationId, 'locationId');
    return { lines: fulfillmentList(context as never, filter), onHand: context.onHand };
  }

  orderIds(): string[] {
    return [...this.actors.order.keys()];
  }

  receipt(receiptId: string): Receipt | undefined {
    return this.receipts.get(receiptId);
  }

  receiptIds(): string[] {
    return [...this.receipts.keys()];
  }

  allReturnOrders(): readonly ReturnOrder[] {
    return this.returnOrders;
  }

  exportState(): EngineState {
    const persisted = (kind: Kind) => Object.fromEntries([...this.actors[kind]].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
    return structuredClone({
      seq: this.seq, clock: this.clock.now, ids: this.ids.toJSON(),
      registers: persisted('register'), orders: persisted('order'), fulfillment: persisted('fulfillment'), customers: persisted('customer'), sync: persisted('sync'),
      receipts: Object.fromEntries(this.receipts), returnOrders: this.returnOrders, outbound: this.outbound.toJSON(),
    });
  }
}

/** CO-2: the register's delivery operations as one request (all / selected, ship / pickup / carry out). */
export function deliveryRequest(command: CommandOf<'register.shipAll' | 'register.shipSelected' | 'register.changeModeOfDelivery' | 'register.pickupAll' | 'register.pickupSelected' | 'register.carryOutAll' | 'register.carryOutSelected'>): DeliveryRequest {
  const scope = command.type.endsWith('All') ? 'all' : 'selected';
  const lineIds = 'lineIds' in command ? command.lineIds : undefined;
  if (command.type === 'register.carryOutAll' || command.type === 'register.carryOutSelected') return { scope, lineIds, kind: 'carryOut' };
  if (command.type === 'register.pickupAll' || command.type === 'register.pickupSelected') return { scope, lineIds, kind: 'pickup', locationId: command.locationId, date: command.date };
  return { scope, lineIds, kind: 'ship', modeCode: command.modeCode, locationId: command.locationId, address: command.address, date: command.date };
}

function orderSource(order: CustomerOrderContext): ReturnSource {
  return {
    lines: order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.progress.invoiced })),
    charges: order.charges,
    returns: order.returns,
  };
}

function receiptSource(receipt: Receipt): ReturnSource {
  return {
    lines: receipt.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.quantity })),
    charges: receipt.charges,
    returns: receipt.returns,
  };
}
