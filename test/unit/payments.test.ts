/**
 * Payments and invoices (engine/domain/payments.ts, engine/domain/order-invoicing.ts): payment status, deposits
 * consumed by invoices (CO-8), cumulative invoice shares, header charges on the first ship/pickup invoice (CO-5).
 */
import { describe, expect, it } from 'vitest';
import type { AppliedCharge } from '../../engine/domain/charges.ts';
import type { DeliveryKind } from '../../engine/domain/config.ts';
import { newProgress, type LineProgress } from '../../engine/domain/fulfillment.ts';
import { sumMinor } from '../../engine/domain/money.ts';
import { buildInvoice, type InvoicedOrder } from '../../engine/domain/order-invoicing.ts';
import {
  amountInvoiced, amountPaid, collectOnInvoice, invoiceLineAmounts, paymentStatus, unappliedPrepayment,
  type Invoice, type Payment,
} from '../../engine/domain/payments.ts';
import { orderTotals, type SalesLine } from '../../engine/domain/sales.ts';

const pay = (paymentId: string, kind: Payment['kind'], amount: number, method: Payment['method'] = 'card'): Payment =>
  ({ paymentId, kind, method, amount });
const invoiceOf = (invoiceId: string, total: number, kind: Invoice['kind'] = 'ship'): Invoice =>
  ({ invoiceId, kind, lines: [], headerCharges: 0, total });

describe('payment status', () => {
  it('CO-8 payment status derives from what was paid against what is owed', () => {
    expect(paymentStatus(3744, [])).toBe('Unpaid');
    expect(paymentStatus(3744, [pay('P1', 'prepayment', 374)])).toBe('PartiallyPaid');
    expect(paymentStatus(3744, [pay('P1', 'prepayment', 374), pay('P2', 'capture', 3370)])).toBe('Paid');
    expect(paymentStatus(3744, [pay('P1', 'prepayment', 3800)])).toBe('Overpaid');
  });

  it('CO-8 refunds count against what was paid', () => {
    expect(paymentStatus(3744, [pay('P1', 'prepayment', 374), pay('R1', 'refund', -374)])).toBe('Unpaid');
    expect(paymentStatus(0, [pay('P1', 'prepayment', 374), pay('R1', 'refund', -374)])).toBe('Paid');
    expect(amountPaid([pay('P1', 'prepayment', 374), pay('R1', 'refund', -100)])).toBe(274);
  });
});

describe('deposits and invoices', () => {
  it('CO-8 the unapplied prepayment is what was paid and not yet invoiced, never negative', () => {
    const deposit = [pay('P1', 'prepayment', 2299)];
    expect(unappliedPrepayment(deposit, [])).toBe(2299);
    expect(unappliedPrepayment(deposit, [invoiceOf('I1', 1000)])).toBe(1299);
    expect(unappliedPrepayment(deposit, [invoiceOf('I1', 1000), invoiceOf('I2', 3000)])).toBe(0);
    expect(amountInvoiced([invoiceOf('I1', 1000), invoiceOf('I2', 3000)])).toBe(4000);
  });

  it('CO-8 an invoice consumes the remaining deposit first and collects only the rest', () => {
    const deposit = [pay('P1', 'prepayment', 2299)];
    expect(collectOnInvoice(deposit, [], 22_994)).toBe(20_695); // 22994 - 2299
    expect(collectOnInvoice(deposit, [], 1500)).toBe(0); // covered by the deposit
    // 1500 already drew on the deposit: 799 left
    expect(collectOnInvoice(deposit, [invoiceOf('I1', 1500)], 1000)).toBe(201);
    expect(collectOnInvoice([], [], 1000)).toBe(1000);
  });

  it('CO-8 a return refund of invoiced goods does not consume the unapplied deposit', () => {
    // The hybrid order below after its carry-out invoice: 2340 paid = deposit 911 + carry-out 1429 (invoiced).
    // The customer then returns the carried-out socks; the order actor (customer-order.machine.ts, postReturn)
    // records the return refund as a negative 'returnRefund' payment of the return total: -(1299 + 130) = -1429.
    const payments = [pay('P1', 'prepayment', 2340), pay('RET-1', 'returnRefund', -1429)];
    const invoices = [invoiceOf('INV-1', 1429, 'carryOut')];
    // The 911 deposit is still held: the lamp's first ship invoice (3699) must collect 3699 - 911 = 2788,
    // and cancelling must refund 911 - charge.
    expect(unappliedPrepayment(payments, invoices)).toBe(911);
    expect(collectOnInvoice(payments, invoices, 3699)).toBe(2788);
  });
});

describe('invoice line amounts', () => {
  // 3 x 2490 at 7.25%: tax 541.575 -> 542; line charges 100
  const whole = { quantity: 3, net: 7470, tax: 542, charges: 100 };
  const sofar = (quantity: number, tax: number, charges: number) => ({ quantity, net: quantity * 2490, tax, charges });

  it('CO-5 invoicing a line unit by unit takes cumulative shares of tax and charges', () => {
    // after 1: 542 x 1/3 = 180.67 -> 181; charges 100 x 1/3 = 33.33 -> 33
    expect(invoiceLineAmounts(whole, sofar(0, 0, 0), 1)).toEqual({ quantity: 1, net: 2490, tax: 181, charges: 33 });
    // after 2: 361.33 -> 361 (- 181 = 180); 66.67 -> 67 (- 33 = 34)
    expect(invoiceLineAmounts(whole, sofar(1, 181, 33), 1)).toEqual({ quantity: 1, net: 2490, tax: 180, charges: 34 });
    // after 3: 542 - 361 = 181; 100 - 67 = 33
    expect(invoiceLineAmounts(whole, sofar(2, 361, 67), 1)).toEqual({ quantity: 1, net: 2490, tax: 181, charges: 33 });
  });

  it('CO-5 the invoices of a line add up to the whole line for every way of splitting it (seeded sweep)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    for (let run = 0; run < 400; run++) {
      const quantity = 1 + random(12);
      const unitPrice = random(30_000);
      const taxTotal = random(5000);
      const chargesTotal = random(2000);
      const parts: ReturnType<typeof invoiceLineAmounts>[] = [];
      const taken = { quantity: 0, net: 0, tax: 0, charges: 0 };
      while (taken.quantity < quantity) {
        const part = invoiceLineAmounts({ quantity, net: quantity * unitPrice, tax: taxTotal, charges: chargesTotal }, { ...taken }, 1 + random(quantity - taken.quantity));
        parts.push(part);
        for (const k of ['quantity', 'net', 'tax', 'charges'] as const) taken[k] += part[k];
      }
      expect(sumMinor(parts.map((p) => p.net))).toBe(quantity * unitPrice);
      expect(sumMinor(parts.map((p) => p.tax))).toBe(taxTotal);
      expect(sumMinor(parts.map((p) => p.charges))).toBe(chargesTotal);
      expect(parts.every((p) => p.tax >= 0 && p.charges >= 0)).toBe(true);
    }
  });
});

/**
 * A hybrid order:
 *   L1 P-LAMP  3 x 2490 ship   taxed 7.25%: net 7470, tax 542 (541.575), GIFTWRAP line charge 100
 *   L2 P-SOCKS 1 x 1299 carry  taxed 10%:   net 1299, tax 130 (129.9)
 *   header FREIGHT 995
 * ordered = 7470 + 542 + 100 + 995 = 9107, deposit 10% = 910.7 -> 911; carry-out = 1429.
 * Paid at the register: 911 + 1429 = 2340.
 */
function hybridOrder(): InvoicedOrder & { lines: (SalesLine & { progress: LineProgress })[]; invoices: Invoice[]; payments: Payment[] } {
  const line = (lineId: string, productId: string, quantity: number, unitPrice: number, taxRate: number, kind: DeliveryKind) => ({
    lineId, productId, quantity, unitPrice, taxRate, priceLocked: false,
    delivery: { kind, modeCode: kind === 'ship' ? 'STD' : 'CARRY', locationId: kind === 'ship' ? 'W1' : 'S1' },
    progress: newProgress(quantity, kind, false),
  });
  const charges: AppliedCharge[] = [
    { key: 'H:FREIGHT:manual', level: 'header', chargeCode: 'FREIGHT', amount: 995, source: 'manual', overridden: false },
    { key: 'L:L1:GIFTWRAP:manual', level: 'line', lineId: 'L1', chargeCode: 'GIFTWRAP', amount: 100, source: 'manual', overridden: false },
  ];
  return {
    lines: [line('L1', 'P-LAMP', 3, 2490, 725, 'ship'), line('L2', 'P-SOCKS', 1, 1299, 1000, 'carryOut')],
    charges,
    invoices: [],
    payments: [pay('P1', 'prepayment', 2340)],
  };
}

/** Records an invoice on the order the way the order actor does: buckets, invoice, collected payment. */
function record(order: ReturnType<typeof hybridOrder>, invoice: Invoice, collect: number): ReturnType<typeof hybridOrder> {
  const invoicedNow = new Map(invoice.lines.map((l) => [l.lineId, l.quantity]));
  return {
    ...order,
    lines: invoice.kind === 'carryOut' ? order.lines : order.lines.map((l) => ({
      ...l, progress: { ...l.progress, invoiced: l.progress.invoiced + (invoicedNow.get(l.lineId) ?? 0) },
    })),
    invoices: [...order.invoices, invoice],
    payments: collect > 0 ? [...order.payments, pay(`C-${invoice.invoiceId}`, 'capture', collect, 'cardToken')] : order.payments,
  };
}

describe('buildInvoice', () => {
  it('CO-5 the order fixture has the expected totals', () => {
    const order = hybridOrder();
    const totals = orderTotals(order.lines, order.charges);
    expect(totals).toMatchObject({ orderedTotal: 9107, carryOutTotal: 1429, total: 10_536 });
  });

  it('CO-5 carry-out lines are invoiced at once without the header charges, covered by what was paid', () => {
    const { invoice, collect } = buildInvoice(hybridOrder(), 'INV-1', 'carryOut', [{ lineId: 'L2', quantity: 1 }]);
    expect(invoice).toEqual({
      invoiceId: 'INV-1', kind: 'carryOut', headerCharges: 0, total: 1429,
      lines: [{ lineId: 'L2', quantity: 1, net: 1299, tax: 130, charges: 0 }],
    });
    expect(collect).toBe(0);
  });

  it('CO-8 the first ship invoice carries the header charges and consumes the deposit; later ones only their lines', () => {
    let order = hybridOrder();
    const carry = buildInvoice(order, 'INV-1', 'carryOut', [{ lineId: 'L2', quantity: 1 }]);
    order = record(order, carry.invoice, carry.collect);
    expect(unappliedPrepayment(order.payments, order.invoices)).toBe(911); // 2340 - 1429: the deposit

    const first = buildInvoice(order, 'INV-2', 'ship', [{ lineId: 'L1', quantity: 1 }]);
    // 2490 + tax 181 + charges 33 + header 995 = 3699; collect 3699 - 911
    expect(first.invoice).toMatchObject({ headerCharges: 995, total: 3699, lines: [{ net: 2490, tax: 181, charges: 33 }] });
    expect(first.collect).toBe(2788);
    order = record(order, first.invoice, first.collect);

    const second = buildInvoice(order, 'INV-3', 'ship', [{ lineId: 'L1', quantity: 1 }]);
    // 2490 + 180 + 34, no header
    expect(second.invoice).toMatchObject({ headerCharges: 0, total: 2704, lines: [{ net: 2490, tax: 180, charges: 34 }] });
    expect(second.collect).toBe(2704);
    order = record(order, second.invoice, second.collect);

    const third = buildInvoice(order, 'INV-4', 'ship', [{ lineId: 'L1', quantity: 1 }]);
    expect(third.invoice).toMatchObject({ headerCharges: 0, total: 2704, lines: [{ net: 2490, tax: 181, charges: 33 }] });
    order = record(order, third.invoice, third.collect);

    // Every invoice together is the whole order, and everything was paid exactly once.
    expect(amountInvoiced(order.invoices)).toBe(10_536);
    expect(amountPaid(order.payments)).toBe(10_536);
    expect(paymentStatus(10_536, order.payments)).toBe('Paid');
  });

  it('CO-5 a pickup invoice is a first non-carry-out invoice too', () => {
    const order = hybridOrder();
    order.lines[0] = { ...order.lines[0]!, delivery: { kind: 'pickup', modeCode: 'PICKUP', locationId: 'S1' } };
    const { invoice } = buildInvoice(order, 'INV-1', 'pickup', [{ lineId: 'L1', quantity: 3 }]);
    // 7470 + 542 + 100 + 995
    expect(invoice).toMatchObject({ headerCharges: 995, total: 9107 });
  });

  it('CO-5 once a ship invoice carried the header charges, later carry-out and ship invoices never repeat them', () => {
    let order = hybridOrder();
    const ship = buildInvoice(order, 'INV-1', 'ship', [{ lineId: 'L1', quantity: 2 }]);
    order = record(order, ship.invoice, ship.collect);
    const carry = buildInvoice(order, 'INV-2', 'carryOut', [{ lineId: 'L2', quantity: 1 }]);
    const rest = buildInvoice(order, 'INV-3', 'ship', [{ lineId: 'L1', quantity: 1 }]);
    expect(ship.invoice.headerCharges).toBe(995);
    expect(carry.invoice.headerCharges).toBe(0);
    expect(rest.invoice.headerCharges).toBe(0);
  });
});
