/**
 * Customer actor (CU-4, CU-5): a customer created asynchronously waits in "pending sync" under a temporary id, with
 * no edits, loyalty card, affiliations or secondary contacts, until headquarters creates its account (P-job,
 * Synchronize customers, job 1010). A synced customer is edited in real time and receives master data updates.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type { CustomerContext, CustomerEvent, CustomerInput } from './customer.types.ts';

/** Why an event is refused in this context (null = allowed by the rule; the state may still refuse it). */
export function customerRule(context: CustomerContext, event: CustomerEvent): RuleViolation | null {
  if (event.type === 'SYNCED' && event.record.accountId !== context.customerId) {
    return violation('CU-4', `headquarters' record is for "${event.record.accountId}", not "${context.customerId}"`, 'customerId');
  }
  if (event.type === 'LOYALTY_CARD_ISSUED' && context.record.loyaltyCardId !== undefined) {
    return violation('CU-5', `customer ${context.customerId} already has loyalty card ${context.record.loyaltyCardId}`, 'customerId');
  }
  // Master data can only move forward: an older distribution arriving late changes nothing (SY-4).
  if (event.version <= context.version && event.type !== 'SYNCED') return violation('SY-4', `version ${event.version} is not newer than ${context.version}`, 'version');
  return null;
}

/** Rules that depend on where the customer is in its lifecycle. */
export function customerStateRule(snapshot: CustomerSnapshot, event: CustomerEvent): RuleViolation {
  const { customerId } = snapshot.context;
  if (snapshot.matches('pendingSync')) {
    if (event.type === 'EDITED') return violation('CU-5', `customer ${customerId} is pending sync: it can be edited once headquarters has created it`, 'customerId');
    if (event.type === 'LOYALTY_CARD_ISSUED') return violation('CU-5', `customer ${customerId} is pending sync: a loyalty card is issued once it is synced`, 'customerId');
  }
  return violation('STATE', `customer ${customerId} cannot take ${event.type} now`, 'customerId');
}

export function createCustomerMachine() {
  return setup({
    types: { context: {} as CustomerContext, events: {} as CustomerEvent, input: {} as CustomerInput },
    guards: {
      allowed: ({ context, event }) => customerRule(context, event) === null,
      hasAccount: ({ context }) => context.accountNumber !== null,
    },
    actions: {
      synced: assign(({ event }) => {
        const e = event as Extract<CustomerEvent, { type: 'SYNCED' }>;
        return { accountNumber: e.accountNumber, record: e.record, version: e.version };
      }),
      replaceRecord: assign(({ event }) => {
        const e = event as Extract<CustomerEvent, { type: 'EDITED' | 'DISTRIBUTED' }>;
        return { record: e.record, version: e.version };
      }),
      issueCard: assign(({ context, event }) => {
        const e = event as Extract<CustomerEvent, { type: 'LOYALTY_CARD_ISSUED' }>;
        return { record: { ...context.record, loyaltyCardId: e.cardId }, version: e.version };
      }),
    },
  }).createMachine({
    id: 'customer',
    context: ({ input }) => ({ ...input }),
    initial: 'starting',
    states: {
      starting: { always: [{ guard: 'hasAccount', target: 'synced' }, { target: 'pendingSync' }] },
      pendingSync: {
        on: { SYNCED: { guard: 'allowed', target: 'synced', actions: 'synced' } },
      },
      synced: {
        on: {
          EDITED: { guard: 'allowed', actions: 'replaceRecord' },
          LOYALTY_CARD_ISSUED: { guard: 'allowed', actions: 'issueCard' },
          DISTRIBUTED: { guard: 'allowed', actions: 'replaceRecord' },
        },
      },
    },
  });
}

export type CustomerMachine = ReturnType<typeof createCustomerMachine>;
export type CustomerSnapshot = SnapshotFrom<CustomerMachine>;
