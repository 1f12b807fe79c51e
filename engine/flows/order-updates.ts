/**
 * SY-2: an order already at headquarters sends its new state after every command that changed what headquarters
 * mirrors of it, as a numbered revision (a late, older revision changes nothing there).
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey, REVISION } from '../domain/channel-transactions.ts';
import type { AnyMachineSnapshot } from 'xstate';
import type { OrderSummary } from '../domain/channel-transactions.ts';
import { lifecycleOf, orderSummary, sameSummary, type CustomerOrderContext } from '../domain/customer-order.ts';

/** The summary of an order snapshot, kept per snapshot: an order's state before a command was its state after the last one. */
const summaries = new WeakMap<AnyMachineSnapshot, OrderSummary>();

function summaryOf(snapshot: AnyMachineSnapshot): OrderSummary {
  let summary = summaries.get(snapshot);
  if (summary === undefined) {
    const context = snapshot.context as CustomerOrderContext;
    summaries.set(snapshot, (summary = orderSummary(context, lifecycleOf(snapshot.value as string, context))));
  }
  return summary;
}

export function queueOrderUpdates(scope: CommandScope): void {
  for (const { kind, id, before } of scope.touched.values()) {
    if (kind !== 'order' || before === undefined) continue;
    const after = scope.snapshot('order', id);
    const context = after.context;
    if (after === before || context.salesOrderId === null) continue;
    const summary = summaryOf(after);
    if (sameSummary(summary, summaryOf(before))) continue;
    // Drawn from a counter that recovery moves past every revision headquarters has seen (Chain.reconcile).
    const revision = scope.ids.nextNumber(REVISION);
    scope.queue({ key: outboundKey.orderUpdate(context.channelReference, revision), kind: 'orderUpdated', storeId: context.storeId, at: scope.now, revision, order: summary });
  }
}
