/**
 * <back-office-invoices>: posted invoices (SM-12..SM-14). The list, each printable; a collective invoice for one
 * invoice account from the packing slips of its orders not invoiced yet (ticked one by one); and a free text invoice
 * (main account, text and amount per line, a sales tax group and an item tax group), posted, or printed first as a
 * pro forma that posts nothing.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoney } from '../engine/domain/money.ts';
import type { InvoiceRow, InvoiceView, PackingSlipView, ProFormaInvoiceView } from '../engine/protocol/sales.ts';
import type { OfficeCommand } from './back-office-client.ts';
import { OfficeTab, officeMoney } from './back-office-kit.ts';
import './back-office-print.ts';
import { parseMoney } from './till-shared.ts';

type FreeTextInvoice = Extract<OfficeCommand, { type: 'sales.freeTextInvoice' }>;
type FreeTextLine = FreeTextInvoice['lines'][number];

@customElement('back-office-invoices')
export class BackOfficeInvoices extends OfficeTab {
  @state() accessor rows: InvoiceRow[] = [];
  @state() accessor openSlips: PackingSlipView[] = [];
  /** SM-12: a collective invoice is for one account: the account chosen, and its slips ticked. */
  @state() accessor account = '';
  @state() accessor slips: ReadonlySet<string> = new Set();
  @state() accessor freeTextLines: FreeTextLine[] = [];
  @state() accessor problem = '';
  @state() accessor printing: InvoiceView | ProFormaInvoiceView | null = null;

  protected async load(): Promise<void> {
    [this.rows, this.openSlips] = await Promise.all([this.office.invoices(), this.office.openPackingSlips()]);
  }

  private async print(invoiceId: string): Promise<void> {
    this.printing = await this.reading(() => this.office.invoice(invoiceId));
  }

  private tick(packingSlipId: string, on: boolean): void {
    const next = new Set(this.slips);
    if (on) next.add(packingSlipId); else next.delete(packingSlipId);
    this.slips = next;
  }

  private async collective(): Promise<void> {
    const done = await this.run({ type: 'sales.collectiveInvoice', customerAccount: this.account, salesOrderIds: [], packingSlipIds: [...this.slips] },
      (r) => `Collective invoice ${String(r.invoiceId ?? '')} posted for account ${this.account}.`);
    if (done) this.slips = new Set();
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`form[aria-label="Free text invoice"] [name="${name}"]`)?.value.trim() ?? '';
  }

  private addFreeTextLine(): void {
    const amount = parseMoney(this.field('amount'), true);
    if (this.field('mainAccount') === '') { this.problem = 'Main account: enter the account the line posts to'; return; }
    if (this.field('text') === '') { this.problem = 'Text: say what the line is for'; return; }
    if (amount === null) { this.problem = 'Amount: enter an amount such as 120.00'; return; }
    this.problem = '';
    this.freeTextLines = [...this.freeTextLines, { mainAccount: this.field('mainAccount'), text: this.field('text'), amount }];
    for (const name of ['text', 'amount']) this.renderRoot.querySelector<HTMLInputElement>(`form[aria-label="Free text invoice"] [name="${name}"]`)!.value = '';
  }

  private freeText(): Omit<FreeTextInvoice, 'type'> {
    return { customerAccount: this.field('customerAccount'), salesTaxGroup: this.field('salesTaxGroup'), itemTaxGroup: this.field('itemTaxGroup'), lines: this.freeTextLines };
  }

  private async proForma(): Promise<void> {
    const answer = await this.office.proForma({ freeText: this.freeText() });
    if (answer.ok) this.printing = answer.value;
    else this.error = answer.error;
  }

  private async post(event: Event): Promise<void> {
    event.preventDefault();
    const done = await this.run({ type: 'sales.freeTextInvoice', ...this.freeText() }, (r) => `Free text invoice ${String(r.invoiceId ?? '')} posted.`);
    if (done) this.freeTextLines = [];
  }

  override render() {
    const accounts = [...new Set(this.openSlips.map((s) => s.customerAccount))];
    // The print page goes over the tab, which stays as it was (a free text invoice being entered) for after.
    return html`
      ${this.printing === null ? nothing : html`<back-office-print .document=${this.printing} @print-close=${() => { this.printing = null; }}></back-office-print>`}
      <div ?hidden=${this.printing !== null}>
      ${this.outcome()}
      <div class="split">
        <section class="panel" aria-labelledby="invoices-heading">
          <h2 id="invoices-heading">Invoices</h2>
          ${this.rows.length === 0 ? html`<p class="muted">No invoice posted yet.</p>` : html`
            <table aria-label="Invoices">
              <thead><tr><th>Invoice</th><th>Customer</th><th>Kind</th><th class="num">Total</th><th></th></tr></thead>
              <tbody>${this.rows.map((i) => html`
                <tr data-invoice=${i.invoiceId}>
                  <td>${i.invoiceId}<br><span class="muted">${i.postedOn}</span></td>
                  <td>${i.customerName}<br><span class="muted">${i.customerAccount}</span></td>
                  <td>${i.kind}${i.packingSlipIds.length === 0 ? '' : html`<br><span class="muted">${i.packingSlipIds.join(', ')}</span>`}</td>
                  <td class="num">${officeMoney(i.total)}</td>
                  <td><button @click=${() => this.print(i.invoiceId)} aria-label="Print invoice ${i.invoiceId}">Print</button></td>
                </tr>`)}</tbody>
            </table>`}
        </section>
        <div class="stack">
          <section class="panel" aria-labelledby="collective-heading">
            <h2 id="collective-heading">Collective invoice</h2>
            ${accounts.length === 0 ? html`<p class="muted">No packing slip waits for its invoice.</p>` : html`
              <label>Invoice account<select name="account" @change=${(e: Event) => { this.account = (e.target as HTMLSelectElement).value; this.slips = new Set(); }}>
                <option value="">Choose an account</option>
                ${accounts.map((a) => html`<option value=${a} ?selected=${a === this.account}>${a}</option>`)}
              </select></label>
              ${this.account === '' ? nothing : html`
                <ul class="slips" aria-label="Packing slips of ${this.account}">${this.openSlips.filter((s) => s.customerAccount === this.account).map((s) => html`
                  <li><label class="check"><input type="checkbox" .checked=${this.slips.has(s.packingSlipId)}
                    @change=${(e: Event) => this.tick(s.packingSlipId, (e.target as HTMLInputElement).checked)}>
                    Packing slip ${s.packingSlipId} · order ${s.salesOrderId} · ${s.postedOn}</label></li>`)}</ul>
                <button class="primary" ?disabled=${this.slips.size === 0} @click=${() => this.collective()}>Post collective invoice</button>`}`}
          </section>
          ${this.renderFreeText()}
        </div>
      </div>
      </div>`;
  }

  private renderFreeText() {
    const total = this.freeTextLines.reduce((n, l) => n + l.amount, 0);
    return html`
      <section class="panel" aria-labelledby="free-text-heading">
        <h2 id="free-text-heading">Free text invoice</h2>
        <form class="stack" aria-label="Free text invoice" @submit=${this.post}>
          <div class="row">
            <label>Customer account<input name="customerAccount" autocomplete="off"></label>
            <label>Sales tax group<input name="salesTaxGroup" autocomplete="off"></label>
            <label>Item tax group<input name="itemTaxGroup" autocomplete="off"></label>
          </div>
          ${this.freeTextLines.length === 0 ? html`<p class="muted">No line yet.</p>` : html`
            <table aria-label="Free text lines">
              <tbody>${this.freeTextLines.map((l, i) => html`<tr><td>${l.mainAccount}</td><td>${l.text}</td><td class="num">${formatMoney(l.amount, this.office.currency)}</td>
                <td><button type="button" aria-label="Remove line ${i + 1}" @click=${() => { this.freeTextLines = this.freeTextLines.filter((_, at) => at !== i); }}>Remove</button></td></tr>`)}</tbody>
              <tfoot><tr><td colspan="2">Before tax</td><td class="num">${formatMoney(total, this.office.currency)}</td><td></td></tr></tfoot>
            </table>`}
          <div class="row" style="align-items: end">
            <label>Main account<input name="mainAccount" autocomplete="off"></label>
            <label>Text<input name="text" autocomplete="off"></label>
            <label>Amount<input name="amount" inputmode="decimal" autocomplete="off"></label>
            <button type="button" @click=${() => this.addFreeTextLine()}>Add line</button>
          </div>
          ${this.problem === '' ? nothing : html`<div class="warning" role="alert">${this.problem}</div>`}
          <div class="row">
            <button type="button" @click=${() => this.proForma()}>Pro forma</button>
            <button class="primary" type="submit">Post invoice</button>
          </div>
        </form>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-invoices': BackOfficeInvoices }
}
