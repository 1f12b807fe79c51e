/**
 * Issue 9, defect 10: the command line says what is wrong in one line and exits non-zero, without a stack trace,
 * and creates nothing on bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { demoChainConfig } from '../fixtures/chain.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });

let dir: string | undefined;
afterEach(async () => { if (dir !== undefined) await rm(dir, { recursive: true, force: true }); dir = undefined; });

describe('10 the command line on bad input', () => {
  it('10 report on a missing data directory prints one plain line, exits non-zero and creates nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const missing = join(dir, 'missing');
    const run = cli('report', '--data', missing);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: no data directory ${missing}\n`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('10 a data directory in use, a bad port: one plain line each, non-zero', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const durable = await DurableChain.open(dir, { config: demoChainConfig() });
    try {
      const report = cli('report', '--data', dir);
      expect(report.status).toBe(2);
      expect(report.stderr).toMatch(new RegExp(`^error: data directory ${dir} is in use by process ${process.pid} \\(lock file .*\\): stop it first, or remove the lock file if no engine runs there\\n$`));
    } finally {
      await durable.close();
    }
    const port = cli('demo', '--data', join(dir, 'other'), '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toBe('error: command line: --port: expected a port number (0-65535), got "eighty"\n');
  });

  it('10 demo --reset starts the demo afresh: the chain\'s files go, anything else stays; a running engine\'s directory is refused', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const first = cli('demo', '--data', dir, '--no-server');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/demo chain created/);
    const again = cli('demo', '--data', dir, '--no-server');
    expect(again.stdout).toMatch(/demo chain loaded from .* \((\d+) commands so far\)/);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const reset = cli('demo', '--data', dir, '--no-server', '--reset');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/cleared: starting afresh\ndemo chain created/);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    // The lock is respected: an engine holding the directory keeps it.
    const durable = await DurableChain.open(dir);
    try {
      const refused = cli('demo', '--data', dir, '--no-server', '--reset');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/is in use by process/);
      expect(durable.chain.seq).toBeGreaterThan(0);
    } finally {
      await durable.close();
    }
    expect((await readdir(dir)).sort()).toContain('store.journal.jsonl');
  }, 60_000);
});

describe('the storefront command (commander)', () => {
  it('--help on every command exits 0; an unknown command or option exits 2 in one line', () => {
    for (const args of [['--help'], ['run', '--help'], ['report', '--help'], ['demo', '--help'], ['hash-pin', '--help'], ['help', 'run']]) {
      const help = cli(...args);
      expect(help.status, args.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/^Usage: storefront/);
    }
    expect(cli('--help').stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    const unknown = cli('bogus');
    expect([unknown.status, unknown.stderr]).toEqual([2, "error: unknown command 'bogus'\n"]);
    const option = cli('run', 'x.json', '--dat', 'y');
    expect([option.status, option.stderr]).toEqual([2, "error: unknown option '--dat' (Did you mean --data?)\n"]);
    const missing = cli('run');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("error: missing required argument 'file'\n");
  });
});
