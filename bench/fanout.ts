/**
 * `npm run bench:fanout` (the last of `npm run bench`): Socket.IO fan-out of the live server.
 *
 * For each N (default 100, then 1000): a fresh durable demo chain (scenarios/demo-chain.json, fsync on) in a temp
 * directory behind the real server (startServer) on 127.0.0.1; N Socket.IO screens (socket.io-client, websocket
 * only, forceNew) in child processes (bench/fanout-client.ts), all subscribed to `store:S1`, sharing a handful of
 * staff sessions of store S1; then the till driver (another child,
 * bench/fanout-driver.ts) sends real till traffic of S1 through POST /api/commands at a fixed rate for a fixed time
 * (shifts, pickup orders, picking, pickups, cash-and-carry: `order` and `sync` envelopes in the store's room).
 *
 * Per delivered envelope the latency is the client's receipt time minus the envelope's `at` (both
 * performance.timeOrigin + performance.now(), the same wall clock on this machine). Dropped = envelopes the server
 * published to the room after a client subscribed (the server's own record, read back through the resume protocol
 * by the driver's ledger session) that the client never received.
 *
 * Environment: FANOUT_CLIENTS (default "100,1000"), FANOUT_RATE (commands/s, default 50), FANOUT_SECONDS (drive
 * time, default 20), FANOUT_PER_WORKER (clients per child process, default 250), FANOUT_ROOM (default store:S1).
 * Everything runs on this one machine: clients, driver and server compete for its cores.
 * Writes .tmp/bench/fanout.json: per N (`screens100`, `screens1000`) latency p50/p99/max, dropped, delivered, the
 * command rate reached and the late slots.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DurableChain } from '../engine/persistence/durable-chain.ts';
import { bundleScreens, startServer, type RunningServer } from '../engine/server/server.ts';
import type { Screens } from '../engine/server/http.ts';
import type { ClientWorkerResult, DeliveryCounts, DriveStats, FromClientWorker, FromDriver, Till, ToClientWorker, ToDriver } from './fanout-protocol.ts';
import { writeResults } from './results.ts';

const CLIENT_COUNTS = (process.env['FANOUT_CLIENTS'] ?? '100,1000').split(',').map((s) => Number(s.trim()));
const RATE = Number(process.env['FANOUT_RATE'] ?? 50);
const SECONDS = Number(process.env['FANOUT_SECONDS'] ?? 20);
const PER_WORKER = Number(process.env['FANOUT_PER_WORKER'] ?? 250);
const ROOM = process.env['FANOUT_ROOM'] ?? 'store:S1';
const STORE = 'S1';
const CONNECT_CONCURRENCY = 25;
/** After every client has the room's last envelope, wait this long for anything late (duplicates). */
const SETTLE_MS = 500;
/** Give up draining when nothing arrives for this long, or after this long in all. */
const DRAIN_STALL_MS = 3_000;
const DRAIN_MAX_MS = 15_000;

for (const [name, value] of [['FANOUT_RATE', RATE], ['FANOUT_SECONDS', SECONDS], ['FANOUT_PER_WORKER', PER_WORKER], ...CLIENT_COUNTS.map((n) => ['FANOUT_CLIENTS', n] as const)] as const) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number, got ${String(value)}`);
}

const DEMO_CHAIN = fileURLToPath(new URL('../scenarios/demo-chain.json', import.meta.url));
const CLIENT_SCRIPT = fileURLToPath(new URL('./fanout-client.ts', import.meta.url));
const DRIVER_SCRIPT = fileURLToPath(new URL('./fanout-driver.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The demo staff's PINs (the chain configuration holds only hashes), as in test/server/server-helpers.ts. */
const PIN = { cashier1: '1111', lead1: '2222', manager1: '9999' } as const;
type Operator = keyof typeof PIN;
/** Two tills at S1, each with its own session at its register; their staff also pick (fulfilment work, not a cashier's). */
const TILLS: { registerId: string; operatorId: Operator }[] = [{ registerId: 'R1', operatorId: 'lead1' }, { registerId: 'R2', operatorId: 'manager1' }];
/** Sessions the screens share: the store's staff who watch its room (till work; the analyst does not). */
const SCREEN_OPERATORS: Operator[] = ['lead1', 'cashier1', 'manager1'];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : '-');
const sleep = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, t));

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// --- Child processes ---

const live = new Set<ChildProc<never, { type: string }>>();
const tempDirs = new Set<string>();

class ChildProc<In, Out extends { type: string }> {
  readonly child: ChildProcess;
  private readonly inbox: Out[] = [];
  private waiter: { resolve: (m: Out) => void; reject: (e: Error) => void } | null = null;
  private ended: Error | null = null;
  readonly exited: Promise<void>;

  constructor(readonly name: string, script: string) {
    this.child = fork(script, [], { execArgv: ['--import', TSX], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(this as unknown as ChildProc<never, { type: string }>);
    this.child.on('message', (message) => {
      const waiter = this.waiter;
      this.waiter = null;
      if (waiter !== null) waiter.resolve(message as Out);
      else this.inbox.push(message as Out);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this as unknown as ChildProc<never, { type: string }>);
        this.ended = new Error(`${this.name} exited (code ${code}, signal ${signal}) without answering`);
        this.waiter?.reject(this.ended);
        this.waiter = null;
        resolve();
      });
    });
    this.child.on('error', (error) => {
      this.ended ??= new Error(`${this.name}: ${error.message}`);
      this.waiter?.reject(this.ended);
      this.waiter = null;
    });
  }

  send(message: In): void {
    if (this.ended !== null) throw this.ended;
    this.child.send(message as never);
  }

  /** The next message, which must be of `type` (a `failed` message from the child throws its reason). */
  async next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    let message = this.inbox.shift();
    if (message === undefined) {
      if (this.ended !== null) throw this.ended;
      let timer: NodeJS.Timeout | undefined;
      message = await new Promise<Out>((resolve, reject) => {
        this.waiter = { resolve, reject };
        timer = setTimeout(() => {
          this.waiter = null;
          reject(new Error(`${this.name}: no '${type}' message within ${timeoutMs} ms`));
        }, timeoutMs);
      }).finally(() => clearTimeout(timer));
    }
    if (message.type === 'failed') throw new Error(`${this.name} failed: ${(message as unknown as { message: string }).message}`);
    if (message.type !== type) throw new Error(`${this.name}: expected '${type}', got '${message.type}'`);
    return message as Extract<Out, { type: T }>;
  }

  /** Waits a moment for a clean exit, then kills it. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await this.exited;
    clearTimeout(timer);
  }
}

function killEverything(): void {
  for (const proc of live) proc.child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nfanout: ${signal}: stopping the child processes and removing the temp directories`);
    killEverything();
    process.exit(130);
  });
}

// --- HTTP ---

async function signIn(url: string, operatorId: Operator, registerId?: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operatorId, pin: PIN[operatorId], siteId: STORE, ...(registerId === undefined ? {} : { registerId }) }),
  });
  const body = await response.json() as { ok: boolean; token?: string; error?: unknown };
  if (response.status !== 201 || typeof body.token !== 'string') throw new Error(`sign-in of ${operatorId} at ${STORE} failed (HTTP ${response.status}): ${JSON.stringify(body.error ?? body)}`);
  return body.token;
}

// --- One run ---

interface RunResult extends DeliveryCounts {
  n: number;
  workers: number;
  connectMs: number;
  drive: DriveStats;
  chainEvents: number;
  storeEvents: number;
  headquartersEvents: number;
  envelopesAll: number;
  roomEnvelopes: number;
  roomMix: Record<string, number>;
  delivered: number;
  latency: { min: number; p50: number; p90: number; p99: number; max: number; negative: number };
  /** Per envelope, when the last client had it. */
  lastClient: { p50: number; p99: number; max: number };
  byType: Record<string, { count: number; p50: number; p99: number }>;
  ack: { p50: number; p99: number; max: number };
  /** The gateway taking the views of a store change (all rooms it touched), on the command path, ms. */
  prepare: { p50: number; p99: number; max: number; totalMs: number };
  drainMs: number;
  drainedFully: boolean;
  serverLoopP99: number;
  serverLoopMax: number;
  serverCpuPct: number;
  clientCpuPct: number;
  clientLoopP99: number;
  /** 1-minute load average of the machine when the run started and when it ended. */
  load: [number, number];
}

async function runOne(n: number, screens: Screens, config: unknown): Promise<RunResult> {
  const loadAtStart = loadavg()[0]!;
  const dir = await mkdtemp(join(tmpdir(), 'storefront-fanout-'));
  tempDirs.add(dir);
  let durable: DurableChain | null = null;
  let server: RunningServer | null = null;
  const children: ChildProc<never, { type: string }>[] = [];
  try {
    durable = await DurableChain.open(dir, { config, seed: 2026, startAt: Date.UTC(2026, 10, 23, 9), fsync: true });
    // On the command's path the gateway only takes the views of what changed (a chain change listener); it sends
    // them once the command is journaled, after its answer. Listeners run in the order they were added: one before
    // the server's and one after it time that preparation, without touching the server.
    const chain = durable.chain;
    const prepare = { measuring: false, started: 0, times: [] as number[], totalMs: 0 };
    chain.onChange(() => { prepare.started = performance.now(); });
    server = await startServer(durable, { host: '127.0.0.1', port: 0, screens });
    const gateway = server.gateway;
    chain.onChange((change) => {
      if (!prepare.measuring || change.engine !== 'store') return;
      const took = performance.now() - prepare.started;
      prepare.times.push(took);
      prepare.totalMs += took;
    });
    const url = server.url;

    const tills: Till[] = [];
    for (const { registerId, operatorId } of TILLS) tills.push({ registerId, operatorId, token: await signIn(url, operatorId, registerId) });
    const screenTokens: string[] = [];
    for (const operatorId of SCREEN_OPERATORS) screenTokens.push(await signIn(url, operatorId));

    // The driver and its ledger session first: it must be in the room before anything is published.
    const driver = new ChildProc<ToDriver, FromDriver>('till driver', DRIVER_SCRIPT);
    children.push(driver as unknown as ChildProc<never, { type: string }>);
    const products = (config as { products: { id: string }[] }).products.map((p) => p.id);
    driver.send({ type: 'ledger', url, room: ROOM, token: screenTokens[0]!, tills, locationId: STORE, customers: ['C-ANNA', 'C-ACME', 'C-CAL'], products });
    const ledgerReady = await driver.next('ledger-ready', 30_000);

    const workerCount = Math.ceil(n / PER_WORKER);
    const workers: ChildProc<ToClientWorker, FromClientWorker>[] = [];
    const connectStarted = performance.now();
    for (let w = 0; w < workerCount; w++) {
      const worker = new ChildProc<ToClientWorker, FromClientWorker>(`client worker ${w + 1}/${workerCount}`, CLIENT_SCRIPT);
      children.push(worker as unknown as ChildProc<never, { type: string }>);
      workers.push(worker);
      const first = Math.floor((w * n) / workerCount);
      const count = Math.floor(((w + 1) * n) / workerCount) - first;
      worker.send({ type: 'connect', url, room: ROOM, tokens: screenTokens, firstClient: first, count, concurrency: CONNECT_CONCURRENCY });
    }
    const ready = await Promise.all(workers.map((w) => w.next('ready', 120_000)));
    const connectMs = performance.now() - connectStarted;
    const connected = ready.reduce((s, r) => s + r.clients, 0);
    if (connected !== n) throw new Error(`only ${connected} of ${n} clients subscribed`);
    for (const r of ready) if (r.epoch !== ledgerReady.epoch) throw new Error(`clients got epoch ${r.epoch}, the ledger ${ledgerReady.epoch}`);
    console.log(`  N=${n}: ${connected} clients connected and subscribed to ${ROOM} in ${(connectMs / 1000).toFixed(1)} s (${workerCount} worker process${workerCount === 1 ? '' : 'es'}); driving ${RATE} cmd/s for ${SECONDS} s...`);

    // Drive.
    const before = { chain: chain.seq, store: chain.store.seq, hq: chain.headquarters.seq, envelopes: gateway.lastSeq };
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    prepare.measuring = true;
    driver.send({ type: 'drive', rate: RATE, durationMs: SECONDS * 1000, seed: 2026 });
    const drive = await driver.next('driven', SECONDS * 1000 + 120_000);
    prepare.measuring = false;

    // Drain: until every connected client has the room's last envelope, or nothing more arrives.
    const drainStarted = performance.now();
    let drainedFully = false;
    let lastReceived = -1;
    let lastChange = drainStarted;
    for (;;) {
      for (const w of workers) w.send({ type: 'progress', lastSeq: drive.lastRoomSeq });
      const progress = await Promise.all(workers.map((w) => w.next('progress', 30_000)));
      const caughtUp = progress.reduce((s, p) => s + p.caughtUp, 0);
      const stillConnected = progress.reduce((s, p) => s + p.connected, 0);
      const received = progress.reduce((s, p) => s + p.received, 0);
      const t = performance.now();
      if (caughtUp >= n) {
        drainedFully = true;
        break;
      }
      if (caughtUp >= stillConnected && stillConnected < n) break; // the rest are gone
      if (received !== lastReceived) {
        lastReceived = received;
        lastChange = t;
      }
      if (t - lastChange > DRAIN_STALL_MS || t - drainStarted > DRAIN_MAX_MS) break;
      await sleep(100);
    }
    const drainMs = performance.now() - drainStarted;
    await sleep(SETTLE_MS);
    const wall = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    loop.disable();
    const after = { chain: chain.seq, store: chain.store.seq, hq: chain.headquarters.seq, envelopes: gateway.lastSeq };

    driver.send({ type: 'finish' });
    const ledger = await driver.next('ledger', 30_000);
    if (ledger.entries.length === 0) throw new Error(`the server published nothing to ${ROOM}: the traffic does not reach the room`);
    if (ledger.entries.at(-1)!.seq < drive.lastRoomSeq) throw new Error(`the ledger ends at ${ledger.entries.at(-1)!.seq}, before ${drive.lastRoomSeq}`);
    const ledgerSeqs = ledger.entries.map((e) => e.seq);
    for (const w of workers) w.send({ type: 'collect', ledger: ledgerSeqs });
    const results: ClientWorkerResult[] = await Promise.all(workers.map((w) => w.next('result', 60_000)));

    // --- Aggregate ---
    const typeOf = new Map(ledger.entries.map((e) => [e.seq, e.type]));
    const roomMix: Record<string, number> = {};
    for (const e of ledger.entries) roomMix[e.type] = (roomMix[e.type] ?? 0) + 1;
    const delivered = results.reduce((s, r) => s + r.latencies.length, 0);
    const all = new Float64Array(delivered);
    const lastByEnvelope = new Map<number, number>();
    const perType = new Map<string, number[]>();
    let at = 0;
    let negative = 0;
    for (const r of results) {
      all.set(r.latencies, at);
      at += r.latencies.length;
      for (let i = 0; i < r.seqs.length; i++) {
        const seq = r.seqs[i]!;
        const latency = r.latencies[i]!;
        if (latency < 0) negative += 1;
        if (latency > (lastByEnvelope.get(seq) ?? -Infinity)) lastByEnvelope.set(seq, latency);
        const type = typeOf.get(seq) ?? '?';
        let list = perType.get(type);
        if (list === undefined) perType.set(type, list = []);
        list.push(latency);
      }
    }
    all.sort();
    const last = Float64Array.from(lastByEnvelope.values()).sort();
    const ack = Float64Array.from(drive.ackLatencies).sort();
    const prepareTimes = Float64Array.from(prepare.times).sort();
    const byType = Object.fromEntries([...perType].map(([type, list]) => {
      const sorted = Float64Array.from(list).sort();
      return [type, { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }));
    const disconnectReasons: Record<string, number> = {};
    for (const r of results) for (const [reason, count] of Object.entries(r.disconnectReasons)) disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + count;
    const sum = (pick: (r: ClientWorkerResult) => number) => results.reduce((s, r) => s + pick(r), 0);
    return {
      n, workers: workerCount, connectMs, drive,
      chainEvents: after.chain - before.chain, storeEvents: after.store - before.store, headquartersEvents: after.hq - before.hq,
      envelopesAll: after.envelopes - before.envelopes, roomEnvelopes: ledger.entries.length, roomMix,
      expected: sum((r) => r.expected), delivered, missing: sum((r) => r.missing), clientsWithMissing: sum((r) => r.clientsWithMissing),
      duplicates: sum((r) => r.duplicates), outOfOrder: sum((r) => r.outOfOrder), unexpected: sum((r) => r.unexpected), foreign: sum((r) => r.foreign),
      disconnected: sum((r) => r.disconnected), disconnectReasons,
      latency: { min: all[0] ?? Number.NaN, p50: percentile(all, 50), p90: percentile(all, 90), p99: percentile(all, 99), max: all[all.length - 1] ?? Number.NaN, negative },
      lastClient: { p50: percentile(last, 50), p99: percentile(last, 99), max: last[last.length - 1] ?? Number.NaN },
      byType,
      ack: { p50: percentile(ack, 50), p99: percentile(ack, 99), max: ack[ack.length - 1] ?? Number.NaN },
      prepare: { p50: percentile(prepareTimes, 50), p99: percentile(prepareTimes, 99), max: prepareTimes[prepareTimes.length - 1] ?? Number.NaN, totalMs: prepare.totalMs },
      drainMs, drainedFully,
      serverLoopP99: loop.percentile(99) / 1e6, serverLoopMax: loop.max / 1e6,
      serverCpuPct: (100 * (cpu.user + cpu.system) / 1000) / wall,
      clientCpuPct: sum((r) => (100 * r.cpuMs) / r.wallMs),
      clientLoopP99: Math.max(...results.map((r) => r.loopDelayP99Ms)),
      load: [loadAtStart, loadavg()[0]!],
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    if (server !== null) await server.close();
    if (durable !== null) await durable.close();
    await rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

// --- Report ---

function summaryLine(r: RunResult): string {
  const rate = r.drive.commands / (r.drive.elapsedMs / 1000);
  return `N=${r.n}: ${fmt(r.drive.commands)} commands at ${rate.toFixed(1)} cmd/s (target ${RATE}), ${fmt(r.chainEvents)} server events, `
    + `${fmt(r.roomEnvelopes)} envelopes to ${ROOM} -> ${fmt(r.expected)} deliveries expected, ${fmt(r.expected - r.missing)} received, ${fmt(r.missing)} dropped`
    + `${r.duplicates > 0 ? `, ${fmt(r.duplicates)} duplicates` : ''}${r.disconnected > 0 ? `, ${r.disconnected} clients disconnected` : ''}; `
    + `latency p50 ${ms(r.latency.p50)} / p90 ${ms(r.latency.p90)} / p99 ${ms(r.latency.p99)} / max ${ms(r.latency.max)} ms (last client p99 ${ms(r.lastClient.p99)} ms)`;
}

function report(results: RunResult[], loadBefore: number[]): void {
  console.log(`\n=== Fan-out: ${ROOM}, ${RATE} cmd/s of till traffic for ${SECONDS} s, latency = client receipt - envelope.at (ms) ===`);
  console.table(results.map((r) => ({
    clients: r.n,
    'envelopes': r.roomEnvelopes,
    'expected': r.expected,
    'received': r.expected - r.missing,
    'dropped': r.missing,
    'dup': r.duplicates,
    'p50 ms': ms(r.latency.p50),
    'p90 ms': ms(r.latency.p90),
    'p99 ms': ms(r.latency.p99),
    'max ms': ms(r.latency.max),
    'last-client p50': ms(r.lastClient.p50),
    'last-client p99': ms(r.lastClient.p99),
  })));
  console.log('Drive (till commands through HTTP, each journaled with fsync before its answer):');
  console.table(results.map((r) => ({
    clients: r.n,
    'commands': r.drive.commands,
    'cmd/s': (r.drive.commands / (r.drive.elapsedMs / 1000)).toFixed(1),
    'max lag ms': ms(r.drive.maxLagMs),
    'server events': r.chainEvents,
    'envelopes (all rooms)': r.envelopesAll,
    'cmd ack p50 ms': ms(r.ack.p50),
    'cmd ack p99 ms': ms(r.ack.p99),
  })));
  console.log('Where the time goes (views taken per store change on the command path; event loop delay; CPU % of one core):');
  console.table(results.map((r) => ({
    clients: r.n,
    'deliveries/s': fmt(r.expected / (r.drive.elapsedMs / 1000)),
    'views/change p50 ms': ms(r.prepare.p50),
    'views/change p99 ms': ms(r.prepare.p99),
    'server loop p99 ms': ms(r.serverLoopP99),
    'server CPU %': r.serverCpuPct.toFixed(0),
    'clients CPU %': r.clientCpuPct.toFixed(0),
    'client loop p99 ms': ms(r.clientLoopP99),
    'load 1m start/end': r.load.map((l) => l.toFixed(1)).join(' / '),
  })));
  console.log('Latency by envelope type (ms):');
  console.table(results.flatMap((r) => Object.entries(r.byType).map(([type, t]) => ({ clients: r.n, type, deliveries: t.count, 'p50': ms(t.p50), 'p99': ms(t.p99) }))));
  for (const r of results) {
    console.log(`  N=${r.n}: command mix ${Object.entries(r.drive.commandMix).map(([t, c]) => `${t} ${c}`).join(', ')}; ${r.drive.reads} reads; `
      + `${r.drive.ordersCreated} orders created, ${r.drive.pickups} picked up; room envelopes ${Object.entries(r.roomMix).map(([t, c]) => `${t} ${c}`).join(', ')}; `
      + `server events = store ${r.storeEvents} + headquarters ${r.headquartersEvents} commands accepted; connect ${(r.connectMs / 1000).toFixed(1)} s; `
      + `drain ${ms(r.drainMs)} ms${r.drainedFully ? '' : ' (gave up: clients never caught up)'}; server loop max ${ms(r.serverLoopMax)} ms; latency min ${ms(r.latency.min)} ms; `
      + `views taken on the command path ${fmt(r.prepare.totalMs)} ms in all (${((100 * r.prepare.totalMs) / r.drive.elapsedMs).toFixed(0)}% of the drive's wall time), `
      + `${r.drive.lateSlots} command slots more than one interval late`);
  }
  const problems: string[] = [];
  for (const r of results) {
    if (r.missing > 0) problems.push(`N=${r.n}: ${fmt(r.missing)} envelopes dropped (${r.clientsWithMissing} clients missed some)`);
    if (r.duplicates > 0) problems.push(`N=${r.n}: ${fmt(r.duplicates)} envelopes delivered twice`);
    if (r.outOfOrder > 0) problems.push(`N=${r.n}: ${fmt(r.outOfOrder)} envelopes out of seq order`);
    if (r.unexpected > 0 || r.foreign > 0) problems.push(`N=${r.n}: ${r.unexpected} envelopes not in the server's ledger, ${r.foreign} of another room or epoch`);
    if (r.disconnected > 0) problems.push(`N=${r.n}: ${r.disconnected} clients disconnected during the run (${JSON.stringify(r.disconnectReasons)})`);
  }
  const warnings: string[] = [];
  for (const r of results) {
    if (r.latency.negative > 0) warnings.push(`N=${r.n}: ${r.latency.negative} negative latencies (min ${ms(r.latency.min)} ms): the clocks disagree`);
    const rate = r.drive.commands / (r.drive.elapsedMs / 1000);
    if (rate < 0.9 * RATE) {
      warnings.push(`N=${r.n}: the command rate fell short of the target (${rate.toFixed(1)} of ${RATE} cmd/s): each till waits for its answers `
        + `(command ack p50 ${ms(r.ack.p50)} ms), which include the journal's fsync and, on a busy event loop, the fan-out of earlier commands; fewer commands also mean fewer envelopes in the figures`);
    }
  }
  console.log('\n=== Summary ===');
  for (const r of results) console.log(summaryLine(r));
  for (const p of problems) console.log(`PROBLEM ${p}`);
  if (problems.length > 0) {
    console.log('PROBLEM the gateway promises every screen every change of its rooms: the bench exits with status 1');
    process.exitCode = 1;
  }
  for (const w of warnings) console.log(`WARNING ${w}`);
  console.log(`machine: ${cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg().map((l) => l.toFixed(2)).join(' ')} after. `
    + 'Server, driver and client processes share this machine: client-side queueing is part of every figure; compare runs on the same machine only.');
}

/** `.tmp/bench/fanout.json`: per N (`screens100`, `screens1000`, ...) the delivery latency, drops and the drive. */
function figures(results: RunResult[]): Record<string, unknown> {
  const perN = Object.fromEntries(results.map((r) => [`screens${r.n}`, {
    p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, dropped: r.missing,
    delivered: r.expected - r.missing, expected: r.expected, duplicates: r.duplicates, disconnected: r.disconnected,
    p90Ms: r.latency.p90, lastClientP50Ms: r.lastClient.p50, lastClientP99Ms: r.lastClient.p99,
    roomEnvelopes: r.roomEnvelopes, commands: r.drive.commands, commandsPerSecond: r.drive.commands / (r.drive.elapsedMs / 1000), lateSlots: r.drive.lateSlots,
    commandAckP50Ms: r.ack.p50, commandAckP99Ms: r.ack.p99, serverLoopP99Ms: r.serverLoopP99, serverLoopMaxMs: r.serverLoopMax, serverCpuPct: r.serverCpuPct,
    // Everything shares this machine: a busy machine shows here before it shows in the figures.
    load1m: r.load,
  }]));
  return { ...perN, settings: { room: ROOM, targetCommandsPerSecond: RATE, seconds: SECONDS, clientsPerWorker: PER_WORKER }, node: process.version, cpus: cpus().length, date: new Date().toISOString() };
}

async function main(): Promise<void> {
  const wall = performance.now();
  const loadBefore = loadavg();
  console.log(`Fan-out bench: N = ${CLIENT_COUNTS.join(', ')} clients on ${ROOM}, ${RATE} cmd/s for ${SECONDS} s each, ${PER_WORKER} clients per worker process`);
  const config = JSON.parse(await readFile(DEMO_CHAIN, 'utf8')) as unknown;
  // The screens' bundle is served by the server but plays no part in the fan-out: if ui/ does not bundle right now,
  // serve a placeholder page rather than fail the benchmark.
  const screens: Screens = await bundleScreens().catch((error: unknown) => {
    console.log(`  (the screens did not bundle: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; serving a placeholder page)`);
    return { html: '<!doctype html><title>fan-out bench</title>', script: 'export {};' };
  });
  const results: RunResult[] = [];
  for (const n of CLIENT_COUNTS) {
    const result = await runOne(n, screens, config);
    console.log(`  ${summaryLine(result)}`);
    results.push(result);
  }
  report(results, loadBefore);
  console.log(`wrote ${await writeResults('fanout', figures(results))}`);
  console.log(`total fan-out bench time ${((performance.now() - wall) / 1000).toFixed(1)} s`);
}

try {
  await main();
} catch (error) {
  console.error('\nfanout bench FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
  killEverything();
  process.exitCode = 1;
}
