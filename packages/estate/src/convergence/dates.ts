/** Calendar arithmetic on YYYY-MM-DD days (UTC), as contract terms count them. */

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** Adds (or with a negative n, subtracts) calendar months, clamping to the month's last day. */
export function addMonths(day: string, months: number): string {
  const d = toDate(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return toDay(target);
}

export function addDays(day: string, days: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
}

/** Whole and part months from `from` to `to` (negative when `to` is earlier), to one decimal. */
export function monthsBetween(from: string, to: string): number {
  return Math.round(((toDate(to).getTime() - toDate(from).getTime()) / (86_400_000 * 30.4375)) * 10) / 10;
}

/** The last day notice can be given: the end date minus an ISO 8601 notice period (P90D, P12W, P3M, P1Y). */
export function noticeDeadline(endDate: string, noticePeriod: string | null): string | null {
  const m = /^P(\d+)([DWMY])$/.exec(noticePeriod ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === 'D') return addDays(endDate, -n);
  if (m[2] === 'W') return addDays(endDate, -7 * n);
  return addMonths(endDate, m[2] === 'M' ? -n : -12 * n);
}

export const laterOf = (a: string, b: string) => (a > b ? a : b);
export const earlierOf = (a: string, b: string) => (a < b ? a : b);
