/**
 * The till's end-of-day dialogs around their views: <shift-report-dialog> shows an X or Z report, <receipt-dialog>
 * the register's recent receipts (the last one first) with Print (the browser's print view, 80 mm) and Email (emits `email-receipt`). The close-of-shift declaration is
 * <shift-close-dialog>.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReceiptDocument } from '../engine/domain/receipt-document.ts';
import type { ShiftReport } from '../engine/domain/shift.ts';
import { printReceipt, receiptTitle } from './receipt-view.ts';
import { money, screenStyles } from './styles.ts';
import { tillStyles, violationText, type RuleViolation } from './till-shared.ts';
import './receipt-view.ts';
import './shift-close-dialog.ts';
import './shift-report-view.ts';
import './till-dialog.ts';

const askToClose = (from: HTMLElement) => from.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));

@customElement('shift-report-dialog')
export class ShiftReportDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  @property({ attribute: false }) accessor report: ShiftReport | null = null;
  @property({ type: String }) accessor currency = 'USD';

  override render() {
    if (this.report === null) return null;
    return html`
      <till-dialog heading=${this.report.kind === 'Z' ? 'Z report: shift closed' : 'X report: shift so far'}>
        <shift-report-view .report=${this.report} currency=${this.currency}></shift-report-view>
        <div class="actions"><button type="button" class="primary" @click=${() => askToClose(this)}>Done</button></div>
      </till-dialog>`;
  }
}

@customElement('receipt-dialog')
export class ReceiptDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  /** The register's recent receipts, newest first: the last one is shown, an earlier one can be chosen. */
  @property({ attribute: false }) accessor receipts: readonly ReceiptDocument[] = [];
  @state() accessor chosen = 0;
  /** Where the receipt was emailed (null: not yet). */
  @property({ type: String }) accessor emailedTo: string | null = null;
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;

  private email(event: SubmitEvent): void {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get('email') ?? '').trim();
    const { transactionId } = this.receipts[this.chosen]!;
    this.dispatchEvent(new CustomEvent('email-receipt', { detail: { email, transactionId }, bubbles: true, composed: true }));
  }

  override render() {
    const receipt = this.receipts[this.chosen];
    if (receipt === undefined) return null;
    return html`
      <till-dialog heading="Receipt" size="narrow">
        ${this.receipts.length < 2 ? null : html`
          <label>Transaction
            <select @change=${(e: Event) => { this.chosen = Number((e.target as HTMLSelectElement).value); }}>
              ${this.receipts.map((r, i) => html`<option value=${i} ?selected=${i === this.chosen}>${r.transactionId}: ${receiptTitle(r)}, ${money(r.total, r.currency)}</option>`)}
            </select>
          </label>`}
        <receipt-view .receipt=${receipt}></receipt-view>
        <form @submit=${this.email} novalidate class="row" style="align-items: end; margin-top: 0.75rem">
          <label style="flex: 1">Email to <input name="email" type="email" autocomplete="off" placeholder="name@example.com"></label>
          <button type="submit" ?disabled=${this.busy}>Email receipt</button>
        </form>
        ${this.emailedTo === null ? null : html`<p role="status" data-testid="emailed">Receipt emailed to ${this.emailedTo}.</p>`}
        ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
        <div class="actions">
          <button type="button" @click=${() => askToClose(this)}>Close</button>
          <button type="button" class="primary" @click=${() => printReceipt(receipt)}>Print</button>
        </div>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'shift-report-dialog': ShiftReportDialog; 'receipt-dialog': ReceiptDialog }
}
