/**
 * <z-report-list .api .storeIds currency>: the Z reports of the chain's stores for headquarters (and a store's manager),
 * newest first: register, shift, who closed it, net takings, over/short; a row opens the whole report.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ShiftReport } from '../engine/domain/shift.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { StoreApi } from './api.ts';
import { refusal } from './screen-kit.ts';
import { overShortText } from './shift-report-view.ts';
import { money, screenStyles } from './styles.ts';
import { unreachable } from './till-shared.ts';
import './shift-report-view.ts';

const closedAt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

@customElement('z-report-list')
export class ZReportList extends LitElement {
  static override styles = [screenStyles, css`
    :host { display: block; grid-column: 1 / -1; }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    table { width: 100%; border-collapse: collapse; }
    td, th { padding: 0.35rem 0.5rem; text-align: left; }
    td.money { text-align: right; }
    tr.open td { background: #eceff1; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ attribute: false }) accessor storeIds: readonly string[] = [];
  @property({ type: String }) accessor currency = 'USD';
  @state() accessor reports: ShiftReport[] | null = null;
  @state() accessor error: RuleViolation | null = null;
  @state() accessor openShiftId: string | null = null;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('storeIds') && String(changed.get('storeIds') ?? '') !== this.storeIds.join(',')) void this.load();
  }

  async load(): Promise<void> {
    if (this.api === null) return;
    try {
      const lists = await Promise.all(this.storeIds.map((storeId) => this.api!.get<{ reports: ShiftReport[] }>(`stores/${encodeURIComponent(storeId)}/z-reports`)));
      this.reports = lists.flatMap((l) => l.reports).sort((a, b) => b.at - a.at);
      this.error = null;
    } catch (error) {
      this.error = unreachable(error);
    }
  }

  override render() {
    const reports = this.reports;
    const m = (amount: number) => money(amount, this.currency);
    return html`
      <section class="panel" aria-labelledby="z-heading">
        <div class="row" style="justify-content: space-between">
          <h2 id="z-heading">Z reports (closed shifts)</h2>
          <button type="button" @click=${() => this.load()}>Refresh</button>
        </div>
        ${refusal(this.error)}
        ${reports === null ? html`<p class="muted">Loading...</p>` : reports.length === 0 ? html`<p class="muted">No shift closed yet.</p>` : html`
          <table data-testid="z-reports">
            <thead><tr><th>Closed</th><th>Store</th><th>Register</th><th>Shift</th><th>Operator</th><th>Net takings</th><th>Drawer</th></tr></thead>
            <tbody>
              ${reports.map((r) => html`
                <tr class=${this.openShiftId === r.shiftId ? 'open' : ''} data-shift=${r.shiftId}>
                  <td>${closedAt.format(new Date(r.at))}</td><td>${r.storeId}</td><td>${r.registerId}</td>
                  <td><button type="button" aria-expanded=${this.openShiftId === r.shiftId ? 'true' : 'false'}
                    @click=${() => { this.openShiftId = this.openShiftId === r.shiftId ? null : r.shiftId; }}>${r.shiftId}</button></td>
                  <td>${r.operatorId}</td><td class="money">${m(r.netTakings)}</td><td>${overShortText(r.overShort, this.currency)}</td>
                </tr>
                ${this.openShiftId === r.shiftId ? html`<tr><td colspan="7"><shift-report-view .report=${r} currency=${this.currency}></shift-report-view></td></tr>` : null}`)}
            </tbody>
          </table>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'z-report-list': ZReportList }
}
