/**
 * Chain days: a generated chain (any number of stores, registers, warehouses, customers and products) and a
 * deterministic command stream for one or more trading days of it. The benchmarks (bench/synthetic-day.ts) and
 * `storefront generate` / the scenario library (engine/lab/generate.ts, engine/lab/library.ts) share it.
 *
 * The generator drives a real Chain while it generates, so every command it yields is one the engine accepts (it
 * reads line ids, order ids and amounts due from the engine's views); it throws if the engine refuses one.
 * Randomness comes from a seeded PRNG only, so the same options always give the same day. Commands are yielded
 * one activity at a time (a lazy iterator), so a day of a million commands never sits in memory as a list.
 */
import type { Command, CommandOf } from '../protocol/commands.ts';
import type { Address, ChainConfigInput } from '../domain/config.ts';
import { isFulfillmentStarted, openQuantity, uninvoicedQuantity } from '../domain/fulfillment.ts';
import { Chain } from '../chain.ts';
import type { FulfillmentListRow as FulfillmentRow } from '../protocol/views.ts';

// --- Seeded PRNG (mulberry32) ---

export class Rng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items. */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** Picks a key by weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

// --- The chain ---

export interface ChainShape {
  stores: number; registersPerStore: number; warehouses: number; customers: number; products: number;
  /** Units of every product on hand at every location at the start (100,000 unless given). */
  onHand?: number | undefined;
}

const STATES = [
  { state: 'WA', city: 'Seattle', zip: '98101', tax: 'TX-WA' },
  { state: 'OR', city: 'Portland', zip: '97205', tax: 'TX-OR' },
  { state: 'CA', city: 'San Diego', zip: '92101', tax: 'TX-CA' },
] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const storeId = (i: number) => `S${pad(i, 2)}`;
export const warehouseId = (i: number) => `W${i}`;

/** The parts of a base configuration a generated chain keeps as they are, besides its products and customers. */
type BaseConfig = ChainConfigInput & Required<Pick<ChainConfigInput, 'products' | 'customers'>>;

/**
 * A chain of the shape with the base's modes of delivery, tax, charge codes, auto charges, parameters, roles,
 * schedules, products and customers (more of both generated up to the shape's counts): `stores` stores x
 * `registersPerStore` registers, `warehouses` warehouses, one fulfillment group holding every location (stores ship
 * + pickup, warehouses ship). Every 4th store accepts ship lines manually (FF-2); every 5th uses destination-based
 * tax. Staff per store: one cashier per register (`S01-c1`), a lead (`S01-lead`: accept/reject) and a manager
 * (`S01-mgr`); a lead per warehouse (`W1-lead`). The base needs the roles cashier, lead and manager, the modes STD,
 * EXP and PICKUP, tax groups TX-WA, TX-OR and TX-CA, and a customer C-WALKIN.
 */
export function chainConfigFor<C extends BaseConfig>(shape: ChainShape, base: C): C {
  const rng = new Rng(0xc0ffee);
  const address = (i: number, street: string): Address => {
    const s = STATES[i % STATES.length]!;
    return { street, city: s.city, state: s.state, zip: s.zip, country: 'USA' };
  };
  const stores = Array.from({ length: shape.stores }, (_, k) => k + 1);
  const warehouses = Array.from({ length: shape.warehouses }, (_, k) => k + 1);
  const products = [
    ...base.products,
    ...Array.from({ length: Math.max(0, shape.products - base.products.length) }, (_, k) => ({
      id: `P-${pad(k + 1, 4)}`, name: `Product ${k + 1}`, price: rng.int(3, 500) * 100 - rng.pick([1, 5, 51]),
    })),
  ];
  const locationIds = [...stores.map(storeId), ...warehouses.map(warehouseId)];
  const customers = [...base.customers];
  for (let k = 1; k <= shape.customers; k++) {
    const accountId = `C-${pad(k, 4)}`;
    const kind = k % 10;
    const home = { id: `A-${accountId}`, ...address(k, `${k} Main St`) };
    if (kind < 7) customers.push({ accountId, name: `Customer ${k}`, type: 'person', addresses: [{ ...home, purpose: 'Home' }], deliveryAddressId: home.id });
    else if (kind === 7) customers.push({ accountId, name: `Customer ${k}`, type: 'person', addresses: [{ ...home, purpose: 'Home' }] });
    else if (kind === 8) customers.push({ accountId, name: `Business ${k}`, type: 'organization', customerGroup: 'wholesale', hierarchyId: `H-${k}`, addresses: [{ ...home, purpose: 'Business' }] });
    else customers.push({ accountId, name: `Walk-in ${k}`, type: 'person' });
  }
  const staff: NonNullable<ChainConfigInput['staff']> = [];
  for (const i of stores) {
    const id = storeId(i);
    for (let r = 1; r <= shape.registersPerStore; r++) staff.push({ operatorId: `${id}-c${r}`, name: `Cashier ${id}/${r}`, roleId: 'cashier', storeIds: [id] });
    staff.push({ operatorId: `${id}-lead`, name: `Lead ${id}`, roleId: 'lead', storeIds: [id] });
    staff.push({ operatorId: `${id}-mgr`, name: `Manager ${id}`, roleId: 'manager', storeIds: [id] });
  }
  for (const w of warehouses) staff.push({ operatorId: `${warehouseId(w)}-lead`, name: `Warehouse lead ${w}`, roleId: 'lead', storeIds: [storeId(1)] });
  return {
    ...base,
    locations: [
      ...stores.map((i) => ({ id: storeId(i), name: `Store ${i}`, kind: 'store' as const, address: address(i, `${i} Market St`) })),
      ...warehouses.map((w) => ({ id: warehouseId(w), name: `Warehouse ${w}`, kind: 'warehouse' as const, address: address(w, `${w} Industrial Way`) })),
    ],
    stores: stores.map((i) => ({
      id: storeId(i), name: `Store ${i}`, locationId: storeId(i), warehouseId: warehouseId(((i - 1) % shape.warehouses) + 1),
      fulfillmentGroupIds: ['FG1'], taxGroupId: STATES[i % STATES.length]!.tax, defaultCustomerId: 'C-WALKIN',
      manualAccept: i % 4 === 0, destinationBasedTax: i % 5 === 0,
      registerIds: Array.from({ length: shape.registersPerStore }, (_, r) => `${storeId(i)}-R${r + 1}`),
    })),
    fulfillmentGroups: [{
      id: 'FG1', name: 'All locations',
      locations: [
        ...stores.map((i) => ({ locationId: storeId(i), ship: true, pickup: true })),
        ...warehouses.map((w) => ({ locationId: warehouseId(w), ship: true, pickup: false })),
      ],
    }],
    products,
    inventory: locationIds.flatMap((locationId) => products.map((p) => ({ locationId, productId: p.id, onHand: shape.onHand ?? 100_000 }))),
    customers,
    staff,
  };
}

// --- The day ---

interface RegisterInfo { registerId: string; storeId: string; cashier: string }

type SaleKind = 'cashAndCarry' | 'shipOrder' | 'pickupOrder' | 'hybridOrder' | 'depositOverride' | 'quote';
const SALE_WEIGHTS: Record<SaleKind, number> = { cashAndCarry: 40, shipOrder: 18, pickupOrder: 14, hybridOrder: 12, depositOverride: 7, quote: 6 };
type Step = 'sale' | 'fulfil' | 'pickup' | 'return' | 'cancel' | 'approveQuote';
/** What the staff of a trading day do: the benchmark day's steps, and re-sourcing lines a location rejected. */
export type Activity = Step | 'resource';
export type ActivityWeights = Readonly<Partial<Record<Activity, number>>>;
const STEP_WEIGHTS: Record<Step, number> = { sale: 44, fulfil: 40, pickup: 7, return: 4.5, cancel: 2.5, approveQuote: 2 };
const LATE_STEP_WEIGHTS: Record<Step, number> = { sale: 0, fulfil: 70, pickup: 18, return: 6, cancel: 1, approveQuote: 5 };
/** The smallest step of a trading day's clock (it follows the day's progress). */
const CLOCK_STEP = 5 * 60_000;
/** Commands in one wave of trading (a day longer than this is many waves). */
const WAVE = 40_000;

/** A growing list with O(1) random pick and removal. */
class Bag<T> {
  private items: T[] = [];
  private index = new Map<T, number>();
  get size() { return this.items.length; }
  add(item: T): void { if (!this.index.has(item)) { this.index.set(item, this.items.length); this.items.push(item); } }
  delete(item: T): void {
    const i = this.index.get(item);
    if (i === undefined) return;
    const last = this.items.pop()!;
    this.index.delete(item);
    if (i < this.items.length) { this.items[i] = last; this.index.set(last, i); }
  }
  pick(rng: Rng): T | undefined { return this.items.length === 0 ? undefined : rng.pick(this.items); }
}

/** One trading day of a chain day: its hours, how busy it is, what its staff do and which stores lose their link. */
export interface TradingDay {
  /** Opening and closing time, epoch ms: the clock follows the day's progress from one to the other. */
  opensAt: number;
  closesAt: number;
  /** Commands the day takes (an activity under way is finished, so a few more). */
  commands: number;
  /** How often the staff do each activity (the benchmark day's mix unless given; the day's last hours sell nothing). */
  weights?: ActivityWeights | undefined;
  /** Stores offline between two times of the day (SY-3: the store queues its orders and customers meanwhile). */
  outages?: readonly Outage[] | undefined;
}

export interface Outage { storeId: string; from: number; until: number }

export interface ChainDayOptions {
  /** A chain made by chainConfigFor: the generator signs its staff in by the names it gives them. */
  config: ChainConfigInput & Required<Pick<ChainConfigInput, 'locations' | 'stores' | 'products' | 'customers'>>;
  /** The chain's seed (its ids and randomness) and the generator's own. */
  engineSeed: number;
  seed: number;
  startAt?: number | undefined;
  /**
   * How pickers reject lines (FF-7): now and then at random (the benchmarks' days), or when their location has not
   * the units on hand; headquarters then resets those lines and their store re-sources them (the `resource` activity).
   */
  rejects?: 'random' | 'outOfStock' | undefined;
}

/** A change of a store's link at a time of the day. */
interface LinkChange { at: number; storeId: string; state: 'offline' | 'online' }

/** The day being traded: the clock follows its progress; its link changes wait for their time. */
interface Today { day: TradingDay; startedAt: number; linkChanges: LinkChange[] }

/**
 * Drives a chain through trading days and yields the commands it gave, an activity at a time. `benchDay` is the
 * benchmarks' day (clock ticks of 5-60 s every 30 activities); `tradingDays` trades days whose clock runs from
 * opening to closing with their progress.
 */
export class ChainDayGenerator {
  readonly engine: Chain;
  /** Commands made so far (yielded, not kept). */
  made = 0;
  readonly commandMix: Record<string, number> = {};
  readonly activityMix: Record<string, number> = {};
  private readonly rng: Rng;
  private readonly registers: RegisterInfo[];
  private readonly registersByLocation = new Map<string, RegisterInfo[]>();
  private readonly locations: string[];
  private readonly shipCustomers: string[];
  private readonly anyCustomers: string[];
  private readonly productIds: string[];
  private readonly storeIds: string[];
  private readonly warehouseIds: string[];
  private readonly manualAcceptStores: string[];
  /** Stores that may edit partially fulfilled orders (CO-10). */
  private readonly editPartiallyFulfilled: Set<string>;
  private readonly rejects: 'random' | 'outOfStock';
  private nextToken = 1;
  private sinceClock = 0;
  /** Commands given since the iterator last yielded. */
  private pending: Command[] = [];
  private today: Today | null = null;
  /** Stores whose link is down (SY-3): no recall reaches headquarters from them. */
  private readonly offline = new Set<string>();
  // Work queues.
  private readonly quotes = new Bag<string>();
  private readonly cancellable = new Bag<string>();
  private readonly pickups = new Map<string, Bag<string>>();
  private readonly invoicedOrders = new Bag<string>();
  private readonly receipts = new Bag<string>();
  /** Lines a location rejected for want of stock (`orderId lineId`), waiting to be re-sourced. */
  private readonly rejected = new Bag<string>();

  constructor(options: ChainDayOptions) {
    const { config } = options;
    this.engine = Chain.create(config, { seed: options.engineSeed, startAt: options.startAt });
    this.rng = new Rng(options.seed);
    this.rejects = options.rejects ?? 'random';
    this.registers = config.stores.flatMap((s) => s.registerIds.map((registerId, k) => ({ registerId, storeId: s.id, cashier: `${s.id}-c${k + 1}` })));
    for (const r of this.registers) this.registersByLocation.set(r.storeId, [...(this.registersByLocation.get(r.storeId) ?? []), r]);
    this.locations = config.locations.map((l) => l.id);
    this.storeIds = config.stores.map((s) => s.id);
    this.warehouseIds = config.locations.filter((l) => l.kind === 'warehouse').map((l) => l.id);
    this.manualAcceptStores = config.stores.filter((s) => s.manualAccept === true).map((s) => s.id);
    this.editPartiallyFulfilled = new Set(config.stores.filter((s) => s.functionality?.editPartiallyFulfilledOrders === true).map((s) => s.id));
    this.shipCustomers = config.customers.filter((c) => (c.addresses ?? []).length > 0).map((c) => c.accountId);
    this.anyCustomers = config.customers.filter((c) => c.accountId !== 'C-WALKIN').map((c) => c.accountId);
    this.productIds = config.products.map((p) => p.id);
    for (const s of this.storeIds) this.pickups.set(s, new Bag());
  }

  // --- Plumbing ---

  private run(command: Command): Record<string, unknown> {
    const result = this.engine.executeNow(command);
    if (!result.ok) {
      throw new Error(`chain day: the engine refused command #${this.made + 1} ${JSON.stringify(command)}: ${JSON.stringify(result.error)}`);
    }
    this.made += 1;
    this.pending.push(command);
    this.commandMix[command.type] = (this.commandMix[command.type] ?? 0) + 1;
    return result.result;
  }

  private activity(kind: string): void {
    this.activityMix[kind] = (this.activityMix[kind] ?? 0) + 1;
  }

  private due(registerId: string): number {
    return this.engine.registerView(registerId).due;
  }

  private cartLineIds(registerId: string): string[] {
    return this.engine.registerView(registerId).transaction?.cart.lines.map((l) => l.lineId) ?? [];
  }

  private token(): string {
    return `tok_${pad(this.nextToken++, 6)}`;
  }

  /** Hands the commands given so far to the consumer. */
  private *flush(): Generator<Command> {
    const given = this.pending;
    this.pending = [];
    yield* given;
  }

  private get now(): number {
    return this.engine.now;
  }

  private tick(): void {
    if (this.today !== null) {
      this.followDay(this.today);
      return;
    }
    this.sinceClock += 1;
    if (this.sinceClock >= 30) {
      this.sinceClock = 0;
      this.run({ type: 'clock.advance', ms: this.rng.int(5, 60) * 1000 });
    }
  }

  /** A product not yet in the cart when there is one: the same product again raises its line (CO-2), not a new line. */
  private newProduct(registerId: string): string {
    const inCart = new Set(this.engine.registerView(registerId).transaction?.cart.lines.map((l) => l.productId) ?? []);
    const fresh = this.productIds.filter((id) => !inCart.has(id));
    return this.rng.pick(fresh.length > 0 ? fresh : this.productIds);
  }

  private addItems(registerId: string, count: number): void {
    for (let i = 0; i < count; i++) {
      const quantity = this.rng.chance(0.7) ? 1 : this.rng.int(2, 4);
      this.run({ type: 'register.addItem', registerId, productId: this.newProduct(registerId), quantity });
    }
    // Cart corrections, now and then.
    if (this.rng.chance(0.1)) {
      this.run({ type: 'register.setQuantity', registerId, lineId: this.rng.pick(this.cartLineIds(registerId)), quantity: this.rng.int(1, 3) });
    }
    if (this.rng.chance(0.05)) {
      this.run({ type: 'register.addItem', registerId, productId: this.newProduct(registerId), quantity: 1 });
      const lines = this.cartLineIds(registerId);
      this.run({ type: 'register.removeLine', registerId, lineId: lines.at(-1)! });
    }
  }

  /** Pays what is due: cash (with change) or card, sometimes split. */
  private payDue(registerId: string, options: { cardToken?: string; forceCard?: boolean } = {}): Record<string, unknown> {
    const due = this.due(registerId);
    if (due <= 0) {
      return this.run({ type: 'register.tender', registerId, method: options.cardToken === undefined ? 'cash' : 'card', amount: due, ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }) });
    }
    const card = options.forceCard === true || options.cardToken !== undefined || this.rng.chance(0.5);
    if (card && due > 200 && this.rng.chance(0.15)) {
      // Split tender: part on the card, the rest in cash.
      const part = this.rng.int(1, due - 1);
      this.run({ type: 'register.tender', registerId, method: 'card', amount: part, ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }) });
      return this.run({ type: 'register.tender', registerId, method: 'cash', amount: Math.ceil((due - part) / 100) * 100 });
    }
    if (card) return this.run({ type: 'register.tender', registerId, method: 'card', amount: due, ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }) });
    return this.run({ type: 'register.tender', registerId, method: 'cash', amount: this.rng.chance(0.5) ? due : Math.ceil(due / 500) * 500 });
  }

  private shipRequest(register: RegisterInfo): Pick<CommandOf<'register.shipAll'>, 'modeCode' | 'locationId' | 'date'> {
    const modeCode = this.rng.chance(0.75) ? 'STD' : 'EXP';
    const r = this.rng.next();
    // Default ship-from (the store's warehouse), another warehouse, the store itself, or a manual-accept store.
    const locationId = r < 0.55 ? undefined
      : r < 0.7 ? this.rng.pick(this.warehouseIds)
        : r < 0.85 ? register.storeId
          : this.rng.pick(this.manualAcceptStores.length > 0 ? this.manualAcceptStores : this.storeIds);
    return { modeCode, ...(locationId === undefined ? {} : { locationId }), ...(this.rng.chance(0.2) ? { date: '2026-01-07' } : {}) };
  }

  private pickupLocation(): string | undefined {
    return this.rng.chance(0.8) ? undefined : this.rng.pick(this.storeIds);
  }

  private orderCreated(result: Record<string, unknown>, register: RegisterInfo, options: { quote?: boolean } = {}): void {
    const orderId = result['orderId'];
    if (typeof orderId !== 'string') throw new Error(`chain day: expected an order from ${JSON.stringify(result)}`);
    this.cancellable.add(orderId);
    if (options.quote === true) {
      this.quotes.add(orderId);
      return;
    }
    this.orderOpened(orderId);
    void register;
  }

  private orderOpened(orderId: string): void {
    const order = this.engine.orderView(orderId);
    for (const line of order.lines) {
      if (line.delivery.kind === 'pickup') this.pickups.get(line.delivery.locationId)!.add(orderId);
      if (line.progress.invoiced > 0) this.invoicedOrders.add(orderId);
    }
  }

  // --- Register transactions ---

  private sale(kind: SaleKind): void {
    const register = this.rng.pick(this.registers);
    const { registerId } = register;
    this.activity(kind);
    switch (kind) {
      case 'cashAndCarry': {
        if (this.rng.chance(0.15)) this.run({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(this.anyCustomers) });
        this.addItems(registerId, this.rng.int(1, 5));
        if (this.rng.chance(0.02)) {
          this.run({ type: 'register.void', registerId });
          this.activity('voided');
          return;
        }
        const result = this.payDue(registerId);
        if (typeof result['receiptId'] === 'string') this.receipts.add(result['receiptId']);
        return;
      }
      case 'shipOrder':
      case 'depositOverride': {
        const ship = kind === 'shipOrder' || this.rng.chance(0.6);
        this.run({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(ship ? this.shipCustomers : this.anyCustomers) });
        this.addItems(registerId, this.rng.int(1, 4));
        if (ship) this.run({ type: 'register.shipAll', registerId, ...this.shipRequest(register) });
        else this.run({ type: 'register.pickupAll', registerId, ...this.pickupAt() });
        if (kind === 'depositOverride') {
          const ordered = this.engine.registerView(registerId).totals!.orderedTotal;
          const amount = this.rng.pick([0, Math.floor(ordered / 4), Math.floor(ordered / 2), ordered]);
          this.run({ type: 'register.overrideDeposit', registerId, amount, approverId: `${register.storeId}-mgr` });
        }
        const cardToken = ship ? this.token() : undefined;
        this.orderCreated(this.payDue(registerId, cardToken === undefined ? {} : { cardToken }), register);
        return;
      }
      case 'pickupOrder': {
        this.run({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(this.anyCustomers) });
        this.addItems(registerId, this.rng.int(1, 4));
        this.run({ type: 'register.pickupAll', registerId, ...this.pickupAt() });
        this.orderCreated(this.payDue(registerId), register);
        return;
      }
      case 'hybridOrder': {
        this.addItems(registerId, this.rng.int(2, 5));
        this.run({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(this.shipCustomers) });
        const lines = this.cartLineIds(registerId);
        // The first line ships, a highlighted line is picked up, the rest is carried out (CO-2, CO-4, CO-5).
        this.run({ type: 'register.shipSelected', registerId, lineIds: [lines[0]!], ...this.shipRequest(register) });
        const pickupLine = lines[1]!;
        this.run({ type: 'register.selectLine', registerId, lineId: pickupLine });
        this.run({ type: 'register.pickupSelected', registerId, ...this.pickupAt() });
        if (lines.length > 3 && this.rng.chance(0.5)) this.run({ type: 'register.shipSelected', registerId, lineIds: [lines[2]!], modeCode: 'STD' });
        if (this.rng.chance(0.2)) {
          // Changed their mind: the picked-up line goes back to carry-out, then to pickup again.
          this.run({ type: 'register.carryOutSelected', registerId, lineIds: [pickupLine] });
          this.run({ type: 'register.pickupSelected', registerId, lineIds: [pickupLine], ...this.pickupAt() });
        }
        this.orderCreated(this.payDue(registerId, { cardToken: this.token() }), register);
        return;
      }
      case 'quote': {
        this.run({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(this.shipCustomers) });
        this.run({ type: 'register.setOrderType', registerId, orderType: 'quote' });
        this.addItems(registerId, this.rng.int(1, 4));
        const ship = this.rng.chance(0.5);
        if (ship) this.run({ type: 'register.shipAll', registerId, ...this.shipRequest(register) });
        else this.run({ type: 'register.pickupAll', registerId, ...this.pickupAt() });
        // A quote takes no payment; a ship quote keeps a card token for the balance at shipping (CO-8).
        this.orderCreated(this.payDue(registerId, ship ? { cardToken: this.token() } : {}), register, { quote: true });
        return;
      }
    }
  }

  private pickupAt(): { locationId?: string } {
    const locationId = this.pickupLocation();
    return locationId === undefined ? {} : { locationId };
  }

  private pickup(): boolean {
    const location = this.rng.pick(this.storeIds);
    const bag = this.pickups.get(location)!;
    for (let attempt = 0; attempt < 4; attempt++) {
      const orderId = bag.pick(this.rng);
      if (orderId === undefined) return false;
      const order = this.engine.orderView(orderId);
      const open = order.lines.filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === location && uninvoicedQuantity(l.progress) > 0);
      if (order.state === 'cancelled' || (typeof order.state === 'object' && order.state !== null && 'quote' in order.state) || open.length === 0) {
        bag.delete(orderId);
        continue;
      }
      if (!this.canRecall(order, location)) continue;
      // Customers mostly come once the store has picked their lines.
      const ready = open.every((l) => l.progress.picked === uninvoicedQuantity(l.progress));
      if (!ready && this.rng.chance(0.8)) continue;
      const register = this.rng.pick(this.registersByLocation.get(location)!);
      const partial = open.find((l) => uninvoicedQuantity(l.progress) > 1);
      const lines = partial !== undefined && this.rng.chance(0.15) ? [{ lineId: partial.lineId, quantity: 1 }] : undefined;
      this.activity(lines === undefined ? 'pickupAtRegister' : 'partialPickupAtRegister');
      this.run({ type: 'register.recallOrder', registerId: register.registerId, orderId, purpose: 'pickup', ...(lines === undefined ? {} : { lines }) });
      this.payDue(register.registerId);
      this.invoicedOrders.add(orderId);
      this.cancellable.delete(orderId);
      return true;
    }
    return false;
  }

  private cancel(): boolean {
    for (let attempt = 0; attempt < 4; attempt++) {
      const orderId = this.cancellable.pick(this.rng);
      if (orderId === undefined) return false;
      this.cancellable.delete(orderId);
      const order = this.engine.orderView(orderId);
      if (order.state === 'cancelled' || order.state === 'completed' || order.lines.some((l) => isFulfillmentStarted(l.progress, l.delivery.kind))) continue;
      if (!this.canRecall(order, order.storeId)) continue;
      const register = this.rng.pick(this.registersByLocation.get(order.storeId)!);
      this.activity('cancellation');
      this.run({ type: 'register.recallOrder', registerId: register.registerId, orderId, purpose: 'cancel' });
      if (this.rng.chance(0.25)) {
        this.activity('cancellationChargeAdjusted');
        this.run({ type: 'register.adjustCancellationCharge', registerId: register.registerId, amount: 0, approverId: `${order.storeId}-mgr` });
      }
      this.payDue(register.registerId);
      this.quotes.delete(orderId);
      return true;
    }
    return false;
  }

  private approveQuote(): boolean {
    const orderId = this.quotes.pick(this.rng);
    if (orderId === undefined) return false;
    // SY-2: a quote made while its store was offline is approved once headquarters has it.
    if (!this.canRecall(this.engine.orderView(orderId), null)) return false;
    this.quotes.delete(orderId);
    this.activity('quoteApproved');
    this.run({ type: 'order.approveQuote', orderId });
    this.orderOpened(orderId);
    return true;
  }

  private return(): boolean {
    const register = this.rng.pick(this.registers);
    const fromReceipt = this.rng.chance(0.5);
    for (let attempt = 0; attempt < 4; attempt++) {
      const reasonCode = this.rng.pick(['DAMAGED', 'CHANGED_MIND']);
      if (fromReceipt) {
        const receiptId = this.receipts.pick(this.rng);
        if (receiptId === undefined) return false;
        const receipt = this.engine.receipt(receiptId)!;
        const returnable = receipt.lines
          .map((l) => ({ lineId: l.lineId, left: l.quantity - receipt.returns.reduce((s, r) => s + r.lines.filter((x) => x.lineId === l.lineId).reduce((t, x) => t + x.quantity, 0), 0) }))
          .filter((l) => l.left > 0);
        if (returnable.length === 0) { this.receipts.delete(receiptId); continue; }
        const line = this.rng.pick(returnable);
        this.activity('returnOfReceipt');
        this.run({ type: 'register.startReturn', registerId: register.registerId, lookup: { by: 'receipt', value: receiptId } });
        this.run({ type: 'register.setReturnLines', registerId: register.registerId, lines: [{ lineId: line.lineId, quantity: this.rng.int(1, line.left), reasonCode }] });
      } else {
        const orderId = this.invoicedOrders.pick(this.rng);
        if (orderId === undefined) return false;
        const order = this.engine.orderView(orderId);
        const returnable = order.lines.filter((l) => l.progress.invoiced - l.progress.returned > 0);
        if (returnable.length === 0 || order.state === 'cancelled') { this.invoicedOrders.delete(orderId); continue; }
        const chosen = returnable.length > 1 && this.rng.chance(0.3) ? returnable.slice(0, 2) : [this.rng.pick(returnable)];
        const weighted = this.rng.weighted({ orderId: 5, invoiceId: 3, channelReference: 2 });
        // CO-16: a lookup by invoice returns against that invoice, so only an order invoiced once is looked up by it.
        const by = weighted === 'invoiceId' && order.invoices.length > 1 ? 'orderId' : weighted;
        const value = by === 'orderId' ? orderId : by === 'invoiceId' ? this.rng.pick(order.invoices).invoiceId : order.channelReference;
        this.activity('returnOfOrder');
        this.run({ type: 'register.startReturn', registerId: register.registerId, lookup: { by, value } });
        this.run({ type: 'register.setReturnLines', registerId: register.registerId, lines: chosen.map((l) => ({ lineId: l.lineId, quantity: this.rng.int(1, l.progress.invoiced - l.progress.returned), reasonCode })) });
      }
      this.payDue(register.registerId);
      return true;
    }
    return false;
  }

  // --- Store fulfillment ---

  private operatorAt(locationId: string): string {
    return `${locationId}-lead`;
  }

  private fulfil(): boolean {
    // Warehouses hold most ship lines: visit them as often as all stores together.
    const locationId = this.rng.chance(0.5) ? this.rng.pick(this.warehouseIds) : this.rng.pick(this.locations);
    const { lines: rows, onHand } = this.engine.fulfillmentView(locationId);
    if (rows.length === 0) return false;
    const operatorId = this.operatorAt(locationId);
    const pending = rows.filter((r) => !r.progress.accepted);
    const toList = rows.filter((r) => r.progress.accepted && r.progress.pickListId === null && r.progress.picked === 0 && r.progress.packed === 0 && openQuantity(r.progress) > 0);
    const toPick = rows.filter((r) => r.progress.pickListId !== null && openQuantity(r.progress) > 0);
    const toPack = rows.filter((r) => r.kind === 'ship' && r.progress.picked > 0);
    const toShip = rows.filter((r) => r.kind === 'ship' && r.progress.packed > 0);
    const weights = { accept: pending.length > 0 ? 2 : 0, list: toList.length > 0 ? 2 : 0, pick: toPick.length > 0 ? 3 : 0, pack: toPack.length > 0 ? 3 : 0, ship: toShip.length > 0 ? 4 : 0 };
    if (Object.values(weights).every((w) => w === 0)) return false;
    const take = <T>(items: readonly T[], max: number) => items.slice(0, max);
    switch (this.rng.weighted(weights)) {
      case 'accept':
        this.activity('accept');
        this.run({ type: 'fulfillment.accept', locationId, operatorId, lines: take(pending, 8).map((r) => ({ orderId: r.orderId, lineId: r.lineId })) });
        return true;
      case 'list': {
        const direct = toList.find((r) => r.kind === 'ship' && this.onShelf(onHand, r));
        if (direct !== undefined && this.rng.chance(0.1)) {
          // Shipped straight off the shelf, no pick list (FF-5 invoices open units).
          this.activity('shipDirect');
          this.run({ type: 'fulfillment.ship', locationId, operatorId, orderId: direct.orderId, lines: [{ lineId: direct.lineId, quantity: uninvoicedQuantity(direct.progress) }] });
          this.invoicedOrders.add(direct.orderId);
          this.cancellable.delete(direct.orderId);
          return true;
        }
        this.activity('printPickList');
        this.run({ type: 'fulfillment.printPickList', locationId, operatorId, lines: take(toList, 10).map((r) => ({ orderId: r.orderId, lineId: r.lineId })) });
        return true;
      }
      case 'pick': {
        const batch = take(toPick, 6);
        if (this.rejects === 'outOfStock') {
          const short = this.shortLines(onHand, batch);
          if (short.length > 0) {
            // Not on the shelf: the picker rejects the lines (FF-7); headquarters will re-source them.
            this.activity('rejectOutOfStock');
            this.run({ type: 'fulfillment.reject', locationId, operatorId, lines: short.map((r) => ({ orderId: r.orderId, lineId: r.lineId, quantity: openQuantity(r.progress) })) });
            for (const r of short) {
              this.rejected.add(`${r.orderId} ${r.lineId}`);
              this.cancellable.delete(r.orderId);
            }
            return true;
          }
        } else if (this.rng.chance(0.06)) {
          // Out of stock: reject what is still open on one line (FF-7).
          const row = this.rng.pick(batch);
          this.activity('reject');
          this.run({ type: 'fulfillment.reject', locationId, operatorId, lines: [{ orderId: row.orderId, lineId: row.lineId, quantity: openQuantity(row.progress) }] });
          this.cancellable.delete(row.orderId);
          return true;
        }
        this.activity('pick');
        this.run({ type: 'fulfillment.pick', locationId, operatorId, lines: batch.map((r) => ({
          orderId: r.orderId, lineId: r.lineId, quantity: openQuantity(r.progress) > 1 && this.rng.chance(0.1) ? openQuantity(r.progress) - 1 : openQuantity(r.progress),
        })) });
        for (const r of batch) this.cancellable.delete(r.orderId);
        return true;
      }
      case 'pack': {
        // One order's picked lines of one mode (FF-4).
        const first = toPack[0]!;
        const lines = toPack.filter((r) => r.orderId === first.orderId && r.modeCode === first.modeCode);
        this.activity('pack');
        this.run({ type: 'fulfillment.pack', locationId, operatorId, orderId: first.orderId, lines: lines.map((r) => ({ lineId: r.lineId, quantity: r.progress.picked })) });
        return true;
      }
      case 'ship': {
        const first = toShip[0]!;
        const lines = toShip.filter((r) => r.orderId === first.orderId);
        this.activity('ship');
        this.run({ type: 'fulfillment.ship', locationId, operatorId, orderId: first.orderId, lines: lines.map((r) => ({ lineId: r.lineId, quantity: r.progress.packed })) });
        this.invoicedOrders.add(first.orderId);
        return true;
      }
    }
  }

  /** Whether the location has the units of the line's product that the line still needs (always, for random rejects). */
  private onShelf(onHand: Readonly<Record<string, number>>, row: FulfillmentRow): boolean {
    return this.rejects === 'random' || (onHand[row.productId] ?? 0) >= openQuantity(row.progress);
  }

  /** The lines of a pick batch the shelf cannot cover, the batch's lines of one product taking from it in turn. */
  private shortLines(onHand: Readonly<Record<string, number>>, batch: readonly FulfillmentRow[]): FulfillmentRow[] {
    const left = { ...onHand };
    return batch.filter((row) => {
      const wanted = openQuantity(row.progress);
      if ((left[row.productId] ?? 0) >= wanted) {
        left[row.productId] = left[row.productId]! - wanted;
        return false;
      }
      return true;
    });
  }

  /**
   * FF-7 re-sourcing: headquarters resets a line a location rejected for want of stock, and the order's store edits
   * the order (CO-10) to ship the line from a store that has the units.
   */
  /**
   * SY-3 / SY-2: a register recalls an order only while its store reaches headquarters, and only an order
   * headquarters has (one made offline waits for the P-job and the order synchronisation).
   */
  private canRecall(order: { existsAtHeadquarters: boolean }, registerStoreId: string | null): boolean {
    return order.existsAtHeadquarters && (registerStoreId === null || !this.offline.has(registerStoreId));
  }

  private resource(): boolean {
    const key = this.rejected.pick(this.rng);
    if (key === undefined) return false;
    this.rejected.delete(key);
    const [orderId, lineId] = key.split(' ') as [string, string];
    const order = this.engine.orderView(orderId);
    const line = order.lines.find((l) => l.lineId === lineId);
    if (line === undefined || order.state === 'cancelled' || line.progress.rejected === 0) return false;
    // CO-10: without the feature, only an order none of whose other lines is in fulfilment can be edited.
    const othersStarted = order.lines.some((l) => l.lineId !== lineId && isFulfillmentStarted(l.progress, l.delivery.kind));
    if (othersStarted && !this.editPartiallyFulfilled.has(order.storeId)) return false;
    if (!this.canRecall(order, order.storeId)) {
      this.rejected.add(key);
      return false;
    }
    const from = [order.storeId, ...this.storeIds.filter((id) => id !== order.storeId)]
      .find((id) => id !== line.delivery.locationId && (this.engine.fulfillmentView(id).onHand[line.productId] ?? 0) >= line.progress.rejected);
    if (from === undefined) return false;
    const register = this.rng.pick(this.registersByLocation.get(order.storeId)!);
    this.activity('resource');
    this.run({ type: 'headquarters.resetFulfillment', orderId, lineIds: [lineId] });
    this.run({ type: 'register.recallOrder', registerId: register.registerId, orderId, purpose: 'edit' });
    this.run({ type: 'register.changeModeOfDelivery', registerId: register.registerId, lineIds: [lineId], modeCode: line.delivery.modeCode, locationId: from });
    this.payDue(register.registerId);
    return true;
  }

  // --- The day ---

  /**
   * The benchmarks' day in waves of at most WAVE commands: shifts open, trading (sales, fulfilment, pickups,
   * returns, cancellations), then a late phase that works the backlog off, shifts close. A long day is many waves,
   * so the backlog, and what the generator reads of it, stays the size of a wave's.
   */
  *benchDay(targetCommands: number): Generator<Command> {
    while (this.made < targetCommands) {
      const before = this.made;
      yield* this.wave(Math.min(WAVE, targetCommands - this.made), STEP_WEIGHTS, LATE_STEP_WEIGHTS);
      if (this.made === before) break;
    }
  }

  /**
   * Trading days one after another: the clock moves to each day's opening, runs with the day's progress to its
   * closing (in steps of five minutes or more), and takes the day's stores offline and back at their times.
   */
  *tradingDays(days: readonly TradingDay[]): Generator<Command> {
    for (const day of days) {
      if (day.opensAt > this.now) this.run({ type: 'clock.advance', ms: day.opensAt - this.now });
      const outside = (day.outages ?? []).find((o) => !(day.opensAt <= o.from && o.from < o.until && o.until <= day.closesAt));
      if (outside !== undefined) throw new Error(`chain day: ${outside.storeId}'s outage must start and end within its day's trading hours`);
      const linkChanges = (day.outages ?? []).flatMap((o): LinkChange[] => [
        { at: o.from, storeId: o.storeId, state: 'offline' }, { at: o.until, storeId: o.storeId, state: 'online' },
      ]).sort((a, b) => a.at - b.at);
      this.today = { day, startedAt: this.made, linkChanges };
      const weights = { ...STEP_WEIGHTS, ...day.weights };
      // The late phase sells nothing new and works the backlog off; the day's other activities keep their weights.
      const late = { ...LATE_STEP_WEIGHTS, ...day.weights, sale: 0 };
      while (this.made - this.today.startedAt < day.commands) {
        const before = this.made;
        yield* this.wave(Math.min(WAVE, day.commands - (this.made - this.today.startedAt)), weights, late);
        if (this.made === before) break;
      }
      this.advanceTo(day.closesAt);
      yield* this.flush();
      this.today = null;
    }
  }

  /** Moves the clock on with the day's progress, five minutes or more at a time. */
  private followDay(today: Today): void {
    const { day } = today;
    const share = Math.min(1, (this.made - today.startedAt) / day.commands);
    const target = day.opensAt + Math.floor(((day.closesAt - day.opensAt) * share) / 1000) * 1000;
    if (target - this.now >= CLOCK_STEP) this.advanceTo(target);
  }

  /** Advances the clock to `target`, changing the links due on the way at their time. */
  private advanceTo(target: number): void {
    const changes = this.today?.linkChanges ?? [];
    while (changes.length > 0 && changes[0]!.at <= target) {
      const change = changes.shift()!;
      if (change.at > this.now) this.run({ type: 'clock.advance', ms: change.at - this.now });
      this.run({ type: 'sync.setLink', storeId: change.storeId, state: change.state });
      if (change.state === 'offline') this.offline.add(change.storeId);
      else this.offline.delete(change.storeId);
    }
    if (target > this.now) this.run({ type: 'clock.advance', ms: target - this.now });
  }

  private *wave(size: number, weights: Readonly<Record<string, number>>, late: Readonly<Record<string, number>>): Generator<Command> {
    const start = this.made;
    for (const r of this.registers) this.run({ type: 'register.openShift', registerId: r.registerId, operatorId: r.cashier });
    yield* this.flush();
    const lateFrom = start + Math.floor(size * 0.85);
    let idle = 0;
    while (this.made - start < size && idle < 1000) {
      const step = this.rng.weighted(this.made < lateFrom ? weights : late) as Activity;
      const before = this.made;
      switch (step) {
        case 'sale': this.sale(this.rng.weighted(SALE_WEIGHTS)); break;
        case 'fulfil': this.fulfil(); break;
        case 'pickup': this.pickup(); break;
        case 'return': this.return(); break;
        case 'cancel': this.cancel(); break;
        case 'approveQuote': this.approveQuote(); break;
        case 'resource': this.resource(); break;
      }
      idle = this.made === before ? idle + 1 : 0;
      if (this.made !== before) this.tick();
      yield* this.flush();
    }
    for (const r of this.registers) this.run({ type: 'register.closeShift', registerId: r.registerId });
    yield* this.flush();
  }
}
