/**
 * The tests' call center (the tests' chain has stores only): CC1 with agent1, its modes of delivery (ground, air,
 * pickup, unless the test says) and payment methods (card, cash), order completion on unless the test says otherwise.
 */
import type { Mutator } from './engine-helpers.ts';

export const withCallCenter = (orderCompletion = true, modesOfDelivery = ['STD', 'EXP', 'PICKUP']): Mutator => (c) => {
  c.roles.push({ id: 'callCenterAgent', name: 'Call-center agent', permissions: ['callCenter', 'customers'] });
  c.staff.push({ operatorId: 'agent1', name: 'Avery Agent', roleId: 'callCenterAgent', storeIds: ['S1'] });
  c.callCenters = [{
    id: 'CC1', name: 'Phone orders', legalEntity: 'USRT', defaultWarehouseId: 'W1', orderCompletion, members: ['agent1'],
    modesOfDelivery,
    paymentMethods: [{ code: 'CARD', name: 'Card', kind: 'card' }, { code: 'CASH', name: 'Cash', kind: 'normal' }],
  }];
};
