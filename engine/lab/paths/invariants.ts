/**
 * Engine-wide invariants checked after every step of every path (quantities, header status, money, order vs
 * fulfilment location consistency, on-hand inventory).
 */
import { isDeepStrictEqual } from 'node:util';
import type { StateValue } from 'xstate';
import type { Chain } from '../../chain.ts';
import type { Catalog } from '../../domain/catalog.ts';
import { productQuantities, type LineProgress } from '../../domain/fulfillment.ts';
import { sumMinor } from '../../domain/money.ts';
import { fail } from './failure.ts';


type Header = 'Quote' | 'Open' | 'PartiallyPicked' | 'Picked' | 'PartiallyDelivered' | 'Delivered' | 'PartiallyInvoiced' | 'Invoiced' | 'Rejected' | 'Cancelled';

/** FF-8 recomputed here from the buckets (not with the engine's function). */
export function expectedHeaderStatus(stateValue: StateValue, createdAs: 'customerOrder' | 'quote', lines: readonly LineProgress[]): Header {
  const top = typeof stateValue === 'string' ? stateValue : Object.keys(stateValue)[0];
  if (top === 'cancelled') return 'Cancelled';
  // A quote waiting for headquarters (SY-2) is still a quote.
  if (top === 'quote' || (top === 'awaitingHeadquarters' && createdAs === 'quote')) return 'Quote';
  const stages: { rank: number; full: boolean }[] = [];
  for (const p of lines) {
    const active = p.quantity - p.rejected;
    if (active === 0) continue; // rejected in full: left out
    if (p.invoiced > 0) stages.push({ rank: 3, full: p.invoiced === active });
    else if (p.packed > 0) stages.push({ rank: 2, full: p.packed === active });
    else if (p.picked > 0) stages.push({ rank: 1, full: p.picked === active });
    else stages.push({ rank: 0, full: true });
  }
  if (stages.length === 0) return 'Rejected';
  const rank = Math.max(...stages.map((s) => s.rank));
  const full = stages.every((s) => s.rank === rank && s.full);
  const names: [Header, Header][] = [['Open', 'Open'], ['Picked', 'PartiallyPicked'], ['Delivered', 'PartiallyDelivered'], ['Invoiced', 'PartiallyInvoiced']];
  return names[rank]![full ? 0 : 1];
}

export interface InvariantOptions {
  /** On hand per location and product when the engine was created. */
  initialOnHand: Record<string, Record<string, number>>;
  /** Names of invariants not to check (none by default). */
  skip?: ReadonlySet<string>;
}

/** On hand per location and product as configured (before any command). */
export function initialOnHand(catalog: Catalog): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const location of catalog.config.locations) out[location.id] = {};
  for (const item of catalog.config.inventory) out[item.locationId]![item.productId] = item.onHand;
  return out;
}

const stateTop = (value: StateValue): string => (typeof value === 'string' ? value : Object.keys(value)[0]!);

/**
 * Every invariant that must hold after any accepted command. Returns the violations as "NAME: detail".
 * Names: QTY (buckets), HDR (header status), DONE (completed iff fully invoiced), PAY (payments sum), DOC (invoice
 * and return documents match the buckets), MONEY (paid vs invoiced vs totals), QUOTE (a quote holds no payment),
 * LOC (an order line and its fulfilment location agree), ONHAND (on hand moves only with issued units).
 */
export function engineInvariants(engine: Chain, options: InvariantOptions): string[] {
  const problems: string[] = [];
  const skip = options.skip ?? new Set<string>();
  const report = (name: string, detail: string) => { if (!skip.has(name)) problems.push(`${name}: ${detail}`); };
  const catalog: Catalog = engine.catalog;
  const locations = catalog.config.locations.map((l) => l.id);
  const listed = new Map(locations.map((id) => [id, engine.fulfillmentView(id)]));
  const issued: Record<string, Record<string, number>> = Object.fromEntries(locations.map((id) => [id, {}]));
  const orderLines = new Map<string, { kind: string; productId: string; locationId: string; cancelled: boolean }>();
  const addIssued = (locationId: string, productId: string, units: number) => {
    const byProduct = issued[locationId] ?? (issued[locationId] = {});
    byProduct[productId] = (byProduct[productId] ?? 0) + units;
  };
  const shelfOf = (storeId: string) => catalog.stores.get(storeId)!.locationId;
  for (const receiptId of engine.receiptIds()) {
    const receipt = engine.receipt(receiptId)!;
    for (const line of receipt.lines) addIssued(shelfOf(receipt.storeId), line.productId, line.quantity);
  }
  for (const returnOrder of engine.allReturnOrders()) {
    const { original } = returnOrder;
    const sold = original.kind === 'order' ? engine.orderView(original.id) : engine.receipt(original.id)!;
    for (const { productId, quantity } of productQuantities(sold, returnOrder.record.lines)) addIssued(shelfOf(returnOrder.storeId), productId, -quantity);
  }

  for (const orderId of engine.orderIds()) {
    const order = engine.orderView(orderId);
    const top = stateTop(order.state as StateValue);
    const cancelled = top === 'cancelled';
    for (const line of order.lines) {
      const p = line.progress;
      const where = `${orderId}/${line.lineId}`;
      const buckets = { quantity: p.quantity, picked: p.picked, packed: p.packed, invoiced: p.invoiced, rejected: p.rejected, returned: p.returned };
      for (const [name, n] of Object.entries(buckets)) {
        if (!Number.isInteger(n) || n < 0) report('QTY', `${where} ${name} = ${n}`);
      }
      if (p.quantity <= 0) report('QTY', `${where} quantity ${p.quantity}`);
      if (p.picked + p.packed + p.invoiced + p.rejected > p.quantity) report('QTY', `${where} picked+packed+invoiced+rejected ${p.picked + p.packed + p.invoiced + p.rejected} > quantity ${p.quantity}`);
      if (p.returned > p.invoiced) report('QTY', `${where} returned ${p.returned} > invoiced ${p.invoiced}`);
      if (line.delivery.kind === 'carryOut' && (p.invoiced !== p.quantity || p.picked + p.packed + p.rejected > 0)) report('QTY', `${where} carry-out line not invoiced in full: ${JSON.stringify(buckets)}`);
      // DOC: the invoices and return records of the order account for the invoiced and returned units.
      const invoicedByDocs = sumMinor(order.invoices.flatMap((i) => i.lines.filter((l) => l.lineId === line.lineId).map((l) => l.quantity)));
      if (invoicedByDocs !== p.invoiced) report('DOC', `${where} invoices hold ${invoicedByDocs} units, the line says invoiced ${p.invoiced}`);
      const returnedByDocs = sumMinor(order.returns.flatMap((r) => r.lines.filter((l) => l.lineId === line.lineId).map((l) => l.quantity)));
      if (returnedByDocs !== p.returned) report('DOC', `${where} return records hold ${returnedByDocs} units, the line says returned ${p.returned}`);
      orderLines.set(where, { kind: line.delivery.kind, productId: line.productId, locationId: line.delivery.locationId, cancelled });
      // A carry-out line's units (all invoiced) left its store's shelf at the register.
      addIssued(line.delivery.locationId, line.productId, line.delivery.kind === 'carryOut' ? p.invoiced : p.picked + p.packed + p.invoiced);
      if (line.delivery.kind !== 'carryOut') {
        // LOC: a line is listed at its location while it has units to ship/pick up or rejected units, with the same buckets.
        const row = listed.get(line.delivery.locationId)?.lines.find((l) => l.orderId === orderId && l.lineId === line.lineId);
        // An async order reaches its locations once it exists at headquarters (SY-2).
        const awaiting = top === 'awaitingHeadquarters';
        const shouldList = !cancelled && top !== 'quote' && !awaiting && (p.quantity - p.invoiced - p.rejected > 0 || p.rejected > 0);
        if (shouldList && row === undefined) report('LOC', `${where} is not listed at ${line.delivery.locationId}`);
        if (!shouldList && row !== undefined) report('LOC', `${where} is still listed at ${line.delivery.locationId} (${cancelled ? 'cancelled order' : top === 'quote' ? 'a quote' : awaiting ? 'not at headquarters yet' : 'nothing left to fulfil'})`);
        if (row !== undefined && !isDeepStrictEqual(row.progress, p)) report('LOC', `${where} order progress ${JSON.stringify(p)} != location ${line.delivery.locationId} progress ${JSON.stringify(row.progress)}`);
        if (row !== undefined && (row.kind !== line.delivery.kind || row.productId !== line.productId || row.modeCode !== line.delivery.modeCode)) report('LOC', `${where} listed as ${row.kind}/${row.modeCode}/${row.productId}, the order has ${line.delivery.kind}/${line.delivery.modeCode}/${line.productId}`);
      }
    }
    // HDR / DONE
    const header = expectedHeaderStatus(order.state as StateValue, order.createdAs, order.lines.map((l) => l.progress));
    if (order.headerStatus !== header) report('HDR', `${orderId} header ${order.headerStatus}, lines say ${header} (${JSON.stringify(order.state)})`);
    const allInvoiced = order.lines.length > 0 && order.lines.every((l) => l.progress.invoiced === l.progress.quantity);
    if (!cancelled && (top === 'completed') !== allInvoiced) report('DONE', `${orderId} is ${JSON.stringify(order.state)} but fully invoiced = ${allInvoiced}`);
    // PAY / MONEY
    const paid = sumMinor(order.payments.map((p) => p.amount));
    if (order.paid !== paid) report('PAY', `${orderId} paid ${order.paid} != sum of payments ${paid}`);
    const invoiced = sumMinor(order.invoices.map((i) => i.total));
    const returned = sumMinor(order.returns.map((r) => r.total));
    if (returned > 0 || -returned > invoiced) report('MONEY', `${orderId} returns total ${returned} against invoices ${invoiced}`);
    if (order.invoices.some((i) => i.total < 0)) report('MONEY', `${orderId} has a negative invoice`);
    if (cancelled) {
      const charge = order.cancellation?.charge ?? NaN;
      if (paid - returned - invoiced !== charge) report('MONEY', `${orderId} cancelled: paid ${paid} - returns ${returned} - invoiced ${invoiced} != cancellation charge ${charge}`);
    } else {
      if (paid - returned < invoiced) report('MONEY', `${orderId} paid ${paid} (returns ${returned}) does not cover invoiced ${invoiced}`);
      if (top === 'completed') {
        if (invoiced !== order.totals.total) report('MONEY', `${orderId} completed: invoices ${invoiced} != order total ${order.totals.total}`);
        if (paid !== order.totals.total + returned) report('MONEY', `${orderId} completed: paid ${paid} != total ${order.totals.total} + returns ${returned}`);
      }
    }
    if (order.headerStatus === 'Quote' && order.payments.length > 0) report('QUOTE', `${orderId} is a quote but holds payments ${JSON.stringify(order.payments.map((p) => p.amount))}`);
  }

  for (const [locationId, view] of listed) {
    for (const row of view.lines) {
      const line = orderLines.get(`${row.orderId}/${row.lineId}`);
      if (line === undefined) report('LOC', `${locationId} lists ${row.orderId}/${row.lineId}, which no order has`);
      else if (line.locationId !== locationId) report('LOC', `${locationId} lists ${row.orderId}/${row.lineId}, fulfilled at ${line.locationId}`);
    }
    // ONHAND: units leave the shelf when picked, packed or invoiced (FF-3) or carried out, come back when returned.
    const initial = options.initialOnHand[locationId] ?? {};
    for (const productId of new Set([...Object.keys(initial), ...Object.keys(view.onHand)])) {
      const moved = (initial[productId] ?? 0) - (view.onHand[productId] ?? 0);
      const expected = issued[locationId]?.[productId] ?? 0;
      if (moved !== expected) report('ONHAND', `${locationId} ${productId}: on hand went down by ${moved}, orders, sales and returns moved ${expected} units`);
    }
  }
  return problems;
}

export function assertInvariants(engine: Chain, options: InvariantOptions): void {
  const problems = engineInvariants(engine, options);
  if (problems.length > 0) fail(`invariants: ${problems.join('; ')}`);
}
