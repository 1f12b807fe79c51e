/**
 * Document numbers of headquarters' sales work (RMA, packing slip, invoice) drawn from a number sequence: the
 * numbering's counter of the document's prefix, passed in and handed back moved on (never a global counter), in
 * the ids' shape (`RMA-000001`, engine/ids.ts) so the numbering's reconciliation reads them too.
 */
import type { Numbering } from '../numbering.ts';

export function drawNumber(numbering: Numbering, prefix: string): { number: string; numbering: Numbering } {
  const next = (numbering.counters[prefix] ?? 0) + 1;
  return { number: `${prefix}-${String(next).padStart(6, '0')}`, numbering: { ...numbering, counters: { ...numbering.counters, [prefix]: next } } };
}
