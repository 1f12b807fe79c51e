import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chainReport } from '../../engine/report.ts';
import { chainFor, loadScenario, runSteps } from '../../engine/scenario.ts';
import { locationView } from '../../engine/server/views.ts';

const demoDay = fileURLToPath(new URL('../../scenarios/demo-day.json', import.meta.url));
const chain = fileURLToPath(new URL('../../scenarios/demo-chain.json', import.meta.url));

async function scenarioFile(body: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-'));
  const file = join(dir, 'scenario.json');
  await writeFile(file, JSON.stringify(body));
  return file;
}

describe('scenario files', () => {
  it('the demo day replays deterministically with every command accepted', async () => {
    const scenario = await loadScenario(demoDay);
    const reports = [];
    for (let i = 0; i < 2; i++) {
      const engine = chainFor(scenario);
      const run = await runSteps(scenario.steps, (c) => engine.executeNow(c));
      expect(run.refused).toEqual([]);
      reports.push({ report: chainReport(engine, run), state: engine.exportState() });
    }
    expect(reports[0]).toEqual(reports[1]);
    // The call center's three orders: Anna's picked up at Seattle's till (Invoiced), Cal's at the warehouse and ACME's at Portland (Open).
    expect(reports[0]!.report.ordersByStatus).toEqual({ Invoiced: 3, Cancelled: 1, Open: 5, Picked: 1 });
  });

  it('the demo day leaves work for a newcomer: open lines at every location, pickups waiting at every store, jobs every few minutes', async () => {
    const scenario = await loadScenario(demoDay);
    const engine = chainFor(scenario);
    expect((await runSteps(scenario.steps, (c) => engine.executeNow(c))).refused).toEqual([]);
    for (const locationId of engine.catalog.locations.keys()) {
      expect(locationView(engine, locationId).lines.length, `open fulfilment work at ${locationId}`).toBeGreaterThan(0);
    }
    for (const store of engine.catalog.stores.values()) {
      expect(locationView(engine, store.locationId).pickups.length, `pickups waiting at ${store.id}`).toBeGreaterThan(0);
    }
    // The synchronisation jobs (the continuity batches, CC-15, and the catalogs' expiry, CC-5, run daily).
    const daily = ['processContinuityPayments', 'createContinuityChildOrders', 'expireCatalogs'];
    const schedules = Object.entries(chainReport(engine).schedules).filter(([job]) => !daily.includes(job)).map(([, s]) => s);
    expect(schedules.length).toBe(4);
    expect(schedules.map((s) => s.everyMinutes).every((minutes) => minutes !== null && minutes <= 5)).toBe(true);
  });

  it('SY-3 / SY-1 the outage scenario: offline work is queued, refused where the rules say, and reaches headquarters exactly once', async () => {
    const scenario = await loadScenario(fileURLToPath(new URL('../../scenarios/outage-day.json', import.meta.url)));
    const engine = chainFor(scenario);
    const run = await runSteps(scenario.steps, (c) => engine.executeNow(c));
    expect(run.refused.map((r) => [r.step, r.error.rule])).toEqual([[14, 'SY-3'], [20, 'SY-1']]);
    const report = chainReport(engine, run);
    expect(report.customers).toEqual({ total: 5, pendingSync: 0 });
    expect(report.ordersAwaitingHeadquarters).toBe(0);
    expect(report.stores).toEqual({
      S1: { name: 'Seattle', link: 'online', queued: {} }, S2: { name: 'Portland', link: 'online', queued: {} }, S3: { name: 'Tacoma', link: 'online', queued: {} },
    });
    expect(Object.keys(report.schedules).sort()).toEqual(['1010', 'P-job', 'createContinuityChildOrders', 'expireCatalogs', 'processContinuityPayments', 'synchronizeCustomers', 'synchronizeOrders']);
    expect(report.headquarters).toMatchObject({ salesOrders: 2, accounts: 5, receiptsPosted: 1, waiting: 0 });
    // Headquarters mirrors every order the tills made, with the same totals.
    const totals = (ids: string[]) => ids.map((id) => engine.orderView(id).totals.total).sort();
    expect(Object.values(engine.backOffice().salesOrders).map((s) => s.order.total).sort()).toEqual(totals(engine.orderIds()));
  });

  it('a bad step is reported with its field before anything runs', async () => {
    const file = await scenarioFile({ name: 'bad', config: chain, steps: [
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { type: 'fulfillment.pick', locationId: 'S1', operatorId: 'lead1', lines: [{ orderId: 'CO-1', lineId: 'x', quantity: -2 }] },
    ] });
    await expect(loadScenario(file)).rejects.toThrow(/steps\.1: lines\.0\.quantity/);
    await rm(join(file, '..'), { recursive: true });
  });

  it('a bad configuration and a missing field name their path', async () => {
    const noSteps = await scenarioFile({ name: 'x', config: chain });
    await expect(loadScenario(noSteps)).rejects.toThrow(/steps/);
    const badConfig = await scenarioFile({ name: 'x', config: { currency: 'USD' }, steps: [{ type: 'clock.advance', ms: 1 }] });
    await expect(loadScenario(badConfig)).rejects.toThrow(/config\.locations/);
  });
});
