/**
 * Where the sales and marketing models and the sales office disagreed (engine/lab/paths/models/sales-order.ts ...),
 * each reduced to the shortest command sequence that showed it; the office now does what the rules ask, and these
 * keep it so.
 */
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { officeCommand, officeOf, salesOfficeChainConfig } from '../../engine/lab/paths/sales-office-chain.ts';
import { EngineDriver } from './harness.ts';

describe('findings of the sales office models (fixed)', () => {
  it('SM-4 a returned order receives its negative lines through sales.postPackingSlip (the command took only positive quantities)', () => {
    // sales-order model: [returned] deliver one
    const engine = Chain.create(salesOfficeChainConfig(), { seed: 1 });
    const driver = new EngineDriver(engine);
    const { salesOrderId } = officeCommand(driver, 'sales.createOrder', { orderType: 'returnedOrder', customerAccount: 'C-ACME', lines: [{ productId: 'P-TENT', quantity: 2, requestedShipDate: '2026-01-10' }] }) as { salesOrderId: string };
    const onHand = () => officeOf(engine).exportState().onHand.find((h) => h.productId === 'P-TENT')!.quantity;
    const before = onHand();
    officeCommand(driver, 'sales.postPackingSlip', { salesOrderId, lines: [{ lineId: `${salesOrderId}-1`, quantity: -1 }] });
    expect(officeOf(engine).orders.snapshot(salesOrderId).context.lines[0]).toMatchObject({ quantity: -2, delivered: -1, deliverRemainder: -1, invoiceRemainder: -1 });
    expect(onHand()).toBe(before + 1);
    // The sign of the line still decides: a returned line takes nothing out, and no line takes zero.
    for (const quantity of [1, 0]) {
      const refused = engine.executeNow({ type: 'sales.postPackingSlip', operatorId: 'sales1', salesOrderId, lines: [{ lineId: `${salesOrderId}-1`, quantity }] });
      expect(refused).toMatchObject({ ok: false, error: { field: 'lines.0.quantity' } });
    }
  });
});
