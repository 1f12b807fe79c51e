/**
 * `storefront run FILE`: checks the whole scenario first (fields, configuration ids, references, the configuration
 * with its `--set` overrides), then replays it in memory, or durably into a data directory, and prints the refused
 * steps and the report.
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Command, Option } from 'commander';
import { parseOverride, type ConfigOverride } from '../lab/config-overrides.ts';
import { checkReportFiles, overridesOf, reportWriter } from '../lab/report-files.ts';
import type { Speed } from '../lab/live-replay.ts';
import { runScenario, validateScenario } from '../lab/run-scenario.ts';
import { openScenario } from '../lab/scenario-file.ts';
import { dataPaths } from '../persistence/data-dir.ts';
import { DurableChain } from '../persistence/durable-chain.ts';
import { readSideFile } from '../persistence/snapshot-store.ts';
import { chainReport, formatReport } from '../report.ts';
import type { Chain } from '../chain.ts';
import { chainFor, type ScenarioRun } from '../scenario.ts';
import { serveScenario, speedOf } from './live.ts';
import { replayProgress } from './progress.ts';
import { portOf } from './serving.ts';

/** Refused steps listed one by one; a huge run's rest is counted by rule. */
const LISTED_REFUSALS = 50;

interface RunOptions { data?: string; append?: boolean; strict?: boolean; set: ConfigOverride[]; progress: boolean; report?: string; html?: string; serve?: boolean; speed: Speed; port: number; host: string }

export function refusalLines(run: ScenarioRun): string[] {
  const lines = run.refused.slice(0, LISTED_REFUSALS).map((refused) => `  step ${refused.step} ${refused.command}: ${refused.error.rule} ${refused.error.message}`);
  const rest = run.refusedCount - lines.length;
  if (rest > 0) lines.push(`  ... and ${rest.toLocaleString('en-US')} more refused steps (all ${run.refusedCount.toLocaleString('en-US')} by rule: ${Object.entries(run.refusedByRule).map(([rule, count]) => `${rule} ${count}`).join(', ')})`);
  return lines;
}

/**
 * A data directory to replay into: a missing or empty one, or with --append one whose chain has the scenario's
 * configuration (the steps were checked against it; a stored chain keeps its own, --set included).
 */
async function checkDataDir(dir: string, append: boolean, config: unknown): Promise<void> {
  if (append) {
    const stored = (await readSideFile(dataPaths(dir).store.snapshots).catch(() => null))?.config as { chain?: unknown } | null | undefined;
    if (stored?.chain !== undefined && !isDeepStrictEqual(stored.chain, JSON.parse(JSON.stringify(config)))) {
      throw new Error(`--append: the chain in ${dir} has another configuration than the scenario's: replay into an empty directory, or append a scenario of that chain`);
    }
    return;
  }
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new Error(error.code === 'ENOTDIR' ? `data directory ${dir} is a file, not a directory` : `data directory ${dir}: ${error.message}`);
  });
  if (entries.length > 0) throw new Error(`data directory ${dir} is not empty: replay into an empty one, or add --append to add this scenario to the chain in it`);
}

async function run(file: string, options: RunOptions): Promise<void> {
  const source = await openScenario(resolve(file), options.set);
  const steps = await validateScenario(source);
  if (options.data !== undefined) await checkDataDir(resolve(options.data), options.append === true, source.config);
  if (options.serve === true) return serveScenario(source, { steps, speed: options.speed, port: options.port, host: options.host, dataDir: options.data });
  await checkReportFiles(options);
  const progress = options.progress ? replayProgress(steps) : undefined;
  // The lab report's collector follows the chain from before its first step.
  const observersOn = (chain: Chain) => {
    const writer = reportWriter(chain, { name: source.name, seed: source.seed, overrides: overridesOf(options.set) }, options);
    return { writer, observers: [...(progress === undefined ? [] : [progress.observe]), ...(writer === null ? [] : [writer.observe])] };
  };
  let outcome: { run: ScenarioRun; report: string; written: string[] };
  if (options.data === undefined) {
    const chain = chainFor(source);
    const { writer, observers } = observersOn(chain);
    const replayed = await runScenario(source, { execute: (command) => chain.executeNow(command), now: () => chain.now, observers }).finally(() => progress?.stop());
    outcome = { run: replayed, report: formatReport(chainReport(chain, replayed)), written: await writer?.write() ?? [] };
  } else {
    const durable = await DurableChain.open(resolve(options.data), { config: source.config, seed: source.seed, startAt: source.startAt });
    try {
      const { writer, observers } = observersOn(durable.chain);
      const replayed = await runScenario(source, { execute: (command) => durable.execute(command), now: () => durable.chain.now, observers }).finally(() => progress?.stop());
      outcome = { run: replayed, report: formatReport(chainReport(durable.chain, replayed)), written: await writer?.write() ?? [] };
    } finally {
      await durable.close();
    }
  }
  const { run: replayed, report, written } = outcome;
  const n = (count: number) => count.toLocaleString('en-US'); // grouped as the progress lines are: "2,112"
  console.log(`scenario "${source.name}": ${n(steps)} steps, ${n(replayed.accepted)} accepted, ${n(replayed.refusedCount)} refused${options.data === undefined ? '' : ` (stored in ${resolve(options.data)})`}`);
  if (replayed.refusedCount > 0) console.log(['refused steps:', ...refusalLines(replayed)].join('\n'));
  console.log(report);
  if (written.length > 0) console.log(written.join('\n'));
  if (options.strict === true && replayed.refusedCount > 0) process.exitCode = 1;
}

export function runCommand(): Command {
  return new Command('run')
    .description('check a scenario, replay it (in memory unless --data) and print its refused steps and report')
    .argument('<file>', 'the scenario file: .json, or .jsonl (header on the first line, one step per line)')
    .option('--data <dir>', 'replay durably into this data directory (it must be empty or missing, unless --append: then its chain has the scenario\'s configuration)')
    .option('--append', 'with --data: add the scenario to the chain already in the directory')
    .option('--strict', 'exit 1 when any step was refused')
    .addOption(new Option('--set <path=value>', "override the scenario's configuration, e.g. stores.0.manualAccept=true (repeatable; the value is JSON, or else text)")
      .argParser((text: string, previous: ConfigOverride[]) => [...previous, parseOverride(text)]).default([]))
    .option('--no-progress', 'no progress on stderr')
    .option('--report <file>', 'write the lab report as JSON: money, orders, returns per store and hour, lead times, backlog, sync lag, refusals, top products (compare two with storefront diff)')
    .option('--html <file>', 'write the lab report as one HTML page with charts and tables (opens offline)')
    .addOption(new Option('--serve', 'serve the screens and replay the scenario into them live; the server keeps serving after the last step until Ctrl-C')
      .conflicts(['report', 'html', 'strict']))
    .option('--speed <x>', "with --serve: 1, 10 or 100 times the scenario's clock (at 10 a clock advance of 10 minutes takes 1 minute; any other step takes 1 s / speed)", speedOf, 1)
    .option('--port <n>', 'with --serve: the port to serve on', portOf, 8080)
    .option('--host <h>', 'with --serve: the address to serve on', '127.0.0.1')
    .addHelpText('after', `
Exit codes:
  0  replayed (refused steps are listed, and do not fail the run without --strict)
  1  --strict and some steps were refused
  2  bad input: the scenario file, a flag, the data directory (nothing is replayed)

References between steps: name a step with "as": "sale1", then write "$sale1.orderId" in a later step's field to
use that step's result (a path into the accepted step's result).`)
    .action((file: string, options: RunOptions, command: Command) => {
      // The pace and the address only mean something for a live replay: say so rather than ignore them.
      const serving = ['speed', 'port', 'host'].find((name) => command.getOptionValueSource(name) === 'cli');
      if (serving !== undefined && options.serve !== true) command.error(`error: option '--${serving}' needs --serve`, { exitCode: 2 });
      if (options.append === true && options.data === undefined) command.error("error: option '--append' needs --data", { exitCode: 2 });
      return run(file, options);
    });
}
