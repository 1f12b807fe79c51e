/**
 * <sales-office-figures .figures=${report.salesOffice} currency="USD">: headquarters' sales office on the analyst's
 * view (issue 13): the office's own orders by type and status, what it invoiced, open backorders with their items'
 * supply (SM-10), each agreement's fulfilment (SM-9), quotations, campaigns (MK-3, MK-4) and the pipeline (MK-2).
 * The same figures as the report's "headquarters sales office" block, in the screens' words and money.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SalesOfficeFigures } from '../engine/protocol/report.ts';
import { money, screenStyles } from './styles.ts';

/** "Invoiced 2, Open order 1" from a count per status, biggest first. */
export function countsText(byStatus: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byStatus).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([status, n]) => `${status} ${n}`).join(', ');
}

@customElement('sales-office-figures')
export class SalesOfficeFiguresPanel extends LitElement {
  static override styles = [screenStyles, css`
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    h3 { margin: 1rem 0 0.5rem; font-size: 1.05rem; }
    th[scope='row'] { text-transform: none; letter-spacing: 0; color: #1c2530; }
  `];

  @property({ attribute: false }) accessor figures: SalesOfficeFigures | null = null;
  @property() accessor currency = 'USD';

  override render() {
    const f = this.figures;
    if (f === null) return nothing;
    const amount = (minor: number) => money(minor, this.currency);
    return html`
      <section class="panel wide" aria-labelledby="sales-office-heading">
        <h2 id="sales-office-heading">Headquarters sales office</h2>
        <dl class="stat">
          ${Object.entries(f.ordersByType).map(([type, byStatus]) => html`<dt>${type}</dt><dd data-order-type=${type}>${countsText(byStatus)}</dd>`)}
          <dt>Invoiced</dt><dd data-stat="invoiced">${f.invoices.count} invoices (${amount(f.invoices.total)})${f.invoices.freeText.count > 0 ? `, of which free text ${f.invoices.freeText.count} (${amount(f.invoices.freeText.total)})` : ''}</dd>
          <dt>Open backorders</dt><dd data-stat="backorders">${f.openBackorders.lines === 0 ? 'none' : `${f.openBackorders.lines} lines, ${f.openBackorders.quantity} units`}</dd>
          <dt>Quotations</dt><dd data-stat="quotations">${countsText(f.quotationsByStatus)}</dd>
          <dt>Pipeline</dt><dd data-stat="pipeline">${f.pipeline.prospects} prospects; leads ${countsText(f.pipeline.leadsByStatus)}; opportunities ${countsText(f.pipeline.opportunitiesByStatus)}</dd>
        </dl>
        ${f.openBackorders.byItem.length === 0 ? nothing : html`
          <h3>Backordered items</h3>
          <table data-backorders>
            <thead><tr><th scope="col">Item</th><th scope="col">Open</th><th scope="col">On hand</th><th scope="col">Expected</th><th scope="col">Short</th></tr></thead>
            <tbody>${f.openBackorders.byItem.map((i) => html`
              <tr><th scope="row">${i.productName}</th><td>${i.open}</td><td>${i.onHand}</td><td>${i.expected}</td><td>${i.shortage}</td></tr>`)}</tbody>
          </table>`}
        ${f.agreements.length === 0 ? nothing : html`
          <h3>Agreements</h3>
          <table data-agreements>
            <thead><tr><th scope="col">Agreement</th><th scope="col">Commitment</th><th scope="col">Committed</th><th scope="col">Ordered</th><th scope="col">Invoiced</th></tr></thead>
            <tbody>${f.agreements.flatMap((a) => a.commitments.map((c, i) => {
              const measure = (n: number) => (c.measure === 'amount' ? amount(n) : String(n));
              return html`<tr>${i === 0 ? html`<th scope="row" rowspan=${a.commitments.length}>${a.customerName} (${a.status})</th>` : nothing}
                <td>${c.what}</td><td>${measure(c.committed)}</td><td>${measure(c.ordered)}</td><td>${measure(c.invoiced)}</td></tr>`;
            }))}</tbody>
          </table>`}
        ${f.campaigns.length === 0 ? nothing : html`
          <h3>Campaigns</h3>
          <table data-campaigns>
            <thead><tr><th scope="col">Campaign</th><th scope="col">Targets</th><th scope="col">Left out</th><th scope="col">Yes</th><th scope="col">No</th><th scope="col">No answer</th></tr></thead>
            <tbody>${f.campaigns.map((c) => html`
              <tr><th scope="row">${c.name} (${c.type}, ${c.status})</th><td>${c.targets}</td><td>${c.leftOut}</td><td>${c.positive}</td><td>${c.negative}</td><td>${c.none}</td></tr>`)}</tbody>
          </table>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'sales-office-figures': SalesOfficeFiguresPanel }
}
