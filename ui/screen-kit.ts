/**
 * What the fulfilment, pickup and analyst screens share: a refused command shown in place (the rule the server
 * named, e.g. ST-5 or FF-3, and its message, in an alert that screen readers announce), commands that never throw,
 * and the live connection's state.
 */
import { html, nothing } from 'lit';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { CommandAnswer, StoreApi } from './api.ts';

/** A short, readable name for the server's generic refusal classes (spec rule IDs are shown as they are). */
const ruleNames: Record<string, string> = {
  VALIDATION: 'Invalid input',
  NOT_FOUND: 'Not found',
  STATE: 'Not possible now',
  CONFLICT: 'Changed meanwhile',
  UNAUTHENTICATED: 'Signed out',
  INTERNAL: 'Server error',
  NETWORK: 'No connection',
};

export function refusalText(error: RuleViolation): string {
  const name = ruleNames[error.rule];
  return `${name === undefined ? `Refused (${error.rule})` : `${name} (${error.rule})`}: ${error.message}`;
}

/** The refusal in an alert box, or nothing. */
export function refusal(error: RuleViolation | null | undefined, id?: string) {
  if (error === null || error === undefined) return nothing;
  return html`<div class="error" role="alert" id=${id ?? nothing} data-rule=${error.rule}>${refusalText(error)}</div>`;
}

/** A thrown error (network down, server refusing a read) as a violation to show. */
export function violationOf(error: unknown): RuleViolation {
  if (typeof error === 'object' && error !== null && 'violation' in error) return (error as { violation: RuleViolation }).violation;
  return { rule: 'NETWORK', message: error instanceof Error ? error.message : 'the server cannot be reached' };
}

/** Sends a command; a network failure comes back as a refusal (the screens show it like any other). */
export async function sendCommand(api: StoreApi, command: Record<string, unknown>): Promise<CommandAnswer> {
  try {
    return await api.command(command);
  } catch (error) {
    return { ok: false, error: violationOf(error) };
  }
}

/** The live feed's state as a pill: following changes, or reconnecting. */
export function connectionPill(online: boolean) {
  return online
    ? html`<span class="online" role="status">Live</span>`
    : html`<span class="offline" role="status">Reconnecting...</span>`;
}
