// Append-only command journal (JSON Lines) with group commit.
//
// Every accepted command is appended here before it is acknowledged; restart =
// latest snapshot + replay of the entries after it. An append resolves only once
// its bytes are written and fdatasync'ed, so an acknowledged command survives a
// process kill (and, fsync permitting, a power loss).
//
// Each line is sealed (seal.ts: a CRC32 of its text) and seqs are consecutive, so a
// changed digit, a line lost in the middle or lines out of order are found on
// reading and refused (DamagedData), never believed. Only a torn final line (a write
// that never completed, so was never acknowledged) is cut, with a warning.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CommandKey } from './command-keys.ts';
import { damaged } from './damage.ts';
import { nodeFiles, type DataFiles } from './files.ts';
import { seal, sealOf, unsealed } from './seal.ts';

export interface JournalEntry {
  /** Consecutive, starting at 1. */
  seq: number;
  /** Virtual clock (ms) when the command was accepted. */
  at: number;
  command: unknown;
  /** The real-time calls the command made and their answers, replayed instead of calling again. */
  calls?: unknown[];
  /**
   * The seq of the other journal this entry follows (what the other side had accepted before it): the entry holds
   * only if that one is on disk too (see DurableChain). Absent: it follows nothing that could be missing.
   */
  after?: number;
  /**
   * The other journal's seq that was on disk when this entry was written: a crash cannot take that back, so a
   * journal found shorter than another's entries say was cut (see DurableChain). Absent: nothing was.
   */
  otherOnDisk?: number;
  /** The client's key of the command this entry completes, with its answer (see command-keys.ts). */
  key?: CommandKey;
}

export interface JournalOptions {
  /** fdatasync every batch before acknowledging it (default true). Off only for throwaway runs. */
  fsync?: boolean;
  /** Keep only the entries up to this seq: the rest is cut off the file when it opens. */
  keepUpTo?: number;
  /** The file as `Journal.scan` read it (saves reading it again). */
  scanned?: JournalScan;
  files?: DataFiles;
}

/** What a journal file holds, checked line by line (see `Journal.scan`). */
export interface JournalScan {
  path: string;
  exists: boolean;
  /** The entries after the seq scanned from, parsed. */
  entries: JournalEntry[];
  /** The first and last intact seqs (0 when there is none). */
  first: number;
  last: number;
  /** The last intact entry, parsed (null: none). */
  lastEntry: JournalEntry | null;
  /** Bytes of intact lines, and of the file (more: a torn final line). */
  intactBytes: number;
  totalBytes: number;
  /** The byte offset just after each line from the seq scanned from on (`ends[0]` is `endsFrom`'s; see `endOf`). */
  ends: number[];
  endsFrom: number;
}

/** The byte offset just after the line of `seq` (0: before the first line). */
function endOf(scan: JournalScan, seq: number): number {
  if (seq < scan.first) return 0;
  if (seq === scan.last) return scan.intactBytes;
  if (seq < scan.endsFrom) throw new Error(`journal ${scan.path}: seq ${seq} lies before the part scanned`);
  return scan.ends[seq - scan.endsFrom]!;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

// Paths with an open Journal in this process: a second writer would interleave
// lines (the data directory lock keeps other processes out).
const openPaths = new Set<string>();

export class Journal {
  /** entries/batches/syncs written so far; syncs < entries means group commit is batching. */
  readonly stats = { entries: 0, batches: 0, syncs: 0 };

  /** Lines written but not yet on disk, with the seq of the last entry each batch holds. */
  private queue: string[] = [];
  private queuedSeq = 0;
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;
  /** The last seq on disk (written, and synced when fsync is on). */
  private durable: number;

  private constructor(
    readonly path: string,
    // Not `#private` so a test can close it to simulate an I/O failure.
    private readonly handle: FileHandle,
    private readonly fsync: boolean,
    private readonly files: DataFiles,
    private lastSeq: number,
  ) {
    this.durable = lastSeq;
  }

  /** The last seq on disk. */
  get durableSeq(): number {
    return this.durable;
  }

  /** The last seq written (on disk or not). */
  get writtenSeq(): number {
    return this.lastSeq;
  }

  /** Why the journal failed (null: it has not): from then on nothing is appended. */
  get failed(): Error | null {
    return this.failure;
  }

  /**
   * Opens (creating parent dirs and the file if missing) for appending. A torn final line left by a crash is cut
   * first (otherwise the next append would be glued onto it), and so are the entries after `keepUpTo`, with a
   * warning. Throws DamagedData if the journal is damaged (see scan), or if it is already open in this process.
   */
  static async open(path: string, options: JournalOptions = {}): Promise<Journal> {
    const key = resolve(path);
    if (openPaths.has(key)) throw new Error(`journal ${path} is already open in this process`);
    openPaths.add(key);
    try {
      const scanned = options.scanned ?? await Journal.scan(path, { after: options.keepUpTo ?? Infinity });
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, 'a+'); // O_APPEND: every write lands at the end
      try {
        const keep = Math.min(options.keepUpTo ?? scanned.last, scanned.last);
        const keptBytes = endOf(scanned, keep);
        const { size } = await handle.stat();
        if (size !== scanned.totalBytes) throw new Error(`journal ${path} changed while it was opened (${scanned.totalBytes} bytes read, ${size} now)`);
        if (keptBytes < size) {
          console.warn(`journal ${path}: cut ${describeCut(scanned, keep, keptBytes)} (never acknowledged: a crash interrupted the write)`);
          await handle.truncate(keptBytes);
          await handle.datasync();
        }
        await syncDir(dirname(path)); // make a freshly created file's directory entry durable
        return new Journal(path, handle, options.fsync ?? true, options.files ?? nodeFiles, keep);
      } catch (err) {
        await handle.close();
        throw err;
      }
    } catch (err) {
      openPaths.delete(key);
      throw err;
    }
  }

  /**
   * Resolves once the entry is written and synced. Appends made while a batch is
   * in flight go out together in the next single write + fdatasync, in call order.
   * A rejection means "not acknowledged": after a failed write the entry may or
   * may not be on disk (a partial batch can land before the error).
   */
  append(entry: JournalEntry): Promise<void> {
    try {
      this.write(entry);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.whenDurable(entry.seq);
  }

  /**
   * Queues an entry for the next batch without waiting for it (`whenDurable` says when it is on disk). Throws when
   * the journal failed or closed, or the seq does not follow the last one.
   */
  write(entry: JournalEntry): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error(`journal ${this.path} is closed`);
    if (entry.seq !== this.lastSeq + 1) throw new Error(`journal ${this.path}: seq ${entry.seq} does not follow ${this.lastSeq}`);
    let bytes: string;
    try {
      bytes = seal(JSON.stringify(entry)) + '\n'; // JSON escapes newlines, so one entry = one line
    } catch (err) {
      throw new Error(`journal ${this.path}: entry ${entry.seq} is not serializable`, { cause: err });
    }
    this.lastSeq = entry.seq;
    this.queue.push(bytes);
    this.queuedSeq = entry.seq;
    // Start on a microtask so entries written in the same tick share the first batch too.
    this.flushing ??= Promise.resolve().then(() => this.drain());
  }

  /** Resolves once every entry up to `seq` is on disk; rejects if the journal failed first. */
  whenDurable(seq: number): Promise<void> {
    if (seq <= this.durable) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => { this.waiters.push({ seq, resolve, reject }); });
  }

  /** Flushes pending appends, then closes the file. Idempotent; a failed journal still closes. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
    openPaths.delete(resolve(this.path));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      const upTo = this.queuedSeq;
      this.queue = [];
      try {
        await this.files.write(this.handle, this.path, Buffer.from(batch.join(''), 'utf8'));
        if (this.fsync) {
          await this.files.sync(this.handle, this.path);
          this.stats.syncs++;
        }
      } catch (err) {
        // Fail for good: after a failed write/fsync the file state is unknown and
        // retrying fsync can falsely report success, so nothing more is accepted.
        const message = err instanceof Error ? err.message : String(err);
        this.failure = new Error(`journal ${this.path} failed, no further appends accepted: ${message}`, {
          cause: err,
        });
        this.queue = [];
        for (const w of this.waiters) w.reject(this.failure);
        this.waiters = [];
        break;
      }
      this.stats.batches++;
      this.stats.entries += batch.length;
      this.durable = upTo;
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) {
        if (w.seq <= upTo) w.resolve();
        else this.waiters.push(w);
      }
    }
    this.flushing = null;
  }

  /** The complete entries after seq `after` (default: all). Missing file = []. Throws DamagedData (see scan). */
  static async readAll(path: string, options: { after?: number } = {}): Promise<JournalEntry[]> {
    return (await Journal.scan(path, options)).entries;
  }

  /**
   * Reads a journal, checking every line's seal and that seqs are consecutive, and parses the entries after seq
   * `after` (a snapshot's: a long day's journal is not held in memory to replay its tail) and the last one. A torn
   * final line (no newline, or not a sealed line at all: a write that never completed) is left out; any other line
   * that is not intact is damage, and so is a final line whose seal does not match its text (a complete line that
   * was changed). Throws DamagedData naming the line.
   */
  static async scan(path: string, options: { after?: number } = {}): Promise<JournalScan> {
    const data = await readIfExists(path);
    return parse(data ?? Buffer.alloc(0), path, options.after ?? 0, data !== null);
  }
}

/** What open() cuts off: the torn final line's bytes and the entries after `keep`. */
function describeCut(scanned: JournalScan, keep: number, keptBytes: number): string {
  const torn = scanned.totalBytes - scanned.intactBytes;
  const parts = [];
  if (keep < scanned.last) parts.push(`entries ${keep + 1}..${scanned.last} (they followed entries the other journal does not hold)`);
  if (torn > 0) parts.push(`${torn} bytes of a torn final line`);
  return `${parts.join(' and ')}, ${scanned.totalBytes - keptBytes} bytes`;
}

function parse(data: Buffer, path: string, after: number, exists: boolean): JournalScan {
  const scan: JournalScan = { path, exists, entries: [], first: 0, last: 0, lastEntry: null, intactBytes: 0, totalBytes: data.length, ends: [], endsFrom: 0 };
  let start = 0;
  for (let lineNo = 1; start < data.length; lineNo++) {
    const newline = data.indexOf(0x0a, start);
    const end = newline === -1 ? data.length : newline;
    const final = newline === -1 || newline + 1 === data.length;
    const state = sealOf(data, start, end);
    // A write cut short by a crash leaves a final line without its newline, or bytes that never were a sealed line.
    if (final && (newline === -1 || state === 'unsealed')) break;
    const where = `journal ${path} line ${lineNo}`;
    if (state !== 'intact') throw damaged(where, state === 'damaged' ? 'its checksum does not match its text (the line was changed)' : 'it is not a sealed journal entry');
    const seq = framedSeq(data, start, end);
    if (seq === null) throw damaged(where, 'it is not a journal entry');
    if (scan.last !== 0 && seq !== scan.last + 1) throw damaged(where, `seq ${seq} does not follow seq ${scan.last} (lines are missing or out of order)`);
    if (scan.last === 0) scan.first = seq;
    scan.last = seq;
    if (seq > after || final) {
      const entry = parseEntry(data, start, end);
      if (entry === null || entry.seq !== seq) throw damaged(where, 'it is not a journal entry');
      if (seq > after) scan.entries.push(entry);
      scan.lastEntry = entry;
    }
    start = end + 1;
    if (seq >= after) {
      if (scan.ends.length === 0) scan.endsFrom = seq;
      scan.ends.push(start);
    }
    scan.intactBytes = start;
  }
  return scan;
}

const FRAME_START = Buffer.from('{"seq":');
const [DIGIT_0, DIGIT_9, COMMA] = [0x30, 0x39, 0x2c];

/** The seq of a sealed line as this journal writes it (`{"seq":<digits>,` ...), without parsing the rest. */
function framedSeq(data: Buffer, start: number, end: number): number | null {
  if (data.compare(FRAME_START, 0, FRAME_START.length, start, start + FRAME_START.length) !== 0) return null;
  let seq = 0;
  let at = start + FRAME_START.length;
  for (; at < end && data[at]! >= DIGIT_0 && data[at]! <= DIGIT_9; at++) seq = seq * 10 + data[at]! - DIGIT_0;
  return at > start + FRAME_START.length && data[at] === COMMA ? seq : null;
}

function parseEntry(data: Buffer, start: number, end: number): JournalEntry | null {
  try {
    const v = unsealed(data, start, end);
    if (typeof v !== 'object' || v === null) return null;
    const { seq, at, command, calls, after, otherOnDisk, key } = v as Record<string, unknown>;
    if (!Number.isInteger(seq) || typeof at !== 'number' || (calls !== undefined && !Array.isArray(calls)) || (after !== undefined && !Number.isInteger(after))
      || (otherOnDisk !== undefined && !Number.isInteger(otherOnDisk)) || (key !== undefined && (typeof key !== 'object' || key === null))) return null;
    return {
      seq: seq as number, at, command, ...(calls === undefined ? {} : { calls: calls as unknown[] }), ...(after === undefined ? {} : { after: after as number }),
      ...(otherOnDisk === undefined ? {} : { otherOnDisk: otherOnDisk as number }), ...(key === undefined ? {} : { key: key as CommandKey }),
    };
  } catch {
    return null;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    const handle = await open(path, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
