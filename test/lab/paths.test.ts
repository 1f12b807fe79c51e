/**
 * The testers' lifecycle paths (engine/lab/paths, `storefront paths`): ids that do not move, the filters, the
 * coverage of a path set and of a scenario, one path replayed against the engine (agreeing, and a corrupted
 * expectation found at its step), paths as scenario files that replay to the state the path expects.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { pathsCommand } from '../../engine/cli/paths.ts';
import { pathSetCoverage, scenarioCoverage } from '../../engine/lab/paths/coverage-report.ts';
import { demoChainConfig } from '../../engine/lab/paths/fixture-chain.ts';
import { MODELS } from '../../engine/lab/paths/models/index.ts';
import { pathScenarios } from '../../engine/lab/paths/path-scenarios.ts';
import {
  exportPaths, findModel, pathId, PathsInputError, readPathFile, runPath, selectPaths, stateNames, statesOf, type PathFile,
} from '../../engine/lab/paths/path-set.ts';
import { loadScenario, runSteps } from '../../engine/scenario.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'paths-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Runs `storefront paths ...` in process: what it printed, and the exit code it set. */
async function paths(...args: string[]): Promise<{ out: string; exitCode: number }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => { lines.push(parts.join(' ')); });
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => { lines.push(String(text)); return true; });
  process.exitCode = 0;
  try {
    await pathsCommand().exitOverride().parseAsync(args, { from: 'user' });
    return { out: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.exitCode = 0;
  }
}

describe('the registry of lifecycle models', () => {
  it('names every model once, and every model has its model test under test/model', async () => {
    const names = MODELS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const tests = await Promise.all((await readdir('test/model')).filter((f) => f.endsWith('.model.test.ts')).map((f) => readFile(join('test/model', f), 'utf8')));
    for (const name of names) expect(tests.some((text) => text.includes(`'${name}'`) || text.includes(`${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Model`)), name).toBe(true);
  });

  it('paths list shows each machine with its state and transition counts', async () => {
    const { out } = await paths('list');
    expect(out).toMatch(/^sync-channel +4 states +10 transitions +Store S1's link/m);
    expect(out).toMatch(/^register +9 states +35 transitions/m);
    expect(out.split('\n')).toHaveLength(MODELS.length);
  });
});

describe('paths of a machine', () => {
  const sync = findModel('sync-channel').build();
  const order = findModel('customer-order').build();

  it('ids are the machine and a hash of the model scenario and labels: the same path keeps its id', () => {
    expect(pathId('sync-channel', 'S1', ['offline'])).toBe('sync-channel-94889443e0');
    expect(pathId('sync-channel', 'S1', ['offline'])).not.toBe(pathId('sync-channel', 'S1', ['offline', 'online']));
    const ids = order.derivation.paths.map((p) => pathId(order.name, p.scenario, p.labels));
    expect(new Set(ids).size).toBe(ids.length);
    expect(exportPaths(sync, sync.derivation.paths.slice(0, 5)).paths.map((p) => p.id)).toEqual(exportPaths(sync, sync.derivation.paths.slice(0, 5)).paths.map((p) => p.id));
  });

  it('--to keeps the paths that end in the state, --through those with the event, --max-steps the short ones', () => {
    const all = order.derivation.paths;
    const cancelled = selectPaths(order, { to: 'cancelled' });
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.length).toBe(all.filter((p) => p.values.at(-1) === 'cancelled').length);
    // A nested state is named by its path: open.editing ends inside open.
    const editing = selectPaths(order, { to: 'open.editing' });
    expect(editing.length).toBeGreaterThan(0);
    expect(editing.every((p) => JSON.stringify(p.values.at(-1)) === '{"open":"editing"}')).toBe(true);
    expect(selectPaths(order, { to: 'open' }).length).toBeGreaterThan(editing.length);
    const approve = selectPaths(order, { through: 'APPROVE_QUOTE', maxSteps: 2 });
    expect(approve.length).toBeGreaterThan(0);
    expect(approve.every((p) => p.types.includes('APPROVE_QUOTE') && p.labels.length <= 2)).toBe(true);
    expect(approve.length).toBe(all.filter((p) => p.labels.includes('approve') && p.labels.length <= 2).length);
    expect(selectPaths(order, { through: 'approve' })).toEqual(selectPaths(order, { through: 'APPROVE_QUOTE' }));
    const simple = selectPaths(order, { strategy: 'simple' });
    expect(simple.length).toBeGreaterThan(0);
    expect(simple.every((p) => p.strategies.includes('simple'))).toBe(true);
    expect(selectPaths(order, { strategy: 'shortest' }).length + simple.length).toBeGreaterThan(all.length); // paths both strategies found
    expect(selectPaths(order, { maxSteps: 1 }).every((p) => p.labels.length === 1)).toBe(true);
  });

  it('an unknown machine, state or event is refused with the closest name', () => {
    expect(() => findModel('custmer-order')).toThrow(/unknown machine "custmer-order" \(did you mean "customer-order"\?\)/);
    expect(() => selectPaths(order, { to: 'complted' })).toThrow(PathsInputError);
    expect(() => selectPaths(order, { to: 'complted' })).toThrow(/no state "complted" \(did you mean "completed"\?\)/);
    expect(() => selectPaths(order, { through: 'CANCL' })).toThrow(/did you mean "CANCEL"/);
    expect(stateNames(order.machine)).toContain('open.idle');
    expect(statesOf({ open: 'idle' })).toEqual(['open', 'open.idle']);
  });

  it('a path file holds each step\'s event with its payload and the state expected after it', () => {
    const file = exportPaths(order, selectPaths(order, { through: 'CANCEL', maxSteps: 1 }).filter((p) => p.scenario === 'order'));
    expect(file.paths).toHaveLength(1);
    const [path] = file.paths;
    expect(path).toMatchObject({ model: 'customer-order', machine: 'customer-order', scenario: 'order', initial: { open: 'idle' } });
    expect(path!.steps).toEqual([{ step: 1, label: 'cancel', event: expect.objectContaining({ type: 'CANCEL', registerId: 'R1', charge: expect.any(Number) }), expected: 'cancelled' }]);
  });
});

describe('coverage', () => {
  it('of a known path set: the two link changes from online reach every state and take two of ten transitions', () => {
    const sync = findModel('sync-channel').build();
    const file = exportPaths(sync, sync.derivation.paths.filter((p) => p.labels.length === 1 && ['offline', 'degraded'].includes(p.labels[0]!)));
    const report = pathSetCoverage(file);
    expect(report.paths).toBe(2);
    expect(report.mismatches).toEqual([]);
    expect(report.coverage.states).toEqual({ covered: 4, total: 4, uncovered: [] });
    expect(report.coverage.transitions).toMatchObject({ covered: 2, total: 10 });
    expect(report.coverage.transitions.exercised).toEqual(['syncChannel.online --GO_DEGRADED--> syncChannel.degraded', 'syncChannel.online --GO_OFFLINE--> syncChannel.offline']);
    expect(report.coverage.transitions.uncovered).toContain('syncChannel.offline --GO_ONLINE--> syncChannel.online');
  });

  it('of a small scenario: the till\'s shift, sale and tender are the transitions it exercised; the orders\' machine is untouched', async () => {
    const file = join(dir, 'small.json');
    await writeFile(file, JSON.stringify({
      name: 'A cash sale', seed: 3, config: demoChainConfig(),
      steps: [
        { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
        { type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 1 },
        { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 2000 },
      ],
    }));
    const report = await scenarioCoverage(file);
    expect(report.run).toMatchObject({ accepted: 3, refusedCount: 0 });
    const register = report.machines.find((m) => m.machine === 'register')!;
    expect(register.transitions.exercised).toEqual(expect.arrayContaining([
      'register.closed --OPEN_SHIFT [guarded]--> register.ready',
      'register.ready --ADD_ITEM [guarded]--> register.transaction.sale',
    ]));
    expect(register.transitions.exercised.some((t) => t.startsWith('register.transaction --TENDER'))).toBe(true);
    expect(register.states.uncovered).toContain('register.transaction.return');
    const orders = report.machines.find((m) => m.machine === 'customer-order')!;
    expect(orders.transitions.covered).toBe(0);
    expect(report.machines.map((m) => m.machine)).toEqual(['register', 'customer-order', 'fulfillment-group', 'sync-channel', 'customer', 'call-center-order', 'order-hold', 'catalog', 'continuity-enrolment', 'sales-order', 'quotation', 'sales-agreement', 'lead', 'opportunity', 'campaign', 'headquarters']);
    const { out } = await paths('coverage', '--scenario', file);
    expect(out).toMatch(/^register: states \d+\/9, transitions \d+\/35$/m);
  });

  it('of the demo day: the call center\'s desk orders and holds are seen like every other actor', async () => {
    const report = await scenarioCoverage(join(import.meta.dirname, '../../scenarios/demo-day.json'));
    const exercised = (machine: string) => report.machines.find((m) => m.machine === machine)!.transitions.exercised;
    expect(exercised('call-center-order').some((t) => t.includes('--SUBMIT'))).toBe(true);
    expect(exercised('order-hold').some((t) => t.includes('--OVERRIDE_CHECK_OUT'))).toBe(true);
  });
});

describe('paths run: one path against the engine', () => {
  const order = findModel('customer-order').build();
  // A path of a few steps, so that the edited expectation is not the first step.
  const chosen = selectPaths(order, { through: 'PICK', to: 'open.idle', maxSteps: 3 }).find((p) => p.labels.length === 3)!;
  const id = pathId(order.name, chosen.scenario, chosen.labels);

  it('a derived path: engine and model agree on every step (exit 0)', async () => {
    expect(runPath(id)).toEqual({ id, model: 'customer-order', scenario: chosen.scenario, steps: chosen.labels.length, disagreement: null });
    const { out, exitCode } = await paths('run', '--id', id);
    expect(exitCode).toBe(0);
    expect(out).toContain(`engine and model agree on all ${chosen.labels.length} steps`);
  });

  it('a path file edited to expect another state: the first step that disagrees, its event, expected vs actual (exit 1)', async () => {
    const file: PathFile = exportPaths(order, [chosen]);
    const last = file.paths[0]!.steps.at(-1)!;
    last.expected = 'cancelled';
    const edited = join(dir, 'edited.json');
    await writeFile(edited, JSON.stringify(file));
    const run = runPath(id, { file: await readPathFile(edited) });
    expect(run.disagreement).toMatchObject({ step: last.step, label: last.label, kind: 'engine', expected: 'cancelled', actual: { open: 'idle' } });
    expect(run.disagreement!.event).toMatchObject({ type: last.event.type });
    const { out, exitCode } = await paths('run', '--paths', edited, '--id', id);
    expect(exitCode).toBe(1);
    expect(out).toContain(`the engine disagrees at step ${last.step} of ${chosen.labels.length} (${last.label} ${last.event.type})`);
    expect(out).toContain('expected: "cancelled"');
    expect(out).toContain('actual:   {"open":"idle"}');
  });

  it('an unknown id is refused with the closest one', async () => {
    await expect(paths('run', '--id', id.slice(0, -2))).rejects.toThrow(`did you mean "${id}"`);
    await expect(paths('run', '--id', 'order-123')).rejects.toThrow(/names no machine/);
    await expect(paths('--machine', 'customer-order', '--max-steps', 'two')).rejects.toThrow(/--max-steps: expected a whole number/);
  });
});

describe('paths as scenario files', () => {
  it('replay with storefront run\'s loader to the state the path expects', async () => {
    const order = findModel('customer-order').build();
    const chosen = selectPaths(order, { through: 'INVOICE', to: 'completed', maxSteps: 3 }).find((p) => p.scenario === 'order')!;
    const out = join(dir, 'scenarios');
    const { out: printed } = await paths('--machine', 'customer-order', '--through', 'INVOICE', '--to', 'completed', '--max-steps', '3', '--format', 'scenario', '--out', out);
    expect(printed).toMatch(/^\d+ scenario files of customer-order written to/);
    const file = join(out, `${pathId(order.name, chosen.scenario, chosen.labels)}.json`);
    const scenario = await loadScenario(file);
    const chain = Chain.fromCatalog(scenario.catalog, { seed: scenario.seed, startAt: scenario.startAt });
    expect((await runSteps(scenario.steps, (command) => chain.execute(command))).refused).toEqual([]);
    // The set-up rings up the "order" scenario's order first: CO-000001.
    expect(chain.orderView('CO-000001').state).toBe('completed');
  });

  it('keep the refusals a path probes out of its steps: the degraded path (a customer that needs headquarters, refused) replays with none refused', async () => {
    const sync = findModel('sync-channel').build();
    const degraded = sync.derivation.paths.filter((p) => p.labels.join() === 'degraded');
    const { scenarios } = pathScenarios(sync, degraded);
    const file = join(dir, 'degraded.json');
    await writeFile(file, JSON.stringify(scenarios[0]!.scenario));
    const scenario = await loadScenario(file);
    const chain = Chain.fromCatalog(scenario.catalog, { seed: scenario.seed, startAt: scenario.startAt });
    expect((await runSteps(scenario.steps, (command) => chain.execute(command))).refused).toEqual([]);
    expect(chain.syncView('S1').link).toBe('degraded');
  });

  it('leave out a path that needs more than chain commands, and say why', () => {
    const sync = findModel('sync-channel').build();
    const { scenarios, skipped } = pathScenarios(sync, sync.derivation.paths.filter((p) => p.labels.length === 1 && p.labels[0]!.startsWith('ack')));
    expect(scenarios.map((s) => s.scenario.description)).toEqual([expect.stringContaining(': ack;')]);
    expect(skipped.map((s) => s.reason)).toEqual([
      'not made of chain commands alone: an acknowledgement lost on its way to the store (ack:retried)',
      'not made of chain commands alone: an upload delivered twice (ack:duplicated)',
    ]);
  });
});
