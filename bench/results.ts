/** Where the benchmarks leave their figures: `.tmp/bench/` of the repository (git-ignored), created when missing. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../.tmp/bench/', import.meta.url));

export async function resultsDir(): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return RESULTS_DIR;
}

/** Writes `.tmp/bench/<name>.json` (fractions to 3 decimals: timer noise is not a figure) and returns its path. */
export async function writeResults(name: string, figures: unknown): Promise<string> {
  const path = join(await resultsDir(), `${name}.json`);
  const rounded = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value);
  await writeFile(path, `${JSON.stringify(figures, rounded, 2)}\n`);
  return path;
}
