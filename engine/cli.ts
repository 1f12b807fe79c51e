/**
 * Command line: `demo` boots the demo chain under ./data (first start replays the demo day), `run` replays a
 * scenario file and prints the analyst's report, `report` prints the report of a data directory.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPin } from './credentials.ts';
import type { Catalog } from './domain/catalog.ts';
import { DurableChain } from './persistence/durable-chain.ts';
import { chainSites, screenLinks } from './protocol/sites.ts';
import { chainReport, formatReport } from './report.ts';
import { chainFor, loadScenario, readJson, runSteps, ScenarioError } from './scenario.ts';

const USAGE = `usage:
  tsx engine/cli.ts demo [--data DIR] [--port N] [--host H] [--no-server] [--reset] [--virtual-clock]
                                                   boot the demo chain (default DIR ./data) and serve its screens;
                                                   --reset starts the demo afresh, --virtual-clock moves the clock
                                                   only by clock.advance (default: it follows wall time)
  tsx engine/cli.ts hash-pin PIN                    the pinHash of a PIN, for a chain configuration's staff
  tsx engine/cli.ts run SCENARIO.json [--data DIR]  replay a scenario (in memory unless --data) and report
  tsx engine/cli.ts report --data DIR               report the state stored in DIR`;

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** Every screen of the chain by site, as the landing page (`/`) lists them. */
function screenAddresses(catalog: Catalog, url: string): string[] {
  return screenLinks(chainSites(catalog)).flatMap((site) => site.screens.map((screen) => `  ${site.name}, ${screen.label}: ${url}${screen.path}`));
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new ScenarioError('command line', name, 'needs a value');
  return value;
}

function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new ScenarioError('command line', '--port', `expected a port number (0-65535), got "${value}"`);
  return port;
}

async function main(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'demo') {
    const dataDir = resolve(option(rest, '--data') ?? 'data');
    const port = portOf(option(rest, '--port') ?? process.env.PORT ?? '8080');
    const host = option(rest, '--host') ?? process.env.HOST ?? '127.0.0.1';
    const scenario = await loadScenario(`${SCENARIOS}demo-day.json`);
    const reset = rest.includes('--reset');
    const durable = await DurableChain.open(dataDir, { config: await readJson(`${SCENARIOS}demo-chain.json`), seed: scenario.seed, startAt: scenario.startAt, reset });
    if (reset) console.log(`demo data in ${dataDir} cleared: starting afresh`);
    if (durable.chain.seq === 0) {
      const run = await runSteps(scenario.steps, (command) => durable.execute(command));
      console.log(`demo chain created in ${dataDir}: replayed "${scenario.name}" (${run.accepted} commands)`);
    } else {
      console.log(`demo chain loaded from ${dataDir} (${durable.chain.seq} commands so far)`);
    }
    await durable.snapshot();
    console.log(formatReport(chainReport(durable.chain)));
    if (rest.includes('--no-server')) {
      await durable.close();
      return 0;
    }
    // The server is loaded only to be started: the other verbs never need it.
    const { startServer } = await import('./server/server.ts');
    const server = await startServer(durable, { port, host, dataDir }).catch(async (error: unknown) => {
      await durable.close(); // the data directory is free again
      throw error;
    });
    // The live demo's clock follows wall time, so scheduled jobs run by themselves; --virtual-clock keeps it still.
    const { followWallClock } = await import('./server/wall-clock.ts');
    const clock = rest.includes('--virtual-clock') ? null : followWallClock((command) => durable.execute(command));
    console.log(`\nscreens (sign in with the demo staff, see README): all of them on ${server.url}/\n${screenAddresses(durable.chain.catalog, server.url).join('\n')}`);
    console.log(clock === null ? 'the clock moves only when the analyst advances it (--virtual-clock)' : 'the clock follows wall time: scheduled jobs run by themselves');
    await new Promise<void>((done) => {
      const stop = () => { clock?.stop(); void server.close().then(() => durable.close()).then(done); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  }
  if (verb === 'hash-pin' && rest[0] !== undefined) {
    console.log(hashPin(rest[0]));
    return 0;
  }
  if (verb === 'run' && rest[0] !== undefined && !rest[0].startsWith('--')) {
    const scenario = await loadScenario(resolve(rest[0]));
    const dataDir = option(rest, '--data');
    if (dataDir === undefined) {
      const chain = chainFor(scenario);
      const run = await runSteps(scenario.steps, (command) => chain.executeNow(command));
      console.log(`scenario "${scenario.name}": ${run.accepted} accepted, ${run.refused.length} refused`);
      for (const refused of run.refused) console.log(`  step ${refused.step} ${refused.command}: ${refused.error.rule} ${refused.error.message}`);
      console.log(formatReport(chainReport(chain, run)));
      return 0;
    }
    const durable = await DurableChain.open(resolve(dataDir), { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt });
    const run = await runSteps(scenario.steps, (command) => durable.execute(command));
    console.log(formatReport(chainReport(durable.chain, run)));
    await durable.close();
    return 0;
  }
  if (verb === 'report') {
    const dataDir = option(rest, '--data') ?? 'data';
    const durable = await DurableChain.open(resolve(dataDir), { create: false });
    console.log(formatReport(chainReport(durable.chain)));
    await durable.close();
    return 0;
  }
  console.error(USAGE);
  return 2;
}

// Whatever went wrong is said in one line (a bad file, a damaged or locked data directory, a port in use), no stack.
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
