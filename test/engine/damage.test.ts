/**
 * Issue 9, defect 6: damage to a data directory is detected on open and refused with the file, the line and what to
 * do, never believed; what a crash leaves (a torn final line) is cut with a warning. Defect 10: one engine per data
 * directory.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dataPaths } from '../../engine/persistence/data-dir.ts';
import { DamagedData } from '../../engine/persistence/damage.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { dayCommands, SEED } from './fixtures/day-commands.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const tempDir = useTempDirs('engine-damage-');

/** A data directory after `count` day commands, then headquarters' jobs (its entries say how far the store was on disk). */
async function storedDay(options: { count?: number; snapshotEvery?: number } = {}): Promise<{ dir: string; paths: ReturnType<typeof dataPaths>; state: string }> {
  const dir = await tempDir();
  const durable = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: options.snapshotEvery ?? 0 });
  for (const command of dayCommands(options.count ?? 40)) expect((await durable.execute(command)).ok).toBe(true);
  for (const job of ['P-job', 'synchronizeOrders']) expect((await durable.execute({ type: 'headquarters.runJob', job })).ok).toBe(true);
  const state = JSON.stringify(durable.chain.exportState());
  await durable.close();
  return { dir, paths: dataPaths(dir), state };
}

const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
const writeLines = (file: string, kept: string[]) => writeFile(file, kept.map((line) => `${line}\n`).join(''));

async function refused(dir: string, message: RegExp): Promise<void> {
  const opening = DurableChain.open(dir);
  await expect(opening).rejects.toThrow(DamagedData);
  await expect(DurableChain.open(dir)).rejects.toThrow(message);
}

describe('6 damage is detected, not believed', () => {
  it('6 a changed digit in a journal line (still valid JSON) is refused, naming the file and the line', async () => {
    const { dir, paths } = await storedDay();
    const journal = await lines(paths.store.journal);
    journal[9] = journal[9]!.replace(/"at":(\d)/, (_, d: string) => `"at":${(Number(d) + 1) % 10}`);
    await writeLines(paths.store.journal, journal);
    await refused(dir, new RegExp(`journal ${paths.store.journal} line 10: its checksum does not match its text \\(the line was changed\\): restore the data directory from a backup`));
  });

  it('6 a changed digit in store.json (the configuration: still valid JSON) is refused', async () => {
    const { dir, paths } = await storedDay();
    await writeFile(paths.store.snapshots, (await readFile(paths.store.snapshots, 'utf8')).replace('2499', '2489'));
    await refused(dir, new RegExp(`${paths.store.snapshots}: its checksum does not match`));
  });

  it('6 a changed digit in a snapshot record is refused, naming the file and the line', async () => {
    const { dir } = await storedDay({ snapshotEvery: 25 });
    const file = join(dir, (await readdir(dir)).find((f) => f.startsWith('store.snapshot-'))!);
    const records = await lines(file);
    records[1] = records[1]!.replace(/(\d)/, (_, d: string) => String((Number(d) + 1) % 10));
    await writeLines(file, records);
    await refused(dir, new RegExp(`${file} line 2: its checksum does not match`));
  });

  it('6 a journal cut at a line boundary is refused when the other journal says more of it was on disk', async () => {
    const { dir, paths } = await storedDay();
    await writeLines(paths.store.journal, (await lines(paths.store.journal)).slice(0, -3));
    await refused(dir, new RegExp(`${paths.store.journal}: it ends at seq \\d+, but ${paths.headquarters.journal} line \\d+ says seq \\d+ was on disk: the journal was cut`));
  });

  it('6 a journal cut behind its snapshot (the snapshot ahead of its journal) is refused', async () => {
    const { dir, paths } = await storedDay({ snapshotEvery: 25 });
    await writeLines(paths.store.journal, (await lines(paths.store.journal)).slice(0, 20));
    await refused(dir, new RegExp(`${paths.store.journal}: it ends at seq 20, behind the snapshot ${paths.store.snapshots} names \\(seq \\d+\\)`));
  });

  it('6 a journal deleted, or starting after seq 1 with no snapshot to hold what came before, is refused', async () => {
    const { dir, paths } = await storedDay();
    const journal = await lines(paths.headquarters.journal);
    await writeLines(paths.headquarters.journal, journal.slice(1));
    await refused(dir, new RegExp(`${paths.headquarters.journal} line 1: it starts at seq 2, but there is no snapshot: seqs 1..1 are missing`));
    await rm(paths.headquarters.journal);
    await refused(dir, new RegExp(`${paths.headquarters.journal}: it is missing, and ${paths.headquarters.snapshots} holds a chain`));
  });

  it('6 both journals deleted after a snapshot are refused (the manifests recorded what was on disk)', async () => {
    const { dir, paths } = await storedDay({ snapshotEvery: 25 });
    await writeFile(paths.store.journal, '');
    await writeFile(paths.headquarters.journal, '');
    await refused(dir, /it ends at seq 0, behind the snapshot/);
  });

  it('6 a torn final line (a crash mid-write, never acknowledged) is cut with one warning naming the file', async () => {
    const { dir, paths, state } = await storedDay();
    const torn = (await lines(paths.store.journal)).at(-1)!.replace(/"seq":\d+/, '"seq":999').slice(0, 40);
    await writeFile(paths.store.journal, `${await readFile(paths.store.journal, 'utf8')}${torn}`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const reopened = await DurableChain.open(dir);
      expect(JSON.stringify(reopened.chain.exportState())).toBe(state);
      await reopened.close();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(new RegExp(`journal ${paths.store.journal}: cut 40 bytes of a torn final line`));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('10 one engine per data directory', () => {
  it('10 a second engine on a data directory in use is refused before anything is written, naming the directory and the pid', async () => {
    const { dir, paths } = await storedDay();
    const first = await DurableChain.open(dir);
    const files = async () => Promise.all([paths.store.snapshots, paths.store.journal, paths.headquarters.snapshots].map((f) => readFile(f, 'utf8')));
    const before = await files();
    await expect(DurableChain.open(dir)).rejects.toThrow(`data directory ${dir} is already open in this process`);
    // Another process holding it: a running pid in the lock file.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
    try {
      await first.close();
      await writeFile(paths.lock, `${other.pid}\n`);
      await expect(DurableChain.open(dir)).rejects.toThrow(`data directory ${dir} is in use by process ${other.pid} (lock file ${paths.lock})`);
      expect(await files()).toEqual(before);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Once that process is gone its lock is stale: taken over, with a word.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const taken = await DurableChain.open(dir);
      expect(String(warn.mock.calls[0]![0])).toMatch(`taking over the lock left by process ${other.pid}`);
      expect((await readFile(paths.lock, 'utf8')).trim()).toBe(String(process.pid));
      await taken.close();
    } finally {
      warn.mockRestore();
    }
    await expect(readFile(paths.lock)).rejects.toThrow(/ENOENT/);
  });

  it('10 opening a data directory that does not exist, when asked not to create one, creates nothing', async () => {
    const dir = join(await tempDir(), 'missing');
    await expect(DurableChain.open(dir, { create: false })).rejects.toThrow(`no data directory ${dir}`);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });
});
