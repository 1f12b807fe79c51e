/**
 * <amount-dialog>: an amount (and optionally a reason code) for a deposit override (CO-7), a charge override (CH-4)
 * or a cancellation charge (CO-11). Emits `amount` with `{ amount, reasonCode? }` in minor units, or `close`.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { screenStyles } from './styles.ts';
import { moneyInput, parseMoney, tillStyles, violationText, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';

export interface AmountChoice { amount: number; reasonCode?: string }

@customElement('amount-dialog')
export class AmountDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  @property({ type: String }) accessor heading = 'Amount';
  @property({ type: String }) accessor label = 'Amount';
  /** Explains the amount (e.g. the ordered total a deposit may not exceed). */
  @property({ type: String }) accessor hint = '';
  /** The amount to start from, minor units. */
  @property({ type: Number }) accessor value = 0;
  /** Ask for a reason code (CH-4 overrides need one). */
  @property({ type: Boolean }) accessor withReason = false;
  @property({ type: String }) accessor reasonCode = '';
  @property({ type: String }) accessor submitLabel = 'Apply';
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @state() accessor problem: { field: 'amount' | 'reasonCode'; message: string } | null = null;

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const amount = parseMoney(String(form.get('amount') ?? ''));
    if (amount === null) {
      this.problem = { field: 'amount', message: 'Enter an amount like 12.50' };
      return;
    }
    const reasonCode = String(form.get('reasonCode') ?? '').trim();
    if (this.withReason && reasonCode === '') {
      this.problem = { field: 'reasonCode', message: 'Enter a reason code' };
      return;
    }
    this.problem = null;
    const detail: AmountChoice = this.withReason ? { amount, reasonCode } : { amount };
    this.dispatchEvent(new CustomEvent<AmountChoice>('amount', { detail, bubbles: true, composed: true }));
  }

  /** A problem with a field: the form's own check, or the server's refusal naming the field. */
  private problemOf(field: 'amount' | 'reasonCode'): string | ReturnType<typeof violationText> | null {
    if (this.problem?.field === field) return this.problem.message;
    if (this.error !== null && this.error.field === field) return violationText(this.error);
    return null;
  }

  override render() {
    const amountProblem = this.problemOf('amount');
    const reasonProblem = this.problemOf('reasonCode');
    const general = this.error !== null && this.error.field !== 'amount' && this.error.field !== 'reasonCode' ? this.error : null;
    return html`
      <till-dialog heading=${this.heading} size="narrow">
        <form @submit=${this.submit} novalidate style="display: grid; gap: 1rem">
          ${this.hint === '' ? null : html`<p class="muted" style="margin: 0">${this.hint}</p>`}
          <label>${this.label}
            <input name="amount" inputmode="decimal" .value=${moneyInput(this.value)} aria-invalid=${amountProblem === null ? 'false' : 'true'}
              aria-describedby=${amountProblem === null ? nothing : 'amount-error'}>
          </label>
          ${amountProblem === null ? null : html`<div id="amount-error" class="field-error" role="alert">${amountProblem}</div>`}
          ${this.withReason ? html`
            <label>Reason code
              <input name="reasonCode" .value=${this.reasonCode} autocomplete="off" aria-invalid=${reasonProblem === null ? 'false' : 'true'}
                aria-describedby=${reasonProblem === null ? nothing : 'reason-error'}>
            </label>
            ${reasonProblem === null ? null : html`<div id="reason-error" class="field-error" role="alert">${reasonProblem}</div>`}` : null}
          ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}</div>`}
          ${cancelOrSubmit(this, this.submitLabel, this.busy)}
        </form>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'amount-dialog': AmountDialog }
}
