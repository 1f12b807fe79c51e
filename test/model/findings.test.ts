/**
 * Defects the model-based tests found (register / customer-order / fulfillment-group models), each reduced to the
 * shortest command sequence that showed it, kept as regression tests of the fixed behaviour.
 */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { sumMinor } from '../../engine/domain/money.ts';
import { EngineDriver, engineInvariants, initialOnHand, scenarioConfig } from './harness.ts';

/** S1 with the edit-partially-fulfilled-orders feature on (CO-10). */
function partialEditsConfig() {
  const config = scenarioConfig();
  config.stores = config.stores.map((s) => (s.id === 'S1' ? { ...s, functionality: { ...s.functionality, editPartiallyFulfilledOrders: true } } : s)) as typeof config.stores;
  return config;
}

function start(config = scenarioConfig()) {
  const engine = Chain.create(config, { seed: 1 });
  const driver = new EngineDriver(engine);
  const run = (command: Record<string, unknown>) => driver.exec(command);
  const due = (registerId = 'R1') => engine.registerView(registerId).due;
  const invariants = () => engineInvariants(engine, { initialOnHand: initialOnHand(engine.catalog) });
  run({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
  return { engine, run, due, invariants };
}

describe('regressions found by the model-based tests', () => {
  it('CO-9 / CO-5: a quote cannot carry a line out, which would hand the goods over unpaid', () => {
    // register model: open:cashier1 > add:lamp > add:tent > pickup:selected > customer:anna > type:quote > tender:zero
    const { engine, run } = start();
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 1 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.pickupSelected', registerId: 'R1', lineIds: ['T-R1-000001-2'] }); // the lamp stays carry-out
    run({ type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    expect(engine.registerView('R1').due).toBe(0); // a quote takes no payment...
    const result = engine.executeNow({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
    // ...so it cannot hand the carry-out lamp over.
    expect(result).toMatchObject({ ok: false, error: { rule: 'CO-9', field: 'orderType' } });
    expect(engine.orderIds()).toEqual([]);
  });

  it('CO-9: cash tendered before the cart became a quote is handed back, not kept on the quote', () => {
    // register model: open:cashier1 > add:lamp > pickup:all > customer:anna > tender:cash:part > type:quote > tender:zero
    const { engine, run, invariants } = start();
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.pickupAll', registerId: 'R1' });
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 100 });
    run({ type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
    const result = run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
    expect(result).toMatchObject({ completed: true, change: 100 });
    const order = engine.orderView(result.orderId as string);
    expect(order.state).toEqual({ quote: 'idle' });
    expect(order.payments).toEqual([]);
    expect(invariants()).toEqual([]);
  });

  it('CO-5 / CO-10: an edit that carries every line out must invoice the header charges it keeps', () => {
    // register model: open:cashier1 > recall:edit > carry:all > charge:giftwrap > tender:cash
    const { engine, run, due, invariants } = start();
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.pickupAll', registerId: 'R1' });
    const orderId = run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() }).orderId as string;
    run({ type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'edit' });
    run({ type: 'register.carryOutAll', registerId: 'R1' });
    run({ type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'GIFTWRAP', amount: 500, approverId: 'manager1' });
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() });
    const order = engine.orderView(orderId);
    expect(order.state).toBe('completed');
    // The 500 gift wrap is invoiced with the carried-out lamp, not only paid.
    expect(sumMinor(order.invoices.map((i) => i.total))).toBe(order.totals.total);
    expect(invariants()).toEqual([]);
  });

  it('CO-10: an edit that completes the order must give back the deposit of the lines it removed', () => {
    // customer-order model: [hybrid] recall > save:remove:L2
    const { engine, run, due, invariants } = start();
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-STOVE', quantity: 1 }); // carry-out 9845
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.pickupSelected', registerId: 'R1', lineIds: ['T-R1-000001-2'] }); // pickup 1429, deposit 143
    const orderId = run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() }).orderId as string;
    run({ type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'edit' });
    run({ type: 'register.removeLine', registerId: 'R1', lineId: 'T-R1-000001-2' });
    expect(due()).toBe(-143);
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() });
    const order = engine.orderView(orderId);
    expect(order.state).toBe('completed'); // nothing left to fulfil, so it cannot be cancelled or edited any more
    // The 143 deposit of the removed socks is refunded by the edit, which completes the order.
    expect({ paid: order.paid, status: order.paymentStatus }).toEqual({ paid: order.totals.total, status: 'Paid' });
    expect(invariants()).toEqual([]);
  });

  it('FF-1 / RT-1: a return updates the returned units of the line the location still lists', () => {
    // customer-order model: [order] accept:L1 > ship:L1:1 > return:L1:1 (the location keeps returned = 0)
    const { engine, run, due } = start();
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    const orderId = run({ type: 'register.tender', registerId: 'R1', method: 'card', amount: due(), cardToken: 'tok' }).orderId as string;
    run({ type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId, lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] });
    run({ type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: orderId } });
    run({ type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }] });
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() });
    const atOrder = engine.orderView(orderId).lines[0]!.progress;
    const atLocation = engine.fulfillmentView('W1').lines.find((l) => l.orderId === orderId)!.progress;
    expect(atLocation).toEqual(atOrder);
    expect(atLocation.returned).toBe(1);
  });

  it('CO-10 / CH-3: an edit after the last ship invoice must not leave a new header charge uninvoiced and unpaid', () => {
    // customer-order model (edit partially fulfilled on): [order] accept:L1 > ship:L1:all > recall > save:remove:L2
    const { engine, run, due, invariants } = start(partialEditsConfig());
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.shipSelected', registerId: 'R1', lineIds: ['T-R1-000001-1'], modeCode: 'STD' });
    run({ type: 'register.pickupSelected', registerId: 'R1', lineIds: ['T-R1-000001-2'] }); // two modes: no header charge (CH-3)
    const orderId = run({ type: 'register.tender', registerId: 'R1', method: 'card', amount: due(), cardToken: 'tok' }).orderId as string;
    run({ type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId, lines: [{ lineId: 'T-R1-000001-1', quantity: 2 }] });
    run({ type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'edit' });
    run({ type: 'register.removeLine', registerId: 'R1', lineId: 'T-R1-000001-2' }); // one mode left: FREIGHT 995 appears
    expect(due()).toBe(995); // the edit invoices the freight now: no ship or pickup invoice is left to carry it
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() });
    const order = engine.orderView(orderId);
    expect(order.state).toBe('completed');
    expect(order.invoices.at(-1)).toMatchObject({ kind: 'charges', lines: [], headerCharges: 995, total: 995 });
    expect(invariants().filter((p) => p.startsWith('MONEY'))).toEqual([]);
    expect(order.paymentStatus).toBe('Paid');
  });

  it('CO-10: an edit after a return must not ask again for a deposit on units already invoiced', () => {
    // customer-order model (edit partially fulfilled on): [order] accept:L1 > ship:L1:1 > pickup:L2:all > return:L1:1 >
    // return:L2:1 > recall > save:qty:L1:-1 (reduced here to one pickup line)
    const { engine, run, due, invariants } = start(partialEditsConfig());
    run({ type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 2 });
    run({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-ANNA' });
    run({ type: 'register.pickupAll', registerId: 'R1' });
    const orderId = run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() }).orderId as string; // deposit 550
    run({ type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'pickup', lines: [{ lineId: 'T-R1-000001-1', quantity: 1 }] });
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() }); // 2749 - 550
    run({ type: 'register.startReturn', registerId: 'R1', lookup: { by: 'orderId', value: orderId } });
    run({ type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: 'T-R1-000001-1', quantity: 1, reasonCode: 'DAMAGED' }] });
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: due() }); // -2749
    run({ type: 'register.recallOrder', registerId: 'R1', orderId, purpose: 'edit' });
    run({ type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 1 }); // only the unit already picked up and returned
    expect(due()).toBe(0); // no deposit on the unit already picked up and returned
    run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
    const order = engine.orderView(orderId);
    expect(order.state).toBe('completed'); // nothing left to fulfil
    expect(invariants().filter((p) => p.startsWith('MONEY'))).toEqual([]);
  });
});
