/**
 * <sign-in-form>: operator id and PIN, at a site (a store, or a warehouse for its fulfilment screen) and, for a
 * till, a register. The site and register come from the screen's address (`/till?store=S1&register=R1`); when the
 * address does not name them, the form offers pickers of the chain's sites (`GET /api/sites`). Emits `signed-in`
 * with the connected api; shows the server's reason in place when it refuses.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScreenKind } from '../engine/protocol/sites.ts';
import { ApiError, signIn, type StoreApi } from './api.ts';
import { loadSites, type ChainSites } from './chain-sites.ts';
import { screenStyles } from './styles.ts';

export type SignInFunction = (request: { operatorId: string; pin: string; siteId: string; registerId?: string }) => Promise<StoreApi>;

interface SiteChoice { id: string; name: string; registerIds: readonly string[] }

@customElement('sign-in-form')
export class SignInForm extends LitElement {
  static override styles = [screenStyles];

  /** The screen signing in: a till needs a register, a fulfilment screen may be at a warehouse. */
  @property({ type: String }) accessor screen: ScreenKind = 'till';
  @property({ type: String }) accessor siteId = '';
  @property({ type: String }) accessor registerId = '';
  @property({ type: String }) accessor heading = 'Sign in';
  /** Why the screen is signing in (its session ended), said above the form. */
  @property({ type: String }) accessor notice = '';
  /** How to sign in (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor signInWith: SignInFunction = (request) => signIn(request);
  /** How the chain's sites are read for the pickers (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor sitesWith: () => Promise<ChainSites> = () => loadSites();
  @state() accessor error = '';
  @state() accessor busy = false;
  @state() accessor sites: ChainSites | null = null;
  /** The sites could not be read: the form falls back to typing the site and register. */
  @state() accessor sitesFailed = false;
  /** Picking the site and register (the address named none, or the operator chose to change them). */
  @state() accessor picking = false;
  @state() accessor pickedSite = '';

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.picking = this.siteId === '' || (this.screen === 'till' && this.registerId === '');
    this.pickedSite = this.siteId;
    try {
      this.sites = await this.sitesWith();
    } catch {
      this.sitesFailed = true;
    }
  }

  /** The sites this screen may sign in at: stores, and for fulfilment the warehouses too. */
  private choices(): SiteChoice[] {
    if (this.sites === null) return [];
    const warehouses = this.screen === 'fulfillment' ? this.sites.warehouses.map((w) => ({ ...w, registerIds: [] })) : [];
    return [...this.sites.stores, ...warehouses];
  }

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
        ${this.picking ? this.renderPickers() : this.renderPlace()}
        ${this.error === '' ? null : html`<div class="error" role="alert">${this.error}</div>`}
        <button class="primary" type="submit" ?disabled=${this.busy || (this.picking && this.sites === null && !this.sitesFailed)}>Sign in</button>
        <a href="/" class="muted">All screens of the chain</a>
      </form>`;
  }

  /** The place the address names, with a way to choose another. */
  private renderPlace() {
    const name = this.choices().find((s) => s.id === this.siteId)?.name ?? this.siteId;
    return html`
      <p class="row" style="margin: 0; justify-content: space-between" data-place>
        <span><strong>${name}</strong>${this.registerId === '' ? '' : html`, register <strong>${this.registerId}</strong>`}</span>
        <button type="button" @click=${() => { this.picking = true; }}>Change</button>
      </p>
      <input type="hidden" name="siteId" .value=${this.siteId}>
      <input type="hidden" name="registerId" .value=${this.registerId}>`;
  }

  private renderPickers() {
    if (this.sitesFailed) {
      return html`
        <p class="warning" style="margin: 0">The list of stores cannot be loaded: type the store and register.</p>
        <label>Store or warehouse <input name="siteId" .value=${this.siteId} required></label>
        <label>Register <input name="registerId" .value=${this.registerId} placeholder="none (fulfilment only)"></label>`;
    }
    if (this.sites === null) return html`<p class="muted" style="margin: 0">Loading the stores...</p>`;
    const choices = this.choices();
    const site = choices.find((s) => s.id === this.pickedSite);
    const registerIds = site?.registerIds ?? [];
    return html`
      <label>${this.screen === 'fulfillment' ? 'Store or warehouse' : 'Store'}
        <select name="siteId" required @change=${(e: Event) => { this.pickedSite = (e.target as HTMLSelectElement).value; }}>
          <option value="" ?selected=${site === undefined}>Choose...</option>
          ${choices.map((s) => html`<option value=${s.id} ?selected=${s.id === this.pickedSite}>${s.name} (${s.id})</option>`)}
        </select>
      </label>
      ${this.screen !== 'till' ? null : html`
        <label>Register
          <select name="registerId" required ?disabled=${site === undefined}>
            ${registerIds.length === 1 ? null : html`<option value="">Choose...</option>`}
            ${registerIds.map((id) => html`<option value=${id} ?selected=${id === this.registerId}>${id}</option>`)}
          </select>
        </label>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'sign-in-form': SignInForm }
}
