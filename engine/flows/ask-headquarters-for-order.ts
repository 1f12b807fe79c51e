/**
 * SY-1 / SY-2: an async order the store still holds as "not at headquarters yet" may have been created there since
 * (P-job, then Synchronize orders) while the store learns it only from job 1010. A recall asks headquarters' real-time
 * service when it is reachable (the answer is recorded with the command, like every real-time call) and takes the
 * sales order it names; without the real-time service the store's own copy decides. A refusal says what the store is
 * waiting for.
 */
import type { CommandScope } from '../command-scope.ts';
import { outboundKey } from '../domain/channel-transactions.ts';
import { refuse } from '../domain/violation.ts';
import { realtimeReachable } from '../../machines/sync-channel.machine.ts';

/** The rule a recall for each purpose is refused under while its order is not at headquarters (CO-10, CO-11, SY-2). */
const RULE_OF_PURPOSE = { edit: 'CO-10', cancel: 'CO-11', pickup: 'SY-2' } as const;
const DOING = { edit: 'edited', cancel: 'cancelled', pickup: 'picked up' } as const;

export function ensureAtHeadquarters(scope: CommandScope, orderId: string, purpose: keyof typeof RULE_OF_PURPOSE): void {
  const order = scope.context('order', orderId, 'orderId');
  if (order.salesOrderId !== null) return;
  const queued = scope.parts.outbound.has(order.storeId, outboundKey.order(order.channelReference));
  const online = realtimeReachable(scope.snapshot('sync', order.storeId, 'storeId'));
  if (online) {
    const response = scope.callHeadquarters({ type: 'headquarters.findOrder', channelReference: order.channelReference });
    const salesOrderId = response.ok ? response.result.salesOrderId as string | null : null;
    if (salesOrderId !== null) {
      scope.send('order', orderId, { type: 'HEADQUARTERS_CONFIRMED', salesOrderId }, 'orderId');
      return;
    }
  }
  const waitingFor = queued
    ? 'the P-job to send it to headquarters and Synchronize orders to create it there'
    : online
      ? 'Synchronize orders to create it at headquarters (headquarters has received it)'
      : 'job 1010 to confirm that headquarters has created it (headquarters cannot be asked right now)';
  refuse(RULE_OF_PURPOSE[purpose], `order ${orderId} was created async and is not at headquarters yet: it can be ${DOING[purpose]} once it is. Waiting for ${waitingFor}.`, 'orderId');
}
