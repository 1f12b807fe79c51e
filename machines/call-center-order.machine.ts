/**
 * Call-center order actor (CC-3, CC-6..CC-9, CC-17, CC-19, CC-22, CC-23): entry -> summary -> submitted, held or
 * do not process. With order completion off (CC-7) there is no summary and no payment: leaving saves the order.
 * Statuses (payment status, Do not process, detail status) are derived in engine/domain/call-center/order.ts.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import type { Catalog } from '../engine/domain/catalog.ts';
import {
  addLine, cancelOrder, changeLine, checkAddLine, checkChangeLine, checkCoupons, checkHeader, checkRemoveLine, clearHoldAndResume,
  doNotProcess, logFulfilment, newCallCenterOrder, openHolds, placeManualHold, removeLine, saveOrder, setHeader, submitOrder, type ActedBy,
  type CallCenterCustomer, type CallCenterOrderContext, type CallCenterOrderInput, type HeaderChange, type HoldClear, type LineChange, type LineEntry,
  type ManualHold,
} from '../engine/domain/call-center/order.ts';
import type { CouponOutcome } from '../engine/domain/call-center/coupons.ts';
import { addPayment, checkPaymentEntry, checkRemovePayment, type AuthorizerAnswer, type PaymentEntry } from '../engine/domain/call-center/payments.ts';
import { callCenterCharges, completionSummary } from '../engine/domain/call-center/summary.ts';
import { isViolation, violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type CallCenterOrderEvent =
  /** CC-3: the customer found (or created) for the order, with their credit terms. */
  | { type: 'SET_CUSTOMER'; customer: CallCenterCustomer }
  /** CC-4 / CC-22: source code and mode; `updateLines` = the agent accepted to move the lines to the new mode. */
  | ({ type: 'SET_HEADER'; updateLines: boolean } & HeaderChange)
  | { type: 'ADD_LINE'; line: LineEntry }
  | { type: 'CHANGE_LINE'; change: LineChange }
  | { type: 'REMOVE_LINE'; lineId: string }
  /** CC-12 / CC-13: coupons.ts `discountOrder` for the codes on the order (run again after any change of lines). */
  | { type: 'APPLY_COUPONS'; coupons: CouponOutcome[] }
  | { type: 'COMPLETE' }
  | { type: 'ADD_PAYMENT'; payment: PaymentEntry }
  | { type: 'REMOVE_PAYMENT'; paymentId: string }
  /** CC-9: `answers` are the card authoriser's, per card payment (a card with none stays Not submitted). */
  | ({ type: 'SUBMIT'; answers: Record<string, AuthorizerAnswer> } & ActedBy)
  /** CC-16 / CC-17: the agent puts the order on hold, at entry or on the summary (no code: the Default one). */
  | ({ type: 'HOLD' } & ManualHold)
  /** CC-18 / CC-19: a hold cleared by a user who may (check-out and codes: holds.ts), and what follows the clear. */
  | ({ type: 'CLEAR_HOLD'; answers?: Record<string, AuthorizerAnswer> } & Omit<HoldClear, 'answers'>)
  | ({ type: 'CANCEL'; note?: string } & ActedBy)
  /** CC-7: the agent leaves the order (closes it, takes the next call). */
  | ({ type: 'LEAVE' } & ActedBy)
  /** CC-23: fulfilment reports a shipment or an invoice. */
  | ({ type: 'RECORD_FULFILMENT'; kind: 'shipped' | 'invoiced'; note?: string } & ActedBy);

/** The order's rules, each the guard of the transitions it governs. */
export const callCenterOrderRules = {
  'CC-3 lineEntered': (context, event) => {
    assertEvent(event, 'ADD_LINE');
    return checkAddLine(context, event.line);
  },
  'CC-3 lineChanged': (context, event) => {
    assertEvent(event, 'CHANGE_LINE');
    return checkChangeLine(context, event.change);
  },
  'CC-3 lineOnOrder': (context, event) => {
    assertEvent(event, 'REMOVE_LINE');
    return checkRemoveLine(context, event.lineId);
  },
  'CC-3 hasLines': (context) => (context.lines.length > 0 ? null : violation('CC-3', 'add at least one line before completing the order', 'lines')),
  'CC-22 headerOfChannel': (context, event) => {
    assertEvent(event, 'SET_HEADER');
    return checkHeader(context, event);
  },
  'CC-13 couponsFitOrder': (context, event) => {
    assertEvent(event, 'APPLY_COUPONS');
    return checkCoupons(context, event.coupons);
  },
  'CC-8 paymentAllowed': (context, event) => {
    assertEvent(event, 'ADD_PAYMENT');
    return checkPaymentEntry(context, event.payment, completionSummary(context).total);
  },
  'CC-8 paymentRemovable': (context, event) => {
    assertEvent(event, 'REMOVE_PAYMENT');
    return checkRemovePayment(context, event.paymentId);
  },
  'CC-16 holdPlaceable': (context, event) => {
    assertEvent(event, 'HOLD');
    const placed = placeManualHold(context, event);
    return isViolation(placed) ? placed : null;
  },
  'CC-19 holdClearable': (context, event) => {
    assertEvent(event, 'CLEAR_HOLD');
    const cleared = clearHoldAndResume(context, { ...event, answers: event.answers ?? {} });
    return isViolation(cleared) ? cleared : null;
  },
} satisfies Record<string, Rule<CallCenterOrderContext, CallCenterOrderEvent>>;

export function createCallCenterOrderMachine(catalog: Catalog) {
  const rules = callCenterOrderRules;
  // Entry changes, taken while entering and (sending the order back to entry) from the summary.
  const entryChanges = (target?: string) => ({
    SET_CUSTOMER: { target, actions: ['setCustomer', 'reprice'] },
    SET_HEADER: { guard: 'CC-22 headerOfChannel', target, actions: ['setHeader', 'reprice'] },
    ADD_LINE: { guard: 'CC-3 lineEntered', target, actions: ['addLine', 'reprice'] },
    CHANGE_LINE: { guard: 'CC-3 lineChanged', target, actions: ['changeLine', 'reprice'] },
    REMOVE_LINE: { guard: 'CC-3 lineOnOrder', target, actions: ['removeLine', 'reprice'] },
    APPLY_COUPONS: { guard: 'CC-13 couponsFitOrder', target, actions: ['applyCoupons', 'reprice'] },
  }) as const;
  const paymentEntry = {
    ADD_PAYMENT: { guard: 'CC-8 paymentAllowed', actions: 'addPayment' },
    REMOVE_PAYMENT: { guard: 'CC-8 paymentRemovable', actions: 'removePayment' },
  } as const;
  const hold = { HOLD: { guard: 'CC-16 holdPlaceable', target: '#callCenterOrder.held', actions: 'hold' } } as const;
  const cancel = { CANCEL: { target: '#callCenterOrder.cancelled', actions: 'cancel' } } as const;

  return setup({
    types: { context: {} as CallCenterOrderContext, events: {} as CallCenterOrderEvent, input: {} as CallCenterOrderInput },
    guards: {
      ...guardsOf(rules),
      orderCompletion: ({ context }) => context.terms.orderCompletion,
      hasLines: ({ context }) => context.lines.length > 0,
      hasOpenHold: ({ context }) => openHolds(context).length > 0,
      notSubmitted: ({ context }) => context.submittedAt === null,
      doNotProcess: ({ context }) => doNotProcess(context),
    },
    actions: {
      setCustomer: assign({ customer: ({ event }) => {
        assertEvent(event, 'SET_CUSTOMER');
        return event.customer;
      } }),
      setHeader: assign(({ context, event }) => {
        assertEvent(event, 'SET_HEADER');
        return setHeader(context, event, event.updateLines);
      }),
      addLine: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'ADD_LINE');
        return addLine(context, event.line);
      } }),
      changeLine: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'CHANGE_LINE');
        return changeLine(context, event.change);
      } }),
      removeLine: assign(({ context, event }) => {
        assertEvent(event, 'REMOVE_LINE');
        return removeLine(context, event.lineId);
      }),
      applyCoupons: assign({ coupons: ({ event }) => {
        assertEvent(event, 'APPLY_COUPONS');
        return event.coupons;
      } }),
      // CH-3 / CC-22: charges follow every change of customer, header, lines or discounts.
      reprice: assign({ charges: ({ context }) => callCenterCharges(catalog.config, context) }),
      addPayment: assign({ payments: ({ context, event }) => {
        assertEvent(event, 'ADD_PAYMENT');
        return addPayment(context, event.payment);
      } }),
      removePayment: assign({ payments: ({ context, event }) => {
        assertEvent(event, 'REMOVE_PAYMENT');
        return context.payments.filter((p) => p.paymentId !== event.paymentId);
      } }),
      submit: assign(({ context, event }) => {
        assertEvent(event, 'SUBMIT');
        return submitOrder(context, event.answers, event);
      }),
      // The guards ran these same pure rules and let them through.
      hold: assign(({ context, event }) => {
        assertEvent(event, 'HOLD');
        return placeManualHold(context, event) as Partial<CallCenterOrderContext>;
      }),
      clearHold: assign(({ context, event }) => {
        assertEvent(event, 'CLEAR_HOLD');
        return clearHoldAndResume(context, { ...event, answers: event.answers ?? {} }) as Partial<CallCenterOrderContext>;
      }),
      cancel: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return cancelOrder(context, event, event.note);
      }),
      save: assign(({ context, event }) => {
        assertEvent(event, 'LEAVE');
        return saveOrder(context, event);
      }),
      recordFulfilment: assign({ log: ({ context, event }) => {
        assertEvent(event, 'RECORD_FULFILMENT');
        return logFulfilment(context, event.kind, event, event.note);
      } }),
    },
  }).createMachine({
    id: 'callCenterOrder',
    context: ({ input }) => newCallCenterOrder(input),
    meta: { subject: (context) => `order ${context.orderId}`, field: 'orderId', rules } satisfies ChartMeta<CallCenterOrderContext>,
    initial: 'starting',
    states: {
      starting: { always: [{ guard: 'orderCompletion', target: 'entry' }, { target: 'plainEntry' }] },
      entry: {
        meta: { refuses: { rule: 'CC-6', rules: { ADD_PAYMENT: 'CC-7', REMOVE_PAYMENT: 'CC-7', CLEAR_HOLD: 'CC-17' }, means: 'it is being entered' } },
        on: {
          ...entryChanges(),
          COMPLETE: { guard: 'CC-3 hasLines', target: 'summary' },
          // CC-7: an unsubmitted order with lines cannot simply be left: the summary opens.
          LEAVE: [{ guard: 'hasLines', target: 'summary' }, { target: 'left' }],
          ...hold,
          ...cancel,
        },
      },
      // CC-7 completion off: no summary, no payments; leaving saves the order as a plain sales order.
      plainEntry: {
        meta: { refuses: { rule: 'CC-7', rules: { CLEAR_HOLD: 'CC-17' }, means: 'order completion is off, so it has no summary or payments' } },
        on: {
          ...entryChanges(),
          LEAVE: [{ guard: 'hasLines', target: 'routing', actions: 'save' }, { target: 'left' }],
          ...hold,
          ...cancel,
        },
      },
      summary: {
        meta: { refuses: { rule: 'CC-7', rules: { COMPLETE: 'STATE', CLEAR_HOLD: 'CC-17' }, means: 'its summary is open and it must be submitted, held or cancelled' } },
        on: {
          ...entryChanges('entry'),
          ...paymentEntry,
          SUBMIT: { target: 'routing', actions: 'submit' },
          ...hold,
          ...cancel,
        },
      },
      // Where an order stands after a submit, a save or a clear (CC-9, CC-17, CC-19).
      routing: {
        always: [
          { guard: 'hasOpenHold', target: 'held' },
          { guard: 'notSubmitted', target: 'starting' },
          { guard: 'doNotProcess', target: 'doNotProcess' },
          { target: 'submitted' },
        ],
      },
      // CC-17: a held order may be left unpaid.
      held: {
        meta: { refuses: { rule: 'CC-17', means: 'it is on hold' } },
        on: {
          CLEAR_HOLD: { guard: 'CC-19 holdClearable', target: 'routing', actions: 'clearHold' },
          ...hold,
          ...cancel,
          LEAVE: {},
        },
      },
      // CC-9: a declined card (or an unanswered one) keeps Do not process on until a valid payment is submitted.
      doNotProcess: {
        meta: { refuses: { rule: 'CC-9', means: 'a payment was not approved' } },
        on: {
          ...paymentEntry,
          SUBMIT: { target: 'routing', actions: 'submit' },
          ...hold,
          ...cancel,
          LEAVE: {},
        },
      },
      submitted: {
        meta: { refuses: { rule: 'CC-6', rules: { HOLD: 'CC-17', CLEAR_HOLD: 'CC-17' }, means: 'it is submitted' } },
        on: {
          RECORD_FULFILMENT: { actions: 'recordFulfilment' },
          ...cancel,
          LEAVE: {},
        },
      },
      // An order left with no lines: nothing to process.
      left: { type: 'final', meta: { refuses: { means: 'it was left with no lines' } } },
      cancelled: { type: 'final', meta: { refuses: { means: 'it is cancelled' } } },
    },
  });
}

export type CallCenterOrderMachine = ReturnType<typeof createCallCenterOrderMachine>;
export type CallCenterOrderSnapshot = SnapshotFrom<CallCenterOrderMachine>;
