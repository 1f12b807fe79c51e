/**
 * The money of a recalled edit (engine/domain/order-edit.ts) and the register's invoice (order-invoicing.ts):
 * CO-5, CO-9, CO-10, CH-3.
 */
import { describe, expect, it } from 'vitest';
import { overrideCartCharge, removeLine, setQuantity, type Cart } from '../../engine/domain/cart.ts';
import { newProgress, type LineProgress } from '../../engine/domain/fulfillment.ts';
import { editAmountDue, editedOrder, valueLeftToFulfil, type OrderBeforeEdit } from '../../engine/domain/order-edit.ts';
import { buildInvoice, headerChargesDue, registerInvoice, type InvoicedOrder } from '../../engine/domain/order-invoicing.ts';
import type { Invoice, Payment } from '../../engine/domain/payments.ts';
import { orderTotals, type SalesLine } from '../../engine/domain/sales.ts';
import { demoCatalog } from '../fixtures/chain.ts';
import { cartOf, deliver } from '../fixtures/carts.ts';

const catalog = demoCatalog();
const pay = (amount: number, kind: Payment['kind'] = 'prepayment'): Payment => ({ paymentId: `P${amount}`, kind, method: 'cash', amount });

/** The order as saved from `cart`, with `invoiced` units per line and the given documents. */
function orderOf(cart: Cart, invoiced: Record<string, number>, invoices: Invoice[], payments: Payment[]): InvoicedOrder & OrderBeforeEdit & { lines: (SalesLine & { progress: LineProgress })[] } {
  const lines = cart.lines.map((l) => {
    const progress = newProgress(l.quantity, l.delivery.kind, false);
    return { ...l, progress: l.delivery.kind === 'carryOut' ? progress : { ...progress, invoiced: invoiced[l.lineId] ?? 0 } };
  });
  return { lines, charges: cart.charges, invoices, payments };
}

/** Anna at S1: L1 lamp (2499 + 250 tax) and L2 socks (1299 + 130), both picked up: ordered 4178, deposit 418. */
function pickupCart(): Cart {
  return deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP', 'P-SOCKS']), ['L1', 'L2'], { kind: 'pickup' });
}

describe('CO-10 the amount an edit asks for', () => {
  it('CO-10 an unchanged open order asks for nothing more once its deposit is paid', () => {
    const cart = pickupCart();
    expect(editAmountDue(catalog, cart, orderOf(cart, {}, [], [pay(418)]))).toBe(0);
  });

  it('CO-10 a line added in the edit asks for its deposit only', () => {
    const before = pickupCart();
    const order = orderOf(before, {}, [], [pay(418)]);
    const cart = setQuantity(catalog, before, 'L2', 2); // + 1299 + 130
    expect(valueLeftToFulfil(cart, order)).toBe(5607);
    expect(editAmountDue(catalog, cart, order)).toBe(561 - 418); // 10% of 5607 = 560.7 -> 561
  });

  it('CO-10 a lower total keeps the excess deposit as prepayment while the order has lines to fulfil', () => {
    const before = pickupCart();
    const order = orderOf(before, {}, [], [pay(418)]);
    expect(editAmountDue(catalog, removeLine(catalog, before, 'L1'), order)).toBe(0);
  });

  it('CO-10 invoiced units are paid in full and never asked for a deposit again', () => {
    const before = pickupCart();
    const lampPickedUp = buildInvoice(orderOf(before, {}, [], [pay(418)]), 'INV-1', 'pickup', [{ lineId: 'L1', quantity: 1 }]).invoice;
    // Deposit 418 covered the lamp's 2749 in part: 2331 collected at pickup.
    const order = orderOf(before, { L1: 1 }, [lampPickedUp], [pay(418), pay(2331, 'pickup')]);
    expect(valueLeftToFulfil(before, order)).toBe(1429);
    // Paid 2749 = the lamp in full; the socks need 143 of deposit.
    expect(editAmountDue(catalog, before, order)).toBe(143);
  });

  it('CO-10 returned goods and their refund are neither asked for again nor counted as paid', () => {
    const before = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'pickup' });
    const invoice = buildInvoice(orderOf(before, {}, [], []), 'INV-1', 'pickup', [{ lineId: 'L1', quantity: 1 }]).invoice;
    const order = orderOf(before, { L1: 1 }, [invoice], [pay(275), pay(2474, 'pickup'), pay(-2749, 'returnRefund')]);
    expect(editAmountDue(catalog, before, order)).toBe(0);
  });

  it('CO-10 an edit that leaves nothing to fulfil refunds what exceeds the whole order', () => {
    // Socks carried out (1429, invoiced), lamp picked up later: deposit 275 paid. The edit removes the lamp.
    let before = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-SOCKS', 'P-LAMP']), ['L2'], { kind: 'pickup' });
    const carried = registerInvoice(orderOf(before, {}, [], []), 'INV-1', [{ lineId: 'L1', quantity: 1 }])!;
    const order = orderOf(before, {}, [carried], [pay(1429 + 275)]);
    before = removeLine(catalog, before, 'L2');
    expect(valueLeftToFulfil(before, order)).toBe(0);
    expect(editAmountDue(catalog, before, order)).toBe(-275);
  });

  it('CO-10 a deposit override caps the deposit of what is left to fulfil', () => {
    const cart = { ...pickupCart(), depositOverride: 100 };
    expect(editAmountDue(catalog, cart, orderOf(cart, {}, [], []))).toBe(100);
  });

  it('CO-9 editing a quote asks for nothing', () => {
    const cart = { ...pickupCart(), orderType: 'quote' as const };
    expect(editAmountDue(catalog, cart, orderOf(cart, {}, [], []))).toBe(0);
  });
});

describe('CO-5 / CH-3 header charges and the register invoice', () => {
  /** Anna ships a lamp by STD: FREIGHT 995 header charge (single mode, value below 10000). */
  function shipCart(): Cart {
    return deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'ship', modeCode: 'STD' });
  }

  it('CH-3 header charges go on the first ship or pickup invoice, never twice', () => {
    const cart = shipCart();
    const order = orderOf(cart, {}, [], []);
    expect(headerChargesDue(order, 'ship', [{ lineId: 'L1', quantity: 1 }])).toBe(995);
    const first = buildInvoice(order, 'INV-1', 'ship', [{ lineId: 'L1', quantity: 1 }]).invoice;
    expect(headerChargesDue({ ...order, invoices: [first] }, 'ship', [])).toBe(0);
  });

  it('CO-5 a register invoice takes header charges only when fulfilment has nothing left to invoice', () => {
    const cart = shipCart();
    expect(headerChargesDue(orderOf(cart, {}, [], []), 'charges', [])).toBe(0); // the ship invoice will carry them
    expect(headerChargesDue(orderOf(cart, { L1: 1 }, [], []), 'charges', [])).toBe(995);
  });

  it('CO-5 a header charge raised after the last ship invoice is invoiced by the register', () => {
    const cart = shipCart();
    const shipped = buildInvoice(orderOf(cart, {}, [], []), 'INV-1', 'ship', [{ lineId: 'L1', quantity: 1 }]).invoice;
    const raised = overrideCartCharge(cart, 'H:FREIGHT:AC-GROUND', 1500, 'HEAVY');
    const invoice = registerInvoice(orderOf(raised, { L1: 1 }, [shipped], []), 'INV-2', []);
    expect(invoice).toMatchObject({ kind: 'charges', lines: [], headerCharges: 505, total: 505 });
    expect(shipped.total + invoice!.total).toBe(orderTotals(raised.lines, raised.charges).total);
  });

  it('CO-5 nothing to invoice at the register gives no invoice', () => {
    const cart = shipCart();
    expect(registerInvoice(orderOf(cart, {}, [], []), 'INV-1', [])).toBeNull();
  });

  it('CO-10 invoices of a line whose quantity was raised after a partial invoice still add up to the line', () => {
    const before = deliver(catalog, cartOf(catalog, 'C-ANNA', ['P-LAMP']), ['L1'], { kind: 'pickup' });
    const two = setQuantity(catalog, before, 'L1', 2);
    const first = buildInvoice(orderOf(two, {}, [], []), 'INV-1', 'pickup', [{ lineId: 'L1', quantity: 1 }]).invoice;
    const three = setQuantity(catalog, two, 'L1', 3);
    const rest = buildInvoice(orderOf(three, { L1: 1 }, [first], []), 'INV-2', 'pickup', [{ lineId: 'L1', quantity: 2 }]).invoice;
    expect(first.total + rest.total).toBe(orderTotals(three.lines, three.charges).total);
  });
});

describe('CO-10 the order an edit saves', () => {
  it('CO-10 existing lines keep their progress; added and newly carried-out lines start afresh', () => {
    const before = pickupCart();
    const order = orderOf(before, { L1: 1 }, [], []);
    const cart = deliver(catalog, setQuantity(catalog, before, 'L1', 2), ['L2'], { kind: 'carryOut' });
    const { lines, carriedOut } = editedOrder(cart, order.lines, () => false);
    expect(lines[0]!.progress).toMatchObject({ quantity: 2, invoiced: 1 });
    expect(lines[1]!.progress).toMatchObject({ quantity: 1, invoiced: 1 }); // carried out: invoiced at once
    expect(carriedOut).toEqual([{ lineId: 'L2', quantity: 1 }]);
  });
});
