/**
 * The lab's HTML report and comparison opened from disk in Debian's chromium with every network request blocked:
 * every chart is drawn (a Chart.js instance with data, pixels on its canvas), every chart shows the figures of its
 * table, and the tables show the JSON report's figures (derived here from the JSON, independently of the page).
 * The tables are there without script too. Screenshots: .tmp/screenshots/lab-report.png, lab-diff.png.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../engine/lab/html-report.ts';
import { FIGURE_LABELS, STAGES, STORE_FIGURES, type LabReport, type Percentiles } from '../../engine/lab/lab-report.ts';
import { diffReports, renderHtmlDiff } from '../../engine/lab/report-diff.ts';
import { launchChromium, screenshot } from '../e2e/e2e-helpers.ts';
import { reportOf } from './lab-run.ts';

type Figures = (number | null)[][];
interface PageTable { id: string; head: string[]; rows: Figures }
interface PageChart { id: string; labels: string[]; datasets: { label: string; data: (number | null)[] }[]; painted: number }

/** Two library days replayed and chromium started: seconds alone, more beside the whole suite on a small machine. */
const SLOW = 90_000;

let browser: Browser;
let dir: string;
let offline: LabReport;
let weekday: LabReport;

beforeAll(async () => {
  // A library day with a step refused at the end, so that every section has figures; compared with the normal weekday.
  offline = (await reportOf('store-offline.json', [{ type: 'register.addItem', registerId: 'S01-R1', productId: 'P-NONE', quantity: 1 }])).report;
  weekday = (await reportOf('weekday.json')).report;
  dir = await mkdtemp(join(tmpdir(), 'lab-html-'));
  browser = await launchChromium();
}, SLOW);
afterAll(async () => { await browser?.close(); });

/** Opens a file with the network cut: any request that is not the file itself is aborted and counted. */
async function openOffline(file: string, javaScriptEnabled = true): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, javaScriptEnabled });
  await context.setOffline(true);
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(file).href) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors };
}

async function tablesOf(page: Page): Promise<Map<string, PageTable>> {
  const tables = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => ({
    id: t.id,
    head: [...t.tHead!.rows[0]!.cells].map((c) => c.textContent!),
    rows: [...t.tBodies[0]!.rows].map((r) => [...r.cells].slice(1).map((c) => (c.dataset.value === undefined ? null : Number(c.dataset.value)))),
  })));
  return new Map(tables.map((t) => [t.id, t]));
}

/** Every canvas's chart: its data, and how many of its pixels are painted. */
async function chartsOf(page: Page): Promise<PageChart[]> {
  await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0 && [...document.querySelectorAll('canvas')].every((c) => (window as any).Chart?.getChart(c) !== undefined));
  return page.evaluate(() => [...document.querySelectorAll('canvas')].map((canvas) => {
    const chart = (window as any).Chart.getChart(canvas);
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
    return {
      id: canvas.id.replace(/^chart-/, ''),
      labels: chart.data.labels as string[],
      datasets: (chart.data.datasets as { label: string; data: (number | null)[] }[]).map((d) => ({ label: d.label, data: [...d.data] })),
      painted,
    };
  }));
}

/** Each chart drawn with data, and each dataset the same figures as its table's column of that name. */
async function expectChartsMatchTables(page: Page, tables: Map<string, PageTable>): Promise<PageChart[]> {
  const charts = await chartsOf(page);
  for (const chart of charts) {
    expect(chart.painted, `${chart.id} is drawn`).toBeGreaterThan(500);
    expect(chart.datasets.length, chart.id).toBeGreaterThan(0);
    const table = tables.get(`${chart.id}-table`);
    expect(table, `${chart.id} has a table`).toBeDefined();
    expect(table!.rows.length, `${chart.id}: a table row per label`).toBe(chart.labels.length);
    for (const dataset of chart.datasets) {
      const column = table!.head.indexOf(dataset.label) - 1;
      expect(column, `${chart.id}: a column for ${dataset.label}`).toBeGreaterThanOrEqual(0);
      const figures = table!.rows.map((row) => row[column] ?? null);
      expect(figures.slice(0, dataset.data.length), `${chart.id}: ${dataset.label}`).toEqual(dataset.data);
      expect(figures.slice(dataset.data.length).every((f) => f === null), `${chart.id}: ${dataset.label} beyond its run`).toBe(true);
    }
  }
  return charts;
}

const percentiles = (p: Percentiles) => [p.count, p.p50, p.p90, p.p99, p.max];

describe('e2e: the lab report in a browser, offline', () => {
  it('draws every chart, each table shows the JSON report\'s figures, and nothing reaches the network', async () => {
    const file = join(dir, 'report.html');
    await writeFile(file, renderHtmlReport(offline));
    const { page, requests, errors } = await openOffline(file);
    const tables = await tablesOf(page);
    const charts = await expectChartsMatchTables(page, tables);
    expect(charts.map((c) => c.id).sort()).toEqual([
      'backlog', 'hourly-orders', 'hourly-receipts', 'hourly-refunds', 'hourly-returns', 'hourly-sales', 'lead-times', 'lead-times-p90', 'payments', 'queue-depth',
      'refusals', 'sync-lag', 'sync-received', 'top-products',
    ]);
    const rows = (id: string) => tables.get(id)!.rows;
    const stores = offline.stores.map((s) => s.id);
    const hourly = (series: (hour: number) => number[]) => offline.hours.map((_, h) => series(h));

    for (const f of ['sales', 'orders', 'receipts', 'returns', 'refunds'] as const) {
      expect(rows(`hourly-${f}-table`), f).toEqual(hourly((h) => stores.map((s) => offline.byStore[s]!.hourly[h]![f])));
    }
    expect(rows('store-totals')).toEqual(STORE_FIGURES.map((f) => [...stores.map((s) => offline.byStore[s]!.totals[f]), offline.totals[f]]));
    expect(tables.get('store-totals')!.head.slice(1)).toEqual([...offline.stores.map((s) => s.name), 'All stores']);
    expect(rows('payments-table')).toEqual(stores.map((s) => (['deposits', 'balancesCaptured', 'cancellationCharges', 'depositsRefunded'] as const).map((f) => offline.byStore[s]!.totals[f])));
    expect(tables.get('payments-table')!.head.slice(1)).toEqual(['deposits', 'balancesCaptured', 'cancellationCharges', 'depositsRefunded'].map((f) => FIGURE_LABELS[f as 'deposits']));
    expect(rows('lead-times-table')).toEqual(STAGES.flatMap((s) => (offline.leadTimes.all[s] === undefined ? [] : [percentiles(offline.leadTimes.all[s]!)])));
    const measured = STAGES.filter((s) => offline.leadTimes.all[s] !== undefined);
    const measuring = offline.locations.filter((l) => Object.keys(offline.leadTimes.byLocation[l.id]!).length > 0);
    expect(rows('lead-times-p90-table')).toEqual(measured.map((s) => measuring.map((l) => offline.leadTimes.byLocation[l.id]![s]?.p90 ?? null)));
    expect(rows('lead-times-by-location')).toEqual(offline.locations.flatMap((l) => STAGES.flatMap((s) => {
      const times = offline.leadTimes.byLocation[l.id]![s];
      return times === undefined ? [] : [percentiles(times)];
    })));
    expect(rows('backlog-table')).toEqual(hourly((h) => offline.locations.map((l) => offline.backlog[l.id]!.end[h]!)));
    expect(rows('backlog-peaks')).toEqual(hourly((h) => offline.locations.map((l) => offline.backlog[l.id]!.peak[h]!)));
    expect(rows('sync-lag-table')).toEqual(stores.flatMap((s) => (offline.sync[s]!.lag === null ? [] : [percentiles(offline.sync[s]!.lag!)])));
    expect(rows('queue-depth-table')).toEqual(hourly((h) => stores.map((s) => offline.sync[s]!.queueDepth.end[h]!)));
    expect(rows('sync-received-table')).toEqual(hourly((h) => stores.map((s) => offline.sync[s]!.received[h]!)));
    expect(rows('refusals-table')).toEqual(offline.refusals.map((r) => [r.count, null, null]));
    expect(rows('top-products-table')).toEqual(offline.topProducts.map((p) => [p.quantity, p.revenue]));
    expect(offline.refusals.length).toBeGreaterThan(0);

    // Money in the store's currency, headings and captions for a reader.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Scenario lab report: ${offline.scenario.name}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#store-totals tbody tr').first().locator('td').last().textContent()).toBe(`$${(offline.totals.sales / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Summary', 'Sales, orders and returns', 'Deposits, balances and cancellations', 'Fulfilment lead times', 'Fulfilment backlog', 'Sync with headquarters', 'Refused steps', 'Top products',
    ]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'lab-report');
    await page.context().close();

    // Without script: no chart, every table still there.
    const plain = await openOffline(file, false);
    expect([...(await tablesOf(plain.page)).keys()]).toEqual([...tables.keys()]);
    await plain.page.context().close();
  }, SLOW);

  it('draws the comparison of two runs overlaid, its tables matching the charts', async () => {
    const file = join(dir, 'diff.html');
    const diff = diffReports(weekday, offline, ['weekday', 'store offline']);
    await writeFile(file, renderHtmlDiff(diff));
    const { page, requests, errors } = await openOffline(file);
    const tables = await tablesOf(page);
    const charts = await expectChartsMatchTables(page, tables);
    expect(charts.map((c) => c.id)).toEqual(['diff-sales', 'diff-orders', 'diff-backlog', 'diff-queue', 'diff-lead-times', 'diff-sync-lag']);
    const sales = charts[0]!;
    expect(sales.datasets.map((d) => d.label)).toEqual(['weekday', 'store offline']);
    expect(sales.datasets[0]!.data).toEqual(weekday.hours.map((_, h) => Object.values(weekday.byStore).reduce((sum, s) => sum + s.hourly[h]!.sales, 0)));
    expect(sales.datasets[1]!.data).toEqual(offline.hours.map((_, h) => Object.values(offline.byStore).reduce((sum, s) => sum + s.hourly[h]!.sales, 0)));
    // Every KPI row: both runs' figures and the change.
    const kpis = diff.rows.filter((r) => r.section === 'All stores').map((r) => [r.a, r.b, r.delta]);
    expect(tables.get('kpis-all-stores')!.rows.map((row) => row.slice(0, 3))).toEqual(kpis);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'lab-diff');
    await page.context().close();
  }, SLOW);
});
