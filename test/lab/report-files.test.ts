/** The report files a run writes (`run --report --html`): the collector made before the first step, the folders checked first. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabReport } from '../../engine/lab/lab-report.ts';
import { checkReportFiles, overridesOf, reportWriter } from '../../engine/lab/report-files.ts';
import { chainFor, loadScenario } from '../../engine/scenario.ts';
import { replay, SCENARIOS } from './lab-run.ts';

describe('lab report files', () => {
  it('writes the JSON report and the HTML page of a run, with its what-if overrides', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-files-'));
    const scenario = await loadScenario(`${SCENARIOS}outage-day.json`);
    const chain = chainFor(scenario);
    const files = { report: join(dir, 'out.json'), html: join(dir, 'out.html') };
    await checkReportFiles(files);
    const writer = reportWriter(chain, { name: scenario.name, seed: scenario.seed, overrides: overridesOf([{ path: ['stores', '0', 'manualAccept'], value: true }]) }, files)!;
    replay(chain, writer.observe, scenario.steps);
    expect(await writer.write()).toEqual([`report written to ${files.report}`, `HTML report written to ${files.html}`]);
    const report = await loadLabReport(files.report);
    expect(report.scenario).toEqual({ name: 'Outage at Seattle', seed: 7, overrides: { 'stores.0.manualAccept': true } });
    expect(report.steps).toEqual({ total: 28, accepted: 26, refused: 2 });
    const html = await readFile(files.html, 'utf8');
    expect(html).toContain('<title>Scenario lab report: Outage at Seattle</title>');
    expect(html).toContain('what-if: stores.0.manualAccept=true');
  });

  it('no file asked for: no collector; a folder that does not exist is named before anything runs', async () => {
    const scenario = await loadScenario(`${SCENARIOS}outage-day.json`);
    expect(reportWriter(chainFor(scenario), { name: 'x', seed: 1 }, {})).toBeNull();
    expect(overridesOf([])).toBeUndefined();
    await expect(checkReportFiles({ html: '/no/such/folder/out.html' })).rejects.toThrow('--html /no/such/folder/out.html: the folder /no/such/folder does not exist');
  });
});
