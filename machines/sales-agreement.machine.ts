/**
 * Sales agreement actor (SM-7): On hold (the default) -> Effective -> Closed. The rules that read the agreement
 * (linking order lines SM-8, fulfilment SM-9) are in engine/domain/sales/agreements.ts; this chart says when the
 * agreement itself may change.
 *
 * Decisions: the header and the commitment lines are edited only On hold: once Effective, orders are released
 * against what it commits, so it is not edited under them (and it never goes back On hold). Making it Effective needs
 * at least one commitment line and a day not past its expiration. It is Closed by hand (On hold: abandoned;
 * Effective: ended early) or by headquarters once its expiration day has passed (On hold or Effective alike: an
 * agreement past its dates can no longer take effect nor take orders); Closed is final and read-only.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  checkAgreementDates, checkCommitment, removeCommitment, setCommitment, type AgreementCommitment, type AgreementState,
  type AgreementStatus, type SalesAgreement,
} from '../engine/domain/sales/agreements.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export interface SalesAgreementContext {
  agreement: SalesAgreement;
  /** The day it was made Effective, and the day and reason it was Closed. */
  effectiveOn: string | null;
  closedOn: string | null;
  closedBecause: 'closed' | 'expired' | null;
}

export type SalesAgreementInput = { agreement: SalesAgreement };

export type SalesAgreementEvent =
  | { type: 'CHANGE_DATES'; effective: string; expiration: string }
  /** Adds the commitment line, or replaces the one with its id. */
  | { type: 'SET_COMMITMENT'; commitment: AgreementCommitment }
  | { type: 'REMOVE_COMMITMENT'; commitmentId: string }
  | { type: 'MAKE_EFFECTIVE'; on: string }
  | { type: 'CLOSE'; on: string }
  /** Headquarters closes an agreement whose expiration day has passed. */
  | { type: 'EXPIRE'; on: string };

const name = (context: SalesAgreementContext) => `agreement ${context.agreement.agreementId}`;

/** The agreement's rules, each the guard of the transitions it governs. */
export const salesAgreementRules = {
  'SM-7 validDates': (_context, event) => {
    assertEvent(event, 'CHANGE_DATES');
    return checkAgreementDates(event.effective, event.expiration);
  },
  'SM-7 validCommitment': (_context, event) => {
    assertEvent(event, 'SET_COMMITMENT');
    const wrong = checkCommitment(event.commitment);
    return wrong === null ? null : { ...wrong, field: `commitment.${wrong.field}` };
  },
  'SM-7 knownCommitment': (context, event) => {
    assertEvent(event, 'REMOVE_COMMITMENT');
    return context.agreement.commitments.some((c) => c.commitmentId === event.commitmentId)
      ? null : violation('NOT_FOUND', `${name(context)} has no commitment line ${event.commitmentId}`, 'commitmentId');
  },
  'SM-7 hasCommitments': (context, event) => {
    assertEvent(event, 'MAKE_EFFECTIVE');
    return context.agreement.commitments.length > 0 ? null : violation('SM-7', `${name(context)} commits nothing yet: add a commitment line first`, 'commitments');
  },
  'SM-7 notExpired': (context, event) => {
    assertEvent(event, 'MAKE_EFFECTIVE');
    return event.on > context.agreement.expiration ? violation('SM-7', `${name(context)} expired on ${context.agreement.expiration}: it can no longer take effect`, 'expiration') : null;
  },
  'SM-7 pastExpiration': (context, event) => {
    assertEvent(event, 'EXPIRE');
    return event.on > context.agreement.expiration ? null : violation('SM-7', `${name(context)} runs until ${context.agreement.expiration}`, 'expiration');
  },
} satisfies Record<string, Rule<SalesAgreementContext, SalesAgreementEvent>>;

/** The agreement a new actor starts with must be whole (checkAgreement): the host refuses it otherwise. */
export function createSalesAgreementMachine() {
  const rules = salesAgreementRules;
  return setup({
    types: { context: {} as SalesAgreementContext, events: {} as SalesAgreementEvent, input: {} as SalesAgreementInput },
    guards: guardsOf(rules),
    actions: {
      changeDates: assign({ agreement: ({ context, event }) => {
        assertEvent(event, 'CHANGE_DATES');
        return { ...context.agreement, effective: event.effective, expiration: event.expiration };
      } }),
      setCommitment: assign({ agreement: ({ context, event }) => {
        assertEvent(event, 'SET_COMMITMENT');
        return setCommitment(context.agreement, event.commitment);
      } }),
      removeCommitment: assign({ agreement: ({ context, event }) => {
        assertEvent(event, 'REMOVE_COMMITMENT');
        return removeCommitment(context.agreement, event.commitmentId);
      } }),
      markEffective: assign({ effectiveOn: ({ event }) => {
        assertEvent(event, 'MAKE_EFFECTIVE');
        return event.on;
      } }),
      markClosed: assign(({ event }) => {
        assertEvent(event, ['CLOSE', 'EXPIRE']);
        return { closedOn: event.on, closedBecause: event.type === 'EXPIRE' ? 'expired' as const : 'closed' as const };
      }),
    },
  }).createMachine({
    id: 'salesAgreement',
    context: ({ input }) => ({ agreement: input.agreement, effectiveOn: null, closedOn: null, closedBecause: null }),
    meta: { subject: name, field: 'agreementId', rules } satisfies ChartMeta<SalesAgreementContext>,
    initial: 'onHold',
    states: {
      onHold: {
        meta: { refuses: { rule: 'SM-7', means: 'it is on hold' } },
        on: {
          CHANGE_DATES: { guard: 'SM-7 validDates', actions: 'changeDates' },
          SET_COMMITMENT: { guard: 'SM-7 validCommitment', actions: 'setCommitment' },
          REMOVE_COMMITMENT: { guard: 'SM-7 knownCommitment', actions: 'removeCommitment' },
          MAKE_EFFECTIVE: { guard: and(['SM-7 hasCommitments', 'SM-7 notExpired']), target: 'effective', actions: 'markEffective' },
          CLOSE: { target: 'closed', actions: 'markClosed' },
          EXPIRE: { guard: 'SM-7 pastExpiration', target: 'closed', actions: 'markClosed' },
        },
      },
      effective: {
        meta: { refuses: { rule: 'SM-7', means: 'it is effective and orders are released against it' } },
        on: {
          CLOSE: { target: 'closed', actions: 'markClosed' },
          EXPIRE: { guard: 'SM-7 pastExpiration', target: 'closed', actions: 'markClosed' },
        },
      },
      closed: { type: 'final', meta: { refuses: { rule: 'SM-7', means: 'it is closed' } } },
    },
  });
}

export type SalesAgreementMachine = ReturnType<typeof createSalesAgreementMachine>;
export type SalesAgreementSnapshot = SnapshotFrom<SalesAgreementMachine>;

/** The agreement as the pure rules read it (SM-8 linking, SM-9 fulfilment). */
export function agreementState(snapshot: SalesAgreementSnapshot): AgreementState {
  return { agreement: snapshot.context.agreement, status: snapshot.value as AgreementStatus };
}
