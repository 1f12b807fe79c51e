/**
 * <sign-in-form>: operator id and PIN, at a site (a store, or a warehouse for its fulfilment screen) and optionally
 * a register. Emits `signed-in` with the connected api; shows the server's reason in place when it refuses.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, signIn, type StoreApi } from './api.ts';
import { screenStyles } from './styles.ts';

export type SignInFunction = (request: { operatorId: string; pin: string; siteId: string; registerId?: string }) => Promise<StoreApi>;

@customElement('sign-in-form')
export class SignInForm extends LitElement {
  static override styles = [screenStyles];

  @property({ type: String }) accessor siteId = '';
  @property({ type: String }) accessor registerId = '';
  @property({ type: String }) accessor heading = 'Sign in';
  /** Why the screen is signing in (its session ended), said above the form. */
  @property({ type: String }) accessor notice = '';
  /** How to sign in (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor signInWith: SignInFunction = (request) => signIn(request);
  @state() accessor error = '';
  @state() accessor busy = false;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const request = { operatorId: text('operatorId'), pin: text('pin'), siteId: text('siteId'), ...(text('registerId') === '' ? {} : { registerId: text('registerId') }) };
    this.busy = true;
    this.error = '';
    try {
      const api = await this.signInWith(request);
      this.dispatchEvent(new CustomEvent('signed-in', { detail: api, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'the server cannot be reached';
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <form class="panel" @submit=${this.submit} style="max-width: 26rem; margin: 2rem auto; display: grid; gap: 1rem">
        <h1 style="margin: 0">${this.heading}</h1>
        ${this.notice === '' ? null : html`<p class="warning" role="status" style="margin: 0">${this.notice}</p>`}
        <label>Operator <input name="operatorId" autocomplete="username" required autofocus></label>
        <label>PIN <input name="pin" type="password" inputmode="numeric" autocomplete="current-password" required minlength="4"></label>
        <label>Store or warehouse <input name="siteId" .value=${this.siteId} required></label>
        <label>Register <input name="registerId" .value=${this.registerId} placeholder="none (fulfilment only)"></label>
        ${this.error === '' ? null : html`<div class="error" role="alert">${this.error}</div>`}
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'sign-in-form': SignInForm }
}
