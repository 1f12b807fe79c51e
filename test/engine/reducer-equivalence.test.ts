/**
 * The bench's reducer (bench/reducer.ts) and the engine must agree, or the engine / reducer ratio the bench reports
 * compares different work: a small synthetic day goes through both, and they must end in the same state (every
 * order's lines, payments and invoices, receipts, return orders, each location's open lines and on hand).
 */
import { describe, expect, it } from 'vitest';
import { compareWithEngine, initialState, reduce } from '../../bench/reducer.ts';
import { generateSyntheticDay } from '../../bench/synthetic-day.ts';
import { Chain } from '../../engine/chain.ts';
import { buildCatalog } from '../../engine/domain/catalog.ts';

describe('bench reducer', () => {
  it('ends a synthetic day in the same state as the engine that replays it', () => {
    const day = generateSyntheticDay({ targetCommands: 3000, seed: 7 });
    const catalog = buildCatalog(day.config);
    const state = initialState(day.config, catalog);
    for (const command of day.commands) reduce(state, command);
    const replayed = Chain.fromCatalog(catalog, { seed: day.engineSeed });
    for (const command of day.commands) expect(replayed.executeNow(command).ok).toBe(true);
    const agreed = compareWithEngine(state, replayed);
    expect(agreed.orders).toBeGreaterThan(100);
    expect(agreed.returnOrders).toBeGreaterThan(10);
    expect(compareWithEngine(state, day.engine)).toEqual(agreed);
  });

  it('notices when it disagrees (a reducer that skipped a command is caught)', () => {
    const day = generateSyntheticDay({ targetCommands: 600, seed: 8 });
    const state = initialState(day.config);
    const skipped = day.commands.findIndex((c) => c.type === 'fulfillment.pick');
    expect(skipped).toBeGreaterThan(-1);
    day.commands.forEach((command, i) => { if (i !== skipped) reduce(state, command); });
    expect(() => compareWithEngine(state, day.engine)).toThrow(/disagree/);
  });
});
