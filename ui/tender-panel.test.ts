import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TenderChoice, TenderPanel } from './tender-panel.ts';
import './tender-panel.ts';
import { orderSearchQuery } from './order-recall.ts';
import { moneyInput, parseMoney } from './till-shared.ts';
import { alerts, allButtons, button, deep, deepAll, describe, expectTouchSize, it, settle, type } from './testing/dom.ts';

async function panel(fields: { due: number; tendered?: number; keepUpTo?: number | null; orderCardToken?: string | null; needsCardToken?: boolean }) {
  const el = await fixture<TenderPanel>(html`<tender-panel .due=${fields.due} .tendered=${fields.tendered ?? 0} .keepUpTo=${fields.keepUpTo ?? null}
    .orderCardToken=${fields.orderCardToken ?? null} ?needsCardToken=${fields.needsCardToken ?? false}></tender-panel>`);
  await settle(el);
  return el;
}

async function tenderWith(el: TenderPanel, label: string): Promise<TenderChoice> {
  const event = oneEvent(el, 'tender') as Promise<CustomEvent<TenderChoice>>;
  button(el, label).click();
  return (await event).detail;
}

describe('money entry', () => {
  it('reads amounts typed at the till as minor units', () => {
    expect(parseMoney('12.50')).to.equal(1250);
    expect(parseMoney('12.5')).to.equal(1250);
    expect(parseMoney('$7')).to.equal(700);
    expect(parseMoney('0.05')).to.equal(5);
    expect(parseMoney('-3.10', true)).to.equal(-310);
    expect(parseMoney('-3.10')).to.equal(null);
    expect(parseMoney('1.234')).to.equal(null);
    expect(parseMoney('abc')).to.equal(null);
    expect(moneyInput(1250)).to.equal('12.50');
    expect(moneyInput(-5)).to.equal('-0.05');
  });

  it('CO-13 builds the order search query from the fields set (empty ones left out)', () => {
    const empty = { value: '', customer: '', from: '', to: '', status: '', storeId: '', preset: '' } as const;
    expect(orderSearchQuery(empty)).to.equal('order-search');
    expect(orderSearchQuery({ ...empty, value: ' T-R1-000004 ', status: 'PartiallyPicked', preset: 'toPickUp' })).to.equal('order-search?value=T-R1-000004&status=PartiallyPicked&preset=toPickUp');
    expect(orderSearchQuery({ ...empty, customer: 'Anna B', from: '2026-11-23', storeId: 'S2' })).to.equal('order-search?customer=Anna+B&from=2026-11-23&storeId=S2');
  });
});

describe('<tender-panel>', () => {
  it('pays the remaining amount by default, after what was tendered before', async () => {
    const el = await panel({ due: 5498, tendered: 2000 });
    expect(deep(el, '[data-testid="remaining"]').textContent!.trim()).to.equal('$34.98');
    expect(await tenderWith(el, 'Cash')).to.deep.equal({ method: 'cash', amount: 3498 });
  });

  it('shows the change for cash over what the transaction keeps', async () => {
    const el = await panel({ due: 5498, tendered: 2000 });
    type(deep<HTMLInputElement>(el, 'input[name="amount"]'), '40');
    await settle(el);
    expect(deep(el, '[data-testid="change"]').textContent!.trim()).to.equal('$5.02');
    expect(await tenderWith(el, 'Cash')).to.deep.equal({ method: 'cash', amount: 4000 });
  });

  it('offers rounded-up cash amounts', async () => {
    const el = await panel({ due: 5498 });
    expect(deepAll(el, '[aria-label="Quick cash amounts"] button').map((b) => b.textContent!.trim())).to.deep.equal(['$60.00', '$100.00']);
    button(el, '$60.00').click();
    await settle(el);
    expect(deep<HTMLInputElement>(el, 'input[name="amount"]').value).to.equal('60.00');
    expect(deep(el, '[data-testid="change"]').textContent!.trim()).to.equal('$5.02');
  });

  it('CO-8 sends the card token typed with a card (and with cash, for the balance)', async () => {
    const el = await panel({ due: 2299, needsCardToken: true });
    expect(el.shadowRoot!.textContent).to.contain('needed for the balance of a ship order').and.not.contain('CO-8');
    type(deep<HTMLInputElement>(el, 'input[name="cardToken"]'), ' tok_1 ');
    expect(await tenderWith(el, 'Card')).to.deep.equal({ method: 'card', amount: 2299, cardToken: 'tok_1' });
    expect(await tenderWith(el, 'Cash')).to.deep.equal({ method: 'cash', amount: 2299, cardToken: 'tok_1' });
  });

  it('CO-8 charges the card token on the order', async () => {
    const el = await panel({ due: 19800, orderCardToken: 'tok_anna_visa' });
    expect(await tenderWith(el, 'Card on file (tok_anna_visa)')).to.deep.equal({ method: 'cardToken', amount: 19800 });
  });

  it('refunds a negative due as a negative tender', async () => {
    const el = await panel({ due: -3247 });
    expect(el.shadowRoot!.textContent).to.contain('Refund to the customer');
    expect(deep(el, '[data-testid="remaining"]').textContent!.trim()).to.equal('$32.47');
    expect(await tenderWith(el, 'Refund cash')).to.deep.equal({ method: 'cash', amount: -3247 });
    type(deep<HTMLInputElement>(el, 'input[name="amount"]'), '10');
    await settle(el);
    expect(deepAll(el, '[data-testid="change"]'), 'a refund gives no change').to.have.length(0);
    expect(deepAll(el, '[data-testid="prepaid"]')).to.have.length(0);
    expect(await tenderWith(el, 'Refund to card')).to.deep.equal({ method: 'card', amount: -1000 });
  });

  it('finishes with a zero tender when nothing is due', async () => {
    const el = await panel({ due: 0 });
    expect(el.shadowRoot!.textContent).to.contain('Nothing to pay');
    expect(await tenderWith(el, 'Card')).to.deep.equal({ method: 'card', amount: 0 });
  });

  it('refuses an amount it cannot read, in place, without tendering', async () => {
    const el = await panel({ due: 1000 });
    let tendered = false;
    el.addEventListener('tender', () => { tendered = true; });
    type(deep<HTMLInputElement>(el, 'input[name="amount"]'), '12,50');
    button(el, 'Cash').click();
    await settle(el);
    expect(tendered).to.equal(false);
    expect(alerts(el)).to.deep.equal(['Enter an amount like 20.00']);
    expect(deep(el, 'input[name="amount"]').getAttribute('aria-invalid')).to.equal('true');
  });

  it('passes the accessibility audit; buttons are at least 44x44', async () => {
    const el = await panel({ due: 5498, orderCardToken: 'tok_x', needsCardToken: true });
    await expect(el).to.be.accessible();
    expectTouchSize(allButtons(el));
  });
});
