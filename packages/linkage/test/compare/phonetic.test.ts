import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doubleMetaphone, phoneticMatch } from '../../src/compare/phonetic.ts';
import { word } from './arbitraries.ts';

describe('Double Metaphone', () => {
  it('gives the published codes (Philips 2000)', () => {
    expect(doubleMetaphone('smith')).toEqual(['SM0', 'XMT']);
    expect(doubleMetaphone('schmidt')).toEqual(['XMT', 'SMT']);
    expect(doubleMetaphone('SMITH')).toEqual(['SM0', 'XMT']);
    expect(doubleMetaphone('')).toEqual(['', '']);
  });

  it('matches names that sound alike, through either code', () => {
    expect(phoneticMatch('smith', 'smyth')).toBe(true);
    expect(phoneticMatch('smith', 'schmidt')).toBe(true); // SM0/XMT meets XMT/SMT on XMT
    expect(phoneticMatch('catherine', 'kathryn')).toBe(true);
    expect(phoneticMatch('philip', 'filip')).toBe(true);
    expect(phoneticMatch('mohammed', 'muhammad')).toBe(true);
    expect(phoneticMatch('smith', 'jones')).toBe(false);
    expect(phoneticMatch('', '')).toBe(false); // no code, no evidence
  });

  it('is symmetric, reflexive for encodable words, and agrees with the codes (through its cache)', () => {
    fc.assert(
      fc.property(word(10), word(10), (a, b) => {
        const [a1, a2] = doubleMetaphone(a);
        const [b1, b2] = doubleMetaphone(b);
        const expected = a1 !== '' && b1 !== '' && [a1, a2].some((x) => x !== '' && (x === b1 || x === b2));
        expect(phoneticMatch(a, b)).toBe(expected);
        expect(phoneticMatch(b, a)).toBe(expected);
        expect(phoneticMatch(a, a)).toBe(a1 !== '');
      }),
    );
  });
});
