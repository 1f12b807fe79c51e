/** The scenario lab's reading and checking of scenario files: .json and streamed .jsonl, checked whole before a run. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepOutcome } from '../../engine/lab/step.ts';
import { runScenario, validateScenario } from '../../engine/lab/run-scenario.ts';
import { openScenario, type ScenarioSource } from '../../engine/lab/scenario-file.ts';
import { parseOverride } from '../../engine/lab/config-overrides.ts';
import { chainReport } from '../../engine/report.ts';
import { chainFor } from '../../engine/scenario.ts';

const CHAIN = fileURLToPath(new URL('../../scenarios/demo-chain.json', import.meta.url));
const REFERENCES = fileURLToPath(new URL('fixtures/lab-references.json', import.meta.url));
const header = { name: 'lab', description: 'a test day', seed: 3, startAt: '2026-11-23T09:00:00.000Z', config: CHAIN };

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'scenario-lab-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}
const jsonl = (lines: unknown[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

async function replay(source: ScenarioSource) {
  const chain = chainFor(source);
  const outcomes: StepOutcome[] = [];
  const run = await runScenario(source, { execute: (command) => chain.executeNow(command), now: () => chain.now, observers: [(outcome) => outcomes.push(outcome)] });
  return { chain, run, outcomes };
}

async function problems(path: string): Promise<string> {
  try {
    await validateScenario(await openScenario(path));
  } catch (error) {
    return (error as Error).message.replaceAll(`${path}: `, '');
  }
  return 'no problems';
}

describe('scenario files in the lab', () => {
  it('references between steps fill in the ids the engine made; one to a refused step refuses its step with REFERENCE', async () => {
    const source = await openScenario(REFERENCES);
    expect(await validateScenario(source)).toBe(10);
    const { run, outcomes } = await replay(source);
    expect(run.refused.map((r) => [r.step, r.error.rule])).toEqual([[8, 'NOT_FOUND'], [9, 'REFERENCE']]);
    expect(outcomes[5]!.command).toMatchObject({ type: 'fulfillment.pick', lines: [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1' }] });
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(outcomes[4]!.name).toBe('sale');
    expect(outcomes[7]!.result).toMatchObject({ ok: true, result: { invoiceId: expect.any(String) } });
  });

  it('a .jsonl scenario (header line, a step per line) replays as the same .json does', async () => {
    const steps = [
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier1' },
      { as: 'sale', type: 'register.addItem', registerId: 'R1', productId: 'P-SOCKS', quantity: 3 },
      { type: 'register.tender', registerId: 'R1', method: 'cash', amount: 5000 },
      { type: 'clock.advance', ms: 60_000 },
    ];
    const json = await openScenario(await file('day.json', JSON.stringify({ ...header, steps })));
    const lines = await openScenario(await file('day.jsonl', `${JSON.stringify(header)}\n\n${jsonl(steps)}`));
    expect([lines.format, lines.name, lines.description, lines.seed]).toEqual(['jsonl', 'lab', 'a test day', 3]);
    expect(await validateScenario(lines)).toBe(4);
    const [a, b] = [await replay(json), await replay(lines)];
    expect(b.run).toEqual(a.run);
    expect(b.chain.exportState()).toEqual(a.chain.exportState());
    expect(chainReport(b.chain, b.run)).toEqual(chainReport(a.chain, a.run));
  });

  it('JSON syntax errors say the line and column (.json), or the line of the step (.jsonl)', async () => {
    expect(await problems(await file('broken.json', '{\n  "name": "x",\n  "steps": [\n    {"type": "clock.advance" "ms": 1}\n  ]\n}\n'))).toBe('line 4, column 30: not valid JSON: unexpected "\\"ms\\": 1}\\n  ]"');
    expect(await problems(await file('cut.json', '{"name": "x", "steps": ['))).toBe('line 1, column 25: not valid JSON: the text ends');
    const many = [header, ...Array.from({ length: 2000 }, () => ({ type: 'clock.advance', ms: 1 }))];
    expect(await problems(await file('broken.jsonl', `${jsonl(many)}{"type": "clock.advance", "ms": }\n`))).toBe('line 2002, column 33: not valid JSON: unexpected "}"');
    expect(await problems(await file('empty.jsonl', '\n'))).toBe('(file): empty: the first line is the scenario header ({"name": ..., "config": ...})');
    expect(await problems(await file('header-only.jsonl', jsonl([header])))).toBe('steps: the scenario has no steps');
    expect(await problems(await file('steps-in-header.jsonl', jsonl([{ ...header, steps: [] }])))).toBe('line 1: steps: the header of a .jsonl scenario has no steps: each step is a line of its own after it');
  });

  it('every step is checked before anything runs: fields, configuration ids (with did you mean), references, names', async () => {
    const steps = [
      { type: 'register.openShift', registerId: 'R1', operatorId: 'cashier' },
      { as: 'sale', type: 'register.addItem', registerId: 'R1', productId: 'P-LAPM', quantity: 2 },
      { type: 'register.shipAll', registerId: 'R1', modeCode: 'STX' },
      { type: 'register.tendr', registerId: 'R1' },
      { type: 'fulfillment.pick', locationId: 'W1', operatorId: 'picker1', lines: [{ orderId: '$sael.orderId', lineId: '${later.transactionId}-1', quantity: 0 }] },
      { as: 'sale', type: 'clock.advance', ms: 1 },
      { as: 'later', type: 'clock.advance', ms: 1 },
      { as: '1st', type: 'clock.advance', ms: 1 },
      'not a step',
    ];
    expect((await problems(await file('typos.json', JSON.stringify({ ...header, steps })))).split('\n')).toEqual([
      'steps.0: operatorId: unknown operator "cashier" (did you mean "cashier1"?)',
      'steps.1: productId: unknown product "P-LAPM" (did you mean "P-LAMP"?)',
      'steps.2: modeCode: unknown mode of delivery "STX" (did you mean "STD"?)',
      'steps.3: type: unknown command "register.tendr" (did you mean "register.tender"?)',
      'steps.4: lines.0.orderId: "$sael" names no earlier step (did you mean "sale"?)',
      'steps.4: lines.0.lineId: "$later" names no earlier step',
      'steps.4: lines.0.quantity: Too small: expected number to be >0',
      'steps.5: as: "sale" already names step 1',
      'steps.7: as: a step\'s name is a word of letters, digits and _ (not starting with a digit), got "1st"',
      'steps.8: expected a command object ({"type": ...})',
    ]);
    const many = [header, ...Array.from({ length: 25 }, () => ({ type: 'register.addItem', registerId: 'R1', productId: 'P-NOPE', quantity: 1 }))];
    const listed = (await problems(await file('many.jsonl', jsonl(many)))).split('\n');
    expect(listed).toHaveLength(11);
    expect(listed[0]).toBe('line 2 (step 0): productId: unknown product "P-NOPE"');
    expect(listed[10]).toBe('(more): and 15 more problems');
  });

  it('--set overrides reach the chain; a bad value names the --set it came from', async () => {
    const path = await file('set.json', JSON.stringify({ ...header, steps: [{ type: 'clock.advance', ms: 1 }] }));
    const source = await openScenario(path, [parseOverride('stores.0.manualAccept=true')]);
    expect(source.catalog.stores.get('S1')!.manualAccept).toBe(true);
    await expect(openScenario(path, [parseOverride('parameters.defaultDepositPct=lots')])).rejects.toThrow(
      'config.parameters.defaultDepositPct: Invalid input: expected number, received string (from --set parameters.defaultDepositPct=lots)');
  });
});

describe('a run\'s refused steps', () => {
  it('are all counted by rule, and the first KEPT_REFUSALS kept in detail', async () => {
    const { emptyRun, KEPT_REFUSALS, recordStep } = await import('../../engine/scenario.ts');
    const run = emptyRun();
    const refused = (rule: string) => ({ ok: false as const, error: { rule, message: 'no' } });
    for (let step = 0; step < KEPT_REFUSALS + 5; step++) recordStep(run, step, 'register.tender', refused(step % 2 === 0 ? 'CO-1' : 'STATE'));
    recordStep(run, KEPT_REFUSALS + 5, 'clock.advance', { ok: true, seq: 1, at: 0, command: { type: 'clock.advance', ms: 1 }, result: {} });
    expect(run.refused).toHaveLength(KEPT_REFUSALS);
    expect(run.refused.at(-1)!.step).toBe(KEPT_REFUSALS - 1);
    expect([run.accepted, run.refusedCount, run.refusedByRule]).toEqual([1, KEPT_REFUSALS + 5, { 'CO-1': (KEPT_REFUSALS + 6) / 2, STATE: (KEPT_REFUSALS + 4) / 2 }]);
  });
});
