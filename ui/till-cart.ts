/**
 * <till-cart>: the transaction's lines (product, quantity, delivery, price, tax, line total), its charges and its
 * totals with the amount due (CO-5). The highlighted line is the one "selected" operations use (CO-2).
 * Emits `select-line` `{ lineId | null }`, `set-quantity` `{ lineId, quantity }`, `remove-line` `{ lineId }`,
 * `override-charge` `{ key, amount, chargeCode }`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { lineAmounts } from '../engine/domain/sales.ts';
import type { Setup } from './api.ts';
import { money, screenStyles } from './styles.ts';
import { deliveryText, productName, tillStyles, type CartCharge, type RegisterView, type Transaction } from './till-shared.ts';

@customElement('till-cart')
export class TillCart extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    /* The lines and their charges scroll inside the cart; the totals stay in view under them. */
    :host { display: flex; flex-direction: column; min-height: 0; container-type: inline-size; }
    /* A narrow cart (a 1024 px till) gives the price column's room to the item: its unit price goes under the name. */
    .unit-price { display: none; }
    @container (max-width: 34rem) {
      .price { display: none; }
      .unit-price { display: block; }
    }
    section { display: flex; flex-direction: column; gap: 0.5rem; min-height: 0; flex: 1 1 auto; }
    section > * { flex: none; }
    section > .scroll { flex: 1 1 auto; min-height: 4rem; overflow: auto; }
    thead th { position: sticky; top: 0; background: #fff; z-index: 1; }
    tr.selected { background: #fff8e1; box-shadow: inset 6px 0 0 #ffb300; }
    .qty { display: inline-flex; align-items: center; gap: 0.25rem; }
    .qty button { padding: 0; width: 48px; }
    button.remove { padding: 0; width: 48px; }
    .qty output { min-width: 2rem; text-align: center; font-weight: 700; font-size: 1.15rem; }
    .line-name { text-align: left; border: none; background: none; padding: 0.25rem 0; font-weight: 700; min-height: 48px; width: 100%; color: inherit; }
    .line-name[aria-pressed='true']::after { content: ' (selected)'; font-weight: 600; color: var(--warn); }
    /* Two figures a row: the totals take little of the height the lines scroll in. */
    .totals { display: grid; grid-template-columns: auto auto auto auto; gap: 0.15rem 1rem; justify-content: end; }
    .totals .due { font-size: 1.4rem; font-weight: 800; }
    .totals .due-label { grid-column: 1 / span 3; text-align: right; }
    .empty { padding: 1.5rem; text-align: center; }
    .zero td { opacity: 0.6; }
    .delivery { display: inline-block; margin-top: 0.25rem; padding: 0.15rem 0.5rem; border-radius: 6px; border-left: 5px solid; font-size: 0.95rem; font-weight: 600; }
    .delivery.carryOut { background: #eceff1; color: #37474f; border-color: #78909c; }
    .delivery.ship { background: var(--info-bg); color: var(--info); border-color: #1e88e5; }
    .delivery.pickup { background: var(--ok-bg); color: var(--ok); border-color: #43a047; }
    td:first-child { min-width: 6rem; }
    th, td { padding-top: 0.35rem; padding-bottom: 0.35rem; }
    .charges { margin-top: 0.5rem; }
    .small { font-size: 0.9rem; }
    td, th { padding-left: 0.35rem; padding-right: 0.35rem; }
  `];

  @property({ attribute: false }) accessor setup: Setup | null = null;
  @property({ attribute: false }) accessor transaction: Transaction | null = null;
  @property({ attribute: false }) accessor totals: RegisterView['totals'] = null;
  @property({ type: Number }) accessor due = 0;
  /** Lines can be changed (a sale or an edit; not a pickup, a cancellation or a return). */
  @property({ type: Boolean }) accessor editable = false;
  /** Charges can be overridden (CH-4). */
  @property({ type: Boolean }) accessor chargesEditable = false;
  @property({ type: Boolean }) accessor busy = false;

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private chargeLabel(charge: CartCharge): string {
    const code = this.setup?.chargeCodes.find((c) => c.code === charge.chargeCode);
    const what = code?.description || charge.chargeCode;
    const where = charge.level === 'header' ? 'order' : `line ${charge.lineId?.split('-').at(-1) ?? ''}`;
    return `${what} (${where}${charge.source === 'manual' ? ', manual' : ''}${charge.overridden ? ', overridden' : ''})`;
  }

  override render() {
    const setup = this.setup;
    const transaction = this.transaction;
    if (setup === null) return nothing;
    const cart = transaction?.cart;
    const lines = cart?.lines ?? [];
    const currency = setup.currency;
    const selected = cart?.selectedLineId ?? null;
    return html`
      <section aria-labelledby="cart-heading">
        <h3 id="cart-heading" class="sr-only">Cart</h3>
        ${lines.length === 0 ? html`<p class="muted empty">No items yet: find or scan a product to add it.</p>` : html`
          <div class="scroll" tabindex="0"><table>
            <caption class="sr-only">Cart lines</caption>
            <thead><tr>
              <th scope="col">Item</th><th scope="col">Quantity</th><th scope="col" class="money price">Price</th>
              <th scope="col" class="money">Total</th><th scope="col"><span class="sr-only">Remove</span></th>
            </tr></thead>
            <tbody>
              ${lines.map((line) => {
                const amounts = lineAmounts(line, cart!.charges);
                const name = productName(setup, line.productId);
                const isSelected = line.lineId === selected;
                return html`
                  <tr class="${isSelected ? 'selected' : ''} ${line.quantity === 0 ? 'zero' : ''}" data-line=${line.lineId}>
                    <td>
                      ${this.editable ? html`
                        <button type="button" class="line-name" aria-pressed=${isSelected ? 'true' : 'false'} ?disabled=${this.busy}
                          @click=${() => this.emit('select-line', { lineId: isSelected ? null : line.lineId })}>${name}</button>`
                        : html`<strong>${name}</strong>`}
                      <span class="unit-price muted small">${money(line.unitPrice, currency)} each + ${money(amounts.tax, currency)} tax</span>
                      <div><span class="delivery ${line.delivery.kind}">${deliveryText(setup, line.delivery)}</span>
                        ${line.priceLocked ? html`<span class="muted" title="CO-10: the price is kept until Recalculate">Price locked</span>` : null}</div>
                    </td>
                    <td>
                      ${this.editable ? html`
                        <span class="qty">
                          <button type="button" aria-label="One less ${name}" ?disabled=${this.busy || line.quantity <= 1}
                            @click=${() => this.emit('set-quantity', { lineId: line.lineId, quantity: line.quantity - 1 })}>-</button>
                          <output aria-label="Quantity of ${name}">${line.quantity}</output>
                          <button type="button" aria-label="One more ${name}" ?disabled=${this.busy}
                            @click=${() => this.emit('set-quantity', { lineId: line.lineId, quantity: line.quantity + 1 })}>+</button>
                        </span>` : html`<strong>${line.quantity}</strong>`}
                    </td>
                    <td class="money price">${money(line.unitPrice, currency)}<br><span class="muted small">+ ${money(amounts.tax, currency)} tax</span></td>
                    <td class="money"><strong>${money(amounts.total, currency)}</strong></td>
                    <td>${this.editable ? html`
                      <button type="button" class="danger remove" aria-label="Remove ${name}" ?disabled=${this.busy}
                        @click=${() => this.emit('remove-line', { lineId: line.lineId })}>✕</button>` : null}</td>
                  </tr>`;
              })}
            </tbody>
          </table>
          ${(cart?.charges.length ?? 0) === 0 ? null : html`
          <table class="charges">
            <caption style="text-align: left; font-weight: 700; padding: 0.25rem 0">Charges</caption>
            <tbody>
              ${cart!.charges.map((charge) => html`
                <tr data-charge=${charge.key}>
                  <td>${this.chargeLabel(charge)}</td>
                  <td class="money">${money(charge.amount, currency)}</td>
                  <td style="width: 1%">${this.chargesEditable ? html`
                    <button type="button" ?disabled=${this.busy} aria-label="Override ${this.chargeLabel(charge)}"
                      @click=${() => this.emit('override-charge', { key: charge.key, amount: charge.amount, chargeCode: charge.chargeCode })}>Override</button>` : null}</td>
                </tr>`)}
            </tbody>
          </table>`}</div>`}
        ${this.totals === null ? null : html`
          <div class="totals" aria-label="Totals" role="group">
            <span>Subtotal</span><span class="money" data-total="net">${money(this.totals.net, currency)}</span>
            <span>Tax</span><span class="money" data-total="tax">${money(this.totals.tax, currency)}</span>
            <span>Charges</span><span class="money" data-total="charges">${money(this.totals.charges, currency)}</span>
            <span><strong>Total</strong></span><span class="money" data-total="total"><strong>${money(this.totals.total, currency)}</strong></span>
            ${this.totals.orderedTotal > 0 ? html`
              <span class="muted" title="Ship and pickup lines">Ordered</span><span class="money muted">${money(this.totals.orderedTotal, currency)}</span>
              <span class="muted">Carried out</span><span class="money muted">${money(this.totals.carryOutTotal, currency)}</span>` : null}
            ${cart?.depositOverride === null || cart?.depositOverride === undefined ? null : html`
              <span class="muted">Deposit (overridden)</span><span class="money muted" data-total="deposit">${money(cart.depositOverride, currency)}</span>`}
            <span class="due due-label">${this.due < 0 ? 'Refund' : 'Amount due'}</span><span class="money due" data-total="due">${money(Math.abs(this.due), currency)}</span>
          </div>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'till-cart': TillCart }
}
