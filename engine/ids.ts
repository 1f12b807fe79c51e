/**
 * Deterministic identifiers and randomness: per-prefix counters and a seeded PRNG (mulberry32), both part of the
 * engine state so that replaying the same commands yields the same ids, and a refused command can give back
 * what it drew: while a command runs, each draw notes how to undo itself (`begin` / `rollback` / `end`), so giving
 * back costs the draws, not the counters.
 */
import { RNG_STEP, rngAhead, type Numbering } from './domain/numbering.ts';

/**
 * The numbering, and the order ids headquarters already holds for sales the channel lost (by channel reference:
 * the same sale, tendered again, takes the same order id; see Chain.reconcile).
 */
export interface IdState extends Numbering { reserved?: Record<string, string> }

export class SeededIds {
  private state: IdState;
  /** How to undo each draw of the command in progress, oldest first (null: no command in progress). */
  private undo: (() => void)[] | null = null;

  constructor(seed: number, state?: IdState) {
    this.state = state === undefined ? { counters: {}, rng: seed >>> 0 } : structuredClone(state);
  }

  /** A command starts: its draws can be given back. */
  begin(): void {
    this.undo = [];
  }

  /** The command is done: its draws stay. */
  end(): void {
    this.undo = null;
  }

  /** The command was refused: every draw it made is given back. */
  rollback(): void {
    const undo = this.undo ?? [];
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
    this.undo = null;
  }

  private setCounter(prefix: string, n: number): void {
    const { counters } = this.state;
    const was = counters[prefix];
    this.undo?.push(() => { if (was === undefined) delete counters[prefix]; else counters[prefix] = was; });
    counters[prefix] = n;
  }

  private setRng(rng: number): void {
    const was = this.state.rng;
    this.undo?.push(() => { this.state.rng = was; });
    this.state.rng = rng;
  }

  /** `CO-000042`: the next id of a prefix. */
  next(prefix: string): string {
    return `${prefix}-${String(this.nextNumber(prefix)).padStart(6, '0')}`;
  }

  /** The next number of a prefix, bare (revisions). */
  nextNumber(prefix: string): number {
    const n = this.last(prefix) + 1;
    this.setCounter(prefix, n);
    return n;
  }

  /** A uniformly distributed float in [0, 1). */
  random(): number {
    this.setRng((this.state.rng + RNG_STEP) >>> 0);
    let t = this.state.rng;
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

  /** The random stream's state. */
  get rng(): number {
    return this.state.rng;
  }

  /** The number the next id of a prefix follows (0: none drawn). */
  last(prefix: string): number {
    return this.state.counters[prefix] ?? 0;
  }

  /** The order id reserved for a sale (by channel reference), if any. */
  reservedFor(channelReference: string): string | undefined {
    return this.state.reserved?.[channelReference];
  }

  /** The order id reserved for a sale (by channel reference), taken once. */
  takeReserved(channelReference: string): string | undefined {
    const orderId = this.reservedFor(channelReference);
    if (orderId === undefined) return undefined;
    const rest = { ...this.state.reserved };
    delete rest[channelReference];
    this.setReserved(rest);
    return orderId;
  }

  private setReserved(reserved: Record<string, string>): void {
    const was = this.state.reserved;
    this.undo?.push(() => { this.restoreReserved(was); });
    this.restoreReserved(reserved);
  }

  /** Absent when empty, so that a numbering that never reserved anything exports as it always did. */
  private restoreReserved(reserved: Record<string, string> | undefined): void {
    if (reserved === undefined || Object.keys(reserved).length === 0) delete this.state.reserved;
    else this.state.reserved = reserved;
  }

  /**
   * Recovery: counters move past numbers already used elsewhere, the random stream moves on to where it had got
   * (so ids and GUIDs drawn before a lost command are not drawn again), and lost sales keep their order ids.
   */
  moveOn(counters: Record<string, number>, rng: number | undefined, reserved: Record<string, string>): void {
    for (const [prefix, n] of Object.entries(counters)) if (n > this.last(prefix)) this.setCounter(prefix, n);
    if (rng !== undefined && rngAhead(rng, this.state.rng)) this.setRng(rng);
    if (Object.keys(reserved).length > 0) this.setReserved({ ...this.state.reserved, ...reserved });
  }

  toJSON(): IdState {
    const { counters, rng, reserved } = this.state;
    return reserved === undefined ? { counters: { ...counters }, rng } : { counters: { ...counters }, rng, reserved: { ...reserved } };
  }
}

/** Where a chain's virtual clock starts when its configuration names no start (a Monday morning). */
export const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Virtual time in ms since the epoch; advanced only by commands, so a replay sees the same times. */
export class VirtualClock {
  constructor(public now: number) {}
}
