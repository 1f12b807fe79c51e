/**
 * Comparing two lab reports: the KPI rows and their deltas, the terminal's aligned columns, and `storefront diff`
 * itself (called as the CLI calls it): what it prints and writes, and how it names a bad file.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffCommand } from '../../engine/cli/diff.ts';
import type { LabReport } from '../../engine/lab/lab-report.ts';
import { diffReports, formatDiff, renderHtmlDiff, type DiffRow } from '../../engine/lab/report-diff.ts';
import { reportOf } from './lab-run.ts';

let demo: LabReport;
let outage: LabReport;

beforeAll(async () => {
  demo = (await reportOf('demo-day.json')).report;
  outage = (await reportOf('outage-day.json')).report;
});

const rowOf = (rows: readonly DiffRow[], section: string, label: string) => {
  const row = rows.find((r) => r.section === section && r.label === label);
  if (row === undefined) throw new Error(`no row ${section} / ${label}`);
  return row;
};

describe('lab report diff', () => {
  it('puts each KPI of both runs side by side with the absolute and relative change', () => {
    const { rows } = diffReports(demo, outage, ['demo', 'outage']);
    expect(rowOf(rows, 'All stores', 'Sales (invoiced orders and cash-and-carry receipts)')).toEqual({
      section: 'All stores', label: 'Sales (invoiced orders and cash-and-carry receipts)', unit: 'money',
      a: demo.totals.sales, b: outage.totals.sales, delta: outage.totals.sales - demo.totals.sales, relative: (outage.totals.sales - demo.totals.sales) / demo.totals.sales,
    });
    // A rule refused only in B: 0 before, no relative change from nothing.
    expect(rowOf(rows, 'Refusals', 'rule SY-3')).toMatchObject({ a: 0, b: 1, delta: 1, relative: null });
    // A stage only A measured: B has no figure, so no delta.
    expect(rowOf(rows, 'Lead times, all locations', 'packed → shipped p90')).toMatchObject({ a: 0, b: null, delta: null, relative: null });
    expect(rowOf(rows, 'Sync', 'Seattle: lag p90')).toMatchObject({ a: demo.sync.S1!.lag!.p90, b: outage.sync.S1!.lag!.p90 });
    expect(rowOf(rows, 'Backlog', 'Kent warehouse: most open lines')).toMatchObject({ a: Math.max(...demo.backlog.W1!.peak), b: 0 });
    // A report against itself changes nothing.
    expect(diffReports(demo, demo).rows.every((r) => r.delta === null || r.delta === 0)).toBe(true);
  });

  it('refuses to subtract money of two currencies', () => {
    expect(() => diffReports(demo, { ...outage, currency: 'EUR' }, ['demo', 'euro'])).toThrow('currency: demo is in USD and euro in EUR');
  });

  it('prints aligned columns: money in the currency, signed changes, percentages', () => {
    const text = formatDiff(diffReports(demo, outage, ['demo', 'outage']));
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('KPI'))!;
    const sales = lines.find((l) => l.startsWith('Sales'))!;
    expect(sales).toMatch(/\$426\.77\s+\$125\.94\s+-\$300\.83\s+-70%$/);
    expect(lines.find((l) => l.startsWith('rule SY-1'))).toMatch(/0\s+1\s+\+1\s+new$/);
    // A small change never reads as none.
    const longer = formatDiff(diffReports({ ...demo, steps: { ...demo.steps, total: 2000 } }, { ...demo, steps: { ...demo.steps, total: 1999 } }));
    expect(longer.split('\n').find((l) => l.startsWith('Steps replayed'))).toMatch(/2,000\s+1,999\s+-1\s+-0\.05%$/);
    // Every row of the all-stores block ends at the same column as its header.
    const block = lines.slice(lines.indexOf('All stores') + 1, lines.indexOf('All stores') + 12);
    expect(new Set(block.map((l) => l.length))).toEqual(new Set([header.length]));
  });

  it('renders one HTML page with both runs overlaid and every KPI table', () => {
    const html = renderHtmlDiff(diffReports(demo, outage, ['demo', 'outage']));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    for (const id of ['diff-sales', 'diff-orders', 'diff-backlog', 'diff-queue', 'diff-lead-times', 'diff-sync-lag']) expect(html).toContain(`id="chart-${id}"`);
    expect(html).toContain('<table id="kpis-all-stores">');
  });
});

describe('storefront diff', () => {
  let dir: string;
  const printed: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-diff-'));
    await writeFile(join(dir, 'demo.json'), JSON.stringify(demo));
    await writeFile(join(dir, 'outage.json'), JSON.stringify(outage));
  });
  afterEach(() => { printed.length = 0; vi.restoreAllMocks(); });

  async function diff(...args: string[]): Promise<string> {
    vi.spyOn(console, 'log').mockImplementation((line: string) => { printed.push(line); });
    await diffCommand().exitOverride().parseAsync(args, { from: 'user' });
    return printed.join('\n');
  }

  it('prints the comparison, the runs named after their files, and writes the page with --html', async () => {
    const out = await diff(join(dir, 'demo.json'), join(dir, 'outage.json'), '--html', join(dir, 'diff.html'));
    expect(out).toContain('demo: Demo day (seed 2026, 103 steps)');
    expect(out).toMatch(/KPI\s+demo\s+outage\s+change\s+%/);
    expect(out).toContain(`comparison written to ${join(dir, 'diff.html')}`);
    expect(await readFile(join(dir, 'diff.html'), 'utf8')).toContain('<title>Scenario lab comparison: demo and outage</title>');
  });

  it('names the file and the field of a report it cannot take', async () => {
    const bad = structuredClone(outage) as Record<string, any>;
    bad.sync.S1.queueDepth.peak[0] = -1;
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    await writeFile(join(dir, 'scenario.json'), JSON.stringify({ name: 'not a report', steps: [] }));
    await expect(diff(join(dir, 'demo.json'), join(dir, 'bad.json'))).rejects.toThrow(`${join(dir, 'bad.json')}: sync.S1.queueDepth.peak.0: `);
    await expect(diff(join(dir, 'scenario.json'), join(dir, 'demo.json'))).rejects.toThrow(`${join(dir, 'scenario.json')}: format: `);
    await expect(diff(join(dir, 'nowhere.json'), join(dir, 'demo.json'))).rejects.toThrow(`${join(dir, 'nowhere.json')}: (file): no such file`);
    expect(printed).toEqual([]);
  });
});
