import { expect, fixture, html } from '@open-wc/testing';
import type { ChainSites } from '../engine/protocol/sites.ts';
import type { StoreApi } from './api.ts';
import './landing-page.ts';
import type { LandingPage } from './landing-page.ts';
import './sign-in-form.ts';
import type { SignInForm } from './sign-in-form.ts';
import { $, $$, click, describe, has, it, settle, text, type } from './testing/dom.ts';

const SITES: ChainSites = {
  stores: [{ id: 'S1', name: 'Seattle', registerIds: ['R1', 'R2'] }, { id: 'S2', name: 'Portland', registerIds: ['R3'] }],
  warehouses: [{ id: 'W1', name: 'Kent warehouse' }],
};

type Request = Parameters<SignInForm['signInWith']>[0];

async function form(screen: string, siteId = '', registerId = '') {
  const requests: Request[] = [];
  const el = await fixture<SignInForm>(html`<sign-in-form .screen=${screen} .siteId=${siteId} .registerId=${registerId}
    .sitesWith=${async () => SITES} .signInWith=${async (request: Request) => { requests.push(request); return {} as StoreApi; }}></sign-in-form>`);
  await settle(el);
  return { el, requests };
}

async function submit(el: SignInForm, operatorId: string, pin: string): Promise<void> {
  type($(el, 'input[name="operatorId"]'), operatorId);
  type($(el, 'input[name="pin"]'), pin);
  await click(el, 'Sign in');
}

const options = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent!.trim());

describe('<sign-in-form>: the place from the address, or pickers', () => {
  it('a till\'s address names the store and register: shown in words, sent as they are, no free-text fields', async () => {
    const { el, requests } = await form('till', 'S1', 'R2');
    expect(text($(el, '[data-place]'))).to.contain('Seattle, register R2');
    expect($$(el, 'input:not([type="hidden"])').map((i) => i.getAttribute('name'))).to.deep.equal(['operatorId', 'pin']);
    await submit(el, 'cashier1', '1111');
    expect(requests).to.deep.equal([{ operatorId: 'cashier1', pin: '1111', siteId: 'S1', registerId: 'R2' }]);
  });

  it('a till without a register in its address picks the store, then one of its registers', async () => {
    const { el, requests } = await form('till');
    expect(options($(el, 'select[name="siteId"]'))).to.deep.equal(['Choose...', 'Seattle (S1)', 'Portland (S2)']);
    type($(el, 'select[name="siteId"]'), 'S1');
    await settle(el);
    expect(options($(el, 'select[name="registerId"]'))).to.deep.equal(['Choose...', 'R1', 'R2']);
    type($(el, 'select[name="registerId"]'), 'R1');
    await submit(el, 'cashier1', '1111');
    expect(requests).to.deep.equal([{ operatorId: 'cashier1', pin: '1111', siteId: 'S1', registerId: 'R1' }]);
  });

  it('a fulfilment screen picks among stores and warehouses, with no register', async () => {
    const { el, requests } = await form('fulfillment');
    expect(options($(el, 'select[name="siteId"]'))).to.deep.equal(['Choose...', 'Seattle (S1)', 'Portland (S2)', 'Kent warehouse (W1)']);
    expect(has(el, 'select[name="registerId"]')).to.equal(false);
    type($(el, 'select[name="siteId"]'), 'W1');
    await submit(el, 'picker1', '6666');
    expect(requests).to.deep.equal([{ operatorId: 'picker1', pin: '6666', siteId: 'W1' }]);
  });

  it('"Change" turns the address\'s place into pickers', async () => {
    const { el } = await form('pickup', 'S2');
    await click(el, 'Change');
    expect(($(el, 'select[name="siteId"]') as HTMLSelectElement).value).to.equal('S2');
  });
});

describe('<landing-page>', () => {
  it('lists every screen by site, each a link to its sign-in', async () => {
    const el = await fixture<LandingPage>(html`<landing-page .sitesWith=${async () => SITES}></landing-page>`);
    await settle(el);
    expect($$(el, 'section h2').map(text)).to.deep.equal(['Seattle', 'Portland', 'Kent warehouse', 'Headquarters']);
    expect($$(el, 'a').map((a) => [text(a), a.getAttribute('href')])).to.deep.equal([
      ['Till R1', '/till?store=S1&register=R1'], ['Till R2', '/till?store=S1&register=R2'], ['Fulfilment', '/fulfillment?store=S1'], ['Pickup board', '/pickup?store=S1'],
      ['Till R3', '/till?store=S2&register=R3'], ['Fulfilment', '/fulfillment?store=S2'], ['Pickup board', '/pickup?store=S2'],
      ['Fulfilment', '/fulfillment?location=W1'], ['Analyst view', '/analyst?store=S1'], ['Back office', '/back-office?store=S1'],
    ]);
  });

  it('says so in words when the stores cannot be read', async () => {
    const el = await fixture<LandingPage>(html`<landing-page .sitesWith=${async () => { throw new Error('the list of stores cannot be loaded (503)'); }}></landing-page>`);
    await settle(el);
    expect(text($(el, '[role="alert"]'))).to.equal('the list of stores cannot be loaded (503)');
  });
});
