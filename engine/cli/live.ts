/**
 * `run FILE --serve [--speed 1|10|100] [--port N] [--host H] [--data DIR]`: a scenario replayed live. The server
 * starts on a fresh chain of the scenario's configuration (in a temporary data directory removed on exit, or in DIR,
 * which must hold no chain yet), the screens' addresses are printed first, then the steps are sent at the chosen
 * speed of the scenario's virtual clock (engine/lab/live-replay.ts) and each one is printed as it goes. When the
 * replay ends the server keeps serving; Ctrl-C stops it (mid-replay too), closing the chain cleanly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Catalog } from '../domain/catalog.ts';
import { liveReplay, SPEEDS, type LiveReplayRun, type Speed } from '../lab/live-replay.ts';
import type { StepOutcome } from '../lab/step.ts';
import { DurableChain } from '../persistence/durable-chain.ts';
import { chainSites, screenLinks } from '../protocol/sites.ts';
import { loadScenario, ScenarioError } from '../scenario.ts';

/** Every screen of the chain by site, as the landing page (`/`) lists them. */
export function screenAddresses(catalog: Catalog, url: string): string[] {
  return screenLinks(chainSites(catalog)).flatMap((site) => site.screens.map((screen) => `  ${site.name}, ${screen.label}: ${url}${screen.path}`));
}

/** `--speed` as given on the command line. */
export function speedOf(value: string): Speed {
  const speed = SPEEDS.find((s) => String(s) === value);
  if (speed === undefined) throw new ScenarioError('command line', '--speed', `expected ${SPEEDS.join(', ')} (times the scenario's clock), got "${value}"`);
  return speed;
}

export interface LiveOptions {
  speed: Speed;
  port?: number;
  host?: string;
  /** The chain's data directory (default: a temporary one, removed on stop). */
  dataDir?: string | undefined;
  /** Where lines go (the terminal by default). */
  print?: (line: string) => void;
  /** The server's screens (default: the real ones, bundled). */
  screens?: { html: string; script: string };
}

export interface LiveServer {
  url: string;
  /** Resolves when the replay has sent every step (or was stopped). */
  replayed: Promise<LiveReplayRun>;
  /** Stops the replay if it still runs, the server and the chain; removes a temporary data directory. */
  stop(): Promise<void>;
}

const clockOf = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Starts the server on a fresh chain and the live replay of the scenario in `file`. */
export async function startLiveReplay(file: string, options: LiveOptions): Promise<LiveServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const scenario = await loadScenario(resolve(file));
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'storefront-live-')) : resolve(options.dataDir);
  const removeTemporary = () => (temporary ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  let durable: DurableChain;
  try {
    // A temporary chain is thrown away on exit: no fsync for it.
    durable = await DurableChain.open(dataDir, { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt, fsync: !temporary });
  } catch (error) {
    await removeTemporary();
    throw error;
  }
  if (durable.chain.seq > 0) {
    await durable.close();
    throw new ScenarioError('command line', '--data', `${dataDir} already holds a chain (${durable.chain.seq} command${durable.chain.seq === 1 ? '' : 's'}): a live replay starts on an empty directory`);
  }
  const { startServer } = await import('../server/server.ts');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(durable, { port: options.port ?? 8080, host: options.host ?? '127.0.0.1', dataDir, ...(options.screens === undefined ? {} : { screens: options.screens }) });
  } catch (error) {
    await durable.close();
    await removeTemporary();
    throw error;
  }
  print(`live replay of "${scenario.name}" (${scenario.steps.length} steps) at x${options.speed}, ${temporary ? 'in a temporary data directory' : `in ${dataDir}`}`);
  print(`screens (sign in with the scenario's staff): all of them on ${server.url}/\n${screenAddresses(durable.chain.catalog, server.url).join('\n')}`);
  const stopping = new AbortController();
  const replayed = liveReplay(scenario.steps, (command) => durable.execute(command), {
    speed: options.speed, signal: stopping.signal, now: () => durable.chain.now,
    observe: (step: StepOutcome) => print(`${clockOf(step.at)} step ${step.index + 1}/${scenario.steps.length} ${step.command.type}: ${step.result.ok ? 'accepted' : `refused: ${step.result.error.message} (${step.result.error.rule})`}`),
  }).then((run) => {
    print(run.stopped ? `replay stopped after ${run.sent} of ${scenario.steps.length} steps` : `replay finished: ${run.accepted} accepted, ${run.refused} refused; the server keeps serving until Ctrl-C`);
    return run;
  });
  let stopped: Promise<void> | null = null;
  return {
    url: server.url,
    replayed,
    stop: () => {
      stopped ??= (async () => {
        stopping.abort();
        await replayed;
        await server.close();
        await durable.close();
        await removeTemporary();
      })();
      return stopped;
    },
  };
}

/** The command line's `run FILE --serve`: serves until Ctrl-C (or SIGTERM), then stops cleanly. */
export async function serveScenario(file: string, options: LiveOptions): Promise<number> {
  const live = await startLiveReplay(file, options);
  await new Promise<void>((done) => {
    const stop = () => { void live.stop().then(done); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
