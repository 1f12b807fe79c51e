/**
 * <pickup-checkout>: FF-6 pick up at the store's register, as an in-page modal dialog (modal-frame.ts) of the
 * fulfilment screen.
 *
 * 1. The quantities to hand over (prefilled with everything not yet invoiced at this store; less = pick up selected).
 * 2. `register.recallOrder {purpose: 'pickup'}` at the session's register loads the whole order in the till's cart
 *    (lines not picked up now at quantity 0) and answers the amount due for the balance.
 * 3. `register.tender` for that amount (cash or card; nothing due: a zero payment) invoices the lines; or
 *    `register.void` leaves the order as it was.
 * A register without an open shift is offered to the signed-in operator; a register busy with another transaction
 * is left alone. Every refusal is shown in place with the server's rule and message.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { FulfillmentListRow } from '../engine/protocol/views.ts';
import { collectorText } from '../engine/domain/collector.ts';
import { uninvoicedQuantity } from '../engine/domain/fulfillment.ts';
import type { OrderRow, StoreApi } from './api.ts';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { readQuantities } from './quantity-dialog.ts';
import { refusal, sendCommand, violationOf } from './screen-kit.ts';
import { money, screenStyles } from './styles.ts';

type Step = 'choose' | 'openShift' | 'pay' | 'done';

/** What GET /api/registers/:id answers (the parts this dialog reads). */
interface RegisterRead {
  register: {
    state: unknown;
    operatorId: string | null;
    due: number;
    transaction: { transactionId: string; kind: string; order: { orderId: string } | null; tenders: { amount: number }[] } | null;
  };
}

export type PickupClosed = CustomEvent<{ completed: boolean }>;

@customElement('pickup-checkout')
export class PickupCheckout extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { --modal-width: 36rem; }
    .body { display: grid; gap: 1rem; }
    .item { display: grid; grid-template-columns: 1fr auto; gap: 0.75rem; align-items: center; }
    .item input { width: 7rem; font-size: 1.5rem; text-align: right; }
    .due { font-size: 2.5rem; font-weight: 800; font-variant-numeric: tabular-nums; margin: 0; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor orderId = '';
  /** The order as lists show it (customer, confirmation number), when known. */
  @property({ attribute: false }) accessor order: OrderRow | undefined = undefined;
  /** The order's pickup lines at this location. */
  @property({ attribute: false }) accessor lines: FulfillmentListRow[] = [];
  @property({ attribute: false }) accessor productName: (productId: string) => string = (id) => id;

  @state() accessor step: Step = 'choose';
  @state() accessor due = 0;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;
  @state() accessor invalid = '';
  @state() accessor outcome: { invoiceId: string | null; change: number } | null = null;
  /** The quantities chosen in step 1 (undefined: everything, i.e. `lines` left out of the recall). */
  private chosen: { lineId: string; quantity: number }[] | undefined = undefined;

  private readonly frame = new ModalFrame(this, { dismiss: () => this.onEscape() });

  private get registerId(): string {
    return this.api?.setup.session.registerId ?? '';
  }

  private get currency(): string {
    return this.api?.setup.currency ?? 'USD';
  }

  private close(completed: boolean): void {
    this.dispatchEvent(new CustomEvent('pickup-close', { detail: { completed }, bubbles: true, composed: true }));
  }

  /** Esc: leaves at once before the recall or after the tender; in between the till holds the order (void it). */
  private onEscape(): void {
    if (this.step === 'choose' || this.step === 'openShift') this.close(false);
    else if (this.step === 'done') this.close(true);
  }

  private pickable(): FulfillmentListRow[] {
    return this.lines.filter((l) => uninvoicedQuantity(l.progress) > 0);
  }

  /** Step 1 read: the lines and quantities to hand over (undefined: everything), or why not. */
  private chosenLines(): { lineId: string; quantity: number }[] | undefined | string {
    const pickable = this.pickable();
    const quantities = readQuantities(pickable.map((line) => ({
      key: line.lineId, label: this.productName(line.productId), min: 0, max: uninvoicedQuantity(line.progress),
      input: this.renderRoot.querySelector<HTMLInputElement>(`input[data-line="${CSS.escape(line.lineId)}"]`),
    })));
    if (typeof quantities === 'string') return quantities;
    if (pickable.every((line) => quantities[line.lineId] === uninvoicedQuantity(line.progress))) return undefined;
    return pickable.map((line) => ({ lineId: line.lineId, quantity: quantities[line.lineId]! })).filter((l) => l.quantity > 0);
  }

  private async start(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const chosen = this.chosenLines();
    if (typeof chosen === 'string') {
      this.invalid = chosen;
      return;
    }
    this.invalid = '';
    this.chosen = chosen;
    await this.run(async (api) => {
      const { register } = await api.get<RegisterRead>(`registers/${this.registerId}`);
      const transaction = register.transaction;
      if (register.state === 'closed') {
        this.step = 'openShift';
        return;
      }
      if (transaction !== null) {
        if (transaction.kind === 'pickup' && transaction.order?.orderId === this.orderId) {
          // This order is already in the till's cart (a pickup left half-way): take the payment for it.
          this.due = register.due - transaction.tenders.reduce((sum, t) => sum + t.amount, 0);
          this.step = 'pay';
          return;
        }
        this.error = { rule: 'STATE', field: 'registerId', message: `register ${this.registerId} is in the middle of transaction ${transaction.transactionId}: finish or void it at the till first` };
        return;
      }
      await this.recall(api);
    });
  }

  private async openShiftAndRecall(): Promise<void> {
    await this.run(async (api) => {
      const answer = await sendCommand(api, { type: 'register.openShift', registerId: this.registerId, operatorId: api.setup.session.operatorId });
      if (!answer.ok) {
        this.error = answer.error;
        return;
      }
      await this.recall(api);
    });
  }

  private async recall(api: StoreApi): Promise<void> {
    const answer = await sendCommand(api, {
      type: 'register.recallOrder', registerId: this.registerId, orderId: this.orderId, purpose: 'pickup',
      ...(this.chosen === undefined ? {} : { lines: this.chosen }),
    });
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.due = Number(answer.result.due ?? 0);
    this.step = 'pay';
  }

  private async tender(method: 'cash' | 'card'): Promise<void> {
    await this.run(async (api) => {
      const answer = await sendCommand(api, { type: 'register.tender', registerId: this.registerId, method, amount: this.due });
      if (!answer.ok) {
        this.error = answer.error;
        return;
      }
      if (answer.result.completed === false) {
        this.error = { rule: 'STATE', message: 'the till did not complete the pickup: check the register' };
        return;
      }
      this.outcome = { invoiceId: typeof answer.result.invoiceId === 'string' ? answer.result.invoiceId : null, change: Number(answer.result.change ?? 0) };
      this.step = 'done';
    });
  }

  private async voidPickup(): Promise<void> {
    await this.run(async (api) => {
      const answer = await sendCommand(api, { type: 'register.void', registerId: this.registerId });
      if (!answer.ok) {
        this.error = answer.error;
        return;
      }
      this.close(false);
    });
  }

  private async run(work: (api: StoreApi) => Promise<void>): Promise<void> {
    if (this.api === null || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await work(this.api);
    } catch (error) {
      this.error = violationOf(error);
    } finally {
      this.busy = false;
    }
  }

  private customer(): string {
    return this.order?.customerName ?? 'the customer';
  }

  /** CO-15: the people named to collect the lines (the customer stays the buyer). */
  private collectors(): string[] {
    return [...new Set(this.pickable().flatMap((l) => (l.collector === undefined ? [] : [collectorText(l.collector)])))];
  }

  override render() {
    const reference = this.order?.channelReference;
    return this.frame.render(`Pick up ${this.orderId}`, html`
      ${this.renderStep()}
      ${this.invalid === '' ? null : html`<div class="warning" role="alert">${this.invalid}</div>`}
      ${refusal(this.error)}`,
    { intro: html`<p class="muted">${this.customer()}${reference === undefined ? '' : `, confirmation ${reference}`}. Paid at register ${this.registerId}.</p>
      ${this.collectors().map((c) => html`<p class="notice" data-collector style="margin: 0.25rem 0 0">Collected by ${c} for ${this.customer()}</p>`)}` });
  }

  private renderStep() {
    switch (this.step) {
      case 'choose':
        return html`
          <form class="body" @submit=${this.start} novalidate>
            ${this.pickable().map((line) => html`
              <label class="item">
                <span>${this.productName(line.productId)}<br><span class="muted" style="font-weight: 400">${uninvoicedQuantity(line.progress)} to hand over, ${line.progress.picked} picked</span></span>
                <input type="number" inputmode="numeric" min="0" max=${uninvoicedQuantity(line.progress)} step="1" data-line=${line.lineId}
                  .value=${String(uninvoicedQuantity(line.progress))}>
              </label>`)}
            <div class="actions">
              <button type="button" @click=${() => this.close(false)}>Cancel</button>
              <button type="submit" class="primary" ?disabled=${this.busy}>Recall at register ${this.registerId}</button>
            </div>
          </form>`;
      case 'openShift':
        return html`
          <p class="warning" style="margin: 0">Register ${this.registerId} has no open shift.</p>
          <div class="actions">
            <button type="button" @click=${() => this.close(false)}>Cancel</button>
            <button type="button" class="primary" ?disabled=${this.busy} @click=${this.openShiftAndRecall}>Open shift as ${this.api?.setup.session.name ?? ''} and recall</button>
          </div>`;
      case 'pay':
        return html`
          <div>
            <p class="muted" style="margin: 0">${this.due >= 0 ? 'Amount due' : 'To refund'}</p>
            <p class="due" data-due=${this.due}>${money(Math.abs(this.due), this.currency)}</p>
          </div>
          <div class="actions">
            <button type="button" class="danger" ?disabled=${this.busy} @click=${this.voidPickup}>Void</button>
            ${this.due > 0 ? html`
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.tender('cash')}>Cash ${money(this.due, this.currency)}</button>
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.tender('card')}>Card ${money(this.due, this.currency)}</button>`
            : this.due === 0 ? html`
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.tender('cash')}>Hand over (nothing due)</button>`
            : html`
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.tender('cash')}>Refund ${money(-this.due, this.currency)} cash</button>`}
          </div>`;
      case 'done':
        return html`
          <div class="notice" role="status">
            Handed over to ${this.customer()}${this.outcome?.invoiceId ? html`, invoice ${this.outcome.invoiceId}` : null}.
            ${this.outcome !== null && this.outcome.change > 0 ? html`Change: ${money(this.outcome.change, this.currency)}.` : null}
          </div>
          <div class="actions"><button type="button" class="primary" @click=${() => this.close(true)}>Done</button></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pickup-checkout': PickupCheckout }
}
