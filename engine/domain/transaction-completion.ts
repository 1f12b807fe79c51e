/**
 * What a completed register transaction makes, as pure functions the engine's flows and the bench's reducer share:
 * a receipt of a cash-and-carry sale (CO-4), the lines of a new order (CO-4, CO-5), the payments the register took
 * (CO-5..CO-8), a return's record (RT-1..RT-3).
 */
import type { Cart } from './cart.ts';
import { manualAcceptAt, type Catalog } from './catalog.ts';
import type { OrderLine } from './customer-order.ts';
import { newProgress } from './fulfillment.ts';
import type { QuantityOfLine } from './order-invoicing.ts';
import type { Payment, TenderMethod } from './payments.ts';
import type { ReturnOriginal } from './register-transaction.ts';
import { calculateReturn, type ReturnRecord, type ReturnRequestLine } from './returns.ts';
import { orderTotals } from './sales.ts';
import type { Receipt } from './store-records.ts';

/** CO-4: the receipt of a cash-and-carry sale (its id is the transaction's). */
export function saleReceipt(cart: Cart, receiptId: string, storeId: string, registerId: string, at: number): Receipt {
  return { receiptId, storeId, registerId, customerId: cart.customerId, at, lines: cart.lines, charges: cart.charges, total: orderTotals(cart.lines, cart.charges).total, returns: [] };
}

/** CO-4 / FF-2: a new order's lines, each with its fulfilment progress (carry-out lines invoiced at once, CO-5). */
export function newOrderLines(catalog: Catalog, cart: Cart): OrderLine[] {
  return cart.lines.map((line) => ({ ...line, progress: newProgress(line.quantity, line.delivery.kind, manualAcceptAt(catalog, line.delivery.locationId)) }));
}

/** CO-5: the lines carried out now, in full. */
export function carriedOut(lines: readonly OrderLine[]): QuantityOfLine[] {
  return lines.filter((l) => l.delivery.kind === 'carryOut').map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
}

/** What the register took beyond what it hands back: a prepayment, or a refund when negative. */
export function registerPayments(amount: number, method: TenderMethod, paymentId: () => string): Payment[] {
  return amount === 0 ? [] : [{ paymentId: paymentId(), kind: amount > 0 ? 'prepayment' : 'refund', method, amount }];
}

/** RT-1..RT-3: the record of a return against its original, under its RMA number. */
export function returnRecord(catalog: Catalog, original: ReturnOriginal, lines: readonly ReturnRequestLine[], rmaNumber: string, invoiceId: string | null = null): ReturnRecord {
  const calculation = calculateReturn(catalog, original.source, lines);
  return { rmaNumber, ...(invoiceId === null ? {} : { invoiceId }), lines: calculation.lines, charges: calculation.charges, total: calculation.total };
}
