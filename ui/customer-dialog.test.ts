import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Setup } from './api.ts';
import type { ChosenCustomer, CustomerDialog } from './customer-dialog.ts';
import './customer-dialog.ts';
import { alerts, allButtons, button, click, deep, deepAll, describe, expectTouchSize, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { customerView } from './testing/till-views.ts';

const matches = [
  { customerId: 'C-ANNA', account: 'C-ANNA', pendingSync: false, name: 'Anna Berg', email: 'anna@example.com', phone: null, type: 'person' },
  { customerId: '6f1c-guid', account: 'Pending sync', pendingSync: true, name: 'Annika New', email: null, phone: '555-0101', type: 'person' },
];

async function dialog(setup: Setup = demoSetup(), mode: 'find' | 'create' = 'find') {
  const api = new FakeStoreApi(setup);
  api.getAnswers.set('customers', { customers: matches });
  const el = await fixture<CustomerDialog>(html`<customer-dialog .api=${api} registerId="R1" .mode=${mode}></customer-dialog>`);
  await settle(el);
  return { el, api };
}

function input(el: Element, field: string): HTMLInputElement {
  return deep<HTMLInputElement>(el, `[data-field="${field}"]`);
}

describe('<customer-dialog> find', () => {
  it('CU-1 searches by name, account, email or phone and shows "Pending sync" accounts (CU-4)', async () => {
    const { el, api } = await dialog();
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'ann');
    await click(el, 'Search');
    expect(api.reads).to.deep.equal(['customers?q=ann']);
    const rows = deepAll(el, 'tr[data-customer]');
    expect(rows.map((r) => r.dataset.customer)).to.deep.equal(['C-ANNA', '6f1c-guid']);
    expect(rows[0]!.textContent).to.contain('Anna Berg').and.contain('C-ANNA').and.contain('anna@example.com');
    expect(deep(rows[1]!, '.pill').textContent!.trim()).to.equal('Pending sync');
  });

  it('asks for 2 characters before searching', async () => {
    const { el, api } = await dialog();
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'a');
    await click(el, 'Search');
    expect(api.reads).to.deep.equal([]);
    expect(alerts(el)[0]).to.contain('at least 2 characters');
  });

  it('CO-1 adds the chosen customer to the sale with register.setCustomer', async () => {
    const { el, api } = await dialog();
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'ann');
    await click(el, 'Search');
    const chosen = oneEvent(el, 'customer-chosen') as Promise<CustomEvent<ChosenCustomer>>;
    await click(el, 'Add to sale: Annika New');
    expect(api.commands).to.deep.equal([{ type: 'register.setCustomer', registerId: 'R1', customerId: '6f1c-guid' }]);
    expect((await chosen).detail).to.deep.equal({ customerId: '6f1c-guid', name: 'Annika New', account: 'Pending sync', pendingSync: true });
  });

  it('shows a refused setCustomer in place and stays open', async () => {
    const { el, api } = await dialog();
    api.answerNext({ rule: 'STATE', field: 'registerId', message: 'register R1 cannot set customer now: an order edit is in progress' });
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'ann');
    await click(el, 'Search');
    await click(el, 'Add to sale: Anna Berg');
    expect(alerts(el)).to.deep.equal(['Register R1 cannot set customer now: an order edit is in progress Ref. STATE, registerId']);
  });

  it('passes the accessibility audit with results', async () => {
    const { el } = await dialog();
    type(deep<HTMLInputElement>(el, 'input[name="q"]'), 'ann');
    await click(el, 'Search');
    await expect(el).to.be.accessible();
  });
});

describe('<customer-dialog> create', () => {
  it('CU-1 CU-3 sends the customer as customer.create takes it: addresses with purpose, typed attributes, secondary contacts', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), ' Acme Rentals ');
    type(input(el, 'type'), 'organization');
    type(input(el, 'email'), 'desk@acme.example');
    type(input(el, 'phone'), '+1 206 555 0100');
    await click(el, 'Add address');
    await click(el, 'Add address');
    type(input(el, 'addresses.0.street'), '1 Dock St');
    type(input(el, 'addresses.0.city'), 'Seattle');
    type(input(el, 'addresses.0.state'), 'WA');
    type(input(el, 'addresses.1.street'), 'PO Box 9');
    type(input(el, 'addresses.1.city'), 'Tacoma');
    type(input(el, 'addresses.1.purpose'), 'POBox');
    await settle(el);
    type(input(el, 'deliveryAddress'), '0');
    type(input(el, 'attributes.birthMonth'), '5');
    type(input(el, 'attributes.newsletter'), 'yes');
    type(input(el, 'attributes.favouriteActivity'), 'hiking');
    await click(el, 'Add email');
    await click(el, 'Add phone');
    type(input(el, 'secondaryEmails.0.address'), 'ops@acme.example');
    deep<HTMLInputElement>(el, '[aria-label="Secondary email 1"] input[type="checkbox"]').click();
    type(input(el, 'secondaryPhones.0.number'), '555-0199');
    await settle(el);
    api.answerNext({ registerId: 'R1', customerId: 'G-77', accountNumber: 'C-000009', account: 'C-000009', mode: 'sync' });
    const chosen = oneEvent(el, 'customer-chosen') as Promise<CustomEvent<ChosenCustomer>>;
    await click(el, 'Create and add to sale');
    expect(api.commands).to.deep.equal([{
      type: 'customer.create', registerId: 'R1',
      customer: {
        name: 'Acme Rentals', type: 'organization', email: 'desk@acme.example', phone: '+1 206 555 0100',
        addresses: [
          { street: '1 Dock St', city: 'Seattle', state: 'WA', purpose: 'Business' },
          { street: 'PO Box 9', city: 'Tacoma', purpose: 'POBox' },
        ],
        deliveryAddress: 0,
        attributes: { birthMonth: 5, newsletter: true, favouriteActivity: 'hiking' },
        secondaryEmails: [{ address: 'ops@acme.example', marketingConsent: true }],
        secondaryPhones: [{ number: '555-0199', marketingConsent: false }],
      },
    }]);
    expect((await chosen).detail).to.deep.equal({ customerId: 'G-77', name: 'Acme Rentals', account: 'C-000009', pendingSync: false });
  });

  it('CU-3 an address purpose defaults to Home for a person and Business for an organization', async () => {
    const { el } = await dialog(demoSetup(), 'create');
    await click(el, 'Add address');
    expect(deep<HTMLSelectElement>(el, '[data-field="addresses.0.purpose"]').value).to.equal('Home');
    type(input(el, 'type'), 'organization');
    await settle(el);
    expect(deep<HTMLSelectElement>(el, '[data-field="addresses.0.purpose"]').value).to.equal('Business');
  });

  it('CU-4 a customer created async is told as "Pending sync"', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), 'Nia New');
    api.answerNext({ registerId: 'R1', customerId: 'G-78', accountNumber: null, account: 'Pending sync', mode: 'async' });
    const chosen = oneEvent(el, 'customer-chosen') as Promise<CustomEvent<ChosenCustomer>>;
    await click(el, 'Create and add to sale');
    expect(api.commands[0]).to.deep.equal({ type: 'customer.create', registerId: 'R1', customer: { name: 'Nia New', type: 'person' } });
    expect((await chosen).detail.pendingSync).to.equal(true);
  });

  it('CU-1 secondary emails and phones are offered only when the set-up turns them on', async () => {
    const { el } = await dialog(demoSetup({ secondaryContacts: false }), 'create');
    expect(deepAll(el, '[data-section="secondary"]')).to.have.length(0);
    expect(() => button(el, 'Add email')).to.throw();
    const on = await dialog(demoSetup({ secondaryContacts: true }), 'create');
    expect(deepAll(on.el, '[data-section="secondary"]')).to.have.length(1);
  });

  it('shows a validation error at the field the server names (command.customer.email)', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), 'X');
    type(input(el, 'email'), 'not-an-email');
    api.answerNext({ rule: 'VALIDATION', field: 'command.customer.email', message: 'command.customer.email: expected an email address like name@example.com' });
    await click(el, 'Create and add to sale');
    const email = input(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const message = el.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!)!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Expected an email address like name@example.com Ref. VALIDATION, command.customer.email');
    expect(input(el, 'name').getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(email);
  });

  it('CU-1 shows a rule refusal at the attribute the server names', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), 'X');
    type(input(el, 'attributes.birthMonth'), 'May');
    await settle(el);
    api.answerNext({ rule: 'CU-1', field: 'customer.attributes.birthMonth', message: 'attribute "birthMonth" takes a number' });
    await click(el, 'Create and add to sale');
    expect((api.commands[0]!.customer as { attributes: unknown }).attributes, 'sent as typed').to.deep.equal({ birthMonth: 'May' });
    expect(input(el, 'attributes.birthMonth').getAttribute('aria-invalid')).to.equal('true');
    expect(alerts(el)).to.deep.equal(['Attribute "birthMonth" takes a number Ref. CU-1, customer.attributes.birthMonth']);
  });

  it('shows an address field error at that address (command.customer.addresses.1.city)', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), 'X');
    await click(el, 'Add address');
    await click(el, 'Add address');
    api.answerNext({ rule: 'VALIDATION', field: 'command.customer.addresses.1.city', message: 'command.customer.addresses.1.city: Too small: expected string to have >=1 characters' });
    await click(el, 'Create and add to sale');
    expect(input(el, 'addresses.1.city').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'addresses.0.city').getAttribute('aria-invalid')).to.equal('false');
    expect(alerts(deep(el, '[aria-label="Address 2"]'))).to.have.length(1);
  });

  it('CU-5 a secondary contacts refusal is shown in that section; CU-4 a refusal without a form field at the top', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    type(input(el, 'name'), 'X');
    await click(el, 'Add email');
    type(input(el, 'secondaryEmails.0.address'), 'x@example.com');
    api.answerNext({ rule: 'CU-5', field: 'customer.secondaryEmails', message: 'a customer pending sync gets secondary emails and phones once it exists at headquarters' });
    await click(el, 'Create and add to sale');
    expect(alerts(deep(el, '[data-section="secondary"]'))).to.deep.equal(['A customer pending sync gets secondary emails and phones once it exists at headquarters Ref. CU-5, customer.secondaryEmails']);

    api.answerNext({ rule: 'CU-4', field: 'registerId', message: 'headquarters\' real-time service is unreachable from store S1: customers are created there in real time' });
    await click(el, 'Create and add to sale');
    const top = alerts(el);
    expect(top).to.have.length(1);
    expect(top[0]).to.contain('Headquarters\' real-time service is unreachable').and.contain('Ref. CU-4, registerId');
  });

  it('passes the accessibility audit with addresses, contacts and an error; buttons are at least 44x44', async () => {
    const { el, api } = await dialog(demoSetup(), 'create');
    await click(el, 'Add address');
    await click(el, 'Add email');
    api.answerNext({ rule: 'VALIDATION', field: 'command.customer.name', message: 'command.customer.name: Too small: expected string to have >=1 characters' });
    await click(el, 'Create and add to sale');
    await expect(el).to.be.accessible();
    expectTouchSize(allButtons(el));
  });
});

describe('<customer-dialog> edit', () => {
  async function editing(view = customerView({ name: 'Anna Berg' })) {
    const api = new FakeStoreApi(demoSetup());
    const el = await fixture<CustomerDialog>(html`<customer-dialog .api=${api} registerId="R1" mode="edit" .customer=${view}></customer-dialog>`);
    await settle(el);
    return { el, api };
  }

  it('CU-1 the form is filled with the sale\'s customer and sends the edit as customer.edit takes it', async () => {
    const { el, api } = await editing();
    expect(input(el, 'name').value).to.equal('Anna Berg');
    expect(input(el, 'addresses.0.street').value).to.equal('12 Pike St');
    type(input(el, 'name'), 'Anna Lind');
    type(input(el, 'phone'), '206 555 0123');
    const changed = oneEvent(el, 'customer-changed');
    await click(el, 'Save customer');
    expect(api.commands).to.deep.equal([{
      type: 'customer.edit', registerId: 'R1', customerId: 'C-ANNA',
      changes: {
        name: 'Anna Lind', email: null, phone: '206 555 0123',
        addresses: [{ id: 'A-ANNA-HOME', street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', purpose: 'Home' }],
        deliveryAddressId: null, attributes: {}, secondaryEmails: [], secondaryPhones: [],
      },
    }]);
    await changed;
    expect(deep(el, '[role="status"]').textContent).to.contain('Anna Lind saved');
  });

  it('CU-1 an edit refused at a field is shown at that field (changes.addresses.0.city)', async () => {
    const { el, api } = await editing();
    api.answerNext({ rule: 'VALIDATION', field: 'changes.addresses.0.city', message: 'changes.addresses.0.city: Too small' });
    type(input(el, 'addresses.0.city'), '');
    await click(el, 'Save customer');
    expect(input(el, 'addresses.0.city').getAttribute('aria-invalid')).to.equal('true');
    expect(alerts(el)).to.deep.equal(['Too small Ref. VALIDATION, changes.addresses.0.city']);
  });

  it('CU-9 each address takes its own contact name and phone', async () => {
    const { el, api } = await editing();
    type(input(el, 'addresses.0.contactName'), 'Front desk');
    type(input(el, 'addresses.0.contactPhone'), '(206) 555-0199');
    await click(el, 'Save customer');
    const changes = api.commands[0]!.changes as { addresses: unknown[] };
    expect(changes.addresses[0]).to.deep.include({ contactName: 'Front desk', contactPhone: '(206) 555-0199' });
  });

  it('CU-5 issues a loyalty card with customer.issueLoyaltyCard and says which', async () => {
    const { el, api } = await editing();
    api.answerNext({ customerId: 'C-ANNA', accountNumber: 'C-ANNA', record: { loyaltyCardId: 'LC-000007' } });
    await click(el, 'Issue loyalty card');
    expect(api.commands).to.deep.equal([{ type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: 'C-ANNA' }]);
    expect(deep(el, '[role="status"]').textContent).to.contain('Loyalty card LC-000007 issued');
  });

  it('CU-5 a customer pending sync can be neither edited nor given a card until it reaches headquarters', async () => {
    const { el } = await editing(customerView({ customerId: 'g-new', name: 'Annika New', pendingSync: true }));
    expect(deepAll(el, 'form[aria-label="Edit customer"]')).to.have.length(0);
    expect(allButtons(el).map((b) => b.textContent!.trim())).to.not.include('Issue loyalty card');
    expect(deep(el, '[role="note"]').textContent).to.contain('once it has an account');
  });

  it('CU-1 passes the accessibility audit while editing', async () => {
    const { el } = await editing();
    await expect(el).to.be.accessible();
  });
});
