/** Campaigns (engine/domain/marketing/campaigns.ts): MK-3 targets and consent, MK-4 responses and follow-ups. */
import { describe, expect, it } from 'vitest';
import {
  campaignStatus, checkCampaignClose, checkLaunch, chooseTargets, newCampaign, opportunityFromResponse, recordResponse, requestQuotation, respondedCampaign,
  type Campaign, type CampaignType,
} from '../../../engine/domain/marketing/campaigns.ts';
import { newProspect, partyFromCustomer, recordConsent } from '../../../engine/domain/marketing/parties.ts';
import { accepted, catalog, contact, leadFor, opportunityFor, pia } from './fixture.ts';

const campaign = (type: CampaignType = 'email'): Campaign =>
  accepted(newCampaign('CMP-1', { name: 'Spring camping', type, startsOn: '2026-04-01', endsOn: '2026-04-30' }));

/** Noah: a prospect with no contact at all. */
const noah = () => accepted(newProspect('PTY-5', { name: 'Noah Nocontact', type: 'person' }));

describe('MK-3 campaigns and their targets', () => {
  it('MK-3 a campaign is Telemarketing, Mailing or Email, planned, named and within its dates', () => {
    expect(campaign()).toMatchObject({ campaignId: 'CMP-1', type: 'email', targets: [], leftOut: [] });
    expect(campaignStatus(campaign())).toBe('planned');
    expect(newCampaign('CMP-2', { name: ' ', type: 'mailing', startsOn: '2026-04-01', endsOn: '2026-04-30' })).toMatchObject({ rule: 'VALIDATION', field: 'name' });
    expect(newCampaign('CMP-2', { name: 'Late', type: 'mailing', startsOn: '2026-04-01', endsOn: '2026-03-31' })).toEqual({
      rule: 'MK-3', field: 'endsOn', message: 'a campaign cannot end on 2026-03-31, before it starts on 2026-04-01',
    });
  });

  it('MK-3 an email campaign targets consenting email contacts and says plainly who was left out and why', () => {
    const anna = partyFromCustomer('PTY-9', catalog.customers.get('C-ANNA')!);
    const out = accepted(chooseTargets(campaign('email'), [{ party: pia(), from: 'prospect' }, { party: anna, from: 'customer' }, { party: noah(), from: 'prospect' }]));
    expect(out.targets).toEqual([{
      targetId: 'PTY-1/E1', partyId: 'PTY-1', contactId: 'E1', name: 'Pia Prospect', reachedAt: 'pia@example.com', from: 'prospect',
      response: 'none', respondedOn: null, followUp: null,
    }]);
    expect(out.leftOut).toEqual([
      { partyId: 'PTY-9', contactId: 'email-1', reason: 'Anna Berg (anna@example.com) has not agreed to marketing emails' },
      { partyId: 'PTY-5', contactId: null, reason: 'Noah Nocontact has no email address to write to' },
    ]);
  });

  it('MK-3 telemarketing reaches phones and mailing reaches postal addresses, each with its own consent', () => {
    const calls = accepted(chooseTargets(campaign('telemarketing'), [{ party: pia(), from: 'prospect' }]));
    expect(calls.targets).toEqual([]);
    expect(calls.leftOut).toEqual([{ partyId: 'PTY-1', contactId: 'T1', reason: 'Pia Prospect (+1 253 555 0101) has not agreed to marketing calls' }]);
    const letters = accepted(chooseTargets(campaign('mailing'), [{ party: pia(), from: 'prospect' }]));
    expect(letters.targets).toEqual([expect.objectContaining({ targetId: 'PTY-1/M1', reachedAt: '9 Pine Rd, Tacoma' })]);
    expect(letters.leftOut).toEqual([]);
  });

  it('MK-3 targets come from prospects, leads, opportunities and customers; a contact is targeted once however often chosen', () => {
    const { party: lead } = leadFor(accepted(newProspect('PTY-6', { name: 'Lee', type: 'person', contacts: [contact('E1', 'email', 'lee@example.com', true, 'Lee')] })));
    const { party: buyer } = opportunityFor(accepted(newProspect('PTY-7', { name: 'Ola', type: 'person', contacts: [contact('E1', 'email', 'ola@example.com', true, 'Ola')] })));
    const once = accepted(chooseTargets(campaign(), [{ party: lead, from: 'lead' }, { party: buyer, from: 'opportunity' }, { party: pia(), from: 'prospect' }]));
    const twice = accepted(chooseTargets(once, [{ party: pia(), from: 'prospect' }]));
    expect(twice.targets.map((t) => [t.targetId, t.from])).toEqual([['PTY-6/E1', 'lead'], ['PTY-7/E1', 'opportunity'], ['PTY-1/E1', 'prospect']]);
  });

  it('MK-3 choosing a party again counts consent given or withdrawn since: targeted or left out, never both', () => {
    const withdrawn = accepted(recordConsent(pia(), 'E1', false));
    const first = accepted(chooseTargets(campaign(), [{ party: withdrawn, from: 'prospect' }]));
    expect([first.targets.length, first.leftOut.map((l) => l.contactId)]).toEqual([0, ['E1']]);
    const consented = accepted(chooseTargets(first, [{ party: pia(), from: 'prospect' }]));
    expect([consented.targets.map((t) => t.targetId), consented.leftOut]).toEqual([['PTY-1/E1'], []]);
    const again = accepted(chooseTargets(consented, [{ party: withdrawn, from: 'prospect' }]));
    expect([again.targets, again.leftOut.map((l) => l.reason)]).toEqual([[], ['Pia Prospect (pia@example.com) has not agreed to marketing emails']]);
  });

  it('MK-3 a party chosen for a role it does not have is refused, naming the choice, and nothing changes', () => {
    const start = campaign();
    expect(chooseTargets(start, [{ party: pia(), from: 'prospect' }, { party: pia(), from: 'customer' }])).toEqual({
      rule: 'MK-3', field: 'targets.1.from', message: 'Pia Prospect is not a customer, so cannot be chosen as one',
    });
    expect(chooseTargets(start, [{ party: pia(), from: 'lead' }])).toMatchObject({ message: 'Pia Prospect is not a lead\'s contact, so cannot be chosen as one' });
    expect(start.targets).toEqual([]);
  });

  it('MK-3 a campaign is launched with a target, within its dates, and closed no earlier than launched', () => {
    const empty = campaign();
    expect(checkLaunch(empty, '2026-04-02')).toMatchObject({ rule: 'MK-3', field: 'targets' });
    const chosen = accepted(chooseTargets(empty, [{ party: pia(), from: 'prospect' }]));
    expect(checkLaunch(chosen, '2026-03-31')).toEqual({ rule: 'MK-3', field: 'on', message: 'campaign Spring camping starts on 2026-04-01, not yet on 2026-03-31' });
    expect(checkLaunch(chosen, '2026-05-01')).toMatchObject({ rule: 'MK-3', field: 'on', message: 'campaign Spring camping ended on 2026-04-30' });
    expect(checkLaunch(chosen, '2026-04-01')).toBeNull();
    const launched = { ...chosen, launchedOn: '2026-04-03' };
    expect(campaignStatus(launched)).toBe('active');
    expect(checkCampaignClose(launched, '2026-04-02')).toMatchObject({ rule: 'MK-3', field: 'on' });
    expect(checkCampaignClose(launched, '2026-04-03')).toBeNull();
    expect(campaignStatus({ ...launched, closedOn: '2026-04-30' })).toBe('closed');
    expect(campaignStatus({ ...chosen, cancelledOn: '2026-03-30' })).toBe('cancelled');
  });
});

describe('MK-4 responses', () => {
  const targeted = () => accepted(chooseTargets(campaign(), [{ party: pia(), from: 'prospect' }]));

  it('MK-4 a response is None, Positive or Negative per target; answering links the campaign to the party', () => {
    const { campaign: answered, party } = accepted(recordResponse(targeted(), pia(), 'PTY-1/E1', 'negative', '2026-04-05'));
    expect(answered.targets[0]).toMatchObject({ response: 'negative', respondedOn: '2026-04-05' });
    expect(party.campaignIds).toEqual(['CMP-1']);
    const takenBack = accepted(recordResponse(answered, pia(), 'PTY-1/E1', 'none', '2026-04-06'));
    expect(takenBack.campaign.targets[0]).toMatchObject({ response: 'none', respondedOn: null });
    expect(takenBack.party.campaignIds).toEqual([]);
  });

  it('MK-4 a response for an unknown target or another party is refused', () => {
    expect(respondedCampaign(targeted(), 'PTY-1/X', 'positive', '2026-04-05')).toEqual({ rule: 'NOT_FOUND', field: 'targetId', message: 'campaign Spring camping has no target "PTY-1/X"' });
    expect(recordResponse(targeted(), pia('PTY-2'), 'PTY-1/E1', 'positive', '2026-04-05')).toMatchObject({ rule: 'MK-1', field: 'partyId' });
  });

  it('MK-4 a positive response may ask for a quotation: the request names the party, the campaign and the lines wanted', () => {
    const positive = accepted(respondedCampaign(targeted(), 'PTY-1/E1', 'positive', '2026-04-05'));
    const { campaign: followed, request } = accepted(requestQuotation(positive, 'PTY-1/E1', 'QR-1', [{ productId: 'P-TENT', quantity: 4 }], '2026-04-06'));
    expect(request).toEqual({ requestId: 'QR-1', partyId: 'PTY-1', campaignId: 'CMP-1', requestedOn: '2026-04-06', lines: [{ productId: 'P-TENT', quantity: 4 }] });
    expect(followed.targets[0]!.followUp).toEqual({ kind: 'quotationRequest', requestId: 'QR-1' });
    expect(respondedCampaign(followed, 'PTY-1/E1', 'negative', '2026-04-07')).toEqual({
      rule: 'MK-4', field: 'response', message: 'Pia Prospect already answered positively and was followed up: the response cannot change',
    });
    expect(requestQuotation(followed, 'PTY-1/E1', 'QR-2', [{ productId: 'P-LAMP', quantity: 1 }], '2026-04-07')).toMatchObject({
      rule: 'MK-4', field: 'targetId', message: 'Pia Prospect\'s response was already followed up with quotation request QR-1',
    });
  });

  it('MK-4 a quotation request needs a positive response and whole quantities above zero', () => {
    expect(requestQuotation(targeted(), 'PTY-1/E1', 'QR-1', [{ productId: 'P-TENT', quantity: 1 }], '2026-04-06')).toEqual({
      rule: 'MK-4', field: 'targetId', message: 'Pia Prospect has not answered positively, so there is nothing to follow up',
    });
    const positive = accepted(respondedCampaign(targeted(), 'PTY-1/E1', 'positive', '2026-04-05'));
    expect(requestQuotation(positive, 'PTY-1/E1', 'QR-1', [], '2026-04-06')).toMatchObject({ rule: 'MK-4', field: 'lines' });
    expect(requestQuotation(positive, 'PTY-1/E1', 'QR-1', [{ productId: 'P-TENT', quantity: 1 }, { productId: 'P-LAMP', quantity: 1.5 }], '2026-04-06')).toMatchObject({ rule: 'VALIDATION', field: 'lines.1.quantity' });
    expect(positive.targets[0]!.followUp).toBeNull();
  });

  it('MK-4 a positive response may open an opportunity carrying the campaign id, linked to the party', () => {
    const positive = accepted(respondedCampaign(targeted(), 'PTY-1/E1', 'positive', '2026-04-05'));
    const { campaign: followed, opportunity, party } = accepted(opportunityFromResponse(positive, pia(), 'PTY-1/E1', 'OP-3', '2026-04-06'));
    expect(opportunity).toMatchObject({ opportunityId: 'OP-3', partyId: 'PTY-1', campaignId: 'CMP-1', status: 'open', openedOn: '2026-04-06', topic: 'Campaign Spring camping' });
    expect(party).toMatchObject({ roles: ['prospect', 'opportunityContact'], opportunityIds: ['OP-3'] });
    expect(followed.targets[0]!.followUp).toEqual({ kind: 'opportunity', opportunityId: 'OP-3' });
    expect(opportunityFromResponse(followed, pia(), 'PTY-1/E1', 'OP-4', '2026-04-06')).toMatchObject({ rule: 'MK-4', message: 'Pia Prospect\'s response was already followed up with opportunity OP-3' });
    expect(opportunityFromResponse(positive, pia('PTY-2'), 'PTY-1/E1', 'OP-4', '2026-04-06')).toMatchObject({ rule: 'MK-1', field: 'partyId' });
  });
});
