/**
 * <call-center-service>: the customer service view of one customer (CC-23): their orders with status, detail status
 * and payment status, held orders highlighted, the catalogs sent to them, and each order's event log (created,
 * submitted, held, cleared, declined, shipped, invoiced) with who did it and when.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OrderEventKind } from '../engine/domain/call-center/order.ts';
import { formatMoney } from '../engine/domain/money.ts';
import type { CallCenterDesk, CustomerMatch, CustomerService } from './call-center-desk.ts';
import { when } from './call-center-holds.ts';
import { screenStyles } from './styles.ts';

const EVENT_WORDS: Record<OrderEventKind, string> = {
  created: 'Created', submitted: 'Submitted', held: 'Put on hold', cleared: 'Hold cleared', declined: 'Payment declined',
  shipped: 'Shipped', invoiced: 'Invoiced', cancelled: 'Cancelled',
};

/** "555-0101 · anna@example.com · account C-ANNA", leaving out what the customer did not give. */
export const contactLine = (c: CustomerMatch) => [c.phone, c.email, `account ${c.account}`].filter((part) => part !== '').join(' · ');

/**
 * Only a cancellation's note is someone's own words; the others are references the engine keeps (hold and payment
 * ids, how a hold was cleared), for support rather than for the agent.
 */
const SAID_BY_PEOPLE: ReadonlySet<OrderEventKind> = new Set(['cancelled']);

@customElement('call-center-service')
export class CallCenterService extends LitElement {
  static override styles = [screenStyles, css`
    h1 { margin: 0 0 0.75rem; font-size: 1.5rem; }
    h2 { margin: 0 0 0.5rem; font-size: 1.15rem; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; align-items: start; }
    .orders { max-height: 32rem; overflow: auto; }
    tr.held td { background: var(--warn-bg); }
    td, th { padding: 0.35rem 0.5rem; }
    summary { min-height: 44px; display: flex; align-items: center; cursor: pointer; font-weight: 600; }
    ol.log { margin: 0; padding-left: 1.25rem; }
  `];

  @property({ attribute: false }) accessor desk!: CallCenterDesk;
  @property() accessor customerId = '';
  @state() accessor service: CustomerService | null = null;

  override async updated(changed: Map<string, unknown>): Promise<void> {
    if (changed.has('customerId') && this.customerId !== '') this.service = await this.desk.customerService(this.customerId);
  }

  override render() {
    const s = this.service;
    if (s === null) return html`<p class="muted">Loading the customer...</p>`;
    return html`
      <h1>${s.customer.name} <span class="muted">${contactLine(s.customer)}</span></h1>
      <div class="layout">
        <section class="panel orders" aria-labelledby="orders">
          <h2 id="orders">Orders</h2>
          ${s.orders.length === 0 ? html`<p class="muted">No orders yet.</p>` : html`
            <table>
              <thead><tr><th>Order</th><th>Taken</th><th class="money">Total</th><th>Status</th><th>Detail</th><th>Payment</th></tr></thead>
              ${s.orders.map((o) => html`
                <tbody>
                  <tr data-order=${o.orderId} class=${o.onHold ? 'held' : ''}>
                    <td><strong>${o.orderId}</strong></td>
                    <td>${when(o.createdAt)}</td>
                    <td class="money">${formatMoney(o.total, this.desk.currency)}</td>
                    <td>${o.status}</td>
                    <td>${o.onHold ? html`<strong>${o.detailStatus}</strong>` : o.detailStatus}</td>
                    <td>${o.paymentStatus}</td>
                  </tr>
                  <tr><td colspan="6">
                    <details data-log=${o.orderId}>
                      <summary>What happened (${o.log.length})</summary>
                      <ol class="log">${o.log.map((e) => html`<li>${EVENT_WORDS[e.kind]} by ${e.userId}, ${when(e.at)}${e.note === undefined || !SAID_BY_PEOPLE.has(e.kind) ? nothing : html` <span class="muted">${e.note}</span>`}</li>`)}</ol>
                    </details>
                  </td></tr>
                </tbody>`)}
            </table>`}
        </section>
        <section class="panel" aria-labelledby="catalogs">
          <h2 id="catalogs">Catalogs sent</h2>
          ${s.catalogsSent.length === 0 ? html`<p class="muted">None.</p>` : html`<ul>${s.catalogsSent.map((c) => html`<li>${c.catalogName}</li>`)}</ul>`}
        </section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'call-center-service': CallCenterService }
}
