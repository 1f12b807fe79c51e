import type { OrderSummary, OutboundItem } from '../engine/domain/channel-transactions.ts';
import type { Customer, HeadquartersJob } from '../engine/domain/config.ts';
import type { BackOffice, JobRun } from '../engine/domain/headquarters.ts';

export type HeadquartersContext = BackOffice;

export interface HeadquartersInput { office: BackOffice }

export type HeadquartersEvent =
  /** CU-4: the real-time service creates a customer a register created in sync mode. */
  | { type: 'CREATE_CUSTOMER'; channelCustomerId: string; storeId: string; record: Customer; at: number }
  /** CU-4: edits are always synchronous. */
  | { type: 'UPDATE_CUSTOMER'; accountNumber: string; record: Customer; at: number }
  | { type: 'ISSUE_LOYALTY_CARD'; accountNumber: string; at: number }
  /** SY-1: the real-time service creates a sync-mode order (and its async customer, if it has one: CU-7). */
  | { type: 'CREATE_ORDER'; order: OrderSummary; customer: Customer | null; at: number }
  /** SY-2 / SY-3: the P-job's pull of a store's queue. */
  | { type: 'RECEIVE_UPLOAD'; storeId: string; items: OutboundItem[]; at: number }
  | { type: 'SYNCHRONIZE_CUSTOMERS'; at: number }
  | { type: 'SYNCHRONIZE_ORDERS'; at: number }
  /** A P-job or 1010 run, with what it did at each store. */
  | { type: 'JOB_RAN'; run: JobRun }
  | { type: 'SCHEDULE'; job: HeadquartersJob; everyMinutes: number | null; at: number };
