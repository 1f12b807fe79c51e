/** The call-center order's entry rules (CC-3, CC-4, CC-13, CC-22), holds as data (CC-17, CC-19), derived statuses, the log (CC-23). */
import { describe, expect, it } from 'vitest';
import {
  addLine, applyCoupon, checkAddLine, checkChangeLine, checkCoupon, checkHeader, checkHoldOpen, clearHoldAndResume, detailStatus, doNotProcess,
  linesOffMode, newCallCenterOrder, placeHold, releasedToPicking, removeLine, setHeader, submitOrder, type CallCenterOrderContext,
} from '../../../engine/domain/call-center/order.ts';
import { addPayment, orderPaymentStatus } from '../../../engine/domain/call-center/payments.ts';
import { completionSummary } from '../../../engine/domain/call-center/summary.ts';
import { callCenterCatalog, line, orderWith, terms } from './order-fixture.ts';

const catalog = callCenterCatalog();
const agent = { userId: 'agent1', at: 2000 };
const supervisor = { userId: 'super1', at: 3000 };

function withCard(order: CallCenterOrderContext, amount = completionSummary(order).total): CallCenterOrderContext {
  return { ...order, payments: addPayment(order, { paymentId: 'VISA-1', methodId: 'VISA', share: { amount }, cardToken: 'tok' }) };
}

describe('CC-3 entry', () => {
  it('CC-3 a customer is required before the header or any line', () => {
    const fresh = newCallCenterOrder({ orderId: 'CCO-9', terms, orderDate: '2026-12-05', createdBy: 'agent1', createdAt: 1 });
    expect(checkAddLine(fresh, line('L1', 'P-LAMP', 1, 2499, { modeCode: 'STD' }))).toMatchObject({ rule: 'CC-3', field: 'customerId' });
    expect(checkHeader(fresh, { modeCode: 'STD' })).toMatchObject({ rule: 'CC-3' });
    expect(fresh.log).toEqual([{ kind: 'created', userId: 'agent1', at: 1 }]);
  });

  it('CC-3 a line needs an item and a whole quantity of at least 1', () => {
    const order = orderWith(catalog, []);
    expect(checkAddLine(order, line('L1', '', 1, 100))).toMatchObject({ rule: 'CC-3', field: 'productId' });
    expect(checkAddLine(order, line('L1', 'P-LAMP', 0, 100))).toMatchObject({ rule: 'CC-3', field: 'quantity' });
    expect(checkAddLine(order, line('L1', 'P-LAMP', 1.5, 100))).toMatchObject({ rule: 'CC-3', field: 'quantity' });
    expect(checkAddLine(order, line('L1', 'P-LAMP', 1, 2499))).toBeNull();
    const one = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]);
    expect(checkAddLine(one, line('L1', 'P-LAMP', 1, 2499))).toMatchObject({ rule: 'CONFLICT', field: 'lineId' });
    expect(checkChangeLine(one, { lineId: 'L1', quantity: -1 })).toMatchObject({ rule: 'CC-3', field: 'quantity' });
    expect(checkChangeLine(one, { lineId: 'L9', quantity: 2 })).toMatchObject({ rule: 'NOT_FOUND' });
  });
});

describe('CC-22 header mode of delivery', () => {
  it('CC-22 the header mode is the default of new lines, and only the channel\'s modes are taken', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499), line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' })]);
    expect(order.lines.map((l) => l.modeCode)).toEqual(['STD', 'EXP']);
    expect(checkHeader(order, { modeCode: 'CARRY' })).toMatchObject({ rule: 'CC-22', field: 'modeCode', message: 'this call center does not offer the mode of delivery "CARRY"' });
    expect(checkAddLine(order, line('L3', 'P-LAMP', 1, 2499, { modeCode: 'CARRY' }))).toMatchObject({ rule: 'CC-22' });
    const noMode = { ...order, header: { ...order.header, modeCode: null } };
    expect(checkAddLine(noMode, line('L3', 'P-LAMP', 1, 2499))).toMatchObject({ rule: 'CC-22', message: 'choose a mode of delivery on the header or for the line' });
  });

  it('CC-22 changing the header mode offers the lines that would change, and updates them only if accepted', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499), line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' })]);
    expect(linesOffMode(order.lines, 'EXP').map((l) => l.lineId)).toEqual(['L1']);
    expect(setHeader(order, { modeCode: 'EXP' }, false).lines.map((l) => l.modeCode)).toEqual(['STD', 'EXP']);
    const updated = setHeader(order, { modeCode: 'EXP' }, true);
    expect(updated.header.modeCode).toBe('EXP');
    expect(updated.lines.map((l) => l.modeCode)).toEqual(['EXP', 'EXP']);
  });

  it('CC-4 the header source code is copied to lines; a new code replaces the old one on the lines that carried it', () => {
    let order = orderWith(catalog, []);
    order = { ...order, ...setHeader(order, { sourceCode: 'SPRING' }, false) };
    order = { ...order, lines: addLine(order, line('L1', 'P-LAMP', 1, 2499)) };
    order = { ...order, lines: [...order.lines, { ...order.lines[0]!, lineId: 'L2', sourceCode: 'OTHER' }] };
    const changed = setHeader(order, { sourceCode: 'SUMMER' }, false);
    expect(changed.lines.map((l) => l.sourceCode)).toEqual(['SUMMER', 'OTHER']);
  });
});

describe('CC-13 coupons on the order', () => {
  it('CC-13 a coupon result names the order\'s lines and never discounts a line below zero; applying again replaces it', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]);
    expect(checkCoupon(order, { code: 'X', allocations: [{ lineId: 'L9', amount: 100 }] })).toMatchObject({ rule: 'NOT_FOUND', field: 'allocations.0.lineId' });
    const first = { ...order, coupons: applyCoupon(order, { code: 'A', allocations: [{ lineId: 'L1', amount: 2000 }] }) };
    expect(checkCoupon(first, { code: 'B', allocations: [{ lineId: 'L1', amount: 500 }] })).toMatchObject({ rule: 'CC-13', amounts: { discount: 2500 } });
    expect(checkCoupon(first, { code: 'A', allocations: [{ lineId: 'L1', amount: 2499 }] })).toBeNull();
    expect(applyCoupon(first, { code: 'A', allocations: [{ lineId: 'L1', amount: 1000 }] })).toEqual([{ code: 'A', allocations: [{ lineId: 'L1', amount: 1000 }] }]);
    expect(removeLine(first, 'L1')).toEqual({ lines: [], coupons: [] });
  });
});

describe('CC-17 / CC-19 holds, Do not process and the detail status', () => {
  it('CC-17 any open hold sets Do not process and the detail status On hold or Fraud hold', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const submitted = { ...order, ...submitOrder(order, { 'VISA-1': { approved: true, reference: 'A1' } }, agent) };
    expect(detailStatus(submitted)).toBe('Submitted');
    const held = { ...submitted, ...placeHold(submitted, { code: 'HOLD', reason: 'manual', placedBy: 'agent1', placedAt: 2500 }) };
    expect([doNotProcess(held), detailStatus(held), releasedToPicking(held)]).toEqual([true, 'On hold', false]);
    const fraud = { ...held, ...placeHold(held, { code: 'FRAUD', reason: 'fraud', placedBy: 'agent1', placedAt: 2600 }) };
    expect(detailStatus(fraud)).toBe('Fraud hold');
    expect(checkHoldOpen(fraud, 'CCO-1-H2')).toBeNull();
    expect(checkHoldOpen(fraud, 'CCO-1-H9')).toMatchObject({ rule: 'CC-17' });
  });

  it('CC-9 a declined card sets Do not process until a valid payment is submitted', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    expect([detailStatus(order), doNotProcess(order)]).toEqual(['Open', true]);
    const declined = { ...order, ...submitOrder(order, { 'VISA-1': { approved: false, reason: 'declined' } }, agent) };
    expect([orderPaymentStatus(declined), detailStatus(declined), releasedToPicking(declined)]).toEqual(['Declined', 'Do not process', false]);
    const retried = { ...declined, ...submitOrder({ ...declined, payments: [] }, {}, agent) };
    expect([detailStatus(retried), releasedToPicking(retried)]).toEqual(['On hold', false]);
  });

  it('CC-23 Submit logs submitted, each decline and each hold it places, with user and time', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]), 100);
    const after = submitOrder(order, { 'VISA-1': { approved: false, reason: 'declined' } }, agent);
    expect(after.log.map((e) => [e.kind, e.userId, e.at])).toEqual([['created', 'agent1', 1000], ['submitted', 'agent1', 2000], ['declined', 'agent1', 2000], ['held', 'agent1', 2000]]);
    expect(after.holds).toMatchObject([{ holdId: 'CCO-1-H1', code: 'HOLD', reason: 'outOfBalance', status: 'open' }]);
  });

  it('CC-19 clear and submit: a failed submit removes the hold but Do not process stays', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const held = { ...order, ...placeHold(order, { code: 'HOLD', reason: 'manual', placedBy: 'agent1', placedAt: 2500 }) };
    const after = { ...held, ...clearHoldAndResume(held, 'CCO-1-H1', 'clearAndSubmit', { 'VISA-1': { approved: false, reason: 'declined' } }, supervisor) };
    expect(after.holds.map((h) => h.status)).toEqual(['cleared']);
    expect([detailStatus(after), doNotProcess(after)]).toEqual(['Do not process', true]);
  });

  it('CC-19 submit when cleared: a failed submit keeps the hold; a good one releases the order', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const held = { ...order, ...placeHold(order, { code: 'HOLD', reason: 'manual', placedBy: 'agent1', placedAt: 2500 }) };
    const failed = { ...held, ...clearHoldAndResume(held, 'CCO-1-H1', 'submitWhenCleared', {}, supervisor) };
    expect(failed.holds.map((h) => h.status)).toEqual(['open']);
    expect(failed.log.at(-1)).toMatchObject({ kind: 'held', note: 'CCO-1-H1 kept: the submit failed' });
    const good = { ...held, ...clearHoldAndResume(held, 'CCO-1-H1', 'submitWhenCleared', { 'VISA-1': { approved: true, reference: 'A1' } }, supervisor) };
    expect([detailStatus(good), releasedToPicking(good)]).toEqual(['Submitted', true]);
    expect(good.log.map((e) => e.kind)).toEqual(['created', 'held', 'cleared', 'submitted']);
  });

  it('CC-19 clear and modify opens the order again: it must be submitted anew', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const submitted = { ...order, ...submitOrder(order, { 'VISA-1': { approved: true, reference: 'A1' } }, agent) };
    const held = { ...submitted, ...placeHold(submitted, { code: 'HOLD', reason: 'manual', placedBy: 'agent1', placedAt: 2500 }) };
    const reopened = { ...held, ...clearHoldAndResume(held, 'CCO-1-H1', 'modify', {}, supervisor) };
    expect([reopened.submittedAt, detailStatus(reopened), doNotProcess(reopened)]).toEqual([null, 'Open', true]);
  });

  it('CC-7 with completion off only holds stop the order once it is saved', () => {
    const plain = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)], { terms: { ...terms, orderCompletion: false } });
    expect(doNotProcess(plain)).toBe(true);
    expect(doNotProcess({ ...plain, submittedAt: 5 })).toBe(false);
  });
});
