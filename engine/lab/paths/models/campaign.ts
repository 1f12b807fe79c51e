/**
 * The campaign lifecycle model (MK-1, MK-3, MK-4): paths derived from `createCampaignMachine` for an email campaign
 * marketing1 plans for this month, to reach two prospects: Trail Club (its contact Tess agreed to emails) and Peak
 * Runners (its only contact did not, so it is left out). Every event is the command that causes it
 * (`marketing.chooseTargets`, `activateCampaign`, `recordResponse`, `closeCampaign`, `cancelCampaign`; a follow-up is a positive response recorded with
 * the opportunity or quotation it opens). After every step the office's campaign actor has the model's state and
 * record, the campaign view its status, each target's response and follow-up in words, and what a follow-up opened
 * carries the campaign id; a followed-up response stands (MK-4) and a campaign with no one to reach is not launched.
 */
import { createCampaignMachine, type CampaignEvent, type CampaignSnapshot } from '../../../../machines/campaign.machine.ts';
import { campaignStatus, type Campaign, type FollowUp, type TargetChoice } from '../../../domain/marketing/campaigns.ts';
import type { Party } from '../../../domain/marketing/parties.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  dayAfter, deriveOfficePaths, officeCommand, officeHost, officeOf, officeRefused, officeSnapshot, officeViews, once, restoredOnly, salesOfficeChainConfig,
  type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 65;
const STATUS_WORDS = { planned: 'Planned', active: 'Active', closed: 'Closed', cancelled: 'Cancelled' } as const;
const RESPONSE_WORDS = { none: 'None', positive: 'Positive', negative: 'Negative' } as const;
const RESPONSES = ['positive', 'negative', 'none'] as const;
const PROSPECTS = [
  { name: 'Trail Club', contacts: [{ name: 'Tess', channel: 'email', reachedAt: 'tess@trail.example', marketingConsent: true }] },
  { name: 'Peak Runners', contacts: [{ name: 'Pete', channel: 'email', reachedAt: 'pete@peak.example', marketingConsent: false }] },
];

interface Made extends OfficeRecord<Campaign> {
  choices: TargetChoice[];
  /** The numbers a follow-up draws (the office's next opportunity and quotation). */
  opportunityId: string;
  quotationId: string;
}

function planCampaign(driver: EngineDriver): Made {
  const partyIds = PROSPECTS.map((p) => officeCommand(driver, 'marketing.createProspect', p).partyId as string);
  const office = officeOf(driver.engine);
  const { today } = office;
  const { campaignId } = officeCommand(driver, 'marketing.createCampaign', { name: 'Spring tents', campaignType: 'email', startsOn: today, endsOn: dayAfter(today, 30) }) as { campaignId: string };
  const numbers = office.config!.numberSequences;
  return {
    id: campaignId, today, input: officeSnapshot(driver.engine, 'campaigns', campaignId).context as Campaign,
    choices: partyIds.map((partyId) => ({ party: office.party(partyId) as Party, from: 'prospect' })),
    opportunityId: office.nextNumber(numbers.opportunity), quotationId: office.nextNumber(numbers.quotation),
  };
}

function buildCampaignModel() {
  const setups = { planned: prepareChain(salesOfficeChainConfig(), SEED, planCampaign) };
  const { made } = setups.planned;
  const machine = createCampaignMachine();
  const followUps: Record<FollowUp['kind'], FollowUp> = {
    opportunity: { kind: 'opportunity', opportunityId: made.opportunityId },
    quotationRequest: { kind: 'quotationRequest', requestId: made.quotationId },
  };

  const campaignEvents = (s: CampaignSnapshot): CampaignEvent[] => accepted(s, [
    ev('choose targets', { type: 'CHOOSE_TARGETS', choices: made.choices }),
    ev('launch', { type: 'LAUNCH', on: made.today }),
    ev('close', { type: 'CLOSE', on: made.today }),
    ev('cancel', { type: 'CANCEL', on: made.today }),
    ...s.context.targets.flatMap((t) => [
      ...RESPONSES.map((response) => ev(`${response}:${t.name}`, { type: 'RECORD_RESPONSE' as const, targetId: t.targetId, response, on: made.today })),
      ...Object.values(followUps).map((followUp) => ev(`${followUp.kind}:${t.name}`, { type: 'FOLLOW_UP' as const, targetId: t.targetId, followUp })),
    ]),
  ]);

  const host = officeHost<CampaignSnapshot, CampaignEvent, Made>({
    setups, table: 'campaigns',
    apply: (session, event) => {
      const campaignId = session.made.id;
      switch (event.type) {
        case 'CHOOSE_TARGETS': officeCommand(session.driver, 'marketing.chooseTargets', { campaignId, targets: event.choices.map((c) => ({ partyId: c.party.partyId, from: c.from })) }); break;
        case 'LAUNCH': officeCommand(session.driver, 'marketing.activateCampaign', { campaignId }); break;
        case 'CLOSE': officeCommand(session.driver, 'marketing.closeCampaign', { campaignId }); break;
        case 'CANCEL': officeCommand(session.driver, 'marketing.cancelCampaign', { campaignId }); break;
        case 'RECORD_RESPONSE': officeCommand(session.driver, 'marketing.recordResponse', { campaignId, targetId: event.targetId, response: event.response }); break;
        case 'FOLLOW_UP': officeCommand(session.driver, 'marketing.recordResponse', {
          campaignId, targetId: event.targetId, response: 'positive', followUp: event.followUp.kind === 'opportunity' ? 'opportunity' : 'quotation',
          ...(event.followUp.kind === 'opportunity' ? {} : { expiryDate: dayAfter(session.made.today, 30), lines: [{ productId: 'P-LAMP', quantity: 1, requestedShipDate: dayAfter(session.made.today, 7) }] }),
        }); break;
      }
    },
    check: (session, after) => {
      const { engine, made, driver } = session;
      const c = after.context;
      const detail = officeViews(engine).campaign(made.id) ?? fail(`the office shows no campaign ${made.id}`);
      const followUpWords = (f: FollowUp | null) => (f === null ? null : f.kind === 'opportunity' ? `Opportunity ${f.opportunityId}` : `Quotation ${f.requestId}`);
      expectSame('MK-3 / MK-4 the campaign view', {
        status: detail.status, targets: detail.targetList.map((t) => ({ name: t.name, response: t.response, followUp: t.followUp })), leftOut: detail.leftOut.map((l) => l.partyName),
      }, {
        status: STATUS_WORDS[campaignStatus(c)], targets: c.targets.map((t) => ({ name: t.name, response: RESPONSE_WORDS[t.response], followUp: followUpWords(t.followUp) })),
        // MK-3: Peak Runners' contact gave no consent to emails.
        leftOut: c.targets.length === 0 ? [] : ['Peak Runners'],
      });
      for (const target of c.targets.filter((t) => t.followUp !== null)) {
        // MK-4: what the follow-up opened carries the campaign id.
        const f = target.followUp!;
        const opened = f.kind === 'opportunity' ? officeSnapshot(engine, 'opportunities', f.opportunityId).context : officeSnapshot(engine, 'quotations', f.requestId).context;
        expectSame(`MK-4 ${followUpWords(f)} carries the campaign`, { campaignId: opened.campaignId, partyId: opened.partyId }, { campaignId: made.id, partyId: target.partyId });
        once(session, 'stands', () => officeRefused(driver, 'marketing.recordResponse', { campaignId: made.id, targetId: target.targetId, response: 'negative' }, 'MK-4'));
      }
      if (after.matches('planned') && c.targets.length === 0) once(session, 'nobody', () => officeRefused(driver, 'marketing.activateCampaign', { campaignId: made.id }, 'MK-3'));
      // MK-3: a closed or cancelled campaign is final: it takes no response.
      if (after.status === 'done') once(session, 'final', () => officeRefused(driver, 'marketing.chooseTargets', { campaignId: made.id, targets: [{ partyId: made.choices[0]!.party.partyId, from: 'prospect' }] }, 'MK-3'));
    },
  });

  const scenarios = { planned: { input: made.input, events: campaignEvents } };
  const key = { base: (s: CampaignSnapshot) => `${JSON.stringify(s.value)} ${s.context.targets.map((t) => `${t.response}${t.followUp === null ? '' : `>${t.followUp.kind}`}`).join(',')}` };
  const derivation = deriveOfficePaths(machine, scenarios, key, ['planned']);
  return {
    name: 'campaign', machine, scenarios, events: campaignEvents, derivation, host,
    ...scenarioHooks(setups),
    rules: 'MK-1 / MK-3 / MK-4',
    checks: 'same campaign state and record, its status, responses, follow-ups and left-out contacts in the view, follow-ups carry the campaign id, a followed-up response stands',
    unreachable: restoredOnly(machine),
  } satisfies LifecycleModel<CampaignSnapshot, CampaignEvent>;
}

export const campaignModel = modelEntry({
  name: 'campaign', machine: 'campaign',
  description: 'An email campaign to two prospects (one without consent, left out): targets chosen, launched, responses recorded and a positive one followed up with an opportunity or a quotation, then closed (or cancelled while planned)',
  createMachine: createCampaignMachine,
  build: buildCampaignModel,
});
