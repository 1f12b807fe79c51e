/**
 * Live replay's pacing with a fake sleep: the waits follow the scenario's virtual clock at the chosen speed, every
 * step is sent in order and observed, and a stop signal ends the replay between steps.
 */
import { describe, expect, it } from 'vitest';
import type { ChainCommand, ChainResult } from '../../engine/chain.ts';
import { COMMAND_PACE_MS, liveReplay, realSleep, waitBefore, type Sleep } from '../../engine/lab/live-replay.ts';
import type { StepOutcome } from '../../engine/lab/step.ts';

const steps = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 },
  { type: 'clock.advance', ms: 10 * 60_000 },
  { type: 'headquarters.runJob', job: 'P-job' },
] as ChainCommand[];

/** A chain that refuses the unknown product and moves its clock on an advance. */
function fakeChain() {
  const sent: ChainCommand[] = [];
  let now = 0;
  const execute = async (command: ChainCommand): Promise<ChainResult> => {
    sent.push(command);
    if (command.type === 'clock.advance') now += command.ms;
    if (command.type === 'register.addItem') return { ok: false, error: { rule: 'NOT_FOUND', field: 'productId', message: 'no product' } };
    return { ok: true, seq: sent.length, at: now, command, result: {} };
  };
  return { sent, execute, now: () => now };
}

/** A sleep that waits for nothing and notes how long it was asked to wait. */
function fakeSleep(onWait: (ms: number) => void = () => {}): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => { waits.push(ms); onWait(ms); return true; } };
}

describe('live replay pacing', () => {
  it('a clock advance takes its virtual time / speed; an ordinary command one second / speed', () => {
    expect(COMMAND_PACE_MS).toBe(1000);
    expect(waitBefore({ type: 'clock.advance', ms: 600_000 }, 10)).toBe(60_000);
    expect(waitBefore({ type: 'clock.advance', ms: 600_000 }, 100)).toBe(6_000);
    expect(waitBefore(steps[0]!, 1)).toBe(1000);
    expect(waitBefore(steps[0]!, 100)).toBe(10);
  });

  it('sends every step in order after its wait, refusals included, and tells the observer each one with the clock', async () => {
    for (const speed of [1, 10, 100] as const) {
      const chain = fakeChain();
      const { sleep, waits } = fakeSleep();
      const seen: StepOutcome[] = [];
      const run = await liveReplay(steps, chain.execute, { speed, sleep, now: chain.now, observe: (step) => seen.push(step) });
      expect(run).toEqual({ accepted: 3, refused: 1, sent: 4, stopped: false });
      expect(chain.sent).toEqual(steps);
      expect(waits).toEqual([1000 / speed, 1000 / speed, 600_000 / speed, 1000 / speed]);
      expect(seen.map((s) => [s.index, s.command.type, s.result.ok, s.at])).toEqual([
        [0, 'register.openShift', true, 0], [1, 'register.addItem', false, 0], [2, 'clock.advance', true, 600_000], [3, 'headquarters.runJob', true, 600_000],
      ]);
    }
  });

  it('the wait comes before its step: an advance is sent once its time has passed', async () => {
    const chain = fakeChain();
    const order: string[] = [];
    const { sleep } = fakeSleep((ms) => order.push(`wait ${ms}`));
    await liveReplay(steps.slice(2, 3), async (command) => { order.push(`send ${command.type}`); return chain.execute(command); }, { speed: 10, sleep, now: chain.now });
    expect(order).toEqual(['wait 60000', 'send clock.advance']);
  });

  it('a stop signal ends the replay between steps: what was sent stays, nothing more goes', async () => {
    const chain = fakeChain();
    const stop = new AbortController();
    const sleep: Sleep = async (_ms, signal) => {
      if (chain.sent.length === 2) stop.abort(); // Ctrl-C during the wait before the advance
      return !(signal?.aborted ?? false);
    };
    const run = await liveReplay(steps, chain.execute, { speed: 100, sleep, signal: stop.signal, now: chain.now });
    expect(run).toEqual({ accepted: 1, refused: 1, sent: 2, stopped: true });
    expect(chain.sent).toEqual(steps.slice(0, 2));
  });

  it('the real sleep waits, and returns early when stopped', async () => {
    const started = Date.now();
    expect(await realSleep(30, undefined)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 10);
    const early = Date.now();
    expect(await realSleep(10_000, stop.signal)).toBe(false);
    expect(Date.now() - early).toBeLessThan(5_000);
  });
});
