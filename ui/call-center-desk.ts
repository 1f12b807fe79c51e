/**
 * The call center's screens' connection to the server (CC-3..CC-23): every read and operation the agent's screen,
 * the hold list and the customer service view need, typed with the domain's own types so that what a screen shows is
 * what the rules said. Screens depend on the `CallCenterDesk` interface only; component tests give them a fake that
 * runs the real domain functions.
 *
 * `httpCallCenterDesk(api)` sends each operation as one desk command (engine/protocol/call-center.ts, POST
 * /api/commands, the way the till sends its own) as the signed-in operator, and reads with GET /api/call-center/...;
 * the host answers each order operation with the order as the agent sees it (`CallCenterOrderView`) in the command's
 * result. The hold list and price change requests also come live from the call center's room (`watch`).
 */
import type { CallCenterOrderContext, HeaderChange } from '../engine/domain/call-center/order.ts';
import type { CompletionSummary } from '../engine/domain/call-center/summary.ts';
import type { CouponEntryResult } from '../engine/domain/call-center/coupons.ts';
import type { SourceCodeChoice, SourceCodeFilter } from '../engine/domain/call-center/catalog.ts';
import type { LineAddedPrompt, Script, SuggestionOffer } from '../engine/domain/call-center/guided-selling.ts';
import type { PaymentMethod } from '../engine/domain/call-center/config.ts';
import type { ModeOfDelivery } from '../engine/domain/config.ts';
import type { OrderPaymentStatus, PaymentEntry } from '../engine/domain/call-center/payments.ts';
import type { ClearVariant, HoldListRow, ManualHoldOrigin } from '../engine/domain/call-center/holds.ts';
import type { DetailStatus, OrderLogEntry } from '../engine/domain/call-center/order.ts';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { CustomerMatch, CustomerServiceView, ItemChoice, PriceChangeRequestRow } from '../engine/protocol/call-center.ts';
import type { StoreApi } from './api.ts';
import { violationOf } from './screen-kit.ts';

/** An operation's answer: its value, or the rule that refused it (shown in place). */
export type DeskAnswer<T> = { ok: true; value: T } | { ok: false; error: RuleViolation };

export type { CustomerMatch, ItemChoice, PriceChangeRequestRow };
export interface CustomerQuery { name?: string; phone?: string; email?: string; account?: string }
export interface NewCustomer { name: string; phone: string; email: string }

/**
 * The order as the agent's screen shows it: the order's context, its CC-6 summary, the source code's scripts
 * (CC-10), the channel's payment methods for this customer (CC-8), the modes it offers and their kind (CC-22), the names of the
 * items on it, and for each coupon entered but not applied the words of CC-13 ("spend $X more").
 */
export interface CallCenterOrderView {
  order: CallCenterOrderContext;
  summary: CompletionSummary;
  beginningScripts: Script[];
  endScripts: Script[];
  paymentMethods: PaymentMethod[];
  modes: { code: string; name: string; kind: ModeOfDelivery['kind'] }[];
  itemNames: Record<string, string>;
  couponNotes: Record<string, string>;
  paymentStatus: OrderPaymentStatus;
  detailStatus: DetailStatus;
}

/** CC-10 / CC-11: a line was added; the item's scripts and the offers to make come with it. */
export interface LineAdded { view: CallCenterOrderView; prompt: LineAddedPrompt }

/**
 * CC-20: a unit price change the desk took: `applied` (the line has the price) or `request-filed` (the line keeps its
 * price until a supervisor approves request `requestId`).
 */
export type PriceChanged = { view: CallCenterOrderView } & ({ outcome: 'applied' } | { outcome: 'request-filed'; requestId: string });

/** CC-13: a coupon was entered (accepted, applied or not) or refused; the order as it now stands. */
export interface CouponEntered { view: CallCenterOrderView; entry: CouponEntryResult }

/**
 * CC-8: a payment as the screen enters it. A gift card comes with its number only: the host looks up its balance
 * (the domain's PaymentEntry carries it) before checking the entry.
 */
export type PaymentInput = Omit<PaymentEntry, 'giftCard'> & { giftCard?: { number: string } };

export interface ManualHoldEntry { origin: ManualHoldOrigin; code?: string; reasonCode?: string; notes?: string }

/** CC-23: one of the customer's orders as customer service sees it. */
export interface ServiceOrder {
  orderId: string;
  createdAt: number;
  total: number;
  status: 'Open' | 'Submitted' | 'Cancelled';
  detailStatus: DetailStatus;
  paymentStatus: OrderPaymentStatus;
  onHold: boolean;
  log: OrderLogEntry[];
}

/** CC-23: the customer service view of one customer. */
export interface CustomerService {
  customer: CustomerMatch;
  orders: ServiceOrder[];
  /** CC-4 Targeted: the catalogs sent to the customer. */
  catalogsSent: { catalogId: string; catalogName: string }[];
}

export interface CallCenterDesk {
  readonly currency: string;
  readonly operatorId: string;
  /** CC-18 / CC-20: supervisors override check-outs and decide price change requests. */
  readonly supervisor: boolean;

  // CC-3 customers
  findCustomers(query: CustomerQuery): Promise<CustomerMatch[]>;
  createCustomer(customer: NewCustomer): Promise<DeskAnswer<CustomerMatch>>;

  // Order entry
  startOrder(customerId: string): Promise<DeskAnswer<CallCenterOrderView>>;
  /** CC-4: source codes for the order's date, All or Targeted (sent to this customer). */
  sourceCodes(query: { filter: SourceCodeFilter; customerId: string | null; text: string }): Promise<SourceCodeChoice[]>;
  /** CC-4 / CC-22: `updateLines` applies a new mode of delivery to the lines too (the agent accepted the offer). */
  setHeader(orderId: string, change: HeaderChange, updateLines: boolean): Promise<DeskAnswer<CallCenterOrderView>>;
  findItems(text: string): Promise<ItemChoice[]>;
  /** CC-22: `locationId` is the store a pickup line is collected at (or a store a shipped line ships from). */
  addLine(orderId: string, line: { productId: string; quantity: number; locationId?: string }): Promise<DeskAnswer<LineAdded>>;
  /** CC-20: a line's new unit price, or a request for it when the operator may not set prices. */
  changePrice(orderId: string, lineId: string, unitPrice: number, reason: string): Promise<DeskAnswer<PriceChanged>>;
  /** The order as it now stands (another user may have changed it: a supervisor deciding its price, CC-20). */
  reloadOrder(orderId: string): Promise<CallCenterOrderView>;
  removeLine(orderId: string, lineId: string): Promise<DeskAnswer<CallCenterOrderView>>;
  /** CC-11: accept (up-sell: replaces the item, keeps the quantity; cross-sell: a new line) or decline an offer. */
  answerOffer(orderId: string, offer: SuggestionOffer, accept: boolean): Promise<DeskAnswer<CallCenterOrderView>>;
  enterCoupon(orderId: string, code: string): Promise<DeskAnswer<CouponEntered>>;

  // CC-6..CC-9 completion
  /** CC-8: what a gift card holds, in minor units. */
  giftCardBalance(cardNumber: string): Promise<number>;
  addPayment(orderId: string, entry: PaymentInput): Promise<DeskAnswer<CallCenterOrderView>>;
  removePayment(orderId: string, paymentId: string): Promise<DeskAnswer<CallCenterOrderView>>;
  submit(orderId: string): Promise<DeskAnswer<CallCenterOrderView>>;
  placeHold(orderId: string, hold: ManualHoldEntry): Promise<DeskAnswer<CallCenterOrderView>>;
  cancel(orderId: string): Promise<DeskAnswer<CallCenterOrderView>>;
  /** CC-7 completion off: leaving the order saves it as a plain sales order. */
  save(orderId: string): Promise<DeskAnswer<CallCenterOrderView>>;

  // CC-17..CC-19 holds
  holdList(): Promise<HoldListRow[]>;
  checkOutHold(holdId: string): Promise<DeskAnswer<HoldListRow[]>>;
  releaseHold(holdId: string): Promise<DeskAnswer<HoldListRow[]>>;
  overrideCheckOut(holdId: string): Promise<DeskAnswer<HoldListRow[]>>;
  clearHold(holdId: string, variant: ClearVariant): Promise<DeskAnswer<HoldListRow[]>>;

  // CC-20 price change requests
  priceChangeRequests(): Promise<PriceChangeRequestRow[]>;
  decidePriceChange(requestId: string, decision: { approve: true } | { approve: false; reason: string }): Promise<DeskAnswer<PriceChangeRequestRow[]>>;

  // CC-23
  customerService(customerId: string): Promise<CustomerService>;

  /** CC-17 / CC-20: the hold list and price change requests as they change (until the returned function is called). */
  watch(handlers: DeskWatch): () => void;
}

export interface DeskWatch { holds(rows: HoldListRow[]): void; requests(requests: PriceChangeRequestRow[]): void }

/** The call center's live room: its hold list (`callCenterHolds`) and price change requests (`priceChangeRequests`). */
export interface CallCenterRoomState { holds: HoldListRow[]; requests: PriceChangeRequestRow[] }

/**
 * The desk over the server. Each operation is one desk command as the signed-in operator; the command's result
 * carries `{ view }`, `{ view, prompt }`, `{ view, entry }`, `{ customer }`, `{ holds }` or `{ requests }` as the
 * operation's value says.
 */
export function httpCallCenterDesk(api: StoreApi): CallCenterDesk {
  const { session } = api.setup;
  const { operatorId } = session;
  /** CC-18: hold steps name the order too; the desk learns each hold's order from the hold lists it reads. */
  const orderOfHold = new Map<string, string>();
  const noted = (rows: HoldListRow[]) => {
    for (const row of rows) orderOfHold.set(row.holdId, row.orderId);
    return rows;
  };
  async function send<T>(type: string, payload: Record<string, unknown>, pick: (result: Record<string, unknown>) => T): Promise<DeskAnswer<T>> {
    try {
      const answer = await api.command({ type: `callCenter.${type}`, operatorId, ...payload });
      return answer.ok ? { ok: true, value: pick(answer.result) } : answer;
    } catch (error) {
      return { ok: false, error: violationOf(error) };
    }
  }
  const view = (r: Record<string, unknown>) => r.view as CallCenterOrderView;
  const holds = (r: Record<string, unknown>) => noted(r.holds as HoldListRow[]);
  const requests = (r: Record<string, unknown>) => r.requests as PriceChangeRequestRow[];
  const query = (params: Record<string, string | null | undefined>) =>
    new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== null && e[1] !== '')).toString();
  const holdList = async () => noted((await api.get<{ holds: HoldListRow[] }>('call-center/holds')).holds);
  async function onHold(type: string, holdId: string, payload: Record<string, unknown> = {}): Promise<DeskAnswer<HoldListRow[]>> {
    if (!orderOfHold.has(holdId)) await holdList();
    const orderId = orderOfHold.get(holdId);
    if (orderId === undefined) return { ok: false, error: { rule: 'NOT_FOUND', field: 'holdId', message: `hold ${holdId} is no longer open` } };
    return send(type, { orderId, holdId, ...payload }, holds);
  }
  /**
   * CC-6: the screen shows the summary before the order has opened it (the agent may still go back to the items);
   * what is done on the summary opens it first. Already open, or not openable: the step itself then says why not.
   */
  const onSummary = (orderId: string) => send('complete', { orderId }, view);
  const offer = (orderId: string, o: SuggestionOffer) => ({ orderId, lineId: o.lineId, suggestedProductId: o.suggestion.suggestedProductId });

  return {
    currency: api.setup.currency,
    operatorId,
    supervisor: session.permissions.includes('callCenterSupervision'),
    findCustomers: async (q) => {
      const asked = query({ ...q });
      return asked === '' ? [] : (await api.get<{ customers: CustomerMatch[] }>(`call-center/customers?${asked}`)).customers;
    },
    createCustomer: (customer) => send('createCustomer', { ...customer }, (r) => r.customer as CustomerMatch),
    startOrder: (customerId) => send('startOrder', { customerId }, view),
    sourceCodes: async (q) => (await api.get<{ sourceCodes: SourceCodeChoice[] }>(`call-center/source-codes?${query({ filter: q.filter, customerId: q.customerId, text: q.text })}`)).sourceCodes,
    setHeader: (orderId, change, updateLines) => send('setHeader', { orderId, ...change, updateLines }, view),
    findItems: async (text) => (await api.get<{ items: ItemChoice[] }>(`call-center/items?${query({ text })}`)).items,
    addLine: (orderId, line) => send('addLine', { orderId, ...line }, (r) => ({ view: view(r), prompt: r.prompt as LineAddedPrompt })),
    removeLine: (orderId, lineId) => send('removeLine', { orderId, lineId }, view),
    changePrice: (orderId, lineId, unitPrice, reason) => send('changePrice', { orderId, lineId, unitPrice, reason },
      (r) => ({ view: view(r), ...(r.outcome === 'request-filed' ? { outcome: 'request-filed' as const, requestId: String(r.requestId) } : { outcome: 'applied' as const }) })),
    reloadOrder: async (orderId) => (await api.get<{ view: CallCenterOrderView }>(`call-center/orders/${encodeURIComponent(orderId)}`)).view,
    answerOffer: (orderId, o, accept) => send(accept ? 'acceptOffer' : 'declineOffer', offer(orderId, o), view),
    enterCoupon: (orderId, code) => send('enterCoupon', { orderId, couponCode: code }, (r) => ({ view: view(r), entry: r.entry as CouponEntryResult })),
    giftCardBalance: async (cardNumber) => (await api.get<{ giftCard: { balance: number } }>(`call-center/gift-cards/${encodeURIComponent(cardNumber)}`)).giftCard.balance,
    addPayment: async (orderId, entry) => {
      await onSummary(orderId);
      // The desk numbers payments itself (the screen's paymentId is its own); a gift card goes by its number.
      const { share, giftCard, paymentId: _numberedByTheDesk, ...rest } = entry;
      return send('addPayment', { orderId, ...rest, ...share, ...(giftCard === undefined ? {} : { giftCardNumber: giftCard.number }) }, view);
    },
    removePayment: (orderId, paymentId) => send('removePayment', { orderId, paymentId }, view),
    submit: (orderId) => send('submit', { orderId }, view),
    // The desk takes the hold's origin from where the order stands: a hold from the summary opens it there first.
    placeHold: async (orderId, { origin, ...hold }) => {
      if (origin === 'summary') await onSummary(orderId);
      return send('hold', { orderId, ...hold }, view);
    },
    cancel: (orderId) => send('cancel', { orderId }, view),
    save: (orderId) => send('leave', { orderId }, view),
    holdList,
    checkOutHold: (holdId) => onHold('checkOutHold', holdId),
    releaseHold: (holdId) => onHold('releaseHold', holdId),
    overrideCheckOut: (holdId) => onHold('overrideHold', holdId),
    clearHold: (holdId, variant) => onHold('clearHold', holdId, { variant }),
    priceChangeRequests: async () => (await api.get<{ requests: PriceChangeRequestRow[] }>('call-center/price-change-requests')).requests,
    decidePriceChange: (requestId, decision) => send(decision.approve ? 'approvePriceChange' : 'rejectPriceChange',
      { requestId, ...(decision.approve ? {} : { reason: decision.reason }) }, requests),
    customerService: async (customerId) => serviceOf((await api.get<{ customer: CustomerServiceView }>(`call-center/customers/${encodeURIComponent(customerId)}`)).customer),
    watch: (handlers) => {
      // Only a member of a call center has its room (a supervisor of none reads the lists when asked).
      if (api.setup.callCenterId === undefined) return () => {};
      return api.live([`callCenter:${api.setup.callCenterId}`], {
        state: (_room, state) => {
          const { holds: rows, requests: pending } = state as CallCenterRoomState;
          handlers.holds(noted(rows));
          handlers.requests(pending);
        },
        update: (envelope) => {
          if (envelope.type === 'callCenterHolds') handlers.holds(noted(envelope.view as HoldListRow[]));
          if (envelope.type === 'priceChangeRequests') handlers.requests(envelope.view as PriceChangeRequestRow[]);
        },
      });
    },
  };
}

/** CC-23: the server's customer service view as the screen reads it. */
function serviceOf(view: CustomerServiceView): CustomerService {
  return {
    customer: view.customer!,
    orders: view.orders.map((o) => ({
      orderId: o.orderId, createdAt: o.createdAt, total: o.total, status: o.status, detailStatus: o.detailStatus, paymentStatus: o.paymentStatus, onHold: o.held, log: o.log,
    })),
    catalogsSent: view.catalogsSent.map((c) => ({ catalogId: c.catalogId, catalogName: c.name })),
  };
}
