/**
 * Model-based test of the sales order machine (SM-1..SM-5), on the machine and against the engine: shortest paths
 * derived with @xstate/graph from a sales order, a journal, a returned order and item requirements, each event with
 * its payload computed from the order as it stands (deliver or invoice all or one unit, cancel the remainders,
 * reserve, confirm, change to every type). Every path is replayed on the machine; after every step the machine's state is the order's type and derived
 * status (`salesOrderStatus`), and the lines keep their remainders' arithmetic and their inventory where SM-2 says.
 * Against the engine, the lab's model (engine/lab/paths/models/sales-order.ts) drives the same chart's paths through
 * the sales office's `sales.*` commands.
 */
import { describe, expect, it } from 'vitest';
import { derivePaths } from '../../engine/lab/paths/derive.ts';
import { Coverage } from '../../engine/lab/paths/coverage.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { replayPath, type MachineSide } from '../../engine/lab/paths/replay.ts';
import { newSalesOrder, salesOrderStatus, type NewSalesOrder } from '../../engine/domain/sales/sales-order.ts';
import { salesOrderTypes, type SalesLine, type SalesOrderRecord } from '../../engine/domain/sales/types.ts';
import { isViolation } from '../../engine/domain/violation.ts';
import { modelTests, registeredModel } from './harness.ts';
import { createSalesOrderMachine, settledIn, type SalesOrderEvent, type SalesOrderSnapshot } from '../../machines/sales-order.machine.ts';

const machine = createSalesOrderMachine();
const plenty = [{ productId: 'tent', warehouseId: 'WH1', quantity: 99 }, { productId: 'lamp', warehouseId: 'WH1', quantity: 99 }];

function order(overrides: Partial<NewSalesOrder>, sign = 1): SalesOrderRecord {
  const made = newSalesOrder({
    salesOrderId: 'SO-000001', type: 'salesOrder', customerAccount: 'C-100', currency: 'USD', orderDate: '2026-03-01', projectId: 'PRJ-7',
    lines: [
      { lineId: 'L1', productId: 'tent', quantity: 2 * sign, unitPrice: 12_500, requestedShipDate: '2026-03-02', warehouseId: 'WH1' },
      { lineId: 'L2', productId: 'lamp', quantity: 1 * sign, unitPrice: 2_999, requestedShipDate: '2026-03-02', warehouseId: 'WH1' },
    ],
    ...overrides,
  });
  if (isViolation(made)) throw new Error(made.message);
  return made;
}

const scenarios = {
  sale: { input: order({}) },
  journal: { input: order({ type: 'journal' }) },
  returned: { input: order({ type: 'returnedOrder', rmaNumber: 'RMA-000001' }, -1) },
  requirements: { input: order({ type: 'itemRequirements' }) },
};

const unit = (n: number) => Math.sign(n);

/** The events a back office sends an order, their payloads from the order as it stands; refused ones are no edges. */
function events(snapshot: SalesOrderSnapshot): SalesOrderEvent[] {
  const { lines } = snapshot.context;
  const toDeliver = lines.filter((l) => l.deliverRemainder !== 0);
  const toInvoice = lines.filter((l) => l.invoiceRemainder !== 0);
  const candidates: SalesOrderEvent[] = [
    ev('confirm', { type: 'CONFIRM', on: '2026-03-02' }),
    ev('reserve', { type: 'RESERVE', available: plenty }),
    ev('deliver all', { type: 'DELIVER', lines: toDeliver.map((l) => ({ lineId: l.lineId, quantity: l.deliverRemainder })) }),
    ...toDeliver.slice(0, 1).map((l) => ev('deliver one', { type: 'DELIVER' as const, lines: [{ lineId: l.lineId, quantity: unit(l.deliverRemainder) }] })),
    ev('invoice all', { type: 'INVOICE', lines: toInvoice.map((l) => ({ lineId: l.lineId, quantity: l.invoiceRemainder })) }),
    ...toInvoice.slice(0, 1).map((l) => ev('invoice one', { type: 'INVOICE' as const, lines: [{ lineId: l.lineId, quantity: unit(l.invoiceRemainder) }] })),
    ev('cancel remainders', { type: 'CANCEL_REMAINDERS', lineIds: null }),
    ...salesOrderTypes.map((to) => ev(`to ${to}`, { type: 'CHANGE_TYPE' as const, to, available: plenty, warehouseManaged: [], rmaNumber: 'RMA-000002' })),
  ];
  return accepted(snapshot, candidates);
}

/** What decides the events an order takes: its state, whether each remainder is left, and what was posted. */
const lineKey = (l: SalesLine) => [l.deliverRemainder, l.invoiceRemainder, l.delivered !== 0, l.invoiced !== 0, l.cancelled !== 0, l.inventory].join(',');
const key = { base: (s: SalesOrderSnapshot) => `${JSON.stringify(s.value)} ${s.context.lines.map(lineKey).join(' | ')}${s.context.header.confirmedOn ? ' confirmed' : ''}` };

const derivations = Object.entries(scenarios).map(([scenario, { input }]) => derivePaths<SalesOrderSnapshot, SalesOrderEvent>({ machine, scenario, input, shortest: { events, key } }));
const paths = derivations.flatMap((d) => d.paths);
const model: MachineSide<SalesOrderSnapshot, SalesOrderEvent> = { machine, scenarios, events };

/** SM-2 / SM-12 / SM-13: what must hold of every line after every step. */
function lineProblems(type: SalesOrderRecord['header']['type'], line: SalesLine): string[] {
  const problems: string[] = [];
  // A subscription's delivered and invoiced are running totals over its cycles (SM-3).
  if (type !== 'subscription' && line.deliverRemainder !== line.quantity - line.delivered - line.cancelled) problems.push('deliver remainder');
  if (type !== 'subscription' && line.invoiceRemainder !== line.delivered - line.invoiced) problems.push('invoice remainder');
  if (type === 'journal' && line.inventory !== 'none') problems.push('SM-1 a journal line has inventory');
  if (type !== 'journal' && line.deliverRemainder !== 0 && !['onOrder', 'reserved'].includes(line.inventory)) problems.push('SM-2 an undelivered line is not on order or reserved');
  if (type === 'returnedOrder' && line.inventory === 'reserved') problems.push('SM-4 a returned line is reserved');
  return problems.map((p) => `${line.lineId}: ${p}`);
}

describe('model: sales order machine (SM-1..SM-5)', () => {
  const coverage = new Coverage(machine);
  const failures: string[] = [];
  let steps = 0;
  for (const path of paths) {
    const replay = replayPath(model, path, {
      coverage,
      onStep: (_event, label, after) => {
        const { type } = after.context.header;
        const problems = after.context.lines.flatMap((l) => lineProblems(type, l));
        if (JSON.stringify(settledIn(after)) !== JSON.stringify({ type, status: salesOrderStatus(after.context) })) problems.push(`state ${JSON.stringify(after.value)} is not the derived ${salesOrderStatus(after.context)}`);
        if (problems.length > 0) failures.push(`[${path.scenario}] ${path.labels.join(' > ')} at "${label}": ${problems.join('; ')}`);
      },
    });
    steps += replay.steps;
    if (replay.disagreement !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')}: ${replay.disagreement.message}`);
  }
  const cov = coverage.summary();

  it(`SM-2 derives ${paths.length} shortest paths / ${steps} steps from a sales order, a journal, a returned order and item requirements`, () => {
    expect(derivations.every((d) => d.shortest > 0)).toBe(true);
    console.log(`model sales-order: ${paths.length} paths, ${steps} steps, states ${cov.states}/${cov.totalStates}, transitions ${cov.transitions}/${cov.totalTransitions}`);
  });

  it('SM-1 SM-2 SM-3 SM-4 SM-5 on every path the state is the type and derived status, and every line keeps its remainders and inventory', () => {
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}`, () => {
    expect(coverage.missingStates()).toEqual([]);
    expect(coverage.missingTransitions()).toEqual([]);
  });
});

describe('model: sales order machine against the engine (sales office, sales.* commands)', () => {
  modelTests(registeredModel('sales-order'));
});
