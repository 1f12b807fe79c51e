/**
 * <back-office-orders>: headquarters' sales orders (SM-1..SM-5, SM-10, SM-12, SM-13). The list filters by type,
 * status, customer, origin and backordered; an order opens beside it with its lines (remainders to deliver and to
 * invoice, inventory in words), its packing slips and invoices, and the actions the office offers on it now: confirm,
 * post a packing slip (a quantity per line), invoice the order or the chosen packing slips, change the type, cancel
 * the remainders, and a pro forma to print. An action not offered stays visible, disabled, with the office's reason.
 * A store's order shows the store's own invoices as headquarters received them.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  salesOrderOrigins, salesOrderStatusWords, salesOrderTypes, type OfferedAction, type ProFormaInvoiceView, type SalesOrderDetail, type SalesOrderFilter,
  type SalesOrderLineView, type SalesOrderRow, type SalesOrderType,
} from '../engine/protocol/sales.ts';
import { ListDetailTab, actionName, officeMoney, offeredActions } from './back-office-kit.ts';
import { commitmentChoices } from './back-office-lines.ts';
import './back-office-print.ts';

export const ORDER_TYPE_WORDS: Record<SalesOrderType, string> = {
  journal: 'Journal', salesOrder: 'Sales order', subscription: 'Subscription', returnedOrder: 'Returned order', itemRequirements: 'Item requirements',
};
const STATUS_WORDS: Record<(typeof salesOrderStatusWords)[number], string> = { openOrder: 'Open order', delivered: 'Delivered', invoiced: 'Invoiced', cancelled: 'Cancelled' };
export const ORIGIN_WORDS: Record<(typeof salesOrderOrigins)[number], string> = {
  backOffice: 'Back office', store: 'Store', callCenter: 'Call center', quotation: 'Quotation', agreementRelease: 'Agreement release',
};

@customElement('back-office-orders')
export class BackOfficeOrders extends ListDetailTab<SalesOrderRow, SalesOrderDetail> {
  @state() accessor filter: SalesOrderFilter = {};
  /** SM-12: the packing slips ticked to invoice. */
  @state() accessor slips: ReadonlySet<string> = new Set();
  @state() accessor printing: ProFormaInvoiceView | null = null;

  protected readRows() { return this.office.orders(this.filter); }
  protected readDetail(id: string) { return this.office.order(id); }

  protected override forget(): void {
    this.slips = new Set();
  }

  private applyFilter(event: Event): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    const filter: Record<string, string> = {};
    for (const name of ['type', 'status', 'customer', 'origin', 'backordered']) if (value(name) !== '') filter[name] = value(name);
    this.filter = filter as SalesOrderFilter;
    void this.reload();
  }

  private act(detail: SalesOrderDetail, action: OfferedAction): void {
    const salesOrderId = detail.header.salesOrderId;
    switch (actionName(action)) {
      case 'confirmOrder': void this.run({ type: 'sales.confirmOrder', salesOrderId }, `Order ${salesOrderId} confirmed.`); return;
      case 'invoiceOrder': void this.run({ type: 'sales.invoiceOrder', salesOrderId }, (r) => `Invoice ${String(r.invoiceId ?? '')} posted for order ${salesOrderId}.`); return;
      case 'invoicePackingSlips': this.invoiceSlips(); return;
      case 'cancelRemainder': void this.run({ type: 'sales.cancelRemainder', salesOrderId }, `The remainders of order ${salesOrderId} are cancelled.`); return;
      case 'postPackingSlip':
        this.askQuantities({
          heading: 'Post a packing slip', intro: `Order ${salesOrderId}: how many of each line leave now (0 leaves a line out).`, confirmLabel: 'Post packing slip',
          items: detail.lines.filter((l) => l.deliverRemainder > 0).map((l) => ({
            key: l.lineId, label: l.productName, detail: `${l.deliverRemainder} still to deliver`, max: l.deliverRemainder, value: l.deliverRemainder,
          })),
          command: (quantities) => ({
            type: 'sales.postPackingSlip', salesOrderId,
            lines: Object.entries(quantities).filter(([, q]) => q > 0).map(([lineId, quantity]) => ({ lineId, quantity })),
          }),
          done: (r) => `Packing slip ${String(r.packingSlipId ?? '')} posted for order ${salesOrderId}.`,
        });
        return;
      case 'changeOrderType':
        this.ask({
          heading: 'Change the order type', confirmLabel: 'Change type',
          fields: [{ name: 'orderType', label: 'New type', type: 'select', value: detail.header.type, options: salesOrderTypes.map((t) => ({ value: t, label: ORDER_TYPE_WORDS[t] })) }],
          command: (v) => ({ type: 'sales.changeOrderType', salesOrderId, orderType: v.orderType as SalesOrderType }),
          done: (r) => `Order ${salesOrderId} is now ${r.orderType === undefined ? 'of the new type' : ORDER_TYPE_WORDS[r.orderType as SalesOrderType] ?? 'of the new type'}.`,
        });
        return;
    }
  }

  /** SM-12: invoices exactly the ticked slips (the office offers it while a slip waits to be invoiced). */
  private invoiceSlips(): void {
    if (this.slips.size === 0) {
      this.error = { rule: 'SM-12', field: 'packingSlipIds', message: 'tick the packing slips to invoice first' };
      return;
    }
    void this.run({ type: 'sales.invoicePackingSlips', packingSlipIds: [...this.slips] }, (r) => `Invoice ${String(r.invoiceId ?? '')} posted for the chosen packing slips.`);
    this.slips = new Set();
  }

  /**
   * SM-8: releases an open line entered without an agreement against a commitment of one of the customer's effective
   * agreements. The office says why when the line or the commitment does not fit.
   */
  private async linkLine(d: SalesOrderDetail, line: SalesOrderLineView): Promise<void> {
    const { salesOrderId, customerAccount } = d.header;
    const choices = await this.reading(async () => {
      const effective = (await this.office.agreements()).filter((a) => a.customerAccount === customerAccount && a.status === 'Effective');
      return (await Promise.all(effective.map((a) => this.office.agreement(a.agreementId)))).flatMap(commitmentChoices);
    });
    if (choices === null) return;
    if (choices.length === 0) {
      this.error = { rule: 'SM-8', field: 'agreementId', message: `${d.header.customerName} has no effective sales agreement to release against` };
      return;
    }
    this.ask({
      heading: `Release ${line.productName} against an agreement`, intro: 'The line takes the agreement\u2019s price and counts toward its commitment.', confirmLabel: 'Link to agreement',
      fields: [{ name: 'commitment', label: 'Commitment', type: 'select', value: `${choices[0]!.agreementId}/${choices[0]!.commitmentId}`,
        options: choices.map((c) => ({ value: `${c.agreementId}/${c.commitmentId}`, label: c.label })) }],
      command: (v) => {
        const [agreementId = '', commitmentId = ''] = v.commitment!.split('/');
        return { type: 'sales.linkLine', salesOrderId, lineId: line.lineId, agreementId, commitmentId };
      },
      done: `${line.productName} on order ${salesOrderId} is released against the agreement.`,
    });
  }

  private async proForma(salesOrderId: string): Promise<void> {
    const answer = await this.office.proForma({ salesOrderId });
    if (answer.ok) this.printing = answer.value;
    else this.error = answer.error;
  }

  private tick(packingSlipId: string, on: boolean): void {
    const next = new Set(this.slips);
    if (on) next.add(packingSlipId); else next.delete(packingSlipId);
    this.slips = next;
  }

  override render() {
    if (this.printing !== null) return html`<back-office-print .document=${this.printing} @print-close=${() => { this.printing = null; }}></back-office-print>`;
    return html`
      ${this.outcome()}
      <div class="split">
        <section class="panel" aria-labelledby="orders-heading">
          <h2 id="orders-heading">Sales orders</h2>
          ${this.renderFilter()}
          ${this.rows.length === 0 ? html`<p class="muted">No order matches.</p>` : html`
            <table aria-label="Sales orders">
              <thead><tr><th>Order</th><th>Customer</th><th>Type</th><th>Status</th><th class="num">Total</th></tr></thead>
              <tbody>${this.rows.map((r) => html`
                <tr data-order=${r.salesOrderId} class=${r.salesOrderId === this.chosenId ? 'chosen' : ''}>
                  <td><button @click=${() => this.choose(r.salesOrderId)} aria-label="Open order ${r.salesOrderId}">${r.salesOrderId}</button>
                    ${r.backordered ? html`<span class="tag">Backordered</span>` : nothing}</td>
                  <td>${r.customerName}<br><span class="muted">${r.customerAccount} · ${ORIGIN_WORDS[r.origin]} · ${r.orderDate}</span></td>
                  <td>${r.typeWords}</td>
                  <td>${r.status}</td>
                  <td class="num">${officeMoney(r.total)}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>
        ${this.detail === null ? nothing : this.renderDetail(this.detail)}
      </div>`;
  }

  private renderFilter() {
    const f = this.filter;
    const choice = (name: string, label: string, words: Record<string, string>, value: string | undefined) => html`
      <label>${label}<select name=${name}>
        <option value="">Any</option>
        ${Object.entries(words).map(([v, w]) => html`<option value=${v} ?selected=${v === value}>${w}</option>`)}
      </select></label>`;
    return html`
      <form class="inline" @submit=${this.applyFilter} aria-label="Filter the orders">
        ${choice('type', 'Type', ORDER_TYPE_WORDS, f.type)}
        ${choice('status', 'Status', STATUS_WORDS, f.status)}
        <label>Customer<input name="customer" .value=${f.customer ?? ''} autocomplete="off"></label>
        ${choice('origin', 'Origin', ORIGIN_WORDS, f.origin)}
        ${choice('backordered', 'Backordered', { true: 'Backordered only', false: 'Not backordered' }, f.backordered)}
        <button type="submit">Filter</button>
      </form>`;
  }

  private renderDetail(d: SalesOrderDetail) {
    const h = d.header;
    return html`
      <section class="panel" aria-labelledby="order-heading" data-detail=${h.salesOrderId}>
        <h2 id="order-heading">Order ${h.salesOrderId}</h2>
        <dl>
          <dt>Customer</dt><dd>${h.customerName} (${h.customerAccount})</dd>
          <dt>Type</dt><dd>${h.typeWords}${h.rmaNumber === null ? '' : ` · RMA ${h.rmaNumber}`}</dd>
          <dt>Status</dt><dd data-status>${h.status}</dd>
          <dt>Origin</dt><dd>${ORIGIN_WORDS[h.origin]}${h.quotationId === null ? '' : ` · from quotation ${h.quotationId}`}${h.campaignId === null ? '' : ` · campaign ${h.campaignId}`}</dd>
          <dt>Order date</dt><dd>${h.orderDate}${h.confirmedOn === null ? '' : ` · confirmed ${h.confirmedOn}`}</dd>
          <dt>Total</dt><dd>${officeMoney(h.total)}</dd>
          ${d.agreements.length === 0 ? nothing : html`<dt>Agreements</dt><dd>${d.agreements.map((a) => `${a.agreementId} (${a.status})`).join(', ')}</dd>`}
        </dl>
        ${offeredActions(h.salesOrderId, d.actions, (a) => this.act(d, a))}
        <button @click=${() => this.proForma(h.salesOrderId)}>Pro forma</button>
        <h3>Lines</h3>
        <table aria-label="Order lines">
          <thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Price</th><th class="num">To deliver</th><th class="num">To invoice</th><th>Status</th><th>Inventory</th></tr></thead>
          <tbody>${d.lines.map((l) => html`
            <tr data-line=${l.lineId}>
              <td>${l.productName}<br><span class="muted">${l.priceSource}${l.agreement === null ? '' : ` · agreement ${l.agreement.agreementId}`} · ship ${l.confirmedShipDate ?? l.requestedShipDate}</span>
                ${l.backordered ? html`<span class="tag">Backordered</span>` : nothing}
                ${l.notifyCustomer ? html`<span class="tag">Tell the customer: new date (was ${l.previousConfirmedShipDate})</span>` : nothing}
                ${l.agreement === null && l.deliverRemainder > 0 && l.delivered === 0 ? html`<br><button @click=${() => this.linkLine(d, l)}>Link to agreement</button>` : nothing}</td>
              <td class="num">${l.quantity}</td>
              <td class="num">${officeMoney(l.lineAmount)}</td>
              <td class="num" data-deliver>${l.deliverRemainder}</td>
              <td class="num" data-invoice>${l.invoiceRemainder}</td>
              <td>${l.status}</td>
              <td>${l.inventory}</td>
            </tr>`)}</tbody>
        </table>
        <h3>Packing slips</h3>
        ${d.packingSlips.length === 0 ? html`<p class="muted">None posted.</p>` : html`
          <ul class="slips" aria-label="Packing slips">${d.packingSlips.map((s) => html`
            <li data-slip=${s.packingSlipId}>
              ${s.invoiceId === null
                ? html`<label class="check"><input type="checkbox" .checked=${this.slips.has(s.packingSlipId)}
                    @change=${(e: Event) => this.tick(s.packingSlipId, (e.target as HTMLInputElement).checked)}>Packing slip ${s.packingSlipId}, ${s.postedOn}</label>`
                : html`Packing slip ${s.packingSlipId}, ${s.postedOn} · invoiced on ${s.invoiceId}`}
              <span class="muted">${s.lines.map((l) => `${l.productName} x ${l.quantity}`).join(', ')}</span>
            </li>`)}</ul>`}
        <h3>Invoices</h3>
        ${d.invoices.length === 0 ? html`<p class="muted">None posted.</p>` : html`
          <ul aria-label="Invoices">${d.invoices.map((i) => html`<li>Invoice ${i.invoiceId}, ${i.postedOn} · ${i.kind} · ${officeMoney(i.total)}</li>`)}</ul>`}
        ${h.storeId === null ? nothing : this.renderStoreDocuments(h.storeId, d)}
      </section>`;
  }

  /** Issue 13: the store's own invoices on its order, as headquarters received them (read-only). */
  private renderStoreDocuments(storeId: string, d: SalesOrderDetail) {
    return html`
      <h3>Documents from store ${storeId}</h3>
      ${d.storeDocuments.length === 0 ? html`<p class="muted">None received yet.</p>` : html`
        <table aria-label="Store documents">
          <thead><tr><th>Number</th><th>Date</th><th>Document</th><th>Lines</th><th class="num">Amount</th></tr></thead>
          <tbody>${d.storeDocuments.map((doc) => html`
            <tr data-document=${doc.number}>
              <td>${doc.number}</td><td>${doc.date}</td><td>${doc.kind}</td>
              <td>${doc.lines.map((l) => `${l.productName} x ${l.quantity}`).join(', ')}</td>
              <td class="num">${officeMoney(doc.amount)}</td>
            </tr>`)}</tbody>
        </table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-orders': BackOfficeOrders }
}
