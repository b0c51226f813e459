import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/normalise/dates.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Every day from 1900-01-01 to 2030-12-31, by Date arithmetic in UTC. */
function everyDay(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

describe('parseDate: formats', () => {
  it.each([
    ['1956-03-12', '1956-03-12'],
    ['1956-3-12', '1956-03-12'],
    ['1956/03/12', '1956-03-12'],
    ['1956.03.12', '1956-03-12'],
    ['1956-03-12T00:00:00Z', '1956-03-12'],
    ['1956-03-12T23:59:59+01:00', '1956-03-12'], // the date as written: no time-zone shift
    ['1956-03-12 00:00:00', '1956-03-12'],
    ['19560312', '1956-03-12'],
    ['12/03/1956', '1956-03-12'],
    ['12-03-1956', '1956-03-12'],
    ['12.3.1956', '1956-03-12'],
    ['2/3/1956', '1956-03-02'],
    ['12/03/1956 00:00', '1956-03-12'],
    ['12/03/56', '1956-03-12'],
    ['12/03/26', '2026-03-12'],
    ['12/03/27', '1927-03-12'],
    ['01/01/00', '2000-01-01'],
    ['03/25/1956', '1956-03-25'], // only a US month-first reading works
    ['01/13/2001', '2001-01-13'],
    ['12 Mar 1956', '1956-03-12'],
    ['12 March 1956', '1956-03-12'],
    ['12 SEPT 1956', '1956-09-12'],
    ['12 Sep. 1956', '1956-09-12'],
    ['12-Mar-56', '1956-03-12'],
    ['12MAR1956', '1956-03-12'],
    ['12th March 1956', '1956-03-12'],
    ['1st May 2001', '2001-05-01'],
    ['March 12, 1956', '1956-03-12'],
    ['  12/03/1956  ', '1956-03-12'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it('pivots two-digit years on the reference year', () => {
    expect(parseDate('12/03/10', 2026)).toBe('2010-03-12');
    expect(parseDate('12/03/10', 2005)).toBe('1910-03-12');
    expect(parseDate('12/03/05', 2005)).toBe('2005-03-12');
  });

  it.each([
    '31/02/2001',
    '29/02/1900',
    '30/02/2000',
    '31/04/2001',
    '00/01/2001',
    '13/13/2001',
    '1956-13-01',
    '1956-02-30',
    '19560230',
    '1799-12-31',
    '2201-01-01',
    'not a date',
    '',
    '12/03',
    '12/03/195',
    '12/03-1956',
    '12 Marchly 1956',
    '12 Mars 1956',
    '1956-03-12x',
    '195603121',
    'Mar 1956',
  ])('refuses %j', (raw) => {
    expect(parseDate(raw)).toBeUndefined();
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseDate('29/02/2000')).toBe('2000-02-29');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/2023')).toBeUndefined();
  });
});

describe('parseDate: round trips', () => {
  it('reads back every valid date from 1900 to 2030 in every format it accepts', () => {
    const days = everyDay();
    expect(days.length).toBe(47847);
    for (const iso of days) {
      const [y, m, d] = iso.split('-') as [string, string, string];
      const month = Number(m) - 1;
      const forms = [
        iso,
        `${y}${m}${d}`,
        `${d}/${m}/${y}`,
        `${Number(d)}.${Number(m)}.${y}`,
        `${d} ${MONTHS[month]} ${y}`,
        `${Number(d)} ${FULL[month]} ${y}`,
        `${FULL[month]} ${Number(d)}, ${y}`,
        `${iso}T12:00:00Z`,
      ];
      for (const form of forms) if (parseDate(form) !== iso) expect(parseDate(form), form).toBe(iso);
    }
  });

  it('is idempotent on its own output, and gives only real ISO dates', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789/-. MarchJnT'), maxLength: 14 }), (raw) => {
        const iso = parseDate(raw);
        if (iso === undefined) return;
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
        expect(parseDate(iso)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
});
