/**
 * Call-center traffic for the exactly-once property (CC-2, CC-15, CC-21, SY-4): orders the call center submits
 * (`callCenter.submitOrder`), orders agents take at the desk (source code, coupon, card) and held orders a supervisor
 * takes over and clears; memberships that enrol Anna in a sock club whose child orders the continuity batches make;
 * and the fulfilment of all of these at the stores (a pickup at a till, a shipment from the warehouse), which reaches
 * headquarters as the owning store's order updates.
 *
 * What it expects once the chain has healed: every order the call center released and every child order an
 * enrolment recorded is at its store once, headquarters' sales order is the store's latest state (with the units the
 * schedule picked up or shipped invoiced), each open line is on its location's list once, and every paid due event
 * has its child order.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import type { Chain, ChainResult, chainCommandSchema } from '../../engine/chain.ts';
import { calendarDay } from '../../engine/domain/call-center/continuity.ts';
import { lifecycleOf, orderSummary } from '../../engine/domain/customer-order.ts';
import { salesOrderOf } from '../../engine/domain/headquarters.ts';
import { childOrderId } from '../../engine/flows/continuity-enrolments.ts';
import { withDesk } from '../engine/call-center-desk-helpers.ts';
import type { DemoChainConfigInput } from '../fixtures/chain.ts';

type ChainInput = z.input<typeof chainCommandSchema>;
/** The run's way of executing a command: counted, logged, a refusal recorded under its rule and what was being done. */
export type Exec = (command: ChainInput, doing: string) => ChainResult;

/** Where a line goes: shipped from the warehouse, or picked up at S1 or S2 (the first line names the owning store). */
const PLACES = [{ modeCode: 'STD', locationId: 'W1' }, { modeCode: 'PICKUP', locationId: 'S1' }, { modeCode: 'PICKUP', locationId: 'S2' }] as const;
const AGENTS = ['agent1', 'agent2'] as const;
const PRICES: Record<string, number> = { 'P-TENT': 19_999, 'P-LAMP': 2499, 'P-SOCKS': 1299, 'P-CLUB': 3600 };
/** The till that hands over a pickup at each store (the run opens their shifts). */
const PICKUP_REGISTER: Record<string, string> = { S1: 'R1', S2: 'R3' };
const WAREHOUSE_STAFF = { locationId: 'W1', operatorId: 'lead1' };

/**
 * The demo fixture with the desk's call center CC1 (agent1, agent2, supervisor1, the SPRING source code, the one-time
 * coupon SAVE10) and a sock club: P-CLUB enrols the customer in three daily boxes of socks, the first due the day it
 * is sold (a schedule's day-long clock steps bring the others due, several at once when the batches did not run).
 */
export function withCallCenterTraffic(config: DemoChainConfigInput): void {
  withDesk()(config);
  config.products.push({ id: 'P-CLUB', name: 'Sock club (three boxes)', price: PRICES['P-CLUB']! });
  config.inventory.push(...['S1', 'S2', 'W1'].map((locationId) => ({ locationId, productId: 'P-CLUB', onHand: 50 })));
  const center = config.callCenters![0]! as { continuity?: unknown };
  center.continuity = {
    schedules: [{
      id: 'SOCK-CLUB', name: 'Sock of the day', availabilityDate: '2026-01-04', orderStart: 'firstEvent',
      events: [{ event: 1, itemId: 'P-SOCKS' }, { event: 2, itemId: 'P-SOCKS', intervalDays: 1 }, { event: 3, itemId: 'P-SOCKS', intervalDays: 1, end: true }],
    }],
    parentItems: [{ itemId: 'P-CLUB', scheduleId: 'SOCK-CLUB' }],
  };
}

interface CallCenterLine { productId: string; quantity: number; place: number }
type Via = 'submit' | 'desk' | 'held';

export type CallCenterStep =
  /**
   * An order for Anna: submitted whole by the call center, taken at the desk and submitted, or taken at the desk, put
   * on hold, checked out by the agent and taken over and cleared ("submit when cleared") by the supervisor. `club`
   * adds a sock-club membership delivered like the first line.
   */
  | { t: 'cc'; via: Via; agent: number; lines: CallCenterLine[]; sourceCode: boolean; coupon: boolean; club: boolean }
  /** A call-center order (or child order) at its store: a pickup line handed over at a till, or a warehouse line shipped. */
  | { t: 'ccFulfil'; op: 'pickup' | 'ship'; pick: number };

const lineArb: fc.Arbitrary<CallCenterLine> = fc.record({
  productId: fc.constantFrom('P-TENT', 'P-LAMP', 'P-SOCKS'), quantity: fc.integer({ min: 1, max: 2 }), place: fc.integer({ min: 0, max: PLACES.length - 1 }),
});

export const callCenterStepArb: fc.Arbitrary<CallCenterStep> = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    t: fc.constant('cc' as const), via: fc.constantFrom<Via>('submit', 'desk', 'desk', 'held'), agent: fc.integer({ min: 0, max: AGENTS.length - 1 }),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }), sourceCode: fc.boolean(), coupon: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    club: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
  }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('ccFulfil' as const), op: fc.constantFrom('pickup' as const, 'ship' as const), pick: fc.nat() }) },
);

export class CallCenterTraffic {
  /** The orders the call center released to the stores, and how. */
  readonly released = new Map<string, Via>();
  /** Units invoiced by the schedule's pickups and shipments, by order and line. */
  private readonly invoiced = new Map<string, Map<string, number>>();
  readonly counts: Record<string, number> = {};
  private submitted = 0;
  private cards = 0;

  constructor(private readonly exec: Exec, private readonly chain: () => Chain) {}

  step(step: CallCenterStep): void {
    if (step.t === 'cc') this.takeOrder(step);
    else this.fulfil(step);
  }

  /** The child orders the enrolments recorded (CC-15). */
  childOrders(): string[] {
    return this.chain().headquarters.continuity.all().flatMap((e) => e.events.filter((v) => v.childOrder !== null).map((v) => childOrderId(e.enrolmentId, v.event)));
  }

  /** Every call-center order headquarters may hold: released ones and recorded child orders. */
  expectedOrderIds(): Set<string> {
    return new Set([...this.released.keys(), ...this.childOrders()]);
  }

  private bump(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  private takeOrder(step: Extract<CallCenterStep, { t: 'cc' }>): void {
    const lines = step.club ? [...step.lines, { productId: 'P-CLUB', quantity: 1, place: step.lines[0]!.place }] : step.lines;
    this.cards += 1;
    const cardToken = `tok-cc-${this.cards}`;
    const agent = AGENTS[step.agent]!;
    if (step.via === 'submit') {
      this.submitted += 1;
      const orderId = `CCS-${String(this.submitted).padStart(6, '0')}`;
      const order = {
        orderId, callCenterId: 'CC1', enteredBy: agent, customerId: 'C-ANNA', header: { modeCode: 'STD' },
        // CC-15: the club is billed by its child orders: the order bills nothing for it (its whole amount off).
        lines: lines.map((l, i) => ({
          lineId: `${orderId}-${i + 1}`, productId: l.productId, quantity: l.quantity, unitPrice: PRICES[l.productId]!, ...PLACES[l.place]!,
          ...(l.productId === 'P-CLUB' ? { discount: l.quantity * PRICES[l.productId]! } : {}),
        })),
        payments: [{ paymentId: `${orderId}-P1`, method: 'CARD', amount: lines.reduce((n, l) => n + (l.productId === 'P-CLUB' ? 0 : l.quantity * PRICES[l.productId]!), 0), status: 'Authorized' as const, cardToken }],
      };
      if (this.exec({ type: 'callCenter.submitOrder', order }, 'call center submit').ok) this.release(orderId, step);
      return;
    }
    const started = this.exec({ type: 'callCenter.startOrder', operatorId: agent, customerId: 'C-ANNA' }, 'desk');
    if (!started.ok) return;
    const orderId = started.result.orderId as string;
    const desk = (command: Record<string, unknown>, by: string = agent) => this.exec({ ...command, operatorId: by, orderId } as ChainInput, 'desk');
    const entered = desk({ type: 'callCenter.setHeader', modeCode: 'STD', ...(step.sourceCode ? { sourceCode: 'SPRING' } : {}) }).ok
      && lines.every((l) => desk({ type: 'callCenter.addLine', productId: l.productId, quantity: l.quantity, ...PLACES[l.place]! }).ok);
    if (!entered) return void desk({ type: 'callCenter.cancel' });
    // CC-13: a one-time coupon already redeemed is refused; the order goes on without it.
    if (step.coupon) desk({ type: 'callCenter.enterCoupon', couponCode: 'SAVE10' });
    if (!desk({ type: 'callCenter.complete' }).ok || !desk({ type: 'callCenter.addPayment', methodId: 'CARD', percent: 10_000, cardToken }).ok) return void desk({ type: 'callCenter.cancel' });
    if (step.via === 'desk') {
      const submitted = desk({ type: 'callCenter.submit' });
      if (submitted.ok && submitted.result.released === true) this.release(orderId, step);
      return;
    }
    // CC-16..CC-19: held on the summary, checked out by the agent, taken over and cleared by the supervisor.
    const held = desk({ type: 'callCenter.hold', notes: 'the customer asked us to wait' });
    if (!held.ok) return;
    const holdId = held.result.holdId as string;
    desk({ type: 'callCenter.checkOutHold', holdId });
    if (!desk({ type: 'callCenter.overrideHold', holdId }, 'supervisor1').ok) return;
    const cleared = desk({ type: 'callCenter.clearHold', holdId, variant: 'submitWhenCleared' }, 'supervisor1');
    if (cleared.ok && cleared.result.released === true) this.release(orderId, step);
  }

  private release(orderId: string, step: Extract<CallCenterStep, { t: 'cc' }>): void {
    this.released.set(orderId, step.via);
    this.bump(`released (${step.via})`);
    if (step.club) this.bump('memberships sold');
  }

  private fulfil(step: Extract<CallCenterStep, { t: 'ccFulfil' }>): void {
    const chain = this.chain();
    const atStores = new Set(chain.orderIds());
    const pool = [...this.expectedOrderIds()].filter((id) => atStores.has(id));
    if (pool.length === 0) return;
    const view = chain.orderView(pool[step.pick % pool.length]!);
    const left = (l: (typeof view.lines)[number]) => l.quantity - l.progress.invoiced - l.progress.rejected;
    // A warehouse line nobody has started on: picked and packed are the units on their way.
    const open = view.lines.filter((l) => left(l) > 0 && (step.op === 'pickup'
      ? l.delivery.kind === 'pickup'
      : l.delivery.kind === 'ship' && l.delivery.locationId === 'W1' && l.progress.accepted && l.progress.picked === 0 && l.progress.packed === 0));
    const line = open[step.pick % Math.max(open.length, 1)];
    if (line === undefined) return;
    const quantity = left(line);
    if (step.op === 'ship' ? this.ship(view.orderId, line.lineId, quantity) : this.pickUp(view.orderId, line.lineId, quantity, line.delivery.locationId)) {
      const lines = this.invoiced.get(view.orderId) ?? new Map<string, number>();
      lines.set(line.lineId, (lines.get(line.lineId) ?? 0) + quantity);
      this.invoiced.set(view.orderId, lines);
      this.bump(step.op === 'ship' ? 'shipped from the warehouse' : 'picked up at a till');
    }
  }

  /** CC-21: the pickup store's till hands the line over (whatever is due paid in cash). */
  private pickUp(orderId: string, lineId: string, quantity: number, storeId: string): boolean {
    const registerId = PICKUP_REGISTER[storeId]!;
    const recalled = this.exec({ type: 'register.recallOrder', registerId, orderId, purpose: 'pickup', lines: [{ lineId, quantity }] }, 'call-center pickup');
    if (!recalled.ok) return false;
    const due = this.chain().registerView(registerId).due;
    const tendered = this.exec({ type: 'register.tender', registerId, method: 'cash', amount: due }, 'call-center pickup tender');
    if (tendered.ok && tendered.result.completed === true) return true;
    if (this.chain().registerView(registerId).transaction !== null) this.exec({ type: 'register.void', registerId }, 'call-center pickup');
    return false;
  }

  /** The warehouse picks, packs and ships the line (FF-3..FF-5): its invoice is the owning store's order update. */
  private ship(orderId: string, lineId: string, quantity: number): boolean {
    const lines = [{ lineId, quantity }];
    return this.exec({ type: 'fulfillment.pick', ...WAREHOUSE_STAFF, lines: [{ orderId, lineId, quantity }] }, 'call-center shipment').ok
      && this.exec({ type: 'fulfillment.pack', ...WAREHOUSE_STAFF, orderId, lines }, 'call-center shipment').ok
      && this.exec({ type: 'fulfillment.ship', ...WAREHOUSE_STAFF, orderId, lines }, 'call-center shipment').ok;
  }

  /** CC-2 / CC-15 / SY-3 after the heal (see the file's comment); each problem in a line. */
  check(): string[] {
    const chain = this.chain();
    const office = chain.backOffice();
    const problems: string[] = [];
    const atStores = new Set(chain.orderIds());
    for (const orderId of this.expectedOrderIds()) {
      const how = this.released.get(orderId) ?? 'continuity child order';
      const where = `call-center order ${orderId} (${how})`;
      const salesOrder = salesOrderOf(office, orderId);
      if (salesOrder === undefined) {
        problems.push(`${where} is missing at headquarters`);
        continue;
      }
      if (!atStores.has(orderId)) {
        problems.push(`${where} never reached its store ${salesOrder.storeId}`);
        continue;
      }
      const view = chain.orderView(orderId);
      if (view.origin !== 'callCenter') problems.push(`${where}: the store holds it with origin ${view.origin}`);
      if (view.salesOrderId !== salesOrder.salesOrderId) problems.push(`${where}: the store knows it as ${view.salesOrderId}, headquarters as ${salesOrder.salesOrderId}`);
      const invoiced = this.invoiced.get(orderId) ?? new Map<string, number>();
      for (const line of salesOrder.order.lines) {
        if (line.invoiced !== (invoiced.get(line.lineId) ?? 0)) problems.push(`${where}: headquarters has ${line.invoiced} of line ${line.lineId} invoiced, the schedule fulfilled ${invoiced.get(line.lineId) ?? 0}`);
      }
      const latest = orderSummary(view, lifecycleOf(view.state as never, view));
      if (JSON.stringify(salesOrder.order) !== JSON.stringify(latest)) {
        problems.push(`${where}: headquarters' sales order ${JSON.stringify(salesOrder.order)} is not the store's latest state ${JSON.stringify(latest)}`);
      }
    }
    // Each open line on its location's fulfilment list once (a package applied twice would list it twice).
    const listed = new Map<string, number>();
    for (const locationId of ['W1', 'S1', 'S2']) {
      for (const l of chain.fulfillmentView(locationId).lines) listed.set(`${l.orderId}/${l.lineId}`, (listed.get(`${l.orderId}/${l.lineId}`) ?? 0) + 1);
    }
    for (const [line, n] of listed) if (n > 1) problems.push(`line ${line} is on the fulfilment lists ${n} times`);
    // CC-15: the heal ran the batches, so every paid event now due has its child order.
    const today = calendarDay(chain.now);
    for (const enrolment of chain.headquarters.continuity.all()) {
      if (enrolment.cancelled !== null) continue;
      for (const e of enrolment.events) {
        if (e.date <= today && e.payment.status === 'authorised' && e.childOrder === null) problems.push(`enrolment ${enrolment.enrolmentId}: event ${e.event} (due ${e.date}) is paid but has no child order`);
        if (e.date <= today && e.payment.status === 'pending') problems.push(`enrolment ${enrolment.enrolmentId}: event ${e.event} (due ${e.date}) was never charged`);
      }
    }
    return problems;
  }
}
