/**
 * Model tests of a lifecycle machine on its own (no engine host yet): paths are derived with the lab's derivation
 * (shortest plus simple, explicit payloads, one graph per starting record), replayed on the machine with the lab's
 * replay, and after every step the model's invariant must hold. Three tests, as the engine models' harness has:
 * the derivation, the replay, and state/transition coverage.
 */
import { expect, it } from 'vitest';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { Coverage } from '../../engine/lab/paths/coverage.ts';
import { combine, derivePaths } from '../../engine/lab/paths/derive.ts';
import type { KeySpec } from '../../engine/lab/paths/keys.ts';
import { replayPath } from '../../engine/lab/paths/replay.ts';

export interface MachineModel<S extends AnyMachineSnapshot, E extends EventObject> {
  machine: AnyStateMachine;
  /** The records a path starts from (a new one, and restored ones for the other starting states). */
  scenarios: Record<string, { input: unknown }>;
  /** The events of a snapshot with explicit payloads, each labelled (engine/lab/paths/events.ts `ev`, `accepted`). */
  events: (snapshot: S) => E[];
  key: KeySpec<S>;
  /** What must hold after every step (null), or what is wrong. */
  invariant: (snapshot: S) => string | null;
  rules: string;
}

export function machinePathTests<S extends AnyMachineSnapshot, E extends EventObject>(model: MachineModel<S, E>): void {
  const derivation = combine(Object.entries(model.scenarios).map(([scenario, { input }]) => derivePaths<S, E>({
    machine: model.machine, scenario, input, shortest: { events: model.events, key: model.key }, simple: { events: model.events, key: model.key },
  })));
  const coverage = new Coverage(model.machine);
  const failures: string[] = [];
  // A restored record is a path with no event: starting it is its whole path.
  for (const [scenario, { input }] of Object.entries(model.scenarios)) {
    const actor = createActor(model.machine, { input, inspect: coverage.inspect }).start();
    const wrong = model.invariant(actor.getSnapshot() as S);
    if (wrong !== null) failures.push(`[${scenario}] at start: ${wrong}`);
    actor.stop();
  }
  let steps = 0;
  for (const path of derivation.paths) {
    const onStep = (_event: E, label: string, after: S) => {
      const wrong = model.invariant(after);
      if (wrong !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')} at ${label}: ${wrong}`);
    };
    const replay = replayPath({ machine: model.machine, scenarios: model.scenarios, events: model.events }, path, { coverage, onStep });
    steps += replay.steps;
    if (replay.disagreement !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')}: ${replay.disagreement.message}`);
  }
  const cov = coverage.summary();
  it(`derives ${derivation.paths.length} paths (${derivation.shortest} shortest, ${derivation.simple} simple) with explicit payloads`, () => {
    expect(derivation.shortest).toBeGreaterThan(0);
    expect(derivation.simple).toBeGreaterThan(0);
  });
  const starts = Object.keys(model.scenarios).length;
  it(`${model.rules}: replays ${derivation.paths.length} paths / ${steps} steps and ${starts} starting records on the machine, the invariant holding after every step`, () => {
    expect(failures).toEqual([]);
  });
  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}`, () => {
    expect(coverage.missingStates()).toEqual([]);
    expect(coverage.missingTransitions()).toEqual([]);
  });
}
