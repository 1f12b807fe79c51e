/** End-of-day arithmetic: expected per tender method (cash with the float), counted, over/short, net takings. */
import { describe, expect, it } from 'vitest';
import { emptyTotals, expectedTenders, openShift, shiftReport, type Shift } from '../../engine/domain/shift.ts';

const where = { storeId: 'S1', registerId: 'R1' };

function shiftWith(tenders: Shift['totals']['tenders'], openingFloat = 10_000): Shift {
  return { ...openShift('SH-R1-000001', 'cashier1', 0, openingFloat), totals: { ...emptyTotals(), tenders } };
}

describe('shift arithmetic', () => {
  it('a new shift holds its float and nothing else', () => {
    const shift = openShift('SH-R1-000003', 'cashier1', 42, 7_500);
    expect(shift).toMatchObject({ shiftId: 'SH-R1-000003', openedAt: 42, openingFloat: 7_500 });
    expect(expectedTenders(shift)).toEqual({ cash: 7_500, card: 0, cardToken: 0 });
  });

  it('expected cash is the float plus net cash; other methods are what they took', () => {
    expect(expectedTenders(shiftWith({ cash: -2_000, card: 12_345, cardToken: 600 }))).toEqual({ cash: 8_000, card: 12_345, cardToken: 600 });
  });

  it('the X report counts nothing: no over/short', () => {
    const x = shiftReport('X', where, shiftWith({ cash: 5_000, card: 1_000, cardToken: 0 }), 99, null);
    expect(x).toMatchObject({ kind: 'X', at: 99, netTakings: 6_000, overShort: null });
    expect(x.tenders.every((t) => t.counted === null && t.overShort === null)).toBe(true);
  });

  it('the Z report: over/short per method counted and in total; a method not counted has none', () => {
    const z = shiftReport('Z', where, shiftWith({ cash: 5_000, card: 1_000, cardToken: 250 }), 100, { cash: 15_020, card: 900 });
    expect(z.tenders).toEqual([
      { method: 'cash', expected: 15_000, counted: 15_020, overShort: 20 },
      { method: 'card', expected: 1_000, counted: 900, overShort: -100 },
      { method: 'cardToken', expected: 250, counted: null, overShort: null },
    ]);
    expect(z.overShort).toBe(-80);
    expect(z.netTakings).toBe(6_250);
  });

  it('a Z report that balances has over/short 0; a blind close (no declaration) has none', () => {
    const shift = shiftWith({ cash: 1_299, card: 0, cardToken: 0 }, 0);
    expect(shiftReport('Z', where, shift, 1, { cash: 1_299, card: 0 }).overShort).toBe(0);
    expect(shiftReport('Z', where, shift, 1, null).overShort).toBeNull();
  });
});
