/**
 * Model-based paths of the quotation machine (SM-6, MK-2) replayed against the chain: each event of a derived path is
 * the office command that causes it (send, extend, convert the prospect, confirm, lose, cancel), run on a fresh chain
 * through headquarters, and after every step the office's quotation must be in the path's state with the same record
 * the machine alone reaches.
 */
import { describe, expect, it } from 'vitest';
import type { Chain } from '../../engine/chain.ts';
import { EngineDriver } from '../../engine/lab/paths/engine-driver.ts';
import { combine, derivePaths } from '../../engine/lab/paths/derive.ts';
import { accepted, ev } from '../../engine/lab/paths/events.ts';
import { runModel, type Host } from '../../engine/lab/paths/replay.ts';
import { createQuotationMachine, type QuotationEvent, type QuotationSnapshot } from '../../machines/quotation.machine.ts';
import { newEngine } from '../engine/engine-helpers.ts';
import { withSalesOffice } from '../engine/sales-office-helpers.ts';

const TODAY = '2026-01-05';
const EXTENDED = '2026-03-31';
const machine = createQuotationMachine();

/** A fresh chain with the scenario's quotation: a prospect's, or Anna's (a customer's). */
function fresh(scenario: string): { engine: Chain; driver: EngineDriver; quotationId: string } {
  const engine = newEngine(withSalesOffice);
  const driver = new EngineDriver(engine);
  const partyId = scenario === 'prospect' ? driver.exec({ type: 'marketing.createProspect', operatorId: 'marketing1', name: 'Trail Club' }).partyId as string : 'C-ANNA';
  const quotationId = driver.exec({ type: 'sales.createQuotation', operatorId: 'sales1', partyId, expiryDate: '2026-01-31', lines: [{ productId: 'P-TENT', quantity: 2, requestedShipDate: '2026-01-20' }] }).quotationId as string;
  return { engine, driver, quotationId };
}

const quotationOf = (s: { engine: Chain; quotationId: string }) => s.engine.headquarters.salesOffice.quotations.snapshot(s.quotationId);

/** What converting the template prospect makes its account (the chain numbers it the same every time). */
const template = fresh('prospect');
const PROSPECT_ACCOUNT = template.driver.exec({ type: 'marketing.convertProspect', operatorId: 'marketing1', partyId: quotationOf(template).context.partyId }).customerAccount as string;

const SCENARIOS = { prospect: { input: quotationOf(fresh('prospect')).context }, customer: { input: quotationOf(fresh('customer')).context } };

const events = (s: QuotationSnapshot): QuotationEvent[] => accepted(s, [
  ev('send', { type: 'SEND', on: TODAY }),
  ev('extend expiry', { type: 'EXTEND_EXPIRY', expiryDate: EXTENDED, on: TODAY }),
  ev('convert prospect', { type: 'CONVERT_PROSPECT', customerAccount: PROSPECT_ACCOUNT }),
  ev('confirm', { type: 'CONFIRM', salesOrderId: 'HSO-000001', on: TODAY, priority: 5 }),
  ev('mark lost', { type: 'MARK_LOST', reason: 'went with a competitor', on: TODAY }),
  ev('cancel', { type: 'CANCEL', reason: 'customer changed plans', on: TODAY }),
]);

const key = { base: (s: QuotationSnapshot) => `${JSON.stringify(s.value)} ${s.context.partyRole} ${s.context.expiryDate === EXTENDED ? 'extended' : ''}` };

const derivation = combine(Object.entries(SCENARIOS).map(([scenario, { input }]) => derivePaths<QuotationSnapshot, QuotationEvent>({
  machine, scenario, input, shortest: { events, key }, simple: { events, key },
})));

type Session = ReturnType<typeof fresh>;

/** The office command that causes each event. */
const host: Host<QuotationSnapshot, QuotationEvent, Session> = {
  fresh,
  apply: (s, event) => {
    const by = { operatorId: 'sales1', quotationId: s.quotationId };
    switch (event.type) {
      case 'SEND': s.driver.exec({ type: 'sales.sendQuotation', ...by }); break;
      case 'EXTEND_EXPIRY': s.driver.exec({ type: 'sales.extendQuotation', ...by, expiryDate: event.expiryDate }); break;
      case 'CONVERT_PROSPECT': s.driver.exec({ type: 'marketing.convertProspect', operatorId: 'marketing1', partyId: quotationOf(s).context.partyId }); break;
      case 'CONFIRM': s.driver.exec({ type: 'sales.confirmQuotation', ...by }); break;
      case 'MARK_LOST': s.driver.exec({ type: 'sales.loseQuotation', ...by, reason: event.reason }); break;
      case 'CANCEL': s.driver.exec({ type: 'sales.cancelQuotation', ...by, reason: event.reason }); break;
      case 'CHANGE_LINES': throw new Error('the office has no command that changes a quotation\'s lines');
    }
  },
  check: (s, after) => {
    if (JSON.stringify(quotationOf(s).context) !== JSON.stringify(after.context)) throw new Error(`the office holds ${JSON.stringify(quotationOf(s).context)}, the machine ${JSON.stringify(after.context)}`);
  },
  engineState: (s) => quotationOf(s).value,
};

const result = runModel({ machine, events, scenarios: SCENARIOS, derivation, host });

describe('model: quotations through the sales office', () => {
  it(`SM-6 / MK-2: ${derivation.paths.length} derived paths (${result.steps} steps) run through the office agree with the machine at every step`, () => {
    expect(derivation.paths.length).toBeGreaterThan(5);
    expect(result.failures).toEqual([]);
  });

  it('SM-6 every state the office can reach is reached: created, sent, confirmed, lost, cancelled', () => {
    expect(result.coverage.missingStates()).toEqual([]);
  });
});
