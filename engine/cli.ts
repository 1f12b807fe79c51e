/**
 * Command line: `demo` boots the demo chain under ./data (first start replays the demo day), `run` replays a
 * scenario file and prints the analyst's report, `report` prints the report of a data directory.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DurableEngine } from './durable-engine.ts';
import { chainReport, formatReport } from './report.ts';
import { engineFor, loadScenario, readJson, runSteps, ScenarioError } from './scenario.ts';

const USAGE = `usage:
  tsx engine/cli.ts demo [--data DIR]              boot the demo chain (default DIR ./data)
  tsx engine/cli.ts run SCENARIO.json [--data DIR]  replay a scenario (in memory unless --data) and report
  tsx engine/cli.ts report --data DIR               report the state stored in DIR`;

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new ScenarioError('command line', name, 'needs a value');
  return value;
}

async function main(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'demo') {
    const dataDir = resolve(option(rest, '--data') ?? 'data');
    const scenario = await loadScenario(`${SCENARIOS}demo-day.json`);
    const durable = await DurableEngine.open(dataDir, { config: await readJson(`${SCENARIOS}demo-chain.json`), seed: scenario.seed, startAt: scenario.startAt });
    if (durable.engine.seq === 0) {
      const run = await runSteps(scenario.steps, (command) => durable.execute(command));
      console.log(`demo chain created in ${dataDir}: replayed "${scenario.name}" (${run.accepted} commands)`);
    } else {
      console.log(`demo chain loaded from ${dataDir} (${durable.engine.seq} commands so far)`);
    }
    await durable.snapshot();
    console.log(formatReport(chainReport(durable.engine)));
    await durable.close();
    return 0;
  }
  if (verb === 'run' && rest[0] !== undefined && !rest[0].startsWith('--')) {
    const scenario = await loadScenario(resolve(rest[0]));
    const dataDir = option(rest, '--data');
    if (dataDir === undefined) {
      const engine = engineFor(scenario);
      const run = await runSteps(scenario.steps, (command) => engine.executeNow(command));
      console.log(`scenario "${scenario.name}": ${run.accepted} accepted, ${run.refused.length} refused`);
      for (const refused of run.refused) console.log(`  step ${refused.step} ${refused.command}: ${refused.error.rule} ${refused.error.message}`);
      console.log(formatReport(chainReport(engine, run)));
      return 0;
    }
    const durable = await DurableEngine.open(resolve(dataDir), { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt });
    const run = await runSteps(scenario.steps, (command) => durable.execute(command));
    console.log(formatReport(chainReport(durable.engine, run)));
    await durable.close();
    return 0;
  }
  if (verb === 'report') {
    const dataDir = option(rest, '--data') ?? 'data';
    const durable = await DurableEngine.open(resolve(dataDir));
    console.log(formatReport(chainReport(durable.engine)));
    await durable.close();
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof ScenarioError ? `error: ${error.message}` : error);
    process.exitCode = 2;
  },
);
