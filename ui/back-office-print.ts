/**
 * <back-office-print>: an invoice, or a pro forma (SM-14: same totals, posts nothing, printable as often as wanted), as
 * a clean printable page: who it is for, its lines as the office words them, and its totals. On paper only the page
 * prints (the screen around it, the tabs and the buttons stay off it).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { InvoiceView, ProFormaInvoiceView } from '../engine/protocol/sales.ts';
import { screenStyles } from './styles.ts';

@customElement('back-office-print')
export class BackOfficePrint extends LitElement {
  static override styles = [screenStyles, css`
    article { max-width: 48rem; margin: 0 auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 2rem; }
    header { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 2px solid #263238; padding-bottom: 0.75rem; }
    h1 { margin: 0; font-size: 1.6rem; }
    .stamp { align-self: flex-start; white-space: nowrap; font-weight: 800; letter-spacing: 0.1em; color: var(--warn); border: 2px solid var(--warn); padding: 0.2rem 0.6rem; border-radius: 6px; }
    td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; }
    tfoot td { font-weight: 700; border-bottom: none; }
    .tools { display: flex; gap: 0.5rem; justify-content: flex-end; margin-bottom: 0.75rem; }
    @media print {
      /* Over the page's own bar: only the document prints. */
      :host { position: fixed; inset: 0; background: #fff; z-index: 1000; }
      .tools { display: none; }
      article { border: none; padding: 0; max-width: none; }
    }
  `];

  @property({ attribute: false }) accessor document!: InvoiceView | ProFormaInvoiceView;

  private close(): void {
    this.dispatchEvent(new CustomEvent('print-close', { bubbles: true, composed: true }));
  }

  override render() {
    const d = this.document;
    const proForma = 'proForma' in d;
    // The office's print lines: a heading and the lines about whom and what (no amount), then the amounts, ending
    // with subtotal, tax and total.
    const lines = d.printLines;
    const lead = lines.findIndex((l) => l.amount !== null);
    const [heading, ...about] = lead === -1 ? lines : lines.slice(0, lead);
    const amounts = lead === -1 ? [] : lines.slice(lead);
    const totalsFrom = Math.max(0, amounts.length - 3);
    return html`
      <div class="tools">
        <button class="primary" @click=${() => window.print()}>Print</button>
        <button @click=${() => this.close()}>Back</button>
      </div>
      <article aria-label=${proForma ? 'Pro forma invoice' : `Invoice ${d.invoiceId}`}>
        <header>
          <div>
            <h1>${heading?.text ?? ''}</h1>
            ${about.map((l) => html`<div>${l.text}</div>`)}
          </div>
          ${proForma ? html`<span class="stamp">PRO FORMA: NOT POSTED</span>` : nothing}
        </header>
        <table>
          <thead><tr><th>Description</th><th class="amount">Amount</th></tr></thead>
          <tbody>${amounts.slice(0, totalsFrom).map((l) => html`<tr><td>${l.text}</td><td class="amount">${l.amount}</td></tr>`)}</tbody>
          <tfoot>${amounts.slice(totalsFrom).map((l, i, all) => html`<tr><td>${l.text}</td><td class="amount" ?data-total=${i === all.length - 1}>${l.amount}</td></tr>`)}</tfoot>
        </table>
      </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-print': BackOfficePrint }
}
