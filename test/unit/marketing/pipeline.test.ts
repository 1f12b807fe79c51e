/** The sales pipeline (engine/domain/marketing/pipeline.ts): MK-2 leads and opportunities, MK-1 links on the party. */
import { describe, expect, it } from 'vitest';
import { closeOpportunity, disqualifyLead, newLead, newOpportunity, qualifyLead, winOpportunity } from '../../../engine/domain/marketing/pipeline.ts';
import { accepted, catalog, leadFor, opportunityFor, pia } from './fixture.ts';

const defaults = { catalog, storeId: 'S1', accountId: 'C-NEW' };

describe('MK-2 leads', () => {
  it('MK-2 a new lead is open, and its party gains the lead contact role with the lead linked', () => {
    const { lead, party } = leadFor(pia(), 'LD-1', '2026-03-01', 'CMP-1');
    expect(lead).toEqual({
      leadId: 'LD-1', partyId: 'PTY-1', topic: 'Tents for a scout troop', createdOn: '2026-03-01', campaignId: 'CMP-1',
      status: 'open', opportunityId: null, disqualifiedReason: null, closedOn: null,
    });
    expect(party).toMatchObject({ roles: ['prospect', 'leadContact'], leadIds: ['LD-1'] });
    expect(newLead('LD-2', pia(), { topic: ' ', on: '2026-03-01' })).toMatchObject({ rule: 'VALIDATION', field: 'topic' });
  });

  it('MK-2 qualifying opens an opportunity linked to the lead, its party and its campaign', () => {
    const start = leadFor(pia(), 'LD-1', '2026-03-01', 'CMP-1');
    const { lead, opportunity, party } = accepted(qualifyLead(start.lead, start.party, 'OP-7', '2026-03-05'));
    expect(lead).toMatchObject({ status: 'qualified', opportunityId: 'OP-7', closedOn: '2026-03-05' });
    expect(opportunity).toEqual({
      opportunityId: 'OP-7', partyId: 'PTY-1', topic: 'Tents for a scout troop', openedOn: '2026-03-05', leadId: 'LD-1', campaignId: 'CMP-1',
      status: 'open', closedOn: null, closeReason: null, customerAccount: null,
    });
    expect(party).toMatchObject({ roles: ['prospect', 'leadContact', 'opportunityContact'], leadIds: ['LD-1'], opportunityIds: ['OP-7'] });
    expect(start.lead.status).toBe('open');
  });

  it('MK-2 a lead is qualified once, not before it was created, and only with its own party', () => {
    const { lead, party } = leadFor(pia());
    const qualified = accepted(qualifyLead(lead, party, 'OP-1', '2026-03-05')).lead;
    expect(qualifyLead(qualified, party, 'OP-2', '2026-03-06')).toEqual({ rule: 'MK-2', field: 'leadId', message: 'lead LD-1 is already qualified' });
    expect(qualifyLead(lead, party, 'OP-1', '2026-02-28')).toEqual({ rule: 'MK-2', field: 'on', message: 'lead LD-1 cannot be closed on 2026-02-28, before it began on 2026-03-01' });
    expect(qualifyLead(lead, pia('PTY-2'), 'OP-1', '2026-03-05')).toMatchObject({ rule: 'MK-1', field: 'partyId' });
  });

  it('MK-2 disqualifying needs a reason, opens no opportunity, and closes the lead', () => {
    const { lead } = leadFor(pia());
    expect(disqualifyLead(lead, '  ', '2026-03-02')).toEqual({ rule: 'MK-2', field: 'reason', message: 'say why the lead is disqualified' });
    const out = accepted(disqualifyLead(lead, ' No budget this year ', '2026-03-02'));
    expect(out).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget this year', opportunityId: null, closedOn: '2026-03-02' });
    expect(disqualifyLead(out, 'again', '2026-03-03')).toMatchObject({ rule: 'MK-2', field: 'leadId', message: 'lead LD-1 is already disqualified' });
  });
});

describe('MK-2 opportunities', () => {
  it('MK-2 winning a prospect\'s opportunity converts it to a customer with the CU-2 defaults', () => {
    const { opportunity, party } = opportunityFor(pia());
    const won = accepted(winOpportunity(opportunity, party, '2026-03-10', defaults));
    expect(won.opportunity).toMatchObject({ status: 'won', closedOn: '2026-03-10', customerAccount: 'C-NEW' });
    expect(won.party).toMatchObject({ partyId: 'PTY-1', roles: ['prospect', 'opportunityContact', 'customer'], customerAccount: 'C-NEW' });
    expect(won.customer).toMatchObject({ accountId: 'C-NEW', name: 'Pia Prospect', receiptOption: 'email', affiliations: ['AFF-LOCALS'] });
  });

  it('MK-2 winning for a party that is already a customer keeps its account and creates none', () => {
    const start = opportunityFor(pia());
    const first = accepted(winOpportunity(start.opportunity, start.party, '2026-03-10', defaults));
    const again = accepted(newOpportunity('OP-2', first.party, { topic: 'Winter restock', on: '2026-04-01' }));
    const won = accepted(winOpportunity(again.opportunity, again.party, '2026-04-02', { ...defaults, accountId: 'C-OTHER' }));
    expect(won.customer).toBeNull();
    expect(won.opportunity.customerAccount).toBe('C-NEW');
    expect(won.party).toBe(again.party);
  });

  it('MK-2 an opportunity closes once, as Won, Lost or Cancelled, not before it opened; a refused win converts no one', () => {
    const { opportunity, party } = opportunityFor(pia());
    expect(accepted(closeOpportunity(opportunity, 'lost', '2026-03-04', ' Chose a competitor '))).toMatchObject({ status: 'lost', closeReason: 'Chose a competitor', closedOn: '2026-03-04' });
    const cancelled = accepted(closeOpportunity(opportunity, 'cancelled', '2026-03-04'));
    expect(cancelled).toMatchObject({ status: 'cancelled', closeReason: null });
    expect(winOpportunity(cancelled, party, '2026-03-05', defaults)).toEqual({ rule: 'MK-2', field: 'opportunityId', message: 'opportunity OP-1 is already cancelled' });
    expect(closeOpportunity(opportunity, 'lost', '2026-03-01')).toMatchObject({ rule: 'MK-2', field: 'on' });
    expect(winOpportunity(opportunity, pia('PTY-2'), '2026-03-05', defaults)).toMatchObject({ rule: 'MK-1', field: 'partyId' });
    expect(winOpportunity(opportunity, party, '2026-03-05', { ...defaults, storeId: 'S9' })).toMatchObject({ rule: 'NOT_FOUND', field: 'storeId' });
    expect(opportunity.status).toBe('open');
  });
});
