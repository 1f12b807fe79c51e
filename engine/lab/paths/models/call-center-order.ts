/**
 * The call-center order lifecycle model (CC-3, CC-4, CC-6..CC-9, CC-13, CC-16, CC-17, CC-19, CC-22): paths derived
 * from `createCallCenterOrderMachine` for an order agent1 starts at the demo chain's call center CC1 for Anna, with
 * order completion on ("completion") and off ("plain"). Every event carries the payload the agent's desk
 * (engine/call-center-desk.ts) sends for the desk command that causes it, computed from the model's own state with
 * the same domain functions (price resolution, tax, coupons, the test card authoriser), and is executed as that
 * `callCenter.*` command. Lines: a tent and a lamp (one of each at most), the tent's quantity raised to two; the
 * header's source code SPRING26 and mode EXP (moving the lines, CC-22); coupon WELCOME10 (lines and header are
 * changed only while no coupon is on the order: the desk re-applies coupons after such a change, a second event);
 * a card paying 100% that the authoriser approves or declines; the Default hold; the four ways to clear it.
 *
 * After every step the engine's order has the model's state and context (line ids mapped: the desk never reuses a
 * removed line's number), each of its holds has a hold actor open or cleared as the order says, and with order
 * completion on the order is a sales order at headquarters exactly when it is submitted.
 */
import { createCallCenterOrderMachine, type CallCenterOrderEvent, type CallCenterOrderSnapshot } from '../../../../machines/call-center-order.machine.ts';
import { authorise } from '../../../call-center-desk.ts';
import type { Chain } from '../../../chain.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import { applySourceCode, type CatalogStatus } from '../../../domain/call-center/catalog.ts';
import { discountOrder, findCoupon, type Coupon } from '../../../domain/call-center/coupons.ts';
import { clearVariants } from '../../../domain/call-center/holds.ts';
import { couponLines, lineTaxRate, openHolds, type CallCenterOrderContext, type CallCenterOrderInput } from '../../../domain/call-center/order.ts';
import { resolvePrice } from '../../../domain/call-center/pricing.ts';
import { AGENT, callCenterChainConfig, callCenterOf, CUSTOMER, headquartersSnapshot, prepareChain, scenarioHooks, type CallCenterChainConfig } from '../call-center-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const SEED = 43;
const SOURCE_CODE = 'SPRING26';
const COUPON = 'WELCOME10';
const PRODUCTS = { tent: 'P-TENT', lamp: 'P-LAMP' } as const;
const AGENT_USER = { operatorId: AGENT, roleId: 'callCenterAgent' };
/** CC-9: the desk's test authoriser approves this card and declines the other. */
const CARDS = { card: 'tok-anna-model', declined: 'DECLINE-anna-model' } as const;

const SCENARIOS = { completion: true, plain: false } as const;
type ScenarioName = keyof typeof SCENARIOS;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

function scenarioConfig(orderCompletion: boolean): CallCenterChainConfig {
  const config = callCenterChainConfig();
  callCenterOf(config).orderCompletion = orderCompletion;
  return config;
}

/** The order the desk started, as the machine's input (the context `newCallCenterOrder` makes of it). */
function inputOf(context: CallCenterOrderContext): CallCenterOrderInput {
  const created = context.log[0] ?? fail(`order ${context.orderId} has no created entry`);
  return {
    orderId: context.orderId, terms: context.terms, orderDate: context.header.orderDate, createdBy: created.userId, createdAt: created.at,
    ...(context.customer === null ? {} : { customer: context.customer }),
  };
}

function buildCallCenterOrderModel() {
  const setups = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, prepareChain(scenarioConfig(SCENARIOS[name]), SEED, (driver) => {
    const { orderId } = driver.exec({ type: 'callCenter.startOrder', operatorId: AGENT, customerId: CUSTOMER }) as { orderId: string };
    const snapshot = headquartersSnapshot(driver.engine, 'orders', orderId) ?? fail(`the desk has no order ${orderId}`);
    return { orderId, input: inputOf(snapshot.context as CallCenterOrderContext) };
  })])) as Record<ScenarioName, ReturnType<typeof prepareChain<{ orderId: string; input: CallCenterOrderInput }>>>;
  const { catalog } = setups.completion;
  const machine = createCallCenterOrderMachine(catalog);
  const center = callCenterOf(catalog.config);
  const at = setups.completion.state.headquarters.clock;
  const by = { userId: AGENT, at };

  // --- Events with explicit payloads, as the desk computes them ---------------------------------------------------

  const catalogStates = center.catalogs.map((c) => ({ catalog: c, status: c.status as CatalogStatus }));
  const catalogOf = (sourceCode: string) => center.catalogs.find((c) => c.sourceCodes.some((s) => s.code.toUpperCase() === sourceCode.toUpperCase()))?.id ?? null;
  const coupon = findCoupon(center.coupons, COUPON) ?? fail(`CC1 has no coupon ${COUPON}`);
  const lineNumber = (lineId: string) => Number(lineId.slice(lineId.lastIndexOf('-') + 1));
  const productName = (productId: string) => Object.entries(PRODUCTS).find(([, id]) => id === productId)?.[0] ?? productId;

  /** CC-3 / CC-5 / CO-12: a ship line from the default warehouse at the resolved price (the desk's `addLine`). */
  function newLine(context: CallCenterOrderContext, productId: string) {
    const applied = context.header.sourceCode === null ? null : applySourceCode(catalogStates, context.header.sourceCode, at);
    const source = applied === null || 'rule' in applied ? null : applied;
    const price = resolvePrice(center, catalog.products.get(productId)!, source);
    const modeCode = context.header.modeCode ?? center.modesOfDelivery[0]!;
    const n = Math.max(0, ...context.lines.map((l) => lineNumber(l.lineId))) + 1;
    return { lineId: `${context.orderId}-${n}`, productId, quantity: 1, unitPrice: price.unitPrice, priceSource: price.source, modeCode, taxRate: lineTaxRate(catalog, context, modeCode) };
  }

  const discounts = (context: CallCenterOrderContext, coupons: Coupon[]) => discountOrder(couponLines(context, catalogOf), coupons).coupons;

  /** The payment id the desk gives the next payment (declined ones keep their number). */
  const nextPaymentId = (c: CallCenterOrderContext) => `${c.orderId}-P${c.payments.length + 1 + c.log.filter((e) => e.kind === 'declined').length}`;
  const answersOf = (c: CallCenterOrderContext) => Object.fromEntries(c.payments.filter((p) => p.kind === 'card').map((p) => [p.paymentId, authorise(p)]));

  /** Entry proper: the order being entered before any hold, submit or save (the region the entry variations explore). */
  const entering = (s: CallCenterOrderSnapshot) => (s.matches('entry') || s.matches('plainEntry')) && s.context.holds.length === 0 && s.context.submittedAt === null;

  /** CC-3 / CC-4 / CC-13 / CC-22: what the agent changes while entering (also from the summary, which goes back to entry). */
  function entryChanges(s: CallCenterOrderSnapshot, out: CallCenterOrderEvent[]): void {
    const c = s.context;
    if (c.coupons.length > 0) {
      out.push(ev(`uncoupon:${COUPON}`, { type: 'APPLY_COUPONS', coupons: [] }));
      return;
    }
    if (c.header.sourceCode === null && c.lines.length === 0) out.push(ev(`header:${SOURCE_CODE}`, { type: 'SET_HEADER', updateLines: false, sourceCode: SOURCE_CODE, modeCode: 'STD' }));
    if (c.lines.length > 0 && c.header.modeCode !== 'EXP') out.push(ev('mode:EXP', { type: 'SET_HEADER', updateLines: true, modeCode: 'EXP' }));
    for (const [name, productId] of Object.entries(PRODUCTS)) {
      const line = c.lines.find((l) => l.productId === productId);
      if (line === undefined) out.push(ev(`add:${name}`, { type: 'ADD_LINE', line: newLine(c, productId) }));
      else {
        out.push(ev(`remove:${name}`, { type: 'REMOVE_LINE', lineId: line.lineId }));
        if (name === 'tent' && line.quantity === 1) {
          out.push(ev('qty2:tent', { type: 'CHANGE_LINE', change: { lineId: line.lineId, quantity: 2, taxRate: lineTaxRate(catalog, c, line.modeCode, center.defaultWarehouseId) } }));
        }
      }
    }
    if (c.lines.length > 0) out.push(ev(`coupon:${COUPON}`, { type: 'APPLY_COUPONS', coupons: discounts(c, [coupon]) }));
  }

  const orderEvents = (s: CallCenterOrderSnapshot): CallCenterOrderEvent[] => {
    const c = s.context;
    const out: CallCenterOrderEvent[] = [];
    if (entering(s) || s.matches('summary')) entryChanges(s, out);
    // After a hold or a submit, the order is entered again with its first line only (the variations are above).
    else if (c.lines.length === 0) out.push(ev('add:tent', { type: 'ADD_LINE', line: newLine(c, PRODUCTS.tent) }));
    out.push(ev('complete', { type: 'COMPLETE' }));
    if (c.payments.length === 0) {
      for (const [name, cardToken] of Object.entries(CARDS)) {
        out.push(ev(`pay:${name}`, { type: 'ADD_PAYMENT', payment: { paymentId: nextPaymentId(c), methodId: 'CARD', share: { percent: 10_000 }, cardToken } }));
      }
    } else out.push(ev('unpay', { type: 'REMOVE_PAYMENT', paymentId: c.payments.at(-1)!.paymentId }));
    out.push(ev('submit', { type: 'SUBMIT', answers: answersOf(c), ...by }));
    const origin = s.matches('summary') ? 'summary' as const : 'entry' as const;
    out.push(ev('hold', { type: 'HOLD', user: AGENT_USER, at, origin }));
    const hold = openHolds(c)[0];
    if (hold !== undefined) {
      // CC-3: the desk refuses to submit an order with no lines (test/model/call-center-findings.test.ts): not offered.
      const variants = c.lines.length === 0 ? clearVariants.filter((v) => v === 'clear' || v === 'clearAndModify') : clearVariants;
      for (const variant of variants) out.push(ev(`clear:${variant}`, { type: 'CLEAR_HOLD', holdId: hold.holdId, user: AGENT_USER, at, variant, answers: answersOf(c) }));
    }
    out.push(ev('leave', { type: 'LEAVE', ...by }));
    out.push(ev('cancel', { type: 'CANCEL', ...by }));
    return accepted(s, out);
  };

  // --- Abstraction ------------------------------------------------------------------------------------------------

  /** Entry proper: header, lines and coupon; everywhere else the order's progress (the lines only as some or none). */
  const baseKey = (s: CallCenterOrderSnapshot): string => {
    const c = s.context;
    const state = JSON.stringify(s.value);
    if (entering(s)) {
      const lines = c.lines.map((l) => `${productName(l.productId)}x${l.quantity}${l.modeCode === 'EXP' ? '/EXP' : ''}`).sort().join('+') || 'no lines';
      return `${state} ${c.header.sourceCode ?? '-'}/${c.header.modeCode ?? '-'} ${lines} [${c.coupons.map((k) => k.code).join(',')}]`;
    }
    const payments = c.payments.map((p) => `${p.cardToken === CARDS.declined ? 'declined card' : 'card'}:${p.status}`).join(',');
    const log = ['submitted', 'declined', 'cleared'].map((kind) => c.log.filter((e) => e.kind === kind).length).join('/');
    return `${state} ${c.lines.length === 0 ? 'no lines' : 'lines'} [${payments}] holds ${openHolds(c).length}/${c.holds.length} log ${log}`;
  };
  /**
   * A change made on the summary goes back to entry, leaving an order with lines opens its summary as Complete does
   * (CC-7), and a payment taken off leaves the order as it was before it was added: marked, so that those edges end
   * shortest paths of their own (back in entry and in the forced summary nothing further is explored).
   */
  const backMark = (s: CallCenterOrderSnapshot, e: { type: string }, prev: CallCenterOrderSnapshot): string | null => {
    if (prev.matches('summary') && s.matches('entry')) return ' <back';
    if (e.type === 'LEAVE' && s.matches('summary')) return ' <forced';
    return e.type === 'REMOVE_PAYMENT' ? ' <unpaid' : null;
  };
  const flowKey = (s: CallCenterOrderSnapshot): string => (entering(s) ? `${JSON.stringify(s.value)} ${s.context.lines.length === 0 ? 'no lines' : 'lines'}` : baseKey(s));

  /** The simple paths' events: the order taken, paid or not, held and cleared, without the entry variations. */
  const SIMPLE = /^(add:tent|complete|pay:card|pay:declined|submit|hold|clear:clear|cancel)$/;
  const simpleEvents = (s: CallCenterOrderSnapshot) => orderEvents(s).filter((e) => SIMPLE.test(labelOf(e)));
  /** Two holds at most, and no path past a second submit: the vertices beyond repeat the ones before. */
  const bounded = (s: CallCenterOrderSnapshot) => s.context.holds.length >= 2 || s.context.log.filter((e) => e.kind === 'submitted').length >= 2;

  // --- Host: the engine -------------------------------------------------------------------------------------------

  interface Ctx {
    scenario: ScenarioName;
    orderId: string;
    engine: Chain;
    driver: EngineDriver;
    /** The model's line id -> the desk's (the desk numbers on, never reusing a removed line's number). */
    lineIds: Map<string, string>;
    /** The order has been submitted (and so released to headquarters) on this path. */
    released: boolean;
  }

  function execute(ctx: Ctx, e: CallCenterOrderEvent, label: string): void {
    const on = { operatorId: AGENT, orderId: ctx.orderId };
    const run = (type: string, fields: Record<string, unknown> = {}) => ctx.driver.exec({ type: `callCenter.${type}`, ...on, ...fields });
    const engineLine = (lineId: string) => ctx.lineIds.get(lineId) ?? fail(`line ${lineId} was never added`);
    switch (e.type) {
      case 'SET_HEADER': {
        const { type: _, ...header } = e;
        run('setHeader', header);
        return;
      }
      case 'ADD_LINE': {
        const { lineId } = run('addLine', { productId: e.line.productId, quantity: e.line.quantity }) as { lineId: string };
        ctx.lineIds.set(e.line.lineId, lineId);
        return;
      }
      case 'CHANGE_LINE': run('changeLine', { lineId: engineLine(e.change.lineId), quantity: e.change.quantity }); return;
      case 'REMOVE_LINE': run('removeLine', { lineId: engineLine(e.lineId) }); return;
      case 'APPLY_COUPONS': run(label.startsWith('uncoupon:') ? 'removeCoupon' : 'enterCoupon', { couponCode: COUPON }); return;
      case 'COMPLETE': run('complete'); return;
      case 'ADD_PAYMENT': {
        const { paymentId } = run('addPayment', { methodId: e.payment.methodId, percent: 10_000, cardToken: e.payment.cardToken }) as { paymentId: string };
        if (paymentId !== e.payment.paymentId) fail(`the desk numbered the payment ${paymentId}, the model ${e.payment.paymentId}`);
        return;
      }
      case 'REMOVE_PAYMENT': run('removePayment', { paymentId: e.paymentId }); return;
      case 'SUBMIT': run('submit'); return;
      case 'HOLD': run('hold'); return;
      case 'CLEAR_HOLD': run('clearHold', { holdId: e.holdId, variant: e.variant }); return;
      case 'LEAVE': run('leave'); return;
      case 'CANCEL': run('cancel'); return;
      case 'SET_CUSTOMER': case 'RECORD_FULFILMENT': fail(`no chain command sends a call-center order ${e.type}`);
    }
  }

  /** The engine's order context in the model's line ids. */
  function inModelIds(ctx: Ctx, value: unknown): unknown {
    const toModel = new Map([...ctx.lineIds].map(([model, engine]) => [engine, model]));
    return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? toModel.get(v) ?? v : v));
  }

  const host: Host<CallCenterOrderSnapshot, CallCenterOrderEvent, Ctx> = {
    fresh: (scenario) => {
      const name = scenario as ScenarioName;
      return { scenario: name, orderId: setups[name].made.orderId, lineIds: new Map(), released: false, ...setups[name].fresh() };
    },
    engineState: (ctx) => headquartersSnapshot(ctx.engine, 'orders', ctx.orderId)?.value,
    apply: (ctx, e, label) => execute(ctx, e, label),
    check: (ctx, after) => {
      const snapshot = headquartersSnapshot(ctx.engine, 'orders', ctx.orderId) ?? fail(`the desk has no order ${ctx.orderId}`);
      expectSame('order state', snapshot.value, after.value);
      expectSame('order', inModelIds(ctx, snapshot.context), after.context);
      // CC-16 / CC-18: every hold the order placed has its hold actor, open or cleared as the order has it.
      for (const hold of after.context.holds) {
        const actor = headquartersSnapshot(ctx.engine, 'holds', hold.holdId) ?? fail(`hold ${hold.holdId} has no hold actor`);
        expectSame(`hold ${hold.holdId} state`, actor.value, hold.cleared === null ? 'open' : 'cleared');
      }
      if (SCENARIOS[ctx.scenario]) {
        // CC-6 / CC-9: only a submitted order (no open hold, payments approved) goes on as a sales order, once.
        ctx.released ||= after.matches('submitted');
        const view = ctx.engine.headquarters.callCenter.orderView(ctx.orderId)!;
        if ((view.salesOrderId !== null) !== ctx.released) {
          fail(`the order is ${JSON.stringify(after.value)}${ctx.released ? ' (submitted before)' : ''} and ${view.salesOrderId === null ? 'no' : `sales order ${view.salesOrderId}`} at headquarters`);
        }
      }
    },
  };

  const derivation = combine(SCENARIO_NAMES.map((scenario) => derivePaths<CallCenterOrderSnapshot, CallCenterOrderEvent>({
    machine, scenario, input: setups[scenario].made.input,
    shortest: { events: orderEvents, key: { base: baseKey, mark: backMark }, stopWhen: (snapshot, key) => bounded(snapshot) || key.endsWith('<back') || key.endsWith('<forced') },
    simple: { events: simpleEvents, key: { base: flowKey }, stopWhen: bounded },
  })));
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, { input: setups[name].made.input }]));

  return {
    name: 'call-center-order', machine, scenarios, events: orderEvents, derivation, host,
    ...scenarioHooks(setups),
    rules: 'CC-3..CC-9 / CC-13 / CC-16 / CC-17 / CC-19 / CC-22',
    checks: 'same order state and context, a hold actor per hold, a sales order exactly when submitted',
    unreachable: Object.fromEntries([
      ...['entry', 'plainEntry', 'summary'].map((state) => [
        `callCenterOrder.${state} --SET_CUSTOMER--> ${state === 'summary' ? 'callCenterOrder.entry' : '(targetless)'}`,
        'no desk command changes the customer of an order (callCenter.startOrder names it)',
      ]),
      ['callCenterOrder.submitted --RECORD_FULFILMENT--> (targetless)', 'nothing reports a shipment or an invoice to the call-center order (CC-23 log)'],
      // The machine takes LEAVE here without a change, so the snapshot stays as it was and the path generator sees no
      // edge; the desk accepts it (test/model/call-center-findings.test.ts).
      ...['held', 'doNotProcess', 'submitted'].map((state) => [
        `callCenterOrder.${state} --LEAVE--> (targetless)`, 'leaving keeps the order as it is: a step that changes nothing is no edge of a path',
      ]),
    ]),
  } satisfies LifecycleModel<CallCenterOrderSnapshot, CallCenterOrderEvent, Ctx>;
}

export const callCenterOrderModel = modelEntry({
  name: 'call-center-order', machine: 'call-center-order',
  description: 'An order agent1 takes at CC1 for Anna, order completion on and off: header, lines, coupon, card approved or declined, submit, holds cleared four ways, leave, cancel',
  createMachine: () => createCallCenterOrderMachine(buildCatalog(callCenterChainConfig())),
  build: buildCallCenterOrderModel,
});
