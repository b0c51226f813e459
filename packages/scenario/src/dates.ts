/**
 * Dates as whole days since 1970-01-01 (UTC), because the simulation does arithmetic on
 * millions of them; formatted to strings only when a record is written.
 */

const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day number, as days since 1970-01-01. */
export type Day = number;

/** The date the scenario is "as at": extracts are taken on this day. Fixed, never the clock. */
export const SCENARIO_DATE = '2026-04-01';
/** Ten years of history: people move, are born and die between these two days. */
export const WINDOW_START = '2016-04-01';

export function dayOf(iso: string): Day {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export const SCENARIO_DAY = dayOf(SCENARIO_DATE);
export const WINDOW_START_DAY = dayOf(WINDOW_START);

interface Parts {
  year: number;
  month: number;
  day: number;
}

function partsOf(day: Day): Parts {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function isoDate(day: Day): string {
  const p = partsOf(day);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Whole years between a date of birth and a day (birthdays counted exactly). */
export function ageOn(dateOfBirth: Day, on: Day): number {
  const b = partsOf(dateOfBirth);
  const d = partsOf(on);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age--;
  return age;
}

/** Approximate age in years, for the simulation's hot loops where a day either way is fine. */
export function roughAge(dateOfBirth: Day, on: Day): number {
  return (on - dateOfBirth) / 365.25;
}

/** The date formats found in council and NHS systems. */
export type DateFormat = 'iso' | 'dd/mm/yyyy' | 'd/m/yyyy' | 'dd-mmm-yyyy' | 'yyyymmdd' | 'dd.mm.yyyy';

/**
 * Formats a day; `swapDayMonth` writes it as an American-style date would have been keyed,
 * which is how transposed day/month errors arise in practice.
 */
export function formatDate(day: Day, format: DateFormat, swapDayMonth = false): string {
  const p = partsOf(day);
  const dd = swapDayMonth ? p.month : p.day;
  const mm = swapDayMonth ? p.day : p.month;
  switch (format) {
    case 'iso':
      return `${p.year}-${pad2(mm)}-${pad2(dd)}`;
    case 'dd/mm/yyyy':
      return `${pad2(dd)}/${pad2(mm)}/${p.year}`;
    case 'd/m/yyyy':
      return `${dd}/${mm}/${p.year}`;
    case 'dd-mmm-yyyy':
      return `${pad2(dd)}-${MONTHS[mm - 1]}-${p.year}`;
    case 'yyyymmdd':
      return `${p.year}${pad2(mm)}${pad2(dd)}`;
    case 'dd.mm.yyyy':
      return `${pad2(dd)}.${pad2(mm)}.${p.year}`;
  }
}

/** True when day and month can be swapped and still make a (different) valid date. */
export function canSwapDayMonth(day: Day): boolean {
  const p = partsOf(day);
  return p.day <= 12 && p.day !== p.month;
}

/** A time of day as HH:MM, for case logs. */
export function formatTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60) % 24)}:${pad2(minutes % 60)}`;
}
