/**
 * Reading the values councils put in contract registers: dates as DD/MM/YYYY, ISO or
 * 01-Apr-2013; money with £ and commas; Yes/No/Y/N flags; Companies House and charity
 * numbers as typed by hand. Each reader returns the value, or null for a blank, or a
 * `Refusal` saying why, so that the caller can collect every problem of a file.
 */

export class Refusal {
  constructor(readonly message: string) {}
}
export type Read<T> = T | null | Refusal;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoIfReal(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A date as YYYY-MM-DD. UK registers write day first (DD/MM/YYYY), so 04/09/2014 is 4 September.
 * @example readDate('01-Apr-2013') // '2013-04-01'
 */
export function readDate(text: string): Read<string> {
  const value = text.trim();
  if (value === '') return null;
  let parts: [number, number, number] | undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dmy) parts = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  const named = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4})$/.exec(value);
  if (named) {
    const month = MONTHS.indexOf(named[2]!.toLowerCase()) + 1;
    if (month > 0) parts = [Number(named[3]), month, Number(named[1])];
  }
  if (!parts) return new Refusal(`"${value}" is not a date: write DD/MM/YYYY (e.g. 31/03/2027) or YYYY-MM-DD`);
  const iso = isoIfReal(...parts);
  return iso ?? new Refusal(`"${value}" is not a real date`);
}

/**
 * A contract's value as the register gives it: negative amounts (a minus sign, or accounting
 * brackets) are kept negative, as registers list adjustments to framework agreements that way.
 * @example readSignedMoney('(3,728)') // -3728
 */
export function readSignedMoney(text: string): Read<number> {
  const value = text.trim();
  const negative = /^-\s*(.+)$/.exec(value)?.[1] ?? /^\((.+)\)$/.exec(value)?.[1];
  if (negative === undefined) return readMoney(value);
  const amount = readMoney(negative);
  return typeof amount === 'number' ? (amount === 0 ? 0 : -amount) : amount;
}

/**
 * A registered society number (FCA Mutuals Public Register: IP19473R, 30046R), or undefined
 * when the text is not one.
 * @example readSocietyNumber('ip19473r') // 'IP19473R'
 */
export function readSocietyNumber(text: string): string | undefined {
  const plain = text.trim().toUpperCase().replace(/\s+/g, '');
  return /^(IP)?\d{1,6}R$/.test(plain) ? plain : undefined;
}

/**
 * Pounds: £, commas and spaces allowed, pence to two places; never negative.
 * @example readMoney('£1,250,000.00') // 1250000
 */
export function readMoney(text: string): Read<number> {
  const value = text.trim();
  if (value === '') return null;
  // Accounts write a negative amount in brackets; a contract's value cannot be below zero.
  if (/^(-|\(.*\)$)/.test(value)) return new Refusal(`"${value}" is a negative amount: a contract value cannot be below zero`);
  const plain = value
    .replace(/^£\s*/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .replace(/\s+/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain))
    return new Refusal(`"${value}" is not an amount of money: write pounds, e.g. 125000 or £125,000.00`);
  const amount = Number(plain);
  // numeric(16,2) in the database: up to £99 trillion, far beyond any council contract.
  if (amount >= 1e14) return new Refusal(`"${value}" is too large to be a contract value`);
  return amount;
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** @example readFlag('Y') // true */
export function readFlag(text: string): Read<boolean> {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return new Refusal(`"${text.trim()}" is not yes or no: write Yes, No, Y or N`);
}

const DURATION_UNITS: Record<string, 'D' | 'W' | 'M' | 'Y'> = {
  d: 'D',
  day: 'D',
  w: 'W',
  week: 'W',
  m: 'M',
  month: 'M',
  y: 'Y',
  year: 'Y',
};

/**
 * A notice period as the contract states it, as an ISO 8601 duration ("90 days" → P90D,
 * "3 months" → P3M, "1 year" → P1Y, "P6M" as it is): months stay months, because a notice
 * deadline counts calendar months back from the end date. A bare number is in `unit`, which the
 * column's header gives ("Notice period (months)"), days otherwise.
 * @example readNoticePeriod('3 months') // 'P3M'
 */
export function readNoticePeriod(text: string, unit: 'D' | 'W' | 'M' | 'Y' = 'D'): Read<string> {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  const iso = /^p(\d{1,4})([dwmy])$/.exec(value);
  if (iso) return `P${Number(iso[1])}${iso[2]!.toUpperCase()}`;
  const m = /^(\d{1,4})\s*(?:(d|days?|w|wks?|weeks?|m|mths?|months?|y|yrs?|years?)\.?)?$/.exec(value);
  if (!m) return new Refusal(`"${text.trim()}" is not a notice period: write e.g. 90 days, 12 weeks, 3 months or P3M`);
  const word = m[2]
    ?.replace(/s$/, '')
    .replace(/^wk$/, 'week')
    .replace(/^(mth|mt)$/, 'month')
    .replace(/^yr$/, 'year');
  return `P${Number(m[1])}${word ? DURATION_UNITS[word] : unit}`;
}

/** A notice period for people: P3M → "3 months", P1D → "1 day". */
export function describeNoticePeriod(duration: string | null): string | null {
  const m = duration ? /^P(\d+)([DWMY])$/.exec(duration) : null;
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { D: 'day', W: 'week', M: 'month', Y: 'year' }[m[2] as 'D' | 'W' | 'M' | 'Y'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The unit a notice period column's bare numbers are in, from its header ("Notice period (months)" → M). */
export function noticeUnitOf(header: string | undefined): 'D' | 'W' | 'M' | 'Y' {
  const h = (header ?? '').toLowerCase();
  return /month/.test(h) ? 'M' : /week/.test(h) ? 'W' : /year/.test(h) ? 'Y' : 'D';
}

/**
 * A Companies House number, normalised: the jurisdiction prefix some registers copy from
 * OpenCorporates ("gb/") dropped, upper case, and leading zeros that spreadsheets strip put
 * back. Companies House numbers are 8 characters: 8 digits, or a 2-letter prefix for the
 * register (SC Scotland, NI Northern Ireland, OC LLPs, FC overseas…) and 6 digits.
 * @example readCompanyNumber('gb/2165763') // '02165763'
 */
export function readCompanyNumber(text: string): Read<string> {
  const value = text.trim();
  if (value === '') return null;
  const plain = value
    .replace(/^gb\//i, '')
    .replace(/[\s.-]/g, '')
    .toUpperCase();
  // 5 to 7 digits: the leading zeros of an 8-digit number, lost in a spreadsheet.
  if (/^\d{5,8}$/.test(plain)) return plain.padStart(8, '0');
  if (/^[A-Z]{2}\d{6}$/.test(plain)) return plain;
  if (/^IP\d{5}R$/.test(plain))
    return new Refusal(
      `"${value}" is a registered society number (FCA Mutuals Public Register), not a Companies House number: put it in another column`,
    );
  return new Refusal(`"${value}" is not a Companies House number: 8 digits (e.g. 02165763), or 2 letters and 6 digits (e.g. SC123456)`);
}

/**
 * A charity number: England and Wales 6–7 digits (Charity Commission), Scotland SC + 6 digits
 * (OSCR), Northern Ireland NIC + 6 digits (CCNI; 100000–199999 in older registers).
 * @example readCharityNumber('sc012345') // 'SC012345'
 */
export function readCharityNumber(text: string): Read<string> {
  const value = text.trim();
  if (value === '') return null;
  const plain = value.replace(/\s/g, '').toUpperCase();
  if (/^\d{6,7}(-\d{1,2})?$/.test(plain) || /^SC\d{6}$/.test(plain) || /^NIC\d{6}$/.test(plain)) return plain;
  return new Refusal(`"${value}" is not a charity number: 6 or 7 digits (England and Wales), SC and 6 digits, or NIC and 6 digits`);
}

/**
 * A Common Procurement Vocabulary code: 8 digits and, usually, a check digit ("72000000-5").
 * @example readCpvCode('72000000') // '72000000'
 */
export function readCpvCode(text: string): Read<string> {
  const value = text.trim();
  if (value === '') return null;
  if (/^\d{8}(-\d)?$/.test(value)) return value;
  return new Refusal(`"${value}" is not a CPV code: 8 digits and a check digit, e.g. 72000000-5`);
}

/** Several dates in one cell, separated by ; , or | (break dates). */
export function readDates(text: string): string[] | Refusal {
  const values = text
    .split(/[;,|]/)
    .map((v) => v.trim())
    .filter(Boolean);
  const dates: string[] = [];
  for (const v of values) {
    const date = readDate(v);
    if (date instanceof Refusal) return new Refusal(`${date.message} (separate several dates with ;)`);
    if (date) dates.push(date);
  }
  return [...new Set(dates)].sort();
}

/** Free text, trimmed, or null when blank. */
export function readText(text: string, maxLength: number): Read<string> {
  const value = text.trim().replace(/\s+/g, ' ');
  if (value === '') return null;
  if (value.length > maxLength) return new Refusal(`is ${value.length} characters long: at most ${maxLength}`);
  return value;
}
