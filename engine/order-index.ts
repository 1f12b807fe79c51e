/**
 * Lookups of the channel's orders that would otherwise scan every order ever made: by channel reference, by invoice
 * (RT-1 returns) and by the receipt of the sale that made it (CO-13), by store and by fulfilment location (recall lists and scopes), each in the order the
 * orders were made. Kept as commands commit (a refused command never reaches it), rebuilt from the orders on open.
 */
import type { CustomerOrderContext } from './domain/customer-order.ts';

export class OrderIndex {
  private readonly all: string[] = [];
  private readonly byChannelReference = new Map<string, string>();
  private readonly byInvoice = new Map<string, string>();
  private readonly bySaleReceipt = new Map<string, string>();
  private readonly byStore = new Map<string, string[]>();
  private readonly byLocation = new Map<string, string[]>();
  private readonly locationsOf = new Map<string, Set<string>>();

  /** Takes in an order as a command left it (`before`: as it was, undefined for a new order). */
  note(after: CustomerOrderContext, before: Pick<CustomerOrderContext, 'invoices'> | undefined): void {
    const { orderId } = after;
    if (before === undefined) {
      this.all.push(orderId);
      this.byChannelReference.set(after.channelReference, orderId);
      // The channel reference is the store and the register transaction that made the order (its receipt).
      this.bySaleReceipt.set(saleReceiptOf(after), orderId);
      push(this.byStore, after.storeId, orderId);
    }
    // Invoices are only ever added to an order.
    for (let i = before?.invoices.length ?? 0; i < after.invoices.length; i++) this.byInvoice.set(after.invoices[i]!.invoiceId, orderId);
    let locations = this.locationsOf.get(orderId);
    for (const line of after.lines) {
      if (line.delivery.kind === 'carryOut' || locations?.has(line.delivery.locationId) === true) continue;
      if (locations === undefined) this.locationsOf.set(orderId, (locations = new Set()));
      locations.add(line.delivery.locationId);
      push(this.byLocation, line.delivery.locationId, orderId);
    }
  }

  withChannelReference(channelReference: string): string | undefined {
    return this.byChannelReference.get(channelReference);
  }

  withInvoice(invoiceId: string): string | undefined {
    return this.byInvoice.get(invoiceId);
  }

  /** CO-13: the order a receipt belongs to: the sale that made it, or one of its invoices. */
  withReceipt(receiptId: string): string | undefined {
    return this.bySaleReceipt.get(receiptId) ?? this.byInvoice.get(receiptId);
  }

  /** Every order, oldest first. */
  orderIds(): readonly string[] {
    return this.all;
  }

  /** The store's orders, oldest first. */
  ofStore(storeId: string): readonly string[] {
    return this.byStore.get(storeId) ?? [];
  }

  /** Orders that have (or had) lines fulfilled at the location, in the order they first did. */
  atLocation(locationId: string): readonly string[] {
    return this.byLocation.get(locationId) ?? [];
  }
}

/** CO-13: the receipt id of the sale that made an order (its register transaction). */
export function saleReceiptOf(order: Pick<CustomerOrderContext, 'channelReference' | 'storeId'>): string {
  return order.channelReference.startsWith(`${order.storeId}-`) ? order.channelReference.slice(order.storeId.length + 1) : order.channelReference;
}

function push(index: Map<string, string[]>, key: string, orderId: string): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [orderId]);
  else list.push(orderId);
}
