/** ST-1..ST-5: the chain configuration knows its keys; a misspelt one is refused, not silently ignored. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalog, ConfigError } from '../../engine/domain/catalog.ts';
import { addressSchema } from '../../engine/domain/config.ts';

const demoChain = () => JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as Record<string, any>;

function issues(config: unknown): string[] {
  try {
    buildCatalog(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('strict chain configuration', () => {
  it('the demo chain has no unknown keys', () => {
    expect(issues(demoChain())).toEqual([]);
  });

  it('unknown keys anywhere are refused with their path and the key probably meant', () => {
    const config = demoChain();
    config.stores[0].manualAcept = true;
    config.parameters.defaultDepositPercent = 1000;
    config.stores[1].functionality = { createOrderAsyn: true };
    config.locations[0].address.zipCode = '98101';
    config.products[0].colour = 'green';
    config.shops = [];
    expect(issues(config)).toEqual([
      'locations.0.address: unknown key "zipCode" (did you mean "zip"?)',
      'stores.0: unknown key "manualAcept" (did you mean "manualAccept"?)',
      'stores.1.functionality: unknown key "createOrderAsyn" (did you mean "createOrderAsync"?)',
      'parameters: unknown key "defaultDepositPercent" (did you mean "defaultDepositPct"?)',
      'products.0: unknown key "colour"',
      ': unknown key "shops"',
    ]);
  });

  it('CU-9 a ship-to address in a command may be a customer\'s address-book entry: its id and purpose are dropped', () => {
    const entry = { id: 'A1', purpose: 'Home', street: '1 Main St', city: 'Seattle', country: 'USA' };
    expect(addressSchema.parse(entry)).toEqual({ street: '1 Main St', city: 'Seattle', state: '', zip: '', country: 'USA' });
  });
});
