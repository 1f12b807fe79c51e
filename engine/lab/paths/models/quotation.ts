/**
 * The quotation lifecycle model (SM-6, MK-1, MK-2): paths derived from `createQuotationMachine` for quotations sales1
 * makes: Acme's (a customer's), Trail Club's (a prospect's) and Acme's left to expire (the clock moved past its expiry
 * date). Every event is the command that causes it (`sales.sendQuotation`, `changeQuotationLines` priced as the office
 * prices them, `extendQuotation`, `confirmQuotation`, `loseQuotation`, `cancelQuotation`; `marketing.convertProspect`
 * converts the prospect, which the office passes on to its quotations). After every step the office's quotation actor
 * has the model's state and record and the quotation list its status in words and whether it expired; a confirmed
 * quotation's sales order has the same lines and prices. An open quotation of a prospect, or past its expiry, is
 * refused confirmation (SM-6) and nothing changes.
 */
import { createQuotationMachine, quotationStateOf, type QuotationEvent, type QuotationSnapshot } from '../../../../machines/quotation.machine.ts';
import { isQuotationExpired, type Quotation, type QuotationLine } from '../../../domain/sales/quotation.ts';
import { isViolation } from '../../../domain/violation.ts';
import { quotationLines } from '../../../sales-office/plan.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  dayAfter, deriveOfficePaths, officeCommand, officeHost, officeOf, officeRefused, officeSnapshot, officeViews, once, restoredOnly, salesOfficeChainConfig,
  type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 64;
const DAY_MS = 86_400_000;
const STATUS_WORDS = { created: 'Created', sent: 'Sent', confirmed: 'Confirmed', lost: 'Lost', cancelled: 'Cancelled' } as const;
const LINES = [{ productId: 'P-TENT', quantity: 2 }, { productId: 'P-LAMP', quantity: 3 }];
/** SM-6: the lines as the customer changes them while the quotation is open: one tent fewer, no lamps, two stoves. */
const CHANGED = [{ productId: 'P-TENT', quantity: 1 }, { productId: 'P-STOVE', quantity: 2 }];

/** Whose quotation each scenario makes, and how many days the clock moves on after (past its expiry). */
const SCENARIOS = {
  customer: { partyId: 'C-ACME', daysLater: 0 },
  prospect: { partyId: null, daysLater: 0 },
  expired: { partyId: 'C-ACME', daysLater: 3 },
} as const;
type ScenarioName = keyof typeof SCENARIOS;

interface Made extends OfficeRecord<Quotation> {
  extendedTo: string;
  salesOrderId: string;
  customerAccount: string;
  /** The changed lines as the office prices them for this party (SM-15). */
  changedLines: QuotationLine[];
}

function makeQuotation(driver: EngineDriver, name: ScenarioName): Made {
  const plan = SCENARIOS[name];
  const created = officeOf(driver.engine).today;
  const partyId = plan.partyId ?? officeCommand(driver, 'marketing.createProspect', { name: 'Trail Club' }).partyId as string;
  const expiryDate = dayAfter(created, plan.daysLater === 0 ? 30 : 1);
  const shipped = (entries: typeof LINES) => entries.map((l) => ({ ...l, requestedShipDate: dayAfter(created, 7) }));
  const lines = shipped(LINES);
  const { quotationId } = officeCommand(driver, 'sales.createQuotation', { partyId, expiryDate, lines }) as { quotationId: string };
  if (plan.daysLater > 0) driver.exec({ type: 'clock.advance', ms: plan.daysLater * DAY_MS });
  const office = officeOf(driver.engine);
  const input = officeSnapshot(driver.engine, 'quotations', quotationId).context as Quotation;
  const changedLines = quotationLines(office, office.config!, quotationId, input.customerAccount, shipped(CHANGED));
  if (isViolation(changedLines)) fail(`the office cannot price the changed lines: ${changedLines.message}`);
  return {
    changedLines,
    id: quotationId, today: office.today, input, extendedTo: dayAfter(created, 60),
    salesOrderId: office.nextNumber(office.config!.numberSequences.salesOrder), customerAccount: input.customerAccount ?? '',
  };
}

function buildQuotationModel() {
  const config = salesOfficeChainConfig();
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  const setups = Object.fromEntries(names.map((name) => [name, prepareChain(config, SEED, (driver) => makeQuotation(driver, name))]));
  // MK-2: the account headquarters opens for the prospect when it is converted.
  const prospect = setups.prospect!.made;
  prospect.customerAccount = officeCommand(setups.prospect!.fresh().driver, 'marketing.convertProspect', { partyId: prospect.input.partyId }).customerAccount as string;
  const machine = createQuotationMachine();

  const quotationEvents = (made: Made) => (s: QuotationSnapshot): QuotationEvent[] => accepted(s, [
    ev('send', { type: 'SEND', on: made.today }),
    ...(s.context.lines.length === LINES.length && s.context.lines[0]!.quantity === LINES[0]!.quantity ? [ev('change lines', { type: 'CHANGE_LINES' as const, lines: made.changedLines })] : []),
    ev('extend expiry', { type: 'EXTEND_EXPIRY', expiryDate: made.extendedTo, on: made.today }),
    ev('convert prospect', { type: 'CONVERT_PROSPECT', customerAccount: made.customerAccount }),
    ev('confirm', { type: 'CONFIRM', salesOrderId: made.salesOrderId, on: made.today, priority: 5 }),
    ev('mark lost', { type: 'MARK_LOST', reason: 'went with a competitor', on: made.today }),
    ev('cancel', { type: 'CANCEL', reason: 'customer changed plans', on: made.today }),
  ]);

  const host = officeHost<QuotationSnapshot, QuotationEvent, Made>({
    setups, table: 'quotations',
    apply: (session, event, before) => {
      const quotationId = session.made.id;
      const run = (type: string, fields: Record<string, unknown> = {}) => officeCommand(session.driver, type, { quotationId, ...fields });
      switch (event.type) {
        case 'SEND': run('sales.sendQuotation'); break;
        case 'EXTEND_EXPIRY': run('sales.extendQuotation', { expiryDate: event.expiryDate }); break;
        case 'CONVERT_PROSPECT': officeCommand(session.driver, 'marketing.convertProspect', { partyId: before.context.partyId }); break;
        case 'CONFIRM': run('sales.confirmQuotation'); break;
        case 'MARK_LOST': run('sales.loseQuotation', { reason: event.reason }); break;
        case 'CANCEL': run('sales.cancelQuotation', { reason: event.reason }); break;
        case 'CHANGE_LINES': run('sales.changeQuotationLines', { lines: event.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, requestedShipDate: l.requestedShipDate })) }); break;
      }
    },
    check: (session, after) => {
      const { engine, made, driver } = session;
      const q = after.context;
      const row = officeViews(engine).quotations().find((r) => r.quotationId === made.id);
      expectSame('SM-6 the quotation in the list', { status: row?.status, expired: row?.expired }, { status: STATUS_WORDS[quotationStateOf(after)], expired: isQuotationExpired(q, made.today) });
      if (after.matches('confirmed')) {
        // SM-6: the sales order has the quotation's lines and prices.
        const order = officeSnapshot(engine, 'orders', made.salesOrderId).context as { header: { quotationId: string | null; origin: string }; lines: Quotation['lines'] };
        const priced = (lines: Quotation['lines']) => lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount }));
        expectSame('SM-6 the sales order the quotation made', { quotationId: order.header.quotationId, origin: order.header.origin, lines: priced(order.lines) }, { quotationId: made.id, origin: 'quotation', lines: priced(q.lines) });
      } else {
        expectSame('SM-6 an unconfirmed quotation made no sales order', officeOf(engine).orders.has(made.salesOrderId), false);
      }
      const unconfirmable = q.partyRole === 'prospect' || isQuotationExpired(q, made.today);
      if (after.matches('open') && unconfirmable) once(session, 'unconfirmable', () => officeRefused(driver, 'sales.confirmQuotation', { quotationId: made.id }, 'SM-6'));
    },
  });

  const scenarios = Object.fromEntries(names.map((name) => [name, { input: setups[name]!.made.input, events: quotationEvents(setups[name]!.made) }]));
  // The state, and what decides which events apply: the party's role, and whether it is past its expiry or extended.
  const key = {
    base: (s: QuotationSnapshot) => `${JSON.stringify(s.value)} ${s.context.partyRole} ${s.context.expiryDate === setups.customer!.made.extendedTo ? 'extended' : s.context.expiryDate} ${s.context.lines.map((l) => `${l.productId}x${l.quantity}`).join(',')}`,
  };
  const derivation = deriveOfficePaths(machine, scenarios, key, ['customer']);

  return {
    name: 'quotation', machine, scenarios, events: quotationEvents(setups.customer!.made), derivation, host,
    ...scenarioHooks(setups),
    rules: 'SM-6 / MK-1 / MK-2',
    checks: 'same quotation state and record, its status and expiry in the list, a confirmed one\'s sales order with its lines and prices, no confirmation for a prospect or past expiry',
    unreachable: restoredOnly(machine),
  } satisfies LifecycleModel<QuotationSnapshot, QuotationEvent>;
}

export const quotationModel = modelEntry({
  name: 'quotation', machine: 'quotation',
  description: 'Quotations for Acme, for the prospect Trail Club and for Acme past its expiry: lines changed, sent (again), extended, the prospect converted, confirmed into a sales order, lost or cancelled',
  createMachine: createQuotationMachine,
  build: buildQuotationModel,
});
