/** Identifiers and contact details to one form each, or undefined when not one. */
import { parsePostcode } from '../compare/postcodes.ts';

/** @example normaliseNhsNumber('943 476 5919') // '9434765919' */
export function normaliseNhsNumber(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/** UK numbers to national form: +44 / 0044 / 44 become 0. @example normalisePhone('+44 (0)1632 960 001') // '01632960001' */
export function normalisePhone(raw: string): string | undefined {
  let digits = raw.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('44') && digits.length === 12) digits = `0${digits.slice(2)}`;
  return digits.length >= 9 && digits.length <= 11 ? digits : undefined;
}

/** @example normaliseEmail(' Ann.Smith@Example.ORG ') // 'ann.smith@example.org' */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/** @example normalisePostcode('wx12ab') // 'WX1 2AB' */
export function normalisePostcode(raw: string): string | undefined {
  return parsePostcode(raw)?.unit;
}
