/**
 * Operations (issue 14): structured JSON logs (pino) and Prometheus metrics (prom-client) for a server. One
 * `Operations` per server, handed in (no global logger or registry), so that tests can start several side by side.
 */
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataFiles } from '../persistence/files.ts';

/** LOG_LEVEL, else `info`; the test suite stays quiet unless it asks. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL ?? (env.NODE_ENV === 'test' || env.VITEST !== undefined ? 'silent' : 'info');
}

/** A request's id: the caller's `x-request-id` when it is a plain short token, else a new one. */
export function requestIdOf(incoming: unknown): string {
  return typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** Where a store's outbound queue stands: items waiting, and how long the oldest has waited (the chain's clock). */
export interface SyncBacklog { storeId: string; depth: number; lagSeconds: number }

export class ServerMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({ name: 'storefront_commands_total', help: 'Commands by type and outcome (accepted or refused)', labelNames: ['type', 'outcome'] as const, registers: [this.registry] });
  readonly commandSeconds = new Histogram({ name: 'storefront_command_duration_seconds', help: 'Time from a command arriving to its answer (journaled when accepted)', labelNames: ['type'] as const, buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [this.registry] });
  readonly fsyncSeconds = new Histogram({ name: 'storefront_journal_fsync_seconds', help: 'fdatasync time of a journal batch', buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers: [this.registry] });
  private backlog: () => SyncBacklog[] = () => [];
  private rooms: () => Map<string, number> = () => new Map();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Queue depth, sync lag and screens are read from the chain's views when scraped: nothing on the command path.
    const metrics = this;
    new Gauge({
      name: 'storefront_sync_queue_depth', help: 'Channel transactions a store has not had acknowledged yet', labelNames: ['store'] as const, registers: [this.registry],
      collect() { this.reset(); for (const store of metrics.backlog()) this.set({ store: store.storeId }, store.depth); },
    });
    new Gauge({
      name: 'storefront_sync_lag_seconds', help: "Age of a store's oldest unacknowledged channel transaction (chain clock)", labelNames: ['store'] as const, registers: [this.registry],
      collect() { this.reset(); for (const store of metrics.backlog()) this.set({ store: store.storeId }, store.lagSeconds); },
    });
    new Gauge({
      name: 'storefront_screens_connected', help: 'Screens subscribed to a room', labelNames: ['room'] as const, registers: [this.registry],
      collect() { this.reset(); for (const [room, screens] of metrics.rooms()) this.set({ room }, screens); },
    });
  }

  watchSync(backlog: () => SyncBacklog[]): void {
    this.backlog = backlog;
  }

  watchScreens(rooms: () => Map<string, number>): void {
    this.rooms = rooms;
  }

  /** The persistence's file writes with each journal fdatasync timed. */
  timed(files: DataFiles): DataFiles {
    return {
      ...files,
      sync: async (handle, path) => {
        const stop = this.fsyncSeconds.startTimer();
        try { await files.sync(handle, path); } finally { stop(); }
      },
    };
  }
}

/** The scheduled jobs a clock advance ran, for the log (none: no field). */
export function jobsRun(result: Record<string, unknown>): Record<string, unknown> {
  const runs = result.jobsRun;
  return Array.isArray(runs) && runs.length > 0 ? { jobs: runs.map((run: { job: string }) => run.job) } : {};
}

export interface Operations { log: Logger; metrics: ServerMetrics }

/** Secrets never reach a log line, whatever a caller passes by mistake. */
const REDACT = ['pin', 'token', 'authorization', 'approval', '*.pin', '*.token', '*.authorization', '*.approval', 'headers.authorization'];

export function createOperations(options: { level?: string; destination?: DestinationStream } = {}): Operations {
  const log = pino({ level: options.level ?? logLevel(), redact: { paths: REDACT, censor: '[hidden]' } }, options.destination ?? pino.destination({ sync: false }));
  return { log, metrics: new ServerMetrics() };
}
