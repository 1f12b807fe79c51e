/**
 * What a signed-in session may do (ST-5, enforced here, on the server, not only hidden in the screens). Each command,
 * read and room needs a job of the session's role, at a place (engine/protocol/access-matrix.ts, listed in
 * docs/access.md):
 * - till work (`till`) at the register the session signed in at, as the signed-in operator whoever opened the shift;
 *   customers' personal data (`customers`) likewise at that register for commands, at a store for reads;
 * - a recall for edit or cancel of its own store's orders, for pickup of orders to hand over at its store;
 * - fulfilment (`fulfillment`) at its site's location, as itself (the operator is the session's, never the client's);
 * - headquarters' work (`backOffice`: jobs, schedules, links, the clock, resetting fulfilment) anywhere.
 * The approver of a command is the operator, or another staff member who gave their PIN (a manager's approval at the
 * till). The engine then applies its own rules to that operator or approver (deposit override, charge override, ...).
 */
import type { Chain, ChainCommand } from '../chain.ts';
import type { Catalog } from '../domain/catalog.ts';
import { COMMAND_ACCESS, heldGrants, JOB_WORK, type Grant, type Scope } from '../protocol/access-matrix.ts';
import { APPROVABLE } from '../protocol/approvals.ts';
import { isCallCenterDeskCommand } from '../protocol/call-center.ts';
import type { ApiError } from './errors.ts';
import type { Session, SessionStore } from './sessions.ts';

const forbidden = (field: string, message: string): ApiError => ({ status: 403, rule: 'ST-5', field, message });

export interface Approval { operatorId: string; pin: string }

/** What an operation names, as far as the scopes look: its register, its store (and the field naming it), its location. */
export interface Target {
  registerId?: string | undefined;
  store?: { id: string; field: string; what: string } | undefined;
  locationId?: string | undefined;
}

/**
 * Whether the session may do an operation (a command type, a read, a room) with these grants on this target: null,
 * or why not. A role without the job is refused naming `field` (the operation itself); a session in the wrong place
 * is refused naming the field of the place.
 */
export function permitted(catalog: Catalog, session: Session, operation: string, grants: readonly Grant[], target: Target, field: string): ApiError | null {
  const held = heldGrants(grants, session.permissions);
  if (held.length === 0) {
    const work = [...new Set(grants.flatMap((g) => (g.job === null ? [] : [JOB_WORK[g.job]])))].join(' or ');
    const role = catalog.roles.get(session.roleId)?.name ?? session.roleId;
    return forbidden(field, `${operation} is ${work}, which ${session.operatorId} (${role}) does not do`);
  }
  let refusal: ApiError | null = null;
  for (const grant of held) {
    const outside = outsideScope(catalog, session, grant.at, target, operation);
    if (outside === null) return null;
    refusal ??= outside;
  }
  return refusal;
}

function outsideScope(catalog: Catalog, session: Session, at: Scope, target: Target, operation: string): ApiError | null {
  const site = session.storeId ?? session.locationId;
  switch (at) {
    case 'register': {
      const registerId = target.registerId ?? '';
      if (registerId === session.registerId) return null;
      if (catalog.registers.get(registerId) !== session.storeId || session.storeId === null) return forbidden('registerId', `register ${registerId} is not at ${site}`);
      return forbidden('registerId', session.registerId === null
        ? `till work is done signed in at the register: sign in at ${registerId}`
        : `this screen works register ${session.registerId}`);
    }
    case 'store':
      if (session.storeId === null) return forbidden(target.store?.field ?? 'authorization', `${operation} is done at a store, not at ${site}`);
      return target.store === undefined || target.store.id === session.storeId ? null : forbidden(target.store.field, `${target.store.what} is not ${session.storeId}'s`);
    case 'location':
      return target.locationId === session.locationId ? null : forbidden('locationId', `this screen fulfils at ${session.locationId}, not ${target.locationId}`);
    case 'site':
    case 'chain':
      return null;
  }
}

/**
 * The command as the session may send it (operator and approver filled in), or why it may not. Where it may act is
 * checked before any approval PIN, so that a command refused anyway costs no approval attempt.
 */
export async function authorize(chain: Chain, sessions: SessionStore, session: Session, command: ChainCommand, approval: Approval | undefined): Promise<ChainCommand | ApiError> {
  const refused = permitted(chain.catalog, session, command.type, COMMAND_ACCESS[command.type], targetOf(chain, command), 'type') ?? asTheSession(chain, session, command);
  if (refused !== null) return refused;
  if ('approverId' in command && command.approverId !== undefined && command.approverId !== session.operatorId) {
    return forbidden('approverId', `an approval by ${command.approverId} needs their PIN (send it as approval)`);
  }
  if (approval !== undefined && !APPROVABLE.has(command.type)) return { status: 400, rule: 'VALIDATION', field: 'approval', message: `${command.type} takes no approval` };
  if (!APPROVABLE.has(command.type)) return command;
  if (approval !== undefined) {
    const denied = await sessions.approve(session, approval);
    if (denied !== null) return denied;
  }
  return { ...command, approverId: approval?.operatorId ?? session.operatorId } as ChainCommand;
}

function targetOf(chain: Chain, command: ChainCommand): Target {
  const { registerId, locationId } = command as { registerId?: string; locationId?: string };
  const order = command.type === 'order.approveQuote' && chain.hasOrder(command.orderId) ? chain.orderView(command.orderId) : null;
  return { registerId, locationId, store: order === null ? undefined : { id: order.storeId, field: 'orderId', what: `order ${order.orderId}` } };
}

/** What the session does, it does as its own operator; and a recall finds only the orders that are its store's business. */
function asTheSession(chain: Chain, session: Session, command: ChainCommand): ApiError | null {
  if (command.type === 'register.openShift' && command.operatorId !== session.operatorId) return forbidden('operatorId', 'a shift is opened by the signed-in operator');
  if (command.type === 'register.recallOrder') return recallScope(chain, session, command.orderId, command.purpose);
  if (command.type === 'callCenter.submitOrder' && command.order.enteredBy !== session.operatorId) return forbidden('order.enteredBy', 'a call-center order is entered as the signed-in agent');
  if (command.type === 'callCenter.cancelEnrolment' && command.operatorId !== session.operatorId) return forbidden('operatorId', 'an enrolment is cancelled as the signed-in operator');
  if (command.type === 'callCenter.catalog' && command.operatorId !== session.operatorId) return forbidden('operatorId', 'a catalog is validated, approved and published as the signed-in operator');
  if (isCallCenterDeskCommand(command) && command.operatorId !== session.operatorId) return forbidden('operatorId', 'the call center\'s work is done as the signed-in operator');
  if ('operatorId' in command && command.type.startsWith('fulfillment.') && command.operatorId !== session.operatorId) {
    return forbidden('operatorId', 'fulfilment is done as the signed-in operator');
  }
  return null;
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
