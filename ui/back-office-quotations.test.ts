import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeQuotations } from './back-office-quotations.ts';
import './back-office-quotations.ts';
import { $, $$, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice()) {
  const el = await fixture<BackOfficeQuotations>(html`<back-office-quotations .office=${office}></back-office-quotations>`);
  await settle(el);
  return { el, office };
}

const dialogField = (el: Element, name: string) => $(el, 'back-office-form-dialog', `[name="${name}"]`) as HTMLInputElement;
const submitDialog = async (el: Element) => {
  ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
  await settle(el);
};

describe('<back-office-quotations>', () => {
  it('SM-6 lists the quotations and opens one with its lines, sends and actions', async () => {
    const { el } = await mount();
    expect(text($(el, 'tr[data-quotation="QT-000002"]'))).to.contain('Alder Outfitters').and.contain('Customer').and.contain('Sent').and.contain('2027-03-10').and.contain('$450.00');
    await click(el, 'Open quotation QT-000002');
    expect(text($(el, 'section[data-detail] dl'))).to.contain('1 time, last on 2027-02-26');
    const cancel = $(el, 'button[data-action="sales.cancelQuotation"]') as HTMLButtonElement;
    expect(cancel.disabled).to.equal(true);
    expect(text($(el, `#${cancel.getAttribute('aria-describedby')}`))).to.equal('a sent quotation is lost, not cancelled');
    expectTouchSize(allButtons(el));
  });

  it('SM-6 lost needs a reason: an empty one is said in the dialog and nothing is sent', async () => {
    const { el, office } = await mount();
    await click(el, 'Open quotation QT-000002');
    await click(el, 'Lost');
    await submitDialog(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.equal('Reason: fill this in');
    expect(office.sent).to.deep.equal([]);
    type(dialogField(el, 'reason'), 'Chose a cheaper supplier');
    await submitDialog(el);
    expect(office.sent).to.deep.equal([{ type: 'sales.loseQuotation', quotationId: 'QT-000002', reason: 'Chose a cheaper supplier' }]);
    expect(has(el, 'back-office-form-dialog')).to.equal(false);
  });

  it('SM-6 extends the expiry and confirms into a sales order picked up at a store', async () => {
    const { el, office } = await mount();
    await click(el, 'Open quotation QT-000002');
    await click(el, 'Extend expiry');
    expect(dialogField(el, 'expiryDate').value).to.equal('2027-03-10');
    type(dialogField(el, 'expiryDate'), '2027-04-10');
    await submitDialog(el);
    await click(el, 'Confirm');
    type(dialogField(el, 'pickupStoreId'), 'S1');
    await submitDialog(el);
    expect(office.sent).to.deep.equal([
      { type: 'sales.extendQuotation', quotationId: 'QT-000002', expiryDate: '2027-04-10' },
      { type: 'sales.confirmQuotation', quotationId: 'QT-000002', pickupStoreId: 'S1' },
    ]);
    expect(text($(el, '[role="status"]'))).to.equal('Quotation QT-000002 confirmed: sales order SO-000001.');
  });

  it('SM-8 a new quotation\'s line is released against a commitment of an effective agreement', async () => {
    const { el, office } = await mount();
    await click(el, 'New quotation');
    expect($$(el, 'datalist#parties option').map((o) => [o.getAttribute('value'), text(o)])).to.deep.equal([['PTY-CEDAR', 'Cedar Scouts (Prospect, Lead contact)']]);
    type($(el, 'input[name="partyId"]'), 'PTY-ALDER');
    type($(el, 'input[name="expiryDate"]'), '2027-03-31');
    const lines = $(el, 'back-office-lines');
    const options = ($(lines, 'select[name="commitment"]') as HTMLSelectElement).options;
    expect([...options].map((o) => o.text)).to.deep.equal(['None', 'AG-1: Trail tent, 16 left', 'AG-1: any product, $4,820.02 left']);
    type($(lines, 'input[name="productId"]'), 'P-TENT');
    type($(lines, 'input[name="quantity"]'), '5');
    type($(lines, 'input[name="requestedShipDate"]'), '2027-03-15');
    ($(lines, 'select[name="commitment"]') as HTMLSelectElement).value = 'AG-1/C1';
    await click(el, 'Add line');
    expect($$(lines, 'li').map(text)[0]).to.contain('P-TENT x 5, ship 2027-03-15 · agreement AG-1');
    await click(el, 'Create quotation');
    expect(office.sent).to.deep.equal([{ type: 'sales.createQuotation', partyId: 'PTY-ALDER', expiryDate: '2027-03-31',
      lines: [{ productId: 'P-TENT', quantity: 5, requestedShipDate: '2027-03-15', agreement: { agreementId: 'AG-1', commitmentId: 'C1' } }] }]);
    expect(text($(el, '[role="status"]'))).to.equal('Quotation QT-000001 created.');
  });

  it('a line with a bad quantity is said in place and not added', async () => {
    const { el } = await mount();
    await click(el, 'New quotation');
    const lines = $(el, 'back-office-lines');
    type($(lines, 'input[name="productId"]'), 'P-TENT');
    type($(lines, 'input[name="quantity"]'), '0');
    await click(el, 'Add line');
    expect(text($(lines, '[role="alert"]'))).to.equal('Quantity: enter a whole number of 1 or more');
    expect($$(lines, 'li')).to.have.length(0);
  });

  it('SM-6 Change lines: a quantity changed, a line removed and one added; the lines show the prices the office resolved, in dollars', async () => {
    const { el, office } = await mount();
    await click(el, 'Open quotation QT-000002');
    await click(el, 'Change lines');
    expect(dialogField(el, 'quantity-L1').value).to.equal('3');
    dialogField(el, 'quantity-L1').value = '5';
    dialogField(el, 'productId').value = 'P-STOVE';
    dialogField(el, 'quantity').value = '2';
    await submitDialog(el);
    expect(office.sent).to.deep.equal([{ type: 'sales.changeQuotationLines', quotationId: 'QT-000002', lines: [
      { productId: 'P-TENT', quantity: 5, requestedShipDate: '2027-03-05', warehouseId: 'W1' },
      { productId: 'P-STOVE', quantity: 2, requestedShipDate: '2027-03-05' },
    ] }]);
    expect(text($(el, '[role="status"]'))).to.equal('Quotation QT-000002: lines saved and priced by the office.');
    const rows = $$(el, 'table[aria-label="Quotation lines"] tbody tr').map((r) => text(r));
    expect(rows[0]).to.contain('Trail tent').and.contain('Sales agreement').and.contain('$150.00').and.contain('$750.00');
    expect(rows[1]).to.contain('Camp stove').and.contain('Base price').and.contain('$89.99').and.contain('$179.98').and.not.contain('8999');
    expect(text($(el, 'section[data-detail] dl'))).to.contain('$929.98');

    await click(el, 'Change lines');
    (dialogField(el, 'keep-L1') as unknown as HTMLSelectElement).value = 'remove';
    await submitDialog(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.changeQuotationLines', quotationId: 'QT-000002', lines: [{ productId: 'P-STOVE', quantity: 2, requestedShipDate: '2027-03-05', warehouseId: 'W1' }] });
    expect($$(el, 'table[aria-label="Quotation lines"] tbody tr').length).to.equal(1);
    expectTouchSize(allButtons(el));
  });

  it('SM-6 Change lines: a bad quantity or no line left is named in the dialog and nothing is sent; the office\'s refusal shows with its rule', async () => {
    const { el, office } = await mount();
    await click(el, 'Open quotation QT-000002');
    await click(el, 'Change lines');
    dialogField(el, 'quantity-L1').value = '0';
    await submitDialog(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('Trail tent: enter a whole number of 1 or more');
    (dialogField(el, 'keep-L1') as unknown as HTMLSelectElement).value = 'remove';
    await submitDialog(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('A quotation needs at least one line');
    expect(office.sent).to.deep.equal([]);
    office.refuse.set('sales.changeQuotationLines', { rule: 'SM-6', field: 'lines', message: 'quotation QT-000002 is confirmed: its lines no longer change' });
    (dialogField(el, 'keep-L1') as unknown as HTMLSelectElement).value = 'keep';
    dialogField(el, 'quantity-L1').value = '4';
    await submitDialog(el);
    expect(text($(el, 'back-office-form-dialog', '[role="alert"]'))).to.contain('its lines no longer change').and.contain('Ref. SM-6, lines');
  });
});
