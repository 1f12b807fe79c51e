/**
 * <call-center-app>: the call center's page once signed in (/call-center, /call-center/supervisor): tabs for taking
 * orders (<call-center-screen>), the hold list with, for supervisors, price change requests (<call-center-holds>),
 * and customer service (<call-center-service>) for a customer found by name, phone, email or account. The
 * supervisor's address opens on the hold list. The hold list and price change requests follow the call center's live
 * room: the Holds tab counts the open holds, the hold list shows each change as it happens, and the order being taken
 * reads itself again when a supervisor decides one of its price change requests.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HoldListRow } from '../engine/domain/call-center/holds.ts';
import type { CallCenterDesk, CustomerMatch, PriceChangeRequestRow } from './call-center-desk.ts';
import './call-center-holds.ts';
import './call-center-screen.ts';
import './call-center-service.ts';
import { screenStyles } from './styles.ts';

type Tab = 'orders' | 'holds' | 'service';
const TABS: readonly { tab: Tab; label: string }[] = [
  { tab: 'orders', label: 'Take orders' },
  { tab: 'holds', label: 'Holds' },
  { tab: 'service', label: 'Customer service' },
];

@customElement('call-center-app')
export class CallCenterApp extends LitElement {
  static override styles = [screenStyles, css`
    nav { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
    nav button[aria-selected='true'] { background: #263238; border-color: #263238; color: #fff; }
    form { display: flex; gap: 0.5rem; align-items: end; margin-bottom: 0.75rem; }
    ul { list-style: none; padding: 0; margin: 0 0 0.75rem; display: grid; gap: 0.35rem; }
  `];

  @property({ attribute: false }) accessor desk!: CallCenterDesk;
  @property() accessor tab: Tab = 'orders';
  @state() accessor customers: CustomerMatch[] = [];
  @state() accessor customerId = '';
  /** The open holds as the room last said (null: not heard yet). */
  @state() accessor openHolds: number | null = null;
  private unwatch: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatch = this.desk.watch({
      holds: (rows: HoldListRow[]) => {
        this.openHolds = rows.length;
        const list = this.renderRoot.querySelector('call-center-holds');
        if (list !== null) list.holds = rows;
      },
      requests: (requests: PriceChangeRequestRow[]) => {
        const list = this.renderRoot.querySelector('call-center-holds');
        if (list !== null && this.desk.supervisor) list.requests = requests;
        // CC-20: the agent's open order hears a supervisor's decision on its price.
        void this.renderRoot.querySelector('call-center-screen')?.heardRequests(requests);
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = null;
  }

  private async find(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.renderRoot.querySelector<HTMLInputElement>('input[name="who"]')?.value.trim() ?? '';
    // One box: digits look like a phone, an @ like an email, else a name or an account.
    const query = text.includes('@') ? { email: text } : /^[0-9 ()+-]+$/.test(text) ? { phone: text } : { name: text };
    this.customers = await this.desk.findCustomers(query);
    if (this.customers.length === 0 && !('phone' in query) && !('email' in query)) this.customers = await this.desk.findCustomers({ account: text });
  }

  override render() {
    return html`
      <nav role="tablist" aria-label="Call center">
        ${TABS.map((t) => html`<button role="tab" aria-selected=${String(this.tab === t.tab)} @click=${() => { this.tab = t.tab; }}>${t.label}${t.tab === 'holds' && this.openHolds !== null ? ` (${this.openHolds})` : ''}</button>`)}
      </nav>
      <div role="tabpanel">${this.panel()}</div>`;
  }

  private panel() {
    switch (this.tab) {
      case 'orders': return html`<call-center-screen .desk=${this.desk}></call-center-screen>`;
      case 'holds': return html`<call-center-holds .desk=${this.desk}></call-center-holds>`;
      case 'service': return html`
        <form @submit=${this.find}>
          <label>Name, phone, email or account<input name="who" autocomplete="off"></label>
          <button class="primary" type="submit">Find</button>
        </form>
        ${this.customers.length === 0 ? nothing : html`<ul aria-label="Customers found">${this.customers.map((c) => html`
          <li><button @click=${() => { this.customerId = c.customerId; this.customers = []; }}>${c.name} · ${c.phone} · account ${c.account}</button></li>`)}</ul>`}
        ${this.customerId === '' ? nothing : html`<call-center-service .desk=${this.desk} .customerId=${this.customerId}></call-center-service>`}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-app': CallCenterApp }
}
