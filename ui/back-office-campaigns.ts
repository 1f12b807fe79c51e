/**
 * <back-office-campaigns>: marketing campaigns (MK-3, MK-4). The list with its response counts; a new campaign; a
 * campaign opened with its targets (the contacts of the parties chosen, each with its response and what it led to),
 * who was left out and why (no marketing consent for the campaign's channel...), and the actions the office offers:
 * choose targets, activate, close a running campaign, cancel a planned one (asked first). A positive response may be followed up by a quotation or an opportunity carrying the
 * campaign.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CampaignDetail, CampaignRow, CampaignTargetView, OfferedAction, PipelineView } from '../engine/protocol/sales.ts';
import type { OfficeCommand } from './back-office-client.ts';
import { ListDetailTab, actionName, offeredActions } from './back-office-kit.ts';

type TargetChoice = Extract<OfficeCommand, { type: 'marketing.chooseTargets' }>['targets'][number];

@customElement('back-office-campaigns')
export class BackOfficeCampaigns extends ListDetailTab<CampaignRow, CampaignDetail> {
  /** MK-3: the parties offered as targets while choosing them (null: not choosing). */
  @state() accessor choosing: PipelineView | null = null;

  protected readRows() { return this.office.campaigns(); }
  protected readDetail(id: string) { return this.office.campaign(id); }

  protected override forget(): void {
    this.choosing = null;
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const done = await this.run({
      type: 'marketing.createCampaign', name: value('name'), campaignType: value('campaignType') as 'telemarketing' | 'mailing' | 'email',
      startsOn: value('startsOn'), endsOn: value('endsOn'),
    }, (r) => `Campaign ${String(r.campaignId ?? '')} created.`);
    if (done) form.reset();
  }

  private async act(d: CampaignDetail, action: OfferedAction): Promise<void> {
    switch (actionName(action)) {
      case 'activateCampaign': void this.run({ type: 'marketing.activateCampaign', campaignId: d.campaignId }, `Campaign ${d.campaignId} is active.`); return;
      case 'closeCampaign': void this.run({ type: 'marketing.closeCampaign', campaignId: d.campaignId }, `Campaign ${d.campaignId} is closed.`); return;
      // MK-3: cancelling is final, so it is asked first.
      case 'cancelCampaign':
        this.ask({
          heading: `Cancel campaign ${d.name}?`, intro: 'A cancelled campaign is never launched and cannot be opened again.', confirmLabel: 'Cancel campaign', danger: true,
          fields: [], command: () => ({ type: 'marketing.cancelCampaign', campaignId: d.campaignId }), done: `Campaign ${d.campaignId} is cancelled.`,
        });
        return;
      case 'chooseTargets': this.choosing = await this.reading(() => this.office.pipeline());
    }
  }

  private async chooseTargets(event: Event, d: CampaignDetail): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const targets: TargetChoice[] = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')]
      .map((box) => ({ partyId: box.value, from: box.dataset.from as TargetChoice['from'] }));
    const customer = (form.elements.namedItem('customerParty') as HTMLInputElement).value.trim();
    if (customer !== '') targets.push({ partyId: customer, from: 'customer' });
    if (await this.run({ type: 'marketing.chooseTargets', campaignId: d.campaignId, targets }, `Targets chosen for campaign ${d.campaignId}.`)) this.choosing = null;
  }

  private respond(d: CampaignDetail, t: CampaignTargetView, response: 'positive' | 'negative' | 'none'): void {
    const base = { type: 'marketing.recordResponse' as const, campaignId: d.campaignId, targetId: t.targetId, response };
    if (response !== 'positive') { void this.run(base, `${t.name}'s response is recorded.`); return; }
    this.ask({
      heading: `${t.name} answered yes`, intro: 'Follow it up now with a quotation (give its first line) or an opportunity, or just record it.', confirmLabel: 'Record response',
      fields: [
        { name: 'followUp', label: 'Follow-up', type: 'select', value: '', options: [{ value: '', label: 'None' }, { value: 'quotation', label: 'Quotation' }, { value: 'opportunity', label: 'Opportunity' }] },
        { name: 'expiryDate', label: 'Quotation expires on', type: 'date', optional: true },
        { name: 'productId', label: 'Quotation item', optional: true },
        { name: 'quantity', label: 'Quantity', type: 'number', value: '1', optional: true },
        { name: 'requestedShipDate', label: 'Ship date', type: 'date', optional: true },
      ],
      command: (v) => ({
        ...base,
        ...(v.followUp === 'quotation' || v.followUp === 'opportunity' ? { followUp: v.followUp } : {}),
        ...(v.followUp === 'quotation' && v.expiryDate !== '' ? { expiryDate: v.expiryDate! } : {}),
        ...(v.followUp === 'quotation' && v.productId !== '' ? { lines: [{ productId: v.productId!, quantity: Number(v.quantity), requestedShipDate: v.requestedShipDate! }] } : {}),
      }),
      done: `${t.name}'s response is recorded.`,
    });
  }

  override render() {
    return html`
      ${this.outcome()}
      <div class="split">
        <section class="panel" aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">Campaigns</h2>
          ${this.rows.length === 0 ? html`<p class="muted">No campaign yet.</p>` : html`
            <table aria-label="Campaigns">
              <thead><tr><th>Campaign</th><th>Status</th><th>Runs</th><th>Responses</th></tr></thead>
              <tbody>${this.rows.map((c) => html`
                <tr data-campaign=${c.campaignId} class=${c.campaignId === this.chosenId ? 'chosen' : ''}>
                  <td><button @click=${() => this.choose(c.campaignId)} aria-label="Open campaign ${c.campaignId}">${c.name}</button><br><span class="muted">${c.type}</span></td>
                  <td>${c.status}</td>
                  <td>${c.startsOn} to ${c.endsOn}</td>
                  <td>${c.targets} ${c.targets === 1 ? 'target' : 'targets'}: ${c.responses.positive} yes, ${c.responses.negative} no</td>
                </tr>`)}</tbody>
            </table>`}
          <h3>New campaign</h3>
          <form class="inline" aria-label="New campaign" @submit=${this.create}>
            <label>Name<input name="name" autocomplete="off"></label>
            <label>Type<select name="campaignType"><option value="telemarketing">Telemarketing</option><option value="mailing">Mailing</option><option value="email">Email</option></select></label>
            <label>Starts<input name="startsOn" type="date"></label>
            <label>Ends<input name="endsOn" type="date"></label>
            <button class="primary" type="submit">Create campaign</button>
          </form>
        </section>
        ${this.detail === null ? nothing : this.renderDetail(this.detail)}
      </div>`;
  }

  private renderDetail(d: CampaignDetail) {
    return html`
      <section class="panel" aria-labelledby="campaign-heading" data-detail=${d.campaignId}>
        <h2 id="campaign-heading">${d.name}</h2>
        <p>${d.type} · ${d.status} · ${d.startsOn} to ${d.endsOn}</p>
        ${offeredActions(d.campaignId, d.actions, (a) => void this.act(d, a))}
        ${this.choosing === null ? nothing : this.renderChoosing(d, this.choosing)}
        <h3>Targets</h3>
        ${d.targetList.length === 0 ? html`<p class="muted">No target chosen yet.</p>` : html`
          <table aria-label="Targets">
            <thead><tr><th>Contact</th><th>From</th><th>Response</th><th></th></tr></thead>
            <tbody>${d.targetList.map((t) => html`
              <tr data-target=${t.targetId}>
                <td>${t.name}<br><span class="muted">${t.reachedAt}</span></td>
                <td>${t.from}</td>
                <td data-response>${t.response}${t.respondedOn === null ? '' : ` on ${t.respondedOn}`}${t.followUp === null ? '' : html`<br><span class="muted">${t.followUp}</span>`}</td>
                <td>${t.followUp === null && d.status === 'Active' ? html`<div class="row">
                  <button class="primary" @click=${() => this.respond(d, t, 'positive')}>Yes</button>
                  <button @click=${() => this.respond(d, t, 'negative')}>No</button></div>` : nothing}</td>
              </tr>`)}</tbody>
          </table>`}
        <h3>Left out</h3>
        ${d.leftOut.length === 0 ? html`<p class="muted">Nobody was left out.</p>` : html`
          <ul aria-label="Left out">${d.leftOut.map((l) => html`<li>${l.partyName}: ${l.reason}</li>`)}</ul>`}
      </section>`;
  }

  private renderChoosing(d: CampaignDetail, p: PipelineView) {
    const box = (partyId: string, from: TargetChoice['from'], label: string) => html`
      <label class="check"><input type="checkbox" value=${partyId} data-from=${from}>${label}</label>`;
    return html`
      <form class="stack" aria-label="Choose targets" @submit=${(e: Event) => this.chooseTargets(e, d)}>
        <h3>Choose targets</h3>
        ${p.prospects.map((x) => box(x.partyId, 'prospect', `Prospect ${x.name}`))}
        ${p.leads.filter((l) => l.status === 'Open').map((l) => box(l.partyId, 'lead', `Lead ${l.partyName}: ${l.topic}`))}
        ${p.opportunities.filter((o) => o.status === 'Open').map((o) => box(o.partyId, 'opportunity', `Opportunity ${o.partyName}: ${o.topic}`))}
        <label>A customer's party id (optional)<input name="customerParty" autocomplete="off"></label>
        <div class="row"><button class="primary" type="submit">Choose these targets</button><button type="button" @click=${() => { this.choosing = null; }}>Cancel</button></div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-campaigns': BackOfficeCampaigns }
}
