import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../engine/persistence/snapshot-store.ts';
import { dataPaths } from '../../engine/persistence/data-dir.ts';
import { fullDisk } from './fixtures/full-disk.ts';

const head = (seq: number, at = seq) => ({ seq, at, journals: { store: seq, headquarters: 0 } });
const rec = (n: string) => ({ t: 'row', n });

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-store-test-'));
  path = dataPaths(join(dir, 'data')).store.snapshots; // nested dir: open() must create it
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SnapshotStore', () => {
  it('starts empty', async () => {
    const store = await SnapshotStore.open(path);
    expect(store.config).toBeNull();
    expect(store.snapshot).toBeNull();
  });

  it('saveConfig and saveSnapshot persist across reopen; the snapshot\'s records are in a file beside the manifest', async () => {
    const store = await SnapshotStore.open(path);
    const config = { storeName: 'Main St', registers: 3 };
    await store.saveConfig(config);
    const records = [{ t: 'head', seq: 42 }, { t: 'order', id: 'o1' }, { t: 'order', id: 'o2' }];
    const manifest = await store.saveSnapshot(head(42, 4200), records);
    config.registers = 99; // the store keeps its own copy

    const reopened = await SnapshotStore.open(path);
    expect(reopened.config).toEqual({ storeName: 'Main St', registers: 3 });
    expect(reopened.snapshot).toEqual({ seq: 42, at: 4200, journals: { store: 42, headquarters: 0 } });
    expect(await reopened.readSnapshot()).toEqual({ seq: 42, at: 4200, records });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 2, config: reopened.config, snapshot: manifest, crc: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(manifest).toMatchObject({ records: 3 });
    expect((await readFile(join(dirname(path), manifest.file), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown)).toEqual(records.map((r) => ({ ...r, crc: expect.any(String) })));
  });

  it('writes a large state a chunk at a time, the event loop running in between', async () => {
    const store = await SnapshotStore.open(path);
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 0);
    const records = function* () { for (let i = 0; i < 40_000; i++) yield { t: 'row', key: `k${i}`, value: 'x'.repeat(100) }; };
    try {
      const manifest = await store.saveSnapshot(head(1), records());
      expect(manifest.records).toBe(40_000);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(1);
    expect((await store.readSnapshot())).toMatchObject({ seq: 1, records: { length: 40_000 } });
  });

  it('refuses a snapshot with a lower seq, accepts equal and higher, and keeps only the current records file', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot(head(10, 1), [rec('a')]);
    await expect(store.saveSnapshot(head(9, 2), [rec('b')])).rejects.toThrow(/older/);
    await store.saveSnapshot(head(10, 3), [rec('c')]);
    await store.saveSnapshot(head(11, 4), [rec('d')]);

    const reopened = await SnapshotStore.open(path);
    expect(await reopened.readSnapshot()).toEqual({ seq: 11, at: 4, records: [rec('d')] });
    await expect(reopened.saveSnapshot(head(3, 5), [rec('e')])).rejects.toThrow(/older/);
    expect((await readdir(dirname(path))).filter((f) => f.includes('.snapshot-')).sort()).toEqual(['store.snapshot-11.jsonl']);
  });

  it('a snapshot that cannot be written leaves the stored one as it was and no file behind', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot(head(5, 1), [rec('kept')]);
    const unserializable = function* () { yield rec('fine'); yield { big: 1n }; };
    await expect(store.saveSnapshot(head(6, 2), unserializable())).rejects.toThrow();
    expect(await store.readSnapshot()).toEqual({ seq: 5, at: 1, records: [rec('kept')] });
    expect((await readdir(dirname(path))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('3 a full disk (ENOSPC) at any write of a snapshot leaves the stored one as it was and no temporary file behind', async () => {
    for (const [failing, op] of [[/snapshot-6/, 'write'], [/snapshot-6/, 'sync'], [/snapshot-6/, 'rename'], [/store\.json/, 'write'], [/store\.json/, 'rename']] as const) {
      await rm(dirname(path), { recursive: true, force: true });
      const files = fullDisk(failing, op);
      files.on = false;
      const store = await SnapshotStore.open(path, { files });
      await store.saveSnapshot(head(5, 1), [rec('kept')]);
      files.on = true;
      await expect(store.saveSnapshot(head(6, 2), [rec('lost')]), `${op} of ${failing}`).rejects.toThrow(/ENOSPC/);
      expect(await store.readSnapshot()).toEqual({ seq: 5, at: 1, records: [rec('kept')] });
      expect((await readdir(dirname(path))).sort(), `${op} of ${failing}`).toEqual(['store.json', 'store.snapshot-5.jsonl']);
      files.on = false;
      await store.saveSnapshot(head(6, 2), [rec('later')]); // tried again once there is room
      expect(await (await SnapshotStore.open(path)).readSnapshot()).toEqual({ seq: 6, at: 2, records: [rec('later')] });
    }
  });

  it('3 what an interrupted write left (temporary files, a records file no manifest names) is removed on open', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot(head(5, 1), [rec('kept')]);
    for (const leftover of ['store.json.tmp', 'store.snapshot-6.jsonl.tmp', 'store.snapshot-4.jsonl', 'headquarters.snapshot-3.jsonl']) await writeFile(join(dirname(path), leftover), 'x');
    await SnapshotStore.open(path);
    expect((await readdir(dirname(path))).sort()).toEqual(['headquarters.snapshot-3.jsonl', 'store.json', 'store.snapshot-5.jsonl']);
  });
});

describe('6 damage to a snapshot is refused, naming the file', () => {
  async function stored(): Promise<{ file: string }> {
    const store = await SnapshotStore.open(path);
    await store.saveConfig({ prices: { lamp: 2499 } });
    const manifest = await store.saveSnapshot(head(7), [rec('a'), rec('b'), rec('c')]);
    return { file: join(dirname(path), manifest.file) };
  }

  it('6 a changed digit in the lowdb file (still valid JSON)', async () => {
    await stored();
    await writeFile(path, (await readFile(path, 'utf8')).replace('2499', '2498'));
    await expect(SnapshotStore.open(path)).rejects.toThrow(new RegExp(`${path}: its checksum does not match its text.*restore the data directory from a backup`));
  });

  it('6 a lowdb file written by an earlier version (no checksum) is refused with what to do', async () => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify({ config: { c: 1 }, snapshot: null }));
    await expect(SnapshotStore.open(path)).rejects.toThrow(/written by an earlier version of the engine, without checksums: replay its chain into a new data directory/);
    await writeFile(path, '{"config":');
    await expect(SnapshotStore.open(path)).rejects.toThrow(/it is not valid JSON/);
  });

  it('6 a changed digit in a snapshot record names the line', async () => {
    const { file } = await stored();
    await writeFile(file, (await readFile(file, 'utf8')).replace('"n":"b"', '"n":"B"'));
    await expect((await SnapshotStore.open(path)).readSnapshot()).rejects.toThrow(new RegExp(`${file} line 2: its checksum does not match`));
  });

  it('6 records lost, moved or the file missing', async () => {
    const { file } = await stored();
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [lines[0], lines[1], ''].join('\n'));
    await expect((await SnapshotStore.open(path)).readSnapshot()).rejects.toThrow(/holds 2 records .* says 3 in \d+: lines were lost or added/);
    await writeFile(file, [lines[1], lines[0], lines[2], ''].join('\n'));
    await expect((await SnapshotStore.open(path)).readSnapshot()).rejects.toThrow(new RegExp(`${file} line 1: its checksum does not match its text and place \\(the line was changed or moved\\)`));
    await rm(file);
    await expect((await SnapshotStore.open(path)).readSnapshot()).rejects.toThrow(/it is missing/);
  });
});
