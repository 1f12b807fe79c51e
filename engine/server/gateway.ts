/**
 * The Socket.IO gateway: screens may send commands over it too (`command`, answered like POST /api/commands). Every
 * screen subscribes to rooms of its site (a store, a register, a fulfilment location,
 * headquarters) and receives what changes there as it changes, each message under a sequence number. A screen that
 * reconnects sends the last sequence number it applied: it gets the messages it missed, or, when they are no longer
 * kept (or the server restarted: another epoch), the current state of its rooms. No transition is missed, and no
 * update is sent before its command is in the journal. A room's current state (on subscribe, like the HTTP reads and
 * headquarters' periodic report) is the chain as it is, which may include a command whose journal write is still
 * in flight: it is acknowledged to no one until written, and after a failed write nothing more is read at all.
 */
import { randomBytes } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Chain, ChainChange } from '../chain.ts';
import type { DurableChain } from '../durable-chain.ts';
import { runCommand } from './command-endpoint.ts';
import { chainReport } from '../report.ts';
import type { Session, SessionStore } from './sessions.ts';
import { findOrders, orderRow, ordersAt, pickupsAt, registerScreenView } from './views.ts';

export type EnvelopeType = 'register' | 'order' | 'fulfillment' | 'sync' | 'customer' | 'headquarters';

export interface Envelope { epoch: string; seq: number; at: number; room: string; type: EnvelopeType; id: string; view: unknown }

type Message = Pick<Envelope, 'room' | 'type' | 'id' | 'view'>;

const subscribeSchema = z.object({
  rooms: z.array(z.string().min(1).max(80)).min(1).max(20),
  epoch: z.string().optional(),
  since: z.number().int().nonnegative().optional(),
}).strict();

export type SubscribeReply =
  /** `state` holds rooms given whole on every resume (headquarters' report, published only while someone listens). */
  | { ok: true; mode: 'resume'; epoch: string; seq: number; messages: Envelope[]; state: Record<string, unknown> }
  | { ok: true; mode: 'snapshot'; epoch: string; seq: number; state: Record<string, unknown> }
  | { ok: false; error: { rule: string; field: string; message: string } };

const KEEP = 5000;
const REPORT_EVERY_MS = 250;

/** Wall-clock milliseconds with sub-millisecond precision (for delivery latency). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export class Gateway {
  readonly epoch = randomBytes(8).toString('hex');
  private seq = 0;
  private readonly kept: Envelope[] = [];
  private reportTimer: NodeJS.Timeout | null = null;
  private readonly chain: Chain;
  private readonly prepared = new WeakMap<ChainChange, Message[]>();

  constructor(private readonly io: Server, private readonly durable: DurableChain, private readonly sessions: SessionStore) {
    const chain = durable.chain;
    this.chain = chain;
    io.use((socket, next) => {
      const session = sessions.get(typeof socket.handshake.auth.token === 'string' ? socket.handshake.auth.token : undefined);
      if (session === null) return next(new Error('UNAUTHENTICATED: sign in first (send the session token as auth.token)'));
      socket.data.session = session;
      next();
    });
    io.on('connection', (socket) => this.connected(socket));
    // A session that ends (signed out, idle) takes its screens off the air at once, not at their next message.
    sessions.onEnd((token) => {
      for (const socket of io.sockets.sockets.values()) if ((socket.data.session as Session).token === token) socket.disconnect(true);
    });
    // The views are taken as the change is made, and sent once the command is in the journal, after its own answer
    // has gone out: the fan-out to every screen is not part of the command's time.
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
      const session = this.sessions.get((socket.data.session as Session).token);
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
      runCommand(this.durable, this.sessions, session, input).then(
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
    void socket.join(rooms);
    const oldest = this.kept[0]?.seq ?? this.seq + 1;
    if (epoch === this.epoch && since !== undefined && since <= this.seq && since + 1 >= oldest) {
      const whole: string[] = rooms.filter((room) => room === 'headquarters');
      return {
        ok: true, mode: 'resume', epoch: this.epoch, seq: this.seq,
        messages: this.kept.filter((m) => m.seq > since && rooms.includes(m.room) && !whole.includes(m.room)),
        state: Object.fromEntries(whole.map((room) => [room, this.snapshotOf(session, room)])),
      };
    }
    return { ok: true, mode: 'snapshot', epoch: this.epoch, seq: this.seq, state: Object.fromEntries(rooms.map((room) => [room, this.snapshotOf(session, room)])) };
  }

  /** A store's screens see only their store (ST-5). */
  private denied(session: Session, room: string): string | null {
    const [kind, id] = room.split(':');
    if (kind === 'store' && id === session.storeId) return null;
    if (kind === 'location' && id === session.locationId) return null;
    if (kind === 'register' && id !== undefined && this.chain.catalog.registers.get(id) === session.storeId && session.storeId !== null
      && (session.registerId === null || session.registerId === id)) return null;
    if (kind === 'headquarters' && id === undefined && session.permissions.includes('backOffice')) return null;
    return `room "${room}" is not this screen's`;
  }

  private snapshotOf(session: Session, room: string): unknown {
    const [kind, id] = room.split(':') as [string, string];
    switch (kind) {
      case 'store': return { orders: findOrders(this.chain, session, { limit: 50 }), sync: this.syncOf(id) };
      case 'register': return registerScreenView(this.chain, id);
      case 'location': return this.locationView(id);
      default: return chainReport(this.chain);
    }
  }

  private locationView(locationId: string) {
    return { ...this.chain.fulfillmentView(locationId), pickups: pickupsAt(this.chain, locationId), orders: ordersAt(this.chain, locationId) };
  }

  private syncOf(storeId: string) {
    const { pending, ...link } = this.chain.syncView(storeId);
    return { ...link, pending: pending.length };
  }

  /** What each room is to be told about a change, as things stand right when the change is made. */
  private messagesOf(change: ChainChange): Message[] {
    if (change.engine === 'headquarters') return [];
    const messages: Message[] = [];
    for (const { kind, id } of change.actors) {
      switch (kind) {
        case 'register':
          messages.push({ room: `register:${id}`, type: 'register', id, view: registerScreenView(this.chain, id) });
          break;
        case 'order': {
          const row = orderRow(this.chain, id);
          const rooms = new Set([`store:${row.storeId}`, ...row.lines.filter((l) => l.kind !== 'carryOut').map((l) => `location:${l.locationId}`)]);
          for (const room of rooms) messages.push({ room, type: 'order', id, view: row });
          break;
        }
        case 'fulfillment':
          messages.push({ room: `location:${id}`, type: 'fulfillment', id, view: this.locationView(id) });
          break;
        case 'sync':
          messages.push({ room: `store:${id}`, type: 'sync', id, view: this.syncOf(id) });
          break;
        case 'customer': {
          const view = this.chain.customerView(id);
          const customer = { customerId: id, account: view.account, pendingSync: view.pendingSync, name: view.record.name };
          for (const storeId of this.chain.catalog.stores.keys()) messages.push({ room: `store:${storeId}`, type: 'customer', id, view: customer });
          break;
        }
      }
    }
    return messages;
  }

  private emit({ room, type, id, view }: Message): void {
    const envelope: Envelope = { epoch: this.epoch, seq: ++this.seq, at: preciseNow(), room, type, id, view };
    this.kept.push(envelope);
    if (this.kept.length > KEEP) this.kept.splice(0, this.kept.length - KEEP);
    this.io.to(room).emit('update', envelope);
  }

  /** The analyst's report, at most every REPORT_EVERY_MS (it reads the whole chain). */
  private reportSoon(): void {
    if (this.reportTimer !== null || this.io.sockets.adapter.rooms.get('headquarters') === undefined) return;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.emit({ room: 'headquarters', type: 'headquarters', id: 'report', view: chainReport(this.chain) });
    }, REPORT_EVERY_MS);
  }

  close(): void {
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
  }
}
