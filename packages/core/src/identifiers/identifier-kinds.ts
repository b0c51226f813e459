/**
 * The open identifiers Joinery speaks, each with its validation rule and a
 * normaliser, so that every room checks them the same way.
 */
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';

export type IdentifierKind = 'uprn' | 'usrn' | 'ods' | 'gss' | 'nhs-number' | 'companies-house' | 'charity';

export interface IdentifierRule {
  kind: IdentifierKind;
  label: string;
  /** What a valid value looks like, for error messages. */
  shape: string;
  normalise(input: string): string;
  isValid(normalised: string): boolean;
}

const trimmed = (input: string) => input.trim();
const upper = (input: string) => input.trim().toUpperCase().replace(/\s+/g, '');

export const IDENTIFIER_RULES: Record<IdentifierKind, IdentifierRule> = {
  // GeoPlace: UPRN is an integer of up to 12 digits, never zero.
  uprn: {
    kind: 'uprn',
    label: 'UPRN',
    shape: 'a whole number of 1 to 12 digits, not 0',
    normalise: (s) => trimmed(s).replace(/^0+(?=\d)/, ''),
    isValid: (s) => /^[1-9]\d{0,11}$/.test(s),
  },
  // GeoPlace: USRN is an integer of up to 8 digits.
  usrn: {
    kind: 'usrn',
    label: 'USRN',
    shape: 'a whole number of 1 to 8 digits, not 0',
    normalise: (s) => trimmed(s).replace(/^0+(?=\d)/, ''),
    isValid: (s) => /^[1-9]\d{0,7}$/.test(s),
  },
  // NHS ODS codes: 3 (trusts, e.g. RH8) to 6 (GP practices, e.g. A81001) alphanumerics,
  // up to 5 for sites (e.g. RH801); letters are upper case.
  ods: {
    kind: 'ods',
    label: 'ODS code',
    shape: '3 to 6 letters and digits, such as RH8 or A81001',
    normalise: upper,
    isValid: (s) => /^[A-Z0-9]{3,6}$/.test(s) && /[A-Z]/.test(s),
  },
  // ONS GSS codes: a letter for the nation, two digits for the entity type, six digits.
  gss: {
    kind: 'gss',
    label: 'GSS code',
    shape: 'E, W, S or N then 8 digits, such as E06000059',
    normalise: upper,
    isValid: (s) => /^[EWSNK]\d{8}$/.test(s),
  },
  'nhs-number': {
    kind: 'nhs-number',
    label: 'NHS number',
    shape: '10 digits whose last digit is the modulus-11 check digit',
    normalise: normaliseNhsNumber,
    isValid: isValidNhsNumber,
  },
  // Companies House: 8 characters; 8 digits for England and Wales, or a 2-letter prefix
  // (SC, NI, OC, LP, IP, …) and 6 digits. Short numbers are zero-padded to 8.
  'companies-house': {
    kind: 'companies-house',
    label: 'Companies House number',
    shape: '8 digits, or 2 letters and 6 digits, such as 01234567 or SC123456',
    normalise: (s) => {
      const v = upper(s);
      return /^\d{1,7}$/.test(v) ? v.padStart(8, '0') : v;
    },
    isValid: (s) => /^(\d{8}|[A-Z]{2}\d{6})$/.test(s),
  },
  // Charity Commission for England and Wales: 6 or 7 digits (optionally "-n" for a linked charity).
  charity: {
    kind: 'charity',
    label: 'Charity number',
    shape: '6 or 7 digits, such as 1123456',
    normalise: trimmed,
    isValid: (s) => /^\d{6,7}(-\d{1,2})?$/.test(s),
  },
};

export const IDENTIFIER_KINDS = Object.keys(IDENTIFIER_RULES) as IdentifierKind[];

/**
 * Normalises and checks one identifier.
 * @example checkIdentifier('gss', ' e06000059 ') // { ok: true, value: 'E06000059' }
 */
export function checkIdentifier(kind: IdentifierKind, input: string): { ok: true; value: string } | { ok: false; message: string } {
  const rule = IDENTIFIER_RULES[kind];
  const value = rule.normalise(input);
  if (rule.isValid(value)) return { ok: true, value };
  return { ok: false, message: `${rule.label} "${input}" is not valid: expected ${rule.shape}` };
}
