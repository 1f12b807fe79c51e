/**
 * Two lab reports side by side (`storefront diff A.json B.json`): the KPIs of both runs with absolute and relative
 * deltas, for the terminal (aligned columns) or as one HTML page with both runs' charts overlaid.
 */
import { formatMoney } from '../domain/money.ts';
import { count, duration, escapeHtml, formatDuration, htmlPage, kpiList, money, Sections, type Cell } from './html-page.ts';
import { FIGURE_LABELS, LabReportError, MONEY_FIGURES, STAGE_LABELS, STAGES, STORE_FIGURES, type LabReport, type StoreFigure } from './lab-report.ts';

export type Unit = 'money' | 'count' | 'duration';

/** One KPI of both runs; null where a run has no such figure (a store or rule only one of them has). */
export interface DiffRow { section: string; label: string; unit: Unit; a: number | null; b: number | null; delta: number | null; relative: number | null }

export interface ReportDiff { labels: readonly [string, string]; currency: string; rows: DiffRow[]; a: LabReport; b: LabReport }

const union = <T>(a: Iterable<T>, b: Iterable<T>): T[] => [...new Set([...a, ...b])];
const peak = (series: readonly number[] | undefined) => (series === undefined ? null : Math.max(0, ...series));
const sumOf = (series: readonly number[] | undefined) => (series === undefined ? null : series.reduce((s, n) => s + n, 0));

export function diffReports(a: LabReport, b: LabReport, labels: readonly [string, string] = ['A', 'B']): ReportDiff {
  // Money of two currencies cannot be subtracted: the comparison would mislead.
  if (a.currency !== b.currency) throw new LabReportError('currency', `${labels[0]} is in ${a.currency} and ${labels[1]} in ${b.currency}: their money cannot be compared`);
  const rows: DiffRow[] = [];
  const row = (section: string, label: string, unit: Unit, of: (r: LabReport) => number | null | undefined) => {
    const x = of(a) ?? null;
    const y = of(b) ?? null;
    const delta = x === null || y === null ? null : y - x;
    rows.push({ section, label, unit, a: x, b: y, delta, relative: delta === null || x === 0 ? null : delta / Math.abs(x!) });
  };
  const unitOf = (f: StoreFigure): Unit => (MONEY_FIGURES.has(f) ? 'money' : 'count');

  row('Steps', 'Steps replayed', 'count', (r) => r.steps.total);
  row('Steps', 'Steps refused', 'count', (r) => r.steps.refused);
  for (const f of STORE_FIGURES) row('All stores', FIGURE_LABELS[f], unitOf(f), (r) => r.totals[f]);
  const names = new Map([...a.stores, ...b.stores].map((s) => [s.id, s.name]));
  for (const storeId of union(a.stores.map((s) => s.id), b.stores.map((s) => s.id))) {
    for (const f of ['sales', 'orders', 'returns'] as const) row(names.get(storeId) ?? storeId, FIGURE_LABELS[f], unitOf(f), (r) => r.byStore[storeId]?.totals[f]);
  }
  for (const stage of STAGES) {
    if (a.leadTimes.all[stage] === undefined && b.leadTimes.all[stage] === undefined) continue;
    for (const p of ['p50', 'p90'] as const) row('Lead times, all locations', `${STAGE_LABELS[stage]} ${p}`, 'duration', (r) => r.leadTimes.all[stage]?.[p]);
  }
  const locations = new Map([...a.locations, ...b.locations].map((l) => [l.id, l.name]));
  for (const locationId of union(Object.keys(a.backlog), Object.keys(b.backlog))) {
    row('Backlog', `${locations.get(locationId) ?? locationId}: most open lines`, 'count', (r) => peak(r.backlog[locationId]?.peak));
  }
  for (const storeId of union(Object.keys(a.sync), Object.keys(b.sync))) {
    const name = names.get(storeId) ?? storeId;
    row('Sync', `${name}: lag p90`, 'duration', (r) => r.sync[storeId]?.lag?.p90);
    row('Sync', `${name}: deepest queue`, 'count', (r) => peak(r.sync[storeId]?.queueDepth.peak));
    row('Sync', `${name}: items received`, 'count', (r) => sumOf(r.sync[storeId]?.received));
  }
  for (const rule of union(a.refusals.map((r) => r.rule), b.refusals.map((r) => r.rule))) {
    row('Refusals', `rule ${rule}`, 'count', (r) => r.refusals.find((x) => x.rule === rule)?.count ?? 0);
  }
  return { labels, currency: a.currency, rows, a, b };
}

function figure(unit: Unit, n: number | null, currency: string): string {
  if (n === null) return '-';
  if (unit === 'money') return formatMoney(n, currency);
  if (unit === 'duration') return formatDuration(n);
  return n.toLocaleString('en-US');
}

function signedDelta(row: DiffRow, currency: string): string {
  if (row.delta === null) return '-';
  if (row.delta === 0) return '0';
  const sign = row.delta > 0 ? '+' : '-';
  return `${sign}${figure(row.unit, Math.abs(row.delta), currency)}`;
}

function relativeDelta(row: DiffRow): string {
  if (row.delta === null) return '-';
  if (row.delta === 0) return '0%';
  if (row.relative === null) return 'new';
  const percent = row.relative * 100;
  // Enough digits that a small change never reads as none ("-0.05%", "+1.7%", "-63%").
  const digits = Math.abs(percent) < 1 ? 2 : Math.abs(percent) < 10 ? 1 : 0;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(digits)}%`;
}

/** The comparison for the terminal: a block per section, columns aligned, numbers right-aligned. */
export function formatDiff(diff: ReportDiff): string {
  const head = ['KPI', diff.labels[0], diff.labels[1], 'change', '%'];
  const lines = diff.rows.map((r) => ({ section: r.section, cells: [r.label, figure(r.unit, r.a, diff.currency), figure(r.unit, r.b, diff.currency), signedDelta(r, diff.currency), relativeDelta(r)] }));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l.cells[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `${diff.labels[0]}: ${diff.a.scenario.name} (seed ${diff.a.scenario.seed}, ${diff.a.steps.total} steps)`,
    `${diff.labels[1]}: ${diff.b.scenario.name} (seed ${diff.b.scenario.seed}, ${diff.b.steps.total} steps)`,
  ];
  let section = '';
  for (const line of lines) {
    if (line.section !== section) {
      section = line.section;
      out.push('', section, format(head));
    }
    out.push(format(line.cells));
  }
  return out.join('\n');
}

/** Hour offsets from each run's start ("+0 h"): two runs are compared hour for hour, whatever their dates. */
function hourOffsets(a: LabReport, b: LabReport): string[] {
  return Array.from({ length: Math.max(a.hours.length, b.hours.length) }, (_, i) => `+${i} h`);
}

function hourlyTotal(report: LabReport, f: StoreFigure): number[] {
  return report.hours.map((_, i) => Object.values(report.byStore).reduce((sum, s) => sum + (s.hourly[i]?.[f] ?? 0), 0));
}

function hourlySum(report: LabReport, series: readonly (readonly number[])[]): number[] {
  return report.hours.map((_, i) => series.reduce((sum, s) => sum + (s[i] ?? 0), 0));
}

/** The comparison as one HTML page: the KPIs with their deltas, then both runs' charts overlaid (B dashed). */
export function renderHtmlDiff(diff: ReportDiff): string {
  const { a, b, labels, currency } = diff;
  const sections = new Sections(currency);
  const offsets = hourOffsets(a, b);
  const pair = (of: (r: LabReport) => number[]) => [{ name: labels[0], series: of(a) }, { name: labels[1], series: of(b), dashed: true }];

  sections.heading('Hour by hour');
  sections.hourlyByName('diff-sales', 'Sales per hour, all stores', 'money', offsets, pair((r) => hourlyTotal(r, 'sales')), false);
  sections.hourlyByName('diff-orders', 'Customer orders placed per hour, all stores', 'count', offsets, pair((r) => hourlyTotal(r, 'orders')), false);
  sections.hourlyByName('diff-backlog', 'Open fulfilment lines at the end of each hour, all locations', 'count', offsets, pair((r) => hourlySum(r, Object.values(r.backlog).map((g) => g.end))), false);
  sections.hourlyByName('diff-queue', 'Items waiting in the stores\' outbound queues at the end of each hour', 'count', offsets, pair((r) => hourlySum(r, Object.values(r.sync).map((s) => s.queueDepth.end))), false);

  sections.heading('Lead times and sync lag');
  const stages = STAGES.filter((s) => a.leadTimes.all[s] !== undefined || b.leadTimes.all[s] !== undefined);
  const p90 = (r: LabReport) => stages.map((s) => r.leadTimes.all[s]?.p90 ?? null);
  sections.chartOrNone('No line finished a stage in either run.',
    { id: 'diff-lead-times', caption: 'Lead time p90 per stage, all locations', type: 'bar', unit: 'duration', labels: stages.map((s) => STAGE_LABELS[s]),
      datasets: [{ label: labels[0], data: p90(a) }, { label: labels[1], data: p90(b) }] },
    { id: 'diff-lead-times-table', caption: 'Lead time p90 per stage, all locations', head: ['Stage', labels[0], labels[1]],
      rows: stages.map((s) => [STAGE_LABELS[s], duration(a.leadTimes.all[s]?.p90), duration(b.leadTimes.all[s]?.p90)]) },
  );
  const stores = union(a.stores.map((s) => s.id), b.stores.map((s) => s.id)).filter((id) => a.sync[id]?.lag != null || b.sync[id]?.lag != null);
  const storeName = new Map([...a.stores, ...b.stores].map((s) => [s.id, s.name]));
  const lag = (r: LabReport) => stores.map((id) => r.sync[id]?.lag?.p90 ?? null);
  sections.chartOrNone('Nothing queued at a store reached headquarters in either run.',
    { id: 'diff-sync-lag', caption: 'Sync lag p90 by store', type: 'bar', unit: 'duration', labels: stores.map((id) => storeName.get(id) ?? id),
      datasets: [{ label: labels[0], data: lag(a) }, { label: labels[1], data: lag(b) }] },
    { id: 'diff-sync-lag-table', caption: 'Sync lag p90 by store', head: ['Store', labels[0], labels[1]],
      rows: stores.map((id) => [storeName.get(id) ?? id, duration(a.sync[id]?.lag?.p90), duration(b.sync[id]?.lag?.p90)]) },
  );

  sections.heading('Every KPI');
  const cellOf = (unit: Unit, n: number | null): Cell => (n === null ? { text: '-', value: null } : unit === 'money' ? money(n, currency) : unit === 'duration' ? duration(n) : count(n));
  for (const section of new Set(diff.rows.map((r) => r.section))) {
    sections.tableOnly({
      id: `kpis-${section.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, caption: section, head: ['KPI', labels[0], labels[1], 'Change', '%'],
      rows: diff.rows.filter((r) => r.section === section).map((r) => [r.label, cellOf(r.unit, r.a), cellOf(r.unit, r.b),
        { text: signedDelta(r, currency), value: r.delta }, { text: relativeDelta(r), value: r.relative === null ? null : Math.round(r.relative * 10_000) / 10_000 }]),
    });
  }

  const title = `Scenario lab comparison: ${labels[0]} and ${labels[1]}`;
  const describe = (label: string, r: LabReport) => `<li><strong>${escapeHtml(label)}</strong>: ${escapeHtml(r.scenario.name)}, seed ${r.scenario.seed}, ${r.steps.total.toLocaleString('en-US')} steps, ${escapeHtml(r.period.from)} to ${escapeHtml(r.period.to)}${
    r.scenario.overrides === undefined ? '' : `; what-if: ${escapeHtml(Object.entries(r.scenario.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', '))}`}</li>`;
  const headline = diff.rows.filter((r) => r.section === 'All stores' && ['sales', 'orders', 'returns', 'refunds'].some((f) => r.label === FIGURE_LABELS[f as StoreFigure]));
  const summary = kpiList(headline.map((r) => ({ label: r.label, value: `${figure(r.unit, r.a, currency)} → ${figure(r.unit, r.b, currency)}`, detail: `${signedDelta(r, currency)} (${relativeDelta(r)})` })));
  const body = `<header><h1>${escapeHtml(title)}</h1><ul class="meta">${describe(labels[0], a)}${describe(labels[1], b)}</ul></header>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>${summary}</section>
${sections.html()}`;
  return htmlPage({ title, currency, charts: sections.charts, body });
}
