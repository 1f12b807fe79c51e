/**
 * Customer management at the register (CU-1..CU-6) as pure functions: the draft a cashier fills in, the record a new
 * customer gets from the store's default customer, edits, and the limits of customers created asynchronously.
 */
import { z } from 'zod';
import type { Catalog } from './catalog.ts';
import {
  attributeValueSchema, customerTypes, emailSchema, phoneSchema, receiptOptions, secondaryEmailSchema, secondaryPhoneSchema,
  type Address, type AttributeValue, type Customer, type CustomerAddress,
} from './config.ts';
import { isViolation, violation, type RuleViolation } from './violation.ts';

const id = z.string().min(1).max(64);
const addressPurposes = ['Home', 'Business', 'Office', 'POBox', 'Delivery', 'Invoice'] as const;

/** An address as the cashier enters it: purpose and country may be left to their defaults (CU-3). */
export const addressDraftSchema = z.object({
  id: id.optional(),
  street: z.string().trim().min(1).max(100),
  city: z.string().trim().min(1).max(60),
  state: z.string().max(30).default(''),
  zip: z.string().max(20).default(''),
  country: z.string().length(3).optional(),
  purpose: z.enum(addressPurposes).optional(),
  contactName: z.string().trim().min(1).max(100).optional(),
  contactPhone: phoneSchema.optional(),
}).strict();
export type AddressDraft = z.input<typeof addressDraftSchema>;

/** CU-1: what the customer dialog collects for a new customer. */
export const customerDraftSchema = z.object({
  name: z.string().trim().min(1).max(100),
  type: z.enum(customerTypes).optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  receiptEmail: emailSchema.optional(),
  language: z.string().min(2).max(10).optional(),
  addresses: z.array(addressDraftSchema).max(10).default([]),
  /** Index into `addresses` of the delivery address (CO-3 ship-to, CO-12 customer-based tax). */
  deliveryAddress: z.number().int().nonnegative().optional(),
  attributes: z.record(z.string(), attributeValueSchema).default({}),
  secondaryEmails: z.array(secondaryEmailSchema).max(5).default([]),
  secondaryPhones: z.array(secondaryPhoneSchema).max(5).default([]),
}).strict();
export type CustomerDraft = z.infer<typeof customerDraftSchema>;

/** CU-1: an edit; every field given replaces the customer's (a list replaces the whole list). */
export const customerChangesSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  receiptEmail: emailSchema.nullable().optional(),
  receiptOption: z.enum(receiptOptions).optional(),
  language: z.string().min(2).max(10).optional(),
  addresses: z.array(addressDraftSchema).max(10).optional(),
  deliveryAddressId: id.nullable().optional(),
  attributes: z.record(z.string(), attributeValueSchema).optional(),
  secondaryEmails: z.array(secondaryEmailSchema).max(5).optional(),
  secondaryPhones: z.array(secondaryPhoneSchema).max(5).optional(),
  affiliations: z.array(id).max(20).optional(),
}).strict().refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one field to change' });
export type CustomerChanges = z.infer<typeof customerChangesSchema>;

/** How a customer is being created: at headquarters in real time, or asynchronously with a temporary id (CU-4). */
export type CreationMode = 'sync' | 'async';

/** CU-1: attributes must be defined by the chain and of the right kind; required ones must be there. */
export function checkAttributes(catalog: Catalog, attributes: Record<string, AttributeValue>, field = 'attributes'): RuleViolation | null {
  const defined = new Map(catalog.config.customerAttributes.map((a) => [a.name, a]));
  for (const [name, value] of Object.entries(attributes)) {
    const attribute = defined.get(name);
    if (attribute === undefined) return violation('CU-1', `unknown customer attribute "${name}"`, `${field}.${name}`);
    const ok = attribute.kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
      : attribute.kind === 'boolean' ? typeof value === 'boolean'
        : typeof value === 'string' && (attribute.kind === 'text' || attribute.choices.includes(value));
    if (!ok) {
      const expected = attribute.kind === 'choice' ? `one of ${attribute.choices.join(', ')}` : `a ${attribute.kind === 'text' ? 'text' : attribute.kind}`;
      return violation('CU-1', `attribute "${name}" takes ${expected}`, `${field}.${name}`);
    }
  }
  const missing = catalog.config.customerAttributes.find((a) => a.required && !(a.name in attributes));
  return missing === undefined ? null : violation('CU-1', `attribute "${missing.name}" is required`, `${field}.${missing.name}`);
}

/** CU-1 / CU-5: secondary emails and phones need the feature, and a customer that exists at headquarters. */
function checkSecondaryContacts(catalog: Catalog, contacts: { secondaryEmails?: unknown[] | undefined; secondaryPhones?: unknown[] | undefined }, pendingSync: boolean): RuleViolation | null {
  const field = (contacts.secondaryEmails?.length ?? 0) > 0 ? 'secondaryEmails' : (contacts.secondaryPhones?.length ?? 0) > 0 ? 'secondaryPhones' : null;
  if (field === null) return null;
  if (!catalog.config.parameters.secondaryContacts) return violation('CU-1', 'secondary emails and phones are not turned on for this chain', field);
  return pendingSync ? violation('CU-5', 'a customer pending sync gets secondary emails and phones once it exists at headquarters', field) : null;
}

/** CU-3: Home for a person, Business for an organization; the country of the store's own address. */
function addressesOf(catalog: Catalog, storeId: string, type: Customer['type'], drafts: readonly AddressDraft[], existing: readonly CustomerAddress[] = []): CustomerAddress[] | RuleViolation {
  const store = catalog.stores.get(storeId)!;
  const country = catalog.locations.get(store.locationId)!.address.country;
  const used = new Set(drafts.flatMap((d) => (d.id === undefined ? [] : [d.id])));
  let next = 1;
  const freshId = () => {
    while (used.has(`A${next}`) || existing.some((a) => a.id === `A${next}` && !used.has(a.id))) next += 1;
    used.add(`A${next}`);
    return `A${next}`;
  };
  const out: CustomerAddress[] = [];
  for (const [i, draft] of drafts.entries()) {
    if (draft.id !== undefined && !existing.some((a) => a.id === draft.id)) return violation('CU-3', `the customer has no address "${draft.id}"`, `addresses.${i}.id`);
    if (draft.id !== undefined && drafts.findIndex((d) => d.id === draft.id) !== i) return violation('CU-3', `address "${draft.id}" is given twice`, `addresses.${i}.id`);
    out.push({
      id: draft.id ?? freshId(), street: draft.street, city: draft.city, state: draft.state ?? '', zip: draft.zip ?? '',
      country: draft.country ?? country, purpose: draft.purpose ?? (type === 'person' ? 'Home' : 'Business'),
      ...(draft.contactName === undefined ? {} : { contactName: draft.contactName }),
      ...(draft.contactPhone === undefined ? {} : { contactPhone: draft.contactPhone }),
    });
  }
  return out;
}


/**
 * CU-1..CU-3, CU-5: the record of a customer created at a register of `storeId`, copied from the store's default
 * customer (type unless given, group, receipt option, currency, language, affiliations) with the default's receipt
 * email only if none is given, and the financial dimensions of the default customer's group. A customer created
 * asynchronously inherits no affiliations and takes no secondary emails or phones until it is synced.
 */
export function newCustomer(catalog: Catalog, storeId: string, accountId: string, draft: CustomerDraft, mode: CreationMode): Customer | RuleViolation {
  const store = catalog.stores.get(storeId);
  if (store === undefined) return violation('NOT_FOUND', `unknown store "${storeId}"`, 'storeId');
  const template = catalog.customers.get(store.defaultCustomerId)!;
  const found = checkSecondaryContacts(catalog, draft, mode === 'async') ?? checkAttributes(catalog, draft.attributes);
  if (found !== null) return found;
  const type = draft.type ?? template.type;
  const addresses = addressesOf(catalog, storeId, type, draft.addresses);
  if (isViolation(addresses)) return addresses;
  if (draft.deliveryAddress !== undefined && draft.deliveryAddress >= addresses.length) {
    return violation('CU-3', `there is no address ${draft.deliveryAddress} to deliver to`, 'deliveryAddress');
  }
  const group = catalog.config.customerGroups.find((g) => g.id === template.customerGroup);
  const receiptEmail = draft.receiptEmail ?? draft.email ?? template.receiptEmail;
  return {
    accountId, name: draft.name, type, customerGroup: template.customerGroup,
    ...(draft.email === undefined ? {} : { email: draft.email }),
    ...(draft.phone === undefined ? {} : { phone: draft.phone }),
    addresses,
    ...(draft.deliveryAddress === undefined ? {} : { deliveryAddressId: addresses[draft.deliveryAddress]!.id }),
    receiptOption: template.receiptOption,
    ...(receiptEmail === undefined ? {} : { receiptEmail }),
    currency: template.currency ?? catalog.config.currency,
    language: draft.language ?? template.language,
    affiliations: mode === 'async' ? [] : [...template.affiliations],
    financialDimensions: { ...(group?.financialDimensions ?? {}) },
    attributes: { ...draft.attributes },
    secondaryEmails: draft.secondaryEmails,
    secondaryPhones: draft.secondaryPhones,
  };
}

/** CU-1: the record after an edit at the register (the customer exists at headquarters: CU-4, CU-5 are the caller's). */
export function editCustomer(catalog: Catalog, storeId: string, record: Customer, changes: CustomerChanges): Customer | RuleViolation {
  const found = checkSecondaryContacts(catalog, changes, false) ?? (changes.attributes === undefined ? null : checkAttributes(catalog, changes.attributes));
  if (found !== null) return found;
  const known = new Set(catalog.config.affiliations.map((a) => a.id));
  const unknown = changes.affiliations?.findIndex((a) => !known.has(a)) ?? -1;
  if (unknown >= 0) return violation('NOT_FOUND', `unknown affiliation "${changes.affiliations![unknown]}"`, `affiliations.${unknown}`);
  const addresses = changes.addresses === undefined ? record.addresses : addressesOf(catalog, storeId, record.type, changes.addresses, record.addresses);
  if (isViolation(addresses)) return addresses;
  const deliveryAddressId = changes.deliveryAddressId === undefined ? record.deliveryAddressId : changes.deliveryAddressId ?? undefined;
  if (deliveryAddressId !== undefined && !addresses.some((a) => a.id === deliveryAddressId)) {
    return violation('CU-3', `the customer has no address "${deliveryAddressId}" to deliver to`, 'deliveryAddressId');
  }
  const { email, phone, receiptEmail, deliveryAddressId: _delivery, addresses: _addresses, ...rest } = changes;
  const edited: Customer = { ...record, ...rest, addresses };
  const optional = { email, phone, receiptEmail, deliveryAddressId } as const;
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string | null | undefined][]) {
    if (value === null || (key === 'deliveryAddressId' && value === undefined)) delete edited[key];
    else if (value !== undefined) edited[key] = value;
  }
  return edited;
}

/** CU-9: who receives a delivery at an address: its own contact, else the customer (name and phone each). */
export function withContact<A extends Address>(address: A, customer: Pick<Customer, 'name' | 'phone'>): A & { contactName: string } {
  const contactPhone = address.contactPhone ?? customer.phone;
  return { ...address, contactName: address.contactName ?? customer.name, ...(contactPhone === undefined ? {} : { contactPhone }) };
}

/** CU-4: what the register shows as the customer's account: its number, or "Pending sync" until it has one. */
export function accountLabel(accountNumber: string | null): string {
  return accountNumber ?? 'Pending sync';
}

/** A customer as the channel database knows it (CU-4: a temporary id until headquarters gives it an account). */
export interface CustomerContext {
  /** The channel's id of the customer: its account number, or the temporary GUID of an async customer. */
  customerId: string;
  /** The headquarters account number; null while pending sync (CU-4). */
  accountNumber: string | null;
  record: Customer;
  /** Where and when the customer was created at a register (null: distributed from headquarters). */
  createdAtStoreId: string | null;
  createdAt: number;
  /** The headquarters master data version last applied (SY-4); 0 before any. */
  version: number;
  /** CU-8: other stores that opened it from a search across all stores (their address books hold it too). */
  addressBooks?: string[];
}

/** CU-4: headquarters' account is for this very customer. */
export function checkSyncedRecord(context: CustomerContext, record: Customer): RuleViolation | null {
  return record.accountId === context.customerId ? null : violation('CU-4', `headquarters' record is for "${record.accountId}", not "${context.customerId}"`, 'customerId');
}

/** CU-5: one loyalty card per customer. */
export function checkNoLoyaltyCard(context: CustomerContext): RuleViolation | null {
  return context.record.loyaltyCardId === undefined ? null : violation('CU-5', `customer ${context.customerId} already has loyalty card ${context.record.loyaltyCardId}`, 'customerId');
}

/** SY-4: master data only moves forward: an older distribution arriving late changes nothing. */
export function checkNewerVersion(context: CustomerContext, version: number): RuleViolation | null {
  return version > context.version ? null : violation('SY-4', `version ${version} is not newer than ${context.version}`, 'version');
}
