/**
 * Customer order actor: quote or sales order (CO-9), recall for edit (CO-10), cancel (CO-11), fulfillment reports
 * from the locations (FF-2..FF-7), invoicing with deposits (CO-5, CO-8) and returns (RT-1, RT-4).
 * Its header and payment statuses are derived (see `orderHeaderStatus`, `paymentStatus`), never stored.
 */
import { and, assign, emit, setup, type SnapshotFrom, type StateValue } from 'xstate';
import type { OrderSummary } from '../engine/domain/channel-transactions.ts';
import type { Catalog } from '../engine/domain/catalog.ts';
import {
  applyInvoice, applyPack, applyPick, applyReject, applyResetFulfillment, checkAccept, checkInvoice, checkPack,
  checkPick, checkReject, checkReturn, isFulfillmentStarted, orderHeaderStatus, type LineProgress, type OrderHeaderStatus,
} from '../engine/domain/fulfillment.ts';
import { sumMinor, type Minor } from '../engine/domain/money.ts';
import { buildInvoice, type QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import { amountInvoiced, amountPaid, paymentStatus, unappliedPrepayment, type PaymentStatus } from '../engine/domain/payments.ts';
import { orderTotals, type OrderTotals } from '../engine/domain/sales.ts';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type {
  CustomerOrderContext, CustomerOrderEmitted, CustomerOrderEvent, CustomerOrderInput, FulfillmentLineAssignment, OrderLine,
} from './customer-order.types.ts';

type EventOf<T extends CustomerOrderEvent['type']> = Extract<CustomerOrderEvent, { type: T }>;

function lineOf(context: CustomerOrderContext, lineId: string): OrderLine | undefined {
  return context.lines.find((l) => l.lineId === lineId);
}

function firstViolation<T>(items: readonly T[], check: (item: T, index: number) => RuleViolation | null): RuleViolation | null {
  for (const [i, item] of items.entries()) {
    const found = check(item, i);
    if (found !== null) return found;
  }
  return null;
}

function checkQuantities(context: CustomerOrderContext, lines: readonly QuantityOfLine[], check: (line: OrderLine, quantity: number) => RuleViolation | null): RuleViolation | null {
  if (lines.length === 0) return violation('VALIDATION', 'name at least one line', 'lines');
  return firstViolation(lines, ({ lineId, quantity }, i) => {
    const line = lineOf(context, lineId);
    if (line === undefined || line.delivery.kind === 'carryOut') return violation('NOT_FOUND', `order ${context.orderId} has no fulfilment line "${lineId}"`, `lines.${i}.lineId`);
    return check(line, quantity);
  });
}

function checkLineIds(context: CustomerOrderContext, lineIds: readonly string[], check: (line: OrderLine) => RuleViolation | null): RuleViolation | null {
  return checkQuantities(context, lineIds.map((lineId) => ({ lineId, quantity: 0 })), (line) => check(line));
}

/** Why an event's own rule refuses it in this context (null = the rule allows it). */
export function customerOrderRule(catalog: Catalog, context: CustomerOrderContext, event: CustomerOrderEvent): RuleViolation | null {
  switch (event.type) {
    case 'RECALL_FOR_EDIT': {
      if (context.origin === 'callCenter' && context.orderCompletion) return violation('CO-10', 'call-center orders with order completion are never edited in POS', 'orderId');
      // The most final reason first: a fully invoiced order is never edited, whatever the feature says.
      if (context.lines.every((l) => l.progress.invoiced === l.progress.quantity)) return violation('CO-10', 'fully invoiced orders can never be edited', 'orderId');
      const started = context.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind));
      const feature = catalog.stores.get(event.storeId)?.functionality.editPartiallyFulfilledOrders ?? false;
      if (started && !feature) return violation('CO-10', 'partially fulfilled orders can be edited only with the edit-partially-fulfilled-orders feature', 'orderId');
      return null;
    }
    case 'SAVE_EDIT':
    case 'RELEASE_EDIT':
      return context.editedBy === event.registerId ? null : violation('CONFLICT', `order ${context.orderId} is recalled at register ${context.editedBy ?? '(none)'}`, 'registerId');
    case 'ACCEPT':
      return checkLineIds(context, event.lineIds, (l) => checkAccept(l.progress));
    case 'PICK_LIST':
      return checkLineIds(context, event.lineIds, (l) => (l.progress.accepted ? null : violation('FF-2', 'line is Pending: accept it before processing', 'lineIds')));
    case 'PICK':
      return checkQuantities(context, event.lines, (l, q) => checkPick(l.progress, q));
    case 'PACK':
      return checkQuantities(context, event.lines, (l, q) => checkPack(l.progress, l.delivery.kind, q));
    case 'INVOICE': {
      const rule = event.kind === 'ship' ? 'FF-5' : 'FF-6';
      const found = checkQuantities(context, event.lines, (l, q) => checkInvoice(l.progress, rule, q));
      if (found !== null) return found;
      const { collect } = buildInvoice(context, event.invoiceId, event.kind, event.lines);
      if (event.kind === 'ship' && collect > 0 && context.cardToken === null) {
        return violation('CO-8', `shipping needs ${collect} collected but the order has no card token`, 'orderId');
      }
      return null;
    }
    case 'REJECT':
      return checkQuantities(context, event.lines, (l, q) => checkReject(l.progress, q));
    case 'RESET_FULFILLMENT':
      return checkLineIds(context, event.lineIds, (l) => (l.progress.rejected > 0 ? null : violation('FF-7', 'only rejected lines can be reset', 'lineIds')));
    case 'CANCEL': {
      if (context.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind))) {
        return violation('CO-11', 'the order status forbids cancelling: fulfilment has started', 'orderId');
      }
      return Number.isInteger(event.charge) && event.charge >= 0 ? null : violation('CO-11', 'cancellation charge must be a non-negative whole amount', 'charge');
    }
    case 'POST_RETURN':
      return firstViolation(event.record.lines, (r, i) => {
        const line = lineOf(context, r.lineId);
        if (line === undefined) return violation('RT-1', `line "${r.lineId}" is not on order ${context.orderId}`, `lines.${i}.lineId`);
        return checkReturn(line.progress, r.quantity);
      });
    case 'APPROVE_QUOTE':
    case 'HEADQUARTERS_CONFIRMED':
      return null;
  }
}

/** Rules that depend on where the order is in its lifecycle rather than on the event. */
export function customerOrderStateRule(snapshot: CustomerOrderSnapshot, event: CustomerOrderEvent): RuleViolation {
  const { orderId, editedBy } = snapshot.context;
  if (snapshot.matches('awaitingHeadquarters')) {
    if (event.type === 'RECALL_FOR_EDIT') return violation('CO-10', `order ${orderId} was created async: it can be edited once it exists at headquarters`, 'orderId');
    if (event.type === 'CANCEL') return violation('CO-11', `order ${orderId} was created async: it can be cancelled once it exists at headquarters`, 'orderId');
    return violation('SY-2', `order ${orderId} was created async and is not at headquarters yet (P-job, Synchronize orders, 1010)`, 'orderId');
  }
  if (event.type === 'HEADQUARTERS_CONFIRMED') return violation('STATE', `order ${orderId} is already at headquarters`, 'orderId');
  if (snapshot.matches('cancelled')) return violation('STATE', `order ${orderId} is cancelled`, 'orderId');
  if (snapshot.matches('completed')) {
    if (event.type === 'RECALL_FOR_EDIT') return violation('CO-10', 'fully invoiced orders can never be edited', 'orderId');
    if (event.type === 'CANCEL') return violation('CO-11', 'the order status forbids cancelling: it is invoiced', 'orderId');
    return violation('STATE', `order ${orderId} is fully invoiced`, 'orderId');
  }
  if (editedBy !== null) return violation('CONFLICT', `order ${orderId} is recalled for edit at register ${editedBy}`, 'orderId');
  if (snapshot.matches('quote')) {
    return event.type === 'APPROVE_QUOTE' || event.type === 'RECALL_FOR_EDIT' || event.type === 'CANCEL'
      ? violation('STATE', `quote ${orderId} cannot take ${event.type} now`, 'orderId')
      : violation('CO-9', `${orderId} is a quote: approve it into a sales order first`, 'orderId');
  }
  return violation('STATE', `order ${orderId} cannot take ${event.type} now`, 'orderId');
}

export type OrderLifecycle = 'quote' | 'order' | 'cancelled';

/** The lifecycle an order's state value stands for; one waiting for headquarters is what it was created as. */
export function lifecycleOf(value: StateValue, context: Pick<CustomerOrderContext, 'createdAs'>): OrderLifecycle {
  const top = typeof value === 'string' ? value : Object.keys(value)[0];
  if (top === 'awaitingHeadquarters') return context.createdAs === 'quote' ? 'quote' : 'order';
  return top === 'cancelled' ? 'cancelled' : top === 'quote' ? 'quote' : 'order';
}

/** The statuses and money of an order, derived from its lines, invoices and payments (FF-8, CO-8). */
export function orderStatus(context: CustomerOrderContext, lifecycle: OrderLifecycle): { headerStatus: OrderHeaderStatus; paymentStatus: PaymentStatus; totals: OrderTotals; paid: Minor; returned: Minor } {
  const totals = orderTotals(context.lines, context.charges);
  const returned = sumMinor(context.returns.map((r) => r.total));
  // A cancelled order owes its cancellation charge and whatever was invoiced (carried out) before it.
  const owed = (lifecycle === 'cancelled' ? (context.cancellation?.charge ?? 0) + amountInvoiced(context.invoices) : totals.total) + returned;
  return {
    headerStatus: orderHeaderStatus(lifecycle, context.lines.map((l) => l.progress)),
    paymentStatus: paymentStatus(owed, context.payments),
    totals,
    paid: amountPaid(context.payments),
    returned,
  };
}

/** The order as headquarters' sales order mirrors it (SY-1, SY-2). */
export function orderSummary(context: CustomerOrderContext, lifecycle: OrderLifecycle): OrderSummary {
  const status = orderStatus(context, lifecycle);
  return {
    orderId: context.orderId, channelReference: context.channelReference, storeId: context.storeId, customerId: context.customerId,
    createdAt: context.createdAt, orderType: context.createdAs, status: status.headerStatus, paymentStatus: status.paymentStatus,
    lines: context.lines.map((l) => ({
      lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, delivery: l.delivery.kind, modeCode: l.delivery.modeCode,
      locationId: l.delivery.locationId, invoiced: l.progress.invoiced, returned: l.progress.returned,
    })),
    total: status.totals.total, invoiced: amountInvoiced(context.invoices), paid: status.paid, returned: status.returned,
  };
}

export function fulfillmentAssignments(context: CustomerOrderContext): FulfillmentLineAssignment[] {
  return context.lines.flatMap((l) =>
    l.delivery.kind === 'carryOut'
      ? []
      : [{ orderId: context.orderId, lineId: l.lineId, productId: l.productId, kind: l.delivery.kind, modeCode: l.delivery.modeCode,
          locationId: l.delivery.locationId, date: l.delivery.date ?? null, progress: l.progress }]);
}

function updateLines(context: CustomerOrderContext, lines: readonly QuantityOfLine[], apply: (p: LineProgress, q: number) => LineProgress): OrderLine[] {
  const byLine = new Map(lines.map((l) => [l.lineId, l.quantity]));
  return context.lines.map((l) => (byLine.has(l.lineId) ? { ...l, progress: apply(l.progress, byLine.get(l.lineId)!) } : l));
}

function updateLineIds(context: CustomerOrderContext, lineIds: readonly string[], apply: (line: OrderLine) => LineProgress): OrderLine[] {
  const ids = new Set(lineIds);
  return context.lines.map((l) => (ids.has(l.lineId) ? { ...l, progress: apply(l) } : l));
}

export function createCustomerOrderMachine(catalog: Catalog) {
  const editing = (saveActions: readonly ('saveEdit' | 'emitFulfillmentChanged')[]) => ({
    on: {
      SAVE_EDIT: { guard: 'allowed', target: 'idle', actions: [...saveActions] },
      RELEASE_EDIT: { guard: 'allowed', target: 'idle', actions: 'releaseEdit' },
    },
  }) as const;
  const fulfilment = {
    ACCEPT: { guard: 'allowed', actions: 'accept' },
    PICK_LIST: { guard: 'allowed', actions: 'pickList' },
    PICK: { guard: 'allowed', actions: 'pick' },
    PACK: { guard: 'allowed', actions: 'pack' },
    INVOICE: { guard: 'allowed', actions: 'invoice' },
    REJECT: { guard: 'allowed', actions: 'reject' },
    RESET_FULFILLMENT: { guard: 'allowed', actions: 'resetFulfillment' },
  } as const;
  const returns = { POST_RETURN: { guard: 'allowed', actions: 'postReturn' } } as const;

  return setup({
    types: {
      context: {} as CustomerOrderContext,
      events: {} as CustomerOrderEvent,
      input: {} as CustomerOrderInput,
      emitted: {} as CustomerOrderEmitted,
    },
    guards: {
      allowed: ({ context, event }) => customerOrderRule(catalog, context, event) === null,
      createdAsQuote: ({ context }) => context.createdAs === 'quote',
      atHeadquarters: ({ context }) => context.salesOrderId !== null,
      fullyInvoiced: ({ context }) =>
        context.lines.every((l) => l.progress.invoiced === l.progress.quantity) && context.lines.length > 0,
    },
    actions: {
      confirm: assign({ salesOrderId: ({ event }) => (event as EventOf<'HEADQUARTERS_CONFIRMED'>).salesOrderId }),
      lockEdit: assign({ editedBy: ({ event }) => (event as EventOf<'RECALL_FOR_EDIT'>).registerId }),
      releaseEdit: assign({ editedBy: null }),
      saveEdit: assign(({ context, event }) => {
        const e = event as EventOf<'SAVE_EDIT'>;
        return { lines: e.lines, charges: e.charges, depositOverride: e.depositOverride, cardToken: e.cardToken ?? context.cardToken,
          payments: [...context.payments, ...e.payments], invoices: [...context.invoices, ...e.invoices], editedBy: null };
      }),
      emitFulfillmentRequested: emit(({ context }) => ({ type: 'fulfillmentRequested' as const, orderId: context.orderId, lines: fulfillmentAssignments(context) })),
      emitFulfillmentChanged: emit(({ context }) => ({ type: 'fulfillmentChanged' as const, orderId: context.orderId, lines: fulfillmentAssignments(context) })),
      emitCancelled: emit(({ context }) => ({ type: 'orderCancelled' as const, orderId: context.orderId })),
      accept: assign({ lines: ({ context, event }) => updateLineIds(context, (event as EventOf<'ACCEPT'>).lineIds, (l) => ({ ...l.progress, accepted: true })) }),
      pickList: assign({ lines: ({ context, event }) => {
        const e = event as EventOf<'PICK_LIST'>;
        return updateLineIds(context, e.lineIds, (l) => ({ ...l.progress, pickListId: e.pickListId }));
      } }),
      pick: assign({ lines: ({ context, event }) => updateLines(context, (event as EventOf<'PICK'>).lines, applyPick) }),
      pack: assign({ lines: ({ context, event }) => updateLines(context, (event as EventOf<'PACK'>).lines, applyPack) }),
      reject: assign({ lines: ({ context, event }) => updateLines(context, (event as EventOf<'REJECT'>).lines, applyReject) }),
      resetFulfillment: assign({ lines: ({ context, event }) => {
        const e = event as EventOf<'RESET_FULFILLMENT'>;
        return updateLineIds(context, e.lineIds, (l) => applyResetFulfillment(l.progress, l.delivery.kind, e.manualAccept));
      } }),
      invoice: assign(({ context, event }) => {
        const e = event as EventOf<'INVOICE'>;
        const { invoice, collect } = buildInvoice(context, e.invoiceId, e.kind, e.lines);
        const payments = collect > 0
          ? [...context.payments, { paymentId: e.payment.paymentId, kind: e.kind === 'ship' ? 'capture' as const : 'pickup' as const, method: e.payment.method, amount: collect }]
          : context.payments;
        return { lines: updateLines(context, e.lines, applyInvoice), invoices: [...context.invoices, invoice], payments };
      }),
      cancel: assign(({ context, event }) => {
        const e = event as EventOf<'CANCEL'>;
        const refund = unappliedPrepayment(context.payments, context.invoices) - e.charge;
        const payments = refund === 0 ? context.payments
          : [...context.payments, { paymentId: e.payment.paymentId, kind: 'refund' as const, method: e.payment.method, amount: -refund }];
        return { payments, cancellation: { charge: e.charge, refund } };
      }),
      postReturn: assign(({ context, event }) => {
        const e = event as EventOf<'POST_RETURN'>;
        const returned = new Map(e.record.lines.map((l) => [l.lineId, l.quantity]));
        return {
          returns: [...context.returns, e.record],
          lines: context.lines.map((l) => (returned.has(l.lineId) ? { ...l, progress: { ...l.progress, returned: l.progress.returned + returned.get(l.lineId)! } } : l)),
          payments: [...context.payments, { paymentId: e.payment.paymentId, kind: 'returnRefund' as const, method: e.payment.method, amount: e.record.total }],
        };
      }),
    },
  }).createMachine({
    id: 'customerOrder',
    context: ({ input }) => ({ ...input, returns: [], editedBy: null, cancellation: null }),
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
            on: {
              APPROVE_QUOTE: { target: '#customerOrder.open' },
              RECALL_FOR_EDIT: { guard: 'allowed', target: 'editing', actions: 'lockEdit' },
              CANCEL: { guard: 'allowed', target: '#customerOrder.cancelled', actions: 'cancel' },
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
            on: {
              ...fulfilment,
              // The locations list the line with its returned units too (FF-1).
              POST_RETURN: { guard: 'allowed', actions: ['postReturn', 'emitFulfillmentChanged'] },
              RECALL_FOR_EDIT: { guard: 'allowed', target: 'editing', actions: 'lockEdit' },
              CANCEL: { guard: 'allowed', target: '#customerOrder.cancelled', actions: ['cancel', 'emitCancelled'] },
            },
          },
          editing: editing(['saveEdit', 'emitFulfillmentChanged']),
        },
      },
      completed: { on: { ...returns } },
      // Not final: the invoiced carry-out lines of a cancelled hybrid order can still be returned (RT-1).
      cancelled: { on: { ...returns } },
    },
  });
}

export type CustomerOrderMachine = ReturnType<typeof createCustomerOrderMachine>;
export type CustomerOrderSnapshot = SnapshotFrom<CustomerOrderMachine>;
