import type { Customer } from '../engine/domain/config.ts';

/** A customer as the channel database knows it (CU-4: a temporary id until headquarters gives it an account). */
export interface CustomerContext {
  /** The channel's id of the customer: its account number, or the temporary GUID of an async customer. */
  customerId: string;
  /** The headquarters account number; null while pending sync (CU-4). */
  accountNumber: string | null;
  record: Customer;
  /** Where and when the customer was created at a register (null: distributed from headquarters). */
  createdAtStoreId: string | null;
  createdAt: number;
  /** The headquarters master data version last applied (SY-4); 0 before any. */
  version: number;
}

export type CustomerInput = CustomerContext;

export type CustomerEvent =
  /** SY-4 / CU-5: headquarters created the account (job 1010, or a real-time order that carried the customer). */
  | { type: 'SYNCED'; accountNumber: string; record: Customer; version: number }
  /** CU-4: an edit, made at headquarters in real time and confirmed. */
  | { type: 'EDITED'; record: Customer; version: number }
  /** CU-5: a loyalty card, issued by headquarters once the customer exists there. */
  | { type: 'LOYALTY_CARD_ISSUED'; cardId: string; version: number }
  /** SY-4: newer master data from headquarters (job 1010). */
  | { type: 'DISTRIBUTED'; record: Customer; version: number };
