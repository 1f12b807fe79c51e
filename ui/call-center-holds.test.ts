import { expect, fixture, html } from '@open-wc/testing';
import type { CallCenterHolds } from './call-center-holds.ts';
import './call-center-holds.ts';
import type { CallCenterService } from './call-center-service.ts';
import './call-center-service.ts';
import { $, $$, alerts, allButtons, click, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeCallCenterDesk } from './testing/fake-call-center-desk.ts';

/** Two held orders: Cal's (general hold, address to confirm) and Anna's (credit review), both by agent1. */
async function heldOrders(desk: FakeCallCenterDesk) {
  const cal = await desk.order('C-CAL', [['P-PAD', 2]]);
  await desk.placeHold(cal, { origin: 'entry', code: 'GEN', reasonCode: 'ADDR', notes: 'Confirm the apartment number' });
  const anna = await desk.order('C-ANNA', [['P-TENT', 1]]);
  await desk.placeHold(anna, { origin: 'entry', code: 'CREDIT' });
  return { cal, anna };
}

/** The same orders seen by another user (shares the orders, not the session). */
function as(desk: FakeCallCenterDesk, operatorId: string, roleId: string) {
  const other = new FakeCallCenterDesk(operatorId, roleId);
  for (const [id, order] of desk.orders) other.orders.set(id, order);
  return other;
}

async function mount(desk: FakeCallCenterDesk) {
  const el = await fixture<CallCenterHolds>(html`<call-center-holds .desk=${desk}></call-center-holds>`);
  await settle(el);
  return el;
}

const row = (el: CallCenterHolds, orderId: string) => $$(el, 'tr[data-hold]').find((r) => text(r).includes(orderId))!;

describe('<call-center-holds>', () => {
  it('CC-17 lists the open holds with reason, days on hold and check-out; CC-18 check out and release', async () => {
    const desk = new FakeCallCenterDesk();
    const { cal } = await heldOrders(desk);
    const el = await mount(desk);
    expect(text(row(el, cal))).to.contain('Cal Rivera').and.contain('General hold · Address to confirm').and.contain('Confirm the apartment number');
    expect(text($(row(el, cal), 'td[data-checked-out]'))).to.equal('No');
    $(row(el, cal), 'button[data-action="check-out"]').click();
    await settle(el);
    expect(text($(row(el, cal), 'td[data-checked-out]'))).to.match(/^You, /);
    $(row(el, cal), 'button[data-action="release"]').click();
    await settle(el);
    expect(text($(row(el, cal), 'td[data-checked-out]'))).to.equal('No');
    expectTouchSize(allButtons(el));
  });

  it('CC-18 a hold another agent checked out offers no clear; a supervisor may override the check-out', async () => {
    const desk = new FakeCallCenterDesk();
    const { anna } = await heldOrders(desk);
    const holdId = (await desk.holdList()).find((h) => h.orderId === anna)!.holdId;
    await desk.checkOutHold(holdId);
    const other = await mount(as(desk, 'agent2', 'callCenterAgent'));
    // The refusal said in place, naming who has it (CC-18).
    const clear = $(row(other, anna), 'button[data-action="clear"]') as HTMLButtonElement;
    expect(clear.disabled).to.equal(true);
    expect(text($(row(other, anna), `#${clear.getAttribute('aria-describedby')}`))).to.equal('agent1 has it checked out: only agent1 can clear it, or a supervisor can take it over.');
    expect(has(row(other, anna), 'button[data-action="override"]')).to.equal(false);
    const supervisor = await mount(as(desk, 'super1', 'callCenterSupervisor'));
    $(row(supervisor, anna), 'button[data-action="override"]').click();
    await settle(supervisor);
    expect(text($(row(supervisor, anna), 'td[data-checked-out]'))).to.match(/^You, /);
  });

  it('CC-18 a clear refused because another agent checked the hold out meanwhile says who has it, and the list shows it', async () => {
    const desk = new FakeCallCenterDesk();
    const { anna } = await heldOrders(desk);
    const agent2 = as(desk, 'agent2', 'callCenterAgent');
    const other = await mount(agent2);
    const holdId = (await desk.holdList()).find((h) => h.orderId === anna)!.holdId;
    await desk.checkOutHold(holdId);
    agent2.orders.set(anna, desk.orders.get(anna)!); // the server both desks share
    $(row(other, anna), 'button[data-action="clear"]').click();
    await settle(other);
    expect(alerts(other).join(' ')).to.contain('checked out by agent1');
    expect(text($(row(other, anna), 'td[data-checked-out]'))).to.match(/^agent1, /);
    expect(($(row(other, anna), 'button[data-action="clear"]') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('CC-19 submit when cleared with a declined card is refused and the hold stays; clear and modify clears it and opens the order again', async () => {
    const desk = new FakeCallCenterDesk();
    const { cal, anna } = await heldOrders(desk);
    await desk.addPayment(anna, { paymentId: 'P1', methodId: 'CARD', share: { percent: 10_000 }, cardToken: 'tok' });
    desk.declineCards = true;
    const el = await mount(desk);
    type($(row(el, anna), 'select'), 'submitWhenCleared');
    $(row(el, anna), 'button[data-action="clear"]').click();
    await settle(el);
    expect(alerts(el).join(' ')).to.match(/payment was not approved/i);
    expect(has(row(el, anna), 'button')).to.equal(true);
    type($(row(el, cal), 'select'), 'clearAndModify');
    $(row(el, cal), 'button[data-action="clear"]').click();
    await settle(el);
    expect($$(el, 'tr[data-hold]').map((r) => text(r)).join(' ')).not.to.contain(cal);
    expect(desk.orders.get(cal)!.submittedAt).to.equal(null);
  });

  it('CC-20 a supervisor approves a price change, and rejecting asks for a reason', async () => {
    const desk = new FakeCallCenterDesk('super1', 'callCenterSupervisor');
    const base = { orderId: 'CC-000001', lineId: 'L1', productId: 'P-TENT', itemName: 'Trail tent', requestedBy: 'agent2', agentName: 'Blake Agent', requestedAt: 0, systemPrice: 17999, reason: 'Competitor price', status: 'pending' as const, decidedBy: null, decidedAt: null, rejection: null };
    desk.requests = [{ ...base, requestId: 'R1', requestedPrice: 15999 }, { ...base, requestId: 'R2', requestedPrice: 16999 }];
    const el = await mount(desk);
    // The item and the agent by name, the prices in money.
    expect(text($(el, 'tr[data-request="R1"]'))).to.contain('Trail tent').and.contain('Blake Agent').and.contain('$179.99').and.contain('$159.99').and.not.contain('P-TENT');
    $(el, 'tr[data-request="R1"]', 'button[data-action="approve"]').click();
    await settle(el);
    expect(desk.requests[0]!.status).to.equal('approved');
    $(el, 'tr[data-request="R2"]', 'button[data-action="reject"]').click();
    await settle(el);
    await click(el, 'Reject');
    expect(alerts(el).join(' ')).to.contain('Say why the price change is rejected');
    type($(el, 'input[name="reason-R2"]'), 'Below our floor price');
    await click(el, 'Reject');
    expect(desk.requests[1]).to.include({ status: 'rejected', rejection: 'Below our floor price' });
  });

  it('CC-20 an agent sees no price change requests', async () => {
    const el = await mount(new FakeCallCenterDesk());
    expect(has(el, '#requests')).to.equal(false);
  });
});

describe('<call-center-service>', () => {
  it('CC-23 shows the customer\'s orders with statuses, held ones highlighted, catalogs sent, and each order\'s log', async () => {
    const desk = new FakeCallCenterDesk();
    const { anna } = await heldOrders(desk);
    const paid = await desk.order('C-ANNA', [['P-PAD', 1]]);
    await desk.addPayment(paid, { paymentId: 'P1', methodId: 'CASH', share: { amount: 4329 } });
    await desk.submit(paid);
    const el = await fixture<CallCenterService>(html`<call-center-service .desk=${desk} customerId="C-ANNA"></call-center-service>`);
    await settle(el);
    const held = $(el, `tr[data-order="${anna}"]`);
    expect(held.className).to.equal('held');
    expect(text(held)).to.contain('On hold').and.contain('Not submitted');
    expect(text($(el, `tr[data-order="${paid}"]`))).to.contain('Submitted').and.contain('Approved');
    expect(text($(el, '#catalogs').parentElement!)).to.contain('Summer Camping');
    const log = $(el, `details[data-log="${anna}"]`);
    expect(text(log)).to.match(/Created by agent1, .*Put on hold by agent1/);
    // The hold's reference (its id, code and where it was placed) is for support, not read to the customer.
    expect(text(log)).not.to.contain(`${anna}-H`);
    expect(text($(el, 'h1'))).to.equal('Anna Berg 555-0101 · anna@example.com · account C-ANNA');
    expectTouchSize($$(el, 'summary'));
  });
});
