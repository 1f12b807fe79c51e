import { expect, fixture, html } from '@open-wc/testing';
import type { TillScreen } from './till-screen.ts';
import './till-screen.ts';
import { allButtons, click, deep, deepAll, describe, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { customerView, line, registerView, syncView, transaction } from './testing/till-views.ts';

const lamp = line('T-R1-000009-1', 'P-LAMP', 1, 2499);
const tent = line('T-R1-000009-2', 'P-TENT', 1, 19999, { kind: 'ship', modeCode: 'STD', locationId: 'W1', address: { street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA', contactName: 'Front desk', contactPhone: '555-0199' } });
const freight = { key: 'H:FREIGHT:AC-GROUND', level: 'header' as const, chargeCode: 'FREIGHT', amount: 995, source: 'auto' as const, autoChargeId: 'AC-GROUND', overridden: false };

/** A sale for Anna; or the quote CO-000004 recalled for edit. */
function view(kind: 'sale' | 'quote' = 'sale') {
  const quote = kind === 'quote';
  return registerView({
    transaction: transaction({
      kind: quote ? 'orderEdit' : 'sale',
      order: quote ? { orderId: 'CO-000004', isQuote: true, customerId: 'C-ANNA', lines: [], payments: [], invoices: [], cardToken: null, charges: [], depositOverride: null } as unknown as NonNullable<ReturnType<typeof transaction>['order']> : null,
      cart: { customerId: 'C-ANNA', lines: [lamp, tent], charges: [freight], orderType: quote ? 'quote' : 'customerOrder', selectedLineId: null },
    }),
    totals: { net: 22498, tax: 2250, charges: 995, total: 25743, orderedTotal: 22994, carryOutTotal: 2749 },
    due: quote ? 0 : 5049,
  });
}

async function till(kind: 'sale' | 'quote' = 'sale') {
  const api = new FakeStoreApi(demoSetup());
  api.getAnswers.set('customers/C-ANNA', { customer: customerView() });
  const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
  api.connect(view(kind), { orders: [], sync: syncView() });
  await settle(el);
  return { el, api };
}

async function approveAsManager(el: Element): Promise<void> {
  const approval = deep(el, 'approval-dialog');
  type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
  type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
  await click(approval, 'Approve');
}

function field(el: Element, name: string): HTMLInputElement {
  return deep<HTMLInputElement>(deep(el, 'charges-dialog'), `[name="${name}"]`);
}

describe('<till-screen> quotes, charges and the sale\'s customer', () => {
  it('CO-9 a recalled quote offers Approve quote; a cashier gets a manager\'s approval for register.approveQuote', async () => {
    const { el, api } = await till('quote');
    await click(el, 'Approve quote');
    expect(api.sent, 'nothing is sent before the approval').to.deep.equal([]);
    expect(deep(el, 'approval-dialog').shadowRoot!.textContent).to.contain('Approve quote CO-000004 into an order');
    await approveAsManager(el);
    expect(api.sent).to.deep.equal([{ command: { type: 'register.approveQuote', registerId: 'R1' }, approval: { operatorId: 'manager1', pin: '9999' } }]);
    expect(deep(el, '.notice').textContent).to.contain('take the deposit');
  });

  it('CO-9 a sale offers no Approve quote', async () => {
    const { el } = await till();
    expect(allButtons(el).map((b) => b.textContent!.trim())).to.not.include('Approve quote');
  });

  it('CH-1 the shipping charge is entered by hand for the whole order without an approval', async () => {
    const { el, api } = await till();
    await click(el, 'Charges');
    expect(field(el, 'chargeCode').value).to.equal('SHIP');
    type(field(el, 'amount'), '12.50');
    await click(deep(el, 'charges-dialog'), 'Add charge');
    expect(api.commands).to.deep.equal([{ type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'SHIP', amount: 1250 }]);
    expect(deepAll(el, 'charges-dialog')).to.have.length(0);
  });

  it('CH-4 a charge on a line already in the cart, with a reason, needs the charge override permission: a manager approves', async () => {
    const { el, api } = await till();
    await click(el, 'Charges');
    type(field(el, 'appliesTo'), tent.lineId);
    type(field(el, 'chargeCode'), 'GIFTWRAP');
    type(field(el, 'amount'), '3');
    type(field(el, 'reasonCode'), 'GOODWILL');
    await click(deep(el, 'charges-dialog'), 'Add charge');
    expect(api.sent).to.deep.equal([]);
    await approveAsManager(el);
    expect(api.sent).to.deep.equal([{
      command: { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: tent.lineId, chargeCode: 'GIFTWRAP', amount: 300, reasonCode: 'GOODWILL' },
      approval: { operatorId: 'manager1', pin: '9999' },
    }]);
  });

  it('CH-4 an override of a charge in the cart takes a reason before anything is sent, then a manager\'s approval', async () => {
    const { el, api } = await till();
    await click(el, 'Charges');
    const dialog = deep(el, 'charges-dialog');
    await click(dialog, 'Override FREIGHT: Whole order');
    type(field(el, 'amount'), '0');
    await click(dialog, 'Override charge');
    expect(api.sent).to.deep.equal([]);
    expect(deep(dialog, '#reasonCode-error').textContent).to.contain('Choose a reason');
    type(field(el, 'reasonCode'), 'PRICE_MATCH');
    await click(dialog, 'Override charge');
    await approveAsManager(el);
    expect(api.sent.at(-1)!.command).to.deep.equal({ type: 'register.overrideCharge', registerId: 'R1', key: freight.key, amount: 0, reasonCode: 'PRICE_MATCH' });
  });

  it('CU-1 Edit customer opens the sale\'s customer in the customer dialog; CU-9 ship lines name the address\'s contact', async () => {
    const { el } = await till();
    expect(deep(el, 'till-cart tr[data-line="T-R1-000009-2"]').textContent).to.contain('12 Pike St, Seattle (Front desk, 555-0199)');
    await click(el, 'Edit customer');
    const dialog = deep(el, 'customer-dialog');
    expect(deep<HTMLInputElement>(dialog, '[data-field="name"]').value).to.equal('Anna Berg');
    expect(allButtons(dialog).map((b) => b.textContent!.trim())).to.include('Issue loyalty card');
  });

  it('CH-4 the charges dialog passes the accessibility audit', async () => {
    const { el } = await till();
    await click(el, 'Charges');
    await expect(deep(el, 'charges-dialog')).to.be.accessible();
  });
});
