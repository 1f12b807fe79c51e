/**
 * <back-office-app>: headquarters' back office once signed in (/back-office). Sales staff get the tabs of their work
 * (sales orders, quotations, agreements, backorders, invoices), marketing staff theirs (pipeline, campaigns); someone
 * with both jobs gets all of them. The page follows the office's live room: when anyone changes a view of the office,
 * the open tab reads its view again if it shows that one, so every back-office screen shows the change without a reload.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SalesOfficeView } from '../engine/protocol/sales.ts';
import type { BackOffice, BackOfficeJob } from './back-office-client.ts';
import './back-office-agreements.ts';
import './back-office-backorders.ts';
import './back-office-campaigns.ts';
import './back-office-invoices.ts';
import './back-office-orders.ts';
import './back-office-pipeline.ts';
import './back-office-quotations.ts';
import { screenStyles } from './styles.ts';

export type BackOfficeTab = SalesOfficeView;
/** The views a tab reads (the invoices tab also gathers the orders' open packing slips). */
const READS: Record<BackOfficeTab, readonly SalesOfficeView[]> = {
  orders: ['orders'], quotations: ['quotations'], agreements: ['agreements'], backorders: ['backorders'], invoices: ['invoices', 'orders'],
  pipeline: ['pipeline'], campaigns: ['campaigns'],
};
const TABS: readonly { tab: BackOfficeTab; label: string; job: BackOfficeJob }[] = [
  { tab: 'orders', label: 'Sales orders', job: 'sales' },
  { tab: 'quotations', label: 'Quotations', job: 'sales' },
  { tab: 'agreements', label: 'Agreements', job: 'sales' },
  { tab: 'backorders', label: 'Backorders', job: 'sales' },
  { tab: 'invoices', label: 'Invoices', job: 'sales' },
  { tab: 'pipeline', label: 'Pipeline', job: 'marketing' },
  { tab: 'campaigns', label: 'Campaigns', job: 'marketing' },
];

@customElement('back-office-app')
export class BackOfficeApp extends LitElement {
  static override styles = [screenStyles, css`
    nav { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
    nav button[aria-selected='true'] { background: #263238; border-color: #263238; color: #fff; }
    @media print { nav { display: none; } }
  `];

  @property({ attribute: false }) accessor office!: BackOffice;
  /** The tab open now (the first of the staff member's work when not chosen). */
  @property() accessor tab: BackOfficeTab | null = null;
  /** Counts the changes the office's room named, per view: a change to a view the open tab reads makes it read again. */
  @state() accessor revisions: Readonly<Partial<Record<SalesOfficeView, number>>> = {};
  private unwatch: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatch = this.office.watch((views) => {
      this.revisions = { ...this.revisions, ...Object.fromEntries(views.map((v) => [v, (this.revisions[v] ?? 0) + 1])) };
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = null;
  }

  private get tabs() {
    return TABS.filter((t) => this.office.jobs.includes(t.job));
  }

  override render() {
    const tabs = this.tabs;
    const open = tabs.find((t) => t.tab === this.tab) ?? tabs[0]!;
    return html`
      <nav role="tablist" aria-label="Back office">
        ${tabs.map((t) => html`<button role="tab" aria-selected=${String(t === open)} @click=${() => { this.tab = t.tab; }}>${t.label}</button>`)}
      </nav>
      <div role="tabpanel" aria-label=${open.label}>${this.panel(open.tab)}</div>`;
  }

  private panel(tab: BackOfficeTab) {
    const { office } = this;
    const revision = READS[tab].reduce((n, view) => n + (this.revisions[view] ?? 0), 0);
    switch (tab) {
      case 'orders': return html`<back-office-orders .office=${office} .revision=${revision}></back-office-orders>`;
      case 'quotations': return html`<back-office-quotations .office=${office} .revision=${revision}></back-office-quotations>`;
      case 'agreements': return html`<back-office-agreements .office=${office} .revision=${revision}></back-office-agreements>`;
      case 'backorders': return html`<back-office-backorders .office=${office} .revision=${revision}></back-office-backorders>`;
      case 'invoices': return html`<back-office-invoices .office=${office} .revision=${revision}></back-office-invoices>`;
      case 'pipeline': return html`<back-office-pipeline .office=${office} .revision=${revision}></back-office-pipeline>`;
      case 'campaigns': return html`<back-office-campaigns .office=${office} .revision=${revision}></back-office-campaigns>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-app': BackOfficeApp }
}
