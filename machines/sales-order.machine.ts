/**
 * Sales order actor (SM-1..SM-5): one state per order type, and inside it the order's status (SM-2: Open order ->
 * Delivered -> Invoiced, or Cancelled). The context is the SalesOrderRecord itself; every change goes through the
 * pure rules of engine/domain/sales/sales-order.ts, and after each one the order settles in the state its type and
 * `salesOrderStatus` give, so the chart and the derived status cannot disagree. A journal (SM-1) takes no confirmation,
 * packing slip, invoice or reservation; a returned order (SM-4) reserves nothing; the type changes at any status (SM-5).
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  cancelRemainders, changeOrderType, confirmSalesOrder, deliverOrder, invoiceOrder, reserveLines, salesOrderStatus, typeChangeRefusal,
  type LineQuantity, type StockAvailable, type TypeChange,
} from '../engine/domain/sales/sales-order.ts';
import { salesOrderTypes, type SalesOrderRecord, type SalesOrderStatus, type SalesOrderType } from '../engine/domain/sales/types.ts';
import { isViolation, type RuleViolation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type SalesOrderEvent =
  /** SM-1: the order confirmed to the customer. */
  | { type: 'CONFIRM'; on: string }
  /** SM-2: On order lines reserved from what is available. */
  | { type: 'RESERVE'; available: readonly StockAvailable[] }
  /** SM-12: a posted packing slip's quantities (a receipt, on a returned order). */
  | { type: 'DELIVER'; lines: readonly LineQuantity[] }
  /** SM-13: a posted invoice's quantities. */
  | { type: 'INVOICE'; lines: readonly LineQuantity[] }
  /** SM-2: what is left to deliver on these lines (all when null) is cancelled. */
  | { type: 'CANCEL_REMAINDERS'; lineIds: readonly string[] | null }
  /** SM-5: the order takes another type. */
  | ({ type: 'CHANGE_TYPE'; to: SalesOrderType } & TypeChange);

/** The refusal in a rule's result, or null when it made a record. */
const refusalIn = (result: SalesOrderRecord | RuleViolation): RuleViolation | null => (isViolation(result) ? result : null);

/** A change its guard accepted: the rule cannot refuse it now. */
function accepted(result: SalesOrderRecord | RuleViolation): SalesOrderRecord {
  if (isViolation(result)) throw new Error(`a guarded change was refused: ${result.message}`);
  return result;
}

/** The order's rules, each the guard of the transitions it governs. */
export const salesOrderRules = {
  'SM-1 confirmationDay': (context, event) => {
    assertEvent(event, 'CONFIRM');
    return refusalIn(confirmSalesOrder(context, event.on));
  },
  'SM-12 withinDeliverRemainder': (context, event) => {
    assertEvent(event, 'DELIVER');
    return refusalIn(deliverOrder(context, event.lines));
  },
  'SM-13 withinInvoiceRemainder': (context, event) => {
    assertEvent(event, 'INVOICE');
    return refusalIn(invoiceOrder(context, event.lines));
  },
  'SM-2 remainderToCancel': (context, event) => {
    assertEvent(event, 'CANCEL_REMAINDERS');
    return refusalIn(cancelRemainders(context, event.lineIds));
  },
  'SM-5 typeChangeAllowed': (context, event) => {
    assertEvent(event, 'CHANGE_TYPE');
    return typeChangeRefusal(context, event.to, event);
  },
} satisfies Record<string, Rule<SalesOrderRecord, SalesOrderEvent>>;

/** The order as staff name it, for refusals ("cannot deliver now: it is a cancelled sales order"). */
const orderNoun: Record<SalesOrderType, string> = {
  journal: 'journal', salesOrder: 'sales order', subscription: 'subscription', returnedOrder: 'returned order', itemRequirements: 'item requirements order',
};
const withArticle = (words: string) => `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
const statusMeans: Record<SalesOrderStatus, (noun: string) => string> = {
  openOrder: (noun) => `it is ${withArticle(`open ${noun}`)}`,
  delivered: (noun) => `it is ${withArticle(noun)} delivered in full`,
  invoiced: (noun) => `it is ${withArticle(noun)} delivered and invoiced in full`,
  cancelled: (noun) => `it is ${withArticle(`cancelled ${noun}`)}`,
};
const journalMeans = 'it is a journal, a draft: make it a sales order first';

type RuleName = keyof typeof salesOrderRules;
type ChangeName = 'confirm' | 'reserve' | 'deliver' | 'invoice' | 'cancelRemainders' | 'changeType';

/** A change of the record, guarded by its rule; the order then settles in the state it belongs in. */
const settle = <G extends RuleName, A extends ChangeName>(guard: G, action: A) => ({ guard, target: '#salesOrder.settling' as const, actions: action });
const changeType = { CHANGE_TYPE: settle('SM-5 typeChangeAllowed', 'changeType') };

/** A type's states: its statuses, and what each takes. A returned order receives stock: it reserves nothing (SM-4). */
function typeStates(type: Exclude<SalesOrderType, 'journal'>) {
  const reserve = type === 'returnedOrder' ? {} : { RESERVE: { target: '#salesOrder.settling' as const, actions: 'reserve' as const } };
  const rules = type === 'returnedOrder' ? { rules: { RESERVE: 'SM-4' } } : {};
  const status = (means: SalesOrderStatus) => ({ meta: { refuses: { rule: 'SM-2', means: statusMeans[means](orderNoun[type]), ...rules } } });
  return {
    on: changeType,
    initial: 'openOrder',
    states: {
      openOrder: {
        ...status('openOrder'),
        on: {
          CONFIRM: settle('SM-1 confirmationDay', 'confirm'),
          ...reserve,
          DELIVER: settle('SM-12 withinDeliverRemainder', 'deliver'),
          // A part delivered can be invoiced before the rest is.
          INVOICE: settle('SM-13 withinInvoiceRemainder', 'invoice'),
          CANCEL_REMAINDERS: settle('SM-2 remainderToCancel', 'cancelRemainders'),
        },
      },
      delivered: {
        ...status('delivered'),
        on: { CONFIRM: settle('SM-1 confirmationDay', 'confirm'), INVOICE: settle('SM-13 withinInvoiceRemainder', 'invoice') },
      },
      invoiced: status('invoiced'),
      cancelled: status('cancelled'),
    },
  };
}

/** Where an order settles: its type, then its derived status (a journal is never delivered or invoiced, SM-1). */
const settlings = salesOrderTypes.flatMap((type) =>
  (type === 'journal' ? (['openOrder', 'cancelled'] as const) : (['openOrder', 'delivered', 'invoiced', 'cancelled'] as const)).map((status) => ({
    guard: { type: 'settlesIn' as const, params: { type, status } },
    target: `#salesOrder.${type}.${status}`,
  })),
);

export function createSalesOrderMachine() {
  const rules = salesOrderRules;
  return setup({
    types: { context: {} as SalesOrderRecord, events: {} as SalesOrderEvent, input: {} as SalesOrderRecord },
    guards: {
      ...guardsOf(rules),
      settlesIn: ({ context }, params: { type: SalesOrderType; status: SalesOrderStatus }) => context.header.type === params.type && salesOrderStatus(context) === params.status,
    },
    actions: {
      confirm: assign(({ context, event }) => {
        assertEvent(event, 'CONFIRM');
        return accepted(confirmSalesOrder(context, event.on));
      }),
      reserve: assign(({ context, event }) => {
        assertEvent(event, 'RESERVE');
        return accepted(reserveLines(context, event.available));
      }),
      deliver: assign(({ context, event }) => {
        assertEvent(event, 'DELIVER');
        return accepted(deliverOrder(context, event.lines));
      }),
      invoice: assign(({ context, event }) => {
        assertEvent(event, 'INVOICE');
        return accepted(invoiceOrder(context, event.lines));
      }),
      cancelRemainders: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL_REMAINDERS');
        return accepted(cancelRemainders(context, event.lineIds));
      }),
      changeType: assign(({ context, event }) => {
        assertEvent(event, 'CHANGE_TYPE');
        return accepted(changeOrderType(context, event.to, event));
      }),
    },
  }).createMachine({
    id: 'salesOrder',
    context: ({ input }) => input,
    meta: { subject: (context) => `order ${context.header.salesOrderId}`, field: 'salesOrderId', rules } satisfies ChartMeta<SalesOrderRecord>,
    // A restored order starts, and every change ends, where its type and lines say it is.
    initial: 'settling',
    states: {
      settling: { always: settlings },
      journal: {
        meta: { refuses: { rule: 'SM-1', means: journalMeans } },
        on: changeType,
        initial: 'openOrder',
        states: {
          openOrder: { on: { CANCEL_REMAINDERS: settle('SM-2 remainderToCancel', 'cancelRemainders') } },
          cancelled: { meta: { refuses: { rule: 'SM-1', means: `${statusMeans.cancelled(orderNoun.journal)}, a draft: make it a sales order first` } } },
        },
      },
      salesOrder: typeStates('salesOrder'),
      subscription: typeStates('subscription'),
      returnedOrder: typeStates('returnedOrder'),
      itemRequirements: typeStates('itemRequirements'),
    },
  });
}

export type SalesOrderMachine = ReturnType<typeof createSalesOrderMachine>;
export type SalesOrderSnapshot = SnapshotFrom<SalesOrderMachine>;

/** The state an order's snapshot is in, as `{ type, status }` (for the host and the tests). */
export function settledIn(snapshot: SalesOrderSnapshot): { type: SalesOrderType; status: SalesOrderStatus } {
  const [type, status] = Object.entries(snapshot.value as Record<string, string>)[0]!;
  return { type: type as SalesOrderType, status: status as SalesOrderStatus };
}
