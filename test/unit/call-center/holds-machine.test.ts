/** The order hold machine (CC-16, CC-18, CC-19): check-out, override, release, clear; refusals from the chart. */
import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { OrderHold, SubmitResult } from '../../../engine/domain/call-center/holds.ts';
import { violation } from '../../../engine/domain/violation.ts';
import { createOrderHoldMachine, type OrderHoldEvent } from '../../../machines/order-hold.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { agent1, agent2, DAY0, placed, policy, summaryHold, supervisor } from './holds-fixture.ts';

const machine = createOrderHoldMachine(policy);
const start = (hold: OrderHold) => createActor(machine, { input: hold }).start();

/** Sends an event the hold must take. */
function accept(actor: ReturnType<typeof start>, event: OrderHoldEvent) {
  const before = actor.getSnapshot();
  if (!before.can(event)) throw new Error(`refused: ${explainRefusal(before, event).message}`);
  actor.send(event);
}

/** Sends an event the hold must refuse; returns why, and checks nothing changed. */
function refuse(actor: ReturnType<typeof start>, event: OrderHoldEvent) {
  const before = actor.getSnapshot();
  expect(before.can(event)).toBe(false);
  actor.send(event);
  expect(actor.getSnapshot().value).toEqual(before.value);
  expect(actor.getSnapshot().context).toEqual(before.context);
  return explainRefusal(before, event);
}

const ok: SubmitResult = { ok: true };
const paymentMissing: SubmitResult = { violation: violation('CC-8', 'the order has no payment', 'payments') };

describe('order hold machine', () => {
  it('CC-18 a held order one agent checked out is cleared by a supervisor\'s override check-out', () => {
    const hold = start(summaryHold('H1', 'CC-1', DAY0));
    expect(hold.getSnapshot().value).toBe('open');
    accept(hold, { type: 'CHECK_OUT', user: agent1, at: DAY0 + 1000 });
    expect(hold.getSnapshot().value).toBe('checkedOut');
    expect(hold.getSnapshot().context.checkedOut).toEqual({ by: 'agent1', at: DAY0 + 1000 });

    // Another agent can neither check it out, nor take it over, nor clear it.
    expect(refuse(hold, { type: 'CHECK_OUT', user: agent2, at: DAY0 + 2000 })).toEqual({
      rule: 'CC-18', field: 'holdId',
      message: 'hold H1 on order CC-1 cannot check out now: agent1 has it checked out, and only a supervisor can take it over (only when it is not checked out)',
    });
    expect(refuse(hold, { type: 'OVERRIDE_CHECK_OUT', user: agent2, at: DAY0 + 2000 })).toMatchObject({ rule: 'CC-18', message: expect.stringContaining('only a supervisor') });
    expect(refuse(hold, { type: 'CLEAR', user: agent2, at: DAY0 + 2000, variant: 'clear', submitted: null })).toMatchObject({ rule: 'CC-18' });

    // The supervisor takes it over: the hold is theirs, with the time of the override.
    accept(hold, { type: 'OVERRIDE_CHECK_OUT', user: supervisor, at: DAY0 + 3000 });
    expect(hold.getSnapshot().context.checkedOut).toEqual({ by: 'super1', at: DAY0 + 3000 });
    // The agent who had it can no longer give it back or clear it.
    expect(refuse(hold, { type: 'RELEASE_CHECK_OUT', user: agent1 })).toMatchObject({ rule: 'CC-18' });
    expect(refuse(hold, { type: 'CLEAR', user: agent1, at: DAY0 + 4000, variant: 'clear', submitted: null })).toMatchObject({ rule: 'CC-18' });

    accept(hold, { type: 'CLEAR', user: supervisor, at: DAY0 + 5000, variant: 'clearAndSubmit', submitted: ok });
    expect(hold.getSnapshot().status).toBe('done');
    expect(hold.getSnapshot().context).toMatchObject({ checkedOut: null, cleared: { by: 'super1', at: DAY0 + 5000, variant: 'clearAndSubmit' } });
    expect(explainRefusal(hold.getSnapshot(), { type: 'CHECK_OUT', user: supervisor, at: 0 })).toMatchObject({ rule: 'STATE', message: expect.stringContaining('it is cleared') });
  });

  it('CC-18 only the user who checked it out gives it back; the hold stays open for anyone', () => {
    const hold = start(summaryHold('H1', 'CC-1', DAY0));
    accept(hold, { type: 'CHECK_OUT', user: agent1, at: DAY0 });
    // Not even its holder checks it out again: the time it was taken stays.
    expect(refuse(hold, { type: 'CHECK_OUT', user: agent1, at: DAY0 + 9 })).toMatchObject({ rule: 'CC-18' });
    expect(hold.getSnapshot().context.checkedOut).toEqual({ by: 'agent1', at: DAY0 });
    expect(refuse(hold, { type: 'RELEASE_CHECK_OUT', user: supervisor })).toMatchObject({ rule: 'CC-18', field: 'operatorId' });
    accept(hold, { type: 'RELEASE_CHECK_OUT', user: agent1 });
    expect(hold.getSnapshot().value).toBe('open');
    expect(hold.getSnapshot().context).toMatchObject({ checkedOut: null, cleared: null });
    expect(refuse(hold, { type: 'RELEASE_CHECK_OUT', user: agent1 })).toMatchObject({ rule: 'STATE', message: expect.stringContaining('it is not checked out') });
    accept(hold, { type: 'CHECK_OUT', user: agent2, at: DAY0 + 10 });
    expect(hold.getSnapshot().context.checkedOut).toEqual({ by: 'agent2', at: DAY0 + 10 });
  });

  it('CC-16 an agent cannot check out or clear a hold whose code only supervisors use', () => {
    const hold = start(placed([], { holdId: 'H1', orderId: 'CC-1', origin: 'summary', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 }));
    expect(refuse(hold, { type: 'CHECK_OUT', user: agent1, at: DAY0 })).toMatchObject({ rule: 'CC-16', field: 'code' });
    expect(refuse(hold, { type: 'CLEAR', user: agent1, at: DAY0, variant: 'clear', submitted: null })).toMatchObject({ rule: 'CC-16' });
    accept(hold, { type: 'CLEAR', user: supervisor, at: DAY0, variant: 'clear', submitted: null });
  });

  it('CC-19 "submit when cleared" with a failed submit keeps the hold; "Clear and submit" clears it anyway', () => {
    const kept = start(summaryHold('H1', 'CC-1', DAY0));
    expect(refuse(kept, { type: 'CLEAR', user: agent1, at: DAY0, variant: 'submitWhenCleared', submitted: paymentMissing }))
      .toMatchObject({ rule: 'CC-19', field: 'payments', message: expect.stringContaining('stays') });
    accept(kept, { type: 'CLEAR', user: agent1, at: DAY0, variant: 'submitWhenCleared', submitted: ok });
    expect(kept.getSnapshot().value).toBe('cleared');

    const cleared = start(summaryHold('H2', 'CC-1', DAY0));
    accept(cleared, { type: 'CLEAR', user: agent1, at: DAY0, variant: 'clearAndSubmit', submitted: paymentMissing });
    expect(cleared.getSnapshot().context.cleared).toMatchObject({ variant: 'clearAndSubmit' });
  });

  it('a hold restored from its record starts in the state the record says', () => {
    const open = summaryHold('H1', 'CC-1', DAY0);
    expect(start({ ...open, checkedOut: { by: 'agent1', at: DAY0 } }).getSnapshot().value).toBe('checkedOut');
    expect(start({ ...open, cleared: { by: 'agent1', at: DAY0, variant: 'clear' } }).getSnapshot().value).toBe('cleared');
  });

  it('the chart generates paths to every state (no invoke, no delays)', () => {
    const events: OrderHoldEvent[] = [
      { type: 'CHECK_OUT', user: agent1, at: 1 },
      { type: 'OVERRIDE_CHECK_OUT', user: supervisor, at: 2 },
      { type: 'RELEASE_CHECK_OUT', user: agent1 },
      { type: 'CLEAR', user: agent1, at: 3, variant: 'clear', submitted: null },
    ];
    const paths = getShortestPaths(machine, { input: summaryHold('H1', 'CC-1', DAY0), events, serializeState: (s) => JSON.stringify(s.value) });
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(['open', 'checkedOut', 'cleared']));
  });
});
