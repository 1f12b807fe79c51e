/**
 * Paths as scenario files `storefront run` replays: the model's chain (configuration inline, seed), the commands
 * that set it up, then the chain commands the path's steps caused when it ran on the engine. A path that did more to
 * the engine than chain commands (a lossy network, a change at headquarters' own boundary) cannot be one: it is left
 * out, with the reason.
 */
import type { DerivedPath } from './derive.ts';
import type { LifecycleModel } from './model.ts';
import { pathId } from './path-set.ts';
import { replayPath } from './replay.ts';

/** The shape of scenarios/demo-day.json (no start time: the models' chain starts at the engine's default). */
export interface ScenarioFile { name: string; description: string; seed: number; config: unknown; steps: Record<string, unknown>[] }

export interface PathScenarios {
  scenarios: { id: string; scenario: ScenarioFile }[];
  skipped: { id: string; reason: string }[];
}

export function pathScenarios(model: LifecycleModel, paths: readonly DerivedPath[]): PathScenarios {
  const out: PathScenarios = { scenarios: [], skipped: [] };
  for (const path of paths) {
    const id = pathId(model.name, path.scenario, path.labels);
    const replay = replayPath(model, path, { host: model.host });
    const script = replay.session?.driver.script;
    if (replay.disagreement !== null || script === undefined) {
      out.skipped.push({ id, reason: `the engine disagrees at step ${replay.disagreement?.step ?? 0}: ${replay.disagreement?.message ?? 'no engine'}` });
      continue;
    }
    if (script.offScript.length > 0) {
      out.skipped.push({ id, reason: `not made of chain commands alone: ${script.offScript.join('; ')}` });
      continue;
    }
    const setup = model.setup(path.scenario);
    out.scenarios.push({
      id,
      scenario: {
        name: `${model.name} path ${id}`,
        description: `Lifecycle path of ${model.name} (model scenario "${path.scenario}", ${path.strategies.join(' and ')}): ${path.labels.join(' > ')}; `
          + `${setup.commands.length} set-up commands, then ${script.commands.length} for the path; the ${model.name} ends in ${JSON.stringify(path.values.at(-1))}.`,
        seed: setup.seed,
        config: setup.config,
        steps: [...setup.commands, ...script.commands],
      },
    });
  }
  return out;
}
