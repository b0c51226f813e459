import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdentifier, isValidNhsNumber, nhsNumberCheckDigit } from '../src/index.ts';

describe('NHS numbers', () => {
  it('accepts the NHS Data Dictionary example and spaced or hyphenated forms', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('rejects a wrong check digit, wrong lengths and letters', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659l9')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('computes check digits, with 11 as 0 and no valid number when the result is 10', () => {
    expect(nhsNumberCheckDigit('000000001')).toBe(9); // weight 2: sum 2, 11 - 2 = 9
    expect(nhsNumberCheckDigit('100000000')).toBe(1); // weight 10: sum 10, 11 - 10 = 1
    expect(nhsNumberCheckDigit('000000000')).toBe(0); // sum 0: 11 becomes 0
    expect(nhsNumberCheckDigit('000000010')).toBe(8); // weight 3: sum 3
    expect(nhsNumberCheckDigit('050000000')).toBeUndefined(); // weight 9: sum 45 ≡ 1 (mod 11), 11 - 1 = 10
  });

  it('property: every number made with its check digit is valid, and changing one digit breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nine, position, delta) => {
        const check = nhsNumberCheckDigit(nine);
        fc.pre(check !== undefined);
        const number = `${nine}${check}`;
        expect(isValidNhsNumber(number)).toBe(true);
        const digits = number.split('');
        digits[position] = String((Number(digits[position]) + delta) % 10);
        // Modulus 11 with distinct weights detects every single-digit substitution.
        expect(isValidNhsNumber(digits.join(''))).toBe(false);
      }),
    );
  });
});

describe('other identifiers', () => {
  it.each([
    ['uprn', '100023336956', '100023336956'],
    ['uprn', '000010001', '10001'],
    ['usrn', '8400123', '8400123'],
    ['ods', 'rh8', 'RH8'],
    ['ods', 'A81001', 'A81001'],
    ['gss', ' e06000059 ', 'E06000059'],
    ['companies-house', '1234567', '01234567'],
    ['companies-house', 'sc123456', 'SC123456'],
    ['charity', '1123456', '1123456'],
  ] as const)('%s %j is valid as %j', (kind, input, value) => {
    expect(checkIdentifier(kind, input)).toEqual({ ok: true, value });
  });

  it.each([
    ['uprn', '0'],
    ['uprn', '1234567890123'],
    ['uprn', '12a'],
    ['usrn', '123456789'],
    ['ods', '12'],
    ['ods', '123456'],
    ['gss', 'E0600005'],
    ['gss', 'X06000059'],
    ['companies-house', 'ABC12345'],
    ['charity', '12345'],
    ['nhs-number', '9434765918'],
  ] as const)('%s %j is refused with a message saying what is expected', (kind, input) => {
    const result = checkIdentifier(kind, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/expected/);
  });
});
