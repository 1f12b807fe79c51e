/**
 * Where the call-center models and the engine disagreed (engine/lab/paths/models/call-center-order.ts, catalog.ts),
 * each reduced to the shortest command sequence that showed it; the desk (engine/call-center-desk.ts) now does what
 * the rules ask, and these keep it so.
 */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { AGENT, callCenterChainConfig, callCenterOf, CUSTOMER, SUPERVISOR } from '../../engine/lab/paths/call-center-chain.ts';
import { EngineDriver } from './harness.ts';

/** An order agent1 starts for Anna at CC1 (order completion as given), and the desk step on it. */
function startOrder(orderCompletion = true) {
  const config = callCenterChainConfig();
  callCenterOf(config).orderCompletion = orderCompletion;
  const engine = Chain.create(config, { seed: 1 });
  const driver = new EngineDriver(engine);
  const { orderId } = driver.exec({ type: 'callCenter.startOrder', operatorId: AGENT, customerId: CUSTOMER }) as { orderId: string };
  const desk = (type: string, fields: Record<string, unknown> = {}) => driver.exec({ type: `callCenter.${type}`, operatorId: AGENT, orderId, ...fields });
  const view = () => engine.headquarters.callCenter.orderView(orderId)!;
  return { engine, driver, orderId, desk, view };
}

describe('findings of the call-center models (fixed)', () => {
  it('CC-7 / CC-17: an agent leaves a held order and it stays held', () => {
    // call-center-order model: hold > leave (also doNotProcess > leave, submitted > leave)
    const { engine, orderId, desk, view } = startOrder();
    desk('hold');
    expect(view().state).toBe('held');
    expect(engine.executeNow({ type: 'callCenter.leave', operatorId: AGENT, orderId })).toMatchObject({ ok: true });
    expect(view().state).toBe('held');
  });

  it('CC-3 / CC-19: clearing a hold with a submit on an order with no lines is refused and changes nothing', () => {
    // call-center-order model: hold > clear:clearAndSubmit (also clear:submitWhenCleared; with a source code the crash reads locationId)
    const { engine, orderId, desk } = startOrder();
    const { holdId } = desk('hold') as { holdId: string };
    const before = JSON.stringify(engine.exportState());
    const result = engine.executeNow({ type: 'callCenter.clearHold', operatorId: AGENT, orderId, holdId, variant: 'clearAndSubmit' });
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(engine.exportState())).toBe(before);
  });

  it('CC-7: with order completion off, an order left with lines is saved as a sales order', () => {
    // call-center-order model, scenario plain: add:tent > leave
    const { desk, view } = startOrder(false);
    desk('addLine', { productId: 'P-TENT', quantity: 1 });
    desk('leave');
    expect(view().state).toBe('submitted');
    expect(view().salesOrderId).not.toBeNull();
  });

  it('CC-4 / CC-5: a source code of a catalog deactivated at headquarters is refused', () => {
    // catalog model, scenario published: deactivate; then the source code on an order
    const { driver, engine, orderId } = startOrder();
    driver.exec({ type: 'callCenter.catalog', action: 'deactivate', catalogId: 'CAT-SPRING', operatorId: SUPERVISOR });
    expect(engine.headquarters.catalogs.catalogStateOf('CAT-SPRING')?.status).toBe('Inactive');
    expect(engine.executeNow({ type: 'callCenter.setHeader', operatorId: AGENT, orderId, sourceCode: 'SPRING26' })).toMatchObject({ ok: false, error: { field: 'sourceCode' } });
  });
});
