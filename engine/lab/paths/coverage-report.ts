/**
 * What a set of paths or a scenario exercised: per machine, the states and transitions covered out of all of them,
 * and the uncovered ones by name. A path file is replayed on its machine alone (its events carry their payloads); a
 * scenario is replayed on an in-memory chain whose actors report every transition they take (XState inspection).
 */
import { createActor, type AnyActorLogic, type AnyStateMachine, type InspectionEvent, type AnyMachineSnapshot } from 'xstate';
import { isDeepStrictEqual } from 'node:util';
import { Chain } from '../../chain.ts';
import type { ScenarioRun } from '../../scenario.ts';
import { runScenario, validateScenario } from '../run-scenario.ts';
import { openScenario } from '../scenario-file.ts';
import { Coverage } from './coverage.ts';
import { MODELS } from './models/index.ts';
import { findModel, type PathFile } from './path-set.ts';

export interface MachineCoverage {
  machine: string;
  states: { covered: number; total: number; uncovered: string[] };
  transitions: { covered: number; total: number; uncovered: string[]; exercised: string[] };
}

function coverageOf(machine: string, coverage: Coverage): MachineCoverage {
  const s = coverage.summary();
  return {
    machine,
    states: { covered: s.states, total: s.totalStates, uncovered: coverage.missingStates() },
    transitions: {
      covered: s.transitions, total: s.totalTransitions, uncovered: coverage.missingTransitions(),
      exercised: [...coverage.inventory.transitions.values()].filter((t) => coverage.transitions.has(t)),
    },
  };
}

export interface PathSetCoverage {
  model: string;
  paths: number;
  coverage: MachineCoverage;
  /** Steps the machine did not take as the file says (a path file older than its machine). */
  mismatches: string[];
}

/** Replays every path of the file on its machine, sending the file's events as they are. */
export function pathSetCoverage(file: PathFile): PathSetCoverage {
  const entry = findModel(file.model);
  const machine = entry.createMachine();
  const coverage = new Coverage(machine);
  const mismatches: string[] = [];
  for (const path of file.paths) {
    const actor = createActor(machine, { input: path.input, inspect: coverage.inspect });
    actor.start();
    coverage.snapshot(actor.getSnapshot());
    for (const step of path.steps) {
      const before = actor.getSnapshot();
      if (!before.can(step.event)) {
        mismatches.push(`${path.id} step ${step.step} (${step.label}): ${step.event.type} is not taken in ${JSON.stringify(before.value)}`);
        break;
      }
      actor.send(step.event);
      const value = actor.getSnapshot().value;
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)), step.expected)) {
        mismatches.push(`${path.id} step ${step.step} (${step.label}): the machine is in ${JSON.stringify(value)}, the file expects ${JSON.stringify(step.expected)}`);
        break;
      }
    }
    actor.stop();
  }
  return { model: file.model, paths: file.paths.length, coverage: coverageOf(entry.machine, coverage), mismatches };
}

export interface ScenarioCoverage {
  scenario: string;
  run: ScenarioRun;
  /** The registry's machines first (in its order), then any other machine the chain runs (headquarters). */
  machines: MachineCoverage[];
}

const isMachine = (logic: AnyActorLogic): logic is AnyStateMachine => 'root' in logic;

/** Checks the scenario file as `storefront run` does, replays it in memory and reports what every actor of the chain did. */
export async function scenarioCoverage(file: string): Promise<ScenarioCoverage> {
  const scenario = await openScenario(file);
  await validateScenario(scenario);
  const byMachine = new Map<AnyStateMachine, Coverage>();
  const coverageFor = (machine: AnyStateMachine) => byMachine.get(machine) ?? byMachine.set(machine, new Coverage(machine)).get(machine)!;
  const inspect = (event: InspectionEvent) => {
    const logic = (event.actorRef as { logic?: AnyActorLogic }).logic;
    if (logic === undefined) return;
    if (!isMachine(logic)) return;
    if (event.type === '@xstate.microstep') coverageFor(logic).inspect(event);
    // The state an actor starts in (or is restored to) counts as visited.
    else if (event.type === '@xstate.snapshot') coverageFor(logic).snapshot(event.snapshot as AnyMachineSnapshot);
  };
  const chain = Chain.fromCatalog(scenario.catalog, { seed: scenario.seed, startAt: scenario.startAt, inspect });
  const run = await runScenario(scenario, { execute: (command) => chain.executeNow(command), now: () => chain.now });
  // Machines are named as the registry names them (by their root id); one no actor ran shows as all uncovered.
  const names = new Map<string, string>();
  const registry = new Map<string, AnyStateMachine>();
  for (const entry of MODELS) {
    if (registry.has(entry.machine)) continue;
    const machine = entry.createMachine();
    registry.set(entry.machine, machine);
    names.set(machine.id, entry.machine);
  }
  const merged = new Map<string, Coverage>();
  for (const [machine, coverage] of byMachine) {
    const name = names.get(machine.id) ?? machine.id;
    const into = merged.get(name);
    if (into === undefined) merged.set(name, coverage);
    else {
      for (const s of coverage.states) into.states.add(s);
      for (const t of coverage.transitions) into.transitions.add(t);
    }
  }
  const machines = [...registry].map(([name, machine]) => coverageOf(name, merged.get(name) ?? new Coverage(machine)));
  for (const [name, coverage] of merged) if (!registry.has(name)) machines.push(coverageOf(name, coverage));
  return { scenario: scenario.name, run, machines };
}
