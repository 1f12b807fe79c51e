/**
 * Returns at the till (RT-1..RT-3):
 * - <return-lookup>: find the original by receipt, order number, channel reference or invoice (RT-1) and start the
 *   return (`register.startReturn`); emits `return-started` with the result, or `close`.
 * - <return-lines>: an order with several invoices first asks which invoice the return is against (CO-16); then the
 *   lines with what can still be returned (invoiced - returned, or that invoice's units - returns against it), the
 *   quantity and the reason code of each line to return (RT-2); emits `return-lines` with
 *   `{ lines: [{ lineId, quantity, reasonCode }], invoiceId? }` (the till sends `register.setReturnLines`, then the refund tender).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { invoicesToChooseFrom, returnableOnInvoice, type ReturnableInvoice } from '../engine/domain/returns.ts';
import type { Setup, StoreApi } from './api.ts';
import { money, screenStyles } from './styles.ts';
import { productName, tillStyles, unreachable, violationText, type RuleViolation, type Transaction } from './till-shared.ts';
import { cancelOrSubmit } from './till-dialog.ts';

export type LookupBy = 'receipt' | 'orderId' | 'channelReference' | 'invoiceId';
const LOOKUPS: [LookupBy, string][] = [['receipt', 'Receipt'], ['orderId', 'Order number'], ['channelReference', 'Channel reference'], ['invoiceId', 'Invoice']];

@customElement('return-lookup')
export class ReturnLookup extends LitElement {
  static override styles = [screenStyles, tillStyles];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  @property({ type: String }) accessor registerId = '';
  @state() accessor by: LookupBy = 'receipt';
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('value') ?? '').trim();
    if (value === '') {
      this.error = { rule: 'RT-1', field: 'lookup.value', message: 'enter the receipt, order number, channel reference or invoice to return against' };
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const answer = await this.api!.command({ type: 'register.startReturn', registerId: this.registerId, lookup: { by: this.by, value } });
      if (!answer.ok) {
        this.error = answer.error;
        return;
      }
      this.dispatchEvent(new CustomEvent('return-started', { detail: answer.result, bubbles: true, composed: true }));
    } catch (error) {
      this.error = unreachable(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <till-dialog heading="Return" size="narrow">
        <form @submit=${this.submit} novalidate style="display: grid; gap: 1rem">
          <fieldset>
            <legend>Find the original by</legend>
            ${LOOKUPS.map(([by, label]) => html`
              <label class="check"><input type="radio" name="by" value=${by} .checked=${this.by === by} @change=${() => { this.by = by; }}> ${label}</label>`)}
          </fieldset>
          <label>${LOOKUPS.find(([by]) => by === this.by)![1]}
            <input name="value" autocomplete="off" aria-invalid=${this.error === null ? 'false' : 'true'} aria-describedby=${this.error === null ? nothing : 'lookup-error'}>
          </label>
          ${this.error === null ? null : html`<div id="lookup-error" class="error" role="alert">${violationText(this.error)}</div>`}
          ${cancelOrSubmit(this, 'Find original', this.busy)}
        </form>
      </till-dialog>`;
  }
}

export interface ReturnLineChoice { lineId: string; quantity: number; reasonCode: string }

@customElement('return-lines')
export class ReturnLines extends LitElement {
  static override styles = [screenStyles, tillStyles, css`
    input[type='number'] { width: 6rem; }
  `];

  @property({ attribute: false }) accessor setup: Setup | null = null;
  /** The register's return transaction. */
  @property({ attribute: false }) accessor transaction: Transaction | null = null;
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @property({ type: Boolean }) accessor busy = false;
  @state() accessor quantities: Record<string, string> = {};
  @state() accessor reasons: Record<string, string> = {};
  @state() accessor problem = '';
  /** CO-16: the invoice chosen to return against (null: none chosen yet, or the original has just one). */
  @state() accessor invoiceId: string | null = null;
  /** The lines last sent, in order (a refusal names `lines.<i>.<field>`). */
  private sent: string[] = [];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('transaction') && this.transaction !== null) {
      const previous = changed.get('transaction') as Transaction | null | undefined;
      if (previous?.transactionId !== this.transaction.transactionId) {
        const chosen = this.transaction.returnLines;
        this.quantities = Object.fromEntries(chosen.map((l) => [l.lineId, String(l.quantity)]));
        this.reasons = Object.fromEntries(chosen.map((l) => [l.lineId, l.reasonCode]));
        this.invoiceId = this.transaction.returnInvoiceId;
      }
    }
  }

  /** CO-16: the invoices to choose from; a choice is asked for only when there are several. */
  private get invoices(): readonly ReturnableInvoice[] {
    const source = this.transaction?.returnOriginal?.source;
    return source === undefined ? [] : invoicesToChooseFrom(source);
  }

  private returnable(lineId: string, invoiced: number): number {
    const source = this.transaction?.returnOriginal?.source;
    const invoice = this.invoices.find((i) => i.invoiceId === this.invoiceId);
    if (source !== undefined && invoice !== undefined) return Math.min(returnableOnInvoice(source, invoice, lineId), this.returnedOf(lineId, invoiced));
    return this.returnedOf(lineId, invoiced);
  }

  /** RT-1: invoiced minus returned, whatever the invoice. */
  private returnedOf(lineId: string, invoiced: number): number {
    const returned = (this.transaction?.returnOriginal?.source.returns ?? [])
      .flatMap((r) => r.lines).filter((l) => l.lineId === lineId).reduce((sum, l) => sum + l.quantity, 0);
    return invoiced - returned;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const source = this.transaction?.returnOriginal?.source;
    if (source === undefined || this.setup === null) return;
    const lines: ReturnLineChoice[] = [];
    for (const line of source.lines) {
      const text = (this.quantities[line.lineId] ?? '').trim();
      if (text === '' || text === '0') continue;
      const quantity = Number(text);
      if (!Number.isInteger(quantity) || quantity < 0) {
        this.problem = `Enter a whole number of units for ${productName(this.setup, line.productId)}`;
        return;
      }
      lines.push({ lineId: line.lineId, quantity, reasonCode: this.reasons[line.lineId] ?? this.setup.returnReasonCodes[0]! });
    }
    if (lines.length === 0) {
      this.problem = 'Enter the quantity to return on at least one line';
      return;
    }
    this.problem = '';
    this.sent = lines.map((l) => l.lineId);
    const detail = this.invoiceId === null ? { lines } : { lines, invoiceId: this.invoiceId };
    this.dispatchEvent(new CustomEvent('return-lines', { detail, bubbles: true, composed: true }));
  }

  /** The server's refusal when it names this line (`lines.<i>.quantity`). */
  private errorOf(lineId: string): RuleViolation | null {
    const match = /^lines\.(\d+)\./.exec(this.error?.field ?? '');
    return match !== null && this.sent[Number(match[1])] === lineId ? this.error : null;
  }

  override render() {
    const setup = this.setup;
    const transaction = this.transaction;
    const original = transaction?.returnOriginal;
    if (setup === null || original === null || original === undefined) return nothing;
    const placed = this.error !== null && this.sent.some((id) => this.errorOf(id) !== null);
    const chosen = new Map(transaction!.returnLines.map((l) => [l.lineId, l]));
    const invoices = this.invoices;
    const choosing = invoices.length > 1;
    const invoice = invoices.find((i) => i.invoiceId === this.invoiceId);
    const lines = invoice === undefined ? original.source.lines : original.source.lines.filter((l) => invoice.lines.some((i) => i.lineId === l.lineId));
    return html`
      <form class="panel" @submit=${this.submit} novalidate style="display: grid; gap: 0.75rem" aria-labelledby="return-heading">
        <h3 id="return-heading">Return against ${original.kind === 'order' ? 'order' : 'receipt'} ${original.id}</h3>
        ${choosing ? html`
          <fieldset class="invoices">
            <legend>This order was invoiced ${invoices.length} times: choose the invoice the goods come back from</legend>
            ${invoices.map((i) => html`
              <label class="check"><input type="radio" name="invoice" value=${i.invoiceId} .checked=${this.invoiceId === i.invoiceId}
                @change=${() => { this.invoiceId = i.invoiceId; this.quantities = {}; }}>
                ${i.invoiceId}: ${i.lines.map((l) => `${l.quantity} x ${productName(setup, original.source.lines.find((s) => s.lineId === l.lineId)?.productId ?? l.lineId)}`).join(', ')}</label>`)}
          </fieldset>` : null}
        ${choosing && invoice === undefined ? html`<p class="muted" role="status">Choose the invoice first, then the lines.</p>` : html`
        <table>
          <caption class="sr-only">Lines of the original</caption>
          <thead><tr>
            <th scope="col">Item</th><th scope="col">Sold</th><th scope="col">Returnable</th><th scope="col">Return</th><th scope="col">Reason</th>
          </tr></thead>
          <tbody>
            ${lines.map((line) => {
              const returnable = this.returnable(line.lineId, line.invoiced);
              const error = this.errorOf(line.lineId);
              const name = productName(setup, line.productId);
              return html`
                <tr data-line=${line.lineId}>
                  <td><strong>${name}</strong><br><span class="muted">${money(line.unitPrice, setup.currency)} each${chosen.has(line.lineId) ? ' - chosen' : ''}</span></td>
                  <td>${line.quantity}</td>
                  <td>${returnable}</td>
                  <td>
                    <input type="number" min="0" max=${returnable} step="1" aria-label="Units of ${name} to return" .value=${this.quantities[line.lineId] ?? ''}
                      ?disabled=${returnable <= 0} @input=${(e: Event) => { this.quantities = { ...this.quantities, [line.lineId]: (e.target as HTMLInputElement).value }; }}
                      aria-invalid=${error === null ? 'false' : 'true'} aria-describedby=${error === null ? nothing : `return-error-${line.lineId}`}>
                    ${error === null ? null : html`<div id="return-error-${line.lineId}" class="field-error" role="alert">${violationText(error)}</div>`}
                  </td>
                  <td>
                    <select aria-label="Reason for returning ${name}" ?disabled=${returnable <= 0}
                      @change=${(e: Event) => { this.reasons = { ...this.reasons, [line.lineId]: (e.target as HTMLSelectElement).value }; }}>
                      ${setup.returnReasonCodes.map((code) => html`<option value=${code} ?selected=${(this.reasons[line.lineId] ?? setup.returnReasonCodes[0]) === code}>${code}</option>`)}
                    </select>
                  </td>
                </tr>`;
            })}
          </tbody>
        </table>`}
        ${this.problem === '' ? null : html`<div class="error" role="alert">${this.problem}</div>`}
        ${this.error === null || placed ? null : html`<div class="error" role="alert">${violationText(this.error)}</div>`}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy || (choosing && invoice === undefined)}>Apply return lines</button></div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'return-lookup': ReturnLookup; 'return-lines': ReturnLines }
}
