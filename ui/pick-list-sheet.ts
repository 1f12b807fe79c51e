/**
 * <pick-list-sheet>: a printed pick list (FF-3: pick lists may mix orders) as an in-page modal dialog (modal-frame.ts),
 * with a Print button (the page's print styles print the sheet only). Emits `pick-list-close`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FulfillmentListRow } from '../engine/protocol/views.ts';
import type { OrderRow } from './api.ts';
import { toPick } from './fulfillment-model.ts';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { screenStyles } from './styles.ts';

@customElement('pick-list-sheet')
export class PickListSheet extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { --modal-width: 48rem; }
    .qty { font-size: 1.5rem; font-weight: 800; text-align: right; }
    @media print {
      dialog.modal { box-shadow: none; width: auto; }
      .actions { display: none; }
    }
  `];

  @property({ type: String }) accessor pickListId = '';
  @property({ type: String }) accessor locationName = '';
  @property({ attribute: false }) accessor lines: FulfillmentListRow[] = [];
  @property({ attribute: false }) accessor orders: Readonly<Record<string, OrderRow>> = {};
  @property({ attribute: false }) accessor productName: (productId: string) => string = (id) => id;

  private readonly frame = new ModalFrame(this, { dismiss: () => this.close() });

  private close(): void {
    this.dispatchEvent(new CustomEvent('pick-list-close', { bubbles: true, composed: true }));
  }

  override render() {
    const intro = `${this.locationName}: ${this.lines.length} line${this.lines.length === 1 ? '' : 's'}, ${new Set(this.lines.map((l) => l.orderId)).size} order(s)`;
    return this.frame.render(`Pick list ${this.pickListId}`, html`
        <table>
          <thead><tr><th scope="col">Item</th><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Delivery</th><th scope="col" style="text-align: right">To pick</th></tr></thead>
          <tbody>
            ${this.lines.map((l) => html`
              <tr>
                <td><strong>${this.productName(l.productId)}</strong><br><span class="muted">${l.productId}</span></td>
                <td>${l.orderId}</td>
                <td>${this.orders[l.orderId]?.customerName ?? ''}</td>
                <td>${l.kind === 'pickup' ? 'Pickup' : `Ship ${l.modeCode}`}</td>
                <td class="qty">${toPick(l)}</td>
              </tr>`)}
          </tbody>
        </table>
        <div class="actions">
          <button type="button" @click=${() => this.close()}>Close</button>
          <button type="button" class="primary" @click=${() => window.print()}>Print</button>
        </div>`, { intro: html`<p class="muted">${intro}</p>` });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pick-list-sheet': PickListSheet }
}
