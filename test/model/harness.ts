/**
 * Model-based testing harness shared by the three lifecycle models (register, customer order, fulfillment group).
 *
 * - Events carry a *label* (`ev(label, event)`): the graph identifies edges by label, and a path is replayed by
 *   regenerating the events of the *actual* snapshot and picking the one with the same label. Payloads that depend
 *   on context (amounts due, line ids) are therefore always computed from the real state, never from whatever
 *   representative snapshot the graph kept for an abstract vertex.
 * - `makeKey` builds the abstract state identity for @xstate/graph (`serializeState`): a base abstraction, an
 *   optional decoration (e.g. "ready after completing a sale"), and a self-loop marker so that a targetless
 *   transition that leaves the abstraction unchanged still gets a vertex of its own (and thus a path ending in it).
 * - `inventory` / `Coverage` enumerate every state node and transition definition of a machine and record the ones
 *   taken (inspection `@xstate.microstep` events carry the transition definitions).
 * - `runModel` replays every derived path on the machine (coverage) and on a host (the real `Chain`),
 *   asserting after every step.
 * - `engineInvariants` are the engine-wide invariants checked after every step (quantities, header status, money,
 *   order vs fulfilment location consistency, on-hand inventory).
 * - `SyncNetwork` / `syncInvariants` (sync channel and customer models): a transport between the stores and
 *   headquarters that records every acknowledgement delivered and can lose or duplicate the next one, and the SY-3 /
 *   SY-4 invariants (nothing a till created is lost, nothing is at headquarters twice, an acknowledged key is never
 *   still queued, confirmations and accounts at the store exist at headquarters).
 */
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type InspectionEvent, type StateValue } from 'xstate';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { Chain, type ChainResult as CommandResult, type Delivery, type Transport } from '../../engine/chain.ts';
import { productQuantities, type LineProgress } from '../../engine/domain/fulfillment.ts';
import type { Catalog } from '../../engine/domain/catalog.ts';
import { sumMinor } from '../../engine/domain/money.ts';
import { demoChainConfig, type DemoChainConfigInput } from '../fixtures/chain.ts';

// ---------------------------------------------------------------------------------------------------------------
// Labelled events
// ---------------------------------------------------------------------------------------------------------------

const labels = new WeakMap<object, string>();

/** Tags an event with the label that identifies its edge in the graph. */
export function ev<E extends EventObject>(label: string, event: E): E {
  labels.set(event, label);
  return event;
}

export function labelOf(event: EventObject): string {
  return labels.get(event) ?? event.type;
}

/** Keeps the events the snapshot accepts (a refused event is no edge) and checks labels are unique. */
export function accepted<S extends AnyMachineSnapshot, E extends EventObject>(snapshot: S, events: readonly E[]): E[] {
  const out = events.filter((e) => snapshot.can(e));
  const seen = new Set<string>();
  for (const e of out) {
    const label = labelOf(e);
    if (seen.has(label)) throw new Error(`duplicate event label "${label}"`);
    seen.add(label);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Abstract state identity
// ---------------------------------------------------------------------------------------------------------------

export interface KeySpec<S> {
  /** The abstraction of a snapshot: state value plus the few context facts that decide which events apply. */
  base: (snapshot: S) => string;
  /** A decoration that depends on how the state was entered (null = none). */
  mark?: (snapshot: S, event: EventObject, prev: S) => string | null;
}

export interface Keyer<S> {
  /** For @xstate/graph: cached per snapshot object, so every call for the same object agrees. */
  serialize: (snapshot: S, event?: EventObject, prev?: S) => string;
  /** The key computed earlier for a snapshot object (during graph traversal). */
  keyOf: (snapshot: S) => string | undefined;
  /** The same computation without the cache (for replays). */
  compute: (snapshot: S, event?: EventObject, prev?: S) => string;
}

export function makeKey<S extends AnyMachineSnapshot>(spec: KeySpec<S>): Keyer<S> {
  const cache = new WeakMap<object, string>();
  // One self-loop vertex per (state value, event type): the first abstract state where that targetless transition
  // was found to keep the abstraction unchanged gets it, so every targetless transition ends some shortest path.
  const loopOwner = new Map<string, string>();
  const key = (snapshot: S, event: EventObject | undefined, prev: S | undefined, register: boolean): string => {
    const base = spec.base(snapshot);
    if (event === undefined || prev === undefined) return base;
    const mark = spec.mark?.(snapshot, event, prev) ?? null;
    if (mark !== null) return `${base}${mark}`;
    if (spec.base(prev) !== base) return base;
    const loop = `${JSON.stringify(snapshot.value)} ${event.type}`;
    const owner = loopOwner.get(loop);
    if (owner === undefined && register) loopOwner.set(loop, base);
    return (owner ?? (register ? base : undefined)) === base ? `${base} ~${event.type}` : base;
  };
  return {
    compute: (snapshot, event, prev) => key(snapshot, event, prev, false),
    keyOf: (snapshot) => cache.get(snapshot),
    serialize: (snapshot, event, prev) => {
      const hit = cache.get(snapshot);
      if (hit !== undefined) return hit;
      const k = key(snapshot, event, prev, true);
      cache.set(snapshot, k);
      return k;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------------------------

export interface DerivedPath {
  origin: 'shortest' | 'simple';
  /** Which model input (scenario) the path starts from. */
  scenario: string;
  labels: string[];
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

function toDerived(path: AnyPath, origin: DerivedPath['origin'], scenario: string, keyer: Keyer<AnyMachineSnapshot>): DerivedPath {
  return {
    origin,
    scenario,
    labels: path.steps.slice(1).map((s) => labelOf(s.event)),
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
  const seen = new Set<string>();
  const unique = paths.filter((p) => {
    const id = `${p.scenario}|${p.labels.join(' > ')}`;
    if (p.labels.length === 0 || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { paths: unique, shortest: shortestPaths.length, simple: simpleCount, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------------------------

type AnyNode = AnyStateMachine['root'];
type AnyTransition = ReturnType<AnyNode['transitions']['get']> extends (infer T)[] | undefined ? T : never;

export interface Inventory {
  states: string[];
  /** Every transition definition (each array entry of `node.transitions`, plus `node.always`) -> description. */
  transitions: Map<AnyTransition, string>;
}

function describeTransition(node: AnyNode, eventType: string, index: number, count: number, t: AnyTransition): string {
  const targets = t.target === undefined || t.target.length === 0 ? '(targetless)' : t.target.map((n: AnyNode) => n.id).join(',');
  return `${node.id} --${eventType}${count > 1 ? `#${index}` : ''}${t.guard === undefined ? '' : ' [guarded]'}--> ${targets}`;
}

export function inventory(machine: AnyStateMachine): Inventory {
  const states: string[] = [];
  const transitions = new Map<AnyTransition, string>();
  const visit = (node: AnyNode): void => {
    states.push(node.id);
    for (const [eventType, defs] of node.transitions) {
      defs.forEach((t, i) => transitions.set(t, describeTransition(node, eventType, i, defs.length, t)));
    }
    (node.always ?? []).forEach((t, i, all) => transitions.set(t, describeTransition(node, 'always', i, all.length, t)));
    for (const child of Object.values(node.states) as AnyNode[]) visit(child);
  };
  visit(machine.root);
  return { states, transitions };
}

export class Coverage {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  readonly inventory: Inventory;

  constructor(readonly machine: AnyStateMachine) {
    this.inventory = inventory(machine);
  }

  readonly inspect = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.microstep') return;
    for (const t of event._transitions) {
      const description = this.inventory.transitions.get(t as AnyTransition);
      if (description === undefined) throw new Error(`transition not in the inventory: ${t.source.id} ${t.eventType}`);
      this.transitions.add(description);
      this.states.add(t.source.id);
    }
    this.snapshot(event.snapshot as AnyMachineSnapshot);
  };

  snapshot(snapshot: AnyMachineSnapshot): void {
    for (const node of snapshot._nodes) this.states.add(node.id);
  }

  missingStates(): string[] {
    return this.inventory.states.filter((s) => !this.states.has(s));
  }

  missingTransitions(): string[] {
    return [...this.inventory.transitions.values()].filter((t) => !this.transitions.has(t));
  }

  summary(): { states: number; totalStates: number; transitions: number; totalTransitions: number } {
    return {
      states: this.inventory.states.length - this.missingStates().length,
      totalStates: this.inventory.states.length,
      transitions: this.inventory.transitions.size - this.missingTransitions().length,
      totalTransitions: this.inventory.transitions.size,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running paths against the machine and the engine
// ---------------------------------------------------------------------------------------------------------------

export class StepFailure extends Error {}

export function fail(message: string): never {
  throw new StepFailure(message);
}

/** The system under test for one model: a fresh engine per path, the commands an event maps to, the checks. */
export interface Host<S extends AnyMachineSnapshot, E extends EventObject, C> {
  fresh: (scenario: string) => C;
  /** Executes the engine commands that cause `event` (each must be accepted). */
  apply: (ctx: C, event: E, label: string, before: S, after: S) => void;
  /** Compares the engine with the model snapshot and checks the invariants. */
  check: (ctx: C, after: S) => void;
}

export interface ModelScenario<S = never, E = never> {
  input: unknown;
  /** The scenario's own event generator (default: the run's). */
  events?: (snapshot: S) => E[];
}

export interface RunResult {
  paths: number;
  steps: number;
  commands: number;
  failures: string[];
  coverage: Coverage;
  ms: number;
}

export interface RunOptions<S extends AnyMachineSnapshot, E extends EventObject, C> {
  machine: AnyStateMachine;
  scenarios: Record<string, ModelScenario<S, E>>;
  events: (snapshot: S) => E[];
  derivation: Derivation;
  /** The engine side; without it the paths are only replayed on the machine (coverage). */
  host?: Host<S, E, C>;
}

/** A refused command or a failed check reads as is; anything else thrown (an engine crash) says so. */
function messageOf(error: unknown): string {
  if (error instanceof StepFailure) return error.message;
  return `CRASH ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

function describePath(path: DerivedPath, upTo?: number): string {
  const shown = upTo === undefined ? path.labels : path.labels.slice(0, upTo + 1);
  return `[${path.scenario}/${path.origin}] ${shown.join(' > ')}`;
}

export function runModel<S extends AnyMachineSnapshot, E extends EventObject, C>(options: RunOptions<S, E, C>): RunResult {
  const started = performance.now();
  const commandsBefore = EngineDriver.total;
  const coverage = new Coverage(options.machine);
  const failures: string[] = [];
  let steps = 0;
  const { derivation, host } = options;
  for (const path of derivation.paths) {
    const { keyer } = path;
    const scenario = options.scenarios[path.scenario] ?? fail(`unknown scenario ${path.scenario}`);
    const actor = createActor(options.machine, { input: scenario.input, inspect: coverage.inspect });
    actor.start();
    coverage.snapshot(actor.getSnapshot());
    let engineOk = host !== undefined;
    let ctx: C | undefined;
    if (host !== undefined) {
      try {
        ctx = host.fresh(path.scenario);
        host.check(ctx, actor.getSnapshot() as S);
      } catch (error) {
        failures.push(`${describePath(path, -1)} at init: ${messageOf(error)}`);
        engineOk = false;
      }
    }
    for (const [i, label] of path.labels.entries()) {
      const before = actor.getSnapshot() as S;
      const event = (scenario.events ?? options.events)(before).find((e) => labelOf(e) === label);
      if (event === undefined) {
        failures.push(`${describePath(path, i)}: model: "${label}" is not available in ${JSON.stringify(before.value)} (abstraction too coarse)`);
        break;
      }
      actor.send(event);
      steps += 1;
      const after = actor.getSnapshot() as S;
      if (!isDeepStrictEqual(after.value, path.values[i + 1])) {
        failures.push(`${describePath(path, i)}: model replay reached ${JSON.stringify(after.value)}, the path says ${JSON.stringify(path.values[i + 1])}`);
        break;
      }
      const key = keyer.compute(after, event, before);
      if (key !== path.keys[i + 1]) {
        failures.push(`${describePath(path, i)}: model replay reached abstract state ${key}, the path says ${path.keys[i + 1]}`);
        break;
      }
      if (!engineOk || ctx === undefined || host === undefined) continue;
      try {
        host.apply(ctx, event, label, before, after);
        host.check(ctx, after);
      } catch (error) {
        failures.push(`${describePath(path, i)}: ${messageOf(error)}`);
        engineOk = false;
      }
    }
    actor.stop();
  }
  return { paths: derivation.paths.length, steps, commands: EngineDriver.total - commandsBefore, failures, coverage, ms: performance.now() - started };
}

export interface ModelSuite<S extends AnyMachineSnapshot, E extends EventObject, C> extends RunOptions<S, E, C> {
  name: string;
  host: Host<S, E, C>;
  /** What every step checks, for the title. */
  checks: string;
  /** The rule IDs the run checks, for the title. */
  rules?: string;
  /** More to print after the summary line. */
  report?: () => string;
  /** More to assert on the run (e.g. that the paths did exercise what the invariants are about). */
  alsoExpect?: (result: RunResult) => void;
}

/**
 * The three tests of a model file, inside the caller's describe: the paths are derived with explicit payloads, every
 * path runs against the engine with no failure, and the paths reach every state and transition of the machine.
 */
export function modelTests<S extends AnyMachineSnapshot, E extends EventObject, C>(suite: ModelSuite<S, E, C>): void {
  const { derivation, host, ...onMachine } = suite;
  // Replayed on the machine alone at collection (coverage for the titles); executed against the engine in the test.
  const replay = runModel<S, E, C>({ ...onMachine, derivation });
  const cov = replay.coverage.summary();
  const steps = derivation.paths.reduce((n, p) => n + p.labels.length, 0);
  it(`derives ${derivation.paths.length} paths (${derivation.shortest} shortest, ${derivation.simple} simple) with explicit payloads`, () => {
    expect(derivation.shortest).toBeGreaterThan(0);
    expect(derivation.simple).toBeGreaterThan(0);
  });
  it(`${suite.rules === undefined ? '' : `${suite.rules}: `}executes ${derivation.paths.length} paths / ${steps} steps against the engine: ${suite.checks}`, () => {
    const result = runModel<S, E, C>({ ...onMachine, derivation, host });
    console.log(`${summaryLine(suite.name, result, derivation)}${suite.report?.() ?? ''}`);
    expect(result.coverage.summary()).toEqual(cov);
    expect(failureKinds(result.failures)).toEqual([]);
    suite.alsoExpect?.(result);
  });
  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}`, () => {
    expect(replay.failures).toEqual([]);
    expect(replay.coverage.missingStates()).toEqual([]);
    expect(replay.coverage.missingTransitions()).toEqual([]);
  });
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

// ---------------------------------------------------------------------------------------------------------------
// Engine helpers
// ---------------------------------------------------------------------------------------------------------------

/** The demo chain with manual accept on at S1 (so FF-2's Pending -> ACCEPT is reachable). */
export function scenarioConfig(): DemoChainConfigInput {
  const config = demoChainConfig();
  config.stores = config.stores.map((s) => (s.id === 'S1' ? { ...s, manualAccept: true } : s));
  return config;
}

/** A command the path expects the engine to accept; a refusal fails the step with the engine's reason. */
export class EngineDriver {
  /** Commands executed by all drivers (for the report). */
  static total = 0;

  constructor(readonly engine: Chain) {}

  exec(command: Record<string, unknown>): Record<string, unknown> {
    EngineDriver.total += 1;
    const result: CommandResult = this.engine.executeNow(command);
    if (!result.ok) {
      fail(`engine refused ${JSON.stringify(command)}: ${result.error.rule} ${result.error.message} (field ${result.error.field ?? '-'})`);
    }
    return result.result;
  }
}

/** Compares two values, failing the step with a readable diff of the first differing path. */
export function expectSame(what: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(normalizeUndefined(actual), normalizeUndefined(expected))) return;
  fail(`${what} differs: ${firstDifference(actual, expected)}`);
}

function normalizeUndefined(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: engine ${JSON.stringify(a)} vs model ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (!isDeepStrictEqual(normalizeUndefined(x), normalizeUndefined(y))) return firstDifference(x, y, `${path}.${key}`);
  }
  return `${path}: engine ${JSON.stringify(a)} vs model ${JSON.stringify(b)}`;
}

/** Line progress with the generated pick-list id reduced to "on a pick list or not". */
export function normProgress(p: LineProgress): Omit<LineProgress, 'pickListId'> & { pickListed: boolean } {
  const { pickListId, ...rest } = p;
  return { ...rest, pickListed: pickListId !== null };
}

// ---------------------------------------------------------------------------------------------------------------
// Engine-wide invariants
// ---------------------------------------------------------------------------------------------------------------

type Header = 'Quote' | 'Open' | 'PartiallyPicked' | 'Picked' | 'PartiallyDelivered' | 'Delivered' | 'PartiallyInvoiced' | 'Invoiced' | 'Rejected' | 'Cancelled';

/** FF-8 recomputed here from the buckets (not with the engine's function). */
export function expectedHeaderStatus(stateValue: StateValue, createdAs: 'customerOrder' | 'quote', lines: readonly LineProgress[]): Header {
  const top = typeof stateValue === 'string' ? stateValue : Object.keys(stateValue)[0];
  if (top === 'cancelled') return 'Cancelled';
  // A quote waiting for headquarters (SY-2) is still a quote.
  if (top === 'quote' || (top === 'awaitingHeadquarters' && createdAs === 'quote')) return 'Quote';
  const stages: { rank: number; full: boolean }[] = [];
  for (const p of lines) {
    const active = p.quantity - p.rejected;
    if (active === 0) continue; // rejected in full: left out
    if (p.invoiced > 0) stages.push({ rank: 3, full: p.invoiced === active });
    else if (p.packed > 0) stages.push({ rank: 2, full: p.packed === active });
    else if (p.picked > 0) stages.push({ rank: 1, full: p.picked === active });
    else stages.push({ rank: 0, full: true });
  }
  if (stages.length === 0) return 'Rejected';
  const rank = Math.max(...stages.map((s) => s.rank));
  const full = stages.every((s) => s.rank === rank && s.full);
  const names: [Header, Header][] = [['Open', 'Open'], ['Picked', 'PartiallyPicked'], ['Delivered', 'PartiallyDelivered'], ['Invoiced', 'PartiallyInvoiced']];
  return names[rank]![full ? 0 : 1];
}

export interface InvariantOptions {
  /** On hand per location and product when the engine was created. */
  initialOnHand: Record<string, Record<string, number>>;
  /** Names of invariants not to check (none by default). */
  skip?: ReadonlySet<string>;
}

/** On hand per location and product as configured (before any command). */
export function initialOnHand(catalog: Catalog): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const location of catalog.config.locations) out[location.id] = {};
  for (const item of catalog.config.inventory) out[item.locationId]![item.productId] = item.onHand;
  return out;
}

const stateTop = (value: StateValue): string => (typeof value === 'string' ? value : Object.keys(value)[0]!);

/**
 * Every invariant that must hold after any accepted command. Returns the violations as "NAME: detail".
 * Names: QTY (buckets), HDR (header status), DONE (completed iff fully invoiced), PAY (payments sum), DOC (invoice
 * and return documents match the buckets), MONEY (paid vs invoiced vs totals), QUOTE (a quote holds no payment),
 * LOC (an order line and its fulfilment location agree), ONHAND (on hand moves only with issued units).
 */
export function engineInvariants(engine: Chain, options: InvariantOptions): string[] {
  const problems: string[] = [];
  const skip = options.skip ?? new Set<string>();
  const report = (name: string, detail: string) => { if (!skip.has(name)) problems.push(`${name}: ${detail}`); };
  const catalog: Catalog = engine.catalog;
  const locations = catalog.config.locations.map((l) => l.id);
  const listed = new Map(locations.map((id) => [id, engine.fulfillmentView(id)]));
  const issued: Record<string, Record<string, number>> = Object.fromEntries(locations.map((id) => [id, {}]));
  const orderLines = new Map<string, { kind: string; productId: string; locationId: string; cancelled: boolean }>();
  const addIssued = (locationId: string, productId: string, units: number) => {
    const byProduct = issued[locationId] ?? (issued[locationId] = {});
    byProduct[productId] = (byProduct[productId] ?? 0) + units;
  };
  const shelfOf = (storeId: string) => catalog.stores.get(storeId)!.locationId;
  for (const receiptId of engine.receiptIds()) {
    const receipt = engine.receipt(receiptId)!;
    for (const line of receipt.lines) addIssued(shelfOf(receipt.storeId), line.productId, line.quantity);
  }
  for (const returnOrder of engine.allReturnOrders()) {
    const { original } = returnOrder;
    const sold = original.kind === 'order' ? engine.orderView(original.id) : engine.receipt(original.id)!;
    for (const { productId, quantity } of productQuantities(sold, returnOrder.record.lines)) addIssued(shelfOf(returnOrder.storeId), productId, -quantity);
  }

  for (const orderId of engine.orderIds()) {
    const order = engine.orderView(orderId);
    const top = stateTop(order.state as StateValue);
    const cancelled = top === 'cancelled';
    for (const line of order.lines) {
      const p = line.progress;
      const where = `${orderId}/${line.lineId}`;
      const buckets = { quantity: p.quantity, picked: p.picked, packed: p.packed, invoiced: p.invoiced, rejected: p.rejected, returned: p.returned };
      for (const [name, n] of Object.entries(buckets)) {
        if (!Number.isInteger(n) || n < 0) report('QTY', `${where} ${name} = ${n}`);
      }
      if (p.quantity <= 0) report('QTY', `${where} quantity ${p.quantity}`);
      if (p.picked + p.packed + p.invoiced + p.rejected > p.quantity) report('QTY', `${where} picked+packed+invoiced+rejected ${p.picked + p.packed + p.invoiced + p.rejected} > quantity ${p.quantity}`);
      if (p.returned > p.invoiced) report('QTY', `${where} returned ${p.returned} > invoiced ${p.invoiced}`);
      if (line.delivery.kind === 'carryOut' && (p.invoiced !== p.quantity || p.picked + p.packed + p.rejected > 0)) report('QTY', `${where} carry-out line not invoiced in full: ${JSON.stringify(buckets)}`);
      // DOC: the invoices and return records of the order account for the invoiced and returned units.
      const invoicedByDocs = sumMinor(order.invoices.flatMap((i) => i.lines.filter((l) => l.lineId === line.lineId).map((l) => l.quantity)));
      if (invoicedByDocs !== p.invoiced) report('DOC', `${where} invoices hold ${invoicedByDocs} units, the line says invoiced ${p.invoiced}`);
      const returnedByDocs = sumMinor(order.returns.flatMap((r) => r.lines.filter((l) => l.lineId === line.lineId).map((l) => l.quantity)));
      if (returnedByDocs !== p.returned) report('DOC', `${where} return records hold ${returnedByDocs} units, the line says returned ${p.returned}`);
      orderLines.set(where, { kind: line.delivery.kind, productId: line.productId, locationId: line.delivery.locationId, cancelled });
      // A carry-out line's units (all invoiced) left its store's shelf at the register.
      addIssued(line.delivery.locationId, line.productId, line.delivery.kind === 'carryOut' ? p.invoiced : p.picked + p.packed + p.invoiced);
      if (line.delivery.kind !== 'carryOut') {
        // LOC: a line is listed at its location while it has units to ship/pick up or rejected units, with the same buckets.
        const row = listed.get(line.delivery.locationId)?.lines.find((l) => l.orderId === orderId && l.lineId === line.lineId);
        // An async order reaches its locations once it exists at headquarters (SY-2).
        const awaiting = top === 'awaitingHeadquarters';
        const shouldList = !cancelled && top !== 'quote' && !awaiting && (p.quantity - p.invoiced - p.rejected > 0 || p.rejected > 0);
        if (shouldList && row === undefined) report('LOC', `${where} is not listed at ${line.delivery.locationId}`);
        if (!shouldList && row !== undefined) report('LOC', `${where} is still listed at ${line.delivery.locationId} (${cancelled ? 'cancelled order' : top === 'quote' ? 'a quote' : awaiting ? 'not at headquarters yet' : 'nothing left to fulfil'})`);
        if (row !== undefined && !isDeepStrictEqual(row.progress, p)) report('LOC', `${where} order progress ${JSON.stringify(p)} != location ${line.delivery.locationId} progress ${JSON.stringify(row.progress)}`);
        if (row !== undefined && (row.kind !== line.delivery.kind || row.productId !== line.productId || row.modeCode !== line.delivery.modeCode)) report('LOC', `${where} listed as ${row.kind}/${row.modeCode}/${row.productId}, the order has ${line.delivery.kind}/${line.delivery.modeCode}/${line.productId}`);
      }
    }
    // HDR / DONE
    const header = expectedHeaderStatus(order.state as StateValue, order.createdAs, order.lines.map((l) => l.progress));
    if (order.headerStatus !== header) report('HDR', `${orderId} header ${order.headerStatus}, lines say ${header} (${JSON.stringify(order.state)})`);
    const allInvoiced = order.lines.length > 0 && order.lines.every((l) => l.progress.invoiced === l.progress.quantity);
    if (!cancelled && (top === 'completed') !== allInvoiced) report('DONE', `${orderId} is ${JSON.stringify(order.state)} but fully invoiced = ${allInvoiced}`);
    // PAY / MONEY
    const paid = sumMinor(order.payments.map((p) => p.amount));
    if (order.paid !== paid) report('PAY', `${orderId} paid ${order.paid} != sum of payments ${paid}`);
    const invoiced = sumMinor(order.invoices.map((i) => i.total));
    const returned = sumMinor(order.returns.map((r) => r.total));
    if (returned > 0 || -returned > invoiced) report('MONEY', `${orderId} returns total ${returned} against invoices ${invoiced}`);
    if (order.invoices.some((i) => i.total < 0)) report('MONEY', `${orderId} has a negative invoice`);
    if (cancelled) {
      const charge = order.cancellation?.charge ?? NaN;
      if (paid - returned - invoiced !== charge) report('MONEY', `${orderId} cancelled: paid ${paid} - returns ${returned} - invoiced ${invoiced} != cancellation charge ${charge}`);
    } else {
      if (paid - returned < invoiced) report('MONEY', `${orderId} paid ${paid} (returns ${returned}) does not cover invoiced ${invoiced}`);
      if (top === 'completed') {
        if (invoiced !== order.totals.total) report('MONEY', `${orderId} completed: invoices ${invoiced} != order total ${order.totals.total}`);
        if (paid !== order.totals.total + returned) report('MONEY', `${orderId} completed: paid ${paid} != total ${order.totals.total} + returns ${returned}`);
      }
    }
    if (order.headerStatus === 'Quote' && order.payments.length > 0) report('QUOTE', `${orderId} is a quote but holds payments ${JSON.stringify(order.payments.map((p) => p.amount))}`);
  }

  for (const [locationId, view] of listed) {
    for (const row of view.lines) {
      const line = orderLines.get(`${row.orderId}/${row.lineId}`);
      if (line === undefined) report('LOC', `${locationId} lists ${row.orderId}/${row.lineId}, which no order has`);
      else if (line.locationId !== locationId) report('LOC', `${locationId} lists ${row.orderId}/${row.lineId}, fulfilled at ${line.locationId}`);
    }
    // ONHAND: units leave the shelf when picked, packed or invoiced (FF-3) or carried out, come back when returned.
    const initial = options.initialOnHand[locationId] ?? {};
    for (const productId of new Set([...Object.keys(initial), ...Object.keys(view.onHand)])) {
      const moved = (initial[productId] ?? 0) - (view.onHand[productId] ?? 0);
      const expected = issued[locationId]?.[productId] ?? 0;
      if (moved !== expected) report('ONHAND', `${locationId} ${productId}: on hand went down by ${moved}, orders, sales and returns moved ${expected} units`);
    }
  }
  return problems;
}

export function assertInvariants(engine: Chain, options: InvariantOptions): void {
  const problems = engineInvariants(engine, options);
  if (problems.length > 0) fail(`invariants: ${problems.join('; ')}`);
}

/** Restores an engine from a prepared state (cheaper than replaying the set-up commands for every path). */
export function freshEngine(catalog: Catalog, state: ReturnType<Chain['exportState']>): Chain {
  return Chain.restore(catalog, structuredClone(state));
}

/** The state value of an actor as the engine persists it. */
export function persistedValue(engine: Chain, kind: 'registers' | 'orders' | 'fulfillment', id: string): unknown {
  const snapshot = engine.exportState().store[kind][id] as { value?: unknown } | undefined;
  return snapshot?.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Building orders through the register (set-up and host actions)
// ---------------------------------------------------------------------------------------------------------------

export interface SaleLine {
  productId: string;
  quantity: number;
  delivery: 'ship' | 'pickup' | 'carryOut';
  modeCode?: string;
  /** Ship-from / pickup location (the store's default when absent). */
  locationId?: string;
}

export interface SaleResult { transactionId: string; lineIds: string[]; result: Record<string, unknown> }

/** Rings up a sale at a register with an open shift and tenders what is due (a quote when `quote`). */
export function sellAt(driver: EngineDriver, registerId: string, lines: readonly SaleLine[], options: {
  customerId?: string; quote?: boolean; method?: 'cash' | 'card'; cardToken?: string;
} = {}): SaleResult {
  let transactionId = '';
  for (const line of lines) {
    transactionId = driver.exec({ type: 'register.addItem', registerId, productId: line.productId, quantity: line.quantity }).transactionId as string;
  }
  if (options.customerId !== undefined) driver.exec({ type: 'register.setCustomer', registerId, customerId: options.customerId });
  const lineIds = lines.map((_, i) => `${transactionId}-${i + 1}`);
  lines.forEach((line, i) => {
    const where = line.locationId === undefined ? {} : { locationId: line.locationId };
    if (line.delivery === 'ship') driver.exec({ type: 'register.shipSelected', registerId, lineIds: [lineIds[i]], modeCode: line.modeCode ?? 'STD', ...where });
    if (line.delivery === 'pickup') driver.exec({ type: 'register.pickupSelected', registerId, lineIds: [lineIds[i]], ...where });
  });
  if (options.quote === true) driver.exec({ type: 'register.setOrderType', registerId, orderType: 'quote' });
  const due = driver.engine.registerView(registerId).due;
  const result = driver.exec({
    type: 'register.tender', registerId, method: options.method ?? 'cash', amount: due,
    ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }),
  });
  if (result.completed !== true) fail(`sale at ${registerId} did not complete: ${JSON.stringify(result)}`);
  return { transactionId, lineIds, result };
}

// ---------------------------------------------------------------------------------------------------------------
// Sync channel: the network between the stores and headquarters, and the SY-3 / SY-4 invariants
// ---------------------------------------------------------------------------------------------------------------

/**
 * The batch transport between the stores and headquarters (`Chain` option `transport`): delivers at once like the
 * chain's default, records every acknowledgement that reached its store, and can lose the next acknowledgements or
 * deliver the next uploads twice (SY-3: a retried or duplicated job must change nothing).
 */
export class SyncNetwork {
  /** Keys the stores were told headquarters has (acknowledgements delivered to a reachable store). */
  readonly acknowledged = new Set<string>();
  /** Lose this many of the next acknowledgements on their way to the store. */
  dropAcknowledgements = 0;
  /** Deliver this many of the next uploads twice. */
  duplicateUploads = 0;
  readonly lost: Delivery[] = [];

  readonly transport = (chain: Chain): Transport => ({ send: (delivery) => this.send(chain, delivery) });

  private send(chain: Chain, delivery: Delivery): void {
    const isAck = delivery.to === 'store' && delivery.command.type === 'sync.acknowledge';
    if (isAck && this.dropAcknowledgements > 0) {
      this.dropAcknowledgements -= 1;
      this.lost.push(delivery);
      return;
    }
    let times = 1;
    if (delivery.to === 'headquarters' && delivery.command.type === 'headquarters.receiveUpload' && this.duplicateUploads > 0) {
      this.duplicateUploads -= 1;
      times = 2;
    }
    for (let i = 0; i < times; i += 1) {
      const delivered = chain.deliveries.delivered;
      chain.deliver(delivery);
      if (isAck && chain.deliveries.delivered > delivered) for (const key of delivery.command.keys as string[]) this.acknowledged.add(key);
    }
  }
}

/** What the tills created during a path (from the commands' results), whatever the engine's actors say. */
export interface TillLedger {
  /** Order id -> store. */
  orders: Map<string, string>;
  /** Customer id -> store (customers created at a register). */
  customers: Map<string, string>;
  /** Receipt id -> store. */
  receipts: Map<string, string>;
}

export function newLedger(): TillLedger {
  return { orders: new Map(), customers: new Map(), receipts: new Map() };
}

/** Records what a completed register command created (an order, a receipt, a customer). */
export function recordCreated(ledger: TillLedger, storeId: string, result: Record<string, unknown>): void {
  if (typeof result.orderId === 'string' && typeof result.confirmationNumber === 'string') ledger.orders.set(result.orderId, storeId);
  if (typeof result.receiptId === 'string') ledger.receipts.set(result.receiptId, storeId);
  if (typeof result.customerId === 'string' && typeof result.mode === 'string') ledger.customers.set(result.customerId, storeId);
}

/**
 * SY-2..SY-4 / CU-4 / CU-7 invariants over the whole chain. Names: LOST (something a till created is neither in its
 * store's outbound queue nor at headquarters), TWICE (headquarters holds something twice), ACK (an acknowledged key
 * is still queued, or was acknowledged without being staged), QUEUE (an item in another store's queue), CONFIRM (the
 * store shows a sales order or an account headquarters does not have).
 * Idempotency keys as documented in docs/decisions.md: order:<channel reference>, customer:<id>, receipt:<store>:<id>.
 */
export function syncInvariants(engine: Chain, ledger: TillLedger, acknowledged: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const office = engine.backOffice();
  const storeIds = engine.catalog.config.stores.map((s) => s.id);
  const queued = new Map(storeIds.map((storeId) => [storeId, new Set(engine.syncView(storeId).pending.map((item) => item.key))]));
  const isQueued = (storeId: string, key: string) => queued.get(storeId)?.has(key) === true;
  const staged = (key: string) => office.staged[key] !== undefined;

  for (const storeId of storeIds) {
    for (const item of engine.syncView(storeId).pending) {
      if (item.storeId !== storeId) problems.push(`QUEUE: ${item.key} (store ${item.storeId}) waits in ${storeId}'s queue`);
      if (acknowledged.has(item.key)) problems.push(`ACK: ${item.key} was acknowledged but is still queued at ${storeId}`);
    }
  }
  for (const key of acknowledged) if (!staged(key)) problems.push(`ACK: ${key} was acknowledged but headquarters never staged it`);

  // LOST: every order, customer and receipt the tills created is queued at its store or at headquarters.
  for (const [orderId, storeId] of ledger.orders) {
    if (!engine.orderIds().includes(orderId)) { problems.push(`LOST: order ${orderId} (${storeId}) is gone from the channel`); continue; }
    const ref = engine.orderView(orderId).channelReference;
    const key = `order:${ref}`;
    if (!isQueued(storeId, key) && !staged(key) && office.salesOrderOfChannelReference[ref] === undefined) {
      problems.push(`LOST: order ${orderId} (${ref}) is neither queued at ${storeId} nor at headquarters`);
    }
  }
  for (const orderId of engine.orderIds()) {
    const order = engine.orderView(orderId);
    const key = `order:${order.channelReference}`;
    if (!isQueued(order.storeId, key) && !staged(key) && office.salesOrderOfChannelReference[order.channelReference] === undefined) {
      problems.push(`LOST: order ${orderId} (${order.channelReference}) is neither queued at ${order.storeId} nor at headquarters`);
    }
    // CONFIRM: a confirmation the store shows is headquarters' sales order of this very order.
    if (order.salesOrderId !== null) {
      const so = office.salesOrders[order.salesOrderId];
      if (so === undefined || so.channelReference !== order.channelReference || so.orderId !== orderId) {
        problems.push(`CONFIRM: order ${orderId} shows sales order ${order.salesOrderId}, headquarters has ${JSON.stringify(so === undefined ? null : { orderId: so.orderId, ref: so.channelReference })}`);
      }
    }
  }
  for (const [customerId, storeId] of ledger.customers) {
    if (!engine.customerIds().includes(customerId)) { problems.push(`LOST: customer ${customerId} (${storeId}) is gone from the channel`); continue; }
    const key = `customer:${customerId}`;
    if (!isQueued(storeId, key) && !staged(key) && office.accountOfChannelCustomer[customerId] === undefined) {
      problems.push(`LOST: customer ${customerId} is neither queued at ${storeId} nor at headquarters`);
    }
  }
  for (const customerId of engine.customerIds()) {
    const customer = engine.customerView(customerId);
    if (customer.accountNumber === null) continue;
    const account = office.customers[customer.accountNumber];
    if (account === undefined || account.channelCustomerId !== customerId) {
      problems.push(`CONFIRM: customer ${customerId} shows account ${customer.accountNumber}, headquarters has it for ${account?.channelCustomerId ?? 'nobody'}`);
    }
  }
  for (const [receiptId, storeId] of ledger.receipts) {
    const key = `receipt:${storeId}:${receiptId}`;
    if (engine.receipt(receiptId) === undefined) problems.push(`LOST: receipt ${receiptId} is gone from the channel`);
    if (!isQueued(storeId, key) && !staged(key)) problems.push(`LOST: receipt ${receiptId} is neither queued at ${storeId} nor at headquarters`);
  }

  // TWICE: one sales order per channel reference and per order, one account per channel customer, one posted receipt each.
  const twice = (what: string, values: readonly string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`TWICE: headquarters holds ${what} ${v} twice`);
      seen.add(v);
    }
  };
  const salesOrders = Object.values(office.salesOrders);
  twice('a sales order for channel reference', salesOrders.map((s) => s.channelReference));
  twice('a sales order for order', salesOrders.map((s) => s.orderId));
  twice('an account for channel customer', Object.values(office.customers).map((c) => c.channelCustomerId));
  twice('a posted receipt', Object.values(office.postedReceipts).map((r) => `${r.storeId}:${r.receiptId}`));
  for (const [ref, id] of Object.entries(office.salesOrderOfChannelReference)) {
    if (office.salesOrders[id]?.channelReference !== ref) problems.push(`TWICE: channel reference ${ref} points at sales order ${id} of ${office.salesOrders[id]?.channelReference ?? 'nothing'}`);
  }
  for (const [customerId, account] of Object.entries(office.accountOfChannelCustomer)) {
    if (office.customers[account]?.channelCustomerId !== customerId) problems.push(`TWICE: channel customer ${customerId} points at account ${account} of ${office.customers[account]?.channelCustomerId ?? 'nobody'}`);
  }
  for (const [key, s] of Object.entries(office.staged)) if (s.item.key !== key) problems.push(`TWICE: staged ${key} holds item ${s.item.key}`);
  return problems;
}

export function assertSyncInvariants(engine: Chain, ledger: TillLedger, acknowledged: ReadonlySet<string>): void {
  const problems = syncInvariants(engine, ledger, acknowledged);
  if (problems.length > 0) fail(`sync invariants: ${problems.join('; ')}`);
}

/** Runs a command the path expects the engine to refuse with `rule`, and checks it changed nothing at all. */
export function expectRefused(engine: Chain, command: Record<string, unknown>, rule: string): void {
  const before = JSON.stringify(engine.exportState());
  const result = engine.executeNow(command);
  if (result.ok) fail(`engine accepted ${JSON.stringify(command)}, rule ${rule} refuses it`);
  if (result.error.rule !== rule) fail(`engine refused ${JSON.stringify(command)} with ${result.error.rule} (${result.error.message}), expected ${rule}`);
  if (JSON.stringify(engine.exportState()) !== before) fail(`refused ${JSON.stringify(command)} (${rule}) changed the engine`);
}
