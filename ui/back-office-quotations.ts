/**
 * <back-office-quotations>: quotations (SM-6). The list with status and expiry; a new quotation for a customer or a
 * prospect (its lines may be released against a commitment of an effective agreement, SM-8); a quotation opened with
 * its lines and the actions the office offers now: send (again), confirm into a sales order (optionally picked up at a
 * store), lose or cancel with a reason, extend the expiry date, change its lines while Created or Sent (the office
 * prices the new list again and the lines show the prices it resolved).
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { OfferedAction, PartyView, QuotationDetail, QuotationRow } from '../engine/protocol/sales.ts';
import type { FormField } from './back-office-form-dialog.ts';
import { ListDetailTab, actionName, officeMoney, offeredActions } from './back-office-kit.ts';
import { commitmentChoices, type BackOfficeLines, type CommitmentChoice } from './back-office-lines.ts';
import './back-office-lines.ts';

const KEEP_OR_REMOVE = [{ value: 'keep', label: 'Keep' }, { value: 'remove', label: 'Remove' }];
const wholeUnits = (text: string) => /^\d+$/.test(text) && Number(text) >= 1;

/** SM-6: each line's quantity and whether it stays, and one new line; the office prices them all when they come. */
function lineFields(d: QuotationDetail): FormField[] {
  return [
    ...d.lines.flatMap((l): FormField[] => [
      { name: `quantity-${l.lineId}`, label: `${l.productName}: quantity`, type: 'number', value: String(l.quantity) },
      { name: `keep-${l.lineId}`, label: `${l.productName}: keep or remove`, type: 'select', value: 'keep', options: KEEP_OR_REMOVE },
    ]),
    { name: 'productId', label: 'New line: item (optional)', optional: true },
    { name: 'quantity', label: 'New line: quantity', type: 'number', value: '1', optional: true },
    { name: 'requestedShipDate', label: 'New line: ship date', type: 'date', value: d.lines[0]?.requestedShipDate ?? '', optional: true },
  ];
}

/** SM-6: what the dialog itself finds wrong before anything is sent (a quantity that is not one, no line left), field named. */
function checkLines(d: QuotationDetail, v: Record<string, string>): RuleViolation | null {
  const kept = d.lines.filter((l) => v[`keep-${l.lineId}`] === 'keep');
  const bad = kept.find((l) => !wholeUnits(v[`quantity-${l.lineId}`]!));
  if (bad !== undefined) return { rule: 'VALIDATION', field: `quantity-${bad.lineId}`, message: `${bad.productName}: enter a whole number of 1 or more` };
  if (v.productId !== '') {
    if (!wholeUnits(v.quantity!)) return { rule: 'VALIDATION', field: 'quantity', message: 'New line quantity: enter a whole number of 1 or more' };
    if (v.requestedShipDate === '') return { rule: 'VALIDATION', field: 'requestedShipDate', message: 'New line ship date: choose a day' };
  }
  if (kept.length === 0 && v.productId === '') return { rule: 'VALIDATION', field: 'lines', message: 'A quotation needs at least one line: keep one or add one' };
  return null;
}

@customElement('back-office-quotations')
export class BackOfficeQuotations extends ListDetailTab<QuotationRow, QuotationDetail> {
  @state() accessor creating = false;
  /** SM-8: the commitments of effective agreements a new quotation's lines may be released against. */
  @state() accessor commitments: CommitmentChoice[] = [];
  /** SM-6 / MK-1: the parties a new quotation may be for, offered as the party id is typed. */
  @state() accessor parties: PartyView[] = [];

  protected readRows() { return this.office.quotations(); }
  protected readDetail(id: string) { return this.office.quotation(id); }

  protected override forget(): void {
    this.creating = false;
  }

  private async startNew(): Promise<void> {
    this.creating = true;
    this.chosenId = null;
    this.detail = null;
    // Without these choices the form still works: the party id and the lines are typed.
    const choices = await this.reading(async () => {
      const effective = (await this.office.agreements()).filter((a) => a.status === 'Effective');
      return { commitments: (await Promise.all(effective.map((a) => this.office.agreement(a.agreementId)))).flatMap(commitmentChoices), parties: (await this.office.pipeline()).prospects };
    });
    this.commitments = choices?.commitments ?? [];
    this.parties = choices?.parties ?? [];
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const lines = this.renderRoot.querySelector<BackOfficeLines>('back-office-lines')?.lines ?? [];
    const done = await this.run({ type: 'sales.createQuotation', partyId: value('partyId'), expiryDate: value('expiryDate'), lines },
      (r) => `Quotation ${String(r.quotationId ?? '')} created.`);
    if (done) this.creating = false;
  }

  private act(d: QuotationDetail, action: OfferedAction): void {
    const quotationId = d.quotationId;
    const reasonAsked = (type: 'sales.loseQuotation' | 'sales.cancelQuotation', heading: string, done: string) => this.ask({
      heading, confirmLabel: heading, danger: true, fields: [{ name: 'reason', label: 'Reason' }],
      command: (v) => ({ type, quotationId, reason: v.reason! }), done,
    });
    switch (actionName(action)) {
      case 'sendQuotation': void this.run({ type: 'sales.sendQuotation', quotationId }, `Quotation ${quotationId} sent.`); return;
      case 'loseQuotation': reasonAsked('sales.loseQuotation', 'Mark as lost', `Quotation ${quotationId} is lost.`); return;
      case 'cancelQuotation': reasonAsked('sales.cancelQuotation', 'Cancel quotation', `Quotation ${quotationId} is cancelled.`); return;
      case 'changeQuotationLines':
        this.ask({
          heading: `Change the lines of quotation ${quotationId}`, intro: 'The office prices the lines again when they are saved; the prices it found show below.',
          confirmLabel: 'Save lines', fields: lineFields(d), check: (v) => checkLines(d, v),
          command: (v) => ({
            type: 'sales.changeQuotationLines', quotationId,
            lines: [
              ...d.lines.filter((l) => v[`keep-${l.lineId}`] === 'keep')
                .map((l) => ({ productId: l.productId, quantity: Number(v[`quantity-${l.lineId}`]), requestedShipDate: l.requestedShipDate, warehouseId: l.warehouseId })),
              ...(v.productId === '' ? [] : [{ productId: v.productId!, quantity: Number(v.quantity), requestedShipDate: v.requestedShipDate! }]),
            ],
          }),
          done: `Quotation ${quotationId}: lines saved and priced by the office.`,
        });
        return;
      case 'extendQuotation':
        this.ask({
          heading: 'Extend the expiry date', confirmLabel: 'Extend', fields: [{ name: 'expiryDate', label: 'New expiry date', type: 'date', value: d.expiryDate }],
          command: (v) => ({ type: 'sales.extendQuotation', quotationId, expiryDate: v.expiryDate! }), done: `Quotation ${quotationId} now expires later.`,
        });
        return;
      case 'confirmQuotation':
        this.ask({
          heading: 'Confirm into a sales order', intro: 'The order takes the quotation\u2019s lines and prices. Leave the store empty to ship from the warehouse.',
          confirmLabel: 'Confirm', fields: [{ name: 'pickupStoreId', label: 'Picked up at store (optional)', optional: true }],
          command: (v) => ({ type: 'sales.confirmQuotation', quotationId, ...(v.pickupStoreId === '' ? {} : { pickupStoreId: v.pickupStoreId! }) }),
          done: (r) => `Quotation ${quotationId} confirmed: sales order ${String(r.salesOrderId ?? '')}.`,
        });
    }
  }

  override render() {
    return html`
      ${this.outcome()}
      <div class="split">
        <section class="panel" aria-labelledby="quotations-heading">
          <h2 id="quotations-heading">Quotations</h2>
          <button class="primary" @click=${() => this.startNew()}>New quotation</button>
          ${this.rows.length === 0 ? html`<p class="muted">No quotation yet.</p>` : html`
            <table aria-label="Quotations">
              <thead><tr><th>Quotation</th><th>For</th><th>Status</th><th>Expires</th><th class="num">Total</th></tr></thead>
              <tbody>${this.rows.map((q) => html`
                <tr data-quotation=${q.quotationId} class=${q.quotationId === this.chosenId ? 'chosen' : ''}>
                  <td><button @click=${() => this.choose(q.quotationId)} aria-label="Open quotation ${q.quotationId}">${q.quotationId}</button></td>
                  <td>${q.partyName}<br><span class="muted">${q.partyRole}${q.customerAccount === null ? '' : ` · ${q.customerAccount}`}</span></td>
                  <td>${q.status}${q.salesOrderId === null ? '' : html`<br><span class="muted">order ${q.salesOrderId}</span>`}</td>
                  <td>${q.expiryDate}${q.expired ? html` <span class="tag">Expired</span>` : nothing}</td>
                  <td class="num">${officeMoney(q.total)}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>
        ${this.creating ? this.renderNew() : this.detail === null ? nothing : this.renderDetail(this.detail)}
      </div>`;
  }

  private renderNew() {
    return html`
      <section class="panel" aria-labelledby="new-quotation">
        <h2 id="new-quotation">New quotation</h2>
        <form class="stack" @submit=${this.create}>
          <label>Customer or prospect (party id)<input name="partyId" autocomplete="off" list="parties"></label>
          <datalist id="parties">${this.parties.map((p) => html`<option value=${p.partyId}>${p.name} (${p.roles.join(', ')})</option>`)}</datalist>
          <label>Expires on<input name="expiryDate" type="date"></label>
          <back-office-lines legend="Quotation lines" .commitments=${this.commitments}></back-office-lines>
          <div class="row"><button class="primary" type="submit">Create quotation</button><button type="button" @click=${() => { this.creating = false; }}>Cancel</button></div>
        </form>
      </section>`;
  }

  private renderDetail(d: QuotationDetail) {
    return html`
      <section class="panel" aria-labelledby="quotation-heading" data-detail=${d.quotationId}>
        <h2 id="quotation-heading">Quotation ${d.quotationId}</h2>
        <dl>
          <dt>For</dt><dd>${d.partyName} (${d.partyRole})</dd>
          <dt>Status</dt><dd data-status>${d.status}${d.salesOrderId === null ? '' : ` · sales order ${d.salesOrderId}`}</dd>
          <dt>Expires</dt><dd>${d.expiryDate}${d.expired ? ' (expired: extend it to confirm)' : ''}</dd>
          <dt>Sent</dt><dd>${d.sends === 0 ? 'Not yet' : `${d.sends} ${d.sends === 1 ? 'time' : 'times'}, last on ${d.lastSentOn}`}</dd>
          ${d.closing === null ? nothing : html`<dt>Closed</dt><dd>${d.closing.outcome} on ${d.closing.on}: ${d.closing.reason}</dd>`}
          ${d.campaignId === null ? nothing : html`<dt>Campaign</dt><dd>${d.campaignId}</dd>`}
          <dt>Total</dt><dd>${officeMoney(d.total)}</dd>
        </dl>
        ${offeredActions(d.quotationId, d.actions, (a) => this.act(d, a))}
        <table aria-label="Quotation lines">
          <thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th><th>Ship</th></tr></thead>
          <tbody>${d.lines.map((l) => html`<tr><td>${l.productName}<br><span class="muted">${l.priceSource}</span></td><td class="num">${l.quantity}</td>
            <td class="num">${officeMoney(l.unitPrice)}</td><td class="num">${officeMoney(l.lineAmount)}</td><td>${l.requestedShipDate}</td></tr>`)}</tbody>
        </table>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-quotations': BackOfficeQuotations }
}
