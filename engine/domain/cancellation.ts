/** CO-11: cancellation charge and refund. */
import { percentOf, type BasisPoints, type Minor } from './money.ts';

/** The charge proposed on cancel: a percentage of the order total (ordered lines, tax and charges). */
export function cancellationCharge(orderedTotal: Minor, cancellationChargePct: BasisPoints): Minor {
  return percentOf(orderedTotal, cancellationChargePct);
}

/** Refund = deposits paid - charge; a negative refund is what the customer still owes. */
export function cancellationRefund(depositsPaid: Minor, charge: Minor): Minor {
  return depositsPaid - charge;
}
