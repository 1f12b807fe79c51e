/**
 * The validated chain configuration with its lookups. Cross-references are checked once here (ST-1..ST-5),
 * so the machines can trust ids that reach them through validated commands.
 */
import { chainConfigSchema } from './config.ts';
import type {
  ChainConfig, ChargeCode, Customer, FulfillmentGroup, Location, ModeOfDelivery, Permission, Product, Role, Staff,
  Store, TaxGroup,
} from './config.ts';
import { violation, type RuleViolation } from './violation.ts';
import { checkCallCenters } from './call-center/config.ts';
import { checkSalesOffice } from './sales/office-config.ts';

export interface ConfigIssue { path: string; message: string }

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid chain configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

export interface Catalog {
  config: ChainConfig;
  stores: Map<string, Store>;
  locations: Map<string, Location>;
  fulfillmentGroups: Map<string, FulfillmentGroup>;
  modes: Map<string, ModeOfDelivery>;
  taxGroups: Map<string, TaxGroup>;
  chargeCodes: Map<string, ChargeCode>;
  products: Map<string, Product>;
  customers: Map<string, Customer>;
  roles: Map<string, Role>;
  staff: Map<string, Staff>;
  /** registerId -> storeId */
  registers: Map<string, string>;
  /** A store's location -> the store (warehouses have none). */
  storeAtLocation: Map<string, Store>;
}

function indexBy<T>(items: readonly T[], key: (item: T) => string, path: string, issues: ConfigIssue[]): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    const k = key(item);
    if (map.has(k)) issues.push({ path: `${path}.${i}`, message: `duplicate id "${k}"` });
    map.set(k, item);
  });
  return map;
}

export function buildCatalog(input: unknown): Catalog {
  const parsed = chainConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const config = parsed.data;
  const issues: ConfigIssue[] = [];
  const catalog: Catalog = {
    config,
    stores: indexBy(config.stores, (s) => s.id, 'stores', issues),
    locations: indexBy(config.locations, (l) => l.id, 'locations', issues),
    fulfillmentGroups: indexBy(config.fulfillmentGroups, (g) => g.id, 'fulfillmentGroups', issues),
    modes: indexBy(config.modesOfDelivery, (m) => m.code, 'modesOfDelivery', issues),
    taxGroups: indexBy(config.taxGroups, (t) => t.id, 'taxGroups', issues),
    chargeCodes: indexBy(config.chargeCodes, (c) => c.code, 'chargeCodes', issues),
    products: indexBy(config.products, (p) => p.id, 'products', issues),
    customers: indexBy(config.customers, (c) => c.accountId, 'customers', issues),
    roles: indexBy(config.roles, (r) => r.id, 'roles', issues),
    staff: indexBy(config.staff, (s) => s.operatorId, 'staff', issues),
    registers: new Map(),
    storeAtLocation: new Map(config.stores.map((store) => [store.locationId, store])),
  };
  const need = (ok: boolean, path: string, message: string) => { if (!ok) issues.push({ path, message }); };

  config.stores.forEach((store, i) => {
    const at = `stores.${i}`;
    need(catalog.locations.get(store.locationId)?.kind === 'store', `${at}.locationId`, `"${store.locationId}" is not a store location`);
    need(catalog.locations.has(store.warehouseId), `${at}.warehouseId`, `unknown location "${store.warehouseId}"`);
    need(catalog.taxGroups.has(store.taxGroupId), `${at}.taxGroupId`, `unknown tax group "${store.taxGroupId}"`);
    need(catalog.customers.has(store.defaultCustomerId), `${at}.defaultCustomerId`, `unknown customer "${store.defaultCustomerId}"`);
    store.fulfillmentGroupIds.forEach((g, j) =>
      need(catalog.fulfillmentGroups.has(g), `${at}.fulfillmentGroupIds.${j}`, `unknown fulfillment group "${g}"`));
    store.registerIds.forEach((r, j) => {
      need(!catalog.registers.has(r), `${at}.registerIds.${j}`, `register "${r}" belongs to two stores`);
      catalog.registers.set(r, store.id);
    });
  });
  config.fulfillmentGroups.forEach((group, i) =>
    group.locations.forEach((entry, j) => {
      const at = `fulfillmentGroups.${i}.locations.${j}`;
      const location = catalog.locations.get(entry.locationId);
      need(location !== undefined, `${at}.locationId`, `unknown location "${entry.locationId}"`);
      // ST-2: a warehouse that is not a store can only ship.
      need(!(location?.kind === 'warehouse' && entry.pickup), `${at}.pickup`, `warehouse "${entry.locationId}" is not a store and can only ship (ST-2)`);
      need(entry.ship || entry.pickup, at, 'a location must be flagged ship and/or pickup (ST-2)');
    }));
  const { parameters } = config;
  const modeKind = (code: string) => catalog.modes.get(code)?.kind;
  need(modeKind(parameters.carryOutMode) === 'carryOut', 'parameters.carryOutMode', `"${parameters.carryOutMode}" is not a carry-out mode of delivery`);
  const pickupKind = modeKind(parameters.pickupMode);
  need(pickupKind === undefined || pickupKind === 'pickup', 'parameters.pickupMode', `"${parameters.pickupMode}" is not a pickup mode of delivery`);
  need(catalog.chargeCodes.has(parameters.cancellationChargeCode), 'parameters.cancellationChargeCode', `unknown charge code "${parameters.cancellationChargeCode}"`);
  need(catalog.chargeCodes.has(parameters.shippingChargeCode), 'parameters.shippingChargeCode', `unknown charge code "${parameters.shippingChargeCode}"`);
  config.taxJurisdictions.forEach((j, i) => need(catalog.taxGroups.has(j.taxGroupId), `taxJurisdictions.${i}.taxGroupId`, `unknown tax group "${j.taxGroupId}"`));
  config.autoCharges.forEach((charge, i) =>
    charge.tiers.forEach((tier, j) =>
      need(catalog.chargeCodes.has(tier.chargeCode), `autoCharges.${i}.tiers.${j}.chargeCode`, `unknown charge code "${tier.chargeCode}"`)));
  // A scanned barcode must name one product.
  const barcodeOwner = new Map<string, string>();
  config.products.forEach((product, i) => product.barcodes.forEach((code, j) => {
    const owner = barcodeOwner.get(code);
    need(owner === undefined, `products.${i}.barcodes.${j}`, `barcode "${code}" is already product "${owner}"'s`);
    barcodeOwner.set(code, product.id);
  }));
  config.inventory.forEach((entry, i) => {
    need(catalog.locations.has(entry.locationId), `inventory.${i}.locationId`, `unknown location "${entry.locationId}"`);
    need(catalog.products.has(entry.productId), `inventory.${i}.productId`, `unknown product "${entry.productId}"`);
  });
  config.customers.forEach((c, i) => {
    if (c.deliveryAddressId !== undefined) {
      need(c.addresses.some((a) => a.id === c.deliveryAddressId), `customers.${i}.deliveryAddressId`, `no address "${c.deliveryAddressId}"`);
    }
  });
  const groups = new Set(config.customerGroups.map((g) => g.id));
  const affiliations = new Set(config.affiliations.map((a) => a.id));
  config.customers.forEach((c, i) => {
    // Groups and affiliations are checked once the chain lists any (a minimal configuration may leave them out).
    if (groups.size > 0) need(groups.has(c.customerGroup), `customers.${i}.customerGroup`, `unknown customer group "${c.customerGroup}"`);
    if (affiliations.size > 0) c.affiliations.forEach((a, j) => need(affiliations.has(a), `customers.${i}.affiliations.${j}`, `unknown affiliation "${a}"`));
  });
  config.customerAttributes.forEach((a, i) => need(a.kind !== 'choice' || a.choices.length > 0, `customerAttributes.${i}.choices`, 'a choice attribute needs choices'));
  const scheduled = new Set<string>();
  config.jobSchedules.forEach((schedule, i) => {
    need(!scheduled.has(schedule.job), `jobSchedules.${i}.job`, `job "${schedule.job}" is scheduled twice`);
    scheduled.add(schedule.job);
  });
  config.staff.forEach((s, i) => {
    need(catalog.roles.has(s.roleId), `staff.${i}.roleId`, `unknown role "${s.roleId}"`);
    s.storeIds.forEach((id, j) => need(catalog.stores.has(id), `staff.${i}.storeIds.${j}`, `unknown store "${id}"`));
    s.warehouseIds.forEach((id, j) => need(catalog.locations.get(id)?.kind === 'warehouse', `staff.${i}.warehouseIds.${j}`, `"${id}" is not a warehouse`));
  });
  issues.push(...checkCallCenters(config, config.callCenters));
  issues.push(...checkSalesOffice(config, config.salesOffice));
  if (issues.length > 0) throw new ConfigError(issues);
  return catalog;
}

/** ST-1: customer orders need at least one ship mode and the pickup mode of the parameters. */
export function customerOrdersEnabled(catalog: Catalog): boolean {
  const hasShip = catalog.config.modesOfDelivery.some((m) => m.kind === 'ship');
  return hasShip && catalog.modes.get(catalog.config.parameters.pickupMode)?.kind === 'pickup';
}

/** What each permission lets staff do, in words (a refusal says "You may not <this>"). */
const PERMISSION_WORK: Record<Permission, string> = {
  depositOverride: 'override the deposit',
  managerOverride: 'approve this refund',
  allowAcceptOrder: 'accept orders',
  allowRejectOrder: 'reject orders',
  priceOverride: 'change a price',
  chargeOverride: 'add or change charges',
  till: 'work the till',
  customers: 'see or change customers',
  fulfillment: 'do fulfilment work',
  backOffice: "do headquarters' work",
  callCenter: 'take call-center orders',
  sales: 'work the sales office',
  marketing: 'work marketing',
  callCenterSupervision: "supervise the call center's holds and prices",
};

/**
 * ST-5 in staff's words: who lacks a permission ("You", "The approver") may not do its work, and who may (the roles
 * that hold it, from the chain's configuration). The permission's key stays out of the words: the rule and field say it.
 */
export function lacksPermission(catalog: Catalog, permission: Permission, rule: string, field: string, who = 'You'): RuleViolation {
  const roles = [...catalog.roles.values()].filter((r) => r.permissions.includes(permission)).map((r) => r.name.toLowerCase());
  const ask = roles.length === 0 ? '' : `: ask a ${roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}`}`;
  return violation(rule, `${who} may not ${PERMISSION_WORK[permission]}${ask}`, field);
}

/** ST-5: whether an operator's role grants a permission. */
export function hasPermission(catalog: Catalog, operatorId: string, permission: Permission): boolean {
  const staff = catalog.staff.get(operatorId);
  const role = staff === undefined ? undefined : catalog.roles.get(staff.roleId);
  return role?.permissions.includes(permission) ?? false;
}

/** ST-2: the locations a store offers for shipping from or picking up at, from its fulfillment groups only. */
export function offeredLocations(catalog: Catalog, storeId: string, purpose: 'ship' | 'pickup'): string[] {
  const store = catalog.stores.get(storeId);
  if (store === undefined) return [];
  const offered = new Set<string>();
  for (const groupId of store.fulfillmentGroupIds) {
    for (const entry of catalog.fulfillmentGroups.get(groupId)?.locations ?? []) {
      if (entry[purpose]) offered.add(entry.locationId);
    }
  }
  return [...offered];
}

/** Every location that fulfils lines: stores and warehouses (each runs a fulfillment group actor). */
export function fulfillmentLocations(catalog: Catalog): string[] {
  return [...catalog.locations.keys()];
}

export function storeOfLocation(catalog: Catalog, locationId: string): Store | undefined {
  return catalog.storeAtLocation.get(locationId);
}

/** FF-2: manual accept is the fulfilling store's setting; warehouses accept automatically. */
export function manualAcceptAt(catalog: Catalog, locationId: string): boolean {
  return storeOfLocation(catalog, locationId)?.manualAccept ?? false;
}
