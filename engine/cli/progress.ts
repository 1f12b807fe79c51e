/**
 * Replay progress on stderr (stdout stays the report): a bar on a terminal, a plain line every tenth of the steps
 * otherwise (a log file or a CI job reads those, and a bar's redraws would fill it). A run of fewer than
 * PLAIN_PROGRESS_FROM steps is over before anyone reads a line: it prints none.
 */
import cliProgress from 'cli-progress';
import type { StepObserver } from '../lab/step.ts';

export const PLAIN_PROGRESS_FROM = 1000;

export interface Progress { observe: StepObserver; stop(): void }

export function replayProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY === true) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: 'replaying {bar} {percentage}% | {value}/{total} steps | {eta_formatted} left',
      // The terminal's cursor and line wrapping stay as they are, so a Ctrl-C mid-replay leaves it as it was.
      hideCursor: false,
      linewrap: true,
      clearOnComplete: true,
      etaBuffer: 1000,
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    // A redraw per step would cost more than the step: the bar moves a thousand times at most.
    const every = Math.max(1, Math.floor(total / 1000));
    return {
      observe: ({ index }) => { if ((index + 1) % every === 0 || index + 1 === total) bar.update(index + 1); },
      stop: () => bar.stop(),
    };
  }
  if (total < PLAIN_PROGRESS_FROM) return { observe: () => {}, stop: () => {} };
  let next = 1;
  return {
    observe: ({ index }) => {
      const done = index + 1;
      if (done * 10 < next * total) return;
      next = Math.floor((done * 10) / total) + 1;
      stream.write(`replayed ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} steps (${Math.floor((done * 100) / total)}%)\n`);
    },
    stop: () => {},
  };
}
