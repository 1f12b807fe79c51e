/**
 * `storefront paths` as a tester runs it (the built command, as a process): exit codes, what it prints, the files
 * it writes, and a written path scenario replayed by `storefront run --strict`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const storefront = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'paths-cli-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

interface PathFileJson { model: string; paths: { id: string; steps: { step: number; label: string; event: { type: string }; expected: unknown }[] }[] }

describe('storefront paths', () => {
  it('--help and list exit 0; an unknown machine exits 2 in one line with the closest name', () => {
    const help = storefront('paths', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: storefront paths');
    const list = storefront('paths', 'list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^customer-order +11 states +26 transitions /m);
    const machine = storefront('paths', '--machine', 'custmer-order');
    expect({ status: machine.status, stderr: machine.stderr }).toEqual({ status: 2, stderr: 'error: unknown machine "custmer-order" (did you mean "customer-order"?)\n' });
  });

  it('an --out that cannot be written exits 2 in one line naming --out', async () => {
    const file = join(dir, 'a-file.txt');
    await writeFile(file, 'not a directory\n');
    const noFolder = storefront('paths', '--machine', 'sync-channel', '--max-steps', '1', '--out', join(dir, 'no', 'paths.json'));
    expect({ status: noFolder.status, stderr: noFolder.stderr }).toEqual({ status: 2, stderr: `error: --out ${join(dir, 'no', 'paths.json')}: its folder does not exist\n` });
    const aFolder = storefront('paths', '--machine', 'sync-channel', '--max-steps', '1', '--out', dir);
    expect({ status: aFolder.status, stderr: aFolder.stderr }).toEqual({ status: 2, stderr: `error: --out ${dir}: is a directory: name a file\n` });
    const notDir = storefront('paths', '--machine', 'sync-channel', '--max-steps', '1', '--format', 'scenario', '--out', file);
    expect({ status: notDir.status, stderr: notDir.stderr }).toEqual({ status: 2, stderr: `error: --out ${file}: a file is in the way: name a directory\n` });
    expect(await readFile(file, 'utf8')).toBe('not a directory\n');
  });

  it('a path file that cannot be read or is not JSON is named in plain words, with the line and column', async () => {
    const missing = storefront('paths', 'coverage', '--paths', join(dir, 'nowhere.json'));
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({ status: 2, stderr: `error: --paths: ${join(dir, 'nowhere.json')}: (file): no such file\n` });
    await writeFile(join(dir, 'cut.json'), '{"model": "sync-channel",\n');
    const cut = storefront('paths', 'run', '--paths', join(dir, 'cut.json'), '--id', 'sync-channel-0');
    expect({ status: cut.status, stderr: cut.stderr }).toEqual({ status: 2, stderr: `error: --paths: ${join(dir, 'cut.json')}: line 2, column 1: not valid JSON: the text ends\n` });
  });

  it('writes a path file; coverage reads it; run agrees on a path (exit 0) and finds the step of an edited expectation (exit 1)', async () => {
    const file = join(dir, 'sync.json');
    const written = storefront('paths', '--machine', 'sync-channel', '--strategy', 'shortest', '--max-steps', '1', '--out', file);
    expect(written.status).toBe(0);
    expect(written.stderr).toBe(`8 paths of sync-channel written to ${file}\n`);
    const paths = JSON.parse(await readFile(file, 'utf8')) as PathFileJson;
    expect(paths.paths.map((p) => p.steps.length)).toEqual(Array(8).fill(1));
    const offline = paths.paths.find((p) => p.steps[0]!.label === 'offline')!;
    expect(offline.id).toBe('sync-channel-94889443e0');
    expect(offline.steps[0]).toEqual({ step: 1, label: 'offline', event: { type: 'GO_OFFLINE' }, expected: 'offline' });

    const coverage = storefront('paths', 'coverage', '--paths', file);
    expect(coverage.status).toBe(0);
    expect(coverage.stdout).toContain('sync-channel: states 4/4, transitions 4/10');

    const agrees = storefront('paths', 'run', '--paths', file, '--id', offline.id);
    expect(agrees.status).toBe(0);
    expect(agrees.stdout).toBe(`path ${offline.id} (sync-channel, model scenario "S1"): engine and model agree on its step\n`);
    offline.steps[0]!.expected = 'degraded';
    const edited = join(dir, 'edited.json');
    await writeFile(edited, JSON.stringify(paths));
    const disagrees = storefront('paths', 'run', '--paths', edited, '--id', offline.id);
    expect(disagrees.status).toBe(1);
    expect(disagrees.stdout).toContain(`path ${offline.id} (sync-channel, model scenario "S1"): the engine disagrees at step 1 of 1 (offline GO_OFFLINE)\n  expected: "degraded"\n  actual:   "offline"\n`);
  });

  it('--format scenario writes one scenario file per path that storefront run --strict replays without a refusal', async () => {
    const out = join(dir, 'scenarios');
    const written = storefront('paths', '--machine', 'customer-order', '--through', 'APPROVE_QUOTE', '--max-steps', '1', '--format', 'scenario', '--out', out);
    expect(written.status).toBe(0);
    const files = await readdir(out);
    expect(written.stdout).toContain(`${files.length} scenario files of customer-order written to ${out}`);
    expect(files.length).toBeGreaterThan(0);
    const run = storefront('run', join(out, files[0]!), '--strict');
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    const coverage = storefront('paths', 'coverage', '--scenario', join(out, files[0]!), '--json');
    expect(coverage.status).toBe(0);
    const report = JSON.parse(coverage.stdout) as { refused: number; machines: { machine: string; transitions: { exercised: string[] } }[] };
    expect(report.refused).toBe(0);
    expect(report.machines.find((m) => m.machine === 'customer-order')!.transitions.exercised).toContain('customerOrder.quote.idle --APPROVE_QUOTE--> customerOrder.open');
  });
});
