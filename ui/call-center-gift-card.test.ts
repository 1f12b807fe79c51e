import { expect, fixture, html } from '@open-wc/testing';
import type { CallCenterGiftCard } from './call-center-gift-card.ts';
import './call-center-gift-card.ts';
import { $, describe, has, it, settle, text, type } from './testing/dom.ts';
import { FakeCallCenterDesk } from './testing/fake-call-center-desk.ts';

async function mount(desk = new FakeCallCenterDesk()) {
  const el = await fixture<CallCenterGiftCard>(html`<call-center-gift-card .desk=${desk}></call-center-gift-card>`);
  return { el, desk };
}

describe('<call-center-gift-card>', () => {
  it('CC-8 shows what the card holds in money once its number is typed, read once per number', async () => {
    const { el, desk } = await mount();
    const read: string[] = [];
    const balance = desk.giftCardBalance.bind(desk);
    desk.giftCardBalance = (cardNumber) => { read.push(cardNumber); return balance(cardNumber); };
    expect(has(el, '[data-balance]')).to.equal(false);
    type($(el, 'input[name="giftCardNumber"]'), 'GC-77');
    await settle(el);
    expect(text($(el, '[data-balance]'))).to.equal('This card holds $50.00.');
    expect(await el.giftCard()).to.deep.equal({ number: 'GC-77', balance: 5000 });
    type($(el, 'input[name="giftCardNumber"]'), 'EMPTY-1');
    await settle(el);
    expect(text($(el, '[data-balance]'))).to.equal('This card holds $0.00.');
    expect(read).to.deep.equal(['GC-77', 'EMPTY-1']);
  });

  it('CC-8 without a number, or when the balance cannot be read, says why in plain words', async () => {
    const { el, desk } = await mount();
    expect(await el.giftCard()).to.deep.include({ rule: 'CC-8', field: 'giftCardNumber', message: "enter the gift card's number" });
    desk.giftCardBalance = () => Promise.reject(new Error('the server cannot be reached'));
    type($(el, 'input[name="giftCardNumber"]'), 'GC-1');
    expect(await el.giftCard()).to.deep.include({ rule: 'NETWORK', message: 'the server cannot be reached' });
    expect(has(el, '[data-balance]')).to.equal(false);
  });
});
