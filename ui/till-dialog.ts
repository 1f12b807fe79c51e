/**
 * <till-dialog heading="Ship">...</till-dialog>: the shared modal frame (modal-frame.ts) around the till's dialogs'
 * content. Named by its heading, closed with its Close button, Escape, a click beside it or the content's Cancel
 * (each emits `close`; the till removes the dialog).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ModalFrame, modalStyles } from './modal-frame.ts';
import { screenStyles } from './styles.ts';

@customElement('till-dialog')
export class TillDialog extends LitElement {
  static override styles = [screenStyles, modalStyles, css`
    :host { display: contents; --modal-width: 44rem; }
    :host([size='narrow']) { --modal-width: 26rem; }
    :host([size='wide']) { --modal-width: 64rem; }
  `];

  /** narrow (approval), normal, or wide (recall, customers). */
  @property({ type: String, reflect: true }) accessor size: 'narrow' | 'normal' | 'wide' = 'normal';
  @property({ type: String }) accessor heading = '';

  private readonly frame = new ModalFrame(this, { dismiss: () => askToClose(this), dismissOnBackdrop: true });

  override render() {
    return this.frame.render(this.heading, html`<slot></slot>`, { closeButton: true });
  }
}

function askToClose(from: HTMLElement): void {
  from.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
}

/** The buttons that end a till dialog's form: Cancel (emits `close`) and the submit button, off while busy. */
export function cancelOrSubmit(host: HTMLElement, submitLabel: unknown, busy: boolean) {
  return html`
    <div class="actions">
      <button type="button" @click=${() => askToClose(host)}>Cancel</button>
      <button type="submit" class="primary" ?disabled=${busy}>${submitLabel}</button>
    </div>`;
}

declare global {
  interface HTMLElementTagNameMap { 'till-dialog': TillDialog }
}
