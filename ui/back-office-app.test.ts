import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeApp } from './back-office-app.ts';
import './back-office-app.ts';
import { backOfficeJobs } from './back-office-client.ts';
import { $, $$, allButtons, click, describe, expectTouchSize, it, settle, text } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';
import { FakeStoreApi, makeSetup } from './testing/fake-store-api.ts';
import type { StorefrontApp } from './storefront-app.ts';
import './storefront-app.ts';

/** The page at /back-office with a kept session resumed as `api` (the address put back after). */
async function backOfficePage(api: FakeStoreApi) {
  const before = location.pathname + location.search;
  history.replaceState(null, '', '/back-office?store=S1');
  sessionStorage.setItem('storefront.session', 'kept-token');
  try {
    const el = await fixture<StorefrontApp>(html`<storefront-app .resumeWith=${async () => api}></storefront-app>`);
    await settle(el);
    return el;
  } finally {
    history.replaceState(null, '', before);
    sessionStorage.clear();
  }
}

async function mount(office: FakeBackOffice) {
  const el = await fixture<BackOfficeApp>(html`<back-office-app .office=${office}></back-office-app>`);
  await settle(el);
  return el;
}

const tabs = (el: BackOfficeApp) => $$(el, 'nav button').map(text);

describe('<back-office-app>', () => {
  it('sales staff get the sales tabs, marketing staff the pipeline and campaigns, both jobs all of them', async () => {
    expect(tabs(await mount(new FakeBackOffice(['sales'])))).to.deep.equal(['Sales orders', 'Quotations', 'Agreements', 'Backorders', 'Invoices']);
    expect(tabs(await mount(new FakeBackOffice(['marketing'])))).to.deep.equal(['Pipeline', 'Campaigns']);
    const both = await mount(new FakeBackOffice());
    expect(tabs(both)).to.have.length(7);
    expect($(both, 'nav button[aria-selected="true"]').textContent).to.equal('Sales orders');
    expectTouchSize(allButtons(both));
  });

  it('/back-office: a cashier is told in plain words the role has no back-office work; a sales clerk gets the page', async () => {
    const cashier = await backOfficePage(new FakeStoreApi(makeSetup({ operatorId: 'cashier2', name: 'Casey Cash', roleId: 'cashier', permissions: ['till', 'customers'] })));
    expect(text($(cashier, '[role="alert"]'))).to.equal("Casey Cash's role (Cashier) has no back-office work: sign in as headquarters sales or marketing staff.");
    expect($$(cashier, 'back-office-app')).to.have.length(0);
    const clerk = await backOfficePage(new FakeStoreApi(makeSetup({ operatorId: 'sales1', name: 'Sally Sales', roleId: 'salesClerk', permissions: ['sales'] })));
    expect($$(clerk, 'back-office-app')).to.have.length(1);
  });

  it('only the sales and marketing jobs have back-office work', () => {
    expect(backOfficeJobs(['till', 'customers'])).to.deep.equal([]);
    expect(backOfficeJobs(['sales', 'backOffice'])).to.deep.equal(['sales']);
    expect(backOfficeJobs(['marketing', 'sales'])).to.deep.equal(['sales', 'marketing']);
  });

  it('a change anyone makes in the office shows at once on the open tab (the office\'s live room)', async () => {
    const office = new FakeBackOffice(['sales']);
    const el = await mount(office);
    await click(el, 'Open order SO-000002');
    expect(text($(el, 'back-office-orders', 'section[data-detail] dd[data-status]'))).to.equal('Open order');
    // Another clerk cancels Birch's journal; the room says the office changed.
    office.orderDetails.get('SO-000002')!.header.status = 'Cancelled';
    office.changed();
    await settle(el);
    expect(text($(el, 'back-office-orders', 'tr[data-order="SO-000002"]'))).to.contain('Cancelled');
    expect(text($(el, 'back-office-orders', 'section[data-detail] dd[data-status]'))).to.equal('Cancelled');
  });

  it('the open tab reads again only when the room names its view (the invoices tab also follows the orders)', async () => {
    const office = new FakeBackOffice(['sales']);
    const el = await mount(office);
    const reads = office.orderReads.length;
    office.changed(['quotations', 'pipeline']);
    await settle(el);
    expect(office.orderReads.length).to.equal(reads);
    office.changed(['orders']);
    await settle(el);
    expect(office.orderReads.length).to.equal(reads + 1);
  });

  it('the tab follows the click, and the watch stops when the page goes', async () => {
    const office = new FakeBackOffice(['sales']);
    const el = await mount(office);
    await click(el, 'Backorders');
    expect($(el, 'nav button[aria-selected="true"]').textContent).to.equal('Backorders');
    expect(text($(el, 'back-office-backorders', 'h2'))).to.equal('Backorders as of 2027-03-02');
    await click(el, 'Sales orders');
    const reads = office.orderReads.length;
    office.changed();
    await settle(el);
    expect(office.orderReads.length).to.equal(reads + 1);
    el.remove();
    office.changed();
    await settle(el);
    expect(office.orderReads.length).to.equal(reads + 1);
  });
});
