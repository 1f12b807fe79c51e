/**
 * Model-based test of the register (till) lifecycle: the lab's register model (engine/lab/paths/models/register.ts)
 * derives paths from `createRegisterMachine` and executes each against the real `Chain` at register R1; after every
 * step the engine's register is in the path's state with the same transaction as the model, and the engine-wide
 * invariants hold.
 */
import { describe } from 'vitest';
import { modelTests, registeredModel } from './harness.ts';

describe('model: register machine against the engine (R1)', () => {
  modelTests(registeredModel('register'));
});
