/**
 * SY-3 exactly once, as a property (fast-check): however the network between the stores and headquarters behaves
 * (deliveries held, duplicated, reordered, replayed late, dropped), however the stores' links flap and however often
 * the jobs run, once the chain heals headquarters has exactly what the tills created: one sales order per channel
 * reference with the till's total and latest state, one account per channel customer id (CU-7: orders of customers
 * still pending sync bring their customer along), nothing left in any outbound queue, every customer synced and
 * every order at headquarters.
 *
 * Each generated schedule runs on a fresh Chain (demo chain, each store with a random functionality profile) whose
 * transport is a ChaoticNetwork (./chaotic-network.ts). The tills create customers and customer orders (and quotes)
 * in every mode (sync online, async mode, real time with async backup while degraded, offline), for new, pending
 * and synced customers, and later change orders that exist at headquarters (pickups, cancellations, edits, quote
 * approvals), which reach headquarters as updates. Commands the engine refuses for a reason of its own (SY-1, CU-4,
 * CU-6, an order not at headquarters yet, ...) are fine: they are counted by rule.
 *
 * The call center works beside them (./call-center-traffic.ts, CC-2, CC-15, CC-21): orders submitted whole, taken at
 * the desk with a source code, a coupon and a card, or held and cleared by the supervisor; memberships whose child
 * orders the continuity batches make; their pickups at a till and shipments from the warehouse. Now and then both
 * engines restart from their exported state while deliveries are still in flight.
 *
 * Checked after every step: never two sales orders for one channel reference or one order, never two accounts for
 * one channel customer, nothing the tills did not create nor the call center release; after every Synchronize
 * orders: no order waits for a customer that headquarters has received (CU-7). After the heal (every store online, everything in flight delivered, then
 * P-job, Synchronize customers, Synchronize orders, the continuity batches, 1010 until nothing changes): the
 * exactly-once end state above, and every call-center order and child order at its store once with headquarters'
 * sales order the store's latest state, each open line listed once, every paid due continuity event shipped.
 *
 * EXACTLY_ONCE_RUNS / EXACTLY_ONCE_SEED override the number of schedules and the seed (for longer hunts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import { Chain, type ChainResult, type ChainState, type chainCommandSchema } from '../../engine/chain.ts';
import type { HeadquartersJob } from '../../engine/domain/config.ts';
import { outboundKey } from '../../engine/domain/channel-transactions.ts';
import { lifecycleOf, orderSummary } from '../../engine/domain/customer-order.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { CallCenterTraffic, callCenterStepArb, withCallCenterTraffic, type CallCenterStep } from './call-center-traffic.ts';
import { ChaoticNetwork, emptyNetworkStats, type NetworkStats } from './chaotic-network.ts';

type ChainInput = z.input<typeof chainCommandSchema>;
type LinkState = 'online' | 'degraded' | 'offline';
type StoreId = 'S1' | 'S2';

const RUNS = Number(process.env.EXACTLY_ONCE_RUNS ?? 1000);
const SEED = Number(process.env.EXACTLY_ONCE_SEED ?? 20_260_105);

const REGISTERS = [
  { registerId: 'R1', storeId: 'S1', operatorId: 'cashier1' },
  { registerId: 'R2', storeId: 'S1', operatorId: 'manager1' },
  { registerId: 'R3', storeId: 'S2', operatorId: 'cashier2' },
] as const;
const STORES: readonly StoreId[] = ['S1', 'S2'];
const MASTER_CUSTOMERS = new Set(demoChainConfig().customers.map((c) => c.accountId));
/** In their usual order: the continuity batches (CC-15) make their child orders before 1010 sends them out. */
const JOBS: readonly HeadquartersJob[] = ['P-job', 'synchronizeCustomers', 'synchronizeOrders', 'processContinuityPayments', 'createContinuityChildOrders', '1010'];

// ---------------------------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------------------------

interface Profile { createOrderAsync: boolean; realtimeWithAsyncBackup: boolean; createCustomerAsync: boolean; filterSharedCustomerDataTables: boolean }
interface SaleLine { productId: string; quantity: number; delivery: 'ship' | 'pickup' | 'carryOut' }
type CustomerChoice = 'new' | 'pending' | 'created' | 'master';
type ChangeOp = 'pickup' | 'pickupOne' | 'cancel' | 'edit' | 'approve';

type Step =
  | { t: 'link'; store: StoreId; state: LinkState }
  | { t: 'job'; job: HeadquartersJob; times: number; only: StoreId | null }
  /**
   * The jobs in their usual order (P-job, synchronize customers, synchronize orders, 1010), after each of them what is
   * in flight then arriving in order, in a shuffled order (each pick overtakes older ones), or not at all (held).
   * `withCustomers` false: Synchronize customers does not run, so Synchronize orders has to sync the customers of the
   * orders it creates (CU-7).
   */
  | { t: 'cycle'; arrivals: 'inOrder' | 'shuffled' | 'held'; picks: number[]; withCustomers: boolean }
  | { t: 'net'; op: 'deliver' | 'reorder' | 'duplicate' | 'replay' | 'drop'; pick: number; count: number }
  | { t: 'customer'; register: number }
  | { t: 'order'; register: number; customer: CustomerChoice; pick: number; lines: SaleLine[]; quote: boolean }
  /**
   * A later change at a register of the order's store (the order must exist at headquarters by then): pick up every
   * pickup line, pick up one unit of one line, cancel, edit (add a ship or pickup line), approve a quote. `flap`: the
   * store's link changes between the recall and the tender. `same`: the order last created or changed (so that one
   * order collects several updates).
   */
  | { t: 'change'; op: ChangeOp; pick: number; same: boolean; register: number; flap: LinkState | null; line: SaleLine }
  /** The virtual clock moves on, running the jobs that fall due on their schedules (set by 'schedule'). */
  | { t: 'clock'; minutes: number }
  | { t: 'schedule'; job: HeadquartersJob; everyMinutes: number | null }
  /** Both engines restart from their state (what a durable chain reopens to); deliveries in flight stay in flight. */
  | { t: 'restart' }
  /** The call center's orders and their fulfilment (./call-center-traffic.ts). */
  | CallCenterStep;

interface Schedule { seed: number; profiles: [Profile, Profile]; steps: Step[] }

// Sync order mode (with and without the async backup) a little more often than async mode.
const profileArb: fc.Arbitrary<Profile> = fc.record({
  createOrderAsync: fc.constantFrom(true, false, false), realtimeWithAsyncBackup: fc.boolean(), createCustomerAsync: fc.boolean(), filterSharedCustomerDataTables: fc.boolean(),
});
const linkArb = fc.constantFrom<LinkState>('online', 'online', 'degraded', 'offline');
const lineArb = (deliveries: readonly SaleLine['delivery'][]): fc.Arbitrary<SaleLine> => fc.record({
  productId: fc.constantFrom('P-TENT', 'P-LAMP', 'P-SOCKS', 'P-STOVE'),
  quantity: fc.integer({ min: 1, max: 3 }),
  delivery: fc.constantFrom(...deliveries),
});

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('link' as const), store: fc.constantFrom<StoreId>('S1', 'S2'), state: linkArb }) },
  { weight: 4, arbitrary: fc.record({
    t: fc.constant('job' as const), job: fc.constantFrom(...JOBS), times: fc.integer({ min: 1, max: 3 }),
    only: fc.option(fc.constantFrom<StoreId>('S1', 'S2'), { freq: 4 }),
  }) },
  { weight: 4, arbitrary: fc.record({
    t: fc.constant('cycle' as const), arrivals: fc.constantFrom('inOrder', 'shuffled', 'shuffled', 'held'), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    withCustomers: fc.boolean(),
  }) },
  { weight: 8, arbitrary: fc.record({
    t: fc.constant('net' as const), op: fc.constantFrom('deliver', 'deliver', 'reorder', 'duplicate', 'replay', 'drop'),
    pick: fc.nat(), count: fc.integer({ min: 1, max: 4 }),
  }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('customer' as const), register: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 5, arbitrary: fc.record({
    t: fc.constant('order' as const), register: fc.integer({ min: 0, max: 2 }),
    customer: fc.constantFrom<CustomerChoice>('new', 'pending', 'pending', 'created', 'master'), pick: fc.nat(),
    // The first line is shipped or picked up: a customer order, not a cash-and-carry sale.
    lines: fc.tuple(lineArb(['ship', 'pickup']), fc.array(lineArb(['ship', 'pickup', 'carryOut']), { maxLength: 2 })).map(([first, rest]) => [first, ...rest]),
    quote: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  }).map((order) => (order.quote ? { ...order, lines: order.lines.map((l) => ({ ...l, delivery: l.delivery === 'carryOut' ? 'pickup' as const : l.delivery })) } : order)) },
  { weight: 6, arbitrary: fc.record({
    t: fc.constant('change' as const), op: fc.constantFrom<ChangeOp>('pickup', 'pickupOne', 'pickupOne', 'cancel', 'edit', 'edit', 'approve'), pick: fc.nat(), same: fc.boolean(), register: fc.nat(),
    flap: fc.option(linkArb, { freq: 4 }), line: lineArb(['ship', 'pickup']),
  }) },
  // Now and then a whole day, so that the continuity events after the first fall due (CC-15).
  { weight: 2, arbitrary: fc.record({ t: fc.constant('clock' as const), minutes: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: fc.constant(24 * 60) }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('schedule' as const), job: fc.constantFrom(...JOBS), everyMinutes: fc.option(fc.integer({ min: 5, max: 90 }), { freq: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 5, arbitrary: callCenterStepArb },
);

const scheduleArb: fc.Arbitrary<Schedule> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  profiles: fc.tuple(profileArb, profileArb),
  steps: fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
});

// ---------------------------------------------------------------------------------------------------------------
// What the tills created (the expectation), and the counts printed at the end
// ---------------------------------------------------------------------------------------------------------------

interface CreatedCustomer { customerId: string; storeId: string; mode: string }
interface CreatedOrder {
  orderId: string;
  channelReference: string;
  storeId: string;
  customerId: string;
  mode: string;
  /** The order total the till showed when it was last tendered (created or edited). */
  total: number;
  /** The lines as the tills made them, with the units invoiced: carry-out at once, pickups as picked up. */
  lines: Map<string, { delivery: SaleLine['delivery']; quantity: number; invoiced: number }>;
  quote: boolean;
  approved: boolean;
  cancelled: boolean;
  changes: number;
}

interface Totals {
  schedules: number;
  commands: number;
  accepted: number;
  customers: number;
  orders: number;
  pendingCustomerOrders: number;
  cu7Synced: number;
  updates: number;
  linkFlaps: number;
  jobRuns: number;
  healRounds: number;
  /** The network during the schedules (chaos) and while healing (everything delivered in order). */
  network: NetworkStats;
  healNetwork: NetworkStats;
  lost: number;
  refusedDeliveries: number;
  restarts: number;
  /** The call center's orders released by way, memberships sold, pickups and shipments (./call-center-traffic.ts). */
  callCenter: Record<string, number>;
  childOrders: number;
  customerModes: Record<string, number>;
  orderModes: Record<string, number>;
  changes: Record<string, number>;
  refusals: Record<string, number>;
}

const totals: Totals = {
  schedules: 0, commands: 0, accepted: 0, customers: 0, orders: 0, pendingCustomerOrders: 0, cu7Synced: 0, updates: 0, linkFlaps: 0, jobRuns: 0, healRounds: 0,
  network: emptyNetworkStats(), healNetwork: emptyNetworkStats(), lost: 0, refusedDeliveries: 0, restarts: 0, callCenter: {}, childOrders: 0, customerModes: {}, orderModes: {}, changes: {}, refusals: {},
};
const bump = (table: Record<string, number>, key: string, by = 1) => { table[key] = (table[key] ?? 0) + by; };

/** A command and its outcome in one line of a counterexample. */
function describeCommand(command: ChainInput, result: ChainResult): string {
  const { type, ...fields } = command as Record<string, unknown>;
  if (type === 'customer.create') delete fields.customer;
  const outcome = !result.ok ? `refused ${result.error.rule}: ${result.error.message}`
    : type === 'register.tender' || type === 'customer.create'
      ? `ok ${JSON.stringify(Object.fromEntries(Object.entries(result.result).filter(([k]) => ['orderId', 'customerId', 'mode', 'salesOrderId', 'invoiceId'].includes(k))))}`
      : 'ok';
  return `${String(type)} ${JSON.stringify(fields)}: ${outcome}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Running a schedule
// ---------------------------------------------------------------------------------------------------------------

class Run {
  /** What happened, formatted only when a counterexample is reported. */
  readonly log: (() => string)[] = [];
  readonly network = new ChaoticNetwork((line) => this.log.push(line));
  chain: Chain;
  readonly callCenter: CallCenterTraffic;
  restarts = 0;
  /** Deliveries lost and refused by the chains before the last restart. */
  private readonly deliveriesBefore = { lost: 0, refused: 0 };
  readonly customers: CreatedCustomer[] = [];
  readonly orders: CreatedOrder[] = [];
  commands = 0;
  accepted = 0;
  pendingCustomerOrders = 0;
  /** Customers pending sync that Synchronize orders synced for their orders (CU-7). */
  cu7Synced = 0;
  linkFlaps = 0;
  jobRuns = 0;
  healRounds = 0;
  /** The network's counts when the heal began. */
  private beforeHeal: NetworkStats | null = null;
  private cards = 0;
  /** The order last created or changed. */
  private lastOrder: CreatedOrder | null = null;
  readonly refusals: Record<string, number> = {};
  readonly customerModes: Record<string, number> = {};
  readonly orderModes: Record<string, number> = {};
  readonly changes: Record<string, number> = {};

  constructor(readonly schedule: Schedule) {
    const config = demoChainConfig();
    withCallCenterTraffic(config);
    schedule.profiles.forEach((profile, i) => {
      const store = config.stores[i]!;
      store.functionality = { createOrderAsync: profile.createOrderAsync, realtimeWithAsyncBackup: profile.realtimeWithAsyncBackup, createCustomerAsync: profile.createCustomerAsync };
      store.filterSharedCustomerDataTables = profile.filterSharedCustomerDataTables;
    });
    this.chain = Chain.create(config, { seed: schedule.seed, transport: (chain) => this.network.attach(chain) });
    this.callCenter = new CallCenterTraffic((command, doing) => this.exec(command, doing), () => this.chain);
    for (const { registerId, operatorId } of REGISTERS) this.must({ type: 'register.openShift', registerId, operatorId });
  }

  /** Runs a command; a refusal is recorded under its rule and what was being done. */
  exec(command: ChainInput, doing: string): ChainResult {
    this.commands += 1;
    // The command's line comes before what the network does during it (a job's sends).
    let result: ChainResult | null = null;
    this.log.push(() => describeCommand(command, result!));
    result = this.chain.executeNow(command);
    if (result.ok) this.accepted += 1;
    else bump(this.refusals, `${result.error.rule} (${doing})`);
    return result;
  }

  /** A command the schedule needs accepted (set-up, healing). */
  must(command: ChainInput): Record<string, unknown> {
    const result = this.exec(command, 'required');
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.rule} ${result.error.message}`);
    return result.result;
  }

  private voidOpenTransaction(registerId: string): void {
    if (this.chain.registerView(registerId).transaction !== null) this.must({ type: 'register.void', registerId });
  }

  private setLink(storeId: string, state: LinkState): void {
    if (this.chain.syncView(storeId).link !== state) this.linkFlaps += 1;
    this.must({ type: 'sync.setLink', storeId, state });
  }

  private runJob(job: HeadquartersJob, only: StoreId | null = null): void {
    this.jobRuns += 1;
    const due = job === 'synchronizeOrders' ? this.customersOfWaitingOrders() : [];
    this.must({ type: 'headquarters.runJob', job, ...(only === null ? {} : { storeIds: [only] }) });
    if (job !== 'synchronizeOrders') return;
    this.cu7Synced += due.filter((id) => this.chain.backOffice().accountOfChannelCustomer[id] !== undefined).length;
    this.checkSynchronizedOrders();
  }

  /** The customers pending sync that headquarters received and that orders it received wait for (CU-7's work). */
  private customersOfWaitingOrders(): string[] {
    const office = this.chain.backOffice();
    const ids = Object.values(office.staged).flatMap(({ item, processedAt }) => (processedAt === null && item.kind === 'orderCreated' ? [item.order.customerId] : []));
    return [...new Set(ids)].filter((id) => office.accountOfChannelCustomer[id] === undefined && office.staged[outboundKey.customer(id)] !== undefined);
  }

  private fail(rule: string, problems: readonly string[]): never {
    throw new Error(`${rule} violated:\n- ${problems.join('\n- ')}\ncommands:\n  ${this.log.map((line) => line()).join('\n  ')}`);
  }

  /**
   * CU-7 (and SY-2): after Synchronize orders, a received order waits only for a customer headquarters has neither an
   * account for nor received, and a received update only for an order headquarters does not have yet.
   */
  private checkSynchronizedOrders(): void {
    const office = this.chain.backOffice();
    const problems: string[] = [];
    for (const { item } of Object.values(office.staged)) {
      if (office.staged[item.key]!.processedAt !== null) continue;
      if (item.kind === 'orderCreated') {
        const { customerId, channelReference } = item.order;
        if (office.accountOfChannelCustomer[customerId] !== undefined) problems.push(`order ${channelReference} still waits although customer ${customerId} has account ${office.accountOfChannelCustomer[customerId]}`);
        else if (office.staged[outboundKey.customer(customerId)] !== undefined) problems.push(`order ${channelReference} still waits although headquarters received its customer ${customerId} (pending sync): Synchronize orders should have synced it`);
      } else if (item.kind === 'orderUpdated' && office.salesOrderOfChannelReference[item.order.channelReference] !== undefined) {
        problems.push(`update ${item.key} still waits although headquarters has the order`);
      }
    }
    if (problems.length > 0) this.fail('CU-7 (Synchronize orders)', problems);
  }

  /** SY-3 at every moment: never two sales orders for one channel reference or two accounts for one channel customer, nothing the tills did not create. */
  noneDoubled(): string[] {
    const office = this.chain.backOffice();
    const problems: string[] = [];
    const references = new Map<string, number>();
    for (const s of Object.values(office.salesOrders)) references.set(s.channelReference, (references.get(s.channelReference) ?? 0) + 1);
    for (const [reference, n] of references) if (n > 1) problems.push(`channel reference ${reference} has ${n} sales orders`);
    // A call-center order's channel reference is its order id (CC-2).
    const created = new Set([...this.orders.map((o) => o.channelReference), ...this.callCenter.expectedOrderIds()]);
    for (const s of Object.values(office.salesOrders)) if (!created.has(s.channelReference)) problems.push(`sales order ${s.salesOrderId} (${s.channelReference}) was never created at a till nor released by the call center`);
    const orderIds = new Map<string, number>();
    for (const s of Object.values(office.salesOrders)) orderIds.set(s.orderId, (orderIds.get(s.orderId) ?? 0) + 1);
    for (const [orderId, n] of orderIds) if (n > 1) problems.push(`order ${orderId} has ${n} sales orders`);
    const accounts = Object.values(office.customers).filter((c) => c.createdVia !== 'master');
    const channelIds = new Map<string, number>();
    for (const a of accounts) channelIds.set(a.channelCustomerId, (channelIds.get(a.channelCustomerId) ?? 0) + 1);
    for (const [channelId, n] of channelIds) if (n > 1) problems.push(`channel customer ${channelId} has ${n} accounts`);
    const customers = new Set(this.customers.map((c) => c.customerId));
    for (const a of accounts) if (!customers.has(a.channelCustomerId)) problems.push(`account ${a.accountNumber} (${a.channelCustomerId}) was never created at a till`);
    return problems;
  }

  checkNoneDoubled(): void {
    const problems = this.noneDoubled();
    if (problems.length > 0) this.fail('SY-3 exactly once (during the schedule)', problems);
  }

  step(step: Step): void {
    switch (step.t) {
      case 'link':
        this.setLink(step.store, step.state);
        return;
      case 'job':
        for (let i = 0; i < step.times; i += 1) this.runJob(step.job, step.only);
        return;
      case 'cycle':
        JOBS.forEach((job, j) => {
          if (job === 'synchronizeCustomers' && !step.withCustomers) return;
          this.runJob(job);
          if (step.arrivals === 'held') return;
          for (let n = this.network.inFlight.length, i = 0; n > 0; n -= 1, i += 1) {
            if (step.arrivals === 'inOrder') this.network.deliverOldest();
            else this.network.reorder(step.picks[(i + j) % step.picks.length]!);
          }
        });
        return;
      case 'net':
        for (let i = 0; i < step.count; i += 1) {
          const pick = step.pick + i;
          if (step.op === 'deliver') this.network.deliverOldest();
          else if (step.op === 'reorder') this.network.reorder(pick);
          else if (step.op === 'duplicate') this.network.duplicate(pick);
          else if (step.op === 'replay') this.network.replay(pick);
          else this.network.drop(pick);
        }
        return;
      case 'customer':
        this.createCustomer(REGISTERS[step.register]!.registerId, false);
        return;
      case 'order':
        this.createOrder(step);
        return;
      case 'change':
        this.changeOrder(step);
        return;
      case 'clock': {
        // A day with jobs scheduled every few minutes is more runs than one advance may make (refused, counted).
        const advanced = this.exec({ type: 'clock.advance', ms: step.minutes * 60_000 }, 'clock');
        if (advanced.ok) this.jobRuns += (advanced.result.jobsRun as unknown[]).length;
        return;
      }
      case 'restart':
        this.restart();
        return;
      case 'cc':
      case 'ccFulfil':
        this.callCenter.step(step);
        return;
      case 'schedule':
        this.must({ type: 'headquarters.schedule', job: step.job, everyMinutes: step.everyMinutes });
        return;
    }
  }

  /** Both engines start again from their state as written (JSON), on the same network (SY-3 across restarts). */
  private restart(): void {
    this.restarts += 1;
    this.deliveriesBefore.lost += this.chain.deliveries.lost;
    this.deliveriesBefore.refused += this.chain.deliveries.refused;
    this.log.push(() => '--- restart ---');
    this.chain = Chain.restore(this.chain.catalog, JSON.parse(JSON.stringify(this.chain.exportState())) as ChainState, { seed: this.schedule.seed, transport: (chain) => this.network.attach(chain) });
  }

  /** customer.create at a register (CU-4, CU-6); the new customer's id, or null when refused. */
  private createCustomer(registerId: string, addToTransaction: boolean): string | null {
    const n = this.customers.length + 1;
    const result = this.exec({
      type: 'customer.create', registerId, addToTransaction,
      customer: { name: `Property customer ${n}`, email: `p${n}@example.com`, addresses: [{ street: `${n} Test St`, city: 'Seattle', state: 'WA', zip: '98101' }], deliveryAddress: 0 },
    }, addToTransaction ? 'customer in an order' : 'customer');
    if (!result.ok) return null;
    const customerId = result.result.customerId as string;
    const mode = result.result.mode as string;
    this.customers.push({ customerId, storeId: this.chain.store.catalog.registers.get(registerId)!, mode });
    bump(this.customerModes, mode);
    return customerId;
  }

  private chooseCustomer(choice: CustomerChoice, pick: number): string {
    const pending = this.customers.filter((c) => this.chain.customerView(c.customerId).pendingSync);
    const pool = choice === 'pending' ? (pending.length > 0 ? pending : this.customers) : choice === 'created' ? this.customers : [];
    return pool.length === 0 ? 'C-ANNA' : pool[pick % pool.length]!.customerId;
  }

  /** A customer order rung up and tendered at a till (SY-1, SY-2, SY-3, CU-7). */
  private createOrder(step: Extract<Step, { t: 'order' }>): void {
    const { registerId, storeId } = REGISTERS[step.register]!;
    const abort = () => this.voidOpenTransaction(registerId);
    let customerId: string;
    if (step.customer === 'new') {
      const created = this.createCustomer(registerId, true);
      if (created === null) return abort();
      customerId = created;
    } else {
      customerId = this.chooseCustomer(step.customer, step.pick);
      if (!this.exec({ type: 'register.setCustomer', registerId, customerId }, 'order').ok) return abort();
    }
    const pendingCustomer = this.chain.customerView(customerId).pendingSync;
    for (const line of step.lines) {
      if (!this.exec({ type: 'register.addItem', registerId, productId: line.productId, quantity: line.quantity }, 'order').ok) return abort();
      const lineId = this.chain.registerView(registerId).transaction!.cart.lines.at(-1)!.lineId;
      if (line.delivery === 'ship' && !this.exec({ type: 'register.shipSelected', registerId, lineIds: [lineId], modeCode: 'STD' }, 'order').ok) return abort();
      if (line.delivery === 'pickup' && !this.exec({ type: 'register.pickupSelected', registerId, lineIds: [lineId] }, 'order').ok) return abort();
    }
    if (step.quote && !this.exec({ type: 'register.setOrderType', registerId, orderType: 'quote' }, 'order').ok) return abort();
    const view = this.chain.registerView(registerId);
    const cartLines = view.transaction!.cart.lines;
    const total = view.totals!.total;
    this.cards += 1;
    const tendered = this.exec({ type: 'register.tender', registerId, method: 'card', amount: view.due, cardToken: `tok-${this.cards}` }, 'order tender');
    if (!tendered.ok) return abort();
    if (tendered.result.completed !== true || typeof tendered.result.orderId !== 'string') {
      throw new Error(`the tender of the whole due did not complete a customer order: ${JSON.stringify(tendered.result)}`);
    }
    const orderId = tendered.result.orderId;
    const mode = tendered.result.mode as string;
    this.orders.push({
      orderId, channelReference: tendered.result.confirmationNumber as string, storeId, customerId, mode, total,
      lines: new Map(cartLines.map((l) => [l.lineId, { delivery: l.delivery.kind, quantity: l.quantity, invoiced: l.delivery.kind === 'carryOut' && !step.quote ? l.quantity : 0 }])),
      quote: step.quote, approved: false, cancelled: false, changes: 0,
    });
    bump(this.orderModes, step.quote ? `${mode} quote` : mode);
    this.lastOrder = this.orders.at(-1)!;
    if (pendingCustomer) this.pendingCustomerOrders += 1;
  }

  /** A later change of an order at a register of its store, which reaches headquarters as an update (SY-2, SY-3). */
  private changeOrder(step: Extract<Step, { t: 'change' }>): void {
    if (this.orders.length === 0) return;
    const quotes = this.orders.filter((o) => o.quote && !o.approved && !o.cancelled);
    const pool = step.op === 'approve' && quotes.length > 0 ? quotes : this.orders;
    const order = step.same && this.lastOrder !== null ? this.lastOrder : pool[step.pick % pool.length]!;
    const registers = REGISTERS.filter((r) => r.storeId === order.storeId);
    const { registerId, storeId } = registers[step.register % registers.length]!;
    if (step.op === 'approve') {
      if (!this.exec({ type: 'order.approveQuote', orderId: order.orderId }, 'approve').ok) return;
      order.approved = true;
      return this.changed(order, step.op);
    }
    const purpose = step.op === 'pickupOne' ? 'pickup' : step.op;
    // One unit of one pickup line still to pick up (any line when none is left: the engine says why not).
    const open = [...order.lines].filter(([, l]) => l.delivery === 'pickup' && l.invoiced < l.quantity);
    const one = open.length > 0 ? open[step.pick % open.length]![0] : [...order.lines.keys()][step.pick % order.lines.size]!;
    const recalled = this.exec({
      type: 'register.recallOrder', registerId, orderId: order.orderId, purpose, ...(step.op === 'pickupOne' ? { lines: [{ lineId: one, quantity: 1 }] } : {}),
    }, `${step.op} recall`);
    if (!recalled.ok) return;
    const abort = () => this.voidOpenTransaction(registerId);
    let added: { lineId: string; line: SaleLine } | null = null;
    if (step.op === 'edit') {
      const { line } = step;
      if (!this.exec({ type: 'register.addItem', registerId, productId: line.productId, quantity: line.quantity }, 'edit').ok) return abort();
      const lineId = this.chain.registerView(registerId).transaction!.cart.lines.at(-1)!.lineId;
      const delivered = line.delivery === 'ship'
        ? this.exec({ type: 'register.shipSelected', registerId, lineIds: [lineId], modeCode: 'STD' }, 'edit')
        : this.exec({ type: 'register.pickupSelected', registerId, lineIds: [lineId] }, 'edit');
      if (!delivered.ok) return abort();
      added = { lineId, line };
    }
    const view = this.chain.registerView(registerId);
    const pickupLines = view.transaction!.pickupLines;
    const total = view.totals!.total;
    // The link may change while the cashier finishes the transaction.
    if (step.flap !== null) this.setLink(storeId, step.flap);
    const due = this.chain.registerView(registerId).due;
    this.cards += 1;
    const tendered = this.exec(step.op === 'edit'
      ? { type: 'register.tender', registerId, method: 'card', amount: due, cardToken: `tok-${this.cards}` }
      : { type: 'register.tender', registerId, method: 'cash', amount: due }, `${step.op} tender`);
    if (!tendered.ok) return abort();
    if (tendered.result.completed !== true) throw new Error(`the tender of the whole due did not complete the ${step.op}: ${JSON.stringify(tendered.result)}`);
    if (step.op === 'cancel') order.cancelled = true;
    if (step.op === 'pickup' || step.op === 'pickupOne') {
      for (const { lineId, quantity } of pickupLines) order.lines.get(lineId)!.invoiced += quantity;
    }
    if (added !== null) {
      order.lines.set(added.lineId, { delivery: added.line.delivery, quantity: added.line.quantity, invoiced: 0 });
      order.total = total;
    }
    this.changed(order, step.op);
  }

  private changed(order: CreatedOrder, op: ChangeOp): void {
    this.lastOrder = order;
    order.changes += 1;
    bump(this.changes, op);
  }

  /** What moves between the stores and headquarters: when it stops changing, the chain has healed. */
  private fingerprint(): string {
    const office = this.chain.backOffice();
    return JSON.stringify([
      STORES.map((s) => [this.chain.syncView(s).pending.length, this.chain.syncView(s).appliedVersion]),
      office.version, Object.keys(office.staged).length, Object.values(office.staged).filter((s) => s.processedAt === null).length,
      Object.values(office.salesOrders).map((s) => s.revision),
      this.chain.orderIds().filter((id) => !this.chain.orderView(id).existsAtHeadquarters).length,
      this.chain.customerIds().filter((id) => this.chain.customerView(id).pendingSync).length,
    ]);
  }

  /** Every store back online, everything in flight delivered, then the jobs in order until nothing changes. */
  heal(): void {
    this.beforeHeal = { ...this.network.stats };
    this.log.push(() => '--- heal ---');
    for (const storeId of STORES) this.setLink(storeId, 'online');
    this.network.flush();
    let before = this.fingerprint();
    for (let round = 1; ; round += 1) {
      if (round > 10) throw new Error(`the chain did not settle after 10 rounds of jobs: ${before}`);
      this.healRounds += 1;
      for (const job of JOBS) {
        this.runJob(job);
        this.network.flush();
      }
      const after = this.fingerprint();
      if (after === before) return;
      before = after;
    }
  }

  /** SY-3 / CU-7: headquarters has exactly what the tills created, and nothing is left waiting anywhere. */
  check(): void {
    const problems: string[] = [];
    const office = this.chain.backOffice();

    // Orders: one sales order per channel reference, none missing, none doubled, the till's total and latest state.
    problems.push(...this.noneDoubled());
    const salesOrders = Object.values(office.salesOrders);
    const callCenterOrders = this.callCenter.expectedOrderIds().size;
    if (salesOrders.length !== this.orders.length + callCenterOrders) problems.push(`headquarters has ${salesOrders.length} sales orders, the tills created ${this.orders.length} and the call center ${callCenterOrders}`);
    const storeOrders = this.chain.orderIds();
    if (storeOrders.length !== this.orders.length + callCenterOrders) problems.push(`the stores have ${storeOrders.length} orders, the tills created ${this.orders.length} and the call center ${callCenterOrders}`);
    for (const order of this.orders) {
      const id = office.salesOrderOfChannelReference[order.channelReference];
      const salesOrder = id === undefined ? undefined : office.salesOrders[id];
      const view = this.chain.orderView(order.orderId);
      if (!view.existsAtHeadquarters) problems.push(`order ${order.orderId} (${order.mode}) does not exist at headquarters for the store`);
      if (salesOrder === undefined) {
        problems.push(`order ${order.orderId} (${order.channelReference}, ${order.mode}) is missing at headquarters`);
        continue;
      }
      const where = `order ${order.orderId} (${order.channelReference}, ${order.mode}, ${order.changes} change(s))`;
      if (view.salesOrderId !== salesOrder.salesOrderId) problems.push(`${where}: the store knows it as ${view.salesOrderId}, headquarters as ${salesOrder.salesOrderId}`);
      if (salesOrder.orderId !== order.orderId) problems.push(`${where}: headquarters' sales order is for ${salesOrder.orderId}`);
      if (salesOrder.order.total !== order.total) problems.push(`${where}: headquarters' total ${salesOrder.order.total}, the till's ${order.total}`);
      if (view.totals.total !== order.total) problems.push(`${where}: the store's total ${view.totals.total}, the till's ${order.total}`);
      if (salesOrder.order.customerId !== order.customerId) problems.push(`${where}: headquarters' customer ${salesOrder.order.customerId}, the till's ${order.customerId}`);
      const status = order.cancelled ? 'Cancelled' : order.quote && !order.approved ? 'Quote' : null;
      if (status !== null ? salesOrder.order.status !== status : ['Cancelled', 'Quote'].includes(salesOrder.order.status)) {
        problems.push(`${where}: headquarters' status is ${salesOrder.order.status}, the tills ${order.cancelled ? 'cancelled it' : order.quote ? (order.approved ? 'approved the quote' : 'left it a quote') : 'neither cancelled it nor made it a quote'}`);
      }
      if (salesOrder.order.orderType !== (order.quote ? 'quote' : 'customerOrder')) problems.push(`${where}: headquarters' order type ${salesOrder.order.orderType}`);
      const hqLines = new Map(salesOrder.order.lines.map((l) => [l.lineId, l]));
      for (const [lineId, line] of order.lines) {
        const hq = hqLines.get(lineId);
        if (hq === undefined) problems.push(`${where}: headquarters has no line ${lineId}`);
        else if (hq.quantity !== line.quantity || hq.delivery !== line.delivery || hq.invoiced !== line.invoiced) {
          problems.push(`${where}: headquarters' line ${lineId} is ${hq.quantity} x ${hq.delivery}, ${hq.invoiced} invoiced; the tills made ${line.quantity} x ${line.delivery}, ${line.invoiced} invoiced`);
        }
      }
      for (const lineId of hqLines.keys()) if (!order.lines.has(lineId)) problems.push(`${where}: headquarters has a line ${lineId} the tills never made`);
      const latest = orderSummary(view, lifecycleOf(view.state as never, view));
      if (JSON.stringify(salesOrder.order) !== JSON.stringify(latest)) {
        problems.push(`${where}: headquarters' sales order ${JSON.stringify(salesOrder.order)} is not the store's latest state ${JSON.stringify(latest)}`);
      }
    }

    // Customers: one account per channel customer id, none missing, none doubled, every one synced.
    const accounts = Object.values(office.customers).filter((c) => c.createdVia !== 'master');
    if (accounts.length !== this.customers.length) problems.push(`headquarters has ${accounts.length} channel accounts, the tills created ${this.customers.length} customers`);
    const storeCustomers = this.chain.customerIds().filter((id) => !MASTER_CUSTOMERS.has(id));
    if (storeCustomers.length !== this.customers.length) problems.push(`the store knows ${storeCustomers.length} customers, the tills created ${this.customers.length}`);
    for (const customer of this.customers) {
      const account = office.accountOfChannelCustomer[customer.customerId];
      const view = this.chain.customerView(customer.customerId);
      if (account === undefined) problems.push(`customer ${customer.customerId} (${customer.mode}) has no account at headquarters`);
      if (view.pendingSync) problems.push(`customer ${customer.customerId} (${customer.mode}) is still pending sync`);
      else if (account !== undefined && view.accountNumber !== account) problems.push(`customer ${customer.customerId}: the store has account ${view.accountNumber}, headquarters ${account}`);
    }

    // Nothing left waiting: outbound queues, staging table, the network.
    for (const storeId of STORES) {
      const pending = this.chain.syncView(storeId).pending;
      if (pending.length > 0) problems.push(`store ${storeId}'s outbound queue still holds ${pending.map((i) => i.key).join(', ')}`);
    }
    const unprocessed = Object.values(office.staged).filter((s) => s.processedAt === null);
    if (unprocessed.length > 0) problems.push(`headquarters never processed ${unprocessed.map((s) => s.item.key).join(', ')}`);
    if (this.network.inFlight.length > 0) problems.push(`${this.network.inFlight.length} deliveries still in flight`);

    problems.push(...this.callCenter.check());
    if (problems.length > 0) this.fail('SY-3 / CC-2 exactly once (after the heal)', problems);
  }

  addTo(t: Totals): void {
    t.schedules += 1;
    t.commands += this.commands;
    t.accepted += this.accepted;
    t.customers += this.customers.length;
    t.orders += this.orders.length;
    t.pendingCustomerOrders += this.pendingCustomerOrders;
    t.cu7Synced += this.cu7Synced;
    t.updates += this.orders.reduce((n, o) => n + o.changes, 0);
    t.linkFlaps += this.linkFlaps;
    t.jobRuns += this.jobRuns;
    t.healRounds += this.healRounds;
    const chaos = this.beforeHeal ?? this.network.stats;
    for (const key of Object.keys(t.network) as (keyof NetworkStats)[]) {
      t.network[key] += chaos[key];
      t.healNetwork[key] += this.network.stats[key] - chaos[key];
    }
    t.lost += this.deliveriesBefore.lost + this.chain.deliveries.lost;
    t.refusedDeliveries += this.deliveriesBefore.refused + this.chain.deliveries.refused;
    t.restarts += this.restarts;
    t.childOrders += this.callCenter.childOrders().length;
    for (const [key, n] of Object.entries(this.callCenter.counts)) bump(t.callCenter, key, n);
    for (const [table, mine] of [[t.customerModes, this.customerModes], [t.orderModes, this.orderModes], [t.changes, this.changes], [t.refusals, this.refusals]] as const) {
      for (const [key, n] of Object.entries(mine)) bump(table, key, n);
    }
  }
}

function runSchedule(schedule: Schedule): Run {
  const run = new Run(schedule);
  for (const step of schedule.steps) {
    run.step(step);
    run.checkNoneDoubled();
  }
  run.heal();
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------------------------

describe('SY-3 exactly once under a chaotic network', () => {
  afterAll(() => {
    const sorted = (table: Record<string, number>) => Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
    console.log([
      `SY-3 / CU-7 / CC-2 exactly-once property (seed ${SEED}, ${RUNS} runs):`,
      `  schedules run: ${totals.schedules}`,
      `  commands executed: ${totals.commands} (${totals.accepted} accepted, ${totals.commands - totals.accepted} refused); link flaps ${totals.linkFlaps}; job runs ${totals.jobRuns} (heal rounds ${totals.healRounds})`,
      `  customers created: ${totals.customers} by mode ${JSON.stringify(sorted(totals.customerModes))}`,
      `  orders created: ${totals.orders} by mode ${JSON.stringify(sorted(totals.orderModes))}; for customers pending sync (CU-7): ${totals.pendingCustomerOrders}, whose customer Synchronize orders synced: ${totals.cu7Synced}`,
      `  later changes (updates): ${totals.updates} ${JSON.stringify(sorted(totals.changes))}`,
      `  deliveries during the schedules: sent ${totals.network.sent}, arrivals ${totals.network.arrivals}: delivered in order ${totals.network.delivered}, reordered (older one later) ${totals.network.reordered}, duplicated ${totals.network.duplicated}, replayed late ${totals.network.replayed}; dropped ${totals.network.dropped}`,
      `  deliveries while healing: sent ${totals.healNetwork.sent}, delivered in order ${totals.healNetwork.delivered}`,
      `  chain's count: lost at an offline store ${totals.lost}; refused by the receiver (stale 1010 package) ${totals.refusedDeliveries}; restarts ${totals.restarts}`,
      `  call center (CC-2, CC-15): ${JSON.stringify(sorted(totals.callCenter))}; continuity child orders ${totals.childOrders}`,
      `  refusals by rule: ${JSON.stringify(sorted(totals.refusals), null, 1).replace(/\n\s*/g, ' ')}`,
    ].join('\n'));
  });

  it(`SY-3 / CU-7 / CC-2 / CC-15: after any chaotic schedule (restarts included) and a heal, headquarters has exactly the orders and customers the tills and the call center created, and every call-center order is at its store once (${RUNS} schedules)`, () => {
    // Counts cover the generated schedules up to the first failure, not fast-check's shrinking attempts after it.
    let failed = false;
    fc.assert(
      fc.property(scheduleArb, (schedule) => {
        try {
          const run = runSchedule(schedule);
          if (!failed) run.addTo(totals);
          run.check();
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The property says something only if the schedules did what it is about.
    const exercised = {
      orders: totals.orders, customers: totals.customers, updates: totals.updates, cu7Synced: totals.cu7Synced,
      reordered: totals.network.reordered, duplicated: totals.network.duplicated, replayed: totals.network.replayed, dropped: totals.network.dropped,
      restarts: totals.restarts, childOrders: totals.childOrders,
      ...Object.fromEntries(['released (submit)', 'released (desk)', 'released (held)', 'memberships sold', 'picked up at a till', 'shipped from the warehouse'].map((key) => [key, totals.callCenter[key] ?? 0])),
    };
    for (const [what, count] of Object.entries(exercised)) expect(count, what).toBeGreaterThan(0);
  }, 600_000);
});
