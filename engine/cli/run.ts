/** `storefront run FILE`: replays a scenario (in memory, or durably into a data directory) and reports it. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { DurableChain } from '../persistence/durable-chain.ts';
import { chainReport, formatReport } from '../report.ts';
import { chainFor, loadScenario, runSteps } from '../scenario.ts';

export function runCommand(): Command {
  return new Command('run')
    .description('replay a scenario (in memory unless --data) and print its report')
    .argument('<file>', 'the scenario file (.json)')
    .option('--data <dir>', 'replay durably into this data directory')
    .action(async (file: string, options: { data?: string }) => {
      const scenario = await loadScenario(resolve(file));
      if (options.data === undefined) {
        const chain = chainFor(scenario);
        const run = await runSteps(scenario.steps, (command) => chain.executeNow(command));
        console.log(`scenario "${scenario.name}": ${run.accepted} accepted, ${run.refused.length} refused`);
        for (const refused of run.refused) console.log(`  step ${refused.step} ${refused.command}: ${refused.error.rule} ${refused.error.message}`);
        console.log(formatReport(chainReport(chain, run)));
        return;
      }
      const durable = await DurableChain.open(resolve(options.data), { config: scenario.config, seed: scenario.seed, startAt: scenario.startAt });
      const run = await runSteps(scenario.steps, (command) => durable.execute(command));
      console.log(formatReport(chainReport(durable.chain, run)));
      await durable.close();
    });
}
