/**
 * Replaying derived paths: on the machine (coverage) and on a host (the real `Chain`), checking after every step.
 */
import { isDeepStrictEqual } from 'node:util';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';
import type { Chain } from '../../chain.ts';
import { Coverage } from './coverage.ts';
import type { Derivation, DerivedPath } from './derive.ts';
import { EngineDriver } from './engine-driver.ts';
import { labelOf } from './events.ts';
import { fail, StepFailure } from './failure.ts';
import type { Keyer } from './keys.ts';

/** A model's engine side for one path: the chain and the driver that runs (and records) its commands. */
export interface EngineSession { engine: Chain; driver: EngineDriver }

/** The system under test for one model: a fresh engine per path, the commands an event maps to, the checks. */
export interface Host<S extends AnyMachineSnapshot, E extends EventObject, C extends EngineSession> {
  fresh: (scenario: string) => C;
  /** Executes the engine commands that cause `event` (each must be accepted). */
  apply: (ctx: C, event: E, label: string, before: S, after: S) => void;
  /** Compares the engine with the model snapshot and checks the invariants. */
  check: (ctx: C, after: S) => void;
  /** The state value of the modelled actor as the engine has it (compared with the state a path expects). */
  engineState: (ctx: C) => unknown;
}

export interface ModelScenario<S = never, E = never> {
  input: unknown;
  /** The scenario's own event generator (default: the run's). */
  events?: (snapshot: S) => E[];
}

/** The machine side of a model: what replaying a path needs to regenerate its events. */
export interface MachineSide<S extends AnyMachineSnapshot, E extends EventObject> {
  machine: AnyStateMachine;
  scenarios: Record<string, ModelScenario<S, E>>;
  events: (snapshot: S) => E[];
}

/** A path as replayed: its events by label and the state expected after each (from a derivation or a path file). */
export interface ExpectedPath {
  scenario: string;
  labels: readonly string[];
  /** State value after init and after every event (length = labels.length + 1). */
  values: readonly StateValue[];
  /** Abstract keys under `keyer`, checked when both are there (a derivation's own paths). */
  keys?: readonly string[];
  keyer?: Keyer<AnyMachineSnapshot>;
}

/** The first step where the machine, the engine or a check disagrees with the path. */
export interface Disagreement {
  /** 1-based step; 0 is the start, before the first event. */
  step: number;
  label: string | null;
  event: EventObject | null;
  /** model: the machine does not follow the path; engine: the engine's state is not the expected one; check: a command was refused, a comparison or an invariant failed. */
  kind: 'model' | 'engine' | 'check';
  expected: unknown;
  actual: unknown;
  message: string;
}

export interface PathReplay<C> {
  steps: number;
  disagreement: Disagreement | null;
  /** The engine session the path ran on (its driver holds the commands), when it had a host. */
  session: C | undefined;
}

/** A refused command or a failed check reads as is; anything else thrown (an engine crash) says so. */
function messageOf(error: unknown): string {
  if (error instanceof StepFailure) return error.message;
  return `CRASH ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * Replays one path on the machine (events regenerated from the actual snapshot, picked by label) and, with a host,
 * on a fresh engine, comparing both with the state the path expects after every step. After the engine first
 * disagrees the machine goes on alone (for coverage); a machine that cannot follow the path stops the replay.
 */
export function replayPath<S extends AnyMachineSnapshot, E extends EventObject, C extends EngineSession>(
  model: MachineSide<S, E>, path: ExpectedPath,
  options: { host?: Host<S, E, C> | undefined; coverage?: Coverage | undefined; onStep?: (event: E, label: string, after: S) => void } = {},
): PathReplay<C> {
  const { host, coverage, onStep } = options;
  const scenario = model.scenarios[path.scenario] ?? fail(`unknown scenario ${path.scenario}`);
  const actor = createActor(model.machine, { input: scenario.input, ...(coverage === undefined ? {} : { inspect: coverage.inspect }) });
  actor.start();
  coverage?.snapshot(actor.getSnapshot());
  let disagreement: Disagreement | null = null;
  const disagree = (d: Omit<Disagreement, 'message'>, message: string) => { disagreement ??= { ...d, message }; };
  let session: C | undefined;
  let engineOk = host !== undefined;
  if (host !== undefined) {
    try {
      session = host.fresh(path.scenario);
      host.check(session, actor.getSnapshot() as S);
    } catch (error) {
      disagree({ step: 0, label: null, event: null, kind: 'check', expected: path.values[0], actual: session === undefined ? null : host.engineState(session) }, `at init: ${messageOf(error)}`);
      engineOk = false;
    }
  }
  let steps = 0;
  for (const [i, label] of path.labels.entries()) {
    const step = i + 1;
    const expected = path.values[step];
    const before = actor.getSnapshot() as S;
    const event = (scenario.events ?? model.events)(before).find((e) => labelOf(e) === label);
    if (event === undefined) {
      disagree({ step, label, event: null, kind: 'model', expected, actual: before.value }, `model: "${label}" is not available in ${show(before.value)} (abstraction too coarse)`);
      break;
    }
    actor.send(event);
    steps += 1;
    const after = actor.getSnapshot() as S;
    onStep?.(event, label, after);
    const at = { step, label, event };
    if (engineOk && session !== undefined && host !== undefined) {
      try {
        host.apply(session, event, label, before, after);
        const actual = host.engineState(session);
        if (!isDeepStrictEqual(actual, expected) && !isDeepStrictEqual(normalized(actual), normalized(expected))) {
          disagree({ ...at, kind: 'engine', expected, actual }, `the engine is in ${show(actual)}, the path expects ${show(expected)}`);
          engineOk = false;
        }
      } catch (error) {
        disagree({ ...at, kind: 'check', expected, actual: host.engineState(session) }, messageOf(error));
        engineOk = false;
      }
    }
    if (!isDeepStrictEqual(after.value, expected)) {
      disagree({ ...at, kind: 'model', expected, actual: after.value }, `model replay reached ${show(after.value)}, the path says ${show(expected)}`);
      break;
    }
    if (path.keyer !== undefined && path.keys !== undefined) {
      const key = path.keyer.compute(after, event, before);
      if (key !== path.keys[step]) {
        disagree({ ...at, kind: 'model', expected: path.keys[step], actual: key }, `model replay reached abstract state ${key}, the path says ${path.keys[step]}`);
        break;
      }
    }
    if (!engineOk || session === undefined || host === undefined) continue;
    try {
      host.check(session, after);
    } catch (error) {
      disagree({ ...at, kind: 'check', expected, actual: host.engineState(session) }, messageOf(error));
      engineOk = false;
    }
  }
  actor.stop();
  return { steps, disagreement, session };
}

/** A state value as JSON has it (an engine view and a path file compare alike). */
function normalized(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export interface RunResult {
  paths: number;
  steps: number;
  commands: number;
  failures: string[];
  coverage: Coverage;
  ms: number;
}

export interface RunOptions<S extends AnyMachineSnapshot, E extends EventObject, C extends EngineSession> extends MachineSide<S, E> {
  derivation: Derivation;
  /** The engine side; without it the paths are only replayed on the machine (coverage). */
  host?: Host<S, E, C> | undefined;
}

function describePath(path: DerivedPath, upTo?: number): string {
  const shown = upTo === undefined ? path.labels : path.labels.slice(0, upTo + 1);
  return `[${path.scenario}/${path.origin}] ${shown.join(' > ')}`;
}

/** Replays every derived path (see `replayPath`); a failure names the path up to the step that disagreed. */
export function runModel<S extends AnyMachineSnapshot, E extends EventObject, C extends EngineSession>(options: RunOptions<S, E, C>): RunResult {
  const started = performance.now();
  const commandsBefore = EngineDriver.total;
  const coverage = new Coverage(options.machine);
  const failures: string[] = [];
  let steps = 0;
  for (const path of options.derivation.paths) {
    const replay = replayPath(options, path, { host: options.host, coverage });
    steps += replay.steps;
    const d = replay.disagreement;
    if (d !== null) failures.push(d.step === 0 ? `${describePath(path, -1)} ${d.message}` : `${describePath(path, d.step - 1)}: ${d.message}`);
  }
  return { paths: options.derivation.paths.length, steps, commands: EngineDriver.total - commandsBefore, failures, coverage, ms: performance.now() - started };
}

/** Failures grouped by their message with numbers and ids blanked: one example per kind. */
export function failureKinds(failures: readonly string[]): { kind: string; count: number; example: string }[] {
  const kinds = new Map<string, { count: number; example: string }>();
  for (const f of failures) {
    const message = f.slice(f.indexOf(': ') + 2);
    const kind = message.replace(/[A-Z]+-\d{6}(-\d+)?/g, '#').replace(/-?\d+/g, 'N');
    const k = kinds.get(kind);
    if (k === undefined) kinds.set(kind, { count: 1, example: f });
    else k.count += 1;
  }
  return [...kinds].map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.count - a.count);
}

export function summaryLine(name: string, result: RunResult, derivation: Derivation): string {
  const c = result.coverage.summary();
  return `model ${name}: ${result.paths} paths, ${result.steps} steps, states ${c.states}/${c.totalStates}, `
    + `transitions ${c.transitions}/${c.totalTransitions} (${derivation.shortest} shortest + ${derivation.simple} simple paths derived in `
    + `${Math.round(derivation.ms)} ms; ${result.commands} engine commands in ${Math.round(result.ms)} ms; ${result.failures.length} failing paths)`;
}
