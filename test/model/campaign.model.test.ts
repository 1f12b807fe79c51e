/**
 * Model-based test of the campaign lifecycle (MK-3, MK-4) on the machine: paths from a new email campaign and from
 * campaigns restored active, closed or cancelled. Marketing chooses Pia (an email contact with consent, and a phone
 * without), Pia again once she withdrew her consent, or Noah (no email at all), launches on the first day, records Pia's responses, follows a positive one up
 * with a quotation request or an opportunity, closes or cancels. After every step: the derived status is the chart's
 * state, every target has consent and is not also left out, only a positive response is followed up, and a response
 * other than None has its day. The lab's model (engine/lab/paths/models/campaign.ts) runs the chart's paths against
 * the engine through `marketing.*` commands.
 */
import { describe } from 'vitest';
import { campaignStatus, chooseTargets, newCampaign, type Campaign } from '../../engine/domain/marketing/campaigns.ts';
import { newProspect, recordConsent } from '../../engine/domain/marketing/parties.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { createCampaignMachine, type CampaignEvent, type CampaignSnapshot } from '../../machines/campaign.machine.ts';
import { accepted as acceptedRecord, pia } from '../unit/marketing/fixture.ts';
import { modelTests, registeredModel } from './harness.ts';
import { machinePathTests } from './machine-paths.ts';

const planned = acceptedRecord(newCampaign('CMP-1', { name: 'Spring camping', type: 'email', startsOn: '2026-04-01', endsOn: '2026-04-30' }));
const noah = acceptedRecord(newProspect('PTY-5', { name: 'Noah Nocontact', type: 'person' }));
const targeted = acceptedRecord(chooseTargets(planned, [{ party: pia(), from: 'prospect' }]));
const PIA = 'PTY-1/E1';
/** Pia once she withdrew her consent to marketing emails. */
const piaWithdrawn = acceptedRecord(recordConsent(pia(), 'E1', false));

const campaignEvents = (s: CampaignSnapshot): CampaignEvent[] => {
  const target = s.context.targets.find((t) => t.targetId === PIA);
  return accepted(s, [
    ev('choose:pia', { type: 'CHOOSE_TARGETS', choices: [{ party: pia(), from: 'prospect' }] }),
    ev('choose:pia withdrawn', { type: 'CHOOSE_TARGETS', choices: [{ party: piaWithdrawn, from: 'prospect' }] }),
    ev('choose:noah', { type: 'CHOOSE_TARGETS', choices: [{ party: noah, from: 'prospect' }] }),
    ev('launch', { type: 'LAUNCH', on: s.context.startsOn }),
    ...(['none', 'positive', 'negative'] as const).filter((r) => r !== target?.response)
      .map((response) => ev<CampaignEvent>(`respond:${response}`, { type: 'RECORD_RESPONSE', targetId: PIA, response, on: '2026-04-05' })),
    ev('follow up:quotation', { type: 'FOLLOW_UP', targetId: PIA, followUp: { kind: 'quotationRequest', requestId: 'QR-1' } }),
    ev('follow up:opportunity', { type: 'FOLLOW_UP', targetId: PIA, followUp: { kind: 'opportunity', opportunityId: 'OP-1' } }),
    ev('close', { type: 'CLOSE', on: s.context.endsOn }),
    ev('cancel', { type: 'CANCEL', on: '2026-03-20' }),
  ]);
};

function campaignInvariant(s: CampaignSnapshot): string | null {
  const c: Campaign = s.context;
  if (campaignStatus(c) !== s.value) return `the record says ${campaignStatus(c)}, the chart ${String(s.value)}`;
  for (const t of c.targets) {
    if (c.leftOut.some((l) => l.partyId === t.partyId && l.contactId === t.contactId)) return `${t.targetId} is both targeted and left out`;
    if (t.followUp !== null && t.response !== 'positive') return `${t.targetId} was followed up without a positive response`;
    if ((t.response === 'none') !== (t.respondedOn === null)) return `${t.targetId}'s response and its day disagree`;
  }
  return null;
}

const key = {
  base: (s: CampaignSnapshot) => {
    const t = s.context.targets[0];
    const leftOut = s.context.leftOut.map((l) => `${l.partyId}/${l.contactId ?? '-'}`).sort().join(',');
    return `${JSON.stringify(s.value)} t${s.context.targets.length} out:${leftOut} ${t?.response ?? '-'} ${t?.followUp?.kind ?? '-'}`;
  },
};

describe('model: campaign machine (MK-3, MK-4)', () => {
  machinePathTests<CampaignSnapshot, CampaignEvent>({
    machine: createCampaignMachine(),
    scenarios: {
      new: { input: planned },
      active: { input: { ...targeted, launchedOn: '2026-04-01' } },
      closed: { input: { ...targeted, launchedOn: '2026-04-01', closedOn: '2026-04-30' } },
      cancelled: { input: { ...planned, cancelledOn: '2026-03-20' } },
    },
    events: campaignEvents,
    key,
    invariant: campaignInvariant,
    rules: 'MK-3 / MK-4',
  });
});

describe('model: campaign machine against the engine (sales office, marketing.* commands)', () => {
  modelTests(registeredModel('campaign'));
});
