import { expect, fixture, html } from '@open-wc/testing';
import type { StoreApi } from './api.ts';
import { screenFor, SESSION_ENDED, type StorefrontApp } from './storefront-app.ts';
import './storefront-app.ts';
import { $, afterEach, deepText, describe, has, it, settle, text } from './testing/dom.ts';
import { FakeStoreApi, makeSetup } from './testing/fake-store-api.ts';

const TOKEN_KEY = 'storefront.session';

/** The page with a session kept in the tab, resumed as `api` (the page's address is the test runner's: a till's). */
async function page(api: StoreApi | null) {
  sessionStorage.setItem(TOKEN_KEY, 'kept-token');
  const el = await fixture<StorefrontApp>(html`<storefront-app .resumeWith=${async () => api}></storefront-app>`);
  await settle(el);
  return el;
}

describe('<storefront-app>', () => {
  afterEach(() => sessionStorage.clear());

  it('ST-5 an analyst signed in at a till\'s address lands on the analyst view, not a till (issue 9 #1)', async () => {
    const api = new FakeStoreApi(makeSetup({ operatorId: 'analyst1', name: 'Ana Lyst', roleId: 'analyst', permissions: ['backOffice'], storeId: 'S1', locationId: 'S1', registerId: 'R2' }));
    const el = await page(api);
    expect(has(el, 'analyst-view')).to.equal(true);
    expect(has(el, 'till-screen')).to.equal(false);
    expect(api.rooms()).to.deep.equal(['headquarters']);
  });

  it('ST-5 a cashier at a till\'s address gets the till', async () => {
    const el = await page(new FakeStoreApi(makeSetup({ operatorId: 'cashier2', roleId: 'cashier', permissions: ['till', 'customers'] })));
    expect(has(el, 'till-screen')).to.equal(true);
  });

  it('ST-5 each role lands on a screen of its job', () => {
    expect(screenFor('till', ['fulfillment', 'allowAcceptOrder'])).to.equal('fulfillment');
    expect(screenFor('pickup', ['fulfillment'])).to.equal('pickup');
    expect(screenFor('analyst', ['till', 'customers'])).to.equal('till');
    expect(screenFor('fulfillment', ['till', 'customers', 'fulfillment'])).to.equal('fulfillment');
    expect(screenFor('till', ['depositOverride'])).to.equal(null);
  });
});

describe('<storefront-app>: a session that is gone', () => {
  afterEach(() => sessionStorage.clear());

  it('issue 9 #10 a screen whose session ended goes back to its sign-in form with a plain message', async () => {
    const api = new FakeStoreApi(makeSetup({ operatorId: 'cashier2', roleId: 'cashier', permissions: ['till', 'customers'] }));
    const el = await page(api);
    expect(has(el, 'till-screen')).to.equal(true);
    api.endSession();
    await settle(el);
    expect(has(el, 'till-screen')).to.equal(false);
    expect(text($(el, 'sign-in-form', '[role="status"]'))).to.equal(SESSION_ENDED);
    expect(deepText(el)).not.to.contain('UNAUTHENTICATED');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
  });

  it('issue 9 #10 a kept session the server no longer knows (after a restart) asks to sign in again, saying why', async () => {
    const el = await page(null);
    expect(text($(el, 'sign-in-form', '[role="status"]'))).to.equal(SESSION_ENDED);
  });

  it('a first visit has nothing to say above the sign-in form', async () => {
    const el = await fixture<StorefrontApp>(html`<storefront-app .resumeWith=${async () => null}></storefront-app>`);
    await settle(el);
    expect(has(el, 'sign-in-form', '[role="status"]')).to.equal(false);
  });
});
