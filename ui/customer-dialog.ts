/**
 * <customer-dialog>: add a customer to the sale (CO-1) or create one (CU-1..CU-6).
 * - Find: by name, account, email or phone (`GET /api/customers?q=`); customers created async show "Pending sync"
 *   (CU-4). Choosing one sends `register.setCustomer`.
 * - New customer: name, type, email, phone, addresses with their purpose (CU-3), the chain's customer attributes,
 *   and secondary emails/phones with marketing consent only when the set-up turns them on (CU-1). Sends
 *   `customer.create` (the customer joins the sale); a refusal is shown at the field the server names.
 * Emits `customer-chosen` with `{ customerId, name, account, pendingSync }` once the server accepted, or `close`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StoreApi } from './api.ts';
import { screenStyles } from './styles.ts';
import { tillStyles, unreachable, violationText, type CustomerMatch, type RuleViolation } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';

const PURPOSES = ['Home', 'Business', 'Office', 'POBox', 'Delivery', 'Invoice'] as const;
const PURPOSE_LABEL: Record<string, string> = { POBox: 'PO box' };

type CustomerType = 'person' | 'organization';
interface AddressDraft { purpose: string; purposeChosen: boolean; street: string; city: string; state: string; zip: string }
interface ContactDraft { value: string; marketingConsent: boolean }

export interface ChosenCustomer { customerId: string; name: string; account: string; pendingSync: boolean }

const defaultPurpose = (type: CustomerType) => (type === 'person' ? 'Home' : 'Business');

/** The server's field for a customer.create refusal, as the form names it: `command.customer.email` -> `email`. */
export function formField(field: string | undefined): string {
  return (field ?? '').replace(/^command\./, '').replace(/^customer\./, '');
}

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
  @property({ type: String }) accessor mode: 'find' | 'create' = 'find';

  @state() accessor query = '';
  @state() accessor results: CustomerMatch[] | null = null;
  @state() accessor searchError: RuleViolation | null = null;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;

  @state() accessor name = '';
  @state() accessor type: CustomerType = 'person';
  @state() accessor email = '';
  @state() accessor phone = '';
  @state() accessor addresses: AddressDraft[] = [];
  @state() accessor deliveryAddress = '';
  @state() accessor attributeValues: Record<string, string> = {};
  @state() accessor secondaryEmails: ContactDraft[] = [];
  @state() accessor secondaryPhones: ContactDraft[] = [];

  private get setup() {
    return this.api!.setup;
  }

  // --- Find ---

  private async search(event?: Event): Promise<void> {
    event?.preventDefault();
    const q = this.query.trim();
    if (q.length < 2) {
      this.searchError = { rule: 'VALIDATION', field: 'q', message: 'type at least 2 characters of a name, account, email or phone' };
      this.results = null;
      return;
    }
    this.busy = true;
    this.searchError = null;
    try {
      const body = await this.api!.get<{ customers: CustomerMatch[] }>(`customers?q=${encodeURIComponent(q)}`);
      this.results = body.customers;
    } catch (error) {
      this.searchError = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private async choose(customer: CustomerMatch): Promise<void> {
    this.busy = true;
    this.searchError = null;
    try {
      const answer = await this.api!.command({ type: 'register.setCustomer', registerId: this.registerId, customerId: customer.customerId });
      if (!answer.ok) {
        this.searchError = answer.error;
        return;
      }
      this.chosen({ customerId: customer.customerId, name: customer.name, account: customer.account, pendingSync: customer.pendingSync });
    } catch (error) {
      this.searchError = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private chosen(detail: ChosenCustomer): void {
    this.dispatchEvent(new CustomEvent<ChosenCustomer>('customer-chosen', { detail, bubbles: true, composed: true }));
  }

  // --- Create ---

  /** The draft as `customer.create` takes it (empty fields left out). */
  draft(): Record<string, unknown> {
    const customer: Record<string, unknown> = { name: this.name.trim(), type: this.type };
    if (this.email.trim() !== '') customer.email = this.email.trim();
    if (this.phone.trim() !== '') customer.phone = this.phone.trim();
    if (this.addresses.length > 0) {
      customer.addresses = this.addresses.map((a) => ({
        street: a.street.trim(), city: a.city.trim(),
        ...(a.state.trim() === '' ? {} : { state: a.state.trim() }),
        ...(a.zip.trim() === '' ? {} : { zip: a.zip.trim() }),
        purpose: a.purpose,
      }));
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
      const emails = this.secondaryEmails.filter((e) => e.value.trim() !== '');
      const phones = this.secondaryPhones.filter((p) => p.value.trim() !== '');
      if (emails.length > 0) customer.secondaryEmails = emails.map((e) => ({ address: e.value.trim(), marketingConsent: e.marketingConsent }));
      if (phones.length > 0) customer.secondaryPhones = phones.map((p) => ({ number: p.value.trim(), marketingConsent: p.marketingConsent }));
    }
    return customer;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      const answer = await this.api!.command({ type: 'customer.create', registerId: this.registerId, customer: this.draft() });
      if (!answer.ok) {
        this.error = answer.error;
        await this.updateComplete;
        this.focusField(formField(answer.error.field));
        return;
      }
      const result = answer.result as { customerId: string; account: string };
      this.chosen({ customerId: result.customerId, name: this.name.trim(), account: result.account, pendingSync: result.account === 'Pending sync' });
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private focusField(field: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus();
  }

  /** Every field the form has (so that an error it cannot place is shown at the top). */
  private fieldKeys(): Set<string> {
    const keys = new Set(['name', 'type', 'email', 'phone', 'deliveryAddress', 'addresses', 'attributes', 'secondaryEmails', 'secondaryPhones']);
    this.addresses.forEach((_a, i) => ['street', 'city', 'state', 'zip', 'purpose', 'country'].forEach((k) => keys.add(`addresses.${i}.${k}`)));
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
    return html`
      <till-dialog heading="Customer" size="wide">
        <div class="tabs" role="group" aria-label="Find or create a customer">
          <button type="button" aria-pressed=${this.mode === 'find' ? 'true' : 'false'} @click=${() => { this.mode = 'find'; }}>Find customer</button>
          <button type="button" aria-pressed=${this.mode === 'create' ? 'true' : 'false'} @click=${() => { this.mode = 'create'; }}>New customer</button>
        </div>
        ${this.mode === 'find' ? this.renderFind() : this.renderCreate()}
      </till-dialog>`;
  }

  private renderFind() {
    return html`
      <div style="display: grid; gap: 0.75rem">
        <form class="row" role="search" @submit=${this.search} novalidate>
          <label style="flex: 1">Name, account, email or phone
            <input name="q" type="search" .value=${this.query} @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; }}>
          </label>
          <button type="submit" class="primary" ?disabled=${this.busy} style="align-self: flex-end">Search</button>
        </form>
        ${this.searchError === null ? null : html`<div class="error" role="alert">${violationText(this.searchError)}</div>`}
        ${this.results === null ? null : this.results.length === 0
          ? html`<p class="muted" role="status">No customer matches "${this.query.trim()}".</p>`
          : html`
            <table class="results">
              <caption class="sr-only">Customers found</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Account</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col"><span class="sr-only">Choose</span></th></tr></thead>
              <tbody>
                ${this.results.map((c) => html`
                  <tr data-customer=${c.customerId}>
                    <td><strong>${c.name}</strong><br><span class="muted">${c.type === 'organization' ? 'Organization' : 'Person'}</span></td>
                    <td>${c.pendingSync ? html`<span class="pill warn">Pending sync</span>` : c.account}</td>
                    <td>${c.email ?? ''}</td>
                    <td>${c.phone ?? ''}</td>
                    <td><button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.choose(c)} aria-label="Add to sale: ${c.name}">Add to sale</button></td>
                  </tr>`)}
              </tbody>
            </table>`}
        <div class="actions"><button type="button" @click=${() => { this.mode = 'create'; }}>New customer...</button></div>
      </div>`;
  }

  private renderCreate() {
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
      <form aria-label="New customer" @submit=${this.create} novalidate style="display: grid; gap: 1rem">
        ${general === null ? null : html`<div class="error" role="alert">${violationText(general)}${general.field === undefined ? '' : html` <span class="muted">(${general.field})</span>`}</div>`}
        <div class="grid2">
          <div style="display: grid; gap: 0.25rem">
            <label>Name <input data-field="name" name="name" autocomplete="off" .value=${this.name} @input=${(e: Event) => { this.name = (e.target as HTMLInputElement).value; }}
              aria-invalid=${name.invalid} aria-describedby=${name.describedBy}></label>
            ${name.message}
          </div>
          <div style="display: grid; gap: 0.25rem">
            <label>Type
              <select data-field="type" name="type" .value=${this.type} @change=${(e: Event) => this.setType((e.target as HTMLSelectElement).value as CustomerType)}
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
            <button type="button" @click=${() => { this.addresses = [...this.addresses, { purpose: defaultPurpose(this.type), purposeChosen: false, street: '', city: '', state: '', zip: '' }]; }}>Add address</button>
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

        ${cancelOrSubmit(this, 'Create and add to sale', this.busy)}
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
        </div>
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
