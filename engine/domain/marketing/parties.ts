/**
 * Marketing parties (MK-1): one party id from prospect to customer. Each step of the pipeline adds a role and the
 * party keeps references to what belongs to it (leads, opportunities, activities, campaign responses, quotations), so
 * nothing is copied or lost when a prospect becomes a customer. The way a party may be reached is a list of
 * contacts, each on one channel with its own marketing consent (CU-1), which campaigns read (MK-3).
 *
 * Pure functions: a record in, a new record (or a RuleViolation) out; the caller's records are never changed.
 */
import type { Catalog } from '../catalog.ts';
import type { Customer, CustomerAddress } from '../config.ts';
import { newCustomer, type CreationMode, type CustomerDraft } from '../customers.ts';
import { isViolation, violation, type RuleViolation } from '../violation.ts';

/** MK-1: the roles a party collects on its way from prospect to customer (in the order it got them). */
export const partyRoles = ['prospect', 'leadContact', 'opportunityContact', 'customer'] as const;
export type PartyRole = (typeof partyRoles)[number];

/** MK-3: how a contact is reached: an email address, a phone number, or a postal address of the party. */
export type ContactChannel = 'email' | 'phone' | 'mail';

export interface PartyContact {
  contactId: string;
  /** Who is reached (a person's own name, or the contact person of an organization). */
  name: string;
  channel: ContactChannel;
  /** The email address, the phone number, or the id of one of the party's addresses. */
  reachedAt: string;
  /** CU-1: the contact agreed to be sent marketing on this channel. */
  marketingConsent: boolean;
}

/** MK-1: what a party keeps linked, by id (the records themselves live with their own rules). */
export interface PartyLinks {
  leadIds: string[];
  opportunityIds: string[];
  activityIds: string[];
  /** MK-4: the campaigns the party answered. */
  campaignIds: string[];
  quotationIds: string[];
}
export type PartyLinkKind = keyof PartyLinks;

export interface Party extends PartyLinks {
  partyId: string;
  name: string;
  type: Customer['type'];
  roles: PartyRole[];
  addresses: CustomerAddress[];
  contacts: PartyContact[];
  /** MK-2: the customer account, once the party is a customer (the same party id stays). */
  customerAccount: string | null;
}

/** A prospect as headquarters' marketing enters it. */
export interface ProspectDraft {
  name: string;
  type: Customer['type'];
  addresses?: CustomerAddress[];
  contacts?: PartyContact[];
}

const noLinks = (): PartyLinks => ({ leadIds: [], opportunityIds: [], activityIds: [], campaignIds: [], quotationIds: [] });

/** A contact names a channel's address the party can be reached at. */
function checkContacts(contacts: readonly PartyContact[], addresses: readonly CustomerAddress[]): RuleViolation | null {
  for (const [i, contact] of contacts.entries()) {
    if (contact.reachedAt.trim() === '') return violation('VALIDATION', `contact ${contact.name} needs an email address, phone number or address to be reached at`, `contacts.${i}.reachedAt`);
    if (contact.channel === 'mail' && !addresses.some((a) => a.id === contact.reachedAt)) {
      return violation('MK-1', `contact ${contact.name} is reached by mail at address "${contact.reachedAt}", which the party does not have`, `contacts.${i}.reachedAt`);
    }
    if (contacts.findIndex((c) => c.contactId === contact.contactId) !== i) return violation('VALIDATION', `contact "${contact.contactId}" is given twice`, `contacts.${i}.contactId`);
  }
  return null;
}

/** MK-1: a new party in the prospect role (its id comes from the caller's number sequence). */
export function newProspect(partyId: string, draft: ProspectDraft): Party | RuleViolation {
  if (draft.name.trim() === '') return violation('VALIDATION', 'a prospect needs a name', 'name');
  const addresses = draft.addresses ?? [];
  const contacts = draft.contacts ?? [];
  const found = checkContacts(contacts, addresses);
  if (found !== null) return found;
  return { partyId, name: draft.name.trim(), type: draft.type, roles: ['prospect'], addresses: [...addresses], contacts: [...contacts], customerAccount: null, ...noLinks() };
}

/** MK-1: the party with one more role; a role it already has changes nothing (the same record comes back). */
export function addRole(party: Party, role: PartyRole): Party {
  return party.roles.includes(role) ? party : { ...party, roles: [...party.roles, role] };
}

/** MK-1: linking a lead or an opportunity is a step of the pipeline and adds the role it gives. */
const roleOfLink: Partial<Record<PartyLinkKind, PartyRole>> = { leadIds: 'leadContact', opportunityIds: 'opportunityContact' };

/** MK-1: the party with a record linked (and the role that step gives); a link it already has changes nothing. */
export function linkToParty(party: Party, kind: PartyLinkKind, id: string): Party {
  const role = roleOfLink[kind];
  const withRole = role === undefined ? party : addRole(party, role);
  return withRole[kind].includes(id) ? withRole : { ...withRole, [kind]: [...withRole[kind], id] };
}

/** CU-1: the contact's consent on its channel, as the contact last gave or withdrew it. */
export function recordConsent(party: Party, contactId: string, marketingConsent: boolean): Party | RuleViolation {
  const contact = party.contacts.find((c) => c.contactId === contactId);
  if (contact === undefined) return violation('NOT_FOUND', `${party.name} has no contact "${contactId}"`, 'contactId');
  return { ...party, contacts: party.contacts.map((c) => (c === contact ? { ...c, marketingConsent } : c)) };
}

/**
 * MK-1: a customer created at a store becomes a party in the customer role, with the customer's addresses and the
 * ways to reach them. CU-1 records marketing consent only with secondary emails and phones, so the primary email
 * and phone, and the addresses (for mailings), start without consent until the customer gives it.
 */
export function partyFromCustomer(partyId: string, customer: Customer): Party {
  const contact = (channel: ContactChannel, reachedAt: string, marketingConsent: boolean, n: number): PartyContact => ({
    contactId: `${channel}-${n}`, name: customer.name, channel, reachedAt, marketingConsent,
  });
  const emails = [...(customer.email === undefined ? [] : [{ address: customer.email, marketingConsent: false }]), ...customer.secondaryEmails]
    .map((e, i) => contact('email', e.address, e.marketingConsent, i + 1));
  const phones = [...(customer.phone === undefined ? [] : [{ number: customer.phone, marketingConsent: false }]), ...customer.secondaryPhones]
    .map((p, i) => contact('phone', p.number, p.marketingConsent, i + 1));
  const mail = customer.addresses.map((a, i) => contact('mail', a.id, false, i + 1));
  return {
    partyId, name: customer.name, type: customer.type, roles: ['customer'], addresses: [...customer.addresses],
    contacts: [...emails, ...phones, ...mail], customerAccount: customer.accountId, ...noLinks(),
  };
}

/** What converting a party brought: the party in the customer role and its new customer account. */
export interface Conversion { party: Party; customer: Customer }

/** Where the new account takes its CU-2 defaults from: the default customer of `storeId`. */
export interface AccountDefaults { catalog: Catalog; storeId: string; accountId: string; mode?: CreationMode }

/**
 * MK-2: converting a party (a prospect, or the contact of a won opportunity) creates its customer account with the
 * CU-2 defaults of the store's default customer (engine/domain/customers.ts `newCustomer`); the party keeps its id
 * and gains the customer role. The first email and phone become the account's own; with secondary contacts turned
 * on (CU-1) the others follow with their consent.
 */
export function convertToCustomer(party: Party, defaults: AccountDefaults): Conversion | RuleViolation {
  if (party.customerAccount !== null) return violation('MK-2', `${party.name} is already customer ${party.customerAccount}`, 'partyId');
  const [email, ...otherEmails] = party.contacts.filter((c) => c.channel === 'email');
  const [phone, ...otherPhones] = party.contacts.filter((c) => c.channel === 'phone');
  const secondary = defaults.catalog.config.parameters.secondaryContacts;
  const addresses: CustomerDraft['addresses'] = party.addresses.map(({ id: _id, ...address }) => address);
  const customer = newCustomer(defaults.catalog, defaults.storeId, defaults.accountId, {
    name: party.name, type: party.type, addresses, attributes: {},
    ...(email === undefined ? {} : { email: email.reachedAt }),
    ...(phone === undefined ? {} : { phone: phone.reachedAt }),
    secondaryEmails: secondary ? otherEmails.map((c) => ({ address: c.reachedAt, marketingConsent: c.marketingConsent })) : [],
    secondaryPhones: secondary ? otherPhones.map((c) => ({ number: c.reachedAt, marketingConsent: c.marketingConsent })) : [],
  }, defaults.mode ?? 'sync');
  if (isViolation(customer)) return customer;
  return { party: { ...addRole(party, 'customer'), customerAccount: customer.accountId }, customer };
}
