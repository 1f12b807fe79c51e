/**
 * Issue 9, defects 4 and 5: every answer is true (stored and applied, neither, or "outcome unknown"), and a client's
 * `commandId` makes a repeat get the first answer and change nothing, also across a restart.
 */
import { describe, expect, it } from 'vitest';
import { CommandKeys } from '../../engine/persistence/command-keys.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { nodeFiles, type DataFiles } from '../../engine/persistence/files.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { SEED } from './fixtures/day-commands.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const tempDir = useTempDirs('engine-idempotency-');

const open = async (dir: string, options: { files?: DataFiles; snapshotEvery?: number } = {}) => DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 0, ...options });

/** Anna's lamp for pickup at S1 from R1, ready to tender (deposit 275). */
const lampSale = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
  { type: 'register.pickupAll', registerId: 'R1' },
];
const tender = { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 };

async function accepted(durable: DurableChain, commands: unknown[]): Promise<void> {
  for (const [i, command] of commands.entries()) expect((await durable.execute(command, { commandId: `setup-${i}` })).ok).toBe(true);
}

/** Journal writes that fail (EIO) on the `n`-th write to a file matching `path` from when `armed` is set: before the bytes reach the file, or after. */
function failingWrite(path: RegExp, when: 'before' | 'after', n = 1): DataFiles & { armed: boolean } {
  let writes = 0;
  const files: DataFiles & { armed: boolean } = {
    ...nodeFiles,
    armed: false,
    async write(handle, file, data) {
      if (!files.armed || !path.test(file) || ++writes !== n) return nodeFiles.write(handle, file, data);
      if (when === 'after') await nodeFiles.write(handle, file, data);
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    },
  };
  return files;
}

describe('5 idempotency: a repeat under the same commandId gets the first answer', () => {
  it('5 a repeat of an accepted command gets the first answer (same seq, same result) and changes nothing, also after a restart', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await accepted(first, lampSale);
    const answer = await first.execute(tender, { commandId: 'tender-1' });
    expect(answer).toMatchObject({ ok: true, result: { orderId: 'CO-000001', completed: true } });
    const state = JSON.stringify(first.chain.exportState());
    expect(await first.execute(tender, { commandId: 'tender-1' })).toEqual(answer);
    expect(JSON.stringify(first.chain.exportState())).toBe(state);
    await first.close();

    const reopened = await open(dir);
    const repeated = await reopened.execute(tender, { commandId: 'tender-1' });
    expect(repeated).toEqual(JSON.parse(JSON.stringify(answer)));
    expect(JSON.stringify(reopened.chain.exportState())).toBe(state);
    await reopened.close();
  });

  it('5 the keys a snapshot holds are remembered after a restart that reads the journals from the snapshot on', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await accepted(first, lampSale);
    const answer = await first.execute(tender, { commandId: 'tender-1' });
    await first.snapshot();
    await first.close();
    // Only the snapshot holds the key now: the journal lines before it are not read.
    const reopened = await open(dir);
    expect(await reopened.execute(tender, { commandId: 'tender-1' })).toEqual(JSON.parse(JSON.stringify(answer)));
    await reopened.close();
  });

  it('5 the same commandId with another command is refused (CONFLICT, field commandId) and changes nothing', async () => {
    const dir = await tempDir();
    const durable = await open(dir);
    await accepted(durable, lampSale);
    expect((await durable.execute(tender, { commandId: 'k-1' })).ok).toBe(true);
    const state = JSON.stringify(durable.chain.exportState());
    const other = await durable.execute({ type: 'register.openShift', registerId: 'R2', operatorId: 'manager1' }, { commandId: 'k-1' });
    expect(other).toMatchObject({ ok: false, error: { rule: 'CONFLICT', field: 'commandId' } });
    expect(JSON.stringify(durable.chain.exportState())).toBe(state);
    await durable.close();
  });

  it('5 a refused command is not remembered: its retry under the same key is evaluated again', async () => {
    const dir = await tempDir();
    const durable = await open(dir);
    const openShift = lampSale[0]!;
    expect(await durable.execute({ ...tender }, { commandId: 'early' })).toMatchObject({ ok: false });
    expect((await durable.execute(openShift, { commandId: 'shift' })).ok).toBe(true);
    await accepted(durable, lampSale.slice(1));
    expect(await durable.execute(tender, { commandId: 'early' })).toMatchObject({ ok: true, result: { completed: true } });
    await durable.close();
  });

  it('5 a commandId that is not 1-64 characters of A-Z a-z 0-9 _ . : - is refused naming the field', async () => {
    const durable = await open(await tempDir());
    for (const commandId of ['', 'x'.repeat(65), 'has space', 'slash/'])
      expect(await durable.execute(lampSale[0], { commandId }), commandId).toMatchObject({ ok: false, error: { rule: 'VALIDATION', field: 'commandId' } });
    expect(durable.chain.seq).toBe(0);
    await durable.close();
  });

  it('5 keys are kept for the last 24 hours of chain clock and at most a bounded count, oldest forgotten first', () => {
    const keys = new CommandKeys(24 * 3_600_000, 3);
    const key = (id: string, at: number) => ({ id, fingerprint: 'f', at, answer: { seq: at, at, result: {} } });
    keys.remember(key('a', 0), 'store');
    keys.remember(key('b', 1), 'store');
    keys.remember(key('c', 2), 'headquarters');
    keys.remember(key('d', 3), 'store');
    expect(['a', 'b', 'c', 'd'].map((id) => keys.get(id) !== undefined)).toEqual([false, true, true, true]);
    keys.remember(key('e', 2 + 24 * 3_600_000), 'store');
    expect(['b', 'c', 'd', 'e'].map((id) => keys.get(id) !== undefined)).toEqual([false, true, true, true]);
    expect(keys.ofSide('headquarters').map((k) => k.id)).toEqual(['c']);
  });
});

describe('4 answers are true when the journal fails', () => {
  /** Lamp sale tendered (key tender-1) as the store journal's write fails, before or after its bytes reach the disk; closed. */
  async function tenderAsTheJournalFails(when: 'before' | 'after'): Promise<{ dir: string; unknown: unknown; later: unknown }> {
    const dir = await tempDir();
    const files = failingWrite(/store\.journal/, when);
    const first = await open(dir, { files });
    await accepted(first, lampSale);
    files.armed = true;
    const unknown = await first.execute(tender, { commandId: 'tender-1' });
    const later = await first.execute(lampSale[0], { commandId: 'later' });
    await first.close();
    return { dir, unknown, later };
  }

  it('4 a write that failed after its bytes reached the disk answers OUTCOME_UNKNOWN (503); after a restart the commandId gives the first answer, applied once', async () => {
    const { dir, unknown, later } = await tenderAsTheJournalFails('after');
    expect(unknown).toEqual({ ok: false, error: { rule: 'OUTCOME_UNKNOWN', field: 'server', message: 'the command may or may not have been stored: once the server is back, send it again with the same commandId to learn its outcome' } });
    expect(later).toMatchObject({ ok: false, error: { rule: 'UNAVAILABLE' } });

    const reopened = await open(dir);
    expect(reopened.chain.orderIds()).toEqual(['CO-000001']);
    const state = JSON.stringify(reopened.chain.exportState());
    expect(await reopened.execute(tender, { commandId: 'tender-1' })).toMatchObject({ ok: true, seq: reopened.chain.seq, result: { orderId: 'CO-000001', completed: true } });
    expect(JSON.stringify(reopened.chain.exportState())).toBe(state);
    await reopened.close();
  });

  it('4 a write that failed before its bytes reached the disk answers OUTCOME_UNKNOWN; after a restart the commandId applies it, once', async () => {
    const { dir, unknown } = await tenderAsTheJournalFails('before');
    expect(unknown).toMatchObject({ ok: false, error: { rule: 'OUTCOME_UNKNOWN' } });

    const reopened = await open(dir);
    expect(reopened.chain.orderIds()).toEqual([]);
    const answer = await reopened.execute(tender, { commandId: 'tender-1' });
    expect(answer).toMatchObject({ ok: true, result: { orderId: 'CO-000001', completed: true } });
    expect(await reopened.execute(tender, { commandId: 'tender-1' })).toEqual(answer);
    expect(reopened.chain.orderIds()).toEqual(['CO-000001']);
    await reopened.close();
  });

  it('4 a refusal that changed nothing stays a refusal when the journal fails meanwhile', async () => {
    const dir = await tempDir();
    const files = failingWrite(/store\.journal/, 'before');
    const durable = await open(dir, { files });
    files.armed = true;
    const [opened, refused] = await Promise.all([
      durable.execute(lampSale[0]),
      durable.execute({ type: 'register.setQuantity', registerId: 'R9', lineId: 'x', quantity: 1 }),
    ]);
    expect(opened).toMatchObject({ ok: false, error: { rule: 'OUTCOME_UNKNOWN' } });
    expect(refused).toMatchObject({ ok: false, error: { rule: 'NOT_FOUND' } });
    await durable.close();
  });

  it('5 a clock advance interrupted between its jobs goes on, when repeated under its key, to the time it was heading for', async () => {
    const schedule = { type: 'headquarters.schedule', job: 'P-job', everyMinutes: 5 };
    const advance = { type: 'clock.advance', ms: 20 * 60_000 };
    const reference = await open(await tempDir());
    await accepted(reference, [schedule]);
    expect(await reference.execute(advance)).toMatchObject({ ok: true, result: { jobsRun: { length: 4 } } });
    const expected = reference.chain.exportState();
    await reference.close();

    const dir = await tempDir();
    const files = failingWrite(/headquarters\.journal/, 'before', 3);
    const first = await open(dir, { files });
    await accepted(first, [schedule]);
    files.armed = true;
    expect(await first.execute(advance, { commandId: 'advance-1' })).toMatchObject({ ok: false, error: { rule: 'OUTCOME_UNKNOWN' } });
    await first.close();

    const reopened = await open(dir);
    expect(reopened.chain.now).toBeLessThan(expected.store.clock);
    expect(await reopened.execute(advance, { commandId: 'advance-1' })).toMatchObject({ ok: true, result: { now: expected.store.clock } });
    expect(reopened.chain.exportState()).toEqual(expected);
    await reopened.close();
  });
});
