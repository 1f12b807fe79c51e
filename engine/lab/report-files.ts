/**
 * `storefront run FILE --report out.json --html out.html`: the report collector a run observes with, and the files
 * it writes once the run is over. The files' folders are checked before the replay, so a mistyped path costs
 * nothing.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Chain } from '../chain.ts';
import { renderHtmlReport } from './html-report.ts';
import { createReportCollector, type RunDescription } from './report-collector.ts';
import type { StepObserver } from './step.ts';

/** The files asked for (either, both or none). */
export interface ReportFiles { report?: string | undefined; html?: string | undefined }

export interface ReportWriter {
  observe: StepObserver;
  /** Writes the files asked for; returns a line per file written. */
  write(): Promise<string[]>;
}

const FLAGS = { report: '--report', html: '--html' } as const;

/** Each file's folder exists and the file is not a folder (the file itself is made or replaced). */
export async function checkReportFiles(files: ReportFiles): Promise<void> {
  for (const key of ['report', 'html'] as const) {
    const file = files[key];
    if (file === undefined) continue;
    const folder = dirname(resolve(file));
    const found = await stat(folder).catch(() => null);
    if (found === null || !found.isDirectory()) throw new Error(`${FLAGS[key]} ${file}: the folder ${folder} does not exist`);
    if ((await stat(resolve(file)).catch(() => null))?.isDirectory() === true) throw new Error(`${FLAGS[key]} ${file}: is a folder: name a file in it`);
  }
}

/** What-if overrides as the report records them: each path (dotted) with its value. */
export function overridesOf(overrides: readonly { path: readonly string[]; value: unknown }[]): Record<string, unknown> | undefined {
  return overrides.length === 0 ? undefined : Object.fromEntries(overrides.map((o) => [o.path.join('.'), o.value]));
}

/** A collector on the chain, made before its first step; null when no report file is asked for. */
export function reportWriter(chain: Chain, run: RunDescription, files: ReportFiles): ReportWriter | null {
  if (files.report === undefined && files.html === undefined) return null;
  const collector = createReportCollector(chain, run);
  return {
    observe: collector.observe,
    write: async () => {
      const report = collector.finish();
      const written: string[] = [];
      if (files.report !== undefined) {
        await writeFile(resolve(files.report), `${JSON.stringify(report, null, 1)}\n`);
        written.push(`report written to ${resolve(files.report)}`);
      }
      if (files.html !== undefined) {
        await writeFile(resolve(files.html), renderHtmlReport(report));
        written.push(`HTML report written to ${resolve(files.html)}`);
      }
      return written;
    },
  };
}
