/**
 * The sync channel lifecycle model of a store (SY-1..SY-4, CU-6): paths derived from `createSyncChannelMachine` for
 * store S1 with @xstate/graph, each executed against the real `Chain`. Every model event is caused the way a store
 * causes it:
 * - GO_ONLINE / GO_DEGRADED / GO_OFFLINE: `sync.setLink`, followed by the work a till does in that state (offline: a
 *   customer created offline, an order for it and, the first time, a cash-and-carry receipt, all queued; degraded: a
 *   sync-mode order that falls back to async because "realtime with async backup" is on at S1). Offline, the P-job
 *   and job 1010 are run too and must move nothing; an acknowledgement or a package sent to the store directly is
 *   refused (SY-3).
 * - ACKNOWLEDGED: the P-job for S1 (with a receipt rung up first when the queue is empty), plain, with the first
 *   acknowledgement lost (the job runs again), or with the upload delivered twice (SY-3).
 * - DISTRIBUTED (+1 / +2 / +4): headquarters gets exactly 1, 2 or 4 newer master data versions, from Synchronize
 *   customers / Synchronize orders when the work staged there makes no more changes than that, topped up with
 *   real-time changes (a sync-mode order at R1 the first time S1 is online, else a customer edit at S2's R3), then
 *   job 1010. So at the end of every step headquarters' version is the version S1 applied (nothing else changes
 *   master data), and the model's payload version is the version the engine distributes.
 * After every step: S1's link and sync context equal the model's, headquarters has nothing S1 has not applied (every
 * sales order of an S1 order is confirmed at the store, every account's customer is synced), the sync invariants
 * (nothing a till created lost, nothing at headquarters twice, no acknowledged key still queued) and the engine-wide
 * invariants hold.
 */
import { createSyncChannelMachine, type SyncChannelEvent, type SyncChannelSnapshot } from '../../../../machines/sync-channel.machine.ts';
import type { EventObject } from 'xstate';
import { Chain } from '../../../chain.ts';
import type { DemoChainConfigInput } from '../fixture-chain.ts';
import { derivePaths } from '../derive.ts';
import { EngineDriver, expectSame, scenarioConfig, sellAt } from '../engine-driver.ts';
import { accepted, ev, labelOf } from '../events.ts';
import { fail } from '../failure.ts';
import { assertInvariants, initialOnHand } from '../invariants.ts';
import { modelEntry, type LifecycleModel } from '../model.ts';
import type { Host } from '../replay.ts';
import { assertSyncInvariants, newLedger, recordCreated, SyncNetwork, type TillLedger } from '../sync-network.ts';

const STORE = 'S1';
const REGISTER = 'R1';
/** S2's register: real-time customer edits while S1 is degraded. */
const OTHER_REGISTER = 'R3';

/** The demo chain, S1 with manual accept (scenarioConfig) and "realtime with async backup" on (SY-1). */
function syncConfig(): DemoChainConfigInput {
  const config = scenarioConfig();
  return {
    ...config,
    stores: config.stores.map((s) => (s.id === STORE ? { ...s, functionality: { ...s.functionality, realtimeWithAsyncBackup: true } } : s)),
  } as DemoChainConfigInput;
}

const SEED = 41;

function buildSyncChannelModel() {
  function prepare() {
    const config = syncConfig();
    const engine = Chain.create(config, { seed: SEED });
    const driver = new EngineDriver(engine);
    driver.exec({ type: 'register.openShift', registerId: REGISTER, operatorId: 'cashier1' });
    driver.exec({ type: 'register.openShift', registerId: OTHER_REGISTER, operatorId: 'cashier2' });
    return { catalog: engine.catalog, state: engine.exportState(), now: engine.now, script: { config, seed: SEED, commands: driver.script.commands } };
  }

  const setup = prepare();
  const { catalog } = setup;
  /** The virtual clock never moves in these paths: every acknowledgement and package arrives at this time. */
  const AT = setup.now;
  const machine = createSyncChannelMachine();
  const INPUT = { storeId: STORE };

  // --- Events with explicit payloads -----------------------------------------------------------------------------

  const ACK_LABELS = ['ack', 'ack:retried', 'ack:duplicated'] as const;
  const DISTRIBUTE = [1, 2, 4] as const;

  function syncEvents(s: SyncChannelSnapshot): SyncChannelEvent[] {
    const out: SyncChannelEvent[] = [];
    if (!s.matches('online')) out.push(ev('online', { type: 'GO_ONLINE' }));
    if (!s.matches('degraded')) out.push(ev('degraded', { type: 'GO_DEGRADED' }));
    if (!s.matches('offline')) out.push(ev('offline', { type: 'GO_OFFLINE' }));
    // The machine keeps only the time of an acknowledgement; which keys it names is checked against the engine's queue.
    for (const label of ACK_LABELS) out.push(ev(label, { type: 'ACKNOWLEDGED', keys: [], at: AT }));
    for (const n of DISTRIBUTE) out.push(ev(`distribute+${n}`, { type: 'DISTRIBUTED', version: s.context.appliedVersion + n, at: AT }));
    return accepted(s, out);
  }

  // --- Abstraction ----------------------------------------------------------------------------------------------

  function baseKey(s: SyncChannelSnapshot): string {
    const c = s.context;
    return `${String(s.value)} uploaded=${c.lastUploadAt === null ? 0 : 1} applied=${c.appliedVersion > 0 ? 1 : 0}`;
  }

  /** Shortest paths: every way into a state is a vertex of its own (link changes by origin, transfers by label). */
  function arrival(_s: SyncChannelSnapshot, e: EventObject, prev: SyncChannelSnapshot): string | null {
    if (e.type === 'ACKNOWLEDGED' || e.type === 'DISTRIBUTED') return ` <${labelOf(e)}>`;
    return ` <from ${String(prev.value)}>`;
  }

  const SIMPLE_LABELS = new Set(['online', 'degraded', 'offline', 'ack', 'distribute+4']);
  const simpleEvents = (s: SyncChannelSnapshot) => syncEvents(s).filter((e) => SIMPLE_LABELS.has(labelOf(e)));

  // --- Host: the chain, S1's link --------------------------------------------------------------------------------

  interface Ctx {
    engine: Chain; driver: EngineDriver; network: SyncNetwork; ledger: TillLedger;
    offlineRuns: number;
    /** The refusal probes run on the first offline / degraded step of a path (they are the same every time), the
     *  real-time order on the first top-up while online. */
    probed: Set<string>;
  }
  const onHand = initialOnHand(catalog);
  const stats = { offlineWork: 0, degradedWork: 0, ackRetried: 0, ackDuplicated: 0, synchronized: 0, realtimeTopUps: 0 };

  function exec(ctx: Ctx, command: Record<string, unknown>): Record<string, unknown> {
    const result = ctx.driver.exec(command);
    const storeId = typeof command.registerId === 'string' ? catalog.registers.get(command.registerId) : undefined;
    if (storeId !== undefined) recordCreated(ctx.ledger, storeId, result);
    return result;
  }

  function sell(ctx: Ctx, lines: Parameters<typeof sellAt>[2], options: Parameters<typeof sellAt>[3] = {}, registerId = REGISTER): Record<string, unknown> {
    const sale = sellAt(ctx.driver, registerId, lines, options);
    recordCreated(ctx.ledger, catalog.registers.get(registerId)!, sale.result);
    return sale.result;
  }

  const queueKeys = (ctx: Ctx) => ctx.engine.syncView(STORE).pending.map((item) => item.key);

  /** SY-3: offline, a job reaches nothing and a delivery sent to the store is refused; nothing changes. */
  function offlineProbes(ctx: Ctx): void {
    const linkBefore = ctx.engine.syncView(STORE);
    for (const job of ['P-job', '1010'] as const) {
      const run = exec(ctx, { type: 'headquarters.runJob', job, storeIds: [STORE] }).run as { stores: { storeId: string; outcome: string }[] };
      expectSame(`${job} while offline`, run.stores, [{ storeId: STORE, outcome: 'unreachable', counts: {} }]);
    }
    expectSame('S1 after jobs while offline', ctx.engine.syncView(STORE), linkBefore);
    if (ctx.probed.has('offline')) return;
    ctx.probed.add('offline');
    const key = linkBefore.pending[0]?.key ?? 'customer:none';
    expectRefusedAtStore(ctx, { type: 'sync.acknowledge', storeId: STORE, keys: [key] }, 'SY-3');
    expectRefusedAtStore(ctx, { type: 'sync.applyDistribution', storeId: STORE, package: { version: linkBefore.appliedVersion + 1, customers: [], orders: [] } }, 'SY-3');
  }

  /** A delivery the transport would carry, sent to the store engine directly (what a lost-then-late message does). */
  function expectRefusedAtStore(ctx: Ctx, command: Record<string, unknown>, rule: string): void {
    const before = JSON.stringify(ctx.engine.exportState());
    const result = ctx.engine.store.executeNow(command);
    if (result.ok) fail(`the store accepted ${command.type as string} while offline (${rule})`);
    if (result.error.rule !== rule) fail(`the store refused ${command.type as string} with ${result.error.rule}, expected ${rule}`);
    if (JSON.stringify(ctx.engine.exportState()) !== before) fail(`refused ${command.type as string} changed the engine`);
  }

  /** Work a till does offline (CU-6, SY-3): a customer created offline, an order for it (the first time also a receipt). All queued. */
  function offlineWork(ctx: Ctx): void {
    stats.offlineWork += 1;
    ctx.offlineRuns += 1;
    const before = queueKeys(ctx).length;
    const created = exec(ctx, { type: 'customer.create', registerId: REGISTER, customer: { name: `Offline customer ${ctx.offlineRuns}` }, addToTransaction: false });
    expectSame('CU-6: customer created offline', { mode: created.mode, account: created.account }, { mode: 'offline', account: 'Pending sync' });
    const order = sell(ctx, [{ productId: 'P-LAMP', quantity: 1, delivery: 'pickup' }], { customerId: created.customerId as string });
    expectSame('SY-3: order created offline', order.mode, 'offline');
    const receipt = ctx.offlineRuns === 1;
    if (receipt) sell(ctx, [{ productId: 'P-SOCKS', quantity: 1, delivery: 'carryOut' }]);
    expectSame('items queued offline', queueKeys(ctx).length, before + (receipt ? 3 : 2));
  }

  /** SY-1: degraded, a sync-mode order falls back to async (S1 has realtime with async backup); CU-4: no sync customer. */
  function degradedWork(ctx: Ctx): void {
    stats.degradedWork += 1;
    const order = sell(ctx, [{ productId: 'P-STOVE', quantity: 1, delivery: 'pickup' }], { customerId: 'C-ANNA' });
    expectSame('SY-1: order while degraded', order.mode, 'asyncBackup');
    if (ctx.probed.has('degraded')) return;
    ctx.probed.add('degraded');
    ctx.driver.refused({ type: 'customer.create', registerId: REGISTER, customer: { name: 'Needs headquarters' } }, 'CU-4');
  }

  /**
   * The master data changes Synchronize customers + Synchronize orders would make now: an account per staged customer
   * without one, a sales order per staged order without one whose customer has (or is getting) an account (CU-7).
   */
  function pendingChanges(ctx: Ctx): number {
    const office = ctx.engine.backOffice();
    const staged = Object.values(office.staged).filter((s) => s.processedAt === null);
    const newCustomers = new Set(staged.flatMap((s) => (s.item.kind === 'customerCreated' && office.accountOfChannelCustomer[s.item.customer.accountId] === undefined ? [s.item.customer.accountId] : [])));
    const customerStaged = (id: string) => office.staged[`customer:${id}`] !== undefined;
    let orders = 0;
    for (const s of staged) {
      if (s.item.kind !== 'orderCreated' || office.salesOrderOfChannelReference[s.item.order.channelReference] !== undefined) continue;
      const customerId = s.item.order.customerId;
      if (office.accountOfChannelCustomer[customerId] !== undefined || customerStaged(customerId)) {
        orders += 1;
        if (office.accountOfChannelCustomer[customerId] === undefined) newCustomers.add(customerId);
      }
    }
    return newCustomers.size + orders;
  }

  function acknowledge(ctx: Ctx, label: string): void {
    if (queueKeys(ctx).length === 0) sell(ctx, [{ productId: 'P-SOCKS', quantity: 1, delivery: 'carryOut' }]);
    const keys = queueKeys(ctx);
    const pJob = { type: 'headquarters.runJob', job: 'P-job', storeIds: [STORE] };
    if (label === 'ack:retried') {
      stats.ackRetried += 1;
      ctx.driver.offScript('an acknowledgement lost on its way to the store (ack:retried)');
      ctx.network.dropAcknowledgements = 1;
      const linkBefore = ctx.engine.syncView(STORE);
      exec(ctx, pJob);
      // The upload arrived, its acknowledgement did not: the items stay queued, staged once at headquarters.
      expectSame('S1 after a lost acknowledgement', ctx.engine.syncView(STORE), linkBefore);
      assertSyncInvariants(ctx.engine, ctx.ledger, ctx.network.acknowledged);
      exec(ctx, pJob);
    } else if (label === 'ack:duplicated') {
      stats.ackDuplicated += 1;
      ctx.driver.offScript('an upload delivered twice (ack:duplicated)');
      ctx.network.duplicateUploads = 1;
      exec(ctx, { type: 'headquarters.runJob', job: 'P-job' });
    } else {
      exec(ctx, pJob);
    }
    expectSame('SY-3: S1 queue after the P-job', queueKeys(ctx), []);
    for (const key of keys) if (!ctx.network.acknowledged.has(key)) fail(`SY-3: ${key} was uploaded but not acknowledged`);
  }

  function distribute(ctx: Ctx, e: Extract<SyncChannelEvent, { type: 'DISTRIBUTED' }>, n: number): void {
    const office = () => ctx.engine.backOffice();
    const before = office().version;
    const expected = pendingChanges(ctx);
    if (expected > 0 && expected <= n) {
      stats.synchronized += 1;
      exec(ctx, { type: 'headquarters.runJob', job: 'synchronizeCustomers' });
      exec(ctx, { type: 'headquarters.runJob', job: 'synchronizeOrders' });
      if (office().version !== before + expected) fail(`Synchronize customers + orders made ${office().version - before} master data changes, the staged work asks for ${expected}`);
    }
    let edits = 0;
    while (office().version < e.version) {
      stats.realtimeTopUps += 1;
      if (ctx.engine.syncView(STORE).link === 'online' && !ctx.probed.has('realtime order')) {
        ctx.probed.add('realtime order');
        const order = sell(ctx, [{ productId: 'P-LAMP', quantity: 1, delivery: 'pickup' }], { customerId: 'C-ANNA' });
        expectSame('SY-1: order while online', order.mode, 'realtime');
      } else {
        edits += 1;
        exec(ctx, { type: 'customer.edit', registerId: OTHER_REGISTER, customerId: 'C-CAL', changes: { name: `Cal Rivera ${before}.${edits}` } });
      }
    }
    if (office().version !== e.version) fail(`headquarters is at version ${office().version}, the step needs exactly ${e.version}`);
    const run = exec(ctx, { type: 'headquarters.runJob', job: '1010', ...(n === 1 ? { storeIds: [STORE] } : {}) }).run as { stores: { storeId: string; outcome: string }[] };
    if (run.stores.find((s) => s.storeId === STORE)?.outcome !== 'completed') fail(`1010 did not reach ${STORE}: ${JSON.stringify(run.stores)}`);
  }

  /** SY-4: at the end of every step headquarters has nothing S1 has not applied. */
  function checkApplied(ctx: Ctx, appliedVersion: number): void {
    const office = ctx.engine.backOffice();
    if (office.version !== appliedVersion) fail(`headquarters is at master data version ${office.version}, S1 applied ${appliedVersion} (only DISTRIBUTED steps change master data)`);
    for (const so of Object.values(office.salesOrders)) {
      if (so.storeId !== STORE) continue;
      const order = ctx.engine.orderView(so.orderId);
      if (order.salesOrderId !== so.salesOrderId) fail(`SY-4: sales order ${so.salesOrderId} of ${so.orderId} was distributed, the store shows ${order.salesOrderId}`);
    }
    for (const account of Object.values(office.customers)) {
      const customer = ctx.engine.customerView(account.channelCustomerId);
      if (customer.accountNumber !== account.accountNumber) fail(`SY-4: account ${account.accountNumber} was distributed, customer ${account.channelCustomerId} shows ${customer.account}`);
    }
  }

  const host: Host<SyncChannelSnapshot, SyncChannelEvent, Ctx> = {
    fresh: () => {
      const network = new SyncNetwork();
      const engine = Chain.restore(catalog, structuredClone(setup.state), { transport: network.transport });
      return { engine, driver: new EngineDriver(engine), network, ledger: newLedger(), offlineRuns: 0, probed: new Set() };
    },
    engineState: (ctx) => ctx.engine.syncView(STORE).link,
    apply: (ctx, e, label) => {
      switch (e.type) {
        case 'GO_ONLINE':
          exec(ctx, { type: 'sync.setLink', storeId: STORE, state: 'online' });
          return;
        case 'GO_DEGRADED':
          exec(ctx, { type: 'sync.setLink', storeId: STORE, state: 'degraded' });
          degradedWork(ctx);
          return;
        case 'GO_OFFLINE':
          exec(ctx, { type: 'sync.setLink', storeId: STORE, state: 'offline' });
          offlineWork(ctx);
          offlineProbes(ctx);
          return;
        case 'ACKNOWLEDGED':
          acknowledge(ctx, label);
          return;
        case 'DISTRIBUTED':
          distribute(ctx, e, Number(label.slice('distribute+'.length)));
          return;
      }
    },
    check: (ctx, after) => {
      const { link, realtimeReachable, batchReachable, pending: _pending, ...context } = ctx.engine.syncView(STORE);
      expectSame('S1 link', link, after.value);
      expectSame('S1 sync context', context, after.context);
      // SY-1 / SY-3: the real-time service only while online; batch data unless offline.
      expectSame('S1 reachability', { realtimeReachable, batchReachable }, { realtimeReachable: after.matches('online'), batchReachable: !after.matches('offline') });
      checkApplied(ctx, after.context.appliedVersion);
      assertSyncInvariants(ctx.engine, ctx.ledger, ctx.network.acknowledged);
      assertInvariants(ctx.engine, { initialOnHand: onHand });
    },
  };

  // --- Run -------------------------------------------------------------------------------------------------------

  const derivation = derivePaths<SyncChannelSnapshot, SyncChannelEvent>({
    machine, scenario: STORE, input: INPUT,
    shortest: { events: syncEvents, key: { base: baseKey, mark: arrival } },
    simple: { events: simpleEvents, key: { base: baseKey } },
  });

  return {
    name: 'sync-channel', machine, scenarios: { [STORE]: { input: INPUT } }, events: syncEvents, derivation, host,
    setup: () => setup.script,
    rules: 'SY-1..SY-4 / CU-6',
    checks: 'same link and versions, nothing lost, nothing twice, acknowledged keys never queued',
    report: () => `; host work ${JSON.stringify(stats)}`,
    /** What the host did over the runs so far (the tests check the paths did exercise it). */
    stats,
  } satisfies LifecycleModel<SyncChannelSnapshot, SyncChannelEvent, Ctx> & { stats: unknown };
}

export const syncChannelModel = modelEntry({
  name: 'sync-channel', machine: 'sync-channel',
  description: 'Store S1\'s link to headquarters: online, degraded, offline with the till work of each, uploads acknowledged (also lost or twice), packages distributed',
  createMachine: () => createSyncChannelMachine(),
  build: buildSyncChannelModel,
});
