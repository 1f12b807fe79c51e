import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { CallCenterScreen } from './call-center-screen.ts';
import './call-center-screen.ts';
import { $, $$, alerts, allButtons, button, click, deepText, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeCallCenterDesk } from './testing/fake-call-center-desk.ts';

/** The chain's stores as GET /api/sites gives them. */
const sites = async () => ({ stores: [{ id: 'S1', name: 'Seattle', registerIds: ['R1'] }, { id: 'S2', name: 'Portland', registerIds: ['R3'] }], warehouses: [] });

async function mount(desk = new FakeCallCenterDesk()) {
  const el = await fixture<CallCenterScreen>(html`<call-center-screen .desk=${desk} .sitesWith=${sites}></call-center-screen>`);
  return { el, desk };
}

const input = (el: CallCenterScreen, name: string) => $(el, `[name="${name}"]`) as HTMLInputElement;

async function submitForm(el: CallCenterScreen, field: string, value: string) {
  type(input(el, field), value);
  input(el, field).form!.requestSubmit();
  await settle(el);
}

/** Anna's order, found by phone, under SUM27 by standard shipping. */
async function annasOrder() {
  const { el, desk } = await mount();
  await submitForm(el, 'phone', '0101');
  await click(el, /Anna Berg/);
  type(input(el, 'sourceCode'), 'sum27');
  await click(el, 'Use code');
  const mode = $(el, 'select[name="mode"]') as HTMLSelectElement;
  type(mode, 'STD');
  await settle(el);
  return { el, desk };
}

async function addItem(el: CallCenterScreen, item: string, quantity = 1) {
  type(input(el, 'quantity'), String(quantity));
  await submitForm(el, 'item', item);
}

describe('<call-center-screen>', () => {
  it('CC-3 finds the customer by phone and takes the order; a new customer is created and taken', async () => {
    const { el, desk } = await mount();
    await submitForm(el, 'phone', '0199');
    expect($$(el, 'button[data-customer]').map(text)).to.deep.equal(['Cal Rivera · 555-0199 · cal@example.com · account C-CAL']);
    await click(el, 'New customer');
    type(input(el, 'newPhone'), '555-0300');
    await submitForm(el, 'newName', 'Dee Okafor');
    expect(text($(el, 'h2#header'))).to.contain('Dee Okafor');
    expect(desk.customers.at(-1)!.name).to.equal('Dee Okafor');
  });

  it('a lookup the server cannot answer is said in place, not lost', async () => {
    const { el, desk } = await mount();
    desk.findCustomers = () => Promise.reject(new Error('the server cannot be reached'));
    await submitForm(el, 'name', 'Anna');
    expect(alerts(el).join(' ')).to.match(/^The server cannot be reached/);
    expect(has(el, 'button[data-customer]')).to.equal(false);
  });

  it('CC-4 looks up source codes, All or only those sent to the customer, and shows the Beginning script (CC-10)', async () => {
    const { el } = await annasOrder();
    expect(text($(el, 'aside'))).to.contain('Thank you for calling about our Summer Camping catalog.');
    type(input(el, 'sourceCode'), '');
    await click(el, 'Look up');
    expect($$(el, 'button[data-code]').map((b) => b.dataset.code)).to.deep.equal(['SUM27', 'SUM27-WEB', 'WIN27']);
    await click(el, 'Sent to this customer');
    expect($$(el, 'button[data-code]').map((b) => b.dataset.code)).to.deep.equal(['SUM27', 'SUM27-WEB']);
    expect(button(el, 'Sent to this customer').getAttribute('aria-pressed')).to.equal('true');
  });

  it('CC-4 a source code that does not exist is refused in plain words, the rule only in the detail line', async () => {
    const { el } = await annasOrder();
    type(input(el, 'sourceCode'), 'NOPE');
    await click(el, 'Use code');
    const [alert] = alerts(el);
    expect(alert).to.match(/^There is no source code NOPE/i);
    expect(alert).to.contain('CC-4');
  });

  it('CC-11 a cross-sell offer after a line adds the suggested item; CC-10 the item script is read', async () => {
    const { el, desk } = await annasOrder();
    await addItem(el, 'P-STOVE');
    expect(text($(el, 'aside'))).to.contain('fuel cannot be shipped by air');
    expect(text($(el, '[data-offer="crossSell"]'))).to.contain('Offer Fuel canister with Camp stove');
    await click(el, 'Add cross-sell');
    const order = [...desk.orders.values()][0]!;
    expect(order.lines.map((l) => [l.productId, l.quantity])).to.deep.equal([['P-STOVE', 1], ['P-FUEL', 1]]);
    expect(has(el, '[data-offer]')).to.equal(false);
  });

  it('CC-11 accepting an up-sell replaces the item and keeps the quantity; declining changes nothing', async () => {
    const { el, desk } = await annasOrder();
    await addItem(el, 'lantern', 3);
    await click(el, 'Accept up-sell');
    const order = () => [...desk.orders.values()][0]!;
    expect(order().lines.map((l) => [l.productId, l.quantity, l.unitPrice])).to.deep.equal([['P-HEADLAMP', 3, 2999]]);
    await addItem(el, 'P-LAMP', 2);
    await click(el, 'No, thanks');
    expect(order().lines.map((l) => l.productId)).to.deep.equal(['P-HEADLAMP', 'P-LAMP']);
  });

  it('CC-22 a line picked up at a store names that store; without one it ships from the warehouse', async () => {
    const { el, desk } = await annasOrder();
    const asked: unknown[] = [];
    const addLine = desk.addLine.bind(desk);
    desk.addLine = (orderId, line) => { asked.push(line); return addLine(orderId, line); };
    expect(text($(el, 'label:has(select[name="store"])'))).to.match(/^Ship from/);
    expect($$(el, 'select[name="store"] option').map(text)).to.deep.equal(["The call center's warehouse", 'Seattle', 'Portland']);
    await addItem(el, 'P-TENT');
    type($(el, 'select[name="store"]'), 'S2');
    await settle(el);
    await addItem(el, 'P-PAD');
    expect(asked).to.deep.equal([{ productId: 'P-TENT', quantity: 1 }, { productId: 'P-PAD', quantity: 1, locationId: 'S2' }]);
  });

  it('CC-22 a pickup order asks which store, the first one unless another is chosen, and its line names it', async () => {
    const { el, desk } = await annasOrder();
    const asked: unknown[] = [];
    const addLine = desk.addLine.bind(desk);
    desk.addLine = (orderId, line) => { asked.push(line); return addLine(orderId, line); };
    // The header's mode is the channel's pickup mode (the desk's view gives each mode its kind).
    const view = el.view!;
    el.view = { ...view, modes: [...view.modes, { code: 'PICKUP', name: 'Pick up in store', kind: 'pickup' }], order: { ...view.order, header: { ...view.order.header, modeCode: 'PICKUP' } } };
    await settle(el);
    expect(text($(el, 'label:has(select[name="store"])'))).to.match(/^Pickup store/);
    expect($$(el, 'select[name="store"] option').map(text)).to.deep.equal(['Seattle', 'Portland']);
    await addItem(el, 'P-TENT');
    expect(asked).to.deep.equal([{ productId: 'P-TENT', quantity: 1, locationId: 'S1' }]);
  });

  it('CC-22 changing the mode of delivery offers to update the lines', async () => {
    const { el, desk } = await annasOrder();
    await addItem(el, 'P-TENT');
    type($(el, 'select[name="mode"]'), 'EXP');
    await settle(el);
    expect(text($(el, '[data-offer="mode"]'))).to.contain('1 line goes by another mode. Change it to Express too?');
    await click(el, 'Change the lines too');
    const order = [...desk.orders.values()][0]!;
    expect([order.header.modeCode, order.lines[0]!.modeCode]).to.deep.equal(['EXP', 'EXP']);
  });

  it('CC-13 a coupon below its minimum is entered, not applied, with how much more to spend; an expired one is refused', async () => {
    const { el } = await annasOrder();
    await addItem(el, 'P-TENT');
    await submitForm(el, 'coupon', 'SAVE20');
    expect(text($(el, '.warning[role="status"]'))).to.equal('Coupon SAVE20 is entered but not applied: spend $120.01 more for it to apply.');
    await submitForm(el, 'coupon', 'OLD10');
    expect(alerts(el).join(' ')).to.contain('Coupon OLD10 expired on 2026-12-31');
  });

  it('CC-6 / CC-8 / CC-9 the summary adds up, takes the channel\'s methods, and a declined card leaves the order not approved', async () => {
    const { el, desk } = await annasOrder();
    desk.declineCards = true;
    await addItem(el, 'P-TENT', 2);
    await click(el, 'Summary');
    expect(text($(el, 'aside'))).to.contain('Your summer order ships within two days.');
    // 2 x $179.99 (catalog price), tax 8.25%.
    expect(text($(el, '[data-total="subtotal"]'))).to.contain('$359.98');
    expect(text($(el, '[data-total="tax"]'))).to.contain('$29.70');
    expect(text($(el, '[data-total="total"]'))).to.contain('$389.68');
    // On account is not offered: Anna may not pay on account.
    expect($$(el, 'select[name="method"] option').map(text)).to.deep.equal(['Cash', 'Check', 'Card']);
    type($(el, 'select[name="method"]'), 'CARD');
    await settle(el);
    await click(el, '% of total');
    type(input(el, 'cardNumber'), 'tok-4111');
    await submitForm(el, 'paymentAmount', '100');
    expect(text($(el, '[data-total="balance"]'))).to.contain('$0.00');
    await click(el, 'Submit');
    expect(text($(el, 'tr[data-payment="P1"]'))).to.contain('Not authorized');
    expect(text($(el, '[data-status]'))).to.equal('Do not process');
    expect(text($(el, 'p[role="status"]'))).to.contain('a payment was declined');
    // Another way to pay, and the order goes through.
    type($(el, 'select[name="method"]'), 'CASH');
    await settle(el);
    await submitForm(el, 'paymentAmount', '389.68');
    await click(el, 'Remove payment 1');
    await click(el, 'Submit again');
    expect(text($(el, '[data-status]'))).to.equal('Submitted');
    expect(text($(el, 'p[role="status"]'))).to.contain('every payment is approved');
  });

  it('CC-3 a customer who gave no phone is listed without an empty part', async () => {
    const { el, desk } = await mount();
    desk.customers.push({ customerId: 'C-DEE', name: 'Dee Okafor', phone: '', email: 'dee@example.com', account: 'C-DEE' });
    await submitForm(el, 'name', 'Dee');
    expect($$(el, 'button[data-customer]').map(text)).to.deep.equal(['Dee Okafor · dee@example.com · account C-DEE']);
  });

  it('CC-8 a card number is not left on the screen once its payment is on the order', async () => {
    const { el } = await annasOrder();
    await addItem(el, 'P-PAD');
    await click(el, 'Summary');
    type($(el, 'select[name="method"]'), 'CARD');
    await settle(el);
    type(input(el, 'cardNumber'), 'tok-4111');
    await submitForm(el, 'paymentAmount', '10.00');
    expect(text($(el, 'tr[data-payment="P1"]'))).to.contain('Card');
    expect(input(el, 'cardNumber').value).to.equal('');
  });

  it('CC-8 a check needs its number (refused in place)', async () => {
    const { el } = await annasOrder();
    await addItem(el, 'P-PAD');
    await click(el, 'Summary');
    type($(el, 'select[name="method"]'), 'CHECK');
    await settle(el);
    await submitForm(el, 'paymentAmount', '10.00');
    expect(alerts(el).join(' ')).to.contain('A check payment needs the check number');
  });

  it('CC-8 a gift card pays a share up to its balance; a payment not yet submitted can be removed', async () => {
    const { el, desk } = await annasOrder();
    desk.center.paymentMethods.push({ code: 'GIFT', name: 'Gift card', kind: 'giftCard' });
    await addItem(el, 'P-TENT');
    await click(el, 'Summary');
    type($(el, 'select[name="method"]'), 'GIFT');
    await settle(el);
    await click(el, '% of total');
    const sent: unknown[] = [];
    const addPayment = desk.addPayment.bind(desk);
    desk.addPayment = (orderId, entry) => { sent.push(entry); return addPayment(orderId, entry); };
    type($(el, 'call-center-gift-card', 'input[name="giftCardNumber"]'), 'GC-77');
    await settle(el);
    expect(text($(el, 'call-center-gift-card', '[data-balance]'))).to.equal('This card holds $50.00.');
    await submitForm(el, 'paymentAmount', '50');
    // 50% of $194.84 is $97.42, more than the card's $50.00: refused on the screen, nothing sent.
    expect(alerts(el).join(' ')).to.contain('The gift card holds $50.00, less than the $97.42 asked of it');
    expect(sent).to.deep.equal([]);
    type(input(el, 'paymentAmount'), '20');
    input(el, 'paymentAmount').form!.requestSubmit();
    await settle(el);
    expect(text($(el, 'tr[data-payment="P1"]'))).to.contain('Gift card').and.contain('$38.97');
    await click(el, 'Remove payment 1');
    expect(has(el, 'tr[data-payment]')).to.equal(false);
  });

  it('CC-15 a continuity club line is billed with the program\'s shipments: the summary says so beside a Subtotal of $0.00', async () => {
    const { el, desk } = await annasOrder();
    await addItem(el, 'P-TENT');
    const [orderId, order] = [...desk.orders.entries()][0]!;
    // P-TENT sold as a continuity program's parent item: its child orders bill it.
    desk.orders.set(orderId, { ...order, terms: { ...order.terms, continuityParentItems: ['P-TENT'] } });
    el.view = await desk.reloadOrder(orderId);
    await click(el, 'Summary');
    const row = (key: string) => $$(el, `tr[data-total="${key}"] td`).map(text);
    expect(row('subtotal')).to.deep.equal(['Subtotal', '$0.00']);
    expect(row('billedByProgram')).to.deep.equal(["Billed with the program's shipments", '$179.99']);
  });

  it('CC-15 an order with no continuity line shows no program row', async () => {
    const { el } = await annasOrder();
    await addItem(el, 'P-TENT');
    await click(el, 'Summary');
    expect(has(el, 'tr[data-total="billedByProgram"]')).to.equal(false);
  });

  it('CC-3 several customers found by name, phone or account are listed; choosing one takes the order for them', async () => {
    const { el } = await mount();
    const found = () => $$(el, 'button[data-customer]').map((b) => b.dataset.customer);
    for (const [name, value] of [['name', 'a'], ['phone', '555-01'], ['account', 'C-']] as const) {
      for (const other of ['name', 'phone', 'email', 'account']) type(input(el, other), '');
      await submitForm(el, name, value);
      expect(found(), name).to.deep.equal(['C-ANNA', 'C-CAL']);
    }
    await click(el, /Cal Rivera/);
    expect(text($(el, 'h2#header'))).to.contain('Cal Rivera').and.contain('account C-CAL');
    expect(has(el, 'button[data-customer]')).to.equal(false);
  });

  it('CC-7 with order completion off, leaving saves the order as submitted', async () => {
    const desk = new FakeCallCenterDesk('agent1', 'callCenterAgent', false);
    const { el } = await mount(desk);
    await submitForm(el, 'name', 'Cal');
    await click(el, /Cal Rivera/);
    type($(el, 'select[name="mode"]'), 'STD');
    await settle(el);
    await addItem(el, 'P-PAD');
    expect(has(el, 'button[data-action="summary"]')).to.equal(false);
    await click(el, 'Next call');
    expect([...desk.orders.values()][0]!.log.map((e) => e.kind)).to.deep.equal(['created', 'submitted']);
    expect(text($(el, 'h1'))).to.contain('find the customer');
  });

  it('CC-7 leaving an unsubmitted order with lines forces the summary; Hold lets the agent go', async () => {
    const { el, desk } = await annasOrder();
    await addItem(el, 'P-PAD');
    await click(el, 'Next call');
    expect(alerts(el).join(' ')).to.contain('This order is not finished');
    expect(has(el, 'button[data-action="back"]')).to.equal(false);
    await click(el, 'Hold');
    const order = [...desk.orders.values()][0]!;
    expect(order.holds.map((h) => [h.code, h.origin])).to.deep.equal([['GEN', 'summary']]);
    await click(el, 'Next call');
    expect(text($(el, 'h1'))).to.contain('find the customer');
  });

  it('touch targets are 44px and the entry fits 1366x768 and 1024x768 without scrolling the page', async () => {
    for (const [width, height] of [[1366, 768], [1024, 768]] as const) {
      fixtureCleanup();
      await setViewport({ width, height });
      const { el } = await annasOrder();
      await addItem(el, 'P-STOVE');
      expectTouchSize(allButtons(el));
      expect(document.documentElement.scrollWidth, `width at ${width}`).to.be.at.most(width);
      expect(el.getBoundingClientRect().bottom, `height at ${width}`).to.be.at.most(height);
      expect(deepText(el)).not.to.match(/\b(entering|awaitingPayment|submitted)\b/);
    }
  });
});
