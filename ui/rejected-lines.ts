/**
 * <rejected-lines .api=${api} .report=${report}>: FF-7 at headquarters: the lines the locations rejected
 * (`GET /api/rejected-lines`, read again whenever the chain report changes), each with a Reset that sends
 * `headquarters.resetFulfillment` for that line: its units go back to Accepted (Pending under manual accept) at the
 * location that rejected them. A refusal is shown on the line's row.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { ChainReport } from '../engine/protocol/report.ts';
import type { RejectedLineRow } from '../engine/protocol/views.ts';
import type { StoreApi } from './api.ts';
import { refusal, sendCommand, violationOf } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

const key = (line: RejectedLineRow) => `${line.orderId}/${line.lineId}`;

@customElement('rejected-lines')
export class RejectedLines extends LitElement {
  static override styles = [screenStyles, css`
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    .n { font-variant-numeric: tabular-nums; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  /** Each new report (the chain changed) reads the list again. */
  @property({ attribute: false }) accessor report: ChainReport | null = null;

  @state() accessor lines: RejectedLineRow[] | null = null;
  @state() accessor readError: RuleViolation | null = null;
  @state() accessor errors: Record<string, RuleViolation> = {};
  @state() accessor notice = '';
  @state() accessor busy = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('report') || changed.has('api')) void this.load();
  }

  private async load(): Promise<void> {
    const api = this.api;
    if (api === null) return;
    try {
      const body = await api.get<{ lines: RejectedLineRow[] }>('rejected-lines');
      if (this.api === api) {
        this.lines = body.lines;
        this.readError = null;
      }
    } catch (error) {
      this.readError = violationOf(error);
    }
  }

  private async reset(line: RejectedLineRow): Promise<void> {
    const api = this.api;
    if (api === null || this.busy) return;
    this.busy = true;
    this.notice = '';
    const { [key(line)]: _old, ...rest } = this.errors;
    this.errors = rest;
    const answer = await sendCommand(api, { type: 'headquarters.resetFulfillment', orderId: line.orderId, lineIds: [line.lineId] });
    this.busy = false;
    if (!answer.ok) {
      this.errors = { ...this.errors, [key(line)]: answer.error };
      return;
    }
    this.notice = `Line ${line.lineId} of order ${line.orderId} is back in ${this.placeName(line.locationId)}'s work.`;
    await this.load();
  }

  private placeName(locationId: string): string {
    return this.api?.setup.locations.find((l) => l.id === locationId)?.name ?? locationId;
  }

  private productName(productId: string): string {
    return this.api?.setup.products.find((p) => p.id === productId)?.name ?? productId;
  }

  override render() {
    const lines = this.lines;
    return html`
      <section class="panel" aria-labelledby="rejected-heading">
        <h2 id="rejected-heading">Rejected lines</h2>
        <p class="muted" style="margin: 0 0 0.5rem">Lines a store or warehouse could not fulfil. Reset sends a line back to the location's work.</p>
        ${refusal(this.readError)}
        ${lines === null ? html`<p class="muted">Loading...</p>` : lines.length === 0 ? html`<p class="muted" data-empty>No rejected lines.</p>` : html`
          <table>
            <thead><tr><th scope="col">Order</th><th scope="col">Item</th><th scope="col">Where</th><th scope="col" class="money">Rejected</th><th scope="col">Reset</th></tr></thead>
            <tbody>
              ${lines.map((line) => html`
                <tr data-line=${key(line)}>
                  <td>${line.orderId}<br><span class="muted">line ${line.lineId.split('-').at(-1)}</span></td>
                  <td>${this.productName(line.productId)}</td>
                  <td>${line.kind === 'ship' ? 'Ship from' : 'Pick up at'} ${this.placeName(line.locationId)}</td>
                  <td class="money n">${line.rejected}</td>
                  <td>
                    <button type="button" ?disabled=${this.busy} aria-label="Reset line ${line.lineId} of order ${line.orderId}" @click=${() => this.reset(line)}>Reset</button>
                    ${refusal(this.errors[key(line)])}
                  </td>
                </tr>`)}
            </tbody>
          </table>`}
        ${this.notice === '' ? null : html`<p class="notice" role="status" style="margin: 0.5rem 0 0">${this.notice}</p>`}
        <p class="muted" style="margin: 0.5rem 0 0; font-size: 0.85rem">FF-7</p>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'rejected-lines': RejectedLines }
}
