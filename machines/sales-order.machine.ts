/**
 * Sales order actor (SM-1..SM-5): one state per order type, and inside it the order's status (SM-2: Open order ->
 * Delivered -> Invoiced, or Cancelled). The context is the SalesOrderRecord itself; every change goes through the
 * pure rules of engine/domain/sales/sales-order.ts, and after each one the order settles in the state its type and
 * `salesOrderStatus` give, so the chart and the derived status cannot disagree. A journal (SM-1) takes no confirmation,
 * packing slip, invoice or reservation; a returned order (SM-4) reserves nothing; the type changes at any status (SM-5).
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  cancelRemainders, changeOrderType, confirmSalesOrder, deliverOrder, invoiceOrder, reserveLines, salesOrderStatus,
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

/** What an event does to the order, by the pure rules: the new record, or why not. */
function changeFor(record: SalesOrderRecord, event: SalesOrderEvent): SalesOrderRecord | RuleViolation {
  switch (event.type) {
    case 'CONFIRM': return confirmSalesOrder(record, event.on);
    case 'RESERVE': return reserveLines(record, event.available);
    case 'DELIVER': return deliverOrder(record, event.lines);
    case 'INVOICE': return invoiceOrder(record, event.lines);
    case 'CANCEL_REMAINDERS': return cancelRemainders(record, event.lineIds);
    case 'CHANGE_TYPE': return changeOrderType(record, event.to, event);
  }
}

/** The rule of an event's transitions: the refusal its change meets, or null. */
const ruleOf = (type: SalesOrderEvent['type']): Rule<SalesOrderRecord, SalesOrderEvent> => (context, event) => {
  assertEvent(event, type);
  const changed = changeFor(context, event);
  return isViolation(changed) ? changed : null;
};

/** The order's rules, each the guard of the transitions it governs. */
export const salesOrderRules = {
  'SM-1 confirmationDay': ruleOf('CONFIRM'),
  'SM-2 stockAvailable': ruleOf('RESERVE'),
  'SM-12 withinDeliverRemainder': ruleOf('DELIVER'),
  'SM-13 withinInvoiceRemainder': ruleOf('INVOICE'),
  'SM-2 remainderToCancel': ruleOf('CANCEL_REMAINDERS'),
  'SM-5 typeChangeAllowed': ruleOf('CHANGE_TYPE'),
} satisfies Record<string, Rule<SalesOrderRecord, SalesOrderEvent>>;

/** An event's change made (its guard accepted it, so the rules cannot refuse it now). */
const making = (type: SalesOrderEvent['type']) => assign<SalesOrderRecord, SalesOrderEvent, undefined, SalesOrderEvent, never>(({ context, event }) => {
  assertEvent(event, type);
  const changed = changeFor(context, event);
  if (isViolation(changed)) throw new Error(`a guarded change was refused: ${changed.message}`);
  return changed;
});

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
  const reserve = type === 'returnedOrder' ? {} : { RESERVE: settle('SM-2 stockAvailable', 'reserve') };
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
      confirm: making('CONFIRM'),
      reserve: making('RESERVE'),
      deliver: making('DELIVER'),
      invoice: making('INVOICE'),
      cancelRemainders: making('CANCEL_REMAINDERS'),
      changeType: making('CHANGE_TYPE'),
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
