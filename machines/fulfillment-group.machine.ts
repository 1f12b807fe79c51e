/**
 * Store fulfillment for one location (FF-1..FF-8): the open lines shipped from or picked up at it, accepted,
 * picked, packed, shipped, picked up or rejected by its users, with each operation reported back to the order; and
 * its on hand, which those operations and the store's registers (carry-out, returns) move.
 */
import { assertEvent, assign, enqueueActions, setup, type SnapshotFrom } from 'xstate';
import type { Catalog } from '../engine/domain/catalog.ts';
import type { FulfillmentLineAssignment } from '../engine/domain/customer-order.ts';
import { applyInvoice, applyPack, applyPick, applyReject, applyResetFulfillment, type ProductQuantity } from '../engine/domain/fulfillment.ts';
import {
  assignLines, checkAcceptAt, checkAssignment, checkPackAt, checkPickAt, checkPickListAt, checkPickupAt, checkRejectAt, checkResetAt, checkShelfCovers, checkShipAt,
  groupByOrder, markLines, newFulfillmentGroup, ofOrder, operate, shelfMoved, type FulfillmentGroupContext, type FulfillmentGroupInput,
  type LineQuantity, type LineRef,
} from '../engine/domain/fulfillment-group.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type FulfillmentGroupEvent =
  | { type: 'ASSIGN'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'ORDER_CANCELLED'; orderId: string }
  | { type: 'ACCEPT'; operatorId: string; lines: LineRef[] }
  | { type: 'PRINT_PICK_LIST'; operatorId: string; pickListId: string; lines: LineRef[] }
  | { type: 'PICK'; operatorId: string; lines: LineQuantity[] }
  | { type: 'PACK'; operatorId: string; orderId: string; packingSlipId: string; lines: QuantityOfLine[] }
  | { type: 'SHIP'; operatorId: string; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'PICKUP'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'REJECT'; operatorId: string; lines: LineQuantity[] }
  | { type: 'RESET_FULFILLMENT'; orderId: string; lineIds: string[] }
  /** Units carried out at this store's registers (sales, carry-out lines of orders) leave its shelf. */
  | { type: 'SOLD_AT_REGISTER'; lines: ProductQuantity[] }
  /** Units returned at this store's registers go back onto its shelf. */
  | { type: 'RETURNED_AT_REGISTER'; lines: ProductQuantity[] };

/** Reports back to the orders, one per order touched. */
export type FulfillmentGroupEmitted =
  | { type: 'accepted'; orderId: string; lineIds: string[] }
  | { type: 'pickListed'; orderId: string; pickListId: string; lineIds: string[] }
  | { type: 'picked'; orderId: string; lines: QuantityOfLine[] }
  | { type: 'packed'; orderId: string; packingSlipId: string; lines: QuantityOfLine[] }
  | { type: 'shipped'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'pickedUp'; orderId: string; invoiceId: string; lines: QuantityOfLine[] }
  | { type: 'rejected'; orderId: string; lines: QuantityOfLine[] }
  | { type: 'reset'; orderId: string; lineIds: string[]; manualAccept: boolean };

/** The orders and products an event touches here (what the screens of the location are told about). */
export function touchedBy(event: FulfillmentGroupEvent): { orderIds: string[]; productIds: string[] } {
  switch (event.type) {
    case 'ACCEPT':
    case 'PRINT_PICK_LIST':
    case 'PICK':
    case 'REJECT':
      return { orderIds: [...new Set(event.lines.map((l) => l.orderId))], productIds: [] };
    case 'SOLD_AT_REGISTER':
    case 'RETURNED_AT_REGISTER':
      return { orderIds: [], productIds: event.lines.map((l) => l.productId) };
    default:
      return { orderIds: [event.orderId], productIds: [] };
  }
}

const strip = (lines: readonly LineQuantity[]) => lines.map(({ lineId, quantity }) => ({ lineId, quantity }));

/** The location's rules, each the guard of the operation it governs. */
export function fulfillmentGroupRules(catalog: Catalog) {
  return {
    'FF-1 linesFulfilledHere': (context, event) => {
      assertEvent(event, 'ASSIGN');
      return checkAssignment(context, event.orderId, event.lines);
    },
    'FF-2 acceptAllowed': (context, event) => {
      assertEvent(event, 'ACCEPT');
      return checkAcceptAt(catalog, context, event.operatorId, event.lines);
    },
    'FF-3 pickListAllowed': (context, event) => {
      assertEvent(event, 'PRINT_PICK_LIST');
      return checkPickListAt(catalog, context, event.operatorId, event.lines);
    },
    'FF-3 pickAllowed': (context, event) => {
      assertEvent(event, 'PICK');
      return checkPickAt(catalog, context, event.operatorId, event.lines);
    },
    'FF-4 packAllowed': (context, event) => {
      assertEvent(event, 'PACK');
      return checkPackAt(catalog, context, event.operatorId, event.orderId, event.lines);
    },
    'FF-5 shipAllowed': (context, event) => {
      assertEvent(event, 'SHIP');
      return checkShipAt(catalog, context, event.operatorId, event.orderId, event.lines);
    },
    'FF-6 pickupAllowed': (context, event) => {
      assertEvent(event, 'PICKUP');
      return checkPickupAt(context, event.orderId, event.lines);
    },
    'FF-7 rejectAllowed': (context, event) => {
      assertEvent(event, 'REJECT');
      return checkRejectAt(catalog, context, event.operatorId, event.lines);
    },
    'FF-7 resetAllowed': (context, event) => {
      assertEvent(event, 'RESET_FULFILLMENT');
      return checkResetAt(context, event.orderId, event.lineIds);
    },
    'ST-3 shelfCovers': (context, event) => {
      assertEvent(event, 'SOLD_AT_REGISTER');
      return checkShelfCovers(catalog, context, event.lines);
    },
  } satisfies Record<string, Rule<FulfillmentGroupContext, FulfillmentGroupEvent>>;
}

export function createFulfillmentGroupMachine(catalog: Catalog) {
  const rules = fulfillmentGroupRules(catalog);
  return setup({
    types: {
      context: {} as FulfillmentGroupContext,
      events: {} as FulfillmentGroupEvent,
      input: {} as FulfillmentGroupInput,
      emitted: {} as FulfillmentGroupEmitted,
    },
    guards: guardsOf(rules),
    actions: {
      assignLines: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'ASSIGN');
        return assignLines(context, event.orderId, event.lines);
      } }),
      dropOrder: assign({ lines: ({ context, event }) => {
        assertEvent(event, 'ORDER_CANCELLED');
        return context.lines.delete(event.orderId);
      } }),
      accept: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'ACCEPT');
        enqueue.assign({ lines: markLines(context, event.lines, (l) => ({ ...l.progress, accepted: true })) });
        for (const [orderId, refs] of groupByOrder(event.lines)) enqueue.emit({ type: 'accepted', orderId, lineIds: refs.map((r) => r.lineId) });
      }),
      printPickList: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'PRINT_PICK_LIST');
        enqueue.assign({ lines: markLines(context, event.lines, (l) => ({ ...l.progress, pickListId: event.pickListId })) });
        for (const [orderId, refs] of groupByOrder(event.lines)) enqueue.emit({ type: 'pickListed', orderId, pickListId: event.pickListId, lineIds: refs.map((r) => r.lineId) });
      }),
      pick: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'PICK');
        enqueue.assign(operate(context, event.lines, applyPick));
        for (const [orderId, lines] of groupByOrder(event.lines)) enqueue.emit({ type: 'picked', orderId, lines: strip(lines) });
      }),
      pack: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'PACK');
        enqueue.assign(operate(context, ofOrder(event.orderId, event.lines), applyPack));
        enqueue.emit({ type: 'packed', orderId: event.orderId, packingSlipId: event.packingSlipId, lines: event.lines });
      }),
      ship: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'SHIP');
        enqueue.assign(operate(context, ofOrder(event.orderId, event.lines), applyInvoice));
        enqueue.emit({ type: 'shipped', orderId: event.orderId, invoiceId: event.invoiceId, lines: event.lines });
      }),
      pickup: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'PICKUP');
        enqueue.assign(operate(context, ofOrder(event.orderId, event.lines), applyInvoice));
        enqueue.emit({ type: 'pickedUp', orderId: event.orderId, invoiceId: event.invoiceId, lines: event.lines });
      }),
      reject: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'REJECT');
        enqueue.assign(operate(context, event.lines, applyReject));
        for (const [orderId, lines] of groupByOrder(event.lines)) enqueue.emit({ type: 'rejected', orderId, lines: strip(lines) });
      }),
      resetFulfillment: enqueueActions(({ context, event, enqueue }) => {
        assertEvent(event, 'RESET_FULFILLMENT');
        const refs = event.lineIds.map((lineId) => ({ orderId: event.orderId, lineId }));
        enqueue.assign({ lines: markLines(context, refs, (l) => applyResetFulfillment(l.progress, l.kind, context.manualAccept)) });
        enqueue.emit({ type: 'reset', orderId: event.orderId, lineIds: event.lineIds, manualAccept: context.manualAccept });
      }),
      soldAtRegister: assign({ onHand: ({ context, event }) => {
        assertEvent(event, 'SOLD_AT_REGISTER');
        return shelfMoved(context.onHand, event.lines, 'sold');
      } }),
      returnedAtRegister: assign({ onHand: ({ context, event }) => {
        assertEvent(event, 'RETURNED_AT_REGISTER');
        return shelfMoved(context.onHand, event.lines, 'returned');
      } }),
    },
  }).createMachine({
    id: 'fulfillmentGroup',
    context: ({ input }) => newFulfillmentGroup(input),
    meta: { subject: (context) => `location ${context.locationId}`, field: 'locationId', rules } satisfies ChartMeta<FulfillmentGroupContext>,
    initial: 'operating',
    states: {
      operating: {
        meta: { refuses: { means: 'it is operating' } },
        on: {
          ASSIGN: { guard: 'FF-1 linesFulfilledHere', actions: 'assignLines' },
          ORDER_CANCELLED: { actions: 'dropOrder' },
          ACCEPT: { guard: 'FF-2 acceptAllowed', actions: 'accept' },
          PRINT_PICK_LIST: { guard: 'FF-3 pickListAllowed', actions: 'printPickList' },
          PICK: { guard: 'FF-3 pickAllowed', actions: 'pick' },
          PACK: { guard: 'FF-4 packAllowed', actions: 'pack' },
          SHIP: { guard: 'FF-5 shipAllowed', actions: 'ship' },
          PICKUP: { guard: 'FF-6 pickupAllowed', actions: 'pickup' },
          REJECT: { guard: 'FF-7 rejectAllowed', actions: 'reject' },
          RESET_FULFILLMENT: { guard: 'FF-7 resetAllowed', actions: 'resetFulfillment' },
          SOLD_AT_REGISTER: { guard: 'ST-3 shelfCovers', actions: 'soldAtRegister' },
          RETURNED_AT_REGISTER: { actions: 'returnedAtRegister' },
        },
      },
    },
  });
}

export type FulfillmentGroupMachine = ReturnType<typeof createFulfillmentGroupMachine>;
export type FulfillmentGroupSnapshot = SnapshotFrom<FulfillmentGroupMachine>;
