/** Replay progress on stderr: a bar on a terminal, plain lines every 10% otherwise, nothing for a short run. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { replayProgress } from '../../engine/cli/progress.ts';
import type { StepOutcome } from '../../engine/lab/step.ts';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(out, { isTTY, columns: 100, text: () => chunks.join('') });
  return out;
}

const step = (index: number) => ({ index }) as StepOutcome;

describe('replay progress', () => {
  it('off a terminal: a line at each tenth of a long run, none for a short one', () => {
    const out = stream(false);
    const progress = replayProgress(2_500, out);
    for (let i = 0; i < 2_500; i++) progress.observe(step(i));
    progress.stop();
    expect(out.text().split('\n').filter(Boolean)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((pct) => `replayed ${(pct * 25).toLocaleString('en-US')} of 2,500 steps (${pct}%)`));
    const short = stream(false);
    const quiet = replayProgress(999, short);
    for (let i = 0; i < 999; i++) quiet.observe(step(i));
    expect(short.text()).toBe('');
  });

  it('on a terminal: a bar redrawn as the steps go (a few times a second at most), cleared when the replay ends', async () => {
    const out = stream(true);
    const progress = replayProgress(50, out);
    expect(out.text()).toMatch(/replaying .* 0% \| 0\/50 steps/);
    for (let i = 0; i < 25; i++) progress.observe(step(i));
    await new Promise((done) => setTimeout(done, 250));
    expect(out.text()).toMatch(/replaying .* 50% \| 25\/50 steps/);
    progress.stop();
    expect(out.text()).toMatch(/\x1b\[2K$/); // the bar's line is erased: the report starts on a clean line
    // Neither the cursor nor line wrapping is switched off: a Ctrl-C mid-replay leaves the terminal as it was.
    expect(out.text()).not.toMatch(/\x1b\[\?(25l|7l)/);
  });
});
