/**
 * Date comparisons on ISO 'YYYY-MM-DD' strings, by arithmetic on day numbers: no Date
 * objects in the hot loop.
 */
const code = (s: string, i: number) => s.charCodeAt(i) - 48;
const year = (s: string) => code(s, 0) * 1000 + code(s, 1) * 100 + code(s, 2) * 10 + code(s, 3);
const month = (s: string) => code(s, 5) * 10 + code(s, 6);
const day = (s: string) => code(s, 8) * 10 + code(s, 9);

/** Days since 1970-01-01 (proleptic Gregorian; Hinnant's days_from_civil). */
function dayNumber(s: string): number {
  let y = year(s);
  const m = month(s);
  const d = day(s);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** @example daysBetween('2000-01-01', '2000-03-01') // 60 */
export function daysBetween(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

/** Whole months apart (ignoring days). @example monthsBetween('2000-01-31', '2000-03-01') // 2 */
export function monthsBetween(a: string, b: string): number {
  return Math.abs(year(a) * 12 + month(a) - (year(b) * 12 + month(b)));
}

/** Whole years apart (ignoring months and days). @example yearsBetween('1950-12-31', '1952-01-01') // 2 */
export function yearsBetween(a: string, b: string): number {
  return Math.abs(year(a) - year(b));
}

/** Day and month swapped, as in a US/UK mix-up. @example dayMonthTransposed('2001-03-04', '2001-04-03') // true */
export function dayMonthTransposed(a: string, b: string): boolean {
  return a !== b && year(a) === year(b) && month(a) === day(b) && day(a) === month(b);
}

/** @example sameYearMonth('2001-03-04', '2001-03-28') // true */
export function sameYearMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** @example dateWithin('2001-03-04', '2001-03-10', 7, 'day') // true */
export function dateWithin(a: string, b: string, amount: number, unit: 'day' | 'month' | 'year'): boolean {
  if (unit === 'day') return daysBetween(a, b) <= amount;
  if (unit === 'month') return monthsBetween(a, b) <= amount;
  return yearsBetween(a, b) <= amount;
}
