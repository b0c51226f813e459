/**
 * Dates as systems write them, to ISO 8601 'YYYY-MM-DD':
 *
 * - '1956-03-12', '1956/03/12', '1956.3.12', and ISO with a time ('1956-03-12T00:00:00Z',
 *   '1956-03-12 00:00'): the date part as written, with no time-zone shift;
 * - '19560312' (eight digits, year first);
 * - '12/03/1956', '12-03-1956', '12.3.1956', '12/3/56', optionally followed by a time:
 *   day first, as in the UK. When the middle number cannot be a month but the first can
 *   ('03/25/1956'), the date is read month first, as a US export writes it;
 * - '12 Mar 1956', '12 March 1956', '12-Mar-56', '12MAR1956', '12th March 1956', 'March 12, 1956':
 *   English month names, full or in three letters (and 'Sept'), any case.
 *
 * Two-digit years pivot on `referenceYear` (default 2026): years up to its last two
 * digits are in its century, later ones in the century before; so '26' is 2026 and '27' is
 * 1927. Pass the extract's year when it is older. Years outside 1800–2200 and impossible
 * dates (31/02, 29/02/1900) give undefined. Scanned by hand: no regular expressions.
 */
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORDS = new Map<string, number>([['sept', 9]]);
MONTH_NAMES.forEach((name, i) => {
  MONTH_WORDS.set(name, i + 1);
  MONTH_WORDS.set(name.slice(0, 3), i + 1);
});

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return `${year}-${two(month)}-${two(day)}`;
}

// The scanner's cursor and last number read (module state: parseDate is not re-entrant, and needn't be).
let text = '';
let at = 0;
let digits = 0;

/** Reads up to `most` digits at the cursor; sets `digits` to how many were read. */
function number(most: number): number {
  let value = 0;
  digits = 0;
  while (digits < most && at < text.length && isDigit(text.charCodeAt(at))) {
    value = value * 10 + text.charCodeAt(at) - 48;
    at++;
    digits++;
  }
  return value;
}

/** Skips spaces, hyphens, commas and full stops between the parts of a written date. */
function separators(): void {
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 45 && c !== 44 && c !== 46 && c !== 9) break;
    at++;
  }
}

/** Reads an English month name at the cursor, or 0. */
function monthName(): number {
  const from = at;
  while (at < text.length && isLetter(text.charCodeAt(at))) at++;
  return MONTH_WORDS.get(text.slice(from, at).toLowerCase()) ?? 0;
}

/** Skips an ordinal suffix ('st', 'nd', 'rd', 'th') after a day. */
function ordinal(): void {
  if (at + 1 < text.length) {
    const pair = text.slice(at, at + 2).toLowerCase();
    if ((pair === 'st' || pair === 'nd' || pair === 'rd' || pair === 'th') && !(at + 2 < text.length && isLetter(text.charCodeAt(at + 2))))
      at += 2;
  }
}

const atEnd = () => at === text.length;
/** The end, or a time after a space (or 'T' when `t` is allowed). */
const atEndOrTime = (t: boolean) => {
  if (at === text.length) return true;
  const c = text.charCodeAt(at);
  return c === 32 || c === 9 || (t && (c === 84 || c === 116));
};

function fullYear(year: number, width: number, referenceYear: number): number {
  if (width === 4) return year;
  const pivot = referenceYear % 100;
  const century = referenceYear - pivot;
  return year <= pivot ? century + year : century - 100 + year;
}

/**
 * A date as written in records, to ISO 'YYYY-MM-DD', or undefined when it is not a real date.
 * @example parseDate('12/03/1956') // '1956-03-12'
 */
export function parseDate(raw: string, referenceYear = 2026): string | undefined {
  text = raw.trim();
  at = 0;
  if (text.length < 6) return undefined;
  const c0 = text.charCodeAt(0);
  if (isLetter(c0)) {
    // 'March 12, 1956'
    const month = monthName();
    if (month === 0) return undefined;
    separators();
    const day = number(2);
    if (digits === 0 || isDigit(text.charCodeAt(at))) return undefined; // 'Mar 1956' is no day
    ordinal();
    separators();
    const year = number(4);
    if ((digits !== 4 && digits !== 2) || !atEnd()) return undefined;
    return iso(fullYear(year, digits, referenceYear), month, day);
  }
  if (!isDigit(c0)) return undefined;
  const first = number(8);
  const width = digits;
  if (width === 8) return atEnd() ? iso((first / 10000) | 0, ((first / 100) | 0) % 100, first % 100) : undefined;
  const separator = text.charCodeAt(at);
  const numericSeparator = separator === 45 || separator === 47 || separator === 46; // - / .
  if (width === 4) {
    // Year first: 1956-03-12, 1956/3/12, with an optional time.
    if (!numericSeparator) return undefined;
    at++;
    const month = number(2);
    if (digits === 0 || text.charCodeAt(at) !== separator) return undefined;
    at++;
    const day = number(2);
    if (digits === 0 || !atEndOrTime(true)) return undefined;
    return iso(first, month, day);
  }
  if (width > 2) return undefined;
  if (numericSeparator && isDigit(text.charCodeAt(at + 1))) {
    // Day first: 12/03/1956, 12.3.56, with an optional time.
    at++;
    const second = number(2);
    if (digits === 0 || text.charCodeAt(at) !== separator) return undefined;
    at++;
    const year = number(4);
    if ((digits !== 4 && digits !== 2) || !atEndOrTime(false)) return undefined;
    const full = fullYear(year, digits, referenceYear);
    if (second > 12 && first <= 12) return iso(full, first, second); // only a US month-first reading works
    return iso(full, second, first);
  }
  // Written month: 12 Mar 1956, 12-Mar-56, 12th March 1956, 12MAR1956 (SAS's DATE9).
  ordinal();
  separators();
  const month = monthName();
  if (month === 0) return undefined;
  separators();
  const year = number(4);
  if ((digits !== 4 && digits !== 2) || !atEnd()) return undefined;
  return iso(fullYear(year, digits, referenceYear), month, first);
}
