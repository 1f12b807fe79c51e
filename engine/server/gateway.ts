/**
 * The Socket.IO gateway: screens may send commands over it too (`command`, answered like POST /api/commands). Every
 * screen subscribes to rooms of its site (a store, a register, a fulfilment location, headquarters) and receives
 * what changes there as it changes, each message under a sequence number (engine/protocol/messages.ts).
 *
 * A call center's room (`callCenter:CC1`) carries its hold list and price change requests, each whole, whenever a
 * headquarters command changed it (CC-17, CC-20).
 *
 * Messages cost what changed: an order row, one order's lines at a location, the on hand of the products that
 * moved, a queue count. They are built only for rooms someone watches (or watched within the resume window), as
 * the change is made, and sent once the command is in the journal, after its own answer has gone out. A room's
 * whole state is built only when a screen subscribes, or resumes from further back than the gateway keeps; what it
 * keeps for resuming is bounded by bytes and by age.
 */
import { randomBytes } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Chain, ChainChange } from '../chain.ts';
import type { FulfillmentGroupContext } from '../domain/fulfillment-group.ts';
import { locationsOfOrder, type CustomerOrderContext } from '../domain/customer-order.ts';
import type { RegisterContext } from '../domain/register-transaction.ts';
import type { DurableChain } from '../persistence/durable-chain.ts';
import { channelFor } from '../domain/call-center/channel.ts';
import { ROOM_ACCESS, type RoomKind } from '../protocol/access-matrix.ts';
import type { Envelope, EnvelopeType, SubscribeReply } from '../protocol/messages.ts';
import { SALES_OFFICE_ROOM, type SalesOfficeChanged, type SalesOfficeView } from '../protocol/sales.ts';
import { SalesOfficeViews } from '../sales-office/views.ts';
import { viewsChangedBy } from '../sales-office/changes.ts';
import { chainReport } from '../report.ts';
import { permitted, type Target } from './access.ts';
import { runCommand } from './command-endpoint.ts';
import { requestIdOf, type Operations } from '../operations/operations.ts';
import type { Session, SessionStore } from './sessions.ts';
import { findOrders, linkScreenView, locationOrderView, locationView, orderRow, registerScreenView } from './views.ts';

export type { Envelope, SubscribeReply };

type Message = Pick<Envelope, 'room' | 'type' | 'id' | 'view'>;
interface Kept { envelope: Envelope; bytes: number }

const subscribeSchema = z.object({
  rooms: z.array(z.string().min(1).max(80)).min(1).max(20),
  epoch: z.string().optional(),
  since: z.number().int().nonnegative().optional(),
}).strict();

export interface GatewayOptions {
  /** What is kept for screens that resume: at most this many bytes of messages, none older than `keepMs`. */
  keepBytes?: number;
  keepMs?: number;
}

const REPORT_EVERY_MS = 250;

/** Wall-clock milliseconds with sub-millisecond precision (for delivery latency). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export class Gateway {
  readonly epoch = randomBytes(8).toString('hex');
  private seq = 0;
  /** The messages kept for resuming, oldest first from `keptHead` (dropped ones are cut off in bulk). */
  private kept: Kept[] = [];
  private keptHead = 0;
  private keptBytes = 0;
  private reportTimer: NodeJS.Timeout | null = null;
  private readonly chain: Chain;
  private readonly prepared = new WeakMap<ChainChange, Message[]>();
  /** Rooms whose every message since this seq is kept (a screen there can resume from any later seq). */
  private readonly keptSince = new Map<string, number>();
  /** Rooms nobody watches any more, until when their messages are still built (a screen may come back and resume). */
  private readonly watchedUntil = new Map<string, number>();
  private readonly keepBytes: number;
  private readonly keepMs: number;
  /** The store whose own location each store location is. */
  private readonly storeAt: ReadonlyMap<string, string>;
  /** What each call center's room was last given of its lists (JSON), so that it hears only of a change. */
  private readonly callCenterSent = new Map<string, string>();

  constructor(private readonly io: Server, private readonly durable: DurableChain, private readonly sessions: SessionStore, private readonly operations: Operations, options: GatewayOptions = {}) {
    this.keepBytes = options.keepBytes ?? 16 * 1024 * 1024;
    this.keepMs = options.keepMs ?? 120_000;
    const chain = durable.chain;
    this.chain = chain;
    this.storeAt = new Map([...chain.catalog.stores.values()].map((store) => [store.locationId, store.id]));
    io.use((socket, next) => {
      const token = typeof socket.handshake.auth.token === 'string' ? socket.handshake.auth.token : undefined;
      const session = sessions.get(token);
      if (session === null) return next(new Error('UNAUTHENTICATED: sign in first (send the session token as auth.token)'));
      socket.data.token = token;
      socket.data.session = session;
      next();
    });
    io.on('connection', (socket) => this.connected(socket));
    io.of('/').adapter.on('leave-room', (room: string) => {
      if (!this.watchedNow(room)) this.watchedUntil.set(room, Date.now() + this.keepMs);
    });
    // A session that ends (signed out, idle) takes its screens off the air at once, not at their next message.
    sessions.onEnd((id) => {
      for (const socket of io.sockets.sockets.values()) if ((socket.data.session as Session).id === id) socket.disconnect(true);
    });
    chain.onChange((change) => this.prepared.set(change, this.messagesOf(change)));
    durable.onDurableChange((changes) => setImmediate(() => {
      this.reportSoon();
      for (const change of changes) for (const message of this.prepared.get(change) ?? []) this.emit(message);
    }));
  }

  get lastSeq(): number {
    return this.seq;
  }

  private connected(socket: Socket): void {
    /** The socket's session, still live (it ends when signed out or idle). */
    const live = (reply: (answer: unknown) => void): Session | null => {
      const session = this.sessions.get(socket.data.token as string);
      if (session !== null) return session;
      reply({ ok: false, error: { rule: 'UNAUTHENTICATED', field: 'token', message: 'the session has ended: sign in again' } });
      socket.disconnect(true);
      return null;
    };
    socket.on('subscribe', (input: unknown, reply: unknown) => {
      if (typeof reply !== 'function') return;
      const session = live(reply as (answer: unknown) => void);
      if (session !== null) reply(this.subscribe(socket, session, input));
    });
    // Commands over the socket go through the same validation and authorization as over HTTP.
    socket.on('command', (input: unknown, reply: unknown) => {
      if (typeof reply !== 'function') return;
      const session = live(reply as (answer: unknown) => void);
      if (session === null) return;
      // The screen's own command id follows the command into the log (a screen that sends none gets a new one).
      const requestId = requestIdOf((input as { commandId?: unknown } | null)?.commandId);
      runCommand(this.durable, this.sessions, session, input, { operations: this.operations, fields: { requestId, socket: socket.id } }).then(
        ({ reply: answer }) => (reply as (answer: unknown) => void)(answer),
        (error: unknown) => (reply as (answer: unknown) => void)({ ok: false, error: { rule: 'INTERNAL', field: 'command', message: error instanceof Error ? error.message : String(error) } }),
      );
    });
  }

  private subscribe(socket: Socket, session: Session, input: unknown): SubscribeReply {
    if (this.durable.failed !== null) return { ok: false, error: { rule: 'UNAVAILABLE', field: 'server', message: `the journal failed (${this.durable.failed.message}): restart the engine` } };
    const parsed = subscribeSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, error: { rule: 'VALIDATION', field: issue.path.join('.') || 'rooms', message: issue.message } };
    }
    const { rooms, epoch, since } = parsed.data;
    for (const [i, room] of rooms.entries()) {
      const denied = this.denied(session, room);
      if (denied !== null) return { ok: false, error: { rule: 'ST-5', field: `rooms.${i}`, message: denied } };
    }
    this.pruneKept();
    const oldest = this.kept[this.keptHead]?.envelope.seq ?? this.seq + 1;
    const canResume = (room: string) => {
      const keptSince = this.keptSince.get(room);
      // The headquarters room is given whole (its report is published only while someone listens).
      return room !== 'headquarters' && epoch === this.epoch && since !== undefined && since <= this.seq && since + 1 >= oldest && keptSince !== undefined && keptSince <= since;
    };
    const resumable = rooms.filter(canResume);
    for (const room of rooms) if (!this.keptSince.has(room)) this.keptSince.set(room, this.seq);
    void socket.join(rooms);
    const state = Object.fromEntries(rooms.filter((room) => !resumable.includes(room)).map((room) => [room, this.snapshotOf(session, room)]));
    if (resumable.length === 0) return { ok: true, mode: 'snapshot', epoch: this.epoch, seq: this.seq, state };
    const messages = this.kept.slice(this.keptHead).filter((k) => k.envelope.seq > since! && resumable.includes(k.envelope.room)).map((k) => k.envelope);
    return { ok: true, mode: 'resume', epoch: this.epoch, seq: this.seq, messages, state };
  }

  /** Each room is for the jobs and places access-matrix.ts gives its kind (ST-5): why the session may not watch it, or null. */
  private denied(session: Session, room: string): string | null {
    const [kind, id, ...rest] = room.split(':');
    const whole = kind === 'headquarters' || kind === 'salesOffice';
    if (!Object.hasOwn(ROOM_ACCESS, kind!) || rest.length > 0 || whole !== (id === undefined)) return `there is no room "${room}"`;
    if (kind === 'callCenter') {
      if (!this.chain.catalog.config.callCenters.some((c) => c.id === id)) return `there is no room "${room}"`;
      const channel = channelFor(this.chain.catalog.config.callCenters, session.operatorId);
      if (channel.kind === 'callCenter' && channel.callCenter.id !== id) return `${session.operatorId} works in call center ${channel.callCenter.id}, not ${id}`;
    }
    const target: Target = kind === 'store' ? { store: { id: id!, field: 'rooms', what: `room "${room}"` } } : { registerId: id, locationId: id };
    return permitted(this.chain.catalog, session, `room ${kind}`, ROOM_ACCESS[kind as RoomKind], target, 'rooms')?.message ?? null;
  }

  private snapshotOf(session: Session, room: string): unknown {
    const [kind, id] = room.split(':') as [string, string];
    switch (kind) {
      case 'store': return { orders: findOrders(this.chain, session, { limit: 50 }), sync: linkScreenView(this.chain, id) };
      case 'register': return registerScreenView(this.chain, id);
      case 'location': return locationView(this.chain, id);
      case 'callCenter': {
        const { holds, requests } = this.callCenterLists(id);
        this.callCenterSent.set(`${room}:holds`, JSON.stringify(holds));
        this.callCenterSent.set(`${room}:requests`, JSON.stringify(requests));
        return { holds, requests };
      }
      case 'salesOffice': return { orders: this.salesOffice.orders() };
      default: return chainReport(this.chain);
    }
  }

  private watchedNow(room: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /** Whether a room's messages are built: someone watches it, or watched it within the resume window. */
  private watched(room: string): boolean {
    if (this.watchedNow(room)) return true;
    const until = this.watchedUntil.get(room);
    if (until !== undefined && until > Date.now()) return true;
    // Nobody will resume it: it is given whole to whoever subscribes next.
    this.watchedUntil.delete(room);
    this.keptSince.delete(room);
    return false;
  }

  /** What the watched rooms are to be told about a change, as things stand right when the change is made. */
  private messagesOf(change: ChainChange): Message[] {
    if (change.engine === 'headquarters') return [...this.callCenterMessages(), ...this.salesOfficeMessages(viewsChangedBy(change.command))];
    const messages: Message[] = [];
    const send = (room: string, type: EnvelopeType, id: string, view: () => unknown) => {
      if (this.watched(room)) messages.push({ room, type, id, view: view() });
    };
    const atLocations = new Map<string, Set<string>>();
    const atLocation = (locationId: string, orderId: string) => {
      let orders = atLocations.get(locationId);
      if (orders === undefined) atLocations.set(locationId, (orders = new Set()));
      orders.add(orderId);
    };
    for (const [locationId, { orderIds }] of change.locations) for (const orderId of orderIds) atLocation(locationId, orderId);
    for (const { kind, id, before, after } of change.actors) {
      switch (kind) {
        case 'register': {
          const room = `register:${id}`;
          if (!this.watched(room)) break;
          const { receipts, ...register } = registerScreenView(this.chain, id);
          send(room, 'register', id, () => register);
          // The receipts change only when a transaction completes or one is emailed, and are most of the view.
          const receiptsOf = (snapshot: typeof before) => (snapshot?.context as RegisterContext | undefined)?.receipts;
          if (receiptsOf(before) !== receiptsOf(after)) send(room, 'receipts', id, () => receipts);
          break;
        }
        case 'order': {
          const order = after?.context as CustomerOrderContext | undefined;
          if (order === undefined) break;
          // The locations the order's lines were and are at see its row change, and so do their stores' rooms,
          // which list the orders handed over or shipped there beside the store's own (findOrders).
          const stores = new Set([order.storeId]);
          for (const context of [before?.context, order] as (CustomerOrderContext | undefined)[]) {
            if (context === undefined) continue;
            for (const locationId of locationsOfOrder(context)) {
              atLocation(locationId, id);
              const storeId = this.storeAt.get(locationId);
              if (storeId !== undefined) stores.add(storeId);
            }
          }
          for (const storeId of stores) send(`store:${storeId}`, 'order', id, () => orderRow(this.chain, id));
          break;
        }
        case 'fulfillment':
          this.onHandMessages(id, before?.context as FulfillmentGroupContext | undefined, after?.context as FulfillmentGroupContext | undefined, change, send);
          break;
        case 'sync':
          break;
        case 'customer': {
          const view = this.chain.customerView(id);
          const customer = { customerId: id, account: view.account, pendingSync: view.pendingSync, name: view.record.name };
          for (const storeId of this.chain.catalog.stores.keys()) send(`store:${storeId}`, 'customer', id, () => customer);
          break;
        }
      }
    }
    for (const [locationId, orderIds] of atLocations) {
      for (const orderId of orderIds) send(`location:${locationId}`, 'locationOrder', orderId, () => locationOrderView(this.chain, locationId, orderId));
    }
    const stores = new Set([...change.queues, ...change.actors.filter((a) => a.kind === 'sync').map((a) => a.id)]);
    for (const storeId of stores) send(`store:${storeId}`, 'sync', storeId, () => linkScreenView(this.chain, storeId));
    return messages;
  }

  private callCenterLists(callCenterId: string) {
    const desk = this.chain.headquarters.callCenter;
    return { holds: desk.holdList(callCenterId), requests: desk.priceChangeRequests(callCenterId) };
  }

  private get salesOffice(): SalesOfficeViews {
    return new SalesOfficeViews(this.chain.headquarters.salesOffice);
  }

  /** Issue 13: the office's room hears which of its views a headquarters change touched, and the order list when it moved. */
  private salesOfficeMessages(changed: readonly SalesOfficeView[]): Message[] {
    if (!this.watched(SALES_OFFICE_ROOM)) return [];
    const notice: SalesOfficeChanged = { changed: [...changed] };
    const messages: Message[] = [{ room: SALES_OFFICE_ROOM, type: 'salesOfficeChanged', id: SALES_OFFICE_ROOM, view: notice }];
    if (changed.includes('orders')) messages.push({ room: SALES_OFFICE_ROOM, type: 'salesOrders', id: SALES_OFFICE_ROOM, view: this.salesOffice.orders() });
    return messages;
  }

  /** CC-17 / CC-20: the lists of each watched call center that a headquarters command changed. */
  private callCenterMessages(): Message[] {
    const messages: Message[] = [];
    for (const { id } of this.chain.catalog.config.callCenters) {
      const room = `callCenter:${id}`;
      if (!this.watched(room)) continue;
      const { holds, requests } = this.callCenterLists(id);
      for (const [type, part, view] of [['callCenterHolds', 'holds', holds], ['priceChangeRequests', 'requests', requests]] as const) {
        const json = JSON.stringify(view);
        if (this.callCenterSent.get(`${room}:${part}`) === json) continue;
        this.callCenterSent.set(`${room}:${part}`, json);
        messages.push({ room, type, id, view });
      }
    }
    return messages;
  }

  /** The on hand of the products that moved at a location: those its registers moved, and those of the lines it worked. */
  private onHandMessages(locationId: string, before: FulfillmentGroupContext | undefined, after: FulfillmentGroupContext | undefined, change: Extract<ChainChange, { engine: 'store' }>, send: (room: string, type: EnvelopeType, id: string, view: () => unknown) => void): void {
    if (after === undefined) return;
    const touched = change.locations.get(locationId);
    const products = new Set(touched?.productIds ?? []);
    for (const orderId of touched?.orderIds ?? []) {
      for (const context of [before, after]) for (const line of context?.lines.get(orderId) ?? []) products.add(line.productId);
    }
    const moved: Record<string, number> = {};
    for (const productId of products) {
      const now = after.onHand.get(productId) ?? 0;
      if (before?.onHand.get(productId) !== now) moved[productId] = now;
    }
    if (Object.keys(moved).length > 0) send(`location:${locationId}`, 'onHand', locationId, () => moved);
  }

  private emit({ room, type, id, view }: Message): void {
    const envelope: Envelope = { epoch: this.epoch, seq: ++this.seq, at: preciseNow(), room, type, id, view };
    const bytes = JSON.stringify(view)?.length ?? 0;
    this.kept.push({ envelope, bytes });
    this.keptBytes += bytes;
    this.pruneKept();
    this.io.to(room).emit('update', envelope);
  }

  /** What is kept for resuming: no more bytes than `keepBytes`, nothing older than `keepMs`. */
  private pruneKept(): void {
    const oldest = preciseNow() - this.keepMs;
    while (this.keptHead < this.kept.length && (this.keptBytes > this.keepBytes || this.kept[this.keptHead]!.envelope.at < oldest)) {
      this.keptBytes -= this.kept[this.keptHead]!.bytes;
      this.keptHead += 1;
    }
    if (this.keptHead > 1024 && this.keptHead * 2 > this.kept.length) {
      this.kept = this.kept.slice(this.keptHead);
      this.keptHead = 0;
    }
  }

  /** The analyst's report, at most every REPORT_EVERY_MS. */
  private reportSoon(): void {
    if (this.reportTimer !== null || !this.watchedNow('headquarters')) return;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.emit({ room: 'headquarters', type: 'headquarters', id: 'report', view: chainReport(this.chain) });
    }, REPORT_EVERY_MS);
  }

  close(): void {
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
  }
}
