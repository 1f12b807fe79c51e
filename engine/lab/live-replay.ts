/**
 * Live replay: a scenario's steps sent to a running chain at a chosen speed, so that people watching its screens see
 * the scenario happen. The pace follows the scenario's virtual clock, scaled by the speed (x1, x10, x100):
 *
 * - a `clock.advance` of N minutes takes N minutes / speed of real time: the replay waits that long, then sends the
 *   advance as the scenario wrote it, in one command (the scheduled jobs it runs carry their own virtual times, and
 *   the chain ends exactly as `run` leaves it: the same commands, none added);
 * - every other command takes no virtual time, but a person needs some to see it: each is given COMMAND_PACE_MS
 *   (one second) / speed before it is sent, about the pace of a quick cashier at x1.
 *
 * The waiting is injected (`sleep`), so the pacing is tested without waiting; a signal stops the replay between steps.
 */
import { setTimeout as wait } from 'node:timers/promises';
import type { ChainCommand, ChainResult } from '../chain.ts';
import type { StepObserver } from './step.ts';

export const SPEEDS = [1, 10, 100] as const;
export type Speed = (typeof SPEEDS)[number];

/** The real time an ordinary command is given at x1, so that screens can follow it. */
export const COMMAND_PACE_MS = 1000;

/** The real time (ms) to wait before sending `command` at `speed`. */
export function waitBefore(command: ChainCommand, speed: Speed): number {
  return (command.type === 'clock.advance' ? command.ms : COMMAND_PACE_MS) / speed;
}

/** Waits `ms` of real time; resolves early (false) when the signal stops the replay. */
export type Sleep = (ms: number, signal: AbortSignal | undefined) => Promise<boolean>;

export const realSleep: Sleep = async (ms, signal) => {
  try {
    await wait(ms, undefined, { signal });
    return true;
  } catch (error) {
    if (signal?.aborted === true) return false;
    throw error;
  }
};

export interface LiveReplayOptions {
  speed: Speed;
  sleep?: Sleep;
  /** Stops the replay between steps (Ctrl-C). */
  signal?: AbortSignal;
  /** Hears each step once the chain answered it. */
  observe?: StepObserver;
  /** The chain's virtual clock (a step's outcome carries it). */
  now: () => number;
}

export interface LiveReplayRun {
  accepted: number;
  refused: number;
  /** The steps sent (fewer than the scenario's when stopped). */
  sent: number;
  stopped: boolean;
}

/** Sends the steps at the scenario's pace (see the header); resolves when all were sent, or the signal stopped it. */
export async function liveReplay(steps: readonly ChainCommand[], execute: (command: ChainCommand) => Promise<ChainResult>, options: LiveReplayOptions): Promise<LiveReplayRun> {
  const sleep = options.sleep ?? realSleep;
  const run: LiveReplayRun = { accepted: 0, refused: 0, sent: 0, stopped: false };
  for (const [index, command] of steps.entries()) {
    if (options.signal?.aborted === true || !(await sleep(waitBefore(command, options.speed), options.signal))) {
      run.stopped = true;
      break;
    }
    const result = await execute(command);
    run.sent += 1;
    if (result.ok) run.accepted += 1;
    else run.refused += 1;
    options.observe?.({ index, command, result, at: options.now() });
  }
  return run;
}
