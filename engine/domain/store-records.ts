/**
 * The store channel's records besides its actors: cash-and-carry receipts (CO-4) and return orders (RT-4), and the
 * originals returns are made against (RT-1).
 */
import type { AppliedCharge } from './charges.ts';
import type { CustomerOrderContext } from './customer-order.ts';
import type { ReturnRecord, ReturnSource } from './returns.ts';
import type { SalesLine } from './sales.ts';

/** A cash-and-carry sale (CO-4): no order, but a receipt that returns can find (RT-1). */
export interface Receipt {
  receiptId: string;
  storeId: string;
  registerId: string;
  customerId: string | null;
  at: number;
  lines: SalesLine[];
  charges: AppliedCharge[];
  total: number;
  returns: ReturnRecord[];
}

/** RT-4: a return, posted to headquarters as a return order with its RMA number (through the outbound queue). */
export interface ReturnOrder {
  rmaNumber: string;
  storeId: string;
  original: { kind: 'order' | 'receipt'; id: string };
  customerId: string | null;
  at: number;
  record: ReturnRecord;
}

/** RT-1: what a return of an order's lines is calculated from (invoiced units only). */
export function orderSource(order: Pick<CustomerOrderContext, 'lines' | 'charges' | 'returns' | 'invoices'>): ReturnSource {
  return {
    lines: order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.progress.invoiced })),
    charges: order.charges,
    returns: order.returns,
    invoices: order.invoices.map((i) => ({ invoiceId: i.invoiceId, lines: i.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) })),
  };
}

/** RT-1: what a return of a receipt's lines is calculated from (every unit was sold). */
export function receiptSource(receipt: Receipt): ReturnSource {
  return {
    lines: receipt.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate, invoiced: l.quantity })),
    charges: receipt.charges,
    returns: receipt.returns,
  };
}
