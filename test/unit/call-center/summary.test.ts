/** CC-6 the completion summary; CC-22 / CH-3 the header mode drives header charges, each line's mode its charges. */
import { describe, expect, it } from 'vitest';
import { couponLines, lineTaxRate, setHeader } from '../../../engine/domain/call-center/order.ts';
import { callCenterCharges, completionSummary, discountedParts, netAfterDiscount, unbilledAmount } from '../../../engine/domain/call-center/summary.ts';
import { callCenterCatalog, coupon, line, orderWith, terms } from './order-fixture.ts';

const catalog = callCenterCatalog();

describe('call-center order summary and charges', () => {
  it('CC-6 the summary: subtotal, discounts, header and line charges, tax, total, payments, balance', () => {
    const order = orderWith(catalog, [line('L1', 'P-LAMP', 2, 2499), line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' })], {
      coupons: [coupon('SAVE5', ['L1', 500])],
      payments: [{ paymentId: 'PAY1', methodId: 'CASH', kind: 'normal', share: { amount: 2000 }, prepay: true, status: 'Not submitted' }],
    });
    const summary = completionSummary(order);
    // Header mode STD: the ground freight of 9.95 (the order is under 100.00); L2 ships express: its own 5.00.
    expect(summary).toMatchObject({ subtotal: 6297, discounts: 500, headerCharges: 995, lineCharges: 500, paid: 2000 });
    // Tax is taken of the discounted net: 10% of 44.98 and of 12.99.
    expect(summary.tax).toBe(450 + 130);
    expect(summary.total).toBe(6297 - 500 + 995 + 500 + 580);
    expect(summary.balance).toBe(summary.total - 2000);
    expect(summary.lines[0]).toEqual({ lineId: 'L1', net: 4998, discount: 500, billedByProgram: 0, charges: 0, tax: 450, total: 4948 });
  });

  it('CC-13 one net after discount: the store\'s parts at whole unit prices come to exactly what the summary bills', () => {
    const lamp = { quantity: 3, unitPrice: 999 };
    expect(netAfterDiscount(lamp, 100)).toBe(2897);
    expect(discountedParts(lamp, 100)).toEqual([{ quantity: 1, unitPrice: 965 }, { quantity: 2, unitPrice: 966 }]);
    for (const discount of [0, 1, 100, 2996, 2997]) {
      const parts = discountedParts(lamp, discount);
      expect(parts.reduce((n, p) => n + p.quantity * p.unitPrice, 0)).toBe(netAfterDiscount(lamp, discount));
      expect(parts.reduce((n, p) => n + p.quantity, 0)).toBe(3);
    }
    expect(discountedParts(lamp, 0)).toEqual([lamp]);
  });

  it('CC-15 a continuity parent line is billed by its child orders: the order bills it nothing (no tax, no charge value, no coupon)', () => {
    const club = { ...terms, continuityParentItems: ['P-CLUB'] };
    const lines = [line('L1', 'P-LAMP', 1, 2499), line('L2', 'P-CLUB', 1, 4500)];
    const order = orderWith(catalog, lines, { terms: club });
    const summary = completionSummary(order);
    expect(summary).toMatchObject({ subtotal: 2499, billedByProgram: 4500, discounts: 0, tax: 250, headerCharges: 995 });
    expect(summary.total).toBe(2499 + 250 + 995);
    expect(summary.lines[1]).toEqual({ lineId: 'L2', net: 4500, discount: 0, billedByProgram: 4500, charges: 0, tax: 0, total: 0 });
    // What the order submits as not billed: the whole parent line; a plain line's coupon discounts.
    expect(order.lines.map((l) => unbilledAmount(order, l))).toEqual([0, 4500]);
    // Coupons see only the lines the order bills.
    expect(couponLines(order, () => null).map((l) => l.lineId)).toEqual(['L1']);
    // The same lines under a channel without the program bill everything.
    expect(completionSummary(orderWith(catalog, lines))).toMatchObject({ subtotal: 6999, billedByProgram: 0 });
  });

  it('CC-22 / CH-3 header charges follow the header mode even when no line ships that way; line charges each line\'s mode', () => {
    const expressLines = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499, { modeCode: 'EXP' }), line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' })]);
    const charges = callCenterCharges(catalog.config, expressLines);
    expect(charges.filter((c) => c.level === 'header').map((c) => [c.chargeCode, c.amount])).toEqual([['FREIGHT', 995]]);
    expect(charges.filter((c) => c.level === 'line').map((c) => [c.lineId, c.amount])).toEqual([['L1', 500], ['L2', 500]]);
    // The header moved to express (no header charge for EXP): the ground freight is gone, the lines unchanged.
    const onExpress = { ...expressLines, ...setHeader(expressLines, { modeCode: 'EXP' }, false) };
    expect(callCenterCharges(catalog.config, onExpress).filter((c) => c.level === 'header')).toEqual([]);
  });

  it('CC-22 with no header mode chosen there is no header charge; a mixed-mode order still gets its header charge', () => {
    const mixed = orderWith(catalog, [line('L1', 'P-LAMP', 1, 2499), line('L2', 'P-SOCKS', 1, 1299, { modeCode: 'EXP' })]);
    expect(callCenterCharges(catalog.config, mixed).some((c) => c.level === 'header')).toBe(true);
    const noMode = { ...mixed, header: { ...mixed.header, modeCode: null } };
    expect(callCenterCharges(catalog.config, noMode).some((c) => c.level === 'header')).toBe(false);
  });

  it('CH-2 tiers: the header charge tiers on the discounted order value', () => {
    const big = orderWith(catalog, [line('L1', 'P-TENT', 1, 19_999)]);
    expect(completionSummary(big).headerCharges).toBe(0);
    const discounted = orderWith(catalog, [line('L1', 'P-TENT', 1, 19_999)], { coupons: [coupon('HALF', ['L1', 10_000])] });
    expect(completionSummary(discounted).headerCharges).toBe(995);
  });

  it('CO-12 a call-center line is taxed at its destination: the customer\'s address for shipping, the store for pickup', () => {
    const order = orderWith(catalog, []);
    expect(lineTaxRate(catalog, order, 'STD')).toBe(1000);
    expect(lineTaxRate(catalog, order, 'PICKUP', 'S2')).toBe(0);
    const cal = { ...order, customer: { ...order.customer!, account: catalog.customers.get('C-CAL')! } };
    expect(lineTaxRate(catalog, cal, 'STD')).toBe(725);
  });
});
