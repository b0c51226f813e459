import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName, normaliseText, splitFullName } from '../../src/normalise/text.ts';
import { anyString } from '../compare/arbitraries.ts';

describe('normaliseText', () => {
  it('lower-cases, trims and collapses spaces', () => {
    expect(normaliseText('  HIGH   Street ')).toBe('high street');
    expect(normaliseText('14\tHigh\nStreet')).toBe('14 high street');
    expect(normaliseText('')).toBe('');
    expect(normaliseText(' , . ')).toBe('');
  });

  it('strips accents and spells out letters that do not decompose', () => {
    expect(normaliseText('Zoë Brontë')).toBe('zoe bronte');
    expect(normaliseText('JOSÉ Ñúñez')).toBe('jose nunez');
    expect(normaliseText('Łukasz Wróbel')).toBe('lukasz wrobel');
    expect(normaliseText('Straße')).toBe('strasse');
    expect(normaliseText('Søren Æbelø')).toBe('soren aebelo');
    expect(normaliseText('ﬁnch')).toBe('finch'); // NFKD opens the ligature
    expect(normaliseText('İlker')).toBe('ilker');
  });

  it('drops apostrophes, joining the word, and separates on other punctuation', () => {
    expect(normaliseText("O'Brien")).toBe('obrien');
    expect(normaliseText('O’Brien')).toBe('obrien');
    expect(normaliseText('  Ó’Brien-Smith, JR ')).toBe('obrien smith jr');
    expect(normaliseText('J.A. Smith')).toBe('j a smith');
    expect(normaliseText('Flat 2/3, 14 High St.')).toBe('flat 2 3 14 high st');
  });

  it('keeps letters of other scripts', () => {
    expect(normaliseText('Анна Петрова')).toBe('анна петрова');
    expect(normaliseText('محمد')).toBe('محمد');
    expect(normaliseText('مُحَمَّد')).toBe('محمد'); // vowel points are optional in Arabic
    expect(normaliseText('राम कुमार')).toBe('राम कुमार'); // Devanagari vowel signs are part of the word
    expect(normaliseText('smith 😀 jones')).toBe('smith jones');
  });

  it('returns an already normal string as it is, and is idempotent', () => {
    const s = 'mary jane smith';
    expect(normaliseText(s)).toBe(s);
    fc.assert(
      fc.property(anyString, (raw) => {
        const once = normaliseText(raw);
        expect(normaliseText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once.includes('  ')).toBe(false);
        expect(once).toBe(once.toLowerCase());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normaliseName', () => {
  it('drops titles at the front and suffixes at the end', () => {
    expect(normaliseName('Dr. Mary-Jane SMITH Jnr')).toBe('mary jane smith');
    expect(normaliseName('Mr John Smith')).toBe('john smith');
    expect(normaliseName('The Rt Hon Sir John Smith MP')).toBe('the rt hon sir john smith'); // "the" is not a title, so the rest stays
    expect(normaliseName('Rt Hon Sir John Smith MP')).toBe('john smith');
    expect(normaliseName('Rev. Dr. Ann Jones PhD')).toBe('ann jones');
    expect(normaliseName("  Zoë O'Brien ")).toBe('zoe obrien');
  });

  it('keeps the last word even when it looks like a title or suffix', () => {
    expect(normaliseName('Miss')).toBe('miss');
    expect(normaliseName('Mr Major')).toBe('major');
    expect(normaliseName('John Major')).toBe('john major'); // titles only come first
    expect(normaliseName('Md Rahman')).toBe('md rahman'); // Md is Mohammed here, not a suffix
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Mr', 'Dr', 'John', 'SMITH', 'Jr', 'o’neil', 'Zoë', 'III', '-', ','), { maxLength: 6 }),
        (words) => {
          const once = normaliseName(words.join(' '));
          expect(normaliseName(once)).toBe(once);
        },
      ),
    );
  });
});

describe('splitFullName', () => {
  const cases: [string, string, string][] = [
    ['SMITH, John A', 'john a', 'smith'],
    ['Smith, Mr John', 'john', 'smith'],
    ['Mrs Ann Smith', 'ann', 'smith'],
    ['John SMITH', 'john', 'smith'],
    ['SMITH John Andrew', 'john andrew', 'smith'],
    ['DE LA CRUZ Maria', 'maria', 'de la cruz'],
    ['JOHN SMITH', 'john', 'smith'],
    ['J SMITH', 'j', 'smith'],
    ['Smith J A', 'j a', 'smith'],
    ['J. A. Smith', 'j a', 'smith'],
    ['Jan van der Berg', 'jan', 'van der berg'],
    ['Maria de la Cruz', 'maria', 'de la cruz'],
    ['Mary-Jane Smith-Jones', 'mary jane', 'smith jones'],
    ["Sean O'Brien Jnr", 'sean', 'obrien'],
    ['Prof. Sir Alan Turing OBE', 'alan', 'turing'],
    ['Cher', '', 'cher'],
    ['', '', ''],
    [', John', '', 'john'],
  ];
  it.each(cases)('%s', (raw, forenames, surname) => {
    expect(splitFullName(raw)).toEqual({ forenames, surname });
  });

  it('loses no word but titles and suffixes, and gives normalised parts', () => {
    const name = fc
      .array(fc.constantFrom('John', 'SMITH', 'a', 'Mary-Jane', 'van', 'JONES', 'b.'), { minLength: 1, maxLength: 5 })
      .map((w) => w.join(' '));
    fc.assert(
      fc.property(name, (raw) => {
        const { forenames, surname } = splitFullName(raw);
        expect(surname).not.toBe('');
        expect([forenames, surname].filter(Boolean).join(' ').split(' ').sort()).toEqual(normaliseText(raw).split(' ').sort());
        expect(normaliseText(surname)).toBe(surname);
        expect(normaliseText(forenames)).toBe(forenames);
      }),
    );
  });
});
