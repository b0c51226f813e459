import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteDifference, relativeDifference } from '../../src/compare/numeric.ts';

describe('numeric differences', () => {
  it('known values', () => {
    expect(absoluteDifference(3, 5)).toBe(2);
    expect(relativeDifference(90, 100)).toBeCloseTo(0.1, 12);
    expect(relativeDifference(0, 0)).toBe(0);
    expect(relativeDifference(-1, 1)).toBe(1);
    expect(relativeDifference(1, Number.NaN)).toBe(1);
    expect(relativeDifference(Infinity, Infinity)).toBe(0);
  });

  it('are symmetric; the relative difference lies in [0, 1] and is 0 exactly for equal numbers', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(absoluteDifference(a, b)).toBe(absoluteDifference(b, a));
        const r = relativeDifference(a, b);
        expect(relativeDifference(b, a)).toBe(r);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        expect(relativeDifference(a, a)).toBe(0);
      }),
    );
  });
});
