/**
 * Staff sessions (ST-5): an operator signs in with their PIN at a site (a store's screens, or a warehouse's
 * fulfilment screen), optionally at one register, and gets a bearer token that every HTTP call and socket carries.
 * A session sees and acts for its site only.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Catalog } from '../domain/catalog.ts';
import type { Permission } from '../domain/config.ts';
import { UNKNOWN_OPERATOR, verifyPin } from '../credentials.ts';
import type { ApiError } from './errors.ts';
import { Lockout, minutesText } from './lockout.ts';

export interface Session {
  token: string;
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

const id = z.string().min(1).max(64);
export const signInSchema = z.object({
  operatorId: id,
  pin: z.string().min(4).max(64),
  /** A store id, or a warehouse's location id. */
  siteId: id,
  registerId: id.optional(),
}).strict();
export type SignIn = z.infer<typeof signInSchema>;

const IDLE_MS = 12 * 3_600_000;
const MINUTE = 60_000;

export interface SessionStoreOptions {
  /** The clock (tests move their own). */
  now?: () => number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly endListeners: ((token: string) => void)[] = [];
  /** Wrong PINs by operator id (known or not: the answer must not tell which). */
  private readonly signInFailures: Lockout;
  /** Refused approvals by the operator who asked for them (not the approver: a cashier cannot lock a manager out). */
  private readonly approvalFailures: Lockout;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly catalog: Catalog, options: SessionStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.signInFailures = new Lockout(this.now);
    this.approvalFailures = new Lockout(this.now);
    this.sweeper = setInterval(() => this.sweep(), MINUTE);
    this.sweeper.unref();
  }

  /**
   * Verifies the PIN and the site; a wrong operator and a wrong PIN give the same answer. An operator with five wrong
   * PINs in a row is locked out, with backoff (lockout.ts), before any PIN is checked.
   */
  async signIn(request: SignIn): Promise<Session | ApiError> {
    const locked = this.signInFailures.lockedFor(request.operatorId);
    if (locked > 0) return { status: 429, rule: 'RATE_LIMITED', field: 'operatorId', message: `too many wrong PINs for ${request.operatorId}: try again in ${minutesText(locked)}` };
    const staff = this.catalog.staff.get(request.operatorId);
    const denied: ApiError = { status: 401, rule: 'UNAUTHENTICATED', field: 'pin', message: 'unknown operator or wrong PIN' };
    const verified = await verifyPin(request.pin, staff?.pinHash ?? UNKNOWN_OPERATOR);
    if (!verified || staff === undefined || staff.pinHash === undefined) {
      this.signInFailures.failed(request.operatorId);
      return denied;
    }
    const store = this.catalog.stores.get(request.siteId);
    const warehouse = store === undefined && this.catalog.locations.get(request.siteId)?.kind === 'warehouse' ? request.siteId : null;
    if (store === undefined && warehouse === null) return { status: 404, rule: 'NOT_FOUND', field: 'siteId', message: `no store or warehouse "${request.siteId}"` };
    const worksThere = store !== undefined ? staff.storeIds.includes(store.id) : staff.warehouseIds.includes(warehouse!);
    if (!worksThere) return { status: 403, rule: 'ST-5', field: 'siteId', message: `${staff.name} does not work at ${request.siteId}` };
    if (request.registerId !== undefined && (store === undefined || !store.registerIds.includes(request.registerId))) {
      return { status: 404, rule: 'NOT_FOUND', field: 'registerId', message: `no register "${request.registerId}" at ${request.siteId}` };
    }
    const role = this.catalog.roles.get(staff.roleId)!;
    const session: Session = {
      token: randomBytes(32).toString('base64url'), operatorId: staff.operatorId, name: staff.name, roleId: role.id,
      permissions: [...role.permissions],
      storeId: store?.id ?? null, locationId: store?.locationId ?? warehouse!, registerId: request.registerId ?? null,
      expiresAt: this.now() + IDLE_MS,
    };
    this.sessions.set(session.token, session);
    this.signInFailures.succeeded(staff.operatorId);
    return session;
  }

  /** The live session of a token (its idle timer restarts), or null. */
  get(token: string | undefined): Session | null {
    if (token === undefined) return null;
    const session = this.sessions.get(token);
    if (session === undefined) return null;
    if (session.expiresAt <= this.now()) {
      this.end(token);
      return null;
    }
    session.expiresAt = this.now() + IDLE_MS;
    return session;
  }

  signOut(token: string): void {
    this.end(token);
  }

  /** Listens to sessions ending (signed out or idle): their sockets are closed. */
  onEnd(listener: (token: string) => void): void {
    this.endListeners.push(listener);
  }

  private end(token: string): void {
    if (!this.sessions.delete(token)) return;
    for (const listener of this.endListeners) listener(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, session] of this.sessions) if (session.expiresAt <= now) this.end(token);
    this.signInFailures.sweep();
    this.approvalFailures.sweep();
  }

  close(): void {
    clearInterval(this.sweeper);
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
