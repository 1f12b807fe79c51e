import { expect, fixture, html } from '@open-wc/testing';
import type { CallCenterApp } from './call-center-app.ts';
import './call-center-app.ts';
import { httpCallCenterDesk } from './call-center-desk.ts';
import { $, click, deepText, describe, it, settle, type } from './testing/dom.ts';
import { FakeCallCenterDesk } from './testing/fake-call-center-desk.ts';
import { FakeStoreApi, makeSetup } from './testing/fake-store-api.ts';

describe('<call-center-app>', () => {
  it('CC-23 the customer service tab finds a customer by phone and shows their orders', async () => {
    const desk = new FakeCallCenterDesk();
    const orderId = await desk.order('C-CAL', [['P-PAD', 1]]);
    const el = await fixture<CallCenterApp>(html`<call-center-app .desk=${desk}></call-center-app>`);
    await click(el, 'Customer service');
    type($(el, 'input[name="who"]'), '555-0199');
    await click(el, 'Find');
    await click(el, /Cal Rivera/);
    await settle(el);
    expect(deepText(el)).to.contain(orderId).and.contain('Open');
  });
});

describe('httpCallCenterDesk', () => {
  const supervisor = () => new FakeStoreApi({ ...makeSetup({ operatorId: 'supervisor1', roleId: 'callCenterSupervisor', permissions: ['callCenter', 'callCenterSupervision', 'customers'] }), callCenterId: 'CC1' });
  const row = { holdId: 'CC-1-H1', orderId: 'CC-1' };

  it('sends each operation as the desk command the server takes, as the signed-in operator', async () => {
    const api = supervisor();
    const desk = httpCallCenterDesk(api);
    expect([desk.operatorId, desk.supervisor, desk.currency]).to.deep.equal(['supervisor1', true, 'USD']);
    api.queue.push({ view: { order: { orderId: 'CC-1' } }, prompt: { scripts: [], offers: [] } });
    const added = await desk.addLine('CC-1', { productId: 'P-TENT', quantity: 2 });
    expect(added.ok && added.value.view.order.orderId).to.equal('CC-1');
    // CC-18: a hold step names the hold's order, learnt from the hold list.
    api.read = () => ({ ok: true, holds: [row] });
    api.queue.push({ rule: 'CC-18', message: 'only agent2 can check it back in', field: 'operatorId' });
    const released = await desk.releaseHold('CC-1-H1');
    expect(released.ok ? null : released.error.rule).to.equal('CC-18');
    await desk.setHeader('CC-1', { modeCode: 'EXP' }, true);
    await desk.answerOffer('CC-1', { lineId: 'CC-1-1', suggestion: { productId: 'P-TENT', kind: 'crossSell', suggestedProductId: 'P-LAMP' } } as never, false);
    await desk.enterCoupon('CC-1', 'SAVE10');
    await desk.addPayment('CC-1', { paymentId: 'P1', methodId: 'GIFT', share: { percent: 5000 }, giftCard: { number: 'GC-1' } });
    await desk.placeHold('CC-1', { origin: 'summary', code: 'REVIEW', notes: 'call back' });
    await desk.overrideCheckOut('CC-1-H1');
    await desk.clearHold('CC-1-H1', 'clearAndSubmit');
    await desk.decidePriceChange('R1', { approve: false, reason: 'too low' });
    await desk.save('CC-1');
    const by = { operatorId: 'supervisor1' };
    expect(api.sent.map((s) => s.command)).to.deep.equal([
      { type: 'callCenter.addLine', ...by, orderId: 'CC-1', productId: 'P-TENT', quantity: 2 },
      { type: 'callCenter.releaseHold', ...by, orderId: 'CC-1', holdId: 'CC-1-H1' },
      { type: 'callCenter.setHeader', ...by, orderId: 'CC-1', modeCode: 'EXP', updateLines: true },
      { type: 'callCenter.declineOffer', ...by, orderId: 'CC-1', lineId: 'CC-1-1', suggestedProductId: 'P-LAMP' },
      { type: 'callCenter.enterCoupon', ...by, orderId: 'CC-1', couponCode: 'SAVE10' },
      { type: 'callCenter.complete', ...by, orderId: 'CC-1' },
      { type: 'callCenter.addPayment', ...by, orderId: 'CC-1', methodId: 'GIFT', percent: 5000, giftCardNumber: 'GC-1' },
      { type: 'callCenter.complete', ...by, orderId: 'CC-1' },
      { type: 'callCenter.hold', ...by, orderId: 'CC-1', code: 'REVIEW', notes: 'call back' },
      { type: 'callCenter.overrideHold', ...by, orderId: 'CC-1', holdId: 'CC-1-H1' },
      { type: 'callCenter.clearHold', ...by, orderId: 'CC-1', holdId: 'CC-1-H1', variant: 'clearAndSubmit' },
      { type: 'callCenter.rejectPriceChange', ...by, requestId: 'R1', reason: 'too low' },
      { type: 'callCenter.leave', ...by, orderId: 'CC-1' },
    ]);
    api.read = () => ({ ok: true, sourceCodes: [] });
    await desk.sourceCodes({ filter: 'Targeted', customerId: 'C-ANNA', text: '' });
    // An empty lookup asks nothing of the server.
    expect(await desk.findCustomers({ name: '', phone: '' })).to.deep.equal([]);
    expect(api.reads).to.deep.equal(['call-center/holds', 'call-center/source-codes?filter=Targeted&customerId=C-ANNA']);
  });

  it('CC-20 CC-8 a price change is one desk command (filed or applied, as the desk says); the order and a gift card\'s balance are reads', async () => {
    const api = supervisor();
    const desk = httpCallCenterDesk(api);
    api.queue.push({ outcome: 'request-filed', requestId: 'PCR-000001', view: { order: { orderId: 'CC-1' } } }, { outcome: 'applied', view: { order: { orderId: 'CC-1' } } });
    const filed = await desk.changePrice('CC-1', 'CC-1-1', 15000, 'price match');
    const applied = await desk.changePrice('CC-1', 'CC-1-1', 17500, '');
    expect([filed.ok && filed.value.outcome, filed.ok && filed.value.outcome === 'request-filed' && filed.value.requestId, applied.ok && applied.value.outcome])
      .to.deep.equal(['request-filed', 'PCR-000001', 'applied']);
    expect(api.sent.map((s) => s.command)[0]).to.deep.equal({ type: 'callCenter.changePrice', operatorId: 'supervisor1', orderId: 'CC-1', lineId: 'CC-1-1', unitPrice: 15000, reason: 'price match' });
    api.read = (path) => (path.startsWith('call-center/gift-cards/') ? { ok: true, giftCard: { number: 'GC 1', balance: 10_000 } } : { ok: true, order: {}, view: { order: { orderId: 'CC-1' } } });
    expect(await desk.giftCardBalance('GC 1')).to.equal(10_000);
    expect((await desk.reloadOrder('CC-1')).order.orderId).to.equal('CC-1');
    expect(api.reads).to.deep.equal(['call-center/gift-cards/GC%201', 'call-center/orders/CC-1']);
  });

  it('CC-17 CC-20 follows the call center\'s room: the hold list and price change requests as they change', async () => {
    const api = supervisor();
    const desk = httpCallCenterDesk(api);
    const heard: unknown[] = [];
    const stop = desk.watch({ holds: (rows) => heard.push(['holds', rows.length]), requests: (requests) => heard.push(['requests', requests.length]) });
    expect(api.rooms()).to.deep.equal(['callCenter:CC1']);
    api.state('callCenter:CC1', { holds: [], requests: [] });
    api.emit('callCenter:CC1', 'callCenterHolds', 'CC1', [row]);
    api.emit('callCenter:CC1', 'priceChangeRequests', 'CC1', [{ requestId: 'PCR-000001' }]);
    expect(heard).to.deep.equal([['holds', 0], ['requests', 0], ['holds', 1], ['requests', 1]]);
    // The hold the room told of is known by its order without a read.
    await desk.checkOutHold('CC-1-H1');
    expect(api.sent.at(-1)?.command).to.deep.equal({ type: 'callCenter.checkOutHold', operatorId: 'supervisor1', orderId: 'CC-1', holdId: 'CC-1-H1' });
    stop();
    expect(api.rooms()).to.deep.equal([]);
  });

  it('CC-17 the app counts the open holds on its tab and the hold list follows the room', async () => {
    const desk = new FakeCallCenterDesk('agent1');
    const orderId = await desk.order('C-ANNA', [['P-TENT', 1]]);
    const el = await fixture<CallCenterApp>(html`<call-center-app .desk=${desk} tab="holds"></call-center-app>`);
    await settle(el);
    await desk.placeHold(orderId, { origin: 'entry', notes: 'address' });
    await settle(el);
    expect(deepText(el)).to.contain('Holds (1)').and.contain(orderId);
  });
});
