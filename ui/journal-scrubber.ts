/**
 * <journal-scrubber>: the analyst's way back in time over the chain's journal (GET /api/journal). A slider and a
 * command number over every command on disk, a step back and a step forward, the previous and the next refused
 * command, and "Back to live". Each position is read from the server (which rebuilds the chain as it was) and
 * announced with a `history` event (`detail`: the point, or null when back to live); the analyst view then shows
 * that point's figures, read-only. Nothing here sends a command.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { staffWords, type RuleViolation } from '../engine/domain/violation.ts';
import { commandWords } from '../engine/protocol/command-words.ts';
import type { JournalPoint } from '../engine/protocol/journal.ts';
import type { StoreApi } from './api.ts';
import { refusal, violationOf } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' });

export { commandWords };

/** "As of command N of M, at TIME": the label of a point in the chain's history. */
export function asOf(point: Pick<JournalPoint, 'seq' | 'last' | 'at'>): string {
  const at = when.format(new Date(point.at));
  return point.seq === 0 ? `As of the start (before command 1 of ${point.last}), at ${at}` : `As of command ${point.seq} of ${point.last}, at ${at}`;
}

@customElement('journal-scrubber')
export class JournalScrubber extends LitElement {
  static override styles = [screenStyles, css`
    :host { display: block; }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    .slider { display: grid; grid-template-columns: 1fr 11rem; gap: 0.75rem; align-items: end; }
    input[type='range'] { width: 100%; min-height: 48px; padding: 0; border: none; accent-color: #263238; }
    .as-of { font-weight: 800; font-size: 1.1rem; }
    ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
    .refused { color: var(--bad); }
    .detail { color: #546e7a; font-size: 0.95rem; }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;
  /** The commands the chain holds now (the live report's count): where the slider ends while nothing is loaded. */
  @property({ type: Number }) accessor live = 0;

  @state() accessor point: JournalPoint | null = null;
  @state() accessor busy = false;
  @state() accessor error: RuleViolation | null = null;
  /** Only the answer to the latest request is shown (a quick second click makes the first stale). */
  private asked = 0;

  /** Loads a point (`seq=N`; '' for the last command on disk) and says so; resolves with it (null: refused or stale). */
  private async go(query: string): Promise<JournalPoint | null> {
    const api = this.api;
    if (api === null) return null;
    const mine = ++this.asked;
    this.busy = true;
    this.error = null;
    try {
      const { point } = await api.get<{ point: JournalPoint }>(query === '' ? 'journal' : `journal?${query}`);
      if (mine !== this.asked) return null;
      this.point = point;
      this.dispatchEvent(new CustomEvent('history', { detail: point, bubbles: true, composed: true }));
      return point;
    } catch (error) {
      if (mine === this.asked) this.error = violationOf(error);
      return null;
    } finally {
      if (mine === this.asked) this.busy = false;
    }
  }

  /** Where the chain is shown from now: a point of its history. */
  private goTo(seq: number): Promise<JournalPoint | null> {
    return this.go(`seq=${seq}`);
  }

  /** From live, the last refusal: at the last command on disk, or the one before it. */
  private async lastRefusal(): Promise<void> {
    const end = await this.go('');
    if (end !== null && end.refusals.length === 0 && end.previousRefusal !== null) await this.goTo(end.previousRefusal);
  }

  private backToLive(): void {
    this.asked += 1; // an answer on its way is stale now
    this.point = null;
    this.busy = false;
    this.error = null;
    this.dispatchEvent(new CustomEvent('history', { detail: null, bubbles: true, composed: true }));
  }

  private positionTyped(event: Event): void {
    const input = event.target as HTMLInputElement;
    const seq = Number(input.value);
    if (input.value.trim() === '' || !Number.isInteger(seq)) {
      this.error = { rule: 'VALIDATION', field: 'seq', message: 'type a command number, 0 for the start' };
      return;
    }
    void this.goTo(seq);
  }

  override render() {
    const point = this.point;
    const last = point?.last ?? this.live;
    const seq = point?.seq ?? last;
    return html`
      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        ${point === null
          ? html`<p class="muted" style="margin: 0 0 0.75rem" data-as-of>Showing the chain live. Step back to see it as it was after any of its ${last} commands.</p>`
          : html`<p class="as-of" role="status" style="margin: 0 0 0.75rem" data-as-of>${asOf(point)}. Read-only: nothing can be done from here.</p>`}
        <div class="slider">
          <label>Command
            <input type="range" min="0" max=${last} .value=${String(seq)} step="1" ?disabled=${this.api === null}
              aria-valuetext=${point === null ? `live, command ${seq}` : asOf(point)} data-slider
              @change=${(e: Event) => this.goTo(Number((e.target as HTMLInputElement).value))}>
          </label>
          <label>Go to command
            <input type="number" inputmode="numeric" min="0" max=${last} .value=${String(seq)} data-position
              @change=${(e: Event) => this.positionTyped(e)}>
          </label>
        </div>
        <div class="row" role="group" aria-label="Move through the history" style="margin-top: 0.75rem">
          <button type="button" data-step="back" ?disabled=${seq === 0} @click=${() => this.goTo(seq - 1)}>Step back</button>
          <button type="button" data-step="forward" ?disabled=${point === null || seq >= last} @click=${() => this.goTo(seq + 1)}>Step forward</button>
          <button type="button" data-refusal="previous" ?disabled=${point !== null && point.previousRefusal === null}
            @click=${() => (point === null ? this.lastRefusal() : this.goTo(point.previousRefusal!))}>Previous refusal</button>
          <button type="button" data-refusal="next" ?disabled=${point?.nextRefusal == null} @click=${() => this.goTo(point!.nextRefusal!)}>Next refusal</button>
          ${point === null ? nothing : html`<button type="button" class="primary" data-live @click=${() => this.backToLive()}>Back to live</button>`}
        </div>
        ${this.busy ? html`<p class="muted" role="status">Rebuilding the chain as it was...</p>` : nothing}
        ${refusal(this.error)}
        ${point === null ? nothing : this.renderPoint(point)}
      </section>`;
  }

  private renderPoint(point: JournalPoint) {
    return html`
      <p style="margin: 0.75rem 0 0" data-command>${point.command === null
        ? 'The chain as it started, before any command.'
        : html`Command ${point.seq}: <strong>${commandWords(point.command.type)}</strong> <span class="muted">(at ${point.command.engine === 'store' ? 'the stores' : 'headquarters'})</span>`}</p>
      ${point.refusals.length === 0 ? nothing : html`
        <div data-refusals>
          <p class="refused" style="margin: 0.5rem 0 0"><strong>Refused right after this command:</strong></p>
          <ul>${point.refusals.map((r) => {
            const words = staffWords(r);
            return html`<li><strong>${commandWords(r.type)}</strong>: ${words.message} <span class="detail">${words.detail}</span></li>`;
          })}</ul>
        </div>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'journal-scrubber': JournalScrubber }
}
