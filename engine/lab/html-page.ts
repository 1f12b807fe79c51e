/**
 * The page the lab's HTML reports share: one self-contained file that opens offline. Chart.js is read from its
 * package at render time and inlined; a Content-Security-Policy forbids every network request; each chart is a
 * figure with a caption, a canvas and its figures again in a table (in a <details>, readable without script). Table
 * cells that hold a figure carry it raw in `data-value` (minor units, milliseconds, counts), so a reader's tools and
 * the tests compare the page with the JSON report exactly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { formatMoney } from '../domain/money.ts';

/** What a chart shows: datasets over labels, money or durations or counts on the value axis. */
export interface ChartSpec {
  id: string;
  caption: string;
  type: 'bar' | 'line';
  labels: string[];
  /** null: no figure (a stage or store only one of two compared runs has). */
  datasets: { label: string; data: (number | null)[]; dashed?: boolean }[];
  unit: 'money' | 'duration' | 'count';
  stacked?: boolean;
  /** Bars along the y axis (long category names: rules, products). */
  horizontal?: boolean;
}

/** A table cell: text as shown, with the raw figure it shows when it is one. */
export type Cell = string | { text: string; value: number | null };

export interface TableSpec { id: string; caption: string; head: string[]; rows: Cell[][] }

let chartLibrary: string | null = null;

/** Chart.js's UMD build, from the installed package (read once). */
function chartJs(): string {
  if (chartLibrary === null) {
    const require = createRequire(import.meta.url);
    // The package's main entry sits in dist/, beside the UMD builds.
    chartLibrary = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  }
  return chartLibrary;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Code inside an inline <script>: nothing in it may close the element (the library has no such text; checked anyway). */
function inScript(code: string): string {
  if (/<\/script|<!--/i.test(code)) throw new Error('html report: inline script text would end its element');
  return code;
}

/** A duration as people read it: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export const count = (n: number): Cell => ({ text: n.toLocaleString('en-US'), value: n });
export const money = (minor: number, currency: string): Cell => ({ text: formatMoney(minor, currency), value: minor });
export const duration = (ms: number | null | undefined): Cell => (ms == null ? { text: '-', value: null } : { text: formatDuration(ms), value: ms });
/** An hour of the run as a label: "Mon 23 Nov 09:00" (UTC, as the virtual clock runs). */
export function hourLabel(iso: string): string {
  const at = new Date(iso);
  const day = at.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day} ${iso.slice(11, 16)}`;
}

export function table(spec: TableSpec): string {
  // A column of figures is right-aligned, its heading too.
  const numeric = (column: number) => column > 0 && spec.rows.some((row) => typeof row[column] === 'object');
  const cell = (c: Cell, i: number) => {
    const tag = i === 0 ? 'th scope="row"' : 'td';
    const end = i === 0 ? 'th' : 'td';
    if (typeof c === 'string') return `<${tag}>${escapeHtml(c)}</${end}>`;
    return `<${tag} class="num"${c.value === null ? '' : ` data-value="${c.value}"`}>${escapeHtml(c.text)}</${end}>`;
  };
  return `<table id="${spec.id}"><caption>${escapeHtml(spec.caption)}</caption>
<thead><tr>${spec.head.map((h, i) => `<th scope="col"${numeric(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${spec.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** A chart with its table fallback. */
export function chartFigure(chart: ChartSpec, fallback: TableSpec): string {
  return `<figure class="chart" id="figure-${chart.id}">
<figcaption>${escapeHtml(chart.caption)}</figcaption>
<div class="canvas"><canvas id="chart-${chart.id}" role="img" aria-label="${escapeHtml(chart.caption)}: chart; the same figures are in the table below"></canvas></div>
<details><summary>Table: ${escapeHtml(chart.caption)}</summary>
${table(fallback)}
</details>
</figure>`;
}

/** One summary figure at the top of a page. */
export interface Kpi { label: string; value: string; detail?: string }

export function kpiList(kpis: readonly Kpi[]): string {
  return `<dl class="kpis">${kpis.map((k) => `<div><dt>${escapeHtml(k.label)}</dt><dd>${escapeHtml(k.value)}${k.detail === undefined ? '' : `<small>${escapeHtml(k.detail)}</small>`}</dd></div>`).join('\n')}</dl>`;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Draws every chart from the page's embedded specs; money and durations formatted as in the tables. */
const DRAW_CHARTS = `
(() => {
  const { currency, charts } = JSON.parse(document.getElementById('chart-data').textContent);
  const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = moneyFormat.resolvedOptions().maximumFractionDigits;
  const formats = {
    money: (v) => moneyFormat.format(v / 10 ** digits),
    duration: (v) => v < 60000 ? Math.round(v / 1000) + ' s' : v < 3600000 ? Math.round(v / 60000) + ' min' : (v / 3600000).toFixed(1) + ' h',
    count: (v) => v.toLocaleString('en-US'),
  };
  const palette = ${JSON.stringify(PALETTE)};
  Chart.defaults.animation = false;
  for (const spec of charts) {
    const format = formats[spec.unit];
    const value = spec.horizontal ? 'x' : 'y';
    const category = spec.horizontal ? 'y' : 'x';
    new Chart(document.getElementById('chart-' + spec.id), {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => ({
          label: d.label, data: d.data,
          borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length] + (spec.type === 'line' ? '33' : 'cc'),
          borderDash: d.dashed ? [6, 4] : undefined, tension: 0, pointRadius: spec.labels.length > 48 ? 0 : 3,
        })),
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          [category]: { stacked: !!spec.stacked },
          [value]: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: spec.unit === 'count' ? 0 : undefined, callback: (v) => format(Number(v)) } },
        },
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + format(spec.horizontal ? c.parsed.x : c.parsed.y) } } },
      },
    });
  }
})();
`;

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; background: #fff; }
body { max-width: 78rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2.25rem 0 .75rem; border-bottom: 2px solid #dde3ea; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta { color: #4a5563; margin: 0 0 1rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.charts > .table, .charts > p { grid-column: 1 / -1; }
.kpis div { border: 1px solid #dde3ea; border-radius: .5rem; padding: .6rem .8rem; background: #f7f9fb; }
.kpis dt { font-size: .85rem; color: #4a5563; } .kpis dd { margin: .15rem 0 0; font-size: 1.3rem; font-weight: 600; }
.kpis small { display: block; font-size: .8rem; font-weight: 400; color: #4a5563; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); gap: 1.25rem; }
figure.chart { margin: 0; border: 1px solid #dde3ea; border-radius: .5rem; padding: .75rem; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
.canvas { position: relative; height: 18rem; }
details { margin-top: .5rem; } summary { cursor: pointer; color: #1f4f8a; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid #e5e9ef; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th { background: #f0f3f7; }
.up { color: #1d6b30; } .down { color: #a12a1f; }
`;

/**
 * The whole page: plain headings, the lang attribute, no request to anywhere (the policy forbids them; the charts'
 * library and data are inline).
 */
export function htmlPage(page: { title: string; body: string; currency: string; charts: readonly ChartSpec[] }): string {
  // Every "<" escaped: no label (a store's or product's name) can end the element.
  const data = JSON.stringify({ currency: page.currency, charts: page.charts }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${page.body}
</main>
<script type="application/json" id="chart-data">${data}</script>
<script>${inScript(chartJs())}</script>
<script>${DRAW_CHARTS}</script>
</body>
</html>
`;
}

/** The page's sections as they are added, and the charts they draw. */
export class Sections {
  readonly charts: ChartSpec[] = [];
  private readonly parts: string[] = [];
  private open = false;

  constructor(private readonly currency: string) {}

  heading(title: string): void {
    this.close();
    const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    this.parts.push(`<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2><div class="charts">`);
    this.open = true;
  }

  text(words: string): void {
    this.parts.push(`<p>${escapeHtml(words)}</p>`);
  }

  chart(chart: ChartSpec, fallback: TableSpec): void {
    this.charts.push(chart);
    this.parts.push(chartFigure(chart, fallback));
  }

  /** A chart of categories (stages, stores, rules, products), or the words saying there are none. */
  chartOrNone(none: string, chart: ChartSpec, fallback: TableSpec): void {
    if (chart.labels.length === 0) this.text(none);
    else this.chart(chart, fallback);
  }

  tableOnly(spec: TableSpec): void {
    this.parts.push(`<div class="table">${table(spec)}</div>`);
  }

  /** Named series over the hours: a chart (stacked bars or lines) and the table of hour by series. */
  hourlyByName(id: string, caption: string, unit: ChartSpec['unit'], hours: readonly string[], series: readonly { name: string; series: readonly number[]; dashed?: boolean }[], bars: boolean): void {
    const cell = (n: number): Cell => (unit === 'money' ? money(n, this.currency) : unit === 'duration' ? duration(n) : count(n));
    this.chart(
      { id, caption, type: bars ? 'bar' : 'line', unit, labels: [...hours], stacked: bars, datasets: series.map((s) => ({ label: s.name, data: [...s.series], ...(s.dashed ? { dashed: true } : {}) })) },
      { id: `${id}-table`, caption, head: ['Hour', ...series.map((s) => s.name)], rows: hours.map((hour, i) => [hour, ...series.map((s): Cell => (i < s.series.length ? cell(s.series[i]!) : { text: '-', value: null }))]) },
    );
  }

  html(): string {
    this.close();
    return this.parts.join('\n');
  }

  private close(): void {
    if (this.open) this.parts.push('</div></section>');
    this.open = false;
  }
}
