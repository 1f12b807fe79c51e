import { expect, fixture, html } from '@open-wc/testing';
import type { OrderRow } from './api.ts';
import type { Pickup } from './fulfillment-model.ts';
import type { PickupScreen } from './pickup-screen.ts';
import './pickup-screen.ts';
import { $, $$, describe, has, it, settle, text } from './testing/dom.ts';
import { FakeStoreApi, makeSetup } from './testing/fake-store-api.ts';
import { line, locationOrder, locationView, orderRow } from './testing/fulfillment-views.ts';

const ROOM = 'location:S1';

/** A customer waiting at the board: the pickup entry and its order's row. */
const waiting = (orderId: string, name: string, ready: boolean, units: number, createdAt: number): { pickup: Pickup; order: OrderRow } => ({
  pickup: { orderId, ready, units },
  order: orderRow(orderId, name, { createdAt, kinds: ['pickup'], channelReference: `S1-T-R2-${orderId.slice(-6)}` }),
});

const cal = waiting('CO-000005', 'Cal Rivera', false, 3, 2000);
const anna = waiting('CO-000009', 'Anna Berg', true, 1, 3000);
const acme = waiting('CO-000008', 'Acme Outfitters', false, 4, 1000);

async function mount(customers = [cal, anna, acme], session = {}) {
  const api = new FakeStoreApi(makeSetup({ storeId: 'S1', locationId: 'S1', registerId: null, ...session }));
  const el = await fixture<PickupScreen>(html`<pickup-screen .api=${api}></pickup-screen>`);
  api.state(ROOM, locationView([line('CO-000005', 'L5-1', 'P-TENT', 'pickup', { quantity: 1 })], customers.map((c) => c.pickup), customers.map((c) => c.order)));
  await settle(el);
  return { el, api };
}

const column = (el: PickupScreen, kind: 'preparing' | 'ready') => $(el, `section[data-column="${kind}"]`);
const names = (el: PickupScreen, kind: 'preparing' | 'ready') => $$(column(el, kind), 'li').map((li) => text(li.querySelector('.name')!));

describe('<pickup-screen>', () => {
  it('follows the store location\'s room and stops when removed', async () => {
    const { el, api } = await mount();
    expect(api.rooms()).to.deep.equal([ROOM]);
    el.remove();
    expect(api.rooms()).to.deep.equal([]);
  });

  it('FF-6 shows customers waiting as "Being prepared" or "Ready for pickup", oldest first, with name and confirmation number', async () => {
    const { el } = await mount();
    expect(text($(column(el, 'preparing'), 'h2'))).to.equal('Being prepared 2');
    expect(text($(column(el, 'ready'), 'h2'))).to.equal('Ready for pickup 1');
    expect(names(el, 'preparing')).to.deep.equal(['Acme Outfitters', 'Cal Rivera']);
    expect(names(el, 'ready')).to.deep.equal(['Anna Berg']);
    const calItem = $(el, 'li[data-order="CO-000005"]');
    expect(text(calItem)).to.contain('S1-T-R2-000005').and.contain('3 items');
  });

  it('CO-15 names the other person who collects an order; the customer stays the name it is listed under', async () => {
    const sam = { ...waiting('CO-000012', 'Anna Berg', true, 1, 500), pickup: { orderId: 'CO-000012', ready: true, units: 1, collector: { name: 'Sam Lee', phone: '555 0100' } } };
    const { el } = await mount([sam, cal]);
    const item = $(el, 'li[data-order="CO-000012"]');
    expect(text($(item, '.name'))).to.equal('Anna Berg');
    expect(text($(item, '[data-collector]'))).to.equal('Collected by Sam Lee');
    expect(text(item), 'the phone stays off the public board').not.to.contain('555');
    expect(has($(el, 'li[data-order="CO-000005"]'), '[data-collector]')).to.equal(false);
  });

  it('is readable from a distance: names at least 32px, confirmation numbers at least 20px, headings at least 28px', async () => {
    const { el } = await mount();
    const size = (node: Element) => parseFloat(getComputedStyle(node).fontSize);
    const atLeast = (selector: string, px: number) => {
      const found = $$(el, selector);
      expect(found.length, selector).to.be.greaterThan(0);
      for (const node of found) expect(size(node), selector).to.be.at.least(px);
    };
    atLeast('.name', 32);
    atLeast('.ref', 20);
    atLeast('h2', 28);
  });

  it('live: an order picked elsewhere moves to ready, is announced and highlighted; a new order appears; a collected one leaves', async () => {
    const { el, api } = await mount();
    const newcomer = waiting('CO-000011', 'Dana Newcomer', false, 2, 4000);
    const pickupLine = (orderId: string, picked: number) => line(orderId, 'L1', 'P-TENT', 'pickup', { quantity: 3, picked });
    api.emit(ROOM, 'locationOrder', cal.order.orderId, locationOrder(cal.order, [pickupLine(cal.order.orderId, 3)], { ...cal.pickup, ready: true }));
    api.emit(ROOM, 'locationOrder', newcomer.order.orderId, locationOrder(newcomer.order, [pickupLine(newcomer.order.orderId, 0)], newcomer.pickup));
    await settle(el);
    expect(names(el, 'ready')).to.deep.equal(['Cal Rivera', 'Anna Berg']);
    expect(names(el, 'preparing')).to.deep.equal(['Acme Outfitters', 'Dana Newcomer']);
    expect($(el, 'li[data-order="CO-000005"]').classList.contains('just-ready')).to.equal(true);
    expect($(el, 'li[data-order="CO-000009"]').classList.contains('just-ready'), 'ready before: not highlighted').to.equal(false);
    expect(text($(el, '[aria-live="polite"]'))).to.equal('Cal Rivera, order S1-T-R2-000005 is ready for pickup.');
    // Anna collects her order: it leaves the board.
    api.emit(ROOM, 'locationOrder', anna.order.orderId, locationOrder(anna.order, [], null));
    await settle(el);
    expect(names(el, 'ready')).to.deep.equal(['Cal Rivera']);
    expect(has(el, 'li[data-order="CO-000009"]')).to.equal(false);
  });

  it('live: a change of the order\'s row updates the customer\'s name', async () => {
    const { el, api } = await mount();
    api.emit(ROOM, 'locationOrder', 'CO-000005', locationOrder({ ...cal.order, customerName: 'Cal Rivera-Lopez' }, [line('CO-000005', 'L5-1', 'P-TENT', 'pickup', { quantity: 1 })], cal.pickup));
    await settle(el);
    expect(names(el, 'preparing')).to.deep.equal(['Acme Outfitters', 'Cal Rivera-Lopez']);
  });

  it('the first state is not announced; empty columns say so', async () => {
    const { el } = await mount([]);
    expect(text($(el, '[aria-live="polite"]'))).to.equal('');
    expect(text(column(el, 'preparing'))).to.contain('Nothing being prepared');
    expect(text(column(el, 'ready'))).to.contain('No orders waiting');
  });

  it('shows a lost connection and a refused subscription', async () => {
    const { el, api } = await mount();
    api.connection(false);
    await settle(el);
    expect(text($(el, '.offline'))).to.contain('Reconnecting');
    api.refuse({ rule: 'ST-5', field: 'rooms.0', message: 'room "location:S1" is not this screen\'s' });
    await settle(el);
    expect(text($(el, '[role="alert"]'))).to.contain('ST-5').and.contain('not this screen\'s');
  });

  it('ST-2 a warehouse has no pickup board', async () => {
    const api = new FakeStoreApi(makeSetup({ storeId: null, locationId: 'W1', registerId: null }, 'warehouse'));
    const el = await fixture<PickupScreen>(html`<pickup-screen .api=${api}></pickup-screen>`);
    expect(text($(el, '.empty'))).to.contain('Kent warehouse is a warehouse');
    expect(api.rooms()).to.deep.equal([]);
  });

  it('passes the accessibility audit', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });
});
