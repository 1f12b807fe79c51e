/**
 * ST-5 who may do what: the job (engine/domain/config.ts `jobNames`) each command, read and live room needs, and
 * where the session must be for it. The server enforces this table (engine/server/access.ts), the screens choose
 * what to show by it, and docs/access.md lists it for the demo's roles (test/server/access-matrix.test.ts keeps the
 * two equal and tries every refused cell over HTTP and the socket).
 *
 * The engine's own privilege rules (CO-7, CH-4, FF-2, FF-7, RT-3) apply after this, to the operator or approver.
 */
import type { Job, Permission } from '../domain/config.ts';
import type { ChainCommand } from './commands.ts';
import { salesOfficeCommandSchema, type SalesOfficeCommand } from './sales.ts';

/**
 * Where the session must be for a grant:
 * - `register`: signed in at the register the operation names (a session without a register works no till);
 * - `store`: at a store: the one the operation names (or the order's store) when it names one;
 * - `location`: at the fulfilment location the operation names;
 * - `site`: anywhere; the answer holds only what concerns the session's site (its store's and location's orders);
 * - `chain`: anywhere (headquarters' work).
 */
export type Scope = 'register' | 'store' | 'location' | 'site' | 'chain';

/** What a grant asks of a role: a job, or the store manager's privilege (a shift's Z reports). */
export type GrantedTo = Job | 'managerOverride';

/** One way to be allowed an operation: a job (null: any signed-in session) at a scope. */
export interface Grant { readonly job: GrantedTo | null; readonly at: Scope }

const till: readonly Grant[] = [{ job: 'till', at: 'register' }];
const customers: readonly Grant[] = [{ job: 'customers', at: 'register' }];
const fulfillment: readonly Grant[] = [{ job: 'fulfillment', at: 'location' }];
const backOffice: readonly Grant[] = [{ job: 'backOffice', at: 'chain' }];
const ordersOfTheSite: readonly Grant[] = [{ job: 'till', at: 'site' }, { job: 'fulfillment', at: 'site' }];
const customerData: readonly Grant[] = [{ job: 'customers', at: 'store' }];
/** CC-2: the call center works for the whole chain, wherever its agents sit (never at a till: it has no register). */
const callCenter: readonly Grant[] = [{ job: 'callCenter', at: 'chain' }];
/** CC-18 / CC-20: the desk's steps, which a supervisor also takes (clearing others' holds, working an order for an agent). */
const callCenterDesk: readonly Grant[] = [...callCenter, { job: 'callCenterSupervision', at: 'chain' }];
/** Issue 13: headquarters' sales office and marketing work for the whole chain (never at a till or the call center). */
const sales: readonly Grant[] = [{ job: 'sales', at: 'chain' }];
const marketing: readonly Grant[] = [{ job: 'marketing', at: 'chain' }];
/** Quotations and the pipeline are where sales and marketing meet (MK-4: a campaign's response becomes a quotation). */
const salesOrMarketing: readonly Grant[] = [...sales, ...marketing];

/** Every sales office command: `sales.*` is the sales office's, `marketing.*` marketing's (quotations both's). */
const SALES_OFFICE_ACCESS = Object.fromEntries(salesOfficeCommandSchema.options.map((o) => {
  const type = o.shape.type.value;
  return [type, type.startsWith('marketing.') ? marketing : type.includes('Quotation') ? salesOrMarketing : sales];
})) as Record<SalesOfficeCommand['type'], readonly Grant[]>;

/** Every command a screen may send (a new command type does not compile until it is given its grants here). */
export const COMMAND_ACCESS = {
  'register.openShift': till,
  'register.closeShift': till,
  'register.addItem': till,
  'register.setQuantity': till,
  'register.removeLine': till,
  'register.selectLine': till,
  'register.setCustomer': till,
  'register.shipAll': till,
  'register.shipSelected': till,
  'register.pickupAll': till,
  'register.pickupSelected': till,
  'register.carryOutAll': till,
  'register.carryOutSelected': till,
  'register.changeModeOfDelivery': till,
  'register.setOrderType': till,
  'register.overrideDeposit': till,
  'register.addCharge': till,
  'register.overrideCharge': till,
  'register.recalculate': till,
  'register.approveQuote': till,
  'register.tender': till,
  'register.void': till,
  'register.recallOrder': till,
  'register.adjustCancellationCharge': till,
  'register.startReturn': till,
  'register.setReturnLines': till,
  'register.emailReceipt': till,
  'customer.create': customers,
  'customer.edit': customers,
  'customer.issueLoyaltyCard': customers,
  'customer.addToAddressBook': customers,
  /** CO-9: the customer approved the quote: the store that made it sends it to fulfilment (no register named). */
  'order.approveQuote': [{ job: 'till', at: 'store' }],
  'fulfillment.accept': fulfillment,
  'fulfillment.printPickList': fulfillment,
  'fulfillment.pick': fulfillment,
  'fulfillment.pack': fulfillment,
  'fulfillment.ship': fulfillment,
  'fulfillment.reject': fulfillment,
  'headquarters.resetFulfillment': backOffice,
  'headquarters.runJob': backOffice,
  'headquarters.schedule': backOffice,
  'sync.setLink': backOffice,
  'clock.advance': backOffice,
  /** CC-6: an order submitted and released in the call center becomes a sales order at headquarters. */
  'callCenter.submitOrder': callCenter,
  /** CC-5: catalogs are headquarters' (back office) or a call-center supervisor's to validate, approve and publish. */
  'callCenter.catalog': [...backOffice, { job: 'callCenterSupervision', at: 'chain' }],
  /** CC-15: an agent or supervisor stops a customer's continuity program. */
  'callCenter.cancelEnrolment': callCenter,
  /** CC-3: a customer the lookup did not find gets an account at headquarters. */
  'callCenter.createCustomer': callCenterDesk,
  'callCenter.startOrder': callCenterDesk,
  'callCenter.setHeader': callCenterDesk,
  'callCenter.addLine': callCenterDesk,
  'callCenter.changeLine': callCenterDesk,
  'callCenter.removeLine': callCenterDesk,
  'callCenter.acceptOffer': callCenterDesk,
  'callCenter.declineOffer': callCenterDesk,
  'callCenter.enterCoupon': callCenterDesk,
  'callCenter.removeCoupon': callCenterDesk,
  'callCenter.complete': callCenterDesk,
  'callCenter.addPayment': callCenterDesk,
  'callCenter.removePayment': callCenterDesk,
  'callCenter.submit': callCenterDesk,
  'callCenter.hold': callCenterDesk,
  'callCenter.clearHold': callCenterDesk,
  'callCenter.changePrice': callCenterDesk,
  'callCenter.approvePriceChange': callCenterDesk,
  'callCenter.rejectPriceChange': callCenterDesk,
  'callCenter.checkOutHold': callCenterDesk,
  'callCenter.releaseHold': callCenterDesk,
  'callCenter.overrideHold': callCenterDesk,
  'callCenter.leave': callCenterDesk,
  'callCenter.cancel': callCenterDesk,
  ...SALES_OFFICE_ACCESS,
} as const satisfies Record<ChainCommand['type'], readonly Grant[]>;

/** Every read of the HTTP API (engine/server/http.ts). */
export const READ_ACCESS = {
  'GET /api/session': [{ job: null, at: 'site' }],
  'GET /api/registers/:registerId': till,
  /** CO-17: available quantity per location for the register's cart lines. */
  'GET /api/registers/:registerId/availability': till,
  'GET /api/orders': ordersOfTheSite,
  'GET /api/orders/:orderId': ordersOfTheSite,
  /** CO-13: the till's order search and an order's details span every store of the chain. */
  'GET /api/order-search': [{ job: 'till', at: 'chain' }],
  'GET /api/order-search/:orderId': [{ job: 'till', at: 'chain' }],
  'GET /api/fulfillment/:locationId': fulfillment,
  /** CU-8: `scope=local` (the store's address book, the default) or `all` (every store's). */
  'GET /api/customers?q=&scope=': customerData,
  'GET /api/customers/:customerId': customerData,
  /** A store's link: its own staff, or headquarters for any store. */
  'GET /api/sync/:storeId': [{ job: 'till', at: 'store' }, { job: 'fulfillment', at: 'store' }, { job: 'backOffice', at: 'chain' }],
  'GET /api/report': backOffice,
  /** FF-7: the lines the locations rejected, for headquarters to reset. */
  'GET /api/rejected-lines': backOffice,
  /** The X report of the register's open shift. */
  'GET /api/registers/:registerId/x-report': till,
  /** A store's Z reports: its manager, or headquarters for any store. */
  'GET /api/stores/:storeId/z-reports': [{ job: 'managerOverride', at: 'store' }, ...backOffice],
  /** The receipt emails the tills sent, as headquarters received them. */
  'GET /api/headquarters/receipt-emails': backOffice,
  /** The chain as it was at a point of its journal (`?seq=N` or `?time=ISO`): the analyst's scrubber, read-only. */
  'GET /api/journal': backOffice,
  /** CC-6 .. CC-19: an order being taken at the call center, as the agent's desk shows it. */
  'GET /api/call-center/orders/:orderId': callCenterDesk,
  /** CC-17: the hold list of the operator's call center. */
  'GET /api/call-center/holds': callCenterDesk,
  /** CC-20: the price change requests of the operator's call center. */
  'GET /api/call-center/price-change-requests': callCenterDesk,
  /** CC-23: customer service: a customer's call-center orders and the catalogs sent to them. */
  'GET /api/call-center/customers/:customerId': callCenterDesk,
  /** CC-3: headquarters' accounts by name, phone, email or account number. */
  'GET /api/call-center/customers?name=&phone=&email=&account=': callCenterDesk,
  /** CC-4: the source codes usable today, All or Targeted (sent to the customer). */
  'GET /api/call-center/source-codes': callCenterDesk,
  /** CC-3: items by full or partial number or by words, at the channel's price. */
  'GET /api/call-center/items': callCenterDesk,
  /** CC-8: a gift card's balance by its number. */
  'GET /api/call-center/gift-cards/:cardNumber': callCenterDesk,
  /** Issue 13: the sales office's order list (`?type=&status=&customer=&origin=&backordered=`) and an order's detail. */
  'GET /api/sales/orders': sales,
  'GET /api/sales/orders/:salesOrderId': sales,
  /** SM-14: an order's pro forma invoice (posts nothing). */
  'GET /api/sales/orders/:salesOrderId/pro-forma': sales,
  /** SM-14: a free text invoice's pro forma, from its fields (`lines` as JSON text). */
  'GET /api/sales/pro-forma/free-text': sales,
  'GET /api/sales/quotations': salesOrMarketing,
  'GET /api/sales/quotations/:quotationId': salesOrMarketing,
  'GET /api/sales/agreements': sales,
  'GET /api/sales/agreements/:agreementId': sales,
  /** SM-10 / SM-11: by item (with the on-hand split), by customer and by vendor. */
  'GET /api/sales/backorders': sales,
  'GET /api/sales/purchase-lines': sales,
  'GET /api/sales/invoices': sales,
  'GET /api/sales/invoices/:invoiceId': sales,
  /** MK-1 / MK-2: prospects, leads and opportunities. */
  'GET /api/sales/pipeline': salesOrMarketing,
  'GET /api/sales/campaigns': marketing,
  'GET /api/sales/campaigns/:campaignId': marketing,
} as const satisfies Record<string, readonly Grant[]>;

/**
 * Every kind of live room (engine/server/gateway.ts): `store:<id>`, `register:<id>`, `location:<id>`, `headquarters`,
 * `callCenter:<id>`.
 */
export const ROOM_ACCESS = {
  /** The store's recent orders (customers' names) and its link. */
  store: [{ job: 'till', at: 'store' }],
  register: till,
  location: fulfillment,
  headquarters: backOffice,
  /** CC-17 / CC-20: a call center's hold list and price change requests, for its agents and supervisors. */
  callCenter: callCenterDesk,
  /** Issue 13: every back-office screen of the sales office sees a change live. */
  salesOffice: salesOrMarketing,
} as const satisfies Record<string, readonly Grant[]>;

export type ChainCommandType = keyof typeof COMMAND_ACCESS;
export type Read = keyof typeof READ_ACCESS;
export type RoomKind = keyof typeof ROOM_ACCESS;

/** The work each job is, in plain words (refusals say it). */
export const JOB_WORK: Record<GrantedTo, string> = {
  till: 'till work',
  customers: 'customers\' personal data',
  fulfillment: 'fulfilment work',
  backOffice: 'headquarters\' work',
  callCenter: 'call-center work',
  callCenterSupervision: 'a call-center supervisor\'s work',
  sales: 'the sales office\'s work',
  marketing: 'marketing work',
  managerOverride: 'a store manager\'s work',
};

/** The grants of an operation that permissions hold (none: the role is not for this job). */
export function heldGrants(grants: readonly Grant[], permissions: readonly Permission[]): readonly Grant[] {
  return grants.filter((grant) => grant.job === null || permissions.includes(grant.job));
}
