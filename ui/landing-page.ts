/**
 * <landing-page>: the way in (`/`). Every screen of the chain by site, each a link to its sign-in: a till per
 * register, a fulfilment screen per store and warehouse, a pickup board per store, headquarters' analyst view, and
 * headquarters' back office (sales and marketing staff).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { screenLinks } from '../engine/protocol/sites.ts';
import { loadSites, type ChainSites } from './chain-sites.ts';
import { screenStyles } from './styles.ts';

/** Headquarters' back office signs in where its analyst view does. */
const backOfficeLink = (analystPath: string) =>
  html`<li><a href=${analystPath.replace(/^\/analyst/, '/back-office')} data-screen="back-office">Back office</a></li>`;

@customElement('landing-page')
export class LandingPage extends LitElement {
  static override styles = [screenStyles, css`
    :host { display: block; max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem; }
    .sites { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
    .site h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    .site ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4rem; }
    .site a { display: block; padding: 0.5rem 0.75rem; border-radius: 8px; background: #eceff1; color: #263238; text-decoration: none; font-weight: 600; }
    .site a:hover, .site a:focus { background: #cfd8dc; }
  `];

  /** How the sites are read (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor sitesWith: () => Promise<ChainSites> = () => loadSites();
  @state() accessor sites: ChainSites | null = null;
  @state() accessor error = '';

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    try {
      this.sites = await this.sitesWith();
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'the server cannot be reached';
    }
  }

  override render() {
    return html`
      <h1>Storefront: choose a screen</h1>
      <p class="muted">Each screen asks you to sign in with your operator id and PIN.</p>
      ${this.error === '' ? null : html`<div class="error" role="alert">${this.error}</div>`}
      ${this.sites === null ? (this.error === '' ? html`<p class="muted">Loading the stores...</p>` : null) : html`
        <div class="sites">
          ${screenLinks(this.sites).map((site) => html`
            <section class="panel site" aria-labelledby="site-${site.siteId}">
              <h2 id="site-${site.siteId}">${site.name}</h2>
              <ul>${site.screens.map((screen) => html`<li><a href=${screen.path} data-screen=${screen.screen}>${screen.label}</a></li>${screen.screen === 'analyst' ? backOfficeLink(screen.path) : null}`)}</ul>
            </section>`)}
        </div>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'landing-page': LandingPage }
}
