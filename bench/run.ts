/**
 * `npm run bench`: engine throughput on a synthetic day of a 20-store chain.
 *
 *   (a) replay of the day through a fresh Chain (store engine + headquarters in process) (executeNow, no I/O)
 *   (b) the same day through the minimal hand-written reducer (bench/reducer.ts), checked equal to the engine
 *   (c) journal append throughput with group commit (fsync on), 1 / 64 / 512 appends in flight
 *   (d) engine + journal end to end: executeNow, then append, N in flight
 *
 * Environment: BENCH_COMMANDS (day size, default 40000), BENCH_RUNS (timed runs per stage, default 5),
 * BENCH_SERIAL_LIMIT (entries for the 1-in-flight journal stages, default 5000: one fsync each).
 * Performance targets belong here, never in tests.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand, type Command } from '../engine/protocol/commands.ts';
import { buildCatalog } from '../engine/domain/catalog.ts';
import { Journal, type JournalEntry } from '../engine/persistence/journal.ts';
import { Chain } from '../engine/chain.ts';
import { compareWithEngine, initialState, reduce } from './reducer.ts';
import { generateSyntheticDay } from './synthetic-day.ts';

const TARGET = Number(process.env['BENCH_COMMANDS'] ?? 40_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const SERIAL_LIMIT = Number(process.env['BENCH_SERIAL_LIMIT'] ?? 5_000);
const WINDOWS = [1, 64, 512];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(3);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `quarters[run][q]`: ms spent on the q-th quarter of the day's commands in that run (shows growth over the day). */
interface Timing { name: string; count: number; runs: number[]; quarters: number[][] }
type Marks = number[];
function timeRuns(name: string, count: number, runs: number, body: (marks: Marks) => void): Timing {
  body([]); // warm-up
  const times: number[] = [];
  const quarters: number[][] = [];
  for (let i = 0; i < runs; i++) {
    const marks: Marks = [];
    const started = performance.now();
    body(marks);
    const ended = performance.now();
    times.push(ended - started);
    if (marks.length === 3) {
      const at = [started, ...marks, ended];
      quarters.push([0, 1, 2, 3].map((q) => at[q + 1]! - at[q]!));
    }
  }
  return { name, count, runs: times, quarters };
}

/** Indexes after which a quarter of the commands is done. */
const quarterEnds = (n: number) => new Set([Math.floor(n / 4) - 1, Math.floor(n / 2) - 1, Math.floor((3 * n) / 4) - 1]);

/** Runs `work` over `items` in order with at most `window` promises in flight (sliding window). */
async function inFlight<T>(items: readonly T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item); // `work` starts synchronously, so calls happen in item order
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

interface JournalRow { stage: string; window: number; entries: number; ms: number; batches: number; syncs: number; bytes: number }

async function withJournal(dir: string, name: string, body: (journal: Journal) => Promise<void>): Promise<{ ms: number; stats: Journal['stats']; bytes: number }> {
  const path = join(dir, `${name}.jsonl`);
  const journal = await Journal.open(path);
  const started = performance.now();
  await body(journal);
  const ms = performance.now() - started;
  const stats = { ...journal.stats };
  await journal.close();
  return { ms, stats, bytes: (await stat(path)).size };
}

async function main(): Promise<void> {
  const wall = performance.now();
  console.log(`Synthetic day: generating ~${fmt(TARGET)} commands (not timed)...`);
  const generated = performance.now();
  const day = generateSyntheticDay({ targetCommands: TARGET });
  const { commands, config } = day;
  const storeCount = config.stores.length;
  const registerCount = config.stores.reduce((s, x) => s + x.registerIds.length, 0);
  console.log(`  ${fmt(commands.length)} commands for ${storeCount} stores, ${registerCount} registers, ${config.locations.length - storeCount} warehouses in ${seconds(performance.now() - generated)} s\n`);

  console.log('Command mix:');
  console.table(Object.fromEntries(Object.entries(day.commandMix).sort((a, b) => b[1] - a[1]).map(([type, n]) => [type, { commands: n, share: `${((100 * n) / commands.length).toFixed(1)}%` }])));
  console.log('Activity mix (transactions and fulfilment operations):');
  console.table(Object.fromEntries(Object.entries(day.activityMix).sort((a, b) => b[1] - a[1]).map(([kind, n]) => [kind, { count: n }])));

  const catalog = buildCatalog(config);

  // (a) Engine replay.
  let entries: JournalEntry[] = [];
  let lastEngine: Chain | null = null;
  const ends = quarterEnds(commands.length);
  const replay = (marks: Marks): void => {
    const engine = Chain.fromCatalog(catalog, { seed: day.engineSeed });
    const out: JournalEntry[] = new Array(commands.length);
    for (let i = 0; i < commands.length; i++) {
      const result = engine.executeNow(commands[i]);
      if (!result.ok) throw new Error(`replay: command #${i + 1} refused: ${JSON.stringify(result.error)} ${JSON.stringify(commands[i])}`);
      out[i] = { seq: result.seq, at: result.at, command: result.command };
      if (ends.has(i)) marks.push(performance.now());
    }
    entries = out;
    lastEngine = engine;
  };
  console.log(`(a) engine replay: warm-up + ${RUNS} runs...`);
  const engineTiming = timeRuns('engine executeNow (XState actors, zod, rollback)', commands.length, RUNS, replay);

  // (b) Reducer, then the equivalence check against the replayed engine and the generator's engine.
  let reduced = initialState(config, catalog);
  console.log(`(b) reducer: warm-up + ${RUNS} runs...`);
  const reducerTiming = timeRuns('minimal reducer (same domain functions)', commands.length, RUNS, (marks) => {
    const state = initialState(config, catalog);
    for (let i = 0; i < commands.length; i++) {
      reduce(state, commands[i]!);
      if (ends.has(i)) marks.push(performance.now());
    }
    reduced = state;
  });
  const equal = compareWithEngine(reduced, lastEngine!);
  compareWithEngine(reduced, day.engine);
  console.log(`    equivalence: reducer = engine on ${fmt(equal.orders)} orders (${fmt(equal.lines)} lines: progress, payments total, invoices total), ${fmt(equal.receipts)} receipts, ${fmt(equal.returnOrders)} return orders, on-hand at ${equal.locations} locations`);
  lastEngine = null;

  // Attribution: command parsing alone (the engine parses every command with zod; the reducer trusts them).
  const parseTiming = timeRuns('zod parseCommand alone', commands.length, RUNS, () => {
    for (const command of commands) if (!parseCommand(command).ok) throw new Error('parse');
  });

  // (c) Journal append throughput, group commit, fsync on.
  const dir = await mkdtemp(join(tmpdir(), 'storefront-bench-'));
  const rows: JournalRow[] = [];
  try {
    for (const window of WINDOWS) {
      const slice = window === 1 ? entries.slice(0, SERIAL_LIMIT) : entries;
      console.log(`(c) journal append, ${window} in flight, ${fmt(slice.length)} entries...`);
      const { ms, stats, bytes } = await withJournal(dir, `append-${window}`, (journal) => inFlight(slice, window, (entry) => journal.append(entry)));
      rows.push({ stage: 'journal append', window, entries: slice.length, ms, batches: stats.batches, syncs: stats.syncs, bytes });
    }
    // (d) Engine + journal end to end: execute, then append (ack after fsync), N commands in flight.
    for (const window of WINDOWS) {
      const slice = window === 1 ? commands.slice(0, SERIAL_LIMIT) : commands;
      console.log(`(d) engine + journal, ${window} in flight, ${fmt(slice.length)} commands...`);
      const engine = Chain.fromCatalog(catalog, { seed: day.engineSeed });
      const { ms, stats, bytes } = await withJournal(dir, `e2e-${window}`, (journal) => inFlight(slice, window, async (command: Command) => {
        const result = engine.executeNow(command);
        if (!result.ok) throw new Error(`end to end: refused ${JSON.stringify(result.error)}`);
        await journal.append({ seq: result.seq, at: result.at, command: result.command });
      }));
      rows.push({ stage: 'executeNow + append', window, entries: slice.length, ms, batches: stats.batches, syncs: stats.syncs, bytes });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // --- The table ---
  const rate = (t: Timing, pick: (xs: number[]) => number) => t.count / (pick(t.runs) / 1000);
  const best = (xs: number[]) => Math.min(...xs);
  console.log('\n=== In-memory throughput (commands/s; best and median of', RUNS, 'runs after a warm-up) ===');
  console.table([engineTiming, reducerTiming, parseTiming].map((t) => ({
    stage: t.name, commands: t.count, 'best s': seconds(best(t.runs)), 'median s': seconds(median(t.runs)),
    'best cmd/s': fmt(rate(t, best)), 'median cmd/s': fmt(rate(t, median)),
  })));
  const ratioBest = best(engineTiming.runs) / best(reducerTiming.runs);
  const ratioMedian = median(engineTiming.runs) / median(reducerTiming.runs);
  const quarterRates = (t: Timing) => Object.fromEntries([0, 1, 2, 3].map((q) => [`Q${q + 1} cmd/s`, fmt((t.count / 4) / (median(t.quarters.map((r) => r[q]!)) / 1000))]));
  console.log('Per quarter of the day (median of the runs; a falling rate means per-command cost grows with the day):');
  console.table([engineTiming, reducerTiming].map((t) => ({ stage: t.name, ...quarterRates(t) })));
  console.log(`engine / reducer time ratio: ${ratioBest.toFixed(1)}x (best), ${ratioMedian.toFixed(1)}x (median); per command: engine ${(1000 * median(engineTiming.runs) / engineTiming.count).toFixed(1)} us, reducer ${(1000 * median(reducerTiming.runs) / reducerTiming.count).toFixed(1)} us, zod parse ${(1000 * median(parseTiming.runs) / parseTiming.count).toFixed(1)} us`);

  console.log('\n=== Journal (group commit, fdatasync per batch) ===');
  console.table(rows.map((r) => ({
    stage: r.stage, 'in flight': r.window, entries: r.entries, 's': seconds(r.ms), 'entries/s': fmt(r.entries / (r.ms / 1000)),
    batches: r.batches, syncs: r.syncs, 'entries/batch': (r.entries / Math.max(1, r.batches)).toFixed(1), 'bytes/entry': Math.round(r.bytes / r.entries),
  })));

  console.log('\n=== Summary ===');
  console.table([
    { what: 'engine replay (no I/O)', 'cmd/s': fmt(rate(engineTiming, median)) },
    { what: 'reducer replay (no I/O)', 'cmd/s': fmt(rate(reducerTiming, median)) },
    { what: 'engine / reducer time', 'cmd/s': `${ratioMedian.toFixed(1)}x` },
    ...rows.map((r) => ({ what: `${r.stage}, ${r.window} in flight`, 'cmd/s': fmt(r.entries / (r.ms / 1000)) })),
  ]);
  console.log(`total bench time ${seconds(performance.now() - wall)} s`);
}

await main();
