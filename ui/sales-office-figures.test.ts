import { expect, fixture, html } from '@open-wc/testing';
import type { SalesOfficeFigures } from '../engine/protocol/report.ts';
import './sales-office-figures.ts';
import { countsText, type SalesOfficeFiguresPanel } from './sales-office-figures.ts';
import { $, deepText, describe, it, settle, text } from './testing/dom.ts';

const figures: SalesOfficeFigures = {
  ordersByType: { 'Sales order': { Invoiced: 2, 'Open order': 1 }, 'Returned order': { 'Open order': 1 } },
  invoices: { count: 3, total: 123450, freeText: { count: 1, total: 25000 } },
  openBackorders: { lines: 2, quantity: 7, byItem: [{ productName: 'Camp stove', open: 7, onHand: 2, expected: 3, shortage: 2 }] },
  agreements: [{ agreementId: 'AGR-1', customerName: 'Acme Outfitters', status: 'Effective', commitments: [
    { what: '20 tents', measure: 'quantity', committed: 20, ordered: 8, invoiced: 5 },
    { what: 'Any product for $5,000.00', measure: 'amount', committed: 500000, ordered: 120000, invoiced: 0 },
  ] }],
  quotationsByStatus: { Sent: 1, Confirmed: 2, Lost: 0 },
  campaigns: [{ name: 'Winter camping', type: 'Email', status: 'Active', targets: 4, leftOut: 1, positive: 2, negative: 1, none: 1 }],
  pipeline: { prospects: 2, leadsByStatus: { Qualified: 1 }, opportunitiesByStatus: { Won: 1 } },
};

describe('<sales-office-figures>', () => {
  it('countsText: statuses with their counts, biggest first, leaving out zeros', () => {
    expect(countsText({ Sent: 1, Confirmed: 2, Lost: 0 })).to.equal('Confirmed 2, Sent 1');
    expect(countsText({})).to.equal('none');
  });

  it('SM-9 SM-10 MK-3 MK-4 the office in plain words and money: orders by type, invoices, backorders, agreements, campaigns', async () => {
    const el = await fixture<SalesOfficeFiguresPanel>(html`<sales-office-figures .figures=${figures} currency="USD"></sales-office-figures>`);
    await settle(el);
    const words = deepText(el);
    expect(words).to.contain('Headquarters sales office');
    expect(deepText($(el, '[data-order-type="Sales order"]'))).to.equal('Invoiced 2, Open order 1');
    expect(text($(el, '[data-stat="invoiced"]'))).to.equal('3 invoices ($1,234.50), of which free text 1 ($250.00)');
    expect(deepText($(el, '[data-stat="backorders"]'))).to.equal('2 lines, 7 units');
    expect(text($(el, 'table[data-agreements]'))).to.contain('Acme Outfitters (Effective)').and.contain('$5,000.00').and.contain('$1,200.00');
    expect(text($(el, 'table[data-campaigns]'))).to.contain('Winter camping (Email, Active)');
    expect(words).not.to.match(/\b123450\b|\b500000\b/);
  });

  it('draws nothing without figures (an idle office)', async () => {
    const el = await fixture<SalesOfficeFiguresPanel>(html`<sales-office-figures></sales-office-figures>`);
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });
});
