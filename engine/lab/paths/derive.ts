/**
 * Paths derived with @xstate/graph: shortest paths to every abstract vertex plus simple paths on a (smaller) graph.
 */
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine, EventObject, StateValue } from 'xstate';
import { labelOf } from './events.ts';
import { makeKey, type Keyer, type KeySpec } from './keys.ts';


export type Strategy = 'shortest' | 'simple';

export interface DerivedPath {
  /** The strategy that found the path first. */
  origin: Strategy;
  /** Every strategy that found it (a simple path equal to a shortest one is kept once, under both). */
  strategies: Strategy[];
  /** Which model input (scenario) the path starts from. */
  scenario: string;
  labels: string[];
  /** The event type of each step (a label names one event of that type). */
  types: string[];
  /** State value after init and after every event (length = labels.length + 1). */
  values: StateValue[];
  /** Abstract key after init and after every event, under the graph that produced the path. */
  keys: string[];
  /** The abstraction of the graph that produced the path (for comparing a replay with it). */
  keyer: Keyer<AnyMachineSnapshot>;
}

export interface GraphSpec<S extends AnyMachineSnapshot, E extends EventObject> {
  events: (snapshot: S) => E[];
  key: KeySpec<S>;
  /** Stop expanding these vertices (the vertex itself is still reached). */
  stopWhen?: (snapshot: S, key: string) => boolean;
}

export interface DeriveOptions<S extends AnyMachineSnapshot, E extends EventObject> {
  machine: AnyStateMachine;
  scenario: string;
  input: unknown;
  shortest: GraphSpec<S, E>;
  simple?: GraphSpec<S, E>;
}

type AnyPath = { steps: { state: AnyMachineSnapshot; event: EventObject }[] };

function toDerived(path: AnyPath, origin: Strategy, scenario: string, keyer: Keyer<AnyMachineSnapshot>): DerivedPath {
  return {
    origin,
    strategies: [origin],
    scenario,
    labels: path.steps.slice(1).map((s) => labelOf(s.event)),
    types: path.steps.slice(1).map((s) => s.event.type),
    values: path.steps.map((s) => s.state.value),
    keys: path.steps.map((s, i) => keyer.keyOf(s.state) ?? keyer.compute(s.state, i === 0 ? undefined : s.event, i === 0 ? undefined : path.steps[i - 1]!.state)),
    keyer,
  };
}

export interface Derivation {
  paths: DerivedPath[];
  /** Paths @xstate/graph returned (before dropping empty and duplicate ones). */
  shortest: number;
  simple: number;
  /** Time spent deriving the paths. */
  ms: number;
}

export function combine(derivations: readonly Derivation[]): Derivation {
  return {
    paths: derivations.flatMap((d) => d.paths),
    shortest: derivations.reduce((n, d) => n + d.shortest, 0),
    simple: derivations.reduce((n, d) => n + d.simple, 0),
    ms: derivations.reduce((n, d) => n + d.ms, 0),
  };
}

/**
 * Shortest paths to every abstract vertex plus simple paths on a (smaller) graph; empty paths and event sequences
 * already derived (a simple path equal to a shortest one) are dropped.
 */
export function derivePaths<S extends AnyMachineSnapshot, E extends EventObject>(options: DeriveOptions<S, E>): Derivation {
  const { machine, input, scenario } = options;
  const started = performance.now();
  const graph = (spec: GraphSpec<S, E>) => {
    const keyer = makeKey(spec.key as unknown as KeySpec<AnyMachineSnapshot>);
    const traversal = {
      input,
      events: (s: AnyMachineSnapshot) => spec.events(s as S),
      serializeState: keyer.serialize,
      serializeEvent: (e: EventObject) => labelOf(e),
      stopWhen: (s: AnyMachineSnapshot) => (spec.stopWhen === undefined ? false : spec.stopWhen(s as S, keyer.keyOf(s) ?? keyer.compute(s))),
    };
    return { keyer, traversal };
  };
  const short = graph(options.shortest);
  const shortestPaths = getShortestPaths(machine, short.traversal as never) as unknown as AnyPath[];
  const paths = shortestPaths.map((p) => toDerived(p, 'shortest', scenario, short.keyer));
  let simpleCount = 0;
  if (options.simple !== undefined) {
    const simple = graph(options.simple);
    const simplePaths = getSimplePaths(machine, simple.traversal as never) as unknown as AnyPath[];
    simpleCount = simplePaths.length;
    paths.push(...simplePaths.map((p) => toDerived(p, 'simple', scenario, simple.keyer)));
  }
  const seen = new Map<string, DerivedPath>();
  const unique = paths.filter((p) => {
    const id = `${p.scenario}|${p.labels.join(' > ')}`;
    const first = seen.get(id);
    if (first !== undefined && !first.strategies.includes(p.origin)) first.strategies.push(p.origin);
    if (p.labels.length === 0 || first !== undefined) return false;
    seen.set(id, p);
    return true;
  });
  return { paths: unique, shortest: shortestPaths.length, simple: simpleCount, ms: performance.now() - started };
}
