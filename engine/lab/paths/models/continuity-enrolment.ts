/**
 * The continuity enrolment lifecycle model (CC-14, CC-15): paths derived from `createContinuityEnrolmentMachine` for
 * the enrolment an order of the parent item P-CLUB makes (CC1's three-event snack-box schedule), taken by agent1 for
 * Anna and paid by a card the continuity payment service approves ("card") or declines ("declining"). Every event is
 * what causes it at headquarters: a payment by the "process continuity payments" batch on the event's date (the
 * chain's clock moved there), a child order by the "create continuity child orders" batch, a cancellation by
 * `callCenter.cancelEnrolment`. A batch takes every due event at once, so the model pays the next event only when every
 * paid one has its child order. After every step the engine's enrolment has the model's state and context (child
 * sales order ids mapped), its view the same status, and each child order is a sales order at headquarters.
 */
import { createContinuityEnrolmentMachine, type ContinuityEnrolmentEvent, type ContinuityEnrolmentSnapshot } from '../../../../machines/continuity-enrolment.machine.ts';
import type { Chain } from '../../../chain.ts';
import { enrolmentStatus, type ContinuityEnrolment, type EnrolmentEvent } from '../../../domain/call-center/continuity.ts';
import { authoriseContinuityPayment } from '../../../flows/continuity-enrolments.ts';
import { AGENT, callCenterChainConfig, CUSTOMER, headquartersSnapshot, noonOf, prepareChain, scenarioHooks, SUPERVISOR } from '../call-center-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const SEED = 53;
const PARENT_ITEM = 'P-CLUB';
/** The desk approves both cards at submit; the continuity payment service declines the second (CC-15). */
const SCENARIOS = { card: 'tok-anna-club', declining: 'tok-decline-anna-club' } as const;
type ScenarioName = keyof typeof SCENARIOS;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Anna's order of the parent item, submitted with the card: headquarters enrols her. */
function enrolAnna(driver: EngineDriver, cardToken: string): ContinuityEnrolment {
  const { orderId } = driver.exec({ type: 'callCenter.startOrder', operatorId: AGENT, customerId: CUSTOMER }) as { orderId: string };
  const on = { operatorId: AGENT, orderId };
  driver.exec({ type: 'callCenter.addLine', ...on, productId: PARENT_ITEM, quantity: 1 });
  driver.exec({ type: 'callCenter.complete', ...on });
  driver.exec({ type: 'callCenter.addPayment', ...on, methodId: 'CARD', percent: 10_000, cardToken });
  const submitted = driver.exec({ type: 'callCenter.submit', ...on });
  if (submitted.released !== true) fail(`the parent item's order was not released: ${JSON.stringify(submitted)}`);
  const enrolments = driver.engine.headquarters.continuity.all().filter((e) => e.parentOrderId === orderId);
  if (enrolments.length !== 1) fail(`order ${orderId} made ${enrolments.length} enrolments, expected one`);
  return enrolments[0]!;
}

/** The calendar day the chain's clock is at: the last day a batch or a payment ran for the enrolment. */
const clockDay = (e: ContinuityEnrolment): string => [e.enrolledOn, ...e.events.flatMap((v) => [v.payment.status === 'pending' ? '' : v.payment.on, v.childOrder?.createdOn ?? ''])].reduce((a, b) => (b > a ? b : a));

function buildContinuityEnrolmentModel() {
  const config = callCenterChainConfig();
  const setups = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, prepareChain(config, SEED, (driver) => enrolAnna(driver, SCENARIOS[name]))])) as
    Record<ScenarioName, ReturnType<typeof prepareChain<ContinuityEnrolment>>>;
  const machine = createContinuityEnrolmentMachine();
  // CC-15: the payments batch charges an event's whole child order (share, tax, charges) as headquarters prices it.
  const pricing = new Map(SCENARIO_NAMES.map((name) => [setups[name].made.enrolmentId, setups[name].fresh().engine.headquarters]));

  // --- Events with explicit payloads: what the batches and the agent send the enrolment ----------------------------

  const childOrderId = (event: number) => `SO-child-${event}`;

  const enrolmentEvents = (s: ContinuityEnrolmentSnapshot): ContinuityEnrolmentEvent[] => {
    const c = s.context;
    const out: ContinuityEnrolmentEvent[] = [];
    const paidWithoutOrder = c.events.filter((e) => e.payment.status === 'authorised' && e.childOrder === null);
    const next: EnrolmentEvent | undefined = c.events.find((e) => e.payment.status === 'pending');
    if (paidWithoutOrder.length === 0 && next !== undefined) {
      // The payments batch on the event's date asks the payment service, which answers for the kept card.
      const answer = authoriseContinuityPayment({ enrolmentId: c.enrolmentId, event: next.event, customerId: c.customerId, cardToken: c.cardToken, amount: next.amount });
      out.push(answer.outcome === 'authorised'
        ? ev(`pay:${next.event}`, { type: 'RECORD_AUTHORISATION', event: next.event, authorisationId: answer.authorisationId, on: next.date, amount: pricing.get(c.enrolmentId)!.continuityChargeOf(c, next) })
        : ev(`decline:${next.event}`, { type: 'RECORD_DECLINE', event: next.event, reason: answer.reason, on: next.date }));
    }
    const ships = paidWithoutOrder[0];
    if (ships !== undefined) out.push(ev(`child:${ships.event}`, { type: 'RECORD_CHILD_ORDER', event: ships.event, salesOrderId: childOrderId(ships.event), on: clockDay(c) }));
    out.push(ev('cancel', { type: 'CANCEL', on: clockDay(c), by: SUPERVISOR }));
    return accepted(s, out);
  };

  // --- Host: the engine -------------------------------------------------------------------------------------------

  interface Ctx { enrolmentId: string; engine: Chain; driver: EngineDriver; salesOrders: Map<string, string> }

  function execute(ctx: Ctx, e: ContinuityEnrolmentEvent): void {
    const run = (command: Record<string, unknown>) => ctx.driver.exec(command);
    switch (e.type) {
      case 'RECORD_AUTHORISATION': case 'RECORD_DECLINE': {
        const ms = noonOf(e.on) - ctx.engine.now;
        if (ms > 0) run({ type: 'clock.advance', ms });
        run({ type: 'headquarters.runJob', job: 'processContinuityPayments' });
        return;
      }
      case 'RECORD_CHILD_ORDER': {
        const before = new Set(ctx.engine.headquarters.continuity.get(ctx.enrolmentId)!.events.flatMap((v) => v.childOrder?.salesOrderId ?? []));
        run({ type: 'headquarters.runJob', job: 'createContinuityChildOrders' });
        const made = ctx.engine.headquarters.continuity.get(ctx.enrolmentId)!.events.flatMap((v) => v.childOrder?.salesOrderId ?? []).filter((id) => !before.has(id));
        if (made.length !== 1) fail(`the child orders batch made ${made.length} child orders, the path expects one (event ${e.event})`);
        ctx.salesOrders.set(made[0]!, e.salesOrderId);
        return;
      }
      case 'CANCEL': run({ type: 'callCenter.cancelEnrolment', enrolmentId: ctx.enrolmentId, operatorId: e.by }); return;
      case 'TAKE_CARD': fail('no chain command takes the customer\'s card again for an enrolment');
    }
  }

  const host: Host<ContinuityEnrolmentSnapshot, ContinuityEnrolmentEvent, Ctx> = {
    fresh: (scenario) => ({ enrolmentId: setups[scenario as ScenarioName].made.enrolmentId, salesOrders: new Map(), ...setups[scenario as ScenarioName].fresh() }),
    engineState: (ctx) => headquartersSnapshot(ctx.engine, 'enrolments', ctx.enrolmentId)?.value,
    apply: (ctx, e) => execute(ctx, e),
    check: (ctx, after) => {
      const snapshot = headquartersSnapshot(ctx.engine, 'enrolments', ctx.enrolmentId) ?? fail(`headquarters has no enrolment ${ctx.enrolmentId}`);
      expectSame('enrolment state', snapshot.value, after.value);
      const engine = snapshot.context as ContinuityEnrolment;
      const renamed = { ...engine, events: engine.events.map((v) => (v.childOrder === null ? v : { ...v, childOrder: { ...v.childOrder, salesOrderId: ctx.salesOrders.get(v.childOrder.salesOrderId) ?? v.childOrder.salesOrderId } })) };
      expectSame('enrolment', renamed, after.context);
      const view = ctx.engine.headquarters.continuity.view().find((v) => v.enrolmentId === ctx.enrolmentId)!;
      expectSame('the continuity view\'s status', view.status, enrolmentStatus(after.context));
      // CC-15: each child order is a sales order at headquarters, one per event.
      for (const salesOrderId of ctx.salesOrders.keys()) {
        if (ctx.engine.headquarters.office.salesOrders[salesOrderId] === undefined) fail(`child order ${salesOrderId} is not a sales order at headquarters`);
      }
    },
  };

  const key = { base: (s: ContinuityEnrolmentSnapshot) => `${JSON.stringify(s.value)} ${s.context.events.map((v) => `${v.payment.status[0]}${v.childOrder === null ? '' : '+'}`).join(' ')}` };
  const derivation = combine(SCENARIO_NAMES.map((scenario) => derivePaths<ContinuityEnrolmentSnapshot, ContinuityEnrolmentEvent>({
    machine, scenario, input: setups[scenario].made,
    shortest: { events: enrolmentEvents, key },
    simple: { events: enrolmentEvents, key },
  })));
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, { input: setups[name].made }]));

  return {
    name: 'continuity-enrolment', machine, scenarios, events: enrolmentEvents, derivation, host,
    ...scenarioHooks(setups),
    rules: 'CC-14 / CC-15',
    checks: 'same enrolment state and context, the same status in the continuity view, child orders are sales orders',
    unreachable: Object.fromEntries([
      'continuityEnrolment.enrolled --TAKE_CARD [guarded]--> (targetless)',
      'continuityEnrolment.enrolled.paused --TAKE_CARD [guarded]--> continuityEnrolment.enrolled.active',
    ].map((t) => [t, 'no chain command takes the customer\'s card again for an enrolment: a paused enrolment stays paused']).concat([
      ['continuityEnrolment.starting --always#0 [guarded]--> continuityEnrolment.cancelled', 'an enrolment starts cancelled only when restored so: no path starts there'],
      ['continuityEnrolment.starting --always#1 [guarded]--> continuityEnrolment.completed', 'an enrolment starts completed only when restored so: no path starts there'],
      ['continuityEnrolment.starting --always#2 [guarded]--> continuityEnrolment.enrolled.paused', 'an enrolment starts paused only when restored so: no path starts there'],
    ])),
  } satisfies LifecycleModel<ContinuityEnrolmentSnapshot, ContinuityEnrolmentEvent, Ctx>;
}

export const continuityEnrolmentModel = modelEntry({
  name: 'continuity-enrolment', machine: 'continuity-enrolment',
  description: 'Anna\'s enrolment in CC1\'s snack-box program (card approved or declined by the payment service): payments and child orders by the batches, cancellation',
  createMachine: () => createContinuityEnrolmentMachine(),
  build: buildContinuityEnrolmentModel,
});
