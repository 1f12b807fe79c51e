/**
 * The call-center order actor through its states (CC-3, CC-6..CC-9, CC-17, CC-19, CC-22, CC-23), and every refusal
 * explained from the chart in words an agent reads.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type Actor } from 'xstate';
import { detailStatus, doNotProcess } from '../../../engine/domain/call-center/order.ts';
import { completionSummary } from '../../../engine/domain/call-center/summary.ts';
import { createCallCenterOrderMachine, type CallCenterOrderEvent, type CallCenterOrderMachine } from '../../../machines/call-center-order.machine.ts';
import { explainRefusal } from '../../../machines/rules.ts';
import { agentUser, callCenterCatalog, coupon, customer, line, supervisorUser, terms } from './order-fixture.ts';

const catalog = callCenterCatalog();
const machine = createCallCenterOrderMachine(catalog);
const by = { userId: 'agent1', at: 5000 };
const agentHold = (code: string, origin: 'entry' | 'summary' = 'entry') => ({ type: 'HOLD' as const, user: agentUser, at: 5000, origin, code });
const supervisorClear = (holdId: string, variant: 'clear' | 'clearAndModify' | 'submitWhenCleared' | 'clearAndSubmit', answers = {}) =>
  ({ type: 'CLEAR_HOLD' as const, holdId, user: supervisorUser, at: 6000, variant, answers });

function openOrder(orderCompletion = true): Actor<CallCenterOrderMachine> {
  return createActor(machine, { input: { orderId: 'CCO-7', terms: { ...terms, orderCompletion }, orderDate: '2026-12-05', createdBy: 'agent1', createdAt: 1000 } }).start();
}

/** The agent's steps up to a priced order for Anna: header STD, one lamp. */
function enterLamp(order: Actor<CallCenterOrderMachine>): void {
  order.send({ type: 'SET_CUSTOMER', customer: customer(catalog) });
  order.send({ type: 'SET_HEADER', modeCode: 'STD', sourceCode: null, updateLines: false });
  order.send({ type: 'ADD_LINE', line: line('L1', 'P-LAMP', 1, 2499) });
}

/** The lamp entered and completed: the summary is open. */
function atSummary(): Actor<CallCenterOrderMachine> {
  const order = openOrder();
  enterLamp(order);
  order.send({ type: 'COMPLETE' });
  return order;
}

const total = (order: Actor<CallCenterOrderMachine>) => completionSummary(order.getSnapshot().context).total;
const payByCard = (order: Actor<CallCenterOrderMachine>, paymentId = 'VISA-1') =>
  order.send({ type: 'ADD_PAYMENT', payment: { paymentId, methodId: 'VISA', share: { amount: total(order) }, cardToken: 'tok' } });

/** Sends an event the order must refuse: it stays where it was, and the refusal is explained. */
function refused(order: Actor<CallCenterOrderMachine>, event: CallCenterOrderEvent) {
  const before = order.getSnapshot();
  const refusal = explainRefusal(before, event);
  order.send(event);
  expect(order.getSnapshot().value).toEqual(before.value);
  expect(order.getSnapshot().context).toBe(before.context);
  return refusal;
}

describe('call-center order machine', () => {
  it('CC-3 / CC-6 / CC-9 entry -> summary -> submitted: customer, header, lines, Complete, payment, Submit', () => {
    const order = openOrder();
    expect(order.getSnapshot().value).toBe('entry');
    enterLamp(order);
    // CH-3 / CC-22: the lamp under 100.00 ships ground on the header: the freight is on.
    expect(order.getSnapshot().context.charges.map((c) => [c.level, c.amount])).toEqual([['header', 995]]);
    order.send({ type: 'COMPLETE' });
    expect(order.getSnapshot().value).toBe('summary');
    payByCard(order);
    order.send({ type: 'SUBMIT', answers: { 'VISA-1': { approved: true, reference: 'A1' } }, ...by });
    const { value, context } = order.getSnapshot();
    expect(value).toBe('submitted');
    expect([detailStatus(context), doNotProcess(context)]).toEqual(['Submitted', false]);
    expect(context.payments[0]!.status).toBe('Authorized');
    order.send({ type: 'RECORD_FULFILMENT', kind: 'shipped', userId: 'picker1', at: 9000 });
    expect(order.getSnapshot().context.log.map((e) => e.kind)).toEqual(['created', 'submitted', 'shipped']);
  });

  it('CC-22 the header mode moves the lines only when the agent accepts, and the charges follow', () => {
    const order = openOrder();
    enterLamp(order);
    order.send({ type: 'ADD_LINE', line: line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' }) });
    expect(order.getSnapshot().context.charges.map((c) => [c.level, c.lineId ?? '', c.amount])).toEqual([['header', '', 995], ['line', 'L2', 500]]);
    order.send({ type: 'SET_HEADER', modeCode: 'EXP', updateLines: true });
    const { context } = order.getSnapshot();
    expect(context.lines.map((l) => l.modeCode)).toEqual(['EXP', 'EXP']);
    expect(context.charges.map((c) => [c.level, c.lineId ?? '', c.amount])).toEqual([['line', 'L1', 500], ['line', 'L2', 500]]);
  });

  it('CC-13 / CH-2 the coupons\' outcome discounts the lines and the charges tier on what is left', () => {
    const order = openOrder();
    enterLamp(order);
    order.send({ type: 'ADD_LINE', line: line('L2', 'P-TENT', 1, 19_999) });
    expect(order.getSnapshot().context.charges).toEqual([]);
    order.send({ type: 'APPLY_COUPONS', coupons: [coupon('TENT130', ['L2', 13_000])] });
    const { context } = order.getSnapshot();
    expect(context.charges.map((c) => c.amount)).toEqual([995]);
    expect(completionSummary(context)).toMatchObject({ discounts: 13_000, headerCharges: 995 });
  });

  it('CC-7 leaving an unsubmitted order with lines opens the summary, which cannot be left: submit, hold or cancel', () => {
    const order = openOrder();
    enterLamp(order);
    order.send({ type: 'LEAVE', ...by });
    expect(order.getSnapshot().value).toBe('summary');
    expect(refused(order, { type: 'LEAVE', ...by })).toEqual({
      rule: 'CC-7', field: 'orderId',
      message: 'order CCO-7 cannot leave now: its summary is open and it must be submitted, held or cancelled (only when it is being entered or order completion is off, so it has no summary or payments or it is on hold or a payment was not approved or it is submitted)',
    });
    order.send({ type: 'CANCEL', ...by });
    expect(order.getSnapshot().value).toBe('cancelled');
    expect(detailStatus(order.getSnapshot().context)).toBe('Cancelled');
  });

  it('CC-7 an order left with no lines is simply left', () => {
    const order = openOrder();
    order.send({ type: 'LEAVE', ...by });
    expect(order.getSnapshot().status).toBe('done');
  });

  it('CC-7 a change from the summary takes the order back to entry; Complete opens the summary again', () => {
    const order = atSummary();
    order.send({ type: 'ADD_LINE', line: line('L2', 'P-SOCKS', 2, 1299) });
    expect(order.getSnapshot().value).toBe('entry');
    order.send({ type: 'COMPLETE' });
    expect(order.getSnapshot().value).toBe('summary');
  });

  it('CC-7 with completion off: no summary, no payments; leaving saves the order and releases it', () => {
    const order = openOrder(false);
    expect(order.getSnapshot().value).toBe('plainEntry');
    enterLamp(order);
    expect(refused(order, { type: 'COMPLETE' })).toMatchObject({ rule: 'CC-7', message: expect.stringContaining('order completion is off') });
    expect(refused(order, { type: 'ADD_PAYMENT', payment: { paymentId: 'P1', methodId: 'CASH', share: { amount: 100 } } })).toMatchObject({ rule: 'CC-7' });
    order.send({ type: 'LEAVE', ...by });
    const { value, context } = order.getSnapshot();
    expect(value).toBe('submitted');
    expect(context.log.map((e) => e.kind)).toEqual(['created', 'submitted']);
  });

  it('CC-9 a declined card: Do not process until a valid payment is submitted', () => {
    const order = atSummary();
    payByCard(order);
    order.send({ type: 'SUBMIT', answers: { 'VISA-1': { approved: false, reason: 'insufficient funds' } }, ...by });
    expect(order.getSnapshot().value).toBe('doNotProcess');
    expect(detailStatus(order.getSnapshot().context)).toBe('Do not process');
    order.send({ type: 'REMOVE_PAYMENT', paymentId: 'VISA-1' });
    payByCard(order, 'VISA-2');
    order.send({ type: 'SUBMIT', answers: { 'VISA-2': { approved: true, reference: 'A2' } }, ...by });
    expect(order.getSnapshot().value).toBe('submitted');
    expect(order.getSnapshot().context.log.map((e) => e.kind)).toEqual(['created', 'submitted', 'declined', 'submitted']);
  });

  it('CC-9 / CC-17 / CC-19 out of balance holds the order at Submit; the supervisor\'s clear leaves it Do not process while nothing is paid', () => {
    const order = atSummary();
    order.send({ type: 'SUBMIT', answers: {}, ...by });
    expect(order.getSnapshot().value).toBe('held');
    expect(order.getSnapshot().context.holds).toMatchObject([{ holdId: 'CCO-7-H1', origin: 'outOfBalance', code: 'HOLD', cleared: null }]);
    // CC-17: a held order may be left unpaid.
    order.send({ type: 'LEAVE', ...by });
    expect(order.getSnapshot().value).toBe('held');
    order.send(supervisorClear('CCO-7-H1', 'clear'));
    // CC-19: Do not process clears only once payment is Approved, and an order with nothing paid is not.
    expect(order.getSnapshot().value).toBe('doNotProcess');
    payByCard(order, 'VISA-1');
    order.send({ type: 'SUBMIT', answers: { 'VISA-1': { approved: true, reference: 'A1' } }, ...by });
    expect(order.getSnapshot().value).toBe('submitted');
  });

  it('CC-17 / CC-19 a manual hold during entry; clearing it returns the order to entry', () => {
    const order = openOrder();
    enterLamp(order);
    order.send({ ...agentHold('CALLBACK'), notes: 'customer calls back' });
    expect(order.getSnapshot().value).toBe('held');
    expect(detailStatus(order.getSnapshot().context)).toBe('On hold');
    order.send(agentHold('HOLD'));
    order.send(supervisorClear('CCO-7-H1', 'clear'));
    expect(order.getSnapshot().value).toBe('held');
    order.send(supervisorClear('CCO-7-H2', 'clearAndModify'));
    expect(order.getSnapshot().value).toBe('entry');
  });

  it('CC-19 submit when cleared with a declined card is refused and the hold stays; clear and submit leaves Do not process', () => {
    const order = atSummary();
    payByCard(order);
    order.send(agentHold('CALLBACK', 'summary'));
    const declined = { 'VISA-1': { approved: false as const, reason: 'declined' } };
    expect(refused(order, supervisorClear('CCO-7-H1', 'submitWhenCleared', declined))).toMatchObject({ rule: 'CC-19', message: expect.stringContaining('stays: the order could not be submitted') });
    expect(order.getSnapshot().value).toBe('held');
    order.send(supervisorClear('CCO-7-H1', 'clearAndSubmit', declined));
    expect(order.getSnapshot().value).toBe('doNotProcess');
  });
});

describe('call-center order refusals in plain words', () => {
  it('each guard names its rule and says why', () => {
    const order = openOrder();
    expect(refused(order, { type: 'ADD_LINE', line: line('L1', 'P-LAMP', 1, 2499) })).toEqual({ rule: 'CC-3', field: 'customerId', message: 'find or create the customer first: a call-center order needs one' });
    expect(refused(order, { type: 'SET_HEADER', modeCode: 'STD', updateLines: false })).toMatchObject({ rule: 'CC-3' });
    expect(refused(order, { type: 'COMPLETE' })).toEqual({ rule: 'CC-3', field: 'lines', message: 'add at least one line before completing the order' });
    enterLamp(order);
    expect(refused(order, { type: 'SET_HEADER', modeCode: 'CARRY', updateLines: true })).toMatchObject({ rule: 'CC-22', field: 'modeCode' });
    expect(refused(order, { type: 'CHANGE_LINE', change: { lineId: 'L1', quantity: 0 } })).toMatchObject({ rule: 'CC-3', field: 'quantity' });
    expect(refused(order, { type: 'REMOVE_LINE', lineId: 'L9' })).toMatchObject({ rule: 'NOT_FOUND', message: 'the order has no line "L9"' });
    expect(refused(order, { type: 'APPLY_COUPONS', coupons: [coupon('BIG', ['L1', 9999])] })).toMatchObject({ rule: 'CC-13' });
    expect(refused(order, agentHold('FRAUD'))).toEqual({ rule: 'CC-16', field: 'code', message: 'agent1 may not use hold code "FRAUD" (Suspected fraud): ask a supervisor' });
    order.send({ type: 'COMPLETE' });
    expect(refused(order, { type: 'ADD_PAYMENT', payment: { paymentId: 'P1', methodId: 'AMEX', share: { amount: 100 } } })).toMatchObject({ rule: 'CC-8', field: 'methodId' });
    expect(refused(order, { type: 'REMOVE_PAYMENT', paymentId: 'P9' })).toMatchObject({ rule: 'NOT_FOUND' });
    order.send(agentHold('CALLBACK', 'summary'));
    expect(refused(order, supervisorClear('CCO-7-H9', 'clear'))).toEqual({ rule: 'NOT_FOUND', field: 'holdId', message: 'there is no hold CCO-7-H9 on this order' });
  });

  it('each state says in words why it does not take an event, never with a state\'s name', () => {
    const entering = openOrder();
    enterLamp(entering);
    const cases: [Actor<CallCenterOrderMachine>, CallCenterOrderEvent, string, string][] = [
      [entering, { type: 'SUBMIT', answers: {}, ...by }, 'CC-6', 'order CCO-7 cannot submit now: it is being entered (only when its summary is open and it must be submitted, held or cancelled or a payment was not approved)'],
      [entering, { type: 'ADD_PAYMENT', payment: { paymentId: 'P1', methodId: 'CASH', share: { amount: 100 } } }, 'CC-7', 'order CCO-7 cannot add payment now: it is being entered'],
      [entering, supervisorClear('H', 'clear'), 'CC-17', 'order CCO-7 cannot clear hold now: it is being entered'],
      [entering, { type: 'RECORD_FULFILMENT', kind: 'shipped', ...by }, 'CC-6', 'order CCO-7 cannot record fulfilment now'],
    ];
    const submitted = atSummary();
    payByCard(submitted);
    submitted.send({ type: 'SUBMIT', answers: { 'VISA-1': { approved: true, reference: 'A1' } }, ...by });
    cases.push([submitted, { type: 'ADD_LINE', line: line('L2', 'P-LAMP', 1, 2499) }, 'CC-6', 'order CCO-7 cannot add line now: it is submitted']);
    cases.push([submitted, { type: 'SUBMIT', answers: {}, ...by }, 'CC-6', 'it is submitted']);
    cases.push([submitted, agentHold('CALLBACK', 'summary'), 'CC-17', 'order CCO-7 cannot hold now: it is submitted']);
    const held = openOrder();
    enterLamp(held);
    held.send(agentHold('CALLBACK'));
    cases.push([held, { type: 'ADD_LINE', line: line('L2', 'P-LAMP', 1, 2499) }, 'CC-17', 'order CCO-7 cannot add line now: it is on hold']);
    cases.push([held, { type: 'SUBMIT', answers: {}, ...by }, 'CC-17', 'it is on hold']);
    const cancelled = openOrder();
    cancelled.send({ type: 'CANCEL', ...by });
    cases.push([cancelled, { type: 'CANCEL', ...by }, 'STATE', 'order CCO-7 cannot cancel now: it is cancelled']);
    for (const [order, event, rule, words] of cases) {
      const refusal = refused(order, event);
      expect(refusal.rule, event.type).toBe(rule);
      expect(refusal.message, event.type).toContain(words);
      expect(refusal.message).not.toMatch(/plainEntry|doNotProcess|routing|[A-Z]{3,}_/);
    }
  });
  it('CC-19 / CC-3 the chart refuses a clear that would submit an order with no items; the hold stays', () => {
    const order = openOrder();
    order.send({ type: 'SET_CUSTOMER', customer: customer(catalog) });
    order.send(agentHold('HOLD'));
    expect(order.getSnapshot().context.holds).toHaveLength(1);
    for (const variant of ['clearAndSubmit', 'submitWhenCleared'] as const) {
      expect(refused(order, supervisorClear('CCO-7-H1', variant))).toMatchObject({ rule: 'CC-3', field: 'variant' });
    }
    expect(order.getSnapshot().context.holds[0]!.cleared).toBeNull();
    order.send(supervisorClear('CCO-7-H1', 'clear'));
    expect(order.getSnapshot().context.holds[0]!.cleared).toMatchObject({ variant: 'clear' });
  });
});
