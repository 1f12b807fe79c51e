/**
 * SY-2: an order already at headquarters sends its new state after every command that changed what headquarters
 * mirrors of it, as a numbered revision (a late, older revision changes nothing there).
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey, REVISION } from '../domain/channel-transactions.ts';
import { lifecycleOf, orderSummary, sameSummary, type CustomerOrderContext } from '../domain/customer-order.ts';

export function queueOrderUpdates(scope: CommandScope): void {
  for (const { kind, id, before } of scope.touched.values()) {
    if (kind !== 'order' || before === undefined) continue;
    const after = scope.snapshot('order', id);
    const context = after.context;
    if (after === before || context.salesOrderId === null) continue;
    const summary = orderSummary(context, lifecycleOf(after.value, context));
    const previous = before.context as CustomerOrderContext;
    if (sameSummary(summary, orderSummary(previous, lifecycleOf(before.value, previous)))) continue;
    // Drawn from a counter that recovery moves past every revision headquarters has seen (Chain.reconcile).
    const revision = scope.ids.nextNumber(REVISION);
    scope.queue({ key: outboundKey.orderUpdate(context.channelReference, revision), kind: 'orderUpdated', storeId: context.storeId, at: scope.now, revision, order: summary });
  }
}
