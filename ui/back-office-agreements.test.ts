import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeAgreements } from './back-office-agreements.ts';
import './back-office-agreements.ts';
import { $, allButtons, click, describe, expectTouchSize, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice()) {
  const el = await fixture<BackOfficeAgreements>(html`<back-office-agreements .office=${office}></back-office-agreements>`);
  await settle(el);
  await click(el, 'Open agreement AG-1');
  return { el, office };
}

describe('<back-office-agreements>', () => {
  it('SM-9 shows each commitment line with ordered, delivered, invoiced and remaining: units, or money in dollars', async () => {
    const { el } = await mount();
    const tents = $(el, 'tr[data-commitment="C1"]');
    expect(text(tents)).to.contain('Product quantity: Trail tent').and.contain('$150.00 each · 5% off · Max enforced · Price fixed');
    expect([...tents.querySelectorAll('td.num')].map((td) => text(td))).to.deep.equal(['20', '4', '0', '0', '16']);
    const any = $(el, 'tr[data-commitment="C2"]');
    expect([...any.querySelectorAll('td.num')].map((td) => text(td))).to.deep.equal(['$5,000.00', '$179.98', '$0.00', '$0.00', '$4,820.02']);
    expect(text($(el, 'section[data-detail] dl'))).to.contain('Effective').and.contain('2027-01-01 to 2027-12-31').and.contain('SO-000001');
    expectTouchSize(allButtons(el));
  });

  it('SM-7 make effective is not offered on an effective agreement, and says why; close is sent', async () => {
    const { el, office } = await mount();
    const effective = $(el, 'button[data-action="sales.makeAgreementEffective"]') as HTMLButtonElement;
    expect(effective.disabled).to.equal(true);
    expect(text($(el, `#${effective.getAttribute('aria-describedby')}`))).to.equal('it is effective already');
    await click(el, 'Close');
    expect(office.sent).to.deep.equal([{ type: 'sales.closeAgreement', agreementId: 'AG-1' }]);
    expect(text($(el, '[role="status"]'))).to.equal('Agreement AG-1 is closed.');
  });

  it('SM-8 a release order: each line names the commitment it is released against', async () => {
    const { el, office } = await mount();
    await click(el, 'Release order');
    const lines = $(el, 'back-office-lines');
    type($(lines, 'input[name="productId"]'), 'P-TENT');
    type($(lines, 'input[name="quantity"]'), '6');
    type($(lines, 'input[name="requestedShipDate"]'), '2027-04-01');
    await click(el, 'Add line');
    await click(el, 'Create release order');
    expect(office.sent).to.deep.equal([{ type: 'sales.releaseOrder', agreementId: 'AG-1', lines: [{ commitmentId: 'C1', productId: 'P-TENT', quantity: 6, requestedShipDate: '2027-04-01' }] }]);
  });
});
