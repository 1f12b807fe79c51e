/** The call-center order's entry rules (CC-3, CC-4, CC-13, CC-22), holds as data (CC-17, CC-19), derived statuses, the log (CC-23). */
import { describe, expect, it } from 'vitest';
import {
  addLine, checkAddLine, checkChangeLine, checkCoupons, checkHeader, couponLines, clearHoldAndResume, detailStatus, doNotProcess, linesOffMode,
  newCallCenterOrder, placeManualHold, termsOf, releasedToPicking, reservationsReleased, removeLine, setHeader, submitOrder, type CallCenterOrderContext, type HoldClear, type ManualHold,
} from '../../../engine/domain/call-center/order.ts';
import { callCenterConfigSchema } from '../../../engine/domain/call-center/config.ts';
import { placeAutomaticHolds } from '../../../engine/domain/call-center/holds.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { addPayment, orderPaymentStatus } from '../../../engine/domain/call-center/payments.ts';
import { completionSummary } from '../../../engine/domain/call-center/summary.ts';
import { agentUser, callCenterCatalog, coupon, holdPolicy, line, orderWith, supervisorUser, terms } from './order-fixture.ts';

const catalog = callCenterCatalog();
const agent = { userId: 'agent1', at: 2000 };

function withCard(order: CallCenterOrderContext, amount = completionSummary(order).total): CallCenterOrderContext {
  return { ...order, payments: addPayment(order, { paymentId: 'VISA-1', methodId: 'VISA', share: { amount }, cardToken: 'tok' }) };
}

describe('CC-1 / CC-2 the channel\'s terms', () => {
  it('CC-2 an order takes its call center\'s payment methods, modes, completion flag and hold codes', () => {
    const center = callCenterConfigSchema.parse({
      id: 'CC1', name: 'Phone orders', legalEntity: 'USRT', defaultWarehouseId: 'W1', orderCompletion: true, modesOfDelivery: ['STD', 'EXP'],
      paymentMethods: [{ code: 'VISA', name: 'Visa', kind: 'card' }], holdCodes: [{ code: 'HOLD', description: 'Order hold', roleIds: ['agent'], defaultForSalesOrder: true }],
    });
    const chain = { currency: 'USD', overUnderpaymentThreshold: 100, checkThreshold: null, taxGroupId: 'TX-WA', supervisorRoleIds: ['supervisor'] };
    expect(termsOf(center, chain)).toEqual({
      channelId: 'CC1', currency: 'USD', orderCompletion: true, paymentMethods: [{ code: 'VISA', name: 'Visa', kind: 'card' }], modesOfDelivery: ['STD', 'EXP'],
      overUnderpaymentThreshold: 100, checkThreshold: null, taxGroupId: 'TX-WA', holdPolicy: { holdCodes: center.holdCodes, supervisorRoleIds: ['supervisor'] },
      continuityParentItems: [],
    });
  });
});

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
    expect(checkHeader(order, { modeCode: 'CARRY' })).toMatchObject({ rule: 'CC-22', field: 'modeCode', message: 'this call center does not deliver by "CARRY": choose STD, EXP, PICKUP' });
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
  it('CC-13 the coupons\' outcome names the order\'s lines and never discounts a line below zero', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]);
    expect(checkCoupons(order, [coupon('X', ['L9', 100])])).toMatchObject({ rule: 'NOT_FOUND', field: 'coupons.0.lines.0.lineId' });
    expect(checkCoupons(order, [coupon('A', ['L1', 2000]), coupon('B', ['L1', 500])])).toMatchObject({ rule: 'CC-13', field: 'coupons.1.lines.0.discount', amounts: { discount: 2500 } });
    expect(checkCoupons(order, [coupon('A', ['L1', 2000]), coupon('B', ['L1', 499])])).toBeNull();
    expect(checkCoupons(order, [coupon('A', ['L1', 0])])).toMatchObject({ rule: 'VALIDATION' });
  });

  it('CC-13 coupons see each line with the catalog of its source code', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 2, 2499)]);
    const coded = { ...order, lines: order.lines.map((l) => ({ ...l, sourceCode: 'SPRING' })) };
    expect(couponLines(coded, (code) => (code === 'SPRING' ? 'CAT-SPRING' : null))).toEqual([{ lineId: 'L1', productId: 'P-LAMP', quantity: 2, unitPrice: 2499, catalogId: 'CAT-SPRING' }]);
    expect(couponLines(order, () => 'never')[0]!.catalogId).toBeNull();
  });

  it('CC-13 a removed line takes its discounts with it; a coupon left with none takes nothing off', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499), line('L2', 'P-SOCKS', 1, 1299)], { coupons: [coupon('A', ['L1', 300], ['L2', 200]), coupon('B', ['L2', 100])] });
    expect(removeLine(order, 'L2').coupons).toEqual([coupon('A', ['L1', 300]), { code: 'B', applied: false, why: 'nothingLeft', shortfall: 0, discount: 0, lines: [] }]);
  });
});

describe('CC-17 / CC-19 holds, Do not process and the detail status', () => {
  const approved = { 'VISA-1': { approved: true as const, reference: 'A1' } };
  const declined = { 'VISA-1': { approved: false as const, reason: 'declined' } };

  /** The order with the agent's hold placed (CC-16 allows it). */
  function held(order: CallCenterOrderContext, hold: Partial<ManualHold> = {}): CallCenterOrderContext {
    const placed = placeManualHold(order, { user: agentUser, at: 2500, origin: 'summary', ...hold });
    if (isViolation(placed)) throw new Error(placed.message);
    return { ...order, ...placed };
  }

  function cleared(order: CallCenterOrderContext, clear: Partial<HoldClear>): CallCenterOrderContext {
    const after = clearHoldAndResume(order, { holdId: 'CCO-1-H1', user: supervisorUser, at: 3000, variant: 'clear', answers: {}, ...clear });
    if (isViolation(after)) throw new Error(after.message);
    return { ...order, ...after };
  }

  it('CC-17 any open hold sets Do not process and the detail status On hold, or Fraud hold for a fraud hold', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const submitted = { ...order, ...submitOrder(order, approved, agent) };
    expect(detailStatus(submitted)).toBe('Submitted');
    const onHold = held(submitted);
    expect([doNotProcess(onHold), detailStatus(onHold), releasedToPicking(onHold)]).toEqual([true, 'On hold', false]);
    expect(onHold.holds[0]).toMatchObject({ holdId: 'CCO-1-H1', code: 'HOLD', origin: 'summary', placedBy: 'agent1', cleared: null });
    const fraud = placeAutomaticHolds(holdPolicy, onHold.holds, ['fraud'], { orderId: 'CCO-1', placedBy: 'fraud check', at: 2600, holdIdOf: () => 'CCO-1-H2' });
    if (isViolation(fraud)) throw new Error(fraud.message);
    expect(detailStatus({ ...onHold, holds: [...onHold.holds, ...fraud.placed] })).toBe('Fraud hold');
  });

  it('CC-16 an agent places a hold only under a code their role may use', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]);
    expect(placeManualHold(order, { user: agentUser, at: 1, origin: 'entry', code: 'FRAUD' })).toMatchObject({ rule: 'CC-16', field: 'code' });
    expect(held(order, { origin: 'entry', code: 'CALLBACK', notes: 'calls back at 5' }).log.at(-1)).toEqual({
      kind: 'held', userId: 'agent1', at: 2500, note: 'Held: Customer calls back, code CALLBACK (placed at order entry; notes: calls back at 5)',
    });
  });

  it('CC-16 a hold whose code removes inventory reservations releases them while it is open', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]);
    const callback = held(order, { code: 'CALLBACK' });
    expect(reservationsReleased(callback)).toBe(false);
    const stock = held(order, { code: 'STOCK' });
    expect(reservationsReleased(stock)).toBe(true);
    expect(reservationsReleased(cleared(stock, { variant: 'clear' }))).toBe(false);
  });

  it('CC-9 a declined card sets Do not process until a valid payment is submitted', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    expect([detailStatus(order), doNotProcess(order)]).toEqual(['Open', true]);
    const refused = { ...order, ...submitOrder(order, declined, agent) };
    expect([orderPaymentStatus(refused), detailStatus(refused), releasedToPicking(refused)]).toEqual(['Declined', 'Do not process', false]);
    const fixed = { ...refused, payments: addPayment({ ...refused, payments: [] }, { paymentId: 'VISA-2', methodId: 'VISA', share: { amount: completionSummary(refused).total }, cardToken: 'tok2' }) };
    const retried = { ...fixed, ...submitOrder(fixed, { 'VISA-2': { approved: true, reference: 'A2' } }, agent) };
    expect([detailStatus(retried), releasedToPicking(retried)]).toEqual(['Submitted', true]);
  });

  it('CC-23 Submit logs submitted, each decline and each hold it places, with user and time', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]), 100);
    const after = submitOrder(order, declined, agent);
    expect(after.log.map((e) => [e.kind, e.userId, e.at])).toEqual([['created', 'agent1', 1000], ['submitted', 'agent1', 2000], ['declined', 'agent1', 2000], ['held', 'agent1', 2000]]);
    // CC-16: Submit's holds take the Default hold code.
    expect(after.holds).toMatchObject([{ holdId: 'CCO-1-H1', code: 'HOLD', origin: 'outOfBalance', cleared: null, notes: 'payments of $1.00 against an order total of $37.44' }]);
  });

  it('CC-23 the log says in plain words what happened: holds by their code\'s name, each clear and what became of the order', () => {
    const order = held(withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)])));
    expect(order.log.at(-1)!.note).toBe('Held: Order hold, code HOLD (placed on the order summary)');
    const notes = (after: CallCenterOrderContext) => after.log.slice(order.log.length).map((e) => [e.kind, e.note]);
    expect(notes(cleared(order, { variant: 'clearAndSubmit', answers: approved }))).toEqual([['cleared', 'Hold cleared and order submitted (Order hold, code HOLD)'], ['submitted', undefined]]);
    expect(notes(cleared(order, { variant: 'clearAndSubmit', answers: declined }))).toEqual([
      ['cleared', 'Hold cleared (Order hold, code HOLD), but the order could not be submitted: a payment was not approved; it stays Do not process'],
      ['submitted', undefined], ['declined', 'Visa payment VISA-1 declined: declined'],
    ]);
    expect(notes(cleared(order, { variant: 'clear' }))).toEqual([['cleared', 'Hold cleared (Order hold, code HOLD)']]);
    expect(notes(cleared(order, { variant: 'clearAndModify' }))).toEqual([['cleared', 'Hold cleared and order reopened for changes (Order hold, code HOLD)']]);
    // Submit's automatic hold says what it found.
    const short = submitOrder(withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]), 100), approved, agent);
    expect(short.log.at(-1)!.note).toBe('Held: Order hold, code HOLD (automatically: payments do not match the order total; payments of $1.00 against an order total of $37.44)');
    // No log note reads as an id or a code word.
    for (const entry of [...order.log, ...short.log]) expect(entry.note ?? '').not.toMatch(/\(summary\)|\(entry\)|clearAndSubmit|outOfBalance|CCO-1-H1/);
  });

  it('CC-19 / CC-3 a clear that would submit an order with no items is refused and the hold stays', () => {
    const order = held(withCard(orderWith(catalog, [])));
    for (const variant of ['clearAndSubmit', 'submitWhenCleared'] as const) {
      expect(clearHoldAndResume(order, { holdId: 'CCO-1-H1', user: supervisorUser, at: 3000, variant, answers: approved })).toEqual({
        rule: 'CC-3', field: 'variant', message: 'the order has no items: add an item, then clear the hold to submit it',
      });
    }
    // A plain clear submits nothing: it is taken.
    expect(cleared(order, { variant: 'clear' }).holds[0]!.cleared).toMatchObject({ variant: 'clear' });
  });

  it('CC-19 clear and submit: a failed submit removes the hold but Do not process stays', () => {
    const order = held(withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)])));
    const after = cleared(order, { variant: 'clearAndSubmit', answers: declined });
    expect(after.holds.map((h) => h.cleared?.variant)).toEqual(['clearAndSubmit']);
    expect([detailStatus(after), doNotProcess(after)]).toEqual(['Do not process', true]);
  });

  it('CC-19 submit when cleared: a failed submit keeps the hold; a good one releases the order', () => {
    const order = held(withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)])));
    expect(clearHoldAndResume(order, { holdId: 'CCO-1-H1', user: supervisorUser, at: 3000, variant: 'submitWhenCleared', answers: declined })).toMatchObject({
      rule: 'CC-19', message: 'hold CCO-1-H1 on order CCO-1 stays: the order could not be submitted (a payment was not approved)',
    });
    const good = cleared(order, { variant: 'submitWhenCleared', answers: approved });
    expect([detailStatus(good), releasedToPicking(good)]).toEqual(['Submitted', true]);
    expect(good.log.map((e) => e.kind)).toEqual(['created', 'held', 'cleared', 'submitted']);
  });

  it('CC-19 clear and modify opens the order again: it must be submitted anew', () => {
    const order = withCard(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const onHold = held({ ...order, ...submitOrder(order, approved, agent) });
    const reopened = cleared(onHold, { variant: 'clearAndModify' });
    expect([reopened.submittedAt, detailStatus(reopened), doNotProcess(reopened)]).toEqual([null, 'Open', true]);
  });

  it('CC-18 a hold another agent has checked out is not cleared by someone else', () => {
    const order = held(orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)]));
    const checkedOut = { ...order, holds: order.holds.map((h) => ({ ...h, checkedOut: { by: 'agent2', at: 2700 } })) };
    expect(clearHoldAndResume(checkedOut, { holdId: 'CCO-1-H1', user: agentUser, at: 3000, variant: 'clear', answers: {} })).toMatchObject({ rule: 'CC-18' });
    expect(clearHoldAndResume(order, { holdId: 'CCO-1-H9', user: agentUser, at: 3000, variant: 'clear', answers: {} })).toMatchObject({ rule: 'NOT_FOUND' });
  });

  it('CC-7 with completion off only holds stop the order once it is saved', () => {
    const plain = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499)], { terms: { ...terms, orderCompletion: false } });
    expect(doNotProcess(plain)).toBe(true);
    expect(doNotProcess({ ...plain, submittedAt: 5 })).toBe(false);
  });
});
