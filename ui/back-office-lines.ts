/**
 * <back-office-lines>: the lines of a quotation, a release order or a campaign's quotation request as staff enter
 * them: item number, quantity and requested ship date, and where the page offers it, the agreement commitment the line
 * is released against (SM-8). The form reads `lines` when it is sent; a line with a bad quantity or date is said in
 * place and not added.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatMoney } from '../engine/domain/money.ts';
import type { AgreementDetail } from '../engine/protocol/sales.ts';
import { screenStyles } from './styles.ts';

export interface LineEntry { productId: string; quantity: number; requestedShipDate: string; agreement?: { agreementId: string; commitmentId: string } }

/** A commitment a line may be released against: its agreement and commitment, in words. */
export interface CommitmentChoice { agreementId: string; commitmentId: string; label: string }

/** SM-8 / SM-9: an agreement's commitments as choices, each with what it still has room for. */
export function commitmentChoices(agreement: AgreementDetail): CommitmentChoice[] {
  return agreement.commitmentLines.map((c) => ({
    agreementId: agreement.agreementId,
    commitmentId: c.commitmentId,
    label: `${agreement.agreementId}: ${c.productName ?? c.categoryId ?? 'any product'}, ${c.measure === 'quantity' ? `${c.remaining} left` : `${formatMoney(c.remaining, agreement.currency)} left`}`,
  }));
}

@customElement('back-office-lines')
export class BackOfficeLines extends LitElement {
  static override styles = [screenStyles, css`
    fieldset { border: 1px solid var(--line); border-radius: 8px; display: grid; gap: 0.5rem; }
    .entry { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    .entry input[name="quantity"] { width: 6rem; }
    ul { margin: 0; padding-left: 1.25rem; }
  `];

  @property({ type: String }) accessor legend = 'Lines';
  /** The ship date a new line starts with. */
  @property({ type: String }) accessor shipDate = '';
  /** SM-8: the commitments a line may be released against (none: no choice shown). */
  @property({ attribute: false }) accessor commitments: readonly CommitmentChoice[] = [];
  /** A release order's lines must each name a commitment. */
  @property({ type: Boolean }) accessor commitmentRequired = false;
  @state() accessor lines: LineEntry[] = [];
  @state() accessor problem = '';

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value.trim() ?? '';
  }

  private add(): void {
    const productId = this.field('productId');
    const quantity = Number(this.field('quantity'));
    const requestedShipDate = this.field('requestedShipDate');
    const commitment = this.commitments.find((c) => `${c.agreementId}/${c.commitmentId}` === this.field('commitment'));
    if (productId === '') { this.problem = 'Item: enter the item number'; return; }
    if (!Number.isInteger(quantity) || quantity < 1) { this.problem = 'Quantity: enter a whole number of 1 or more'; return; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(requestedShipDate)) { this.problem = 'Ship date: choose a day'; return; }
    if (this.commitmentRequired && commitment === undefined) { this.problem = 'Commitment: choose the commitment the line is released against'; return; }
    this.problem = '';
    this.lines = [...this.lines, { productId, quantity, requestedShipDate, ...(commitment === undefined ? {} : { agreement: { agreementId: commitment.agreementId, commitmentId: commitment.commitmentId } }) }];
    this.renderRoot.querySelector<HTMLInputElement>('[name="productId"]')!.value = '';
  }

  override render() {
    return html`
      <fieldset>
        <legend>${this.legend}</legend>
        ${this.lines.length === 0 ? html`<p class="muted">No line yet.</p>` : html`<ul aria-label=${this.legend}>${this.lines.map((l, i) => html`
          <li>${l.productId} x ${l.quantity}, ship ${l.requestedShipDate}${l.agreement === undefined ? '' : ` · agreement ${l.agreement.agreementId}`}
            <button type="button" aria-label="Remove line ${i + 1}" @click=${() => { this.lines = this.lines.filter((_, at) => at !== i); }}>Remove</button></li>`)}</ul>`}
        <div class="entry">
          <label>Item<input name="productId" autocomplete="off"></label>
          <label>Quantity<input name="quantity" type="number" min="1" step="1" value="1"></label>
          <label>Ship date<input name="requestedShipDate" type="date" .value=${this.shipDate}></label>
          ${this.commitments.length === 0 ? nothing : html`<label>Commitment<select name="commitment">
            ${this.commitmentRequired ? nothing : html`<option value="">None</option>`}
            ${this.commitments.map((c) => html`<option value="${c.agreementId}/${c.commitmentId}">${c.label}</option>`)}</select></label>`}
          <button type="button" @click=${() => this.add()}>Add line</button>
        </div>
        ${this.problem === '' ? nothing : html`<div class="warning" role="alert">${this.problem}</div>`}
      </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-lines': BackOfficeLines }
}
