import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('saveConfig and saveSnapshot persist across reopen', async () => {
    const store = await SnapshotStore.open(path);
    const config = { storeName: 'Main St', registers: 3 };
    await store.saveConfig(config);
    await store.saveSnapshot({ seq: 42, at: 4200, state: { orders: [{ id: 'o1' }] } });
    config.registers = 99; // the store keeps its own copy

    const reopened = await SnapshotStore.open(path);
    expect(reopened.config).toEqual({ storeName: 'Main St', registers: 3 });
    expect(reopened.snapshot).toEqual({ seq: 42, at: 4200, state: { orders: [{ id: 'o1' }] } });
    expect(store.config).toEqual(reopened.config);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ config: reopened.config, snapshot: reopened.snapshot });
  });

  it('refuses a snapshot with a lower seq, accepts equal and higher', async () => {
    const store = await SnapshotStore.open(path);
    await store.saveSnapshot({ seq: 10, at: 1, state: 'a' });
    await expect(store.saveSnapshot({ seq: 9, at: 2, state: 'b' })).rejects.toThrow(/older/);
    await store.saveSnapshot({ seq: 10, at: 3, state: 'c' });
    await store.saveSnapshot({ seq: 11, at: 4, state: 'd' });

    const reopened = await SnapshotStore.open(path);
    expect(reopened.snapshot).toEqual({ seq: 11, at: 4, state: 'd' });
    await expect(reopened.saveSnapshot({ seq: 3, at: 5, state: 'e' })).rejects.toThrow(/older/);
  });
});
