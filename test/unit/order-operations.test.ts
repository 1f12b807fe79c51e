import { describe, expect, it } from 'vitest';
import { newProgress } from '../../engine/domain/fulfillment.ts';
import { orderOperations, type AskedAt, type OrderForOperations } from '../../engine/domain/order-operations.ts';

const S1: AskedAt = { locationId: 'S1', editPartiallyFulfilled: false, headquartersReachable: true };

function order(overrides: Partial<OrderForOperations> = {}, kind: 'ship' | 'pickup' = 'pickup'): OrderForOperations {
  return {
    origin: 'pos', orderCompletion: false, salesOrderId: 'SO-1', editedBy: null,
    lines: [{
      lineId: 'L1', productId: 'P-TENT', quantity: 2, unitPrice: 19_999, taxRate: 1000, priceLocked: false,
      delivery: { kind, modeCode: kind === 'ship' ? 'STD' : 'PICKUP', locationId: kind === 'ship' ? 'W1' : 'S1' },
      progress: newProgress(2, kind, false),
    }],
    ...overrides,
  };
}

describe('CO-14 operations by state (pure)', () => {
  it('CO-14 CC-21 a call-center order is never cancelled at the store; with order completion it is not edited either', () => {
    const ops = orderOperations(order({ origin: 'callCenter', orderCompletion: true }), 'order', S1);
    expect(ops.cancel).toEqual({ offered: false, rule: 'CC-21', reason: 'Orders from a call center are cancelled in the call center.' });
    expect(ops.edit).toMatchObject({ offered: false, rule: 'CO-10' });
    expect(ops.pickup).toEqual({ offered: true }); // CC-21: the store may still fulfil or return them
    expect(orderOperations(order({ origin: 'callCenter' }), 'order', S1).edit).toEqual({ offered: true });
  });

  it('CO-14 CO-10 a started order is edited only with the edit-partially-fulfilled feature', () => {
    const picked = order();
    picked.lines[0]!.progress = { ...picked.lines[0]!.progress, picked: 1 };
    expect(orderOperations(picked, 'order', S1).edit).toMatchObject({ offered: false, rule: 'CO-10' });
    expect(orderOperations(picked, 'order', { ...S1, editPartiallyFulfilled: true }).edit).toEqual({ offered: true });
    expect(orderOperations(picked, 'order', S1).cancel).toMatchObject({ offered: false, rule: 'CO-11' });
  });

  it('CO-14 SY-1 an async order not known at headquarters is offered while headquarters can be asked, not when it cannot', () => {
    expect(orderOperations(order({ salesOrderId: null }), 'order', S1).edit).toEqual({ offered: true });
    const offline = orderOperations(order({ salesOrderId: null }), 'order', { ...S1, headquartersReachable: false });
    expect(offline.edit).toMatchObject({ offered: false, rule: 'CO-10' });
    expect(offline.cancel).toMatchObject({ offered: false, rule: 'CO-11' });
    expect(offline.fulfil).toMatchObject({ offered: false, rule: 'SY-2' });
  });

  it('CO-14 fulfil needs lines open for this store; return needs invoiced units not yet returned', () => {
    expect(orderOperations(order({}, 'ship'), 'order', S1).fulfil).toMatchObject({ offered: false, rule: 'FF-1' });
    expect(orderOperations(order({}, 'ship'), 'order', { ...S1, locationId: 'W1' }).fulfil).toEqual({ offered: true });
    const invoiced = order();
    invoiced.lines[0]!.progress = { ...invoiced.lines[0]!.progress, invoiced: 2 };
    expect(orderOperations(invoiced, 'order', S1).return).toEqual({ offered: true });
    invoiced.lines[0]!.progress = { ...invoiced.lines[0]!.progress, returned: 2 };
    expect(orderOperations(invoiced, 'order', S1).return).toEqual({ offered: false, rule: 'RT-1', reason: 'Everything invoiced has been returned.' });
  });
});
