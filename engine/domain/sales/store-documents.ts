/**
 * Issue 13: a store's documents on one of its orders, as headquarters' order view shows them. The store sends no
 * document of its own: headquarters receives the order's state after every change (SY-2: created, then numbered
 * revisions). Each received state that invoiced more of a line is one store invoice (the store invoices what it
 * ships, after its packing slip, or hands over at pickup), numbered by the order's reference and the revision.
 * Pure: the received states in, the documents out.
 */
import type { OrderSummary } from '../channel-transactions.ts';
import type { Minor } from '../money.ts';

/** One state of the order as headquarters received it (revision 0: as created). */
export interface ReceivedOrderState { revision: number; at: number; order: OrderSummary }

export interface StoreDocument {
  /** `<channel reference>/<revision>`: the state that carried it. */
  number: string;
  at: number;
  /** How the store delivered what it invoiced: ship lines go on a packing slip first. */
  deliveries: OrderSummary['lines'][number]['delivery'][];
  lines: { lineId: string; productId: string; quantity: number }[];
  amount: Minor;
}

/** The store invoices among the received states (in revision order; a state that invoiced nothing more makes none). */
export function storeDocuments(states: readonly ReceivedOrderState[]): StoreDocument[] {
  const documents: StoreDocument[] = [];
  let before = new Map<string, number>();
  let invoicedBefore = 0;
  for (const { revision, at, order } of [...states].sort((a, b) => a.revision - b.revision)) {
    const lines = order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantity: l.invoiced - (before.get(l.lineId) ?? 0), delivery: l.delivery }))
      .filter((l) => l.quantity > 0);
    if (lines.length > 0) {
      documents.push({
        number: `${order.channelReference}/${revision}`, at, deliveries: [...new Set(lines.map((l) => l.delivery))],
        lines: lines.map(({ lineId, productId, quantity }) => ({ lineId, productId, quantity })), amount: order.invoiced - invoicedBefore,
      });
    }
    before = new Map(order.lines.map((l) => [l.lineId, l.invoiced]));
    invoicedBefore = order.invoiced;
  }
  return documents;
}
