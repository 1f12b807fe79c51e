import type { AppliedCharge } from '../engine/domain/charges.ts';
import type { OrderType } from '../engine/domain/cart.ts';
import type { LineProgress } from '../engine/domain/fulfillment.ts';
import type { Minor } from '../engine/domain/money.ts';
import type { QuantityOfLine } from '../engine/domain/order-invoicing.ts';
import type { Invoice, Payment, TenderMethod } from '../engine/domain/payments.ts';
import type { ReturnRecord } from '../engine/domain/returns.ts';
import type { SalesLine } from '../engine/domain/sales.ts';

export interface OrderLine extends SalesLine { progress: LineProgress }

export interface CustomerOrderContext {
  orderId: string;
  /** How the order was created; a quote becomes a sales order by approval (CO-9), which the state records. */
  createdAs: OrderType;
  /** The channel's own reference (confirmation number) for the order. */
  channelReference: string;
  storeId: string;
  customerId: string;
  createdAt: number;
  origin: 'pos' | 'callCenter';
  /** CC-2: call-center order completion; such orders are never edited in POS (CO-10). */
  orderCompletion: boolean;
  /**
   * Headquarters' sales order (SY-1, SY-2); null while an async order waits to be synchronized, when it can be
   * neither fulfilled, edited nor cancelled (CO-10, CO-11).
   */
  salesOrderId: string | null;
  lines: OrderLine[];
  charges: AppliedCharge[];
  depositOverride: Minor | null;
  /** CO-8: card token captured at checkout for the balance. */
  cardToken: string | null;
  payments: Payment[];
  invoices: Invoice[];
  returns: ReturnRecord[];
  /** The register holding the order recalled for edit (CO-10). */
  editedBy: string | null;
  cancellation: { charge: Minor; refund: Minor } | null;
}

export type CustomerOrderInput = Omit<CustomerOrderContext, 'editedBy' | 'cancellation' | 'returns'>;

export interface PaymentReceipt { paymentId: string; method: TenderMethod }

export type CustomerOrderEvent =
  /** SY-2 / SY-4: the order exists at headquarters (the real-time service answered, or job 1010 said so). */
  | { type: 'HEADQUARTERS_CONFIRMED'; salesOrderId: string }
  | { type: 'APPROVE_QUOTE' }
  | { type: 'RECALL_FOR_EDIT'; registerId: string; storeId: string }
  | { type: 'SAVE_EDIT'; registerId: string; lines: OrderLine[]; charges: AppliedCharge[]; depositOverride: Minor | null; cardToken: string | null; payments: Payment[]; invoices: Invoice[] }
  | { type: 'RELEASE_EDIT'; registerId: string }
  | { type: 'ACCEPT'; lineIds: string[] }
  | { type: 'PICK_LIST'; pickListId: string; lineIds: string[] }
  | { type: 'PICK'; lines: QuantityOfLine[] }
  | { type: 'PACK'; lines: QuantityOfLine[] }
  | { type: 'INVOICE'; invoiceId: string; kind: 'ship' | 'pickup'; lines: QuantityOfLine[]; payment: PaymentReceipt }
  | { type: 'REJECT'; lines: QuantityOfLine[] }
  | { type: 'RESET_FULFILLMENT'; lineIds: string[]; manualAccept: boolean }
  | { type: 'CANCEL'; registerId: string; charge: Minor; payment: PaymentReceipt }
  | { type: 'POST_RETURN'; record: ReturnRecord; payment: PaymentReceipt };

/** Lines the fulfillment locations hold for this order (ship and pickup lines). */
export interface FulfillmentLineAssignment {
  orderId: string;
  lineId: string;
  productId: string;
  kind: 'ship' | 'pickup';
  modeCode: string;
  locationId: string;
  date: string | null;
  progress: LineProgress;
}

export type CustomerOrderEmitted =
  | { type: 'fulfillmentRequested'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'fulfillmentChanged'; orderId: string; lines: FulfillmentLineAssignment[] }
  | { type: 'orderCancelled'; orderId: string };
