/**
 * Headquarters' own sales documents (SM-1..SM-15): the shapes every sales rule shares. The rules themselves live
 * beside this file, one concern per file (order lines and types, documents, agreements, backorders, prices); the
 * actors that hold these records are in machines/ and the host's sales office.
 *
 * Quantities are in the item's unit (a returned order's lines are negative, SM-4); money is in integer minor units
 * of the order's currency; dates are calendar days (`YYYY-MM-DD`, the chain's own day), compared as text.
 */
import type { Minor } from '../money.ts';

/** SM-1..SM-5: what a sales order is for. */
export const salesOrderTypes = ['journal', 'salesOrder', 'subscription', 'returnedOrder', 'itemRequirements'] as const;
export type SalesOrderType = (typeof salesOrderTypes)[number];

/** SM-2 / SM-13: the header status, derived from the lines (never stored). */
export type SalesOrderStatus = 'openOrder' | 'delivered' | 'invoiced' | 'cancelled';

/** SM-2: where a line's inventory transactions stand (a journal has none, SM-1; a returned order receives stock, SM-4). */
export type InventoryStatus = 'none' | 'onOrder' | 'reserved' | 'deducted' | 'sold' | 'received';

/** SM-8: the agreement commitment a line is released against. */
export interface AgreementLink { agreementId: string; commitmentId: string }

/** SM-15 / CC-5: where a line's price came from, most specific first. */
export type PriceSource = 'agreement' | 'customerTradeAgreement' | 'priceGroupTradeAgreement' | 'basePrice' | 'sourceCode' | 'channelPriceGroup' | 'manual';

export interface SalesLine {
  lineId: string;
  productId: string;
  /** Ordered quantity (negative on a returned order). */
  quantity: number;
  unitPrice: Minor;
  /** The line's discount as an amount (an agreement's fixed discount, SM-7). */
  discount: Minor;
  priceSource: PriceSource;
  /** SM-12: what is still to deliver (ordered - delivered - cancelled). */
  deliverRemainder: number;
  /** SM-12 / SM-13: delivered and not invoiced yet. */
  invoiceRemainder: number;
  /** Quantities posted on packing slips and invoices, and the part of the remainder cancelled. */
  delivered: number;
  invoiced: number;
  cancelled: number;
  inventory: InventoryStatus;
  /** SM-10: the dates a backorder is measured from (confirmed wins when set). */
  requestedShipDate: string;
  confirmedShipDate: string | null;
  /** SM-11: a confirmed date that moved keeps the one before and asks staff to tell the customer. */
  previousConfirmedShipDate: string | null;
  notifyCustomer: boolean;
  warehouseId: string;
  agreement: AgreementLink | null;
}

export interface SalesOrderHeader {
  salesOrderId: string;
  type: SalesOrderType;
  /** The invoice account (SM-12: a collective invoice gathers one account's slips). */
  customerAccount: string;
  currency: string;
  /** The day it was entered; SM-11 ties split by it. */
  orderDate: string;
  /** SM-11: lower numbers are served first (1 = highest). */
  priority: number;
  /** SM-4: the return's RMA number (returned orders only). */
  rmaNumber: string | null;
  /** How the order came to headquarters: its own back office, a store or the call center (CC-2), a quotation (SM-6), a release (SM-8). */
  origin: 'backOffice' | 'store' | 'callCenter' | 'quotation' | 'agreementRelease';
  /** MK-4: the campaign whose positive response led here. */
  campaignId: string | null;
  quotationId: string | null;
  /** SM-4: the project whose item sale created an Item requirements order (absent or null otherwise). */
  projectId?: string | null;
  /** SM-1: the day the order was last confirmed to the customer (a journal never is). */
  confirmedOn?: string | null;
}

export interface SalesOrderRecord { header: SalesOrderHeader; lines: SalesLine[] }

/** SM-10: an open purchase order line a vendor backorder waits on; receiving it adds to on-hand. */
export interface PurchaseOrderLine {
  purchaseOrderId: string;
  lineId: string;
  vendorAccount: string;
  productId: string;
  warehouseId: string;
  quantity: number;
  received: number;
  expectedDate: string;
}

/** SM-12: a posted packing slip: which lines, how many of each. */
export interface PackingSlip {
  packingSlipId: string;
  salesOrderId: string;
  customerAccount: string;
  postedOn: string;
  lines: { lineId: string; productId: string; quantity: number }[];
  /** SM-12: a slip is invoiced once, whole. */
  invoiceId: string | null;
}

/** SM-13 / SM-14: a posted invoice (from orders, slips, collective, or free text). */
export interface SalesInvoice {
  invoiceId: string;
  kind: 'order' | 'packingSlips' | 'collective' | 'freeText';
  customerAccount: string;
  currency: string;
  postedOn: string;
  salesOrderIds: string[];
  packingSlipIds: string[];
  lines: InvoiceLine[];
  subtotal: Minor;
  tax: Minor;
  total: Minor;
}

export interface InvoiceLine {
  /** An order line invoiced, or a free text line (SM-14: main account and text, never an item). */
  salesOrderId: string | null;
  lineId: string | null;
  productId: string | null;
  mainAccount: string | null;
  text: string;
  quantity: number;
  amount: Minor;
  tax: Minor;
}
