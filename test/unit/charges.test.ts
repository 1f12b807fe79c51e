import { describe, expect, it } from 'vitest';
import type { AppliedCharge, ChargeableLine, ChargeInput } from '../../engine/domain/charges.ts';
import {
  addManualCharge,
  applyChargeChanges,
  chargesForLine,
  computeAutoCharges,
  headerCharges,
  overrideCharge,
  recalculateCharges,
} from '../../engine/domain/charges.ts';
import type { ChainConfig, ChainConfigInput, Customer } from '../../engine/domain/config.ts';
import { chainConfigSchema } from '../../engine/domain/config.ts';
import { percentOf, splitByWeights, sumMinor } from '../../engine/domain/money.ts';

type AutoChargeInput = NonNullable<ChainConfigInput['autoCharges']>[number];
type ParametersInput = ChainConfigInput['parameters'];

const address = { street: '1 Main St', city: 'Seattle', state: 'WA', zip: '98101', country: 'USA' };

function makeConfig(opts: { autoCharges?: AutoChargeInput[]; parameters?: Partial<ParametersInput>; currency?: string } = {}): ChainConfig {
  return chainConfigSchema.parse({
    currency: opts.currency ?? 'USD',
    locations: [
      { id: 'S1', name: 'Store 1', kind: 'store', address },
      { id: 'S2', name: 'Store 2', kind: 'store', address },
      { id: 'WH', name: 'Warehouse', kind: 'warehouse', address },
    ],
    stores: [
      { id: 'S1', name: 'Store 1', locationId: 'S1', warehouseId: 'WH', taxGroupId: 'TX', defaultCustomerId: 'WALKIN', registerIds: ['R1'] },
      { id: 'S2', name: 'Store 2', locationId: 'S2', warehouseId: 'WH', taxGroupId: 'TX', defaultCustomerId: 'WALKIN', registerIds: ['R2'] },
    ],
    modesOfDelivery: [
      { code: 'GROUND', name: 'Ground', kind: 'ship', chargeGroup: 'PARCEL' },
      { code: 'AIR', name: 'Air', kind: 'ship', chargeGroup: 'PARCEL' },
      { code: 'FREIGHT', name: 'Freight', kind: 'ship' },
      { code: 'PICKUP', name: 'Pickup', kind: 'pickup' },
      { code: 'CARRY', name: 'Carry out', kind: 'carryOut' },
    ],
    taxGroups: [{ id: 'TX', rate: 1000 }],
    chargeCodes: [{ code: 'SHIP', shipping: true }, { code: 'HAND' }, { code: 'FEE' }],
    autoCharges: opts.autoCharges ?? [],
    parameters: {
      pickupMode: 'PICKUP',
      carryOutMode: 'CARRY',
      cancellationChargeCode: 'CANCEL',
      shippingChargeCode: 'SHIP',
      useAdvancedAutoCharges: true,
      returnReasonCodes: ['DAMAGED'],
      ...opts.parameters,
    },
    products: [
      { id: 'P1', name: 'Shirt', price: 2000, chargeGroup: 'APPAREL' },
      { id: 'P2', name: 'Pants', price: 5000, chargeGroup: 'APPAREL' },
      { id: 'P3', name: 'Sofa', price: 90000, chargeGroup: 'BULKY' },
      { id: 'P4', name: 'Socks', price: 500 },
    ],
    customers: [
      { accountId: 'WALKIN', name: 'Walk-in', type: 'person' },
      { accountId: 'C1', name: 'Alice', type: 'person', chargeGroup: 'VIP' },
      { accountId: 'C2', name: 'Bob', type: 'person', chargeGroup: 'REGULAR' },
      { accountId: 'C3', name: 'Carol', type: 'person' },
    ],
    roles: [{ id: 'clerk', name: 'Clerk' }],
    staff: [{ operatorId: 'OP1', name: 'Op', roleId: 'clerk', storeIds: ['S1', 'S2'] }],
  });
}

function customer(config: ChainConfig, accountId: string): Customer {
  const found = config.customers.find((c) => c.accountId === accountId);
  if (!found) throw new Error(`no customer ${accountId}`);
  return found;
}

function line(lineId: string, productId: string, modeCode: string, value: number): ChargeableLine {
  return { lineId, productId, modeCode, value };
}

function input(config: ChainConfig, lines: ChargeableLine[], accountId = 'C3', storeId = 'S1'): ChargeInput {
  return { config, storeId, customer: customer(config, accountId), lines };
}

const fixed = (chargeCode: string, value: number, from = 0, to: number | null = null, currency = 'USD') =>
  ({ chargeCode, currency, category: 'fixed', value, from, to }) as const;
const percent = (chargeCode: string, value: number, from = 0, to: number | null = null, currency = 'USD') =>
  ({ chargeCode, currency, category: 'percent', value, from, to }) as const;

const all = { code: 'all' } as const;

function header(id: string, tiers: AutoChargeInput['tiers'], rel: Partial<Pick<AutoChargeInput, 'account' | 'delivery' | 'channel'>> = {}): AutoChargeInput {
  return { id, level: 'header', account: all, delivery: all, tiers, ...rel };
}
function lineCharge(
  id: string,
  tiers: AutoChargeInput['tiers'],
  rel: Partial<Pick<AutoChargeInput, 'account' | 'delivery' | 'item' | 'channel'>> = {},
): AutoChargeInput {
  return { id, level: 'line', account: all, delivery: all, item: all, tiers, ...rel };
}

const amounts = (charges: readonly AppliedCharge[]) => charges.map((c) => [c.key, c.amount]);

describe('charges', () => {
  // ---------------------------------------------------------------- CH-1
  it('CH-1 advanced auto charges off: computeAutoCharges returns []', () => {
    const config = makeConfig({
      autoCharges: [header('H1', [fixed('SHIP', 500)]), lineCharge('L1', [fixed('HAND', 100)])],
      parameters: { useAdvancedAutoCharges: false, prorateHeaderCharges: true },
    });
    expect(computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 2000)]))).toEqual([]);
  });

  it('CH-1 shipping charge entered by hand under the shipping charge code (header, manual)', () => {
    const config = makeConfig({ parameters: { useAdvancedAutoCharges: false } });
    const lines = [line('1', 'P1', 'GROUND', 2000)];
    const fresh = computeAutoCharges(input(config, lines));
    const charges = addManualCharge(fresh, { level: 'header', chargeCode: config.parameters.shippingChargeCode, amount: 995 });
    expect(charges).toEqual([
      { key: 'H:SHIP:manual', level: 'header', chargeCode: 'SHIP', amount: 995, source: 'manual', overridden: false },
    ]);
    // it survives the next cart change (no auto charges to merge)
    const after = applyChargeChanges(charges, computeAutoCharges(input(config, lines)), new Set(['1']));
    expect(after).toEqual(charges);
    // adding the same code again replaces the amount (one manual charge per code and level/line)
    expect(amounts(addManualCharge(charges, { level: 'header', chargeCode: 'SHIP', amount: 1200 }))).toEqual([['H:SHIP:manual', 1200]]);
  });

  it('CH-1 manual charges are validated (negative, non-integer, missing lineId, lineId on header)', () => {
    expect(() => addManualCharge([], { level: 'header', chargeCode: 'SHIP', amount: -1 })).toThrow(RangeError);
    expect(() => addManualCharge([], { level: 'header', chargeCode: 'SHIP', amount: 1.5 })).toThrow(RangeError);
    expect(() => addManualCharge([], { level: 'line', chargeCode: 'SHIP', amount: 1 })).toThrow(RangeError);
    expect(() => addManualCharge([], { level: 'header', lineId: '1', chargeCode: 'SHIP', amount: 1 })).toThrow(RangeError);
  });

  // ---------------------------------------------------------------- CH-2
  it('CH-2 header account matching: table > group > all', () => {
    const config = makeConfig({
      autoCharges: [
        header('ALL', [fixed('SHIP', 300)]),
        header('GRP', [fixed('SHIP', 200)], { account: { code: 'group', relation: 'VIP' } }),
        header('TBL', [fixed('SHIP', 100)], { account: { code: 'table', relation: 'C1' } }),
      ],
    });
    const lines = [line('1', 'P1', 'GROUND', 2000)];
    expect(amounts(computeAutoCharges(input(config, lines, 'C1')))).toEqual([['H:SHIP:TBL', 100]]);
    // another VIP-less customer in group REGULAR: falls to all
    expect(amounts(computeAutoCharges(input(config, lines, 'C2')))).toEqual([['H:SHIP:ALL', 300]]);
    // without the table charge, C1 gets the group charge
    const noTable = makeConfig({ autoCharges: (config.autoCharges as AutoChargeInput[]).filter((a) => a.id !== 'TBL') });
    expect(amounts(computeAutoCharges(input(noTable, lines, 'C1')))).toEqual([['H:SHIP:GRP', 200]]);
    // customer without a charge group never matches a group relation
    expect(amounts(computeAutoCharges(input(noTable, lines, 'C3')))).toEqual([['H:SHIP:ALL', 300]]);
  });

  it('CH-2 header delivery matching: table > group (mode charge group) > all, account before delivery', () => {
    const config = makeConfig({
      autoCharges: [
        header('ALL', [fixed('SHIP', 900)]),
        header('PARCEL', [fixed('SHIP', 500)], { delivery: { code: 'group', relation: 'PARCEL' } }),
        header('AIR', [fixed('SHIP', 1500)], { delivery: { code: 'table', relation: 'AIR' } }),
        header('VIPALL', [fixed('SHIP', 50)], { account: { code: 'group', relation: 'VIP' } }),
      ],
    });
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'AIR', 2000)])))).toEqual([['H:SHIP:AIR', 1500]]);
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 2000)])))).toEqual([['H:SHIP:PARCEL', 500]]);
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'FREIGHT', 2000)])))).toEqual([['H:SHIP:ALL', 900]]);
    // account group/delivery all beats account all/delivery table
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'AIR', 2000)], 'C1')))).toEqual([['H:SHIP:VIPALL', 50]]);
  });

  it('CH-2 line item matching: table > group > all; lines without a matching product group fall to all', () => {
    const config = makeConfig({
      autoCharges: [
        lineCharge('ITEMALL', [fixed('HAND', 100)]),
        lineCharge('APPAREL', [fixed('HAND', 200)], { item: { code: 'group', relation: 'APPAREL' } }),
        lineCharge('SOFA', [fixed('HAND', 5000)], { item: { code: 'table', relation: 'P3' } }),
      ],
    });
    const charges = computeAutoCharges(
      input(config, [line('1', 'P1', 'GROUND', 2000), line('2', 'P3', 'GROUND', 90000), line('3', 'P4', 'GROUND', 500)]),
    );
    expect(amounts(charges)).toEqual([
      ['L:1:HAND:APPAREL', 200],
      ['L:2:HAND:SOFA', 5000],
      ['L:3:HAND:ITEMALL', 100],
    ]);
    expect(charges.every((c) => c.level === 'line' && c.source === 'auto' && !c.overridden)).toBe(true);
  });

  it('CH-2 line precedence: account, then item, then delivery', () => {
    const config = makeConfig({
      autoCharges: [
        lineCharge('ITEM_TBL', [fixed('HAND', 1)], { item: { code: 'table', relation: 'P1' } }),
        lineCharge('ACCT_GRP', [fixed('HAND', 2)], { account: { code: 'group', relation: 'VIP' } }),
        lineCharge('DLV_TBL', [fixed('HAND', 3)], { delivery: { code: 'table', relation: 'AIR' } }),
        lineCharge('ITEM_GRP_DLV_TBL', [fixed('HAND', 4)], {
          item: { code: 'group', relation: 'APPAREL' },
          delivery: { code: 'table', relation: 'AIR' },
        }),
      ],
    });
    // account group beats an item table match
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'AIR', 1000)], 'C1')))).toEqual([['L:1:HAND:ACCT_GRP', 2]]);
    // account all: item table beats item group + delivery table
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P1', 'AIR', 1000)], 'C3')))).toEqual([['L:1:HAND:ITEM_TBL', 1]]);
    // P2 (APPAREL, no table charge): item group + delivery table beats item all + delivery table
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P2', 'AIR', 1000)], 'C3')))).toEqual([['L:1:HAND:ITEM_GRP_DLV_TBL', 4]]);
    // P4 (no charge group) on AIR: only delivery table matches
    expect(amounts(computeAutoCharges(input(config, [line('1', 'P4', 'AIR', 1000)], 'C3')))).toEqual([['L:1:HAND:DLV_TBL', 3]]);
    // P4 on GROUND: nothing matches
    expect(computeAutoCharges(input(config, [line('1', 'P4', 'GROUND', 1000)], 'C3'))).toEqual([]);
  });

  it('CH-2 channel: absent = every store; set = only that store, preferred over an every-channel tie', () => {
    const config = makeConfig({
      autoCharges: [header('ANY', [fixed('SHIP', 700)]), header('S2ONLY', [fixed('SHIP', 400)], { channel: 'S2' })],
    });
    const lines = [line('1', 'P1', 'GROUND', 2000)];
    expect(amounts(computeAutoCharges(input(config, lines, 'C3', 'S1')))).toEqual([['H:SHIP:ANY', 700]]);
    expect(amounts(computeAutoCharges(input(config, lines, 'C3', 'S2')))).toEqual([['H:SHIP:S2ONLY', 400]]);
    const onlyS2 = makeConfig({ autoCharges: [lineCharge('S2L', [fixed('FEE', 25)], { channel: 'S2' })] });
    expect(computeAutoCharges(input(onlyS2, lines, 'C3', 'S1'))).toEqual([]);
    expect(amounts(computeAutoCharges(input(onlyS2, lines, 'C3', 'S2')))).toEqual([['L:1:FEE:S2L', 25]]);
  });

  it('CH-2 fixed vs percent (percent rounds half away from zero on the matched value)', () => {
    const config = makeConfig({
      autoCharges: [
        header('H', [fixed('SHIP', 995), percent('HAND', 250)]),
        lineCharge('L', [percent('FEE', 125)]),
      ],
    });
    // order value 2010 + 1002 = 3012; 2.5% = 75.3 -> 75; line fees 1.25% of 2010 = 25.125 -> 25, of 1002 = 12.525 -> 13
    const charges = computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 2010), line('2', 'P2', 'GROUND', 1002)]));
    expect(amounts(charges)).toEqual([
      ['H:HAND:H', 75],
      ['H:SHIP:H', 995],
      ['L:1:FEE:L', 25],
      ['L:2:FEE:L', 13],
    ]);
  });

  it('CH-2 tiers: From inclusive, To exclusive', () => {
    const config = makeConfig({
      autoCharges: [header('H', [fixed('SHIP', 1000, 0, 5000), fixed('SHIP', 500, 5000, 10000), fixed('SHIP', 0, 10000, null)])],
    });
    const ship = (value: number) => computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', value)]));
    expect(amounts(ship(0))).toEqual([['H:SHIP:H', 1000]]);
    expect(amounts(ship(4999))).toEqual([['H:SHIP:H', 1000]]);
    expect(amounts(ship(5000))).toEqual([['H:SHIP:H', 500]]); // exactly at From of tier 2 / To of tier 1
    expect(amounts(ship(9999))).toEqual([['H:SHIP:H', 500]]);
    expect(ship(10000)).toEqual([]); // exactly at To of tier 2: free shipping tier (zero amounts are not emitted)
    expect(ship(10_000_000)).toEqual([]);
  });

  it('CH-2 tiers: every matching tier of the chosen auto charge applies; tier value for a line is its own value', () => {
    const config = makeConfig({
      autoCharges: [lineCharge('L', [fixed('FEE', 100, 0, 1000), fixed('HAND', 50, 500, null), percent('FEE', 1000, 1000, null)])],
    });
    const charges = computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 600), line('2', 'P2', 'GROUND', 1000)]));
    expect(amounts(charges)).toEqual([
      ['L:1:FEE:L', 100],
      ['L:1:HAND:L', 50],
      ['L:2:FEE:L', 100], // 10% of 1000 (tier From 1000 inclusive), the fixed FEE tier (To 1000) excluded
      ['L:2:HAND:L', 50],
    ]);
  });

  it('CH-2 currency mismatch ignored: other-currency tiers never apply, other-currency-only auto charges never compete', () => {
    const config = makeConfig({
      autoCharges: [
        header('ALL', [fixed('SHIP', 800)]),
        header('EURONLY', [fixed('SHIP', 100, 0, null, 'EUR')], { account: { code: 'table', relation: 'C3' } }),
        lineCharge('MIXED', [fixed('FEE', 10, 0, null, 'EUR'), fixed('HAND', 20)]),
      ],
    });
    const charges = computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 2000)], 'C3'));
    expect(amounts(charges)).toEqual([
      ['H:SHIP:ALL', 800],
      ['L:1:HAND:MIXED', 20],
    ]);
    const eur = makeConfig({ currency: 'EUR', autoCharges: config.autoCharges as AutoChargeInput[] });
    expect(amounts(computeAutoCharges(input(eur, [line('1', 'P1', 'GROUND', 2000)], 'C3')))).toEqual([
      ['H:SHIP:EURONLY', 100],
      ['L:1:FEE:MIXED', 10],
    ]);
  });

  it('CH-2 the chosen auto charge is final: no fallback to a less specific one when none of its tiers contains the value', () => {
    const config = makeConfig({
      autoCharges: [
        header('ALL', [fixed('SHIP', 800)]),
        header('TBL', [fixed('SHIP', 300, 0, 5000)], { account: { code: 'table', relation: 'C3' } }),
      ],
    });
    expect(computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 6000)], 'C3'))).toEqual([]);
  });

  it('CH-2 duplicate line ids are refused', () => {
    const config = makeConfig({ autoCharges: [header('H', [fixed('SHIP', 500)])] });
    expect(() => computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 1), line('1', 'P2', 'GROUND', 1)]))).toThrow(RangeError);
  });

  // ---------------------------------------------------------------- CH-3
  it('CH-3 single mode keeps header charges tiered on the order value', () => {
    const config = makeConfig({ autoCharges: [header('H', [fixed('SHIP', 1000, 0, 5000), fixed('SHIP', 400, 5000, null)])] });
    const charges = computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 3000), line('2', 'P2', 'GROUND', 3000)]));
    expect(charges).toEqual([
      { key: 'H:SHIP:H', level: 'header', chargeCode: 'SHIP', amount: 400, source: 'auto', autoChargeId: 'H', overridden: false },
    ]);
    expect(headerCharges(charges)).toEqual(charges);
  });

  it('CH-3 mixed modes drop header charges, line charges still apply', () => {
    const config = makeConfig({ autoCharges: [header('H', [fixed('SHIP', 1000)]), lineCharge('L', [fixed('HAND', 100)])] });
    const charges = computeAutoCharges(input(config, [line('1', 'P1', 'GROUND', 3000), line('2', 'P2', 'PICKUP', 3000)]));
    expect(headerCharges(charges)).toEqual([]);
    expect(amounts(charges)).toEqual([
      ['L:1:HAND:L', 100],
      ['L:2:HAND:L', 100],
    ]);
  });

  it('CH-3 call center: header charges follow the header mode whatever the line modes', () => {
    const config = makeConfig({
      autoCharges: [header('AIR', [fixed('SHIP', 1500)], { delivery: { code: 'table', relation: 'AIR' } }), header('ALL', [fixed('SHIP', 900)])],
    });
    const charges = computeAutoCharges({
      ...input(config, [line('1', 'P1', 'GROUND', 3000), line('2', 'P2', 'PICKUP', 3000)]),
      headerModeCode: 'AIR',
    });
    expect(amounts(charges)).toEqual([['H:SHIP:AIR', 1500]]);
  });

  // ---------------------------------------------------------------- CH-4
  function ch4Setup() {
    const config = makeConfig({
      autoCharges: [header('H', [percent('SHIP', 1000)]), lineCharge('L', [fixed('HAND', 100)])],
    });
    const compute = (lines: ChargeableLine[]) => computeAutoCharges(input(config, lines));
    const ids = (lines: ChargeableLine[]) => new Set(lines.map((l) => l.lineId));
    return { config, compute, ids };
  }

  it('CH-4 override survives applyChargeChanges after a quantity change', () => {
    const { compute, ids } = ch4Setup();
    const lines1 = [line('1', 'P1', 'GROUND', 2000), line('2', 'P2', 'GROUND', 5000)];
    let charges = compute(lines1);
    expect(amounts(charges)).toEqual([
      ['H:SHIP:H', 700],
      ['L:1:HAND:L', 100],
      ['L:2:HAND:L', 100],
    ]);
    charges = overrideCharge(charges, 'H:SHIP:H', 0, 'GOODWILL');
    expect(charges[0]).toMatchObject({ key: 'H:SHIP:H', amount: 0, overridden: true, reasonCode: 'GOODWILL', source: 'auto' });
    // quantity of line 2 doubles
    const lines2 = [line('1', 'P1', 'GROUND', 2000), line('2', 'P2', 'GROUND', 10000)];
    charges = applyChargeChanges(charges, compute(lines2), ids(lines2));
    expect(amounts(charges)).toEqual([
      ['H:SHIP:H', 0],
      ['L:1:HAND:L', 100],
      ['L:2:HAND:L', 100],
    ]);
    expect(charges[0]?.overridden).toBe(true);
    // without the optional lineIds, lines are inferred from fresh
    expect(applyChargeChanges(charges, compute(lines2))).toEqual(charges);
  });

  it('CH-4 override pins its slot: a different auto charge for the same code/level does not double-charge', () => {
    const config = makeConfig({
      autoCharges: [header('AIR', [fixed('SHIP', 1500)], { delivery: { code: 'table', relation: 'AIR' } }), header('ALL', [fixed('SHIP', 900)])],
    });
    const lines1 = [line('1', 'P1', 'GROUND', 3000)];
    const overridden = overrideCharge(computeAutoCharges(input(config, lines1)), 'H:SHIP:ALL', 100, 'PRICE_MATCH');
    const lines2 = [line('1', 'P1', 'AIR', 3000)];
    const after = applyChargeChanges(overridden, computeAutoCharges(input(config, lines2)), new Set(['1']));
    expect(amounts(after)).toEqual([['H:SHIP:ALL', 100]]);
    expect(amounts(recalculateCharges(after, computeAutoCharges(input(config, lines2)), new Set(['1'])))).toEqual([['H:SHIP:AIR', 1500]]);
  });

  it('CH-4 recalculate resets overrides to the fresh auto amounts', () => {
    const { compute, ids } = ch4Setup();
    const lines = [line('1', 'P1', 'GROUND', 2000), line('2', 'P2', 'GROUND', 5000)];
    let charges = overrideCharge(compute(lines), 'L:2:HAND:L', 0, 'DAMAGED_BOX');
    charges = recalculateCharges(charges, compute(lines), ids(lines));
    expect(charges).toEqual(compute(lines));
    expect(charges.some((c) => c.overridden)).toBe(false);
  });

  it('CH-4 manual charge survives recalculate and cart changes; overriding it keeps it manual', () => {
    const { compute, ids } = ch4Setup();
    const lines = [line('1', 'P1', 'GROUND', 2000), line('2', 'P2', 'GROUND', 5000)];
    let charges = addManualCharge(compute(lines), { level: 'line', lineId: '1', chargeCode: 'FEE', amount: 250, reasonCode: 'GIFTWRAP' });
    charges = addManualCharge(charges, { level: 'header', chargeCode: 'HAND', amount: 300 });
    const lines2 = [line('1', 'P1', 'GROUND', 4000), line('2', 'P2', 'GROUND', 5000)];
    charges = recalculateCharges(charges, compute(lines2), ids(lines2));
    expect(amounts(charges)).toEqual([
      ['H:HAND:manual', 300],
      ['H:SHIP:H', 900],
      ['L:1:FEE:manual', 250],
      ['L:1:HAND:L', 100],
      ['L:2:HAND:L', 100],
    ]);
    expect(chargesForLine(charges, '1').find((c) => c.chargeCode === 'FEE')).toMatchObject({ source: 'manual', reasonCode: 'GIFTWRAP' });
    charges = overrideCharge(charges, 'L:1:FEE:manual', 150, 'CUSTOMER_REQUEST');
    expect(chargesForLine(charges, '1').find((c) => c.chargeCode === 'FEE')).toMatchObject({
      amount: 150,
      source: 'manual',
      overridden: false,
      reasonCode: 'CUSTOMER_REQUEST',
    });
    charges = applyChargeChanges(charges, compute(lines2), ids(lines2));
    expect(charges.find((c) => c.key === 'L:1:FEE:manual')?.amount).toBe(150);
  });

  it('CH-4 charges of a removed line are dropped (manual, overridden and auto)', () => {
    const { compute, ids } = ch4Setup();
    const lines = [line('1', 'P1', 'GROUND', 2000), line('2', 'P2', 'GROUND', 5000)];
    let charges = addManualCharge(compute(lines), { level: 'line', lineId: '2', chargeCode: 'FEE', amount: 250 });
    charges = overrideCharge(charges, 'L:2:HAND:L', 40, 'PRICE_MATCH');
    const remaining = [line('1', 'P1', 'GROUND', 2000)];
    const after = applyChargeChanges(charges, compute(remaining), ids(remaining));
    expect(amounts(after)).toEqual([
      ['H:SHIP:H', 200],
      ['L:1:HAND:L', 100],
    ]);
    expect(chargesForLine(after, '2')).toEqual([]);
    expect(amounts(recalculateCharges(charges, compute(remaining), ids(remaining)))).toEqual(amounts(after));
  });

  it('CH-4 overrideCharge throws RangeError for an unknown key or a negative amount', () => {
    const { compute } = ch4Setup();
    const charges = compute([line('1', 'P1', 'GROUND', 2000)]);
    expect(() => overrideCharge(charges, 'H:NOPE:H', 10, 'X')).toThrow(RangeError);
    expect(() => overrideCharge(charges, 'H:SHIP:H', -1, 'X')).toThrow(RangeError);
    // the input is never mutated
    expect(charges.some((c) => c.overridden)).toBe(false);
  });

  it('CH-4 result order is deterministic: header first, then line order, then charge code', () => {
    const { compute, ids } = ch4Setup();
    const lines = [line('b', 'P1', 'GROUND', 2000), line('a', 'P2', 'GROUND', 5000)];
    let charges = addManualCharge(compute(lines), { level: 'line', lineId: 'a', chargeCode: 'FEE', amount: 1 });
    charges = addManualCharge(charges, { level: 'line', lineId: 'b', chargeCode: 'AAA', amount: 1 });
    charges = applyChargeChanges(charges, compute(lines), ids(lines));
    expect(charges.map((c) => c.key)).toEqual(['H:SHIP:H', 'L:b:AAA:manual', 'L:b:HAND:L', 'L:a:FEE:manual', 'L:a:HAND:L']);
  });

  // ---------------------------------------------------------------- CH-5
  it('CH-5 proration splits the header charge by line value, remainder to the last line (1000 over 3 equal lines)', () => {
    const config = makeConfig({
      autoCharges: [header('H', [fixed('SHIP', 1000)])],
      parameters: { prorateHeaderCharges: true },
    });
    const charges = computeAutoCharges(
      input(config, [line('1', 'P1', 'GROUND', 2000), line('2', 'P1', 'GROUND', 2000), line('3', 'P1', 'GROUND', 2000)]),
    );
    expect(headerCharges(charges)).toEqual([]);
    expect(amounts(charges)).toEqual([
      ['P:1:SHIP:H', 333],
      ['P:2:SHIP:H', 333],
      ['P:3:SHIP:H', 334],
    ]);
    expect(sumMinor(charges.map((c) => c.amount))).toBe(1000);
    expect(chargesForLine(charges, '3')).toEqual([
      { key: 'P:3:SHIP:H', level: 'line', lineId: '3', chargeCode: 'SHIP', amount: 334, source: 'auto', autoChargeId: 'H', overridden: false },
    ]);
  });

  it('CH-5 proration per mode group: each group matches its own mode and is tiered on its own value', () => {
    const config = makeConfig({
      autoCharges: [
        // Ground: 1000 under 5000, 600 from 5000; Pickup: nothing; everything else: 10%
        header('GROUND', [fixed('SHIP', 1000, 0, 5000), fixed('SHIP', 600, 5000, null)], { delivery: { code: 'table', relation: 'GROUND' } }),
        header('PICK', [fixed('SHIP', 0)], { delivery: { code: 'table', relation: 'PICKUP' } }),
        header('OTHER', [percent('SHIP', 1000)]),
        lineCharge('L', [fixed('HAND', 50)], { item: { code: 'table', relation: 'P3' } }),
      ],
      parameters: { prorateHeaderCharges: true },
    });
    const charges = computeAutoCharges(
      input(config, [
        line('1', 'P1', 'GROUND', 3000), // ground group value 3000+1000 = 4000 < 5000 -> 1000 (order value 12000 would give 600)
        line('2', 'P3', 'AIR', 5000), // air group: 10% of 5000+1000 = 600 split 5:1
        line('3', 'P1', 'PICKUP', 2000), // pickup: 0 -> nothing
        line('4', 'P2', 'GROUND', 1000),
        line('5', 'P4', 'AIR', 1000),
      ]),
    );
    expect(amounts(charges)).toEqual([
      ['P:1:SHIP:GROUND', 750],
      ['L:2:HAND:L', 50],
      ['P:2:SHIP:OTHER', 500],
      ['P:4:SHIP:GROUND', 250],
      ['P:5:SHIP:OTHER', 100],
    ]);
    expect(chargesForLine(charges, '3')).toEqual([]);
  });

  it('CH-5 proration replaces the CH-3 mixed-mode exclusion and leaves line charges alone', () => {
    const autoCharges = [header('H', [fixed('SHIP', 900)]), lineCharge('L', [fixed('HAND', 10)])];
    const lines = [line('1', 'P1', 'GROUND', 1000), line('2', 'P2', 'PICKUP', 2000)];
    const off = computeAutoCharges(input(makeConfig({ autoCharges }), lines));
    expect(amounts(off)).toEqual([
      ['L:1:HAND:L', 10],
      ['L:2:HAND:L', 10],
    ]);
    const on = computeAutoCharges(input(makeConfig({ autoCharges, parameters: { prorateHeaderCharges: true } }), lines));
    expect(amounts(on)).toEqual([
      ['L:1:HAND:L', 10],
      ['P:1:SHIP:H', 900],
      ['L:2:HAND:L', 10],
      ['P:2:SHIP:H', 900],
    ]);
  });

  it('CH-5 a prorated share can be overridden and survives changes until recalculate', () => {
    const config = makeConfig({ autoCharges: [header('H', [fixed('SHIP', 1000)])], parameters: { prorateHeaderCharges: true } });
    const lines = [line('1', 'P1', 'GROUND', 1000), line('2', 'P1', 'GROUND', 3000)];
    const charges = overrideCharge(computeAutoCharges(input(config, lines)), 'P:1:SHIP:H', 0, 'GOODWILL');
    const lines2 = [line('1', 'P1', 'GROUND', 1000), line('2', 'P1', 'GROUND', 1000)];
    const ids = new Set(['1', '2']);
    expect(amounts(applyChargeChanges(charges, computeAutoCharges(input(config, lines2)), ids))).toEqual([
      ['P:1:SHIP:H', 0],
      ['P:2:SHIP:H', 500],
    ]);
    expect(amounts(recalculateCharges(charges, computeAutoCharges(input(config, lines2)), ids))).toEqual([
      ['P:1:SHIP:H', 500],
      ['P:2:SHIP:H', 500],
    ]);
  });

  it('CH-5 property: prorated shares always sum exactly to the group charge', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const modes = ['GROUND', 'AIR', 'PICKUP'];
    for (let run = 0; run < 300; run++) {
      const fixedAmount = next(5000);
      const pctBp = next(3000);
      const config = makeConfig({
        autoCharges: [
          header('G', [fixed('SHIP', fixedAmount)], { delivery: { code: 'table', relation: 'GROUND' } }),
          header('X', [percent('SHIP', pctBp), fixed('HAND', next(999) + 1)]),
        ],
        parameters: { prorateHeaderCharges: true },
      });
      const count = 1 + next(8);
      const lines = Array.from({ length: count }, (_, i) => line(`l${i}`, 'P1', modes[next(modes.length)] ?? 'GROUND', next(100_000)));
      const charges = computeAutoCharges(input(config, lines));
      for (const modeCode of modes) {
        const groupLines = lines.filter((l) => l.modeCode === modeCode);
        if (groupLines.length === 0) continue;
        const groupValue = sumMinor(groupLines.map((l) => l.value));
        const groupIds = new Set(groupLines.map((l) => l.lineId));
        const inGroup = charges.filter((c) => c.lineId !== undefined && groupIds.has(c.lineId) && c.key.startsWith('P:'));
        const expected =
          modeCode === 'GROUND'
            ? { SHIP: fixedAmount, HAND: 0 }
            : { SHIP: percentOf(groupValue, pctBp), HAND: config.autoCharges[1]?.tiers[1]?.value ?? -1 };
        for (const code of ['SHIP', 'HAND'] as const) {
          const shares = inGroup.filter((c) => c.chargeCode === code).map((c) => c.amount);
          expect(sumMinor(shares)).toBe(expected[code]);
          expect(shares.every((s) => s > 0)).toBe(true);
        }
      }
      // and splitByWeights itself always gives the remainder to the last share
      const weights = lines.map((l) => l.value);
      expect(sumMinor(splitByWeights(fixedAmount, weights))).toBe(fixedAmount);
    }
  });
});
