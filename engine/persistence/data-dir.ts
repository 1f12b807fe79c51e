import { join } from 'node:path';

/**
 * File names inside a data directory: the one place they are spelled out. The store channel and headquarters each
 * keep their own lowdb file (configuration + snapshot) and journal, so that they can run apart.
 */
export function dataPaths(dir: string) {
  return {
    store: { snapshots: join(dir, 'store.json'), journal: join(dir, 'store.journal.jsonl') },
    headquarters: { snapshots: join(dir, 'headquarters.json'), journal: join(dir, 'headquarters.journal.jsonl') },
  };
}
