/**
 * Idempotency: the commands a client sent under a key of its own (`commandId`), remembered with their first answer
 * so that a repeat (a retry after a lost answer, a double click, an answer that said "outcome unknown") gets that
 * answer again and changes nothing. Only accepted commands are remembered: a refused one changed nothing, and its
 * retry is evaluated again.
 *
 * A key lives in the journal entry of the command's last change, and in its side's snapshots while it is within
 * the window: the last KEEP_MS of chain clock and at most KEEP_KEYS keys (the oldest go first). A repeat after that
 * is a new command.
 */
import { createHash } from 'node:crypto';
import type { Side } from './recovery.ts';

export const KEEP_MS = 24 * 3_600_000;
export const KEEP_KEYS = 100_000;

/** The first answer to a command: what its repeats get. */
export interface FirstAnswer { seq: number; at: number; result: Record<string, unknown> }

/**
 * A key as a journal entry (and a snapshot record) holds it: remembered at chain time `at`, with its command's first
 * answer; or, for a clock advance a crash may interrupt between its jobs, the time it is heading for (`until`) until
 * its answer is known.
 */
export type CommandKey = { id: string; fingerprint: string; at: number } & ({ answer: FirstAnswer } | { until: number });

type Remembered = CommandKey & {
  /** The journal holding it. */
  side: Side;
  /** Resolves once the entry holding it is on disk (true) or its journal failed (false); absent once on disk. */
  stored?: Promise<boolean>;
};

/** What a command is, for telling a repeat from another command under the same key (the command as validated). */
export function fingerprintOf(command: unknown): string {
  return createHash('sha256').update(JSON.stringify(command)).digest('hex').slice(0, 32);
}

export class CommandKeys {
  /** By id, oldest first (chain clock order: a key is remembered as its command is applied). */
  private readonly byId = new Map<string, Remembered>();

  constructor(private readonly keepMs = KEEP_MS, private readonly keepKeys = KEEP_KEYS) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Remembered | undefined {
    return this.byId.get(id);
  }

  /**
   * Remembers a key, forgetting what fell out of the window. `stored` (when its entry is still on its way to disk)
   * is called with the promise of that; a repeat meanwhile waits for it.
   */
  remember(key: CommandKey, side: Side): { stored(onDisk: Promise<boolean>): void } {
    const remembered: Remembered = { ...key, side };
    this.byId.delete(key.id);
    this.byId.set(key.id, remembered);
    this.forgetBefore(key.at - this.keepMs);
    return {
      stored: (onDisk) => {
        remembered.stored = onDisk;
        void onDisk.then((done) => { if (done) delete remembered.stored; });
      },
    };
  }

  /**
   * The keys a data directory holds (snapshots and journals, in any order), as of chain time `now`: the answer of a
   * clock advance wins over its `until`.
   */
  load(keys: readonly (CommandKey & { side: Side })[], now: number): void {
    for (const { side, ...key } of [...keys].sort((a, b) => a.at - b.at)) {
      if (!('answer' in key) && this.byId.get(key.id) !== undefined) continue;
      this.remember(key, side);
    }
    this.forgetBefore(now - this.keepMs);
  }

  /** Forgets keys older than chain time `oldest`, and the oldest beyond the window's count. */
  forgetBefore(oldest: number): void {
    for (const [id, key] of this.byId) {
      if (this.byId.size <= this.keepKeys && key.at >= oldest) break;
      this.byId.delete(id);
    }
  }

  /** The keys held in a side's journal, as of now (for its snapshot). */
  ofSide(side: Side): CommandKey[] {
    const keys: CommandKey[] = [];
    for (const { side: holder, stored: _stored, ...key } of this.byId.values()) if (holder === side) keys.push(key);
    return keys;
  }
}
