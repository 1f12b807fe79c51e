import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../engine/persistence/snapshot-store.ts';
import { dataPaths } from '../../engine/persistence/data-dir.ts';

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
    const manifest = await store.saveSnapshot({ seq: 42, at: 4200 }, records);
    config.registers = 99; // the store keeps its own copy

    const reopened = await SnapshotStore.open(path);
    expect(reopened.config).toEqual({ storeName: 'Main St', registers: 3 });
    expect(reopened.snapshot).toEqual({ seq: 42, at: 4200 });
    expect(await reopened.readSnapshot()).toEqual({ seq: 42, at: 4200, records });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ config: reopened.config, snapshot: manifest });
    expect((await readFile(join(dirname(path), manifest.file), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown)).toEqual(records);
  });

  it('writes a large state a chunk at a time, the event loop running in between', async () => {
    const store = await SnapshotStore.open(path);
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 0);
    const records = function* () { for (let i = 0; i < 40_000; i++) yield { t: 'row', key: `k${i}`, value: 'x'.repeat(100) }; };
    try {
      const manifest = await store.saveSnapshot({ seq: 1, at: 1 }, records());
      expect(manifest.records).toBe(40_000);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(1);
    expect((await store.readSnapshot())).toMatchObject({ seq: 1, records: { length: 40_000 } });
  });

  it('refuses a snapshot with a lower seq, accepts equal and higher, and keeps only the current records file', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot({ seq: 10, at: 1 }, ['a']);
    await expect(store.saveSnapshot({ seq: 9, at: 2 }, ['b'])).rejects.toThrow(/older/);
    await store.saveSnapshot({ seq: 10, at: 3 }, ['c']);
    await store.saveSnapshot({ seq: 11, at: 4 }, ['d']);

    const reopened = await SnapshotStore.open(path);
    expect(await reopened.readSnapshot()).toEqual({ seq: 11, at: 4, records: ['d'] });
    await expect(reopened.saveSnapshot({ seq: 3, at: 5 }, ['e'])).rejects.toThrow(/older/);
    expect((await readdir(dirname(path))).filter((f) => f.includes('.snapshot-')).sort()).toEqual(['store.snapshot-11.jsonl']);
  });

  it('a snapshot that cannot be written leaves the stored one as it was and no file behind', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot({ seq: 5, at: 1 }, ['kept']);
    const unserializable = function* () { yield 'fine'; yield { big: 1n }; };
    await expect(store.saveSnapshot({ seq: 6, at: 2 }, unserializable())).rejects.toThrow();
    expect(await store.readSnapshot()).toEqual({ seq: 5, at: 1, records: ['kept'] });
    expect((await readdir(dirname(path))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a snapshot an older version stored inline', async () => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify({ config: { c: 1 }, snapshot: { seq: 3, at: 30, state: { orders: {} } } }));
    const store = await SnapshotStore.open(path);
    expect(store.snapshot).toEqual({ seq: 3, at: 30 });
    expect(await store.readSnapshot()).toEqual({ seq: 3, at: 30, state: { orders: {} } });
  });
});
