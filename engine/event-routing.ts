/**
 * Where what an actor emits goes, within the command that made it: a completed transaction becomes an order, a
 * receipt, an edit, a cancellation, a pickup or a return; an order's lines reach the locations that fulfil them;
 * a location's operations are reported back to the order.
 */
import type { EventObject } from 'xstate';
import type { CommandScope } from './command-scope.ts';
import { locationsOfOrder, type FulfillmentLineAssignment } from './domain/customer-order.ts';
import { completeTransaction } from './flows/complete-transaction.ts';
import type { CustomerOrderEmitted } from '../machines/customer-order.machine.ts';
import type { FulfillmentGroupEmitted } from '../machines/fulfillment-group.machine.ts';
import type { RegisterEmitted } from '../machines/register.machine.ts';

type Emitted = RegisterEmitted | CustomerOrderEmitted | FulfillmentGroupEmitted;
type Routes = { [T in Emitted['type']]: (scope: CommandScope, event: Extract<Emitted, { type: T }>) => void };

/**
 * An order's lines reach the locations that ship or hand them over; a location that lost lines in an edit lets them
 * go. The locations holding the order before are those of its lines as the command found it.
 */
function assignToLocations(scope: CommandScope, orderId: string, lines: FulfillmentLineAssignment[]): void {
  const before = scope.touched.get(`order:${orderId}`)?.before?.context;
  const locations = new Set(lines.map((l) => l.locationId));
  for (const locationId of before === undefined ? [] : locationsOfOrder(before as Parameters<typeof locationsOfOrder>[0])) {
    if (scope.snapshot('fulfillment', locationId).context.lines.has(orderId)) locations.add(locationId);
  }
  for (const locationId of locations) {
    scope.send('fulfillment', locationId, { type: 'ASSIGN', orderId, lines: lines.filter((l) => l.locationId === locationId) }, 'locationId');
  }
}

const routes: Routes = {
  transactionCompleted: (scope, event) => completeTransaction(scope, event.registerId, event.storeId, event.transaction),
  transactionVoided: (scope, event) => {
    if (event.transaction.kind === 'orderEdit' && event.transaction.order !== null) {
      scope.send('order', event.transaction.order.orderId, { type: 'RELEASE_EDIT', registerId: event.registerId });
    }
  },
  fulfillmentRequested: (scope, event) => assignToLocations(scope, event.orderId, event.lines),
  fulfillmentChanged: (scope, event) => assignToLocations(scope, event.orderId, event.lines),
  orderCancelled: (scope, event) => {
    for (const locationId of locationsOfOrder(scope.context('order', event.orderId))) {
      if (scope.snapshot('fulfillment', locationId).context.lines.has(event.orderId)) scope.send('fulfillment', locationId, { type: 'ORDER_CANCELLED', orderId: event.orderId });
    }
  },
  accepted: (scope, event) => scope.send('order', event.orderId, { type: 'ACCEPT', lineIds: event.lineIds }, 'lines'),
  pickListed: (scope, event) => scope.send('order', event.orderId, { type: 'PICK_LIST', pickListId: event.pickListId, lineIds: event.lineIds }, 'lines'),
  picked: (scope, event) => scope.send('order', event.orderId, { type: 'PICK', lines: event.lines }, 'lines'),
  packed: (scope, event) => scope.send('order', event.orderId, { type: 'PACK', lines: event.lines }, 'lines'),
  // CO-8: what deposits do not cover is charged to the card token at invoicing.
  shipped: (scope, event) => scope.send('order', event.orderId, { type: 'INVOICE', invoiceId: event.invoiceId, kind: 'ship', lines: event.lines, payment: { paymentId: scope.ids.next('PAY'), method: 'cardToken' } }, 'lines'),
  // The register that tendered the pickup invoices the order itself (complete-transaction).
  pickedUp: () => {},
  rejected: (scope, event) => scope.send('order', event.orderId, { type: 'REJECT', lines: event.lines }, 'lines'),
  reset: (scope, event) => scope.send('order', event.orderId, { type: 'RESET_FULFILLMENT', lineIds: event.lineIds, manualAccept: event.manualAccept }, 'lineIds'),
};

export function routeEmitted(scope: CommandScope, event: EventObject): void {
  const route = routes[event.type as Emitted['type']] as ((scope: CommandScope, event: EventObject) => void) | undefined;
  if (route === undefined) throw new Error(`no route for emitted ${event.type}`);
  route(scope, event);
}
