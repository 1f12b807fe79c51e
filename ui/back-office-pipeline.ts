/**
 * <back-office-pipeline>: marketing's pipeline (MK-1, MK-2). Prospects with their contacts and consent (a new one, or
 * converted into a customer account); leads (a new one for a prospect, qualified into an opportunity, or disqualified
 * with a reason); opportunities (won, which makes the customer account, lost or cancelled). Only an open lead or
 * opportunity offers its steps.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { LeadView, OpportunityView, PartyView, PipelineView } from '../engine/protocol/sales.ts';
import { OfficeTab } from './back-office-kit.ts';

const storeField = { name: 'storeId', label: 'Store whose customer defaults it takes (optional)', optional: true } as const;
const withStore = (storeId: string | undefined) => (storeId === undefined || storeId === '' ? {} : { storeId });

@customElement('back-office-pipeline')
export class BackOfficePipeline extends OfficeTab {
  @state() accessor pipeline: PipelineView | null = null;

  protected async load(): Promise<void> {
    this.pipeline = await this.office.pipeline();
  }

  private async createProspect(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const contact = value('contactName') === '' ? [] : [{
      name: value('contactName'), channel: value('channel') as 'email' | 'phone' | 'mail', reachedAt: value('reachedAt'),
      marketingConsent: (form.elements.namedItem('consent') as HTMLInputElement).checked,
    }];
    if (await this.run({ type: 'marketing.createProspect', name: value('name'), partyType: 'organization', contacts: contact }, (r) => `Prospect ${String(r.partyId ?? '')} created.`)) form.reset();
  }

  private convert(p: PartyView): void {
    this.ask({
      heading: `Convert ${p.name} into a customer`, confirmLabel: 'Convert', fields: [storeField],
      command: (v) => ({ type: 'marketing.convertProspect', partyId: p.partyId, ...withStore(v.storeId) }),
      done: (r) => `${p.name} is a customer${r.customerAccount === undefined ? '' : `: account ${String(r.customerAccount)}`}.`,
    });
  }

  private newLead(p: PartyView): void {
    this.ask({
      heading: `New lead for ${p.name}`, confirmLabel: 'Create lead', fields: [{ name: 'topic', label: 'What the lead is about' }],
      command: (v) => ({ type: 'marketing.createLead', partyId: p.partyId, topic: v.topic! }),
      done: (r) => `Lead ${String(r.leadId ?? '')} created.`,
    });
  }

  private disqualify(l: LeadView): void {
    this.ask({
      heading: 'Disqualify the lead', confirmLabel: 'Disqualify', danger: true, fields: [{ name: 'reason', label: 'Reason' }],
      command: (v) => ({ type: 'marketing.disqualifyLead', leadId: l.leadId, reason: v.reason! }),
      done: `Lead ${l.leadId} is disqualified.`,
    });
  }

  private closeOpportunity(o: OpportunityView, outcome: 'win' | 'lose' | 'cancel'): void {
    const { opportunityId } = o;
    if (outcome === 'win') {
      this.ask({
        heading: `Won: ${o.topic}`, intro: `${o.partyName} becomes a customer if not one already.`, confirmLabel: 'Mark as won', fields: [storeField],
        command: (v) => ({ type: 'marketing.winOpportunity', opportunityId, ...withStore(v.storeId) }), done: `Opportunity ${opportunityId} is won.`,
      });
      return;
    }
    const type = outcome === 'lose' ? 'marketing.loseOpportunity' : 'marketing.cancelOpportunity';
    this.ask({
      heading: outcome === 'lose' ? 'Mark as lost' : 'Cancel the opportunity', confirmLabel: outcome === 'lose' ? 'Mark as lost' : 'Cancel opportunity', danger: true,
      fields: [{ name: 'reason', label: 'Reason (optional)', optional: true }],
      command: (v) => ({ type, opportunityId, ...(v.reason === '' ? {} : { reason: v.reason! }) }),
      done: `Opportunity ${opportunityId} is ${outcome === 'lose' ? 'lost' : 'cancelled'}.`,
    });
  }

  override render() {
    const p = this.pipeline;
    return html`
      ${this.outcome()}
      ${p === null ? html`<p class="muted">Loading...</p>` : html`<div class="stack">
        ${this.renderProspects(p.prospects)}
        ${this.renderLeads(p.leads)}
        ${this.renderOpportunities(p.opportunities)}
      </div>`}`;
  }

  private renderProspects(prospects: PartyView[]) {
    return html`
      <section class="panel" aria-labelledby="prospects-heading">
        <h2 id="prospects-heading">Prospects</h2>
        ${prospects.length === 0 ? html`<p class="muted">No prospect.</p>` : html`
          <table aria-label="Prospects">
            <thead><tr><th>Party</th><th>Roles</th><th>Contacts</th><th></th></tr></thead>
            <tbody>${prospects.map((x) => html`
              <tr data-party=${x.partyId}>
                <td>${x.name}<br><span class="muted">${x.partyId}</span></td>
                <td>${x.roles.join(', ')}${x.customerAccount === null ? '' : ` · account ${x.customerAccount}`}</td>
                <td>${x.contacts.map((c) => html`${c.name} (${c.channel}: ${c.reachedAt})${c.marketingConsent ? '' : ', no marketing consent'}<br>`)}</td>
                <td><div class="row">
                  <button @click=${() => this.newLead(x)}>New lead</button>
                  ${x.customerAccount === null ? html`<button @click=${() => this.convert(x)}>Convert to customer</button>` : nothing}
                </div></td>
              </tr>`)}</tbody>
          </table>`}
        <h3>New prospect</h3>
        <form class="inline" aria-label="New prospect" @submit=${this.createProspect}>
          <label>Name<input name="name" autocomplete="off"></label>
          <label>Contact<input name="contactName" autocomplete="off"></label>
          <label>Reached by<select name="channel"><option value="email">Email</option><option value="phone">Phone</option><option value="mail">Mail</option></select></label>
          <label>Address or number<input name="reachedAt" autocomplete="off"></label>
          <label class="check"><input type="checkbox" name="consent">Agrees to marketing</label>
          <button class="primary" type="submit">Create prospect</button>
        </form>
      </section>`;
  }

  private renderLeads(leads: LeadView[]) {
    return html`
      <section class="panel" aria-labelledby="leads-heading">
        <h2 id="leads-heading">Leads</h2>
        ${leads.length === 0 ? html`<p class="muted">No lead.</p>` : html`
          <table aria-label="Leads">
            <thead><tr><th>Lead</th><th>Party</th><th>Status</th><th></th></tr></thead>
            <tbody>${leads.map((l) => html`
              <tr data-lead=${l.leadId}>
                <td>${l.topic}<br><span class="muted">${l.leadId} · ${l.createdOn}${l.campaignId === null ? '' : ` · campaign ${l.campaignId}`}</span></td>
                <td>${l.partyName}</td>
                <td>${l.status}${l.opportunityId === null ? '' : ` · opportunity ${l.opportunityId}`}${l.disqualifiedReason === null ? '' : `: ${l.disqualifiedReason}`}</td>
                <td>${l.status === 'Open' ? html`<div class="row">
                  <button class="primary" @click=${() => this.run({ type: 'marketing.qualifyLead', leadId: l.leadId }, (r) => `Lead ${l.leadId} qualified: opportunity ${String(r.opportunityId ?? '')}.`)}>Qualify</button>
                  <button class="danger" @click=${() => this.disqualify(l)}>Disqualify</button></div>` : nothing}</td>
              </tr>`)}</tbody>
          </table>`}
      </section>`;
  }

  private renderOpportunities(opportunities: OpportunityView[]) {
    return html`
      <section class="panel" aria-labelledby="opportunities-heading">
        <h2 id="opportunities-heading">Opportunities</h2>
        ${opportunities.length === 0 ? html`<p class="muted">No opportunity.</p>` : html`
          <table aria-label="Opportunities">
            <thead><tr><th>Opportunity</th><th>Party</th><th>Status</th><th></th></tr></thead>
            <tbody>${opportunities.map((o) => html`
              <tr data-opportunity=${o.opportunityId}>
                <td>${o.topic}<br><span class="muted">${o.opportunityId} · ${o.openedOn}${o.campaignId === null ? '' : ` · campaign ${o.campaignId}`}</span></td>
                <td>${o.partyName}${o.customerAccount === null ? '' : html`<br><span class="muted">account ${o.customerAccount}</span>`}</td>
                <td>${o.status}${o.closeReason === null ? '' : `: ${o.closeReason}`}</td>
                <td>${o.status === 'Open' ? html`<div class="row">
                  <button class="primary" @click=${() => this.closeOpportunity(o, 'win')}>Won</button>
                  <button @click=${() => this.closeOpportunity(o, 'lose')}>Lost</button>
                  <button class="danger" @click=${() => this.closeOpportunity(o, 'cancel')}>Cancel</button></div>` : nothing}</td>
              </tr>`)}</tbody>
          </table>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-pipeline': BackOfficePipeline }
}
