/**
 * Sales lines and the money derived from them: line totals, order totals, deposit and amount due (CO-5..CO-7).
 */
import type { Address, DeliveryKind } from './config.ts';
import type { Collector } from './collector.ts';
import { percentOf, sumMinor, type BasisPoints, type Minor } from './money.ts';
import type { AppliedCharge } from './charges.ts';

export interface LineDelivery {
  kind: DeliveryKind;
  modeCode: string;
  /** Ship-from location, pickup store location, or the selling store for carry-out. */
  locationId: string;
  /** Ship-to address (ship lines). */
  address?: Address | undefined;
  /** Requested ship date or pickup date (ISO date). */
  date?: string | undefined;
  /** CO-15: another person who collects a pickup line. */
  collector?: Collector | undefined;
}

export interface SalesLine {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: Minor;
  taxRate: BasisPoints;
  delivery: LineDelivery;
  /** CO-10: prices of recalled lines are locked until Recalculate. */
  priceLocked: boolean;
}

export interface LineAmounts { net: Minor; tax: Minor; charges: Minor; total: Minor }

export function lineNet(line: Pick<SalesLine, 'quantity' | 'unitPrice'>): Minor {
  return line.quantity * line.unitPrice;
}

export function lineTax(line: Pick<SalesLine, 'quantity' | 'unitPrice' | 'taxRate'>): Minor {
  return percentOf(lineNet(line), line.taxRate);
}

/** Charges attached to a line: its line charges and its share of prorated header charges. */
export function lineChargeTotal(charges: readonly AppliedCharge[], lineId: string): Minor {
  return sumMinor(charges.filter((c) => c.lineId === lineId).map((c) => c.amount));
}

export function headerChargeTotal(charges: readonly AppliedCharge[]): Minor {
  return sumMinor(charges.filter((c) => c.level === 'header').map((c) => c.amount));
}

export function lineAmounts(line: SalesLine, charges: readonly AppliedCharge[]): LineAmounts {
  const net = lineNet(line);
  const tax = lineTax(line);
  const lineCharges = lineChargeTotal(charges, line.lineId);
  return { net, tax, charges: lineCharges, total: net + tax + lineCharges };
}

export interface OrderTotals {
  net: Minor;
  tax: Minor;
  charges: Minor;
  total: Minor;
  /** Ship and pickup lines incl. tax and their charges, plus header charges (the deposit base of CO-5). */
  orderedTotal: Minor;
  /** Carry-out lines incl. tax and their charges: paid in full and invoiced at once (CO-5). */
  carryOutTotal: Minor;
}

export function orderTotals(lines: readonly SalesLine[], charges: readonly AppliedCharge[]): OrderTotals {
  let net = 0, tax = 0, lineCharges = 0, orderedTotal = 0, carryOutTotal = 0;
  for (const line of lines) {
    const amounts = lineAmounts(line, charges);
    net += amounts.net;
    tax += amounts.tax;
    lineCharges += amounts.charges;
    if (line.delivery.kind === 'carryOut') carryOutTotal += amounts.total;
    else orderedTotal += amounts.total;
  }
  const header = headerChargeTotal(charges);
  // Header charges follow the order: they join the deposit base unless every line is carried out.
  if (orderedTotal > 0 || lines.some((l) => l.delivery.kind !== 'carryOut')) orderedTotal += header;
  else carryOutTotal += header;
  return { net, tax, charges: lineCharges + header, total: net + tax + lineCharges + header, orderedTotal, carryOutTotal };
}

/** CO-4: any ship or pickup line makes the transaction a customer order; all carry-out is a cash-and-carry sale. */
export function isCustomerOrder(lines: readonly SalesLine[]): boolean {
  return lines.some((l) => l.delivery.kind !== 'carryOut');
}

export interface AmountDue { deposit: Minor; carryOut: Minor; due: Minor }

/** CO-5: amount due = deposit % x ordered lines + 100% of carry-out lines; CO-7: an override replaces the deposit. */
export function amountDue(totals: OrderTotals, depositRate: BasisPoints, depositOverride: Minor | null): AmountDue {
  const deposit = depositOverride ?? percentOf(totals.orderedTotal, depositRate);
  return { deposit, carryOut: totals.carryOutTotal, due: deposit + totals.carryOutTotal };
}

/** CO-6: a B2B customer (in a customer hierarchy) has a default deposit of 0%. */
export function defaultDepositRate(defaultDepositPct: BasisPoints, customer: { hierarchyId?: string | undefined }): BasisPoints {
  return customer.hierarchyId !== undefined ? 0 : defaultDepositPct;
}
