/**
 * What the fulfilment, pickup and analyst screens share: a refused command shown in place (the server's plain words,
 * the rule in a detail line for support, in an alert that screen readers announce), commands that never throw,
 * and the live connection's state.
 */
import { html, nothing } from 'lit';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { CommandAnswer, StoreApi } from './api.ts';
import { refusalContent } from './refusal-text.ts';

/** The refusal in an alert box, or nothing. */
export function refusal(error: RuleViolation | null | undefined, id?: string) {
  if (error === null || error === undefined) return nothing;
  return html`<div class="error" role="alert" id=${id ?? nothing} data-rule=${error.rule}>${refusalContent(error)}</div>`;
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
