/**
 * Scenario files as the lab reads them: `.json` (one object: the header and its `steps`) or `.jsonl` (the header on
 * the first line, one step per further line). A `.jsonl` file is streamed, never held whole, so a generated day of a
 * million steps reads in constant memory; each pass over the steps reads the file again.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { catalogOf, headerConfig, parseHeader, parseJson, readText, ScenarioError, scenarioHeaderSchema, scenarioSchema, startOf, unreadable, type ScenarioHeader } from '../scenario.ts';
import { applyOverrides, type ConfigOverride } from './config-overrides.ts';

/** One step as written: its position (index from 0), where an error should point, and the value itself. */
export interface RawStep { index: number; where: string; value: unknown }

export interface ScenarioSource extends ScenarioHeader {
  file: string;
  format: 'json' | 'jsonl';
  /** The steps in order, read afresh on each call. */
  steps(): AsyncIterable<RawStep>;
}

export function isJsonLines(file: string): boolean {
  return file.endsWith('.jsonl');
}

/** The non-blank lines of a file with their 1-based line numbers, streamed. */
async function* linesOf(file: string): AsyncGenerator<{ line: number; text: string }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      if (text.trim() !== '') yield { line, text };
    }
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    reader.close();
    input.destroy();
  }
}

async function jsonLinesHeader(file: string): Promise<{ header: unknown; line: number }> {
  for await (const { line, text } of linesOf(file)) return { header: parseJson(text, file, line), line };
  throw new ScenarioError(file, '(file)', 'empty: the first line is the scenario header ({"name": ..., "config": ...})');
}

/**
 * Opens a scenario: its header read and its configuration (with the overrides applied) validated; the steps are
 * read by `steps()`.
 */
export async function openScenario(file: string, overrides: readonly ConfigOverride[] = []): Promise<ScenarioSource> {
  const format = isJsonLines(file) ? 'jsonl' : 'json';
  let raw: z.infer<typeof scenarioHeaderSchema>;
  let steps: () => AsyncIterable<RawStep>;
  if (format === 'json') {
    const parsed = parseJson(await readText(file), file);
    if (typeof parsed === 'object' && parsed !== null && !('steps' in parsed) && 'stores' in parsed) {
      throw new ScenarioError(file, '(file)', 'a chain configuration, not a scenario: a scenario names it in its "config"');
    }
    const whole = parseHeader(scenarioSchema, parsed, file);
    raw = whole;
    steps = async function* () { for (const [index, value] of whole.steps.entries()) yield { index, where: `steps.${index}`, value }; };
  } else {
    const { header, line: headerLine } = await jsonLinesHeader(file);
    if (typeof header === 'object' && header !== null && 'steps' in header) {
      throw new ScenarioError(file, `line ${headerLine}: steps`, 'the header of a .jsonl scenario has no steps: each step is a line of its own after it');
    }
    raw = parseHeader(scenarioHeaderSchema, header, file);
    steps = async function* () {
      let index = 0;
      for await (const { line, text } of linesOf(file)) {
        if (line === headerLine) continue;
        yield { index, where: `line ${line} (step ${index})`, value: parseJson(text, file, line) };
        index += 1;
      }
    };
  }
  const config = applyOverrides(await headerConfig(file, raw.config), overrides);
  return { file, format, name: raw.name, description: raw.description, seed: raw.seed, startAt: startOf(raw.startAt), config, catalog: overriddenCatalog(file, config, overrides), steps };
}

/** The configuration's catalog; a problem at (or under) an overridden path says which `--set` put it there. */
function overriddenCatalog(file: string, config: unknown, overrides: readonly ConfigOverride[]) {
  try {
    return catalogOf(file, config);
  } catch (error) {
    if (!(error instanceof ScenarioError) || overrides.length === 0) throw error;
    throw new ScenarioError(file, error.problems.map((problem) => {
      const set = overrides.findLast((override) => `${problem.field}.`.startsWith(`config.${override.path.join('.')}.`) || `config.${override.path.join('.')}`.startsWith(`${problem.field}.`));
      return set === undefined ? problem : { ...problem, detail: `${problem.detail} (from --set ${set.text})` };
    }));
  }
}

/** What `storefront scenarios` lists of a file: its description and size, or undefined when it is not a scenario (a configuration). */
export async function scenarioSummary(file: string): Promise<{ name: string; description: string; steps: number } | undefined> {
  if (isJsonLines(file)) {
    const { header } = await jsonLinesHeader(file);
    const raw = parseHeader(scenarioHeaderSchema, header, file);
    let steps = -1; // the header's line is not a step
    for await (const line of linesOf(file)) if (line.text !== '') steps += 1;
    return { name: raw.name, description: raw.description, steps };
  }
  const whole = parseJson(await readText(file), file);
  if (typeof whole !== 'object' || whole === null || !('steps' in whole)) return undefined;
  const raw = parseHeader(scenarioSchema, whole, file);
  return { name: raw.name, description: raw.description, steps: raw.steps.length };
}
