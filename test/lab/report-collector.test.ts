/**
 * The lab report's collector against independent counts: the library scenarios' totals against the chain's own
 * report and state, sync lag against what headquarters staged, and the lead times of hand-made orders whose stage
 * times the test sets with clock.advance.
 */
import { describe, expect, it } from 'vitest';
import { Chain, type ChainState } from '../../engine/chain.ts';
import type { CustomerOrderContext } from '../../engine/domain/customer-order.ts';
import { DurationSketch, EXACT_LIMIT } from '../../engine/lab/duration-sketch.ts';
import { LabReportError, loadLabReport, parseLabReport, STORE_FIGURES, type LabReport } from '../../engine/lab/lab-report.ts';
import { createReportCollector, HOUR } from '../../engine/lab/report-collector.ts';
import { chainReport } from '../../engine/report.ts';
import { chainFor, loadScenario } from '../../engine/scenario.ts';
import { newEngine, ok, openShift, quoteAtR1, startSale, tenderDue, type CommandInput } from '../engine/engine-helpers.ts';
import { replay, reportOf, SCENARIOS } from './lab-run.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTE = 60_000;

function orders(chain: Chain): CustomerOrderContext[] {
  return chain.orderIds().map((id) => chain.store.parts.actors.snapshot('order', id)!.context as CustomerOrderContext);
}

const sum = (numbers: readonly number[]) => numbers.reduce((s, n) => s + n, 0);
const last = <T>(items: readonly T[]) => items[items.length - 1]!;

describe('lab report: figures of a replayed scenario', () => {
  it('the demo day: totals match the chain\'s own report and what the orders and receipts hold', async () => {
    const { chain, report } = await reportOf('demo-day.json');
    const own = chainReport(chain);
    const all = orders(chain);
    expect(report.steps).toEqual({ total: 103, accepted: 103, refused: 0 });
    expect(report.totals.sales).toBe(own.ordersInvoiced + own.receipts.total);
    expect(report.totals.receipts).toBe(own.receipts.count);
    expect(report.totals.returns).toBe(own.returnOrders.count);
    expect(report.totals.refunds).toBe(own.returnOrders.refunded);
    expect(report.totals.cancellations).toBe(own.cancellations.count);
    expect(report.totals.orders).toBe(all.filter((o) => o.createdAs === 'customerOrder').length);
    expect(report.totals.cancellationCharges).toBe(sum(all.map((o) => o.cancellation?.charge ?? 0)));
    expect(report.totals.balancesCaptured).toBe(sum(all.flatMap((o) => o.payments.filter((p) => p.kind === 'capture' || p.kind === 'pickup').map((p) => p.amount))));
    // Every figure is the sum of its hours and of its stores.
    for (const f of STORE_FIGURES) {
      expect(sum(Object.values(report.byStore).map((s) => s.totals[f])), f).toBe(report.totals[f]);
      for (const store of Object.values(report.byStore)) expect(sum(store.hourly.map((h) => h[f])), f).toBe(store.totals[f]);
    }
    // The last hour's levels are the chain's as it stands.
    for (const [locationId, statuses] of Object.entries(own.backlogByLocation)) {
      const open = sum(Object.entries(statuses).filter(([status]) => status !== 'Invoiced' && status !== 'Rejected').map(([, n]) => n));
      expect(last(report.backlog[locationId]!.end), locationId).toBe(open);
    }
    for (const [storeId, store] of Object.entries(own.stores)) expect(last(report.sync[storeId]!.queueDepth.end), storeId).toBe(sum(Object.values(store.queued)));
    expect(sum(Object.values(report.sync).map((s) => sum(s.received)))).toBe(own.headquarters.staged);
    // Top products: units invoiced on orders and sold on receipts.
    const units = new Map<string, number>();
    for (const order of all) for (const line of order.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.progress.invoiced);
    for (const id of chain.receiptIds()) for (const line of chain.receipt(id)!.lines) units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);
    for (const product of report.topProducts) expect(product.quantity, product.productId).toBe(units.get(product.productId));
    expect(report.topProducts.map((p) => p.revenue)).toEqual([...report.topProducts.map((p) => p.revenue)].sort((a, b) => b - a));
    // The hours run from the start hour to the clock's.
    expect(report.hours[0]).toBe('2026-11-23T09:00:00.000Z');
    expect(last(report.hours)).toBe(new Date(Math.floor(chain.now / HOUR) * HOUR).toISOString());
    // What the file holds is what the schema takes.
    expect(parseLabReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('a collector started on a chain that already holds open work (run --data --append) counts its backlog from the start', async () => {
    const scenario = await loadScenario(`${SCENARIOS}demo-day.json`);
    const before = chainFor(scenario);
    for (const step of scenario.steps.slice(0, 23)) before.executeNow(step);
    const chain = Chain.restore(scenario.catalog, JSON.parse(JSON.stringify(before.exportState())) as ChainState, { seed: scenario.seed });
    const openAt = (locationId: string) => sum(Object.entries(chainReport(chain).backlogByLocation[locationId] ?? {}).filter(([status]) => status !== 'Invoiced' && status !== 'Rejected').map(([, n]) => n));
    const startedWith = Object.fromEntries(['S1', 'S2', 'S3', 'W1'].map((id) => [id, openAt(id)]));
    const collector = createReportCollector(chain, { name: scenario.name, seed: scenario.seed });
    replay(chain, collector.observe, scenario.steps.slice(23));
    const report = collector.finish();
    expect(Object.values(startedWith).some((n) => n > 0)).toBe(true);
    for (const id of ['S1', 'S2', 'S3', 'W1']) {
      expect(report.backlog[id]!.peak[0], id).toBeGreaterThanOrEqual(startedWith[id]!);
      expect(last(report.backlog[id]!.end), id).toBe(openAt(id));
    }
    // The pickup at Portland was picked before the collector started: its pick is not measured, its pickup neither.
    expect(report.leadTimes.byLocation.S2!.pick).toBeUndefined();
    expect(report.leadTimes.byLocation.S2!.pickup).toBeUndefined();
  });

  it('the outage day: sync lag is each item\'s arrival at headquarters minus when the store queued it; refusals by rule with an example', async () => {
    const { chain, report } = await reportOf('outage-day.json');
    const lags = Object.values(chain.backOffice().staged).filter((s) => s.item.storeId === 'S1').map((s) => s.receivedAt - s.item.at).sort((a, b) => a - b);
    const lag = report.sync.S1!.lag!;
    expect(lag.count).toBe(lags.length);
    expect(lag.max).toBe(last(lags));
    expect(lag.p50).toBe(lags[Math.ceil(lags.length / 2) - 1]);
    expect(lag.method).toBe('exact');
    expect(Math.max(...report.sync.S1!.queueDepth.peak)).toBeGreaterThan(0);
    expect(report.sync.S2!.lag).toBeNull();
    expect(report.steps.refused).toBe(2);
    expect(report.refusals.map((r) => [r.rule, r.count])).toEqual([['SY-1', 1], ['SY-3', 1]]);
    expect(report.refusals[1]!.example).toMatchObject({ step: 14, command: 'register.recallOrder' });
    expect(report.refusals[1]!.example.message).toMatch(/offline/);
  });
});

describe('lab report: orders placed', () => {
  it('CO-9 a quote counts as an order in the hour it is approved, with the deposit its approval takes', () => {
    const { e } = quoteAtR1();
    const collector = createReportCollector(e, { name: 'quote', seed: 1 });
    replay(e, collector.observe, [{ type: 'clock.advance', ms: 2 * HOUR }]);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.approveQuote', registerId: 'R1', approverId: 'manager1' });
    const deposit = tenderDue(e, 'R1');
    const report = collector.finish();
    expect(deposit).toMatchObject({ approvedQuote: true });
    expect(report.byStore.S1!.hourly.map((h) => h.orders)).toEqual([0, 0, 1]);
    const order = orders(e)[0]!;
    expect(report.totals.deposits).toBe(sum(order.payments.filter((p) => p.kind === 'prepayment').map((p) => p.amount)));
    expect(report.totals.deposits).toBeGreaterThan(0);
  });
});

describe('lab report: fulfilment lead times', () => {
  it('stage times of a ship line (manual accept) and a pickup line at Seattle, as the clock moved between the steps', () => {
    const e = newEngine((c) => { c.stores[0]!.manualAccept = true; });
    const collector = createReportCollector(e, { name: 'lead times', seed: 1 });
    const step = (...commands: CommandInput[]) => replay(e, collector.observe, commands);
    const wait = (minutes: number) => step({ type: 'clock.advance', ms: minutes * MINUTE });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-TENT', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD', locationId: 'S1' });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 1 }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1', locationId: 'S1' });
    tenderDue(e, 'R1');
    const [shipOrder, pickupOrder] = e.orderIds();
    const at = { locationId: 'S1', operatorId: 'lead1' } as const;

    wait(10);
    step({ type: 'fulfillment.accept', ...at, lines: [{ orderId: shipOrder!, lineId: tent! }] });
    wait(20);
    step({ type: 'fulfillment.pick', ...at, lines: [{ orderId: shipOrder!, lineId: tent!, quantity: 1 }] }); // one of two: not picked yet
    wait(5);
    step({ type: 'fulfillment.pick', ...at, lines: [{ orderId: shipOrder!, lineId: tent!, quantity: 1 }, { orderId: pickupOrder!, lineId: lamp!, quantity: 1 }] });
    wait(15);
    step({ type: 'fulfillment.pack', ...at, orderId: shipOrder!, lines: [{ lineId: tent!, quantity: 2 }] });
    wait(30);
    step({ type: 'fulfillment.ship', ...at, orderId: shipOrder!, lines: [{ lineId: tent!, quantity: 2 }] });
    wait(60);
    step({ type: 'register.recallOrder', registerId: 'R1', orderId: pickupOrder!, purpose: 'pickup' });
    tenderDue(e, 'R1');

    const report = collector.finish();
    expect(report.steps.refused).toBe(0);
    const s1 = report.leadTimes.byLocation.S1!;
    const minutes = (stage: keyof typeof s1) => [s1[stage]?.count, s1[stage]?.p50, s1[stage]?.p90, s1[stage]?.max];
    expect(minutes('accept')).toEqual([1, 10 * MINUTE, 10 * MINUTE, 10 * MINUTE]);
    // The tent picked in two goes (25 min after acceptance), the lamp at the second (35 min after its order).
    expect(minutes('pick')).toEqual([2, 25 * MINUTE, 35 * MINUTE, 35 * MINUTE]);
    expect(minutes('pack')).toEqual([1, 15 * MINUTE, 15 * MINUTE, 15 * MINUTE]);
    expect(minutes('ship')).toEqual([1, 30 * MINUTE, 30 * MINUTE, 30 * MINUTE]);
    expect(minutes('acceptedToShipped')).toEqual([1, 70 * MINUTE, 70 * MINUTE, 70 * MINUTE]);
    expect(minutes('pickup')).toEqual([1, 105 * MINUTE, 105 * MINUTE, 105 * MINUTE]);
    expect(minutes('acceptedToPickedUp')).toEqual([1, 140 * MINUTE, 140 * MINUTE, 140 * MINUTE]);
    expect(report.leadTimes.byLocation.W1).toEqual({});
    expect(report.leadTimes.all.pick).toEqual(s1.pick);
    // Seattle held both lines from the start until the tent shipped (100 min) and the lamp was picked up (160 min).
    expect(report.backlog.S1).toEqual({ end: [2, 1, 0], peak: [2, 2, 1] });
  });
});

describe('lab report: duration sketch', () => {
  it('keeps small runs exact (nearest rank) and large ones within 1% in bounded buckets', () => {
    const small = new DurationSketch();
    for (const ms of [5, 1, 4, 2, 3]) small.add(ms);
    expect(small.summary()).toEqual({ count: 5, p50: 3, p90: 5, p99: 5, max: 5, method: 'exact' });
    expect(new DurationSketch().summary()).toBeNull();

    const large = new DurationSketch();
    const n = EXACT_LIMIT * 3;
    for (let i = 1; i <= n; i += 1) large.add(i * 1000);
    const summary = large.summary()!;
    expect(summary.method).toBe('sketch');
    expect(summary.count).toBe(n);
    expect(summary.max).toBe(n * 1000);
    for (const [q, value] of [[0.5, summary.p50], [0.9, summary.p90], [0.99, summary.p99]] as const) {
      expect(Math.abs(value - q * n * 1000) / (q * n * 1000), `p${q * 100}`).toBeLessThan(0.01);
    }
    // Merging the exact sketch into the large one counts its samples too.
    large.merge(small);
    expect(large.summary()!.count).toBe(n + 5);
  });
});

describe('lab report: the file', () => {
  async function goodReport(): Promise<LabReport> {
    return (await reportOf('outage-day.json')).report;
  }

  it('a wrong or missing field is named', async () => {
    const report = await goodReport();
    const broken = (change: (r: Record<string, any>) => void) => {
      const copy = structuredClone(report) as Record<string, any>;
      change(copy);
      try {
        parseLabReport(copy);
      } catch (error) {
        expect(error).toBeInstanceOf(LabReportError);
        return (error as LabReportError).field;
      }
      throw new Error('accepted');
    };
    expect(broken((r) => { r.byStore.S1.hourly[1].sales = 1.5; })).toBe('byStore.S1.hourly.1.sales');
    expect(broken((r) => { r.backlog.W1.end.pop(); })).toBe('backlog.W1.end');
    expect(broken((r) => { delete r.currency; })).toBe('currency');
    expect(broken((r) => { r.version = 2; })).toBe('version');
    expect(broken((r) => { r.extra = true; })).toBe('(root)');
  });

  it('an unreadable file or bad JSON is named with the file (and the line and column)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-report-'));
    // In the same plain words as a scenario file (storefront run): no errno codes, always a line and column.
    await expect(loadLabReport(join(dir, 'missing.json'))).rejects.toThrow(`${join(dir, 'missing.json')}: (file): no such file`);
    await expect(loadLabReport(dir)).rejects.toThrow(`${dir}: (file): is a directory, not a file`);
    await writeFile(join(dir, 'bad.json'), '{\n  "format": "storefront-lab-report",\n}\n');
    await expect(loadLabReport(join(dir, 'bad.json'))).rejects.toThrow(`${join(dir, 'bad.json')}: line 3, column 1: not valid JSON: unexpected "}\\n"`);
    await writeFile(join(dir, 'notes.json'), '# not a report\n');
    await expect(loadLabReport(join(dir, 'notes.json'))).rejects.toThrow(`${join(dir, 'notes.json')}: line 1, column 1: not valid JSON: unexpected "# not a repo"`);
    await writeFile(join(dir, 'good.json'), JSON.stringify(await goodReport()));
    expect((await loadLabReport(join(dir, 'good.json'))).scenario.name).toBe('Outage at Seattle');
  });
});
