/** Setup rules ST-1..ST-5: config validation and the catalog lookups (engine/domain/catalog.ts). */
import { describe, expect, it } from 'vitest';
import {
  buildCatalog, ConfigError, customerOrdersEnabled, hasPermission, offeredLocations, storeOfLocation,
} from '../../engine/domain/catalog.ts';
import { jobNames, permissionNames, privilegeNames } from '../../engine/domain/config.ts';
import { configIssues, DEMO_ADDRESSES, demoCatalog, demoChainConfig, withConfig } from '../fixtures/chain.ts';

describe('demo fixture', () => {
  it('ST-1 the demo chain builds and enables customer orders', () => {
    const catalog = demoCatalog();
    expect([...catalog.stores.keys()]).toEqual(['S1', 'S2']);
    expect([...catalog.registers]).toEqual([['R1', 'S1'], ['R2', 'S1'], ['R3', 'S2']]);
    expect(customerOrdersEnabled(catalog)).toBe(true);
  });

  it('ST-1 demoChainConfig returns an independent copy on every call', () => {
    const a = demoChainConfig();
    a.products[0]!.price = 1;
    expect(demoChainConfig().products[0]!.price).toBe(19_999);
  });
});

describe('ST-1 modes of delivery', () => {
  it('ST-1 customer orders are disabled without any ship mode', () => {
    const catalog = withConfig((c) => {
      c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.kind !== 'ship');
    });
    expect(customerOrdersEnabled(catalog)).toBe(false);
  });

  it('ST-1 customer orders are disabled without the pickup mode of the parameters', () => {
    // The pickup mode may be missing from the modes (the config still builds), but orders do not work.
    const catalog = withConfig((c) => {
      c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.code !== 'PICKUP');
    });
    expect(customerOrdersEnabled(catalog)).toBe(false);
  });

  it('ST-1 one ship mode is enough', () => {
    const catalog = withConfig((c) => {
      c.modesOfDelivery = c.modesOfDelivery.filter((m) => m.code !== 'EXP');
    });
    expect(customerOrdersEnabled(catalog)).toBe(true);
  });
});

describe('ST-2 fulfillment groups', () => {
  it('ST-2 a warehouse flagged pickup is a ConfigError naming the pickup flag', () => {
    const mutate = (c: ReturnType<typeof demoChainConfig>) => {
      c.fulfillmentGroups[0]!.locations[2]!.pickup = true; // W1 is a warehouse
    };
    expect(() => withConfig(mutate)).toThrow(ConfigError);
    const issues = configIssues(mutate);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('fulfillmentGroups.0.locations.2.pickup');
    expect(issues[0]!.message).toContain('W1');
  });

  it('ST-2 a location flagged neither ship nor pickup is rejected', () => {
    const issues = configIssues((c) => {
      c.fulfillmentGroups[0]!.locations[1] = { locationId: 'S2', ship: false, pickup: false };
    });
    expect(issues.map((i) => i.path)).toEqual(['fulfillmentGroups.0.locations.1']);
  });

  it('ST-2 an unknown location in a group is rejected with its path', () => {
    const issues = configIssues((c) => {
      c.fulfillmentGroups[0]!.locations.push({ locationId: 'W9', ship: true, pickup: false });
    });
    expect(issues.map((i) => i.path)).toEqual(['fulfillmentGroups.0.locations.3.locationId']);
  });

  it('ST-2 offeredLocations lists ship locations and pickup-capable locations of the store groups', () => {
    const catalog = demoCatalog();
    expect(offeredLocations(catalog, 'S1', 'ship')).toEqual(['S1', 'S2', 'W1']);
    expect(offeredLocations(catalog, 'S1', 'pickup')).toEqual(['S1', 'S2']); // never the warehouse
  });

  it('ST-2 only the locations of groups assigned to the store are offered', () => {
    const catalog = withConfig((c) => {
      c.locations.push({ id: 'W2', name: 'Salem warehouse', kind: 'warehouse', address: { ...DEMO_ADDRESSES.acmeBusiness } });
      c.fulfillmentGroups.push({
        id: 'FG2', name: 'Oregon only',
        locations: [{ locationId: 'W2', ship: true, pickup: false }, { locationId: 'S2', ship: false, pickup: true }],
      });
      c.stores[1]!.fulfillmentGroupIds = ['FG2']; // S2 uses FG2 only
    });
    expect(offeredLocations(catalog, 'S1', 'ship')).toEqual(['S1', 'S2', 'W1']); // W2 is not in FG1
    expect(offeredLocations(catalog, 'S2', 'ship')).toEqual(['W2']);
    expect(offeredLocations(catalog, 'S2', 'pickup')).toEqual(['S2']);
  });

  it('ST-2 a location in several groups of the store is offered once', () => {
    const catalog = withConfig((c) => {
      c.fulfillmentGroups.push({ id: 'FG2', name: 'Warehouse', locations: [{ locationId: 'W1', ship: true, pickup: false }] });
      c.stores[0]!.fulfillmentGroupIds = ['FG1', 'FG2'];
    });
    expect(offeredLocations(catalog, 'S1', 'ship')).toEqual(['S1', 'S2', 'W1']);
  });

  it('ST-2 a store without groups, or an unknown store, is offered nothing', () => {
    const catalog = withConfig((c) => {
      c.stores[1]!.fulfillmentGroupIds = [];
    });
    expect(offeredLocations(catalog, 'S2', 'ship')).toEqual([]);
    expect(offeredLocations(catalog, 'S2', 'pickup')).toEqual([]);
    expect(offeredLocations(catalog, 'S9', 'ship')).toEqual([]);
  });

  it('ST-2 storeOfLocation maps a store location to its store and a warehouse to none', () => {
    const catalog = demoCatalog();
    expect(storeOfLocation(catalog, 'S2')?.id).toBe('S2');
    expect(storeOfLocation(catalog, 'W1')).toBeUndefined();
  });
});

describe('ST-3 store settings', () => {
  it('ST-3 manual accept, tax flags, functionality profile and filter default to off', () => {
    const store = demoCatalog().stores.get('S1')!;
    expect(store.manualAccept).toBe(false);
    expect(store.destinationBasedTax).toBe(false);
    expect(store.customerBasedTax).toBe(false);
    expect(store.filterSharedCustomerDataTables).toBe(false);
    expect(store.functionality).toEqual({
      createOrderAsync: false,
      realtimeWithAsyncBackup: false,
      createCustomerAsync: false,
      editPartiallyFulfilledOrders: false,
    });
  });

  it('ST-3 a partial functionality profile fills the other flags with false', () => {
    const catalog = withConfig((c) => {
      c.stores[0]!.functionality = { createOrderAsync: true };
    });
    expect(catalog.stores.get('S1')!.functionality).toEqual({
      createOrderAsync: true,
      realtimeWithAsyncBackup: false,
      createCustomerAsync: false,
      editPartiallyFulfilledOrders: false,
    });
  });

  it('ST-3 an unknown ship-from warehouse is rejected with its path', () => {
    const issues = configIssues((c) => {
      c.stores[1]!.warehouseId = 'W9';
    });
    expect(issues.map((i) => i.path)).toEqual(['stores.1.warehouseId']);
  });

  it('ST-3 an unknown default customer is rejected with its path', () => {
    const issues = configIssues((c) => {
      c.stores[0]!.defaultCustomerId = 'C-NOBODY';
    });
    expect(issues.map((i) => i.path)).toEqual(['stores.0.defaultCustomerId']);
  });

  it('ST-3 unknown tax group, fulfillment group and a non-store location are rejected with their paths', () => {
    const issues = configIssues((c) => {
      c.stores[0]!.taxGroupId = 'TX-XX';
      c.stores[0]!.fulfillmentGroupIds = ['FG1', 'FG9'];
      c.stores[1]!.locationId = 'W1'; // a warehouse is not a store location
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'stores.0.fulfillmentGroupIds.1',
      'stores.0.taxGroupId',
      'stores.1.locationId',
    ]);
  });

  it('ST-3 every problem is reported at once', () => {
    const issues = configIssues((c) => {
      c.stores[0]!.warehouseId = 'W9';
      c.stores[0]!.defaultCustomerId = 'C-NOBODY';
    });
    expect(issues.map((i) => i.path)).toEqual(['stores.0.warehouseId', 'stores.0.defaultCustomerId']);
  });

  it('ST-3 a register may belong to one store only', () => {
    const issues = configIssues((c) => {
      c.stores[1]!.registerIds = ['R3', 'R1'];
    });
    expect(issues.map((i) => i.path)).toEqual(['stores.1.registerIds.1']);
  });
});

describe('ST-4 parameters', () => {
  it('ST-4 omitted parameters take their defaults', () => {
    const catalog = withConfig((c) => {
      c.parameters = {
        pickupMode: 'PICKUP',
        carryOutMode: 'CARRY',
        cancellationChargeCode: 'CANCEL',
        shippingChargeCode: 'FREIGHT',
        returnReasonCodes: ['DAMAGED'],
      };
    });
    expect(catalog.config.parameters).toEqual({
      defaultOrderType: 'customerOrder',
      defaultDepositPct: 0,
      pickupMode: 'PICKUP',
      carryOutMode: 'CARRY',
      chargeReasonCodes: [],
      cancellationChargePct: 0,
      cancellationChargeCode: 'CANCEL',
      shippingChargeCode: 'FREIGHT',
      useAdvancedAutoCharges: false,
      prorateHeaderCharges: false,
      refundShippingCharges: false,
      maxShippingRefundWithoutApproval: 0,
      secondaryContacts: false,
      returnReasonCodes: ['DAMAGED'],
    });
  });

  it('ST-4 the demo parameters are kept as given', () => {
    const { parameters } = demoCatalog().config;
    expect(parameters.defaultDepositPct).toBe(1000);
    expect(parameters.cancellationChargePct).toBe(500);
    expect(parameters.prorateHeaderCharges).toBe(false);
    expect(parameters.maxShippingRefundWithoutApproval).toBe(1000);
  });

  it('ST-4 the carry-out mode must be a carry-out mode of delivery', () => {
    expect(configIssues((c) => { c.parameters.carryOutMode = 'STD'; }).map((i) => i.path)).toEqual(['parameters.carryOutMode']);
    expect(configIssues((c) => { c.parameters.carryOutMode = 'NOPE'; }).map((i) => i.path)).toEqual(['parameters.carryOutMode']);
  });

  it('ST-4 the pickup mode, when it exists, must be a pickup mode of delivery', () => {
    expect(configIssues((c) => { c.parameters.pickupMode = 'EXP'; }).map((i) => i.path)).toEqual(['parameters.pickupMode']);
  });

  it('ST-4 cancellation and shipping charge codes must exist', () => {
    const issues = configIssues((c) => {
      c.parameters.cancellationChargeCode = 'NOPE';
      c.parameters.shippingChargeCode = 'NOPE2';
    });
    expect(issues.map((i) => i.path)).toEqual(['parameters.cancellationChargeCode', 'parameters.shippingChargeCode']);
  });

  it('ST-4 a percentage above 100% is rejected by the schema', () => {
    const issues = configIssues((c) => { c.parameters.defaultDepositPct = 10_001; });
    expect(issues.map((i) => i.path)).toEqual(['parameters.defaultDepositPct']);
  });

  it('ST-4 at least one return reason code is required', () => {
    const issues = configIssues((c) => { c.parameters.returnReasonCodes = []; });
    expect(issues.map((i) => i.path)).toEqual(['parameters.returnReasonCodes']);
  });
});

describe('ST-5 permissions', () => {
  it('ST-5 a cashier does till work and customers, with no privilege', () => {
    const catalog = demoCatalog();
    expect(permissionNames.filter((p) => hasPermission(catalog, 'cashier1', p))).toEqual(['till', 'customers']);
  });

  it('ST-5 a lead also fulfils, and may accept and reject orders', () => {
    const catalog = demoCatalog();
    const granted = permissionNames.filter((p) => hasPermission(catalog, 'lead1', p));
    expect(granted).toEqual(['allowAcceptOrder', 'allowRejectOrder', 'till', 'customers', 'fulfillment']);
  });

  it('ST-5 a store manager does every store job with the six privileges of the spec; headquarters\' work is another role\'s', () => {
    const catalog = demoCatalog();
    const spec = ['depositOverride', 'managerOverride', 'allowAcceptOrder', 'allowRejectOrder', 'priceOverride', 'chargeOverride'] as const;
    expect(privilegeNames).toEqual(spec);
    expect(permissionNames).toEqual([...spec, ...jobNames]);
    expect(permissionNames.filter((p) => hasPermission(catalog, 'manager1', p))).toEqual([...spec, 'till', 'customers', 'fulfillment']);
  });

  it('ST-5 staff work at a store or a warehouse, which must exist', () => {
    expect(configIssues((c) => { c.staff[0] = { ...c.staff[0]!, storeIds: [] }; })).toEqual([{ path: 'staff.0.storeIds', message: 'staff work at a store or a warehouse' }]);
    expect(configIssues((c) => { c.staff[0] = { ...c.staff[0]!, warehouseIds: ['S1'] }; })).toEqual([{ path: 'staff.0.warehouseIds.0', message: '"S1" is not a warehouse' }]);
    expect(configIssues((c) => { c.staff[0] = { ...c.staff[0]!, pinHash: '1234' }; })[0]).toMatchObject({ path: 'staff.0.pinHash' });
  });

  it('ST-5 an unknown operator has no permission', () => {
    expect(hasPermission(demoCatalog(), 'ghost', 'priceOverride')).toBe(false);
  });

  it('ST-5 staff must reference a known role and known stores', () => {
    const issues = configIssues((c) => {
      c.staff[0]!.roleId = 'owner';
      c.staff[2]!.storeIds = ['S1', 'S9'];
    });
    expect(issues.map((i) => i.path)).toEqual(['staff.0.roleId', 'staff.2.storeIds.1']);
  });

  it('ST-5 an unknown permission name is rejected by the schema', () => {
    const config = demoChainConfig();
    (config.roles[0]!.permissions as string[]) = ['fly'];
    expect(() => buildCatalog(config)).toThrow(ConfigError);
  });
});

describe('duplicate ids and other cross-references', () => {
  it('CONFIG duplicate ids are rejected at the duplicate index', () => {
    const issues = configIssues((c) => {
      c.products.push({ id: 'P-LAMP', name: 'Another lamp', price: 100 });
      c.customers.push({ accountId: 'C-ANNA', name: 'Anna again', type: 'person' });
      c.modesOfDelivery.push({ code: 'STD', name: 'Standard again', kind: 'ship' });
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['customers.4', 'modesOfDelivery.4', 'products.4']);
    expect(issues.every((i) => i.message.startsWith('duplicate id'))).toBe(true);
  });

  it('CONFIG duplicate store, location and staff ids are rejected', () => {
    const issues = configIssues((c) => {
      c.locations.push({ id: 'W1', name: 'Kent again', kind: 'warehouse', address: { ...DEMO_ADDRESSES.kentWarehouse } });
      c.staff.push({ operatorId: 'cashier1', name: 'Twin', roleId: 'cashier', storeIds: ['S1'] });
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['locations.3', 'staff.4']);
  });

  it('CONFIG inventory, tax jurisdictions, auto charge tiers and delivery addresses must reference known ids', () => {
    const issues = configIssues((c) => {
      c.inventory.push({ locationId: 'W9', productId: 'P-NONE', onHand: 1 });
      c.taxJurisdictions.push({ country: 'USA', state: 'NV', taxGroupId: 'TX-NV' });
      c.autoCharges[0]!.tiers[0]!.chargeCode = 'NOPE';
      c.customers[1]!.deliveryAddressId = 'A-NOWHERE';
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'autoCharges.0.tiers.0.chargeCode',
      'customers.1.deliveryAddressId',
      'inventory.12.locationId',
      'inventory.12.productId',
      'taxJurisdictions.3.taxGroupId',
    ]);
  });

  it('CONFIG a schema error names the path of the bad field', () => {
    const issues = configIssues((c) => { c.products[1]!.price = -1; });
    expect(issues.map((i) => i.path)).toEqual(['products.1.price']);
  });
});

describe('product barcodes', () => {
  it('ST-1 a barcode is digits only and names one product', () => {
    const twice = configIssues((c) => {
      c.products[0]!.barcodes = ['4006381333931'];
      c.products[1]!.barcodes = ['4006381333931'];
    });
    expect(twice.map((i) => i.path)).toEqual(['products.1.barcodes.0']);
    expect(twice[0]!.message).toContain('P-TENT');
    const letters = configIssues((c) => { c.products[0]!.barcodes = ['ABC12345']; });
    expect(letters.map((i) => i.path)).toEqual(['products.0.barcodes.0']);
  });

  it('ST-1 the demo chain scenario gives every product a barcode of its own', async () => {
    const { readFile } = await import('node:fs/promises');
    const config = JSON.parse(await readFile(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as { products: { barcodes: string[] }[] };
    const catalog = buildCatalog(config);
    expect(catalog.config.products.length).toBeGreaterThanOrEqual(15);
    expect(catalog.config.products.every((p) => p.barcodes.length > 0)).toBe(true);
  });
});
