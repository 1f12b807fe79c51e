/**
 * Model-based test of a store's sync channel (SY-1..SY-4, CU-6): the lab's sync-channel model
 * (engine/lab/paths/models/sync-channel.ts) derives paths for store S1 and executes each against the real `Chain`,
 * every model event caused the way a store causes it; after every step S1's link and sync context equal the model's,
 * headquarters has nothing S1 has not applied, the sync invariants and the engine-wide invariants hold.
 */
import { describe, expect } from 'vitest';
import { syncChannelModel } from '../../engine/lab/paths/models/sync-channel.ts';
import { modelTests } from './harness.ts';

describe('model: sync-channel machine against the engine (S1)', () => {
  const model = syncChannelModel.build();
  modelTests(model, () => {
    // The paths did exercise what the invariants are about.
    expect(model.stats.offlineWork).toBeGreaterThan(0);
    expect(model.stats.synchronized).toBeGreaterThan(0);
    expect(model.stats.ackRetried).toBeGreaterThan(0);
  });
});
