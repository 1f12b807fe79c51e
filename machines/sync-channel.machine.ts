/**
 * Sync channel actor, one per store: the link to headquarters.
 * - online: the real-time service answers (SY-1) and batch data moves (P-job uploads, job 1010 distributions).
 * - degraded: the real-time service is unreachable, batch data still moves: sync-mode orders fail unless
 *   "realtime with async backup" is on (SY-1).
 * - offline: the register works offline: orders and customers are queued locally (SY-3, CU-6); nothing moves.
 * The outbound queue itself is kept by the engine host (it can grow large); the channel decides what may move.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type { LinkState, SyncChannelContext, SyncChannelEvent, SyncChannelInput } from './sync-channel.types.ts';

export function syncChannelRule(context: SyncChannelContext, event: SyncChannelEvent): RuleViolation | null {
  if (event.type === 'DISTRIBUTED' && event.version <= context.appliedVersion) {
    return violation('SY-4', `store ${context.storeId} already applied version ${context.appliedVersion}`, 'version');
  }
  return null;
}

export function syncChannelStateRule(snapshot: SyncChannelSnapshot, event: SyncChannelEvent): RuleViolation {
  const { storeId } = snapshot.context;
  if (snapshot.matches('offline') && (event.type === 'ACKNOWLEDGED' || event.type === 'DISTRIBUTED')) {
    return violation('SY-3', `store ${storeId} is offline: nothing reaches it from headquarters`, 'storeId');
  }
  return violation('STATE', `store ${storeId}'s link cannot take ${event.type} while ${String(snapshot.value)}`, 'storeId');
}

/** The link state a snapshot is in. */
export function linkState(snapshot: SyncChannelSnapshot): LinkState {
  return snapshot.value as LinkState;
}

/** SY-1: the real-time service is reachable only while online. */
export function realtimeReachable(snapshot: SyncChannelSnapshot): boolean {
  return snapshot.matches('online');
}

/** SY-2 / SY-4: batch data (uploads, distributions) moves unless the store is offline. */
export function batchReachable(snapshot: SyncChannelSnapshot): boolean {
  return !snapshot.matches('offline');
}

export function createSyncChannelMachine() {
  const transfers = {
    ACKNOWLEDGED: { actions: 'acknowledged' },
    DISTRIBUTED: { guard: 'allowed', actions: 'distributed' },
  } as const;
  return setup({
    types: { context: {} as SyncChannelContext, events: {} as SyncChannelEvent, input: {} as SyncChannelInput },
    guards: { allowed: ({ context, event }) => syncChannelRule(context, event) === null },
    actions: {
      acknowledged: assign({ lastUploadAt: ({ event }) => (event as Extract<SyncChannelEvent, { type: 'ACKNOWLEDGED' }>).at }),
      distributed: assign(({ event }) => {
        const e = event as Extract<SyncChannelEvent, { type: 'DISTRIBUTED' }>;
        return { appliedVersion: e.version, lastDistributionAt: e.at };
      }),
    },
  }).createMachine({
    id: 'syncChannel',
    context: ({ input }) => ({ storeId: input.storeId, appliedVersion: 0, lastUploadAt: null, lastDistributionAt: null }),
    initial: 'online',
    states: {
      online: { on: { GO_DEGRADED: 'degraded', GO_OFFLINE: 'offline', ...transfers } },
      degraded: { on: { GO_ONLINE: 'online', GO_OFFLINE: 'offline', ...transfers } },
      offline: { on: { GO_ONLINE: 'online', GO_DEGRADED: 'degraded' } },
    },
  });
}

export type SyncChannelMachine = ReturnType<typeof createSyncChannelMachine>;
export type SyncChannelSnapshot = SnapshotFrom<SyncChannelMachine>;
