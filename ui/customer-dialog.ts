/**
 * <customer-dialog>: add a customer to the sale (CO-1), create one (CU-1..CU-6) or edit the sale's customer.
 * - Find: <customer-search> (CU-8); customers created async show "Pending sync" (CU-4).
 * - New customer: name, type, email, phone, addresses with their purpose (CU-3) and contact (CU-9), the chain's
 *   customer attributes, and secondary emails/phones with marketing consent only when the set-up turns them on
 *   (CU-1). Sends `customer.create` (the customer joins the sale).
 * - Edit (`.customer`): the same form filled in, sent as `customer.edit`; a loyalty card is issued with
 *   `customer.issueLoyaltyCard`. A customer pending sync can be neither (CU-5): the form says so.
 * A refusal is shown at the field the server names. Emits `customer-chosen` with `{ customerId, name, account,
 * pendingSync }` once the server accepted a choice or a new customer, `customer-changed` after an edit or a card,
 * or `close`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CommandAnswer, StoreApi } from './api.ts';
import { screenStyles } from './styles.ts';
import { tillStyles, unreachable, violationText, type CustomerView, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';
import './customer-search.ts';

const PURPOSES = ['Home', 'Business', 'Office', 'POBox', 'Delivery', 'Invoice'] as const;
const PURPOSE_LABEL: Record<string, string> = { POBox: 'PO box' };

type CustomerType = 'person' | 'organization';
interface AddressDraft {
  /** The customer's address this edits (none: a new one). */
  id?: string;
  purpose: string; purposeChosen: boolean; street: string; city: string; state: string; zip: string;
  /** CU-9: who receives deliveries there (empty: the customer). */
  contactName: string; contactPhone: string;
}
interface ContactDraft { value: string; marketingConsent: boolean }

export interface ChosenCustomer { customerId: string; name: string; account: string; pendingSync: boolean }

const defaultPurpose = (type: CustomerType) => (type === 'person' ? 'Home' : 'Business');

/**
 * The server's field for a customer.create or customer.edit refusal, as the form names it:
 * `command.customer.email` -> `email`, `changes.addresses.0.street` -> `addresses.0.street`.
 */
export function formField(field: string | undefined): string {
  return (field ?? '').replace(/^command\./, '').replace(/^(customer|changes)\./, '').replace(/^deliveryAddressId$/, 'deliveryAddress');
}

const emptyAddress = (type: CustomerType): AddressDraft => ({ purpose: defaultPurpose(type), purposeChosen: false, street: '', city: '', state: '', zip: '', contactName: '', contactPhone: '' });

@customElement('customer-dialog')
export class CustomerDialog extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    .tabs { display: flex; gap: 0.5rem; }
    .tabs button[aria-pressed='true'] { background: #263238; color: #fff; border-color: #263238; }
    .results td { padding: 0.4rem 0.5rem; }
    .address { border: 1px dashed var(--line); border-radius: 10px; padding: 0.75rem; display: grid; gap: 0.5rem; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';
  /** Open on the search ('find') or on the form ('create'). */
  /** Open on the search ('find'), on the form ('create'), or on the sale's customer ('edit'). */
  @property({ type: String }) accessor mode: 'find' | 'create' | 'edit' = 'find';
  /** The customer to edit (mode 'edit'). */
  @property({ attribute: false }) accessor customer: CustomerView | null = null;

  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;
  /** What the last edit or card did, in words. */
  @state() accessor saved: string | null = null;

  @state() accessor name = '';
  @state() accessor type: CustomerType = 'person';
  @state() accessor email = '';
  @state() accessor phone = '';
  @state() accessor addresses: AddressDraft[] = [];
  @state() accessor deliveryAddress = '';
  @state() accessor attributeValues: Record<string, string> = {};
  @state() accessor secondaryEmails: ContactDraft[] = [];
  @state() accessor secondaryPhones: ContactDraft[] = [];

  /** The customer the form was filled from (filled once per customer, so typing is not overwritten by the feed). */
  private filledFrom: string | null = null;

  private get setup() {
    return this.api!.setup;
  }

  override willUpdate(): void {
    if (this.mode === 'edit' && this.customer !== null && this.filledFrom !== this.customer.customerId) this.fill(this.customer);
  }

  /** CU-1: the form as the customer is now. */
  private fill(customer: CustomerView): void {
    const { record } = customer;
    this.filledFrom = customer.customerId;
    this.name = record.name;
    this.type = record.type;
    this.email = record.email ?? '';
    this.phone = record.phone ?? '';
    this.addresses = record.addresses.map((a) => ({
      id: a.id, purpose: a.purpose, purposeChosen: true, street: a.street, city: a.city, state: a.state, zip: a.zip,
      contactName: a.contactName ?? '', contactPhone: a.contactPhone ?? '',
    }));
    const delivery = record.addresses.findIndex((a) => a.id === record.deliveryAddressId);
    this.deliveryAddress = delivery < 0 ? '' : String(delivery);
    this.attributeValues = Object.fromEntries(Object.entries(record.attributes).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)]));
    this.secondaryEmails = record.secondaryEmails.map((e) => ({ value: e.address, marketingConsent: e.marketingConsent }));
    this.secondaryPhones = record.secondaryPhones.map((p) => ({ value: p.number, marketingConsent: p.marketingConsent }));
  }

  private chosen(detail: ChosenCustomer): void {
    this.dispatchEvent(new CustomEvent<ChosenCustomer>('customer-chosen', { detail, bubbles: true, composed: true }));
  }

  // --- Create ---

  /** The addresses as the commands take them (empty fields left out; an edited one keeps its id). */
  private addressDrafts(): Record<string, unknown>[] {
    const given = (key: string, value: string) => (value.trim() === '' ? {} : { [key]: value.trim() });
    return this.addresses.map((a) => ({
      ...(a.id === undefined ? {} : { id: a.id }),
      street: a.street.trim(), city: a.city.trim(), ...given('state', a.state), ...given('zip', a.zip), purpose: a.purpose,
      ...given('contactName', a.contactName), ...given('contactPhone', a.contactPhone),
    }));
  }

  /** The draft as `customer.create` takes it (empty fields left out). */
  draft(): Record<string, unknown> {
    const customer: Record<string, unknown> = { name: this.name.trim(), type: this.type };
    if (this.email.trim() !== '') customer.email = this.email.trim();
    if (this.phone.trim() !== '') customer.phone = this.phone.trim();
    if (this.addresses.length > 0) {
      customer.addresses = this.addressDrafts();
      if (this.deliveryAddress !== '') customer.deliveryAddress = Number(this.deliveryAddress);
    }
    const attributes: Record<string, unknown> = {};
    for (const attribute of this.setup.customerAttributes) {
      const raw = (this.attributeValues[attribute.name] ?? '').trim();
      if (raw === '') continue;
      if (attribute.kind === 'boolean') attributes[attribute.name] = raw === 'yes';
      // A number that does not read as one goes as typed: the server says which attribute is wrong.
      else if (attribute.kind === 'number') attributes[attribute.name] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
      else attributes[attribute.name] = raw;
    }
    if (Object.keys(attributes).length > 0) customer.attributes = attributes;
    if (this.setup.secondaryContacts) {
      const { secondaryEmails, secondaryPhones } = this.secondaryContacts();
      if (secondaryEmails.length > 0) customer.secondaryEmails = secondaryEmails;
      if (secondaryPhones.length > 0) customer.secondaryPhones = secondaryPhones;
    }
    return customer;
  }

  private secondaryContacts() {
    return {
      secondaryEmails: this.secondaryEmails.filter((e) => e.value.trim() !== '').map((e) => ({ address: e.value.trim(), marketingConsent: e.marketingConsent })),
      secondaryPhones: this.secondaryPhones.filter((p) => p.value.trim() !== '').map((p) => ({ number: p.value.trim(), marketingConsent: p.marketingConsent })),
    };
  }

  /**
   * CU-1: the edit as `customer.edit` takes it: every field of the form (a cleared email or phone is removed, the
   * address list replaces the customer's). The delivery address is named by id, so a new one can be chosen once saved.
   */
  changes(): Record<string, unknown> {
    const { attributes = {} } = this.draft() as { attributes?: Record<string, unknown> };
    const delivery = this.deliveryAddress === '' ? null : this.addresses[Number(this.deliveryAddress)]?.id;
    return {
      name: this.name.trim(),
      email: this.email.trim() === '' ? null : this.email.trim(),
      phone: this.phone.trim() === '' ? null : this.phone.trim(),
      addresses: this.addressDrafts(),
      ...(delivery === undefined ? {} : { deliveryAddressId: delivery }),
      attributes,
      ...(this.setup.secondaryContacts && this.customer?.pendingSync !== true ? this.secondaryContacts() : {}),
    };
  }

  /** Sends a customer command; a refusal is shown at its field. The accepted answer, or null. */
  private async sendCustomerCommand(command: Record<string, unknown>): Promise<(CommandAnswer & { ok: true }) | null> {
    this.busy = true;
    this.error = null;
    this.saved = null;
    try {
      const answer = await this.api!.command(command);
      if (answer.ok) return answer;
      this.error = answer.error;
      await this.updateComplete;
      this.focusField(formField(answer.error.field));
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
    return null;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const customer = this.customer!;
    const answer = await this.sendCustomerCommand({ type: 'customer.edit', registerId: this.registerId, customerId: customer.customerId, changes: this.changes() });
    if (answer === null) return;
    this.saved = `${this.name.trim()} saved.`;
    this.changed(answer);
  }

  /** CU-5: a loyalty card, made at headquarters once the customer exists there. */
  private async issueCard(): Promise<void> {
    const customer = this.customer!;
    const answer = await this.sendCustomerCommand({ type: 'customer.issueLoyaltyCard', registerId: this.registerId, customerId: customer.customerId });
    if (answer === null) return;
    const card = (answer.result.record as { loyaltyCardId?: string } | undefined)?.loyaltyCardId;
    this.saved = `Loyalty card ${card ?? ''} issued to ${customer.record.name}.`;
    this.changed(answer);
  }

  private changed(answer: CommandAnswer & { ok: true }): void {
    this.dispatchEvent(new CustomEvent('customer-changed', { detail: answer.result, bubbles: true, composed: true }));
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const answer = await this.sendCustomerCommand({ type: 'customer.create', registerId: this.registerId, customer: this.draft() });
    if (answer === null) return;
    const result = answer.result as { customerId: string; account: string };
    this.chosen({ customerId: result.customerId, name: this.name.trim(), account: result.account, pendingSync: result.account === 'Pending sync' });
  }

  private focusField(field: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  }

  /** Every field the form has (so that an error it cannot place is shown at the top). */
  private fieldKeys(): Set<string> {
    const keys = new Set(['name', 'type', 'email', 'phone', 'deliveryAddress', 'addresses', 'attributes', 'secondaryEmails', 'secondaryPhones']);
    this.addresses.forEach((_a, i) => ['street', 'city', 'state', 'zip', 'purpose', 'country', 'contactName', 'contactPhone'].forEach((k) => keys.add(`addresses.${i}.${k}`)));
    this.setup.customerAttributes.forEach((a) => keys.add(`attributes.${a.name}`));
    this.secondaryEmails.forEach((_e, i) => { keys.add(`secondaryEmails.${i}`); keys.add(`secondaryEmails.${i}.address`); });
    this.secondaryPhones.forEach((_p, i) => { keys.add(`secondaryPhones.${i}`); keys.add(`secondaryPhones.${i}.number`); });
    return keys;
  }

  /** The server's refusal when it names this field. */
  private errorAt(key: string): RuleViolation | null {
    return this.error !== null && formField(this.error.field) === key ? this.error : null;
  }

  private errorId(key: string): string {
    return `error-${key.replace(/[^a-zA-Z0-9]/g, '-')}`;
  }

  /** aria-invalid / aria-describedby of a field, and its message under it. */
  private fieldState(key: string) {
    const error = this.errorAt(key);
    return {
      invalid: error === null ? 'false' : 'true',
      describedBy: error === null ? nothing : this.errorId(key),
      message: error === null ? null : html`<div id=${this.errorId(key)} class="field-error" role="alert">${violationText(error)}</div>`,
    };
  }

  private setType(type: CustomerType): void {
    this.type = type;
    this.addresses = this.addresses.map((a) => (a.purposeChosen ? a : { ...a, purpose: defaultPurpose(type) }));
  }

  private updateAddress(i: number, change: Partial<AddressDraft>): void {
    this.addresses = this.addresses.map((a, j) => (j === i ? { ...a, ...change } : a));
  }

  private removeAddress(i: number): void {
    this.addresses = this.addresses.filter((_a, j) => j !== i);
    if (this.deliveryAddress === String(i)) this.deliveryAddress = '';
    else if (this.deliveryAddress !== '' && Number(this.deliveryAddress) > i) this.deliveryAddress = String(Number(this.deliveryAddress) - 1);
  }

  override render() {
    if (this.mode === 'edit') {
      return html`<till-dialog heading="Customer ${this.customer?.record.name ?? ''}" size="wide">${this.renderEdit()}</till-dialog>`;
    }
    return html`
      <till-dialog heading="Customer" size="wide">
        <div class="tabs" role="group" aria-label="Find or create a customer">
          <button type="button" aria-pressed=${this.mode === 'find' ? 'true' : 'false'} @click=${() => { this.mode = 'find'; }}>Find customer</button>
          <button type="button" aria-pressed=${this.mode === 'create' ? 'true' : 'false'} @click=${() => { this.mode = 'create'; }}>New customer</button>
        </div>
        ${this.mode === 'find' ? html`
          <customer-search .api=${this.api} .registerId=${this.registerId}></customer-search>
          <div class="actions"><button type="button" @click=${() => { this.mode = 'create'; }}>New customer...</button></div>` : this.renderForm()}
      </till-dialog>`;
  }

  /** CU-1, CU-5: the sale's customer: its loyalty card, and the form to edit it (neither while pending sync). */
  private renderEdit() {
    const customer = this.customer;
    if (customer === null) return html`<p class="muted">No customer in the sale.</p>`;
    const card = customer.record.loyaltyCardId;
    return html`
      <div class="row" data-section="loyalty" style="justify-content: space-between">
        <span>${customer.pendingSync ? html`<span class="pill warn">Pending sync</span>` : html`Account <strong>${customer.account}</strong>`}
          ${card === undefined ? html`<span class="muted">No loyalty card</span>` : html`<span class="pill ok">Loyalty card ${card}</span>`}</span>
        ${card === undefined && !customer.pendingSync ? html`<button type="button" ?disabled=${this.busy} @click=${this.issueCard}>Issue loyalty card</button>` : null}
      </div>
      ${this.saved === null ? null : html`<div class="notice" role="status">${this.saved}</div>`}
      ${customer.pendingSync ? html`
        <p class="warning" role="note">This customer is waiting to reach headquarters: it can be edited and given a loyalty card once it has an account.</p>
        ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
        <div class="actions"><button type="button" @click=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }))}>Close</button></div>` : this.renderForm()}`;
  }

  /** The customer's fields: a new customer's (mode 'create') or the sale's customer's (mode 'edit'). */
  private renderForm() {
    const editing = this.mode === 'edit';
    const { customerAttributes, secondaryContacts } = this.setup;
    const general = this.error !== null && !this.fieldKeys().has(formField(this.error.field)) ? this.error : null;
    const name = this.fieldState('name');
    const email = this.fieldState('email');
    const phone = this.fieldState('phone');
    const type = this.fieldState('type');
    const delivery = this.fieldState('deliveryAddress');
    const addressesError = this.fieldState('addresses');
    const attributesError = this.fieldState('attributes');
    return html`
      <form aria-label=${editing ? 'Edit customer' : 'New customer'} @submit=${editing ? this.save : this.create} novalidate style="display: grid; gap: 1rem">
        ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}${general.field === undefined ? '' : html` <span class="muted">(${general.field})</span>`}</div>`}
        <div class="grid2">
          <div style="display: grid; gap: 0.25rem">
            <label>Name <input data-field="name" name="name" autocomplete="off" .value=${this.name} @input=${(e: Event) => { this.name = (e.target as HTMLInputElement).value; }}
              aria-invalid=${name.invalid} aria-describedby=${name.describedBy}></label>
            ${name.message}
          </div>
          <div style="display: grid; gap: 0.25rem">
            <label>Type
              <select data-field="type" name="type" .value=${this.type} ?disabled=${editing} @change=${(e: Event) => this.setType((e.target as HTMLSelectElement).value as CustomerType)}
                aria-invalid=${type.invalid} aria-describedby=${type.describedBy}>
                <option value="person" ?selected=${this.type === 'person'}>Person</option>
                <option value="organization" ?selected=${this.type === 'organization'}>Organization</option>
              </select>
            </label>
            ${type.message}
          </div>
          <div style="display: grid; gap: 0.25rem">
            <label>Email <input data-field="email" name="email" type="email" autocomplete="off" .value=${this.email} @input=${(e: Event) => { this.email = (e.target as HTMLInputElement).value; }}
              aria-invalid=${email.invalid} aria-describedby=${email.describedBy}></label>
            ${email.message}
          </div>
          <div style="display: grid; gap: 0.25rem">
            <label>Phone <input data-field="phone" name="phone" type="tel" autocomplete="off" .value=${this.phone} @input=${(e: Event) => { this.phone = (e.target as HTMLInputElement).value; }}
              aria-invalid=${phone.invalid} aria-describedby=${phone.describedBy}></label>
            ${phone.message}
          </div>
        </div>

        <fieldset>
          <legend>Addresses</legend>
          ${addressesError.message}
          ${this.addresses.map((a, i) => this.renderAddress(a, i))}
          <div class="row">
            <button type="button" @click=${() => { this.addresses = [...this.addresses, emptyAddress(this.type)]; }}>Add address</button>
            ${this.addresses.length === 0 ? null : html`
              <label style="flex: 1">Delivery address
                <select data-field="deliveryAddress" name="deliveryAddress" @change=${(e: Event) => { this.deliveryAddress = (e.target as HTMLSelectElement).value; }}
                  aria-invalid=${delivery.invalid} aria-describedby=${delivery.describedBy}>
                  <option value="" ?selected=${this.deliveryAddress === ''}>Not set</option>
                  ${this.addresses.map((a, i) => html`<option value=${String(i)} ?selected=${this.deliveryAddress === String(i)}>Address ${i + 1}${a.street === '' ? '' : `: ${a.street}`}</option>`)}
                </select>
              </label>`}
          </div>
          ${delivery.message}
        </fieldset>

        ${customerAttributes.length === 0 ? null : html`
          <fieldset>
            <legend>Attributes</legend>
            ${attributesError.message}
            <div class="grid2">${customerAttributes.map((attribute) => this.renderAttribute(attribute))}</div>
          </fieldset>`}

        ${secondaryContacts ? html`
          <fieldset data-section="secondary">
            <legend>Secondary emails and phones</legend>
            ${this.fieldState('secondaryEmails').message}${this.fieldState('secondaryPhones').message}
            ${this.secondaryEmails.map((c, i) => this.renderContact('secondaryEmails', 'address', 'Secondary email', c, i))}
            ${this.secondaryPhones.map((c, i) => this.renderContact('secondaryPhones', 'number', 'Secondary phone', c, i))}
            <div class="row">
              <button type="button" @click=${() => { this.secondaryEmails = [...this.secondaryEmails, { value: '', marketingConsent: false }]; }}>Add email</button>
              <button type="button" @click=${() => { this.secondaryPhones = [...this.secondaryPhones, { value: '', marketingConsent: false }]; }}>Add phone</button>
            </div>
          </fieldset>` : null}

        ${cancelOrSubmit(this, editing ? 'Save customer' : 'Create and add to sale', this.busy)}
      </form>`;
  }

  private renderAddress(a: AddressDraft, i: number) {
    const field = (key: keyof AddressDraft & string, label: string) => {
      const s = this.fieldState(`addresses.${i}.${key}`);
      return html`<div style="display: grid; gap: 0.25rem">
        <label>${label}
          <input data-field="addresses.${i}.${key}" autocomplete="off" .value=${a[key] as string}
            @input=${(e: Event) => this.updateAddress(i, { [key]: (e.target as HTMLInputElement).value })}
            aria-invalid=${s.invalid} aria-describedby=${s.describedBy}>
        </label>${s.message}</div>`;
    };
    const purpose = this.fieldState(`addresses.${i}.purpose`);
    return html`
      <div class="address" role="group" aria-label="Address ${i + 1}">
        <div class="grid2">
          <div style="display: grid; gap: 0.25rem">
            <label>Purpose
              <select data-field="addresses.${i}.purpose" @change=${(e: Event) => this.updateAddress(i, { purpose: (e.target as HTMLSelectElement).value, purposeChosen: true })}
                aria-invalid=${purpose.invalid} aria-describedby=${purpose.describedBy}>
                ${PURPOSES.map((p) => html`<option value=${p} ?selected=${a.purpose === p}>${PURPOSE_LABEL[p] ?? p}</option>`)}
              </select>
            </label>${purpose.message}
          </div>
          ${field('street', 'Street')}
          ${field('city', 'City')}
          ${field('state', 'State')}
          ${field('zip', 'ZIP')}
          ${field('contactName', 'Contact name')}
          ${field('contactPhone', 'Contact phone')}
        </div>
        <p class="muted" style="margin: 0">Contact left empty: deliveries here go to the customer (name and phone).</p>
        ${this.fieldState(`addresses.${i}.country`).message}
        <div class="actions"><button type="button" class="danger" @click=${() => this.removeAddress(i)}>Remove address ${i + 1}</button></div>
      </div>`;
  }

  private renderAttribute(attribute: { name: string; kind: string; choices: string[]; required: boolean }) {
    const key = `attributes.${attribute.name}`;
    const s = this.fieldState(key);
    const value = this.attributeValues[attribute.name] ?? '';
    const set = (e: Event) => { this.attributeValues = { ...this.attributeValues, [attribute.name]: (e.target as HTMLInputElement | HTMLSelectElement).value }; };
    const label = html`${attribute.name}${attribute.required ? html` <span class="muted">(required)</span>` : ''}`;
    let control;
    if (attribute.kind === 'boolean' || attribute.kind === 'choice') {
      const options = attribute.kind === 'boolean' ? [['yes', 'Yes'], ['no', 'No']] : attribute.choices.map((c) => [c, c]);
      control = html`<select data-field=${key} @change=${set} aria-invalid=${s.invalid} aria-describedby=${s.describedBy}>
        <option value="" ?selected=${value === ''}>Not set</option>
        ${options.map(([v, text]) => html`<option value=${v!} ?selected=${value === v}>${text}</option>`)}
      </select>`;
    } else {
      control = html`<input data-field=${key} autocomplete="off" inputmode=${attribute.kind === 'number' ? 'decimal' : nothing} .value=${value} @input=${set}
        aria-invalid=${s.invalid} aria-describedby=${s.describedBy}>`;
    }
    return html`<div style="display: grid; gap: 0.25rem"><label>${label} ${control}</label>${s.message}</div>`;
  }

  private renderContact(list: 'secondaryEmails' | 'secondaryPhones', key: 'address' | 'number', label: string, contact: ContactDraft, i: number) {
    const s = this.fieldState(`${list}.${i}.${key}`);
    const whole = this.fieldState(`${list}.${i}`);
    const update = (change: Partial<ContactDraft>) => {
      const next = this[list].map((c, j) => (j === i ? { ...c, ...change } : c));
      if (list === 'secondaryEmails') this.secondaryEmails = next;
      else this.secondaryPhones = next;
    };
    return html`
      <div class="row" role="group" aria-label="${label} ${i + 1}">
        <div style="display: grid; gap: 0.25rem; flex: 1">
          <label>${label} ${i + 1}
            <input data-field="${list}.${i}.${key}" type=${key === 'address' ? 'email' : 'tel'} autocomplete="off" .value=${contact.value}
              @input=${(e: Event) => update({ value: (e.target as HTMLInputElement).value })} aria-invalid=${s.invalid} aria-describedby=${s.describedBy}>
          </label>${s.message}${whole.message}
        </div>
        <label class="check"><input type="checkbox" .checked=${contact.marketingConsent} @change=${(e: Event) => update({ marketingConsent: (e.target as HTMLInputElement).checked })}> Marketing consent</label>
        <button type="button" class="danger" @click=${() => {
          const next = this[list].filter((_c, j) => j !== i);
          if (list === 'secondaryEmails') this.secondaryEmails = next;
          else this.secondaryPhones = next;
        }}>Remove</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'customer-dialog': CustomerDialog }
}
