import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from '../../src/compare/jaro-winkler.ts';
import { anyString, longWord, nearPair, referenceJaro, smallWord, word } from './arbitraries.ts';

describe('jaro and jaroWinkler: known values', () => {
  it('matches Winkler (1990) and the usual textbook pairs', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaro('DIXON', 'DICKSONX')).toBeCloseTo(0.7667, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaro('DWAYNE', 'DUANE')).toBeCloseTo(0.8222, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('JONES', 'JOHNSON')).toBeCloseTo(0.8324, 4);
  });

  it('treats empty strings as the definitions do', () => {
    expect(jaro('', '')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaro('a', '')).toBe(0);
    expect(jaroWinkler('', 'a')).toBe(0);
    expect(jaro('abc', 'xyz')).toBe(0);
  });

  it('halves the out-of-order count rounding down, as strcmp95 and rapidfuzz do', () => {
    // Three matched characters out of order: t = ⌊3 / 2⌋ = 1, not 1.5.
    expect(jaro('abcdef', 'cabdef')).toBeCloseTo((1 + 1 + 5 / 6) / 3, 12);
  });

  it('boosts the prefix only above Jaro 0.7 (strcmp95, and so Splink via DuckDB)', () => {
    const low = jaro('abcdefgh', 'abcdwxyz');
    expect(low).toBeCloseTo(2 / 3, 12);
    expect(jaroWinkler('abcdefgh', 'abcdwxyz')).toBe(low);
    expect(jaroWinkler('abcdefgh', 'abcdwxyz', 0.1, 4, 0)).toBeCloseTo(low + 0.4 * (1 - low), 12);
  });

  it('takes its prefix scale and length as parameters', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA', 0.1, 2)).toBeCloseTo(0.9444 + 0.2 * (1 - 0.9444), 3);
    expect(jaroWinkler('MARTHA', 'MARHTA', 0)).toBeCloseTo(jaro('MARTHA', 'MARHTA'), 12);
  });

  it('compares long strings (past the 32-code-unit fast path) the same way', () => {
    const a = '14 the crescent, melchester, wessex';
    const b = '14 the cresent melchester wessex';
    expect(jaro(a, b)).toBeCloseTo(referenceJaro(a, b), 12);
    expect(jaroWinkler(a, b)).toBeGreaterThan(0.9);
  });
});

describe('jaro and jaroWinkler: properties', () => {
  const pairs = fc.oneof(
    fc.tuple(smallWord(), smallWord()),
    fc.tuple(word(40), word(40)),
    nearPair(word(20)),
    nearPair(longWord),
    fc.tuple(anyString, anyString),
  );

  it('agree with the textbook algorithm on short, long and arbitrary strings', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(jaro(a, b)).toBeCloseTo(referenceJaro(a, b), 12);
      }),
      { numRuns: 1000 },
    );
  });

  it('are symmetric, within [0, 1], 1 exactly for equal strings, and Jaro–Winkler ≥ Jaro', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const j = jaro(a, b);
        const jw = jaroWinkler(a, b);
        expect(jaro(b, a)).toBe(j);
        expect(jaroWinkler(b, a)).toBe(jw);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(jw).toBeLessThanOrEqual(1);
        expect(jw).toBeGreaterThanOrEqual(j);
        expect(jw === 1).toBe(a === b);
        expect(jaroWinkler(a, a)).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});
