/**
 * Store fulfillment for one location (FF-1..FF-8): the lines shipped from or picked up at it, accepted, picked,
 * packed, shipped, picked up or rejected by its users, with each operation reported back to the order; and its
 * on hand, which those operations and the store's registers (carry-out, returns) move.
 */
import { assign, enqueueActions, setup, type SnapshotFrom } from 'xstate';
import { hasPermission, type Catalog } from '../engine/domain/catalog.ts';
import type { Permission } from '../engine/domain/config.ts';
import {
  applyInvoice, applyPack, applyPick, applyReject, applyResetFulfillment, checkAccept, checkInvoice, checkPack, checkPick,
  checkReject, openQuantity, shelfMoved, storeLineStatus, uninvoicedQuantity, unitsIssued, type LineProgress, type StoreLineStatus,
} from '../engine/domain/fulfillment.ts';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type {
  FulfillmentFilter, FulfillmentGroupContext, FulfillmentGroupEmitted, FulfillmentGroupEvent, FulfillmentGroupInput,
  FulfillmentLine, LineQuantity, LineRef,
} from './fulfillment-group.types.ts';

type EventOf<T extends FulfillmentGroupEvent['type']> = Extract<FulfillmentGroupEvent, { type: T }>;

const sameLine = (a: LineRef, b: LineRef) => a.orderId === b.orderId && a.lineId === b.lineId;

function findLine(context: FulfillmentGroupContext, ref: LineRef): FulfillmentLine | undefined {
  return context.lines.find((l) => sameLine(l, ref));
}

/** ST-5 with the store's own staff: a store's screen is used by staff of that store. */
function checkOperator(catalog: Catalog, context: FulfillmentGroupContext, operatorId: string, permission?: Permission): RuleViolation | null {
  const staff = catalog.staff.get(operatorId);
  if (staff === undefined) return violation('NOT_FOUND', `unknown operator "${operatorId}"`, 'operatorId');
  if (context.storeId !== null && !staff.storeIds.includes(context.storeId)) {
    return violation('ST-5', `operator ${operatorId} does not work at store ${context.storeId}`, 'operatorId');
  }
  if (permission !== undefined && !hasPermission(catalog, operatorId, permission)) {
    return violation('ST-5', `operator ${operatorId} lacks the ${permission} permission`, 'operatorId');
  }
  return null;
}

function checkEach<T extends LineRef>(context: FulfillmentGroupContext, lines: readonly T[], check: (line: FulfillmentLine, item: T) => RuleViolation | null): RuleViolation | null {
  if (lines.length === 0) return violation('VALIDATION', 'name at least one line', 'lines');
  for (const [i, item] of lines.entries()) {
    const line = findLine(context, item);
    // FF-1: only lines shipped from or picked up at this location are here.
    if (line === undefined) return violation('FF-1', `line ${item.orderId}/${item.lineId} is not fulfilled at ${context.locationId}`, `lines.${i}`);
    if (lines.findIndex((other) => sameLine(other, item)) !== i) return violation('VALIDATION', `line ${item.orderId}/${item.lineId} is listed twice`, `lines.${i}`);
    const found = check(line, item);
    if (found !== null) return { ...found, field: `lines.${i}.${found.field ?? 'lineId'}` };
  }
  return null;
}

/** FF-4 / FF-6: the lines of one operation share one mode of delivery. */
function checkSameMode(context: FulfillmentGroupContext, orderId: string, lines: readonly { lineId: string }[], rule: string): RuleViolation | null {
  const modes = new Set(lines.map((l) => findLine(context, { orderId, lineId: l.lineId })?.modeCode));
  return modes.size > 1 ? violation(rule, 'all lines must share one mode of delivery', 'lines') : null;
}

export function fulfillmentGroupRule(catalog: Catalog, context: FulfillmentGroupContext, event: FulfillmentGroupEvent): RuleViolation | null {
  switch (event.type) {
    case 'ASSIGN':
      return event.lines.every((l) => l.locationId === context.locationId && l.orderId === event.orderId)
        ? null : violation('FF-1', `lines assigned to ${context.locationId} must be fulfilled there`, 'lines');
    case 'ORDER_CANCELLED':
    case 'SOLD_AT_REGISTER':
    case 'RETURNED_AT_REGISTER':
      return null;
    case 'ACCEPT':
      return checkOperator(catalog, context, event.operatorId, 'allowAcceptOrder')
        ?? checkEach(context, event.lines, (l) => checkAccept(l.progress));
    case 'PRINT_PICK_LIST':
      return checkOperator(catalog, context, event.operatorId)
        ?? checkEach(context, event.lines, (l) => (l.progress.accepted ? (openQuantity(l.progress) > 0 ? null : violation('FF-3', 'nothing left to pick', 'lineId')) : violation('FF-2', 'line is Pending: accept it before processing', 'lineId')));
    case 'PICK':
      return checkOperator(catalog, context, event.operatorId)
        ?? checkEach(context, event.lines, (l, item) => checkPick(l.progress, item.quantity));
    case 'PACK': {
      const refs = event.lines.map((l) => ({ ...l, orderId: event.orderId }));
      return checkOperator(catalog, context, event.operatorId)
        ?? checkEach(context, refs, (l, item) => checkPack(l.progress, l.kind, item.quantity))
        ?? checkSameMode(context, event.orderId, event.lines, 'FF-4');
    }
    case 'SHIP': {
      const refs = event.lines.map((l) => ({ ...l, orderId: event.orderId }));
      // FF-5: mixed ship modes are allowed; pickup lines are picked up, not shipped.
      return checkOperator(catalog, context, event.operatorId)
        ?? checkEach(context, refs, (l, item) => (l.kind === 'ship' ? checkInvoice(l.progress, 'FF-5', item.quantity) : violation('FF-5', 'pickup lines are picked up, not shipped', 'lineId')));
    }
    case 'PICKUP': {
      const refs = event.lines.map((l) => ({ ...l, orderId: event.orderId }));
      return checkEach(context, refs, (l, item) => (l.kind === 'pickup' ? checkInvoice(l.progress, 'FF-6', item.quantity) : violation('FF-6', 'only pickup lines can be picked up', 'lineId')))
        ?? checkSameMode(context, event.orderId, event.lines, 'FF-6');
    }
    case 'REJECT':
      return checkOperator(catalog, context, event.operatorId, 'allowRejectOrder')
        ?? checkEach(context, event.lines, (l, item) => checkReject(l.progress, item.quantity));
    case 'RESET_FULFILLMENT':
      return checkEach(context, event.lineIds.map((lineId) => ({ orderId: event.orderId, lineId })),
        (l) => (l.progress.rejected > 0 ? null : violation('FF-7', 'only rejected lines can be reset', 'lineId')));
  }
}

/** FF-5: fully invoiced lines leave the list (rejected units stay until headquarters resets them). */
function keepOnList(line: FulfillmentLine): boolean {
  return uninvoicedQuantity(line.progress) > 0 || line.progress.rejected > 0;
}

function groupByOrder<T extends LineRef>(lines: readonly T[]): Map<string, T[]> {
  const byOrder = new Map<string, T[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  return byOrder;
}

/** Applies an operation to the named lines; units picked, packed or invoiced leave the shelf (FF-3). */
function operate(context: FulfillmentGroupContext, lines: readonly LineQuantity[], apply: (p: LineProgress, q: number) => LineProgress): Pick<FulfillmentGroupContext, 'lines' | 'onHand'> {
  const onHand = { ...context.onHand };
  const updated = context.lines.map((line) => {
    const item = lines.find((l) => sameLine(l, line));
    if (item === undefined) return line;
    const progress = apply(line.progress, item.quantity);
    onHand[line.productId] = (onHand[line.productId] ?? 0) - unitsIssued(line.progress, progress);
    return { ...line, progress };
  });
  return { lines: updated.filter(keepOnList), onHand };
}

function ofOrder(orderId: string, lines: readonly { lineId: string; quantity: number }[]): LineQuantity[] {
  return lines.map((l) => ({ orderId, lineId: l.lineId, quantity: l.quantity }));
}

const strip = (lines: readonly LineQuantity[]) => lines.map(({ lineId, quantity }) => ({ lineId, quantity }));

export function createFulfillmentGroupMachine(catalog: Catalog) {
  return setup({
    types: {
      context: {} as FulfillmentGroupContext,
      events: {} as FulfillmentGroupEvent,
      input: {} as FulfillmentGroupInput,
      emitted: {} as FulfillmentGroupEmitted,
    },
    guards: {
      allowed: ({ context, event }) => fulfillmentGroupRule(catalog, context, event) === null,
    },
    actions: {
      assignLines: assign({ lines: ({ context, event }) => {
        const e = event as EventOf<'ASSIGN'>;
        return [...context.lines.filter((l) => l.orderId !== e.orderId), ...e.lines.filter(keepOnList)];
      } }),
      dropOrder: assign({ lines: ({ context, event }) => context.lines.filter((l) => l.orderId !== (event as EventOf<'ORDER_CANCELLED'>).orderId) }),
      accept: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'ACCEPT'>;
        enqueue.assign({ lines: context.lines.map((l) => (e.lines.some((r) => sameLine(r, l)) ? { ...l, progress: { ...l.progress, accepted: true } } : l)) });
        for (const [orderId, refs] of groupByOrder(e.lines)) enqueue.emit({ type: 'accepted', orderId, lineIds: refs.map((r) => r.lineId) });
      }),
      printPickList: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'PRINT_PICK_LIST'>;
        enqueue.assign({ lines: context.lines.map((l) => (e.lines.some((r) => sameLine(r, l)) ? { ...l, progress: { ...l.progress, pickListId: e.pickListId } } : l)) });
        for (const [orderId, refs] of groupByOrder(e.lines)) enqueue.emit({ type: 'pickListed', orderId, pickListId: e.pickListId, lineIds: refs.map((r) => r.lineId) });
      }),
      pick: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'PICK'>;
        enqueue.assign(operate(context, e.lines, applyPick));
        for (const [orderId, lines] of groupByOrder(e.lines)) enqueue.emit({ type: 'picked', orderId, lines: strip(lines) });
      }),
      pack: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'PACK'>;
        enqueue.assign(operate(context, ofOrder(e.orderId, e.lines), applyPack));
        enqueue.emit({ type: 'packed', orderId: e.orderId, packingSlipId: e.packingSlipId, lines: e.lines });
      }),
      ship: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'SHIP'>;
        enqueue.assign(operate(context, ofOrder(e.orderId, e.lines), applyInvoice));
        enqueue.emit({ type: 'shipped', orderId: e.orderId, invoiceId: e.invoiceId, lines: e.lines });
      }),
      pickup: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'PICKUP'>;
        enqueue.assign(operate(context, ofOrder(e.orderId, e.lines), applyInvoice));
        enqueue.emit({ type: 'pickedUp', orderId: e.orderId, invoiceId: e.invoiceId, lines: e.lines });
      }),
      reject: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'REJECT'>;
        enqueue.assign(operate(context, e.lines, applyReject));
        for (const [orderId, lines] of groupByOrder(e.lines)) enqueue.emit({ type: 'rejected', orderId, lines: strip(lines) });
      }),
      resetFulfillment: enqueueActions(({ context, event, enqueue }) => {
        const e = event as EventOf<'RESET_FULFILLMENT'>;
        enqueue.assign({ lines: context.lines.map((l) => (l.orderId === e.orderId && e.lineIds.includes(l.lineId)
          ? { ...l, progress: applyResetFulfillment(l.progress, l.kind, context.manualAccept) } : l)) });
        enqueue.emit({ type: 'reset', orderId: e.orderId, lineIds: e.lineIds, manualAccept: context.manualAccept });
      }),
      soldAtRegister: assign({ onHand: ({ context, event }) => shelfMoved(context.onHand, (event as EventOf<'SOLD_AT_REGISTER'>).lines, 'sold') }),
      returnedAtRegister: assign({ onHand: ({ context, event }) => shelfMoved(context.onHand, (event as EventOf<'RETURNED_AT_REGISTER'>).lines, 'returned') }),
    },
  }).createMachine({
    id: 'fulfillmentGroup',
    context: ({ input }) => ({ ...input, lines: [] }),
    initial: 'operating',
    states: {
      operating: {
        on: {
          ASSIGN: { guard: 'allowed', actions: 'assignLines' },
          ORDER_CANCELLED: { actions: 'dropOrder' },
          ACCEPT: { guard: 'allowed', actions: 'accept' },
          PRINT_PICK_LIST: { guard: 'allowed', actions: 'printPickList' },
          PICK: { guard: 'allowed', actions: 'pick' },
          PACK: { guard: 'allowed', actions: 'pack' },
          SHIP: { guard: 'allowed', actions: 'ship' },
          PICKUP: { guard: 'allowed', actions: 'pickup' },
          REJECT: { guard: 'allowed', actions: 'reject' },
          RESET_FULFILLMENT: { guard: 'allowed', actions: 'resetFulfillment' },
          SOLD_AT_REGISTER: { actions: 'soldAtRegister' },
          RETURNED_AT_REGISTER: { actions: 'returnedAtRegister' },
        },
      },
    },
  });
}

export type FulfillmentGroupMachine = ReturnType<typeof createFulfillmentGroupMachine>;
export type FulfillmentGroupSnapshot = SnapshotFrom<FulfillmentGroupMachine>;

export interface FulfillmentListRow extends FulfillmentLine { status: StoreLineStatus }

/** FF-1: the screen's list, filtered all / to ship / for pickup, with each line's derived status. */
export function fulfillmentList(context: FulfillmentGroupContext, filter: FulfillmentFilter): FulfillmentListRow[] {
  return context.lines
    .filter((l) => filter === 'all' || (filter === 'toShip' ? l.kind === 'ship' : l.kind === 'pickup'))
    .map((l) => ({ ...l, status: storeLineStatus(l.progress) }));
}
