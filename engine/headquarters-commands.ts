/**
 * Headquarters' commands, validated at its boundary: the real-time service's calls from the stores (SY-1, CU-4),
 * the P-job's uploads (SY-2, SY-3), the call center's submitted orders (CC-2), the batch jobs and their schedules, and
 * its clock.
 */
import { z } from 'zod';
import { headquartersCatalogSchema } from './protocol/call-center-catalogs.ts';
import { continuityCommandSchemas } from './protocol/continuity.ts';
import { acceptCallCenterOrderSchema, callCenterDeskAtHeadquartersSchema } from './protocol/call-center.ts';
import { salesOfficeAtHeadquartersSchema } from './protocol/sales.ts';
import { clockAdvanceSchema, everyMinutesSchema, parseWith } from './protocol/commands.ts';
import { customerSchema, emailSchema, headquartersJobs } from './domain/config.ts';
import { ORDER_HEADER_STATUSES } from './domain/fulfillment.ts';
import type { RuleViolation } from './domain/violation.ts';

const id = z.string().min(1).max(64);
const count = z.number().int().nonnegative();
const minor = z.number().int();
const at = z.number().int().nonnegative();

export const orderSummarySchema = z.object({
  orderId: id,
  channelReference: z.string().min(1).max(100),
  storeId: id,
  customerId: id,
  createdAt: at,
  orderType: z.enum(['customerOrder', 'quote']),
  status: z.enum(ORDER_HEADER_STATUSES),
  paymentStatus: z.enum(['Unpaid', 'PartiallyPaid', 'Paid', 'Overpaid']),
  lines: z.array(z.object({
    lineId: id, productId: id, quantity: count, unitPrice: minor, delivery: z.enum(['ship', 'pickup', 'carryOut']), modeCode: id, locationId: id,
    invoiced: count, returned: count,
  }).strict()).min(1),
  total: minor,
  invoiced: minor,
  paid: minor,
  returned: minor,
  invoices: z.array(z.object({
    invoiceId: id, kind: z.enum(['carryOut', 'charges', 'ship', 'pickup']), total: minor,
    lines: z.array(z.object({ lineId: id, productId: id, quantity: count, amount: minor }).strict()),
  }).strict()).optional(),
}).strict();

const queued = { key: z.string().min(1).max(200), storeId: id, at };
export const outboundItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...queued, kind: z.literal('customerCreated'), customer: customerSchema }).strict(),
  z.object({ ...queued, kind: z.literal('orderCreated'), order: orderSummarySchema }).strict(),
  z.object({ ...queued, kind: z.literal('orderUpdated'), revision: z.number().int().positive(), order: orderSummarySchema }).strict(),
  z.object({ ...queued, kind: z.literal('receipt'), receipt: z.object({ receiptId: id, registerId: id, customerId: id.nullable(), total: minor, lines: count }).strict() }).strict(),
  z.object({ ...queued, kind: z.literal('return'), returnOrder: z.object({
    rmaNumber: id, original: z.object({ kind: z.enum(['order', 'receipt']), id }).strict(), channelReference: z.string().min(1).max(100).nullable(),
    customerId: id.nullable(), total: minor,
    lines: z.array(z.object({ lineId: id, quantity: z.number().int().positive(), reasonCode: id }).strict()),
  }).strict() }).strict(),
  z.object({ ...queued, kind: z.literal('receiptEmail'), email: z.object({
    messageId: id, to: emailSchema, transactionId: id, registerId: id, subject: z.string().min(1).max(200), total: minor,
  }).strict() }).strict(),
]);

/** The store channel's numbering as it stood when it sent a command (engine/domain/numbering.ts). */
const numbering = z.object({ counters: z.record(id, count), rng: z.number().int().min(0).max(0xffffffff) }).strict().optional();

const jobRunSchema = z.object({
  job: z.enum(headquartersJobs),
  at,
  counts: z.record(z.string(), count),
  stores: z.array(z.object({ storeId: id, outcome: z.enum(['completed', 'unreachable']), counts: z.record(z.string(), count) }).strict()),
}).strict();

export const headquartersCommandSchema = z.discriminatedUnion('type', [
  clockAdvanceSchema,
  z.object({ type: z.literal('headquarters.createCustomer'), channelCustomerId: id, storeId: id, record: customerSchema, numbering }).strict(),
  z.object({ type: z.literal('headquarters.updateCustomer'), accountNumber: id, record: customerSchema, numbering }).strict(),
  z.object({ type: z.literal('headquarters.issueLoyaltyCard'), accountNumber: id, numbering }).strict(),
  z.object({ type: z.literal('headquarters.createOrder'), order: orderSummarySchema, customer: customerSchema.nullable(), numbering }).strict(),
  z.object({ type: z.literal('headquarters.receiveUpload'), storeId: id, items: z.array(outboundItemSchema).min(1).max(5000), numbering }).strict(),
  z.object({ type: z.literal('headquarters.synchronizeCustomers') }).strict(),
  z.object({ type: z.literal('headquarters.synchronizeOrders') }).strict(),
  z.object({ type: z.literal('headquarters.recordJobRun'), run: jobRunSchema }).strict(),
  z.object({ type: z.literal('headquarters.schedule'), job: z.enum(headquartersJobs), everyMinutes: everyMinutesSchema }).strict(),
  acceptCallCenterOrderSchema,
  headquartersCatalogSchema,
  ...continuityCommandSchemas,
  callCenterDeskAtHeadquartersSchema,
  salesOfficeAtHeadquartersSchema,
]);

export type HeadquartersCommand = z.infer<typeof headquartersCommandSchema>;

export function parseHeadquartersCommand(input: unknown): { ok: true; command: HeadquartersCommand } | { ok: false; error: RuleViolation } {
  return parseWith(headquartersCommandSchema, input);
}
