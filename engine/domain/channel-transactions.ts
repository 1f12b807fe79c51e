/**
 * What a store sends headquarters (SY-2, SY-3, RT-4, CU-7): channel transactions in the store's outbound queue, each
 * under an idempotency key, so headquarters takes each exactly once however often it is delivered.
 */
import type { CallCenterOrderDelivery } from './call-center-submission.ts';
import type { Customer, DeliveryKind } from './config.ts';
import type { OrderHeaderStatus } from './fulfillment.ts';
import type { Minor } from './money.ts';
import type { Invoice, PaymentStatus } from './payments.ts';

/** Issue 13: one of the store's invoices on an order, as headquarters' order view lists it. */
export interface StoreInvoiceSummary {
  invoiceId: string;
  kind: Invoice['kind'];
  lines: { lineId: string; productId: string; quantity: number; amount: Minor }[];
  total: Minor;
}

/** The order as headquarters' sales order mirrors it. */
export interface OrderSummary {
  orderId: string;
  /** The confirmation number the customer gets (SY-2). */
  channelReference: string;
  storeId: string;
  /** The channel's customer id (an account number, or the temporary GUID of a customer pending sync). */
  customerId: string;
  createdAt: number;
  orderType: 'customerOrder' | 'quote';
  status: OrderHeaderStatus;
  paymentStatus: PaymentStatus;
  lines: { lineId: string; productId: string; quantity: number; unitPrice: Minor; delivery: DeliveryKind; modeCode: string; locationId: string; invoiced: number; returned: number }[];
  total: Minor;
  invoiced: Minor;
  paid: Minor;
  returned: Minor;
  /** Absent in what stores sent before they sent their invoices (journals and snapshots of then still replay). */
  invoices?: StoreInvoiceSummary[];
}

export interface ReceiptSummary { receiptId: string; registerId: string; customerId: string | null; total: Minor; lines: number }

/** RT-4: a return, posted to headquarters as a return order with its RMA number. */
export interface ReturnSummary {
  rmaNumber: string;
  original: { kind: 'order' | 'receipt'; id: string };
  /** The original order's channel reference (headquarters' key of its sales order); null for a receipt. */
  channelReference: string | null;
  customerId: string | null;
  total: Minor;
  lines: { lineId: string; quantity: number; reasonCode: string }[];
}

/** A receipt the till emailed to a customer: headquarters' mail service sends it. */
export interface ReceiptEmail { messageId: string; to: string; transactionId: string; registerId: string; subject: string; total: Minor }

interface Queued<K extends string> { key: string; kind: K; storeId: string; at: number }

export type OutboundItem =
  | Queued<'customerCreated'> & { customer: Customer }
  | Queued<'orderCreated'> & { order: OrderSummary }
  /** A later state of an order already sent; `revision` orders the updates (a late, older one changes nothing). */
  | Queued<'orderUpdated'> & { revision: number; order: OrderSummary }
  | Queued<'receipt'> & { receipt: ReceiptSummary }
  | Queued<'return'> & { returnOrder: ReturnSummary }
  | Queued<'receiptEmail'> & { email: ReceiptEmail };

export type OutboundKind = OutboundItem['kind'];

/** Idempotency keys: one per thing the store created, so a retry or a duplicate delivery has the same key. */
/** The store's counter of order-update revisions (one for the whole channel: a revision only has to grow). */
export const REVISION = 'REV';

export const outboundKey = {
  customer: (customerId: string) => `customer:${customerId}`,
  order: (channelReference: string) => `order:${channelReference}`,
  orderUpdate: (channelReference: string, revision: number) => `order:${channelReference}:r${revision}`,
  receipt: (storeId: string, receiptId: string) => `receipt:${storeId}:${receiptId}`,
  return: (rmaNumber: string) => `return:${rmaNumber}`,
  receiptEmail: (storeId: string, messageId: string) => `email:${storeId}:${messageId}`,
};

/**
 * What job 1010 sends a store (SY-4): customers and order confirmations newer than the store's version, and the
 * call-center orders it fulfils (CC-2).
 */
export interface DistributionPackage {
  version: number;
  customers: { channelCustomerId: string; accountNumber: string; record: Customer; version: number }[];
  orders: { orderId: string; channelReference: string; salesOrderId: string }[];
  callCenterOrders: CallCenterOrderDelivery[];
}
