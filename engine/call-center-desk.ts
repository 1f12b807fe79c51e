/**
 * The call center's desk at headquarters (the call center is a headquarters channel, CC-2): the orders agents are
 * taking, each an actor of the call-center order machine, and headquarters' coupon ledger (CC-13). Every desk command
 * is one headquarters command (journaled there, replayed to the same state); a refused one changes nothing. A submit
 * that releases the order (no hold, every payment approved: CC-6, CC-9) makes it a sales order in the same command, so
 * the order, its coupons' redemptions and its sales order move together or not at all. It also answers the screens'
 * lookups (CC-3 customers and items, CC-4 source codes by headquarters' catalog actors) and creates customers (CC-3).
 *
 * Card authorisation (CC-9) is a deterministic test authoriser: a card token that starts with "DECLINE" is declined,
 * any other is approved with the reference `AUTH-<paymentId>`. The token is in the journaled command, so replay gets
 * the same answer. Gift card balances (CC-8) come from a deterministic test gift-card service likewise: a card whose
 * number starts with "EMPTY" holds nothing, any other holds 100.00 of the chain's currency.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { Catalog } from './domain/catalog.ts';
import { applySourceCode, lookupSourceCodes, type AppliedSourceCode, type CatalogState, type SourceCodeChoice, type SourceCodeFilter } from './domain/call-center/catalog.ts';
import { channelFor } from './domain/call-center/channel.ts';
import type { CallCenterConfig } from './domain/call-center/config.ts';
import { emptyCouponLedger, redeemOrder, releaseOrder, type CouponLedger } from './domain/call-center/coupon-ledger.ts';
import { checkCouponEntry, couponKey, discountOrder, findCoupon, notAppliedMessage, type Coupon } from './domain/call-center/coupons.ts';
import { onLineAdded, sourceCodeScripts, type Script, type SuggestionOffer } from './domain/call-center/guided-selling.ts';
import { checkNotCheckedOutByOther, daysOnHold, holdList, type CallCenterUser, type HoldListRow, type OrderHold } from './domain/call-center/holds.ts';
import {
  checkAddLine, couponLines, detailStatus, lineTaxRate, releasedToPicking, submitOrder, termsOf, type CallCenterOrderContext, type DetailStatus,
} from './domain/call-center/order.ts';
import { orderPaymentStatus, paymentMethodsOffered, resolvePaymentAmounts, type AuthorizerAnswer, type CallCenterPayment } from './domain/call-center/payments.ts';
import { approvePriceChangeRequest, decidePriceChange, rejectPriceChangeRequest, resolvePrice, type PriceChangeRequest } from './domain/call-center/pricing.ts';
import { completionSummary, unbilledAmount, type CompletionSummary } from './domain/call-center/summary.ts';
import type { SubmittedCallCenterOrder } from './domain/call-center-submission.ts';
import { customerSchema, type Customer, type ModeOfDelivery } from './domain/config.ts';
import type { HqCustomer } from './domain/headquarters.ts';
import { isViolation, violation, type RuleViolation } from './domain/violation.ts';
import type { CallCenterDeskCommand, CustomerLookup, CustomerMatch, CustomerServiceView, ItemChoice, PriceChangeRequestRow } from './protocol/call-center.ts';
import { createCallCenterOrderMachine, type CallCenterOrderEvent, type CallCenterOrderMachine } from '../machines/call-center-order.machine.ts';
import { createOrderHoldMachine, type OrderHoldEvent } from '../machines/order-hold.machine.ts';
import { explainRefusal } from '../machines/rules.ts';

type OrderHoldMachine = ReturnType<typeof createOrderHoldMachine>;

/** What the desk keeps beside each order's actor: who took it where, the lines' locations, the offers made. */
interface DeskOrder {
  callCenterId: string;
  enteredBy: string;
  customerId: string;
  /** Lines are numbered `<orderId>-<n>`, never reusing a removed line's number. */
  nextLine: number;
  /** Ship-from location or pickup store of each line. */
  locations: Record<string, string>;
  /** CC-10 / CC-11: the scripts and offers of the last line added (an offer stays until taken or its line changes). */
  scripts: Script[];
  offers: SuggestionOffer[];
  salesOrderId: string | null;
}

type DeskEntry = { actor: Actor<CallCenterOrderMachine>; desk: DeskOrder; center: CallCenterConfig };

export interface DeskState {
  /** Persisted snapshots of the order actors. */
  orders: Record<string, unknown>;
  /**
   * Persisted snapshots of the hold actors (CC-18: who has a hold checked out is theirs alone). The order keeps its
   * own copy of each hold (placed and cleared there); a hold actor is made for every hold the order places and made
   * again from the order's copy when the order clears it, so the two never disagree on whether it is open.
   */
  holds: Record<string, unknown>;
  desk: Record<string, DeskOrder>;
  ledger: CouponLedger;
  nextOrder: number;
  /** CC-20: price change requests, by id (`PCR-000001`), pending and decided. */
  priceRequests: Record<string, PriceChangeRequest>;
}

export const emptyDeskState = (): DeskState => ({ orders: {}, holds: {}, desk: {}, ledger: emptyCouponLedger, nextOrder: 1, priceRequests: {} });

/** What headquarters lends the desk: its clock, its customer accounts, and the sales order a released order becomes. */
export interface DeskHost {
  now(): number;
  customer(customerId: string): Customer | undefined;
  /** CC-2: the sales order's check, with nothing changed (a refusal here refuses the submit). */
  checkAccept(order: SubmittedCallCenterOrder): RuleViolation | null;
  accept(order: SubmittedCallCenterOrder): { salesOrderId: string; storeId: string };
  /** CC-21: why headquarters cannot cancel the order's sales order (the store has started), with nothing changed. */
  checkCancel(orderId: string): RuleViolation | null;
  /** CC-21: cancels the order's sales order (payments refunded or voided) and the enrolments it made. */
  cancel(orderId: string, by: string): { salesOrderId: string; storeId: string } & Record<string, unknown>;
  /** CC-4 / CC-5: the call center's catalogs as headquarters' catalog actors have them (published, expired...). */
  catalogStates(callCenterId: string): CatalogState[];
  /** CC-3: headquarters' customer accounts, for the lookup. */
  customers(): Iterable<HqCustomer>;
  /** CC-3: an account for a customer the call center created (why not, when headquarters refuses it). */
  createCustomer(channelCustomerId: string, callCenterId: string, record: Customer): string | RuleViolation;
}

export type DeskOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: RuleViolation };

const AUTHORISER_DECLINES = 'DECLINE';

/** CC-9: the test authoriser's answer for a card payment (see the header). */
export function authorise(payment: Pick<CallCenterPayment, 'paymentId' | 'cardToken'>): AuthorizerAnswer {
  return payment.cardToken?.startsWith(AUTHORISER_DECLINES)
    ? { approved: false, reason: 'the card issuer declined the authorisation' }
    : { approved: true, reference: `AUTH-${payment.paymentId}` };
}

/** CC-8: the test gift-card service's balance of a card (see the header). */
export const giftCardBalance = (cardNumber: string): number => (cardNumber.toUpperCase().startsWith('EMPTY') ? 0 : 10_000);

/** CC-3: how the lookup shows an account. */
const customerMatch = (account: HqCustomer): CustomerMatch => ({
  customerId: account.accountNumber, name: account.record.name, phone: account.record.phone ?? '', email: account.record.email ?? '', account: account.accountNumber,
});

const LOOKUP_LIMIT = 50;
const digits = (text: string) => text.replace(/\D/g, '');

const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);

export class CallCenterDesk {
  private readonly machine: CallCenterOrderMachine;
  private readonly actors = new Map<string, Actor<CallCenterOrderMachine>>();
  private readonly holdMachines = new Map<string, OrderHoldMachine>();
  private readonly holds = new Map<string, Actor<OrderHoldMachine>>();
  private desk: Record<string, DeskOrder>;
  private ledger: CouponLedger;
  private nextOrder: number;
  private priceRequests: Record<string, PriceChangeRequest>;

  /** `inspect`: the host's inspection (the lab's coverage sees the desk's orders and holds as it sees every actor). */
  constructor(private readonly catalog: Catalog, private readonly host: DeskHost, state: DeskState = emptyDeskState(), private readonly inspect?: (event: InspectionEvent) => void) {
    this.machine = createCallCenterOrderMachine(catalog);
    for (const [orderId, snapshot] of Object.entries(state.orders)) {
      this.actors.set(orderId, createActor(this.machine, { snapshot: snapshot as never, input: undefined as never, ...this.inspection() }).start());
    }
    this.desk = structuredClone(state.desk);
    for (const [holdId, snapshot] of Object.entries(state.holds ?? {})) {
      const orderId = (snapshot as { context: OrderHold }).context.orderId;
      this.holds.set(holdId, createActor(this.holdMachine(this.desk[orderId]!.callCenterId, orderId), { snapshot: snapshot as never, input: undefined as never, ...this.inspection() }).start());
    }
    this.ledger = state.ledger;
    this.nextOrder = state.nextOrder;
    this.priceRequests = structuredClone(state.priceRequests ?? {});
  }

  exportState(): DeskState {
    const orders = Object.fromEntries([...this.actors].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
    const holds = Object.fromEntries([...this.holds].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
    return structuredClone({ orders, holds, desk: this.desk, ledger: this.ledger, nextOrder: this.nextOrder, priceRequests: this.priceRequests });
  }

  get couponLedger(): CouponLedger {
    return this.ledger;
  }

  execute(command: CallCenterDeskCommand): DeskOutcome {
    const user = this.userOf(command.operatorId);
    if ('rule' in user) return { ok: false, error: user };
    if (command.type === 'callCenter.startOrder') return this.start(command.operatorId, command.customerId);
    if (command.type === 'callCenter.createCustomer') return this.createCustomer(command);
    if (command.type === 'callCenter.approvePriceChange' || command.type === 'callCenter.rejectPriceChange') return this.decidePrice(command);
    const order = this.orderOf(command.orderId);
    if ('rule' in order) return { ok: false, error: order };
    const outcome = this.apply(command, order, user);
    if (!isViolation(outcome)) this.syncHolds(order);
    return isViolation(outcome) ? { ok: false, error: outcome } : { ok: true, result: { ...outcome, order: this.orderView(command.orderId), view: this.screenView(command.orderId) } };
  }

  /** CC-16 / CC-18: one hold machine per call center (its hold codes and supervisors). */
  private holdMachine(callCenterId: string, orderId: string): OrderHoldMachine {
    let machine = this.holdMachines.get(callCenterId);
    if (machine === undefined) {
      machine = createOrderHoldMachine(this.actors.get(orderId)!.getSnapshot().context.terms.holdPolicy);
      this.holdMachines.set(callCenterId, machine);
    }
    return machine;
  }

  /** A hold actor for each hold the order placed; one the order cleared is made again from the order's copy. */
  private syncHolds(order: DeskEntry): void {
    const context = order.actor.getSnapshot().context;
    for (const hold of context.holds) {
      const actor = this.holds.get(hold.holdId);
      if (actor !== undefined && (actor.getSnapshot().context.cleared !== null || hold.cleared === null)) continue;
      actor?.stop();
      this.holds.set(hold.holdId, createActor(this.holdMachine(order.desk.callCenterId, context.orderId), { input: hold, ...this.inspection() }).start());
    }
  }

  /** CC-18: a step on one of the order's holds, refused in its machine's words. */
  private sendHold(orderId: string, holdId: string, event: OrderHoldEvent): Record<string, unknown> | RuleViolation {
    const actor = this.holds.get(holdId);
    if (actor === undefined || actor.getSnapshot().context.orderId !== orderId) return violation('NOT_FOUND', `order ${orderId} has no hold "${holdId}"`, 'holdId');
    const before = actor.getSnapshot();
    actor.send(event);
    if (actor.getSnapshot() === before) return explainRefusal(before, event);
    return { holdId, checkedOutBy: actor.getSnapshot().context.checkedOut?.by ?? null, holds: this.holdList(this.desk[orderId]!.callCenterId) };
  }

  /** CC-2 / CC-18: the operator's call center and role; an operator of none takes no call-center orders here. */
  private userOf(operatorId: string): CallCenterUser | RuleViolation {
    const staff = this.catalog.config.staff.find((s) => s.operatorId === operatorId);
    if (staff === undefined) return violation('NOT_FOUND', `unknown operator "${operatorId}"`, 'operatorId');
    return { operatorId, roleId: staff.roleId };
  }

  private centerOf(operatorId: string): CallCenterConfig | RuleViolation {
    const channel = channelFor(this.catalog.config.callCenters, operatorId);
    return channel.kind === 'callCenter' ? channel.callCenter
      : violation('CC-2', `${operatorId} is not a member of a call center: their orders are plain sales orders, taken at a store`, 'operatorId');
  }

  private orderOf(orderId: string): DeskEntry | RuleViolation {
    const actor = this.actors.get(orderId);
    const desk = this.desk[orderId];
    if (actor === undefined || desk === undefined) return violation('NOT_FOUND', `there is no call-center order "${orderId}"`, 'orderId');
    return { actor, desk, center: this.catalog.config.callCenters.find((c) => c.id === desk.callCenterId)! };
  }

  /** CC-2 / CC-3: the order starts in the operator's call center, for a customer headquarters knows. */
  private start(operatorId: string, customerId: string): DeskOutcome {
    const center = this.centerOf(operatorId);
    if ('rule' in center) return { ok: false, error: center };
    const account = this.host.customer(customerId);
    if (account === undefined) return { ok: false, error: violation('NOT_FOUND', `headquarters has no customer account "${customerId}"`, 'customerId') };
    const supervisorRoleIds = this.catalog.config.roles.filter((r) => r.permissions.includes('callCenterSupervision')).map((r) => r.id);
    // Decisions: payments must meet the total exactly (no threshold configured), no check limit, the chain's first
    // tax group where no destination's applies; the account's credit terms are not kept at headquarters yet.
    const terms = termsOf(center, {
      currency: this.catalog.config.currency, overUnderpaymentThreshold: 0, checkThreshold: null, taxGroupId: this.catalog.config.taxGroups[0]!.id, supervisorRoleIds,
    });
    const at = this.host.now();
    const orderId = `CC-${String(this.nextOrder).padStart(6, '0')}`;
    this.nextOrder += 1;
    const actor = createActor(this.machine, {
      input: { orderId, terms, orderDate: isoDate(at), createdBy: operatorId, createdAt: at, customer: { account, onAccount: false, creditLimit: null, balance: 0 } },
      ...this.inspection(),
    }).start();
    this.actors.set(orderId, actor);
    this.desk[orderId] = { callCenterId: center.id, enteredBy: operatorId, customerId, nextLine: 1, locations: {}, scripts: [], offers: [], salesOrderId: null };
    return { ok: true, result: { orderId, callCenterId: center.id, order: this.orderView(orderId), view: this.screenView(orderId) } };
  }

  private inspection(): { inspect?: (event: InspectionEvent) => void } {
    return this.inspect === undefined ? {} : { inspect: this.inspect };
  }

  /** Sends the order an event; a refusal (the snapshot unchanged) is explained by the machine's rules. */
  private send(actor: Actor<CallCenterOrderMachine>, event: CallCenterOrderEvent): RuleViolation | null {
    const before = actor.getSnapshot();
    actor.send(event);
    const after = actor.getSnapshot();
    if (after.error !== undefined) throw new Error(`call-center order failed on ${event.type}: ${String(after.error)}`);
    // A transition that changes nothing (leaving a held order keeps it held) is taken, not refused.
    return after === before && before.machine.getTransitionData(before as never, event).length === 0 ? explainRefusal(before, event) : null;
  }

  private apply(command: Exclude<CallCenterDeskCommand, { type: 'callCenter.startOrder' | 'callCenter.createCustomer' | 'callCenter.approvePriceChange' | 'callCenter.rejectPriceChange' }>, order: DeskEntry, user: CallCenterUser): Record<string, unknown> | RuleViolation {
    const { actor, desk, center } = order;
    const context = actor.getSnapshot().context;
    const at = this.host.now();
    const by = { userId: user.operatorId, at };
    switch (command.type) {
      case 'callCenter.setHeader': {
        const source = command.sourceCode === undefined || command.sourceCode === null ? null : applySourceCode(this.host.catalogStates(center.id), command.sourceCode, at);
        if (source !== null && 'rule' in source) return { ...source, field: 'sourceCode' };
        const refused = this.send(actor, {
          type: 'SET_HEADER', updateLines: command.updateLines,
          ...(command.sourceCode === undefined ? {} : { sourceCode: source?.code ?? null }),
          ...(command.modeCode === undefined ? {} : { modeCode: command.modeCode }),
        });
        return refused ?? this.recoupon(actor, center, { scripts: source === null ? [] : source.scripts });
      }
      case 'callCenter.addLine':
        return this.addLine(order, command.productId, command.quantity, command.modeCode, command.locationId);
      case 'callCenter.changeLine': {
        const line = context.lines.find((l) => l.lineId === command.lineId);
        const modeCode = command.modeCode ?? line?.modeCode;
        const taxRate = modeCode === undefined ? undefined : lineTaxRate(this.catalog, context, modeCode, desk.locations[command.lineId]);
        const refused = this.send(actor, { type: 'CHANGE_LINE', change: {
          lineId: command.lineId, ...(command.quantity === undefined ? {} : { quantity: command.quantity }),
          ...(command.modeCode === undefined ? {} : { modeCode: command.modeCode }), ...(taxRate === undefined ? {} : { taxRate }),
        } });
        if (refused !== null) return refused;
        desk.offers = desk.offers.filter((o) => o.lineId !== command.lineId);
        return this.recoupon(actor, center, {});
      }
      case 'callCenter.removeLine': {
        const refused = this.send(actor, { type: 'REMOVE_LINE', lineId: command.lineId });
        if (refused !== null) return refused;
        delete desk.locations[command.lineId];
        desk.offers = desk.offers.filter((o) => o.lineId !== command.lineId);
        return this.recoupon(actor, center, {});
      }
      case 'callCenter.changePrice':
        return this.changePrice(order, command.operatorId, command.lineId, command.unitPrice, command.reason);
      case 'callCenter.acceptOffer':
        return this.acceptOffer(order, command.lineId, command.suggestedProductId);
      case 'callCenter.declineOffer': {
        const offer = this.offerOf(order, command.lineId, command.suggestedProductId);
        if ('rule' in offer) return offer;
        desk.offers = desk.offers.filter((o) => o !== offer);
        return {};
      }
      case 'callCenter.enterCoupon':
        return this.enterCoupon(order, command.couponCode);
      case 'callCenter.removeCoupon': {
        const kept = context.coupons.filter((c) => couponKey(c.code) !== couponKey(command.couponCode));
        if (kept.length === context.coupons.length) return violation('CC-13', `coupon ${command.couponCode} is not on this order`, 'couponCode');
        return this.send(actor, { type: 'APPLY_COUPONS', coupons: this.discounts(context, center, this.couponsOf(center, kept.map((c) => c.code))) }) ?? {};
      }
      case 'callCenter.complete':
        return this.send(actor, { type: 'COMPLETE' }) ?? { summary: completionSummary(actor.getSnapshot().context) };
      case 'callCenter.addPayment': {
        const paymentId = `${command.orderId}-P${context.payments.length + 1 + context.log.filter((e) => e.kind === 'declined').length}`;
        const payment = {
          paymentId, methodId: command.methodId, share: command.amount === undefined ? { percent: command.percent! } : { amount: command.amount },
          ...(command.prepay === undefined ? {} : { prepay: command.prepay }), ...(command.checkNumber === undefined ? {} : { checkNumber: command.checkNumber }),
          ...(command.cardToken === undefined ? {} : { cardToken: command.cardToken }),
          ...(command.giftCardNumber === undefined ? {} : { giftCard: { number: command.giftCardNumber, balance: giftCardBalance(command.giftCardNumber) } }),
        };
        return this.send(actor, { type: 'ADD_PAYMENT', payment }) ?? { paymentId };
      }
      case 'callCenter.removePayment':
        return this.send(actor, { type: 'REMOVE_PAYMENT', paymentId: command.paymentId }) ?? {};
      case 'callCenter.submit':
        return this.submit(order, by);
      case 'callCenter.hold': {
        const origin = actor.getSnapshot().matches('summary') ? 'summary' as const : 'entry' as const;
        return this.send(actor, {
          type: 'HOLD', user, at, origin, ...(command.code === undefined ? {} : { code: command.code }),
          ...(command.reasonCode === undefined ? {} : { reasonCode: command.reasonCode }), ...(command.notes === undefined ? {} : { notes: command.notes }),
        }) ?? { holdId: actor.getSnapshot().context.holds.at(-1)!.holdId };
      }
      case 'callCenter.checkOutHold':
        return this.sendHold(command.orderId, command.holdId, { type: 'CHECK_OUT', user, at });
      case 'callCenter.releaseHold':
        return this.sendHold(command.orderId, command.holdId, { type: 'RELEASE_CHECK_OUT', user });
      case 'callCenter.overrideHold':
        return this.sendHold(command.orderId, command.holdId, { type: 'OVERRIDE_CHECK_OUT', user, at });
      case 'callCenter.clearHold': {
        // CC-18: the hold actor knows who has it checked out; the order's own copy does not.
        const worked = this.holds.get(command.holdId)?.getSnapshot().context;
        const taken = worked === undefined ? null : checkNotCheckedOutByOther(worked, user);
        if (taken !== null) return taken;
        const answers = Object.fromEntries(context.payments.filter((p) => p.kind === 'card').map((p) => [p.paymentId, authorise(p)]));
        const refused = this.send(actor, { type: 'CLEAR_HOLD', holdId: command.holdId, user, at, variant: command.variant, answers });
        if (refused !== null) return refused;
        const released = this.release(order);
        this.syncHolds(order);
        return { ...released, holds: this.holdList(desk.callCenterId) };
      }
      // CC-7: with completion off, leaving an order with lines saves it as a sales order.
      case 'callCenter.leave':
        return this.send(actor, { type: 'LEAVE', ...by }) ?? this.release(order);
      case 'callCenter.cancel':
        return this.cancel(order, by, command.note);
    }
  }

  /**
   * CC-21: the call center is the only place a call-center order is cancelled. One released to a store is cancelled
   * at headquarters too, unless the store has started on it (asked before anything changes); the coupons the order
   * redeemed are given back (CC-13).
   */
  private cancel(order: DeskEntry, by: { userId: string; at: number }, note: string | undefined): Record<string, unknown> | RuleViolation {
    const { actor, desk } = order;
    const orderId = actor.getSnapshot().context.orderId;
    const started = desk.salesOrderId === null ? null : this.host.checkCancel(orderId);
    if (started !== null) return started;
    const refused = this.send(actor, { type: 'CANCEL', ...by, ...(note === undefined ? {} : { note }) });
    if (refused !== null) return refused;
    const coupons = releaseOrder(this.ledger, { orderId, at: by.at, invoiced: false });
    this.ledger = coupons.ledger;
    const released = { couponsReleased: coupons.released.map((r) => r.couponCode) };
    return desk.salesOrderId === null ? released : { ...released, cancelledAtHeadquarters: true, ...this.host.cancel(orderId, by.userId) };
  }

  /** CC-3 / CC-5 / CC-10 / CC-11: a line at its resolved price, with the item's scripts and offers. */
  private addLine(order: DeskEntry, productId: string, quantity: number, modeCode?: string, locationId?: string, replacing?: string): Record<string, unknown> | RuleViolation {
    const { actor, desk, center } = order;
    const context = actor.getSnapshot().context;
    const product = this.catalog.products.get(productId);
    if (product === undefined) return violation('NOT_FOUND', `unknown product "${productId}"`, 'productId');
    const mode = modeCode ?? context.header.modeCode ?? center.modesOfDelivery[0]!;
    const kind = this.catalog.modes.get(mode)?.kind;
    const location = locationId ?? (kind === 'pickup' ? undefined : center.defaultWarehouseId);
    if (location === undefined) return violation('CC-22', 'a pickup line names the store the customer picks it up at', 'locationId');
    if (!this.catalog.locations.has(location)) return violation('NOT_FOUND', `unknown location "${location}"`, 'locationId');
    const source = this.appliedSource(center, context);
    const price = resolvePrice(center, product, source);
    const lineId = `${context.orderId}-${desk.nextLine}`;
    const line = {
      lineId, productId, quantity, unitPrice: price.unitPrice, priceSource: price.source, modeCode: mode,
      taxRate: lineTaxRate(this.catalog, context, mode, kind === 'pickup' ? location : undefined),
    };
    if (replacing !== undefined) {
      // The new line's own check first: an up-sell refused after its line was taken off would change the order.
      const refused = checkAddLine(context, line) ?? this.send(actor, { type: 'REMOVE_LINE', lineId: replacing });
      if (refused !== null) return refused;
    }
    const refused = this.send(actor, { type: 'ADD_LINE', line });
    if (refused !== null) return refused;
    desk.nextLine += 1;
    desk.locations[lineId] = location;
    if (replacing !== undefined) delete desk.locations[replacing];
    const prompt = onLineAdded(center, source, { lineId, productId });
    desk.scripts = prompt.scripts;
    desk.offers = [...desk.offers.filter((o) => o.lineId !== replacing), ...prompt.offers];
    return this.recoupon(actor, center, { lineId, price: { unitPrice: price.unitPrice, source: price.source, why: price.why }, scripts: prompt.scripts, offers: prompt.offers, prompt });
  }

  /** CC-20: a line's new price within the operator's tolerance of the system price, or a request filed for a supervisor. */
  private changePrice(order: DeskEntry, operatorId: string, lineId: string, unitPrice: number, reason: string): Record<string, unknown> | RuleViolation {
    const { actor, center } = order;
    const context = actor.getSnapshot().context;
    const line = context.lines.find((l) => l.lineId === lineId);
    if (line === undefined) return violation('NOT_FOUND', `the order has no line "${lineId}"`, 'lineId');
    const systemPrice = resolvePrice(center, this.catalog.products.get(line.productId)!, this.appliedSource(center, context)).unitPrice;
    const requestId = `PCR-${String(Object.keys(this.priceRequests).length + 1).padStart(6, '0')}`;
    const decision = decidePriceChange(center, { operatorId, orderId: context.orderId, lineId, productId: line.productId, systemPrice, requestedPrice: unitPrice, requestId, reason, at: this.host.now() }, context.terms.currency);
    if (decision.outcome === 'refused') return decision.violation;
    if (decision.outcome === 'request-filed') {
      this.priceRequests[requestId] = decision.request;
      return { outcome: decision.outcome, requestId };
    }
    return this.send(actor, { type: 'CHANGE_LINE', change: { lineId, price: { unitPrice, priceSource: 'priceChange' } } }) ?? this.recoupon(actor, center, { outcome: decision.outcome });
  }

  /** CC-20: a supervisor approves a request (the line takes the price) or rejects it saying why (the line keeps its own). */
  private decidePrice(command: Extract<CallCenterDeskCommand, { type: 'callCenter.approvePriceChange' | 'callCenter.rejectPriceChange' }>): DeskOutcome {
    const request = this.priceRequests[command.requestId];
    if (request === undefined) return { ok: false, error: violation('NOT_FOUND', `there is no price change request "${command.requestId}"`, 'requestId') };
    const order = this.orderOf(request.orderId) as DeskEntry;
    const at = this.host.now();
    const decided = command.type === 'callCenter.approvePriceChange'
      ? approvePriceChangeRequest(order.center, request, command.operatorId, at, order.actor.getSnapshot().context.terms.currency)
      : rejectPriceChangeRequest(order.center, request, command.operatorId, at, command.reason);
    if (isViolation(decided)) return { ok: false, error: decided };
    if (decided.status === 'approved') {
      const line = order.actor.getSnapshot().context.lines.find((l) => l.lineId === request.lineId);
      if (line?.productId !== request.productId) return { ok: false, error: violation('CC-20', `line ${request.lineId} of order ${request.orderId} is no longer item ${request.productId}: reject the request`, 'requestId') };
      const refused = this.send(order.actor, { type: 'CHANGE_LINE', change: { lineId: request.lineId, price: { unitPrice: request.requestedPrice, priceSource: 'priceChange' } } });
      if (refused !== null) return { ok: false, error: refused };
      this.recoupon(order.actor, order.center, {});
    }
    this.priceRequests[command.requestId] = decided;
    return { ok: true, result: { request: decided, requests: this.priceChangeRequests(order.desk.callCenterId), order: this.orderView(request.orderId), view: this.screenView(request.orderId) } };
  }

  /**
   * CC-20: the price change requests of a call center's orders (every call center's when none is named), newest first,
   * with the item's and the agent's names for the supervisor's list.
   */
  priceChangeRequests(callCenterId?: string): PriceChangeRequestRow[] {
    const staffName = (operatorId: string) => this.catalog.config.staff.find((s) => s.operatorId === operatorId)?.name ?? operatorId;
    return Object.values(this.priceRequests).filter((r) => callCenterId === undefined || this.desk[r.orderId]?.callCenterId === callCenterId)
      .toSorted((a, b) => b.requestedAt - a.requestedAt || b.requestId.localeCompare(a.requestId))
      .map((r) => ({ ...r, itemName: this.catalog.products.get(r.productId)?.name ?? r.productId, agentName: staffName(r.requestedBy) }));
  }

  /** CC-11: an up-sell replaces the line's item (quantity kept, priced as any line); a cross-sell adds a line beside it. */
  private acceptOffer(order: DeskEntry, lineId: string, suggestedProductId: string): Record<string, unknown> | RuleViolation {
    const offer = this.offerOf(order, lineId, suggestedProductId);
    if ('rule' in offer) return offer;
    const line = order.actor.getSnapshot().context.lines.find((l) => l.lineId === lineId);
    if (line === undefined || line.productId !== offer.suggestion.productId) return violation('CC-11', `line ${lineId} is no longer item ${offer.suggestion.productId}`, 'lineId');
    const location = order.desk.locations[lineId];
    return offer.suggestion.kind === 'upSell'
      ? this.addLine(order, suggestedProductId, line.quantity, line.modeCode, location, lineId)
      : this.addLine(order, suggestedProductId, 1, line.modeCode, location);
  }

  /** CC-11: the offer still open for a line. */
  private offerOf(order: DeskEntry, lineId: string, suggestedProductId: string): SuggestionOffer | RuleViolation {
    return order.desk.offers.find((o) => o.lineId === lineId && o.suggestion.suggestedProductId === suggestedProductId)
      ?? violation('CC-11', `nothing of ${suggestedProductId} was offered for line ${lineId}`, 'suggestedProductId');
  }

  /**
   * CC-3: a new customer account at headquarters, under an id of the operator's call center (`CC1-C000001`) that no
   * store's numbering makes.
   */
  private createCustomer(command: Extract<CallCenterDeskCommand, { type: 'callCenter.createCustomer' }>): DeskOutcome {
    const center = this.centerOf(command.operatorId);
    if ('rule' in center) return { ok: false, error: center };
    const prefix = `${center.id}-C`;
    const made = [...this.host.customers()].filter((c) => c.channelCustomerId.startsWith(prefix)).length;
    const channelCustomerId = `${prefix}${String(made + 1).padStart(6, '0')}`;
    const record = customerSchema.parse({
      accountId: channelCustomerId, name: command.name, type: 'person',
      ...(command.phone === undefined || command.phone === '' ? {} : { phone: command.phone }), ...(command.email === undefined || command.email === '' ? {} : { email: command.email }),
    });
    const accountNumber = this.host.createCustomer(channelCustomerId, center.id, record);
    if (typeof accountNumber !== 'string') return { ok: false, error: accountNumber };
    const account = [...this.host.customers()].find((c) => c.accountNumber === accountNumber)!;
    return { ok: true, result: { customer: customerMatch(account) } };
  }

  // --- Reads ---

  /** CC-3: the accounts matching every field given (words of a name or email, digits of a phone, an account number's start). */
  findCustomers(query: CustomerLookup): CustomerMatch[] {
    const has = (value: string | undefined, wanted: string | undefined) => wanted === undefined || wanted === '' || (value ?? '').toLowerCase().includes(wanted.toLowerCase());
    const phone = query.phone === undefined ? '' : digits(query.phone);
    const account = query.account?.toUpperCase() ?? '';
    const found: CustomerMatch[] = [];
    for (const c of this.host.customers()) {
      if (!has(c.record.name, query.name) || !has(c.record.email, query.email)) continue;
      if (phone !== '' && !digits(c.record.phone ?? '').includes(phone)) continue;
      if (account !== '' && !c.accountNumber.toUpperCase().startsWith(account) && !c.channelCustomerId.toUpperCase().startsWith(account)) continue;
      found.push(customerMatch(c));
      if (found.length === LOOKUP_LIMIT) break;
    }
    return found.toSorted((a, b) => a.name.localeCompare(b.name) || a.account.localeCompare(b.account));
  }

  /** CC-4: the source codes of the operator's call center usable today (Published at headquarters, within their dates). */
  sourceCodes(callCenterId: string, query: { filter: SourceCodeFilter; customerId?: string | undefined; text?: string | undefined }): SourceCodeChoice[] {
    return lookupSourceCodes(this.host.catalogStates(callCenterId), { filter: query.filter, customerId: query.customerId ?? null, at: this.host.now(), ...(query.text === undefined ? {} : { text: query.text }) });
  }

  /** CC-3: items by number (exact first, then those it starts) or by every word of their name, at the channel's price. */
  findItems(callCenterId: string, text: string): ItemChoice[] {
    const center = this.catalog.config.callCenters.find((c) => c.id === callCenterId)!;
    const typed = text.trim().toUpperCase();
    const words = typed.split(/\s+/);
    const rank = (id: string, name: string) => (id.toUpperCase() === typed ? 0 : id.toUpperCase().startsWith(typed) ? 1 : words.every((w) => name.toUpperCase().includes(w) || id.toUpperCase().includes(w)) ? 2 : -1);
    return [...this.catalog.products.values()]
      .map((product) => ({ product, rank: rank(product.id, product.name) })).filter((p) => p.rank >= 0)
      .toSorted((a, b) => a.rank - b.rank || a.product.id.localeCompare(b.product.id)).slice(0, LOOKUP_LIMIT)
      .map(({ product }) => ({ productId: product.id, name: product.name, unitPrice: resolvePrice(center, product, null).unitPrice }));
  }

  /** CC-4: the order's source code as applied (a code whose catalog has since closed prices nothing from it). */
  private appliedSource(center: CallCenterConfig, context: CallCenterOrderContext): AppliedSourceCode | null {
    if (context.header.sourceCode === null) return null;
    const applied = applySourceCode(this.host.catalogStates(center.id), context.header.sourceCode, this.host.now());
    return 'rule' in applied ? null : applied;
  }

  private couponsOf(center: CallCenterConfig, codes: readonly string[]): Coupon[] {
    return codes.map((code) => findCoupon(center.coupons, code)!);
  }

  private discounts(context: CallCenterOrderContext, center: CallCenterConfig, coupons: readonly Coupon[]) {
    const catalogOf = (sourceCode: string) => center.catalogs.find((c) => c.sourceCodes.some((s) => s.code.toUpperCase() === sourceCode.toUpperCase()))?.id ?? null;
    return discountOrder(couponLines(context, catalogOf), coupons).coupons;
  }

  /** CC-13: after any change of lines the coupons on the order take off what they now may. */
  private recoupon(actor: Actor<CallCenterOrderMachine>, center: CallCenterConfig, result: Record<string, unknown>): Record<string, unknown> {
    const context = actor.getSnapshot().context;
    if (context.coupons.length > 0) {
      const refused = this.send(actor, { type: 'APPLY_COUPONS', coupons: this.discounts(context, center, this.couponsOf(center, context.coupons.map((c) => c.code))) });
      if (refused !== null) throw new Error(`coupons no longer fit order ${context.orderId}: ${refused.message}`);
    }
    return result;
  }

  /** CC-13: a coupon entered against headquarters' ledger (Submit checks the ledger again, atomically). */
  private enterCoupon(order: DeskEntry, typed: string): Record<string, unknown> | RuleViolation {
    const { actor, desk, center } = order;
    const context = actor.getSnapshot().context;
    const onOrder = this.couponsOf(center, context.coupons.map((c) => c.code));
    const catalogOf = (sourceCode: string) => center.catalogs.find((c) => c.sourceCodes.some((s) => s.code.toUpperCase() === sourceCode.toUpperCase()))?.id ?? null;
    const entry = checkCouponEntry({
      coupon: findCoupon(center.coupons, typed), typedCode: typed, orderId: context.orderId, customerId: desk.customerId, date: context.header.orderDate,
      onOrder, lines: couponLines(context, catalogOf), ledger: this.ledger, currency: context.terms.currency,
    });
    if (!entry.accepted) return entry.violation;
    const refused = this.send(actor, { type: 'APPLY_COUPONS', coupons: this.discounts(context, center, [...onOrder, entry.coupon]) });
    if (refused !== null) return refused;
    const outcome = entry.applied ? { couponCode: entry.coupon.code, applied: true, discount: entry.discount } : { couponCode: entry.coupon.code, applied: false, message: entry.message };
    return { ...outcome, entry };
  }

  /**
   * CC-9 / CC-13: the cards are authorised, the coupons redeemed in the ledger and, when nothing holds the order, it
   * becomes a sales order: all checked before anything changes, then all done.
   */
  private submit(order: DeskEntry, by: { userId: string; at: number }): Record<string, unknown> | RuleViolation {
    const { actor, center } = order;
    const context = actor.getSnapshot().context;
    const answers = Object.fromEntries(context.payments.filter((p) => p.kind === 'card').map((p) => [p.paymentId, authorise(p)]));
    const applied = context.coupons.filter((c) => c.applied).map((c) => c.code);
    const redeemed = redeemOrder(this.ledger, { orderId: context.orderId, customerId: order.desk.customerId, at: by.at, coupons: this.couponsOf(center, applied) });
    if ('rule' in redeemed) return redeemed;
    const after = { ...context, ...submitOrder(context, answers, by) };
    const released = releasedToPicking(after) ? this.submission(after, order.desk) : null;
    const check = released === null ? null : this.host.checkAccept(released);
    if (check !== null) return check;
    const refused = this.send(actor, { type: 'SUBMIT', answers, ...by });
    if (refused !== null) return refused;
    this.ledger = redeemed.ledger;
    return this.release(order);
  }

  /** A submitted order nothing holds any more becomes a sales order (once). */
  private release(order: DeskEntry): Record<string, unknown> {
    const context = order.actor.getSnapshot().context;
    if (order.desk.salesOrderId !== null || !order.actor.getSnapshot().matches('submitted')) return { released: false };
    const accepted = this.host.accept(this.submission(context, order.desk));
    order.desk.salesOrderId = accepted.salesOrderId;
    return { released: true, ...accepted };
  }

  /** CC-2: the order as `callCenter.submitOrder` carries it to headquarters. */
  private submission(context: CallCenterOrderContext, desk: DeskOrder): SubmittedCallCenterOrder {
    const amounts = resolvePaymentAmounts(context.payments, completionSummary(context).total);
    const status = { Paid: 'Paid', Authorized: 'Authorized', 'Not authorized': 'NotAuthorized', 'Not submitted': 'NotSubmitted' } as const;
    return {
      orderId: context.orderId, callCenterId: desk.callCenterId, enteredBy: desk.enteredBy, customerId: desk.customerId,
      header: { modeCode: context.header.modeCode ?? context.lines[0]!.modeCode, ...(context.header.sourceCode === null ? {} : { sourceCode: context.header.sourceCode }) },
      lines: context.lines.map((l) => {
        // CC-13 / CC-15: what the order does not bill of the line (a continuity parent line: all of it).
        const discount = unbilledAmount(context, l);
        return { lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, ...(discount === 0 ? {} : { discount }), modeCode: l.modeCode, locationId: desk.locations[l.lineId]! };
      }),
      charges: context.charges.filter((c) => c.source === 'manual').map((c) => ({ level: c.level, ...(c.lineId === undefined ? {} : { lineId: c.lineId }), chargeCode: c.chargeCode, amount: c.amount })),
      payments: context.payments.map((p, i) => ({ paymentId: p.paymentId, method: p.methodId, amount: amounts[i]!, status: status[p.status], ...(p.cardToken === undefined ? {} : { cardToken: p.cardToken }) })),
    };
  }

  // --- Views ---

  orderIds(): string[] {
    return [...this.actors.keys()];
  }

  /** CC-17: the open holds of a call center's orders (all call centers when none is named), the longest held first. */
  holdList(callCenterId?: string): HoldListRow[] {
    const holds = [...this.holds.values()].map((a) => a.getSnapshot().context)
      .filter((h) => callCenterId === undefined || this.desk[h.orderId]?.callCenterId === callCenterId);
    const codes = this.catalog.config.callCenters.flatMap((c) => c.holdCodes);
    const customerOf = (orderId: string) => ({ customerId: this.desk[orderId]!.customerId, customerName: this.actors.get(orderId)!.getSnapshot().context.customer?.account.name ?? '' });
    return holdList(holds, codes, customerOf, this.host.now());
  }

  /**
   * CC-23 customer service: every call-center order of a customer, newest first, with its detail and payment status,
   * held ones flagged, and each order's event log; and the catalogs sent to the customer.
   */
  customerService(customerId: string): CustomerServiceView {
    const orders = Object.entries(this.desk).filter(([, d]) => d.customerId === customerId).map(([orderId]) => this.orderView(orderId)!)
      .toSorted((a, b) => b.log[0]!.at - a.log[0]!.at || b.orderId.localeCompare(a.orderId));
    const catalogsSent = this.catalog.config.callCenters.flatMap((c) => c.catalogs.filter((k) => k.sentTo.includes(customerId)).map((k) => ({ callCenterId: c.id, catalogId: k.id, name: k.name })));
    const account = [...this.host.customers()].find((c) => c.accountNumber === customerId || c.channelCustomerId === customerId);
    const statusOf = (orderId: string) => {
      const { cancelledAt, submittedAt } = this.actors.get(orderId)!.getSnapshot().context;
      return cancelledAt !== null ? 'Cancelled' as const : submittedAt === null ? 'Open' as const : 'Submitted' as const;
    };
    return {
      customerId, customerName: this.host.customer(customerId)?.name ?? '', customer: account === undefined ? null : customerMatch(account),
      orders: orders.map((o) => ({
        orderId: o.orderId, callCenterId: o.callCenterId, createdAt: o.log[0]!.at, status: statusOf(o.orderId), detailStatus: o.detailStatus, paymentStatus: o.paymentStatus,
        held: o.holds.some((h) => h.cleared === null), total: o.summary.total, salesOrderId: o.salesOrderId, log: o.log,
      })),
      catalogsSent,
    };
  }

  /**
   * The order in the shape the call-center screens' `CallCenterOrderView` (ui/call-center-desk.ts) reads: the order's
   * context, its summary, the source code's scripts (CC-10), the payment methods offered (CC-8), the channel's modes
   * (CC-22), the items' names and each coupon's CC-13 note.
   */
  screenView(orderId: string): DeskScreenView | null {
    const actor = this.actors.get(orderId);
    const desk = this.desk[orderId];
    if (actor === undefined || desk === undefined) return null;
    const context = actor.getSnapshot().context;
    const center = this.catalog.config.callCenters.find((c) => c.id === desk.callCenterId)!;
    const source = this.appliedSource(center, context);
    const view = this.orderView(orderId)!;
    return {
      order: context, summary: view.summary,
      beginningScripts: sourceCodeScripts(center, source, 'Beginning'), endScripts: sourceCodeScripts(center, source, 'End'),
      paymentMethods: paymentMethodsOffered(context),
      modes: context.terms.modesOfDelivery.map((code) => ({ code, name: this.catalog.modes.get(code)!.name, kind: this.catalog.modes.get(code)!.kind })),
      itemNames: Object.fromEntries([...context.lines.map((l) => l.productId), ...desk.offers.flatMap((o) => [o.suggestion.productId, o.suggestion.suggestedProductId])].map((id) => [id, this.catalog.products.get(id)?.name ?? id])),
      couponNotes: Object.fromEntries(view.coupons.filter((c) => c.message !== null).map((c) => [c.code, c.message!])),
      paymentStatus: view.paymentStatus, detailStatus: view.detailStatus,
    };
  }

  /** The order being taken, as the agent's screen shows it (CC-5, CC-6, CC-8, CC-10, CC-11, CC-13, CC-17). */
  orderView(orderId: string): DeskOrderView | null {
    const actor = this.actors.get(orderId);
    const desk = this.desk[orderId];
    if (actor === undefined || desk === undefined) return null;
    const snapshot = actor.getSnapshot();
    const context = snapshot.context;
    const center = this.catalog.config.callCenters.find((c) => c.id === desk.callCenterId)!;
    const now = this.host.now();
    return {
      orderId, callCenterId: desk.callCenterId, enteredBy: desk.enteredBy, customerId: desk.customerId, customerName: context.customer?.account.name ?? '',
      state: String(snapshot.value), detailStatus: detailStatus(context), paymentStatus: orderPaymentStatus(context), salesOrderId: desk.salesOrderId,
      header: context.header,
      lines: context.lines.map((l) => ({ ...l, locationId: desk.locations[l.lineId] ?? null })),
      scripts: desk.scripts, offers: desk.offers,
      coupons: context.coupons.map((c) => {
        const coupon = findCoupon(center.coupons, c.code);
        return { code: c.code, applied: c.applied, discount: c.discount, message: c.applied || coupon === undefined ? null : notAppliedMessage(coupon, c, context.terms.currency) };
      }),
      summary: completionSummary(context),
      payments: context.payments.map((p) => ({ paymentId: p.paymentId, methodId: p.methodId, kind: p.kind, share: p.share, prepay: p.prepay, status: p.status, ...(p.cardToken === undefined ? {} : { cardToken: p.cardToken }) })),
      holds: context.holds.map((h) => ({ ...h, checkedOut: this.holds.get(h.holdId)?.getSnapshot().context.checkedOut ?? h.checkedOut, daysOnHold: daysOnHold(h, now) })),
      log: context.log,
    };
  }
}

/** The order being taken, for the agent's screen. */
export interface DeskOrderView {
  orderId: string;
  callCenterId: string;
  enteredBy: string;
  customerId: string;
  customerName: string;
  /** The machine's state: entry, plainEntry, summary, held, doNotProcess, submitted, left, cancelled. */
  state: string;
  detailStatus: DetailStatus;
  paymentStatus: ReturnType<typeof orderPaymentStatus>;
  salesOrderId: string | null;
  header: CallCenterOrderContext['header'];
  lines: (CallCenterOrderContext['lines'][number] & { locationId: string | null })[];
  scripts: Script[];
  offers: SuggestionOffer[];
  coupons: { code: string; applied: boolean; discount: number; message: string | null }[];
  summary: CompletionSummary;
  payments: Pick<CallCenterPayment, 'paymentId' | 'methodId' | 'kind' | 'share' | 'prepay' | 'status' | 'cardToken'>[];
  holds: (CallCenterOrderContext['holds'][number] & { daysOnHold: number })[];
  log: CallCenterOrderContext['log'];
}

/** The order as the call-center screens read it (ui/call-center-desk.ts `CallCenterOrderView`). */
export interface DeskScreenView {
  order: CallCenterOrderContext;
  summary: CompletionSummary;
  beginningScripts: Script[];
  endScripts: Script[];
  paymentMethods: ReturnType<typeof paymentMethodsOffered>;
  /** CC-22: the channel's modes; a pickup mode's line names the store it is collected at. */
  modes: { code: string; name: string; kind: ModeOfDelivery['kind'] }[];
  itemNames: Record<string, string>;
  couponNotes: Record<string, string>;
  paymentStatus: DeskOrderView['paymentStatus'];
  detailStatus: DetailStatus;
}
