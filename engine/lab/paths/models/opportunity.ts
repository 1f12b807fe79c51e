/**
 * The opportunity lifecycle model (MK-1, MK-2, CU-2): paths derived from `createOpportunityMachine` for the
 * opportunity a qualified lead opened, for a new prospect (Trail Club) and for the customer Acme. Every event is the
 * command that causes it (`marketing.winOpportunity`, `loseOpportunity`, `cancelOpportunity`). After every step the
 * office's opportunity actor has the model's state and record and the pipeline shows its status in words; winning a
 * prospect's opportunity makes the party a customer with an account at headquarters (the account the model expects
 * is the one headquarters gives the party, learnt once on a spare engine). Once closed, winning is refused (MK-2).
 */
import { createOpportunityMachine, type OpportunityEvent, type OpportunitySnapshot } from '../../../../machines/opportunity.machine.ts';
import type { Opportunity } from '../../../domain/marketing/pipeline.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  deriveOfficePaths, officeCommand, officeHost, officeOf, officeRefused, officeSnapshot, officeViews, once, restoredOnly, salesOfficeChainConfig, type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 62;
const STATUS_WORDS = { open: 'Open', won: 'Won', lost: 'Lost', cancelled: 'Cancelled' } as const;

/** Whose opportunity each scenario opens: a new prospect's, or an existing customer's. */
const SCENARIOS = { prospect: null, customer: 'C-ACME' } as const;
type ScenarioName = keyof typeof SCENARIOS;

interface Made extends OfficeRecord<Opportunity> { customerAccount: string }

function openOpportunity(driver: EngineDriver, name: ScenarioName): Made {
  const partyId = SCENARIOS[name] ?? officeCommand(driver, 'marketing.createProspect', { name: 'Trail Club' }).partyId as string;
  const { leadId } = officeCommand(driver, 'marketing.createLead', { partyId, topic: 'Tents for the club' });
  const { opportunityId } = officeCommand(driver, 'marketing.qualifyLead', { leadId }) as { opportunityId: string };
  const office = officeOf(driver.engine);
  return { id: opportunityId, today: office.today, input: officeSnapshot(driver.engine, 'opportunities', opportunityId).context as Opportunity, customerAccount: SCENARIOS[name] ?? '' };
}

function buildOpportunityModel() {
  const config = salesOfficeChainConfig();
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  const setups = Object.fromEntries(names.map((name) => [name, prepareChain(config, SEED, (driver) => openOpportunity(driver, name))]));
  // MK-2 / CU-2: the account headquarters opens for the prospect when its opportunity is won.
  const spare = setups.prospect!.fresh();
  setups.prospect!.made.customerAccount = officeCommand(spare.driver, 'marketing.winOpportunity', { opportunityId: setups.prospect!.made.id }).customerAccount as string;
  const machine = createOpportunityMachine();

  const opportunityEvents = (made: Made) => (s: OpportunitySnapshot): OpportunityEvent[] => accepted(s, [
    ev('win', { type: 'WIN', customerAccount: made.customerAccount, on: made.today }),
    ev('lose', { type: 'LOSE', on: made.today, reason: 'went with a competitor' }),
    ev('cancel', { type: 'CANCEL', on: made.today, reason: 'club disbanded' }),
  ]);

  const COMMANDS = { WIN: 'marketing.winOpportunity', LOSE: 'marketing.loseOpportunity', CANCEL: 'marketing.cancelOpportunity' } as const;
  const host = officeHost<OpportunitySnapshot, OpportunityEvent, Made>({
    setups, table: 'opportunities',
    apply: (session, event) => {
      officeCommand(session.driver, COMMANDS[event.type], { opportunityId: session.made.id, ...(event.type === 'WIN' ? {} : { reason: event.reason }) });
    },
    check: (session, after) => {
      const { engine, made } = session;
      const state = after.value as keyof typeof STATUS_WORDS;
      const row = officeViews(engine).pipeline().opportunities.find((o) => o.opportunityId === made.id);
      expectSame('MK-2 the opportunity\'s status in the pipeline', row?.status, STATUS_WORDS[state]);
      // MK-1 / MK-2: the same party, a customer with an account at headquarters once the opportunity is won.
      const party = officeOf(engine).party(after.context.partyId);
      const customer = 'rule' in party ? null : party.customerAccount;
      expectSame('MK-2 the party\'s customer account', customer, state === 'won' || SCENARIOS[session.scenario as ScenarioName] !== null ? made.customerAccount : null);
      if (customer !== null) expectSame('CU-2 headquarters has the customer account', officeOf(engine).host.customer(customer) !== undefined, true);
      if (state !== 'open') once(session, 'closed', () => officeRefused(session.driver, 'marketing.winOpportunity', { opportunityId: made.id }, 'MK-2'));
    },
  });

  const scenarios = Object.fromEntries(names.map((name) => [name, { input: setups[name]!.made.input, events: opportunityEvents(setups[name]!.made) }]));
  const derivation = deriveOfficePaths(machine, scenarios, { base: (s: OpportunitySnapshot) => JSON.stringify(s.value) }, names);

  return {
    name: 'opportunity', machine, scenarios, events: opportunityEvents(setups.customer!.made), derivation, host,
    ...scenarioHooks(setups),
    rules: 'MK-1 / MK-2 / CU-2',
    checks: 'same opportunity state and record, its status in the pipeline, a won prospect\'s party a customer at headquarters, no win once closed',
    unreachable: restoredOnly(machine),
  } satisfies LifecycleModel<OpportunitySnapshot, OpportunityEvent>;
}

export const opportunityModel = modelEntry({
  name: 'opportunity', machine: 'opportunity',
  description: 'The opportunity a qualified lead opened, for a new prospect (Trail Club) or the customer Acme: won (the prospect becomes a customer), lost or cancelled',
  createMachine: createOpportunityMachine,
  build: buildOpportunityModel,
});
