/**
 * Call-center order holds (CC-16..CC-19): hold codes, placing holds (manual or automatic), what open holds do to an
 * order (Do not process, detail status, picking), check-out by one user with a supervisor's override, and clearing
 * with or without submitting the order. Pure: the order's submit is passed in, the effects (release or restore
 * inventory reservations, reopen the order for entry) are returned as data for the host to carry out.
 */
import { z } from 'zod';
import { record } from '../config-record.ts';
import { didYouMean } from '../suggest.ts';
import { violation, type RuleViolation } from '../violation.ts';

const id = z.string().min(1).max(64);
const words = z.string().trim().min(1).max(100);

export const holdReasonCodeSchema = record({ code: id, description: words });
export type HoldReasonCode = z.infer<typeof holdReasonCodeSchema>;

/** CC-16: a hold code of the call center's configuration. */
export const holdCodeSchema = record({
  code: id,
  description: words,
  /** The roles whose users may place, check out and clear holds with this code (supervisors may work any hold). */
  roleIds: z.array(id).min(1),
  /** Default for sales order: the code of every automatic hold and of a manual hold placed without a code. */
  defaultForSalesOrder: z.boolean().default(false),
  /** Remove inventory reservations: the order's reservations are released when a hold with this code is placed. */
  removeInventoryReservations: z.boolean().default(false),
  /** Optional reason subcodes; a hold with this code may give one of them, never another. */
  reasonCodes: z.array(holdReasonCodeSchema).default([]),
});
export type HoldCode = z.infer<typeof holdCodeSchema>;

interface HoldCodeProblem { path: (string | number)[]; message: string }

/** CC-16: what is wrong with a list of hold codes as a whole: a code listed twice, more than one default. */
function holdCodeProblems(codes: readonly HoldCode[]): HoldCodeProblem[] {
  const problems: HoldCodeProblem[] = [];
  const seen = new Set<string>();
  codes.forEach((c, index) => {
    if (seen.has(c.code)) problems.push({ path: [index, 'code'], message: `hold code "${c.code}" is listed twice` });
    seen.add(c.code);
    const reasons = new Set<string>();
    c.reasonCodes.forEach((r, at) => {
      if (reasons.has(r.code)) problems.push({ path: [index, 'reasonCodes', at, 'code'], message: `reason code "${r.code}" is listed twice under hold code "${c.code}"` });
      reasons.add(r.code);
    });
  });
  const defaults = codes.flatMap((c, index) => (c.defaultForSalesOrder ? [index] : []));
  if (defaults.length > 1) {
    const names = defaults.map((i) => `"${codes[i]!.code}"`).join(' and ');
    problems.push({ path: [defaults[1]!, 'defaultForSalesOrder'], message: `only one hold code may be the default for sales orders; ${names} both are` });
  }
  return problems;
}

/** CC-16: null when the list of hold codes is valid, else the first problem (field: its path in the list). */
export function checkHoldCodes(codes: readonly HoldCode[]): RuleViolation | null {
  const first = holdCodeProblems(codes)[0];
  return first === undefined ? null : violation('CC-16', first.message, `holdCodes.${first.path.join('.')}`);
}

/** The configuration's list of hold codes, checked as a whole (CC-16). */
export const holdCodesSchema = z.array(holdCodeSchema).superRefine((codes, ctx) => {
  for (const problem of holdCodeProblems(codes)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** CC-16: the default hold code for sales orders, if one is configured. */
export function defaultHoldCode(codes: readonly HoldCode[]): HoldCode | undefined {
  return codes.find((c) => c.defaultForSalesOrder);
}

/** Who works holds: the user, and the role that decides which hold codes they may use. */
export interface CallCenterUser { operatorId: string; roleId: string }

/**
 * What the hold rules need of the configuration. Which roles are supervisors is the host's to say (a privilege or a
 * role of the call center): a supervisor may take over a hold another user checked out and may work any hold code.
 */
export interface HoldPolicy { holdCodes: readonly HoldCode[]; supervisorRoleIds: readonly string[] }

export const isSupervisor = (policy: HoldPolicy, user: CallCenterUser): boolean => policy.supervisorRoleIds.includes(user.roleId);

/** CC-17: manual holds are placed by a user at order entry or on the summary; the others by the order's submit. */
export const manualHoldOrigins = ['entry', 'summary'] as const;
export const automaticHoldOrigins = ['fraud', 'outOfBalance', 'creditLimit', 'check'] as const;
export type ManualHoldOrigin = (typeof manualHoldOrigins)[number];
export type AutomaticHoldOrigin = (typeof automaticHoldOrigins)[number];
export type HoldOrigin = ManualHoldOrigin | AutomaticHoldOrigin;

/** The origin in an agent's words, for the hold list's reason when the hold gives no reason code. */
const originWords: Record<HoldOrigin, string> = {
  entry: 'placed at order entry',
  summary: 'placed on the order summary',
  fraud: 'fraud check',
  outOfBalance: 'payments do not match the order total',
  creditLimit: 'over the credit limit',
  check: 'check over the check limit',
};

/** CC-16: a hold's code as staff read it: its name with the code beside it. */
function codeInWords(policy: HoldPolicy, code: string | null): string {
  if (code === null) return 'with no hold code';
  const name = policy.holdCodes.find((c) => c.code === code)?.description;
  return name === undefined ? `code ${code}` : `${name}, code ${code}`;
}

/**
 * CC-23: a hold placed, as the order's log tells staff: "Held: Order review, code REVIEW (placed on the order
 * summary)", with the reason, the notes, or what the submit found.
 */
export function heldInWords(policy: HoldPolicy, hold: OrderHold): string {
  const reason = policy.holdCodes.find((c) => c.code === hold.code)?.reasonCodes.find((r) => r.code === hold.reasonCode)?.description;
  const manual = (manualHoldOrigins as readonly string[]).includes(hold.origin);
  const why = [
    manual ? originWords[hold.origin] : `automatically: ${originWords[hold.origin]}`,
    ...(reason === undefined ? [] : [`reason: ${reason}`]),
    ...(hold.notes === '' ? [] : [manual ? `notes: ${hold.notes}` : hold.notes]),
  ];
  return `Held: ${codeInWords(policy, hold.code)} (${why.join('; ')})`;
}

/** CC-19: how a hold is cleared. */
export const clearVariants = ['clear', 'submitWhenCleared', 'clearAndSubmit', 'clearAndModify'] as const;
export type ClearVariant = (typeof clearVariants)[number];

export interface OrderHold {
  holdId: string;
  orderId: string;
  origin: HoldOrigin;
  /** Null only for an automatic hold while no default hold code is configured. */
  code: string | null;
  reasonCode: string | null;
  notes: string;
  /** The user who placed it, or whose submit placed it (an automatic hold of a batch names the batch). */
  placedBy: string;
  placedAt: number;
  /** CC-16: placing it released the order's inventory reservations. */
  releasedReservations: boolean;
  /** CC-18: who has it checked out, since when. */
  checkedOut: { by: string; at: number } | null;
  cleared: { by: string; at: number; variant: ClearVariant } | null;
}

export const isOpen = (hold: OrderHold): boolean => hold.cleared === null;

const holdName = (hold: Pick<OrderHold, 'holdId' | 'orderId'>) => `hold ${hold.holdId} on order ${hold.orderId}`;

interface HoldRequestBase { holdId: string; orderId: string; at: number; notes?: string }
/** CC-17: an agent puts the order on hold, at entry or on the summary, with a code (or the default) and a reason. */
export interface ManualHoldRequest extends HoldRequestBase { origin: ManualHoldOrigin; user: CallCenterUser; code?: string; reasonCode?: string }
/** CC-9 / CC-17: the order's submit puts it on hold (fraud, out of balance, credit limit, check). */
export interface AutomaticHoldRequest extends HoldRequestBase { origin: AutomaticHoldOrigin; placedBy: string }
export type HoldRequest = ManualHoldRequest | AutomaticHoldRequest;

const isManual = (request: HoldRequest): request is ManualHoldRequest => (manualHoldOrigins as readonly string[]).includes(request.origin);

function findCode(policy: HoldPolicy, code: string): HoldCode | RuleViolation {
  return policy.holdCodes.find((c) => c.code === code)
    ?? violation('CC-16', `there is no hold code "${code}"${didYouMean(code, policy.holdCodes.map((c) => c.code))}`, 'code');
}

/** CC-16: may the user use the code (a supervisor any)? An automatic hold without a code is anyone's to work. */
export function checkHoldCodeUse(policy: HoldPolicy, code: string | null, user: CallCenterUser): RuleViolation | null {
  if (code === null || isSupervisor(policy, user)) return null;
  const found = findCode(policy, code);
  if ('rule' in found) return found;
  return found.roleIds.includes(user.roleId) ? null : violation('CC-16', `${user.operatorId} may not use hold code "${code}" (${found.description}): ask a supervisor`, 'code');
}

/** CC-16: the code of a manual hold (the one asked for, else the default), checked against the user's role. */
function manualHoldCode(policy: HoldPolicy, request: ManualHoldRequest): HoldCode | RuleViolation {
  const asked = request.code ?? defaultHoldCode(policy.holdCodes)?.code;
  if (asked === undefined) return violation('CC-16', 'choose a hold code: no default hold code is set up', 'code');
  const code = findCode(policy, asked);
  if ('rule' in code) return code;
  const refused = checkHoldCodeUse(policy, code.code, request.user);
  if (refused !== null) return refused;
  if (request.reasonCode !== undefined && !code.reasonCodes.some((r) => r.code === request.reasonCode)) {
    const offered = code.reasonCodes.length === 0 ? 'it has no reason codes' : `its reasons are ${code.reasonCodes.map((r) => `"${r.code}"`).join(', ')}`;
    return violation('CC-16', `hold code "${code.code}" has no reason "${request.reasonCode}": ${offered}`, 'reasonCode');
  }
  return code;
}

export interface HoldPlaced {
  hold: OrderHold;
  /** CC-16: the host releases the order's inventory reservations (the hold's code says to remove them). */
  releaseReservations: boolean;
}

const MAX_NOTES = 1000;

/**
 * CC-16 / CC-17: places a hold on an order that already has `holds` (an order may have several). A manual hold needs
 * a code the user's role may use; an automatic hold takes the default code and is not placed twice for the same
 * cause while one is open (a second submit of an out-of-balance order does not stack holds).
 */
export function placeHold(policy: HoldPolicy, holds: readonly OrderHold[], request: HoldRequest): HoldPlaced | RuleViolation {
  if (holds.some((h) => h.holdId === request.holdId)) return violation('CONFLICT', `order ${request.orderId} already has a hold ${request.holdId}`, 'holdId');
  const notes = request.notes?.trim() ?? '';
  if (notes.length > MAX_NOTES) return violation('VALIDATION', `hold notes are limited to ${MAX_NOTES} characters`, 'notes');
  let code: HoldCode | undefined;
  if (isManual(request)) {
    const found = manualHoldCode(policy, request);
    if ('rule' in found) return found;
    code = found;
  } else {
    const open = holds.find((h) => isOpen(h) && h.origin === request.origin);
    if (open !== undefined) return violation('CC-17', `order ${request.orderId} is already on hold (${originWords[request.origin]}): hold ${open.holdId}`, 'origin');
    code = defaultHoldCode(policy.holdCodes);
  }
  const removes = code?.removeInventoryReservations ?? false;
  const hold: OrderHold = {
    holdId: request.holdId,
    orderId: request.orderId,
    origin: request.origin,
    code: code?.code ?? null,
    reasonCode: isManual(request) ? request.reasonCode ?? null : null,
    notes,
    placedBy: isManual(request) ? request.user.operatorId : request.placedBy,
    placedAt: request.at,
    releasedReservations: removes,
    checkedOut: null,
    cleared: null,
  };
  // Another open hold may have released them already: nothing left to release.
  return { hold, releaseReservations: removes && !holds.some((h) => isOpen(h) && h.releasedReservations) };
}

export interface AutomaticHoldsPlaced { placed: OrderHold[]; releaseReservations: boolean }

/**
 * CC-9 / CC-17: the holds an order's submit places for the causes it found (fraud, out of balance, credit limit,
 * check); a cause that already holds the order is not placed again. `holdIdOf` numbers each new hold.
 */
export function placeAutomaticHolds(
  policy: HoldPolicy, holds: readonly OrderHold[], causes: readonly AutomaticHoldOrigin[],
  submit: { orderId: string; placedBy: string; at: number; holdIdOf: (origin: AutomaticHoldOrigin) => string },
): AutomaticHoldsPlaced | RuleViolation {
  const all = [...holds];
  const placed: OrderHold[] = [];
  let releaseReservations = false;
  for (const origin of new Set(causes)) {
    if (all.some((h) => isOpen(h) && h.origin === origin)) continue;
    const result = placeHold(policy, all, { holdId: submit.holdIdOf(origin), orderId: submit.orderId, origin, placedBy: submit.placedBy, at: submit.at });
    if ('rule' in result) return result;
    all.push(result.hold);
    placed.push(result.hold);
    releaseReservations ||= result.releaseReservations;
  }
  return { placed, releaseReservations };
}

export type HoldDetailStatus = 'On hold' | 'Fraud hold';

export interface OrderHoldState {
  openHolds: number;
  /** CC-17 / CC-19: Yes while any hold is open; once none is, it clears only with payment Approved. */
  doNotProcess: boolean;
  /** CC-17: Fraud hold when an open hold comes from the fraud check, else On hold; null with no open hold. */
  detailStatus: HoldDetailStatus | null;
  /** CC-6 / CC-17: only an order with nothing holding it and its payment Approved goes on to picking. */
  releaseToPicking: boolean;
  /** CC-7 / CC-17: a held order may be left without its payments. */
  mayLeaveUnpaid: boolean;
}

/**
 * CC-17 / CC-19: what an order's holds make of it. `doNotProcess` is the order's flag as it stands (a declined card
 * sets it, CC-9); `paymentApproved` whether its payment status is Approved.
 */
export function orderHoldState(holds: readonly OrderHold[], order: { doNotProcess: boolean; paymentApproved: boolean }): OrderHoldState {
  const open = holds.filter(isOpen);
  const doNotProcess = open.length > 0 || (order.doNotProcess && !order.paymentApproved);
  return {
    openHolds: open.length,
    doNotProcess,
    detailStatus: open.length === 0 ? null : open.some((h) => h.origin === 'fraud') ? 'Fraud hold' : 'On hold',
    releaseToPicking: !doNotProcess && order.paymentApproved,
    mayLeaveUnpaid: open.length > 0,
  };
}

const DAY_MS = 86_400_000;

/**
 * CC-17: days on hold, in calendar days (UTC, the engine's clock): 0 on the day it was placed, 1 from the next
 * midnight, whatever the hour. A cleared hold stops counting on the day it was cleared.
 */
export function daysOnHold(hold: Pick<OrderHold, 'placedAt' | 'cleared'>, now: number): number {
  const until = hold.cleared?.at ?? now;
  return Math.max(0, Math.floor(until / DAY_MS) - Math.floor(hold.placedAt / DAY_MS));
}

const notCleared = (hold: OrderHold): RuleViolation | null =>
  isOpen(hold) ? null : violation('STATE', `${holdName(hold)} is already cleared`, 'holdId');

/** CC-18: someone else has the hold checked out. */
export function checkNotCheckedOutByOther(hold: OrderHold, user: CallCenterUser): RuleViolation | null {
  const by = hold.checkedOut?.by;
  if (by === undefined || by === user.operatorId) return null;
  return violation('CC-18', `${holdName(hold)} is checked out by ${by}: only ${by} can work it, or a supervisor can take it over`, 'holdId');
}

/**
 * CC-16 / CC-18 (decision): may `user` clear the hold? Not while another user has it checked out (a supervisor takes
 * it over first), and only with a code their role may use. Checking out is the order hold machine's: only a hold no
 * one has checked out can be.
 */
export function checkClear(policy: HoldPolicy, hold: OrderHold, user: CallCenterUser): RuleViolation | null {
  return notCleared(hold) ?? checkNotCheckedOutByOther(hold, user) ?? checkHoldCodeUse(policy, hold.code, user);
}

/** CC-18: only a supervisor takes over a hold another user has checked out. */
export function checkOverrideCheckOut(policy: HoldPolicy, hold: OrderHold, user: CallCenterUser): RuleViolation | null {
  const refused = notCleared(hold);
  if (refused !== null) return refused;
  if (hold.checkedOut === null) return violation('STATE', `${holdName(hold)} is not checked out: check it out instead`, 'holdId');
  return isSupervisor(policy, user) ? null : violation('CC-18', `only a supervisor can take over ${holdName(hold)} from ${hold.checkedOut.by}`, 'operatorId');
}

/** CC-18: only the user who has the hold checked out gives it back (the hold stays on the order). */
export function checkReleaseCheckOut(hold: OrderHold, user: CallCenterUser): RuleViolation | null {
  if (hold.checkedOut === null) return violation('STATE', `${holdName(hold)} is not checked out`, 'holdId');
  return hold.checkedOut.by === user.operatorId ? null : violation('CC-18', `only ${hold.checkedOut.by}, who has ${holdName(hold)} checked out, can check it back in`, 'operatorId');
}

/** The order's submit (another part's): it either goes through or says why not (a payment is missing, ...). */
export type SubmitResult = { ok: true } | { violation: RuleViolation };

/**
 * CC-19: "submit when cleared" keeps the hold when the submit fails (the agent fixes the payment and clears again).
 * `submitted` is null when no submit was made (other holds are still open).
 */
export function checkSubmitWhenCleared(hold: OrderHold, variant: ClearVariant, submitted: SubmitResult | null): RuleViolation | null {
  if (variant !== 'submitWhenCleared' || submitted === null || 'ok' in submitted) return null;
  const { message, field, amounts } = submitted.violation;
  return violation('CC-19', `${holdName(hold)} stays: the order could not be submitted (${message})`, field, amounts);
}

/** CC-18: the user and the time are shown on the hold list. */
export const checkOutHold = (hold: OrderHold, user: CallCenterUser, at: number): OrderHold => ({ ...hold, checkedOut: { by: user.operatorId, at } });
export const releaseCheckOut = (hold: OrderHold): OrderHold => ({ ...hold, checkedOut: null });
export const clearedHold = (hold: OrderHold, user: CallCenterUser, at: number, variant: ClearVariant): OrderHold =>
  ({ ...hold, checkedOut: null, cleared: { by: user.operatorId, at, variant } });

export interface ClearRequest { holdId: string; user: CallCenterUser; at: number; variant: ClearVariant }

export interface HoldCleared {
  hold: OrderHold;
  /** The order's submit, when the clear asked for one and no other hold stays open; else null. */
  submitted: SubmitResult | null;
  /** CC-19 Clear and modify: the order goes back to entry for the agent to change. */
  reopenForEntry: boolean;
  /** CC-16: this hold released the reservations and no other open hold keeps them released: reserve again. */
  reserveAgain: boolean;
}

/**
 * CC-19: clears one of an order's holds. "Submit when cleared" and "Clear and submit" submit the order once its last
 * open hold is cleared (decision: with other holds still open nothing is submitted yet; the order could not go on
 * anyway). A failed submit keeps the hold with "submit when cleared"; with "Clear and submit" the hold goes and the
 * order stays Do not process (see `orderHoldState`) until a valid payment is submitted.
 */
export function clearHold<O>(policy: HoldPolicy, holds: readonly OrderHold[], request: ClearRequest, order: O, submit: (order: O) => SubmitResult): HoldCleared | RuleViolation {
  const hold = holds.find((h) => h.holdId === request.holdId);
  if (hold === undefined) return violation('NOT_FOUND', `there is no hold ${request.holdId} on this order`, 'holdId');
  const refused = checkClear(policy, hold, request.user);
  if (refused !== null) return refused;
  const others = holds.filter((h) => h !== hold && isOpen(h));
  const submits = request.variant === 'submitWhenCleared' || request.variant === 'clearAndSubmit';
  const submitted = submits && others.length === 0 ? submit(order) : null;
  const kept = checkSubmitWhenCleared(hold, request.variant, submitted);
  if (kept !== null) return kept;
  return {
    hold: clearedHold(hold, request.user, request.at, request.variant),
    submitted,
    reopenForEntry: request.variant === 'clearAndModify',
    reserveAgain: hold.releasedReservations && !others.some((h) => h.releasedReservations),
  };
}

/**
 * CC-23: a clear, as the order's log tells staff: what became of the order ("Hold cleared and order submitted"), the
 * hold's code by name, and why a submit it asked for did not go through.
 */
export function clearedInWords(policy: HoldPolicy, cleared: HoldCleared): string {
  const { hold, submitted } = cleared;
  const code = codeInWords(policy, hold.code);
  const variant = hold.cleared!.variant;
  if (variant === 'clearAndModify') return `Hold cleared and order reopened for changes (${code})`;
  if (variant === 'clear') return `Hold cleared (${code})`;
  if (submitted === null) return `Hold cleared (${code}); the order waits for its other holds to be cleared before it is submitted`;
  return 'ok' in submitted ? `Hold cleared and order submitted (${code})`
    : `Hold cleared (${code}), but the order could not be submitted: ${submitted.violation.message}; it stays Do not process`;
}

/** CC-17: a row of the hold list. */
export interface HoldListRow {
  holdId: string;
  orderId: string;
  customerId: string;
  customerName: string;
  code: string | null;
  codeDescription: string;
  /** The reason code's description, else the hold's origin in words. */
  reason: string;
  notes: string;
  origin: HoldOrigin;
  fraud: boolean;
  placedBy: string;
  placedAt: number;
  daysOnHold: number;
  checkedOutBy: string | null;
  checkedOutAt: number | null;
}

export interface HeldOrderCustomer { customerId: string; customerName: string }

/**
 * CC-17: the open holds as the hold list shows them, the longest held first (the queue agents work from the top),
 * then by order and hold. `customerOf` names each order's customer.
 */
export function holdList(holds: readonly OrderHold[], codes: readonly HoldCode[], customerOf: (orderId: string) => HeldOrderCustomer, now: number): HoldListRow[] {
  return holds
    .filter(isOpen)
    .toSorted((a, b) => a.placedAt - b.placedAt || a.orderId.localeCompare(b.orderId) || a.holdId.localeCompare(b.holdId))
    .map((h) => {
      const code = codes.find((c) => c.code === h.code);
      const reason = code?.reasonCodes.find((r) => r.code === h.reasonCode)?.description ?? originWords[h.origin];
      return {
        holdId: h.holdId,
        orderId: h.orderId,
        ...customerOf(h.orderId),
        code: h.code,
        codeDescription: code?.description ?? '',
        reason,
        notes: h.notes,
        origin: h.origin,
        fraud: h.origin === 'fraud',
        placedBy: h.placedBy,
        placedAt: h.placedAt,
        daysOnHold: daysOnHold(h, now),
        checkedOutBy: h.checkedOut?.by ?? null,
        checkedOutAt: h.checkedOut?.at ?? null,
      };
    });
}
