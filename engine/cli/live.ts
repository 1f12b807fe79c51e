/**
 * `storefront run FILE --serve [--speed 1|10|100] [--port N] [--host H] [--data DIR]`: a scenario replayed live. The
 * server starts on the scenario's chain (in a temporary data directory removed on exit, or in DIR, which `run`
 * checked: empty, or --append), the screens' addresses are printed first, then the steps go at the chosen speed of
 * the scenario's virtual clock (engine/lab/live-replay.ts) through the lab's scenario runner (references between
 * steps, `.jsonl` days), each printed as it is answered. The virtual clock moves only as the scenario moves it (it
 * does not follow wall time as `demo` does). When the replay ends the server keeps serving; Ctrl-C stops it
 * (mid-replay too), closing the chain cleanly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pacedExecutor, ReplayStopped, SPEEDS, type Sleep, type Speed } from '../lab/live-replay.ts';
import { runScenario } from '../lab/run-scenario.ts';
import type { ScenarioSource } from '../lab/scenario-file.ts';
import type { StepOutcome } from '../lab/step.ts';
import { DurableChain } from '../persistence/durable-chain.ts';
import { ScenarioError } from '../scenario.ts';
import { screenAddresses } from './serving.ts';

/** `--speed` as given on the command line. */
export function speedOf(value: string): Speed {
  const speed = SPEEDS.find((s) => String(s) === value);
  if (speed === undefined) throw new ScenarioError('command line', '--speed', `expected ${SPEEDS.join(', ')} (times the scenario's clock), got "${value}"`);
  return speed;
}

export interface LiveOptions {
  speed: Speed;
  /** How many steps the scenario has (validateScenario counted them). */
  steps: number;
  port?: number;
  host?: string;
  /** The chain's data directory (default: a temporary one, removed on stop). */
  dataDir?: string | undefined;
  /** Where lines go (the terminal by default). */
  print?: (line: string) => void;
  /** The server's screens (default: the real ones, bundled). */
  screens?: { html: string; script: string };
  sleep?: Sleep;
}

export interface LiveRun { accepted: number; refused: number; stopped: boolean }

export interface LiveServer {
  url: string;
  /** Resolves when the replay has sent every step (or was stopped). */
  replayed: Promise<LiveRun>;
  /** Stops the replay if it still runs, the server and the chain; removes a temporary data directory. */
  stop(): Promise<void>;
}

const clockOf = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function stepLine(step: StepOutcome, steps: number): string {
  const outcome = step.result.ok ? 'accepted' : `refused: ${step.result.error.message} (${step.result.error.rule})`;
  return `${clockOf(step.at)} step ${step.index + 1}/${steps} ${step.command.type}: ${outcome}`;
}

/** Starts the server on the scenario's chain and the live replay of its steps (the source is validated already). */
export async function startLiveReplay(source: ScenarioSource, options: LiveOptions): Promise<LiveServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'storefront-live-')) : resolve(options.dataDir);
  const removeTemporary = () => (temporary ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  let durable: DurableChain;
  try {
    // A temporary chain is thrown away on exit: no fsync for it.
    durable = await DurableChain.open(dataDir, { config: source.config, seed: source.seed, startAt: source.startAt, fsync: !temporary });
  } catch (error) {
    await removeTemporary();
    throw error;
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
  print(`live replay of "${source.name}" (${options.steps} steps) at x${options.speed}, ${temporary ? 'in a temporary data directory' : `in ${dataDir}`}`);
  print(`screens (sign in with the scenario's staff): all of them on ${server.url}/\n${screenAddresses(durable.chain.catalog, server.url).join('\n')}`);
  const stopping = new AbortController();
  const counts = { accepted: 0, refused: 0 };
  const execute = pacedExecutor((command) => durable.execute(command), { speed: options.speed, signal: stopping.signal, ...(options.sleep === undefined ? {} : { sleep: options.sleep }) });
  const observe = (step: StepOutcome) => {
    counts[step.result.ok ? 'accepted' : 'refused'] += 1;
    print(stepLine(step, options.steps));
  };
  const replayed = runScenario(source, { execute, now: () => durable.chain.now, observers: [observe] }).then(
    (): LiveRun => {
      print(`replay finished: ${counts.accepted} accepted, ${counts.refused} refused; the server keeps serving until Ctrl-C`);
      return { ...counts, stopped: false };
    },
    (error: unknown): LiveRun => {
      if (!(error instanceof ReplayStopped)) throw error;
      print(`replay stopped after ${counts.accepted + counts.refused} of ${options.steps} steps`);
      return { ...counts, stopped: true };
    },
  );
  let stopped: Promise<void> | null = null;
  return {
    url: server.url,
    replayed,
    stop: () => {
      stopped ??= (async () => {
        stopping.abort();
        await replayed.catch(() => {});
        await server.close();
        await durable.close();
        await removeTemporary();
      })();
      return stopped;
    },
  };
}

/** The command line's `run FILE --serve`: serves until Ctrl-C (or SIGTERM), then stops cleanly. */
export async function serveScenario(source: ScenarioSource, options: LiveOptions): Promise<void> {
  const live = await startLiveReplay(source, options);
  // A replay that fails (not a refusal: the engine or the disk) is said, and the server goes on serving what it has.
  live.replayed.catch((error: unknown) => console.error(`error: the replay stopped: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((done) => {
    const stop = () => { void live.stop().then(done); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
