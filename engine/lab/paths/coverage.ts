/**
 * Every state node and transition definition of a machine, and the ones a run took (inspection `@xstate.microstep`
 * events carry the transition definitions). Transitions are named by source, event, index and target, so the same
 * machine built twice (the model's and the engine's) names them alike.
 */
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate';


type AnyNode = AnyStateMachine['root'];
type AnyTransition = ReturnType<AnyNode['transitions']['get']> extends (infer T)[] | undefined ? T : never;

export interface Inventory {
  states: string[];
  /** Every transition definition (each array entry of `node.transitions`, plus `node.always`) -> description. */
  transitions: Map<AnyTransition, string>;
  /** The event types some state takes. */
  events: Set<string>;
}

function describeTransition(node: AnyNode, eventType: string, index: number, count: number, t: AnyTransition): string {
  const targets = t.target === undefined || t.target.length === 0 ? '(targetless)' : t.target.map((n: AnyNode) => n.id).join(',');
  return `${node.id} --${eventType}${count > 1 ? `#${index}` : ''}${t.guard === undefined ? '' : ' [guarded]'}--> ${targets}`;
}

export function inventory(machine: AnyStateMachine): Inventory {
  const states: string[] = [];
  const transitions = new Map<AnyTransition, string>();
  const events = new Set<string>();
  const visit = (node: AnyNode): void => {
    states.push(node.id);
    for (const [eventType, defs] of node.transitions) {
      events.add(eventType);
      defs.forEach((t, i) => transitions.set(t, describeTransition(node, eventType, i, defs.length, t)));
    }
    (node.always ?? []).forEach((t, i, all) => transitions.set(t, describeTransition(node, 'always', i, all.length, t)));
    for (const child of Object.values(node.states) as AnyNode[]) visit(child);
  };
  visit(machine.root);
  return { states, transitions, events };
}

export class Coverage {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  readonly inventory: Inventory;

  constructor(readonly machine: AnyStateMachine) {
    this.inventory = inventory(machine);
  }

  readonly inspect = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.microstep') return;
    for (const t of event._transitions) {
      const description = this.inventory.transitions.get(t as AnyTransition);
      if (description === undefined) throw new Error(`transition not in the inventory: ${t.source.id} ${t.eventType}`);
      this.transitions.add(description);
      this.states.add(t.source.id);
    }
    this.snapshot(event.snapshot as AnyMachineSnapshot);
  };

  snapshot(snapshot: AnyMachineSnapshot): void {
    for (const node of snapshot._nodes) this.states.add(node.id);
  }

  missingStates(): string[] {
    return this.inventory.states.filter((s) => !this.states.has(s));
  }

  missingTransitions(): string[] {
    return [...this.inventory.transitions.values()].filter((t) => !this.transitions.has(t));
  }

  summary(): { states: number; totalStates: number; transitions: number; totalTransitions: number } {
    return {
      states: this.inventory.states.length - this.missingStates().length,
      totalStates: this.inventory.states.length,
      transitions: this.inventory.transitions.size - this.missingTransitions().length,
      totalTransitions: this.inventory.transitions.size,
    };
  }
}
