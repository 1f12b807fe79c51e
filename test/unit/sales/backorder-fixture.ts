/** Sales orders and purchase lines the SM-10 / SM-11 tests build: one call per record, defaults for the rest. */
import type { PurchaseOrderLine, SalesLine, SalesOrderHeader, SalesOrderRecord } from '../../../engine/domain/sales/types.ts';

/** A line of `quantity` still to deliver, requested for `requestedShipDate`. */
export function orderLine(lineId: string, productId: string, quantity: number, requestedShipDate: string, changes: Partial<SalesLine> = {}): SalesLine {
  return {
    lineId, productId, quantity, unitPrice: 1_000, discount: 0, priceSource: 'basePrice', deliverRemainder: quantity, invoiceRemainder: 0,
    delivered: 0, invoiced: 0, cancelled: 0, inventory: 'onOrder', requestedShipDate, confirmedShipDate: null, previousConfirmedShipDate: null,
    notifyCustomer: false, warehouseId: 'WH-MAIN', agreement: null, ...changes,
  };
}

/** The same line with `delivered` of it posted on a packing slip (SM-12). */
export function partlyDelivered(line: SalesLine, delivered: number): SalesLine {
  return { ...line, delivered, deliverRemainder: line.deliverRemainder - delivered, invoiceRemainder: delivered, inventory: 'deducted' };
}

export function salesOrder(salesOrderId: string, header: Partial<SalesOrderHeader>, lines: SalesLine[]): SalesOrderRecord {
  return {
    header: {
      salesOrderId, type: 'salesOrder', customerAccount: 'C-100', currency: 'USD', orderDate: '2027-03-01', priority: 5, rmaNumber: null,
      origin: 'backOffice', campaignId: null, quotationId: null, ...header,
    },
    lines,
  };
}

export function purchaseLine(purchaseOrderId: string, productId: string, quantity: number, expectedDate: string, changes: Partial<PurchaseOrderLine> = {}): PurchaseOrderLine {
  return { purchaseOrderId, lineId: '1', vendorAccount: 'V-10', productId, warehouseId: 'WH-MAIN', quantity, received: 0, expectedDate, ...changes };
}
