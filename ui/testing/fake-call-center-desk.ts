/**
 * A `CallCenterDesk` for the call center's component tests that answers with the REAL domain rules
 * (engine/domain/call-center): source codes, prices, scripts and offers, coupons, the completion summary, Submit with
 * an authoriser that declines cards when asked, holds and their clearing, price change requests. What a test reads
 * on a screen is the domain's answer, not numbers made up for the test. Orders live in memory; the clock is fixed.
 */
import { applySourceCode, lookupSourceCodes, type AppliedSourceCode, type CatalogState } from '../../engine/domain/call-center/catalog.ts';
import { callCenterConfigSchema, type CallCenterConfig, type CallCenterConfigInput } from '../../engine/domain/call-center/config.ts';
import { emptyCouponLedger } from '../../engine/domain/call-center/coupon-ledger.ts';
import { checkCouponEntry, discountOrder, findCoupon, notAppliedMessage, type Coupon } from '../../engine/domain/call-center/coupons.ts';
import { acceptCrossSell, acceptUpSell, onLineAdded, sourceCodeScripts } from '../../engine/domain/call-center/guided-selling.ts';
import {
  checkClear, checkNotCheckedOutByOther, checkOverrideCheckOut, checkReleaseCheckOut, checkOutHold, holdList, releaseCheckOut, type CallCenterUser,
  type ClearVariant, type HoldListRow,
} from '../../engine/domain/call-center/holds.ts';
import {
  addLine, cancelOrder, checkAddLine, checkHeader, clearHoldAndResume, couponLines, detailStatus, newCallCenterOrder, openHolds, placeManualHold,
  removeLine, saveOrder, setHeader, submitOrder, termsOf, type CallCenterLine, type CallCenterOrderContext, type HeaderChange,
} from '../../engine/domain/call-center/order.ts';
import { addPayment, checkPaymentEntry, checkRemovePayment, orderPaymentStatus, paymentMethodsOffered, type AuthorizerAnswer } from '../../engine/domain/call-center/payments.ts';
import { approvePriceChangeRequest, decidePriceChange, rejectPriceChangeRequest, resolvePrice } from '../../engine/domain/call-center/pricing.ts';
import { completionSummary } from '../../engine/domain/call-center/summary.ts';
import { customerSchema } from '../../engine/domain/config.ts';
import { isViolation, type RuleViolation } from '../../engine/domain/violation.ts';
import type {
  CallCenterDesk, CallCenterOrderView, CouponEntered, CustomerMatch, CustomerQuery, CustomerService, DeskAnswer, DeskWatch, ItemChoice, LineAdded, ManualHoldEntry, NewCustomer,
  PaymentInput, PriceChanged, PriceChangeRequestRow,
} from '../call-center-desk.ts';

/** 2027-06-15, noon UTC: inside the Summer Camping catalog's dates. */
export const NOW = Date.parse('2027-06-15T12:00:00Z');
const TODAY = '2027-06-15';
/** The fake taxes every line at 8.25% (the host takes the destination's rate, order.ts lineTaxRate). */
const TAX_RATE = 825;

export const PRODUCTS: ItemChoice[] = [
  { productId: 'P-TENT', name: 'Trail tent', unitPrice: 19999 },
  { productId: 'P-LAMP', name: 'Camp lantern', unitPrice: 2499 },
  { productId: 'P-HEADLAMP', name: 'Headlamp', unitPrice: 3499 },
  { productId: 'P-STOVE', name: 'Camp stove', unitPrice: 8999 },
  { productId: 'P-FUEL', name: 'Fuel canister', unitPrice: 899 },
  { productId: 'P-PAD', name: 'Sleeping pad', unitPrice: 3999 },
  { productId: 'P-BOTTLE', name: 'Water bottle', unitPrice: 1499 },
];

const CENTER: CallCenterConfigInput = {
  id: 'CC1', name: 'Outdoor phone sales', legalEntity: 'USRT', defaultWarehouseId: 'W1',
  paymentMethods: [
    { code: 'CASH', name: 'Cash', kind: 'normal' },
    { code: 'CHECK', name: 'Check', kind: 'check' },
    { code: 'CARD', name: 'Card', kind: 'card' },
    { code: 'ACCOUNT', name: 'On account', kind: 'onAccount' },
  ],
  modesOfDelivery: ['STD', 'EXP'],
  orderCompletion: true,
  guidedSelling: true,
  priceControl: true,
  members: ['agent1', 'super1'],
  priceGroups: [{ id: 'SUMMER', name: 'Summer catalog', prices: [{ productId: 'P-TENT', price: 17999 }, { productId: 'P-HEADLAMP', price: 2999 }] }],
  catalogs: [{
    id: 'CAT-SUMMER', name: 'Summer Camping', status: 'Published', effective: '2027-06-01', expiration: '2027-08-31',
    productIds: ['P-TENT', 'P-HEADLAMP', 'P-LAMP', 'P-STOVE', 'P-FUEL'], priceGroupIds: ['SUMMER'],
    sourceCodes: [
      { code: 'SUM27', description: 'Summer mailer', scripts: [
        { timing: 'Beginning', text: 'Thank you for calling about our Summer Camping catalog.' },
        { timing: 'End', text: 'Your summer order ships within two days.' },
      ] },
      { code: 'SUM27-WEB', description: 'Summer web banner' },
    ],
    suggestions: [
      { productId: 'P-LAMP', kind: 'upSell', suggestedProductId: 'P-HEADLAMP', script: 'The headlamp keeps both hands free.' },
      { productId: 'P-STOVE', kind: 'crossSell', suggestedProductId: 'P-FUEL', script: 'Fuel for the stove?' },
    ],
    sentTo: ['C-ANNA'],
  }, {
    id: 'CAT-WINTER', name: 'Winter Gear', status: 'Published', effective: '2027-06-01', expiration: '2027-12-31',
    productIds: ['P-TENT'], sourceCodes: [{ code: 'WIN27', description: 'Winter preview' }],
  }],
  itemScripts: [{ productId: 'P-STOVE', text: 'Remind the customer that fuel cannot be shipped by air.' }],
  suggestions: [{ productId: 'P-TENT', kind: 'crossSell', suggestedProductId: 'P-PAD', script: 'A sleeping pad goes with the tent.' }],
  // CC-20: agent1 sets prices within 5%; agent2 (in no group) files requests; super1 decides them.
  priceControlGroups: [
    { id: 'AGENTS', name: 'Agents', tolerancePct: 500, operatorIds: ['agent1'] },
    { id: 'SUPERVISORS', name: 'Supervisors', tolerancePct: 2500, operatorIds: ['super1'], approvesRequests: true },
  ],
  coupons: [{ code: 'SAVE20', description: '$20 off orders of $300 or more', off: { kind: 'amount', amount: 2000 }, appliesTo: 'orderTotal', minimumSpend: 30000, startDate: '2027-01-01', endDate: '2027-12-31', usage: 'oneTime' },
    { code: 'OLD10', off: { kind: 'percent', rate: 1000 }, appliesTo: 'orderTotal', startDate: '2026-01-01', endDate: '2026-12-31', usage: 'oneTime' }],
  holdCodes: [
    { code: 'GEN', description: 'General hold', roleIds: ['callCenterAgent'], defaultForSalesOrder: true, reasonCodes: [{ code: 'ADDR', description: 'Address to confirm' }] },
    { code: 'CREDIT', description: 'Credit review', roleIds: ['callCenterAgent'] },
  ],
};

const CUSTOMERS: CustomerMatch[] = [
  { customerId: 'C-ANNA', name: 'Anna Berg', phone: '555-0101', email: 'anna@example.com', account: 'C-ANNA' },
  { customerId: 'C-CAL', name: 'Cal Rivera', phone: '555-0199', email: 'cal@example.com', account: 'C-CAL' },
];

/** The staff's names, as the supervisor's list shows who asked. */
const STAFF_NAMES: Record<string, string> = { agent1: 'Avery Agent', agent2: 'Blake Agent', super1: 'Sam Supervisor' };

/** CC-8: gift cards in the fake hold $50.00, one whose number starts with EMPTY nothing (as the host's test service). */
export const GIFT_CARD_BALANCE = 5000;
const giftCardBalance = (cardNumber: string) => (cardNumber.toUpperCase().startsWith('EMPTY') ? 0 : GIFT_CARD_BALANCE);

const fail = (error: RuleViolation): DeskAnswer<never> => ({ ok: false, error });
const ok = <T>(value: T): DeskAnswer<T> => ({ ok: true, value });

export class FakeCallCenterDesk implements CallCenterDesk {
  readonly currency = 'USD';
  readonly supervisor: boolean;
  readonly center: CallCenterConfig;
  readonly orders = new Map<string, CallCenterOrderContext>();
  readonly customers = [...CUSTOMERS];
  requests: PriceChangeRequestRow[] = [];
  /** The authoriser: cards are declined when true. */
  declineCards = false;
  private readonly coupons = new Map<string, Coupon[]>();
  private readonly catalogs: CatalogState[];
  private readonly user: CallCenterUser;
  private readonly watchers = new Set<DeskWatch>();

  /** `orderCompletion` false: the channel takes no payments (CC-7: leaving saves the order). */
  constructor(readonly operatorId = 'agent1', roleId = 'callCenterAgent', orderCompletion = true) {
    this.center = callCenterConfigSchema.parse({ ...CENTER, orderCompletion });
    this.user = { operatorId, roleId };
    this.supervisor = roleId === 'callCenterSupervisor';
    this.catalogs = this.center.catalogs.map((catalog) => ({ catalog, status: catalog.status }));
  }

  private get terms() {
    return termsOf(this.center, { currency: 'USD', overUnderpaymentThreshold: 0, checkThreshold: 50000, taxGroupId: 'TG', supervisorRoleIds: ['callCenterSupervisor'] });
  }

  private applied(order: CallCenterOrderContext): AppliedSourceCode | null {
    const code = order.header.sourceCode;
    if (code === null) return null;
    const applied = applySourceCode(this.catalogs, code, NOW);
    return isViolation(applied) ? null : applied;
  }

  private catalogOf = (code: string) => this.center.catalogs.find((c) => c.sourceCodes.some((s) => s.code === code))?.id ?? null;

  private view(order: CallCenterOrderContext): CallCenterOrderView {
    const applied = this.applied(order);
    const entered = this.coupons.get(order.orderId) ?? [];
    const couponNotes = Object.fromEntries(order.coupons.flatMap((o, i) => o.applied ? [] : [[o.code, notAppliedMessage(entered[i]!, o, this.currency)]]));
    return {
      order, summary: completionSummary(order),
      beginningScripts: sourceCodeScripts(this.center, applied, 'Beginning'), endScripts: sourceCodeScripts(this.center, applied, 'End'),
      paymentMethods: paymentMethodsOffered(order), modes: [{ code: 'STD', name: 'Standard shipping', kind: 'ship' }, { code: 'EXP', name: 'Express', kind: 'ship' }],
      itemNames: Object.fromEntries(PRODUCTS.map((p) => [p.productId, p.name])), couponNotes,
      paymentStatus: orderPaymentStatus(order), detailStatus: detailStatus(order),
    };
  }

  /** Stores the changed order with its coupons worked out again (as the host does after every change of lines). */
  private store(order: CallCenterOrderContext): CallCenterOrderView {
    const coupons = discountOrder(couponLines(order, this.catalogOf), this.coupons.get(order.orderId) ?? []).coupons;
    const saved = { ...order, coupons };
    this.orders.set(order.orderId, saved);
    return this.view(saved);
  }

  private price(order: CallCenterOrderContext, productId: string) {
    return resolvePrice(this.center, { id: productId, price: PRODUCTS.find((p) => p.productId === productId)!.unitPrice }, this.applied(order));
  }

  private newLine(order: CallCenterOrderContext, productId: string, quantity: number, lineId = `L${order.lines.length + 1}`): CallCenterLine {
    const price = this.price(order, productId);
    return { lineId, productId, quantity, unitPrice: price.unitPrice, priceSource: price.source, modeCode: order.header.modeCode!, sourceCode: order.header.sourceCode, taxRate: TAX_RATE };
  }

  async findCustomers(query: CustomerQuery): Promise<CustomerMatch[]> {
    const has = (value: string, wanted?: string) => wanted === undefined || wanted === '' || value.toLowerCase().includes(wanted.toLowerCase());
    return this.customers.filter((c) => has(c.name, query.name) && has(c.phone, query.phone) && has(c.email, query.email) && has(c.account, query.account));
  }

  async createCustomer(customer: NewCustomer): Promise<DeskAnswer<CustomerMatch>> {
    if (customer.name === '') return fail({ rule: 'CC-3', message: 'the new customer needs a name', field: 'name' });
    const created = { ...customer, customerId: `C-${this.customers.length + 1}`, account: `C-${this.customers.length + 1}` };
    this.customers.push(created);
    return ok(created);
  }

  async startOrder(customerId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const match = this.customers.find((c) => c.customerId === customerId)!;
    const account = customerSchema.parse({ accountId: match.account, name: match.name, type: 'person', email: match.email, phone: match.phone });
    const order = newCallCenterOrder({
      orderId: `CC-${String(this.orders.size + 1).padStart(6, '0')}`, terms: this.terms, orderDate: TODAY, createdBy: this.operatorId, createdAt: NOW,
      customer: { account, onAccount: false, creditLimit: null, balance: 0 },
    });
    return ok(this.store(order));
  }

  async sourceCodes(query: { filter: 'All' | 'Targeted'; customerId: string | null; text: string }) {
    return lookupSourceCodes(this.catalogs, { ...query, at: NOW });
  }

  async setHeader(orderId: string, change: HeaderChange, updateLines: boolean): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    const wrong = checkHeader(order, change);
    if (wrong !== null) return fail(wrong);
    if (change.sourceCode !== undefined && change.sourceCode !== null) {
      const applied = applySourceCode(this.catalogs, change.sourceCode, NOW);
      if (isViolation(applied)) return fail(applied);
      change = { ...change, sourceCode: applied.code };
    }
    return ok(this.store({ ...order, ...setHeader(order, change, updateLines) }));
  }

  async findItems(text: string): Promise<ItemChoice[]> {
    const wanted = text.toLowerCase();
    return PRODUCTS.filter((p) => p.productId.toLowerCase() === wanted || p.name.toLowerCase().includes(wanted));
  }

  async addLine(orderId: string, entry: { productId: string; quantity: number }): Promise<DeskAnswer<LineAdded>> {
    const order = this.orders.get(orderId)!;
    const line = this.newLine({ ...order, header: { ...order.header, modeCode: order.header.modeCode ?? '' } }, entry.productId, entry.quantity);
    const wrong = checkAddLine(order, line);
    if (wrong !== null) return fail(wrong);
    const view = this.store({ ...order, lines: addLine(order, line) });
    return ok({ view, prompt: onLineAdded(this.center, this.applied(order), line) });
  }

  async removeLine(orderId: string, lineId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    return ok(this.store({ ...order, ...removeLine(order, lineId) }));
  }

  /** CC-20 as the host decides it (host: engine/call-center-desk.ts changePrice), the system price from the catalog. */
  async changePrice(orderId: string, lineId: string, unitPrice: number, reason: string): Promise<DeskAnswer<PriceChanged>> {
    const order = this.orders.get(orderId)!;
    const line = order.lines.find((l) => l.lineId === lineId)!;
    const requestId = `PCR-${String(this.requests.length + 1).padStart(6, '0')}`;
    const decision = decidePriceChange(this.center, {
      operatorId: this.operatorId, orderId, lineId, productId: line.productId, systemPrice: this.price(order, line.productId).unitPrice, requestedPrice: unitPrice, requestId, reason, at: NOW,
    }, this.currency);
    if (decision.outcome === 'refused') return fail(decision.violation);
    if (decision.outcome === 'request-filed') {
      this.requests = [...this.requests, { ...decision.request, itemName: PRODUCTS.find((p) => p.productId === line.productId)!.name, agentName: STAFF_NAMES[this.operatorId] ?? this.operatorId }];
      await this.changed();
      return ok({ view: this.view(order), outcome: 'request-filed', requestId });
    }
    return ok({ view: this.withPrice(orderId, lineId, unitPrice), outcome: 'applied' });
  }

  private withPrice(orderId: string, lineId: string, unitPrice: number): CallCenterOrderView {
    const order = this.orders.get(orderId)!;
    return this.store({ ...order, lines: order.lines.map((l) => (l.lineId === lineId ? { ...l, unitPrice, priceSource: 'priceChange' as const } : l)) });
  }

  async reloadOrder(orderId: string): Promise<CallCenterOrderView> {
    return this.view(this.orders.get(orderId)!);
  }

  async giftCardBalance(cardNumber: string): Promise<number> {
    return giftCardBalance(cardNumber);
  }

  async answerOffer(orderId: string, offer: Parameters<CallCenterDesk['answerOffer']>[1], accept: boolean): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    if (!accept) return ok(this.view(order));
    const { suggestedProductId } = offer.suggestion;
    const lines = offer.suggestion.kind === 'upSell'
      ? acceptUpSell(order.lines, offer, this.price(order, suggestedProductId))
      : acceptCrossSell(order.lines, offer, this.newLine(order, suggestedProductId, 1));
    return isViolation(lines) ? fail(lines) : ok(this.store({ ...order, lines }));
  }

  async enterCoupon(orderId: string, code: string): Promise<DeskAnswer<CouponEntered>> {
    const order = this.orders.get(orderId)!;
    const onOrder = this.coupons.get(orderId) ?? [];
    const entry = checkCouponEntry({
      coupon: findCoupon(this.center.coupons, code), typedCode: code, orderId, customerId: order.customer!.account.accountId, date: TODAY,
      onOrder, lines: couponLines(order, this.catalogOf), ledger: emptyCouponLedger, currency: this.currency,
    });
    if (entry.accepted) this.coupons.set(orderId, [...onOrder, entry.coupon]);
    return ok({ view: this.store(order), entry });
  }

  /** A gift card's balance comes from the fake's gift card service (the host asks its own). */
  async addPayment(orderId: string, input: PaymentInput): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    const { giftCard, ...rest } = input;
    const entry = giftCard === undefined ? rest : { ...rest, giftCard: { number: giftCard.number, balance: giftCardBalance(giftCard.number) } };
    const wrong = checkPaymentEntry(order, entry, completionSummary(order).total);
    return wrong !== null ? fail(wrong) : ok(this.store({ ...order, payments: addPayment(order, entry) }));
  }

  async removePayment(orderId: string, paymentId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    const wrong = checkRemovePayment(order, paymentId);
    return wrong !== null ? fail(wrong) : ok(this.store({ ...order, payments: order.payments.filter((p) => p.paymentId !== paymentId) }));
  }

  private answers(order: CallCenterOrderContext): Record<string, AuthorizerAnswer> {
    return Object.fromEntries(order.payments.filter((p) => p.kind === 'card').map((p) => [p.paymentId,
      this.declineCards ? { approved: false, reason: 'the bank declined the card' } : { approved: true, reference: `AUTH-${p.paymentId}` }]));
  }

  async submit(orderId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    return ok(this.store({ ...order, ...submitOrder(order, this.answers(order), { userId: this.operatorId, at: NOW }) }));
  }

  async placeHold(orderId: string, hold: ManualHoldEntry): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    const placed = placeManualHold(order, { ...hold, user: this.user, at: NOW });
    if (isViolation(placed)) return fail(placed);
    const view = this.store({ ...order, ...placed });
    await this.changed();
    return ok(view);
  }

  async cancel(orderId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    return ok(this.store({ ...order, ...cancelOrder(order, { userId: this.operatorId, at: NOW }) }));
  }

  async save(orderId: string): Promise<DeskAnswer<CallCenterOrderView>> {
    const order = this.orders.get(orderId)!;
    return ok(this.store({ ...order, ...saveOrder(order, { userId: this.operatorId, at: NOW }) }));
  }

  async holdList(): Promise<HoldListRow[]> {
    const holds = [...this.orders.values()].flatMap((o) => o.holds);
    return holdList(holds, this.center.holdCodes, (orderId) => {
      const account = this.orders.get(orderId)!.customer!.account;
      return { customerId: account.accountId, customerName: account.name };
    }, NOW);
  }

  /** Changes one hold of its order after `check` passes; answers with the hold list. */
  private async onHold(holdId: string, check: (hold: CallCenterOrderContext['holds'][number]) => RuleViolation | null,
    change: (order: CallCenterOrderContext, hold: CallCenterOrderContext['holds'][number]) => Partial<CallCenterOrderContext> | RuleViolation): Promise<DeskAnswer<HoldListRow[]>> {
    const order = [...this.orders.values()].find((o) => o.holds.some((h) => h.holdId === holdId))!;
    const hold = order.holds.find((h) => h.holdId === holdId)!;
    const wrong = check(hold);
    if (wrong !== null) return fail(wrong);
    const changed = change(order, hold);
    if (isViolation(changed)) return fail(changed);
    this.orders.set(order.orderId, { ...order, ...changed });
    await this.changed();
    return ok(await this.holdList());
  }

  /** The live room's part: every watcher hears the lists as they now stand (as the server's room tells them). */
  watch(handlers: DeskWatch): () => void {
    this.watchers.add(handlers);
    return () => this.watchers.delete(handlers);
  }

  async changed(): Promise<void> {
    const holds = await this.holdList();
    for (const watcher of this.watchers) {
      watcher.holds(holds);
      watcher.requests(this.requests);
    }
  }

  private withHold = (order: CallCenterOrderContext, next: CallCenterOrderContext['holds'][number]) => ({ holds: order.holds.map((h) => (h.holdId === next.holdId ? next : h)) });

  checkOutHold(holdId: string) {
    return this.onHold(holdId, (h) => checkNotCheckedOutByOther(h, this.user), (o, h) => this.withHold(o, checkOutHold(h, this.user, NOW)));
  }

  releaseHold(holdId: string) {
    return this.onHold(holdId, (h) => checkReleaseCheckOut(h, this.user), (o, h) => this.withHold(o, releaseCheckOut(h)));
  }

  overrideCheckOut(holdId: string) {
    return this.onHold(holdId, (h) => checkOverrideCheckOut(this.terms.holdPolicy, h, this.user), (o, h) => this.withHold(o, checkOutHold(h, this.user, NOW)));
  }

  clearHold(holdId: string, variant: ClearVariant) {
    return this.onHold(holdId, (h) => checkClear(this.terms.holdPolicy, h, this.user),
      (o) => clearHoldAndResume(o, { holdId, user: this.user, at: NOW, variant, answers: this.answers(o) }));
  }

  async priceChangeRequests(): Promise<PriceChangeRequestRow[]> {
    return this.requests;
  }

  decidePriceChange(requestId: string, decision: { approve: true } | { approve: false; reason: string }): Promise<DeskAnswer<PriceChangeRequestRow[]>> {
    return this.decideAs(this.operatorId, requestId, decision);
  }

  /** A decision by another user of the call center (a supervisor deciding what this desk's agent asked). */
  async decideAs(approverId: string, requestId: string, decision: { approve: true } | { approve: false; reason: string }): Promise<DeskAnswer<PriceChangeRequestRow[]>> {
    const request = this.requests.find((r) => r.requestId === requestId)!;
    const decided = decision.approve
      ? approvePriceChangeRequest(this.center, request, approverId, NOW, this.currency)
      : rejectPriceChangeRequest(this.center, request, approverId, NOW, decision.reason);
    if (isViolation(decided)) return fail(decided);
    // A test may list requests for orders the fake never took.
    if (decided.status === 'approved' && this.orders.has(request.orderId)) this.withPrice(request.orderId, request.lineId, request.requestedPrice);
    this.requests = this.requests.map((r) => (r.requestId === requestId ? { ...r, ...decided } : r));
    await this.changed();
    return ok(this.requests);
  }

  async customerService(customerId: string): Promise<CustomerService> {
    const customer = this.customers.find((c) => c.customerId === customerId)!;
    const orders = [...this.orders.values()].filter((o) => o.customer?.account.accountId === customer.account).map((o) => ({
      orderId: o.orderId, createdAt: o.log[0]!.at, total: completionSummary(o).total,
      status: o.cancelledAt !== null ? 'Cancelled' as const : o.submittedAt === null ? 'Open' as const : 'Submitted' as const,
      detailStatus: detailStatus(o), paymentStatus: orderPaymentStatus(o), onHold: openHolds(o).length > 0, log: o.log,
    }));
    const catalogsSent = this.center.catalogs.filter((c) => c.sentTo.includes(customer.account)).map((c) => ({ catalogId: c.id, catalogName: c.name }));
    return { customer, orders, catalogsSent };
  }

  /** A test's order: taken for `customerId`, by standard shipping, with these items, then as `then` leaves it. */
  async order(customerId: string, items: [string, number][]): Promise<string> {
    const started = await this.startOrder(customerId);
    if (!started.ok) throw new Error(started.error.message);
    const { orderId } = started.value.order;
    await this.setHeader(orderId, { modeCode: 'STD' }, false);
    for (const [productId, quantity] of items) await this.addLine(orderId, { productId, quantity });
    return orderId;
  }
}
