import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { syncDir } from './journal.ts';

/**
 * File names inside a data directory: the one place they are spelled out. The store channel and headquarters each
 * keep their own lowdb file (configuration + snapshot) and journal, so that they can run apart.
 */
export function dataPaths(dir: string) {
  return {
    store: { snapshots: join(dir, 'store.json'), journal: join(dir, 'store.journal.jsonl') },
    headquarters: { snapshots: join(dir, 'headquarters.json'), journal: join(dir, 'headquarters.journal.jsonl') },
    lock: join(dir, 'engine.lock'),
    /** The refused commands, noted for analysts (refusal-log.ts). */
    refusals: join(dir, 'refusals.jsonl'),
  };
}

export interface DataDirLock { release(): Promise<void> }

/** Data directories this process holds (a lock file naming this pid but not held here is an earlier run's). */
const held = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * One engine per data directory: a lock file holding the pid, taken before anything in the directory is written
 * (a second server would rewrite the files under the first). A lock left by a process that is no longer running
 * is taken over; one held by a running process is refused, naming the directory and the pid.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const key = resolve(dir);
  const path = dataPaths(dir).lock;
  if (held.has(key)) throw new Error(`data directory ${dir} is already open in this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await syncDir(dir);
      held.add(key);
      return { release: async () => { held.delete(key); await rm(path, { force: true }); } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      // This pid, not held here: the lock of an earlier run that had the same pid (a container restarted).
      const stale = Number.isNaN(holder) || holder === process.pid || !running(holder);
      if (!stale || attempt > 0) {
        throw new Error(`data directory ${dir} is in use by process ${Number.isNaN(holder) ? '(unknown)' : holder} (lock file ${path}): stop it first, or remove the lock file if no engine runs there`);
      }
      console.warn(`data directory ${dir}: taking over the lock left by process ${Number.isNaN(holder) ? '(unknown)' : holder}, which is not running`);
      await rm(path, { force: true });
    }
  }
}

/**
 * The files an engine and its server write in a data directory (configuration and snapshots, their records and
 * temporary files, the journals, the refusals noted, the server's sessions): `clearChainFiles` removes these and nothing else, so a
 * directory given by mistake loses no file of anyone else's.
 */
const CHAIN_FILE = /^(?:(?:store|headquarters)(?:\.json|\.journal\.jsonl|\.snapshot-\d+\.jsonl)|sessions\.json|refusals\.jsonl)(?:\.tmp)?$/;

/** Starts a data directory afresh; call it only holding the directory's lock (a running engine keeps its files). */
export async function clearChainFiles(dir: string): Promise<string[]> {
  const removed = (await readdir(dir)).filter((file) => CHAIN_FILE.test(file));
  for (const file of removed) await rm(join(dir, file), { force: true });
  await syncDir(dir);
  return removed;
}
