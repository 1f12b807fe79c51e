/**
 * "Did you mean": the known name closest to a misspelt one (edit distance with transpositions), so a typo in a
 * configuration key, a product id or a flag is answered with the name that was meant.
 */

/** Edits (insert, delete, substitute, swap two neighbours) from one word to the other, case-insensitive. */
export function editDistance(from: string, to: string): number {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  // Three rows of the dynamic-programming table: two back for transpositions.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && a[length]!.toLowerCase() === b[length]?.toLowerCase()) length += 1;
  return length;
}

/**
 * The candidate closest to `word`, if it is close enough to be a typo of it: at most a third of the word's letters
 * differ (at least one edit allowed), or one name contains the other (`defaultDeposit` for `defaultDepositPct`).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number; prefix: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    if (distance === 0 && name !== word) return name; // differs only in case
    const typo = distance <= limit;
    const contained = Math.min(word.length, name.length) >= 3 && (name.toLowerCase().includes(word.toLowerCase()) || word.toLowerCase().includes(name.toLowerCase()));
    if (!typo && !contained) continue;
    // Equally close: the one that starts like the word (`W2` is nearer `W1` than `S2`).
    const prefix = commonPrefix(word, name);
    if (best === undefined || distance < best.distance || (distance === best.distance && prefix > best.prefix)) best = { name, distance, prefix };
  }
  return best?.name;
}

/** ` (did you mean "X"?)` when a candidate is close, else nothing: appended to an "unknown ..." message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const name = closest(word, candidates);
  return name === undefined ? '' : ` (did you mean "${name}"?)`;
}
