/**
 * <analyst-view>: headquarters' view for a user with the backOffice permission.
 *
 * Follows the `headquarters` room: its state is the chain report (engine/report.ts chainReport), then `headquarters`
 * envelopes carry the report again as the chain changes. Shows orders by status, money, receipts and returns,
 * customers pending sync, the fulfilment backlog per location, each store's link and what waits in its queue,
 * headquarters' tables, job runs and deliveries, the job schedules (job-schedules.ts) and the lines the locations
 * rejected, each with a reset (FF-7, rejected-lines.ts).
 *
 * Acts with headquarters' commands (access.ts: backOffice): run a job (`headquarters.runJob`: P-job, Synchronize
 * customers, Synchronize orders, 1010; for every store or one), set a store's link (`sync.setLink`: online / degraded /
 * offline), advance the virtual clock (`clock.advance`, which runs the scheduled jobs that fall due). A refusal is shown
 * in place, beside the control that was used, with the server's rule and message.
 *
 * Looks back in time with the journal scrubber (journal-scrubber.ts): while it shows a point of the chain's history,
 * the figures are those of that point, labelled "As of command N", and every control that acts is gone (nothing can
 * be sent from the past) until "Back to live".
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HeadquartersJob } from '../engine/domain/config.ts';
import type { JobRun } from '../engine/domain/headquarters.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { JournalPoint } from '../engine/protocol/journal.ts';
import type { ChainReport } from '../engine/protocol/report.ts';
import { plainWords } from '../engine/protocol/command-words.ts';
import type { StoreApi } from './api.ts';
import './fulfillment-status.ts';
import { LiveRooms } from './live-rooms.ts';
import './order-status-badge.ts';
import { JOBS } from './job-labels.ts';
import './job-schedules.ts';
import { asOf } from './journal-scrubber.ts';
import './rejected-lines.ts';
import './sales-office-figures.ts';
import './z-report-list.ts';
import { toneStyles } from './status-tones.ts';
import { connectionPill, refusal, sendCommand } from './screen-kit.ts';
import { money, screenStyles } from './styles.ts';

export { JOBS } from './job-labels.ts';

export const CLOCK_STEPS: readonly { ms: number; label: string }[] = [
  { ms: 15 * 60_000, label: '+15 min' },
  { ms: 3_600_000, label: '+1 h' },
  { ms: 4 * 3_600_000, label: '+4 h' },
  { ms: 24 * 3_600_000, label: '+1 day' },
];

const LINKS = ['online', 'degraded', 'offline'] as const;
type Link = (typeof LINKS)[number];

const linkTone: Record<string, string> = { online: 'tone-green', degraded: 'tone-amber', offline: 'tone-red' };

const dateTime = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

const counts = (record: Readonly<Record<string, number>>) => Object.entries(record).filter(([, n]) => n > 0);

@customElement('analyst-view')
export class AnalystView extends LitElement {
  static override styles = [screenStyles, css`
    .top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
    h1 { margin: 0; font-size: 1.75rem; }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); align-items: start; }
    .wide { grid-column: 1 / -1; }
    .clock { font-size: 1.5rem; font-weight: 800; font-variant-numeric: tabular-nums; }
    .controls { display: grid; gap: 0.75rem; }
    .stat { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 1rem; margin: 0; }
    .stat dt { color: #455a64; }
    .stat dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; text-align: right; }
    .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .chip { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 700; }
    .link { display: inline-block; min-width: 6.5rem; text-align: center; padding: 0.3rem 0.8rem; border-radius: 999px; border: 2px solid; font-weight: 800; text-transform: capitalize; }
    .links button[aria-pressed='true'] { background: #263238; border-color: #263238; color: #fff; }
    .job { display: grid; grid-template-columns: minmax(12rem, auto) 1fr; gap: 0.75rem; align-items: center; }
    .job small { color: #546e7a; font-size: 0.95rem; }
    .n { font-variant-numeric: tabular-nums; }
    td.actions { white-space: nowrap; }
    th[scope='row'] { text-transform: none; letter-spacing: 0; font-size: 1.05rem; color: #1c2530; }
    journal-scrubber { margin-bottom: 1rem; }
    .past { background: var(--info-bg); color: var(--info); padding: 0.25rem 0.75rem; border-radius: 999px; font-weight: 700; }
    .past-banner { background: var(--info-bg); color: var(--info); border: 2px solid var(--info); border-radius: 8px; padding: 0.75rem 1rem; font-weight: 700; margin: 0 0 1rem; }
  `, toneStyles]; // after .link, whose border the tones colour

  @property({ attribute: false }) accessor api: StoreApi | null = null;

  @state() accessor report: ChainReport | null = null;
  @state() accessor busy = false;
  @state() accessor errors: Record<string, RuleViolation> = {};
  @state() accessor notices: Record<string, string> = {};
  /** The stores a job runs for ('' = every store). */
  @state() accessor jobStore = '';
  /** The point of the chain's history shown instead of the live chain (null: live). */
  @state() accessor history: JournalPoint | null = null;

  private readonly live = new LiveRooms(this, {
    rooms: () => ['headquarters'],
    reset: () => { this.report = null; },
    state: (room, report) => { if (room === 'headquarters') this.report = report as ChainReport; },
    update: (envelope) => { if (envelope.room === 'headquarters' && envelope.type === 'headquarters') this.report = envelope.view as ChainReport; },
  });

  private setError(scope: string, error: RuleViolation | null): void {
    const { [scope]: _old, ...rest } = this.errors;
    this.errors = error === null ? rest : { ...rest, [scope]: error };
  }

  private setNotice(scope: string, notice: string): void {
    this.notices = { ...this.notices, [scope]: notice };
  }

  /** Sends a headquarters command; the refusal or the outcome is shown beside the control (`scope`). */
  private async act(scope: string, command: Record<string, unknown>, describe: (result: Record<string, unknown>) => string): Promise<void> {
    const api = this.api;
    // The past is read-only: its controls are gone, and this holds even if one were reached.
    if (api === null || this.busy || this.history !== null) return;
    this.busy = true;
    this.setError(scope, null);
    // Only the latest outcome is shown (an older one would be stale after this command).
    this.notices = {};
    try {
      const answer = await sendCommand(api, command);
      if (answer.ok) this.setNotice(scope, describe(answer.result));
      else this.setError(scope, answer.error);
    } finally {
      this.busy = false;
    }
  }

  private runJob(job: HeadquartersJob): Promise<void> {
    const forStore = this.jobStore !== '' && JOBS.find((j) => j.job === job)?.chainWide !== true;
    const command = { type: 'headquarters.runJob', job, ...(forStore ? { storeIds: [this.jobStore] } : {}) };
    return this.act('jobs', command, (result) => describeRun(result.run as JobRun | undefined, job));
  }

  private setLink(storeId: string, link: Link): Promise<void> {
    return this.act(`link:${storeId}`, { type: 'sync.setLink', storeId, state: link }, (result) =>
      (result.changed === false ? `${storeId} was already ${link}` : `${storeId} is now ${link}`) + (typeof result.pending === 'number' ? `; ${result.pending} queued` : ''));
  }

  private advance(ms: number, label: string): Promise<void> {
    return this.act('clock', { type: 'clock.advance', ms }, (result) => {
      const runs = (result.jobsRun as { job: string; at: number }[] | undefined) ?? [];
      const now = typeof result.now === 'number' ? ` to ${dateTime.format(result.now)}` : '';
      return `Clock moved ${label}${now}. ${describeScheduledRuns(runs)}`;
    });
  }

  private name(id: string): string {
    const setup = this.api?.setup;
    const known = [...(setup?.shipFrom ?? []), ...(setup?.pickupAt ?? []), ...(setup === undefined ? [] : [setup.location])].find((l) => l.id === id);
    return known === undefined ? id : `${known.name} (${id})`;
  }

  private notice(scope: string) {
    const text = this.notices[scope];
    return text === undefined ? nothing : html`<p class="notice" role="status" style="margin: 0">${text}</p>`;
  }

  override render() {
    const api = this.api;
    if (api === null) return html`<p class="muted">Not signed in.</p>`;
    const history = this.history;
    const report = history?.report ?? this.report;
    const allowed = api.setup.session.permissions.includes('backOffice');
    return html`
      <div class="top">
        <h1>Headquarters</h1>
        <div class="row">
          ${report === null ? nothing : html`<span class="muted">Virtual clock</span> <span class="clock" data-clock>${dateTime.format(new Date(report.clock))}</span>`}
          ${history === null ? connectionPill(this.live.online !== false) : html`<span class="past" role="status" data-past>History</span>`}
        </div>
      </div>
      ${allowed ? nothing : html`<p class="warning">The analyst view needs the backOffice permission; ${api.setup.session.name} (${api.setup.session.roleId}) does not have it.</p>`}
      ${refusal(this.live.refusal)}
      ${allowed && this.report !== null ? html`
        <journal-scrubber .api=${api} live=${this.report.commands} @history=${(e: CustomEvent<JournalPoint | null>) => { this.history = e.detail; }}></journal-scrubber>` : nothing}
      ${report === null ? html`<p class="muted">Loading the chain report...</p>` : history !== null ? this.renderPast(history) : html`
        <div class="grid">
          ${this.renderStores(report)}
          ${this.renderJobs(report)}
          ${this.renderClock()}
          <job-schedules .report=${report}></job-schedules>
          <rejected-lines .api=${api} .report=${report}></rejected-lines>
          ${this.renderOrders(report)}
          ${this.renderBacklog(report)}
          ${this.renderHeadquarters(report)}
          ${this.renderSalesOffice(report)}
          <z-report-list .api=${api} .storeIds=${Object.keys(report.stores)} currency=${api.setup.currency}></z-report-list>
        </div>`}`;
  }

  /** The chain at a point of its history: its figures only, labelled with the point, no control that acts. */
  private renderPast(point: JournalPoint) {
    const report = point.report;
    return html`
      <p class="past-banner" data-past-banner>${asOf(point)}: the chain as it was then, read-only.</p>
      <div class="grid" data-past-figures>
        ${this.renderStores(report, false)}
        <job-schedules .report=${report}></job-schedules>
        ${this.renderOrders(report)}
        ${this.renderBacklog(report)}
        ${this.renderHeadquarters(report, false)}
        ${this.renderSalesOffice(report)}
      </div>`;
  }

  private renderStores(report: ChainReport, acts = true) {
    return html`
      <section class="panel wide links" aria-labelledby="stores-heading">
        <h2 id="stores-heading">Stores and their link to headquarters</h2>
        <table>
          <thead><tr><th scope="col">Store</th><th scope="col">Link</th><th scope="col">Queued at the store</th>${acts ? html`<th scope="col">Set the link</th>` : nothing}</tr></thead>
          <tbody>
            ${Object.entries(report.stores).map(([storeId, store]) => {
              const queued = counts(store.queued);
              const total = queued.reduce((sum, [, n]) => sum + n, 0);
              return html`
                <tr data-store=${storeId}>
                  <th scope="row">${this.name(storeId)}</th>
                  <td><span class="link ${linkTone[store.link] ?? ''}" data-link=${store.link}>${store.link}</span></td>
                  <td data-queued>${total === 0 ? html`<span class="muted">nothing</span>` : html`
                    <strong class="n">${total}</strong>: ${queued.map(([kind, n]) => `${plainWords(kind)} ${n}`).join(', ')}`}</td>
                  ${acts ? html`<td class="actions">
                    <div class="row" role="group" aria-label="Link of ${storeId}">
                      ${LINKS.map((link) => html`
                        <button type="button" data-link=${link} aria-pressed=${store.link === link ? 'true' : 'false'} ?disabled=${this.busy}
                          @click=${() => this.setLink(storeId, link)}>${link[0]!.toUpperCase()}${link.slice(1)}</button>`)}
                    </div>
                    ${refusal(this.errors[`link:${storeId}`])}
                    ${this.notice(`link:${storeId}`)}
                  </td>` : nothing}
                </tr>`;
            })}
          </tbody>
        </table>
      </section>`;
  }

  private renderJobs(report: ChainReport) {
    const stores = Object.keys(report.stores);
    return html`
      <section class="panel controls" aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Jobs</h2>
        <label>Run for
          <select @change=${(e: Event) => { this.jobStore = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${this.jobStore === ''}>Every store</option>
            ${stores.map((id) => html`<option value=${id} ?selected=${this.jobStore === id}>${this.name(id)}</option>`)}
          </select>
        </label>
        ${JOBS.map((j) => html`
          <div class="job">
            <button type="button" class="primary" data-job=${j.job} ?disabled=${this.busy} @click=${() => this.runJob(j.job)}>${j.label}</button>
            <small>${j.about}. Run <span class="n">${report.headquarters.jobRuns[j.job] ?? 0}</span> times.</small>
          </div>`)}
        ${refusal(this.errors.jobs)}
        ${this.notice('jobs')}
      </section>`;
  }

  private renderClock() {
    return html`
      <section class="panel controls" aria-labelledby="clock-heading">
        <h2 id="clock-heading">Virtual clock</h2>
        <p class="muted" style="margin: 0">Advancing the clock runs the scheduled jobs that fall due on the way.</p>
        <div class="row" role="group" aria-label="Advance the clock">
          ${CLOCK_STEPS.map((step) => html`<button type="button" data-advance=${step.ms} ?disabled=${this.busy} @click=${() => this.advance(step.ms, step.label)}>${step.label}</button>`)}
        </div>
        ${refusal(this.errors.clock)}
        ${this.notice('clock')}
      </section>`;
  }

  private renderOrders(report: ChainReport) {
    const currency = this.api?.setup.currency ?? 'USD';
    return html`
      <section class="panel" aria-labelledby="orders-heading">
        <h2 id="orders-heading">Orders and money</h2>
        <div class="chips" data-orders-by-status>
          ${counts(report.ordersByStatus).length === 0 ? html`<span class="muted">No customer orders yet.</span>` : counts(report.ordersByStatus).map(([status, n]) => html`
            <span class="chip" data-status=${status}><order-status-badge .status=${status as never}></order-status-badge><span class="n">${n}</span></span>`)}
        </div>
        <dl class="stat" style="margin-top: 0.75rem">
          <dt>Awaiting headquarters</dt><dd data-stat="awaiting">${report.ordersAwaitingHeadquarters}</dd>
          <dt>Orders invoiced</dt><dd>${money(report.ordersInvoiced, currency)}</dd>
          <dt>Orders paid</dt><dd>${money(report.ordersPaid, currency)}</dd>
          <dt>Cash-and-carry receipts</dt><dd>${report.receipts.count} (${money(report.receipts.total, currency)})</dd>
          <dt>Return orders</dt><dd>${report.returnOrders.count} (${money(report.returnOrders.refunded, currency)} refunded)</dd>
          <dt>Cancelled orders</dt><dd>${report.cancellations.count} (${money(report.cancellations.chargesCollected, currency)} cancellation charges collected)</dd>
          <dt>Customers</dt><dd>${report.customers.total}</dd>
          <dt>Customers pending sync</dt><dd data-stat="pending-sync">${report.customers.pendingSync}</dd>
          <dt>Commands accepted</dt><dd>${report.commands}</dd>
        </dl>
      </section>`;
  }

  private renderBacklog(report: ChainReport) {
    return html`
      <section class="panel" aria-labelledby="backlog-heading">
        <h2 id="backlog-heading">Fulfilment backlog (lines)</h2>
        <table>
          <tbody>
            ${Object.entries(report.backlogByLocation).map(([locationId, statuses]) => html`
              <tr data-location=${locationId}>
                <th scope="row">${this.name(locationId)}</th>
                <td><div class="chips">${counts(statuses).length === 0 ? html`<span class="muted">empty</span>` : counts(statuses).map(([status, n]) => html`
                  <span class="chip"><line-status-badge .status=${status}></line-status-badge><span class="n">${n}</span></span>`)}</div></td>
              </tr>`)}
          </tbody>
        </table>
      </section>`;
  }

  /** Issue 13: the office's figures, once it has done any work (an idle office adds nothing to the report). */
  private renderSalesOffice(report: ChainReport) {
    return report.salesOffice === undefined ? nothing
      : html`<sales-office-figures .figures=${report.salesOffice} currency=${this.api?.setup.currency ?? 'USD'}></sales-office-figures>`;
  }

  /** `live` false: the past, whose deliveries the journal does not hold (a lost delivery is never journaled). */
  private renderHeadquarters(report: ChainReport, live = true) {
    const hq = report.headquarters;
    const currency = this.api?.setup.currency ?? 'USD';
    return html`
      <section class="panel" aria-labelledby="hq-heading">
        <h2 id="hq-heading">At headquarters</h2>
        <dl class="stat">
          <dt>Sales orders</dt><dd data-stat="sales-orders">${hq.salesOrders} (${money(hq.salesOrdersTotal, currency)})</dd>
          <dt>Customer accounts</dt><dd>${hq.accounts}</dd>
          <dt>Return orders</dt><dd>${hq.returnOrders}</dd>
          <dt>Receipts posted</dt><dd>${hq.receiptsPosted}</dd>
          <dt>Staged from stores</dt><dd>${hq.staged}</dd>
          <dt>Staged, waiting for synchronization</dt><dd data-stat="waiting">${hq.waiting}</dd>
          <dt>Deliveries</dt><dd data-stat="deliveries">${live ? `${report.deliveries.delivered} delivered, ${report.deliveries.lost} lost, ${report.deliveries.refused} refused` : html`<span class="muted">not kept in the journal</span>`}</dd>
        </dl>
      </section>`;
  }
}

/** The scheduled runs an advance made, by job: "P-job 4 times, 1010 once (12:15 to 13:00)". */
export function describeScheduledRuns(runs: readonly { job: string; at: number }[]): string {
  if (runs.length === 0) return 'No scheduled job fell due.';
  const byJob = new Map<string, number>();
  for (const run of runs) byJob.set(run.job, (byJob.get(run.job) ?? 0) + 1);
  const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
  const first = time.format(runs[0]!.at);
  const last = time.format(runs.at(-1)!.at);
  return `Scheduled jobs run: ${[...byJob].map(([job, n]) => `${jobLabel(job)} ${times(n)}`).join(', ')} (${first === last ? `at ${first}` : `${first} to ${last}`}).`;
}

function jobLabel(job: string): string {
  return JOBS.find((j) => j.job === job)?.label ?? job;
}

/** A job run as a sentence: what it did at each store it tried. */
export function describeRun(run: JobRun | undefined, job: string): string {
  if (run === undefined) return `${jobLabel(job)} ran.`;
  const stores = run.stores.map((s) => {
    const what = counts(s.counts).map(([k, n]) => `${k} ${n}`).join(', ');
    return s.outcome === 'unreachable' ? `${s.storeId} unreachable` : `${s.storeId} ${what === '' ? 'nothing to do' : what}`;
  });
  const totals = counts(run.counts).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${jobLabel(run.job)} ran at ${time.format(run.at)}${stores.length > 0 ? `: ${stores.join('; ')}` : totals === '' ? '.' : `: ${totals}`}`;
}

declare global {
  interface HTMLElementTagNameMap { 'analyst-view': AnalystView }
}
