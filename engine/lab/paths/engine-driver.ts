/**
 * The engine side of a lifecycle model: the chain the paths start from, a driver that runs the commands a step
 * causes (each must be accepted), and comparisons that fail the step with a readable difference.
 */
import { isDeepStrictEqual } from 'node:util';
import { Chain, type ChainResult as CommandResult } from '../../chain.ts';
import type { Catalog } from '../../domain/catalog.ts';
import type { LineProgress } from '../../domain/fulfillment.ts';
import { demoChainConfig, type DemoChainConfigInput } from './fixture-chain.ts';
import { fail } from './failure.ts';


/** The demo chain with manual accept on at S1 (so FF-2's Pending -> ACCEPT is reachable). */
export function scenarioConfig(): DemoChainConfigInput {
  const config = demoChainConfig();
  config.stores = config.stores.map((s) => (s.id === 'S1' ? { ...s, manualAccept: true } : s));
  return config;
}

/**
 * The chain commands a driver ran, in order: with the model's set-up commands, what a scenario file replays to
 * repeat the path. `offScript` says what else the path did to the engine that no chain command does (a lossy network,
 * a change made at headquarters' own boundary), which makes it impossible to repeat as a scenario.
 */
export interface CommandScript { commands: Record<string, unknown>[]; offScript: string[] }

/** A command the path expects the engine to accept; a refusal fails the step with the engine's reason. */
export class EngineDriver {
  /** Commands executed by all drivers (for the report). */
  static total = 0;

  constructor(readonly engine: Chain, readonly script: CommandScript = { commands: [], offScript: [] }) {}

  exec(command: Record<string, unknown>): Record<string, unknown> {
    EngineDriver.total += 1;
    const result: CommandResult = this.engine.executeNow(command);
    if (!result.ok) {
      fail(`engine refused ${JSON.stringify(command)}: ${result.error.rule} ${result.error.message} (field ${result.error.field ?? '-'})`);
    }
    this.script.commands.push(command);
    return result.result;
  }

  /**
   * Runs a command the path expects the engine to refuse with `rule`, and checks it changed nothing at all. A probe,
   * not a step: it stays out of the script, so the path's scenario file replays with no refused step.
   */
  refused(command: Record<string, unknown>, rule: string): void {
    const before = JSON.stringify(this.engine.exportState());
    const result = this.engine.executeNow(command);
    if (result.ok) fail(`engine accepted ${JSON.stringify(command)}, rule ${rule} refuses it`);
    if (result.error.rule !== rule) fail(`engine refused ${JSON.stringify(command)} with ${result.error.rule} (${result.error.message}), expected ${rule}`);
    if (JSON.stringify(this.engine.exportState()) !== before) fail(`refused ${JSON.stringify(command)} (${rule}) changed the engine`);
  }

  /** Notes something the path does to the engine besides chain commands (see `CommandScript`). */
  offScript(reason: string): void {
    if (!this.script.offScript.includes(reason)) this.script.offScript.push(reason);
  }
}

/** Compares two values, failing the step with a readable diff of the first differing path. */
export function expectSame(what: string, actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(normalizeUndefined(actual), normalizeUndefined(expected))) return;
  fail(`${what} differs: ${firstDifference(actual, expected)}`);
}

function normalizeUndefined(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: engine ${JSON.stringify(a)} vs model ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (!isDeepStrictEqual(normalizeUndefined(x), normalizeUndefined(y))) return firstDifference(x, y, `${path}.${key}`);
  }
  return `${path}: engine ${JSON.stringify(a)} vs model ${JSON.stringify(b)}`;
}

/** Line progress with the generated pick-list id reduced to "on a pick list or not". */
export function normProgress(p: LineProgress): Omit<LineProgress, 'pickListId'> & { pickListed: boolean } {
  const { pickListId, ...rest } = p;
  return { ...rest, pickListed: pickListId !== null };
}

/** Restores an engine from a prepared state (cheaper than replaying the set-up commands for every path). */
export function freshEngine(catalog: Catalog, state: ReturnType<Chain['exportState']>): Chain {
  return Chain.restore(catalog, structuredClone(state));
}

/** The state value of an actor as the engine persists it. */
export function persistedValue(engine: Chain, kind: 'registers' | 'orders' | 'fulfillment', id: string): unknown {
  const snapshot = engine.exportState().store[kind][id] as { value?: unknown } | undefined;
  return snapshot?.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Building orders through the register (set-up and host actions)
// ---------------------------------------------------------------------------------------------------------------

export interface SaleLine {
  productId: string;
  quantity: number;
  delivery: 'ship' | 'pickup' | 'carryOut';
  modeCode?: string;
  /** Ship-from / pickup location (the store's default when absent). */
  locationId?: string;
}

export interface SaleResult { transactionId: string; lineIds: string[]; result: Record<string, unknown> }

/** Rings up a sale at a register with an open shift and tenders what is due (a quote when `quote`). */
export function sellAt(driver: EngineDriver, registerId: string, lines: readonly SaleLine[], options: {
  customerId?: string; quote?: boolean; method?: 'cash' | 'card'; cardToken?: string;
} = {}): SaleResult {
  let transactionId = '';
  for (const line of lines) {
    transactionId = driver.exec({ type: 'register.addItem', registerId, productId: line.productId, quantity: line.quantity }).transactionId as string;
  }
  if (options.customerId !== undefined) driver.exec({ type: 'register.setCustomer', registerId, customerId: options.customerId });
  const lineIds = lines.map((_, i) => `${transactionId}-${i + 1}`);
  lines.forEach((line, i) => {
    const where = line.locationId === undefined ? {} : { locationId: line.locationId };
    if (line.delivery === 'ship') driver.exec({ type: 'register.shipSelected', registerId, lineIds: [lineIds[i]], modeCode: line.modeCode ?? 'STD', ...where });
    if (line.delivery === 'pickup') driver.exec({ type: 'register.pickupSelected', registerId, lineIds: [lineIds[i]], ...where });
  });
  if (options.quote === true) driver.exec({ type: 'register.setOrderType', registerId, orderType: 'quote' });
  const due = driver.engine.registerView(registerId).due;
  const result = driver.exec({
    type: 'register.tender', registerId, method: options.method ?? 'cash', amount: due,
    ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }),
  });
  if (result.completed !== true) fail(`sale at ${registerId} did not complete: ${JSON.stringify(result)}`);
  return { transactionId, lineIds, result };
}
