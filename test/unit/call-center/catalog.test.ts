/** CC-4 source codes, CC-5 catalog validation and usability. */
import { describe, expect, it } from 'vitest';
import {
  applySourceCode, checkCatalogUsable, copySourceCodeToLines, lookupSourceCodes, validateCatalog, type AppliedSourceCode,
} from '../../../engine/domain/call-center/catalog.ts';
import { callCenter, catalogOf, catalogStates, day, demoCatalogReferences, JUNE_15 } from './fixture.ts';

const center = callCenter();
const refs = demoCatalogReferences(center);

describe('catalogs and source codes', () => {
  it('CC-5 validation lists every problem of a catalog, each at its field', () => {
    const catalog = { ...catalogOf(center, 'CAT-SUMMER'), effective: '2027-09-01', priceGroupIds: ['SUMMER', 'GONE'], productIds: ['P-TENT', 'P-TENT', 'P-NOPE', 'P-BOOTS', 'P-LAMP'],
      sourceCodes: [{ code: 'A', description: '', scripts: [] }, { code: 'a', description: '', scripts: [] }] };
    expect(validateCatalog(catalog, refs)).toEqual([
      { field: 'expiration', message: 'the catalog expires (2027-08-31) before it takes effect (2027-09-01)' },
      { field: 'priceGroupIds.1', message: 'unknown price group "GONE"' },
      { field: 'productIds.1', message: 'item "P-TENT" is listed twice' },
      { field: 'productIds.2', message: 'unknown item "P-NOPE"' },
      { field: 'productIds.3', message: 'item "P-BOOTS" has no price in the catalog\'s price groups' },
      { field: 'sourceCodes.1.code', message: 'source code "a" is listed twice' },
      { field: 'suggestions.0.suggestedProductId', message: 'suggested item "P-HEADLAMP" is not in the catalog' },
      { field: 'suggestions.1.productId', message: 'a suggestion is for "P-STOVE", which is not in the catalog' },
      { field: 'suggestions.1.suggestedProductId', message: 'suggested item "P-FUEL" is not in the catalog' },
    ]);
    expect(validateCatalog(catalogOf(center, 'CAT-SUMMER'), refs)).toEqual([]);
    expect(validateCatalog({ ...catalogOf(center, 'CAT-FALL'), productIds: [], priceGroupIds: [], sourceCodes: [] }, refs).map((p) => p.field)).toEqual(['priceGroupIds', 'productIds', 'sourceCodes']);
  });

  it('CC-5 only a Published catalog is usable; CC-4 and only within its effective..expiration dates (both days included)', () => {
    const summer = catalogOf(center, 'CAT-SUMMER');
    expect(checkCatalogUsable({ catalog: summer, status: 'Published' }, JUNE_15)).toBeNull();
    expect(checkCatalogUsable({ catalog: summer, status: 'Published' }, Date.parse('2027-06-01T00:00:00Z'))).toBeNull();
    expect(checkCatalogUsable({ catalog: summer, status: 'Published' }, Date.parse('2027-08-31T23:59:59Z'))).toBeNull();
    expect(checkCatalogUsable({ catalog: summer, status: 'Published' }, day('2027-05-31'))).toEqual({ rule: 'CC-4', field: 'sourceCode', message: 'catalog Summer Camping takes effect on 2027-06-01' });
    expect(checkCatalogUsable({ catalog: summer, status: 'Published' }, day('2027-09-01'))).toEqual({ rule: 'CC-4', field: 'sourceCode', message: 'catalog Summer Camping expired on 2027-08-31' });
    for (const status of ['Draft', 'Validated', 'Approved'] as const) {
      expect(checkCatalogUsable({ catalog: summer, status }, JUNE_15)).toEqual({ rule: 'CC-5', field: 'sourceCode', message: `catalog Summer Camping is not published yet (${status.toLowerCase()})` });
    }
    expect(checkCatalogUsable({ catalog: summer, status: 'Inactive' }, JUNE_15)?.message).toBe('catalog Summer Camping is inactive');
    expect(checkCatalogUsable({ catalog: summer, status: 'Expired' }, JUNE_15)?.message).toBe('catalog Summer Camping is expired');
  });

  it('CC-4 a source code brings its catalog\'s items, price groups, scripts and suggestions; entered in any case', () => {
    const applied = applySourceCode(catalogStates(center), ' sum27 ', JUNE_15) as AppliedSourceCode;
    expect(applied).toMatchObject({ code: 'SUM27', catalogId: 'CAT-SUMMER', catalogName: 'Summer Camping', priceGroupIds: ['SUMMER', 'SUMMER-CLEARANCE'] });
    expect(applied.productIds).toContain('P-STOVE');
    expect(applied.scripts.map((s) => s.timing)).toEqual(['Beginning', 'End']);
    expect(applied.suggestions).toHaveLength(2);
  });

  it('CC-4 a source code is refused when unknown, its catalog not Published, or the order date outside its dates', () => {
    expect(applySourceCode(catalogStates(center), 'WINTER', JUNE_15)).toEqual({ rule: 'CC-4', field: 'sourceCode', message: 'there is no source code WINTER' });
    expect(applySourceCode(catalogStates(center), 'FALL27', day('2027-09-15'))).toEqual({ rule: 'CC-5', field: 'sourceCode', message: 'source code FALL27 cannot be used: catalog Fall Hiking is not published yet (draft)' });
    expect(applySourceCode(catalogStates(center, { 'CAT-FALL': 'Published' }), 'FALL27', JUNE_15)).toEqual({ rule: 'CC-4', field: 'sourceCode', message: 'source code FALL27 cannot be used: catalog Fall Hiking takes effect on 2027-09-01' });
    expect(applySourceCode(catalogStates(center, { 'CAT-FALL': 'Published' }), 'FALL27', day('2027-09-15'))).toMatchObject({ catalogId: 'CAT-FALL' });
  });

  it('CC-4 lookup: All lists every usable code; Targeted only those of catalogs sent to the customer; text narrows', () => {
    const states = catalogStates(center, { 'CAT-FALL': 'Published' });
    const codes = (filter: 'All' | 'Targeted', customerId: string | null, at = JUNE_15, text?: string) =>
      lookupSourceCodes(states, { filter, customerId, at, ...(text === undefined ? {} : { text }) }).map((c) => c.code);
    expect(codes('All', 'C-ACME')).toEqual(['SUM27', 'SUM27-WEB']);
    expect(codes('All', null, day('2027-09-15'))).toEqual(['FALL27']);
    expect(codes('Targeted', 'C-ANNA')).toEqual(['SUM27', 'SUM27-WEB']);
    expect(codes('Targeted', 'C-ACME')).toEqual([]);
    expect(codes('Targeted', null)).toEqual([]);
    expect(codes('All', 'C-ANNA', JUNE_15, 'web')).toEqual(['SUM27-WEB']);
    expect(lookupSourceCodes(states, { filter: 'All', customerId: null, at: JUNE_15, text: 'mailer' })).toEqual([
      { code: 'SUM27', description: 'Summer mailer', catalogId: 'CAT-SUMMER', catalogName: 'Summer Camping', expiration: '2027-08-31' },
    ]);
  });

  it('CC-4 the header\'s source code is copied to the lines; a line with its own code keeps it', () => {
    const lines = [{ lineId: 'L1', sourceCode: null }, { lineId: 'L2', sourceCode: 'SUM27' }, { lineId: 'L3', sourceCode: 'SUM27-WEB' }];
    expect(copySourceCodeToLines(lines, null, 'SUM27')).toEqual([
      { lineId: 'L1', sourceCode: 'SUM27' }, { lineId: 'L2', sourceCode: 'SUM27' }, { lineId: 'L3', sourceCode: 'SUM27-WEB' },
    ]);
    const changed = copySourceCodeToLines(copySourceCodeToLines(lines, null, 'SUM27'), 'SUM27', 'FALL27');
    expect(changed.map((l) => l.sourceCode)).toEqual(['FALL27', 'FALL27', 'SUM27-WEB']);
    expect(copySourceCodeToLines(changed, 'FALL27', null).map((l) => l.sourceCode)).toEqual([null, null, 'SUM27-WEB']);
  });
});
