import { describe, expect, it } from 'vitest';
import { matchesPreset, matchesSearch, matchesValue, type SearchableOrder } from '../../engine/domain/order-search.ts';

const order: SearchableOrder = {
  orderId: 'CO-000007', channelReference: 'S1-T-R1-000012', receiptIds: ['T-R1-000012', 'INV-000003'], storeId: 'S1', customerId: 'C-ANNA',
  customerName: 'Anna Berg', createdAt: Date.UTC(2026, 10, 23, 10), headerStatus: 'PartiallyInvoiced',
  lines: [
    { kind: 'pickup', locationId: 'S1', open: 0, uninvoiced: 1 },
    { kind: 'ship', locationId: 'W1', open: 2, uninvoiced: 2 },
  ],
};

describe('CO-13 order search matching', () => {
  it('CO-13 a scanned or typed value matches order number, channel reference or a receipt id exactly, case and spaces ignored', () => {
    for (const value of ['CO-000007', ' co-000007 ', 'S1-T-R1-000012', 'T-R1-000012', 'inv-000003']) expect(matchesValue(order, value), value).toBe(true);
    for (const value of ['CO-00000', '000007', 'T-R1', '']) expect(matchesValue(order, value), value).toBe(false);
  });

  it('CO-13 filters: customer (name or account, any part), dates (from inclusive, to exclusive), status, store', () => {
    expect(matchesSearch(order, { customer: 'berg' }, 'S1')).toBe(true);
    expect(matchesSearch(order, { customer: 'Olsen' }, 'S1')).toBe(false);
    expect(matchesSearch(order, { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 24) }, 'S1')).toBe(true);
    expect(matchesSearch(order, { to: Date.UTC(2026, 10, 23, 10) }, 'S1')).toBe(false);
    expect(matchesSearch(order, { status: 'Open' }, 'S1')).toBe(false);
    expect(matchesSearch(order, { storeId: 'S2' }, 'S1')).toBe(false);
    expect(matchesSearch(order, { value: 'CO-000007', status: 'PartiallyInvoiced', storeId: 'S1' }, 'S1')).toBe(true);
  });

  it('CO-13 presets: to fulfil (open lines here), to pick up here (uninvoiced pickup lines), to ship here', () => {
    expect(matchesPreset(order, 'toPickUp', 'S1')).toBe(true);
    expect(matchesPreset(order, 'toFulfil', 'S1')).toBe(false); // picked already: nothing open
    expect(matchesPreset(order, 'toFulfil', 'W1')).toBe(true);
    expect(matchesPreset(order, 'toShipHere', 'W1')).toBe(true);
    expect(matchesPreset(order, 'toShipHere', 'S1')).toBe(false);
  });
});
