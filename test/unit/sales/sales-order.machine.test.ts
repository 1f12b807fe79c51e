/**
 * The sales order machine (SM-1..SM-5): one state per type, the status inside it always the derived one; each guard
 * named after its rule, each refusal explained in plain words.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { newSalesOrder, salesOrderStatus, type NewSalesOrder } from '../../../engine/domain/sales/sales-order.ts';
import type { SalesOrderRecord } from '../../../engine/domain/sales/types.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { createSalesOrderMachine, salesOrderRules, settledIn, type SalesOrderEvent } from '../../../machines/sales-order.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';

const machine = createSalesOrderMachine();
const input: NewSalesOrder = {
  salesOrderId: 'SO-000001', type: 'salesOrder', customerAccount: 'C-100', currency: 'USD', orderDate: '2026-03-01', projectId: 'PRJ-7',
  lines: [
    { lineId: 'L1', productId: 'tent', quantity: 2, unitPrice: 12_500, requestedShipDate: '2026-03-02', warehouseId: 'WH1' },
    { lineId: 'L2', productId: 'lamp', quantity: 1, unitPrice: 2_999, requestedShipDate: '2026-03-02', warehouseId: 'WH1' },
  ],
};

function record(overrides: Partial<NewSalesOrder> = {}): SalesOrderRecord {
  const made = newSalesOrder({ ...input, ...overrides });
  if (isViolation(made)) throw new Error(made.message);
  return made;
}

const start = (order: SalesOrderRecord = record()) => createActor(machine, { input: order }).start();

/** Sends an event the order must take; its state then agrees with the derived status. */
function take(actor: ReturnType<typeof start>, event: SalesOrderEvent) {
  expect(actor.getSnapshot().can(event), JSON.stringify(explainRefusal(actor.getSnapshot(), event))).toBe(true);
  actor.send(event);
  const snapshot = actor.getSnapshot();
  expect(settledIn(snapshot)).toEqual({ type: snapshot.context.header.type, status: salesOrderStatus(snapshot.context) });
}

const typeChange = { available: [], warehouseManaged: [], rmaNumber: null };
const deliverAll = { type: 'DELIVER', lines: [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }] } as const;
const invoiceAll = { type: 'INVOICE', lines: [{ lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 1 }] } as const;

describe('sales order machine', () => {
  it('names each guard after its rule', () => {
    expect(Object.keys(salesOrderRules)).toEqual(['SM-1 confirmationDay', 'SM-2 stockAvailable', 'SM-12 withinDeliverRemainder', 'SM-13 withinInvoiceRemainder', 'SM-2 remainderToCancel', 'SM-5 typeChangeAllowed']);
  });

  it('SM-2 a sales order goes Open order -> Delivered -> Invoiced, its lines On order -> Reserved -> Deducted -> Sold', () => {
    const actor = start();
    expect(settledIn(actor.getSnapshot())).toEqual({ type: 'salesOrder', status: 'openOrder' });
    take(actor, { type: 'RESERVE', available: [{ productId: 'tent', warehouseId: 'WH1', quantity: 2 }] });
    expect(actor.getSnapshot().context.lines.map((l) => l.inventory)).toEqual(['reserved', 'onOrder']);
    take(actor, { type: 'CONFIRM', on: '2026-03-01' });
    take(actor, { type: 'DELIVER', lines: [{ lineId: 'L1', quantity: 2 }] });
    expect(actor.getSnapshot().value).toEqual({ salesOrder: 'openOrder' });
    take(actor, { type: 'DELIVER', lines: [{ lineId: 'L2', quantity: 1 }] });
    expect(actor.getSnapshot().value).toEqual({ salesOrder: 'delivered' });
    expect(actor.getSnapshot().context.lines.map((l) => l.inventory)).toEqual(['deducted', 'deducted']);
    take(actor, invoiceAll);
    expect(actor.getSnapshot().value).toEqual({ salesOrder: 'invoiced' });
    expect(actor.getSnapshot().context.lines.map((l) => l.inventory)).toEqual(['sold', 'sold']);
    expect(explainRefusal(actor.getSnapshot(), deliverAll)).toEqual({
      rule: 'SM-2', field: 'salesOrderId',
      message: 'order SO-000001 cannot deliver now: it is a sales order delivered and invoiced in full (only when it is an open sales order or it is an open subscription or it is an open returned order or it is an open item requirements order)',
    });
  });

  it('SM-1 a journal refuses confirmation, delivery, invoicing and reservation until it becomes a sales order', () => {
    const actor = start(record({ type: 'journal' }));
    expect(actor.getSnapshot().value).toEqual({ journal: 'openOrder' });
    for (const event of [{ type: 'CONFIRM', on: '2026-03-01' }, deliverAll, invoiceAll, { type: 'RESERVE', available: [] }] as const) {
      expect(actor.getSnapshot().can(event)).toBe(false);
      expect(explainRefusal(actor.getSnapshot(), event)).toMatchObject({ rule: 'SM-1', field: 'salesOrderId' });
    }
    expect(explainRefusal(actor.getSnapshot(), deliverAll).message).toContain('it is a journal, a draft: make it a sales order first');
    take(actor, { type: 'CHANGE_TYPE', to: 'salesOrder', ...typeChange, available: [{ productId: 'lamp', warehouseId: 'WH1', quantity: 1 }] });
    expect(actor.getSnapshot().context.lines.map((l) => l.inventory)).toEqual(['onOrder', 'reserved']);
    take(actor, deliverAll);
  });

  it('SM-3 a subscription returns to Open order after each invoice', () => {
    const actor = start(record({ type: 'subscription' }));
    take(actor, deliverAll);
    expect(actor.getSnapshot().value).toEqual({ subscription: 'delivered' });
    take(actor, invoiceAll);
    expect(actor.getSnapshot().value).toEqual({ subscription: 'openOrder' });
    expect(actor.getSnapshot().context.lines.map((l) => [l.deliverRemainder, l.delivered, l.invoiced])).toEqual([[2, 2, 2], [1, 1, 1]]);
    expect(explainRefusal(actor.getSnapshot(), { type: 'CHANGE_TYPE', to: 'journal', ...typeChange })).toMatchObject({ rule: 'SM-5', field: 'type' });
  });

  it('SM-4 a returned order reserves nothing and receives its stock', () => {
    const actor = start(record({ type: 'returnedOrder', rmaNumber: 'RMA-000001', lines: [{ ...input.lines[0]!, quantity: -2 }] }));
    expect(explainRefusal(actor.getSnapshot(), { type: 'RESERVE', available: [] })).toMatchObject({ rule: 'SM-4' });
    take(actor, { type: 'DELIVER', lines: [{ lineId: 'L1', quantity: -2 }] });
    expect(actor.getSnapshot().value).toEqual({ returnedOrder: 'delivered' });
    expect(actor.getSnapshot().context.lines[0]!.inventory).toBe('received');
  });

  it('SM-5 the type changes at any status, except item requirements once delivered', () => {
    const actor = start(record({ type: 'itemRequirements' }));
    take(actor, { type: 'DELIVER', lines: [{ lineId: 'L1', quantity: 1 }] });
    const toSale = { type: 'CHANGE_TYPE', to: 'salesOrder', ...typeChange } as const;
    expect(explainRefusal(actor.getSnapshot(), toSale)).toEqual({ rule: 'SM-5', field: 'type', message: 'order SO-000001 is item requirements with items delivered: its type can no longer change' });
    const before = actor.getSnapshot();
    actor.send(toSale);
    expect(actor.getSnapshot()).toBe(before);
    const invoiced = start();
    take(invoiced, deliverAll);
    take(invoiced, invoiceAll);
    take(invoiced, { type: 'CHANGE_TYPE', to: 'itemRequirements', ...typeChange });
    expect(invoiced.getSnapshot().value).toEqual({ itemRequirements: 'invoiced' });
  });

  it('SM-2 cancelling the remainders cancels the order; a refused cancel explains itself', () => {
    const actor = start();
    expect(explainRefusal(actor.getSnapshot(), { type: 'CANCEL_REMAINDERS', lineIds: ['L9'] })).toMatchObject({ rule: 'NOT_FOUND', field: 'lineIds' });
    take(actor, { type: 'CANCEL_REMAINDERS', lineIds: null });
    expect(actor.getSnapshot().value).toEqual({ salesOrder: 'cancelled' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'CANCEL_REMAINDERS', lineIds: null })).toMatchObject({ rule: 'SM-2', message: expect.stringContaining('it is a cancelled sales order') });
    const journal = start(record({ type: 'journal' }));
    take(journal, { type: 'CANCEL_REMAINDERS', lineIds: null });
    expect(journal.getSnapshot().value).toEqual({ journal: 'cancelled' });
  });

  it('SM-2 a restored order starts in the state its lines give', () => {
    const actor = start();
    take(actor, deliverAll);
    const restored = start(actor.getSnapshot().context);
    expect(restored.getSnapshot().value).toEqual({ salesOrder: 'delivered' });
  });

  it('SM-12 SM-13 quantities beyond the remainders, a bad day or a bad stock figure are refused by their rules, naming the field', () => {
    const actor = start();
    expect(explainRefusal(actor.getSnapshot(), { type: 'DELIVER', lines: [{ lineId: 'L1', quantity: 3 }] })).toMatchObject({ rule: 'SM-12', field: 'quantity' });
    expect(explainRefusal(actor.getSnapshot(), invoiceAll)).toMatchObject({ rule: 'SM-13', field: 'quantity' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'CONFIRM', on: 'today' })).toMatchObject({ rule: 'VALIDATION', field: 'on' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'RESERVE', available: [{ productId: 'tent', warehouseId: 'WH1', quantity: -2 }] })).toMatchObject({ rule: 'VALIDATION', field: 'available' });
    expect(actor.getSnapshot().can({ type: 'RESERVE', available: [{ productId: 'tent', warehouseId: 'WH1', quantity: -2 }] })).toBe(false);
  });
});
