/**
 * The scenario library (scenarios/, made by engine/lab/library.ts): every file is what the code generates today,
 * and every scenario replays on an in-memory chain with no refused step, doing what its description says.
 * Takes about 15-25 s on the 2-core VM: regenerating the library ~10 s (the peak day most of it), replays ~6 s.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chain, ChainCommand, ChainResult } from '../../engine/chain.ts';
import { configText, LIBRARY, LIBRARY_CHAINS, OUT_OF_STOCK, scenarioText, SCENARIOS_DIR } from '../../engine/lab/library.ts';
import { chainReport, type ChainReport } from '../../engine/report.ts';
import { chainFor, loadScenario } from '../../engine/scenario.ts';

interface Step { command: ChainCommand; result: ChainResult; at: number }
interface Replay { chain: Chain; steps: Step[]; refused: Step[]; report: ChainReport; seconds: number }

const replays = new Map<string, Promise<Replay>>();

/** Replays a library scenario once (tests of one file share it), step by step, keeping each outcome. */
function replay(file: string, observe?: (step: Step, chain: Chain) => void): Promise<Replay> {
  if (observe === undefined && replays.has(file)) return replays.get(file)!;
  const run = (async () => {
    const scenario = await loadScenario(join(SCENARIOS_DIR, file));
    const chain = chainFor(scenario);
    const steps: Step[] = [];
    const started = performance.now();
    for (const command of scenario.steps) {
      const result = chain.executeNow(command);
      const step = { command, result, at: chain.now };
      observe?.(step, chain);
      steps.push(step);
    }
    const seconds = (performance.now() - started) / 1000;
    const refused = steps.filter((s) => !s.result.ok);
    return { chain, steps, refused, report: chainReport(chain), seconds };
  })();
  if (observe === undefined) replays.set(file, run);
  return run;
}

const ofType = (steps: readonly Step[], type: ChainCommand['type']) => steps.filter((s) => s.command.type === type);
const resultOf = (step: Step) => (step.result.ok ? step.result.result : {});
/**
 * Sales and returns completed at the tills: a transaction that added items and completed is a sale, one that
 * completed with an RMA number a return (recalls for pickup, edit or cancellation are neither).
 */
function tillTransactions(steps: readonly Step[]): { sales: number; returns: number } {
  const addedItems = new Set<string>();
  const counts = { sales: 0, returns: 0 };
  for (const { command, result } of steps) {
    if (command.type === 'register.addItem') addedItems.add(command.registerId);
    if (command.type !== 'register.tender' || !result.ok || result.result['completed'] !== true) continue;
    if (typeof result.result['rmaNumber'] === 'string') counts.returns += 1;
    else if (addedItems.has(command.registerId)) counts.sales += 1;
    addedItems.delete(command.registerId);
  }
  return counts;
}
const sales = (r: Replay) => tillTransactions(r.steps).sales;
const clock = (iso: string) => Date.parse(iso);

describe('the scenario library', () => {
  it('every file is what engine/lab/library.ts generates (npx tsx engine/lab/library.ts writes them again)', async () => {
    for (const chain of LIBRARY_CHAINS) {
      expect(await readFile(join(SCENARIOS_DIR, chain.file), 'utf8'), chain.file).toBe(configText(chain.config()));
    }
    for (const entry of LIBRARY) {
      const onDisk = await readFile(join(SCENARIOS_DIR, entry.file), 'utf8');
      expect(onDisk === [...scenarioText(entry.scenario())].join(''), `${entry.file} differs from what the library generates`).toBe(true);
    }
  }, 120_000);

  it('every scenario has a one-line description and replays with no refused step', async () => {
    for (const entry of LIBRARY) {
      const scenario = await loadScenario(join(SCENARIOS_DIR, entry.file));
      expect(scenario.description, entry.file).toMatch(/^[^\n]{20,400}$/);
      const { refused, report } = await replay(entry.file);
      expect(refused.map((s) => [s.command.type, !s.result.ok && s.result.error.rule]), entry.file).toEqual([]);
      // The day is traded out: nothing waits in a store's queue, headquarters has every order.
      expect(Object.values(report.stores).map((s) => s.queued), entry.file).toEqual([{}, {}, {}]);
      expect(report.ordersAwaitingHeadquarters, entry.file).toBe(0);
    }
  }, 120_000);

  it('the weekday: three stores trade from 09:00 to 21:00, each selling, orders fulfilled at every location', async () => {
    const day = await replay('weekday.json');
    expect(day.steps.length).toBeGreaterThan(2000);
    expect(day.steps[0]!.at).toBe(clock('2026-11-23T09:00:00.000Z'));
    expect(day.chain.now).toBe(clock('2026-11-23T21:00:00.000Z'));
    const tills = new Set(ofType(day.steps, 'register.tender').map((s) => (s.command as { registerId: string }).registerId.slice(0, 3)));
    expect([...tills].sort()).toEqual(['S01', 'S02', 'S03']);
    const shippedFrom = new Set(ofType(day.steps, 'fulfillment.ship').map((s) => (s.command as { locationId: string }).locationId));
    expect([...shippedFrom].sort()).toEqual(['S01', 'S02', 'S03', 'W1']);
    expect(sales(day)).toBeGreaterThan(200);
    expect(day.report.headquarters.salesOrders).toBeGreaterThan(100);
  }, 60_000);

  it('the peak day: about ten times the weekday\'s sales and orders in the same hours', async () => {
    const [weekday, peak] = [await replay('weekday.json'), await replay('peak-day.json')];
    console.log(`peak day: ${peak.steps.length} steps replayed in memory in ${peak.seconds.toFixed(2)} s`);
    expect(peak.chain.now).toBe(weekday.chain.now);
    expect(sales(peak) / sales(weekday)).toBeGreaterThan(8);
    expect(sales(peak) / sales(weekday)).toBeLessThan(12);
    expect(peak.report.headquarters.salesOrders / weekday.report.headquarters.salesOrders).toBeGreaterThan(8);
    expect(peak.report.headquarters.salesOrders / weekday.report.headquarters.salesOrders).toBeLessThan(12);
  }, 60_000);

  it('a store offline for four hours queues its orders, and they reach headquarters exactly once when it is back', async () => {
    const offlineAt = clock('2026-11-23T11:00:00.000Z');
    const onlineAt = clock('2026-11-23T15:00:00.000Z');
    let queuedBeforeOnline: Record<string, number> | null = null;
    let atHeadquartersBeforeOnline = 0;
    const madeOffline: string[] = [];
    const day = await replay('store-offline.json', (step, chain) => {
      const c = step.command;
      if (c.type === 'register.tender' && c.registerId.startsWith('S01-') && step.at >= offlineAt && step.at < onlineAt) {
        const orderId = resultOf(step)['orderId'];
        if (typeof orderId === 'string') madeOffline.push(orderId);
      }
      // Just before the link comes back: what the store holds for headquarters.
      if (c.type === 'clock.advance' && step.at === onlineAt) {
        queuedBeforeOnline = chain.store.parts.outbound.countsByKind('S01') as Record<string, number>;
        atHeadquartersBeforeOnline = madeOffline.filter((id) => chain.orderView(id).existsAtHeadquarters).length;
      }
    });
    const links = ofType(day.steps, 'sync.setLink').map((s) => [s.at, (s.command as { state: string }).state]);
    expect(links).toEqual([[offlineAt, 'offline'], [onlineAt, 'online']]);
    // While offline the store recalled nothing (SY-3) and kept selling orders, all of them queued.
    const recallsOffline = ofType(day.steps, 'register.recallOrder').filter((s) => s.at >= offlineAt && s.at < onlineAt && (s.command as { registerId: string }).registerId.startsWith('S01-'));
    expect(recallsOffline).toEqual([]);
    expect(madeOffline.length).toBeGreaterThan(5);
    expect(atHeadquartersBeforeOnline).toBe(0);
    expect(queuedBeforeOnline).toMatchObject({ orderCreated: madeOffline.length, receipt: expect.any(Number) });
    // After: every order of the chain is at headquarters, each exactly once.
    const office = day.chain.backOffice();
    const orderIds = day.chain.orderIds();
    expect(madeOffline.every((id) => day.chain.orderView(id).existsAtHeadquarters)).toBe(true);
    expect(Object.keys(office.salesOrderOfOrderId).sort()).toEqual([...orderIds].sort());
    expect(Object.keys(office.salesOrders)).toHaveLength(orderIds.length);
    expect(day.report.stores['S01']).toEqual({ name: 'Store 1', link: 'online', queued: {} });
  }, 60_000);

  it('the warehouse out of stock rejects what it cannot pick, and every rejected line is re-sourced to ship from a store', async () => {
    const day = await replay('warehouse-stock-out.json');
    const rejected = ofType(day.steps, 'fulfillment.reject').flatMap((s) => {
      const c = s.command as { locationId: string; lines: { orderId: string; lineId: string }[] };
      return c.lines.map((l) => ({ locationId: c.locationId, ...l }));
    });
    expect(rejected.length).toBeGreaterThan(10);
    expect(new Set(rejected.map((r) => r.locationId))).toEqual(new Set(['W1']));
    for (const { orderId, lineId } of rejected) {
      const line = day.chain.orderView(orderId).lines.find((l) => l.lineId === lineId)!;
      expect(OUT_OF_STOCK as readonly string[]).toContain(line.productId);
      // Headquarters reset it (FF-7) and the store moved it to a store's shelf (CO-10).
      expect(line.progress.rejected).toBe(0);
      expect(line.delivery.locationId).toMatch(/^S0\d$/);
    }
    expect(ofType(day.steps, 'headquarters.resetFulfillment')).toHaveLength(rejected.length);
    expect(ofType(day.steps, 'register.changeModeOfDelivery')).toHaveLength(rejected.length);
    expect(day.report.ordersByStatus['Rejected'] ?? 0).toBe(0);
    // The warehouse never picked what it did not have.
    const onHand = day.chain.fulfillmentView('W1').onHand;
    for (const productId of OUT_OF_STOCK) expect(onHand[productId] ?? 0).toBe(0);
  }, 60_000);

  it('the returns wave: after Christmas Eve, the 26th takes more returns than sales and refunds them', async () => {
    const days = await replay('returns-after-holiday.json');
    const boxingDay = clock('2026-12-26T09:00:00.000Z');
    const [eve, after] = [days.steps.filter((s) => s.at < boxingDay), days.steps.filter((s) => s.at >= boxingDay)];
    // The stores are closed on the 25th: the clock jumps from the eve's closing to the 26th's opening.
    expect(days.steps.some((s) => s.at > clock('2026-12-24T21:00:00.000Z') && s.at < boxingDay)).toBe(false);
    const [onEve, onBoxingDay] = [tillTransactions(eve), tillTransactions(after)];
    expect(onEve.sales).toBeGreaterThan(500);
    expect(onBoxingDay.returns).toBeGreaterThan(onBoxingDay.sales);
    expect(onBoxingDay.returns).toBeGreaterThan(3 * onEve.returns);
    expect(days.report.returnOrders.count).toBeGreaterThan(300);
    expect(days.report.returnOrders.refunded).toBeGreaterThan(0);
    expect(days.report.headquarters.returnOrders).toBe(days.report.returnOrders.count);
  }, 60_000);
});
