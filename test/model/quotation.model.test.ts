/**
 * Model-based test of the quotation lifecycle (SM-6, MK-2), on the machine, and against the engine through the
 * sales office's `sales.*` commands (engine/lab/paths/models/quotation.ts): paths derived with @xstate/graph from a customer's quotation, a prospect's, one already
 * expired, and restored records in every state; every path is replayed and, after every step, the machine's state
 * agrees with `quotationStatus` of its record, a confirmed quotation names its sales order and only a customer's is
 * confirmed, before its (possibly extended) expiry. The paths reach every state and transition of the chart.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { closeQuotation, confirmQuotation, isQuotationExpired, quotationStatus, sendQuotation, type Quotation } from '../../engine/domain/sales/quotation.ts';
import { Coverage } from '../../engine/lab/paths/coverage.ts';
import { combine, derivePaths } from '../../engine/lab/paths/derive.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { replayPath } from '../../engine/lab/paths/replay.ts';
import { createQuotationMachine, quotationStateOf, type QuotationEvent, type QuotationSnapshot } from '../../machines/quotation.machine.ts';
import { modelTests, registeredModel } from './harness.ts';
import { customerDraft, prospectDraft, quotation } from '../unit/sales/quotation-fixture.ts';

const TODAY = '2027-03-05';
const EXTENDED = '2027-06-30';
const CONFIRM = { type: 'CONFIRM', salesOrderId: 'SO-000100', on: TODAY, priority: 1 } as const;

const machine = createQuotationMachine();

/** Where the paths start: new quotations, and records restored in each state (the chart's start reads them). */
const SCENARIOS: Record<string, Quotation> = {
  customer: quotation(),
  prospect: quotation(prospectDraft()),
  expired: quotation(customerDraft({ createdOn: '2027-02-01', expiryDate: '2027-02-28' })),
  sent: sendQuotation(quotation(prospectDraft()), '2027-03-02'),
  confirmed: confirmQuotation(quotation(), CONFIRM).quotation,
  lost: closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'lost', 'price', '2027-03-04'),
  cancelled: closeQuotation(sendQuotation(quotation(), '2027-03-02'), 'cancelled', 'duplicate', '2027-03-04'),
};

/** Every event with an explicit payload; the graph keeps those the snapshot accepts. */
const quotationEvents = (s: QuotationSnapshot): QuotationEvent[] => accepted(s, [
  ev('send', { type: 'SEND', on: TODAY }),
  ev('change lines', { type: 'CHANGE_LINES', lines: s.context.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l)) }),
  ev('extend expiry', { type: 'EXTEND_EXPIRY', expiryDate: EXTENDED, on: TODAY }),
  ev('convert prospect', { type: 'CONVERT_PROSPECT', customerAccount: 'C-300' }),
  ev('confirm', CONFIRM),
  ev('mark lost', { type: 'MARK_LOST', reason: 'went with a competitor', on: TODAY }),
  ev('cancel', { type: 'CANCEL', reason: 'customer changed plans', on: TODAY }),
]);

/**
 * The abstraction: the state, and the facts that decide which events apply: the party's role (confirm, convert),
 * whether it expired today (confirm) and whether it was extended already (extend).
 */
const key = {
  base: (s: QuotationSnapshot) => {
    const expiry = s.context.expiryDate === EXTENDED ? ' extended' : isQuotationExpired(s.context, TODAY) ? ' expired' : '';
    return `${JSON.stringify(s.value)} ${s.context.partyRole}${expiry}`;
  },
};

const derivation = combine(Object.entries(SCENARIOS).map(([scenario, input]) => derivePaths<QuotationSnapshot, QuotationEvent>({
  machine, scenario, input, shortest: { events: quotationEvents, key }, simple: { events: quotationEvents, key },
})));

/** What must hold after every step. */
function checkStep(event: QuotationEvent, after: QuotationSnapshot): string[] {
  const q = after.context;
  const found: string[] = [];
  if (quotationStateOf(after) !== quotationStatus(q)) found.push(`state ${quotationStateOf(after)} but the record reads ${quotationStatus(q)}`);
  if (event.type === 'CONFIRM') {
    if (q.salesOrderId !== CONFIRM.salesOrderId) found.push('a confirmed quotation names no sales order');
    if (q.partyRole !== 'customer') found.push('a prospect\'s quotation was confirmed');
    if (isQuotationExpired(q, CONFIRM.on)) found.push('an expired quotation was confirmed');
  }
  return found;
}

function run() {
  const coverage = new Coverage(machine);
  const failures: string[] = [];
  let steps = 0;
  // A restored record in a final state has no path: starting it is its coverage.
  for (const input of Object.values(SCENARIOS)) createActor(machine, { input, inspect: coverage.inspect }).start().stop();
  for (const path of derivation.paths) {
    const replay = replayPath({ machine, events: quotationEvents, scenarios: Object.fromEntries(Object.entries(SCENARIOS).map(([n, input]) => [n, { input }])) }, path, {
      coverage,
      onStep: (event, label, after) => failures.push(...checkStep(event, after as QuotationSnapshot).map((f) => `[${path.scenario}] ${path.labels.join(' > ')} @ ${label}: ${f}`)),
    });
    steps += replay.steps;
    if (replay.disagreement !== null) failures.push(`[${path.scenario}] ${path.labels.join(' > ')}: ${replay.disagreement.message}`);
  }
  return { coverage, failures, steps };
}

const result = run();
const cov = result.coverage.summary();

describe('model: quotation machine (machine-level paths)', () => {
  it(`derives ${derivation.paths.length} paths (${derivation.shortest} shortest, ${derivation.simple} simple) with explicit payloads`, () => {
    expect(derivation.shortest).toBeGreaterThan(0);
    expect(derivation.simple).toBeGreaterThan(0);
  });

  it(`SM-6 / MK-2: replays ${derivation.paths.length} paths / ${result.steps} steps: state agrees with the record, only a customer's unexpired quotation confirms`, () => {
    expect(result.failures).toEqual([]);
  });

  it(`covers states ${cov.states}/${cov.totalStates} and transitions ${cov.transitions}/${cov.totalTransitions}`, () => {
    expect(result.coverage.missingStates()).toEqual([]);
    expect(result.coverage.missingTransitions()).toEqual([]);
  });

  it('SM-6 the expired scenario confirms only on paths that extend the expiry first', () => {
    const confirming = derivation.paths.filter((p) => p.scenario === 'expired' && p.labels.includes('confirm'));
    expect(confirming.length).toBeGreaterThan(0);
    for (const path of confirming) expect(path.labels.indexOf('extend expiry')).toBeLessThan(path.labels.indexOf('confirm'));
    expect(confirming.every((p) => p.labels.includes('extend expiry'))).toBe(true);
  });
});

describe('model: quotation machine against the engine (sales office, sales.* and marketing.* commands)', () => {
  modelTests(registeredModel('quotation'));
});
