/**
 * Model-based test of the customer lifecycle (CU-4, CU-5, CU-7, SY-4): the lab's customer model
 * (engine/lab/paths/models/customer.ts) derives paths from three customers created at a register (async at S1,
 * offline at S2, sync at S2) and executes each against the real `Chain`; after every step the engine's customer has
 * the model's state, account number, record and account label, headquarters' account holds the same record and
 * version, a customer pending sync cannot be edited or get a loyalty card, the sync and engine-wide invariants hold.
 */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { EngineDriver } from '../../engine/lab/paths/engine-driver.ts';
import { customerConfig, customerModel, SCENARIOS } from '../../engine/lab/paths/models/customer.ts';
import { modelTests } from './harness.ts';

describe('model: customer machine against the engine', () => {
  const model = customerModel.build();

  it(`CU-4 / CU-6: the customers are created as the store's mode and link say (${SCENARIOS.join(', ')})`, () => {
    expect(model.created.async.result).toMatchObject({ mode: 'async', accountNumber: null, account: 'Pending sync' });
    expect(model.created.offline.result).toMatchObject({ mode: 'offline', accountNumber: null, account: 'Pending sync' });
    expect(model.created.sync.result).toMatchObject({ mode: 'sync', accountNumber: 'C-000001', account: 'C-000001' });
    // CU-4: the channel's id is a temporary GUID, whatever the mode.
    for (const name of SCENARIOS) expect(model.created[name].customerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('CU-6: offline, a store that filters shared customer data tables refuses to create customers (nothing changes)', () => {
    const config = customerConfig();
    const engine = Chain.create({ ...config, stores: config.stores.map((s) => (s.id === 'S2' ? { ...s, filterSharedCustomerDataTables: true } : s)) }, { seed: 51 });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' });
    driver.exec({ type: 'sync.setLink', storeId: 'S2', state: 'offline' });
    driver.refused({ type: 'customer.create', registerId: 'R3', customer: { name: 'Robin Model' } }, 'CU-6');
    driver.exec({ type: 'sync.setLink', storeId: 'S2', state: 'online' });
    expect(driver.exec({ type: 'customer.create', registerId: 'R3', customer: { name: 'Robin Model' } })).toMatchObject({ mode: 'sync' });
  });

  modelTests(model);
});
