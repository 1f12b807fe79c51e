/**
 * <order-recall>: find the store's customer orders (`GET /api/orders?q=&status=&kind=`: order number, confirmation
 * number or customer; header status; delivery kind) and recall one to edit it (CO-10), cancel it (CO-11) or hand it
 * over (FF-6). Sends `register.recallOrder`; a refusal is shown in place. Emits `recalled` with
 * `{ orderId, purpose, result }` once the register holds the order, or `close`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ORDER_HEADER_STATUSES, type OrderHeaderStatus } from '../engine/domain/fulfillment.ts';
import type { OrderRow, StoreApi } from './api.ts';
import { statusLabel } from './order-status-badge.ts';
import { money, screenStyles } from './styles.ts';
import { tillStyles, unreachable, violationText, type RuleViolation } from './till-shared.ts';
import './order-status-badge.ts';
import './till-dialog.ts';

export type RecallPurpose = 'edit' | 'cancel' | 'pickup';
export interface Recalled { orderId: string; purpose: RecallPurpose; result: Record<string, unknown> }

const KINDS = [['ship', 'Ship'], ['pickup', 'Pick up'], ['carryOut', 'Carry out']] as const;
const KIND_LABEL: Record<string, string> = { ship: 'Ship', pickup: 'Pick up', carryOut: 'Carry out' };

/** The query string of a recall search (empty filters left out). */
export function orderQuery(filter: { q: string; status: string; kind: string }): string {
  const params = new URLSearchParams();
  if (filter.q.trim() !== '') params.set('q', filter.q.trim());
  if (filter.status !== '') params.set('status', filter.status);
  if (filter.kind !== '') params.set('kind', filter.kind);
  const query = params.toString();
  return query === '' ? 'orders' : `orders?${query}`;
}

@customElement('order-recall')
export class OrderRecall extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    .filters { display: grid; grid-template-columns: 2fr 1fr 1fr auto; gap: 0.75rem; align-items: end; }
    td .row { gap: 0.5rem; }
    .kinds { font-size: 0.95rem; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';

  @state() accessor q = '';
  @state() accessor status = '';
  @state() accessor kind = '';
  @state() accessor rows: OrderRow[] | null = null;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;
  /** The order whose recall was refused (its message is shown on its row). */
  @state() accessor refusedOrder: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.rows === null) void this.search();
  }

  async search(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.api === null) return;
    this.busy = true;
    this.error = null;
    this.refusedOrder = null;
    try {
      const body = await this.api.get<{ orders: OrderRow[] }>(orderQuery({ q: this.q, status: this.status, kind: this.kind }));
      this.rows = body.orders;
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  private async recall(row: OrderRow, purpose: RecallPurpose): Promise<void> {
    this.busy = true;
    this.error = null;
    this.refusedOrder = null;
    try {
      const answer = await this.api!.command({ type: 'register.recallOrder', registerId: this.registerId, orderId: row.orderId, purpose });
      if (!answer.ok) {
        this.error = answer.error;
        this.refusedOrder = row.orderId;
        return;
      }
      this.dispatchEvent(new CustomEvent<Recalled>('recalled', { detail: { orderId: row.orderId, purpose, result: answer.result }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  /** Units to hand over at this store (pickup units neither invoiced nor rejected). */
  private toPickUp(row: OrderRow): number {
    const here = this.api?.setup.location.id;
    return row.lines.filter((l) => l.kind === 'pickup' && l.locationId === here).reduce((sum, l) => sum + l.uninvoiced, 0);
  }

  override render() {
    const currency = this.api?.setup.currency ?? 'USD';
    return html`
      <till-dialog heading="Recall order" size="wide">
        <form class="filters" role="search" @submit=${this.search} novalidate>
          <label>Order, confirmation number or customer
            <input name="q" type="search" .value=${this.q} @input=${(e: Event) => { this.q = (e.target as HTMLInputElement).value; }}>
          </label>
          <label>Status
            <select name="status" @change=${(e: Event) => { this.status = (e.target as HTMLSelectElement).value; void this.search(); }}>
              <option value="" ?selected=${this.status === ''}>Any status</option>
              ${ORDER_HEADER_STATUSES.map((s: OrderHeaderStatus) => html`<option value=${s} ?selected=${this.status === s}>${statusLabel(s)}</option>`)}
            </select>
          </label>
          <label>Delivery
            <select name="kind" @change=${(e: Event) => { this.kind = (e.target as HTMLSelectElement).value; void this.search(); }}>
              <option value="" ?selected=${this.kind === ''}>Any delivery</option>
              ${KINDS.map(([value, label]) => html`<option value=${value} ?selected=${this.kind === value}>${label}</option>`)}
            </select>
          </label>
          <button type="submit" class="primary" ?disabled=${this.busy}>Search</button>
        </form>
        ${this.error !== null && this.refusedOrder === null ? html`<div class="error" role="alert">${violationText(this.error)}</div>` : null}
        ${this.rows === null ? html`<p class="muted" role="status">Loading orders...</p>` : this.rows.length === 0
          ? html`<p class="muted" role="status">No orders match.</p>`
          : html`
            <table>
              <caption class="sr-only">Orders found</caption>
              <thead><tr>
                <th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Status</th>
                <th scope="col" class="money">Total</th><th scope="col" class="money">Paid</th><th scope="col">Recall</th>
              </tr></thead>
              <tbody>${this.rows.map((row) => this.renderRow(row, currency))}</tbody>
            </table>`}
      </till-dialog>`;
  }

  private renderRow(row: OrderRow, currency: string) {
    const refused = this.refusedOrder === row.orderId && this.error !== null;
    return html`
      <tr data-order=${row.orderId}>
        <td>
          <strong>${row.orderId}</strong><br>
          <span class="muted">${row.channelReference}</span><br>
          <span class="kinds">${row.kinds.map((k) => KIND_LABEL[k] ?? k).join(' + ')}</span>
          ${row.existsAtHeadquarters ? null : html`<br><span class="pill warn">Awaiting headquarters</span>`}
          ${row.editedBy === null ? null : html`<br><span class="pill info">Being edited at ${row.editedBy}</span>`}
        </td>
        <td>${row.customerName}</td>
        <td><order-status-badge .status=${row.headerStatus}></order-status-badge></td>
        <td class="money">${money(row.total, currency)}</td>
        <td class="money">${money(row.paid, currency)}</td>
        <td>
          <div class="row">
            <button type="button" ?disabled=${this.busy} @click=${() => this.recall(row, 'edit')} aria-label="Edit ${row.orderId}">Edit</button>
            <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.recall(row, 'cancel')} aria-label="Cancel order ${row.orderId}">Cancel order</button>
            ${this.toPickUp(row) === 0 ? null : html`
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.recall(row, 'pickup')} aria-label="Pick up ${row.orderId}">Pick up</button>`}
          </div>
          ${refused ? html`<div class="error" role="alert" style="margin-top: 0.5rem">${violationText(this.error!)}</div>` : null}
        </td>
      </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'order-recall': OrderRecall }
}
