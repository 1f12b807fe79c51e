/**
 * "Did you mean": the known name closest to a mistyped one (edit distance, case-insensitive). A local helper until
 * a shared one exists in engine/domain.
 */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest candidate, if it is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const score = distance(wanted, name.toLowerCase());
    if (best === undefined || score < best.score) best = { name, score };
  }
  return best !== undefined && best.score <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

/** ` (did you mean "x"?)`, else the names to choose from when they are few, else nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  return candidates.length > 0 && candidates.length <= 12 ? ` (one of: ${candidates.join(', ')})` : '';
}
