/**
 * Continuity programs (CC-14, CC-15): a parent item sold in the call center enrols the customer in a schedule of
 * child events; headquarters' batches authorise each due event's payment on the kept card token, then create one
 * sales order per due event. The enrolment's status is derived from its events (never stored); the machine
 * (machines/continuity-enrolment.machine.ts) applies the same changes as these functions.
 *
 * Decisions where the spec is silent:
 * - The program is billed once, event by event, as the ERP bills a program that is not billed up front: the parent
 *   order bills nothing for its parent line (its card is kept on file, authorised only for the rest of that order);
 *   each child order bills its share of the parent line's amount: equal shares, the remainder on the last
 *   (money.ts), each authorised by "process continuity payments" before its child order is created with it.
 * - A declined event pauses the enrolment: no later event is charged and the declined one is not retried until an
 *   agent takes the customer's card again (the same or a new token); events already authorised still get their child
 *   orders, since they are paid.
 * - Child orders are created in event order: an event waits while an earlier one is unpaid, so the End event's child
 *   order is the last one and completes the enrolment.
 * - Cancelling voids the authorisations of events that have no child order yet (the customer is not charged for
 *   goods that will not ship); child orders already created stay.
 * - Dates are calendar days (YYYY-MM-DD) of the chain's UTC clock.
 */
import { z } from 'zod';
import { record } from '../config-record.ts';
import { MAX_AMOUNT } from '../limits.ts';
import { splitByWeights, type Minor } from '../money.ts';
import { violation, type RuleViolation } from '../violation.ts';

export type IsoDate = string;

const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day (UTC, like the chain's clock) a job run at `at` falls on. */
export function calendarDay(at: number): IsoDate {
  return new Date(at).toISOString().slice(0, 10);
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDateSchema = z.string()
  .regex(ISO_DATE, 'expected a date as YYYY-MM-DD')
  // zod runs this after a failed regex too: only a well-formed date is checked against the calendar.
  .refine((date) => !ISO_DATE.test(date) || addDays(date, 0) === date, 'not a day of the calendar');

const id = z.string().min(1).max(64);

/** CC-14: one child event of a schedule. */
export const continuityEventSchema = record({
  /** The event's number: events are listed in this order. */
  event: z.number().int().min(1).max(9_999),
  itemId: id,
  quantity: z.number().int().min(1).max(9_999).default(1),
  /** Days after the previous event; the first event falls on the availability date and has none. */
  intervalDays: z.number().int().min(0).max(3_660).default(0),
  /** The last event is marked End. */
  end: z.boolean().default(false),
});
export type ContinuityEvent = z.infer<typeof continuityEventSchema>;

/** CC-14: a continuity schedule. */
export const continuityScheduleSchema = record({
  id,
  name: z.string().min(1).max(100),
  /** The first event's date. */
  availabilityDate: isoDateSchema,
  /** Where an enrolment starts: the schedule's first event, or the event due at the order date. */
  orderStart: z.enum(['firstEvent', 'currentEvent']).default('firstEvent'),
  /** The agent asks the customer for a start date when selling the parent item. */
  startDatePrompt: z.boolean().default(false),
  events: z.array(continuityEventSchema).min(1).max(520),
});
export type ContinuitySchedule = z.infer<typeof continuityScheduleSchema>;

/** CC-14: the parent item the call center sells, and the one schedule it enrols in. */
export const continuityParentItemSchema = record({ itemId: id, scheduleId: id });
export type ContinuityParentItem = z.infer<typeof continuityParentItemSchema>;

export const continuityConfigSchema = record({
  schedules: z.array(continuityScheduleSchema).default([]),
  parentItems: z.array(continuityParentItemSchema).default([]),
});
export type ContinuityConfig = z.infer<typeof continuityConfigSchema>;

/**
 * CC-14: what the schema cannot check: events in order with End last, parent items pointing to one schedule, and the
 * items and schedules named existing. Fields are paths inside the continuity configuration. Empty: valid.
 */
export function validateContinuityConfig(config: ContinuityConfig, productIds: ReadonlySet<string>): RuleViolation[] {
  const found: RuleViolation[] = [];
  const scheduleIds = new Set<string>();
  const eventItems = new Set<string>();
  config.schedules.forEach((schedule, i) => {
    const at = `schedules.${i}`;
    if (scheduleIds.has(schedule.id)) found.push(violation('VALIDATION', `schedule "${schedule.id}" is listed twice`, `${at}.id`));
    scheduleIds.add(schedule.id);
    schedule.events.forEach((event, j) => {
      const field = `${at}.events.${j}`;
      eventItems.add(event.itemId);
      if (!productIds.has(event.itemId)) found.push(violation('VALIDATION', `event ${event.event} of schedule "${schedule.id}" ships unknown item "${event.itemId}"`, `${field}.itemId`));
      const previous = schedule.events[j - 1];
      if (previous === undefined) {
        if (event.intervalDays !== 0) found.push(violation('CC-14', `the first event of schedule "${schedule.id}" falls on its availability date and takes no interval`, `${field}.intervalDays`));
      } else {
        if (event.event <= previous.event) found.push(violation('CC-14', `schedule "${schedule.id}" lists event ${event.event} after event ${previous.event}: events must be in order`, `${field}.event`));
        if (event.intervalDays === 0) found.push(violation('CC-14', `event ${event.event} of schedule "${schedule.id}" must come at least a day after event ${previous.event}`, `${field}.intervalDays`));
      }
      if (event.end && j !== schedule.events.length - 1) found.push(violation('CC-14', `event ${event.event} of schedule "${schedule.id}" is marked End but is not its last event`, `${field}.end`));
    });
    if (!schedule.events.at(-1)!.end) found.push(violation('CC-14', `schedule "${schedule.id}" has no End event: mark its last event End`, `${at}.events.${schedule.events.length - 1}.end`));
  });
  const scheduleOfItem = new Map<string, string>();
  config.parentItems.forEach((link, i) => {
    const at = `parentItems.${i}`;
    if (!productIds.has(link.itemId)) found.push(violation('VALIDATION', `parent item "${link.itemId}" is not a product`, `${at}.itemId`));
    if (!scheduleIds.has(link.scheduleId)) found.push(violation('VALIDATION', `parent item "${link.itemId}" points to unknown schedule "${link.scheduleId}"`, `${at}.scheduleId`));
    const earlier = scheduleOfItem.get(link.itemId);
    if (earlier !== undefined) {
      found.push(earlier === link.scheduleId
        ? violation('VALIDATION', `parent item "${link.itemId}" is listed twice`, `${at}.itemId`)
        : violation('CC-14', `parent item "${link.itemId}" points to two schedules ("${earlier}" and "${link.scheduleId}"): a parent item points to one schedule`, `${at}.scheduleId`));
    }
    scheduleOfItem.set(link.itemId, earlier ?? link.scheduleId);
    // Its child order would enrol the customer again, for ever.
    if (eventItems.has(link.itemId)) found.push(violation('CC-14', `parent item "${link.itemId}" is also shipped as a child event`, `${at}.itemId`));
  });
  return found;
}

/** CC-14: the schedule a parent item enrols in (undefined: the item is not a continuity parent). */
export function scheduleOfParentItem(config: ContinuityConfig, itemId: string): ContinuitySchedule | undefined {
  const link = config.parentItems.find((p) => p.itemId === itemId);
  return link === undefined ? undefined : config.schedules.find((s) => s.id === link.scheduleId);
}

export interface ScheduledEvent { event: number; itemId: string; quantity: number; date: IsoDate; end: boolean }

/** CC-14: the schedule's own dates: the first event on the availability date, each next one its interval later. */
export function scheduleDates(schedule: ContinuitySchedule): ScheduledEvent[] {
  let date = schedule.availabilityDate;
  return schedule.events.map((e, i) => {
    if (i > 0) date = addDays(date, e.intervalDays);
    return { event: e.event, itemId: e.itemId, quantity: e.quantity, date, end: e.end };
  });
}

/** CC-14: the event due at `date`: the last one on or before it (the first event before the program is available). */
export function currentEvent(schedule: ContinuitySchedule, date: IsoDate): ScheduledEvent {
  const dated = scheduleDates(schedule);
  return dated.findLast((e) => e.date <= date) ?? dated[0]!;
}

/** CC-14: a start date is given exactly when the schedule prompts for one, and is not before the order date. */
export function checkStartDate(schedule: ContinuitySchedule, orderDate: IsoDate, startDate: IsoDate | null): RuleViolation | null {
  if (schedule.startDatePrompt && startDate === null) return violation('CC-14', `program "${schedule.name}" asks for a start date: ask the customer when to start`, 'startDate');
  if (!schedule.startDatePrompt && startDate !== null) return violation('CC-14', `program "${schedule.name}" starts on its own schedule and takes no start date`, 'startDate');
  if (startDate !== null && startDate < orderDate) return violation('CC-14', `the start date ${startDate} is before the order date ${orderDate}`, 'startDate');
  return null;
}

/**
 * CC-14: an enrolment's events and dates, from the order date (or the start date the customer chose).
 * First event: every event, the first on that date (never before the availability date), each next one its interval
 * later. Current event: from the event due on that date, which ships then; the later ones keep the schedule's dates.
 * (decision) A program sold after its End event's date enrols in the End event alone.
 */
export function enrolmentDates(schedule: ContinuitySchedule, orderDate: IsoDate, startDate: IsoDate | null): ScheduledEvent[] {
  const from = startDate ?? orderDate;
  const dated = scheduleDates(schedule);
  if (schedule.orderStart === 'firstEvent') {
    const shift = dayNumber(laterOf(from, schedule.availabilityDate)) - dayNumber(schedule.availabilityDate);
    return dated.map((e) => ({ ...e, date: addDays(e.date, shift) }));
  }
  const current = currentEvent(schedule, from);
  return dated.filter((e) => e.event >= current.event).map((e, i) => (i === 0 ? { ...e, date: laterOf(e.date, from) } : e));
}

/** A payment taken on the call-center order (CC-8): its kind and, for a card, the token kept for later charges. */
export interface OrderPayment { kind: string; cardToken?: string | null | undefined }

const keptToken = (payments: readonly OrderPayment[]): string | null =>
  payments.find((p) => p.kind === 'card' && typeof p.cardToken === 'string' && p.cardToken.trim() !== '')?.cardToken ?? null;

/**
 * CC-15: an order that sells a parent item must carry a card payment whose token is kept: the program's events are
 * charged to it later. `itemIds` are the order's lines' items.
 */
export function checkContinuitySale(config: ContinuityConfig, itemIds: readonly string[], payments: readonly OrderPayment[]): RuleViolation | null {
  const parent = itemIds.find((itemId) => scheduleOfParentItem(config, itemId) !== undefined);
  if (parent === undefined || keptToken(payments) !== null) return null;
  return violation('CC-15', `item ${parent} enrols the customer in a continuity program: take a card payment and keep its token for the later shipments`, 'payments');
}

export type EventPayment =
  | { status: 'pending' }
  /**
   * `amount`: what the run authorised, the child order's total (the event's share with the tax and automatic charges
   * of its order); absent in a state from before it was kept: the share.
   */
  | { status: 'authorised'; authorisationId: string; on: IsoDate; amount?: Minor }
  | { status: 'declined'; reason: string; on: IsoDate }
  /** Authorised, then released when the enrolment was cancelled before its child order. */
  | { status: 'voided'; authorisationId: string; on: IsoDate };

export interface EnrolmentEvent extends ScheduledEvent {
  /** This event's share of the parent line's amount. */
  amount: Minor;
  payment: EventPayment;
  childOrder: { salesOrderId: string; createdOn: IsoDate } | null;
}

export interface ContinuityEnrolment {
  enrolmentId: string;
  scheduleId: string;
  parentItemId: string;
  /** The call-center sales order that sold the parent item, and its line: child orders deliver like it. */
  parentOrderId: string;
  parentLineId: string;
  customerId: string;
  enrolledOn: IsoDate;
  /** CC-15: the card token every event is charged to. */
  cardToken: string;
  events: EnrolmentEvent[];
  cancelled: { on: IsoDate; by: string } | null;
}

export interface EnrolmentRequest {
  enrolmentId: string;
  /** The parent item sold: it names the schedule (CC-14). */
  parentItemId: string;
  parentOrderId: string;
  parentLineId: string;
  customerId: string;
  orderDate: IsoDate;
  startDate: IsoDate | null;
  /** The parent line's amount (quantity x unit price; coupons take nothing off it), billed over the events. */
  amount: Minor;
  cardToken: string | null;
}

/** CC-15: a card token to charge the events to. */
export function checkCardToken(cardToken: string | null): RuleViolation | null {
  return cardToken === null || cardToken.trim() === '' ? violation('CC-15', 'a continuity program needs the customer\'s card kept on file: take the card', 'cardToken') : null;
}

/** CC-14 / CC-15: the enrolment a submitted parent line makes (a violation when the sale cannot enrol). */
export function enrol(config: ContinuityConfig, request: EnrolmentRequest): ContinuityEnrolment | RuleViolation {
  const schedule = scheduleOfParentItem(config, request.parentItemId);
  if (schedule === undefined) return violation('CC-14', `item ${request.parentItemId} is not the parent item of a continuity program`, 'parentItemId');
  const refused = checkStartDate(schedule, request.orderDate, request.startDate) ?? checkCardToken(request.cardToken);
  if (refused !== null) return refused;
  if (!Number.isInteger(request.amount) || request.amount < 0 || request.amount > MAX_AMOUNT) return violation('VALIDATION', `the parent line's amount ${request.amount} is not an amount in minor units`, 'amount');
  const dated = enrolmentDates(schedule, request.orderDate, request.startDate);
  const shares = splitByWeights(request.amount, dated.map(() => 1));
  return {
    enrolmentId: request.enrolmentId, scheduleId: schedule.id, parentItemId: request.parentItemId, parentOrderId: request.parentOrderId,
    parentLineId: request.parentLineId, customerId: request.customerId, enrolledOn: request.orderDate, cardToken: request.cardToken!,
    events: dated.map((e, i) => ({ ...e, amount: shares[i]!, payment: { status: 'pending' }, childOrder: null })),
    cancelled: null,
  };
}

export type EnrolmentStatus = 'active' | 'paused' | 'completed' | 'cancelled';

/** Derived: cancelled, completed once the End event's child order exists, paused while a payment stands declined. */
export function enrolmentStatus(enrolment: ContinuityEnrolment): EnrolmentStatus {
  if (enrolment.cancelled !== null) return 'cancelled';
  if (enrolment.events.at(-1)!.childOrder !== null) return 'completed';
  return enrolment.events.some((e) => e.payment.status === 'declined') ? 'paused' : 'active';
}

/** CC-14: the next event to ship (null once cancelled or completed), for the agent and the customer service view. */
export function nextDueEvent(enrolment: ContinuityEnrolment): EnrolmentEvent | null {
  if (enrolment.cancelled !== null) return null;
  return enrolment.events.find((e) => e.childOrder === null) ?? null;
}

function eventOf(enrolment: ContinuityEnrolment, event: number): EnrolmentEvent | RuleViolation {
  return enrolment.events.find((e) => e.event === event)
    ?? violation('NOT_FOUND', `enrolment ${enrolment.enrolmentId} has no event ${event}`, 'event');
}

const isViolationOf = (x: EnrolmentEvent | RuleViolation): x is RuleViolation => 'rule' in x;

/** CC-15: an event's payment is taken once, when the event is due and not paid yet. */
export function checkPaymentDue(enrolment: ContinuityEnrolment, event: number, on: IsoDate): RuleViolation | null {
  const found = eventOf(enrolment, event);
  if (isViolationOf(found)) return found;
  if (found.payment.status !== 'pending') return violation('CC-15', `event ${event} of enrolment ${enrolment.enrolmentId} is already ${found.payment.status}`, 'event');
  if (found.date > on) return violation('CC-15', `event ${event} of enrolment ${enrolment.enrolmentId} is due on ${found.date}, not yet on ${on}`, 'event');
  return null;
}

/**
 * CC-15: one child order per event, never two: the event is due, paid, has none yet, and every earlier event has
 * its own (child orders come in event order).
 */
export function checkChildOrder(enrolment: ContinuityEnrolment, event: number, on: IsoDate): RuleViolation | null {
  const found = eventOf(enrolment, event);
  if (isViolationOf(found)) return found;
  const { enrolmentId } = enrolment;
  if (found.childOrder !== null) return violation('CC-15', `event ${event} of enrolment ${enrolmentId} already has child order ${found.childOrder.salesOrderId}`, 'event');
  if (found.payment.status !== 'authorised') return violation('CC-15', `event ${event} of enrolment ${enrolmentId} is not paid (its payment is ${found.payment.status})`, 'event');
  if (found.date > on) return violation('CC-15', `event ${event} of enrolment ${enrolmentId} is due on ${found.date}, not yet on ${on}`, 'event');
  const before = enrolment.events.find((e) => e.event < event && e.childOrder === null);
  return before === undefined ? null : violation('CC-15', `event ${before.event} of enrolment ${enrolmentId} ships before event ${event}`, 'event');
}

function withEvent(enrolment: ContinuityEnrolment, event: number, change: (e: EnrolmentEvent) => EnrolmentEvent): ContinuityEnrolment {
  return { ...enrolment, events: enrolment.events.map((e) => (e.event === event ? change(e) : e)) };
}

export function authorisePayment(enrolment: ContinuityEnrolment, event: number, authorisationId: string, on: IsoDate, amount?: Minor): ContinuityEnrolment {
  return withEvent(enrolment, event, (e) => ({ ...e, payment: { status: 'authorised', authorisationId, on, ...(amount === undefined ? {} : { amount }) } }));
}

/** CC-15: what an authorised event's payment covers (the share alone for an authorisation recorded before the total was kept). */
export const authorisedAmount = (e: EnrolmentEvent): Minor => (e.payment.status === 'authorised' ? e.payment.amount ?? e.amount : 0);

export function declinePayment(enrolment: ContinuityEnrolment, event: number, reason: string, on: IsoDate): ContinuityEnrolment {
  return withEvent(enrolment, event, (e) => ({ ...e, payment: { status: 'declined', reason, on } }));
}

export function recordChildOrder(enrolment: ContinuityEnrolment, event: number, salesOrderId: string, on: IsoDate): ContinuityEnrolment {
  return withEvent(enrolment, event, (e) => ({ ...e, childOrder: { salesOrderId, createdOn: on } }));
}

/** CC-15: the agent took the customer's card again (the same or a new token): declined events are charged on the next run. */
export function takeCard(enrolment: ContinuityEnrolment, cardToken: string): ContinuityEnrolment {
  return { ...enrolment, cardToken, events: enrolment.events.map((e) => (e.payment.status === 'declined' ? { ...e, payment: { status: 'pending' } } : e)) };
}

/** Authorised events without a child order: what cancelling releases through the payment service. */
export function authorisationsToVoid(enrolment: ContinuityEnrolment): { event: number; authorisationId: string; amount: Minor }[] {
  return enrolment.events.flatMap((e) => (e.payment.status === 'authorised' && e.childOrder === null ? [{ event: e.event, authorisationId: e.payment.authorisationId, amount: authorisedAmount(e) }] : []));
}

/** CC-15 (decision): no further child orders; those created stay, authorisations not yet shipped are voided. */
export function cancelEnrolment(enrolment: ContinuityEnrolment, on: IsoDate, by: string): ContinuityEnrolment {
  const events = enrolment.events.map((e): EnrolmentEvent => (e.payment.status === 'authorised' && e.childOrder === null
    ? { ...e, payment: { status: 'voided', authorisationId: e.payment.authorisationId, on } } : e));
  return { ...enrolment, events, cancelled: { on, by } };
}

/** A run of a continuity batch: its date and the optional filters (the parent item, the parent sales order). */
export interface ContinuityRun { runDate: IsoDate; itemId?: string | undefined; orderId?: string | undefined }

/** The run's enrolments, once each, in enrolment id order (a run's result does not depend on how they are held). */
function selected(enrolments: Iterable<ContinuityEnrolment>, run: ContinuityRun): ContinuityEnrolment[] {
  const byId = new Map<string, ContinuityEnrolment>();
  for (const e of enrolments) {
    if ((run.itemId === undefined || e.parentItemId === run.itemId) && (run.orderId === undefined || e.parentOrderId === run.orderId)) byId.set(e.enrolmentId, e);
  }
  return [...byId.values()].sort((a, b) => (a.enrolmentId < b.enrolmentId ? -1 : a.enrolmentId > b.enrolmentId ? 1 : 0));
}

export interface PaymentRequest { enrolmentId: string; event: number; customerId: string; cardToken: string; amount: Minor }
export type AuthorisationAnswer = { outcome: 'authorised'; authorisationId: string } | { outcome: 'declined'; reason: string };
export type PaymentOutcome = PaymentRequest & AuthorisationAnswer;

export interface ContinuityPaymentsResult {
  /** Each charge asked and its answer, in the order asked: the host applies them to the enrolments. */
  outcomes: PaymentOutcome[];
  counts: { authorised: number; declined: number; amountAuthorised: Minor; awaitingCard: number };
  /** Paused enrolments: a declined payment waits for an agent to take the card again, never retried by a run. */
  awaitingCard: { enrolmentId: string; customerId: string; event: number; reason: string }[];
}

/**
 * CC-15 batch "process continuity payments": for each active enrolment the run selects, the due events not paid yet
 * are charged to its card in event order through `authorise` (the host's call to the payment service, its answers
 * recorded for replay); the first decline stops that enrolment's charges. Reruns charge nothing twice once the
 * outcomes are applied (`applyPaymentOutcome`). `chargeOf` is what the event's child order will cost the customer:
 * the share with its order's tax and automatic charges (CH-2, CH-3), so that the payment covers the whole order
 * (decision); by default the share alone.
 */
export function processContinuityPayments(
  enrolments: Iterable<ContinuityEnrolment>, run: ContinuityRun, authorise: (request: PaymentRequest) => AuthorisationAnswer,
  chargeOf: (enrolment: ContinuityEnrolment, event: EnrolmentEvent) => Minor = (_enrolment, event) => event.amount,
): ContinuityPaymentsResult {
  const result: ContinuityPaymentsResult = { outcomes: [], counts: { authorised: 0, declined: 0, amountAuthorised: 0, awaitingCard: 0 }, awaitingCard: [] };
  for (const enrolment of selected(enrolments, run)) {
    const status = enrolmentStatus(enrolment);
    if (status === 'paused') {
      for (const { event, payment } of enrolment.events) {
        if (payment.status === 'declined') result.awaitingCard.push({ enrolmentId: enrolment.enrolmentId, customerId: enrolment.customerId, event, reason: payment.reason });
      }
      result.counts.awaitingCard += 1;
    }
    if (status !== 'active') continue;
    for (const e of enrolment.events) {
      if (e.date > run.runDate) break;
      if (e.payment.status !== 'pending') continue;
      const request: PaymentRequest = { enrolmentId: enrolment.enrolmentId, event: e.event, customerId: enrolment.customerId, cardToken: enrolment.cardToken, amount: chargeOf(enrolment, e) };
      const answer = authorise(request);
      result.outcomes.push({ ...request, ...answer });
      if (answer.outcome === 'declined') {
        result.counts.declined += 1;
        break;
      }
      result.counts.authorised += 1;
      result.counts.amountAuthorised += request.amount;
    }
  }
  return result;
}

export function applyPaymentOutcome(enrolment: ContinuityEnrolment, outcome: PaymentOutcome, on: IsoDate): ContinuityEnrolment {
  return outcome.outcome === 'authorised'
    ? authorisePayment(enrolment, outcome.event, outcome.authorisationId, on, outcome.amount)
    : declinePayment(enrolment, outcome.event, outcome.reason, on);
}

/** One child sales order to create. */
export interface ChildOrderPlan {
  enrolmentId: string;
  event: number;
  /** The sales order's channel reference: headquarters keeps one sales order per reference, a second guard on reruns. */
  channelReference: string;
  parentOrderId: string;
  parentItemId: string;
  customerId: string;
  itemId: string;
  quantity: number;
  /** The line's amount for all `quantity` units (not a unit price): the event's share, paid by its authorisation. */
  amount: Minor;
  authorisationId: string;
  eventDate: IsoDate;
}

export interface ChildOrdersResult {
  orders: ChildOrderPlan[];
  /** Enrolments whose next due event is not paid yet (its payment pending or declined): run the payments first. */
  waitingForPayment: { enrolmentId: string; event: number; payment: EventPayment['status'] }[];
}

export const childOrderReference = (enrolmentId: string, event: number) => `continuity:${enrolmentId}:${event}`;

/**
 * CC-15 batch "create continuity child orders" (filters: item, order): one sales order per due event (date <= run
 * date) per enrolment, in event order, for each paid event that has none; cancelled and completed enrolments get
 * none. Idempotent once the host records each created order on its enrolment (`recordChildOrder`): an event with a
 * child order is never planned again, whatever the filters or the order of runs.
 */
export function planContinuityChildOrders(enrolments: Iterable<ContinuityEnrolment>, run: ContinuityRun): ChildOrdersResult {
  const result: ChildOrdersResult = { orders: [], waitingForPayment: [] };
  for (const enrolment of selected(enrolments, run)) {
    if (enrolment.cancelled !== null) continue;
    for (const e of enrolment.events) {
      if (e.childOrder !== null) continue;
      if (e.date > run.runDate) break;
      if (e.payment.status !== 'authorised') {
        result.waitingForPayment.push({ enrolmentId: enrolment.enrolmentId, event: e.event, payment: e.payment.status });
        break;
      }
      result.orders.push({
        enrolmentId: enrolment.enrolmentId, event: e.event, channelReference: childOrderReference(enrolment.enrolmentId, e.event),
        parentOrderId: enrolment.parentOrderId, parentItemId: enrolment.parentItemId, customerId: enrolment.customerId,
        itemId: e.itemId, quantity: e.quantity, amount: e.amount, authorisationId: e.payment.authorisationId, eventDate: e.date,
      });
    }
  }
  return result;
}
