/**
 * CU-8: a customer found in a search across all stores is opened here: it joins this store's address book, so the
 * store's local search finds it from now on (the customer and its account stay one, chain-wide).
 */
import type { CommandScope } from '../command-scope.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { openRegister } from './customers-at-headquarters.ts';

export function addToAddressBook(scope: CommandScope, command: CommandOf<'customer.addToAddressBook'>): Record<string, unknown> {
  const { storeId } = openRegister(scope, command.registerId);
  const customerId = scope.customerIdOf(command.customerId);
  scope.send('customer', customerId, { type: 'ADDED_TO_ADDRESS_BOOK', storeId }, 'customerId');
  return { registerId: command.registerId, customerId, storeId };
}
