/** CC-5 price resolution and CC-20 price control. */
import { describe, expect, it } from 'vitest';
import { applySourceCode, type AppliedSourceCode } from '../../../engine/domain/call-center/catalog.ts';
import {
  approvePriceChangeRequest, decidePriceChange, rejectPriceChangeRequest, resolvePrice, type PriceChange, type PriceChangeRequest,
} from '../../../engine/domain/call-center/pricing.ts';
import { callCenter, catalogStates, demoChain, JUNE_15 } from './fixture.ts';

const center = callCenter();
const product = (id: string) => demoChain().products.find((p) => p.id === id)!;
const summer = applySourceCode(catalogStates(center), 'SUM27', JUNE_15) as AppliedSourceCode;

describe('call-center prices', () => {
  it('CC-5 an item of the source code\'s catalog sells at the first catalog price group that prices it', () => {
    expect(resolvePrice(center, product('P-TENT'), summer)).toEqual({ productId: 'P-TENT', unitPrice: 17999, source: 'catalog', priceGroupId: 'SUMMER', why: 'catalog Summer Camping price' });
    // P-LAMP is in both catalog groups: the first listed wins.
    expect(resolvePrice(center, product('P-LAMP'), summer)).toMatchObject({ unitPrice: 2299, priceGroupId: 'SUMMER' });
    expect(resolvePrice(center, product('P-STOVE'), summer)).toMatchObject({ unitPrice: 7500, source: 'catalog', priceGroupId: 'SUMMER-CLEARANCE' });
  });

  it('CC-5 an item outside the catalog sells at the channel\'s price group price, else at its base price, saying why', () => {
    expect(resolvePrice(center, product('P-SOCKS'), summer)).toEqual({ productId: 'P-SOCKS', unitPrice: 1199, source: 'channel', priceGroupId: 'PHONE', why: 'Outdoor phone sales price (not in catalog Summer Camping)' });
    expect(resolvePrice(center, product('P-BOOTS'), summer)).toEqual({ productId: 'P-BOOTS', unitPrice: 17900, source: 'base', priceGroupId: null, why: 'base price (not in catalog Summer Camping)' });
  });

  it('CC-5 without a source code: the channel\'s price group, else the base price; without a channel group: base', () => {
    expect(resolvePrice(center, product('P-TENT'), null)).toMatchObject({ unitPrice: 18999, source: 'channel', why: 'Outdoor phone sales price' });
    expect(resolvePrice(center, product('P-HEADLAMP'), null)).toMatchObject({ unitPrice: 3299, source: 'base', why: 'base price' });
    const noGroup = callCenter((c) => { delete c.priceGroupId; });
    expect(resolvePrice(noGroup, product('P-TENT'), null)).toMatchObject({ unitPrice: 19999, source: 'base' });
  });

  const change = (operatorId: string, requestedPrice: number, systemPrice = 2000): PriceChange =>
    ({ operatorId, orderId: 'CC-000001', lineId: 'L1', productId: 'P-LAMP', systemPrice, requestedPrice, requestId: 'PCR-1', reason: 'scratched box', at: JUNE_15 });

  it('CC-20 an authorised user changes a unit price within +/- the group\'s tolerance of the system price', () => {
    // Senior agents: 10% of 20.00 = 2.00 either side.
    expect(decidePriceChange(center, change('lead1', 1800), 'USD')).toEqual({ outcome: 'applied', unitPrice: 1800 });
    expect(decidePriceChange(center, change('lead1', 2200), 'USD')).toEqual({ outcome: 'applied', unitPrice: 2200 });
  });

  it('CC-20 beyond the tolerance the change is refused and the price stays, the limits in words', () => {
    const decision = decidePriceChange(center, change('lead1', 1799), 'USD');
    expect(decision).toEqual({ outcome: 'refused', violation: {
      rule: 'CC-20', field: 'unitPrice', message: 'You may set this price between $18.00 and $22.00 (10% either side of $20.00), not $17.99',
      amounts: { systemPrice: 2000, requestedPrice: 1799, low: 1800, high: 2200 },
    } });
    expect(decidePriceChange(center, change('lead1', 2201), 'USD').outcome).toBe('refused');
  });

  it('CC-20 a user who is not authorised files a price change request; the price stays until it is approved', () => {
    const decision = decidePriceChange(center, change('cashier2', 1500), 'USD');
    expect(decision).toEqual({ outcome: 'request-filed', request: {
      requestId: 'PCR-1', orderId: 'CC-000001', lineId: 'L1', productId: 'P-LAMP', requestedBy: 'cashier2', requestedAt: JUNE_15, systemPrice: 2000,
      requestedPrice: 1500, reason: 'scratched box', status: 'pending', decidedBy: null, decidedAt: null, rejection: null,
    } });
  });

  it('CC-20 price control off: the change applies (no CC-20 check)', () => {
    const off = callCenter((c) => { c.priceControl = false; });
    expect(decidePriceChange(off, change('cashier2', 1, 2000), 'USD')).toEqual({ outcome: 'applied', unitPrice: 1 });
  });

  describe('price change requests', () => {
    const filed = () => (decidePriceChange(center, change('cashier2', 1600), 'USD') as { request: PriceChangeRequest }).request;

    it('CC-20 a supervisor approves a request within their own tolerance; it is then decided', () => {
      const approved = approvePriceChangeRequest(center, filed(), 'manager1', JUNE_15 + 60_000, 'USD');
      expect(approved).toMatchObject({ status: 'approved', decidedBy: 'manager1', decidedAt: JUNE_15 + 60_000, requestedPrice: 1600 });
      expect(approvePriceChangeRequest(center, approved as PriceChangeRequest, 'manager1', JUNE_15, 'USD')).toMatchObject({ rule: 'CC-20', message: 'the price change request PCR-1 was already approved' });
      expect(rejectPriceChangeRequest(center, approved as PriceChangeRequest, 'manager1', JUNE_15, 'no')).toMatchObject({ rule: 'CC-20', field: 'requestId' });
    });

    it('CC-20 beyond the approver\'s tolerance, or by someone who does not approve requests, approval is refused', () => {
      const far = (decidePriceChange(center, change('cashier2', 1400), 'USD') as { request: PriceChangeRequest }).request;
      expect(approvePriceChangeRequest(center, far, 'manager1', JUNE_15, 'USD')).toMatchObject({ rule: 'CC-20', field: 'unitPrice', message: 'You may set this price between $15.00 and $25.00 (25% either side of $20.00), not $14.00' });
      expect(approvePriceChangeRequest(center, filed(), 'lead1', JUNE_15, 'USD')).toEqual({ rule: 'CC-20', field: 'operatorId', message: 'You may not decide price change requests: ask a member of supervisors' });
      expect(approvePriceChangeRequest(center, filed(), 'cashier2', JUNE_15, 'USD')).toMatchObject({ rule: 'CC-20', field: 'operatorId' });
    });

    it('CC-20 nobody decides their own request', () => {
      const own = { ...filed(), requestedBy: 'manager1' };
      expect(approvePriceChangeRequest(center, own, 'manager1', JUNE_15, 'USD')).toEqual({ rule: 'CC-20', field: 'operatorId', message: 'You may not decide your own price change request' });
    });

    it('CC-20 a rejection says why; the line keeps its price', () => {
      expect(rejectPriceChangeRequest(center, filed(), 'manager1', JUNE_15, '  ')).toEqual({ rule: 'CC-20', field: 'rejection', message: 'say why the price change is rejected' });
      expect(rejectPriceChangeRequest(center, filed(), 'manager1', JUNE_15, ' not damaged ')).toMatchObject({ status: 'rejected', decidedBy: 'manager1', rejection: 'not damaged' });
    });
  });
});
