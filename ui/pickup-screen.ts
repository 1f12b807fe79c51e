/**
 * <pickup-screen>: the customer-facing pickup board of a store. Customers waiting for pickup orders see their name
 * and confirmation number under "Being prepared" or "Ready for pickup", large enough to read across the store.
 *
 * Follows the `location:<store location>` room (location-room.ts): its pickups (orders with units still to hand over
 * here, ready once every such unit is picked) and the rows of their orders (the customer's name, the confirmation
 * number; CO-15 the name of another person who collects), then each order's part as it changes. An order moving to ready is announced (polite live region) and
 * highlighted for a minute.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OrderRow, StoreApi } from './api.ts';
import type { LocationView, Pickup } from './fulfillment-model.ts';
import { LiveRooms } from './live-rooms.ts';
import { applyToRoom, emptyRoom, locationRoom, type LocationRoom } from './location-room.ts';
import { refusal } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

/** How long an order that just became ready stays highlighted. */
export const HIGHLIGHT_MS = 60_000;

@customElement('pickup-screen')
export class PickupScreen extends LitElement {
  static override styles = [screenStyles, css`
    :host {
      --board: #10212e;
      --board-text: #ffffff;
      --prep: #ffd54f;
      --ready: #69f0ae;
      min-height: calc(100vh - 7rem);
      background: var(--board);
      color: var(--board-text);
      border-radius: 16px;
      padding: clamp(1rem, 2.5vw, 2.5rem);
      box-sizing: border-box;
    }
    header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 1rem; margin-bottom: clamp(1rem, 2vw, 2rem); }
    h1 { margin: 0; font-size: clamp(2rem, 4vw, 3.5rem); line-height: 1.1; }
    .where { font-size: clamp(1.25rem, 2vw, 1.75rem); color: #b0bec5; }
    .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: clamp(1rem, 2.5vw, 2.5rem); }
    section { border-radius: 16px; padding: clamp(1rem, 2vw, 2rem); background: rgba(255, 255, 255, 0.06); }
    section.ready { background: rgba(105, 240, 174, 0.12); outline: 3px solid var(--ready); }
    h2 { margin: 0 0 1rem; font-size: clamp(1.75rem, 3.2vw, 3rem); display: flex; align-items: center; gap: 0.75rem; }
    .preparing h2 { color: var(--prep); }
    .ready h2 { color: var(--ready); }
    .total { font-size: 0.6em; background: rgba(255, 255, 255, 0.15); color: var(--board-text); border-radius: 999px; padding: 0.1em 0.6em; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: clamp(0.5rem, 1vw, 1rem); }
    li { border-radius: 12px; padding: clamp(0.75rem, 1.5vw, 1.25rem) clamp(1rem, 2vw, 1.5rem); background: rgba(0, 0, 0, 0.25); display: grid; gap: 0.25rem; }
    .name { font-size: clamp(2rem, 3.6vw, 3.25rem); font-weight: 800; line-height: 1.1; overflow-wrap: anywhere; }
    .ref { font-size: clamp(1.25rem, 2.2vw, 2rem); font-variant-numeric: tabular-nums; letter-spacing: 0.04em; color: #e0e0e0; }
    .ref-label { font-size: 0.65em; letter-spacing: 0; color: #b0bec5; }
    .units { font-size: clamp(1rem, 1.6vw, 1.35rem); color: #b0bec5; }
    li.just-ready { background: #1b5e20; box-shadow: 0 0 0 4px var(--ready); }
    .empty { font-size: clamp(1.25rem, 2vw, 1.75rem); color: #b0bec5; margin: 0; }
    .offline { font-size: 1.1rem; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media (prefers-reduced-motion: no-preference) {
      li.just-ready { animation: pulse 1.6s ease-in-out 4; }
      @keyframes pulse { 50% { box-shadow: 0 0 0 12px rgba(105, 240, 174, 0.35); } }
    }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;

  @state() accessor room: LocationRoom = emptyRoom();
  @state() accessor loaded = false;
  /** Orders that became ready while the board was showing them, until when they stay highlighted. */
  @state() accessor justReady: ReadonlyMap<string, number> = new Map();
  @state() accessor announcement = '';

  private timer: ReturnType<typeof setTimeout> | null = null;

  /** The store's location room (a warehouse has no board, so no room). */
  private readonly live = new LiveRooms(this, {
    rooms: (api) => (api.setup.store === null ? [] : [this.roomName]),
    reset: () => {
      this.room = emptyRoom();
      this.loaded = false;
      this.justReady = new Map();
    },
    state: (name, view) => { if (name === this.roomName) this.apply(locationRoom(view as LocationView), false); },
    update: (envelope) => { if (envelope.room === this.roomName) this.apply(applyToRoom(this.room, envelope), true); },
  });

  private get locationId(): string {
    return this.api?.setup.store?.locationId ?? this.api?.setup.session.locationId ?? '';
  }

  private get roomName(): string {
    return `location:${this.locationId}`;
  }

  private get pickups(): Pickup[] {
    return this.room.pickups;
  }

  /** An order's row (its customer and confirmation number), as the room gives it. */
  private orderOf(pickup: Pickup): OrderRow | undefined {
    return this.room.orders[pickup.orderId];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The room now; orders that turned ready since the last view are announced and highlighted (live changes only). */
  private apply(room: LocationRoom, live: boolean): void {
    const { pickups } = room;
    const wasReady = new Set(this.pickups.filter((p) => p.ready).map((p) => p.orderId));
    const now = Date.now();
    const highlighted = new Map([...this.justReady].filter(([orderId, until]) => until > now && pickups.some((p) => p.orderId === orderId && p.ready)));
    const turned = live && this.loaded ? pickups.filter((p) => p.ready && !wasReady.has(p.orderId)) : [];
    for (const p of turned) highlighted.set(p.orderId, now + HIGHLIGHT_MS);
    if (turned.length > 0) {
      this.announcement = turned.map((p) => `${room.orders[p.orderId]?.customerName ?? 'A customer'}, order ${room.orders[p.orderId]?.channelReference ?? p.orderId} is ready for pickup.`).join(' ');
    }
    this.room = room;
    this.justReady = highlighted;
    this.loaded = true;
    this.scheduleExpiry();
  }

  private scheduleExpiry(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.justReady.size === 0) return;
    const next = Math.min(...this.justReady.values());
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = Date.now();
      this.justReady = new Map([...this.justReady].filter(([, until]) => until > now));
      this.scheduleExpiry();
    }, Math.max(0, next - Date.now()));
  }

  private sorted(ready: boolean): Pickup[] {
    return this.pickups
      .filter((p) => p.ready === ready)
      .sort((a, b) => (this.orderOf(a)?.createdAt ?? 0) - (this.orderOf(b)?.createdAt ?? 0) || (a.orderId < b.orderId ? -1 : 1));
  }

  override render() {
    const api = this.api;
    if (api === null) return html`<p>Not signed in.</p>`;
    if (api.setup.store === null) return html`<p class="empty">${api.setup.location.name} is a warehouse: orders are picked up at stores.</p>`;
    const preparing = this.sorted(false);
    const ready = this.sorted(true);
    return html`
      <header>
        <h1>Order pickup</h1>
        <span class="where">${api.setup.store.name}</span>
        ${this.live.online === false ? html`<span class="offline" role="status">Reconnecting...</span>` : nothing}
      </header>
      ${refusal(this.live.refusal)}
      <p class="sr-only" role="status" aria-live="polite">${this.announcement}</p>
      ${!this.loaded ? html`<p class="empty">Loading...</p>` : html`
        <div class="board">
          ${this.column('preparing', 'Being prepared', preparing, 'Nothing being prepared right now.')}
          ${this.column('ready', 'Ready for pickup', ready, 'No orders waiting to be collected.')}
        </div>`}`;
  }

  private column(kind: 'preparing' | 'ready', title: string, pickups: Pickup[], empty: string) {
    const headingId = `${kind}-heading`;
    return html`
      <section class=${kind} aria-labelledby=${headingId} data-column=${kind}>
        <h2 id=${headingId}>${title} <span class="total">${pickups.length}</span></h2>
        ${pickups.length === 0 ? html`<p class="empty">${empty}</p>` : html`
          <ol>
            ${pickups.map((p) => html`
              <li data-order=${p.orderId} class=${this.justReady.has(p.orderId) ? 'just-ready' : ''}>
                <span class="name">${this.orderOf(p)?.customerName ?? ''}</span>
                <span class="ref"><span class="ref-label">Confirmation </span>${this.orderOf(p)?.channelReference ?? p.orderId}</span>
                <span class="units">${p.units} item${p.units === 1 ? '' : 's'}</span>
                ${p.collector ? html`<span class="units" data-collector>Collected by ${p.collector.name}</span>` : nothing}
              </li>`)}
          </ol>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'pickup-screen': PickupScreen }
}
