/**
 * The frame every in-page dialog shares (no browser prompt or alert): a native <dialog> opened with showModal(), so
 * the backdrop, the page behind made inert and Escape come from the browser. It is named by its heading; Escape asks
 * the host to dismiss it (the host closes, or stays while a payment is under way); the first field (else the first
 * button) takes the focus when it opens, and the focus goes back to what had it when the dialog leaves the page.
 *
 * The <dialog> is rendered in the host's own shadow root (`frame.render(...)`), beside the host's content, so the
 * host styles its content and its tests reach it there. Hosts adopt `modalStyles` and set `--modal-width`.
 */
import { css, html, nothing, type LitElement, type ReactiveController } from 'lit';

export const modalStyles = css`
  dialog.modal {
    border: none;
    border-radius: 16px;
    padding: 1.5rem;
    width: min(var(--modal-width, 36rem), 94vw);
    /* A dialog taller than the window scrolls inside; its fields never grow wider than it. */
    max-height: calc(100dvh - 2rem);
    overflow: auto;
    box-sizing: border-box;
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
    background: #fff;
    font: inherit;
    color: inherit;
  }
  dialog.modal[open] { display: grid; gap: 1rem; }
  dialog.modal::backdrop { background: rgba(28, 37, 48, 0.55); }
  .modal-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
  .modal-head h2 { margin: 0; font-size: 1.4rem; }
  .modal-head p { margin: 0.25rem 0 0; }
  .actions { display: flex; gap: 0.75rem; justify-content: flex-end; flex-wrap: wrap; }
  dialog.modal select, dialog.modal input { max-width: 100%; min-width: 0; }
`;

export interface ModalOptions {
  /** Escape, the Close button, or (with `dismissOnBackdrop`) a click beside the dialog. */
  dismiss(): void;
  dismissOnBackdrop?: boolean;
}

const FIELD = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([disabled]), select:not([disabled]), textarea';

export class ModalFrame implements ReactiveController {
  private returnFocusTo: Element | null = null;

  constructor(private readonly host: LitElement, private readonly options: ModalOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    this.returnFocusTo = deepActiveElement();
  }

  hostUpdated(): void {
    this.open();
  }

  hostDisconnected(): void {
    const back = this.returnFocusTo;
    this.returnFocusTo = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  }

  /**
   * The dialog: its heading, an optional line under it (`intro`, the description when `describedBy` names it), an
   * optional Close button, then the content.
   */
  render(heading: unknown, content: unknown, extra: { intro?: unknown; describedBy?: string; closeButton?: boolean } = {}) {
    return html`
      <dialog class="modal" aria-modal="true" aria-labelledby="heading" aria-describedby=${extra.describedBy ?? nothing}
        @cancel=${this.onCancel} @close=${this.onClose} @click=${this.onClick}>
        <div class="modal-head">
          <div>
            <h2 id="heading">${heading}</h2>
            ${extra.intro ?? nothing}
          </div>
          ${extra.closeButton ? html`<button type="button" class="close" @click=${() => this.options.dismiss()}>Close</button>` : nothing}
        </div>
        ${content}
      </dialog>`;
  }

  private open(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.modal');
    if (dialog === null || dialog.open || !this.host.isConnected) return;
    dialog.showModal();
    this.focusFirst();
  }

  /** The first field to fill in, else the first button: in slotted content first, then in the host's own. */
  private focusFirst(): void {
    const scopes = [this.host, this.host.renderRoot];
    const find = (selector: string) => scopes.map((scope) => scope.querySelector<HTMLElement>(selector)).find((el) => el !== null);
    (find(FIELD) ?? find('button:not([disabled])'))?.focus();
  }

  private readonly onCancel = (event: Event) => {
    // The host decides: the browser would close the dialog and leave the host in the page.
    event.preventDefault();
    this.options.dismiss();
  };

  /** Without a user activation since the last Escape the browser closes the dialog anyway: open while the host stays. */
  private readonly onClose = () => this.open();

  private readonly onClick = (event: MouseEvent) => {
    if (!this.options.dismissOnBackdrop || event.target !== event.currentTarget) return;
    // A click on the dialog itself is on its padding or on the backdrop around it.
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) this.options.dismiss();
  };
}

/** The focused element, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
