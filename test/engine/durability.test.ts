import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableEngine } from '../../engine/durable-engine.ts';
import { StoreEngine } from '../../engine/store-engine.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { dayCommands, SEED } from './fixtures/day-commands.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'engine-durability-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => { await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))); });

/** The state an engine that never stopped reaches after the first `count` commands. */
function referenceState(commands: unknown[], count: number) {
  const engine = StoreEngine.create(demoChainConfig(), { seed: SEED });
  for (const command of commands.slice(0, count)) expect(engine.executeNow(command).ok).toBe(true);
  return engine.exportState();
}

describe('durable engine', () => {
  it('restart = snapshot + journal replay rebuilds the state before the stop', async () => {
    const dir = await tempDir();
    const commands = dayCommands(300);
    const first = await DurableEngine.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 120 });
    for (const command of commands) expect((await first.execute(command)).ok).toBe(true);
    const before = first.engine.exportState();
    await first.close();

    const second = await DurableEngine.open(dir);
    expect(second.engine.exportState()).toEqual(before);
    expect(before).toEqual(referenceState(commands, commands.length));
    await second.close();
  });

  it('a refused command is neither applied nor journaled', async () => {
    const dir = await tempDir();
    const durable = await DurableEngine.open(dir, { config: demoChainConfig(), seed: SEED });
    const before = durable.engine.exportState();
    const refused = await durable.execute({ type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1 });
    expect(refused.ok).toBe(false);
    await durable.close();
    const reopened = await DurableEngine.open(dir);
    expect(reopened.engine.exportState()).toEqual(before);
    await reopened.close();
  });

  it('a bad chain configuration is refused on first start and nothing is written', async () => {
    const dir = await tempDir();
    await expect(DurableEngine.open(dir, { config: { currency: 'USD' } })).rejects.toThrow(/locations/);
    await expect(DurableEngine.open(dir)).rejects.toThrow(/no chain configuration/);
  });

  it('killing the process between commands loses no acknowledged command', async () => {
    const dir = await tempDir();
    const total = 2000;
    const writer = fileURLToPath(new URL('./fixtures/engine-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(total)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAck = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('ack ')) lastAck = Math.max(lastAck, Number(line.slice(4)));
          if (line === 'done') reject(new Error('the writer finished before it was killed: raise the command count'));
        }
        if (lastAck >= 400) { child.kill('SIGKILL'); resolve(); }
      });
      child.on('exit', (code) => { if (lastAck < 400) reject(new Error(`writer exited ${code}: ${stderr}`)); });
    });
    await exited;

    const reopened = await DurableEngine.open(dir);
    const recovered = reopened.engine.seq;
    expect(recovered).toBeGreaterThanOrEqual(lastAck);
    expect(reopened.engine.exportState()).toEqual(referenceState(dayCommands(total), recovered));
    // The recovered engine takes new commands where it left off.
    const next = await reopened.execute({ type: 'clock.advance', ms: 1000 });
    expect(next.ok && next.seq).toBe(recovered + 1);
    await reopened.close();
  }, 60_000);
});
