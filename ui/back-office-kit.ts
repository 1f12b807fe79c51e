/**
 * What every back-office tab shares: money from the office's views in its currency (never minor units on screen),
 * the actions a view offers (a button when offered, else the button disabled with the office's reason beside it), and
 * `OfficeTab`, the base of each tab: it reads its view when it opens and again whenever the office's room says
 * something changed (`revision`), sends commands, and shows a refusal or what was done in place; `ListDetailTab`, a
 * tab whose list opens one record beside it.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatMoney } from '../engine/domain/money.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { MoneyView, OfferedAction } from '../engine/protocol/sales.ts';
import type { BackOffice, OfficeAnswer, OfficeCommand } from './back-office-client.ts';
import './back-office-form-dialog.ts';
import type { FormField, FormSubmit } from './back-office-form-dialog.ts';
import './quantity-dialog.ts';
import type { QuantityConfirm, QuantityItem } from './quantity-dialog.ts';
import { refusal, violationOf } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

type Done = string | ((result: Record<string, unknown>) => string);

interface AskingBase { heading: string; intro?: string; confirmLabel: string; danger?: boolean; done: Done }
/** A dialog a tab opens to ask for what a command needs: labelled fields... */
export interface FieldsAsking extends AskingBase {
  fields: readonly FormField[];
  /** What the screen itself finds wrong in the values (an amount that is not one), before anything is sent. */
  check?(values: Record<string, string>): RuleViolation | null;
  command(values: Record<string, string>): OfficeCommand;
}
/** ...or a quantity per line. */
export interface QuantitiesAsking extends AskingBase { items: readonly QuantityItem[]; command(quantities: Record<string, number>): OfficeCommand }
type Asking = FieldsAsking | QuantitiesAsking;

/** The office names an action by its command (`sales.confirmOrder`); a screen's own actions have bare names. */
export const actionName = (action: OfferedAction): string => action.action.replace(/^(sales|marketing)\./, '');

/** A view's money in its own currency. */
export const officeMoney = (money: MoneyView): string => formatMoney(money.amount, money.currency);

/**
 * The actions of a view, in its order: offered ones as buttons (`run` is called with the action's name), the others
 * disabled, their reason said beside them (and read with the button).
 */
export function offeredActions(scope: string, actions: readonly OfferedAction[], run: (action: OfferedAction) => void) {
  const why = (a: OfferedAction) => `why-${scope}-${a.action}`.replace(/[^A-Za-z0-9-]/g, '-');
  return html`<div class="offered" role="group" aria-label="Actions">${actions.map((a) => a.offered
    ? html`<button data-action=${a.action} @click=${() => run(a)}>${a.label}</button>`
    : html`<span class="not-offered">
        <button data-action=${a.action} disabled aria-describedby=${why(a)}>${a.label}</button>
        <span class="muted" id=${why(a)}>${a.reason ?? 'not possible now'}</span>
      </span>`)}</div>`;
}

export const officeStyles = css`
  h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
  h3 { margin: 0.75rem 0 0.35rem; font-size: 1.05rem; }
  .stack { display: grid; gap: 1rem; }
  .split { display: grid; grid-template-columns: minmax(18rem, 1fr) minmax(24rem, 1.6fr); gap: 1rem; align-items: start; }
  @media (max-width: 60rem) { .split { grid-template-columns: 1fr; } }
  .offered { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
  .not-offered { display: inline-flex; gap: 0.35rem; align-items: center; }
  .not-offered .muted { font-size: 0.9rem; max-width: 22rem; }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
  tr.chosen td { background: var(--info-bg); }
  td button { min-height: 44px; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .tag { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; background: var(--warn-bg); color: var(--warn); font-weight: 700; font-size: 0.85rem; }
  /* A tick box with its words: the whole line is the touch target. */
  label.check { flex-direction: row; align-items: center; gap: 0.6rem; min-height: 44px; font-weight: 600; }
  label.check input { width: 1.5rem; height: 1.5rem; min-height: 0; margin: 0; }
  ul.slips { list-style: none; padding: 0; display: grid; gap: 0.35rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
  dt { font-weight: 600; color: #546e7a; }
  dd { margin: 0; }
`;

/** A back-office tab: reads its view when opened and on every change the office's room reports. */
export abstract class OfficeTab extends LitElement {
  static override styles = [screenStyles, officeStyles];

  @property({ attribute: false }) accessor office!: BackOffice;
  /** Raised by the page whenever the office's live room says something changed: the tab reads its view again. */
  @property({ type: Number }) accessor revision = 0;
  @state() accessor error: RuleViolation | null = null;
  /** What the last command did, in plain words. */
  @state() accessor notice = '';
  /** The dialog open now, and the office's refusal of its last attempt. */
  @state() accessor asking: Asking | null = null;
  @state() accessor askingError: RuleViolation | null = null;

  /** Reads what the tab shows. */
  protected abstract load(): Promise<void>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('office') || changed.has('revision')) void this.reload();
  }

  /** Reads again; a read the server refuses is shown like a refusal. */
  async reload(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      this.error = violationOf(error);
    }
  }

  /** A read a step needs (the office's agreements, an invoice to print): its value, or null with the refusal shown. */
  protected async reading<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      this.error = violationOf(error);
      return null;
    }
  }

  /** Sends a command; on success says `done` and reads again, else shows the refusal. True when it was accepted. */
  protected async run(command: OfficeCommand, done: Done): Promise<boolean> {
    const answer: OfficeAnswer<Record<string, unknown>> = await this.office.send(command);
    if (!answer.ok) {
      this.error = answer.error;
      this.notice = '';
      return false;
    }
    this.error = null;
    this.notice = typeof done === 'string' ? done : done(answer.value);
    await this.reload();
    return true;
  }

  /** Opens a dialog asking the fields `asking.command` needs. */
  protected ask(asking: FieldsAsking): void {
    this.askingError = null;
    this.asking = asking;
  }

  /** Opens a dialog asking a quantity per line. */
  protected askQuantities(asking: QuantitiesAsking): void {
    this.askingError = null;
    this.asking = asking;
  }

  /** Sends the dialog's command: accepted, the dialog closes; refused, the refusal shows in the dialog. */
  private async answer(command: OfficeCommand): Promise<void> {
    const asking = this.asking!;
    const answer = await this.office.send(command);
    if (!answer.ok) { this.askingError = answer.error; return; }
    this.asking = null;
    this.error = null;
    this.notice = typeof asking.done === 'string' ? asking.done : asking.done(answer.value);
    await this.reload();
  }

  /** The refusal or the notice of the last command, and the dialog open now. */
  protected outcome() {
    return html`${refusal(this.error)}${this.notice === '' ? nothing : html`<div class="notice" role="status">${this.notice}</div>`}${this.dialog()}`;
  }

  private dialog() {
    const asking = this.asking;
    if (asking === null) return nothing;
    const dismiss = () => { this.asking = null; };
    if ('items' in asking) {
      return html`<quantity-dialog .heading=${asking.heading} .intro=${asking.intro ?? ''} .confirmLabel=${asking.confirmLabel} .items=${asking.items}
        .error=${this.askingError} @quantity-cancel=${dismiss}
        @quantity-confirm=${(e: QuantityConfirm) => this.answer(asking.command(e.detail.quantities))}></quantity-dialog>`;
    }
    return html`<back-office-form-dialog .heading=${asking.heading} .intro=${asking.intro ?? ''} .confirmLabel=${asking.confirmLabel} ?danger=${asking.danger === true}
      .fields=${asking.fields} .error=${this.askingError} @form-dismiss=${dismiss}
      @form-submit=${(e: FormSubmit) => this.submitFields(asking, e.detail.values)}></back-office-form-dialog>`;
  }

  private submitFields(asking: FieldsAsking, values: Record<string, string>): void {
    const wrong = asking.check?.(values) ?? null;
    if (wrong === null) void this.answer(asking.command(values));
    else this.askingError = wrong;
  }
}

/** A tab listing records, one of them open beside the list (orders, quotations, agreements, campaigns). */
export abstract class ListDetailTab<Row, Detail> extends OfficeTab {
  @state() accessor rows: Row[] = [];
  @state() accessor chosenId: string | null = null;
  @state() accessor detail: Detail | null = null;

  protected abstract readRows(): Promise<Row[]>;
  protected abstract readDetail(id: string): Promise<Detail>;

  protected async load(): Promise<void> {
    this.rows = await this.readRows();
    this.detail = this.chosenId === null ? null : await this.readDetail(this.chosenId);
  }

  /** Opens a record beside the list; what was said about the one before goes. */
  async choose(id: string): Promise<void> {
    this.chosenId = id;
    this.error = null;
    this.notice = '';
    this.forget();
    await this.reload();
  }

  /** What the tab drops when another record opens (ticked slips, a form half filled). */
  protected forget(): void {}
}
