/**
 * <back-office-backorders>: the three backorder views (SM-10) as of the office's day. By item: orders and quantity
 * waiting, on hand, expected and missing receipts, the shortage, and how on-hand splits among the waiting lines
 * (SM-11: priority, then oldest date, then order number). By customer: each customer's remaining lines, with a
 * changed confirmed date to tell them about. By vendor: open purchase order lines with expected dates; receiving one
 * puts its stock on hand and the office gives it to the waiting lines.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { BackorderLineView, BackorderViews, PurchaseOrderLineView } from '../engine/protocol/sales.ts';
import { OfficeTab } from './back-office-kit.ts';

type View = 'item' | 'customer' | 'vendor';
const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'item', label: 'By item' }, { view: 'customer', label: 'By customer' }, { view: 'vendor', label: 'By vendor' },
];

@customElement('back-office-backorders')
export class BackOfficeBackorders extends OfficeTab {
  @state() accessor views: BackorderViews | null = null;
  @state() accessor view: View = 'item';

  protected async load(): Promise<void> {
    this.views = await this.office.backorders();
  }

  private receive(line: PurchaseOrderLineView): void {
    this.askQuantities({
      heading: 'Receive a purchase order line', intro: `${line.productName} from ${line.vendorName}: ${line.open} still expected.`, confirmLabel: 'Receive',
      items: [{ key: line.lineId, label: line.productName, detail: `Purchase order ${line.purchaseOrderId}, due ${line.expectedDate}`, max: line.open, value: line.open }],
      command: (quantities) => ({ type: 'sales.receivePurchaseLine', purchaseOrderId: line.purchaseOrderId, lineId: line.lineId, quantity: quantities[line.lineId]! }),
      done: `Received ${line.productName} from ${line.vendorName}: the stock went to the waiting orders first.`,
    });
  }

  private changeDate(line: BackorderLineView): void {
    this.ask({
      heading: 'Change the confirmed ship date', confirmLabel: 'Change date',
      fields: [{ name: 'confirmedShipDate', label: `New date for ${line.productName} on order ${line.salesOrderId}`, type: 'date', value: line.dueDate }],
      command: (v) => ({ type: 'sales.changeConfirmedDate', salesOrderId: line.salesOrderId, lineId: line.lineId, confirmedShipDate: v.confirmedShipDate! }),
      done: `The new date is kept beside the old one: tell ${line.customerName}.`,
    });
  }

  override render() {
    const v = this.views;
    return html`
      ${this.outcome()}
      <section class="panel" aria-labelledby="backorders-heading">
        <h2 id="backorders-heading">Backorders${v === null ? '' : ` as of ${v.asOf}`}</h2>
        <div class="row" role="tablist" aria-label="Backorder views">
          ${VIEWS.map((x) => html`<button role="tab" aria-selected=${String(this.view === x.view)} class=${this.view === x.view ? 'primary' : ''}
            @click=${() => { this.view = x.view; }}>${x.label}</button>`)}
        </div>
        ${v === null ? html`<p class="muted">Loading...</p>` : this.view === 'item' ? this.byItem(v) : this.view === 'customer' ? this.byCustomer(v) : this.byVendor(v)}
      </section>`;
  }

  private byItem(v: BackorderViews) {
    if (v.byItem.length === 0) return html`<p class="muted">No item is backordered.</p>`;
    return html`
      <table aria-label="Backorders by item">
        <thead><tr><th>Item</th><th class="num">Orders</th><th class="num">Waiting</th><th class="num">On hand</th><th class="num">Expected</th><th class="num">Missing</th><th class="num">Shortage</th><th>On-hand split</th></tr></thead>
        <tbody>${v.byItem.map((i) => html`
          <tr data-item=${i.productId}>
            <td>${i.productName}<br><span class="muted">${i.productId} at ${i.warehouseId}</span></td>
            <td class="num">${i.orders}</td>
            <td class="num">${i.openQuantity}</td>
            <td class="num" data-on-hand>${i.onHand}</td>
            <td class="num">${i.expectedReceipts}</td>
            <td class="num">${i.missingReceipts}</td>
            <td class="num" data-shortage>${i.shortage}</td>
            <td>${i.split.length === 0 ? html`<span class="muted">Nothing on hand to give</span>` : html`<ul aria-label="On-hand split of ${i.productName}">${i.split.map((s) => html`
              <li>Order ${s.salesOrderId}: ${s.allocated} now${s.stillBackordered === 0 ? '' : `, ${s.stillBackordered} still waiting`}</li>`)}</ul>`}</td>
          </tr>`)}</tbody>
      </table>`;
  }

  private byCustomer(v: BackorderViews) {
    if (v.byCustomer.length === 0) return html`<p class="muted">No customer waits for anything.</p>`;
    return v.byCustomer.map((c) => html`
      <h3>${c.customerName} (${c.customerAccount})</h3>
      <table aria-label="Backorders of ${c.customerName}">
        <thead><tr><th>Order</th><th>Item</th><th class="num">Waiting</th><th>Due</th><th>Status</th><th></th></tr></thead>
        <tbody>${c.lines.map((l) => html`
          <tr data-line=${l.lineId}>
            <td>${l.salesOrderId}</td>
            <td>${l.productName}</td>
            <td class="num">${l.remaining}</td>
            <td>${l.dueDate}${l.previousConfirmedShipDate === null ? nothing : html`<br><span class="muted">was ${l.previousConfirmedShipDate}</span>`}</td>
            <td>${l.status}${l.notifyCustomer ? html` <span class="tag">Tell the customer</span>` : nothing}</td>
            <td><div class="row">
              <button @click=${() => this.changeDate(l)}>New date</button>
              ${l.notifyCustomer ? html`<button @click=${() => this.run({ type: 'sales.markCustomerNotified', salesOrderId: l.salesOrderId, lineId: l.lineId }, `${c.customerName} was told.`)}>Customer told</button>` : nothing}
            </div></td>
          </tr>`)}</tbody>
      </table>`);
  }

  private byVendor(v: BackorderViews) {
    if (v.byVendor.length === 0) return html`<p class="muted">No purchase order line is open.</p>`;
    return v.byVendor.map((vendor) => html`
      <h3>${vendor.vendorName} (${vendor.vendorAccount})</h3>
      <table aria-label="Open purchase lines of ${vendor.vendorName}">
        <thead><tr><th>Purchase order</th><th>Item</th><th class="num">Ordered</th><th class="num">Received</th><th class="num">Open</th><th>Expected</th><th></th></tr></thead>
        <tbody>${vendor.lines.map((l) => html`
          <tr data-purchase-line=${l.lineId}>
            <td>${l.purchaseOrderId}</td>
            <td>${l.productName}<br><span class="muted">to ${l.warehouseId}</span></td>
            <td class="num">${l.quantity}</td>
            <td class="num">${l.received}</td>
            <td class="num">${l.open}</td>
            <td>${l.expectedDate}${l.late ? html` <span class="tag">Late</span>` : nothing}</td>
            <td>${l.open > 0 ? html`<button class="primary" @click=${() => this.receive(l)}>Receive</button>` : nothing}</td>
          </tr>`)}</tbody>
      </table>`);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-backorders': BackOfficeBackorders }
}
