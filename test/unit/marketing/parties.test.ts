/** Marketing parties (engine/domain/marketing/parties.ts): MK-1 one party id from prospect to customer, MK-2 conversion. */
import { describe, expect, it } from 'vitest';
import { addRole, convertToCustomer, linkToParty, newProspect, partyFromCustomer, recordConsent } from '../../../engine/domain/marketing/parties.ts';
import { withConfig } from '../../fixtures/chain.ts';
import { accepted, catalog, contact, leadFor, opportunityFor, pia } from './fixture.ts';

describe('MK-1 parties', () => {
  it('MK-1 a prospect is a party with the prospect role, its addresses and contacts, and nothing linked yet', () => {
    expect(pia()).toEqual({
      partyId: 'PTY-1', name: 'Pia Prospect', type: 'person', roles: ['prospect'],
      addresses: [expect.objectContaining({ id: 'HOME', city: 'Tacoma' })],
      contacts: [expect.objectContaining({ contactId: 'E1' }), expect.objectContaining({ contactId: 'T1' }), expect.objectContaining({ contactId: 'M1' })],
      customerAccount: null, leadIds: [], opportunityIds: [], activityIds: [], campaignIds: [], quotationIds: [],
    });
  });

  it('MK-1 a prospect is refused without a name, with a contact reached nowhere, by mail at an address it lacks, or a contact twice', () => {
    expect(newProspect('PTY-2', { name: '  ', type: 'person' })).toMatchObject({ rule: 'VALIDATION', field: 'name' });
    expect(newProspect('PTY-2', { name: 'Bo', type: 'person', contacts: [contact('E1', 'email', ' ', true)] })).toMatchObject({ field: 'contacts.0.reachedAt' });
    expect(newProspect('PTY-2', { name: 'Bo', type: 'person', contacts: [contact('M1', 'mail', 'NOWHERE', true, 'Bo')] })).toEqual({
      rule: 'MK-1', field: 'contacts.0.reachedAt', message: 'contact Bo is reached by mail at address "NOWHERE", which the party does not have',
    });
    const twice = [contact('E1', 'email', 'a@example.com', true), contact('E1', 'email', 'b@example.com', true)];
    expect(newProspect('PTY-2', { name: 'Bo', type: 'person', contacts: twice })).toMatchObject({ rule: 'VALIDATION', field: 'contacts.1.contactId' });
  });

  it('MK-1 each step adds a role and keeps the same party id; a role or link it has already changes nothing', () => {
    const prospect = pia();
    const { party: withLead } = leadFor(prospect);
    const { party: withOpportunity } = opportunityFor(withLead);
    expect(withOpportunity.partyId).toBe('PTY-1');
    expect(withOpportunity.roles).toEqual(['prospect', 'leadContact', 'opportunityContact']);
    expect(withOpportunity).toMatchObject({ leadIds: ['LD-1'], opportunityIds: ['OP-1'] });
    expect(prospect.roles).toEqual(['prospect']);
    expect(addRole(withOpportunity, 'leadContact')).toBe(withOpportunity);
    expect(linkToParty(withOpportunity, 'leadIds', 'LD-1')).toBe(withOpportunity);
  });

  it('MK-1 activities, campaign responses and quotations are linked without adding a role', () => {
    let party = pia();
    party = linkToParty(party, 'activityIds', 'ACT-1');
    party = linkToParty(party, 'campaignIds', 'CMP-1');
    party = linkToParty(party, 'quotationIds', 'QT-1');
    expect(party).toMatchObject({ roles: ['prospect'], activityIds: ['ACT-1'], campaignIds: ['CMP-1'], quotationIds: ['QT-1'] });
  });

  it('MK-1 a store customer becomes a party with the customer role; CU-1 consent only comes with secondary emails and phones', () => {
    const anna = catalog.customers.get('C-ANNA')!;
    const party = partyFromCustomer('PTY-9', { ...anna, phone: '+1 206 555 0199', secondaryEmails: [{ address: 'anna.news@example.com', marketingConsent: true }] });
    expect(party).toMatchObject({ partyId: 'PTY-9', name: 'Anna Berg', type: 'person', roles: ['customer'], customerAccount: 'C-ANNA', addresses: anna.addresses });
    expect(party.contacts).toEqual([
      { contactId: 'email-1', name: 'Anna Berg', channel: 'email', reachedAt: 'anna@example.com', marketingConsent: false },
      { contactId: 'email-2', name: 'Anna Berg', channel: 'email', reachedAt: 'anna.news@example.com', marketingConsent: true },
      { contactId: 'phone-1', name: 'Anna Berg', channel: 'phone', reachedAt: '+1 206 555 0199', marketingConsent: false },
      { contactId: 'mail-1', name: 'Anna Berg', channel: 'mail', reachedAt: 'A-ANNA-HOME', marketingConsent: false },
    ]);
  });

  it('CU-1 consent is recorded per contact; an unknown contact is refused and nothing changes', () => {
    const party = pia();
    const consented = accepted(recordConsent(party, 'T1', true));
    expect(consented.contacts.find((c) => c.contactId === 'T1')!.marketingConsent).toBe(true);
    expect(party.contacts.find((c) => c.contactId === 'T1')!.marketingConsent).toBe(false);
    expect(recordConsent(party, 'X9', true)).toEqual({ rule: 'NOT_FOUND', field: 'contactId', message: 'Pia Prospect has no contact "X9"' });
  });
});

describe('MK-2 converting a prospect', () => {
  const defaults = { catalog, storeId: 'S1', accountId: 'C-NEW' };

  it('MK-2 converting creates the customer account with the CU-2 defaults of the store\'s default customer and keeps the party id', () => {
    const prospect = pia();
    const { party, customer } = accepted(convertToCustomer(prospect, defaults));
    expect(party).toMatchObject({ partyId: 'PTY-1', roles: ['prospect', 'customer'], customerAccount: 'C-NEW', contacts: prospect.contacts, addresses: prospect.addresses });
    // CU-2 from C-WALKIN at S1: receipt option, language, affiliations, group dimensions; the email is the receipt email.
    expect(customer).toMatchObject({
      accountId: 'C-NEW', name: 'Pia Prospect', type: 'person', email: 'pia@example.com', phone: '+1 253 555 0101', customerGroup: 'retail',
      receiptOption: 'email', receiptEmail: 'pia@example.com', language: 'en-us', affiliations: ['AFF-LOCALS'],
      financialDimensions: { BusinessUnit: 'RETAIL', CostCenter: 'STORES' },
      addresses: [expect.objectContaining({ street: '9 Pine Rd', city: 'Tacoma', purpose: 'Home' })],
    });
    expect(prospect.roles).toEqual(['prospect']);
  });

  it('MK-2 with secondary contacts on, further emails and phones follow with their consent', () => {
    const secondaryOn = withConfig((config) => { config.parameters = { ...config.parameters, secondaryContacts: true }; });
    const prospect = accepted(newProspect('PTY-3', {
      name: 'Sam Two', type: 'person',
      contacts: [contact('E1', 'email', 'sam@example.com', false, 'Sam Two'), contact('E2', 'email', 'sam.deals@example.com', true, 'Sam Two')],
    }));
    expect(accepted(convertToCustomer(prospect, { ...defaults, catalog: secondaryOn })).customer.secondaryEmails).toEqual([{ address: 'sam.deals@example.com', marketingConsent: true }]);
    expect(accepted(convertToCustomer(prospect, defaults)).customer.secondaryEmails).toEqual([]);
  });

  it('MK-2 a party that is already a customer is not converted again; an unknown store is refused', () => {
    const converted = accepted(convertToCustomer(pia(), defaults)).party;
    expect(convertToCustomer(converted, { ...defaults, accountId: 'C-NEW2' })).toEqual({ rule: 'MK-2', field: 'partyId', message: 'Pia Prospect is already customer C-NEW' });
    expect(convertToCustomer(pia(), { ...defaults, storeId: 'S9' })).toMatchObject({ rule: 'NOT_FOUND', field: 'storeId' });
  });
});
