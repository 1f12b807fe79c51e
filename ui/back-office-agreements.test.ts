import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeAgreements } from './back-office-agreements.ts';
import './back-office-agreements.ts';
import { $, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice()) {
  const el = await fixture<BackOfficeAgreements>(html`<back-office-agreements .office=${office}></back-office-agreements>`);
  await settle(el);
  await click(el, 'Open agreement AG-1');
  return { el, office };
}

/** The reason beside an action the view does not offer (its button disabled). */
function notOffered(el: Element, action: string): string {
  const button = $(el, `button[data-action="${action}"]`) as HTMLButtonElement;
  expect(button.disabled).to.equal(true);
  return text($(el, `#${button.getAttribute('aria-describedby')}`));
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
    expect(notOffered(el, 'sales.makeAgreementEffective')).to.equal('it is effective already');
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

  const field = (el: Element, name: string) => $(el, 'back-office-form-dialog', `[name="${name}"]`) as HTMLInputElement | HTMLSelectElement;
  const submit = async (el: Element) => {
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
  };

  it('SM-7 a new agreement is made on hold; a refusal names the field in plain words and the dialog stays', async () => {
    const { el, office } = await mount();
    office.refuse.set('sales.createAgreement', { rule: 'SM-7', field: 'expiration', message: 'the expiration date must not be before the effective date' });
    await click(el, 'New agreement');
    expect(text($(el, 'back-office-form-dialog', '#heading'))).to.equal('New sales agreement');
    field(el, 'customerAccount').value = 'C-ALDER';
    field(el, 'effective').value = '2027-05-01';
    field(el, 'expiration').value = '2027-04-01';
    await submit(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.createAgreement', customerAccount: 'C-ALDER', effective: '2027-05-01', expiration: '2027-04-01' });
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('The expiration date must not be before the effective date').and.contain('Ref. SM-7, expiration');
    office.refuse.delete('sales.createAgreement');
    field(el, 'expiration').value = '2027-12-31';
    await submit(el);
    expect(text($(el, '[role="status"]'))).to.equal('Agreement AG-000001 created, on hold.');
    expect(text($(el, 'tr[data-agreement="AG-000001"]'))).to.contain('On hold');
  });

  /** A new On hold agreement, AG-000001, made from the list and opened. */
  async function openNewAgreement(el: Element): Promise<void> {
    await click(el, 'New agreement');
    field(el, 'customerAccount').value = 'C-ALDER';
    field(el, 'effective').value = '2027-05-01';
    field(el, 'expiration').value = '2027-12-31';
    await submit(el);
    await click(el, 'Open agreement AG-000001');
  }

  it('SM-7 Add commitment is offered only on hold: units or an amount in dollars, never cents; a figure that is not one is named', async () => {
    const { el, office } = await mount();
    expect(notOffered(el, 'sales.addCommitment')).to.equal('agreement AG-1 is effective: only an agreement on hold takes commitment lines');
    await openNewAgreement(el);
    await click(el, 'Add commitment');
    field(el, 'kind').value = 'anyProductAmount';
    field(el, 'committed').value = 'lots';
    await submit(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('Committed: enter an amount such as 5000.00');
    expect(office.sent.map((c) => c.type)).to.deep.equal(['sales.createAgreement']);
    field(el, 'committed').value = '5000.00';
    field(el, 'discountPct').value = '5';
    field(el, 'maxEnforced').value = 'yes';
    await submit(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.addCommitment', agreementId: 'AG-000001', commitment: {
      kind: 'anyProductAmount', productId: null, categoryId: null, committed: 500000, unitPrice: null, discountPct: 500, maxEnforced: true, priceFixed: false,
    } });
    expect(text($(el, '[role="status"]'))).to.equal('Commitment line added to agreement AG-000001.');
    expect(text($(el, 'tr[data-commitment="AG-000001-1"]'))).to.contain('$5,000.00').and.not.contain('500000');
  });

  /** The new agreement with one commitment line of tents. */
  async function onHold(el: Element): Promise<void> {
    await openNewAgreement(el);
    await click(el, 'Add commitment');
    field(el, 'productId').value = 'P-TENT';
    field(el, 'committed').value = '10';
    await submit(el);
  }

  it('SM-7 an effective agreement offers neither new dates nor removing lines, nor closing as expired before its date, and says why', async () => {
    const { el } = await mount();
    expect(notOffered(el, 'sales.changeAgreementDates')).to.equal('agreement AG-1 is effective: only an agreement on hold changes its dates');
    expect(notOffered(el, 'sales.removeCommitment')).to.equal('agreement AG-1 is effective: only an agreement on hold loses commitment lines');
    expect(notOffered(el, 'sales.expireAgreement')).to.equal('agreement AG-1 expires on 2027-12-31: it is closed as expired only after that day');
    expect(has(el, 'button[aria-label^="Remove commitment line"]')).to.equal(false);
  });

  it('SM-7 an On hold agreement\'s dates change in a dialog; a refusal names the field in plain words with the rule, and the dialog stays', async () => {
    const { el, office } = await mount();
    await onHold(el);
    await click(el, 'Change dates');
    expect((field(el, 'effective') as HTMLInputElement).value).to.equal('2027-05-01');
    office.refuse.set('sales.changeAgreementDates', { rule: 'SM-7', field: 'expiration', message: 'the expiration date must not be before the effective date' });
    field(el, 'expiration').value = '2027-04-01';
    await submit(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('The expiration date must not be before the effective date').and.contain('Ref. SM-7, expiration');
    office.refuse.delete('sales.changeAgreementDates');
    field(el, 'expiration').value = '2028-03-31';
    await submit(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.changeAgreementDates', agreementId: 'AG-000001', effective: '2027-05-01', expiration: '2028-03-31' });
    expect(text($(el, '[role="status"]'))).to.equal('Agreement AG-000001 now covers the new dates.');
    expect(text($(el, 'section[data-detail] dl'))).to.contain('2027-05-01 to 2028-03-31');
    expectTouchSize(allButtons(el));
  });

  it('SM-7 an On hold agreement\'s commitment line is removed from its own row', async () => {
    const { el, office } = await mount();
    await onHold(el);
    expect(has(el, 'button[data-action="sales.removeCommitment"]')).to.equal(false);
    await click(el, 'Remove commitment line AG-000001-1');
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.removeCommitment', agreementId: 'AG-000001', commitmentId: 'AG-000001-1' });
    expect(text($(el, '[role="status"]'))).to.equal('Commitment line AG-000001-1 removed from agreement AG-000001.');
    expect(has(el, 'tr[data-commitment="AG-000001-1"]')).to.equal(false);
  });

  it('SM-7 an agreement past its date is closed as expired', async () => {
    const { el, office } = await mount();
    await onHold(el);
    await click(el, 'Close as expired');
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.expireAgreement', agreementId: 'AG-000001' });
    expect(text($(el, '[role="status"]'))).to.equal('Agreement AG-000001 is closed as expired.');
    expect(text($(el, '[data-status]'))).to.equal('Closed');
  });
});
