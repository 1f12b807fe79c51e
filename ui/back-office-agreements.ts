/**
 * <back-office-agreements>: sales agreements (SM-7..SM-9). The list with status and dates; an agreement opened with its
 * commitment lines (committed, ordered, delivered, invoiced and remaining: units, or money in the agreement's
 * currency) and the orders released against it, and the actions the office offers now: make effective, close, and
 * a release order (lines each against one of its commitments).
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatMoney } from '../engine/domain/money.ts';
import type { AgreementDetail, AgreementRow, CommitmentLineView, OfferedAction } from '../engine/protocol/sales.ts';
import { ListDetailTab, actionName, officeMoney, offeredActions } from './back-office-kit.ts';
import { commitmentChoices, type BackOfficeLines } from './back-office-lines.ts';
import './back-office-lines.ts';

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
      case 'releaseOrder': this.releasing = true;
    }
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
    return html`
      <section class="panel" aria-labelledby="agreement-heading" data-detail=${d.agreementId}>
        <h2 id="agreement-heading">Agreement ${d.agreementId}</h2>
        <dl>
          <dt>Customer</dt><dd>${d.customerName} (${d.customerAccount})</dd>
          <dt>Status</dt><dd data-status>${d.status}</dd>
          <dt>Covers</dt><dd>${d.effective} to ${d.expiration}</dd>
          <dt>Orders</dt><dd>${d.salesOrderIds.length === 0 ? 'None released yet' : d.salesOrderIds.join(', ')}</dd>
        </dl>
        ${offeredActions(d.agreementId, d.actions, (a) => this.act(d, a))}
        <h3>Commitment lines</h3>
        <table aria-label="Commitment lines">
          <thead><tr><th>Commitment</th><th class="num">Committed</th><th class="num">Ordered</th><th class="num">Delivered</th><th class="num">Invoiced</th><th class="num">Remaining</th></tr></thead>
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
