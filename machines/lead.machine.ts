/**
 * Lead actor (MK-2): Open -> Qualified (an opportunity is opened and linked) or Disqualified (with a reason, no
 * opportunity). Both ends are final. The host opens the opportunity with `qualifyLead`
 * (engine/domain/marketing/pipeline.ts) and sends QUALIFY with its id; the lead's record is the machine's context.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { checkClosingDay, checkDisqualifyReason, disqualifiedLead, qualifiedLead, type Lead } from '../engine/domain/marketing/pipeline.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type LeadInput = Lead;

export type LeadEvent =
  | { type: 'QUALIFY'; opportunityId: string; on: string }
  | { type: 'DISQUALIFY'; reason: string; on: string };

/** The lead's rules, each the guard of the transitions it governs. */
export const leadRules = {
  'MK-2 closingDay': (context, event) => checkClosingDay(`lead ${context.leadId}`, context.createdOn, event.on),
  'MK-2 opportunityLinked': (_context, event) => {
    assertEvent(event, 'QUALIFY');
    return event.opportunityId.trim() === '' ? violation('MK-2', 'qualifying a lead opens an opportunity: give its id', 'opportunityId') : null;
  },
  'MK-2 disqualifyReason': (_context, event) => {
    assertEvent(event, 'DISQUALIFY');
    return checkDisqualifyReason(event.reason);
  },
} satisfies Record<string, Rule<Lead, LeadEvent>>;

export function createLeadMachine() {
  const rules = leadRules;
  return setup({
    types: { context: {} as Lead, events: {} as LeadEvent, input: {} as LeadInput },
    guards: {
      ...guardsOf(rules),
      // A restored lead starts where its record says it is.
      isQualified: ({ context }) => context.status === 'qualified',
      isDisqualified: ({ context }) => context.status === 'disqualified',
    },
    actions: {
      qualify: assign(({ context, event }) => {
        assertEvent(event, 'QUALIFY');
        return qualifiedLead(context, event.opportunityId, event.on);
      }),
      disqualify: assign(({ context, event }) => {
        assertEvent(event, 'DISQUALIFY');
        return disqualifiedLead(context, event.reason, event.on);
      }),
    },
  }).createMachine({
    id: 'lead',
    context: ({ input }) => input,
    meta: { subject: (context) => `lead ${context.leadId}`, field: 'leadId', rules } satisfies ChartMeta<Lead>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: 'isQualified', target: 'qualified' },
          { guard: 'isDisqualified', target: 'disqualified' },
          { target: 'open' },
        ],
      },
      open: {
        meta: { refuses: { rule: 'MK-2', means: 'it is open' } },
        on: {
          QUALIFY: { guard: and(['MK-2 opportunityLinked', 'MK-2 closingDay']), target: 'qualified', actions: 'qualify' },
          DISQUALIFY: { guard: and(['MK-2 disqualifyReason', 'MK-2 closingDay']), target: 'disqualified', actions: 'disqualify' },
        },
      },
      qualified: { type: 'final', meta: { refuses: { rule: 'MK-2', means: 'it is qualified and its opportunity is open' } } },
      disqualified: { type: 'final', meta: { refuses: { rule: 'MK-2', means: 'it is disqualified' } } },
    },
  });
}

export type LeadMachine = ReturnType<typeof createLeadMachine>;
export type LeadSnapshot = SnapshotFrom<LeadMachine>;
