/**
 * `report --data DIR --at SEQ|TIME` run as a process: the chain's report as it was then, with the command at that
 * point and what was refused right after it; a bad --at exits 2 naming the flag and the valid range; DIR is only read.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { loadScenario, runSteps } from '../../engine/scenario.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });

let dir: string;
let last: number;
/** Where the outage day's first refusal was noted (the recall while S1 is offline). */
let refusedAfter: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-at-'));
  const scenario = await loadScenario(fileURLToPath(new URL('../../scenarios/outage-day.json', import.meta.url)));
  const durable = await DurableChain.open(dir, { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt, fsync: false });
  let first: number | null = null;
  await runSteps(scenario.steps, async (command) => {
    const result = await durable.execute(command);
    if (!result.ok) first ??= durable.chain.seq;
    return result;
  });
  refusedAfter = first!;
  last = durable.chain.seq;
  await durable.close();
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function fingerprint(): Promise<string[]> {
  return Promise.all((await readdir(dir)).sort().map(async (name) => `${name} ${createHash('sha256').update(await readFile(join(dir, name))).digest('hex')}`));
}

describe('report --at', () => {
  it('prints the report as of a command, with that command and the refusal right after it; the directory is unchanged', async () => {
    const before = await fingerprint();
    const run = cli('report', '--data', dir, '--at', String(refusedAfter));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^as of command ${refusedAfter} of ${last} at 2026-11-23T\\d\\d:\\d\\d:00\\.000Z: [A-Z][a-z]+( [a-z]+)*: [a-z]+( [a-z]+)*$`));
    expect(run.stdout).not.toMatch(/\{"type"|"at":\d/); // plain words, no raw JSON or epoch ms
    expect(lines[1]).toBe('refused right after it: Till: recall order: store S1 is offline: customer orders can be recalled once it is back online (SY-3, registerId)');
    expect(lines[2]).toMatch(new RegExp(`^commands accepted: ${refusedAfter} {4}virtual clock: `));
    expect(run.stdout).toContain('refused commands by rule: SY-3 1');
    expect(await fingerprint()).toEqual(before);
  });

  it('a time gives the chain after the last command at or before it; 0 is the start', () => {
    const atTen = cli('report', '--data', dir, '--at', '2026-11-23T10:00:00Z');
    expect(atTen.status).toBe(0);
    expect(atTen.stdout).toMatch(/^as of command \d+ of \d+ at 2026-11-23T10:00:00\.000Z: /);
    expect(atTen.stdout).toContain('virtual clock: 2026-11-23T10:00:00.000Z');
    // After the last command: as of the last command (README), not refused.
    const late = cli('report', '--data', dir, '--at', '2026-11-24T00:00:00Z');
    expect(late.status, late.stderr).toBe(0);
    expect(late.stdout).toMatch(new RegExp(`^as of command ${last} of ${last} at 2026-11-23T10:55:00\\.000Z: `));
    // Deliveries are not journaled: the past does not claim "0 lost" (as the analyst view says).
    expect(late.stdout).toContain('\ndeliveries: not kept in the journal\n');
    expect(late.stdout).not.toMatch(/deliveries: \d/);
    const start = cli('report', '--data', dir, '--at', '0');
    expect(start.stdout.split('\n').slice(0, 2)).toEqual([`as of the start (command 0 of ${last}) at 2026-11-23T09:00:00.000Z`, 'commands accepted: 0    virtual clock: 2026-11-23T09:00:00.000Z']);
  });

  it('a bad --at exits 2 naming the flag and the valid range', () => {
    const range = `from 0 (the start) to ${last} (the last command)`;
    const cases: [string, string][] = [
      [String(last + 1), `error: command line: --at: expected a command number ${range}, got ${last + 1}\n`],
      ['-1', `error: command line: --at: expected a command number ${range}, got -1\n`],
      ['noon', `error: command line: --at: expected a command number ${range}, or an ISO time from 2026-11-23T09:00:00.000Z on, got "noon"\n`],
      ['2026-11-23T08:59:59Z', 'error: command line: --at: expected a time from 2026-11-23T09:00:00.000Z (the start) onwards (the last command is at 2026-11-23T10:55:00.000Z), got 2026-11-23T08:59:59.000Z\n'],
    ];
    for (const [at, stderr] of cases) {
      const run = cli('report', '--data', dir, '--at', at);
      expect(run.status, at).toBe(2);
      expect(run.stderr, at).toBe(stderr);
      expect(run.stdout, at).toBe('');
    }
  });
});
