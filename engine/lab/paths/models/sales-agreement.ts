/**
 * The sales agreement lifecycle model (SM-7, SM-8, SM-9): paths derived from `createSalesAgreementMachine` for Acme's
 * agreement as sales1 makes it (effective today for half a year): one with no commitment line yet, and one committing
 * 4 tents, Max enforced. Every event is the command that causes it (`sales.addCommitment` with the office's next
 * commitment line id, `removeCommitment`, `changeAgreementDates` to a month from today, `makeAgreementEffective`,
 * `closeAgreement`; an expiry is the virtual clock moved past the expiration and headquarters' `expireAgreements` job).
 * After every step the office's agreement actor has the model's state and record and the agreement view its status in
 * words; on every commitment line ordered is what the order lines linked to it hold, and remaining = committed -
 * ordered. Once Effective, an order is released for all but one unit of the first commitment (SM-8) and two more are
 * refused (SM-9, no over-allocation); an agreement on hold or closed releases nothing.
 */
import { createSalesAgreementMachine, type SalesAgreementEvent, type SalesAgreementSnapshot } from '../../../../machines/sales-agreement.machine.ts';
import type { AgreementCommitment, SalesAgreement } from '../../../domain/sales/agreements.ts';
import { prepareChain, scenarioHooks } from '../call-center-chain.ts';
import { expectSame, type EngineDriver } from '../engine-driver.ts';
import { accepted, ev } from '../events.ts';
import { fail } from '../failure.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import {
  dayAfter, deriveOfficePaths, officeCommand, officeHost, officeOf, officeRefused, officeSnapshot, officeViews, once, salesOfficeChainConfig, type OfficeRecord,
} from '../sales-office-chain.ts';

const SEED = 63;
/** An agreement whose dates are changed runs a month from today (so a path reaches its expiry soon). */
const SHORTENED_DAYS = 30;
const STATUS_WORDS = { onHold: 'On hold', effective: 'Effective', closed: 'Closed' } as const;
const CUSTOMER = 'C-ACME';
/** The commitment lines a path may add, in order (as `sales.addCommitment` takes them, defaults spelled out). */
const COMMITMENTS = [
  { kind: 'productQuantity', productId: 'P-TENT', categoryId: null, committed: 4, unitPrice: null, discountPct: 0, maxEnforced: true, priceFixed: false },
  { kind: 'productQuantity', productId: 'P-LAMP', categoryId: null, committed: 6, unitPrice: null, discountPct: 0, maxEnforced: true, priceFixed: false },
] as const satisfies readonly Omit<AgreementCommitment, 'commitmentId'>[];

/** How many commitment lines each scenario's agreement starts with. */
const SCENARIOS = { empty: 0, committed: 1 } as const;
type ScenarioName = keyof typeof SCENARIOS;

const commitmentOf = (agreementId: string, n: number): AgreementCommitment => ({ ...COMMITMENTS[n]!, commitmentId: `${agreementId}-${n + 1}` });

function makeAgreement(driver: EngineDriver, name: ScenarioName): OfficeRecord<{ agreement: SalesAgreement }> {
  const today = officeOf(driver.engine).today;
  const { agreementId } = officeCommand(driver, 'sales.createAgreement', { customerAccount: CUSTOMER, effective: today, expiration: dayAfter(today, 180) }) as { agreementId: string };
  for (const commitment of COMMITMENTS.slice(0, SCENARIOS[name])) officeCommand(driver, 'sales.addCommitment', { agreementId, commitment });
  const { agreement } = officeSnapshot(driver.engine, 'agreements', agreementId).context as { agreement: SalesAgreement };
  return { id: agreementId, today, input: { agreement } };
}

function buildSalesAgreementModel() {
  const config = salesOfficeChainConfig();
  const names = Object.keys(SCENARIOS) as ScenarioName[];
  const setups = Object.fromEntries(names.map((name) => [name, prepareChain(config, SEED, (driver) => makeAgreement(driver, name))]));
  const machine = createSalesAgreementMachine();

  const agreementEvents = (made: OfficeRecord<unknown>) => (s: SalesAgreementSnapshot): SalesAgreementEvent[] => {
    const { commitments, expiration } = s.context.agreement;
    const n = commitments.length;
    const shortened = dayAfter(made.today, SHORTENED_DAYS);
    return accepted(s, [
      ...(n < COMMITMENTS.length ? [ev('add commitment', { type: 'SET_COMMITMENT' as const, commitment: commitmentOf(made.id, n) })] : []),
      ...(n > 0 ? [ev('remove commitment', { type: 'REMOVE_COMMITMENT' as const, commitmentId: commitments[n - 1]!.commitmentId })] : []),
      ...(expiration === shortened ? [] : [ev('shorten', { type: 'CHANGE_DATES' as const, effective: made.today, expiration: shortened })]),
      ev('make effective', { type: 'MAKE_EFFECTIVE', on: made.today }),
      ev('close', { type: 'CLOSE', on: made.today }),
      // SM-7: the day after its expiration, headquarters' job closes it.
      ev('expire', { type: 'EXPIRE', on: dayAfter(expiration, 1) }),
    ]);
  };

  /** SM-8: an order released against the agreement's first commitment line. */
  const release = (agreement: SalesAgreement, quantity: number) => ({
    agreementId: agreement.agreementId,
    lines: [{ commitmentId: agreement.commitments[0]!.commitmentId, productId: agreement.commitments[0]!.productId, quantity, requestedShipDate: dayAfter(agreement.effective, 5) }],
  });

  const host = officeHost<SalesAgreementSnapshot, SalesAgreementEvent, OfficeRecord<{ agreement: SalesAgreement }>>({
    setups, table: 'agreements',
    apply: (session, event) => {
      const agreementId = session.made.id;
      if (event.type === 'SET_COMMITMENT') {
        const { commitmentId: _drawn, ...commitment } = event.commitment;
        officeCommand(session.driver, 'sales.addCommitment', { agreementId, commitment });
      } else if (event.type === 'MAKE_EFFECTIVE') officeCommand(session.driver, 'sales.makeAgreementEffective', { agreementId });
      else if (event.type === 'CLOSE') officeCommand(session.driver, 'sales.closeAgreement', { agreementId });
      else if (event.type === 'CHANGE_DATES') officeCommand(session.driver, 'sales.changeAgreementDates', { agreementId, effective: event.effective, expiration: event.expiration });
      else if (event.type === 'REMOVE_COMMITMENT') officeCommand(session.driver, 'sales.removeCommitment', { agreementId, commitmentId: event.commitmentId });
      else {
        // SM-7: the virtual clock moves to the day after the expiration, and headquarters' job closes the agreement.
        session.driver.exec({ type: 'clock.advance', ms: Date.parse(`${event.on}T00:00:00Z`) - Date.parse(`${session.made.today}T00:00:00Z`) });
        const { run } = session.driver.exec({ type: 'headquarters.runJob', job: 'expireAgreements' }) as { run: { counts: Record<string, number> } };
        expectSame('SM-7 the expire agreements job', run.counts, { agreementsExpired: 1 });
      }
    },
    check: (session, after) => {
      const { engine, made, driver } = session;
      const state = after.value as keyof typeof STATUS_WORDS;
      const { agreement } = after.context;
      const detail = officeViews(engine).agreement(made.id) ?? fail(`the office shows no agreement ${made.id}`);
      expectSame('SM-7 the agreement\'s status', detail.status, STATUS_WORDS[state]);
      // SM-9: ordered = the order lines linked to the commitment line, remaining = committed - ordered.
      const linked = officeOf(engine).orderRecords().flatMap((o) => o.lines).filter((l) => l.agreement?.agreementId === made.id);
      for (const line of detail.commitmentLines) {
        const ordered = linked.filter((l) => l.agreement!.commitmentId === line.commitmentId).reduce((n, l) => n + l.quantity, 0);
        expectSame(`SM-9 commitment line ${line.commitmentId}`, { ordered: line.ordered, remaining: line.remaining }, { ordered, remaining: line.committed - ordered });
      }
      if (state === 'effective') {
        const first = agreement.commitments[0]!;
        once(session, 'released', () => {
          officeCommand(driver, 'sales.releaseOrder', release(agreement, first.committed - 1));
          // SM-9 Max enforced: one unit is left, two more would take the commitment over.
          officeRefused(driver, 'sales.releaseOrder', release(agreement, 2), 'SM-9');
        });
        const line = officeViews(engine).agreement(made.id)!.commitmentLines[0]!;
        expectSame('SM-9 the released commitment', { ordered: line.ordered, remaining: line.remaining }, { ordered: first.committed - 1, remaining: 1 });
      } else if (agreement.commitments.length > 0) {
        // SM-8: only an Effective agreement takes orders.
        once(session, `no release ${state}`, () => officeRefused(driver, 'sales.releaseOrder', release(agreement, 1), 'SM-8'));
      } else {
        // SM-7: an agreement that commits nothing cannot take effect.
        once(session, 'empty', () => officeRefused(driver, 'sales.makeAgreementEffective', { agreementId: made.id }, 'SM-7'));
      }
    },
  });

  const scenarios = Object.fromEntries(names.map((name) => [name, { input: setups[name]!.made.input, events: agreementEvents(setups[name]!.made) }]));
  const key = { base: (s: SalesAgreementSnapshot) => `${JSON.stringify(s.value)} ${s.context.agreement.commitments.length} ${s.context.agreement.expiration}` };
  const derivation = deriveOfficePaths(machine, scenarios, key, names);

  return {
    name: 'sales-agreement', machine, scenarios, events: agreementEvents(setups.committed!.made), derivation, host,
    ...scenarioHooks(setups),
    rules: 'SM-7 / SM-8 / SM-9',
    checks: 'same agreement state and record, its status in words, ordered = linked lines and remaining = committed - ordered, a release within Max and none past it, none unless Effective',
  } satisfies LifecycleModel<SalesAgreementSnapshot, SalesAgreementEvent>;
}

export const salesAgreementModel = modelEntry({
  name: 'sales-agreement', machine: 'sales-agreement',
  description: 'Acme\'s sales agreement (with no commitment line yet, or 4 tents Max enforced): commitment lines added or removed and its dates shortened while On hold, made Effective (an order released within its Max), closed by hand or by the expire agreements job',
  createMachine: createSalesAgreementMachine,
  build: buildSalesAgreementModel,
});
