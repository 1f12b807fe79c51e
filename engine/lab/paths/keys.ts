/**
 * The abstract state identity of a snapshot for @xstate/graph (`serializeState`): a base abstraction, an optional
 * decoration (e.g. "ready after completing a sale"), and a self-loop marker so that a targetless transition that
 * leaves the abstraction unchanged still gets a vertex of its own (and thus a path ending in it).
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';


export interface KeySpec<S> {
  /** The abstraction of a snapshot: state value plus the few context facts that decide which events apply. */
  base: (snapshot: S) => string;
  /** A decoration that depends on how the state was entered (null = none). */
  mark?: (snapshot: S, event: EventObject, prev: S) => string | null;
}

export interface Keyer<S> {
  /** For @xstate/graph: cached per snapshot object, so every call for the same object agrees. */
  serialize: (snapshot: S, event?: EventObject, prev?: S) => string;
  /** The key computed earlier for a snapshot object (during graph traversal). */
  keyOf: (snapshot: S) => string | undefined;
  /** The same computation without the cache (for replays). */
  compute: (snapshot: S, event?: EventObject, prev?: S) => string;
}

export function makeKey<S extends AnyMachineSnapshot>(spec: KeySpec<S>): Keyer<S> {
  const cache = new WeakMap<object, string>();
  // One self-loop vertex per (state value, event type): the first abstract state where that targetless transition
  // was found to keep the abstraction unchanged gets it, so every targetless transition ends some shortest path.
  const loopOwner = new Map<string, string>();
  const key = (snapshot: S, event: EventObject | undefined, prev: S | undefined, register: boolean): string => {
    const base = spec.base(snapshot);
    if (event === undefined || prev === undefined) return base;
    const mark = spec.mark?.(snapshot, event, prev) ?? null;
    if (mark !== null) return `${base}${mark}`;
    if (spec.base(prev) !== base) return base;
    const loop = `${JSON.stringify(snapshot.value)} ${event.type}`;
    const owner = loopOwner.get(loop);
    if (owner === undefined && register) loopOwner.set(loop, base);
    return (owner ?? (register ? base : undefined)) === base ? `${base} ~${event.type}` : base;
  };
  return {
    compute: (snapshot, event, prev) => key(snapshot, event, prev, false),
    keyOf: (snapshot) => cache.get(snapshot),
    serialize: (snapshot, event, prev) => {
      const hit = cache.get(snapshot);
      if (hit !== undefined) return hit;
      const k = key(snapshot, event, prev, true);
      cache.set(snapshot, k);
      return k;
    },
  };
}
