/**
 * The lead lifecycle model (MK-1, MK-2): paths derived from `createLeadMachine` for a lead marketing1 opened for a new
 * prospect (Trail Club) and one for the customer Acme. Every event is the command that causes it
 * (`marketing.qualifyLead`, `marketing.disqualifyLead`). After every step the office's lead actor has the model's
 * state and record, the pipeline view shows the lead's status in words, a qualified lead's opportunity exists and
 * points back to it (the party now an opportunity contact), and a disqualified lead opened none. Once closed, the
 * other closing command is refused by MK-2 and changes nothing.
 */
import { createLeadMachine, type LeadEvent, type LeadSnapshot } from '../../../../machines/lead.machine.ts';
import type { Lead } from '../../../domain/marketing/pipeline.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  deriveOfficePaths, MARKETER, officeCommand, officeHost, officeOf, officeRefused, officeSnapshot, officeViews, once,
  restoredOnly, salesOfficeChainConfig, type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 61;
const REASON = 'no budget this year';
const STATUS_WORDS = { open: 'Open', qualified: 'Qualified', disqualified: 'Disqualified' } as const;

/** Whose lead each scenario opens: a new prospect's, or an existing customer's. */
const SCENARIOS = { prospect: null, customer: 'C-ACME' } as const;
type ScenarioName = keyof typeof SCENARIOS;

interface Made extends OfficeRecord<Lead> { opportunityId: string }

function openLead(driver: EngineDriver, name: ScenarioName): Made {
  const partyId = SCENARIOS[name] ?? officeCommand(driver, 'marketing.createProspect', { name: 'Trail Club' }).partyId as string;
  const { leadId } = officeCommand(driver, 'marketing.createLead', { partyId, topic: 'Tents for the club' }) as { leadId: string };
  const office = officeOf(driver.engine);
  // The opportunity qualifying opens takes the office's next number (the same in every fresh engine).
  const opportunityId = office.nextNumber(office.config!.numberSequences.opportunity);
  return { id: leadId, today: office.today, input: officeSnapshot(driver.engine, 'leads', leadId).context as Lead, opportunityId };
}

function buildLeadModel() {
  const config = salesOfficeChainConfig();
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  const setups = Object.fromEntries(names.map((name) => [name, prepareChain(config, SEED, (driver) => openLead(driver, name))]));
  const machine = createLeadMachine();

  const leadEvents = (made: Made) => (s: LeadSnapshot): LeadEvent[] => accepted(s, [
    ev('qualify', { type: 'QUALIFY', opportunityId: made.opportunityId, on: made.today }),
    ev('disqualify', { type: 'DISQUALIFY', reason: REASON, on: made.today }),
  ]);

  const host = officeHost<LeadSnapshot, LeadEvent, Made>({
    setups, table: 'leads',
    apply: (session, event) => {
      if (event.type === 'QUALIFY') officeCommand(session.driver, 'marketing.qualifyLead', { leadId: session.made.id });
      else officeCommand(session.driver, 'marketing.disqualifyLead', { leadId: session.made.id, reason: event.reason });
    },
    check: (session, after) => {
      const { engine, made } = session;
      const state = after.value as keyof typeof STATUS_WORDS;
      const row = officeViews(engine).pipeline().leads.find((l) => l.leadId === made.id);
      expectSame('MK-2 the lead\'s status in the pipeline', row?.status, STATUS_WORDS[state]);
      const opportunity = officeOf(engine).opportunities.has(made.opportunityId) ? officeSnapshot(engine, 'opportunities', made.opportunityId).context : null;
      // MK-2: qualifying opens one linked opportunity; disqualifying (or nothing yet) opens none.
      expectSame('MK-2 the lead\'s opportunity', opportunity === null ? null : { leadId: opportunity.leadId, partyId: opportunity.partyId }, state === 'qualified' ? { leadId: made.id, partyId: after.context.partyId } : null);
      // MK-1: one party throughout: it keeps the lead, and becomes an opportunity contact when the lead qualifies.
      const party = officeOf(engine).party(after.context.partyId);
      if ('rule' in party) fail(`the office lost party ${after.context.partyId}`);
      expectSame('MK-1 the party keeps its lead', party.leadIds.includes(made.id), true);
      expectSame('MK-1 the party is an opportunity contact', party.roles.includes('opportunityContact'), state === 'qualified');
      if (state !== 'open') {
        once(session, 'closed', () => {
          if (state === 'qualified') officeRefused(session.driver, 'marketing.disqualifyLead', { leadId: made.id, reason: REASON }, 'MK-2');
          else officeRefused(session.driver, 'marketing.qualifyLead', { leadId: made.id }, 'MK-2');
        });
      }
    },
  });

  const scenarios = Object.fromEntries(names.map((name) => [name, { input: setups[name]!.made.input, events: leadEvents(setups[name]!.made) }]));
  const key = { base: (s: LeadSnapshot) => JSON.stringify(s.value) };
  const derivation = deriveOfficePaths(machine, scenarios, key, names);

  return {
    name: 'lead', machine, scenarios, events: leadEvents(setups.prospect!.made), derivation, host,
    ...scenarioHooks(setups),
    rules: 'MK-1 / MK-2',
    checks: `same lead state and record, its status in the pipeline, a qualified lead's opportunity and none for a disqualified one (${MARKETER})`,
    unreachable: restoredOnly(machine),
  } satisfies LifecycleModel<LeadSnapshot, LeadEvent>;
}

export const leadModel = modelEntry({
  name: 'lead', machine: 'lead',
  description: 'A lead for a new prospect (Trail Club) and one for the customer Acme at the sales office: qualified into an opportunity, or disqualified with a reason',
  createMachine: createLeadMachine,
  build: buildLeadModel,
});
