/**
 * The sales and marketing models' chain: the demo chain (scenarios/demo-chain.json, job schedules off) with a
 * headquarters sales office of its own (warehouse HQW holding plenty of tents, lamps, stoves and poles, vendor V-NORD,
 * Acme's own tent price) and the office's clerk sales1 and marketer marketing1. The models make every record they
 * need through `sales.*` and `marketing.*` commands, so the demo chain's own office section (when it has one) is
 * replaced by this one: the paths do not move when the demo's data does.
 */
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { Chain } from '../../chain.ts';
import { SalesOfficeViews } from '../../sales-office/views.ts';
import type { SalesOffice } from '../../sales-office.ts';
import { callCenterChainConfig, type CallCenterChainConfig, type PreparedChain } from './call-center-chain.ts';
import { inventory } from './coverage.ts';
import { combine, derivePaths, type Derivation } from './derive.ts';
import { expectSame, type EngineDriver } from './engine-driver.ts';
import { fail } from './failure.ts';
import type { KeySpec } from './keys.ts';
import type { EngineSession, Host, ModelScenario } from './replay.ts';

export const CLERK = 'sales1';
export const MARKETER = 'marketing1';
export const WAREHOUSE = 'HQW';
export const VENDOR = 'V-NORD';
/** Enough of each product that no path runs the warehouse short (reservations never depend on the path). */
export const PLENTY = 50;
const STOCKED = ['P-TENT', 'P-LAMP', 'P-STOVE', 'P-POLES'] as const;

export function salesOfficeChainConfig(): CallCenterChainConfig {
  const config = callCenterChainConfig();
  config.salesOffice = {
    warehouses: [{ id: WAREHOUSE, name: 'Headquarters warehouse', onHand: STOCKED.map((productId) => ({ productId, quantity: PLENTY })) }],
    vendors: [{ vendorAccount: VENDOR, name: 'Nordic Gear' }],
    tradeAgreements: [{ tradeAgreementId: 'TA-1', customerAccount: 'C-ACME', productId: 'P-TENT', unitPrice: 17_500 }],
    priceGroups: [],
    warehouseManagedProducts: ['P-SOCKS'],
    projectItems: ['P-POLES'],
    productCategories: { 'P-TENT': 'SHELTER', 'P-LAMP': 'LIGHT' },
    itemTaxGroups: [{ id: 'SERVICE', taxable: true }],
    mainAccounts: [{ id: '401100', name: 'Service revenue' }],
  };
  if (!config.roles.some((r) => r.id === 'salesClerk')) config.roles.push({ id: 'salesClerk', name: 'Sales clerk', permissions: ['sales'] });
  if (!config.roles.some((r) => r.id === 'marketer')) config.roles.push({ id: 'marketer', name: 'Marketer', permissions: ['marketing'] });
  for (const [operatorId, name, roleId] of [[CLERK, 'Sally Sales', 'salesClerk'], [MARKETER, 'Mark Eting', 'marketer']] as const) {
    if (!config.staff.some((s) => s.operatorId === operatorId)) config.staff.push({ operatorId, name, roleId, storeIds: ['S1'] });
  }
  return config;
}

export const officeOf = (engine: Chain): SalesOffice => engine.headquarters.salesOffice;
export const officeViews = (engine: Chain): SalesOfficeViews => new SalesOfficeViews(officeOf(engine));

/** An office command by its clerk (sales.*) or marketer (marketing.*), which the path expects accepted. */
export function officeCommand(driver: EngineDriver, type: string, fields: Record<string, unknown>): Record<string, unknown> {
  return driver.exec({ type, operatorId: type.startsWith('marketing.') ? MARKETER : CLERK, ...fields });
}

/** The same command expected refused with `rule`, changing nothing (a probe, not a step). */
export function officeRefused(driver: EngineDriver, type: string, fields: Record<string, unknown>, rule: string): void {
  driver.refused({ type, operatorId: type.startsWith('marketing.') ? MARKETER : CLERK, ...fields }, rule);
}

/** The day `days` after an ISO day. */
export function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// The engine side every office model shares: a prepared chain per scenario, the record's actor, the comparison
// ---------------------------------------------------------------------------------------------------------------

/** The office's actor tables, by the record they hold. */
export type OfficeTable = 'orders' | 'quotations' | 'agreements' | 'leads' | 'opportunities' | 'campaigns';

/** What a scenario's set-up made: the modelled record's id, the office's day, and the record as the model starts it. */
export interface OfficeRecord<I> { id: string; today: string; input: I }

export interface OfficeSession<T> extends EngineSession { scenario: string; made: T; probed: Set<string> }

/** The record's actor as the office holds it now. */
export function officeSnapshot(engine: Chain, table: OfficeTable, id: string): AnyMachineSnapshot {
  const office = officeOf(engine);
  if (!office[table].has(id)) fail(`the sales office has no ${table} actor ${id}`);
  return office[table].snapshot(id) as AnyMachineSnapshot;
}

/**
 * A model's host over the office: a fresh engine per path from its scenario's prepared chain; after every step the
 * record's actor has the model's state and context (`project` reduces both where the model cannot know a value the
 * office draws, e.g. a number), then the model's own checks of the office's views run.
 */
export function officeHost<S extends AnyMachineSnapshot, E extends EventObject, T extends OfficeRecord<unknown>>(options: {
  setups: Record<string, PreparedChain<T>>;
  table: OfficeTable;
  apply: (session: OfficeSession<T>, event: E, before: S) => void;
  check: (session: OfficeSession<T>, after: S) => void;
  project?: (context: S['context']) => unknown;
}): Host<S, E, OfficeSession<T>> {
  const project = options.project ?? ((context: unknown) => context);
  return {
    fresh: (scenario) => ({ scenario, made: options.setups[scenario]!.made, probed: new Set(), ...options.setups[scenario]!.fresh() }),
    engineState: (session) => officeSnapshot(session.engine, options.table, session.made.id).value,
    apply: (session, event, _label, before) => options.apply(session, event, before),
    check: (session, after) => {
      const snapshot = officeSnapshot(session.engine, options.table, session.made.id);
      expectSame(`${options.table} state`, snapshot.value, after.value);
      expectSame(`${options.table} record`, project(snapshot.context), project(after.context));
      options.check(session, after);
    },
  };
}

/** Runs a probe once per path (a refused command that must change nothing, or a side command the checks read). */
export function once(session: OfficeSession<unknown>, what: string, probe: () => void): void {
  if (session.probed.has(what)) return;
  session.probed.add(what);
  probe();
}

/** Shortest paths from every scenario's record, and simple paths too from the scenarios named (few: they multiply). */
export function deriveOfficePaths<S extends AnyMachineSnapshot, E extends EventObject>(
  machine: AnyStateMachine, scenarios: Record<string, ModelScenario<S, E>>, key: KeySpec<S>, simpleFrom: readonly string[],
): Derivation {
  return combine(Object.entries(scenarios).map(([scenario, { input, events }]) => derivePaths<S, E>({
    machine, scenario, input, shortest: { events: events!, key }, ...(simpleFrom.includes(scenario) ? { simple: { events: events!, key } } : {}),
  })));
}

const RESTORED_ONLY = 'the office restores its actors from their persisted snapshots and starts new records as new: no path starts from a record already in that state';

/**
 * The chart's start-up transitions into a later state (a record restored where it was), each with why it is out of
 * the paths' reach: the office restores actors from their snapshots, never through the start-up state.
 */
export function restoredOnly(machine: AnyStateMachine): Record<string, string> {
  const startUp = [...inventory(machine).transitions.values()].filter((t) => t.startsWith(`${machine.id}.starting --always`) && t.includes('[guarded]'));
  return Object.fromEntries(startUp.map((t) => [t, RESTORED_ONLY]));
}
