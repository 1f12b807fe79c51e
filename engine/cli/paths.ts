/**
 * `storefront paths`: lifecycle paths for testers, over every model of the registry (engine/lab/paths/models).
 *   paths --machine M [--strategy shortest|simple] [--to STATE] [--through EVENT] [--max-steps N] [--format json|scenario] [--out FILE|DIR]
 *   paths list
 *   paths coverage --paths FILE | --scenario FILE [--json]
 *   paths run --id ID [--machine M] [--paths FILE]
 * Exit codes: 0 done (and `run`: engine and path agree), 1 `run`: they disagree, 2 bad input (an unknown machine,
 * state, event or id, with the closest name; a file that does not parse).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { inventory } from '../lab/paths/coverage.ts';
import { pathSetCoverage, scenarioCoverage, type MachineCoverage } from '../lab/paths/coverage-report.ts';
import type { Strategy } from '../lab/paths/derive.ts';
import { MODELS } from '../lab/paths/models/index.ts';
import { pathScenarios } from '../lab/paths/path-scenarios.ts';
import { exportPaths, findModel, PathsInputError, readPathFile, runPath, selectPaths, STRATEGIES } from '../lab/paths/path-set.ts';

interface GenerateOptions { machine?: string; strategy?: Strategy; to?: string; through?: string; maxSteps?: string; format: 'json' | 'scenario'; out?: string }

function maxStepsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new PathsInputError(`--max-steps: expected a whole number of steps (1 or more), got "${value}"`);
  return Number(value);
}

/** A write to --out that failed, in plain words naming the flag (exit 2 like any bad flag). */
function outError(out: string, error: unknown): PathsInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'is a directory: name a file'
    : code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way: name a directory' : (error as Error).message;
  return new PathsInputError(`--out ${out}: ${why}`);
}

async function generate(options: GenerateOptions): Promise<void> {
  if (options.machine === undefined) throw new PathsInputError(`--machine: which machine? one of: ${MODELS.map((m) => m.name).join(', ')} (storefront paths list)`);
  const entry = findModel(options.machine);
  const maxSteps = maxStepsOf(options.maxSteps);
  const model = entry.build();
  const paths = selectPaths(model, { strategy: options.strategy, to: options.to, through: options.through, maxSteps });
  if (options.format === 'json') {
    const text = `${JSON.stringify(exportPaths(model, paths), null, 2)}\n`;
    if (options.out === undefined) {
      process.stdout.write(text);
      return;
    }
    await writeFile(resolve(options.out), text).catch((error: unknown) => { throw outError(options.out!, error); });
    console.error(`${paths.length} paths of ${model.name} written to ${options.out}`);
    return;
  }
  if (options.out === undefined) throw new PathsInputError('--out: --format scenario writes one file per path: name the directory');
  const dir = resolve(options.out);
  const { scenarios, skipped } = pathScenarios(model, paths);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => { throw outError(options.out!, error); });
  for (const { id, scenario } of scenarios) await writeFile(join(dir, `${id}.json`), `${JSON.stringify(scenario, null, 2)}\n`);
  console.log(`${scenarios.length} scenario files of ${model.name} written to ${options.out} (storefront run ${join(options.out, '<id>.json')})`);
  for (const { id, reason } of skipped) console.log(`  ${id} left out: ${reason}`);
}

function listModels(): void {
  const rows = MODELS.map((entry) => {
    const machine = entry.createMachine();
    const { states, transitions } = inventory(machine);
    return [entry.name, `${states.length} states`, `${transitions.size} transitions`, entry.description];
  });
  const width = (column: number) => Math.max(...rows.map((row) => row[column]!.length));
  for (const row of rows) console.log(`${row[0]!.padEnd(width(0))}  ${row[1]!.padStart(width(1))}  ${row[2]!.padStart(width(2))}  ${row[3]}`);
}

function formatCoverage(c: MachineCoverage): string[] {
  const lines = [`${c.machine}: states ${c.states.covered}/${c.states.total}, transitions ${c.transitions.covered}/${c.transitions.total}`];
  if (c.states.uncovered.length > 0) lines.push(`  states not reached: ${c.states.uncovered.join(', ')}`);
  if (c.transitions.uncovered.length > 0) lines.push('  transitions not taken:', ...c.transitions.uncovered.map((t) => `    ${t}`));
  return lines;
}

interface CoverageOptions { paths?: string; scenario?: string; json?: boolean }

async function coverage(options: CoverageOptions): Promise<void> {
  if ((options.paths === undefined) === (options.scenario === undefined)) throw new PathsInputError('paths coverage: give either --paths FILE (a path file) or --scenario FILE');
  if (options.paths !== undefined) {
    const report = pathSetCoverage(await readPathFile(resolve(options.paths)));
    if (options.json === true) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(`${report.paths} paths of ${report.model}`);
    console.log(formatCoverage(report.coverage).join('\n'));
    for (const mismatch of report.mismatches) console.log(`  the machine no longer follows ${mismatch}`);
    return;
  }
  const report = await scenarioCoverage(resolve(options.scenario!));
  if (options.json === true) {
    console.log(JSON.stringify({ scenario: report.scenario, accepted: report.run.accepted, refused: report.run.refusedCount, machines: report.machines }, null, 2));
    return;
  }
  console.log(`"${report.scenario}": ${report.run.accepted} steps accepted, ${report.run.refusedCount} refused`);
  for (const machine of report.machines) console.log(formatCoverage(machine).join('\n'));
}

interface RunOptions { id: string; machine?: string; paths?: string }

async function runOne(options: RunOptions): Promise<void> {
  const file = options.paths === undefined ? undefined : await readPathFile(resolve(options.paths));
  const run = runPath(options.id, { machine: options.machine, file });
  const d = run.disagreement;
  if (d === null) {
    console.log(`path ${run.id} (${run.model}, model scenario "${run.scenario}"): engine and model agree on ${run.steps === 1 ? 'its step' : `all ${run.steps} steps`}`);
    return;
  }
  const event = d.event === null ? '' : ` ${d.event.type}`;
  const where = d.step === 0 ? 'at the start' : `at step ${d.step} of ${run.steps} (${d.label}${event})`;
  console.log(`path ${run.id} (${run.model}, model scenario "${run.scenario}"): ${d.kind === 'model' ? 'the machine' : 'the engine'} disagrees ${where}`);
  console.log(`  expected: ${JSON.stringify(d.expected)}`);
  console.log(`  actual:   ${JSON.stringify(d.actual)}`);
  console.log(`  ${d.message}`);
  if (d.event !== null) console.log(`  event: ${JSON.stringify(d.event)}`);
  process.exitCode = 1;
}

export function pathsCommand(): Command {
  const paths = new Command('paths')
    .description('lifecycle paths for testers: derive them from a machine, see what paths or a scenario cover, replay one against the engine')
    .enablePositionalOptions()
    .option('--machine <name>', 'the machine (storefront paths list)')
    .addOption(new Option('--strategy <strategy>', 'shortest paths to every state, or simple paths').choices(STRATEGIES))
    .option('--to <state>', 'only paths that end in this state (e.g. completed, open.idle)')
    .option('--through <event>', 'only paths with a step of this event type (APPROVE_QUOTE) or label (approve)')
    .option('--max-steps <n>', 'only paths of at most n steps')
    .addOption(new Option('--format <format>', 'json: one path file; scenario: one scenario file per path, for storefront run').choices(['json', 'scenario']).default('json'))
    .option('--out <file>', 'write the path file here (json), or the scenario files into this directory (scenario)')
    .addHelpText('after', '\nPath ids are the machine and a hash of the path\'s events: the same path keeps its id.\nExit codes: 0 done; 1 paths run: the engine disagrees; 2 bad input (unknown machine, state, event or id).')
    .action(generate);
  paths.addCommand(new Command('list').description('the machines with their state and transition counts').action(listModels));
  paths.addCommand(new Command('coverage')
    .description('the states and transitions a path file or a scenario covers, and the ones it does not')
    .option('--paths <file>', 'a path file (storefront paths --format json)')
    .option('--scenario <file>', 'a scenario file, replayed in memory')
    .option('--json', 'print the report as JSON')
    .action(coverage));
  paths.addCommand(new Command('run')
    .description('replay one path against the engine and report the first step where engine and model disagree (exit 1)')
    .requiredOption('--id <id>', 'the path id')
    .option('--machine <name>', 'the machine (default: the one the id names)')
    .option('--paths <file>', 'take the path and its expected states from this path file')
    .action(runOne));
  return paths;
}
