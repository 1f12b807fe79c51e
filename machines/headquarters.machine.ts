/**
 * Headquarters actor: the chain's master data and back office (customer accounts, sales orders from channel
 * transactions, return orders, posted receipts) and its batch jobs (P-job staging, Synchronize customers,
 * Synchronize orders, job 1010 records and schedules). The work itself is in engine/domain/headquarters.ts.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import {
  accountOf, createAccount, creationConflict, createSalesOrder, issueLoyaltyCard, receiveUpload, recordJobRun, setSchedule, synchronizeCustomers,
  synchronizeOrders, updateAccount,
} from '../engine/domain/headquarters.ts';
import { violation, type RuleViolation } from '../engine/domain/violation.ts';
import type { HeadquartersContext, HeadquartersEvent, HeadquartersInput } from './headquarters.types.ts';

type EventOf<T extends HeadquartersEvent['type']> = Extract<HeadquartersEvent, { type: T }>;

export function headquartersRule(context: HeadquartersContext, event: HeadquartersEvent): RuleViolation | null {
  switch (event.type) {
    case 'CREATE_CUSTOMER': {
      if (event.record.accountId !== event.channelCustomerId) return violation('CU-4', 'the record is not the channel customer\'s', 'record.accountId');
      const conflict = creationConflict(context, { customer: event.record });
      return conflict === null ? null : violation('CONFLICT', `${conflict}: the store's numbering is behind headquarters`, 'channelCustomerId');
    }
    case 'UPDATE_CUSTOMER':
    case 'ISSUE_LOYALTY_CARD': {
      const account = context.customers[event.accountNumber];
      if (account === undefined) return violation('NOT_FOUND', `headquarters has no account "${event.accountNumber}"`, 'accountNumber');
      if (event.type === 'ISSUE_LOYALTY_CARD' && account.record.loyaltyCardId !== undefined) {
        return violation('CU-5', `account ${event.accountNumber} already has loyalty card ${account.record.loyaltyCardId}`, 'accountNumber');
      }
      return null;
    }
    case 'CREATE_ORDER': {
      const known = accountOf(context, event.order.customerId) !== undefined || event.customer?.accountId === event.order.customerId;
      if (!known) return violation('CU-7', `headquarters has no account for customer "${event.order.customerId}"`, 'order.customerId');
      const conflict = creationConflict(context, { order: event.order, customer: event.customer });
      return conflict === null ? null : violation('CONFLICT', `${conflict}: the store's numbering is behind headquarters`, 'order.channelReference');
    }
    case 'RECEIVE_UPLOAD': {
      const foreign = event.items.findIndex((item) => item.storeId !== event.storeId);
      return foreign === -1 ? null : violation('SY-3', `item ${event.items[foreign]!.key} is not store ${event.storeId}'s`, `items.${foreign}.storeId`);
    }
    default:
      return null;
  }
}

export function createHeadquartersMachine() {
  return setup({
    types: { context: {} as HeadquartersContext, events: {} as HeadquartersEvent, input: {} as HeadquartersInput },
    guards: { allowed: ({ context, event }) => headquartersRule(context, event) === null },
    actions: {
      createCustomer: assign(({ context, event }) => {
        const e = event as EventOf<'CREATE_CUSTOMER'>;
        return createAccount(context, { channelCustomerId: e.channelCustomerId, storeId: e.storeId, record: e.record, via: 'realtime', at: e.at });
      }),
      updateCustomer: assign(({ context, event }) => updateAccount(context, (event as EventOf<'UPDATE_CUSTOMER'>).accountNumber, (event as EventOf<'UPDATE_CUSTOMER'>).record)),
      issueLoyaltyCard: assign(({ context, event }) => issueLoyaltyCard(context, (event as EventOf<'ISSUE_LOYALTY_CARD'>).accountNumber)),
      createOrder: assign(({ context, event }) => {
        const e = event as EventOf<'CREATE_ORDER'>;
        const withCustomer = e.customer === null ? context
          : createAccount(context, { channelCustomerId: e.customer.accountId, storeId: e.order.storeId, record: e.customer, via: 'realtime', at: e.at });
        return createSalesOrder(withCustomer, e.order, 'realtime', e.at);
      }),
      receiveUpload: assign(({ context, event }) => receiveUpload(context, (event as EventOf<'RECEIVE_UPLOAD'>).items, (event as EventOf<'RECEIVE_UPLOAD'>).at)),
      synchronizeCustomers: assign(({ context, event }) => synchronizeCustomers(context, (event as EventOf<'SYNCHRONIZE_CUSTOMERS'>).at)),
      synchronizeOrders: assign(({ context, event }) => synchronizeOrders(context, (event as EventOf<'SYNCHRONIZE_ORDERS'>).at)),
      recordJobRun: assign(({ context, event }) => recordJobRun(context, (event as EventOf<'JOB_RAN'>).run)),
      schedule: assign(({ context, event }) => {
        const e = event as EventOf<'SCHEDULE'>;
        return setSchedule(context, e.job, e.everyMinutes, e.at);
      }),
    },
  }).createMachine({
    id: 'headquarters',
    context: ({ input }) => input.office,
    initial: 'operating',
    states: {
      operating: {
        on: {
          CREATE_CUSTOMER: { guard: 'allowed', actions: 'createCustomer' },
          UPDATE_CUSTOMER: { guard: 'allowed', actions: 'updateCustomer' },
          ISSUE_LOYALTY_CARD: { guard: 'allowed', actions: 'issueLoyaltyCard' },
          CREATE_ORDER: { guard: 'allowed', actions: 'createOrder' },
          RECEIVE_UPLOAD: { guard: 'allowed', actions: 'receiveUpload' },
          SYNCHRONIZE_CUSTOMERS: { actions: 'synchronizeCustomers' },
          SYNCHRONIZE_ORDERS: { actions: 'synchronizeOrders' },
          JOB_RAN: { actions: 'recordJobRun' },
          SCHEDULE: { actions: 'schedule' },
        },
      },
    },
  });
}

export type HeadquartersMachine = ReturnType<typeof createHeadquartersMachine>;
export type HeadquartersSnapshot = SnapshotFrom<HeadquartersMachine>;
