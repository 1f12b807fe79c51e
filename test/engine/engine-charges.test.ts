/** Engine-level charges (CH-1..CH-5), through executeNow only. */
import { describe, expect, it } from 'vitest';
import {
  FREIGHT_KEY, cart, cartLine, due, newEngine, ok, openShift, refused, startSale, tenderDue,
} from './engine-helpers.ts';

const charges = (e: ReturnType<typeof newEngine>, registerId = 'R1') =>
  cart(e, registerId).charges.map((c) => ({ key: c.key, amount: c.amount, overridden: c.overridden }));

describe('CH-1 manual shipping charge', () => {
  it('CH-1 without advanced auto charges nothing is added; the cashier enters the shipping charge by hand and it is invoiced', () => {
    const e = newEngine((c) => { c.parameters.useAdvancedAutoCharges = false; });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(cart(e, 'R1').charges).toEqual([]);
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'FREIGHT', amount: 700 });
    expect(cart(e, 'R1').charges).toEqual([{ key: 'H:FREIGHT:manual', level: 'header', chargeCode: 'FREIGHT', amount: 700, source: 'manual', overridden: false }]);
    // Other manual charges are still a charge override.
    expect(refused(e, { type: 'register.addCharge', registerId: 'R1', level: 'line', lineId: lamp!, chargeCode: 'GIFTWRAP', amount: 300 })).toMatchObject({ rule: 'CH-4', field: 'operatorId' });
    expect(e.registerView('R1').totals).toMatchObject({ net: 2499, tax: 250, charges: 700, total: 3449 });
    expect(due(e, 'R1')).toBe(345); // 3449 x 10% = 344.9 -> 345
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: lamp!, quantity: 1 }] });
    const order = e.orderView('CO-000001');
    expect(order.invoices).toEqual([{ invoiceId: 'INV-000001', kind: 'ship', headerCharges: 700, total: 3449, lines: [{ lineId: lamp, quantity: 1, net: 2499, tax: 250, charges: 0 }] }]);
    expect(order.payments.at(-1)).toMatchObject({ kind: 'capture', amount: 3104 }); // 3449 - 345
  });

  it('CH-1 with advanced auto charges on, a cashier cannot add the shipping charge by hand (CH-4, field operatorId)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(refused(e, { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'FREIGHT', amount: 700 })).toMatchObject({ rule: 'CH-4', field: 'operatorId' });
    expect(refused(e, { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'NOPE', amount: 700, approverId: 'manager1' })).toMatchObject({ rule: 'NOT_FOUND', field: 'chargeCode' });
  });

  it('CH-1 a manual shipping charge stays on the order when it is recalled for edit', () => {
    const e = newEngine((c) => { c.parameters.useAdvancedAutoCharges = false; });
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.addCharge', registerId: 'R1', level: 'header', chargeCode: 'FREIGHT', amount: 700 });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' }); // 345 deposit on 3449
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(charges(e)).toEqual([{ key: 'H:FREIGHT:manual', amount: 700, overridden: false }]);
    expect(due(e, 'R1')).toBe(0);
    tenderDue(e, 'R1', { method: 'card' });
    expect(e.orderView('CO-000001').totals.total).toBe(3449);
  });
});

describe('CH-2 / CH-3 auto charges', () => {
  it('CH-2 the FREIGHT header auto charge (AC-GROUND) applies to an all-STD order under 100.00', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    expect(cart(e, 'R1').charges).toEqual([]); // carry-out: CARRY has no charge group
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(cart(e, 'R1').charges).toEqual([{ key: FREIGHT_KEY, level: 'header', chargeCode: 'FREIGHT', amount: 995, source: 'auto', autoChargeId: 'AC-GROUND', overridden: false }]);
    expect(e.registerView('R1').totals).toMatchObject({ net: 4998, tax: 500, charges: 995, total: 6493 });
  });

  it('CH-2 tiers are From inclusive, To exclusive: 99.99 pays 995, exactly 100.00 pays nothing', () => {
    const e = newEngine();
    openShift(e, 'R1', 'manager1'); // manager may override prices
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', unitPrice: 9999 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    ok(e, { type: 'register.void', registerId: 'R1' });
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', unitPrice: 10_000 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([]);
    ok(e, { type: 'register.void', registerId: 'R1' });
    // Quantity counts: 4 x 2499 = 9996 < 10000 -> charged; 5 x 2499 = 12495 -> free.
    const { lineIds: [lamp] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 4 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: lamp!, quantity: 5 });
    expect(charges(e)).toEqual([]);
  });

  it('CH-2 line-level auto charges match by account and item (percent of the line value)', () => {
    const e = newEngine((c) => {
      c.autoCharges.push({
        id: 'AC-ACME-STOVE', level: 'line', account: { code: 'table', relation: 'C-ACME' }, delivery: { code: 'all' },
        item: { code: 'table', relation: 'P-STOVE' },
        tiers: [{ chargeCode: 'GIFTWRAP', currency: 'USD', category: 'percent', value: 500, from: 0, to: null }],
      });
    });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [stove] } = startSale(e, 'R1', 'C-ACME', [{ productId: 'P-STOVE' }, { productId: 'P-LAMP' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    // 8950 x 5% = 447.5 -> 448 (half away from zero), on the stove line only
    expect(charges(e)).toEqual([{ key: `L:${stove}:GIFTWRAP:AC-ACME-STOVE`, amount: 448, overridden: false }]);
    expect(cartLine(e, 'R1', stove!).lineId).toBe(stove);
    ok(e, { type: 'register.void', registerId: 'R1' });
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-STOVE' }]);
    ok(e, { type: 'register.pickupAll', registerId: 'R1' });
    expect(charges(e)).toEqual([]);
  });

  it('CH-3 the header charge applies only when all lines share one mode: not to STD + EXP, STD + pickup, STD + carry-out', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [, socks] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }, { productId: 'P-SOCKS' }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    ok(e, { type: 'register.changeModeOfDelivery', registerId: 'R1', lineIds: [socks!], modeCode: 'EXP' });
    expect(charges(e)).toEqual([]);
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [socks!] });
    expect(charges(e)).toEqual([]);
    ok(e, { type: 'register.carryOutSelected', registerId: 'R1', lineIds: [socks!] });
    expect(charges(e)).toEqual([]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'EXP' }); // AIR group: AC-GROUND does not match
    expect(charges(e)).toEqual([]);
  });
});

describe('CH-4 overrides', () => {
  it('CH-4 a manager override of the header charge survives adding a line', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(refused(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 500, reasonCode: 'GOODWILL' })).toMatchObject({ rule: 'CH-4', field: 'operatorId' });
    expect(refused(e, { type: 'register.overrideCharge', registerId: 'R1', key: 'H:NOPE:x', amount: 500, reasonCode: 'GOODWILL', approverId: 'manager1' })).toMatchObject({ rule: 'NOT_FOUND', field: 'key' });
    expect(refused(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 500, approverId: 'manager1' })).toMatchObject({ rule: 'VALIDATION', field: 'reasonCode' });
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 500, reasonCode: 'GOODWILL', approverId: 'manager1' });
    expect(cart(e, 'R1').charges).toEqual([expect.objectContaining({ key: FREIGHT_KEY, amount: 500, overridden: true, reasonCode: 'GOODWILL' })]);
    ok(e, { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 }); // carry-out: modes now mixed
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 500, overridden: true }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 500, overridden: true }]);
    // 4998 + 1299 = 6297 net; tax 500 + 130 = 630; charge 500 -> 7427; deposit 742.7 -> 743
    expect(e.registerView('R1').totals).toMatchObject({ net: 6297, tax: 630, charges: 500, total: 7427 });
    expect(due(e, 'R1')).toBe(743);
  });

  it('CH-4 an overridden charge stays on the order when it is recalled for edit (until Recalculate)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 500, reasonCode: 'GOODWILL', approverId: 'manager1' });
    expect(due(e, 'R1')).toBe(600); // 4998 + 500 + 500 = 5998 x 10% = 599.8 -> 600
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    expect(e.orderView('CO-000001').charges).toEqual([expect.objectContaining({ key: FREIGHT_KEY, amount: 500, overridden: true })]);
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 500, overridden: true }]);
    expect(due(e, 'R1')).toBe(0);
  });

  it('CH-4 Recalculate resets overrides to the auto charge (in an order recalled for edit)', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    tenderDue(e, 'R1', { cardToken: 'tok_anna' }); // 6493 x 10% -> 649
    ok(e, { type: 'register.recallOrder', registerId: 'R1', orderId: 'CO-000001', purpose: 'edit' });
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 300, reasonCode: 'GOODWILL', approverId: 'manager1' });
    ok(e, { type: 'register.setQuantity', registerId: 'R1', lineId: 'T-R1-000001-1', quantity: 3 });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 300, overridden: true }]);
    ok(e, { type: 'register.recalculate', registerId: 'R1' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    // 3 x 2499 = 7497 + 750 tax + 995 = 9242 -> 924.2 -> 924 deposit, 649 paid -> 275
    expect(due(e, 'R1')).toBe(275);
    tenderDue(e, 'R1', { method: 'card' });
    expect(e.orderView('CO-000001').totals).toMatchObject({ net: 7497, tax: 750, charges: 995, total: 9242 });
  });

  it('CH-4 Recalculate resets an override in a new sale too, not only in an edit', () => {
    const e = newEngine();
    openShift(e, 'R1', 'cashier1');
    startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP', quantity: 2 }]);
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    ok(e, { type: 'register.overrideCharge', registerId: 'R1', key: FREIGHT_KEY, amount: 300, reasonCode: 'GOODWILL', approverId: 'manager1' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 300, overridden: true }]);
    ok(e, { type: 'register.recalculate', registerId: 'R1' });
    expect(charges(e)).toEqual([{ key: FREIGHT_KEY, amount: 995, overridden: false }]);
    expect(e.registerView('R1').state).toEqual({ transaction: 'sale' });
  });
});

describe('CH-5 proration', () => {
  it('CH-5 with prorateHeaderCharges the charge is split over the STD lines by value, remainder to the last; shares are invoiced per line', () => {
    const e = newEngine((c) => { c.parameters.prorateHeaderCharges = true; });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp, socks, tent] } = startSale(e, 'R1', 'C-ANNA', [
      { productId: 'P-LAMP' }, { productId: 'P-SOCKS', quantity: 2 }, { productId: 'P-TENT' },
    ]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [lamp!, socks!] });
    ok(e, { type: 'register.pickupSelected', registerId: 'R1', lineIds: [tent!] });
    // STD group value 2499 + 2598 = 5097 < 10000 -> 995; lamp 995 x 2499 / 5097 = 487.84 -> 488; socks 995 - 488 = 507
    expect(charges(e)).toEqual([
      { key: `P:${lamp}:FREIGHT:AC-GROUND`, amount: 488, overridden: false },
      { key: `P:${socks}:FREIGHT:AC-GROUND`, amount: 507, overridden: false },
    ]);
    expect(cart(e, 'R1').charges.every((c) => c.level === 'line')).toBe(true);
    // net 2499 + 2598 + 19999 = 25096; tax 250 + 260 + 2000 = 2510; charges 995 -> 28601; deposit 2860.1 -> 2860
    expect(e.registerView('R1').totals).toMatchObject({ net: 25_096, tax: 2510, charges: 995, total: 28_601 });
    expect(due(e, 'R1')).toBe(2860);
    tenderDue(e, 'R1', { cardToken: 'tok_anna' });
    ok(e, { type: 'fulfillment.ship', locationId: 'W1', operatorId: 'manager1', orderId: 'CO-000001', lines: [{ lineId: lamp!, quantity: 1 }, { lineId: socks!, quantity: 2 }] });
    const invoice = e.orderView('CO-000001').invoices[0]!;
    expect(invoice).toEqual({
      invoiceId: 'INV-000001', kind: 'ship', headerCharges: 0, total: 6602, // 3237 + 3365
      lines: [
        { lineId: lamp, quantity: 1, net: 2499, tax: 250, charges: 488 },
        { lineId: socks, quantity: 2, net: 2598, tax: 260, charges: 507 },
      ],
    });
    expect(e.orderView('CO-000001').payments.at(-1)).toMatchObject({ kind: 'capture', amount: 3742 }); // 6602 - 2860
  });

  it('CH-5 each mode group is tiered on its own value: the STD group is charged even when other lines ship EXP', () => {
    const e = newEngine((c) => { c.parameters.prorateHeaderCharges = true; });
    openShift(e, 'R1', 'cashier1');
    const { lineIds: [lamp, tent] } = startSale(e, 'R1', 'C-ANNA', [{ productId: 'P-LAMP' }, { productId: 'P-TENT' }]);
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'STD', lineIds: [lamp!] });
    ok(e, { type: 'register.shipSelected', registerId: 'R1', modeCode: 'EXP', lineIds: [tent!] });
    expect(charges(e)).toEqual([{ key: `P:${lamp}:FREIGHT:AC-GROUND`, amount: 995, overridden: false }]);
    // Both STD: group value 22498 >= 10000 -> no charge at all.
    ok(e, { type: 'register.shipAll', registerId: 'R1', modeCode: 'STD' });
    expect(charges(e)).toEqual([]);
  });
});
