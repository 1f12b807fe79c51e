/**
 * CC-15 the continuity batches headquarters runs: "process continuity payments", then "create continuity child
 * orders" (filters: item, order). Driven through enrolment actors the way the jobs will drive them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childOrderReference, planContinuityChildOrders, processContinuityPayments, type PaymentRequest } from '../../../engine/domain/call-center/continuity.ts';
import { approveAll, coffeeClub, ContinuityDesk, enrolment } from './continuity-desk.ts';

const declineAll = () => ({ outcome: 'declined' as const, reason: 'insufficient funds' });

/** Anna (parent order SO-100) and Ben (SO-101) in the coffee club; Cleo (SO-102) in the tea club from April. */
function desk(): ContinuityDesk {
  const d = new ContinuityDesk();
  d.add(enrolment({ enrolmentId: 'EN-1', customerId: 'C-ANNA', parentOrderId: 'SO-100' }));
  d.add(enrolment({ enrolmentId: 'EN-2', customerId: 'C-BEN', parentOrderId: 'SO-101' }));
  d.add(enrolment({ enrolmentId: 'EN-3', customerId: 'C-CLEO', parentOrderId: 'SO-102', parentItemId: 'P-TEA-CLUB', orderDate: '2026-04-01' }));
  return d;
}

const createdKeys = (d: ContinuityDesk) => d.created.map((c) => `${c.enrolmentId}/${c.event}`);

describe('CC-15 process continuity payments', () => {
  it('CC-15 charges each due event once to the kept card; a rerun charges nothing', () => {
    const d = desk();
    const asked: PaymentRequest[] = [];
    const first = d.payments({ runDate: '2026-03-31' }, (r) => { asked.push(r); return approveAll(r); });
    expect(asked.map((r) => [r.enrolmentId, r.event, r.amount, r.cardToken])).toEqual([
      ['EN-1', 1, 3_000, 'tok-visa-4242'], ['EN-1', 2, 3_000, 'tok-visa-4242'], ['EN-2', 1, 3_000, 'tok-visa-4242'], ['EN-2', 2, 3_000, 'tok-visa-4242'],
    ]);
    expect(first.counts).toEqual({ authorised: 4, declined: 0, amountAuthorised: 12_000, awaitingCard: 0 });
    expect(d.payments({ runDate: '2026-03-31' }, () => { throw new Error('charged twice'); }).outcomes).toEqual([]);
  });

  it('CC-15 a declined payment is reported, pauses the enrolment and is not retried until the card is taken again', () => {
    const d = desk();
    const run = d.payments({ runDate: '2026-03-31', orderId: 'SO-100' }, declineAll);
    // The first decline stops that enrolment's charges: event 2 is not tried on a card that just failed.
    expect(run.outcomes).toEqual([{ enrolmentId: 'EN-1', event: 1, customerId: 'C-ANNA', cardToken: 'tok-visa-4242', amount: 3_000, outcome: 'declined', reason: 'insufficient funds' }]);
    expect(run.counts.declined).toBe(1);
    expect(d.state('EN-1')).toEqual({ enrolled: 'paused' });
    // The next run does not silently retry it: it reports it for an agent.
    const next = d.payments({ runDate: '2026-04-01' }, (r) => {
      if (r.enrolmentId === 'EN-1') throw new Error('retried silently');
      return approveAll(r);
    });
    expect(next.awaitingCard).toEqual([{ enrolmentId: 'EN-1', customerId: 'C-ANNA', event: 1, reason: 'insufficient funds' }]);
    expect(next.counts.awaitingCard).toBe(1);
    expect(d.childOrders({ runDate: '2026-04-01' }).waitingForPayment).toContainEqual({ enrolmentId: 'EN-1', event: 1, payment: 'declined' });
    // The agent takes the card again (a new one): the next run charges the declined event and the one due after it.
    d.takeCard('EN-1', 'tok-mc-5454');
    expect(d.state('EN-1')).toEqual({ enrolled: 'active' });
    const retried = d.payments({ runDate: '2026-04-01', orderId: 'SO-100' });
    expect(retried.outcomes.map((o) => [o.event, o.cardToken, o.outcome])).toEqual([[1, 'tok-mc-5454', 'authorised'], [2, 'tok-mc-5454', 'authorised']]);
  });

  it('CC-15 events not due yet, and cancelled or completed enrolments, are not charged', () => {
    const d = desk();
    expect(d.payments({ runDate: '2026-02-28' }).outcomes).toEqual([]);
    d.cancel('EN-2', '2026-02-28');
    expect(d.payments({ runDate: '2026-03-01' }).outcomes.map((o) => o.enrolmentId)).toEqual(['EN-1']);
    d.payments({ runDate: '2026-04-30' });
    d.childOrders({ runDate: '2026-04-30' });
    expect(d.state('EN-1')).toBe('completed');
    expect(processContinuityPayments(d.enrolments(), { runDate: '2026-12-31', orderId: 'SO-100' }, () => { throw new Error('charged a completed enrolment'); }).outcomes).toEqual([]);
  });
});

describe('CC-15 create continuity child orders', () => {
  it('CC-15 one sales order per due, paid event per enrolment, in event order; a rerun creates none', () => {
    const d = desk();
    d.payments({ runDate: '2026-03-31' });
    const run = d.childOrders({ runDate: '2026-03-31' });
    expect(run.orders.map((o) => [o.enrolmentId, o.event, o.itemId, o.amount, o.eventDate, o.channelReference])).toEqual([
      ['EN-1', 1, 'P-BEANS-1', 3_000, '2026-03-01', 'continuity:EN-1:1'], ['EN-1', 2, 'P-BEANS-2', 3_000, '2026-03-31', 'continuity:EN-1:2'],
      ['EN-2', 1, 'P-BEANS-1', 3_000, '2026-03-01', 'continuity:EN-2:1'], ['EN-2', 2, 'P-BEANS-2', 3_000, '2026-03-31', 'continuity:EN-2:2'],
    ]);
    expect(run.orders[0]).toMatchObject({ parentOrderId: 'SO-100', parentItemId: 'P-CLUB', customerId: 'C-ANNA', quantity: 1, authorisationId: 'AUTH-EN-1-1' });
    expect(d.get('EN-1').events[0]!.childOrder).toEqual({ salesOrderId: 'SO-200', createdOn: '2026-03-31' });
    expect(d.childOrders({ runDate: '2026-03-31' }).orders).toEqual([]);
    expect(d.childOrders({ runDate: '2026-04-29' }).orders).toEqual([]);
    expect(childOrderReference('EN-1', 2)).toBe('continuity:EN-1:2');
  });

  it('CC-15 an unpaid due event waits for the payments batch, and so do the events after it', () => {
    const d = desk();
    d.payments({ runDate: '2026-03-01' });
    const run = d.childOrders({ runDate: '2026-04-30' });
    expect(run.orders.map((o) => `${o.enrolmentId}/${o.event}`)).toEqual(['EN-1/1', 'EN-2/1']);
    expect(run.waitingForPayment).toEqual([
      { enrolmentId: 'EN-1', event: 2, payment: 'pending' }, { enrolmentId: 'EN-2', event: 2, payment: 'pending' }, { enrolmentId: 'EN-3', event: 1, payment: 'pending' },
    ]);
  });

  it('CC-15 filters by parent item and by parent order; overlapping filtered runs never duplicate', () => {
    const d = desk();
    d.payments({ runDate: '2026-04-30' });
    expect(d.childOrders({ runDate: '2026-04-30', orderId: 'SO-101' }).orders.map((o) => o.enrolmentId)).toEqual(['EN-2', 'EN-2', 'EN-2']);
    expect(d.childOrders({ runDate: '2026-04-30', itemId: 'P-TEA-CLUB' }).orders.map((o) => `${o.enrolmentId}/${o.event}`)).toEqual(['EN-3/1']);
    expect(d.childOrders({ runDate: '2026-04-30', itemId: 'P-CLUB', orderId: 'SO-102' }).orders).toEqual([]);
    expect(d.childOrders({ runDate: '2026-04-30', itemId: 'P-CLUB' }).orders.map((o) => `${o.enrolmentId}/${o.event}`)).toEqual(['EN-1/1', 'EN-1/2', 'EN-1/3']);
    expect(d.childOrders({ runDate: '2026-04-30' }).orders).toEqual([]);
    expect(new Set(createdKeys(d)).size).toBe(d.created.length);
  });

  it('CC-15 the same enrolment handed to a run twice is charged and planned once', () => {
    const d = desk();
    d.payments({ runDate: '2026-03-01', orderId: 'SO-100' });
    const twice = [d.get('EN-1'), d.get('EN-1')];
    expect(processContinuityPayments(twice, { runDate: '2026-03-31' }, approveAll).outcomes.map((o) => o.event)).toEqual([2]);
    expect(planContinuityChildOrders(twice, { runDate: '2026-03-31' }).orders.map((o) => o.event)).toEqual([1]);
  });

  it('CC-15 the End event\'s child order completes the enrolment', () => {
    const d = desk();
    d.payments({ runDate: '2026-04-30', orderId: 'SO-100' });
    d.childOrders({ runDate: '2026-04-29', orderId: 'SO-100' });
    expect(d.state('EN-1')).toEqual({ enrolled: 'active' });
    d.childOrders({ runDate: '2026-04-30', orderId: 'SO-100' });
    expect(d.state('EN-1')).toBe('completed');
  });

  it('CC-15 (decision) cancel: no further child orders, existing ones stay, authorised events not shipped are voided', () => {
    const d = desk();
    d.payments({ runDate: '2026-03-31', orderId: 'SO-100' });
    d.childOrders({ runDate: '2026-03-01', orderId: 'SO-100' });
    const emitted: unknown[] = [];
    d.actors.get('EN-1')!.on('enrolmentCancelled', (e) => emitted.push(e));
    d.cancel('EN-1', '2026-03-15');
    expect(emitted).toEqual([{ type: 'enrolmentCancelled', enrolmentId: 'EN-1', voidAuthorisations: [{ event: 2, authorisationId: 'AUTH-EN-1-2', amount: 3_000 }] }]);
    const after = d.get('EN-1');
    expect(after.events.map((e) => [e.payment.status, e.childOrder?.salesOrderId ?? null])).toEqual([['authorised', 'SO-200'], ['voided', null], ['pending', null]]);
    expect(d.payments({ runDate: '2026-12-31', orderId: 'SO-100' }).outcomes).toEqual([]);
    expect(d.childOrders({ runDate: '2026-12-31', orderId: 'SO-100' }).orders).toEqual([]);
    expect(d.created.map((c) => c.salesOrderId)).toEqual(['SO-200']);
  });
});

/** Days from 2026-02-15 to 2026-08-31: before, during and after the coffee club. */
const day = (offset: number) => new Date(Date.UTC(2026, 1, 15 + offset)).toISOString().slice(0, 10);
const LAST_DAY = 197;

describe('CC-15 reruns never duplicate (property)', () => {
  it('CC-15 any sequence of runs and cancellations creates each (enrolment, event) child at most once, and after a full run every due event of an active enrolment exactly once', () => {
    const enrolmentArb = fc.record({ orderDay: fc.integer({ min: 0, max: 120 }), current: fc.boolean(), amount: fc.integer({ min: 0, max: 50_000 }), item: fc.constantFrom('P-CLUB', 'P-TEA-CLUB') });
    const filterArb = fc.record({ item: fc.option(fc.constantFrom('P-CLUB', 'P-TEA-CLUB'), { nil: undefined }), order: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) });
    const stepArb = fc.oneof(
      fc.record({ kind: fc.constant('payments' as const), day: fc.integer({ min: 0, max: LAST_DAY }), filter: filterArb, declines: fc.boolean() }),
      fc.record({ kind: fc.constant('children' as const), day: fc.integer({ min: 0, max: LAST_DAY }), filter: filterArb }),
      fc.record({ kind: fc.constant('cancel' as const), day: fc.integer({ min: 0, max: LAST_DAY }), who: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('takeCard' as const), who: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(fc.property(fc.array(enrolmentArb, { minLength: 1, maxLength: 5 }), fc.array(stepArb, { maxLength: 25 }), (people, steps) => {
      const d = new ContinuityDesk();
      people.forEach((p, i) => d.add(enrolment({
        enrolmentId: `EN-${i}`, parentOrderId: `SO-${i}`, parentItemId: p.item, orderDate: day(p.orderDay), amount: p.amount,
        schedule: { ...coffeeClub, orderStart: p.current ? 'currentEvent' : 'firstEvent' },
      })));
      const ids = people.map((_, i) => `EN-${i}`);
      const childrenAtCancel = new Map<string, number>();
      const children = (id: string) => d.created.filter((c) => c.enrolmentId === id).length;
      for (const step of steps) {
        if (step.kind === 'payments' || step.kind === 'children') {
          const run = { runDate: day(step.day), itemId: step.filter.item, orderId: step.filter.order === undefined ? undefined : `SO-${step.filter.order}` };
          if (step.kind === 'payments') d.payments(run, step.declines ? declineAll : approveAll);
          else d.childOrders(run);
        } else if (step.who < ids.length) {
          const id = ids[step.who]!;
          const state = d.state(id);
          if (step.kind === 'cancel' && state !== 'completed' && state !== 'cancelled') {
            d.cancel(id, day(step.day));
            childrenAtCancel.set(id, children(id));
          }
          if (step.kind === 'takeCard' && state !== 'completed' && state !== 'cancelled') d.takeCard(id, 'tok-new');
        }
        expect(new Set(createdKeys(d)).size).toBe(d.created.length);
      }
      // A full run: agents take the cards of paused enrolments, then both batches run unfiltered on the last day.
      for (const id of ids) if (JSON.stringify(d.state(id)) === JSON.stringify({ enrolled: 'paused' })) d.takeCard(id, 'tok-fixed');
      d.payments({ runDate: day(LAST_DAY) });
      d.childOrders({ runDate: day(LAST_DAY) });
      expect(new Set(createdKeys(d)).size).toBe(d.created.length);
      for (const id of ids) {
        const e = d.get(id);
        if (e.cancelled !== null) {
          expect(children(id)).toBe(childrenAtCancel.get(id));
          continue;
        }
        for (const event of e.events) {
          const made = d.created.filter((c) => c.enrolmentId === id && c.event === event.event).length;
          expect(made).toBe(event.date <= day(LAST_DAY) ? 1 : 0);
        }
        expect(d.state(id)).toBe('completed');
      }
    }), { numRuns: 150 });
  });
});
