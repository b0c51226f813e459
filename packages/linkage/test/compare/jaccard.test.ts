import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayIntersectionSize, tokenJaccard, tokenSetSimilarity } from '../../src/compare/jaccard.ts';

const words = (s: string) => [...new Set(s.toLowerCase().split(/\s+/).filter(Boolean))];

/** rapidfuzz's token_set_ratio / 100 written out plainly, with the LCS from the indel distance. */
function referenceTokenSet(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 1 : 0;
  const sect = x.filter((w) => y.includes(w)).sort();
  const ab = x.filter((w) => !y.includes(w)).sort();
  const ba = y.filter((w) => !x.includes(w)).sort();
  if (sect.length > 0 && (ab.length === 0 || ba.length === 0)) return 1;
  const t0 = sect.join(' ');
  const t1 = [t0, ab.join(' ')].filter(Boolean).join(' ');
  const t2 = [t0, ba.join(' ')].filter(Boolean).join(' ');
  // Indel distance: Levenshtein with substitution counted as delete + insert.
  const indel = (p: string, q: string) => {
    const d: number[][] = [];
    for (let i = 0; i <= p.length; i++) d.push(Array.from({ length: q.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= p.length; i++)
      for (let j = 1; j <= q.length; j++)
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, p[i - 1] === q[j - 1] ? d[i - 1]![j - 1]! : Infinity);
    return d[p.length]![q.length]!;
  };
  const ratio = (p: string, q: string) => (p.length + q.length === 0 ? 1 : 1 - indel(p, q) / (p.length + q.length));
  return Math.max(t0 === '' ? 0 : ratio(t0, t1), t0 === '' ? 0 : ratio(t0, t2), ratio(t1, t2));
}

describe('token similarities: known values', () => {
  it('tokenJaccard: shared words over all words, ignoring order, case and repeats', () => {
    expect(tokenJaccard('14 High Street', 'high street 14')).toBe(1);
    expect(tokenJaccard('a b', 'c d')).toBe(0);
    expect(tokenJaccard('a b c', 'b c d')).toBe(0.5);
    expect(tokenJaccard('a a b', 'a b b')).toBe(1);
    expect(tokenJaccard('', '  ')).toBe(1);
    expect(tokenJaccard('a', '')).toBe(0);
  });

  it('tokenSetSimilarity: rapidfuzz token_set_ratio / 100', () => {
    expect(tokenSetSimilarity('fuzzy was a bear', 'fuzzy fuzzy was a bear')).toBe(1);
    expect(tokenSetSimilarity('14 high street', 'Flat 2, 14 High Street'.replace(',', ''))).toBe(1);
    // The fuzzywuzzy README pair: "angels mariners" against itself plus "vs" wins, 2 × 15 / 33.
    expect(tokenSetSimilarity('mariners vs angels', 'los angeles angels of anaheim at seattle mariners')).toBeCloseTo(10 / 11, 12);
    // Nothing shared: the indel similarity of the two sorted word lists.
    expect(tokenSetSimilarity('abc', 'abd')).toBeCloseTo(2 / 3, 12);
    expect(tokenSetSimilarity('14 high st', '14 high street')).toBeCloseTo(1 - 4 / 24, 12);
    expect(tokenSetSimilarity('', '')).toBe(1);
    expect(tokenSetSimilarity('a', '')).toBe(0);
  });

  it('arrayIntersectionSize counts distinct shared values, for small and large arrays', () => {
    expect(arrayIntersectionSize(['a', 'b'], ['b', 'c'])).toBe(1);
    expect(arrayIntersectionSize(['a', 'b', 'b'], ['b', 'c', 'b'])).toBe(1);
    expect(arrayIntersectionSize([], ['a'])).toBe(0);
    const many = Array.from({ length: 40 }, (_, i) => `v${i}`);
    expect(arrayIntersectionSize(many, [...many.slice(10), ...many.slice(10)])).toBe(30);
  });

  it('stays exact when two different words share a hash (FNV-1a: "7yzx" and "e6ad")', () => {
    expect(tokenJaccard('7yzx a', 'e6ad a')).toBe(1 / 3);
    expect(tokenJaccard('7yzx e6ad', 'e6ad')).toBe(0.5);
    expect(tokenSetSimilarity('7yzx b', 'e6ad c')).toBeCloseTo(referenceTokenSet('7yzx b', 'e6ad c'), 12);
  });

  it('handles more words than the typed-array path holds', () => {
    const a = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 150 }, (_, i) => `w${i * 2}`).join(' ');
    expect(tokenJaccard(a, b)).toBe(0.5);
    expect(tokenSetSimilarity(a, b)).toBe(1);
  });
});

describe('token similarities: properties', () => {
  const wordList = fc.array(fc.string({ unit: fc.constantFrom(...'abcD'), minLength: 1, maxLength: 6 }), { maxLength: 7 });
  const phrase = wordList.map((w) => w.join(' '));

  it('agree with plain reference implementations', () => {
    fc.assert(
      fc.property(phrase, phrase, (a, b) => {
        const x = words(a);
        const y = words(b);
        const shared = x.filter((w) => y.includes(w)).length;
        expect(tokenJaccard(a, b)).toBe(x.length + y.length === 0 ? 1 : shared / (x.length + y.length - shared));
        expect(tokenSetSimilarity(a, b)).toBeCloseTo(referenceTokenSet(a, b), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('are symmetric, within [0, 1], 1 for the same words in any order, and ignore case', () => {
    fc.assert(
      fc.property(wordList, phrase, (list, b) => {
        const a = list.join(' ');
        const shuffled = [...list].reverse().join('  ');
        for (const f of [tokenJaccard, tokenSetSimilarity]) {
          expect(f(a, b)).toBe(f(b, a));
          expect(f(a, b)).toBeGreaterThanOrEqual(0);
          expect(f(a, b)).toBeLessThanOrEqual(1);
          expect(f(a, shuffled)).toBe(1);
          expect(f(a.toUpperCase(), b)).toBe(f(a, b));
          expect(f(shuffled, b)).toBe(f(a, b));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('arrayIntersectionSize agrees with sets and is symmetric', () => {
    const values = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 30 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        const expected = [...new Set(a)].filter((v) => b.includes(v)).length;
        expect(arrayIntersectionSize(a, b)).toBe(expected);
        expect(arrayIntersectionSize(b, a)).toBe(expected);
      }),
    );
  });
});
