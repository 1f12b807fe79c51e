/**
 * The call-center models' chain: the demo chain (scenarios/demo-chain.json) with its call center CC1 (agents agent1
 * and agent2, supervisor1; the Published catalog CAT-SPRING with source code SPRING26, the Draft CAT-SUMMER; hold codes
 * REVIEW (Default), CUSTOMER and the supervisors' FRAUD; coupons; the P-CLUB continuity program), and what the
 * call-center models share: a prepared engine per scenario and the headquarters actors' persisted snapshots.
 */
import { readFileSync } from 'node:fs';
import type { AnyMachineSnapshot } from 'xstate';
import { Chain } from '../../chain.ts';
import type { Catalog } from '../../domain/catalog.ts';
import type { ChainConfigInput } from '../../domain/config.ts';
import { EngineDriver, freshEngine } from './engine-driver.ts';
import { fail } from './failure.ts';
import type { ModelSetup } from './model.ts';

/** A call center as the configuration gives it (before its defaults are filled in). */
export type CallCenterInput = NonNullable<ChainConfigInput['callCenters']>[number];
export type CallCenterChainConfig = ChainConfigInput & { callCenters: CallCenterInput[] };

export const CALL_CENTER_ID = 'CC1';
export const AGENT = 'agent1';
export const OTHER_AGENT = 'agent2';
export const SUPERVISOR = 'supervisor1';
export const CUSTOMER = 'C-ANNA';

/**
 * A fresh copy of the demo chain's configuration (safe to mutate), its job schedules off: a path runs every job it
 * needs by hand, and moving the clock months ahead (a catalog's expiry, a continuity event) runs none.
 */
export function callCenterChainConfig(): CallCenterChainConfig {
  const config = JSON.parse(readFileSync(new URL('../../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as CallCenterChainConfig;
  return { ...config, jobSchedules: [] };
}

/** The demo chain's call center CC1 in a configuration, to change for a scenario. */
export function callCenterOf<C extends { id: string }>(config: { callCenters?: C[] | undefined }): C {
  return config.callCenters?.find((c) => c.id === CALL_CENTER_ID) ?? fail(`the demo chain has no call center ${CALL_CENTER_ID}`);
}

/** A scenario's chain set up once (its commands accepted), restored afresh for every path. */
export interface PreparedChain<T> {
  catalog: Catalog;
  state: ReturnType<Chain['exportState']>;
  script: ModelSetup;
  /** What the set-up made that the model needs (an order id, the machine's input). */
  made: T;
  fresh: () => { engine: Chain; driver: EngineDriver };
}

export function prepareChain<T>(config: CallCenterChainConfig, seed: number, setUp: (driver: EngineDriver) => T): PreparedChain<T> {
  const engine = Chain.create(config, { seed });
  const driver = new EngineDriver(engine);
  const made = setUp(driver);
  const state = engine.exportState();
  const { catalog } = engine;
  return {
    catalog, state, made, script: { config, seed, commands: driver.script.commands },
    fresh: () => {
      const restored = freshEngine(catalog, state);
      return { engine: restored, driver: new EngineDriver(restored) };
    },
  };
}

/** A model's scenario hooks: each scenario's set-up script (what `paths --format scenario` replays) and the report line naming them. */
export function scenarioHooks(setups: Record<string, Pick<PreparedChain<unknown>, 'script'>>): { setup: (scenario: string) => ModelSetup; report: () => string } {
  return { setup: (scenario) => setups[scenario]!.script, report: () => `; scenarios ${Object.keys(setups).join('/')}` };
}

/** Headquarters' actors of the call center, as the engine persists them. */
type HeadquartersActors = 'catalogs' | 'enrolments' | 'orders' | 'holds';

/** The persisted snapshot of one of headquarters' call-center actors (undefined: the engine has no such actor). */
export function headquartersSnapshot(engine: Chain, kind: HeadquartersActors, id: string): AnyMachineSnapshot | undefined {
  const hq = engine.headquarters;
  const snapshots = kind === 'catalogs' ? hq.catalogs.snapshots()
    : kind === 'enrolments' ? hq.continuity.snapshots()
      : hq.callCenter.exportState()[kind];
  return snapshots[id] as AnyMachineSnapshot | undefined;
}

/** The clock time of a calendar day (noon UTC), for events dated by the engine's clock. */
export const noonOf = (day: string): number => Date.parse(`${day}T12:00:00Z`);
