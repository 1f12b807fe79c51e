/**
 * The fake `StoreApi` every screen's component tests use: it records the commands sent (with their approval), the
 * reads and the subscriptions, answers as the test says, and lets the test play the server's side of the live rooms
 * (their state, then envelopes, the connection, a refusal). Also the two demo set-ups the screens are tested with.
 */
import type { Approval, CommandAnswer, Envelope, LiveHandlers, OrderRow, Setup, StoreApi } from '../api.ts';
import type { RuleViolation } from '../../engine/domain/violation.ts';
import type { RegisterView, SyncView } from '../till-shared.ts';
import { syncView } from './till-views.ts';

/** What `HttpApi.get` throws for a refused read (api.ts's ApiError, not imported: it brings socket.io-client along). */
class FakeApiError extends Error {
  constructor(readonly status: number, readonly violation: RuleViolation) {
    super(violation.message);
  }
}

export interface SentCommand { command: Record<string, unknown>; approval?: Approval }

/** A whole answer, a refusal (a violation) or an acceptance (its result). */
export type Answer = CommandAnswer | RuleViolation | Record<string, unknown>;

interface Subscription { rooms: string[]; handlers: LiveHandlers; stopped: boolean }

export class FakeStoreApi implements StoreApi {
  readonly sent: SentCommand[] = [];
  readonly reads: string[] = [];
  /** How the next commands are answered, in order (after the queue: accepted with an empty result). */
  readonly queue: Answer[] = [];
  /** Answers each command; by default the queue's next answer. */
  answer: (command: Record<string, unknown>, approval?: Approval) => Answer | Promise<Answer> = () => this.queue.shift() ?? {};
  /** Reads (GET /api/<path>) answered by path, or by prefix for a path with a query ("customers" for "customers?q=ann"). */
  readonly getAnswers = new Map<string, unknown>();
  /** Answers each read; by default from `getAnswers` (a function there is called with the path). Throw to refuse. */
  read: (path: string) => unknown = (path) => {
    const found = [...this.getAnswers].find(([prefix]) => path === prefix || path.startsWith(`${prefix}?`));
    if (found === undefined) throw new FakeApiError(404, { rule: 'NOT_FOUND', field: 'path', message: `no fake answer for ${path}` });
    const value = found[1];
    return typeof value === 'function' ? (value as (p: string) => unknown)(path) : value;
  };

  private readonly subscribed: Subscription[] = [];
  private seq = 0;

  constructor(readonly setup: Setup) {}

  get commands(): Record<string, unknown>[] {
    return this.sent.map((s) => s.command);
  }

  /** Queues an answer for the next command. */
  answerNext(answer: Answer): this {
    this.queue.push(answer);
    return this;
  }

  async command(command: Record<string, unknown>, approval?: Approval): Promise<CommandAnswer> {
    const copy = structuredClone(command);
    this.sent.push(approval === undefined ? { command: copy } : { command: copy, approval });
    const answer = await this.answer(command, approval);
    if ('ok' in answer && typeof answer.ok === 'boolean') return answer as CommandAnswer;
    if ('rule' in answer && 'message' in answer) return { ok: false, error: answer as RuleViolation };
    return { ok: true, seq: this.sent.length, result: answer as Record<string, unknown> };
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    this.reads.push(path);
    return await Promise.resolve(this.read(path)) as T;
  }

  live(rooms: string[], handlers: LiveHandlers): () => void {
    const subscription: Subscription = { rooms, handlers, stopped: false };
    this.subscribed.push(subscription);
    return () => { subscription.stopped = true; };
  }

  async signOut(): Promise<void> {}

  private readonly endListeners: (() => void)[] = [];

  onSessionEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  /** The server says the session is gone (expired, signed out elsewhere, unknown after a restart). */
  endSession(): void {
    for (const listener of this.endListeners) listener();
  }

  // --- What the screen followed ---

  /** The rooms of every subscription asked for, stopped ones included. */
  get subscriptions(): string[][] {
    return this.subscribed.map((s) => s.rooms);
  }

  /** How many subscriptions were stopped. */
  get unsubscribed(): number {
    return this.subscribed.filter((s) => s.stopped).length;
  }

  /** The latest subscription's handlers. */
  get handlers(): LiveHandlers | null {
    return this.subscribed.at(-1)?.handlers ?? null;
  }

  /** The rooms followed now (not stopped). */
  rooms(): string[] {
    return this.following().flatMap((s) => s.rooms);
  }

  private following(room?: string): Subscription[] {
    return this.subscribed.filter((s) => !s.stopped && (room === undefined || s.rooms.includes(room)));
  }

  // --- The server's side of the live rooms ---

  /** The room's whole state, as a subscription's answer gives it (the feed is up). */
  state(room: string, state: unknown): void {
    for (const s of this.following(room)) {
      s.handlers.connection?.(true);
      s.handlers.state(room, structuredClone(state));
    }
  }

  /** The till's two rooms answer: its register and its store (orders and the link to headquarters). */
  connect(register: RegisterView, store: { orders: OrderRow[]; sync: SyncView } = { orders: [], sync: syncView() }): void {
    this.state(`register:${register.registerId}`, register);
    this.state(`store:${this.setup.store!.id}`, store);
  }

  /** A change in the room, as the gateway sends it. */
  emit(room: string, type: Envelope['type'], id: string, view: unknown): void {
    const envelope: Envelope = { epoch: 'test', seq: ++this.seq, at: Date.now(), room, type, id, view: structuredClone(view) };
    for (const s of this.following(room)) s.handlers.update(envelope);
  }

  /** The till's tests' name for `emit`. */
  push(room: string, type: Envelope['type'], id: string, view: unknown): void {
    this.emit(room, type, id, view);
  }

  connection(online: boolean): void {
    for (const s of this.following()) s.handlers.connection?.(online);
  }

  refuse(error: RuleViolation): void {
    for (const s of this.following()) s.handlers.refused?.(error);
  }
}

export const refused = (rule: string, message: string, field?: string): CommandAnswer => ({ ok: false, error: field === undefined ? { rule, message } : { rule, message, field } });
export const accepted = (result: Record<string, unknown> = {}): CommandAnswer => ({ ok: true, seq: 1, result });

// --- Set-ups ---

type SessionOverrides = Partial<Setup['session']>;

/** The demo roles' permissions (scenarios/demo-chain.json): their jobs, then their privileges. */
const CASHIER: Setup['session']['permissions'] = ['till', 'customers'];
const MANAGER: Setup['session']['permissions'] = ['till', 'customers', 'fulfillment', 'depositOverride', 'managerOverride', 'allowAcceptOrder', 'allowRejectOrder', 'priceOverride', 'chargeOverride'];

/** The demo roles' names (scenarios/demo-chain.json), as the set-up's `roleName` gives them. */
const ROLE_NAMES: Record<string, string> = {
  cashier: 'Cashier', lead: 'Shift lead', manager: 'Store manager', picker: 'Warehouse picker', analyst: 'Headquarters analyst',
  callCenterAgent: 'Call-center agent', callCenterSupervisor: 'Call-center supervisor',
};

/** A store's set-up as storeSetup answers it (Portland, S2, register R3, a manager, unless overridden). */
export function makeSetup(session: SessionOverrides = {}, store: Setup['store'] | 'warehouse' = null): Setup {
  const s: Setup['session'] = {
    operatorId: 'manager1', name: 'Morgan Manager', roleId: 'manager',
    permissions: MANAGER,
    storeId: 'S2', locationId: 'S2', registerId: 'R3', ...session,
  };
  const isWarehouse = store === 'warehouse';
  return {
    session: s,
    roleName: ROLE_NAMES[s.roleId] ?? s.roleId,
    store: isWarehouse ? null : store ?? { id: s.storeId ?? 'S2', name: 'Portland', locationId: s.locationId, registerIds: ['R3'], defaultCustomerId: 'C-WALKIN' },
    location: { id: s.locationId, name: isWarehouse ? 'Kent warehouse' : s.locationId === 'S1' ? 'Seattle' : 'Portland' },
    currency: 'USD',
    products: [
      { id: 'P-TENT', name: 'Two-person tent', price: 19999, barcodes: [] },
      { id: 'P-LAMP', name: 'Camp lamp', price: 2499, barcodes: [] },
      { id: 'P-SOCKS', name: 'Wool socks', price: 1299, barcodes: [] },
      { id: 'P-STOVE', name: 'Camp stove', price: 8950, barcodes: [] },
    ],
    locations: [{ id: 'S1', name: 'Seattle', kind: 'store' }, { id: 'S2', name: 'Portland', kind: 'store' }, { id: 'S3', name: 'Tacoma', kind: 'store' }, { id: 'W1', name: 'Kent warehouse', kind: 'warehouse' }],
    shipModes: [{ code: 'STD', name: 'Standard ground' }, { code: 'EXP', name: 'Express air' }],
    pickupModes: [{ code: 'PICKUP', name: 'Pick up in store' }, { code: 'CURBSIDE', name: 'Curbside pickup' }],
    shipFrom: [{ id: 'S1', name: 'Seattle' }, { id: 'S2', name: 'Portland' }, { id: 'S3', name: 'Tacoma' }, { id: 'W1', name: 'Kent warehouse' }],
    pickupAt: [{ id: 'S1', name: 'Seattle' }, { id: 'S2', name: 'Portland' }, { id: 'S3', name: 'Tacoma' }],
    returnReasonCodes: ['DAMAGED', 'CHANGED_MIND'],
    chargeCodes: [],
    manualShippingChargeCode: null,
    chargeReasonCodes: [],
    customerAttributes: [],
    affiliations: [],
    secondaryContacts: true,
    staff: [],
  } as unknown as Setup;
}

/** The till's set-up: Seattle (S1), register R1, a cashier (till, customers, no privileges) unless given, the store's staff. */
export const demoSetup = (overrides: { permissions?: Setup['session']['permissions']; operatorId?: string; secondaryContacts?: boolean } = {}): Setup => ({
  ...makeSetup(
    { operatorId: overrides.operatorId ?? 'cashier1', name: 'Casey Cashier', roleId: 'cashier', permissions: overrides.permissions ?? CASHIER, storeId: 'S1', locationId: 'S1', registerId: 'R1' },
    { id: 'S1', name: 'Seattle', locationId: 'S1', registerIds: ['R1', 'R2'], defaultCustomerId: 'C-WALKIN', warehouseId: 'W1', warehouseName: 'Kent warehouse' },
  ),
  shipFrom: [{ id: 'S1', name: 'Seattle' }, { id: 'S2', name: 'Portland' }, { id: 'W1', name: 'Kent warehouse' }],
  pickupAt: [{ id: 'S1', name: 'Seattle' }, { id: 'S2', name: 'Portland' }],
  chargeCodes: [{ code: 'FREIGHT', description: 'Freight' }, { code: 'SHIP', description: 'Shipping' }, { code: 'GIFTWRAP', description: 'Gift wrap' }, { code: 'CANCEL', description: 'Cancellation charge' }],
  manualShippingChargeCode: 'SHIP',
  chargeReasonCodes: ['GOODWILL', 'PRICE_MATCH'],
  customerAttributes: [
    { name: 'birthMonth', kind: 'number', choices: [], required: false },
    { name: 'newsletter', kind: 'boolean', choices: [], required: false },
    { name: 'favouriteActivity', kind: 'choice', choices: ['hiking', 'camping'], required: false },
  ],
  secondaryContacts: overrides.secondaryContacts ?? true,
  staff: [
    { operatorId: 'cashier1', name: 'Casey Cashier', roleId: 'cashier', permissions: CASHIER },
    { operatorId: 'manager1', name: 'Morgan Manager', roleId: 'manager', permissions: MANAGER },
  ],
});
