import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficePipeline } from './back-office-pipeline.ts';
import './back-office-pipeline.ts';
import { $, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice(['marketing'])) {
  const el = await fixture<BackOfficePipeline>(html`<back-office-pipeline .office=${office}></back-office-pipeline>`);
  await settle(el);
  return { el, office };
}

const submitDialog = async (el: Element) => {
  ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
  await settle(el);
};

describe('<back-office-pipeline>', () => {
  it('MK-1 a prospect with its roles and contacts (consent said), converted into a customer', async () => {
    const { el, office } = await mount();
    expect(text($(el, 'tr[data-party="PTY-CEDAR"]'))).to.contain('Cedar Scouts').and.contain('Prospect, Lead contact').and.contain('Dana Cedar (Email: dana@cedar.example)');
    await click(el, 'Convert to customer');
    type($(el, 'back-office-form-dialog', 'input[name="storeId"]'), 'S1');
    await submitDialog(el);
    expect(office.sent).to.deep.equal([{ type: 'marketing.convertProspect', partyId: 'PTY-CEDAR', storeId: 'S1' }]);
    expectTouchSize(allButtons(el));
  });

  it('MK-1 a new prospect with a contact and its marketing consent', async () => {
    const { el, office } = await mount();
    const form = $(el, 'form[aria-label="New prospect"]');
    type($(form, 'input[name="name"]'), 'Fir Lodge');
    type($(form, 'input[name="contactName"]'), 'Lee Fir');
    ($(form, 'select[name="channel"]') as HTMLSelectElement).value = 'phone';
    type($(form, 'input[name="reachedAt"]'), '555-0140');
    ($(form, 'input[name="consent"]') as HTMLInputElement).checked = true;
    await click(el, 'Create prospect');
    expect(office.sent).to.deep.equal([{ type: 'marketing.createProspect', name: 'Fir Lodge', partyType: 'organization',
      contacts: [{ name: 'Lee Fir', channel: 'phone', reachedAt: '555-0140', marketingConsent: true }] }]);
  });

  it('MK-2 an open lead is qualified, or disqualified only with a reason', async () => {
    const { el, office } = await mount();
    expect(text($(el, 'tr[data-lead="LD-000001"]'))).to.contain('Tents for the summer camp').and.contain('Open');
    await click(el, 'Disqualify');
    await submitDialog(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.equal('Reason: fill this in');
    type($(el, 'back-office-form-dialog', 'input[name="reason"]'), 'No budget this year');
    await submitDialog(el);
    await click(el, 'Qualify');
    expect(office.sent).to.deep.equal([
      { type: 'marketing.disqualifyLead', leadId: 'LD-000001', reason: 'No budget this year' },
      { type: 'marketing.qualifyLead', leadId: 'LD-000001' },
    ]);
  });

  it('MK-2 an open opportunity is won, lost or cancelled; a closed one offers nothing', async () => {
    const office = new FakeBackOffice(['marketing']);
    const { el } = await mount(office);
    await click(el, 'Won');
    await submitDialog(el);
    expect(office.sent).to.deep.equal([{ type: 'marketing.winOpportunity', opportunityId: 'OPP-000001' }]);
    office.pipelineView.opportunities[0]!.status = 'Won';
    await el.reload();
    await settle(el);
    expect(has(el, 'tr[data-opportunity="OPP-000001"] button')).to.equal(false);
  });
});
