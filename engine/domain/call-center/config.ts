/**
 * Call-center configuration (CC-1, CC-2, CC-4, CC-5, CC-10, CC-11, CC-20): the channel with its defaults and flags,
 * its members, price groups, catalogs with source codes, scripts and suggestions, and price control. Validated once
 * at boot with the chain configuration (`checkCallCenters` checks what refers to the rest of the chain).
 */
import { z } from 'zod';
import { record } from '../config-record.ts';
import type { ConfigIssue } from '../catalog.ts';
import type { ChainConfig } from '../config.ts';
import { MAX_AMOUNT } from '../limits.ts';
import { validateCatalog, type CatalogReferences } from './catalog.ts';
// The calendar-day helpers are continuity's (CC-14 dates); catalogs' dates are the same days on the chain's UTC clock.
import { continuityConfigSchema, isoDateSchema, validateContinuityConfig } from './continuity.ts';
import { couponListSchema, couponReferenceIssues } from './coupons.ts';
import { holdCodesSchema } from './holds.ts';


const id = z.string().min(1).max(64);
const price = z.number().int().min(0).max(MAX_AMOUNT);
const basisPoints = z.number().int().min(0).max(10_000);
const words = z.string().trim().min(1).max(2_000);

/** CC-8 kinds of payment method: what each asks of the agent follows from its kind. */
export const paymentMethodKinds = ['normal', 'check', 'card', 'giftCard', 'onAccount'] as const;
export type PaymentMethodKind = (typeof paymentMethodKinds)[number];
export const paymentMethodSchema = record({ code: id, name: z.string().min(1), kind: z.enum(paymentMethodKinds) });
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** CC-5: a price group and its price list (products priced in it; a product not listed has no price in the group). */
export const priceGroupSchema = record({
  id,
  name: z.string().min(1),
  prices: z.array(record({ productId: id, price })).default([]),
});
export type PriceGroup = z.infer<typeof priceGroupSchema>;

/** CC-10: a source code's script, shown when the code is entered (Beginning) or on the summary (End). */
export const scriptTimings = ['Beginning', 'End'] as const;
export type ScriptTiming = (typeof scriptTimings)[number];
export const sourceCodeScriptSchema = record({ timing: z.enum(scriptTimings), text: words });
export type SourceCodeScript = z.infer<typeof sourceCodeScriptSchema>;

/** CC-10: an item's script, shown when a line of it is added. */
export const itemScriptSchema = record({ productId: id, text: words });
export type ItemScript = z.infer<typeof itemScriptSchema>;

/** CC-11: after a line of `productId`, offer `suggestedProductId` instead (up-sell) or beside it (cross-sell). */
export const suggestionKinds = ['upSell', 'crossSell'] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];
export const suggestionSchema = record({
  productId: id,
  kind: z.enum(suggestionKinds),
  suggestedProductId: id,
  /** CC-10: what the agent says when offering it. */
  script: words.optional(),
}).refine((s) => s.productId !== s.suggestedProductId, { message: 'an item cannot be suggested for itself', path: ['suggestedProductId'] });
export type Suggestion = z.infer<typeof suggestionSchema>;

/** CC-4: a code the customer quotes from the catalog they received. */
export const sourceCodeSchema = record({
  code: z.string().trim().min(1).max(32),
  description: z.string().default(''),
  scripts: z.array(sourceCodeScriptSchema).default([]),
});
export type SourceCode = z.infer<typeof sourceCodeSchema>;

/**
 * CC-5: the status a catalog is configured in. A catalog's later life (approval, publishing, deactivation) is the
 * catalog machine's; a configured Approved or Published catalog must pass validation at boot like one validated by hand.
 */
export const configuredCatalogStatuses = ['Draft', 'Approved', 'Published'] as const;

/** CC-4 / CC-5: a catalog with its items, source codes, price groups, scripts and suggestions. */
export const catalogSchema = record({
  id,
  name: z.string().min(1),
  status: z.enum(configuredCatalogStatuses).default('Draft'),
  effective: isoDateSchema,
  expiration: isoDateSchema,
  /** The items the catalog offers (items outside it may still be ordered, at the channel's or base price). */
  productIds: z.array(id).default([]),
  /** Price groups in priority order: the first that prices an item gives its catalog price. */
  priceGroupIds: z.array(id).default([]),
  sourceCodes: z.array(sourceCodeSchema).default([]),
  /** CC-11: replace the standard suggestions of an item while this catalog's source code is on the order. */
  suggestions: z.array(suggestionSchema).default([]),
  /** CC-4 "Targeted" lookup: the customers (account ids) the catalog was sent to. */
  sentTo: z.array(id).default([]),
});
export type CatalogConfig = z.infer<typeof catalogSchema>;

/** CC-20: a user group allowed to change unit prices, within +/- `tolerancePct` of the system price. */
export const priceControlGroupSchema = record({
  id,
  name: z.string().min(1),
  /** Basis points (10% = 1000) either side of the system price. */
  tolerancePct: basisPoints,
  operatorIds: z.array(id).min(1),
  /** Whether its members decide other agents' price change requests (supervisors). */
  approvesRequests: z.boolean().default(false),
});
export type PriceControlGroup = z.infer<typeof priceControlGroupSchema>;

/** CC-1: the call-center channel. */
export const callCenterConfigSchema = record({
  id,
  name: z.string().min(1),
  /** The one legal entity (company) the channel sells for. */
  legalEntity: id,
  paymentMethods: z.array(paymentMethodSchema).min(1),
  /** Codes of the chain's modes of delivery the channel offers; the first is the default. */
  modesOfDelivery: z.array(id).min(1),
  /** Prices items outside a source code's catalog (CC-5); absent: the item's base price. */
  priceGroupId: id.optional(),
  financialDimensions: z.record(z.string(), z.string()).default({}),
  /** Ships orders whose customer has no warehouse of their own. */
  defaultWarehouseId: id,
  /** CC-6, CC-7. */
  orderCompletion: z.boolean().default(false),
  /** CC-10, CC-11. */
  guidedSelling: z.boolean().default(false),
  /** CC-20. */
  priceControl: z.boolean().default(false),
  /** CC-2: the operators who take orders in this call center. */
  members: z.array(id).default([]),
  priceGroups: z.array(priceGroupSchema).default([]),
  catalogs: z.array(catalogSchema).default([]),
  /** CC-10: item scripts. */
  itemScripts: z.array(itemScriptSchema).default([]),
  /** CC-11: standard up-sells and cross-sells (a source code's catalog replaces an item's). */
  suggestions: z.array(suggestionSchema).default([]),
  priceControlGroups: z.array(priceControlGroupSchema).default([]),
  /** CC-12, CC-13. */
  coupons: couponListSchema.default([]),
  /** CC-16: the codes its holds are placed with. */
  holdCodes: holdCodesSchema.default([]),
  /** CC-14, CC-15. */
  continuity: continuityConfigSchema.default({ schedules: [], parentItems: [] }),
});
export type CallCenterConfigInput = z.input<typeof callCenterConfigSchema>;
export type CallCenterConfig = z.infer<typeof callCenterConfigSchema>;

/** What a call center's configuration refers to elsewhere in the chain. */
export type ChainReferences = Pick<ChainConfig, 'modesOfDelivery' | 'locations' | 'products' | 'customers' | 'staff' | 'roles'>;

/** Issues are pathed from the chain configuration's `callCenters` key, as the lead wires it. */
const AT = 'callCenters';

/**
 * Cross-references of the call centers (CC-1, CC-2, CC-4, CC-5, CC-20): unknown modes, warehouses, products,
 * customers, operators and price groups; an operator in two call centers; a source code used twice in the chain;
 * a catalog configured Approved or Published that does not validate.
 */
export function checkCallCenters(chain: ChainReferences, centers: readonly CallCenterConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const need = (ok: boolean, path: string, message: string) => { if (!ok) issues.push({ path, message }); };
  const modes = new Set(chain.modesOfDelivery.map((m) => m.code));
  const products = new Set(chain.products.map((p) => p.id));
  const customers = new Set(chain.customers.map((c) => c.accountId));
  const staff = new Set(chain.staff.map((s) => s.operatorId));
  const unique = (seen: Map<string, string>, key: string, owner: string, path: string, what: string) => {
    const first = seen.get(key);
    need(first === undefined, path, `${what} "${key}" is already ${first}'s`);
    if (first === undefined) seen.set(key, owner);
  };
  const centerIds = new Map<string, string>();
  const memberOf = new Map<string, string>();
  const sourceCodeOf = new Map<string, string>();
  centers.forEach((center, i) => {
    const at = `${AT}.${i}`;
    unique(centerIds, center.id, 'another call center', `${at}.id`, 'call center id');
    const methodCodes = new Map<string, string>();
    center.paymentMethods.forEach((m, j) => unique(methodCodes, m.code, 'another payment method', `${at}.paymentMethods.${j}.code`, 'payment method'));
    center.modesOfDelivery.forEach((code, j) => need(modes.has(code), `${at}.modesOfDelivery.${j}`, `unknown mode of delivery "${code}"`));
    const warehouse = chain.locations.find((l) => l.id === center.defaultWarehouseId);
    need(warehouse?.kind === 'warehouse', `${at}.defaultWarehouseId`, warehouse === undefined ? `unknown location "${center.defaultWarehouseId}"` : `"${center.defaultWarehouseId}" is not a warehouse`);
    // CC-2: a user belongs to at most one call center.
    center.members.forEach((operatorId, j) => {
      need(staff.has(operatorId), `${at}.members.${j}`, `unknown staff member "${operatorId}"`);
      unique(memberOf, operatorId, `call center "${center.id}"`, `${at}.members.${j}`, 'staff member');
    });
    const priceGroups = new Map<string, string>();
    center.priceGroups.forEach((group, j) => {
      unique(priceGroups, group.id, 'another price group', `${at}.priceGroups.${j}.id`, 'price group');
      const priced = new Set<string>();
      group.prices.forEach((p, k) => {
        need(products.has(p.productId), `${at}.priceGroups.${j}.prices.${k}.productId`, `unknown product "${p.productId}"`);
        need(!priced.has(p.productId), `${at}.priceGroups.${j}.prices.${k}.productId`, `product "${p.productId}" is priced twice in price group "${group.id}"`);
        priced.add(p.productId);
      });
    });
    if (center.priceGroupId !== undefined) need(priceGroups.has(center.priceGroupId), `${at}.priceGroupId`, `unknown price group "${center.priceGroupId}"`);
    center.suggestions.forEach((s, j) => {
      need(products.has(s.productId), `${at}.suggestions.${j}.productId`, `unknown product "${s.productId}"`);
      need(products.has(s.suggestedProductId), `${at}.suggestions.${j}.suggestedProductId`, `unknown product "${s.suggestedProductId}"`);
    });
    center.itemScripts.forEach((s, j) => need(products.has(s.productId), `${at}.itemScripts.${j}.productId`, `unknown product "${s.productId}"`));
    const catalogIds = new Map<string, string>();
    center.catalogs.forEach((catalog, j) => {
      const path = `${at}.catalogs.${j}`;
      unique(catalogIds, catalog.id, 'another catalog', `${path}.id`, 'catalog');
      catalog.sentTo.forEach((c, k) => need(customers.has(c), `${path}.sentTo.${k}`, `unknown customer "${c}"`));
      catalog.sourceCodes.forEach((s, k) => unique(sourceCodeOf, s.code.toUpperCase(), `catalog "${catalog.id}"`, `${path}.sourceCodes.${k}.code`, 'source code'));
      if (catalog.status !== 'Draft') {
        for (const problem of validateCatalog(catalog, catalogReferences(chain, center))) {
          issues.push({ path: `${path}.${problem.field}`, message: `${problem.message} (a catalog configured ${catalog.status} must pass validation)` });
        }
      }
    });
    const inGroup = new Map<string, string>();
    center.priceControlGroups.forEach((group, j) => group.operatorIds.forEach((operatorId, k) => {
      need(center.members.includes(operatorId), `${at}.priceControlGroups.${j}.operatorIds.${k}`, `"${operatorId}" is not a member of call center "${center.id}"`);
      unique(inGroup, operatorId, `user group "${group.id}"`, `${at}.priceControlGroups.${j}.operatorIds.${k}`, 'staff member');
    }));
    issues.push(...couponReferenceIssues(center.coupons, { customers, products, catalogs: catalogIds }, `${at}.coupons`));
    const roles = new Set(chain.roles.map((r) => r.id));
    center.holdCodes.forEach((code, j) => code.roleIds.forEach((roleId, k) => need(roles.has(roleId), `${at}.holdCodes.${j}.roleIds.${k}`, `unknown role "${roleId}"`)));
    for (const problem of validateContinuityConfig(center.continuity, products)) {
      issues.push({ path: `${at}.continuity${problem.field === undefined ? '' : `.${problem.field}`}`, message: problem.rule === 'VALIDATION' ? problem.message : `${problem.message} (${problem.rule})` });
    }
  });
  return issues;
}

/**
 * CC-5: what a call center's catalogs are validated against: the chain's products and the products each of the call
 * center's price groups prices (the catalog machine is created with these).
 */
export function catalogReferences(chain: Pick<ChainConfig, 'products'>, center: Pick<CallCenterConfig, 'priceGroups'>): CatalogReferences {
  return {
    products: new Set(chain.products.map((p) => p.id)),
    priceGroups: new Map(center.priceGroups.map((g) => [g.id, new Set(g.prices.map((p) => p.productId))])),
  };
}
