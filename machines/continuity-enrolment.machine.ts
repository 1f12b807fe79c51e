/**
 * Continuity enrolment actor (CC-14, CC-15): the customer's place in a continuity program, from the parent item's
 * sale to its End event's child order (completed) or a cancellation. Headquarters' batches send it what they did:
 * a payment authorised or declined ("process continuity payments"), a child order created ("create continuity child
 * orders"). A declined payment pauses it until an agent takes the card again. Its state always agrees with
 * `enrolmentStatus` (engine/domain/call-center/continuity.ts), where the work is.
 */
import { and, assertEvent, assign, emit, setup, type SnapshotFrom } from 'xstate';
import {
  authorisationsToVoid, authorisePayment, cancelEnrolment, checkCardToken, checkChildOrder, checkPaymentDue, declinePayment, enrolmentStatus,
  recordChildOrder, takeCard, type ContinuityEnrolment, type IsoDate,
} from '../engine/domain/call-center/continuity.ts';
import type { Minor } from '../engine/domain/money.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type ContinuityEnrolmentInput = ContinuityEnrolment;

export type ContinuityEnrolmentEvent =
  /** CC-15: "process continuity payments" charged a due event to the kept card. */
  | { type: 'RECORD_AUTHORISATION'; event: number; authorisationId: string; on: IsoDate; amount?: Minor }
  | { type: 'RECORD_DECLINE'; event: number; reason: string; on: IsoDate }
  /** CC-15: "create continuity child orders" created the event's sales order. */
  | { type: 'RECORD_CHILD_ORDER'; event: number; salesOrderId: string; on: IsoDate }
  /** CC-15: an agent took the customer's card again (the same or a new token). */
  | { type: 'TAKE_CARD'; cardToken: string }
  | { type: 'CANCEL'; on: IsoDate; by: string };

export type ContinuityEnrolmentEmitted =
  /** The authorisations of events that will not ship: the host voids them with the payment service. */
  | { type: 'enrolmentCancelled'; enrolmentId: string; voidAuthorisations: { event: number; authorisationId: string; amount: Minor }[] };

/** The enrolment's rules, each the guard of the transitions it governs. */
export const continuityEnrolmentRules = {
  'CC-15 paymentDue': (context, event) => {
    assertEvent(event, ['RECORD_AUTHORISATION', 'RECORD_DECLINE']);
    return checkPaymentDue(context, event.event, event.on);
  },
  'CC-15 oneChildOrderPerEvent': (context, event) => {
    assertEvent(event, 'RECORD_CHILD_ORDER');
    return checkChildOrder(context, event.event, event.on);
  },
  'CC-15 cardTokenKept': (_context, event) => {
    assertEvent(event, 'TAKE_CARD');
    return checkCardToken(event.cardToken);
  },
} satisfies Record<string, Rule<ContinuityEnrolment, ContinuityEnrolmentEvent>>;

export function createContinuityEnrolmentMachine() {
  const rules = continuityEnrolmentRules;
  return setup({
    types: { context: {} as ContinuityEnrolment, events: {} as ContinuityEnrolmentEvent, input: {} as ContinuityEnrolmentInput, emitted: {} as ContinuityEnrolmentEmitted },
    guards: {
      ...guardsOf(rules),
      endEvent: ({ context, event }) => {
        assertEvent(event, 'RECORD_CHILD_ORDER');
        return context.events.find((e) => e.event === event.event)?.end === true;
      },
      // A restored enrolment starts where its events say it is.
      isPaused: ({ context }) => enrolmentStatus(context) === 'paused',
      isCompleted: ({ context }) => enrolmentStatus(context) === 'completed',
      isCancelled: ({ context }) => enrolmentStatus(context) === 'cancelled',
    },
    actions: {
      authorise: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_AUTHORISATION');
        return authorisePayment(context, event.event, event.authorisationId, event.on, event.amount);
      }),
      decline: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_DECLINE');
        return declinePayment(context, event.event, event.reason, event.on);
      }),
      recordChildOrder: assign(({ context, event }) => {
        assertEvent(event, 'RECORD_CHILD_ORDER');
        return recordChildOrder(context, event.event, event.salesOrderId, event.on);
      }),
      takeCard: assign(({ context, event }) => {
        assertEvent(event, 'TAKE_CARD');
        return takeCard(context, event.cardToken);
      }),
      // Emitted before the cancel action: it names what the cancellation voids.
      emitCancelled: emit(({ context }) => ({ type: 'enrolmentCancelled' as const, enrolmentId: context.enrolmentId, voidAuthorisations: authorisationsToVoid(context) })),
      cancel: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return cancelEnrolment(context, event.on, event.by);
      }),
    },
  }).createMachine({
    id: 'continuityEnrolment',
    context: ({ input }) => input,
    meta: { subject: (context) => `enrolment ${context.enrolmentId}`, field: 'enrolmentId', rules } satisfies ChartMeta<ContinuityEnrolment>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: 'isCancelled', target: 'cancelled' },
          { guard: 'isCompleted', target: 'completed' },
          { guard: 'isPaused', target: 'enrolled.paused' },
          { target: 'enrolled' },
        ],
      },
      enrolled: {
        meta: { refuses: { rule: 'CC-15', means: 'its program is running' } },
        initial: 'active',
        on: {
          // Paid events ship even while a later payment stands declined.
          RECORD_CHILD_ORDER: [
            { guard: and(['CC-15 oneChildOrderPerEvent', 'endEvent']), target: 'completed', actions: 'recordChildOrder' },
            { guard: 'CC-15 oneChildOrderPerEvent', actions: 'recordChildOrder' },
          ],
          TAKE_CARD: { guard: 'CC-15 cardTokenKept', actions: 'takeCard' },
          CANCEL: { target: 'cancelled', actions: ['emitCancelled', 'cancel'] },
        },
        states: {
          active: {
            meta: { refuses: { rule: 'CC-15', means: 'it is active' } },
            on: {
              RECORD_AUTHORISATION: { guard: 'CC-15 paymentDue', actions: 'authorise' },
              RECORD_DECLINE: { guard: 'CC-15 paymentDue', target: 'paused', actions: 'decline' },
            },
          },
          // Not retried by the batch: only an agent taking the card again charges the declined event.
          paused: {
            meta: { refuses: { rule: 'CC-15', means: 'a payment was declined: take the customer\'s card again first' } },
            on: { TAKE_CARD: { guard: 'CC-15 cardTokenKept', target: 'active', actions: 'takeCard' } },
          },
        },
      },
      completed: { type: 'final', meta: { refuses: { rule: 'CC-15', means: 'every event of its program has its child order' } } },
      cancelled: { type: 'final', meta: { refuses: { rule: 'CC-15', means: 'it is cancelled' } } },
    },
  });
}

export type ContinuityEnrolmentMachine = ReturnType<typeof createContinuityEnrolmentMachine>;
export type ContinuityEnrolmentSnapshot = SnapshotFrom<ContinuityEnrolmentMachine>;
