/**
 * CO-17 (decision): choosing a ship-from or pickup location shows each location's available quantity for the lines;
 * a location that cannot cover them is flagged short and stays selectable (the order may wait for stock).
 * Available = on hand less the units the location's open order lines will still take off the shelf.
 */
import { openQuantity, type LineProgress } from './fulfillment.ts';

/** A line to place: its product and the units wanted. */
export interface WantedLine { lineId: string; productId: string; quantity: number }
export interface LineAvailability extends WantedLine { available: number; short: boolean }
export interface LocationAvailability { locationId: string; lines: LineAvailability[]; short: boolean }

/** Units of each of `productIds` a location can still promise: on hand less what its open lines will pick. */
export function availableUnits(
  productIds: ReadonlySet<string>,
  onHand: (productId: string) => number,
  openLines: Iterable<{ productId: string; progress: LineProgress }>,
): Map<string, number> {
  const available = new Map([...productIds].map((id) => [id, Math.max(0, onHand(id))]));
  for (const line of openLines) {
    const units = available.get(line.productId);
    if (units !== undefined) available.set(line.productId, units - openQuantity(line.progress));
  }
  return new Map([...available].map(([id, units]) => [id, Math.max(0, units)]));
}

/** CO-17: each wanted line with what the location has; lines of one product count together against it. */
export function locationAvailability(locationId: string, wanted: readonly WantedLine[], available: ReadonlyMap<string, number>): LocationAvailability {
  const wantedOf = new Map<string, number>();
  for (const line of wanted) wantedOf.set(line.productId, (wantedOf.get(line.productId) ?? 0) + line.quantity);
  const lines = wanted.map((line) => {
    const units = available.get(line.productId) ?? 0;
    return { ...line, available: units, short: wantedOf.get(line.productId)! > units };
  });
  return { locationId, lines, short: lines.some((l) => l.short) };
}
