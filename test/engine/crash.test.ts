/**
 * Issue 9: the crash test that stays in the suite. A writer is stopped at many points and the data directory it left
 * is reopened and checked each time (fixtures/crash-check.ts): no acknowledged command lost, no id issued twice,
 * headquarters equal to an uninterrupted run of the day at a point no earlier than the last acknowledgement.
 *
 * - Every journal write boundary of a scripted day: the day runs once with its writes traced; for every moment after
 *   a write or an fsync, the directory is rebuilt as a crash then would have left it: a killed process (everything
 *   written is there), a power cut (only what was synced), a power cut that spared one journal's unsynced writes but
 *   not the other's, and a final line torn in the middle.
 * - Random SIGKILLs of a writer process under load (4 commands in flight, fsync on).
 *
 * `npm test` runs a short day and a few kills (about 30 s); `npm run test:soak` (SOAK=1) a long day, every moment, and
 * many kills. The figures are printed.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { demoChainConfig } from '../fixtures/chain.ts';
import { checkRecovery, dayCommandId, type RecoveryFigures } from './fixtures/crash-check.ts';
import { CRASH_SEED, crashDay } from './fixtures/crash-day.ts';
import { SIDES, TracedDisk, type DiskMoment, type Side } from './fixtures/traced-disk.ts';
import { killWhen } from './fixtures/kill-writer.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const SOAK = process.env.SOAK === '1';
const PLAN = SOAK
  ? { boundaryDay: 400, boundaryImages: Infinity, killDay: 600, kills: 40, timeout: 1_800_000 }
  : { boundaryDay: 60, boundaryImages: 160, killDay: 240, kills: 4, timeout: 60_000 };

const tempDir = useTempDirs('engine-crash-');
// Reopening cuts torn lines with a warning: expected here, thousands of times.
beforeEach(() => { vi.spyOn(console, 'warn').mockImplementation(() => {}); });
afterEach(() => { vi.restoreAllMocks(); });

const tally = () => ({ reopens: 0, acknowledged: 0, lost: 0, reusedIds: 0 });
const totals = { boundaries: tally(), kills: tally() };
afterAll(() => {
  const line = ({ reopens, acknowledged, lost, reusedIds }: ReturnType<typeof tally>, what: string) => `${reopens} ${what}: ${acknowledged} acknowledged commands checked, ${lost} lost, ${reusedIds} ids reused`;
  console.log(`crash test${SOAK ? ' (soak)' : ''}: ${line(totals.boundaries, 'crashes at write boundaries')}; ${line(totals.kills, 'SIGKILLs under load')}`);
});

function add(part: ReturnType<typeof tally>, figures: RecoveryFigures, where: string): void {
  part.reopens += 1;
  part.acknowledged += figures.acknowledged;
  part.lost += figures.lost;
  part.reusedIds += figures.reusedIds;
  expect(figures.problems, where).toEqual([]);
}

/** The bytes of each journal a crash at `moment` leaves, as each way of crashing would. */
function crashes(moment: DiskMoment): { name: string; bytes: Record<Side, number> }[] {
  const { written, synced } = moment;
  const torn = (side: Side) => Math.max(synced[side], written[side] - 7);
  return [
    { name: 'killed', bytes: written },
    { name: 'power cut', bytes: synced },
    { name: 'store lost its unsynced writes', bytes: { store: synced.store, headquarters: written.headquarters } },
    { name: 'headquarters lost its unsynced writes', bytes: { store: written.store, headquarters: synced.headquarters } },
    { name: 'store line torn', bytes: { store: torn('store'), headquarters: written.headquarters } },
    { name: 'headquarters line torn', bytes: { store: written.store, headquarters: torn('headquarters') } },
  ];
}

describe('issue 9 crash test', () => {
  it('a crash at every journal write boundary of a scripted day loses no acknowledged command and reuses no id', async () => {
    const day = crashDay(PLAN.boundaryDay);
    const dir = await tempDir();
    const disk = new TracedDisk();
    const durable = await DurableChain.open(dir, { config: demoChainConfig(), seed: CRASH_SEED, snapshotEvery: 25, files: disk });
    /** Each acknowledged command's answer, and the number of moments on disk when it was given. */
    const acknowledgedAt: { index: number; moments: number; answer: unknown }[] = [];
    for (let i = 0; i < day.commands.length; i += 4) {
      await Promise.all(day.commands.slice(i, i + 4).map(async (command, j) => {
        const answer = await durable.execute(command, { commandId: dayCommandId(i + j) });
        expect(answer.ok).toBe(true);
        acknowledgedAt.push({ index: i + j, moments: disk.moments.length, answer: JSON.parse(JSON.stringify(answer)) });
      }));
    }
    await durable.close();
    const journals = Object.fromEntries(await Promise.all(SIDES.map(async (side) => [side, await readFile(join(dir, `${side}.journal.jsonl`))]))) as Record<Side, Buffer>;

    const seen = new Set<string>();
    const images: { moment: number; name: string; bytes: Record<Side, number> }[] = [];
    disk.moments.forEach((moment, i) => {
      for (const crash of crashes(moment)) {
        const key = `${crash.bytes.store}/${crash.bytes.headquarters}/${moment.manifest.store}/${moment.manifest.headquarters}`;
        if (!seen.has(key)) images.push({ moment: i + 1, ...crash });
        seen.add(key);
      }
    });
    // The short run checks an even spread of them; the soak run every one.
    const step = Math.max(1, images.length / PLAN.boundaryImages);
    for (let at = 0; at < images.length; at += step) {
      const image = images[Math.floor(at)]!;
      const imageDir = join(await tempDir(), 'data');
      if (!await disk.image(imageDir, disk.moments[image.moment - 1]!, image.bytes, journals)) continue;
      const acknowledged = new Map(acknowledgedAt.filter((a) => a.moments <= image.moment).map((a) => [a.index, a.answer]));
      add(totals.boundaries, await checkRecovery(imageDir, day, acknowledged), `${image.name} after moment ${image.moment} of ${disk.moments.length}`);
      await rm(imageDir, { recursive: true, force: true });
    }
    expect(totals.boundaries.reopens).toBeGreaterThan(Math.min(50, images.length / 2));
  }, PLAN.timeout);

  it('random SIGKILLs of a writer under load lose no acknowledged command and reuse no id', async () => {
    const day = crashDay(PLAN.killDay);
    const writer = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
    // A fixed sequence of kill points (reproducible), spread over the day.
    let seed = 2024;
    const random = () => { seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0; return seed / 2 ** 32; };
    for (let kill = 0; kill < PLAN.kills; kill++) {
      const dir = await tempDir();
      const killAt = 5 + Math.floor(random() * (day.commands.length - 10));
      const acknowledged = new Map<number, unknown>();
      await killWhen(writer, [dir, String(PLAN.killDay), '4'], (line) => {
        const match = /^ack (\d+) (.*)$/.exec(line);
        if (match !== null) acknowledged.set(Number(match[1]), JSON.parse(match[2]!) as unknown);
        return acknowledged.size >= killAt;
      });
      add(totals.kills, await checkRecovery(dir, day, acknowledged), `kill ${kill + 1} after ${acknowledged.size} acknowledgements`);
    }
  }, PLAN.timeout);
});
