/** Hold codes, users and holds shared by the hold tests (CC-16..CC-19). */
import { holdCodesSchema, placeHold, type CallCenterUser, type HoldPolicy, type HoldRequest, type OrderHold } from '../../../engine/domain/call-center/holds.ts';
import { isViolation } from '../../../engine/domain/violation.ts';

export const holdCodes = holdCodesSchema.parse([
  {
    code: 'HOLD', description: 'General hold', roleIds: ['agent', 'supervisor'], defaultForSalesOrder: true,
    reasonCodes: [{ code: 'CALLBACK', description: 'Customer will call back' }, { code: 'ADDRESS', description: 'Confirm the ship-to address' }],
  },
  { code: 'FRAUD-REVIEW', description: 'Fraud review', roleIds: ['supervisor'], removeInventoryReservations: true },
]);

export const policy: HoldPolicy = { holdCodes, supervisorRoleIds: ['supervisor'] };

export const agent1: CallCenterUser = { operatorId: 'agent1', roleId: 'agent' };
export const agent2: CallCenterUser = { operatorId: 'agent2', roleId: 'agent' };
export const supervisor: CallCenterUser = { operatorId: 'super1', roleId: 'supervisor' };

export const DAY = 86_400_000;
/** 2026-12-05 00:00 UTC. */
export const DAY0 = Date.UTC(2026, 11, 5);

/** Places a hold that the test expects to be placed. */
export function placed(holds: readonly OrderHold[], request: HoldRequest, holdPolicy: HoldPolicy = policy): OrderHold {
  const result = placeHold(holdPolicy, holds, request);
  if (isViolation(result)) throw new Error(`hold refused: ${result.message}`);
  return result.hold;
}

/** A manual hold placed by agent1 on the summary with the default code. */
export const summaryHold = (holdId: string, orderId: string, at: number): OrderHold =>
  placed([], { holdId, orderId, origin: 'summary', user: agent1, at });
