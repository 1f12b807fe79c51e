/**
 * Configuration and the latest snapshot of one side of the chain.
 *
 * The small lowdb JSON file holds the configuration and the manifest of the current snapshot; the snapshot itself
 * is a JSON Lines file beside it, one record per line, written a chunk at a time (the event loop runs between
 * chunks, so a large state never holds the server up), then fsynced and renamed into place before the manifest
 * names it. lowdb rewrites its whole file on every write (via steno: temp file, then rename) and does not fsync, so
 * after each write the file and its directory are fsynced here: a resolved save is durable.
 */
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { syncDir } from './journal.ts';

/** Where a snapshot is: the last journal seq folded into it (replay resumes after it), and its records' file. */
export interface SnapshotManifest { seq: number; at: number; file: string; records: number; bytes: number }

/** A snapshot as versions before the records file stored it: the whole state inline. */
interface InlineSnapshot { seq: number; at: number; state: unknown }

export interface StoreFile {
  config: unknown | null;
  snapshot: SnapshotManifest | InlineSnapshot | null;
}

/** What a snapshot holds: its records, in the order they were written (or an older snapshot's inline state). */
export type StoredSnapshot = { seq: number; at: number; records: unknown[] } | InlineSnapshot;

/** Bytes serialized before each write (the event loop runs between writes). */
const CHUNK_BYTES = 256 * 1024;

export class SnapshotStore {
  private constructor(
    readonly path: string,
    private readonly db: Low<StoreFile>,
  ) {}

  /** Opens (creating parent dirs if missing; the file appears on first save). */
  static async open(path: string): Promise<SnapshotStore> {
    await mkdir(dirname(path), { recursive: true });
    const db = new Low<StoreFile>(new JSONFile<StoreFile>(path), { config: null, snapshot: null });
    await db.read();
    const data: unknown = db.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(`snapshot store ${path} does not hold an object`);
    }
    const { config, snapshot } = data as Partial<StoreFile>;
    db.data = { config: config ?? null, snapshot: snapshot ?? null };
    return new SnapshotStore(path, db);
  }

  get config(): unknown | null {
    return this.db.data.config;
  }

  /** The current snapshot's seq and time (null: none yet). */
  get snapshot(): { seq: number; at: number } | null {
    const snapshot = this.db.data.snapshot;
    return snapshot === null ? null : { seq: snapshot.seq, at: snapshot.at };
  }

  async saveConfig(config: unknown): Promise<void> {
    this.db.data.config = JSON.parse(JSON.stringify(config ?? null)) as unknown;
    await this.persist();
  }

  /**
   * Writes a snapshot's records (serialized as they are read from `records`, a chunk at a time), then names it in
   * the manifest and removes the snapshot it replaces. Refuses a snapshot older than the stored one (equal seq is
   * allowed: a re-save). A failed write leaves the stored snapshot as it was and no file behind.
   */
  async saveSnapshot(head: { seq: number; at: number }, records: Iterable<unknown>): Promise<SnapshotManifest> {
    const current = this.db.data.snapshot;
    if (current !== null && head.seq < current.seq) {
      throw new Error(`snapshot seq ${head.seq} is older than the stored snapshot seq ${current.seq}`);
    }
    const file = `${basename(this.path, '.json')}.snapshot-${head.seq}.jsonl`;
    const target = join(dirname(this.path), file);
    const temp = `${target}.tmp`;
    let count = 0;
    let bytes = 0;
    try {
      const handle = await open(temp, 'w');
      try {
        let chunk = '';
        for (const record of records) {
          chunk += `${JSON.stringify(record)}\n`;
          count += 1;
          if (chunk.length >= CHUNK_BYTES) {
            bytes += await writeText(handle, chunk);
            chunk = '';
          }
        }
        bytes += await writeText(handle, chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      await syncDir(dirname(this.path));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const manifest: SnapshotManifest = { seq: head.seq, at: head.at, file, records: count, bytes };
    this.db.data.snapshot = manifest;
    await this.persist();
    const replaced = current !== null && 'file' in current ? current.file : null;
    if (replaced !== null && replaced !== file) await rm(join(dirname(this.path), replaced), { force: true });
    return manifest;
  }

  /** The current snapshot's records (null: none yet). */
  async readSnapshot(): Promise<StoredSnapshot | null> {
    const snapshot = this.db.data.snapshot;
    if (snapshot === null || 'state' in snapshot) return snapshot;
    const text = await readFile(join(dirname(this.path), snapshot.file), 'utf8');
    const records: unknown[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) records.push(JSON.parse(text.slice(start, end)));
    if (records.length !== snapshot.records) throw new Error(`snapshot ${snapshot.file} holds ${records.length} records, its manifest says ${snapshot.records}`);
    return { seq: snapshot.seq, at: snapshot.at, records };
  }

  private async persist(): Promise<void> {
    await this.db.write(); // steno serialises concurrent writes; the last data wins
    const handle = await open(this.path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDir(dirname(this.path)); // the rename is durable only once the directory is synced
  }
}

async function writeText(handle: FileHandle, text: string): Promise<number> {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += (await handle.write(buffer, offset, buffer.length - offset)).bytesWritten;
  return buffer.length;
}
