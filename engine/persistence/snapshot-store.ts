/**
 * Configuration and the latest snapshot of one side of the chain.
 *
 * The small lowdb JSON file holds the configuration and the manifest of the current snapshot; the snapshot itself
 * is a JSON Lines file beside it, one record per line, written a chunk at a time (the event loop runs between
 * chunks, so a large state never holds the server up), then fsynced and renamed into place before the manifest
 * names it. Both are sealed (seal.ts): the lowdb file as a whole, each record line on its own and in its place, and
 * the manifest holds the records file's size and count, so a changed digit, a lost, added or moved line is found on
 * reading and refused (DamagedData). Every write goes to a temporary file that is fsynced and renamed into place (and removed
 * if the write fails): a resolved save is durable, a failed one leaves what was stored as it was.
 */
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { damaged } from './damage.ts';
import { nodeFiles, type DataFiles } from './files.ts';
import { syncDir } from './journal.ts';
import { seal, sealOf, unsealed } from './seal.ts';

/** The format this version writes: files without it were written by an earlier version (no checksums). */
const FORMAT = 2;

/**
 * Where a snapshot is: the last journal seq folded into it (replay resumes after it), its records' file with their
 * count and size, and the seqs both journals had on disk when it was taken (neither may end before).
 */
export interface SnapshotManifest {
  seq: number;
  at: number;
  file: string;
  records: number;
  bytes: number;
  journals: Record<'store' | 'headquarters', number>;
}

export interface StoreFile {
  config: unknown | null;
  snapshot: SnapshotManifest | null;
}

/** What a snapshot holds: its records, in the order they were written. */
export interface StoredSnapshot { seq: number; at: number; records: unknown[] }

/** Bytes serialized before each write (the event loop runs between writes). */
const CHUNK_BYTES = 256 * 1024;

/** Writes `path` whole: a temporary file, fsynced and renamed into place (the directory fsynced), removed on failure. */
async function writeWhole(files: DataFiles, path: string, write: (append: (data: Buffer) => Promise<void>) => Promise<void>): Promise<void> {
  const temp = `${path}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await write((data) => files.write(handle, temp, data));
      await files.sync(handle, temp);
    } finally {
      await handle.close();
    }
    await files.rename(temp, path);
    await syncDir(dirname(path));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The lowdb file, sealed: refused if changed, or written by an earlier version. */
class SealedFile implements Adapter<StoreFile> {
  constructor(private readonly path: string, private readonly files: DataFiles) {}

  async read(): Promise<StoreFile | null> {
    let data: Buffer;
    try {
      data = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const end = data.at(-1) === 0x0a ? data.length - 1 : data.length;
    const state = sealOf(data, 0, end);
    if (state === 'damaged') throw damaged(this.path, 'its checksum does not match its text (the file was changed)');
    let document: unknown;
    try {
      document = state === 'intact' ? unsealed(data, 0, end) : JSON.parse(data.toString('utf8'));
    } catch {
      throw damaged(this.path, 'it is not valid JSON');
    }
    const { format, config, snapshot } = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
    if (state === 'unsealed' || format !== FORMAT) {
      throw damaged(this.path, 'it was written by an earlier version of the engine, without checksums', 'replay its chain into a new data directory, or move the directory aside');
    }
    return { config: config ?? null, snapshot: (snapshot ?? null) as SnapshotManifest | null };
  }

  write(data: StoreFile): Promise<void> {
    return writeWhole(this.files, this.path, (append) => append(Buffer.from(`${seal(JSON.stringify({ format: FORMAT, ...data }, null, 2))}\n`, 'utf8')));
  }
}

/** A side's lowdb file read without opening the store (nothing written, no lock needed: time travel reads a live directory). */
export function readSideFile(path: string): Promise<StoreFile | null> {
  return new SealedFile(path, nodeFiles).read();
}

export class SnapshotStore {
  private constructor(
    readonly path: string,
    private readonly db: Low<StoreFile>,
    private readonly files: DataFiles,
  ) {}

  /**
   * Opens (creating parent dirs if missing; the file appears on first save) and removes what an interrupted write
   * left behind: temporary files, and records files the manifest does not name. Call it only with the data
   * directory locked.
   */
  static async open(path: string, options: { files?: DataFiles } = {}): Promise<SnapshotStore> {
    const files = options.files ?? nodeFiles;
    await mkdir(dirname(path), { recursive: true });
    const db = new Low<StoreFile>(new SealedFile(path, files), { config: null, snapshot: null });
    await db.read();
    const store = new SnapshotStore(path, db, files);
    await store.removeLeftovers();
    return store;
  }

  private async removeLeftovers(): Promise<void> {
    const base = basename(this.path, '.json');
    const current = this.db.data.snapshot?.file;
    const leftover = (file: string) => file === `${basename(this.path)}.tmp` || (file.startsWith(`${base}.snapshot-`) && file !== current && (file.endsWith('.jsonl') || file.endsWith('.jsonl.tmp')));
    for (const file of await readdir(dirname(this.path))) if (leftover(file)) await rm(join(dirname(this.path), file), { force: true });
  }

  get config(): unknown | null {
    return this.db.data.config;
  }

  /** The current snapshot's seq, time and journal marks (null: none yet). */
  get snapshot(): Pick<SnapshotManifest, 'seq' | 'at' | 'journals'> | null {
    const snapshot = this.db.data.snapshot;
    return snapshot === null ? null : { seq: snapshot.seq, at: snapshot.at, journals: snapshot.journals };
  }

  async saveConfig(config: unknown): Promise<void> {
    this.db.data.config = JSON.parse(JSON.stringify(config ?? null)) as unknown;
    await this.db.write();
  }

  /**
   * Writes a snapshot's records (serialized as they are read from `records`, a chunk at a time), then names it in
   * the manifest and removes the snapshot it replaces. Refuses a snapshot older than the stored one (equal seq is
   * allowed: a re-save). A failed write leaves the stored snapshot as it was and no file behind.
   */
  async saveSnapshot(head: { seq: number; at: number; journals: SnapshotManifest['journals'] }, records: Iterable<unknown>): Promise<SnapshotManifest> {
    const current = this.db.data.snapshot;
    if (current !== null && head.seq < current.seq) {
      throw new Error(`snapshot seq ${head.seq} is older than the stored snapshot seq ${current.seq}`);
    }
    const file = `${basename(this.path, '.json')}.snapshot-${head.seq}.jsonl`;
    const target = join(dirname(this.path), file);
    let count = 0;
    let bytes = 0;
    await writeWhole(this.files, target, async (append) => {
      let chunk = '';
      const flush = async () => {
        const buffer = Buffer.from(chunk, 'utf8');
        bytes += buffer.length;
        chunk = '';
        await append(buffer);
      };
      for (const record of records) {
        count += 1;
        chunk += `${seal(JSON.stringify(record), count)}\n`;
        if (chunk.length >= CHUNK_BYTES) await flush();
      }
      await flush();
    });
    const manifest: SnapshotManifest = { seq: head.seq, at: head.at, file, records: count, bytes, journals: head.journals };
    try {
      this.db.data.snapshot = manifest;
      await this.db.write();
    } catch (error) {
      this.db.data.snapshot = current;
      if (current?.file !== file) await rm(target, { force: true });
      throw error;
    }
    // The replaced records file is only clutter now: one left behind is removed on the next open.
    if (current !== null && current.file !== file) await rm(join(dirname(this.path), current.file), { force: true }).catch(() => {});
    return manifest;
  }

  /** The current snapshot's records, each line's seal (in its place) and the count and size checked (null: none yet). */
  async readSnapshot(): Promise<StoredSnapshot | null> {
    const snapshot = this.db.data.snapshot;
    if (snapshot === null) return null;
    const path = join(dirname(this.path), snapshot.file);
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw damaged(path, `it is missing, and ${this.path} names it as the snapshot at seq ${snapshot.seq}`);
      throw error;
    }
    const records: unknown[] = [];
    let start = 0;
    for (let end = data.indexOf(0x0a); end !== -1; start = end + 1, end = data.indexOf(0x0a, start)) {
      const state = sealOf(data, start, end, records.length + 1);
      if (state !== 'intact') throw damaged(`${path} line ${records.length + 1}`, state === 'damaged' ? 'its checksum does not match its text and place (the line was changed or moved)' : 'it is not a sealed snapshot record');
      records.push(unsealed(data, start, end));
    }
    if (start !== data.length || records.length !== snapshot.records || data.length !== snapshot.bytes) {
      throw damaged(path, `it holds ${records.length} records in ${data.length} bytes, its manifest in ${this.path} says ${snapshot.records} in ${snapshot.bytes}: lines were lost or added`);
    }
    return { seq: snapshot.seq, at: snapshot.at, records };
  }
}
