/**
 * CO-14: what a store offers for an order in its current state. Each operation is offered, or not with the reason in
 * plain words and the rule behind it, so screens show it disabled with that reason instead of refusing after a click.
 * The engine refuses the same recalls (the order's chart and its guards: test/unit/order-operations.test.ts checks
 * the two agree).
 */
import type { CustomerOrderContext, OrderLifecycle } from './customer-order.ts';
import { isFulfillmentStarted, openQuantity, uninvoicedQuantity } from './fulfillment.ts';

export const ORDER_OPERATIONS = ['edit', 'cancel', 'pickup', 'fulfil', 'return'] as const;
export type OrderOperation = typeof ORDER_OPERATIONS[number];

export type OperationOffer = { offered: true } | { offered: false; reason: string; rule: string };

/** Where the question is asked: the store's own location, its edit-partially-fulfilled feature, its link. */
export interface AskedAt {
  locationId: string;
  editPartiallyFulfilled: boolean;
  /** SY-1: headquarters answers in real time, so an async order it may have created since can be recalled. */
  headquartersReachable: boolean;
}

export type OrderForOperations = Pick<CustomerOrderContext, 'origin' | 'orderCompletion' | 'salesOrderId' | 'lines' | 'editedBy'>;

const offered: OperationOffer = { offered: true };
const notOffered = (rule: string, reason: string): OperationOffer => ({ offered: false, reason, rule });

/** What stops any recall (edit, cancel, pick up): a cancelled order, an edit at another till, an order not at headquarters. */
function recallBlocked(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt, rule: string): OperationOffer | null {
  if (lifecycle === 'cancelled') return notOffered('STATE', 'The order is cancelled.');
  if (order.editedBy !== null) return notOffered('CONFLICT', `The order is being edited at register ${order.editedBy}.`);
  if (order.salesOrderId === null && !at.headquartersReachable) {
    return notOffered(rule, 'The order was created offline or async and this store cannot ask headquarters whether it has it yet.');
  }
  return null;
}

function editOffer(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt): OperationOffer {
  // CC-21: the call center's own orders with order completion are edited there.
  if (order.origin === 'callCenter' && order.orderCompletion) return notOffered('CO-10', 'Orders from a call center with order completion are edited in the call center.');
  const blocked = recallBlocked(order, lifecycle, at, 'CO-10');
  if (blocked !== null) return blocked;
  if (order.lines.every((l) => l.progress.invoiced === l.progress.quantity)) return notOffered('CO-10', 'The order is fully invoiced.');
  const started = order.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind));
  if (started && !at.editPartiallyFulfilled) return notOffered('CO-10', 'Fulfilment has started and this store does not edit partially fulfilled orders.');
  return offered;
}

function cancelOffer(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt): OperationOffer {
  if (order.origin === 'callCenter') return notOffered('CC-21', 'Orders from a call center are cancelled in the call center.');
  const blocked = recallBlocked(order, lifecycle, at, 'CO-11');
  if (blocked !== null) return blocked;
  if (order.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind))) return notOffered('CO-11', 'A line is already picked, packed or invoiced.');
  return offered;
}

function pickupOffer(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt): OperationOffer {
  const here = order.lines.filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === at.locationId);
  if (here.length === 0) return notOffered('FF-6', 'No line of this order is for pickup at this store.');
  if (here.every((l) => uninvoicedQuantity(l.progress) === 0)) return notOffered('FF-6', 'Everything for pickup here has been picked up.');
  if (lifecycle === 'quote') return notOffered('CO-9', 'It is a quote: approve it into an order first.');
  return recallBlocked(order, lifecycle, at, 'SY-2') ?? offered;
}

function fulfilOffer(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt): OperationOffer {
  if (lifecycle === 'cancelled') return notOffered('STATE', 'The order is cancelled.');
  if (lifecycle === 'quote') return notOffered('CO-9', 'It is a quote: approve it into an order first.');
  const open = order.lines.some((l) => l.delivery.kind !== 'carryOut' && l.delivery.locationId === at.locationId && openQuantity(l.progress) > 0);
  if (!open) return notOffered('FF-1', 'No line of this order is open for this store.');
  if (order.salesOrderId === null) return notOffered('SY-2', 'Its lines reach fulfilment once headquarters has the order.');
  return offered;
}

function returnOffer(order: OrderForOperations): OperationOffer {
  if (!order.lines.some((l) => l.progress.invoiced > 0)) return notOffered('RT-1', 'Nothing on this order is invoiced yet.');
  if (order.lines.every((l) => l.progress.returned >= l.progress.invoiced)) return notOffered('RT-1', 'Everything invoiced has been returned.');
  return offered;
}

/** CO-14: each operation, offered or not (with why), for the order as a store sees it. */
export function orderOperations(order: OrderForOperations, lifecycle: OrderLifecycle, at: AskedAt): Record<OrderOperation, OperationOffer> {
  return {
    edit: editOffer(order, lifecycle, at),
    cancel: cancelOffer(order, lifecycle, at),
    pickup: pickupOffer(order, lifecycle, at),
    fulfil: fulfilOffer(order, lifecycle, at),
    return: returnOffer(order),
  };
}
