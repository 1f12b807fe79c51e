/**
 * Opportunity actor (MK-2): Open -> Won, Lost or Cancelled, all final. Winning is for a customer account: the host
 * converts the party first when it is not a customer yet (`winOpportunity` in engine/domain/marketing/pipeline.ts,
 * CU-2 defaults) and sends WIN with the account. The opportunity's record is the machine's context.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { checkClosingDay, closedOpportunity, type Opportunity } from '../engine/domain/marketing/pipeline.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type OpportunityInput = Opportunity;

export type OpportunityEvent =
  | { type: 'WIN'; customerAccount: string; on: string }
  | { type: 'LOSE'; on: string; reason?: string }
  | { type: 'CANCEL'; on: string; reason?: string };

/** The opportunity's rules, each the guard of the transitions it governs. */
export const opportunityRules = {
  'MK-2 closingDay': (context, event) => checkClosingDay(`opportunity ${context.opportunityId}`, context.openedOn, event.on),
  'MK-2 customerAccount': (context, event) => {
    assertEvent(event, 'WIN');
    return event.customerAccount.trim() === '' ? violation('MK-2', `winning opportunity ${context.opportunityId} makes its party a customer: give the customer account`, 'customerAccount') : null;
  },
} satisfies Record<string, Rule<Opportunity, OpportunityEvent>>;

export function createOpportunityMachine() {
  const rules = opportunityRules;
  return setup({
    types: { context: {} as Opportunity, events: {} as OpportunityEvent, input: {} as OpportunityInput },
    guards: {
      ...guardsOf(rules),
      // A restored opportunity starts where its record says it is.
      isWon: ({ context }) => context.status === 'won',
      isLost: ({ context }) => context.status === 'lost',
      isCancelled: ({ context }) => context.status === 'cancelled',
    },
    actions: {
      win: assign(({ context, event }) => {
        assertEvent(event, 'WIN');
        return closedOpportunity(context, { status: 'won', customerAccount: event.customerAccount }, event.on);
      }),
      close: assign(({ context, event }) => {
        assertEvent(event, ['LOSE', 'CANCEL']);
        const status = event.type === 'LOSE' ? 'lost' : 'cancelled';
        return closedOpportunity(context, event.reason === undefined ? { status } : { status, reason: event.reason }, event.on);
      }),
    },
  }).createMachine({
    id: 'opportunity',
    context: ({ input }) => input,
    meta: { subject: (context) => `opportunity ${context.opportunityId}`, field: 'opportunityId', rules } satisfies ChartMeta<Opportunity>,
    initial: 'starting',
    states: {
      starting: {
        always: [
          { guard: 'isWon', target: 'won' },
          { guard: 'isLost', target: 'lost' },
          { guard: 'isCancelled', target: 'cancelled' },
          { target: 'open' },
        ],
      },
      open: {
        meta: { refuses: { rule: 'MK-2', means: 'it is open' } },
        on: {
          WIN: { guard: and(['MK-2 customerAccount', 'MK-2 closingDay']), target: 'won', actions: 'win' },
          LOSE: { guard: 'MK-2 closingDay', target: 'lost', actions: 'close' },
          CANCEL: { guard: 'MK-2 closingDay', target: 'cancelled', actions: 'close' },
        },
      },
      won: { type: 'final', meta: { refuses: { rule: 'MK-2', means: 'it is won' } } },
      lost: { type: 'final', meta: { refuses: { rule: 'MK-2', means: 'it is lost' } } },
      cancelled: { type: 'final', meta: { refuses: { rule: 'MK-2', means: 'it is cancelled' } } },
    },
  });
}

export type OpportunityMachine = ReturnType<typeof createOpportunityMachine>;
export type OpportunitySnapshot = SnapshotFrom<OpportunityMachine>;
