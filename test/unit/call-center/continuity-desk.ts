/**
 * A continuity desk for tests: enrolment actors driven by the two batches the way headquarters' jobs will drive them
 * (plan with the pure functions, send each result to its enrolment). Every event sent must be one the actor takes.
 */
import { createActor, type Actor } from 'xstate';
import {
  continuityConfigSchema, continuityScheduleSchema, enrol, type ContinuityConfig, type ContinuitySchedule, enrolmentStatus, planContinuityChildOrders, processContinuityPayments, type AuthorisationAnswer,
  type ChildOrderPlan, type ContinuityEnrolment, type ContinuityRun, type EnrolmentRequest, type IsoDate, type PaymentRequest,
} from '../../../engine/domain/call-center/continuity.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { createContinuityEnrolmentMachine, type ContinuityEnrolmentEvent, type ContinuityEnrolmentMachine } from '../../../machines/continuity-enrolment.machine.ts';

/** Three monthly coffee shipments from 1 March 2026: 03-01, 03-31, 04-30 (End). */
export const coffeeClub = continuityScheduleSchema.parse({
  id: 'COFFEE-CLUB', name: 'Coffee club', availabilityDate: '2026-03-01',
  events: [
    { event: 1, itemId: 'P-BEANS-1' },
    { event: 2, itemId: 'P-BEANS-2', intervalDays: 30 },
    { event: 3, itemId: 'P-BEANS-3', intervalDays: 30, end: true },
  ],
});

/** A continuity configuration where `parentItemId` enrols in `schedule`. */
export const programOf = (schedule: ContinuitySchedule, parentItemId = 'P-CLUB'): ContinuityConfig =>
  continuityConfigSchema.parse({ schedules: [schedule], parentItems: [{ itemId: parentItemId, scheduleId: schedule.id }] });

export function enrolmentRequest(overrides: Partial<EnrolmentRequest> = {}): EnrolmentRequest {
  return {
    enrolmentId: 'EN-1', parentItemId: 'P-CLUB', parentOrderId: 'SO-100', parentLineId: 'L1', customerId: 'C-ANNA',
    orderDate: '2026-02-20', startDate: null, amount: 9_000, cardToken: 'tok-visa-4242', ...overrides,
  };
}

/** An enrolment in `schedule` (the coffee club unless said). */
export function enrolment(overrides: Partial<EnrolmentRequest> & { schedule?: ContinuitySchedule } = {}): ContinuityEnrolment {
  const { schedule = coffeeClub, ...request } = overrides;
  const made = enrol(programOf(schedule, request.parentItemId ?? 'P-CLUB'), enrolmentRequest(request));
  if (isViolation(made)) throw new Error(made.message);
  return made;
}

export const approveAll = (request: PaymentRequest): AuthorisationAnswer => ({ outcome: 'authorised', authorisationId: `AUTH-${request.enrolmentId}-${request.event}` });

export class ContinuityDesk {
  readonly machine: ContinuityEnrolmentMachine = createContinuityEnrolmentMachine();
  readonly actors = new Map<string, Actor<ContinuityEnrolmentMachine>>();
  /** Every child order the runs created, in order. */
  readonly created: (ChildOrderPlan & { salesOrderId: string })[] = [];

  add(enrolment: ContinuityEnrolment): void {
    this.actors.set(enrolment.enrolmentId, createActor(this.machine, { input: enrolment }).start());
  }

  enrolments(): ContinuityEnrolment[] {
    return [...this.actors.values()].map((a) => a.getSnapshot().context);
  }

  get(enrolmentId: string): ContinuityEnrolment {
    return this.actors.get(enrolmentId)!.getSnapshot().context;
  }

  state(enrolmentId: string): unknown {
    return this.actors.get(enrolmentId)!.getSnapshot().value;
  }

  send(enrolmentId: string, event: ContinuityEnrolmentEvent): void {
    const actor = this.actors.get(enrolmentId)!;
    if (!actor.getSnapshot().can(event)) throw new Error(`enrolment ${enrolmentId} refuses ${JSON.stringify(event)}`);
    actor.send(event);
    // The chart and the derived status never disagree.
    const { value, context } = actor.getSnapshot();
    const status = enrolmentStatus(context);
    const expected = status === 'active' || status === 'paused' ? { enrolled: status } : status;
    if (JSON.stringify(value) !== JSON.stringify(expected)) throw new Error(`enrolment ${enrolmentId} is ${JSON.stringify(value)} but its events say ${status}`);
  }

  payments(run: ContinuityRun, authorise: (request: PaymentRequest) => AuthorisationAnswer = approveAll) {
    const result = processContinuityPayments(this.enrolments(), run, authorise);
    for (const o of result.outcomes) {
      this.send(o.enrolmentId, o.outcome === 'authorised'
        ? { type: 'RECORD_AUTHORISATION', event: o.event, authorisationId: o.authorisationId, on: run.runDate }
        : { type: 'RECORD_DECLINE', event: o.event, reason: o.reason, on: run.runDate });
    }
    return result;
  }

  childOrders(run: ContinuityRun) {
    const result = planContinuityChildOrders(this.enrolments(), run);
    for (const plan of result.orders) {
      const salesOrderId = `SO-${200 + this.created.length}`;
      this.send(plan.enrolmentId, { type: 'RECORD_CHILD_ORDER', event: plan.event, salesOrderId, on: run.runDate });
      this.created.push({ ...plan, salesOrderId });
    }
    return result;
  }

  cancel(enrolmentId: string, on: IsoDate): void {
    this.send(enrolmentId, { type: 'CANCEL', on, by: 'agent1' });
  }

  takeCard(enrolmentId: string, cardToken: string): void {
    this.send(enrolmentId, { type: 'TAKE_CARD', cardToken });
  }
}
