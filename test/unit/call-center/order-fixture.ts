/** A call center on the demo chain for the order's tests: its terms, a customer, and orders built step by step. */
import type { Catalog } from '../../../engine/domain/catalog.ts';
import {
  addLine, newCallCenterOrder, type CallCenterCustomer, type CallCenterOrderContext, type CallCenterTerms, type LineEntry,
} from '../../../engine/domain/call-center/order.ts';
import type { CouponOutcome } from '../../../engine/domain/call-center/coupons.ts';
import { holdCodesSchema, type CallCenterUser, type HoldPolicy } from '../../../engine/domain/call-center/holds.ts';
import { callCenterCharges } from '../../../engine/domain/call-center/summary.ts';
import { sumMinor } from '../../../engine/domain/money.ts';
import { withConfig } from '../../fixtures/chain.ts';

/** The demo chain with a line charge on express shipping for every order of the call center CC1. */
export function callCenterCatalog(): Catalog {
  return withConfig((config) => {
    config.autoCharges.push({
      id: 'AC-EXP-LINE', level: 'line', account: { code: 'all' }, delivery: { code: 'table', relation: 'EXP' }, channel: 'CC1',
      tiers: [{ chargeCode: 'FREIGHT', currency: 'USD', category: 'fixed', value: 500 }],
    });
  });
}

/** CC-16: agents use the default code and CALLBACK; FRAUD is the supervisors'. */
export const holdPolicy: HoldPolicy = {
  holdCodes: holdCodesSchema.parse([
    { code: 'HOLD', description: 'Order hold', roleIds: ['agent'], defaultForSalesOrder: true },
    { code: 'CALLBACK', description: 'Customer calls back', roleIds: ['agent'] },
    { code: 'STOCK', description: 'Hold the stock for others', roleIds: ['agent'], removeInventoryReservations: true },
    { code: 'FRAUD', description: 'Suspected fraud', roleIds: ['supervisor'] },
  ]),
  supervisorRoleIds: ['supervisor'],
};
export const agentUser: CallCenterUser = { operatorId: 'agent1', roleId: 'agent' };
export const supervisorUser: CallCenterUser = { operatorId: 'super1', roleId: 'supervisor' };

export const terms: CallCenterTerms = {
  channelId: 'CC1',
  currency: 'USD',
  orderCompletion: true,
  paymentMethods: [
    { code: 'CASH', name: 'Cash', kind: 'normal' },
    { code: 'CHECK', name: 'Check', kind: 'check' },
    { code: 'VISA', name: 'Visa', kind: 'card' },
    { code: 'GIFT', name: 'Gift card', kind: 'giftCard' },
    { code: 'ACCOUNT', name: 'On account', kind: 'onAccount' },
  ],
  modesOfDelivery: ['STD', 'EXP', 'PICKUP'],
  overUnderpaymentThreshold: 100,
  checkThreshold: 50_000,
  holdPolicy,
  taxGroupId: 'TX-WA',
};

export function customer(catalog: Catalog, credit: Partial<Omit<CallCenterCustomer, 'account'>> = {}): CallCenterCustomer {
  return { account: catalog.customers.get('C-ANNA')!, onAccount: false, creditLimit: null, balance: 0, ...credit };
}

export const line = (lineId: string, productId: string, quantity: number, unitPrice: number, extra: Partial<LineEntry> = {}): LineEntry =>
  ({ lineId, productId, quantity, unitPrice, priceSource: 'base', taxRate: 1000, ...extra });

/** An order for Anna with the header mode STD and the given lines, priced. */
export function orderWith(catalog: Catalog, lines: readonly LineEntry[], change: Partial<CallCenterOrderContext> = {}): CallCenterOrderContext {
  let order: CallCenterOrderContext = { ...newCallCenterOrder({ orderId: 'CCO-1', terms, orderDate: '2026-12-05', createdBy: 'agent1', createdAt: 1000 }), customer: customer(catalog) };
  order = { ...order, header: { ...order.header, modeCode: 'STD' } };
  for (const l of lines) order = { ...order, lines: addLine(order, l) };
  order = { ...order, ...change };
  return { ...order, charges: callCenterCharges(catalog.config, order) };
}

/** An applied coupon's outcome (as coupons.ts `discountOrder` gives it) taking `discounts` off lines. */
export function coupon(code: string, ...discounts: [lineId: string, discount: number][]): CouponOutcome {
  const lines = discounts.map(([lineId, discount]) => ({ lineId, discount }));
  return { code, applied: true, discount: sumMinor(lines.map((l) => l.discount)), lines };
}
