/** `storefront report --data DIR [--at SEQ|TIME]`: the analyst's report of a stored chain (as it was then: cli/travel.ts). */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { DurableChain } from '../persistence/durable-chain.ts';
import { reportAt } from './travel.ts';
import { chainReport, formatReport } from '../report.ts';

export function reportCommand(): Command {
  return new Command('report')
    .description('report the state stored in a data directory')
    .option('--data <dir>', 'the data directory', 'data')
    .option('--at <seq|time>', 'as the chain was at command SEQ (0: the start) or at an ISO TIME (the directory is only read)')
    .action(async (options: { data: string; at?: string }) => {
      if (options.at !== undefined) return console.log(await reportAt(resolve(options.data), options.at));
      const durable = await DurableChain.open(resolve(options.data), { create: false });
      console.log(formatReport(chainReport(durable.chain)));
      await durable.close();
    });
}
