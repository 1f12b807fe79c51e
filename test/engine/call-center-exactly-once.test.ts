/**
 * CC-2 / SY-4 exactly once, as a property (fast-check): however the network holds, duplicates, reorders, replays or
 * drops headquarters' packages and however the stores' links flap while the call center submits orders (and cancels
 * some at its desk, CC-21), once the chain heals (every store online, everything in flight delivered, 1010 until
 * nothing is newer) every accepted call-center order is at its owning store once, with headquarters' sales order, and
 * each line of an order not cancelled is on its location's fulfilment list exactly once; a cancelled order is at its
 * store cancelled, or not at all, and none of its lines is listed. Checked after every step too: no order a store holds
 * that headquarters does not.
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
  /** CC-21: an order taken at the desk (submitted there), and a cancel of one of them. */
  | { t: 'desk'; places: number[] }
  | { t: 'cancel'; pick: number }
  | { t: 'link'; store: 'S1' | 'S2'; state: 'online' | 'offline' }
  | { t: '1010' }
  | { t: 'net'; op: 'deliver' | 'reorder' | 'duplicate' | 'replay' | 'drop'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('submit' as const), places: fc.array(fc.integer({ min: 0, max: PLACES.length - 1 }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('desk' as const), places: fc.array(fc.integer({ min: 0, max: PLACES.length - 1 }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('link' as const), store: fc.constantFrom('S1' as const, 'S2' as const), state: fc.constantFrom('online' as const, 'offline' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('1010' as const) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('net' as const), op: fc.constantFrom('deliver' as const, 'reorder' as const, 'duplicate' as const, 'replay' as const, 'drop' as const), pick: fc.nat() }) },
);

function submitted(n: number, places: number[]): SubmittedCallCenterOrder {
  // Not the desk's numbering (CC-000001...): the desk's orders are numbered there.
  const orderId = `CCX-${String(n).padStart(6, '0')}`;
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

/** An accepted order: where its lines are to be listed. */
interface Placed { orderId: string; lines: readonly { lineId: string; locationId: string }[] }

/** CC-21: an order taken at the desk with a line at each place, paid in full by card and submitted. */
function deskOrder(e: Chain, places: readonly number[]): Placed {
  const desk = (command: Record<string, unknown>) => {
    const result = e.executeNow({ operatorId: 'agent1', ...command });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    return result.ok ? result.result : {};
  };
  const orderId = desk({ type: 'callCenter.startOrder', customerId: 'C-ANNA' }).orderId as string;
  for (const p of places) desk({ type: 'callCenter.addLine', orderId, productId: 'P-LAMP', quantity: 1, ...PLACES[p]! });
  desk({ type: 'callCenter.complete', orderId });
  desk({ type: 'callCenter.addPayment', orderId, methodId: 'CARD', percent: 10_000, cardToken: 'TOK-ANNA' });
  desk({ type: 'callCenter.submit', orderId });
  return { orderId, lines: places.map((p, i) => ({ lineId: `${orderId}-${i + 1}`, locationId: PLACES[p]!.locationId })) };
}

function run(steps: readonly Step[]): void {
  const network = new ChaoticNetwork();
  const e = Chain.create(chainConfig(withCallCenter()), { seed: 1, transport: (chain) => network.attach(chain) });
  const accepted: Placed[] = [];
  const atDesk: string[] = [];
  const cancelled = new Set<string>();
  let external = 0;
  for (const step of steps) {
    if (step.t === 'submit') {
      external += 1;
      const order = submitted(external, step.places);
      const result = e.executeNow({ type: 'callCenter.submitOrder', order });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      accepted.push(order);
    } else if (step.t === 'desk') {
      const order = deskOrder(e, step.places);
      accepted.push(order);
      atDesk.push(order.orderId);
    } else if (step.t === 'cancel') {
      if (atDesk.length === 0) continue;
      const orderId = atDesk[step.pick % atDesk.length]!;
      // Nothing is picked here: only an order already cancelled is refused.
      const result = e.executeNow({ type: 'callCenter.cancel', operatorId: 'agent1', orderId });
      expect(result.ok, JSON.stringify(result)).toBe(!cancelled.has(orderId));
      cancelled.add(orderId);
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
  const live = accepted.filter((o) => !cancelled.has(o.orderId));
  expect(e.orderIds().filter((orderId) => !cancelled.has(orderId)).sort()).toEqual(live.map((o) => o.orderId).sort());
  for (const order of live) {
    expect(e.orderView(order.orderId)).toMatchObject({ origin: 'callCenter', salesOrderId: salesOrderOf(e.backOffice(), order.orderId)!.salesOrderId });
  }
  for (const orderId of cancelled) {
    expect(salesOrderOf(e.backOffice(), orderId)!.cancelled).toBeDefined();
    if (e.hasOrder(orderId)) expect(e.orderView(orderId).headerStatus, orderId).toBe('Cancelled');
  }
  const expected = live.flatMap((o) => o.lines.map((l) => `${l.lineId}@${l.locationId}`)).sort();
  expect(listedLines(e)).toEqual(expected);
}

describe('CC-2 / CC-21 / SY-4 call-center orders and their cancels reach their stores exactly once under a chaotic network', () => {
  it('CC-2 / CC-21 every accepted call-center order is at its store once, each line of one not cancelled listed once, a cancelled one cancelled there, after any schedule and a heal (150 schedules)', () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 3, maxLength: 25 }), (steps) => { run(steps); }), { numRuns: 150, seed: 20_261_205 });
  });
});
