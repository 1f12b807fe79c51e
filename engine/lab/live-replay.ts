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
 * The pace is an executor around the chain's, for the lab's scenario runner (run-scenario.ts: references between
 * steps, streamed `.jsonl` days): it waits, then sends. The waiting is injected (`sleep`), so the pacing is tested
 * without waiting; a stop signal ends the replay before the next command (`ReplayStopped`).
 */
import { setTimeout as wait } from 'node:timers/promises';
import type { ChainResult } from '../chain.ts';

export const SPEEDS = [1, 10, 100] as const;
export type Speed = (typeof SPEEDS)[number];

/** The real time an ordinary command is given at x1, so that screens can follow it. */
export const COMMAND_PACE_MS = 1000;

/** The real time (ms) to wait before sending `command` at `speed`. */
export function waitBefore(command: unknown, speed: Speed): number {
  const { type, ms } = (typeof command === 'object' && command !== null ? command : {}) as { type?: unknown; ms?: unknown };
  return (type === 'clock.advance' && typeof ms === 'number' && ms > 0 ? ms : COMMAND_PACE_MS) / speed;
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

/** The replay was stopped (Ctrl-C) before this command: it was not sent, nor any after it. */
export class ReplayStopped extends Error {
  constructor() {
    super('the live replay was stopped');
  }
}

export interface PaceOptions {
  speed: Speed;
  sleep?: Sleep;
  /** Stops the replay before the next command. */
  signal?: AbortSignal;
}

/** `execute` at the scenario's pace: each command waits its time (see the header), then goes; throws ReplayStopped once stopped. */
export function pacedExecutor(execute: (command: unknown) => ChainResult | Promise<ChainResult>, options: PaceOptions): (command: unknown) => Promise<ChainResult> {
  const sleep = options.sleep ?? realSleep;
  return async (command) => {
    if (options.signal?.aborted === true || !(await sleep(waitBefore(command, options.speed), options.signal))) throw new ReplayStopped();
    return execute(command);
  };
}
