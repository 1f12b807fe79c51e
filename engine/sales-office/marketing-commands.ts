/**
 * The sales office's `marketing.*` commands (MK-1..MK-4), planned as the sales commands are (sales-commands.ts):
 * parties from prospect to customer, leads and opportunities, campaigns and their responses.
 */
import { addRole, convertToCustomer, linkToParty, newProspect, type Party } from '../domain/marketing/parties.ts';
import { newLead, qualifyLead, winOpportunity, type Opportunity } from '../domain/marketing/pipeline.ts';
import { newCampaign, opportunityFromResponse, recordResponse, requestQuotation, type TargetChoice } from '../domain/marketing/campaigns.ts';
import { drawNumber } from '../domain/sales/number-sequence.ts';
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import { isViolation, violation } from '../domain/violation.ts';
import type { MarketingCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';
import { newQuotationOf, type Of, type Plan, type Planned, type Planner } from './plan.ts';

function conversionOf(office: SalesOffice, party: Party, storeId: string | undefined) {
  const store = storeId ?? office.catalog.config.stores[0]!.id;
  if (!office.catalog.stores.has(store)) return violation('NOT_FOUND', `there is no store "${store}"`, 'storeId');
  return { store, defaults: { catalog: office.catalog, storeId: store, accountId: party.partyId } };
}

function createAccount(office: SalesOffice, party: Party, store: string, record: Parameters<SalesOffice['host']['createCustomer']>[2]): Party {
  const accountNumber = office.host.createCustomer(party.partyId, store, record);
  if (isViolation(accountNumber)) throw new Error(`sales office: headquarters refused the account of party ${party.partyId}: ${accountNumber.message}`);
  return { ...party, customerAccount: accountNumber };
}

function convertQuotations(office: SalesOffice, partyId: string, customerAccount: string): void {
  for (const snapshot of office.quotations.all().filter((q) => q.context.partyId === partyId)) {
    const event = { type: 'CONVERT_PROSPECT' as const, customerAccount };
    if (office.quotations.refusal(snapshot.context.quotationId, event) === null) office.quotations.send(snapshot.context.quotationId, event);
  }
}

export const MARKETING_PLANNERS: { [T in MarketingCommand['type']]: Planner<T> } = {
  'marketing.createProspect': (office, config, command) => {
    const partyId = office.nextNumber(config.numberSequences.party);
    const party = newProspect(partyId, { name: command.name, type: command.partyType, contacts: command.contacts.map((c, i) => ({ ...c, contactId: `${partyId}-${i + 1}` })) });
    if (isViolation(party)) return party;
    return { changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.party).numbering; office.records.parties[partyId] = party; }], result: { partyId } };
  },
  'marketing.convertProspect': (office, _config, command) => {
    const party = office.party(command.partyId);
    if (isViolation(party)) return party;
    const conversion = conversionOf(office, party, command.storeId);
    if (isViolation(conversion)) return conversion;
    const converted = convertToCustomer(party, conversion.defaults);
    if (isViolation(converted)) return converted;
    const result: Record<string, unknown> = { partyId: party.partyId };
    return {
      changes: [() => {
        const customer = createAccount(office, converted.party, conversion.store, converted.customer);
        office.records.parties[party.partyId] = customer;
        convertQuotations(office, party.partyId, customer.customerAccount!);
        result.customerAccount = customer.customerAccount;
      }],
      result,
    };
  },
  'marketing.createLead': (office, config, command) => {
    const party = office.party(command.partyId);
    if (isViolation(party)) return party;
    const leadId = office.nextNumber(config.numberSequences.lead);
    const made = newLead(leadId, party, { topic: command.topic, on: office.today, campaignId: command.campaignId ?? null });
    if (isViolation(made)) return made;
    return {
      changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.lead).numbering; office.leads.add(leadId, made.lead); office.records.parties[party.partyId] = addRole(made.party, 'leadContact'); }],
      result: { leadId },
    };
  },
  'marketing.qualifyLead': (office, config, command) => {
    const lead = office.leads.find(command.leadId);
    if ('rule' in lead) return lead;
    const party = office.party(lead.context.partyId);
    if (isViolation(party)) return party;
    const opportunityId = office.nextNumber(config.numberSequences.opportunity);
    const event = { type: 'QUALIFY' as const, opportunityId, on: office.today };
    const refused = office.leads.refusal(command.leadId, event);
    if (refused !== null) return refused;
    const qualified = qualifyLead(lead.context, party, opportunityId, office.today);
    if (isViolation(qualified)) return qualified;
    return {
      changes: [() => {
        office.numbers = drawNumber(office.numbers, config.numberSequences.opportunity).numbering;
        office.leads.send(command.leadId, event);
        office.opportunities.add(opportunityId, qualified.opportunity);
        office.records.parties[party.partyId] = addRole(qualified.party, 'opportunityContact');
      }],
      result: { leadId: command.leadId, opportunityId },
    };
  },
  'marketing.disqualifyLead': (office, _config, command) => {
    const event = { type: 'DISQUALIFY' as const, reason: command.reason, on: office.today };
    const refused = office.leads.refusal(command.leadId, event);
    return refused ?? { changes: [() => office.leads.send(command.leadId, event)], result: { leadId: command.leadId } };
  },
  'marketing.winOpportunity': (office, _config, command) => {
    const opportunity = office.opportunities.find(command.opportunityId);
    if ('rule' in opportunity) return opportunity;
    const party = office.party(opportunity.context.partyId);
    if (isViolation(party)) return party;
    const conversion = conversionOf(office, party, command.storeId);
    if (isViolation(conversion)) return conversion;
    const won = winOpportunity(opportunity.context, party, office.today, conversion.defaults);
    if (isViolation(won)) return won;
    const result: Record<string, unknown> = { opportunityId: command.opportunityId };
    return {
      changes: [() => {
        const customer = won.customer === null ? won.party : createAccount(office, won.party, conversion.store, won.customer);
        office.records.parties[party.partyId] = customer;
        office.opportunities.send(command.opportunityId, { type: 'WIN', customerAccount: customer.customerAccount!, on: office.today });
        if (won.customer !== null) convertQuotations(office, party.partyId, customer.customerAccount!);
        result.customerAccount = customer.customerAccount;
      }],
      result,
    };
  },
  'marketing.loseOpportunity': (office, _config, command) => opportunityEvent(office, command.opportunityId, { type: 'LOSE', on: office.today, ...(command.reason === undefined ? {} : { reason: command.reason }) }),
  'marketing.cancelOpportunity': (office, _config, command) => opportunityEvent(office, command.opportunityId, { type: 'CANCEL', on: office.today, ...(command.reason === undefined ? {} : { reason: command.reason }) }),
  'marketing.createCampaign': (office, config, command) => {
    const campaignId = office.nextNumber(config.numberSequences.campaign);
    const campaign = newCampaign(campaignId, { name: command.name, type: command.campaignType, startsOn: command.startsOn, endsOn: command.endsOn });
    if (isViolation(campaign)) return campaign;
    return { changes: [() => { office.numbers = drawNumber(office.numbers, config.numberSequences.campaign).numbering; office.campaigns.add(campaignId, campaign); }], result: { campaignId } };
  },
  'marketing.chooseTargets': (office, _config, command) => {
    const choices: TargetChoice[] = [];
    for (const [i, target] of command.targets.entries()) {
      const party = office.party(target.partyId);
      if (isViolation(party)) return { ...party, field: `targets.${i}.partyId` };
      choices.push({ party, from: target.from });
    }
    const event = { type: 'CHOOSE_TARGETS' as const, choices };
    const refused = office.campaigns.refusal(command.campaignId, event);
    return refused ?? { changes: [() => office.campaigns.send(command.campaignId, event)], result: { campaignId: command.campaignId } };
  },
  'marketing.activateCampaign': (office, _config, command) => {
    const event = { type: 'LAUNCH' as const, on: office.today };
    const refused = office.campaigns.refusal(command.campaignId, event);
    return refused ?? { changes: [() => office.campaigns.send(command.campaignId, event)], result: { campaignId: command.campaignId } };
  },
  'marketing.recordResponse': (office, config, command) => planResponse(office, config, command),
};

function opportunityEvent(office: SalesOffice, opportunityId: string, event: Parameters<SalesOffice['opportunities']['send']>[1]): Planned {
  const refused = office.opportunities.refusal(opportunityId, event);
  return refused ?? { changes: [() => office.opportunities.send(opportunityId, event)], result: { opportunityId } };
}

/**
 * MK-4: a target's response; a positive one may be followed up at once with an opportunity or a quotation (its lines
 * given), each carrying the campaign id.
 */
function planResponse(office: SalesOffice, config: SalesOfficeConfig, command: Of<'marketing.recordResponse'>): Planned {
  const snapshot = office.campaigns.find(command.campaignId);
  if ('rule' in snapshot) return snapshot;
  const target = snapshot.context.targets.find((t) => t.targetId === command.targetId);
  if (target === undefined) return violation('NOT_FOUND', `campaign ${command.campaignId} has no target "${command.targetId}"`, 'targetId');
  const party = office.party(target.partyId);
  if (isViolation(party)) return party;
  const respond = { type: 'RECORD_RESPONSE' as const, targetId: command.targetId, response: command.response, on: office.today };
  const refused = office.campaigns.refusal(command.campaignId, respond);
  if (refused !== null) return refused;
  const responded = recordResponse(snapshot.context, party, command.targetId, command.response, office.today);
  if (isViolation(responded)) return responded;
  const changes: (() => void)[] = [() => { office.campaigns.send(command.campaignId, respond); office.records.parties[party.partyId] = responded.party; }];
  if (command.followUp === undefined) return { changes, result: { campaignId: command.campaignId, targetId: command.targetId } };
  if (command.followUp === 'opportunity') {
    const opportunityId = office.nextNumber(config.numberSequences.opportunity);
    const opened = opportunityFromResponse(responded.campaign, responded.party, command.targetId, opportunityId, office.today);
    if (isViolation(opened)) return opened;
    return followUp(office, command, changes, { kind: 'opportunity', opportunityId }, () => {
      office.numbers = drawNumber(office.numbers, config.numberSequences.opportunity).numbering;
      office.opportunities.add(opportunityId, opened.opportunity satisfies Opportunity);
      office.records.parties[party.partyId] = addRole(opened.party, 'opportunityContact');
    }, { opportunityId });
  }
  if (command.expiryDate === undefined) return violation('VALIDATION', 'a quotation needs its expiry date', 'expiryDate');
  const entries = command.lines ?? [];
  const quotationId = office.nextNumber(config.numberSequences.quotation);
  const asked = requestQuotation(responded.campaign, command.targetId, quotationId, entries.map((l) => ({ productId: l.productId, quantity: l.quantity })), office.today);
  if (isViolation(asked)) return asked;
  const quotation = newQuotationOf(office, config, responded.party, quotationId, command.expiryDate, entries, command.campaignId);
  if (isViolation(quotation)) return quotation;
  return followUp(office, command, changes, { kind: 'quotationRequest', requestId: quotationId }, () => {
    office.numbers = drawNumber(office.numbers, config.numberSequences.quotation).numbering;
    office.quotations.add(quotationId, quotation);
    office.records.parties[party.partyId] = linkToParty(office.records.parties[party.partyId]!, 'quotationIds', quotationId);
  }, { quotationId });
}

function followUp(
  office: SalesOffice, command: Of<'marketing.recordResponse'>, changes: (() => void)[],
  made: { kind: 'opportunity'; opportunityId: string } | { kind: 'quotationRequest'; requestId: string }, put: () => void, result: Record<string, unknown>,
): Plan {
  return {
    changes: [...changes, () => office.campaigns.send(command.campaignId, { type: 'FOLLOW_UP', targetId: command.targetId, followUp: made }), put],
    result: { campaignId: command.campaignId, targetId: command.targetId, ...result },
  };
}
