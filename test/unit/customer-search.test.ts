/** Customer search across the chain (engine/domain/customer-search.ts): CU-8. */
import { describe, expect, it } from 'vitest';
import { checkSearchQuery, inAddressBook, matchCustomer, nameScore, phoneKey, rankCustomers, type SearchableCustomer } from '../../engine/domain/customer-search.ts';

const customer = (customerId: string, name: string, more: Partial<SearchableCustomer['record']> = {}): SearchableCustomer => ({
  customerId, account: customerId, record: { name, addresses: [], ...more },
});
const ana = customer('C-100', 'Ana Lopez', { email: 'ana@example.com', phone: '+1 (206) 555-0100', loyaltyCardId: 'LC-7', addresses: [{ id: 'A1', street: '12 Pine Street', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA', purpose: 'Home' }] });
const anabel = customer('C-101', 'Anabel Ruiz');
const lopez = customer('C-102', 'Marco Lopez');
const all = [lopez, anabel, ana];

describe('CU-8 customer search', () => {
  it('CU-8 a name matches by any of its words, best match first', () => {
    expect(rankCustomers('lopez', all, 10).map((c) => c.customerId)).toEqual(['C-100', 'C-102']);
    expect(rankCustomers('ana lopez', all, 10).map((c) => c.customerId)).toEqual(['C-100', 'C-102', 'C-101']);
    expect(rankCustomers('ana', all, 10).map((c) => c.customerId)).toEqual(['C-100', 'C-101']);
    expect(nameScore('Ana Lopez', 'Ana Lopez')).toBeGreaterThan(nameScore('ana lopez', 'Ana Maria Lopez'));
    expect(nameScore('zed', 'Ana Lopez')).toBe(0);
  });

  it('CU-8 a phone matches with spaces, hyphens and brackets ignored', () => {
    expect(phoneKey('+1 (206) 555-0100')).toBe('+12065550100');
    expect(matchCustomer('206-555-0100', ana)).toMatchObject({ matchedOn: 'phone' });
    expect(matchCustomer('(206) 555 0100', ana)).toMatchObject({ matchedOn: 'phone' });
    expect(matchCustomer('206 555 0199', ana)).toBeNull();
  });

  it('CU-8 email, loyalty card, account and address match too', () => {
    expect(matchCustomer('ANA@example.com', ana)).toMatchObject({ matchedOn: 'email' });
    expect(matchCustomer('lc-7', ana)).toMatchObject({ matchedOn: 'loyaltyCard' });
    expect(matchCustomer('C-100', ana)).toMatchObject({ matchedOn: 'account' });
    expect(matchCustomer('pine street', ana)).toMatchObject({ matchedOn: 'address' });
    expect(matchCustomer('98101', ana)).toMatchObject({ matchedOn: 'address' });
    expect(matchCustomer('oak street', ana)).toBeNull();
  });

  it('CU-8 local takes 2 characters, all stores at least 4, and the refusal names the field', () => {
    expect(checkSearchQuery('an', 'local')).toBeNull();
    expect(checkSearchQuery('a', 'local')).toMatchObject({ rule: 'CU-8', field: 'q' });
    expect(checkSearchQuery('ana', 'all')).toMatchObject({ rule: 'CU-8', field: 'q', message: expect.stringContaining('4 characters') });
    expect(checkSearchQuery('ana ', 'all')).toMatchObject({ rule: 'CU-8' });
    expect(checkSearchQuery('anab', 'all')).toBeNull();
  });

  it('CU-8 a store\'s address book holds what it created or added and the chain-wide customers', () => {
    expect(inAddressBook({ createdAtStoreId: 'S1' }, 'S1')).toBe(true);
    expect(inAddressBook({ createdAtStoreId: 'S1' }, 'S2')).toBe(false);
    expect(inAddressBook({ createdAtStoreId: 'S1', addressBooks: ['S2'] }, 'S2')).toBe(true);
    expect(inAddressBook({ createdAtStoreId: null }, 'S3')).toBe(true);
  });

  it('CU-8 at most the limit, the best ones', () => {
    expect(rankCustomers('lopez', all, 1).map((c) => c.customerId)).toEqual(['C-100']);
  });
});
