/**
 * `npm run bench:server`: command throughput and latency of the real server, fresh and with a day of history.
 *
 * The server (startServer over a DurableChain, fsync on, in a temp data dir) runs in a child process
 * (bench/server-process.ts), so that this process, the load generator, never shares its event loop. The chain is
 * the synthetic 20-store chain (bench/server-chain.ts). Per phase: sign in once per store used (sign-in is rate
 * limited), connect one Socket.IO screen per store subscribed to its store room and its tills' register rooms (the
 * fan-out is part of the measured cost), open the shifts, then 20 tills each work one register in a closed loop over
 * HTTP keep-alive (POST /api/commands): mostly cash-and-carry sales (1-3 items, cash well above the due, the rest is
 * change), one sale in five a pickup order at the till's own store (customer, items, pickup, cash). Every command is
 * timed from send to answer; commands/s counts the commands sent after the warm-up until the end of the phase.
 *
 * Phases: `fresh` (a new chain), then `history`: a synthetic day of BENCH_SERVER_HISTORY commands on the same
 * configuration, replayed into a data dir by bench/server-history.ts (fsync off, not timed), opened by a new server
 * process (snapshot + journal replay); the day closed every shift at its end, so the tills open them again.
 *
 * Environment: BENCH_SERVER_SECONDS (measured load per phase, default 20), BENCH_SERVER_WARMUP_SECONDS (load before
 * measuring, default 2), BENCH_SERVER_HISTORY (default 100000), BENCH_SERVER_CLIENTS (tills, default 20),
 * BENCH_SERVER_PROFILE=1 (CPU-profile the server during each measured phase: .tmp/bench/server-<phase>.cpuprofile,
 * top functions printed; the profiler slows the server, so such a run writes .tmp/bench/server-profiled.json instead).
 * Writes .tmp/bench/server.json. Fails (exit 1, no JSON) when more than 1% of the commands are refused or fail.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { Command } from '../engine/protocol/commands.ts';
import type { DemoChainConfigInput } from '../test/fixtures/chain.ts';
import { summarizeProfile, type ProfileSummary } from './cpu-profile.ts';
import { JsonClient } from './http-client.ts';
import { resultsDir, writeResults } from './results.ts';
import { benchChainConfig, benchTills, ENGINE_SEED, orderingCustomers, PIN, type BenchTill } from './server-chain.ts';
import type { BuildHistory, FromHistory, FromServer, ServerStats, ToServer } from './server-protocol.ts';
import { Rng } from './synthetic-day.ts';

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number, got ${process.env[name]}`);
  return value;
}
const SECONDS = positive('BENCH_SERVER_SECONDS', 20);
const WARMUP_SECONDS = positive('BENCH_SERVER_WARMUP_SECONDS', 2);
const HISTORY = Math.round(positive('BENCH_SERVER_HISTORY', 100_000));
const CLIENTS = Math.round(positive('BENCH_SERVER_CLIENTS', 20));
const PROFILE = process.env['BENCH_SERVER_PROFILE'] === '1';

/** Cash handed over for any sale: well above any due, the rest is change. */
const CASH = 10_000_000;
const PICKUP_SHARE = 0.2;
/** More refused or failed commands than this means the command mix is wrong, not that the server is slow. */
const MAX_FAILED_SHARE = 0.01;

const SERVER_SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const HISTORY_SCRIPT = fileURLToPath(new URL('./server-history.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : '-');
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// --- Child processes ---

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A forked TypeScript child and its messages, taken one by one in order. */
class Child<In, Out extends { type: string }> {
  private readonly child: ChildProcess;
  private readonly inbox: Out[] = [];
  private waiter: ((message: Out | Error) => void) | null = null;
  private ended: Error | null = null;
  readonly exited: Promise<void>;

  constructor(private readonly name: string, script: string) {
    this.child = fork(script, [], { execArgv: ['--import', TSX], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(this.child);
    this.child.on('message', (message) => this.deliver(message as Out));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this.child);
        this.ended = new Error(`${this.name} exited (code ${code}, signal ${signal})`);
        this.deliver(this.ended);
        resolve();
      });
    });
  }

  private deliver(message: Out | Error): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter !== null) waiter(message);
    else if (!(message instanceof Error)) this.inbox.push(message);
  }

  get alive(): boolean {
    return this.ended === null;
  }

  send(message: In): void {
    if (this.ended !== null) throw this.ended;
    this.child.send(message as object);
  }

  /** The next message, which must be of `type` (a `failed` message throws the child's reason). */
  async next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    let message: Out | Error | undefined = this.inbox.shift();
    if (message === undefined) {
      if (this.ended !== null) throw this.ended;
      let timer: NodeJS.Timeout | undefined;
      message = await new Promise<Out | Error>((resolve) => {
        this.waiter = resolve;
        timer = setTimeout(() => resolve(new Error(`${this.name}: no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      }).finally(() => clearTimeout(timer));
    }
    if (message instanceof Error) throw message;
    if (message.type === 'failed') throw new Error(`${this.name} failed: ${(message as unknown as { message: string }).message}`);
    if (message.type !== type) throw new Error(`${this.name}: expected '${type}', got '${message.type}'`);
    return message as Extract<Out, { type: T }>;
  }

  async request<T extends Out['type']>(message: In, answer: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    this.send(message);
    return this.next(answer, timeoutMs);
  }

  /** A clean exit, or killed after a moment. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

function killEverything(): void {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nserver bench: ${signal}: stopping the child processes and removing the temp directories`);
    killEverything();
    process.exit(130);
  });
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// --- The load ---

interface Refusal { rule: string; message: string }

/** What the tills saw in one window (the warm-up, or the measured load): latencies, refusals, sales. */
class Tally {
  readonly latencies: number[] = [];
  readonly byType = new Map<string, number[]>();
  readonly refused = new Map<string, { count: number; example: string }>();
  /** Answers that are neither accepted nor a refusal by a rule (by status). */
  readonly failed = new Map<number, number>();
  readonly answeredAt: number[] = [];
  sales = 0;
  pickupOrders = 0;
  lastAnswer = 0;

  record(type: string, took: number, answeredAt: number): void {
    this.latencies.push(took);
    this.answeredAt.push(answeredAt);
    let list = this.byType.get(type);
    if (list === undefined) this.byType.set(type, list = []);
    list.push(took);
    this.lastAnswer = Math.max(this.lastAnswer, answeredAt);
  }

  refuse(refusal: Refusal, command: Command): void {
    const seen = this.refused.get(refusal.rule) ?? { count: 0, example: `${command.type}: ${refusal.message}` };
    seen.count += 1;
    this.refused.set(refusal.rule, seen);
  }

  get refusals(): number {
    return [...this.refused.values()].reduce((s, r) => s + r.count, 0);
  }

  get failures(): number {
    return [...this.failed.values()].reduce((s, n) => s + n, 0);
  }
}

/** Commands sent from `from` on (the warm-up is over) are measured; none is sent from `until` on. */
interface Window { from: number; until: number }

/** One till: sales in a closed loop, each command sent once the previous one is answered. */
async function workTill(client: JsonClient, till: BenchTill, token: string, rng: Rng, load: { products: string[]; customers: string[] }, window: Window, tallies: { warmup: Tally; measured: Tally }): Promise<void> {
  const registerId = till.registerId;
  const items = (count: number): Command[] => Array.from({ length: count }, () => ({ type: 'register.addItem', registerId, productId: rng.pick(load.products), quantity: rng.int(1, 3) }));
  const tender: Command = { type: 'register.tender', registerId, method: 'cash', amount: CASH };
  /** Sends the command; false when it was not accepted. */
  const send = async (command: Command, tally: Tally): Promise<boolean> => {
    const sent = performance.now();
    const answer = await client.send('POST', '/api/commands', { token, body: { command } });
    const answered = performance.now();
    tally.record(command.type, answered - sent, answered);
    if (answer.status >= 200 && answer.status < 300) return true;
    const error = (answer.body as { error?: Partial<Refusal> } | null)?.error;
    if (typeof error?.rule === 'string') tally.refuse({ rule: error.rule, message: error.message ?? '' }, command);
    else tally.failed.set(answer.status, (tally.failed.get(answer.status) ?? 0) + 1);
    return false;
  };
  while (performance.now() < window.until) {
    const pickup = rng.chance(PICKUP_SHARE);
    const sale: Command[] = pickup
      ? [{ type: 'register.setCustomer', registerId, customerId: rng.pick(load.customers) }, ...items(rng.int(1, 2)), { type: 'register.pickupAll', registerId }, tender]
      : [...items(rng.int(1, 3)), tender];
    let tally = tallies.warmup;
    for (const command of sale) {
      const now = performance.now();
      if (now >= window.until) return;
      if (now >= window.from) tally = tallies.measured;
      if (!(await send(command, tally))) {
        // Start over from an empty till (recovery, not load: not counted).
        await client.send('POST', '/api/commands', { token, body: { command: { type: 'register.void', registerId } } });
        break;
      }
      if (command === tender) {
        tally.sales += 1;
        if (pickup) tally.pickupOrders += 1;
      }
    }
  }
}

// --- One phase ---

interface PhaseResult {
  /** Measured commands (sent after the warm-up), their rate and their latency, ms. */
  commands: number;
  commandsPerSecond: number;
  seconds: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Commands/s in each slice of the window (does the rate hold as the chain grows; do stalls show?). */
  rateBySlice: { sliceSeconds: number; rates: number[] };
  byType: Record<string, { count: number; p50Ms: number; p99Ms: number }>;
  refused: number;
  refusedByRule: Record<string, { count: number; example: string }>;
  /** Answers neither accepted nor refused by a rule, by HTTP status. */
  failed: number;
  failedByStatus: Record<string, number>;
  sales: number;
  pickupOrders: number;
  warmupCommands: number;
  screens: number;
  screenUpdates: number;
  screenDisconnects: number;
  openMs: number;
  /** Engine-level commands the chain held when the server opened it, and when the phase ended. */
  seqAtOpen: { store: number; headquarters: number };
  seqAtEnd: { store: number; headquarters: number };
  envelopes: number;
  server: Omit<ServerStats, 'type' | 'storeSeq' | 'headquartersSeq' | 'envelopes'>;
  /** Server RSS right after it opened the chain, before any load. */
  rssAtOpenMB: number;
  load: [number, number];
  profile?: ProfileSummary & { file: string };
}

const SLICE_SECONDS = 2;

function rateBySlice(answeredAt: number[], from: number): PhaseResult['rateBySlice'] {
  const counts = new Array<number>(Math.ceil(SECONDS / SLICE_SECONDS)).fill(0);
  for (const at of answeredAt) {
    const slice = Math.floor((at - from) / (SLICE_SECONDS * 1000));
    if (slice < counts.length) counts[slice]! += 1;
  }
  return { sliceSeconds: SLICE_SECONDS, rates: counts.map((n) => n / SLICE_SECONDS) };
}

/** A till's session: its cashier signed in at its register (till work is done there only). */
async function signIn(client: JsonClient, till: BenchTill): Promise<string> {
  const answer = await client.send('POST', '/api/session', { body: { operatorId: till.operatorId, pin: PIN, siteId: till.storeId, registerId: till.registerId } });
  const token = (answer.body as { token?: unknown } | null)?.token;
  if (answer.status !== 201 || typeof token !== 'string') throw new Error(`sign-in of ${till.operatorId} at ${till.registerId} failed (HTTP ${answer.status}): ${JSON.stringify(answer.body)}`);
  return token;
}

interface Screen { socket: Socket; updates: number; disconnects: number; closing: boolean }

/** A till's screen: its register room, and (one till a store) the store room. */
async function openScreen(url: string, token: string, rooms: string[]): Promise<Screen> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`screen: connect_error: ${error.message}`));
    });
  });
  const screen: Screen = { socket, updates: 0, disconnects: 0, closing: false };
  socket.on('update', () => { screen.updates += 1; });
  socket.on('disconnect', () => { if (!screen.closing) screen.disconnects += 1; });
  const answer = await socket.timeout(20_000).emitWithAck('subscribe', { rooms }) as { ok: boolean; error?: unknown };
  if (!answer.ok) throw new Error(`screen: subscribe to ${rooms.join(', ')} refused: ${JSON.stringify(answer.error)}`);
  return screen;
}

async function runPhase(name: 'fresh' | 'history', dataDir: string, config: DemoChainConfigInput, open: { config?: unknown; seed?: number }): Promise<PhaseResult> {
  const loadAtStart = loadavg()[0]!;
  const server = new Child<ToServer, FromServer>(`${name} server`, SERVER_SCRIPT);
  let client: JsonClient | null = null;
  const screens: Screen[] = [];
  try {
    const ready = await server.request({ type: 'open', dataDir, ...open }, 'ready', 600_000);
    console.log(`  ${name}: server up at ${ready.url} in its own process (chain opened in ${ms(ready.openMs)} ms: store seq ${fmt(ready.storeSeq)}, headquarters seq ${fmt(ready.headquartersSeq)}; rss ${ms(ready.rssMB)} MB)`);
    client = new JsonClient(ready.url, CLIENTS + 2);
    const tills = benchTills(config, CLIENTS);
    const stores = [...new Set(tills.map((t) => t.storeId))];
    const tokens = new Map<string, string>();
    for (const till of tills) tokens.set(till.registerId, await signIn(client, till));
    for (const till of tills) {
      const first = tills.find((t) => t.storeId === till.storeId) === till;
      screens.push(await openScreen(ready.url, tokens.get(till.registerId)!, [...(first ? [`store:${till.storeId}`] : []), `register:${till.registerId}`]));
    }
    for (const till of tills) {
      const answer = await client.send('POST', '/api/commands', { token: tokens.get(till.registerId)!, body: { command: { type: 'register.openShift', registerId: till.registerId, operatorId: till.operatorId } } });
      if (answer.status !== 200) throw new Error(`openShift at ${till.registerId} refused (HTTP ${answer.status}): ${JSON.stringify(answer.body)}`);
    }

    const load = { products: config.products.map((p) => p.id), customers: orderingCustomers(config) };
    const tallies = { warmup: new Tally(), measured: new Tally() };
    // Nothing is measured until the warm-up is over; then the window gets its real bounds.
    const window: Window = { from: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY };
    console.log(`  ${name}: ${tills.length} tills at ${stores.length} stores (${stores.join(', ')}), ${screens.length} screens; warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s measured...`);
    const working = Promise.all(tills.map((till, i) => workTill(client!, till, tokens.get(till.registerId)!, new Rng(2026 + i * 7919), load, window, tallies)));
    await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
    await server.request({ type: 'measure', profile: PROFILE }, 'measuring', 30_000);
    const updatesBefore = screens.reduce((s, sc) => s + sc.updates, 0);
    window.from = performance.now();
    window.until = window.from + SECONDS * 1000;
    await working;
    const profileFile = PROFILE ? join(await resultsDir(), `server-${name}.cpuprofile`) : undefined;
    const stats = await server.request({ type: 'stats', ...(profileFile === undefined ? {} : { profileTo: profileFile }) }, 'stats', 120_000);
    const screenUpdates = screens.reduce((s, sc) => s + sc.updates, 0) - updatesBefore;

    const tally = tallies.measured;
    const sorted = Float64Array.from(tally.latencies).sort();
    const seconds = (tally.lastAnswer - window.from) / 1000;
    const { type: _type, storeSeq, headquartersSeq, envelopes, ...serverFigures } = stats;
    const result: PhaseResult = {
      commands: sorted.length, commandsPerSecond: sorted.length / seconds, seconds,
      p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      meanMs: sorted.reduce((s, t) => s + t, 0) / Math.max(1, sorted.length),
      rateBySlice: rateBySlice(tally.answeredAt, window.from),
      byType: Object.fromEntries([...tally.byType].map(([type, list]) => {
        const times = Float64Array.from(list).sort();
        return [type, { count: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) }];
      })),
      refused: tally.refusals, refusedByRule: Object.fromEntries(tally.refused),
      failed: tally.failures, failedByStatus: Object.fromEntries([...tally.failed].map(([status, n]) => [String(status), n])),
      sales: tally.sales, pickupOrders: tally.pickupOrders, warmupCommands: tallies.warmup.latencies.length,
      screens: screens.length, screenUpdates, screenDisconnects: screens.reduce((s, sc) => s + sc.disconnects, 0),
      openMs: ready.openMs,
      seqAtOpen: { store: ready.storeSeq, headquarters: ready.headquartersSeq }, seqAtEnd: { store: storeSeq, headquarters: headquartersSeq }, envelopes,
      server: serverFigures, rssAtOpenMB: ready.rssMB, load: [loadAtStart, loadavg()[0]!],
    };
    if (profileFile !== undefined) result.profile = { file: profileFile, ...await summarizeProfile(profileFile, 25) };
    return result;
  } finally {
    for (const screen of screens) {
      screen.closing = true;
      screen.socket.close();
    }
    client?.close();
    if (server.alive) await server.request({ type: 'close' }, 'closed', 60_000).catch(() => {});
    await server.stop();
  }
}

// --- Report ---

function report(phases: Record<'fresh' | 'history', PhaseResult>): void {
  const entries = Object.entries(phases);
  console.log(`\n=== Server: ${CLIENTS} tills over HTTP keep-alive, fsync on, ${SECONDS} s measured per phase (latency = send to answer, ms) ===`);
  console.table(Object.fromEntries(entries.map(([name, p]) => [name, {
    'chain seq at open': p.seqAtOpen.store + p.seqAtOpen.headquarters,
    commands: p.commands,
    'cmd/s': p.commandsPerSecond.toFixed(0),
    p50: ms(p.p50Ms), p90: ms(p.p90Ms), p99: ms(p.p99Ms), max: ms(p.maxMs),
    refused: p.refused, failed: p.failed,
    'sales (pickup)': `${p.sales} (${p.pickupOrders})`,
  }])));
  console.log('Server process (during the measured load; CPU % of one core):');
  console.table(Object.fromEntries(entries.map(([name, p]) => [name, {
    'open ms': ms(p.openMs),
    'rss at open MB': ms(p.rssAtOpenMB), 'rss MB': ms(p.server.rssMB), 'heap MB': ms(p.server.heapUsedMB),
    'loop mean ms': ms(p.server.meanEventLoopDelayMs), 'loop p99 ms': ms(p.server.p99EventLoopDelayMs), 'loop max ms': ms(p.server.maxEventLoopDelayMs),
    'CPU %': p.server.cpuPct.toFixed(0),
    'screen updates': p.screenUpdates,
    'load 1m start/end': p.load.map((l) => l.toFixed(1)).join(' / '),
  }])));
  console.log('Latency by command (ms):');
  const types = [...new Set(entries.flatMap(([, p]) => Object.keys(p.byType)))];
  console.table(Object.fromEntries(types.map((type) => [type, Object.fromEntries(entries.flatMap(([name, p]) => {
    const t = p.byType[type];
    return [[`${name} n`, t?.count ?? 0], [`${name} p50`, ms(t?.p50Ms ?? Number.NaN)], [`${name} p99`, ms(t?.p99Ms ?? Number.NaN)]];
  }))])));
  for (const [name, p] of entries) {
    console.log(`  ${name}: cmd/s by ${p.rateBySlice.sliceSeconds} s slice: ${p.rateBySlice.rates.map((r) => r.toFixed(0)).join(' ')}`);
  }
  for (const [name, p] of entries) {
    for (const [rule, r] of Object.entries(p.refusedByRule)) console.log(`  ${name}: ${r.count} refused by ${rule}, e.g. ${r.example}`);
    for (const [status, n] of Object.entries(p.failedByStatus)) console.log(`  ${name}: ${n} answers with HTTP ${status} and no rule`);
    if (p.screenDisconnects > 0) console.log(`  ${name}: WARNING ${p.screenDisconnects} screens disconnected during the load`);
    if (p.profile !== undefined) printProfile(name, p.profile);
  }
}

function printProfile(name: string, profile: ProfileSummary & { file: string }): void {
  console.log(`\nCPU profile of the ${name} server during the measured load (${profile.file}, ${fmt(profile.sampledMs)} ms sampled):`);
  console.log('Self time by area:');
  console.table(profile.areas.slice(0, 15).map((a) => ({ area: a.area, 'self ms': fmt(a.selfMs), 'self %': a.selfPct.toFixed(1) })));
  console.log('Functions by self time:');
  console.table(profile.bySelf.map((f) => ({ function: f.name, 'self ms': fmt(f.selfMs), 'self %': f.selfPct.toFixed(1), 'total %': f.totalPct.toFixed(1) })));
  console.log('Functions by total time:');
  console.table(profile.byTotal.map((f) => ({ function: f.name, 'total ms': fmt(f.totalMs), 'total %': f.totalPct.toFixed(1), 'self %': f.selfPct.toFixed(1) })));
}

/** Refused or failed commands beyond the threshold: the mix is wrong, and the figures with it. */
function problems(phases: Record<'fresh' | 'history', PhaseResult>): string[] {
  return Object.entries(phases).flatMap(([name, p]) => {
    if (p.commands === 0) return [`${name}: no command was measured`];
    const share = (p.refused + p.failed) / p.commands;
    return share > MAX_FAILED_SHARE ? [`${name}: ${p.refused} refused and ${p.failed} failed of ${p.commands} commands (${(100 * share).toFixed(1)}%, over ${100 * MAX_FAILED_SHARE}%): fix the command mix`] : [];
  });
}

async function main(): Promise<void> {
  const wall = performance.now();
  console.log(`Server bench: ${CLIENTS} tills, ${SECONDS} s measured per phase after ${WARMUP_SECONDS} s of warm-up, history of ${fmt(HISTORY)} commands${PROFILE ? ', CPU profile on' : ''}`);
  const config = benchChainConfig(CLIENTS);

  const freshDir = await tempDir('storefront-bench-fresh-');
  const fresh = await runPhase('fresh', freshDir, config, { config, seed: ENGINE_SEED });
  await removeDir(freshDir);
  console.log(`  fresh: ${fmt(fresh.commands)} commands, ${fresh.commandsPerSecond.toFixed(0)} cmd/s, p99 ${ms(fresh.p99Ms)} ms`);

  const historyDir = await tempDir('storefront-bench-history-');
  console.log(`  history: generating a synthetic day of ${fmt(HISTORY)} commands and journaling it (fsync off, not timed)...`);
  const builder = new Child<BuildHistory, FromHistory>('history builder', HISTORY_SCRIPT);
  const { type: _built, ...built } = await builder.request({ type: 'build', dataDir: historyDir, config, targetCommands: HISTORY, engineSeed: ENGINE_SEED }, 'built', 3_600_000);
  await builder.stop();
  console.log(`  history: ${fmt(built.commands)} commands (store seq ${fmt(built.storeSeq)}, headquarters seq ${fmt(built.headquartersSeq)}), generated in ${(built.generateMs / 1000).toFixed(1)} s, `
    + `journaled in ${(built.replayMs / 1000).toFixed(1)} s: journals ${built.journalMB.toFixed(1)} MB, snapshots ${built.snapshotMB.toFixed(1)} MB`);
  const history = await runPhase('history', historyDir, config, {});
  await removeDir(historyDir);

  const phases = { fresh, history };
  report(phases);
  const found = problems(phases);
  if (found.length > 0) {
    for (const problem of found) console.log(`PROBLEM ${problem}`);
    throw new Error('too many commands refused or failed: no figures written');
  }
  // A profiled run's figures are slowed by the profiler: they never replace the plain run's.
  const path = await writeResults(PROFILE ? 'server-profiled' : 'server', {
    freshCommandsPerSecond: round(fresh.commandsPerSecond, 1),
    freshP99Ms: round(fresh.p99Ms),
    historyCommands: built.commands,
    historyCommandsPerSecond: round(history.commandsPerSecond, 1),
    historyP99Ms: round(history.p99Ms),
    rssMB: round(history.server.rssMB, 1),
    maxEventLoopDelayMs: round(Math.max(fresh.server.maxEventLoopDelayMs, history.server.maxEventLoopDelayMs)),
    freshP50Ms: round(fresh.p50Ms),
    historyP50Ms: round(history.p50Ms),
    freshCommands: fresh.commands,
    historyPhaseCommands: history.commands,
    freshRefused: fresh.refused,
    historyRefused: history.refused,
    freshFailed: fresh.failed,
    historyFailed: history.failed,
    freshSeconds: round(fresh.seconds),
    historySeconds: round(history.seconds),
    freshRssMB: round(fresh.server.rssMB, 1),
    historyRssMB: round(history.server.rssMB, 1),
    freshMaxEventLoopDelayMs: round(fresh.server.maxEventLoopDelayMs),
    historyMaxEventLoopDelayMs: round(history.server.maxEventLoopDelayMs),
    freshServerCpuPct: round(fresh.server.cpuPct, 0),
    historyServerCpuPct: round(history.server.cpuPct, 0),
    historyOpenMs: round(history.openMs, 0),
    history: { target: HISTORY, ...built },
    phases: { fresh: withoutProfile(fresh), history: withoutProfile(history) },
    settings: { clients: CLIENTS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, pickupShare: PICKUP_SHARE, cashTendered: CASH, fsync: true, profiled: PROFILE },
    node: process.version,
    cpus: cpus().length,
    date: new Date().toISOString(),
  });
  console.log(`\nwrote ${path}; total server bench time ${((performance.now() - wall) / 1000).toFixed(1)} s`);
}

/** The profile summary stays on the console: the .cpuprofile file is the record. */
function withoutProfile({ profile, ...phase }: PhaseResult): PhaseResult & { profileFile?: string } {
  return profile === undefined ? phase : { ...phase, profileFile: profile.file };
}

try {
  await main();
} catch (error) {
  console.error('\nserver bench FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
  killEverything();
  process.exitCode = 1;
}
