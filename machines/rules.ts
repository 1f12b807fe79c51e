/**
 * Guards named after the rules they enforce, and refusals derived from the chart.
 *
 * A machine keeps a table of rules (`'CO-7 depositOverridePrivilege': (context, event) => violation | null`); its
 * guards are that table (a guard passes when its rule finds nothing wrong), and a transition names the rules it
 * needs. When an event is refused, `explainRefusal` asks the chart why: if the current state has a transition
 * for the event, the first rule among its guards that refuses says why; if it has none, the state's own `refuses`
 * meta says why, and the chart says where the event would be taken. The refusal and the chart cannot drift apart.
 */
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';

/** Why a rule refuses an event in a context; null when it allows it. */
export type Rule<C, E> = (context: C, event: E) => RuleViolation | null;

/** A state's reason for not taking events it has no transition for. */
export interface StateRefusal<C> {
  /** The rule such an event breaks (default STATE), and events for which another rule says so. */
  rule?: string;
  rules?: Readonly<Record<string, string>>;
  /** What being in the state means, in words ("cannot <event in words> while <means>"). */
  means: string | ((context: C) => string);
}

/**
 * The chart's words. On the root: who refuses (`order CO-000001`), the field at fault, and the rule table its guards
 * come from; on a state: its refusal.
 */
export interface ChartMeta<C> {
  subject?: (context: C) => string;
  field?: string;
  rules?: Readonly<Record<string, Rule<C, never>>>;
  refuses?: StateRefusal<C>;
}

type Guard<R> = R extends Rule<infer C, infer E> ? (args: { context: C; event: E }) => boolean : never;

/**
 * The guards of a rule table. A rule is evaluated once per event and context: XState asks a guard again for a
 * fallback transition of the same event (a tender that does not complete the sale still has to be allowed), so
 * each guard remembers its last answer.
 */
export function guardsOf<T extends Record<string, Rule<never, never>>>(rules: T): { [K in keyof T]: Guard<T[K]> } {
  const guards: Record<string, (args: { context: object; event: EventObject }) => boolean> = {};
  for (const [name, rule] of Object.entries(rules) as [string, Rule<object, EventObject>][]) {
    let last: { context: object; event: EventObject; allowed: boolean } | null = null;
    guards[name] = ({ context, event }) => {
      if (last !== null && last.event === event && last.context === context) return last.allowed;
      last = { context, event, allowed: rule(context, event) === null };
      return last.allowed;
    };
  }
  return guards as { [K in keyof T]: Guard<T[K]> };
}

interface ChartNode {
  key: string;
  path: string[];
  meta?: unknown;
  states: Record<string, ChartNode>;
  on: Record<string, readonly { guard?: unknown }[]>;
}

/** The names of the guards a transition's guard is made of (a name, `{ type }`, or `and`/`or`/`not` of those). */
function guardNames(guard: unknown): string[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function') return ((guard as { guards?: unknown[] }).guards ?? []).flatMap(guardNames);
  if (typeof guard === 'object' && 'type' in guard) return [String((guard as { type: unknown }).type)];
  return [];
}

function descendants(node: ChartNode): ChartNode[] {
  return [node, ...Object.values(node.states).flatMap(descendants)];
}

/** The active state nodes, innermost first. */
function activeNodes(snapshot: AnyMachineSnapshot, root: ChartNode): ChartNode[] {
  return descendants(root).filter((n) => n.path.length > 0 && snapshot.matches(n.path.join('.') as never)).sort((a, b) => b.path.length - a.path.length);
}

const words = <C>(means: StateRefusal<C>['means'], context: C) => (typeof means === 'function' ? means(context) : means);

function refusalOf(node: ChartNode): StateRefusal<unknown> | undefined {
  return (node.meta as ChartMeta<unknown> | undefined)?.refuses;
}

/** Why `snapshot` does not take `event`, from the chart and the rules of its guards. */
export function explainRefusal<E extends EventObject>(snapshot: AnyMachineSnapshot, event: E): RuleViolation {
  const context: unknown = snapshot.context;
  const root = (snapshot.machine as AnyStateMachine).root as unknown as ChartNode;
  const meta = (root.meta ?? {}) as ChartMeta<unknown>;
  const rules = meta.rules ?? {};
  const active = activeNodes(snapshot, root);
  for (const node of active) {
    for (const transition of node.on[event.type] ?? []) {
      for (const name of guardNames(transition.guard)) {
        const found = (rules[name] as Rule<unknown, EventObject> | undefined)?.(context, event) ?? null;
        if (found !== null) return found;
      }
    }
  }
  const subject = meta.subject?.(context) ?? root.key;
  const refusal = active.map(refusalOf).find((r) => r !== undefined);
  const rule = refusal?.rules?.[event.type] ?? refusal?.rule ?? 'STATE';
  // Staff read this: the event in words and what the state means, never a raw state value.
  const now = refusal === undefined ? '' : `: ${words(refusal.means, context)}`;
  const takenWhile = descendants(root)
    .filter((n) => (n.on[event.type] ?? []).length > 0)
    .map((n) => refusalOf(n)?.means)
    .filter((means): means is string => typeof means === 'string');
  const elsewhere = takenWhile.length === 0 ? '' : ` (only when ${takenWhile.join(' or ')})`;
  return violation(rule, `${subject} cannot ${eventInWords(event.type)} now${now}${elsewhere}`, meta.field);
}

/** `SET_RETURN_LINES` -> `set return lines`. */
function eventInWords(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}
