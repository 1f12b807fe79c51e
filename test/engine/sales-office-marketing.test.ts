/**
 * Headquarters' marketing through the host (MK-1..MK-4): parties from prospect to customer, leads and opportunities,
 * campaigns with consent-filtered targets and responses followed up by quotations and opportunities.
 */
import { describe, expect, it } from 'vitest';
import { newEngine } from './engine-helpers.ts';
import { line, office, officeRefused, withSalesOffice } from './sales-office-helpers.ts';
import type { Chain } from '../../engine/chain.ts';

const engine = () => newEngine(withSalesOffice);

function prospect(e: Chain, consent = true): string {
  return office(e, 'marketing.createProspect', {
    name: 'Trail Club', partyType: 'organization',
    contacts: [{ name: 'Tess Trail', channel: 'email', reachedAt: 'tess@trail.example', marketingConsent: consent }, { name: 'Tom Trail', channel: 'phone', reachedAt: '555-0101', marketingConsent: false }],
  }).partyId as string;
}

const partyOf = (e: Chain, partyId: string) => e.headquarters.salesOffice.records.parties[partyId]!;

describe('parties (MK-1, MK-2)', () => {
  it('MK-1 one party id from prospect to customer keeps its quotations, which follow it into the customer role', () => {
    const e = engine();
    const partyId = prospect(e);
    const quotationId = office(e, 'sales.createQuotation', { partyId, expiryDate: '2026-02-01', lines: [line('P-TENT', 1)] }).quotationId as string;
    // SM-6: a prospect's quotation is confirmed once the prospect is a customer.
    expect(officeRefused(e, 'sales.confirmQuotation', { quotationId }).message).toMatch(/prospect/);
    const { customerAccount } = office(e, 'marketing.convertProspect', { partyId });
    expect(partyOf(e, partyId)).toMatchObject({ partyId, roles: ['prospect', 'customer'], customerAccount, quotationIds: [quotationId] });
    expect(e.headquarters.office.customers[customerAccount as string]?.record.name).toBe('Trail Club');
    expect(office(e, 'sales.confirmQuotation', { quotationId }).salesOrderId).toBeDefined();
    expect(officeRefused(e, 'marketing.convertProspect', { partyId }).rule).toBe('MK-2');
  });

  it('MK-1 a customer created at a store is a party with the customer role', () => {
    const e = engine();
    const quotationId = office(e, 'sales.createQuotation', { partyId: 'C-ANNA', expiryDate: '2026-02-01', lines: [line('P-LAMP', 1)] }).quotationId as string;
    expect(partyOf(e, 'C-ANNA')).toMatchObject({ roles: ['customer'], customerAccount: 'C-ANNA', quotationIds: [quotationId] });
  });

  it('MK-2 a qualified lead opens a linked opportunity; a disqualified one needs a reason; winning makes the party a customer', () => {
    const e = engine();
    const partyId = prospect(e);
    const leadId = office(e, 'marketing.createLead', { partyId, topic: 'Tents for the club' }).leadId as string;
    const { opportunityId } = office(e, 'marketing.qualifyLead', { leadId });
    expect(e.headquarters.salesOffice.opportunities.snapshot(opportunityId as string).context).toMatchObject({ leadId, partyId, status: 'open' });
    expect(officeRefused(e, 'marketing.qualifyLead', { leadId }).rule).toBe('MK-2');
    const other = office(e, 'marketing.createLead', { partyId, topic: 'Stoves' }).leadId as string;
    expect(officeRefused(e, 'marketing.disqualifyLead', { leadId: other, reason: ' ' }).field).toBe('reason');
    office(e, 'marketing.disqualifyLead', { leadId: other, reason: 'no budget' });
    const won = office(e, 'marketing.winOpportunity', { opportunityId: opportunityId as string });
    expect(partyOf(e, partyId)).toMatchObject({ customerAccount: won.customerAccount, roles: expect.arrayContaining(['customer', 'leadContact', 'opportunityContact']) });
    // CU-2: the account takes the store's default customer's settings.
    expect(e.headquarters.office.customers[won.customerAccount as string]?.record.currency).toBe('USD');
    expect(officeRefused(e, 'marketing.loseOpportunity', { opportunityId: opportunityId as string }).rule).toBe('MK-2');
  });
});

describe('campaigns (MK-3, MK-4)', () => {
  function campaign(e: Chain, partyId: string): string {
    const campaignId = office(e, 'marketing.createCampaign', { name: 'Spring email', campaignType: 'email', startsOn: '2026-01-01', endsOn: '2026-03-31' }).campaignId as string;
    office(e, 'marketing.chooseTargets', { campaignId, targets: [{ partyId, from: 'prospect' }] });
    return campaignId;
  }

  it('MK-3 targets are the contacts with consent on the campaign\'s channel; the others are left out with the reason', () => {
    const e = engine();
    const partyId = prospect(e, false);
    const campaignId = campaign(e, partyId);
    const { targets, leftOut } = e.headquarters.salesOffice.campaigns.snapshot(campaignId).context;
    expect(targets).toEqual([]);
    expect(leftOut).toEqual([expect.objectContaining({ partyId, contactId: `${partyId}-1`, reason: expect.stringMatching(/has not agreed to marketing emails/) })]);
    expect(officeRefused(e, 'marketing.chooseTargets', { campaignId, targets: [{ partyId, from: 'customer' }] }).rule).toBe('MK-3');
  });

  it('MK-4 a positive response becomes a quotation or an opportunity carrying the campaign id', () => {
    const e = engine();
    const partyId = prospect(e);
    const campaignId = campaign(e, partyId);
    const targetId = e.headquarters.salesOffice.campaigns.snapshot(campaignId).context.targets[0]!.targetId;
    expect(officeRefused(e, 'marketing.recordResponse', { campaignId, targetId, response: 'positive' }).rule).toBe('MK-3');
    office(e, 'marketing.activateCampaign', { campaignId });
    const { quotationId } = office(e, 'marketing.recordResponse', { campaignId, targetId, response: 'positive', followUp: 'quotation', expiryDate: '2026-02-15', lines: [line('P-TENT', 2)] });
    expect(e.headquarters.salesOffice.quotations.snapshot(quotationId as string).context).toMatchObject({ campaignId, partyId });
    expect(partyOf(e, partyId).campaignIds).toEqual([campaignId]);
    expect(officeRefused(e, 'marketing.recordResponse', { campaignId, targetId, response: 'positive', followUp: 'opportunity' }).rule).toBe('MK-4');

    const second = prospect(e);
    const c2 = campaign(e, second);
    office(e, 'marketing.activateCampaign', { campaignId: c2 });
    const t2 = e.headquarters.salesOffice.campaigns.snapshot(c2).context.targets[0]!.targetId;
    const { opportunityId } = office(e, 'marketing.recordResponse', { campaignId: c2, targetId: t2, response: 'positive', followUp: 'opportunity' });
    expect(e.headquarters.salesOffice.opportunities.snapshot(opportunityId as string).context).toMatchObject({ campaignId: c2, partyId: second });
  });
});
