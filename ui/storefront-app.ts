/**
 * <storefront-app>: the page. Picks the screen from the address (/till?register=R1, /fulfillment?location=S2,
 * /pickup?store=S1, /analyst, /call-center, /back-office), signs the operator in (the session is kept for this tab), and shows the screen with
 * a bar saying where and who. A role lands on a screen of its job: an analyst signed in at a till's address gets the
 * analyst view, a picker the fulfilment screen (ST-5, engine/protocol/access-matrix.ts).
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Permission } from '../engine/domain/config.ts';
import { heldGrants, ROOM_ACCESS, type RoomKind } from '../engine/protocol/access-matrix.ts';
import type { ScreenKind } from '../engine/protocol/sites.ts';
import { resume, type StoreApi } from './api.ts';
import { screenStyles } from './styles.ts';
import './sign-in-form.ts';
import './till-screen.ts';
import './fulfillment-screen.ts';
import './pickup-screen.ts';
import './analyst-view.ts';
import './call-center-app.ts';
import { httpCallCenterDesk, type CallCenterDesk } from './call-center-desk.ts';
import './back-office-app.ts';
import { backOfficeJobs, httpBackOffice, type BackOffice } from './back-office-client.ts';

type Screen = ScreenKind;
/** What the sign-in form says when the tab's session is gone (instead of the server's refusal). */
export const SESSION_ENDED = 'Your session ended: sign in again';
const SCREENS = ['till', 'fulfillment', 'pickup', 'analyst'] as const;
const TOKEN_KEY = 'storefront.session';

/** The room each screen follows: a role may use the screen if it may watch the room. */
const SCREEN_ROOM: Record<Screen, RoomKind> = { till: 'register', fulfillment: 'location', pickup: 'location', analyst: 'headquarters' };

/** The screen the address asks for if the role does that job, else the first screen it does (null: none). */
export function screenFor(asked: Screen, permissions: readonly Permission[]): Screen | null {
  const mayUse = (screen: Screen) => heldGrants(ROOM_ACCESS[SCREEN_ROOM[screen]], permissions).length > 0;
  return mayUse(asked) ? asked : SCREENS.find(mayUse) ?? null;
}

@customElement('storefront-app')
export class StorefrontApp extends LitElement {
  static override styles = [screenStyles];

  @state() accessor api: StoreApi | null = null;
  @state() accessor checking = true;
  /** Said above the sign-in form (why this screen is signing in again). */
  @state() accessor notice = '';
  /** How a kept session is resumed (the server by default; a test gives its own). */
  @property({ attribute: false }) accessor resumeWith: (token: string) => Promise<StoreApi | null> = (token) => resume(token);

  private readonly params = new URLSearchParams(location.search);
  private readonly asked: Screen = SCREENS.find((s) => location.pathname === `/${s}`) ?? 'till';
  /** The call center's page (/call-center, /call-center/supervisor): signs in at a site like the analyst view. */
  private readonly callCenter = location.pathname === '/call-center' || location.pathname === '/call-center/supervisor';
  /** Headquarters' back office (/back-office): signs in at a site like the call center. */
  private readonly backOffice = location.pathname === '/back-office';

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const token = sessionStorage.getItem(TOKEN_KEY);
    const api = token === null ? null : await this.resumeWith(token);
    if (api !== null) this.follow(api);
    else if (token !== null) this.sessionEnded();
    this.checking = false;
  }

  private signedIn(event: CustomEvent<StoreApi & { token: string }>): void {
    sessionStorage.setItem(TOKEN_KEY, event.detail.token);
    this.notice = '';
    this.follow(event.detail);
  }

  /** Shows the screens of this session until the server says it is gone. */
  private follow(api: StoreApi): void {
    api.onSessionEnd(() => { if (this.api === api) this.sessionEnded(); });
    this.api = api;
  }

  /** The session expired, was signed out elsewhere, or the server no longer knows it: back to signing in. */
  private sessionEnded(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.api = null;
    this.notice = SESSION_ENDED;
  }

  private async signOut(): Promise<void> {
    const api = this.api;
    this.api = null;
    sessionStorage.removeItem(TOKEN_KEY);
    await api?.signOut();
  }

  /** The site and register the address names (the server prints each screen's address). */
  private site(): { siteId: string; registerId: string } {
    const p = (name: string) => this.params.get(name) ?? '';
    return { siteId: p('location') || p('store'), registerId: p('register') };
  }

  override render() {
    if (this.checking) return html`<p class="muted" style="padding: 2rem">Connecting...</p>`;
    if (this.api === null) {
      const { siteId, registerId } = this.site();
      const heading = this.callCenter ? 'Call center' : this.backOffice ? 'Back office' : { till: 'Till', fulfillment: 'Store fulfilment', pickup: 'Pickup', analyst: 'Headquarters' }[this.asked];
      return html`<sign-in-form heading="${heading}: sign in" .screen=${this.callCenter || this.backOffice ? 'analyst' : this.asked} .siteId=${siteId} .registerId=${registerId} .notice=${this.notice} @signed-in=${this.signedIn}></sign-in-form>`;
    }
    const { setup } = this.api;
    return html`
      <header class="row" style="justify-content: space-between; padding: 0.5rem 1rem; background: #263238; color: #fff">
        <strong>${setup.store?.name ?? setup.location.name}${setup.session.registerId === null ? '' : ` / ${setup.session.registerId}`}</strong>
        <span>${setup.session.name} (${setup.roleName})</span>
        <button @click=${this.signOut}>Sign out</button>
      </header>
      <main style="padding: 1rem">${this.screenOf(this.api)}</main>`;
  }

  /** One desk per session: it follows the call center's room and knows the holds' orders across renders. */
  private desk: { api: StoreApi; desk: CallCenterDesk } | null = null;

  private deskOf(api: StoreApi): CallCenterDesk {
    if (this.desk?.api !== api) this.desk = { api, desk: httpCallCenterDesk(api) };
    return this.desk.desk;
  }

  /** One back-office client per session, like the desk. */
  private office: { api: StoreApi; office: BackOffice } | null = null;

  private officeOf(api: StoreApi): BackOffice {
    if (this.office?.api !== api) this.office = { api, office: httpBackOffice(api) };
    return this.office.office;
  }

  private screenOf(api: StoreApi) {
    if (this.backOffice) {
      if (backOfficeJobs(api.setup.session.permissions).length === 0) {
        return html`<div class="error" role="alert">${api.setup.session.name}'s role (${api.setup.roleName}) has no back-office work: sign in as headquarters sales or marketing staff.</div>`;
      }
      return html`<back-office-app .office=${this.officeOf(api)}></back-office-app>`;
    }
    if (this.callCenter) {
      const { permissions } = api.setup.session;
      if (!permissions.includes('callCenter') && !permissions.includes('callCenterSupervision')) {
        return html`<div class="error" role="alert">${api.setup.session.name}'s role (${api.setup.roleName}) takes no call-center orders: sign in as an agent or a supervisor.</div>`;
      }
      return html`<call-center-app .desk=${this.deskOf(api)} tab=${location.pathname.endsWith('/supervisor') ? 'holds' : 'orders'}></call-center-app>`;
    }
    const screen = screenFor(this.asked, api.setup.session.permissions);
    if (screen === null) return html`<div class="error" role="alert">${api.setup.session.name}'s role (${api.setup.roleName}) has no screen here.</div>`;
    switch (screen) {
      case 'till': return html`<till-screen .api=${api}></till-screen>`;
      case 'fulfillment': return html`<fulfillment-screen .api=${api}></fulfillment-screen>`;
      case 'pickup': return html`<pickup-screen .api=${api}></pickup-screen>`;
      case 'analyst': return html`<analyst-view .api=${api}></analyst-view>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'storefront-app': StorefrontApp }
}
