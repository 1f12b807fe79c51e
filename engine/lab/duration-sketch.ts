/**
 * Percentiles of durations (lead times, sync lag) in bounded memory. A small run keeps every sample and its
 * percentiles are exact; past EXACT_LIMIT samples the sketch moves to log-spaced buckets (DDSketch's scheme): each
 * bucket covers (GAMMA^(i-1), GAMMA^i] ms, so a percentile read from it is within 1% of the true value, and a day of
 * a million lines holds at most a thousand-odd buckets instead of a million samples.
 */
import type { Percentiles } from './lab-report.ts';

/** Samples kept exactly before the sketch switches to buckets. */
export const EXACT_LIMIT = 10_000;

/** Bucket growth: 2% wide buckets read back at their middle give at most 1% relative error. */
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);

const bucketOf = (ms: number) => Math.ceil(Math.log(ms) / LOG_GAMMA);
/** The value a bucket stands for: the point whose relative distance to both ends is the same. */
const valueOf = (bucket: number) => Math.round((2 * GAMMA ** bucket) / (GAMMA + 1));

export class DurationSketch {
  private samples: number[] | null = [];
  private readonly buckets = new Map<number, number>();
  /** Zero durations have no logarithm: counted apart (a line accepted and picked by the same command). */
  private zeros = 0;
  private count = 0;
  private max = 0;

  add(ms: number): void {
    const duration = Math.max(0, Math.round(ms));
    this.count += 1;
    this.max = Math.max(this.max, duration);
    if (this.samples === null) this.addToBucket(duration, 1);
    else {
      this.samples.push(duration);
      if (this.samples.length > EXACT_LIMIT) this.toBuckets();
    }
  }

  /** Takes another sketch's samples in (the all-locations figure from each location's). */
  merge(other: DurationSketch): void {
    if (other.samples !== null) {
      for (const ms of other.samples) this.add(ms);
      return;
    }
    this.toBuckets();
    for (const [bucket, n] of other.buckets) this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + n);
    this.zeros += other.zeros;
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
  }

  /** The percentiles (nearest rank); null when nothing was measured. */
  summary(): Percentiles | null {
    if (this.count === 0) return null;
    if (this.samples !== null) {
      const sorted = [...this.samples].sort((a, b) => a - b);
      const at = (q: number) => sorted[rankOf(q, sorted.length) - 1]!;
      return { count: this.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: this.max, method: 'exact' };
    }
    const order = [...this.buckets.keys()].sort((a, b) => a - b);
    const at = (q: number) => {
      let seen = this.zeros;
      const rank = rankOf(q, this.count);
      if (seen >= rank) return 0;
      for (const bucket of order) {
        seen += this.buckets.get(bucket)!;
        if (seen >= rank) return Math.min(valueOf(bucket), this.max);
      }
      return this.max;
    };
    return { count: this.count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: this.max, method: 'sketch' };
  }

  private toBuckets(): void {
    if (this.samples === null) return;
    const samples = this.samples;
    this.samples = null;
    for (const ms of samples) this.addToBucket(ms, 1);
  }

  private addToBucket(ms: number, n: number): void {
    if (ms === 0) this.zeros += n;
    else {
      const bucket = bucketOf(ms);
      this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + n);
    }
  }
}

/** Nearest rank: the smallest sample with at least q of the samples at or below it. */
function rankOf(q: number, count: number): number {
  return Math.max(1, Math.ceil(q * count));
}
