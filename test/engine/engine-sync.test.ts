/**
 * The store channel and headquarters through the chain host: real-time and async order creation (SY-1, SY-2),
 * offline work and the outbound queue (SY-3), job 1010 (SY-4), return orders (RT-4), job schedules.
 */
import { describe, expect, it } from 'vitest';
import { Chain, MAX_RUNS_PER_ADVANCE, type AcceptedEntry, type Delivery } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { chainConfig, due, listed, newEngine, ok, openShift, refused, runAllJobs, runJob, startSale, started, tenderDue, type Mutator } from './engine-helpers.ts';

const S1 = 'S1';
const asyncOrders: Mutator = (c) => { c.stores[0]!.functionality = { createOrderAsync: true }; };
const withBackup: Mutator = (c) => { c.stores[0]!.functionality = { realtimeWithAsyncBackup: true }; };

/** Anna picks up a lamp at S1 (2749, deposit 275) from R1. */
function pickupLamp(e: Chain): Record<string, unknown> {
  startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
  ok(e, { type: 'register.pickupAll', registerId: 'R1' });
  return tenderDue(e, 'R1');
}

const link = (e: Chain, state: 'online' | 'degraded' | 'offline', storeId = S1) => ok(e, { type: 'sync.setLink', storeId, state });

/** A chain whose deliveries wait in `held` until the test delivers them. */
function heldChain(mutate?: Mutator): { e: Chain; held: Delivery[]; flush: () => void } {
  const held: Delivery[] = [];
  const e = Chain.create(chainConfig(mutate), { seed: 1, transport: () => ({ send: (d) => { held.push(d); } }) });
  openShift(e, 'R1', 'cashier1');
  return { e, held, flush: () => { while (held.length > 0) e.deliver(held.shift()!); } };
}

describe('SY-1 sync mode: orders created at headquarters in real time', () => {
  it('SY-1 an order is created at headquarters as the sale completes, with the same total', () => {
    const e = started();
    const result = pickupLamp(e);
    expect(result).toMatchObject({ orderId: 'CO-000001', mode: 'realtime', salesOrderId: 'SO-000001', confirmationNumber: 'S1-T-R1-000001' });
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, salesOrderId: 'SO-000001', state: { open: 'idle' } });
    expect(salesOrderOf(e.backOffice(), 'S1-T-R1-000001')).toMatchObject({ createdVia: 'realtime', customerAccount: 'C-ANNA', order: { total: 2749, paid: 275 } });
    expect(listed(e, 'S1')).toEqual([['T-R1-000001-1', 'Accepted']]);
    expect(e.syncView(S1).pending).toEqual([]);
  });

  it('SY-3 the real-time service refuses a second sales order for an order id (CONFLICT, order.orderId), and learns the channel\'s numbering', () => {
    const e = started();
    pickupLamp(e);
    const salesOrder = salesOrderOf(e.backOffice(), 'S1-T-R1-000001')!;
    expect(e.backOffice().channelNumbering).toMatchObject({ counters: { CO: 1, 'T-R1': 1 } });
    const reused = e.headquarters.executeNow({ type: 'headquarters.createOrder', order: { ...salesOrder.order, channelReference: 'S1-T-R2-000001' }, customer: null });
    expect(reused).toMatchObject({ ok: false, error: { rule: 'CONFLICT', field: 'order.orderId' } });
    expect(Object.keys(e.backOffice().salesOrders)).toEqual(['SO-000001']);
  });

  it('SY-1 with the real-time service unreachable the sale is refused and nothing changes', () => {
    const e = started();
    link(e, 'degraded');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    const error = refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: due(e, 'R1') });
    expect(error).toMatchObject({ rule: 'SY-1', field: 'registerId' });
    expect(error.message).toMatch(/unreachable.*realtime with async backup/);
    // The cashier can retry once headquarters answers again: the cart is still there.
    link(e, 'online');
    expect(tenderDue(e, 'R1')).toMatchObject({ orderId: 'CO-000001', mode: 'realtime' });
  });

  it('SY-1 "realtime with async backup" falls back to async when the real-time service is unreachable', () => {
    const e = started(withBackup);
    link(e, 'degraded');
    expect(pickupLamp(e)).toMatchObject({ orderId: 'CO-000001', mode: 'asyncBackup', confirmationNumber: 'S1-T-R1-000001' });
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: false, state: 'awaitingHeadquarters' });
    expect(e.syncView(S1).pending.map((i) => i.key)).toEqual(['order:S1-T-R1-000001']);
    // Degraded still moves batch data: the jobs bring it to headquarters.
    runAllJobs(e);
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, salesOrderId: 'SO-000001', state: { open: 'idle' } });
  });
});

describe('SY-2 async mode', () => {
  it('SY-2 an async order completes at once with a confirmation number and exists at headquarters only after P-job and Synchronize orders', () => {
    const e = started(asyncOrders);
    expect(pickupLamp(e)).toMatchObject({ orderId: 'CO-000001', mode: 'async', confirmationNumber: 'S1-T-R1-000001' });
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: false, headerStatus: 'Open', paid: 275 });
    expect(listed(e, 'S1')).toEqual([]); // nothing reaches fulfilment before headquarters has the order
    expect(e.backOffice().salesOrders).toEqual({});
    runJob(e, 'P-job');
    expect(e.backOffice().salesOrders).toEqual({});
    expect(e.syncView(S1).pending).toEqual([]); // acknowledged: headquarters has it staged
    runJob(e, 'synchronizeOrders');
    expect(salesOrderOf(e.backOffice(), 'S1-T-R1-000001')).toMatchObject({ createdVia: 'async', order: { total: 2749 } });
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(false); // the store learns it from job 1010
    runJob(e, '1010');
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, salesOrderId: 'SO-000001' });
    expect(listed(e, 'S1')).toEqual([['T-R1-000001-1', 'Accepted']]);
  });

  it('CO-9 SY-2 an async quote shows as a quote, takes no payment and reaches no fulfilment while headquarters has not got it', () => {
    const e = started(asyncOrders);
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    expect(tenderDue(e, 'R1')).toMatchObject({ orderId: 'CO-000001', mode: 'async' });
    expect(e.orderView('CO-000001')).toMatchObject({ state: 'awaitingHeadquarters', headerStatus: 'Quote', paid: 0 });
    runAllJobs(e);
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, headerStatus: 'Quote' });
    expect(listed(e, 'S1')).toEqual([]);
  });

  it('CO-10 / CO-11 an async order is neither edited nor cancelled before it exists at headquarters', () => {
    const e = started(asyncOrders);
    pickupLamp(e);
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' })).toMatchObject({ rule: 'CO-10', field: 'orderId' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' })).toMatchObject({ rule: 'CO-11', field: 'orderId' });
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ rule: 'SY-2', field: 'orderId' });
    runAllJobs(e);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' });
    expect(tenderDue(e, 'R1')).toMatchObject({ completed: true });
    expect(e.orderView('CO-000001').headerStatus).toBe('Cancelled');
  });

  it('SY-1 an async order created at headquarters (P-job, Synchronize orders) is recalled for edit before job 1010: the recall asks headquarters in real time', () => {
    const e = started(asyncOrders);
    pickupLamp(e);
    runJob(e, 'P-job');
    runJob(e, 'synchronizeOrders');
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(false);
    const entries: AcceptedEntry[] = [];
    e.onAccepted((entry) => entries.push(entry));
    const hqSeq = e.headquarters.seq;
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, salesOrderId: 'SO-000001', editedBy: 'R1' });
    expect(listed(e, 'S1')).toEqual([['T-R1-000001-1', 'Accepted']]); // it reached fulfilment as job 1010 would have sent it
    // The question is recorded with the store's command (replayed from the journal without asking again); headquarters records nothing.
    expect(entries).toHaveLength(1);
    expect(entries[0]!.calls).toEqual([{ request: { type: 'headquarters.findOrder', channelReference: 'S1-T-R1-000001' }, response: { ok: true, result: { salesOrderId: 'SO-000001' } } }]);
    expect(e.headquarters.seq).toBe(hqSeq);
    ok(e, { type: 'register.void', registerId: 'R1' });
    runJob(e, '1010'); // the confirmation arriving later changes nothing
    expect(e.orderView('CO-000001')).toMatchObject({ salesOrderId: 'SO-000001', editedBy: null });
  });

  it('SY-1 an async order created at headquarters is cancelled before job 1010', () => {
    const e = started(asyncOrders);
    pickupLamp(e);
    runJob(e, 'P-job');
    runJob(e, 'synchronizeOrders');
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'cancel' });
    tenderDue(e, 'R1');
    expect(e.orderView('CO-000001').headerStatus).toBe('Cancelled');
  });

  it('SY-1 the refusal says what the store waits for: the P-job, then Synchronize orders; with the real-time service down, job 1010', () => {
    const e = started(asyncOrders);
    pickupLamp(e);
    const recall = { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' } as const;
    expect(refused(e, recall)).toMatchObject({ rule: 'CO-10', field: 'orderId', message: expect.stringContaining('Waiting for the P-job') });
    runJob(e, 'P-job');
    expect(refused(e, recall).message).toContain('Waiting for Synchronize orders');
    runJob(e, 'synchronizeOrders');
    link(e, 'degraded'); // batch still moves, the real-time service does not answer: the store's own copy decides
    expect(refused(e, { ...recall, purpose: 'cancel' })).toMatchObject({ rule: 'CO-11', message: expect.stringContaining('Waiting for job 1010') });
    runJob(e, '1010');
    ok(e, recall);
  });

  it('SY-2 later changes of an order reach its sales order, in order', () => {
    const e = started();
    pickupLamp(e);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' });
    tenderDue(e, 'R1');
    expect(e.syncView(S1).pending.map((i) => i.kind)).toEqual(['orderUpdated']);
    runJob(e, 'P-job');
    runJob(e, 'synchronizeOrders');
    expect(salesOrderOf(e.backOffice(), 'S1-T-R1-000001')!.order).toMatchObject({ status: 'Invoiced', invoiced: 2749, paid: 2749, paymentStatus: 'Paid' });
  });

  it('SY-2 scheduled jobs run as the virtual clock advances', () => {
    const e = started((c) => {
      asyncOrders(c);
      c.jobSchedules = [{ job: 'P-job', everyMinutes: 10 }, { job: 'synchronizeOrders', everyMinutes: 15 }, { job: '1010', everyMinutes: 15 }];
    });
    pickupLamp(e);
    const advanced = ok(e, { type: 'clock.advance', ms: 14 * 60_000 });
    expect(advanced.jobsRun).toEqual([{ job: 'P-job', at: e.now - 4 * 60_000 }]);
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(false);
    const later = ok(e, { type: 'clock.advance', ms: 60_000 });
    expect((later.jobsRun as { job: string }[]).map((r) => r.job)).toEqual(['synchronizeOrders', '1010']);
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(true);
    expect(e.backOffice().schedules['1010']!.nextAt).toBe(e.now + 15 * 60_000);
  });

  it('SY-2 a clock advance runs at most 1000 scheduled jobs; a longer one is refused whole and changes nothing', () => {
    const e = started((c) => { c.jobSchedules = [{ job: 'P-job', everyMinutes: 10 }, { job: '1010', everyMinutes: 15 }]; });
    const before = JSON.stringify(e.exportState());
    // 10-minute and 15-minute jobs: 600 + 400 = 1000 runs in 6000 minutes; the P-job at 6010 would be the 1001st.
    expect(refused(e, { type: 'clock.advance', ms: 6010 * 60_000 })).toMatchObject({ rule: 'VALIDATION', field: 'ms' });
    expect(JSON.stringify(e.exportState())).toBe(before);
    const advanced = ok(e, { type: 'clock.advance', ms: 6000 * 60_000 });
    expect((advanced.jobsRun as unknown[]).length).toBe(MAX_RUNS_PER_ADVANCE);
  });

  it('SY-2 a schedule is set, changed and removed by a command', () => {
    const e = started();
    ok(e, { type: 'headquarters.schedule', job: 'P-job', everyMinutes: 5 });
    expect(e.backOffice().schedules['P-job']).toEqual({ everyMinutes: 5, nextAt: e.now + 5 * 60_000 });
    ok(e, { type: 'headquarters.schedule', job: 'P-job', everyMinutes: null });
    expect(e.backOffice().schedules['P-job']).toBeUndefined();
    expect(refused(e, { type: 'headquarters.schedule', job: 'P-job', everyMinutes: 0 })).toMatchObject({ rule: 'VALIDATION', field: 'everyMinutes' });
  });
});

describe('SY-3 offline', () => {
  it('SY-3 offline orders and customers are queued locally and reach headquarters when the store is back online', () => {
    const e = started();
    link(e, 'offline');
    const customer = ok(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Olive Offline' } });
    expect(customer).toMatchObject({ account: 'Pending sync', mode: 'offline' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(tenderDue(e, 'R1')).toMatchObject({ orderId: 'CO-000001', mode: 'offline', confirmationNumber: 'S1-T-R1-000001' });
    expect(e.syncView(S1).pending.map((i) => i.kind)).toEqual(['customerCreated', 'orderCreated']);
    // Jobs cannot reach an offline store; nothing is lost.
    const pull = ok(e, { type: 'headquarters.runJob', job: 'P-job' });
    expect(pull.run).toMatchObject({ stores: [{ storeId: 'S1', outcome: 'unreachable' }, { storeId: 'S2', outcome: 'completed' }] });
    expect(e.syncView(S1).pending).toHaveLength(2);
    link(e, 'online');
    runAllJobs(e);
    expect(e.syncView(S1).pending).toEqual([]);
    expect(e.customerView(customer.customerId as string)).toMatchObject({ pendingSync: false, accountNumber: 'C-000001' });
    expect(e.orderView('CO-000001')).toMatchObject({ existsAtHeadquarters: true, customerId: customer.customerId });
    expect(salesOrderOf(e.backOffice(), 'S1-T-R1-000001')!.customerAccount).toBe('C-000001');
  });

  it('SY-3 customer orders cannot be recalled while the store is offline', () => {
    const e = started();
    pickupLamp(e);
    link(e, 'offline');
    expect(refused(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'pickup' })).toMatchObject({ rule: 'SY-3', field: 'registerId' });
  });

  it('SY-3 a lost acknowledgement makes the next P-job send the items again, and headquarters takes them once', () => {
    const { e, held } = heldChain(asyncOrders);
    pickupLamp(e);
    runJob(e, 'P-job', [S1]);
    e.deliver(held.shift()!); // the upload arrives; its acknowledgement is held...
    expect(held.map((d) => d.command.type)).toEqual(['sync.acknowledge']);
    held.length = 0; // ...and lost
    expect(e.syncView(S1).pending).toHaveLength(1);
    runJob(e, 'P-job', [S1]);
    const upload = held.shift()!;
    e.deliver(upload);
    e.deliver(upload); // a duplicate delivery too
    for (const ack of held.splice(0)) e.deliver(ack);
    expect(e.syncView(S1).pending).toEqual([]);
    expect(Object.keys(e.backOffice().staged)).toEqual(['order:S1-T-R1-000001']);
    runJob(e, 'synchronizeOrders');
    runJob(e, 'synchronizeOrders');
    expect(Object.keys(e.backOffice().salesOrders)).toEqual(['SO-000001']);
  });

  it('SY-3 what is delivered to an offline store is lost, not half-applied', () => {
    const { e, held } = heldChain(asyncOrders);
    pickupLamp(e);
    runJob(e, 'P-job', [S1]);
    e.deliver(held.shift()!);
    link(e, 'offline');
    const before = JSON.stringify(e.exportState().store);
    e.deliver(held.shift()!);
    expect(e.deliveries).toMatchObject({ delivered: 1, lost: 1 });
    expect(JSON.stringify(e.exportState().store)).toBe(before);
  });
});

describe('SY-4 job 1010', () => {
  it('SY-4 an older distribution package arriving after a newer one changes nothing', () => {
    const { e, held, flush } = heldChain(asyncOrders);
    pickupLamp(e);
    runJob(e, 'P-job', [S1]);
    flush();
    runJob(e, 'synchronizeOrders');
    runJob(e, '1010', [S1]);
    const older = held.shift()!;
    ok(e, { type: 'customer.create', registerId: 'R1', customer: { name: 'Newer Customer' } });
    runJob(e, '1010', [S1]);
    e.deliver(held.shift()!); // the newer package first
    expect(e.syncView(S1).appliedVersion).toBe(e.backOffice().version);
    const before = JSON.stringify(e.exportState().store);
    e.deliver(older);
    expect(e.deliveries.refused).toBe(1);
    expect(JSON.stringify(e.exportState().store)).toBe(before);
    expect(e.orderView('CO-000001').existsAtHeadquarters).toBe(true); // the newer package confirmed it too
  });
});

describe('RT-4 return orders', () => {
  it('RT-4 a return posts to headquarters as a return order with its RMA number', () => {
    const e = started();
    startSale(e, 'R1', null, [{ productId: 'P-SOCKS' }]);
    const sale = tenderDue(e, 'R1');
    ok(e, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: sale.receiptId as string } });
    ok(e, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: `${sale.receiptId as string}-1`, quantity: 1, reasonCode: 'DAMAGED' }] });
    const returned = tenderDue(e, 'R1');
    runJob(e, 'P-job');
    runJob(e, 'synchronizeOrders');
    expect(e.backOffice().returnOrders[returned.rmaNumber as string]).toMatchObject({ rmaNumber: returned.rmaNumber, storeId: 'S1', total: -1429, original: { kind: 'receipt' } });
    expect(Object.values(e.backOffice().postedReceipts)).toMatchObject([{ receiptId: sale.receiptId, total: 1429 }]);
  });
});

describe('headquarters commands at the chain\'s boundary', () => {
  it('a bad job, store or link state names its field and changes nothing', () => {
    const e = newEngine();
    expect(refused(e, { type: 'headquarters.runJob', job: 'P-job', storeIds: ['S9'] })).toMatchObject({ rule: 'NOT_FOUND', field: 'storeIds.0' });
    expect(refused(e, { type: 'headquarters.runJob', job: 'nightly' })).toMatchObject({ rule: 'VALIDATION', field: 'job' });
    expect(refused(e, { type: 'sync.setLink', storeId: 'S1', state: 'flaky' })).toMatchObject({ rule: 'VALIDATION', field: 'state' });
    expect(refused(e, { type: 'sync.setLink', storeId: 'S9', state: 'offline' })).toMatchObject({ rule: 'NOT_FOUND', field: 'storeId' });
    // Deliveries are between the engines, not something a till or screen can send.
    expect(refused(e, { type: 'sync.acknowledge', storeId: 'S1', keys: ['order:x'] })).toMatchObject({ rule: 'VALIDATION', field: 'type' });
    expect(refused(e, { type: 'headquarters.receiveUpload', storeId: 'S1', items: [] })).toMatchObject({ rule: 'VALIDATION', field: 'type' });
  });

  it('setting the link to the state it is in is accepted and changes nothing', () => {
    const e = newEngine();
    expect(link(e, 'online')).toMatchObject({ link: 'online', changed: false });
    expect(link(e, 'offline')).toMatchObject({ link: 'offline', changed: true });
  });
});
