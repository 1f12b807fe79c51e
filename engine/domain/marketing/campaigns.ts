/**
 * Campaigns (MK-3, MK-4): a Telemarketing, Mailing or Email campaign targets the contacts of chosen prospects, leads,
 * opportunities and customers on its own channel; a contact without marketing consent on that channel (CU-1) is left
 * out, and the campaign says who and why in plain words. Each target's response is None, Positive or Negative; a
 * positive one may ask for a quotation (a request for the quotation desk) or open an opportunity carrying the
 * campaign id.
 *
 * The lifecycle (machines/campaign.machine.ts) decides when each step is allowed; these functions do the work.
 */
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import { linkToParty, type ContactChannel, type Party, type PartyContact, type PartyRole } from './parties.ts';
import { newOpportunity, type Opportunity } from './pipeline.ts';

export const campaignTypes = ['telemarketing', 'mailing', 'email'] as const;
export type CampaignType = (typeof campaignTypes)[number];

/** MK-3: the channel each campaign type reaches its targets on. */
export const channelOf: Record<CampaignType, ContactChannel> = { telemarketing: 'phone', mailing: 'mail', email: 'email' };

/** MK-3: where a target was chosen from, and the role its party must have for that. */
export const targetSources = { prospect: 'prospect', lead: 'leadContact', opportunity: 'opportunityContact', customer: 'customer' } as const satisfies Record<string, PartyRole>;
export type TargetSource = keyof typeof targetSources;

export interface TargetChoice { party: Party; from: TargetSource }

export type CampaignResponse = 'none' | 'positive' | 'negative';

/** MK-4: what a positive response led to. */
export type FollowUp = { kind: 'quotationRequest'; requestId: string } | { kind: 'opportunity'; opportunityId: string };

export interface CampaignTarget {
  /** `<partyId>/<contactId>`: one target per contact. */
  targetId: string;
  partyId: string;
  contactId: string;
  name: string;
  reachedAt: string;
  from: TargetSource;
  response: CampaignResponse;
  respondedOn: string | null;
  followUp: FollowUp | null;
}

/** MK-3: a party or contact the campaign does not reach, and why (for staff to read). */
export interface LeftOut { partyId: string; contactId: string | null; reason: string }

export interface Campaign {
  campaignId: string;
  name: string;
  type: CampaignType;
  startsOn: string;
  endsOn: string;
  targets: CampaignTarget[];
  leftOut: LeftOut[];
  /** The lifecycle's days (its status is derived from them, `campaignStatus`). */
  launchedOn: string | null;
  closedOn: string | null;
  cancelledOn: string | null;
}

/**
 * MK-3 lifecycle (decision): Planned (targets are chosen) -> Active (launched: responses are recorded and followed
 * up) -> Closed; a planned campaign may be Cancelled instead of launched.
 */
export type CampaignStatus = 'planned' | 'active' | 'closed' | 'cancelled';

export function campaignStatus(campaign: Campaign): CampaignStatus {
  if (campaign.cancelledOn !== null) return 'cancelled';
  if (campaign.closedOn !== null) return 'closed';
  return campaign.launchedOn === null ? 'planned' : 'active';
}

/** MK-4: what a positive response asks the quotation desk for (it makes the quotation, SM-6). */
export interface QuotationRequest {
  requestId: string;
  partyId: string;
  campaignId: string;
  requestedOn: string;
  lines: { productId: string; quantity: number }[];
}

/** MK-3: a new planned campaign with no targets yet. */
export function newCampaign(campaignId: string, details: { name: string; type: CampaignType; startsOn: string; endsOn: string }): Campaign | RuleViolation {
  if (details.name.trim() === '') return violation('VALIDATION', 'a campaign needs a name', 'name');
  if (details.endsOn < details.startsOn) return violation('MK-3', `a campaign cannot end on ${details.endsOn}, before it starts on ${details.startsOn}`, 'endsOn');
  return { campaignId, name: details.name.trim(), type: details.type, startsOn: details.startsOn, endsOn: details.endsOn, targets: [], leftOut: [], launchedOn: null, closedOn: null, cancelledOn: null };
}

const channelWords: Record<ContactChannel, { missing: string; consent: string }> = {
  phone: { missing: 'no phone number to call', consent: 'calls' },
  mail: { missing: 'no postal address to write to', consent: 'letters' },
  email: { missing: 'no email address to write to', consent: 'emails' },
};

/** How staff recognise a contact: its email or phone, or the street and city it is written to. */
function whereReached(party: Party, contact: PartyContact): string {
  if (contact.channel !== 'mail') return contact.reachedAt;
  const address = party.addresses.find((a) => a.id === contact.reachedAt);
  return address === undefined ? contact.reachedAt : `${address.street}, ${address.city}`;
}

/** MK-3: each chosen party must have the role it is chosen for (a lead's contact, an opportunity's contact...). */
export function checkTargetChoices(choices: readonly TargetChoice[]): RuleViolation | null {
  const wrong = choices.findIndex((c) => !c.party.roles.includes(targetSources[c.from]));
  if (wrong < 0) return null;
  const { party, from } = choices[wrong]!;
  return violation('MK-3', `${party.name} is not a ${from === 'customer' ? 'customer' : `${from}'s contact`}, so cannot be chosen as one`, `targets.${wrong}.from`);
}

/** MK-3: whom of a party a campaign on `channel` reaches (its contacts there with consent), and whom not, and why. */
function reachOf(party: Party, from: TargetSource, channel: ContactChannel): { targets: CampaignTarget[]; leftOut: LeftOut[] } {
  const onChannel = party.contacts.filter((c) => c.channel === channel);
  if (onChannel.length === 0) return { targets: [], leftOut: [{ partyId: party.partyId, contactId: null, reason: `${party.name} has ${channelWords[channel].missing}` }] };
  const consenting = onChannel.filter((c) => c.marketingConsent);
  return {
    targets: consenting.map((contact) => ({
      targetId: `${party.partyId}/${contact.contactId}`, partyId: party.partyId, contactId: contact.contactId, name: contact.name,
      reachedAt: whereReached(party, contact), from, response: 'none', respondedOn: null, followUp: null,
    })),
    leftOut: onChannel.filter((c) => !c.marketingConsent).map((contact) => ({
      partyId: party.partyId, contactId: contact.contactId, reason: `${contact.name} (${whereReached(party, contact)}) has not agreed to marketing ${channelWords[channel].consent}`,
    })),
  };
}

/**
 * MK-3: the campaign with the contacts of the chosen parties on its channel as targets. A contact without marketing
 * consent on that channel, or a party with no contact on it, is left out with the reason. Choosing a party again
 * (while planned: no response yet) replaces what it gave before, so consent given or withdrawn since counts and no
 * contact is targeted twice.
 */
export function chooseTargets(campaign: Campaign, choices: readonly TargetChoice[]): Campaign | RuleViolation {
  const found = checkTargetChoices(choices);
  if (found !== null) return found;
  const channel = channelOf[campaign.type];
  let { targets, leftOut } = campaign;
  for (const { party, from } of choices) {
    const reached = reachOf(party, from, channel);
    targets = [...targets.filter((t) => t.partyId !== party.partyId), ...reached.targets];
    leftOut = [...leftOut.filter((l) => l.partyId !== party.partyId), ...reached.leftOut];
  }
  return { ...campaign, targets, leftOut };
}

/** MK-3: a campaign is launched with someone to reach, within its dates. */
export function checkLaunch(campaign: Campaign, on: string): RuleViolation | null {
  if (campaign.targets.length === 0) return violation('MK-3', `campaign ${campaign.name} has no one to reach: choose targets with marketing consent first`, 'targets');
  if (on < campaign.startsOn) return violation('MK-3', `campaign ${campaign.name} starts on ${campaign.startsOn}, not yet on ${on}`, 'on');
  return on > campaign.endsOn ? violation('MK-3', `campaign ${campaign.name} ended on ${campaign.endsOn}`, 'on') : null;
}

/** MK-3: a campaign is closed on or after the day it was launched. */
export function checkCampaignClose(campaign: Campaign, on: string): RuleViolation | null {
  return campaign.launchedOn !== null && on < campaign.launchedOn ? violation('MK-3', `campaign ${campaign.name} cannot close on ${on}, before it was launched on ${campaign.launchedOn}`, 'on') : null;
}

function targetOf(campaign: Campaign, targetId: string): CampaignTarget | RuleViolation {
  return campaign.targets.find((t) => t.targetId === targetId) ?? violation('NOT_FOUND', `campaign ${campaign.name} has no target "${targetId}"`, 'targetId');
}

const refusalIn = <T extends object>(result: T | RuleViolation): RuleViolation | null => (isViolation(result) ? result : null);

/** MK-1: a target's response belongs to the target's own party. */
function checkTargetParty(target: CampaignTarget, party: Party): RuleViolation | null {
  return target.partyId === party.partyId ? null : violation('MK-1', `target ${target.name} is party ${target.partyId}, not ${party.partyId}`, 'partyId');
}

/** The campaign with one target changed. */
const changeTarget = (campaign: Campaign, targetId: string, change: Partial<CampaignTarget>): Campaign => ({
  ...campaign, targets: campaign.targets.map((t) => (t.targetId === targetId ? { ...t, ...change } : t)),
});

/** MK-4: a response that led somewhere stands: the quotation request or opportunity it opened relies on it. */
function targetToAnswer(campaign: Campaign, targetId: string): CampaignTarget | RuleViolation {
  const target = targetOf(campaign, targetId);
  if (isViolation(target) || target.followUp === null) return target;
  return violation('MK-4', `${target.name} already answered positively and was followed up: the response cannot change`, 'response');
}

export function checkResponseChange(campaign: Campaign, targetId: string): RuleViolation | null {
  return refusalIn(targetToAnswer(campaign, targetId));
}

/** MK-4: a response and its day (None takes a response back, and its day). */
const answered = (response: CampaignResponse, on: string): Partial<CampaignTarget> => ({ response, respondedOn: response === 'none' ? null : on });

/** MK-4: the campaign with a target's response recorded. */
export function respondedCampaign(campaign: Campaign, targetId: string, response: CampaignResponse, on: string): Campaign | RuleViolation {
  return checkResponseChange(campaign, targetId) ?? changeTarget(campaign, targetId, answered(response, on));
}

/** MK-1 / MK-4: a response recorded on the campaign, and the campaign linked to the party that answered. */
export function recordResponse(campaign: Campaign, party: Party, targetId: string, response: CampaignResponse, on: string): { campaign: Campaign; party: Party } | RuleViolation {
  const target = targetToAnswer(campaign, targetId);
  if (isViolation(target)) return target;
  const other = checkTargetParty(target, party);
  if (other !== null) return other;
  const responded = changeTarget(campaign, targetId, answered(response, on));
  return { campaign: responded, party: response === 'none' ? party : linkToParty(party, 'campaignIds', campaign.campaignId) };
}

/** MK-4: only a positive response is followed up, and once. */
function targetToFollowUp(campaign: Campaign, targetId: string): CampaignTarget | RuleViolation {
  const target = targetOf(campaign, targetId);
  if (isViolation(target)) return target;
  if (target.response !== 'positive') return violation('MK-4', `${target.name} has not answered positively, so there is nothing to follow up`, 'targetId');
  const done = target.followUp;
  if (done === null) return target;
  const what = done.kind === 'opportunity' ? `opportunity ${done.opportunityId}` : `quotation request ${done.requestId}`;
  return violation('MK-4', `${target.name}'s response was already followed up with ${what}`, 'targetId');
}

export function checkFollowUp(campaign: Campaign, targetId: string): RuleViolation | null {
  return refusalIn(targetToFollowUp(campaign, targetId));
}

/** MK-4: the campaign with a target's follow-up stamped (the campaign machine's action; the functions below check first). */
export function followedUpCampaign(campaign: Campaign, targetId: string, followUp: FollowUp): Campaign {
  return changeTarget(campaign, targetId, { followUp });
}

/** MK-4: a positive response asks for a quotation of the lines the target wants. */
export function requestQuotation(campaign: Campaign, targetId: string, requestId: string, lines: QuotationRequest['lines'], on: string): { campaign: Campaign; request: QuotationRequest } | RuleViolation {
  const target = targetToFollowUp(campaign, targetId);
  if (isViolation(target)) return target;
  if (lines.length === 0) return violation('MK-4', 'name at least one product the customer wants a quotation for', 'lines');
  const bad = lines.findIndex((l) => !Number.isInteger(l.quantity) || l.quantity <= 0);
  if (bad >= 0) return violation('VALIDATION', `the quantity of ${lines[bad]!.productId} must be a whole number above zero`, `lines.${bad}.quantity`);
  const request: QuotationRequest = { requestId, partyId: target.partyId, campaignId: campaign.campaignId, requestedOn: on, lines: lines.map((l) => ({ ...l })) };
  return { campaign: followedUpCampaign(campaign, targetId, { kind: 'quotationRequest', requestId }), request };
}

/** MK-4: a positive response opens an opportunity for the target's party, carrying the campaign id. */
export function opportunityFromResponse(campaign: Campaign, party: Party, targetId: string, opportunityId: string, on: string): { campaign: Campaign; opportunity: Opportunity; party: Party } | RuleViolation {
  const target = targetToFollowUp(campaign, targetId);
  if (isViolation(target)) return target;
  const other = checkTargetParty(target, party);
  if (other !== null) return other;
  const opened = newOpportunity(opportunityId, party, { topic: `Campaign ${campaign.name}`, on, campaignId: campaign.campaignId });
  if (isViolation(opened)) return opened;
  return { ...opened, campaign: followedUpCampaign(campaign, targetId, { kind: 'opportunity', opportunityId }) };
}
