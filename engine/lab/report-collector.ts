/**
 * Collects a replay's lab report as it runs: created on the chain before the first step, it follows what each
 * command changed (the chain's change and accepted-command listeners) and each step's outcome, and keeps only what
 * the figures need: per store and hour the money and counts, per location the open lines and the stage times of
 * lines still open, duration sketches (duration-sketch.ts), per store its queue depth. Nothing grows with the number
 * of steps but the hours of the run.
 *
 * Where the figures come from:
 * - orders: each customer order placed, at the till or by a quote's approval (CO-9), to the order's store;
 * - sales: a cash-and-carry receipt's total when it is made; an order's invoices (carry-out at the till, shipped,
 *   picked up) as they are made, to the order's store;
 * - deposits: what a till's prepayment adds to the deposits an order holds (a carry-out line paid at the same time
 *   is invoiced at once, so it is a sale, not a deposit); balances captured: the card capture on shipping and the
 *   tender at pickup; cancellation charges: the charge an order's cancellation keeps; deposits refunded: refunds of
 *   deposits (a cancellation, an edit that lowers the deposit);
 * - returns and refunds: each return order (RT-4) and the amount it pays back;
 * - lead times: a line's moments at its location (arrived pending, accepted, picked, packed, shipped or picked up);
 * - sync lag: each channel transaction's first arrival at headquarters (SY-3) minus when the store queued it.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { AcceptedEntry, Chain, ChainChange } from '../chain.ts';
import { lifecycleOf, type CustomerOrderContext } from '../domain/customer-order.ts';
import type { FulfillmentGroupContext, FulfillmentLine } from '../domain/fulfillment-group.ts';
import { storeLineStatus, type LineProgress } from '../domain/fulfillment.ts';
import type { OutboundItem } from '../domain/channel-transactions.ts';
import { unappliedPrepayment } from '../domain/payments.ts';
import { lineNet } from '../domain/sales.ts';
import type { StoreChange } from '../store-engine.ts';
import { salesOfficeFigures } from '../report-sales.ts';
import { DurationSketch } from './duration-sketch.ts';
import {
  emptyFigures, LAB_REPORT_FORMAT, LAB_REPORT_VERSION, STAGES, STORE_FIGURES,
  type HourlyGauge, type LabReport, type Stage, type StageTimes, type StoreFigure, type StoreFigures,
} from './lab-report.ts';
import type { StepObserver, StepOutcome } from './step.ts';

export const HOUR = 3_600_000;
/** Products listed in the report, by revenue. */
export const TOP_PRODUCTS = 10;

const hourOf = (at: number) => Math.floor(at / HOUR) * HOUR;

/** What the report says about the run besides what the chain did. */
export interface RunDescription { name: string; seed: number; overrides?: Record<string, unknown> | undefined }

export interface ReportCollector {
  /** Hand each step's outcome here (a StepObserver). */
  observe: StepObserver;
  /** The report of the run so far; the collector stops following the chain. */
  finish(): LabReport;
}

/** A level over time (open lines, queue depth): its value at the end of each hour and the most it reached within it. */
class HourlyGaugeSeries {
  private readonly hours = new Map<number, { end: number; peak: number }>();
  constructor(private readonly initial: number, private current = initial) {}

  get value(): number { return this.current; }

  set(at: number, value: number): void {
    const hour = hourOf(at);
    let entry = this.hours.get(hour);
    if (entry === undefined) this.hours.set(hour, (entry = { end: this.current, peak: this.current }));
    this.current = value;
    entry.end = value;
    entry.peak = Math.max(entry.peak, value);
  }

  /** Aligned with `hours`; an hour with no change carries the level in. */
  read(hours: readonly number[]): HourlyGauge {
    const gauge: HourlyGauge = { end: [], peak: [] };
    let carried = this.initial;
    for (const hour of hours) {
      const entry = this.hours.get(hour);
      if (entry !== undefined) carried = entry.end;
      gauge.end.push(entry?.end ?? carried);
      gauge.peak.push(entry?.peak ?? carried);
    }
    return gauge;
  }
}

/** When a line at a location reached each moment (null: not yet, or before the collector started). */
interface LineMoments { pendingSince: number | null; accepted: number | null; picked: number | null; packed: number | null; kind: 'ship' | 'pickup' }

interface LocationTrack { lines: Map<string, LineMoments>; open: HourlyGaugeSeries; stages: Map<Stage, DurationSketch> }
interface StoreTrack { hourly: Map<number, StoreFigures>; queue: HourlyGaugeSeries; lag: DurationSketch; received: Map<number, number> }

const lineKey = (orderId: string, lineId: string) => `${orderId}\u0000${lineId}`;
/** Units the line still has to deliver: those not rejected. */
const activeUnits = (p: LineProgress) => p.quantity - p.rejected;
const isOpen = (p: LineProgress) => { const status = storeLineStatus(p); return status !== 'Invoiced' && status !== 'Rejected'; };
const linesOf = (snapshot: AnyMachineSnapshot | undefined, orderId: string): readonly FulfillmentLine[] =>
  snapshot === undefined ? [] : (snapshot.context as FulfillmentGroupContext).lines.get(orderId) ?? [];

export function createReportCollector(chain: Chain, run: RunDescription): ReportCollector {
  const config = chain.catalog.config;
  const startedAt = chain.now;
  const steps = { total: 0, accepted: 0, refused: 0 };
  const refusals = new Map<string, { count: number; example: { step: number; command: string; message: string } }>();
  const products = new Map<string, { quantity: number; revenue: number }>();

  const stores = new Map<string, StoreTrack>(config.stores.map((store) => [store.id, {
    hourly: new Map(), queue: new HourlyGaugeSeries(chain.store.parts.outbound.size(store.id)), lag: new DurationSketch(), received: new Map(),
  }]));
  const locations = new Map<string, LocationTrack>();
  for (const location of config.locations) {
    const lines = new Map<string, LineMoments>();
    let open = 0;
    // Lines already open when the collector starts: counted in the backlog, their moments so far unknown.
    const snapshot = chain.store.parts.actors.snapshot('fulfillment', location.id);
    for (const line of snapshot === undefined ? [] : [...(snapshot.context as FulfillmentGroupContext).lines.values()].flat()) {
      if (isOpen(line.progress)) open += 1;
      lines.set(lineKey(line.orderId, line.lineId), { pendingSince: null, accepted: null, picked: null, packed: null, kind: line.kind });
    }
    locations.set(location.id, { lines, open: new HourlyGaugeSeries(open), stages: new Map() });
  }

  let finished = false;

  function add(storeId: string, at: number, figure: StoreFigure, by: number): void {
    const store = stores.get(storeId);
    if (store === undefined || by === 0) return;
    const hour = hourOf(at);
    let figures = store.hourly.get(hour);
    if (figures === undefined) store.hourly.set(hour, (figures = emptyFigures()));
    figures[figure] += by;
  }

  function sold(productId: string, quantity: number, revenue: number): void {
    const product = products.get(productId) ?? { quantity: 0, revenue: 0 };
    product.quantity += quantity;
    product.revenue += revenue;
    products.set(productId, product);
  }

  function measure(locationId: string, stage: Stage, from: number | null, to: number): void {
    if (from === null) return;
    const { stages } = locations.get(locationId)!;
    let sketch = stages.get(stage);
    if (sketch === undefined) stages.set(stage, (sketch = new DurationSketch()));
    sketch.add(to - from);
  }

  /** An order as it was and is: placed (a new order, or a quote approved: CO-9), its sales, payments, cancellation. */
  function orderChanged(was: AnyMachineSnapshot | undefined, is: AnyMachineSnapshot, at: number): void {
    const before = was?.context as CustomerOrderContext | undefined;
    const after = is.context as CustomerOrderContext;
    const storeId = after.storeId;
    const placed = (snapshot: AnyMachineSnapshot | undefined) => snapshot !== undefined && lifecycleOf(snapshot.value as string, snapshot.context as CustomerOrderContext) === 'order';
    if (!placed(was) && placed(is)) add(storeId, at, 'orders', 1);
    const invoicedBefore = new Set(before?.invoices.map((i) => i.invoiceId));
    for (const invoice of after.invoices) {
      if (invoicedBefore.has(invoice.invoiceId)) continue;
      add(storeId, at, 'sales', invoice.total);
      for (const line of invoice.lines) {
        const productId = after.lines.find((l) => l.lineId === line.lineId)?.productId;
        if (productId !== undefined) sold(productId, line.quantity, line.net);
      }
    }
    const paidBefore = new Set(before?.payments.map((p) => p.paymentId));
    let prepaid = false;
    for (const payment of after.payments) {
      if (paidBefore.has(payment.paymentId)) continue;
      if (payment.kind === 'prepayment') prepaid = true;
      else if (payment.kind === 'capture' || payment.kind === 'pickup') add(storeId, at, 'balancesCaptured', payment.amount);
      else if (payment.kind === 'refund') add(storeId, at, 'depositsRefunded', -payment.amount);
    }
    if (prepaid) {
      const held = (order: CustomerOrderContext | undefined) => (order === undefined ? 0 : unappliedPrepayment(order.payments, order.invoices));
      add(storeId, at, 'deposits', Math.max(0, held(after) - held(before)));
    }
    if (before?.cancellation == null && after.cancellation !== null) {
      add(storeId, at, 'cancellations', 1);
      add(storeId, at, 'cancellationCharges', after.cancellation.charge);
    }
  }

  /**
   * A line at a location as it is now (undefined: it left), and the moments it reached. A moment counts when the line
   * reached it before being delivered: a line handed over without being picked on the fulfilment screen has no
   * picked moment. Pickup lines are never packed.
   */
  function lineChanged(locationId: string, track: LocationTrack, orderId: string, lineId: string, line: FulfillmentLine | undefined, at: number): void {
    const key = lineKey(orderId, lineId);
    let moments = track.lines.get(key);
    // A line leaves when fully invoiced (shipped or picked up), or with its order's cancellation or an edit: the
    // order's own line says which.
    const p = line?.progress ?? orderLineProgress(orderId, lineId);
    if (line === undefined) track.lines.delete(key);
    if (p === undefined || activeUnits(p) <= 0) return;
    if (moments === undefined) {
      if (line === undefined) return;
      track.lines.set(key, (moments = { pendingSince: p.accepted ? null : at, accepted: p.accepted ? at : null, picked: null, packed: null, kind: line.kind }));
    }
    const active = activeUnits(p);
    const delivering = p.invoiced >= active;
    if (p.accepted && moments.accepted === null) {
      moments.accepted = at;
      measure(locationId, 'accept', moments.pendingSince, at);
    }
    if (!delivering && moments.picked === null && p.picked + p.packed + p.invoiced >= active) {
      moments.picked = at;
      measure(locationId, 'pick', moments.accepted, at);
    }
    if (!delivering && moments.kind === 'ship' && moments.packed === null && p.packed + p.invoiced >= active) {
      moments.packed = at;
      measure(locationId, 'pack', moments.picked, at);
    }
    if (delivering) {
      delivered(locationId, moments, at);
      track.lines.delete(key);
    }
  }

  function orderLineProgress(orderId: string, lineId: string): LineProgress | undefined {
    const order = chain.store.parts.actors.snapshot('order', orderId)?.context as CustomerOrderContext | undefined;
    return order?.lines.find((l) => l.lineId === lineId)?.progress;
  }

  function delivered(locationId: string, moments: LineMoments, at: number): void {
    const ready = moments.packed ?? moments.picked;
    if (moments.kind === 'ship') {
      measure(locationId, 'ship', ready, at);
      measure(locationId, 'acceptedToShipped', moments.accepted, at);
    } else {
      measure(locationId, 'pickup', ready, at);
      measure(locationId, 'acceptedToPickedUp', moments.accepted, at);
    }
  }

  function locationChanged(locationId: string, before: AnyMachineSnapshot | undefined, after: AnyMachineSnapshot | undefined, orderIds: Iterable<string>, at: number): void {
    const track = locations.get(locationId);
    if (track === undefined) return;
    let open = track.open.value;
    for (const orderId of orderIds) {
      const was = linesOf(before, orderId);
      const is = linesOf(after, orderId);
      for (const line of was) if (isOpen(line.progress)) open -= 1;
      for (const line of is) if (isOpen(line.progress)) open += 1;
      const now = new Map(is.map((line) => [line.lineId, line]));
      for (const line of was) if (!now.has(line.lineId)) lineChanged(locationId, track, orderId, line.lineId, undefined, at);
      for (const line of is) lineChanged(locationId, track, orderId, line.lineId, line, at);
    }
    if (open !== track.open.value) track.open.set(at, open);
  }

  function storeChanged(change: StoreChange): void {
    const at = chain.store.clock.now;
    for (const { kind, id, before, after } of change.actors) {
      if (before === after || after === undefined) continue;
      if (kind === 'order') orderChanged(before, after, at);
      else if (kind === 'fulfillment') locationChanged(id, before, after, change.locations.get(id)?.orderIds ?? [], at);
    }
    // A receipt comes with no returns; later versions of it only add returns (as the chain's own tally counts).
    for (const receipt of change.receipts) {
      if (receipt.returns.length > 0) continue;
      add(receipt.storeId, at, 'sales', receipt.total);
      add(receipt.storeId, at, 'receipts', 1);
      for (const line of receipt.lines) sold(line.productId, line.quantity, lineNet(line));
    }
    for (const returnOrder of change.returnOrders) {
      add(returnOrder.storeId, at, 'returns', 1);
      add(returnOrder.storeId, at, 'refunds', -returnOrder.record.total);
    }
    for (const storeId of change.queues) stores.get(storeId)?.queue.set(at, chain.store.parts.outbound.size(storeId));
  }

  /** Keys that arrived at headquarters at the current instant: a duplicate delivered at the same moment is not new. */
  let arrivals = { at: Number.NaN, keys: new Set<string>() };

  function uploadReceived(entry: AcceptedEntry): void {
    const command = entry.command as { type?: string; storeId?: string; items?: OutboundItem[] };
    if (command.type !== 'headquarters.receiveUpload' || command.storeId === undefined) return;
    const store = stores.get(command.storeId);
    if (store === undefined) return;
    if (arrivals.at !== entry.at) arrivals = { at: entry.at, keys: new Set() };
    const staged = chain.headquarters.office.staged;
    for (const item of command.items ?? []) {
      // First arrival: headquarters staged it by this very command.
      if (staged[item.key]?.receivedAt !== entry.at || arrivals.keys.has(item.key)) continue;
      arrivals.keys.add(item.key);
      store.lag.add(entry.at - item.at);
      const hour = hourOf(entry.at);
      store.received.set(hour, (store.received.get(hour) ?? 0) + 1);
    }
  }

  chain.onChange((change: ChainChange) => {
    if (!finished && change.engine === 'store') storeChanged(change);
  });
  chain.onAccepted((entry) => {
    if (!finished && entry.engine === 'headquarters') uploadReceived(entry);
  });

  function observe(outcome: StepOutcome): void {
    steps.total += 1;
    if (outcome.result.ok) {
      steps.accepted += 1;
      return;
    }
    steps.refused += 1;
    const { rule, message } = outcome.result.error;
    const refusal = refusals.get(rule);
    if (refusal === undefined) refusals.set(rule, { count: 1, example: { step: outcome.index, command: outcome.command.type, message } });
    else refusal.count += 1;
  }

  function finish(): LabReport {
    finished = true;
    const endedAt = chain.now;
    const hours: number[] = [];
    for (let hour = hourOf(startedAt); hour <= hourOf(endedAt); hour += HOUR) hours.push(hour);
    const totals = emptyFigures();
    const byStore: LabReport['byStore'] = {};
    for (const [storeId, store] of stores) {
      const storeTotals = emptyFigures();
      const hourly = hours.map((hour) => ({ ...(store.hourly.get(hour) ?? emptyFigures()) }));
      for (const figures of hourly) for (const f of STORE_FIGURES) storeTotals[f] += figures[f];
      for (const f of STORE_FIGURES) totals[f] += storeTotals[f];
      byStore[storeId] = { totals: storeTotals, hourly };
    }
    const all = new Map<Stage, DurationSketch>();
    const byLocation: Record<string, StageTimes> = {};
    const backlog: LabReport['backlog'] = {};
    for (const [locationId, track] of locations) {
      byLocation[locationId] = stageTimes(track.stages);
      backlog[locationId] = track.open.read(hours);
      for (const [stage, sketch] of track.stages) {
        if (!all.has(stage)) all.set(stage, new DurationSketch());
        all.get(stage)!.merge(sketch);
      }
    }
    const names = new Map(config.products.map((p) => [p.id, p.name]));
    const salesOffice = salesOfficeFigures(chain.headquarters.salesOffice);
    return {
      format: LAB_REPORT_FORMAT,
      version: LAB_REPORT_VERSION,
      scenario: { name: run.name, seed: run.seed, ...(run.overrides === undefined ? {} : { overrides: run.overrides }) },
      currency: config.currency,
      period: { from: new Date(startedAt).toISOString(), to: new Date(endedAt).toISOString() },
      steps: { ...steps },
      hours: hours.map((hour) => new Date(hour).toISOString()),
      stores: config.stores.map((store) => ({ id: store.id, name: store.name })),
      locations: config.locations.map((location) => ({ id: location.id, name: location.name, kind: location.kind })),
      totals,
      byStore,
      leadTimes: { all: stageTimes(all), byLocation },
      backlog,
      sync: Object.fromEntries([...stores].map(([storeId, store]) => [storeId, {
        lag: store.lag.summary(), received: hours.map((hour) => store.received.get(hour) ?? 0), queueDepth: store.queue.read(hours),
      }])),
      refusals: [...refusals].map(([rule, r]) => ({ rule, count: r.count, example: { ...r.example } })).sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1)),
      topProducts: [...products]
        .map(([productId, p]) => ({ productId, name: names.get(productId) ?? productId, quantity: p.quantity, revenue: p.revenue }))
        .sort((a, b) => b.revenue - a.revenue || b.quantity - a.quantity || (a.productId < b.productId ? -1 : 1))
        .slice(0, TOP_PRODUCTS),
      ...(salesOffice === null ? {} : { salesOffice }),
    };
  }

  return { observe, finish };
}

function stageTimes(stages: ReadonlyMap<Stage, DurationSketch>): StageTimes {
  const times: StageTimes = {};
  for (const stage of STAGES) {
    const summary = stages.get(stage)?.summary();
    if (summary != null) times[stage] = summary;
  }
  return times;
}
