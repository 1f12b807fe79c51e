/**
 * <receipt-view .receipt>: the printed receipt of a till transaction (sale, order deposit, edit, pickup, return,
 * cancellation) at 80 mm, in the store's currency, and `printReceipt`, which prints just the receipt through a
 * hidden frame (the browser's print view of an 80 mm page).
 */
import { LitElement, css, html, render, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReceiptDocument } from '../engine/domain/receipt-document.ts';
import { TENDER_NAMES } from './shift-report-view.ts';
import { money } from './styles.ts';

const RECEIPT_CSS = `
  .receipt { width: 72mm; padding: 4mm; margin: 0 auto; background: #fff; color: #000; font: 12px/1.35 ui-monospace, 'DejaVu Sans Mono', monospace; }
  .receipt h3 { text-align: center; margin: 0 0 1mm; font-size: 14px; }
  .receipt .center { text-align: center; }
  .receipt table { width: 100%; border-collapse: collapse; }
  .receipt td { padding: 0.3mm 0; vertical-align: top; }
  .receipt td.amount { text-align: right; white-space: nowrap; }
  .receipt .rule { border-top: 1px dashed #000; margin: 2mm 0; }
  .receipt .total td { font-weight: 700; font-size: 13px; }
  .receipt .detail { color: #333; padding-left: 3mm; }
`;

const TITLES: Record<ReceiptDocument['kind'], string> = {
  sale: 'Sale', orderEdit: 'Order change', cancellation: 'Order cancellation', pickup: 'Pickup', return: 'Return',
};

/** What the receipt is of, in words: a sale, a customer order, a quote, a pickup... */
export function receiptTitle(receipt: ReceiptDocument): string {
  if (receipt.isQuote) return 'Quote';
  return receipt.kind === 'sale' && receipt.order !== null ? 'Customer order' : TITLES[receipt.kind];
}

const when = (at: number) => new Date(at).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The receipt's content (also what `printReceipt` prints). */
export function receiptTemplate(receipt: ReceiptDocument): TemplateResult {
  const m = (amount: number) => money(amount, receipt.currency);
  const row = (label: string, amount: number, testId = '') => html`<tr><td>${label}</td><td class="amount" data-testid=${testId}>${m(amount)}</td></tr>`;
  const reference = receipt.rmaNumber !== null ? `Return ${receipt.rmaNumber}` : receipt.invoiceId !== null ? `Invoice ${receipt.invoiceId}` : receipt.receiptId !== null ? `Receipt ${receipt.receiptId}` : `Transaction ${receipt.transactionId}`;
  const paidOrRefunded = receipt.due < 0 ? 'Refunded' : 'Paid now';
  return html`
    <div class="receipt" data-testid="receipt">
      <h3>${receipt.storeName}</h3>
      <div class="center">${receiptTitle(receipt)}</div>
      <div class="center">${reference}</div>
      <div class="center">${when(receipt.at)}</div>
      <div class="center">Register ${receipt.registerId} - shift ${receipt.shiftId ?? '-'} - ${receipt.operatorId}</div>
      <div class="rule"></div>
      <table>
        ${receipt.lines.map((line) => html`
          <tr><td>${line.description}</td><td class="amount">${m(line.net)}</td></tr>
          <tr><td class="detail" colspan="2">${line.quantity} x ${m(line.unitPrice)}${line.charges === 0 ? '' : html`, charges ${m(line.charges)}`}</td></tr>`)}
      </table>
      <div class="rule"></div>
      <table>
        ${row('Subtotal', receipt.net)}
        ${row('Charges', receipt.charges)}
        ${row('Tax', receipt.tax)}
        <tr class="total"><td>${receipt.kind === 'cancellation' ? 'Cancellation charge' : 'Total'}</td><td class="amount" data-testid="receipt-total">${m(receipt.total)}</td></tr>
      </table>
      ${receipt.order === null ? null : html`
        <div class="rule"></div>
        <table>
          <tr><td>Order</td><td class="amount" data-testid="receipt-order">${receipt.order.orderId}</td></tr>
          <tr><td>Confirmation</td><td class="amount">${receipt.order.channelReference}</td></tr>
          ${row('Order total', receipt.order.total)}
          ${row('Paid on the order', receipt.order.paid)}
          ${row('Balance due', receipt.order.balanceDue, 'receipt-balance')}
        </table>`}
      <div class="rule"></div>
      <table>
        ${row(paidOrRefunded, receipt.due)}
        ${receipt.tenders.map((t) => row(TENDER_NAMES[t.method], t.amount))}
        ${receipt.change === 0 ? null : row('Change', receipt.change, 'receipt-change')}
      </table>
      <div class="rule"></div>
      <div class="center">Thank you</div>
    </div>`;
}

/** Prints the receipt alone: an 80 mm page in a hidden frame, removed once the print view closes. */
export function printReceipt(receipt: ReceiptDocument): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position: fixed; width: 0; height: 0; border: 0; right: 0; bottom: 0;';
  document.body.append(frame);
  const doc = frame.contentDocument!;
  const style = doc.createElement('style');
  style.textContent = `@page { size: 80mm auto; margin: 0; } body { margin: 0; } ${RECEIPT_CSS}`;
  doc.head.append(style);
  render(receiptTemplate(receipt), doc.body);
  frame.contentWindow!.addEventListener('afterprint', () => frame.remove());
  frame.contentWindow!.print();
}

@customElement('receipt-view')
export class ReceiptView extends LitElement {
  static override styles = [css`:host { display: block; background: #eceff1; padding: 0.5rem; max-height: 60vh; overflow: auto; }`, unsafeCSS(RECEIPT_CSS)];

  @property({ attribute: false }) accessor receipt: ReceiptDocument | null = null;

  override render() {
    return this.receipt === null ? null : receiptTemplate(this.receipt);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'receipt-view': ReceiptView }
}
