/**
 * The store engine with its state on disk: configuration and periodic snapshots in lowdb, every accepted command
 * in the append-only journal before it is acknowledged. Opening = load snapshot + replay the journal after it.
 */
import { buildCatalog } from './domain/catalog.ts';
import { dataPaths } from './persistence/data-dir.ts';
import { Journal } from './persistence/journal.ts';
import { SnapshotStore } from './persistence/snapshot-store.ts';
import { StoreEngine, type CommandResult, type EngineState } from './store-engine.ts';

interface StoredConfig { chain: unknown; seed: number; startAt?: number | undefined }

export interface DurableOptions {
  /** The chain configuration: required on first open, ignored afterwards (the stored one wins). */
  config?: unknown;
  seed?: number;
  startAt?: number;
  /** Take a snapshot after this many commands (0 = never automatically). */
  snapshotEvery?: number;
  fsync?: boolean;
}

export class DurableEngine {
  private failure: Error | null = null;
  private sinceSnapshot = 0;
  private snapshotting: Promise<void> = Promise.resolve();

  private constructor(readonly engine: StoreEngine, private readonly journal: Journal, private readonly store: SnapshotStore, private readonly snapshotEvery: number) {}

  static async open(dataDir: string, options: DurableOptions = {}): Promise<DurableEngine> {
    const paths = dataPaths(dataDir);
    const store = await SnapshotStore.open(paths.store);
    if (store.config === null) {
      if (options.config === undefined) throw new Error(`no chain configuration in ${paths.store}: pass one on first start`);
      buildCatalog(options.config); // refuse a bad configuration before anything is written
      await store.saveConfig({ chain: options.config, seed: options.seed ?? 1, startAt: options.startAt } satisfies StoredConfig);
    }
    const stored = store.config as StoredConfig;
    const catalog = buildCatalog(stored.chain);
    const engineOptions = { seed: stored.seed, ...(stored.startAt === undefined ? {} : { startAt: stored.startAt }) };
    const snapshot = store.snapshot;
    const engine = snapshot === null
      ? StoreEngine.fromCatalog(catalog, engineOptions)
      : StoreEngine.restore(catalog, snapshot.state as EngineState, engineOptions);
    for (const entry of await Journal.readAll(paths.journal)) {
      if (entry.seq <= engine.seq) continue;
      const replayed = engine.executeNow(entry.command);
      // The journal holds only accepted commands: replay must accept each one again, with the same seq and time.
      if (!replayed.ok || replayed.seq !== entry.seq || replayed.at !== entry.at) {
        throw new Error(`journal entry ${entry.seq} does not replay: ${replayed.ok ? `seq ${replayed.seq} at ${replayed.at}` : replayed.error.message}`);
      }
    }
    const journal = await Journal.open(paths.journal, options.fsync === undefined ? {} : { fsync: options.fsync });
    return new DurableEngine(engine, journal, store, options.snapshotEvery ?? 1000);
  }

  /** Applies a command and resolves once it is in the journal; a refused command writes nothing. */
  async execute(command: unknown): Promise<CommandResult> {
    if (this.failure !== null) return { ok: false, error: { rule: 'UNAVAILABLE', message: `the journal failed (${this.failure.message}): restart the engine` } };
    const result = this.engine.executeNow(command);
    if (!result.ok) return result;
    try {
      await this.journal.append({ seq: result.seq, at: result.at, command: result.command });
    } catch (error) {
      // Memory is now ahead of disk: stop taking commands; a restart recovers what was acknowledged.
      this.failure = error instanceof Error ? error : new Error(String(error));
      return { ok: false, error: { rule: 'UNAVAILABLE', message: `command not stored: ${this.failure.message}` } };
    }
    if (this.snapshotEvery > 0 && ++this.sinceSnapshot >= this.snapshotEvery) void this.snapshot();
    return result;
  }

  /** Writes the current state as a snapshot; the journal keeps everything, replay skips what the snapshot holds. */
  snapshot(): Promise<void> {
    this.sinceSnapshot = 0;
    const state = this.engine.exportState();
    this.snapshotting = this.snapshotting.then(() => this.store.saveSnapshot({ seq: state.seq, at: state.clock, state }));
    return this.snapshotting;
  }

  async close(): Promise<void> {
    await this.snapshotting;
    await this.journal.close();
  }
}
