/**
 * The catalog lifecycle model (CC-4, CC-5): paths derived from `createCatalogMachine` for three catalogs of the demo
 * chain's call center CC1, as the configuration starts them: CAT-SUMMER configured Draft, the same catalog configured
 * Approved, and CAT-SPRING configured Published. Every event is the `callCenter.catalog` command that causes it
 * (validated by supervisor1, approved or rejected by analyst1, published and deactivated by supervisor1); EXPIRE
 * first moves the chain's clock to the day after the catalog's expiration. After every step headquarters' catalog
 * actor has the model's state and context, and the source-code rules read the model's status (CC-4).
 */
import { createCatalogMachine, catalogState, type CatalogEvent, type CatalogSnapshot } from '../../../../machines/catalog.machine.ts';
import { buildCatalog } from '../../../domain/catalog.ts';
import { catalogReferences, type CatalogConfig } from '../../../domain/call-center/config.ts';
import type { Chain } from '../../../chain.ts';
import { callCenterChainConfig, callCenterOf, headquartersSnapshot, noonOf, prepareChain, scenarioHooks, SUPERVISOR, type CallCenterChainConfig } from '../call-center-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';

const SEED = 41;
/** Headquarters' back office approves (CC-5: someone other than who validated). */
const APPROVER = 'analyst1';

/** Each scenario's catalog and the status the configuration gives it. */
const SCENARIOS = {
  draft: { catalogId: 'CAT-SUMMER', status: 'Draft' },
  approved: { catalogId: 'CAT-SUMMER', status: 'Approved' },
  published: { catalogId: 'CAT-SPRING', status: 'Published' },
} as const;
type ScenarioName = keyof typeof SCENARIOS;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

function scenarioConfig(name: ScenarioName): CallCenterChainConfig {
  const config = callCenterChainConfig();
  const { catalogId, status } = SCENARIOS[name];
  const center = callCenterOf(config);
  center.catalogs = (center.catalogs ?? []).map((c) => (c.id === catalogId ? { ...c, status } : c));
  return config;
}

const ACTIONS: Record<Exclude<CatalogEvent['type'], 'EDIT'>, string> = {
  VALIDATE: 'validate', APPROVE: 'approve', REJECT: 'reject', PUBLISH: 'publish', DEACTIVATE: 'deactivate', EXPIRE: 'expire',
};

function buildCatalogModel() {
  const setups = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, prepareChain(scenarioConfig(name), SEED, () => null)])) as Record<ScenarioName, ReturnType<typeof prepareChain<null>>>;
  const { catalog } = setups.draft;
  const machine = createCatalogMachine(catalogReferences(catalog.config, callCenterOf(catalog.config)));
  const configured = (name: ScenarioName): CatalogConfig => callCenterOf(setups[name].catalog.config).catalogs.find((c) => c.id === SCENARIOS[name].catalogId)!;
  const startAt = setups.draft.state.headquarters.clock;

  // --- Events with explicit payloads: what the commands send the catalog -----------------------------------------

  const catalogEvents = (s: CatalogSnapshot): CatalogEvent[] => accepted(s, [
    ev('validate', { type: 'VALIDATE', operatorId: SUPERVISOR }),
    ev('approve', { type: 'APPROVE', operatorId: APPROVER }),
    ev('reject', { type: 'REJECT', operatorId: APPROVER }),
    ev('publish', { type: 'PUBLISH', operatorId: SUPERVISOR, at: startAt }),
    ev('deactivate', { type: 'DEACTIVATE', operatorId: SUPERVISOR }),
    // The day after the catalog's last day: headquarters closes it.
    ev('expire', { type: 'EXPIRE', at: noonOf(s.context.catalog.expiration) + 24 * 3_600_000 }),
  ]);

  // --- Host: the engine -------------------------------------------------------------------------------------------

  interface Ctx { scenario: ScenarioName; catalogId: string; engine: Chain; driver: EngineDriver; probed: boolean }

  function execute(ctx: Ctx, e: CatalogEvent): void {
    if (e.type === 'EDIT') fail('no chain command edits a catalog');
    if (e.type === 'EXPIRE') ctx.driver.exec({ type: 'clock.advance', ms: e.at - ctx.engine.now });
    const operatorId = e.type === 'EXPIRE' ? SUPERVISOR : e.operatorId;
    ctx.driver.exec({ type: 'callCenter.catalog', action: ACTIONS[e.type], catalogId: ctx.catalogId, operatorId });
  }

  const host: Host<CatalogSnapshot, CatalogEvent, Ctx> = {
    fresh: (scenario) => {
      const name = scenario as ScenarioName;
      return { scenario: name, catalogId: SCENARIOS[name].catalogId, probed: false, ...setups[name].fresh() };
    },
    engineState: (ctx) => headquartersSnapshot(ctx.engine, 'catalogs', ctx.catalogId)?.value,
    apply: (ctx, e) => execute(ctx, e),
    check: (ctx, after) => {
      const snapshot = headquartersSnapshot(ctx.engine, 'catalogs', ctx.catalogId) ?? fail(`headquarters has no catalog ${ctx.catalogId}`);
      expectSame('catalog state', snapshot.value, after.value);
      expectSame('catalog', snapshot.context, after.context);
      // CC-4: the source-code rules read the catalog's lifecycle, not its configured status.
      expectSame('CC-4: the catalog as the source-code rules read it', ctx.engine.headquarters.catalogs.catalogStateOf(ctx.catalogId), catalogState(after));
      if (after.matches('validated') && !ctx.probed) {
        // CC-5: the validator cannot approve their own validation; refused, nothing changes.
        ctx.probed = true;
        ctx.driver.refused({ type: 'callCenter.catalog', action: 'approve', catalogId: ctx.catalogId, operatorId: SUPERVISOR }, 'CC-5');
      }
    },
  };

  // A draft rejected in the workflow is a vertex of its own (else REJECT would end no shortest path).
  const key = { base: (s: CatalogSnapshot) => JSON.stringify(s.value), mark: (_s: CatalogSnapshot, e: { type: string }) => (e.type === 'REJECT' ? ' rejected' : null) };
  const derivation = combine(SCENARIO_NAMES.map((scenario) => derivePaths<CatalogSnapshot, CatalogEvent>({
    machine, scenario, input: { catalog: configured(scenario) },
    shortest: { events: catalogEvents, key },
    simple: { events: catalogEvents, key },
  })));
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, { input: { catalog: configured(name) } }]));

  return {
    name: 'catalog', machine, scenarios, events: catalogEvents, derivation, host,
    ...scenarioHooks(setups),
    rules: 'CC-4 / CC-5',
    checks: 'same catalog state and context, the source-code rules read its lifecycle, a validator cannot approve',
    unreachable: {
      'catalog.draft --EDIT [guarded]--> (targetless)': 'no chain command edits a draft catalog (callCenter.catalog has no edit action)',
    },
  } satisfies LifecycleModel<CatalogSnapshot, CatalogEvent, Ctx>;
}

export const catalogModel = modelEntry({
  name: 'catalog', machine: 'catalog',
  description: 'Call center CC1\'s catalogs as configured (CAT-SUMMER Draft or Approved, CAT-SPRING Published): validated, approved or rejected, published, deactivated, expired',
  createMachine: () => {
    const catalog = buildCatalog(callCenterChainConfig());
    return createCatalogMachine(catalogReferences(catalog.config, callCenterOf(catalog.config)));
  },
  build: buildCatalogModel,
});
