/**
 * What one sale may hold (engine/domain/limits.ts) and whether a store sells below its count (ST-3 negativeOnHand):
 * a till's typo or a hostile client is refused with a plain answer, and nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, MAX_LINE_QUANTITY, MAX_LINES } from '../../engine/domain/limits.ts';
import { cart, due, newEngine, ok, onHand, openShift, PRICE, refused, startSale, tenderDue } from './engine-helpers.ts';

describe('limits of a sale', () => {
  it('a line holds at most 9,999 units, named in the refusal (quantity 2^53-1 and a million stoves are refused)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    for (const quantity of [Number.MAX_SAFE_INTEGER, 1_000_000, MAX_LINE_QUANTITY + 1]) {
      expect(refused(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-STOVE', quantity })).toMatchObject({ rule: 'VALIDATION', field: 'quantity', message: expect.stringContaining('9,999') });
    }
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-STOVE', quantity: MAX_LINE_QUANTITY });
    expect(refused(e, { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: MAX_LINE_QUANTITY + 1 })).toMatchObject({ field: 'quantity' });
  });

  it('an amount beyond what one amount may hold is refused wherever a command carries one', () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1');
    startSale(e, 'R1', null, [{ productId: 'P-LAMP' }]);
    for (const command of [
      { type: 'register.addItem', registerId: 'R1', productId: 'P-LAMP', quantity: 1, unitPrice: MAX_AMOUNT + 1 },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: MAX_AMOUNT + 1 },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: -MAX_AMOUNT - 1 },
      { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'GIFTWRAP', amount: 2 ** 53 },
    ]) expect(refused(e, command)).toMatchObject({ rule: 'VALIDATION', field: 'amount' in command ? 'amount' : 'unitPrice' });
  });

  it("a line's amount (quantity x unit price) is at most MAX_AMOUNT, when added and when its quantity changes", () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1');
    const unitPrice = Math.floor(MAX_AMOUNT / 100);
    expect(refused(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 101, unitPrice })).toMatchObject({ rule: 'LIMIT', field: 'quantity' });
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-TENT', quantity: 100, unitPrice });
    expect(refused(e, { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 101 })).toMatchObject({ rule: 'LIMIT', field: 'quantity' });
    // The largest sale there can be still adds up exactly (integers below 2^53 throughout).
    expect(Number.isSafeInteger(due(e, 'R1'))).toBe(true);
  });

  it(`a transaction holds at most ${MAX_LINES} lines`, () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1');
    // Each line at its own price, so a line is not raised by the next add (CO-2).
    for (let n = 0; n < MAX_LINES; n++) ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1, unitPrice: n });
    expect(refused(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1, unitPrice: MAX_LINES })).toMatchObject({ rule: 'LIMIT', field: 'productId' });
    expect(cart(e, 'R1').lines).toHaveLength(MAX_LINES);
  });
});

describe('ST-3 negative on hand, per store', () => {
  const refusing = () => newEngine((config) => { config.stores.find((s) => s.id === 'S1')!.negativeOnHand = 'refuse'; });

  it('ST-3 a store that allows it (the default) sells below its count', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', null, [{ productId: 'P-STOVE', quantity: 60 }]);
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-STOVE')).toBe(-10);
  });

  it('ST-3 a store that refuses it refuses the tender, naming the product and what is on hand, and nothing changes', () => {
    const e = refusing();
    openShift(e, 'R1', 'cashier1');
    // 30 + 25 stoves on one line (the second add raises it, CO-2): 55 wanted, 50 on hand.
    startSale(e, 'R1', null, [{ productId: 'P-STOVE', quantity: 30 }, { productId: 'P-STOVE', quantity: 25 }]);
    expect(refused(e, { type: 'register.tender', registerId: 'R1', method: 'cash', amount: due(e, 'R1') })).toMatchObject({
      rule: 'ST-3', field: 'productId', message: expect.stringMatching(/50 .*on hand, 55 in this sale/),
    });
    expect(onHand(e, 'S1', 'P-STOVE')).toBe(50);
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 50 });
    tenderDue(e, 'R1');
    expect(onHand(e, 'S1', 'P-STOVE')).toBe(0);
  });

  it('ST-3 the setting is per store: S2 still sells below its count while S1 refuses', () => {
    const e = refusing();
    openShift(e, 'R3', 'cashier2');
    startSale(e, 'R3', null, [{ productId: 'P-LAMP', quantity: 51 }]);
    tenderDue(e, 'R3');
    expect(onHand(e, 'S2', 'P-LAMP')).toBe(-1);
    expect(PRICE.LAMP).toBe(2499);
  });
});
