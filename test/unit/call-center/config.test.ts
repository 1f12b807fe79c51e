/** CC-1, CC-2, CC-5: the call-center configuration is strict, fits the chain configuration and is cross-checked. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../engine/domain/catalog.ts';
import { callCenterConfigSchema, checkCallCenters, type CallCenterConfig } from '../../../engine/domain/call-center/config.ts';
import { chainConfigSchema } from '../../../engine/domain/config.ts';
import { callCenter, callCenterInput, demoChain } from './fixture.ts';

/** The chain configuration, whose `callCenters` array holds them. */
const withCallCenters = chainConfigSchema;

function parseIssues(config: unknown): string[] {
  const parsed = withCallCenters.safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const chain = () => withCallCenters.parse(demoChain());
const check = (...centers: CallCenterConfig[]) => checkCallCenters(chain(), centers).map((i) => `${i.path}: ${i.message}`);

describe('call-center configuration', () => {
  it('CC-1 the demo chain with a call center parses as one configuration, and the chain still builds without it', () => {
    const config = { ...demoChain(), callCenters: [callCenterInput()] };
    const parsed = withCallCenters.parse(config);
    expect(parsed.callCenters[0]).toMatchObject({ id: 'CC1', legalEntity: 'USRT', defaultWarehouseId: 'W1', orderCompletion: true, guidedSelling: true, priceControl: true });
    expect(checkCallCenters(parsed, parsed.callCenters)).toEqual([]);
    expect(buildCatalog(config).config.callCenters).toHaveLength(1);
    // A chain without a call center stays valid.
    expect(withCallCenters.parse({ ...demoChain(), callCenters: undefined }).callCenters).toEqual([]);
    expect(() => buildCatalog({ ...demoChain(), callCenters: [] })).not.toThrow();
  });

  it('CC-1 the demo chain comes with its call center, which passes every cross-check (CC-4, CC-5, CC-12, CC-14, CC-16)', () => {
    const demo = chain();
    expect(demo.callCenters.map((c) => c.id)).toEqual(['CC1']);
    expect(checkCallCenters(demo, demo.callCenters)).toEqual([]);
    const [center] = demo.callCenters;
    expect(center!.members).toEqual(['agent1', 'agent2', 'supervisor1']);
    expect(center!.catalogs.find((c) => c.status === 'Published')!.sourceCodes.map((s) => s.code)).toContain('SPRING26');
    expect(center!.paymentMethods.map((m) => m.kind)).toEqual(['normal', 'check', 'card', 'giftCard', 'onAccount']);
    expect(center!.continuity.parentItems).toHaveLength(1);
  });

  it('CC-1 a call center\'s coupons, hold codes and continuity programs are checked with the chain (CC-12, CC-14, CC-16)', () => {
    const input = callCenterInput() as Record<string, any>;
    input.coupons = [{ code: 'SPRING10', description: '10% off', off: { kind: 'percent', rate: 1000 }, appliesTo: 'orderTotal', usage: 'oneTime', startDate: '2026-01-01', endDate: '2026-12-31', items: { rule: 'include', ids: ['P-TENTT'] } }];
    input.holdCodes = [{ code: 'FRAUD', description: 'Fraud check', roleIds: ['nobody'], defaultForSalesOrder: true }];
    input.continuity = { schedules: [], parentItems: [{ itemId: 'P-TENT', scheduleId: 'MONTHLY' }] };
    let error: unknown;
    try { buildCatalog({ ...demoChain(), callCenters: [input] }); } catch (thrown) { error = thrown; }
    const issues = (error as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^callCenters\.0\.coupons\.0\.items\.ids\.0: unknown product "P-TENTT" \(did you mean "P-TENT"\?\)/),
      'callCenters.0.holdCodes.0.roleIds.0: unknown role "nobody"',
      expect.stringMatching(/^callCenters\.0\.continuity\.parentItems\.0.*MONTHLY/),
    ]));
    const typo = callCenterInput() as Record<string, any>;
    typo.holdCodes = [{ code: 'H', description: 'Hold', roleIds: ['cashier'], defaultForSalesOrdr: true }];
    expect(parseIssues({ ...demoChain(), callCenters: [typo] })).toEqual(['callCenters.0.holdCodes.0: unknown key "defaultForSalesOrdr" (did you mean "defaultForSalesOrder"?)']);
  });

  it('CC-1 the flags default to off', () => {
    const input = callCenterInput();
    delete input.orderCompletion; delete input.guidedSelling; delete input.priceControl;
    expect(callCenterConfigSchema.parse(input)).toMatchObject({ orderCompletion: false, guidedSelling: false, priceControl: false });
  });

  it('CC-1 unknown keys anywhere in a call center are refused, naming the key probably meant', () => {
    const input = callCenterInput() as Record<string, any>;
    input.guidedSeling = true;
    input.catalogs[0].sourceCodes[0].scripts[0].timming = 'End';
    input.priceControlGroups[0].tolerance = 5;
    const issues = parseIssues({ ...demoChain(), callCenters: [input] });
    expect(issues).toEqual([
      'callCenters.0.catalogs.0.sourceCodes.0.scripts.0: unknown key "timming" (did you mean "timing"?)',
      'callCenters.0.priceControlGroups.0: unknown key "tolerance" (did you mean "tolerancePct"?)',
      'callCenters.0: unknown key "guidedSeling" (did you mean "guidedSelling"?)',
    ]);
  });

  it('CC-1 a call center id and a payment method code are each used once', () => {
    const second = callCenter((c) => { c.members = []; c.catalogs = []; c.priceControlGroups = []; c.paymentMethods!.push({ code: 'CARD', name: 'Card again', kind: 'card' }); });
    expect(check(callCenter(), second)).toEqual([
      'callCenters.1.id: call center id "CC1" is already another call center\'s',
      'callCenters.1.paymentMethods.4.code: payment method "CARD" is already another payment method\'s',
    ]);
  });

  it('CC-1 bad values name their field: dates, tolerance, an empty list of payment methods', () => {
    const input = callCenterInput() as Record<string, any>;
    input.catalogs[0].effective = '2027-02-30';
    input.priceControlGroups[0].tolerancePct = 12_000;
    input.paymentMethods = [];
    const paths = parseIssues({ ...demoChain(), callCenters: [input] }).map((i) => i.split(':')[0]);
    expect(paths).toEqual(['callCenters.0.paymentMethods', 'callCenters.0.catalogs.0.effective', 'callCenters.0.priceControlGroups.0.tolerancePct']);
  });

  it('CC-1 references to the chain are checked: modes, warehouse, products, customers, staff, price groups', () => {
    const center = callCenter((c) => {
      c.modesOfDelivery = ['STD', 'DRONE'];
      c.defaultWarehouseId = 'S1';
      c.priceGroupId = 'NOPE';
      c.members = ['lead1', 'ghost'];
      c.itemScripts = [{ productId: 'P-UNKNOWN', text: 'x' }];
      c.catalogs![0]!.sentTo = ['C-NOBODY'];
    });
    expect(check(center)).toEqual([
      'callCenters.0.modesOfDelivery.1: unknown mode of delivery "DRONE"',
      'callCenters.0.defaultWarehouseId: "S1" is not a warehouse',
      'callCenters.0.members.1: unknown staff member "ghost"',
      'callCenters.0.priceGroupId: unknown price group "NOPE"',
      'callCenters.0.itemScripts.0.productId: unknown product "P-UNKNOWN"',
      'callCenters.0.catalogs.0.sentTo.0: unknown customer "C-NOBODY"',
      'callCenters.0.priceControlGroups.1.operatorIds.0: "manager1" is not a member of call center "CC1"',
    ]);
  });

  it('CC-2 a user belongs to at most one call center: a second membership is a configuration error', () => {
    const first = callCenter();
    const second = callCenter((c) => {
      c.id = 'CC2'; c.members = ['cashier3', 'cashier2']; c.catalogs = []; c.priceControlGroups = [];
    });
    expect(check(first, second)).toEqual(['callCenters.1.members.1: staff member "cashier2" is already call center "CC1"\'s']);
  });

  it('CC-4 a source code names one catalog in the whole chain (codes match without regard to case)', () => {
    const center = callCenter((c) => { c.catalogs![1]!.sourceCodes = [{ code: 'sum27' }]; });
    expect(check(center)).toEqual(['callCenters.0.catalogs.1.sourceCodes.0.code: source code "SUM27" is already catalog "CAT-SUMMER"\'s']);
  });

  it('CC-5 a catalog configured Published must validate; a Draft may be unfinished', () => {
    const center = callCenter((c) => {
      c.catalogs![0]!.productIds!.push('P-BOOTS');
      c.catalogs![1]!.productIds = [];
    });
    expect(check(center)).toEqual(['callCenters.0.catalogs.0.productIds.5: item "P-BOOTS" has no price in the catalog\'s price groups (a catalog configured Published must pass validation)']);
  });

  it('CC-20 a user is in at most one price-control group', () => {
    const center = callCenter((c) => { c.priceControlGroups![1]!.operatorIds.push('lead1'); });
    expect(check(center)).toEqual(['callCenters.0.priceControlGroups.1.operatorIds.1: staff member "lead1" is already user group "AGENTS"\'s']);
  });
});
