/**
 * CC-2 / CC-21: call-center orders reach the store that owns them with headquarters' distribution package (SY-4),
 * as sales orders headquarters already has: each is created here once, confirmed with its sales order like a POS
 * order created in real time, and its ship and pickup lines go to the locations that fulfil them (their screens and
 * pickup boards show it). A package that arrives again (a retried or duplicated 1010 run) adds nothing. A cancelled
 * one (CC-21) is cancelled here, or never created.
 */
import type { CommandScope } from '../command-scope.ts';
import { callCenterCustomerOrder, type CallCenterOrderDelivery } from '../domain/call-center-submission.ts';

export function receiveCallCenterOrders(scope: CommandScope, deliveries: readonly CallCenterOrderDelivery[]): { received: number; known: number; cancelled: number; cancelRefused: number } {
  let received = 0;
  let known = 0;
  const cancels = { cancelled: 0, cancelRefused: 0 };
  for (const delivery of deliveries) {
    const { orderId } = delivery.order;
    if (delivery.cancelledAt !== undefined) {
      const outcome = receiveCancel(scope, orderId);
      if (outcome === 'known') known += 1;
      else cancels[outcome] += 1;
      continue;
    }
    if (scope.parts.actors.has('order', orderId)) {
      known += 1;
      continue;
    }
    // The customer as this store knows them (the package brought any new account before its orders).
    const input = callCenterCustomerOrder(scope.catalog, delivery, scope.customerIdOf(delivery.order.customerId));
    // Headquarters built the same order from the same catalog: a refusal here is a fault, not a rule.
    if ('rule' in input) throw new Error(`call-center order ${orderId} from headquarters does not fit this store: ${input.message}`);
    scope.spawn('order', orderId, input);
    scope.send('order', orderId, { type: 'HEADQUARTERS_CONFIRMED', salesOrderId: delivery.salesOrderId });
    received += 1;
  }
  return { received, known, ...cancels };
}

/**
 * CC-21: the call center cancelled the order. One this store never had is not created; one it has is cancelled
 * (its fulfilment lines released) unless the store has already started on it: then it stays, and its updates tell
 * headquarters so. A package that arrives again finds it cancelled already.
 */
function receiveCancel(scope: CommandScope, orderId: string): 'cancelled' | 'cancelRefused' | 'known' {
  const order = scope.parts.actors.snapshot('order', orderId);
  if (order === undefined || order.matches('cancelled')) return 'known';
  const event = { type: 'CALL_CENTER_CANCELLED' as const, payment: { paymentId: scope.ids.next('PAY'), method: order.context.payments[0]?.method ?? 'card' } };
  if (!order.can(event)) return 'cancelRefused';
  scope.send('order', orderId, event);
  return 'cancelled';
}
