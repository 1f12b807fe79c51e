/**
 * A lifecycle model: a machine, its event generators with payloads, its abstraction (inside the derivation), and
 * its engine adapter (the host), built from one chain. The registry (models/index.ts) lists them; the `paths`
 * command and the model tests work from that list, so a new machine joins by adding one entry.
 */
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { Derivation } from './derive.ts';
import type { EngineSession, Host, MachineSide } from './replay.ts';

/** The chain a model scenario's paths start from, as a scenario file builds it. */
export interface ModelSetup {
  /** The chain configuration (the input of `buildCatalog`). */
  config: unknown;
  seed: number;
  /** The commands that set the chain up before the path's first step (all accepted). */
  commands: Record<string, unknown>[];
}

// A model's snapshot, event and engine session types are its own: the registry holds them all.
export interface LifecycleModel<S extends AnyMachineSnapshot = any, E extends EventObject = any, C extends EngineSession = any> extends MachineSide<S, E> {
  name: string;
  derivation: Derivation;
  host: Host<S, E, C>;
  setup: (scenario: string) => ModelSetup;
  /** What every step checks, and the rules the checks enforce (for test titles and reports). */
  checks: string;
  rules?: string;
  /** What the host did over a run (printed after the summary line). */
  report?: () => string;
  /**
   * Transitions of the machine the paths cannot take, by their coverage description, each with why (mostly: no chain
   * command causes them): the model offers no event for them, and its coverage test expects exactly these uncovered.
   */
  unreachable?: Record<string, string>;
  /** States of the machine only those transitions lead to, by state id, each with why (the coverage test expects exactly these unvisited). */
  unreachableStates?: Record<string, string>;
}

export interface ModelEntry<M extends LifecycleModel = LifecycleModel> {
  /** The name `--machine` takes: the machine's file name, or the file name and a variant. */
  name: string;
  /** The machine (its file under machines/, without `.machine.ts`). */
  machine: string;
  description: string;
  /** The machine alone, built on the model's chain: no engine, no paths (cheap). */
  createMachine: () => AnyStateMachine;
  /** Sets the chain up and derives the paths (a second or two); built once. */
  build: () => M;
}

/** A registry entry whose model is built on first use and kept. */
export function modelEntry<M extends LifecycleModel>(entry: ModelEntry<M>): ModelEntry<M> {
  let built: M | undefined;
  return { ...entry, build: () => (built ??= entry.build()) };
}
