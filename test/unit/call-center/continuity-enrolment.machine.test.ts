/**
 * The continuity enrolment machine (CC-14, CC-15): active -> paused (declined payment) -> active (card taken again),
 * completed by the End event's child order, cancelled; each guard named after its rule, each refusal explained.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { authorisePayment, cancelEnrolment, declinePayment, recordChildOrder, type ContinuityEnrolment } from '../../../engine/domain/call-center/continuity.ts';
import { continuityEnrolmentRules, createContinuityEnrolmentMachine, type ContinuityEnrolmentEvent } from '../../../machines/continuity-enrolment.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { enrolment } from './continuity-desk.ts';

const machine = createContinuityEnrolmentMachine();
const start = (input: ContinuityEnrolment = enrolment()) => createActor(machine, { input }).start();

/** Sends an event the enrolment must take. */
function take(actor: ReturnType<typeof start>, event: ContinuityEnrolmentEvent) {
  expect(actor.getSnapshot().can(event), JSON.stringify(explainRefusal(actor.getSnapshot(), event))).toBe(true);
  actor.send(event);
}

describe('continuity enrolment machine', () => {
  it('names each guard after its rule', () => {
    expect(Object.keys(continuityEnrolmentRules)).toEqual(['CC-15 paymentDue', 'CC-15 oneChildOrderPerEvent', 'CC-15 cardTokenKept']);
  });

  it('CC-15 lives from the sale to the End event\'s child order', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toEqual({ enrolled: 'active' });
    for (const [event, on] of [[1, '2026-03-01'], [2, '2026-03-31'], [3, '2026-04-30']] as const) {
      take(actor, { type: 'RECORD_AUTHORISATION', event, authorisationId: `A-${event}`, on });
      take(actor, { type: 'RECORD_CHILD_ORDER', event, salesOrderId: `SO-${event}`, on });
    }
    expect(actor.getSnapshot().value).toBe('completed');
    expect(actor.getSnapshot().status).toBe('done');
    expect(explainRefusal(actor.getSnapshot(), { type: 'CANCEL', on: '2026-05-01', by: 'agent1' })).toEqual({
      rule: 'CC-15', field: 'enrolmentId', message: 'enrolment EN-1 cannot cancel now: every event of its program has its child order (only when its program is running)',
    });
  });

  it('CC-15 paymentDue: an event is charged once, only when due, and only if the enrolment has it', () => {
    const actor = start();
    const early = { type: 'RECORD_AUTHORISATION', event: 2, authorisationId: 'A-2', on: '2026-03-30' } as const;
    expect(explainRefusal(actor.getSnapshot(), early)).toEqual({ rule: 'CC-15', field: 'event', message: 'event 2 of enrolment EN-1 is due on 2026-03-31, not yet on 2026-03-30' });
    expect(explainRefusal(actor.getSnapshot(), { ...early, event: 9 })).toMatchObject({ rule: 'NOT_FOUND', field: 'event' });
    take(actor, { ...early, event: 1 });
    expect(explainRefusal(actor.getSnapshot(), { type: 'RECORD_DECLINE', event: 1, reason: 'x', on: '2026-03-30' })).toEqual({ rule: 'CC-15', field: 'event', message: 'event 1 of enrolment EN-1 is already authorised' });
    actor.send({ type: 'RECORD_DECLINE', event: 1, reason: 'x', on: '2026-03-30' });
    expect(actor.getSnapshot().value).toEqual({ enrolled: 'active' });
  });

  it('CC-15 oneChildOrderPerEvent: paid, due, none yet, and in event order', () => {
    const actor = start();
    const created = { type: 'RECORD_CHILD_ORDER', event: 1, salesOrderId: 'SO-1', on: '2026-03-01' } as const;
    expect(explainRefusal(actor.getSnapshot(), created)).toEqual({ rule: 'CC-15', field: 'event', message: 'event 1 of enrolment EN-1 is not paid (its payment is pending)' });
    take(actor, { type: 'RECORD_AUTHORISATION', event: 1, authorisationId: 'A-1', on: '2026-03-01' });
    take(actor, { type: 'RECORD_AUTHORISATION', event: 2, authorisationId: 'A-2', on: '2026-03-31' });
    expect(explainRefusal(actor.getSnapshot(), { ...created, event: 2, on: '2026-03-31' })).toEqual({ rule: 'CC-15', field: 'event', message: 'event 1 of enrolment EN-1 ships before event 2' });
    expect(explainRefusal(actor.getSnapshot(), { ...created, on: '2026-02-28' })).toMatchObject({ rule: 'CC-15', message: 'event 1 of enrolment EN-1 is due on 2026-03-01, not yet on 2026-02-28' });
    take(actor, created);
    expect(explainRefusal(actor.getSnapshot(), { ...created, salesOrderId: 'SO-9' })).toEqual({ rule: 'CC-15', field: 'event', message: 'event 1 of enrolment EN-1 already has child order SO-1' });
    actor.send({ ...created, salesOrderId: 'SO-9' });
    expect(actor.getSnapshot().context.events[0]!.childOrder).toEqual({ salesOrderId: 'SO-1', createdOn: '2026-03-01' });
  });

  it('CC-15 a declined payment pauses the enrolment: nothing more is charged until the card is taken again (cardTokenKept)', () => {
    const actor = start();
    take(actor, { type: 'RECORD_AUTHORISATION', event: 1, authorisationId: 'A-1', on: '2026-03-31' });
    take(actor, { type: 'RECORD_DECLINE', event: 2, reason: 'card expired', on: '2026-03-31' });
    expect(actor.getSnapshot().value).toEqual({ enrolled: 'paused' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'RECORD_AUTHORISATION', event: 2, authorisationId: 'A-2', on: '2026-04-01' })).toEqual({
      rule: 'CC-15', field: 'enrolmentId',
      message: 'enrolment EN-1 cannot record authorisation now: a payment was declined: take the customer\'s card again first (only when it is active)',
    });
    // The paid event still ships while paused.
    take(actor, { type: 'RECORD_CHILD_ORDER', event: 1, salesOrderId: 'SO-1', on: '2026-03-31' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'TAKE_CARD', cardToken: ' ' })).toEqual({ rule: 'CC-15', field: 'cardToken', message: 'a continuity program needs the customer\'s card kept on file: take the card' });
    take(actor, { type: 'TAKE_CARD', cardToken: 'tok-new' });
    expect(actor.getSnapshot().value).toEqual({ enrolled: 'active' });
    expect(actor.getSnapshot().context.events[1]!.payment).toEqual({ status: 'pending' });
    expect(actor.getSnapshot().context.cardToken).toBe('tok-new');
    take(actor, { type: 'RECORD_AUTHORISATION', event: 2, authorisationId: 'A-2', on: '2026-04-01' });
    // An active enrolment takes a new card too (the customer changed cards).
    take(actor, { type: 'TAKE_CARD', cardToken: 'tok-newer' });
    expect(actor.getSnapshot().value).toEqual({ enrolled: 'active' });
  });

  it('CC-15 (decision) cancelling from active or paused keeps the child orders, voids what was authorised but not shipped', () => {
    for (const declined of [false, true]) {
      const actor = start();
      take(actor, { type: 'RECORD_AUTHORISATION', event: 1, authorisationId: 'A-1', on: '2026-03-01' });
      take(actor, { type: 'RECORD_CHILD_ORDER', event: 1, salesOrderId: 'SO-1', on: '2026-03-01' });
      take(actor, declined
        ? { type: 'RECORD_DECLINE', event: 2, reason: 'card expired', on: '2026-03-31' }
        : { type: 'RECORD_AUTHORISATION', event: 2, authorisationId: 'A-2', on: '2026-03-31' });
      const voided: unknown[] = [];
      actor.on('enrolmentCancelled', (e) => voided.push(...e.voidAuthorisations));
      take(actor, { type: 'CANCEL', on: '2026-04-02', by: 'agent1' });
      expect(actor.getSnapshot().value).toBe('cancelled');
      expect(voided).toEqual(declined ? [] : [{ event: 2, authorisationId: 'A-2', amount: 3_000 }]);
      const { context } = actor.getSnapshot();
      expect(context.cancelled).toEqual({ on: '2026-04-02', by: 'agent1' });
      expect(context.events[0]!.childOrder).toEqual({ salesOrderId: 'SO-1', createdOn: '2026-03-01' });
      expect(explainRefusal(actor.getSnapshot(), { type: 'RECORD_CHILD_ORDER', event: 2, salesOrderId: 'SO-2', on: '2026-04-02' })).toMatchObject({
        rule: 'CC-15', message: expect.stringContaining('enrolment EN-1 cannot record child order now: it is cancelled'),
      });
    }
  });

  it('CC-14 a restored enrolment starts in the state its events say', () => {
    const paid = authorisePayment(enrolment(), 1, 'A-1', '2026-03-01');
    expect(start(paid).getSnapshot().value).toEqual({ enrolled: 'active' });
    expect(start(declinePayment(paid, 2, 'x', '2026-03-31')).getSnapshot().value).toEqual({ enrolled: 'paused' });
    expect(start(cancelEnrolment(paid, '2026-03-02', 'agent1')).getSnapshot().value).toBe('cancelled');
    const all = [1, 2, 3].reduce((e, n) => recordChildOrder(authorisePayment(e, n, `A-${n}`, '2026-04-30'), n, `SO-${n}`, '2026-04-30'), enrolment());
    expect(start(all).getSnapshot().value).toBe('completed');
  });
});
