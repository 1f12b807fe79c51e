/** `storefront hash-pin PIN`: the scrypt hash a chain configuration stores for a staff member's PIN. */
import { Command } from 'commander';
import { hashPin } from '../credentials.ts';

export function hashPinCommand(): Command {
  return new Command('hash-pin')
    .description("the pinHash of a PIN, for a chain configuration's staff")
    .argument('<pin>', 'the PIN to hash')
    .action((pin: string) => { console.log(hashPin(pin)); });
}
