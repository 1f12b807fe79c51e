/**
 * CC-14 / CC-15 at headquarters: a call-center order selling the demo's trail-club item enrols its customer on the
 * kept card; the two continuity batches charge the due events and make each paid one a sales order exactly once,
 * across reruns and restarts; a declined card pauses the program; cancelling stops it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const DAY = 86_400_000;
/** The demo chain without job schedules, so that the clock can move a month at a time. */
const config = () => ({ ...JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as Record<string, unknown>, jobSchedules: [] });
const clubOrder = (orderId: string, cardToken: string | null, extra: object[] = []) => ({
  type: 'callCenter.submitOrder',
  order: {
    orderId, callCenterId: 'CC1', enteredBy: 'agent1', customerId: 'C-ANNA', header: { modeCode: 'STD' },
    lines: [{ lineId: `${orderId}-1`, productId: 'P-CLUB', quantity: 1, unitPrice: 4500, discount: 4500, modeCode: 'STD', locationId: 'W1' }, ...extra],
    payments: cardToken === null ? [{ paymentId: `${orderId}-P`, method: 'CASH', amount: 995, status: 'Paid' }] : [{ paymentId: `${orderId}-P`, method: 'CARD', amount: 995, status: 'Authorized', cardToken }],
  },
});
const runJob = (job: string, filters: object = {}) => ({ type: 'headquarters.runJob', job, ...filters });
const countsOf = (result: unknown) => (result as { ok: true; result: { run: { counts: Record<string, number> } } }).result.run.counts;
const tempDir = useTempDirs('cc-continuity-');

describe('continuity programs at headquarters', () => {
  it('CC-15 an order selling a parent item needs a kept card; with one, it enrols the customer on that card', () => {
    const chain = Chain.create(config(), { seed: 1 });
    expect(chain.executeNow(clubOrder('CC-000001', null))).toMatchObject({ ok: false, error: { rule: 'CC-15', field: 'order.lines.0' } });
    expect(chain.headquarters.continuity.all()).toEqual([]);
    expect(chain.executeNow(clubOrder('CC-000001', 'tok-anna'))).toMatchObject({ ok: true });
    const [enrolment] = chain.headquarters.continuity.view();
    expect(enrolment).toMatchObject({ enrolmentId: 'EN-CC-000001-1', parentItemId: 'P-CLUB', customerId: 'C-ANNA', status: 'active' });
    // CC-14: the monthly schedule's three events, the parent line's amount billed in equal shares.
    expect(enrolment!.events.map((e) => [e.event, e.itemId, e.date, e.amount, e.payment])).toEqual([
      [1, 'P-MIX', '2026-01-05', 1500, 'pending'], [2, 'P-MIX', '2026-02-04', 1500, 'pending'], [3, 'P-BOTTLE', '2026-03-06', 1500, 'pending'],
    ]);
    expect(chain.headquarters.continuity.get('EN-CC-000001-1')!.cardToken).toBe('tok-anna');
  });

  it('CC-15 each paid due event becomes one sales order, at its store, exactly once across reruns and restarts', async () => {
    const dir = await tempDir();
    let durable = await DurableChain.open(dir, { config: config(), seed: 1, snapshotEvery: 3 });
    expect(await durable.execute(clubOrder('CC-000001', 'tok-anna'))).toMatchObject({ ok: true });
    // Child orders wait for their payment.
    expect(countsOf(await durable.execute(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 0, waitingForPayment: 1 });
    expect(countsOf(await durable.execute(runJob('processContinuityPayments')))).toMatchObject({ authorised: 1, declined: 0, amountAuthorised: 2645 });
    await durable.close();
    durable = await DurableChain.open(dir);
    // The rerun charges nothing twice.
    expect(countsOf(await durable.execute(runJob('processContinuityPayments')))).toMatchObject({ authorised: 0 });
    expect(countsOf(await durable.execute(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 1, waitingForPayment: 0 });
    await durable.close();
    durable = await DurableChain.open(dir);
    expect(countsOf(await durable.execute(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 0, waitingForPayment: 0 });
    const chain = durable.chain;
    const child = salesOrderOf(chain.headquarters.office, 'EN-CC-000001-1-E1')!;
    expect(child.order.lines.map((l) => [l.productId, l.quantity, l.unitPrice])).toEqual([['P-MIX', 2, 750]]);
    expect(chain.headquarters.continuity.view()[0]!.events[0]).toMatchObject({ payment: 'authorised', salesOrderId: child.salesOrderId });
    // It reached the store that owns it, as a submitted call-center order does (CC-21).
    expect(chain.store.parts.actors.has('order', 'EN-CC-000001-1-E1')).toBe(true);
    // A month later the second event is due: charged, then shipped, once.
    expect(await durable.execute({ type: 'clock.advance', ms: 31 * DAY })).toMatchObject({ ok: true });
    expect(countsOf(await durable.execute(runJob('processContinuityPayments')))).toMatchObject({ authorised: 1 });
    expect(countsOf(await durable.execute(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 1, waitingForPayment: 0 });
    expect(durable.chain.headquarters.continuity.view()[0]!.events.map((e) => e.salesOrderId !== null)).toEqual([true, true, false]);
    await durable.close();
  });

  it('CC-15 / CH-3 the payments run charges what the child order costs (its share, tax and freight), and shipped it is paid in full', () => {
    const chain = Chain.create(config(), { seed: 1 });
    expect(chain.executeNow(clubOrder('CC-000001', 'tok-anna'))).toMatchObject({ ok: true });
    // 15.00 of mix + 10% Washington tax + 9.95 ground freight (an order below 100.00): 26.45 charged to the kept card.
    expect(countsOf(chain.executeNow(runJob('processContinuityPayments')))).toMatchObject({ authorised: 1, amountAuthorised: 2645 });
    expect(countsOf(chain.executeNow(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 1, waitingForPayment: 0 });
    const child = salesOrderOf(chain.headquarters.office, 'EN-CC-000001-1-E1')!;
    expect([child.order.total, child.callCenter!.order.payments.map((p) => [p.status, p.amount])]).toEqual([2645, [['Authorized', 2645]]]);
    const view = chain.orderView('EN-CC-000001-1-E1');
    expect([view.totals.net, view.totals.tax, view.totals.charges, view.totals.total, view.cardToken]).toEqual([1500, 150, 995, 2645, 'tok-anna']);
    // The warehouse ships it: the kept card pays the invoice, and nothing is left owing.
    const picker = { locationId: 'W1', operatorId: 'picker1' };
    const lines = view.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
    expect(chain.executeNow({ type: 'fulfillment.pick', ...picker, lines: lines.map((l) => ({ orderId: view.orderId, ...l })) })).toMatchObject({ ok: true });
    expect(chain.executeNow({ type: 'fulfillment.pack', ...picker, orderId: view.orderId, lines })).toMatchObject({ ok: true });
    expect(chain.executeNow({ type: 'fulfillment.ship', ...picker, orderId: view.orderId, lines })).toMatchObject({ ok: true });
    expect(chain.orderView('EN-CC-000001-1-E1')).toMatchObject({ paid: 2645, paymentStatus: 'Paid' });
  });

  it('CC-15 a declined card pauses the program (no child order, no retry); the filters pick an item or an order', () => {
    const chain = Chain.create(config(), { seed: 1 });
    expect(chain.executeNow(clubOrder('CC-000001', 'tok-anna'))).toMatchObject({ ok: true });
    expect(chain.executeNow(clubOrder('CC-000002', 'tok-decline-anna'))).toMatchObject({ ok: true });
    expect(countsOf(chain.executeNow(runJob('processContinuityPayments', { orderId: 'CC-000002' })))).toMatchObject({ authorised: 0, declined: 1 });
    expect(countsOf(chain.executeNow(runJob('processContinuityPayments', { itemId: 'P-TENT' })))).toMatchObject({ authorised: 0, declined: 0 });
    expect(countsOf(chain.executeNow(runJob('processContinuityPayments')))).toMatchObject({ authorised: 1, declined: 0, awaitingCard: 1 });
    expect(countsOf(chain.executeNow(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 1, waitingForPayment: 1 });
    expect(chain.headquarters.continuity.view().map((e) => [e.enrolmentId, e.status])).toEqual([['EN-CC-000001-1', 'active'], ['EN-CC-000002-1', 'paused']]);
    // The job-run history names the batches.
    expect(chain.headquarters.office.jobRuns.map((r) => r.job)).toContain('createContinuityChildOrders');
  });

  it('CC-15 cancelling an enrolment stops its further child orders, and a cancelled one cannot be cancelled again', () => {
    const chain = Chain.create(config(), { seed: 1 });
    expect(chain.executeNow(clubOrder('CC-000001', 'tok-anna'))).toMatchObject({ ok: true });
    expect(chain.executeNow({ type: 'callCenter.cancelEnrolment', enrolmentId: 'EN-CC-000001-1', operatorId: 'supervisor1' })).toMatchObject({ ok: true, result: { status: 'cancelled' } });
    expect(chain.executeNow({ type: 'callCenter.cancelEnrolment', enrolmentId: 'EN-CC-000001-1', operatorId: 'supervisor1' })).toMatchObject({ ok: false, error: { rule: 'CC-15' } });
    expect(chain.executeNow({ type: 'callCenter.cancelEnrolment', enrolmentId: 'EN-NONE', operatorId: 'supervisor1' })).toMatchObject({ ok: false, error: { rule: 'NOT_FOUND' } });
    expect(countsOf(chain.executeNow(runJob('processContinuityPayments')))).toMatchObject({ authorised: 0 });
    expect(countsOf(chain.executeNow(runJob('createContinuityChildOrders')))).toEqual({ childOrders: 0, waitingForPayment: 0 });
  });
});
