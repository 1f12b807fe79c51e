import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentMap } from '../../engine/domain/persistent-map.ts';

type Op = { op: 'set'; key: string; value: number } | { op: 'delete'; key: string };

// Few distinct short keys, so that sets, overwrites and deletes of the same key are frequent.
const key = fc.stringMatching(/^[a-e]{0,3}$/);
const ops = fc.array(fc.oneof(
  fc.record({ op: fc.constant('set' as const), key, value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('delete' as const), key }),
), { maxLength: 300 });

describe('PersistentMap', () => {
  it('behaves as a Map under any sequence of sets and deletes, and never changes an earlier version', () => {
    fc.assert(fc.property(ops, (steps: Op[]) => {
      const model = new Map<string, number>();
      let map = PersistentMap.empty<number>();
      const versions: { map: PersistentMap<number>; entries: [string, number][] }[] = [];
      for (const step of steps) {
        if (step.op === 'set') {
          model.set(step.key, step.value);
          map = map.set(step.key, step.value);
        } else {
          model.delete(step.key);
          map = map.delete(step.key);
        }
        versions.push({ map, entries: [...model].sort() });
        expect(map.size).toBe(model.size);
        for (const k of ['', 'a', 'abc', step.key]) expect(map.get(k)).toBe(model.get(k));
      }
      for (const version of versions) expect([...version.map].sort()).toEqual(version.entries);
    }), { numRuns: 300 });
  });

  it('holds thousands of entries, with colliding slots, and finds each one', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 20_000; i++) map = map.set(`CO-${String(i).padStart(6, '0')}`, i);
    expect(map.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 7) expect(map.get(`CO-${String(i).padStart(6, '0')}`)).toBe(i);
    for (let i = 0; i < 20_000; i += 2) map = map.delete(`CO-${String(i).padStart(6, '0')}`);
    expect(map.size).toBe(10_000);
    expect(map.get('CO-000002')).toBeUndefined();
    expect(map.get('CO-000003')).toBe(3);
    expect([...map.values()].reduce((s, v) => s + v, 0)).toBe(Array.from({ length: 10_000 }, (_, k) => 2 * k + 1).reduce((s, v) => s + v, 0));
  });

  it('keeps keys whose hashes are equal apart', () => {
    // k32728 and k261234 have the same 32-bit FNV-1a hash (found by search); k32729 collides with k261235.
    let map = PersistentMap.of([['k32728', 1], ['k261234', 2], ['k32729', 3], ['k261235', 4], ['other', 5]]);
    expect([map.get('k32728'), map.get('k261234'), map.get('k32729'), map.get('k261235')]).toEqual([1, 2, 3, 4]);
    map = map.set('k261234', 20).delete('k32728');
    expect([map.get('k32728'), map.get('k261234'), map.size]).toEqual([undefined, 20, 4]);
    map = map.delete('k261234').delete('k261235').delete('k32729');
    expect([...map]).toEqual([['other', 5]]);
  });

  it('returns itself for a change that changes nothing', () => {
    const map = PersistentMap.of({ a: 1, b: 2 });
    expect(map.set('a', 1)).toBe(map);
    expect(map.delete('zz')).toBe(map);
    expect(map.update('b', (v) => v)).toBe(map);
  });

  it('iterates the same keys in the same order whatever order they were added in, and round-trips through JSON', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `line-${i}`);
    const forward = PersistentMap.of(keys.map((k, i) => [k, i] as const));
    const backward = PersistentMap.of([...keys].reverse().map((k) => [k, keys.indexOf(k)] as const));
    expect([...forward.keys()]).toEqual([...backward.keys()]);
    const revived = PersistentMap.of(JSON.parse(JSON.stringify(forward)) as Record<string, number>);
    expect([...revived]).toEqual([...forward]);
  });
});
