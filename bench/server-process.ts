/**
 * The server of the server benchmark, in its own process (forked by bench/server.ts) so that the load generator
 * never shares its event loop: the durable chain (fsync on) on a data directory behind the real server on
 * 127.0.0.1, an ephemeral port. Reports its URL over IPC and, on request, its memory, event loop delay and CPU
 * since the load started; optionally CPU-profiles the load (node:inspector, the same profile as --cpu-prof).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DurableChain } from '../engine/persistence/durable-chain.ts';
import { bundleScreens, startServer, type RunningServer } from '../engine/server/server.ts';
import type { Screens } from '../engine/server/http.ts';
import type { FromServer, ServerStats, ToServer } from './server-protocol.ts';

const MB = 1024 * 1024;

let durable: DurableChain | null = null;
let server: RunningServer | null = null;
let profiler: Session | null = null;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();

function send(message: FromServer): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error === null ? resolve() : reject(error))));
}

async function open(dataDir: string, config: unknown, seed: number | undefined): Promise<void> {
  // The screens play no part in the load, but the real server holds their bundle: bundle them if ui/ builds now.
  const screens: Screens = await bundleScreens().catch(() => ({ html: '<!doctype html><title>server bench</title>', script: 'export {};' }));
  const started = performance.now();
  durable = await DurableChain.open(dataDir, { ...(config === undefined ? {} : { config, seed }), fsync: true });
  const openMs = performance.now() - started;
  server = await startServer(durable, { host: '127.0.0.1', port: 0, screens });
  const chain = durable.chain;
  await send({ type: 'ready', url: server.url, openMs, storeSeq: chain.store.seq, headquartersSeq: chain.headquarters.seq, rssMB: process.memoryUsage().rss / MB });
}

async function measure(profile: boolean): Promise<void> {
  if (profile) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  loopDelay.reset();
  loopDelay.enable();
  cpuFrom = process.cpuUsage();
  wallFrom = performance.now();
}

async function stats(profileTo: string | undefined): Promise<ServerStats> {
  const cpu = process.cpuUsage(cpuFrom);
  const wallMs = performance.now() - wallFrom;
  loopDelay.disable();
  if (profiler !== null) {
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = null;
    if (profileTo !== undefined) await writeFile(profileTo, JSON.stringify(profile));
  }
  const memory = process.memoryUsage();
  const chain = durable!.chain;
  return {
    type: 'stats', rssMB: memory.rss / MB, heapUsedMB: memory.heapUsed / MB,
    maxEventLoopDelayMs: loopDelay.max / 1e6, p99EventLoopDelayMs: loopDelay.percentile(99) / 1e6, meanEventLoopDelayMs: loopDelay.mean / 1e6,
    cpuPct: (100 * (cpu.user + cpu.system) / 1000) / wallMs,
    storeSeq: chain.store.seq, headquartersSeq: chain.headquarters.seq, envelopes: server!.gateway.lastSeq,
  };
}

async function close(): Promise<void> {
  if (server !== null) await server.close();
  if (durable !== null) await durable.close();
  server = null;
  durable = null;
}

// One message at a time, in order (the parent waits for each answer anyway).
let handling: Promise<void> = Promise.resolve();
process.on('message', (message: ToServer) => {
  handling = handling.then(async () => {
    switch (message.type) {
      case 'open': return open(message.dataDir, message.config, message.seed);
      case 'measure':
        await measure(message.profile);
        return send({ type: 'measuring' });
      case 'stats': return send(await stats(message.profileTo));
      case 'close':
        await close();
        await send({ type: 'closed' });
        process.disconnect();
        return;
    }
  }).catch(async (error: unknown) => {
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => {});
    process.exit(1);
  });
});
// The parent went away: nothing more to serve.
process.on('disconnect', () => {
  void close().finally(() => process.exit(0));
});
