/**
 * `storefront generate`: a generated chain day as a JSON Lines scenario (engine/lab/generate.ts), streamed to a file
 * or to standard output. Exit codes: 0 written, 2 a bad flag (named) or a file that cannot be written (the CLI's
 * "bad input").
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { COMMANDS_PER_STORE_DAY, generatedScenario, scenarioLines, writeLines, type GenerateOptions } from '../lab/generate.ts';

/** Bad input exits with 2, like every usage error of the CLI. */
const USAGE = 2;

/** A commander parser for a whole number in [min, max]; anything else is refused naming the flag. */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      const error = new InvalidArgumentError(`expected a whole number from ${min} to ${max.toLocaleString('en-US')}.`);
      error.exitCode = USAGE;
      throw error;
    }
    return n;
  };
}

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate a chain day of any size as a scenario in JSON Lines (header line, then a step a line), streamed')
    .option('--stores <count>', 'stores in the chain (three tills each, a warehouse per ten stores)', wholeNumber(1, 500), 20)
    .option('--days <count>', 'consecutive trading days, 09:00 to 21:00 from Monday 2026-11-23', wholeNumber(1, 366), 1)
    .option('--traffic <level>', `how busy the day is: ${COMMANDS_PER_STORE_DAY} commands per store (an ordinary day) times the level`, wholeNumber(1, 10_000), 1)
    .option('--seed <n>', 'seed of the chain and of the generator: the same flags give the same bytes', wholeNumber(0, 0xffffffff), 1)
    .option('--out <file>', 'write the scenario to this file (written whole or not at all) instead of standard output')
    .addHelpText('after', `
The first line is the scenario's header {name, description, seed, startAt, config} with the chain's configuration
inline; every further line is one chain command. \`storefront run FILE.jsonl\` replays it.

Examples:
  storefront generate --stores 20 --days 1 --seed 7 --out day.jsonl
  storefront generate --stores 3 --traffic 10 | head -n 3
`)
    .action(async (options: GenerateOptions & { out?: string }, command: Command) => {
      const started = performance.now();
      const lines = scenarioLines(generatedScenario(options));
      if (options.out === undefined) {
        try {
          await writeLines(lines, process.stdout);
        } catch (error) {
          // A reader that stops early (`| head`) is not a failure.
          if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
        }
        return;
      }
      // A folder is refused now, not at the rename once the whole day is written.
      if ((await stat(options.out).catch(() => null))?.isDirectory() === true) {
        command.error(`error: --out ${options.out}: is a folder: name a file in it`, { exitCode: USAGE, code: 'storefront.write' });
      }
      const temp = `${options.out}.partial`;
      let written = 0;
      try {
        const out = (await open(temp, 'w')).createWriteStream();
        written = await writeLines(lines, out);
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        await rename(temp, options.out);
      } catch (error) {
        await rm(temp, { force: true });
        command.error(`error: cannot write ${options.out}: ${(error as Error).message}`, { exitCode: USAGE, code: 'storefront.write' });
      }
      command.configureOutput().writeErr!(`${(written - 1).toLocaleString('en-US')} steps written to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    });
}
