/** Opening a shift (numbered per register, with its opening float) and closing it with the tender declaration. */
import type { CommandScope } from '../command-scope.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { toRegister } from './till.ts';

export function openRegisterShift(scope: CommandScope, command: CommandOf<'register.openShift'>): Record<string, unknown> {
  const shiftId = scope.ids.next(`SH-${command.registerId}`);
  return { ...toRegister(scope, command.registerId, { type: 'OPEN_SHIFT', operatorId: command.operatorId, shiftId, openingFloat: command.openingFloat ?? 0, at: scope.now }), shiftId };
}

/** The Z report the close made comes back with the answer. */
export function closeRegisterShift(scope: CommandScope, command: CommandOf<'register.closeShift'>): Record<string, unknown> {
  const result = toRegister(scope, command.registerId, { type: 'CLOSE_SHIFT', at: scope.now, declaration: command.declaration ?? null });
  return { ...result, zReport: scope.context('register', command.registerId).zReports.at(-1) ?? null };
}
