/**
 * Chain configuration (ST-1..ST-5): stores, locations, fulfillment groups, modes of delivery, parameters,
 * products, prices, customers and roles. Validated once at boot; immutable afterwards.
 */
import { z } from 'zod';
import { record } from './config-record.ts';
import { MAX_AMOUNT } from './limits.ts';
import { callCenterConfigSchema } from './call-center/config.ts';
import { salesOfficeConfigSchema } from './sales/office-config.ts';

const id = z.string().min(1).max(64);
const minor = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);
const nonNegativeMinor = minor.nonnegative();
const basisPoints = z.number().int().min(0).max(10_000);

export const phoneSchema = z.string().min(3).max(32).regex(/^\+?[0-9 ()./-]+$/, 'expected a phone number (digits, spaces, + ( ) - . /)');

const addressShape = {
  street: z.string().min(1),
  city: z.string().min(1),
  state: z.string().default(''),
  zip: z.string().default(''),
  country: z.string().length(3),
  /** CU-9: who receives deliveries at this address, and their phone (absent: the customer's). */
  contactName: z.string().trim().min(1).max(100).optional(),
  contactPhone: phoneSchema.optional(),
};
/**
 * An address a command carries (a ship-to): it may be an entry of the customer's address book picked as it is, so
 * the book's own keys (id, purpose) are dropped rather than refused. The configuration's addresses are strict.
 */
export const addressSchema = z.object(addressShape);
export type Address = z.infer<typeof addressSchema>;

export const locationSchema = record({
  id,
  name: z.string().min(1),
  kind: z.enum(['store', 'warehouse']),
  address: record(addressShape),
});
export type Location = z.infer<typeof locationSchema>;

/** ST-2: each location of a group is flagged ship and/or pickup ("ship or pickup per location"). */
export const fulfillmentGroupSchema = record({
  id,
  name: z.string().min(1),
  locations: z.array(record({ locationId: id, ship: z.boolean(), pickup: z.boolean() })).min(1),
});
export type FulfillmentGroup = z.infer<typeof fulfillmentGroupSchema>;

export const deliveryKinds = ['ship', 'pickup', 'carryOut'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

export const modeOfDeliverySchema = record({
  code: id,
  name: z.string().min(1),
  kind: z.enum(deliveryKinds),
  /** Mode-of-delivery charge group, matched by auto charges with delivery code "group". */
  chargeGroup: z.string().optional(),
});
export type ModeOfDelivery = z.infer<typeof modeOfDeliverySchema>;

export const taxGroupSchema = record({ id, rate: basisPoints });
export type TaxGroup = z.infer<typeof taxGroupSchema>;

/** Destination tax: the most specific jurisdiction (country + state over country alone) wins. */
export const taxJurisdictionSchema = record({ country: z.string().length(3), state: z.string().optional(), taxGroupId: id });
export type TaxJurisdiction = z.infer<typeof taxJurisdictionSchema>;

export const chargeCodeSchema = record({
  code: id,
  description: z.string().default(''),
  /** RT-3: only refundable codes are refunded on returns. */
  refundable: z.boolean().default(true),
  /** A shipping charge (RT-3 "refund shipping charges" and its approval limit apply). */
  shipping: z.boolean().default(false),
});
export type ChargeCode = z.infer<typeof chargeCodeSchema>;

const relationCode = z.enum(['table', 'group', 'all']);
const chargeRelation = record({ code: relationCode, relation: z.string().optional() })
  .refine((r) => r.code === 'all' || (r.relation !== undefined && r.relation !== ''), { message: 'relation is required unless code is "all"', path: ['relation'] });

/** CH-2: one tier of an auto charge; From inclusive, To exclusive (null = no upper bound). */
export const chargeTierSchema = record({
  chargeCode: id,
  currency: z.string().length(3),
  category: z.enum(['fixed', 'percent']),
  /** Fixed: minor units. Percent: basis points of the matched value. */
  value: nonNegativeMinor,
  from: nonNegativeMinor.default(0),
  to: nonNegativeMinor.nullable().default(null),
}).refine((t) => t.to === null || t.to > t.from, { message: 'to must be greater than from', path: ['to'] });
export type ChargeTier = z.infer<typeof chargeTierSchema>;

export const autoChargeSchema = record({
  id,
  level: z.enum(['header', 'line']),
  account: chargeRelation,
  delivery: chargeRelation,
  /** Line level only. */
  item: chargeRelation.default({ code: 'all' }),
  /** A store id; absent = every channel. */
  channel: id.optional(),
  tiers: z.array(chargeTierSchema).min(1),
});
export type AutoCharge = z.infer<typeof autoChargeSchema>;

export const productSchema = record({
  id,
  name: z.string().min(1),
  price: nonNegativeMinor,
  itemGroup: z.string().default('default'),
  /** Item charge group, matched by line auto charges with item code "group". */
  chargeGroup: z.string().optional(),
  /** The barcodes a scanner reads off the product (EAN-8, UPC-A, EAN-13, GTIN-14: digits only). */
  barcodes: z.array(z.string().regex(/^\d{8,14}$/, 'a barcode is 8 to 14 digits')).default([]),
});
export type Product = z.infer<typeof productSchema>;

export const customerAddressSchema = record({
  ...addressShape,
  id,
  purpose: z.enum(['Home', 'Business', 'Office', 'POBox', 'Delivery', 'Invoice']),
});
export type CustomerAddress = z.infer<typeof customerAddressSchema>;

export const customerTypes = ['person', 'organization'] as const;
export const receiptOptions = ['print', 'email', 'both'] as const;
export const emailSchema = z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an email address like name@example.com');
/** CU-1: a customer attribute's value. */
export const attributeValueSchema = z.union([z.string().max(200), z.number(), z.boolean()]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;
/** CU-1: a secondary email or phone with its marketing consent. */
export const secondaryEmailSchema = record({ address: emailSchema, marketingConsent: z.boolean().default(false) });
export const secondaryPhoneSchema = record({ number: phoneSchema, marketingConsent: z.boolean().default(false) });

export const customerSchema = record({
  /** The customer's id in this chain's channel database: the account number, or a temporary GUID (CU-4). */
  accountId: id,
  name: z.string().min(1).max(100),
  type: z.enum(customerTypes),
  customerGroup: z.string().default('retail'),
  /** Charge group matched by auto charges with account code "group". */
  chargeGroup: z.string().optional(),
  /** CO-6: a customer in a customer hierarchy is B2B. */
  hierarchyId: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  addresses: z.array(customerAddressSchema).default([]),
  /** CO-12 customer-based tax and CO-3 default ship-to. */
  deliveryAddressId: z.string().optional(),
  /** CU-2: copied from the store's default customer when a customer is created at the register. */
  receiptOption: z.enum(receiptOptions).default('print'),
  receiptEmail: z.string().optional(),
  currency: z.string().length(3).optional(),
  language: z.string().min(2).max(10).default('en-us'),
  affiliations: z.array(id).default([]),
  financialDimensions: z.record(z.string(), z.string()).default({}),
  attributes: z.record(z.string(), attributeValueSchema).default({}),
  secondaryEmails: z.array(secondaryEmailSchema).default([]),
  secondaryPhones: z.array(secondaryPhoneSchema).default([]),
  /** CU-5: issued only once the customer exists at headquarters. */
  loyaltyCardId: z.string().optional(),
});
export type Customer = z.infer<typeof customerSchema>;

/** CU-2: a customer group and the financial dimensions its new customers get. */
export const customerGroupSchema = record({ id, name: z.string().min(1), financialDimensions: z.record(z.string(), z.string()).default({}) });
export type CustomerGroup = z.infer<typeof customerGroupSchema>;

/** CU-1: an attribute customers may carry, and the values it takes. */
export const customerAttributeSchema = record({
  name: id,
  kind: z.enum(['text', 'number', 'boolean', 'choice']),
  choices: z.array(z.string().min(1)).default([]),
  required: z.boolean().default(false),
});
export type CustomerAttribute = z.infer<typeof customerAttributeSchema>;

export const affiliationSchema = record({ id, name: z.string().min(1) });

/** Headquarters batch jobs (SY-2, SY-4, CU-5, CC-15, CC-5). */
export const headquartersJobs = ['P-job', 'synchronizeOrders', 'synchronizeCustomers', '1010', 'processContinuityPayments', 'createContinuityChildOrders', 'expireCatalogs', 'expireAgreements'] as const;
export type HeadquartersJob = (typeof headquartersJobs)[number];
export const jobScheduleSchema = record({ job: z.enum(headquartersJobs), everyMinutes: z.number().int().min(1).max(7 * 24 * 60) });
export type JobSchedule = z.infer<typeof jobScheduleSchema>;

/** ST-5 privileges: what the engine's rules ask of an operator or approver (CO-7, CH-4, FF-2, FF-7, RT-3, prices). */
export const privilegeNames = ['depositOverride', 'managerOverride', 'allowAcceptOrder', 'allowRejectOrder', 'priceOverride', 'chargeOverride'] as const;

/**
 * The jobs a role is for: which operations the server lets its staff do at all (engine/protocol/access-matrix.ts says
 * which job each command, read and room needs).
 */
export const jobNames = [
  /** Till work at the register signed in at: sales, returns, recalls, shifts, the register's view. */
  'till',
  /** Customers' personal data: search, view, create, edit, loyalty cards. */
  'customers',
  /** Store and warehouse fulfilment: accept, pick, pack, ship, reject, the location's open work. */
  'fulfillment',
  /** Headquarters work: batch jobs and schedules, links, the virtual clock, resetting fulfilment, the analyst view. */
  'backOffice',
  /** CC-2: a call-center agent's work: taking orders on the phone and submitting them (never a till). */
  'callCenter',
  /** CC-18, CC-20: a call-center supervisor's work: others' holds (override check-out, clear) and price change approvals. */
  'callCenterSupervision',
  /** SM-1..SM-15: headquarters' sales office: orders, quotations, agreements, backorders, invoices (never a till). */
  'sales',
  /** MK-1..MK-4: headquarters' marketing: prospects, leads, opportunities, campaigns. */
  'marketing',
] as const;
export type Job = (typeof jobNames)[number];

export const permissionNames = [...privilegeNames, ...jobNames] as const;
export type Permission = (typeof permissionNames)[number];

/** ST-5: permissions per role: its jobs and its privileges. */
export const roleSchema = record({
  id,
  name: z.string().min(1),
  permissions: z.array(z.enum(permissionNames)).default([]),
});
export type Role = z.infer<typeof roleSchema>;

/** A PIN or password, hashed (see engine/credentials.ts): `scrypt$<N>$<salt hex>$<hash hex>`. */
export const pinHashSchema = z.string().regex(/^scrypt\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/, 'expected scrypt$N$salt$hash (hash a PIN with `npx storefront hash-pin`)');

export const staffSchema = record({
  operatorId: id,
  name: z.string().min(1),
  roleId: id,
  /** The stores whose screens the staff member works at. */
  storeIds: z.array(id).default([]),
  /** The warehouses whose fulfilment screens the staff member works at. */
  warehouseIds: z.array(id).default([]),
  /** Who cannot sign in has none. */
  pinHash: pinHashSchema.optional(),
}).refine((s) => s.storeIds.length + s.warehouseIds.length > 0, { message: 'staff work at a store or a warehouse', path: ['storeIds'] });
export type Staff = z.infer<typeof staffSchema>;

/** ST-3: store settings. */
export const storeSchema = record({
  id,
  name: z.string().min(1),
  /** The store's own location (in `locations`, kind "store"). */
  locationId: id,
  /** Ship-from warehouse. */
  warehouseId: id,
  fulfillmentGroupIds: z.array(id).default([]),
  taxGroupId: id,
  destinationBasedTax: z.boolean().default(false),
  customerBasedTax: z.boolean().default(false),
  defaultCustomerId: id,
  manualAccept: z.boolean().default(false),
  /**
   * ST-3 (an addition): whether the store's registers may sell units its count says it does not have. "allow" (the
   * default): the units are in the customer's hands, the count is wrong, not the sale. "refuse": the sale is refused
   * at tender, naming the product, until the count is corrected.
   */
  negativeOnHand: z.enum(['allow', 'refuse']).default('allow'),
  functionality: record({
    createOrderAsync: z.boolean().default(false),
    realtimeWithAsyncBackup: z.boolean().default(false),
    createCustomerAsync: z.boolean().default(false),
    editPartiallyFulfilledOrders: z.boolean().default(false),
  }).default({ createOrderAsync: false, realtimeWithAsyncBackup: false, createCustomerAsync: false, editPartiallyFulfilledOrders: false }),
  filterSharedCustomerDataTables: z.boolean().default(false),
  registerIds: z.array(id).min(1),
});
export type Store = z.infer<typeof storeSchema>;

/** ST-4: parameters. Percentages in basis points. */
export const parametersSchema = record({
  defaultOrderType: z.enum(['customerOrder', 'quote']).default('customerOrder'),
  defaultDepositPct: basisPoints.default(0),
  pickupMode: id,
  carryOutMode: id,
  cancellationChargePct: basisPoints.default(0),
  cancellationChargeCode: id,
  shippingChargeCode: id,
  useAdvancedAutoCharges: z.boolean().default(false),
  /** CH-5: prorate header charges to lines by mode of delivery. */
  prorateHeaderCharges: z.boolean().default(false),
  refundShippingCharges: z.boolean().default(false),
  maxShippingRefundWithoutApproval: nonNegativeMinor.default(0),
  returnReasonCodes: z.array(id).min(1),
  /** CH-4: the reason codes a manual charge or an override may give (none listed: any code is taken). */
  chargeReasonCodes: z.array(id).default([]),
  /** CU-1: the feature "secondary emails and phones with marketing consent". */
  secondaryContacts: z.boolean().default(false),
});
export type Parameters = z.infer<typeof parametersSchema>;

export const chainConfigSchema = record({
  currency: z.string().length(3),
  locations: z.array(locationSchema).min(1),
  stores: z.array(storeSchema).min(1),
  fulfillmentGroups: z.array(fulfillmentGroupSchema).default([]),
  modesOfDelivery: z.array(modeOfDeliverySchema).default([]),
  taxGroups: z.array(taxGroupSchema).min(1),
  taxJurisdictions: z.array(taxJurisdictionSchema).default([]),
  chargeCodes: z.array(chargeCodeSchema).default([]),
  autoCharges: z.array(autoChargeSchema).default([]),
  parameters: parametersSchema,
  products: z.array(productSchema).min(1),
  inventory: z.array(record({ locationId: id, productId: id, onHand: z.number().int().min(-1_000_000_000).max(1_000_000_000) })).default([]),
  customers: z.array(customerSchema).min(1),
  customerGroups: z.array(customerGroupSchema).default([]),
  customerAttributes: z.array(customerAttributeSchema).default([]),
  affiliations: z.array(affiliationSchema).default([]),
  roles: z.array(roleSchema).min(1),
  staff: z.array(staffSchema).min(1),
  /** Batch jobs headquarters runs on the virtual clock (they can always be run by hand too). */
  jobSchedules: z.array(jobScheduleSchema).default([]),
  /** CC-1: the call-center channels, each with its catalogs, coupons, hold codes and continuity programs. */
  callCenters: z.array(callCenterConfigSchema).default([]),
  /** Issue 13: headquarters' sales office (warehouses, vendors, trade agreements, ...); absent: the office has no stock or master data of its own. */
  salesOffice: salesOfficeConfigSchema.optional(),
});
export type ChainConfigInput = z.input<typeof chainConfigSchema>;
export type ChainConfig = z.infer<typeof chainConfigSchema>;
