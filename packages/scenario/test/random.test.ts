import { describe, expect, it } from 'vitest';
import { Random, WeightedTable } from '../src/random.ts';

describe('Random', () => {
  it('gives the same stream for the same seed, and a different one for another', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Random(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Random(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Random('43')),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('forks streams that do not depend on how much the parent has drawn', () => {
    const parent = new Random(1);
    const before = parent.fork('people').next();
    parent.next();
    parent.next();
    expect(parent.fork('people').next()).toBe(before);
    expect(parent.fork('places').next()).not.toBe(before);
  });

  it('draws floats in [0, 1) and integers within bounds', () => {
    const r = new Random(7);
    const floats = Array.from({ length: 10_000 }, () => r.next());
    const ints = new Set(Array.from({ length: 10_000 }, () => r.int(3, 5)));
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('samples a weighted table in proportion to its weights', () => {
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
    ]);
    const r = new Random(9);
    let b = 0;
    for (let i = 0; i < 20_000; i++) if (table.sample(r) === 'b') b++;
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });
});
