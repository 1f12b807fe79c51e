/**
 * Model-based test of a store's fulfilment (FF-1..FF-8): the lab's fulfillment-group model
 * (engine/lab/paths/models/fulfillment-group.ts) derives paths for location S1 and executes each against the real
 * `Chain`; after every step the engine's S1 list and on-hand equal the model's, the orders agree with S1, and the
 * engine-wide invariants hold.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: fulfillment-group machine against the engine (S1)', () => {
  modelTests(registeredModel('fulfillment-group'));
});
