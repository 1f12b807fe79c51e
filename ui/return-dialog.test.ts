import { expect, fixture, html } from '@open-wc/testing';
import type { TillScreen } from './till-screen.ts';
import './till-screen.ts';
import { click, deep, deepAll, describe, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { orderRow, registerView, syncView, transaction } from './testing/till-views.ts';

/** Two tents picked up one at a time (INV-1, INV-2), one already returned against INV-1; and a lamp carried out on INV-3. */
const source = {
  lines: [
    { lineId: 'L1', productId: 'P-TENT', quantity: 2, unitPrice: 19999, taxRate: 1000, invoiced: 2 },
    { lineId: 'L2', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, taxRate: 1000, invoiced: 1 },
  ],
  charges: [],
  returns: [{ rmaNumber: 'RMA-000001', invoiceId: 'INV-1', lines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED', net: -19999, tax: -2000 }], charges: [], total: -21999 }],
  invoices: [
    { invoiceId: 'INV-1', lines: [{ lineId: 'L1', quantity: 1 }] },
    { invoiceId: 'INV-2', lines: [{ lineId: 'L1', quantity: 1 }] },
    { invoiceId: 'INV-3', lines: [{ lineId: 'L2', quantity: 1 }] },
  ],
};

async function returningTill() {
  const api = new FakeStoreApi(demoSetup());
  const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
  api.connect(registerView({
    transaction: transaction({ kind: 'return', returnOriginal: { kind: 'order', id: 'CO-000001', customerId: 'C-ANNA', source }, returnLines: [], cart: { customerId: 'C-ANNA' } }),
  }), { orders: [orderRow()], sync: syncView() });
  await settle(el);
  return { el, api };
}

describe('<return-lines> with several invoices', () => {
  it('CO-16 asks for the invoice first, then shows its lines with that invoice\'s units less returns against it, and sends the invoice', async () => {
    const { el, api } = await returningTill();
    expect(deepAll(el, 'return-lines tr[data-line]'), 'no lines before the invoice').to.have.length(0);
    expect(deep(el, 'return-lines').shadowRoot!.textContent).to.contain('choose the invoice');
    const radios = deepAll<HTMLInputElement>(el, 'return-lines input[name="invoice"]');
    expect(radios.map((r) => r.value)).to.deep.equal(['INV-1', 'INV-2', 'INV-3']);

    radios[0]!.click();
    await settle(el);
    let rows = deepAll(el, 'return-lines tr[data-line]');
    expect(rows.map((r) => [r.dataset.line, r.querySelectorAll('td')[2]!.textContent!.trim()]), 'INV-1: its one tent was returned already').to.deep.equal([['L1', '0']]);

    radios[1]!.click();
    await settle(el);
    rows = deepAll(el, 'return-lines tr[data-line]');
    expect(rows.map((r) => [r.dataset.line, r.querySelectorAll('td')[2]!.textContent!.trim()])).to.deep.equal([['L1', '1']]);
    type(deep<HTMLInputElement>(el, 'tr[data-line="L1"] input[type="number"]'), '1');
    await settle(el);
    await click(el, 'Apply return lines');
    expect(api.commands).to.deep.equal([{ type: 'register.setReturnLines', registerId: 'R1', invoiceId: 'INV-2', lines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' }] }]);
  });
});
