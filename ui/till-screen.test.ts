import { expect, fixture, html } from '@open-wc/testing';
import type { Setup } from './api.ts';
import type { TillScreen } from './till-screen.ts';
import './till-screen.ts';
import { alerts, allButtons, button, click, deep, deepAll, describe, expectTouchSize, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { emptyTotals, openShift, shiftReport } from '../engine/domain/shift.ts';
import type { ReceiptDocument } from '../engine/domain/receipt-document.ts';
import { customerView, line, orderRow, registerView, syncView, transaction } from './testing/till-views.ts';

/** A sale of 2 lamps (carried out) and a tent shipped from W1 for Anna, the tent highlighted. */
function saleView(overrides: { selectedLineId?: string | null; orderType?: 'customerOrder' | 'quote'; charges?: boolean } = {}) {
  const lamp = line('T-R1-000007-1', 'P-LAMP', 2, 2499);
  const tent = line('T-R1-000007-2', 'P-TENT', 1, 19999, {
    kind: 'ship', modeCode: 'STD', locationId: 'W1', address: { street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' },
  });
  const charges = overrides.charges === false ? [] : [{ key: 'H:FREIGHT:AC-GROUND', level: 'header' as const, chargeCode: 'FREIGHT', amount: 995, source: 'auto' as const, autoChargeId: 'AC-GROUND', overridden: false }];
  return registerView({
    transaction: transaction({ cart: { customerId: 'C-ANNA', lines: [lamp, tent], charges, selectedLineId: overrides.selectedLineId === undefined ? tent.lineId : overrides.selectedLineId, orderType: overrides.orderType ?? 'customerOrder' } }),
    // net 4998 + 19999 = 24997; tax 500 + 2000 = 2500; charges 995; total 28492; ordered 19999+2000+995 = 22994; carry out 5498
    totals: { net: 24997, tax: 2500, charges: 995, total: 28492, orderedTotal: 22994, carryOutTotal: 5498 },
    due: 7797,
  });
}

async function till(setup: Setup = demoSetup(), view = saleView(), store = { orders: [orderRow()], sync: syncView() }) {
  const api = new FakeStoreApi(setup);
  api.getAnswers.set('customers/C-ANNA', { customer: customerView() });
  const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
  api.connect(view, store);
  await settle(el);
  return { el, api };
}

describe('<till-screen>', () => {
  it('follows its register room and its store room, and stops when removed', async () => {
    const { el, api } = await till();
    expect(api.subscriptions).to.deep.equal([['register:R1', 'store:S1']]);
    el.remove();
    expect(api.unsubscribed).to.equal(1);
  });

  it('CO-5 renders the cart lines, tax, charges, total and the amount due from the register room', async () => {
    const { el } = await till();
    const rows = deepAll(el, 'till-cart tr[data-line]');
    expect(rows.map((r) => r.dataset.line)).to.deep.equal(['T-R1-000007-1', 'T-R1-000007-2']);
    expect(rows[0]!.textContent).to.contain('Camp lamp').and.contain('Carry out').and.contain('$54.98');
    expect(rows[1]!.textContent).to.contain('Two-person tent').and.contain('Ship: Standard ground from Kent warehouse').and.contain('$219.99');
    const total = (name: string) => deep(el, `[data-total="${name}"]`).textContent!.trim();
    expect(total('net')).to.equal('$249.97');
    expect(total('tax')).to.equal('$25.00');
    expect(total('charges')).to.equal('$9.95');
    expect(total('total')).to.equal('$284.92');
    expect(total('due')).to.equal('$77.97');
    expect(deep(el, 'till-cart tr[data-charge]').textContent).to.contain('Freight').and.contain('$9.95');
    expect(deep(el, 'tender-panel [data-testid="remaining"]').textContent!.trim()).to.equal('$77.97');
    expect(deep(el, '[data-testid="customer"]').textContent).to.contain('Anna Berg').and.contain('C-ANNA');
  });

  it('opens the shift as the signed-in operator with the opening float counted into the drawer', async () => {
    const { el, api } = await till(demoSetup(), registerView({ operatorId: null }));
    expect(deep(el, '[data-testid="shift"]').textContent).to.contain('Shift closed');
    await click(el, 'Open shift as Casey Cashier');
    type(deep(el, 'amount-dialog input[name="amount"]'), '150.00');
    await click(el, /^Open shift$/);
    expect(api.commands).to.deep.equal([{ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1', openingFloat: 15_000 }]);
  });

  it('closes the shift with the tender declaration when no transaction is open, a count that is not an amount stays in the dialog', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    await click(el, 'Close shift');
    type(deep(el, 'shift-close-dialog input[name="cash"]'), 'lots');
    await click(el, 'Count and close');
    expect(api.commands).to.deep.equal([]);
    expect(alerts(el).join(' ')).to.contain('Enter an amount');
    type(deep(el, 'shift-close-dialog input[name="cash"]'), '212.34');
    type(deep(el, 'shift-close-dialog input[name="card"]'), '40');
    const shift = { ...openShift('SH-R1-000004', 'cashier1', 0, 20_000), totals: { ...emptyTotals(), sales: 1_234, tenders: { cash: 1_234, card: 4_000, cardToken: 0 } } };
    api.queue.push({ zReport: shiftReport('Z', { storeId: 'S1', registerId: 'R1' }, shift, 0, { cash: 21_234, card: 4_000, cardToken: 0 }) });
    await click(el, 'Count and close');
    expect(api.commands).to.deep.equal([{ type: 'register.closeShift', registerId: 'R1', declaration: { cash: 21_234, card: 4_000, cardToken: 0 } }]);
    // The Z report that came back: the drawer balances.
    expect(deep(el, 'shift-report-view [data-testid="report-heading"]').textContent).to.contain('Z report').and.contain('SH-R1-000004');
    expect(deep(el, 'shift-report-view [data-testid="over-short"]').textContent).to.equal('balanced');
    expect(deep(el, 'shift-report-view [data-testid="net-takings"]').textContent).to.equal('$52.34');
  });

  it('shows the last transaction\'s receipt in the store\'s currency, an earlier one on request, and emails it; a refused address stays in the dialog', async () => {
    const receipt: ReceiptDocument = {
      transactionId: 'T-R1-000003', kind: 'sale', isQuote: false, storeId: 'S1', storeName: 'Seattle', currency: 'USD', registerId: 'R1', shiftId: 'SH-R1-000001',
      operatorId: 'cashier1', at: 0, receiptId: 'T-R1-000003', invoiceId: null, rmaNumber: null,
      lines: [{ productId: 'P-LAMP', description: 'Camp lamp', quantity: 1, unitPrice: 2499, net: 2499, tax: 250, charges: 0 }],
      net: 2499, tax: 250, charges: 0, total: 2749, due: 2749, tenders: [{ method: 'cash', amount: 3000 }], change: 251, order: null, cancellationCharge: null,
    };
    const earlier: ReceiptDocument = { ...receipt, transactionId: 'T-R1-000002', receiptId: 'T-R1-000002', total: 1429, due: 1429, change: 0, tenders: [{ method: 'card', amount: 1429 }] };
    const { el, api } = await till(demoSetup(), { ...registerView(), receipts: [receipt, earlier] });
    await click(el, 'Receipt');
    const choice = deep<HTMLSelectElement>(el, 'receipt-dialog select');
    choice.value = '1';
    choice.dispatchEvent(new Event('change'));
    await settle(el);
    expect(deep(el, 'receipt-view [data-testid="receipt-total"]').textContent).to.equal('$14.29');
    choice.value = '0';
    choice.dispatchEvent(new Event('change'));
    await settle(el);
    expect(deep(el, 'receipt-view [data-testid="receipt-total"]').textContent).to.equal('$27.49');
    expect(deep(el, 'receipt-view [data-testid="receipt-change"]').textContent).to.equal('$2.51');
    expect(deep(el, 'receipt-view [data-testid="receipt"]').textContent).to.contain('Register R1 - shift SH-R1-000001 - cashier1').and.contain('Camp lamp');
    api.queue.push({ rule: 'VALIDATION', field: 'email', message: 'email: expected an email address like name@example.com' });
    type(deep(el, 'receipt-dialog input[name="email"]'), 'anna');
    await click(el, 'Email receipt');
    expect(alerts(el).join(' ')).to.contain('Expected an email address');
    type(deep(el, 'receipt-dialog input[name="email"]'), 'anna@example.com');
    await click(el, 'Email receipt');
    expect(api.commands.at(-1)).to.deep.equal({ type: 'register.emailReceipt', registerId: 'R1', email: 'anna@example.com', transactionId: 'T-R1-000003' });
    expect(deep(el, 'receipt-dialog [data-testid="emailed"]').textContent).to.contain('anna@example.com');
  });

  it('keeps the receipts through register updates (which leave them out) and takes new ones from a receipts message', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    expect(allButtons(el).map((b) => b.textContent!.trim())).to.not.include('Receipt');
    const receipt = { transactionId: 'T-R1-000001', kind: 'sale', total: 2749, currency: 'USD', lines: [] } as unknown as ReceiptDocument;
    api.push('register:R1', 'receipts', 'R1', [receipt]);
    await settle(el);
    expect(allButtons(el).map((b) => b.textContent!.trim())).to.include('Receipt');
    const { receipts: _left, ...update } = registerView();
    api.push('register:R1', 'register', 'R1', update);
    await settle(el);
    expect(allButtons(el).map((b) => b.textContent!.trim()), 'a register update keeps the receipts').to.include('Receipt');
  });

  it('adds a product from the pad with the quantity chosen', async () => {
    const { el, api } = await till();
    await click(el, 'Quantity up');
    await click(el, 'Quantity up');
    deep<HTMLButtonElement>(el, 'button[data-product="P-SOCKS"]').click();
    await settle(el);
    expect(api.commands).to.deep.equal([{ type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 3 }]);
    expect(deep<HTMLInputElement>(el, '#pad-qty').value).to.equal('1');
  });

  it('ST-5 a price override asks for a manager approval and adds the next product at that price', async () => {
    const { el, api } = await till();
    await click(el, 'Price override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '15.00');
    await click(deep(el, 'amount-dialog'), 'Use this price');
    expect(deep(el, '[data-testid="price-override"]').textContent).to.equal('$15.00');
    deep<HTMLButtonElement>(el, 'button[data-product="P-LAMP"]').click();
    await settle(el);
    expect(api.sent, 'nothing is sent before the approval').to.deep.equal([]);
    const approval = deep(el, 'approval-dialog');
    expect(approval.shadowRoot!.textContent).to.contain('Price override: Camp lamp at $15.00');
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
    await click(approval, 'Approve');
    expect(api.sent).to.deep.equal([{ command: { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1, unitPrice: 1500 }, approval: { operatorId: 'manager1', pin: '9999' } }]);
    expect(deepAll(el, '[data-testid="price-override"]'), 'the price was for one product').to.have.length(0);
  });

  it('ST-5 an operator with the price override permission adds at the price alone; a cleared price is not used', async () => {
    const { el, api } = await till(demoSetup({ permissions: ['priceOverride'] }));
    await click(el, 'Price override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '9.5');
    await click(deep(el, 'amount-dialog'), 'Use this price');
    deep<HTMLButtonElement>(el, 'button[data-product="P-SOCKS"]').click();
    await settle(el);
    await click(el, 'Price override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '1.00');
    await click(deep(el, 'amount-dialog'), 'Use this price');
    await click(el, 'Clear price');
    deep<HTMLButtonElement>(el, 'button[data-product="P-SOCKS"]').click();
    await settle(el);
    expect(api.commands).to.deep.equal([
      { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1, unitPrice: 950 },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 },
    ]);
  });

  it('changes quantities, removes and highlights lines', async () => {
    const { el, api } = await till();
    await click(el, 'One more Camp lamp');
    await click(el, 'One less Camp lamp');
    await click(el, 'Remove Two-person tent');
    deep<HTMLButtonElement>(el, 'tr[data-line="T-R1-000007-1"] button.line-name').click();
    await settle(el);
    deep<HTMLButtonElement>(el, 'tr[data-line="T-R1-000007-2"] button.line-name').click();
    await settle(el);
    expect(api.commands).to.deep.equal([
      { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000007-1', quantity: 3 },
      { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000007-1', quantity: 1 },
      { type: 'register.removeLine', registerId: 'R1', lineId: 'T-R1-000007-2' },
      { type: 'register.selectLine', registerId: 'R1', lineId: 'T-R1-000007-1' },
      // The highlighted line tapped again lets go of it.
      { type: 'register.selectLine', registerId: 'R1', lineId: null },
    ]);
  });

  it('shows a refusal in place with the rule and the server\'s message', async () => {
    const { el, api } = await till();
    api.answerNext({ rule: 'CO-10', field: 'quantity', message: 'line T-R1-000007-1 has 2 units in fulfilment: quantity cannot go below that' });
    await click(el, 'One less Camp lamp');
    const alert = deep(el, '[role="alert"][data-area="cart"]');
    expect(alert.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Line T-R1-000007-1 has 2 units in fulfilment: quantity cannot go below that Ref. CO-10, quantity');
    // The next accepted command clears it.
    await click(el, 'One more Camp lamp');
    expect(deepAll(el, '[role="alert"][data-area="cart"]')).to.have.length(0);
  });

  it('CO-2 ship all sends the mode, ship-from and date chosen', async () => {
    const { el, api } = await till();
    await click(el, 'Ship all');
    const dialog = deep(el, 'delivery-dialog');
    type(deep<HTMLSelectElement>(dialog, 'select[name="modeCode"]'), 'EXP');
    type(deep<HTMLSelectElement>(dialog, 'select[name="locationId"]'), 'S2');
    type(deep<HTMLInputElement>(dialog, 'input[name="date"]'), '2026-11-25');
    await click(dialog, 'Ship all');
    expect(api.commands).to.deep.equal([{ type: 'register.shipAll', registerId: 'R1', modeCode: 'EXP', locationId: 'S2', date: '2026-11-25' }]);
    expect(deepAll(el, 'delivery-dialog')).to.have.length(0);
  });

  it('CO-3 ship to another address of the customer', async () => {
    const { el, api } = await till();
    await click(el, 'Ship all');
    const dialog = deep(el, 'delivery-dialog');
    type(deep<HTMLSelectElement>(dialog, 'select[name="addressId"]'), 'A-ANNA-HOME');
    await click(dialog, 'Ship all');
    expect(api.commands[0]).to.deep.equal({
      type: 'register.shipAll', registerId: 'R1', modeCode: 'STD',
      address: { street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' },
    });
  });

  it('CO-2 "selected" with a highlighted line sets that line', async () => {
    const { el, api } = await till();
    await click(el, 'Pick up selected');
    const dialog = deep(el, 'delivery-dialog');
    type(deep<HTMLSelectElement>(dialog, 'select[name="locationId"]'), 'S2');
    await click(dialog, 'Pick up selected');
    expect(api.commands).to.deep.equal([{ type: 'register.pickupSelected', registerId: 'R1', locationId: 'S2' }]);
  });

  it('CO-2 "selected" with no line highlighted opens a picker whose lines are sent', async () => {
    const { el, api } = await till(demoSetup(), saleView({ selectedLineId: null }));
    await click(el, 'Ship selected');
    const dialog = deep(el, 'delivery-dialog');
    await click(dialog, 'Ship selected');
    expect(api.commands, 'nothing picked: nothing sent').to.deep.equal([]);
    expect(alerts(dialog)).to.deep.equal(['Choose at least one line']);
    const boxes = deepAll<HTMLInputElement>(dialog, 'input[name="lineIds"]');
    boxes[0]!.click();
    boxes[1]!.click();
    await click(dialog, 'Ship selected');
    expect(api.commands).to.deep.equal([{ type: 'register.shipSelected', registerId: 'R1', lineIds: ['T-R1-000007-1', 'T-R1-000007-2'], modeCode: 'STD' }]);
  });

  it('CO-2 carry out all, carry out the highlighted line, and change the mode of delivery', async () => {
    const { el, api } = await till();
    await click(el, 'Carry out all');
    await click(el, 'Carry out selected');
    await click(el, 'Change mode of delivery');
    const dialog = deep(el, 'delivery-dialog');
    type(deep<HTMLSelectElement>(dialog, 'select[name="modeCode"]'), 'EXP');
    await click(dialog, 'Change mode of delivery');
    expect(api.commands).to.deep.equal([
      { type: 'register.carryOutAll', registerId: 'R1' },
      { type: 'register.carryOutSelected', registerId: 'R1' },
      { type: 'register.changeModeOfDelivery', registerId: 'R1', modeCode: 'EXP' },
    ]);
  });

  it('CO-1 a delivery refusal is shown in the dialog, which stays open', async () => {
    const { el, api } = await till();
    api.answerNext({ rule: 'CO-1', field: 'customerId', message: 'add a customer before shipping: the address comes from the customer' });
    await click(el, 'Ship all');
    await click(deep(el, 'delivery-dialog'), 'Ship all');
    expect(alerts(deep(el, 'delivery-dialog'))).to.deep.equal(['Add a customer before shipping: the address comes from the customer Ref. CO-1, customerId']);
  });

  it('CO-9 the Quote button sets the order type and back', async () => {
    const { el, api } = await till();
    await click(el, 'Quote');
    expect(api.commands).to.deep.equal([{ type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' }]);
    api.connect(saleView({ orderType: 'quote' }));
    await settle(el);
    expect(button(el, 'Quote').getAttribute('aria-pressed')).to.equal('true');
    await click(el, 'Quote');
    expect(api.commands[1]).to.deep.equal({ type: 'register.setOrderType', registerId: 'R1', orderType: 'customerOrder' });
  });

  it('CO-7 deposit override asks for a manager approval and sends it with the command', async () => {
    const { el, api } = await till();
    await click(el, 'Deposit override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '50.00');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    expect(api.sent, 'nothing is sent before the approval').to.deep.equal([]);
    const approval = deep(el, 'approval-dialog');
    expect(approval.shadowRoot!.textContent).to.contain('Deposit override: $50.00');
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
    await click(approval, 'Approve');
    expect(api.sent).to.deep.equal([{ command: { type: 'register.overrideDeposit', registerId: 'R1', amount: 5000 }, approval: { operatorId: 'manager1', pin: '9999' } }]);
    expect(deepAll(el, 'approval-dialog')).to.have.length(0);
    expect(deepAll(el, 'amount-dialog')).to.have.length(0);
  });

  it('CO-7 an operator with the privilege overrides the deposit without an approval', async () => {
    const { el, api } = await till(demoSetup({ permissions: ['depositOverride'] }));
    await click(el, 'Deposit override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '12.5');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    expect(api.sent).to.deep.equal([{ command: { type: 'register.overrideDeposit', registerId: 'R1', amount: 1250 } }]);
  });

  it('CO-7 when the server refuses for the privilege, the approval dialog opens with its message', async () => {
    const { el, api } = await till(demoSetup({ permissions: ['depositOverride'] }));
    api.answerNext({ rule: 'CO-7', field: 'operatorId', message: 'You may not override the deposit: ask a store manager' });
    await click(el, 'Deposit override');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    const approval = deep(el, 'approval-dialog');
    expect(approval.shadowRoot!.textContent).to.contain('You may not override the deposit: ask a store manager').and.contain('Ref. CO-7, operatorId');
  });

  it('CO-7 an amount the rule refuses is shown at the amount, in the dialog', async () => {
    const { el, api } = await till(demoSetup({ permissions: ['depositOverride'] }));
    api.answerNext({ rule: 'CO-7', field: 'amount', message: 'the deposit must be between $0.00 and the order\'s $229.94' });
    await click(el, 'Deposit override');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '500');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    const dialog = deep(el, 'amount-dialog');
    expect(alerts(dialog)).to.deep.equal(['The deposit must be between $0.00 and the order\'s $229.94 Ref. CO-7, amount']);
    expect(deep(dialog, 'input[name="amount"]').getAttribute('aria-invalid')).to.equal('true');
    expect(deepAll(el, 'approval-dialog')).to.have.length(0);
  });

  it('ST-5 a wrong approver PIN is shown in the approval dialog, which stays open', async () => {
    const { el, api } = await till();
    api.answerNext({ rule: 'ST-5', field: 'approval', message: 'the approval is refused: wrong operator or PIN, or the approver does not work at this store' });
    await click(el, 'Deposit override');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    const approval = deep(el, 'approval-dialog');
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '0000');
    await click(approval, 'Approve');
    expect(alerts(approval)).to.deep.equal(['The approval is refused: wrong operator or PIN, or the approver does not work at this store Ref. ST-5, approval']);
    expect(deepAll(el, 'amount-dialog')).to.have.length(1);
  });

  it('CH-4 charge override asks for the amount, a reason code and a manager approval', async () => {
    const { el, api } = await till();
    await click(el, /^Override Freight/);
    const dialog = deep(el, 'amount-dialog');
    type(deep<HTMLInputElement>(dialog, 'input[name="amount"]'), '4.00');
    type(deep<HTMLInputElement>(dialog, 'input[name="reasonCode"]'), 'GOODWILL');
    await click(dialog, 'Override charge');
    const approval = deep(el, 'approval-dialog');
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
    await click(approval, 'Approve');
    expect(api.sent).to.deep.equal([{
      command: { type: 'register.overrideCharge', registerId: 'R1', key: 'H:FREIGHT:AC-GROUND', amount: 400, reasonCode: 'GOODWILL' },
      approval: { operatorId: 'manager1', pin: '9999' },
    }]);
  });

  it('tenders cash, shows the change, and tells what the sale created', async () => {
    const setup = demoSetup();
    const cashSale = registerView({
      transaction: transaction({ cart: { lines: [line('T-R1-000007-1', 'P-LAMP', 2, 2499)] } }),
      totals: { net: 4998, tax: 500, charges: 0, total: 5498, orderedTotal: 0, carryOutTotal: 5498 }, due: 5498,
    });
    const { el, api } = await till(setup, cashSale);
    const panel = deep(el, 'tender-panel');
    type(deep<HTMLInputElement>(panel, 'input[name="amount"]'), '60');
    await settle(el);
    expect(deep(panel, '[data-testid="change"]').textContent!.trim()).to.equal('$5.02');
    api.answerNext({ registerId: 'R1', transactionId: 'T-R1-000007', completed: true, change: 502, receiptId: 'T-R1-000007' });
    await click(panel, 'Cash');
    expect(api.commands).to.deep.equal([{ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 6000 }]);
    expect(deep(el, '[role="status"].notice').textContent).to.contain('receipt T-R1-000007').and.contain('Change $5.02');
  });

  it('CO-5 cash beyond the deposit is kept as prepayment, not change, up to what the order owes', async () => {
    const { el } = await till();
    const panel = deep(el, 'tender-panel');
    type(deep<HTMLInputElement>(panel, 'input[name="amount"]'), '100');
    await settle(el);
    expect(deep(panel, '[data-testid="prepaid"]').textContent!.trim()).to.equal('$22.03');
    expect(deepAll(panel, '[data-testid="change"]')).to.have.length(0);
  });

  it('CO-8 tenders a card with a card token, and charges the card token of the order', async () => {
    const { el, api } = await till();
    const panel = deep(el, 'tender-panel');
    expect(panel.shadowRoot!.textContent).to.contain('Card token');
    type(deep<HTMLInputElement>(panel, 'input[name="cardToken"]'), 'tok_anna_visa');
    api.answerNext({ completed: true, change: 0, orderId: 'CO-000009', confirmationNumber: 'S1-T-R1-000007', mode: 'realtime', salesOrderId: 'SO-000009' });
    await click(panel, 'Card');
    expect(api.commands).to.deep.equal([{ type: 'register.tender', registerId: 'R1', method: 'card', amount: 7797, cardToken: 'tok_anna_visa' }]);
    expect(deep(el, '.notice').textContent).to.contain('Customer order CO-000009 created').and.contain('confirmation S1-T-R1-000007 (realtime, sales order SO-000009)');

    const pickup = registerView({
      transaction: transaction({ kind: 'pickup', cardToken: 'tok_anna_visa', cart: { customerId: 'C-ANNA', lines: [line('T-R2-000001-2', 'P-TENT', 1, 19999, { kind: 'pickup', modeCode: 'PICKUP', locationId: 'S1' })] } }),
      due: 19800,
    });
    api.connect(pickup);
    await settle(el);
    await click(deep(el, 'tender-panel'), 'Card on file (tok_anna_visa)');
    expect(api.commands[1]).to.deep.equal({ type: 'register.tender', registerId: 'R1', method: 'cardToken', amount: 19800 });
  });

  it('CO-8 a tender refusal is shown in the payment panel', async () => {
    const { el, api } = await till();
    api.answerNext({ rule: 'CO-8', field: 'cardToken', message: 'this ship order is not fully paid: take a card for the balance' });
    await click(deep(el, 'tender-panel'), 'Cash');
    expect(alerts(deep(el, 'tender-panel'))).to.deep.equal(['This ship order is not fully paid: take a card for the balance Ref. CO-8, cardToken']);
  });

  it('voids the transaction', async () => {
    const { el, api } = await till();
    await click(el, 'Void');
    expect(api.commands).to.deep.equal([{ type: 'register.void', registerId: 'R1' }]);
  });

  it('re-renders on live register updates', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    expect(deepAll(el, 'till-cart')).to.have.length(0);
    api.push('register:R1', 'register', 'R1', saleView());
    await settle(el);
    expect(deepAll(el, 'till-cart tr[data-line]')).to.have.length(2);
    api.push('register:R1', 'register', 'R1', registerView({ operatorId: null }));
    await settle(el);
    expect(deep(el, '[data-testid="shift"]').textContent).to.contain('Shift closed');
  });

  it('FF-6 shows an order picked up at another store turning Invoiced, live', async () => {
    const { el, api } = await till();
    const badge = () => deep(el, 'li[data-order="CO-000002"] order-status-badge') as HTMLElement & { status: string };
    expect(badge().status).to.equal('Open');
    api.push('store:S1', 'order', 'CO-000002', orderRow({ headerStatus: 'Invoiced', paid: 23428, lines: [{ ...orderRow().lines[0]!, status: 'Invoiced', invoiced: 1 }] }));
    await settle(el);
    expect(badge().status).to.equal('Invoiced');
    expect(deep(el, 'li[data-order="CO-000002"]').textContent).to.contain('Pick up at Portland').and.contain('Updated');
    api.push('store:S1', 'order', 'CO-000010', orderRow({ orderId: 'CO-000010', createdAt: 5_000 }));
    await settle(el);
    expect(deepAll(el, 'li[data-order]').map((r) => r.dataset.order)).to.deep.equal(['CO-000010', 'CO-000002']);
  });

  it('SY-3 shows the connection and the link to headquarters with its queue, live', async () => {
    const { el, api } = await till();
    expect(deep(el, '[data-testid="connection"]').textContent!.trim()).to.equal('Live');
    expect(deep(el, '[data-testid="link"]').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Headquarters: Online - nothing queued');
    api.push('store:S1', 'sync', 'S1', syncView({ link: 'offline', realtimeReachable: false, batchReachable: false, pending: 3 }));
    await settle(el);
    const link = deep(el, '[data-testid="link"]');
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Headquarters: Offline - 3 queued');
    expect(link.classList.contains('bad')).to.equal(true);
    api.push('store:S1', 'sync', 'S1', syncView({ link: 'degraded', realtimeReachable: false, pending: 1 }));
    await settle(el);
    expect(deep(el, '[data-testid="link"]').classList.contains('warn')).to.equal(true);
    api.handlers!.connection!(false);
    await settle(el);
    expect(deep(el, '[data-testid="connection"]').textContent!.trim()).to.equal('Disconnected: reconnecting');
  });

  it('CU-4 shows the cart customer\'s "Pending sync" and its account once synced, live', async () => {
    const api = new FakeStoreApi(demoSetup());
    api.getAnswers.set('customers/G-1', { customer: customerView({ customerId: 'G-1', name: 'Nia New', pendingSync: true }) });
    const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
    api.connect(registerView({ transaction: transaction({ cart: { customerId: 'G-1' } }) }));
    await settle(el);
    expect(deep(el, '[data-testid="customer"]').textContent).to.contain('Nia New').and.contain('Pending sync');
    api.push('store:S1', 'customer', 'G-1', { customerId: 'G-1', account: 'C-000005', pendingSync: false, name: 'Nia New' });
    await settle(el);
    expect(deep(el, '[data-testid="customer"]').textContent).to.contain('C-000005').and.not.contain('Pending sync');
  });

  it('CO-10 an order recalled for edit shows its locked prices and can be recalculated, then tendered', async () => {
    const locked = { ...line('T-R1-000002-1', 'P-LAMP', 2, 2499, { kind: 'ship', modeCode: 'STD', locationId: 'W1' }), priceLocked: true };
    const edit = registerView({
      transaction: transaction({
        kind: 'orderEdit', cardToken: 'tok_anna_visa', cart: { customerId: 'C-ANNA', lines: [locked] },
        order: { orderId: 'CO-000001', customerId: 'C-ANNA', lines: [], payments: [], invoices: [], cardToken: 'tok_anna_visa', charges: [], depositOverride: null, isQuote: false },
      }),
      totals: { net: 4998, tax: 500, charges: 0, total: 5498, orderedTotal: 5498, carryOutTotal: 0 }, due: 0,
    });
    const { el, api } = await till(demoSetup(), edit);
    expect(deep(el, '#transaction-heading').textContent).to.contain('Editing order CO-000001');
    expect(deep(el, 'tr[data-line="T-R1-000002-1"]').textContent).to.contain('Price locked');
    expect(deepAll(el, 'button').some((b) => b.textContent!.trim() === 'Quote'), 'the order type is the order\'s').to.equal(false);
    await click(el, 'Recalculate');
    await click(deep(el, 'tender-panel'), 'Card');
    expect(api.commands).to.deep.equal([
      { type: 'register.recalculate', registerId: 'R1' },
      { type: 'register.tender', registerId: 'R1', method: 'card', amount: 0 },
    ]);
  });

  it('ST-5 a session without a register works no till: it is told to sign in at one', async () => {
    const base = demoSetup();
    const setup: Setup = { ...base, session: { ...base.session, registerId: null } };
    const api = new FakeStoreApi(setup);
    const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
    expect(api.subscriptions).to.deep.equal([]);
    expect(alerts(el)).to.deep.equal(['A till is worked signed in at its register: sign out, then sign in with the register\'s id (R1, R2).']);
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(0);
  });

  it('ST-5 a refused room is shown', async () => {
    const { el, api } = await till();
    api.handlers!.refused!({ rule: 'ST-5', field: 'rooms.0', message: 'room "register:R1" is not this screen\'s' });
    await settle(el);
    expect(alerts(el)).to.deep.equal(['Room "register:R1" is not this screen\'s Ref. ST-5, rooms.0']);
  });

  it('reads the register over HTTP when the live feed is down', async () => {
    const api = new FakeStoreApi(demoSetup());
    api.getAnswers.set('registers/R1', { register: registerView() });
    const el = await fixture<TillScreen>(html`<till-screen .api=${api}></till-screen>`);
    await settle(el);
    expect(deep(el, '#idle-heading').textContent).to.contain('Ready for the next customer');
    api.handlers!.connection!(false);
    api.getAnswers.set('registers/R1', { register: registerView({ operatorId: null }) });
    api.queue.push({ zReport: shiftReport('Z', { storeId: 'S1', registerId: 'R1' }, openShift('SH-R1-000001', 'cashier1', 0, 0), 0, { cash: 0, card: 0, cardToken: 0 }) });
    await click(el, 'Close shift');
    await click(el, 'Count and close');
    expect(api.commands).to.deep.equal([{ type: 'register.closeShift', registerId: 'R1', declaration: { cash: 0, card: 0, cardToken: 0 } }]);
    expect(deep(el, '[data-testid="shift"]').textContent).to.contain('Shift closed');
  });

  it('buttons are at least 44x44 CSS px', async () => {
    const { el } = await till();
    const buttons = allButtons(el);
    expect(buttons.length).to.be.greaterThan(15);
    expectTouchSize(buttons);
  });

  it('passes the accessibility audit (sale, closed register, approval)', async () => {
    const { el } = await till();
    await expect(el).to.be.accessible();
    const closed = await till(demoSetup(), registerView({ operatorId: null }));
    await expect(closed.el).to.be.accessible();
    await click(el, 'Deposit override');
    await click(deep(el, 'amount-dialog'), 'Override deposit');
    await expect(el).to.be.accessible();
  });
});

describe('<till-screen> recall, cancel, pick up and return', () => {
  function cancellation(charge: number, due: number) {
    return registerView({
      transaction: transaction({
        kind: 'cancellation', cancellationCharge: charge,
        order: {
          orderId: 'CO-000003', customerId: 'C-ACME', payments: [], invoices: [], cardToken: null, charges: [], depositOverride: null, isQuote: false,
          lines: [{ ...line('T-R2-000002-1', 'P-STOVE', 4, 8950, { kind: 'ship', modeCode: 'EXP', locationId: 'W1' }), progress: { quantity: 4, accepted: true, pickListId: null, picked: 0, packed: 0, invoiced: 0, rejected: 0, returned: 0 } }],
        },
        cart: { customerId: 'C-ACME' },
      }),
      due,
    });
  }

  it('CO-10 CO-13 recalls an order for edit from the search with its filters', async () => {
    const stores = [{ id: 'S1', name: 'Seattle', locationId: 'S1' }, { id: 'S2', name: 'Portland', locationId: 'S2' }];
    const { el, api } = await till({ ...demoSetup(), stores }, registerView());
    api.getAnswers.set('order-search', (path: string) => ({ orders: path.includes('status=Open') ? [orderRow({ orderId: 'CO-000004', lines: [] })] : [orderRow()], truncated: false }));
    await click(el, 'Recall order');
    const recall = deep(el, 'order-recall');
    type(deep<HTMLInputElement>(recall, 'input[name="customer"]'), 'anna');
    type(deep<HTMLSelectElement>(recall, 'select[name="storeId"]'), 'S2');
    type(deep<HTMLSelectElement>(recall, 'select[name="status"]'), 'Open');
    await settle(el);
    await click(recall, 'Search');
    expect(api.reads.filter((r) => r.startsWith('order-search'))).to.include('order-search?customer=anna&status=Open&storeId=S2');
    expect(deepAll(recall, 'tr[data-order]').map((r) => r.dataset.order)).to.deep.equal(['CO-000004']);
    await click(recall, 'Edit CO-000004');
    expect(api.commands).to.deep.equal([{ type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000004', purpose: 'edit' }]);
    expect(deepAll(el, 'order-recall')).to.have.length(0);
  });

  it('CO-10 a refused recall is shown on the order\'s row', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    api.getAnswers.set('order-search', { orders: [orderRow({ headerStatus: 'Invoiced' })], truncated: false });
    api.answerNext({ rule: 'CO-10', field: 'orderId', message: 'order CO-000002 is invoiced: it cannot be edited' });
    await click(el, 'Recall order');
    await click(deep(el, 'order-recall'), 'Edit CO-000002');
    expect(alerts(deep(deep(el, 'order-recall'), 'tr[data-order="CO-000002"]'))).to.deep.equal(['Order CO-000002 is invoiced: it cannot be edited Ref. CO-10, orderId']);
  });

  it('CO-11 cancel shows the proposed charge from the recall, adjusts it with an approval and shows the refund', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    api.getAnswers.set('order-search', { orders: [orderRow({ orderId: 'CO-000003' })], truncated: false });
    api.answerNext({ registerId: 'R1', transactionId: 'T-R1-000008', orderId: 'CO-000003', proposedCharge: 1969 });
    await click(el, 'Recall order');
    await click(deep(el, 'order-recall'), 'Cancel order CO-000003');
    expect(api.commands).to.deep.equal([{ type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000003', purpose: 'cancel' }]);
    // Deposits of 50.00 held: the refund is 50.00 - 19.69.
    api.push('register:R1', 'register', 'R1', cancellation(1969, 1969 - 5000));
    await settle(el);
    expect(deep(el, '[data-testid="proposed-charge"]').textContent!.trim()).to.equal('$19.69');
    expect(deep(el, '[data-testid="cancellation-outcome"]').textContent).to.contain('Refund to the customer').and.contain('$30.31');
    expect(deep(el, 'till-cart tr[data-line="T-R2-000002-1"]').textContent, 'the order being cancelled').to.contain('Camp stove').and.contain('Express air');
    await click(el, 'Adjust charge');
    type(deep<HTMLInputElement>(el, 'amount-dialog input[name="amount"]'), '10');
    await click(deep(el, 'amount-dialog'), 'Set charge');
    const approval = deep(el, 'approval-dialog');
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
    await click(approval, 'Approve');
    expect(api.sent[1]).to.deep.equal({ command: { type: 'register.adjustCancellationCharge', registerId: 'R1', amount: 1000 }, approval: { operatorId: 'manager1', pin: '9999' } });
    api.push('register:R1', 'register', 'R1', cancellation(1000, 1000 - 5000));
    await settle(el);
    expect(deep(el, '[data-testid="cancellation-charge"]').textContent!.trim()).to.equal('$10.00');
    expect(deep(el, '[data-testid="proposed-charge"]').textContent!.trim()).to.equal('$19.69');
    api.answerNext({ completed: true, change: 0, orderId: 'CO-000003' });
    await click(deep(el, 'tender-panel'), 'Refund cash');
    expect(api.commands[2]).to.deep.equal({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: -4000 });
    expect(deep(el, '.notice').textContent).to.contain('Order CO-000003 cancelled: refunded $40.00');
  });

  it('CO-11 a charge above the deposits is what the customer owes', async () => {
    const { el } = await till(demoSetup(), cancellation(1969, 1969));
    expect(deep(el, '[data-testid="cancellation-outcome"]').textContent).to.contain('The customer owes').and.contain('$19.69');
  });

  it('FF-6 CO-14 recalls an order for pickup at this store; where it cannot, the button is disabled with the reason', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    const offered = { offered: true } as const;
    const operations = (pickup: { offered: true } | { offered: false; rule: string; reason: string }) => ({ edit: offered, cancel: offered, pickup, fulfil: offered, return: offered });
    api.getAnswers.set('order-search', { truncated: false, orders: [
      { ...orderRow(), receiptIds: [], operations: operations(offered) },
      { ...orderRow({ orderId: 'CO-000001' }), receiptIds: [], operations: operations({ offered: false, rule: 'FF-6', reason: 'No line of this order is for pickup at this store.' }) },
    ] });
    await click(el, 'Recall order');
    const recall = deep(el, 'order-recall');
    expect(button(recall, 'Pick up CO-000001').disabled).to.equal(true);
    expect(deep(recall, 'tr[data-order="CO-000001"] .reason').textContent).to.contain('No line of this order is for pickup at this store.');
    await click(recall, 'Pick up CO-000002');
    expect(api.commands).to.deep.equal([{ type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000002', purpose: 'pickup' }]);
  });

  it('RT-1 RT-2 finds the original, returns the chosen lines with reason codes and refunds', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    await click(el, 'Return');
    const lookup = deep(el, 'return-lookup');
    deep<HTMLInputElement>(lookup, 'input[value="orderId"]').click();
    await settle(el);
    type(deep<HTMLInputElement>(lookup, 'input[name="value"]'), 'CO-000001');
    api.answerNext({ registerId: 'R1', transactionId: 'T-R1-000009', original: { kind: 'order', id: 'CO-000001' } });
    await click(lookup, 'Find original');
    expect(api.commands).to.deep.equal([{ type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000001' } }]);
    const source = {
      lines: [
        { lineId: 'L1', productId: 'P-LAMP', quantity: 2, unitPrice: 2499, taxRate: 1000, invoiced: 2 },
        { lineId: 'L2', productId: 'P-SOCKS', quantity: 3, unitPrice: 1299, taxRate: 1000, invoiced: 3 },
      ],
      charges: [],
      returns: [{ rmaNumber: 'RMA-000001', lines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED', net: -2499, tax: -250 }], charges: [], total: -2749 }],
    };
    const returning = (returnLines: { lineId: string; quantity: number; reasonCode: string }[], due: number) => registerView({
      transaction: transaction({ kind: 'return', returnOriginal: { kind: 'order', id: 'CO-000001', customerId: 'C-ANNA', source }, returnLines, cart: { customerId: 'C-ANNA' } }),
      due,
    });
    api.push('register:R1', 'register', 'R1', returning([], 0));
    await settle(el);
    const rows = deepAll(el, 'return-lines tr[data-line]');
    expect(rows.map((r) => r.querySelectorAll('td')[2]!.textContent!.trim()), 'returnable = invoiced - returned').to.deep.equal(['1', '3']);
    expect(deep<HTMLButtonElement>(deep(el, 'tender-panel'), 'button[data-method="cash"]').disabled, 'no refund before the lines').to.equal(true);
    type(deep<HTMLInputElement>(el, 'tr[data-line="L1"] input[type="number"]'), '1');
    type(deep<HTMLInputElement>(el, 'tr[data-line="L2"] input[type="number"]'), '2');
    type(deep<HTMLSelectElement>(el, 'tr[data-line="L2"] select'), 'CHANGED_MIND');
    await settle(el);
    await click(el, 'Apply return lines');
    expect(api.commands[1]).to.deep.equal({ type: 'register.setReturnLines', registerId: 'R1', lines: [
      { lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' },
      { lineId: 'L2', quantity: 2, reasonCode: 'CHANGED_MIND' },
    ] });
    api.push('register:R1', 'register', 'R1', returning([{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' }, { lineId: 'L2', quantity: 2, reasonCode: 'CHANGED_MIND' }], -5607));
    await settle(el);
    api.answerNext({ completed: true, change: 0, rmaNumber: 'RMA-000002' });
    await click(deep(el, 'tender-panel'), 'Refund to card');
    expect(api.commands[2]).to.deep.equal({ type: 'register.tender', registerId: 'R1', method: 'card', amount: -5607 });
    expect(deep(el, '.notice').textContent).to.contain('RMA RMA-000002').and.contain('$56.07');
  });

  it('RT-1 a return quantity the server refuses is shown at its line', async () => {
    const source = { lines: [{ lineId: 'L1', productId: 'P-LAMP', quantity: 2, unitPrice: 2499, taxRate: 1000, invoiced: 2 }], charges: [], returns: [] };
    const view = registerView({ transaction: transaction({ kind: 'return', returnOriginal: { kind: 'receipt', id: 'T-R1-000002', customerId: null, source } }), due: 0 });
    const { el, api } = await till(demoSetup(), view);
    api.answerNext({ rule: 'RT-1', field: 'lines.0.quantity', message: 'return quantity 5 exceeds invoiced minus returned (2)' });
    type(deep<HTMLInputElement>(el, 'tr[data-line="L1"] input[type="number"]'), '5');
    await settle(el);
    await click(el, 'Apply return lines');
    expect(alerts(deep(el, 'tr[data-line="L1"]'))).to.deep.equal(['Return quantity 5 exceeds invoiced minus returned (2) Ref. RT-1, lines.0.quantity']);
  });

  it('RT-1 a lookup that finds nothing is shown in the return dialog', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    api.answerNext({ rule: 'NOT_FOUND', field: 'lookup.value', message: 'no receipt "X-1"' });
    await click(el, 'Return');
    type(deep<HTMLInputElement>(el, 'return-lookup input[name="value"]'), 'X-1');
    await click(deep(el, 'return-lookup'), 'Find original');
    expect(alerts(deep(el, 'return-lookup'))).to.deep.equal(['No receipt "X-1" Ref. NOT_FOUND, lookup.value']);
  });

  it('RT-3 a refund the server says needs a manager override asks for an approval and sends it with the tender', async () => {
    const source = { lines: [{ lineId: 'L1', productId: 'P-TENT', quantity: 1, unitPrice: 19999, taxRate: 1000, invoiced: 1 }], charges: [], returns: [] };
    const view = registerView({
      transaction: transaction({ kind: 'return', returnOriginal: { kind: 'order', id: 'CO-000005', customerId: 'C-ANNA', source }, returnLines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' }] }),
      due: -23494,
    });
    const { el, api } = await till(demoSetup(), view);
    api.answerNext({ rule: 'RT-3', field: 'approverId', message: 'refunding more than $10.00 of shipping needs a manager\'s approval' });
    await click(deep(el, 'tender-panel'), 'Refund cash');
    const approval = deep(el, 'approval-dialog');
    expect(approval.shadowRoot!.textContent).to.contain('Refunding more than $10.00 of shipping needs a manager\'s approval').and.contain('Ref. RT-3, approverId');
    expect(alerts(deep(el, 'tender-panel')), 'not shown as a failure of the tender').to.deep.equal([]);
    type(deep<HTMLInputElement>(approval, 'input[name="operatorId"]'), 'manager1');
    type(deep<HTMLInputElement>(approval, 'input[name="pin"]'), '9999');
    api.answerNext({ completed: true, change: 0, rmaNumber: 'RMA-000003' });
    await click(approval, 'Approve');
    expect(api.sent).to.deep.equal([
      { command: { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -23494 } },
      { command: { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -23494 }, approval: { operatorId: 'manager1', pin: '9999' } },
    ]);
    expect(deep(el, '.notice').textContent).to.contain('RMA RMA-000003');
  });

  it('passes the accessibility audit with the recall and return dialogs', async () => {
    const { el, api } = await till(demoSetup(), registerView());
    api.getAnswers.set('order-search', { orders: [orderRow(), orderRow({ orderId: 'CO-000003', headerStatus: 'Cancelled', existsAtHeadquarters: false })], truncated: false });
    await click(el, 'Recall order');
    await expect(el).to.be.accessible();
    await click(deep(el, 'order-recall'), 'Close');
    await click(el, 'Return');
    await expect(el).to.be.accessible();
  });
});
