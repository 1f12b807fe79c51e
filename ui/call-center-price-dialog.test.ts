import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CallCenterApp } from './call-center-app.ts';
import './call-center-app.ts';
import type { CallCenterPriceDialog } from './call-center-price-dialog.ts';
import './call-center-price-dialog.ts';
import { $, alerts, click, deep, deepAll, describe, it, settle, text, type } from './testing/dom.ts';
import { FakeCallCenterDesk } from './testing/fake-call-center-desk.ts';

/** The agent's page (order entry inside the call center's app, so the room's news reaches the open order). */
async function agentPage(operatorId: 'agent1' | 'agent2') {
  const desk = new FakeCallCenterDesk(operatorId);
  const el = await fixture<CallCenterApp>(html`<call-center-app .desk=${desk}></call-center-app>`);
  const screen = $(el, 'call-center-screen');
  await settle(screen);
  return { el, screen, desk };
}

const field = (root: Element, name: string) => deep<HTMLInputElement>(root, `[name="${name}"]`);

/** Anna's order under SUM27 by standard shipping with a Trail tent ($179.99 in the summer catalog). */
async function tentOrder(operatorId: 'agent1' | 'agent2') {
  const page = await agentPage(operatorId);
  const { screen } = page;
  type(field(screen, 'phone'), '0101');
  field(screen, 'phone').form!.requestSubmit();
  await settle(screen);
  await click(screen, /Anna Berg/);
  type(field(screen, 'sourceCode'), 'SUM27');
  await click(screen, 'Use code');
  type(deep(screen, 'select[name="mode"]'), 'STD');
  await settle(screen);
  type(field(screen, 'item'), 'P-TENT');
  field(screen, 'item').form!.requestSubmit();
  await settle(screen);
  return page;
}

/** Opens the tent line's price dialog and asks for `price` (and why). */
async function askPrice(screen: HTMLElement, price: string, reason = '') {
  await click(screen, 'Change price of Trail tent');
  const dialog = deep<CallCenterPriceDialog>(screen, 'call-center-price-dialog');
  await settle(dialog);
  type(field(dialog, 'unitPrice'), price);
  type(field(dialog, 'reason'), reason);
  field(dialog, 'unitPrice').form!.requestSubmit();
  await settle(screen);
  await settle(dialog);
  return dialog;
}

const linePrice = (screen: HTMLElement) => text(deep(screen, 'tr[data-line] [data-unit-price]'));

describe('<call-center-price-dialog>', () => {
  it('CC-20 is a modal dialog named for the item, the price focused; it emits the new price in minor units, or cancel', async () => {
    const el = await fixture<CallCenterPriceDialog>(html`<call-center-price-dialog itemName="Trail tent" .unitPrice=${17999} currency="USD"></call-center-price-dialog>`);
    const dialog = $(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(text($(el, 'h2'))).to.equal('Change the price of Trail tent');
    expect(text($(el, '#intro'))).to.equal('It sells at $179.99 now.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('unitPrice');
    type($(el, '[name="unitPrice"]'), '159.5');
    type($(el, '[name="reason"]'), 'Price match');
    setTimeout(() => ($(el, 'form') as HTMLFormElement).requestSubmit());
    const { detail } = await oneEvent(el, 'price-change');
    expect(detail).to.deep.equal({ unitPrice: 15950, reason: 'Price match' });
    setTimeout(() => $(el, 'button[type="button"]').click());
    await oneEvent(el, 'price-cancel');
  });

  it('CC-20 a price that is not an amount is said in place and nothing is sent', async () => {
    const el = await fixture<CallCenterPriceDialog>(html`<call-center-price-dialog itemName="Trail tent" .unitPrice=${17999}></call-center-price-dialog>`);
    let sent = false;
    el.addEventListener('price-change', () => { sent = true; });
    type($(el, '[name="unitPrice"]'), 'cheaper');
    ($(el, 'form') as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(alerts(el)).to.deep.equal(['Enter the new price as an amount, like 159.99']);
    expect($(el, '[name="unitPrice"]').getAttribute('aria-invalid')).to.equal('true');
    expect(sent).to.equal(false);
  });
});

describe('CC-20 price control on the agent\'s screen', () => {
  it('CC-20 an agent allowed to set prices changes one within tolerance; beyond it the refusal says the range in money', async () => {
    const { screen, desk } = await tentOrder('agent1');
    expect(linePrice(screen)).to.equal('$179.99');
    const dialog = await askPrice(screen, '150.00');
    // 5% either side of $179.99: $170.99 to $188.99; the dialog stays open with the refusal.
    expect(alerts(dialog).join(' ')).to.contain('between $170.99 and $188.99').and.contain('not $150.00').and.not.contain('15000');
    expect(deepAll(screen, 'call-center-price-dialog')).to.have.length(1);
    expect(linePrice(screen)).to.equal('$179.99');
    type(field(dialog, 'unitPrice'), '175.00');
    field(dialog, 'unitPrice').form!.requestSubmit();
    await settle(screen);
    expect(deepAll(screen, 'call-center-price-dialog')).to.have.length(0);
    expect(linePrice(screen)).to.equal('$175.00');
    expect(text(deep(screen, '[data-price-notice]'))).to.equal('Trail tent now sells at $175.00.');
    expect([...desk.orders.values()][0]!.lines[0]).to.include({ unitPrice: 17500, priceSource: 'priceChange' });
    expect(desk.requests).to.deep.equal([]);
  });

  it('CC-20 an agent without the right files a request; the price stays until a supervisor approves it, then the open order shows it', async () => {
    const { screen, desk } = await tentOrder('agent2');
    await askPrice(screen, '150.00', 'Competitor price');
    expect(text(deep(screen, '[data-price-notice]'))).to.equal('Request sent to a supervisor; the price stays $179.99 until it is approved.');
    expect(linePrice(screen)).to.equal('$179.99');
    expect(text(deep(screen, '[data-awaited]'))).to.equal('$150.00 asked');
    expect(desk.requests[0]).to.include({ status: 'pending', requestedBy: 'agent2', itemName: 'Trail tent', requestedPrice: 15000, reason: 'Competitor price' });
    // The supervisor approves it elsewhere; the room tells the agent's page, which reads the order again.
    const decided = await desk.decideAs('super1', desk.requests[0]!.requestId, { approve: true });
    expect(decided.ok).to.equal(true);
    await settle(screen);
    expect(linePrice(screen)).to.equal('$150.00');
    expect(text(deep(screen, '[data-price-notice]'))).to.equal('A supervisor approved $150.00 for Trail tent.');
  });

  it('CC-20 a declined request leaves the price and says why', async () => {
    const { screen, desk } = await tentOrder('agent2');
    await askPrice(screen, '150.00');
    await desk.decideAs('super1', desk.requests[0]!.requestId, { approve: false, reason: 'Below our floor price' });
    await settle(screen);
    expect(linePrice(screen)).to.equal('$179.99');
    expect(text(deep(screen, '[data-price-notice]'))).to.equal('A supervisor declined $150.00 for Trail tent (Below our floor price); the price stays $179.99.');
  });
});
