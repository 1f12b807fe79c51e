/**
 * A chaotic network between the stores and headquarters, for the exactly-once property tests (SY-3).
 *
 * Every delivery the chain sends (P-job uploads, acknowledgements, job 1010 packages) is held in flight, as the
 * wire would carry it (a JSON copy), until the test decides what happens to it:
 * - deliver: the oldest one in flight arrives (FIFO);
 * - reorder: a newer one arrives before the older ones still in flight;
 * - duplicate: a copy of one in flight arrives now, the original stays in flight and arrives again later;
 * - replay: a copy of one that already arrived arrives again, late (an old, stale duplicate);
 * - drop: one in flight is lost.
 * Arriving goes through `chain.deliver`, which loses it when the store is offline at that moment.
 */
import type { Chain, Delivery, Transport } from '../../engine/chain.ts';

export interface NetworkStats {
  sent: number;
  /** Arrivals of every kind (each is one `chain.deliver`). */
  arrivals: number;
  delivered: number;
  reordered: number;
  duplicated: number;
  replayed: number;
  dropped: number;
}

export const emptyNetworkStats = (): NetworkStats => ({ sent: 0, arrivals: 0, delivered: 0, reordered: 0, duplicated: 0, replayed: 0, dropped: 0 });

const wire = (delivery: Delivery): Delivery => JSON.parse(JSON.stringify(delivery)) as Delivery;

/** A delivery in a line: where it goes and what it carries (idempotency keys, package version). */
export function describeDelivery(delivery: Delivery): string {
  const { command } = delivery;
  const what = command.type === 'headquarters.receiveUpload' ? `upload [${(command.items as { key: string }[]).map((i) => i.key).join(', ')}]`
    : command.type === 'sync.acknowledge' ? `ack [${(command.keys as string[]).join(', ')}]`
      : command.type === 'sync.applyDistribution' ? `1010 package v${(command.package as { version: number }).version}`
        : String(command.type);
  return `${delivery.storeId} ${delivery.to === 'headquarters' ? '->' : '<-'} HQ ${what}`;
}

export class ChaoticNetwork implements Transport {
  readonly inFlight: Delivery[] = [];
  /** Everything that has arrived at least once, for late duplicates. */
  private readonly arrived: Delivery[] = [];
  readonly stats: NetworkStats = emptyNetworkStats();
  private chain: Chain | null = null;

  /** `log` hears of every send, arrival and loss (a line formatted only when asked for: a readable counterexample). */
  constructor(private readonly log: (line: () => string) => void = () => {}) {}

  /** For `Chain.create(config, { transport: (chain) => network.attach(chain) })`. */
  attach(chain: Chain): Transport {
    this.chain = chain;
    return this;
  }

  send(delivery: Delivery): void {
    this.stats.sent += 1;
    this.inFlight.push(wire(delivery));
    const sent = this.inFlight.at(-1)!;
    this.log(() => `net: sent ${describeDelivery(sent)}`);
  }

  private arrive(delivery: Delivery, how: string): void {
    if (this.chain === null) throw new Error('network: not attached to a chain');
    this.stats.arrivals += 1;
    this.arrived.push(delivery);
    const before = { ...this.chain.deliveries };
    this.log(() => `net: ${how} ${describeDelivery(delivery)}`);
    this.chain.deliver(wire(delivery));
    if (this.chain.deliveries.lost > before.lost) this.log(() => 'net:   (lost: the store is offline)');
    if (this.chain.deliveries.refused > before.refused) this.log(() => 'net:   (refused by the receiver)');
  }

  /** The oldest delivery in flight arrives. False when nothing is in flight. */
  deliverOldest(): boolean {
    const next = this.inFlight.shift();
    if (next === undefined) return false;
    this.stats.delivered += 1;
    this.arrive(next, 'delivered');
    return true;
  }

  /** A newer delivery overtakes the older ones in flight (plain delivery when fewer than two are in flight). */
  reorder(pick: number): boolean {
    if (this.inFlight.length < 2) return this.deliverOldest();
    const [next] = this.inFlight.splice(1 + (pick % (this.inFlight.length - 1)), 1);
    this.stats.reordered += 1;
    this.arrive(next!, 'delivered before older ones');
    return true;
  }

  /** A copy of a delivery in flight arrives now; the original stays in flight. */
  duplicate(pick: number): boolean {
    if (this.inFlight.length === 0) return false;
    this.stats.duplicated += 1;
    this.arrive(this.inFlight[pick % this.inFlight.length]!, 'duplicated (original still in flight)');
    return true;
  }

  /** A delivery that already arrived arrives again, late. */
  replay(pick: number): boolean {
    if (this.arrived.length === 0) return false;
    this.stats.replayed += 1;
    this.arrive(this.arrived[pick % this.arrived.length]!, 'replayed late');
    return true;
  }

  /** A delivery in flight is lost. */
  drop(pick: number): boolean {
    if (this.inFlight.length === 0) return false;
    const [lost] = this.inFlight.splice(pick % this.inFlight.length, 1);
    this.stats.dropped += 1;
    this.log(() => `net: dropped ${describeDelivery(lost!)}`);
    return true;
  }

  /** Delivers everything in flight, oldest first, including what the deliveries send back (acknowledgements). */
  flush(limit = 10_000): void {
    for (let i = 0; this.deliverOldest(); i += 1) {
      if (i >= limit) throw new Error(`network: still ${this.inFlight.length} deliveries in flight after ${limit}`);
    }
  }
}
