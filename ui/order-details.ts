/**
 * <order-details>: one order as the till's search opens it (CO-13, `GET /api/order-search/:orderId`): its lines with
 * delivery and fulfilment status, its payments and invoices, and what the till may do with it (CO-14): edit, cancel,
 * pick up (`register.recallOrder`), return (`register.startReturn`), fulfil (the fulfilment screen). Operations not
 * offered are disabled with the reason in plain words. Emits `recalled`, `return-started` or `back`.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OperationOffer } from '../engine/domain/order-operations.ts';
import type { PaymentKind } from '../engine/domain/payments.ts';
import type { OrderDetails } from '../engine/protocol/views.ts';
import type { StoreApi } from './api.ts';
import { money, screenStyles } from './styles.ts';
import { locationNames, tillStyles, unreachable, violationText, type RuleViolation } from './till-shared.ts';
import './fulfillment-status.ts';
import './order-status-badge.ts';

export type RecallPurpose = 'edit' | 'cancel' | 'pickup';

/** An order's date as the till shows it (day and time, UTC like the engine's clock). */
export function orderDate(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** How each payment reads on the order (CO-11: a cancellation charge is collected from the customer, not refunded). */
export const PAYMENT_LABEL: Record<PaymentKind, string> = {
  prepayment: 'Deposit', capture: 'Charged to the card on file', pickup: 'Paid at pickup', refund: 'Refunded',
  cancellationCharge: 'Cancellation charge collected', returnRefund: 'Refunded for returned goods',
};

/** A button for an operation: enabled when offered, else disabled with why (CO-14) in a line beside it. */
export function operationButton(label: string, ariaLabel: string, offer: OperationOffer, busy: boolean, run: () => void, kind = ''): TemplateResult {
  if (offer.offered) return html`<button type="button" class=${kind} ?disabled=${busy} @click=${run} aria-label=${ariaLabel}>${label}</button>`;
  return html`
    <span class="not-offered">
      <button type="button" class=${kind} disabled aria-label=${ariaLabel} title=${offer.reason}>${label}</button>
      <span class="reason muted">${offer.reason} <span class="rule">(${offer.rule})</span></span>
    </span>`;
}

/** Recalls an order at the register and tells `host`'s listeners; the refusal, if any, is returned for display. */
export async function recallOrder(host: HTMLElement, api: StoreApi, registerId: string, orderId: string, purpose: RecallPurpose): Promise<RuleViolation | null> {
  try {
    const answer = await api.command({ type: 'register.recallOrder', registerId, orderId, purpose });
    if (!answer.ok) return answer.error;
    host.dispatchEvent(new CustomEvent('recalled', { detail: { orderId, purpose, result: answer.result }, bubbles: true, composed: true }));
    return null;
  } catch (error) {
    return unreachable(error);
  }
}

@customElement('order-details')
export class OrderDetailsPanel extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    .ops { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: flex-start; }
    .not-offered { display: inline-flex; flex-direction: column; max-width: 14rem; }
    .reason { font-size: 0.85rem; }
    .rule { font-size: 0.75rem; }
    h4 { margin: 0.75rem 0 0.25rem; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';
  @property({ type: String }) accessor orderId = '';
  @state() accessor details: OrderDetails | null = null;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('orderId') && this.orderId !== '') void this.load();
  }

  private async load(): Promise<void> {
    if (this.api === null) return;
    try {
      this.details = await this.api.get<OrderDetails>(`order-search/${encodeURIComponent(this.orderId)}`);
    } catch (error) {
      this.error = unreachable(error);
    }
  }

  private async run(work: () => Promise<RuleViolation | null>): Promise<void> {
    this.busy = true;
    this.error = await work();
    this.busy = false;
  }

  private startReturn(): Promise<RuleViolation | null> {
    return this.api!.command({ type: 'register.startReturn', registerId: this.registerId, lookup: { by: 'orderId', value: this.orderId } }).then((answer) => {
      if (!answer.ok) return answer.error;
      this.dispatchEvent(new CustomEvent('return-started', { detail: answer.result, bubbles: true, composed: true }));
      return null;
    }, unreachable);
  }

  override render() {
    const back = html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('back'))}>Back to the results</button>`;
    const details = this.details;
    if (details === null) return html`${back}${this.error === null ? html`<p class="muted" role="status">Loading the order...</p>` : html`<div class="error" role="alert">${violationText(this.error)}</div>`}`;
    const { order, operations } = details;
    const setup = this.api!.setup;
    const names = locationNames(setup);
    const offer = (op: keyof NonNullable<typeof operations>): OperationOffer => operations?.[op] ?? { offered: true };
    const recall = (purpose: RecallPurpose) => () => void this.run(() => recallOrder(this, this.api!, this.registerId, this.orderId, purpose));
    return html`
      ${back}
      <h3>Order ${order.orderId} <order-status-badge .status=${order.headerStatus}></order-status-badge></h3>
      <p class="muted">Confirmation ${order.channelReference} · ${order.row.customerName} · ${orderDate(order.createdAt)} · store ${order.storeId}
        · receipts ${details.receiptIds.join(', ')}</p>
      <div class="ops" role="group" aria-label="What you can do with this order">
        ${operationButton('Edit', `Edit ${order.orderId}`, offer('edit'), this.busy, recall('edit'))}
        ${operationButton('Cancel order', `Cancel order ${order.orderId}`, offer('cancel'), this.busy, recall('cancel'), 'danger')}
        ${operationButton('Pick up', `Pick up ${order.orderId}`, offer('pickup'), this.busy, recall('pickup'), 'primary')}
        ${operationButton('Return', `Return from ${order.orderId}`, offer('return'), this.busy, () => void this.run(() => this.startReturn()))}
        ${offer('fulfil').offered ? html`<a class="button" href="/fulfillment?store=${encodeURIComponent(order.storeId)}">Fulfil</a>`
          : operationButton('Fulfil', `Fulfil ${order.orderId}`, offer('fulfil'), this.busy, () => undefined)}
      </div>
      ${this.error === null ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
      <h4>Lines</h4>
      <table>
        <caption class="sr-only">Lines of order ${order.orderId}</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Delivery</th><th scope="col">Fulfilment</th></tr></thead>
        <tbody>${order.row.lines.map((l) => html`
          <tr data-line=${l.lineId}>
            <td>${l.productName}</td><td>${l.quantity}</td>
            <td>${l.kind === 'carryOut' ? 'Carried out' : `${l.kind === 'ship' ? 'Ship from' : 'Pick up at'} ${names.get(l.locationId) ?? l.locationId}`}</td>
            <td>${l.kind === 'carryOut' ? 'Invoiced' : html`<line-status-badge .status=${l.status}></line-status-badge>`}</td>
          </tr>`)}</tbody>
      </table>
      <h4>Payments</h4>
      ${order.payments.length === 0 ? html`<p class="muted">No payments yet.</p>` : html`
        <table>
          <caption class="sr-only">Payments of order ${order.orderId}</caption>
          <tbody>${order.payments.map((p) => html`
            <tr data-payment=${p.paymentId}><td>${PAYMENT_LABEL[p.kind]}</td><td class="money">${money(Math.abs(p.amount), setup.currency)}</td></tr>`)}</tbody>
        </table>`}
      <p>Total ${money(order.totals.total, setup.currency)} · paid ${money(order.paid, setup.currency)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'order-details': OrderDetailsPanel }
}
