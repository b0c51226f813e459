import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  dateWithin,
  daysBetween,
  dayMonthTransposed,
  doubleMetaphone,
  initialsMatch,
  isNicknameOf,
  jaro,
  jaroWinkler,
  levenshtein,
  levenshteinWithin,
  monthsBetween,
  normaliseName,
  normalisePhone,
  normalisePostcode,
  parseDate,
  parsePostcode,
  postcodeLevel,
  splitFullName,
  tokenJaccard,
  tokenSetSimilarity,
  tokenSetSimilarityAtLeast,
  withinOneEdit,
} from '../src/index.ts';

const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), maxLength: 12 });

describe('string comparators: known values', () => {
  it('Jaro and Jaro–Winkler (Winkler 1990 examples)', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('a', '')).toBe(0);
  });

  it('Levenshtein and optimal-string-alignment Damerau–Levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3);
    expect(damerauLevenshtein('smith', 'smtih')).toBe(1);
    expect(levenshtein('smith', 'smtih')).toBe(2);
    expect(levenshteinWithin('smith', 'smyth', 1)).toBe(true);
    expect(levenshteinWithin('smith', 'jones', 2)).toBe(false);
  });

  it('token similarity for addresses', () => {
    expect(tokenJaccard('14 high street', 'high street 14')).toBe(1);
    expect(tokenSetSimilarity('14 high street', 'flat 2 14 high street')).toBe(1);
    expect(tokenJaccard('a b', 'c d')).toBe(0);
  });

  it('Double Metaphone', () => {
    expect(doubleMetaphone('smith')[0]).toBe(doubleMetaphone('smyth')[0]);
    expect(doubleMetaphone('catherine')[0]).toBe(doubleMetaphone('kathryn')[0]);
  });
});

describe('string comparators: properties', () => {
  it('Jaro–Winkler is symmetric, within [0, 1], and 1 only for equal strings', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeCloseTo(jaroWinkler(b, a), 12);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        if (a === b) expect(s).toBe(1);
        else expect(s).toBeLessThan(1);
      }),
    );
  });

  it('Levenshtein is a metric, Damerau never exceeds it, and "within" agrees with it', () => {
    fc.assert(
      fc.property(word, word, word, fc.integer({ min: 0, max: 4 }), (a, b, c, k) => {
        const ab = levenshtein(a, b);
        expect(ab).toBe(levenshtein(b, a));
        expect(ab === 0).toBe(a === b);
        expect(ab).toBeLessThanOrEqual(levenshtein(a, c) + levenshtein(c, b));
        expect(damerauLevenshtein(a, b)).toBeLessThanOrEqual(ab);
        expect(damerauLevenshtein(a, b)).toBe(damerauLevenshtein(b, a));
        expect(levenshteinWithin(a, b, k)).toBe(ab <= k);
        expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1);
        expect(withinOneEdit(a, a.slice(0, 1) + a.slice(2, 3) + a.slice(1, 2) + a.slice(3))).toBe(true);
      }),
    );
  });

  it('token similarities are symmetric and within [0, 1]', () => {
    const phrase = fc.array(word, { maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(phrase, phrase, (a, b) => {
        for (const f of [tokenJaccard, tokenSetSimilarity]) {
          expect(f(a, b)).toBe(f(b, a));
          expect(f(a, b)).toBeGreaterThanOrEqual(0);
          expect(f(a, b)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('the token-set threshold test agrees with the similarity it short-cuts', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: 40 });
    const phrase = fc.array(fc.oneof(word, letters), { maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(phrase, phrase, fc.constantFrom(0.5, 0.8, 0.9, 0.95, 1), (a, b, t) => {
        expect(tokenSetSimilarityAtLeast(a, b, t)).toBe(tokenSetSimilarity(a, b) >= t);
      }),
      { numRuns: 2000 },
    );
    expect(tokenSetSimilarityAtLeast('14 high street casterbridge', '15 low road budmouth', 0.95)).toBe(false);
    expect(tokenSetSimilarityAtLeast('flat 2 14 high street', '14 high street', 0.95)).toBe(true);
  });
});

describe('names', () => {
  it('knows UK nicknames in both directions, and initials', () => {
    expect(isNicknameOf('peggy', 'margaret')).toBe(true);
    expect(isNicknameOf('margaret', 'peggy')).toBe(true);
    expect(isNicknameOf('bill', 'will')).toBe(true); // both William
    expect(isNicknameOf('bill', 'robert')).toBe(false);
    expect(initialsMatch('j a', 'john andrew')).toBe(true);
    expect(initialsMatch('j', 'john')).toBe(true);
    expect(initialsMatch('jo', 'john')).toBe(false);
    expect(initialsMatch('j b', 'john andrew')).toBe(false);
  });

  it('normalises names and splits full names as systems write them', () => {
    expect(normaliseName('Dr. Mary-Jane SMITH')).toBe('mary jane smith');
    expect(normaliseName("  Zoë O'Brien ")).toBe('zoe obrien');
    expect(splitFullName('SMITH, John A')).toEqual({ forenames: 'john a', surname: 'smith' });
    expect(splitFullName('Mrs Ann Smith')).toEqual({ forenames: 'ann', surname: 'smith' });
  });
});

describe('dates', () => {
  it('parses the formats systems write, day first, and refuses impossible dates', () => {
    expect(parseDate('12/03/1956')).toBe('1956-03-12');
    expect(parseDate('12-03-1956')).toBe('1956-03-12');
    expect(parseDate('12.3.1956')).toBe('1956-03-12');
    expect(parseDate('19560312')).toBe('1956-03-12');
    expect(parseDate('12 Mar 1956')).toBe('1956-03-12');
    expect(parseDate('12 September 1956')).toBe('1956-09-12');
    expect(parseDate('1956-03-12T00:00:00Z')).toBe('1956-03-12');
    expect(parseDate('12/03/56')).toBe('1956-03-12');
    expect(parseDate('12/03/24')).toBe('2024-03-12');
    expect(parseDate('31/02/2001')).toBeUndefined();
    expect(parseDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDate('29/02/1900')).toBeUndefined();
    expect(parseDate('not a date')).toBeUndefined();
  });

  const isoDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('round-trips every ISO date, and agrees with Date arithmetic', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(parseDate(a)).toBe(a);
        const [y, m, d] = a.split('-');
        expect(parseDate(`${d}/${m}/${y}`)).toBe(a);
        expect(daysBetween(a, b)).toBe(Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000);
        expect(daysBetween(a, b)).toBe(daysBetween(b, a));
        expect(monthsBetween(a, b)).toBe(monthsBetween(b, a));
        expect(dayMonthTransposed(a, b)).toBe(dayMonthTransposed(b, a));
        expect(dateWithin(a, a, 0, 'day')).toBe(true);
      }),
    );
  });

  it('spots transposed day and month', () => {
    expect(dayMonthTransposed('2001-03-04', '2001-04-03')).toBe(true);
    expect(dayMonthTransposed('2001-03-03', '2001-03-03')).toBe(false);
  });
});

describe('postcodes and contact details', () => {
  it('parses postcodes into unit, sector, district and area', () => {
    expect(parsePostcode(' wx12ab ')).toEqual({ unit: 'WX1 2AB', sector: 'WX1 2', district: 'WX1', area: 'WX' });
    expect(parsePostcode('EC1A 1BB')?.district).toBe('EC1A');
    expect(parsePostcode('2776')).toBeUndefined();
    expect(postcodeLevel('WX1 2AB', 'WX1 2CD')).toBe('sector');
    expect(postcodeLevel('WX1 2AB', 'WX1 3CD')).toBe('district');
    expect(postcodeLevel('WX1 2AB', 'WX9 3CD')).toBe('area');
    expect(normalisePhone('+44 (0)1632 960 001')).toBe('01632960001');
  });

  it('parsing a postcode is idempotent', () => {
    const postcode = fc
      .tuple(
        fc.constantFrom('WX', 'B', 'EC', 'M'),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('AB', 'ZZ', 'QT'),
      )
      .map(([a, d, s, u]) => `${a}${d} ${s}${u}`);
    fc.assert(
      fc.property(postcode, (p) => {
        const once = normalisePostcode(p.toLowerCase().replace(' ', ''));
        expect(once).toBe(p);
        expect(normalisePostcode(once!)).toBe(once);
      }),
    );
  });
});
