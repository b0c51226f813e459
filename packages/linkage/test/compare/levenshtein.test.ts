import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, levenshtein, levenshteinWithin, withinOneEdit } from '../../src/compare/levenshtein.ts';
import { anyString, longWord, nearPair, referenceDistance, smallWord, word } from './arbitraries.ts';

describe('edit distances: known values', () => {
  it('Levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
    expect(levenshtein('smith', 'smtih')).toBe(2);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('', '')).toBe(0);
  });

  it('Damerau–Levenshtein as optimal string alignment', () => {
    expect(damerauLevenshtein('ca', 'abc')).toBe(3); // the unrestricted distance is 2
    expect(damerauLevenshtein('smith', 'smtih')).toBe(1);
    expect(damerauLevenshtein('1956-03-12', '1956-03-21')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
  });

  it('long strings take the dynamic-programming paths and agree', () => {
    const a = 'flat 3, 14 the crescent, melchester, wessex wx1 2ab';
    const b = 'flat 3 14 crescent the, melchester wessex, wx12ab';
    expect(levenshtein(a, b)).toBe(referenceDistance(a, b, false));
    expect(damerauLevenshtein(a, b)).toBe(referenceDistance(a, b, true));
    expect(levenshteinWithin(a, b, 5)).toBe(referenceDistance(a, b, false) <= 5);
  });

  it('levenshteinWithin and withinOneEdit', () => {
    expect(levenshteinWithin('smith', 'smyth', 1)).toBe(true);
    expect(levenshteinWithin('smith', 'jones', 2)).toBe(false);
    expect(levenshteinWithin('smith', 'smith', 0)).toBe(true);
    expect(levenshteinWithin('smith', 'smyth', 0)).toBe(false);
    expect(levenshteinWithin('a', 'abcd', 2)).toBe(false); // lengths alone rule it out
    expect(withinOneEdit('1956-03-12', '1956-03-21')).toBe(true);
    expect(withinOneEdit('smith', 'smiths')).toBe(true);
    expect(withinOneEdit('smith', 'mith')).toBe(true);
    expect(withinOneEdit('smith', 'smote')).toBe(false);
    expect(withinOneEdit('', '')).toBe(true);
    expect(withinOneEdit('', 'a')).toBe(true);
  });
});

describe('edit distances: properties', () => {
  const pairs = fc.oneof(
    fc.tuple(smallWord(), smallWord()),
    nearPair(word(20)),
    nearPair(smallWord(40)),
    nearPair(longWord),
    fc.tuple(anyString, anyString),
  );

  it('agree with the textbook dynamic programme', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(levenshtein(a, b)).toBe(referenceDistance(a, b, false));
        expect(damerauLevenshtein(a, b)).toBe(referenceDistance(a, b, true));
      }),
      { numRuns: 600 },
    );
  });

  it('Levenshtein is a metric and optimal string alignment never exceeds it', () => {
    fc.assert(
      fc.property(smallWord(), smallWord(), smallWord(), (a, b, c) => {
        const ab = levenshtein(a, b);
        expect(levenshtein(b, a)).toBe(ab);
        expect(ab === 0).toBe(a === b);
        expect(ab).toBeLessThanOrEqual(levenshtein(a, c) + levenshtein(c, b));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
        const osa = damerauLevenshtein(a, b);
        expect(damerauLevenshtein(b, a)).toBe(osa);
        expect(osa).toBeLessThanOrEqual(ab);
        expect(osa === 0).toBe(a === b);
      }),
      { numRuns: 1000 },
    );
  });

  it('levenshteinWithin agrees with the distance at every threshold, and withinOneEdit with OSA ≤ 1', () => {
    fc.assert(
      fc.property(pairs, fc.integer({ min: -1, max: 6 }), ([a, b], k) => {
        const d = referenceDistance(a, b, false);
        expect(levenshteinWithin(a, b, k)).toBe(d <= k);
        expect(levenshteinWithin(b, a, k)).toBe(d <= k);
        expect(withinOneEdit(a, b)).toBe(referenceDistance(a, b, true) <= 1);
      }),
      { numRuns: 600 },
    );
  });
});
