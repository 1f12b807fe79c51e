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
  it('sends each operation as a callCenter.* command and reads the order view from its result', async () => {
    const api = new FakeStoreApi(makeSetup({ operatorId: 'super1', roleId: 'callCenterSupervisor' }));
    const desk = httpCallCenterDesk(api);
    expect([desk.operatorId, desk.supervisor, desk.currency]).to.deep.equal(['super1', true, 'USD']);
    api.queue.push({ view: { order: { orderId: 'CC-1' } }, prompt: { scripts: [], offers: [] } });
    const added = await desk.addLine('CC-1', { productId: 'P-TENT', quantity: 2 });
    expect(added.ok && added.value.view.order.orderId).to.equal('CC-1');
    api.queue.push({ rule: 'CC-18', message: 'only agent2 can check it back in', field: 'operatorId' });
    const released = await desk.releaseHold('CC-1-H1');
    expect(released.ok ? null : released.error.rule).to.equal('CC-18');
    await desk.setHeader('CC-1', { modeCode: 'EXP' }, true);
    await desk.addPayment('CC-1', { paymentId: 'P1', methodId: 'CARD', share: { percent: 5000 }, cardToken: 'tok' });
    await desk.clearHold('CC-1-H1', 'clearAndSubmit');
    await desk.decidePriceChange('R1', { approve: false, reason: 'too low' });
    expect(api.sent.map((s) => s.command)).to.deep.equal([
      { type: 'callCenter.addLine', orderId: 'CC-1', productId: 'P-TENT', quantity: 2 },
      { type: 'callCenter.releaseHold', holdId: 'CC-1-H1' },
      { type: 'callCenter.setHeader', orderId: 'CC-1', modeCode: 'EXP', updateLines: true },
      { type: 'callCenter.addPayment', orderId: 'CC-1', payment: { paymentId: 'P1', methodId: 'CARD', share: { percent: 5000 }, cardToken: 'tok' } },
      { type: 'callCenter.clearHold', holdId: 'CC-1-H1', variant: 'clearAndSubmit' },
      { type: 'callCenter.rejectPriceChange', requestId: 'R1', reason: 'too low' },
    ]);
    api.read = () => ({ ok: true, holds: [] });
    await desk.holdList();
    api.read = () => ({ ok: true, sourceCodes: [] });
    await desk.sourceCodes({ filter: 'Targeted', customerId: 'C-ANNA', text: '' });
    expect(api.reads).to.deep.equal(['call-center/holds', 'call-center/source-codes?filter=Targeted&customerId=C-ANNA']);
  });
});
