/**
 * The sync channel and customer models' network between the stores and headquarters (a transport that records every
 * acknowledgement delivered and can lose or duplicate the next one), and the SY-3 / SY-4 invariants (nothing a till
 * created is lost, nothing is at headquarters twice, an acknowledged key is never still queued, confirmations and
 * accounts at the store exist at headquarters).
 */
import type { Chain, Delivery, Transport } from '../../chain.ts';
import { fail } from './failure.ts';


/**
 * The batch transport between the stores and headquarters (`Chain` option `transport`): delivers at once like the
 * chain's default, records every acknowledgement that reached its store, and can lose the next acknowledgements or
 * deliver the next uploads twice (SY-3: a retried or duplicated job must change nothing).
 */
export class SyncNetwork {
  /** Keys the stores were told headquarters has (acknowledgements delivered to a reachable store). */
  readonly acknowledged = new Set<string>();
  /** Lose this many of the next acknowledgements on their way to the store. */
  dropAcknowledgements = 0;
  /** Deliver this many of the next uploads twice. */
  duplicateUploads = 0;
  readonly lost: Delivery[] = [];

  readonly transport = (chain: Chain): Transport => ({ send: (delivery) => this.send(chain, delivery) });

  private send(chain: Chain, delivery: Delivery): void {
    const isAck = delivery.to === 'store' && delivery.command.type === 'sync.acknowledge';
    if (isAck && this.dropAcknowledgements > 0) {
      this.dropAcknowledgements -= 1;
      this.lost.push(delivery);
      return;
    }
    let times = 1;
    if (delivery.to === 'headquarters' && delivery.command.type === 'headquarters.receiveUpload' && this.duplicateUploads > 0) {
      this.duplicateUploads -= 1;
      times = 2;
    }
    for (let i = 0; i < times; i += 1) {
      const delivered = chain.deliveries.delivered;
      chain.deliver(delivery);
      if (isAck && chain.deliveries.delivered > delivered) for (const key of delivery.command.keys as string[]) this.acknowledged.add(key);
    }
  }
}

/** What the tills created during a path (from the commands' results), whatever the engine's actors say. */
export interface TillLedger {
  /** Order id -> store. */
  orders: Map<string, string>;
  /** Customer id -> store (customers created at a register). */
  customers: Map<string, string>;
  /** Receipt id -> store. */
  receipts: Map<string, string>;
}

export function newLedger(): TillLedger {
  return { orders: new Map(), customers: new Map(), receipts: new Map() };
}

/** Records what a completed register command created (an order, a receipt, a customer). */
export function recordCreated(ledger: TillLedger, storeId: string, result: Record<string, unknown>): void {
  if (typeof result.orderId === 'string' && typeof result.confirmationNumber === 'string') ledger.orders.set(result.orderId, storeId);
  if (typeof result.receiptId === 'string') ledger.receipts.set(result.receiptId, storeId);
  if (typeof result.customerId === 'string' && typeof result.mode === 'string') ledger.customers.set(result.customerId, storeId);
}

/**
 * SY-2..SY-4 / CU-4 / CU-7 invariants over the whole chain. Names: LOST (something a till created is neither in its
 * store's outbound queue nor at headquarters), TWICE (headquarters holds something twice), ACK (an acknowledged key
 * is still queued, or was acknowledged without being staged), QUEUE (an item in another store's queue), CONFIRM (the
 * store shows a sales order or an account headquarters does not have).
 * Idempotency keys as documented in docs/decisions.md: order:<channel reference>, customer:<id>, receipt:<store>:<id>.
 */
export function syncInvariants(engine: Chain, ledger: TillLedger, acknowledged: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const office = engine.backOffice();
  const storeIds = engine.catalog.config.stores.map((s) => s.id);
  const queued = new Map(storeIds.map((storeId) => [storeId, new Set(engine.syncView(storeId).pending.map((item) => item.key))]));
  const isQueued = (storeId: string, key: string) => queued.get(storeId)?.has(key) === true;
  const staged = (key: string) => office.staged[key] !== undefined;

  for (const storeId of storeIds) {
    for (const item of engine.syncView(storeId).pending) {
      if (item.storeId !== storeId) problems.push(`QUEUE: ${item.key} (store ${item.storeId}) waits in ${storeId}'s queue`);
      if (acknowledged.has(item.key)) problems.push(`ACK: ${item.key} was acknowledged but is still queued at ${storeId}`);
    }
  }
  for (const key of acknowledged) if (!staged(key)) problems.push(`ACK: ${key} was acknowledged but headquarters never staged it`);

  // LOST: every order, customer and receipt the tills created is queued at its store or at headquarters.
  for (const [orderId, storeId] of ledger.orders) {
    if (!engine.orderIds().includes(orderId)) { problems.push(`LOST: order ${orderId} (${storeId}) is gone from the channel`); continue; }
    const ref = engine.orderView(orderId).channelReference;
    const key = `order:${ref}`;
    if (!isQueued(storeId, key) && !staged(key) && office.salesOrderOfChannelReference[ref] === undefined) {
      problems.push(`LOST: order ${orderId} (${ref}) is neither queued at ${storeId} nor at headquarters`);
    }
  }
  for (const orderId of engine.orderIds()) {
    const order = engine.orderView(orderId);
    const key = `order:${order.channelReference}`;
    if (!isQueued(order.storeId, key) && !staged(key) && office.salesOrderOfChannelReference[order.channelReference] === undefined) {
      problems.push(`LOST: order ${orderId} (${order.channelReference}) is neither queued at ${order.storeId} nor at headquarters`);
    }
    // CONFIRM: a confirmation the store shows is headquarters' sales order of this very order.
    if (order.salesOrderId !== null) {
      const so = office.salesOrders[order.salesOrderId];
      if (so === undefined || so.channelReference !== order.channelReference || so.orderId !== orderId) {
        problems.push(`CONFIRM: order ${orderId} shows sales order ${order.salesOrderId}, headquarters has ${JSON.stringify(so === undefined ? null : { orderId: so.orderId, ref: so.channelReference })}`);
      }
    }
  }
  for (const [customerId, storeId] of ledger.customers) {
    if (!engine.customerIds().includes(customerId)) { problems.push(`LOST: customer ${customerId} (${storeId}) is gone from the channel`); continue; }
    const key = `customer:${customerId}`;
    if (!isQueued(storeId, key) && !staged(key) && office.accountOfChannelCustomer[customerId] === undefined) {
      problems.push(`LOST: customer ${customerId} is neither queued at ${storeId} nor at headquarters`);
    }
  }
  for (const customerId of engine.customerIds()) {
    const customer = engine.customerView(customerId);
    if (customer.accountNumber === null) continue;
    const account = office.customers[customer.accountNumber];
    if (account === undefined || account.channelCustomerId !== customerId) {
      problems.push(`CONFIRM: customer ${customerId} shows account ${customer.accountNumber}, headquarters has it for ${account?.channelCustomerId ?? 'nobody'}`);
    }
  }
  for (const [receiptId, storeId] of ledger.receipts) {
    const key = `receipt:${storeId}:${receiptId}`;
    if (engine.receipt(receiptId) === undefined) problems.push(`LOST: receipt ${receiptId} is gone from the channel`);
    if (!isQueued(storeId, key) && !staged(key)) problems.push(`LOST: receipt ${receiptId} is neither queued at ${storeId} nor at headquarters`);
  }

  // TWICE: one sales order per channel reference and per order, one account per channel customer, one posted receipt each.
  const twice = (what: string, values: readonly string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`TWICE: headquarters holds ${what} ${v} twice`);
      seen.add(v);
    }
  };
  const salesOrders = Object.values(office.salesOrders);
  twice('a sales order for channel reference', salesOrders.map((s) => s.channelReference));
  twice('a sales order for order', salesOrders.map((s) => s.orderId));
  twice('an account for channel customer', Object.values(office.customers).map((c) => c.channelCustomerId));
  twice('a posted receipt', Object.values(office.postedReceipts).map((r) => `${r.storeId}:${r.receiptId}`));
  for (const [ref, id] of Object.entries(office.salesOrderOfChannelReference)) {
    if (office.salesOrders[id]?.channelReference !== ref) problems.push(`TWICE: channel reference ${ref} points at sales order ${id} of ${office.salesOrders[id]?.channelReference ?? 'nothing'}`);
  }
  for (const [customerId, account] of Object.entries(office.accountOfChannelCustomer)) {
    if (office.customers[account]?.channelCustomerId !== customerId) problems.push(`TWICE: channel customer ${customerId} points at account ${account} of ${office.customers[account]?.channelCustomerId ?? 'nobody'}`);
  }
  for (const [key, s] of Object.entries(office.staged)) if (s.item.key !== key) problems.push(`TWICE: staged ${key} holds item ${s.item.key}`);
  return problems;
}

export function assertSyncInvariants(engine: Chain, ledger: TillLedger, acknowledged: ReadonlySet<string>): void {
  const problems = syncInvariants(engine, ledger, acknowledged);
  if (problems.length > 0) fail(`sync invariants: ${problems.join('; ')}`);
}
