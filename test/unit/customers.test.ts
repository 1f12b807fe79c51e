/** Customer management at the register (engine/domain/customers.ts): CU-1, CU-2, CU-3, CU-5. */
import { describe, expect, it } from 'vitest';
import { accountLabel, checkAttributes, customerChangesSchema, customerDraftSchema, editCustomer, newCustomer, type CustomerDraft } from '../../engine/domain/customers.ts';
import type { Customer } from '../../engine/domain/config.ts';
import { demoCatalog, withConfig } from '../fixtures/chain.ts';

const catalog = demoCatalog();
const draft = (input: Record<string, unknown>): CustomerDraft => customerDraftSchema.parse(input);
const created = (input: Record<string, unknown>, mode: 'sync' | 'async' = 'sync', storeId = 'S1', at = catalog): Customer => {
  const record = newCustomer(at, storeId, 'G-1', draft(input), mode);
  if ('rule' in record) throw new Error(`refused: ${record.rule} ${record.message}`);
  return record;
};

describe('CU-1 the customer dialog', () => {
  it('CU-1 a draft names its bad field: name, email, phone, address, attribute', () => {
    const issue = (input: unknown) => { const r = customerDraftSchema.safeParse(input); return r.success ? null : r.error.issues[0]!.path.join('.'); };
    expect(issue({})).toBe('name');
    expect(issue({ name: '   ' })).toBe('name');
    expect(issue({ name: 'Bo', email: 'not-an-email' })).toBe('email');
    expect(issue({ name: 'Bo', phone: 'call me' })).toBe('phone');
    expect(issue({ name: 'Bo', addresses: [{ street: '', city: 'Seattle' }] })).toBe('addresses.0.street');
    expect(issue({ name: 'Bo', addresses: [{ street: '1 Main', city: 'Seattle', country: 'US' }] })).toBe('addresses.0.country');
    expect(issue({ name: 'Bo', type: 'robot' })).toBe('type');
    expect(issue({ name: 'Bo', accountId: 'C-X' })).toBe('');
    expect(issue({ name: 'Bo', email: 'bo@example.com', phone: '+1 (206) 555-0100' })).toBeNull();
  });

  it('CU-1 name, type, email, phone, addresses and attributes are kept', () => {
    const record = created({
      name: 'Bo Newman', type: 'person', email: 'bo@example.com', phone: '+1 206 555 0100',
      addresses: [{ street: '1 Main St', city: 'Seattle', state: 'WA', zip: '98101' }], attributes: { birthMonth: 7, newsletter: true, favouriteActivity: 'hiking' },
    });
    expect(record).toMatchObject({
      accountId: 'G-1', name: 'Bo Newman', type: 'person', email: 'bo@example.com', phone: '+1 206 555 0100',
      attributes: { birthMonth: 7, newsletter: true, favouriteActivity: 'hiking' },
    });
  });

  it('CU-1 attributes must be defined by the chain and of their kind; required ones must be given', () => {
    expect(checkAttributes(catalog, { shoeSize: 42 })).toMatchObject({ rule: 'CU-1', field: 'attributes.shoeSize' });
    expect(checkAttributes(catalog, { birthMonth: 'July' })).toMatchObject({ rule: 'CU-1', field: 'attributes.birthMonth' });
    expect(checkAttributes(catalog, { newsletter: 'yes' })).toMatchObject({ rule: 'CU-1', field: 'attributes.newsletter' });
    expect(checkAttributes(catalog, { favouriteActivity: 'sailing' })).toMatchObject({ rule: 'CU-1', message: expect.stringContaining('hiking, camping, climbing') });
    expect(checkAttributes(catalog, { notes: 'prefers email', birthMonth: 3 })).toBeNull();
    const strict = withConfig((c) => { c.customerAttributes = [{ name: 'birthMonth', kind: 'number', required: true }]; });
    expect(checkAttributes(strict, {})).toMatchObject({ rule: 'CU-1', field: 'attributes.birthMonth', message: expect.stringContaining('required') });
  });

  it('CU-1 secondary emails and phones with marketing consent need the feature', () => {
    const input = { name: 'Bo', secondaryEmails: [{ address: 'bo@work.example.com', marketingConsent: true }] };
    expect(newCustomer(catalog, 'S1', 'G-1', draft(input), 'sync')).toMatchObject({ rule: 'CU-1', field: 'secondaryEmails' });
    const featured = withConfig((c) => { c.parameters.secondaryContacts = true; });
    expect(created(input, 'sync', 'S1', featured).secondaryEmails).toEqual([{ address: 'bo@work.example.com', marketingConsent: true }]);
    expect(created({ name: 'Bo', secondaryPhones: [{ number: '555 0101' }] }, 'sync', 'S1', featured).secondaryPhones).toEqual([{ number: '555 0101', marketingConsent: false }]);
  });

  it('CU-1 an edit replaces what it names, can clear optional fields, and checks affiliations and the delivery address', () => {
    const record = created({ name: 'Bo', email: 'bo@example.com', phone: '555 0100', addresses: [{ street: '1 Main', city: 'Seattle' }], deliveryAddress: 0 });
    const edited = editCustomer(catalog, 'S1', record, customerChangesSchema.parse({ name: 'Bo Newman', email: null, affiliations: ['AFF-STAFF'] }));
    expect(edited).toMatchObject({ name: 'Bo Newman', phone: '555 0100', affiliations: ['AFF-STAFF'], deliveryAddressId: 'A1' });
    expect('email' in (edited as Customer)).toBe(false);
    expect(editCustomer(catalog, 'S1', record, customerChangesSchema.parse({ affiliations: ['AFF-NOPE'] }))).toMatchObject({ rule: 'NOT_FOUND', field: 'affiliations.0' });
    expect(editCustomer(catalog, 'S1', record, customerChangesSchema.parse({ deliveryAddressId: 'A9' }))).toMatchObject({ rule: 'CU-3', field: 'deliveryAddressId' });
    expect(customerChangesSchema.safeParse({}).success).toBe(false);
  });
});

describe('CU-2 inheritance from the store\'s default customer', () => {
  it('CU-2 group, receipt option, currency, language and affiliations come from the default customer', () => {
    const record = created({ name: 'Bo' });
    expect(record).toMatchObject({ type: 'person', customerGroup: 'retail', receiptOption: 'email', currency: 'USD', language: 'en-us', affiliations: ['AFF-LOCALS'] });
  });

  it('CU-2 the type comes from the default customer unless the cashier chooses one', () => {
    expect(created({ name: 'Acme Two', type: 'organization' }).type).toBe('organization');
    const orgDefault = withConfig((c) => { c.customers[0] = { ...c.customers[0]!, type: 'organization' }; });
    expect(created({ name: 'Acme Two' }, 'sync', 'S1', orgDefault).type).toBe('organization');
  });

  it('CU-2 the receipt email is the default customer\'s only if the new customer gives none', () => {
    expect(created({ name: 'Bo' }).receiptEmail).toBe('receipts@example.com');
    expect(created({ name: 'Bo', email: 'bo@example.com' }).receiptEmail).toBe('bo@example.com');
    expect(created({ name: 'Bo', email: 'bo@example.com', receiptEmail: 'bo.receipts@example.com' }).receiptEmail).toBe('bo.receipts@example.com');
  });

  it('CU-2 financial dimensions are those of the default customer\'s group', () => {
    expect(created({ name: 'Bo' }).financialDimensions).toEqual({ BusinessUnit: 'RETAIL', CostCenter: 'STORES' });
    const wholesaleDefault = withConfig((c) => { c.customers[0] = { ...c.customers[0]!, customerGroup: 'wholesale' }; });
    expect(created({ name: 'Bo' }, 'sync', 'S1', wholesaleDefault)).toMatchObject({ customerGroup: 'wholesale', financialDimensions: { BusinessUnit: 'B2B', CostCenter: 'SALES' } });
  });
});

describe('CU-3 addresses', () => {
  it('CU-3 the purpose defaults to Home for a person and Business for an organization', () => {
    const address = { street: '1 Main', city: 'Seattle' };
    expect(created({ name: 'Bo', addresses: [address] }).addresses[0]!.purpose).toBe('Home');
    expect(created({ name: 'Acme Two', type: 'organization', addresses: [address] }).addresses[0]!.purpose).toBe('Business');
    expect(created({ name: 'Bo', addresses: [{ ...address, purpose: 'POBox' }, { ...address, purpose: 'Office' }] }).addresses.map((a) => a.purpose)).toEqual(['POBox', 'Office']);
  });

  it('CU-3 the country defaults to the store\'s own address; several addresses get their own ids', () => {
    const elsewhere = withConfig((c) => { c.locations[1] = { ...c.locations[1]!, address: { ...c.locations[1]!.address, country: 'CAN' } }; });
    const record = created({ name: 'Bo', addresses: [{ street: '1 Main', city: 'Portland' }, { street: '2 Side', city: 'Vancouver', country: 'USA' }] }, 'sync', 'S2', elsewhere);
    expect(record.addresses.map((a) => [a.id, a.country])).toEqual([['A1', 'CAN'], ['A2', 'USA']]);
  });

  it('CU-3 the delivery address must be one of the addresses', () => {
    expect(newCustomer(catalog, 'S1', 'G-1', draft({ name: 'Bo', deliveryAddress: 0 }), 'sync')).toMatchObject({ rule: 'CU-3', field: 'deliveryAddress' });
    expect(created({ name: 'Bo', addresses: [{ street: '1 Main', city: 'Seattle' }], deliveryAddress: 0 }).deliveryAddressId).toBe('A1');
  });

  it('CU-3 an edit keeps the ids of the addresses it keeps and gives new ones fresh ids (never one it removes); an address is given once', () => {
    const record = created({ name: 'Bo', addresses: [{ street: '1 Main', city: 'Seattle' }, { street: '2 Side', city: 'Seattle' }] });
    const edited = editCustomer(catalog, 'S1', record, customerChangesSchema.parse({ addresses: [{ id: 'A2', street: '2 Side', city: 'Seattle' }, { street: '3 New', city: 'Tacoma' }] }));
    expect((edited as Customer).addresses.map((a) => a.id)).toEqual(['A2', 'A3']);
    expect(editCustomer(catalog, 'S1', record, customerChangesSchema.parse({ addresses: [{ id: 'A7', street: 'x', city: 'y' }] }))).toMatchObject({ rule: 'CU-3', field: 'addresses.0.id' });
    const twice = customerChangesSchema.parse({ addresses: [{ id: 'A2', street: '2 Side', city: 'Seattle' }, { id: 'A2', street: '9 Other', city: 'Seattle' }] });
    expect(editCustomer(catalog, 'S1', record, twice)).toMatchObject({ rule: 'CU-3', field: 'addresses.1.id' });
  });
});

describe('CU-4 / CU-5 customers created async', () => {
  it('CU-4 a customer without an account shows as "Pending sync"', () => {
    expect(accountLabel(null)).toBe('Pending sync');
    expect(accountLabel('C-000007')).toBe('C-000007');
  });

  it('CU-5 an async customer inherits no affiliations', () => {
    expect(created({ name: 'Bo' }, 'async').affiliations).toEqual([]);
    expect(created({ name: 'Bo' }, 'sync').affiliations).toEqual(['AFF-LOCALS']);
  });

  it('CU-5 an async customer takes no secondary emails or phones until it is synced', () => {
    const featured = withConfig((c) => { c.parameters.secondaryContacts = true; });
    const input = draft({ name: 'Bo', secondaryPhones: [{ number: '555 0101', marketingConsent: true }] });
    expect(newCustomer(featured, 'S1', 'G-1', input, 'async')).toMatchObject({ rule: 'CU-5', field: 'secondaryPhones' });
    expect(newCustomer(featured, 'S1', 'G-1', input, 'sync')).not.toHaveProperty('rule');
  });
});
