import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeCampaigns } from './back-office-campaigns.ts';
import './back-office-campaigns.ts';
import { $, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice(['marketing'])) {
  const el = await fixture<BackOfficeCampaigns>(html`<back-office-campaigns .office=${office}></back-office-campaigns>`);
  await settle(el);
  await click(el, 'Open campaign CMP-000001');
  return { el, office };
}

describe('<back-office-campaigns>', () => {
  it('MK-3 a campaign\'s targets, and who was left out and why', async () => {
    const { el } = await mount();
    expect(text($(el, 'tr[data-campaign="CMP-000001"]'))).to.contain('Spring camping mailer').and.contain('Active').and.contain('1 target: 0 yes, 0 no');
    expect(text($(el, 'tr[data-target]'))).to.contain('Dana Cedar').and.contain('Prospect').and.contain('None');
    expect(text($(el, 'ul[aria-label="Left out"]'))).to.equal('Elm School: no marketing consent for email');
    // MK-3: the office's view says Choose targets is not offered, and why; the screen shows it so.
    const choose = $(el, 'button[data-action="marketing.chooseTargets"]') as HTMLButtonElement;
    expect(choose.disabled).to.equal(true);
    expect(text($(el, `#${choose.getAttribute('aria-describedby')}`))).to.equal('campaign CMP-000001 is running: it keeps its targets');
    expectTouchSize(allButtons(el));
  });

  it('MK-4 a positive response followed up by a quotation carrying its first line', async () => {
    const { el, office } = await mount();
    await click(el, 'Yes');
    const field = (name: string) => $(el, 'back-office-form-dialog', `[name="${name}"]`) as HTMLInputElement;
    field('followUp').value = 'quotation';
    type(field('expiryDate'), '2027-03-31');
    type(field('productId'), 'P-TENT');
    type(field('quantity'), '12');
    type(field('requestedShipDate'), '2027-04-15');
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent).to.deep.equal([{ type: 'marketing.recordResponse', campaignId: 'CMP-000001', targetId: 'CMP-000001/PTY-CEDAR/K1', response: 'positive',
      followUp: 'quotation', expiryDate: '2027-03-31', lines: [{ productId: 'P-TENT', quantity: 12, requestedShipDate: '2027-04-15' }] }]);
  });

  it('MK-4 a negative response is recorded as it is', async () => {
    const { el, office } = await mount();
    await click(el, 'No');
    expect(office.sent).to.deep.equal([{ type: 'marketing.recordResponse', campaignId: 'CMP-000001', targetId: 'CMP-000001/PTY-CEDAR/K1', response: 'negative' }]);
    expect(text($(el, '[role="status"]'))).to.equal('Dana Cedar\'s response is recorded.');
  });

  it('MK-3 a new campaign by type and dates', async () => {
    const office = new FakeBackOffice(['marketing']);
    const el = await fixture<BackOfficeCampaigns>(html`<back-office-campaigns .office=${office}></back-office-campaigns>`);
    await settle(el);
    const form = $(el, 'form[aria-label="New campaign"]');
    type($(form, 'input[name="name"]'), 'Autumn calls');
    ($(form, 'select[name="campaignType"]') as HTMLSelectElement).value = 'telemarketing';
    type($(form, 'input[name="startsOn"]'), '2027-09-01');
    type($(form, 'input[name="endsOn"]'), '2027-10-31');
    await click(el, 'Create campaign');
    expect(office.sent).to.deep.equal([{ type: 'marketing.createCampaign', name: 'Autumn calls', campaignType: 'telemarketing', startsOn: '2027-09-01', endsOn: '2027-10-31' }]);
  });

  it('MK-3 a running campaign is closed from its detail; then nothing more is offered, and why', async () => {
    const { el, office } = await mount();
    await click(el, 'Close campaign');
    expect(office.sent).to.deep.equal([{ type: 'marketing.closeCampaign', campaignId: 'CMP-000001' }]);
    expect(text($(el, '[role="status"]'))).to.equal('Campaign CMP-000001 is closed.');
    expect(text($(el, 'tr[data-campaign="CMP-000001"]'))).to.contain('Closed');
    const close = $(el, 'button[data-action="marketing.closeCampaign"]') as HTMLButtonElement;
    expect(close.disabled).to.equal(true);
    expect(text($(el, `#${close.getAttribute('aria-describedby')}`))).to.equal('campaign CMP-000001 is closed');
  });

  it('MK-3 a running campaign is not cancelled: the button is disabled with the reason beside it', async () => {
    const { el } = await mount();
    const cancel = $(el, 'button[data-action="marketing.cancelCampaign"]') as HTMLButtonElement;
    expect(cancel.disabled).to.equal(true);
    expect(text($(el, `#${cancel.getAttribute('aria-describedby')}`))).to.equal('campaign CMP-000001 is running: only a planned campaign is cancelled');
  });

  it('MK-3 a planned campaign is cancelled only once confirmed; a refusal shows in plain words with its rule, and the dialog stays', async () => {
    const { el, office } = await mount();
    await click(el, 'Open campaign CMP-000002');
    await click(el, 'Cancel campaign');
    const dialog = $(el, 'back-office-form-dialog');
    expect(text($(dialog, '#heading'))).to.equal('Cancel campaign Fall calls?');
    expect(text($(dialog, '#intro'))).to.contain('never launched');
    expect(office.sent).to.deep.equal([]);
    office.refuse.set('marketing.cancelCampaign', { rule: 'MK-3', field: 'campaignId', message: 'campaign CMP-000002 is running' });
    ($(dialog, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('ampaign CMP-000002 is running').and.contain('Ref. MK-3, campaignId');
    office.refuse.clear();
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'marketing.cancelCampaign', campaignId: 'CMP-000002' });
    expect(has(el, 'back-office-form-dialog')).to.equal(false);
    expect(text($(el, '[role="status"]'))).to.equal('Campaign CMP-000002 is cancelled.');
    expect(text($(el, 'tr[data-campaign="CMP-000002"]'))).to.contain('Cancelled');
    expectTouchSize(allButtons(el));
  });
});
