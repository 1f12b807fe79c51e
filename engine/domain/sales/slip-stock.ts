/**
 * SM-2 / SM-12: a packing slip deducts stock that is there. A line may ship what is reserved for it plus what its
 * warehouse holds unreserved (on-hand less every open reservation); lines of one slip drawing on the same
 * unreserved stock share it. A returned order's slip receives stock (SM-4) and is never short.
 */
import type { LineQuantity, StockAvailable } from './sales-order.ts';
import type { SalesOrderRecord } from './types.ts';
import { violation, type RuleViolation } from '../violation.ts';

const units = (n: number) => `${n} ${n === 1 ? 'unit' : 'units'}`;

/** Why the slip's lines cannot all leave the warehouse (the first short line named), or null. */
export function checkSlipStock(order: SalesOrderRecord, slip: readonly LineQuantity[], unreserved: readonly StockAvailable[], productName: (productId: string) => string): RuleViolation | null {
  if (order.header.type === 'returnedOrder') return null;
  const free = new Map(unreserved.map((s) => [`${s.productId}@${s.warehouseId}`, Math.max(0, s.quantity)]));
  for (const [i, { lineId, quantity }] of slip.entries()) {
    const line = order.lines.find((l) => l.lineId === lineId);
    if (line === undefined || quantity <= 0) continue;
    const key = `${line.productId}@${line.warehouseId}`;
    const reserved = line.inventory === 'reserved' ? Math.max(0, line.deliverRemainder) : 0;
    const onHand = reserved + (free.get(key) ?? 0);
    if (quantity > onHand) {
      return violation('SM-12', `Only ${units(onHand)} of ${productName(line.productId)} ${onHand === 1 ? 'is' : 'are'} on hand at ${line.warehouseId}; the packing slip asks for ${quantity}`, `lines.${i}.quantity`);
    }
    free.set(key, (free.get(key) ?? 0) - Math.max(0, quantity - reserved));
  }
  return null;
}
