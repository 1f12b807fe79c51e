/**
 * Store fulfillment at one location (FF-1..FF-8) as its actor holds it: the open lines shipped from or picked up
 * at the location, by order, and its on hand. Only open work is held: a line leaves once fully invoiced (rejected
 * units stay until headquarters resets them), a cancelled order's lines leave at once. Both tables are persistent
 * maps, so an operation costs the lines it names, not the location's backlog.
 */
import { hasPermission, lacksPermission, type Catalog } from './catalog.ts';
import type { Permission } from './config.ts';
import type { FulfillmentLineAssignment } from './customer-order.ts';
import {
  checkAccept, checkInvoice, checkPack, checkPick, checkReject, openQuantity, storeLineStatus, uninvoicedQuantity, unitsIssued,
  type LineProgress, type ProductQuantity, type StoreLineStatus,
} from './fulfillment.ts';
import type { QuantityOfLine } from './order-invoicing.ts';
import { PersistentMap } from './persistent-map.ts';
import { violation, type RuleViolation } from './violation.ts';

export type FulfillmentLine = FulfillmentLineAssignment;

export interface FulfillmentGroupContext {
  locationId: string;
  /** The store whose screen this is; null for a warehouse that only ships. */
  storeId: string | null;
  /** FF-2: ship lines wait in Pending for a user with allow-accept. */
  manualAccept: boolean;
  /** The open lines here, by order id. */
  lines: PersistentMap<FulfillmentLine[]>;
  /** On-hand inventory by product, decremented as units leave the shelf (FF-3) and moved by the registers. */
  onHand: PersistentMap<number>;
}

export interface FulfillmentGroupInput {
  locationId: string;
  storeId: string | null;
  manualAccept: boolean;
  onHand: Readonly<Record<string, number>>;
}

/** The context as a persisted snapshot holds it (plain records). */
export type PersistedFulfillmentGroup = Omit<FulfillmentGroupContext, 'lines' | 'onHand'> & { lines: Record<string, FulfillmentLine[]>; onHand: Record<string, number> };

export interface LineRef { orderId: string; lineId: string }
export interface LineQuantity extends LineRef { quantity: number }

export type FulfillmentFilter = 'all' | 'toShip' | 'forPickup';

export interface FulfillmentListRow extends FulfillmentLine { status: StoreLineStatus }

export function newFulfillmentGroup(input: FulfillmentGroupInput): FulfillmentGroupContext {
  return { locationId: input.locationId, storeId: input.storeId, manualAccept: input.manualAccept, lines: PersistentMap.empty(), onHand: PersistentMap.of(input.onHand) };
}

/** Whether a context holds its tables as persistent maps already (a live one) rather than as plain records. */
export function isRevived(context: FulfillmentGroupContext | PersistedFulfillmentGroup): context is FulfillmentGroupContext {
  return context.lines instanceof PersistentMap && context.onHand instanceof PersistentMap;
}

/** The context from a persisted snapshot: its tables from plain records (or, as older snapshots hold them, a list of lines). */
export function revivedFulfillmentGroup(context: FulfillmentGroupContext | PersistedFulfillmentGroup): FulfillmentGroupContext {
  if (isRevived(context)) return context;
  const stored = context.lines as Record<string, FulfillmentLine[]> | FulfillmentLine[];
  const lines = Array.isArray(stored) ? PersistentMap.of(groupByOrder(stored)) : PersistentMap.of(stored);
  return { ...context, lines, onHand: PersistentMap.of(context.onHand) };
}

export function lineAt(context: FulfillmentGroupContext, ref: LineRef): FulfillmentLine | undefined {
  return context.lines.get(ref.orderId)?.find((l) => l.lineId === ref.lineId);
}

/** Every open line here. */
export function allLines(context: FulfillmentGroupContext): FulfillmentLine[] {
  return [...context.lines.values()].flat();
}

const matchesFilter = (line: FulfillmentLine, filter: FulfillmentFilter) => filter === 'all' || (filter === 'toShip' ? line.kind === 'ship' : line.kind === 'pickup');

export function listRow(line: FulfillmentLine): FulfillmentListRow {
  return { ...line, status: storeLineStatus(line.progress) };
}

/** FF-1: the screen's list, filtered all / to ship / for pickup, with each line's derived status. */
export function fulfillmentList(context: FulfillmentGroupContext, filter: FulfillmentFilter = 'all'): FulfillmentListRow[] {
  return allLines(context).filter((l) => matchesFilter(l, filter)).map(listRow);
}

/** FF-5: fully invoiced lines leave the list (rejected units stay until headquarters resets them). */
export function keepOnList(line: FulfillmentLine): boolean {
  return uninvoicedQuantity(line.progress) > 0 || line.progress.rejected > 0;
}

export function groupByOrder<T extends LineRef>(lines: readonly T[]): Map<string, T[]> {
  const byOrder = new Map<string, T[]>();
  for (const line of lines) {
    const group = byOrder.get(line.orderId);
    if (group === undefined) byOrder.set(line.orderId, [line]);
    else group.push(line);
  }
  return byOrder;
}

// --- Rules (null: the rule allows the operation) ---

/** ST-5 with the store's own staff: a store's screen is used by staff of that store. */
export function checkOperator(catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, permission?: Permission): RuleViolation | null {
  const staff = catalog.staff.get(operatorId);
  if (staff === undefined) return violation('NOT_FOUND', `unknown operator "${operatorId}"`, 'operatorId');
  if (context.storeId !== null && !staff.storeIds.includes(context.storeId)) {
    return violation('ST-5', `operator ${operatorId} does not work at store ${context.storeId}`, 'operatorId');
  }
  if (permission !== undefined && !hasPermission(catalog, operatorId, permission)) {
    return lacksPermission(catalog, permission, 'ST-5', 'operatorId');
  }
  return null;
}

/** FF-1: every named line is one of this location's, named once, and passes `check`. */
export function checkEach<T extends LineRef>(context: FulfillmentGroupContext, lines: readonly T[], check: (line: FulfillmentLine, item: T) => RuleViolation | null): RuleViolation | null {
  if (lines.length === 0) return violation('VALIDATION', 'name at least one line', 'lines');
  const seen = new Set<string>();
  for (const [i, item] of lines.entries()) {
    const line = lineAt(context, item);
    if (line === undefined) return violation('FF-1', `line ${item.orderId}/${item.lineId} is not fulfilled at ${context.locationId}`, `lines.${i}`);
    const key = `${item.orderId}\u0000${item.lineId}`;
    if (seen.has(key)) return violation('VALIDATION', `line ${item.orderId}/${item.lineId} is listed twice`, `lines.${i}`);
    seen.add(key);
    const found = check(line, item);
    if (found !== null) return { ...found, field: `lines.${i}.${found.field ?? 'lineId'}` };
  }
  return null;
}

/** FF-4 / FF-6: the lines of one operation share one mode of delivery. */
export function checkSameMode(context: FulfillmentGroupContext, orderId: string, lines: readonly { lineId: string }[], rule: string): RuleViolation | null {
  const modes = new Set(lines.map((l) => lineAt(context, { orderId, lineId: l.lineId })?.modeCode));
  return modes.size > 1 ? violation(rule, 'all lines must share one mode of delivery', 'lines') : null;
}

/** FF-1: an order's lines reach the location that ships or hands them over. */
export function checkAssignment(context: FulfillmentGroupContext, orderId: string, lines: readonly FulfillmentLine[]): RuleViolation | null {
  return lines.every((l) => l.locationId === context.locationId && l.orderId === orderId)
    ? null : violation('FF-1', `lines assigned to ${context.locationId} must be fulfilled there`, 'lines');
}

export const ofOrder = (orderId: string, lines: readonly QuantityOfLine[]): LineQuantity[] => lines.map((l) => ({ orderId, lineId: l.lineId, quantity: l.quantity }));

/** FF-2: accepting Pending lines needs allow-accept. */
export const checkAcceptAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, lines: readonly LineRef[]) =>
  checkOperator(catalog, context, operatorId, 'allowAcceptOrder') ?? checkEach(context, lines, (l) => checkAccept(l.progress));

/** FF-3: a pick list holds accepted lines with units left to pick. */
export const checkPickListAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, lines: readonly LineRef[]) =>
  checkOperator(catalog, context, operatorId)
  ?? checkEach(context, lines, (l) => (l.progress.accepted ? (openQuantity(l.progress) > 0 ? null : violation('FF-3', 'nothing left to pick', 'lineId')) : violation('FF-2', 'line is Pending: accept it before processing', 'lineId')));

export const checkPickAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, lines: readonly LineQuantity[]) =>
  checkOperator(catalog, context, operatorId) ?? checkEach(context, lines, (l, item) => checkPick(l.progress, item.quantity));

/** FF-4: one order, one mode, ship lines only. */
export const checkPackAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, orderId: string, lines: readonly QuantityOfLine[]) =>
  checkOperator(catalog, context, operatorId)
  ?? checkEach(context, ofOrder(orderId, lines), (l, item) => checkPack(l.progress, l.kind, item.quantity))
  ?? checkSameMode(context, orderId, lines, 'FF-4');

/** FF-5: mixed ship modes are allowed; pickup lines are picked up, not shipped. */
export const checkShipAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, orderId: string, lines: readonly QuantityOfLine[]) =>
  checkOperator(catalog, context, operatorId)
  ?? checkEach(context, ofOrder(orderId, lines), (l, item) => (l.kind === 'ship' ? checkInvoice(l.progress, 'FF-5', item.quantity) : violation('FF-5', 'pickup lines are picked up, not shipped', 'lineId')));

/** FF-6: one order, one mode, pickup lines only. */
export const checkPickupAt = (context: FulfillmentGroupContext, orderId: string, lines: readonly QuantityOfLine[]) =>
  checkEach(context, ofOrder(orderId, lines), (l, item) => (l.kind === 'pickup' ? checkInvoice(l.progress, 'FF-6', item.quantity) : violation('FF-6', 'only pickup lines can be picked up', 'lineId')))
  ?? checkSameMode(context, orderId, lines, 'FF-6');

/** FF-7: rejecting needs allow-reject and takes only units not yet picked or packed. */
export const checkRejectAt = (catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, lines: readonly LineQuantity[]) =>
  checkOperator(catalog, context, operatorId, 'allowRejectOrder') ?? checkEach(context, lines, (l, item) => checkReject(l.progress, item.quantity));

/** FF-7: only rejected lines are reset. */
export const checkResetAt = (context: FulfillmentGroupContext, orderId: string, lineIds: readonly string[]) =>
  checkEach(context, lineIds.map((lineId) => ({ orderId, lineId })), (l) => (l.progress.rejected > 0 ? null : violation('FF-7', 'only rejected lines can be reset', 'lineId')));

// --- Changes ---

/** An order's lines here as assigned (an edit re-assigns them all; none left: the order leaves). */
export function assignLines(context: FulfillmentGroupContext, orderId: string, lines: readonly FulfillmentLine[]): PersistentMap<FulfillmentLine[]> {
  const kept = lines.filter(keepOnList);
  return kept.length === 0 ? context.lines.delete(orderId) : context.lines.set(orderId, kept);
}

/** The named lines with `change` made to their progress (lines of other orders untouched). */
export function markLines(context: FulfillmentGroupContext, refs: readonly LineRef[], change: (line: FulfillmentLine) => LineProgress): PersistentMap<FulfillmentLine[]> {
  let lines = context.lines;
  for (const [orderId, named] of groupByOrder(refs)) {
    const ids = new Set(named.map((r) => r.lineId));
    lines = lines.update(orderId, (current) => current?.map((l) => (ids.has(l.lineId) ? { ...l, progress: change(l) } : l)));
  }
  return lines;
}

/** Applies an operation to the named lines; units picked, packed or invoiced leave the shelf (FF-3). */
export function operate(context: FulfillmentGroupContext, items: readonly LineQuantity[], apply: (p: LineProgress, q: number) => LineProgress): Pick<FulfillmentGroupContext, 'lines' | 'onHand'> {
  let { lines, onHand } = context;
  for (const [orderId, named] of groupByOrder(items)) {
    const quantities = new Map(named.map((i) => [i.lineId, i.quantity]));
    const updated: FulfillmentLine[] = [];
    for (const line of lines.get(orderId) ?? []) {
      const quantity = quantities.get(line.lineId);
      if (quantity === undefined) {
        updated.push(line);
        continue;
      }
      const progress = apply(line.progress, quantity);
      onHand = onHand.set(line.productId, (onHand.get(line.productId) ?? 0) - unitsIssued(line.progress, progress));
      const next = { ...line, progress };
      if (keepOnList(next)) updated.push(next);
    }
    lines = updated.length === 0 ? lines.delete(orderId) : lines.set(orderId, updated);
  }
  return { lines, onHand };
}

/**
 * ST-3 (negative on hand, an addition): at a store that refuses it, a sale may carry out only units its count says
 * are on the shelf (a product on several lines counts once, in all).
 */
export function checkShelfCovers(catalog: Catalog, context: FulfillmentGroupContext, lines: readonly ProductQuantity[]): RuleViolation | null {
  const store = context.storeId === null ? undefined : catalog.stores.get(context.storeId);
  if (store?.negativeOnHand !== 'refuse') return null;
  const wanted = new Map<string, number>();
  for (const { productId, quantity } of lines) wanted.set(productId, (wanted.get(productId) ?? 0) + quantity);
  for (const [productId, quantity] of wanted) {
    const onHand = Math.max(0, context.onHand.get(productId) ?? 0);
    if (quantity > onHand) {
      const name = catalog.products.get(productId)?.name ?? productId;
      return violation('ST-3', `${store.name} sells only what it has on hand: ${onHand} ${name} on hand, ${quantity} in this sale`, 'productId');
    }
  }
  return null;
}

/**
 * On hand after units change hands at a store's register: carried out (sold off the shelf) or returned (back onto
 * it). Where the store allows it (the default), on hand may go below zero: the units are in the customer's hands, so
 * the count is wrong, not the sale.
 */
export function shelfMoved(onHand: PersistentMap<number>, lines: readonly ProductQuantity[], direction: 'sold' | 'returned'): PersistentMap<number> {
  let next = onHand;
  for (const { productId, quantity } of lines) next = next.set(productId, (next.get(productId) ?? 0) + (direction === 'sold' ? -quantity : quantity));
  return next;
}
