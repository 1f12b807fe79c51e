/** Order holds (CC-16..CC-19): the pure rules of engine/domain/call-center/holds.ts. */
import { describe, expect, it, vi } from 'vitest';
import {
  checkHoldCodes, checkOverrideCheckOut, checkReleaseCheckOut, checkOutHold, checkClear, clearHold, daysOnHold, holdCodeSchema, holdCodesSchema,
  holdList, orderHoldState, placeAutomaticHolds, placeHold, type HoldPolicy, type OrderHold, type SubmitResult,
} from '../../../engine/domain/call-center/holds.ts';
import { violation } from '../../../engine/domain/violation.ts';
import { agent1, agent2, DAY, DAY0, holdCodes, placed, policy, summaryHold, supervisor } from './holds-fixture.ts';

const submitted: SubmitResult = { ok: true };
const paymentMissing: SubmitResult = { violation: violation('CC-8', 'the order has no payment for 45.00 of its total', 'payments', { balance: 4500 }) };

describe('CC-16 hold codes', () => {
  it('CC-16 a hold code: roles, default for sales order, remove reservations, optional reason subcodes', () => {
    const code = holdCodeSchema.parse({ code: 'CREDIT', description: 'Credit check', roleIds: ['supervisor'] });
    expect(code).toEqual({ code: 'CREDIT', description: 'Credit check', roleIds: ['supervisor'], defaultForSalesOrder: false, removeInventoryReservations: false, reasonCodes: [] });
    expect(holdCodeSchema.safeParse({ code: 'X', description: 'X', roleIds: [] }).success).toBe(false);
    expect(holdCodeSchema.safeParse({ code: 'X', description: 'X', roleIds: ['agent'], defaultForSalesOrdr: true }).success).toBe(false);
  });

  it('CC-16 at most one hold code is the default for sales orders', () => {
    const codes = [
      { code: 'A', description: 'A', roleIds: ['agent'], defaultForSalesOrder: true },
      { code: 'B', description: 'B', roleIds: ['agent'] },
      { code: 'C', description: 'C', roleIds: ['agent'], defaultForSalesOrder: true },
    ];
    const parsed = holdCodesSchema.safeParse(codes);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: [2, 'defaultForSalesOrder'], message: 'only one hold code may be the default for sales orders; "A" and "C" both are' })]);
    expect(checkHoldCodes(holdCodeSchema.array().parse(codes))).toEqual({ rule: 'CC-16', field: 'holdCodes.2.defaultForSalesOrder', message: expect.stringContaining('only one hold code') });
    expect(checkHoldCodes(holdCodes)).toBeNull();
    expect(checkHoldCodes(holdCodeSchema.array().parse([codes[1], codes[1]]))).toMatchObject({ rule: 'CC-16', field: 'holdCodes.1.code' });
  });

  it('CC-16 only a role the code lists places a hold with it (a supervisor any), with one of its reasons', () => {
    const base = { holdId: 'H1', orderId: 'CC-1', origin: 'entry' as const, at: DAY0 };
    expect(placeHold(policy, [], { ...base, user: agent1, code: 'FRAUD-REVIEW' })).toMatchObject({ rule: 'CC-16', field: 'code', message: 'agent1 may not use hold code "FRAUD-REVIEW" (Fraud review): ask a supervisor' });
    expect(placeHold(policy, [], { ...base, user: supervisor, code: 'FRAUD-REVIEW' })).toMatchObject({ hold: { code: 'FRAUD-REVIEW', placedBy: 'super1' } });
    expect(placeHold(policy, [], { ...base, user: agent1, code: 'HOLDD' })).toMatchObject({ rule: 'CC-16', message: 'there is no hold code "HOLDD" (did you mean "HOLD"?)' });
    expect(placeHold(policy, [], { ...base, user: agent1, code: 'HOLD', reasonCode: 'LATER' })).toMatchObject({ rule: 'CC-16', field: 'reasonCode', message: expect.stringContaining('"CALLBACK", "ADDRESS"') });
    expect(placeHold(policy, [], { ...base, user: agent1, code: 'HOLD', reasonCode: 'CALLBACK', notes: '  call after 5pm ' })).toMatchObject({ hold: { reasonCode: 'CALLBACK', notes: 'call after 5pm' } });
  });

  it('CC-16 the default code is used for every automatic hold and for a manual hold placed without a code', () => {
    expect(summaryHold('H1', 'CC-1', DAY0).code).toBe('HOLD');
    expect(placed([], { holdId: 'H2', orderId: 'CC-1', origin: 'creditLimit', placedBy: 'agent1', at: DAY0 }).code).toBe('HOLD');
    // A default restricted to supervisors still holds an agent's order automatically: the submit places it, not the agent.
    const strict: HoldPolicy = { holdCodes: holdCodeSchema.array().parse([{ code: 'REVIEW', description: 'Review', roleIds: ['supervisor'], defaultForSalesOrder: true }]), supervisorRoleIds: ['supervisor'] };
    expect(placed([], { holdId: 'H3', orderId: 'CC-1', origin: 'fraud', placedBy: 'agent1', at: DAY0 }, strict).code).toBe('REVIEW');
    // Without a default, an automatic hold still goes on (an order that failed its fraud check must not slip through); a manual one needs a code.
    const noDefault: HoldPolicy = { holdCodes: holdCodes.filter((c) => !c.defaultForSalesOrder), supervisorRoleIds: ['supervisor'] };
    expect(placed([], { holdId: 'H4', orderId: 'CC-1', origin: 'fraud', placedBy: 'agent1', at: DAY0 }, noDefault).code).toBeNull();
    expect(placeHold(noDefault, [], { holdId: 'H5', orderId: 'CC-1', origin: 'entry', user: agent1, at: DAY0 })).toMatchObject({ rule: 'CC-16', message: 'choose a hold code: no default hold code is set up' });
  });

  it('CC-16 a code with "remove inventory reservations" releases them when placed, and clearing its last such hold reserves again', () => {
    const fraud = placeHold(policy, [], { holdId: 'H1', orderId: 'CC-1', origin: 'entry', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 });
    expect(fraud).toMatchObject({ releaseReservations: true, hold: { releasedReservations: true } });
    expect(placeHold(policy, [], { holdId: 'H2', orderId: 'CC-1', origin: 'entry', user: agent1, at: DAY0 })).toMatchObject({ releaseReservations: false });
    const first = placed([], { holdId: 'H1', orderId: 'CC-1', origin: 'entry', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 });
    // A second such hold has nothing left to release, but keeps them released while it is open.
    const secondPlaced = placeHold(policy, [first], { holdId: 'H2', orderId: 'CC-1', origin: 'summary', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 });
    expect(secondPlaced).toMatchObject({ releaseReservations: false, hold: { releasedReservations: true } });
    const second = placed([first], { holdId: 'H2', orderId: 'CC-1', origin: 'summary', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 });
    const submit = () => submitted;
    expect(clearHold(policy, [first, second], { holdId: 'H1', user: supervisor, at: DAY0, variant: 'clear' }, null, submit)).toMatchObject({ reserveAgain: false });
    expect(clearHold(policy, [first], { holdId: 'H1', user: supervisor, at: DAY0, variant: 'clear' }, null, submit)).toMatchObject({ reserveAgain: true });
  });
});

describe('CC-17 holds on an order', () => {
  it('CC-17 several holds per order, manual and automatic; any open one -> Do not process, On hold, not released to picking, may be left unpaid', () => {
    const manual = summaryHold('H1', 'CC-1', DAY0);
    const balance = placed([manual], { holdId: 'H2', orderId: 'CC-1', origin: 'outOfBalance', placedBy: 'agent1', at: DAY0 });
    expect(orderHoldState([manual, balance], { doNotProcess: false, paymentApproved: true })).toEqual({
      openHolds: 2, doNotProcess: true, detailStatus: 'On hold', releaseToPicking: false, mayLeaveUnpaid: true,
    });
    expect(orderHoldState([], { doNotProcess: false, paymentApproved: true })).toEqual({
      openHolds: 0, doNotProcess: false, detailStatus: null, releaseToPicking: true, mayLeaveUnpaid: false,
    });
  });

  it('CC-17 an open fraud hold makes the detail status Fraud hold', () => {
    const manual = summaryHold('H1', 'CC-1', DAY0);
    const fraud = placed([manual], { holdId: 'H2', orderId: 'CC-1', origin: 'fraud', placedBy: 'agent1', at: DAY0 });
    expect(orderHoldState([manual, fraud], { doNotProcess: true, paymentApproved: false }).detailStatus).toBe('Fraud hold');
    const fraudCleared = { ...fraud, cleared: { by: 'super1', at: DAY0, variant: 'clear' as const } };
    expect(orderHoldState([manual, fraudCleared], { doNotProcess: true, paymentApproved: false }).detailStatus).toBe('On hold');
  });

  it('CC-17 the same automatic cause does not stack a second open hold; a new one may follow once it is cleared', () => {
    const request = { orderId: 'CC-1', origin: 'check' as const, placedBy: 'agent1', at: DAY0 };
    const first = placed([], { ...request, holdId: 'H1' });
    expect(placeHold(policy, [first], { ...request, holdId: 'H2' })).toMatchObject({ rule: 'CC-17', field: 'origin', message: 'order CC-1 is already on hold (check over the check limit): hold H1' });
    const cleared = { ...first, cleared: { by: 'agent1', at: DAY0, variant: 'clear' as const } };
    expect(placeHold(policy, [cleared], { ...request, holdId: 'H2' })).toMatchObject({ hold: { holdId: 'H2' } });
    expect(placeHold(policy, [first], { ...request, holdId: 'H1' })).toMatchObject({ rule: 'CONFLICT', field: 'holdId' });
    expect(placeHold(policy, [], { holdId: 'H1', orderId: 'CC-1', origin: 'entry', user: agent1, at: DAY0, notes: 'x'.repeat(1001) })).toMatchObject({ rule: 'VALIDATION', field: 'notes' });
  });

  it('CC-17 a submit places one automatic hold per cause it found, none for a cause already holding the order', () => {
    const check = placed([], { holdId: 'CC-1-H1', orderId: 'CC-1', origin: 'check', placedBy: 'agent1', at: DAY0 });
    const submit = { orderId: 'CC-1', placedBy: 'agent2', at: DAY0 + DAY, holdIdOf: (origin: string) => `CC-1-${origin}` };
    const result = placeAutomaticHolds(policy, [check], ['creditLimit', 'check', 'fraud', 'creditLimit'], submit);
    expect(result).toMatchObject({ releaseReservations: false, placed: [
      { holdId: 'CC-1-creditLimit', origin: 'creditLimit', code: 'HOLD', placedBy: 'agent2', placedAt: DAY0 + DAY },
      { holdId: 'CC-1-fraud', origin: 'fraud' },
    ] });
    expect(placeAutomaticHolds(policy, [check], ['check'], submit)).toEqual({ placed: [], releaseReservations: false });
    expect(placeAutomaticHolds(policy, [check], ['fraud'], { ...submit, holdIdOf: () => 'CC-1-H1' })).toMatchObject({ rule: 'CONFLICT' });
  });

  it('CC-17 days on hold are calendar days: 0 on the day placed, 1 after midnight, frozen once cleared', () => {
    const lateEvening = summaryHold('H1', 'CC-1', DAY0 + 23 * 3_600_000 + 50 * 60_000);
    expect(daysOnHold(lateEvening, DAY0 + 23 * 3_600_000 + 55 * 60_000)).toBe(0);
    expect(daysOnHold(lateEvening, DAY0 + DAY + 10 * 60_000)).toBe(1);
    expect(daysOnHold(lateEvening, DAY0 + 9 * DAY)).toBe(9);
    expect(daysOnHold({ ...lateEvening, cleared: { by: 'agent1', at: DAY0 + 2 * DAY, variant: 'clear' } }, DAY0 + 9 * DAY)).toBe(2);
  });

  it('CC-17 the hold list: open holds, longest held first, with customer, code, reason, days on hold and who has it checked out', () => {
    const customers: Record<string, { customerId: string; customerName: string }> = {
      'CC-1': { customerId: 'C-ANNA', customerName: 'Anna Lee' },
      'CC-2': { customerId: 'C-BEN', customerName: 'Ben Ortiz' },
    };
    const recent = placed([], { holdId: 'H3', orderId: 'CC-1', origin: 'entry', user: agent1, code: 'HOLD', reasonCode: 'ADDRESS', at: DAY0 + 3 * DAY });
    const old = checkOutHold(placed([], { holdId: 'H2', orderId: 'CC-2', origin: 'fraud', placedBy: 'agent2', at: DAY0 }), agent2, DAY0 + DAY);
    const gone = { ...summaryHold('H1', 'CC-1', DAY0 - DAY), cleared: { by: 'agent1', at: DAY0, variant: 'clear' as const } };
    const rows = holdList([recent, gone, old], holdCodes, (orderId) => customers[orderId]!, DAY0 + 4 * DAY);
    expect(rows).toEqual([
      {
        holdId: 'H2', orderId: 'CC-2', customerId: 'C-BEN', customerName: 'Ben Ortiz', code: 'HOLD', codeDescription: 'General hold', reason: 'fraud check',
        notes: '', origin: 'fraud', fraud: true, placedBy: 'agent2', placedAt: DAY0, daysOnHold: 4, checkedOutBy: 'agent2', checkedOutAt: DAY0 + DAY,
      },
      {
        holdId: 'H3', orderId: 'CC-1', customerId: 'C-ANNA', customerName: 'Anna Lee', code: 'HOLD', codeDescription: 'General hold', reason: 'Confirm the ship-to address',
        notes: '', origin: 'entry', fraud: false, placedBy: 'agent1', placedAt: DAY0 + 3 * DAY, daysOnHold: 1, checkedOutBy: null, checkedOutAt: null,
      },
    ]);
  });
});

describe('CC-18 check-out', () => {
  it('CC-18 one user checks out a hold (user and time kept); another cannot clear it (decision)', () => {
    const hold = checkOutHold(summaryHold('H1', 'CC-1', DAY0), agent1, DAY0 + 60_000);
    expect(hold.checkedOut).toEqual({ by: 'agent1', at: DAY0 + 60_000 });
    expect(checkClear(policy, hold, agent2)).toEqual({ rule: 'CC-18', field: 'holdId', message: 'hold H1 on order CC-1 is checked out by agent1: only agent1 can work it, or a supervisor can take it over' });
    const submit = vi.fn(() => submitted);
    expect(clearHold(policy, [hold], { holdId: 'H1', user: agent2, at: DAY0, variant: 'clearAndSubmit' }, null, submit)).toMatchObject({ rule: 'CC-18' });
    expect(submit).not.toHaveBeenCalled();
    expect(checkClear(policy, hold, agent1)).toBeNull();
  });

  it('CC-18 only the user who checked it out gives it back, and the hold stays', () => {
    const hold = checkOutHold(summaryHold('H1', 'CC-1', DAY0), agent1, DAY0);
    expect(checkReleaseCheckOut(hold, agent2)).toMatchObject({ rule: 'CC-18', field: 'operatorId' });
    expect(checkReleaseCheckOut(hold, supervisor)).toMatchObject({ rule: 'CC-18' });
    expect(checkReleaseCheckOut(hold, agent1)).toBeNull();
    expect(checkReleaseCheckOut(summaryHold('H2', 'CC-1', DAY0), agent1)).toMatchObject({ rule: 'STATE' });
  });

  it('CC-18 a supervisor\'s override check-out reassigns the hold; an agent cannot override', () => {
    const hold = checkOutHold(summaryHold('H1', 'CC-1', DAY0), agent1, DAY0);
    expect(checkOverrideCheckOut(policy, hold, agent2)).toMatchObject({ rule: 'CC-18', message: 'only a supervisor can take over hold H1 on order CC-1 from agent1' });
    expect(checkOverrideCheckOut(policy, hold, supervisor)).toBeNull();
    expect(checkOutHold(hold, supervisor, DAY0 + 5).checkedOut).toEqual({ by: 'super1', at: DAY0 + 5 });
    expect(checkOverrideCheckOut(policy, summaryHold('H2', 'CC-1', DAY0), supervisor)).toMatchObject({ rule: 'STATE' });
  });

  it('CC-16 an agent cannot clear a hold whose code their role may not use; a supervisor can', () => {
    const review = placed([], { holdId: 'H1', orderId: 'CC-1', origin: 'summary', user: supervisor, code: 'FRAUD-REVIEW', at: DAY0 });
    expect(checkClear(policy, review, agent1)).toMatchObject({ rule: 'CC-16', field: 'code' });
    expect(checkClear(policy, review, supervisor)).toBeNull();
  });
});

describe('CC-19 clearing a hold', () => {
  const clearOne = (variant: 'clear' | 'submitWhenCleared' | 'clearAndSubmit' | 'clearAndModify', outcome: SubmitResult, holds?: OrderHold[]) => {
    const submit = vi.fn((order: { orderId: string }) => (order.orderId === 'CC-1' ? outcome : submitted));
    const result = clearHold(policy, holds ?? [summaryHold('H1', 'CC-1', DAY0)], { holdId: 'H1', user: agent1, at: DAY0 + DAY, variant }, { orderId: 'CC-1' }, submit);
    return { result, submit };
  };

  it('CC-19 "submit when cleared" submits the order; a missing payment fails the submit and the hold is kept', () => {
    const failed = clearOne('submitWhenCleared', paymentMissing);
    expect(failed.submit).toHaveBeenCalledTimes(1);
    expect(failed.result).toEqual({
      rule: 'CC-19', field: 'payments', amounts: { balance: 4500 },
      message: 'hold H1 on order CC-1 stays: the order could not be submitted (the order has no payment for 45.00 of its total)',
    });
    const ok = clearOne('submitWhenCleared', submitted);
    expect(ok.result).toMatchObject({ submitted, reopenForEntry: false, hold: { cleared: { by: 'agent1', at: DAY0 + DAY, variant: 'submitWhenCleared' }, checkedOut: null } });
  });

  it('CC-19 "Clear and submit": a failed submit still removes the hold, and Do not process stays', () => {
    const { result, submit } = clearOne('clearAndSubmit', paymentMissing);
    expect(submit).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ submitted: paymentMissing, hold: { cleared: { variant: 'clearAndSubmit' } } });
    if (!('hold' in result)) throw new Error('expected the hold cleared');
    expect(orderHoldState([result.hold], { doNotProcess: true, paymentApproved: false })).toMatchObject({ openHolds: 0, doNotProcess: true, detailStatus: null, releaseToPicking: false });
  });

  it('CC-19 "Clear and modify" opens the order for entry and does not submit it', () => {
    const { result, submit } = clearOne('clearAndModify', submitted);
    expect(submit).not.toHaveBeenCalled();
    expect(result).toMatchObject({ reopenForEntry: true, submitted: null });
  });

  it('CC-19 with another hold still open, clearing submits nothing yet (the order could not go on anyway)', () => {
    const first = summaryHold('H1', 'CC-1', DAY0);
    const other = placed([first], { holdId: 'H2', orderId: 'CC-1', origin: 'creditLimit', placedBy: 'agent1', at: DAY0 });
    const { result, submit } = clearOne('submitWhenCleared', paymentMissing, [first, other]);
    expect(submit).not.toHaveBeenCalled();
    expect(result).toMatchObject({ submitted: null, hold: { cleared: { by: 'agent1' } } });
    expect(clearOne('clear', submitted, [{ ...first, cleared: { by: 'agent1', at: DAY0, variant: 'clear' } }]).result).toMatchObject({ rule: 'STATE' });
    expect(clearHold(policy, [first], { holdId: 'H9', user: agent1, at: DAY0, variant: 'clear' }, null, () => submitted)).toMatchObject({ rule: 'NOT_FOUND', field: 'holdId' });
  });

  it('CC-19 Do not process clears only when no hold is open and payment is Approved', () => {
    const open = summaryHold('H1', 'CC-1', DAY0);
    const cleared = { ...open, cleared: { by: 'agent1', at: DAY0, variant: 'clear' as const } };
    const cases: [OrderHold[], boolean, boolean][] = [
      [[open], true, true],
      [[open], false, true],
      [[cleared], false, true],
      [[cleared], true, false],
      [[], true, false],
    ];
    for (const [holds, paymentApproved, doNotProcess] of cases) {
      expect(orderHoldState(holds, { doNotProcess: true, paymentApproved }).doNotProcess, `${holds.length} hold(s), approved ${paymentApproved}`).toBe(doNotProcess);
    }
    // A declined card (CC-9) set it with no hold: it stays until a valid payment is Approved.
    expect(orderHoldState([], { doNotProcess: true, paymentApproved: false }).releaseToPicking).toBe(false);
  });
});
