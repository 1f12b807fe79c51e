/**
 * The analyst's report of a chain: orders by status, money, receipts, returns, fulfilment backlog; customers
 * pending sync, what waits in each store's queue, headquarters' sales orders and job runs.
 */
import type { Chain } from './chain.ts';
import { formatMoney } from './domain/money.ts';
import { plainWords } from './protocol/command-words.ts';
import type { ChainReport } from './protocol/report.ts';
import { salesOfficeFigures, salesOfficeLines } from './report-sales.ts';
import type { ScenarioRun } from './scenario.ts';

export type { ChainReport };

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** The report as the chain stands: running totals of both sides, the stores' links and queues, the schedules. */
export function chainReport(chain: Chain, run?: ScenarioRun): ChainReport {
  const office = chain.backOffice();
  const salesOffice = salesOfficeFigures(chain.headquarters.salesOffice);
  return {
    currency: chain.catalog.config.currency,
    commands: chain.seq,
    clock: new Date(chain.now).toISOString(),
    ...chain.storeFigures(),
    stores: Object.fromEntries([...chain.catalog.stores.values()].map((store) => [store.id, {
      name: store.name, link: chain.linkView(store.id).link, queued: chain.store.parts.outbound.countsByKind(store.id) as Record<string, number>,
    }])),
    headquarters: {
      salesOrders: office.tally.salesOrders,
      salesOrdersTotal: office.tally.salesOrdersTotal,
      accounts: office.tally.accounts,
      returnOrders: office.tally.returnOrders,
      receiptsPosted: office.tally.receiptsPosted,
      staged: office.tally.staged,
      waiting: Object.keys(office.waiting).length,
      jobRuns: countBy(office.jobRuns, (r) => r.job),
      // The history is in time order: the last entry per job is its last run.
      lastRunAt: Object.fromEntries(office.jobRuns.map((r) => [r.job, new Date(r.at).toISOString()])),
    },
    schedules: Object.fromEntries(Object.entries(office.schedules).map(([job, s]) => [job, { everyMinutes: s.everyMinutes, nextAt: new Date(s.nextAt).toISOString() }])),
    deliveries: { ...chain.deliveries },
    refusedByRule: { ...run?.refusedByRule },
    ...(salesOffice === null ? {} : { salesOffice }),
  };
}

/** Statuses and message kinds in plain words ("partially invoiced 3"); job names and rule IDs as they are. */
const counts = (record: Record<string, number>, name: (key: string) => string = plainWords) =>
  Object.entries(record).map(([k, n]) => `${name(k)} ${n.toLocaleString('en-US')}`).join(', ');
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** `past`: a report rebuilt from the journal (report --at), whose deliveries are not journaled (a lost one never is). */
export function formatReport(report: ChainReport, { past = false }: { past?: boolean } = {}): string {
  const hq = report.headquarters;
  const money = (minor: number) => formatMoney(minor, report.currency);
  const lines = [
    `commands accepted: ${report.commands.toLocaleString('en-US')}    virtual clock: ${report.clock}`,
    `customer orders by status: ${counts(report.ordersByStatus) || 'none'}; awaiting headquarters: ${report.ordersAwaitingHeadquarters}`,
    `orders invoiced ${money(report.ordersInvoiced)}, paid ${money(report.ordersPaid)}`,
    `cash-and-carry receipts: ${report.receipts.count}, total ${money(report.receipts.total)}`,
    `return orders: ${report.returnOrders.count}, refunded ${money(report.returnOrders.refunded)}`,
    `cancelled orders: ${report.cancellations.count}, cancellation charges collected ${money(report.cancellations.chargesCollected)}`,
    `customers: ${report.customers.total}, pending sync ${report.customers.pendingSync}`,
    'fulfilment backlog:',
    ...Object.entries(report.backlogByLocation).map(([location, c]) => `  ${location}: ${counts(c) || 'empty'}`),
    'stores and their link to headquarters:',
    ...Object.entries(report.stores).map(([storeId, s]) => `  ${storeId} ${s.name}: ${s.link}, queued ${counts(s.queued) || 'nothing'}`),
    `job schedules: ${Object.entries(report.schedules).map(([job, s]) => `${job} every ${s.everyMinutes} min (next ${s.nextAt})`).join(', ') || 'none'}`,
    `headquarters: ${plural(hq.salesOrders, 'sales order', 'sales orders')} (${money(hq.salesOrdersTotal)}), ${plural(hq.accounts, 'customer account', 'customer accounts')}, `
      + `${plural(hq.returnOrders, 'return order', 'return orders')}, ${plural(hq.receiptsPosted, 'receipt', 'receipts')} posted; staged ${hq.staged}, waiting ${hq.waiting}; `
      + `job runs: ${counts(hq.jobRuns, (job) => job) || 'none'}`,
    past ? 'deliveries: not kept in the journal'
      : `deliveries: ${report.deliveries.delivered} delivered, ${report.deliveries.lost} lost, ${report.deliveries.refused} refused`,
  ];
  if (report.salesOffice !== undefined) lines.push(...salesOfficeLines(report.salesOffice, money));
  if (Object.keys(report.refusedByRule).length > 0) lines.push(`refused commands by rule: ${counts(report.refusedByRule, (rule) => rule)}`);
  return lines.join('\n');
}
