/**
 * Builds the server benchmark's history (forked by bench/server.ts, so that the generator's engines never weigh on
 * the load generator's heap): a synthetic day of about `targetCommands` commands on the bench's chain configuration,
 * replayed in order into a data directory through DurableChain.execute (fsync off: a throwaway directory, and its
 * figures are not timed), as a server running that day would have journaled and snapshotted it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableChain } from '../engine/persistence/durable-chain.ts';
import type { DemoChainConfigInput } from '../test/fixtures/chain.ts';
import type { BuildHistory, FromHistory } from './server-protocol.ts';
import { generateSyntheticDay } from './synthetic-day.ts';

/** Commands in flight while replaying: the journal's group commit takes them in batches, in call order. */
const IN_FLIGHT = 256;
const MB = 1024 * 1024;

function send(message: FromHistory): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error === null ? resolve() : reject(error))));
}

async function megabytes(dir: string, holds: (file: string) => boolean): Promise<number> {
  const sizes = await Promise.all((await readdir(dir)).filter(holds).map(async (f) => (await stat(join(dir, f))).size));
  return sizes.reduce((s, n) => s + n, 0) / MB;
}

async function build(job: BuildHistory): Promise<void> {
  const generating = performance.now();
  const day = generateSyntheticDay({ config: job.config as DemoChainConfigInput, engineSeed: job.engineSeed, targetCommands: job.targetCommands });
  const generateMs = performance.now() - generating;
  const replaying = performance.now();
  // One snapshot at the end instead of one every 1000 commands: the same latest snapshot and journals a server that
  // ran the day leaves (opening reads every journal entry either way), without writing a growing state 100 times.
  const durable = await DurableChain.open(job.dataDir, { config: day.config, seed: day.engineSeed, fsync: false, snapshotEvery: 0 });
  let next = 0;
  const lane = async () => {
    while (next < day.commands.length) {
      const index = next++;
      // execute applies the command before its first await: commands apply in list order whatever the lanes do.
      const result = await durable.execute(day.commands[index]);
      if (!result.ok) throw new Error(`history command #${index + 1} ${JSON.stringify(day.commands[index])} refused: ${JSON.stringify(result.error)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const { store, headquarters } = durable.chain;
  if (store.seq !== day.engine.store.seq || headquarters.seq !== day.engine.headquarters.seq) {
    throw new Error(`the replay ends at store ${store.seq} / headquarters ${headquarters.seq}, the generated day at ${day.engine.store.seq} / ${day.engine.headquarters.seq}`);
  }
  await durable.snapshot();
  await durable.close();
  await send({
    type: 'built', commands: day.commands.length, storeSeq: store.seq, headquartersSeq: headquarters.seq, generateMs, replayMs: performance.now() - replaying,
    // A snapshot is its manifest (`<side>.json`) and its records (`<side>.snapshot-<seq>.jsonl`).
    journalMB: await megabytes(job.dataDir, (f) => f.endsWith('.journal.jsonl')),
    snapshotMB: await megabytes(job.dataDir, (f) => f.endsWith('.json') || f.includes('.snapshot-')),
  });
}

process.once('message', (message: BuildHistory) => {
  build(message).then(
    () => process.disconnect(),
    async (error: unknown) => {
      await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => {});
      process.exit(1);
    },
  );
});
