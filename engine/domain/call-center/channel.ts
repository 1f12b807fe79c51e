/**
 * The call-center channel (CC-1, CC-2): which channel an order entered by a user belongs to, and the defaults the
 * channel gives it.
 */
import { violation, type RuleViolation } from '../violation.ts';
import type { CallCenterConfig, PaymentMethod } from './config.ts';

/**
 * CC-2: the channel of the orders a user enters. A member of a call center enters call-center orders (its defaults
 * and every CC rule apply); anyone else enters plain sales orders, to which no CC rule applies. Configuration
 * validation guarantees at most one call center per user.
 */
export type OrderChannel = { kind: 'callCenter'; callCenter: CallCenterConfig } | { kind: 'sales' };

export function channelFor(centers: readonly CallCenterConfig[], operatorId: string): OrderChannel {
  const callCenter = centers.find((c) => c.members.includes(operatorId));
  return callCenter === undefined ? { kind: 'sales' } : { kind: 'callCenter', callCenter };
}

/** What the customer brings that can override the channel's defaults. */
export interface CustomerDefaults {
  /** The customer's own warehouse, when they have one. */
  warehouseId?: string | undefined;
  financialDimensions?: Readonly<Record<string, string>>;
}

/** CC-1: what a new call-center order starts with. */
export interface ChannelOrderDefaults {
  callCenterId: string;
  legalEntity: string;
  warehouseId: string;
  /** Where the warehouse came from, for the screen ("the customer's warehouse"). */
  warehouseFrom: 'customer' | 'channel';
  modeOfDelivery: string;
  modesOfDelivery: readonly string[];
  paymentMethods: readonly PaymentMethod[];
  priceGroupId: string | null;
  financialDimensions: Record<string, string>;
  orderCompletion: boolean;
  guidedSelling: boolean;
  priceControl: boolean;
}

/**
 * CC-1: the channel's defaults for an order of `customer`. The customer's own warehouse wins over the channel's
 * default warehouse; the customer's financial dimensions win over the channel's, dimension by dimension (decision:
 * the customer's are the more specific, as the warehouse is).
 */
export function orderDefaults(center: CallCenterConfig, customer: CustomerDefaults): ChannelOrderDefaults {
  const own = customer.warehouseId;
  return {
    callCenterId: center.id,
    legalEntity: center.legalEntity,
    warehouseId: own ?? center.defaultWarehouseId,
    warehouseFrom: own === undefined ? 'channel' : 'customer',
    modeOfDelivery: center.modesOfDelivery[0]!,
    modesOfDelivery: center.modesOfDelivery,
    paymentMethods: center.paymentMethods,
    priceGroupId: center.priceGroupId ?? null,
    financialDimensions: { ...center.financialDimensions, ...customer.financialDimensions },
    orderCompletion: center.orderCompletion,
    guidedSelling: center.guidedSelling,
    priceControl: center.priceControl,
  };
}

/** CC-1: a mode of delivery on a call-center order must be one of the channel's. */
export function checkChannelMode(center: CallCenterConfig, modeOfDelivery: string): RuleViolation | null {
  return center.modesOfDelivery.includes(modeOfDelivery) ? null
    : violation('CC-1', `${center.name} does not deliver by "${modeOfDelivery}": choose ${center.modesOfDelivery.join(', ')}`, 'modeOfDelivery');
}

/** CC-1: a payment on a call-center order must use one of the channel's payment methods. */
export function checkChannelPaymentMethod(center: CallCenterConfig, code: string): PaymentMethod | RuleViolation {
  return center.paymentMethods.find((m) => m.code === code)
    ?? violation('CC-1', `${center.name} does not take "${code}": choose ${center.paymentMethods.map((m) => m.name).join(', ')}`, 'paymentMethod');
}
