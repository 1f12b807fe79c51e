import { describe, expect, it } from 'vitest';
import { availableUnits, locationAvailability } from '../../engine/domain/availability.ts';
import { newProgress } from '../../engine/domain/fulfillment.ts';

const onHand = (stock: Record<string, number>) => (productId: string) => stock[productId] ?? 0;

describe('CO-17 available quantity per location', () => {
  it('CO-17 available is on hand less the units open order lines will still pick; picked units already left on hand', () => {
    const open = { productId: 'P-TENT', progress: newProgress(3, 'pickup', false) };
    const partlyPicked = { productId: 'P-TENT', progress: { ...newProgress(2, 'ship', false), picked: 1 } };
    const other = { productId: 'P-SOCKS', progress: newProgress(9, 'ship', false) };
    const units = availableUnits(new Set(['P-TENT', 'P-LAMP']), onHand({ 'P-TENT': 10 }), [open, partlyPicked, other]);
    expect(Object.fromEntries(units)).toEqual({ 'P-TENT': 6, 'P-LAMP': 0 }); // 10 - 3 - 1; nothing of the lamp
  });

  it('CO-17 never shows less than zero, even when open lines exceed what is on hand', () => {
    const units = availableUnits(new Set(['P-TENT']), onHand({ 'P-TENT': 1 }), [{ productId: 'P-TENT', progress: newProgress(5, 'pickup', false) }]);
    expect(units.get('P-TENT')).toBe(0);
  });

  it('CO-17 a location is short when it cannot cover a line; lines of one product count together', () => {
    const available = new Map([['P-TENT', 3], ['P-LAMP', 1]]);
    const enough = locationAvailability('S1', [{ lineId: 'L1', productId: 'P-TENT', quantity: 3 }], available);
    expect(enough).toMatchObject({ locationId: 'S1', short: false, lines: [{ lineId: 'L1', available: 3, short: false }] });
    const together = locationAvailability('S1', [
      { lineId: 'L1', productId: 'P-TENT', quantity: 2 },
      { lineId: 'L2', productId: 'P-TENT', quantity: 2 },
      { lineId: 'L3', productId: 'P-LAMP', quantity: 1 },
    ], available);
    expect(together.short).toBe(true);
    expect(together.lines.map((l) => [l.lineId, l.available, l.short])).toEqual([['L1', 3, true], ['L2', 3, true], ['L3', 1, false]]);
  });
});
