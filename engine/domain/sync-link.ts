/**
 * A store's link to headquarters as its sync-channel actor holds it (SY-1..SY-4). The outbound queue itself is
 * kept by the host (it can grow large while a store is offline).
 */
import { violation, type RuleViolation } from './violation.ts';

/** The state of the link between a store and headquarters (SY-1, SY-3). */
export type LinkState = 'online' | 'degraded' | 'offline';

export interface SyncChannelContext {
  storeId: string;
  /** The headquarters master data version this store applied last (SY-4). */
  appliedVersion: number;
  lastUploadAt: number | null;
  lastDistributionAt: number | null;
}

/** SY-4: a distribution package newer than what the store applied. */
export function checkNewerPackage(context: SyncChannelContext, version: number): RuleViolation | null {
  return version > context.appliedVersion ? null : violation('SY-4', `store ${context.storeId} already applied version ${context.appliedVersion}`, 'version');
}
