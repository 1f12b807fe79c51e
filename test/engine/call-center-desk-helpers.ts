/**
 * The desk tests' call center: CC1 (agent1, agent2, supervisor1) with guided selling, a Published spring catalog
 * (source code SPRING prices the tent at 180.00 and offers a lamp beside it), an up-sell of socks to a stove, a
 * one-time coupon SAVE10 and a Default hold code agents may use (a supervisor's code they may not).
 */
import type { Chain } from '../../engine/chain.ts';
import type { CallCenterDeskCommand } from '../../engine/protocol/call-center.ts';
import { withCallCenter } from './call-center-helpers.ts';
import { ok, type Mutator } from './engine-helpers.ts';

/** The desk's call center (the demo chain's agents and supervisor are its members). */
export function deskCallCenter(orderCompletion = true) {
  return {
    id: 'CC1', name: 'Phone orders', legalEntity: 'USRT', defaultWarehouseId: 'W1', orderCompletion, members: ['agent1', 'agent2', 'supervisor1'],
    modesOfDelivery: ['STD', 'EXP', 'PICKUP'],
    paymentMethods: [{ code: 'CARD', name: 'Card', kind: 'card' }, { code: 'CASH', name: 'Cash', kind: 'normal' }],
    guidedSelling: true,
    priceGroups: [{ id: 'SPRING-PG', name: 'Spring prices', prices: [{ productId: 'P-TENT', price: 18_000 }, { productId: 'P-LAMP', price: 2000 }] }],
    catalogs: [{
      id: 'CAT-SPRING', name: 'Spring camping', status: 'Published', effective: '2026-01-01', expiration: '2027-12-31', productIds: ['P-TENT', 'P-LAMP'],
      priceGroupIds: ['SPRING-PG'], sourceCodes: [{ code: 'SPRING', description: 'Spring mailing', scripts: [{ timing: 'Beginning', text: 'Thank you for ordering from our spring catalog.' }] }],
      suggestions: [{ productId: 'P-TENT', kind: 'crossSell', suggestedProductId: 'P-LAMP', script: 'A lamp for the tent?' }],
      sentTo: ['C-ANNA'],
    }, {
      id: 'CAT-OLD', name: 'Last winter', status: 'Published', effective: '2025-01-01', expiration: '2025-03-31', productIds: ['P-TENT'], priceGroupIds: ['SPRING-PG'],
      sourceCodes: [{ code: 'WINTER' }],
    }],
    // CC-20: agent2 changes prices within 10%; agent1 files requests; supervisor1 decides them (within 50%).
    priceControl: true,
    priceControlGroups: [
      { id: 'SENIOR', name: 'Senior agents', tolerancePct: 1000, operatorIds: ['agent2'] },
      { id: 'SUPERVISORS', name: 'Supervisors', tolerancePct: 5000, operatorIds: ['supervisor1'], approvesRequests: true },
    ],
    itemScripts: [{ productId: 'P-TENT', text: 'The tent sleeps four.' }],
    suggestions: [{ productId: 'P-SOCKS', kind: 'upSell', suggestedProductId: 'P-STOVE' }],
    coupons: [{ code: 'SAVE10', description: '10.00 off', off: { kind: 'amount', amount: 1000 }, appliesTo: 'orderTotal', startDate: '2026-01-01', endDate: '2027-12-31', usage: 'oneTime' }],
    holdCodes: [
      { code: 'DEFAULT', description: 'Held for review', roleIds: ['callCenterAgent'], defaultForSalesOrder: true },
      { code: 'FRAUD-CHECK', description: 'Supervisor review', roleIds: ['callCenterSupervisor'] },
    ],
  } as const;
}

export const withDesk = (orderCompletion = true): Mutator => (c) => {
  withCallCenter(orderCompletion)(c);
  c.roles.push({ id: 'callCenterSupervisor', name: 'Call-center supervisor', permissions: ['callCenter', 'callCenterSupervision', 'customers'] });
  c.staff.push({ operatorId: 'agent2', name: 'Blake Agent', roleId: 'callCenterAgent', storeIds: ['S1'] });
  c.staff.push({ operatorId: 'supervisor1', name: 'Sam Supervisor', roleId: 'callCenterSupervisor', storeIds: ['S1'] });
  c.callCenters = [structuredClone(deskCallCenter(orderCompletion)) as never];
};

type Step<T extends CallCenterDeskCommand['type']> = Omit<Extract<CallCenterDeskCommand, { type: T }>, 'type' | 'operatorId' | 'orderId'> & { by?: string };

/** A desk step by agent1 (or `by`) on `orderId`. */
export function step<T extends CallCenterDeskCommand['type']>(e: Chain, type: T, orderId: string, fields: Partial<Step<T>> = {}): Record<string, unknown> {
  const { by = 'agent1', ...rest } = fields as { by?: string };
  return ok(e, { type, operatorId: by, orderId, ...rest } as never);
}

/** Anna's order with the spring source code and a tent shipped Standard from the warehouse. */
export function tentOrder(e: Chain, by = 'agent1'): string {
  const { orderId } = ok(e, { type: 'callCenter.startOrder', operatorId: by, customerId: 'C-ANNA' }) as { orderId: string };
  step(e, 'callCenter.setHeader', orderId, { by, sourceCode: 'SPRING', modeCode: 'STD' });
  step(e, 'callCenter.addLine', orderId, { by, productId: 'P-TENT', quantity: 1 });
  return orderId;
}
