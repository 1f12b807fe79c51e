/** CC-10 scripts and CC-11 up-sells and cross-sells, with guided selling on and off. */
import { describe, expect, it } from 'vitest';
import { applySourceCode, type AppliedSourceCode } from '../../../engine/domain/call-center/catalog.ts';
import { acceptCrossSell, acceptUpSell, onLineAdded, sourceCodeScripts, type GuidedLine } from '../../../engine/domain/call-center/guided-selling.ts';
import { resolvePrice } from '../../../engine/domain/call-center/pricing.ts';
import { callCenter, catalogStates, demoChain, JUNE_15 } from './fixture.ts';

const center = callCenter();
const off = callCenter((c) => { c.guidedSelling = false; });
const summer = applySourceCode(catalogStates(center), 'SUM27', JUNE_15) as AppliedSourceCode;
const web = applySourceCode(catalogStates(center), 'SUM27-WEB', JUNE_15) as AppliedSourceCode;
const product = (id: string) => demoChain().products.find((p) => p.id === id)!;
const line = (lineId: string, productId: string, quantity: number): GuidedLine => ({ lineId, productId, quantity, unitPrice: product(productId).price });

describe('guided selling', () => {
  it('CC-10 a source code\'s Beginning scripts show when it is entered, its End scripts on the summary', () => {
    expect(sourceCodeScripts(center, summer, 'Beginning')).toEqual([{ text: 'Thank you for calling about our Summer Camping catalog.', from: 'sourceCode', sourceCode: 'SUM27' }]);
    expect(sourceCodeScripts(center, summer, 'End')).toEqual([{ text: 'Your summer order ships within two days.', from: 'sourceCode', sourceCode: 'SUM27' }]);
    expect(sourceCodeScripts(center, web, 'Beginning')).toEqual([]);
    expect(sourceCodeScripts(center, null, 'End')).toEqual([]);
  });

  it('CC-10 an item\'s scripts show when a line of it is added', () => {
    expect(onLineAdded(center, null, { lineId: 'L1', productId: 'P-STOVE' }).scripts).toEqual([
      { text: 'Remind the customer that fuel cannot be shipped by air.', from: 'item', productId: 'P-STOVE' },
    ]);
  });

  it('CC-11 / CC-10 with the source code, the catalog\'s suggestions replace the item\'s standard ones and bring their scripts', () => {
    const prompt = onLineAdded(center, summer, { lineId: 'L1', productId: 'P-LAMP' });
    expect(prompt.offers).toEqual([{ lineId: 'L1', sourceCode: 'SUM27', suggestion: { productId: 'P-LAMP', kind: 'upSell', suggestedProductId: 'P-HEADLAMP', script: 'The headlamp keeps both hands free.' } }]);
    expect(prompt.scripts).toEqual([{ text: 'The headlamp keeps both hands free.', from: 'suggestion', productId: 'P-HEADLAMP', sourceCode: 'SUM27' }]);
  });

  it('CC-10 / CC-11 without that source code the catalog\'s suggestions and their scripts are not offered: the standard ones are', () => {
    const prompt = onLineAdded(center, null, { lineId: 'L1', productId: 'P-LAMP' });
    expect(prompt.offers).toEqual([{ lineId: 'L1', sourceCode: null, suggestion: { productId: 'P-LAMP', kind: 'crossSell', suggestedProductId: 'P-BOTTLE' } }]);
    expect(prompt.scripts).toEqual([]);
    // An item the catalog has no suggestion for keeps its standard ones, even with the code.
    expect(onLineAdded(center, summer, { lineId: 'L2', productId: 'P-TENT' })).toEqual({
      offers: [{ lineId: 'L2', sourceCode: null, suggestion: { productId: 'P-TENT', kind: 'crossSell', suggestedProductId: 'P-PAD', script: 'A sleeping pad goes with the tent.' } }],
      scripts: [{ text: 'A sleeping pad goes with the tent.', from: 'suggestion', productId: 'P-PAD' }],
    });
  });

  it('CC-10 / CC-11 guided selling off: no scripts and no prompt', () => {
    expect(sourceCodeScripts(off, summer, 'Beginning')).toEqual([]);
    expect(onLineAdded(off, summer, { lineId: 'L1', productId: 'P-LAMP' })).toEqual({ scripts: [], offers: [] });
    expect(onLineAdded(off, null, { lineId: 'L1', productId: 'P-STOVE' })).toEqual({ scripts: [], offers: [] });
  });

  it('CC-11 accepting an up-sell replaces the line\'s item at its price, keeping the quantity; other lines unchanged', () => {
    const lines = [line('L1', 'P-TENT', 1), line('L2', 'P-LAMP', 3)];
    const [offer] = onLineAdded(center, summer, lines[1]!).offers;
    const after = acceptUpSell(lines, offer!, resolvePrice(center, product('P-HEADLAMP'), summer));
    expect(after).toEqual([lines[0], { lineId: 'L2', productId: 'P-HEADLAMP', quantity: 3, unitPrice: 2999 }]);
  });

  it('CC-11 accepting a cross-sell adds a line; declining changes nothing', () => {
    const lines = [line('L1', 'P-STOVE', 2)];
    const prompt = onLineAdded(center, summer, lines[0]!);
    const offer = prompt.offers[0]!;
    expect(offer.suggestion).toMatchObject({ kind: 'crossSell', suggestedProductId: 'P-FUEL' });
    const fuel = { lineId: 'L2', productId: 'P-FUEL', quantity: 1, unitPrice: resolvePrice(center, product('P-FUEL'), summer).unitPrice };
    expect(acceptCrossSell(lines, offer, fuel)).toEqual([lines[0], { lineId: 'L2', productId: 'P-FUEL', quantity: 1, unitPrice: 799 }]);
    // Declining: the prompt itself never touched the lines.
    expect(lines).toEqual([line('L1', 'P-STOVE', 2)]);
  });

  it('CC-11 an answer to an offer that no longer fits the order is refused in words', () => {
    const lines = [line('L1', 'P-LAMP', 1)];
    const upSell = onLineAdded(center, summer, lines[0]!).offers[0]!;
    const crossSell = onLineAdded(center, null, lines[0]!).offers[0]!;
    const headlamp = resolvePrice(center, product('P-HEADLAMP'), summer);
    expect(acceptUpSell([], upSell, headlamp)).toEqual({ rule: 'CC-11', field: 'lineId', message: 'line L1 is no longer on the order' });
    expect(acceptUpSell([line('L1', 'P-TENT', 1)], upSell, headlamp)).toEqual({ rule: 'CC-11', field: 'lineId', message: 'line L1 is no longer item P-LAMP' });
    expect(acceptUpSell(lines, crossSell, headlamp)).toEqual({ rule: 'CC-11', field: 'suggestion', message: 'this is a cross-sell, not an up-sell' });
    expect(acceptUpSell(lines, upSell, resolvePrice(center, product('P-TENT'), summer))).toMatchObject({ rule: 'CC-11', field: 'productId' });
    expect(acceptCrossSell(lines, crossSell, line('L2', 'P-TENT', 1))).toMatchObject({ rule: 'CC-11', field: 'productId' });
    expect(acceptCrossSell(lines, crossSell, line('L1', 'P-BOTTLE', 1))).toEqual({ rule: 'CC-11', field: 'lineId', message: 'line L1 is already on the order' });
  });
});
