import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeOrders } from './back-office-orders.ts';
import './back-office-orders.ts';
import { $, $$, alerts, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice()) {
  const el = await fixture<BackOfficeOrders>(html`<back-office-orders .office=${office}></back-office-orders>`);
  await settle(el);
  return { el, office };
}

const orderRow = (el: BackOfficeOrders, id: string) => $(el, `tr[data-order="${id}"]`);
const detailLine = (el: BackOfficeOrders, lineId: string) => $(el, `section[data-detail] tr[data-line="${lineId}"]`);

describe('<back-office-orders>', () => {
  it('lists the orders with type, status and total in dollars, backordered ones tagged', async () => {
    const { el } = await mount();
    const alder = text(orderRow(el, 'SO-000001'));
    expect(alder).to.contain('Alder Outfitters').and.contain('Sales order').and.contain('Open order').and.contain('$779.98').and.contain('Backordered');
    expect(alder).to.not.contain('77998');
    expect(text(orderRow(el, 'SO-000002'))).to.contain('Journal').and.contain('Store');
    expectTouchSize(allButtons(el));
  });

  it('SM-10 filters by type, status, customer, origin and backordered', async () => {
    const { el, office } = await mount();
    ($(el, 'select[name="backordered"]') as HTMLSelectElement).value = 'true';
    type($(el, 'input[name="customer"]'), 'alder');
    await click(el, 'Filter');
    expect(office.orderReads.at(-1)).to.deep.equal({ customer: 'alder', backordered: 'true' });
    expect($$(el, 'tr[data-order]').map((r) => r.dataset.order)).to.deep.equal(['SO-000001']);
    ($(el, 'select[name="backordered"]') as HTMLSelectElement).value = '';
    type($(el, 'input[name="customer"]'), '');
    ($(el, 'select[name="type"]') as HTMLSelectElement).value = 'journal';
    await click(el, 'Filter');
    expect($$(el, 'tr[data-order]').map((r) => r.dataset.order)).to.deep.equal(['SO-000002']);
  });

  it('SM-2 SM-8 an order opens with its lines, remainders, inventory in words and the agreement it is released against', async () => {
    const { el } = await mount();
    await click(el, 'Open order SO-000001');
    expect(text($(el, 'section[data-detail] dl'))).to.contain('Alder Outfitters (C-ALDER)').and.contain('from quotation QT-000001').and.contain('AG-1 (Effective)');
    expect(text(detailLine(el, 'L1'))).to.contain('Trail tent').and.contain('Sales agreement · agreement AG-1').and.contain('$600.00').and.contain('Reserved').and.contain('Backordered');
    expect(text($(detailLine(el, 'L1'), 'td[data-deliver]'))).to.equal('4');
  });

  it('a store\'s order shows the store\'s own invoices, read-only, money in dollars', async () => {
    const { el } = await mount();
    await click(el, 'Open order SO-000002');
    expect(text($(el, 'section[data-detail] h3:last-of-type'))).to.equal('Documents from store S1');
    const invoice = text($(el, 'table[aria-label="Store documents"] tr[data-document="INV-000001"]'));
    expect(invoice).to.contain('2027-02-26').and.contain('Invoice (picked up)').and.contain('Camp lantern x 1').and.contain('$27.49');
    expect(invoice).to.not.contain('2749');
  });

  it('offers only what the view offers: an action not offered is disabled with the office\'s reason', async () => {
    const { el } = await mount();
    await click(el, 'Open order SO-000001');
    const confirm = $(el, 'button[data-action="sales.confirmOrder"]') as HTMLButtonElement;
    expect(confirm.disabled).to.equal(true);
    expect(text($(el, `#${confirm.getAttribute('aria-describedby')}`))).to.equal('order SO-000001 was confirmed on 2027-02-20');
    expect(($(el, 'button[data-action="sales.postPackingSlip"]') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('SM-12 posts a packing slip with a quantity per line, then invoices exactly the chosen slip', async () => {
    const { el, office } = await mount();
    await click(el, 'Open order SO-000001');
    await click(el, 'Post packing slip');
    const inputs = $$(el, 'quantity-dialog', 'input') as HTMLInputElement[];
    expect(inputs.map((i) => i.value)).to.deep.equal(['4', '2']);
    type(inputs[0]!, '3');
    type(inputs[1]!, '0');
    ($(el, 'quantity-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.postPackingSlip', salesOrderId: 'SO-000001', lines: [{ lineId: 'L1', quantity: 3 }] });
    expect(has(el, 'quantity-dialog')).to.equal(false);
    expect(text($(el, '[role="status"]'))).to.equal('Packing slip PSLIP-000001 posted for order SO-000001.');
    expect(text($(detailLine(el, 'L1'), 'td[data-deliver]'))).to.equal('1');
    expect(text($(detailLine(el, 'L1'), 'td[data-invoice]'))).to.equal('3');

    // Nothing ticked: said in place, nothing sent.
    await click(el, 'Invoice chosen slips');
    expect(alerts(el).join(' ')).to.contain('Tick the packing slips to invoice first');
    expect(office.sent).to.have.length(1);
    const box = $(el, 'li[data-slip="PSLIP-000001"] input') as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await click(el, 'Invoice chosen slips');
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.invoicePackingSlips', packingSlipIds: ['PSLIP-000001'] });
    expect(text($(el, 'li[data-slip="PSLIP-000001"]'))).to.contain('invoiced on SINV-000002');
  });

  it('SM-5 changes the type in an accessible dialog; a refusal is said in plain words with the rule in a detail line', async () => {
    const office = new FakeBackOffice();
    office.refuse.set('sales.changeOrderType', { rule: 'SM-5', field: 'orderType', message: 'a delivered item requirements order keeps its type' });
    const { el } = await mount(office);
    await click(el, 'Open order SO-000001');
    await click(el, 'Change type');
    const dialog = $(el, 'back-office-form-dialog', 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(text($(el, 'back-office-form-dialog', '#heading'))).to.equal('Change the order type');
    const select = $(el, 'back-office-form-dialog', 'select[name="orderType"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['Journal', 'Sales order', 'Subscription', 'Returned order', 'Item requirements']);
    select.value = 'itemRequirements';
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.changeOrderType', salesOrderId: 'SO-000001', orderType: 'itemRequirements' });
    const said = text($(el, 'back-office-form-dialog', '[role="alert"]'));
    expect(said).to.contain('A delivered item requirements order keeps its type').and.contain('Ref. SM-5, orderType');
  });

  it('SM-8 an open line is released against a commitment of the customer\'s effective agreement', async () => {
    const { el, office } = await mount();
    await click(el, 'Open order SO-000001');
    expect(has(detailLine(el, 'L1'), 'button')).to.equal(false);
    $(detailLine(el, 'L2'), 'button').click();
    await settle(el);
    const select = $(el, 'back-office-form-dialog', 'select[name="commitment"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['AG-1: Trail tent, 16 left', 'AG-1: any product, $4,820.02 left']);
    select.value = 'AG-1/C2';
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent).to.deep.equal([{ type: 'sales.linkLine', salesOrderId: 'SO-000001', lineId: 'L2', agreementId: 'AG-1', commitmentId: 'C2' }]);
  });

  it('SM-8 a customer without an effective agreement is told so, and nothing is sent', async () => {
    const { el, office } = await mount();
    await click(el, 'Open order SO-000002');
    $(detailLine(el, 'L1'), 'button').click();
    await settle(el);
    expect(alerts(el).join(' ')).to.contain('Birch Camping has no effective sales agreement to release against');
    expect(office.sent).to.deep.equal([]);
  });

  it('SM-14 prints a pro forma of the order: a clean page, marked as not posted', async () => {
    const { el } = await mount();
    await click(el, 'Open order SO-000001');
    await click(el, 'Pro forma');
    const page = $(el, 'back-office-print');
    expect(text($(page, 'h1'))).to.equal('Pro forma invoice (not posted, nothing to pay)');
    expect(text($(page, 'tbody'))).to.contain('Trail tent x 4').and.contain('$600.00');
    expect(text($(page, '.stamp'))).to.equal('PRO FORMA: NOT POSTED');
    expect(text($(page, 'td[data-total]'))).to.match(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    await click(el, 'Back');
    expect(has(el, 'back-office-print')).to.equal(false);
  });
});
