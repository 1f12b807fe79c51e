/**
 * What the screens read: a store's set-up for the till, order lists for recall (search and filters) and for the
 * fulfilment and pickup screens, customer search. Pure reads of the chain, scoped to a session's site.
 */
import type { Chain } from '../chain.ts';
import { offeredLocations } from '../domain/catalog.ts';
import { storeLineStatus, uninvoicedQuantity, type OrderHeaderStatus } from '../domain/fulfillment.ts';
import type { Session } from './sessions.ts';

/** The till's set-up: products and prices, modes and locations, codes, the customer dialog's choices. */
export function storeSetup(chain: Chain, session: Session) {
  const { config } = chain.catalog;
  const store = session.storeId === null ? null : chain.catalog.stores.get(session.storeId)!;
  return {
    session: publicSession(session),
    store: store === null ? null : {
      id: store.id, name: store.name, locationId: store.locationId, registerIds: store.registerIds, defaultCustomerId: store.defaultCustomerId,
      warehouseId: store.warehouseId, warehouseName: chain.catalog.locations.get(store.warehouseId)!.name,
    },
    stores: [...chain.catalog.stores.values()].map((s) => ({ id: s.id, name: s.name, locationId: s.locationId })),
    locations: config.locations.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
    location: { id: session.locationId, name: chain.catalog.locations.get(session.locationId)!.name },
    currency: config.currency,
    products: config.products.map((p) => ({ id: p.id, name: p.name, price: p.price })),
    shipModes: config.modesOfDelivery.filter((m) => m.kind === 'ship').map((m) => ({ code: m.code, name: m.name })),
    shipFrom: store === null ? [] : offeredLocations(chain.catalog, store.id, 'ship').map((id) => ({ id, name: chain.catalog.locations.get(id)!.name })),
    pickupAt: store === null ? [] : offeredLocations(chain.catalog, store.id, 'pickup').map((id) => ({ id, name: chain.catalog.locations.get(id)!.name })),
    returnReasonCodes: config.parameters.returnReasonCodes,
    chargeCodes: config.chargeCodes.map((c) => ({ code: c.code, description: c.description })),
    customerAttributes: config.customerAttributes,
    affiliations: config.affiliations,
    secondaryContacts: config.parameters.secondaryContacts,
    staff: config.staff.filter((s) => session.storeId !== null && s.storeIds.includes(session.storeId))
      .map((s) => ({ operatorId: s.operatorId, name: s.name, roleId: s.roleId, permissions: chain.catalog.roles.get(s.roleId)!.permissions })),
  };
}

/** A card token as screens show it: enough to tell cards apart, not enough to charge one. */
export function maskedCardToken(token: string): string {
  return token.length <= 4 ? '••••' : `••••${token.slice(-4)}`;
}

/** A view with every card token masked (the till charges the card on file by the order's own token, server-side). */
function withCardTokensMasked<T>(view: T): T {
  return JSON.parse(JSON.stringify(view, (key, value: unknown) => (key === 'cardToken' && typeof value === 'string' ? maskedCardToken(value) : value))) as T;
}

/** A register as its till shows it. */
export function registerScreenView(chain: Chain, registerId: string) {
  return withCardTokensMasked(chain.registerView(registerId));
}

/** An order in full, as order recall shows it. */
export function orderScreenView(chain: Chain, orderId: string) {
  return withCardTokensMasked({ ...chain.orderView(orderId), row: orderRow(chain, orderId) });
}

export function publicSession(session: Session) {
  const { token: _token, expiresAt: _expires, ...rest } = session;
  return rest;
}

export interface OrderRow {
  orderId: string;
  channelReference: string;
  storeId: string;
  customerId: string;
  customerName: string;
  createdAt: number;
  headerStatus: OrderHeaderStatus;
  paymentStatus: string;
  total: number;
  paid: number;
  existsAtHeadquarters: boolean;
  editedBy: string | null;
  kinds: string[];
  lines: { lineId: string; productId: string; productName: string; quantity: number; kind: string; locationId: string; status: string; invoiced: number; uninvoiced: number }[];
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

/** Whether the session's site has anything to do with the order (it sold it, or fulfils a line of it). */
export function inScope(chain: Chain, session: Session, orderId: string): boolean {
  const order = chain.orderView(orderId);
  return order.storeId === session.storeId || order.lines.some((l) => l.delivery.kind !== 'carryOut' && l.delivery.locationId === session.locationId);
}

export interface OrderFilter { q?: string | undefined; status?: string | undefined; kind?: string | undefined; limit?: number | undefined }

/** CO-10 recall: the site's orders, newest first, by text (order, confirmation number, customer), status and delivery. */
export function findOrders(chain: Chain, session: Session, filter: OrderFilter): OrderRow[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  const rows: OrderRow[] = [];
  for (const orderId of chain.orderIds()) {
    if (!inScope(chain, session, orderId)) continue;
    const row = orderRow(chain, orderId);
    if (filter.status !== undefined && row.headerStatus !== filter.status) continue;
    if (filter.kind !== undefined && !row.kinds.includes(filter.kind)) continue;
    if (q !== '' && ![row.orderId, row.channelReference, row.customerName, row.customerId].some((text) => text.toLowerCase().includes(q))) continue;
    rows.push(row);
  }
  return rows.sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : -1)).slice(0, filter.limit ?? 100);
}

/** The orders with lines fulfilled at a location (the fulfilment screen's order headers). */
export function ordersAt(chain: Chain, locationId: string): OrderRow[] {
  const orderIds = new Set(chain.fulfillmentView(locationId).lines.map((l) => l.orderId));
  return [...orderIds].map((orderId) => orderRow(chain, orderId));
}

/** The pickup screen: orders with units still to hand over at this store, and whether they are ready (picked). */
export function pickupsAt(chain: Chain, locationId: string) {
  const byOrder = new Map<string, { orderId: string; ready: boolean; units: number }>();
  for (const line of chain.fulfillmentView(locationId, 'forPickup').lines) {
    const waiting = uninvoicedQuantity(line.progress);
    if (waiting === 0) continue;
    const entry = byOrder.get(line.orderId) ?? { orderId: line.orderId, ready: true, units: 0 };
    entry.units += waiting;
    entry.ready &&= line.progress.picked >= waiting;
    byOrder.set(line.orderId, entry);
  }
  return [...byOrder.values()].map((entry) => ({ ...entry, order: orderRow(chain, entry.orderId) }));
}

/** CU-1: customers by name, account, email or phone (the channel's directory). */
export function findCustomers(chain: Chain, query: string, limit = 20) {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const found = [];
  for (const id of chain.customerIds()) {
    const view = chain.customerView(id);
    const texts = [view.record.name, view.account, view.record.email ?? '', view.record.phone ?? ''];
    if (!texts.some((t) => t.toLowerCase().includes(q))) continue;
    found.push({ customerId: id, account: view.account, pendingSync: view.pendingSync, name: view.record.name, email: view.record.email ?? null, phone: view.record.phone ?? null, type: view.record.type });
    if (found.length >= limit) break;
  }
  return found;
}
