/**
 * <order-recall>: the till's order search (CO-13, `GET /api/order-search`): a scanned or typed order number, channel
 * reference or receipt id (a scanner types it and Enter), filters customer, dates, status and store, presets
 * "to fulfil", "to pick up", "to ship here"; results from every store. Each row offers what the order allows here
 * (CO-14): edit (CO-10), cancel (CO-11), pick up (FF-6); those not offered are disabled with the reason beside them.
 * "Details" opens <order-details>. Emits `recalled` with `{ orderId, purpose, result }` once the register holds the
 * order, `return-started` when a return is started from the details, or `close`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ORDER_HEADER_STATUSES, type OrderHeaderStatus } from '../engine/domain/fulfillment.ts';
import type { OrderPreset } from '../engine/domain/order-search.ts';
import type { OrderSearchResult, OrderSearchRow } from '../engine/protocol/views.ts';
import type { StoreApi } from './api.ts';
import { operationButton, orderDate, recallOrder, type RecallPurpose } from './order-details.ts';
import { statusLabel } from './order-status-badge.ts';
import { money, screenStyles } from './styles.ts';
import { tillStyles, unreachable, violationText, type RuleViolation } from './till-shared.ts';
import './order-details.ts';
import './order-status-badge.ts';
import './till-dialog.ts';

export type { RecallPurpose };
export interface Recalled { orderId: string; purpose: RecallPurpose; result: Record<string, unknown> }

const PRESETS: [OrderPreset, string][] = [['toFulfil', 'Orders to fulfil'], ['toPickUp', 'Orders to pick up'], ['toShipHere', 'Orders to ship here']];

export interface OrderSearchForm { value: string; customer: string; from: string; to: string; status: string; storeId: string; preset: OrderPreset | '' }

/** The query string of a search (empty fields left out). */
export function orderSearchQuery(form: OrderSearchForm): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(form)) {
    const value = raw.trim();
    if (value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? 'order-search' : `order-search?${query}`;
}

@customElement('order-recall')
export class OrderRecall extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    .filters { display: grid; grid-template-columns: 2fr 1.4fr 1fr 1fr 1fr 1fr; gap: 0.5rem 0.75rem; align-items: end; }
    .filters .value { grid-column: span 2; }
    .presets { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.5rem 0; }
    td .row { gap: 0.5rem; flex-wrap: wrap; }
    .reason { font-size: 0.85rem; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';

  @state() accessor form: OrderSearchForm = { value: '', customer: '', from: '', to: '', status: '', storeId: '', preset: '' };
  @state() accessor result: OrderSearchResult | null = null;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;
  /** The order whose recall was refused (its message is shown on its row). */
  @state() accessor refusedOrder: string | null = null;
  /** The order whose details are open. */
  @state() accessor detailsOf: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.result === null) void this.search();
  }

  private set(field: keyof OrderSearchForm, value: string, now = false): void {
    this.form = { ...this.form, [field]: value };
    if (now) void this.search();
  }

  async search(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.api === null) return;
    this.busy = true;
    this.error = null;
    this.refusedOrder = null;
    try {
      this.result = await this.api.get<OrderSearchResult>(orderSearchQuery(this.form));
      // A scanned receipt or order number that finds one order opens it.
      if (this.form.value.trim() !== '' && this.result.orders.length === 1) this.detailsOf = this.result.orders[0]!.orderId;
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private async recall(row: OrderSearchRow, purpose: RecallPurpose): Promise<void> {
    this.busy = true;
    this.error = null;
    this.refusedOrder = null;
    const refused = await recallOrder(this, this.api!, this.registerId, row.orderId, purpose);
    if (refused !== null) {
      this.error = refused;
      this.refusedOrder = row.orderId;
    }
    this.busy = false;
  }

  override render() {
    const setup = this.api?.setup;
    const f = this.form;
    return html`
      <till-dialog heading="Find an order" size="wide">
        ${this.detailsOf === null ? html`
          <form class="filters" role="search" @submit=${this.search} novalidate>
            <label class="value">Scan or type an order number, confirmation number or receipt
              <input name="value" type="search" autocomplete="off" autofocus .value=${f.value} @input=${(e: Event) => this.set('value', (e.target as HTMLInputElement).value)}>
            </label>
            <label>Customer
              <input name="customer" type="search" autocomplete="off" .value=${f.customer} @input=${(e: Event) => this.set('customer', (e.target as HTMLInputElement).value)}>
            </label>
            <label>Status
              <select name="status" @change=${(e: Event) => this.set('status', (e.target as HTMLSelectElement).value, true)}>
                <option value="" ?selected=${f.status === ''}>Any status</option>
                ${ORDER_HEADER_STATUSES.map((s: OrderHeaderStatus) => html`<option value=${s} ?selected=${f.status === s}>${statusLabel(s)}</option>`)}
              </select>
            </label>
            <label>Store
              <select name="storeId" @change=${(e: Event) => this.set('storeId', (e.target as HTMLSelectElement).value, true)}>
                <option value="" ?selected=${f.storeId === ''}>All stores</option>
                ${(setup?.stores ?? []).map((s) => html`<option value=${s.id} ?selected=${f.storeId === s.id}>${s.name}</option>`)}
              </select>
            </label>
            <label>From <input name="from" type="date" .value=${f.from} @change=${(e: Event) => this.set('from', (e.target as HTMLInputElement).value, true)}></label>
            <label>To <input name="to" type="date" .value=${f.to} @change=${(e: Event) => this.set('to', (e.target as HTMLInputElement).value, true)}></label>
            <button type="submit" class="primary" ?disabled=${this.busy}>Search</button>
          </form>
          <div class="presets" role="group" aria-label="Presets">
            ${PRESETS.map(([preset, label]) => html`
              <button type="button" aria-pressed=${f.preset === preset ? 'true' : 'false'} ?disabled=${this.busy}
                @click=${() => this.set('preset', f.preset === preset ? '' : preset, true)}>${label}</button>`)}
          </div>
          ${this.error !== null && this.refusedOrder === null ? html`<div class="error" role="alert">${violationText(this.error)}</div>` : null}
          ${this.renderResults()}` : html`
          <order-details .api=${this.api} .registerId=${this.registerId} .orderId=${this.detailsOf} @back=${() => { this.detailsOf = null; }}></order-details>`}
      </till-dialog>`;
  }

  private renderResults() {
    const currency = this.api?.setup.currency ?? 'USD';
    const result = this.result;
    if (result === null) return html`<p class="muted" role="status">Loading orders...</p>`;
    if (result.orders.length === 0) return html`<p class="muted" role="status">No orders match.</p>`;
    return html`
      <table>
        <caption class="sr-only">Orders found</caption>
        <thead><tr>
          <th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Date</th><th scope="col">Status</th>
          <th scope="col" class="money">Total</th><th scope="col">What you can do</th>
        </tr></thead>
        <tbody>${result.orders.map((row) => this.renderRow(row, currency))}</tbody>
      </table>
      ${result.truncated ? html`<p class="muted" role="status">More orders match: narrow the search to see them.</p>` : null}`;
  }

  private renderRow(row: OrderSearchRow, currency: string) {
    const refused = this.refusedOrder === row.orderId && this.error !== null;
    const offer = (purpose: RecallPurpose) => row.operations?.[purpose] ?? { offered: true as const };
    return html`
      <tr data-order=${row.orderId}>
        <td>
          <strong>${row.orderId}</strong><br>
          <span class="muted">${row.channelReference}</span>
          ${row.existsAtHeadquarters ? null : html`<br><span class="pill warn">Awaiting headquarters</span>`}
          ${row.editedBy === null ? null : html`<br><span class="pill info">Being edited at ${row.editedBy}</span>`}
        </td>
        <td>${row.customerName}</td>
        <td>${orderDate(row.createdAt)}</td>
        <td><order-status-badge .status=${row.headerStatus}></order-status-badge></td>
        <td class="money">${money(row.total, currency)}</td>
        <td>
          <div class="row">
            <button type="button" ?disabled=${this.busy} @click=${() => { this.detailsOf = row.orderId; }} aria-label="Details of ${row.orderId}">Details</button>
            ${operationButton('Edit', `Edit ${row.orderId}`, offer('edit'), this.busy, () => this.recall(row, 'edit'))}
            ${operationButton('Cancel order', `Cancel order ${row.orderId}`, offer('cancel'), this.busy, () => this.recall(row, 'cancel'), 'danger')}
            ${operationButton('Pick up', `Pick up ${row.orderId}`, offer('pickup'), this.busy, () => this.recall(row, 'pickup'), 'primary')}
          </div>
          ${refused ? html`<div class="error" role="alert" style="margin-top: 0.5rem">${violationText(this.error!)}</div>` : null}
        </td>
      </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'order-recall': OrderRecall }
}
