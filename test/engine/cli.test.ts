/**
 * Issue 9, defect 10: the command line says what is wrong in one line and exits non-zero, without a stack trace,
 * and creates nothing on bad input.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { demoChainConfig } from '../fixtures/chain.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/storefront.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });

let dir: string | undefined;
afterEach(async () => { if (dir !== undefined) await rm(dir, { recursive: true, force: true }); dir = undefined; });

describe('10 the command line on bad input', () => {
  it('10 report on a missing data directory prints one plain line, exits non-zero and creates nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const missing = join(dir, 'missing');
    const run = cli('report', '--data', missing);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: no data directory ${missing}\n`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('10 a data directory in use, a bad port: one plain line each, non-zero', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const durable = await DurableChain.open(dir, { config: demoChainConfig() });
    try {
      const report = cli('report', '--data', dir);
      expect(report.status).toBe(2);
      expect(report.stderr).toMatch(new RegExp(`^error: data directory ${dir} is in use by process ${process.pid} \\(lock file .*\\): stop it first, or remove the lock file if no engine runs there\\n$`));
    } finally {
      await durable.close();
    }
    const port = cli('demo', '--data', join(dir, 'other'), '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toBe('error: command line: --port: expected a port number (0-65535), got "eighty"\n');
  });

  it('10 demo --reset starts the demo afresh: the chain\'s files go, anything else stays; a running engine\'s directory is refused', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const first = cli('demo', '--data', dir, '--no-server');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/demo chain created/);
    const again = cli('demo', '--data', dir, '--no-server');
    expect(again.stdout).toMatch(/demo chain loaded from .* \((\d+) commands so far\)/);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const reset = cli('demo', '--data', dir, '--no-server', '--reset');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/cleared: starting afresh\ndemo chain created/);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    // The lock is respected: an engine holding the directory keeps it.
    const durable = await DurableChain.open(dir);
    try {
      const refused = cli('demo', '--data', dir, '--no-server', '--reset');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/is in use by process/);
      expect(durable.chain.seq).toBeGreaterThan(0);
    } finally {
      await durable.close();
    }
    expect((await readdir(dir)).sort()).toContain('store.journal.jsonl');
  }, 60_000);
});

describe('the storefront command (commander)', () => {
  it('--help on every command exits 0; an unknown command or option exits 2 in one line', () => {
    // Every command the help lists, and theirs in turn, so a new command is covered without touching this test.
    const commandsOf = (help: string) => [...(help.split('\nCommands:\n')[1] ?? '').matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
    const queue: string[][] = [[]];
    const seen: string[] = [];
    for (let args = queue.shift(); args !== undefined; args = queue.shift()) {
      const help = cli(...args, '--help');
      expect(help.status, `${args.join(' ')} --help`).toBe(0);
      expect(help.stdout).toMatch(/^Usage: storefront/);
      seen.push(args.join(' '));
      queue.push(...commandsOf(help.stdout).map((name) => [...args, name]));
    }
    expect(seen).toEqual(expect.arrayContaining(['run', 'scenarios', 'generate', 'report', 'diff', 'paths', 'demo', 'hash-pin']));
    expect(cli('help', 'run').status).toBe(0);
    expect(cli('--help').stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    const unknown = cli('bogus');
    expect([unknown.status, unknown.stderr]).toEqual([2, "error: unknown command 'bogus'\n"]);
    const option = cli('run', 'x.json', '--dat', 'y');
    expect([option.status, option.stderr]).toEqual([2, "error: unknown option '--dat' (Did you mean --data?)\n"]);
    const missing = cli('run');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("error: missing required argument 'file'\n");
  });
});

describe('npm start (issue 11)', () => {
  it('the demo says where the analyst view and the lab\'s commands are, and they work as printed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const demo = spawn(process.execPath, ['bin/storefront.mjs', 'demo', '--data', dir, '--port', '0', '--virtual-clock'], { cwd: ROOT });
    let out = '';
    demo.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    await new Promise<void>((done, fail) => {
      demo.stdout.on('data', () => { if (/every command\n/.test(out)) done(); });
      demo.once('exit', () => fail(new Error(`demo stopped:\n${out}`)));
    });
    const analyst = /the analyst view .* is (http:\/\/\S+\/analyst);/.exec(out)?.[1];
    expect(analyst).toBeDefined();
    expect((await fetch(analyst!)).status).toBe(200);
    const commands = [...out.split('analysts:')[1]!.matchAll(/^ {2}npx storefront (\S+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(['scenarios', 'run', 'report', '--help']);
    demo.kill('SIGINT');
    await new Promise((done) => demo.once('exit', done));
  }, 60_000);
});

describe('storefront run and scenarios (issue 11)', () => {
  const REFERENCES = 'test/engine/fixtures/lab-references.json';
  const CHAIN = join(ROOT, 'scenarios/demo-chain.json');
  const header = { name: 'clock day', description: 'the clock moves, nothing else', seed: 1, config: CHAIN };

  it('replays with references, always lists the refused steps; --strict makes them exit 1', () => {
    const run = cli('run', REFERENCES);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^scenario "References between steps": 10 steps, 8 accepted, 2 refused\nrefused steps:\n {2}step 8 register\.recallOrder: NOT_FOUND .*\n {2}step 9 register\.startReturn: REFERENCE \$ghost\.orderId: step 8 \("ghost"\) was refused, so it has no result\ncommands accepted: /);
    expect(run.stderr).toBe(''); // a short run prints no progress lines
    // Money in the chain's currency, as people read it.
    expect(run.stdout).toMatch(/^orders invoiced \$[\d,]+\.\d\d, paid \$[\d,]+\.\d\d$/m);
    expect(run.stdout).toMatch(/^headquarters: \d+ sales orders? \(\$[\d,]+\.\d\d\)/m);
    const strict = cli('run', REFERENCES, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('refused steps:');
    expect(cli('run', 'scenarios/demo-day.json', '--strict').status).toBe(0);
  });

  it('bad input exits 2 naming the step, field and value, and replays nothing: typos, JSON errors, --set', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const typo = join(dir, 'typo.json');
    await writeFile(typo, JSON.stringify({ ...header, steps: [{ type: 'register.openShift', registerId: 'R1', operatorId: 'casheir1' }] }));
    const lab = join(dir, 'lab');
    const bad = cli('run', typo, '--data', lab);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, '', `error: ${typo}: steps.0: operatorId: unknown operator "casheir1" (did you mean "cashier1"?)\n`]);
    expect(await readdir(dir)).toEqual(['typo.json']);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"name": "x",\n "config": "c.json",\n "steps": [}');
    expect(cli('run', broken).stderr).toBe(`error: ${broken}: line 3, column 12: not valid JSON: unexpected "}"\n`);
    expect(cli('run', join(dir, 'missing.jsonl')).stderr).toBe(`error: ${join(dir, 'missing.jsonl')}: (file): no such file\n`);
    expect(cli('run', 'scenarios/demo-chain.json').stderr).toBe(`error: ${join(ROOT, 'scenarios/demo-chain.json')}: (file): a chain configuration, not a scenario: a scenario names it in its "config"\n`);
    expect(cli('run', REFERENCES, '--set', 'manualAccept').stderr).toBe('error: --set manualAccept: expected path=value, e.g. stores.0.manualAccept=true\n');
    const set = cli('run', REFERENCES, '--set', 'stores.0.manualAcept=true');
    expect([set.status, set.stderr]).toEqual([2, 'error: --set stores.0.manualAcept=true: stores.0 has no key "manualAcept" (did you mean "manualAccept"?)\n']);
    const config = { ...JSON.parse(await readFile(CHAIN, 'utf8')), stors: [] };
    await writeFile(typo, JSON.stringify({ ...header, config, steps: [{ type: 'clock.advance', ms: 1 }] }));
    expect(cli('run', typo).stderr).toBe(`error: ${typo}: config: unknown key "stors" (did you mean "stores"?)\n`);
  });

  it('--set changes the chain the scenario runs on', () => {
    // The whole price as deposit: the 649 tendered leaves the sale open, so it has no order for the later steps to name.
    const run = cli('run', REFERENCES, '--set', 'parameters.defaultDepositPct=10000');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^scenario "References between steps": 10 steps, 5 accepted, 5 refused\nrefused steps:\n {2}step 5 fulfillment\.pick: REFERENCE \$sale\.orderId: step 4's result has nothing at "orderId" \(it has registerId, transactionId, completed\)\n/);
  });

  it('--data refuses a non-empty directory unless --append, and still lists the refused steps', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const first = cli('run', REFERENCES, '--data', join(dir, 'lab'));
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/10 steps, 8 accepted, 2 refused \(stored in .*lab\)\nrefused steps:\n {2}step 8 /);
    const again = cli('run', REFERENCES, '--data', join(dir, 'lab'));
    expect([again.status, again.stderr]).toEqual([2, `error: data directory ${join(dir, 'lab')} is not empty: replay into an empty one, or add --append to add this scenario to the chain in it\n`]);
    const appended = cli('run', 'scenarios/demo-day.json', '--data', join(dir, 'lab'), '--append');
    expect(appended.status).toBe(0);
    expect(cli('run', REFERENCES, '--data', join(dir, 'fresh'), '--append').status).toBe(0);
    // --append means something only with --data: said, not ignored.
    const alone = cli('run', REFERENCES, '--append');
    expect([alone.status, alone.stdout, alone.stderr]).toEqual([2, '', "error: option '--append' needs --data\n"]);
    // The steps were checked against the scenario's configuration: a stored chain of another one (or a --set the
    // stored chain would ignore) is refused before anything runs.
    const files = await readdir(join(dir, 'lab'));
    const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir!, 'lab', file))).size));
    const other = cli('run', 'scenarios/weekday.json', '--data', join(dir, 'lab'), '--append', '--no-progress');
    expect([other.status, other.stdout]).toEqual([2, '']);
    expect(other.stderr).toBe(`error: --append: the chain in ${join(dir, 'lab')} has another configuration than the scenario's: replay into an empty directory, or append a scenario of that chain\n`);
    const set = cli('run', 'scenarios/demo-day.json', '--data', join(dir, 'lab'), '--append', '--set', 'stores.0.manualAccept=true');
    expect(set.status).toBe(2);
    expect(await readdir(join(dir, 'lab'))).toEqual(files);
    expect(await Promise.all(files.map(async (file) => (await stat(join(dir!, 'lab', file))).size))).toEqual(sizes);
  }, 60_000);

  it('a long run prints plain progress lines on stderr when not on a terminal; a .jsonl day streams', async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-cli-'));
    const day = join(dir, 'clock.jsonl');
    await writeFile(day, [header, ...Array.from({ length: 1000 }, () => ({ type: 'clock.advance', ms: 60_000 }))].map((line) => JSON.stringify(line)).join('\n'));
    const run = cli('run', day);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^scenario "clock day": 1,000 steps, 1,000 accepted, 0 refused\n/);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((pct) => `replayed ${(pct * 10).toLocaleString('en-US')} of 1,000 steps (${pct}%)`));
    expect(cli('run', day, '--no-progress').stderr).toBe('');
    await writeFile(join(dir, 'chain.json'), await readFile(CHAIN, 'utf8'));
    const list = cli('scenarios', dir);
    expect([list.status, list.stdout]).toEqual([0, 'clock.jsonl  1,000 steps  the clock moves, nothing else\n']);
    await writeFile(join(dir, 'tick.jsonl'), [header, { type: 'clock.advance', ms: 60_000 }].map((line) => JSON.stringify(line)).join('\n'));
    expect(cli('scenarios', dir).stdout).toMatch(/^tick\.jsonl +1 step {2}/m);
  });

  it('scenarios lists the library by default with each description; a missing directory exits 2', () => {
    const list = cli('scenarios');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^demo-day\.json +103 steps {2}One morning of the demo chain/m);
    expect(list.stdout).not.toMatch(/demo-chain/);
    expect(cli('scenarios', '/nonexistent-dir').stderr).toBe('error: no scenario directory /nonexistent-dir\n');
    // A file named as a directory is said so in words, not as ENOTDIR.
    const readme = join(ROOT, 'README.md');
    expect(cli('scenarios', 'README.md').stderr).toBe(`error: scenario directory ${readme} is a file, not a directory\n`);
    const data = cli('run', REFERENCES, '--data', 'README.md');
    expect([data.status, data.stderr]).toEqual([2, `error: data directory ${readme} is a file, not a directory\n`]);
  });
});
