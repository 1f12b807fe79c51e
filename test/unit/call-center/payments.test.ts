/** CC-8 payment entry and CC-9 Submit: statuses, automatic holds, prepayments, the order's payment status. */
import { describe, expect, it } from 'vitest';
import type { OrderHold } from '../../../engine/domain/call-center/holds.ts';
import type { CallCenterOrderContext } from '../../../engine/domain/call-center/order.ts';
import {
  addPayment, checkPaymentEntry, checkRemovePayment, orderPaymentStatus, paymentMethodsOffered, resolvePaymentAmounts, submitPayments,
  type CallCenterPayment, type PaymentEntry,
} from '../../../engine/domain/call-center/payments.ts';
import { completionSummary } from '../../../engine/domain/call-center/summary.ts';
import { callCenterCatalog, customer, line, orderWith, terms } from './order-fixture.ts';

const catalog = callCenterCatalog();
// 1 tent at 199.99 + 10% tax, header mode STD with free ground freight over 100.00: 219.99.
const order = orderWith(catalog, [line('L1', 'P-TENT', 1, 19_999)]);
const TOTAL = completionSummary(order).total;

function paid(context: CallCenterOrderContext, ...entries: PaymentEntry[]): CallCenterOrderContext {
  let next = context;
  for (const entry of entries) {
    expect(checkPaymentEntry(next, entry, TOTAL)).toBeNull();
    next = { ...next, payments: addPayment(next, entry) };
  }
  return next;
}

const card = (paymentId: string, share: PaymentEntry['share'], prepay?: boolean): PaymentEntry =>
  ({ paymentId, methodId: 'VISA', share, cardToken: `tok-${paymentId}`, ...(prepay === undefined ? {} : { prepay }) });

describe('CC-8 payment entry', () => {
  it('CC-8 only the channel\'s methods are taken', () => {
    expect(TOTAL).toBe(21_999);
    expect(checkPaymentEntry(order, { paymentId: 'P1', methodId: 'AMEX', share: { amount: 100 } }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'methodId', message: 'this call center does not take the payment method "AMEX"' });
  });

  it('CC-8 several payments per order; a percentage only for card, gift card and on account', () => {
    const withTwo = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: 2_000 } }, card('P2', { percent: 5_000 }));
    expect(withTwo.payments).toHaveLength(2);
    expect(checkPaymentEntry(order, { paymentId: 'P3', methodId: 'CASH', share: { percent: 1_000 } }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'share' });
    expect(checkPaymentEntry(order, card('P3', { percent: 0 }), TOTAL)).toMatchObject({ rule: 'CC-8', field: 'share.percent' });
    expect(checkPaymentEntry(order, { paymentId: 'P3', methodId: 'CASH', share: { amount: -5 } }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'share.amount' });
  });

  it('CC-8 percentages split the total with the remainder to the last, so 50% + 50% is the whole total', () => {
    const halves = paid(order, card('P1', { percent: 5_000 }), { paymentId: 'P2', methodId: 'GIFT', share: { percent: 5_000 }, giftCard: { number: 'G1', balance: 20_000 } });
    expect(resolvePaymentAmounts(halves.payments, TOTAL)).toEqual([11_000, 10_999]);
    // Once taken, a percentage is the amount it came to: a later change of the total moves only what is not yet taken.
    const submitted = submitPayments(halves, TOTAL, {}).payments;
    expect(submitted.map((p) => [p.status, p.share])).toEqual([['Not submitted', { percent: 5_000 }], ['Paid', { amount: 10_999 }]]);
    expect(resolvePaymentAmounts(submitted, 30_000)).toEqual([15_000, 10_999]);
  });

  it('CC-8 Normal: prepay Yes by default, changeable; Check: number required, always prepay; Card: prepay only when asked', () => {
    const withCash = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: 100 } }, { paymentId: 'P2', methodId: 'CASH', share: { amount: 100 }, prepay: false });
    expect(withCash.payments.map((p) => p.prepay)).toEqual([true, false]);
    expect(checkPaymentEntry(order, { paymentId: 'P3', methodId: 'CHECK', share: { amount: 100 } }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'checkNumber' });
    expect(checkPaymentEntry(order, { paymentId: 'P3', methodId: 'CHECK', share: { amount: 100 }, checkNumber: '1001', prepay: false }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'prepay' });
    expect(paid(order, { paymentId: 'P3', methodId: 'CHECK', share: { amount: 100 }, checkNumber: '1001' }).payments[0]!.prepay).toBe(true);
    expect(paid(order, card('P4', { amount: 100 })).payments[0]!.prepay).toBe(false);
    expect(checkPaymentEntry(order, { paymentId: 'P5', methodId: 'VISA', share: { amount: 100 } }, TOTAL)).toMatchObject({ rule: 'CC-8', field: 'cardToken' });
  });

  it('CC-8 a gift card must cover its amount', () => {
    const refusal = checkPaymentEntry(order, { paymentId: 'P1', methodId: 'GIFT', share: { percent: 10_000 }, giftCard: { number: 'G1', balance: 5_000 } }, TOTAL);
    expect(refusal).toMatchObject({ rule: 'CC-8', field: 'giftCard', amounts: { balance: 5_000, amount: 21_999 }, message: 'the gift card holds $50.00, less than the $219.99 asked of it' });
    expect(checkPaymentEntry(order, { paymentId: 'P1', methodId: 'GIFT', share: { amount: 5_000 }, giftCard: { number: 'G1', balance: 5_000 } }, TOTAL)).toBeNull();
  });

  it('CC-8 on account is offered only when the customer allows it', () => {
    expect(paymentMethodsOffered(order).map((m) => m.code)).toEqual(['CASH', 'CHECK', 'VISA', 'GIFT']);
    expect(checkPaymentEntry(order, { paymentId: 'P1', methodId: 'ACCOUNT', share: { percent: 10_000 } }, TOTAL)).toMatchObject({ rule: 'CC-8', message: 'this customer may not pay on account' });
    const trusted = { ...order, customer: customer(catalog, { onAccount: true }) };
    expect(paymentMethodsOffered(trusted).map((m) => m.code)).toContain('ACCOUNT');
    expect(checkPaymentEntry(trusted, { paymentId: 'P1', methodId: 'ACCOUNT', share: { percent: 10_000 } }, TOTAL)).toBeNull();
  });

  it('CC-7 with order completion off the order takes no payments', () => {
    const plain = { ...order, terms: { ...terms, orderCompletion: false } };
    expect(checkPaymentEntry(plain, { paymentId: 'P1', methodId: 'CASH', share: { amount: 100 } }, TOTAL)).toMatchObject({ rule: 'CC-7' });
  });

  it('CC-8 a paid payment is refunded, not removed', () => {
    const cash: CallCenterPayment = { paymentId: 'P1', methodId: 'CASH', kind: 'normal', share: { amount: 100 }, prepay: true, status: 'Paid' };
    expect(checkRemovePayment({ ...order, payments: [cash] }, 'P1')).toMatchObject({ rule: 'CC-8' });
    expect(checkRemovePayment({ ...order, payments: [{ ...cash, status: 'Not authorized' }] }, 'P1')).toBeNull();
    expect(checkRemovePayment(order, 'P9')).toMatchObject({ rule: 'NOT_FOUND' });
  });
});

describe('CC-9 Submit', () => {
  it('CC-9 each payment gets Paid, Authorized, Not authorized or Not submitted', () => {
    const trusted = { ...order, customer: customer(catalog, { onAccount: true }) };
    const entered = paid(trusted,
      { paymentId: 'CASH', methodId: 'CASH', share: { amount: 1_000 } },
      { paymentId: 'LATER', methodId: 'CASH', share: { amount: 1_000 }, prepay: false },
      { paymentId: 'CHECK', methodId: 'CHECK', share: { amount: 1_000 }, checkNumber: '77' },
      card('OK', { amount: 1_000 }), card('NOW', { amount: 1_000 }, true), card('NO', { amount: 1_000 }), card('SILENT', { amount: 1_000 }),
      { paymentId: 'GIFT', methodId: 'GIFT', share: { amount: 1_000 }, giftCard: { number: 'G1', balance: 1_000 } },
      { paymentId: 'ACCT', methodId: 'ACCOUNT', share: { amount: 13_999 } });
    const outcome = submitPayments(entered, TOTAL, {
      OK: { approved: true, reference: 'A1' }, NOW: { approved: true, reference: 'A2' }, NO: { approved: false, reason: 'insufficient funds' },
    });
    expect(Object.fromEntries(outcome.payments.map((p) => [p.paymentId, p.status]))).toEqual({
      CASH: 'Paid', LATER: 'Authorized', CHECK: 'Paid', OK: 'Authorized', NOW: 'Paid', NO: 'Not authorized', SILENT: 'Not submitted', GIFT: 'Paid', ACCT: 'Authorized',
    });
    expect(outcome.declined).toEqual(['NO']);
    // CC-9 prepay posts a prepayment at Submit: cash, check, the prepaid card and the gift card; not what is collected later.
    expect(outcome.prepayments.map((p) => [p.paymentId, p.amount])).toEqual([['CASH', 1_000], ['CHECK', 1_000], ['NOW', 1_000], ['GIFT', 1_000]]);
    expect(orderPaymentStatus({ ...entered, payments: outcome.payments, submittedAt: 1 })).toBe('Declined');
  });

  it('CC-9 a resubmit leaves Paid and Authorized payments alone and posts no second prepayment', () => {
    const entered = paid(order, { paymentId: 'CASH', methodId: 'CASH', share: { amount: 1_000 } }, card('NO', { amount: 20_999 }));
    const first = submitPayments(entered, TOTAL, { NO: { approved: false, reason: 'declined' } });
    const fixed = { ...entered, payments: [first.payments[0]!], prepayments: first.prepayments, submittedAt: 1 };
    const again = { ...fixed, payments: addPayment(fixed, card('OK', { amount: 20_999 })) };
    const second = submitPayments(again, TOTAL, { OK: { approved: true, reference: 'A9' } });
    expect(second.payments.map((p) => p.status)).toEqual(['Paid', 'Authorized']);
    expect(second.prepayments).toEqual([]);
    expect(orderPaymentStatus({ ...again, payments: second.payments, submittedAt: 2 })).toBe('Approved');
  });

  it('CC-9 payments off the total beyond the over/underpayment threshold hold the order; within it they do not', () => {
    const within = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: TOTAL - 100 } });
    expect(submitPayments(within, TOTAL, {}).holds).toEqual([]);
    const under = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: TOTAL - 101 } });
    expect(submitPayments(under, TOTAL, {}).holds).toEqual([{ reason: 'outOfBalance', note: 'payments of $218.98 against an order total of $219.99' }]);
    const over = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: TOTAL + 101 } });
    expect(submitPayments(over, TOTAL, {}).holds.map((h) => h.reason)).toEqual(['outOfBalance']);
  });

  it('CC-9 an order over the credit limit is held: the balance owed plus what the order leaves on account', () => {
    const account = { ...order, customer: customer(catalog, { onAccount: true, creditLimit: 30_000, balance: 10_000 }) };
    const onAccount = paid(account, { paymentId: 'P1', methodId: 'ACCOUNT', share: { percent: 10_000 } });
    expect(submitPayments(onAccount, TOTAL, {}).holds).toEqual([{ reason: 'creditLimit', note: '$319.99 on account against a credit limit of $300.00' }]);
    const byCheck = paid(account, { paymentId: 'P1', methodId: 'CHECK', share: { amount: TOTAL }, checkNumber: '5' });
    expect(submitPayments(byCheck, TOTAL, {}).holds).toEqual([]);
  });

  it('CC-9 a check over the check threshold holds the order', () => {
    const big = orderWith(catalog, [line('L1', 'P-TENT', 3, 19_999)]);
    const total = completionSummary(big).total;
    const byCheck = { ...big, payments: addPayment(big, { paymentId: 'P1', methodId: 'CHECK', share: { amount: total }, checkNumber: '12' }) };
    expect(submitPayments(byCheck, total, {}).holds).toEqual([{ reason: 'check', note: 'a check of $659.97 is over $500.00' }]);
  });

  it('CC-9 a cause a supervisor cleared on the order is taken as accepted: a resubmit does not hold the order for it again', () => {
    const under = paid(order, { paymentId: 'P1', methodId: 'CASH', share: { amount: 100 } });
    const hold: OrderHold = {
      holdId: 'H1', orderId: 'CCO-1', origin: 'outOfBalance', code: 'HOLD', reasonCode: null, notes: '', placedBy: 'agent1', placedAt: 1,
      releasedReservations: false, checkedOut: null, cleared: { by: 'super1', at: 2, variant: 'clear' },
    };
    const cleared = { ...under, holds: [hold] };
    expect(submitPayments(cleared, TOTAL, {}).holds).toEqual([]);
  });

  it('CC-9 the order\'s payment status is derived: Not submitted before Submit or with an unanswered card', () => {
    expect(orderPaymentStatus({ ...order, submittedAt: null })).toBe('Not submitted');
    const silent = paid(order, card('C', { amount: TOTAL }));
    expect(orderPaymentStatus({ ...silent, payments: submitPayments(silent, TOTAL, {}).payments, submittedAt: 5 })).toBe('Not submitted');
  });

  it('CC-8 / CC-9 a declined card removed after Submit leaves nothing paid: the order is not Approved until a valid payment is submitted', () => {
    const entered = paid(order, card('NO', { amount: TOTAL }));
    const declined = { ...entered, payments: submitPayments(entered, TOTAL, { NO: { approved: false, reason: 'declined' } }).payments, submittedAt: 5 };
    expect(orderPaymentStatus(declined)).toBe('Declined');
    expect(checkRemovePayment(declined, 'NO')).toBeNull();
    const removed = { ...declined, payments: declined.payments.filter((p) => p.paymentId !== 'NO') };
    expect(orderPaymentStatus(removed)).toBe('Not submitted');
    const again = paid({ ...removed, submittedAt: null }, card('OK', { amount: TOTAL }));
    expect(orderPaymentStatus({ ...again, payments: submitPayments(again, TOTAL, { OK: { approved: true, reference: 'A1' } }).payments, submittedAt: 6 })).toBe('Approved');
  });

  it('CC-9 an order that owes nothing is Approved at Submit with no payment', () => {
    const free = { ...order, lines: order.lines.map((l) => ({ ...l, unitPrice: 0 })), charges: [], submittedAt: 5 };
    expect(completionSummary(free).total).toBe(0);
    expect(orderPaymentStatus(free)).toBe('Approved');
    expect(orderPaymentStatus({ ...order, submittedAt: 5 })).toBe('Not submitted');
  });
});
