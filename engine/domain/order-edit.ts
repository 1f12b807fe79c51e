/**
 * CO-5 / CO-10: the money of a recalled order edit. Whatever is invoiced (or carried out now) is paid in full; the
 * ship and pickup value that fulfilment will still invoice needs its deposit; payments already made count towards
 * both. Return refunds paid back returned goods, so neither those goods nor their refunds are asked for again.
 */
import { depositRateOf, isQuote, type Cart } from './cart.ts';
import type { Catalog } from './catalog.ts';
import { newProgress, type LineProgress } from './fulfillment.ts';
import { percentOf, sumMinor, type Minor } from './money.ts';
import { invoicedOfLine, paidTowardsOrder, type Invoice, type Payment } from './payments.ts';
import type { QuantityOfLine } from './order-invoicing.ts';
import { orderTotals, type SalesLine } from './sales.ts';

/** What the edit knows of the order as recalled. */
export interface OrderBeforeEdit {
  lines: readonly { lineId: string; progress: LineProgress }[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
}

/**
 * The value of the edited cart's ship and pickup lines (and header charges) that fulfilment will still invoice.
 * Zero when no ship or pickup unit is left to invoice: then the edit itself invoices what remains.
 */
export function valueLeftToFulfil(cart: Cart, order: OrderBeforeEdit): Minor {
  const invoicedUnits = (lineId: string) => order.lines.find((l) => l.lineId === lineId)?.progress.invoiced ?? 0;
  const ordered = cart.lines.filter((l) => l.delivery.kind !== 'carryOut');
  if (!ordered.some((l) => l.quantity > invoicedUnits(l.lineId))) return 0;
  const invoicedLines = sumMinor(ordered.map((l) => {
    const sofar = invoicedOfLine(order.invoices, l.lineId);
    return sofar.net + sofar.tax + sofar.charges;
  }));
  const invoicedHeader = sumMinor(order.invoices.map((i) => i.headerCharges));
  return Math.max(0, orderTotals(cart.lines, cart.charges).orderedTotal - invoicedLines - invoicedHeader);
}

/**
 * What the edit asks of the customer: positive = pay, negative = refund. A lower total leaves the excess as
 * prepayment while the order still has something to invoice; what exceeds the whole order is refunded. A quote
 * takes no payment (CO-9).
 */
export function editAmountDue(catalog: Catalog, cart: Cart, order: OrderBeforeEdit): Minor {
  if (isQuote(cart)) return 0;
  const total = orderTotals(cart.lines, cart.charges).total;
  const open = valueLeftToFulfil(cart, order);
  const deposit = Math.min(open, cart.depositOverride ?? percentOf(open, depositRateOf(catalog, cart)));
  const paid = paidTowardsOrder(order.payments);
  const due = total - open + deposit - paid;
  return due > 0 ? due : Math.min(0, total - paid);
}

type OrderLineOf = SalesLine & { progress: LineProgress };

/**
 * The order as an edit saves it: existing lines keep their fulfilment progress at the new quantity; added lines,
 * and lines carried out now, start afresh. `carriedOut` are the lines the register invoices at once (CO-5).
 */
export function editedOrder(cart: Cart, linesBefore: readonly OrderLineOf[], manualAcceptAt: (locationId: string) => boolean): { lines: OrderLineOf[]; carriedOut: QuantityOfLine[] } {
  const previous = (lineId: string) => linesBefore.find((l) => l.lineId === lineId);
  const isNewlyCarried = (line: SalesLine) => line.delivery.kind === 'carryOut' && previous(line.lineId)?.delivery.kind !== 'carryOut';
  const lines = cart.lines.map((line) => {
    const prior = previous(line.lineId);
    if (prior === undefined || isNewlyCarried(line)) return { ...line, progress: newProgress(line.quantity, line.delivery.kind, manualAcceptAt(line.delivery.locationId)) };
    return { ...line, progress: { ...prior.progress, quantity: line.quantity } };
  });
  return { lines, carriedOut: cart.lines.filter(isNewlyCarried).map((l) => ({ lineId: l.lineId, quantity: l.quantity })) };
}
