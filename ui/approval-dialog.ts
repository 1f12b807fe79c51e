/**
 * <approval-dialog>: a manager's approval at the till (ST-5): the approver's operator id and PIN. Emits `approve`
 * with `{ operatorId, pin }` (the till sends it with the command as `api.command(command, approval)`) or `close`.
 * The server's refusal (a wrong PIN, an approver without the permission) is shown in place.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Approval } from './api.ts';
import { screenStyles } from './styles.ts';
import { tillStyles, violationText, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';

@customElement('approval-dialog')
export class ApprovalDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  /** What is being approved, e.g. "Deposit override: $5.00". */
  @property({ type: String }) accessor reason = '';
  /** Why the approval is needed (the rule the server named), shown above the fields. */
  @property({ attribute: false }) accessor needed: RuleViolation | null = null;
  /** Staff of the store, offered as approvers. */
  @property({ attribute: false }) accessor staff: { operatorId: string; name: string; roleId: string }[] = [];
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @state() accessor missing = '';

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const approval: Approval = { operatorId: String(form.get('operatorId') ?? '').trim(), pin: String(form.get('pin') ?? '').trim() };
    if (approval.operatorId === '' || approval.pin === '') {
      this.missing = approval.operatorId === '' ? 'Enter the approver\'s operator id' : 'Enter the approver\'s PIN';
      return;
    }
    this.missing = '';
    this.dispatchEvent(new CustomEvent<Approval>('approve', { detail: approval, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <till-dialog heading="Manager approval" size="narrow">
        <form @submit=${this.submit} novalidate style="display: grid; gap: 1rem">
          <p style="margin: 0"><strong>${this.reason}</strong></p>
          ${this.needed === null ? null : html`<div class="warning">${violationText(this.needed)}</div>`}
          <label>Approver operator id
            <input name="operatorId" autocomplete="off" list="approvers" required>
            <datalist id="approvers">
              ${this.staff.map((s) => html`<option value=${s.operatorId}>${s.name} (${s.roleId})</option>`)}
            </datalist>
          </label>
          <label>Approver PIN <input name="pin" type="password" inputmode="numeric" autocomplete="off" required minlength="4"></label>
          ${this.missing === '' ? null : html`<div class="error" role="alert">${this.missing}</div>`}
          ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
          ${cancelOrSubmit(this, 'Approve', this.busy)}
        </form>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'approval-dialog': ApprovalDialog }
}
