/**
 * Replays a scenario in two passes over its steps: `validateScenario` checks every step before anything runs (the
 * command's fields, the configuration ids it names, its references to earlier steps), then `runScenario` replays the
 * steps through any executor (an in-memory chain's `executeNow`, a durable chain's `execute`), filling in references
 * and handing each outcome to the observers. Neither pass holds the steps: a `.jsonl` day is streamed twice.
 */
import { didYouMean } from '../domain/suggest.ts';
import { chainCommandSchema, type ChainCommand, type ChainResult } from '../chain.ts';
import { emptyRun, listed, MAX_PROBLEMS, recordStep, ScenarioError, type ScenarioProblem, type ScenarioRun } from '../scenario.ts';
import { configIds, holdsReference, referencesIn, resolveReferences, STEP_NAME, unknownIds, type NamedOutcome } from './references.ts';
import type { ScenarioSource } from './scenario-file.ts';
import type { StepObserver } from './step.ts';

const COMMAND_TYPES = chainCommandSchema.options.map((option) => option.shape.type.value);

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let found = value;
  for (const key of path) found = typeof found === 'object' && found !== null ? (found as Record<PropertyKey, unknown>)[key] : undefined;
  return found;
}

/** A step split into its name (`as`) and its command. */
function splitStep(value: unknown): { name: unknown; command: Record<string, unknown> } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { as: name, ...command } = value as Record<string, unknown>;
  return { name, command };
}

/** The first problem with a command's fields, leaving out fields that hold references (they are checked when filled in). */
function fieldProblem(command: Record<string, unknown>): { field: string; detail: string } | undefined {
  const parsed = chainCommandSchema.safeParse(command);
  if (parsed.success) return undefined;
  for (const issue of parsed.error.issues) {
    if (holdsReference(valueAt(command, issue.path))) continue;
    // A key that does not belong is named itself, not its parent.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const field = path.join('.') || 'type';
    if (field === 'type' && typeof command.type === 'string') return { field, detail: `unknown command "${command.type}"${didYouMean(command.type, COMMAND_TYPES)}` };
    return { field, detail: issue.message };
  }
  return undefined;
}

/** Checks every step; returns how many there are, or throws the problems found (the first ten, and how many more). */
export async function validateScenario(source: ScenarioSource): Promise<number> {
  const ids = configIds(source.catalog);
  const names = new Map<string, number>();
  const problems: ScenarioProblem[] = [];
  let total = 0;
  let steps = 0;
  // Suggestions are worked out only for the problems that will be listed.
  const problem = (where: string, field: string, detail: () => string) => {
    total += 1;
    if (problems.length < MAX_PROBLEMS) problems.push({ field: field === '' ? where : `${where}: ${field}`, detail: detail() });
  };
  for await (const { index, where, value } of source.steps()) {
    steps += 1;
    const step = splitStep(value);
    if (step === undefined) {
      problem(where, '', () => 'expected a command object ({"type": ...})');
      continue;
    }
    const { name, command } = step;
    for (const reference of referencesIn(command)) {
      if (!names.has(reference.name)) problem(where, reference.field, () => `"$${reference.name}" names no earlier step${didYouMean(reference.name, names.keys())}`);
    }
    const field = fieldProblem(command);
    if (field !== undefined) problem(where, field.field, () => field.detail);
    for (const unknown of unknownIds(command, ids)) problem(where, unknown.field, () => unknown.detail);
    if (name === undefined) continue;
    if (typeof name !== 'string' || !STEP_NAME.test(name)) problem(where, 'as', () => `a step's name is a word of letters, digits and _ (not starting with a digit), got ${JSON.stringify(name)}`);
    else if (names.has(name)) problem(where, 'as', () => `"${name}" already names step ${names.get(name)}`);
    else names.set(name, index);
  }
  if (steps === 0) problem('steps', '', () => 'the scenario has no steps');
  if (total > 0) throw new ScenarioError(source.file, listed(problems, total));
  return steps;
}

export interface RunOptions {
  /** Runs one command: the chain validates it again and answers. */
  execute: (command: unknown) => ChainResult | Promise<ChainResult>;
  /** The chain's (virtual) clock. */
  now: () => number;
  observers?: readonly StepObserver[];
}

/** Replays a validated scenario; a step whose reference cannot be filled in is refused (rule REFERENCE), not run. */
export async function runScenario(source: ScenarioSource, options: RunOptions): Promise<ScenarioRun> {
  const run = emptyRun();
  const named = new Map<string, NamedOutcome>();
  for await (const { index, value } of source.steps()) {
    const { name, command } = splitStep(value)!;
    const resolved = resolveReferences(command, named);
    const result: ChainResult = resolved.ok ? await options.execute(resolved.step) : resolved;
    if (typeof name === 'string') named.set(name, { index, result });
    recordStep(run, index, String(command.type), result);
    const outcome = { index, name: typeof name === 'string' ? name : undefined, command: (result.ok ? result.command : command) as ChainCommand, result, at: options.now() };
    for (const observe of options.observers ?? []) observe(outcome);
  }
  return run;
}
