/**
 * The report's headquarters sales section (issue 13): the sales office's own orders by type and status, what it
 * invoiced, its open backorders, how far each agreement is fulfilled, its quotations, campaigns and pipeline, read
 * from the office's views so the report says what the back-office screens say. Null while the office has done nothing,
 * so the reports of chains without office work stay as they were.
 */
import type { SalesOfficeFigures } from './protocol/report.ts';
import type { SalesOffice } from './sales-office.ts';
import { SalesOfficeViews } from './sales-office/views.ts';

const tally = (keys: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};
const sum = (amounts: readonly number[]) => amounts.reduce((s, n) => s + n, 0);

export function salesOfficeFigures(office: SalesOffice): SalesOfficeFigures | null {
  const views = new SalesOfficeViews(office);
  const orders = views.orders().filter((o) => o.origin !== 'store' && o.origin !== 'callCenter');
  const invoices = views.invoices();
  const agreements = views.agreements();
  const quotations = views.quotations();
  const campaigns = views.campaigns();
  const pipeline = views.pipeline();
  if (orders.length + invoices.length + agreements.length + quotations.length + campaigns.length + pipeline.prospects.length + pipeline.leads.length === 0) return null;
  const ordersByType: Record<string, Record<string, number>> = {};
  for (const order of orders) {
    const statuses = (ordersByType[order.typeWords] ??= {});
    statuses[order.status] = (statuses[order.status] ?? 0) + 1;
  }
  const freeText = invoices.filter((i) => i.kind === 'Free text');
  const backorders = views.backorders();
  const backorderLines = backorders.byCustomer.flatMap((c) => c.lines);
  return {
    ordersByType,
    invoices: { count: invoices.length, total: sum(invoices.map((i) => i.total.amount)), freeText: { count: freeText.length, total: sum(freeText.map((i) => i.total.amount)) } },
    openBackorders: {
      lines: backorderLines.length, quantity: sum(backorderLines.map((l) => l.remaining)),
      byItem: backorders.byItem.map((i) => ({ productName: i.productName, open: i.openQuantity, onHand: i.onHand, expected: i.expectedReceipts, shortage: i.shortage })),
    },
    agreements: agreements.map((a) => ({
      agreementId: a.agreementId, customerName: a.customerName, status: a.status,
      commitments: (views.agreement(a.agreementId)?.commitmentLines ?? []).map((c) => ({
        what: c.productName ?? (c.categoryId === null ? 'any product' : `category ${c.categoryId}`), measure: c.measure, committed: c.committed, ordered: c.ordered, invoiced: c.invoiced,
      })),
    })),
    quotationsByStatus: tally(quotations.map((q) => q.status)),
    campaigns: campaigns.map((c) => ({
      name: c.name, type: c.type, status: c.status, targets: c.targets, leftOut: views.campaign(c.campaignId)?.leftOut.length ?? 0,
      positive: c.responses.positive, negative: c.responses.negative, none: c.responses.none,
    })),
    pipeline: { prospects: pipeline.prospects.length, leadsByStatus: tally(pipeline.leads.map((l) => l.status)), opportunitiesByStatus: tally(pipeline.opportunities.map((o) => o.status)) },
  };
}

const listed = (counts: Record<string, number>) => Object.entries(counts).map(([words, n]) => `${words} ${n.toLocaleString('en-US')}`).join(', ') || 'none';
const units = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;

/** The section's lines, money in the chain's currency. */
export function salesOfficeLines(figures: SalesOfficeFigures, money: (minor: number) => string): string[] {
  const { invoices, openBackorders: backorders, pipeline } = figures;
  const measured = (measure: 'quantity' | 'amount', n: number) => (measure === 'amount' ? money(n) : n.toLocaleString('en-US'));
  return [
    'headquarters sales office:',
    `  orders taken by the office: ${Object.entries(figures.ordersByType).map(([type, statuses]) => `${type}: ${listed(statuses)}`).join('; ') || 'none'}`,
    `  invoiced: ${invoices.count.toLocaleString('en-US')} ${invoices.count === 1 ? 'invoice' : 'invoices'}, ${money(invoices.total)}`
      + (invoices.freeText.count === 0 ? '' : ` (free text ${invoices.freeText.count.toLocaleString('en-US')}, ${money(invoices.freeText.total)})`),
    `  open backorders: ${backorders.lines === 0 ? 'none' : `${backorders.lines.toLocaleString('en-US')} ${backorders.lines === 1 ? 'line' : 'lines'}, ${units(backorders.quantity)}`}`
      + backorders.byItem.map((i) => `; ${i.productName} ${i.open} open, ${i.onHand} on hand, ${i.expected} expected, short ${i.shortage}`).join(''),
    ...figures.agreements.map((a) => `  agreement ${a.agreementId} with ${a.customerName} (${a.status}): `
      + (a.commitments.map((c) => `${c.what} ${measured(c.measure, c.ordered)} of ${measured(c.measure, c.committed)} ordered, ${measured(c.measure, c.invoiced)} invoiced`).join('; ') || 'no commitments')),
    `  quotations: ${listed(figures.quotationsByStatus)}`,
    ...figures.campaigns.map((c) => `  campaign ${c.name} (${c.type}, ${c.status}): ${c.targets} targets, ${c.leftOut} left out; responses positive ${c.positive}, negative ${c.negative}, none ${c.none}`),
    `  pipeline: prospects ${pipeline.prospects}; leads ${listed(pipeline.leadsByStatus)}; opportunities ${listed(pipeline.opportunitiesByStatus)}`,
  ];
}
