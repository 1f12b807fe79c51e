/**
 * The customer-order lifecycle model: paths derived from `createCustomerOrderMachine` with
 * @xstate/graph from three orders created through the engine (a sales order, a quote, a hybrid order with a
 * carry-out line), each order event executed as the engine commands that cause it (fulfilment operations at the
 * line's location, recall / tender at register R1, approve, headquarters reset). After every step the engine's
 * order is in the path's state with the same lines, payments, invoices and returns as the model, and the
 * engine-wide invariants hold.
 */
import { createActor } from 'xstate';
import { createCustomerOrderMachine, type CustomerOrderEvent, type CustomerOrderSnapshot } from '../../../../machines/customer-order.machine.ts';
import type { CustomerOrderContext, CustomerOrderInput } from '../../../domain/customer-order.ts';
import { createRegisterMachine } from '../../../../machines/register.machine.ts';
import { amountKept, recalledOrder, transactionDue, type RecalledOrder, type RegisterTransaction } from '../../../domain/register-transaction.ts';
import { Chain } from '../../../chain.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import type { DemoChainConfigInput } from '../fixture-chain.ts';
import { registerInvoice, type QuantityOfLine } from '../../../domain/order-invoicing.ts';
import { editedOrder } from '../../../domain/order-edit.ts';
import { cancellationCharge } from '../../../domain/cancellation.ts';
import { calculateReturn, type ReturnSource } from '../../../domain/returns.ts';
import { orderTotals } from '../../../domain/sales.ts';
import { openQuantity, uninvoicedQuantity } from '../../../domain/fulfillment.ts';
import { combine, derivePaths } from '../derive.ts';
import { EngineDriver, expectSame, freshEngine, normProgress, scenarioConfig, sellAt } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { assertInvariants, initialOnHand } from '../invariants.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const REGISTER = 'R1';
const SEED = 21;
const STORE = 'S1';

type ScenarioName = 'order' | 'quote' | 'hybrid' | 'async' | 'asyncQuote';

interface Variant {
  /** The registry name of the model. */
  name: string;
  config: DemoChainConfigInput;
  scenarios: ScenarioName[];
  /** Also edits that lower a quantity (meaningful when partially fulfilled orders can be edited). */
  editDown?: boolean;
  simple?: boolean;
  /** Leaving an edit unchanged gets a vertex of its own (default on; see `backMark`). */
  backMarks?: boolean;
}

/** The model of one chain configuration: set-up, events, abstraction, engine host and derived paths. */
function orderModel(variant: Variant) {
  // --- Set-up: the orders whose lifecycles are modelled -----------------------------------------------------------

  function prepare() {
    const engine = Chain.create(variant.config, { seed: SEED });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: 'R2', operatorId: 'cashier1' });
    driver.exec({ type: 'register.openShift', registerId: REGISTER, operatorId: 'cashier1' });
    // order: two units shipped from S1 (manual accept: Pending) and one picked up at S1; deposit by card with a token.
    const order = sellAt(driver, 'R2', [
      { productId: 'P-LAMP', quantity: 2, delivery: 'ship', modeCode: 'STD', locationId: 'S1' },
      { productId: 'P-SOCKS', quantity: 1, delivery: 'pickup' },
    ], { customerId: 'C-ANNA', method: 'card', cardToken: 'tok_O' });
    // quote: one unit shipped from W1, no payment and no card token.
    const quote = sellAt(driver, 'R2', [{ productId: 'P-LAMP', quantity: 1, delivery: 'ship', modeCode: 'STD' }], { customerId: 'C-ANNA', quote: true });
    // hybrid: a carry-out line (invoiced at once) and a pickup line.
    const hybrid = sellAt(driver, 'R2', [
      { productId: 'P-STOVE', quantity: 1, delivery: 'carryOut' },
      { productId: 'P-SOCKS', quantity: 1, delivery: 'pickup' },
    ], { customerId: 'C-ANNA' });
    // async / asyncQuote: created at S2, which creates orders async (SY-2): they wait for headquarters.
    driver.exec({ type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' });
    const asyncOrder = sellAt(driver, 'R3', [{ productId: 'P-LAMP', quantity: 1, delivery: 'pickup' }], { customerId: 'C-ANNA' });
    const asyncQuote = sellAt(driver, 'R3', [{ productId: 'P-TENT', quantity: 1, delivery: 'pickup' }], { customerId: 'C-ANNA', quote: true });
    const inputOf = (orderId: string): CustomerOrderInput => {
      const { state: _s, headerStatus: _h, paymentStatus: _p, totals: _t, paid: _paid, editedBy: _e, cancellation: _c, returns: _r, existsAtHeadquarters: _x, ...input } = engine.orderView(orderId);
      return input;
    };
    const ids: Record<ScenarioName, string> = {
      order: order.result.orderId as string, quote: quote.result.orderId as string, hybrid: hybrid.result.orderId as string,
      async: asyncOrder.result.orderId as string, asyncQuote: asyncQuote.result.orderId as string,
    };
    return {
      catalog: engine.catalog,
      state: engine.exportState(),
      ids,
      script: { config: variant.config, seed: SEED, commands: driver.script.commands },
      inputs: Object.fromEntries(Object.entries(ids).map(([name, orderId]) => [name, inputOf(orderId)])) as Record<ScenarioName, CustomerOrderInput>,
    };
  }

  const setup = prepare();
  const { catalog } = setup;
  const machine = createCustomerOrderMachine(catalog);
  const registerMachine = createRegisterMachine(catalog);
  const manualAcceptAt = (locationId: string) => catalog.config.stores.find((s) => s.locationId === locationId)?.manualAccept ?? false;
  /** Who operates a location's fulfilment screen (S1: the shift lead; elsewhere the manager, who works at S1 and S2). */
  const operatorAt = (locationId: string) => (locationId === 'S1' ? 'lead1' : 'manager1');

  // --- The host's side of an edit (register R1 + what the engine saves), for SAVE_EDIT payloads --------------------

  function recalledOf(s: CustomerOrderSnapshot): RecalledOrder {
    return recalledOrder(s.context, s.matches('quote'));
  }

  type EditChange = { kind: 'none' } | { kind: 'quantity'; lineId: string; quantity: number } | { kind: 'remove'; lineId: string };
  interface EditTender { method: 'cash' | 'card'; cardToken?: string }

  /**
   * Runs the edit on a register actor (the engine's own register machine) and builds the SAVE_EDIT the engine sends
   * when the full amount due is tendered. Null when the register refuses it.
   */
  function simulateSave(s: CustomerOrderSnapshot, change: EditChange, tender: EditTender): CustomerOrderEvent | null {
    const recalled = recalledOf(s);
    const register = createActor(registerMachine, { input: { registerId: REGISTER, storeId: STORE } });
    register.start();
    let completed: RegisterTransaction | null = null;
    register.on('transactionCompleted', (e) => { completed = e.transaction; });
    try {
      register.send({ type: 'OPEN_SHIFT', operatorId: 'cashier1', shiftId: 'SH-R1-000001', openingFloat: 0, at: 0 });
      register.send({ type: 'RECALL_EDIT', transactionId: 'T-model', order: recalled });
      const edit = change.kind === 'quantity' ? { type: 'SET_QUANTITY' as const, lineId: change.lineId, quantity: change.quantity }
        : change.kind === 'remove' ? { type: 'REMOVE_LINE' as const, lineId: change.lineId } : null;
      if (edit !== null) {
        if (!register.getSnapshot().can(edit)) return null;
        register.send(edit);
      }
      const due = transactionDue(catalog, register.getSnapshot().context.transaction!);
      const pay = { type: 'TENDER' as const, tenderId: 'TND-model', method: tender.method, amount: due, ...(tender.cardToken === undefined ? {} : { cardToken: tender.cardToken }) };
      if (!register.getSnapshot().can(pay)) return null;
      register.send(pay);
      const done = completed as RegisterTransaction | null;
      if (done === null) return null;
      // What the engine saves (the same pure functions): lines, the register's invoice, the payment or refund.
      const { lines, carriedOut } = editedOrder(done.cart, s.context.lines, manualAcceptAt);
      const invoice = registerInvoice({ lines, charges: done.cart.charges, invoices: s.context.invoices, payments: s.context.payments }, 'INV-model', carriedOut);
      const kept = amountKept(catalog, done, due);
      return {
        type: 'SAVE_EDIT', registerId: REGISTER, lines, charges: done.cart.charges, depositOverride: done.cart.depositOverride, cardToken: done.cardToken,
        payments: kept === 0 ? [] : [{ paymentId: 'PAY-model', kind: kept > 0 ? 'prepayment' : 'refund', method: tender.method, amount: kept }],
        invoices: invoice === null ? [] : [invoice],
      };
    } finally {
      register.stop();
    }
  }

  // --- Events with explicit payloads -----------------------------------------------------------------------------

  function sourceOf(c: CustomerOrderContext): ReturnSource {
    return {
      lines: c.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.progress.invoiced })),
      charges: c.charges,
      returns: c.returns,
    };
  }

  const short = (lineId: string) => `L${lineId.split('-').at(-1)}`;

  function returnEvents(c: CustomerOrderContext): CustomerOrderEvent[] {
    return c.lines.filter((l) => l.progress.invoiced - l.progress.returned >= 1).map((l) => {
      const calc = calculateReturn(catalog, sourceOf(c), [{ lineId: l.lineId, quantity: 1, reasonCode: 'DAMAGED' }]);
      return ev(`return:${short(l.lineId)}:1`, {
        type: 'POST_RETURN', record: { rmaNumber: 'RMA-model', lines: calc.lines, charges: calc.charges, total: calc.total },
        payment: { paymentId: 'PAY-model', method: 'cash' },
      });
    });
  }

  function cancelEvents(c: CustomerOrderContext): CustomerOrderEvent[] {
    const proposed = cancellationCharge(orderTotals(c.lines.filter((l) => l.delivery.kind !== 'carryOut'), c.charges).total, catalog.config.parameters.cancellationChargePct);
    const cancel = (label: string, charge: number): CustomerOrderEvent => ev(label, { type: 'CANCEL', registerId: REGISTER, charge, payment: { paymentId: 'PAY-model', method: 'cash' } });
    return [cancel('cancel', proposed), cancel('cancel:waived', 0)];
  }

  function fulfilmentEvents(c: CustomerOrderContext): CustomerOrderEvent[] {
    const out: CustomerOrderEvent[] = [];
    const lines = c.lines.filter((l) => l.delivery.kind !== 'carryOut');
    const pickable: QuantityOfLine[] = [];
    for (const line of lines) {
      const p = line.progress;
      const L = short(line.lineId);
      const open = openQuantity(p);
      const left = uninvoicedQuantity(p);
      if (!p.accepted) out.push(ev(`accept:${L}`, { type: 'ACCEPT', lineIds: [line.lineId] }));
      // The location prints a pick list only for accepted lines with units left to pick (FF-3).
      if (p.accepted && open > 0 && p.pickListId === null) out.push(ev(`picklist:${L}`, { type: 'PICK_LIST', pickListId: 'PL-model', lineIds: [line.lineId] }));
      if (p.accepted && open >= 1) {
        out.push(ev(`pick:${L}:1`, { type: 'PICK', lines: [{ lineId: line.lineId, quantity: 1 }] }));
        pickable.push({ lineId: line.lineId, quantity: 1 });
      }
      if (line.delivery.kind === 'ship' && p.accepted && open + p.picked >= 1) out.push(ev(`pack:${L}:1`, { type: 'PACK', lines: [{ lineId: line.lineId, quantity: 1 }] }));
      if (p.accepted && left >= 1) {
        const kind = line.delivery.kind === 'ship' ? 'ship' : 'pickup';
        const invoice = (label: string, quantity: number): CustomerOrderEvent =>
          ev(label, { type: 'INVOICE', invoiceId: 'INV-model', kind, lines: [{ lineId: line.lineId, quantity }], payment: { paymentId: 'PAY-model', method: kind === 'ship' ? 'cardToken' : 'cash' } });
        out.push(invoice(`${kind}:${L}:all`, left));
        if (left > 1) out.push(invoice(`${kind}:${L}:1`, 1));
      }
      if (open >= 1) out.push(ev(`reject:${L}:1`, { type: 'REJECT', lines: [{ lineId: line.lineId, quantity: 1 }] }));
      if (p.rejected > 0) out.push(ev(`reset:${L}`, { type: 'RESET_FULFILLMENT', lineIds: [line.lineId], manualAccept: manualAcceptAt(line.delivery.locationId) }));
    }
    // Lines of one location picked together: one report to the order.
    const sameLocation = pickable.filter((q) => c.lines.find((l) => l.lineId === q.lineId)!.delivery.locationId === c.lines.find((l) => l.lineId === pickable[0]?.lineId)?.delivery.locationId);
    if (sameLocation.length > 1) out.push(ev('pick:together:1', { type: 'PICK', lines: sameLocation }));
    return out;
  }

  function editEvents(s: CustomerOrderSnapshot): CustomerOrderEvent[] {
    const out: CustomerOrderEvent[] = [ev('release', { type: 'RELEASE_EDIT', registerId: REGISTER })];
    const add = (label: string, change: EditChange, tender: EditTender) => {
      const save = simulateSave(s, change, tender);
      if (save !== null) out.push(ev(label, save));
    };
    add('save', { kind: 'none' }, { method: 'cash' });
    if (s.context.cardToken === null) add('save:token', { kind: 'none' }, { method: 'card', cardToken: 'tok_edit' });
    for (const line of s.context.lines) {
      if (line.delivery.kind !== 'carryOut' && line.quantity < 3) add(`save:qty:${short(line.lineId)}:+1`, { kind: 'quantity', lineId: line.lineId, quantity: line.quantity + 1 }, { method: 'card', cardToken: 'tok_edit' });
    }
    if (variant.editDown) {
      for (const line of s.context.lines) {
        if (line.delivery.kind !== 'carryOut' && line.quantity > 1) add(`save:qty:${short(line.lineId)}:-1`, { kind: 'quantity', lineId: line.lineId, quantity: line.quantity - 1 }, { method: 'card', cardToken: 'tok_edit' });
      }
    }
    if (s.context.lines.length > 1) {
      const last = s.context.lines.at(-1)!;
      add(`save:remove:${short(last.lineId)}`, { kind: 'remove', lineId: last.lineId }, { method: 'cash' });
    }
    return out;
  }

  function orderEvents(s: CustomerOrderSnapshot): CustomerOrderEvent[] {
    const c = s.context;
    const out: CustomerOrderEvent[] = [];
    const recall = ev('recall', { type: 'RECALL_FOR_EDIT', registerId: REGISTER, storeId: STORE } as CustomerOrderEvent);
    if (s.matches('awaitingHeadquarters')) out.push(ev('confirm', { type: 'HEADQUARTERS_CONFIRMED', salesOrderId: 'SO-model' }), recall, ...cancelEvents(c));
    else if (s.matches({ quote: 'idle' })) out.push(ev('approve', { type: 'APPROVE_QUOTE' }), recall, ...cancelEvents(c));
    else if (s.matches({ quote: 'editing' }) || s.matches({ open: 'editing' })) out.push(...editEvents(s));
    else if (s.matches({ open: 'idle' })) out.push(...fulfilmentEvents(c), ...returnEvents(c), recall, ...cancelEvents(c));
    else out.push(...returnEvents(c));
    return accepted(s, out);
  }

  // --- Abstraction ----------------------------------------------------------------------------------------------

  function lineKey(l: CustomerOrderContext['lines'][number]): string {
    const p = l.progress;
    return `${short(l.lineId)}:${l.delivery.kind[0]}${p.quantity}${p.accepted ? '' : 'P'}${p.pickListId === null ? '' : 'L'}`
      + `(${p.picked},${p.packed},${p.invoiced},${p.rejected},${p.returned})`;
  }

  function fineKey(s: CustomerOrderSnapshot): string {
    const c = s.context;
    const value = typeof s.value === 'string' ? s.value : JSON.stringify(s.value);
    return `${value} tok=${c.cardToken === null ? 0 : 1} ${c.lines.map(lineKey).join(' ')}`;
  }

  /**
   * Leaving the edit (saved unchanged, or released) returns to the very state the order was recalled from: a vertex
   * of its own so that these transitions end paths too.
   */
  function backMark(s: CustomerOrderSnapshot, e: { type: string }, prev: CustomerOrderSnapshot): string | null {
    if (e.type !== 'SAVE_EDIT' && e.type !== 'RELEASE_EDIT') return null;
    const recalledFrom = fineKey({ value: s.value, context: { ...prev.context, editedBy: null } } as CustomerOrderSnapshot);
    return fineKey(s) === recalledFrom ? ` <back via ${e.type}>` : null;
  }

  /** Simple paths: whole-line operations only (accept, ship/pick up all, reject, reset, return, edit, cancel). */
  const SIMPLE = /^(approve|recall|release|save|save:token|cancel|accept:L\d|ship:L\d:all|pickup:L\d:all|reject:L2:1|reset:L2|return:L\d:1)$/;
  function simpleEvents(s: CustomerOrderSnapshot): CustomerOrderEvent[] {
    return orderEvents(s).filter((e) => SIMPLE.test(labelOf(e)));
  }

  /**
   * The sales order's fulfilment space is explored at its original quantities; an edit that changes the lines is
   * executed and checked, but not explored further (that would repeat the whole space at the new quantities).
   */
  const resized = (input: CustomerOrderInput) => (s: CustomerOrderSnapshot): boolean =>
    s.context.lines.length !== input.lines.length || s.context.lines.some((l) => input.lines.find((o) => o.lineId === l.lineId)?.quantity !== l.quantity);

  // --- Host: the engine ---------------------------------------------------------------------------------------------

  interface Ctx { engine: Chain; driver: EngineDriver; orderId: string }
  const onHand = initialOnHand(catalog);

  function commandsFor(ctx: Ctx, e: CustomerOrderEvent, label: string, before: CustomerOrderSnapshot): (() => Record<string, unknown>)[] {
    const { orderId, engine } = ctx;
    const registerId = REGISTER;
    const exec = (command: Record<string, unknown>) => () => ctx.driver.exec(command);
    const lineOf = (lineId: string) => before.context.lines.find((l) => l.lineId === lineId) ?? fail(`no line ${lineId}`);
    const locationOf = (lineIds: readonly string[]) => lineOf(lineIds[0]!).delivery.locationId;
    const tenderDue = (extra: Record<string, unknown> = {}) => () => ctx.driver.exec({ type: 'register.tender', registerId, method: 'cash', amount: engine.registerView(registerId).due, ...extra });
    switch (e.type) {
      // SY-2: the P-job pulls the order, Synchronize orders creates it, job 1010 tells the store.
      case 'HEADQUARTERS_CONFIRMED': return ['P-job', 'synchronizeOrders', '1010'].map((job) => exec({ type: 'headquarters.runJob', job }));
      case 'APPROVE_QUOTE': return [exec({ type: 'order.approveQuote', orderId })];
      case 'RECALL_FOR_EDIT': return [exec({ type: 'register.recallOrder', registerId, orderId, purpose: 'edit' })];
      case 'RELEASE_EDIT': return [exec({ type: 'register.void', registerId })];
      case 'SAVE_EDIT': {
        const steps: (() => Record<string, unknown>)[] = [];
        const qty = /^save:qty:(L\d+):([+-]1)$/.exec(label);
        const removed = /^save:remove:(L\d+)$/.exec(label);
        const find = (L: string) => before.context.lines.find((l) => short(l.lineId) === L)!;
        if (qty !== null) steps.push(exec({ type: 'register.setQuantity', registerId, lineId: find(qty[1]!).lineId, quantity: find(qty[1]!).quantity + Number(qty[2]) }));
        if (removed !== null) steps.push(exec({ type: 'register.removeLine', registerId, lineId: find(removed[1]!).lineId }));
        const card = label !== 'save' && removed === null;
        steps.push(tenderDue(card ? { method: 'card', cardToken: 'tok_edit' } : {}));
        return steps;
      }
      case 'ACCEPT': {
        const locationId = locationOf(e.lineIds);
        return [exec({ type: 'fulfillment.accept', locationId, operatorId: operatorAt(locationId), lines: e.lineIds.map((lineId) => ({ orderId, lineId })) })];
      }
      case 'PICK_LIST': {
        const locationId = locationOf(e.lineIds);
        return [exec({ type: 'fulfillment.printPickList', locationId, operatorId: operatorAt(locationId), lines: e.lineIds.map((lineId) => ({ orderId, lineId })) })];
      }
      case 'PICK': {
        const locationId = locationOf(e.lines.map((l) => l.lineId));
        return [exec({ type: 'fulfillment.pick', locationId, operatorId: operatorAt(locationId), lines: e.lines.map((l) => ({ orderId, ...l })) })];
      }
      case 'PACK': {
        const locationId = locationOf(e.lines.map((l) => l.lineId));
        return [exec({ type: 'fulfillment.pack', locationId, operatorId: operatorAt(locationId), orderId, lines: e.lines })];
      }
      case 'INVOICE': {
        if (e.kind === 'ship') {
          const locationId = locationOf(e.lines.map((l) => l.lineId));
          return [exec({ type: 'fulfillment.ship', locationId, operatorId: operatorAt(locationId), orderId, lines: e.lines })];
        }
        return [exec({ type: 'register.recallOrder', registerId, orderId, purpose: 'pickup', lines: e.lines }), tenderDue()];
      }
      case 'REJECT': {
        const locationId = locationOf(e.lines.map((l) => l.lineId));
        return [exec({ type: 'fulfillment.reject', locationId, operatorId: operatorAt(locationId), lines: e.lines.map((l) => ({ orderId, ...l })) })];
      }
      case 'RESET_FULFILLMENT': return [exec({ type: 'headquarters.resetFulfillment', orderId, lineIds: e.lineIds })];
      case 'CANCEL': {
        const steps = [exec({ type: 'register.recallOrder', registerId, orderId, purpose: 'cancel' })];
        if (label === 'cancel:waived') steps.push(exec({ type: 'register.adjustCancellationCharge', registerId, amount: 0, approverId: 'manager1' }));
        steps.push(tenderDue());
        return steps;
      }
      // The model's orders are the POS's own: only headquarters' package cancels a call-center order (CC-21).
      case 'CALL_CENTER_CANCELLED': return fail('the model never cancels from a call center: its orders are the POS\'s');
      case 'POST_RETURN': {
        const lines = e.record.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reasonCode: l.reasonCode }));
        const approval = calculateReturn(catalog, sourceOf(before.context), lines).needsApproval;
        return [
          exec({ type: 'register.startReturn', registerId, lookup: { by: 'orderId', value: orderId } }),
          exec({ type: 'register.setReturnLines', registerId, lines }),
          tenderDue(approval ? { approverId: 'manager1' } : {}),
        ];
      }
    }
  }

  /** The order without generated ids (payment, invoice, pick list and RMA ids are the engine's). */
  function normalized(c: CustomerOrderContext): unknown {
    return {
      lines: c.lines.map((l) => ({ ...l, progress: normProgress(l.progress) })),
      charges: c.charges,
      depositOverride: c.depositOverride,
      cardToken: c.cardToken,
      editedBy: c.editedBy,
      cancellation: c.cancellation,
      payments: c.payments.map(({ kind, method, amount }) => ({ kind, method, amount })),
      invoices: c.invoices.map(({ invoiceId: _i, ...invoice }) => invoice),
      returns: c.returns.map(({ rmaNumber: _r, ...record }) => record),
    };
  }

  const host: Host<CustomerOrderSnapshot, CustomerOrderEvent, Ctx> = {
    fresh: (scenario) => {
      const engine = freshEngine(catalog, setup.state);
      return { engine, driver: new EngineDriver(engine), orderId: setup.ids[scenario as ScenarioName] };
    },
    engineState: (ctx) => ctx.engine.orderView(ctx.orderId).state,
    apply: (ctx, e, label, before) => {
      for (const step of commandsFor(ctx, e, label, before)) {
        step();
      }
    },
    check: (ctx, after) => {
      const view = ctx.engine.orderView(ctx.orderId);
      expectSame('order state', view.state, after.value);
      expectSame('order', normalized(view), normalized(after.context));
      const register = ctx.engine.registerView(REGISTER);
      const editing = after.matches({ open: 'editing' }) || after.matches({ quote: 'editing' });
      expectSame('register R1 state', register.state, editing ? { transaction: 'orderEdit' } : 'ready');
      assertInvariants(ctx.engine, { initialOnHand: onHand });
    },
  };

  // --- Run -------------------------------------------------------------------------------------------------------

  const scenarios = Object.fromEntries(variant.scenarios.map((name) => [name, { input: setup.inputs[name] }]));
  // The async orders are explored until headquarters has them: after that they are the orders above.
  const confirmed = (s: CustomerOrderSnapshot) => !s.matches('awaitingHeadquarters');
  const stopWhen = (scenario: string, input: CustomerOrderInput) => (scenario === 'order' ? resized(input) : scenario.startsWith('async') ? confirmed : undefined);
  const derivations = Object.entries(scenarios).map(([scenario, { input }]) => derivePaths<CustomerOrderSnapshot, CustomerOrderEvent>({
    machine, scenario, input,
    shortest: { events: orderEvents, key: { base: fineKey, mark: variant.backMarks === false ? undefined : backMark }, stopWhen: stopWhen(scenario, input) },
    ...(variant.simple === false || scenario.startsWith('async') ? {} : {
      simple: { events: simpleEvents, key: { base: fineKey, mark: backMark }, stopWhen: (snapshot: CustomerOrderSnapshot, key: string) => resized(input)(snapshot) || key.includes('<back') },
    }),
  }));
  const derivation = combine(derivations);
  return {
    name: variant.name, machine, scenarios, events: orderEvents, derivation, host,
    setup: () => setup.script,
    checks: 'same order, invariants hold',
    report: () => `; scenarios ${Object.keys(scenarios).join('/')}`,
    unreachable: {
      'customerOrder.open.idle --CALL_CENTER_CANCELLED [guarded]--> customerOrder.cancelled':
        'only headquarters\' package cancels a call-center order (CC-21), and the model\'s orders are the POS\'s (test/engine/call-center-cancel.test.ts drives it)',
    },
  } satisfies LifecycleModel<CustomerOrderSnapshot, CustomerOrderEvent, Ctx>;
}

/** S2 creates orders async (SY-2), so that orders waiting for headquarters are modelled too. */
function asyncAtS2(config: DemoChainConfigInput): DemoChainConfigInput {
  return { ...config, stores: config.stores.map((st) => (st.id === 'S2' ? { ...st, functionality: { ...st.functionality, createOrderAsync: true } } : st)) } as DemoChainConfigInput;
}

/** The main model's chain: the models' chain with S2 creating orders async. */
const mainConfig = () => asyncAtS2(scenarioConfig());

export const customerOrderModel = modelEntry({
  name: 'customer-order', machine: 'customer-order',
  description: 'Orders rung up at R2 (a sales order, a quote, a hybrid order, two orders waiting for headquarters) through fulfilment, edits at R1, cancellation and returns',
  createMachine: () => createCustomerOrderMachine(buildCatalog(mainConfig())),
  build: () => orderModel({ name: 'customer-order', config: mainConfig(), scenarios: ['order', 'quote', 'hybrid', 'async', 'asyncQuote'] }),
});

/** CO-10 with the edit-partially-fulfilled-orders feature on at S1: the sales order is edited at any stage. */
function partialEditsConfig(): DemoChainConfigInput {
  const config = scenarioConfig();
  return { ...config, stores: config.stores.map((st) => (st.id === 'S1' ? { ...st, functionality: { ...st.functionality, editPartiallyFulfilledOrders: true } } : st)) } as DemoChainConfigInput;
}

export const customerOrderPartialEditsModel = modelEntry({
  name: 'customer-order-partial-edits', machine: 'customer-order',
  description: 'The sales order with editing of partially fulfilled orders on at S1 (CO-10): edits up and down at every stage (shortest paths only)',
  createMachine: () => createCustomerOrderMachine(buildCatalog(partialEditsConfig())),
  build: () => orderModel({ name: 'customer-order-partial-edits', config: partialEditsConfig(), scenarios: ['order'], editDown: true, simple: false, backMarks: false }),
});
