import type { Cart, DeliveryRequest, OrderType } from '../engine/domain/cart.ts';
import type { AppliedCharge } from '../engine/domain/charges.ts';
import type { Minor } from '../engine/domain/money.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import type { Invoice, Payment, TenderMethod } from '../engine/domain/payments.ts';
import type { ReturnRequestLine, ReturnSource } from '../engine/domain/returns.ts';
import type { OrderLine } from './customer-order.types.ts';

export type TransactionKind = 'sale' | 'orderEdit' | 'cancellation' | 'pickup' | 'return';

export interface Tender { tenderId: string; method: TenderMethod; amount: Minor }

/** What the register needs of an order it recalls (edit, cancel, pick up). */
export interface RecalledOrder {
  orderId: string;
  customerId: string;
  lines: OrderLine[];
  /** The order's payments and invoices: what was paid, invoiced and is still held as deposit (CO-10, CO-11). */
  payments: Payment[];
  invoices: Invoice[];
  cardToken: string | null;
  charges: AppliedCharge[];
  depositOverride: Minor | null;
  isQuote: boolean;
}

/** The original a return is made against (RT-1): a customer order or a cash-and-carry receipt. */
export interface ReturnOriginal { kind: 'order' | 'receipt'; id: string; customerId: string | null; source: ReturnSource }

export interface RegisterTransaction {
  transactionId: string;
  kind: TransactionKind;
  cart: Cart;
  tenders: Tender[];
  /** CO-8: token captured for the balance of a ship (or pickup) order. */
  cardToken: string | null;
  order: RecalledOrder | null;
  /** CO-11: the cancellation charge, proposed from the parameters and adjustable before confirming. */
  cancellationCharge: Minor | null;
  /** FF-6: the lines being picked up and what the customer pays for them. */
  pickupLines: QuantityOfLine[];
  pickupDue: Minor;
  returnOriginal: ReturnOriginal | null;
  returnLines: ReturnRequestLine[];
  /** RT-3: the manager who approved a shipping refund over the limit. */
  approvedBy: string | null;
}

export interface RegisterContext {
  registerId: string;
  storeId: string;
  operatorId: string | null;
  transaction: RegisterTransaction | null;
}

export interface RegisterInput { registerId: string; storeId: string }

export type RegisterEvent =
  | { type: 'OPEN_SHIFT'; operatorId: string }
  | { type: 'CLOSE_SHIFT' }
  | { type: 'ADD_ITEM'; transactionId: string; productId: string; quantity: number; unitPrice?: Minor | undefined; approverId?: string | undefined }
  | { type: 'SET_QUANTITY'; lineId: string; quantity: number }
  | { type: 'REMOVE_LINE'; lineId: string }
  | { type: 'SELECT_LINE'; lineId: string | null }
  | { type: 'SET_CUSTOMER'; transactionId: string; customerId: string }
  | { type: 'SET_DELIVERY'; request: DeliveryRequest }
  | { type: 'SET_ORDER_TYPE'; orderType: OrderType }
  | { type: 'OVERRIDE_DEPOSIT'; amount: Minor; approverId?: string | undefined }
  | { type: 'ADD_CHARGE'; level: 'header' | 'line'; lineId?: string | undefined; chargeCode: string; amount: Minor; reasonCode?: string | undefined; approverId?: string | undefined }
  | { type: 'OVERRIDE_CHARGE'; key: string; amount: Minor; reasonCode: string; approverId?: string | undefined }
  | { type: 'RECALCULATE' }
  | { type: 'TENDER'; tenderId: string; method: TenderMethod; amount: Minor; cardToken?: string | undefined; approverId?: string | undefined }
  | { type: 'VOID' }
  | { type: 'RECALL_EDIT'; transactionId: string; order: RecalledOrder }
  | { type: 'RECALL_CANCEL'; transactionId: string; order: RecalledOrder; proposedCharge: Minor }
  | { type: 'ADJUST_CANCELLATION_CHARGE'; amount: Minor; approverId?: string | undefined }
  | { type: 'START_PICKUP'; transactionId: string; order: RecalledOrder; lines: QuantityOfLine[]; due: Minor }
  | { type: 'START_RETURN'; transactionId: string; original: ReturnOriginal }
  | { type: 'SET_RETURN_LINES'; lines: ReturnRequestLine[] };

export type RegisterEmitted =
  | { type: 'transactionCompleted'; registerId: string; storeId: string; operatorId: string; transaction: RegisterTransaction }
  | { type: 'transactionVoided'; registerId: string; transaction: RegisterTransaction };
