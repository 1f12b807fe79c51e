/**
 * CU-8 customer search as pure functions: what a typed value matches on a customer (name by any word, email, phone
 * with spaces, hyphens and brackets ignored, loyalty card, address, account), how well, and which customers a store
 * sees: its own address book ("local") or every store's ("all stores", at least 4 characters).
 */
import type { Customer } from './config.ts';
import { violation, type RuleViolation } from './violation.ts';

export type SearchScope = 'local' | 'all';
export type MatchedOn = 'account' | 'loyaltyCard' | 'email' | 'phone' | 'name' | 'address';

/** CU-8: a local search takes 2 characters; a search across all stores 4 (it reaches every store's customers). */
export const MIN_QUERY = { local: 2, all: 4 } as const satisfies Record<SearchScope, number>;

/** A customer as the search sees it. */
export interface SearchableCustomer {
  customerId: string;
  account: string;
  record: Pick<Customer, 'name' | 'email' | 'phone' | 'loyaltyCardId' | 'addresses'>;
}

export interface CustomerMatch { matchedOn: MatchedOn; score: number }

/** CU-8: a phone number as its digits and plus sign: "(206) 555-0100" and "206 555 0100" are the same number. */
export function phoneKey(phone: string): string {
  return phone.replace(/[\s\-()]/g, '');
}

const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}@.+']+/u).filter((w) => w !== '');

/**
 * CU-8 name: any word of the query may match any word of the name (a name word starting with it); more query words
 * matched rank higher, a whole word higher than its start, the whole name highest. 0: no word matched.
 */
export function nameScore(query: string, name: string): number {
  const asked = words(query);
  const named = words(name);
  if (asked.length === 0) return 0;
  if (asked.join(' ') === named.join(' ')) return 100;
  let score = 0;
  let matched = 0;
  for (const word of asked) {
    const points = named.includes(word) ? 10 : named.some((n) => n.startsWith(word)) ? 6 : 0;
    score += points;
    if (points > 0) matched += 1;
  }
  // Every word found beats some words found: "Ana Lopez" puts Ana Lopez above every other Ana.
  return Math.min(99, score + (matched === asked.length ? 20 : 0));
}

/** What the query matches on the customer, the strongest match first; null when nothing matches. */
export function matchCustomer(query: string, customer: SearchableCustomer): CustomerMatch | null {
  const q = query.trim().toLowerCase();
  const { record } = customer;
  if (q === '') return null;
  if (customer.account.toLowerCase() === q || customer.customerId.toLowerCase() === q) return { matchedOn: 'account', score: 200 };
  if (record.loyaltyCardId !== undefined && record.loyaltyCardId.toLowerCase() === q) return { matchedOn: 'loyaltyCard', score: 200 };
  if (record.email !== undefined && record.email.toLowerCase() === q) return { matchedOn: 'email', score: 150 };
  const digits = phoneKey(q);
  if (record.phone !== undefined && /^\+?\d{4,}$/.test(digits) && phoneKey(record.phone).includes(digits)) {
    return { matchedOn: 'phone', score: phoneKey(record.phone) === digits ? 150 : 120 };
  }
  const name = nameScore(q, record.name);
  if (name > 0) return { matchedOn: 'name', score: name };
  if (customer.account.toLowerCase().startsWith(q)) return { matchedOn: 'account', score: 40 };
  if (record.email !== undefined && q.length >= 3 && record.email.toLowerCase().includes(q)) return { matchedOn: 'email', score: 30 };
  const asked = words(q);
  const inAddress = record.addresses.some((a) => {
    const text = words(`${a.street} ${a.city} ${a.state} ${a.zip}`);
    return asked.every((w) => text.some((t) => t.startsWith(w)));
  });
  return inAddress ? { matchedOn: 'address', score: 20 } : null;
}

/** CU-8: the query is long enough for its scope; the error names the field. */
export function checkSearchQuery(query: string, scope: SearchScope): RuleViolation | null {
  const min = MIN_QUERY[scope];
  if (query.trim().length >= min) return null;
  return violation('CU-8', scope === 'all' ? `a search across all stores needs at least ${min} characters` : `type at least ${min} characters`, 'q');
}

/**
 * CU-8 local: a store's address book holds the customers it created or added, and those headquarters made for the
 * whole chain (created nowhere in particular).
 */
export function inAddressBook(customer: { createdAtStoreId: string | null; addressBooks?: readonly string[] | undefined }, storeId: string): boolean {
  return customer.createdAtStoreId === null || customer.createdAtStoreId === storeId || (customer.addressBooks?.includes(storeId) ?? false);
}

/** CU-8: the customers the query matches, best match first (then by name), at most `limit`. */
export function rankCustomers<C extends SearchableCustomer>(query: string, customers: Iterable<C>, limit: number): (C & CustomerMatch)[] {
  const found: (C & CustomerMatch)[] = [];
  for (const customer of customers) {
    const match = matchCustomer(query, customer);
    if (match !== null) found.push({ ...customer, ...match });
  }
  found.sort((a, b) => b.score - a.score || a.record.name.localeCompare(b.record.name) || (a.customerId < b.customerId ? -1 : 1));
  return found.slice(0, limit);
}
