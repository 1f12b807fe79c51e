/**
 * Call-center payments (CC-8) and Submit (CC-9): what an agent may enter, what each payment comes to, the status
 * Submit gives each payment, the holds it places, the prepayments it posts, and the order's payment status (derived).
 */
import { formatMoney, percentOf, splitByWeights, sumMinor, type BasisPoints, type Minor } from '../money.ts';
import { violation, type RuleViolation } from '../violation.ts';
import type { AutomaticHoldOrigin } from './holds.ts';
import type { PaymentMethod, PaymentMethodKind } from './config.ts';
import type { CallCenterOrderContext, Prepayment } from './order.ts';
// summary.ts resolves payments with this file's resolvePaymentAmounts: the two call each other only at run time.
import { completionSummary } from './summary.ts';

export type PaymentLineStatus = 'Not submitted' | 'Paid' | 'Authorized' | 'Not authorized';

/** CC-8: a fixed amount, or (card, gift card, on account) a share of the order total. */
export type PaymentShare = { amount: Minor } | { percent: BasisPoints };

export interface CallCenterPayment {
  paymentId: string;
  /** The channel's payment method (its code). */
  methodId: string;
  kind: PaymentMethodKind;
  share: PaymentShare;
  prepay: boolean;
  checkNumber?: string;
  cardToken?: string;
  /** The card's number and its balance when the payment was entered or last submitted. */
  giftCard?: { number: string; balance: Minor };
  status: PaymentLineStatus;
}

/** A payment as the agent enters it. */
export interface PaymentEntry {
  paymentId: string;
  methodId: string;
  share: PaymentShare;
  /** Normal only (default Yes); a check is always prepay, a card is prepay only when asked. */
  prepay?: boolean;
  checkNumber?: string;
  cardToken?: string;
  giftCard?: { number: string; balance: Minor };
}

const PERCENT_KINDS: ReadonlySet<PaymentMethodKind> = new Set(['card', 'giftCard', 'onAccount']);

/** CC-8: the channel's methods, without Customer (on account) unless the customer may pay on account. */
export function paymentMethodsOffered(context: Pick<CallCenterOrderContext, 'terms' | 'customer'>): PaymentMethod[] {
  return context.terms.paymentMethods.filter((m) => m.kind !== 'onAccount' || context.customer?.onAccount === true);
}

/**
 * What each payment comes to against `total`, in payment order. Percent shares split the total's percentage by
 * their rates with the remainder to the last, so 50% + 50% always makes the whole total.
 */
export function resolvePaymentAmounts(payments: readonly CallCenterPayment[], total: Minor): Minor[] {
  const rates = payments.map((p) => ('percent' in p.share ? p.share.percent : 0));
  const percentShares = splitByWeights(percentOf(total, sumMinor(rates)), rates.filter((r) => r > 0));
  let next = 0;
  return payments.map((p) => ('amount' in p.share ? p.share.amount : percentShares[next++]!));
}

function amountOf(payments: readonly CallCenterPayment[], total: Minor, paymentId: string): Minor {
  return resolvePaymentAmounts(payments, total)[payments.findIndex((p) => p.paymentId === paymentId)] ?? 0;
}

function checkShare(kind: PaymentMethodKind, share: PaymentShare): RuleViolation | null {
  if ('percent' in share) {
    if (!PERCENT_KINDS.has(kind)) return violation('CC-8', 'only a card, gift card or on-account payment can be a percentage of the total', 'share');
    return Number.isSafeInteger(share.percent) && share.percent > 0 && share.percent <= 10_000 ? null : violation('CC-8', 'a percentage must be above 0% and at most 100%', 'share.percent');
  }
  return Number.isSafeInteger(share.amount) && share.amount > 0 ? null : violation('CC-8', 'a payment amount must be a whole amount above zero', 'share.amount');
}

function checkMethodDetails(context: Pick<CallCenterOrderContext, 'customer'>, kind: PaymentMethodKind, entry: PaymentEntry): RuleViolation | null {
  switch (kind) {
    case 'check':
      if (entry.checkNumber === undefined || entry.checkNumber.trim() === '') return violation('CC-8', 'a check payment needs the check number', 'checkNumber');
      return entry.prepay === false ? violation('CC-8', 'a check is always a prepayment', 'prepay') : null;
    case 'card':
      return entry.cardToken === undefined || entry.cardToken === '' ? violation('CC-8', 'a card payment needs the card', 'cardToken') : null;
    case 'giftCard':
      return entry.giftCard === undefined || entry.giftCard.number === '' ? violation('CC-8', 'a gift card payment needs the gift card number', 'giftCard') : null;
    case 'onAccount':
      return context.customer?.onAccount === true ? null : violation('CC-8', 'this customer may not pay on account', 'methodId');
    case 'normal':
      return null;
  }
}

/** CC-7 / CC-8: a payment the agent may add to the order as it stands (`total` is the summary's total). */
export function checkPaymentEntry(context: CallCenterOrderContext, entry: PaymentEntry, total: Minor): RuleViolation | null {
  if (!context.terms.orderCompletion) return violation('CC-7', 'this call center takes no payments on the order: order completion is off', 'methodId');
  if (context.payments.some((p) => p.paymentId === entry.paymentId)) return violation('CONFLICT', `the order already has a payment "${entry.paymentId}"`, 'paymentId');
  const method = context.terms.paymentMethods.find((m) => m.code === entry.methodId);
  if (method === undefined) return violation('CC-8', `this call center does not take the payment method "${entry.methodId}"`, 'methodId');
  const wrong = checkShare(method.kind, entry.share) ?? checkMethodDetails(context, method.kind, entry);
  if (wrong !== null || method.kind !== 'giftCard') return wrong;
  const added = addPayment(context, entry);
  const amount = amountOf(added, total, entry.paymentId);
  return entry.giftCard!.balance >= amount ? null
    : violation('CC-8', `the gift card holds ${formatMoney(entry.giftCard!.balance, context.terms.currency)}, less than the ${formatMoney(amount, context.terms.currency)} asked of it`, 'giftCard', { balance: entry.giftCard!.balance, amount });
}

/** CC-8 defaults: Normal prepay Yes unless changed; a check always prepay; card prepay only when asked; gift card prepay. */
export function addPayment(context: Pick<CallCenterOrderContext, 'terms' | 'payments'>, entry: PaymentEntry): CallCenterPayment[] {
  const kind = context.terms.paymentMethods.find((m) => m.code === entry.methodId)!.kind;
  const prepay = kind === 'check' || kind === 'giftCard' ? true : kind === 'normal' ? (entry.prepay ?? true) : kind === 'card' && entry.prepay === true;
  const { prepay: _asked, ...details } = entry;
  return [...context.payments, { ...details, kind, prepay, status: 'Not submitted' }];
}

/** Paid money was taken: it is refunded, never simply removed from the order (decision). */
export function checkRemovePayment(context: CallCenterOrderContext, paymentId: string): RuleViolation | null {
  const payment = context.payments.find((p) => p.paymentId === paymentId);
  if (payment === undefined) return violation('NOT_FOUND', `the order has no payment "${paymentId}"`, 'paymentId');
  return payment.status === 'Paid' ? violation('CC-8', 'this payment is already paid: refund it instead of removing it', 'paymentId') : null;
}

/** The authoriser's answer for a card payment; a card with no answer (service unreachable) stays Not submitted. */
export type AuthorizerAnswer = { approved: true; reference: string } | { approved: false; reason: string };

/** CC-9: an automatic hold Submit places (CC-17), with what triggered it. */
export interface AutomaticHold { reason: Exclude<AutomaticHoldOrigin, 'fraud'>; note: string }

export interface SubmitOutcome {
  payments: CallCenterPayment[];
  holds: AutomaticHold[];
  prepayments: Prepayment[];
  /** Payments Submit found Not authorized (CC-23 logs each as declined). */
  declined: string[];
}

function submittedStatus(payment: CallCenterPayment, amount: Minor, context: CallCenterOrderContext, answer: AuthorizerAnswer | undefined): PaymentLineStatus {
  switch (payment.kind) {
    case 'normal':
      return payment.prepay ? 'Paid' : 'Authorized';
    case 'check':
      return 'Paid';
    case 'card':
      if (answer === undefined) return 'Not submitted';
      if (!answer.approved) return 'Not authorized';
      // Captured now only as a prepayment; else at invoice.
      return payment.prepay ? 'Paid' : 'Authorized';
    case 'giftCard':
      return payment.giftCard !== undefined && payment.giftCard.balance >= amount ? 'Paid' : 'Not authorized';
    case 'onAccount':
      return context.customer?.onAccount === true ? 'Authorized' : 'Not authorized';
  }
}

/**
 * CC-9 holds: the causes Submit finds (holds.ts does not place a cause already open twice). Decision: a cause a
 * supervisor cleared on this order is taken as accepted, so re-submitting after the clear does not hold it again.
 */
function automaticHolds(context: CallCenterOrderContext, payments: readonly CallCenterPayment[], amounts: readonly Minor[], total: Minor): AutomaticHold[] {
  const money = (amount: Minor) => formatMoney(amount, context.terms.currency);
  const holds: AutomaticHold[] = [];
  const paid = sumMinor(amounts);
  if (Math.abs(paid - total) > context.terms.overUnderpaymentThreshold) {
    holds.push({ reason: 'outOfBalance', note: `payments of ${money(paid)} against an order total of ${money(total)}` });
  }
  const customer = context.customer;
  if (customer !== null && customer.creditLimit !== null) {
    // Credit exposure: what the order leaves on the customer's account (on-account payments and any unpaid rest).
    const onAccount = sumMinor(payments.flatMap((p, i) => (p.kind === 'onAccount' ? [amounts[i]!] : [])));
    const exposure = customer.balance + onAccount + Math.max(0, total - paid);
    if (exposure > customer.creditLimit) holds.push({ reason: 'creditLimit', note: `${money(exposure)} on account against a credit limit of ${money(customer.creditLimit)}` });
  }
  const threshold = context.terms.checkThreshold;
  const bigCheck = threshold === null ? undefined : payments.findIndex((p, i) => p.kind === 'check' && amounts[i]! > threshold);
  if (bigCheck !== undefined && bigCheck >= 0) holds.push({ reason: 'check', note: `a check of ${money(amounts[bigCheck]!)} is over ${money(threshold!)}` });
  const cleared = new Set(context.holds.filter((h) => h.cleared !== null).map((h) => h.origin));
  return holds.filter((h) => !cleared.has(h.reason));
}

/**
 * CC-9 Submit: each payment not yet Paid or Authorized gets its status (cards by the authoriser's `answers`), the
 * automatic holds to place, and a prepayment for every payment newly Paid as prepay.
 */
export function submitPayments(context: CallCenterOrderContext, total: Minor, answers: Readonly<Record<string, AuthorizerAnswer>>): SubmitOutcome {
  const amounts = resolvePaymentAmounts(context.payments, total);
  const payments = context.payments.map((p, i): CallCenterPayment => {
    if (p.status === 'Paid' || p.status === 'Authorized') return p;
    const status = submittedStatus(p, amounts[i]!, context, answers[p.paymentId]);
    // A percentage becomes the amount taken: a later change of the total does not move money already paid or authorised.
    return status === 'Paid' || status === 'Authorized' ? { ...p, status, share: { amount: amounts[i]! } } : { ...p, status };
  });
  const prepayments = payments.flatMap((p, i) =>
    p.status === 'Paid' && context.payments[i]!.status !== 'Paid' && p.prepay ? [{ paymentId: p.paymentId, methodId: p.methodId, amount: amounts[i]! }] : []);
  const declined = payments.filter((p) => p.status === 'Not authorized').map((p) => p.paymentId);
  return { payments, holds: automaticHolds(context, payments, amounts, total), prepayments, declined };
}

export type OrderPaymentStatus = 'Not submitted' | 'Declined' | 'Approved';

/**
 * CC-9 / CC-19: the order's payment status. Approved once submitted with every payment Paid or Authorized and at least
 * one of them, unless the order owes nothing (whether they cover the total is the out-of-balance hold's business);
 * Declined while a payment is Not authorized; else Not submitted. An order left with nothing paid (its declined card
 * removed after Submit, say) is not Approved: CC-9's Do not process stays until a valid payment is submitted.
 */
export function orderPaymentStatus(context: CallCenterOrderContext): OrderPaymentStatus {
  if (context.payments.some((p) => p.status === 'Not authorized')) return 'Declined';
  if (context.submittedAt === null || context.payments.some((p) => p.status === 'Not submitted')) return 'Not submitted';
  return context.payments.length > 0 || completionSummary(context).total <= 0 ? 'Approved' : 'Not submitted';
}
