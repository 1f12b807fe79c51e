/**
 * Model-based test of the lead lifecycle (MK-2) on the machine: paths from a new lead of a prospect and from leads
 * restored qualified or disqualified, with events a back-office clerk sends (qualify with the opportunity's id,
 * disqualify with a reason, each on the lead's day or later). After every step the lead's record agrees with the
 * chart: a qualified lead has its opportunity, a disqualified one its reason and none. The lab's model
 * (engine/lab/paths/models/lead.ts) runs the same chart's paths against the engine through `marketing.*` commands.
 */
import { describe } from 'vitest';
import { createLeadMachine, type LeadEvent, type LeadSnapshot } from '../../machines/lead.machine.ts';
import { disqualifiedLead, qualifiedLead } from '../../engine/domain/marketing/pipeline.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { leadFor, pia } from '../unit/marketing/fixture.ts';
import { modelTests, registeredModel } from './harness.ts';
import { machinePathTests } from './machine-paths.ts';

const lead = leadFor(pia()).lead;

const leadEvents = (s: LeadSnapshot): LeadEvent[] => accepted(s, [
  ev('qualify', { type: 'QUALIFY', opportunityId: 'OP-1', on: s.context.createdOn }),
  ev('disqualify', { type: 'DISQUALIFY', reason: 'No budget this year', on: s.context.createdOn }),
]);

function leadInvariant(s: LeadSnapshot): string | null {
  const c = s.context;
  if (c.status !== s.value) return `the record says ${c.status}, the chart ${String(s.value)}`;
  if ((c.status === 'qualified') !== (c.opportunityId !== null)) return 'only a qualified lead has an opportunity';
  if ((c.status === 'disqualified') !== (c.disqualifiedReason !== null && c.disqualifiedReason !== '')) return 'only a disqualified lead has a reason, and it has one';
  return (c.status === 'open') === (c.closedOn === null) ? null : 'a closed lead has its closing day';
}

describe('model: lead machine (MK-2)', () => {
  machinePathTests<LeadSnapshot, LeadEvent>({
    machine: createLeadMachine(),
    scenarios: {
      new: { input: lead },
      qualified: { input: qualifiedLead(lead, 'OP-1', '2026-03-02') },
      disqualified: { input: disqualifiedLead(lead, 'Moved away', '2026-03-02') },
    },
    events: leadEvents,
    key: { base: (s) => JSON.stringify(s.value) },
    invariant: leadInvariant,
    rules: 'MK-2',
  });
});

describe('model: lead machine against the engine (sales office, marketing.* commands)', () => {
  modelTests(registeredModel('lead'));
});
