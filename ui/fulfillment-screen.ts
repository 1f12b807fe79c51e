/**
 * <fulfillment-screen>: a store's (or warehouse's) fulfilment screen (FF-1..FF-8).
 *
 * Follows the `location:<id>` room of the session's site (location-room.ts): its state (lines with their quantity
 * buckets and derived status, on hand, pickups, the rows of their orders), then each order's lines and row as they
 * change and the on hand of the products that moved. Lines are grouped by order and filtered all / to ship / for
 * pickup (FF-1).
 *
 * Actions (each a command as the signed-in operator at this location; refusals shown in place with the rule):
 * accept (FF-2), print a pick list (FF-3, may mix orders), pick with a quantity prefilled with the remainder (FF-3),
 * pack per order and mode (FF-4), ship per order (FF-5), pick up at the session's register (FF-6, <pickup-checkout>),
 * reject whole or part (FF-7). Several lines can be selected to accept, print or pick them together.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Permission } from '../engine/domain/config.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { OrderRow, StoreApi } from './api.ts';
import {
  FILTERS, canAccept, canPrint, filterLines, groupByOrder, lineKey, packGroups, pickable, shippable, toInvoice, toPack, toPick, toReject,
  type FulfillmentFilter, type FulfillmentListRow, type LocationView,
} from './fulfillment-model.ts';
import { applyToRoom, emptyRoom, locationRoom, type LocationRoom } from './location-room.ts';
import { backOfficeLabel } from './fulfillment-status.ts';
import { LiveRooms } from './live-rooms.ts';
import './order-status-badge.ts';
import './pick-list-sheet.ts';
import './pickup-checkout.ts';
import './quantity-dialog.ts';
import type { QuantityConfirm, QuantityItem } from './quantity-dialog.ts';
import { connectionPill, refusal, sendCommand } from './screen-kit.ts';
import { screenStyles } from './styles.ts';

type Dialog =
  | { kind: 'pick' | 'reject'; lines: FulfillmentListRow[] }
  | { kind: 'pack'; orderId: string; modeCode: string; lines: FulfillmentListRow[] }
  | { kind: 'ship'; orderId: string; lines: FulfillmentListRow[] }
  /** The order's row as the dialog opened: it stays shown once the order has left the location (handed over). */
  | { kind: 'pickup'; orderId: string; order: OrderRow | undefined }
  | { kind: 'pickList'; pickListId: string; lines: FulfillmentListRow[] };

const TOOLBAR = 'toolbar';
const orderScope = (orderId: string) => `order:${orderId}`;

@customElement('fulfillment-screen')
export class FulfillmentScreen extends LitElement {
  static override styles = [screenStyles, css`
    .top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
    h1 { margin: 0; font-size: 1.75rem; }
    .filters { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .filters button[aria-pressed='true'] { background: #263238; border-color: #263238; color: #fff; }
    .count { display: inline-block; min-width: 1.5rem; margin-left: 0.4rem; padding: 0 0.4rem; border-radius: 999px; background: #eceff1; color: #263238; font-size: 0.95rem; }
    .filters button[aria-pressed='true'] .count { background: #fff; }
    .toolbar { position: sticky; top: 0; z-index: 1; background: #f4f5f7; padding: 0.5rem 0; margin-bottom: 0.75rem; display: grid; gap: 0.5rem; }
    .orders { display: grid; gap: 1rem; container-type: inline-size; }
    .order header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 0.5rem; }
    .order h2 { margin: 0; font-size: 1.3rem; }
    .customer { font-size: 1.2rem; font-weight: 700; }
    .order-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-top: 0.75rem; }
    ul.lines { list-style: none; margin: 0; padding: 0; }
    .line {
      display: grid;
      gap: 0.35rem 0.75rem;
      align-items: center;
      padding: 0.6rem 0;
      border-top: 1px solid var(--line);
      grid-template-columns: 3rem minmax(0, 1fr) auto;
      grid-template-areas:
        "select item status"
        "select delivery delivery"
        ". facts facts"
        ". actions actions";
    }
    .line:last-child { border-bottom: 1px solid var(--line); }
    .select { grid-area: select; }
    .item { grid-area: item; font-size: 1.1rem; }
    .delivery { grid-area: delivery; }
    .facts { grid-area: facts; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; align-items: baseline; }
    .status { grid-area: status; display: flex; flex-direction: column; align-items: flex-start; gap: 0.15rem; }
    .line-actions { grid-area: actions; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .qty strong { font-size: 1.35rem; }
    .label { color: #546e7a; font-size: 0.95rem; }
    .buckets { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; font-size: 0.95rem; color: #37474f; }
    /* One row per line only where its columns fit (their minimums and gaps need about 67rem): a 1024 px screen stacks. */
    @container (min-width: 72rem) {
      .line {
        grid-template-columns: 3rem minmax(9rem, 1.4fr) minmax(8rem, 1.1fr) 5rem minmax(7rem, 1fr) 6.5rem 11rem minmax(12rem, auto);
        grid-template-areas: "select item delivery qty buckets onhand status actions";
      }
      .facts { display: contents; }
      .qty { grid-area: qty; text-align: right; }
      .buckets { grid-area: buckets; }
      .onhand { grid-area: onhand; text-align: right; }
      .line-actions { justify-content: flex-end; }
      .item .muted { display: block; }
    }
    .select { display: inline-flex; align-items: center; justify-content: center; min-width: 48px; min-height: 48px; cursor: pointer; }
    .select input { width: 26px; height: 26px; margin: 0; cursor: pointer; min-height: 0; }
    .empty { padding: 2rem; text-align: center; font-size: 1.2rem; }
    .back-office { font-size: 0.9rem; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media print {
      .top, .toolbar, .orders, .notice { display: none; }
    }
  `];

  @property({ attribute: false }) accessor api: StoreApi | null = null;

  @state() accessor room: LocationRoom = emptyRoom();
  @state() accessor filter: FulfillmentFilter = 'all';
  @state() accessor selected: ReadonlySet<string> = new Set();
  @state() accessor loaded = false;
  @state() accessor busy = false;
  @state() accessor errors: Record<string, RuleViolation> = {};
  @state() accessor notice = '';
  @state() accessor dialog: Dialog | null = null;
  @state() accessor dialogError: RuleViolation | null = null;

  /** The session's location room. */
  private readonly live = new LiveRooms(this, {
    rooms: () => [this.roomName],
    reset: () => {
      this.room = emptyRoom();
      this.loaded = false;
    },
    state: (name, view) => { if (name === this.roomName) this.show(locationRoom(view as LocationView)); },
    update: (envelope) => { if (envelope.room === this.roomName) this.show(applyToRoom(this.room, envelope)); },
  });

  private get roomName(): string {
    return `location:${this.api?.setup.session.locationId ?? ''}`;
  }

  private get lines(): FulfillmentListRow[] { return this.room.lines; }
  private get orders(): Record<string, OrderRow> { return this.room.orders; }

  private show(room: LocationRoom): void {
    this.room = room;
    this.loaded = true;
    const keys = new Set(room.lines.map(lineKey));
    if ([...this.selected].some((key) => !keys.has(key))) this.selected = new Set([...this.selected].filter((key) => keys.has(key)));
  }

  // --- Reading ---

  private productName(productId: string): string {
    return this.api?.setup.products.find((p) => p.id === productId)?.name ?? productId;
  }

  /** A pickup mode other than the default (FF-6 hands over one mode at a time) and CO-15 who collects. */
  private pickupDetail(line: FulfillmentListRow): string {
    const modes = this.api?.setup.pickupModes ?? [];
    const mode = modes[0]?.code === line.modeCode ? '' : ` (${modes.find((m) => m.code === line.modeCode)?.name ?? line.modeCode})`;
    return `${mode}${line.collector === undefined ? '' : `, collected by ${line.collector.name}`}`;
  }

  private modeName(line: FulfillmentListRow): string {
    if (line.kind === 'pickup') return 'Pickup';
    return this.api?.setup.shipModes.find((m) => m.code === line.modeCode)?.name ?? line.modeCode;
  }

  private lineLabel(line: FulfillmentListRow): string {
    return `${this.productName(line.productId)} (${line.orderId})`;
  }

  private can(permission: Permission): boolean {
    return this.api?.setup.session.permissions.includes(permission) ?? false;
  }

  private selectedLines(): FulfillmentListRow[] {
    return this.lines.filter((l) => this.selected.has(lineKey(l)));
  }

  // --- Acting ---

  private setError(scope: string, error: RuleViolation | null): void {
    const { [scope]: _old, ...rest } = this.errors;
    this.errors = error === null ? rest : { ...rest, [scope]: error };
  }

  /** Sends a fulfilment command as the signed-in operator at this location; its result when accepted. */
  private async fulfil(scope: string, command: Record<string, unknown>, done: string | ((result: Record<string, unknown>) => string)): Promise<Record<string, unknown> | null> {
    const api = this.api;
    if (api === null || this.busy) return null;
    const { operatorId, locationId } = api.setup.session;
    this.busy = true;
    this.setError(scope, null);
    this.notice = '';
    try {
      const answer = await sendCommand(api, { ...command, locationId, operatorId });
      if (!answer.ok) {
        if (scope === 'dialog') this.dialogError = answer.error;
        else this.setError(scope, answer.error);
        return null;
      }
      this.notice = typeof done === 'string' ? done : done(answer.result);
      return answer.result;
    } finally {
      this.busy = false;
    }
  }

  private async accept(lines: FulfillmentListRow[], scope: string): Promise<void> {
    const pending = lines.filter(canAccept);
    if (pending.length === 0) return;
    const result = await this.fulfil(scope, { type: 'fulfillment.accept', lines: pending.map((l) => ({ orderId: l.orderId, lineId: l.lineId })) },
      `Accepted ${pending.length} line${pending.length === 1 ? '' : 's'}: ${pending.map((l) => this.lineLabel(l)).join(', ')}`);
    if (result !== null) this.clearSelection(pending);
  }

  private async printPickList(): Promise<void> {
    const lines = this.selectedLines().filter(canPrint);
    if (lines.length === 0) return;
    const result = await this.fulfil(TOOLBAR, { type: 'fulfillment.printPickList', lines: lines.map((l) => ({ orderId: l.orderId, lineId: l.lineId })) },
      `Pick list printed for ${lines.length} line${lines.length === 1 ? '' : 's'}`);
    if (result === null) return;
    this.clearSelection(lines);
    this.openDialog({ kind: 'pickList', pickListId: String(result.pickListId ?? ''), lines });
  }

  private clearSelection(lines: FulfillmentListRow[]): void {
    const done = new Set(lines.map(lineKey));
    this.selected = new Set([...this.selected].filter((key) => !done.has(key)));
  }

  private openDialog(dialog: Dialog): void {
    this.dialogError = null;
    this.dialog = dialog;
  }

  /** The dialog's frame gives the focus back to the control that opened it. */
  private closeDialog(): void {
    this.dialog = null;
    this.dialogError = null;
  }

  private async confirmQuantities(event: QuantityConfirm): Promise<void> {
    const dialog = this.dialog;
    if (dialog === null) return;
    const { quantities } = event.detail;
    const chosen = (key: (l: FulfillmentListRow) => string, lines: FulfillmentListRow[]) =>
      lines.map((l) => ({ line: l, quantity: quantities[key(l)] ?? 0 })).filter((c) => c.quantity > 0);
    let result: Record<string, unknown> | null = null;
    switch (dialog.kind) {
      case 'pick':
      case 'reject': {
        const picked = chosen(lineKey, dialog.lines);
        const verb = dialog.kind === 'pick' ? 'Picked' : 'Rejected';
        result = await this.fulfil('dialog', { type: `fulfillment.${dialog.kind}`, lines: picked.map((c) => ({ orderId: c.line.orderId, lineId: c.line.lineId, quantity: c.quantity })) },
          `${verb} ${picked.map((c) => `${c.quantity} x ${this.lineLabel(c.line)}`).join(', ')}`);
        if (result !== null) this.clearSelection(dialog.lines);
        break;
      }
      case 'pack':
      case 'ship': {
        const lines = chosen((l) => l.lineId, dialog.lines);
        const verb = dialog.kind === 'pack' ? 'Packed' : 'Shipped';
        result = await this.fulfil('dialog', { type: `fulfillment.${dialog.kind}`, orderId: dialog.orderId, lines: lines.map((c) => ({ lineId: c.line.lineId, quantity: c.quantity })) },
          (answer) => `${verb} ${dialog.orderId}: ${lines.map((c) => `${c.quantity} x ${this.productName(c.line.productId)}`).join(', ')}`
            + (typeof answer.packingSlipId === 'string' ? ` (packing slip ${answer.packingSlipId})` : '')
            + (typeof answer.invoiceId === 'string' ? ` (invoice ${answer.invoiceId})` : ''));
        break;
      }
      default:
        return;
    }
    if (result !== null) this.closeDialog();
  }

  private toggle(line: FulfillmentListRow, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(lineKey(line));
    else next.delete(lineKey(line));
    this.selected = next;
  }

  private selectAllToPick(): void {
    this.selected = new Set(filterLines(this.lines, this.filter).filter((l) => canPrint(l)).map(lineKey));
  }

  // --- Rendering ---

  override render() {
    const api = this.api;
    if (api === null) return html`<p class="muted">Not signed in.</p>`;
    const shown = filterLines(this.lines, this.filter);
    return html`
      <div class="top">
        <h1>Fulfilment at ${api.setup.location.name} <span class="muted">(${api.setup.location.id})</span></h1>
        <div class="row">
          ${connectionPill(this.live.online !== false)}
          <div class="filters" role="group" aria-label="Show lines">
            ${FILTERS.filter((f) => f.id !== 'forPickup' || api.setup.store !== null).map((f) => html`
              <button type="button" data-filter=${f.id} aria-pressed=${this.filter === f.id ? 'true' : 'false'} @click=${() => { this.filter = f.id; }}>
                ${f.label}<span class="count">${filterLines(this.lines, f.id).length}</span>
              </button>`)}
          </div>
        </div>
      </div>
      ${refusal(this.live.refusal)}
      ${this.renderToolbar()}
      ${this.notice === '' ? nothing : html`<p class="notice" role="status">${this.notice}</p>`}
      ${!this.loaded ? html`<p class="muted empty">Loading the lines of ${api.setup.location.name}...</p>`
        : shown.length === 0 ? html`<p class="muted empty panel">${this.emptyText()}</p>`
        : html`<div class="orders">${groupByOrder(shown, this.orders).map((group) => this.renderOrder(group.orderId, group.lines))}</div>`}
      ${this.renderDialog()}
    `;
  }

  private emptyText(): string {
    switch (this.filter) {
      case 'toShip': return 'No lines to ship from here.';
      case 'forPickup': return 'No lines for pickup here.';
      default: return 'Nothing to fulfil here: new orders appear as they are placed.';
    }
  }

  private renderToolbar() {
    const selected = this.selectedLines();
    const toAccept = selected.filter(canAccept);
    const toPrint = selected.filter(canPrint);
    const pending = this.lines.some(canAccept);
    return html`
      <div class="toolbar" aria-label="Selected lines">
        <div class="row">
          <button type="button" data-action="select-to-pick" ?disabled=${this.busy || !filterLines(this.lines, this.filter).some(canPrint)} @click=${this.selectAllToPick}>Select all to pick</button>
          <button type="button" data-action="accept-selected" ?disabled=${this.busy || toAccept.length === 0} @click=${() => this.accept(toAccept, TOOLBAR)}>Accept selected (${toAccept.length})</button>
          <button type="button" data-action="print-pick-list" ?disabled=${this.busy || toPrint.length === 0} @click=${this.printPickList}>Print pick list (${toPrint.length})</button>
          <button type="button" data-action="pick-selected" class="primary" ?disabled=${this.busy || toPrint.length === 0} @click=${() => this.openDialog({ kind: 'pick', lines: toPrint })}>Pick selected (${toPrint.length})</button>
          ${selected.length === 0 ? nothing : html`<button type="button" data-action="clear-selection" @click=${() => { this.selected = new Set(); }}>Clear</button>`}
          <span class="muted">${selected.length === 0 ? 'Select lines to accept, print or pick several at once (orders may be mixed).' : `${selected.length} selected`}</span>
        </div>
        ${pending && !this.can('allowAcceptOrder') ? html`<p class="muted" style="margin: 0">Pending lines wait for someone who may accept orders: you may not.</p>` : nothing}
        ${refusal(this.errors[TOOLBAR])}
      </div>`;
  }

  private renderOrder(orderId: string, lines: FulfillmentListRow[]) {
    const order = this.orders[orderId];
    const headingId = `order-${orderId}`;
    return html`
      <section class="order panel" aria-labelledby=${headingId} data-order=${orderId}>
        <header>
          <h2 id=${headingId}>${orderId}</h2>
          ${order === undefined ? html`<span class="muted">customer details unavailable</span>` : html`
            <span class="customer">${order.customerName}</span>
            <span class="muted">Confirmation ${order.channelReference}</span>
            <order-status-badge .status=${order.headerStatus}></order-status-badge>`}
        </header>
        <ul class="lines" aria-label="Lines of ${orderId} at ${this.api?.setup.location.name ?? ''}">
          ${lines.map((line) => this.renderLine(line))}
        </ul>
        ${refusal(this.errors[orderScope(orderId)])}
        ${this.renderOrderActions(orderId, lines)}
      </section>`;
  }

  private renderLine(line: FulfillmentListRow) {
    const p = line.progress;
    const open = toReject(line);
    const buckets = [
      [p.accepted ? 'to pick' : 'awaiting acceptance', open], ['picked', p.picked], ['packed', p.packed], ['invoiced', p.invoiced], ['rejected', p.rejected],
    ].filter(([, n]) => (n as number) > 0) as [string, number][];
    const scope = orderScope(line.orderId);
    return html`
      <li class="line" data-line=${lineKey(line)} data-status=${line.status}>
        <label class="select">
          <input type="checkbox" aria-label="Select ${this.lineLabel(line)}" .checked=${this.selected.has(lineKey(line))}
            @change=${(e: Event) => this.toggle(line, (e.target as HTMLInputElement).checked)}>
        </label>
        <div class="item"><strong>${this.productName(line.productId)}</strong> <span class="muted">${line.productId}</span></div>
        <div class="delivery">${line.kind === 'pickup' ? `Pickup here${this.pickupDetail(line)}` : `Ship: ${this.modeName(line)}`}${line.date === null ? nothing : html` <span class="muted">${line.kind === 'pickup' ? 'on' : 'by'} ${line.date}</span>`}</div>
        <div class="facts">
          <span class="qty"><strong>${p.quantity}</strong> <span class="label">ordered</span></span>
          <span class="buckets">${buckets.map(([label, n]) => html`<span>${n} ${label}</span>`)}</span>
          <span class="onhand"><span class="label">on hand</span> <strong>${this.room.onHand[line.productId] ?? '?'}</strong></span>
        </div>
        <div class="status"><line-status-badge .status=${line.status}></line-status-badge> <span class="muted back-office" title="Status at headquarters (FF-8)">HQ: ${backOfficeLabel(line.status)}</span></div>
        <div class="line-actions">
          ${canAccept(line) ? html`<button type="button" class="primary" data-action="accept" ?disabled=${this.busy} @click=${() => this.accept([line], scope)}>Accept</button>` : nothing}
          ${toPick(line) > 0 ? html`<button type="button" class="primary" data-action="pick" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'pick', lines: [line] })}>Pick</button>` : nothing}
          ${open > 0 ? html`<button type="button" class="danger" data-action="reject" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'reject', lines: [line] })}>Reject</button>` : nothing}
        </div>
      </li>`;
  }

  private renderOrderActions(orderId: string, lines: FulfillmentListRow[]) {
    const packs = packGroups(lines);
    const ship = shippable(lines);
    const pickup = pickable(lines);
    const registerId = this.api?.setup.session.registerId ?? null;
    const noRegisterId = `no-register-${orderId}`;
    if (packs.length === 0 && ship.length === 0 && pickup.length === 0) return nothing;
    return html`
      <div class="order-actions">
        ${packs.map((group) => html`
          <button type="button" data-action="pack" data-mode=${group.modeCode} ?disabled=${this.busy}
            @click=${() => this.openDialog({ kind: 'pack', orderId, modeCode: group.modeCode, lines: group.lines })}>
            Pack${packs.length > 1 ? ` ${this.modeName(group.lines[0]!)}` : ''}</button>`)}
        ${ship.length === 0 ? nothing : html`
          <button type="button" class="primary" data-action="ship" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'ship', orderId, lines: ship })}>Ship</button>`}
        ${pickup.length === 0 ? nothing : registerId === null ? html`
          <button type="button" class="primary" data-action="pickup" disabled aria-describedby=${noRegisterId}>Pick up</button>
          <span class="muted" id=${noRegisterId}>Pick up is paid at the till: sign in at a register of this store to hand orders over.</span>`
          : html`
          <button type="button" class="primary" data-action="pickup" ?disabled=${this.busy} @click=${() => this.openDialog({ kind: 'pickup', orderId, order: this.orders[orderId] })}>Pick up at ${registerId}</button>`}
      </div>`;
  }

  private renderDialog() {
    const dialog = this.dialog;
    if (dialog === null) return nothing;
    switch (dialog.kind) {
      case 'pick':
      case 'reject': {
        const pick = dialog.kind === 'pick';
        const items: QuantityItem[] = dialog.lines.map((l) => {
          const max = pick ? toPick(l) : toReject(l);
          return { key: lineKey(l), label: this.lineLabel(l), detail: `${max} ${pick ? 'left to pick' : 'not yet picked or packed'}`, max, value: max };
        });
        return html`<quantity-dialog
          heading=${pick ? 'Pick' : 'Reject'}
          intro=${pick ? 'How many did you take off the shelf? There is no unpick.' : 'Rejected units go back to headquarters, which can reset them.'}
          confirmLabel=${pick ? 'Pick' : 'Reject'}
          ?danger=${!pick}
          .items=${items} .error=${this.dialogError} ?busy=${this.busy}
          @quantity-confirm=${this.confirmQuantities} @quantity-cancel=${this.closeDialog}></quantity-dialog>`;
      }
      case 'pack':
      case 'ship': {
        const pack = dialog.kind === 'pack';
        const items: QuantityItem[] = dialog.lines.map((l) => {
          const max = pack ? toPack(l) : toInvoice(l);
          const value = pack && l.progress.picked > 0 ? l.progress.picked : max;
          return { key: l.lineId, label: this.productName(l.productId), detail: `${this.modeName(l)}: ${l.progress.picked} picked, ${l.progress.packed} packed, ${max} at most`, max, value };
        });
        const customer = this.orders[dialog.orderId]?.customerName;
        return html`<quantity-dialog
          heading=${`${pack ? 'Pack' : 'Ship'} ${dialog.orderId}`}
          intro=${`${customer === undefined ? '' : `${customer}. `}${pack ? 'One packing slip for these lines (same order, same mode).' : 'Ships packed units first, then the rest; invoiced without a tender.'}`}
          confirmLabel=${pack ? 'Pack' : 'Ship'}
          .items=${items} .error=${this.dialogError} ?busy=${this.busy}
          @quantity-confirm=${this.confirmQuantities} @quantity-cancel=${this.closeDialog}></quantity-dialog>`;
      }
      case 'pickup':
        return html`<pickup-checkout .api=${this.api} orderId=${dialog.orderId} .order=${this.orders[dialog.orderId] ?? dialog.order}
          .lines=${pickable(this.lines.filter((l) => l.orderId === dialog.orderId))} .productName=${(id: string) => this.productName(id)}
          @pickup-close=${(e: CustomEvent<{ completed: boolean }>) => { if (e.detail.completed) this.notice = `Order ${dialog.orderId} picked up`; this.closeDialog(); }}></pickup-checkout>`;
      case 'pickList':
        return html`<pick-list-sheet pickListId=${dialog.pickListId} locationName=${this.api?.setup.location.name ?? ''} .lines=${dialog.lines}
          .orders=${this.orders} .productName=${(id: string) => this.productName(id)} @pick-list-close=${this.closeDialog}></pick-list-sheet>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'fulfillment-screen': FulfillmentScreen }
}
