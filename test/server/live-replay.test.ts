/**
 * Live replay against a real server: started on port 0 at x100 on a tiny scenario, it prints the screens' addresses
 * before any step, a socket following headquarters sees the commands' effects arrive at the scenario's pace, the
 * server keeps serving once the replay is over, and stopping closes everything and removes the temporary chain.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveReplay, type LiveOptions, type LiveServer } from '../../engine/cli/live.ts';
import { validateScenario } from '../../engine/lab/run-scenario.ts';
import { openScenario } from '../../engine/lab/scenario-file.ts';
import type { SubscribeReply } from '../../engine/protocol/messages.ts';
import type { ChainReport } from '../../engine/protocol/report.ts';
import { call, DEMO_CHAIN, emitWithAck, signIn, socketOf } from './server-helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NO_SCREENS = { html: '<!doctype html><title>test</title>', script: 'export {};' };
const steps = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 3 },
  { type: 'register.removeLine', registerId: 'R1', lineId: 'L99' },
  { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5000, as: 'sale' },
  // A reference to an earlier step's result: the lab's runner fills it in.
  { type: 'register.emailReceipt', registerId: 'R1', transactionId: '$sale.transactionId', email: 'ann@example.com' },
  { type: 'clock.advance', ms: 60_000 },
];

/** A scenario file checked as `run` checks it, then served live. */
async function serve(file: string, options: Omit<LiveOptions, 'steps' | 'port' | 'screens'>): Promise<LiveServer> {
  const source = await openScenario(file);
  return startLiveReplay(source, { steps: await validateScenario(source), port: 0, screens: NO_SCREENS, ...options });
}

let dir: string;
let live: LiveServer | null = null;
afterEach(async () => {
  await live?.stop();
  live = null;
  await rm(dir, { recursive: true, force: true });
});

describe('run FILE --serve', () => {
  it('serves a fresh chain and replays the scenario into it at x100: the screens see each command arrive', async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-replay-'));
    const file = join(dir, 'tiny.json');
    await writeFile(file, JSON.stringify({ name: 'Tiny', seed: 3, startAt: '2026-11-23T09:00:00.000Z', config: JSON.parse(await readFile(DEMO_CHAIN, 'utf8')), steps }));
    const lines: string[] = [];
    const started = Date.now();
    live = await serve(file, { speed: 100, print: (line) => lines.push(line) });
    const { url } = live;
    expect(lines[0]).toBe('live replay of "Tiny" (6 steps) at x100, in a temporary data directory');
    expect(lines[1]).toContain(`all of them on ${url}/`);
    expect(lines[1]).toContain(`Seattle, Till R1: ${url}/till?store=S1&register=R1`);

    const analyst = await signIn(url, 'analyst1', 'S1');
    const socket = await socketOf(url, analyst);
    try {
      const reports: ChainReport[] = [];
      socket.on('update', (envelope: { room: string; view: ChainReport }) => { if (envelope.room === 'headquarters') reports.push(envelope.view); });
      const reply = await emitWithAck<SubscribeReply>(socket, 'subscribe', { rooms: ['headquarters'] });
      expect(reply.ok).toBe(true);
      const run = await live.replayed;
      expect(run).toEqual({ accepted: 5, refused: 1, stopped: false });
      // Five ordinary steps at 10 ms each and a minute of the scenario's clock at x100.
      expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 10 + 600);
      await expect.poll(() => reports.at(-1)?.clock, { timeout: 5_000 }).toBe('2026-11-23T09:01:00.000Z');
      expect(reports.some((r) => r.receipts.count === 1)).toBe(true);
    } finally {
      socket.close();
    }
    expect(lines.slice(2)).toEqual([
      '09:00:00 step 1/6 register.openShift: accepted',
      '09:00:00 step 2/6 register.addItem: accepted',
      expect.stringMatching(/^09:00:00 step 3\/6 register\.removeLine: refused: .*L99.* \([A-Z_]+\)$/),
      '09:00:00 step 4/6 register.tender: accepted',
      '09:00:00 step 5/6 register.emailReceipt: accepted',
      '09:01:00 step 6/6 clock.advance: accepted',
      'replay finished: 5 accepted, 1 refused; the server keeps serving until Ctrl-C',
    ]);
    // Still serving once the replay is over: the report reads the chain as the scenario left it.
    const report = await call(url, 'GET', '/api/report', { token: analyst });
    expect(report).toMatchObject({ status: 200, body: { report: { receipts: { count: 1 }, refusedByRule: {} } } });
    // The journal scrubber works on the live replay's chain too.
    expect(await call(url, 'GET', '/api/journal', { token: analyst })).toMatchObject({ status: 200, body: { point: { previousRefusal: expect.any(Number) } } });

    await live.stop();
    live = null;
    await expect(fetch(`${url}/api/sites`)).rejects.toThrow();
  });

  it('stops mid-replay cleanly, the chain closed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-replay-'));
    const file = join(dir, 'slow.json');
    await writeFile(file, JSON.stringify({ name: 'Slow', config: JSON.parse(await readFile(DEMO_CHAIN, 'utf8')), steps: [steps[0], { type: 'clock.advance', ms: 3_600_000 }, steps[1]] }));
    const data = join(dir, 'data');
    const lines: string[] = [];
    live = await serve(file, { speed: 10, dataDir: data, print: (line) => lines.push(line) });
    await expect.poll(() => lines.length, { timeout: 5_000 }).toBeGreaterThan(2);
    const stopping = Date.now();
    await live.stop();
    live = null;
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(lines.at(-1)).toBe('replay stopped after 1 of 3 steps');
    expect((await stat(join(data, 'store.journal.jsonl'))).size).toBeGreaterThan(0);
    await expect(stat(join(data, 'engine.lock'))).rejects.toThrow(/ENOENT/);
  });
});

describe('run FILE --serve as a process', () => {
  it('prints the screens, replays, keeps serving, and Ctrl-C stops it with exit 0', async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-replay-'));
    const file = join(dir, 'tiny.json');
    await writeFile(file, JSON.stringify({ name: 'Tiny', config: JSON.parse(await readFile(DEMO_CHAIN, 'utf8')), steps: steps.slice(0, 2) }));
    const child = spawn(process.execPath, ['bin/storefront.mjs', 'run', file, '--serve', '--speed', '100', '--port', '0'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 20_000, interval: 100 }).toContain('the server keeps serving until Ctrl-C');
      const url = /all of them on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)![1]!;
      expect(stdout.indexOf('Till R1')).toBeLessThan(stdout.indexOf('step 1/2'));
      expect((await fetch(`${url}/api/sites`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('a bad --speed exits 2 naming the flag and the speeds', async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-replay-'));
    const child = spawn(process.execPath, ['bin/storefront.mjs', 'run', 'scenarios/demo-day.json', '--serve', '--speed', '50'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toBe('error: command line: --speed: expected 1, 10, 100 (times the scenario\'s clock), got "50"\n');
  });
});
