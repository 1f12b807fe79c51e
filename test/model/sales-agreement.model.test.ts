/**
 * Model-based test of the sales agreement lifecycle (SM-7), on the machine, and against the engine through the
 * sales office's `sales.*` commands (engine/lab/paths/models/sales-agreement.ts): paths derived with @xstate/graph for an agreement created with no commitment line and for
 * Acme's agreement with four, every path replayed with explicit payloads. After every step the status the rules read
 * is the chart's, an Effective agreement is whole and commits something, and only On hold takes edits (SM-7), while
 * linking an order line (SM-8) succeeds exactly when the agreement is Effective.
 */
import { describe, expect, it } from 'vitest';
import { checkAgreement, linkLine } from '../../engine/domain/sales/agreements.ts';
import { Coverage } from '../../engine/lab/paths/coverage.ts';
import { combine, derivePaths } from '../../engine/lab/paths/derive.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { replayPath } from '../../engine/lab/paths/replay.ts';
import { isViolation } from '../../engine/domain/violation.ts';
import { agreementState, createSalesAgreementMachine, type SalesAgreementEvent, type SalesAgreementSnapshot } from '../../machines/sales-agreement.machine.ts';
import { modelTests, registeredModel } from './harness.ts';
import { acmeAgreement, acmePricing, categories, orderHeader, orderLine, tentCommitment } from '../unit/sales/agreement-fixture.ts';

const machine = createSalesAgreementMachine();
const scenarios = {
  empty: { input: { agreement: { ...acmeAgreement, commitments: [] } } },
  acme: { input: { agreement: acmeAgreement } },
};

/** Every event with its payload; the commitment line set or removed is always L1 (added when absent), so the graph stays small. */
const events = (s: SalesAgreementSnapshot): SalesAgreementEvent[] => accepted(s, [
  ev('extend', { type: 'CHANGE_DATES', effective: '2027-07-01', expiration: '2028-06-30' }),
  ev('setTents', { type: 'SET_COMMITMENT', commitment: { ...tentCommitment, committed: 120 } }),
  ev('removeTents', { type: 'REMOVE_COMMITMENT', commitmentId: 'L1' }),
  ev('makeEffective', { type: 'MAKE_EFFECTIVE', on: '2027-07-01' }),
  ev('close', { type: 'CLOSE', on: '2027-09-30' }),
  ev('expire', { type: 'EXPIRE', on: '2028-01-01' }),
]);

/** State, how many commitment lines, whether L1 is there, and the expiration: what decides which events apply. */
const key = {
  base: (s: SalesAgreementSnapshot) => {
    const { agreement } = s.context;
    return `${JSON.stringify(s.value)} ${agreement.commitments.length} ${agreement.commitments.some((c) => c.commitmentId === 'L1')} ${agreement.expiration}`;
  },
};

const derivation = combine(Object.entries(scenarios).map(([scenario, { input }]) =>
  derivePaths({ machine, scenario, input, shortest: { events, key }, simple: { events, key } })));

const EDITS: SalesAgreementEvent[] = [
  { type: 'CHANGE_DATES', effective: '2027-07-01', expiration: '2027-08-31' },
  { type: 'SET_COMMITMENT', commitment: { ...tentCommitment, commitmentId: 'L7' } },
];

/** SM-7 / SM-8 invariants after every step; the first broken one, or null. */
function brokenInvariant(s: SalesAgreementSnapshot): string | null {
  const state = agreementState(s);
  if (state.status !== s.value) return `the rules read ${state.status}, the chart is in ${String(s.value)}`;
  const editable = EDITS.map((e) => s.can(e));
  if (editable.some((can) => can !== (state.status === 'onHold'))) return `edits ${editable.join('/')} while ${state.status}`;
  if (state.status === 'effective' && (checkAgreement(state.agreement) !== null || state.agreement.commitments.length === 0)) return 'an effective agreement is not whole or commits nothing';
  const tents = state.agreement.commitments.find((c) => c.kind === 'productQuantity');
  if (tents !== undefined) {
    const link = linkLine(state, orderHeader(), orderLine('1', 'P-TENT', 1), tents.commitmentId, { categories, otherLinkedLines: [], pricing: acmePricing });
    if (isViolation(link) === (state.status === 'effective')) return `linking a line while ${state.status}: ${isViolation(link) ? link.message : 'accepted'}`;
  }
  return null;
}

const coverage = new Coverage(machine);
const failures: string[] = [];
let steps = 0;
for (const path of derivation.paths) {
  const replay = replayPath({ machine, scenarios, events }, path, {
    coverage,
    onStep: (_event, label, after) => {
      const broken = brokenInvariant(after);
      if (broken !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')} at ${label}: ${broken}`);
    },
  });
  steps += replay.steps;
  if (replay.disagreement !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')}: ${replay.disagreement.message}`);
}
const cov = coverage.summary();

describe('model: sales-agreement machine (SM-7, SM-8), machine-level paths', () => {
  it(`derives ${derivation.paths.length} paths (${derivation.shortest} shortest, ${derivation.simple} simple) with explicit payloads`, () => {
    expect(derivation.shortest).toBeGreaterThan(0);
    expect(derivation.simple).toBeGreaterThan(0);
    expect(new Set(derivation.paths.map((p) => p.scenario))).toEqual(new Set(['empty', 'acme']));
  });

  it(`SM-7, SM-8: replays ${derivation.paths.length} paths / ${steps} steps; after every step the status, the edits and linking agree with the chart`, () => {
    expect(failures).toEqual([]);
    expect(steps).toBeGreaterThan(derivation.paths.length);
  });

  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}`, () => {
    expect(coverage.missingStates()).toEqual([]);
    expect(coverage.missingTransitions()).toEqual([]);
  });
});

describe('model: sales agreement machine against the engine (sales office, sales.* commands)', () => {
  modelTests(registeredModel('sales-agreement'));
});
