/**
 * <delivery-dialog>: how lines leave the store (CO-2, CO-3): ship (mode, ship-from, ship-to address from the
 * customer, requested date), pick up (pickup mode, pickup store, date, CO-15 another person who collects), carry
 * out, or change the mode of delivery to any ship or pickup mode; for all lines or the selected ones. "Selected"
 * applies to the highlighted line; the picker chooses other lines instead (and then overrides earlier choices).
 * CO-17: the location choice shows each location's available quantity of the lines. Emits `deliver` with the command
 * (without the register id), or `close`. The fields scroll inside the dialog; its buttons stay in view.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LocationAvailabilityView } from '../engine/protocol/views.ts';
import type { Setup, StoreApi } from './api.ts';
import { collectorFields, readCollector } from './collector-fields.ts';
import { locationLabel } from './location-availability.ts';
import { screenStyles } from './styles.ts';
import { deliveryText, productName, tillStyles, violationText, type CartLine, type CustomerView, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';
import './location-availability.ts';

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
  static override styles = [screenStyles, tillStyles, css`
    form { display: grid; gap: 1rem; }
    /* 1024x768 / 1366x768: the fields scroll inside the dialog, the buttons stay in view; selects fit their column. */
    .fields { display: grid; gap: 1rem; overflow-y: auto; max-height: calc(100dvh - 14rem); padding-right: 0.25rem; }
    label, .fields > * { min-width: 0; }
    select, input { width: 100%; min-width: 0; max-width: 100%; box-sizing: border-box; }
    .check input { width: 1.5rem; }
  `];

  @property({ attribute: false }) accessor setup: Setup | null = null;
  /** For the CO-17 read of the register's availability (none: no availability shown). */
  @property({ attribute: false }) accessor api: StoreApi | null = null;
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
  /** The mode chosen in the mode select ('' : the first offered). */
  @state() accessor modeCode = '';
  /** The ship-from or pickup location chosen ('' : the default). */
  @state() accessor locationId = '';
  /** CO-15: someone other than the customer collects. */
  @state() accessor otherCollector = false;
  @state() accessor availability: LocationAvailabilityView[] = [];
  private availabilityAsked = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selectedLineId') || changed.has('lines')) {
      this.picked = this.selectedLineId !== null && this.lines.some((l) => l.lineId === this.selectedLineId) ? [this.selectedLineId] : [];
    }
  }

  override updated(): void {
    void this.askAvailability();
  }

  /** Where the lines go with the mode chosen: ship or pickup (carry out has no choices). */
  get kind(): 'ship' | 'pickup' | 'carryOut' {
    if (this.action !== 'changeMode') return this.action;
    const code = this.modeCode === '' ? this.setup?.shipModes[0]?.code : this.modeCode;
    return this.setup?.pickupModes.some((m) => m.code === code) ? 'pickup' : 'ship';
  }

  /** CO-17: reads the availability again when the purpose or the lines change. */
  private async askAvailability(): Promise<void> {
    const registerId = this.api?.setup.session.registerId;
    const kind = this.kind;
    const lineIds = this.scope === 'all' ? this.lines.map((l) => l.lineId) : this.picked;
    const path = kind === 'carryOut' || lineIds.length === 0 || !registerId ? '' : `registers/${registerId}/availability?purpose=${kind}&lineIds=${lineIds.map(encodeURIComponent).join(',')}`;
    if (path === this.availabilityAsked) return;
    this.availabilityAsked = path;
    if (path === '') {
      this.availability = [];
      return;
    }
    try {
      const answer = await this.api!.get<{ locations: LocationAvailabilityView[] }>(path);
      if (this.availabilityAsked === path) this.availability = answer.locations;
    } catch {
      // Availability only informs the choice: without it the locations are offered as before.
      if (this.availabilityAsked === path) this.availability = [];
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
    const kind = this.kind;
    // The parameters' pickup mode is the default: a pick up names a mode only when another one is chosen.
    const defaultMode = this.action === 'pickup' ? this.setup?.pickupModes[0]?.code : undefined;
    if (text('modeCode') !== '' && text('modeCode') !== defaultMode) command.modeCode = text('modeCode');
    if (kind === 'ship') {
      if (text('locationId') !== '') command.locationId = text('locationId');
      const addressId = text('addressId');
      const address = this.customer?.record.addresses.find((a) => a.id === addressId);
      if (address !== undefined) command.address = { street: address.street, city: address.city, state: address.state, zip: address.zip, country: address.country };
    } else if (kind === 'pickup') {
      command.locationId = text('locationId');
      if (this.otherCollector) command.collector = readCollector(form);
    }
    if (kind !== 'carryOut' && text('date') !== '') command.date = text('date');
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
    const placed = ['modeCode', 'locationId', 'address', 'date', 'lineIds', 'collector', 'collector.name', 'collector.phone', 'collector.email'];
    const general = this.error !== null && !placed.includes(this.error.field ?? '') ? this.error : null;
    const kind = this.kind;
    const onMode = (e: Event) => { this.modeCode = (e.target as HTMLSelectElement).value; this.locationId = ''; };
    const onLocation = (e: Event) => { this.locationId = (e.target as HTMLSelectElement).value; };
    const option = (l: { id: string; name: string }, selected: boolean) =>
      html`<option value=${l.id} ?selected=${selected}>${locationLabel(l.name, this.availability.find((a) => a.locationId === l.id))}</option>`;
    const storeLocation = setup.location.id;
    const pickupDefault = setup.pickupAt.some((l) => l.id === storeLocation) ? storeLocation : setup.pickupAt[0]?.id ?? '';
    const chosenLocation = this.locationId !== '' ? this.locationId : kind === 'pickup' ? pickupDefault : setup.store?.warehouseId ?? '';
    const modeSelect = html`
      <label>${kind === 'pickup' && this.action === 'pickup' ? 'Pickup mode' : 'Mode of delivery'}
        <select name="modeCode" aria-invalid=${invalid('modeCode')} aria-describedby=${described('modeCode')} @change=${onMode}>
          ${this.action === 'pickup' ? setup.pickupModes.map((m) => html`<option value=${m.code}>${m.name}</option>`) : html`
            <optgroup label="Ship">${setup.shipModes.map((m) => html`<option value=${m.code} ?selected=${m.code === this.modeCode}>${m.name}</option>`)}</optgroup>
            ${this.action === 'changeMode' ? html`
              <optgroup label="Pick up">${setup.pickupModes.map((m) => html`<option value=${m.code} ?selected=${m.code === this.modeCode}>${m.name}</option>`)}</optgroup>` : nothing}`}
        </select>
      </label>`;
    return html`
      <till-dialog heading=${heading}>
        <form @submit=${this.submit} novalidate>
          <div class="fields">
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
          ${kind === 'ship' ? html`
            <div class="grid2">
              ${modeSelect}
              <label>Ship from
                <select name="locationId" aria-invalid=${invalid('locationId')} aria-describedby=${described('locationId')} @change=${onLocation}>
                  <option value="">Store's default warehouse</option>
                  ${setup.shipFrom.map((l) => option(l, l.id === this.locationId))}
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
          ${kind === 'pickup' ? html`
            <div class="grid2">
              ${modeSelect}
              <label>Pickup store
                <select name="locationId" aria-invalid=${invalid('locationId')} aria-describedby=${described('locationId')} @change=${onLocation}>
                  ${setup.pickupAt.map((l) => option(l, l.id === chosenLocation))}
                </select>
              </label>
              <label>Pickup date <input name="date" type="date" aria-invalid=${invalid('date')} aria-describedby=${described('date')}></label>
            </div>
            ${fieldError('modeCode')}${fieldError('locationId')}${fieldError('date')}
            <label class="check">
              <input type="checkbox" name="otherCollector" .checked=${this.otherCollector}
                @change=${(e: Event) => { this.otherCollector = (e.target as HTMLInputElement).checked; }}>
              Someone else collects
            </label>
            ${this.otherCollector ? collectorFields(this.error) : null}` : null}
          ${kind === 'carryOut' ? null : html`
            <location-availability .locations=${this.availability} .chosen=${chosenLocation} .productName=${(id: string) => productName(setup, id)}></location-availability>`}
          ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}</div>`}
          </div>
          ${cancelOrSubmit(this, heading, this.busy)}
        </form>
      </till-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'delivery-dialog': DeliveryDialog }
}
