/**
 * The call center's commands at the chain's boundary (CC-2, CC-6, CC-21): an order submitted in the call center
 * becomes a sales order at headquarters and reaches the store that fulfils it. The order's shape and its validation
 * are engine/domain/call-center-submission.ts; a bad field is named and changes nothing.
 */
import { z } from 'zod';
import { clearVariants } from '../domain/call-center/holds.ts';
import type { DetailStatus, OrderLogEntry } from '../domain/call-center/order.ts';
import type { OrderPaymentStatus } from '../domain/call-center/payments.ts';
import type { PriceChangeRequest } from '../domain/call-center/pricing.ts';
import { submittedCallCenterOrderSchema } from '../domain/call-center-submission.ts';
import { MAX_AMOUNT, MAX_LINE_QUANTITY } from '../domain/limits.ts';

export {
  callCenterOrderDeliverySchema, submittedCallCenterOrderSchema, type CallCenterOrderDelivery, type SubmittedCallCenterOrder,
} from '../domain/call-center-submission.ts';

/** What the call center sends the chain when an order is submitted and released (no hold, payments approved: CC-6, CC-9). */
export const submitCallCenterOrderSchema = z.object({ type: z.literal('callCenter.submitOrder'), order: submittedCallCenterOrderSchema }).strict();
export type SubmitCallCenterOrder = z.infer<typeof submitCallCenterOrderSchema>;

/** Headquarters' command that makes it a sales order (journaled at headquarters like every command it accepts). */
export const acceptCallCenterOrderSchema = z.object({ type: z.literal('headquarters.acceptCallCenterOrder'), order: submittedCallCenterOrderSchema }).strict();
export type AcceptCallCenterOrder = z.infer<typeof acceptCallCenterOrderSchema>;

// --- The agent's desk (CC-2..CC-13, CC-16..CC-19, CC-22): orders taken live at headquarters, one command per step ---

const deskId = z.string().min(1).max(64);
/** Every desk command names the operator who does it (the server makes it the signed-in one). */
const by = { operatorId: deskId };
const onOrder = { ...by, orderId: deskId };
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY, `a line holds at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')} units`);

export const callCenterDeskCommandSchema = z.discriminatedUnion('type', [
  /** CC-3: a customer the lookup did not find, created at headquarters (an account the call center's orders can name). */
  z.object({ type: z.literal('callCenter.createCustomer'), ...by, name: z.string().trim().min(1, 'the new customer needs a name').max(100),
    phone: z.string().trim().max(40).optional(),
    email: z.string().trim().max(254).regex(/^$|^[^@\s]+@[^@\s]+$/, 'an email address looks like name@example.com').optional() }).strict(),
  /** CC-2 / CC-3: a new order for a customer (headquarters account number); the operator's call center is its channel. */
  z.object({ type: z.literal('callCenter.startOrder'), ...by, customerId: deskId }).strict(),
  /** CC-4 / CC-22: source code (null takes it off) and mode of delivery; `updateLines` moves the lines to the new mode. */
  z.object({ type: z.literal('callCenter.setHeader'), ...onOrder, sourceCode: z.string().min(1).max(64).nullable().optional(), modeCode: deskId.optional(), updateLines: z.boolean().default(false) }).strict(),
  /** CC-3 / CC-5: a line priced by the source code's catalog, the channel or the item; `locationId` is the pickup store or ship-from location. */
  z.object({ type: z.literal('callCenter.addLine'), ...onOrder, productId: deskId, quantity, modeCode: deskId.optional(), locationId: deskId.optional() }).strict(),
  z.object({ type: z.literal('callCenter.changeLine'), ...onOrder, lineId: deskId, quantity: quantity.optional(), modeCode: deskId.optional() }).strict(),
  z.object({ type: z.literal('callCenter.removeLine'), ...onOrder, lineId: deskId }).strict(),
  /** CC-20: a new unit price for a line: applied within the operator's tolerance, else a request a supervisor decides. */
  z.object({ type: z.literal('callCenter.changePrice'), ...onOrder, lineId: deskId, unitPrice: z.number().int().min(0).max(MAX_AMOUNT), reason: z.string().max(200).default('') }).strict(),
  z.object({ type: z.literal('callCenter.approvePriceChange'), ...by, requestId: deskId }).strict(),
  z.object({ type: z.literal('callCenter.rejectPriceChange'), ...by, requestId: deskId, reason: z.string().min(1, 'say why the price change is rejected').max(200) }).strict(),
  /** CC-11: take an up-sell (the line becomes the suggested item) or a cross-sell (a new line) offered for `lineId`. */
  z.object({ type: z.literal('callCenter.acceptOffer'), ...onOrder, lineId: deskId, suggestedProductId: deskId }).strict(),
  /** CC-11: the customer said no: the order stays as it is and the offer is not made again for that line. */
  z.object({ type: z.literal('callCenter.declineOffer'), ...onOrder, lineId: deskId, suggestedProductId: deskId }).strict(),
  /** CC-12 / CC-13. */
  z.object({ type: z.literal('callCenter.enterCoupon'), ...onOrder, couponCode: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('callCenter.removeCoupon'), ...onOrder, couponCode: z.string().min(1).max(64) }).strict(),
  /** CC-6: the summary opens. */
  z.object({ type: z.literal('callCenter.complete'), ...onOrder }).strict(),
  /** CC-8: an amount, or a percent (basis points) of the total for card, gift card and on account; a gift card by its number (its balance is looked up). */
  z.object({ type: z.literal('callCenter.addPayment'), ...onOrder, methodId: deskId,
    amount: z.number().int().positive().max(MAX_AMOUNT).optional(), percent: z.number().int().positive().max(10_000).optional(),
    prepay: z.boolean().optional(), checkNumber: deskId.optional(), cardToken: deskId.optional(), giftCardNumber: deskId.optional() }).strict()
    .refine((p) => (p.amount === undefined) !== (p.percent === undefined), { message: 'give either an amount or a percent', path: ['amount'] }),
  z.object({ type: z.literal('callCenter.removePayment'), ...onOrder, paymentId: deskId }).strict(),
  /** CC-9 / CC-13: authorise the cards, redeem the coupons, place automatic holds; a released order becomes a sales order. */
  z.object({ type: z.literal('callCenter.submit'), ...onOrder }).strict(),
  /** CC-16 / CC-17: a manual hold (no code: the channel's Default). */
  z.object({ type: z.literal('callCenter.hold'), ...onOrder, code: deskId.optional(), reasonCode: deskId.optional(), notes: z.string().max(500).optional() }).strict(),
  /** CC-18 / CC-19. */
  z.object({ type: z.literal('callCenter.clearHold'), ...onOrder, holdId: deskId, variant: z.enum(clearVariants) }).strict(),
  /** CC-18: take a hold to work it, give it back, or (a supervisor) take it over from whoever has it. */
  z.object({ type: z.literal('callCenter.checkOutHold'), ...onOrder, holdId: deskId }).strict(),
  z.object({ type: z.literal('callCenter.releaseHold'), ...onOrder, holdId: deskId }).strict(),
  z.object({ type: z.literal('callCenter.overrideHold'), ...onOrder, holdId: deskId }).strict(),
  /** CC-7. */
  z.object({ type: z.literal('callCenter.leave'), ...onOrder }).strict(),
  z.object({ type: z.literal('callCenter.cancel'), ...onOrder, note: z.string().max(500).optional() }).strict(),
]);
export type CallCenterDeskCommand = z.infer<typeof callCenterDeskCommandSchema>;

/** Headquarters' journaled form of a desk command. */
export const callCenterDeskAtHeadquartersSchema = z.object({ type: z.literal('headquarters.callCenterDesk'), command: callCenterDeskCommandSchema }).strict();

const DESK_COMMANDS: ReadonlySet<string> = new Set(callCenterDeskCommandSchema.options.map((o) => o.shape.type.value));
export const isCallCenterDeskCommand = (command: { type: string }): command is CallCenterDeskCommand => DESK_COMMANDS.has(command.type);

// --- What the desk's reads answer (GET /api/call-center/...), shared with the screens ---

/** CC-3: a headquarters account the lookup found (or the agent created); `customerId` is what an order names. */
export interface CustomerMatch { customerId: string; name: string; phone: string; email: string; account: string }

/** CC-3: the lookup's fields; each one given narrows it (names and emails by words, phones by digits, accounts by number). */
export const customerLookupSchema = z.object({
  name: z.string().trim().max(100).optional(), phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(254).optional(), account: z.string().trim().max(64).optional(),
}).strict().refine((q) => Object.values(q).some((v) => v !== undefined && v !== ''), { message: 'give a name, phone, email or account to look for', path: ['name'] });
export type CustomerLookup = z.infer<typeof customerLookupSchema>;

/** CC-4: the source-code lookup for the order's date: All, or Targeted (catalogs sent to the customer). */
export const sourceCodeLookupSchema = z.object({
  filter: z.enum(['All', 'Targeted']).default('All'), customerId: z.string().min(1).max(64).optional(), text: z.string().max(64).optional(),
}).strict().refine((q) => q.filter === 'All' || q.customerId !== undefined, { message: 'a Targeted lookup names the customer', path: ['customerId'] });

/** CC-3: items by full or partial number, or by words of their name. */
export const itemLookupSchema = z.object({ text: z.string().trim().min(1, 'type an item number or words of its name').max(100) }).strict();

/** An item the agent may enter, at the channel's price (CC-5: the source code's catalog may price it lower on the order). */
export interface ItemChoice { productId: string; name: string; unitPrice: number }

/** CC-20: a price change request as the supervisor lists it: the item and the agent by name, not by id. */
export interface PriceChangeRequestRow extends PriceChangeRequest { itemName: string; agentName: string }

/** CC-23: what customer service sees of a customer (GET /api/call-center/customers/:customerId). */
export interface CustomerServiceView {
  customerId: string;
  customerName: string;
  /** As the lookup shows it (null: headquarters has no such account). */
  customer: CustomerMatch | null;
  orders: {
    orderId: string; callCenterId: string; createdAt: number; status: 'Open' | 'Submitted' | 'Cancelled'; detailStatus: DetailStatus; paymentStatus: OrderPaymentStatus;
    /** Highlighted on the screen. */
    held: boolean; total: number; salesOrderId: string | null; log: OrderLogEntry[];
  }[];
  catalogsSent: { callCenterId: string; catalogId: string; name: string }[];
}
