/**
 * Time travel: the chain as it was at any point of its history, rebuilt from a data directory that is only read.
 *
 * Read-only, even while a server runs there: the lock is not taken, nothing is created, cut or rewritten (the lowdb
 * file is read as a whole, the journals line by line; a half-written last line is left out, as opening would). Only
 * the configuration and the two journals are read, never the snapshots: a journal holds every command from seq 1.
 *
 * The point in history is the chain's seq, as `report` prints it ("commands accepted"): the engine-level commands
 * both sides accepted, counted together (Chain.seq = store seq + headquarters seq). Seq N is the chain after the
 * first N of them in the order they were accepted, which each entry's `after` (the other side's last seq before it)
 * gives back; 0 is the chain as it started. A till sale that made a real-time call is two commands: headquarters'
 * createOrder, then the store's tender. A time is the chain after the last command at or before it.
 *
 * Cost: the chain is rebuilt once, and moves from where it is: a step forward replays one command; a step back
 * restores the nearest checkpoint at or before the point and replays the gap. A checkpoint is the state captured by
 * reference (what a snapshot writes out: actors' snapshots are immutable, headquarters' records never change in
 * place), so keeping one costs little; it becomes a chain again only when restored, through the snapshot's records
 * as opening does. They are kept every `every` commands while replaying, at most `maxCheckpoints` of them: past that
 * the spacing doubles and every other one goes.
 */
import { stat } from 'node:fs/promises';
import { Chain, type ChainOptions } from '../chain.ts';
import { buildCatalog, type Catalog } from '../domain/catalog.ts';
import type { RecordedCall } from '../headquarters-gateway.ts';
import type { HeadquartersCapture } from '../headquarters-engine.ts';
import { DEFAULT_START } from '../ids.ts';
import { chainReport, type ChainReport } from '../report.ts';
import type { CapturedState } from '../store-engine.ts';
import { dataPaths } from './data-dir.ts';
import { checkReplay } from './durable-chain.ts';
import { Journal, type JournalEntry } from './journal.ts';
import type { Side } from './recovery.ts';
import { readRefusals, type Refusal } from './refusal-log.ts';
import { readSideFile } from './snapshot-store.ts';
import { headquartersRecords, headquartersStateFrom, storeRecords, storeStateFrom } from './state-records.ts';

export type { Refusal };

/** A point asked for that the history does not hold: the field at fault (seq or time) and the valid range. */
export class TravelError extends Error {
  constructor(readonly field: 'seq' | 'time', message: string) {
    super(message);
  }
}

/** The chain's state at a point, by reference (see the header). */
interface Checkpoint { store: CapturedState; headquarters: HeadquartersCapture }

/** A command of the chain's history: its seq in the chain (1-based) and the side's journal entry. */
export interface HistoryEntry { seq: number; engine: Side; entry: JournalEntry }

export interface TravelOptions {
  /** Commands between checkpoints to start with (default 256). */
  every?: number;
  /** Checkpoints kept at most (default 32). */
  maxCheckpoints?: number;
  /** Commands `reach` replays between two turns of the event loop (default 256: ~50 ms of work at most). */
  replaySlice?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A file's size (-1: missing). */
async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return -1;
    throw error;
  }
}

export class TimeTravel {
  private readonly entries: HistoryEntry[] = [];
  /** Read but not yet placed: an entry whose `after` names a command of the other side not on disk yet. */
  private waiting: Record<Side, JournalEntry[]> = { store: [], headquarters: [] };
  private readonly placed: Record<Side, number> = { store: 0, headquarters: 0 };
  private refusals: Refusal[] = [];
  private readonly checkpoints = new Map<number, Checkpoint>();
  private every: number;
  private readonly maxCheckpoints: number;
  private readonly replaySlice: number;
  private current: Chain;
  private position = 0;
  private refreshing: Promise<void> | null = null;
  /** The sizes of the files read, as of the last read. */
  private sizes = '';

  private constructor(private readonly dataDir: string, private readonly catalog: Catalog, private readonly options: ChainOptions & { startAt: number }, travel: TravelOptions) {
    this.every = travel.every ?? 256;
    this.maxCheckpoints = travel.maxCheckpoints ?? 32;
    this.replaySlice = travel.replaySlice ?? 256;
    this.current = Chain.fromCatalog(catalog, options);
  }

  /** Reads a data directory's history (throws when it holds no chain, or its journals are damaged). */
  static async open(dataDir: string, options: TravelOptions = {}): Promise<TimeTravel> {
    const file = await readSideFile(dataPaths(dataDir).store.snapshots);
    if (file === null || file.config === null) throw new Error(`${dataDir} holds no chain`);
    const stored = file.config as { chain: unknown; seed: number; startAt?: number };
    const travel = new TimeTravel(dataDir, buildCatalog(stored.chain), { seed: stored.seed, startAt: stored.startAt ?? DEFAULT_START }, options);
    await travel.refresh();
    return travel;
  }

  /** The last seq on disk (0: no command yet). */
  get last(): number {
    return this.entries.length;
  }

  /** The virtual clock when the chain started (seq 0). */
  get startAt(): number {
    return this.options.startAt;
  }

  /** The virtual clock after the command at `seq` (the start at 0). */
  timeAt(seq: number): number {
    return seq === 0 ? this.startAt : this.entries[seq - 1]!.entry.at;
  }

  /** The command that brought the chain to `seq` (null at 0). */
  entryAt(seq: number): HistoryEntry | null {
    this.checkSeq(seq);
    return seq === 0 ? null : this.entries[seq - 1]!;
  }

  /**
   * Reads what was written since (a running server goes on): the new journal lines, placed in the order they were
   * accepted, and the refusals noted. Calls made meanwhile wait for the same read.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const paths = dataPaths(this.dataDir);
    // Nothing written since the last read: nothing to read (a scrubber asks at every step).
    const sizes = (await Promise.all([paths.store.journal, paths.headquarters.journal, paths.refusals].map(sizeOf))).join(' ');
    if (sizes === this.sizes) return;
    for (const side of ['store', 'headquarters'] as const) {
      const scan = await Journal.scan(paths[side].journal, { after: this.placed[side] });
      if (!scan.exists) throw new Error(`${this.dataDir} has no ${side} journal (${scan.path})`);
      if (scan.first > 1) throw new Error(`${scan.path} starts at seq ${scan.first}: the history before it is not kept`);
      // Re-read every time: what waited may have been cut by a restart and written again.
      this.waiting[side] = scan.entries;
    }
    this.place();
    this.refusals = await readRefusals(paths.refusals);
    this.sizes = sizes; // only once read whole: a read that failed is tried again
  }

  /**
   * Places the entries read in the order they were accepted: an entry comes after the other side's entries up to its
   * `after`, and before the other's next one. One that follows a command not on disk yet waits (as recovery.ts cuts).
   */
  private place(): void {
    const { store, headquarters } = this.waiting;
    let [s, h] = [0, 0];
    for (;;) {
      if (s < store.length && (store[s]!.after ?? 0) <= this.placed.headquarters) this.push('store', store[s++]!);
      else if (h < headquarters.length && (headquarters[h]!.after ?? 0) <= this.placed.store) this.push('headquarters', headquarters[h++]!);
      else break;
    }
    this.waiting = { store: store.slice(s), headquarters: headquarters.slice(h) };
  }

  private push(engine: Side, entry: JournalEntry): void {
    this.placed[engine] = entry.seq;
    this.entries.push({ seq: this.entries.length + 1, engine, entry });
  }

  /** Throws a TravelError (naming the range) unless the history holds `seq`. */
  checkSeq(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq > this.last) {
      throw new TravelError('seq', `expected a command number from 0 (the start) to ${this.last} (the last command), got ${seq}`);
    }
  }

  /** The seq of the chain at `time` (epoch ms): after the last command at or before it. */
  seqAt(time: number): number {
    const end = this.timeAt(this.last);
    // A time after the last command is the chain as it is now: the last command at or before it is the last one.
    if (Number.isNaN(time) || time < this.startAt) {
      throw new TravelError('time', `expected a time from ${iso(this.startAt)} (the start) onwards (the last command is at ${iso(end)})${Number.isNaN(time) ? '' : `, got ${iso(time)}`}`);
    }
    if (time >= end) return this.last;
    let [low, high] = [0, this.last]; // the answer lies in [low, high]
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.entries[mid - 1]!.entry.at <= time) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The refusals noted right after the command at `seq`: what the chain refused in the state it was in then. */
  refusalsAt(seq: number): Refusal[] {
    return this.refusals.filter((r) => r.after === seq);
  }

  /** The refusals noted up to `seq`. */
  refusalsUpTo(seq: number): Refusal[] {
    return this.refusals.filter((r) => r.after <= seq);
  }

  /** The seq of the next point after `seq` where a command was refused (null: none on disk). */
  nextRefusal(seq: number): number | null {
    return this.refusals.find((r) => r.after > seq && r.after <= this.last)?.after ?? null;
  }

  /** The seq of the last point before `seq` where a command was refused (null: none). */
  previousRefusal(seq: number): number | null {
    return this.refusals.findLast((r) => r.after < seq)?.after ?? null;
  }

  /** The analyst's report as of `seq`, its refusals by rule those noted up to then. */
  reportAt(seq: number): ChainReport {
    const report = chainReport(this.chainAt(seq));
    const refusedByRule: Record<string, number> = {};
    for (const { error } of this.refusalsUpTo(seq)) refusedByRule[error.rule] = (refusedByRule[error.rule] ?? 0) + 1;
    return { ...report, refusedByRule };
  }

  /**
   * The chain as it was at `seq`. The chain returned is the travel's own and moves on the next call: read it, never
   * send it a command.
   */
  chainAt(seq: number): Chain {
    this.startFor(seq);
    while (this.position < seq) this.replay(this.entries[this.position]!);
    return this.current;
  }

  /**
   * `chainAt` for a server: the replay lets other work in every `replaySlice` commands (a long history must not hold
   * the tills up). The caller keeps other moves of this travel out until it resolves.
   */
  async reach(seq: number): Promise<Chain> {
    this.startFor(seq);
    while (this.position < seq) {
      const until = Math.min(seq, this.position + this.replaySlice);
      while (this.position < until) this.replay(this.entries[this.position]!);
      if (this.position < seq) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.current;
  }

  /** Where replaying to `seq` starts: here, or the nearest checkpoint before it when that is closer or we are past. */
  private startFor(seq: number): void {
    this.checkSeq(seq);
    if (seq < this.position || this.nearestCheckpoint(seq) > this.position) this.restore(seq);
  }

  private nearestCheckpoint(seq: number): number {
    let best = 0;
    for (const at of this.checkpoints.keys()) if (at <= seq && at > best) best = at;
    return best;
  }

  /**
   * Starts again from the nearest checkpoint at or before `seq`: its state as a snapshot's records, then as opening
   * reads them back; copied, since the chain takes the state over and the checkpoint shares what it captured.
   */
  private restore(seq: number): void {
    const at = this.nearestCheckpoint(seq);
    const checkpoint = this.checkpoints.get(at);
    this.current = checkpoint === undefined ? Chain.fromCatalog(this.catalog, this.options) : Chain.restore(this.catalog, structuredClone({
      store: storeStateFrom([...storeRecords(checkpoint.store)]),
      headquarters: headquartersStateFrom([...headquartersRecords(checkpoint.headquarters)]),
    }), this.options);
    this.position = at;
  }

  private replay({ engine, entry }: HistoryEntry): void {
    const chain = this.current;
    const result = engine === 'store' ? chain.store.executeNow(entry.command, { calls: (entry.calls ?? []) as RecordedCall[] }) : chain.headquarters.executeNow(entry.command);
    checkReplay(engine, entry, result);
    this.position += 1;
    if (this.position % this.every === 0 && !this.checkpoints.has(this.position)) this.keepCheckpoint();
  }

  private keepCheckpoint(): void {
    this.checkpoints.set(this.position, { store: this.current.store.capture(), headquarters: this.current.headquarters.capture() });
    if (this.checkpoints.size <= this.maxCheckpoints) return;
    this.every *= 2;
    for (const at of this.checkpoints.keys()) if (at % this.every !== 0) this.checkpoints.delete(at);
  }

  /** How many checkpoints are kept, and their spacing (for tests and the curious). */
  get checkpointStats(): { count: number; every: number } {
    return { count: this.checkpoints.size, every: this.every };
  }
}
