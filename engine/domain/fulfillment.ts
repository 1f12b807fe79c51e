/**
 * Store fulfillment quantities (FF-2..FF-7) and the statuses derived from them (FF-8).
 *
 * Every unit of a line sits in exactly one bucket: open (not yet picked), picked, packed, invoiced or rejected.
 * Statuses are never stored: they are computed from the buckets, so they cannot drift.
 */
import type { DeliveryKind } from './config.ts';
import { violation, type RuleViolation } from './violation.ts';

export interface LineProgress {
  quantity: number;
  /** FF-2: ship lines of a manual-accept store wait for acceptance. */
  accepted: boolean;
  /** Set when the line is on a printed pick list (status Picking). */
  pickListId: string | null;
  picked: number;
  packed: number;
  invoiced: number;
  rejected: number;
  /** RT-1: returned units, never more than invoiced. */
  returned: number;
}

export function newProgress(quantity: number, kind: DeliveryKind, manualAccept: boolean): LineProgress {
  return {
    quantity,
    // FF-2: pickup lines are never Pending; carry-out lines are invoiced at once (CO-5).
    accepted: kind !== 'ship' || !manualAccept,
    pickListId: null,
    picked: 0,
    packed: 0,
    invoiced: kind === 'carryOut' ? quantity : 0,
    rejected: 0,
    returned: 0,
  };
}

export function openQuantity(p: LineProgress): number {
  return p.quantity - p.picked - p.packed - p.invoiced - p.rejected;
}

/** FF-3: units taken off the shelf by an operation (picked, packed or invoiced); rejected units never left it. */
export function unitsIssued(before: LineProgress, after: LineProgress): number {
  const offShelf = (p: LineProgress) => p.picked + p.packed + p.invoiced;
  return offShelf(after) - offShelf(before);
}

export interface ProductQuantity { productId: string; quantity: number }

/** The products and units of `quantities`, by the lines (of an order, receipt or cart) they count. */
export function productQuantities(source: { lines: readonly { lineId: string; productId: string }[] }, quantities: readonly { lineId: string; quantity: number }[]): ProductQuantity[] {
  return quantities.map((q) => ({ productId: source.lines.find((l) => l.lineId === q.lineId)!.productId, quantity: q.quantity }));
}

/**
 * On hand after units change hands at a store's register: carried out (sold off the shelf) or returned (back onto
 * it). The units are in the customer's or the associate's hands, so on hand may go below zero: the count is wrong,
 * not the sale.
 */
export function shelfMoved(onHand: Readonly<Record<string, number>>, lines: readonly ProductQuantity[], direction: 'sold' | 'returned'): Record<string, number> {
  const next = { ...onHand };
  for (const { productId, quantity } of lines) next[productId] = (next[productId] ?? 0) + (direction === 'sold' ? -quantity : quantity);
  return next;
}

/** Units that may still be shipped or picked up: open, picked and packed. */
export function uninvoicedQuantity(p: LineProgress): number {
  return p.quantity - p.invoiced - p.rejected;
}

export type StoreLineStatus =
  | 'Pending' | 'Accepted' | 'Picking' | 'PartiallyPicked' | 'Picked' | 'PartiallyPacked' | 'Packed'
  | 'PartiallyInvoiced' | 'Invoiced' | 'Rejected';

/** The line status shown on the store fulfillment screen. */
export function storeLineStatus(p: LineProgress): StoreLineStatus {
  const active = p.quantity - p.rejected;
  if (active === 0) return 'Rejected';
  if (p.invoiced === active) return 'Invoiced';
  if (p.invoiced > 0) return 'PartiallyInvoiced';
  if (p.packed > 0) return p.packed === active ? 'Packed' : 'PartiallyPacked';
  if (p.picked > 0) return p.picked === active ? 'Picked' : 'PartiallyPicked';
  if (p.pickListId !== null) return 'Picking';
  return p.accepted ? 'Accepted' : 'Pending';
}

export type BackOfficeLineStatus =
  | 'OrderProcessing' | 'PartiallyPicked' | 'Picked' | 'PartiallyDelivered' | 'Delivered' | 'PartiallyInvoiced'
  | 'Invoiced' | 'Rejected';

/** FF-8: Pending/Accepted/Picking -> Order processing; Picked -> Picked; Packed -> Delivered; Invoiced the same. */
export function backOfficeLineStatus(status: StoreLineStatus): BackOfficeLineStatus {
  switch (status) {
    case 'Pending':
    case 'Accepted':
    case 'Picking':
      return 'OrderProcessing';
    case 'PartiallyPacked':
      return 'PartiallyDelivered';
    case 'Packed':
      return 'Delivered';
    default:
      return status;
  }
}

export const ORDER_HEADER_STATUSES = [
  'Quote', 'Open', 'PartiallyPicked', 'Picked', 'PartiallyDelivered', 'Delivered', 'PartiallyInvoiced', 'Invoiced', 'Rejected', 'Cancelled',
] as const;

export type OrderHeaderStatus = (typeof ORDER_HEADER_STATUSES)[number];

const stageOf: Record<Exclude<BackOfficeLineStatus, 'Rejected'>, { rank: number; full: boolean }> = {
  OrderProcessing: { rank: 0, full: true },
  PartiallyPicked: { rank: 1, full: false },
  Picked: { rank: 1, full: true },
  PartiallyDelivered: { rank: 2, full: false },
  Delivered: { rank: 2, full: true },
  PartiallyInvoiced: { rank: 3, full: false },
  Invoiced: { rank: 3, full: true },
};
const headerByRank = [
  { full: 'Open', partial: 'Open' },
  { full: 'Picked', partial: 'PartiallyPicked' },
  { full: 'Delivered', partial: 'PartiallyDelivered' },
  { full: 'Invoiced', partial: 'PartiallyInvoiced' },
] as const;

/**
 * FF-8: the header status derives from the lines. Lines rejected in full are left out; the header takes the most
 * advanced stage reached by any line, "partially" unless every remaining line reached it in full.
 */
export function orderHeaderStatus(lifecycle: 'quote' | 'order' | 'cancelled', lines: readonly LineProgress[]): OrderHeaderStatus {
  if (lifecycle === 'cancelled') return 'Cancelled';
  if (lifecycle === 'quote') return 'Quote';
  const stages = lines
    .map((p) => backOfficeLineStatus(storeLineStatus(p)))
    .filter((s): s is Exclude<BackOfficeLineStatus, 'Rejected'> => s !== 'Rejected')
    .map((s) => stageOf[s]);
  if (stages.length === 0) return 'Rejected';
  const top = Math.max(...stages.map((s) => s.rank));
  const allFull = stages.every((s) => s.rank === top && s.full);
  const names = headerByRank[top]!;
  return allFull ? names.full : names.partial;
}

/** Lines with fulfilment under way block cancellation (CO-11) and, unless the feature is on, editing (CO-10). */
export function isFulfillmentStarted(p: LineProgress, kind: DeliveryKind): boolean {
  return kind !== 'carryOut' && (p.picked > 0 || p.packed > 0 || p.invoiced > 0);
}

// --- Operations: each check returns why a quantity is refused, each apply returns the new buckets. ---

function quantityViolation(rule: string, quantity: number, max: number, what: string): RuleViolation | null {
  if (!Number.isInteger(quantity) || quantity <= 0) return violation(rule, 'quantity must be a positive whole number', 'quantity');
  if (quantity > max) return violation(rule, `quantity ${quantity} exceeds the ${max} ${what}`, 'quantity');
  return null;
}

/** FF-2: only a Pending ship line can be accepted. */
export function checkAccept(p: LineProgress): RuleViolation | null {
  return p.accepted ? violation('FF-2', 'line is already accepted', 'lineId') : null;
}

/** FF-3: pick up to the open remainder of an accepted line; there is no unpick. */
export function checkPick(p: LineProgress, quantity: number): RuleViolation | null {
  if (!p.accepted) return violation('FF-2', 'line is Pending: accept it before processing', 'lineId');
  return quantityViolation('FF-3', quantity, openQuantity(p), 'units left to pick');
}
export function applyPick(p: LineProgress, quantity: number): LineProgress {
  return { ...p, picked: p.picked + quantity };
}

/** FF-4: pack picked units first, then open ones; pickup lines cannot be packed. */
export function checkPack(p: LineProgress, kind: DeliveryKind, quantity: number): RuleViolation | null {
  if (kind !== 'ship') return violation('FF-4', 'only ship lines can be packed', 'lineId');
  if (!p.accepted) return violation('FF-2', 'line is Pending: accept it before processing', 'lineId');
  return quantityViolation('FF-4', quantity, openQuantity(p) + p.picked, 'units left to pack');
}
export function applyPack(p: LineProgress, quantity: number): LineProgress {
  const fromPicked = Math.min(quantity, p.picked);
  return { ...p, picked: p.picked - fromPicked, packed: p.packed + quantity };
}

/** How many open units an invoice takes, after packed and picked ones (inventory is issued for those now). */
export function unpickedShare(p: LineProgress, quantity: number): number {
  return Math.max(0, quantity - p.packed - p.picked);
}

/** FF-5 / FF-6: ship or pick up consumes packed units first, then picked, then open ones, and invoices them. */
export function checkInvoice(p: LineProgress, rule: 'FF-5' | 'FF-6', quantity: number): RuleViolation | null {
  if (!p.accepted) return violation('FF-2', 'line is Pending: accept it before processing', 'lineId');
  return quantityViolation(rule, quantity, uninvoicedQuantity(p), 'units not yet invoiced');
}
export function applyInvoice(p: LineProgress, quantity: number): LineProgress {
  const fromPacked = Math.min(quantity, p.packed);
  const fromPicked = Math.min(quantity - fromPacked, p.picked);
  return { ...p, packed: p.packed - fromPacked, picked: p.picked - fromPicked, invoiced: p.invoiced + quantity };
}

/** FF-7: reject whole or partial lines not yet picked or packed. */
export function checkReject(p: LineProgress, quantity: number): RuleViolation | null {
  return quantityViolation('FF-7', quantity, openQuantity(p), 'units not yet picked or packed');
}
export function applyReject(p: LineProgress, quantity: number): LineProgress {
  return { ...p, rejected: p.rejected + quantity, pickListId: openQuantity(p) === quantity ? null : p.pickListId };
}

/** FF-7: headquarters "reset fulfillment status" returns rejected units to Accepted, or Pending under manual accept. */
export function applyResetFulfillment(p: LineProgress, kind: DeliveryKind, manualAccept: boolean): LineProgress {
  return { ...p, rejected: 0, accepted: kind !== 'ship' || !manualAccept };
}

/** RT-1: return quantity <= invoiced - already returned. */
export function checkReturn(p: LineProgress, quantity: number): RuleViolation | null {
  return quantityViolation('RT-1', quantity, p.invoiced - p.returned, 'invoiced units not yet returned');
}
