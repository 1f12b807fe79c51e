import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileHandle } from 'node:fs/promises';
import { Journal } from '../../engine/persistence/journal.ts';
import type { JournalEntry } from '../../engine/persistence/journal.ts';
import { dataPaths } from '../../engine/persistence/data-dir.ts';
import { consistentCut } from '../../engine/persistence/recovery.ts';
import { seal } from '../../engine/persistence/seal.ts';

const entry = (seq: number): JournalEntry => ({ seq, at: seq * 100, command: { type: 'cmd', seq } });
const line = (seq: number): string => seal(JSON.stringify(entry(seq))) + '\n';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-test-'));
  path = dataPaths(join(dir, 'data')).store.journal; // nested dir: open() must create it
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Journal', () => {
  it('round-trips entries in order and reopens for append', async () => {
    const j = await Journal.open(path);
    for (let s = 1; s <= 3; s++) await j.append(entry(s));
    await j.close();
    expect(await Journal.readAll(path)).toEqual([entry(1), entry(2), entry(3)]);

    const again = await Journal.open(path);
    await expect(again.append(entry(3))).rejects.toThrow(/seq 3 does not follow 3/);
    await again.append(entry(4));
    await again.close();
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('readAll: missing file is empty', async () => {
    expect(await Journal.readAll(join(dir, 'nope.jsonl'))).toEqual([]);
  });

  it('6 a torn final line is left out by readAll, and open() cuts it with one warning naming the file', async () => {
    await mkdirFor(path);
    await writeFile(path, line(1) + line(2) + line(3).slice(0, 15));
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual([1, 2]);

    // a final line that never was a sealed entry, even with its newline (e.g. a zero-filled block after power loss)
    await writeFile(path, line(1) + '\0\0\0\0\n');
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual([1]);

    await writeFile(path, line(1) + line(2) + line(3).slice(0, 15));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const j = await Journal.open(path);
      await j.append(entry(3));
      await j.close();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(new RegExp(`${path}.*torn final line`));
    } finally {
      warn.mockRestore();
    }
    expect(await readFile(path, 'utf8')).toBe(line(1) + line(2) + line(3));
  });

  it('6 a changed digit in a journal line is refused, naming the file and the line, whether in the middle or last', async () => {
    await mkdirFor(path);
    const changed = line(2).replace('"at":200', '"at":900');
    await writeFile(path, line(1) + changed + line(3));
    await expect(Journal.readAll(path)).rejects.toThrow(new RegExp(`journal ${path} line 2: its checksum does not match its text.*restore the data directory from a backup`));
    await expect(Journal.open(path)).rejects.toThrow(/line 2: its checksum/);
    // Before a snapshot's seq a line is not parsed, but its seal is still checked.
    await expect(Journal.readAll(path, { after: 3 })).rejects.toThrow(/line 2: its checksum/);
    // A complete final line that was changed is damage too (a torn write never leaves a sealed line).
    await writeFile(path, line(1) + line(2) + line(3).replace('"at":300', '"at":301'));
    await expect(Journal.readAll(path)).rejects.toThrow(/line 3: its checksum/);
  });

  it('6 a line that is not a sealed entry, or seqs that are not consecutive, are refused naming the line', async () => {
    await mkdirFor(path);
    await writeFile(path, line(1) + '{"seq":2,"at"\n' + line(3));
    await expect(Journal.readAll(path)).rejects.toThrow(/line 2: it is not a sealed journal entry/);
    await writeFile(path, line(1) + line(3) + line(4));
    await expect(Journal.readAll(path)).rejects.toThrow(/line 2: seq 3 does not follow seq 1/);
    await writeFile(path, line(1) + line(2) + line(2) + line(3));
    await expect(Journal.readAll(path, { after: 3 })).rejects.toThrow(/line 3: seq 2 does not follow seq 2/);
    await writeFile(path, line(1) + seal('{"at":200,"seq":2}') + '\n' + line(3));
    await expect(Journal.readAll(path, { after: 2 })).rejects.toThrow(/line 2: it is not a journal entry/);
  });

  it('readAll after a snapshot seq keeps only the later entries', async () => {
    await mkdirFor(path);
    await writeFile(path, line(1) + line(2) + line(3) + line(4));
    expect(await Journal.readAll(path, { after: 2 })).toEqual([entry(3), entry(4)]);
    expect(await Journal.readAll(path, { after: 9 })).toEqual([]);
    expect(await Journal.scan(path, { after: 9 })).toMatchObject({ first: 1, last: 4, lastEntry: entry(4) });
  });

  it('group commit: 500 concurrent appends are batched into few syncs, in order', async () => {
    const j = await Journal.open(path);
    const all: Promise<void>[] = [];
    for (let s = 1; s <= 500; s++) all.push(j.append(entry(s)));
    await Promise.all(all);
    expect(j.stats.entries).toBe(500);
    expect(j.stats.syncs).toBeLessThan(500);
    expect(j.stats.syncs).toBe(j.stats.batches);
    await j.close();
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('a failed write rejects the pending batch and every later append', async () => {
    const j = await Journal.open(path);
    await j.append(entry(1));
    // Close the underlying handle behind the journal's back: the next write gets EBADF.
    await (j as unknown as { handle: FileHandle }).handle.close();
    const pending = [2, 3, 4].map((s) => j.append(entry(s)));
    const results = await Promise.allSettled(pending);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(j.append(entry(5))).rejects.toThrow(/failed, no further appends accepted/);
    expect(j.stats.entries).toBe(1);
    await j.close(); // still closes (and releases the path) after a failure
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual([1]);
  });

  it('appends after close are rejected; a second open on the same path is refused', async () => {
    const j = await Journal.open(path);
    await expect(Journal.open(path)).rejects.toThrow(/already open/);
    const flushed = j.append(entry(1));
    await j.close(); // flushes the pending append first
    await flushed;
    await expect(j.append(entry(2))).rejects.toThrow(/closed/);
    expect((await Journal.readAll(path)).map((e) => e.seq)).toEqual([1]);
  });

  it('every acked append survives SIGKILL of the writing process', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)), // so `--import tsx` resolves
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    const acked: number[] = [];
    let stderr = '';
    try {
      await new Promise<void>((resolve, reject) => {
        let buffered = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          buffered += chunk;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const l of lines) {
            const m = /^ack (\d+)$/.exec(l);
            if (m) acked.push(Number(m[1]));
          }
          if (acked.length >= 200) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        child.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code ?? signal}): ${stderr}`));
        });
      });
      await exited; // the kernel has finished with the process before we read its file
    } finally {
      child.kill('SIGKILL'); // no-op if already dead
    }

    const seqs = (await Journal.readAll(path)).map((e) => e.seq); // throws if anything but the tail is corrupt
    expect(seqs.length).toBeGreaterThanOrEqual(acked.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const onDisk = new Set(seqs);
    expect(acked.filter((s) => !onDisk.has(s))).toEqual([]);

    // The journal is reusable after the crash: open() drops any torn tail.
    const j = await Journal.open(path);
    await j.append(entry(seqs.length + 1));
    await j.close();
    expect((await Journal.readAll(path)).length).toBe(seqs.length + 1);
  }, 30_000);
});

async function mkdirFor(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
}

describe('consistent cut of two journals', () => {
  const at = (seq: number, after?: number) => ({ seq, at: 0, command: {}, ...(after === undefined ? {} : { after }) });

  it('keeps what follows only entries the other journal holds, and cuts what follows a cut entry in turn', () => {
    // The store's entry 4 followed headquarters' entry 3, which never reached the disk; headquarters' entry 2
    // followed the store's entry 4, so it goes too; older journals (no `after`) follow nothing that can be missing.
    const store = [at(1), at(2, 0), at(3, 1), at(4, 3), at(5, 3)];
    const headquarters = [at(1, 0), at(2, 4)];
    expect(consistentCut({ store, headquarters }, { store: 0, headquarters: 0 })).toEqual({ store: 3, headquarters: 1 });
    expect(consistentCut({ store: [at(1), at(2)], headquarters: [at(1)] }, { store: 0, headquarters: 0 })).toEqual({ store: 2, headquarters: 1 });
  });

  it('entries a snapshot holds are not cut (the snapshot was taken once what they followed was on disk)', () => {
    const store = [at(5, 9), at(6, 10)];
    expect(consistentCut({ store, headquarters: [] }, { store: 5, headquarters: 9 })).toEqual({ store: 5, headquarters: 9 });
  });

  it('a journal opened to keep entries up to a seq cuts the rest off the file', async () => {
    const j = await Journal.open(path);
    for (let seq = 1; seq <= 5; seq++) await j.append(at(seq));
    await j.close();
    const cut = await Journal.open(path, { keepUpTo: 3 });
    expect(cut.writtenSeq).toBe(3);
    await cut.append(at(4, 7));
    await cut.close();
    expect(await Journal.readAll(path)).toEqual([at(1), at(2), at(3), at(4, 7)]);
  });
});
