/**
 * The commands tills, fulfilment screens, analysts and scenarios send, validated once at the boundary (the chain's
 * `chainCommandSchema`), and the commands the store channel takes from headquarters. A command that fails here
 * names the field and changes nothing.
 */
import { z } from 'zod';
import { callCenterOrderDeliverySchema } from '../domain/call-center-submission.ts';
import { addressSchema, customerSchema, emailSchema, headquartersJobs, phoneSchema } from '../domain/config.ts';
import { customerChangesSchema, customerDraftSchema } from '../domain/customers.ts';
import { MAX_AMOUNT, MAX_LINE_QUANTITY } from '../domain/limits.ts';
import type { RuleViolation } from '../domain/violation.ts';
import { catalogCommandSchema } from './call-center-catalogs.ts';
import { cancelEnrolmentSchema } from './continuity.ts';
import { callCenterDeskCommandSchema, submitCallCenterOrderSchema } from './call-center.ts';
import { salesOfficeCommandSchema } from './sales.ts';

const id = z.string().min(1).max(64);
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY, `a line holds at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')} units`);
const amount = z.number().int().min(-MAX_AMOUNT, 'the amount is beyond what one amount may hold').max(MAX_AMOUNT, 'the amount is beyond what one amount may hold');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const lineRef = z.object({ orderId: id, lineId: id }).strict();
const lineQuantity = z.object({ lineId: id, quantity }).strict();
const orderLineQuantity = lineRef.extend({ quantity }).strict();
const approver = { approverId: id.optional() };
/** Counted amounts per tender method at the close of a shift (a method not counted is left out). */
const tenderDeclaration = z.object({ cash: amount.nonnegative().optional(), card: amount.nonnegative().optional(), cardToken: amount.nonnegative().optional() }).strict();

const register = <L extends string, T extends z.ZodRawShape>(type: L, shape: T) =>
  z.object({ type: z.literal(type), registerId: id, ...shape }).strict();
const selection = { lineIds: z.array(id).min(1).optional() };
/** CO-15: another person who collects pickup lines. */
const collector = z.object({
  name: z.string().trim().min(1, 'the person who collects needs a name').max(100),
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
}).strict();

export const clockAdvanceSchema = z.object({ type: z.literal('clock.advance'), ms: z.number().int().positive().max(366 * 24 * 3_600_000) }).strict();

/** The store channel's commands that a till, a fulfilment screen or a scenario sends. */
export const storeCommandOptions = [
  register('customer.create', { customer: customerDraftSchema, addToTransaction: z.boolean().default(true) }),
  register('customer.edit', { customerId: id, changes: customerChangesSchema }),
  register('customer.issueLoyaltyCard', { customerId: id }),
  register('customer.addToAddressBook', { customerId: id }),
  z.object({ type: z.literal('sync.setLink'), storeId: id, state: z.enum(['online', 'degraded', 'offline']) }).strict(),
  register('register.openShift', { operatorId: id, openingFloat: amount.nonnegative().optional() }),
  register('register.closeShift', { declaration: tenderDeclaration.optional() }),
  register('register.addItem', { productId: id, quantity, unitPrice: amount.nonnegative().optional(), ...approver }),
  register('register.setQuantity', { lineId: id, quantity }),
  register('register.removeLine', { lineId: id }),
  register('register.selectLine', { lineId: id.nullable() }),
  register('register.setCustomer', { customerId: id }),
  register('register.shipAll', { modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional() }),
  register('register.shipSelected', { ...selection, modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional() }),
  register('register.pickupAll', { modeCode: id.optional(), locationId: id.optional(), date: isoDate.optional(), collector: collector.optional() }),
  register('register.pickupSelected', { ...selection, modeCode: id.optional(), locationId: id.optional(), date: isoDate.optional(), collector: collector.optional() }),
  register('register.carryOutAll', {}),
  register('register.carryOutSelected', { ...selection }),
  register('register.changeModeOfDelivery', { ...selection, modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional(), collector: collector.optional() }),
  register('register.setOrderType', { orderType: z.enum(['customerOrder', 'quote']) }),
  register('register.overrideDeposit', { amount: amount.nonnegative(), ...approver }),
  register('register.addCharge', { level: z.enum(['header', 'line']), lineId: id.optional(), chargeCode: id, amount: amount.nonnegative(), reasonCode: id.optional(), ...approver }),
  register('register.overrideCharge', { key: z.string().min(1).max(200), amount: amount.nonnegative(), reasonCode: id, ...approver }),
  register('register.recalculate', {}),
  register('register.approveQuote', { ...approver }),
  register('register.tender', { method: z.enum(['cash', 'card', 'cardToken']), amount, cardToken: id.optional(), ...approver }),
  register('register.void', {}),
  register('register.recallOrder', { orderId: id, purpose: z.enum(['edit', 'cancel', 'pickup']), lines: z.array(lineQuantity).min(1).optional() }),
  register('register.adjustCancellationCharge', { amount: amount.nonnegative(), ...approver }),
  register('register.startReturn', { lookup: z.object({ by: z.enum(['receipt', 'orderId', 'channelReference', 'invoiceId']), value: id }).strict() }),
  register('register.emailReceipt', { email: emailSchema, transactionId: id.optional() }),
  register('register.setReturnLines', { lines: z.array(z.object({ lineId: id, quantity, reasonCode: id }).strict()).min(1), invoiceId: id.optional() }),
  z.object({ type: z.literal('order.approveQuote'), orderId: id }).strict(),
  z.object({ type: z.literal('fulfillment.accept'), locationId: id, operatorId: id, lines: z.array(lineRef).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.printPickList'), locationId: id, operatorId: id, lines: z.array(lineRef).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.pick'), locationId: id, operatorId: id, lines: z.array(orderLineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.pack'), locationId: id, operatorId: id, orderId: id, lines: z.array(lineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.ship'), locationId: id, operatorId: id, orderId: id, lines: z.array(lineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.reject'), locationId: id, operatorId: id, lines: z.array(orderLineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('headquarters.resetFulfillment'), orderId: id, lineIds: z.array(id).min(1) }).strict(),
] as const;

const distributionPackageSchema = z.object({
  version: z.number().int().positive(),
  customers: z.array(z.object({ channelCustomerId: id, accountNumber: id, record: customerSchema, version: z.number().int().positive() }).strict()),
  orders: z.array(z.object({ orderId: id, channelReference: z.string().min(1), salesOrderId: id }).strict()),
  /** CC-2: the call-center orders the store fulfils (absent in a package older than the call center). */
  callCenterOrders: z.array(callCenterOrderDeliverySchema).default([]),
}).strict();

/** Every command the store engine takes: the public ones, its clock, and what headquarters sends it (SY-3, SY-4). */
export const commandSchema = z.discriminatedUnion('type', [
  ...storeCommandOptions,
  clockAdvanceSchema,
  z.object({ type: z.literal('sync.acknowledge'), storeId: id, keys: z.array(z.string().min(1).max(200)).min(1) }).strict(),
  z.object({ type: z.literal('sync.applyDistribution'), storeId: id, package: distributionPackageSchema }).strict(),
  /**
   * Recovery: the store's numbering moves past what headquarters has seen from it, and a sale headquarters holds
   * but the store lost keeps its order id (see Chain.reconcile).
   */
  z.object({
    type: z.literal('sync.reseed'),
    counters: z.record(z.string().min(1).max(64), z.number().int().nonnegative()),
    rng: z.number().int().min(0).max(0xffffffff).optional(),
    reserved: z.record(z.string().min(1).max(100), id).default({}),
  }).strict(),
]);

export type Command = z.infer<typeof commandSchema>;

/** Headquarters' job schedules: every N minutes (at most a week), or none. */
export const everyMinutesSchema = z.number().int().min(1).max(7 * 24 * 60).nullable();

/**
 * A client's key for one command (idempotency): a repeat under the same key gets the first answer and changes
 * nothing (see engine/persistence/command-keys.ts).
 */
export const commandIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ . : -');

/** What stores, screens, scenarios and analysts send the chain. */
export const chainCommandSchema = z.discriminatedUnion('type', [
  ...storeCommandOptions,
  clockAdvanceSchema,
  /** `itemId` / `orderId`: the continuity batches' filters (the parent item, the parent sales order: CC-15). */
  z.object({ type: z.literal('headquarters.runJob'), job: z.enum(headquartersJobs), storeIds: z.array(id).min(1).optional(), itemId: id.optional(), orderId: id.optional() }).strict(),
  z.object({ type: z.literal('headquarters.schedule'), job: z.enum(headquartersJobs), everyMinutes: everyMinutesSchema }).strict(),
  submitCallCenterOrderSchema,
  catalogCommandSchema,
  cancelEnrolmentSchema,
  ...callCenterDeskCommandSchema.options,
  ...salesOfficeCommandSchema.options,
]);
export type ChainCommand = z.infer<typeof chainCommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Parses input with a command schema, or returns the first problem, naming its field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; command: z.infer<S> } | { ok: false; error: RuleViolation } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0]!;
  // A key that does not belong is named itself, not its parent.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.join('.') || 'type';
  return { ok: false, error: { rule: 'VALIDATION', field, message: `${field}: ${issue.message}` } };
}

export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; error: RuleViolation } {
  return parseWith(commandSchema, input);
}

/** What an engine answers a command: accepted with its sequence number, time and result, or refused with the rule. */
export type CommandOutcome<C> =
  | { ok: true; seq: number; at: number; command: C; result: Record<string, unknown> }
  | { ok: false; error: RuleViolation };
