/**
 * Lifecycle paths as testers see them: chosen from a model's derivation (strategy, the state a path ends in, an
 * event it goes through, its length), each with a stable id, its events with their payloads and the state the
 * machine expects after each step; written to and read from a path file, and replayed one at a time against the
 * engine to find the first step where the engine and the path disagree.
 */
import { createHash } from 'node:crypto';
import type { AnyStateMachine, EventObject, StateValue } from 'xstate';
import { z } from 'zod';
import { didYouMean } from '../../domain/suggest.ts';
import { parseJson, readText, ScenarioError } from '../../scenario.ts';
import { inventory } from './coverage.ts';
import type { DerivedPath, Strategy } from './derive.ts';
import type { LifecycleModel, ModelEntry } from './model.ts';
import { MODELS } from './models/index.ts';
import { replayPath, type Disagreement, type ExpectedPath } from './replay.ts';

/** A name, flag value or file the tester gave that does not exist or does not parse (the command line exits 2). */
export class PathsInputError extends Error {}

export const STRATEGIES: readonly Strategy[] = ['shortest', 'simple'];

export function findModel(name: string): ModelEntry {
  const entry = MODELS.find((m) => m.name === name);
  const names = MODELS.map((m) => m.name);
  if (entry === undefined) throw new PathsInputError(`unknown machine "${name}"${didYouMean(name, names) || ` (one of: ${names.join(', ')})`}`);
  return entry;
}

/** machine + a hash of the model scenario and the event labels: the same path gets the same id on every run. */
export function pathId(model: string, scenario: string, labels: readonly string[]): string {
  return `${model}-${createHash('sha256').update([scenario, ...labels].join('\n')).digest('hex').slice(0, 10)}`;
}

/** The machine's state names without its root: `open`, `open.idle`, `completed`. */
export function stateNames(machine: AnyStateMachine): string[] {
  return inventory(machine).states.filter((id) => id !== machine.id).map((id) => id.slice(machine.id.length + 1));
}

/** The state names a state value is in: `{ open: 'idle' }` is in `open` and `open.idle`. */
export function statesOf(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value).flatMap(([name, child]) => [`${prefix}${name}`, ...(child === undefined ? [] : statesOf(child, `${prefix}${name}.`))]);
}

/** The event types the machine takes and the labels its paths use (`--through` takes either). */
function eventNames(model: LifecycleModel): string[] {
  const labels = model.derivation.paths.flatMap((p) => p.labels);
  return [...new Set([...inventory(model.machine).events, ...labels])].sort();
}

export interface PathQuery {
  strategy?: Strategy | undefined;
  /** The state a path ends in (a state name, see `stateNames`). */
  to?: string | undefined;
  /** An event type or label some step of the path is. */
  through?: string | undefined;
  maxSteps?: number | undefined;
}

/** The derived paths that answer the query; an unknown state or event is refused with the closest name. */
export function selectPaths(model: LifecycleModel, query: PathQuery): DerivedPath[] {
  const { strategy, to, through, maxSteps } = query;
  if (to !== undefined) {
    const names = stateNames(model.machine);
    if (!names.includes(to)) throw new PathsInputError(`--to: ${model.name} has no state "${to}"${didYouMean(to, names)}`);
  }
  if (through !== undefined) {
    const names = eventNames(model);
    if (!names.includes(through)) throw new PathsInputError(`--through: ${model.name} has no event or label "${through}"${didYouMean(through, names)}`);
  }
  return model.derivation.paths.filter((p) => (strategy === undefined || p.strategies.includes(strategy))
    && (to === undefined || statesOf(p.values.at(-1)!).includes(to))
    && (through === undefined || p.labels.includes(through) || p.types.includes(through))
    && (maxSteps === undefined || p.labels.length <= maxSteps));
}

// --- Path files -------------------------------------------------------------------------------------------------

const stateValue = z.custom<StateValue>((v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)), 'expected a state value');
const stepSchema = z.object({ step: z.number().int().positive(), label: z.string(), event: z.looseObject({ type: z.string() }), expected: stateValue });
const pathSchema = z.object({
  id: z.string(), model: z.string(), machine: z.string(), scenario: z.string(), strategies: z.array(z.enum(['shortest', 'simple'])),
  input: z.unknown(), initial: stateValue, steps: z.array(stepSchema),
});
const pathFileSchema = z.object({ model: z.string(), machine: z.string(), paths: z.array(pathSchema) });

export type ExportedPath = z.infer<typeof pathSchema> & { steps: { event: EventObject }[] };
export interface PathFile { model: string; machine: string; paths: ExportedPath[] }

/** The paths with their events (payloads computed from the machine's actual snapshots) and expected states. */
export function exportPaths(model: LifecycleModel, paths: readonly DerivedPath[]): PathFile {
  const entry = findModel(model.name);
  return {
    model: model.name,
    machine: entry.machine,
    paths: paths.map((path) => {
      const steps: ExportedPath['steps'] = [];
      replayPath(model, path, { onStep: (event, label, after) => { steps.push({ step: steps.length + 1, label, event, expected: after.value }); } });
      return {
        id: pathId(model.name, path.scenario, path.labels), model: model.name, machine: entry.machine, scenario: path.scenario, strategies: path.strategies,
        input: model.scenarios[path.scenario]!.input, initial: path.values[0]!, steps,
      };
    }),
  };
}

export async function readPathFile(file: string): Promise<PathFile> {
  let json: unknown;
  try {
    // Read as a scenario file is: plain words for a missing file, a line and column for bad JSON.
    json = parseJson(await readText(file), file);
  } catch (error) {
    if (error instanceof ScenarioError) throw new PathsInputError(`--paths: ${error.message}`);
    throw error;
  }
  const parsed = pathFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PathsInputError(`--paths: ${file} is not a path file (written by \`storefront paths\`): ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  findModel(parsed.data.model);
  return parsed.data as PathFile;
}

// --- One path against the engine --------------------------------------------------------------------------------

export interface PathRun {
  id: string;
  model: string;
  scenario: string;
  steps: number;
  /** The first step where the engine (or the machine, or a check) disagrees with the path; null when all agree. */
  disagreement: Disagreement | null;
}

/** The registry model whose name the id starts with (ids are `<model>-<hash>`; the longest name wins). */
function modelOfId(id: string): ModelEntry {
  const entry = [...MODELS].sort((a, b) => b.name.length - a.name.length).find((m) => id.startsWith(`${m.name}-`));
  if (entry === undefined) throw new PathsInputError(`--id: "${id}" names no machine (ids start with one of: ${MODELS.map((m) => m.name).join(', ')})`);
  return entry;
}

/**
 * Replays one path on a fresh engine and says where it first disagrees. The path comes from a path file (its
 * expected states are the file's, so an edited expectation shows up) or from the model's own derivation.
 */
export function runPath(id: string, options: { machine?: string | undefined; file?: PathFile | undefined } = {}): PathRun {
  const { machine, file } = options;
  let expected: ExpectedPath;
  let model: LifecycleModel;
  if (file !== undefined) {
    const path = file.paths.find((p) => p.id === id);
    if (path === undefined) throw new PathsInputError(`--id: no path "${id}" in the path file${didYouMean(id, file.paths.map((p) => p.id))}`);
    if (machine !== undefined && machine !== path.model) throw new PathsInputError(`--machine: path ${id} is a path of ${path.model}, not of ${machine}`);
    model = findModel(path.model).build();
    expected = { scenario: path.scenario, labels: path.steps.map((s) => s.label), values: [path.initial, ...path.steps.map((s) => s.expected)] };
  } else {
    model = (machine === undefined ? modelOfId(id) : findModel(machine)).build();
    const path = model.derivation.paths.find((p) => pathId(model.name, p.scenario, p.labels) === id);
    if (path === undefined) {
      const ids = model.derivation.paths.map((p) => pathId(model.name, p.scenario, p.labels));
      throw new PathsInputError(`--id: ${model.name} has no path "${id}"${didYouMean(id, ids)}`);
    }
    expected = path;
  }
  if (model.scenarios[expected.scenario] === undefined) {
    throw new PathsInputError(`path ${id}: ${model.name} has no scenario "${expected.scenario}"${didYouMean(expected.scenario, Object.keys(model.scenarios))}`);
  }
  const replay = replayPath(model, expected, { host: model.host });
  return { id, model: model.name, scenario: expected.scenario, steps: expected.labels.length, disagreement: replay.disagreement };
}
