/**
 * Sync channel actor, one per store: the link to headquarters.
 * - online: the real-time service answers (SY-1) and batch data moves (P-job uploads, job 1010 distributions).
 * - degraded: the real-time service is unreachable, batch data still moves: sync-mode orders fail unless
 *   "realtime with async backup" is on (SY-1).
 * - offline: the register works offline: orders and customers are queued locally (SY-3, CU-6); nothing moves.
 * The outbound queue itself is kept by the engine host (it can grow large); the channel decides what may move.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { checkNewerPackage, type LinkState, type SyncChannelContext } from '../engine/domain/sync-link.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export interface SyncChannelInput { storeId: string }

export type SyncChannelEvent =
  | { type: 'GO_ONLINE' }
  | { type: 'GO_DEGRADED' }
  | { type: 'GO_OFFLINE' }
  /** SY-3: headquarters acknowledged the queued items it received (the P-job's reply). */
  | { type: 'ACKNOWLEDGED'; keys: string[]; at: number }
  /** SY-4: a distribution package from job 1010. */
  | { type: 'DISTRIBUTED'; version: number; at: number };

export const syncChannelRules = {
  'SY-4 newerPackage': (context, event) => {
    assertEvent(event, 'DISTRIBUTED');
    return checkNewerPackage(context, event.version);
  },
} satisfies Record<string, Rule<SyncChannelContext, SyncChannelEvent>>;

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
    DISTRIBUTED: { guard: 'SY-4 newerPackage', actions: 'distributed' },
  } as const;
  return setup({
    types: { context: {} as SyncChannelContext, events: {} as SyncChannelEvent, input: {} as SyncChannelInput },
    guards: guardsOf(syncChannelRules),
    actions: {
      acknowledged: assign({ lastUploadAt: ({ event }) => {
        assertEvent(event, 'ACKNOWLEDGED');
        return event.at;
      } }),
      distributed: assign(({ event }) => {
        assertEvent(event, 'DISTRIBUTED');
        return { appliedVersion: event.version, lastDistributionAt: event.at };
      }),
    },
  }).createMachine({
    id: 'syncChannel',
    context: ({ input }) => ({ storeId: input.storeId, appliedVersion: 0, lastUploadAt: null, lastDistributionAt: null }),
    meta: { subject: (context) => `store ${context.storeId}'s link`, field: 'storeId', rules: syncChannelRules } satisfies ChartMeta<SyncChannelContext>,
    initial: 'online',
    states: {
      online: { meta: { refuses: { means: 'online' } }, on: { GO_DEGRADED: 'degraded', GO_OFFLINE: 'offline', ...transfers } },
      degraded: { meta: { refuses: { means: 'degraded' } }, on: { GO_ONLINE: 'online', GO_OFFLINE: 'offline', ...transfers } },
      offline: {
        // SY-3: nothing reaches an offline store from headquarters.
        meta: { refuses: { rules: { ACKNOWLEDGED: 'SY-3', DISTRIBUTED: 'SY-3' }, means: 'offline: nothing reaches it from headquarters' } },
        on: { GO_ONLINE: 'online', GO_DEGRADED: 'degraded' },
      },
    },
  });
}

export type SyncChannelMachine = ReturnType<typeof createSyncChannelMachine>;
export type SyncChannelSnapshot = SnapshotFrom<SyncChannelMachine>;
