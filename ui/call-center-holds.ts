/**
 * <call-center-holds>: the hold list (CC-17) and, for supervisors, the price change requests (CC-20).
 *
 * Each open hold with its order, customer, code and reason, how many days it has been on hold and who has it checked
 * out since when. An agent checks a hold out (CC-18) to work it, releases it, or clears it one of three ways (CC-19):
 * submit when cleared, clear and submit, clear and modify; a hold another user has checked out cannot be cleared, and
 * its disabled Clear says who has it. A supervisor may take over a hold another user has checked
 * out (Override check-out) and approves or rejects price change requests with a reason.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClearVariant, HoldListRow } from '../engine/domain/call-center/holds.ts';
import { formatMoney } from '../engine/domain/money.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { CallCenterDesk, DeskAnswer, PriceChangeRequestRow } from './call-center-desk.ts';
import { refusal } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

/** CC-19: the ways an agent clears a hold, in their words. */
export const CLEAR_CHOICES: readonly { variant: ClearVariant; label: string }[] = [
  { variant: 'submitWhenCleared', label: 'Submit when cleared' },
  { variant: 'clearAndSubmit', label: 'Clear and submit' },
  { variant: 'clearAndModify', label: 'Clear and modify' },
];

export const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

@customElement('call-center-holds')
export class CallCenterHolds extends LitElement {
  static override styles = [screenStyles, css`
    h1 { margin: 0 0 0.75rem; font-size: 1.5rem; }
    h2 { margin: 0 0 0.5rem; font-size: 1.15rem; }
    .stack { display: grid; gap: 1rem; }
    .list { max-height: 30rem; overflow: auto; }
    td, th { padding: 0.35rem 0.5rem; }
    tr.fraud td:first-child { border-left: 6px solid var(--bad); }
    .actions { display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
    .actions select { min-width: 12rem; }
    .days { font-weight: 700; text-align: right; }
  `];

  @property({ attribute: false }) accessor desk!: CallCenterDesk;
  @state() accessor holds: HoldListRow[] = [];
  @state() accessor requests: PriceChangeRequestRow[] = [];
  @state() accessor error: RuleViolation | null = null;
  @state() accessor rejecting: string | null = null;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.holds = await this.desk.holdList();
    if (this.desk.supervisor) this.requests = await this.desk.priceChangeRequests();
  }

  private async run<T>(answer: Promise<DeskAnswer<T>>, then: (value: T) => void): Promise<void> {
    const result = await answer;
    if (!result.ok) { this.error = result.error; return; }
    this.error = null;
    then(result.value);
  }

  /** A step on a hold; after a refusal the list is read again (CC-18: another user may have checked it out meanwhile). */
  private async holdAction(answer: Promise<DeskAnswer<HoldListRow[]>>): Promise<void> {
    await this.run(answer, (holds) => { this.holds = holds; });
    if (this.error !== null) this.holds = await this.desk.holdList();
  }

  private clear(holdId: string) {
    const variant = (this.renderRoot.querySelector<HTMLSelectElement>(`select[name="variant-${holdId}"]`)?.value ?? 'submitWhenCleared') as ClearVariant;
    return this.holdAction(this.desk.clearHold(holdId, variant));
  }

  private async reject(requestId: string): Promise<void> {
    const reason = this.renderRoot.querySelector<HTMLInputElement>(`input[name="reason-${requestId}"]`)?.value.trim() ?? '';
    if (reason === '') { this.error = { rule: 'CC-20', message: 'say why the price change is rejected', field: 'reason' }; return; }
    await this.run(this.desk.decidePriceChange(requestId, { approve: false, reason }), (requests) => { this.requests = requests; this.rejecting = null; });
  }

  override render() {
    return html`
      <h1>Orders on hold</h1>
      ${refusal(this.error)}
      <div class="stack">
        <section class="panel list" aria-labelledby="holds">
          <h2 id="holds">${this.holds.length === 0 ? 'No order is on hold' : `${this.holds.length} ${this.holds.length === 1 ? 'hold' : 'holds'}, longest first`}</h2>
          ${this.holds.length === 0 ? nothing : html`
            <table>
              <thead><tr><th>Order</th><th>Customer</th><th>Hold</th><th class="days">Days</th><th>Checked out</th><th>Actions</th></tr></thead>
              <tbody>${this.holds.map((h) => this.renderHold(h))}</tbody>
            </table>`}
        </section>
        ${this.desk.supervisor ? this.renderRequests() : nothing}
      </div>`;
  }

  private renderHold(h: HoldListRow) {
    const mine = h.checkedOutBy === this.desk.operatorId;
    const other = h.checkedOutBy !== null && !mine;
    return html`
      <tr data-hold=${h.holdId} class=${h.fraud ? 'fraud' : ''}>
        <td><strong>${h.orderId}</strong></td>
        <td>${h.customerName}</td>
        <td>${h.fraud ? html`<strong style="color: var(--bad)">Fraud</strong> · ` : nothing}${h.codeDescription || h.code} · ${h.reason}${h.notes === '' ? '' : html`<br><span class="muted">${h.notes}</span>`}</td>
        <td class="days">${h.daysOnHold}</td>
        <td data-checked-out>${h.checkedOutBy === null ? html`<span class="muted">No</span>` : html`${mine ? 'You' : h.checkedOutBy}, ${when(h.checkedOutAt!)}`}</td>
        <td><div class="actions">
          ${h.checkedOutBy === null ? html`<button data-action="check-out" @click=${() => this.holdAction(this.desk.checkOutHold(h.holdId))}>Check out</button>` : nothing}
          ${mine ? html`<button data-action="release" @click=${() => this.holdAction(this.desk.releaseHold(h.holdId))}>Release</button>` : nothing}
          ${other && this.desk.supervisor ? html`<button data-action="override" @click=${() => this.holdAction(this.desk.overrideCheckOut(h.holdId))}>Override check-out</button>` : nothing}
          ${other ? html`
            <button data-action="clear" disabled aria-describedby="taken-${h.holdId}">Clear</button>
            <span class="muted" id="taken-${h.holdId}">${h.checkedOutBy} has it checked out: only ${h.checkedOutBy} can clear it, or a supervisor can take it over.</span>` : html`
            <select name="variant-${h.holdId}" aria-label="How to clear hold ${h.holdId}">
              ${CLEAR_CHOICES.map((c) => html`<option value=${c.variant}>${c.label}</option>`)}
            </select>
            <button data-action="clear" @click=${() => this.clear(h.holdId)}>Clear</button>`}
        </div></td>
      </tr>`;
  }

  private renderRequests() {
    const pending = this.requests.filter((r) => r.status === 'pending');
    const money = (minor: number) => formatMoney(minor, this.desk.currency);
    return html`
      <section class="panel" aria-labelledby="requests">
        <h2 id="requests">Price change requests</h2>
        ${pending.length === 0 ? html`<p class="muted">None waiting.</p>` : html`
          <table>
            <thead><tr><th>Order</th><th>Item</th><th>Agent</th><th class="money">Old price</th><th class="money">New price</th><th>Why</th><th>Decision</th></tr></thead>
            <tbody>${pending.map((r) => html`
              <tr data-request=${r.requestId}>
                <td>${r.orderId}</td>
                <td>${r.itemName}</td>
                <td>${r.agentName}<br><span class="muted">${when(r.requestedAt)}</span></td>
                <td class="money">${money(r.systemPrice)}</td>
                <td class="money">${money(r.requestedPrice)}</td>
                <td>${r.reason}</td>
                <td><div class="actions">
                  <button class="primary" data-action="approve" @click=${() => this.run(this.desk.decidePriceChange(r.requestId, { approve: true }), (requests) => { this.requests = requests; })}>Approve</button>
                  ${this.rejecting === r.requestId ? html`
                    <label>Reason<input name="reason-${r.requestId}"></label>
                    <button class="danger" data-action="confirm-reject" @click=${() => this.reject(r.requestId)}>Reject</button>`
                  : html`<button class="danger" data-action="reject" @click=${() => { this.rejecting = r.requestId; }}>Reject...</button>`}
                </div></td>
              </tr>`)}</tbody>
          </table>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-holds': CallCenterHolds }
}
