/**
 * What every sales office planner shares: the plan a command makes (the changes to run once every check passed, and
 * its result), and the pricing of entered lines (SM-15) that orders and quotations both use.
 */
import type { Party } from '../domain/marketing/parties.ts';
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import { resolveSalesPrice } from '../domain/sales/prices.ts';
import { createQuotation, type QuotationLine } from '../domain/sales/quotation.ts';
import type { NewSalesLine } from '../domain/sales/sales-order.ts';
import { isViolation, violation, type RuleViolation } from '../domain/violation.ts';
import type { SalesOfficeCommand } from '../protocol/sales.ts';
import type { SalesOffice } from '../sales-office.ts';

export interface Plan { changes: (() => void)[]; result: Record<string, unknown> }
export type Planned = Plan | RuleViolation;
export type Of<T extends SalesOfficeCommand['type']> = Extract<SalesOfficeCommand, { type: T }>;
export type LineEntry = Of<'sales.addLine'>['line'];

export const at = (refusal: RuleViolation, prefix: string): RuleViolation => ({ ...refusal, field: `${prefix}.${refusal.field ?? 'productId'}` });

/** The first refusal among checks (each null when it passes). */
export const firstOf = (...refusals: (RuleViolation | null)[]): RuleViolation | null => refusals.find((r) => r !== null) ?? null;

export type Planner<T extends SalesOfficeCommand['type']> = (office: SalesOffice, config: SalesOfficeConfig, command: Of<T>) => Planned;

export function warehouseOf(config: SalesOfficeConfig, warehouseId: string | undefined): string | RuleViolation {
  const id = warehouseId ?? config.warehouses[0]!.id;
  return config.warehouses.some((w) => w.id === id) ? id : violation('NOT_FOUND', `there is no headquarters warehouse "${id}"`, 'warehouseId');
}

export function pricedLine(office: SalesOffice, config: SalesOfficeConfig, customerAccount: string, entry: LineEntry, lineId: string, sign: 1 | -1): NewSalesLine | RuleViolation {
  if (!office.catalog.products.has(entry.productId)) return violation('NOT_FOUND', `there is no product "${entry.productId}"`, 'productId');
  const warehouseId = warehouseOf(config, entry.warehouseId);
  if (isViolation(warehouseId)) return warehouseId;
  const quantity = sign * entry.quantity;
  const price = resolveSalesPrice(office.pricingFor(config, customerAccount), { productId: entry.productId, quantity, on: entry.requestedShipDate, agreement: null });
  if (isViolation(price)) return price;
  return { lineId, productId: entry.productId, quantity, unitPrice: price.unitPrice, discount: price.discount, priceSource: price.source, requestedShipDate: entry.requestedShipDate, warehouseId };
}

export function quotationLines(office: SalesOffice, config: SalesOfficeConfig, quotationId: string, customerAccount: string | null, entries: readonly LineEntry[]): QuotationLine[] | RuleViolation {
  const lines: QuotationLine[] = [];
  for (const [i, entry] of entries.entries()) {
    const line = pricedLine(office, config, customerAccount ?? '', { ...entry, agreement: undefined }, `${quotationId}-${i + 1}`, 1);
    if (isViolation(line)) return at(line, `lines.${i}`);
    lines.push({ lineId: line.lineId, productId: line.productId, quantity: line.quantity, unitPrice: line.unitPrice, discount: line.discount ?? 0, priceSource: line.priceSource ?? 'basePrice', requestedShipDate: line.requestedShipDate, warehouseId: line.warehouseId, agreement: null });
  }
  return lines;
}

export function newQuotationOf(office: SalesOffice, config: SalesOfficeConfig, party: Party, quotationId: string, expiryDate: string, entries: readonly LineEntry[], campaignId: string | null) {
  const lines = quotationLines(office, config, quotationId, party.customerAccount, entries);
  if (isViolation(lines)) return lines;
  return createQuotation({
    quotationId, partyId: party.partyId, partyRole: party.customerAccount === null ? 'prospect' : 'customer', customerAccount: party.customerAccount,
    currency: office.catalog.config.currency, createdOn: office.today, expiryDate, campaignId, lines,
  });
}
