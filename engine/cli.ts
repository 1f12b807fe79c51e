/**
 * The `storefront` command line (commander). `demo` boots the demo chain under ./data and serves its screens; the
 * other commands live in engine/cli/, one file each. Exit codes: 0 done, 1 refused steps under `run --strict` or a path
 * the engine disagrees with (`paths run`), 2 bad input (a file, a flag, a data directory): always one plain line on stderr, never a stack trace.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { diffCommand } from './cli/diff.ts';
import { generateCommand } from './cli/generate.ts';
import { hashPinCommand } from './cli/hash-pin.ts';
import { pathsCommand } from './cli/paths.ts';
import { reportCommand } from './cli/report.ts';
import { runCommand } from './cli/run.ts';
import { scenariosCommand } from './cli/scenarios.ts';
import { portOf, screenAddresses } from './cli/serving.ts';
import { createOperations, jobsRun } from './operations/operations.ts';
import { DurableChain } from './persistence/durable-chain.ts';
import { nodeFiles } from './persistence/files.ts';
import { chainReport, formatReport } from './report.ts';
import { loadScenario, readJson, runSteps } from './scenario.ts';

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** Where analysts go next: the live analyst view and the lab's commands (README, "Analysts: the scenario lab"). */
const ANALYSTS = (url: string, data: string) => `
analysts: the analyst view (report, clock, journal history) is ${url}/analyst; the scenario lab runs from a shell:
  npx storefront scenarios                                  the scenario library, one line each
  npx storefront run scenarios/weekday.json --html day.html  replay one, with a report page
  npx storefront report --data ${data}                        this chain's report (--at N for the past)
  npx storefront --help                                     every command`;

interface DemoOptions { data: string; port?: string; host?: string; server: boolean; reset?: boolean; virtualClock?: boolean }

async function demo(options: DemoOptions): Promise<void> {
  const dataDir = resolve(options.data);
  const port = portOf(options.port ?? process.env.PORT ?? '8080');
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const scenario = await loadScenario(`${SCENARIOS}demo-day.json`);
  const reset = options.reset === true;
  // Logs and metrics (LOG_LEVEL, /metrics): the journal's fsyncs are timed from the first one.
  const operations = createOperations();
  const durable = await DurableChain.open(dataDir, { config: await readJson(`${SCENARIOS}demo-chain.json`), seed: scenario.seed, startAt: scenario.startAt, reset, files: operations.metrics.timed(nodeFiles) });
  if (reset) console.log(`demo data in ${dataDir} cleared: starting afresh`);
  if (durable.chain.seq === 0) {
    const run = await runSteps(scenario.steps, (command) => durable.execute(command));
    console.log(`demo chain created in ${dataDir}: replayed "${scenario.name}" (${run.accepted} commands)`);
  } else {
    console.log(`demo chain loaded from ${dataDir} (${durable.chain.seq} commands so far)`);
  }
  await durable.snapshot();
  console.log(formatReport(chainReport(durable.chain)));
  if (!options.server) {
    await durable.close();
    return;
  }
  // The server is loaded only to be started: the other commands never need it.
  const { startServer } = await import('./server/server.ts');
  const server = await startServer(durable, { port, host, dataDir, operations }).catch(async (error: unknown) => {
    await durable.close(); // the data directory is free again
    throw error;
  });
  // The live demo's clock follows wall time, so scheduled jobs run by themselves; --virtual-clock keeps it still.
  const { followWallClock } = await import('./server/wall-clock.ts');
  const clock = options.virtualClock === true ? null : followWallClock(async (command) => {
    const result = await durable.execute(command);
    if (result.ok && 'jobs' in jobsRun(result.result)) operations.log.info({ ...jobsRun(result.result), now: new Date(durable.chain.now).toISOString() }, 'scheduled jobs ran');
    return result;
  });
  console.log(`\nscreens (sign in with the demo staff, see README): all of them on ${server.url}/\n${screenAddresses(durable.chain.catalog, server.url).join('\n')}`);
  console.log(clock === null ? 'the clock moves only when the analyst advances it (--virtual-clock)' : 'the clock follows wall time: scheduled jobs run by themselves');
  console.log(ANALYSTS(server.url, options.data));
  await new Promise<void>((done) => {
    const stop = () => { clock?.stop(); void server.close().then(() => durable.close()).then(done); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function demoCommand(): Command {
  return new Command('demo')
    .description('boot the demo chain (replaying the demo day on the first start) and serve its screens')
    .option('--data <dir>', 'the data directory', 'data')
    .option('--port <n>', 'the port to serve on (default $PORT or 8080)')
    .option('--host <h>', 'the address to serve on (default $HOST or 127.0.0.1)')
    .option('--no-server', 'boot, print the report and stop')
    .option('--reset', "start the demo afresh (removes the chain's files from the data directory, and only those)")
    .option('--virtual-clock', 'the clock moves only by clock.advance (default: it follows wall time)')
    .action(demo);
}

const EXIT_CODES = `
Exit codes:
  0  done
  1  some steps were refused (run --strict), or the engine disagrees with a path (paths run)
  2  bad input: a scenario file, a flag, a data directory`;

/** Commander's own errors (an unknown command or option, a missing argument) exit 2 in one line; help exits 0. */
function withExitCodes(command: Command): Command {
  command.exitOverride().showSuggestionAfterError()
    .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`) });
  for (const sub of command.commands) withExitCodes(sub);
  return command;
}

export function storefront(): Command {
  const program = new Command('storefront')
    .description('the store simulation and fulfilment engine: demo chain, scenario lab')
    .addHelpText('after', EXIT_CODES)
    .addCommand(demoCommand())
    .addCommand(runCommand())
    .addCommand(scenariosCommand())
    .addCommand(generateCommand())
    .addCommand(reportCommand())
    .addCommand(diffCommand())
    .addCommand(pathsCommand())
    .addCommand(hashPinCommand());
  return withExitCodes(program);
}

// Output piped into `head` ends early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw error; });

// Whatever went wrong is said in one line (a bad file, a damaged or locked data directory, a port in use), no stack.
try {
  await storefront().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.split('\n').map((line) => `error: ${line}`).join('\n'));
    process.exitCode = 2;
  }
}
