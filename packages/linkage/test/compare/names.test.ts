import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalForename, initialsMatch, isNicknameOf, namesSwapped, NICKNAMES } from '../../src/compare/names.ts';
import { word } from './arbitraries.ts';

describe('the nickname table', () => {
  it('is large: at least 150 formal names', () => {
    const formal = new Set([...NICKNAMES.values()].flat());
    expect(formal.size).toBeGreaterThanOrEqual(150);
    expect(NICKNAMES.size).toBeGreaterThan(500);
  });

  it('holds only normalised names: lower-case letters', () => {
    for (const [name, formal] of NICKNAMES) {
      expect(name).toMatch(/^[a-z]+$/);
      for (const f of formal) expect(f).toMatch(/^[a-z]+$/);
    }
  });

  it('knows the common UK short forms, in both directions', () => {
    // prettier-ignore
    const pairs: [string, string][] = [
      ['bill', 'william'], ['will', 'william'], ['liz', 'elizabeth'], ['beth', 'elizabeth'], ['betty', 'elizabeth'],
      ['lizzie', 'elizabeth'], ['peggy', 'margaret'], ['maggie', 'margaret'], ['meg', 'margaret'], ['jim', 'james'],
      ['jimmy', 'james'], ['jamie', 'james'], ['jack', 'john'], ['harry', 'henry'], ['ted', 'edward'], ['ned', 'edward'],
      ['sandy', 'alexander'], ['sandy', 'alexandra'], ['kate', 'katherine'], ['katie', 'catherine'], ['kath', 'katherine'],
      ['kath', 'catherine'], ['bob', 'robert'], ['rob', 'robert'], ['bobby', 'robert'], ['dick', 'richard'], ['rick', 'richard'],
      ['sue', 'susan'], ['susie', 'susan'], ['jenny', 'jennifer'], ['jenny', 'jane'], ['mo', 'maureen'], ['mo', 'mohammed'],
      ['md', 'mohammed'], ['muhammad', 'mohammed'], ['dai', 'david'], ['kasia', 'katarzyna'], ['femi', 'olufemi'], ['raj', 'rajesh'],
    ];
    for (const [short, formal] of pairs) {
      expect(isNicknameOf(short, formal), `${short} ~ ${formal}`).toBe(true);
      expect(isNicknameOf(formal, short), `${formal} ~ ${short}`).toBe(true);
      expect(NICKNAMES.get(short)).toContain(formal);
    }
  });

  it('links two short forms of one name, but not two different formal names', () => {
    expect(isNicknameOf('bill', 'will')).toBe(true);
    expect(isNicknameOf('kate', 'katie')).toBe(true);
    expect(isNicknameOf('catherine', 'katherine')).toBe(true);
    expect(isNicknameOf('alexander', 'alexandra')).toBe(false); // both "alex", but different names
    expect(isNicknameOf('maureen', 'mohammed')).toBe(false);
    expect(isNicknameOf('bill', 'robert')).toBe(false);
    expect(isNicknameOf('john', 'ian')).toBe(false); // a cognate, not a nickname: kept out on purpose
    expect(isNicknameOf('william', 'william')).toBe(false); // equal names are the exact level's
    expect(isNicknameOf('zebedee', 'zeb')).toBe(false); // not in the table
  });

  it('uses the first word of a forename string', () => {
    expect(isNicknameOf('bill james', 'william')).toBe(true);
    expect(canonicalForename('bill james')).toBe('william');
  });

  it('gives the formal name, a formal name itself, and unknown names unchanged', () => {
    expect(canonicalForename('bill')).toBe('william');
    expect(canonicalForename('peggy')).toBe('margaret');
    expect(canonicalForename('catherine')).toBe('catherine');
    expect(canonicalForename('sidney')).toBe('sidney');
    expect(canonicalForename('zebedee')).toBe('zebedee');
  });

  it('isNicknameOf is symmetric, and canonical forms of nicknames meet', () => {
    const names = [...NICKNAMES.keys()];
    const known = fc.constantFrom(...names);
    fc.assert(
      fc.property(fc.oneof(known, word(6)), fc.oneof(known, word(6)), (a, b) => {
        expect(isNicknameOf(a, b)).toBe(isNicknameOf(b, a));
        if (a !== b && canonicalForename(a) === canonicalForename(b) && NICKNAMES.has(a) && NICKNAMES.has(b))
          expect(isNicknameOf(a, b)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('initials', () => {
  it('match word by word where one side gives an initial', () => {
    expect(initialsMatch('j', 'john')).toBe(true);
    expect(initialsMatch('john', 'j')).toBe(true);
    expect(initialsMatch('j a', 'john andrew')).toBe(true);
    expect(initialsMatch('john a', 'john andrew')).toBe(true);
    expect(initialsMatch('j andrew', 'john a')).toBe(true);
    expect(initialsMatch('j', 'john andrew')).toBe(true);
    expect(initialsMatch('j', 'j')).toBe(true);
  });

  it('refuse disagreements, full words that differ, and no initial at all', () => {
    expect(initialsMatch('jo', 'john')).toBe(false);
    expect(initialsMatch('j b', 'john andrew')).toBe(false);
    expect(initialsMatch('a', 'john andrew')).toBe(false);
    expect(initialsMatch('jim a', 'john andrew')).toBe(false);
    expect(initialsMatch('john', 'john andrew')).toBe(false); // no initial: the string levels decide
    expect(initialsMatch('', 'john')).toBe(false);
  });

  it('are symmetric', () => {
    const forenames = fc
      .array(fc.oneof(fc.constantFrom('j', 'a', 'm'), fc.constantFrom('john', 'james', 'anne', 'mary')), { maxLength: 3 })
      .map((w) => w.join(' '));
    fc.assert(
      fc.property(forenames, forenames, (a, b) => {
        expect(initialsMatch(a, b)).toBe(initialsMatch(b, a));
      }),
    );
  });
});

describe('swapped names', () => {
  it('spots forename and surname exchanged', () => {
    expect(namesSwapped('smith', 'john', 'john', 'smith')).toBe(true);
    expect(namesSwapped('john', 'smith', 'john', 'smith')).toBe(false);
    expect(namesSwapped('james', 'james', 'james', 'james')).toBe(false);
    expect(namesSwapped('', 'smith', 'smith', '')).toBe(false);
  });
});
