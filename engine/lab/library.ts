/**
 * The scenario library (scenarios/): generated chain days on a three-store chain, each reproducible from this
 * file. `npx tsx engine/lab/library.ts` writes them all again (same code, same bytes); test/lab/library.test.ts
 * regenerates each and compares it with the file on disk, and replays it.
 *
 * The files are ordinary JSON scenarios (`loadScenario`, `storefront run`), written a step a line so they stay
 * readable and diff well; the chains are configuration files beside them, referred to by name.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivityWeights, Outage, TradingDay } from './chain-day.ts';
import { chainDayScenario, COMMANDS_PER_STORE_DAY, FIRST_OPENING, generatedChainConfig, shapeFor, TRADING_HOURS, writeLines, type ChainConfig, type GeneratedScenario } from './generate.ts';

const HOUR = 3_600_000;
const STORES = 3;
const WEEKDAY = COMMANDS_PER_STORE_DAY * STORES;
/** The warehouse's products that run out in the stock-out scenario. */
export const OUT_OF_STOCK = ['P-TENT', 'P-STOVE', 'P-BAG', 'P-LAMP'] as const;

/** The library's chain: three stores (Store 1 to 3, three tills each) and a warehouse on the demo chain's set-up. */
export function threeStoreChain(): ChainConfig {
  return generatedChainConfig(shapeFor(STORES));
}

/**
 * The same chain with the warehouse out of four products (OUT_OF_STOCK), and the stores allowed to edit partially
 * fulfilled orders (CO-10), so a rejected line of an order already in fulfilment can be re-sourced.
 */
export function stockOutChain(): ChainConfig {
  const config = threeStoreChain();
  return {
    ...config,
    stores: config.stores.map((s) => ({ ...s, functionality: { editPartiallyFulfilledOrders: true } })),
    inventory: (config.inventory ?? []).map((row) => (row.locationId === 'W1' && (OUT_OF_STOCK as readonly string[]).includes(row.productId) ? { ...row, onHand: 0 } : row)),
  };
}

export interface LibraryChain { file: string; config: () => ChainConfig }
export const LIBRARY_CHAINS: readonly LibraryChain[] = [
  { file: 'three-store-chain.json', config: threeStoreChain },
  { file: 'stock-out-chain.json', config: stockOutChain },
];

export interface LibraryEntry { file: string; scenario: () => GeneratedScenario }

const day = (date: string, commands: number, extra: { weights?: ActivityWeights; outages?: Outage[] } = {}): TradingDay => {
  const opensAt = Date.parse(`${date}T09:00:00.000Z`);
  return { opensAt, closesAt: opensAt + TRADING_HOURS * HOUR, commands, ...extra };
};

const onChain = (chain: LibraryChain, seed: number) => ({ seed, config: chain.config(), configRef: chain.file });
const [THREE_STORES, STOCK_OUT] = LIBRARY_CHAINS as [LibraryChain, LibraryChain];

export const LIBRARY: readonly LibraryEntry[] = [
  {
    file: 'weekday.json',
    scenario: () => chainDayScenario({
      name: 'A normal weekday', ...onChain(THREE_STORES, 11), days: [day('2026-11-23', WEEKDAY)],
      description: `A normal Monday in three stores and their warehouse, 09:00 to 21:00: about ${WEEKDAY.toLocaleString('en-US')} steps of sales, orders, fulfilment, pickups, returns and cancellations.`,
    }),
  },
  {
    file: 'peak-day.json',
    scenario: () => chainDayScenario({
      name: 'Peak day', ...onChain(THREE_STORES, 12), days: [day('2026-11-23', 10 * WEEKDAY)],
      description: `The weekday's three stores on a peak day: ten times the traffic (about ${(10 * WEEKDAY).toLocaleString('en-US')} steps) in the same hours.`,
    }),
  },
  {
    file: 'store-offline.json',
    scenario: () => chainDayScenario({
      name: 'A store offline for four hours', ...onChain(THREE_STORES, 13),
      days: [day('2026-11-23', WEEKDAY, { outages: [{ storeId: 'S01', from: FIRST_OPENING + 2 * HOUR, until: FIRST_OPENING + 6 * HOUR }] })],
      description: 'A weekday on which Store 1 loses headquarters from 11:00 to 15:00: it keeps selling, queues its orders and customers (SY-3), recalls nothing meanwhile, and its queue reaches headquarters exactly once when it is back.',
    }),
  },
  {
    file: 'warehouse-stock-out.json',
    scenario: () => chainDayScenario({
      name: 'Warehouse out of stock', ...onChain(STOCK_OUT, 14), rejects: 'outOfStock',
      days: [day('2026-11-23', WEEKDAY, { weights: { resource: 4 } })],
      description: `A weekday on which the warehouse has none of ${OUT_OF_STOCK.join(', ')}: it rejects the lines it cannot pick (FF-7), headquarters resets them and the stores re-source them to ship from a store (CO-10).`,
    }),
  },
  {
    file: 'returns-after-holiday.json',
    scenario: () => chainDayScenario({
      name: 'Returns after a holiday', ...onChain(THREE_STORES, 15),
      days: [
        day('2026-12-24', 3 * WEEKDAY, { weights: { return: 0.2 } }),
        day('2026-12-26', WEEKDAY, { weights: { sale: 14, fulfil: 30, pickup: 6, return: 48, cancel: 1, approveQuote: 1 } }),
      ],
      description: 'Christmas Eve at three times the usual traffic (few returns: gifts are bought), the stores closed on the 25th, then a returns wave on the 26th: returns by receipt, order, invoice and channel reference outnumber sales.',
    }),
  },
];

/** The library's directory. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** A configuration file as the library writes it. */
export function configText(config: ChainConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A scenario as the library writes it: JSON, its header fields a line each, then its steps a line each. */
export function* scenarioText(scenario: GeneratedScenario): Generator<string> {
  const { header } = scenario;
  yield '{\n';
  for (const [key, value] of Object.entries(header)) yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`;
  yield '  "steps": [\n';
  let first = true;
  for (const step of scenario.steps) {
    yield `${first ? '' : ',\n'}    ${JSON.stringify(step)}`;
    first = false;
  }
  yield '\n  ]\n}\n';
}

async function writeFileLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  await writeLines(lines, out);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Writes the library's chains and scenarios into `dir`. */
export async function writeLibrary(dir = SCENARIOS_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const chain of LIBRARY_CHAINS) {
    await writeFileLines(join(dir, chain.file), [configText(chain.config())]);
    written.push(chain.file);
  }
  for (const entry of LIBRARY) {
    await writeFileLines(join(dir, entry.file), scenarioText(entry.scenario()));
    written.push(entry.file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const written = await writeLibrary();
  console.log(`wrote ${written.join(', ')} to ${SCENARIOS_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
