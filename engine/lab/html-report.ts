/**
 * A lab report as one HTML file (`storefront run --html out.html`): the summary first, then a section per question an
 * analyst asks (what sold, where the money went, how fast lines moved, what waited, how late headquarters heard,
 * what was refused, what sold best), each chart with its table.
 */
import { count, duration, escapeHtml, formatDuration, hourLabel, htmlPage, kpiList, money, Sections, type Cell, type Kpi } from './html-page.ts';
import { formatMoney } from '../domain/money.ts';
import { FIGURE_LABELS, MONEY_FIGURES, STAGE_LABELS, STAGES, STORE_FIGURES, type LabReport, type Percentiles, type StoreFigure } from './lab-report.ts';

/** The hourly figures charted per store, each with its own chart. */
const HOURLY_CHARTS: readonly { figure: StoreFigure; caption: string }[] = [
  { figure: 'sales', caption: 'Sales per hour, by store' },
  { figure: 'orders', caption: 'Customer orders placed per hour, by store' },
  { figure: 'receipts', caption: 'Cash-and-carry receipts per hour, by store' },
  { figure: 'returns', caption: 'Returns per hour, by store' },
  { figure: 'refunds', caption: 'Refunded on returns per hour, by store' },
];

/** The money a store took and gave back besides its sales. */
const PAYMENT_FIGURES: readonly StoreFigure[] = ['deposits', 'balancesCaptured', 'cancellationCharges', 'depositsRefunded'];

export function renderHtmlReport(report: LabReport): string {
  const sections = new Sections(report.currency);
  const hours = report.hours.map(hourLabel);
  const storeName = new Map(report.stores.map((s) => [s.id, s.name]));
  const locationName = new Map(report.locations.map((l) => [l.id, l.name]));
  const cellOf = (figure: StoreFigure, n: number): Cell => (MONEY_FIGURES.has(figure) ? money(n, report.currency) : count(n));

  sections.heading('Sales, orders and returns');
  for (const { figure, caption } of HOURLY_CHARTS) {
    sections.hourlyByName(`hourly-${figure}`, caption, MONEY_FIGURES.has(figure) ? 'money' : 'count', hours,
      report.stores.map((s) => ({ name: s.name, series: report.byStore[s.id]?.hourly.map((h) => h[figure]) ?? [] })), true);
  }
  sections.tableOnly({
    id: 'store-totals', caption: 'Totals by store',
    head: ['Figure', ...report.stores.map((s) => s.name), 'All stores'],
    rows: STORE_FIGURES.map((f) => [FIGURE_LABELS[f], ...report.stores.map((s) => cellOf(f, report.byStore[s.id]?.totals[f] ?? 0)), cellOf(f, report.totals[f])]),
  });

  sections.heading('Deposits, balances and cancellations');
  sections.chart(
    { id: 'payments', caption: 'Deposits, balances captured and cancellation charges, by store', type: 'bar', unit: 'money', labels: report.stores.map((s) => s.name),
      datasets: PAYMENT_FIGURES.map((f) => ({ label: FIGURE_LABELS[f], data: report.stores.map((s) => report.byStore[s.id]?.totals[f] ?? 0) })) },
    { id: 'payments-table', caption: 'Deposits, balances captured and cancellation charges, by store', head: ['Store', ...PAYMENT_FIGURES.map((f) => FIGURE_LABELS[f])],
      rows: report.stores.map((s) => [s.name, ...PAYMENT_FIGURES.map((f) => money(report.byStore[s.id]?.totals[f] ?? 0, report.currency))]) },
  );

  sections.heading('Fulfilment lead times');
  const measured = STAGES.filter((stage) => report.leadTimes.all[stage] !== undefined);
  sections.chartOrNone('No line at any location finished a stage.',
    { id: 'lead-times', caption: 'Lead time per stage, all locations (p50, p90, p99)', type: 'bar', unit: 'duration', labels: measured.map((s) => STAGE_LABELS[s]),
      datasets: (['p50', 'p90', 'p99'] as const).map((p) => ({ label: p, data: measured.map((s) => report.leadTimes.all[s]![p]) })) },
    { id: 'lead-times-table', caption: 'Lead time per stage, all locations', head: ['Stage', 'Lines', 'p50', 'p90', 'p99', 'Longest'],
      rows: measured.map((s) => percentileRow(STAGE_LABELS[s], report.leadTimes.all[s]!)) },
  );
  const measuring = report.locations.filter((l) => Object.keys(report.leadTimes.byLocation[l.id] ?? {}).length > 0);
  const p90At = (locationId: string, stage: typeof measured[number]) => report.leadTimes.byLocation[locationId]?.[stage]?.p90 ?? null;
  sections.chartOrNone('No line at any location finished a stage.',
    { id: 'lead-times-p90', caption: 'Lead time p90 per stage, by location', type: 'bar', unit: 'duration', labels: measured.map((s) => STAGE_LABELS[s]),
      datasets: measuring.map((l) => ({ label: l.name, data: measured.map((s) => p90At(l.id, s)) })) },
    { id: 'lead-times-p90-table', caption: 'Lead time p90 per stage, by location', head: ['Stage', ...measuring.map((l) => l.name)],
      rows: measured.map((s) => [STAGE_LABELS[s], ...measuring.map((l) => duration(p90At(l.id, s)))]) },
  );
  sections.tableOnly({
    id: 'lead-times-by-location', caption: 'Lead time per stage, by location', head: ['Location and stage', 'Lines', 'p50', 'p90', 'p99', 'Longest'],
    rows: report.locations.flatMap((l) => STAGES.flatMap((s) => {
      const times = report.leadTimes.byLocation[l.id]?.[s];
      return times === undefined ? [] : [percentileRow(`${l.name}: ${STAGE_LABELS[s]}`, times)];
    })),
  });

  sections.heading('Fulfilment backlog');
  sections.hourlyByName('backlog', 'Open fulfilment lines at the end of each hour, by location', 'count', hours,
    report.locations.map((l) => ({ name: l.name, series: report.backlog[l.id]?.end ?? [] })), false);
  sections.tableOnly({
    id: 'backlog-peaks', caption: 'Most open fulfilment lines within each hour, by location', head: ['Hour', ...report.locations.map((l) => l.name)],
    rows: hours.map((hour, i) => [hour, ...report.locations.map((l) => count(report.backlog[l.id]?.peak[i] ?? 0))]),
  });

  sections.heading('Sync with headquarters');
  const lagged = report.stores.filter((s) => report.sync[s.id]?.lag != null);
  sections.chartOrNone('Nothing queued at a store reached headquarters.',
    { id: 'sync-lag', caption: 'Sync lag, queued at the store to received at headquarters (p50, p90, p99)', type: 'bar', unit: 'duration', labels: lagged.map((s) => s.name),
      datasets: (['p50', 'p90', 'p99'] as const).map((p) => ({ label: p, data: lagged.map((s) => report.sync[s.id]!.lag![p]) })) },
    { id: 'sync-lag-table', caption: 'Sync lag by store', head: ['Store', 'Items', 'p50', 'p90', 'p99', 'Longest'],
      rows: lagged.map((s) => percentileRow(s.name, report.sync[s.id]!.lag!)) },
  );
  sections.hourlyByName('queue-depth', 'Items waiting in each store\'s outbound queue at the end of each hour', 'count', hours,
    report.stores.map((s) => ({ name: s.name, series: report.sync[s.id]?.queueDepth.end ?? [] })), false);
  sections.hourlyByName('sync-received', 'Items received at headquarters per hour, by store', 'count', hours,
    report.stores.map((s) => ({ name: s.name, series: report.sync[s.id]?.received ?? [] })), true);

  sections.heading('Refused steps');
  sections.chartOrNone('No step was refused.',
    { id: 'refusals', caption: 'Refused steps by rule', type: 'bar', unit: 'count', horizontal: true, labels: report.refusals.map((r) => r.rule),
      datasets: [{ label: 'Refused steps', data: report.refusals.map((r) => r.count) }] },
    { id: 'refusals-table', caption: 'Refused steps by rule, with the first one\'s message', head: ['Rule', 'Refused steps', 'First refused', 'Message'],
      rows: report.refusals.map((r) => [r.rule, count(r.count), `step ${r.example.step} (${r.example.command})`, r.example.message]) },
  );

  sections.heading('Top products');
  sections.chartOrNone('Nothing was sold.',
    { id: 'top-products', caption: 'Top products by revenue (before tax)', type: 'bar', unit: 'money', horizontal: true, labels: report.topProducts.map((p) => p.name),
      datasets: [{ label: 'Revenue (before tax)', data: report.topProducts.map((p) => p.revenue) }] },
    { id: 'top-products-table', caption: 'Top products by revenue', head: ['Product', 'Units sold', 'Revenue (before tax)'],
      rows: report.topProducts.map((p) => [`${p.name} (${p.productId})`, count(p.quantity), money(p.revenue, report.currency)]) },
  );

  if (report.salesOffice !== undefined) salesOfficeSection(sections, report.salesOffice, report.currency);

  const title = `Scenario lab report: ${report.scenario.name}`;
  const overrides = Object.entries(report.scenario.overrides ?? {}).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
  const header = `<header><h1>${escapeHtml(title)}</h1>
<p class="meta">Seed ${report.scenario.seed}; virtual clock ${escapeHtml(report.period.from)} to ${escapeHtml(report.period.to)} (${report.hours.length} hours, UTC); `
    + `${report.steps.total.toLocaleString('en-US')} steps, ${report.steps.refused.toLocaleString('en-US')} refused; money in ${escapeHtml(report.currency)}`
    + `${overrides.length === 0 ? '' : `; what-if: ${escapeHtml(overrides.join(', '))}`}.</p></header>`;
  const summary = `<section aria-labelledby="summary"><h2 id="summary">Summary</h2>${kpiList(summaryKpis(report, storeName, locationName))}</section>`;
  return htmlPage({ title, currency: report.currency, charts: sections.charts, body: `${header}\n${summary}\n${sections.html()}` });
}

/** Headquarters' sales office: its orders, invoices, backorders, agreements and campaigns, a table each. */
function salesOfficeSection(sections: Sections, office: NonNullable<LabReport['salesOffice']>, currency: string): void {
  const statuses = [...new Set(Object.values(office.ordersByType).flatMap((byStatus) => Object.keys(byStatus)))];
  const measured = (measure: 'quantity' | 'amount', n: number): Cell => (measure === 'amount' ? money(n, currency) : count(n));
  sections.heading('Headquarters sales office');
  sections.tableOnly({
    id: 'sales-orders', caption: 'The sales office\'s own orders by type and status', head: ['Order type', ...statuses],
    rows: Object.entries(office.ordersByType).map(([type, byStatus]) => [type, ...statuses.map((status) => count(byStatus[status] ?? 0))]),
  });
  sections.tableOnly({
    id: 'sales-invoices', caption: 'Invoiced', head: ['Invoices', 'Total', 'Free text invoices', 'Free text total'],
    rows: [[count(office.invoices.count), money(office.invoices.total, currency), count(office.invoices.freeText.count), money(office.invoices.freeText.total, currency)]],
  });
  sections.tableOnly({
    id: 'sales-backorders', caption: `Open backorders: ${office.openBackorders.lines} lines, ${office.openBackorders.quantity} units`, head: ['Item', 'Open', 'On hand', 'Expected', 'Short'],
    rows: office.openBackorders.byItem.map((i) => [i.productName, count(i.open), count(i.onHand), count(i.expected), count(i.shortage)]),
  });
  sections.tableOnly({
    id: 'sales-agreements', caption: 'Agreement fulfilment', head: ['Agreement', 'Commitment', 'Committed', 'Ordered', 'Invoiced'],
    rows: office.agreements.flatMap((a) => a.commitments.map((c) => [`${a.agreementId} ${a.customerName} (${a.status})`, c.what, measured(c.measure, c.committed), measured(c.measure, c.ordered), measured(c.measure, c.invoiced)])),
  });
  sections.tableOnly({
    id: 'sales-campaigns', caption: 'Campaign responses', head: ['Campaign', 'Targets', 'Left out', 'Positive', 'Negative', 'No response'],
    rows: office.campaigns.map((c) => [`${c.name} (${c.type}, ${c.status})`, count(c.targets), count(c.leftOut), count(c.positive), count(c.negative), count(c.none)]),
  });
}

function percentileRow(label: string, p: Percentiles): Cell[] {
  return [label, count(p.count), duration(p.p50), duration(p.p90), duration(p.p99), duration(p.max)];
}

/** The figures at the top of the page. */
function summaryKpis(report: LabReport, storeName: ReadonlyMap<string, string>, locationName: ReadonlyMap<string, string>): Kpi[] {
  const t = report.totals;
  const m = (n: number) => formatMoney(n, report.currency);
  const busiest = Object.entries(report.backlog).map(([id, g]) => ({ id, peak: Math.max(0, ...g.peak) })).sort((a, b) => b.peak - a.peak)[0];
  const deepest = Object.entries(report.sync).map(([id, s]) => ({ id, peak: Math.max(0, ...s.queueDepth.peak) })).sort((a, b) => b.peak - a.peak)[0];
  const lags = Object.values(report.sync).map((s) => s.lag?.p90).filter((p): p is number => p !== undefined);
  const leadTime = report.leadTimes.all.acceptedToShipped;
  return [
    { label: 'Sales', value: m(t.sales), detail: `${t.receipts.toLocaleString('en-US')} receipts, ${t.orders.toLocaleString('en-US')} orders` },
    { label: 'Returns', value: t.returns.toLocaleString('en-US'), detail: `${m(t.refunds)} refunded` },
    { label: 'Deposits taken', value: m(t.deposits), detail: `${m(t.depositsRefunded)} refunded` },
    { label: 'Balances captured', value: m(t.balancesCaptured) },
    { label: 'Cancellations', value: t.cancellations.toLocaleString('en-US'), detail: `${m(t.cancellationCharges)} in charges` },
    { label: 'Accepted to shipped, p90', value: leadTime === undefined ? '-' : formatDuration(leadTime.p90), detail: leadTime === undefined ? 'nothing shipped' : `${leadTime.count} lines` },
    { label: 'Peak backlog', value: (busiest?.peak ?? 0).toLocaleString('en-US'), detail: busiest === undefined ? undefined : `open lines at ${locationName.get(busiest.id) ?? busiest.id}` },
    { label: 'Sync lag, worst store p90', value: lags.length === 0 ? '-' : formatDuration(Math.max(...lags)), detail: `deepest queue ${deepest?.peak ?? 0} items${deepest === undefined ? '' : ` (${storeName.get(deepest.id) ?? deepest.id})`}` },
    { label: 'Refused steps', value: report.steps.refused.toLocaleString('en-US'), detail: `of ${report.steps.total.toLocaleString('en-US')}` },
  ];
}
