/**
 * CC-14 / CC-15 at the chain's boundary: cancelling an enrolment, and headquarters' own commands of the two
 * continuity batches (journaled like every command headquarters accepts, the payment service's answers with them).
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** An agent or supervisor stops an enrolment: no further child orders. */
export const cancelEnrolmentSchema = z.object({ type: z.literal('callCenter.cancelEnrolment'), enrolmentId: id, operatorId: id }).strict();

const outcome = z.object({ enrolmentId: id, event: z.number().int().positive(), customerId: id, cardToken: id, amount: z.number().int().nonnegative() }).strict();

/** Headquarters' commands: the payments run's recorded answers, one child order, a cancellation. */
export const continuityCommandSchemas = [
  z.object({
    type: z.literal('headquarters.recordContinuityPayments'), runDate: isoDate,
    outcomes: z.array(z.union([
      outcome.extend({ outcome: z.literal('authorised'), authorisationId: id }).strict(),
      outcome.extend({ outcome: z.literal('declined'), reason: z.string().min(1).max(200) }).strict(),
    ])).min(1),
  }).strict(),
  z.object({ type: z.literal('headquarters.createContinuityChildOrder'), enrolmentId: id, event: z.number().int().positive(), runDate: isoDate }).strict(),
  z.object({ type: z.literal('headquarters.cancelEnrolment'), enrolmentId: id, operatorId: id }).strict(),
] as const;

/** An enrolment as the continuity view shows it. */
export interface EnrolmentView {
  enrolmentId: string;
  parentOrderId: string;
  parentItemId: string;
  customerId: string;
  status: 'active' | 'paused' | 'completed' | 'cancelled';
  events: { event: number; itemId: string; quantity: number; date: string; amount: number; payment: string; salesOrderId: string | null }[];
}
