/**
 * Model-based test of order holds (CC-16..CC-19): the lab's order-hold model (engine/lab/paths/models/order-hold.ts)
 * derives paths for holds the desk placed on an order CC1 took (Default hold on a paid and an unpaid order, the
 * supervisors' fraud hold, a hold already checked out) and executes each against the real `Chain` through the desk's
 * hold commands; after every step the engine's hold actor has the model's state and context and the order's copy of
 * the hold agrees.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: order-hold machine against the engine (CC1)', () => {
  modelTests(registeredModel('order-hold'));
});
