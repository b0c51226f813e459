/**
 * Date comparisons on ISO 'YYYY-MM-DD' strings (what `parseDate` produces), by integer
 * arithmetic on the digits: no Date objects, no substrings. Inputs are assumed valid.
 *
 * Months and years between are counted as calendar boundaries crossed, ignoring the day
 * (and month), as DuckDB's date_diff('month' | 'year', …) does: 2000-01-31 and 2000-02-01
 * are one month apart. For "within N days" use the day count.
 */
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const yearOf = (s: string) => digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
const monthOf = (s: string) => digit(s, 5) * 10 + digit(s, 6);
const dayOf = (s: string) => digit(s, 8) * 10 + digit(s, 9);

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Hinnant, "chrono-compatible low-level date algorithms": days_from_civil). */
function dayNumber(s: string): number {
  const m = monthOf(s);
  const y = yearOf(s) - (m <= 2 ? 1 : 0);
  const era = ((y >= 0 ? y : y - 399) / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + dayOf(s) - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Absolute number of days between two ISO dates.
 * @example daysBetween('2000-01-01', '2000-03-01') // 60
 */
export function daysBetween(a: string, b: string): number {
  const d = dayNumber(a) - dayNumber(b);
  return d < 0 ? -d : d;
}

/**
 * Absolute number of calendar months between two ISO dates, ignoring the day.
 * @example monthsBetween('2000-01-31', '2000-03-01') // 2
 */
export function monthsBetween(a: string, b: string): number {
  const d = yearOf(a) * 12 + monthOf(a) - (yearOf(b) * 12 + monthOf(b));
  return d < 0 ? -d : d;
}

/**
 * Absolute number of calendar years between two ISO dates, ignoring month and day.
 * @example yearsBetween('1950-12-31', '1952-01-01') // 2
 */
export function yearsBetween(a: string, b: string): number {
  const d = yearOf(a) - yearOf(b);
  return d < 0 ? -d : d;
}

/**
 * True when two different dates have the same year and each one's day is the other's month (a UK/US mix-up).
 * @example dayMonthTransposed('2001-03-04', '2001-04-03') // true
 */
export function dayMonthTransposed(a: string, b: string): boolean {
  // Same year, a's month digits are b's day digits and the other way round; then they differ
  // exactly when the day and month differ.
  return (
    a.charCodeAt(5) === b.charCodeAt(8) &&
    a.charCodeAt(6) === b.charCodeAt(9) &&
    a.charCodeAt(8) === b.charCodeAt(5) &&
    a.charCodeAt(9) === b.charCodeAt(6) &&
    (a.charCodeAt(5) !== a.charCodeAt(8) || a.charCodeAt(6) !== a.charCodeAt(9)) &&
    a.charCodeAt(0) === b.charCodeAt(0) &&
    a.charCodeAt(1) === b.charCodeAt(1) &&
    a.charCodeAt(2) === b.charCodeAt(2) &&
    a.charCodeAt(3) === b.charCodeAt(3)
  );
}

/**
 * True when two ISO dates fall in the same month of the same year.
 * @example sameYearMonth('2001-03-04', '2001-03-28') // true
 */
export function sameYearMonth(a: string, b: string): boolean {
  for (let i = 0; i < 7; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * True when two ISO dates are at most `amount` days, calendar months or calendar years apart.
 * @example dateWithin('2001-03-04', '2001-03-10', 7, 'day') // true
 */
export function dateWithin(a: string, b: string, amount: number, unit: 'day' | 'month' | 'year'): boolean {
  if (unit === 'day') return daysBetween(a, b) <= amount;
  if (unit === 'month') return monthsBetween(a, b) <= amount;
  return yearsBetween(a, b) <= amount;
}
