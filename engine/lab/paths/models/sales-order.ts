/**
 * The sales order lifecycle model (SM-1..SM-5, SM-10..SM-13): shortest paths derived from `createSalesOrderMachine`
 * for Acme's orders as sales1 enters them, all wanted yesterday: a sales order (2 tents and a lamp; a journal, a
 * subscription... once its type changes), item requirements of 2 poles (a project item) for project PRJ-7, and a
 * returned order of 2 tents; simple paths too for the item requirements, without type changes. Every event is the
 * command that causes it: `sales.confirmOrder`, `postPackingSlip` (all that is left, or one unit of the first line; a
 * returned order's negative lines are received), `invoiceOrder`, `cancelRemainder`, `changeOrderType`; RESERVE is a
 * purchase line received for the lines still On order (backorders: SM-11 gives them the stock). After every step the
 * office's order actor has the model's state and lines (its RMA number only as drawn or not: the office's sequence
 * numbers it), the order detail shows the type, status, remainders and inventory in words, deliver remainder =
 * quantity - delivered - cancelled and invoice remainder = delivered - invoiced (not on a subscription's running
 * totals, SM-3), the packing slips and invoices posted add up to what the lines say was delivered and invoiced, and no
 * stock is reserved past what the warehouse holds. A journal takes no packing slip (SM-1) and delivered item
 * requirements keep their type (SM-5): both refused, nothing changed.
 */
import { createSalesOrderMachine, settledIn, type SalesOrderEvent, type SalesOrderSnapshot } from '../../../../machines/sales-order.machine.ts';
import { salesOrderStatus } from '../../../domain/sales/sales-order.ts';
import { salesOrderTypes, type SalesLine, type SalesOrderRecord, type SalesOrderType } from '../../../domain/sales/types.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  dayAfter, deriveOfficePaths, officeCommand, officeOf, officeHost, officeRefused, officeSnapshot, officeViews, once, PLENTY, salesOfficeChainConfig, VENDOR,
  WAREHOUSE, type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 66;
const TYPE_WORDS: Record<SalesOrderType, string> = { journal: 'Journal', salesOrder: 'Sales order', subscription: 'Subscription', returnedOrder: 'Returned order', itemRequirements: 'Item requirements' };
const STATUS_WORDS = { openOrder: 'Open order', delivered: 'Delivered', invoiced: 'Invoiced', cancelled: 'Cancelled' } as const;
const INVENTORY_WORDS: Record<SalesLine['inventory'], string> = { none: 'None', onOrder: 'On order', reserved: 'Reserved', deducted: 'Deducted', sold: 'Sold', received: 'Received' };
/** What the office's warehouse can always give (PLENTY each): a reservation never depends on the path. */
const AVAILABLE = ['P-TENT', 'P-LAMP', 'P-POLES'].map((productId) => ({ productId, warehouseId: WAREHOUSE, quantity: PLENTY }));
const WAREHOUSE_MANAGED = ['P-SOCKS'];

/** Each scenario's order as entered. */
const SCENARIOS = {
  sale: { orderType: 'salesOrder', lines: [['P-TENT', 2], ['P-LAMP', 1]] },
  requirements: { orderType: 'itemRequirements', lines: [['P-POLES', 2]], projectId: 'PRJ-7' },
  returned: { orderType: 'returnedOrder', lines: [['P-TENT', 2]] },
} as const;
type ScenarioName = keyof typeof SCENARIOS;

function enterOrder(driver: EngineDriver, name: ScenarioName): OfficeRecord<SalesOrderRecord> {
  const plan = SCENARIOS[name];
  const { today } = officeOf(driver.engine);
  // Wanted yesterday: a line left On order is a backorder, which received stock goes to (SM-10, SM-11).
  const lines = plan.lines.map(([productId, quantity]) => ({ productId, quantity, requestedShipDate: dayAfter(today, -1) }));
  const { salesOrderId } = officeCommand(driver, 'sales.createOrder', { orderType: plan.orderType, customerAccount: 'C-ACME', lines, ...('projectId' in plan ? { projectId: plan.projectId } : {}) }) as { salesOrderId: string };
  return { id: salesOrderId, today, input: officeSnapshot(driver.engine, 'orders', salesOrderId).context as SalesOrderRecord };
}

/** The RMA number is drawn from the office's sequence: the model knows only whether the order has one. */
const withoutNumbers = (record: SalesOrderRecord) => ({ ...record, header: { ...record.header, rmaNumber: record.header.rmaNumber !== null } });

function buildSalesOrderModel() {
  const config = salesOfficeChainConfig();
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  const setups = Object.fromEntries(names.map((name) => [name, prepareChain(config, SEED, (driver) => enterOrder(driver, name))]));
  const machine = createSalesOrderMachine();

  const orderEvents = (made: OfficeRecord<unknown>) => (s: SalesOrderSnapshot): SalesOrderEvent[] => {
    const { lines } = s.context;
    const toDeliver = lines.filter((l) => l.deliverRemainder !== 0);
    const toInvoice = lines.filter((l) => l.invoiceRemainder !== 0);
    return accepted(s, [
      ev('confirm', { type: 'CONFIRM', on: made.today }),
      ev('reserve', { type: 'RESERVE', available: AVAILABLE }),
      ev('deliver all', { type: 'DELIVER', lines: toDeliver.map((l) => ({ lineId: l.lineId, quantity: l.deliverRemainder })) }),
      ...toDeliver.slice(0, 1).map((l) => ev('deliver one', { type: 'DELIVER' as const, lines: [{ lineId: l.lineId, quantity: Math.sign(l.deliverRemainder) }] })),
      ev('invoice all', { type: 'INVOICE', lines: toInvoice.map((l) => ({ lineId: l.lineId, quantity: l.invoiceRemainder })) }),
      ev('cancel remainders', { type: 'CANCEL_REMAINDERS', lineIds: null }),
      // SM-5: tried before anything is posted or cancelled (after, the fan-out of every type multiplies the paths;
      // the machine's own model test changes types at every status, and item requirements delivered is probed).
      ...(lines.some((l) => l.delivered !== 0 || l.cancelled !== 0) ? [] : salesOrderTypes.map((to) => ev(`to ${to}`, { type: 'CHANGE_TYPE' as const, to, available: AVAILABLE, warehouseManaged: WAREHOUSE_MANAGED, rmaNumber: 'RMA' }))),
    ]);
  };

  const host = officeHost<SalesOrderSnapshot, SalesOrderEvent, OfficeRecord<SalesOrderRecord>>({
    setups, table: 'orders', project: withoutNumbers,
    apply: (session, event, before) => {
      const salesOrderId = session.made.id;
      const run = (type: string, fields: Record<string, unknown> = {}) => officeCommand(session.driver, type, { salesOrderId, ...fields });
      switch (event.type) {
        case 'CONFIRM': run('sales.confirmOrder'); break;
        case 'DELIVER': run('sales.postPackingSlip', { lines: event.lines }); break;
        case 'INVOICE': run('sales.invoiceOrder'); break;
        case 'CANCEL_REMAINDERS': run('sales.cancelRemainder'); break;
        case 'CHANGE_TYPE': run('sales.changeOrderType', { orderType: event.to }); break;
        case 'RESERVE':
          // SM-11: stock received on a purchase line goes to the lines waiting On order.
          for (const line of before.context.lines.filter((l) => l.inventory === 'onOrder')) {
            const { purchaseOrderId, lineId } = officeCommand(session.driver, 'sales.createPurchaseLine', { vendorAccount: VENDOR, productId: line.productId, quantity: line.deliverRemainder, expectedDate: session.made.today });
            officeCommand(session.driver, 'sales.receivePurchaseLine', { purchaseOrderId, lineId, quantity: line.deliverRemainder });
          }
          break;
      }
    },
    check: (session, after) => {
      const { engine, made, driver } = session;
      const record = after.context;
      const { type, status } = settledIn(after);
      expectSame('SM-2 the state is the order\'s type and derived status', { type, status }, { type: record.header.type, status: salesOrderStatus(record) });
      const detail = officeViews(engine).order(made.id) ?? fail(`the office shows no order ${made.id}`);
      expectSame('SM-2 the order\'s type and status in words', { type: detail.header.typeWords, status: detail.header.status }, { type: TYPE_WORDS[type], status: STATUS_WORDS[status] });
      const posted = officeOf(engine).exportState();
      const sum = (quantities: { lineId: string | null; quantity: number }[], lineId: string) => quantities.filter((q) => q.lineId === lineId).reduce((n, q) => n + q.quantity, 0);
      const slipped = Object.values(posted.packingSlips).filter((s) => s.salesOrderId === made.id).flatMap((s) => s.lines);
      const invoiced = Object.values(posted.invoices).flatMap((i) => i.lines).filter((l) => l.salesOrderId === made.id);
      for (const [i, line] of record.lines.entries()) {
        const shown = detail.lines[i];
        expectSame(`SM-2 line ${line.lineId} in the detail`, shown === undefined ? null : { deliverRemainder: shown.deliverRemainder, invoiceRemainder: shown.invoiceRemainder, inventory: shown.inventory },
          { deliverRemainder: line.deliverRemainder, invoiceRemainder: line.invoiceRemainder, inventory: INVENTORY_WORDS[line.inventory] });
        // SM-12 / SM-13: the remainders add up (a subscription's delivered and invoiced run on over its cycles, SM-3).
        if (type !== 'subscription') {
          expectSame(`SM-12 line ${line.lineId}: deliver remainder = quantity - delivered - cancelled`, line.deliverRemainder, line.quantity - line.delivered - line.cancelled);
          expectSame(`SM-13 line ${line.lineId}: invoice remainder = delivered - invoiced`, line.invoiceRemainder, line.delivered - line.invoiced);
        }
        expectSame(`SM-12 / SM-13 line ${line.lineId}: what the packing slips and invoices posted`, { delivered: sum(slipped, line.lineId), invoiced: sum(invoiced, line.lineId) }, { delivered: line.delivered, invoiced: line.invoiced });
      }
      // SM-2: reservations never take more than the warehouse holds.
      const overAllocated = officeOf(engine).available().filter((h) => h.quantity < 0);
      expectSame('SM-2 stock reserved past what is on hand', overAllocated, []);
      // SM-5: item requirements keep their type once delivered.
      if (type === 'itemRequirements' && record.lines.some((l) => l.delivered !== 0)) {
        once(session, 'requirements delivered', () => officeRefused(driver, 'sales.changeOrderType', { salesOrderId: made.id, orderType: 'salesOrder' }, 'SM-5'));
      }
      // SM-1: a journal is a draft: no packing slip.
      if (type === 'journal' && record.lines.some((l) => l.deliverRemainder !== 0)) {
        once(session, 'journal', () => officeRefused(driver, 'sales.postPackingSlip', { salesOrderId: made.id, lines: [{ lineId: record.lines[0]!.lineId, quantity: Math.sign(record.lines[0]!.quantity) }] }, 'SM-1'));
      }
    },
  });

  const scenarios = Object.fromEntries(names.map((name) => [name, { input: setups[name]!.made.input, events: orderEvents(setups[name]!.made) }]));
  /** What decides the events an order takes: its state, whether each remainder is left, and what was posted. */
  const lineKey = (l: SalesLine) => [l.deliverRemainder, l.invoiceRemainder, l.delivered !== 0, l.invoiced !== 0, l.cancelled !== 0, l.inventory].join(',');
  const key = {
    base: (s: SalesOrderSnapshot) => `${JSON.stringify(s.value)} ${s.context.lines.map(lineKey).join(' | ')}${s.context.header.confirmedOn ? ' confirmed' : ''}`,
    // A type changed to is a vertex of its own per type it came from (else no shortest path leaves a journal or a subscription).
    mark: (_s: SalesOrderSnapshot, e: { type: string }, prev: SalesOrderSnapshot) => (e.type === 'CHANGE_TYPE' ? ` from ${prev.context.header.type}` : null),
  };
  // Type changes and single units make the simple paths explode: the simple graph (item requirements only) goes
  // without them, and
  // adds no shortest path of its own.
  const lifecycleOnly = (events: (s: SalesOrderSnapshot) => SalesOrderEvent[]) => (s: SalesOrderSnapshot) => events(s).filter((e) => e.type !== 'CHANGE_TYPE' && labelOf(e) !== 'deliver one');
  const derivation = combine([
    deriveOfficePaths(machine, scenarios, key, []),
    derivePaths<SalesOrderSnapshot, SalesOrderEvent>({ machine, scenario: 'requirements', input: scenarios.requirements!.input, shortest: { events: () => [], key }, simple: { events: lifecycleOnly(scenarios.requirements!.events), key } }),
  ]);

  return {
    name: 'sales-order', machine, scenarios, events: orderEvents(setups.sale!.made), derivation, host,
    ...scenarioHooks(setups),
    rules: 'SM-1 / SM-2 / SM-3 / SM-4 / SM-5 / SM-12 / SM-13',
    checks: 'same order state and lines, type and status and line remainders in the detail, remainders adding up, packing slips and invoices adding up to delivered and invoiced, no over-allocation',
  } satisfies LifecycleModel<SalesOrderSnapshot, SalesOrderEvent>;
}

export const salesOrderModel = modelEntry({
  name: 'sales-order', machine: 'sales-order',
  description: 'Acme\'s orders at the sales office (a sales order, item requirements, a returned order; journals and subscriptions by a type change): confirmed, reserved, delivered, invoiced, remainders cancelled',
  createMachine: createSalesOrderMachine,
  build: buildSalesOrderModel,
});
