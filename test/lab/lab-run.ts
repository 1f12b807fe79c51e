/**
 * Replays a scenario with the report collector observing every step, as `storefront run --report` does: the lab
 * tests' stand-in for the run command's replay loop (each step executed on the chain, its outcome handed on).
 */
import { fileURLToPath } from 'node:url';
import type { Chain, ChainCommand } from '../../engine/chain.ts';
import { createReportCollector } from '../../engine/lab/report-collector.ts';
import type { StepObserver } from '../../engine/lab/step.ts';
import type { LabReport } from '../../engine/lab/lab-report.ts';
import { chainFor, loadScenario } from '../../engine/scenario.ts';

export const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Executes the steps in turn, handing each outcome to the observer. */
export function replay(chain: Chain, observe: StepObserver, steps: readonly unknown[]): void {
  steps.forEach((step, index) => {
    const result = chain.executeNow(step);
    observe({ index, command: step as ChainCommand, result, at: chain.now });
  });
}

/** A library scenario replayed in memory (with more steps after its own, if given), with its report. */
export async function reportOf(file: string, moreSteps: readonly unknown[] = []): Promise<{ chain: Chain; report: LabReport }> {
  const scenario = await loadScenario(`${SCENARIOS}${file}`);
  const chain = chainFor(scenario);
  const collector = createReportCollector(chain, { name: scenario.name, seed: scenario.seed });
  replay(chain, collector.observe, [...scenario.steps, ...moreSteps]);
  return { chain, report: collector.finish() };
}
