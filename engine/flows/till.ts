/** Till operations that go to the register as they are: the event, and the transaction it is part of. */
import type { CommandScope } from '../command-scope.ts';
import { amountKept, tendered } from '../domain/register-transaction.ts';
import type { CommandOf } from '../protocol/commands.ts';
import type { RegisterEvent } from '../../machines/register.machine.ts';

export function toRegister(scope: CommandScope, registerId: string, event: RegisterEvent): Record<string, unknown> {
  scope.send('register', registerId, event, 'registerId');
  return { registerId, transactionId: scope.context('register', registerId).transaction?.transactionId ?? null };
}

/** A new transaction id only when the register has none open (ADD_ITEM / SET_CUSTOMER start one). */
export function transactionIdFor(scope: CommandScope, registerId: string): string {
  return scope.context('register', registerId).transaction?.transactionId ?? scope.ids.next(`T-${registerId}`);
}

/** A tender; the one that settles the transaction says so, with the change handed back. */
export function tender(scope: CommandScope, command: CommandOf<'register.tender'>): Record<string, unknown> {
  const before = scope.context('register', command.registerId).transaction;
  const result = toRegister(scope, command.registerId, { type: 'TENDER', tenderId: scope.ids.next('TND'), method: command.method, amount: command.amount, cardToken: command.cardToken, approverId: command.approverId });
  const after = scope.context('register', command.registerId).transaction;
  if (before === null || after !== null) return { ...result, transactionId: before?.transactionId ?? null, completed: false };
  // Cash beyond what the transaction keeps (and anything tendered on what became a quote) is handed back.
  const received = tendered(before) + command.amount;
  return { ...result, transactionId: before.transactionId, completed: true, change: received - amountKept(scope.catalog, before, received) };
}
