/**
 * <shift-report-view .report .currency>: an X report (read during the shift) or a Z report (made at close) in plain
 * words: what the shift took by kind, the tenders expected and counted, over/short. Used at the till and in the
 * analyst's list of Z reports.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ShiftReport, TenderBalance } from '../engine/domain/shift.ts';
import { money, screenStyles } from './styles.ts';

/** Tender methods as staff call them. */
export const TENDER_NAMES: Record<TenderBalance['method'], string> = { cash: 'Cash', card: 'Card', cardToken: 'Card on file' };

export function overShortText(amount: number | null, currency: string): string {
  if (amount === null) return 'not counted';
  if (amount === 0) return 'balanced';
  return amount > 0 ? `over ${money(amount, currency)}` : `short ${money(-amount, currency)}`;
}

const when = (at: number) => new Date(at).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

@customElement('shift-report-view')
export class ShiftReportView extends LitElement {
  static override styles = [screenStyles, css`
    :host { display: block; }
    table { width: 100%; border-collapse: collapse; }
    td, th { padding: 0.2rem 0.4rem; text-align: left; }
    td.money, th.money { text-align: right; }
    .total td { font-weight: 700; border-top: 1px solid #cfd8dc; }
    .short { color: var(--bad, #b71c1c); font-weight: 700; }
    .over { color: #8d6e00; font-weight: 700; }
    .balanced { color: var(--ok, #1b5e20); font-weight: 700; }
    h4 { margin: 0.75rem 0 0.25rem; }
    p { margin: 0.25rem 0; }
  `];

  @property({ attribute: false }) accessor report: ShiftReport | null = null;
  @property({ type: String }) accessor currency = 'USD';

  override render() {
    const r = this.report;
    if (r === null) return null;
    const m = (amount: number) => money(amount, this.currency);
    const { totals } = r;
    const figures: [string, number][] = [
      ['Sales', totals.sales], ['Order deposits and payments', totals.deposits], ['Pickups', totals.pickups],
      ['Returns', totals.returns], ['Refunds', totals.refunds],
    ];
    const overShortClass = r.overShort === null ? '' : r.overShort === 0 ? 'balanced' : r.overShort > 0 ? 'over' : 'short';
    return html`
      <p data-testid="report-heading"><strong>${r.kind === 'Z' ? 'Z report' : 'X report'}</strong> - shift ${r.shiftId}, register ${r.registerId}, ${r.operatorId}</p>
      <p class="muted">Opened ${when(r.openedAt)}; ${r.kind === 'Z' ? 'closed' : 'as of'} ${when(r.at)}. ${totals.transactions === 1 ? '1 transaction' : `${totals.transactions} transactions`}.</p>
      <h4>Takings</h4>
      <table>
        ${figures.map(([label, amount]) => html`<tr><td>${label}</td><td class="money">${m(amount)}</td></tr>`)}
        <tr class="total"><td>Net takings</td><td class="money" data-testid="net-takings">${m(r.netTakings)}</td></tr>
        <tr><td>Cancellation charges levied</td><td class="money">${m(totals.cancellationCharges)}</td></tr>
      </table>
      <h4>Tenders</h4>
      <table>
        <thead><tr><th>Method</th><th class="money">Expected</th><th class="money">Counted</th><th class="money">Over/short</th></tr></thead>
        <tbody>
          ${r.tenders.map((t) => html`
            <tr data-method=${t.method}>
              <td>${TENDER_NAMES[t.method]}${t.method === 'cash' ? html` <span class="muted">(float ${m(r.openingFloat)})</span>` : null}</td>
              <td class="money">${m(t.expected)}</td>
              <td class="money">${t.counted === null ? '-' : m(t.counted)}</td>
              <td class="money">${overShortText(t.overShort, this.currency)}</td>
            </tr>`)}
        </tbody>
      </table>
      ${r.kind === 'Z' ? html`<p>Drawer: <span class=${overShortClass} data-testid="over-short">${overShortText(r.overShort, this.currency)}</span></p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'shift-report-view': ShiftReportView }
}
