/**
 * Scenario files: a chain configuration (a path relative to the file, or inline), a seed, a start time and a list
 * of commands replayed on the virtual clock. The whole file is validated before anything runs. This is the host's
 * in-memory reader (the demo day, tests); the scenario lab (engine/lab/scenario-file.ts) adds streamed `.jsonl`
 * files, references between steps and configuration overrides on the same header and configuration rules.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { buildCatalog, ConfigError, type Catalog } from './domain/catalog.ts';
import type { RuleViolation } from './domain/violation.ts';
import { parseWith } from './protocol/commands.ts';
import { Chain, chainCommandSchema, type ChainCommand, type ChainResult } from './chain.ts';

/** A scenario's header: everything but its steps (a `.jsonl` scenario's first line). */
export const scenarioHeaderSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  seed: z.number().int().nonnegative().default(1),
  startAt: z.iso.datetime().optional(),
  config: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
}).strict();

/** A whole `.json` scenario: the header and its steps. */
export const scenarioSchema = scenarioHeaderSchema.extend({ steps: z.array(z.unknown()).min(1) }).strict();

export interface ScenarioHeader { name: string; description: string; seed: number; startAt?: number | undefined; config: unknown; catalog: Catalog }
export interface Scenario extends ScenarioHeader { steps: ChainCommand[] }

/** One thing wrong with a scenario: the field (or line and column) and what is wrong there. */
export interface ScenarioProblem { field: string; detail: string }

/** A scenario that cannot run: its problems, one line each (`file: field: detail`). */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(readonly file: string, field: string | ScenarioProblem[], detail = '') {
    const problems = typeof field === 'string' ? [{ field, detail }] : field;
    super(problems.map((problem) => `${file}: ${problem.field}: ${problem.detail}`).join('\n'));
    this.problems = problems;
  }
}

/** At most this many problems are listed: the first ones are what an author fixes first. */
export const MAX_PROBLEMS = 10;

/** The problems to list, the rest counted in one more line. */
export function listed(problems: ScenarioProblem[], total = problems.length): ScenarioProblem[] {
  const shown = problems.slice(0, MAX_PROBLEMS);
  return total > shown.length ? [...shown, { field: '(more)', detail: `and ${total - shown.length} more problems` }] : shown;
}

/** Where the text first stops being JSON, as a 0-based offset: JSON.parse does not always say. */
function syntaxErrorOffset(text: string): number {
  let at = 0;
  const space = () => { while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1; };
  const fail = (): never => { throw at; };
  const expect = (char: string) => { if (text[at] !== char) fail(); at += 1; };
  const string = () => {
    expect('"');
    while (text[at] !== '"') {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail();
      if (text[at] === '\\') {
        at += 1;
        if (text[at] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail(); at += 4; } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at += 1;
    }
    at += 1;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      at += 1;
      space();
      if (text[at] === close) { at += 1; return; }
      for (;;) {
        if (close === '}') { space(); string(); space(); expect(':'); }
        value();
        space();
        if (text[at] === ',') { at += 1; continue; }
        expect(close);
        return;
      }
    }
    if (char === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at, at + 400));
    if (literal === null) fail();
    at += literal![0].length;
  };
  try {
    value();
    space();
    if (at < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
  return text.length;
}

/** "line L, column C" of an offset (both 1-based). */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Parses JSON; a syntax error says where (line and column, counted from `firstLine`) and what it found there. */
export function parseJson(text: string, file: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const offset = syntaxErrorOffset(text);
    const found = offset >= text.length ? 'the text ends' : `unexpected ${JSON.stringify(text.slice(offset, offset + 12))}`;
    const [, line, column] = /line (\d+), column (\d+)/.exec(lineAndColumn(text, offset))!;
    throw new ScenarioError(file, `line ${Number(line) + firstLine - 1}, column ${column}`, `not valid JSON: ${found}`);
  }
}

/** Why a file could not be read, in plain words. */
export function unreadable(file: string, error: unknown): ScenarioError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ScenarioError(file, '(file)', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read: ${(error as Error).message}`);
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

export async function readJson(file: string): Promise<unknown> {
  return parseJson(await readText(file), file);
}

/** The header of a parsed scenario object, or the first problem with it, naming its field. */
export function parseHeader<S extends z.ZodType>(schema: S, input: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
  throw new ScenarioError(file, path.join('.') || '(root)', issue.message);
}

/** The configuration a header names: inline, or read from a path relative to the scenario file. */
export async function headerConfig(file: string, config: string | Record<string, unknown>): Promise<unknown> {
  return typeof config === 'string' ? readJson(resolve(dirname(file), config)) : config;
}

/** The validated configuration; each problem is named by its path under `config.`. */
export function catalogOf(file: string, config: unknown): Catalog {
  try {
    return buildCatalog(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ScenarioError(file, listed(error.issues.map((issue) => ({ field: issue.path === '' ? 'config' : `config.${issue.path}`, detail: issue.message }))));
  }
}

export async function loadScenario(file: string): Promise<Scenario> {
  const raw = parseHeader(scenarioSchema, await readJson(file), file);
  const config = await headerConfig(file, raw.config);
  const catalog = catalogOf(file, config);
  const steps = raw.steps.map((step, i) => {
    const command = parseWith(chainCommandSchema, step);
    if (!command.ok) throw new ScenarioError(file, `steps.${i}`, command.error.message);
    return command.command;
  });
  return { name: raw.name, description: raw.description, seed: raw.seed, startAt: startOf(raw.startAt), config, catalog, steps };
}

export function startOf(startAt: string | undefined): number | undefined {
  return startAt === undefined ? undefined : Date.parse(startAt);
}

/** Refused steps a run keeps in detail; the rest are only counted (a million refusals kept would hold a gigabyte). */
export const KEPT_REFUSALS = 10_000;

export interface RefusedStep { step: number; command: string; error: RuleViolation }

export interface ScenarioRun {
  accepted: number;
  /** The first KEPT_REFUSALS refused steps, in order. */
  refused: RefusedStep[];
  /** Every refused step, counted. */
  refusedCount: number;
  refusedByRule: Record<string, number>;
}

export function emptyRun(): ScenarioRun {
  return { accepted: 0, refused: [], refusedCount: 0, refusedByRule: {} };
}

/** Counts one step's answer into the run. */
export function recordStep(run: ScenarioRun, step: number, command: string, result: ChainResult): void {
  if (result.ok) {
    run.accepted += 1;
    return;
  }
  run.refusedCount += 1;
  run.refusedByRule[result.error.rule] = (run.refusedByRule[result.error.rule] ?? 0) + 1;
  if (run.refused.length < KEPT_REFUSALS) run.refused.push({ step, command, error: result.error });
}

/** Replays the steps on a chain (in memory, or any executor such as a durable chain). */
export async function runSteps(steps: readonly ChainCommand[], execute: (command: ChainCommand) => ChainResult | Promise<ChainResult>): Promise<ScenarioRun> {
  const run = emptyRun();
  for (const [step, command] of steps.entries()) recordStep(run, step, command.type, await execute(command));
  return run;
}

export function chainFor(scenario: ScenarioHeader): Chain {
  return Chain.fromCatalog(scenario.catalog, { seed: scenario.seed, startAt: scenario.startAt });
}
