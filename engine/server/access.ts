/**
 * What a signed-in session may send (ST-5, enforced here, on the server, not only hidden in the screens):
 * - till and customer commands for the registers of its store (its own register when it signed in at one), acting
 *   with the signed-in operator's own permissions whoever opened the shift: the approver of a command is the
 *   operator, or another staff member who gave their PIN (a manager's approval at the till);
 * - a recall for edit or cancel of its own store's orders, for pickup of orders to hand over at its store;
 * - fulfilment commands for its site's location, as itself (the operator is the session's, never the client's);
 * - headquarters' work (jobs, schedules, links, the clock, resetting fulfilment) with the backOffice permission.
 * The engine then applies its own rules to that operator or approver (deposit override, charge override, ...).
 */
import type { Chain, ChainCommand } from '../chain.ts';
import { APPROVABLE } from '../protocol/approvals.ts';
import type { ApiError } from './errors.ts';
import type { Session, SessionStore } from './sessions.ts';

const forbidden = (field: string, message: string): ApiError => ({ status: 403, rule: 'ST-5', field, message });

export interface Approval { operatorId: string; pin: string }

/**
 * The command as the session may send it (operator and approver filled in), or why it may not. Where it may act is
 * checked before any approval PIN, so that a command refused anyway costs no approval attempt.
 */
export async function authorize(chain: Chain, sessions: SessionStore, session: Session, command: ChainCommand, approval: Approval | undefined): Promise<ChainCommand | ApiError> {
  if ('approverId' in command && command.approverId !== undefined && command.approverId !== session.operatorId) {
    return forbidden('approverId', `an approval by ${command.approverId} needs their PIN (send it as approval)`);
  }
  if (approval !== undefined && !APPROVABLE.has(command.type)) return { status: 400, rule: 'VALIDATION', field: 'approval', message: `${command.type} takes no approval` };
  const outOfScope = scope(chain, session, command);
  if (outOfScope !== null) return outOfScope;
  if (!APPROVABLE.has(command.type)) return command;
  if (approval !== undefined) {
    const refused = await sessions.approve(session, approval);
    if (refused !== null) return refused;
  }
  return { ...command, approverId: approval?.operatorId ?? session.operatorId } as ChainCommand;
}

/** Whether the command is for the session's site and role. */
function scope(chain: Chain, session: Session, command: ChainCommand): ApiError | null {
  const type = command.type;
  if (type.startsWith('register.') || type.startsWith('customer.')) {
    const { registerId } = command as { registerId: string };
    if (session.storeId === null || chain.catalog.registers.get(registerId) !== session.storeId) {
      return forbidden('registerId', `register ${registerId} is not at ${session.storeId ?? session.locationId}`);
    }
    if (session.registerId !== null && session.registerId !== registerId) return forbidden('registerId', `this screen works register ${session.registerId}`);
    if (command.type === 'register.openShift' && command.operatorId !== session.operatorId) return forbidden('operatorId', 'a shift is opened by the signed-in operator');
    return command.type === 'register.recallOrder' ? recallScope(chain, session, command.orderId, command.purpose) : null;
  }
  if (type.startsWith('fulfillment.')) {
    const { locationId, operatorId } = command as { locationId: string; operatorId: string };
    if (locationId !== session.locationId) return forbidden('locationId', `this screen fulfils at ${session.locationId}, not ${locationId}`);
    return operatorId === session.operatorId ? null : forbidden('operatorId', 'fulfilment is done as the signed-in operator');
  }
  if (command.type === 'order.approveQuote') {
    const order = chain.hasOrder(command.orderId) ? chain.orderView(command.orderId) : null;
    return order !== null && order.storeId !== session.storeId ? forbidden('orderId', `order ${command.orderId} is not ${session.storeId ?? session.locationId}'s`) : null;
  }
  // Headquarters' work: jobs, schedules, links, the clock, resetting fulfilment.
  return session.permissions.includes('backOffice') ? null : forbidden('type', `${command.type} is headquarters' work (backOffice permission)`);
}

/** A store edits and cancels its own orders, and hands over the pickup lines of any order at its own location. */
function recallScope(chain: Chain, session: Session, orderId: string, purpose: 'edit' | 'cancel' | 'pickup'): ApiError | null {
  if (!chain.hasOrder(orderId)) return null; // the engine says it is unknown
  const order = chain.orderView(orderId);
  const mine = purpose === 'pickup'
    ? order.lines.some((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === session.locationId)
    : order.storeId === session.storeId;
  return mine ? null : { status: 404, rule: 'NOT_FOUND', field: 'orderId', message: `no order "${orderId}" to ${purpose === 'pickup' ? 'pick up' : purpose} at this store` };
}
