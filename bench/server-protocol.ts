/**
 * Messages between the server benchmark (bench/server.ts, the load generator) and its child processes: the server
 * (bench/server-process.ts) and the history builder (bench/server-history.ts).
 */

// --- Server process ---

export type ToServer =
  /** Open the durable chain on `dataDir` (`config` and `seed` on first open only) and start the server. */
  | { type: 'open'; dataDir: string; config?: unknown; seed?: number }
  /** The load starts: reset the event loop histogram and the CPU baseline; start the CPU profiler if asked. */
  | { type: 'measure'; profile: boolean }
  /** The load ended: the figures since `measure` (the profile, if one runs, is written to `profileTo`). */
  | { type: 'stats'; profileTo?: string }
  | { type: 'close' };

export interface ServerStats {
  type: 'stats';
  rssMB: number;
  heapUsedMB: number;
  maxEventLoopDelayMs: number;
  p99EventLoopDelayMs: number;
  meanEventLoopDelayMs: number;
  /** Server CPU (user + system) over the wall time since `measure`, % of one core. */
  cpuPct: number;
  /** Engine-level commands the chain holds (store + headquarters) and envelopes the gateway published. */
  storeSeq: number;
  headquartersSeq: number;
  envelopes: number;
}

export type FromServer =
  | { type: 'ready'; url: string; openMs: number; storeSeq: number; headquartersSeq: number; rssMB: number }
  | { type: 'measuring' }
  | ServerStats
  | { type: 'closed' }
  | { type: 'failed'; message: string };

// --- History builder ---

export interface BuildHistory { type: 'build'; dataDir: string; config: unknown; targetCommands: number; engineSeed: number }

export type FromHistory =
  | { type: 'built'; commands: number; storeSeq: number; headquartersSeq: number; generateMs: number; replayMs: number; journalMB: number; snapshotMB: number }
  | { type: 'failed'; message: string };
