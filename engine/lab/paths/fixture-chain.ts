/**
 * The lifecycle models' chain, also the tests' shared fixture (test/fixtures/chain.ts re-exports it): a small,
 * realistic chain (USD, two stores and a warehouse in WA/OR).
 *
 * - `demoChainConfig()`  a fresh, mutable config input (a new object on every call).
 * - `demoCatalog()`      the validated catalog of that config.
 * - `withConfig(fn)`     clone the demo config, let `fn` change it, build the catalog (throws `ConfigError`).
 * - `configIssues(fn)`   the same, but returns the `ConfigError` issues instead ([] when the config is valid).
 * - `DEMO_ADDRESSES`     the addresses used by the demo locations and customers, for ship-to/tax tests.
 *
 * The chain at a glance
 *
 * | Location | Kind      | City     | Register(s) | Tax group       | FG1 flags     |
 * |----------|-----------|----------|-------------|-----------------|---------------|
 * | S1       | store     | Seattle  | R1, R2      | TX-WA (10%)     | ship + pickup |
 * | S2       | store     | Portland | R3          | TX-OR (0%)      | ship + pickup |
 * | W1       | warehouse | Kent WA  | -           | -               | ship only     |
 *
 * Both stores: ship-from warehouse W1, fulfillment group FG1, default customer C-WALKIN, all ST-3 flags at their
 * schema defaults (manual accept off, no destination/customer-based tax, functionality profile all off).
 *
 * Modes of delivery: STD (ship, charge group GROUND), EXP (ship, AIR), PICKUP (pickup), CARRY (carry-out).
 * Tax: TX-WA 1000 bp, TX-OR 0, TX-CA 725 bp; jurisdictions USA/WA, USA/OR, USA/CA.
 * Charge codes: FREIGHT (shipping, refundable), CANCEL (not refundable), GIFTWRAP (refundable, not shipping).
 * Auto charge AC-GROUND (header, account all, delivery group GROUND): FREIGHT 995 below an order value of 10000,
 * FREIGHT 0 (no charge) from 10000.
 * Products: P-TENT 19999, P-LAMP 2499, P-SOCKS 1299, P-STOVE 8950; 50 of each on hand at S1, S2 and W1.
 * Customers: C-WALKIN (walk-in and the stores' default customer: receipts by email to receipts@example.com,
 * affiliation AFF-LOCALS, group retail), C-ANNA (Seattle, delivery address set), C-ACME (B2B: hierarchy
 * H-ACME, Portland business address, no delivery address designated), C-CAL (San Diego CA, no delivery address
 * designated).
 * Customer groups retail / wholesale (with financial dimensions), attributes birthMonth (number), newsletter
 * (boolean), favouriteActivity (choice), notes (text); affiliations AFF-LOCALS, AFF-STAFF. Secondary contacts off.
 * Roles / staff: cashier (till, customers; no privileges): cashier1 @S1, cashier2 @S2; lead (+ fulfilment, accept +
 * reject): lead1 @S1; manager (every store job and all six privileges): manager1 @S1+S2.
 * Parameters: customer orders by default, deposit 10%, cancellation charge 5% (CANCEL), shipping code FREIGHT,
 * advanced auto charges on (not prorated), refund shipping charges on, max shipping refund without approval 1000,
 * return reason codes DAMAGED and CHANGED_MIND.
 */
import { buildCatalog, ConfigError, type Catalog, type ConfigIssue } from '../../domain/catalog.ts';
import type { Address, ChainConfigInput } from '../../domain/config.ts';

/** `ChainConfigInput` with the arrays the demo always fills made required, so mutators need no `!`. */
export type DemoChainConfigInput = ChainConfigInput & {
  [K in 'fulfillmentGroups' | 'modesOfDelivery' | 'taxJurisdictions' | 'chargeCodes' | 'autoCharges' | 'inventory']-?: NonNullable<ChainConfigInput[K]>;
};

export const DEMO_ADDRESSES = {
  seattleStore: { street: '400 Pine St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' },
  portlandStore: { street: '800 SW Broadway', city: 'Portland', state: 'OR', zip: '97205', country: 'USA' },
  kentWarehouse: { street: '22000 84th Ave S', city: 'Kent', state: 'WA', zip: '98032', country: 'USA' },
  annaHome: { street: '12 Pike St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' },
  acmeBusiness: { street: '1 Industrial Way', city: 'Portland', state: 'OR', zip: '97204', country: 'USA' },
  calHome: { street: '5 Ocean Ave', city: 'San Diego', state: 'CA', zip: '92101', country: 'USA' },
} as const satisfies Record<string, Address>;

export const DEMO_PRODUCT_IDS = ['P-TENT', 'P-LAMP', 'P-SOCKS', 'P-STOVE'] as const;
const FULFILLING_LOCATIONS = ['S1', 'S2', 'W1'] as const;

/** A fresh copy of the demo chain configuration (safe to mutate). */
export function demoChainConfig(): DemoChainConfigInput {
  return {
    currency: 'USD',
    locations: [
      { id: 'S1', name: 'Seattle', kind: 'store', address: { ...DEMO_ADDRESSES.seattleStore } },
      { id: 'S2', name: 'Portland', kind: 'store', address: { ...DEMO_ADDRESSES.portlandStore } },
      { id: 'W1', name: 'Kent warehouse', kind: 'warehouse', address: { ...DEMO_ADDRESSES.kentWarehouse } },
    ],
    stores: [
      {
        id: 'S1', name: 'Seattle', locationId: 'S1', warehouseId: 'W1', fulfillmentGroupIds: ['FG1'],
        taxGroupId: 'TX-WA', defaultCustomerId: 'C-WALKIN', registerIds: ['R1', 'R2'],
      },
      {
        id: 'S2', name: 'Portland', locationId: 'S2', warehouseId: 'W1', fulfillmentGroupIds: ['FG1'],
        taxGroupId: 'TX-OR', defaultCustomerId: 'C-WALKIN', registerIds: ['R3'],
      },
    ],
    fulfillmentGroups: [
      {
        id: 'FG1',
        name: 'Pacific Northwest',
        locations: [
          { locationId: 'S1', ship: true, pickup: true },
          { locationId: 'S2', ship: true, pickup: true },
          { locationId: 'W1', ship: true, pickup: false },
        ],
      },
    ],
    modesOfDelivery: [
      { code: 'STD', name: 'Standard ground', kind: 'ship', chargeGroup: 'GROUND' },
      { code: 'EXP', name: 'Express air', kind: 'ship', chargeGroup: 'AIR' },
      { code: 'PICKUP', name: 'Pick up in store', kind: 'pickup' },
      { code: 'CARRY', name: 'Carry out', kind: 'carryOut' },
    ],
    taxGroups: [
      { id: 'TX-WA', rate: 1000 },
      { id: 'TX-OR', rate: 0 },
      { id: 'TX-CA', rate: 725 },
    ],
    taxJurisdictions: [
      { country: 'USA', state: 'WA', taxGroupId: 'TX-WA' },
      { country: 'USA', state: 'OR', taxGroupId: 'TX-OR' },
      { country: 'USA', state: 'CA', taxGroupId: 'TX-CA' },
    ],
    chargeCodes: [
      { code: 'FREIGHT', description: 'Freight', refundable: true, shipping: true },
      { code: 'CANCEL', description: 'Cancellation charge', refundable: false, shipping: false },
      { code: 'GIFTWRAP', description: 'Gift wrap', refundable: true, shipping: false },
    ],
    autoCharges: [
      {
        id: 'AC-GROUND',
        level: 'header',
        account: { code: 'all' },
        delivery: { code: 'group', relation: 'GROUND' },
        tiers: [
          { chargeCode: 'FREIGHT', currency: 'USD', category: 'fixed', value: 995, from: 0, to: 10_000 },
          { chargeCode: 'FREIGHT', currency: 'USD', category: 'fixed', value: 0, from: 10_000, to: null },
        ],
      },
    ],
    parameters: {
      defaultOrderType: 'customerOrder',
      defaultDepositPct: 1000,
      pickupMode: 'PICKUP',
      carryOutMode: 'CARRY',
      cancellationChargePct: 500,
      cancellationChargeCode: 'CANCEL',
      shippingChargeCode: 'FREIGHT',
      useAdvancedAutoCharges: true,
      refundShippingCharges: true,
      maxShippingRefundWithoutApproval: 1000,
      returnReasonCodes: ['DAMAGED', 'CHANGED_MIND'],
    },
    products: [
      { id: 'P-TENT', name: 'Two-person tent', price: 19_999 },
      { id: 'P-LAMP', name: 'Camp lamp', price: 2499 },
      { id: 'P-SOCKS', name: 'Wool socks', price: 1299 },
      { id: 'P-STOVE', name: 'Camp stove', price: 8950 },
    ],
    inventory: FULFILLING_LOCATIONS.flatMap((locationId) =>
      DEMO_PRODUCT_IDS.map((productId) => ({ locationId, productId, onHand: 50 }))),
    customers: [
      {
        accountId: 'C-WALKIN', name: 'Walk-in customer', type: 'person', receiptOption: 'email', receiptEmail: 'receipts@example.com',
        language: 'en-us', affiliations: ['AFF-LOCALS'],
      },
      {
        accountId: 'C-ANNA', name: 'Anna Berg', type: 'person', email: 'anna@example.com',
        addresses: [{ id: 'A-ANNA-HOME', purpose: 'Home', ...DEMO_ADDRESSES.annaHome }],
        deliveryAddressId: 'A-ANNA-HOME',
      },
      {
        accountId: 'C-ACME', name: 'Acme Outfitters', type: 'organization', customerGroup: 'wholesale',
        hierarchyId: 'H-ACME',
        addresses: [{ id: 'A-ACME-HQ', purpose: 'Business', ...DEMO_ADDRESSES.acmeBusiness }],
      },
      {
        accountId: 'C-CAL', name: 'Cal Rivera', type: 'person',
        addresses: [{ id: 'A-CAL-HOME', purpose: 'Home', ...DEMO_ADDRESSES.calHome }],
      },
    ],
    customerGroups: [
      { id: 'retail', name: 'Retail customers', financialDimensions: { BusinessUnit: 'RETAIL', CostCenter: 'STORES' } },
      { id: 'wholesale', name: 'Wholesale accounts', financialDimensions: { BusinessUnit: 'B2B', CostCenter: 'SALES' } },
    ],
    customerAttributes: [
      { name: 'birthMonth', kind: 'number' },
      { name: 'newsletter', kind: 'boolean' },
      { name: 'favouriteActivity', kind: 'choice', choices: ['hiking', 'camping', 'climbing'] },
      { name: 'notes', kind: 'text' },
    ],
    affiliations: [
      { id: 'AFF-LOCALS', name: 'Locals discount club' },
      { id: 'AFF-STAFF', name: 'Staff and family' },
    ],
    roles: [
      { id: 'cashier', name: 'Cashier', permissions: ['till', 'customers'] },
      { id: 'lead', name: 'Shift lead', permissions: ['till', 'customers', 'fulfillment', 'allowAcceptOrder', 'allowRejectOrder'] },
      {
        id: 'manager', name: 'Store manager',
        permissions: ['till', 'customers', 'fulfillment', 'depositOverride', 'managerOverride', 'allowAcceptOrder', 'allowRejectOrder', 'priceOverride', 'chargeOverride'],
      },
    ],
    staff: [
      { operatorId: 'cashier1', name: 'Casey Cashier', roleId: 'cashier', storeIds: ['S1'] },
      { operatorId: 'lead1', name: 'Lee Lead', roleId: 'lead', storeIds: ['S1'] },
      { operatorId: 'manager1', name: 'Morgan Manager', roleId: 'manager', storeIds: ['S1', 'S2'] },
      { operatorId: 'cashier2', name: 'Cody Cashier', roleId: 'cashier', storeIds: ['S2'] },
    ],
  };
}

/** The validated catalog of the demo chain. */
export function demoCatalog(): Catalog {
  return buildCatalog(demoChainConfig());
}

/** A fresh demo config after `mutate` (which may change it in place or return a replacement). */
export function mutatedConfig(mutate: (config: DemoChainConfigInput) => DemoChainConfigInput | void): DemoChainConfigInput {
  const config = demoChainConfig();
  return mutate(config) ?? config;
}

/** The catalog of the demo config after `mutate`; throws `ConfigError` when the result is invalid. */
export function withConfig(mutate: (config: DemoChainConfigInput) => DemoChainConfigInput | void): Catalog {
  return buildCatalog(mutatedConfig(mutate));
}

/** The `ConfigError` issues of the demo config after `mutate` ([] when it is valid). Other errors propagate. */
export function configIssues(mutate: (config: DemoChainConfigInput) => DemoChainConfigInput | void): ConfigIssue[] {
  try {
    withConfig(mutate);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}
