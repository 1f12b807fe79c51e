import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverride } from '../../engine/lab/config-overrides.ts';

const demoChain = () => JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as Record<string, any>;
const apply = (config: unknown, ...texts: string[]) => applyOverrides(config, texts.map(parseOverride)) as Record<string, any>;

describe('--set overrides on a scenario\'s configuration', () => {
  it('reads a dotted path (items by index, also as [i]) and a value that is JSON when it parses, else text', () => {
    expect(parseOverride('stores.0.manualAccept=true')).toEqual({ text: 'stores.0.manualAccept=true', path: ['stores', '0', 'manualAccept'], value: true });
    expect(parseOverride('stores[1].name=Portland east')).toMatchObject({ path: ['stores', '1', 'name'], value: 'Portland east' });
    expect(parseOverride('parameters.defaultDepositPct=2500').value).toBe(2500);
    expect(parseOverride('parameters.returnReasonCodes=["DAMAGED","OTHER"]').value).toEqual(['DAMAGED', 'OTHER']);
    expect(parseOverride('stores.0.name=a=b').value).toBe('a=b');
    expect(() => parseOverride('manualAccept')).toThrow('--set manualAccept: expected path=value');
    expect(() => parseOverride('stores..name=x')).toThrow('is not a dotted path');
  });

  it('sets the values on a copy, in order, leaving the configuration itself as it was', () => {
    const config = demoChain();
    const changed = apply(config, 'stores.0.manualAccept=true', 'parameters.defaultDepositPct=1000', 'parameters.defaultDepositPct=2000', 'stores.1.functionality.createOrderAsync=true');
    expect(changed.stores[0].manualAccept).toBe(true);
    expect(changed.parameters.defaultDepositPct).toBe(2000);
    expect(changed.stores[1].functionality).toEqual({ createOrderAsync: true });
    expect(config.stores[0].manualAccept).toBeUndefined();
    expect(config.parameters.defaultDepositPct).not.toBe(2000);
  });

  it('refuses a path the configuration cannot have, naming the key probably meant', () => {
    const config = demoChain();
    expect(() => apply(config, 'stores.0.manualAcept=true')).toThrow('--set stores.0.manualAcept=true: stores.0 has no key "manualAcept" (did you mean "manualAccept"?)');
    expect(() => apply(config, 'parameters.defaultDepositPercent=10')).toThrow('did you mean "defaultDepositPct"?');
    expect(() => apply(config, 'stors.0.name=x')).toThrow('the configuration has no key "stors" (did you mean "stores"?)');
    expect(() => apply(config, 'stores.7.name=x')).toThrow(`stores is a list of ${config.stores.length}: expected an index from 0 to ${config.stores.length - 1}, got "7"`);
    expect(() => apply(config, 'stores.first.name=x')).toThrow('got "first"');
    expect(() => apply(config, 'currency.code=EUR')).toThrow('currency is a single value: it has no "code"');
    // Names every object has are not keys of the configuration: refused like any other, nothing set.
    expect(() => apply(config, '__proto__=1')).toThrow('--set __proto__=1: the configuration has no key "__proto__"');
    expect(() => apply(config, 'toString=1')).toThrow('the configuration has no key "toString"');
    expect(() => apply(config, 'stores.0.constructor=1')).toThrow('stores.0 has no key "constructor"');
    expect(() => apply(config, 'customers.0.attributes.__proto__={"x":1}')).toThrow('customers.0.attributes has no key "__proto__"');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('goes through open maps (a customer\'s attributes) by any key', () => {
    const changed = apply(demoChain(), 'customers.0.attributes.vip=true');
    expect(changed.customers[0].attributes).toMatchObject({ vip: true });
  });
});
