/**
 * What every sales office planner shares: the plan a command makes (the changes to run once every check passed, and
 * its result), and the pricing of entered lines (SM-15) that orders and quotations both use.
 */
import type { Party } from '../domain/marketing/parties.ts';
import type { SalesOfficeConfig } from '../domain/sales/office-config.ts';
import { linkableCommitments, linkLine, type AgreementState, type ReleaseContext } from '../domain/sales/agreements.ts';
import { resolveSalesPrice } from '../domain/sales/prices.ts';
import { confirmQuotation, createQuotation, type Quotation, type QuotationLine } from '../domain/sales/quotation.ts';
import type { NewSalesLine } from '../domain/sales/sales-order.ts';
import type { AgreementLink, SalesLine, SalesOrderRecord } from '../domain/sales/types.ts';
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

/**
 * SM-8 / SM-9: what linking a line of `order` needs: the categories, the customer's prices, and every other line linked
 * to the agreement (other orders' as they stand, this order's as it is being built, the line itself left out).
 */
export function releaseContext(office: SalesOffice, config: SalesOfficeConfig, agreementId: string, order: SalesOrderRecord, line: SalesLine | null): ReleaseContext {
  const others = office.orderRecords().filter((o) => o.header.salesOrderId !== order.header.salesOrderId);
  const otherLinkedLines = [...others, order].flatMap((o) => o.lines).filter((l) => l.agreement?.agreementId === agreementId && l.lineId !== line?.lineId);
  return { categories: config.productCategories, otherLinkedLines, pricing: office.pricingFor(config, order.header.customerAccount) };
}

/** SM-8: links the lines entered with an agreement; `links[i]` is the link asked for line `from + i` of the order. */
export function linkEntered(office: SalesOffice, config: SalesOfficeConfig, record: SalesOrderRecord, links: readonly (AgreementLink | null | undefined)[], field: (i: number) => string, from = 0): SalesOrderRecord | RuleViolation {
  let order = record;
  for (const [i, link] of links.entries()) {
    if (link === undefined || link === null) continue;
    const state = office.agreementState(link.agreementId);
    if (isViolation(state)) return at(state, field(i));
    const line = order.lines[from + i]!;
    const linked = linkLine(state, order.header, line, link.commitmentId, releaseContext(office, config, link.agreementId, order, line));
    if (isViolation(linked)) return at(linked, field(i));
    order = { header: order.header, lines: order.lines.map((l) => (l === line ? linked : l)) };
  }
  return order;
}

/** SM-7: the customer's Effective agreements. */
function effectiveAgreements(office: SalesOffice, customerAccount: string): AgreementState[] {
  return office.agreements.all()
    .map((s): AgreementState => ({ agreement: s.context.agreement, status: String(s.value) as AgreementState['status'] }))
    .filter((s) => s.status === 'effective' && s.agreement.customerAccount === customerAccount);
}

/**
 * SM-15 / SM-8: a line no agreement was named for takes the first commitment of the customer's Effective agreements
 * that covers it on its ship date and has room for it (agreement prices come before trade agreements); else it stays.
 */
function linkCovered(office: SalesOffice, config: SalesOfficeConfig, record: SalesOrderRecord, line: SalesLine): SalesLine {
  for (const state of effectiveAgreements(office, record.header.customerAccount)) {
    for (const commitment of linkableCommitments(state, record.header, line, config.productCategories)) {
      const linked = linkLine(state, record.header, line, commitment.commitmentId, releaseContext(office, config, state.agreement.agreementId, record, line));
      if (!isViolation(linked)) return linked;
    }
  }
  return line;
}

/** The quotation's lines as its sales order will hold them (the order the SM-8 link rules read). */
const asOrder = (office: SalesOffice, quotation: Quotation): SalesOrderRecord => confirmQuotation(quotation, { salesOrderId: quotation.quotationId, on: office.today, priority: 5 }).salesOrder;

/** SM-8 / SM-15: a customer's quotation lines linked as entered (`entries[i].agreement`), or to an agreement that covers them. */
function linkQuoted(office: SalesOffice, config: SalesOfficeConfig, quotation: Quotation, entries: readonly LineEntry[]): Quotation | RuleViolation {
  if (quotation.customerAccount === null) return quotation;
  const entered = linkEntered(office, config, asOrder(office, quotation), entries.map((e) => e.agreement), (i) => `lines.${i}`);
  if (isViolation(entered)) return entered;
  let order = entered;
  for (const [i, line] of order.lines.entries()) {
    if (entries[i]!.agreement !== undefined) continue;
    const linked = linkCovered(office, config, order, line);
    order = { header: order.header, lines: order.lines.map((l) => (l === line ? linked : l)) };
  }
  return { ...quotation, lines: quotation.lines.map((l, i) => ({ ...l, ...pickQuoted(order.lines[i]!) })) };
}

const pickQuoted = ({ unitPrice, discount, priceSource, agreement }: SalesLine) => ({ unitPrice, discount, priceSource, agreement });

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
  const quotation = createQuotation({
    quotationId, partyId: party.partyId, partyRole: party.customerAccount === null ? 'prospect' : 'customer', customerAccount: party.customerAccount,
    currency: office.catalog.config.currency, createdOn: office.today, expiryDate, campaignId, lines,
  });
  return isViolation(quotation) ? quotation : linkQuoted(office, config, quotation, entries);
}

/**
 * SM-6 / SM-8: the sales order a confirmed quotation makes, its lines keeping their agreement links; each link is
 * checked again as the agreement stands now (still Effective, room left under Max enforced, SM-9).
 */
export function quotedOrder(office: SalesOffice, config: SalesOfficeConfig, quotation: Quotation, salesOrderId: string, priority: number): SalesOrderRecord | RuleViolation {
  const { salesOrder } = confirmQuotation(quotation, { salesOrderId, on: office.today, priority });
  const unlinked = { header: salesOrder.header, lines: salesOrder.lines.map((l) => ({ ...l, agreement: null })) };
  return linkEntered(office, config, unlinked, salesOrder.lines.map((l) => l.agreement), (i) => `lines.${i}`);
}
