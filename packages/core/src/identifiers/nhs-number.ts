/**
 * NHS numbers: ten digits, the last a modulus-11 check digit.
 * NHS Data Dictionary, "NHS Number": weights 10..2 over the first nine digits;
 * check = 11 - (sum mod 11); 11 becomes 0; 10 means the nine digits can never be valid.
 */

/** The check digit for nine digits, or `undefined` when no valid number can end them. */
export function nhsNumberCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** Strips the spaces and hyphens people type ("943 476 5919", "943-476-5919"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * True when `input` is a ten-digit NHS number whose check digit is right.
 * @example isValidNhsNumber('943 476 5919') // true
 */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsNumberCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}
