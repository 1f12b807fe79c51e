/**
 * The screens' connection to the server: HTTP for commands and queries (with the session token), and a live feed
 * over Socket.IO that follows rooms (a store, a register, a location, headquarters). The feed resumes from the last
 * sequence number it applied after a reconnect, or takes the rooms' current state: no transition is missed.
 * When the server says the session is gone (expired, signed out elsewhere, unknown after a restart), the api says so
 * once (`onSessionEnd`) and the page goes back to signing in.
 *
 * Every command a screen sends is one user action under a key of its own (send-action.ts).
 *
 * Screens depend on the `StoreApi` interface only, so that component tests can give them a fake.
 */
import { io, type Socket } from 'socket.io-client';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { Envelope, SubscribeReply } from '../engine/protocol/messages.ts';
import type { OrderRow, StoreSetup } from '../engine/protocol/views.ts';
import { sendAction } from './send-action.ts';

export type Setup = StoreSetup;
export type { Envelope, OrderRow };

export type CommandAnswer = { ok: true; seq: number; result: Record<string, unknown> } | { ok: false; error: RuleViolation };

export interface Approval { operatorId: string; pin: string }

/** What a screen learns from its rooms: their whole state, then each change. */
export interface LiveHandlers {
  state(room: string, state: unknown): void;
  update(envelope: Envelope): void;
  /** The connection is up or down (screens show it). */
  connection?(online: boolean): void;
  /** The server refused the subscription (e.g. a room of another store). */
  refused?(error: RuleViolation): void;
}

export interface StoreApi {
  readonly setup: Setup;
  command(command: Record<string, unknown>, approval?: Approval): Promise<CommandAnswer>;
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  /** Follows the rooms until the returned function is called. */
  live(rooms: string[], handlers: LiveHandlers): () => void;
  signOut(): Promise<void>;
  /** Calls `listener` once the server says this session is gone (not after `signOut`). */
  onSessionEnd(listener: () => void): void;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly violation: RuleViolation) {
    super(violation.message);
  }
}

/** Signs in and returns a connected api, or throws an ApiError (wrong PIN, unknown site...). */
export async function signIn(request: { operatorId: string; pin: string; siteId: string; registerId?: string }, baseUrl = ''): Promise<HttpApi> {
  const response = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const body = await response.json() as { ok: boolean; token: string; setup: Setup; error: RuleViolation };
  if (!body.ok) throw new ApiError(response.status, body.error);
  return new HttpApi(body.token, body.setup, baseUrl);
}

/** Resumes a session kept in the page (after a reload), or null when it has ended. */
export async function resume(token: string, baseUrl = ''): Promise<HttpApi | null> {
  const response = await fetch(`${baseUrl}/api/session`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return null;
  const body = await response.json() as { setup: Setup };
  return new HttpApi(token, body.setup, baseUrl);
}

/** How long a screen waits before connecting its feed again after the server refused it and the session still holds. */
const RETRY_MS = 2000;

export class HttpApi implements StoreApi {
  private socket: Socket | null = null;
  private readonly endListeners: (() => void)[] = [];
  /** The session is over (the server said so, or it was signed out here): said once, then nothing reconnects. */
  private ended = false;

  constructor(readonly token: string, readonly setup: Setup, private readonly baseUrl = '') {}

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
  }

  onSessionEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  private sessionEnded(): void {
    if (this.ended) return;
    this.ended = true;
    this.socket?.disconnect();
    this.socket = null;
    for (const listener of this.endListeners) listener();
  }

  /** A 401 means the server no longer knows the session, whatever was asked. */
  private heard(response: Response): void {
    if (response.status === 401) this.sessionEnded();
  }

  /**
   * The feed was refused (socket.io does not retry a handshake the server refused) or closed by the server (a session
   * that ended takes its screens off the air): the session is gone if the server says so, else connect again.
   */
  private async checkSession(socket: Socket): Promise<void> {
    try {
      this.heard(await fetch(`${this.baseUrl}/api/session`, { headers: this.headers() }));
    } catch {
      // Unreachable: try the feed again below.
    }
    if (!this.ended) setTimeout(() => { if (this.socket === socket && !socket.connected) socket.connect(); }, RETRY_MS);
  }

  command(command: Record<string, unknown>, approval?: Approval): Promise<CommandAnswer> {
    const post = async (body: string) => {
      const response = await fetch(`${this.baseUrl}/api/commands`, { method: 'POST', headers: this.headers(), body });
      this.heard(response);
      return await response.json() as CommandAnswer;
    };
    return sendAction(post, approval === undefined ? { command } : { command, approval });
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/${path}`, { headers: this.headers() });
    this.heard(response);
    const body = await response.json() as { ok: boolean; error?: RuleViolation };
    if (!body.ok) throw new ApiError(response.status, body.error!);
    return body as T;
  }

  private connect(): Socket {
    const socket = io(this.baseUrl || undefined as unknown as string, { auth: { token: this.token }, transports: ['websocket'] });
    socket.on('connect_error', () => { if (!socket.active) void this.checkSession(socket); });
    socket.on('disconnect', (reason) => { if (reason === 'io server disconnect') void this.checkSession(socket); });
    return socket;
  }

  live(rooms: string[], handlers: LiveHandlers): () => void {
    this.socket ??= this.connect();
    const socket = this.socket;
    let epoch: string | undefined;
    let applied = 0;
    const subscribe = () => {
      socket.emit('subscribe', { rooms, ...(epoch === undefined ? {} : { epoch, since: applied }) }, (reply: SubscribeReply) => {
        if (!reply.ok && reply.error.rule === 'UNAUTHENTICATED') { this.sessionEnded(); return; }
        if (!reply.ok) { handlers.refused?.(reply.error); return; }
        if (reply.mode === 'snapshot') {
          for (const [room, state] of Object.entries(reply.state)) handlers.state(room, state);
        } else {
          for (const [room, state] of Object.entries(reply.state)) handlers.state(room, state);
          for (const message of reply.messages) if (message.seq > applied) handlers.update(message);
        }
        epoch = reply.epoch;
        applied = reply.seq;
      });
    };
    const onUpdate = (envelope: Envelope) => {
      // Before the subscription's answer (or from another epoch) the room's state is not known yet.
      if (envelope.epoch !== epoch || envelope.seq <= applied || !rooms.includes(envelope.room)) return;
      applied = envelope.seq;
      handlers.update(envelope);
    };
    const onConnect = () => { handlers.connection?.(true); subscribe(); };
    const onDisconnect = () => handlers.connection?.(false);
    socket.on('update', onUpdate);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('update', onUpdate);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }

  async signOut(): Promise<void> {
    this.ended = true;
    this.socket?.disconnect();
    this.socket = null;
    await fetch(`${this.baseUrl}/api/session`, { method: 'DELETE', headers: this.headers() });
  }
}
