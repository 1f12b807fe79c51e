/**
 * Finding a product at the till: by words of its name or its SKU as the cashier types, and by a scanned barcode.
 * Pure over the products the till was given, so the screen and its tests share it.
 */

export interface FindableProduct { id: string; name: string; barcodes: readonly string[] }

/** How many matches the finder shows at most. */
export const MATCH_LIMIT = 50;

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

/**
 * The products every typed word starts a word of (name or SKU), or is inside the SKU, or starts a barcode.
 * Products whose name starts with the query come first, then by name. Empty query: every product by name.
 */
export function matchProducts<P extends FindableProduct>(products: readonly P[], query: string, limit = MATCH_LIMIT): P[] {
  const typed = words(query);
  const byName = (a: P, b: P) => a.name.localeCompare(b.name);
  if (typed.length === 0) return [...products].sort(byName).slice(0, limit);
  const sku = (p: P) => p.id.toLowerCase();
  const found = products.filter((p) => {
    const own = [...words(p.name), ...words(p.id)];
    return typed.every((w) => own.some((o) => o.startsWith(w)) || sku(p).includes(w) || p.barcodes.some((b) => b.startsWith(w)));
  });
  const lead = query.trim().toLowerCase();
  const rank = (p: P) => (p.name.toLowerCase().startsWith(lead) || sku(p) === lead ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || byName(a, b)).slice(0, limit);
}

/** The product a scanned barcode names, or undefined (the catalog keeps barcodes unique). */
export function productByBarcode<P extends FindableProduct>(products: readonly P[], barcode: string): P | undefined {
  const code = barcode.trim();
  return products.find((p) => p.barcodes.includes(code));
}
