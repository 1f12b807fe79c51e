/** CH-4 reason codes: a manual charge or an override gives one the chain lists (when it lists any). */
import { describe, expect, it } from 'vitest';
import { FREIGHT_KEY, newEngine, ok, openShift, refused, startSale } from './engine-helpers.ts';

function shipSaleWithReasons(codes: string[]) {
  const e = newEngine((c) => { c.parameters.chargeReasonCodes = codes; });
  openShift(e, 'R1', 'cashier1');
  const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 1 }]);
  ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
  return { e, lamp: lamp! };
}

describe('CH-4 charge reason codes', () => {
  it('CH-4 an override or a manual line charge with a reason the chain does not list is refused, naming reasonCode; nothing changes', () => {
    const { e, lamp } = shipSaleWithReasons(['GOODWILL', 'PRICE_MATCH']);
    const before = JSON.stringify(e.exportState());
    expect(refused(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 0, reasonCode: 'BECAUSE', approverId: 'manager1' })).toMatchObject({ rule: 'CH-4', field: 'reasonCode' });
    expect(refused(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: lamp, chargeCode: 'GIFTWRAP', amount: 300, reasonCode: 'BECAUSE', approverId: 'manager1' })).toMatchObject({ rule: 'CH-4', field: 'reasonCode' });
    expect(JSON.stringify(e.exportState())).toBe(before);
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 0, reasonCode: 'GOODWILL', approverId: 'manager1' });
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: lamp, chargeCode: 'GIFTWRAP', amount: 300, reasonCode: 'PRICE_MATCH', approverId: 'manager1' });
    const charges = e.registerView('R1').transaction!.cart.charges;
    expect(charges.find((c) => c.key === FREIGHT_KEY)).toMatchObject({ amount: 0, reasonCode: 'GOODWILL', overridden: true });
    expect(charges.find((c) => c.lineId === lamp)).toMatchObject({ chargeCode: 'GIFTWRAP', amount: 300, reasonCode: 'PRICE_MATCH' });
  });

  it('CH-4 with no reason codes listed any reason is taken (the default)', () => {
    const { e } = shipSaleWithReasons([]);
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 100, reasonCode: 'ANYTHING', approverId: 'manager1' });
  });
});
