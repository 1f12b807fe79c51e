/**
 * Recall an order at a register (CO-10 edit, CO-11 cancel, FF-6 pick up): an async order is first looked up at
 * headquarters (SY-1), the order is checked for what the recall is for, and the register opens the matching
 * transaction with the order as it is now.
 */
import type { CommandScope } from '../command-scope.ts';
import { cancellationCharge } from '../domain/cancellation.ts';
import { uninvoicedQuantity } from '../domain/fulfillment.ts';
import { buildInvoice } from '../domain/order-invoicing.ts';
import { recalledOrder, type RecalledOrder } from '../domain/register-transaction.ts';
import { orderTotals } from '../domain/sales.ts';
import { refuse } from '../domain/violation.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { linkState } from '../../machines/sync-channel.machine.ts';
import { ensureAtHeadquarters } from './ask-headquarters-for-order.ts';

function recalled(scope: CommandScope, orderId: string): RecalledOrder {
  const snapshot = scope.snapshot('order', orderId, 'orderId');
  return recalledOrder(snapshot.context, snapshot.matches('quote'));
}

export function recallOrder(scope: CommandScope, command: CommandOf<'register.recallOrder'>): Record<string, unknown> {
  const { registerId, orderId } = command;
  const register = scope.context('register', registerId);
  // SY-3: customer orders live at headquarters; an offline register only sells and creates customers.
  if (linkState(scope.snapshot('sync', register.storeId, 'storeId')) === 'offline') refuse('SY-3', `store ${register.storeId} is offline: customer orders can be recalled once it is back online`, 'registerId');
  const transactionId = scope.ids.next(`T-${registerId}`);
  ensureAtHeadquarters(scope, orderId, command.purpose);
  const order = scope.context('order', orderId, 'orderId');
  switch (command.purpose) {
    case 'edit':
      scope.send('order', orderId, { type: 'RECALL_FOR_EDIT', registerId, storeId: register.storeId }, 'orderId');
      scope.send('register', registerId, { type: 'RECALL_EDIT', transactionId, order: recalled(scope, orderId) }, 'registerId');
      return { registerId, transactionId, orderId };
    case 'cancel': {
      const proposedCharge = cancellationCharge(orderTotals(order.lines.filter((l) => l.delivery.kind !== 'carryOut'), order.charges).total, scope.catalog.config.parameters.cancellationChargePct);
      // CO-11: a status that forbids cancelling is refused at recall, before the charge is shown.
      scope.check('order', orderId, { type: 'CANCEL', registerId, charge: proposedCharge, payment: { paymentId: 'preview', method: 'cash' } }, 'orderId');
      scope.send('register', registerId, { type: 'RECALL_CANCEL', transactionId, order: recalled(scope, orderId), proposedCharge }, 'registerId');
      return { registerId, transactionId, orderId, proposedCharge };
    }
    case 'pickup': {
      const store = scope.catalog.stores.get(register.storeId)!;
      const lines = command.lines ?? order.lines
        .filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === store.locationId && uninvoicedQuantity(l.progress) > 0)
        .map((l) => ({ lineId: l.lineId, quantity: uninvoicedQuantity(l.progress) }));
      if (lines.length === 0) refuse('FF-6', `order ${orderId} has nothing to pick up at ${store.locationId}`, 'lines');
      // FF-6 / FF-1: picked up at this store, same order and same mode, quantities the location can hand over.
      scope.check('fulfillment', store.locationId, { type: 'PICKUP', orderId, invoiceId: 'preview', lines }, 'lines');
      // CO-14: the order takes the pickup's invoice now (not while another till edits it, not as a quote), not only at the tender.
      scope.check('order', orderId, { type: 'INVOICE', invoiceId: 'preview', kind: 'pickup', lines, payment: { paymentId: 'preview', method: 'cash' } }, 'orderId');
      const due = buildInvoice(order, 'preview', 'pickup', lines).collect;
      scope.send('register', registerId, { type: 'START_PICKUP', transactionId, order: recalled(scope, orderId), lines, due }, 'registerId');
      return { registerId, transactionId, orderId, due };
    }
  }
}
