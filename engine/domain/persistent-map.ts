/**
 * An immutable string-keyed map with structural sharing (a hash array mapped trie). `set` and `delete` copy only
 * the path to the entry they change (at most seven nodes of up to 32 slots), so an actor's context can hold the
 * thousands of lines a warehouse has open, stay immutable (XState snapshots are undo points and graph vertices)
 * and still cost what one change touches. Iteration follows the keys' hashes: the same keys always iterate in the
 * same order, whatever order they were added in.
 */
interface Leaf<V> { readonly kind: 'leaf'; readonly hash: number; readonly key: string; readonly value: V }
interface Collision<V> { readonly kind: 'collision'; readonly hash: number; readonly leaves: readonly Leaf<V>[] }
interface Branch<V> { readonly kind: 'branch'; readonly bitmap: number; readonly children: readonly Node<V>[] }
type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

const BITS = 5;
const MASK = (1 << BITS) - 1;

/** FNV-1a over the UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

const slot = (hash: number, shift: number) => (hash >>> shift) & MASK;

/** A branch holding two nodes whose hashes differ. */
function merge<V>(shift: number, a: Leaf<V> | Collision<V>, b: Leaf<V>): Branch<V> {
  const ia = slot(a.hash, shift);
  const ib = slot(b.hash, shift);
  if (ia === ib) return { kind: 'branch', bitmap: 1 << ia, children: [merge(shift + BITS, a, b)] };
  return { kind: 'branch', bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

function lookup<V>(node: Node<V> | null, hash: number, key: string): Leaf<V> | undefined {
  let shift = 0;
  while (node !== null) {
    switch (node.kind) {
      case 'leaf':
        return node.key === key ? node : undefined;
      case 'collision':
        return node.hash === hash ? node.leaves.find((l) => l.key === key) : undefined;
      case 'branch': {
        const bit = 1 << slot(hash, shift);
        if ((node.bitmap & bit) === 0) return undefined;
        node = node.children[popcount(node.bitmap & (bit - 1))]!;
        shift += BITS;
      }
    }
  }
  return undefined;
}

function insert<V>(node: Node<V> | null, shift: number, leaf: Leaf<V>, added: { count: number }): Node<V> {
  if (node === null) {
    added.count = 1;
    return leaf;
  }
  switch (node.kind) {
    case 'leaf':
      if (node.key === leaf.key) return node.value === leaf.value ? node : leaf;
      added.count = 1;
      return node.hash === leaf.hash ? { kind: 'collision', hash: leaf.hash, leaves: [node, leaf] } : merge(shift, node, leaf);
    case 'collision': {
      if (node.hash !== leaf.hash) {
        added.count = 1;
        return merge(shift, node, leaf);
      }
      const at = node.leaves.findIndex((l) => l.key === leaf.key);
      if (at === -1) added.count = 1;
      else if (node.leaves[at]!.value === leaf.value) return node;
      const leaves = at === -1 ? [...node.leaves, leaf] : node.leaves.map((l, i) => (i === at ? leaf : l));
      return { kind: 'collision', hash: node.hash, leaves };
    }
    case 'branch': {
      const bit = 1 << slot(leaf.hash, shift);
      const at = popcount(node.bitmap & (bit - 1));
      if ((node.bitmap & bit) === 0) {
        added.count = 1;
        const children = [...node.children];
        children.splice(at, 0, leaf);
        return { kind: 'branch', bitmap: node.bitmap | bit, children };
      }
      const child = node.children[at]!;
      const changed = insert(child, shift + BITS, leaf, added);
      if (changed === child) return node;
      const children = [...node.children];
      children[at] = changed;
      return { kind: 'branch', bitmap: node.bitmap, children };
    }
  }
}

function remove<V>(node: Node<V>, shift: number, hash: number, key: string): Node<V> | null {
  switch (node.kind) {
    case 'leaf':
      return node.key === key ? null : node;
    case 'collision': {
      if (node.hash !== hash || !node.leaves.some((l) => l.key === key)) return node;
      const leaves = node.leaves.filter((l) => l.key !== key);
      return leaves.length === 1 ? leaves[0]! : { kind: 'collision', hash, leaves };
    }
    case 'branch': {
      const bit = 1 << slot(hash, shift);
      if ((node.bitmap & bit) === 0) return node;
      const at = popcount(node.bitmap & (bit - 1));
      const child = node.children[at]!;
      const changed = remove(child, shift + BITS, hash, key);
      if (changed === child) return node;
      if (changed === null) {
        if (node.children.length === 1) return null;
        const children = node.children.filter((_, i) => i !== at);
        // A branch left with a single leaf or collision is that node (it needs no branch to be found).
        if (children.length === 1 && children[0]!.kind !== 'branch') return children[0]!;
        return { kind: 'branch', bitmap: node.bitmap & ~bit, children };
      }
      if (node.children.length === 1 && changed.kind !== 'branch') return changed;
      const children = [...node.children];
      children[at] = changed;
      return { kind: 'branch', bitmap: node.bitmap, children };
    }
  }
}

function* walk<V>(node: Node<V> | null): Generator<Leaf<V>> {
  if (node === null) return;
  switch (node.kind) {
    case 'leaf':
      yield node;
      return;
    case 'collision':
      yield* node.leaves;
      return;
    case 'branch':
      for (const child of node.children) yield* walk(child);
  }
}

export class PersistentMap<V> implements Iterable<[string, V]> {
  private static readonly EMPTY = new PersistentMap<never>(null, 0);

  private constructor(private readonly root: Node<V> | null, readonly size: number) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  /** A map of the entries (later keys win), or of a record's own properties (the `toJSON` form). */
  static of<V>(entries: Iterable<readonly [string, V]> | Readonly<Record<string, V>>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    const pairs = Symbol.iterator in entries ? entries as Iterable<readonly [string, V]> : Object.entries(entries as Record<string, V>);
    for (const [key, value] of pairs) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    return lookup(this.root, hashOf(key), key)?.value;
  }

  has(key: string): boolean {
    return lookup(this.root, hashOf(key), key) !== undefined;
  }

  /** The map with `key` set; this map itself when it already holds that very value. */
  set(key: string, value: V): PersistentMap<V> {
    const added = { count: 0 };
    const root = insert(this.root, 0, { kind: 'leaf', hash: hashOf(key), key, value }, added);
    return root === this.root ? this : new PersistentMap(root, this.size + added.count);
  }

  delete(key: string): PersistentMap<V> {
    if (this.root === null) return this;
    const root = remove(this.root, 0, hashOf(key), key);
    return root === this.root ? this : new PersistentMap(root, this.size - 1);
  }

  /** Sets the value `change` makes of the current one, or deletes the key when it returns undefined. */
  update(key: string, change: (current: V | undefined) => V | undefined): PersistentMap<V> {
    const next = change(this.get(key));
    return next === undefined ? this.delete(key) : this.set(key, next);
  }

  *entries(): Generator<[string, V]> {
    for (const leaf of walk(this.root)) yield [leaf.key, leaf.value];
  }

  *keys(): Generator<string> {
    for (const leaf of walk(this.root)) yield leaf.key;
  }

  *values(): Generator<V> {
    for (const leaf of walk(this.root)) yield leaf.value;
  }

  [Symbol.iterator](): Iterator<[string, V]> {
    return this.entries();
  }

  /** A plain record of the entries: what a persisted snapshot holds (`PersistentMap.of` reads it back). */
  toJSON(): Record<string, V> {
    const record: Record<string, V> = {};
    for (const leaf of walk(this.root)) record[leaf.key] = leaf.value;
    return record;
  }
}
