/**
 * Deterministic identifiers and randomness: per-prefix counters and a seeded PRNG (mulberry32), both part of the
 * engine state so that replaying the same commands yields the same ids, and a refused command can give back
 * what it drew: while a command runs, each draw notes what it replaced (`begin` / `rollback` / `end`), so giving
 * back costs the draws, not the counters.
 */
export interface IdState { counters: Record<string, number>; rng: number }

export class SeededIds {
  private state: IdState;
  /** What the draws of the command in progress replaced, oldest first (null: no command in progress). */
  private replaced: { prefix: string | null; was: number | undefined }[] | null = null;

  constructor(seed: number, state?: IdState) {
    this.state = state === undefined ? { counters: {}, rng: seed >>> 0 } : structuredClone(state);
  }

  /** A command starts: its draws can be given back. */
  begin(): void {
    this.replaced = [];
  }

  /** The command is done: its draws stay. */
  end(): void {
    this.replaced = null;
  }

  /** The command was refused: every draw it made is given back. */
  rollback(): void {
    const replaced = this.replaced ?? [];
    for (let i = replaced.length - 1; i >= 0; i--) {
      const { prefix, was } = replaced[i]!;
      if (prefix === null) this.state.rng = was!;
      else if (was === undefined) delete this.state.counters[prefix];
      else this.state.counters[prefix] = was;
    }
    this.replaced = null;
  }

  /** `CO-000042`: the next id of a prefix. */
  next(prefix: string): string {
    return `${prefix}-${String(this.nextNumber(prefix)).padStart(6, '0')}`;
  }

  /** The next number of a prefix, bare (revisions). */
  nextNumber(prefix: string): number {
    const was = this.state.counters[prefix];
    this.replaced?.push({ prefix, was });
    const n = (was ?? 0) + 1;
    this.state.counters[prefix] = n;
    return n;
  }

  /** A uniformly distributed float in [0, 1). */
  random(): number {
    this.replaced?.push({ prefix: null, was: this.state.rng });
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

  /** A version-4-shaped GUID from the seeded stream (CU-4: the temporary id of a customer created async). */
  guid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.random() * 0x100000000).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** The number the next id of a prefix follows (0: none drawn). */
  last(prefix: string): number {
    return this.state.counters[prefix] ?? 0;
  }

  /**
   * Recovery: numbers never go back to ones already used elsewhere, and the random stream moves on to a place it
   * has not been (ids and GUIDs drawn before a lost command are not drawn again).
   */
  moveOn(counters: Record<string, number>, entropy: number): void {
    for (const [prefix, n] of Object.entries(counters)) {
      this.replaced?.push({ prefix, was: this.state.counters[prefix] });
      this.state.counters[prefix] = Math.max(this.last(prefix), n);
    }
    this.replaced?.push({ prefix: null, was: this.state.rng });
    this.state.rng = (Math.imul(this.state.rng ^ entropy, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
  }

  toJSON(): IdState {
    return { counters: { ...this.state.counters }, rng: this.state.rng };
  }
}

/** Where a chain's virtual clock starts when its configuration names no start (a Monday morning). */
export const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Virtual time in ms since the epoch; advanced only by commands, so a replay sees the same times. */
export class VirtualClock {
  constructor(public now: number) {}
}
