/**
 * A synthetic trading day for benchmarks: a generated chain (many stores, registers and two warehouses in one
 * fulfillment group) and a deterministic command list for one day of that chain, made by the lab's chain-day
 * generator (engine/lab/chain-day.ts: it drives a real Chain, so every command is one the engine accepts).
 * Randomness comes from a seeded PRNG only, so the same options always give the same day.
 */
import { closeSync, createReadStream, openSync, renameSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '../engine/protocol/commands.ts';
import type { Chain } from '../engine/chain.ts';
import { chainConfigFor, ChainDayGenerator, type ChainShape } from '../engine/lab/chain-day.ts';
import { demoChainConfig, type DemoChainConfigInput } from '../test/fixtures/chain.ts';

export { Rng, storeId, warehouseId, type ChainShape } from '../engine/lab/chain-day.ts';

export const DEFAULT_SHAPE: ChainShape = { stores: 20, registersPerStore: 3, warehouses: 2, customers: 400, products: 24 };

/** The benchmarks' chain: the shape's stores, registers and warehouses on the test fixture's demo chain. */
export function syntheticChainConfig(shape: ChainShape = DEFAULT_SHAPE): DemoChainConfigInput {
  return chainConfigFor(shape, demoChainConfig());
}

export interface DayOptions {
  seed?: number;
  engineSeed?: number;
  targetCommands?: number;
  shape?: ChainShape;
  /** The configuration to run the day on (e.g. syntheticChainConfig with staff PINs added), instead of the shape's. */
  config?: DemoChainConfigInput;
}

export interface SyntheticDay {
  config: DemoChainConfigInput;
  engineSeed: number;
  commands: Command[];
  /** Commands per command type. */
  commandMix: Record<string, number>;
  /** Business activities (transactions and fulfilment operations) per kind. */
  activityMix: Record<string, number>;
  /** The engine the generator drove (its end state is the expected end state of a replay). */
  engine: Chain;
}

/** Generates one day (not cheap: it drives an engine). Same options, same day. */
export function generateSyntheticDay(options: DayOptions = {}): SyntheticDay {
  const config = options.config ?? syntheticChainConfig(options.shape ?? DEFAULT_SHAPE);
  const engineSeed = options.engineSeed ?? 7;
  const builder = new ChainDayGenerator({ config, engineSeed, seed: options.seed ?? 20260105 });
  const commands = [...builder.benchDay(options.targetCommands ?? 40_000)];
  return { config, engineSeed, commands, commandMix: builder.commandMix, activityMix: builder.activityMix, engine: builder.engine };
}

/** The first line of a day file: how to replay the commands that follow, one per line. */
export interface DayFileHead { config: DemoChainConfigInput; engineSeed: number }
/** The last line: how many commands the file holds, by type. */
export interface DayFileEnd { end: { commands: number; commandMix: Record<string, number> } }

/**
 * Writes a day as JSON Lines (its head, one command a line, its end) as it is generated, so that a day of a million
 * commands never sits in memory as a list. Written under a temporary name and renamed once whole.
 */
export function writeSyntheticDay(file: string, options: DayOptions = {}): DayFileEnd['end'] {
  const config = options.config ?? syntheticChainConfig(options.shape ?? DEFAULT_SHAPE);
  const engineSeed = options.engineSeed ?? 7;
  const temp = `${file}.tmp`;
  // Written synchronously as it is generated (the generation never lets the event loop run).
  const fd = openSync(temp, 'w');
  try {
    let chunk = `${JSON.stringify({ config, engineSeed } satisfies DayFileHead)}\n`;
    const builder = new ChainDayGenerator({ config, engineSeed, seed: options.seed ?? 20260105 });
    for (const command of builder.benchDay(options.targetCommands ?? 40_000)) {
      chunk += `${JSON.stringify(command)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    const end: DayFileEnd = { end: { commands: builder.made, commandMix: builder.commandMix } };
    writeSync(fd, `${chunk}${JSON.stringify(end)}\n`);
    renameSync(temp, file);
    return end.end;
  } finally {
    closeSync(fd);
  }
}

/** Reads a day file: its head, its commands a batch at a time, its end. */
export async function* readSyntheticDay(file: string, batch = 2000): AsyncGenerator<{ head: DayFileHead } | { commands: Command[] } | DayFileEnd> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let commands: Command[] = [];
  let first = true;
  for await (const line of lines) {
    if (line === '') continue;
    const record = JSON.parse(line) as Command | DayFileHead | DayFileEnd;
    if (first) {
      first = false;
      yield { head: record as DayFileHead };
      continue;
    }
    if ('end' in record) {
      if (commands.length > 0) yield { commands };
      commands = [];
      yield record;
      continue;
    }
    commands.push(record as Command);
    if (commands.length >= batch) {
      yield { commands };
      commands = [];
    }
  }
  if (commands.length > 0) yield { commands };
}

/** `tsx bench/synthetic-day.ts COMMANDS FILE`: generate a day into a day file (a bench runs this in a child process). */
if (import.meta.url === `file://${process.argv[1]}`) {
  const [commands, file] = process.argv.slice(2);
  if (commands === undefined || file === undefined) throw new Error('usage: tsx bench/synthetic-day.ts COMMANDS FILE');
  const started = performance.now();
  const end = writeSyntheticDay(file, { targetCommands: Number(commands) });
  console.log(`${end.commands} commands written to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
