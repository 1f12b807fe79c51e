/**
 * Model-based test of the call center's catalog lifecycle (CC-4, CC-5): the lab's catalog model
 * (engine/lab/paths/models/catalog.ts) derives paths for CC1's catalogs as configured (Draft, Approved, Published) and
 * executes each against the real `Chain` through `callCenter.catalog`; after every step headquarters' catalog actor
 * has the model's state and context and the source-code rules read the same status.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: catalog machine against the engine (CC1)', () => {
  modelTests(registeredModel('catalog'));
});
