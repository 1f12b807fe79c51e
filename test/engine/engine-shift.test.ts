/**
 * End of day through the chain host: a numbered shift with its opening float, running totals kept per transaction,
 * the X report read during the shift (nothing reset), the Z report made at close from the tender declaration
 * (expected vs counted, over/short), kept with the register across a restart.
 */
import { describe, expect, it } from 'vitest';
import { due, newEngine, ok, refused, restart, startSale, tenderDue } from './engine-helpers.ts';
import type { ShiftReport } from '../../engine/domain/shift.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { Chain, type ChainState } from '../../engine/chain.ts';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const tempDir = useTempDirs('engine-shift-');

function dayAtR1() {
  const engine = newEngine();
  const opened = ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1', openingFloat: 10_000 });
  // A cash-and-carry sale paid with a 50.00 note: change comes out of the drawer.
  startSale(engine, 'R1', null, [{ productId: 'P-SOCKS', quantity: 2 }]);
  const sale = due(engine, 'R1');
  const paid = ok(engine, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5_000 });
  // A pickup order: its deposit paid by card.
  startSale(engine, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 1 }]);
  ok(engine, { type: 'register.pickupAll', registerId: 'R1' });
  const deposit = due(engine, 'R1');
  const order = tenderDue(engine, 'R1', { method: 'card', cardToken: 'tok_1' });
  // The order is cancelled: the deposit less the cancellation charge is refunded in cash (CO-11).
  ok(engine, { type: 'register.recallOrder', registerId: 'R1', orderId: order.orderId as string, purpose: 'cancel' });
  const refund = due(engine, 'R1');
  const charge = engine.registerView('R1').transaction!.cancellationCharge!;
  tenderDue(engine, 'R1');
  // One pair of socks comes back (RT-2), refunded in cash.
  ok(engine, { type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: paid.transactionId as string } });
  ok(engine, { type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: `${paid.transactionId as string}-1`, quantity: 1, reasonCode: 'DAMAGED' }] });
  const returned = due(engine, 'R1');
  tenderDue(engine, 'R1');
  return { engine, shiftId: opened.shiftId as string, sale, change: paid.change as number, deposit, refund, charge, returned };
}

describe('end of day: shift, X report, Z report', () => {
  it('a shift is numbered per register and opens with its float; the running totals follow every transaction by what it was for', () => {
    const { engine, shiftId, sale, change, deposit, refund, charge, returned } = dayAtR1();
    expect(shiftId).toBe('SH-R1-000001');
    expect(change).toBe(5_000 - sale);
    expect(refund).toBe(charge - deposit);
    expect(returned).toBeLessThan(0);
    const x = engine.xReport('R1');
    expect(x).toMatchObject({ kind: 'X', shiftId, registerId: 'R1', storeId: 'S1', operatorId: 'cashier1', openingFloat: 10_000, overShort: null });
    expect(x.totals).toEqual({
      transactions: 4, sales: sale, deposits: deposit, pickups: 0, returns: returned, refunds: refund, cancellationCharges: charge,
      tenders: { cash: sale + refund + returned, card: deposit, cardToken: 0 },
    });
    expect(x.netTakings).toBe(sale + deposit + refund + returned);
    expect(x.tenders.find((t) => t.method === 'cash')).toEqual({ method: 'cash', expected: 10_000 + sale + refund + returned, counted: null, overShort: null });
  });

  it('the X report resets nothing: read twice, then the shift goes on adding to the same totals', () => {
    const { engine } = dayAtR1();
    const first = engine.xReport('R1');
    expect(engine.xReport('R1').totals).toEqual(first.totals);
    startSale(engine, 'R1', null, [{ productId: 'P-SOCKS' }]);
    const more = due(engine, 'R1');
    tenderDue(engine, 'R1');
    expect(engine.xReport('R1').totals.sales).toBe(first.totals.sales + more);
    expect(engine.xReport('R1').totals.transactions).toBe(5);
  });

  it('closing with the tender declaration makes the Z report: expected vs counted per method, over/short', () => {
    const { engine, shiftId } = dayAtR1();
    const expectedCash = engine.xReport('R1').tenders.find((t) => t.method === 'cash')!.expected;
    const card = engine.xReport('R1').totals.tenders.card;
    const closed = ok(engine, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: expectedCash - 150, card } });
    const z = closed.zReport as ShiftReport;
    expect(z).toMatchObject({ kind: 'Z', shiftId, overShort: -150 });
    expect(z.tenders).toEqual([
      { method: 'cash', expected: expectedCash, counted: expectedCash - 150, overShort: -150 },
      { method: 'card', expected: card, counted: card, overShort: 0 },
      { method: 'cardToken', expected: 0, counted: null, overShort: null },
    ]);
    expect(engine.zReports('S1')).toEqual([z]);
    expect(engine.registerView('R1').shift).toBeNull();
    // The X report is of an open shift only.
    expect(() => engine.xReport('R1')).toThrow(/no shift is open/);
    // The next shift starts from nothing under the next number.
    expect(ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' }).shiftId).toBe('SH-R1-000002');
    expect(engine.xReport('R1').totals.transactions).toBe(0);
  });

  it('a Z report survives a restart, and a store lists its registers\' Z reports newest first', () => {
    const { engine } = dayAtR1();
    ok(engine, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: 0 } });
    ok(engine, { type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1' });
    ok(engine, { type: 'clock.advance', ms: 60_000 });
    ok(engine, { type: 'register.closeShift', registerId: 'R2', declaration: { cash: 0 } });
    const before = engine.zReports('S1');
    expect(before.map((z) => z.shiftId)).toEqual(['SH-R2-000001', 'SH-R1-000001']);
    const reopened = restart(engine);
    expect(reopened.zReports('S1')).toEqual(before);
    expect(reopened.zReports('S2')).toEqual([]);
  });

  it('a Z report survives a restart of the durable engine, from a snapshot and from the journal alike', async () => {
    for (const snapshotEvery of [0, 3]) {
      const dir = await tempDir();
      const first = await DurableChain.open(dir, { config: demoChainConfig(), seed: 1, snapshotEvery });
      for (const command of [
        { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1', openingFloat: 5_000 },
        { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 },
        { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 2_000 },
        { type: 'register.closeShift', registerId: 'R1', declaration: { cash: 6_400 } },
      ]) expect((await first.execute(command)).ok).toBe(true);
      const before = first.chain.zReports('S1');
      expect(before).toHaveLength(1);
      await first.close();
      const reopened = await DurableChain.open(dir);
      expect(reopened.chain.zReports('S1')).toEqual(before);
      await reopened.close();
    }
  });

  it('a register stored before shifts were kept (an older snapshot) goes on: its shift counts from its next opening', () => {
    const engine = newEngine();
    ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    const state = JSON.parse(JSON.stringify(engine.exportState())) as ChainState;
    const register = state.store.registers.R1 as { context: Record<string, unknown> };
    for (const field of ['shift', 'zReports', 'receipts']) delete register.context[field];
    const older = Chain.restore(buildCatalog(demoChainConfig()), state);
    startSale(older, 'R1', null, [{ productId: 'P-SOCKS' }]);
    tenderDue(older, 'R1');
    expect(older.registerView('R1').shift).toBeNull();
    expect(ok(older, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: 0 } }).zReport).toBeNull();
    ok(older, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    expect(older.xReport('R1').shiftId).toBe('SH-R1-000002');
  });

  it('a close while a transaction is open, a negative float or a negative count is refused and changes nothing', () => {
    const engine = newEngine();
    ok(engine, { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    expect(refused(engine, { type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1', openingFloat: -1 }).field).toBe('openingFloat');
    expect(refused(engine, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: -5 } }).field).toBe('declaration.cash');
    expect(refused(engine, { type: 'register.closeShift', registerId: 'R1', declaration: { cheque: 5 } }).field).toBe('declaration.cheque');
    startSale(engine, 'R1', null, [{ productId: 'P-SOCKS' }]);
    expect(refused(engine, { type: 'register.closeShift', registerId: 'R1', declaration: { cash: 0 } }).message).toMatch(/transaction is open/);
  });
});
