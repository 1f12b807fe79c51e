/**
 * <order-status-badge status="PartiallyPicked">: the order header status (FF-8) as a readable, colour-coded badge.
 *
 * Colours: quote = grey, open = blue, fulfilment in progress (picked / delivered, partially or fully, and
 * partially invoiced) = amber, invoiced = green, rejected / cancelled = red.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { OrderHeaderStatus } from '../engine/domain/fulfillment.ts';

export type StatusTone = 'grey' | 'blue' | 'amber' | 'green' | 'red';

const statusInfo: Record<OrderHeaderStatus, { label: string; tone: StatusTone }> = {
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
};

/** Every header status, in lifecycle order. */
export const ORDER_HEADER_STATUSES = Object.keys(statusInfo) as readonly OrderHeaderStatus[];

/** The human-readable label of an order header status, e.g. 'PartiallyPicked' -> 'Partially picked'. */
export function statusLabel(status: OrderHeaderStatus): string {
  return statusInfo[status]?.label ?? String(status);
}

/** The colour family of an order header status (used as the badge's `tone-*` class). */
export function statusTone(status: OrderHeaderStatus): StatusTone {
  return statusInfo[status]?.tone ?? 'grey';
}

@customElement('order-status-badge')
export class OrderStatusBadge extends LitElement {
  static override styles = css`
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
    .tone-grey {
      background: #eceff1;
      color: #37474f;
      border-color: #90a4ae;
    }
    .tone-blue {
      background: #e3f2fd;
      color: #0d47a1;
      border-color: #1e88e5;
    }
    .tone-amber {
      background: #fff8e1;
      color: #7a4f01;
      border-color: #ffb300;
    }
    .tone-green {
      background: #e8f5e9;
      color: #1b5e20;
      border-color: #43a047;
    }
    .tone-red {
      background: #ffebee;
      color: #b71c1c;
      border-color: #e53935;
    }
  `;

  /** The order header status to show. */
  @property({ type: String, reflect: true }) accessor status: OrderHeaderStatus = 'Open';

  override render() {
    const label = statusLabel(this.status);
    return html`<span
      class="badge tone-${statusTone(this.status)}"
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
