/** How the server answers what it refuses: an HTTP status and the engine's `{rule, field, message}`. */
import type { RuleViolation } from '../domain/violation.ts';

export interface ApiError extends RuleViolation { status: number }

/**
 * 400 malformed, 401 not signed in, 403 not allowed (ST-5), 404 unknown, 409 not now (state, conflict), 422 a rule
 * says no, 503 the journal failed: the command was not taken (UNAVAILABLE), or it may or may not have been stored
 * (OUTCOME_UNKNOWN: its commandId tells once the server is back).
 */
export function statusOf(violation: RuleViolation): number {
  switch (violation.rule) {
    case 'VALIDATION': return 400;
    case 'UNAUTHENTICATED': return 401;
    case 'ST-5': return 403;
    case 'NOT_FOUND': return 404;
    case 'STATE':
    case 'CONFLICT': return 409;
    case 'UNAVAILABLE':
    case 'OUTCOME_UNKNOWN': return 503;
    default: return 422;
  }
}

export function apiError(violation: RuleViolation): ApiError {
  return { status: statusOf(violation), ...violation };
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'status' in value && 'rule' in value && 'message' in value;
}
