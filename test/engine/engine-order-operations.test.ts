/**
 * CO-14: what the till offers for an order (engine/domain/order-operations.ts) is what the engine accepts: for orders
 * in each state, every recall the screens show as offered is accepted and every one shown disabled is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { orderOperationsAt } from '../../engine/store-views.ts';
import { ok, openShift, runJob, startSale, tenderDue, type Mutator, newEngine } from './engine-helpers.ts';

const ORDER = 'CO-000001';
const asyncOrders: Mutator = (c) => { c.stores[0]!.functionality = { createOrderAsync: true }; };

/** Anna's tent for pickup at S1 (or shipped from W1 with a card token), CO-000001, from R1. */
function tentOrder(delivery: 'pickup' | 'ship', mutate?: Mutator, quote = false): Chain {
  const e = newEngine(mutate);
  openShift(e, 'R1', 'cashier1');
  openShift(e, 'R2', 'cashier1');
  openShift(e, 'R3', 'cashier2');
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT' }]);
  if (delivery === 'pickup') ok(e, { type: 'register.pickupAll', registerId: 'R1' });
  else ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
  if (quote) ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
  tenderDue(e, 'R1', delivery === 'ship' ? { cardToken: 'tok_anna' } : {});
  return e;
}

/** Each order state the screens meet, as built from scratch, and the register asking (R1, R2 at S1; R3 at S2). */
const STATES: Record<string, { build: () => Chain; registerId: string; storeId: string }> = {
  'open pickup order': { build: () => tentOrder('pickup'), registerId: 'R1', storeId: 'S1' },
  'open pickup order, asked at another store': { build: () => tentOrder('pickup'), registerId: 'R3', storeId: 'S2' },
  'being edited at another till': {
    build: () => { const e = tentOrder('pickup'); ok(e, { type: 'register.recallOrder', registerId: 'R2', orderId: ORDER, purpose: 'edit' }); return e; },
    registerId: 'R1', storeId: 'S1',
  },
  'ship order picked at the warehouse': {
    build: () => { const e = tentOrder('ship'); ok(e, { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'manager1', lines: [{ orderId: ORDER, lineId: 'T-R1-000001-1', quantity: 1 }] }); return e; },
    registerId: 'R1', storeId: 'S1',
  },
  'picked up (fully invoiced)': {
    build: () => { const e = tentOrder('pickup'); ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'pickup' }); tenderDue(e, 'R1'); return e; },
    registerId: 'R1', storeId: 'S1',
  },
  cancelled: {
    build: () => { const e = tentOrder('pickup'); ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: ORDER, purpose: 'cancel' }); tenderDue(e, 'R1'); return e; },
    registerId: 'R1', storeId: 'S1',
  },
  quote: { build: () => tentOrder('pickup', undefined, true), registerId: 'R1', storeId: 'S1' },
  'async, headquarters unreachable': {
    build: () => { const e = tentOrder('pickup', asyncOrders); ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'degraded' }); return e; },
    registerId: 'R1', storeId: 'S1',
  },
  'async, created at headquarters before job 1010': {
    build: () => { const e = tentOrder('pickup', asyncOrders); runJob(e, 'P-job'); runJob(e, 'synchronizeOrders'); return e; },
    registerId: 'R1', storeId: 'S1',
  },
};

describe('CO-14 operations by state', () => {
  for (const [name, { build, registerId, storeId }] of Object.entries(STATES)) {
    it(`CO-14 ${name}: every recall offered is accepted, every one not offered is refused`, () => {
      const offers = orderOperationsAt(build().store.parts, ORDER, storeId);
      for (const purpose of ['edit', 'cancel', 'pickup'] as const) {
        const e = build();
        const result = e.executeNow({ type: 'register.recallOrder', registerId, orderId: ORDER, purpose });
        expect(result.ok, `${purpose}: ${JSON.stringify(offers[purpose])} vs ${result.ok ? 'accepted' : JSON.stringify(result.error)}`).toBe(offers[purpose].offered);
      }
    });
  }

  it('CO-14 the reasons say why in plain words, with the rule for support', () => {
    const offers = (key: string) => { const s = STATES[key]!; return orderOperationsAt(s.build().store.parts, ORDER, s.storeId); };
    expect(offers('open pickup order')).toEqual({
      edit: { offered: true }, cancel: { offered: true }, pickup: { offered: true },
      fulfil: { offered: true }, return: { offered: false, rule: 'RT-1', reason: 'Nothing on this order is invoiced yet.' },
    });
    expect(offers('being edited at another till').pickup).toEqual({ offered: false, rule: 'CONFLICT', reason: 'The order is being edited at register R2.' });
    expect(offers('ship order picked at the warehouse')).toMatchObject({
      cancel: { offered: false, rule: 'CO-11', reason: 'A line is already picked, packed or invoiced.' },
      pickup: { offered: false, rule: 'FF-6' },
      fulfil: { offered: false, rule: 'FF-1' }, // its lines are the warehouse's, not this store's
    });
    expect(offers('picked up (fully invoiced)')).toMatchObject({ edit: { offered: false, rule: 'CO-10', reason: 'The order is fully invoiced.' }, return: { offered: true } });
    expect(offers('async, headquarters unreachable').edit).toMatchObject({ offered: false, rule: 'CO-10' });
    expect(offers('open pickup order, asked at another store').pickup).toMatchObject({ offered: false, reason: 'No line of this order is for pickup at this store.' });
  });
});
