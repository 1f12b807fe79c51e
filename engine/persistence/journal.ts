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
}

export interface JournalOptions {
  /** fdatasync every batch before acknowledging it (default true). Off only for throwaway runs. */
  fsync?: boolean;
}

interface Pending {
  bytes: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

// Paths with an open Journal in this process: a second writer would interleave
// lines, and compacting under a live writer would lose its later appends.
const openPaths = new Set<string>();

export class Journal {
  /** entries/batches/syncs written so far; syncs < entries means group commit is batching. */
  readonly stats = { entries: 0, batches: 0, syncs: 0 };

  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    readonly path: string,
    // Not `#private` so a test can close it to simulate an I/O failure.
    private readonly handle: FileHandle,
    private readonly fsync: boolean,
    private lastSeq: number,
  ) {}

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
        const { entries, validBytes, totalBytes } = parse(await handle.readFile(), path);
        if (validBytes < totalBytes) {
          await handle.truncate(validBytes);
          await handle.datasync();
        }
        await syncDir(dirname(path)); // make a freshly created file's directory entry durable
        return new Journal(path, handle, options.fsync ?? true, entries.at(-1)?.seq ?? 0);
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
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    if (!Number.isInteger(entry.seq) || entry.seq <= this.lastSeq) {
      return Promise.reject(
        new Error(`journal ${this.path}: seq ${entry.seq} must be an integer greater than ${this.lastSeq}`),
      );
    }
    let bytes: string;
    try {
      bytes = JSON.stringify(entry) + '\n'; // JSON escapes newlines, so one entry = one line
    } catch (err) {
      return Promise.reject(new Error(`journal ${this.path}: entry ${entry.seq} is not serializable`, { cause: err }));
    }
    this.lastSeq = entry.seq;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      // Start on a microtask so appends fired in the same tick share the first batch too.
      this.flushing ??= Promise.resolve().then(() => this.drain());
    });
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
      this.queue = [];
      try {
        await writeAll(this.handle, Buffer.from(batch.map((p) => p.bytes).join(''), 'utf8'));
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
        for (const p of [...batch, ...this.queue]) p.reject(this.failure);
        this.queue = [];
        break;
      }
      this.stats.batches++;
      this.stats.entries += batch.length;
      for (const p of batch) p.resolve();
    }
    this.flushing = null;
  }

  /**
   * Reads every complete entry. Missing file = []. A torn last line (no trailing
   * newline, or unparsable) is a crash mid-write of an unacknowledged batch and is
   * ignored; anything wrong before it throws with the line number.
   */
  static async readAll(path: string): Promise<JournalEntry[]> {
    const data = await readIfExists(path);
    return data ? parse(data, path).entries : [];
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

/** Parses JSON Lines; validBytes is the length of the intact prefix (what open() keeps). */
function parse(data: Buffer, path: string): { entries: JournalEntry[]; validBytes: number; totalBytes: number } {
  const entries: JournalEntry[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < data.length) {
    lineNo++;
    const nl = data.indexOf(0x0a, start);
    if (nl === -1) break; // no trailing newline: torn tail
    const entry = parseEntry(data.toString('utf8', start, nl));
    if (!entry) {
      if (nl + 1 === data.length) break; // unparsable last line: torn tail
      throw new Error(`journal ${path}: line ${lineNo} is corrupt`);
    }
    const prev = entries.at(-1);
    if (prev && entry.seq <= prev.seq) {
      throw new Error(`journal ${path}: line ${lineNo} has seq ${entry.seq}, not greater than ${prev.seq}`);
    }
    entries.push(entry);
    start = nl + 1;
  }
  return { entries, validBytes: start, totalBytes: data.length };
}

function parseEntry(line: string): JournalEntry | null {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return null;
    const { seq, at, command, calls } = v as Record<string, unknown>;
    if (!Number.isInteger(seq) || typeof at !== 'number' || (calls !== undefined && !Array.isArray(calls))) return null;
    return calls === undefined ? { seq: seq as number, at, command } : { seq: seq as number, at, command, calls };
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
