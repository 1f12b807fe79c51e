/**
 * <charges-dialog>: the charges of the sale or order in the cart (CH-1, CH-4).
 * - Add a charge: to the whole order or to a line already in the cart, under a charge code, with a reason. The
 *   shipping charge code comes first when the chain enters shipping by hand (CH-1: advanced auto charges off).
 * - Override: any charge the cart holds gets a new amount and a reason code; it stays until Recalculate (CH-4).
 * Emits `add-charge` `{ level, lineId?, chargeCode, amount, reasonCode? }`, `override-charge` `{ key, chargeCode,
 * amount, reasonCode }` (the till sends them, with a manager's approval when needed), or `close`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Setup } from './api.ts';
import { money, screenStyles } from './styles.ts';
import { cancelOrSubmit } from './till-dialog.ts';
import { moneyInput, parseMoney, productName, tillStyles, violationText, type CartCharge, type RuleViolation, type Transaction } from './till-shared.ts';

export interface ChargeAddition { level: 'header' | 'line'; lineId?: string; chargeCode: string; amount: number; reasonCode?: string }
export interface ChargeOverride { key: string; chargeCode: string; amount: number; reasonCode: string }

/** The form's own fields, as the server names them too. */
type Field = 'appliesTo' | 'chargeCode' | 'amount' | 'reasonCode';

@customElement('charges-dialog')
export class ChargesDialog extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    .charges td, .charges th { padding: 0.35rem 0.5rem; }
  `];

  @property({ attribute: false }) accessor setup: Setup | null = null;
  @property({ attribute: false }) accessor transaction: Transaction | null = null;
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;

  /** The charge being overridden (null: adding one). */
  @state() accessor overriding: CartCharge | null = null;
  @state() accessor problem: { field: Field; message: string } | null = null;

  private lineLabel(lineId: string | undefined): string {
    const lines = this.transaction?.cart.lines ?? [];
    const index = lines.findIndex((l) => l.lineId === lineId);
    return index < 0 ? 'Whole order' : `Line ${index + 1}: ${productName(this.setup!, lines[index]!.productId)}`;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const amount = parseMoney(String(form.get('amount') ?? ''));
    const reasonCode = String(form.get('reasonCode') ?? '').trim();
    const overriding = this.overriding;
    if (amount === null) {
      this.problem = { field: 'amount', message: 'Enter an amount like 12.50' };
      return;
    }
    if (overriding !== null && reasonCode === '') {
      this.problem = { field: 'reasonCode', message: 'Choose a reason for the override' };
      return;
    }
    this.problem = null;
    if (overriding !== null) {
      const detail: ChargeOverride = { key: overriding.key, chargeCode: overriding.chargeCode, amount, reasonCode };
      this.dispatchEvent(new CustomEvent<ChargeOverride>('override-charge', { detail, bubbles: true, composed: true }));
      return;
    }
    const appliesTo = String(form.get('appliesTo') ?? '');
    const detail: ChargeAddition = {
      level: appliesTo === '' ? 'header' : 'line', ...(appliesTo === '' ? {} : { lineId: appliesTo }),
      chargeCode: String(form.get('chargeCode') ?? ''), amount, ...(reasonCode === '' ? {} : { reasonCode }),
    };
    this.dispatchEvent(new CustomEvent<ChargeAddition>('add-charge', { detail, bubbles: true, composed: true }));
  }

  /** A problem with a field: the form's own check, or the server's refusal naming it. */
  private problemOf(field: Field): unknown {
    if (this.problem?.field === field) return this.problem.message;
    const serverField = field === 'appliesTo' ? 'lineId' : field;
    return this.error !== null && (this.error.field === serverField || this.error.field === `command.${serverField}`) ? violationText(this.error) : null;
  }

  private labelled(field: Field, label: string, control: unknown) {
    const problem = this.problemOf(field);
    return html`
      <div style="display: grid; gap: 0.25rem">
        <label>${label} ${control}</label>
        ${problem === null ? null : html`<div id="${field}-error" class="field-error" role="alert">${problem}</div>`}
      </div>`;
  }

  private invalid(field: Field) {
    const problem = this.problemOf(field);
    return { invalid: problem === null ? 'false' : 'true', describedBy: problem === null ? nothing : `${field}-error` };
  }

  override render() {
    const setup = this.setup!;
    const cart = this.transaction?.cart;
    const charges = cart?.charges ?? [];
    const known = new Set<Field>(['appliesTo', 'chargeCode', 'amount', 'reasonCode']);
    const general = this.error !== null && ![...known].some((f) => this.problemOf(f) !== null) ? this.error : null;
    return html`
      <till-dialog heading="Charges">
        <div style="display: grid; gap: 1rem">
          ${charges.length === 0 ? html`<p class="muted" style="margin: 0">No charges on this sale yet.</p>` : html`
            <table class="charges">
              <caption class="sr-only">Charges on this sale</caption>
              <thead><tr><th scope="col">Charge</th><th scope="col">On</th><th scope="col" style="text-align: right">Amount</th><th scope="col"><span class="sr-only">Override</span></th></tr></thead>
              <tbody>
                ${charges.map((c) => html`
                  <tr data-charge=${c.key}>
                    <td><strong>${c.chargeCode}</strong>${c.overridden || c.reasonCode !== undefined ? html`<br><span class="muted">${c.overridden ? 'Overridden' : 'Entered by hand'}${c.reasonCode === undefined ? '' : `: ${c.reasonCode}`}</span>` : null}</td>
                    <td>${this.lineLabel(c.lineId)}</td>
                    <td class="money" style="text-align: right">${money(c.amount, setup.currency)}</td>
                    <td><button type="button" ?disabled=${this.busy} aria-label="Override ${c.chargeCode}: ${this.lineLabel(c.lineId)}"
                      @click=${() => { this.overriding = c; this.problem = null; }}>Override</button></td>
                  </tr>`)}
              </tbody>
            </table>`}
          <form @submit=${this.submit} novalidate style="display: grid; gap: 0.75rem" aria-label=${this.overriding === null ? 'Add a charge' : 'Override a charge'}>
            <h3>${this.overriding === null ? 'Add a charge' : `Override ${this.overriding.chargeCode} (${this.lineLabel(this.overriding.lineId)})`}</h3>
            ${this.overriding === null ? this.renderAddFields() : html`
              <p class="muted" style="margin: 0">The new amount stays until Recalculate. Needs the charge override permission, or a manager's approval.</p>`}
            <div class="grid2">
              ${this.labelled('amount', 'Amount', html`<input name="amount" inputmode="decimal" .value=${moneyInput(this.overriding?.amount ?? 0)}
                aria-invalid=${this.invalid('amount').invalid} aria-describedby=${this.invalid('amount').describedBy}>`)}
              ${this.labelled('reasonCode', this.overriding === null ? 'Reason code (optional)' : 'Reason code', this.renderReason())}
            </div>
            ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}</div>`}
            ${this.overriding === null ? null : html`<div class="actions"><button type="button" @click=${() => { this.overriding = null; }}>Add a charge instead</button></div>`}
            ${cancelOrSubmit(this, this.overriding === null ? 'Add charge' : 'Override charge', this.busy)}
          </form>
        </div>
      </till-dialog>`;
  }

  private renderAddFields() {
    const setup = this.setup!;
    const lines = this.transaction?.cart.lines ?? [];
    const selected = this.transaction?.cart.selectedLineId ?? null;
    const shipping = setup.manualShippingChargeCode;
    // CH-1: the shipping charge code first when shipping is entered by hand.
    const codes = [...setup.chargeCodes].sort((a, b) => Number(b.code === shipping) - Number(a.code === shipping));
    return html`
      ${shipping === null ? null : html`<p class="muted" style="margin: 0">Shipping is entered by hand: add it to the whole order under ${shipping}.</p>`}
      <div class="grid2">
        ${this.labelled('appliesTo', 'Applies to', html`
          <select name="appliesTo" aria-invalid=${this.invalid('appliesTo').invalid} aria-describedby=${this.invalid('appliesTo').describedBy}>
            <option value="" ?selected=${selected === null}>Whole order</option>
            ${lines.map((l) => html`<option value=${l.lineId} ?selected=${l.lineId === selected}>${this.lineLabel(l.lineId)}</option>`)}
          </select>`)}
        ${this.labelled('chargeCode', 'Charge', html`
          <select name="chargeCode" aria-invalid=${this.invalid('chargeCode').invalid} aria-describedby=${this.invalid('chargeCode').describedBy}>
            ${codes.map((c) => html`<option value=${c.code}>${c.description === '' ? c.code : `${c.description} (${c.code})`}</option>`)}
          </select>`)}
      </div>`;
  }

  private renderReason() {
    const reasons = this.setup!.chargeReasonCodes;
    const { invalid, describedBy } = this.invalid('reasonCode');
    const current = this.overriding?.reasonCode ?? '';
    if (reasons.length === 0) return html`<input name="reasonCode" autocomplete="off" .value=${current} aria-invalid=${invalid} aria-describedby=${describedBy}>`;
    return html`
      <select name="reasonCode" aria-invalid=${invalid} aria-describedby=${describedBy}>
        <option value="" ?selected=${current === ''}>${this.overriding === null ? 'None' : 'Choose a reason'}</option>
        ${reasons.map((r) => html`<option value=${r} ?selected=${r === current}>${r}</option>`)}
      </select>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'charges-dialog': ChargesDialog }
}
