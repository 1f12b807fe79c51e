/**
 * Headquarters' back office as pure functions: customer accounts, sales orders created from channel transactions,
 * the staging table the P-job fills, and the batch jobs (SY-1..SY-4, CU-4, CU-5, CU-7, RT-4).
 *
 * Exactly once: a staged transaction is keyed by its idempotency key, a sales order by the order's channel
 * reference, an account by the channel's customer id; receiving or processing the same thing again changes nothing.
 */
import type { CallCenterOrderDelivery } from './call-center-submission.ts';
import type { Catalog } from './catalog.ts';
import type { DistributionPackage, OrderSummary, OutboundItem, ReceiptEmail, ReceiptSummary, ReturnSummary } from './channel-transactions.ts';
import type { Customer, HeadquartersJob } from './config.ts';
import { furthest, type Numbering } from './numbering.ts';
import { violation, type RuleViolation } from './violation.ts';

export interface HqCustomer {
  accountNumber: string;
  /** The id the channels know the customer by (the account number, or the GUID it was created under). */
  channelCustomerId: string;
  record: Customer;
  createdVia: 'master' | 'realtime' | 'async';
  storeId: string | null;
  createdAt: number;
  /** Master data version of the last change (SY-4: job 1010 sends what is newer than a store has). */
  version: number;
  /** What the customer was created as: a second creation under the same id must be the same customer. */
  fingerprint: string;
}

export interface SalesOrder {
  salesOrderId: string;
  orderId: string;
  channelReference: string;
  storeId: string;
  customerAccount: string;
  /** SY-1 / SY-2: how a store's order got here; CC-2: a call-center order is created here, where it is submitted. */
  createdVia: 'realtime' | 'async' | 'callCenter';
  createdAt: number;
  /** The channel revision last applied (0 = as created). */
  revision: number;
  order: OrderSummary;
  version: number;
  /** What the order was created as (see `orderFingerprint`). */
  fingerprint: string;
  /** CC-2: a call-center order as accepted, which job 1010 carries to the store that owns it (absent: a store's order). */
  callCenter?: Pick<CallCenterOrderDelivery, 'customer' | 'order'>;
  /** CC-21: a call-center order the call center cancelled (absent: not cancelled). */
  cancelled?: SalesOrderCancellation;
}

/**
 * CC-21: what cancelling a call-center order did at headquarters: each payment refunded (captured) or voided
 * (authorised), nothing charged; `refusedByStore` once the store's updates show it had already started fulfilling.
 */
export interface SalesOrderCancellation {
  at: number;
  by: string;
  payments: { paymentId: string; amount: number; outcome: 'refunded' | 'voided' }[];
  refusedByStore: boolean;
}

export interface StagedTransaction { item: OutboundItem; receivedAt: number; processedAt: number | null }

export interface HqReturnOrder extends ReturnSummary { storeId: string; at: number; salesOrderId: string | null }
export interface PostedReceipt extends ReceiptSummary { storeId: string; at: number }

export interface JobRun {
  job: HeadquartersJob;
  at: number;
  counts: Record<string, number>;
  /** What a P-job or 1010 run did at each store it tried to reach (empty for headquarters-only jobs). */
  stores: { storeId: string; outcome: 'completed' | 'unreachable'; counts: Record<string, number> }[];
}

export interface BackOffice {
  customers: Record<string, HqCustomer>;
  accountOfChannelCustomer: Record<string, string>;
  staged: Record<string, StagedTransaction>;
  salesOrders: Record<string, SalesOrder>;
  salesOrderOfChannelReference: Record<string, string>;
  /** One sales order per order id: a second one under the same id means the store reused it, and is refused. */
  salesOrderOfOrderId: Record<string, string>;
  returnOrders: Record<string, HqReturnOrder>;
  postedReceipts: Record<string, PostedReceipt>;
  /** Master data version: bumped by every change job 1010 distributes. */
  version: number;
  counters: { customer: number; salesOrder: number; loyaltyCard: number };
  /** The most recent job runs, newest last. */
  jobRuns: JobRun[];
  schedules: Partial<Record<HeadquartersJob, { everyMinutes: number; nextAt: number }>>;
  /** The keys of staged transactions not processed yet: what the next Synchronize run looks at. */
  waiting: Record<string, true>;
  /**
   * What each master data version changed, in version order (`changes[v - 1]`): `customer:<account>` or
   * `salesOrder:<id>`. Job 1010 reads what a store has not applied from here, not from the whole tables.
   */
  changes: string[];
  /** Running totals of the tables, kept by every change (the analyst's report reads them, it never scans). */
  tally: BackOfficeTally;
  /**
   * The furthest numbering the store channel has sent with its real-time calls and uploads (null: none yet): a
   * channel that lost work headquarters saw moves past it (Chain.reconcile).
   */
  channelNumbering: Numbering | null;
}

export interface BackOfficeTally { accounts: number; salesOrders: number; salesOrdersTotal: number; returnOrders: number; receiptsPosted: number; staged: number }

const JOB_HISTORY = 500;

const customerChange = (accountNumber: string) => `customer:${accountNumber}`;
const salesOrderChange = (salesOrderId: string) => `salesOrder:${salesOrderId}`;

/**
 * The back office's tables grow with the chain (every account, sales order, staged transaction): a change writes
 * its record into the table in place rather than copying the whole table. Only the headquarters actor holds a back
 * office, and a refused command never reaches these functions.
 */
function put<T>(table: Record<string, T>, key: string, value: T): Record<string, T> {
  table[key] = value;
  return table;
}
const MINUTE = 60_000;
const number = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/**
 * SY-3: a repeated creation (a retry, a duplicate) carries the same content under the same id; different content
 * under an id headquarters already has means the store reused its numbers (its state went back behind
 * headquarters'), and taking it as a duplicate would lose it.
 */
export function orderFingerprint(order: OrderSummary): string {
  return JSON.stringify([order.customerId, order.orderType, order.total,
    order.lines.map((l) => [l.lineId, l.productId, l.quantity, l.unitPrice, l.delivery, l.locationId])]);
}

export function customerFingerprint(record: Customer): string {
  return JSON.stringify(record);
}

/** Why headquarters cannot take a creation under an id it already has for something else, and the field at fault (null: it can). */
export function creationConflict(office: BackOffice, creation: { order?: OrderSummary; customer?: Customer | null }): { reason: string; field: string } | null {
  const customer = creation.customer ?? null;
  const account = customer === null ? undefined : accountOf(office, customer.accountId);
  if (customer !== null && account !== undefined && account.fingerprint !== customerFingerprint(customer)) {
    return { reason: `customer ${customer.accountId} already exists at headquarters as a different customer`, field: 'channelCustomerId' };
  }
  if (creation.order === undefined) return null;
  const { order } = creation;
  const existing = salesOrderOf(office, order.channelReference);
  if (existing !== undefined && (existing.fingerprint !== orderFingerprint(order) || existing.orderId !== order.orderId)) {
    return { reason: `headquarters already has ${order.channelReference} as a different order (${existing.salesOrderId})`, field: 'order.channelReference' };
  }
  const holder = orderIdHolder(office, order);
  return holder === undefined ? null : { reason: `headquarters already has order id ${order.orderId} for ${holder.channelReference} (${holder.salesOrderId})`, field: 'order.orderId' };
}

/** The sales order that holds an order's id under another channel reference (undefined: none does). */
function orderIdHolder(office: BackOffice, order: OrderSummary): SalesOrder | undefined {
  const id = office.salesOrderOfOrderId[order.orderId];
  const holder = id === undefined ? undefined : office.salesOrders[id];
  return holder?.channelReference === order.channelReference ? undefined : holder;
}

/** What headquarters learns of the channel's numbering from a real-time call or an upload (absent: nothing). */
export function noteNumbering(office: BackOffice, numbering: Numbering | undefined): BackOffice {
  return numbering === undefined ? office : { ...office, channelNumbering: furthest(office.channelNumbering, numbering) };
}

/** Whether an uploaded item is one headquarters has staged with different content under its key (never taken). */
export function stagedDifferently(office: BackOffice, item: OutboundItem): boolean {
  const staged = office.staged[item.key];
  return staged !== undefined && JSON.stringify(staged.item) !== JSON.stringify(item);
}

export function initialBackOffice(catalog: Catalog, startAt: number): BackOffice {
  const customers: Record<string, HqCustomer> = {};
  const accountOfChannelCustomer: Record<string, string> = {};
  for (const record of catalog.config.customers) {
    customers[record.accountId] = {
      accountNumber: record.accountId, channelCustomerId: record.accountId, record, createdVia: 'master', storeId: null, createdAt: startAt, version: 0,
      fingerprint: customerFingerprint(record),
    };
    accountOfChannelCustomer[record.accountId] = record.accountId;
  }
  const schedules: BackOffice['schedules'] = {};
  for (const { job, everyMinutes } of catalog.config.jobSchedules) schedules[job] = { everyMinutes, nextAt: startAt + everyMinutes * MINUTE };
  return {
    customers, accountOfChannelCustomer, staged: {}, salesOrders: {}, salesOrderOfChannelReference: {}, salesOrderOfOrderId: {}, returnOrders: {}, postedReceipts: {},
    version: 0, counters: { customer: 0, salesOrder: 0, loyaltyCard: 0 }, jobRuns: [], schedules, waiting: {}, changes: [],
    tally: { accounts: Object.keys(customers).length, salesOrders: 0, salesOrdersTotal: 0, returnOrders: 0, receiptsPosted: 0, staged: 0 },
    channelNumbering: null,
  };
}

export function accountOf(office: BackOffice, channelCustomerId: string): HqCustomer | undefined {
  const account = office.accountOfChannelCustomer[channelCustomerId];
  return account === undefined ? undefined : office.customers[account];
}

/** CU-4 / CU-7: an account for a customer a channel created; the existing one if it already has one. */
export function createAccount(office: BackOffice, customer: { channelCustomerId: string; storeId: string; record: Customer; via: 'realtime' | 'async'; at: number }): BackOffice {
  if (accountOf(office, customer.channelCustomerId) !== undefined) return office;
  const n = office.counters.customer + 1;
  const accountNumber = number('C', n);
  const version = office.version + 1;
  const account: HqCustomer = {
    accountNumber, channelCustomerId: customer.channelCustomerId, record: customer.record, createdVia: customer.via,
    storeId: customer.storeId, createdAt: customer.at, version, fingerprint: customerFingerprint(customer.record),
  };
  office.changes.push(customerChange(accountNumber));
  return {
    ...office, version, counters: { ...office.counters, customer: n },
    customers: put(office.customers, accountNumber, account),
    accountOfChannelCustomer: put(office.accountOfChannelCustomer, customer.channelCustomerId, accountNumber),
    tally: { ...office.tally, accounts: office.tally.accounts + 1 },
  };
}

/** CU-4: an edit made at a register, in real time. */
export function updateAccount(office: BackOffice, accountNumber: string, record: Customer): BackOffice {
  const account = office.customers[accountNumber]!;
  const version = office.version + 1;
  office.changes.push(customerChange(accountNumber));
  return { ...office, version, customers: put(office.customers, accountNumber, { ...account, record, version }) };
}

/** CU-5: a loyalty card for a customer with an account. */
export function issueLoyaltyCard(office: BackOffice, accountNumber: string): BackOffice {
  const account = office.customers[accountNumber]!;
  const n = office.counters.loyaltyCard + 1;
  const version = office.version + 1;
  const record = { ...account.record, loyaltyCardId: number('LC', n) };
  office.changes.push(customerChange(accountNumber));
  return { ...office, version, counters: { ...office.counters, loyaltyCard: n }, customers: put(office.customers, accountNumber, { ...account, record, version }) };
}

/**
 * SY-1 / SY-2: the sales order of a channel order; the existing one if the channel reference has one. Never a
 * second sales order for an order id (the caller checks `creationConflict` first).
 */
export function createSalesOrder(office: BackOffice, order: OrderSummary, via: SalesOrder['createdVia'], at: number, callCenter?: SalesOrder['callCenter']): BackOffice {
  if (office.salesOrderOfChannelReference[order.channelReference] !== undefined) return office;
  if (orderIdHolder(office, order) !== undefined) throw new RangeError(`order id ${order.orderId} already has a sales order`);
  const account = accountOf(office, order.customerId);
  if (account === undefined) throw new RangeError(`no account for customer ${order.customerId}`);
  const n = office.counters.salesOrder + 1;
  const salesOrderId = number('SO', n);
  const version = office.version + 1;
  const salesOrder: SalesOrder = {
    salesOrderId, orderId: order.orderId, channelReference: order.channelReference, storeId: order.storeId, customerAccount: account.accountNumber,
    createdVia: via, createdAt: at, revision: 0, order, version, fingerprint: orderFingerprint(order), ...(callCenter === undefined ? {} : { callCenter }),
  };
  office.changes.push(salesOrderChange(salesOrderId));
  return {
    ...office, version, counters: { ...office.counters, salesOrder: n },
    salesOrders: put(office.salesOrders, salesOrderId, salesOrder),
    salesOrderOfChannelReference: put(office.salesOrderOfChannelReference, order.channelReference, salesOrderId),
    salesOrderOfOrderId: put(office.salesOrderOfOrderId, order.orderId, salesOrderId),
    tally: { ...office.tally, salesOrders: office.tally.salesOrders + 1, salesOrdersTotal: office.tally.salesOrdersTotal + order.total },
  };
}

export function salesOrderOf(office: BackOffice, channelReference: string): SalesOrder | undefined {
  const id = office.salesOrderOfChannelReference[channelReference];
  return id === undefined ? undefined : office.salesOrders[id];
}

/** CC-21: the header statuses that say the store has picked, packed, shipped or handed over a line. */
const FULFILMENT_STARTED: ReadonlySet<OrderSummary['status']> = new Set(['PartiallyPicked', 'Picked', 'PartiallyDelivered', 'Delivered', 'PartiallyInvoiced', 'Invoiced']);

/** CC-21: whether headquarters knows the store has started fulfilling the order (picked, packed, picked up or shipped). */
export const fulfilmentStartedAtStore = (order: OrderSummary): boolean => FULFILMENT_STARTED.has(order.status) || order.lines.some((l) => l.invoiced > 0);

/** CC-21: a captured payment is refunded, an authorised one voided; the others never took money. */
const SETTLED_ON_CANCEL: Partial<Record<string, 'refunded' | 'voided'>> = { Paid: 'refunded', Authorized: 'voided' };

const STARTED_MESSAGE = 'The store has already picked this order; it can no longer be cancelled from the call center.';

/** CC-21: why the call center cannot cancel this order's sales order (null: it can). */
export function checkCallCenterCancel(office: BackOffice, orderId: string): RuleViolation | null {
  const salesOrder = salesOrderOf(office, orderId);
  if (salesOrder?.callCenter === undefined) return violation('NOT_FOUND', `headquarters has no call-center sales order for order ${orderId}`, 'orderId');
  if (salesOrder.cancelled !== undefined) return violation('CC-21', `Order ${orderId} is already cancelled.`, 'orderId');
  return fulfilmentStartedAtStore(salesOrder.order) ? violation('CC-21', STARTED_MESSAGE, 'orderId') : null;
}

/**
 * CC-21: the call center cancels a call-center order's sales order: captured payments are refunded, authorised ones
 * voided, nothing is charged; a new version, so that the next distribution package carries the cancel to the store.
 */
export function cancelCallCenterSalesOrder(office: BackOffice, orderId: string, by: string, at: number): BackOffice {
  const salesOrder = salesOrderOf(office, orderId)!;
  const payments = salesOrder.callCenter!.order.payments.flatMap((p): SalesOrderCancellation['payments'] => {
    const outcome = SETTLED_ON_CANCEL[p.status];
    return outcome === undefined ? [] : [{ paymentId: p.paymentId, amount: p.amount, outcome }];
  });
  const version = office.version + 1;
  office.changes.push(salesOrderChange(salesOrder.salesOrderId));
  const cancelled: SalesOrder = { ...salesOrder, version, cancelled: { at, by, payments, refusedByStore: false } };
  return { ...office, version, salesOrders: put(office.salesOrders, salesOrder.salesOrderId, cancelled) };
}

/** CC-21: the call-center cancels a store answered it could not take, because it had already started (derived). */
export const cancelsRefusedByStores = (office: BackOffice): number =>
  Object.values(office.salesOrders).filter((s) => s.cancelled?.refusedByStore === true).length;

/**
 * SY-3: the P-job's upload from a store, staged once per idempotency key. Every key received is acknowledged
 * except one staged with different content (see `stagedDifferently`): that item stays in the store's queue.
 */
export function receiveUpload(office: BackOffice, items: readonly OutboundItem[], at: number): BackOffice {
  const fresh = items.filter((item) => office.staged[item.key] === undefined);
  if (fresh.length === 0) return office;
  for (const item of fresh) {
    put(office.staged, item.key, { item, receivedAt: at, processedAt: null });
    put(office.waiting, item.key, true);
  }
  return { ...office, tally: { ...office.tally, staged: office.tally.staged + fresh.length } };
}

/** Staged transactions not yet processed, in the order the stores made them. */
function waiting(office: BackOffice, kinds: readonly OutboundItem['kind'][]): StagedTransaction[] {
  return Object.keys(office.waiting)
    .map((key) => office.staged[key]!)
    .filter((s) => kinds.includes(s.item.kind))
    .sort((a, b) => a.item.at - b.item.at || (a.item.key < b.item.key ? -1 : 1));
}

/** CC-21: a cancelled order the store goes on fulfilling had started before the cancel reached it: the store refused it. */
function storeAnswerToCancel(salesOrder: SalesOrder, update: OrderSummary): Pick<SalesOrder, 'cancelled'> | Record<string, never> {
  const cancelled = salesOrder.cancelled;
  if (cancelled === undefined || cancelled.refusedByStore || update.status === 'Cancelled' || !fulfilmentStartedAtStore(update)) return {};
  return { cancelled: { ...cancelled, refusedByStore: true } };
}

function processed(office: BackOffice, key: string, at: number): BackOffice {
  delete office.waiting[key];
  return { ...office, staged: put(office.staged, key, { ...office.staged[key]!, processedAt: at }) };
}

/** CU-7: creates the account of an async customer from its staged transaction, if headquarters has received it. */
function syncStagedCustomer(office: BackOffice, channelCustomerId: string, at: number): BackOffice {
  const staged = office.staged[`customer:${channelCustomerId}`];
  if (staged === undefined || staged.item.kind !== 'customerCreated') return office;
  const created = createAccount(office, { channelCustomerId, storeId: staged.item.storeId, record: staged.item.customer, via: 'async', at });
  return staged.processedAt === null ? processed(created, staged.item.key, at) : created;
}

/** "Synchronize customers and business partners from async mode": accounts for the async customers received. */
export function synchronizeCustomers(office: BackOffice, at: number): BackOffice {
  let next = office;
  let created = 0;
  for (const staged of waiting(office, ['customerCreated'])) {
    if (staged.item.kind !== 'customerCreated') continue;
    const before = next.counters.customer;
    next = syncStagedCustomer(next, staged.item.customer.accountId, at);
    created += next.counters.customer - before;
  }
  return recordJobRun(next, { job: 'synchronizeCustomers', at, counts: { accountsCreated: created }, stores: [] });
}

/**
 * "Synchronize orders": sales orders from the orders received (first syncing their async customers, CU-7), later
 * revisions applied in order, return orders (RT-4) and receipts posted, receipt emails handed to the mail service. What cannot be processed yet (an order
 * whose customer has not arrived, an update of an order not yet created) waits for the next run.
 */
export function synchronizeOrders(office: BackOffice, at: number): BackOffice {
  let next = office;
  const counts = { salesOrdersCreated: 0, updatesApplied: 0, returnOrders: 0, receiptsPosted: 0, receiptEmails: 0, waiting: 0, conflicts: 0 };
  for (const { item } of waiting(office, ['orderCreated', 'orderUpdated', 'return', 'receipt', 'receiptEmail'])) {
    if (item.kind === 'orderCreated') {
      if (accountOf(next, item.order.customerId) === undefined) next = syncStagedCustomer(next, item.order.customerId, at);
      if (accountOf(next, item.order.customerId) === undefined) { counts.waiting += 1; continue; }
      // An order id another order already has: the store reused its numbering; the item waits, never taken.
      if (orderIdHolder(next, item.order) !== undefined) { counts.conflicts += 1; continue; }
      const before = next.counters.salesOrder;
      next = processed(createSalesOrder(next, item.order, 'async', at), item.key, at);
      counts.salesOrdersCreated += next.counters.salesOrder - before;
    } else if (item.kind === 'orderUpdated') {
      const salesOrder = salesOrderOf(next, item.order.channelReference);
      if (salesOrder === undefined) { counts.waiting += 1; continue; }
      if (item.revision > salesOrder.revision) {
        const tally = { ...next.tally, salesOrdersTotal: next.tally.salesOrdersTotal + item.order.total - salesOrder.order.total };
        next = { ...next, tally, salesOrders: put(next.salesOrders, salesOrder.salesOrderId, { ...salesOrder, revision: item.revision, order: item.order, ...storeAnswerToCancel(salesOrder, item.order) }) };
        counts.updatesApplied += 1;
      }
      next = processed(next, item.key, at);
    } else if (item.kind === 'return') {
      const reference = item.returnOrder.channelReference;
      const salesOrderId = reference === null ? null : salesOrderOf(next, reference)?.salesOrderId ?? null;
      const tally = { ...next.tally, returnOrders: next.tally.returnOrders + (next.returnOrders[item.returnOrder.rmaNumber] === undefined ? 1 : 0) };
      next = processed({ ...next, tally, returnOrders: put(next.returnOrders, item.returnOrder.rmaNumber, { ...item.returnOrder, storeId: item.storeId, at: item.at, salesOrderId }) }, item.key, at);
      counts.returnOrders += 1;
    } else if (item.kind === 'receipt') {
      const tally = { ...next.tally, receiptsPosted: next.tally.receiptsPosted + (next.postedReceipts[item.key] === undefined ? 1 : 0) };
      next = processed({ ...next, tally, postedReceipts: put(next.postedReceipts, item.key, { ...item.receipt, storeId: item.storeId, at: item.at }) }, item.key, at);
      counts.receiptsPosted += 1;
    } else if (item.kind === 'receiptEmail') {
      // Handed to the mail service; the staged message is the record of it.
      next = processed(next, item.key, at);
      counts.receiptEmails += 1;
    }
  }
  return recordJobRun(next, { job: 'synchronizeOrders', at, counts, stores: [] });
}

/** The receipt emails headquarters received from the stores' tills, newest first (at most `limit`). */
export function receiptEmails(office: BackOffice, limit: number): { storeId: string; at: number; receivedAt: number; sent: boolean; email: ReceiptEmail }[] {
  const emails = [];
  for (const { item, receivedAt, processedAt } of Object.values(office.staged)) {
    if (item.kind === 'receiptEmail') emails.push({ storeId: item.storeId, at: item.at, receivedAt, sent: processedAt !== null, email: item.email });
  }
  return emails.sort((a, b) => b.at - a.at || (a.email.messageId < b.email.messageId ? 1 : -1)).slice(0, limit);
}

/** SY-4: what job 1010 sends a store whose applied version is `since` (null: nothing newer). */
export function distributionFor(office: BackOffice, storeId: string, since: number): DistributionPackage | null {
  if (office.version <= since) return null;
  const pkg: DistributionPackage = { version: office.version, customers: [], orders: [], callCenterOrders: [] };
  // Each record once, at its latest change (an earlier entry of the same record names an older version).
  for (let version = since + 1; version <= office.version; version++) {
    const change = office.changes[version - 1] ?? '';
    const at = change.indexOf(':');
    const id = change.slice(at + 1);
    if (change.startsWith('customer:')) {
      const c = office.customers[id];
      if (c?.version === version) pkg.customers.push({ channelCustomerId: c.channelCustomerId, accountNumber: c.accountNumber, record: c.record, version: c.version });
    } else if (change.startsWith('salesOrder:')) {
      const s = office.salesOrders[id];
      if (s?.version !== version || s.storeId !== storeId) continue;
      // CC-2: a call-center order reaches its store whole (the store has never seen it); a store's own order is confirmed.
      // CC-21: a cancelled one carries when it was cancelled.
      if (s.callCenter === undefined) pkg.orders.push({ orderId: s.orderId, channelReference: s.channelReference, salesOrderId: s.salesOrderId });
      else pkg.callCenterOrders.push({ salesOrderId: s.salesOrderId, storeId: s.storeId, acceptedAt: s.createdAt, ...s.callCenter, ...(s.cancelled === undefined ? {} : { cancelledAt: s.cancelled.at }) });
    }
  }
  return pkg;
}

/** Keeps the run in the history; a scheduled job's next run is counted from this one (a run by hand too). */
export function recordJobRun(office: BackOffice, run: JobRun): BackOffice {
  const schedule = office.schedules[run.job];
  const schedules = schedule === undefined ? office.schedules : { ...office.schedules, [run.job]: { ...schedule, nextAt: run.at + schedule.everyMinutes * MINUTE } };
  return { ...office, schedules, jobRuns: [...office.jobRuns.slice(-(JOB_HISTORY - 1)), run] };
}

/** Jobs run on the virtual clock: a schedule of `everyMinutes`, or none (null). */
export function setSchedule(office: BackOffice, job: HeadquartersJob, everyMinutes: number | null, at: number): BackOffice {
  const schedules = { ...office.schedules };
  if (everyMinutes === null) delete schedules[job];
  else schedules[job] = { everyMinutes, nextAt: at + everyMinutes * MINUTE };
  return { ...office, schedules };
}

/** The next scheduled job due at or before `until`, earliest first (ties in the order P-job, sync, 1010). */
export function nextDueJob(office: BackOffice, until: number, order: readonly HeadquartersJob[]): { job: HeadquartersJob; at: number } | null {
  let best: { job: HeadquartersJob; at: number } | null = null;
  for (const job of order) {
    const schedule = office.schedules[job];
    if (schedule !== undefined && schedule.nextAt <= until && (best === null || schedule.nextAt < best.at)) best = { job, at: schedule.nextAt };
  }
  return best;
}

/** How many scheduled runs fall due at or before `until` (each schedule runs every `everyMinutes` from its next). */
export function dueRunCount(office: BackOffice, until: number): number {
  let count = 0;
  for (const schedule of Object.values(office.schedules)) {
    if (schedule.nextAt <= until) count += Math.floor((until - schedule.nextAt) / (schedule.everyMinutes * MINUTE)) + 1;
  }
  return count;
}
