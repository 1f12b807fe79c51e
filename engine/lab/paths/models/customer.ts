/**
 * The customer lifecycle model (CU-4, CU-5, CU-7, SY-4): paths derived from `createCustomerMachine`
 * with @xstate/graph from three customers created at a register through the engine, each model event executed as
 * the engine commands that cause it:
 * - "async": created at R1 while S1 creates customers async (CU-4): pending sync under a temporary GUID;
 * - "offline": created at R3 while S2 is offline (CU-6: async although S2's mode is sync); S2 stays offline until a
 *   step needs headquarters;
 * - "sync": created at R3 with S2 online: created at headquarters in real time, synced from the start.
 * SYNCED: the P-job, Synchronize customers and job 1010; or a real-time customer order that carries the customer
 * (CU-7); or an order queued offline, P-job, Synchronize orders (CU-7: it creates the customer first) and 1010.
 * EDITED: `customer.edit` at S1's R1 or at S2's R3 (then job 1010 to S1 must change nothing: SY-4).
 * LOYALTY_CARD_ISSUED: `customer.issueLoyaltyCard`.
 * DISTRIBUTED: see `distributed` below for why no register command can cause it and what does.
 * After every step the engine's customer has the model's state, account number, record and account label (CU-4),
 * headquarters' account holds the same record and version, a customer pending sync cannot be edited or get a loyalty
 * card (CU-5: refused, nothing changes), the sync invariants and the engine-wide invariants hold.
 *
 * Versions: the machine only needs a newer version for EDITED / LOYALTY_CARD_ISSUED / DISTRIBUTED; the engine's
 * versions are headquarters' master data versions, which other changes (a sales order, another customer) move too.
 * So the model's payload is "context version + 1" and the engine is checked for the version relations instead:
 * the channel's version of the customer is headquarters' version of the account, and it never goes down.
 */
import type { EventObject } from 'xstate';
import { createCustomerMachine, type CustomerEvent, type CustomerInput, type CustomerSnapshot } from '../../../../machines/customer.machine.ts';
import { Chain } from '../../../chain.ts';
import type { Customer } from '../../../domain/config.ts';
import type { DemoChainConfigInput } from '../fixture-chain.ts';
import { combine, derivePaths } from '../derive.ts';
import { EngineDriver, expectSame, scenarioConfig, sellAt } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { assertInvariants, initialOnHand } from '../invariants.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';
import { assertSyncInvariants, newLedger, recordCreated, SyncNetwork, type TillLedger } from '../sync-network.ts';

export type ScenarioName = 'async' | 'offline' | 'sync';
export const SCENARIOS: readonly ScenarioName[] = ['async', 'offline', 'sync'];

/** Where each scenario's customer is created. */
const CREATED_AT: Record<ScenarioName, { registerId: string; storeId: string }> = {
  async: { registerId: 'R1', storeId: 'S1' },
  offline: { registerId: 'R3', storeId: 'S2' },
  sync: { registerId: 'R3', storeId: 'S2' },
};

/** The demo chain (S1 manual accept), S1 creating customers async (CU-4); S2 keeps the sync mode. */
export function customerConfig(): DemoChainConfigInput {
  const config = scenarioConfig();
  return {
    ...config,
    stores: config.stores.map((s) => (s.id === 'S1' ? { ...s, functionality: { ...s.functionality, createCustomerAsync: true } } : s)),
  } as DemoChainConfigInput;
}

/** CU-8: the store whose address book the customer is not in at first, and its register. */
const OTHER_STORE: Record<ScenarioName, { registerId: string; storeId: string }> = {
  async: { registerId: 'R3', storeId: 'S2' },
  offline: { registerId: 'R1', storeId: 'S1' },
  sync: { registerId: 'R1', storeId: 'S1' },
};

const pad = (n: number) => String(n).padStart(6, '0');

const SEED = 51;

function buildCustomerModel() {
  function prepare(scenario: ScenarioName) {
    const config = customerConfig();
    const engine = Chain.create(config, { seed: SEED });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' });
    driver.exec({ type: 'register.openShift', registerId: 'R3', operatorId: 'cashier2' });
    const { registerId, storeId } = CREATED_AT[scenario];
    if (scenario === 'offline') driver.exec({ type: 'sync.setLink', storeId, state: 'offline' });
    const created = driver.exec({ type: 'customer.create', registerId, customer: { name: 'Robin Model', phone: '+1 206 555 0100' }, addToTransaction: false });
    const customerId = created.customerId as string;
    const { state: _s, account: _a, pendingSync: _p, ...input } = engine.customerView(customerId);
    const office = engine.backOffice();
    const ledger = newLedger();
    recordCreated(ledger, storeId, created);
    return {
      catalog: engine.catalog,
      state: engine.exportState(),
      script: { config, seed: SEED, commands: driver.script.commands },
      input: input satisfies CustomerInput,
      customerId,
      created,
      ledger,
      // What headquarters will give: the next account number, the next master data version, the next loyalty card.
      nextAccount: `C-${pad(office.counters.customer + 1)}`,
      nextVersion: office.version + 1,
      nextCard: `LC-${pad(office.counters.loyaltyCard + 1)}`,
    };
  }

  const setups = Object.fromEntries(SCENARIOS.map((name) => [name, prepare(name)])) as Record<ScenarioName, ReturnType<typeof prepare>>;
  const { catalog } = setups.async;
  const machine = createCustomerMachine();

  // --- Events with explicit payloads -----------------------------------------------------------------------------

  const NAMES = { 'edit:R1': 'Renamed at S1', 'edit:R3': 'Renamed at S2', 'distribute:backOffice': 'Renamed at headquarters' } as const;
  const EMAILS = { 'edit:email': 'robin@example.com', 'distribute:restore': 'robin.restored@example.com' } as const;
  const SYNC_LABELS = ['sync:jobs', 'sync:order:realtime', 'sync:order:async'] as const;

  const customerEvents = (scenario: ScenarioName) => (s: CustomerSnapshot): CustomerEvent[] => {
    const c = s.context;
    const setup = setups[scenario];
    const out: CustomerEvent[] = [];
    if (s.matches('pendingSync')) {
      // However headquarters creates the account, it is its next account at its next version, with the record queued.
      for (const label of SYNC_LABELS) out.push(ev(label, { type: 'SYNCED', accountNumber: setup.nextAccount, record: c.record, version: setup.nextVersion }));
    }
    if (s.matches('synced')) {
      const version = c.version + 1;
      for (const [label, name] of Object.entries(NAMES)) {
        const record: Customer = { ...c.record, name };
        out.push(ev(label, label.startsWith('edit') ? { type: 'EDITED', record, version } : { type: 'DISTRIBUTED', record, version }));
      }
      for (const [label, email] of Object.entries(EMAILS)) {
        const record: Customer = { ...c.record, email };
        out.push(ev(label, label.startsWith('edit') ? { type: 'EDITED', record, version } : { type: 'DISTRIBUTED', record, version }));
      }
      out.push(ev('loyalty', { type: 'LOYALTY_CARD_ISSUED', cardId: setup.nextCard, version }));
    }
    // CU-8: the other store opens the customer from a search across all stores, synced or not.
    out.push(ev('addressBook', { type: 'ADDED_TO_ADDRESS_BOOK', storeId: OTHER_STORE[scenario].storeId }));
    return accepted(s, out);
  };

  // --- Abstraction ----------------------------------------------------------------------------------------------

  const tagOf = (value: string | undefined, tags: Record<string, string>) => Object.entries(tags).find(([, v]) => v === value)?.[0] ?? (value === undefined ? '-' : 'orig');

  function baseKey(s: CustomerSnapshot): string {
    const r = s.context.record;
    return `${String(s.value)} name=${tagOf(r.name, NAMES)} email=${tagOf(r.email, EMAILS)} card=${r.loyaltyCardId === undefined ? 0 : 1} books=${s.context.addressBooks?.length ?? 0}`;
  }

  /** Every way headquarters syncs the customer is a vertex of its own. */
  const syncedVia = (_s: CustomerSnapshot, e: EventObject): string | null => (e.type === 'SYNCED' ? ` <${labelOf(e)}>` : null);

  /**
   * Simple paths: one way to sync per scenario (every way is on a shortest path), then every order of an edit at R1, a
   * loyalty card and a back-office change.
   */
  const SIMPLE_SYNC: Record<ScenarioName, string> = { async: 'sync:order:realtime', offline: 'sync:order:async', sync: '-' };
  const SIMPLE_LABELS = new Set<string>(['edit:R1', 'loyalty', 'distribute:backOffice']);
  const simpleEvents = (scenario: ScenarioName) => (s: CustomerSnapshot) =>
    customerEvents(scenario)(s).filter((e) => SIMPLE_LABELS.has(labelOf(e)) || labelOf(e) === SIMPLE_SYNC[scenario]);

  // --- Host: the chain ------------------------------------------------------------------------------------------------

  interface Ctx {
    scenario: ScenarioName;
    engine: Chain;
    driver: EngineDriver;
    network: SyncNetwork;
    ledger: TillLedger;
    customerId: string;
    /** The channel's version of the customer after the previous step (it never goes down). */
    version: number;
    probed: Set<string>;
  }
  const onHand = initialOnHand(catalog);
  const routes: Record<string, number> = {};

  function exec(ctx: Ctx, command: Record<string, unknown>): Record<string, unknown> {
    const result = ctx.driver.exec(command);
    const storeId = typeof command.registerId === 'string' ? catalog.registers.get(command.registerId) : undefined;
    if (storeId !== undefined) recordCreated(ctx.ledger, storeId, result);
    return result;
  }

  function setLink(ctx: Ctx, storeId: string, state: 'online' | 'degraded' | 'offline'): void {
    if (ctx.engine.syncView(storeId).link !== state) exec(ctx, { type: 'sync.setLink', storeId, state });
  }

  function runJob(ctx: Ctx, job: string, storeIds?: string[]): Record<string, unknown> {
    return exec(ctx, { type: 'headquarters.runJob', job, ...(storeIds === undefined ? {} : { storeIds }) });
  }

  function sale(ctx: Ctx, registerId: string): Record<string, unknown> {
    const result = sellAt(ctx.driver, registerId, [{ productId: 'P-LAMP', quantity: 1, delivery: 'pickup' }], { customerId: ctx.customerId }).result;
    recordCreated(ctx.ledger, catalog.registers.get(registerId)!, result);
    return result;
  }

  function synced(ctx: Ctx, label: string): void {
    const { registerId, storeId } = CREATED_AT[ctx.scenario];
    routes[`${ctx.scenario}/${label}`] = (routes[`${ctx.scenario}/${label}`] ?? 0) + 1;
    switch (label) {
      case 'sync:jobs': {
        setLink(ctx, storeId, 'online');
        runJob(ctx, 'P-job', [storeId]);
        const run = runJob(ctx, 'synchronizeCustomers').run as { counts: Record<string, number> };
        expectSame('CU-5: Synchronize customers', run.counts, { accountsCreated: 1 });
        runJob(ctx, '1010');
        return;
      }
      case 'sync:order:realtime': {
        setLink(ctx, storeId, 'online');
        // CU-7: the real-time order carries the customer pending sync; headquarters creates both.
        expectSame('SY-1: order mode', sale(ctx, registerId).mode, 'realtime');
        return;
      }
      case 'sync:order:async': {
        setLink(ctx, storeId, 'offline');
        expectSame('SY-3: order mode', sale(ctx, registerId).mode, 'offline');
        setLink(ctx, storeId, 'online');
        runJob(ctx, 'P-job', [storeId]);
        // CU-7: Synchronize orders creates the order's async customer first (Synchronize customers has not run).
        const run = runJob(ctx, 'synchronizeOrders').run as { counts: Record<string, number> };
        expectSame('CU-7: sales orders created', run.counts.salesOrdersCreated, 1);
        if (ctx.engine.backOffice().accountOfChannelCustomer[ctx.customerId] === undefined) fail('CU-7: Synchronize orders did not create the order\'s customer');
        runJob(ctx, '1010', [storeId]);
        return;
      }
    }
    fail(`unknown SYNCED route ${label}`);
  }

  function edit(ctx: Ctx, registerId: string, changes: Record<string, unknown>): void {
    exec(ctx, { type: 'customer.edit', registerId, customerId: ctx.customerId, changes });
  }

  /**
   * DISTRIBUTED: newer master data for a synced customer arrives with job 1010. No register command causes it: the
   * channel database is shared by every store, and each change a register makes to a customer (an edit or a loyalty
   * card, at any store) is made at headquarters in real time and applied to the customer's actor in the same command
   * with headquarters' version; account creation (Synchronize customers / orders) only syncs a customer pending sync.
   * So a package never has a newer version of a synced customer than the channel (the "edit:R3" step checks that job
   * 1010 after an edit at another store changes nothing). Headquarters must have changed the customer without the
   * channel seeing it, which the engine allows two ways:
   * - "distribute:backOffice": the customer is changed at headquarters itself (its own command boundary,
   *   `headquarters.updateCustomer`, as a back-office user does), then job 1010;
   * - "distribute:restore": the channel database is restored from a backup taken just before an edit at R3 (the edit's
   *   confirmation is lost with it, headquarters keeps the edit), then job 1010 brings the newer record back.
   */
  function distributed(ctx: Ctx, label: string, record: Customer): void {
    const accountNumber = ctx.engine.customerView(ctx.customerId).accountNumber!;
    if (label === 'distribute:backOffice') {
      ctx.driver.offScript('a change made at headquarters itself (distribute:backOffice)');
      const result = ctx.engine.headquarters.executeNow({ type: 'headquarters.updateCustomer', accountNumber, record });
      if (!result.ok) fail(`headquarters refused the back-office change: ${result.error.rule} ${result.error.message}`);
    } else {
      const backup = ctx.engine.exportState().store;
      const before = ctx.engine.customerView(ctx.customerId).record;
      edit(ctx, 'R3', { email: record.email });
      ctx.engine = Chain.restore(catalog, { store: backup, headquarters: ctx.engine.exportState().headquarters }, { transport: ctx.network.transport });
      ctx.driver.offScript('the channel database restored from a backup (distribute:restore)');
      ctx.driver = new EngineDriver(ctx.engine, ctx.driver.script);
      expectSame('the restored channel database', ctx.engine.customerView(ctx.customerId).record, before);
    }
    runJob(ctx, '1010', ['S1']);
  }

  function execute(ctx: Ctx, e: CustomerEvent, label: string): void {
    switch (e.type) {
      case 'SYNCED':
        synced(ctx, label);
        return;
      case 'EDITED':
        if (label === 'edit:R1' && !ctx.probed.has('CU-4')) {
          // CU-4: edits are made at headquarters in real time: refused while S1 cannot reach it, nothing changes.
          ctx.probed.add('CU-4');
          setLink(ctx, 'S1', 'degraded');
          ctx.driver.refused({ type: 'customer.edit', registerId: 'R1', customerId: ctx.customerId, changes: { name: NAMES['edit:R1'] } }, 'CU-4');
          setLink(ctx, 'S1', 'online');
        }
        if (label === 'edit:email') edit(ctx, 'R1', { email: e.record.email });
        else edit(ctx, label === 'edit:R1' ? 'R1' : 'R3', { name: e.record.name });
        if (label === 'edit:R3') {
          // SY-4: the shared channel database has the edit already: job 1010 to S1 applies nothing to the customer.
          const before = ctx.engine.customerView(ctx.customerId);
          runJob(ctx, '1010', ['S1']);
          expectSame('SY-4: the customer after job 1010 following an edit at S2', ctx.engine.customerView(ctx.customerId), before);
        }
        return;
      case 'LOYALTY_CARD_ISSUED':
        exec(ctx, { type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: ctx.customerId });
        return;
      case 'DISTRIBUTED':
        distributed(ctx, label, e.record);
        return;
      case 'ADDED_TO_ADDRESS_BOOK': {
        const { registerId, storeId } = OTHER_STORE[ctx.scenario];
        exec(ctx, { type: 'customer.addToAddressBook', registerId, customerId: ctx.customerId });
        // CU-8: once in the book, opening it again is refused and changes nothing.
        ctx.driver.refused({ type: 'customer.addToAddressBook', registerId, customerId: ctx.customerId }, 'CU-8');
        expectSame('CU-8: the address books', ctx.engine.customerView(ctx.customerId).addressBooks, [storeId]);
        return;
      }
    }
  }

  const host: Host<CustomerSnapshot, CustomerEvent, Ctx> = {
    fresh: (scenario) => {
      const name = scenario as ScenarioName;
      const setup = setups[name];
      const network = new SyncNetwork();
      const engine = Chain.restore(catalog, structuredClone(setup.state), { transport: network.transport });
      const ledger: TillLedger = { orders: new Map(setup.ledger.orders), customers: new Map(setup.ledger.customers), receipts: new Map(setup.ledger.receipts) };
      return { scenario: name, engine, driver: new EngineDriver(engine), network, ledger, customerId: setup.customerId, version: 0, probed: new Set() };
    },
    engineState: (ctx) => ctx.engine.customerView(ctx.customerId).state,
    apply: (ctx, e, label) => execute(ctx, e, label),
    check: (ctx, after) => {
      const m = after.context;
      const view = ctx.engine.customerView(ctx.customerId);
      const pending = after.matches('pendingSync');
      expectSame('customer state', view.state, after.value);
      expectSame('customer', { customerId: view.customerId, accountNumber: view.accountNumber, createdAtStoreId: view.createdAtStoreId, createdAt: view.createdAt }, {
        customerId: m.customerId, accountNumber: m.accountNumber, createdAtStoreId: m.createdAtStoreId, createdAt: m.createdAt,
      });
      expectSame('customer record', view.record, m.record);
      expectSame('CU-8: address books', view.addressBooks ?? [], m.addressBooks ?? []);
      // CU-4: the till shows "Pending sync" until headquarters gives the account number.
      expectSame('CU-4: account shown', { account: view.account, pendingSync: view.pendingSync }, pending ? { account: 'Pending sync', pendingSync: true } : { account: m.accountNumber, pendingSync: false });
      if (view.version < ctx.version) fail(`the customer's version went down from ${ctx.version} to ${view.version}`);
      ctx.version = view.version;
      const office = ctx.engine.backOffice();
      if (pending) {
        if (office.accountOfChannelCustomer[ctx.customerId] !== undefined) fail(`CU-4: headquarters has account ${office.accountOfChannelCustomer[ctx.customerId]} for a customer the channel shows pending sync`);
        // CU-5: not inherited, and not editable, no loyalty card until synced: refused, nothing changes.
        expectSame('CU-5: affiliations of a customer pending sync', view.record.affiliations, []);
        if (!ctx.probed.has('CU-5 pending')) {
          ctx.probed.add('CU-5 pending');
          const { registerId } = CREATED_AT[ctx.scenario];
          ctx.driver.refused({ type: 'customer.edit', registerId, customerId: ctx.customerId, changes: { name: 'Not yet' } }, 'CU-5');
          ctx.driver.refused({ type: 'customer.issueLoyaltyCard', registerId, customerId: ctx.customerId }, 'CU-5');
        }
      } else {
        const account = office.customers[m.accountNumber!];
        if (account === undefined) fail(`headquarters has no account ${m.accountNumber}`);
        // The channel and headquarters agree on the customer after every step (SY-4, CU-4).
        expectSame('headquarters\' record of the customer', account.record, view.record);
        expectSame('headquarters\' version of the customer', account.version, view.version);
        expectSame('the customer found by account number', ctx.engine.customerView(m.accountNumber!).customerId, ctx.customerId);
        if (m.record.loyaltyCardId !== undefined && !ctx.probed.has('CU-5 card')) {
          ctx.probed.add('CU-5 card');
          ctx.driver.refused({ type: 'customer.issueLoyaltyCard', registerId: 'R1', customerId: ctx.customerId }, 'CU-5');
        }
      }
      assertSyncInvariants(ctx.engine, ctx.ledger, ctx.network.acknowledged);
      assertInvariants(ctx.engine, { initialOnHand: onHand });
    },
  };

  // --- Run -------------------------------------------------------------------------------------------------------

  const derivation = combine(SCENARIOS.map((scenario) => derivePaths<CustomerSnapshot, CustomerEvent>({
    machine, scenario, input: setups[scenario].input,
    shortest: { events: customerEvents(scenario), key: { base: baseKey, mark: syncedVia } },
    simple: { events: simpleEvents(scenario), key: { base: baseKey, mark: syncedVia } },
  })));
  const scenarios = Object.fromEntries(SCENARIOS.map((name) => [name, { input: setups[name].input, events: customerEvents(name) }]));

  return {
    name: 'customer', machine, scenarios, events: customerEvents('sync'), derivation, host,
    setup: (scenario: string) => setups[scenario as ScenarioName].script,
    rules: 'CU-4 / CU-5 / CU-7 / SY-4',
    checks: 'same state, account and record, pending customers refused edits and cards',
    report: () => `; scenarios ${SCENARIOS.join('/')}; SYNCED routes ${JSON.stringify(routes)}`,
    /** What creating each scenario's customer returned, and its id. */
    created: Object.fromEntries(SCENARIOS.map((name) => [name, { result: setups[name].created, customerId: setups[name].customerId }])) as Record<ScenarioName, { result: Record<string, unknown>; customerId: string }>,
  } satisfies LifecycleModel<CustomerSnapshot, CustomerEvent, Ctx> & { created: unknown };
}

export const customerModel = modelEntry({
  name: 'customer', machine: 'customer',
  description: 'A customer created at a till (async at S1, offline at S2, sync at S2): synced three ways, edited at either store, a loyalty card, master data from headquarters, another store\'s address book',
  createMachine: () => createCustomerMachine(),
  build: buildCustomerModel,
});
