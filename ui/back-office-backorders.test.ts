import { expect, fixture, html } from '@open-wc/testing';
import type { BackOfficeBackorders } from './back-office-backorders.ts';
import './back-office-backorders.ts';
import { $, $$, allButtons, click, describe, expectTouchSize, it, settle, text, type } from './testing/dom.ts';
import { FakeBackOffice } from './testing/fake-back-office.ts';

async function mount(office = new FakeBackOffice()) {
  const el = await fixture<BackOfficeBackorders>(html`<back-office-backorders .office=${office}></back-office-backorders>`);
  await settle(el);
  return { el, office };
}

describe('<back-office-backorders>', () => {
  it('SM-10 SM-11 by item: waiting, on hand, expected, shortage and how on-hand splits among the waiting orders', async () => {
    const { el } = await mount();
    expect(text($(el, 'h2'))).to.equal('Backorders as of 2027-03-02');
    const tent = $(el, 'tr[data-item="P-TENT"]');
    expect([...tent.querySelectorAll('td.num')].map((td) => text(td))).to.deep.equal(['1', '4', '1', '10', '0', '0']);
    expect(text($(tent, 'ul'))).to.equal('Order SO-000001: 1 now, 3 still waiting');
    expectTouchSize(allButtons(el));
  });

  it('SM-10 SM-11 by customer: the remaining lines, a moved confirmed date keeps the old one and asks to tell the customer', async () => {
    const { el, office } = await mount();
    await click(el, 'By customer');
    const row = $(el, 'tr[data-line="L1"]');
    expect(text(row)).to.contain('SO-000001').and.contain('Trail tent').and.contain('2027-03-01').and.contain('was 2027-02-27').and.contain('Tell the customer');
    await click(el, 'Customer told');
    expect(office.sent).to.deep.equal([{ type: 'sales.markCustomerNotified', salesOrderId: 'SO-000001', lineId: 'L1' }]);
    await click(el, 'New date');
    type($(el, 'back-office-form-dialog', 'input[name="confirmedShipDate"]'), '2027-03-09');
    ($(el, 'back-office-form-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent.at(-1)).to.deep.equal({ type: 'sales.changeConfirmedDate', salesOrderId: 'SO-000001', lineId: 'L1', confirmedShipDate: '2027-03-09' });
  });

  it('SM-10 by vendor: open purchase lines with expected dates; receiving one is sent and the open quantity follows', async () => {
    const { el, office } = await mount();
    await click(el, 'By vendor');
    const row = () => $(el, 'tr[data-purchase-line="PL1"]');
    expect([...row().querySelectorAll('td.num')].map((td) => text(td))).to.deep.equal(['10', '0', '10']);
    await click(el, 'Receive');
    type($$(el, 'quantity-dialog', 'input')[0]!, '4');
    ($(el, 'quantity-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(office.sent).to.deep.equal([{ type: 'sales.receivePurchaseLine', purchaseOrderId: 'PO-000001', lineId: 'PL1', quantity: 4 }]);
    expect([...row().querySelectorAll('td.num')].map((td) => text(td))).to.deep.equal(['10', '4', '6']);
    expect(text($(el, '[role="status"]'))).to.contain('the stock went to the waiting orders first');
  });
});
