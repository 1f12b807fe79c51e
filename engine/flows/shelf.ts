/** On hand moves at the registers: carried-out units leave the store's shelf, returned units come back onto it. */
import type { CommandScope } from '../command-scope.ts';
import type { ProductQuantity } from '../domain/fulfillment.ts';

export function moveShelf(scope: CommandScope, storeId: string, type: 'SOLD_AT_REGISTER' | 'RETURNED_AT_REGISTER', lines: readonly ProductQuantity[]): void {
  if (lines.length === 0) return;
  scope.send('fulfillment', scope.catalog.stores.get(storeId)!.locationId, { type, lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) });
}
