/** Why a command was refused: the spec rule it breaks (or a generic class) and the field at fault. */
export interface RuleViolation {
  /** A spec rule ID (e.g. "CO-7") or VALIDATION / NOT_FOUND / STATE / CONFLICT. */
  rule: string;
  message: string;
  field?: string;
}

export const isViolation = (x: unknown): x is RuleViolation => typeof x === 'object' && x !== null && 'rule' in x && 'message' in x;

export function violation(rule: string, message: string, field?: string): RuleViolation {
  return field === undefined ? { rule, message } : { rule, message, field };
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
