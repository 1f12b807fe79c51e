/**
 * <back-office-agreements>: sales agreements (SM-7..SM-9). The list with status and dates; an agreement opened with its
 * commitment lines (committed, ordered, delivered, invoiced and remaining: units, or money in the agreement's
 * currency) and the orders released against it, and the actions the office offers now: make effective, close, add
 * a commitment line, change the dates or remove a commitment line (On hold), close as expired (past its expiration),
 * and a release order (lines each against one of its commitments). A new agreement is made On hold from the list.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoney } from '../engine/domain/money.ts';
import { commitmentKinds, type CommitmentKind } from '../engine/domain/sales/agreements.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { AgreementDetail, AgreementRow, CommitmentLineView, OfferedAction } from '../engine/protocol/sales.ts';
import { ListDetailTab, actionName, officeMoney, offeredActions } from './back-office-kit.ts';
import { commitmentChoices, type BackOfficeLines } from './back-office-lines.ts';
import './back-office-lines.ts';
import { parseMoney } from './till-shared.ts';

const KIND_WORDS: Record<CommitmentKind, string> = {
  productQuantity: 'Product quantity', productAmount: 'Product amount', categoryAmount: 'Category amount', anyProductAmount: 'Any product amount',
};
const YES_NO = [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }];
const byQuantity = (kind: string) => kind === 'productQuantity';

/** SM-7: what the commitment dialog itself finds wrong (a figure that is not a number or an amount), field named. */
function commitmentFigures(v: Record<string, string>): RuleViolation | null {
  if (byQuantity(v.kind!) ? !/^\d+$/.test(v.committed!) : parseMoney(v.committed!) === null) {
    return { rule: 'VALIDATION', field: 'commitment.committed', message: byQuantity(v.kind!) ? 'Committed: enter a whole number of units' : 'Committed: enter an amount such as 5000.00' };
  }
  if (v.unitPrice !== '' && parseMoney(v.unitPrice!) === null) return { rule: 'VALIDATION', field: 'commitment.unitPrice', message: 'Unit price: enter an amount such as 150.00' };
  if (v.discountPct !== '' && !/^\d+(\.\d{1,2})?$/.test(v.discountPct!)) return { rule: 'VALIDATION', field: 'commitment.discountPct', message: 'Discount: enter a percentage such as 5' };
  return null;
}

@customElement('back-office-agreements')
export class BackOfficeAgreements extends ListDetailTab<AgreementRow, AgreementDetail> {
  @state() accessor releasing = false;

  protected readRows() { return this.office.agreements(); }
  protected readDetail(id: string) { return this.office.agreement(id); }

  protected override forget(): void {
    this.releasing = false;
  }

  private act(d: AgreementDetail, action: OfferedAction): void {
    const agreementId = d.agreementId;
    switch (actionName(action)) {
      case 'makeAgreementEffective': void this.run({ type: 'sales.makeAgreementEffective', agreementId }, `Agreement ${agreementId} is effective.`); return;
      case 'closeAgreement': void this.run({ type: 'sales.closeAgreement', agreementId }, `Agreement ${agreementId} is closed.`); return;
      case 'addCommitment': this.askCommitment(agreementId); return;
      case 'expireAgreement': void this.run({ type: 'sales.expireAgreement', agreementId }, `Agreement ${agreementId} is closed as expired.`); return;
      case 'changeAgreementDates':
        this.ask({
          heading: `Change the dates of agreement ${agreementId}`, confirmLabel: 'Change dates',
          fields: [
            { name: 'effective', label: 'Effective from', type: 'date', value: d.effective },
            { name: 'expiration', label: 'Expires on', type: 'date', value: d.expiration },
          ],
          command: (v) => ({ type: 'sales.changeAgreementDates', agreementId, effective: v.effective!, expiration: v.expiration! }),
          done: `Agreement ${agreementId} now covers the new dates.`,
        });
        return;
      case 'releaseOrder': this.releasing = true;
    }
  }

  /** SM-7: a new agreement, On hold until its commitment lines are added and it is made effective. */
  private newAgreement(): void {
    this.ask({
      heading: 'New sales agreement', intro: 'It starts on hold: add its commitment lines, then make it effective.', confirmLabel: 'Create agreement',
      fields: [
        { name: 'customerAccount', label: 'Customer account' },
        { name: 'effective', label: 'Effective from', type: 'date' },
        { name: 'expiration', label: 'Expires on', type: 'date' },
      ],
      command: (v) => ({ type: 'sales.createAgreement', customerAccount: v.customerAccount!, effective: v.effective!, expiration: v.expiration! }),
      done: (r) => `Agreement ${String(r.agreementId ?? '')} created, on hold.`,
    });
  }

  /** SM-7: a commitment line: units of a product, or an amount of a product, a category or any product. */
  private askCommitment(agreementId: string): void {
    this.ask({
      heading: `Add a commitment to agreement ${agreementId}`, confirmLabel: 'Add commitment',
      fields: [
        { name: 'kind', label: 'Commits to', type: 'select', value: 'productQuantity', options: commitmentKinds.map((k) => ({ value: k, label: KIND_WORDS[k] })) },
        { name: 'productId', label: 'Product (quantity or product amount)', optional: true },
        { name: 'categoryId', label: 'Category (category amount)', optional: true },
        { name: 'committed', label: 'Committed: units, or the amount' },
        { name: 'unitPrice', label: 'Agreement unit price', optional: true },
        { name: 'discountPct', label: 'Discount %', optional: true },
        { name: 'maxEnforced', label: 'Max enforced', type: 'select', value: 'no', options: YES_NO },
        { name: 'priceFixed', label: 'Price and discount fixed', type: 'select', value: 'no', options: YES_NO },
      ],
      check: commitmentFigures,
      command: (v) => ({
        type: 'sales.addCommitment', agreementId,
        commitment: {
          kind: v.kind as CommitmentKind, productId: v.productId === '' ? null : v.productId!, categoryId: v.categoryId === '' ? null : v.categoryId!,
          committed: byQuantity(v.kind!) ? Number(v.committed) : parseMoney(v.committed!)!, unitPrice: v.unitPrice === '' ? null : parseMoney(v.unitPrice!)!,
          discountPct: v.discountPct === '' ? 0 : Math.round(Number(v.discountPct) * 100), maxEnforced: v.maxEnforced === 'yes', priceFixed: v.priceFixed === 'yes',
        },
      }),
      done: `Commitment line added to agreement ${agreementId}.`,
    });
  }

  private async release(event: Event, d: AgreementDetail): Promise<void> {
    event.preventDefault();
    const lines = (this.renderRoot.querySelector<BackOfficeLines>('back-office-lines')?.lines ?? [])
      .map((l) => ({ commitmentId: l.agreement!.commitmentId, productId: l.productId, quantity: l.quantity, requestedShipDate: l.requestedShipDate }));
    const done = await this.run({ type: 'sales.releaseOrder', agreementId: d.agreementId, lines }, (r) => `Release order ${String(r.salesOrderId ?? '')} created.`);
    if (done) this.releasing = false;
  }

  /** A commitment's figure: units, or money in the agreement's currency. */
  private measured(c: CommitmentLineView, value: number, currency: string): string {
    return c.measure === 'quantity' ? String(value) : formatMoney(value, currency);
  }

  override render() {
    return html`
      ${this.outcome()}
      <div class="split">
        <section class="panel" aria-labelledby="agreements-heading">
          <h2 id="agreements-heading">Sales agreements</h2>
          <button @click=${() => this.newAgreement()}>New agreement</button>
          ${this.rows.length === 0 ? html`<p class="muted">No agreement yet.</p>` : html`
            <table aria-label="Sales agreements">
              <thead><tr><th>Agreement</th><th>Customer</th><th>Status</th><th>Dates</th></tr></thead>
              <tbody>${this.rows.map((a) => html`
                <tr data-agreement=${a.agreementId} class=${a.agreementId === this.chosenId ? 'chosen' : ''}>
                  <td><button @click=${() => this.choose(a.agreementId)} aria-label="Open agreement ${a.agreementId}">${a.agreementId}</button></td>
                  <td>${a.customerName}<br><span class="muted">${a.customerAccount}</span></td>
                  <td>${a.status}</td>
                  <td>${a.effective} to ${a.expiration}</td>
                </tr>`)}</tbody>
            </table>`}
        </section>
        ${this.detail === null ? nothing : this.renderDetail(this.detail)}
      </div>`;
  }

  private renderDetail(d: AgreementDetail) {
    const m = (c: CommitmentLineView, value: number) => this.measured(c, value, d.currency);
    // SM-7: an On hold agreement's lines are removed one by one, each from its own row; when not offered, the bar says why.
    const removable = d.actions.some((a) => a.action === 'sales.removeCommitment' && a.offered);
    const remove = (c: CommitmentLineView) => void this.run({ type: 'sales.removeCommitment', agreementId: d.agreementId, commitmentId: c.commitmentId },
      `Commitment line ${c.commitmentId} removed from agreement ${d.agreementId}.`);
    return html`
      <section class="panel" aria-labelledby="agreement-heading" data-detail=${d.agreementId}>
        <h2 id="agreement-heading">Agreement ${d.agreementId}</h2>
        <dl>
          <dt>Customer</dt><dd>${d.customerName} (${d.customerAccount})</dd>
          <dt>Status</dt><dd data-status>${d.status}</dd>
          <dt>Covers</dt><dd>${d.effective} to ${d.expiration}</dd>
          <dt>Orders</dt><dd>${d.salesOrderIds.length === 0 ? 'None released yet' : d.salesOrderIds.join(', ')}</dd>
        </dl>
        ${offeredActions(d.agreementId, d.actions.filter((a) => !(removable && a.action === 'sales.removeCommitment')), (a) => this.act(d, a))}
        <h3>Commitment lines</h3>
        <table aria-label="Commitment lines">
          <thead><tr><th>Commitment</th><th class="num">Committed</th><th class="num">Ordered</th><th class="num">Delivered</th><th class="num">Invoiced</th><th class="num">Remaining</th>${removable ? html`<th></th>` : nothing}</tr></thead>
          <tbody>${d.commitmentLines.map((c) => html`
            <tr data-commitment=${c.commitmentId}>
              <td>${c.kind}: ${c.productName ?? c.categoryId ?? 'any product'}<br><span class="muted">${[
                c.unitPrice === null ? null : `${officeMoney(c.unitPrice)} each`,
                c.discountPct === 0 ? null : `${c.discountPct / 100}% off`,
                c.maxEnforced ? 'Max enforced' : null,
                c.priceFixed ? 'Price fixed' : null,
              ].filter((w) => w !== null).join(' · ')}</span></td>
              <td class="num">${m(c, c.committed)}</td>
              <td class="num">${m(c, c.ordered)}</td>
              <td class="num">${m(c, c.delivered)}</td>
              <td class="num">${m(c, c.invoiced)}</td>
              <td class="num" data-remaining>${m(c, c.remaining)}</td>
              ${removable ? html`<td><button class="danger" aria-label="Remove commitment line ${c.commitmentId}" @click=${() => remove(c)}>Remove</button></td>` : nothing}
            </tr>`)}</tbody>
        </table>
        ${this.releasing ? html`
          <form class="stack" @submit=${(e: Event) => this.release(e, d)} aria-label="Release order">
            <h3>Release order</h3>
            <back-office-lines legend="Release lines" commitmentRequired .commitments=${commitmentChoices(d)}></back-office-lines>
            <div class="row"><button class="primary" type="submit">Create release order</button><button type="button" @click=${() => { this.releasing = false; }}>Cancel</button></div>
          </form>` : nothing}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-agreements': BackOfficeAgreements }
}
