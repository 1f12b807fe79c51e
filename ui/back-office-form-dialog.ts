/**
 * <back-office-form-dialog>: an in-page modal dialog (modal-frame.ts: focus kept inside, Escape dismisses, focus goes
 * back after) asking a few labelled fields: a reason to lose a quotation, a new expiry date, a quantity to release.
 * Emits `form-submit` with the values by field name once every required field is filled, and `form-dismiss`; shows
 * the office's refusal in place (`error`) while it stays open.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RuleViolation } from '../engine/domain/violation.ts';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { refusal } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'select';
  value?: string;
  /** The choices of a select: value and words. */
  options?: readonly { value: string; label: string }[];
  /** Optional fields may stay empty. */
  optional?: boolean;
}

export type FormSubmit = CustomEvent<{ values: Record<string, string> }>;

@customElement('back-office-form-dialog')
export class BackOfficeFormDialog extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { --modal-width: 30rem; }
    form { display: grid; gap: 1rem; }
  `];

  @property({ type: String }) accessor heading = '';
  @property({ type: String }) accessor intro = '';
  @property({ type: String }) accessor confirmLabel = 'Confirm';
  @property({ type: Boolean }) accessor danger = false;
  @property({ attribute: false }) accessor fields: readonly FormField[] = [];
  @property({ attribute: false }) accessor error: RuleViolation | null = null;
  @state() accessor missing = '';

  private readonly frame = new ModalFrame(this, { dismiss: () => this.dispatchEvent(new CustomEvent('form-dismiss', { bubbles: true, composed: true })) });

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const field of this.fields) {
      const value = this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${field.name}"]`)?.value.trim() ?? '';
      if (value === '' && field.optional !== true) { this.missing = `${field.label}: fill this in`; return; }
      values[field.name] = value;
    }
    this.missing = '';
    this.dispatchEvent(new CustomEvent('form-submit', { detail: { values }, bubbles: true, composed: true }));
  }

  override render() {
    return this.frame.render(this.heading, html`
      <form @submit=${this.submit} novalidate>
        ${this.fields.map((f) => html`<label>${f.label}${f.type === 'select'
          ? html`<select name=${f.name}>${(f.options ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === f.value}>${o.label}</option>`)}</select>`
          : html`<input name=${f.name} type=${f.type ?? 'text'} .value=${f.value ?? ''} autocomplete="off">`}</label>`)}
        ${this.missing === '' ? nothing : html`<div class="warning" role="alert">${this.missing}</div>`}
        ${refusal(this.error)}
        <div class="actions">
          <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('form-dismiss', { bubbles: true, composed: true }))}>Cancel</button>
          <button type="submit" class=${this.danger ? 'danger' : 'primary'}>${this.confirmLabel}</button>
        </div>
      </form>`, this.intro === '' ? {} : { intro: html`<p id="intro" class="muted">${this.intro}</p>`, describedBy: 'intro' });
  }
}

declare global {
  interface HTMLElementTagNameMap { 'back-office-form-dialog': BackOfficeFormDialog }
}
