/** SM-2 / SM-12: a packing slip deducts only the stock that is there (engine/domain/sales/slip-stock.ts). */
import { describe, expect, it } from 'vitest';
import { newSalesOrder, reserveLines, type NewSalesOrder } from '../../../engine/domain/sales/sales-order.ts';
import { checkSlipStock } from '../../../engine/domain/sales/slip-stock.ts';
import type { SalesOrderRecord } from '../../../engine/domain/sales/types.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

const DAY = '2027-03-01';
const names: Record<string, string> = { 'P-STOVE': 'Camp stove', 'P-TENT': 'Two-person tent' };
const name = (productId: string) => names[productId] ?? productId;

function order(type: NewSalesOrder['type'], lines: [string, number][]): SalesOrderRecord {
  const made = newSalesOrder({
    salesOrderId: 'HSO-1', type, customerAccount: 'C-1001', currency: 'USD', orderDate: DAY, ...(type === 'returnedOrder' ? { rmaNumber: 'RMA-1' } : {}),
    lines: lines.map(([productId, quantity], i) => ({ lineId: `L${i + 1}`, productId, quantity, unitPrice: 1000, requestedShipDate: DAY, warehouseId: 'HQW' })),
  });
  if (isViolation(made)) throw new Error(made.message);
  return made;
}

const stock = (productId: string, quantity: number) => ({ productId, warehouseId: 'HQW', quantity });

describe('checkSlipStock (SM-2, SM-12)', () => {
  it('SM-12 an On order line ships at most the warehouse\'s unreserved on-hand, named by its field in plain words', () => {
    const stoves = order('salesOrder', [['P-STOVE', 6]]);
    expect(checkSlipStock(stoves, [{ lineId: 'L1', quantity: 6 }], [stock('P-STOVE', 4)], name))
      .toEqual({ rule: 'SM-12', field: 'lines.0.quantity', message: 'Only 4 units of Camp stove are on hand at HQW; the packing slip asks for 6' });
    expect(checkSlipStock(stoves, [{ lineId: 'L1', quantity: 4 }], [stock('P-STOVE', 4)], name)).toBeNull();
    expect(checkSlipStock(stoves, [{ lineId: 'L1', quantity: 1 }], [], name)?.message).toBe('Only 0 units of Camp stove are on hand at HQW; the packing slip asks for 1');
  });

  it('SM-2 a Reserved line ships what is held for it, and more only from the unreserved stock', () => {
    const reserved = reserveLines(order('salesOrder', [['P-TENT', 3]]), [stock('P-TENT', 3)]);
    if (isViolation(reserved)) throw new Error(reserved.message);
    expect(reserved.lines[0]!.inventory).toBe('reserved');
    // Its three are held for it: nothing is unreserved beside them.
    expect(checkSlipStock(reserved, [{ lineId: 'L1', quantity: 3 }], [stock('P-TENT', 0)], name)).toBeNull();
  });

  it('SM-12 lines of one slip share the unreserved stock; the first line past it is named', () => {
    const tents = order('salesOrder', [['P-TENT', 3], ['P-TENT', 3]]);
    expect(checkSlipStock(tents, [{ lineId: 'L1', quantity: 3 }, { lineId: 'L2', quantity: 3 }], [stock('P-TENT', 5)], name))
      .toMatchObject({ field: 'lines.1.quantity', message: 'Only 2 units of Two-person tent are on hand at HQW; the packing slip asks for 3' });
    expect(checkSlipStock(tents, [{ lineId: 'L1', quantity: 3 }, { lineId: 'L2', quantity: 2 }], [stock('P-TENT', 5)], name)).toBeNull();
    expect(checkSlipStock(tents, [{ lineId: 'L1', quantity: 2 }], [stock('P-TENT', 1)], name)?.message).toBe('Only 1 unit of Two-person tent is on hand at HQW; the packing slip asks for 2');
  });

  it('SM-4 a returned order\'s slip receives stock and is never short', () => {
    const returned = order('returnedOrder', [['P-STOVE', -2]]);
    expect(checkSlipStock(returned, [{ lineId: 'L1', quantity: -2 }], [], name)).toBeNull();
  });
});
