/**
 * The chain with its state on disk: the store channel and headquarters each keep their configuration and periodic
 * snapshots in their own lowdb file and every command they accept in their own append-only journal, written before
 * the chain acknowledges the command. Opening = load each snapshot + replay each journal after it; a store command
 * that called headquarters in real time replays with the answer its journal entry recorded.
 *
 * What one side journals never runs ahead of what it learned from the other: an entry is written only once every
 * entry the other side accepted before it is on disk (headquarters' staging before the store drops what it
 * acknowledged; an account before the store applies its number). A crash can still lose a store command after the
 * real-time call it made was stored at headquarters: opening then moves the store's numbering past everything
 * headquarters has seen from it (Chain.reconcile), so a new order never takes the lost one's id.
 */
import { Chain, type AcceptedEntry, type ChainChange, type ChainResult, type ChainOptions } from './chain.ts';
import { buildCatalog } from './domain/catalog.ts';
import type { HeadquartersState } from './headquarters-engine.ts';
import { dataPaths } from './persistence/data-dir.ts';
import { Journal, type JournalEntry } from './persistence/journal.ts';
import { SnapshotStore } from './persistence/snapshot-store.ts';
import type { EngineState, RecordedCall } from './store-engine.ts';

interface StoredConfig { chain: unknown; seed: number; startAt?: number | undefined }

export interface DurableOptions {
  /** The chain configuration: required on first open, ignored afterwards (the stored one wins). */
  config?: unknown;
  seed?: number | undefined;
  startAt?: number | undefined;
  /** Take a snapshot of an engine after this many of its commands (0 = never automatically). */
  snapshotEvery?: number;
  fsync?: boolean;
  transport?: ChainOptions['transport'];
}

type Side = 'store' | 'headquarters';

interface Persisted { journal: Journal; snapshots: SnapshotStore; sinceSnapshot: number; snapshotting: Promise<void> }

function checkReplay(side: Side, entry: JournalEntry, result: { ok: boolean; seq?: number; at?: number; error?: { message: string } }): void {
  // The journal holds only accepted commands: replay must accept each one again, with the same seq and time.
  if (!result.ok || result.seq !== entry.seq || result.at !== entry.at) {
    throw new Error(`${side} journal entry ${entry.seq} does not replay: ${result.ok ? `seq ${result.seq} at ${result.at}` : result.error?.message}`);
  }
}

export class DurableChain {
  private failure: Error | null = null;
  private pending: AcceptedEntry[] = [];
  /** Resolves once every entry given to that side so far is on disk; rejects for good once one failed. */
  private written: Record<Side, Promise<void>> = { store: Promise.resolve(), headquarters: Promise.resolve() };
  private changes: ChainChange[] = [];
  private readonly changeListeners: ((changes: ChainChange[]) => void)[] = [];

  private constructor(readonly chain: Chain, private readonly sides: Record<Side, Persisted>, private readonly snapshotEvery: number) {
    chain.onAccepted((entry) => this.pending.push(entry));
    chain.onChange((change) => this.changes.push(change));
  }

  /** Why the journal failed, if it did: from then on nothing is taken, and memory may be ahead of disk. */
  get failed(): Error | null {
    return this.failure;
  }

  /** Listens to what each command changed, once it is in the journals (screens never show what could be lost). */
  onDurableChange(listener: (changes: ChainChange[]) => void): void {
    this.changeListeners.push(listener);
  }

  static async open(dataDir: string, options: DurableOptions = {}): Promise<DurableChain> {
    const paths = dataPaths(dataDir);
    const storeSnapshots = await SnapshotStore.open(paths.store.snapshots);
    const hqSnapshots = await SnapshotStore.open(paths.headquarters.snapshots);
    if (storeSnapshots.config === null || hqSnapshots.config === null) {
      if (options.config === undefined) throw new Error(`no chain configuration in ${paths.store.snapshots}: pass one on first start`);
      buildCatalog(options.config); // refuse a bad configuration before anything is written
      const stored: StoredConfig = { chain: options.config, seed: options.seed ?? 1, startAt: options.startAt };
      await storeSnapshots.saveConfig(stored);
      await hqSnapshots.saveConfig(stored);
    }
    const stored = storeSnapshots.config as StoredConfig;
    const catalog = buildCatalog(stored.chain);
    const chainOptions: ChainOptions = { seed: stored.seed, startAt: stored.startAt, transport: options.transport };
    const chain = Chain.restore(catalog, {
      ...(storeSnapshots.snapshot === null ? {} : { store: storeSnapshots.snapshot.state as EngineState }),
      ...(hqSnapshots.snapshot === null ? {} : { headquarters: hqSnapshots.snapshot.state as HeadquartersState }),
    }, chainOptions);
    for (const entry of await Journal.readAll(paths.headquarters.journal)) {
      if (entry.seq > chain.headquarters.seq) checkReplay('headquarters', entry, chain.headquarters.executeNow(entry.command));
    }
    for (const entry of await Journal.readAll(paths.store.journal)) {
      if (entry.seq > chain.store.seq) checkReplay('store', entry, chain.store.executeNow(entry.command, { calls: (entry.calls ?? []) as RecordedCall[] }));
    }
    const journalOptions = options.fsync === undefined ? {} : { fsync: options.fsync };
    const side = async (snapshots: SnapshotStore, journal: string): Promise<Persisted> => ({
      journal: await Journal.open(journal, journalOptions), snapshots, sinceSnapshot: 0, snapshotting: Promise.resolve(),
    });
    const durable = new DurableChain(chain, {
      store: await side(storeSnapshots, paths.store.journal),
      headquarters: await side(hqSnapshots, paths.headquarters.journal),
    }, options.snapshotEvery ?? 1000);
    chain.reconcile();
    durable.changes = [];
    await durable.flush();
    return durable;
  }

  /** Journals what the chain accepted, each entry after the other side's earlier ones (see the header). */
  private flush(): Promise<void> {
    const entries = this.pending;
    this.pending = [];
    return Promise.all(entries.map(({ engine, ...entry }) => {
      const other: Side = engine === 'store' ? 'headquarters' : 'store';
      const write = this.written[other].then(() => this.sides[engine].journal.append(entry));
      // A failed write fails every later one of both sides: nothing that may have learned from a lost entry is kept.
      this.written[engine] = Promise.all([this.written[engine], write]).then(() => {});
      this.written[engine].catch(() => {}); // its failure is answered through `write`
      if (this.snapshotEvery > 0 && ++this.sides[engine].sinceSnapshot >= this.snapshotEvery) void this.snapshotOf(engine);
      return write;
    })).then(() => {});
  }

  /**
   * Applies a command and resolves once everything it changed is in the journals. Whatever the engines accepted
   * is journaled even if the chain command as a whole was refused (a real-time call that succeeded stays done).
   */
  async execute(command: unknown): Promise<ChainResult> {
    if (this.failure !== null) return { ok: false, error: { rule: 'UNAVAILABLE', message: `the journal failed (${this.failure.message}): restart the engine` } };
    const result = this.chain.executeNow(command);
    const changes = this.changes;
    this.changes = [];
    try {
      await this.flush();
      if (changes.length > 0) for (const listener of this.changeListeners) listener(changes);
    } catch (error) {
      // Memory is now ahead of disk: stop taking commands; a restart recovers what was acknowledged.
      this.failure = error instanceof Error ? error : new Error(String(error));
      return { ok: false, error: { rule: 'UNAVAILABLE', message: `command not stored: ${this.failure.message}` } };
    }
    return result;
  }

  /** The side's state now, saved once everything both sides accepted so far is in their journals. */
  private snapshotOf(side: Side): Promise<void> {
    const persisted = this.sides[side];
    persisted.sinceSnapshot = 0;
    const state = side === 'store' ? this.chain.store.exportState() : this.chain.headquarters.exportState();
    const durable = Promise.all([this.written.store, this.written.headquarters]);
    // After a failed journal write memory is ahead of disk: a snapshot would make that permanent.
    persisted.snapshotting = Promise.all([persisted.snapshotting, durable]).then(
      async () => { if (this.failure === null) await persisted.snapshots.saveSnapshot({ seq: state.seq, at: state.clock, state }); },
      () => {},
    );
    return persisted.snapshotting;
  }

  /** Writes both engines' current state as snapshots; the journals keep everything, replay skips what they hold. */
  async snapshot(): Promise<void> {
    await Promise.all([this.snapshotOf('store'), this.snapshotOf('headquarters')]);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.sides).map(async (side) => {
      await side.snapshotting;
      await side.journal.close();
    }));
  }
}
