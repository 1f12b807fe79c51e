import type { Minor } from './money.ts';

/**
 * Why a command was refused: the spec rule it breaks (or a generic class) and the field at fault, for programs; the
 * message in plain words for staff (no rule ID, permission key, machine state or minor units: money is written in
 * the store's currency), and the amounts it speaks of in minor units, for programs.
 */
export interface RuleViolation {
  /** A spec rule ID (e.g. "CO-7") or VALIDATION / NOT_FOUND / STATE / CONFLICT. */
  rule: string;
  message: string;
  field?: string;
  amounts?: Readonly<Record<string, Minor>>;
}

export const isViolation = (x: unknown): x is RuleViolation => typeof x === 'object' && x !== null && 'rule' in x && 'message' in x;

export function violation(rule: string, message: string, field?: string, amounts?: Readonly<Record<string, Minor>>): RuleViolation {
  const found: RuleViolation = field === undefined ? { rule, message } : { rule, message, field };
  return amounts === undefined ? found : { ...found, amounts };
}

/**
 * A refusal as every screen shows it to staff: the message in plain words (a sentence), and a detail line for
 * support with the rule and the field ("Ref. CO-8, cardToken").
 */
export function staffWords(refusal: RuleViolation): { message: string; detail: string } {
  // Validation messages start with the field's path ("command.ms: too big"): the detail line says it.
  const words = refusal.field !== undefined && refusal.message.startsWith(`${refusal.field}: `) ? refusal.message.slice(refusal.field.length + 2) : refusal.message;
  const message = words.charAt(0).toUpperCase() + words.slice(1);
  return { message, detail: `Ref. ${refusal.rule}${refusal.field === undefined ? '' : `, ${refusal.field}`}` };
}

/** Thrown inside a command to refuse it; the host rolls the command back and returns the violation. */
export class CommandRefused extends Error {
  constructor(readonly violation: RuleViolation) {
    super(`${violation.rule}: ${violation.message}`);
  }
}

export function refuse(rule: string, message: string, field?: string): never {
  throw new CommandRefused(violation(rule, message, field));
}
