/**
 * Dates as systems write them, to ISO 'YYYY-MM-DD': 1956-03-12, 12/03/1956, 12-03-1956,
 * 12.03.1956, 19560312, 12 Mar 1956, 12 March 1956, ISO with a time, and two-digit years
 * (12/03/56: years up to the reference year's last two digits are this century, the rest
 * the last). Day first, as in the UK. Impossible dates (31/02) are refused.
 */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (!(year >= 1800 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(text: string, referenceYear: number): number {
  const y = Number(text);
  if (text.length === 4) return y;
  const pivot = referenceYear % 100;
  const century = referenceYear - pivot;
  return y <= pivot ? century + y : century - 100 + y;
}

/** @example parseDate('12/03/1956') // '1956-03-12' */
export function parseDate(raw: string, referenceYear = 2026): string | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{8})$/.exec(s);
  if (m) return iso(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s.*)?$/.exec(s);
  if (m) return iso(fullYear(m[3]!, referenceYear), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase().slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3)];
    return month ? iso(fullYear(m[3]!, referenceYear), month, Number(m[1])) : undefined;
  }
  return undefined;
}
