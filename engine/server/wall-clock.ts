/**
 * The live server's clock follows wall time: every `everyMs` it advances the chain's clock by the wall time that
 * passed (`clock.advance`, journaled like any command, so scheduled jobs run by themselves as they fall due). A step
 * is at most `maxStepMs`: after the machine slept or the event loop stalled, the chain moves on by that much rather
 * than running hours of jobs at once. Scenario replays and `--virtual-clock` keep the virtual clock (no wall clock).
 */
import type { ChainResult } from '../chain.ts';

export interface WallClockOptions {
  /** How often the clock moves (ms; default 15 s). */
  everyMs?: number;
  /** The most one step moves it (ms; default an hour). */
  maxStepMs?: number;
  /** Wall time (ms; injectable for tests). */
  now?: () => number;
  /** The timer (injectable for tests); it calls `tick` every `everyMs`. */
  every?: (tick: () => void, ms: number) => { stop(): void };
}

export interface WallClock {
  /** Moves the chain's clock by the wall time passed since the last step (what the timer calls). */
  tick(): Promise<ChainResult | null>;
  stop(): void;
}

const intervalTimer = (tick: () => void, ms: number) => {
  const timer = setInterval(tick, ms);
  timer.unref(); // the clock alone never keeps the process up
  return { stop: () => clearInterval(timer) };
};

/** Starts moving the chain's clock with wall time through `execute` (the durable chain's command path). */
export function followWallClock(execute: (command: { type: 'clock.advance'; ms: number }) => Promise<ChainResult>, options: WallClockOptions = {}): WallClock {
  const { everyMs = 15_000, maxStepMs = 3_600_000, now = Date.now, every = intervalTimer } = options;
  let last = now();
  let running: Promise<ChainResult | null> | null = null;
  let reported = '';
  const step = async (): Promise<ChainResult | null> => {
    const at = now();
    const ms = Math.min(at - last, maxStepMs);
    last = at;
    if (ms <= 0) return null;
    const result = await execute({ type: 'clock.advance', ms });
    // Said once per reason, not every 15 s while it lasts (the journal failed, too many jobs due...).
    const problem = result.ok ? '' : `${result.error.rule}: ${result.error.message}`;
    if (problem !== '' && problem !== reported) console.warn(`wall clock: the clock did not move (${problem})`);
    reported = problem;
    return result;
  };
  const tick = (): Promise<ChainResult | null> => {
    // A step still running (its jobs take a while) is not overlapped: the next one takes the time it missed.
    if (running !== null) return running;
    running = step().finally(() => { running = null; });
    return running;
  };
  const timer = every(() => { void tick(); }, everyMs);
  return { tick, stop: () => timer.stop() };
}
