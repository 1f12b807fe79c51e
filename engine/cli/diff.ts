/** `storefront diff A.json B.json [--html out.html]`: two lab reports (from `run --report`) side by side. */
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { loadLabReport } from '../lab/lab-report.ts';
import { checkReportFiles } from '../lab/report-files.ts';
import { diffReports, formatDiff, renderHtmlDiff } from '../lab/report-diff.ts';

/** Each run named after its file ("baseline.json" -> "baseline"); two files of one name become A and B. */
function labelsOf(a: string, b: string): [string, string] {
  const name = (file: string) => basename(file).replace(/\.json$/i, '');
  return name(a) === name(b) ? ['A', 'B'] : [name(a), name(b)];
}

export function diffCommand(): Command {
  return new Command('diff')
    .description('compare two lab reports (written by run --report): the KPIs side by side with their changes')
    .argument('<a>', 'the report to compare against (the baseline)')
    .argument('<b>', 'the report compared with it')
    .option('--html <file>', 'also write the comparison as one self-contained HTML page')
    .addHelpText('after', '\nA report file that cannot be read or is not a lab report exits 2, naming the file and the field.')
    .action(async (a: string, b: string, options: { html?: string }) => {
      // The page's folder is checked first: a mistyped path prints nothing and exits 2 naming --html.
      await checkReportFiles({ html: options.html });
      const [first, second] = await Promise.all([loadLabReport(a), loadLabReport(b)]);
      const diff = diffReports(first, second, labelsOf(a, b));
      console.log(formatDiff(diff));
      if (options.html !== undefined) {
        const out = resolve(options.html);
        await writeFile(out, renderHtmlDiff(diff));
        console.log(`\ncomparison written to ${out}`);
      }
    });
}
