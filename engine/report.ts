/**
 * The analyst's report of a chain: orders by status, money, receipts, returns, fulfilment backlog; customers
 * pending sync, what waits in each store's queue, headquarters' sales orders and job runs.
 */
import type { Chain } from './chain.ts';
import { sumMinor } from './domain/money.ts';
import { amountInvoiced } from './domain/payments.ts';
import type { ScenarioRun } from './scenario.ts';

export interface ChainReport {
  commands: number;
  clock: string;
  ordersByStatus: Record<string, number>;
  ordersAwaitingHeadquarters: number;
  ordersInvoiced: number;
  ordersPaid: number;
  receipts: { count: number; total: number };
  returnOrders: { count: number; refunded: number };
  backlogByLocation: Record<string, Record<string, number>>;
  customers: { total: number; pendingSync: number };
  stores: Record<string, { name: string; link: string; queued: Record<string, number> }>;
  /** Headquarters' job schedules: every how many minutes, and when each runs next. */
  schedules: Record<string, { everyMinutes: number; nextAt: string }>;
  headquarters: { salesOrders: number; salesOrdersTotal: number; accounts: number; returnOrders: number; receiptsPosted: number; staged: number; waiting: number; jobRuns: Record<string, number> };
  deliveries: { delivered: number; lost: number; refused: number };
  refusedByRule: Record<string, number>;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function chainReport(chain: Chain, run?: ScenarioRun): ChainReport {
  const orders = chain.orderIds().map((id) => chain.orderView(id));
  const state = chain.store.exportState();
  const receipts = Object.values(state.receipts);
  const backlogByLocation = Object.fromEntries(Object.keys(state.fulfillment).map((locationId) =>
    [locationId, countBy(chain.fulfillmentView(locationId).lines, (l) => l.status)]));
  const customers = chain.customerIds().map((id) => chain.customerView(id));
  const office = chain.backOffice();
  const salesOrders = Object.values(office.salesOrders);
  const staged = Object.values(office.staged);
  return {
    commands: chain.seq,
    clock: new Date(chain.now).toISOString(),
    ordersByStatus: countBy(orders, (o) => o.headerStatus),
    ordersAwaitingHeadquarters: orders.filter((o) => !o.existsAtHeadquarters).length,
    ordersInvoiced: sumMinor(orders.map((o) => amountInvoiced(o.invoices))),
    ordersPaid: sumMinor(orders.map((o) => o.paid)),
    receipts: { count: receipts.length, total: sumMinor(receipts.map((r) => r.total)) },
    returnOrders: { count: state.returnOrders.length, refunded: -sumMinor(state.returnOrders.map((r) => r.record.total)) },
    backlogByLocation,
    customers: { total: customers.length, pendingSync: customers.filter((c) => c.pendingSync).length },
    stores: Object.fromEntries([...chain.catalog.stores.keys()].map((storeId) => {
      const sync = chain.syncView(storeId);
      return [storeId, { name: chain.catalog.stores.get(storeId)!.name, link: sync.link, queued: countBy(sync.pending, (item) => item.kind) }];
    })),
    headquarters: {
      salesOrders: salesOrders.length,
      salesOrdersTotal: sumMinor(salesOrders.map((s) => s.order.total)),
      accounts: Object.keys(office.customers).length,
      returnOrders: Object.keys(office.returnOrders).length,
      receiptsPosted: Object.keys(office.postedReceipts).length,
      staged: staged.length,
      waiting: staged.filter((s) => s.processedAt === null).length,
      jobRuns: countBy(office.jobRuns, (r) => r.job),
    },
    schedules: Object.fromEntries(Object.entries(office.schedules).map(([job, s]) => [job, { everyMinutes: s.everyMinutes, nextAt: new Date(s.nextAt).toISOString() }])),
    deliveries: { ...chain.deliveries },
    refusedByRule: countBy(run?.refused ?? [], (r) => r.error.rule),
  };
}

const money = (minor: number) => (minor / 100).toFixed(2);
const counts = (record: Record<string, number>) => Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ');

export function formatReport(report: ChainReport): string {
  const hq = report.headquarters;
  const lines = [
    `commands accepted: ${report.commands}    virtual clock: ${report.clock}`,
    `customer orders by status: ${counts(report.ordersByStatus) || 'none'}; awaiting headquarters: ${report.ordersAwaitingHeadquarters}`,
    `orders invoiced ${money(report.ordersInvoiced)}, paid ${money(report.ordersPaid)}`,
    `cash-and-carry receipts: ${report.receipts.count}, total ${money(report.receipts.total)}`,
    `return orders: ${report.returnOrders.count}, refunded ${money(report.returnOrders.refunded)}`,
    `customers: ${report.customers.total}, pending sync ${report.customers.pendingSync}`,
    'fulfilment backlog:',
    ...Object.entries(report.backlogByLocation).map(([location, c]) => `  ${location}: ${counts(c) || 'empty'}`),
    'stores and their link to headquarters:',
    ...Object.entries(report.stores).map(([storeId, s]) => `  ${storeId} ${s.name}: ${s.link}, queued ${counts(s.queued) || 'nothing'}`),
    `job schedules: ${Object.entries(report.schedules).map(([job, s]) => `${job} every ${s.everyMinutes} min (next ${s.nextAt})`).join(', ') || 'none'}`,
    `headquarters: ${hq.salesOrders} sales orders (${money(hq.salesOrdersTotal)}), ${hq.accounts} customer accounts, ${hq.returnOrders} return orders, `
      + `${hq.receiptsPosted} receipts posted; staged ${hq.staged}, waiting ${hq.waiting}; job runs: ${counts(hq.jobRuns) || 'none'}`,
    `deliveries: ${report.deliveries.delivered} delivered, ${report.deliveries.lost} lost, ${report.deliveries.refused} refused`,
  ];
  if (Object.keys(report.refusedByRule).length > 0) lines.push(`refused commands by rule: ${counts(report.refusedByRule)}`);
  return lines.join('\n');
}
