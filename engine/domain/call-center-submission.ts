/**
 * What the call center sends headquarters when an order is submitted (CC-6, CC-9) and released to fulfilment: the
 * order's customer, header (mode of delivery CC-22, source code CC-4), lines with their unit prices and modes, the
 * manual charges the agent added, and each payment with the status Submit gave it. Headquarters makes it a sales order
 * (origin call center, CC-2) that the stores and the warehouse fulfil like any other (CC-21), its auto charges
 * calculated on the header's mode (CH-3). Validated here, at the boundary: a bad field is named and changes nothing.
 */
import { z } from 'zod';
import { channelFor, checkChannelMode, checkChannelPaymentMethod } from './call-center/channel.ts';
import type { CallCenterConfig, PaymentMethodKind } from './call-center/config.ts';
import { manualAcceptAt, storeOfLocation, type Catalog } from './catalog.ts';
import { addManualCharge, computeAutoCharges, type AppliedCharge } from './charges.ts';
import { addressSchema, customerSchema, type Customer, type Store } from './config.ts';
import type { CustomerOrderInput, OrderLine } from './customer-order.ts';
import { newProgress } from './fulfillment.ts';
import { MAX_AMOUNT, MAX_LINE_QUANTITY, MAX_LINES } from './limits.ts';
import type { Payment, TenderMethod } from './payments.ts';
import { discountedParts, netAfterDiscount } from './call-center/summary.ts';
import { taxRateFor } from './tax.ts';
import { violation, type RuleViolation } from './violation.ts';

const id = z.string().min(1).max(64);
const minor = z.number().int().min(0, 'the amount cannot be negative').max(MAX_AMOUNT, 'the amount is beyond what one amount may hold');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** CC-9: the status Submit sets on each payment. */
export const callCenterPaymentStatuses = ['Paid', 'Authorized', 'NotAuthorized', 'NotSubmitted'] as const;

export const submittedLineSchema = z.object({
  lineId: id,
  productId: id,
  quantity: z.number().int().positive().max(MAX_LINE_QUANTITY, `a line holds at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')} units`),
  /** The price the call center resolved (CC-5, CC-20): headquarters takes it as given. */
  unitPrice: minor,
  /** CC-13: the line's coupon discounts (the line sells at quantity x unit price less this). */
  discount: minor.optional(),
  /** The line's mode of delivery (CC-22: defaults to the header's). */
  modeCode: id,
  /** Ship-from location (a store or a warehouse), or the pickup store's location. */
  locationId: id,
  /** Ship-to address (ship lines; the customer's delivery address when absent). */
  address: addressSchema.optional(),
  date: isoDate.optional(),
}).strict().refine((l) => (l.discount ?? 0) <= l.quantity * l.unitPrice, { message: 'a discount cannot be more than the line is worth', path: ['discount'] });

/** A charge the agent added by hand (CH-4); auto charges are headquarters' own calculation (CH-2, CH-3). */
export const submittedChargeSchema = z.object({
  level: z.enum(['header', 'line']),
  lineId: id.optional(),
  chargeCode: id,
  amount: minor,
  reasonCode: id.optional(),
}).strict().refine((c) => (c.level === 'line') === (c.lineId !== undefined), { message: 'a line charge names its line, a header charge none', path: ['lineId'] });

export const submittedPaymentSchema = z.object({
  paymentId: id,
  /** CC-8: the code of one of the call center's payment methods. */
  method: id,
  amount: minor,
  status: z.enum(callCenterPaymentStatuses),
  /** CC-8: a card kept as a token (captured at invoicing unless prepaid). */
  cardToken: id.optional(),
}).strict();

export const submittedCallCenterOrderSchema = z.object({
  /** The call center's order number: the order's id at the stores and its channel reference. */
  orderId: id,
  /** CC-2: the call center the agent belongs to (its order completion flag, modes and payment methods apply). */
  callCenterId: id,
  /** The agent who entered the order (CC-2: a member of the call center). */
  enteredBy: id,
  /** Issue 13: a quotation confirmed for pickup at headquarters' sales office: its clerk need not be a member (CC-2 is the desk's). */
  enteredIn: z.literal('salesOffice').optional(),
  customerId: id,
  header: z.object({ modeCode: id, sourceCode: id.optional() }).strict(),
  lines: z.array(submittedLineSchema).min(1, 'an order has at least one line').max(MAX_LINES, `an order holds at most ${MAX_LINES} lines`),
  charges: z.array(submittedChargeSchema).default([]),
  payments: z.array(submittedPaymentSchema).default([]),
}).strict();

export type SubmittedCallCenterOrder = z.infer<typeof submittedCallCenterOrderSchema>;
export type SubmittedCallCenterLine = z.infer<typeof submittedLineSchema>;

/**
 * What job 1010 (and headquarters' push at acceptance) carries to the store that owns a call-center order: the order
 * as submitted, with the customer record it was priced and taxed for (so that the store builds the very order
 * headquarters accepted, whatever changes the customer later).
 */
export const callCenterOrderDeliverySchema = z.object({
  salesOrderId: id,
  storeId: id,
  acceptedAt: z.number().int().nonnegative(),
  customer: customerSchema,
  order: submittedCallCenterOrderSchema,
  /** CC-21: the call center cancelled the order at this time (the store cancels it, or never creates it). */
  cancelledAt: z.number().int().nonnegative().optional(),
}).strict();
export type CallCenterOrderDelivery = z.infer<typeof callCenterOrderDeliverySchema>;

/**
 * The store that holds a call-center order for its fulfilment and its updates to headquarters: the store of the first
 * line's location (a pickup store, or a store shipping from its own stock); for lines all shipped from a warehouse,
 * the first store (in the chain's order) that ships from that warehouse. (A decision: the spec names no owning store;
 * the store's screens and its link then carry the order like one of its own.)
 */
export function owningStore(catalog: Catalog, order: Pick<SubmittedCallCenterOrder, 'lines'>): Store | undefined {
  const locationId = order.lines[0]!.locationId;
  return storeOfLocation(catalog, locationId) ?? [...catalog.stores.values()].find((s) => s.warehouseId === locationId);
}

/**
 * CC-8: the store's tender methods a call-center payment maps to (a refund at a till goes back the same way): cards
 * and gift cards to card, the rest (normal, check, on account) to cash. (A decision: the stores' tills know no more
 * methods.)
 */
const TENDER_OF: Record<PaymentMethodKind, TenderMethod> = { normal: 'cash', check: 'cash', onAccount: 'cash', card: 'card', giftCard: 'card' };

/** CC-2: the call center whose member entered the order, or why the order is not one of its. */
export function callCenterOf(catalog: Catalog, order: Pick<SubmittedCallCenterOrder, 'callCenterId' | 'enteredBy' | 'enteredIn'>): CallCenterConfig | RuleViolation {
  if (order.enteredIn === 'salesOffice') {
    return catalog.config.callCenters.find((c) => c.id === order.callCenterId) ?? violation('NOT_FOUND', `there is no call center "${order.callCenterId}"`, 'order.callCenterId');
  }
  const channel = channelFor(catalog.config.callCenters, order.enteredBy);
  if (channel.kind === 'sales') return violation('CC-2', `${order.enteredBy} is not a member of a call center: their orders are plain sales orders`, 'order.enteredBy');
  if (channel.callCenter.id !== order.callCenterId) return violation('CC-2', `${order.enteredBy} takes orders for call center ${channel.callCenter.id}, not ${order.callCenterId}`, 'order.callCenterId');
  return channel.callCenter;
}

/** A channel rule's refusal, naming the field of the submitted order at fault. */
const at = (found: RuleViolation | null, field: string): RuleViolation | null => (found === null ? null : { ...found, field });

function checkOrder(catalog: Catalog, center: CallCenterConfig, order: SubmittedCallCenterOrder): RuleViolation | null {
  const header = catalog.modes.get(order.header.modeCode);
  if (header === undefined) return violation('NOT_FOUND', `unknown mode of delivery "${order.header.modeCode}"`, 'order.header.modeCode');
  if (header.kind === 'carryOut') return violation('CC-22', `${header.name} is for sales at a till: a call-center order is shipped or picked up`, 'order.header.modeCode');
  // CC-22: the header's mode is one of the channel's (CC-1), as is every line's.
  const headerMode = at(checkChannelMode(center, order.header.modeCode), 'order.header.modeCode');
  if (headerMode !== null) return headerMode;
  const lineIds = new Set<string>();
  for (const [i, line] of order.lines.entries()) {
    const path = `order.lines.${i}`;
    if (lineIds.has(line.lineId)) return violation('VALIDATION', `line "${line.lineId}" is on the order twice`, `${path}.lineId`);
    lineIds.add(line.lineId);
    if (!catalog.products.has(line.productId)) return violation('NOT_FOUND', `unknown product "${line.productId}"`, `${path}.productId`);
    const mode = catalog.modes.get(line.modeCode);
    if (mode === undefined) return violation('NOT_FOUND', `unknown mode of delivery "${line.modeCode}"`, `${path}.modeCode`);
    if (mode.kind === 'carryOut') return violation('CC-22', `${mode.name} is for sales at a till: a call-center line is shipped or picked up`, `${path}.modeCode`);
    const lineMode = at(checkChannelMode(center, line.modeCode), `${path}.modeCode`);
    if (lineMode !== null) return lineMode;
    const location = catalog.locations.get(line.locationId);
    if (location === undefined) return violation('NOT_FOUND', `unknown location "${line.locationId}"`, `${path}.locationId`);
    if (mode.kind === 'pickup' && location.kind !== 'store') return violation('CO-3', `${line.locationId} is a warehouse: pickup is at a store`, `${path}.locationId`);
  }
  for (const [i, charge] of order.charges.entries()) {
    if (!catalog.chargeCodes.has(charge.chargeCode)) return violation('NOT_FOUND', `unknown charge code "${charge.chargeCode}"`, `order.charges.${i}.chargeCode`);
    if (charge.lineId !== undefined && !lineIds.has(charge.lineId)) return violation('NOT_FOUND', `the order has no line "${charge.lineId}"`, `order.charges.${i}.lineId`);
  }
  // CC-7: without order completion the call center takes no payments (the customer pays at the store).
  if (!center.orderCompletion && order.payments.length > 0) return violation('CC-7', `${center.name} has no order completion: it takes no payments`, 'order.payments');
  for (const [i, payment] of order.payments.entries()) {
    const method = checkChannelPaymentMethod(center, payment.method);
    if ('rule' in method) return { ...method, field: `order.payments.${i}.method` };
    // CC-9 / CC-17: a declined or unsubmitted payment keeps the order at Do not process: it is not released to the stores.
    if (payment.status === 'NotAuthorized') return violation('CC-9', `payment ${payment.paymentId} was declined: the order is Do not process until a valid payment is submitted`, `order.payments.${i}.status`);
    if (payment.status === 'NotSubmitted') return violation('CC-6', `payment ${payment.paymentId} was not submitted: submit the order before releasing it`, `order.payments.${i}.status`);
  }
  return owningStore(catalog, order) === undefined
    ? violation('NOT_FOUND', `no store fulfils from ${order.lines[0]!.locationId}`, 'order.lines.0.locationId')
    : null;
}

/**
 * CC-2, CC-21, CC-22, CH-3: the customer order the owning store holds for a call-center order headquarters accepted
 * (its sales order id comes with the confirmation, as for a POS order), or why it cannot be one. Lines keep the call
 * center's prices and modes, taxed at the owning store (CO-12); auto charges follow the header's mode of delivery
 * (CH-3), the agent's manual charges are added to them; Paid payments are prepayments, an Authorized card is the card
 * on file charged at invoicing (CO-8).
 */
export function callCenterCustomerOrder(catalog: Catalog, delivery: Omit<CallCenterOrderDelivery, 'salesOrderId' | 'storeId'>, customerId = delivery.order.customerId): CustomerOrderInput | RuleViolation {
  const { order, customer } = delivery;
  const center = callCenterOf(catalog, order);
  if ('rule' in center) return center;
  const refused = checkOrder(catalog, center, order);
  if (refused !== null) return refused;
  const store = owningStore(catalog, order)!;
  // CC-13: a discounted line becomes one or two lines at discounted unit prices (the second `<lineId>.2`).
  const lines: OrderLine[] = order.lines.flatMap((line) => {
    const kind = catalog.modes.get(line.modeCode)!.kind;
    const address = kind === 'ship' ? line.address ?? deliveryAddress(customer) : undefined;
    const delivery = { kind, modeCode: line.modeCode, locationId: line.locationId, ...(address === undefined ? {} : { address }), ...(line.date === undefined ? {} : { date: line.date }) };
    return discountedParts(line, line.discount ?? 0).map((part, i) => ({
      lineId: i === 0 ? line.lineId : `${line.lineId}.${i + 1}`, productId: line.productId, quantity: part.quantity, unitPrice: part.unitPrice,
      taxRate: taxRateFor(catalog, store, customer, delivery), delivery, priceLocked: false,
      progress: newProgress(part.quantity, kind, manualAcceptAt(catalog, line.locationId)),
    }));
  });
  // Charges are the call center's lines' (a line's charge stays on its first part), tiered on their discounted value.
  const auto = computeAutoCharges({
    config: catalog.config, storeId: store.id, customer, headerModeCode: order.header.modeCode,
    lines: order.lines.map((l) => ({ lineId: l.lineId, productId: l.productId, modeCode: l.modeCode, value: netAfterDiscount(l, l.discount ?? 0) })),
  });
  const charges = order.charges.reduce<AppliedCharge[]>((applied, charge) => addManualCharge(applied, charge), auto);
  const kindOf = (code: string) => center.paymentMethods.find((m) => m.code === code)!.kind;
  const payments: Payment[] = order.payments.filter((p) => p.status === 'Paid')
    .map((p) => ({ paymentId: p.paymentId, kind: 'prepayment', method: TENDER_OF[kindOf(p.method)], amount: p.amount }));
  const card = order.payments.find((p) => p.status === 'Authorized');
  return {
    orderId: order.orderId, createdAs: 'customerOrder', channelReference: order.orderId, storeId: store.id, customerId, createdAt: delivery.acceptedAt,
    origin: 'callCenter', orderCompletion: center.orderCompletion, salesOrderId: null,
    lines, charges, depositOverride: null, cardToken: card === undefined ? null : card.cardToken ?? card.paymentId, payments, invoices: [],
  };
}

function deliveryAddress(customer: Customer) {
  return customer.addresses.find((a) => a.id === customer.deliveryAddressId);
}
