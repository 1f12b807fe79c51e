/**
 * <order-status-badge status="PartiallyPicked">: the order header status (FF-8) as a readable, colour-coded badge.
 *
 * Colours: quote = grey, open = blue, fulfilment in progress (picked / delivered, partially or fully, and
 * partially invoiced) = amber, invoiced = green, rejected / cancelled = red.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { OrderHeaderStatus } from '../engine/domain/fulfillment.ts';
import { statusTable, toneStyles } from './status-tones.ts';

const orderStatuses = statusTable<OrderHeaderStatus>({
  Quote: { label: 'Quote', tone: 'grey' },
  Open: { label: 'Open', tone: 'blue' },
  PartiallyPicked: { label: 'Partially picked', tone: 'amber' },
  Picked: { label: 'Picked', tone: 'amber' },
  PartiallyDelivered: { label: 'Partially delivered', tone: 'amber' },
  Delivered: { label: 'Delivered', tone: 'amber' },
  PartiallyInvoiced: { label: 'Partially invoiced', tone: 'amber' },
  Invoiced: { label: 'Invoiced', tone: 'green' },
  Rejected: { label: 'Rejected', tone: 'red' },
  Cancelled: { label: 'Cancelled', tone: 'red' },
});

/** The human-readable label of an order header status, e.g. 'PartiallyPicked' -> 'Partially picked'. */
export function statusLabel(status: OrderHeaderStatus): string {
  return orderStatuses.label(status);
}

@customElement('order-status-badge')
export class OrderStatusBadge extends LitElement {
  // The tones come last: their border colours win over the badge's transparent border.
  static override styles = [css`
    :host {
      display: inline-block;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      box-sizing: border-box;
      min-height: 48px;
      min-width: 48px;
      padding: 0.5rem 1.25rem;
      border-radius: 999px;
      border: 2px solid transparent;
      font: 600 1.125rem/1.2 system-ui, sans-serif;
      white-space: nowrap;
      user-select: none;
    }
  `, toneStyles];

  /** The order header status to show. */
  @property({ type: String, reflect: true }) accessor status: OrderHeaderStatus = 'Open';

  override render() {
    const label = statusLabel(this.status);
    return html`<span
      class="badge tone-${orderStatuses.tone(this.status)}"
      role="status"
      aria-label="Order status: ${label}"
      part="badge"
      >${label}</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'order-status-badge': OrderStatusBadge;
  }
}
