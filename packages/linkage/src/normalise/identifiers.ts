/** Identifiers and contact details to one form each, or undefined when a value is not one. */
import { unitPostcode } from '../compare/postcode-scan.ts';

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * An NHS number as its ten digits (spaces, hyphens and full stops between them allowed), or undefined.
 * The check digit is not tested here (see `isValidNhsNumber`): a mistyped number can still meet its twin at the one-edit level.
 * @example normaliseNhsNumber('943 476 5919') // '9434765919'
 */
export function normaliseNhsNumber(raw: string): string | undefined {
  let digits = '';
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) {
      if (++count > 10) return undefined;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 9) return undefined;
  }
  if (count !== 10) return undefined;
  if (raw.length === 10) return raw;
  for (let i = 0; i < raw.length; i++) if (isDigit(raw.charCodeAt(i))) digits += raw[i];
  return digits;
}

/**
 * True when ten digits carry a valid NHS modulus 11 check digit (NHS Data Dictionary, "NHS Number").
 * @example isValidNhsNumber('9434765919') // true
 */
export function isValidNhsNumber(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const c = digits.charCodeAt(i);
    if (!isDigit(c)) return false;
    sum += (c - 48) * (10 - i);
  }
  const check = 11 - (sum % 11);
  const last = digits.charCodeAt(9) - 48;
  if (check === 10 || last < 0 || last > 9) return false;
  return (check === 11 ? 0 : check) === last;
}

/**
 * A telephone number as digits in UK national form: '+44', '0044' and a bare '44' before ten
 * digits become '0'; "(0)" is dropped; a UK number whose leading 0 was lost (as spreadsheets
 * lose it) gets it back. Other international numbers keep their country code after '00'.
 * Undefined unless the result is 10–11 digits starting 0 (or '00' and 9–15 digits more).
 * @example normalisePhone('+44 (0)1632 960 001') // '01632960001'
 */
export function normalisePhone(raw: string): string | undefined {
  let digits = '';
  let plus = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c)) digits += raw[i];
    else if (c === 43 && digits === '') plus = true;
    else if (c === 40 && raw.charCodeAt(i + 1) === 48 && raw.charCodeAt(i + 2) === 41)
      i += 2; // "(0)"
    else if (c === 120 || c === 88 || (c >= 97 && c <= 122 && digits.length >= 10)) break; // an extension: "x123", "ext 4"
  }
  let international = '';
  if (plus) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('44') && digits.length === 12) international = digits;
  if (international !== '') {
    if (!international.startsWith('44')) return international.length >= 9 && international.length <= 15 ? `00${international}` : undefined;
    digits = international.slice(international.charCodeAt(2) === 48 ? 3 : 2); // "+44 0…" written with its 0 too
    digits = `0${digits}`;
  } else if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) digits = `0${digits}`;
  return digits.length >= 10 && digits.length <= 11 && digits.charCodeAt(0) === 48 ? digits : undefined;
}

/**
 * An email address trimmed and lower-cased ('mailto:' and angle brackets dropped), or undefined when it has no user@domain.tld shape.
 * Dots in Gmail addresses are left alone: they are the same mailbox, but not always the same person's record.
 * @example normaliseEmail(' <Ann.Smith@Example.ORG> ') // 'ann.smith@example.org'
 */
export function normaliseEmail(raw: string): string | undefined {
  let email = raw.trim().toLowerCase();
  if (email.startsWith('mailto:')) email = email.slice(7);
  if (email.startsWith('<') && email.endsWith('>')) email = email.slice(1, -1).trim();
  const at = email.indexOf('@');
  if (at < 1 || at !== email.lastIndexOf('@')) return undefined;
  const dot = email.lastIndexOf('.');
  if (dot < at + 2 || dot === email.length - 1) return undefined;
  for (let i = 0; i < email.length; i++) {
    const c = email.charCodeAt(i);
    if (c <= 32 || c === 44 || c === 59 || c === 60 || c === 62) return undefined; // spaces, commas, semicolons, brackets
  }
  return email;
}

/**
 * A UK postcode as 'AB1 2CD' (upper case, one space), or undefined when it is not one.
 * @example normalisePostcode('wx12ab') // 'WX1 2AB'
 */
export function normalisePostcode(raw: string): string | undefined {
  return unitPostcode(raw);
}
