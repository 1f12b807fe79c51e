/**
 * What the screens read: a store's set-up for the till, order rows for recall (search and filters) and for the
 * fulfilment and pickup screens, a location's open work and one order's part of it, customer search. Pure reads
 * of the chain, scoped to a session's site, each costing what it shows (lists walk the order index newest first).
 */
import type { Chain } from '../chain.ts';
import { channelFor } from '../domain/call-center/channel.ts';
import { offeredLocations } from '../domain/catalog.ts';
import type { Collector } from '../domain/collector.ts';
import type { CustomerOrderContext } from '../domain/customer-order.ts';
import { inAddressBook, rankCustomers, type SearchScope } from '../domain/customer-search.ts';
import { listRow, type FulfillmentGroupContext, type FulfillmentLine } from '../domain/fulfillment-group.ts';
import { storeLineStatus, uninvoicedQuantity } from '../domain/fulfillment.ts';
import type { CustomerRow, LinkView, LocationAvailabilityView, LocationOrderView, LocationView, OrderRow, OrderView, Pickup, RegisterView, SessionView, StoreSetup } from '../protocol/views.ts';
import type { Session } from './sessions.ts';

/** The till's set-up: products and prices, modes and locations, codes, the customer dialog's choices. */
export function storeSetup(chain: Chain, session: Session): StoreSetup {
  const { config } = chain.catalog;
  const store = session.storeId === null ? null : chain.catalog.stores.get(session.storeId)!;
  const callCenter = channelFor(config.callCenters, session.operatorId);
  return {
    session: publicSession(session),
    roleName: chain.catalog.roles.get(session.roleId)?.name ?? session.roleId,
    store: store === null ? null : {
      id: store.id, name: store.name, locationId: store.locationId, registerIds: store.registerIds, defaultCustomerId: store.defaultCustomerId,
      warehouseId: store.warehouseId, warehouseName: chain.catalog.locations.get(store.warehouseId)!.name,
    },
    stores: [...chain.catalog.stores.values()].map((s) => ({ id: s.id, name: s.name, locationId: s.locationId })),
    locations: config.locations.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
    location: { id: session.locationId, name: chain.catalog.locations.get(session.locationId)!.name },
    currency: config.currency,
    products: config.products.map((p) => ({ id: p.id, name: p.name, price: p.price, barcodes: p.barcodes })),
    shipModes: config.modesOfDelivery.filter((m) => m.kind === 'ship').map((m) => ({ code: m.code, name: m.name })),
    // CO-3: the parameters' pickup mode first (the default), then the chain's other pickup modes.
    pickupModes: config.modesOfDelivery.filter((m) => m.kind === 'pickup')
      .sort((a, b) => Number(b.code === config.parameters.pickupMode) - Number(a.code === config.parameters.pickupMode))
      .map((m) => ({ code: m.code, name: m.name })),
    shipFrom: store === null ? [] : offeredLocations(chain.catalog, store.id, 'ship').map((id) => ({ id, name: chain.catalog.locations.get(id)!.name })),
    pickupAt: store === null ? [] : offeredLocations(chain.catalog, store.id, 'pickup').map((id) => ({ id, name: chain.catalog.locations.get(id)!.name })),
    returnReasonCodes: config.parameters.returnReasonCodes,
    chargeCodes: config.chargeCodes.map((c) => ({ code: c.code, description: c.description })),
    manualShippingChargeCode: config.parameters.useAdvancedAutoCharges ? null : config.parameters.shippingChargeCode,
    chargeReasonCodes: config.parameters.chargeReasonCodes,
    customerAttributes: config.customerAttributes,
    affiliations: config.affiliations,
    secondaryContacts: config.parameters.secondaryContacts,
    staff: config.staff.filter((s) => session.storeId !== null && s.storeIds.includes(session.storeId))
      .map((s) => ({ operatorId: s.operatorId, name: s.name, roleId: s.roleId, permissions: chain.catalog.roles.get(s.roleId)!.permissions })),
    ...(callCenter.kind === 'callCenter' ? { callCenterId: callCenter.callCenter.id } : {}),
  };
}

/** A card token as screens show it: enough to tell cards apart, not enough to charge one. */
export function maskedCardToken(token: string): string {
  return token.length <= 4 ? '••••' : `••••${token.slice(-4)}`;
}

const masked = (token: string | null): string | null => (token === null ? null : maskedCardToken(token));

/**
 * A register as its till shows it, its card tokens masked (the till charges the card on file by the order's own
 * token, server-side). The tokens sit only in the transaction and its recalled order: masking copies those two, not
 * the whole view (its receipts and shift), which every command's screen update would otherwise pay for.
 */
export function registerScreenView(chain: Chain, registerId: string): RegisterView {
  const view = chain.registerView(registerId);
  const { transaction } = view;
  if (transaction === null) return view;
  const order = transaction.order === null ? null : { ...transaction.order, cardToken: masked(transaction.order.cardToken) };
  return { ...view, transaction: { ...transaction, cardToken: masked(transaction.cardToken), order } };
}

/** An order in full, as order recall shows it, its card token masked. */
export function orderScreenView(chain: Chain, orderId: string): OrderView & { row: OrderRow } {
  const order = chain.orderView(orderId);
  return { ...order, cardToken: masked(order.cardToken), row: orderRow(chain, orderId) };
}

export function publicSession(session: Session): SessionView {
  const { id: _id, expiresAt: _expires, ...rest } = session;
  return rest;
}

/** A store's link as its screens show it. */
export function linkScreenView(chain: Chain, storeId: string): LinkView {
  return chain.linkView(storeId);
}

/** An order as a list shows it. */
export function orderRow(chain: Chain, orderId: string): OrderRow {
  const order = chain.orderView(orderId);
  const customer = chain.store.catalog.customers.get(order.customerId);
  return {
    orderId, channelReference: order.channelReference, storeId: order.storeId, customerId: order.customerId, customerName: customer?.name ?? order.customerId,
    createdAt: order.createdAt, headerStatus: order.headerStatus, paymentStatus: order.paymentStatus, total: order.totals.total, paid: order.paid,
    existsAtHeadquarters: order.existsAtHeadquarters, editedBy: order.editedBy,
    kinds: [...new Set(order.lines.map((l) => l.delivery.kind))],
    lines: order.lines.map((l) => ({
      lineId: l.lineId, productId: l.productId, productName: chain.catalog.products.get(l.productId)?.name ?? l.productId, quantity: l.quantity,
      kind: l.delivery.kind, locationId: l.delivery.locationId, status: l.delivery.kind === 'carryOut' ? 'Invoiced' : storeLineStatus(l.progress), invoiced: l.progress.invoiced, uninvoiced: uninvoicedQuantity(l.progress),
    })),
  };
}

function orderContext(chain: Chain, orderId: string): CustomerOrderContext {
  return chain.store.parts.actors.snapshot('order', orderId)!.context;
}

/** Whether the session's site has anything to do with the order (it sold it, or fulfils a line of it). */
export function inScope(chain: Chain, session: Session, orderId: string): boolean {
  if (!chain.hasOrder(orderId)) return false;
  const order = orderContext(chain, orderId);
  return order.storeId === session.storeId || order.lines.some((l) => l.delivery.kind !== 'carryOut' && l.delivery.locationId === session.locationId);
}

export interface OrderFilter { q?: string | undefined; status?: string | undefined; kind?: string | undefined; limit?: number | undefined }

/** The session's candidate orders, newest first: its store's, then those with lines at its location, without repeats. */
function* candidates(chain: Chain, session: Session): Generator<string> {
  const index = chain.store.parts.orders;
  const seen = new Set<string>();
  const lists = [session.storeId === null ? [] : index.ofStore(session.storeId), index.atLocation(session.locationId)];
  const at = lists.map((list) => list.length - 1);
  const createdAt = (orderId: string) => orderContext(chain, orderId).createdAt;
  for (;;) {
    // Merge the two lists (each in the order orders were made) from their newest ends.
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i]! < 0) continue;
      if (pick === -1 || createdAt(lists[i]![at[i]!]!) > createdAt(lists[pick]![at[pick]!]!)) pick = i;
    }
    if (pick === -1) return;
    const orderId = lists[pick]![at[pick]!]!;
    at[pick]! -= 1;
    if (seen.has(orderId)) continue;
    seen.add(orderId);
    yield orderId;
  }
}

/** CO-10 recall: the site's orders, newest first, by text (order, confirmation number, customer), status and delivery. */
export function findOrders(chain: Chain, session: Session, filter: OrderFilter): OrderRow[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  const limit = filter.limit ?? 100;
  const rows: OrderRow[] = [];
  for (const orderId of candidates(chain, session)) {
    if (!inScope(chain, session, orderId)) continue;
    const row = orderRow(chain, orderId);
    if (filter.status !== undefined && row.headerStatus !== filter.status) continue;
    if (filter.kind !== undefined && !row.kinds.includes(filter.kind)) continue;
    if (q !== '' && ![row.orderId, row.channelReference, row.customerName, row.customerId].some((text) => text.toLowerCase().includes(q))) continue;
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}

/** CO-17: the locations the register's store offers for `purpose`, each with what it has of the cart's lines. */
export function availabilityScreenView(chain: Chain, registerId: string, purpose: 'ship' | 'pickup', lineIds?: readonly string[]): LocationAvailabilityView[] {
  return chain.availabilityView(registerId, purpose, lineIds).map((l) => ({ ...l, name: chain.catalog.locations.get(l.locationId)!.name }));
}

/** FF-6: an order's pickup entry at a store from its lines there: units still to hand over, ready once all are picked, who collects (CO-15). */
export function pickupOf(orderId: string, lines: readonly FulfillmentLine[]): Pickup | null {
  let units = 0;
  let ready = true;
  let collector: Collector | null = null;
  for (const line of lines) {
    if (line.kind !== 'pickup') continue;
    const waiting = uninvoicedQuantity(line.progress);
    if (waiting === 0) continue;
    units += waiting;
    ready &&= line.progress.picked >= waiting;
    collector ??= line.collector ?? null;
  }
  return units === 0 ? null : { orderId, ready, units, collector };
}

function locationContext(chain: Chain, locationId: string): FulfillmentGroupContext {
  const snapshot = chain.store.parts.actors.snapshot('fulfillment', locationId);
  if (snapshot === undefined) throw new RangeError(`unknown location ${locationId}`);
  return snapshot.context;
}

/** A location's open work: its lines, on hand, pickups waiting and the rows of the orders it has lines of. */
export function locationView(chain: Chain, locationId: string): LocationView {
  const context = locationContext(chain, locationId);
  const view: LocationView = { lines: [], onHand: context.onHand.toJSON(), pickups: [], orders: [] };
  for (const [orderId, lines] of context.lines) {
    view.lines.push(...lines.map(listRow));
    const pickup = pickupOf(orderId, lines);
    if (pickup !== null) view.pickups.push(pickup);
    view.orders.push(orderRow(chain, orderId));
  }
  return view;
}

/** One order's part of a location's open work: its lines there now (none: it left), its pickup entry, its row. */
export function locationOrderView(chain: Chain, locationId: string, orderId: string): LocationOrderView {
  const lines = locationContext(chain, locationId).lines.get(orderId) ?? [];
  return { lines: lines.map(listRow), pickup: pickupOf(orderId, lines), order: orderRow(chain, orderId) };
}

/**
 * CU-8: customers by name (any word), email, phone, loyalty card, address or account, best match first: the
 * store's address book (`local`), or every store's (`all`), each row saying whether this store's book holds it.
 */
export function findCustomers(chain: Chain, query: string, scope: SearchScope, storeId: string | null, limit = 20): CustomerRow[] {
  const searched = chain.customerIds().map((id) => chain.customerView(id))
    .map((view) => ({ ...view, inAddressBook: storeId !== null && inAddressBook(view, storeId) }))
    .filter((view) => scope === 'all' || view.inAddressBook);
  return rankCustomers(query, searched, limit).map((view) => ({
    customerId: view.customerId, account: view.account, pendingSync: view.pendingSync, name: view.record.name, email: view.record.email ?? null,
    phone: view.record.phone ?? null, type: view.record.type, loyaltyCardId: view.record.loyaltyCardId ?? null, matchedOn: view.matchedOn,
    inAddressBook: view.inAddressBook, homeStore: view.createdAtStoreId === null ? null : chain.catalog.stores.get(view.createdAtStoreId)?.name ?? view.createdAtStoreId,
  }));
}
