/**
 * The chain config's optional `salesOffice` section: headquarters' own sales master data (issue 13). Headquarters
 * warehouses hold the on-hand that backorders are split from (SM-11); vendors owe the purchase lines (SM-10); trade
 * agreements and price groups price orders (SM-15); warehouse-managed items stay off subscriptions (SM-3) and project
 * items make Item requirements (SM-4); item tax groups and main accounts are what free text lines post to (SM-14).
 */
import { z } from 'zod';
import { record } from '../config-record.ts';
import { MAX_AMOUNT } from '../limits.ts';
import { isoDateSchema } from '../call-center/continuity.ts';
import type { ConfigIssue } from '../catalog.ts';
import type { ChainConfig } from '../config.ts';

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(100);
const prefix = z.string().regex(/^[A-Z]{1,8}$/, 'a number sequence prefix is 1 to 8 capital letters');

export const salesOfficeConfigSchema = record({
  warehouses: z.array(record({ id, name, onHand: z.array(record({ productId: id, quantity: z.number().int().min(0).max(1_000_000_000) })).default([]) })).min(1, 'the sales office needs at least one warehouse'),
  vendors: z.array(record({ vendorAccount: id, name })).default([]),
  tradeAgreements: z.array(record({
    tradeAgreementId: id,
    /** Exactly one of the two: the customer's own price, or its price group's. */
    customerAccount: id.optional(),
    priceGroupId: id.optional(),
    productId: id,
    unitPrice: z.number().int().min(0).max(MAX_AMOUNT),
    fromQuantity: z.number().int().min(1).default(1),
    effective: isoDateSchema.nullable().default(null),
    expiration: isoDateSchema.nullable().default(null),
  }).refine((t) => (t.customerAccount === undefined) !== (t.priceGroupId === undefined), { message: 'a trade agreement is for a customer or a price group (give one)', path: ['customerAccount'] })).default([]),
  /** SM-15: the price group of each customer account in one (the others have none). */
  priceGroups: z.array(record({ priceGroupId: id, name, customerAccounts: z.array(id).default([]) })).default([]),
  /** SM-3: items under warehouse management (never on a subscription). */
  warehouseManagedProducts: z.array(id).default([]),
  /** SM-4: items whose sale to a project makes an Item requirements order. */
  projectItems: z.array(id).default([]),
  /** SM-7: the category of a product (category amount commitments). */
  productCategories: z.record(id, id).default({}),
  /** SM-14: item tax groups (taxable pays the sales tax group's rate; the sales tax groups are the chain's tax groups). */
  itemTaxGroups: z.array(record({ id, taxable: z.boolean() })).default([]),
  mainAccounts: z.array(record({ id, name })).default([]),
  /** The prefixes of the office's own numbers (RMA, packing slip and invoice numbers are the rules' own). */
  numberSequences: record({
    salesOrder: prefix.default('HSO'), quotation: prefix.default('QUO'), agreement: prefix.default('SA'), purchaseOrder: prefix.default('PO'),
    party: prefix.default('PTY'), lead: prefix.default('LEAD'), opportunity: prefix.default('OPP'), campaign: prefix.default('CAMP'),
  }).default({ salesOrder: 'HSO', quotation: 'QUO', agreement: 'SA', purchaseOrder: 'PO', party: 'PTY', lead: 'LEAD', opportunity: 'OPP', campaign: 'CAMP' }),
});
export type SalesOfficeConfig = z.infer<typeof salesOfficeConfigSchema>;

/** The chain config the section refers to (its products and customers). */
type ChainReferences = Pick<ChainConfig, 'products' | 'customers'>;

/** What the section refers to in the rest of the chain, checked at boot; issues are pathed from `salesOffice`. */
export function checkSalesOffice(chain: ChainReferences, office: SalesOfficeConfig | undefined): ConfigIssue[] {
  if (office === undefined) return [];
  const issues: ConfigIssue[] = [];
  const need = (ok: boolean, path: string, message: string) => { if (!ok) issues.push({ path: `salesOffice.${path}`, message }); };
  const products = new Set(chain.products.map((p) => p.id));
  const customers = new Set(chain.customers.map((c) => c.accountId));
  const product = (id: string, path: string) => need(products.has(id), path, `unknown product "${id}"`);
  const unique = (ids: readonly string[], path: string, what: string) => ids.forEach((id, i) => need(ids.indexOf(id) === i, `${path}.${i}`, `${what} "${id}" is listed twice`));
  unique(office.warehouses.map((w) => w.id), 'warehouses', 'warehouse');
  office.warehouses.forEach((w, i) => w.onHand.forEach((h, j) => product(h.productId, `warehouses.${i}.onHand.${j}.productId`)));
  unique(office.vendors.map((v) => v.vendorAccount), 'vendors', 'vendor');
  unique(office.tradeAgreements.map((t) => t.tradeAgreementId), 'tradeAgreements', 'trade agreement');
  const groups = new Set(office.priceGroups.map((g) => g.priceGroupId));
  office.tradeAgreements.forEach((t, i) => {
    product(t.productId, `tradeAgreements.${i}.productId`);
    if (t.customerAccount !== undefined) need(customers.has(t.customerAccount), `tradeAgreements.${i}.customerAccount`, `unknown customer "${t.customerAccount}"`);
    if (t.priceGroupId !== undefined) need(groups.has(t.priceGroupId), `tradeAgreements.${i}.priceGroupId`, `unknown price group "${t.priceGroupId}"`);
  });
  // SM-15: a customer's price group is one (the trade agreement level reads it).
  unique(office.priceGroups.flatMap((g) => g.customerAccounts), 'priceGroups', 'customer in a price group');
  office.priceGroups.forEach((g, i) => g.customerAccounts.forEach((c, j) => need(customers.has(c), `priceGroups.${i}.customerAccounts.${j}`, `unknown customer "${c}"`)));
  office.warehouseManagedProducts.forEach((id, i) => product(id, `warehouseManagedProducts.${i}`));
  office.projectItems.forEach((id, i) => product(id, `projectItems.${i}`));
  Object.keys(office.productCategories).forEach((id) => product(id, `productCategories.${id}`));
  return issues;
}
