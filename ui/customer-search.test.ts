import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ChosenCustomer } from './customer-dialog.ts';
import type { CustomerSearch } from './customer-search.ts';
import './customer-search.ts';
import { alerts, click, deep, deepAll, describe, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';

const quinn = { customerId: 'g-quinn', account: 'C-000042', pendingSync: false, name: 'Quinn Vale', email: null, phone: '(206) 555-0142', type: 'person', matchedOn: 'phone', inAddressBook: false, homeStore: 'Seattle' };
const anna = { customerId: 'C-ANNA', account: 'C-ANNA', pendingSync: false, name: 'Anna Berg', email: 'anna@example.com', phone: null, type: 'person', matchedOn: 'name', inAddressBook: true, homeStore: null };

async function search(customers: unknown[]) {
  const api = new FakeStoreApi(demoSetup());
  api.getAnswers.set('customers', { customers });
  const el = await fixture<CustomerSearch>(html`<customer-search .api=${api} registerId="R3"></customer-search>`);
  await settle(el);
  return { el, api };
}

describe('<customer-search>', () => {
  it('CU-8 searches this store\'s address book by default, and all stores from 4 characters', async () => {
    const { el, api } = await search([anna]);
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'ann');
    await click(el, 'Search');
    expect(api.reads).to.deep.equal(['customers?q=ann']);
    await click(el, 'All stores');
    await click(el, 'Search');
    expect(api.reads).to.deep.equal(['customers?q=ann']);
    expect(alerts(el)[0]).to.contain('at least 4 characters').and.contain('all stores');
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), '206 555-0142');
    await click(el, 'Search');
    expect(api.reads.at(-1)).to.equal('customers?q=206%20555-0142&scope=all');
  });

  it('CU-8 a customer of another store is opened here (customer.addToAddressBook), then added to the sale', async () => {
    const { el, api } = await search([quinn, anna]);
    await click(el, 'All stores');
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), '206-555-0142');
    await click(el, 'Search');
    const rows = deepAll(el, 'tr[data-customer]');
    expect(rows.map((r) => r.dataset.customer)).to.deep.equal(['g-quinn', 'C-ANNA']);
    expect(rows[0]!.textContent).to.contain('found by phone').and.contain('From Seattle').and.contain('Open here and add');
    const chosen = oneEvent(el, 'customer-chosen') as Promise<CustomEvent<ChosenCustomer>>;
    await click(el, 'Open here and add: Quinn Vale');
    expect(api.commands).to.deep.equal([
      { type: 'customer.addToAddressBook', registerId: 'R3', customerId: 'g-quinn' },
      { type: 'register.setCustomer', registerId: 'R3', customerId: 'g-quinn' },
    ]);
    expect((await chosen).detail).to.deep.equal({ customerId: 'g-quinn', name: 'Quinn Vale', account: 'C-000042', pendingSync: false });
  });

  it('CU-8 a refused opening is shown in place and the customer is not added', async () => {
    const { el, api } = await search([quinn]);
    api.answerNext({ rule: 'CU-8', field: 'customerId', message: 'customer g-quinn is already in the address book of store S2' });
    await click(el, 'All stores');
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'quinn');
    await click(el, 'Search');
    await click(el, 'Open here and add: Quinn Vale');
    expect(api.commands).to.have.length(1);
    expect(alerts(el)[0]).to.contain('already in the address book');
  });

  it('CU-8 passes the accessibility audit with results', async () => {
    const { el } = await search([quinn, anna]);
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'quinn');
    await click(el, 'Search');
    await expect(el).to.be.accessible();
  });
});
