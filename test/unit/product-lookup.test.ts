/** Finding products at the till (engine/domain/product-lookup.ts): typed words, SKUs and scanned barcodes. */
import { describe, expect, it } from 'vitest';
import { matchProducts, productByBarcode } from '../../engine/domain/product-lookup.ts';

const PRODUCTS = [
  { id: 'P-TENT', name: 'Two-person tent', barcodes: ['4006381333931'] },
  { id: 'P-LAMP', name: 'Camp lamp', barcodes: ['0012345678905'] },
  { id: 'P-STOVE', name: 'Camp stove', barcodes: [] },
  { id: 'P-SOCKS', name: 'Wool socks', barcodes: ['96385074'] },
  { id: 'P-TENT4', name: 'Four-person tent', barcodes: [] },
];
const ids = (found: { id: string }[]) => found.map((p) => p.id);

describe('product finder', () => {
  it('finds products by the start of any word of the name, case-insensitive', () => {
    expect(ids(matchProducts(PRODUCTS, 'tent'))).toEqual(['P-TENT4', 'P-TENT']);
    expect(ids(matchProducts(PRODUCTS, 'PERS'))).toEqual(['P-TENT4', 'P-TENT']);
    expect(ids(matchProducts(PRODUCTS, 'st'))).toEqual(['P-STOVE']);
  });

  it('every typed word must match, in any order', () => {
    expect(ids(matchProducts(PRODUCTS, 'camp st'))).toEqual(['P-STOVE']);
    expect(ids(matchProducts(PRODUCTS, 'lamp camp'))).toEqual(['P-LAMP']);
    expect(matchProducts(PRODUCTS, 'camp tent')).toEqual([]);
  });

  it('finds by SKU and by the start of a barcode', () => {
    expect(ids(matchProducts(PRODUCTS, 'p-socks'))).toEqual(['P-SOCKS']);
    expect(ids(matchProducts(PRODUCTS, 'tent4'))).toEqual(['P-TENT4']);
    expect(ids(matchProducts(PRODUCTS, '963850'))).toEqual(['P-SOCKS']);
  });

  it('names starting with the query come first, then by name', () => {
    expect(ids(matchProducts(PRODUCTS, 'camp'))).toEqual(['P-LAMP', 'P-STOVE']);
    expect(ids(matchProducts(PRODUCTS, 'two'))).toEqual(['P-TENT']);
  });

  it('an empty query lists every product by name, up to the limit', () => {
    expect(ids(matchProducts(PRODUCTS, '  '))).toEqual(['P-LAMP', 'P-STOVE', 'P-TENT4', 'P-TENT', 'P-SOCKS']);
    expect(matchProducts(PRODUCTS, '', 2)).toHaveLength(2);
  });

  it('a scanned barcode names exactly its product; an unknown one names none', () => {
    expect(productByBarcode(PRODUCTS, '0012345678905')?.id).toBe('P-LAMP');
    expect(productByBarcode(PRODUCTS, ' 96385074 ')?.id).toBe('P-SOCKS');
    expect(productByBarcode(PRODUCTS, '0012345678')).toBeUndefined();
  });
});
