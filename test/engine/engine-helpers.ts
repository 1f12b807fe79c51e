/**
 * Helpers for the engine-level tests (test/engine/engine-*.test.ts): every change goes through
 * `Chain.executeNow`, every assertion reads the engine's views.
 *
 * Demo chain reminders (see test/fixtures/chain.ts): P-TENT 19999, P-LAMP 2499, P-SOCKS 1299, P-STOVE 8950;
 * S1 (registers R1, R2) taxes 10%, S2 (R3) 0%; deposit 10%; FREIGHT 995 header auto charge for all-STD orders
 * under 10000; cancellation charge 5%; staff cashier1/lead1/manager1 @S1, cashier2/manager1 @S2.
 */
import { expect } from 'vitest';
import type { z } from 'zod';
import type { chainCommandSchema } from '../../engine/chain.ts';
import { buildCatalog } from '../../engine/domain/catalog.ts';
import type { RuleViolation } from '../../engine/domain/violation.ts';
import { Chain, type ChainState } from '../../engine/chain.ts';
import { demoChainConfig, type DemoChainConfigInput } from '../fixtures/chain.ts';

/** A command as a caller writes it (the schema's input type, so typos in fields fail the typecheck). */
export type CommandInput = z.input<typeof chainCommandSchema>;
export type Mutator = (config: DemoChainConfigInput) => void;

export const PRICE = { TENT: 19_999, LAMP: 2499, SOCKS: 1299, STOVE: 8950 } as const;
export const FREIGHT_KEY = 'H:FREIGHT:AC-GROUND';

/** The demo chain config, optionally changed (a fresh clone every call). */
export function chainConfig(mutate?: Mutator): DemoChainConfigInput {
  const config = demoChainConfig();
  mutate?.(config);
  return config;
}

export function newEngine(mutate?: Mutator, seed = 1): Chain {
  return Chain.create(chainConfig(mutate), { seed });
}

/** Restores a JSON round-tripped export on a freshly built catalog of the same config, as a restart would. */
export function restart(engine: Chain, mutate?: Mutator): Chain {
  const state = JSON.parse(JSON.stringify(engine.exportState())) as ChainState;
  return Chain.restore(buildCatalog(chainConfig(mutate)), state);
}

export function stateJson(engine: Chain): string {
  return JSON.stringify(engine.exportState());
}

/** Runs a command that must be accepted and returns its result. */
export function ok(engine: Chain, command: CommandInput): Record<string, unknown> {
  const result = engine.executeNow(command);
  if (!result.ok) {
    throw new Error(`${command.type} refused: ${result.error.rule} (${result.error.field ?? '-'}) ${result.error.message}`);
  }
  return result.result;
}

/**
 * Runs a command that must be refused and returns the violation. Also checks the refusal changed nothing: the
 * exported state is byte-identical before and after.
 */
export function refused(engine: Chain, command: unknown): RuleViolation {
  const before = stateJson(engine);
  const result = engine.executeNow(command);
  if (result.ok) throw new Error(`${(command as { type?: string }).type} was accepted: ${JSON.stringify(result.result)}`);
  expect(stateJson(engine), 'a refused command changes nothing').toBe(before);
  return result.error;
}

export const lineId = (transactionId: string, n: number): string => `${transactionId}-${n}`;

export interface Item { productId: string; quantity?: number; unitPrice?: number; approverId?: string }

/**
 * Starts a sale at `registerId` (shift must be open): sets the customer (if any) and adds the items as carry-out
 * lines. Returns the transaction id and the line ids in item order.
 */
export function startSale(engine: Chain, registerId: string, customerId: string | null, items: Item[]): { transactionId: string; lineIds: string[] } {
  let transactionId: string | null = null;
  if (customerId !== null) transactionId = ok(engine, { type: 'register.setCustomer', registerId, customerId }).transactionId as string;
  const lineIds: string[] = [];
  for (const item of items) {
    const result = ok(engine, {
      type: 'register.addItem', registerId, productId: item.productId, quantity: item.quantity ?? 1,
      ...(item.unitPrice === undefined ? {} : { unitPrice: item.unitPrice }),
      ...(item.approverId === undefined ? {} : { approverId: item.approverId }),
    });
    transactionId = result.transactionId as string;
    lineIds.push(lineId(transactionId, lineIds.length + 1));
  }
  return { transactionId: transactionId!, lineIds };
}

export function due(engine: Chain, registerId: string): number {
  return engine.registerView(registerId).due;
}

export function cart(engine: Chain, registerId: string) {
  const transaction = engine.registerView(registerId).transaction;
  if (transaction === null) throw new Error(`register ${registerId} has no open transaction`);
  return transaction.cart;
}

export function cartLine(engine: Chain, registerId: string, id: string) {
  const found = cart(engine, registerId).lines.find((l) => l.lineId === id);
  if (found === undefined) throw new Error(`no cart line ${id}`);
  return found;
}

/** Tenders exactly what is due (with a card token when given) and returns the tender's result. */
export function tenderDue(engine: Chain, registerId: string, options: { method?: 'cash' | 'card' | 'cardToken'; cardToken?: string; approverId?: string } = {}): Record<string, unknown> {
  const method = options.method ?? (options.cardToken === undefined ? 'cash' : 'card');
  return ok(engine, {
    type: 'register.tender', registerId, method, amount: due(engine, registerId),
    ...(options.cardToken === undefined ? {} : { cardToken: options.cardToken }),
    ...(options.approverId === undefined ? {} : { approverId: options.approverId }),
  });
}

export function openShift(engine: Chain, registerId: string, operatorId: string): void {
  ok(engine, { type: 'register.openShift', registerId, operatorId });
}

/** CO-9: Anna's two lamps to pick up at S1, saved at R1 as a quote (CO-000001, nothing paid). */
export function quoteAtR1(): { e: Chain; lamp: string } {
  const e = newEngine();
  openShift(e, 'R1', 'cashier1');
  const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
  ok(e, { type: 'register.pickupAll', registerId: 'R1' });
  ok(e, { type: 'register.setOrderType', registerId: 'R1', orderType: 'quote' });
  ok(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 0 });
  return { e, lamp: lamp! };
}

/** A chain with the configuration changes applied and cashier1's shift open at R1. */
export function started(...mutators: Mutator[]): Chain {
  const engine = newEngine((c) => { for (const m of mutators) m(c); });
  openShift(engine, 'R1', 'cashier1');
  return engine;
}

export type HeadquartersJob = 'P-job' | 'synchronizeCustomers' | 'synchronizeOrders' | '1010';

export const runJob = (engine: Chain, job: HeadquartersJob, storeIds?: string[]) =>
  ok(engine, { type: 'headquarters.runJob', job, ...(storeIds === undefined ? {} : { storeIds }) });

/** Every headquarters job once, in the order they run when due together. */
export function runAllJobs(engine: Chain): void {
  for (const job of ['P-job', 'synchronizeCustomers', 'synchronizeOrders', '1010'] as const) runJob(engine, job);
}

export function orderLine(engine: Chain, orderId: string, id: string) {
  const found = engine.orderView(orderId).lines.find((l) => l.lineId === id);
  if (found === undefined) throw new Error(`order ${orderId} has no line ${id}`);
  return found;
}

/** [lineId, status] of a location's fulfillment list. */
export function listed(engine: Chain, locationId: string, filter: 'all' | 'toShip' | 'forPickup' = 'all'): [string, string][] {
  return engine.fulfillmentView(locationId, filter).lines.map((l) => [l.lineId, l.status]);
}

export function onHand(engine: Chain, locationId: string, productId: string): number | undefined {
  return engine.fulfillmentView(locationId).onHand[productId];
}
