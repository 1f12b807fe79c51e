/** The chain config's `salesOffice` section (issue 13): plain errors naming the field, and what it refers to checked at boot. */
import { describe, expect, it } from 'vitest';
import { buildCatalog, ConfigError, type ConfigIssue } from '../../engine/domain/catalog.ts';
import { chainConfig } from '../engine/engine-helpers.ts';
import { withSalesOffice } from '../engine/sales-office-helpers.ts';
import type { DemoChainConfigInput } from '../fixtures/chain.ts';

function issuesOf(mutate: (c: DemoChainConfigInput) => void): ConfigIssue[] {
  try {
    buildCatalog(chainConfig((c) => { withSalesOffice(c); mutate(c); }));
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('salesOffice config', () => {
  it('the demo chain with a sales office builds; without the section the office has no master data', () => {
    expect(issuesOf(() => {})).toEqual([]);
    expect(buildCatalog(chainConfig()).config.salesOffice).toBeUndefined();
  });

  it('SM-15 a trade agreement is for a customer or a price group, named; unknown products, customers and groups are named', () => {
    expect(issuesOf((c) => { c.salesOffice!.tradeAgreements!.push({ tradeAgreementId: 'TA-9', productId: 'P-TENT', unitPrice: 1 }); }))
      .toEqual([{ path: 'salesOffice.tradeAgreements.2.customerAccount', message: 'a trade agreement is for a customer or a price group (give one)' }]);
    expect(issuesOf((c) => { c.salesOffice!.tradeAgreements!.push({ tradeAgreementId: 'TA-9', priceGroupId: 'RETAIL', productId: 'P-NOPE', unitPrice: 1 }); })).toEqual([
      { path: 'salesOffice.tradeAgreements.2.productId', message: 'unknown product "P-NOPE"' },
      { path: 'salesOffice.tradeAgreements.2.priceGroupId', message: 'unknown price group "RETAIL"' },
    ]);
    expect(issuesOf((c) => { c.salesOffice!.priceGroups!.push({ priceGroupId: 'RETAIL', name: 'Retail', customerAccounts: ['C-ACME'] }); }))
      .toEqual([{ path: 'salesOffice.priceGroups.2', message: 'customer in a price group "C-ACME" is listed twice' }]);
  });

  it('warehouses, vendors and number sequence prefixes: plain errors naming the field', () => {
    expect(issuesOf((c) => { c.salesOffice!.warehouses = []; })).toEqual([{ path: 'salesOffice.warehouses', message: 'the sales office needs at least one warehouse' }]);
    expect(issuesOf((c) => { c.salesOffice!.warehouses![0]!.onHand!.push({ productId: 'P-GHOST', quantity: 1 }); }))
      .toEqual([{ path: 'salesOffice.warehouses.0.onHand.2.productId', message: 'unknown product "P-GHOST"' }]);
    expect(issuesOf((c) => { c.salesOffice!.numberSequences = { salesOrder: 'so' }; })[0]).toMatchObject({ path: 'salesOffice.numberSequences.salesOrder', message: 'a number sequence prefix is 1 to 8 capital letters' });
    expect(issuesOf((c) => { (c.salesOffice as Record<string, unknown>).vendor = []; })[0]!.message).toMatch(/unknown key "vendor"/);
  });
});
