/**
 * The fulfilment lifecycle model of a store (FF-1..FF-8): paths derived from `createFulfillmentGroupMachine` for
 * location S1 (manual accept on) with @xstate/graph, over two order templates rung up at register R2 (A: two
 * units shipped from S1 and one picked up at S1; B: one unit shipped express from S1). Every event is executed as
 * the engine command that causes it (a sale, a cancellation, fulfillment.* at S1, a pickup tendered at R1,
 * headquarters' reset, tents carried out and returned at R1). After every step the engine's S1 list and on-hand equal the model's, the orders agree
 * with S1, and the engine-wide invariants hold.
 */
import { createFulfillmentGroupMachine, type FulfillmentGroupEvent, type FulfillmentGroupSnapshot } from '../../../../machines/fulfillment-group.machine.ts';
import { allLines, type FulfillmentLine, type LineRef } from '../../../domain/fulfillment-group.ts';
import { Chain } from '../../../chain.ts';
import { newProgress, openQuantity, uninvoicedQuantity } from '../../../domain/fulfillment.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import { combine, derivePaths } from '../derive.ts';
import { EngineDriver, expectSame, freshEngine, normProgress, persistedValue, scenarioConfig, sellAt, type SaleLine } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { assertInvariants, initialOnHand } from '../invariants.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const LOCATION = 'S1';
const OPERATOR = 'lead1';

type Template = (SaleLine & { modeCode: string })[];

/**
 * The order templates of each scenario (symbolic ids; the engine's ids are mapped per path). "single": one order
 * with a two-unit ship line and a pickup line, for the partial quantities; "mixed": two one-line orders, for
 * operations over lines of several orders (FF-3: pick lists may mix orders).
 */
const SCENARIOS: Record<string, Record<string, Template>> = {
  single: {
    A: [
      { productId: 'P-LAMP', quantity: 2, delivery: 'ship', modeCode: 'STD', locationId: LOCATION },
      { productId: 'P-SOCKS', quantity: 1, delivery: 'pickup', modeCode: 'PICKUP', locationId: LOCATION },
    ],
  },
  mixed: {
    A: [{ productId: 'P-LAMP', quantity: 1, delivery: 'ship', modeCode: 'STD', locationId: LOCATION }],
    B: [{ productId: 'P-STOVE', quantity: 1, delivery: 'ship', modeCode: 'EXP', locationId: LOCATION }],
  },
};

const SEED = 31;

function buildFulfillmentGroupModel() {
  function prepare() {
    const config = scenarioConfig();
    const engine = Chain.create(config, { seed: SEED });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    driver.exec({ type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1' });
    const store = engine.catalog.config.stores.find((s) => s.locationId === LOCATION)!;
    return {
      catalog: engine.catalog,
      state: engine.exportState(),
      script: { config, seed: SEED, commands: driver.script.commands },
      input: { locationId: LOCATION, storeId: store.id, manualAccept: store.manualAccept, onHand: { ...engine.fulfillmentView(LOCATION).onHand } },
    };
  }

  const setup = prepare();
  const { catalog, input } = setup;
  const machine = createFulfillmentGroupMachine(catalog);

  // --- Events with explicit payloads -----------------------------------------------------------------------------

  const lineIdOf = (order: string, n: number) => `${order}-${n}`;

  function assignment(templates: Record<string, Template>, order: string): FulfillmentLine[] {
    return templates[order]!.map((t, i) => ({
      orderId: order, lineId: lineIdOf(order, i + 1), productId: t.productId, kind: t.delivery === 'ship' ? 'ship' : 'pickup',
      modeCode: t.modeCode, locationId: LOCATION, date: null, progress: newProgress(t.quantity, t.delivery, input.manualAccept),
    }));
  }

  const ref = (l: LineRef): LineRef => ({ orderId: l.orderId, lineId: l.lineId });

  /**
   * Two tents carried out at R1 leave S1's shelf; returned one by one at R1 they come back. Offered on an empty list,
   * and once sold only the returns are, so the register's moves add two states and not copies of every list.
   */
  const SHELF_PRODUCT = 'P-TENT';
  const tentsSold = (s: FulfillmentGroupSnapshot) => (input.onHand[SHELF_PRODUCT] ?? 0) - (s.context.onHand.get(SHELF_PRODUCT) ?? 0);

  const groupEvents = (templates: Record<string, Template>) => (s: FulfillmentGroupSnapshot): FulfillmentGroupEvent[] => {
    const lines = allLines(s.context);
    if (tentsSold(s) > 0) return accepted(s, [ev('return:tent', { type: 'RETURNED_AT_REGISTER', lines: [{ productId: SHELF_PRODUCT, quantity: 1 }] })]);
    const out: FulfillmentGroupEvent[] = lines.length === 0 ? [ev('sell:tents', { type: 'SOLD_AT_REGISTER', lines: [{ productId: SHELF_PRODUCT, quantity: 2 }] })] : [];
    for (const order of Object.keys(templates)) {
      const mine = lines.filter((l) => l.orderId === order);
      if (mine.length === 0) out.push(ev(`assign:${order}`, { type: 'ASSIGN', orderId: order, lines: assignment(templates, order) }));
      // CO-11: the order can be cancelled while none of its lines has been picked, packed or invoiced.
      else if (mine.length === templates[order]!.length && mine.every((l) => l.progress.picked + l.progress.packed + l.progress.invoiced === 0)) {
        out.push(ev(`cancel:${order}`, { type: 'ORDER_CANCELLED', orderId: order }));
      }
    }
    const pending: LineRef[] = [];
    const listable: LineRef[] = [];
    const pickable: LineRef[] = [];
    for (const l of lines) {
      const p = l.progress;
      const open = openQuantity(p);
      const left = uninvoicedQuantity(p);
      const id = l.lineId;
      if (!p.accepted) {
        out.push(ev(`accept:${id}`, { type: 'ACCEPT', operatorId: OPERATOR, lines: [ref(l)] }));
        pending.push(ref(l));
      }
      if (p.accepted && open > 0 && p.pickListId === null) {
        out.push(ev(`picklist:${id}`, { type: 'PRINT_PICK_LIST', operatorId: OPERATOR, pickListId: 'PL-model', lines: [ref(l)] }));
        listable.push(ref(l));
      }
      if (p.accepted && open >= 1) {
        out.push(ev(`pick:${id}:1`, { type: 'PICK', operatorId: OPERATOR, lines: [{ ...ref(l), quantity: 1 }] }));
        pickable.push(ref(l));
      }
      if (l.kind === 'ship' && p.accepted && open + p.picked >= 1) {
        out.push(ev(`pack:${id}:1`, { type: 'PACK', operatorId: OPERATOR, orderId: l.orderId, packingSlipId: 'PS-model', lines: [{ lineId: id, quantity: 1 }] }));
      }
      if (p.accepted && left >= 1) {
        const invoice = (label: string, quantity: number): FulfillmentGroupEvent => (l.kind === 'ship'
          ? ev(label, { type: 'SHIP', operatorId: OPERATOR, orderId: l.orderId, invoiceId: 'INV-model', lines: [{ lineId: id, quantity }] })
          : ev(label, { type: 'PICKUP', orderId: l.orderId, invoiceId: 'INV-model', lines: [{ lineId: id, quantity }] }));
        out.push(invoice(`${l.kind}:${id}:all`, left));
        if (left > 1) out.push(invoice(`${l.kind}:${id}:1`, 1));
      }
      if (open >= 1) out.push(ev(`reject:${id}:1`, { type: 'REJECT', operatorId: OPERATOR, lines: [{ ...ref(l), quantity: 1 }] }));
      if (p.rejected > 0) out.push(ev(`reset:${id}`, { type: 'RESET_FULFILLMENT', orderId: l.orderId, lineIds: [id] }));
    }
    // One operation over lines of both orders (FF-3: pick lists may mix orders).
    const mixed = (refs: LineRef[]) => refs.length > 1 && new Set(refs.map((r) => r.orderId)).size > 1;
    if (mixed(pending)) out.push(ev('accept:mixed', { type: 'ACCEPT', operatorId: OPERATOR, lines: pending }));
    if (mixed(listable)) out.push(ev('picklist:mixed', { type: 'PRINT_PICK_LIST', operatorId: OPERATOR, pickListId: 'PL-model', lines: listable }));
    if (mixed(pickable)) out.push(ev('pick:mixed:1', { type: 'PICK', operatorId: OPERATOR, lines: pickable.map((r) => ({ ...r, quantity: 1 })) }));
    return accepted(s, out);
  };

  // --- Abstraction ----------------------------------------------------------------------------------------------

  function lineKey(l: FulfillmentLine): string {
    const p = l.progress;
    return `${l.lineId}:${p.quantity}${p.accepted ? '' : 'P'}${p.pickListId === null ? '' : 'L'}(${p.picked},${p.packed},${p.invoiced},${p.rejected})`;
  }

  function fineKey(s: FulfillmentGroupSnapshot): string {
    const list = allLines(s.context).sort((a, b) => a.lineId.localeCompare(b.lineId)).map(lineKey).join(' ') || '(empty)';
    return tentsSold(s) > 0 ? `${list} ${tentsSold(s)} tents sold` : list;
  }

  /** Simple paths: whole-line operations (single), operations over both orders at once (mixed). */
  const SIMPLE: Record<string, RegExp> = {
    single: /^(assign:A|cancel:A|accept:A-\d|ship:A-\d:all|pickup:A-\d:all|reject:A-1:1|reset:A-1)$/,
    mixed: /^(assign:[AB]|cancel:B|accept:mixed|pick:mixed:1|ship:[AB]-1:all|reject:B-1:1|reset:B-1)$/,
  };
  const simpleEvents = (scenario: string) => (s: FulfillmentGroupSnapshot): FulfillmentGroupEvent[] =>
    groupEvents(SCENARIOS[scenario]!)(s).filter((e) => SIMPLE[scenario]!.test(labelOf(e)));

  // --- Host: the engine ---------------------------------------------------------------------------------------------

  interface Ctx {
    templates: Record<string, Template>;
    engine: Chain;
    driver: EngineDriver;
    /** Symbolic order -> the engine's order and line ids (re-assigned when the template is rung up again). */
    orders: Map<string, { orderId: string; lineIds: string[] }>;
    /** The receipts of tents carried out at R1: returns are made against the last one. */
    receipts: string[];
  }
  const onHand = initialOnHand(catalog);

  function engineIds(ctx: Ctx, order: string): { orderId: string; lineIds: string[] } {
    return ctx.orders.get(order) ?? fail(`order ${order} was never rung up`);
  }

  function engineRef(ctx: Ctx, r: LineRef): LineRef {
    const ids = engineIds(ctx, r.orderId);
    return { orderId: ids.orderId, lineId: ids.lineIds[Number(r.lineId.split('-').at(-1)) - 1] ?? fail(`no line ${r.lineId}`) };
  }

  function engineLine(ctx: Ctx, order: string, lineId: string): string {
    return engineRef(ctx, { orderId: order, lineId }).lineId;
  }

  function execute(ctx: Ctx, e: FulfillmentGroupEvent): void {
    const run = (command: Record<string, unknown>) => ctx.driver.exec(command);
    const at = { locationId: LOCATION, operatorId: OPERATOR };
    switch (e.type) {
      case 'ASSIGN': {
        const sale = sellAt(ctx.driver, 'R2', ctx.templates[e.orderId]!, { customerId: 'C-ANNA', method: 'card', cardToken: `tok_${e.orderId}` });
        ctx.orders.set(e.orderId, { orderId: sale.result.orderId as string, lineIds: sale.lineIds });
        return;
      }
      case 'ORDER_CANCELLED': {
        run({ type: 'register.recallOrder', registerId: 'R2', orderId: engineIds(ctx, e.orderId).orderId, purpose: 'cancel' });
        run({ type: 'register.tender', registerId: 'R2', method: 'cash', amount: ctx.engine.registerView('R2').due });
        return;
      }
      case 'ACCEPT': run({ type: 'fulfillment.accept', ...at, lines: e.lines.map((r) => engineRef(ctx, r)) }); return;
      case 'PRINT_PICK_LIST': run({ type: 'fulfillment.printPickList', ...at, lines: e.lines.map((r) => engineRef(ctx, r)) }); return;
      case 'PICK': run({ type: 'fulfillment.pick', ...at, lines: e.lines.map((l) => ({ ...engineRef(ctx, l), quantity: l.quantity })) }); return;
      case 'PACK': run({ type: 'fulfillment.pack', ...at, orderId: engineIds(ctx, e.orderId).orderId, lines: e.lines.map((l) => ({ lineId: engineLine(ctx, e.orderId, l.lineId), quantity: l.quantity })) }); return;
      case 'SHIP': run({ type: 'fulfillment.ship', ...at, orderId: engineIds(ctx, e.orderId).orderId, lines: e.lines.map((l) => ({ lineId: engineLine(ctx, e.orderId, l.lineId), quantity: l.quantity })) }); return;
      case 'PICKUP': {
        const lines = e.lines.map((l) => ({ lineId: engineLine(ctx, e.orderId, l.lineId), quantity: l.quantity }));
        run({ type: 'register.recallOrder', registerId: 'R1', orderId: engineIds(ctx, e.orderId).orderId, purpose: 'pickup', lines });
        run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: ctx.engine.registerView('R1').due });
        return;
      }
      case 'REJECT': run({ type: 'fulfillment.reject', ...at, lines: e.lines.map((l) => ({ ...engineRef(ctx, l), quantity: l.quantity })) }); return;
      case 'SOLD_AT_REGISTER': {
        run({ type: 'register.addItem', registerId: 'R1', productId: SHELF_PRODUCT, quantity: 2 });
        ctx.receipts.push(run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: ctx.engine.registerView('R1').due }).receiptId as string);
        return;
      }
      case 'RETURNED_AT_REGISTER': {
        const receiptId = ctx.receipts.at(-1) ?? fail('no carried-out tent to return');
        run({ type: 'register.startReturn', registerId: 'R1', lookup: { by: 'receipt', value: receiptId } });
        run({ type: 'register.setReturnLines', registerId: 'R1', lines: [{ lineId: `${receiptId}-1`, quantity: 1, reasonCode: 'DAMAGED' }] });
        run({ type: 'register.tender', registerId: 'R1', method: 'cash', amount: ctx.engine.registerView('R1').due });
        return;
      }
      case 'RESET_FULFILLMENT': run({ type: 'headquarters.resetFulfillment', orderId: engineIds(ctx, e.orderId).orderId, lineIds: e.lineIds.map((id) => engineLine(ctx, e.orderId, id)) }); return;
    }
  }

  /** The engine's S1 list in the model's symbolic ids. */
  function symbolic(ctx: Ctx, lines: readonly FulfillmentLine[]): FulfillmentLine[] {
    return lines.map((l) => {
      const entry = [...ctx.orders].find(([, ids]) => ids.orderId === l.orderId) ?? fail(`S1 lists ${l.orderId}/${l.lineId}, an order the path did not ring up (or an earlier one)`);
      const [order, ids] = entry;
      const n = ids.lineIds.indexOf(l.lineId);
      if (n < 0) fail(`S1 lists unknown line ${l.lineId} of ${l.orderId}`);
      return { ...l, orderId: order, lineId: lineIdOf(order, n + 1) };
    });
  }

  const normalizedLines = (lines: readonly FulfillmentLine[]) => lines.map((l) => ({ ...l, progress: normProgress(l.progress) })).sort((a, b) => a.lineId.localeCompare(b.lineId));

  /** A location's lines (in line order) and on hand, as the model holds them and the engine shows them. */
  function normalizedContext(lines: readonly FulfillmentLine[], onHand: Record<string, number>) {
    return { lines: normalizedLines(lines), onHand };
  }

  const host: Host<FulfillmentGroupSnapshot, FulfillmentGroupEvent, Ctx> = {
    fresh: (scenario) => {
      const engine = freshEngine(catalog, setup.state);
      return { templates: SCENARIOS[scenario]!, engine, driver: new EngineDriver(engine), orders: new Map(), receipts: [] };
    },
    engineState: (ctx) => persistedValue(ctx.engine, 'fulfillment', LOCATION),
    apply: (ctx, e) => execute(ctx, e),
    check: (ctx, after) => {
      expectSame('S1 state', persistedValue(ctx.engine, 'fulfillment', LOCATION), after.value);
      const view = ctx.engine.fulfillmentView(LOCATION);
      const lines = symbolic(ctx, view.lines.map(({ status: _s, ...l }) => l));
      expectSame('S1 lines and on hand', normalizedContext(lines, view.onHand), normalizedContext(allLines(after.context), after.context.onHand.toJSON()));
      // The store's screen shows each line's status from its buckets (FF-8): a line rejected in full says Rejected.
      for (const row of view.lines) {
        if (row.progress.quantity === row.progress.rejected && row.status !== 'Rejected') fail(`${row.lineId} fully rejected but shown ${row.status}`);
      }
      assertInvariants(ctx.engine, { initialOnHand: onHand });
    },
  };

  // --- Run -------------------------------------------------------------------------------------------------------

  const derivation = combine(Object.entries(SCENARIOS).map(([scenario, templates]) => derivePaths<FulfillmentGroupSnapshot, FulfillmentGroupEvent>({
    machine, scenario, input,
    shortest: { events: groupEvents(templates), key: { base: fineKey } },
    simple: { events: simpleEvents(scenario), key: { base: fineKey } },
  })));
  const scenarios = Object.fromEntries(Object.entries(SCENARIOS).map(([name, templates]) => [name, { input, events: groupEvents(templates) }]));

  return {
    name: 'fulfillment-group', machine, scenarios, events: groupEvents({}), derivation, host,
    setup: () => setup.script,
    checks: 'same list and on hand, invariants hold',
    report: () => `; scenarios ${Object.keys(SCENARIOS).join('/')}`,
  } satisfies LifecycleModel<FulfillmentGroupSnapshot, FulfillmentGroupEvent, Ctx>;
}

export const fulfillmentGroupModel = modelEntry({
  name: 'fulfillment-group', machine: 'fulfillment-group',
  description: 'Store S1\'s fulfilment (manual accept) over orders rung up at R2: accept, pick lists, pick, pack, ship, pickup at R1, reject, reset, cancel; tents sold and returned at R1',
  createMachine: () => createFulfillmentGroupMachine(buildCatalog(scenarioConfig())),
  build: buildFulfillmentGroupModel,
});
