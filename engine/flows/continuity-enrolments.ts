/**
 * CC-14 / CC-15 at headquarters: the enrolment actors (machines/continuity-enrolment.machine.ts) a call-center order
 * makes when it sells a parent item, the card token kept; the payment service the "process continuity payments"
 * batch asks; and the sales order each paid event becomes, built like a submitted call-center order so that it
 * reaches its store the same way. Persisted with headquarters' state.
 */
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { CallCenterConfig } from '../domain/call-center/config.ts';
import {
  authorisedAmount, calendarDay, enrol, enrolmentStatus, scheduleOfParentItem, type AuthorisationAnswer, type ContinuityEnrolment, type IsoDate,
  type PaymentOutcome, type PaymentRequest,
} from '../domain/call-center/continuity.ts';
import type { SubmittedCallCenterOrder } from '../domain/call-center-submission.ts';
import { violation, type RuleViolation } from '../domain/violation.ts';
import type { EnrolmentView } from '../protocol/continuity.ts';
import { createContinuityEnrolmentMachine, type ContinuityEnrolmentEvent, type ContinuityEnrolmentMachine } from '../../machines/continuity-enrolment.machine.ts';
import { explainRefusal } from '../../machines/rules.ts';

export type EnrolmentSnapshots = Record<string, unknown>;

/**
 * The simulated payment service (deterministic, so a replay agrees; its answers are journaled besides): a card token
 * that contains "decline" is declined, any other authorised.
 */
export function authoriseContinuityPayment(request: PaymentRequest): AuthorisationAnswer {
  return /decline/i.test(request.cardToken)
    ? { outcome: 'declined', reason: 'the card was declined by its issuer' }
    : { outcome: 'authorised', authorisationId: `AUTH-${request.enrolmentId}-${request.event}` };
}

/**
 * CC-14 / CC-15: the enrolments a submitted order makes, one per line that sells a parent item, charged to the
 * order's first card payment's token; a violation when such a line cannot enrol (no kept card, a bad start date) or
 * when the order bills it (decision: the parent order bills nothing for the program, its child orders bill it share
 * by share, so a parent line comes with its whole amount as discount: the store bills it at nothing).
 */
export function enrolmentsOf(center: CallCenterConfig, order: SubmittedCallCenterOrder, acceptedAt: number): ContinuityEnrolment[] | RuleViolation {
  const cardMethods = new Set(center.paymentMethods.filter((m) => m.kind === 'card').map((m) => m.code));
  const cardToken = order.payments.find((p) => cardMethods.has(p.method) && p.cardToken !== undefined)?.cardToken ?? null;
  const enrolments: ContinuityEnrolment[] = [];
  for (const [i, line] of order.lines.entries()) {
    if (scheduleOfParentItem(center.continuity, line.productId) === undefined) continue;
    const amount = line.unitPrice * line.quantity;
    if ((line.discount ?? 0) !== amount) {
      return violation('CC-15', `item ${line.productId} is a continuity program, billed by its child orders as each ships: the order bills nothing for it (its discount is its whole amount)`, `order.lines.${i}.discount`, { amount, discount: line.discount ?? 0 });
    }
    const made = enrol(center.continuity, {
      enrolmentId: `EN-${order.orderId}-${i + 1}`, parentItemId: line.productId, parentOrderId: order.orderId, parentLineId: line.lineId,
      customerId: order.customerId, orderDate: calendarDay(acceptedAt), startDate: line.date ?? null, amount, cardToken,
    });
    if ('rule' in made) return { ...made, field: `order.lines.${i}` };
    enrolments.push(made);
  }
  return enrolments;
}

/**
 * CC-15: the call-center order a paid event becomes: the event's item, delivered like the parent line (its mode and
 * location), paid by the event's authorisation on the kept card for what it authorised (the order's total, tax and
 * automatic charges included). The lines come to the event's share: a share that does not divide by the quantity
 * puts the odd minor units on one unit of its own.
 */
export function childOrderOf(enrolment: ContinuityEnrolment, event: number, parent: SubmittedCallCenterOrder): SubmittedCallCenterOrder {
  const orderId = childOrderId(enrolment.enrolmentId, event);
  const due = enrolment.events.find((e) => e.event === event)!;
  // Not yet authorised: the order is being priced for the payments run (what it costs does not depend on its payment).
  const authorised = due.payment.status === 'authorised';
  const plan = { itemId: due.itemId, quantity: due.quantity, amount: due.amount, authorisationId: due.payment.status === 'authorised' ? due.payment.authorisationId : orderId };
  const parentLine = parent.lines.find((l) => l.lineId === enrolment.parentLineId) ?? parent.lines[0]!;
  const unit = Math.floor(plan.amount / plan.quantity);
  const odd = plan.amount - unit * plan.quantity;
  const line = (n: number, quantity: number, unitPrice: number) => ({
    lineId: `${orderId}-${n}`, productId: plan.itemId, quantity, unitPrice, modeCode: parentLine.modeCode, locationId: parentLine.locationId,
    ...(parentLine.address === undefined ? {} : { address: parentLine.address }),
  });
  const lines = odd === 0 ? [line(1, plan.quantity, unit)] : [...(plan.quantity > 1 ? [line(1, plan.quantity - 1, unit)] : []), line(2, 1, unit + odd)];
  const card = parent.payments.find((p) => p.cardToken !== undefined)!;
  return {
    orderId, callCenterId: parent.callCenterId, enteredBy: parent.enteredBy, customerId: parent.customerId,
    header: { modeCode: parent.header.modeCode, ...(parent.header.sourceCode === undefined ? {} : { sourceCode: parent.header.sourceCode }) },
    lines, charges: [],
    payments: [{ paymentId: plan.authorisationId, method: card.method, amount: authorised ? authorisedAmount(due) : plan.amount, status: 'Authorized', cardToken: card.cardToken! }],
  };
}

/** The child order's id: its enrolment's and event's (so a rerun can never make a second one). */
export const childOrderId = (enrolmentId: string, event: number): string => `${enrolmentId}-E${event}`;

export class ContinuityEnrolments {
  private readonly machine = createContinuityEnrolmentMachine();
  private readonly actors = new Map<string, Actor<ContinuityEnrolmentMachine>>();

  constructor(snapshots: EnrolmentSnapshots = {}, private readonly inspect?: (event: InspectionEvent) => void) {
    for (const [enrolmentId, snapshot] of Object.entries(snapshots)) this.start(enrolmentId, { snapshot: snapshot as never, input: (snapshot as { context: ContinuityEnrolment }).context });
  }

  private start(enrolmentId: string, options: { input: ContinuityEnrolment; snapshot?: never }): void {
    const actor = createActor(this.machine, { ...options, ...(this.inspect === undefined ? {} : { inspect: this.inspect }) });
    actor.start();
    this.actors.set(enrolmentId, actor);
  }

  add(enrolments: readonly ContinuityEnrolment[]): void {
    for (const enrolment of enrolments) if (!this.actors.has(enrolment.enrolmentId)) this.start(enrolment.enrolmentId, { input: enrolment });
  }

  get(enrolmentId: string): ContinuityEnrolment | undefined {
    return this.actors.get(enrolmentId)?.getSnapshot().context;
  }

  all(): ContinuityEnrolment[] {
    return [...this.actors.values()].map((a) => a.getSnapshot().context);
  }

  /** Sends an enrolment an event: why not, when it is unknown or refuses it (nothing changes then). */
  send(enrolmentId: string, event: ContinuityEnrolmentEvent): RuleViolation | null {
    const actor = this.actors.get(enrolmentId);
    if (actor === undefined) return violation('NOT_FOUND', `there is no enrolment "${enrolmentId}"`, 'enrolmentId');
    const before = actor.getSnapshot();
    actor.send(event);
    const after = actor.getSnapshot();
    if (after.error !== undefined) throw new Error(`enrolment ${enrolmentId} failed on ${event.type}: ${String(after.error)}`);
    return after === before ? explainRefusal(before, event) : null;
  }

  /** Applies a payments run's answers (each event once: the machine refuses an event already answered). */
  applyPayments(outcomes: readonly PaymentOutcome[], on: IsoDate): RuleViolation | null {
    for (const o of outcomes) {
      const refused = this.send(o.enrolmentId, o.outcome === 'authorised'
        ? { type: 'RECORD_AUTHORISATION', event: o.event, authorisationId: o.authorisationId, on, amount: o.amount }
        : { type: 'RECORD_DECLINE', event: o.event, reason: o.reason, on });
      if (refused !== null) return refused;
    }
    return null;
  }

  view(): EnrolmentView[] {
    return this.all().map((e) => ({
      enrolmentId: e.enrolmentId, parentOrderId: e.parentOrderId, parentItemId: e.parentItemId, customerId: e.customerId, status: enrolmentStatus(e),
      events: e.events.map((v) => ({ event: v.event, itemId: v.itemId, quantity: v.quantity, date: v.date, amount: v.amount, payment: v.payment.status, salesOrderId: v.childOrder?.salesOrderId ?? null })),
    }));
  }

  snapshots(): EnrolmentSnapshots {
    return Object.fromEntries([...this.actors.entries()].map(([id, actor]) => [id, actor.getPersistedSnapshot()]));
  }
}
