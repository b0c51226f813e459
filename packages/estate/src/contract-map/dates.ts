/**
 * Calendar arithmetic on YYYY-MM-DD days, in UTC so that no time zone or clock change moves a
 * deadline. Months and years are calendar months and years, not 30 or 365 days: three months
 * before 30 June is 30 March, the "corresponding date" (Dodds v Walker [1981] 1 WLR 1027, the
 * rule English courts apply to notice periods in months). When the corresponding date does not
 * exist the period ends on the last day of that month: three months before 31 May is 28 February
 * (29 in a leap year), one year before 29 February 2028 is 28 February 2027.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days since 1970-01-01 of a YYYY-MM-DD day. */
export function dayNumber(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`"${day}" is not a YYYY-MM-DD day`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The YYYY-MM-DD day of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** @example addDays('2028-03-31', 1) // '2028-04-01' */
export function addDays(day: string, days: number): string {
  return dayOfNumber(dayNumber(day) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). @example daysBetween('2028-01-01', '2028-03-01') // 60 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The day `months` calendar months after (negative: before) `day`, clamped to the month's last day.
 * @example addMonths('2027-05-31', -3) // '2027-02-28'
 */
export function addMonths(day: string, months: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`"${day}" is not a YYYY-MM-DD day`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

export type Duration = { amount: number; unit: 'D' | 'W' | 'M' | 'Y' };

/** An ISO 8601 duration of one unit (P90D, P12W, P3M, P1Y), as the estate stores notice periods. */
export function parseDuration(text: string | null): Duration | null {
  const m = text ? /^P(\d+)([DWMY])$/.exec(text) : null;
  return m ? { amount: Number(m[1]), unit: m[2] as Duration['unit'] } : null;
}

/**
 * `day` moved by a duration, backwards when `sign` is -1: days and weeks exactly, months and
 * years by the calendar (corresponding date, clamped to the end of the month).
 * @example shiftByDuration('2028-03-31', { amount: 3, unit: 'M' }, -1) // '2027-12-31'
 */
export function shiftByDuration(day: string, duration: Duration, sign: 1 | -1): string {
  const n = duration.amount * sign;
  switch (duration.unit) {
    case 'D':
      return addDays(day, n);
    case 'W':
      return addDays(day, 7 * n);
    case 'M':
      return addMonths(day, n);
    case 'Y':
      return addMonths(day, 12 * n);
  }
}

/** Today's day in UTC, for the real clock. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a string is a real YYYY-MM-DD day. */
export function isDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  return dayOfNumber(dayNumber(text)) === text;
}
