/**
 * Headquarters actor: the chain's master data and back office (customer accounts, sales orders from channel
 * transactions, return orders, posted receipts) and its batch jobs (P-job staging, Synchronize customers,
 * Synchronize orders, job 1010 records and schedules). The work itself is in engine/domain/headquarters.ts.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import type { OrderSummary, OutboundItem } from '../engine/domain/channel-transactions.ts';
import type { Customer, HeadquartersJob } from '../engine/domain/config.ts';
import {
  accountOf, cancelCallCenterSalesOrder, checkCallCenterCancel, createAccount, creationConflict, createSalesOrder, issueLoyaltyCard, noteNumbering, receiveUpload, recordJobRun, setSchedule,
  synchronizeCustomers, synchronizeOrders, updateAccount, type BackOffice, type JobRun, type SalesOrder,
} from '../engine/domain/headquarters.ts';
import type { Numbering } from '../engine/domain/numbering.ts';
import { violation } from '../engine/domain/violation.ts';
import { guardsOf, type ChartMeta, type Rule } from './rules.ts';

export interface HeadquartersInput { office: BackOffice }

/** What the store channel sends carries its numbering as it stood (headquarters keeps the furthest: Chain.reconcile). */
interface FromTheChannel { numbering?: Numbering | undefined }

export type HeadquartersEvent =
  /** CU-4: the real-time service creates a customer a register created in sync mode. */
  | { type: 'CREATE_CUSTOMER'; channelCustomerId: string; storeId: string; record: Customer; at: number } & FromTheChannel
  /** CU-4: edits are always synchronous. */
  | { type: 'UPDATE_CUSTOMER'; accountNumber: string; record: Customer; at: number } & FromTheChannel
  | { type: 'ISSUE_LOYALTY_CARD'; accountNumber: string; at: number } & FromTheChannel
  /** SY-1: the real-time service creates a sync-mode order (and its async customer, if it has one: CU-7). */
  | { type: 'CREATE_ORDER'; order: OrderSummary; customer: Customer | null; at: number } & FromTheChannel
  /** SY-2 / SY-3: the P-job's pull of a store's queue. */
  | { type: 'RECEIVE_UPLOAD'; storeId: string; items: OutboundItem[]; at: number } & FromTheChannel
  | { type: 'SYNCHRONIZE_CUSTOMERS'; at: number }
  | { type: 'SYNCHRONIZE_ORDERS'; at: number }
  /** A P-job or 1010 run, with what it did at each store. */
  | { type: 'JOB_RAN'; run: JobRun }
  | { type: 'SCHEDULE'; job: HeadquartersJob; everyMinutes: number | null; at: number }
  /** CC-2: an order the call center submitted, as the sales order it becomes (built by the host from the catalog). */
  | { type: 'ACCEPT_CALL_CENTER_ORDER'; summary: OrderSummary; callCenter: NonNullable<SalesOrder['callCenter']>; at: number }
  /** CC-21: the call center cancels a call-center order headquarters has as a sales order. */
  | { type: 'CANCEL_CALL_CENTER_ORDER'; orderId: string; by: string; at: number };

/** Headquarters' rules, each the guard of the change it governs. */
export const headquartersRules = {
  'CU-4 customerCreatable': (office, event) => {
    assertEvent(event, 'CREATE_CUSTOMER');
    if (event.record.accountId !== event.channelCustomerId) return violation('CU-4', 'the record is not the channel customer\'s', 'record.accountId');
    const conflict = creationConflict(office, { customer: event.record });
    return conflict === null ? null : violation('CONFLICT', `${conflict.reason}: the store's numbering is behind headquarters`, conflict.field);
  },
  'CU-4 accountExists': (office, event) => {
    assertEvent(event, ['UPDATE_CUSTOMER', 'ISSUE_LOYALTY_CARD']);
    return office.customers[event.accountNumber] === undefined ? violation('NOT_FOUND', `headquarters has no account "${event.accountNumber}"`, 'accountNumber') : null;
  },
  'CU-5 oneLoyaltyCard': (office, event) => {
    assertEvent(event, 'ISSUE_LOYALTY_CARD');
    const card = office.customers[event.accountNumber]?.record.loyaltyCardId;
    return card === undefined ? null : violation('CU-5', `account ${event.accountNumber} already has loyalty card ${card}`, 'accountNumber');
  },
  'CU-7 orderCreatable': (office, event) => {
    assertEvent(event, 'CREATE_ORDER');
    const known = accountOf(office, event.order.customerId) !== undefined || event.customer?.accountId === event.order.customerId;
    if (!known) return violation('CU-7', `headquarters has no account for customer "${event.order.customerId}"`, 'order.customerId');
    const conflict = creationConflict(office, { order: event.order, customer: event.customer });
    return conflict === null ? null : violation('CONFLICT', `${conflict.reason}: the store's numbering is behind headquarters`, conflict.field);
  },
  'CC-2 callCenterOrderAcceptable': (office, event) => {
    assertEvent(event, 'ACCEPT_CALL_CENTER_ORDER');
    if (accountOf(office, event.summary.customerId) === undefined) return violation('NOT_FOUND', `headquarters has no account "${event.callCenter.order.customerId}"`, 'order.customerId');
    const conflict = creationConflict(office, { order: event.summary });
    return conflict === null ? null : violation('CONFLICT', `${conflict.reason}: the call center's order number is taken`, 'order.orderId');
  },
  'CC-21 callCenterOrderCancellable': (office, event) => {
    assertEvent(event, 'CANCEL_CALL_CENTER_ORDER');
    return checkCallCenterCancel(office, event.orderId);
  },
  'SY-3 uploadIsTheStores': (_office, event) => {
    assertEvent(event, 'RECEIVE_UPLOAD');
    const foreign = event.items.findIndex((item) => item.storeId !== event.storeId);
    return foreign === -1 ? null : violation('SY-3', `item ${event.items[foreign]!.key} is not store ${event.storeId}'s`, `items.${foreign}.storeId`);
  },
} satisfies Record<string, Rule<BackOffice, HeadquartersEvent>>;

export function createHeadquartersMachine() {
  return setup({
    types: { context: {} as BackOffice, events: {} as HeadquartersEvent, input: {} as HeadquartersInput },
    guards: guardsOf(headquartersRules),
    actions: {
      createCustomer: assign(({ context, event }) => {
        assertEvent(event, 'CREATE_CUSTOMER');
        return noteNumbering(createAccount(context, { channelCustomerId: event.channelCustomerId, storeId: event.storeId, record: event.record, via: 'realtime', at: event.at }), event.numbering);
      }),
      updateCustomer: assign(({ context, event }) => {
        assertEvent(event, 'UPDATE_CUSTOMER');
        return noteNumbering(updateAccount(context, event.accountNumber, event.record), event.numbering);
      }),
      issueLoyaltyCard: assign(({ context, event }) => {
        assertEvent(event, 'ISSUE_LOYALTY_CARD');
        return noteNumbering(issueLoyaltyCard(context, event.accountNumber), event.numbering);
      }),
      createOrder: assign(({ context, event }) => {
        assertEvent(event, 'CREATE_ORDER');
        const withCustomer = event.customer === null ? context
          : createAccount(context, { channelCustomerId: event.customer.accountId, storeId: event.order.storeId, record: event.customer, via: 'realtime', at: event.at });
        return noteNumbering(createSalesOrder(withCustomer, event.order, 'realtime', event.at), event.numbering);
      }),
      acceptCallCenterOrder: assign(({ context, event }) => {
        assertEvent(event, 'ACCEPT_CALL_CENTER_ORDER');
        return createSalesOrder(context, event.summary, 'callCenter', event.at, event.callCenter);
      }),
      cancelCallCenterOrder: assign(({ context, event }) => {
        assertEvent(event, 'CANCEL_CALL_CENTER_ORDER');
        return cancelCallCenterSalesOrder(context, event.orderId, event.by, event.at);
      }),
      receiveUpload: assign(({ context, event }) => {
        assertEvent(event, 'RECEIVE_UPLOAD');
        return noteNumbering(receiveUpload(context, event.items, event.at), event.numbering);
      }),
      synchronizeCustomers: assign(({ context, event }) => {
        assertEvent(event, 'SYNCHRONIZE_CUSTOMERS');
        return synchronizeCustomers(context, event.at);
      }),
      synchronizeOrders: assign(({ context, event }) => {
        assertEvent(event, 'SYNCHRONIZE_ORDERS');
        return synchronizeOrders(context, event.at);
      }),
      recordJobRun: assign(({ context, event }) => {
        assertEvent(event, 'JOB_RAN');
        return recordJobRun(context, event.run);
      }),
      schedule: assign(({ context, event }) => {
        assertEvent(event, 'SCHEDULE');
        return setSchedule(context, event.job, event.everyMinutes, event.at);
      }),
    },
  }).createMachine({
    id: 'headquarters',
    context: ({ input }) => input.office,
    meta: { subject: () => 'headquarters', rules: headquartersRules } satisfies ChartMeta<BackOffice>,
    initial: 'operating',
    states: {
      operating: {
        meta: { refuses: { means: 'it is operating' } },
        on: {
          CREATE_CUSTOMER: { guard: 'CU-4 customerCreatable', actions: 'createCustomer' },
          UPDATE_CUSTOMER: { guard: 'CU-4 accountExists', actions: 'updateCustomer' },
          ISSUE_LOYALTY_CARD: { guard: and(['CU-4 accountExists', 'CU-5 oneLoyaltyCard']), actions: 'issueLoyaltyCard' },
          CREATE_ORDER: { guard: 'CU-7 orderCreatable', actions: 'createOrder' },
          ACCEPT_CALL_CENTER_ORDER: { guard: 'CC-2 callCenterOrderAcceptable', actions: 'acceptCallCenterOrder' },
          CANCEL_CALL_CENTER_ORDER: { guard: 'CC-21 callCenterOrderCancellable', actions: 'cancelCallCenterOrder' },
          RECEIVE_UPLOAD: { guard: 'SY-3 uploadIsTheStores', actions: 'receiveUpload' },
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
