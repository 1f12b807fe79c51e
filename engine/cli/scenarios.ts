/** `storefront scenarios [DIR]`: the scenario library with each file's one-line description and size in steps. */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { scenarioSummary } from '../lab/scenario-file.ts';

const LIBRARY = fileURLToPath(new URL('../../scenarios/', import.meta.url));

async function listScenarios(dir: string): Promise<void> {
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `no scenario directory ${dir}`
      : error.code === 'ENOTDIR' ? `scenario directory ${dir} is a file, not a directory` : `scenario directory ${dir}: ${error.message}`);
  });
  const rows: string[][] = [];
  for (const name of files.filter((file) => /\.jsonl?$/.test(file)).sort()) {
    // A file that is not a scenario (a chain configuration) is left out; a damaged scenario says what is wrong with it.
    const summary = await scenarioSummary(join(dir, name)).catch((error: Error) => ({ name, description: `cannot be read: ${error.message}`, steps: undefined }));
    if (summary === undefined) continue;
    rows.push([name, summary.steps === undefined ? '?' : `${summary.steps.toLocaleString('en-US')} ${summary.steps === 1 ? 'step' : 'steps'}`, summary.description.replace(/\s+/g, ' ') || summary.name]);
  }
  if (rows.length === 0) {
    console.log(`no scenarios in ${dir}`);
    return;
  }
  const width = (column: number) => Math.max(...rows.map((row) => row[column]!.length));
  for (const [name, steps, description] of rows) console.log(`${name!.padEnd(width(0))}  ${steps!.padStart(width(1))}  ${description}`);
}

export function scenariosCommand(): Command {
  return new Command('scenarios')
    .description('list the scenario files of a directory with their description and size (default: the scenario library)')
    .argument('[dir]', 'the directory', LIBRARY)
    .action((dir: string) => listScenarios(resolve(dir)));
}
