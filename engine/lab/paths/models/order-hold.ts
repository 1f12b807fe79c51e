/**
 * The order hold lifecycle model (CC-16..CC-19): paths derived from `createOrderHoldMachine` with call center CC1's
 * hold policy, for holds the desk placed on an order agent1 took for Anna (a tent): "review", the Default hold REVIEW
 * on the order paid by an approved card, placed on its summary; "unpaid", the same hold on the order held at entry
 * with no payment; "fraud", the supervisors' FRAUD hold supervisor1 placed on the paid order; "checkedOut", the REVIEW
 * hold agent1 has already checked out. Every event is the desk command that causes it (`callCenter.checkOutHold`,
 * `releaseHold`, `overrideHold`, `clearHold` by agent1, agent2 or supervisor1). After every step the engine's hold
 * actor has the model's state and context, and the order's own copy of the hold is open or cleared alike.
 */
import { createOrderHoldMachine, type OrderHoldEvent, type OrderHoldSnapshot } from '../../../../machines/order-hold.machine.ts';
import type { Chain } from '../../../chain.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import type { CallCenterUser, ClearVariant, HoldPolicy, OrderHold, SubmitResult } from '../../../domain/call-center/holds.ts';
import type { CallCenterOrderContext } from '../../../domain/call-center/order.ts';
import { violation } from '../../../domain/violation.ts';
import { AGENT, callCenterChainConfig, callCenterOf, CUSTOMER, headquartersSnapshot, OTHER_AGENT, prepareChain, scenarioHooks, SUPERVISOR } from '../call-center-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const SEED = 47;
const USERS: CallCenterUser[] = [
  { operatorId: AGENT, roleId: 'callCenterAgent' },
  { operatorId: OTHER_AGENT, roleId: 'callCenterAgent' },
  { operatorId: SUPERVISOR, roleId: 'callCenterSupervisor' },
];
const VARIANTS: readonly ClearVariant[] = ['clear', 'submitWhenCleared', 'clearAndSubmit'];

/** How each scenario's hold is placed: who, with which code, on a paid order or not, checked out after. */
const SCENARIOS = {
  review: { paid: true, by: AGENT, code: undefined, checkedOutBy: null },
  unpaid: { paid: false, by: AGENT, code: undefined, checkedOutBy: null },
  fraud: { paid: true, by: SUPERVISOR, code: 'FRAUD', checkedOutBy: null },
  checkedOut: { paid: true, by: AGENT, code: undefined, checkedOutBy: AGENT },
} as const;
type ScenarioName = keyof typeof SCENARIOS;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** The order's hold as the desk placed it (and the set-up's check-out). */
function placeHold(driver: EngineDriver, name: ScenarioName): { orderId: string; hold: OrderHold; policy: HoldPolicy } {
  const plan = SCENARIOS[name];
  const { orderId } = driver.exec({ type: 'callCenter.startOrder', operatorId: AGENT, customerId: CUSTOMER }) as { orderId: string };
  const on = { operatorId: AGENT, orderId };
  driver.exec({ type: 'callCenter.addLine', ...on, productId: 'P-TENT', quantity: 1 });
  if (plan.paid) {
    driver.exec({ type: 'callCenter.complete', ...on });
    driver.exec({ type: 'callCenter.addPayment', ...on, methodId: 'CARD', percent: 10_000, cardToken: 'tok-anna-model' });
  }
  const { holdId } = driver.exec({ type: 'callCenter.hold', operatorId: plan.by, orderId, ...(plan.code === undefined ? {} : { code: plan.code }) }) as { holdId: string };
  if (plan.checkedOutBy !== null) driver.exec({ type: 'callCenter.checkOutHold', operatorId: plan.checkedOutBy, orderId, holdId });
  const snapshot = headquartersSnapshot(driver.engine, 'holds', holdId) ?? fail(`hold ${holdId} has no hold actor`);
  const { terms } = headquartersSnapshot(driver.engine, 'orders', orderId)!.context as CallCenterOrderContext;
  return { orderId, hold: snapshot.context as OrderHold, policy: terms.holdPolicy };
}

function buildOrderHoldModel() {
  const config = callCenterChainConfig();
  const setups = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, prepareChain(config, SEED, (driver) => placeHold(driver, name))])) as
    Record<ScenarioName, ReturnType<typeof prepareChain<ReturnType<typeof placeHold>>>>;
  // The policy the desk's orders carry (CC1's hold codes, the roles with call-center supervision).
  const machine = createOrderHoldMachine(setups.review.made.policy);
  const at = setups.review.state.headquarters.clock;

  // --- Events with explicit payloads --------------------------------------------------------------------------------

  /** CC-19: the order's submit when the variant asks for one: the paid order's goes through, the unpaid one's not. */
  const submitted = (scenario: ScenarioName, variant: ClearVariant): SubmitResult | null => {
    if (variant === 'clear' || variant === 'clearAndModify') return null;
    return SCENARIOS[scenario].paid ? { ok: true } : { violation: violation('CC-9', 'the payments do not cover the order total', 'payments') };
  };

  const holdEvents = (scenario: ScenarioName) => (s: OrderHoldSnapshot): OrderHoldEvent[] => {
    const out: OrderHoldEvent[] = [];
    for (const user of USERS) {
      const who = user.operatorId;
      out.push(ev(`checkout:${who}`, { type: 'CHECK_OUT', user, at }));
      out.push(ev(`override:${who}`, { type: 'OVERRIDE_CHECK_OUT', user, at }));
      out.push(ev(`release:${who}`, { type: 'RELEASE_CHECK_OUT', user }));
      for (const variant of VARIANTS) out.push(ev(`clear:${who}:${variant}`, { type: 'CLEAR', user, at, variant, submitted: submitted(scenario, variant) }));
    }
    return accepted(s, out);
  };

  // --- Host: the engine -------------------------------------------------------------------------------------------

  interface Ctx { scenario: ScenarioName; orderId: string; holdId: string; engine: Chain; driver: EngineDriver; probed: boolean }

  const COMMANDS = { CHECK_OUT: 'checkOutHold', OVERRIDE_CHECK_OUT: 'overrideHold', RELEASE_CHECK_OUT: 'releaseHold', CLEAR: 'clearHold' } as const;

  function execute(ctx: Ctx, e: OrderHoldEvent): void {
    ctx.driver.exec({
      type: `callCenter.${COMMANDS[e.type]}`, operatorId: e.user.operatorId, orderId: ctx.orderId, holdId: ctx.holdId,
      ...(e.type === 'CLEAR' ? { variant: e.variant } : {}),
    });
  }

  const host: Host<OrderHoldSnapshot, OrderHoldEvent, Ctx> = {
    fresh: (scenario) => {
      const name = scenario as ScenarioName;
      const { orderId, hold } = setups[name].made;
      return { scenario: name, orderId, holdId: hold.holdId, probed: false, ...setups[name].fresh() };
    },
    engineState: (ctx) => headquartersSnapshot(ctx.engine, 'holds', ctx.holdId)?.value,
    apply: (ctx, e) => execute(ctx, e),
    check: (ctx, after) => {
      const snapshot = headquartersSnapshot(ctx.engine, 'holds', ctx.holdId) ?? fail(`hold ${ctx.holdId} has no hold actor`);
      expectSame('hold state', snapshot.value, after.value);
      expectSame('hold', snapshot.context, after.context);
      // CC-17: the order keeps its own copy of the hold: open or cleared as the hold actor has it.
      const copy = (headquartersSnapshot(ctx.engine, 'orders', ctx.orderId)!.context as CallCenterOrderContext).holds.find((h) => h.holdId === ctx.holdId);
      expectSame('the order\'s copy of the hold, cleared', copy?.cleared ?? null, after.context.cleared);
      if (ctx.scenario === 'unpaid' && after.matches('open') && !ctx.probed) {
        // CC-19: "submit when cleared" on an order its payments do not cover keeps the hold; nothing changes.
        ctx.probed = true;
        ctx.driver.refused({ type: 'callCenter.clearHold', operatorId: AGENT, orderId: ctx.orderId, holdId: ctx.holdId, variant: 'submitWhenCleared' }, 'CC-19');
      }
    },
  };

  const key = { base: (s: OrderHoldSnapshot) => `${JSON.stringify(s.value)} ${s.context.checkedOut?.by ?? '-'}${s.context.cleared === null ? '' : ` ${s.context.cleared.by}:${s.context.cleared.variant}`}` };
  const derivation = combine(SCENARIO_NAMES.map((scenario) => derivePaths<OrderHoldSnapshot, OrderHoldEvent>({
    machine, scenario, input: setups[scenario].made.hold,
    shortest: { events: holdEvents(scenario), key },
    simple: { events: holdEvents(scenario), key },
  })));
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, { input: setups[name].made.hold, events: holdEvents(name) }]));

  return {
    name: 'order-hold', machine, scenarios, events: holdEvents('review'), derivation, host,
    ...scenarioHooks(setups),
    rules: 'CC-16 / CC-17 / CC-18 / CC-19',
    checks: 'same hold state and context, the order\'s copy cleared alike, submit-when-cleared keeps an unpaid order\'s hold',
    unreachable: {
      'orderHold.starting --always#0 [guarded]--> orderHold.cleared':
        'a hold starts cleared only when the desk makes its actor again from the order\'s cleared copy, after the step that cleared it: no path starts there',
    },
  } satisfies LifecycleModel<OrderHoldSnapshot, OrderHoldEvent, Ctx>;
}

export const orderHoldModel = modelEntry({
  name: 'order-hold', machine: 'order-hold',
  description: 'Holds on an order CC1 took for Anna (REVIEW on the paid order, on the unpaid one, supervisor1\'s FRAUD, REVIEW checked out): checked out, given back, taken over, cleared',
  createMachine: () => {
    const { config } = buildCatalog(callCenterChainConfig());
    const supervisorRoleIds = config.roles.filter((r) => r.permissions.includes('callCenterSupervision')).map((r) => r.id);
    return createOrderHoldMachine({ holdCodes: callCenterOf(config).holdCodes, supervisorRoleIds });
  },
  build: buildOrderHoldModel,
});

