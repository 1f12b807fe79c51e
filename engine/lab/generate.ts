/**
 * Generated chain days as scenario files (`storefront generate`): a chain of any number of stores on the demo
 * chain's set-up (scenarios/demo-chain.json: its modes of delivery, tax, charges, parameters, roles, job schedules,
 * products and customers), and its trading days, streamed as JSON Lines: line 1 the header `{name, description,
 * seed, startAt, config}` with the configuration inline (one file holds the whole scenario), then one chain
 * command a line. Lines are made one activity at a time and written with backpressure, so no list of a day's
 * commands is ever held (the chain the generator drives holds the day's orders, as any replay of it does).
 */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { ChainConfigInput } from '../domain/config.ts';
import { chainConfigFor, ChainDayGenerator, type ChainDayOptions, type ChainShape, type TradingDay } from './chain-day.ts';

/** Commands one store gives on an ordinary trading day at traffic 1 (about 150 transactions and their fulfilment). */
export const COMMANDS_PER_STORE_DAY = 700;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The first generated day opens on a Monday at 09:00 (the demo day's morning); stores trade until 21:00. */
export const FIRST_OPENING = Date.parse('2026-11-23T09:00:00.000Z');
export const TRADING_HOURS = 12;

export type ChainConfig = ChainDayOptions['config'];

/** The demo chain's configuration, the set-up every generated chain starts from. */
export function demoChainSetup(): ChainConfig {
  return JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as ChainConfig;
}

/** A generated chain's shape: three tills a store, a warehouse for every ten stores, twenty customers a store. */
export function shapeFor(stores: number): ChainShape {
  return { stores, registersPerStore: 3, warehouses: Math.ceil(stores / 10), customers: 20 * stores, products: 24 };
}

/**
 * A chain of `stores` stores on the demo chain's set-up (see chainConfigFor for its stores, staff and locations).
 * Its staff sign in to the screens with the PIN of their role's first demo operator (cashiers 1111, leads 2222,
 * managers 9999: the README's table), and an `analyst` (5555) sees every store from headquarters.
 */
export function generatedChainConfig(shape: ChainShape): ChainConfig {
  const setup = demoChainSetup();
  const config = chainConfigFor(shape, setup);
  const pinOfRole = new Map<string, string>();
  for (const { roleId, pinHash } of setup.staff ?? []) if (pinHash !== undefined && !pinOfRole.has(roleId)) pinOfRole.set(roleId, pinHash);
  const withPin = <S extends { roleId: string }>(member: S) => {
    const pinHash = pinOfRole.get(member.roleId);
    return pinHash === undefined ? member : { ...member, pinHash };
  };
  const analyst = { operatorId: 'analyst', name: 'Headquarters analyst', roleId: 'analyst', storeIds: config.stores.map((s) => s.id) };
  // The demo's call center comes with its agents and supervisor (their own PINs), signed in at the first store.
  const members = new Set((setup.callCenters ?? []).flatMap((c) => c.members ?? []));
  const callCenterStaff = (setup.staff ?? []).filter((s) => members.has(s.operatorId)).map((s) => ({ ...s, storeIds: [config.stores[0]!.id] }));
  return { ...config, staff: [...[...(config.staff ?? []), analyst].map(withPin), ...callCenterStaff] };
}

/** The first line of a scenario in JSON Lines. `config` is the configuration itself, or a path relative to the file. */
export interface ScenarioHeader {
  name: string;
  description: string;
  seed: number;
  startAt: string;
  config: ChainConfigInput | string;
}

/** A scenario as it is generated: its header and its steps, made as they are read. */
export interface GeneratedScenario { header: ScenarioHeader; steps: Iterable<unknown> }

/** `days` consecutive trading days from FIRST_OPENING, each of `commands` commands. */
export function consecutiveDays(days: number, commands: number): TradingDay[] {
  return Array.from({ length: days }, (_, d) => ({ opensAt: FIRST_OPENING + d * DAY, closesAt: FIRST_OPENING + d * DAY + TRADING_HOURS * HOUR, commands }));
}

/**
 * The chain's trading days as a scenario: `seed` seeds both the chain and the generator. Each pass over the steps
 * drives a chain of its own from the start, so it gives the same steps.
 */
export function chainDayScenario(options: { name: string; description: string; seed: number; config: ChainConfig; configRef?: string; days: readonly TradingDay[]; rejects?: ChainDayOptions['rejects'] }): GeneratedScenario {
  const startAt = options.days[0]?.opensAt ?? FIRST_OPENING;
  const generate = () => new ChainDayGenerator({ config: options.config, engineSeed: options.seed, seed: options.seed, startAt, rejects: options.rejects }).tradingDays(options.days);
  return {
    header: { name: options.name, description: options.description, seed: options.seed, startAt: new Date(startAt).toISOString(), config: options.configRef ?? options.config },
    steps: { [Symbol.iterator]: generate },
  };
}

export interface GenerateOptions { stores: number; days: number; traffic: number; seed: number }

/** What `storefront generate` makes: `stores` stores trading `days` days at `traffic` times an ordinary day's commands. */
export function generatedScenario(options: GenerateOptions): GeneratedScenario {
  const { stores, days, traffic, seed } = options;
  const commands = COMMANDS_PER_STORE_DAY * traffic * stores;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return chainDayScenario({
    name: `Generated chain: ${plural(stores, 'store')}, ${plural(days, 'day')}, traffic x${traffic}, seed ${seed}`,
    description: `${plural(stores, 'store')} trading ${plural(days, 'day')} of about ${commands.toLocaleString('en-US')} commands each (traffic x${traffic}), generated with seed ${seed}.`,
    seed, config: generatedChainConfig(shapeFor(stores)), days: consecutiveDays(days, commands),
  });
}

/** The scenario as JSON Lines: the header line, then a line per step. */
export function* scenarioLines(scenario: GeneratedScenario): Generator<string> {
  yield `${JSON.stringify(scenario.header)}\n`;
  for (const step of scenario.steps) yield `${JSON.stringify(step)}\n`;
}

/**
 * Writes lines to a stream, waiting for it to drain whenever it is full, so memory stays bounded however many lines
 * the generator makes. Lines are gathered into chunks of about 64 KiB to keep the writes few. Returns the lines written.
 */
export async function writeLines(lines: Iterable<string>, out: Writable): Promise<number> {
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  out.on('error', onError);
  const write = async (text: string) => {
    if (failure !== null) throw failure;
    if (out.write(text)) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
      out.once('drain', resolve);
    });
    out.off('drain', wake!);
    wake = null;
    if (failure !== null) throw failure;
  };
  let chunk = '';
  let count = 0;
  try {
    for (const line of lines) {
      count += 1;
      chunk += line;
      if (chunk.length >= 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    if (chunk.length > 0) await write(chunk);
    return count;
  } finally {
    out.off('error', onError);
  }
}
