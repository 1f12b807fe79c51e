/**
 * Catalogs and source codes (CC-4, CC-5): what makes a catalog valid, when it is usable, finding and entering a
 * source code, and copying it from the order header to the lines.
 */
import { violation, type RuleViolation } from '../violation.ts';
import type { CatalogConfig, SourceCodeScript, Suggestion } from './config.ts';
import { calendarDay } from './continuity.ts';

/**
 * CC-5: Draft -> Validated (no errors; waiting for the approval workflow) -> Approved -> Published; Inactive (taken off)
 * and Expired (past its dates) end a catalog's use.
 */
export const catalogStatuses = ['Draft', 'Validated', 'Approved', 'Published', 'Inactive', 'Expired'] as const;
export type CatalogStatus = (typeof catalogStatuses)[number];

/** A catalog as the chain holds it: its configuration and where its lifecycle stands. */
export interface CatalogState { catalog: CatalogConfig; status: CatalogStatus }

/** What a catalog's validation looks up in its call center and the chain. */
export interface CatalogReferences {
  products: ReadonlySet<string>;
  /** Price group id -> the products it prices. */
  priceGroups: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A problem that blocks a catalog's validation (CC-5), at a field of the catalog. */
export interface CatalogProblem { field: string; message: string }

/**
 * CC-5 Validate: every problem of a catalog, in words; any one blocks approval. Dates in order, items known and
 * listed once, each item priced by one of the catalog's price groups, at least one source code, each once, and
 * suggestions that sell from the catalog.
 */
export function validateCatalog(catalog: CatalogConfig, refs: CatalogReferences): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const need = (ok: boolean, field: string, message: string) => { if (!ok) problems.push({ field, message }); };
  need(catalog.effective <= catalog.expiration, 'expiration', `the catalog expires (${catalog.expiration}) before it takes effect (${catalog.effective})`);
  need(catalog.priceGroupIds.length > 0, 'priceGroupIds', 'the catalog has no price group');
  catalog.priceGroupIds.forEach((g, i) => need(refs.priceGroups.has(g), `priceGroupIds.${i}`, `unknown price group "${g}"`));
  need(catalog.productIds.length > 0, 'productIds', 'the catalog has no items');
  const items = new Set<string>();
  catalog.productIds.forEach((p, i) => {
    const field = `productIds.${i}`;
    need(refs.products.has(p), field, `unknown item "${p}"`);
    need(!items.has(p), field, `item "${p}" is listed twice`);
    items.add(p);
    // An item the catalog offers has the catalog's price; one without would silently sell at another price.
    need(!refs.products.has(p) || catalog.priceGroupIds.some((g) => refs.priceGroups.get(g)?.has(p) === true), field, `item "${p}" has no price in the catalog's price groups`);
  });
  need(catalog.sourceCodes.length > 0, 'sourceCodes', 'the catalog has no source code, so no order can use it');
  const codes = new Set<string>();
  catalog.sourceCodes.forEach((s, i) => {
    need(!codes.has(s.code.toUpperCase()), `sourceCodes.${i}.code`, `source code "${s.code}" is listed twice`);
    codes.add(s.code.toUpperCase());
  });
  catalog.suggestions.forEach((s, i) => {
    need(items.has(s.productId), `suggestions.${i}.productId`, `a suggestion is for "${s.productId}", which is not in the catalog`);
    need(items.has(s.suggestedProductId), `suggestions.${i}.suggestedProductId`, `suggested item "${s.suggestedProductId}" is not in the catalog`);
  });
  return problems;
}

/** CC-4 / CC-5: whether a catalog can be used for an order dated `at`; why not, in words, otherwise. */
export function checkCatalogUsable(state: CatalogState, at: number): RuleViolation | null {
  const { catalog, status } = state;
  if (status !== 'Published') {
    const now = status === 'Draft' || status === 'Validated' || status === 'Approved' ? `is not published yet (${status.toLowerCase()})` : `is ${status.toLowerCase()}`;
    return violation('CC-5', `catalog ${catalog.name} ${now}`, 'sourceCode');
  }
  const today = calendarDay(at);
  if (today < catalog.effective) return violation('CC-4', `catalog ${catalog.name} takes effect on ${catalog.effective}`, 'sourceCode');
  if (today > catalog.expiration) return violation('CC-4', `catalog ${catalog.name} expired on ${catalog.expiration}`, 'sourceCode');
  return null;
}

/** CC-4 lookup filter: every usable code, or only those of catalogs sent to the customer. */
export type SourceCodeFilter = 'All' | 'Targeted';

/** A source code the agent can pick in the lookup. */
export interface SourceCodeChoice { code: string; description: string; catalogId: string; catalogName: string; expiration: string }

/**
 * CC-4 lookup: the source codes usable on an order dated `at` (Published catalogs within their dates), optionally
 * only those of catalogs sent to `customerId`, and narrowed by what the agent typed (code or description).
 */
export function lookupSourceCodes(catalogs: readonly CatalogState[], query: { filter: SourceCodeFilter; customerId: string | null; at: number; text?: string }): SourceCodeChoice[] {
  const text = query.text?.trim().toUpperCase() ?? '';
  return catalogs
    .filter((state) => checkCatalogUsable(state, query.at) === null)
    .filter(({ catalog }) => query.filter === 'All' || (query.customerId !== null && catalog.sentTo.includes(query.customerId)))
    .flatMap(({ catalog }) => catalog.sourceCodes.map((s) => ({ code: s.code, description: s.description, catalogId: catalog.id, catalogName: catalog.name, expiration: catalog.expiration })))
    .filter((c) => text === '' || c.code.toUpperCase().includes(text) || c.description.toUpperCase().includes(text))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** CC-4: what an accepted source code brings to the order. */
export interface AppliedSourceCode {
  /** As configured (codes are matched without regard to case). */
  code: string;
  catalogId: string;
  catalogName: string;
  /** The catalog's items and price groups (CC-5 pricing). */
  productIds: readonly string[];
  priceGroupIds: readonly string[];
  /** CC-10. */
  scripts: readonly SourceCodeScript[];
  /** CC-11: replace an item's standard suggestions. */
  suggestions: readonly Suggestion[];
}

/**
 * CC-4: enter a source code on an order dated `at`. Accepted only when its catalog is Published and the date lies
 * within the catalog's effective..expiration dates. A code typed in is taken whether or not the catalog was sent to
 * the customer (decision: the Targeted filter narrows the lookup; a customer may quote a code from a borrowed
 * catalog, and refusing it loses the sale).
 */
export function applySourceCode(catalogs: readonly CatalogState[], code: string, at: number): AppliedSourceCode | RuleViolation {
  const wanted = code.trim().toUpperCase();
  for (const state of catalogs) {
    const source = state.catalog.sourceCodes.find((s) => s.code.toUpperCase() === wanted);
    if (source === undefined) continue;
    const unusable = checkCatalogUsable(state, at);
    if (unusable !== null) return violation(unusable.rule, `source code ${source.code} cannot be used: ${unusable.message}`, 'sourceCode');
    const { catalog } = state;
    return {
      code: source.code, catalogId: catalog.id, catalogName: catalog.name, productIds: catalog.productIds, priceGroupIds: catalog.priceGroupIds,
      scripts: source.scripts, suggestions: catalog.suggestions,
    };
  }
  return violation('CC-4', `there is no source code ${code.trim()}`, 'sourceCode');
}

/**
 * CC-4: the header's source code copied to the lines. A line that carried the header's previous code (or none)
 * follows the header; a line given its own code keeps it (decision: the agent set it on purpose).
 */
export function copySourceCodeToLines<L extends { sourceCode: string | null }>(lines: readonly L[], previous: string | null, next: string | null): L[] {
  return lines.map((line) => (line.sourceCode === null || line.sourceCode === previous ? { ...line, sourceCode: next } : line));
}
