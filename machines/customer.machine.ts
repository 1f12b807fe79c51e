/**
 * Customer actor (CU-4, CU-5): a customer created asynchronously waits in "pending sync" under a temporary id, with
 * no edits, loyalty card, affiliations or secondary contacts, until headquarters creates its account (P-job,
 * Synchronize customers, job 1010). A synced customer is edited in real time and receives master data updates.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import type { Customer } from '../engine/domain/config.ts';
import { inAddressBook } from '../engine/domain/customer-search.ts';
import { checkNewerVersion, checkNoLoyaltyCard, checkSyncedRecord, type CustomerContext } from '../engine/domain/customers.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export type CustomerInput = CustomerContext;

export type CustomerEvent =
  /** SY-4 / CU-5: headquarters created the account (job 1010, or a real-time order that carried the customer). */
  | { type: 'SYNCED'; accountNumber: string; record: Customer; version: number }
  /** CU-4: an edit, made at headquarters in real time and confirmed. */
  | { type: 'EDITED'; record: Customer; version: number }
  /** CU-5: a loyalty card, issued by headquarters once the customer exists there. */
  | { type: 'LOYALTY_CARD_ISSUED'; cardId: string; version: number }
  /** SY-4: newer master data from headquarters (job 1010). */
  | { type: 'DISTRIBUTED'; record: Customer; version: number }
  /** CU-8: a store opened the customer from a search across all stores. */
  | { type: 'ADDED_TO_ADDRESS_BOOK'; storeId: string };

/** The customer's rules, each the guard of the change it governs. */
export const customerRules = {
  'CU-4 accountIsThisCustomer': (context, event) => {
    assertEvent(event, 'SYNCED');
    return checkSyncedRecord(context, event.record);
  },
  'SY-4 newerMasterData': (context, event) => {
    assertEvent(event, ['EDITED', 'DISTRIBUTED']);
    return checkNewerVersion(context, event.version);
  },
  'CU-5 oneLoyaltyCard': (context, event) => {
    assertEvent(event, 'LOYALTY_CARD_ISSUED');
    return checkNoLoyaltyCard(context) ?? checkNewerVersion(context, event.version);
  },
  'CU-8 notInAddressBook': (context, event) => {
    assertEvent(event, 'ADDED_TO_ADDRESS_BOOK');
    return inAddressBook(context, event.storeId) ? violation('CU-8', `customer ${context.customerId} is already in the address book of store ${event.storeId}`, 'customerId') : null;
  },
} satisfies Record<string, Rule<CustomerContext, CustomerEvent>>;

export function createCustomerMachine() {
  return setup({
    types: { context: {} as CustomerContext, events: {} as CustomerEvent, input: {} as CustomerInput },
    guards: { ...guardsOf(customerRules), hasAccount: ({ context }) => context.accountNumber !== null },
    actions: {
      synced: assign(({ event }) => {
        assertEvent(event, 'SYNCED');
        return { accountNumber: event.accountNumber, record: event.record, version: event.version };
      }),
      replaceRecord: assign(({ event }) => {
        assertEvent(event, ['EDITED', 'DISTRIBUTED']);
        return { record: event.record, version: event.version };
      }),
      issueCard: assign(({ context, event }) => {
        assertEvent(event, 'LOYALTY_CARD_ISSUED');
        return { record: { ...context.record, loyaltyCardId: event.cardId }, version: event.version };
      }),
      addToAddressBook: assign({ addressBooks: ({ context, event }) => {
        assertEvent(event, 'ADDED_TO_ADDRESS_BOOK');
        return [...(context.addressBooks ?? []), event.storeId];
      } }),
    },
  }).createMachine({
    id: 'customer',
    context: ({ input }) => ({ ...input }),
    meta: { subject: (context) => `customer ${context.customerId}`, field: 'customerId', rules: customerRules } satisfies ChartMeta<CustomerContext>,
    initial: 'starting',
    states: {
      starting: { always: [{ guard: 'hasAccount', target: 'synced' }, { target: 'pendingSync' }] },
      pendingSync: {
        meta: { refuses: { rules: { EDITED: 'CU-5', LOYALTY_CARD_ISSUED: 'CU-5' }, means: 'it is pending sync: it can be changed once headquarters has created it' } },
        on: {
          SYNCED: { guard: 'CU-4 accountIsThisCustomer', target: 'synced', actions: 'synced' },
          ADDED_TO_ADDRESS_BOOK: { guard: 'CU-8 notInAddressBook', actions: 'addToAddressBook' },
        },
      },
      synced: {
        meta: { refuses: { means: 'it is synced' } },
        on: {
          EDITED: { guard: 'SY-4 newerMasterData', actions: 'replaceRecord' },
          LOYALTY_CARD_ISSUED: { guard: 'CU-5 oneLoyaltyCard', actions: 'issueCard' },
          DISTRIBUTED: { guard: 'SY-4 newerMasterData', actions: 'replaceRecord' },
          ADDED_TO_ADDRESS_BOOK: { guard: 'CU-8 notInAddressBook', actions: 'addToAddressBook' },
        },
      },
    },
  });
}

export type CustomerMachine = ReturnType<typeof createCustomerMachine>;
export type CustomerSnapshot = SnapshotFrom<CustomerMachine>;
