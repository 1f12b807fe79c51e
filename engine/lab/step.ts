/**
 * One replayed step as the lab sees it: the runner hands each to its observers (report collector, progress, path
 * coverage) right after the chain answered it, so they never need a second pass over the file.
 */
import type { ChainCommand, ChainResult } from '../chain.ts';

export interface StepOutcome {
  /** 0-based position of the step in the scenario file. */
  index: number;
  /** The `as` name the step carries, if any (for references like `$order1.orderId` in later steps). */
  name?: string | undefined;
  command: ChainCommand;
  result: ChainResult;
  /** The chain's (virtual) clock after the step, epoch ms. */
  at: number;
}

export type StepObserver = (outcome: StepOutcome) => void;
