/**
 * The model tests' vitest side: each lifecycle model of the lab's registry (engine/lab/paths/models) becomes three
 * tests: the paths are derived with explicit payloads, every path runs against the engine with no failure, and the
 * paths reach every state and transition of the machine. Everything else (labelled events, abstraction, derivation,
 * coverage, the engine adapters and invariants) is the lab's code, the same the `storefront paths` command uses.
 */
import { expect, it } from 'vitest';
import type { LifecycleModel } from '../../engine/lab/paths/model.ts';
import { findModel } from '../../engine/lab/paths/path-set.ts';
import { failureKinds, runModel, summaryLine, type RunResult } from '../../engine/lab/paths/replay.ts';

export { EngineDriver, scenarioConfig, sellAt } from '../../engine/lab/paths/engine-driver.ts';
export { engineInvariants, initialOnHand } from '../../engine/lab/paths/invariants.ts';

/** Thousands of engine commands per model: ~10 s on an idle machine, several times that on a busy one. */
export const ENGINE_RUN_TIMEOUT = 180_000;

/** The registry's model of that name, built (set up and derived) once per test file. */
export function registeredModel(name: string): LifecycleModel {
  return findModel(name).build();
}

/** The three tests of a model, inside the caller's describe; `alsoExpect` asserts more on the engine run. */
export function modelTests(model: LifecycleModel, alsoExpect?: (result: RunResult) => void): void {
  const { derivation, host, ...onMachine } = model;
  // Replayed on the machine alone at collection (coverage for the titles); executed against the engine in the test.
  const replay = runModel({ ...onMachine, derivation });
  const cov = replay.coverage.summary();
  const steps = derivation.paths.reduce((n, p) => n + p.labels.length, 0);
  it(`derives ${derivation.paths.length} paths (${derivation.shortest} shortest, ${derivation.simple} simple) with explicit payloads`, () => {
    expect(derivation.shortest).toBeGreaterThan(0);
    expect(derivation.simple).toBeGreaterThan(0);
  });
  it(`${model.rules === undefined ? '' : `${model.rules}: `}executes ${derivation.paths.length} paths / ${steps} steps against the engine: ${model.checks}`, { timeout: ENGINE_RUN_TIMEOUT }, () => {
    const result = runModel({ ...onMachine, derivation, host });
    console.log(`${summaryLine(model.name, result, derivation)}${model.report?.() ?? ''}`);
    expect(result.coverage.summary()).toEqual(cov);
    expect(failureKinds(result.failures)).toEqual([]);
    alsoExpect?.(result);
  });
  const unreachable = Object.keys(model.unreachable ?? {}).sort();
  const unreachableStates = Object.keys(model.unreachableStates ?? {}).sort();
  const noCommand = unreachable.length === 0 ? '' : ` (${[unreachableStates.length === 0 ? '' : `${unreachableStates.length} states and `, `${unreachable.length} transitions`].join('')} out of the paths' reach)`;
  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}${noCommand}`, () => {
    expect(replay.failures).toEqual([]);
    expect(replay.coverage.missingStates().sort()).toEqual(unreachableStates);
    expect(replay.coverage.missingTransitions().sort()).toEqual(unreachable);
  });
}
