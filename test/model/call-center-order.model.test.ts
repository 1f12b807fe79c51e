/**
 * Model-based test of the call-center order (CC-3..CC-9, CC-13, CC-16, CC-17, CC-19, CC-22): the lab's model
 * (engine/lab/paths/models/call-center-order.ts) derives paths for an order agent1 takes at CC1, order completion on
 * and off, and executes each against the real `Chain` through the desk's `callCenter.*` commands; after every step the
 * engine's order has the model's state and context, each hold has its hold actor, and a sales order exists exactly
 * when the order is submitted.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: call-center-order machine against the engine (CC1)', () => {
  modelTests(registeredModel('call-center-order'));
});
