/**
 * <call-center-price-dialog>: a new unit price for one line of a call-center order (CC-20), in an in-page modal
 * dialog (modal-frame.ts). The agent types the price in the store's currency and, optionally, why. Emits
 * `price-change` with `{ unitPrice, reason }` (minor units) and `price-cancel`; the desk's refusal (a price beyond
 * the agent's tolerance, said with the range allowed) is shown in place while the dialog stays open.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatMoney, type Minor } from '../engine/domain/money.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { refusal } from './screen-kit.ts';
import { screenStyles } from './styles.ts';
import { moneyInput, parseMoney } from './till-shared.ts';

export type PriceChangeEntry = CustomEvent<{ unitPrice: Minor; reason: string }>;

@customElement('call-center-price-dialog')
export class CallCenterPriceDialog extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { --modal-width: 30rem; }
    form { display: grid; gap: 1rem; }
    input[name='unitPrice'] { font-size: 1.5rem; text-align: right; }
  `];

  /** The item the line sells, by name. */
  @property() accessor itemName = '';
  /** The line's unit price now. */
  @property({ type: Number }) accessor unitPrice: Minor = 0;
  @property() accessor currency = 'USD';
  /** The desk's refusal of the last attempt. */
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @state() accessor invalid = '';

  private readonly frame = new ModalFrame(this, { dismiss: () => this.cancel() });

  override firstUpdated(): void {
    // The frame focused the price: typing replaces it.
    this.renderRoot.querySelector<HTMLInputElement>('input[name="unitPrice"]')?.select();
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const unitPrice = parseMoney(String(form.get('unitPrice') ?? ''));
    if (unitPrice === null) {
      this.invalid = 'Enter the new price as an amount, like 159.99';
      return;
    }
    this.invalid = '';
    const reason = String(form.get('reason') ?? '').trim();
    this.dispatchEvent(new CustomEvent('price-change', { detail: { unitPrice, reason }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('price-cancel', { bubbles: true, composed: true }));
  }

  override render() {
    const problem = this.invalid !== '' ? this.invalid : null;
    return this.frame.render(`Change the price of ${this.itemName}`, html`
      <form @submit=${this.submit} novalidate>
        <label>New unit price
          <input name="unitPrice" inputmode="decimal" autocomplete="off" .value=${moneyInput(this.unitPrice)}
            aria-invalid=${problem === null && this.error === null ? 'false' : 'true'} aria-describedby=${problem === null ? nothing : 'price-problem'}>
        </label>
        ${problem === null ? nothing : html`<div id="price-problem" class="warning" role="alert">${problem}</div>`}
        <label>Why (for the supervisor)<input name="reason" autocomplete="off" maxlength="200"></label>
        ${refusal(this.error)}
        <div class="actions">
          <button type="button" @click=${() => this.cancel()}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>Change price</button>
        </div>
      </form>`, { intro: html`<p id="intro" class="muted">It sells at ${formatMoney(this.unitPrice, this.currency)} now.</p>`, describedBy: 'intro' });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-price-dialog': CallCenterPriceDialog }
}
