/**
 * Customer order actor: quote or sales order (CO-9), recall for edit (CO-10), cancel (CO-11), fulfillment reports
 * from the locations (FF-2..FF-7), invoicing with deposits (CO-5, CO-8) and returns (RT-1, RT-4).
 * Its header and payment statuses are derived (engine/domain/customer-order.ts `orderStatus`), never stored.
 */
import { and, assertEvent, assign, emit, setup, type SnapshotFrom } from 'xstate';
import type { AppliedCharge } from '../engine/domain/charges.ts';
import type { Catalog } from '../engine/domain/catalog.ts';
import {
  cancelOrder, checkAcceptLines, checkCancel, checkEditedBy, checkInvoiceLines, checkPackLines, checkPickLines, checkPickListLines,
  checkRecallForEdit, checkRejectLines, checkResetLines, checkReturnOf, fulfillmentAssignments, invoiceOrder, isFullyInvoiced, markLines,
  postReturn, progressLines, resetLines, saveEdit, type CustomerOrderContext, type CustomerOrderInput, type FulfillmentLineAssignment,
  type OrderLine, type PaymentReceipt,
} from '../engine/domain/customer-order.ts';
import { applyPack, applyPick, applyReject, isFulfillmentStarted } from '../engine/domain/fulfillment.ts';
import type { Minor } from '../engine/domain/money.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import type { Invoice, Payment } from '../engine/domain/payments.ts';
import type { ReturnRecord } from '../engine/domain/returns.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type CustomerOrderEvent =
  /** SY-2 / SY-4: the order exists at headquarters (the real-time service answered, or job 1010 said so). */
  | { type: 'HEADQUARTERS_CONFIRMED'; salesOrderId: string }
  | { type: 'APPROVE_QUOTE' }
  | { type: 'RECALL_FOR_EDIT'; registerId: string; storeId: string }
  | { type: 'SAVE_EDIT'; registerId: string; lines: OrderLine[]; charges: AppliedCharge[]; depositOverride: Minor | null; cardToken: string | null; payments: Payment[]; invoices: Invoice[] }
  | { type: 'RELEASE_EDIT'; registerId: string }
  | { type: 'ACCEPT'; lineIds: string[] }
  | { type: 'PICK_LIST'; pickListId: string; lineIds: string[] }
  | { type: 'PICK'; lines: QuantityOfLine[] }
  | { type: 'PACK'; lines: QuantityOfLine[] }
  | { type: 'INVOICE'; invoiceId: string; kind: 'ship' | 'pickup'; lines: QuantityOfLine[]; payment: PaymentReceipt }
  | { type: 'REJECT'; lines: QuantityOfLine[] }
  | { type: 'RESET_FULFILLMENT'; lineIds: string[]; manualAccept: boolean }
  | { type: 'CANCEL'; registerId: string; charge: Minor; payment: PaymentReceipt }
  /**
   * CC-21: headquarters' package says the call center cancelled this call-center order (the POS never cancels one):
   * nothing is charged, and what the call center took is refunded by headquarters (`payment` records it here).
   */
  | { type: 'CALL_CENTER_CANCELLED'; payment: PaymentReceipt }
  | { type: 'POST_RETURN'; record: ReturnRecord; payment: PaymentReceipt };

export type CustomerOrderEmitted =
  | { type: 'fulfillmentRequested'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'fulfillmentChanged'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'orderCancelled'; orderId: string };

/** The order's rules, each the guard of the transitions it governs. */
export function customerOrderRules(catalog: Catalog) {
  return {
    'CO-10 editAllowed': (context, event) => {
      assertEvent(event, 'RECALL_FOR_EDIT');
      return checkRecallForEdit(catalog, context, event.storeId);
    },
    'CO-10 editedHere': (context, event) => {
      assertEvent(event, ['SAVE_EDIT', 'RELEASE_EDIT']);
      return checkEditedBy(context, event.registerId);
    },
    'FF-2 linesAcceptable': (context, event) => {
      assertEvent(event, 'ACCEPT');
      return checkAcceptLines(context, event.lineIds);
    },
    'FF-2 pickListAccepted': (context, event) => {
      assertEvent(event, 'PICK_LIST');
      return checkPickListLines(context, event.lineIds);
    },
    'FF-3 linesPickable': (context, event) => {
      assertEvent(event, 'PICK');
      return checkPickLines(context, event.lines);
    },
    'FF-4 linesPackable': (context, event) => {
      assertEvent(event, 'PACK');
      return checkPackLines(context, event.lines);
    },
    'FF-5 linesInvoiceable': (context, event) => {
      assertEvent(event, 'INVOICE');
      return checkInvoiceLines(context, event.invoiceId, event.kind, event.lines);
    },
    'FF-7 linesRejectable': (context, event) => {
      assertEvent(event, 'REJECT');
      return checkRejectLines(context, event.lines);
    },
    'FF-7 linesResettable': (context, event) => {
      assertEvent(event, 'RESET_FULFILLMENT');
      return checkResetLines(context, event.lineIds);
    },
    'CO-11 cancellable': (context, event) => {
      assertEvent(event, 'CANCEL');
      return checkCancel(context, event.charge);
    },
    'CC-21 callCenterCancellable': (context, event) => {
      assertEvent(event, 'CALL_CENTER_CANCELLED');
      if (context.origin !== 'callCenter') return violation('CC-21', 'only a call-center order is cancelled by its call center', 'orderId');
      return context.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind))
        ? violation('CC-21', 'the store has already started fulfilling this order: the call center\'s cancel is refused', 'orderId') : null;
    },
    'RT-1 linesReturnable': (context, event) => {
      assertEvent(event, 'POST_RETURN');
      return checkReturnOf(context, event.record);
    },
  } satisfies Record<string, Rule<CustomerOrderContext, CustomerOrderEvent>>;
}

export function createCustomerOrderMachine(catalog: Catalog) {
  const rules = customerOrderRules(catalog);
  const editing = (saveActions: readonly ('saveEdit' | 'emitFulfillmentChanged')[]) => ({
    meta: { refuses: { rule: 'CONFLICT', rules: { HEADQUARTERS_CONFIRMED: 'STATE' }, means: (context: CustomerOrderContext) => `it is recalled for edit at register ${context.editedBy}` } },
    on: {
      SAVE_EDIT: { guard: 'CO-10 editedHere', target: 'idle', actions: [...saveActions] },
      RELEASE_EDIT: { guard: 'CO-10 editedHere', target: 'idle', actions: 'releaseEdit' },
    },
  }) as const;
  const fulfilment = {
    ACCEPT: { guard: 'FF-2 linesAcceptable', actions: 'accept' },
    PICK_LIST: { guard: 'FF-2 pickListAccepted', actions: 'pickList' },
    PICK: { guard: 'FF-3 linesPickable', actions: 'pick' },
    PACK: { guard: 'FF-4 linesPackable', actions: 'pack' },
    INVOICE: { guard: 'FF-5 linesInvoiceable', actions: 'invoice' },
    REJECT: { guard: 'FF-7 linesRejectable', actions: 'reject' },
    RESET_FULFILLMENT: { guard: 'FF-7 linesResettable', actions: 'resetFulfillment' },
  } as const;
  const returns = { POST_RETURN: { guard: 'RT-1 linesReturnable', actions: 'postReturn' } } as const;

  return setup({
    types: {
      context: {} as CustomerOrderContext,
      events: {} as CustomerOrderEvent,
      input: {} as CustomerOrderInput,
      emitted: {} as CustomerOrderEmitted,
    },
    guards: {
      ...guardsOf(rules),
      createdAsQuote: ({ context }) => context.createdAs === 'quote',
      atHeadquarters: ({ context }) => context.salesOrderId !== null,
      fullyInvoiced: ({ context }) => isFullyInvoiced(context),
    },
    actions: {
      confirm: assign({ salesOrderId: ({ event }) => {
        assertEvent(event, 'HEADQUARTERS_CONFIRMED');
        return event.salesOrderId;
      } }),
      lockEdit: assign({ editedBy: ({ event }) => {
        assertEvent(event, 'RECALL_FOR_EDIT');
        return event.registerId;
      } }),
      releaseEdit: assign({ editedBy: null }),
      saveEdit: assign(({ context, event }) => {
        assertEvent(event, 'SAVE_EDIT');
        return saveEdit(context, event);
      }),
      emitFulfillmentRequested: emit(({ context }) => ({ type: 'fulfillmentRequested' as const, orderId: context.orderId, lines: fulfillmentAssignments(context) })),
      emitFulfillmentChanged: emit(({ context }) => ({ type: 'fulfillmentChanged' as const, orderId: context.orderId, lines: fulfillmentAssignments(context) })),
      emitCancelled: emit(({ context }) => ({ type: 'orderCancelled' as const, orderId: context.orderId })),
      accept: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'ACCEPT');
        return markLines(context, event.lineIds, (l) => ({ ...l.progress, accepted: true }));
      } }),
      pickList: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'PICK_LIST');
        return markLines(context, event.lineIds, (l) => ({ ...l.progress, pickListId: event.pickListId }));
      } }),
      pick: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'PICK');
        return progressLines(context, event.lines, applyPick);
      } }),
      pack: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'PACK');
        return progressLines(context, event.lines, applyPack);
      } }),
      reject: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'REJECT');
        return progressLines(context, event.lines, applyReject);
      } }),
      resetFulfillment: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'RESET_FULFILLMENT');
        return resetLines(context, event.lineIds, event.manualAccept);
      } }),
      invoice: assign(({ context, event }) => {
        assertEvent(event, 'INVOICE');
        return invoiceOrder(context, event.invoiceId, event.kind, event.lines, event.payment);
      }),
      cancel: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL');
        return cancelOrder(context, event.charge, event.payment);
      }),
      cancelFromCallCenter: assign(({ context, event }) => {
        assertEvent(event, 'CALL_CENTER_CANCELLED');
        return cancelOrder(context, 0, event.payment);
      }),
      postReturn: assign(({ context, event }) => {
        assertEvent(event, 'POST_RETURN');
        return postReturn(context, event.record, event.payment);
      }),
    },
  }).createMachine({
    id: 'customerOrder',
    context: ({ input }) => ({ ...input, returns: [], editedBy: null, cancellation: null }),
    meta: { subject: (context) => `order ${context.orderId}`, field: 'orderId', rules } satisfies ChartMeta<CustomerOrderContext>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: and(['atHeadquarters', 'createdAsQuote']), target: 'quote' },
          { guard: 'atHeadquarters', target: 'open' },
          { target: 'awaitingHeadquarters' },
        ],
      },
      // SY-2: an async order completes at the register with its confirmation number and waits here until
      // headquarters has it; only then do its lines reach fulfilment.
      awaitingHeadquarters: {
        meta: { refuses: { rule: 'SY-2', rules: { RECALL_FOR_EDIT: 'CO-10', CANCEL: 'CO-11' }, means: 'it was created async and is not at headquarters yet' } },
        on: {
          HEADQUARTERS_CONFIRMED: [
            { guard: 'createdAsQuote', target: 'quote', actions: 'confirm' },
            { target: 'open', actions: 'confirm' },
          ],
        },
      },
      quote: {
        initial: 'idle',
        states: {
          idle: {
            meta: { refuses: { rule: 'CO-9', rules: { HEADQUARTERS_CONFIRMED: 'STATE' }, means: 'it is a quote: approve it into a sales order first' } },
            on: {
              APPROVE_QUOTE: { target: '#customerOrder.open' },
              RECALL_FOR_EDIT: { guard: 'CO-10 editAllowed', target: 'editing', actions: 'lockEdit' },
              CANCEL: { guard: 'CO-11 cancellable', target: '#customerOrder.cancelled', actions: 'cancel' },
            },
          },
          editing: editing(['saveEdit']),
        },
      },
      open: {
        entry: 'emitFulfillmentRequested',
        initial: 'idle',
        always: { guard: 'fullyInvoiced', target: 'completed' },
        states: {
          idle: {
            meta: { refuses: { means: 'it is open' } },
            on: {
              ...fulfilment,
              // The locations list the line with its returned units too (FF-1).
              POST_RETURN: { guard: 'RT-1 linesReturnable', actions: ['postReturn', 'emitFulfillmentChanged'] },
              RECALL_FOR_EDIT: { guard: 'CO-10 editAllowed', target: 'editing', actions: 'lockEdit' },
              CANCEL: { guard: 'CO-11 cancellable', target: '#customerOrder.cancelled', actions: ['cancel', 'emitCancelled'] },
              CALL_CENTER_CANCELLED: { guard: 'CC-21 callCenterCancellable', target: '#customerOrder.cancelled', actions: ['cancelFromCallCenter', 'emitCancelled'] },
            },
          },
          editing: editing(['saveEdit', 'emitFulfillmentChanged']),
        },
      },
      completed: {
        meta: { refuses: { rules: { RECALL_FOR_EDIT: 'CO-10', CANCEL: 'CO-11' }, means: 'it is fully invoiced' } },
        on: { ...returns },
      },
      // Not final: the invoiced carry-out lines of a cancelled hybrid order can still be returned (RT-1).
      cancelled: { meta: { refuses: { means: 'it is cancelled' } }, on: { ...returns } },
    },
  });
}

export type CustomerOrderMachine = ReturnType<typeof createCustomerOrderMachine>;
export type CustomerOrderSnapshot = SnapshotFrom<CustomerOrderMachine>;
