/**
 * Model-based test of the opportunity lifecycle (MK-2) on the machine: paths from a new opportunity and from ones
 * restored won, lost or cancelled, with the events the back office sends (win for a customer account, lose with a
 * reason, cancel), on the opening day or later. After every step the record agrees with the chart: only a won
 * opportunity has a customer account, and a closed one has its closing day. The lab's model
 * (engine/lab/paths/models/opportunity.ts) runs the chart's paths against the engine through `marketing.*` commands.
 */
import { describe } from 'vitest';
import { closedOpportunity } from '../../engine/domain/marketing/pipeline.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { createOpportunityMachine, type OpportunityEvent, type OpportunitySnapshot } from '../../machines/opportunity.machine.ts';
import { opportunityFor, pia } from '../unit/marketing/fixture.ts';
import { modelTests, registeredModel } from './harness.ts';
import { machinePathTests } from './machine-paths.ts';

const opportunity = opportunityFor(pia()).opportunity;

const opportunityEvents = (s: OpportunitySnapshot): OpportunityEvent[] => accepted(s, [
  ev('win', { type: 'WIN', customerAccount: 'C-NEW', on: s.context.openedOn }),
  ev('lose', { type: 'LOSE', on: s.context.openedOn, reason: 'Chose a competitor' }),
  ev('cancel', { type: 'CANCEL', on: '2026-03-09' }),
]);

function opportunityInvariant(s: OpportunitySnapshot): string | null {
  const c = s.context;
  if (c.status !== s.value) return `the record says ${c.status}, the chart ${String(s.value)}`;
  if ((c.status === 'won') !== (c.customerAccount !== null)) return 'only a won opportunity has a customer account';
  return (c.status === 'open') === (c.closedOn === null) ? null : 'a closed opportunity has its closing day';
}

describe('model: opportunity machine (MK-2)', () => {
  machinePathTests<OpportunitySnapshot, OpportunityEvent>({
    machine: createOpportunityMachine(),
    scenarios: {
      new: { input: opportunity },
      won: { input: closedOpportunity(opportunity, { status: 'won', customerAccount: 'C-1' }, '2026-03-03') },
      lost: { input: closedOpportunity(opportunity, { status: 'lost' }, '2026-03-03') },
      cancelled: { input: closedOpportunity(opportunity, { status: 'cancelled', reason: 'Duplicate' }, '2026-03-03') },
    },
    events: opportunityEvents,
    key: { base: (s) => JSON.stringify(s.value) },
    invariant: opportunityInvariant,
    rules: 'MK-2',
  });
});

describe('model: opportunity machine against the engine (sales office, marketing.* commands)', () => {
  modelTests(registeredModel('opportunity'));
});
