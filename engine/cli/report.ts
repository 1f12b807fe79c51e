/** `storefront report --data DIR`: the analyst's report of a stored chain. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { DurableChain } from '../persistence/durable-chain.ts';
import { chainReport, formatReport } from '../report.ts';

export function reportCommand(): Command {
  return new Command('report')
    .description('report the state stored in a data directory')
    .option('--data <dir>', 'the data directory', 'data')
    .action(async (options: { data: string }) => {
      const durable = await DurableChain.open(resolve(options.data), { create: false });
      console.log(formatReport(chainReport(durable.chain)));
      await durable.close();
    });
}
