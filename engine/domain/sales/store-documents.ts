/**
 * Issue 13: a store's documents on one of its orders, as headquarters' order view shows them. Headquarters receives
 * the order's state after every change (SY-2: created, then numbered revisions), and each state carries the store's
 * invoices so far: each is listed under the store's invoice number, a shipped one after the packing slip its
 * shipment went out on. States sent before stores sent their invoices carry none: for those, each state that
 * invoiced more of a line stands for one invoice, numbered by the order's reference and the revision.
 * Pure: the received states in, the documents out.
 */
import type { OrderSummary, StoreInvoiceSummary } from '../channel-transactions.ts';
import type { Minor } from '../money.ts';

/** One state of the order as headquarters received it (revision 0: as created). */
export interface ReceivedOrderState { revision: number; at: number; order: OrderSummary }

export interface StoreDocument {
  /** The store's invoice id (`<channel reference>/<revision>` for an invoice derived from a state without them). */
  number: string;
  /** When headquarters first received it. */
  at: number;
  /** How the store delivered what it invoiced (a derived invoice may mix them). */
  deliveries: StoreInvoiceSummary['kind'][];
  /** The invoice whose shipment a packing slip is; null for an invoice. */
  slipOf: string | null;
  lines: { lineId: string; productId: string; quantity: number }[];
  amount: Minor;
}

/** The store's documents among the received states: by the latest state's invoices, derived when it has none. */
export function storeDocuments(states: readonly ReceivedOrderState[]): StoreDocument[] {
  const inOrder = [...states].sort((a, b) => a.revision - b.revision);
  const invoices = inOrder.at(-1)?.order.invoices;
  if (invoices === undefined) return derivedInvoices(inOrder);
  const firstReceived = new Map<string, number>();
  for (const { at, order } of inOrder) for (const { invoiceId } of order.invoices ?? []) if (!firstReceived.has(invoiceId)) firstReceived.set(invoiceId, at);
  return invoices.flatMap((invoice) => {
    const document: StoreDocument = {
      number: invoice.invoiceId, at: firstReceived.get(invoice.invoiceId)!, deliveries: [invoice.kind], slipOf: null,
      lines: invoice.lines.map(({ lineId, productId, quantity }) => ({ lineId, productId, quantity })), amount: invoice.total,
    };
    // The store invoices a shipment once it is packed: its packing slip comes first.
    return invoice.kind === 'ship' ? [{ ...document, slipOf: invoice.invoiceId }, document] : [document];
  });
}

/** Each state that invoiced more of a line is one invoice (a state that invoiced nothing more makes none). */
function derivedInvoices(inOrder: readonly ReceivedOrderState[]): StoreDocument[] {
  const documents: StoreDocument[] = [];
  let before = new Map<string, number>();
  let invoicedBefore = 0;
  for (const { revision, at, order } of inOrder) {
    const lines = order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.invoiced - (before.get(l.lineId) ?? 0), delivery: l.delivery }))
      .filter((l) => l.quantity > 0);
    if (lines.length > 0) {
      documents.push({
        number: `${order.channelReference}/${revision}`, at, deliveries: [...new Set(lines.map((l) => l.delivery))], slipOf: null,
        lines: lines.map(({ lineId, productId, quantity }) => ({ lineId, productId, quantity })), amount: order.invoiced - invoicedBefore,
      });
    }
    before = new Map(order.lines.map((l) => [l.lineId, l.invoiced]));
    invoicedBefore = order.invoiced;
  }
  return documents;
}
