/**
 * Labelled events: the graph identifies an edge by its label (`ev(label, event)`), and a path is replayed by
 * regenerating the events of the actual snapshot and picking the one with the same label, so payloads that depend on
 * context (amounts due, line ids) are always computed from the real state.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';


const labels = new WeakMap<object, string>();

/** Tags an event with the label that identifies its edge in the graph. */
export function ev<E extends EventObject>(label: string, event: E): E {
  labels.set(event, label);
  return event;
}

export function labelOf(event: EventObject): string {
  return labels.get(event) ?? event.type;
}

/** Keeps the events the snapshot accepts (a refused event is no edge) and checks labels are unique. */
export function accepted<S extends AnyMachineSnapshot, E extends EventObject>(snapshot: S, events: readonly E[]): E[] {
  const out = events.filter((e) => snapshot.can(e));
  const seen = new Set<string>();
  for (const e of out) {
    const label = labelOf(e);
    if (seen.has(label)) throw new Error(`duplicate event label "${label}"`);
    seen.add(label);
  }
  return out;
}
