/** CC-1 channel defaults, CC-2 which orders are call-center orders. */
import { describe, expect, it } from 'vitest';
import { channelFor, checkChannelMode, checkChannelPaymentMethod, orderDefaults } from '../../../engine/domain/call-center/channel.ts';
import { callCenter } from './fixture.ts';

describe('call-center channel', () => {
  const center = callCenter();
  const other = callCenter((c) => { c.id = 'CC2'; c.name = 'Pro desk'; c.members = ['cashier3']; });

  it('CC-2 orders entered by a member are the member\'s call center\'s; a non-member enters plain sales orders', () => {
    expect(channelFor([center, other], 'cashier2')).toEqual({ kind: 'callCenter', callCenter: center });
    expect(channelFor([center, other], 'cashier3')).toEqual({ kind: 'callCenter', callCenter: other });
    expect(channelFor([center, other], 'cashier1')).toEqual({ kind: 'sales' });
    expect(channelFor([], 'cashier2')).toEqual({ kind: 'sales' });
  });

  it('CC-1 a new order takes the channel\'s defaults: legal entity, first mode, methods, price group, dimensions, flags', () => {
    expect(orderDefaults(center, {})).toEqual({
      callCenterId: 'CC1', legalEntity: 'USRT', warehouseId: 'W1', warehouseFrom: 'channel', modeOfDelivery: 'STD', modesOfDelivery: ['STD', 'EXP', 'PICKUP'],
      paymentMethods: center.paymentMethods, priceGroupId: 'PHONE', financialDimensions: { department: 'CALLCENTER', costCenter: '300' },
      orderCompletion: true, guidedSelling: true, priceControl: true,
    });
  });

  it('CC-1 the customer\'s own warehouse wins over the channel\'s default, and their dimensions over the channel\'s', () => {
    const defaults = orderDefaults(center, { warehouseId: 'S2', financialDimensions: { costCenter: '410' } });
    expect(defaults).toMatchObject({ warehouseId: 'S2', warehouseFrom: 'customer', financialDimensions: { department: 'CALLCENTER', costCenter: '410' } });
    expect(orderDefaults(callCenter((c) => { delete c.priceGroupId; }), {}).priceGroupId).toBeNull();
  });

  it('CC-1 only the channel\'s modes of delivery and payment methods, refused in words naming the choices', () => {
    expect(checkChannelMode(center, 'EXP')).toBeNull();
    expect(checkChannelMode(center, 'CARRY')).toEqual({ rule: 'CC-1', field: 'modeOfDelivery', message: 'Outdoor phone sales does not deliver by "CARRY": choose STD, EXP, PICKUP' });
    expect(checkChannelPaymentMethod(center, 'CARD')).toEqual({ code: 'CARD', name: 'Card', kind: 'card' });
    expect(checkChannelPaymentMethod(center, 'GIFT')).toMatchObject({ rule: 'CC-1', field: 'paymentMethod', message: 'Outdoor phone sales does not take "GIFT": choose Cash, Check, Card, On account' });
  });
});
