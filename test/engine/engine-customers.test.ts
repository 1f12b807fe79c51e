/** Customer management at the register through the chain host: CU-1..CU-7. */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { accountOf, salesOrderOf } from '../../engine/domain/headquarters.ts';
import type { z } from 'zod';
import type { customerDraftSchema } from '../../engine/domain/customers.ts';
import { ok, refused, runAllJobs, startSale, started, tenderDue, type Mutator } from './engine-helpers.ts';

type CustomerDraftInput = z.input<typeof customerDraftSchema>;

const asyncCustomers: Mutator = (c) => { c.stores[0]!.functionality = { createCustomerAsync: true }; };
const secondaryContacts: Mutator = (c) => { c.parameters.secondaryContacts = true; };

const create = (e: Chain, customer: CustomerDraftInput, extra: { addToTransaction?: boolean } = {}) =>
  ok(e, { type: 'customer.create', registerId: 'R1', customer, ...extra });

describe('CU-1 creating and editing customers at the register', () => {
  it('CU-1 a customer created at the register exists at headquarters with an account, and is added to the sale', () => {
    const e = started();
    const result = create(e, { name: 'Bo Newman', email: 'bo@example.com', phone: '206 555 0100', addresses: [{ street: '1 Main St', city: 'Seattle', state: 'WA', zip: '98101' }], attributes: { newsletter: true } });
    expect(result).toMatchObject({ accountNumber: 'C-000001', account: 'C-000001', mode: 'sync' });
    const id = result.customerId as string;
    expect(e.registerView('R1').transaction?.cart.customerId).toBe(id);
    expect(e.customerView('C-000001')).toMatchObject({ customerId: id, state: 'synced', record: { name: 'Bo Newman', addresses: [{ id: 'A1', purpose: 'Home', country: 'USA' }] } });
    expect(accountOf(e.backOffice(), id)).toMatchObject({ accountNumber: 'C-000001', createdVia: 'realtime', record: { email: 'bo@example.com' } });
    // The till finds the customer by account number too.
    ok(e, { type: 'register.void', registerId: 'R1' });
    ok(e, { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-000001' });
    expect(e.registerView('R1').transaction?.cart.customerId).toBe(id);
  });

  it('CU-1 a customer can be created without adding it to the transaction', () => {
    const e = started();
    create(e, { name: 'Bo' }, { addToTransaction: false });
    expect(e.registerView('R1').transaction).toBeNull();
  });

  it('CU-1 bad input names the field and creates nothing, at the channel or at headquarters', () => {
    const e = started();
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Bo', email: 'bo@' } })).toMatchObject({ rule: 'VALIDATION', field: 'customer.email' });
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Bo', attributes: { shoeSize: 44 } } })).toMatchObject({ rule: 'CU-1', field: 'customer.attributes.shoeSize' });
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Bo', secondaryEmails: [{ address: 'b@x.io' }] } })).toMatchObject({ rule: 'CU-1', field: 'customer.secondaryEmails' });
    expect(refused(e, { type: 'customer.create', registerId: 'R3', customer: { name: 'Bo' } })).toMatchObject({ rule: 'STATE', field: 'registerId' }); // no open shift
    expect(refused(e, { type: 'customer.create', registerId: 'R9', customer: { name: 'Bo' } })).toMatchObject({ rule: 'NOT_FOUND', field: 'registerId' });
  });

  it('CU-1 an edit is made at headquarters and at the channel: contact data, addresses, attributes, secondary contacts', () => {
    const e = started(secondaryContacts);
    const id = create(e, { name: 'Bo' }).customerId as string;
    const edited = ok(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: {
      email: 'bo@example.com', addresses: [{ street: '9 Elm', city: 'Tacoma', purpose: 'Office' }], deliveryAddressId: 'A1',
      attributes: { favouriteActivity: 'climbing' }, secondaryPhones: [{ number: '555 0199', marketingConsent: true }], affiliations: ['AFF-STAFF'],
    } });
    expect(edited.record).toMatchObject({ email: 'bo@example.com', deliveryAddressId: 'A1', affiliations: ['AFF-STAFF'], secondaryPhones: [{ number: '555 0199', marketingConsent: true }] });
    expect(e.customerView(id).record).toEqual(edited.record);
    expect(accountOf(e.backOffice(), id)!.record).toEqual(edited.record);
    expect(refused(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: { deliveryAddressId: 'A5' } })).toMatchObject({ rule: 'CU-3', field: 'changes.deliveryAddressId' });
    expect(refused(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: {} })).toMatchObject({ rule: 'VALIDATION', field: 'changes' });
  });
});

describe('CU-2 / CU-3 defaults', () => {
  it('CU-2 the new customer copies the store\'s default customer; CU-3 the address purpose and country default', () => {
    const e = started();
    const id = create(e, { name: 'Acme Two', type: 'organization', addresses: [{ street: '1 Dock', city: 'Seattle' }] }).customerId as string;
    expect(e.customerView(id).record).toMatchObject({
      type: 'organization', customerGroup: 'retail', receiptOption: 'email', receiptEmail: 'receipts@example.com', currency: 'USD', language: 'en-us',
      affiliations: ['AFF-LOCALS'], financialDimensions: { BusinessUnit: 'RETAIL', CostCenter: 'STORES' }, addresses: [{ purpose: 'Business', country: 'USA' }],
    });
  });
});

describe('CU-4 async customers', () => {
  it('CU-4 in async customer mode a customer gets a temporary id, shown as "Pending sync", until the jobs run', () => {
    const e = started(asyncCustomers);
    const result = create(e, { name: 'Gail Guid' });
    const id = result.customerId as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result).toMatchObject({ accountNumber: null, account: 'Pending sync', mode: 'async' });
    expect(e.customerView(id)).toMatchObject({ state: 'pendingSync', pendingSync: true, account: 'Pending sync' });
    expect(e.syncView('S1').pending.map((i) => i.key)).toEqual([`customer:${id}`]);
    runAllJobs(e);
    expect(e.customerView(id)).toMatchObject({ state: 'synced', pendingSync: false, accountNumber: 'C-000001', account: 'C-000001' });
    expect(accountOf(e.backOffice(), id)).toMatchObject({ createdVia: 'async', storeId: 'S1' });
  });

  it('CU-4 edits are always synchronous: refused while the real-time service is unreachable, even in async mode', () => {
    const e = started(asyncCustomers);
    const id = create(e, { name: 'Gail Guid' }).customerId as string;
    runAllJobs(e);
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'degraded' });
    expect(refused(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: { name: 'Gail G.' } })).toMatchObject({ rule: 'CU-4', field: 'registerId' });
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'online' });
    expect(ok(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: { name: 'Gail G.' } }).record).toMatchObject({ name: 'Gail G.' });
  });

  it('CU-4 in sync mode a customer cannot be created while the real-time service is unreachable', () => {
    const e = started();
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'degraded' });
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Bo' } })).toMatchObject({ rule: 'CU-4', field: 'registerId' });
  });
});

describe('CU-5 what an async customer cannot do until it is synced', () => {
  it('CU-5 a customer pending sync is not editable and gets no loyalty card; once synced it is and does', () => {
    const e = started(asyncCustomers);
    const id = create(e, { name: 'Gail Guid' }).customerId as string;
    expect(refused(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: { name: 'Gail' } })).toMatchObject({ rule: 'CU-5', field: 'customerId' });
    expect(refused(e, { type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: id })).toMatchObject({ rule: 'CU-5', field: 'customerId' });
    runAllJobs(e);
    expect(ok(e, { type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: id }).record).toMatchObject({ loyaltyCardId: 'LC-000001' });
    expect(accountOf(e.backOffice(), id)!.record.loyaltyCardId).toBe('LC-000001');
    expect(refused(e, { type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: id })).toMatchObject({ rule: 'CU-5' });
  });

  it('CU-5 an async customer inherits no affiliations and takes no secondary contacts until synced', () => {
    const e = started(asyncCustomers, secondaryContacts);
    const id = create(e, { name: 'Gail Guid' }).customerId as string;
    expect(e.customerView(id).record.affiliations).toEqual([]);
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'X', secondaryEmails: [{ address: 'x@example.com' }] } })).toMatchObject({ rule: 'CU-5', field: 'customer.secondaryEmails' });
    runAllJobs(e);
    ok(e, { type: 'customer.edit', registerId: 'R1', customerId: id, changes: { secondaryEmails: [{ address: 'gail@work.example.com', marketingConsent: false }], affiliations: ['AFF-LOCALS'] } });
    expect(e.customerView(id).record).toMatchObject({ affiliations: ['AFF-LOCALS'], secondaryEmails: [{ address: 'gail@work.example.com' }] });
  });
});

describe('CU-6 customers created offline', () => {
  it('CU-6 an offline register creates customers async even when async mode is off', () => {
    const e = started();
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'offline' });
    expect(create(e, { name: 'Olive' })).toMatchObject({ account: 'Pending sync', mode: 'offline' });
  });

  it('CU-6 with "filter shared customer data tables" on, customers cannot be created offline', () => {
    const e = started((c) => { c.stores[0]!.filterSharedCustomerDataTables = true; });
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'offline' });
    expect(refused(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Olive' } })).toMatchObject({ rule: 'CU-6', field: 'registerId' });
    ok(e, { type: 'sync.setLink', storeId: 'S1', state: 'online' });
    expect(create(e, { name: 'Olive' })).toMatchObject({ mode: 'sync' });
  });
});

describe('CU-7 orders for async customers', () => {
  it('CU-7 an async order for an async customer: Synchronize orders creates the customer, then the order', () => {
    const e = started(asyncCustomers, (c) => { c.stores[0]!.functionality = { ...c.stores[0]!.functionality, createOrderAsync: true }; });
    const id = create(e, { name: 'Gail Guid', addresses: [{ street: '1 Main', city: 'Seattle', state: 'WA' }] }).customerId as string;
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    tenderDue(e, 'R1');
    ok(e, { type: 'headquarters.runJob', job: 'P-job' });
    ok(e, { type: 'headquarters.runJob', job: 'synchronizeOrders' }); // no Synchronize customers run before it
    expect(accountOf(e.backOffice(), id)?.accountNumber).toBe('C-000001');
    expect(salesOrderOf(e.backOffice(), 'S1-T-R1-000001')?.customerAccount).toBe('C-000001');
    ok(e, { type: 'headquarters.runJob', job: '1010' });
    expect(e.customerView(id).accountNumber).toBe('C-000001');
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(true);
  });

  it('CU-7 a real-time order for a customer still pending sync creates that customer at headquarters with it', () => {
    const e = started(asyncCustomers);
    const id = create(e, { name: 'Gail Guid' }).customerId as string;
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(tenderDue(e, 'R1')).toMatchObject({ mode: 'realtime', salesOrderId: 'SO-000001' });
    expect(e.customerView(id)).toMatchObject({ state: 'synced', accountNumber: 'C-000001' });
    // The customer's own queued transaction still arrives later and is taken once.
    runAllJobs(e);
    expect(Object.values(e.backOffice().customers).filter((c) => c.channelCustomerId === id)).toHaveLength(1);
    expect(e.syncView('S1').pending).toEqual([]);
  });

  it('CU-7 the customer created async is found by the till under its temporary id before sync and its account after', () => {
    const e = started(asyncCustomers);
    const id = create(e, { name: 'Gail Guid' }, { addToTransaction: false }).customerId as string;
    startSale(e, 'R1', id, [{ productId: 'P-SOCKS' }]);
    expect(tenderDue(e, 'R1')).toMatchObject({ completed: true });
    runAllJobs(e);
    startSale(e, 'R1', 'C-000001', [{ productId: 'P-SOCKS' }]);
    expect(e.registerView('R1').transaction?.cart.customerId).toBe(id);
  });
});
