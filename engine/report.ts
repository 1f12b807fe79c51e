/** The analyst's report of an engine's state: orders by status, money, receipts, returns, fulfilment backlog. */
import { sumMinor } from './domain/money.ts';
import { amountInvoiced } from './domain/payments.ts';
import type { ScenarioRun } from './scenario.ts';
import type { StoreEngine } from './store-engine.ts';

export interface ChainReport {
  commands: number;
  clock: string;
  ordersByStatus: Record<string, number>;
  ordersInvoiced: number;
  ordersPaid: number;
  receipts: { count: number; total: number };
  returnOrders: { count: number; refunded: number };
  backlogByLocation: Record<string, Record<string, number>>;
  refusedByRule: Record<string, number>;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function chainReport(engine: StoreEngine, run?: ScenarioRun): ChainReport {
  const orders = engine.orderIds().map((id) => engine.orderView(id));
  const state = engine.exportState();
  const receipts = Object.values(state.receipts);
  const backlogByLocation = Object.fromEntries(Object.keys(state.fulfillment).map((locationId) =>
    [locationId, countBy(engine.fulfillmentView(locationId).lines, (l) => l.status)]));
  return {
    commands: engine.seq,
    clock: new Date(engine.clock.now).toISOString(),
    ordersByStatus: countBy(orders, (o) => o.headerStatus),
    ordersInvoiced: sumMinor(orders.map((o) => amountInvoiced(o.invoices))),
    ordersPaid: sumMinor(orders.map((o) => o.paid)),
    receipts: { count: receipts.length, total: sumMinor(receipts.map((r) => r.total)) },
    returnOrders: { count: state.returnOrders.length, refunded: -sumMinor(state.returnOrders.map((r) => r.record.total)) },
    backlogByLocation,
    refusedByRule: countBy(run?.refused ?? [], (r) => r.error.rule),
  };
}

const money = (minor: number) => (minor / 100).toFixed(2);

export function formatReport(report: ChainReport): string {
  const lines = [
    `commands accepted: ${report.commands}    virtual clock: ${report.clock}`,
    `customer orders by status: ${Object.entries(report.ordersByStatus).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}`,
    `orders invoiced ${money(report.ordersInvoiced)}, paid ${money(report.ordersPaid)}`,
    `cash-and-carry receipts: ${report.receipts.count}, total ${money(report.receipts.total)}`,
    `return orders: ${report.returnOrders.count}, refunded ${money(report.returnOrders.refunded)}`,
    'fulfilment backlog:',
    ...Object.entries(report.backlogByLocation).map(([location, counts]) =>
      `  ${location}: ${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ') || 'empty'}`),
  ];
  if (Object.keys(report.refusedByRule).length > 0) {
    lines.push(`refused commands by rule: ${Object.entries(report.refusedByRule).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  }
  return lines.join('\n');
}
