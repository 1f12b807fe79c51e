/**
 * Time travel over a data directory: the chain rebuilt at any seq or time equals the chain as it was then, the
 * directory is only read (not a byte, name or time changes, even with an engine running there), checkpoints stay
 * bounded, and refused commands are found from the refusals the durable chain notes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChainState } from '../../engine/chain.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { readRefusals, RefusalLog } from '../../engine/persistence/refusal-log.ts';
import { TimeTravel, TravelError } from '../../engine/persistence/time-travel.ts';
import { loadScenario } from '../../engine/scenario.ts';

const DEMO_DAY = fileURLToPath(new URL('../../scenarios/demo-day.json', import.meta.url));
const UNKNOWN_PRODUCT = { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 };

let dir: string;
/** The chain's state after each command the day sent, by the chain's seq then. */
let states: Map<number, ChainState>;
let refusedAfter: number[];

/** The demo day replayed durably, with two refused commands in it; the state kept after every step. */
async function recordDay(): Promise<void> {
  const scenario = await loadScenario(DEMO_DAY);
  const durable = await DurableChain.open(dir, { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt, fsync: false });
  states = new Map([[0, durable.chain.exportState()]]);
  refusedAfter = [];
  for (const [i, step] of scenario.steps.entries()) {
    if (i === 5 || i === 30) {
      expect((await durable.execute(UNKNOWN_PRODUCT)).ok).toBe(false);
      refusedAfter.push(durable.chain.seq);
    }
    await durable.execute(step);
    states.set(durable.chain.seq, durable.chain.exportState());
  }
  await durable.close();
}

/** Every file of the directory with its bytes' hash and its modification time. */
async function fingerprint(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    files[name] = `${createHash('sha256').update(await readFile(path)).digest('hex')} ${(await stat(path)).mtimeMs}`;
  }
  return files;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'time-travel-'));
  await recordDay();
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('time travel over a data directory', () => {
  it('rebuilds the chain as it was at any seq, forward and back, with bounded checkpoints', async () => {
    const travel = await TimeTravel.open(dir, { every: 4, maxCheckpoints: 3 });
    const last = Math.max(...states.keys());
    expect(travel.last).toBe(last);
    // Out of order on purpose: forward one at a time, far back, forward across checkpoints.
    const points = [...states.keys()];
    const order = [last, 0, ...points.slice(1, 8), points[20]!, points[3]!, ...points.slice(30).reverse(), points[12]!, last];
    for (const seq of order) expect(travel.chainAt(seq).exportState(), `seq ${seq}`).toEqual(states.get(seq));
    const { count, every } = travel.checkpointStats;
    expect(count).toBeLessThanOrEqual(3);
    expect(every).toBeGreaterThan(4);
    expect(travel.reportAt(last).commands).toBe(last);
  });

  it('reach moves the same way, letting other work in between slices of the replay', async () => {
    const travel = await TimeTravel.open(dir, { every: 4, maxCheckpoints: 3, replaySlice: 8 });
    const last = travel.last;
    let turns = 0;
    const count = () => { turns += 1; if (turns < 1000) setImmediate(count); };
    setImmediate(count);
    expect((await travel.reach(last)).exportState()).toEqual(states.get(last));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(last / 8) - 1);
    turns = 1000; // stop counting
    const points = [...states.keys()];
    for (const seq of [0, points[9]!, points.at(-2)!, points[9]!]) expect((await travel.reach(seq)).exportState(), `seq ${seq}`).toEqual(states.get(seq));
  });

  it('a time gives the chain after the last command at or before it', async () => {
    const travel = await TimeTravel.open(dir);
    // The last command at or before a time, counted plainly.
    const lastAt = (time: number) => { let seq = 0; while (seq < travel.last && travel.entryAt(seq + 1)!.entry.at <= time) seq += 1; return seq; };
    const tenth = travel.entryAt(10)!.entry.at;
    expect(travel.entryAt(travel.seqAt(tenth) + 1)!.entry.at).toBeGreaterThan(tenth);
    for (const time of [travel.startAt, tenth, tenth + 1, tenth + 3_600_000]) expect(travel.seqAt(time), new Date(time).toISOString()).toBe(lastAt(time));
    expect(travel.seqAt(travel.timeAt(travel.last))).toBe(travel.last);
  });

  it('refuses points the history does not hold, naming the range', async () => {
    const travel = await TimeTravel.open(dir);
    const range = `from 0 (the start) to ${travel.last} (the last command)`;
    for (const seq of [-1, travel.last + 1, 1.5]) {
      expect(() => travel.chainAt(seq)).toThrow(TravelError);
      expect(() => travel.chainAt(seq)).toThrow(range);
    }
    const end = new Date(travel.timeAt(travel.last)).toISOString();
    expect(() => travel.seqAt(travel.startAt - 1)).toThrow(`expected a time from 2026-11-23T09:00:00.000Z (the start) onwards (the last command is at ${end}), got 2026-11-23T08:59:59.999Z`);
    // After the last command: the chain as of the last command (README: "the last command at or before that time").
    expect(travel.seqAt(travel.timeAt(travel.last) + 1)).toBe(travel.last);
    expect(travel.seqAt(travel.timeAt(travel.last) + 86_400_000)).toBe(travel.last);
    expect(() => travel.seqAt(Number.NaN)).toThrow(/^expected a time from .* \(the last command is at [^)]*\)$/);
  });

  it('finds the refused commands the durable chain noted, at the point they were refused', async () => {
    const travel = await TimeTravel.open(dir);
    const [first, second] = refusedAfter as [number, number];
    expect(travel.nextRefusal(0)).toBe(first);
    expect(travel.nextRefusal(first)).toBe(second);
    expect(travel.nextRefusal(second)).toBeNull();
    expect(travel.previousRefusal(second)).toBe(first);
    expect(travel.refusalsAt(first)).toEqual([expect.objectContaining({ after: first, command: UNKNOWN_PRODUCT, error: expect.objectContaining({ rule: 'NOT_FOUND', field: 'productId' }) })]);
    expect(travel.reportAt(first).refusedByRule).toEqual({ NOT_FOUND: 1 });
    expect(travel.reportAt(first - 1).refusedByRule).toEqual({});
    expect(travel.reportAt(travel.last).refusedByRule).toEqual({ NOT_FOUND: 2 });
  });

  it('only reads: nothing in the directory changes, with or without an engine running there, and it follows the engine', async () => {
    const before = await fingerprint();
    const travel = await TimeTravel.open(dir, { every: 8 });
    for (const seq of [travel.last, 0, 17]) travel.chainAt(seq);
    expect(await fingerprint()).toEqual(before);

    // An engine holds the directory (its lock): travel reads it all the same, and the engine goes on.
    const durable = await DurableChain.open(dir, { fsync: false });
    try {
      const running = await fingerprint();
      const reading = await TimeTravel.open(dir);
      expect(reading.last).toBe(travel.last);
      expect(await fingerprint()).toEqual(running);
      await durable.execute({ type: 'clock.advance', ms: 60_000 });
      await durable.execute(UNKNOWN_PRODUCT);
      await reading.refresh();
      expect(reading.last).toBe(durable.chain.seq);
      expect(reading.chainAt(reading.last).exportState()).toEqual(durable.chain.exportState());
      expect(reading.nextRefusal(travel.last)).toBe(durable.chain.seq);
    } finally {
      await durable.close();
    }
  });

  it('refuses a directory that holds no chain', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'time-travel-empty-'));
    try {
      await expect(TimeTravel.open(empty)).rejects.toThrow(`${empty} holds no chain`);
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('the refusals noted', () => {
  it('a crash that cut the journals voids the refusals noted after the seq the chain reopens at; a torn line is cut', async () => {
    const path = join(dir, 'notes.jsonl');
    const refusal = (after: number) => ({ after, at: after * 1000, command: UNKNOWN_PRODUCT, error: { rule: 'NOT_FOUND', message: 'no product' } });
    const log = await RefusalLog.open(path, 0);
    for (const after of [3, 5, 7]) log.note(refusal(after));
    await log.close();
    await writeFile(path, `${await readFile(path, 'utf8')}{"after":9,"at`);
    const reopened = await RefusalLog.open(path, 5);
    reopened.note(refusal(6));
    await reopened.close();
    expect((await readRefusals(path)).map((r) => r.after)).toEqual([3, 5, 6]);
  });
});
