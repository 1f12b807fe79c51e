/**
 * The lead and opportunity machines (MK-2): Open -> Qualified or Disqualified; Open -> Won, Lost or Cancelled. Each
 * guard named after its rule, each refusal explained from the chart; a restored record starts where it stands.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createLeadMachine, leadRules } from '../../../machines/lead.machine.ts';
import { createOpportunityMachine, opportunityRules } from '../../../machines/opportunity.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { accepted, leadFor, opportunityFor, pia, take } from './fixture.ts';
import { closeOpportunity, disqualifyLead } from '../../../engine/domain/marketing/pipeline.ts';

describe('lead machine', () => {
  const machine = createLeadMachine();
  const start = () => createActor(machine, { input: leadFor(pia()).lead }).start();

  it('names each guard after its rule', () => {
    expect(Object.keys(leadRules)).toEqual(['MK-2 closingDay', 'MK-2 opportunityLinked', 'MK-2 disqualifyReason']);
  });

  it('MK-2 an open lead is qualified with the opportunity it opened, and is then final', () => {
    const actor = start();
    expect(actor.getSnapshot().value).toBe('open');
    take(actor, { type: 'QUALIFY', opportunityId: 'OP-1', on: '2026-03-05' });
    expect(actor.getSnapshot().value).toBe('qualified');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context).toMatchObject({ status: 'qualified', opportunityId: 'OP-1', closedOn: '2026-03-05' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'DISQUALIFY', reason: 'x', on: '2026-03-06' })).toEqual({
      rule: 'MK-2', field: 'leadId', message: 'lead LD-1 cannot disqualify now: it is qualified and its opportunity is open (only when it is open)',
    });
  });

  it('MK-2 disqualifying needs a reason and a day not before the lead; no opportunity is linked', () => {
    const actor = start();
    expect(explainRefusal(actor.getSnapshot(), { type: 'DISQUALIFY', reason: ' ', on: '2026-03-02' })).toEqual({ rule: 'MK-2', field: 'reason', message: 'say why the lead is disqualified' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'DISQUALIFY', reason: 'No budget', on: '2026-02-01' })).toMatchObject({ rule: 'MK-2', field: 'on' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'QUALIFY', opportunityId: '', on: '2026-03-02' })).toMatchObject({ rule: 'MK-2', field: 'opportunityId' });
    actor.send({ type: 'DISQUALIFY', reason: ' ', on: '2026-03-02' });
    expect(actor.getSnapshot().value).toBe('open');
    take(actor, { type: 'DISQUALIFY', reason: 'No budget', on: '2026-03-02' });
    expect(actor.getSnapshot().value).toBe('disqualified');
    expect(actor.getSnapshot().context).toMatchObject({ disqualifiedReason: 'No budget', opportunityId: null });
  });

  it('MK-2 a restored lead starts where its record stands', () => {
    const lead = accepted(disqualifyLead(leadFor(pia()).lead, 'Moved away', '2026-03-02'));
    expect(createActor(machine, { input: lead }).start().getSnapshot().value).toBe('disqualified');
    expect(createActor(machine, { input: { ...lead, status: 'qualified', opportunityId: 'OP-1' } }).start().getSnapshot().value).toBe('qualified');
  });
});

describe('opportunity machine', () => {
  const machine = createOpportunityMachine();
  const start = () => createActor(machine, { input: opportunityFor(pia()).opportunity }).start();

  it('names each guard after its rule', () => {
    expect(Object.keys(opportunityRules)).toEqual(['MK-2 closingDay', 'MK-2 customerAccount']);
  });

  it('MK-2 an open opportunity is won for a customer account, and is then final', () => {
    const actor = start();
    expect(explainRefusal(actor.getSnapshot(), { type: 'WIN', customerAccount: ' ', on: '2026-03-10' })).toEqual({
      rule: 'MK-2', field: 'customerAccount', message: 'winning opportunity OP-1 makes its party a customer: give the customer account',
    });
    take(actor, { type: 'WIN', customerAccount: 'C-NEW', on: '2026-03-10' });
    expect(actor.getSnapshot().value).toBe('won');
    expect(actor.getSnapshot().context).toMatchObject({ status: 'won', customerAccount: 'C-NEW', closedOn: '2026-03-10' });
    expect(explainRefusal(actor.getSnapshot(), { type: 'LOSE', on: '2026-03-11' })).toEqual({
      rule: 'MK-2', field: 'opportunityId', message: 'opportunity OP-1 cannot lose now: it is won (only when it is open)',
    });
  });

  it('MK-2 an opportunity is lost or cancelled (with the reason given), not before it opened', () => {
    const lost = start();
    expect(explainRefusal(lost.getSnapshot(), { type: 'LOSE', on: '2026-03-01' })).toEqual({
      rule: 'MK-2', field: 'on', message: 'opportunity OP-1 cannot be closed on 2026-03-01, before it began on 2026-03-02',
    });
    take(lost, { type: 'LOSE', on: '2026-03-03', reason: 'Price' });
    expect(lost.getSnapshot().context).toMatchObject({ status: 'lost', closeReason: 'Price' });
    const cancelled = start();
    take(cancelled, { type: 'CANCEL', on: '2026-03-03' });
    expect(cancelled.getSnapshot().value).toBe('cancelled');
    expect(cancelled.getSnapshot().context).toMatchObject({ status: 'cancelled', closeReason: null });
  });

  it('MK-2 a restored opportunity starts where its record stands', () => {
    const { opportunity } = opportunityFor(pia());
    expect(createActor(machine, { input: accepted(closeOpportunity(opportunity, 'lost', '2026-03-03')) }).start().getSnapshot().value).toBe('lost');
    expect(createActor(machine, { input: accepted(closeOpportunity(opportunity, 'cancelled', '2026-03-03')) }).start().getSnapshot().value).toBe('cancelled');
    expect(createActor(machine, { input: { ...opportunity, status: 'won', customerAccount: 'C-1' } }).start().getSnapshot().value).toBe('won');
  });
});
