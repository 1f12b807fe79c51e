/**
 * What the engine shows the screens: a register, an order, a customer, a store's link to headquarters, a
 * location's fulfilment, order rows for lists, and the till's set-up. The engine builds these; the server sends
 * them; the screens read them. Types only (and the statuses a list may filter by).
 */
import type { ChainConfig, Permission } from '../domain/config.ts';
import type { MatchedOn } from '../domain/customer-search.ts';
import type { CustomerContext } from '../domain/customers.ts';
import type { CustomerOrderContext } from '../domain/customer-order.ts';
import type { LocationAvailability } from '../domain/availability.ts';
import type { Collector } from '../domain/collector.ts';
import type { FulfillmentListRow } from '../domain/fulfillment-group.ts';
import type { OrderHeaderStatus } from '../domain/fulfillment.ts';
import type { Minor } from '../domain/money.ts';
import type { PaymentStatus } from '../domain/payments.ts';
import type { OperationOffer, OrderOperation } from '../domain/order-operations.ts';
import type { RegisterContext } from '../domain/register-transaction.ts';
import type { OrderTotals } from '../domain/sales.ts';
import type { LinkState, SyncChannelContext } from '../domain/sync-link.ts';

export type { FulfillmentFilter, FulfillmentListRow } from '../domain/fulfillment-group.ts';

/** The cart's customer as the till shows it (CU-4: "Pending sync" until it has an account). */
export interface CartCustomer { customerId: string; name: string; account: string; pendingSync: boolean }

/** A register as its till shows it: its state, shift and transaction, what is due now and the cart's totals (its Z reports are a read of their own). */
export interface RegisterView extends Omit<RegisterContext, 'zReports'> {
  state: unknown;
  due: Minor;
  totals: OrderTotals | null;
  customer: CartCustomer | null;
}

/** A register's change as a `register` message carries it: the view without its receipts (they come as `receipts`). */
export type RegisterUpdate = Omit<RegisterView, 'receipts'>;

/** An order in full, with its derived statuses (FF-8, CO-8). */
export interface OrderView extends CustomerOrderContext {
  state: unknown;
  headerStatus: OrderHeaderStatus;
  paymentStatus: PaymentStatus;
  totals: OrderTotals;
  paid: Minor;
  existsAtHeadquarters: boolean;
}

/** CU-4: a customer with its account, or "Pending sync" while it has none. */
export interface CustomerView extends CustomerContext { state: unknown; account: string; pendingSync: boolean }

/** A store's link to headquarters as its screens show it: the state, and how many items wait to be sent. */
export interface LinkView extends SyncChannelContext { link: LinkState; realtimeReachable: boolean; batchReachable: boolean; pending: number }

/** An order as a list shows it. */
export interface OrderRow {
  orderId: string;
  channelReference: string;
  storeId: string;
  customerId: string;
  customerName: string;
  createdAt: number;
  headerStatus: OrderHeaderStatus;
  paymentStatus: PaymentStatus;
  total: Minor;
  paid: Minor;
  existsAtHeadquarters: boolean;
  editedBy: string | null;
  kinds: string[];
  lines: { lineId: string; productId: string; productName: string; quantity: number; kind: string; locationId: string; status: string; invoiced: number; uninvoiced: number }[];
}

/** FF-6: an order with units still to hand over at a store, ready once every such unit is picked. */
export interface Pickup {
  orderId: string;
  ready: boolean;
  units: number;
  /** CO-15: the person named to collect the waiting lines (none: the customer). */
  collector?: Collector | null;
}

/** CO-17: a location offered for shipping from or picking up at, with what it has of the cart's lines. */
export interface LocationAvailabilityView extends LocationAvailability { name: string }

/** A fulfilment location's open work: its lines, on hand, pickups waiting and the rows of the orders it has lines of. */
export interface LocationView {
  lines: FulfillmentListRow[];
  onHand: Record<string, number>;
  pickups: Pickup[];
  orders: OrderRow[];
}

/** What changed of one order at a location: its lines there now (none: it left), its pickup entry and its row. */
export interface LocationOrderView { lines: FulfillmentListRow[]; pickup: Pickup | null; order: OrderRow }

/** A customer as search results and the store's screens list it. */
export interface CustomerRow {
  customerId: string; account: string; pendingSync: boolean; name: string; email?: string | null; phone?: string | null; type?: string;
  loyaltyCardId?: string | null;
  /** CU-8: what the query matched, whether this store's address book holds it, and the store that created it (null: headquarters). */
  matchedOn?: MatchedOn; inAddressBook?: boolean; homeStore?: string | null;
}

/** The store room's state: its most recent orders and its link. */
export interface StoreRoomView { orders: OrderRow[]; sync: LinkView }

/** A signed-in session as the screens know it (no token). */
export interface SessionView {
  operatorId: string;
  name: string;
  roleId: string;
  permissions: Permission[];
  storeId: string | null;
  locationId: string;
  registerId: string | null;
}

/** The till's set-up: products and prices, modes and locations, codes, the customer dialog's choices. */
export interface StoreSetup {
  session: SessionView;
  /** The signed-in operator's role by name ("Call-center agent"), as the screens show it. */
  roleName: string;
  store: { id: string; name: string; locationId: string; registerIds: string[]; defaultCustomerId: string; warehouseId: string; warehouseName: string } | null;
  stores: { id: string; name: string; locationId: string }[];
  locations: { id: string; name: string; kind: string }[];
  location: { id: string; name: string };
  currency: string;
  products: { id: string; name: string; price: Minor; barcodes: string[] }[];
  shipModes: { code: string; name: string }[];
  /** CO-3: the pickup modes, the parameters' default first. */
  pickupModes: { code: string; name: string }[];
  shipFrom: { id: string; name: string }[];
  pickupAt: { id: string; name: string }[];
  returnReasonCodes: ChainConfig['parameters']['returnReasonCodes'];
  chargeCodes: { code: string; description: string }[];
  /** CH-1: the code a shipping charge entered by hand goes under, when advanced auto charges are off (else null). */
  manualShippingChargeCode: string | null;
  /** CH-4: the reason codes charges take (empty: any). */
  chargeReasonCodes: string[];
  customerAttributes: ChainConfig['customerAttributes'];
  affiliations: ChainConfig['affiliations'];
  secondaryContacts: ChainConfig['parameters']['secondaryContacts'];
  staff: { operatorId: string; name: string; roleId: string; permissions: Permission[] }[];
  /** CC-2: the call center the operator works in (its live room is `callCenter:<id>`); absent for everyone else. */
  callCenterId?: string;
}


/** FF-7: a line a location rejected (units of it), waiting for headquarters to reset it (`GET /api/rejected-lines`). */
export interface RejectedLineRow { orderId: string; lineId: string; locationId: string; productId: string; kind: 'ship' | 'pickup'; rejected: number }
/** CO-13: an order as the till's search lists it: its row, its receipt ids, and what the asking till may do with it (CO-14). */
export interface OrderSearchRow extends OrderRow { receiptIds: string[]; operations: Record<OrderOperation, OperationOffer> | null }
/** `truncated`: the search stopped before looking at every order (narrow it). */
export interface OrderSearchResult { orders: OrderSearchRow[]; truncated: boolean }
/** CO-13 details: the order in full (lines, delivery, fulfilment, payments, invoices) and what it offers the asking till. */
export interface OrderDetails { order: OrderView & { row: OrderRow }; receiptIds: string[]; operations: Record<OrderOperation, OperationOffer> | null }
