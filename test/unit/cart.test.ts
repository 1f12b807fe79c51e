/** The register cart (engine/domain/cart.ts): CO-1, CO-2, CO-3, CO-8, CO-9, CO-10, CO-12 and ST-5. */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../engine/domain/catalog.ts';
import {
  addCharge, addItem, cartAmountDue, checkAddItem, checkCompletion, checkDepositOverride, emptyCart, findLine, keptOnCompletion, overrideCartCharge, recalculateCart,
  removeLine, repriceCart, resolveDelivery, setCustomer, setQuantity, targetLines, type Cart,
} from '../../engine/domain/cart.ts';
import { orderTotals } from '../../engine/domain/sales.ts';
import { DEMO_ADDRESSES, demoCatalog, withConfig } from '../fixtures/chain.ts';
import { cartOf, deliver } from '../fixtures/carts.ts';

const FREIGHT_KEY = 'H:FREIGHT:AC-GROUND';




describe('CO-1 customer required', () => {
  it('CO-1 shipping needs a customer first (the address comes from the customer)', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, null, ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD' }))
      .toMatchObject({ rule: 'CO-1', field: 'customerId' });
  });

  it('CO-1 completing a customer order or a quote without a customer is refused', () => {
    const catalog = demoCatalog();
    const cart = deliver(catalog, cartOf(catalog, null, ['P-LAMP']), ['L1'], { kind: 'pickup' }); // pickup needs no address
    expect(checkCompletion(cart, 0, null)).toMatchObject({ rule: 'CO-1', field: 'customerId' });
    expect(checkCompletion({ ...cart, orderType: 'quote' }, 0, null)).toMatchObject({ rule: 'CO-1', field: 'customerId' });
    expect(checkCompletion(setCustomer(catalog, cart, 'C-ANNA'), 0, null)).toBeNull();
  });

  it('CO-1 a cash-and-carry sale needs no customer', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, null, ['P-LAMP', 'P-SOCKS']);
    expect(checkCompletion(cart, 4178, null)).toBeNull(); // 2499 + 250 + 1299 + 130 = 4178 paid in full
  });

  it('CO-2 an empty cart cannot be completed', () => {
    const catalog = demoCatalog();
    expect(checkCompletion(emptyCart(catalog, 'S1'), 0, null)).toMatchObject({ rule: 'CO-2', field: 'lines' });
  });
});

describe('CO-2 the same product added again', () => {
  const catalog = demoCatalog();
  it('CO-2 adding a product already on an unmodified carry-out line raises its quantity instead of a second line', () => {
    let cart = cartOf(catalog, null, ['P-TENT', 'P-LAMP']);
    cart = addItem(catalog, cart, 'L3', 'P-TENT', 2, undefined);
    expect(cart.lines.map((l) => [l.lineId, l.productId, l.quantity])).toEqual([['L1', 'P-TENT', 3], ['L2', 'P-LAMP', 1]]);
    expect(cart.selectedLineId).toBe('L1');
    expect(cart.nextLineNumber).toBe(3);
  });

  it('CO-2 a line at an overridden price, a ship or pickup line, or a second price makes a new line', () => {
    const tent = catalog.products.get('P-TENT')!.price;
    let cart = addItem(catalog, cartOf(catalog, null, []), 'L1', 'P-TENT', 1, tent - 100);
    cart = addItem(catalog, cart, 'L2', 'P-TENT', 1, undefined);
    expect(cart.lines).toHaveLength(2);
    cart = addItem(catalog, cart, 'L3', 'P-TENT', 1, tent - 200);
    expect(cart.lines).toHaveLength(3);
    let shipped = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    shipped = deliver(catalog, shipped, ['L1'], { kind: 'pickup' });
    shipped = addItem(catalog, shipped, 'L2', 'P-LAMP', 1, undefined);
    expect(shipped.lines.map((l) => l.quantity)).toEqual([1, 1]);
  });

  it('CO-2 raising a line is checked against the line amount limit on the total quantity', () => {
    const cart = cartOf(catalog, null, ['P-TENT']);
    expect(checkAddItem(catalog, cart, 'P-TENT', 1, undefined, 'OP-NONE')).toBeNull();
    expect(checkAddItem(catalog, cart, 'P-TENT', 10_000_000, undefined, 'OP-NONE')).not.toBeNull();
  });
});

describe('CO-2 all / selected', () => {
  it('CO-2 "all" targets every line', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS', 'P-TENT']);
    expect(targetLines(cart, { scope: 'all' })).toEqual(['L1', 'L2', 'L3']);
    expect(targetLines(cart, { scope: 'all', lineIds: ['L2'] })).toEqual(['L1', 'L2', 'L3']); // picker ignored
    expect(targetLines(emptyCart(catalog, 'S1'), { scope: 'all' })).toMatchObject({ rule: 'CO-2', field: 'scope' });
  });

  it('CO-2 "selected" with a highlighted line sets that line', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']); // the last added line is highlighted
    expect(cart.selectedLineId).toBe('L2');
    expect(targetLines(cart, { scope: 'selected' })).toEqual(['L2']);
    expect(targetLines({ ...cart, selectedLineId: 'L1' }, { scope: 'selected' })).toEqual(['L1']);
  });

  it("CO-2 the picker's lines override the highlighted line", () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS', 'P-TENT']);
    expect(targetLines(cart, { scope: 'selected', lineIds: ['L1', 'L3'] })).toEqual(['L1', 'L3']);
    expect(targetLines(cart, { scope: 'selected', lineIds: ['L1', 'L1'] })).toEqual(['L1']); // chosen twice, set once
    expect(targetLines(cart, { scope: 'selected', lineIds: [] })).toEqual(['L3']); // an empty choice is no choice
  });

  it('CO-2 the picker may only choose lines of the cart', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    expect(targetLines(cart, { scope: 'selected', lineIds: ['L1', 'L9'] })).toMatchObject({ rule: 'NOT_FOUND', field: 'lineIds' });
  });

  it('CO-2 "selected" with no highlighted line and no picker choice is refused on lineIds', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']);
    const unhighlighted = removeLine(catalog, cart, 'L2'); // removing the highlighted line clears the highlight
    expect(unhighlighted.selectedLineId).toBeNull();
    expect(targetLines(unhighlighted, { scope: 'selected' })).toMatchObject({ rule: 'CO-2', field: 'lineIds' });
    expect(targetLines(unhighlighted, { scope: 'selected', lineIds: ['L1'] })).toEqual(['L1']);
  });

  it('CO-2 setDelivery changes only the targeted lines', () => {
    const catalog = demoCatalog();
    let cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS', 'P-TENT']);
    cart = deliver(catalog, cart, ['L1', 'L3'], { kind: 'pickup', locationId: 'S2' });
    expect(cart.lines.map((l) => l.delivery.kind)).toEqual(['pickup', 'carryOut', 'pickup']);
  });
});

describe('CO-3 ship and pickup lines', () => {
  it("CO-3 CU-9 a ship line ships from the store's warehouse to the customer's delivery address (the customer as its contact) by the chosen mode", () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'EXP', date: '2025-07-01' })).toEqual({
      kind: 'ship', modeCode: 'EXP', locationId: 'W1', address: { id: 'A-ANNA-HOME', purpose: 'Home', ...DEMO_ADDRESSES.annaHome, contactName: 'Anna Berg' },
      date: '2025-07-01',
    });
  });

  it('CO-3 the ship-from location must be offered by the store fulfillment groups', () => {
    const catalog = withConfig((c) => {
      c.locations.push({ id: 'W2', name: 'Salem warehouse', kind: 'warehouse', address: { ...DEMO_ADDRESSES.acmeBusiness } });
    });
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    const from = (locationId: string) => resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD', locationId });
    expect(from('S2')).toMatchObject({ kind: 'ship', locationId: 'S2' });
    expect(from('W2')).toMatchObject({ rule: 'CO-3', field: 'locationId' }); // a location outside FG1
    expect(from('NOPE')).toMatchObject({ rule: 'CO-3', field: 'locationId' });
  });

  it('CO-3 a store without ship locations cannot ship', () => {
    const catalog = withConfig((c) => { c.stores[0]!.fulfillmentGroupIds = []; });
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD' })).toMatchObject({ rule: 'CO-3', field: 'locationId' });
  });

  it('CO-3 the default ship-from is the first offered location when the warehouse is not offered', () => {
    const catalog = withConfig((c) => {
      c.fulfillmentGroups[0]!.locations = [{ locationId: 'S2', ship: true, pickup: true }];
    });
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD' })).toMatchObject({ locationId: 'S2' });
  });

  it('CO-3 the ship-to address comes from the customer: the delivery address, else the first address', () => {
    const catalog = demoCatalog();
    const acme = cartOf(catalog, 'C-ACME', ['P-LAMP']); // no delivery address designated
    expect(resolveDelivery(catalog, acme, { scope: 'all', kind: 'ship', modeCode: 'STD' }))
      .toMatchObject({ address: { id: 'A-ACME-HQ', city: 'Portland', state: 'OR' } });
    const explicit = resolveDelivery(catalog, acme, { scope: 'all', kind: 'ship', modeCode: 'STD', address: { ...DEMO_ADDRESSES.calHome } });
    expect(explicit).toMatchObject({ address: DEMO_ADDRESSES.calHome });
  });

  it('CO-3 a customer without any address cannot be shipped to', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-WALKIN', ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD' })).toMatchObject({ rule: 'CO-3', field: 'address' });
  });

  it('CO-3 ship lines need a ship mode of delivery', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    for (const modeCode of [undefined, 'PICKUP', 'CARRY', 'NOPE']) {
      expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode })).toMatchObject({ rule: 'CO-3', field: 'modeCode' });
    }
  });

  it('CO-3 a pickup line is picked up at the selling store by default, with the pickup mode of the parameters', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, null, ['P-LAMP'], 'S2');
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'pickup', date: '2025-07-02' }))
      .toEqual({ kind: 'pickup', modeCode: 'PICKUP', locationId: 'S2', date: '2025-07-02' });
  });

  it('CO-3 the pickup store must be a pickup-capable location of the store groups', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    const at = (locationId: string) => resolveDelivery(catalog, cart, { scope: 'all', kind: 'pickup', locationId });
    expect(at('S2')).toMatchObject({ kind: 'pickup', locationId: 'S2' });
    expect(at('W1')).toMatchObject({ rule: 'CO-3', field: 'locationId' }); // a warehouse only ships
    expect(at('NOPE')).toMatchObject({ rule: 'CO-3', field: 'locationId' });
  });

  it('CO-3 carry-out uses the carry-out mode at the selling store', () => {
    const catalog = demoCatalog();
    const cart = cartOf(catalog, null, ['P-LAMP'], 'S2');
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'carryOut', modeCode: 'STD', locationId: 'W1' }))
      .toEqual({ kind: 'carryOut', modeCode: 'CARRY', locationId: 'S2' });
    expect(findLine(cart, 'L1')!.delivery).toEqual({ kind: 'carryOut', modeCode: 'CARRY', locationId: 'S2' }); // new lines
  });

  it('ST-1 ship and pickup are refused while customer orders are not set up; carry-out still works', () => {
    const catalog = withConfig((c) => {
      c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.kind !== 'ship');
    });
    const cart = cartOf(catalog, 'C-ANNA', ['P-LAMP']);
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'pickup' })).toMatchObject({ rule: 'ST-1', field: 'kind' });
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'ship', modeCode: 'STD' })).toMatchObject({ rule: 'ST-1' });
    expect(resolveDelivery(catalog, cart, { scope: 'all', kind: 'carryOut' })).toMatchObject({ kind: 'carryOut' });
  });
});

describe('CO-12 tax in the cart', () => {
  it('CO-12 changing delivery re-derives tax rates (destination-based store)', () => {
    const catalog = withConfig((c) => { c.stores[0]!.destinationBasedTax = true; });
    let cart = cartOf(catalog, 'C-CAL', ['P-LAMP', 'P-SOCKS']);
    expect(cart.lines.map((l) => l.taxRate)).toEqual([1000, 1000]); // carry-out: store group
    cart = deliver(catalog, cart, ['L1'], { kind: 'ship', modeCode: 'EXP' }); // to San Diego CA
    cart = deliver(catalog, cart, ['L2'], { kind: 'pickup', locationId: 'S2' }); // Portland OR
    expect(cart.lines.map((l) => l.taxRate)).toEqual([725, 0]);
  });
});

describe('CO-8 card token for ship orders', () => {
  /** Anna ships P-LAMP by STD: 2499 + 250 tax + FREIGHT 995 = 3744. */
  function shipCart(catalog: Catalog): Cart {
    return deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'ship', modeCode: 'STD' });
  }

  it('CO-8 a ship order not fully paid needs a card token for the balance', () => {
    const catalog = demoCatalog();
    const cart = shipCart(catalog);
    expect(orderTotals(cart.lines, cart.charges).total).toBe(3744);
    expect(checkCompletion(cart, 374, null)).toMatchObject({ rule: 'CO-8', field: 'cardToken' });
    expect(checkCompletion(cart, 3743, null)).toMatchObject({ rule: 'CO-8' });
    expect(checkCompletion(cart, 374, 'tok_visa_4242')).toBeNull();
  });

  it('CO-8 a fully paid ship order needs no card token', () => {
    const catalog = demoCatalog();
    expect(checkCompletion(shipCart(catalog), 3744, null)).toBeNull();
  });

  it('CO-8 a pickup order is paid at pickup: no card token needed', () => {
    const catalog = demoCatalog();
    const cart = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'pickup' });
    expect(checkCompletion(cart, 275, null)).toBeNull(); // deposit 10% x 2749 = 274.9 -> 275
    expect(checkCompletion(cart, 0, null)).toBeNull();
  });

  it('CO-8 a hybrid order with any ship line needs the card token', () => {
    const catalog = demoCatalog();
    let cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']);
    cart = deliver(catalog, cart, ['L1'], { kind: 'ship', modeCode: 'STD' });
    cart = deliver(catalog, cart, ['L2'], { kind: 'pickup' });
    expect(checkCompletion(cart, 0, null)).toMatchObject({ rule: 'CO-8' });
  });
});

describe('CO-7 deposit override in the cart', () => {
  /** Anna: L1 P-LAMP ship STD (ordered 2499 + 250 + FREIGHT 995 = 3744), L2 P-SOCKS carry-out (1299 + 130). */
  function hybridCart(catalog: Catalog): Cart {
    const cart = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']), ['L1'], { kind: 'ship', modeCode: 'STD' });
    return { ...cart, depositOverride: 3000 }; // set by manager1 after checkDepositOverride passed
  }

  it('CO-7 the override replaces the deposit while the ordered lines stay', () => {
    const catalog = demoCatalog();
    const cart = hybridCart(catalog);
    // the modes differ (STD + CARRY): no header FREIGHT (CH-3); ordered = 2499 + 250 = 2749
    expect(orderTotals(cart.lines, cart.charges)).toMatchObject({ orderedTotal: 2749, carryOutTotal: 1429 });
    expect(checkDepositOverride(catalog, { ...cart, depositOverride: null }, 2749, 'manager1')).toBeNull();
    expect(cartAmountDue(catalog, { ...cart, depositOverride: 2000 })).toEqual({ deposit: 2000, carryOut: 1429, due: 3429 });
  });

  it('CO-7 once every ordered line is gone the cash-and-carry sale owes no deposit, overridden or not', () => {
    const catalog = demoCatalog();
    const cart = removeLine(catalog, { ...hybridCart(catalog), depositOverride: 2000 }, 'L1'); // only the carried-out socks remain
    expect(orderTotals(cart.lines, cart.charges)).toMatchObject({ orderedTotal: 0, carryOutTotal: 1429 });
    // checkDepositOverride itself refuses a deposit here ("a deposit applies to ship or pickup lines only")
    expect(checkDepositOverride(catalog, cart, 2000, 'manager1')).toMatchObject({ rule: 'CO-7' });
    expect(cartAmountDue(catalog, cart)).toEqual({ deposit: 0, carryOut: 1429, due: 1429 });
  });

  it('CO-7 an override never exceeds the ordered total after the order shrinks', () => {
    const catalog = demoCatalog();
    // Both lines shipped STD: ordered = 2499 + 250 + 1299 + 130 + FREIGHT 995 = 5173; the manager overrides 5000.
    let cart = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']), ['L1', 'L2'], { kind: 'ship', modeCode: 'STD' });
    expect(orderTotals(cart.lines, cart.charges).orderedTotal).toBe(5173);
    expect(checkDepositOverride(catalog, cart, 5000, 'manager1')).toBeNull();
    cart = { ...cart, depositOverride: 5000 };
    cart = removeLine(catalog, cart, 'L1'); // ordered = 1299 + 130 + 995 = 2424, below the override
    const totals = orderTotals(cart.lines, cart.charges);
    expect(totals.orderedTotal).toBe(2424);
    // The customer must never be asked for a deposit larger than the whole order (checkDepositOverride's own bound).
    expect(cartAmountDue(catalog, cart).deposit).toBeLessThanOrEqual(totals.orderedTotal);
  });
});

describe('CO-9 quotes', () => {
  it('CO-9 a quote takes no payment', () => {
    const catalog = demoCatalog();
    let cart = cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']);
    cart = deliver(catalog, cart, ['L1', 'L2'], { kind: 'ship', modeCode: 'STD' });
    const quote = { ...cart, orderType: 'quote' as const };
    expect(cartAmountDue(catalog, quote)).toEqual({ deposit: 0, carryOut: 0, due: 0 });
    expect(checkCompletion(quote, 0, null)).toBeNull(); // no CO-8 card token for a quote
  });

  it('CO-9 a quote carries nothing out: a carry-out line would be handed over unpaid', () => {
    const catalog = demoCatalog();
    const cart = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']), ['L1'], { kind: 'ship', modeCode: 'STD' });
    const quote = { ...cart, orderType: 'quote' as const };
    expect(cartAmountDue(catalog, quote).due).toBe(0);
    expect(checkCompletion(quote, 0, null)).toMatchObject({ rule: 'CO-9', field: 'orderType' });
  });

  it('CO-9 a quote keeps nothing of what was tendered before the cart became a quote', () => {
    const catalog = demoCatalog();
    const quote = { ...deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'pickup' }), orderType: 'quote' as const };
    expect(keptOnCompletion(quote, 0, 0, 100)).toBe(0);
    const order = { ...quote, orderType: 'customerOrder' as const };
    expect(keptOnCompletion(order, 275, 0, 100)).toBe(100);
  });

  it('CO-9 a quote needs ship or pickup lines', () => {
    const catalog = demoCatalog();
    const cart = { ...cartOf(catalog, 'C-ANNA', ['P-LAMP']), orderType: 'quote' as const };
    expect(checkCompletion(cart, 0, null)).toMatchObject({ rule: 'CO-9', field: 'orderType' });
  });

  it('CO-9 a new cart takes the default order type of the parameters', () => {
    expect(emptyCart(demoCatalog(), 'S1').orderType).toBe('customerOrder');
    const quoting = withConfig((c) => { c.parameters.defaultOrderType = 'quote'; });
    expect(emptyCart(quoting, 'S1').orderType).toBe('quote');
  });
});

describe('CO-10 recalculate', () => {
  /** A recalled order: Anna ships one P-LAMP locked at an old price of 1999, its FREIGHT overridden to 0. */
  function recalled(catalog: Catalog): Cart {
    let cart = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'ship', modeCode: 'STD' });
    cart = { ...cart, lines: cart.lines.map((l) => ({ ...l, unitPrice: 1999, priceLocked: true })) };
    cart = overrideCartCharge(cart, FREIGHT_KEY, 0, 'GOODWILL');
    return addCharge(catalog, cart, { level: 'line', lineId: 'L1', chargeCode: 'GIFTWRAP', amount: 300 });
  }

  it('CO-10 locked prices and overridden charges survive other changes', () => {
    const catalog = demoCatalog();
    const cart = setQuantity(catalog, recalled(catalog), 'L1', 2);
    expect(cart.lines[0]).toMatchObject({ unitPrice: 1999, priceLocked: true, quantity: 2 });
    expect(cart.charges.find((c) => c.key === FREIGHT_KEY)).toMatchObject({ amount: 0, overridden: true });
  });

  it('CO-10 Recalculate unlocks prices back to the product price and resets charge overrides (CH-4)', () => {
    const catalog = demoCatalog();
    const cart = recalculateCart(catalog, recalled(catalog));
    expect(cart.lines[0]).toMatchObject({ unitPrice: 2499, priceLocked: false });
    expect(cart.charges.find((c) => c.key === FREIGHT_KEY)).toMatchObject({ amount: 995, overridden: false, source: 'auto' });
    // manual charges stay
    expect(cart.charges.find((c) => c.key === 'L:L1:GIFTWRAP:manual')).toMatchObject({ amount: 300, source: 'manual' });
    expect(orderTotals(cart.lines, cart.charges).total).toBe(4044); // 2499 + 250 + 995 + 300
  });

  it('CO-10 Recalculate also re-tiers charges on the product price', () => {
    const catalog = demoCatalog();
    let cart = setQuantity(catalog, recalled(catalog), 'L1', 5); // 5 x 1999 = 9995 < 10000
    cart = recalculateCart(catalog, cart); // 5 x 2499 = 12495 >= 10000: the FREIGHT tier is 0 -> no charge
    expect(cart.charges.some((c) => c.chargeCode === 'FREIGHT')).toBe(false);
  });

  it('CO-10 Recalculate leaves a line with invoiced units at its invoiced price and line charges', () => {
    const catalog = demoCatalog();
    let cart = recalled(catalog);
    cart = addItem(catalog, cart, 'L2', 'P-LAMP', 1, 1500);
    cart = { ...cart, lines: cart.lines.map((l) => ({ ...l, priceLocked: true })) };
    const invoiced = recalculateCart(catalog, cart, new Set(['L1']));
    expect(invoiced.lines.map((l) => [l.lineId, l.unitPrice, l.priceLocked])).toEqual([['L1', 1999, true], ['L2', 2499, false]]);
    expect(invoiced.charges.filter((c) => c.lineId === 'L1')).toEqual(cart.charges.filter((c) => c.lineId === 'L1'));
  });

  it('CO-10 repriceCart without recalculate keeps an override', () => {
    const catalog = demoCatalog();
    const cart = repriceCart(catalog, recalled(catalog));
    expect(cart.charges.find((c) => c.key === FREIGHT_KEY)).toMatchObject({ amount: 0, overridden: true });
  });
});

describe('ST-5 price override', () => {
  it('ST-5 a price other than the product price needs the priceOverride permission', () => {
    const catalog = demoCatalog();
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', 1, 1999, 'cashier1')).toMatchObject({ rule: 'ST-5', field: 'unitPrice' });
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', 1, 1999, 'lead1')).toMatchObject({ rule: 'ST-5', field: 'unitPrice' });
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', 1, 1999, 'manager1')).toBeNull();
  });

  it('ST-5 the product price itself, or no price, needs no permission', () => {
    const catalog = demoCatalog();
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', 1, 2499, 'cashier1')).toBeNull();
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', 1, undefined, 'cashier1')).toBeNull();
  });

  it('ST-5 an overridden price is used on the line', () => {
    const catalog = demoCatalog();
    const cart = addItem(catalog, emptyCart(catalog, 'S1'), 'L1', 'P-LAMP', 2, 1999);
    expect(cart.lines[0]).toMatchObject({ unitPrice: 1999, quantity: 2, taxRate: 1000 });
  });

  it('ST-5 unknown products and bad quantities are refused before permissions', () => {
    const catalog = demoCatalog();
    expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-NOPE', 1, undefined, 'manager1')).toMatchObject({ rule: 'NOT_FOUND', field: 'productId' });
    for (const quantity of [0, -1, 1.5]) {
      expect(checkAddItem(catalog, emptyCart(catalog, 'S1'), 'P-LAMP', quantity, undefined, 'manager1')).toMatchObject({ rule: 'VALIDATION', field: 'quantity' });
    }
  });
});
