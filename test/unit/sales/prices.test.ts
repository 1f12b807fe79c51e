/**
 * SM-15 sales price order: sales agreement > trade agreement (customer, then price group) > base price; for a
 * call-center order the agreement, then CC-5's own order (source code price groups, channel price group, base price),
 * which the call center's `resolvePrice` decides.
 */
import { describe, expect, it } from 'vitest';
import { applySourceCode, type AppliedSourceCode } from '../../../engine/domain/call-center/catalog.ts';
import { resolvePrice } from '../../../engine/domain/call-center/pricing.ts';
import { checkTradeAgreement, resolveSalesPrice, type CallCenterPricing, type PriceRequest, type TradePricing } from '../../../engine/domain/sales/prices.ts';
import { isViolation } from '../../../engine/domain/violation.ts';
import { callCenter, catalogStates, demoChain, JUNE_15 } from '../call-center/fixture.ts';
import { acmePricing, frozen, lightingCommitment, stoveCommitment, tentCommitment, tradeAgreements } from './agreement-fixture.ts';

const request = (productId: string, quantity = 1, change: Partial<PriceRequest> = {}): PriceRequest => frozen({ productId, quantity, on: '2027-08-02', agreement: null, ...change });
const agreed = (commitment: typeof tentCommitment) => ({ agreementId: 'SA-000001', commitment });

function priced(pricing: TradePricing | CallCenterPricing, wanted: PriceRequest) {
  const result = resolveSalesPrice(pricing, wanted);
  if (isViolation(result)) throw new Error(result.message);
  return result;
}

describe('SM-15 headquarters prices', () => {
  it('SM-15 the customer\'s trade agreement comes before the price group\'s, which comes before the base price', () => {
    expect(priced(acmePricing, request('P-TENT'))).toEqual({ unitPrice: 16000, discount: 0, source: 'customerTradeAgreement', why: 'customer C-ACME price' });
    expect(priced({ ...acmePricing, customerAccount: 'C-BETA' }, request('P-TENT'))).toEqual({ unitPrice: 17000, discount: 0, source: 'priceGroupTradeAgreement', why: 'price group WHOLESALE price' });
    expect(priced({ ...acmePricing, customerAccount: 'C-BETA', priceGroupId: null }, request('P-TENT'))).toEqual({ unitPrice: 19999, discount: 0, source: 'basePrice', why: 'base price' });
    expect(priced(acmePricing, request('P-SOCKS'))).toMatchObject({ unitPrice: 1299, source: 'basePrice' });
  });

  it('SM-15 a quantity break applies from its quantity up (a return reads the quantity without its sign)', () => {
    expect(priced(acmePricing, request('P-LAMP', 9)).unitPrice).toBe(2000);
    expect(priced(acmePricing, request('P-LAMP', 10)).unitPrice).toBe(1800);
    expect(priced(acmePricing, request('P-LAMP', -12)).unitPrice).toBe(1800);
  });

  it('SM-15 a trade agreement outside its dates, in another currency or for another customer is passed over', () => {
    // The stove's wholesale price ran until 2027-06-30 (both days included).
    expect(priced(acmePricing, request('P-STOVE', 1, { on: '2027-06-30' })).unitPrice).toBe(7000);
    expect(priced(acmePricing, request('P-STOVE', 1, { on: '2027-07-01' }))).toMatchObject({ unitPrice: 8950, source: 'basePrice' });
    expect(priced(acmePricing, request('P-STOVE', 1, { on: '2026-12-31' })).unitPrice).toBe(8950);
    // C-OTHER's price and the EUR price of the headlamp are not Acme's.
    expect(priced(acmePricing, request('P-HEADLAMP'))).toMatchObject({ unitPrice: 3299, source: 'basePrice' });
  });

  it('SM-15 a linked sales agreement comes first: its unit price and its discount, rounded half away from zero', () => {
    expect(priced(acmePricing, request('P-TENT', 10, { agreement: agreed(tentCommitment) }))).toEqual({ unitPrice: 15000, discount: 7500, source: 'agreement', why: 'agreement SA-000001 price' });
    // 5% of 3 x 150.01 = 22.5015 -> 22.50; of -3 x 150.01 (a return) -> -22.50.
    const odd = { ...tentCommitment, unitPrice: 15001 };
    expect(priced(acmePricing, request('P-TENT', 3, { agreement: agreed(odd) })).discount).toBe(2250);
    expect(priced(acmePricing, request('P-TENT', -3, { agreement: agreed(odd) })).discount).toBe(-2250);
    expect(priced(acmePricing, request('P-STOVE', 2, { agreement: agreed(stoveCommitment) }))).toMatchObject({ unitPrice: 8000, discount: 0, source: 'agreement' });
  });

  it('SM-15 an agreement without a unit price keeps the trade price and gives its discount', () => {
    expect(priced(acmePricing, request('P-LAMP', 10, { agreement: agreed(lightingCommitment) }))).toEqual({
      unitPrice: 1800, discount: 1800, source: 'priceGroupTradeAgreement', why: 'price group WHOLESALE price, agreement SA-000001 discount',
    });
  });

  it('SM-15 an unknown item or a zero quantity is refused, naming the field', () => {
    expect(resolveSalesPrice(acmePricing, request('P-NOPE'))).toMatchObject({ rule: 'NOT_FOUND', field: 'productId' });
    expect(resolveSalesPrice(acmePricing, request('P-TENT', 0))).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    expect(resolveSalesPrice(acmePricing, request('P-TENT', Number.NaN))).toMatchObject({ field: 'quantity' });
  });
});

describe('SM-15 trade agreements as master data', () => {
  it('SM-15 the fixture\'s trade agreements are whole, open-ended ones included', () => {
    expect(tradeAgreements.map(checkTradeAgreement)).toEqual(tradeAgreements.map(() => null));
  });

  it.each([
    ['no customer', { party: { kind: 'customer', customerAccount: '' } }, 'SM-15', 'party'],
    ['no price group', { party: { kind: 'priceGroup' } }, 'SM-15', 'party'],
    ['no product', { productId: ' ' }, 'VALIDATION', 'productId'],
    ['an unreadable currency', { currency: 'usd' }, 'VALIDATION', 'currency'],
    ['a price in parts of a cent', { unitPrice: 10.5 }, 'VALIDATION', 'unitPrice'],
    ['a quantity break below 1', { fromQuantity: 0 }, 'VALIDATION', 'fromQuantity'],
    ['an effective date that is no date', { effective: '2027-13-01' }, 'VALIDATION', 'effective'],
    ['an expiration before the effective date', { effective: '2027-07-01', expiration: '2027-06-30' }, 'SM-15', 'expiration'],
  ] as const)('SM-15 refuses a trade agreement with %s, naming the field', (_what, change, rule, field) => {
    expect(checkTradeAgreement({ ...tradeAgreements[0]!, ...change } as never)).toMatchObject({ rule, field });
  });
});

describe('SM-15 call-center prices (CC-5)', () => {
  const center = callCenter();
  const products = demoChain().products as { id: string; price: number }[];
  const basePrices = Object.fromEntries(products.map((p) => [p.id, p.price]));
  const summer = applySourceCode(catalogStates(center), 'SUM27', JUNE_15) as AppliedSourceCode;
  const pricing = (sourceCode: AppliedSourceCode | null): CallCenterPricing => ({ kind: 'callCenter', center, sourceCode, basePrices });

  it('SM-15 without an agreement, the sales price is exactly the call center\'s CC-5 price, for every item, with and without a source code', () => {
    const sources = { catalog: 'sourceCode', channel: 'channelPriceGroup', base: 'basePrice' } as const;
    for (const sourceCode of [null, summer]) {
      for (const product of products) {
        const cc = resolvePrice(center, product, sourceCode);
        expect(priced(pricing(sourceCode), request(product.id))).toEqual({ unitPrice: cc.unitPrice, discount: 0, source: sources[cc.source], why: cc.why });
      }
    }
    // The three levels all show up, so the comparison covers each.
    expect(new Set(products.map((p) => priced(pricing(summer), request(p.id)).source))).toEqual(new Set(['sourceCode', 'channelPriceGroup', 'basePrice']));
  });

  it('SM-15 a linked sales agreement comes before the source code\'s price too', () => {
    expect(priced(pricing(summer), request('P-TENT', 2, { agreement: agreed(tentCommitment) }))).toMatchObject({ unitPrice: 15000, discount: 1500, source: 'agreement' });
    // A discount-only commitment discounts the catalog price: 10% of 22.99.
    expect(priced(pricing(summer), request('P-LAMP', 1, { agreement: agreed(lightingCommitment) }))).toMatchObject({ unitPrice: 2299, discount: 230, source: 'sourceCode' });
  });
});
