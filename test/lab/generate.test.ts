/**
 * `storefront generate` and the chain-day generator behind it: same seed same bytes, valid JSON Lines that replay
 * with no refused step, a lazy stream written with backpressure, bad flags refused naming the flag.
 * Takes a few seconds (one-store days of ~700 steps).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { Chain, chainCommandSchema } from '../../engine/chain.ts';
import { generateCommand } from '../../engine/cli/generate.ts';
import { verifyPin } from '../../engine/credentials.ts';
import { generatedChainConfig, generatedScenario, scenarioLines, shapeFor, writeLines, type GenerateOptions } from '../../engine/lab/generate.ts';
import { parseWith } from '../../engine/protocol/commands.ts';

const small: GenerateOptions = { stores: 1, days: 1, traffic: 1, seed: 7 };
const text = (options: GenerateOptions) => [...scenarioLines(generatedScenario(options))].join('');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const storefront = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'generate-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs the command as the CLI would, its exit turned into an exception and its error output kept. */
async function generate(args: string[]): Promise<{ exitCode: number; stderr: string }> {
  let stderr = '';
  const command = generateCommand().exitOverride().configureOutput({ writeErr: (s) => { stderr += s; }, writeOut: () => {} });
  try {
    await command.parseAsync(args, { from: 'user' });
    return { exitCode: 0, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode, stderr };
    throw error;
  }
}

describe('generated chain days', () => {
  it('the same seed gives the same bytes, another seed another day', () => {
    const first = text(small);
    expect(text(small)).toBe(first);
    // A second pass over one scenario's steps starts from the beginning again.
    const scenario = generatedScenario(small);
    expect([...scenario.steps]).toEqual([...scenario.steps]);
    expect(text({ ...small, seed: 8 })).not.toBe(first);
  });

  it('is JSON Lines: a header with the chain, then chain commands that replay with no refused step over the days asked', () => {
    const lines = text({ ...small, days: 2 }).split('\n');
    expect(lines.pop()).toBe('');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(header)).toEqual(['name', 'description', 'seed', 'startAt', 'config']);
    expect(header).toMatchObject({ seed: 7, startAt: '2026-11-23T09:00:00.000Z' });
    const chain = Chain.create(header['config'], { seed: header['seed'] as number, startAt: Date.parse(header['startAt'] as string) });
    const steps = lines.slice(1);
    expect(steps.length).toBeGreaterThan(2 * 700);
    const refused: unknown[] = [];
    for (const [i, line] of steps.entries()) {
      const parsed = parseWith(chainCommandSchema, JSON.parse(line));
      if (!parsed.ok) throw new Error(`line ${i + 2}: ${parsed.error.message}`);
      const result = chain.executeNow(parsed.command);
      if (!result.ok) refused.push([i + 2, result.error]);
    }
    expect(refused).toEqual([]);
    // Two trading days: the second closes at 21:00 the next day; the chain's three tills sold on both.
    expect(new Date(chain.now).toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(chain.catalog.stores.get('S01')!.registerIds).toEqual(['S01-R1', 'S01-R2', 'S01-R3']);
  });

  it("the chain's staff sign in with the demo PIN of their role, and the analyst sees every store", async () => {
    const config = generatedChainConfig(shapeFor(12));
    expect(config.stores.map((s) => s.id)).toEqual(Array.from({ length: 12 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
    expect(config.locations.filter((l) => l.kind === 'warehouse').map((l) => l.id)).toEqual(['W1', 'W2']);
    const staff = new Map((config.staff ?? []).map((s) => [s.operatorId, s]));
    // Five a store, a lead a warehouse, the analyst, and the demo call center's two agents and supervisor.
    expect(staff.size).toBe(12 * 5 + 2 + 1 + 3);
    for (const [operatorId, pin] of [['S07-c2', '1111'], ['S12-lead', '2222'], ['W2-lead', '2222'], ['S01-mgr', '9999'], ['analyst', '5555'], ['agent1', '7777'], ['supervisor1', '8181']] as const) {
      expect(await verifyPin(pin, staff.get(operatorId)!.pinHash!), operatorId).toBe(true);
    }
    expect(await verifyPin('1111', staff.get('S01-mgr')!.pinHash!)).toBe(false);
    expect(staff.get('analyst')!.storeIds).toHaveLength(12);
  });

  it('is lazy: the first lines of a day of a billion commands come at once', () => {
    const huge = generatedScenario({ stores: 500, days: 366, traffic: 10_000, seed: 1 });
    const started = performance.now();
    const first: string[] = [];
    for (const line of scenarioLines(huge)) {
      first.push(line);
      if (first.length === 50) break;
    }
    expect(first).toHaveLength(50);
    expect(JSON.parse(first[1]!)).toEqual({ type: 'register.openShift', registerId: 'S01-R1', operatorId: 'S01-c1' });
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('writes with backpressure: it makes no more lines while the stream is full', async () => {
    let made = 0;
    let taken = 0;
    let mostAhead = 0;
    const lines = (function* () {
      for (const line of scenarioLines(generatedScenario({ ...small, traffic: 5 }))) {
        made += 1;
        // Lines made that the reader has not taken yet.
        mostAhead = Math.max(mostAhead, made - taken);
        yield line;
      }
    })();
    // A slow reader with a small buffer: every chunk takes a few milliseconds to go.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => {
          taken += chunk.toString().split('\n').length - 1;
          done();
        }, 2);
      },
    });
    const count = await writeLines(lines, slow);
    expect(count).toBe(made);
    // A chunk is ~64 KiB, some 650 lines: the generator never ran more than about two chunks ahead of the reader
    // (without backpressure it would make all ~3,500 lines before the reader took the first).
    expect(made).toBeGreaterThan(3000);
    expect(mostAhead).toBeLessThan(1500);
  });

  it('--out writes the file whole, the same bytes as standard output would get', async () => {
    const dir = await tempDir();
    const file = join(dir, 'day.jsonl');
    const { exitCode, stderr } = await generate(['--stores', '1', '--seed', '7', '--out', file]);
    expect(exitCode).toBe(0);
    expect(stderr).toMatch(/^\d{3} steps written to .*day\.jsonl in \d+\.\d s\n$/);
    expect(await readFile(file, 'utf8')).toBe(text(small));
    expect(await readdir(dir)).toEqual(['day.jsonl']);
  });

  it.each([
    [['--stores', '0'], '--stores'],
    [['--stores', '2.5'], '--stores'],
    [['--days', 'two'], '--days'],
    [['--traffic=-1'], '--traffic'],
    [['--seed', '1e3'], '--seed'],
  ])('refuses %j with exit 2, naming %s, writing nothing', async (args, flag) => {
    const dir = await tempDir();
    const { exitCode, stderr } = await generate([...args, '--out', join(dir, 'x.jsonl')]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(flag);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a file that cannot be written exits 2 with the reason, leaving nothing behind', async () => {
    const dir = await tempDir();
    const { exitCode, stderr } = await generate(['--stores', '1', '--out', join(dir, 'missing', 'day.jsonl')]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/cannot write .*day\.jsonl: ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an --out that is a folder exits 2 before generating anything (not after the whole day, at the rename)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'day'));
    const { exitCode, stderr } = await generate(['--stores', '1', '--out', join(dir, 'day')]);
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`error: --out ${join(dir, 'day')}: is a folder: name a file in it\n`);
    expect(await readdir(dir)).toEqual(['day']);
  });

  describe('as a process (npx storefront generate)', () => {
    it('streams to standard output the bytes generatedScenario makes; storefront run --strict replays the file with no refusal', async () => {
      const out = storefront('generate', '--stores', '1', '--seed', '7');
      expect(out.status).toBe(0);
      expect(out.stdout).toBe(text(small));
      const dir = await tempDir();
      const file = join(dir, 'day.jsonl');
      const written = storefront('generate', '--stores', '1', '--days', '2', '--seed', '7', '--out', file);
      expect(written.status).toBe(0);
      expect(written.stderr).toMatch(/^1,\d{3} steps written to .*day\.jsonl in \d+\.\d s\n$/);
      const run = storefront('run', file, '--strict');
      expect(run.status).toBe(0);
    }, 120_000);

    it('a bad flag exits 2 with one line naming it; --help exits 0', () => {
      const bad = storefront('generate', '--days', '0');
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining("'--days <count>'")]);
      const help = storefront('generate', '--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('--traffic <level>');
    });
  });
});
