/**
 * End of day at a register: a shift's running totals (kept per transaction, so an X or Z report costs the shift, not
 * the history), the tender declaration counted at close, and the X and Z reports (expected vs counted per tender
 * method, over/short). Money in minor units.
 */
import type { Catalog } from './catalog.ts';
import type { Minor } from './money.ts';
import type { TenderMethod } from './payments.ts';
import { amountKept, tendered, type RegisterTransaction, type TransactionKind } from './register-transaction.ts';
import { isCustomerOrder } from './sales.ts';

export const TENDER_METHODS = ['cash', 'card', 'cardToken'] as const satisfies readonly TenderMethod[];

/** What the shift took, by what it was for; the money figures add up to the tenders' net total. */
export interface ShiftTotals {
  transactions: number;
  /** Cash-and-carry sales (CO-4). */
  sales: Minor;
  /** Payments on customer orders: deposits at creation or edit (CO-5, CO-10), a cancellation charge the customer paid (CO-11). */
  deposits: Minor;
  /** Balances collected at pickup (FF-6). */
  pickups: Minor;
  /** Refunds of returns (RT-2), negative. */
  returns: Minor;
  /** Refunds of edits and cancellations (CO-10, CO-11), negative. */
  refunds: Minor;
  /** Cancellation charges levied (CO-11): kept from deposits or paid, not money of their own. */
  cancellationCharges: Minor;
  /** Net per tender method; change is handed back in cash. */
  tenders: Record<TenderMethod, Minor>;
}

export interface Shift {
  shiftId: string;
  operatorId: string;
  openedAt: number;
  openingFloat: Minor;
  totals: ShiftTotals;
}

/** Counted amounts per tender method at close. */
export type TenderDeclaration = Partial<Record<TenderMethod, Minor>>;

export interface TenderBalance { method: TenderMethod; expected: Minor; counted: Minor | null; overShort: Minor | null }

/** X: read during the shift, nothing reset. Z: made once at close with the declaration, kept. */
export interface ShiftReport {
  kind: 'X' | 'Z';
  shiftId: string;
  storeId: string;
  registerId: string;
  operatorId: string;
  openedAt: number;
  /** When the X report was read, or the shift closed. */
  at: number;
  openingFloat: Minor;
  totals: ShiftTotals;
  /** Everything taken less everything given back. */
  netTakings: Minor;
  tenders: TenderBalance[];
  /** Counted - expected over the methods counted (null: nothing was counted). */
  overShort: Minor | null;
}

export function emptyTotals(): ShiftTotals {
  return { transactions: 0, sales: 0, deposits: 0, pickups: 0, returns: 0, refunds: 0, cancellationCharges: 0, tenders: { cash: 0, card: 0, cardToken: 0 } };
}

export function openShift(shiftId: string, operatorId: string, openedAt: number, openingFloat: Minor): Shift {
  return { shiftId, operatorId, openedAt, openingFloat, totals: emptyTotals() };
}

/** What a completed transaction kept, and which figure of the shift it goes to. */
function figureOf(kind: TransactionKind, customerOrder: boolean, kept: Minor): keyof Pick<ShiftTotals, 'sales' | 'deposits' | 'pickups' | 'returns' | 'refunds'> {
  switch (kind) {
    case 'sale': return customerOrder ? 'deposits' : 'sales';
    case 'orderEdit':
    case 'cancellation': return kept < 0 ? 'refunds' : 'deposits';
    case 'pickup': return 'pickups';
    case 'return': return 'returns';
  }
}

/** The totals with a completed transaction (its tenders all given) added: what it kept, by figure and by method. */
export function recordTransaction(catalog: Catalog, totals: ShiftTotals, transaction: RegisterTransaction): ShiftTotals {
  const received = tendered(transaction);
  const kept = amountKept(catalog, transaction, received);
  const tenders = { ...totals.tenders };
  for (const tender of transaction.tenders) tenders[tender.method] += tender.amount;
  tenders.cash -= received - kept;
  const figure = figureOf(transaction.kind, isCustomerOrder(transaction.cart.lines), kept);
  return {
    ...totals,
    transactions: totals.transactions + 1,
    [figure]: totals[figure] + kept,
    cancellationCharges: totals.cancellationCharges + (transaction.kind === 'cancellation' ? transaction.cancellationCharge ?? 0 : 0),
    tenders,
  };
}

/** What the drawer should hold per method: cash includes the opening float. */
export function expectedTenders(shift: Shift): Record<TenderMethod, Minor> {
  return { ...shift.totals.tenders, cash: shift.totals.tenders.cash + shift.openingFloat };
}

/** The X report (no declaration) or the Z report (with the declaration counted at close). */
export function shiftReport(kind: 'X' | 'Z', where: { storeId: string; registerId: string }, shift: Shift, at: number, declaration: TenderDeclaration | null): ShiftReport {
  const expected = expectedTenders(shift);
  const tenders = TENDER_METHODS.map((method): TenderBalance => {
    const counted = declaration?.[method] ?? null;
    return { method, expected: expected[method], counted, overShort: counted === null ? null : counted - expected[method] };
  });
  const counted = tenders.filter((t) => t.overShort !== null);
  const { totals } = shift;
  return {
    kind, shiftId: shift.shiftId, storeId: where.storeId, registerId: where.registerId, operatorId: shift.operatorId, openedAt: shift.openedAt, at,
    openingFloat: shift.openingFloat, totals,
    netTakings: totals.tenders.cash + totals.tenders.card + totals.tenders.cardToken,
    tenders,
    overShort: counted.length === 0 ? null : counted.reduce((sum, t) => sum + t.overShort!, 0),
  };
}
