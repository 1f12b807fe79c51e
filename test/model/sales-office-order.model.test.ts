/**
 * Model-based paths of the sales order machine (SM-1..SM-5, SM-12, SM-13) replayed against the chain: each event of a
 * derived path is the office command that causes it (confirm, post a packing slip, invoice, cancel the remainder,
 * change the type), run on a fresh chain through headquarters; after every step the office's order must be in the
 * path's state with the same record the machine alone reaches.
 */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { EngineDriver } from '../../engine/lab/paths/engine-driver.ts';
import { combine, derivePaths } from '../../engine/lab/paths/derive.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { runModel, type Host } from '../../engine/lab/paths/replay.ts';
import type { SalesLine } from '../../engine/domain/sales/types.ts';
import { createSalesOrderMachine, type SalesOrderEvent, type SalesOrderSnapshot } from '../../machines/sales-order.machine.ts';
import { newEngine } from '../engine/engine-helpers.ts';
import { withSalesOffice } from '../engine/sales-office-helpers.ts';

const TODAY = '2026-01-05';
const machine = createSalesOrderMachine();
/** The types the office changes an order to here (a returned order draws a new RMA number each time: its own tests cover it). */
const TYPES = ['journal', 'salesOrder', 'subscription'] as const;
const ARRIVING = [['P-LAMP', 20], ['P-STOVE', 10]] as const;

/**
 * A fresh chain with Acme's order of two lamps and a stove (headquarters' warehouse has no lamps: those stay On order).
 * Lamps and stoves arrive after the order (not yet due, so not reserved for it): packing slips have them to ship, as
 * often as a subscription delivers again (SM-12).
 */
function fresh(scenario: string): { engine: Chain; driver: EngineDriver; salesOrderId: string } {
  const engine = newEngine(withSalesOffice);
  const driver = new EngineDriver(engine);
  const lines = [{ productId: 'P-LAMP', quantity: 2, requestedShipDate: '2026-01-20' }, { productId: 'P-STOVE', quantity: 1, requestedShipDate: '2026-01-20' }];
  const salesOrderId = driver.exec({ type: 'sales.createOrder', operatorId: 'sales1', orderType: scenario, customerAccount: 'C-ACME', lines }).salesOrderId as string;
  for (const [productId, quantity] of ARRIVING) {
    const { purchaseOrderId } = driver.exec({ type: 'sales.createPurchaseLine', operatorId: 'sales1', vendorAccount: 'V-NORD', productId, quantity, expectedDate: TODAY });
    driver.exec({ type: 'sales.receivePurchaseLine', operatorId: 'sales1', purchaseOrderId, lineId: '1', quantity });
  }
  return { engine, driver, salesOrderId };
}

const orderOf = (s: { engine: Chain; salesOrderId: string }) => s.engine.headquarters.salesOffice.orders.snapshot(s.salesOrderId);
const SCENARIOS = { salesOrder: { input: orderOf(fresh('salesOrder')).context }, journal: { input: orderOf(fresh('journal')).context } };
/** What is free at headquarters' warehouse as the office computes it when the stove is not held (a journal's change of type reserves from it). */
const FREE = [{ productId: 'P-TENT', warehouseId: 'HQW', quantity: 5 }, { productId: 'P-STOVE', warehouseId: 'HQW', quantity: 12 }, { productId: 'P-LAMP', warehouseId: 'HQW', quantity: 20 }];

function events(snapshot: SalesOrderSnapshot): SalesOrderEvent[] {
  const { lines } = snapshot.context;
  const toDeliver = lines.filter((l) => l.deliverRemainder !== 0);
  const toInvoice = lines.filter((l) => l.invoiceRemainder !== 0);
  return accepted(snapshot, [
    ev('confirm', { type: 'CONFIRM', on: TODAY }),
    ev('deliver all', { type: 'DELIVER', lines: toDeliver.map((l) => ({ lineId: l.lineId, quantity: l.deliverRemainder })) }),
    ...toDeliver.slice(0, 1).map((l) => ev('deliver one', { type: 'DELIVER' as const, lines: [{ lineId: l.lineId, quantity: 1 }] })),
    ev('invoice all', { type: 'INVOICE', lines: toInvoice.map((l) => ({ lineId: l.lineId, quantity: l.invoiceRemainder })) }),
    ev('cancel remainders', { type: 'CANCEL_REMAINDERS', lineIds: null }),
    ...TYPES.map((to) => ev(`to ${to}`, { type: 'CHANGE_TYPE' as const, to, available: FREE, warehouseManaged: ['P-SOCKS'], rmaNumber: null })),
  ]);
}

const lineKey = (l: SalesLine) => [l.deliverRemainder, l.invoiceRemainder, l.delivered !== 0, l.invoiced !== 0, l.cancelled !== 0, l.inventory].join(',');
const key = { base: (s: SalesOrderSnapshot) => `${JSON.stringify(s.value)} ${s.context.lines.map(lineKey).join(' | ')}${s.context.header.confirmedOn ? ' confirmed' : ''}` };

const derivation = combine(Object.entries(SCENARIOS).map(([scenario, { input }]) => derivePaths<SalesOrderSnapshot, SalesOrderEvent>({ machine, scenario, input, shortest: { events, key } })));

type Session = ReturnType<typeof fresh>;

const host: Host<SalesOrderSnapshot, SalesOrderEvent, Session> = {
  fresh,
  apply: (s, event) => {
    const by = { operatorId: 'sales1', salesOrderId: s.salesOrderId };
    switch (event.type) {
      case 'CONFIRM': s.driver.exec({ type: 'sales.confirmOrder', ...by }); break;
      case 'DELIVER': s.driver.exec({ type: 'sales.postPackingSlip', ...by, lines: event.lines }); break;
      case 'INVOICE': s.driver.exec({ type: 'sales.invoiceOrder', ...by }); break;
      case 'CANCEL_REMAINDERS': s.driver.exec({ type: 'sales.cancelRemainder', ...by }); break;
      case 'CHANGE_TYPE': s.driver.exec({ type: 'sales.changeOrderType', ...by, orderType: event.to }); break;
      case 'RESERVE': throw new Error('the office reserves on its own (at entry, a change of type, a receipt)');
    }
  },
  check: (s, after) => {
    if (JSON.stringify(orderOf(s).context) !== JSON.stringify(after.context)) throw new Error(`the office holds ${JSON.stringify(orderOf(s).context.lines)}, the machine ${JSON.stringify(after.context.lines)}`);
  },
  engineState: (s) => orderOf(s).value,
};

const result = runModel({ machine, events, scenarios: SCENARIOS, derivation, host });

describe('model: sales orders through the sales office', () => {
  it(`SM-1 / SM-2 / SM-5 / SM-12 / SM-13: ${derivation.paths.length} derived paths (${result.steps} steps) run through the office agree with the machine at every step`, () => {
    expect(derivation.paths.length).toBeGreaterThan(10);
    expect(result.failures.slice(0, 5)).toEqual([]);
  });
});
