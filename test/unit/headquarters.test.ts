/**
 * Headquarters' back office (engine/domain/headquarters.ts): staging the P-job's uploads exactly once (SY-3),
 * Synchronize customers / orders (SY-2, CU-5, CU-7, RT-4), job 1010's packages (SY-4), schedules.
 */
import { describe, expect, it } from 'vitest';
import type { OrderSummary, OutboundItem } from '../../engine/domain/channel-transactions.ts';
import { outboundKey } from '../../engine/domain/channel-transactions.ts';
import type { Customer } from '../../engine/domain/config.ts';
import {
  accountOf, createAccount, creationConflict, createSalesOrder, distributionFor, dueRunCount, initialBackOffice, nextDueJob, receiveUpload, recordJobRun, salesOrderOf, setSchedule,
  synchronizeCustomers, synchronizeOrders, type BackOffice,
} from '../../engine/domain/headquarters.ts';
import { demoCatalog, withConfig } from '../fixtures/chain.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const office = (): BackOffice => initialBackOffice(demoCatalog(), T0);

const customer = (accountId: string): Customer => ({
  accountId, name: `Customer ${accountId}`, type: 'person', customerGroup: 'retail', addresses: [], receiptOption: 'print', language: 'en-us',
  affiliations: [], financialDimensions: {}, attributes: {}, secondaryEmails: [], secondaryPhones: [],
});

const order = (n: number, customerId: string, total = 2749, status: OrderSummary['status'] = 'Open'): OrderSummary => ({
  orderId: `CO-${n}`, channelReference: `S1-T-${n}`, storeId: 'S1', customerId, createdAt: T0, orderType: 'customerOrder', status,
  paymentStatus: 'PartiallyPaid', lines: [{ lineId: 'L1', productId: 'P-LAMP', quantity: 1, unitPrice: 2499, delivery: 'pickup', modeCode: 'PICKUP', locationId: 'S1', invoiced: 0, returned: 0 }],
  total, invoiced: 0, paid: 275, returned: 0,
});

const customerItem = (guid: string, at = T0): OutboundItem => ({ key: outboundKey.customer(guid), kind: 'customerCreated', storeId: 'S1', at, customer: customer(guid) });
const orderItem = (o: OrderSummary, at = T0): OutboundItem => ({ key: outboundKey.order(o.channelReference), kind: 'orderCreated', storeId: 'S1', at, order: o });
const updateItem = (o: OrderSummary, revision: number): OutboundItem => ({ key: outboundKey.orderUpdate(o.channelReference, revision), kind: 'orderUpdated', storeId: 'S1', at: T0 + revision, revision, order: o });

describe('SY-3 staging the P-job\'s uploads', () => {
  it('SY-3 an item is staged once per idempotency key however often it is received', () => {
    let hq = office();
    const items = [customerItem('G-1'), orderItem(order(1, 'G-1'))];
    hq = receiveUpload(hq, items, T0);
    hq = receiveUpload(hq, [...items, ...items], T0 + 1);
    expect(Object.keys(hq.staged)).toEqual(['customer:G-1', 'order:S1-T-1']);
    expect(hq.staged['customer:G-1']!.receivedAt).toBe(T0);
  });

  it('SY-3 an account and a sales order are created once, whatever creates them twice', () => {
    let hq = office();
    hq = createAccount(hq, { channelCustomerId: 'G-1', storeId: 'S1', record: customer('G-1'), via: 'async', at: T0 });
    hq = createAccount(hq, { channelCustomerId: 'G-1', storeId: 'S1', record: customer('G-1'), via: 'realtime', at: T0 });
    hq = createSalesOrder(hq, order(1, 'G-1'), 'async', T0);
    hq = createSalesOrder(hq, order(1, 'G-1'), 'realtime', T0);
    expect(Object.keys(hq.salesOrders)).toEqual(['SO-000001']);
    expect(accountOf(hq, 'G-1')).toMatchObject({ accountNumber: 'C-000001', createdVia: 'async' });
    expect(hq.counters).toMatchObject({ customer: 1, salesOrder: 1 });
  });
});

describe('SY-3 one sales order per order id', () => {
  const withAnna = () => createAccount(office(), { channelCustomerId: 'C-X', storeId: 'S1', record: customer('C-X'), via: 'async', at: T0 });
  const reused = { ...order(1, 'C-X'), channelReference: 'S1-T-2' };

  it('SY-3 headquarters refuses a second sales order for an order id (the store reused it), naming the field', () => {
    const hq = createSalesOrder(withAnna(), order(1, 'C-X'), 'realtime', T0);
    expect(creationConflict(hq, { order: reused })).toMatchObject({ field: 'order.orderId', reason: expect.stringContaining('CO-1') });
    expect(() => createSalesOrder(hq, reused, 'realtime', T0)).toThrow(/already has a sales order/);
    // The same channel reference under another order id is another order too.
    expect(creationConflict(hq, { order: { ...order(1, 'C-X'), orderId: 'CO-9' } })).toMatchObject({ field: 'order.channelReference' });
    expect(creationConflict(hq, { order: order(1, 'C-X') })).toBeNull();
  });

  it('SY-3 Synchronize orders leaves an uploaded order under a taken order id waiting and counts it a conflict', () => {
    let hq = createSalesOrder(withAnna(), order(1, 'C-X'), 'realtime', T0);
    hq = synchronizeOrders(receiveUpload(hq, [orderItem(reused)], T0), T0 + 1);
    expect(Object.keys(hq.salesOrders)).toEqual(['SO-000001']);
    expect(hq.jobRuns.at(-1)!.counts).toMatchObject({ salesOrdersCreated: 0, conflicts: 1 });
    expect(Object.keys(hq.waiting)).toEqual(['order:S1-T-2']);
  });
});

describe('SY-2 / CU-5 / CU-7 Synchronize customers and orders', () => {
  it('CU-5 Synchronize customers creates the accounts of the async customers received, once', () => {
    let hq = receiveUpload(office(), [customerItem('G-1'), customerItem('G-2', T0 + 1)], T0);
    hq = synchronizeCustomers(hq, T0 + 5);
    hq = synchronizeCustomers(hq, T0 + 6);
    expect(Object.values(hq.customers).filter((c) => c.createdVia === 'async').map((c) => [c.channelCustomerId, c.accountNumber])).toEqual([['G-1', 'C-000001'], ['G-2', 'C-000002']]);
    expect(hq.jobRuns.map((r) => r.counts.accountsCreated)).toEqual([2, 0]);
    expect(hq.staged['customer:G-1']!.processedAt).toBe(T0 + 5);
  });

  it('SY-2 Synchronize orders creates sales orders for the orders received', () => {
    let hq = receiveUpload(office(), [orderItem(order(1, 'C-ANNA'))], T0);
    hq = synchronizeOrders(hq, T0 + 5);
    expect(salesOrderOf(hq, 'S1-T-1')).toMatchObject({ salesOrderId: 'SO-000001', customerAccount: 'C-ANNA', createdVia: 'async', order: { total: 2749 } });
  });

  it('CU-7 an order for an async customer syncs that customer first', () => {
    let hq = receiveUpload(office(), [customerItem('G-1'), orderItem(order(1, 'G-1'))], T0);
    hq = synchronizeOrders(hq, T0 + 5);
    expect(accountOf(hq, 'G-1')?.accountNumber).toBe('C-000001');
    expect(salesOrderOf(hq, 'S1-T-1')?.customerAccount).toBe('C-000001');
    expect(hq.staged['customer:G-1']!.processedAt).toBe(T0 + 5);
    expect(synchronizeCustomers(hq, T0 + 6).counters.customer).toBe(1);
  });

  it('CU-7 an order whose customer has not arrived waits for a later run', () => {
    let hq = receiveUpload(office(), [orderItem(order(1, 'G-1'))], T0);
    hq = synchronizeOrders(hq, T0 + 5);
    expect(salesOrderOf(hq, 'S1-T-1')).toBeUndefined();
    expect(hq.jobRuns.at(-1)!.counts).toMatchObject({ salesOrdersCreated: 0, waiting: 1 });
    hq = synchronizeOrders(receiveUpload(hq, [customerItem('G-1')], T0 + 6), T0 + 7);
    expect(salesOrderOf(hq, 'S1-T-1')?.customerAccount).toBe('C-000001');
  });

  it('SY-2 later states of an order apply in revision order; an older one arriving late changes nothing', () => {
    let hq = synchronizeOrders(receiveUpload(office(), [orderItem(order(1, 'C-ANNA'))], T0), T0 + 1);
    hq = receiveUpload(hq, [updateItem(order(1, 'C-ANNA', 2749, 'Invoiced'), 20)], T0 + 2);
    hq = synchronizeOrders(hq, T0 + 3);
    hq = receiveUpload(hq, [updateItem(order(1, 'C-ANNA', 2749, 'PartiallyPicked'), 10)], T0 + 4);
    hq = synchronizeOrders(hq, T0 + 5);
    expect(salesOrderOf(hq, 'S1-T-1')).toMatchObject({ revision: 20, order: { status: 'Invoiced' } });
  });

  it('SY-2 an update of an order not yet at headquarters waits for the order', () => {
    let hq = receiveUpload(office(), [updateItem(order(1, 'C-ANNA', 3000), 5)], T0);
    hq = synchronizeOrders(hq, T0 + 1);
    expect(hq.staged['order:S1-T-1:r5']!.processedAt).toBeNull();
    hq = synchronizeOrders(receiveUpload(hq, [orderItem(order(1, 'C-ANNA'))], T0 + 2), T0 + 3);
    expect(salesOrderOf(hq, 'S1-T-1')).toMatchObject({ revision: 5, order: { total: 3000 } });
  });

  it('RT-4 returns become return orders with their RMA number, receipts are posted', () => {
    const items: OutboundItem[] = [
      { key: outboundKey.return('RMA-000001'), kind: 'return', storeId: 'S1', at: T0, returnOrder: { rmaNumber: 'RMA-000001', original: { kind: 'receipt', id: 'T-R1-000001' }, channelReference: null, customerId: null, total: -1429, lines: [{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED' }] } },
      { key: outboundKey.receipt('S1', 'T-R1-000001'), kind: 'receipt', storeId: 'S1', at: T0, receipt: { receiptId: 'T-R1-000001', registerId: 'R1', customerId: null, total: 1429, lines: 1 } },
    ];
    const hq = synchronizeOrders(receiveUpload(office(), items, T0), T0 + 1);
    expect(hq.returnOrders['RMA-000001']).toMatchObject({ total: -1429, storeId: 'S1', salesOrderId: null });
    expect(Object.values(hq.postedReceipts)).toMatchObject([{ receiptId: 'T-R1-000001', total: 1429 }]);
  });
});

describe('SY-4 job 1010', () => {
  it('SY-4 a store gets the accounts, master data and its orders newer than the version it has', () => {
    let hq = receiveUpload(office(), [customerItem('G-1'), orderItem(order(1, 'G-1'))], T0);
    expect(distributionFor(hq, 'S1', 0)).toBeNull(); // nothing has changed at headquarters yet
    hq = synchronizeOrders(hq, T0 + 1);
    const pkg = distributionFor(hq, 'S1', 0)!;
    expect(pkg.version).toBe(2);
    expect(pkg.customers.map((c) => [c.channelCustomerId, c.accountNumber])).toEqual([['G-1', 'C-000001']]);
    expect(pkg.orders).toEqual([{ orderId: 'CO-1', channelReference: 'S1-T-1', salesOrderId: 'SO-000001' }]);
    expect(distributionFor(hq, 'S2', 0)!.orders).toEqual([]); // another store's orders are not its business
    expect(distributionFor(hq, 'S1', 2)).toBeNull();
  });
});

describe('headquarters job schedules', () => {
  it('SY-2 scheduled jobs fall due on the virtual clock, earliest first; a run sets the next', () => {
    const scheduled = initialBackOffice(withConfig((c) => { c.jobSchedules = [{ job: 'P-job', everyMinutes: 15 }, { job: '1010', everyMinutes: 10 }]; }), T0);
    const order = ['P-job', 'synchronizeCustomers', 'synchronizeOrders', '1010'] as const;
    expect(nextDueJob(scheduled, T0 + 9 * MINUTE, order)).toBeNull();
    expect(nextDueJob(scheduled, T0 + 20 * MINUTE, order)).toEqual({ job: '1010', at: T0 + 10 * MINUTE });
    const ran = recordJobRun(scheduled, { job: '1010', at: T0 + 10 * MINUTE, counts: {}, stores: [] });
    expect(nextDueJob(ran, T0 + 20 * MINUTE, order)).toEqual({ job: 'P-job', at: T0 + 15 * MINUTE });
    expect(ran.schedules['1010']!.nextAt).toBe(T0 + 20 * MINUTE);
    const off = setSchedule(ran, 'P-job', null, T0 + 10 * MINUTE);
    expect(nextDueJob(off, T0 + 20 * MINUTE, order)).toEqual({ job: '1010', at: T0 + 20 * MINUTE });
  });

  it('SY-2 the runs due by a time are counted without running them: the same count as running them one by one', () => {
    const scheduled = initialBackOffice(withConfig((c) => { c.jobSchedules = [{ job: 'P-job', everyMinutes: 15 }, { job: '1010', everyMinutes: 10 }]; }), T0);
    const order = ['P-job', 'synchronizeCustomers', 'synchronizeOrders', '1010'] as const;
    for (const minutes of [0, 9, 10, 15, 29, 30, 31, 600]) {
      let office = scheduled;
      let ran = 0;
      for (let due = nextDueJob(office, T0 + minutes * MINUTE, order); due !== null; due = nextDueJob(office, T0 + minutes * MINUTE, order)) {
        office = recordJobRun(office, { job: due.job, at: due.at, counts: {}, stores: [] });
        ran += 1;
      }
      expect(dueRunCount(scheduled, T0 + minutes * MINUTE), `${minutes} minutes`).toBe(ran);
    }
    expect(dueRunCount(scheduled, T0 + 30 * MINUTE)).toBe(5);
  });
});
