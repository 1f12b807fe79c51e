// Append-only command journal (JSON Lines) with group commit.
//
// Every accepted command is appended here before it is acknowledged; restart =
// latest snapshot + replay of the entries after it. An append resolves only once
// its bytes are written and fdatasync'ed, so an acknowledged command survives a
// process kill (and, fsync permitting, a power loss).
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface JournalEntry {
  /** Strictly increasing, starting at 1. */
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
}

export interface JournalOptions {
  /** fdatasync every batch before acknowledging it (default true). Off only for throwaway runs. */
  fsync?: boolean;
  /** Keep only the entries up to this seq: the rest is cut off the file when it opens. */
  keepUpTo?: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

// Paths with an open Journal in this process: a second writer would interleave
// lines, and compacting under a live writer would lose its later appends.
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

  /**
   * Opens (creating parent dirs and the file if missing) for appending.
   * A torn tail left by a crash is truncated first, otherwise the next append
   * would be glued onto it and turn it into a corrupt middle line.
   * Throws if the journal is corrupt (see readAll) or already open in this process.
   */
  static async open(path: string, options: JournalOptions = {}): Promise<Journal> {
    const key = resolve(path);
    if (openPaths.has(key)) throw new Error(`journal ${path} is already open in this process`);
    openPaths.add(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, 'a+'); // O_APPEND: every write lands at the end
      try {
        // Only the seqs and line ends are needed here: no entry is kept (the caller read the ones it replays).
        const { seqs, ends, validBytes, totalBytes } = parse(await handle.readFile(), path, Infinity);
        const kept = options.keepUpTo === undefined ? seqs.length : seqs.findIndex((seq) => seq > options.keepUpTo!);
        const keep = kept === -1 ? seqs.length : kept;
        const keptBytes = keep === seqs.length ? validBytes : keep === 0 ? 0 : ends[keep - 1]!;
        if (keptBytes < totalBytes) {
          await handle.truncate(keptBytes);
          await handle.datasync();
        }
        await syncDir(dirname(path)); // make a freshly created file's directory entry durable
        return new Journal(path, handle, options.fsync ?? true, keep === 0 ? 0 : seqs[keep - 1]!);
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
    if (!Number.isInteger(entry.seq) || entry.seq <= this.lastSeq) {
      throw new Error(`journal ${this.path}: seq ${entry.seq} must be an integer greater than ${this.lastSeq}`);
    }
    let bytes: string;
    try {
      bytes = JSON.stringify(entry) + '\n'; // JSON escapes newlines, so one entry = one line
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
        await writeAll(this.handle, Buffer.from(batch.join(''), 'utf8'));
        if (this.fsync) {
          await this.handle.datasync();
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

  /**
   * Reads every complete entry after seq `after` (default: all; a snapshot's seq, so that a long day's journal is
   * not held in memory to replay its tail). Missing file = []. A torn last line (no trailing newline, or unparsable)
   * is a crash mid-write of an unacknowledged batch and is ignored; anything wrong before it throws with the line
   * number.
   */
  static async readAll(path: string, options: { after?: number } = {}): Promise<JournalEntry[]> {
    const data = await readIfExists(path);
    return data ? parse(data, path, options.after ?? 0).entries : [];
  }

  /**
   * Atomically rewrites the journal keeping only entries with seq > keepAfterSeq
   * (temp file, fsync, rename, fsync dir). Call it only after the snapshot at
   * keepAfterSeq is durable, and never while a Journal is open on this path (checked
   * in this process only; another process holding it open would keep appending to
   * the replaced inode and lose those entries).
   */
  static async compact(path: string, keepAfterSeq: number): Promise<void> {
    if (openPaths.has(resolve(path))) throw new Error(`cannot compact ${path}: a Journal is open on it`);
    const entries = await Journal.readAll(path);
    const temp = `${path}.compact-${process.pid}.tmp`;
    const handle = await open(temp, 'w');
    try {
      const kept = entries.filter((e) => e.seq > keepAfterSeq);
      await writeAll(handle, Buffer.from(kept.map((e) => JSON.stringify(e) + '\n').join(''), 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDir(dirname(path)); // the rename itself is only durable once the directory is synced
  }
}

/**
 * Parses JSON Lines, keeping the entries after seq `keepAfter`; `seqs` and `ends` list every intact line's seq and
 * end, and validBytes is the length of the intact prefix (what open() keeps). A line at or before `keepAfter` is
 * only checked for its frame (see framedSeq): parsing a whole day to replay its tail would cost most of an open.
 */
function parse(data: Buffer, path: string, keepAfter: number): { entries: JournalEntry[]; seqs: number[]; ends: number[]; validBytes: number; totalBytes: number } {
  const entries: JournalEntry[] = [];
  const seqs: number[] = [];
  const ends: number[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < data.length) {
    lineNo++;
    const nl = data.indexOf(0x0a, start);
    if (nl === -1) break; // no trailing newline: torn tail
    const last = nl + 1 === data.length;
    const framed = last ? null : framedSeq(data, start, nl);
    let seq: number;
    if (framed !== null && framed <= keepAfter) seq = framed;
    else {
      const entry = parseEntry(data.toString('utf8', start, nl));
      if (!entry) {
        if (last) break; // unparsable last line: torn tail
        throw new Error(`journal ${path}: line ${lineNo} is corrupt`);
      }
      seq = entry.seq;
      if (seq > keepAfter) entries.push(entry);
    }
    const prev = seqs.at(-1);
    if (prev !== undefined && seq <= prev) {
      throw new Error(`journal ${path}: line ${lineNo} has seq ${seq}, not greater than ${prev}`);
    }
    seqs.push(seq);
    start = nl + 1;
    ends.push(start);
  }
  return { entries, seqs, ends, validBytes: start, totalBytes: data.length };
}

const FRAME_START = Buffer.from('{"seq":');
const [DIGIT_0, DIGIT_9, COMMA, CLOSE_BRACE] = [0x30, 0x39, 0x2c, 0x7d];

/**
 * The seq of a line as this journal writes it (`{"seq":<digits>,` ... `}`), without parsing the rest; null when the
 * line is not framed so (it is then parsed, and a corrupt one throws). A line is written whole with its newline, so
 * a torn write shows as a missing frame end.
 */
function framedSeq(data: Buffer, start: number, end: number): number | null {
  if (end - start < FRAME_START.length + 3 || data[end - 1] !== CLOSE_BRACE) return null;
  if (data.compare(FRAME_START, 0, FRAME_START.length, start, start + FRAME_START.length) !== 0) return null;
  let seq = 0;
  let at = start + FRAME_START.length;
  for (; at < end && data[at]! >= DIGIT_0 && data[at]! <= DIGIT_9; at++) seq = seq * 10 + data[at]! - DIGIT_0;
  return at > start + FRAME_START.length && data[at] === COMMA ? seq : null;
}

function parseEntry(line: string): JournalEntry | null {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return null;
    const { seq, at, command, calls, after } = v as Record<string, unknown>;
    if (!Number.isInteger(seq) || typeof at !== 'number' || (calls !== undefined && !Array.isArray(calls)) || (after !== undefined && !Number.isInteger(after))) return null;
    return { seq: seq as number, at, command, ...(calls === undefined ? {} : { calls: calls as unknown[] }), ...(after === undefined ? {} : { after: after as number }) };
  } catch {
    return null;
  }
}

// FileHandle.write may write fewer bytes than asked; loop so a batch is never cut short silently.
async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
    offset += bytesWritten;
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
