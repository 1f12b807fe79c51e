import { expect, fixture, html } from '@open-wc/testing';
import type { OrderDetails } from '../engine/protocol/views.ts';
import type { OrderRecall } from './order-recall.ts';
import './order-recall.ts';
import { button, click, deep, deepAll, describe, it, settle, type } from './testing/dom.ts';
import { FakeStoreApi, demoSetup } from './testing/fake-store-api.ts';
import { orderRow } from './testing/till-views.ts';

const offered = { offered: true } as const;
const row = {
  ...orderRow({ orderId: 'CO-000007', channelReference: 'S1-T-R1-000012', headerStatus: 'Cancelled' }),
  receiptIds: ['T-R1-000012'],
  operations: {
    edit: { offered: false, rule: 'STATE', reason: 'The order is cancelled.' }, cancel: { offered: false, rule: 'STATE', reason: 'The order is cancelled.' },
    pickup: { offered: false, rule: 'FF-6', reason: 'No line of this order is for pickup at this store.' },
    fulfil: { offered: false, rule: 'STATE', reason: 'The order is cancelled.' }, return: offered,
  },
} as const;
/** The order in full as the details read answers (the fields the panel shows). */
const details = {
  order: {
    orderId: 'CO-000007', channelReference: 'S1-T-R1-000012', storeId: 'S1', createdAt: Date.UTC(2026, 10, 23, 10, 5), headerStatus: 'Cancelled', paid: 3000,
    totals: { total: 21999 }, row,
    payments: [
      { paymentId: 'PAY-1', kind: 'prepayment', method: 'cash', amount: 2200 },
      { paymentId: 'PAY-2', kind: 'cancellationCharge', method: 'cash', amount: 800 },
    ],
  },
  receiptIds: ['T-R1-000012'],
  operations: row.operations,
} as unknown as OrderDetails;

async function recallDialog() {
  const api = new FakeStoreApi({ ...demoSetup(), stores: [{ id: 'S1', name: 'Seattle', locationId: 'S1' }] });
  api.getAnswers.set('order-search', (path: string) => ({ orders: path.includes('value=') ? [row] : [], truncated: false }));
  api.getAnswers.set('order-search/CO-000007', details);
  const el = await fixture<OrderRecall>(html`<order-recall .api=${api} .registerId=${'R1'}></order-recall>`);
  await settle(el);
  return { el, api };
}

describe('<order-recall> order search and details', () => {
  it('CO-13 a scanned receipt id finds its order and opens its details: lines, delivery, fulfilment, payments', async () => {
    const { el, api } = await recallDialog();
    type(deep<HTMLInputElement>(el, 'input[name="value"]'), 'T-R1-000012');
    await settle(el);
    await click(el, 'Search');
    await settle(el);
    expect(api.reads).to.include('order-search?value=T-R1-000012');
    expect(api.reads).to.include('order-search/CO-000007');
    const panel = deep(el, 'order-details');
    expect(panel.shadowRoot!.textContent).to.contain('Order CO-000007').and.contain('S1-T-R1-000012');
    expect(deepAll(panel, 'tr[data-line]')).to.have.length(row.lines.length);
    // CO-11: the charge the customer paid on cancelling reads as collected, not as a refund.
    expect(deep(panel, 'tr[data-payment="PAY-2"]').textContent).to.contain('Cancellation charge collected').and.contain('$8.00');
    await expect(el).to.be.accessible();
  });

  it('CO-14 operations not offered are disabled with their reason; return is started from the details', async () => {
    const { el, api } = await recallDialog();
    type(deep<HTMLInputElement>(el, 'input[name="value"]'), 'CO-000007');
    await settle(el);
    await click(el, 'Search');
    await settle(el);
    const panel = deep(el, 'order-details');
    expect(button(panel, 'Edit CO-000007').disabled).to.equal(true);
    expect(button(panel, 'Edit CO-000007').title).to.equal('The order is cancelled.');
    expect(button(panel, 'Pick up CO-000007').disabled).to.equal(true);
    expect(panel.shadowRoot!.textContent).to.contain('No line of this order is for pickup at this store.');
    let started: unknown = null;
    el.addEventListener('return-started', (e) => { started = (e as CustomEvent).detail; });
    api.answerNext({ registerId: 'R1', transactionId: 'T-R1-000013', original: { kind: 'order', id: 'CO-000007' } });
    await click(panel, 'Return from CO-000007');
    expect(api.commands).to.deep.equal([{ type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: 'CO-000007' } }]);
    expect(started).to.deep.include({ transactionId: 'T-R1-000013' });
  });

  it('CO-13 presets and filters go to the search; results from every store', async () => {
    const { el, api } = await recallDialog();
    await click(el, 'Orders to pick up');
    expect(api.reads).to.include('order-search?preset=toPickUp');
    expect(button(el, 'Orders to pick up').getAttribute('aria-pressed')).to.equal('true');
    expect(deep(el, '[role="status"]').textContent).to.contain('No orders match');
    await expect(el).to.be.accessible();
  });
});
