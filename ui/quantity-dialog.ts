/**
 * <quantity-dialog>: an in-page modal dialog (modal-frame.ts) asking a quantity for each of one or more lines (pick, reject, pack,
 * ship), each prefilled (FF-3: the remainder) and bounded by what the line still allows. Emits `quantity-confirm`
 * with the quantities by item key (0 = leave the line out) and `quantity-cancel`; shows the server's refusal in
 * place (`error`) while it stays open.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RuleViolation } from '../engine/domain/violation.ts';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { refusal } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

export interface QuantityItem {
  key: string;
  /** What the line is (e.g. "Camp lamp"), the input's label. */
  label: string;
  /** More about it (order, delivery, what is left). */
  detail?: string;
  /** The most the operation takes for this line. */
  max: number;
  /** The prefilled quantity. */
  value: number;
}

export type QuantityConfirm = CustomEvent<{ quantities: Record<string, number> }>;

/** A quantity typed in `input`: what it is for (named when it is wrong) and its bounds. */
export interface QuantityField { key: string; input: HTMLInputElement | null; label: string; min: number; max: number }

/** The whole numbers typed in, by key, or what is wrong with them (one out of its bounds, or all of them 0). */
export function readQuantities(fields: QuantityField[]): Record<string, number> | string {
  const quantities: Record<string, number> = {};
  for (const field of fields) {
    const text = field.input?.value.trim() ?? '';
    const quantity = Number(text);
    if (text === '' || !Number.isInteger(quantity) || quantity < field.min || quantity > field.max) {
      return `${field.label}: enter a whole number from ${field.min} to ${field.max}`;
    }
    quantities[field.key] = quantity;
  }
  if (Object.values(quantities).every((q) => q === 0)) return 'enter a quantity for at least one line';
  return quantities;
}

@customElement('quantity-dialog')
export class QuantityDialog extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { --modal-width: 34rem; }
    form { display: grid; gap: 1rem; }
    .item { display: grid; grid-template-columns: 1fr auto; gap: 0.75rem; align-items: center; }
    .item input { width: 7rem; font-size: 1.5rem; text-align: right; }
    .detail { font-weight: 400; color: #546e7a; font-size: 0.95rem; }
  `];

  @property({ type: String }) accessor heading = 'Quantity';
  /** A sentence under the heading (what the operation does). */
  @property({ type: String }) accessor intro = '';
  @property({ type: String }) accessor confirmLabel = 'Confirm';
  /** A destructive operation (reject) shows its confirm button as such. */
  @property({ type: Boolean }) accessor danger = false;
  @property({ attribute: false }) accessor items: QuantityItem[] = [];
  /** The server's refusal of the last attempt. */
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;

  @state() accessor invalid = '';

  private readonly frame = new ModalFrame(this, { dismiss: () => this.cancel() });

  override firstUpdated(): void {
    // The frame focused the first quantity: typing replaces it.
    this.renderRoot.querySelector('input')?.select();
  }

  /** A single line needs at least 1; of several, some may be left out (0). */
  private get min(): number {
    return this.items.length === 1 ? 1 : 0;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const quantities = readQuantities(this.items.map((item) => ({
      key: item.key, label: item.label, min: this.min, max: item.max,
      input: this.renderRoot.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(item.key)}"]`),
    })));
    if (typeof quantities === 'string') {
      this.invalid = quantities;
      return;
    }
    this.invalid = '';
    this.dispatchEvent(new CustomEvent('quantity-confirm', { detail: { quantities }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('quantity-cancel', { bubbles: true, composed: true }));
  }

  override render() {
    return this.frame.render(this.heading, html`
        <form @submit=${this.submit} novalidate>
          ${this.items.map((item) => html`
            <label class="item">
              <span>${item.label}${item.detail === undefined ? null : html`<br><span class="detail">${item.detail}</span>`}</span>
              <input type="number" inputmode="numeric" name=${item.key} data-key=${item.key} min=${this.min} max=${item.max} step="1"
                .value=${String(item.value)} required>
            </label>`)}
          ${this.invalid === '' ? null : html`<div class="warning" role="alert">${this.invalid}</div>`}
          ${refusal(this.error)}
          <div class="actions">
            <button type="button" @click=${() => this.cancel()}>Cancel</button>
            <button type="submit" class=${this.danger ? 'danger' : 'primary'} ?disabled=${this.busy}>${this.confirmLabel}</button>
          </div>
        </form>`, { intro: html`<p id="intro" class="muted">${this.intro}</p>`, describedBy: 'intro' });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'quantity-dialog': QuantityDialog }
}
