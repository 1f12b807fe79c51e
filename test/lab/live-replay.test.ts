/**
 * Live replay's pacing with a fake sleep: each command waits its time on the scenario's virtual clock at the chosen
 * speed before it goes, in order; a stop signal ends the replay before the next command.
 */
import { describe, expect, it } from 'vitest';
import type { ChainResult } from '../../engine/chain.ts';
import { COMMAND_PACE_MS, pacedExecutor, realSleep, ReplayStopped, waitBefore, type Sleep } from '../../engine/lab/live-replay.ts';

const steps = [
  { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
  { type: 'register.addItem', registerId: 'R1', productId: 'P-NONE', quantity: 1 },
  { type: 'clock.advance', ms: 10 * 60_000 },
  { type: 'headquarters.runJob', job: 'P-job' },
];

/** The order things happened in: each wait and each command sent. */
function recorder() {
  const order: string[] = [];
  const sleep: Sleep = async (ms) => { order.push(`wait ${ms}`); return true; };
  const execute = async (command: unknown): Promise<ChainResult> => {
    order.push(`send ${(command as { type: string }).type}`);
    return { ok: false, error: { rule: 'TEST', message: 'answered' } };
  };
  return { order, sleep, execute };
}

describe('live replay pacing', () => {
  it('a clock advance takes its virtual time / speed; any other command one second / speed', () => {
    expect(COMMAND_PACE_MS).toBe(1000);
    expect(waitBefore({ type: 'clock.advance', ms: 600_000 }, 10)).toBe(60_000);
    expect(waitBefore({ type: 'clock.advance', ms: 600_000 }, 100)).toBe(6_000);
    expect(waitBefore(steps[0], 1)).toBe(1000);
    expect(waitBefore(steps[0], 100)).toBe(10);
    // A malformed advance (the chain refuses it) is paced as an ordinary command.
    expect(waitBefore({ type: 'clock.advance', ms: 'soon' }, 10)).toBe(100);
  });

  it('each command waits its time, then goes, in order, at every speed; the answer is the chain\'s', async () => {
    for (const speed of [1, 10, 100] as const) {
      const { order, sleep, execute } = recorder();
      const paced = pacedExecutor(execute, { speed, sleep });
      for (const step of steps) expect(await paced(step)).toEqual({ ok: false, error: { rule: 'TEST', message: 'answered' } });
      expect(order).toEqual([
        `wait ${1000 / speed}`, 'send register.openShift', `wait ${1000 / speed}`, 'send register.addItem',
        `wait ${600_000 / speed}`, 'send clock.advance', `wait ${1000 / speed}`, 'send headquarters.runJob',
      ]);
    }
  });

  it('a stop during a wait ends the replay: that command and every later one are not sent', async () => {
    const { order, execute } = recorder();
    const stop = new AbortController();
    const sleep: Sleep = async (ms, signal) => {
      order.push(`wait ${ms}`);
      if (ms === 6_000) stop.abort(); // Ctrl-C while waiting for the advance
      return !(signal?.aborted ?? false);
    };
    const paced = pacedExecutor(execute, { speed: 100, sleep, signal: stop.signal });
    await paced(steps[0]);
    await paced(steps[1]);
    await expect(paced(steps[2])).rejects.toThrow(ReplayStopped);
    await expect(paced(steps[3])).rejects.toThrow('the live replay was stopped');
    expect(order).toEqual(['wait 10', 'send register.openShift', 'wait 10', 'send register.addItem', 'wait 6000']);
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
