import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeInvoices } from './back-office-invoices.ts';
import './back-office-invoices.ts';
import { BackOfficePrint } from './back-office-print.ts';
import { $, $$, alerts, allButtons, click, describe, expectTouchSize, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

/** Alder's order with two packing slips posted (the office's own numbers). */
async function withSlips() {
  const office = new FakeBackOffice();
  await office.send({ type: 'sales.postPackingSlip', salesOrderId: 'SO-000001', lines: [{ lineId: 'L1', quantity: 1 }] });
  await office.send({ type: 'sales.postPackingSlip', salesOrderId: 'SO-000001', lines: [{ lineId: 'L1', quantity: 2 }] });
  office.sent.length = 0;
  return office;
}

async function mount(office: FakeBackOffice) {
  const el = await fixture<BackOfficeInvoices>(html`<back-office-invoices .office=${office}></back-office-invoices>`);
  await settle(el);
  return el;
}

const freeText = (el: Element, name: string) => $(el, `form[aria-label="Free text invoice"] [name="${name}"]`);

describe('<back-office-invoices>', () => {
  it('SM-12 a collective invoice for one account from the slips ticked, then printed', async () => {
    const office = await withSlips();
    const el = await mount(office);
    const account = $(el, 'select[name="account"]') as HTMLSelectElement;
    account.value = 'C-ALDER';
    account.dispatchEvent(new Event('change'));
    await settle(el);
    const boxes = $$(el, 'ul[aria-label="Packing slips of C-ALDER"] input') as HTMLInputElement[];
    expect(boxes).to.have.length(2);
    expectTouchSize($$(el, 'label.check'));
    expect((Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => text(b) === 'Post collective invoice') as HTMLButtonElement).disabled).to.equal(true);
    for (const box of boxes) { box.checked = true; box.dispatchEvent(new Event('change')); }
    await settle(el);
    await click(el, 'Post collective invoice');
    expect(office.sent).to.deep.equal([{ type: 'sales.collectiveInvoice', customerAccount: 'C-ALDER', salesOrderIds: [], packingSlipIds: ['PSLIP-000001', 'PSLIP-000002'] }]);
    expect(text($(el, 'tr[data-invoice="SINV-000003"]'))).to.contain('Collective').and.contain('PSLIP-000001, PSLIP-000002').and.contain('$324.75');
    expect(text($(el, '#collective-heading').parentElement!)).to.contain('No packing slip waits for its invoice.');
    await click(el, 'Print invoice SINV-000003');
    const page = $(el, 'back-office-print');
    expect(text($(page, 'h1'))).to.equal('Invoice SINV-000003');
    expect(text($(page, 'header'))).to.contain('Packing slips PSLIP-000001, PSLIP-000002');
    expect(text($(page, 'tbody'))).to.equal('2 x Trail tent$300.00');
    expect(text($(page, 'td[data-total]'))).to.equal('$324.75');
    expectTouchSize(allButtons(page));
  });

  it('SM-14 a free text invoice: lines of main account, text and amount in dollars; the pro forma posts nothing', async () => {
    const office = new FakeBackOffice();
    const el = await mount(office);
    type(freeText(el, 'customerAccount'), 'C-ALDER');
    type(freeText(el, 'salesTaxGroup'), 'WA');
    type(freeText(el, 'itemTaxGroup'), 'FULL');
    type(freeText(el, 'mainAccount'), '4010');
    type(freeText(el, 'text'), 'Tent repair service');
    type(freeText(el, 'amount'), 'twelve');
    await click(el, 'Add line');
    expect(text($(el, 'form[aria-label="Free text invoice"] [role="alert"]'))).to.equal('Amount: enter an amount such as 120.00');
    type(freeText(el, 'amount'), '120.50');
    await click(el, 'Add line');
    expect(text($(el, 'table[aria-label="Free text lines"]'))).to.contain('4010').and.contain('Tent repair service').and.contain('$120.50');
    await click(el, 'Pro forma');
    expect(office.sent).to.deep.equal([]);
    expect(text($(el, 'back-office-print', '.stamp'))).to.equal('PRO FORMA: NOT POSTED');
    expect(text($(el, 'back-office-print', 'tbody'))).to.contain('4010 Tent repair service').and.contain('$120.50');
    await click(el, 'Back');
    await click(el, 'Post invoice');
    expect(office.sent).to.deep.equal([{ type: 'sales.freeTextInvoice', customerAccount: 'C-ALDER', salesTaxGroup: 'WA', itemTaxGroup: 'FULL',
      lines: [{ mainAccount: '4010', text: 'Tent repair service', amount: 12050 }] }]);
  });

  it('an invoice that can no longer be read is said in place, not printed', async () => {
    const office = await withSlips();
    await office.send({ type: 'sales.invoicePackingSlips', packingSlipIds: ['PSLIP-000001'] });
    const el = await mount(office);
    office.invoiceViews.clear();
    await click(el, 'Print invoice SINV-000003');
    expect(alerts(el).join(' ')).to.contain('There is no "SINV-000003"');
    expect($$(el, 'back-office-print')).to.have.length(0);
  });

  it('the print page prints alone: on paper its buttons are gone and it covers the screen around it', () => {
    const css = BackOfficePrint.styles.map((s) => String(s)).join('\n');
    expect(css).to.match(/@media print\s*{[^@]*:host\s*{\s*position: fixed;\s*inset: 0/);
    expect(css).to.match(/@media print[\s\S]*\.tools\s*{\s*display: none;/);
  });
});
