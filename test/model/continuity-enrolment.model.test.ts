/**
 * Model-based test of continuity enrolments (CC-14, CC-15): the lab's continuity-enrolment model
 * (engine/lab/paths/models/continuity-enrolment.ts) derives paths for Anna's enrolment in CC1's snack-box program (a
 * card the payment service approves, one it declines) and executes each against the real `Chain`: the two continuity
 * batches on the events' dates and `callCenter.cancelEnrolment`; after every step the engine's enrolment has the
 * model's state and context, the continuity view the same status, and each child order is a sales order.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: continuity-enrolment machine against the engine (CC1)', () => {
  modelTests(registeredModel('continuity-enrolment'));
});
