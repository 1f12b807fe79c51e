/**
 * The store channel's running totals for the analyst's report: orders by status, money invoiced and paid, receipts,
 * returns, customers and each location's backlog by line status. Counted once from the state when the engine
 * starts, then kept by every change (the order, customer or location lines it changed, as they were and are), so
 * reading the report costs the stores and locations, never the history.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { lifecycleOf, orderStatus, type CustomerOrderContext } from './domain/customer-order.ts';
import type { CustomerContext } from './domain/customers.ts';
import type { FulfillmentGroupContext } from './domain/fulfillment-group.ts';
import { storeLineStatus } from './domain/fulfillment.ts';
import { sumMinor } from './domain/money.ts';
import { amountInvoiced, cancellationChargesCollected } from './domain/payments.ts';
import type { StoreFigures } from './protocol/report.ts';
import type { StoreChange, StoreEngine } from './store-engine.ts';
import { orderViewOf } from './store-views.ts';


/** What one order adds to the figures. */
interface Contribution { status: string; awaiting: boolean; invoiced: number; paid: number; chargesCollected: number }

/**
 * An order snapshot's contribution, kept per snapshot: the one an order had before a command is the one it had
 * after the command that made it, so each state of an order is counted once.
 */
const contributions = new WeakMap<AnyMachineSnapshot, Contribution>();

function contributionOf(snapshot: AnyMachineSnapshot): Contribution {
  let found = contributions.get(snapshot);
  if (found === undefined) {
    const context = snapshot.context as CustomerOrderContext;
    const status = orderStatus(context, lifecycleOf(snapshot.value as string, context));
    found = { status: status.headerStatus, awaiting: context.salesOrderId === null, invoiced: amountInvoiced(context.invoices), paid: status.paid, chargesCollected: cancellationChargesCollected(context.payments) };
    contributions.set(snapshot, found);
  }
  return found;
}

function bump(counts: Record<string, number>, key: string, by: number): void {
  const n = (counts[key] ?? 0) + by;
  if (n === 0) delete counts[key];
  else counts[key] = n;
}

export class StoreTally {
  private readonly figures: StoreFigures;

  constructor(store: StoreEngine) {
    this.figures = recount(store);
    store.onChange((change) => this.apply(change));
  }

  private order(snapshot: AnyMachineSnapshot | undefined, sign: 1 | -1): void {
    if (snapshot === undefined) return;
    const order = contributionOf(snapshot);
    const f = this.figures;
    bump(f.ordersByStatus, order.status, sign);
    if (order.awaiting) f.ordersAwaitingHeadquarters += sign;
    f.ordersInvoiced += sign * order.invoiced;
    f.ordersPaid += sign * order.paid;
    if (order.status === 'Cancelled') f.cancellations.count += sign;
    f.cancellations.chargesCollected += sign * order.chargesCollected;
  }

  private customer(snapshot: AnyMachineSnapshot | undefined, sign: 1 | -1): void {
    if (snapshot === undefined) return;
    this.figures.customers.total += sign;
    if ((snapshot.context as CustomerContext).accountNumber === null) this.figures.customers.pendingSync += sign;
  }

  private linesAt(locationId: string, snapshot: AnyMachineSnapshot | undefined, orderIds: Iterable<string>, sign: 1 | -1): void {
    if (snapshot === undefined) return;
    const backlog = (this.figures.backlogByLocation[locationId] ??= {});
    const { lines } = snapshot.context as FulfillmentGroupContext;
    for (const orderId of orderIds) for (const line of lines.get(orderId) ?? []) bump(backlog, storeLineStatus(line.progress), sign);
  }

  private apply(change: StoreChange): void {
    for (const { kind, id, before, after } of change.actors) {
      if (before === after) continue;
      if (kind === 'order') {
        this.order(before, -1);
        this.order(after, 1);
      } else if (kind === 'customer') {
        this.customer(before, -1);
        this.customer(after, 1);
      } else if (kind === 'fulfillment') {
        const orderIds = change.locations.get(id)?.orderIds ?? [];
        this.linesAt(id, before, orderIds, -1);
        this.linesAt(id, after, orderIds, 1);
      }
    }
    // A receipt comes with no returns; later versions of it only add returns.
    for (const receipt of change.receipts) {
      if (receipt.returns.length > 0) continue;
      this.figures.receipts.count += 1;
      this.figures.receipts.total += receipt.total;
    }
    for (const returnOrder of change.returnOrders) {
      this.figures.returnOrders.count += 1;
      this.figures.returnOrders.refunded -= returnOrder.record.total;
    }
  }

  /** The figures as they stand (a copy). */
  read(): StoreFigures {
    return structuredClone(this.figures);
  }
}

/** The figures counted from the whole state (what the tally starts from, and what a test checks it against). */
export function recount(store: StoreEngine): StoreFigures {
  const { actors, receipts, returnOrders } = store.parts;
  const orders = [...actors.snapshots('order')].map(([, snapshot]) => orderViewOf(snapshot));
  const ordersByStatus: Record<string, number> = {};
  for (const order of orders) bump(ordersByStatus, order.headerStatus, 1);
  const backlogByLocation: Record<string, Record<string, number>> = {};
  for (const [locationId, snapshot] of actors.snapshots('fulfillment')) {
    const backlog: Record<string, number> = (backlogByLocation[locationId] = {});
    for (const lines of (snapshot.context as FulfillmentGroupContext).lines.values()) for (const line of lines) bump(backlog, storeLineStatus(line.progress), 1);
  }
  const customers = [...actors.snapshots('customer')].map(([, snapshot]) => snapshot.context as CustomerContext);
  return {
    ordersByStatus,
    ordersAwaitingHeadquarters: orders.filter((o) => !o.existsAtHeadquarters).length,
    ordersInvoiced: sumMinor(orders.map((o) => amountInvoiced(o.invoices))),
    ordersPaid: sumMinor(orders.map((o) => o.paid)),
    receipts: { count: receipts.size, total: sumMinor([...receipts.values()].map((r) => r.total)) },
    returnOrders: { count: returnOrders.length, refunded: -sumMinor(returnOrders.map((r) => r.record.total)) },
    cancellations: { count: orders.filter((o) => o.headerStatus === 'Cancelled').length, chargesCollected: sumMinor(orders.map((o) => cancellationChargesCollected(o.payments))) },
    backlogByLocation,
    customers: { total: customers.length, pendingSync: customers.filter((c) => c.accountNumber === null).length },
  };
}
