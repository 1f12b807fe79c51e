/**
 * <delivery-dialog>: how lines leave the store (CO-2, CO-3): ship (mode, ship-from, ship-to address from the
 * customer, requested date), pick up (pickup store, date), carry out, or change the mode of delivery; for all lines
 * or the selected ones. "Selected" applies to the highlighted line; the picker chooses other lines instead (and then
 * overrides earlier choices). Emits `deliver` with the command (without the register id), or `close`.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Setup } from './api.ts';
import { screenStyles } from './styles.ts';
import { deliveryText, productName, tillStyles, violationText, type CartLine, type CustomerView, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';

export type DeliveryAction = 'ship' | 'pickup' | 'carryOut' | 'changeMode';
export type DeliveryScope = 'all' | 'selected';

const TITLES: Record<DeliveryAction, string> = { ship: 'Ship', pickup: 'Pick up', carryOut: 'Carry out', changeMode: 'Change mode of delivery' };

/** The register command of an action and scope. */
export function deliveryCommandType(action: DeliveryAction, scope: DeliveryScope): string {
  if (action === 'changeMode') return 'register.changeModeOfDelivery';
  return `register.${action}${scope === 'all' ? 'All' : 'Selected'}`;
}

@customElement('delivery-dialog')
export class DeliveryDialog extends LitElement {
  static override styles = [screenStyles, tillStyles];

  @property({ attribute: false }) accessor setup: Setup | null = null;
  @property({ type: String }) accessor action: DeliveryAction = 'ship';
  @property({ type: String }) accessor scope: DeliveryScope = 'all';
  @property({ attribute: false }) accessor lines: CartLine[] = [];
  @property({ attribute: false }) accessor selectedLineId: string | null = null;
  /** The cart's customer (its addresses are the ship-to choices). */
  @property({ attribute: false }) accessor customer: CustomerView | null = null;
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;

  @state() accessor picked: string[] = [];
  @state() accessor problem = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selectedLineId') || changed.has('lines')) {
      this.picked = this.selectedLineId !== null && this.lines.some((l) => l.lineId === this.selectedLineId) ? [this.selectedLineId] : [];
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const command: Record<string, unknown> = { type: deliveryCommandType(this.action, this.scope) };
    if (this.scope === 'selected') {
      if (this.picked.length === 0) {
        this.problem = 'Choose at least one line';
        return;
      }
      // The highlighted line alone is what "selected" means without a picker (CO-2); otherwise the picker's lines.
      const onlyHighlighted = this.picked.length === 1 && this.picked[0] === this.selectedLineId;
      if (!onlyHighlighted) command.lineIds = [...this.picked];
    }
    this.problem = '';
    if (this.action === 'ship' || this.action === 'changeMode') {
      command.modeCode = text('modeCode');
      if (text('locationId') !== '') command.locationId = text('locationId');
      const addressId = text('addressId');
      const address = this.customer?.record.addresses.find((a) => a.id === addressId);
      if (address !== undefined) command.address = { street: address.street, city: address.city, state: address.state, zip: address.zip, country: address.country };
      if (text('date') !== '') command.date = text('date');
    } else if (this.action === 'pickup') {
      command.locationId = text('locationId');
      if (text('date') !== '') command.date = text('date');
    }
    this.dispatchEvent(new CustomEvent('deliver', { detail: command, bubbles: true, composed: true }));
  }

  private toggle(lineId: string, on: boolean): void {
    this.picked = on ? [...new Set([...this.picked, lineId])] : this.picked.filter((id) => id !== lineId);
  }

  override render() {
    const setup = this.setup;
    if (setup === null) return nothing;
    const heading = `${TITLES[this.action]}${this.action === 'changeMode' ? '' : this.scope === 'all' ? ' all' : ' selected'}`;
    const at = (field: string) => (this.error?.field === field ? this.error : null);
    const fieldError = (field: string) => {
      const e = at(field);
      return e === null ? null : html`<div id="error-${field}" class="field-error" role="alert">${violationText(e)}</div>`;
    };
    const described = (field: string) => (at(field) === null ? nothing : `error-${field}`);
    const invalid = (field: string) => (at(field) === null ? 'false' : 'true');
    const placed = ['modeCode', 'locationId', 'address', 'date', 'lineIds'];
    const general = this.error !== null && !placed.includes(this.error.field ?? '') ? this.error : null;
    const storeLocation = setup.location.id;
    const pickupDefault = setup.pickupAt.some((l) => l.id === storeLocation) ? storeLocation : setup.pickupAt[0]?.id ?? '';
    return html`
      <till-dialog heading=${heading}>
        <form @submit=${this.submit} novalidate style="display: grid; gap: 1rem">
          ${this.scope === 'selected' ? html`
            <fieldset aria-describedby=${this.problem === '' && at('lineIds') === null ? nothing : 'lines-problem'}>
              <legend>Lines ${this.selectedLineId === null ? '(choose in the picker)' : '(the highlighted line, or choose others)'}</legend>
              ${this.lines.map((line) => html`
                <label class="check">
                  <input type="checkbox" name="lineIds" value=${line.lineId} .checked=${this.picked.includes(line.lineId)}
                    @change=${(e: Event) => this.toggle(line.lineId, (e.target as HTMLInputElement).checked)}>
                  ${line.quantity} x ${productName(setup, line.productId)} <span class="muted">(${deliveryText(setup, line.delivery)})</span>
                </label>`)}
              ${this.problem === '' ? null : html`<div id="lines-problem" class="field-error" role="alert">${this.problem}</div>`}
              ${at('lineIds') === null ? null : html`<div id="lines-problem" class="field-error" role="alert">${violationText(this.error!)}</div>`}
            </fieldset>` : null}
          ${this.action === 'ship' || this.action === 'changeMode' ? html`
            <div class="grid2">
              <label>Mode of delivery
                <select name="modeCode" aria-invalid=${invalid('modeCode')} aria-describedby=${described('modeCode')}>
                  ${setup.shipModes.map((m) => html`<option value=${m.code}>${m.name}</option>`)}
                </select>
              </label>
              <label>Ship from
                <select name="locationId" aria-invalid=${invalid('locationId')} aria-describedby=${described('locationId')}>
                  <option value="">Store's default warehouse</option>
                  ${setup.shipFrom.map((l) => html`<option value=${l.id}>${l.name}</option>`)}
                </select>
              </label>
              <label>Ship to
                <select name="addressId" aria-invalid=${invalid('address')} aria-describedby=${described('address')}>
                  <option value="">Customer's delivery address</option>
                  ${(this.customer?.record.addresses ?? []).map((a) => html`<option value=${a.id}>${a.purpose}: ${a.street}, ${a.city}</option>`)}
                </select>
              </label>
              <label>Requested ship date <input name="date" type="date" aria-invalid=${invalid('date')} aria-describedby=${described('date')}></label>
            </div>
            ${fieldError('modeCode')}${fieldError('locationId')}${fieldError('address')}${fieldError('date')}` : null}
          ${this.action === 'pickup' ? html`
            <div class="grid2">
              <label>Pickup store
                <select name="locationId" aria-invalid=${invalid('locationId')} aria-describedby=${described('locationId')}>
                  ${setup.pickupAt.map((l) => html`<option value=${l.id} ?selected=${l.id === pickupDefault}>${l.name}</option>`)}
                </select>
              </label>
              <label>Pickup date <input name="date" type="date" aria-invalid=${invalid('date')} aria-describedby=${described('date')}></label>
            </div>
            ${fieldError('locationId')}${fieldError('date')}` : null}
          ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}</div>`}
          ${cancelOrSubmit(this, heading, this.busy)}
        </form>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'delivery-dialog': DeliveryDialog }
}
