/**
 * The analyst's report is kept as commands commit (engine/store-tally.ts), never counted from the whole state on
 * read: after a day of every kind of change, and after refused commands, it must say what a full count says.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSyntheticDay } from '../../bench/synthetic-day.ts';
import { chainReport } from '../../engine/report.ts';
import { chainFor, loadScenario, runSteps } from '../../engine/scenario.ts';
import { recount } from '../../engine/store-tally.ts';

describe('report tally', () => {
  it('after a synthetic day (sales, orders, fulfilment, pickups, returns, cancellations) the running totals are the full count', () => {
    const day = generateSyntheticDay({ targetCommands: 2500, seed: 11 });
    const figures = day.engine.storeFigures();
    expect(figures).toEqual(recount(day.engine.store));
    expect(figures.receipts.count).toBeGreaterThan(50);
    expect(figures.returnOrders.count).toBeGreaterThan(10);
    expect(figures.cancellations.count).toBeGreaterThan(0);
    expect(Object.values(figures.backlogByLocation).some((backlog) => Object.keys(backlog).length > 0)).toBe(true);
  });

  it('after an outage day (customers created async and offline, jobs, distributions) and refused commands too', async () => {
    const scenario = await loadScenario(fileURLToPath(new URL('../../scenarios/outage-day.json', import.meta.url)));
    const chain = chainFor(scenario);
    await runSteps(scenario.steps, (command) => chain.executeNow(command));
    const before = chainReport(chain);
    expect(chain.executeNow({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: -5 }).ok).toBe(false);
    expect(chain.executeNow({ type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-999999', lineId: 'x', quantity: 1 }] }).ok).toBe(false);
    expect(chainReport(chain)).toEqual(before);
    expect(chain.storeFigures()).toEqual(recount(chain.store));
    expect(before.customers.total).toBeGreaterThan(0);
  });
});
