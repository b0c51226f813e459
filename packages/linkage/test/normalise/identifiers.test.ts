import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidNhsNumber,
  normaliseEmail,
  normaliseNhsNumber,
  normalisePhone,
  normalisePostcode,
} from '../../src/normalise/identifiers.ts';

describe('NHS numbers', () => {
  it('keeps ten digits, with spaces, hyphens or full stops between them', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber('9434765919')).toBe('9434765919');
    expect(normaliseNhsNumber(' 943.476.5919 ')).toBe('9434765919');
  });

  it('refuses anything else', () => {
    for (const raw of ['', '943 476 591', '943 476 59190', 'NHS 9434765919', '943476591X'])
      expect(normaliseNhsNumber(raw), raw).toBeUndefined();
  });

  it('checks the modulus 11 check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
        const check = (11 - (sum % 11)) % 11;
        const body = digits.join('');
        if (check === 10) for (let c = 0; c <= 9; c++) expect(isValidNhsNumber(`${body}${c}`)).toBe(false);
        else {
          expect(isValidNhsNumber(`${body}${check}`)).toBe(true);
          expect(isValidNhsNumber(`${body}${(check + 1) % 10}`)).toBe(false);
        }
      }),
    );
  });
});

describe('phone numbers', () => {
  it.each([
    ['+44 (0)1632 960 001', '01632960001'],
    ['+44 1632 960001', '01632960001'],
    ['+44 01632 960001', '01632960001'],
    ['0044 1632 960001', '01632960001'],
    ['441632960001', '01632960001'],
    ['01632 960001', '01632960001'],
    ['(01632) 960001', '01632960001'],
    ['07700 900123', '07700900123'],
    ['7700900123', '07700900123'], // a spreadsheet lost the leading 0
    ['0800 123 456', '0800123456'],
    ['01632 960001 ext 12', '01632960001'],
    ['+33 1 23 45 67 89', '0033123456789'],
    ['0033 1 23 45 67 89', '0033123456789'],
  ])('%s → %s', (raw, phone) => {
    expect(normalisePhone(raw)).toBe(phone);
  });

  it('refuses what cannot be a full number', () => {
    for (const raw of ['', '960001', 'n/a', '0163296', '+44 123']) expect(normalisePhone(raw), raw).toBeUndefined();
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 +()-'), maxLength: 18 }), (raw) => {
        const once = normalisePhone(raw);
        if (once !== undefined) expect(normalisePhone(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('email addresses', () => {
  it('trims and lower-cases, leaving Gmail dots alone', () => {
    expect(normaliseEmail(' Ann.Smith@Example.ORG ')).toBe('ann.smith@example.org');
    expect(normaliseEmail('<Ann.Smith@Example.ORG>')).toBe('ann.smith@example.org');
    expect(normaliseEmail('mailto:a.b.c@gmail.com')).toBe('a.b.c@gmail.com');
  });

  it('refuses what is not an address', () => {
    for (const raw of [
      '',
      'ann',
      'ann@',
      '@example.org',
      'ann@example',
      'ann@@example.org',
      'ann smith@example.org',
      'ann@example.',
      'a@b.c, d@e.f',
    ])
      expect(normaliseEmail(raw), raw).toBeUndefined();
  });
});

describe('postcodes', () => {
  it('normalises to the unit form, returning a normal one as it is', () => {
    expect(normalisePostcode('wx12ab')).toBe('WX1 2AB');
    expect(normalisePostcode(' ec1a 1bb ')).toBe('EC1A 1BB');
    const normal = 'SW1A 2AA';
    expect(normalisePostcode(normal)).toBe(normal);
    expect(normalisePostcode('2776')).toBeUndefined();
  });
});
