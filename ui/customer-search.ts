/**
 * <customer-search>: find a customer for the sale (CU-8): name (any word, best match first), email, phone, loyalty
 * card, address or account, in this store's address book or, from 4 characters, in every store's
 * (`GET /api/customers?q=&scope=`). Choosing one from another store opens it here first
 * (`customer.addToAddressBook`), then sends `register.setCustomer`.
 * Emits `customer-chosen` with `{ customerId, name, account, pendingSync }` once the server accepted.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StoreApi } from './api.ts';
import type { ChosenCustomer } from './customer-dialog.ts';
import { screenStyles } from './styles.ts';
import { tillStyles, unreachable, violationText, type CustomerMatch, type RuleViolation } from './till-shared.ts';

type Scope = 'local' | 'all';
/** CU-8: a local search takes 2 characters, one across all stores 4 (as the server checks). */
const MIN_QUERY: Record<Scope, number> = { local: 2, all: 4 };
const MATCHED_ON: Record<string, string> = { account: 'account', loyaltyCard: 'loyalty card', email: 'email', phone: 'phone', name: 'name', address: 'address' };

@customElement('customer-search')
export class CustomerSearch extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    :host { display: grid; gap: 0.75rem; }
    .results td { padding: 0.4rem 0.5rem; }
    .scope button[aria-pressed='true'] { background: #263238; color: #fff; border-color: #263238; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';

  @state() accessor query = '';
  @state() accessor scope: Scope = 'local';
  @state() accessor results: CustomerMatch[] | null = null;
  @state() accessor error: RuleViolation | null = null;
  @state() accessor busy = false;

  private async search(event?: Event): Promise<void> {
    event?.preventDefault();
    const q = this.query.trim();
    if (q.length < MIN_QUERY[this.scope]) {
      const where = this.scope === 'all' ? ' to search all stores' : '';
      this.error = { rule: 'CU-8', field: 'q', message: `type at least ${MIN_QUERY[this.scope]} characters of a name, email, phone, loyalty card, address or account${where}` };
      this.results = null;
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const scope = this.scope === 'all' ? '&scope=all' : '';
      this.results = (await this.api!.get<{ customers: CustomerMatch[] }>(`customers?q=${encodeURIComponent(q)}${scope}`)).customers;
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private setScope(scope: Scope): void {
    this.scope = scope;
    this.results = null;
    this.error = null;
  }

  private async choose(customer: CustomerMatch): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const commands = [
        ...(customer.inAddressBook === false ? [{ type: 'customer.addToAddressBook', registerId: this.registerId, customerId: customer.customerId }] : []),
        { type: 'register.setCustomer', registerId: this.registerId, customerId: customer.customerId },
      ];
      for (const command of commands) {
        const answer = await this.api!.command(command);
        if (!answer.ok) {
          this.error = answer.error;
          return;
        }
      }
      const detail: ChosenCustomer = { customerId: customer.customerId, name: customer.name, account: customer.account, pendingSync: customer.pendingSync };
      this.dispatchEvent(new CustomEvent<ChosenCustomer>('customer-chosen', { detail, bubbles: true, composed: true }));
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <form class="row" role="search" @submit=${this.search} novalidate>
        <label style="flex: 1">Name, account, email or phone
          <input name="q" type="search" aria-describedby="search-hint" .value=${this.query} @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; }}>
          <span id="search-hint" class="muted">or a loyalty card or an address; any word of a name</span>
        </label>
        <span class="row scope" role="group" aria-label="Where to search" style="align-self: flex-end">
          <button type="button" aria-pressed=${this.scope === 'local' ? 'true' : 'false'} @click=${() => this.setScope('local')}>This store</button>
          <button type="button" aria-pressed=${this.scope === 'all' ? 'true' : 'false'} @click=${() => this.setScope('all')}>All stores</button>
        </span>
        <button type="submit" class="primary" ?disabled=${this.busy} style="align-self: flex-end">Search</button>
      </form>
      ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
      ${this.results === null ? null : this.results.length === 0
        ? html`<p class="muted" role="status">No customer matches "${this.query.trim()}"${this.scope === 'local' ? ' in this store: try All stores' : ''}.</p>`
        : this.renderResults(this.results)}`;
  }

  private renderChoose(customer: CustomerMatch, label: string) {
    return html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.choose(customer)} aria-label="${label}: ${customer.name}">${label}</button>`;
  }

  private renderResults(results: CustomerMatch[]) {
    return html`
      <table class="results">
        <caption class="sr-only">Customers found, best match first</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Account</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col"><span class="sr-only">Choose</span></th></tr></thead>
        <tbody>
          ${results.map((c) => html`
            <tr data-customer=${c.customerId}>
              <td><strong>${c.name}</strong><br><span class="muted">${c.type === 'organization' ? 'Organization' : 'Person'}${c.matchedOn === undefined || c.matchedOn === 'name' ? '' : `, found by ${MATCHED_ON[c.matchedOn] ?? c.matchedOn}`}</span>
                ${c.inAddressBook === false ? html`<br><span class="pill info">From ${c.homeStore ?? 'another store'}</span>` : null}</td>
              <td>${c.pendingSync ? html`<span class="pill warn">Pending sync</span>` : c.account}</td>
              <td>${c.email ?? ''}</td>
              <td>${c.phone ?? ''}</td>
              <td>${this.renderChoose(c, c.inAddressBook === false ? 'Open here and add' : 'Add to sale')}</td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'customer-search': CustomerSearch }
}
