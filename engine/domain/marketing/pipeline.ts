/**
 * The sales pipeline (MK-2): a lead is Open until it is Qualified (which opens a linked opportunity) or Disqualified
 * (with a reason, and no opportunity); an opportunity is Open until it is Won, Lost or Cancelled. Winning converts
 * the party to a customer with the CU-2 defaults (parties.ts `convertToCustomer`) unless it already is one.
 *
 * The lead and opportunity machines (machines/lead.machine.ts, machines/opportunity.machine.ts) hold these records;
 * their guards are the checks here. Ids come from the caller's number sequences.
 */
import { isViolation, violation, type RuleViolation } from '../violation.ts';
import { convertToCustomer, linkToParty, type AccountDefaults, type Party } from './parties.ts';
import type { Customer } from '../config.ts';

export type LeadStatus = 'open' | 'qualified' | 'disqualified';
export type OpportunityStatus = 'open' | 'won' | 'lost' | 'cancelled';

export interface Lead {
  leadId: string;
  partyId: string;
  /** What the lead is about, in the words of whoever took it. */
  topic: string;
  createdOn: string;
  /** MK-4: the campaign whose response brought the lead, if one did. */
  campaignId: string | null;
  status: LeadStatus;
  /** MK-2: the opportunity qualifying opened (null otherwise). */
  opportunityId: string | null;
  disqualifiedReason: string | null;
  closedOn: string | null;
}

export interface Opportunity {
  opportunityId: string;
  partyId: string;
  topic: string;
  openedOn: string;
  /** MK-2: the lead it was qualified from; MK-4: the campaign whose positive response opened it. */
  leadId: string | null;
  campaignId: string | null;
  status: OpportunityStatus;
  closedOn: string | null;
  /** Why it was lost or cancelled, when someone said. */
  closeReason: string | null;
  /** MK-2: the customer account the win is for. */
  customerAccount: string | null;
}

/** The day a lead or an opportunity is closed is not before the day it began. */
export function checkClosingDay(subject: string, began: string, on: string): RuleViolation | null {
  return on < began ? violation('MK-2', `${subject} cannot be closed on ${on}, before it began on ${began}`, 'on') : null;
}

/** MK-1 / MK-2: a new open lead for a party; the party gains the lead contact role and keeps the lead linked. */
export function newLead(leadId: string, party: Party, details: { topic: string; on: string; campaignId?: string | null }): { lead: Lead; party: Party } | RuleViolation {
  if (details.topic.trim() === '') return violation('VALIDATION', 'a lead needs a topic: what the customer is interested in', 'topic');
  const lead: Lead = {
    leadId, partyId: party.partyId, topic: details.topic.trim(), createdOn: details.on, campaignId: details.campaignId ?? null,
    status: 'open', opportunityId: null, disqualifiedReason: null, closedOn: null,
  };
  return { lead, party: linkToParty(party, 'leadIds', leadId) };
}

/** MK-2: a new open opportunity for a party (from a qualified lead, a campaign response, or entered directly). */
export function newOpportunity(opportunityId: string, party: Party, details: { topic: string; on: string; leadId?: string | null; campaignId?: string | null }): { opportunity: Opportunity; party: Party } | RuleViolation {
  if (details.topic.trim() === '') return violation('VALIDATION', 'an opportunity needs a topic: what the customer may buy', 'topic');
  const opportunity: Opportunity = {
    opportunityId, partyId: party.partyId, topic: details.topic.trim(), openedOn: details.on, leadId: details.leadId ?? null,
    campaignId: details.campaignId ?? null, status: 'open', closedOn: null, closeReason: null, customerAccount: null,
  };
  return { opportunity, party: linkToParty(party, 'opportunityIds', opportunityId) };
}

function checkLeadOpen(lead: Lead): RuleViolation | null {
  return lead.status === 'open' ? null : violation('MK-2', `lead ${lead.leadId} is already ${lead.status}`, 'leadId');
}

/** MK-2: the lead as qualifying leaves it (the lead machine's action; `qualifyLead` checks first). */
export function qualifiedLead(lead: Lead, opportunityId: string, on: string): Lead {
  return { ...lead, status: 'qualified', opportunityId, closedOn: on };
}

/** MK-2: qualifying an open lead opens an opportunity linked both ways, carrying the lead's topic and campaign. */
export function qualifyLead(lead: Lead, party: Party, opportunityId: string, on: string): { lead: Lead; opportunity: Opportunity; party: Party } | RuleViolation {
  const found = checkLeadOpen(lead) ?? checkClosingDay(`lead ${lead.leadId}`, lead.createdOn, on) ?? checkSameParty(`lead ${lead.leadId}`, lead.partyId, party);
  if (found !== null) return found;
  const opened = newOpportunity(opportunityId, party, { topic: lead.topic, on, leadId: lead.leadId, campaignId: lead.campaignId });
  if (isViolation(opened)) return opened;
  return { ...opened, lead: qualifiedLead(lead, opportunityId, on) };
}

/** MK-2: a disqualification needs a reason (staff must say why), and opens no opportunity. */
export function checkDisqualifyReason(reason: string): RuleViolation | null {
  return reason.trim() === '' ? violation('MK-2', 'say why the lead is disqualified', 'reason') : null;
}

/** MK-2: the lead as disqualifying leaves it (the lead machine's action; `disqualifyLead` checks first). */
export function disqualifiedLead(lead: Lead, reason: string, on: string): Lead {
  return { ...lead, status: 'disqualified', disqualifiedReason: reason.trim(), closedOn: on };
}

export function disqualifyLead(lead: Lead, reason: string, on: string): Lead | RuleViolation {
  return checkLeadOpen(lead) ?? checkDisqualifyReason(reason) ?? checkClosingDay(`lead ${lead.leadId}`, lead.createdOn, on) ?? disqualifiedLead(lead, reason, on);
}

function checkOpportunityCloses(opportunity: Opportunity, on: string): RuleViolation | null {
  if (opportunity.status !== 'open') return violation('MK-2', `opportunity ${opportunity.opportunityId} is already ${opportunity.status}`, 'opportunityId');
  return checkClosingDay(`opportunity ${opportunity.opportunityId}`, opportunity.openedOn, on);
}

function checkSameParty(what: string, partyId: string, party: Party): RuleViolation | null {
  return party.partyId === partyId ? null : violation('MK-1', `${what} belongs to party ${partyId}, not ${party.partyId}`, 'partyId');
}

/** MK-2: the opportunity as closing leaves it: Won for a customer account, or Lost or Cancelled (with the reason, when given). */
export function closedOpportunity(opportunity: Opportunity, close: { status: 'won'; customerAccount: string } | { status: 'lost' | 'cancelled'; reason?: string }, on: string): Opportunity {
  if (close.status === 'won') return { ...opportunity, status: 'won', closedOn: on, customerAccount: close.customerAccount };
  const closeReason = close.reason === undefined || close.reason.trim() === '' ? null : close.reason.trim();
  return { ...opportunity, status: close.status, closedOn: on, closeReason };
}

/** MK-2: an open opportunity closed as Lost or Cancelled. */
export function closeOpportunity(opportunity: Opportunity, status: 'lost' | 'cancelled', on: string, reason?: string): Opportunity | RuleViolation {
  return checkOpportunityCloses(opportunity, on) ?? closedOpportunity(opportunity, reason === undefined ? { status } : { status, reason }, on);
}

/**
 * MK-2: winning an opportunity makes its party a customer: a party that is not one yet gets its customer account
 * with the CU-2 defaults (returned as `customer`, for the host to create); a customer already keeps its account.
 */
export function winOpportunity(opportunity: Opportunity, party: Party, on: string, defaults: AccountDefaults): { opportunity: Opportunity; party: Party; customer: Customer | null } | RuleViolation {
  const found = checkOpportunityCloses(opportunity, on) ?? checkSameParty(`opportunity ${opportunity.opportunityId}`, opportunity.partyId, party);
  if (found !== null) return found;
  const converted = party.customerAccount === null ? convertToCustomer(party, defaults) : { party, customer: null };
  if (isViolation(converted)) return converted;
  const won = closedOpportunity(opportunity, { status: 'won', customerAccount: converted.party.customerAccount! }, on);
  return { opportunity: won, party: converted.party, customer: converted.customer };
}
