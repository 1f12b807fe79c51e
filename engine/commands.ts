/**
 * The engine's typed commands, validated at the boundary. A command that fails here names the field and
 * changes nothing.
 */
import { z } from 'zod';
import { addressSchema } from './domain/config.ts';
import type { RuleViolation } from './domain/violation.ts';

const id = z.string().min(1).max(64);
const quantity = z.number().int().positive();
const amount = z.number().int();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const lineRef = z.object({ orderId: id, lineId: id }).strict();
const lineQuantity = z.object({ lineId: id, quantity }).strict();
const orderLineQuantity = lineRef.extend({ quantity }).strict();
const approver = { approverId: id.optional() };

const register = <L extends string, T extends z.ZodRawShape>(type: L, shape: T) =>
  z.object({ type: z.literal(type), registerId: id, ...shape }).strict();
const selection = { lineIds: z.array(id).min(1).optional() };

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('clock.advance'), ms: z.number().int().positive() }).strict(),
  register('register.openShift', { operatorId: id }),
  register('register.closeShift', {}),
  register('register.addItem', { productId: id, quantity, unitPrice: amount.nonnegative().optional(), ...approver }),
  register('register.setQuantity', { lineId: id, quantity }),
  register('register.removeLine', { lineId: id }),
  register('register.selectLine', { lineId: id.nullable() }),
  register('register.setCustomer', { customerId: id }),
  register('register.shipAll', { modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional() }),
  register('register.shipSelected', { ...selection, modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional() }),
  register('register.pickupAll', { locationId: id.optional(), date: isoDate.optional() }),
  register('register.pickupSelected', { ...selection, locationId: id.optional(), date: isoDate.optional() }),
  register('register.carryOutAll', {}),
  register('register.carryOutSelected', { ...selection }),
  register('register.changeModeOfDelivery', { ...selection, modeCode: id, locationId: id.optional(), address: addressSchema.optional(), date: isoDate.optional() }),
  register('register.setOrderType', { orderType: z.enum(['customerOrder', 'quote']) }),
  register('register.overrideDeposit', { amount: amount.nonnegative(), ...approver }),
  register('register.addCharge', { level: z.enum(['header', 'line']), lineId: id.optional(), chargeCode: id, amount: amount.nonnegative(), reasonCode: id.optional(), ...approver }),
  register('register.overrideCharge', { key: z.string().min(1), amount: amount.nonnegative(), reasonCode: id, ...approver }),
  register('register.recalculate', {}),
  register('register.tender', { method: z.enum(['cash', 'card', 'cardToken']), amount, cardToken: id.optional(), ...approver }),
  register('register.void', {}),
  register('register.recallOrder', { orderId: id, purpose: z.enum(['edit', 'cancel', 'pickup']), lines: z.array(lineQuantity).min(1).optional() }),
  register('register.adjustCancellationCharge', { amount: amount.nonnegative(), ...approver }),
  register('register.startReturn', { lookup: z.object({ by: z.enum(['receipt', 'orderId', 'channelReference', 'invoiceId']), value: id }).strict() }),
  register('register.setReturnLines', { lines: z.array(z.object({ lineId: id, quantity, reasonCode: id }).strict()).min(1) }),
  z.object({ type: z.literal('order.approveQuote'), orderId: id }).strict(),
  z.object({ type: z.literal('fulfillment.accept'), locationId: id, operatorId: id, lines: z.array(lineRef).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.printPickList'), locationId: id, operatorId: id, lines: z.array(lineRef).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.pick'), locationId: id, operatorId: id, lines: z.array(orderLineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.pack'), locationId: id, operatorId: id, orderId: id, lines: z.array(lineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.ship'), locationId: id, operatorId: id, orderId: id, lines: z.array(lineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('fulfillment.reject'), locationId: id, operatorId: id, lines: z.array(orderLineQuantity).min(1) }).strict(),
  z.object({ type: z.literal('headquarters.resetFulfillment'), orderId: id, lineIds: z.array(id).min(1) }).strict(),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Parses a command or returns the first problem, naming its field. */
export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; error: RuleViolation } {
  const parsed = commandSchema.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'type';
  return { ok: false, error: { rule: 'VALIDATION', field, message: `${field}: ${issue.message}` } };
}
