/**
 * <line-status-badge status="PartiallyPicked">: a fulfilment line's store status (FF-2..FF-7, as the server derives
 * it from the line's quantity buckets) as a readable, colour-coded badge.
 *
 * Colours: waiting for acceptance = amber, accepted = blue, picking / partially picked = purple, picked = teal,
 * packed (partially or fully) = indigo, invoiced (partially or fully) = green, rejected = red.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { backOfficeLineStatus, type BackOfficeLineStatus, type StoreLineStatus } from '../engine/domain/fulfillment.ts';
import { statusTable, toneStyles } from './status-tones.ts';

const lineStatuses = statusTable<StoreLineStatus>({
  Pending: { label: 'Pending', tone: 'amber' },
  Accepted: { label: 'Accepted', tone: 'blue' },
  Picking: { label: 'Picking', tone: 'purple' },
  PartiallyPicked: { label: 'Partially picked', tone: 'purple' },
  Picked: { label: 'Picked', tone: 'teal' },
  PartiallyPacked: { label: 'Partially packed', tone: 'indigo' },
  Packed: { label: 'Packed', tone: 'indigo' },
  PartiallyInvoiced: { label: 'Partially invoiced', tone: 'green' },
  Invoiced: { label: 'Invoiced', tone: 'green' },
  Rejected: { label: 'Rejected', tone: 'red' },
});

const backOfficeLabels: Record<BackOfficeLineStatus, string> = {
  OrderProcessing: 'Order processing',
  PartiallyPicked: 'Partially picked',
  Picked: 'Picked',
  PartiallyDelivered: 'Partially delivered',
  Delivered: 'Delivered',
  PartiallyInvoiced: 'Partially invoiced',
  Invoiced: 'Invoiced',
  Rejected: 'Rejected',
};

/** FF-8: what headquarters' back office shows for a store line status (Pending/Accepted/Picking -> Order processing...). */
export function backOfficeLabel(status: string): string {
  if (!lineStatuses.statuses.includes(status as StoreLineStatus)) return status;
  return backOfficeLabels[backOfficeLineStatus(status as StoreLineStatus)];
}

@customElement('line-status-badge')
export class LineStatusBadge extends LitElement {
  static override styles = [toneStyles, css`
    :host { display: inline-block; }
    .badge {
      display: inline-flex;
      align-items: center;
      box-sizing: border-box;
      min-height: 36px;
      padding: 0.3rem 0.9rem;
      border-radius: 999px;
      border: 2px solid transparent;
      font: 700 1rem/1.2 system-ui, sans-serif;
      white-space: nowrap;
    }
  `];

  @property({ type: String, reflect: true }) accessor status: string = 'Accepted';

  override render() {
    return html`<span class="badge tone-${lineStatuses.tone(this.status)}" part="badge">${lineStatuses.label(this.status)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'line-status-badge': LineStatusBadge }
}
