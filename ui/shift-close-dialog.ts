/**
 * <shift-close-dialog>: the tender declaration at the close of a shift: the counted amount per tender method (blind:
 * what is expected is shown only on the Z report). Emits `declare` with `{ declaration }` in minor units, or `close`.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TenderDeclaration } from '../engine/domain/shift.ts';
import { TENDER_METHODS } from '../engine/domain/shift.ts';
import { TENDER_NAMES } from './shift-report-view.ts';
import { screenStyles } from './styles.ts';
import { cancelOrSubmit } from './till-dialog.ts';
import { parseMoney, tillStyles, violationText, type RuleViolation } from './till-shared.ts';
import './till-dialog.ts';

@customElement('shift-close-dialog')
export class ShiftCloseDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @state() accessor problem: { method: string; message: string } | null = null;

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const declaration: TenderDeclaration = {};
    for (const method of TENDER_METHODS) {
      const amount = parseMoney(String(form.get(method) ?? '').trim() || '0');
      if (amount === null) {
        this.problem = { method, message: 'Enter an amount like 125.50' };
        return;
      }
      declaration[method] = amount;
    }
    this.problem = null;
    this.dispatchEvent(new CustomEvent('declare', { detail: { declaration }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <till-dialog heading="Close shift: count the drawer" size="narrow">
        <form @submit=${this.submit} novalidate style="display: grid; gap: 0.75rem">
          <p class="muted" style="margin: 0">Count each tender and enter what you counted, float included. The Z report compares it with what the shift took.</p>
          ${TENDER_METHODS.map((method) => html`
            <label>${TENDER_NAMES[method]} counted
              <input name=${method} inputmode="decimal" placeholder="0.00" autocomplete="off" data-count=${method}
                aria-invalid=${this.problem?.method === method ? 'true' : 'false'}>
            </label>
            ${this.problem?.method === method ? html`<div class="field-error" role="alert">${this.problem.message}</div>` : null}`)}
          ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
          ${cancelOrSubmit(this, 'Count and close', this.busy)}
        </form>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'shift-close-dialog': ShiftCloseDialog }
}
