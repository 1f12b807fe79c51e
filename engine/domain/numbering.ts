/**
 * Where the store channel's numbering stands: a counter per id prefix (`CO`, `T-R1`, `INV`...) and the state of its
 * seeded random stream (GUIDs, tokens). Headquarters keeps the furthest numbering the channel has shown it (the
 * whole numbering with each upload; the ids a real-time call holds and the stream's state with each call), so that a
 * channel that lost work headquarters saw (or came back from a backup) moves past it and never issues an id twice.
 *
 * The random stream is mulberry32: its state walks a single cycle of 2^32 values by a fixed step, so two states can
 * be compared by how many draws lie between them.
 */
export interface Numbering { counters: Record<string, number>; rng: number }

/** The step mulberry32 adds to its state on every draw. */
export const RNG_STEP = 0x6d2b79f5;

/** The inverse of RNG_STEP modulo 2^32 (Newton's iteration: each round doubles the bits that are right). */
const RNG_STEP_INVERSE = (() => {
  let inverse = RNG_STEP;
  for (let round = 0; round < 5; round++) inverse = Math.imul(inverse, 2 - Math.imul(RNG_STEP, inverse));
  return inverse >>> 0;
})();

/** How many draws take the stream from state `from` to state `to` (modulo 2^32). */
function drawsBetween(from: number, to: number): number {
  return Math.imul((to - from) >>> 0, RNG_STEP_INVERSE) >>> 0;
}

/** Whether the stream at state `a` has gone further than at state `b` (within half the cycle: 2^31 draws). */
export function rngAhead(a: number, b: number): boolean {
  const draws = drawsBetween(b, a);
  return draws !== 0 && draws < 2 ** 31;
}

/** The furthest of two numberings, counter by counter and stream by stream (`known` itself when `sent` is no further). */
export function furthest(known: Numbering | null, sent: Numbering): Numbering {
  if (known === null) return { counters: { ...sent.counters }, rng: sent.rng };
  const ahead = Object.entries(sent.counters).filter(([prefix, n]) => (known.counters[prefix] ?? 0) < n);
  const rng = rngAhead(sent.rng, known.rng) ? sent.rng : known.rng;
  return ahead.length === 0 && rng === known.rng ? known : { counters: { ...known.counters, ...Object.fromEntries(ahead) }, rng };
}

/** The numbers of ids shaped `<prefix>-<digits>` (`CO-000042`, `T-R1-000007`), by prefix. */
export function numbersIn(ids: readonly string[]): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const id of ids) {
    const match = /^(.+)-(\d+)$/.exec(id);
    if (match !== null) counters[match[1]!] = Math.max(counters[match[1]!] ?? 0, Number(match[2]));
  }
  return counters;
}

/** What of `seen` lies ahead of `current`: the counters to move on, and the stream's state if it is further (null: nothing). */
export function numberingBehind(current: Numbering, seen: Numbering): { counters: Record<string, number>; rng?: number } | null {
  const counters = Object.fromEntries(Object.entries(seen.counters).filter(([prefix, n]) => (current.counters[prefix] ?? 0) < n));
  const rngBehind = rngAhead(seen.rng, current.rng);
  if (Object.keys(counters).length === 0 && !rngBehind) return null;
  return rngBehind ? { counters, rng: seen.rng } : { counters };
}
