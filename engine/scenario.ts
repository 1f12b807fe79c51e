/**
 * Scenario files: a chain configuration (a path relative to the file, or inline), a seed, a start time and a list
 * of commands replayed on the virtual clock. The whole file is validated before anything runs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { buildCatalog, ConfigError, type Catalog } from './domain/catalog.ts';
import type { RuleViolation } from './domain/violation.ts';
import { parseWith } from './protocol/commands.ts';
import { Chain, chainCommandSchema, type ChainCommand, type ChainResult } from './chain.ts';

const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  seed: z.number().int().nonnegative().default(1),
  startAt: z.iso.datetime().optional(),
  config: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  steps: z.array(z.unknown()).min(1),
}).strict();

export interface Scenario { name: string; description: string; seed: number; startAt?: number | undefined; config: unknown; catalog: Catalog; steps: ChainCommand[] }

export class ScenarioError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`${file}: ${field}: ${detail}`);
  }
}

export async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, '(file)', `cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(file, '(file)', `not valid JSON: ${(error as Error).message}`);
  }
}

export async function loadScenario(file: string): Promise<Scenario> {
  const parsed = scenarioSchema.safeParse(await readJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(file, issue.path.join('.') || '(root)', issue.message);
  }
  const raw = parsed.data;
  const config = typeof raw.config === 'string' ? await readJson(resolve(dirname(file), raw.config)) : raw.config;
  let catalog: Catalog;
  try {
    catalog = buildCatalog(config);
  } catch (error) {
    if (error instanceof ConfigError) throw new ScenarioError(file, `config.${error.issues[0]!.path}`, error.issues[0]!.message);
    throw error;
  }
  const steps = raw.steps.map((step, i) => {
    const command = parseWith(chainCommandSchema, step);
    if (!command.ok) throw new ScenarioError(file, `steps.${i}`, command.error.message);
    return command.command;
  });
  return { name: raw.name, description: raw.description, seed: raw.seed, startAt: raw.startAt === undefined ? undefined : Date.parse(raw.startAt), config, catalog, steps };
}

export interface ScenarioRun { accepted: number; refused: { step: number; command: string; error: RuleViolation }[] }

/** Replays the steps on a chain (in memory, or any executor such as a durable chain). */
export async function runSteps(steps: readonly ChainCommand[], execute: (command: ChainCommand) => ChainResult | Promise<ChainResult>): Promise<ScenarioRun> {
  const run: ScenarioRun = { accepted: 0, refused: [] };
  for (const [step, command] of steps.entries()) {
    const result = await execute(command);
    if (result.ok) run.accepted += 1;
    else run.refused.push({ step, command: command.type, error: result.error });
  }
  return run;
}

export function chainFor(scenario: Scenario): Chain {
  return Chain.fromCatalog(scenario.catalog, { seed: scenario.seed, startAt: scenario.startAt });
}
