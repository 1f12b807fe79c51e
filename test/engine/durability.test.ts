import { readdir, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { Chain } from '../../engine/chain.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { dayCommands, SEED } from './fixtures/day-commands.ts';
import { fullDisk } from './fixtures/full-disk.ts';
import { chainFor, loadScenario, runSteps } from '../../engine/scenario.ts';
import { killWhen } from './fixtures/kill-writer.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const tempDir = useTempDirs('engine-durability-');

/** Anna orders `lamps` lamps for pickup at S1 from R1 and pays the 10% deposit in cash (275 a lamp): CO-000001. */
function sellLampsForPickup(chain: Chain, lamps: number): void {
  for (const command of [
    { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
    { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
    { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: lamps },
    { type: 'register.pickupAll', registerId: 'R1' },
    { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 * lamps },
  ]) expect(chain.executeNow(command).ok).toBe(true);
}

/** The state an engine that never stopped reaches after the first `count` commands. */
function referenceState(commands: unknown[], count: number) {
  const engine = Chain.create(demoChainConfig(), { seed: SEED });
  for (const command of commands.slice(0, count)) expect(engine.executeNow(command).ok).toBe(true);
  return engine.exportState();
}

/** Closes a durable chain that ran `commands` and reopens its directory: the state is as before, and as a chain that never stopped. */
async function closedAndReopened(durable: DurableChain, dir: string, commands: unknown[]): Promise<void> {
  const before = durable.chain.exportState();
  await durable.close();
  const reopened = await DurableChain.open(dir);
  expect(reopened.chain.exportState()).toEqual(before);
  expect(before).toEqual(referenceState(commands, commands.length));
  await reopened.close();
}

describe('durable engine', () => {
  it('restart = snapshot + journal replay rebuilds the state before the stop', async () => {
    const dir = await tempDir();
    const commands = dayCommands(300);
    const first = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 120 });
    for (const command of commands) expect((await first.execute(command)).ok).toBe(true);
    await closedAndReopened(first, dir, commands);
  });

  it('SY-3 the store and headquarters each rebuild their own state from their own files (outage scenario, real-time calls replayed)', async () => {
    const dir = await tempDir();
    const scenario = await loadScenario(fileURLToPath(new URL('../../scenarios/outage-day.json', import.meta.url)));
    const first = await DurableChain.open(dir, { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt, snapshotEvery: 7 });
    await runSteps(scenario.steps, (c) => first.execute(c));
    const before = first.chain.exportState();
    await first.close();
    // Each side: its lowdb file, its journal and the records of its latest snapshot; the day's two refusals noted beside.
    expect((await readdir(dir)).map((f) => f.replace(/snapshot-\d+/, 'snapshot-N')).sort()).toEqual([
      'headquarters.journal.jsonl', 'headquarters.json', 'headquarters.snapshot-N.jsonl', 'refusals.jsonl', 'store.journal.jsonl', 'store.json', 'store.snapshot-N.jsonl',
    ]);
    const reopened = await DurableChain.open(dir);
    expect(reopened.chain.exportState()).toEqual(before);
    const inMemory = chainFor(scenario);
    await runSteps(scenario.steps, (c) => inMemory.executeNow(c));
    expect(before).toEqual(inMemory.exportState());
    await reopened.close();
  });

  /** A durable chain whose store lost its last command (the tender) after headquarters stored the real-time order it made. */
  async function lostTender(dir: string) {
    const sale = [
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 },
      { type: 'register.pickupAll', registerId: 'R1' },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 275 },
    ];
    const first = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 0 });
    for (const command of sale) expect((await first.execute(command)).ok).toBe(true);
    await first.close();
    const journal = join(dir, 'store.journal.jsonl');
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    await writeFile(journal, `${lines.slice(0, -1).join('\n')}\n`);
    const reopened = await DurableChain.open(dir);
    expect(reopened.chain.orderIds()).toEqual([]);
    expect(Object.keys(reopened.chain.backOffice().salesOrders)).toEqual(['SO-000001']);
    return { reopened, tender: sale[4]! };
  }

  it('SY-3 a tender lost after headquarters stored its real-time order: tendering the same sale again completes that same order', async () => {
    const { reopened, tender } = await lostTender(await tempDir());
    // Everything before the tender was on disk before headquarters' entry: the cart is still there.
    expect(reopened.chain.registerView('R1').transaction?.transactionId).toBe('T-R1-000001');
    const retried = await reopened.execute(tender);
    expect(retried).toMatchObject({ ok: true, result: { orderId: 'CO-000001', confirmationNumber: 'S1-T-R1-000001', salesOrderId: 'SO-000001' } });
    expect(Object.keys(reopened.chain.backOffice().salesOrders)).toEqual(['SO-000001']);
    await reopened.close();
  });

  it('SY-3 a sale on another till after a lost tender takes a new order id: headquarters never holds two sales orders for one order id', async () => {
    const { reopened } = await lostTender(await tempDir());
    for (const command of [
      { type: 'register.openShift', registerId: 'R2', operatorId: 'manager1' },
      { type: 'register.setCustomer', registerId: 'R2', customerId: 'C-CAL' },
      { type: 'register.addItem', registerId: 'R2', productId: 'P-SOCKS', quantity: 1 },
      { type: 'register.pickupAll', registerId: 'R2' },
    ]) expect((await reopened.execute(command)).ok).toBe(true);
    const sale = await reopened.execute({ type: 'register.tender', registerId: 'R2', method: 'cash', amount: 143 });
    expect(sale).toMatchObject({ ok: true, result: { salesOrderId: 'SO-000002' } });
    expect(sale.ok && sale.result.orderId).not.toBe('CO-000001');
    const orderIds = Object.values(reopened.chain.backOffice().salesOrders).map((so) => so.orderId);
    expect(new Set(orderIds).size).toBe(orderIds.length);
    await reopened.close();
  });

  it('SY-3 a different sale under the lost one\'s confirmation number is refused; rung up again it gets its own', async () => {
    const { reopened } = await lostTender(await tempDir());
    expect((await reopened.execute({ type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 2 })).ok).toBe(true);
    const conflict = await reopened.execute({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 550 });
    expect(conflict).toMatchObject({ ok: false, error: { rule: 'CONFLICT', field: 'order.channelReference' } });
    expect((await reopened.execute({ type: 'register.void', registerId: 'R1' })).ok).toBe(true);
    for (const command of [
      { type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' },
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 },
      { type: 'register.pickupAll', registerId: 'R1' },
    ]) expect((await reopened.execute(command)).ok).toBe(true);
    const rung = await reopened.execute({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 550 });
    expect(rung).toMatchObject({ ok: true, result: { confirmationNumber: 'S1-T-R1-000002', salesOrderId: 'SO-000002' } });
    await reopened.close();
  });

  it('SY-3 a store restored behind headquarters moves its numbering past what headquarters has seen from it', async () => {
    const chain = Chain.create(demoChainConfig(), { seed: SEED });
    const backup = chain.exportState().store;
    sellLampsForPickup(chain, 1);
    const restored = Chain.restore(chain.catalog, { store: backup, headquarters: chain.exportState().headquarters });
    expect(restored.reconcile()).toMatchObject({ counters: { 'T-R1': 1, CO: 1 } });
    expect(restored.reconcile()).toBeNull();
    sellLampsForPickup(restored, 1);
    expect(restored.orderIds()).toEqual(['CO-000002']);
    expect(salesOrderOf(restored.backOffice(), 'S1-T-R1-000002')).toMatchObject({ orderId: 'CO-000002', salesOrderId: 'SO-000002' });
  });

  it('SY-3 a customer created in real time and lost by the store: the next customer gets a new id, headquarters keeps both apart', async () => {
    const dir = await tempDir();
    const first = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 0 });
    expect((await first.execute({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' })).ok).toBe(true);
    const lost = await first.execute({ type: 'customer.create', registerId: 'R1', customer: { name: 'Lost Larry' } });
    expect(lost).toMatchObject({ ok: true, result: { mode: 'sync' } });
    await first.close();
    const journal = join(dir, 'store.journal.jsonl');
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    await writeFile(journal, `${lines.slice(0, -1).join('\n')}\n`);
    const reopened = await DurableChain.open(dir);
    const next = await reopened.execute({ type: 'customer.create', registerId: 'R1', customer: { name: 'Next Nora' } });
    expect(next).toMatchObject({ ok: true, result: { mode: 'sync' } });
    expect(next.ok && next.result.customerId).not.toBe(lost.ok && lost.result.customerId);
    const accounts = Object.values(reopened.chain.backOffice().customers).filter((c) => c.storeId !== null).map((c) => c.record.name);
    expect(accounts).toEqual(['Lost Larry', 'Next Nora']);
    await reopened.close();
  });

  it('SY-2 a store restored behind headquarters numbers its next order update past every revision headquarters applied', async () => {
    const chain = Chain.create(demoChainConfig(), { seed: SEED });
    sellLampsForPickup(chain, 2);
    const backup = chain.exportState().store;
    const pick = (c: Chain, quantity: number) => expect(c.executeNow({ type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', quantity }] }).ok).toBe(true);
    const sync = (c: Chain) => { for (const job of ['P-job', 'synchronizeOrders']) expect(c.executeNow({ type: 'headquarters.runJob', job }).ok).toBe(true); };
    const atHeadquarters = (c: Chain) => salesOrderOf(c.backOffice(), 'S1-T-R1-000001')!;
    pick(chain, 1);
    pick(chain, 1);
    sync(chain);
    const applied = atHeadquarters(chain).revision;
    expect(applied).toBeGreaterThan(0);
    // The store comes back from before those picks; its next update must not look older than what headquarters has.
    const restored = Chain.restore(chain.catalog, { store: backup, headquarters: chain.exportState().headquarters });
    expect(restored.reconcile()).toMatchObject({ counters: { REV: applied } });
    pick(restored, 2);
    sync(restored);
    expect(atHeadquarters(restored).revision).toBeGreaterThan(applied);
    expect(atHeadquarters(restored).order).toEqual(atHeadquarters(chain).order);
  });

  it('3 a snapshot that cannot be written (ENOSPC) does not stop the engine: commands go on from the journal, the failure is reported, no temporary file is left, and it is tried again later', async () => {
    const dir = await tempDir();
    const disk = fullDisk(/snapshot-\d+\.jsonl/);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const durable = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED, snapshotEvery: 20, files: disk });
      const commands = dayCommands(120);
      for (const command of commands.slice(0, 60)) expect((await durable.execute(command)).ok).toBe(true);
      await durable.snapshot();
      expect(durable.snapshotFailure).toMatchObject({ error: { message: expect.stringMatching(/ENOSPC/) }, attempts: expect.any(Number) });
      expect(durable.snapshotFailure!.attempts).toBeGreaterThan(1);
      expect(error).toHaveBeenCalledTimes(1);
      expect((await readdir(dir)).filter((f) => f.includes('snapshot') || f.endsWith('.tmp'))).toEqual([]);
      disk.on = false; // room again
      for (const command of commands.slice(60)) expect((await durable.execute(command)).ok).toBe(true);
      await durable.snapshot();
      expect(durable.snapshotFailure).toBeNull();
      await closedAndReopened(durable, dir, commands);
    } finally {
      error.mockRestore();
    }
  });

  it('a refused command is neither applied nor journaled', async () => {
    const dir = await tempDir();
    const durable = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED });
    const before = durable.chain.exportState();
    const refused = await durable.execute({ type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1 });
    expect(refused.ok).toBe(false);
    await durable.close();
    const reopened = await DurableChain.open(dir);
    expect(reopened.chain.exportState()).toEqual(before);
    await reopened.close();
  });

  it('SY-3 a failed journal write keeps the other side from keeping anything that may have learned from it', async () => {
    const dir = await tempDir();
    const durable = await DurableChain.open(dir, { config: demoChainConfig(), seed: SEED });
    expect((await durable.execute({ type: 'sync.setLink', storeId: 'S1', state: 'offline' })).ok).toBe(true);
    expect((await durable.execute({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' })).ok).toBe(true);
    const hqBefore = (await readFile(join(dir, 'headquarters.journal.jsonl'), 'utf8'));
    // The disk under the store's journal goes away; the store queues a new customer, and headquarters' P-job, sent
    // before that write fails, pulls the store's queue (the link is back).
    const sides = (durable as unknown as { sides: Record<string, { journal: { handle: FileHandle } }> }).sides;
    await sides.store!.journal.handle.close();
    const created = durable.execute({ type: 'customer.create', registerId: 'R1', customer: { name: 'Lost Customer' } });
    const linked = durable.execute({ type: 'sync.setLink', storeId: 'S1', state: 'online' });
    const pulled = durable.execute({ type: 'headquarters.runJob', job: 'P-job' });
    for (const answer of await Promise.all([created, linked, pulled])) expect(answer).toMatchObject({ ok: false, error: { rule: 'OUTCOME_UNKNOWN' } });
    expect(await durable.execute({ type: 'register.openShift', registerId: 'R2', operatorId: 'lead1' })).toMatchObject({ ok: false, error: { rule: 'UNAVAILABLE' } });
    await durable.close();
    // Headquarters wrote the upload beside the store's failed writes; it followed store entries that are not on disk,
    // so opening cuts it off: neither side knows the customer, they agree on what was acknowledged.
    const reopened = await DurableChain.open(dir);
    expect(await readFile(join(dir, 'headquarters.journal.jsonl'), 'utf8')).toBe(hqBefore);
    expect(JSON.stringify(reopened.chain.exportState())).not.toContain('Lost Customer');
    expect(reopened.chain.syncView('S1').link).toBe('offline');
    await reopened.close();
  });

  it('a bad chain configuration is refused on first start and nothing is written', async () => {
    const dir = await tempDir();
    await expect(DurableChain.open(dir, { config: { currency: 'USD' } })).rejects.toThrow(/locations/);
    await expect(DurableChain.open(dir)).rejects.toThrow(/holds no chain: pass a chain configuration/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('killing the process between commands loses no acknowledged command', async () => {
    const dir = await tempDir();
    const total = 2000;
    const writer = fileURLToPath(new URL('./fixtures/engine-writer.ts', import.meta.url));
    let lastAck = 0;
    await killWhen(writer, [dir, String(total)], (line) => {
      if (line.startsWith('ack ')) lastAck = Math.max(lastAck, Number(line.slice(4)));
      return lastAck >= 400;
    });

    const reopened = await DurableChain.open(dir);
    // Every day command is one store command: the store's sequence number counts the commands recovered.
    const recovered = reopened.chain.store.seq;
    expect(recovered).toBeGreaterThanOrEqual(lastAck);
    expect(reopened.chain.exportState()).toEqual(referenceState(dayCommands(total), recovered));
    // The recovered engine takes new commands where it left off.
    // (one store command that is accepted wherever the writer was killed: the day never touches S2's link)
    const next = await reopened.execute({ type: 'sync.setLink', storeId: 'S2', state: 'degraded' });
    expect(next.ok && reopened.chain.store.seq).toBe(recovered + 1);
    await reopened.close();
  }, 60_000);
});
