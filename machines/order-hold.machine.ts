/**
 * Order hold actor (CC-16..CC-19): one hold on a call-center order. Open -> checked out by one user (who may give it
 * back, or a supervisor takes it over) -> cleared. The order's submit runs in the host (`clearHold` in
 * engine/domain/call-center/holds.ts) before CLEAR is sent; the event carries its outcome so that "submit when
 * cleared" keeps the hold when the submit failed.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  checkOutHold, checkOverrideCheckOut, checkReleaseCheckOut, checkSubmitWhenCleared, checkHoldCodeUse, checkNotCheckedOutByOther, clearedHold, releaseCheckOut,
  type CallCenterUser, type ClearVariant, type HoldPolicy, type OrderHold, type SubmitResult,
} from '../engine/domain/call-center/holds.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

/** The hold as placed (`placeHold`), or as a snapshot of it was kept. */
export type OrderHoldInput = OrderHold;

export type OrderHoldEvent =
  /** CC-18: a user takes a hold no one has checked out, to work it. */
  | { type: 'CHECK_OUT'; user: CallCenterUser; at: number }
  /** CC-18: a supervisor takes over a hold another user has checked out. */
  | { type: 'OVERRIDE_CHECK_OUT'; user: CallCenterUser; at: number }
  /** CC-18: the user who has it checked out gives it back; the hold stays on the order. */
  | { type: 'RELEASE_CHECK_OUT'; user: CallCenterUser }
  /** CC-19: the hold is cleared; `submitted` is the order's submit when the variant asked for one (else null). */
  | { type: 'CLEAR'; user: CallCenterUser; at: number; variant: ClearVariant; submitted: SubmitResult | null };

/** The hold's rules, each the guard of the transitions it governs. */
export function orderHoldRules(policy: HoldPolicy) {
  return {
    'CC-18 notCheckedOutByOther': (context, event) => {
      assertEvent(event, 'CLEAR');
      return checkNotCheckedOutByOther(context, event.user);
    },
    'CC-16 holdCodeAllowed': (context, event) => {
      assertEvent(event, ['CHECK_OUT', 'CLEAR']);
      return checkHoldCodeUse(policy, context.code, event.user);
    },
    'CC-18 overridePrivilege': (context, event) => {
      assertEvent(event, 'OVERRIDE_CHECK_OUT');
      return checkOverrideCheckOut(policy, context, event.user);
    },
    'CC-18 checkedOutByThisUser': (context, event) => {
      assertEvent(event, 'RELEASE_CHECK_OUT');
      return checkReleaseCheckOut(context, event.user);
    },
    'CC-19 submittedWhenCleared': (context, event) => {
      assertEvent(event, 'CLEAR');
      return checkSubmitWhenCleared(context, event.variant, event.submitted);
    },
  } satisfies Record<string, Rule<OrderHold, OrderHoldEvent>>;
}

export function createOrderHoldMachine(policy: HoldPolicy) {
  const rules = orderHoldRules(policy);
  const clear = { CLEAR: { guard: and(['CC-18 notCheckedOutByOther', 'CC-16 holdCodeAllowed', 'CC-19 submittedWhenCleared']), target: '#orderHold.cleared', actions: 'clear' } } as const;
  return setup({
    types: { context: {} as OrderHold, events: {} as OrderHoldEvent, input: {} as OrderHoldInput },
    guards: {
      ...guardsOf(rules),
      isCleared: ({ context }) => context.cleared !== null,
      isCheckedOut: ({ context }) => context.checkedOut !== null,
    },
    actions: {
      checkOut: assign(({ context, event }) => {
        assertEvent(event, ['CHECK_OUT', 'OVERRIDE_CHECK_OUT']);
        return checkOutHold(context, event.user, event.at);
      }),
      releaseCheckOut: assign(({ context }) => releaseCheckOut(context)),
      clear: assign(({ context, event }) => {
        assertEvent(event, 'CLEAR');
        return clearedHold(context, event.user, event.at, event.variant);
      }),
    },
  }).createMachine({
    id: 'orderHold',
    context: ({ input }) => ({ ...input }),
    meta: { subject: (context) => `hold ${context.holdId} on order ${context.orderId}`, field: 'holdId', rules } satisfies ChartMeta<OrderHold>,
    initial: 'starting',
    states: {
      starting: { always: [{ guard: 'isCleared', target: 'cleared' }, { guard: 'isCheckedOut', target: 'checkedOut' }, { target: 'open' }] },
      open: {
        meta: { refuses: { means: 'it is not checked out' } },
        on: {
          CHECK_OUT: { guard: 'CC-16 holdCodeAllowed', target: 'checkedOut', actions: 'checkOut' },
          ...clear,
        },
      },
      checkedOut: {
        // CC-18: no one checks out a hold that is checked out, not even its holder again (nothing would change).
        meta: { refuses: { rule: 'CC-18', means: (context: OrderHold) => `${context.checkedOut?.by ?? 'someone'} has it checked out, and only a supervisor can take it over` } },
        on: {
          OVERRIDE_CHECK_OUT: { guard: 'CC-18 overridePrivilege', actions: 'checkOut' },
          RELEASE_CHECK_OUT: { guard: 'CC-18 checkedOutByThisUser', target: 'open', actions: 'releaseCheckOut' },
          ...clear,
        },
      },
      cleared: { type: 'final', meta: { refuses: { means: 'it is cleared' } } },
    },
  });
}

export type OrderHoldMachine = ReturnType<typeof createOrderHoldMachine>;
export type OrderHoldSnapshot = SnapshotFrom<OrderHoldMachine>;
