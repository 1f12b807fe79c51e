/**
 * The lab report's headquarters sales section: `storefront run --report/--html` of the month scenario carries the
 * same figures as the analyst's report, the page shows them as tables, and a report without office work has none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { renderHtmlReport } from '../../engine/lab/html-report.ts';
import { LabReportError, parseLabReport, type LabReport } from '../../engine/lab/lab-report.ts';
import { chainReport } from '../../engine/report.ts';
import { reportOf } from './lab-run.ts';

describe('the lab report\'s sales office section', () => {
  let month: { chain: Chain; report: LabReport };

  beforeAll(async () => { month = await reportOf('sales-month.json'); });

  it('SM-9 SM-10 MK-4 the month\'s report file carries the analyst report\'s sales figures, and reads back', () => {
    const figures = month.report.salesOffice!;
    expect(figures).toEqual(chainReport(month.chain).salesOffice);
    expect(figures.openBackorders.lines).toBe(1);
    expect(figures.campaigns.map((c) => c.positive)).toEqual([1]);
    expect(parseLabReport(JSON.parse(JSON.stringify(month.report)))).toEqual(month.report);
  });

  it('the page has a table for orders, invoices, backorders, agreements and campaigns, money in dollars', () => {
    const html = renderHtmlReport(month.report);
    expect(html).toContain('<h2 id="section-headquarters-sales-office">Headquarters sales office</h2>');
    for (const id of ['sales-orders', 'sales-invoices', 'sales-backorders', 'sales-agreements', 'sales-campaigns']) expect(html).toContain(`<table id="${id}">`);
    expect(html).toContain('$5,765.88');
    expect(html).toContain('Winter camping (Email, Active)');
  });

  it('a run with no office work has no section, and a wrong sales figure is named', async () => {
    const { report } = await reportOf('outage-day.json');
    expect(report).not.toHaveProperty('salesOffice');
    expect(renderHtmlReport(report)).not.toContain('Headquarters sales office');
    const bad = structuredClone(month.report) as Record<string, any>;
    bad.salesOffice.invoices.total = 'a lot';
    expect(() => parseLabReport(bad)).toThrow(LabReportError);
    expect(() => parseLabReport(bad)).toThrow(/^salesOffice\.invoices\.total: /);
  });
});
