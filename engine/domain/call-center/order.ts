/**
 * A call-center order as its actor holds it (CC-3, CC-6..CC-9, CC-17, CC-22, CC-23): the channel's terms it was
 * entered under, the customer, header, lines, coupons and payments; its holds (placed and cleared by the rules of
 * holds.ts); the event log. Entry rules return a RuleViolation in words an agent reads; statuses are derived, never stored.
 */
import type { Catalog } from '../catalog.ts';
import type { AppliedCharge } from '../charges.ts';
import type { Customer } from '../config.ts';
import { sumMinor, type BasisPoints, type Minor } from '../money.ts';
import { taxRateFor } from '../tax.ts';
import { refuse, violation, type RuleViolation } from '../violation.ts';
import {
  clearedInWords, clearHold, heldInWords, isOpen, orderHoldState, placeAutomaticHolds, placeHold, type CallCenterUser, type ClearVariant, type HoldPolicy, type ManualHoldOrigin,
  type OrderHold,
} from './holds.ts';
import type { CallCenterConfig, PaymentMethod } from './config.ts';
import type { CouponLine, CouponOutcome } from './coupons.ts';
import { orderPaymentStatus, submitPayments, type AuthorizerAnswer, type CallCenterPayment } from './payments.ts';
import type { PriceSource } from './pricing.ts';
import { completionSummary, isContinuityParentLine } from './summary.ts';

/** CC-1 / CC-2: what an order takes from the channel of the agent who enters it, copied when it is created. */
export interface CallCenterTerms {
  channelId: string;
  currency: string;
  /** CC-1 order completion (CC-6, CC-7): the summary, CC payments and Submit. */
  orderCompletion: boolean;
  paymentMethods: readonly PaymentMethod[];
  /** CC-22: the modes of delivery the channel offers (codes of the chain's modes). */
  modesOfDelivery: readonly string[];
  /** CC-9: payments may differ from the order total by this much before the order goes on hold. */
  overUnderpaymentThreshold: Minor;
  /** CC-9: a check above this amount puts the order on hold; null = no check limit. */
  checkThreshold: Minor | null;
  /** CC-16 / CC-18: the channel's hold codes (the Default one for the holds Submit places) and its supervisors. */
  holdPolicy: HoldPolicy;
  /** The channel's tax group where no destination's applies (the call center has no store of its own). */
  taxGroupId: string;
  /**
   * CC-15: the channel's continuity parent items. The order bills nothing for their lines: the program is billed by
   * its child orders (summary.ts). Absent in orders taken before it was kept: none.
   */
  continuityParentItems?: readonly string[];
}

/** What the call center's configuration does not say and the chain's settings do (CC-9 thresholds, supervisors, tax). */
export type ChainTerms = Pick<CallCenterTerms, 'currency' | 'overUnderpaymentThreshold' | 'checkThreshold' | 'taxGroupId'> & { supervisorRoleIds: readonly string[] };

/** CC-1 / CC-2: the terms an order entered in `center` is taken under. */
export function termsOf(center: CallCenterConfig, chain: ChainTerms): CallCenterTerms {
  const { supervisorRoleIds, ...rest } = chain;
  return {
    ...rest, channelId: center.id, orderCompletion: center.orderCompletion, paymentMethods: center.paymentMethods,
    modesOfDelivery: center.modesOfDelivery, holdPolicy: { holdCodes: center.holdCodes, supervisorRoleIds },
    continuityParentItems: center.continuity.parentItems.map((p) => p.itemId),
  };
}

/** CC-3: the customer found for the order, with the credit terms CC-8 and CC-9 ask about. */
export interface CallCenterCustomer {
  account: Customer;
  /** CC-8: the customer may pay on account. */
  onAccount: boolean;
  /** CC-9: null = no credit limit. */
  creditLimit: Minor | null;
  /** What the customer owes on account already. */
  balance: Minor;
}

/** CC-5 / CC-20: where a line's unit price came from (pricing.ts resolves it), or a price change an authorised user made. */
export type LinePriceSource = PriceSource | 'priceChange';

export interface CallCenterLine {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: Minor;
  priceSource: LinePriceSource;
  /** CC-22: the line's own mode of delivery (the header's by default). */
  modeCode: string;
  /** CC-4: copied from the header when the line is added. */
  sourceCode: string | null;
  /** CO-12 rate for the line's destination (`lineTaxRate`). */
  taxRate: BasisPoints;
}

export interface CallCenterHeader {
  sourceCode: string | null;
  /** CC-22: null until the agent picks one. */
  modeCode: string | null;
  /** ISO date the order is taken on (CC-4 checks source codes against it). */
  orderDate: string;
}


export type OrderEventKind = 'created' | 'submitted' | 'held' | 'cleared' | 'declined' | 'shipped' | 'invoiced' | 'cancelled';
/** CC-23: what happened to the order, by whom and when. */
export interface OrderLogEntry { kind: OrderEventKind; userId: string; at: number; note?: string }

/** CC-9: a prepayment Submit posts, settled later by the invoice. */
export interface Prepayment { paymentId: string; methodId: string; amount: Minor }

export interface CallCenterOrderContext {
  orderId: string;
  terms: CallCenterTerms;
  /** CC-3: required before header, lines or Complete. */
  customer: CallCenterCustomer | null;
  header: CallCenterHeader;
  lines: CallCenterLine[];
  /** CH-3 / CC-22: the auto charges, recomputed whenever the customer, header or lines change. */
  charges: AppliedCharge[];
  /** CC-12 / CC-13: what coupons.ts `discountOrder` made of the codes on the order, in the order entered. */
  coupons: CouponOutcome[];
  payments: CallCenterPayment[];
  holds: OrderHold[];
  prepayments: Prepayment[];
  /** When the order was last submitted (completion off: saved); null while it is being entered. */
  submittedAt: number | null;
  cancelledAt: number | null;
  log: OrderLogEntry[];
}

export interface CallCenterOrderInput {
  orderId: string;
  terms: CallCenterTerms;
  orderDate: string;
  createdBy: string;
  createdAt: number;
  customer?: CallCenterCustomer;
}

export function newCallCenterOrder(input: CallCenterOrderInput): CallCenterOrderContext {
  return {
    orderId: input.orderId, terms: input.terms, customer: input.customer ?? null,
    header: { sourceCode: null, modeCode: null, orderDate: input.orderDate },
    lines: [], charges: [], coupons: [], payments: [], holds: [], prepayments: [], submittedAt: null, cancelledAt: null,
    log: [{ kind: 'created', userId: input.createdBy, at: input.createdAt }],
  };
}

// --- CC-3 entry ---

export function checkCustomerChosen(context: Pick<CallCenterOrderContext, 'customer'>): RuleViolation | null {
  return context.customer === null ? violation('CC-3', 'find or create the customer first: a call-center order needs one', 'customerId') : null;
}

/** CC-22: a mode of delivery the channel offers (channel.ts says the same of a channel's configuration, CC-1). */
export function checkModeOffered(terms: CallCenterTerms, modeCode: string, field: string): RuleViolation | null {
  return terms.modesOfDelivery.includes(modeCode) ? null
    : violation('CC-22', `this call center does not deliver by "${modeCode}": choose ${terms.modesOfDelivery.join(', ')}`, field);
}

/** A line as the agent enters it: mode and source code default to the header's (CC-22, CC-4). */
export interface LineEntry {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: Minor;
  priceSource: LinePriceSource;
  taxRate: BasisPoints;
  modeCode?: string;
}

function checkQuantityAndPrice(quantity: number, unitPrice: Minor): RuleViolation | null {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return violation('CC-3', 'the quantity must be a whole number of at least 1', 'quantity');
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) return violation('CC-3', 'the unit price must be a whole, non-negative amount', 'unitPrice');
  return null;
}

export function checkAddLine(context: CallCenterOrderContext, entry: LineEntry): RuleViolation | null {
  const noCustomer = checkCustomerChosen(context);
  if (noCustomer !== null) return noCustomer;
  if (entry.productId === '') return violation('CC-3', 'enter an item number', 'productId');
  if (context.lines.some((l) => l.lineId === entry.lineId)) return violation('CONFLICT', `the order already has a line "${entry.lineId}"`, 'lineId');
  const mode = entry.modeCode ?? context.header.modeCode;
  if (mode === null) return violation('CC-22', 'choose a mode of delivery on the header or for the line', 'modeCode');
  return checkModeOffered(context.terms, mode, 'modeCode') ?? checkQuantityAndPrice(entry.quantity, entry.unitPrice);
}

export function addLine(context: CallCenterOrderContext, entry: LineEntry): CallCenterLine[] {
  const { modeCode, ...line } = entry;
  return [...context.lines, { ...line, modeCode: modeCode ?? context.header.modeCode!, sourceCode: context.header.sourceCode }];
}

/** A change to a line: its quantity, price (with where it came from), or its own mode of delivery. */
export interface LineChange {
  lineId: string;
  quantity?: number;
  price?: { unitPrice: Minor; priceSource: LinePriceSource };
  modeCode?: string;
  taxRate?: BasisPoints;
}

export function checkChangeLine(context: CallCenterOrderContext, change: LineChange): RuleViolation | null {
  const line = context.lines.find((l) => l.lineId === change.lineId);
  if (line === undefined) return violation('NOT_FOUND', `the order has no line "${change.lineId}"`, 'lineId');
  if (change.modeCode !== undefined) {
    const wrong = checkModeOffered(context.terms, change.modeCode, 'modeCode');
    if (wrong !== null) return wrong;
  }
  return checkQuantityAndPrice(change.quantity ?? line.quantity, change.price?.unitPrice ?? line.unitPrice);
}

export function changeLine(context: CallCenterOrderContext, change: LineChange): CallCenterLine[] {
  return context.lines.map((l) => l.lineId !== change.lineId ? l : {
    ...l,
    quantity: change.quantity ?? l.quantity,
    unitPrice: change.price?.unitPrice ?? l.unitPrice,
    priceSource: change.price?.priceSource ?? l.priceSource,
    modeCode: change.modeCode ?? l.modeCode,
    taxRate: change.taxRate ?? l.taxRate,
  });
}

export function checkRemoveLine(context: CallCenterOrderContext, lineId: string): RuleViolation | null {
  return context.lines.some((l) => l.lineId === lineId) ? null : violation('NOT_FOUND', `the order has no line "${lineId}"`, 'lineId');
}

export function removeLine(context: CallCenterOrderContext, lineId: string): Pick<CallCenterOrderContext, 'lines' | 'coupons'> {
  return { lines: context.lines.filter((l) => l.lineId !== lineId), coupons: context.coupons.map((c) => withoutLine(c, lineId)) };
}

// --- CC-22 header mode of delivery ---

export interface HeaderChange { sourceCode?: string | null; modeCode?: string }

export function checkHeader(context: CallCenterOrderContext, change: HeaderChange): RuleViolation | null {
  return checkCustomerChosen(context) ?? (change.modeCode === undefined ? null : checkModeOffered(context.terms, change.modeCode, 'modeCode'));
}

/** CC-22: the lines a new header mode would change, offered to the agent before `setHeader` applies them. */
export function linesOffMode(lines: readonly CallCenterLine[], modeCode: string): CallCenterLine[] {
  return lines.filter((l) => l.modeCode !== modeCode);
}

/**
 * CC-22 / CC-4: the new header; with `updateLines` the lines take the new mode (the agent accepted the offer of
 * `linesOffMode`). A new source code is copied to lines that carried the old one; lines entered under another code
 * keep theirs.
 */
export function setHeader(context: CallCenterOrderContext, change: HeaderChange, updateLines: boolean): Pick<CallCenterOrderContext, 'header' | 'lines'> {
  const header = {
    ...context.header,
    ...(change.sourceCode === undefined ? {} : { sourceCode: change.sourceCode }),
    ...(change.modeCode === undefined ? {} : { modeCode: change.modeCode }),
  };
  const lines = context.lines.map((l) => ({
    ...l,
    modeCode: updateLines && change.modeCode !== undefined ? change.modeCode : l.modeCode,
    sourceCode: change.sourceCode !== undefined && l.sourceCode === context.header.sourceCode ? change.sourceCode : l.sourceCode,
  }));
  return { header, lines };
}

/**
 * CO-12 for a call-center line (decision): tax follows the destination, as a store with destination-based tax does:
 * a ship line the customer's delivery address (else their first address), a pickup line the pickup store; else the
 * channel's tax group.
 */
export function lineTaxRate(catalog: Catalog, context: Pick<CallCenterOrderContext, 'terms' | 'customer'>, modeCode: string, pickupLocationId?: string): BasisPoints {
  const kind = catalog.modes.get(modeCode)?.kind ?? 'ship';
  const customer = context.customer?.account;
  const address = customer?.addresses.find((a) => a.id === customer.deliveryAddressId) ?? customer?.addresses[0];
  const channelTax = { taxGroupId: context.terms.taxGroupId, destinationBasedTax: true, customerBasedTax: true };
  return taxRateFor(catalog, channelTax, customer, { kind, locationId: pickupLocationId ?? '', address });
}

// --- CC-12 / CC-13 coupons (their rules are coupons.ts; the order keeps the outcome) ---

/**
 * The order's lines as coupons see them; `catalogOf` names the catalog of a source code (CC-4). A continuity parent
 * line is not among them (decision): the order bills nothing for it (CC-15), so there is nothing to take off.
 */
export function couponLines(context: Pick<CallCenterOrderContext, 'lines' | 'terms'>, catalogOf: (sourceCode: string) => string | null): CouponLine[] {
  return context.lines.filter((l) => !isContinuityParentLine(context, l)).map((l) => ({
    lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, catalogId: l.sourceCode === null ? null : catalogOf(l.sourceCode),
  }));
}

/** The outcome fits the order: whole positive discounts on the order's lines, no line discounted below zero. */
export function checkCoupons(context: CallCenterOrderContext, coupons: readonly CouponOutcome[]): RuleViolation | null {
  const discounted = new Map<string, Minor>();
  for (const [c, coupon] of coupons.entries()) {
    for (const [i, d] of coupon.lines.entries()) {
      const field = `coupons.${c}.lines.${i}`;
      const line = context.lines.find((l) => l.lineId === d.lineId);
      if (line === undefined) return violation('NOT_FOUND', `the order has no line "${d.lineId}"`, `${field}.lineId`);
      if (!Number.isSafeInteger(d.discount) || d.discount <= 0) return violation('VALIDATION', 'a discount is a whole amount above zero', `${field}.discount`);
      const total = (discounted.get(d.lineId) ?? 0) + d.discount;
      if (total > line.quantity * line.unitPrice) return violation('CC-13', `the discounts on line ${d.lineId} would be more than the line is worth`, `${field}.discount`, { discount: total });
      discounted.set(d.lineId, total);
    }
  }
  return null;
}

/**
 * A removed line takes its coupon discounts with it; a coupon left with none takes nothing off (the host runs
 * `discountOrder` again on the changed order, as after any change of lines).
 */
function withoutLine(coupon: CouponOutcome, lineId: string): CouponOutcome {
  if (!coupon.applied) return coupon;
  const lines = coupon.lines.filter((l) => l.lineId !== lineId);
  if (lines.length === 0) return { code: coupon.code, applied: false, why: 'nothingLeft', shortfall: 0, discount: 0, lines: [] };
  return { ...coupon, lines, discount: sumMinor(lines.map((l) => l.discount)) };
}

// --- CC-17 holds ---

export const openHolds = (context: Pick<CallCenterOrderContext, 'holds'>): OrderHold[] => context.holds.filter(isOpen);

const nextHoldId = (context: Pick<CallCenterOrderContext, 'orderId' | 'holds'>, offset = 0) => `${context.orderId}-H${context.holds.length + 1 + offset}`;

const heldEntry = (terms: CallCenterTerms, hold: OrderHold): OrderLogEntry => ({ kind: 'held', userId: hold.placedBy, at: hold.placedAt, note: heldInWords(terms.holdPolicy, hold) });

/** CC-23: a payment Submit found Not authorized, as the log tells staff. */
function declinedInWords(terms: CallCenterTerms, payment: CallCenterPayment, answer: AuthorizerAnswer | undefined): string {
  const method = terms.paymentMethods.find((m) => m.code === payment.methodId)?.name ?? payment.methodId;
  const why = answer !== undefined && !answer.approved ? answer.reason
    : payment.kind === 'giftCard' ? 'the gift card does not hold enough' : 'it was not authorised';
  return `${method} payment ${payment.paymentId} declined: ${why}`;
}

/** CC-17: an agent's hold, at entry or on the summary, under a code their role may use (CC-16). */
export interface ManualHold { user: CallCenterUser; at: number; origin: ManualHoldOrigin; code?: string; reasonCode?: string; notes?: string }

/** CC-16 / CC-17: the order with the agent's hold placed, or why it cannot be. */
export function placeManualHold(context: CallCenterOrderContext, request: ManualHold): Pick<CallCenterOrderContext, 'holds' | 'log'> | RuleViolation {
  const placed = placeHold(context.terms.holdPolicy, context.holds, { ...request, holdId: nextHoldId(context), orderId: context.orderId });
  if ('rule' in placed) return placed;
  return { holds: [...context.holds, placed.hold], log: [...context.log, heldEntry(context.terms, placed.hold)] };
}

// --- CC-9 Submit and CC-19 clearing ---

/** Who does something to the order, and when (CC-23 logs it). */
export interface ActedBy { userId: string; at: number }

/**
 * CC-9 Submit: the payments get their statuses against the summary's total, the automatic holds are placed under the
 * channel's Default hold code (CC-16), prepayments are posted, and the log records the submit and each decline.
 */
export function submitOrder(context: CallCenterOrderContext, answers: Readonly<Record<string, AuthorizerAnswer>>, by: ActedBy): Omit<CallCenterOrderContext, 'orderId' | 'terms' | 'customer' | 'header' | 'lines' | 'charges' | 'coupons' | 'cancelledAt'> {
  const outcome = submitPayments(context, completionSummary(context).total, answers);
  let numbered = 0;
  const automatic = placeAutomaticHolds(context.terms.holdPolicy, context.holds, outcome.holds.map((h) => h.reason),
    { orderId: context.orderId, placedBy: by.userId, at: by.at, holdIdOf: () => nextHoldId(context, numbered++) });
  // Hold ids are numbered past every hold of the order: a refusal here is a broken order, not the agent's doing.
  if ('rule' in automatic) refuse(automatic.rule, automatic.message, automatic.field);
  const notes = new Map(outcome.holds.map((h) => [h.reason as string, h.note]));
  const placed = automatic.placed.map((h) => ({ ...h, notes: notes.get(h.origin) ?? '' }));
  const declined = outcome.payments.filter((p) => outcome.declined.includes(p.paymentId));
  const log: OrderLogEntry[] = [...context.log, { kind: 'submitted', userId: by.userId, at: by.at },
    ...declined.map((p) => ({ kind: 'declined' as const, userId: by.userId, at: by.at, note: declinedInWords(context.terms, p, answers[p.paymentId]) })),
    ...placed.map((h) => heldEntry(context.terms, h))];
  return { holds: [...context.holds, ...placed], log, payments: outcome.payments, prepayments: [...context.prepayments, ...outcome.prepayments], submittedAt: by.at };
}

/** CC-19: a clear of one of the order's holds, with the authoriser's answers for the submit it may ask for. */
export interface HoldClear { holdId: string; user: CallCenterUser; at: number; variant: ClearVariant; answers: Readonly<Record<string, AuthorizerAnswer>> }

/** CC-9 / CC-19: a submit goes through when every payment is approved and it places no hold. */
function submitFailure(before: CallCenterOrderContext, after: ReturnType<typeof submitOrder>): RuleViolation | null {
  if (orderPaymentStatus({ ...before, ...after }) !== 'Approved') return violation('CC-9', 'a payment was not approved', 'payments');
  const held = after.holds.slice(before.holds.length)[0];
  return held === undefined ? null : violation('CC-9', `it would go on hold again: ${held.notes}`, 'payments');
}

/**
 * CC-19 (rules in holds.ts `clearHold`): the order after a hold is cleared. Submit when cleared / Clear and submit
 * submit the order once its last hold is cleared; a failed submit refuses the clear (the hold stays) with "submit
 * when cleared", and with "Clear and submit" clears the hold and leaves the order Do not process. Clear and modify
 * opens the order again: it must be submitted anew.
 */
export function clearHoldAndResume(context: CallCenterOrderContext, clear: HoldClear): Partial<CallCenterOrderContext> | RuleViolation {
  // CC-3: only an order with items is submitted; a clear that would submit an empty one is refused, the hold kept.
  if ((clear.variant === 'clearAndSubmit' || clear.variant === 'submitWhenCleared') && context.lines.length === 0) {
    return violation('CC-3', 'the order has no items: add an item, then clear the hold to submit it', 'variant');
  }
  let submitted: ReturnType<typeof submitOrder> | null = null;
  const by = { userId: clear.user.operatorId, at: clear.at };
  const result = clearHold(context.terms.holdPolicy, context.holds, clear, context, (order) => {
    submitted = submitOrder(order, clear.answers, by);
    const failed = submitFailure(order, submitted);
    return failed === null ? { ok: true } : { violation: failed };
  });
  if ('rule' in result) return result;
  const after: Partial<CallCenterOrderContext> = submitted ?? {};
  const holds = (after.holds ?? context.holds).map((h) => (h.holdId === result.hold.holdId ? result.hold : h));
  const cleared: OrderLogEntry = { kind: 'cleared', userId: by.userId, at: by.at, note: clearedInWords(context.terms.holdPolicy, result) };
  const log = [...context.log, cleared, ...(after.log ?? context.log).slice(context.log.length)];
  return { ...after, holds, log, ...(result.reopenForEntry ? { submittedAt: null } : {}) };
}

export function cancelOrder(context: CallCenterOrderContext, by: ActedBy, note?: string): Pick<CallCenterOrderContext, 'cancelledAt' | 'log'> {
  return { cancelledAt: by.at, log: [...context.log, { kind: 'cancelled', userId: by.userId, at: by.at, ...(note === undefined ? {} : { note }) }] };
}

/** Completion off (CC-7): leaving the order saves it as a plain sales order, logged as submitted. */
export function saveOrder(context: CallCenterOrderContext, by: ActedBy): Pick<CallCenterOrderContext, 'submittedAt' | 'log'> {
  return { submittedAt: by.at, log: [...context.log, { kind: 'submitted', userId: by.userId, at: by.at }] };
}

/** CC-23: shipped and invoiced, as fulfilment reports them. */
export function logFulfilment(context: CallCenterOrderContext, kind: 'shipped' | 'invoiced', by: ActedBy, note?: string): OrderLogEntry[] {
  return [...context.log, { kind, userId: by.userId, at: by.at, ...(note === undefined ? {} : { note }) }];
}

// --- Derived statuses ---

/**
 * CC-17 / CC-19 Do not process: any open hold, or (completion on) payment not Approved: an order not yet submitted,
 * one with a declined or unanswered payment. Completion off has no CC payments, so only holds count.
 */
export function doNotProcess(context: CallCenterOrderContext): boolean {
  if (context.cancelledAt !== null) return true;
  const paymentApproved = context.terms.orderCompletion ? orderPaymentStatus(context) === 'Approved' : context.submittedAt !== null;
  return orderHoldState(context.holds, { doNotProcess: !paymentApproved, paymentApproved }).doNotProcess;
}

export type DetailStatus = 'Open' | 'On hold' | 'Fraud hold' | 'Do not process' | 'Submitted' | 'Cancelled';

/** CC-17 / CC-23 detail status; the first matching row wins. */
const DETAIL_STATUS: readonly [DetailStatus, (context: CallCenterOrderContext) => boolean][] = [
  ['Cancelled', (c) => c.cancelledAt !== null],
  ['Fraud hold', (c) => openHolds(c).some((h) => h.origin === 'fraud')],
  ['On hold', (c) => openHolds(c).length > 0],
  ['Open', (c) => c.submittedAt === null],
  ['Do not process', doNotProcess],
  ['Submitted', () => true],
];

export function detailStatus(context: CallCenterOrderContext): DetailStatus {
  return DETAIL_STATUS.find(([, matches]) => matches(context))![0];
}

/**
 * CC-16: an open hold whose code removes inventory reservations has released the order's; the host releases them when
 * this turns true and reserves again when it turns false (holds.ts releases once, however many such holds are open).
 */
export function reservationsReleased(context: Pick<CallCenterOrderContext, 'holds'>): boolean {
  return openHolds(context).some((h) => h.releasedReservations);
}

/** CC-6: only an order nothing stops goes on to picking. */
export function releasedToPicking(context: CallCenterOrderContext): boolean {
  return context.lines.length > 0 && !doNotProcess(context);
}
