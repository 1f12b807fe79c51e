import { join } from 'node:path';

/** File names inside a data directory: the one place they are spelled out. */
export function dataPaths(dir: string): { store: string; journal: string } {
  return { store: join(dir, 'store.json'), journal: join(dir, 'journal.jsonl') };
}
