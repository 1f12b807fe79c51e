/**
 * Each store's outbound queue (SY-2, SY-3): the channel transactions headquarters has not acknowledged yet, in the
 * order the store made them, one per idempotency key. Kept outside the sync-channel actor because it can grow
 * large while a store is offline; every change can be undone by the command that made it.
 */
import type { OutboundItem } from './domain/channel-transactions.ts';

export class OutboundQueue {
  private readonly byStore = new Map<string, Map<string, OutboundItem>>();

  constructor(state: Record<string, OutboundItem[]> = {}) {
    for (const [storeId, items] of Object.entries(state)) this.byStore.set(storeId, new Map(items.map((item) => [item.key, item])));
  }

  private of(storeId: string): Map<string, OutboundItem> {
    let queue = this.byStore.get(storeId);
    if (queue === undefined) this.byStore.set(storeId, (queue = new Map()));
    return queue;
  }

  /** Queues an item; the same key twice is one item. Returns how to take it back. */
  add(item: OutboundItem): () => void {
    const queue = this.of(item.storeId);
    if (queue.has(item.key)) return () => {};
    queue.set(item.key, item);
    return () => queue.delete(item.key);
  }

  /** Removes the acknowledged keys that are queued (others were acknowledged before). Returns how to put them back. */
  remove(storeId: string, keys: readonly string[]): { removed: number; undo: () => void } {
    const queue = this.of(storeId);
    const before = [...queue.values()];
    let removed = 0;
    for (const key of keys) if (queue.delete(key)) removed += 1;
    return {
      removed,
      undo: () => {
        queue.clear();
        for (const item of before) queue.set(item.key, item);
      },
    };
  }

  pending(storeId: string): OutboundItem[] {
    return [...(this.byStore.get(storeId)?.values() ?? [])];
  }

  size(storeId: string): number {
    return this.byStore.get(storeId)?.size ?? 0;
  }

  toJSON(): Record<string, OutboundItem[]> {
    return Object.fromEntries([...this.byStore].map(([storeId, queue]) => [storeId, [...queue.values()]]));
  }
}
