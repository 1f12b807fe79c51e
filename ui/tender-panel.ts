/**
 * <tender-panel>: pays (or refunds) what the transaction still asks: cash with the change shown, card with a card
 * token, or the card token already on the order (CO-8). Emits `tender` with `{ method, amount, cardToken? }`
 * (amount in minor units, negative for a refund); the till sends it as `register.tender`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { money, screenStyles } from './styles.ts';
import { moneyInput, parseMoney, tillStyles, violationText, type RuleViolation } from './till-shared.ts';

export interface TenderChoice { method: 'cash' | 'card' | 'cardToken'; amount: number; cardToken?: string }

@customElement('tender-panel')
export class TenderPanel extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    section { display: grid; gap: 0.5rem; padding: 0.75rem; }
    .due { font-size: 1.4rem; font-weight: 800; font-variant-numeric: tabular-nums; }
    .row { gap: 0.25rem 0.75rem; }
    .hint { font-weight: 500; font-size: 0.9rem; }
    .refund { color: var(--bad); }
    .change { font-size: 1.3rem; font-weight: 800; color: var(--ok); }
    .quick button { min-width: 5.5rem; }
    .methods button { flex: 1 1 7rem; min-height: 56px; font-size: 1.15rem; }
  `];

  /** What the transaction asks in all (positive: to pay; negative: to refund), minor units. */
  @property({ type: Number }) accessor due = 0;
  /**
   * The most the transaction keeps of what is tendered (a sale or an edit keeps cash beyond the due as prepayment,
   * up to what the order still owes); cash beyond it is change. Null: the due.
   */
  @property({ attribute: false }) accessor keepUpTo: number | null = null;
  /** Tendered so far in this transaction. */
  @property({ type: Number }) accessor tendered = 0;
  @property({ type: String }) accessor currency = 'USD';
  /** The card token on the order (or captured earlier in this transaction), if any. */
  @property({ attribute: false }) accessor orderCardToken: string | null = null;
  /** CO-8: the order will not be paid in full, so a card token for the balance is needed. */
  @property({ type: Boolean }) accessor needsCardToken = false;
  /** The heading: "Payment", "Refund", "Confirm the cancellation"... */
  @property({ type: String }) accessor heading = 'Payment';
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @property({ type: Boolean }) accessor disabled = false;

  /** The amount typed, as text; empty = the remaining amount. */
  @state() accessor amountText = '';
  @state() accessor cardToken = '';
  @state() accessor problem = '';

  get remaining(): number {
    return this.due - this.tendered;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new amount to pay starts from the exact amount again.
    if (changed.has('due') || changed.has('tendered')) this.amountText = '';
  }

  /** The amount to tender in minor units (a refund's magnitude is typed; it is sent negative). */
  private amount(): number | null {
    const remaining = this.remaining;
    if (this.amountText.trim() === '') return remaining;
    const typed = parseMoney(this.amountText);
    if (typed === null) return null;
    return remaining < 0 ? -typed : typed;
  }

  private send(method: TenderChoice['method']): void {
    const amount = this.amount();
    if (amount === null) {
      this.problem = 'Enter an amount like 20.00';
      return;
    }
    this.problem = '';
    const token = this.cardToken.trim();
    const detail: TenderChoice = { method, amount, ...(token !== '' && method !== 'cardToken' ? { cardToken: token } : {}) };
    this.dispatchEvent(new CustomEvent<TenderChoice>('tender', { detail, bubbles: true, composed: true }));
  }

  private quickAmounts(): number[] {
    const remaining = this.remaining;
    if (remaining <= 0) return [];
    const ups = [1000, 2000, 5000, 10000].map((step) => Math.ceil(remaining / step) * step).filter((a) => a > remaining);
    return [...new Set(ups)].slice(0, 3);
  }

  override render() {
    const remaining = this.remaining;
    const refund = remaining < 0;
    const amount = this.amount();
    // A refund is paid out as typed: no change, nothing kept.
    const received = amount === null || refund ? 0 : this.tendered + amount;
    const keep = Math.max(this.due, this.keepUpTo ?? this.due);
    const change = !refund && received > keep ? received - keep : 0;
    const prepaid = !refund && received > this.due ? Math.min(received, keep) - this.due : 0;
    const off = this.busy || this.disabled;
    return html`
      <section class="panel" aria-labelledby="tender-heading">
        <h3 id="tender-heading">${this.heading}</h3>
        <div class="row" style="justify-content: space-between">
          <span>${refund ? 'Refund to the customer' : remaining === 0 ? 'Nothing to pay' : 'Amount to pay'}</span>
          <span class="due ${refund ? 'refund' : ''}" data-testid="remaining">${money(Math.abs(remaining), this.currency)}</span>
        </div>
        ${this.tendered === 0 ? null : html`<div class="row muted" style="justify-content: space-between">
          <span>Tendered so far</span><span class="money">${money(this.tendered, this.currency)}</span></div>`}
        ${remaining === 0 ? html`<p class="muted" style="margin: 0">Finish with a zero tender.</p>` : null}
        <label>${refund ? 'Refund amount' : 'Amount tendered'}
          <input name="amount" inputmode="decimal" placeholder=${moneyInput(Math.abs(remaining))} .value=${this.amountText}
            @input=${(e: Event) => { this.amountText = (e.target as HTMLInputElement).value; }}
            aria-invalid=${this.problem === '' ? 'false' : 'true'} aria-describedby=${this.problem === '' ? nothing : 'amount-problem'}>
        </label>
        ${this.problem === '' ? null : html`<div id="amount-problem" class="field-error" role="alert">${this.problem}</div>`}
        ${this.quickAmounts().length === 0 ? null : html`
          <div class="row quick" role="group" aria-label="Quick cash amounts">
            ${this.quickAmounts().map((a) => html`<button type="button" @click=${() => { this.amountText = moneyInput(a); }}>${money(a, this.currency)}</button>`)}
          </div>`}
        ${prepaid > 0 ? html`<div class="row muted" style="justify-content: space-between"><span>Kept as prepayment on the order</span><span class="money" data-testid="prepaid">${money(prepaid, this.currency)}</span></div>` : null}
        ${change > 0 ? html`<div class="row" style="justify-content: space-between"><span>Change</span><span class="change" data-testid="change">${money(change, this.currency)}</span></div>` : null}
        <label><span>Card token ${this.needsCardToken ? html`<span class="muted hint">(needed for the balance of a ship order)</span>` : html`<span class="muted hint">(card payments)</span>`}</span>
          <input name="cardToken" autocomplete="off" .value=${this.cardToken} @input=${(e: Event) => { this.cardToken = (e.target as HTMLInputElement).value; }}>
        </label>
        <div class="row methods">
          <button type="button" class="primary" data-method="cash" ?disabled=${off} @click=${() => this.send('cash')}>${refund ? 'Refund cash' : 'Cash'}</button>
          <button type="button" class="primary" data-method="card" ?disabled=${off} @click=${() => this.send('card')}>${refund ? 'Refund to card' : 'Card'}</button>
          ${this.orderCardToken === null ? null : html`
            <button type="button" data-method="cardToken" ?disabled=${off} @click=${() => this.send('cardToken')}>Card on file (${this.orderCardToken})</button>`}
        </div>
        ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'tender-panel': TenderPanel }
}
