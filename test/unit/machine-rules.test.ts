/**
 * Refusals come from the chart (machines/rules.ts): a guard named after its rule says why it refuses; an event the
 * current state has no transition for is refused with the state's own words and where the chart would take it.
 */
import { describe, expect, it } from 'vitest';
import { and, createActor, setup } from 'xstate';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import { violation } from '../../engine/domain/violation.ts';
import { createCustomerOrderMachine } from '../../machines/customer-order.machine.ts';
import { createRegisterMachine } from '../../machines/register.machine.ts';
import { explainRefusal, guardsOf } from '../../machines/rules.ts';
import { demoChainConfig } from '../fixtures/chain.ts';

const catalog = buildCatalog(demoChainConfig());

describe('refusals from the chart', () => {
  it('an event the state does not take: the state\'s rule and words, and the states that take it', () => {
    const register = createActor(createRegisterMachine(catalog), { input: { registerId: 'R1', storeId: 'S1' } }).start();
    const refusal = explainRefusal(register.getSnapshot(), { type: 'TENDER' });
    expect(refusal).toEqual({ rule: 'STATE', field: 'registerId', message: 'register R1 cannot tender now: no shift is open (only when a transaction is open)' });
  });

  it('CO-10 / CO-11 / SY-2: an async order waiting for headquarters refuses by the rule of what was asked', () => {
    const machine = createCustomerOrderMachine(catalog);
    const order = createActor(machine, { input: {
      orderId: 'CO-1', createdAs: 'customerOrder', channelReference: 'S1-T-1', storeId: 'S1', customerId: 'C-ANNA', createdAt: 0, origin: 'pos',
      orderCompletion: false, salesOrderId: null, lines: [], charges: [], depositOverride: null, cardToken: null, payments: [], invoices: [],
    } }).start();
    const snapshot = order.getSnapshot();
    expect(snapshot.value).toBe('awaitingHeadquarters');
    expect(explainRefusal(snapshot, { type: 'RECALL_FOR_EDIT' }).rule).toBe('CO-10');
    expect(explainRefusal(snapshot, { type: 'CANCEL' }).rule).toBe('CO-11');
    expect(explainRefusal(snapshot, { type: 'PICK' })).toMatchObject({ rule: 'SY-2', field: 'orderId', message: expect.stringContaining('not at headquarters yet') });
  });

  it('a transition refused by its guard: the rule that guard is named after says why', () => {
    const register = createActor(createRegisterMachine(catalog), { input: { registerId: 'R1', storeId: 'S1' } }).start();
    expect(explainRefusal(register.getSnapshot(), { type: 'OPEN_SHIFT', operatorId: 'cashier2' })).toMatchObject({ rule: 'ST-5', field: 'operatorId' });
    register.send({ type: 'OPEN_SHIFT', operatorId: 'cashier1', shiftId: 'SH-R1-000001', openingFloat: 0, at: 0 });
    expect(explainRefusal(register.getSnapshot(), { type: 'ADD_ITEM', transactionId: 'T', productId: 'P-NOPE', quantity: 1 })).toMatchObject({ field: 'productId' });
  });

  it('guards of a rule table evaluate a rule once for an event XState asks about twice', () => {
    let calls = 0;
    const rules = { 'X-1 counted': () => { calls += 1; return null; }, 'X-2 never': () => violation('X-2', 'no') };
    // As a tender: allowed and settling, else allowed.
    const machine = setup({ guards: { ...guardsOf(rules), settles: () => false } }).createMachine({
      initial: 'a', meta: { rules },
      states: { a: { on: { GO: [{ guard: 'X-2 never', target: 'c' }, { guard: and(['X-1 counted', 'settles']), target: 'c' }, { guard: 'X-1 counted', target: 'b' }] } }, b: {}, c: {} },
    });
    const actor = createActor(machine).start();
    actor.send({ type: 'GO' });
    expect(actor.getSnapshot().value).toBe('b');
    expect(calls).toBe(1);
  });
});
