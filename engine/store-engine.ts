/**
 * The actor system host: one register actor per till, one customer-order actor per order, one fulfillment-group
 * actor per location. Commands are routed to actors; what actors emit is routed on to other actors in the same
 * command. A refused command is rolled back whole: every actor it touched is restored, ids and clock too.
 */
import { createActor, type Actor, type AnyActorLogic } from 'xstate';
import { buildCatalog, type Catalog } from './domain/catalog.ts';
import { keptOnCompletion, type DeliveryRequest } from './domain/cart.ts';
import { cancellationCharge } from './domain/cancellation.ts';
import { newProgress, orderHeaderStatus, uninvoicedQuantity, type OrderHeaderStatus } from './domain/fulfillment.ts';
import { buildInvoice } from './domain/order-invoicing.ts';
import { amountInvoiced, amountPaid, paymentStatus, unappliedPrepayment, type Payment, type PaymentStatus, type TenderMethod } from './domain/payments.ts';
import { calculateReturn, type ReturnRecord, type ReturnSource } from './domain/returns.ts';
import { isCustomerOrder, orderTotals, type OrderTotals, type SalesLine } from './domain/sales.ts';
import { CommandRefused, refuse, violation, type RuleViolation } from './domain/violation.ts';
import type { AppliedCharge } from './domain/charges.ts';
import { parseCommand, type Command, type CommandOf } from './commands.ts';
import { SeededIds, VirtualClock, type IdState } from './ids.ts';
import { createCustomerOrderMachine, customerOrderRule, customerOrderStateRule, type CustomerOrderMachine } from '../machines/customer-order.machine.ts';
import type { CustomerOrderContext, CustomerOrderEmitted, CustomerOrderEvent, FulfillmentLineAssignment, OrderLine } from '../machines/customer-order.types.ts';
import { createFulfillmentGroupMachine, fulfillmentGroupRule, fulfillmentList, type FulfillmentGroupMachine, type FulfillmentListRow } from '../machines/fulfillment-group.machine.ts';
import type { FulfillmentFilter, FulfillmentGroupEmitted, FulfillmentGroupEvent } from '../machines/fulfillment-group.types.ts';
import { createRegisterMachine, registerRule, transactionDue, type RegisterMachine } from '../machines/register.machine.ts';
import type { RecalledOrder, RegisterContext, RegisterEmitted, RegisterEvent, RegisterTransaction, ReturnOriginal } from '../machines/register.types.ts';

export type CommandResult =
  | { ok: true; seq: number; at: number; command: Command; result: Record<string, unknown> }
  | { ok: false; error: RuleViolation };

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

/** RT-4: a return posted as a return order with an RMA number (headquarters takes these over). */
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
  receipts: Record<string, Receipt>;
  returnOrders: ReturnOrder[];
}

export interface EngineOptions { seed?: number; startAt?: number }

type Kind = 'register' | 'order' | 'fulfillment';
type Emitted = RegisterEmitted | CustomerOrderEmitted | FulfillmentGroupEmitted;
type EventFor<K extends Kind> = K extends 'register' ? RegisterEvent : K extends 'order' ? CustomerOrderEvent : FulfillmentGroupEvent;

interface Machines { register: RegisterMachine; order: CustomerOrderMachine; fulfillment: FulfillmentGroupMachine }

const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);

export class StoreEngine {
  readonly clock: VirtualClock;
  readonly ids: SeededIds;
  seq = 0;
  private readonly machines: Machines;
  private readonly actors: Record<Kind, Map<string, Actor<AnyActorLogic>>> = { register: new Map(), order: new Map(), fulfillment: new Map() };
  private receipts = new Map<string, Receipt>();
  private returnOrders: ReturnOrder[] = [];
  private outbox: { kind: Kind; event: Emitted }[] = [];
  /** Undo steps of the command in progress; null outside a command. */
  private undo: (() => void)[] | null = null;
  private touched = new Set<string>();
  private actorFailure: Error | null = null;

  private constructor(readonly catalog: Catalog, options: EngineOptions, state?: EngineState) {
    this.machines = {
      register: createRegisterMachine(catalog),
      order: createCustomerOrderMachine(catalog),
      fulfillment: createFulfillmentGroupMachine(catalog),
    };
    this.clock = new VirtualClock(state?.clock ?? options.startAt ?? DEFAULT_START);
    this.ids = new SeededIds(options.seed ?? 1, state?.ids);
    if (state === undefined) {
      for (const [registerId, storeId] of catalog.registers) this.spawn('register', registerId, { input: { registerId, storeId } });
      for (const location of catalog.config.locations) {
        const store = catalog.config.stores.find((s) => s.locationId === location.id);
        const onHand = Object.fromEntries(catalog.config.inventory.filter((i) => i.locationId === location.id).map((i) => [i.productId, i.onHand]));
        this.spawn('fulfillment', location.id, { input: { locationId: location.id, storeId: store?.id ?? null, manualAccept: store?.manualAccept ?? false, onHand } });
      }
    } else {
      this.seq = state.seq;
      for (const kind of ['register', 'order', 'fulfillment'] as const) {
        const snapshots = kind === 'register' ? state.registers : kind === 'order' ? state.orders : state.fulfillment;
        for (const [actorId, snapshot] of Object.entries(snapshots)) this.spawn(kind, actorId, { snapshot });
      }
      this.receipts = new Map(Object.entries(structuredClone(state.receipts)));
      this.returnOrders = structuredClone(state.returnOrders);
      this.outbox = [];
    }
  }

  static create(config: unknown, options: EngineOptions = {}): StoreEngine {
    return new StoreEngine(buildCatalog(config), options);
  }

  static fromCatalog(catalog: Catalog, options: EngineOptions = {}): StoreEngine {
    return new StoreEngine(catalog, options);
  }

  static restore(catalog: Catalog, state: EngineState, options: EngineOptions = {}): StoreEngine {
    return new StoreEngine(catalog, options, state);
  }

  // --- Actors ---

  private spawn(kind: Kind, actorId: string, options: { input?: unknown; snapshot?: unknown }): Actor<AnyActorLogic> {
    const logic = this.machines[kind] as unknown as AnyActorLogic;
    const actor = createActor(logic, options.snapshot === undefined ? { input: options.input } : { snapshot: options.snapshot as never });
    actor.on('*', (event) => this.outbox.push({ kind, event: event as Emitted }));
    // An action that throws stops the actor; record it so the command fails and rolls back instead.
    actor.subscribe({ error: (error) => { this.actorFailure ??= error instanceof Error ? error : new Error(String(error)); } });
    this.actors[kind].set(actorId, actor);
    actor.start();
    return actor;
  }

  private actor(kind: Kind, actorId: string, field: string): Actor<AnyActorLogic> {
    return this.actors[kind].get(actorId) ?? refuse('NOT_FOUND', `unknown ${kind === 'fulfillment' ? 'location' : kind} "${actorId}"`, field);
  }

  /** Records how to restore an actor the first time the current command touches it. */
  private remember(kind: Kind, actorId: string): void {
    const key = `${kind}:${actorId}`;
    if (this.undo === null || this.touched.has(key)) return;
    this.touched.add(key);
    const existing = this.actors[kind].get(actorId);
    if (existing === undefined) {
      this.undo.push(() => { this.actors[kind].get(actorId)?.stop(); this.actors[kind].delete(actorId); });
      return;
    }
    const snapshot = existing.getPersistedSnapshot();
    this.undo.push(() => { existing.stop(); this.spawn(kind, actorId, { snapshot }); });
  }

  private explain(kind: Kind, actor: Actor<AnyActorLogic>, event: { type: string }): RuleViolation {
    const snapshot = actor.getSnapshot();
    const { context } = snapshot;
    const rule = kind === 'register' ? registerRule(this.catalog, context as RegisterContext, event as RegisterEvent)
      : kind === 'order' ? customerOrderRule(this.catalog, context as CustomerOrderContext, event as CustomerOrderEvent)
        : fulfillmentGroupRule(this.catalog, context, event as FulfillmentGroupEvent);
    if (rule !== null) return rule;
    if (kind === 'order') return customerOrderStateRule(snapshot, event as CustomerOrderEvent);
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
    this.drain();
  }

  private check<K extends Kind>(kind: K, actorId: string, event: EventFor<K>, field: string): void {
    const actor = this.actor(kind, actorId, field);
    if (!actor.getSnapshot().can(event)) throw new CommandRefused(this.explain(kind, actor, event));
  }

  private drain(): void {
    while (this.outbox.length > 0) {
      const { kind, event } = this.outbox.shift()!;
      this.route(kind, event);
    }
  }

  private contextOf<T>(kind: Kind, actorId: string, field: string): T {
    return this.actor(kind, actorId, field).getSnapshot().context as T;
  }

  // --- Commands ---

  /** Validates, applies and returns the result; nothing is changed by a refused command. No I/O. */
  executeNow(input: unknown): CommandResult {
    const parsed = parseCommand(input);
    if (!parsed.ok) return parsed;
    const { command } = parsed;
    const ids = this.ids.mark();
    const clock = this.clock.now;
    this.undo = [];
    this.touched.clear();
    this.outbox = [];
    this.lastCompletion = {};
    this.actorFailure = null;
    try {
      const result = this.handle(command);
      this.seq += 1;
      return { ok: true, seq: this.seq, at: this.clock.now, command, result };
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
        return this.toRegister(command, { type: 'SET_CUSTOMER', transactionId: this.transactionIdFor(command.registerId), customerId: command.customerId });
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
    return { ...result, transactionId: before?.transactionId ?? null, completed: after === null, ...this.lastCompletion };
  }

  /** What the last completed transaction produced (order id, receipt, RMA), for the tender's result. */
  private lastCompletion: Record<string, unknown> = {};

  private recalledOrder(orderId: string): RecalledOrder {
    const order = this.contextOf<CustomerOrderContext>('order', orderId, 'orderId');
    return {
      orderId, customerId: order.customerId, lines: order.lines, cardToken: order.cardToken,
      paid: amountPaid(order.payments), prepaid: unappliedPrepayment(order.payments, order.invoices),
      charges: order.charges, depositOverride: order.depositOverride, isQuote: this.actor('order', orderId, 'orderId').getSnapshot().matches('quote'),
    };
  }

  private recallOrder(command: CommandOf<'register.recallOrder'>): Record<string, unknown> {
    const { registerId, orderId } = command;
    const register = this.contextOf<RegisterContext>('register', registerId, 'registerId');
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

  // --- What actors emit ---

  private route(kind: Kind, event: Emitted): void {
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
    void kind;
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
    const received = transaction.tenders.reduce((sum, t) => sum + t.amount, 0);
    const due = transactionDue(this.catalog, transaction);
    const alreadyPaid = transaction.kind === 'orderEdit' ? transaction.order?.paid ?? 0 : 0;
    const paid = due >= 0 && (transaction.kind === 'sale' || transaction.kind === 'orderEdit')
      ? keptOnCompletion(this.catalog, transaction.cart, due, alreadyPaid, received)
      : due >= 0 ? Math.min(received, due) : received;
    const method: TenderMethod = transaction.tenders.at(-1)?.method ?? 'cash';
    const payments = (amount: number): Payment[] => (amount === 0 ? [] : [{ paymentId: this.ids.next('PAY'), kind: 'prepayment', method, amount }]);
    switch (transaction.kind) {
      case 'sale': {
        const { cart } = transaction;
        if (!isCustomerOrder(cart.lines)) {
          const receipt: Receipt = { receiptId: transaction.transactionId, storeId, registerId, customerId: cart.customerId, at: this.clock.now, lines: cart.lines, charges: cart.charges, total: orderTotals(cart.lines, cart.charges).total, returns: [] };
          this.receipts.set(receipt.receiptId, receipt);
          this.undo?.push(() => this.receipts.delete(receipt.receiptId));
          this.lastCompletion = { receiptId: receipt.receiptId };
          return;
        }
        const orderId = this.ids.next('CO');
        const lines: OrderLine[] = cart.lines.map((line) => ({ ...line, progress: newProgress(line.quantity, line.delivery.kind, this.manualAcceptAt(line.delivery.locationId)) }));
        const carryOut = lines.filter((l) => l.delivery.kind === 'carryOut');
        const base = { lines, charges: cart.charges, invoices: [], payments: payments(paid) };
        // CO-5: carry-out lines of a hybrid order are invoiced at once.
        const invoices = carryOut.length === 0 ? [] : [buildInvoice({ ...base, lines: lines.map((l) => (l.delivery.kind === 'carryOut' ? { ...l, progress: { ...l.progress, invoiced: 0 } } : l)) }, this.ids.next('INV'), 'carryOut', carryOut.map((l) => ({ lineId: l.lineId, quantity: l.quantity }))).invoice];
        this.remember('order', orderId);
        this.spawn('order', orderId, { input: {
          orderId, createdAs: cart.orderType, channelReference: `${storeId}-${transaction.transactionId}`, storeId, customerId: cart.customerId!,
          createdAt: this.clock.now, origin: 'pos', orderCompletion: false, existsAtHeadquarters: true,
          lines, charges: cart.charges, depositOverride: cart.depositOverride, cardToken: transaction.cardToken,
          payments: base.payments, invoices,
        } });
        this.drain();
        this.lastCompletion = { orderId };
        return;
      }
      case 'orderEdit': {
        const order = transaction.order!;
        const current = this.contextOf<CustomerOrderContext>('order', order.orderId, 'orderId');
        const before = (lineId: string) => order.lines.find((l) => l.lineId === lineId);
        // CO-5: carry-out lines new to the order (added, or switched from an open ship/pickup line) are invoiced now.
        const newlyCarried = transaction.cart.lines.filter((l) => l.delivery.kind === 'carryOut' && before(l.lineId)?.delivery.kind !== 'carryOut');
        const uninvoiced = transaction.cart.lines.map((line) => ({ ...line, progress: { ...newProgress(line.quantity, 'ship', false), ...before(line.lineId)?.progress, quantity: line.quantity } }));
        const invoices = newlyCarried.length === 0 ? [] : [buildInvoice({ lines: uninvoiced, charges: transaction.cart.charges, invoices: current.invoices, payments: current.payments }, this.ids.next('INV'), 'carryOut', newlyCarried.map((l) => ({ lineId: l.lineId, quantity: l.quantity }))).invoice];
        const lines: OrderLine[] = transaction.cart.lines.map((line) => {
          const previous = before(line.lineId);
          if (previous === undefined || newlyCarried.includes(line)) return { ...line, progress: newProgress(line.quantity, line.delivery.kind, this.manualAcceptAt(line.delivery.locationId)) };
          return { ...line, progress: { ...previous.progress, quantity: line.quantity } };
        });
        this.send('order', order.orderId, { type: 'SAVE_EDIT', registerId, lines, charges: transaction.cart.charges, depositOverride: transaction.cart.depositOverride, cardToken: transaction.cardToken, payments: payments(paid), invoices });
        this.lastCompletion = { orderId: order.orderId };
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
        this.returnOrders.push({ rmaNumber: record.rmaNumber, storeId, original: { kind: original.kind, id: original.id }, customerId: original.customerId, at: this.clock.now, record });
        this.undo?.push(() => this.returnOrders.pop());
        this.lastCompletion = { rmaNumber: record.rmaNumber };
        return;
      }
    }
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
    return {
      state: snapshot.value as unknown,
      ...context,
      due: transaction === null ? 0 : transactionDue(this.catalog, transaction),
      totals: transaction === null ? null : orderTotals(transaction.cart.lines, transaction.cart.charges),
    };
  }

  orderView(orderId: string): CustomerOrderContext & { state: unknown; headerStatus: OrderHeaderStatus; paymentStatus: PaymentStatus; totals: OrderTotals; paid: number } {
    const snapshot = this.actor('order', orderId, 'orderId').getSnapshot();
    const context = snapshot.context as CustomerOrderContext;
    const lifecycle = snapshot.matches('cancelled') ? 'cancelled' : snapshot.matches('quote') ? 'quote' : 'order';
    const totals = orderTotals(context.lines, context.charges);
    const returned = context.returns.reduce((s, r) => s + r.total, 0);
    const owed = (lifecycle === 'cancelled' ? (context.cancellation?.charge ?? 0) + amountInvoiced(context.invoices) : totals.total) + returned;
    return {
      ...context,
      state: snapshot.value,
      headerStatus: orderHeaderStatus(lifecycle, context.lines.map((l) => l.progress)),
      paymentStatus: paymentStatus(owed, context.payments),
      totals,
      paid: amountPaid(context.payments),
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

  allReturnOrders(): readonly ReturnOrder[] {
    return this.returnOrders;
  }

  exportState(): EngineState {
    const persisted = (kind: Kind) => Object.fromEntries([...this.actors[kind]].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
    return structuredClone({
      seq: this.seq, clock: this.clock.now, ids: this.ids.toJSON(),
      registers: persisted('register'), orders: persisted('order'), fulfillment: persisted('fulfillment'),
      receipts: Object.fromEntries(this.receipts), returnOrders: this.returnOrders,
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
