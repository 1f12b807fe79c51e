/**
 * <job-schedules .report=${report}>: headquarters' jobs on the clock: which run on a schedule and how often, when
 * each runs next and when it last ran (by hand or on schedule), and how many runs are kept in its history.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChainReport } from '../engine/protocol/report.ts';
import { JOBS } from './job-labels.ts';
import { screenStyles } from './styles.ts';

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** "every 15 minutes", "every 2 hours", "every day". */
export function everyText(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'every day' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

@customElement('job-schedules')
export class JobSchedules extends LitElement {
  static override styles = [screenStyles, css`
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    th[scope='row'] { text-transform: none; letter-spacing: 0; font-size: 1.05rem; color: #1c2530; }
  `];

  @property({ attribute: false }) accessor report: ChainReport | null = null;

  override render() {
    const report = this.report;
    if (report === null) return html``;
    return html`
      <section class="panel" aria-labelledby="schedules-heading">
        <h2 id="schedules-heading">Job schedules</h2>
        <table>
          <thead><tr><th scope="col">Job</th><th scope="col">How often</th><th scope="col">Next run</th><th scope="col">Last run</th></tr></thead>
          <tbody>
            ${JOBS.map(({ job, label }) => {
              const schedule = report.schedules[job];
              const last = report.headquarters.lastRunAt[job];
              return html`
                <tr data-job=${job}>
                  <th scope="row">${label}</th>
                  <td>${schedule === undefined ? html`<span class="muted">by hand only</span>` : everyText(schedule.everyMinutes)}</td>
                  <td>${schedule === undefined ? html`<span class="muted">not scheduled</span>` : when.format(new Date(schedule.nextAt))}</td>
                  <td>${last === undefined ? html`<span class="muted">not run yet</span>` : when.format(new Date(last))}</td>
                </tr>`;
            })}
          </tbody>
        </table>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'job-schedules': JobSchedules }
}
