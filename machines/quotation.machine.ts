/**
 * Quotation actor (SM-6, MK-1/MK-2, MK-4): Open (Created -> Sent, sent again as often as needed) -> Confirmed, which
 * emits the sales order it makes; Sent -> Lost or Cancelled with a reason. Confirmed, Lost and Cancelled are final:
 * nothing changes a final quotation. The work is in engine/domain/sales/quotation.ts; its state always agrees with
 * `quotationStatus` (read it with `quotationStateOf`).
 */
import { assertEvent, assign, emit, setup, type SnapshotFrom } from 'xstate';
import {
  changeLines, checkChangeLines, checkClose, checkConfirm, checkConvertProspect, checkExtendExpiry, checkSend, closeQuotation, confirmQuotation,
  convertProspect, extendExpiry, quotationStatus, sendQuotation, type ConfirmTerms, type Quotation, type QuotationLine, type QuotationStatus,
} from '../engine/domain/sales/quotation.ts';
import type { SalesOrderRecord } from '../engine/domain/sales/types.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type QuotationInput = Quotation;

export type QuotationEvent =
  | { type: 'SEND'; on: string }
  | { type: 'CHANGE_LINES'; lines: QuotationLine[] }
  | { type: 'EXTEND_EXPIRY'; expiryDate: string; on: string }
  /** MK-2: marketing converted the prospect; the quotation takes the new customer account. */
  | { type: 'CONVERT_PROSPECT'; customerAccount: string }
  | ({ type: 'CONFIRM' } & ConfirmTerms)
  | { type: 'MARK_LOST'; reason: string; on: string }
  | { type: 'CANCEL'; reason: string; on: string };

export type QuotationEmitted =
  /** SM-6: the sales order the confirmation made, for the host to open. */
  | { type: 'quotationConfirmed'; quotationId: string; salesOrder: SalesOrderRecord };

/** The quotation's rules, each the guard of the transitions it governs. */
export const quotationRules = {
  'SM-6 sendable': (context, event) => {
    assertEvent(event, 'SEND');
    return checkSend(context, event.on);
  },
  'SM-6 linesChangeable': (context, event) => {
    assertEvent(event, 'CHANGE_LINES');
    return checkChangeLines(context, event.lines);
  },
  'SM-6 expiryExtended': (context, event) => {
    assertEvent(event, 'EXTEND_EXPIRY');
    return checkExtendExpiry(context, event.expiryDate, event.on);
  },
  'MK-2 prospectConverted': (context, event) => {
    assertEvent(event, 'CONVERT_PROSPECT');
    return checkConvertProspect(context, event.customerAccount);
  },
  'SM-6 confirmableByCustomerBeforeExpiry': (context, event) => {
    assertEvent(event, 'CONFIRM');
    return checkConfirm(context, event);
  },
  'SM-6 reasonGiven': (context, event) => {
    assertEvent(event, ['MARK_LOST', 'CANCEL']);
    return checkClose(context, event.reason, event.on);
  },
} satisfies Record<string, Rule<Quotation, QuotationEvent>>;

export function createQuotationMachine() {
  const rules = quotationRules;
  return setup({
    types: { context: {} as Quotation, events: {} as QuotationEvent, input: {} as QuotationInput, emitted: {} as QuotationEmitted },
    guards: {
      ...guardsOf(rules),
      // A restored quotation starts where its record says it is.
      isSent: ({ context }) => quotationStatus(context) === 'sent',
      isConfirmed: ({ context }) => quotationStatus(context) === 'confirmed',
      isLost: ({ context }) => quotationStatus(context) === 'lost',
      isCancelled: ({ context }) => quotationStatus(context) === 'cancelled',
    },
    actions: {
      send: assign(({ context, event }) => {
        assertEvent(event, 'SEND');
        return sendQuotation(context, event.on);
      }),
      changeLines: assign(({ context, event }) => {
        assertEvent(event, 'CHANGE_LINES');
        return changeLines(context, event.lines);
      }),
      extendExpiry: assign(({ context, event }) => {
        assertEvent(event, 'EXTEND_EXPIRY');
        return extendExpiry(context, event.expiryDate);
      }),
      convertProspect: assign(({ context, event }) => {
        assertEvent(event, 'CONVERT_PROSPECT');
        return convertProspect(context, event.customerAccount);
      }),
      // Emitted before the confirm action, from the same pure function: the order is the one the record points to.
      emitConfirmed: emit(({ context, event }) => {
        assertEvent(event, 'CONFIRM');
        return { type: 'quotationConfirmed' as const, quotationId: context.quotationId, salesOrder: confirmQuotation(context, event).salesOrder };
      }),
      confirm: assign(({ context, event }) => {
        assertEvent(event, 'CONFIRM');
        return confirmQuotation(context, event).quotation;
      }),
      markLost: assign(({ context, event }) => {
        assertEvent(event, 'MARK_LOST');
        return closeQuotation(context, 'lost', event.reason, event.on);
      }),
      cancel: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return closeQuotation(context, 'cancelled', event.reason, event.on);
      }),
    },
  }).createMachine({
    id: 'quotation',
    context: ({ input }) => input,
    meta: { subject: (context) => `quotation ${context.quotationId}`, field: 'quotationId', rules } satisfies ChartMeta<Quotation>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: 'isConfirmed', target: 'confirmed' },
          { guard: 'isLost', target: 'lost' },
          { guard: 'isCancelled', target: 'cancelled' },
          { guard: 'isSent', target: 'open.sent' },
          { target: 'open' },
        ],
      },
      // Created or Sent: changed, sent (again) and confirmed alike.
      open: {
        meta: { refuses: { rule: 'SM-6', means: 'it is open' } },
        initial: 'created',
        on: {
          SEND: { guard: 'SM-6 sendable', target: '.sent', actions: 'send' },
          CHANGE_LINES: { guard: 'SM-6 linesChangeable', actions: 'changeLines' },
          EXTEND_EXPIRY: { guard: 'SM-6 expiryExtended', actions: 'extendExpiry' },
          CONVERT_PROSPECT: { guard: 'MK-2 prospectConverted', actions: 'convertProspect' },
          CONFIRM: { guard: 'SM-6 confirmableByCustomerBeforeExpiry', target: 'confirmed', actions: ['emitConfirmed', 'confirm'] },
        },
        states: {
          created: { meta: { refuses: { rule: 'SM-6', means: 'it has not been sent yet' } } },
          sent: {
            meta: { refuses: { rule: 'SM-6', means: 'it has been sent' } },
            on: {
              MARK_LOST: { guard: 'SM-6 reasonGiven', target: '#quotation.lost', actions: 'markLost' },
              CANCEL: { guard: 'SM-6 reasonGiven', target: '#quotation.cancelled', actions: 'cancel' },
            },
          },
        },
      },
      confirmed: { type: 'final', meta: { refuses: { rule: 'SM-6', means: 'it is confirmed and read-only' } } },
      lost: { type: 'final', meta: { refuses: { rule: 'SM-6', means: 'it was lost and is read-only' } } },
      cancelled: { type: 'final', meta: { refuses: { rule: 'SM-6', means: 'it is cancelled and read-only' } } },
    },
  });
}

export type QuotationMachine = ReturnType<typeof createQuotationMachine>;
export type QuotationSnapshot = SnapshotFrom<QuotationMachine>;

/** SM-6: the quotation's status as the chart has it (agrees with `quotationStatus` of its record). */
export function quotationStateOf(snapshot: QuotationSnapshot): QuotationStatus {
  const value = snapshot.value;
  return typeof value === 'string' ? (value as QuotationStatus) : (value.open as QuotationStatus);
}
