/**
 * Deterministic identifiers and randomness: per-prefix counters and a seeded PRNG (mulberry32), both part of the
 * engine state so that replaying the same commands yields the same ids, and a refused command can give back
 * what it drew.
 */
export interface IdState { counters: Record<string, number>; rng: number }

export class SeededIds {
  private state: IdState;

  constructor(seed: number, state?: IdState) {
    this.state = state === undefined ? { counters: {}, rng: seed >>> 0 } : structuredClone(state);
  }

  /** `CO-000042`: the next id of a prefix. */
  next(prefix: string): string {
    const n = (this.state.counters[prefix] ?? 0) + 1;
    this.state.counters[prefix] = n;
    return `${prefix}-${String(n).padStart(6, '0')}`;
  }

  /** A uniformly distributed float in [0, 1). */
  random(): number {
    let t = (this.state.rng = (this.state.rng + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An opaque token (card tokens, confirmation codes), drawn from the seeded stream. */
  token(prefix: string): string {
    const digits = Math.floor(this.random() * 0xffffffff).toString(16).padStart(8, '0');
    return `${prefix}_${digits}`;
  }

  mark(): IdState {
    return { counters: { ...this.state.counters }, rng: this.state.rng };
  }

  reset(mark: IdState): void {
    this.state = { counters: { ...mark.counters }, rng: mark.rng };
  }

  toJSON(): IdState {
    return this.mark();
  }
}

/** Virtual time in ms since the epoch; advanced only by commands, so a replay sees the same times. */
export class VirtualClock {
  constructor(public now: number) {}
}
