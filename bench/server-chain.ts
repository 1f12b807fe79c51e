/**
 * The chain of the server benchmark (bench/server.ts): the synthetic 20-store chain of bench/synthetic-day.ts with a
 * PIN for the cashier the bench signs in as at each store it uses, and the tills it works.
 *
 * Till work is done by a session signed in at that register (engine/server/access.ts), so the bench signs the store's
 * cashier in once per till (successful sign-ins do not count toward the limit per address), and opens its shift.
 */
import { hashPin } from '../engine/credentials.ts';
import type { DemoChainConfigInput } from '../test/fixtures/chain.ts';
import { syntheticChainConfig } from './synthetic-day.ts';

/** The engine seed of the fresh chain and of the history's synthetic day (the history's data dir uses the day's). */
export const ENGINE_SEED = 7;

export const PIN = '2468';

export interface BenchTill { storeId: string; registerId: string; operatorId: string }

/** The first `count` registers of the chain, store by store (3 a store: 20 tills take 7 stores). */
export function benchTills(config: DemoChainConfigInput, count: number): BenchTill[] {
  const tills = config.stores.flatMap((store) => store.registerIds.map((registerId) => ({ storeId: store.id, registerId, operatorId: cashierOf(config, store.id) })));
  if (tills.length < count) throw new Error(`the chain has ${tills.length} registers, the bench wants ${count}`);
  return tills.slice(0, count);
}

/** The store's first cashier (a cashier sells: addItem, setCustomer, pickupAll and cash tenders need no permission). */
function cashierOf(config: DemoChainConfigInput, storeId: string): string {
  const cashier = config.staff.find((s) => s.roleId === 'cashier' && (s.storeIds ?? []).includes(storeId));
  if (cashier === undefined) throw new Error(`no cashier at ${storeId}`);
  return cashier.operatorId;
}

/** The synthetic chain, with PIN's hash on the cashier of every store the first `tills` registers belong to. */
export function benchChainConfig(tills: number): DemoChainConfigInput {
  const config = syntheticChainConfig();
  const operators = new Set(benchTills(config, tills).map((t) => t.operatorId));
  const pinHash = hashPin(PIN);
  return { ...config, staff: config.staff.map((s) => (operators.has(s.operatorId) ? { ...s, pinHash } : s)) };
}

/**
 * Customers a pickup order names: not the walk-in default, and none in a B2B hierarchy, who pays no deposit (CO-6),
 * so that something is due and the till's cash tender (well above any due) settles every order.
 */
export function orderingCustomers(config: DemoChainConfigInput): string[] {
  return config.customers.filter((c) => c.accountId !== 'C-WALKIN' && c.hierarchyId === undefined).map((c) => c.accountId);
}
