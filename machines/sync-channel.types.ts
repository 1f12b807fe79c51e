
/** The state of the link between a store and headquarters (SY-1, SY-3). */
export type LinkState = 'online' | 'degraded' | 'offline';

export interface SyncChannelContext {
  storeId: string;
  /** The headquarters master data version this store applied last (SY-4). */
  appliedVersion: number;
  lastUploadAt: number | null;
  lastDistributionAt: number | null;
}

export interface SyncChannelInput { storeId: string }

export type SyncChannelEvent =
  | { type: 'GO_ONLINE' }
  | { type: 'GO_DEGRADED' }
  | { type: 'GO_OFFLINE' }
  /** SY-3: headquarters acknowledged the queued items it received (the P-job's reply). */
  | { type: 'ACKNOWLEDGED'; keys: string[]; at: number }
  /** SY-4: a distribution package from job 1010. */
  | { type: 'DISTRIBUTED'; version: number; at: number };
