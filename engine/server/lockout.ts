/**
 * Backoff after repeated failures, per key (an operator's wrong PINs at sign-in, the approvals an operator asked that
 * were refused): the fifth failure locks the key for a minute, each further one doubles that, up to half an hour. A
 * success clears the key; so does an hour without failures once its lockout is over. PINs are 4 digits: one
 * operator's PIN then takes weeks to guess, however many addresses try.
 */
const FREE_FAILURES = 4;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 30 * 60_000;
const FORGET_MS = 60 * 60_000;

interface Failures { count: number; lockedUntil: number; last: number }

export class Lockout {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number) {}

  /** How long the key is still locked out (0: it is not). */
  lockedFor(key: string): number {
    return Math.max(0, (this.current(key)?.lockedUntil ?? 0) - this.now());
  }

  failed(key: string): void {
    const now = this.now();
    const entry = this.current(key) ?? { count: 0, lockedUntil: 0, last: now };
    entry.count += 1;
    entry.last = now;
    if (entry.count > FREE_FAILURES) entry.lockedUntil = now + Math.min(FIRST_LOCK_MS * 2 ** (entry.count - FREE_FAILURES - 1), MAX_LOCK_MS);
    this.failures.set(key, entry);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** Forgets the keys whose failures are old (the map holds only what may still lock someone out). */
  sweep(): void {
    for (const key of [...this.failures.keys()]) this.current(key);
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry !== undefined && Math.max(entry.lockedUntil, entry.last) + FORGET_MS <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}

/** "1 minute", "2 minutes": a lockout's rest as staff read it. */
export function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
