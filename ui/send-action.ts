/**
 * Every command a screen sends is one user action under a key of its own (`commandId`), sent again under the same
 * key while its outcome is not known: the server answers a repeat with the first answer, so the action happens once.
 */
import type { CommandAnswer } from './api.ts';

/** A fresh key for one user action. */
export function newCommandId(): string {
  // randomUUID needs a secure context; the screens may be served over plain HTTP inside the store.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** How long to wait before each new try of an action whose outcome is not known (ms). */
const RETRY_DELAYS = [500, 1500, 4000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one user action (`request`: the command and its approval) under one new key, and again under the same key
 * while its outcome is not known: the request failed on the way (it may have arrived), or the server answered
 * OUTCOME_UNKNOWN, or after that it is not back yet (UNAVAILABLE). A first UNAVAILABLE is an answer: not taken.
 */
export async function sendAction(post: (body: string) => Promise<CommandAnswer>, request: Record<string, unknown>, delays = RETRY_DELAYS, wait = sleep): Promise<CommandAnswer> {
  const body = JSON.stringify({ ...request, commandId: newCommandId() });
  let unknown = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await post(body);
      const rule = answer.ok ? null : answer.error.rule;
      if ((rule !== 'OUTCOME_UNKNOWN' && !(unknown && rule === 'UNAVAILABLE')) || attempt >= delays.length) return answer;
    } catch (error) {
      if (attempt >= delays.length) throw error;
    }
    unknown = true;
    await wait(delays[attempt]!);
  }
}
