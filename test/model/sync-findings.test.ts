/**
 * Defects found while modelling the sync channel and the customer lifecycle (sync-channel / customer models), each
 * reduced to the shortest command sequence that showed it, kept as regression tests of the fixed behaviour.
 */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { EngineDriver, scenarioConfig, sellAt } from './harness.ts';

function start() {
  const engine = Chain.create(scenarioConfig(), { seed: 1 });
  const driver = new EngineDriver(engine);
  driver.exec({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
  return { engine, driver };
}

describe('regressions found by the sync-channel and customer models', () => {
  it('SY-3: a store that queued more than 5000 items offline still gets them to headquarters once back online', () => {
    // sync-channel model: offline > (work) ... > online > ack, with a long offline spell. Headquarters takes at most
    // 5000 items per upload; the P-job sent the whole queue as one upload, which was refused as a whole again and
    // again. It now sends uploads of at most 500 items.
    const { engine, driver } = start();
    driver.exec({ type: 'sync.setLink', storeId: 'S1', state: 'offline' });
    for (let i = 0; i < 5001; i += 1) {
      driver.exec({ type: 'customer.create', registerId: 'R1', customer: { name: `Offline customer ${i}` }, addToTransaction: false });
    }
    driver.exec({ type: 'sync.setLink', storeId: 'S1', state: 'online' });
    expect(engine.syncView('S1').pending).toHaveLength(5001);
    driver.exec({ type: 'headquarters.runJob', job: 'P-job', storeIds: ['S1'] });
    driver.exec({ type: 'headquarters.runJob', job: 'P-job', storeIds: ['S1'] });
    expect(engine.syncView('S1').pending).toHaveLength(0);
    expect(Object.keys(engine.backOffice().staged)).toHaveLength(5001);
    expect(engine.deliveries.refused).toBe(0);
  }, 30_000);

  it('SY-3: a store behind headquarters (its last command not journaled) does not have a new order taken for an old one', () => {
    // customer model, "distribute:restore": the channel database behind headquarters (restored from a backup, or its
    // last command lost after headquarters stored the real-time order it made). The store's numbering started again
    // where its state ended, so the next sale got the same channel reference, and headquarters took the new, different
    // order for the old one (one sales order per channel reference). Headquarters now refuses a different order under
    // a reference it has (CONFLICT); `Chain.reconcile` (run when a durable chain opens) moves the store's numbering on.
    const { engine, driver } = start();
    const storeBefore = engine.exportState().store;
    const first = sellAt(driver, 'R1', [{ productId: 'P-LAMP', quantity: 1, delivery: 'pickup' }], { customerId: 'C-ANNA' });
    expect(first.result).toMatchObject({ mode: 'realtime', salesOrderId: 'SO-000001' });

    const reopened = Chain.restore(engine.catalog, { store: storeBefore, headquarters: engine.exportState().headquarters });
    const run = new EngineDriver(reopened);
    run.exec({ type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 3 });
    run.exec({ type: 'register.setCustomer', registerId: 'R1', customerId: 'C-CAL' });
    run.exec({ type: 'register.pickupAll', registerId: 'R1' });
    const tender = reopened.executeNow({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: reopened.registerView('R1').due });
    expect(tender).toMatchObject({ ok: false, error: { rule: 'CONFLICT', field: 'order.channelReference' } });
    // Headquarters kept Anna's order as it was. Rung up again as a new transaction, Cal's order would still reuse
    // Anna's order id (refused too: one sales order per order id); once the store's numbering moved on (as a durable
    // chain does on open), it gets ids of its own.
    expect(reopened.backOffice().salesOrders['SO-000001']?.customerAccount).toBe('C-ANNA');
    run.exec({ type: 'register.void', registerId: 'R1' });
    expect(reopened.reconcile()).toMatchObject({ counters: { CO: 1 } });
    const again = sellAt(run, 'R1', [{ productId: 'P-TENT', quantity: 3, delivery: 'pickup' }], { customerId: 'C-CAL' });
    expect(again.result).toMatchObject({ orderId: 'CO-000002', confirmationNumber: 'S1-T-R1-000002', salesOrderId: 'SO-000002' });
    expect(reopened.backOffice().salesOrders['SO-000002']?.customerAccount).toBe('C-CAL');
  });
});
