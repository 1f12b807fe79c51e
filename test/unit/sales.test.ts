/** Line and order money (engine/domain/sales.ts): CO-4..CO-7, plus cart.checkDepositOverride (CO-7). */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../engine/domain/catalog.ts';
import type { AppliedCharge } from '../../engine/domain/charges.ts';
import type { DeliveryKind } from '../../engine/domain/config.ts';
import {
  addItem, cartAmountDue, checkDepositOverride, depositRateOf, emptyCart, setCustomer, type Cart,
} from '../../engine/domain/cart.ts';
import {
  amountDue, defaultDepositRate, headerChargeTotal, isCustomerOrder, lineAmounts, lineChargeTotal, lineNet, lineTax,
  orderTotals, type SalesLine,
} from '../../engine/domain/sales.ts';
import { DEMO_ADDRESSES, demoCatalog } from '../fixtures/chain.ts';
import { deliver } from '../fixtures/carts.ts';

const modeOf: Record<DeliveryKind, string> = { ship: 'STD', pickup: 'PICKUP', carryOut: 'CARRY' };

function salesLine(lineId: string, productId: string, quantity: number, unitPrice: number, kind: DeliveryKind, taxRate = 1000): SalesLine {
  return {
    lineId, productId, quantity, unitPrice, taxRate, priceLocked: false,
    delivery: kind === 'ship'
      ? { kind, modeCode: modeOf[kind], locationId: 'W1', address: { ...DEMO_ADDRESSES.annaHome } }
      : { kind, modeCode: modeOf[kind], locationId: 'S1' },
  };
}

function charge(key: string, level: 'header' | 'line', chargeCode: string, amount: number, lineId?: string): AppliedCharge {
  return { key, level, chargeCode, amount, source: 'manual', overridden: false, ...(lineId === undefined ? {} : { lineId }) };
}

/**
 * The hybrid order used below (all lines taxed 10%):
 *   L1 P-TENT  1 x 19999 ship     net 19999  tax 2000 (1999.9)  GIFTWRAP 253 -> 22252
 *   L2 P-LAMP  2 x  2499 pickup   net  4998  tax  500 (499.8)                 ->  5498
 *   L3 P-SOCKS 1 x  1299 carry    net  1299  tax  130 (129.9)                 ->  1429
 *   header FREIGHT 995
 * ordered = 22252 + 5498 + 995 = 28745; carry-out = 1429; total = 30174
 */
const hybridLines = [
  salesLine('L1', 'P-TENT', 1, 19_999, 'ship'),
  salesLine('L2', 'P-LAMP', 2, 2499, 'pickup'),
  salesLine('L3', 'P-SOCKS', 1, 1299, 'carryOut'),
];
const hybridCharges = [
  charge('H:FREIGHT:manual', 'header', 'FREIGHT', 995),
  charge('L:L1:GIFTWRAP:manual', 'line', 'GIFTWRAP', 253, 'L1'),
];


/**
 * Anna at S1 ships one P-LAMP by STD: net 2499, tax 250 (249.9), header FREIGHT 995 (order value < 10000)
 * -> ordered 3744; default deposit 10% = 374.4 -> 374.
 */
function annaShipCart(catalog: Catalog): Cart {
  let cart = setCustomer(catalog, emptyCart(catalog, 'S1'), 'C-ANNA');
  cart = addItem(catalog, cart, 'L1', 'P-LAMP', 1, undefined);
  return deliver(catalog, cart, ['L1'], { kind: 'ship', modeCode: 'STD' });
}

describe('line and order amounts', () => {
  it('CO-5 lineNet, lineTax and lineAmounts of a line', () => {
    const tent = hybridLines[0]!;
    expect(lineNet(tent)).toBe(19_999);
    expect(lineTax(tent)).toBe(2000); // 19999 x 10% = 1999.9 -> 2000
    expect(lineTax({ quantity: 3, unitPrice: 2490, taxRate: 725 })).toBe(542); // 7470 x 7.25% = 541.575 -> 542
    expect(lineChargeTotal(hybridCharges, 'L1')).toBe(253);
    expect(lineChargeTotal(hybridCharges, 'L2')).toBe(0);
    expect(lineAmounts(tent, hybridCharges)).toEqual({ net: 19_999, tax: 2000, charges: 253, total: 22_252 });
    expect(lineAmounts(hybridLines[1]!, hybridCharges)).toEqual({ net: 4998, tax: 500, charges: 0, total: 5498 });
  });

  it('CO-5 tax is computed on the whole line, not per unit', () => {
    // per unit: 2490 x 7.25% = 180.525 -> 181, x3 = 543; whole line: 541.575 -> 542
    expect(lineTax({ quantity: 3, unitPrice: 2490, taxRate: 725 })).toBe(542);
  });

  it('CO-5 orderTotals splits ordered (ship + pickup + header charges) from carry-out', () => {
    expect(headerChargeTotal(hybridCharges)).toBe(995);
    expect(orderTotals(hybridLines, hybridCharges)).toEqual({
      net: 26_296, // 19999 + 4998 + 1299
      tax: 2630, // 2000 + 500 + 130
      charges: 1248, // 253 + 995
      total: 30_174,
      orderedTotal: 28_745, // 22252 + 5498 + 995
      carryOutTotal: 1429, // 1299 + 130
    });
  });

  it('CO-5 a charge on a carry-out line is part of the carry-out total', () => {
    const charges = [charge('L:L3:GIFTWRAP:manual', 'line', 'GIFTWRAP', 100, 'L3')];
    const totals = orderTotals(hybridLines, charges);
    expect(totals.carryOutTotal).toBe(1529); // 1429 + 100
    expect(totals.orderedTotal).toBe(27_497); // (19999 + 2000) + (4998 + 500), no header charge here
  });

  it('CO-5 header charges of an all carry-out sale are paid with the carry-out lines', () => {
    const lines = [salesLine('L3', 'P-SOCKS', 1, 1299, 'carryOut')];
    const totals = orderTotals(lines, [charge('H:GIFTWRAP:manual', 'header', 'GIFTWRAP', 300)]);
    expect(totals.orderedTotal).toBe(0);
    expect(totals.carryOutTotal).toBe(1729); // 1299 + 130 + 300
    expect(totals.total).toBe(1729);
  });

  it('CO-5 an empty order totals 0', () => {
    expect(orderTotals([], [])).toEqual({ net: 0, tax: 0, charges: 0, total: 0, orderedTotal: 0, carryOutTotal: 0 });
  });
});

describe('CO-4 customer order or cash-and-carry', () => {
  it('CO-4 all carry-out lines are a cash-and-carry sale, any ship or pickup line makes a customer order', () => {
    expect(isCustomerOrder([])).toBe(false);
    expect(isCustomerOrder([hybridLines[2]!])).toBe(false);
    expect(isCustomerOrder([hybridLines[2]!, hybridLines[0]!])).toBe(true); // hybrid with a ship line
    expect(isCustomerOrder([hybridLines[2]!, hybridLines[1]!])).toBe(true); // hybrid with a pickup line
    expect(isCustomerOrder([hybridLines[1]!])).toBe(true);
  });
});

describe('CO-5 amount due', () => {
  it('CO-5 amount due is deposit % of ordered lines (incl. tax and charges) plus all carry-out', () => {
    const totals = orderTotals(hybridLines, hybridCharges);
    // deposit = 10% x 28745 = 2874.5 -> 2875 (half away from zero); due = 2875 + 1429
    expect(amountDue(totals, 1000, null)).toEqual({ deposit: 2875, carryOut: 1429, due: 4304 });
  });

  it('CO-5 a cash-and-carry sale is due in full, with no deposit', () => {
    const totals = orderTotals([hybridLines[2]!], []);
    expect(amountDue(totals, 1000, null)).toEqual({ deposit: 0, carryOut: 1429, due: 1429 });
  });

  it('CO-5 a 0% deposit leaves only the carry-out lines due', () => {
    const totals = orderTotals(hybridLines, hybridCharges);
    expect(amountDue(totals, 0, null)).toEqual({ deposit: 0, carryOut: 1429, due: 1429 });
  });

  it('CO-5 a 100% deposit makes the whole order due', () => {
    const totals = orderTotals(hybridLines, hybridCharges);
    expect(amountDue(totals, 10_000, null)).toEqual({ deposit: 28_745, carryOut: 1429, due: 30_174 });
  });
});

describe('CO-6 B2B deposit', () => {
  it('CO-6 a customer in a hierarchy has a 0% default deposit, others the parameter', () => {
    expect(defaultDepositRate(1000, { hierarchyId: 'H-ACME' })).toBe(0);
    expect(defaultDepositRate(1000, {})).toBe(1000);
    expect(defaultDepositRate(1000, { hierarchyId: undefined })).toBe(1000);
  });

  it('CO-6 the cart of a B2B customer owes no deposit, only its carry-out lines', () => {
    const catalog = demoCatalog();
    let cart = setCustomer(catalog, emptyCart(catalog, 'S1'), 'C-ACME');
    cart = addItem(catalog, cart, 'L1', 'P-LAMP', 1, undefined);
    cart = deliver(catalog, cart, ['L1'], { kind: 'ship', modeCode: 'STD' });
    cart = addItem(catalog, cart, 'L2', 'P-SOCKS', 1, undefined); // carry-out
    expect(depositRateOf(catalog, cart)).toBe(0);
    // carry-out: 1299 + 130 tax (S1 store group, 10%)
    expect(cartAmountDue(catalog, cart)).toEqual({ deposit: 0, carryOut: 1429, due: 1429 });
  });

  it('CO-6 the walk-in (no customer yet) and a person customer take the default deposit', () => {
    const catalog = demoCatalog();
    const cart = emptyCart(catalog, 'S1');
    expect(depositRateOf(catalog, cart)).toBe(1000);
    expect(depositRateOf(catalog, setCustomer(catalog, cart, 'C-ANNA'))).toBe(1000);
  });
});

describe('CO-7 deposit override', () => {
  it('CO-7 an override replaces the deposit, carry-out stays due in full', () => {
    const totals = orderTotals(hybridLines, hybridCharges);
    expect(amountDue(totals, 1000, 5000)).toEqual({ deposit: 5000, carryOut: 1429, due: 6429 });
  });

  it('CO-7 an override of 0 is an override, not "no override"', () => {
    const totals = orderTotals(hybridLines, hybridCharges);
    expect(amountDue(totals, 1000, 0)).toEqual({ deposit: 0, carryOut: 1429, due: 1429 });
  });

  it('CO-7 the cart amount due uses the override', () => {
    const catalog = demoCatalog();
    const cart = annaShipCart(catalog);
    expect(cartAmountDue(catalog, cart)).toEqual({ deposit: 374, carryOut: 0, due: 374 });
    expect(cartAmountDue(catalog, { ...cart, depositOverride: 1000 })).toEqual({ deposit: 1000, carryOut: 0, due: 1000 });
  });

  it('CO-7 deposit override is refused without the depositOverride privilege', () => {
    const catalog = demoCatalog();
    const cart = annaShipCart(catalog);
    for (const operatorId of ['cashier1', 'lead1', 'ghost']) {
      expect(checkDepositOverride(catalog, cart, 500, operatorId)).toMatchObject({ rule: 'CO-7', field: 'operatorId' });
    }
    expect(checkDepositOverride(catalog, cart, 500, 'manager1')).toBeNull();
  });

  it('CO-7 the override must be a whole amount between 0 and the ordered total', () => {
    const catalog = demoCatalog();
    const cart = annaShipCart(catalog); // ordered total 3744
    expect(checkDepositOverride(catalog, cart, 0, 'manager1')).toBeNull();
    expect(checkDepositOverride(catalog, cart, 3744, 'manager1')).toBeNull();
    for (const amount of [3745, -1, 10.5, Number.NaN]) {
      expect(checkDepositOverride(catalog, cart, amount, 'manager1')).toMatchObject({ rule: 'CO-7', field: 'amount' });
    }
  });

  it('CO-7 a cash-and-carry sale has no deposit to override', () => {
    const catalog = demoCatalog();
    const cart = addItem(catalog, emptyCart(catalog, 'S1'), 'L1', 'P-SOCKS', 1, undefined);
    expect(checkDepositOverride(catalog, cart, 0, 'manager1')).toMatchObject({ rule: 'CO-7', field: 'amount' });
  });
});
