/**
 * The chain with its state on disk: the store channel and headquarters each keep their configuration and periodic
 * snapshots in their own lowdb file (the snapshot's records beside it) and every command they accept in their own
 * append-only journal, written before the chain acknowledges the command. Opening = load each snapshot + replay
 * each journal after it; a store command that called headquarters in real time replays with the answer its
 * journal entry recorded.
 *
 * What one side keeps never runs ahead of what it learned from the other: an entry holds only if every entry the
 * other side accepted before it is on disk too (headquarters' staging before the store drops what it acknowledged;
 * an account before the store applies its number). Both journals are written at once, each entry naming the other
 * side's last seq before it (`after`); a command is acknowledged once both journals are on disk up to it, and
 * opening keeps of each journal only what follows entries the other one holds (a crash between the two writes cuts
 * the later entries off). A crash can still lose a store command after the real-time call it made was stored at
 * headquarters: opening then moves the store's numbering past everything headquarters has seen from it
 * (Chain.reconcile), so a new order never takes the lost one's id.
 *
 * Nothing on disk is believed blindly: journal lines, snapshot records and the lowdb files are sealed (checksums),
 * seqs are consecutive from the snapshot's, the manifests and the other journal's entries say how far each journal
 * was on disk; damage is refused on open (recovery.ts) with the file, the line and what to do. One engine per data
 * directory: a lock file holds the pid (data-dir.ts). Refused commands are noted beside the journals, off the
 * acknowledgement path, for the analysts' time travel (refusal-log.ts).
 *
 * Costs stay flat as history grows: a snapshot is taken when the commands since the last one reach the size of the
 * state it wrote (so its cost per command stays constant), it captures the state by reference at once and writes it
 * out a chunk at a time; a long clock advance lets other work in between its jobs.
 */
import { mkdir, open, stat } from 'node:fs/promises';
import { Chain, type AcceptedEntry, type ChainChange, type ChainResult, type ChainOptions } from '../chain.ts';
import { buildCatalog } from '../domain/catalog.ts';
import { CommandRefused } from '../domain/violation.ts';
import type { RecordedCall } from '../headquarters-gateway.ts';
import type { HeadquartersState } from '../headquarters-engine.ts';
import { chainCommandSchema, commandIdSchema, parseWith, type ChainCommand } from '../protocol/commands.ts';
import type { EngineState } from '../store-engine.ts';
import { CommandKeys, fingerprintOf, type CommandKey, type FirstAnswer } from './command-keys.ts';
import { clearChainFiles, dataPaths, lockDataDir, type DataDirLock } from './data-dir.ts';
import { nodeFiles, type DataFiles } from './files.ts';
import { Journal, syncDir, type JournalEntry } from './journal.ts';
import { checkJournals, consistentCut, type Side } from './recovery.ts';
import { RefusalLog } from './refusal-log.ts';
import { SnapshotStore, type StoredSnapshot } from './snapshot-store.ts';
import { headquartersRecords, headquartersStateFrom, storeRecords, storeStateFrom } from './state-records.ts';

interface StoredConfig { chain: unknown; seed: number; startAt?: number | undefined }

export interface DurableOptions {
  /** The chain configuration: required on first open, ignored afterwards (the stored one wins). */
  config?: unknown;
  seed?: number | undefined;
  startAt?: number | undefined;
  /**
   * Take a snapshot of a side after at least this many of its commands (0 = never automatically); more once its
   * state holds more records than that (a snapshot costs what the state holds).
   */
  snapshotEvery?: number;
  fsync?: boolean;
  transport?: ChainOptions['transport'];
  /** Create the data directory if it does not exist (default true; a report opens only one that does). */
  create?: boolean;
  /** Start afresh: the chain's files in the directory are removed once its lock is held (`npm start -- --reset`). */
  reset?: boolean;
  /** The file writes (a test injects failures or traces them). */
  files?: DataFiles;
}

interface Persisted { journal: Journal; snapshots: SnapshotStore; sinceSnapshot: number; lastRecords: number; snapshotting: Promise<void> | null }

export function checkReplay(side: Side, entry: JournalEntry, result: { ok: boolean; seq?: number; at?: number; error?: { message: string } }): void {
  // The journal holds only accepted commands: replay must accept each one again, with the same seq and time.
  if (!result.ok || result.seq !== entry.seq || result.at !== entry.at) {
    throw new Error(`${side} journal entry ${entry.seq} does not replay: ${result.ok ? `seq ${result.seq} at ${result.at}` : result.error?.message}`);
  }
}

function stateOf<T>(stored: StoredSnapshot | null, decode: (records: readonly unknown[]) => T): T | undefined {
  return stored === null ? undefined : decode(stored.records);
}

/** Whether `dir` exists (a file there is refused). */
async function isDirectory(dir: string): Promise<boolean> {
  try {
    if ((await stat(dir)).isDirectory()) return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  throw new Error(`${dir} is not a directory`);
}

/** Creates an empty file (and its directory entry, durably) if there is none. */
async function touch(path: string, dir: string): Promise<void> {
  await (await open(path, 'a')).close();
  await syncDir(dir);
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How a client sends a command: under a key of its own, so that a repeat gets the first answer (command-keys.ts). */
export interface CommandOptions { commandId?: string | undefined }

/** A command's change on its way to the journal, and the key of the command it completes. */
type Pending = AcceptedEntry & { key?: CommandKey };

const isKeyRecord = (record: unknown): record is { t: 'commandKey'; key: CommandKey } => (record as { t?: unknown }).t === 'commandKey';

/** A side's snapshot records: its state's, then the keys its journal holds (the state's decoders pass them by). */
function* withKeys(records: Iterable<unknown>, keys: readonly CommandKey[]): Generator<unknown> {
  yield* records;
  for (const key of keys) yield { t: 'commandKey', key };
}

export class DurableChain {
  private failure: Error | null = null;
  private pending: Pending[] = [];
  /** The keys of commands clients sent, with their first answers. */
  private readonly keys = new CommandKeys();
  /** The last seq each side accepted (journaled or on its way). */
  private readonly accepted: Record<Side, number>;
  private changes: ChainChange[] = [];
  private readonly changeListeners: ((changes: ChainChange[]) => void)[] = [];
  /** Resolves once every command that arrived so far is applied (null: none waits, a command applies at once). */
  private applying: Promise<void> | null = null;
  /**
   * Why snapshots cannot be written, since when (wall clock) and how many attempts failed in a row (null: the last
   * one was written). The journals still hold everything; the next attempt comes after `snapshotEvery` commands.
   */
  snapshotFailure: { error: Error; since: number; attempts: number } | null = null;

  private constructor(readonly chain: Chain, private readonly sides: Record<Side, Persisted>, private readonly snapshotEvery: number, private readonly lock: DataDirLock,
    private readonly refusals: RefusalLog) {
    this.accepted = { store: chain.store.seq, headquarters: chain.headquarters.seq };
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

  /**
   * Opens a data directory (created on first start, unless `create` is false), locked against a second engine before
   * anything in it is written. Refuses damage (DamagedData: a file changed, cut or missing; see recovery.ts and
   * the files' seals); cuts, with a warning, what a crash left half-written and never acknowledged.
   */
  static async open(dataDir: string, options: DurableOptions = {}): Promise<DurableChain> {
    if (!(await isDirectory(dataDir))) {
      if (options.create === false) throw new Error(`no data directory ${dataDir}`);
      await mkdir(dataDir, { recursive: true });
    }
    const lock = await lockDataDir(dataDir);
    try {
      if (options.reset === true) await clearChainFiles(dataDir);
      return await DurableChain.openLocked(dataDir, lock, options);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async openLocked(dataDir: string, lock: DataDirLock, options: DurableOptions): Promise<DurableChain> {
    const paths = dataPaths(dataDir);
    const files = options.files ?? nodeFiles;
    const storeSnapshots = await SnapshotStore.open(paths.store.snapshots, { files });
    const hqSnapshots = await SnapshotStore.open(paths.headquarters.snapshots, { files });
    if (storeSnapshots.config === null || hqSnapshots.config === null) {
      if (options.config === undefined) throw new Error(`${dataDir} holds no chain: pass a chain configuration on first start`);
      buildCatalog(options.config); // refuse a bad configuration before anything is written
      // The journals first: once a configuration is stored, a missing journal is damage.
      for (const journal of [paths.store.journal, paths.headquarters.journal]) await touch(journal, dataDir);
      const stored: StoredConfig = { chain: options.config, seed: options.seed ?? 1, startAt: options.startAt };
      await storeSnapshots.saveConfig(stored);
      await hqSnapshots.saveConfig(stored);
    }
    const stored = storeSnapshots.config as StoredConfig;
    const catalog = buildCatalog(stored.chain);
    const chainOptions: ChainOptions = { seed: stored.seed, startAt: stored.startAt, transport: options.transport };
    const storeSnapshot = await storeSnapshots.readSnapshot();
    const hqSnapshot = await hqSnapshots.readSnapshot();
    const storeState = stateOf<EngineState>(storeSnapshot, storeStateFrom);
    const hqState = stateOf<HeadquartersState>(hqSnapshot, headquartersStateFrom);
    const chain = Chain.restore(catalog, {
      ...(storeState === undefined ? {} : { store: storeState }),
      ...(hqState === undefined ? {} : { headquarters: hqState }),
    }, chainOptions);
    const scans = {
      store: await Journal.scan(paths.store.journal, { after: chain.store.seq }),
      headquarters: await Journal.scan(paths.headquarters.journal, { after: chain.headquarters.seq }),
    };
    checkJournals(scans, {
      store: { path: storeSnapshots.path, snapshot: storeSnapshots.snapshot },
      headquarters: { path: hqSnapshots.path, snapshot: hqSnapshots.snapshot },
    });
    const keep = consistentCut({ store: scans.store.entries, headquarters: scans.headquarters.entries }, { store: chain.store.seq, headquarters: chain.headquarters.seq });
    for (const entry of scans.headquarters.entries) {
      if (entry.seq <= keep.headquarters) checkReplay('headquarters', entry, chain.headquarters.executeNow(entry.command));
    }
    for (const entry of scans.store.entries) {
      if (entry.seq <= keep.store) checkReplay('store', entry, chain.store.executeNow(entry.command, { calls: (entry.calls ?? []) as RecordedCall[] }));
    }
    const side = async (snapshots: SnapshotStore, side: Side): Promise<Persisted> => ({
      journal: await Journal.open(paths[side].journal, { scanned: scans[side], keepUpTo: keep[side], files, ...(options.fsync === undefined ? {} : { fsync: options.fsync }) }),
      snapshots, sinceSnapshot: 0, lastRecords: 0, snapshotting: null,
    });
    const durable = new DurableChain(chain, {
      store: await side(storeSnapshots, 'store'),
      headquarters: await side(hqSnapshots, 'headquarters'),
    }, options.snapshotEvery ?? 1000, lock, await RefusalLog.open(paths.refusals, chain.seq));
    const keysOf = (side: Side, records: readonly unknown[], entries: readonly JournalEntry[], upTo: number) => [
      ...records.filter(isKeyRecord).map(({ key }) => ({ ...key, side })),
      ...entries.filter((entry) => entry.key !== undefined && entry.seq <= upTo).map((entry) => ({ ...entry.key!, side })),
    ];
    durable.keys.load([
      ...keysOf('store', storeSnapshot?.records ?? [], scans.store.entries, keep.store),
      ...keysOf('headquarters', hqSnapshot?.records ?? [], scans.headquarters.entries, keep.headquarters),
    ], chain.now);
    chain.reconcile();
    durable.changes = [];
    await durable.flush();
    return durable;
  }

  /**
   * Journals what the chain accepted, each entry naming the other side's last seq before it (see the header), and
   * resolves once both journals are on disk up to everything accepted so far.
   */
  private flush(): Promise<void> {
    const entries = this.pending;
    this.pending = [];
    try {
      for (const { engine, ...entry } of entries) {
        const other: Side = engine === 'store' ? 'headquarters' : 'store';
        this.sides[engine].journal.write({ ...entry, after: this.accepted[other], otherOnDisk: this.sides[other].journal.durableSeq });
        this.accepted[engine] = entry.seq;
        this.sides[engine].sinceSnapshot += 1;
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // Only now: a snapshot captures the state as of every entry above, so it waits for all of them to be on disk.
    for (const side of ['store', 'headquarters'] as const) this.snapshotIfDue(side);
    return this.onDisk();
  }

  /** Resolves once both journals hold everything both sides accepted so far. */
  private onDisk(): Promise<void> {
    const { store, headquarters } = this.sides;
    const storeOnDisk = store.journal.whenDurable(this.accepted.store);
    const hqOnDisk = headquarters.journal.whenDurable(this.accepted.headquarters);
    return Promise.all([storeOnDisk, hqOnDisk]).then(() => {});
  }

  /** Journals what the chain did since the last flush; tells listeners once it is on disk. */
  private async durable(): Promise<boolean> {
    const changes = this.changes;
    this.changes = [];
    try {
      await this.flush();
      if (changes.length > 0) for (const listener of this.changeListeners) listener(changes);
      return true;
    } catch (error) {
      // Memory is now ahead of disk: stop taking commands; a restart recovers what was acknowledged.
      this.failure = error instanceof Error ? error : new Error(String(error));
      return false;
    }
  }

  /** The journal failed with the command's changes on their way to disk: they may or may not be there. */
  private outcomeUnknown(): ChainResult {
    return {
      ok: false,
      error: { rule: 'OUTCOME_UNKNOWN', field: 'server', message: 'the command may or may not have been stored: once the server is back, send it again with the same commandId to learn its outcome' },
    };
  }

  /** The journal failed before the command came: nothing of it was done. */
  private unavailable(): ChainResult {
    return { ok: false, error: { rule: 'UNAVAILABLE', field: 'server', message: `the journal failed (${this.failure!.message}): the command was not taken; restart the engine` } };
  }

  /**
   * Validates and applies a command and resolves once everything it changed is in the journals. Whatever the engines
   * accepted is journaled even if the chain command as a whole was refused (a real-time call that succeeded stays
   * done). Under a `commandId`, a repeat of an accepted command gets its first answer and changes nothing.
   */
  async execute(input: unknown, options: CommandOptions = {}): Promise<ChainResult> {
    if (this.failure !== null) return this.unavailable();
    if (options.commandId !== undefined && !commandIdSchema.safeParse(options.commandId).success) {
      return { ok: false, error: { rule: 'VALIDATION', field: 'commandId', message: 'commandId: expected 1-64 characters of A-Z a-z 0-9 _ . : -' } };
    }
    const parsed = parseWith(chainCommandSchema, input);
    return parsed.ok ? this.executeParsed(parsed.command, options) : parsed;
  }

  /**
   * `execute` for a command (and key) already validated (the server's, after authorization). Commands are applied
   * in the order they arrive; while a clock advance runs its jobs, later commands wait for it.
   */
  executeParsed(command: ChainCommand, options: CommandOptions = {}): Promise<ChainResult> {
    if (this.failure !== null) return Promise.resolve(this.unavailable());
    const { commandId } = options;
    if (this.applying === null && command.type !== 'clock.advance') return this.applyNow(command, commandId);
    const before = this.applying ?? Promise.resolve();
    let applied!: () => void;
    const mine = new Promise<void>((resolve) => { applied = resolve; });
    this.applying = mine;
    void mine.then(() => { if (this.applying === mine) this.applying = null; });
    return before.then(() => {
      if (command.type === 'clock.advance') return this.advance(command, commandId, applied);
      const result = this.applyNow(command, commandId);
      applied();
      return result;
    });
  }

  /** The first answer to a repeat of a command remembered under its key, or why the key cannot be used for this one. */
  private repeat(commandId: string, fingerprint: string, command: ChainCommand): Promise<ChainResult> | null {
    const known = this.keys.get(commandId);
    if (known === undefined) return null;
    if (known.fingerprint !== fingerprint) {
      return Promise.resolve({ ok: false, error: { rule: 'CONFLICT', field: 'commandId', message: `commandId ${commandId} was sent with another command: a new command needs a new commandId` } });
    }
    if (!('answer' in known)) return null; // a clock advance a crash interrupted: it goes on
    const { seq, at, result } = known.answer;
    const answer: ChainResult = { ok: true, seq, at, command, result };
    return (known.stored ?? Promise.resolve(true)).then((onDisk) => (onDisk ? answer : this.outcomeUnknown()));
  }

  /**
   * Puts a command's key on its last change (kept only if every change before it is: see recovery.ts) and remembers
   * it, before that change goes to the journal (a snapshot taken then holds the key with the state).
   */
  private keyed(key: CommandKey): (stored: Promise<boolean>) => void {
    const last = this.pending.at(-1);
    if (last === undefined) return () => {};
    last.key = key;
    return this.keys.remember(key, last.engine).stored;
  }

  /** Applies a command now; resolves once it is in the journals. */
  private applyNow(command: ChainCommand, commandId: string | undefined): Promise<ChainResult> {
    if (this.failure !== null) return Promise.resolve(this.unavailable());
    const fingerprint = commandId === undefined ? '' : fingerprintOf(command);
    const repeated = commandId === undefined ? null : this.repeat(commandId, fingerprint, command);
    if (repeated !== null) return repeated;
    const before = this.pending.length;
    const result = this.chain.execute(command);
    const changed = this.pending.length > before;
    if (!result.ok) this.refusals.note({ after: this.chain.seq, at: this.chain.now, command, error: result.error });
    const remember = result.ok && commandId !== undefined ? this.keyed({ id: commandId, fingerprint, at: result.at, answer: { seq: result.seq, at: result.at, result: result.result } }) : null;
    const stored = this.durable();
    remember?.(stored);
    // A refusal that changed nothing is true whatever became of the journal.
    return stored.then((onDisk) => (onDisk || !changed ? result : this.outcomeUnknown()));
  }

  /**
   * A clock advance, a job at a time: each job's commands are journaled, and the event loop runs, before the next
   * (`applied` once the clock has reached its end: the commands waiting for it go on). Under a key, the time it is
   * heading for is journaled with its first job: a repeat after a crash between its jobs goes on to that time.
   */
  private async advance(command: Extract<ChainCommand, { type: 'clock.advance' }>, commandId: string | undefined, applied: () => void): Promise<ChainResult> {
    try {
      if (this.failure !== null) return this.unavailable();
      const fingerprint = commandId === undefined ? '' : fingerprintOf(command);
      const repeated = commandId === undefined ? null : this.repeat(commandId, fingerprint, command);
      if (repeated !== null) return await repeated;
      const interrupted = commandId === undefined ? undefined : this.keys.get(commandId);
      const until = interrupted !== undefined && 'until' in interrupted ? interrupted.until : this.chain.now + command.ms;
      let advance;
      try {
        advance = this.chain.startAdvance(until - this.chain.now);
      } catch (error) {
        if (!(error instanceof CommandRefused)) throw error;
        this.refusals.note({ after: this.chain.seq, at: this.chain.now, command, error: error.violation });
        return { ok: false, error: error.violation };
      }
      for (let first = true; ; first = false) {
        const more = advance.step();
        const done: FirstAnswer | null = more ? null : { seq: this.chain.seq, at: this.chain.now, result: advance.result() };
        const key: CommandKey | null = commandId === undefined ? null
          : done !== null ? { id: commandId, fingerprint, at: done.at, answer: done }
            : first ? { id: commandId, fingerprint, at: this.chain.now, until } : null;
        const remember = key === null ? null : this.keyed(key);
        const stored = this.durable();
        remember?.(stored);
        if (done !== null) {
          applied();
          return (await stored) ? { ok: true, seq: done.seq, at: done.at, command, result: done.result } : this.outcomeUnknown();
        }
        if (!(await stored)) return this.outcomeUnknown();
        await nextTick();
      }
    } finally {
      applied();
    }
  }

  private snapshotIfDue(side: Side): void {
    const persisted = this.sides[side];
    if (this.snapshotEvery > 0 && persisted.snapshotting === null && persisted.sinceSnapshot >= Math.max(this.snapshotEvery, persisted.lastRecords)) {
      void this.snapshotOf(side);
    }
  }

  /**
   * The side's state now, captured at once and written a chunk at a time once everything both sides accepted so far
   * is in their journals (a snapshot is never ahead of the journals). A snapshot that cannot be written is reported
   * (`snapshotFailure`) and tried again later; the journals still hold everything.
   */
  private snapshotOf(side: Side): Promise<void> {
    const persisted = this.sides[side];
    if (persisted.snapshotting !== null) return persisted.snapshotting;
    persisted.sinceSnapshot = 0;
    const durable = this.onDisk();
    // Both journals are on disk up to these once `durable` resolves: neither may be found shorter later.
    const journals = { ...this.accepted };
    const keys = this.keys.ofSide(side);
    const write = side === 'store'
      ? (() => { const captured = this.chain.store.capture(); return () => persisted.snapshots.saveSnapshot({ seq: captured.seq, at: captured.clock, journals }, withKeys(storeRecords(captured), keys)); })()
      : (() => { const captured = this.chain.headquarters.capture(); return () => persisted.snapshots.saveSnapshot({ seq: captured.seq, at: captured.clock, journals }, withKeys(headquartersRecords(captured), keys)); })();
    persisted.snapshotting = durable.then(
      async () => {
        // After a failed journal write memory is ahead of disk: a snapshot would make that permanent.
        if (this.failure !== null) return;
        try {
          persisted.lastRecords = (await write()).records;
          this.snapshotFailure = null;
        } catch (error) {
          const failure = this.snapshotFailure;
          if (failure === null) console.error(`the ${side} snapshot could not be written (it is tried again later; the journals hold everything): ${String(error)}`);
          this.snapshotFailure = { error: error instanceof Error ? error : new Error(String(error)), since: failure?.since ?? Date.now(), attempts: (failure?.attempts ?? 0) + 1 };
        }
      },
      () => {},
    ).finally(() => { persisted.snapshotting = null; });
    return persisted.snapshotting;
  }

  /** Writes both engines' current state as snapshots; the journals keep everything, replay skips what they hold. */
  async snapshot(): Promise<void> {
    for (const side of ['store', 'headquarters'] as const) {
      await this.sides[side].snapshotting;
      await this.snapshotOf(side);
    }
  }

  async close(): Promise<void> {
    await this.applying;
    await Promise.all(Object.values(this.sides).map(async (side) => {
      await side.snapshotting;
      await side.journal.close();
    }));
    await this.refusals.close();
    await this.lock.release();
  }
}
