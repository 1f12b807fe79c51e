/**
 * Model-based test of the customer-order lifecycle: the lab's customer-order models
 * (engine/lab/paths/models/customer-order.ts) derive paths from `createCustomerOrderMachine` from orders created
 * through the engine and execute each against the real `Chain`; after every step the engine's order is in the path's
 * state with the same lines, payments, invoices and returns as the model, and the engine-wide invariants hold.
 */
import { describe, expect, it } from 'vitest';
import { failureKinds, runModel, summaryLine } from '../../engine/lab/paths/replay.ts';
import { ENGINE_RUN_TIMEOUT, modelTests, registeredModel } from './harness.ts';

describe('model: customer-order machine against the engine', () => {
  modelTests(registeredModel('customer-order'));
});

describe('model: customer-order machine against the engine, partially fulfilled orders editable (CO-10)', () => {
  const partial = registeredModel('customer-order-partial-edits');
  const { derivation } = partial;
  const steps = derivation.paths.reduce((n, p) => n + p.labels.length, 0);
  it(`executes ${derivation.paths.length} shortest paths / ${steps} steps against the engine: same order, invariants hold`, { timeout: ENGINE_RUN_TIMEOUT }, () => {
    const result = runModel(partial);
    console.log(`${summaryLine('customer-order (edit partially fulfilled)', result, derivation)}`);
    expect(failureKinds(result.failures)).toEqual([]);
  });
});
