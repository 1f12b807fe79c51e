/**
 * Staff sessions (ST-5): an operator signs in with their PIN at a site (a store's screens, or a warehouse's
 * fulfilment screen), optionally at one register, and gets a bearer token that every HTTP call and socket carries.
 * A session sees and acts for its site only. Sessions are kept in a small lowdb file in the data directory
 * (`sessions.json`: a hash of each token, never the token, with the session's expiry), so that the screens go on
 * after a restart; the file is written on sign-in and sign-out, and at most once a minute as idle timers move.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import type { Catalog } from '../domain/catalog.ts';
import type { Permission } from '../domain/config.ts';
import { UNKNOWN_OPERATOR, verifyPin } from '../credentials.ts';
import { isApiError, type ApiError } from './errors.ts';
import { Lockout, minutesText } from './lockout.ts';

export interface Session {
  /** The session's key: a hash of its bearer token (the token itself is never stored). */
  id: string;
  operatorId: string;
  name: string;
  roleId: string;
  permissions: Permission[];
  /** The store whose screens this session works (null at a warehouse). */
  storeId: string | null;
  /** The fulfilment location of the site: the store's own location or the warehouse. */
  locationId: string;
  /** The till this session works, if it signed in at one. */
  registerId: string | null;
  expiresAt: number;
}

/** A session just made, with the token its screens carry (given once, here). */
export interface SignedIn { token: string; session: Session }

const id = z.string().min(1).max(64);
export const signInSchema = z.object({
  operatorId: id,
  pin: z.string().min(4).max(64),
  /** A store id, or a warehouse's location id. */
  siteId: id,
  registerId: id.optional(),
}).strict();
export type SignIn = z.infer<typeof signInSchema>;

/** What the sessions file keeps of a session: whose it is, where, until when; its token only as a hash. */
const storedSessionSchema = z.object({ id: z.string(), operatorId: id, siteId: id, registerId: id.nullable(), expiresAt: z.number() }).strict();
const sessionsFileSchema = z.object({ sessions: z.array(storedSessionSchema) });
type SessionsFile = z.infer<typeof sessionsFileSchema>;

/** The file the sessions are kept in, in the data directory. */
export const SESSIONS_FILE = 'sessions.json';

const IDLE_MS = 12 * 3_600_000;
const MINUTE = 60_000;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionStoreOptions {
  /** The clock (tests move their own). */
  now?: () => number;
  /** Where the sessions are kept so that they survive a restart (none: in memory only). */
  file?: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly endListeners: ((id: string) => void)[] = [];
  /** Wrong PINs by operator id (known or not: the answer must not tell which). */
  private readonly signInFailures: Lockout;
  /** Refused approvals by the operator who asked for them (not the approver: a cashier cannot lock a manager out). */
  private readonly approvalFailures: Lockout;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly db: Low<SessionsFile> | null;
  /** The writes of the sessions file, one after the other. */
  private saving: Promise<void> = Promise.resolve();
  /** Whether an idle timer moved since the file was written. */
  private renewed = false;

  constructor(private readonly catalog: Catalog, options: SessionStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.db = options.file === undefined ? null : new Low(new JSONFile<SessionsFile>(options.file), { sessions: [] });
    this.signInFailures = new Lockout(this.now);
    this.approvalFailures = new Lockout(this.now);
    this.sweeper = setInterval(() => this.sweep(), MINUTE);
    this.sweeper.unref();
  }

  /** The sessions kept in `options.file` that are still live and still fit the configuration (staff, sites, roles). */
  static async open(catalog: Catalog, options: SessionStoreOptions): Promise<SessionStore> {
    const store = new SessionStore(catalog, options);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    if (this.db === null) return;
    try {
      await this.db.read();
    } catch (error) {
      console.warn(`the sessions file cannot be read (${error instanceof Error ? error.message : String(error)}): everyone signs in again`);
    }
    const parsed = sessionsFileSchema.safeParse(this.db.data);
    if (!parsed.success) console.warn('the sessions file is not as written: everyone signs in again');
    for (const stored of parsed.success ? parsed.data.sessions : []) {
      const placed = this.place(stored.operatorId, stored.siteId, stored.registerId ?? undefined);
      if (!isApiError(placed) && stored.expiresAt > this.now()) this.sessions.set(stored.id, { ...placed, id: stored.id, expiresAt: stored.expiresAt });
    }
  }

  /**
   * Verifies the PIN and the site; a wrong operator and a wrong PIN give the same answer. An operator with five wrong
   * PINs in a row is locked out, with backoff (lockout.ts), before any PIN is checked. The session is in the sessions
   * file before its token is given.
   */
  async signIn(request: SignIn): Promise<SignedIn | ApiError> {
    const locked = this.signInFailures.lockedFor(request.operatorId);
    if (locked > 0) return { status: 429, rule: 'RATE_LIMITED', field: 'operatorId', message: `too many wrong PINs for ${request.operatorId}: try again in ${minutesText(locked)}` };
    const staff = this.catalog.staff.get(request.operatorId);
    const verified = await verifyPin(request.pin, staff?.pinHash ?? UNKNOWN_OPERATOR);
    if (!verified || staff?.pinHash === undefined) {
      this.signInFailures.failed(request.operatorId);
      return { status: 401, rule: 'UNAUTHENTICATED', field: 'pin', message: 'unknown operator or wrong PIN' };
    }
    const placed = this.place(staff.operatorId, request.siteId, request.registerId);
    if (isApiError(placed)) return placed;
    const token = randomBytes(32).toString('base64url');
    const session: Session = { ...placed, id: tokenHash(token), expiresAt: this.now() + IDLE_MS };
    this.sessions.set(session.id, session);
    this.signInFailures.succeeded(staff.operatorId);
    await this.save();
    return { token, session };
  }

  /** Who the operator is at the site (and register), or why they cannot work there (staff without a PIN sign in nowhere). */
  private place(operatorId: string, siteId: string, registerId: string | undefined): Omit<Session, 'id' | 'expiresAt'> | ApiError {
    const staff = this.catalog.staff.get(operatorId);
    if (staff?.pinHash === undefined) return { status: 401, rule: 'UNAUTHENTICATED', field: 'operatorId', message: `no operator "${operatorId}" who signs in` };
    const store = this.catalog.stores.get(siteId);
    const warehouse = store === undefined && this.catalog.locations.get(siteId)?.kind === 'warehouse' ? siteId : null;
    if (store === undefined && warehouse === null) return { status: 404, rule: 'NOT_FOUND', field: 'siteId', message: `no store or warehouse "${siteId}"` };
    const worksThere = store !== undefined ? staff.storeIds.includes(store.id) : staff.warehouseIds.includes(warehouse!);
    if (!worksThere) return { status: 403, rule: 'ST-5', field: 'siteId', message: `${staff.name} does not work at ${siteId}` };
    if (registerId !== undefined && (store === undefined || !store.registerIds.includes(registerId))) {
      return { status: 404, rule: 'NOT_FOUND', field: 'registerId', message: `no register "${registerId}" at ${siteId}` };
    }
    const role = this.catalog.roles.get(staff.roleId)!;
    return {
      operatorId: staff.operatorId, name: staff.name, roleId: role.id, permissions: [...role.permissions],
      storeId: store?.id ?? null, locationId: store?.locationId ?? warehouse!, registerId: registerId ?? null,
    };
  }

  /** The live session of a token (its idle timer restarts), or null. */
  get(token: string | undefined): Session | null {
    if (token === undefined) return null;
    const session = this.sessions.get(tokenHash(token));
    if (session === undefined) return null;
    if (session.expiresAt <= this.now()) {
      this.end(session.id);
      return null;
    }
    session.expiresAt = this.now() + IDLE_MS;
    this.renewed = true;
    return session;
  }

  /** Ends the session; it is out of the sessions file when this resolves. */
  async signOut(id: string): Promise<void> {
    this.end(id);
    await this.save();
  }

  /** Listens to sessions ending (signed out or idle): their sockets are closed. */
  onEnd(listener: (id: string) => void): void {
    this.endListeners.push(listener);
  }

  private end(id: string): void {
    if (!this.sessions.delete(id)) return;
    this.renewed = true;
    for (const listener of this.endListeners) listener(id);
  }

  /** Every minute: ends idle sessions, forgets old failures, writes the idle timers that moved. */
  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.end(id);
    this.signInFailures.sweep();
    this.approvalFailures.sweep();
    if (this.renewed) void this.save();
  }

  /** Writes the live sessions (a write that fails is logged: the sessions go on in memory, and the next write retries). */
  private save(): Promise<void> {
    const db = this.db;
    if (db === null) return Promise.resolve();
    this.saving = this.saving.then(async () => {
      this.renewed = false;
      db.data = { sessions: [...this.sessions.values()].map((s) => ({ id: s.id, operatorId: s.operatorId, siteId: s.storeId ?? s.locationId, registerId: s.registerId, expiresAt: s.expiresAt })) };
      try {
        await db.write();
      } catch (error) {
        this.renewed = true;
        console.error(`the sessions file could not be written: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.saving;
  }

  /** Stops the sweeper and writes the sessions as they are (their idle timers too). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const [id, session] of this.sessions) if (session.expiresAt <= this.now()) this.end(id);
    await this.save();
  }

  /**
   * ST-5 manager approval at the till: the approver's own PIN, and the approver works at the session's store. Every
   * refusal gives the same answer (whose PIN is wrong, or who works where, is not told), and the operator asking is
   * locked out of approvals after five refusals in a row, in every session, with backoff (lockout.ts); the approver
   * is not, so that no cashier can lock a manager's approvals out.
   */
  async approve(session: Session, approval: { operatorId: string; pin: string }): Promise<ApiError | null> {
    const locked = this.approvalFailures.lockedFor(session.operatorId);
    if (locked > 0) return { status: 429, rule: 'RATE_LIMITED', field: 'approval', message: `too many refused approvals for ${session.operatorId}: try again in ${minutesText(locked)}` };
    const staff = this.catalog.staff.get(approval.operatorId);
    const verified = await verifyPin(approval.pin, staff?.pinHash ?? UNKNOWN_OPERATOR);
    if (verified && staff?.pinHash !== undefined && session.storeId !== null && staff.storeIds.includes(session.storeId)) {
      this.approvalFailures.succeeded(session.operatorId);
      return null;
    }
    this.approvalFailures.failed(session.operatorId);
    return { status: 403, rule: 'ST-5', field: 'approval', message: 'the approval is refused: wrong operator or PIN, or the approver does not work at this store' };
  }
}
