/**
 * Each store's outbound queue (SY-2, SY-3): the channel transactions headquarters has not acknowledged yet, in the
 * order the store made them, one per idempotency key. Kept outside the sync-channel actor because it can grow
 * large while a store is offline: every change costs the items it adds or removes, and can be undone by the
 * command that made it.
 */
import type { OutboundItem, OutboundKind } from './domain/channel-transactions.ts';

/** Items with their place in the order the store made them (`made`), so that an undone removal puts them back there. */
interface StoreQueue { items: Map<string, { item: OutboundItem; made: number }>; byKind: Partial<Record<OutboundKind, number>> }

export class OutboundQueue {
  private readonly byStore = new Map<string, StoreQueue>();
  private made = 0;

  constructor(state: Record<string, OutboundItem[]> = {}) {
    for (const [storeId, items] of Object.entries(state)) for (const item of items) this.add({ ...item, storeId });
  }

  private of(storeId: string): StoreQueue {
    let queue = this.byStore.get(storeId);
    if (queue === undefined) this.byStore.set(storeId, (queue = { items: new Map(), byKind: {} }));
    return queue;
  }

  private count(queue: StoreQueue, kind: OutboundKind, by: number): void {
    queue.byKind[kind] = (queue.byKind[kind] ?? 0) + by;
  }

  /** Queues an item; the same key twice is one item. Returns how to take it back. */
  add(item: OutboundItem): () => void {
    const queue = this.of(item.storeId);
    if (queue.items.has(item.key)) return () => {};
    queue.items.set(item.key, { item, made: this.made++ });
    this.count(queue, item.kind, 1);
    return () => {
      queue.items.delete(item.key);
      this.count(queue, item.kind, -1);
    };
  }

  /** Removes the acknowledged keys that are queued (others were acknowledged before). Returns how to put them back. */
  remove(storeId: string, keys: readonly string[]): { removed: number; undo: () => void } {
    const queue = this.of(storeId);
    const removed: { item: OutboundItem; made: number }[] = [];
    for (const key of keys) {
      const entry = queue.items.get(key);
      if (entry === undefined) continue;
      queue.items.delete(key);
      this.count(queue, entry.item.kind, -1);
      removed.push(entry);
    }
    return {
      removed: removed.length,
      undo: () => {
        if (removed.length === 0) return;
        const all = [...queue.items.values(), ...removed].sort((a, b) => a.made - b.made);
        queue.items.clear();
        for (const entry of all) queue.items.set(entry.item.key, entry);
        for (const { item } of removed) this.count(queue, item.kind, 1);
      },
    };
  }

  pending(storeId: string): OutboundItem[] {
    return [...(this.byStore.get(storeId)?.items.values() ?? [])].map((entry) => entry.item);
  }

  has(storeId: string, key: string): boolean {
    return this.byStore.get(storeId)?.items.has(key) ?? false;
  }

  size(storeId: string): number {
    return this.byStore.get(storeId)?.items.size ?? 0;
  }

  /** How many items of each kind wait (the analyst's report). */
  countsByKind(storeId: string): Partial<Record<OutboundKind, number>> {
    return Object.fromEntries(Object.entries(this.byStore.get(storeId)?.byKind ?? {}).filter(([, n]) => n > 0));
  }

  /** The stores with items waiting (an emptied queue is left out, as a restored one would be). */
  toJSON(): Record<string, OutboundItem[]> {
    return Object.fromEntries([...this.byStore].filter(([, queue]) => queue.items.size > 0).map(([storeId]) => [storeId, this.pending(storeId)]));
  }
}
