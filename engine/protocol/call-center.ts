/**
 * The call center's commands at the chain's boundary (CC-2, CC-6, CC-21): an order submitted in the call center
 * becomes a sales order at headquarters and reaches the store that fulfils it. The order's shape and its validation
 * are engine/domain/call-center-submission.ts; a bad field is named and changes nothing.
 */
import { z } from 'zod';
import { submittedCallCenterOrderSchema } from '../domain/call-center-submission.ts';

export {
  callCenterOrderDeliverySchema, submittedCallCenterOrderSchema, type CallCenterOrderDelivery, type SubmittedCallCenterOrder,
} from '../domain/call-center-submission.ts';

/** What the call center sends the chain when an order is submitted and released (no hold, payments approved: CC-6, CC-9). */
export const submitCallCenterOrderSchema = z.object({ type: z.literal('callCenter.submitOrder'), order: submittedCallCenterOrderSchema }).strict();
export type SubmitCallCenterOrder = z.infer<typeof submitCallCenterOrderSchema>;

/** Headquarters' command that makes it a sales order (journaled at headquarters like every command it accepts). */
export const acceptCallCenterOrderSchema = z.object({ type: z.literal('headquarters.acceptCallCenterOrder'), order: submittedCallCenterOrderSchema }).strict();
export type AcceptCallCenterOrder = z.infer<typeof acceptCallCenterOrderSchema>;
