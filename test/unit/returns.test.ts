/** Returns (engine/domain/returns.ts, fulfillment.checkReturn): RT-1, RT-2, RT-3. */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../engine/domain/catalog.ts';
import type { AppliedCharge } from '../../engine/domain/charges.ts';
import { checkReturn } from '../../engine/domain/fulfillment.ts';
import { percentOf, sumMinor } from '../../engine/domain/money.ts';
import {
  calculateReturn, checkReturnRequest, returnedQuantity, type ReturnCalculation, type ReturnRecord, type ReturnRequestLine,
  type ReturnSource,
} from '../../engine/domain/returns.ts';
import { demoCatalog, withConfig } from '../fixtures/chain.ts';

const charge = (key: string, chargeCode: string, amount: number, lineId?: string): AppliedCharge => ({
  key, level: lineId === undefined ? 'header' : 'line', chargeCode, amount, source: 'manual', overridden: false,
  ...(lineId === undefined ? {} : { lineId }),
});

/**
 * An order shipped to California (7.25%):
 *   L1 P-LAMP  3 x  2490  invoiced 3   tax 541.575 -> 542   GIFTWRAP line charge 100 (refundable)
 *   L2 P-SOCKS 2 x  1299  invoiced 2   tax 188.355 -> 188   FREIGHT line charge 300 (shipping)
 *   L3 P-TENT  1 x 19999  invoiced 0   (not yet shipped)
 *   header FREIGHT 995 (shipping, refundable); header CANCEL 500 (a non-refundable code)
 * order net = 7470 + 2598 + 19999 = 30067
 */
function shippedOrder(): ReturnSource {
  return {
    lines: [
      { lineId: 'L1', productId: 'P-LAMP', quantity: 3, unitPrice: 2490, taxRate: 725, invoiced: 3 },
      { lineId: 'L2', productId: 'P-SOCKS', quantity: 2, unitPrice: 1299, taxRate: 725, invoiced: 2 },
      { lineId: 'L3', productId: 'P-TENT', quantity: 1, unitPrice: 19_999, taxRate: 725, invoiced: 0 },
    ],
    charges: [
      charge('H:FREIGHT:AC-GROUND', 'FREIGHT', 995),
      charge('H:CANCEL:manual', 'CANCEL', 500),
      charge('L:L1:GIFTWRAP:manual', 'GIFTWRAP', 100, 'L1'),
      charge('L:L2:FREIGHT:manual', 'FREIGHT', 300, 'L2'),
    ],
    returns: [],
  };
}

/** Posts a calculated return onto the source, as the order actor does (RT-4). */
function post(source: ReturnSource, calc: ReturnCalculation, rmaNumber: string): ReturnSource {
  const record: ReturnRecord = { rmaNumber, lines: calc.lines, charges: calc.charges, total: calc.total };
  return { ...source, returns: [...source.returns, record] };
}

const ret = (lineId: string, quantity: number, reasonCode = 'DAMAGED'): ReturnRequestLine => ({ lineId, quantity, reasonCode });

describe('RT-1 returnable quantity', () => {
  it('RT-1 a return may take up to the invoiced quantity', () => {
    const catalog = demoCatalog();
    const source = shippedOrder();
    expect(checkReturnRequest(catalog, source, [ret('L1', 3), ret('L2', 1)])).toBeNull();
    expect(checkReturnRequest(catalog, source, [ret('L1', 1), ret('L2', 3)])).toMatchObject({ rule: 'RT-1', field: 'lines.1.quantity' });
  });

  it('RT-1 a line not yet invoiced cannot be returned', () => {
    expect(checkReturnRequest(demoCatalog(), shippedOrder(), [ret('L3', 1)])).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
  });

  it('RT-1 quantities already returned are deducted', () => {
    const catalog = demoCatalog();
    let source = shippedOrder();
    source = post(source, calculateReturn(catalog, source, [ret('L1', 2)]), 'RMA-1');
    expect(returnedQuantity(source, 'L1')).toBe(2);
    expect(checkReturnRequest(catalog, source, [ret('L1', 2)])).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
    expect(checkReturnRequest(catalog, source, [ret('L1', 1)])).toBeNull();
  });

  it('RT-1 the quantity must be a positive whole number', () => {
    for (const quantity of [0, -1, 1.5]) {
      expect(checkReturnRequest(demoCatalog(), shippedOrder(), [ret('L1', quantity)])).toMatchObject({ rule: 'RT-1', field: 'lines.0.quantity' });
    }
  });

  it('RT-1 a line not on the original, or listed twice, is refused on its lineId', () => {
    const catalog = demoCatalog();
    expect(checkReturnRequest(catalog, shippedOrder(), [ret('L1', 1), ret('L9', 1)])).toMatchObject({ rule: 'RT-1', field: 'lines.1.lineId' });
    expect(checkReturnRequest(catalog, shippedOrder(), [ret('L1', 1), ret('L1', 1)])).toMatchObject({ rule: 'RT-1', field: 'lines.1.lineId' });
  });

  it('RT-1 a return needs at least one line', () => {
    expect(checkReturnRequest(demoCatalog(), shippedOrder(), [])).toMatchObject({ rule: 'RT-1', field: 'lines' });
  });

  it('RT-1 checkReturn on the line buckets allows invoiced minus returned only', () => {
    const p = { quantity: 5, accepted: true, pickListId: null, picked: 1, packed: 0, invoiced: 3, rejected: 0, returned: 1 };
    expect(checkReturn(p, 2)).toBeNull();
    expect(checkReturn(p, 3)).toMatchObject({ rule: 'RT-1', field: 'quantity' });
    expect(checkReturn(p, 0)).toMatchObject({ rule: 'RT-1', field: 'quantity' });
  });
});

describe('RT-2 reason codes and refund amounts', () => {
  it('RT-2 every return line needs a configured reason code', () => {
    const catalog = demoCatalog();
    expect(checkReturnRequest(catalog, shippedOrder(), [ret('L1', 1, 'CHANGED_MIND')])).toBeNull();
    expect(checkReturnRequest(catalog, shippedOrder(), [ret('L1', 1, '')])).toMatchObject({ rule: 'RT-2', field: 'lines.0.reasonCode' });
    expect(checkReturnRequest(catalog, shippedOrder(), [ret('L1', 1), ret('L2', 1, 'BROKEN')]))
      .toMatchObject({ rule: 'RT-2', field: 'lines.1.reasonCode' });
  });

  it('RT-2 return lines are negative: quantity x unit price plus the tax share', () => {
    const calc = calculateReturn(demoCatalog(), shippedOrder(), [ret('L1', 1), ret('L2', 2, 'CHANGED_MIND')]);
    expect(calc.lines).toEqual([
      // L1: 542 x 1/3 = 180.67 -> 181
      { lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED', net: -2490, tax: -181 },
      // L2: the whole line: 188
      { lineId: 'L2', quantity: 2, reasonCode: 'CHANGED_MIND', net: -2598, tax: -188 },
    ]);
  });

  it('RT-2 an untaxed return refunds a tax of exactly 0 and no shipping, never negative zero', () => {
    // Money is integer minor units and divideRounded normalises -0 to 0; a refund must not carry -0 either
    // (Object.is(-0, 0) is false, so -0 breaks deep-equality of records, e.g. replayed vs live state).
    const source: ReturnSource = {
      lines: [{ lineId: 'L1', productId: 'P-SOCKS', quantity: 2, unitPrice: 1299, taxRate: 0, invoiced: 2 }], // Oregon
      charges: [],
      returns: [],
    };
    const calc = calculateReturn(demoCatalog(), source, [ret('L1', 1)]);
    expect(calc.total).toBe(-1299);
    expect(calc.lines).toEqual([{ lineId: 'L1', quantity: 1, reasonCode: 'DAMAGED', net: -1299, tax: 0 }]);
    expect(calc.shippingRefund).toBe(0);
  });

  it('RT-2 several partial returns never refund more tax than was charged', () => {
    const catalog = demoCatalog();
    let source = shippedOrder();
    const taxes: number[] = [];
    for (const rma of ['RMA-1', 'RMA-2', 'RMA-3']) {
      const calc = calculateReturn(catalog, source, [ret('L1', 1)]);
      taxes.push(-calc.lines[0]!.tax);
      source = post(source, calc, rma);
    }
    // cumulative shares of 542: 180.67 -> 181, 361.33 -> 361 (+180), 542 (+181)
    expect(taxes).toEqual([181, 180, 181]);
    expect(sumMinor(taxes)).toBe(542);
    // Per unit each return would refund 2490 x 7.25% = 180.525 -> 181, 543 in all: 1 more than charged.
    expect(3 * percentOf(2490, 725)).toBe(543);
  });
});

describe('RT-3 charge refunds', () => {
  it('RT-3 refundable charges come back: line charges by returned quantity, header charges by returned value', () => {
    const calc = calculateReturn(demoCatalog(), shippedOrder(), [ret('L1', 1)]);
    expect(calc.charges).toEqual([
      // header FREIGHT: 995 x 2490 / 30067 = 82.40 -> 82
      { key: 'H:FREIGHT:AC-GROUND', chargeCode: 'FREIGHT', amount: -82, shipping: true },
      // L1 GIFTWRAP: 100 x 1/3 = 33.33 -> 33 (the CANCEL charge is not refundable; L2's charge is not returned)
      { key: 'L:L1:GIFTWRAP:manual', chargeCode: 'GIFTWRAP', amount: -33, shipping: false },
    ]);
    expect(calc.shippingRefund).toBe(82);
    expect(calc.needsApproval).toBe(false);
    expect(calc.total).toBe(-2786); // -2490 - 181 - 82 - 33
  });

  it('RT-3 later returns refund the rest of the cumulative charge shares', () => {
    const catalog = demoCatalog();
    let source = shippedOrder();
    source = post(source, calculateReturn(catalog, source, [ret('L1', 1)]), 'RMA-1');
    const calc = calculateReturn(catalog, source, [ret('L1', 2), ret('L2', 2)]);
    expect(calc.charges).toEqual([
      // header: 995 x (7470 + 2598) / 30067 = 333.18 -> 333, minus the 82 refunded
      { key: 'H:FREIGHT:AC-GROUND', chargeCode: 'FREIGHT', amount: -251, shipping: true },
      // GIFTWRAP: all 100, minus 33
      { key: 'L:L1:GIFTWRAP:manual', chargeCode: 'GIFTWRAP', amount: -67, shipping: false },
      // L2's FREIGHT line charge, whole line returned
      { key: 'L:L2:FREIGHT:manual', chargeCode: 'FREIGHT', amount: -300, shipping: true },
    ]);
    expect(calc.shippingRefund).toBe(551); // 251 + 300
    expect(calc.needsApproval).toBe(false); // 82 + 551 = 633 <= 1000
    // -4980 - 361 (542 - 181) - 2598 - 188 - 251 - 67 - 300
    expect(calc.total).toBe(-8745);
  });

  it('RT-3 with "refund shipping charges" off only non-shipping refundable charges come back', () => {
    const catalog = withConfig((c) => { c.parameters.refundShippingCharges = false; });
    const calc = calculateReturn(catalog, shippedOrder(), [ret('L1', 1), ret('L2', 2)]);
    expect(calc.charges).toEqual([{ key: 'L:L1:GIFTWRAP:manual', chargeCode: 'GIFTWRAP', amount: -33, shipping: false }]);
    expect(calc.shippingRefund + 0).toBe(0); // + 0: the sign of zero is checked by the RT-2 untaxed-return test
    expect(calc.needsApproval).toBe(false);
    expect(calc.total).toBe(-2490 - 181 - 2598 - 188 - 33);
  });

  it('RT-3 only charge codes marked refundable are refunded', () => {
    const catalog = withConfig((c) => {
      c.chargeCodes.find((code) => code.code === 'GIFTWRAP')!.refundable = false;
    });
    const calc = calculateReturn(catalog, shippedOrder(), [ret('L1', 3)]);
    expect(calc.charges.map((x) => x.chargeCode)).toEqual(['FREIGHT']); // header share only; no GIFTWRAP, no CANCEL
  });

  it('RT-3 cumulative shipping refunds over the maximum without approval need approval', () => {
    const catalog = withConfig((c) => { c.parameters.maxShippingRefundWithoutApproval = 500; });
    let source = shippedOrder();
    const first = calculateReturn(catalog, source, [ret('L1', 1)]);
    expect(first.shippingRefund).toBe(82);
    expect(first.needsApproval).toBe(false); // 82 <= 500
    source = post(source, first, 'RMA-1');
    const second = calculateReturn(catalog, source, [ret('L1', 2), ret('L2', 2)]);
    expect(second.shippingRefund).toBe(551);
    expect(second.needsApproval).toBe(true); // 82 + 551 = 633 > 500
  });

  it('RT-3 a return below the maximum on its own still needs approval once the cumulative total exceeds it', () => {
    const catalog = withConfig((c) => { c.parameters.maxShippingRefundWithoutApproval = 100; });
    let source = shippedOrder();
    const first = calculateReturn(catalog, source, [ret('L1', 1)]); // 82 <= 100
    expect(first.needsApproval).toBe(false);
    source = post(source, first, 'RMA-1');
    const second = calculateReturn(catalog, source, [ret('L1', 1)]); // 995 x 4980 / 30067 = 164.8 -> 165, 165 - 82 = 83
    expect(second.shippingRefund).toBe(83);
    expect(second.needsApproval).toBe(true); // 83 <= 100 alone, but 82 + 83 = 165 > 100
  });

  it('RT-3 a return refunding no shipping needs no approval', () => {
    const catalog = withConfig((c) => { c.parameters.maxShippingRefundWithoutApproval = 0; c.parameters.refundShippingCharges = false; });
    expect(calculateReturn(catalog, shippedOrder(), [ret('L1', 1)]).needsApproval).toBe(false);
  });
});

describe('refund totals over a whole order (seeded sweep)', () => {
  /** Every line fully invoiced; returned in random partial returns until nothing is left. */
  function fullyInvoicedOrder(): ReturnSource {
    const source = shippedOrder();
    return { ...source, lines: source.lines.map((l) => ({ ...l, invoiced: l.quantity })) };
  }

  it('RT-2 RT-3 partial returns add up to exactly the net, tax and refundable charges of the order', () => {
    const catalog: Catalog = demoCatalog();
    let seed = 99;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    for (let run = 0; run < 100; run++) {
      let source = fullyInvoicedOrder();
      let rma = 0;
      for (;;) {
        const open = source.lines
          .map((l) => ({ lineId: l.lineId, left: l.invoiced - returnedQuantity(source, l.lineId) }))
          .filter((l) => l.left > 0);
        if (open.length === 0) break;
        const picked = open.filter(() => random(2) === 0);
        const request = (picked.length > 0 ? picked : [open[0]!]).map((l) => ret(l.lineId, 1 + random(l.left)));
        expect(checkReturnRequest(catalog, source, request)).toBeNull();
        const calc = calculateReturn(catalog, source, request);
        for (const l of calc.lines) expect(l.net <= 0 && l.tax <= 0).toBe(true);
        for (const c of calc.charges) expect(c.amount).toBeLessThan(0);
        source = post(source, calc, `RMA-${++rma}`);
      }
      const refunded = source.returns;
      const net = 0 - sumMinor(refunded.flatMap((r) => r.lines.map((l) => l.net)));
      const tax = 0 - sumMinor(refunded.flatMap((r) => r.lines.map((l) => l.tax)));
      const byKey = (key: string) => 0 - sumMinor(refunded.flatMap((r) => r.charges.filter((c) => c.key === key).map((c) => c.amount)));
      expect(net).toBe(30_067);
      expect(tax).toBe(542 + 188 + 1450); // L3: 19999 x 7.25% = 1449.93 -> 1450
      expect(byKey('H:FREIGHT:AC-GROUND')).toBe(995);
      expect(byKey('L:L1:GIFTWRAP:manual')).toBe(100);
      expect(byKey('L:L2:FREIGHT:manual')).toBe(300);
      expect(byKey('H:CANCEL:manual')).toBe(0); // never refunded
    }
  });
});
