/**
 * `npm run bench:engine`: the engine's cost per command on a synthetic day of a 20-store chain, against the
 * hand-written reducer of the same rules (bench/reducer.ts), and durable (engine + journals, fsync on) with many
 * commands in flight. Targets live here, never in tests; the figures go to `.tmp/bench/engine.json`.
 *
 *   (a) engine replay: a fresh Chain (store engine + headquarters, zod at the boundary, rollback) per run, the day's
 *       commands streamed from its day file; per quarter of the day too, as a rate (it moves with the day's mix: the
 *       late phase ships and picks) and as a cost index of the same command types against the first quarter (a rising
 *       index means per-command cost grows with history); the heap it holds at the end of the day
 *   (b) the reducer over the same commands, then checked equal to the engine's end state
 *   (c) durable: DurableChain (both journals, group commit, fdatasync) with BENCH_IN_FLIGHT commands in flight
 *   (d) the journal alone: appends with 1 / 64 / 512 in flight
 *
 * The day is generated once into `.tmp/bench/day-<commands>.jsonl` (in a child process: it drives an engine of its
 * own) and streamed from there, so a day of a million commands never sits in memory as a list.
 *
 * Environment: BENCH_COMMANDS (default 40000), BENCH_RUNS (timed runs, default 5; 1 above 100k commands),
 * BENCH_IN_FLIGHT (default 512), BENCH_DURABLE_COMMANDS (commands of the durable stage, default min(day, 40000)).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chain } from '../engine/chain.ts';
import { buildCatalog, type Catalog } from '../engine/domain/catalog.ts';
import { DurableChain } from '../engine/persistence/durable-chain.ts';
import { Journal } from '../engine/persistence/journal.ts';
import type { Command } from '../engine/protocol/commands.ts';
import { compareWithEngine, initialState, reduce, type Equivalence, type ReducerState } from './reducer.ts';
import { readSyntheticDay, type DayFileEnd, type DayFileHead } from './synthetic-day.ts';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 40_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? (COMMANDS > 100_000 ? 1 : 5));
const IN_FLIGHT = Number(process.env['BENCH_IN_FLIGHT'] ?? 512);
const OUT_DIR = fileURLToPath(new URL('../.tmp/bench/', import.meta.url));
const DAY_FILE = join(OUT_DIR, `day-${COMMANDS}.jsonl`);

for (const [name, value] of [['BENCH_COMMANDS', COMMANDS], ['BENCH_RUNS', RUNS], ['BENCH_IN_FLIGHT', IN_FLIGHT]] as const) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: expected a positive whole number, got ${String(value)}`);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => Math.round(bytes / 1e6);

/** The day file's head and end (the end line is read from the file's tail). */
async function dayOf(): Promise<{ head: DayFileHead; end: DayFileEnd['end'] }> {
  if (!existsSync(DAY_FILE)) {
    console.log(`generating a ${fmt(COMMANDS)}-command day into ${DAY_FILE} (once; it drives an engine of its own)...`);
    const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
    const child = spawnSync(process.execPath, [tsx, fileURLToPath(new URL('./synthetic-day.ts', import.meta.url)), String(COMMANDS), DAY_FILE], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`generating the day failed (exit ${child.status})`);
  }
  let head: DayFileHead | null = null;
  for await (const part of readSyntheticDay(DAY_FILE, 1)) {
    if ('head' in part) head = part.head;
    break;
  }
  const handle = await open(DAY_FILE, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 1 << 16));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const lines = tail.toString('utf8').trimEnd().split('\n');
    return { head: head!, end: (JSON.parse(lines.at(-1)!) as DayFileEnd).end };
  } finally {
    await handle.close();
  }
}

/** Time and count of one command type in each quarter of the day. */
type TypeQuarters = { ms: number[]; count: number[] };

/**
 * Streams the day's commands, timing `apply` on each one by quarter of the day and by command type (reading and
 * parsing are not timed).
 */
async function timedPass(total: number, apply: (command: Command) => void): Promise<{ ms: number; quarters: number[]; costIndex: number[] }> {
  const quarters = [0, 0, 0, 0];
  const byType = new Map<string, TypeQuarters>();
  let index = 0;
  for await (const part of readSyntheticDay(DAY_FILE)) {
    if (!('commands' in part)) continue;
    for (const command of part.commands) {
      const started = performance.now();
      apply(command);
      const ms = performance.now() - started;
      const quarter = Math.min(3, Math.floor((4 * index) / total));
      quarters[quarter]! += ms;
      let type = byType.get(command.type);
      if (type === undefined) byType.set(command.type, (type = { ms: [0, 0, 0, 0], count: [0, 0, 0, 0] }));
      type.ms[quarter]! += ms;
      type.count[quarter]! += 1;
      index += 1;
    }
  }
  return { ms: quarters.reduce((a, b) => a + b, 0), quarters, costIndex: costIndex(byType) };
}

/**
 * What each quarter's commands cost against what the same commands cost in the first quarter (1 = flat; a type
 * missing from the first quarter counts at its mean over the day). Unlike the rate per quarter, it does not move
 * with the mix of the day (a late phase that ships and picks runs slower commands, not slower ones of a kind).
 */
function costIndex(byType: Map<string, TypeQuarters>): number[] {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return [0, 1, 2, 3].map((quarter) => {
    let spent = 0;
    let atFirst = 0;
    for (const { ms, count } of byType.values()) {
      if (count[quarter] === 0) continue;
      const reference = count[0]! > 0 ? ms[0]! / count[0]! : sum(ms) / sum(count);
      spent += ms[quarter]!;
      atFirst += count[quarter]! * reference;
    }
    return spent / atFirst;
  });
}

interface Stage { runs: number[]; quarters: number[][]; costIndexes: number[][] }

async function engineStage(catalog: Catalog, head: DayFileHead, total: number): Promise<{ stage: Stage; last: Chain; heapUsedMB: number; rssMB: number }> {
  const stage: Stage = { runs: [], quarters: [], costIndexes: [] };
  let last: Chain | null = null;
  for (let run = 0; run <= RUNS; run++) {
    last = null;
    gc();
    const chain = Chain.fromCatalog(catalog, { seed: head.engineSeed });
    const { ms, quarters, costIndex } = await timedPass(total, (command) => {
      const result = chain.executeNow(command);
      if (!result.ok) throw new Error(`the engine refused ${JSON.stringify(command)}: ${JSON.stringify(result.error)}`);
    });
    // Run 0 warms up (a single run above 100k commands is timed as it is).
    if (run > 0 || RUNS === 1) {
      stage.runs.push(ms);
      stage.quarters.push(quarters);
      stage.costIndexes.push(costIndex);
    }
    console.log(`  engine run ${run}${run === 0 && RUNS > 1 ? ' (warm-up)' : ''}: ${(1000 * ms / total).toFixed(1)} us/command`);
    last = chain;
    if (RUNS === 1) break;
  }
  gc();
  const memory = process.memoryUsage();
  return { stage, last: last!, heapUsedMB: mb(memory.heapUsed), rssMB: mb(memory.rss) };
}

async function reducerStage(head: DayFileHead, catalog: Catalog, total: number): Promise<{ stage: Stage; state: ReducerState }> {
  const stage: Stage = { runs: [], quarters: [], costIndexes: [] };
  let state = initialState(head.config, catalog);
  for (let run = 0; run <= RUNS; run++) {
    state = initialState(head.config, catalog);
    const current = state;
    const { ms, quarters, costIndex } = await timedPass(total, (command) => { reduce(current, command); });
    if (run > 0 || RUNS === 1) {
      stage.runs.push(ms);
      stage.quarters.push(quarters);
      stage.costIndexes.push(costIndex);
    }
    console.log(`  reducer run ${run}${run === 0 && RUNS > 1 ? ' (warm-up)' : ''}: ${(1000 * ms / total).toFixed(1)} us/command`);
    if (RUNS === 1) break;
  }
  return { stage, state };
}

/** Runs `work` over `items` in order with at most `window` promises in flight. */
async function inFlight<T>(items: readonly T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

async function firstCommands(count: number): Promise<Command[]> {
  const commands: Command[] = [];
  for await (const part of readSyntheticDay(DAY_FILE)) {
    if ('commands' in part) commands.push(...part.commands.slice(0, count - commands.length));
    if (commands.length >= count) break;
  }
  return commands;
}

async function durableStage(head: DayFileHead, commands: readonly Command[]): Promise<{ commandsPerSecond: number; journaled: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'storefront-bench-durable-'));
  try {
    const durable = await DurableChain.open(dir, { config: head.config, seed: head.engineSeed });
    const started = performance.now();
    await inFlight(commands, IN_FLIGHT, async (command) => {
      const result = await durable.execute(command);
      if (!result.ok) throw new Error(`durable: refused ${JSON.stringify(result.error)}`);
    });
    const ms = performance.now() - started;
    await durable.close();
    const journal = await Journal.readAll(join(dir, 'store.journal.jsonl'));
    return { commandsPerSecond: commands.length / (ms / 1000), journaled: journal.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function journalStage(commands: readonly Command[]): Promise<{ inFlight: number; entries: number; entriesPerSecond: number; syncs: number }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'storefront-bench-journal-'));
  const rows = [];
  try {
    for (const window of [1, 64, 512]) {
      const entries = commands.slice(0, window === 1 ? 5_000 : commands.length).map((command, i) => ({ seq: i + 1, at: 0, command }));
      const journal = await Journal.open(join(dir, `append-${window}.jsonl`));
      const started = performance.now();
      await inFlight(entries, window, (entry) => journal.append(entry));
      const ms = performance.now() - started;
      rows.push({ inFlight: window, entries: entries.length, entriesPerSecond: Math.round(entries.length / (ms / 1000)), syncs: journal.stats.syncs });
      await journal.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const { head, end } = await dayOf();
  const total = end.commands;
  const catalog = buildCatalog(head.config);
  console.log(`synthetic day: ${fmt(total)} commands, ${head.config.stores.length} stores; ${RUNS} timed run(s) after a warm-up${RUNS === 1 ? ' (none)' : ''}`);

  console.log('(a) engine replay');
  const engine = await engineStage(catalog, head, total);
  console.log('(b) reducer replay');
  const reducer = await reducerStage(head, catalog, total);
  const equivalence: Equivalence = compareWithEngine(reducer.state, engine.last);
  console.log(`    reducer = engine on ${fmt(equivalence.orders)} orders, ${fmt(equivalence.receipts)} receipts, ${fmt(equivalence.returnOrders)} return orders, ${equivalence.locations} locations`);

  const durableCount = Number(process.env['BENCH_DURABLE_COMMANDS'] ?? Math.min(total, 40_000));
  const commands = await firstCommands(durableCount);
  console.log(`(c) durable engine + journals, ${IN_FLIGHT} in flight, ${fmt(commands.length)} commands`);
  const durable = await durableStage(head, commands);
  console.log('(d) journal appends alone');
  const journal = await journalStage(commands);

  const perCommand = (stage: Stage, pick: (xs: number[]) => number) => (1000 * pick(stage.runs)) / total;
  const quarterRates = (stage: Stage) => [0, 1, 2, 3].map((q) => Math.round((total / 4) / (median(stage.quarters.map((r) => r[q]!)) / 1000)));
  const quarterCostIndex = (stage: Stage) => [0, 1, 2, 3].map((q) => +median(stage.costIndexes.map((r) => r[q]!)).toFixed(2));
  const figures = {
    date: new Date().toISOString(),
    node: process.version,
    commands: total,
    runs: RUNS,
    engineUsPerCommand: +perCommand(engine.stage, median).toFixed(2),
    engineUsPerCommandBest: +perCommand(engine.stage, (xs) => Math.min(...xs)).toFixed(2),
    reducerUsPerCommand: +perCommand(reducer.stage, median).toFixed(2),
    reducerUsPerCommandBest: +perCommand(reducer.stage, (xs) => Math.min(...xs)).toFixed(2),
    engineOverReducer: +(median(engine.stage.runs) / median(reducer.stage.runs)).toFixed(2),
    engineOverReducerBest: +(Math.min(...engine.stage.runs) / Math.min(...reducer.stage.runs)).toFixed(2),
    quarterRates: quarterRates(engine.stage),
    reducerQuarterRates: quarterRates(reducer.stage),
    quarterCostIndex: quarterCostIndex(engine.stage),
    reducerQuarterCostIndex: quarterCostIndex(reducer.stage),
    engineSeconds: +(median(engine.stage.runs) / 1000).toFixed(2),
    heapUsedMB: engine.heapUsedMB,
    rssMB: engine.rssMB,
    durableCommandsPerSecond: Math.round(durable.commandsPerSecond),
    durableInFlight: IN_FLIGHT,
    durableCommands: commands.length,
    durableStoreEntries: durable.journaled,
    journal,
    equivalence,
    commandMix: end.commandMix,
  };
  await writeFile(join(OUT_DIR, 'engine.json'), `${JSON.stringify(figures, null, 2)}\n`);

  console.table([
    { what: 'engine us/command (median, best)', value: `${figures.engineUsPerCommand} / ${figures.engineUsPerCommandBest}` },
    { what: 'reducer us/command (median, best)', value: `${figures.reducerUsPerCommand} / ${figures.reducerUsPerCommandBest}` },
    { what: 'engine / reducer (median, best)', value: `${figures.engineOverReducer}x / ${figures.engineOverReducerBest}x (target <= 3x)` },
    { what: 'engine commands/s by quarter', value: `${figures.quarterRates.map(fmt).join('  ')} (Q4 >= 0.85 Q1: ${figures.quarterRates[3]! >= 0.85 * figures.quarterRates[0]! ? 'yes' : 'no'})` },
    { what: 'reducer commands/s by quarter', value: figures.reducerQuarterRates.map(fmt).join('  ') },
    { what: 'engine cost by quarter, same commands (Q1 = 1)', value: `${figures.quarterCostIndex.join('  ')} (Q4 <= 1/0.85: ${figures.quarterCostIndex[3]! <= 1 / 0.85 ? 'yes' : 'no'})` },
    { what: 'reducer cost by quarter, same commands', value: figures.reducerQuarterCostIndex.join('  ') },
    { what: 'engine replay of the day', value: `${figures.engineSeconds} s, heap ${figures.heapUsedMB} MB, rss ${figures.rssMB} MB` },
    { what: `durable commands/s (${IN_FLIGHT} in flight)`, value: `${fmt(figures.durableCommandsPerSecond)} (target >= 20,000)` },
    ...journal.map((row) => ({ what: `journal appends/s, ${row.inFlight} in flight`, value: `${fmt(row.entriesPerSecond)} (${fmt(row.syncs)} syncs)` })),
  ]);
  console.log(`figures written to ${join(OUT_DIR, 'engine.json')}`);
}

await main();
