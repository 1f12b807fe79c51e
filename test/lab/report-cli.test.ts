/**
 * The analysts' report commands as a user types them (the built CLI run as a process): `storefront run FILE --report
 * --html`, `storefront diff A.json B.json --html`, and what a bad report file or output path does (exit 2, one line
 * naming the file and the field, nothing written).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabReport } from '../../engine/lab/lab-report.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'lab-cli-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('storefront run --report --html, storefront diff', () => {
  it('writes a run\'s report and page, and compares two runs in the terminal and as a page', async () => {
    const demo = cli('run', 'scenarios/demo-day.json', '--no-progress', '--report', join(dir, 'demo.json'), '--html', join(dir, 'demo.html'));
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain(`report written to ${join(dir, 'demo.json')}`);
    expect(demo.stdout).toContain(`HTML report written to ${join(dir, 'demo.html')}`);
    const report = await loadLabReport(join(dir, 'demo.json'));
    expect(report.scenario).toEqual({ name: 'Demo day', seed: 2026 });
    expect(report.steps.total).toBe(103);
    expect(await readFile(join(dir, 'demo.html'), 'utf8')).toContain('<title>Scenario lab report: Demo day</title>');

    const whatIf = cli('run', 'scenarios/demo-day.json', '--no-progress', '--set', 'stores.0.manualAccept=true', '--report', join(dir, 'manual.json'));
    expect(whatIf.status).toBe(0);
    expect((await loadLabReport(join(dir, 'manual.json'))).scenario.overrides).toEqual({ 'stores.0.manualAccept': true });

    const diff = cli('diff', join(dir, 'demo.json'), join(dir, 'manual.json'), '--html', join(dir, 'diff.html'));
    expect(diff.stderr).toBe('');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/^demo: Demo day \(seed 2026, 103 steps\)\nmanual: Demo day/);
    expect(diff.stdout).toMatch(/\nKPI\s+demo\s+manual\s+change\s+%\n/);
    expect(await readFile(join(dir, 'diff.html'), 'utf8')).toContain('<title>Scenario lab comparison: demo and manual</title>');
  });

  it('a report file it cannot take, or an output folder that does not exist: exit 2, one line naming it, nothing written', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ format: 'storefront-lab-report', version: 1 }));
    const before = await readdir(dir);
    const missing = cli('diff', join(dir, 'nowhere.json'), bad);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`error: ${join(dir, 'nowhere.json')}: (file): no such file\n`);
    const invalid = cli('diff', bad, bad, '--html', join(dir, 'never.html'));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(new RegExp(`^error: ${bad}: scenario: .*\\n$`));
    const noFolder = cli('run', 'scenarios/outage-day.json', '--no-progress', '--html', join(dir, 'no', 'such', 'out.html'));
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toBe(`error: --html ${join(dir, 'no', 'such', 'out.html')}: the folder ${join(dir, 'no', 'such')} does not exist\n`);
    expect(noFolder.stdout).toBe('');
    expect(await readdir(dir)).toEqual(before);
    expect(cli('diff', '--help').status).toBe(0);
  });

  it('diff --html into a folder that does not exist, or run --report naming a folder: exit 2 before any work, one line naming the flag', async () => {
    const report = join(dir, 'outage.json');
    expect(cli('run', 'scenarios/outage-day.json', '--no-progress', '--report', report).status).toBe(0);
    const before = await readdir(dir);
    const diff = cli('diff', report, report, '--html', join(dir, 'no', 'diff.html'));
    expect(diff.status).toBe(2);
    expect(diff.stderr).toBe(`error: --html ${join(dir, 'no', 'diff.html')}: the folder ${join(dir, 'no')} does not exist\n`);
    expect(diff.stdout).toBe('');
    const folder = cli('run', 'scenarios/outage-day.json', '--no-progress', '--report', dir);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe(`error: --report ${dir}: is a folder: name a file in it\n`);
    expect(folder.stdout).toBe('');
    expect(await readdir(dir)).toEqual(before);
  });
});
