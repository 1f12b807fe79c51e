/**
 * The sales agreement machine (SM-7): On hold (default) -> Effective -> Closed; edited only On hold, made Effective
 * with a commitment and before it expires, Closed by hand or once expired; each guard named after its rule, each
 * refusal explained from the chart. Its status is what linking order lines reads (SM-8).
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { linkLine } from '../../../engine/domain/sales/agreements.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { agreementState, createSalesAgreementMachine, salesAgreementRules, type SalesAgreementEvent } from '../../../machines/sales-agreement.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { acmeAgreement, acmePricing, categories, orderHeader, orderLine, tentCommitment } from './agreement-fixture.ts';

const machine = createSalesAgreementMachine();
const start = (agreement = acmeAgreement) => createActor(machine, { input: { agreement } }).start();
const empty = { ...acmeAgreement, commitments: [] };

/** Sends an event the agreement must take. */
function take(actor: ReturnType<typeof start>, event: SalesAgreementEvent) {
  expect(actor.getSnapshot().can(event), JSON.stringify(explainRefusal(actor.getSnapshot(), event))).toBe(true);
  actor.send(event);
}

/** Sends an event the agreement must refuse (a closed one is done: asked only), and returns why; nothing changes. */
function refused(actor: ReturnType<typeof start>, event: SalesAgreementEvent) {
  const before = actor.getSnapshot();
  expect(before.can(event)).toBe(false);
  if (before.status === 'active') actor.send(event);
  expect(actor.getSnapshot()).toBe(before);
  return explainRefusal(before, event);
}

const status = (actor: ReturnType<typeof start>) => agreementState(actor.getSnapshot()).status;
const linkTent = (actor: ReturnType<typeof start>) => linkLine(agreementState(actor.getSnapshot()), orderHeader(), orderLine('1', 'P-TENT', 1), 'L1', { categories, otherLinkedLines: [], pricing: acmePricing });

describe('sales agreement machine', () => {
  it('names each guard after its rule', () => {
    expect(Object.keys(salesAgreementRules)).toEqual(['SM-7 validDates', 'SM-7 validCommitment', 'SM-7 knownCommitment', 'SM-7 hasCommitments', 'SM-7 notExpired', 'SM-7 pastExpiration']);
  });

  it('SM-7 a new agreement is On hold; it is edited, made Effective, then Closed; only Effective takes order lines (SM-8)', () => {
    const actor = start(empty);
    expect(status(actor)).toBe('onHold');
    expect(linkTent(actor)).toMatchObject({ rule: 'SM-8', field: 'agreementId' });
    take(actor, { type: 'CHANGE_DATES', effective: '2027-07-15', expiration: '2028-01-31' });
    take(actor, { type: 'SET_COMMITMENT', commitment: tentCommitment });
    take(actor, { type: 'SET_COMMITMENT', commitment: { ...tentCommitment, commitmentId: 'L9', productId: 'P-SOCKS' } });
    take(actor, { type: 'REMOVE_COMMITMENT', commitmentId: 'L9' });
    expect(actor.getSnapshot().context.agreement).toMatchObject({ effective: '2027-07-15', expiration: '2028-01-31', commitments: [tentCommitment] });
    take(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-10' });
    expect(status(actor)).toBe('effective');
    expect(actor.getSnapshot().context.effectiveOn).toBe('2027-07-10');
    expect(isViolation(linkTent(actor))).toBe(false);
    take(actor, { type: 'CLOSE', on: '2027-11-30' });
    expect(status(actor)).toBe('closed');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context).toMatchObject({ closedOn: '2027-11-30', closedBecause: 'closed' });
    expect(linkTent(actor)).toMatchObject({ rule: 'SM-8', message: 'agreement SA-000001 is closed: only an effective agreement takes orders' });
    expect(empty.commitments).toEqual([]);
  });

  it('SM-7 hasCommitments: an agreement that commits nothing does not take effect', () => {
    const actor = start(empty);
    expect(refused(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-01' })).toEqual({ rule: 'SM-7', field: 'commitments', message: 'agreement SA-000001 commits nothing yet: add a commitment line first' });
    expect(status(actor)).toBe('onHold');
  });

  it('SM-7 notExpired: an agreement past its expiration day does not take effect; on the day itself it does', () => {
    const late = start();
    expect(refused(late, { type: 'MAKE_EFFECTIVE', on: '2028-01-01' })).toEqual({ rule: 'SM-7', field: 'expiration', message: 'agreement SA-000001 expired on 2027-12-31: it can no longer take effect' });
    take(late, { type: 'MAKE_EFFECTIVE', on: '2027-12-31' });
    expect(status(late)).toBe('effective');
  });

  it('SM-7 pastExpiration: headquarters closes an Effective agreement only after its expiration day', () => {
    const actor = start();
    take(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-01' });
    expect(refused(actor, { type: 'EXPIRE', on: '2027-12-31' })).toEqual({ rule: 'SM-7', field: 'expiration', message: 'agreement SA-000001 runs until 2027-12-31' });
    take(actor, { type: 'EXPIRE', on: '2028-01-01' });
    expect(actor.getSnapshot().context).toMatchObject({ closedOn: '2028-01-01', closedBecause: 'expired' });
    expect(status(actor)).toBe('closed');
  });

  it('SM-7 pastExpiration: an agreement left On hold past its expiration day is closed as expired too', () => {
    const actor = start();
    expect(refused(actor, { type: 'EXPIRE', on: '2027-12-31' })).toMatchObject({ rule: 'SM-7', field: 'expiration' });
    take(actor, { type: 'EXPIRE', on: '2028-01-01' });
    expect(actor.getSnapshot().context).toMatchObject({ closedOn: '2028-01-01', closedBecause: 'expired', effectiveOn: null });
  });

  it('SM-7 validDates and validCommitment: a bad edit is refused, naming the field, and changes nothing', () => {
    const actor = start();
    expect(refused(actor, { type: 'CHANGE_DATES', effective: '2027-07-01', expiration: '2027-06-01' })).toMatchObject({ rule: 'SM-7', field: 'expiration' });
    expect(refused(actor, { type: 'CHANGE_DATES', effective: 'next week', expiration: '2027-06-01' })).toMatchObject({ rule: 'VALIDATION', field: 'effective' });
    expect(refused(actor, { type: 'SET_COMMITMENT', commitment: { ...tentCommitment, productId: null } })).toMatchObject({ rule: 'SM-7', field: 'commitment.productId' });
    expect(refused(actor, { type: 'REMOVE_COMMITMENT', commitmentId: 'L9' })).toEqual({ rule: 'NOT_FOUND', field: 'commitmentId', message: 'agreement SA-000001 has no commitment line L9' });
    expect(actor.getSnapshot().context.agreement).toBe(acmeAgreement);
  });

  it('SM-7 once Effective the agreement is not edited, and it never goes back On hold', () => {
    const actor = start();
    take(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-01' });
    expect(refused(actor, { type: 'SET_COMMITMENT', commitment: { ...tentCommitment, committed: 500 } })).toEqual({
      rule: 'SM-7', field: 'agreementId', message: 'agreement SA-000001 cannot set commitment now: it is effective and orders are released against it (only when it is on hold)',
    });
    expect(refused(actor, { type: 'CHANGE_DATES', effective: '2027-07-01', expiration: '2028-12-31' })).toMatchObject({ rule: 'SM-7', field: 'agreementId' });
    expect(refused(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-02' })).toMatchObject({ rule: 'SM-7', message: expect.stringContaining('only when it is on hold') });
  });

  it('SM-7 no edits once Closed: a closed agreement is read-only; one never made effective can be closed', () => {
    const actor = start();
    take(actor, { type: 'CLOSE', on: '2027-06-20' });
    expect(status(actor)).toBe('closed');
    expect(refused(actor, { type: 'REMOVE_COMMITMENT', commitmentId: 'L1' })).toEqual({
      rule: 'SM-7', field: 'agreementId', message: 'agreement SA-000001 cannot remove commitment now: it is closed (only when it is on hold)',
    });
    expect(refused(actor, { type: 'MAKE_EFFECTIVE', on: '2027-07-01' })).toMatchObject({ rule: 'SM-7', message: expect.stringContaining('it is closed') });
    expect(refused(actor, { type: 'CLOSE', on: '2027-07-01' })).toMatchObject({ rule: 'SM-7', message: expect.stringContaining('it is closed') });
  });
});
