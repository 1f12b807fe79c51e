// Configuration + latest snapshot in one small lowdb JSON file.
//
// lowdb rewrites the whole file on every write (via steno: write a temp file, then
// rename over the target, so a reader never sees a half-written file). steno does
// not fsync, so after each write we fsync the file and its directory ourselves:
// a resolved saveSnapshot is durable, which is what makes Journal.compact safe.
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { syncDir } from './journal.ts';

export interface StoredSnapshot {
  /** Last journal seq folded into `state`; replay resumes after it. */
  seq: number;
  at: number;
  state: unknown;
}

export interface StoreFile {
  config: unknown | null;
  snapshot: StoredSnapshot | null;
}

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

  get snapshot(): StoredSnapshot | null {
    return this.db.data.snapshot;
  }

  async saveConfig(config: unknown): Promise<void> {
    this.db.data.config = jsonCopy(config);
    await this.persist();
  }

  /** Refuses a snapshot older than the stored one (equal seq is allowed: a re-save). */
  async saveSnapshot(snapshot: StoredSnapshot): Promise<void> {
    const current = this.db.data.snapshot;
    if (current && snapshot.seq < current.seq) {
      throw new Error(`snapshot seq ${snapshot.seq} is older than the stored snapshot seq ${current.seq}`);
    }
    this.db.data.snapshot = jsonCopy(snapshot);
    await this.persist();
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

// Keep in memory exactly what a reopen would read back (no Maps/Dates/undefined
// surprises), and detach it from the caller's live objects.
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value) ?? 'null') as T;
}
