/**
 * CC-2 / SY-4 exactly once, as a property (fast-check): however the network holds, duplicates, reorders, replays or
 * drops headquarters' packages and however the stores' links flap while the call center submits orders, once the chain
 * heals (every store online, everything in flight delivered, 1010 until nothing is newer) every accepted call-center
 * order is at its owning store once, with headquarters' sales order, and each of its lines is on its location's
 * fulfilment list exactly once. Checked after every step too: no order a store holds that headquarters does not.
 * A few hundred short schedules: seconds, not minutes (the chain-wide property is test/property/exactly-once).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import type { SubmittedCallCenterOrder } from '../../engine/protocol/call-center.ts';
import { ChaoticNetwork } from '../property/chaotic-network.ts';
import { withCallCenter } from './call-center-helpers.ts';
import { chainConfig } from './engine-helpers.ts';

/** Where a line goes: shipped from the warehouse, or picked up at S1 or S2 (the first line decides the owning store). */
const PLACES = [
  { modeCode: 'STD', locationId: 'W1' },
  { modeCode: 'PICKUP', locationId: 'S1' },
  { modeCode: 'PICKUP', locationId: 'S2' },
] as const;

type Step =
  | { t: 'submit'; places: number[] }
  | { t: 'link'; store: 'S1' | 'S2'; state: 'online' | 'offline' }
  | { t: '1010' }
  | { t: 'net'; op: 'deliver' | 'reorder' | 'duplicate' | 'replay' | 'drop'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('submit' as const), places: fc.array(fc.integer({ min: 0, max: PLACES.length - 1 }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('link' as const), store: fc.constantFrom('S1' as const, 'S2' as const), state: fc.constantFrom('online' as const, 'offline' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('1010' as const) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('net' as const), op: fc.constantFrom('deliver' as const, 'reorder' as const, 'duplicate' as const, 'replay' as const, 'drop' as const), pick: fc.nat() }) },
);

function submitted(n: number, places: number[]): SubmittedCallCenterOrder {
  const orderId = `CC-${String(n).padStart(6, '0')}`;
  return {
    orderId, callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA', header: { modeCode: 'STD' },
    lines: places.map((p, i) => ({ lineId: `${orderId}-${i + 1}`, productId: 'P-LAMP', quantity: 1, unitPrice: 2499, ...PLACES[p]! })),
    charges: [], payments: [],
  };
}

/** Each order's lines as the fulfilment lists show them, [orderId:lineId, location] sorted. */
function listedLines(e: Chain): string[] {
  return ['W1', 'S1', 'S2'].flatMap((locationId) => e.fulfillmentView(locationId).lines.map((l) => `${l.lineId}@${locationId}`)).sort();
}

function run(steps: readonly Step[]): void {
  const network = new ChaoticNetwork();
  const e = Chain.create(chainConfig(withCallCenter()), { seed: 1, transport: (chain) => network.attach(chain) });
  const accepted: SubmittedCallCenterOrder[] = [];
  for (const step of steps) {
    if (step.t === 'submit') {
      const order = submitted(accepted.length + 1, step.places);
      const result = e.executeNow({ type: 'callCenter.submitOrder', order });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      accepted.push(order);
    } else if (step.t === 'link') {
      expect(e.executeNow({ type: 'sync.setLink', storeId: step.store, state: step.state }).ok).toBe(true);
    } else if (step.t === '1010') {
      expect(e.executeNow({ type: 'headquarters.runJob', job: '1010' }).ok).toBe(true);
    } else if (step.op === 'deliver') {
      network.deliverOldest();
    } else {
      network[step.op](step.pick);
    }
    // A store never holds a call-center order headquarters does not have.
    for (const orderId of e.orderIds()) expect(salesOrderOf(e.backOffice(), orderId), orderId).toBeDefined();
  }
  // The heal.
  for (const storeId of ['S1', 'S2']) e.executeNow({ type: 'sync.setLink', storeId, state: 'online' });
  network.flush();
  e.executeNow({ type: 'headquarters.runJob', job: '1010' });
  network.flush();
  expect(e.orderIds().sort()).toEqual(accepted.map((o) => o.orderId).sort());
  for (const order of accepted) {
    expect(e.orderView(order.orderId)).toMatchObject({ origin: 'callCenter', salesOrderId: salesOrderOf(e.backOffice(), order.orderId)!.salesOrderId });
  }
  const expected = accepted.flatMap((o) => o.lines.map((l) => `${l.lineId}@${l.locationId}`)).sort();
  expect(listedLines(e)).toEqual(expected);
}

describe('CC-2 / SY-4 call-center orders reach their stores exactly once under a chaotic network', () => {
  it('CC-2 every accepted call-center order is at its store once, each line listed once, after any schedule and a heal (150 schedules)', () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 3, maxLength: 25 }), (steps) => { run(steps); }), { numRuns: 150, seed: 20_261_205 });
  });
});
