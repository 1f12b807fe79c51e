/**
 * The live server's clock follows wall time (engine/server/wall-clock.ts): each step advances the chain's clock by
 * the wall time that passed, through the durable command path, so scheduled jobs run by themselves.
 */
import { describe, expect, it } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { followWallClock } from '../../engine/server/wall-clock.ts';
import { useTempDirs } from '../engine/fixtures/temp-dirs.ts';
import { demoChainConfig } from '../fixtures/chain.ts';

const tempDir = useTempDirs('wall-clock-');

/** A hand-driven wall: time moves when the test says, and the timer fires when the test says. */
function handWall(start: number) {
  let now = start;
  let fire: (() => void) | null = null;
  let everyMs = 0;
  return {
    now: () => now,
    every: (tick: () => void, ms: number) => { fire = tick; everyMs = ms; return { stop: () => { fire = null; } }; },
    pass(ms: number) { now += ms; },
    get running() { return fire !== null; },
    get everyMs() { return everyMs; },
  };
}

describe('wall clock', () => {
  it('advances the chain by the wall time that passed, journaled, and runs the schedules that fall due', async () => {
    const dir = await tempDir();
    const startAt = Date.UTC(2026, 10, 23, 9);
    const durable = await DurableChain.open(dir, { config: demoChainConfig(), startAt });
    expect(await durable.execute({ type: 'headquarters.schedule', job: 'P-job', everyMinutes: 2 })).toMatchObject({ ok: true });
    const wall = handWall(1_000_000);
    const clock = followWallClock((command) => durable.execute(command), { now: wall.now, every: wall.every });
    try {
      expect(wall.everyMs).toBe(15_000);
      expect(await clock.tick()).toBeNull(); // no time passed: nothing journaled
      wall.pass(15_000);
      const step = await clock.tick();
      expect(step).toMatchObject({ ok: true, command: { type: 'clock.advance', ms: 15_000 } });
      expect(durable.chain.now).toBe(startAt + 15_000);
      wall.pass(20 * 60_000);
      const later = await clock.tick();
      expect(later).toMatchObject({ ok: true, result: { jobsRun: expect.arrayContaining([expect.objectContaining({ job: 'P-job' })]) } });
    } finally {
      clock.stop();
      await durable.close();
    }
    expect(wall.running).toBe(false);
    // The steps were journaled like any command: a reopened chain reads the same time.
    const reopened = await DurableChain.open(dir);
    expect(reopened.chain.now).toBe(startAt + 15_000 + 20 * 60_000);
    await reopened.close();
  });

  it('moves at most maxStepMs in one step (after the machine slept), and overlapping ticks make one step', async () => {
    const dir = await tempDir();
    const startAt = Date.UTC(2026, 10, 23, 9);
    const durable = await DurableChain.open(dir, { config: demoChainConfig(), startAt });
    const wall = handWall(0);
    const clock = followWallClock((command) => durable.execute(command), { now: wall.now, every: wall.every, maxStepMs: 3_600_000 });
    try {
      wall.pass(10 * 3_600_000);
      const [first, second] = await Promise.all([clock.tick(), clock.tick()]);
      expect(first).toBe(second);
      expect(durable.chain.now).toBe(startAt + 3_600_000);
    } finally {
      clock.stop();
      await durable.close();
    }
  });
});
