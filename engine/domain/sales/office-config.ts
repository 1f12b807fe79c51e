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
    party: prefix.default('PTY'), lead: prefix.default('LEAD'), opportunity: prefix.default('OPP'), campaign: prefix.default('CAMP'), line: prefix.default('LN'),
  }).default({ salesOrder: 'HSO', quotation: 'QUO', agreement: 'SA', purchaseOrder: 'PO', party: 'PTY', lead: 'LEAD', opportunity: 'OPP', campaign: 'CAMP', line: 'LN' }),
});
export type SalesOfficeConfig = z.infer<typeof salesOfficeConfigSchema>;
