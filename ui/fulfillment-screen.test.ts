import { expect, fixture, html } from '@open-wc/testing';
import type { FulfillmentScreen } from './fulfillment-screen.ts';
import './fulfillment-screen.ts';
import { $, $$, afterEach, allButtons, deepText, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeStoreApi, accepted, makeSetup, refused } from './testing/fake-store-api.ts';
import { line, locationOrder, locationView, orderRow } from './testing/fulfillment-views.ts';

const ROOM = 'location:S2';

/** Two orders at Portland: a ship order (one Pending line, one partly picked) and a pickup order. */
function portland() {
  const shipA = line('CO-000004', 'L4-1', 'P-LAMP', 'ship', { quantity: 5, picked: 2 });
  const shipB = line('CO-000004', 'L4-2', 'P-STOVE', 'ship', { quantity: 2, accepted: false });
  const pickup = line('CO-000005', 'L5-1', 'P-TENT', 'pickup', { quantity: 1 });
  const pickupSocks = line('CO-000005', 'L5-2', 'P-SOCKS', 'pickup', { quantity: 2, picked: 2 });
  const order4 = orderRow('CO-000004', 'Anna Berg', { createdAt: 1000, kinds: ['ship'] });
  const order5 = orderRow('CO-000005', 'Cal Rivera', { createdAt: 2000, kinds: ['pickup'], headerStatus: 'PartiallyPicked' });
  const view = locationView([shipA, shipB, pickup, pickupSocks], [{ orderId: 'CO-000005', ready: false, units: 3 }], [order4, order5]);
  return { shipA, shipB, pickup, pickupSocks, order4, order5, view };
}

async function mount(options: { session?: Parameters<typeof makeSetup>[0]; view?: ReturnType<typeof locationView>; warehouse?: boolean } = {}) {
  const data = portland();
  const api = new FakeStoreApi(makeSetup(options.session ?? {}, options.warehouse === true ? 'warehouse' : null));
  api.read = (path) => {
    if (path === 'registers/R3') return { ok: true, register: { state: 'ready', operatorId: 'cashier2', due: 0, transaction: null } };
    throw new Error(`unexpected read ${path}`);
  };
  const el = await fixture<FulfillmentScreen>(html`<fulfillment-screen .api=${api}></fulfillment-screen>`);
  const room = `location:${api.setup.session.locationId}`;
  api.state(room, options.view ?? data.view);
  await settle(el);
  return { el, api, data };
}

const row = (el: FulfillmentScreen, key: string) => $(el, `li[data-line="${key}"]`);
const card = (el: FulfillmentScreen, orderId: string) => $(el, `section[data-order="${orderId}"]`);
const button = (root: HTMLElement, action: string) => root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
const dialogInputs = (el: FulfillmentScreen) => $$(el, 'quantity-dialog', 'input') as HTMLInputElement[];

async function confirmDialog(el: FulfillmentScreen): Promise<void> {
  ($(el, 'quantity-dialog', 'button[type="submit"]') as HTMLButtonElement).click();
  await settle(el);
}

describe('<fulfillment-screen>', () => {
  let realPrompt: typeof window.prompt;
  afterEach(() => { if (realPrompt !== undefined) window.prompt = realPrompt; });

  it('FF-1 follows its location room through api.live and stops when removed', async () => {
    const { el, api } = await mount();
    expect(api.rooms()).to.deep.equal([ROOM]);
    el.remove();
    expect(api.rooms()).to.deep.equal([]);
  });

  it('FF-1 lists the lines by order with each status (label and colour), customer and confirmation number', async () => {
    const { el, api } = await mount();
    const orders = $$(el, 'section[data-order]').map((s) => s.dataset.order);
    expect(orders).to.deep.equal(['CO-000004', 'CO-000005']);
    const status = (key: string) => $(row(el, key), 'line-status-badge');
    expect(deepText(status('CO-000004/L4-1'))).to.equal('Partially picked');
    expect($(status('CO-000004/L4-1'), '.badge').className).to.contain('tone-purple');
    expect(deepText(status('CO-000004/L4-2'))).to.equal('Pending');
    expect($(status('CO-000004/L4-2'), '.badge').className).to.contain('tone-amber');
    expect(deepText(status('CO-000005/L5-1'))).to.equal('Accepted');
    expect($(status('CO-000005/L5-1'), '.badge').className).to.contain('tone-blue');
    expect(deepText(status('CO-000005/L5-2'))).to.equal('Picked');
    expect(text(row(el, 'CO-000004/L4-1'))).to.contain('Camp lamp').and.contain('Standard ground').and.contain('3 to pick').and.contain('2 picked');
    // Every order's row comes with the room: nothing is read over HTTP.
    expect(api.reads).to.deep.equal([]);
    expect(text(card(el, 'CO-000004'))).to.contain('Anna Berg').and.contain('Confirmation S1-T-CO-000004');
    expect(text(card(el, 'CO-000005'))).to.contain('Cal Rivera');
    expect(deepText($(card(el, 'CO-000005'), 'order-status-badge'))).to.equal('Partially picked');
  });

  it('FF-8 each line shows its back-office status; FF-7 rejected lines stay listed in red without actions', async () => {
    const data = portland();
    const packed = line('CO-000004', 'L4-3', 'P-SOCKS', 'ship', { quantity: 4, packed: 4 }, { modeCode: 'EXP' });
    const picking = line('CO-000004', 'L4-4', 'P-TENT', 'ship', { quantity: 1, pickListId: 'PL-000001' });
    const rejected = line('CO-000004', 'L4-5', 'P-LAMP', 'ship', { quantity: 2, rejected: 2 });
    const { el } = await mount({ view: locationView([data.shipA, data.shipB, packed, picking, rejected, data.pickupSocks]) });
    const statusOf = (key: string) => [deepText($(row(el, key), 'line-status-badge')), text($(row(el, key), '.back-office'))];
    expect(statusOf('CO-000004/L4-2')).to.deep.equal(['Pending', 'HQ: Order processing']);
    expect(statusOf('CO-000004/L4-4')).to.deep.equal(['Picking', 'HQ: Order processing']);
    expect(statusOf('CO-000004/L4-1')).to.deep.equal(['Partially picked', 'HQ: Partially picked']);
    expect(statusOf('CO-000005/L5-2')).to.deep.equal(['Picked', 'HQ: Picked']);
    expect(statusOf('CO-000004/L4-3')).to.deep.equal(['Packed', 'HQ: Delivered']);
    expect(statusOf('CO-000004/L4-5')).to.deep.equal(['Rejected', 'HQ: Rejected']);
    expect($(row(el, 'CO-000004/L4-5'), 'line-status-badge', '.badge').className).to.contain('tone-red');
    expect(row(el, 'CO-000004/L4-5').querySelectorAll('.line-actions button')).to.have.length(0);
  });

  it('FF-1 filters all / to ship / for pickup, with counts', async () => {
    const { el } = await mount();
    const filter = (id: string) => $(el, `button[data-filter="${id}"]`);
    expect(text(filter('all'))).to.equal('All4');
    expect(text(filter('toShip'))).to.equal('To ship2');
    expect(text(filter('forPickup'))).to.equal('For pickup2');
    filter('toShip').click();
    await settle(el);
    expect(filter('toShip').getAttribute('aria-pressed')).to.equal('true');
    expect($$(el, 'li[data-line]').map((r) => r.dataset.line)).to.deep.equal(['CO-000004/L4-1', 'CO-000004/L4-2']);
    filter('forPickup').click();
    await settle(el);
    expect($$(el, 'li[data-line]').map((r) => r.dataset.line)).to.deep.equal(['CO-000005/L5-1', 'CO-000005/L5-2']);
    filter('all').click();
    await settle(el);
    expect($$(el, 'li[data-line]')).to.have.length(4);
  });

  it('FF-2 accept sends fulfillment.accept for the Pending line as the signed-in operator at this location', async () => {
    const { el, api } = await mount();
    expect(button(row(el, 'CO-000004/L4-2'), 'pick') === null, 'a Pending line is not picked before it is accepted').to.equal(true);
    expect(button(row(el, 'CO-000004/L4-1'), 'accept') === null, 'an accepted line has no accept').to.equal(true);
    button(row(el, 'CO-000004/L4-2'), 'accept')!.click();
    await settle(el);
    expect(api.commands).to.deep.equal([
      { type: 'fulfillment.accept', locationId: 'S2', operatorId: 'manager1', lines: [{ orderId: 'CO-000004', lineId: 'L4-2' }] },
    ]);
    expect(text($(el, '.notice'))).to.contain('Accepted 1 line');
  });

  it('ST-5 FF-2 a packer (fulfilment, no allow-accept) accepting is refused in place with the server\'s rule and message', async () => {
    const { el, api } = await mount({ session: { operatorId: 'packer2', name: 'Pat Packer', roleId: 'packer', permissions: ['fulfillment'] } });
    expect(text($(el, '.toolbar'))).to.contain('Pending lines wait for someone who may accept orders');
    api.answer = () => refused('ST-5', 'You may not accept orders: ask a shift lead or store manager', 'operatorId');
    button(row(el, 'CO-000004/L4-2'), 'accept')!.click();
    await settle(el);
    expect(api.commands[0]).to.include({ type: 'fulfillment.accept', operatorId: 'packer2', locationId: 'S2' });
    const alert = $(card(el, 'CO-000004'), '[role="alert"]');
    expect(text(alert)).to.equal('You may not accept orders: ask a shift lead or store manager Ref. ST-5, operatorId');
    expect(text($(alert, '.refusal-detail'))).to.equal('Ref. ST-5, operatorId');
    expect(has(card(el, 'CO-000005'), '[role="alert"]'), 'only the order acted on shows it').to.equal(false);
    // Acting again clears the old refusal.
    api.answer = () => accepted();
    button(row(el, 'CO-000004/L4-2'), 'accept')!.click();
    await settle(el);
    expect(has(card(el, 'CO-000004'), '[role="alert"]')).to.equal(false);
  });

  it('FF-3 pick asks for a quantity prefilled with the remainder in an in-page dialog, and sends the quantity chosen', async () => {
    const { el, api } = await mount();
    realPrompt = window.prompt;
    window.prompt = () => { throw new Error('window.prompt must not be used'); };
    const pick = button(row(el, 'CO-000004/L4-1'), 'pick')!;
    pick.focus();
    pick.click();
    await settle(el);
    const dialog = $(el, 'quantity-dialog', 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    const [input] = dialogInputs(el);
    expect(input!.value, 'remainder of 5 with 2 picked').to.equal('3');
    expect(input!.max).to.equal('3');
    type(input!, '2');
    await confirmDialog(el);
    expect(api.commands).to.deep.equal([
      { type: 'fulfillment.pick', locationId: 'S2', operatorId: 'manager1', lines: [{ orderId: 'CO-000004', lineId: 'L4-1', quantity: 2 }] },
    ]);
    expect(has(el, 'quantity-dialog')).to.equal(false);
    expect(text($(el, '.notice'))).to.contain('Picked 2 x Camp lamp');
    // (Elements are compared by identity: chai cannot print a Lit element in a failure message.)
    expect(el.shadowRoot!.activeElement === pick, 'focus returns to the Pick button').to.equal(true);
  });

  it('FF-3 a pick quantity over the remainder is not sent; a refused pick stays open with the rule', async () => {
    const { el, api } = await mount();
    button(row(el, 'CO-000004/L4-1'), 'pick')!.click();
    await settle(el);
    type(dialogInputs(el)[0]!, '4');
    await confirmDialog(el);
    expect(api.commands).to.have.length(0);
    expect(text($(el, 'quantity-dialog', '[role="alert"]'))).to.contain('from 1 to 3');
    api.answer = () => refused('FF-3', 'quantity 3 exceeds the 1 units left to pick', 'lines.0.quantity');
    type(dialogInputs(el)[0]!, '3');
    await confirmDialog(el);
    expect(api.commands).to.have.length(1);
    const alert = $(el, 'quantity-dialog', '.error[role="alert"]');
    expect(text(alert)).to.contain('Ref. FF-3').and.contain('Quantity 3 exceeds the 1 units left to pick');
    expect(($(el, 'quantity-dialog', 'dialog') as HTMLDialogElement).open).to.equal(true);
  });

  it('FF-3 a pick list may mix orders: the selected lines are printed and the list is shown', async () => {
    const { el, api } = await mount();
    api.answer = () => accepted({ locationId: 'S2', pickListId: 'PL-000007' });
    ($(row(el, 'CO-000004/L4-1'), 'input[type="checkbox"]') as HTMLInputElement).click();
    ($(row(el, 'CO-000005/L5-1'), 'input[type="checkbox"]') as HTMLInputElement).click();
    // The Pending line cannot go on a pick list: selecting it leaves the print count alone.
    ($(row(el, 'CO-000004/L4-2'), 'input[type="checkbox"]') as HTMLInputElement).click();
    await settle(el);
    const print = button($(el, '.toolbar'), 'print-pick-list')!;
    expect(text(print)).to.equal('Print pick list (2)');
    expect(text(button($(el, '.toolbar'), 'accept-selected')!)).to.equal('Accept selected (1)');
    print.click();
    await settle(el);
    expect(api.commands).to.deep.equal([{
      type: 'fulfillment.printPickList', locationId: 'S2', operatorId: 'manager1',
      lines: [{ orderId: 'CO-000004', lineId: 'L4-1' }, { orderId: 'CO-000005', lineId: 'L5-1' }],
    }]);
    const sheet = $(el, 'pick-list-sheet');
    expect(deepText(sheet)).to.contain('Pick list PL-000007').and.contain('Camp lamp').and.contain('Two-person tent').and.contain('Anna Berg');
    expect(($(sheet, 'dialog') as HTMLDialogElement).open).to.equal(true);
  });

  it('FF-3 pick selected sends one pick for lines of several orders', async () => {
    const { el, api } = await mount();
    button($(el, '.toolbar'), 'select-to-pick')!.click();
    await settle(el);
    button($(el, '.toolbar'), 'pick-selected')!.click();
    await settle(el);
    expect(dialogInputs(el).map((i) => i.value)).to.deep.equal(['3', '1']);
    await confirmDialog(el);
    expect(api.commands).to.deep.equal([{
      type: 'fulfillment.pick', locationId: 'S2', operatorId: 'manager1',
      lines: [{ orderId: 'CO-000004', lineId: 'L4-1', quantity: 3 }, { orderId: 'CO-000005', lineId: 'L5-1', quantity: 1 }],
    }]);
  });

  it('FF-4 pack is per order and mode (pickup lines are never packed), prefilled with the picked units', async () => {
    const data = portland();
    const express = line('CO-000004', 'L4-3', 'P-SOCKS', 'ship', { quantity: 4 }, { modeCode: 'EXP' });
    const { el, api } = await mount({ view: locationView([data.shipA, data.shipB, express, data.pickup, data.pickupSocks]) });
    const packs = [...card(el, 'CO-000004').querySelectorAll<HTMLButtonElement>('button[data-action="pack"]')];
    expect(packs.map((b) => text(b))).to.deep.equal(['Pack Standard ground', 'Pack Express air']);
    expect(button(card(el, 'CO-000005'), 'pack') === null, 'FF-4 pickup lines cannot be packed').to.equal(true);
    packs[0]!.click();
    await settle(el);
    // The Pending stove line cannot be packed before it is accepted: only the lamp is offered.
    const inputs = dialogInputs(el);
    expect(inputs.map((i) => [i.name, i.value, i.max])).to.deep.equal([['L4-1', '2', '5']]);
    api.answer = () => accepted({ locationId: 'S2', packingSlipId: 'PS-000003' });
    await confirmDialog(el);
    expect(api.commands).to.deep.equal([
      { type: 'fulfillment.pack', locationId: 'S2', operatorId: 'manager1', orderId: 'CO-000004', lines: [{ lineId: 'L4-1', quantity: 2 }] },
    ]);
    expect(text($(el, '.notice'))).to.contain('packing slip PS-000003');
  });

  it('FF-5 ship sends the order\'s ship lines (mixed modes), prefilled with what is not yet invoiced', async () => {
    const data = portland();
    const packed = line('CO-000004', 'L4-3', 'P-SOCKS', 'ship', { quantity: 4, packed: 4 }, { modeCode: 'EXP' });
    const { el, api } = await mount({ view: locationView([data.shipA, packed, data.pickup]) });
    expect(button(card(el, 'CO-000005'), 'ship') === null, 'pickup lines are picked up, not shipped').to.equal(true);
    button(card(el, 'CO-000004'), 'ship')!.click();
    await settle(el);
    expect(dialogInputs(el).map((i) => [i.name, i.value])).to.deep.equal([['L4-1', '5'], ['L4-3', '4']]);
    type(dialogInputs(el)[0]!, '0');
    api.answer = () => accepted({ locationId: 'S2', invoiceId: 'INV-000009' });
    await confirmDialog(el);
    expect(api.commands).to.deep.equal([
      { type: 'fulfillment.ship', locationId: 'S2', operatorId: 'manager1', orderId: 'CO-000004', lines: [{ lineId: 'L4-3', quantity: 4 }] },
    ]);
    expect(text($(el, '.notice'))).to.contain('invoice INV-000009');
  });

  it('FF-6 without a register, pick up is disabled and says why', async () => {
    const { el } = await mount({ session: { registerId: null } });
    const pickup = button(card(el, 'CO-000005'), 'pickup')!;
    expect(pickup.disabled).to.equal(true);
    const reason = $(el, `#${pickup.getAttribute('aria-describedby')}`);
    expect(text(reason)).to.contain('sign in at a register of this store');
  });

  it('FF-6 pick up recalls the order at the session\'s register, shows the amount due, then tenders it', async () => {
    const { el, api } = await mount();
    api.answer = (command) => command.type === 'register.recallOrder'
      ? accepted({ registerId: 'R3', transactionId: 'T-R3-000004', orderId: 'CO-000005', due: 22371 })
      : accepted({ registerId: 'R3', completed: true, change: 0, orderId: 'CO-000005', invoiceId: 'INV-000010' });
    const pickup = button(card(el, 'CO-000005'), 'pickup')!;
    expect(text(pickup)).to.equal('Pick up at R3');
    pickup.click();
    await settle(el);
    const checkout = $(el, 'pickup-checkout');
    expect(($(checkout, 'dialog') as HTMLDialogElement).open).to.equal(true);
    expect(($$(checkout, 'input') as HTMLInputElement[]).map((i) => i.value)).to.deep.equal(['1', '2']);
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expect(api.reads).to.include('registers/R3');
    expect(api.commands).to.deep.equal([{ type: 'register.recallOrder', registerId: 'R3', orderId: 'CO-000005', purpose: 'pickup' }]);
    expect(text($(checkout, '.due'))).to.equal('$223.71');
    const cash = [...checkout.shadowRoot!.querySelectorAll('button')].find((b) => text(b).startsWith('Cash'))!;
    cash.click();
    await settle(el);
    await settle(el);
    expect(api.commands[1]).to.deep.equal({ type: 'register.tender', registerId: 'R3', method: 'cash', amount: 22371 });
    expect(deepText($(checkout, '[role="status"]'))).to.contain('Handed over to Cal Rivera').and.contain('INV-000010');
  });

  it('FF-6 pick up selected sends the chosen quantities; a register without a shift is opened by the operator first', async () => {
    const { el, api } = await mount();
    api.read = () => ({ ok: true, register: { state: 'closed', operatorId: null, due: 0, transaction: null } });
    api.answer = (command) => accepted(command.type === 'register.recallOrder' ? { due: 0 } : {});
    button(card(el, 'CO-000005'), 'pickup')!.click();
    await settle(el);
    const checkout = $(el, 'pickup-checkout');
    type(($$(checkout, 'input') as HTMLInputElement[])[0]!, '0');
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expect(deepText(checkout)).to.contain('Register R3 has no open shift');
    expect(api.commands).to.have.length(0);
    [...checkout.shadowRoot!.querySelectorAll('button')].find((b) => text(b).startsWith('Open shift'))!.click();
    await settle(el);
    await settle(el);
    expect(api.commands).to.deep.equal([
      { type: 'register.openShift', registerId: 'R3', operatorId: 'manager1' },
      { type: 'register.recallOrder', registerId: 'R3', orderId: 'CO-000005', purpose: 'pickup', lines: [{ lineId: 'L5-2', quantity: 2 }] },
    ]);
    // Nothing due (paid in advance): a zero payment hands it over.
    [...checkout.shadowRoot!.querySelectorAll('button')].find((b) => text(b).startsWith('Hand over'))!.click();
    await settle(el);
    await settle(el);
    expect(api.commands[2]).to.deep.equal({ type: 'register.tender', registerId: 'R3', method: 'cash', amount: 0 });
  });

  it('FF-6 a pickup quantity above what is left to hand over, or none at all, is refused in place and nothing is sent', async () => {
    const { el, api } = await mount();
    button(card(el, 'CO-000005'), 'pickup')!.click();
    await settle(el);
    const checkout = $(el, 'pickup-checkout');
    const [tentQty, socksQty] = $$(checkout, 'input') as HTMLInputElement[];
    type(tentQty!, '2');
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(text($(checkout, '[role="alert"]'))).to.equal('Two-person tent: enter a whole number from 0 to 1');
    type(tentQty!, '0');
    type(socksQty!, '0');
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    expect(text($(checkout, '[role="alert"]'))).to.equal('enter a quantity for at least one line');
    expect(api.commands).to.deep.equal([]);
    expect(api.reads).to.deep.equal([]);
  });

  it('CO-15 the pickup checkout shows who collects for the customer', async () => {
    const data = portland();
    const sam = { name: 'Sam Lee', phone: '555 0100', email: 'sam@example.com' };
    const view = locationView([{ ...data.pickup, collector: sam }, { ...data.pickupSocks, modeCode: 'CURBSIDE' }], [{ orderId: 'CO-000005', ready: false, units: 3, collector: sam }], [data.order5]);
    const { el } = await mount({ view });
    expect(text($(row(el, 'CO-000005/L5-2'), '.delivery')), 'another pickup mode is named').to.equal('Pickup here (Curbside pickup)');
    button(card(el, 'CO-000005'), 'pickup')!.click();
    await settle(el);
    expect(text($(row(el, 'CO-000005/L5-1'), '.delivery'))).to.equal('Pickup here, collected by Sam Lee');
    expect(text($(el, 'pickup-checkout', '[data-collector]'))).to.equal('Collected by Sam Lee (555 0100, sam@example.com) for Cal Rivera');
  });

  it('FF-6 a refused recall is shown in place; void leaves the order as it was', async () => {
    const { el, api } = await mount();
    api.answer = () => refused('SY-2', 'order CO-000005 was created async and is not at headquarters yet: it can be picked up once it is', 'orderId');
    button(card(el, 'CO-000005'), 'pickup')!.click();
    await settle(el);
    const checkout = $(el, 'pickup-checkout');
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expect(text($(checkout, '[role="alert"]'))).to.contain('SY-2').and.contain('not at headquarters yet');
    api.answer = (command) => accepted(command.type === 'register.recallOrder' ? { due: 500 } : {});
    ($(checkout, 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    [...checkout.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Void')!.click();
    await settle(el);
    await settle(el);
    expect(api.commands.at(-1)).to.deep.equal({ type: 'register.void', registerId: 'R3' });
    expect(has(el, 'pickup-checkout')).to.equal(false);
  });

  it('FF-7 reject asks for a quantity (prefilled with the units not yet picked) and shows a refusal in place', async () => {
    const { el, api } = await mount({ session: { operatorId: 'packer2', roleId: 'packer', permissions: ['fulfillment'] } });
    expect(button(row(el, 'CO-000005/L5-2'), 'reject') === null, 'a fully picked line cannot be rejected').to.equal(true);
    button(row(el, 'CO-000004/L4-1'), 'reject')!.click();
    await settle(el);
    expect(dialogInputs(el)[0]!.value).to.equal('3');
    api.answer = () => refused('ST-5', 'operator packer2 lacks the allowRejectOrder permission', 'operatorId');
    type(dialogInputs(el)[0]!, '1');
    await confirmDialog(el);
    expect(api.commands).to.deep.equal([
      { type: 'fulfillment.reject', locationId: 'S2', operatorId: 'packer2', lines: [{ orderId: 'CO-000004', lineId: 'L4-1', quantity: 1 }] },
    ]);
    expect(text($(el, 'quantity-dialog', '.error[role="alert"]'))).to.contain('ST-5').and.contain('lacks the allowRejectOrder permission');
  });

  it('live: a pickup order placed at another store\'s till appears, and its changes follow, without reading anything over HTTP', async () => {
    const { el, api } = await mount();
    const newLine = line('CO-000010', 'L10-1', 'P-LAMP', 'pickup', { quantity: 1 });
    const newOrder = orderRow('CO-000010', 'Dana Newcomer', { storeId: 'S1', createdAt: 3000, kinds: ['pickup'] });
    api.emit(ROOM, 'locationOrder', 'CO-000010', locationOrder(newOrder, [newLine], { orderId: 'CO-000010', ready: false, units: 1 }));
    await settle(el);
    expect($$(el, 'section[data-order]').map((s) => s.dataset.order)).to.deep.equal(['CO-000004', 'CO-000005', 'CO-000010']);
    expect(text(card(el, 'CO-000010'))).to.contain('Dana Newcomer');
    expect(text($(el, 'button[data-filter="forPickup"]'))).to.equal('For pickup3');
    // Picked elsewhere: the line's status and the order's follow; the other orders are untouched.
    const picked = line('CO-000010', 'L10-1', 'P-LAMP', 'pickup', { quantity: 1, picked: 1 });
    api.emit(ROOM, 'locationOrder', 'CO-000010', locationOrder({ ...newOrder, headerStatus: 'Picked' }, [picked], { orderId: 'CO-000010', ready: true, units: 1 }));
    api.emit(ROOM, 'onHand', 'S2', { 'P-LAMP': 49 });
    await settle(el);
    expect(deepText($(row(el, 'CO-000010/L10-1'), 'line-status-badge'))).to.equal('Picked');
    expect(deepText($(card(el, 'CO-000010'), 'order-status-badge'))).to.equal('Picked');
    expect(text($(row(el, 'CO-000010/L10-1'), '.onhand'))).to.contain('49');
    expect($$(el, 'section[data-order]').length).to.equal(3);
    expect(api.reads, 'the rows come with the room').to.deep.equal([]);
  });

  it('live: fully invoiced lines leave the list; the selection drops them; a lost connection is shown', async () => {
    const { el, api, data } = await mount();
    ($(row(el, 'CO-000004/L4-1'), 'input[type="checkbox"]') as HTMLInputElement).click();
    await settle(el);
    api.emit(ROOM, 'locationOrder', 'CO-000004', locationOrder({ ...data.order4, headerStatus: 'Invoiced' }, []));
    await settle(el);
    expect($$(el, 'section[data-order]').map((s) => s.dataset.order)).to.deep.equal(['CO-000005']);
    expect(text(button($(el, '.toolbar'), 'print-pick-list')!)).to.equal('Print pick list (0)');
    api.emit(ROOM, 'locationOrder', 'CO-000005', locationOrder({ ...data.order5, headerStatus: 'Invoiced' }, []));
    await settle(el);
    expect(text($(el, '.empty'))).to.contain('Nothing to fulfil here');
    api.connection(false);
    await settle(el);
    expect(text($(el, '.offline'))).to.contain('Reconnecting');
  });

  it('an order listed without its row shows no customer details until its row arrives', async () => {
    const data = portland();
    const api = new FakeStoreApi(makeSetup());
    const el = await fixture<FulfillmentScreen>(html`<fulfillment-screen .api=${api}></fulfillment-screen>`);
    api.state(ROOM, locationView([data.shipA]));
    await settle(el);
    expect(text(card(el, 'CO-000004'))).to.contain('customer details unavailable');
    api.emit(ROOM, 'locationOrder', 'CO-000004', locationOrder(data.order4, [data.shipA]));
    await settle(el);
    expect(text(card(el, 'CO-000004'))).to.contain('Anna Berg').and.not.contain('unavailable');
  });

  it('a refused subscription is shown in place', async () => {
    const { el, api } = await mount();
    api.refuse({ rule: 'ST-5', field: 'rooms.0', message: 'room "location:S2" is not this screen\'s' });
    await settle(el);
    expect(text($(el, '[role="alert"]'))).to.contain('ST-5').and.contain('is not this screen\'s');
  });

  it('ST-2 a warehouse screen follows its own location (W1) and has no pickup filter', async () => {
    const ship = line('CO-000007', 'L7-1', 'P-LAMP', 'ship', { quantity: 5 }, { locationId: 'W1', modeCode: 'EXP' });
    const { el, api } = await mount({ session: { storeId: null, locationId: 'W1', registerId: null, operatorId: 'picker1' }, warehouse: true, view: locationView([ship]) });
    expect(api.rooms()).to.deep.equal(['location:W1']);
    expect(text($(el, 'h1'))).to.contain('Kent warehouse');
    // ST-2: a warehouse that is not a store only ships.
    expect($$(el, 'button[data-filter]').map((b) => b.dataset.filter)).to.deep.equal(['all', 'toShip']);
    button(row(el, 'CO-000007/L7-1'), 'pick')!.click();
    await settle(el);
    await confirmDialog(el);
    expect(api.commands[0]).to.deep.equal({ type: 'fulfillment.pick', locationId: 'W1', operatorId: 'picker1', lines: [{ orderId: 'CO-000007', lineId: 'L7-1', quantity: 5 }] });
  });

  it('buttons and selection boxes are at least 44x44 CSS px', async () => {
    const { el } = await mount();
    const buttons = allButtons(el);
    expect(buttons.length).to.be.greaterThan(10);
    expectTouchSize(buttons);
    expectTouchSize($$(el, 'label.select'));
  });

  it('dialog buttons and quantity inputs are at least 44x44 CSS px; the pickup dialog passes the audit', async () => {
    const { el, api } = await mount();
    button(row(el, 'CO-000004/L4-1'), 'pick')!.click();
    await settle(el);
    expectTouchSize([...$$(el, 'quantity-dialog', 'button'), ...$$(el, 'quantity-dialog', 'input')]);
    ($(el, 'quantity-dialog', 'button[type="button"]') as HTMLButtonElement).click();
    await settle(el);
    api.answer = () => accepted({ due: 1250 });
    button(card(el, 'CO-000005'), 'pickup')!.click();
    await settle(el);
    expectTouchSize([...$$(el, 'pickup-checkout', 'button'), ...$$(el, 'pickup-checkout', 'input')]);
    ($(el, 'pickup-checkout', 'button[type="submit"]') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expectTouchSize($$(el, 'pickup-checkout', 'button'));
    await expect(el).to.be.accessible();
  });

  it('passes the accessibility audit (list, and with the pick dialog open)', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    button(row(el, 'CO-000004/L4-1'), 'pick')!.click();
    await settle(el);
    await expect(el).to.be.accessible();
  });
});
